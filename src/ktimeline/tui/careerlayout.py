"""A career on a year axis, for a width: a row of certain and possible cells per post, the rank
steps and the meetings as marks, and year labels that never collide (pure: no widget, no app).

A term's dates keep the record's notation (``2014``, ``2014-06``, ``..2019-04-24``,
``2022-07-03..``, ``a..b``). The certain span runs from the start's latest reading to the end's
earliest; the possible span from the start's earliest reading to the end's latest. A column is
certain when its middle day is in the certain span, possible when it touches the possible span:
a possibility is never drawn as a fact. A term with no end runs to the newest date the person's
record has (no wall clock: the same record draws the same chart) and is marked open.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ktimeline.store import dates
from ktimeline.tui import text

Row = dict[str, Any]

CERTAIN, POSSIBLE, EMPTY = "c", "p", " "
LABEL_GAP = 1  # at least one blank cell between two year labels
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
RANK_SYMBOLS = {"promotion": "▲", "demotion": "▼", "restoration": "↺"}


def title_cells_for(width: int) -> int:
    """The cells of the title column: a quarter of the width (20 at 80), within 6 and 32."""
    return max(6, min(32, width // 4))


@dataclass(frozen=True)
class TermSpan:
    """One term of a post on the axis: the columns it possibly covers and those it certainly
    covers (none when every reading leaves it open)."""

    item: Row
    first: int
    last: int
    certain: tuple[int, int] | None
    open_end: bool


@dataclass(frozen=True)
class Bar:
    """A post's row: its title (whole, and cut to the title column) and a cell per column."""

    title: str
    label: str
    cells: str  # CERTAIN, POSSIBLE or EMPTY per column
    terms: tuple[TermSpan, ...]

    @property
    def open_at(self) -> int | None:
        """The last column, when a term runs on past the record's newest date."""
        return len(self.cells) - 1 if any(term.open_end for term in self.terms) else None

    def term_at(self, column: int) -> TermSpan | None:
        """The term under ``column``: a certain one before a possible one."""
        hits = [t for t in self.terms if t.first <= column <= t.last]
        hits.sort(key=lambda t: t.certain is None or not t.certain[0] <= column <= t.certain[1])
        return hits[0] if hits else None


@dataclass(frozen=True)
class Mark:
    """A rank step or a meeting at its column."""

    column: int
    when: str
    symbol: str
    item: Row


