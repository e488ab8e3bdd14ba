"""Export: the view the user is looking at (the filtered and searched timeline, or a person's
career and meetings), written to a file in the format they pick."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ktimeline.tui import text
from ktimeline.tui.screens.base import UsesKTimelineApp, dialog_css
from ktimeline.tui.widgets.inputs import FixedInput

# (format, file extension, label key) for each kind of view
TIMELINE_FORMATS = [("csv", "csv", "export_csv"), ("csv-attendance", "csv", "export_csv_people"),
                    ("md", "md", "export_md"), ("timelinejs", "json", "export_timelinejs"),
                    ("json", "jsonl", "export_jsonl")]
PERSON_FORMATS = [("csv", "csv", "export_person_csv"), ("md", "md", "export_md"),
                  ("json", "json", "export_json"), ("jsonl", "jsonl", "export_jsonl")]


@dataclass(frozen=True)
class ExportChoice:
    form: str
    path: Path


def default_path(stem: str, extension: str, now: datetime.datetime | None = None) -> Path:
    """A new file in the working directory, named for the view and the moment."""
    moment = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path.cwd() / f"ktimeline-{stem}-{moment}.{extension}"


class ExportScreen(UsesKTimelineApp, ModalScreen[ExportChoice | None]):
    """Choose a format (Enter, or the arrows), then Enter in the file box writes; Escape
    cancels."""

    # Loaded with the screen's first use, not parsed before the first frame; global (not
    # scoped), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = dialog_css("ExportScreen", "export-box", 72) + """
#export-formats {
    height: auto;
    max-height: 8;
    border: none;
    padding: 0;
    margin-bottom: 1;
}

#export-path {
    width: 1fr;
    margin-bottom: 1;
}

#export-keys {
    color: $text-muted;
}
"""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, formats: list[tuple[str, str, str]], stem: str) -> None:
        super().__init__(id="export")
        self.title_text = title
        self.formats = formats
        self.stem = stem
        self.path = default_path(stem, formats[0][1])

    def compose(self) -> ComposeResult:
        lang = self.kt.lang
        with Vertical(id="export-box"):
            yield Static(text.content(self.title_text), id="export-title")
            yield OptionList(*[Option(text.ui(label, lang), id=form)
                               for form, _extension, label in self.formats], id="export-formats")
            yield Static(text.content(text.ui("export_file", lang)), id="export-file-label")
            yield FixedInput(str(self.path), id="export-path", compact=True)
            yield Static(text.content(text.ui("export_keys", lang)), id="export-keys")

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    @on(OptionList.OptionHighlighted)
    def _format_changed(self, message: OptionList.OptionHighlighted) -> None:
        """The file's extension follows the format (a name the user typed is kept)."""
        extension = next(e for form, e, _label in self.formats if form == message.option.id)
        box = self.query_one("#export-path", Input)
        box.value = str(Path(box.value).with_suffix(f".{extension}")) if box.value else \
            str(default_path(self.stem, extension))

    @on(OptionList.OptionSelected)
    def _format_chosen(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted)
    def _write(self) -> None:
        formats = self.query_one(OptionList)
        chosen = formats.get_option_at_index(formats.highlighted or 0).id
        value = self.query_one("#export-path", Input).value.strip()
        if chosen is None or not value:
            self.app.bell()
            return
        self.dismiss(ExportChoice(chosen, Path(value).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)
