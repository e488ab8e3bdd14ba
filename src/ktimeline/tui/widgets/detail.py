"""The event detail pane: what happened, who was there (as of that date), and the sources."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ktimeline.store import dates
from ktimeline.tui import text
from ktimeline.tui.messages import PersonChosen

Row = dict[str, Any]


class ParticipantList(OptionList):
    """The people present, in the source's order; Enter opens a person."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next person", show=False),
        Binding("k", "cursor_up", "Previous person", show=False),
    ]


def participant_parts(p: Row, lang: str) -> tuple[str, Text]:
    """The side, and the person: name, rank and post as of the date, the printed title."""
    name = text.pick(p, "name", lang)
    other = p.get("name_ja") if lang == "en" else p.get("name_en")
    line = Text()
    line.append(name, style="bold")
    if other and other != name:
        line.append(f"  {other}", style="dim")
    if p.get("role"):
        line.append(f"  · {p['role']}", style="italic dim")
    held_items = _distinct([*p["ranks"], *p["posts"]])
    if not held_items:
        line.append("\n" + text.ui("no_post", lang), style="dim")
    for index, item in enumerate(held_items):
        line.append("\n" if index == 0 else ", ")
        line.append(text.pick(item, "title", lang))
        if item.get("certainty") == "possible":
            line.append(f" ({text.ui('possibly', lang)})", style="italic yellow")
    printed = p.get("printed_title")
    derived = {item.get(f) for item in held_items for f in ("title_en", "title_ja")}
    if printed and printed not in derived:
        line.append(f"\n{text.ui('printed', lang)}: {printed}", style="dim")
        if p.get("disputed"):
            line.append(" (disputed)", style="italic red")
    return text.label(text.SIDE_LABELS, p["side"], lang), line


def _distinct(items: list[Row]) -> list[Row]:
    """One entry per title (a post held in two terms shows once), the certain one first."""
    best: dict[str, Row] = {}
    for item in items:
        key = str(item.get("title_en"))
        if key not in best or (best[key].get("certainty") == "possible"
                               and item.get("certainty") != "possible"):
            best[key] = item
    return list(best.values())


def participant_prompt(p: Row, lang: str) -> Text:
    side, body = participant_parts(p, lang)
    out = Text(side + "  ", style="bold")
    out.append_text(body)
    return out


def participant_grid(p: Row, lang: str) -> Table:
    """Side in a fixed column so that wrapped lines stay indented under the name."""
    side, body = participant_parts(p, lang)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=6, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(side, style="bold " + _SIDE_STYLES.get(p["side"], "")), body)
    return grid


_SIDE_STYLES = {"KP": "red", "RU": "blue", "SU": "magenta"}


def header_text(event: Row, lang: str) -> Text:
    out = Text()
    out.append(text.pick(event, "title", lang) + "\n", style="bold")
    other = event.get("title_en") if lang == "ja" else event.get("title_ja")
    if other:
        out.append(other + "\n", style="dim")
    out.append(dates.display(event["date"]), style="bold")
    if event.get("end_date"):
        out.append(f" – {dates.display(event['end_date'])}", style="bold")
    out.append("  ·  " + text.label(text.KIND_LABELS, event["kind"], lang))
    out.append("  ·  " + (text.pick(event, "place", lang) or text.ui("no_place", lang)))
    summary = text.pick(event, "summary", lang)
    if summary:
        out.append("\n\n" + summary)
    if event.get("note"):
        out.append("\n\n" + str(event["note"]), style="italic dim")
    return out


def source_text(source: Row) -> Text:
    out = Text()
    out.append(f"{source['publisher']}, ")
    out.append(f"“{source['title']}”", style="italic")
    out.append(f", {dates.display(source['published'])}")
    if source.get("locator"):
        out.append(f" ({source['locator']})", style="dim")
    if source.get("url"):
        out.append("\n" + source["url"], style="underline dim")
    return out


def sources_text(event: Row, lang: str) -> Text:
    """Plain form of the sources block (for tests and copying)."""
    out = Text(text.ui("sources", lang) + "\n")
    for source in event.get("sources", []):
        out.append("• ")
        out.append_text(source_text(source))
        out.append("\n")
    return out


def sources_block(event: Row, lang: str) -> Group:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for source in event.get("sources", []):
        grid.add_row("•", source_text(source))
    return Group(Text(text.ui("sources", lang), style="bold"), grid)


class EventDetail(VerticalScroll):
    """Follows the timeline's highlighted event."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.event: Row | None = None
        self.lang = "en"

    def compose(self) -> ComposeResult:
        yield Static(id="detail-header")
        yield Static(id="detail-people-title")
        yield ParticipantList(id="participants")
        yield Static(id="detail-sources")

    def show(self, event: Row | None, lang: str) -> None:
        self.event, self.lang = event, lang
        header = self.query_one("#detail-header", Static)
        people_title = self.query_one("#detail-people-title", Static)
        participants = self.query_one(ParticipantList)
        sources = self.query_one("#detail-sources", Static)
        participants.clear_options()
        if event is None:
            header.update("")
            people_title.update("")
            sources.update("")
            return
        header.update(header_text(event, lang))
        count = len(event["participants"])
        people_title.update(Text(f"{text.ui('people_present', lang)} ({count})", style="bold"))
        participants.add_options(
            [Option(participant_grid(p, lang), id=p["person_id"])
             for p in event["participants"]])
        participants.display = bool(count)
        sources.update(sources_block(event, lang))

    @property
    def plain(self) -> str:
        """The pane's text as a user reads it (for tests and copy)."""
        if self.event is None:
            return ""
        parts = [header_text(self.event, self.lang).plain]
        parts += [participant_prompt(p, self.lang).plain for p in self.event["participants"]]
        parts.append(sources_text(self.event, self.lang).plain)
        return "\n".join(parts)

    @on(OptionList.OptionSelected, "#participants")
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id:
            self.post_message(PersonChosen(message.option.id))
