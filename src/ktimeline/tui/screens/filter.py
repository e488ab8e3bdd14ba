"""The filter form: kind, side, year range and person; the timeline shows only what matches."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker

from ktimeline.store import dates
from ktimeline.store.queries import BrowseFilter
from ktimeline.tui import text
from ktimeline.tui.errors import report_worker_error
from ktimeline.tui.screens.base import UsesKTimelineApp
from ktimeline.tui.widgets.inputs import FixedInput


class FilterScreen(UsesKTimelineApp, ModalScreen[BrowseFilter | None]):
    """Enter applies; Escape cancels (Escape on the main screen clears a filter)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply"),
    ]

    def __init__(self, current: BrowseFilter, kinds: list[str], sides: list[str]) -> None:
        super().__init__(id="filter")
        self.current = current
        self.kinds = kinds
        self.sides = sides
        self.person_shown = ""  # the current person, by name (set in compose)

    def compose(self) -> ComposeResult:
        lang = self.kt.lang
        current = self.current
        if current.person_id:
            # By name, as the user typed it: an id is the store's business, not theirs.
            person = self.kt.store.person(current.person_id) or {}
            self.person_shown = text.pick(person, "name", lang) or current.person_id
        with Vertical(id="filter-box"):
            yield Static("Filter the timeline (Enter or ctrl+s applies, Esc cancels)",
                         id="filter-title")
            with Horizontal(classes="field"):
                yield Label("Kind")
                yield Select([(text.plain(text.label(text.KIND_LABELS, k, lang)), k)
                              for k in self.kinds],
                             value=current.kind or Select.NULL, prompt="any kind", id="kind",
                             compact=True)
            with Horizontal(classes="field"):
                yield Label("Side")
                yield Select([(text.plain(text.label(text.SIDE_LABELS, s, lang)), s)
                              for s in self.sides],
                             value=current.side or Select.NULL, prompt="any side", id="side",
                             compact=True)
            with Horizontal(classes="field"):
                yield Label("From year")
                yield FixedInput(current.date_from.text if current.date_from else "",
                                 placeholder="e.g. 2014", id="year-from", compact=True)
            with Horizontal(classes="field"):
                yield Label("To year")
                yield FixedInput(current.date_to.text if current.date_to else "",
                                 placeholder="e.g. 2022", id="year-to", compact=True)
            with Horizontal(classes="field"):
                yield Label("Person")
                yield FixedInput(self.person_shown, placeholder="any name form", id="person",
                                 compact=True)
            yield Static(id="filter-error")
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", variant="primary", id="apply", compact=True)
                yield Button("Clear", id="clear", compact=True)

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        try:
            start = self._date("#year-from")
            end = self._date("#year-to")
        except dates.DateError as error:
            self.query_one("#filter-error", Static).update(text.content(error))
            return
        if start and end and start.lo > end.hi:
            self.query_one("#filter-error", Static).update(
                text.content(f"From year {start.text} is after To year {end.text}"))
            return
        kind = self.query_one("#kind", Select).value
        side = self.query_one("#side", Select).value
        person = self.query_one("#person", Input).value.strip()
        self._resolve(BrowseFilter(
            date_from=start, date_to=end,
            kind=kind if isinstance(kind, str) else None,
            side=side if isinstance(side, str) else None), person)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _resolve(self, where: BrowseFilter, person: str) -> None:
        person_id = None
        if person:
            if person == self.person_shown and self.current.person_id:
                person_id = self.current.person_id  # left as shown: the same person
            elif self.kt.store.person(person):
                person_id = person
            else:
                resolution = self.kt.names().resolve(person)
                if resolution.person_id is None:
                    names = ", ".join(m.person_id for m in resolution.candidates[:3])
                    message = (f"{person!r} names more than one person ({names}): be more "
                               "precise or use an id" if resolution.candidates
                               else f"No person matches {person!r}")
                    self.app.call_from_thread(
                        self.query_one("#filter-error", Static).update, text.content(message))
                    return
                person_id = resolution.person_id
        self.app.call_from_thread(self.dismiss, BrowseFilter(
            where.date_from, where.date_to, where.kind, person_id, where.side))

    def _date(self, selector: str) -> dates.PartialDate | None:
        value = self.query_one(selector, Input).value.strip()
        return dates.parse(value) if value else None

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(BrowseFilter())

    def action_cancel(self) -> None:
        self.dismiss(None)
