"""The ktimeline app: one factory (make_app) shared by the CLI and the tests."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import NoActiveWorker, Worker, get_current_worker

from ktimeline.store.queries import EventFilter, Store
from ktimeline.tui import palette, text
from ktimeline.tui.collector import CHECK_EVERY, IdleCollector, resume_after_start
from ktimeline.tui.commands import EventCommands, PeopleCommands
from ktimeline.tui.errors import report_worker_error
from ktimeline.tui.history import History, Place
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.text import default_lang, safe

# Start-up imports only what the first screen needs; the other screens (and the name index,
# which pulls in rapidfuzz and pykakasi) are imported when first opened.
if TYPE_CHECKING:
    from ktimeline.names.lookup import NameIndex
    from ktimeline.tui.screens.export import ExportChoice
    from ktimeline.tui.screens.search import SearchChoice

# What an export writes: the lines of the file, and how many rows of the view went into it
# (known once the lines are written).
ExportLines = Callable[[str], tuple[Iterator[str], Callable[[], int]]]


_ENDING_SIGNALS = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGINT")
                   if hasattr(signal, name)]


class KTimelineApp(App[None]):
    """North Korea–USSR/Russia contacts: timeline, meetings, people."""

    CSS_PATH = "ktimeline.tcss"
    TITLE = "ktimeline"
    COMMANDS = App.COMMANDS | {PeopleCommands, EventCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (60, "-narrow"), (150, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (14, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark,f1", "help", "Help"),
        Binding("tab", "app.focus_next", "Next pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False),
        Binding("left_square_bracket", "history_back", "Back", show=False),
        Binding("right_square_bracket", "history_forward", "Forward", show=False),
        Binding("L", "toggle_language", "日本語/English"),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    lang: reactive[str] = reactive("en", init=False)

    def __init__(self, store: Store, lang: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.set_reactive(KTimelineApp.lang, lang or default_lang())
        self.history = History()
        self.kinds: list[str] = []
        self.sides: list[str] = []
        self._prepare_started = False
        self.prepared = False  # True once the background preparation after start-up is done
        self._collector = IdleCollector()
        self._searcher: Store | None = None
        self._searcher_lock = threading.Lock()
        self.closing = False
        self._install_palette()

    # -- set-up ---------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands in the user's language, with ours in place of its
        Maximize (whose border doubled the pane's rule) and its key panel (the help lists the
        real keys)."""
        lang = self.lang
        for command in super().get_system_commands(screen):
            if command.title in ("Maximize", "Minimize", "Keys"):
                continue
            key = f"cmd_{command.title}"
            if key not in text.UI:  # one this table does not know yet: as Textual gives it
                yield command
                continue
            yield SystemCommand(text.ui(key, lang), text.ui(f"{key}_help", lang),
                                command.callback)
        if isinstance(screen, MainScreen):
            yield SystemCommand(text.ui("cmd_Zoom", lang), text.ui("cmd_Zoom_help", lang),
                                screen.action_zoom)
            yield SystemCommand(text.ui("cmd_Lineup", lang), text.ui("cmd_Lineup_help", lang),
                                screen.action_lineup)
        export = getattr(screen, "action_export", None)
        if export is not None:
            yield SystemCommand(text.ui("cmd_Export", lang), text.ui("cmd_Export_help", lang),
                                export)
        yield SystemCommand(text.ui("cmd_Help", lang), text.ui("cmd_Help_help", lang),
                            self.action_help)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    def timeline_shown(self) -> None:
        """The first timeline paint is done: now read what the filter needs and build the name
        index, in the background. Earlier, they would compete with the first paint: the index
        reads its keys from the store and romanises what it holds in memory (~0.3 s at 20k
        people, holding the GIL). Later, the first search keystroke would wait for the index."""
        resume_after_start()
        if not self._prepare_started:
            self._prepare_started = True
            self._prepare()

    @work(thread=True, exit_on_error=False, group="prepare")
    def _prepare(self) -> None:
        kinds, sides = self.store.timeline.kinds(), self.store.timeline.sides()
        self.call_from_thread(self._prepared, kinds, sides)
        self.names().warm_up()
        self.call_from_thread(self._settled)

    def _prepared(self, kinds: list[str], sides: list[str]) -> None:
        self.kinds, self.sides = kinds, sides

    def _settled(self) -> None:
        self._collector.start()
        self.set_interval(CHECK_EVERY, self._collector.collect_if_paused)
        self.prepared = True

    def on_mount(self) -> None:
        # A signal ends the app as quitting does, so that the terminal is given back (main
        # screen, no mouse reporting); the exit status says which (128 + the signal's number).
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for signum in _ENDING_SIGNALS:
            with suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.exit, None, 128 + signum)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._collector.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._collector.stop()
        self.closing = True
        if self._searcher is not None:
            self._searcher.interrupt()  # a long search never holds up quitting

    @property
    def searcher(self) -> Store:
        """The store on a connection of its own for full-text searches (call from a worker):
        a long search never holds up the timeline's pages, and stops (its worker sees
        sqlite3.OperationalError) as soon as its worker is cancelled or the app closes."""
        with self._searcher_lock:
            if self._searcher is None:
                self._searcher = self.store.sibling()
                self._searcher.stop_when(self._search_cancelled)
            return self._searcher

    def _search_cancelled(self) -> bool:
        try:
            return self.closing or get_current_worker().is_cancelled
        except NoActiveWorker:
            return self.closing

    def names(self) -> NameIndex:
        """The store's name index, read on first use (call from a worker: ~0.3 s at 20k
        people)."""
        return self.store.people.name_index()

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    # -- errors: one place ----------------------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice, the screens' and widgets' included: never markup (messages carry store
        values and the user's input), control characters shown escaped."""
        super().notify(safe(message, multiline=True), title=safe(title), severity=severity,
                       timeout=timeout, markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    # -- opening things -------------------------------------------------------------------
    def _to_main(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def record_event(self, event_id: str) -> None:
        self.history.push(Place("event", event_id))

    def open_event(self, event_id: str, record: bool = True) -> None:
        self._to_main()
        if record:
            self.record_event(event_id)
        self.main.timeline.focus()
        self.main.timeline.select_event(event_id)

    def open_person(self, person_id: str, record: bool = True) -> None:
        """Show a person: in the person view already open (one at most, so going from person
        to person never stacks or re-inserts a screen), or in a new one over the main screen."""
        from ktimeline.tui.screens.person import PersonScreen

        if record:
            self.history.push(Place("person", person_id))
        # Over a line-up or a post's holders, the person opens on top (Escape goes back to
        # it), unless a person view is already open below: that one shows the person.
        shown = any(isinstance(screen, PersonScreen) for screen in self.screen_stack)
        while (len(self.screen_stack) > 1 and not isinstance(self.screen, PersonScreen)
               and (shown or not getattr(self.screen, "opens_people_over_itself", False))):
            self.pop_screen()
        if isinstance(self.screen, PersonScreen):
            self.screen.show_person(person_id)
        else:
            self.push_screen(PersonScreen(person_id))

    def close_person(self) -> None:
        from ktimeline.tui.screens.person import PersonScreen

        if isinstance(self.screen, PersonScreen):
            self.pop_screen()

    def filter_to_person(self, person_id: str, *also_present: str) -> None:
        """The timeline filtered to a person's meetings (with ``also_present``: those where they
        all were)."""
        self._to_main()
        self.main.apply_filter(EventFilter(person_id=person_id, also_present=also_present))

    def _go(self, place: Place | None) -> None:
        if place is None:
            self.bell()
        elif place.kind == "event":
            self.open_event(place.id, record=False)
        else:
            self.open_person(place.id, record=False)

    def action_history_back(self) -> None:
        self._go(self.history.back())

    def action_history_forward(self) -> None:
        self._go(self.history.forward())

    # -- modal screens --------------------------------------------------------------------
    def action_help(self) -> None:
        from ktimeline.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_search(self) -> None:
        from ktimeline.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(self.main.search_query), self._searched)

    def _searched(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return
        query = choice.query.strip()
        self.main.set_search(query, choice.count if query else 0)
        if choice.kind == "person":
            self.open_person(choice.id)
        elif choice.kind == "event":
            self.open_event(choice.id)

    def export_view(self, title: str, formats: list[tuple[str, str, str]], stem: str,
                    lines_of: ExportLines, counted: str) -> None:
        """Ask for a format and a file, then write the view there in the background and say
        where it went (``counted``: the key of the notice's word for a row: events, items)."""
        from ktimeline.tui.screens.export import ExportScreen

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(choice, lines_of, counted)

        self.push_screen(ExportScreen(title, formats, stem), chosen)

    @work(thread=True, exit_on_error=False, group="export")
    def _export(self, choice: ExportChoice, lines_of: ExportLines, counted: str) -> None:
        from ktimeline.exports import write_file

        lang = self.lang
        lines, count = lines_of(choice.form)
        try:
            write_file(lines, choice.path)
        except OSError as error:
            self.call_from_thread(self.notify, text.tr(
                "export_failed", lang, path=choice.path, reason=error.strerror or error),
                severity="error")
            return
        self.call_from_thread(self.notify, text.tr("exported", lang, count=count(),
                                                   what=text.ui(counted, lang),
                                                   path=choice.path.resolve()))

    def open_filter(self, current: EventFilter) -> None:
        from ktimeline.tui.screens.filter import FilterScreen

        self.push_screen(FilterScreen(current, self.kinds, self.sides), self._filtered)

    def _filtered(self, where: EventFilter | None) -> None:
        if where is not None:
            self.main.apply_filter(where)

    # -- language -------------------------------------------------------------------------
    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "ja" else "ja"

    # -- theme ----------------------------------------------------------------------------
    def _install_palette(self) -> None:
        """The panes' named styles (possible items, sides, rank changes) for this theme, on the
        app's console and the one details are rendered on in the background."""
        from ktimeline.tui.widgets.detail import worker_console

        variables = self.get_css_variables()
        palette.install([self.console, worker_console()], variables)

    def watch_theme(self, theme: str) -> None:
        self._install_palette()
        self.watch_lang(self.lang)  # draw the panes again in the new colours

    def watch_lang(self, lang: str) -> None:
        for screen in self.screen_stack:
            apply = getattr(screen, "apply_language", None)
            if apply is not None:
                apply(lang)


def make_app(store_path: Path | str, lang: str | None = None) -> KTimelineApp:
    """Open the store (raising StoreError with a one-line reason) and build the app over it."""
    return KTimelineApp(Store.open(Path(store_path)), lang=lang)
