"""The search results under the box: lines rendered by the search worker, shown as they are.

An OptionList measures, wraps and renders every option again on the UI thread each time the
results change (on every keystroke), and its new height asks for a layout of the screen: tens
of milliseconds at 50 results. Here the worker renders each result to one line of its final
width; the UI thread swaps the list and repaints the lines on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class ResultLines:
    """Results as one line each, at one width: an id per line and what the line says."""

    width: int
    ids: list[str] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    strips: list[Strip] = field(default_factory=list)


def render_results(lines: list[tuple[str, Text]], width: int, console: Console) -> ResultLines:
    """Each (id, line) rendered to a strip of exactly ``width`` cells. Safe in a worker."""
    strips = []
    for _id, line in lines:
        segments = [segment for segment in line.render(console, end="")
                    if segment.text != "\n"]
        strips.append(Strip(segments).adjust_cell_length(width))
    return ResultLines(width, [option_id for option_id, _ in lines],
                       [line for _, line in lines], strips)


class ResultList(ScrollView):
    """Lines to choose from with a cursor; the keys that move it belong to the screen (the
    search box keeps the focus)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"result-list--cursor", "result-list--more"}

    class Chosen(Message):
        """A result was clicked."""

        def __init__(self, results: ResultList, option_id: str) -> None:
            super().__init__()
            self.results = results
            self.option_id = option_id

        @property
        def control(self) -> ResultList:
            return self.results

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = ResultLines(0)
        self.highlighted: int | None = None
        self._line_style = Style()

    @property
    def line_width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def option_count(self) -> int:
        return len(self.lines.ids)

    def show(self, lines: ResultLines) -> None:
        """Show ``lines`` (rendered at this list's width) with the cursor on the first."""
        self.lines = lines
        self.highlighted = 0 if lines.ids else None
        # As in the detail pane: only the scroll range changes, never the box (no layout).
        self.set_reactive(ResultList.virtual_size, Size(self.line_width, len(lines.ids)))
        self._scroll_update(self.virtual_size)
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def move_cursor(self, step: int) -> None:
        if self.highlighted is None:
            return
        old = self.highlighted
        self.highlighted = max(0, min(old + step, self.option_count - 1))
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height or 1
        if self.highlighted < top:
            self.scroll_to(y=self.highlighted, animate=False)
        elif self.highlighted >= top + height:
            self.scroll_to(y=self.highlighted - height + 1, animate=False)
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = int(self.scroll_offset.y) + offset.y
        if 0 <= line < self.option_count:
            self.highlighted = line
            self.refresh()
            self.post_message(self.Chosen(self, self.lines.ids[line]))

    def render_lines(self, crop: Region) -> list[Strip]:
        self._line_style = self.rich_style  # once per batch of lines: it walks every ancestor
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.line_width
        base = self._line_style
        line = int(self.scroll_offset.y) + y
        if line >= self.option_count:
            return Strip.blank(width, base)
        strip = self.lines.strips[line].apply_style(base)
        if line == self.highlighted:
            cursor = self.get_component_rich_style("result-list--cursor")
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        strip = strip.adjust_cell_length(width, base)
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        if (y == 0 and top > 0) or (y == height - 1 and top + height < self.option_count):
            arrow = Segment("▲" if y == 0 else "▼",
                            base + self.get_component_rich_style("result-list--more"))
            strip = Strip([*strip.crop(0, width - 1), arrow], width)
        return strip
