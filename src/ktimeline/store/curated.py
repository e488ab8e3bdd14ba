"""Read the human-edited TOML files under data/curated and check each entry's fields."""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ktimeline.safetext import MULTILINE_FIELDS, unsafe_chars
from ktimeline.store import dates
from ktimeline.store.schema import EVENT_KINDS

SCRIPTS = ("kanji", "katakana", "hiragana", "hangul", "latin", "cyrillic", "mixed")
SCHEMES = ("dprk", "mr", "rr", "press", "japanese", "english", "bgn", "scientific", "other")
SOURCE_KINDS = ("primary", "press", "analysis", "reference")
SIDES = ("KP", "RU", "SU", "other")
RANK_CHANGES = ("promotion", "demotion", "restoration", "held")
COUNTRIES = ("KP", "RU", "SU", "KR", "JP", "CN", "US", "other")
# `read`: the curator read the whole page; `lead`: only a summary, teaser or encyclopedia entry.
SOURCE_STATUSES = ("read", "lead")


@dataclass(frozen=True)
class Field:
    kind: str  # str | bool | int | date | cites | strings | table
    required: bool = False
    choices: tuple[str, ...] = ()
    nested: dict[str, Field] | None = None


def _f(kind: str, required: bool = False, choices: tuple[str, ...] = (),
       nested: dict[str, Field] | None = None) -> Field:
    return Field(kind, required, choices, nested)


NAME = {
    "text": _f("str", True), "script": _f("str", True, SCRIPTS), "lang": _f("str", True),
    "scheme": _f("str", False, SCHEMES), "preferred": _f("bool"), "reading_of": _f("str"),
    "sources": _f("cites"), "note": _f("str"),
}
POST_TERM = {
    "post": _f("str", True), "start": _f("date", True), "end": _f("date"),
    "sources": _f("cites", True), "note": _f("str"),
}
RANK_CHANGE = {
    "rank": _f("str", True), "date": _f("date", True), "change": _f("str", True, RANK_CHANGES),
    "sources": _f("cites", True), "note": _f("str"),
}
PARTICIPANT = {
    "person": _f("str", True), "side": _f("str", True, SIDES), "role": _f("str"),
    "printed_title": _f("str"), "disputed": _f("bool"), "sources": _f("cites"), "note": _f("str"),
}
CLAIM = {
    "value": _f("str", True), "preferred": _f("bool"), "sources": _f("cites", True),
    "note": _f("str"),
}

SPEC: dict[str, dict[str, Field]] = {
    "source": {
        "id": _f("str", True), "publisher": _f("str", True), "author": _f("str"),
        "title": _f("str", True), "published": _f("date", True), "url": _f("str"),
        "lang": _f("str", True), "kind": _f("str", True, SOURCE_KINDS), "note": _f("str"),
        "status": _f("str", False, SOURCE_STATUSES), "paraphrased_title": _f("bool"),
    },
    "place": {
        "id": _f("str", True), "name_en": _f("str", True), "name_ja": _f("str"),
        "country": _f("str", False, COUNTRIES),
    },
    "organisation": {
        "id": _f("str", True), "name_en": _f("str", True), "name_ja": _f("str"),
        "country": _f("str", False, COUNTRIES),
    },
    "post": {
        "id": _f("str", True), "organisation": _f("str", True), "title_en": _f("str", True),
        "title_ja": _f("str"), "single_holder": _f("bool"), "aliases": _f("strings"),
        "military": _f("bool"), "established": _f("date"), "abolished": _f("date"),
        "sources": _f("cites"), "note": _f("str"),
    },
    "rank_system": {
        "id": _f("str", True), "name_en": _f("str", True), "name_ja": _f("str"),
        "country": _f("str", False, COUNTRIES),
    },
    "rank": {
        "id": _f("str", True), "system": _f("str", True), "seniority": _f("int", True),
        "title_en": _f("str", True), "title_ja": _f("str"), "aliases": _f("strings"),
    },
    "person": {
        "id": _f("str", True), "country": _f("str", True, COUNTRIES), "born": _f("date"),
        "died": _f("date"), "sources": _f("cites", True), "not_same_as": _f("strings"),
        "note": _f("str"),
        "names": _f("table", True, nested=NAME), "posts": _f("table", nested=POST_TERM),
        "ranks": _f("table", nested=RANK_CHANGE),
    },
    "event": {
        "id": _f("str", True), "kind": _f("str", True, EVENT_KINDS), "date": _f("date", True),
        "end": _f("date"), "place": _f("str"), "title_en": _f("str", True),
        "title_ja": _f("str", True), "summary_en": _f("str", True),
        "summary_ja": _f("str", True), "sources": _f("cites", True), "note": _f("str"),
        "participants": _f("table", nested=PARTICIPANT),
    },
    # Adds name forms, posts and ranks to a person defined in another file.
    "career": {
        "person": _f("str", True), "note": _f("str"),
        "names": _f("table", nested=NAME), "posts": _f("table", nested=POST_TERM),
        "ranks": _f("table", nested=RANK_CHANGE),
    },
    "conflict": {
        "id": _f("str", True), "subject": _f("str", True), "field": _f("str", True),
        "reason": _f("str", True), "claims": _f("table", True, nested=CLAIM),
    },
}

# Every entry and every nested item may carry a note for curators only (about seeds, ownership,
# what to add later): it is checked like any text but never reaches the store or a user.
for _table in (*SPEC.values(), NAME, POST_TERM, RANK_CHANGE, PARTICIPANT, CLAIM):
    _table["curator_note"] = _f("str")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a curated file, located by file, entry and field."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Cite:
    source: str
    locator: str | None


