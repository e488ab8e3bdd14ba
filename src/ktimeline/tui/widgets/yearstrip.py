"""The year strip: one line above the panes, the events per year as bars, the years the filter
keeps bright and the rest dim, the cursor's year marked; a click jumps to that year.

The bars are computed once per count (the layout of the timeline), and a cursor move repaints
one line only when the year under the cursor changes.
"""

from __future__ import annotations

import math
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

BARS = " ▁▂▃▄▅▆▇█"
LABEL_CELLS = 6  # " 1945 " at the left, " 2026 " at the right


class Cell(NamedTuple):
    """One column of the strip: the years it covers and how many events fall in them."""

    first_year: int
    last_year: int
    events: int
    kept: int  # of them, those the filter keeps


def cells(all_years: dict[int, int], kept_years: dict[int, int] | None,
          width: int) -> list[Cell]:
    """The strip's columns for ``width`` cells: every year from the first to the last, several
    years to a column when they do not fit (``kept_years`` None: no filter, all are kept)."""
    if not all_years or width <= 0:
        return []
    first, last = min(all_years), max(all_years)
    per_cell = math.ceil((last - first + 1) / width)
    out = []
    for start in range(first, last + 1, per_cell):
        years = range(start, min(start + per_cell, last + 1))
        total = sum(all_years.get(y, 0) for y in years)
        kept = total if kept_years is None else sum(kept_years.get(y, 0) for y in years)
        out.append(Cell(years[0], years[-1], total, kept))
    return out


def bar(count: int, highest: int) -> str:
    """A bar whose height is the count's share of the highest (any year with events shows)."""
    if count <= 0 or highest <= 0:
        return BARS[0]
    return BARS[max(1, round(8 * count / highest))]


class YearStrip(Widget):
    """Events per year, over the whole record."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "year-strip--bar", "year-strip--out", "year-strip--cursor", "year-strip--label"}

    class YearChosen(Message):
        """The user clicked a year."""

        def __init__(self, year: int) -> None:
            super().__init__()
            self.year = year

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.all_years: dict[int, int] = {}
        self.kept_years: dict[int, int] | None = None
        self.cursor_year: int | None = None
        self._cells: list[Cell] = []
        self._cells_for: tuple[int, int] | None = None  # width and data version they were made for
        self._version = 0
        self.hint = ""  # what the keys do, in the user's language, where there is room

    def show_counts(self, years: list[tuple[str, int]], filtered: bool) -> None:
        """The years of a count of the timeline: the whole record's when unfiltered, else the
        filter's (the whole record's stay as they were)."""
        counted = {int(year): count for year, count in years if year.isdigit()}
        if filtered:
            self.kept_years = counted
        else:
            self.all_years, self.kept_years = counted, None
        self._version += 1
        self.refresh()

    def mark(self, year: int | None) -> None:
        if year != self.cursor_year:
            self.cursor_year = year
            self.refresh()

    def _layout(self) -> list[Cell]:
        width = self.size.width
        if self._cells_for != (width, self._version):
            self._cells = cells(self.all_years, self.kept_years,
                                max(width - 2 * LABEL_CELLS, 0))
            self._cells_for = (width, self._version)
        return self._cells

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        columns = self._layout()
        if y != 0 or not columns:
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        look = {name: base + self.get_component_rich_style(f"year-strip--{name}")
                for name in ("bar", "out", "cursor", "label")}
        # Kept years (all, unfiltered) on their own scale, bright; the years a filter leaves
        # out dim, on the whole record's scale.
        highest_kept = max(c.kept for c in columns)
        highest = max(c.events for c in columns)
        segments = [Segment(f" {columns[0].first_year} ", look["label"])]
        for cell in columns:
            if cell.kept:
                shown, style = bar(cell.kept, highest_kept), look["bar"]
            else:
                shown, style = bar(cell.events, highest), look["out"]
            if self.cursor_year is not None and \
                    cell.first_year <= self.cursor_year <= cell.last_year:
                style = look["cursor"]
            segments.append(Segment(shown, style))
        segments.append(Segment(f" {columns[-1].last_year} ", look["label"]))
        if self.hint:
            used = sum(segment.cell_length for segment in segments)
            if used + 2 + cell_len(self.hint) <= width:
                segments.append(Segment("  " + self.hint, look["label"]))
        return Strip(segments).adjust_cell_length(width, base)

    def year_at(self, x: int) -> int | None:
        index = x - LABEL_CELLS
        columns = self._layout()
        if 0 <= index < len(columns):
            return columns[index].first_year
        return None

    def on_click(self, event: events.Click) -> None:
        year = self.year_at(event.x)
        if year is not None:
            self.post_message(self.YearChosen(year))

    @property
    def plain(self) -> str:
        return "".join(segment.text for segment in self.render_line(0))

