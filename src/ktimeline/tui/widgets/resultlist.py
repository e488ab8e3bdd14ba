"""The search results under the box: lines rendered by the search worker, shown as they are.

An OptionList measures, wraps and renders every option again on the UI thread each time the
results change (on every keystroke), and its new height asks for a layout of the screen: tens
of milliseconds at 50 results. Here the worker renders each result to one line of its final
width; the UI thread swaps the list and repaints the lines on screen (see stripview).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip

from ktimeline.tui.widgets.stripview import StripView


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


class ResultList(StripView):
    """Lines to choose from with a cursor; the keys that move it belong to the screen (the
    search box keeps the focus)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"result-list--cursor", "result-list--more"}
    CURSOR_CLASS = "result-list--cursor"
    MORE_CLASS = "result-list--more"

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

    @property
    def strips(self) -> list[Strip]:
        return self.lines.strips

    def cursor_lines(self) -> range:
        line = self.highlighted
        return range(0) if line is None else range(line, line + 1)

    @property
    def option_count(self) -> int:
        return len(self.lines.ids)

    def show(self, lines: ResultLines) -> None:
        """Show ``lines`` (rendered at this list's width) with the cursor on the first."""
        self.lines = lines
        self.highlighted = 0 if lines.ids else None
        self.lines_changed()

    def move_cursor(self, step: int) -> None:
        if self.highlighted is None:
            return
        self.highlighted = max(0, min(self.highlighted + step, self.option_count - 1))
        self.scroll_to_lines(self.cursor_lines())
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
