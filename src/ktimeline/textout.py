"""Readable terminal text for the CLI's results, aligned by display width (CJK is two cells)."""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice
from typing import Any

from ktimeline.safetext import visible_tree
from ktimeline.sourcetext import lead_mark, source_title
from ktimeline.spans import possibly, rank_phrase, term_phrase
from ktimeline.store.dates import display

Row = dict[str, Any]


def readable(payload: Any, render: Callable[[Any], str]) -> str:
    """``render``'s text of ``payload`` with every string from the data made visible first:
    nothing a store holds can act on the terminal (the one way the CLI prints data)."""
    return render(visible_tree(payload))


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c)
               else 1 for c in text)


def fit(text: str, cells: int) -> str:
    """Cut or pad ``text`` to exactly ``cells`` display cells; a cut ends in "…" (and a space
    where a double-width character would have been split)."""
    if width(text) <= cells:
        return text + " " * (cells - width(text))
    if cells <= 0:
        return ""
    out, used = [], 0
    for char in text:
        w = width(char)
        if used + w > cells - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…" + " " * (cells - 1 - used)


def terminal_columns() -> int | None:
    """The width to fit tables to: $COLUMNS, else the terminal's; None when the output is not a
    terminal (a pipe or a file gets every cell whole)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


# The narrowest a column that gives way may become (header and a few characters).
MIN_CELLS = 8


def table(rows: list[list[str]], flexible: Sequence[int] = (), columns: int | None = None) -> str:
    """Rows aligned by display width; when wider than ``columns``, the ``flexible`` columns give
    way (the widest first), each cut with "…" at a cell boundary."""
    return "".join(stream_table(rows[0], iter(rows[1:]), flexible, columns, len(rows)))


# Rows a streamed table reads ahead to size its columns; later rows take the same widths.
LOOKAHEAD = 500


def stream_table(header: list[str], rows: Iterator[list[str]], flexible: Sequence[int] = (),
                 columns: int | None = None, lookahead: int = LOOKAHEAD) -> Iterator[str]:
    """``table``'s lines, written as the rows arrive: the columns are sized on the header and
    the first ``lookahead`` rows. On a terminal a later, longer cell is cut to its column; into
    a pipe or a file every cell stays whole (a longer one pushes the rest of its line over)."""
    first = [header, *islice(rows, lookahead)]
    widths = _widths(first, flexible, columns)
    for row in first:
        yield _line(row, widths, cut=True)
    for row in rows:
        yield _line(row, widths, cut=columns is not None)


def _widths(rows: list[list[str]], flexible: Sequence[int], columns: int | None) -> list[int]:
    count = max(len(row) for row in rows)
    widths = [max(width(row[i]) if i < len(row) else 0 for row in rows) for i in range(count)]
    if columns is not None:
        excess = sum(widths) + 2 * (count - 1) - columns
        while excess > 0:  # the widest column that can give way gives a cell (ties: in order)
            wide = [i for i in flexible if widths[i] > MIN_CELLS]
            if not wide:
                break
            widest = max(wide, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return widths


def _line(row: list[str], widths: list[int], cut: bool) -> str:
    cells = [fit(cell, w) if cut or width(cell) <= w else cell
             for cell, w in zip(row, widths, strict=False)]
    return "  ".join(cells).rstrip() + "\n"


def _rank_post(p: Row) -> str:
    """Rank, then posts, as of the day; each possible item marked on its own."""
    items = [*p.get("ranks", []), *p.get("posts", [])]
    return ", ".join(possibly(x["title_en"]) if x.get("certainty") == "possible"
                     else x["title_en"] for x in items)


def events_table(events: list[Row], ids: bool = False) -> str:
    """DATE, KIND, TITLE, PLACE (and the ID first, with ``ids``): the title gives way first."""
    return "".join(events_lines(iter(events), ids))


def events_lines(events: Iterator[Row], ids: bool = False) -> Iterator[str]:
    """``events_table``'s lines as the events arrive (each event's text made visible here)."""
    header = ["DATE", "KIND", "TITLE", "PLACE"]
    if ids:
        header = ["ID", *header]

    def cells(event: Row) -> list[str]:
        event = visible_tree(event)
        row = [display(event["date"]), event["kind"], event["title_en"],
               event.get("place_en") or ""]
        return [event["id"], *row] if ids else row

    rows = (cells(event) for event in events)
    first = next(rows, None)
    if first is None:
        yield "no events\n"
        return
    title = header.index("TITLE")
    yield from stream_table(header, chain([first], rows), flexible=(title, title + 1),
                            columns=terminal_columns())


def event_detail(event: Row) -> str:
    end = f" – {display(event['end_date'])}" if event.get("end_date") else ""
    lines = [
        f"{event['title_en']}", f"{event['title_ja']}",
        f"{display(event['date'])}{end} · {event['kind']} · "
        f"{event.get('place_en') or 'place not recorded'}", "",
        event.get("summary_en") or "", event.get("summary_ja") or "", "", "People present:",
    ]
    for p in event["participants"]:
        printed = f"  [printed: {p['printed_title']}]" if p.get("printed_title") else ""
        name = p["name_en"] or p["person_id"]  # a person the store does not hold: the id
        lines.append(f"  {p['side']:5} {name} ({p.get('name_ja') or ''}) — "
                     f"{_rank_post(p) or 'post not recorded'}{printed}")
    lines += ["", "Sources:"]
    lines += [f"  {s['publisher']}, {source_title(s)}, {s['published']}{lead_mark(s)}"
              + (f" <{s['url']}>" if s.get("url") else "") for s in event["sources"]]
    return "\n".join(lines) + "\n"


# Below this score a match is a typo's likeness, not a name form or a part of one.
WEAK_BELOW = 80


def matches(payload: Row) -> str:
    """The people found, best first; weak matches under a line of their own, scores with "?"."""
    if not payload["matches"]:
        return f"no person matches '{payload['query']}'\n"
    header = ["ID", "SCORE", "NAME", "JA", "WHO"]
    rows = [[m["person_id"], f"{m['score']:.0f}" + ("?" if m["score"] < WEAK_BELOW else ""),
             m["name_en"] or "", m.get("name_ja") or "", m.get("description") or ""]
            for m in payload["matches"]]
    lines = table([header, *rows], flexible=(4, 2, 3), columns=terminal_columns()).splitlines()
    weak = next((i for i, m in enumerate(payload["matches"]) if m["score"] < WEAK_BELOW), None)
    if weak is not None:
        lines.insert(weak + 1, "weak matches (spelled alike, not a name form of theirs):")
    return "\n".join(lines) + "\n"


def search_results(payload: Row) -> str:
    return matches(payload) + "\n" + events_table(payload.get("events", []))


def holdings(payload: Row) -> str:
    lines = [f"{payload['person_id']} on {payload['date']}:"]
    for post in payload["posts"]:
        lines.append(f"  post  {_marked(post)} / {post['title_ja'] or ''} "
                     f"[{post['certainty']}; {term_phrase(post['start'], post['end'])}]")
    for rank in payload["ranks"]:
        lines.append(f"  rank  {_marked(rank)} / {rank['title_ja'] or ''} "
                     f"[{rank['certainty']}; {rank_phrase(rank['change'], rank['since'])}]")
    if len(lines) == 1:
        lines.append("  no post or rank recorded")
    return "\n".join(lines) + "\n"


def _marked(item: Row) -> str:
    return possibly(item["title_en"]) if item.get("certainty") == "possible" else item["title_en"]


def profile(payload: Row) -> str:
    lines = [f"{payload['name_en']}  {payload.get('name_ja') or ''}  ({payload['person_id']})", "",
             "Names:"]
    lines += [f"  {n['script']:9} {n['lang']:3} {n['scheme'] or '':8} {n['text']}"
              for n in payload["names"]]
    lines += ["", "Posts:"]
    lines += [f"  {p['title_en']}: {term_phrase(p['start'], p['end'])}"
              for p in payload["posts"]]
    lines += ["", "Ranks:"]
    lines += [f"  {display(r['start'])}  {r['change']:11} {r['title_en']}"
              for r in payload["ranks"]]
    lines += ["", "Events:"] + [f"  {e}" for e in payload["events"]]
    return "\n".join(lines) + "\n"
