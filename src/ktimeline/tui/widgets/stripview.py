"""A scrolling view over lines rendered beforehand (by a worker), with a cursor over some of them:
what the detail pane and the search results share.

Showing other lines changes only the scroll range, never the box: setting ``virtual_size`` the
usual way asks for a layout pass of the whole screen (a third of a key's cost). The box has no
scrollbar (in the stylesheet: ``scrollbar-size-vertical: 0; overflow-y: scroll``, so content of
another height never toggles one either); arrows in the last column say there is more above or
below.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ktimeline.tui.contrast import readable_style


class StripView(ScrollView):
    """Subclasses say which lines are shown (``strips``) and which the cursor covers
    (``cursor_lines``), and name their two component classes."""

    CURSOR_CLASS: ClassVar[str]
    MORE_CLASS: ClassVar[str]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._line_style = Style()

    @property
    def line_width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def strips(self) -> list[Strip]:
        raise NotImplementedError

    def cursor_lines(self) -> range:
        """The lines the cursor is on (none: an empty range)."""
        return range(0)

    def lines_changed(self) -> None:
        """Call when ``strips`` changed: the scroll range follows; the view starts at the top."""
        self.set_reactive(StripView.virtual_size, Size(self.line_width, len(self.strips)))
        self._scroll_update(self.virtual_size)
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def scroll_to_lines(self, lines: range) -> None:
        """Scroll the least that shows ``lines`` (their start, if they are taller than the view)."""
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_offset.y)
        if lines.start < top:
            self.scroll_to(y=lines.start, animate=False)
        elif lines.stop > top + height:
            self.scroll_to(y=min(lines.start, lines.stop - height), animate=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._line_style = self.rich_style  # once per batch of lines: it walks every ancestor
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.line_width
        base = self._line_style
        strips = self.strips
        top = int(self.scroll_offset.y)
        line = top + y
        if line >= len(strips):
            return Strip.blank(width, base)
        strip = strips[line].apply_style(base)
        if line in self.cursor_lines():
            cursor = self.get_component_rich_style(self.CURSOR_CLASS)
            cursor = readable_style(cursor, cursor.bgcolor)
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        strip = strip.adjust_cell_length(width, base)
        height = self.scrollable_content_region.height
        if (y == 0 and top > 0) or (y == height - 1 and top + height < len(strips)):
            more = self.get_component_rich_style(self.MORE_CLASS)
            arrow = Segment("▲" if y == 0 else "▼", base + readable_style(more, more.bgcolor))
            strip = Strip([*strip.crop(0, width - 1), arrow], width)
        return strip
