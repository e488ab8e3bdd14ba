"""The timeline: a virtual list (Line API) over keyset pages read by thread workers."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, ClassVar

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.binding import Binding, BindingType
from textual.color import Color as TextualColor
from textual.color import ColorParseError
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker

from ktimeline.store.db import MALFORMED_ERRORS
from ktimeline.store.queries import EventFilter, Store, TimelineKey
from ktimeline.tui import text
from ktimeline.tui.contrast import readable, readable_style
from ktimeline.tui.errors import report_worker_error
from ktimeline.tui.messages import (
    EventOpened,
    JumpResolved,
    PageLoaded,
    TimelineLayout,
)
from ktimeline.tui.seam import FocusWithoutRestyle
from ktimeline.tui.widgets.layout import YearLayout
from ktimeline.tui.widgets.rowstrip import KIND_VARIABLES, RowLook, row_strip

Row = dict[str, Any]
PAGE = 100
CACHED_PAGES = 64
CACHED_STRIPS = 512


def theme_color(value: str, background: TextualColor) -> RichColor:
    """A theme variable's colour as drawn on ``background``: ``auto 60%`` is the readable text
    colour at 60%, a translucent colour is blended, one that does not parse is the text's."""
    if value.startswith("auto") or not value:
        percent = value.removeprefix("auto").strip().rstrip("%")
        alpha = float(percent) / 100 if percent else 0.87
        return background.get_contrast_text(alpha).rich_color
    try:
        return (background + TextualColor.parse(value)).rich_color
    except ColorParseError:
        return background.get_contrast_text(0.87).rich_color


def key_of(row: Row) -> TimelineKey:
    return TimelineKey(row["date_lo"], row["date_hi"], row["id"])


