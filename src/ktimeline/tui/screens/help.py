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
from ktimeline.tui import text
from ktimeline.tui.screens.base import dialog_css
from ktimeline.tui.seam import bindings_of

if TYPE_CHECKING:
    from textual.app import App


@dataclass(frozen=True)
class HelpRow:
    """One line of help: the keys that do one thing."""

    keys: tuple[str, ...]
    action: str
    description: str


# Bindings Textual gives every scrolling widget that do nothing here (nothing scrolls sideways),
# and its ctrl+c hint, which the screen's ctrl+c (copy) overrides: not listed.
HIDDEN_ACTIONS = {"scroll_left", "scroll_right", "page_left", "page_right", "help_quit"}


def rows_of(node_class: type[DOMNode]) -> list[HelpRow]:
    """Every binding a class answers to (its own and inherited), keys grouped by action."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for key, bindings in bindings_of(node_class).items():
        for binding in bindings:
            if binding.action in HIDDEN_ACTIONS:
                continue
            description = binding.description or binding.action.replace("_", " ")
            grouped.setdefault((binding.action, description), []).append(key)
    return [HelpRow(tuple(keys), action, description)
            for (action, description), keys in grouped.items()]


def help_sections() -> list[tuple[str, list[HelpRow]]]:
    """The sections the help screen shows, generated from the classes' real bindings."""
    from textual.widgets import OptionList

    from ktimeline.tui.app import KTimelineApp
    from ktimeline.tui.screens.filter import FilterScreen
    from ktimeline.tui.screens.lineup import LineupScreen
    from ktimeline.tui.screens.main import MainScreen
    from ktimeline.tui.screens.person import PersonScreen
    from ktimeline.tui.screens.post import PostScreen
    from ktimeline.tui.screens.search import SearchScreen
    from ktimeline.tui.widgets.detail import EventDetail
    from ktimeline.tui.widgets.gotobar import GotoBar
    from ktimeline.tui.widgets.timeline import Timeline

    everywhere = rows_of(KTimelineApp)
    covered = _pairs(everywhere)
    everywhere += [row for row in rows_of(Screen) if not _pairs([row]) <= covered]
    covered = _pairs(everywhere)
    sections = [
        ("help_main", rows_of(MainScreen)),
        ("help_timeline", rows_of(Timeline)),
        ("help_detail", rows_of(EventDetail)),
        ("help_person", rows_of(PersonScreen)),
        ("help_meetings", rows_of(OptionList)),
        ("help_search", rows_of(SearchScreen)),
        ("help_filter", rows_of(FilterScreen)),
        ("help_goto", rows_of(GotoBar)),
        ("help_lineup", rows_of(LineupScreen)),
        ("help_post", rows_of(PostScreen)),
        ("help_help", rows_of(HelpScreen)),
    ]
    # What every screen answers to is listed once, under "Everywhere".
    return [("help_everywhere", everywhere)] + [
        (title, [row for row in rows if not _pairs([row]) <= covered])
        for title, rows in sections]


def _pairs(rows: list[HelpRow]) -> set[tuple[str, str]]:
    return {(key, _bare(row.action)) for row in rows for key in row.keys}


def _bare(action: str) -> str:
    return action.rpartition(".")[2]


def keys_display(app: App[object], row: HelpRow) -> str:
    return ", ".join(app.get_key_display(Binding(key, row.action)) for key in row.keys)


def help_text(app: App[object], lang: str = "en") -> Text:
    """Every section's keys and what they do, in ``lang``."""
    out = Text()
    rows = [(text.ui(section, lang), keys_display(app, row), text.ui(row.description, lang))
            for section, section_rows in help_sections() for row in section_rows]
    column = max(cell_len(keys) for _s, keys, _d in rows) + 3
    current = ""
    for section, keys, description in rows:
        if section != current:
            out.append(("\n" if current else "") + section + "\n", style="bold underline")
            current = section
        out.append("  " + keys + " " * (column - cell_len(keys)), style="bold")
        out.append(description + "\n")
    # How dates and possible items read (the wording is ktimeline.spans's, as in the CLI).
    out.append("\n" + text.ui("help_dates", lang) + "\n", style="bold underline")
    # The notation over its meaning, indented: side by side they overflow an 80-column box.
    for notation, meaning in DATE_LEGEND.get(lang, DATE_LEGEND["en"]):
        out.append("  " + notation + "\n", style="bold")
        out.append("      " + meaning + "\n")
    out.append("\n" + text.ui("mouse_help", lang), style="dim")
    return out


class HelpScreen(ModalScreen[None]):

    # Loaded with the screen's first use, not parsed before the first frame; global (not
    # scoped), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = dialog_css("HelpScreen", "help-box", 80, height="90%", top=1,
                             title=False) + """
#help-box {
    scrollbar-size-vertical: 0;
}
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close help")]

    def __init__(self) -> None:
        super().__init__(id="help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_text(self.app, str(getattr(self.app, "lang", "en"))),
                         id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def apply_language(self, lang: str) -> None:
        self.query_one("#help-text", Static).update(help_text(self.app, lang))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
