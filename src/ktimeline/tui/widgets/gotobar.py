"""Go to a date from the status line: a year, a month or a day; the nearest event is selected.

A bar in the main screen rather than a modal screen: pushing a screen over the timeline, with
the timeline dimmed behind it, cost ~250 ms of CPU per use; the bar costs two small layouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from ktimeline.store import dates
from ktimeline.tui import text
from ktimeline.tui.widgets.inputs import FixedInput


class GotoBar(Horizontal):
    """Shown by the screen's ``-going-to-date`` class; Enter goes to the date typed, Escape
    closes."""

    # Loaded with the bar's first use, not parsed before the first frame; global (it hides
    # the status line), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = """
#goto-bar {
    display: none;
    height: 1;
    background: $panel;
}

MainScreen.-going-to-date #goto-bar {
    display: block;
}

MainScreen.-going-to-date #status {
    display: none;
}

#goto-label {
    width: auto;
    padding: 0 0 0 1;
    text-style: bold;
}

#goto-input {
    width: 30;
}

#goto-error {
    width: 1fr;
    color: $error;
}
"""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Cancel")]

    @dataclass
    class Chosen(Message):
        """A date to go to was typed."""

        when: dates.PartialDate

    class Closed(Message):
        """The bar closed (a date chosen or not)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = "en"

    def compose(self) -> ComposeResult:
        yield Static(id="goto-label")
        yield FixedInput(placeholder=text.ui("goto_placeholder", "en"), id="goto-input",
                         compact=True)
        yield Static(id="goto-error")

    @property
    def is_open(self) -> bool:
        return bool(self.display)

    @property
    def input(self) -> Input:
        return self.query_one("#goto-input", Input)

    @property
    def error(self) -> str:
        return str(self.query_one("#goto-error", Static).render())

    def open(self, lang: str) -> None:
        self.lang = lang
        self.query_one("#goto-label", Static).update(text.content(text.ui("goto", lang) + " "))
        self.query_one("#goto-error", Static).update("")
        self.input.placeholder = text.ui("goto_placeholder", lang)
        self.input.value = ""
        self.input.focus()

    def action_close(self) -> None:
        if self.display:
            self.post_message(self.Closed())

    @on(Input.Submitted, "#goto-input")
    def _submitted(self, message: Input.Submitted) -> None:
        message.stop()
        try:
            when = dates.parse(message.value)
        except dates.DateError as error:
            self.query_one("#goto-error", Static).update(text.content(f"  {error}"))
            return
        self.action_close()
        self.post_message(self.Chosen(when))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Clicking or tabbing away from the bar closes it, as Escape does.
        self.call_after_refresh(self._close_if_left)

    def _close_if_left(self) -> None:
        if not self.has_focus_within:
            self.action_close()
