"""What a term's or a rank's dates mean, in words, in English and Japanese.

A term's start or end can be a date (``2014-06``), a span the event fell in (``2019-03..2019-04``),
or one side only (``..2018-03-05``: the person was in post by then, start not known;
``2022-07-03..``: still in post then, end not known). Each reads differently; an analyst must
never take an attestation for an appointment.
"""

from __future__ import annotations

from ktimeline.store.dates import display


def _sides(text: str) -> tuple[str, str] | None:
    if ".." not in text:
        return None
    head, _, tail = text.partition("..")
    return head, tail


def start_phrase(start: str, lang: str = "en") -> str:
    sides = _sides(start)
    ja = lang == "ja"
    if sides is None:
        return f"{start}から" if ja else f"from {start}"
    head, tail = sides
    if not head:
        return f"{tail}時点で在任(就任時期不明)" if ja else f"in post by {tail} (start not known)"
    if not tail:
        return f"{head}以降に就任" if ja else f"appointed on or after {head}"
    return f"{head}から{tail}の間に就任" if ja else f"appointed between {head} and {tail}"


def end_phrase(end: str | None, lang: str = "en") -> str:
    ja = lang == "ja"
    if not end:
        return "最新の出典時点で在任" if ja else "in post at the latest source"
    sides = _sides(end)
    if sides is None:
        return f"{end}まで" if ja else f"until {end}"
    head, tail = sides
    if not tail:
        return f"{head}時点で在任、退任時期不明" if ja else f"in post on {head}; end not known"
    if not head:
        return f"{tail}までに退任" if ja else f"left by {tail}"
    return f"{head}から{tail}の間に退任" if ja else f"left between {head} and {tail}"


def term_phrase(start: str, end: str | None, lang: str = "en") -> str:
    """``from 2014-06; until 2015-04`` or ``2014-06から、2015-04まで``."""
    separator = "、" if lang == "ja" else "; "
    return start_phrase(start, lang) + separator + end_phrase(end, lang)


def rank_phrase(change: str, date: str, lang: str = "en") -> str:
    """When a rank took effect: an attested rank (``held``, ``..2019-04-24``) is only seen then."""
    ja = lang == "ja"
    if change == "held":
        seen = (_sides(date) or ("", date))[1] or date
        return f"{seen}時点で確認(昇進時期不明)" if ja else f"seen by {seen} (since not known)"
    sides = _sides(date)
    if sides is None or not (sides[0] and sides[1]):
        shown = display(date)
        return f"{shown}から" if ja else f"since {shown}"
    head, tail = sides
    return f"{head}から{tail}の間から" if ja else f"since a day between {head} and {tail}"


def possibly(title: str, lang: str = "en") -> str:
    """A possible post or rank, marked on its own: the record leaves it open that day."""
    return f"{title}(可能性あり)" if lang == "ja" else f"possibly {title}"


# The notation the explorer and the CLI show, for the help screen (the README has the same table);
# the Japanese rows show dates as the explorer does in Japanese (tui.text.shown_date).
DATE_LEGEND: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("2014, 2014-11, 2014-11-05", "the precision the source gives"),
        ("2014~", "about then"),
        ("by 2019-04-24  (..2019-04-24)", "on or before: in post by then, start not known"),
        ("from 2022-07-03  (2022-07-03..)", "on or after: still in post then, end not known"),
        ("2022-04..2022-04-24", "some day between the two"),
        ("possibly X", "the record leaves it open that day: X may not have been held"),
    ],
    "ja": [
        ("2014, 2014-11, 2014-11-05", "出典が示す精度(年・月・日)"),
        ("2014~", "その頃"),
        ("2019-04-24以前  (..2019-04-24)", "その日以前:その時点で在任、就任時期不明"),
        ("2022-07-03以降  (2022-07-03..)", "その日以降:その時点で在任、退任時期不明"),
        ("2022-04..2022-04-24", "二つの日付の間のいずれかの日"),
        ("X(可能性あり)", "記録上その日は未確定:Xではなかった可能性もある"),
    ],
}
