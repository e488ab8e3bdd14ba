"""Where each year heading and event sits among the timeline's lines (pure arithmetic)."""

from __future__ import annotations

from bisect import bisect_right


class YearLayout:
    """Lines are: a heading for each year, then that year's events, in order."""

    def __init__(self, years: list[tuple[str, int]] | None = None) -> None:
        self.years = years or []
        line = ordinal = 0
        self.heading_lines: list[int] = []
        self.first_ordinals: list[int] = []
        for _year, count in self.years:
            self.heading_lines.append(line)
            self.first_ordinals.append(ordinal)
            line += count + 1
            ordinal += count
        self.events = ordinal  # summed once: render_line asks for every line painted

    @property
    def total(self) -> int:
        return self.events

    @property
    def line_count(self) -> int:
        return self.total + len(self.years)

    def line_of(self, ordinal: int) -> int:
        """The line showing event number ``ordinal``."""
        index = max(bisect_right(self.first_ordinals, ordinal) - 1, 0)
        return ordinal + index + 1

    def at_line(self, line: int) -> tuple[str, int]:
        """("year", year index) for a heading, or ("event", ordinal)."""
        index = max(bisect_right(self.heading_lines, line) - 1, 0)
        if not self.years:
            return ("none", 0)
        if line == self.heading_lines[index]:
            return ("year", index)
        return ("event", self.first_ordinals[index] + line - self.heading_lines[index] - 1)

    def ordinal_at(self, line: int) -> int:
        """The event shown at ``line``, or the first of the year whose heading it is."""
        what, value = self.at_line(line)
        return self.first_ordinals[value] if what == "year" else value

    def year_index(self, ordinal: int) -> int:
        """The index (in ``years``) of the year event number ``ordinal`` falls in."""
        return max(bisect_right(self.first_ordinals, ordinal) - 1, 0)
