"""A long list of one-line entries (the line-up lists thousands of holders at a million events),
each drawn only when it comes into view, with a cursor that passes over headings.

An OptionList converts, wraps and measures every option when the list is filled: about 70 µs an
option on the UI thread, a third of a second for a synthetic day's 2,000 holders. Here filling
the list costs nothing but the count: a line is rendered (and kept) when first painted, cut to
the width with "…" where it is longer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, overload

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from ktimeline.tui.widgets.stripview import StripView


class LazyStrips(Sequence[Strip]):
    """Each text as one strip of ``width`` cells, rendered on first use."""

    def __init__(self, texts: list[Text], width: int, render: Callable[[Text], Strip]) -> None:
        self.texts = texts
        self.width = width
        self._render = render
        self._done: dict[int, Strip] = {}

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Strip: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Strip]: ...

    def __getitem__(self, index: int | slice) -> Strip | Sequence[Strip]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        strip = self._done.get(index)
        if strip is None:
            strip = self._done[index] = self._render(self.texts[index])
        return strip


class LineList(StripView, can_focus=True):
    """Lines to choose from; the cursor rests only on the enabled ones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next line", show=False),
        Binding("up", "cursor_up", "Previous line", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First line", show=False),
        Binding("end", "last", "Last line", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-list--cursor", "line-list--more"}
    CURSOR_CLASS = "line-list--cursor"
    MORE_CLASS = "line-list--more"

    class Chosen(Message):
        """Enter or a click on line ``index``."""

        def __init__(self, lines: LineList, index: int) -> None:
            super().__init__()
            self.lines = lines
            self.index = index

        @property
        def control(self) -> LineList:
            return self.lines

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.texts: list[Text] = []
        self.enabled: list[bool] = []
        self.highlighted: int | None = None
        self._strips = LazyStrips([], 0, self._render_text)

    @property
    def strips(self) -> LazyStrips:  # type: ignore[override]
        return self._strips

    def _render_text(self, line: Text) -> Strip:
        width = max(self.line_width, 1)
        if line.cell_len > width:
            line = line.copy()
            line.truncate(width, overflow="ellipsis")
        segments = [s for s in line.render(self.app.console, end="") if s.text != "\n"]
        return Strip(segments).adjust_cell_length(width)

    def show(self, texts: list[Text], enabled: list[bool], highlighted: int | None) -> None:
        """These lines, the cursor on line ``highlighted`` (scrolled into view)."""
        self.texts, self.enabled = texts, enabled
        self._strips = LazyStrips(texts, self.line_width, self._render_text)
        self.lines_changed()
        self.highlighted = highlighted
        if highlighted is not None:
            self.scroll_to_lines(range(highlighted, highlighted + 1))

    def on_resize(self, event: events.Resize) -> None:
        if self._strips.width != self.line_width:
            self._strips = LazyStrips(self.texts, self.line_width, self._render_text)
            self.refresh()

    def cursor_lines(self) -> range:
        line = self.highlighted
        return range(0) if line is None else range(line, line + 1)

    def _move_to(self, start: int, step: int) -> None:
        index = start
        while 0 <= index < len(self.texts):
            if self.enabled[index]:
                self.highlighted = index
                self.scroll_to_lines(range(index, index + 1))
                self.refresh()
                return
            index += step

    def action_cursor_down(self) -> None:
        self._move_to(0 if self.highlighted is None else self.highlighted + 1, 1)

    def action_cursor_up(self) -> None:
        self._move_to(0 if self.highlighted is None else self.highlighted - 1, -1)

    def action_page_down(self) -> None:
        height = self.scrollable_content_region.height or 1
        self._move_to(min((self.highlighted or 0) + height, len(self.texts) - 1), 1)

    def action_page_up(self) -> None:
        height = self.scrollable_content_region.height or 1
        self._move_to(max((self.highlighted or 0) - height, 0), -1)

    def action_first(self) -> None:
        self._move_to(0, 1)

    def action_last(self) -> None:
        self._move_to(len(self.texts) - 1, -1)

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = int(self.scroll_offset.y) + offset.y
        if 0 <= line < len(self.texts) and self.enabled[line]:
            self.highlighted = line
            self.refresh()
            self.post_message(self.Chosen(self, line))
