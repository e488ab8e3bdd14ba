"""Go to a date: a year, a month or a day; the nearest event is selected."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ktimeline.store import dates


class GotoDateScreen(ModalScreen[dates.PartialDate | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self) -> None:
        super().__init__(id="goto")

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-box"):
            yield Static("Go to date (2019, 2019-04 or 2019-04-25)", id="goto-title")
            yield Input(placeholder="YYYY, YYYY-MM or YYYY-MM-DD", id="goto-input", compact=True)
            yield Static(id="goto-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        try:
            when = dates.parse(message.value)
        except dates.DateError as error:
            self.query_one("#goto-error", Static).update(str(error))
            return
        self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)
