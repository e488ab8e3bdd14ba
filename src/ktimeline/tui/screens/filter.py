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

from ktimeline.personchoice import unresolved
from ktimeline.store import dates
from ktimeline.store.queries import EventFilter, PersonMatch
from ktimeline.tui import text
from ktimeline.tui.errors import report_worker_error
from ktimeline.tui.screens.base import UsesKTimelineApp, dialog_css
from ktimeline.tui.widgets.inputs import FixedInput


class FilterScreen(UsesKTimelineApp, ModalScreen[EventFilter | None]):
    """Enter applies; Escape cancels (Escape on the main screen clears a filter)."""

    # Loaded with the screen's first use, not parsed before the first frame; global (not
    # scoped), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = dialog_css("FilterScreen", "filter-box", 64) + """
#filter-box .field {
    height: 1;
    margin-bottom: 1;
}

#filter-box Label {
    width: 12;
}

#filter-box Select, #filter-box Input {
    width: 1fr;
}

#filter-error {
    color: $error;
    height: auto;
}

#filter-buttons {
    height: auto;
    align-horizontal: right;
}

#filter-buttons Button {
    margin-left: 1;
}
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply"),
    ]

    def __init__(self, current: EventFilter, kinds: list[str], sides: list[str]) -> None:
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
            person = self.kt.store.people.get(current.person_id) or {}
            self.person_shown = text.pick(person, "name", lang) or current.person_id
        with Vertical(id="filter-box"):
            yield Static(text.content(text.ui("filter_title", lang)), id="filter-title")
            with Horizontal(classes="field"):
                yield Label(text.ui("filter_kind", lang))
                yield Select([(text.plain(text.label(text.KIND_LABELS, k, lang)), k)
                              for k in self.kinds],
                             value=current.kind or Select.NULL,
                             prompt=text.ui("any_kind", lang), id="kind", compact=True)
            with Horizontal(classes="field"):
                yield Label(text.ui("filter_side", lang))
                yield Select([(text.plain(text.label(text.SIDE_LABELS, s, lang)), s)
                              for s in self.sides],
                             value=current.side or Select.NULL,
                             prompt=text.ui("any_side", lang), id="side", compact=True)
            with Horizontal(classes="field"):
                yield Label(text.ui("filter_from", lang))
                yield FixedInput(current.date_from.text if current.date_from else "",
                                 placeholder=text.ui("year_example_from", lang), id="year-from",
                                 compact=True)
            with Horizontal(classes="field"):
                yield Label(text.ui("filter_to", lang))
                yield FixedInput(current.date_to.text if current.date_to else "",
                                 placeholder=text.ui("year_example_to", lang), id="year-to",
                                 compact=True)
            with Horizontal(classes="field"):
                yield Label(text.ui("filter_person", lang))
                yield FixedInput(self.person_shown, placeholder=text.ui("any_name", lang),
                                 id="person", compact=True)
            yield Static(id="filter-error")
            with Horizontal(id="filter-buttons"):
                yield Button(text.ui("apply", lang), variant="primary", id="apply", compact=True)
                yield Button(text.ui("clear", lang), id="clear", compact=True)

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
        if start is not None and end is not None and start.lo > end.hi:
            self.query_one("#filter-error", Static).update(text.content(text.tr(
                "years_reversed", self.kt.lang, start=start.text, end=end.text)))
            return
        kind = self.query_one("#kind", Select).value
        side = self.query_one("#side", Select).value
        person = self.query_one("#person", Input).value.strip()
        self._resolve(EventFilter(
            date_from=start, date_to=end,
            kind=kind if isinstance(kind, str) else None,
            side=side if isinstance(side, str) else None), person)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _resolve(self, where: EventFilter, person: str) -> None:
        person_id = None
        if person:
            if person == self.person_shown and self.current.person_id:
                person_id = self.current.person_id  # left as shown: the same person
            else:
                resolution = self.kt.store.people.resolve(person)
                if resolution.person_id is None:
                    lang = self.kt.lang
                    message = unresolved(resolution, lambda m: self._told_apart(m, lang), lang)
                    self.app.call_from_thread(
                        self.query_one("#filter-error", Static).update, text.content(message))
                    return
                person_id = resolution.person_id
        self.app.call_from_thread(self.dismiss, EventFilter(
            where.date_from, where.date_to, where.kind, person_id, where.side))

    @staticmethod
    def _told_apart(match: PersonMatch, lang: str) -> str:
        """A person by name and what tells them apart, with the id to type to choose them."""
        identity = text.identity(match.person, match.latest_term, lang)
        return f"{text.pick(match.person, 'name', lang)} ({identity}) = {match.person_id}"

    def _date(self, selector: str) -> dates.PartialDate | None:
        value = self.query_one(selector, Input).value.strip()
        return dates.parse(value) if value else None

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(EventFilter())

    def action_cancel(self) -> None:
        self.dismiss(None)