@dataclass
class Entry:
    """One curated record with where it came from, for error messages."""

    table: str
    file: str
    values: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.values.get("id", "?"))

    @property
    def label(self) -> str:
        if self.table == "career":
            return f"career for {self.values.get('person', '?')!r}"
        return f"{self.table} {self.id!r}"


@dataclass
class Curated:
    entries: dict[str, list[Entry]] = field(default_factory=lambda: {t: [] for t in SPEC})
    problems: list[Problem] = field(default_factory=list)


def parse_cite(text: str) -> Cite:
    source, _, locator = text.partition("#")
    return Cite(source.strip(), locator.strip() or None)


def _check_value(spec: Field, value: Any, where: str, report: list[str]) -> Any:
    """Return the normalised value; append a message to ``report`` when it is wrong."""
    if spec.kind == "str":
        if not isinstance(value, str) or not value.strip():
            report.append(f"{where}: expected non-empty text")
            return None
        if spec.choices and value not in spec.choices:
            report.append(f"{where}: {value!r} is not one of {', '.join(spec.choices)}")
            return None
        return value.strip()
    if spec.kind == "bool":
        if not isinstance(value, bool):
            report.append(f"{where}: expected true or false")
            return None
        return value
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            report.append(f"{where}: expected a whole number")
            return None
        return value
    if spec.kind == "date":
        # TOML's bare dates arrive as date objects; keep the text form curators see.
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            value = value.isoformat()
        try:
            return dates.parse(value).text
        except dates.DateError as error:
            report.append(f"{where}: {error}")
            return None
    if spec.kind in ("cites", "strings"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            report.append(f"{where}: expected a list of non-empty texts")
            return None
        if spec.kind == "cites":
            if not value:
                report.append(f"{where}: cites no source")
                return None
            return [parse_cite(v) for v in value]
        return [v.strip() for v in value]
    raise AssertionError(spec.kind)


def _check_table(spec: dict[str, Field], raw: Any, where: str, report: list[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        report.append(f"{where}: expected a table")
        return {}
    values: dict[str, Any] = {}
    for key in raw:
        if key not in spec:
            report.append(f"{where}{key}: unknown field (known: {', '.join(spec)})")
    for key, fspec in spec.items():
        if key not in raw:
            if fspec.required:
                report.append(f"{where}{key}: missing")
            continue
        if fspec.kind == "table":
            items = raw[key]
            if not isinstance(items, list):
                report.append(f"{where}{key}: expected a list of tables")
                continue
            if fspec.required and not items:
                report.append(f"{where}{key}: empty")
            assert fspec.nested is not None
            values[key] = [
                _check_table(fspec.nested, item, f"{where}{key}[{i}].", report)
                for i, item in enumerate(items)
            ]
        else:
            values[key] = _check_value(fspec, raw[key], f"{where}{key}", report)
            _check_characters(raw[key], key in MULTILINE_FIELDS, f"{where}{key}", report)
    return values


def _check_characters(value: Any, multiline: bool, where: str, report: list[str]) -> None:
    """Control characters and bidi overrides are refused: the text reaches terminals, where
    they would act (an ESC sequence sets the clipboard) or disguise what is shown."""
    texts = value if isinstance(value, list) else [value]
    found = [c for t in texts if isinstance(t, str) for c in unsafe_chars(t, multiline)]
    if found:
        shown = ", ".join(dict.fromkeys(found))
        report.append(f"{where}: contains control or bidi-override characters ({shown}); "
                      "remove them")


def _split(message: str) -> tuple[str, str]:
    field_name, _, text = message.partition(": ")
    return field_name, text


def load_file(path: Path, display: str, into: Curated) -> None:
    try:
        # utf-8-sig: a byte-order mark some editors write is not the file's first character.
        document = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        into.problems.append(Problem(display, "file", "syntax", str(error)))
        return
    except OSError as error:
        into.problems.append(Problem(display, "file", "read", error.strerror or str(error)))
        return
    for table, items in document.items():
        if table not in SPEC:
            into.problems.append(Problem(display, "file", table,
                                         f"unknown table (known: {', '.join(SPEC)})"))
            continue
        if not isinstance(items, list):
            into.problems.append(Problem(display, "file", table, f"write entries as [[{table}]]"))
            continue
        for index, raw in enumerate(items):
            report: list[str] = []
            values = _check_table(SPEC[table], raw, "", report)
            entry = Entry(table, display, values)
            label = entry.label if values.get("id") or values.get("person") \
                else f"{table} #{index + 1}"
            for message in report:
                into.problems.append(Problem(display, label, *_split(message)))
            into.entries[table].append(entry)


def _refusal(path: Path, inside: Path) -> str | None:
    """Why ``path`` is not read, if it is not: only regular files under the curated directory
    (a FIFO would block the read forever; a link out of the directory reads someone else's)."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as error:  # a dangling link, a loop of links
        return f"cannot read ({getattr(error, 'strerror', None) or error})"
    if not real.is_relative_to(inside):
        return f"a link to {real}, outside the curated directory"
    if not real.is_file():
        return "not a regular file"
    return None


def load(directory: Path, root: Path | None = None) -> Curated:
    """Load every ``*.toml`` under ``directory`` in name order (so builds are deterministic)."""
    curated = Curated()
    files = sorted(directory.rglob("*.toml"))
    if not files:
        curated.problems.append(Problem(str(directory), "directory", "files", "no .toml files"))
    inside = directory.resolve()
    for path in files:
        try:
            display = str(path.relative_to(root)) if root else str(path)
        except ValueError:
            display = str(path)
        refusal = _refusal(path, inside)
        if refusal:
            curated.problems.append(Problem(display, "file", "read", refusal))
            continue
        load_file(path, display, curated)
    return curated
