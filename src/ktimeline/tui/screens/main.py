"""The main screen: the timeline, the detail pane following it, and the status line."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, get_current_worker

from ktimeline.store import dates
from ktimeline.store.queries import EventFilter, TimelineKey
from ktimeline.tui import text
from ktimeline.tui.detailreader import DetailReader
from ktimeline.tui.errors import error_message, report_worker_error
from ktimeline.tui.messages import (
    DetailFailed,
    DetailLoaded,
    EventOpened,
    JumpResolved,
    PersonChosen,
    SourceChosen,
    TimelineLayout,
)
from ktimeline.tui.screens.base import UsesKTimelineApp
from ktimeline.tui.sharing import Sharing
from ktimeline.tui.widgets.detail import EventDetail
from ktimeline.tui.widgets.keybar import KeyBar
from ktimeline.tui.widgets.timeline import Timeline
from ktimeline.tui.widgets.yearstrip import YearStrip

if TYPE_CHECKING:
    from ktimeline.tui.widgets.gotobar import GotoBar

Row = dict[str, Any]


class TooSmall(Static):
    """Shown instead of the panes when the terminal is too small to use."""

    def render(self) -> Content:
        return Content(text.ui("too_small", str(getattr(self.app, "lang", "en"))))


class MainScreen(UsesKTimelineApp, Screen[None]):
    """Timeline and detail; search, filter and go-to-date act on the timeline."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_event", "Open"),
        Binding("slash", "search", "Search"),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("backslash", "filter", "Filter"),
        Binding("ctrl+g", "goto_date", "Go to date"),
        Binding("escape", "clear", "Clear filter/search", show=False),
        Binding("z", "zoom", "Zoom"),
        Binding("y", "copy_citation", "Copy a citation (the source, or the event with its people)",
                show=False),
        Binding("Y", "copy_event_id", "Copy the event's id", show=False),
        Binding("o", "open_source", "Open the source's address in the browser", show=False),
        Binding("u", "copy_source_url", "Copy the source's address", show=False),
        Binding("e", "export", "Export this view to a file", show=False),
        Binding("l", "lineup", "Line-up on this date", show=False),
    ]

    # Textual repaints the whole screen when the focus moves; the two widgets whose focus
    # changed repaint themselves (their :focus styles change), so the rest need not.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self) -> None:
        super().__init__(id="main")
        self.search_query = ""
        self.search_count = 0
        self.search_at: tuple[str, int] | None = None  # the event n/N reached, its place (k)
        self.position = (0, 0)
        self._described: tuple[EventFilter, str, str] | None = None
        self._details: DetailReader | None = None
        self._last_ordinal = 0
        self._shown = False
        self.sharing = Sharing(self)

    def compose(self) -> ComposeResult:
        yield YearStrip(id="year-strip")
        with Container(id="panes"):
            yield Timeline(self.kt.store, self._highlighted, self._years_shown, id="timeline")
            yield EventDetail(id="detail")
        yield Static(id="status")
        yield TooSmall(id="too-small")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one(YearStrip).hint = text.ui("year_strip_hint", self.kt.lang)
        self.timeline.lang = self.kt.lang
        self.timeline.focus()
        self.update_status()

    def on_resize(self) -> None:
        # Hiding the panes at a too-small size drops focus; give it back once they show again.
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        if self.focused is None and self.timeline.display and self.timeline.region.area:
            self.timeline.focus()

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def detail(self) -> EventDetail:
        return self.query_one(EventDetail)

    def apply_language(self, lang: str) -> None:
        strip = self.query_one(YearStrip)
        strip.hint = text.ui("year_strip_hint", lang)
        strip.refresh()
        self.timeline.lang = lang
        self.timeline.refresh()
        self.detail.show(self.detail.event, lang)
        self.update_status()
        self.query_one(KeyBar).refresh_keys()
        self.query_one(TooSmall).refresh()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    # -- the timeline drives the detail ----------------------------------------------------
    def _highlighted(self, event_id: str, ordinal: int, total: int) -> None:
        """The timeline's cursor rests on an event: the status line and the detail follow."""
        self.position = (ordinal + 1, total)
        self.update_status()
        self._follow_in_strip()
        lang, width = self.kt.lang, self.detail.line_width
        if not width:  # before the first layout: read when the pane is first drawn, at its width
            self.detail.expect(lambda at: self.details.read_now(event_id, self.kt.lang, at))
            self._first_shown()
            return
        ready = self.details.ready(event_id, lang, width)
        if ready is not None:
            self.detail.show(ready[0], lang, ready[1])
        else:
            self.details.request(event_id, lang, width)
        # The next event at the same stride (j, k, PgDn, PgUp), if its row is at hand.
        ahead = self.timeline.peek(2 * ordinal - self._last_ordinal)
        self._last_ordinal = ordinal
        if ahead is not None and ahead["id"] != event_id:
            self.details.read_ahead(ahead["id"], lang, width)
        self._first_shown()

    def _first_shown(self) -> None:
        if not self._shown:
            self._shown = True
            self.call_after_refresh(self.kt.timeline_shown)

    def _follow_in_strip(self) -> None:
        """The year strip marks the highlighted event's year (its own date: the timeline's
        count of the years may arrive after the event is announced)."""
        row = self.timeline.highlighted
        year = str((row or {}).get("date_lo") or "")[:4]
        if year.isdigit():
            self.query_one(YearStrip).mark(int(year))

    def _years_shown(self, years: list[tuple[str, int]], filtered: bool) -> None:
        """A new count of the timeline: the year strip shows it (the whole record's, or the
        filter's over it)."""
        self.query_one(YearStrip).show_counts(years, filtered)
        self._follow_in_strip()

    @on(YearStrip.YearChosen)
    def _year_chosen(self, message: YearStrip.YearChosen) -> None:
        self.goto_date(dates.parse(str(message.year)))

    @on(DetailLoaded)
    def _detail_loaded(self, message: DetailLoaded) -> None:
        message.stop()
        highlighted = self.timeline.highlighted
        if highlighted is None or highlighted["id"] == message.event_id:
            self.detail.show(message.detail, self.kt.lang, message.lines)

    @on(DetailFailed)
    def _detail_failed(self, message: DetailFailed) -> None:
        message.stop()
        highlighted = self.timeline.highlighted
        if highlighted is None or highlighted["id"] == message.event_id:
            self.detail.show(None, self.kt.lang)  # never the last event's detail, as if this
        self.notify(message.error, title=text.ui("error_title", self.kt.lang), severity="error",
                    timeout=8, markup=False)

    @property
    def details(self) -> DetailReader:
        """What reads the highlighted event's detail (started with the screen's first use)."""
        if self._details is None:
            path = self.kt.store.path
            self._details = DetailReader(
                self.kt.store,
                lambda event_id, detail, lines: self.post_message(
                    DetailLoaded(event_id, detail, lines)),
                lambda event_id, error: self.post_message(
                    DetailFailed(event_id, error_message(path, error))))
        return self._details

    def on_unmount(self) -> None:
        if self._details is not None:
            self._details.close()

    @on(TimelineLayout)
    def _layout(self, message: TimelineLayout) -> None:
        if not self.timeline.total:
            self.position = (0, 0)
            self.detail.show(None, self.kt.lang)
            self.call_after_refresh(self.kt.timeline_shown)  # nothing to paint: start now
        self.update_status()

    @on(EventOpened)
    def _opened(self, message: EventOpened) -> None:
        self._open(message.event_id)

    # -- copying, opening and exporting what was found (tui/sharing.py) ---------------------
    def action_copy_citation(self) -> None:
        self.sharing.copy_citation()

    def action_copy_event_id(self) -> None:
        self.sharing.copy_event_id()

    def action_copy_source_url(self) -> None:
        self.sharing.copy_source_url()

    def action_open_source(self) -> None:
        self.sharing.open_source()

    @on(SourceChosen)
    def _source(self, message: SourceChosen) -> None:
        self.sharing.open_source_number(message.index)

    def action_export(self) -> None:
        self.sharing.export_timeline()

    def action_lineup(self) -> None:
        """Every post and its holders on the highlighted event's date, its people marked."""
        from ktimeline.tui.screens.lineup import LineupScreen

        row = self.timeline.highlighted
        if row is None:
            self.app.bell()
            return
        self.app.push_screen(LineupScreen(dates.parse(row["date"]), str(row["id"])))

    def action_open_event(self) -> None:
        row = self.timeline.highlighted
        if row is not None and self.focused is self.timeline:
            self._open(row["id"])

    def _open(self, event_id: str) -> None:
        """Record the event in the history and move focus to its people (at once, so that
        keys typed right after Enter go to them)."""
        self.kt.record_event(event_id)
        detail = self.detail
        if detail.target_count:
            self.set_focus(detail)
            detail.select(detail.chosen_in.get(event_id, 0))  # where the user left it

    @on(PersonChosen)
    def _person(self, message: PersonChosen) -> None:
        self.kt.open_person(message.person_id)

    @on(JumpResolved)
    def _not_here(self, message: JumpResolved) -> None:
        # The event is outside the filter: show everything, then select it.
        if self.timeline.where.active:
            self.notify(text.ui("filter_cleared", self.kt.lang), timeout=3, markup=False)
            self.timeline.reload(EventFilter(), keep_event=message.event_id)
            self.update_status()

    def update_status(self) -> None:
        lang = self.kt.lang
        timeline = self.timeline
        ordinal, _total = self.position
        if not timeline.ready:
            position = text.ui("loading", lang)
        elif timeline.where.active:
            position = text.tr("status_matching", lang, ordinal=ordinal, total=timeline.total,
                               all=timeline.all_total)
        else:
            position = text.tr("status_position", lang, ordinal=ordinal, total=timeline.total)
        parts = [position]
        if timeline.where.active:
            parts.append(text.tr("status_filter", lang,
                                 what=self.filter_text(timeline.where, lang)))
        if self.search_query:
            parts.append(self._search_text(lang))
        if timeline.where.active or self.search_query:
            parts.append(text.ui("status_esc", lang))  # one Esc clears both
        parts.append(text.ui("language", lang))
        # One line whatever it says: no layout pass (which re-arranges the whole screen).
        # Plain text, not markup: a filter or search may hold brackets, and nothing is parsed.
        self.query_one("#status", Static).update(Content(text.safe(" " + "  │  ".join(parts))),
                                                 layout=False)

    def filter_text(self, where: EventFilter, lang: str) -> str:
        """The filter as the status line shows it (its person by name); read once per filter,
        not on every key."""
        if self._described is None or self._described[:2] != (where, lang):
            names = []
            for person_id in (where.person_id, *where.also_present):
                person = self.kt.store.people.get(person_id) if person_id else None
                if person_id:
                    names.append(text.pick(person, "name", lang) if person else person_id)
            self._described = (where, lang, describe_filter(where, lang, " + ".join(names)))
        return self._described[2]

    # -- actions ----------------------------------------------------------------------------
    def action_search(self) -> None:
        self.kt.open_search()

    def _search_text(self, lang: str) -> str:
        """``search: q (k of N, n/N)`` once n/N has reached a match, else the count."""
        query, count = self.search_query, self.search_count
        row = self.timeline.highlighted
        if self.search_at is not None and row is not None and row["id"] == self.search_at[0]:
            return text.tr("status_search_at", lang, query=query, at=self.search_at[1],
                           count=count)
        return text.tr("status_search_walk" if count else "status_search", lang, query=query,
                       count=count)

    def set_search(self, query: str, count: int) -> None:
        self.search_query = query
        self.search_count = count
        self.search_at = None
        self.timeline.set_search(query)
        self.update_status()

    def action_next_match(self) -> None:
        self._step(forward=True)

    def action_previous_match(self) -> None:
        self._step(forward=False)

    def _step(self, forward: bool) -> None:
        if not self.search_query:
            self.notify(text.ui("no_search", self.kt.lang), timeout=3, markup=False)
            return
        row = self.timeline.highlighted
        here = TimelineKey(row["date_lo"], row["date_hi"], row["id"]) if row else None
        self._step_worker(self.search_query, here, forward, self.timeline.where)

    @work(thread=True, exclusive=True, group="step", exit_on_error=False)
    def _step_worker(self, query: str, here: TimelineKey | None, forward: bool,
                     where: EventFilter) -> None:
        searcher = self.kt.searcher  # its own connection: a long search stops when cancelled
        try:
            found = searcher.search.step(query, here, where, backwards=not forward)
            at = 0 if found is None else searcher.search.rank(
                query, TimelineKey(found["date_lo"], found["date_hi"], found["id"]))
        except sqlite3.OperationalError:
            if get_current_worker().is_cancelled:
                return
            raise
        if found is None:
            self.app.call_from_thread(
                self.notify, text.ui("no_more_below" if forward else "no_more_above",
                                     self.kt.lang), timeout=3, markup=False)
            return
        self.app.call_from_thread(self._stepped, found["id"], at)

    def _stepped(self, event_id: str, at: int) -> None:
        self.search_at = (event_id, at)
        self.timeline.select_event(event_id)
        self.update_status()

    def action_filter(self) -> None:
        self.kt.open_filter(self.timeline.where)

    def apply_filter(self, where: EventFilter) -> None:
        row = self.timeline.highlighted
        self.timeline.reload(where, keep_event=row["id"] if row else None)
        self.timeline.focus()
        self.update_status()

    def action_zoom(self) -> None:
        """The detail pane takes the whole screen, or gives the timeline its place back."""
        self.toggle_class("-zoomed")
        if self.has_class("-zoomed"):
            self.set_focus(self.detail)

    def action_clear(self) -> None:
        """Esc: clear the filter and the search together (one key, as the status line says);
        with neither, give the timeline the focus."""
        if self.search_query:
            self.set_search("", 0)
        if self.timeline.where.active:
            self.apply_filter(EventFilter())
        elif self.focused is not self.timeline:
            self.timeline.focus()

    @property
    def goto_bar(self) -> GotoBar:
        from ktimeline.tui.widgets.gotobar import GotoBar

        return self.query_one(GotoBar)

    async def action_goto_date(self) -> None:
        """The status line becomes the go-to-date bar (the stylesheet swaps them); the bar is
        made on its first use, not with the first frame."""
        from ktimeline.tui.widgets.gotobar import GotoBar

        if not self.query(GotoBar):
            await self.mount(GotoBar(id="goto-bar"), before=self.query_one(TooSmall))
        self.add_class("-going-to-date")
        self.goto_bar.open(self.kt.lang)

    def on_goto_bar_closed(self) -> None:
        self.remove_class("-going-to-date")
        self.timeline.focus()

    def on_goto_bar_chosen(self, message: GotoBar.Chosen) -> None:
        self.goto_date(message.when)

    @work(thread=True, exclusive=True, group="goto", exit_on_error=False)
    def goto_date(self, when: dates.PartialDate) -> None:
        event = self.kt.store.timeline.nearest(when, self.timeline.where)
        if event is None:
            self.app.call_from_thread(self.notify, text.ui("no_event_to_go", self.kt.lang),
                                      timeout=3, markup=False)
            return
        self.app.call_from_thread(self.timeline.select_event, event["id"])


def describe_filter(where: EventFilter, lang: str = "en", person_name: str | None = None) -> str:
    """The filter in words: kinds and sides by their names, the person by name."""
    parts = []
    if where.kind:
        parts.append(f"{text.ui('kind_is', lang)}: "
                     f"{text.label(text.KIND_LABELS, where.kind, lang)}")
    if where.side:
        parts.append(f"{text.ui('side_is', lang)}: "
                     f"{text.label(text.SIDE_LABELS, where.side, lang)}")
    if where.date_from or where.date_to:
        start = where.date_from.text if where.date_from else ""
        end = where.date_to.text if where.date_to else ""
        parts.append(f"{text.ui('years_are', lang)} {start}–{end}")
    if where.person_id:
        parts.append(f"{text.ui('person_is', lang)}: {person_name or where.person_id}")
    return text.ui("list_sep", lang).join(parts)
