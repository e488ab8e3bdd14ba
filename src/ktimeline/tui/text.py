"""Display text: language choice, labels in Japanese and English, cell-exact fitting."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.content import Content

from ktimeline.safetext import visible, visible_tree
from ktimeline.store import dates

Row = Mapping[str, Any]

DATE_CELLS = 14

KIND_LABELS: dict[str, tuple[str, str]] = {
    "summit": ("summit", "首脳会談"), "visit": ("visit", "訪問"), "talks": ("talks", "会談"),
    "treaty": ("treaty", "条約"), "agreement": ("agreement", "合意"),
    "statement": ("statement", "声明"), "military": ("military", "軍事"),
    "parliamentary": ("parliament", "議会"), "economic": ("economic", "経済"),
    "other": ("other", "その他"),
}

SIDE_LABELS: dict[str, tuple[str, str]] = {
    "KP": ("DPRK", "北朝鮮"), "RU": ("Russia", "ロシア"), "SU": ("USSR", "ソ連"),
    "other": ("other", "その他"),
}

SCRIPT_LABELS: dict[str, tuple[str, str]] = {
    "kanji": ("kanji", "漢字"), "katakana": ("katakana", "カタカナ"),
    "hiragana": ("hiragana", "ひらがな"), "hangul": ("hangul", "ハングル"),
    "latin": ("Latin", "ラテン文字"), "cyrillic": ("Cyrillic", "キリル文字"),
    "mixed": ("mixed", "混在"),
}

CHANGE_LABELS: dict[str, tuple[str, str]] = {
    "promotion": ("promoted", "昇進"), "demotion": ("demoted", "降格"),
    "restoration": ("restored", "復帰"), "held": ("held", "在任確認"),
}

# What a recorded disagreement is about; "posts.ID.start" reads "post (start)": no raw ids.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "date": ("date", "日付"), "end": ("end", "終了日"), "start": ("start", "開始"),
    "born": ("born", "生年"), "died": ("died", "没年"), "names": ("name", "名前"),
    "posts": ("post", "役職"), "ranks": ("rank", "階級"),
    "participants": ("people present", "出席者"),
    "note": ("note", "注記"), "summary_en": ("summary", "概要"), "summary_ja": ("summary", "概要"),
    "title_en": ("title", "題名"), "title_ja": ("title", "題名"), "place": ("place", "場所"),
    "kanji": ("kanji", "漢字"), "katakana": ("katakana", "カタカナ"),
    "hangul": ("hangul", "ハングル"),
}

UI: dict[str, tuple[str, str]] = {
    "sources_label": ("sources", "出典"),
    "note_label": ("note", "注記"),
    "present": ("present", "出席"),
    "preferred": ("preferred", "採用"),
    "reason": ("why", "理由"),
    "list_sep": (", ", "、"),
    "event_conflicts": ("Sources disagree", "出典間の相違"),
    "people_present": ("People present", "出席者"),
    "sources": ("Sources", "出典"),
    "printed": ("printed", "原文"),
    "no_place": ("place not recorded", "場所不明"),
    "no_post": ("post not recorded", "役職不明"),
    "names": ("Names", "名前の表記"),
    "career": ("Career", "経歴"),
    "meetings": ("Meetings attended", "出席した会合"),
    "conflicts": ("Sources disagree", "出典間の相違"),
    "no_events": ("No events", "該当する出来事はありません"),
    "matching": ("matching", "件該当"),
    "people": ("People", "人物"),
    "events": ("Events", "出来事"),
    "until": ("until", "まで"),
    "now": ("now", "現在"),
    "ends": ("ends", "終了"),
    "none": ("none", "なし"),
    "loading": ("loading…", "読み込み中…"),
    "goto": ("Go to date:", "日付へ移動:"),
}


# -- untrusted text: every string from a store or the user reaches a widget through these ----
def safe(value: object, multiline: bool = False) -> str:
    """Text from the data or the user, safe to show: control characters and bidi overrides
    escaped (see ktimeline.safetext)."""
    return visible("" if value is None else value, multiline)


def safe_row(row: Any) -> Any:
    """A copy of a row (or a tree of rows) with every string made safe to show; summaries and
    notes keep their line breaks."""
    return visible_tree(row)


def plain(value: object, style: str = "") -> Text:
    """A Rich Text of untrusted text: made safe, never parsed as markup."""
    return Text(safe(value, multiline=True), style=style)


def content(value: object) -> Content:
    """A Textual Content of untrusted text (for Static.update and friends): made safe, never
    parsed as markup."""
    return Content(safe(value, multiline=True))


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """Japanese when the locale is Japanese (LC_ALL, then LANG), English otherwise."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def label(table: Mapping[str, tuple[str, str]], key: str | None, lang: str) -> str:
    if key is None:
        return ""
    pair = table.get(key)
    if pair is None:
        return safe(key)  # a value the store holds, not one of ours
    return pair[1] if lang == "ja" else pair[0]


def ui(key: str, lang: str) -> str:
    return label(UI, key, lang)


def pick(row: Row, field: str, lang: str) -> str:
    """``field_ja`` or ``field_en`` as the language asks, falling back to the other."""
    first, second = f"{field}_{lang}", f"{field}_{'en' if lang == 'ja' else 'ja'}"
    return safe(row.get(first) or row.get(second) or "", multiline=field == "summary")


def fit(text: str, cells: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``cells`` terminal cells."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text + " " * (cells - cell_len(text))
    return set_cell_size(text, cells - 1) + "…"


def short_date(text: str | None, cells: int = DATE_CELLS) -> str:
    """dates.display, shortened to ``cells`` by dropping what a range's end repeats of its start.

    ``2022-04..2022-04-24`` reads ``2022-04..04-24``; ``2024-06-19..2024-06-20`` reads
    ``2024-06-19..20``.
    """
    text = safe(text) if text else text
    shown = dates.display(text)
    if cell_len(shown) <= cells or not text or ".." not in text:
        return shown
    head, _, tail = text.partition("..")
    if not (head and tail):
        return shown
    for cut in (5, 8):  # drop the repeated year, then the repeated month
        if tail[:cut] != head[:cut] or len(tail) <= cut:
            break
        shown = f"{head}..{tail[cut:]}"
        if cell_len(shown) <= cells:
            return shown
    return shown


def field_label(field: str, lang: str) -> str:
    """A conflict's field as words: ``posts.kp-wpk-chairman.start`` → ``post (start)``; the
    ids between the dots are for curators and are not shown."""
    head, *rest = field.split(".")
    shown = label(FIELD_LABELS, head, lang) if head in FIELD_LABELS else head.replace("_", " ")
    tail = rest[-1] if rest else None
    if tail in FIELD_LABELS and tail != head:
        shown += f" ({label(FIELD_LABELS, tail, lang)})"
    return shown
