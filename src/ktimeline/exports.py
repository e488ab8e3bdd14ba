"""Events for spreadsheets, documents and published timelines: CSV (safe to open in Excel),
Markdown tables and TimelineJS. Rows are written as the events arrive; the store's text reaches
each format escaped for it (no formula in a cell, no link or HTML made of a title)."""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ktimeline.citations import line as source_line
from ktimeline.store import dates

Row = Mapping[str, Any]

EVENT_COLUMNS = ["id", "date", "end_date", "kind", "title_en", "title_ja", "place_en",
                 "place_ja", "people", "sources"]
ATTENDANCE_COLUMNS = ["event_id", "date", "kind", "title_en", "person_id", "name_en", "name_ja",
                      "side", "role", "post_en", "post_ja", "rank_en", "rank_ja",
                      "post_possible_en", "rank_possible_en", "printed_title"]
# A cell a spreadsheet would take for a formula (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV as UTF-8 (Japanese, Korean, Cyrillic) only after this mark.
BYTE_ORDER_MARK = "\ufeff"


def cell(value: object) -> str:
    """A value as a spreadsheet cell that is only ever text (a formula is shown, not run)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def person_text(person: Row, lang: str = "en") -> str:
    """Name (rank, posts that day), each possible item said so."""
    from ktimeline.spans import possibly

    def field(name: str) -> Any:
        return person.get(f"{name}_{lang}") or person.get(f"{name}_en")

    held = [field("rank"), field("post")]
    held += [possibly(item, lang) for item in (field("rank_possible"), field("post_possible"))
             if item]
    name = field("name") or person.get("person_id") or ""
    details = ("; " if lang == "en" else "、").join(h for h in held if h)
    if not details:
        return str(name)
    return f"{name}({details})" if lang == "ja" else f"{name} ({details})"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def event_row(event: Row, as_cell: Callable[[object], Any] = cell) -> list[Any]:
    people = " | ".join(person_text(p) for p in event.get("participants") or [])
    sources = " | ".join(source_line(s) for s in event.get("sources") or [])
    values = {**event, "people": people, "sources": sources}
    return [as_cell(values.get(column)) for column in EVENT_COLUMNS]


def attendance_rows(event: Row,
                    as_cell: Callable[[object], Any] = cell) -> Iterator[list[Any]]:
    for person in event.get("participants") or []:
        values = {**person, "event_id": event.get("id"), "date": event.get("date"),
                  "kind": event.get("kind"), "title_en": event.get("title_en")}
        yield [as_cell(values.get(column)) for column in ATTENDANCE_COLUMNS]


def csv_lines(events: Iterable[Row], per_attendance: bool = False) -> Iterator[str]:
    columns = ATTENDANCE_COLUMNS if per_attendance else EVENT_COLUMNS
    return table_lines(columns, _event_rows(events, per_attendance), "csv")


def _event_rows(events: Iterable[Row], per_attendance: bool) -> Iterator[list[object]]:
    for event in events:
        if per_attendance:
            yield from attendance_rows(event, _same)
        else:
            yield event_row(event, _same)


def _same(value: object) -> object:
    return value


def table_lines(columns: list[str], rows: Iterable[list[object]], form: str) -> Iterator[str]:
    """A table as CSV (a spreadsheet's: UTF-8 with its mark, no cell taken for a formula) or as a
    Markdown table (cells keep their text; nothing in one can end it or become markup), written
    a row at a time."""
    if form == "md":
        yield "| " + " | ".join(columns) + " |\n"
        yield "|" + "---|" * len(columns) + "\n"
        for row in rows:
            yield "| " + " | ".join(_md_cell(_text(value)) for value in row) + " |\n"
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    yield BYTE_ORDER_MARK + _drain(buffer)
    for row in rows:
        writer.writerow([cell(value) for value in row])
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _md_cell(value: str) -> str:
    """A Markdown table cell: pipes and line breaks cannot end it, nothing becomes markup."""
    escaped = value.replace("\\", "\\\\").replace("|", "\\|")
    for special in "`*_[]<>#~":
        escaped = escaped.replace(special, "\\" + special)
    return " ".join(escaped.split())


def markdown_lines(events: Iterable[Row], per_attendance: bool = False) -> Iterator[str]:
    columns = ATTENDANCE_COLUMNS if per_attendance else EVENT_COLUMNS
    return table_lines(columns, _event_rows(events, per_attendance), "md")


# -- TimelineJS --------------------------------------------------------------------------------
def _timeline_date(text: str | None) -> dict[str, Any] | None:
    """A TimelineJS date to the precision the record has: year, month and day only when the
    source gives them; an open or bounded date by its known end, its own text as display."""
    if not text:
        return None
    when = dates.parse(text)
    known = when.lo if when.lo != dates.EARLIEST else when.hi
    parts: dict[str, Any] = {"year": int(known[:4])}
    if when.precision in ("month", "day"):
        parts["month"] = int(known[5:7])
    if when.precision == "day":
        parts["day"] = int(known[8:10])
    parts["display_date"] = dates.display(text)
    return parts


def _http(url: object) -> str | None:
    text = str(url or "")
    return text if text.startswith(("https://", "http://")) else None


_SLIDE_WORDS = {"en": ("Present (post and rank that day):", "Sources:"),
                "ja": ("出席者(その日の役職・階級):", "出典:")}
TIMELINE_TITLES = {"en": ("North Korea–Russia (and USSR) contacts",
                          "From the ktimeline record: who met whom, with the post and rank each "
                          "held that day, and the sources."),
                   "ja": ("北朝鮮・ロシア(ソ連)の接触",
                          "ktimeline の記録より: 誰が誰と会ったか、その日の役職・階級と出典。")}


def timeline_slide(event: Row, lang: str = "en") -> dict[str, Any]:
    present, cited = _SLIDE_WORDS[lang]
    people = "".join(f"<li>{html.escape(person_text(p, lang))}</li>"
                     for p in event.get("participants") or [])
    sources = []
    for source in event.get("sources") or []:
        text = html.escape(source_line({**source, "url": None}, lang))
        url = _http(source.get("url"))
        sources.append(f'<li><a href="{html.escape(url)}">{text}</a></li>' if url
                       else f"<li>{text}</li>")
    summary = event.get(f"summary_{lang}") or event.get("summary_en") or ""
    body = f"<p>{html.escape(str(summary))}</p>"
    if people:
        body += f"<p>{present}</p><ul>{people}</ul>"
    if sources:
        body += f"<p>{cited}</p><ul>{''.join(sources)}</ul>"
    title = event.get(f"title_{lang}") or event.get("title_en") or ""
    slide: dict[str, Any] = {
        "unique_id": event["id"], "group": event.get("kind"),
        "start_date": _timeline_date(event.get("date")),
        "display_date": dates.display(str(event.get("date") or "")),
        "text": {"headline": html.escape(str(title)), "text": body}}
    end = _timeline_date(event.get("end_date"))
    if end:
        slide["end_date"] = end
    return slide


def timelinejs_lines(events: Iterable[Row], lang: str = "en") -> Iterator[str]:
    """The JSON TimelineJS reads ({"title", "events"}), written a slide at a time, its text in
    ``lang`` (a Japanese field left empty by the record falls back to the English)."""
    import json

    headline, about = TIMELINE_TITLES[lang]
    head = {"text": {"headline": html.escape(headline), "text": f"<p>{html.escape(about)}</p>"}}
    yield '{"title": ' + json.dumps(head, ensure_ascii=False) + ', "events": [\n'
    first = True
    for event in events:
        yield ("" if first else ",\n") + json.dumps(timeline_slide(event, lang),
                                                    ensure_ascii=False)
        first = False
    yield "\n]}\n"


# -- whole files ---------------------------------------------------------------------------------
TIMELINE_FORMATS = ("timelinejs", "csv", "json", "md")


def timeline_lines(raw: Iterable[Row], form: str, lang: str = "en") -> Iterator[str]:
    """Events (with summaries, as the store gives them) in an export format: ``json`` is JSON
    Lines, escaped as ``events --json`` is; the other formats take the text made visible."""
    from ktimeline.safetext import json_text, visible_tree

    if form == "json":
        return (json_text(event, ensure_ascii=False) + "\n" for event in raw)
    events = (visible_tree(event) for event in raw)
    if form == "timelinejs":
        return timelinejs_lines(events, lang)
    if form == "md":
        return markdown_lines(events)
    return csv_lines(events, per_attendance=form == "csv-attendance")


def write_file(lines: Iterable[str], target: Path) -> int:
    """Write ``lines`` to ``target`` whole or not at all (a temporary file beside it, moved into
    place when complete), and say how many lines were written; OSError when it cannot."""
    temporary = target.with_name(f".{target.name}.tmp-export")
    count = 0
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            for line in lines:
                handle.write(line)
                count += 1
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def profile_lines(profile: Row | None, meetings: Sequence[Row],
                  form: str) -> tuple[Iterator[str], int]:
    """A person's career and meetings in an export format (``json``: the ``person --profile
    --json`` object; otherwise a row per post term, rank change and meeting), and how many
    items it holds."""
    from ktimeline.safetext import json_text, visible_tree
    from ktimeline.tables import PROFILE_COLUMNS, profile_rows

    if profile is None:
        return iter(()), 0
    rows = list(profile_rows(profile, meetings))
    if form == "json":
        return iter([json_text(profile, ensure_ascii=False, indent=2) + "\n"]), len(rows)
    if form == "jsonl":
        return (json_text(row, ensure_ascii=False) + "\n" for row in rows), len(rows)
    shown = (list(visible_tree(row).values()) for row in rows)
    return table_lines(PROFILE_COLUMNS, shown, form), len(rows)
