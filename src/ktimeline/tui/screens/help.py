"""Help: every key binding, generated from the bindings the app really has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ktimeline.spans import DATE_LEGEND

if TYPE_CHECKING:
    from textual.app import App


@dataclass(frozen=True)
class HelpRow:
    """One line of help: the keys that do one thing."""

    keys: tuple[str, ...]
    action: str
    description: str


_DESCRIPTIONS = {"help_quit": "How to quit (q or ctrl+q)"}


def rows_of(node_class: type[DOMNode]) -> list[HelpRow]:
    """Every binding a class answers to (its own and inherited), keys grouped by action."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for key, bindings in node_class._merge_bindings().key_to_bindings.items():
        for binding in bindings:
            description = (binding.description or _DESCRIPTIONS.get(binding.action)
                           or binding.action.replace("_", " "))
            grouped.setdefault((binding.action, description), []).append(key)
    return [HelpRow(tuple(keys), action, description)
            for (action, description), keys in grouped.items()]


def help_sections() -> list[tuple[str, list[HelpRow]]]:
    """The sections the help screen shows, generated from the classes' real bindings."""
    from textual.widgets import OptionList

    from ktimeline.tui.app import KTimelineApp
    from ktimeline.tui.screens.filter import FilterScreen
    from ktimeline.tui.screens.main import MainScreen
    from ktimeline.tui.screens.person import PersonScreen
    from ktimeline.tui.screens.search import SearchScreen
    from ktimeline.tui.widgets.detail import EventDetail
    from ktimeline.tui.widgets.gotobar import GotoBar
    from ktimeline.tui.widgets.timeline import Timeline

    everywhere = rows_of(KTimelineApp)
    covered = _pairs(everywhere)
    everywhere += [row for row in rows_of(Screen) if not _pairs([row]) <= covered]
    covered = _pairs(everywhere)
    sections = [
        ("Main screen", rows_of(MainScreen)),
        ("Timeline", rows_of(Timeline)),
        ("People present (detail pane)", rows_of(EventDetail)),
        ("Person", rows_of(PersonScreen)),
        ("Meetings (person view)", rows_of(OptionList)),
        ("Search", rows_of(SearchScreen)),
        ("Filter", rows_of(FilterScreen)),
        ("Go to date", rows_of(GotoBar)),
        ("Help", rows_of(HelpScreen)),
    ]
    # What every screen answers to is listed once, under "Everywhere".
    return [("Everywhere", everywhere)] + [
        (title, [row for row in rows if not _pairs([row]) <= covered])
        for title, rows in sections]


def _pairs(rows: list[HelpRow]) -> set[tuple[str, str]]:
    return {(key, _bare(row.action)) for row in rows for key in row.keys}


def _bare(action: str) -> str:
    return action.rpartition(".")[2]


def keys_display(app: App[object], row: HelpRow) -> str:
    return ", ".join(app.get_key_display(Binding(key, row.action)) for key in row.keys)


def help_text(app: App[object]) -> Text:
    out = Text()
    rows = [(section, keys_display(app, row), row.description)
            for section, section_rows in help_sections() for row in section_rows]
    column = max(cell_len(keys) for _s, keys, _d in rows) + 3
    current = ""
    for section, keys, description in rows:
        if section != current:
            out.append(("\n" if current else "") + section + "\n", style="bold underline")
            current = section
        out.append("  " + keys + " " * (column - cell_len(keys)), style="bold")
        out.append(description + "\n")
    lang = str(getattr(app, "lang", "en"))
    title = "日付の読み方と「可能性あり」" if lang == "ja" else "Reading dates and \"possibly\""
    out.append("\n" + title + "\n", style="bold underline")
    legend = DATE_LEGEND.get(lang, DATE_LEGEND["en"])
    width = max(cell_len(notation) for notation, _ in legend) + 3
    for notation, meaning in legend:
        out.append("  " + notation + " " * (width - cell_len(notation)), style="bold")
        out.append(meaning + "\n")
    out.append("\nMouse: click a row to select it, double-click to open; scroll with the wheel.",
               style="dim")
    return out


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close help")]

    def __init__(self) -> None:
        super().__init__(id="help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_text(self.app), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