@dataclass(frozen=True)
class Chart:
    width: int
    title_cells: int
    columns: int
    first_day: int  # day ordinals: the axis runs from first_day to end_day (exclusive)
    end_day: int
    bars: tuple[Bar, ...]
    ranks: tuple[Mark, ...]
    meetings: tuple[Mark, ...]
    labels: tuple[tuple[int, str], ...]  # (column, year), left to right

    def column_of(self, day: int) -> int:
        span = self.end_day - self.first_day
        return min(max((day - self.first_day) * self.columns // span, 0), self.columns - 1)

    def days_of(self, column: int) -> tuple[int, int]:
        """The first and last day a column stands for."""
        span = self.end_day - self.first_day
        first = self.first_day + -(-column * span // self.columns)
        last = self.first_day + -(-(column + 1) * span // self.columns) - 1
        return first, max(first, last)

    def month_at(self, column: int) -> str:
        """The month in the middle of a column, ``2019-04``."""
        first, last = self.days_of(column)
        return datetime.date.fromordinal((first + last) // 2).isoformat()[:7]

    def axis(self) -> str:
        """The year labels on one line of ``columns`` cells."""
        line = [" "] * self.columns
        for column, year in self.labels:
            line[column:column + len(year)] = year
        return "".join(line)


def _day(iso: str) -> int:
    return datetime.date.fromisoformat(iso).toordinal()


def _parse(value: object) -> dates.PartialDate | None:
    """A stored date, or None where the store holds something that is not one."""
    if not value:
        return None
    try:
        return dates.parse(value)
    except dates.DateError:
        return None


def _finite(when: dates.PartialDate | None) -> list[str]:
    if when is None:
        return []
    return [d for d in (when.lo, when.hi) if d not in (dates.EARLIEST, dates.LATEST)]


def _point(when: dates.PartialDate) -> str | None:
    """Where a dated mark goes: the middle of its bounds, or the one bound the record knows."""
    known = _finite(when)
    if not known:
        return None
    if len(known) == 1:
        return known[0]
    return datetime.date.fromordinal((_day(known[0]) + _day(known[1])) // 2).isoformat()


def _years(profile: Row, meetings: Sequence[Row]) -> tuple[int, int] | None:
    """The first and last year the chart shows: every date the person's record has, and a year
    before an unknown start so that its possible part shows."""
    found: list[str] = []
    open_start = False
    for post in profile.get("posts") or []:
        start, end = _parse(post.get("start")), _parse(post.get("end"))
        found += _finite(start) + _finite(end)
        open_start = open_start or start is None or start.lo == dates.EARLIEST
    for item in [*(profile.get("ranks") or []), *meetings]:
        found += _finite(_parse(item.get("start") if "start" in item else item.get("date")))
    if not found:
        return None
    first, last = int(min(found)[:4]), int(max(found)[:4])
    return (max(first - 1, 1) if open_start else first), last


def _labels(first_year: int, last_year: int, columns: int, column_of: Any) -> list[
        tuple[int, str]]:
    """Year labels spaced so that each fits with a blank cell before the next."""
    years = last_year - first_year + 1
    width = len(f"{last_year:04d}") + LABEL_GAP
    step = next((s for s in STEPS if s * columns >= width * years), STEPS[-1])
    labels: list[tuple[int, str]] = []
    free = 0  # the first column a label may start at
    year = first_year if step == 1 else -(-first_year // step) * step
    while year <= last_year:
        column = column_of(_day(f"{year:04d}-01-01"))
        label = f"{year:04d}"
        if column >= free and column + len(label) <= columns:
            labels.append((column, label))
            free = column + len(label) + LABEL_GAP
        year += step
    return labels


def layout(profile: Row, meetings: Sequence[Row], width: int, lang: str) -> Chart | None:
    """The chart of a (safe) profile and its meetings for ``width`` cells, or None when the
    record dates nothing of this person."""
    years = _years(profile, meetings)
    title_cells = title_cells_for(width)
    columns = width - title_cells - 1
    if years is None or columns < 4:
        return None
    first_day = _day(f"{years[0]:04d}-01-01")
    end_day = _day(f"{years[1]:04d}-12-31") + 1
    chart = Chart(width, title_cells, columns, first_day, end_day, (), (), (), ())

    bars = [_bar(chart, title, terms, title_cells)
            for title, terms in _posts(profile.get("posts") or [], lang)]
    ranks = _marks(chart, profile.get("ranks") or [], "start",
                   lambda r: RANK_SYMBOLS.get(str(r.get("change")), "·"))
    ticks = _marks(chart, meetings, "date", lambda _m: "│")
    labels = _labels(years[0], years[1], columns, chart.column_of)
    return Chart(width, title_cells, columns, first_day, end_day, tuple(bars), tuple(ranks),
                 tuple(ticks), tuple(labels))


def _posts(posts: Iterable[Row], lang: str) -> list[tuple[str, list[Row]]]:
    """One row per post (a post held twice is one row with two bars), by first start."""
    rows: dict[str, tuple[str, list[Row]]] = {}
    for post in posts:
        key = str(post.get("post_id") or text.pick(post, "title", lang))
        rows.setdefault(key, (text.pick(post, "title", lang), []))[1].append(post)

    def first_start(entry: tuple[str, list[Row]]) -> str:
        starts = [_finite(_parse(p.get("start"))) for p in entry[1]]
        return min((s[-1] for s in starts if s), default=dates.LATEST)

    return sorted(rows.values(), key=first_start)


def _bar(chart: Chart, title: str, terms: list[Row], title_cells: int) -> Bar:
    cells = [EMPTY] * chart.columns
    spans: list[TermSpan] = []
    last_day = chart.end_day - 1
    for term in terms:
        start = _parse(term.get("start"))
        if start is None:  # not a date: nothing to draw, but the row still names the post
            continue
        end = _parse(term.get("end"))
        # An end the store holds but that is not a date says nothing: any day after the start.
        end_lo = dates.EARLIEST if term.get("end") and end is None else (
            end.lo if end else dates.LATEST)
        open_end = end is None or end.hi == dates.LATEST
        possible = (chart.first_day if start.lo == dates.EARLIEST else _day(start.lo),
                    last_day if open_end or end is None else _day(end.hi))
        certain_days = None
        if start.hi != dates.LATEST and end_lo != dates.EARLIEST:
            certain_days = (_day(start.hi), last_day if end_lo == dates.LATEST else _day(end_lo))
        possible_cells = _cells_in(chart, *possible)
        certain_cells = _cells_in(chart, *certain_days) if certain_days and \
            certain_days[0] <= certain_days[1] else []
        for column in possible_cells:
            if cells[column] == EMPTY:
                cells[column] = POSSIBLE
        for column in certain_cells:
            cells[column] = CERTAIN
        first, last = possible_cells[0], possible_cells[-1]
        certain = (certain_cells[0], certain_cells[-1]) if certain_cells else None
        spans.append(TermSpan(term, first, last, certain, open_end))
    return Bar(title, text.fit(title, title_cells), "".join(cells), tuple(spans))


def _cells_in(chart: Chart, first_day: int, last_day: int) -> list[int]:
    """The columns whose middle day falls in the span; at least the one holding its middle
    (a span shorter than a cell still shows)."""
    first, last = chart.column_of(first_day), chart.column_of(last_day)
    inside = [c for c in range(first, last + 1)
              if first_day <= sum(chart.days_of(c)) // 2 <= last_day]
    return inside or [chart.column_of((first_day + last_day) // 2)]


def _marks(chart: Chart, items: Iterable[Row], field: str, symbol: Any) -> list[Mark]:
    marks = []
    for item in items:
        when = _parse(item.get(field))
        point = _point(when) if when else None
        if point is not None:
            marks.append(Mark(chart.column_of(_day(point)), str(item.get(field)), symbol(item),
                              item))
    marks.sort(key=lambda m: m.column)
    return marks


def mark_line(marks: Sequence[Mark], columns: int) -> str:
    """The marks on one line: a rank's symbol; a meeting's tick, or how many share the cell."""
    line = [" "] * columns
    counts: dict[int, int] = {}
    for mark in marks:
        counts[mark.column] = counts.get(mark.column, 0) + 1
        count = counts[mark.column]
        line[mark.column] = mark.symbol if count == 1 or mark.symbol != "│" else (
            str(count) if count < 10 else "+")
    return "".join(line)

