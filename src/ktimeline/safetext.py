"""The one boundary between untrusted text (a store, a curated file, the user's input) and a
terminal: control characters and bidi overrides are shown, never obeyed.

C0 controls (but tab and newline where the text means them), DEL, C1 controls, the line and
paragraph separators, the bidi embedding/override/isolate controls and lone surrogates become
visible escapes (``\\x1b``, ``\\x9b``, ``\\u202e``), as git quotes a path and ripgrep a binary
line. Nothing here imports the data layer or the UI: both use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from typing import Any

# Everything a terminal may act on, or that reorders what it shows, besides C0 and DEL.
_OTHERS = (
    "\x80-\x9f"  # C1 (U+009B is CSI, U+009D is OSC to some terminals)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates (undecodable bytes kept by surrogateescape)
)
UNSAFE = re.compile(f"[\x00-\x1f\x7f{_OTHERS}]")
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f{_OTHERS}]")  # tab, newline kept
_UNSAFE_IN_JSON = re.compile(f"[\x7f{_OTHERS}]")  # json.dumps escapes C0 itself
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_char(char: str) -> str:
    """One unsafe character's visible form: ``\\t``, ``\\x1b``, ``\\u202e``."""
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_match(found: re.Match[str]) -> str:
    return escape_char(found.group())


def visible(value: object, multiline: bool = False) -> str:
    """``value`` as text safe to print: every unsafe character escaped. With ``multiline``, tab
    and newline stay (a summary's paragraphs); otherwise they are escaped too (one cell, one
    line)."""
    text = value if isinstance(value, str) else str(value)
    pattern = _UNSAFE_MULTILINE if multiline else UNSAFE
    if pattern.search(text) is None:  # the common case: no copy, one scan
        return text
    return pattern.sub(_escape_match, text)


def unsafe_chars(text: str, multiline: bool = False) -> list[str]:
    """The distinct unsafe characters in ``text``, escaped, in order of appearance."""
    pattern = _UNSAFE_MULTILINE if multiline else UNSAFE
    return list(dict.fromkeys(escape_char(c) for c in pattern.findall(text)))


# Fields whose text may run over several lines (summaries, notes, reasons); every other string
# is shown on one.
MULTILINE_FIELDS = ("summary_en", "summary_ja", "note", "reason")


def visible_tree(value: Any, multiline_keys: Collection[str] = MULTILINE_FIELDS) -> Any:
    """A copy of a JSON-like tree (dicts, lists, scalars) with every string made visible; strings
    under ``multiline_keys`` keep their tabs and newlines."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, Mapping):
        return {(visible(k) if isinstance(k, str) else k):
                (visible(v, multiline=True) if k in multiline_keys and isinstance(v, str)
                 else visible_tree(v, multiline_keys))
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [visible_tree(v, multiline_keys) for v in value]
    return value


def _json_escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def json_text(payload: Any, ensure_ascii: bool, indent: int | None = None) -> str:
    """JSON with every unsafe character \\u-escaped, C1 and bidi controls included (which
    ``ensure_ascii=False`` would emit raw). The same JSON: only its spelling changes."""
    text = json.dumps(payload, ensure_ascii=ensure_ascii, indent=indent)
    return _UNSAFE_IN_JSON.sub(_json_escape, text)


def safe_json(text: str) -> str:
    """JSON text from elsewhere (the store's) with every unsafe character \\u-escaped: the same
    JSON where the character was inside a string, and never a raw control on a terminal."""
    return UNSAFE.sub(_json_escape, text)
