"""The event detail pane: what happened, who was there (as of that date), and the sources."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from typing import Any, ClassVar, NamedTuple

from rich.console import Console, Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.strip import Strip

from ktimeline.sourcetext import lead_mark, source_title
from ktimeline.spans import possibly
from ktimeline.tui import text
from ktimeline.tui.messages import PersonChosen, SourceChosen
from ktimeline.tui.reasons import conflict_text, participant_reasons
from ktimeline.tui.widgets.stripview import StripView

Row = dict[str, Any]


def participant_parts(p: Row, lang: str) -> tuple[str, Text]:
    """The side, and the person: name, rank and post as of the date, the printed title."""
    name = text.pick(p, "name", lang) or text.safe(p["person_id"])  # a person not in the store
    other = p.get("name_ja") if lang == "en" else p.get("name_en")
    line = Text()
    line.append(name, style="bold")
    if other and other != name:
        line.append(f"  {other}", style="dim")
    if p.get("role"):
        line.append(f"  · {text.role(p['role'], lang)}", style="italic dim")
    held_items = _distinct([*p["ranks"], *p["posts"]])
    if not held_items:
        line.append("\n" + text.ui("no_post", lang), style="dim")
    for index, item in enumerate(held_items):
        line.append("\n" if index == 0 else ", ")
        title = text.pick(item, "title", lang)
        if item.get("certainty") == "possible":
            line.append(possibly(title, lang), style="kt.possible")
        else:
            line.append(title)
    printed = p.get("printed_title")
    derived = {item.get(f) for item in held_items for f in ("title_en", "title_ja")}
    if printed and printed not in derived:
        line.append(f"\n{text.ui('printed', lang)}: {printed}", style="dim")
        if p.get("disputed"):
            line.append(f" ({text.ui('disputed', lang)})", style="kt.disputed")
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


def participant_body(p: Row, lang: str) -> tuple[str, Text]:
    """participant_parts, with the note and the sources behind the attendance, post and rank."""
    side, body = participant_parts(p, lang)
    reasons = participant_reasons(p, lang, p.get("id_labels") or {})
    if reasons.plain:
        body.append("\n")
        body.append_text(reasons)
    return side, body


def participant_prompt(p: Row, lang: str) -> Text:
    side, body = participant_body(p, lang)
    out = Text(side + "  ", style="bold")
    out.append_text(body)
    return out


def participant_grid(p: Row, lang: str) -> Table:
    """Side in a fixed column so that wrapped lines stay indented under the name."""
    side, body = participant_body(p, lang)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=6, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")  # never "…" inside a wrapped line of sources
    grid.add_row(Text(side, style=f"kt.side.{p['side']}"), body)
    return grid




def header_text(event: Row, lang: str) -> Text:
    out = Text()
    out.append(text.pick(event, "title", lang) + "\n", style="bold")
    other = event.get("title_en") if lang == "ja" else event.get("title_ja")
    if other:
        out.append(other + "\n", style="dim")
    out.append(text.shown_date(event["date"], lang), style="bold")
    if event.get("end_date"):
        out.append(f" – {text.shown_date(event['end_date'], lang)}", style="bold")
    out.append("  ·  " + text.label(text.KIND_LABELS, event["kind"], lang))
    out.append("  ·  " + (text.pick(event, "place", lang) or text.ui("no_place", lang)))
    summary = text.pick(event, "summary", lang)
    if summary:
        out.append("\n\n" + summary)
    if event.get("note"):
        out.append("\n\n" + text.humanise(str(event["note"]), event.get("id_labels") or {},
                                           lang), style="italic dim")
    return out


def conflicts_text(event: Row, lang: str) -> Text:
    """Every disagreement recorded on the event, with its claims and the reason."""
    conflicts = event.get("conflicts") or []
    out = Text()
    for conflict in conflicts:
        out.append("\n• ")
        out.append_text(conflict_text(conflict, lang, labels=event.get("id_labels") or {}))
    return out


def conflicts_block(event: Row, lang: str) -> Group:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for conflict in event.get("conflicts") or []:
        grid.add_row(Text("•"), conflict_text(conflict, lang,
                                              labels=event.get("id_labels") or {}))
    title = f"{text.ui('event_conflicts', lang)} ({len(event.get('conflicts') or [])})"
    return Group(Text(title, style="bold"), grid)


def source_text(source: Row, lang: str = "en") -> Text:
    out = Text()
    out.append(f"{source['publisher']}, ")
    out.append(source_title(source), style="italic")
    out.append(f", {text.shown_date(source['published'], lang)}")
    if lead_mark(source, lang):
        out.append(lead_mark(source, lang), style="dim")
    if source.get("locator"):
        out.append(f" ({source['locator']})", style="dim")
    if source.get("url"):
        # A terminal hyperlink (OSC 8) where the terminal supports it, whole however the line
        # wraps (``link``: render_detail's link_target of the store's address).
        link = source.get("link")
        out.append("\n" + source["url"], style=Style(underline=True, dim=True, link=link)
                   if link else "underline dim")
    return out


def sources_text(event: Row, lang: str) -> Text:
    """Plain form of the sources block (for tests and copying)."""
    out = Text(text.ui("sources", lang) + "\n")
    for source in event.get("sources", []):
        out.append("• ")
        out.append_text(source_text(source, lang))
        out.append("\n")
    return out


def source_grid(source: Row, lang: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")  # an address wraps; it is never cut with "…"
    grid.add_row(Text("•"), source_text(source, lang))
    return grid


class Target(NamedTuple):
    """A block of the pane the cursor can rest on: a person present, or a source."""

    kind: str  # "person" or "source"
    key: str  # the person's id, or the source's
    number: int  # its place among the event's participants, or among its sources
    first: int  # its first line
    end: int  # the line after its last


class DetailLines(NamedTuple):
    """An event's detail rendered at one width: its lines, and where each person's block is."""

    event_id: str | None
    lang: str
    width: int
    strips: list[Strip]
    targets: list[Target]  # the people present, then the sources, in line order

    @property
    def people(self) -> list[tuple[str, int, int]]:
        """Person id, first line, end line (exclusive) of each person present."""
        return [(t.key, t.first, t.end) for t in self.targets if t.kind == "person"]


# The pane's margins are part of its lines (Textual's padding would be laid out, and cut,
# again on every repaint).
MARGIN = 1


@lru_cache(maxsize=1)
def worker_console() -> Console:
    """A console for rendering in worker threads, away from the app's (whose lock the UI
    thread takes to paint)."""
    return Console(file=io.StringIO(), force_terminal=True, color_system="truecolor",
                   legacy_windows=False)


def render_detail(event: Row | None, lang: str, width: int,
                  console: Console | None = None) -> DetailLines:
    """The pane's lines, rendered once per event, language and width (cheap to scroll and
    repaint afterwards: nothing is measured or wrapped again on a key). Safe in a worker."""
    console = console or worker_console()
    if event is None or width <= 0:
        return DetailLines(None, lang, width, [], [])
    # Which addresses may be links is decided on the store's own text: one with an unsafe
    # character in it is shown (escaped) but never linked.
    from ktimeline.opener import link_target  # urllib: not needed for the first frame

    event = {**event, "sources": [{**source, "link": link_target(source.get("url"))}
                                  for source in event.get("sources", [])]}
    event = text.safe_row(event)  # every string from the store, made safe to show
    options = console.options.update_width(max(width - 2 * MARGIN, 1))
    strips: list[Strip] = []
    margin = [Segment(" " * MARGIN)]

    def add(renderable: RenderableType) -> None:
        strips.extend(Strip([*margin, *line, *margin], width)
                      for line in console.render_lines(renderable, options, pad=True))

    add(header_text(event, lang))
    targets: list[Target] = []
    if event["participants"]:
        strips.append(Strip.blank(width))
        count = len(event["participants"])
        add(Text(f"{text.ui('people_present', lang)} ({count})", style="bold"))
        for index, participant in enumerate(event["participants"]):
            first = len(strips)
            add(participant_grid(participant, lang))
            targets.append(Target("person", participant["person_id"], index, first,
                                  len(strips)))
    if event.get("conflicts"):
        strips.append(Strip.blank(width))
        add(conflicts_block(event, lang))
    strips.append(Strip.blank(width))
    add(Text(text.ui("sources", lang), style="bold"))
    for index, source in enumerate(event.get("sources", [])):
        first = len(strips)
        add(source_grid(source, lang))
        targets.append(Target("source", str(source.get("id")), index, first, len(strips)))
    return DetailLines(event["id"], lang, width, strips, targets)


class EventDetail(StripView, can_focus=True):
    """Follows the timeline's highlighted event; focused, j/k move between the people present
    and the sources, and Enter opens the person, or the source's address in the browser.

    A Line-API view over lines rendered once per event: moving through the timeline costs a
    repaint of this pane, never a layout pass of the screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next_target", "Next person or source", show=False),
        Binding("k,up", "previous_target", "Previous person or source", show=False),
        Binding("enter", "open_target", "Open person/source"),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"event-detail--cursor", "event-detail--more"}
    CURSOR_CLASS = "event-detail--cursor"
    MORE_CLASS = "event-detail--more"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.event: Row | None = None
        self.lang = "en"
        self.lines = DetailLines(None, "en", 0, [], [])
        self.selected: int | None = None  # the cursor's place among the pane's targets
        self.chosen_in: dict[str, int] = {}  # event id: the target last chosen in it
        self._expected: Callable[[int], tuple[Row | None, DetailLines] | None] | None = None

    @property
    def strips(self) -> list[Strip]:
        return self.lines.strips

    @property
    def targets(self) -> list[Target]:
        return self.lines.targets

    def cursor_lines(self) -> range:
        if self.selected is None or not self.has_focus:
            return range(0)
        target = self.targets[self.selected]
        return range(target.first, target.end)

    def expect(self, read: Callable[[int], tuple[Row | None, DetailLines] | None]) -> None:
        """Show what ``read(width)`` gives when the pane is first drawn: before the first
        layout its width is not known, and an event read then at another width would be drawn
        a frame after the rows (and rendered twice). None from ``read``: it failed, and said
        so; the pane stays empty."""
        self._expected = read

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._expected is not None and self.line_width:
            read, self._expected = self._expected, None
            found = read(self.line_width)
            if found is not None:
                # Set as ``show`` would, less its refresh: this is that frame's drawing.
                self.event, self.lines = found
                self.lang = self.lines.lang
                self.set_reactive(StripView.virtual_size,
                                  Size(self.line_width, len(self.lines.strips)))
        return super().render_lines(crop)

    def show(self, event: Row | None, lang: str, lines: DetailLines | None = None) -> None:
        """Show ``event`` (``lines``: already rendered, say by a worker, at this width)."""
        if event is not None:
            self._expected = None  # an event expected but not drawn yet stays expected
        self.event, self.lang = event, lang
        width = self.line_width
        if lines is None or lines.width != width or lines.lang != lang \
                or lines.event_id != (event["id"] if event else None):
            lines = render_detail(event, lang, width, self.app.console)
        self.lines = lines
        self.selected = 0 if (self.has_focus and lines.targets) else None
        self.lines_changed()

    @property
    def person_count(self) -> int:
        return len(self.lines.people)

    @property
    def target_count(self) -> int:
        return len(self.targets)

    def _selected(self, kind: str) -> Target | None:
        if self.selected is None or self.selected >= len(self.targets):
            return None
        target = self.targets[self.selected]
        return target if target.kind == kind else None

    @property
    def selected_person(self) -> str | None:
        target = self._selected("person")
        return target.key if target else None

    @property
    def selected_source(self) -> Row | None:
        """The source under the cursor, as the store gave it (unsafe: make it safe to show)."""
        target = self._selected("source")
        if target is None or self.event is None:
            return None
        return self.event["sources"][target.number]  # type: ignore[no-any-return]

    def select(self, number: int) -> None:
        """Put the cursor on the ``number``-th target and scroll its block into view."""
        if not self.targets:
            return
        self.selected = max(0, min(number, len(self.targets) - 1))
        if self.lines.event_id is not None:
            self.chosen_in[self.lines.event_id] = self.selected
        target = self.targets[self.selected]
        self.scroll_to_lines(range(target.first, target.end))
        self.refresh()

    def select_first_source(self) -> bool:
        """The cursor on the first source (True), if the event has one."""
        for number, target in enumerate(self.targets):
            if target.kind == "source":
                self.select(number)
                return True
        return False

    def target_at_line(self, line: int) -> int | None:
        for number, target in enumerate(self.targets):
            if target.first <= line < target.end:
                return number
        return None

    def first_line_of(self, number: int) -> int:
        return self.targets[number].first

    # -- keys and mouse ---------------------------------------------------------------------
    def action_next_target(self) -> None:
        if self.targets:
            self.select(0 if self.selected is None else self.selected + 1)
        else:
            self.scroll_down(animate=False)

    def action_previous_target(self) -> None:
        if self.targets:
            self.select(0 if self.selected is None else self.selected - 1)
        else:
            self.scroll_up(animate=False)

    def action_open_target(self) -> None:
        if self.selected is None and self.targets:
            self.select(0)  # after End left nothing in view: Enter first shows what it opens
            return
        person = self.selected_person
        if person is not None:
            self.post_message(PersonChosen(person))
            return
        source = self._selected("source")
        if source is not None:
            self.post_message(SourceChosen(source.number))

    def action_top(self) -> None:
        """To the top, the cursor on the first person present (or source)."""
        self.scroll_to(y=0, animate=False)
        if self.targets:
            self.select(0)

    def action_bottom(self) -> None:
        """To the bottom (the sources), the cursor on the last target still in view (none, when
        none is: a cursor off screen would open something the user cannot see)."""
        height = self.scrollable_content_region.height or 1
        top = max(len(self.strips) - height, 0)
        self.scroll_to(y=top, animate=False)
        shown = [number for number, target in enumerate(self.targets)
                 if target.first < top + height and target.end > top]
        self.selected = shown[-1] if shown else None
        self.refresh()

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def on_focus(self) -> None:
        if self.selected is None and self.targets:
            self.select(0)

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a person opens them; on a source, it puts the cursor there (the terminal
        follows the address itself, where it supports links)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = self.target_at_line(int(self.scroll_offset.y) + offset.y)
        if number is not None:
            self.select(number)
            if self.targets[number].kind == "person":
                self.action_open_target()

    def on_resize(self, event: events.Resize) -> None:
        if self.lines.width != self.line_width:
            self.show(self.event, self.lang)

    @property
    def plain(self) -> str:
        """The pane's text as a user reads it (for tests and copy)."""
        if self.event is None:
            return ""
        event = text.safe_row(self.event)
        parts = [header_text(event, self.lang).plain]
        parts += [participant_prompt(p, self.lang).plain for p in event["participants"]]
        if event.get("conflicts"):
            parts.append(text.ui("event_conflicts", self.lang) +
                         conflicts_text(event, self.lang).plain)
        parts.append(sources_text(event, self.lang).plain)
        return "\n".join(parts)