class Timeline(ScrollView, FocusWithoutRestyle, can_focus=True):
    """Every event in time order under year headings; the cursor is an event's ordinal."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next event", show=False),
        Binding("k,up", "cursor_up", "Previous event", show=False),
        Binding("g,home", "first", "First event", show=False),
        Binding("G,end", "last", "Last event", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
        Binding("left_curly_bracket", "previous_year", "Previous year", show=False),
        Binding("right_curly_bracket", "next_year", "Next year", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--year", "timeline--date", "timeline--kind", "timeline--place",
        "timeline--cursor", "timeline--cursor-blurred", "timeline--match", "timeline--empty",
    }

    # No automatic repaint: watch_cursor repaints just the two lines that change.
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    def __init__(self, store: Store, highlighted: Callable[[str, int, int], object],
                 years_shown: Callable[[list[tuple[str, int]], bool], object] | None = None, *,
                 id: str | None = None) -> None:
        """``highlighted(event_id, ordinal, total)`` is told of each event the cursor comes to
        rest on, at once: not by a message, so that the screen changes the detail pane in the
        same frame as the cursor, not in the next; ``years_shown(years, filtered)`` likewise of
        each new count of the years."""
        super().__init__(id=id)
        self.store = store
        self._highlighted = highlighted
        self._years_shown = years_shown
        self.where = EventFilter()
        self.layout_info = YearLayout()
        self.total = 0
        self.all_total = 0
        self.generation = 0
        self.pages: OrderedDict[int, list[Row]] = OrderedDict()
        self.starts: dict[int, TimelineKey | None] = {0: None}
        self.pending: set[int] = set()
        self.search = ""
        self.lang = "en"
        self.ready = False
        self._announced: str | None = None
        self._want_event: str | None = None
        self._line_style = Style()
        # Scrolling repaints every line: a strip built once is reused while it is on screen.
        self._strips: dict[tuple[Any, ...], Strip] = {}
        self._strips_theme = ""
        self._row_look: RowLook | None = None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    # -- loading ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        if not self._first_screen_now():
            self.reload(self.where)

    def _first_screen_now(self) -> bool:
        """Read the first screen on the UI thread, before the first frame: unfiltered, the year
        counts are one seek a year and the first page one indexed read (a few ms at a million
        events), where two worker hops put the rows a frame or two after an empty one. Anything
        unusual (a filter, a store not in time order, an error) goes the workers' way, which
        reports errors."""
        timeline = self.store.timeline
        try:
            if not self.where.is_empty or not timeline.rowids_are_positions():
                return False
            years = timeline.year_counts()
            rows = timeline.page(None, PAGE)
        except (sqlite3.Error, *MALFORMED_ERRORS):
            return False
        total = sum(count for _year, count in years)
        self._begin_generation(self.where, None)
        self.pages[0] = rows
        if len(rows) == PAGE:
            self.starts[1] = key_of(rows[-1])
        self._layout_ready(TimelineLayout(self.generation, years, total, total))
        self._announce()
        return True

    def reload(self, where: EventFilter, keep_event: str | None = None) -> None:
        """Show the timeline under ``where``; keep ``keep_event`` selected if it still matches."""
        self._begin_generation(where, keep_event)
        self._count(self.generation, where)

    def _begin_generation(self, where: EventFilter, keep_event: str | None) -> None:
        """Forget what was read for the last filter: a new generation begins."""
        self.where = where
        self.generation += 1
        self.pages.clear()
        self.starts = {0: None}
        self.pending.clear()
        self.ready = False
        self._announced = None
        self._want_event = keep_event

    @work(thread=True, exclusive=True, group="timeline-count", exit_on_error=False)
    def _count(self, generation: int, where: EventFilter) -> None:
        years = self.store.timeline.year_counts(where)
        total = sum(count for _year, count in years)
        all_total = self.store.timeline.count() if where.active else total
        self.post_message(TimelineLayout(generation, years, total, all_total))

    @on(TimelineLayout)
    def _layout_ready(self, message: TimelineLayout) -> None:
        if message.generation != self.generation:
            return
        self.layout_info = YearLayout(message.years)
        if self._years_shown is not None:
            self._years_shown(message.years, self.where.active)
        self.total = message.total
        self.all_total = message.all_total
        self.virtual_size = Size(self.size.width, self.layout_info.line_count)
        self.ready = True
        want, self._want_event = self._want_event, None
        if want:
            self.select_event(want, keep=True)
        else:
            self.cursor = 0
        self.refresh()

    def _request(self, page: int) -> None:
        if page in self.pending or page in self.pages or page * PAGE >= max(self.total, 1):
            return
        self.pending.add(page)
        firsts = [(first, TimelineKey(year, "", ""))
                  for (year, _count), first in zip(self.layout_info.years,
                                                   self.layout_info.first_ordinals, strict=True)]
        self._read_page(self.generation, page, self.where, dict(self.starts), firsts,
                        self.search, self._row_look)

    @work(thread=True, group="timeline-page", exit_on_error=False)
    def _read_page(self, generation: int, page: int, where: EventFilter,
                   starts: dict[int, TimelineKey | None],
                   firsts: list[tuple[int, TimelineKey]], search: str,
                   look: RowLook | None) -> None:
        target = page * PAGE
        known = [(p * PAGE, key) for p, key in starts.items() if p * PAGE <= target]
        known += [(first, key) for first, key in firsts if first <= target]
        ordinal, after = max(known, key=lambda item: item[0])
        if ordinal < target and target > 0:
            # Unfiltered, the key before the page is one rowid look-up: no walk, whatever N is.
            before = self.store.timeline.key_at(target - 1, where)
            if before is not None:
                ordinal, after = target, before
        found: dict[int, TimelineKey | None] = {}
        while ordinal < target:  # walk forward by keyset from the nearest known start
            rows = self.store.timeline.page(after, min(500, target - ordinal), where)
            if not rows:
                break
            for row in rows:
                ordinal += 1
                after = key_of(row)
                if ordinal % PAGE == 0:
                    found[ordinal // PAGE] = after
        rows = self.store.timeline.page(after, PAGE, where)
        if len(rows) == PAGE:
            found[page + 1] = key_of(rows[-1])
        if search:
            hits = self.store.search.hits(search, [row["id"] for row in rows])
            for row in rows:
                row["matched"] = row["id"] in hits
        # The rows drawn here, off the UI thread (a screenful scrolled into view costs a key as
        # much again): all but the cursor's, whose look depends on focus.
        strips = {} if look is None else {look.key(row, False, False): row_strip(row, look)
                                          for row in rows}
        self.post_message(PageLoaded(generation, page, rows, found, search, look, strips))

    @on(PageLoaded)
    def _page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        self.pending.discard(message.page)
        if message.generation != self.generation:
            return
        self.starts.update(message.starts)
        if message.search != self.search:
            self.refresh()  # marked for an older search: read the page again
            return
        self.pages[message.page] = message.rows
        self.pages.move_to_end(message.page)
        if message.look is not None and message.look == self._row_look:
            self._strips.update(message.strips)
            self._trim_strips()
        while len(self.pages) > CACHED_PAGES:
            self.pages.popitem(last=False)
        self._announce()
        if self._on_screen(message.page):  # a page read ahead stays unpainted until shown
            self.refresh()

    def _on_screen(self, page: int) -> bool:
        top = int(self.scroll_offset.y)
        bottom = top + self.scrollable_content_region.height
        first = self.layout_info.line_of(page * PAGE)
        last = self.layout_info.line_of(max(min((page + 1) * PAGE, self.total) - 1, 0))
        return first <= bottom and last >= top

    def _read_ahead(self) -> None:
        """Ask for the pages a screen above and below the view before they are scrolled to: a
        key then never paints "loading…" and then the rows (two repaints, a worker on the way)."""
        if not self.total:
            return
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_offset.y)
        layout = self.layout_info
        low = layout.ordinal_at(max(top - height, 0))
        high = layout.ordinal_at(min(top + 2 * height, layout.line_count - 1))
        for page in range(low // PAGE, high // PAGE + 1):
            self._request(page)

    def row(self, ordinal: int) -> Row | None:
        """The event at ``ordinal`` if its page is cached; otherwise ask a worker for it."""
        page = ordinal // PAGE
        rows = self.pages.get(page)
        if rows is None:
            self._request(page)
            return None
        self.pages.move_to_end(page)
        index = ordinal - page * PAGE
        return rows[index] if index < len(rows) else None

    def peek(self, ordinal: int) -> Row | None:
        """The event at ``ordinal`` if its page is cached (nothing is read, nothing reordered)."""
        if not 0 <= ordinal < self.total:
            return None
        page = ordinal // PAGE
        rows = self.pages.get(page)
        index = ordinal - page * PAGE
        return rows[index] if rows is not None and index < len(rows) else None

    @property
    def highlighted(self) -> Row | None:
        return self.row(self.cursor) if self.total else None

    def set_search(self, search: str) -> None:
        """Mark the events that mention ``search`` (pages are read again, marked)."""
        if search == self.search:
            return
        self.search = search
        self.pages.clear()
        self.pending.clear()
        self.refresh()

    # -- selecting --------------------------------------------------------------------------
    def select_event(self, event_id: str, keep: bool = False) -> None:
        """Move the cursor to ``event_id`` (a worker finds its position).

        With ``keep`` (after a filter change), an event the filter hides leaves the cursor at
        the nearest one; otherwise the screen is told, and may clear the filter.
        """
        if not self.ready:
            self._want_event = event_id
            return
        self._locate(self.generation, event_id, self.where, keep)

    @work(thread=True, group="timeline-locate", exclusive=True, exit_on_error=False)
    def _locate(self, generation: int, event_id: str, where: EventFilter, keep: bool) -> None:
        key = self.store.timeline.key_of(event_id)
        ordinal, nearby = None, 0
        if key is not None:
            nearby = self.store.timeline.rank(key, where)
            if self.store.timeline.matches(event_id, where):
                ordinal = nearby
        self.post_message(JumpResolved(generation, event_id, ordinal, nearby, keep))

    @on(JumpResolved)
    def _jump_resolved(self, message: JumpResolved) -> None:
        if message.generation != self.generation:
            message.stop()
            return
        if message.ordinal is not None or message.keep:
            message.stop()
            self.cursor = message.nearby
            self.center_cursor()
            # Right after a reload the scroll range may still be the old one (a filter's few
            # lines), which clamps the scroll to the top: centre again once it is laid out.
            self.call_after_refresh(self.center_cursor)
        # else: bubbles to the screen, which may clear the filter and try again

    def center_cursor(self) -> None:
        line = self.layout_info.line_of(self.cursor)
        self.scroll_to(y=max(line - self.scrollable_content_region.height // 2, 0),
                       animate=False)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.total - 1)) if self.total else 0

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        self._scroll_cursor_into_view()
        self._announce()
        self._read_ahead()
        if self.scroll_offset.y == top:
            # Only the old and the new cursor lines change: repainting the whole list on
            # every j would cost a screenful of strips per key.
            self.refresh_line(self.layout_info.line_of(old))
            self.refresh_line(self.layout_info.line_of(new))
        else:
            self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        if not self.total:
            return
        line = self.layout_info.line_of(self.cursor)
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_offset.y)
        if self.layout_info.at_line(line - 1)[0] == "year":
            line -= 1  # show the year heading above the first event of a year
        if line < top:
            self.scroll_to(y=line, animate=False)
        elif self.layout_info.line_of(self.cursor) >= top + height:
            self.scroll_to(y=self.layout_info.line_of(self.cursor) - height + 1, animate=False)

    def _announce(self) -> None:
        row = self.highlighted
        if row is not None and row["id"] != self._announced:
            self._announced = row["id"]
            self._highlighted(row["id"], self.cursor, self.total)

    # -- actions ----------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_previous_year(self) -> None:
        """To the first event of the cursor's year, or of the year before when already there."""
        layout = self.layout_info
        if not layout.years:
            return
        index = layout.year_index(self.cursor)
        if self.cursor == layout.first_ordinals[index] and index > 0:
            index -= 1
        self.cursor = layout.first_ordinals[index]

    def action_next_year(self) -> None:
        layout = self.layout_info
        if not layout.years:
            return
        index = layout.year_index(self.cursor)
        if index + 1 < len(layout.years):
            self.cursor = layout.first_ordinals[index + 1]

    def action_last(self) -> None:
        self.cursor = self.total - 1

    def _page_size(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def action_page_down(self) -> None:
        self.cursor += self._page_size()

    def action_page_up(self) -> None:
        self.cursor -= self._page_size()

    def action_open(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(EventOpened(row["id"]))

    def on_click(self, event: events.Click) -> None:
        line = int(self.scroll_offset.y) + event.y
        what, value = self.layout_info.at_line(line)
        if what == "event" and line < self.layout_info.line_count:
            self.cursor = value
            if event.chain >= 2:
                self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.layout_info.line_count)
        self.call_after_refresh(self._scroll_cursor_into_view)

    # -- rendering --------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        self._line_style = self.rich_style  # once per batch of lines: it walks every ancestor
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_offset.y) + y
        base = self._line_style
        if not self.total:
            if y == 0 and self.ready:
                style = self.get_component_rich_style("timeline--empty")
                return Strip([Segment(text.fit(" " + text.ui("no_events", self.lang), width),
                                      base + style)], width)
            return Strip.blank(width, base)
        if line >= self.layout_info.line_count:
            return Strip.blank(width, base)
        what, value = self.layout_info.at_line(line)
        if what == "year":
            year, count = self.layout_info.years[value]
            shown = year if year != "0001" else "…"
            year_style = self.get_component_rich_style("timeline--year")
            style = base + readable_style(year_style, year_style.bgcolor)
            label = text.safe(f" {shown}  ({count})")
            return Strip([Segment(text.fit(label, width), style)], width)
        row = self.row(value)
        selected = value == self.cursor
        if row is None:
            return Strip([Segment(text.fit("   " + text.ui("loading", self.lang), width),
                                  base)], width)
        look = self._look()
        cache_key = look.key(row, selected, self.has_focus)
        strip = self._strips.get(cache_key)
        if strip is None:
            cursor = None
            if selected:
                cursor = self.get_component_rich_style(
                    "timeline--cursor" if self.has_focus else "timeline--cursor-blurred")
                cursor = readable_style(cursor, cursor.bgcolor)
            strip = self._strips[cache_key] = row_strip(row, look, cursor)
            self._trim_strips()
        return strip

    def _trim_strips(self) -> None:
        while len(self._strips) > CACHED_STRIPS:
            del self._strips[next(iter(self._strips))]  # the oldest

    # Only the cursor line looks different with focus (its component class is chosen by focus:
    # the stylesheet has no :focus rule for the timeline), so only that line is repainted.
    def focus_changed(self, focused: bool) -> None:
        self._refresh_cursor_line()

    def _refresh_cursor_line(self) -> None:
        if self.total:
            self.refresh_line(self.layout_info.line_of(self.cursor))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Focus changes only the cursor line (its key says so): the other strips stay good.
        # Another theme changes every colour.
        if self.app.theme != self._strips_theme:
            self._strips_theme = self.app.theme
            self._strips.clear()
            self._row_look = None

    def _kind_styles(self, base: Style) -> tuple[tuple[str, Style], ...]:
        """Each kind's colour from the theme's variables, worked out against the background."""
        variables = self.app.get_css_variables()
        background = (TextualColor.from_rich_color(base.bgcolor) if base.bgcolor
                      else TextualColor.parse(variables.get("surface", "#000000")))
        return tuple((kind, Style(color=readable(
                          TextualColor.from_rich_color(theme_color(variables.get(name, ""),
                                                                   background)),
                          background).rich_color))
                     for kind, name in KIND_VARIABLES.items())

    def _look(self) -> RowLook:
        """The styles rows are drawn with, read from the stylesheet once per batch of lines."""
        width, base = self.scrollable_content_region.width, self._line_style
        look = self._row_look
        if look is None or (look.width, look.lang, look.base) != (width, self.lang, base):
            def part(name: str) -> Style:
                # The full style, whose "auto" and translucent colours are worked out against
                # the background (a partial one turns "$text-muted" white), less the
                # background (the cursor's shows through).
                full = self.get_component_rich_style(name)
                return readable_style(Style(color=full.color, bold=full.bold, italic=full.italic,
                                            underline=full.underline), base.bgcolor)

            look = self._row_look = RowLook(
                width, self.lang, base, part("timeline--date"), part("timeline--kind"),
                part("timeline--place"), part("timeline--match"),
                readable_style(self.get_component_rich_style("timeline--match"), base.bgcolor),
                self._kind_styles(base))
        return look
