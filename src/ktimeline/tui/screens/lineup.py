"""The line-up on a date: every post with whoever held it that day, certain or possibly, grouped
by side and organisation; the people present at the event it was opened from are marked."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker

from ktimeline.spans import possibly
from ktimeline.store import dates
from ktimeline.tui import text
from ktimeline.tui.errors import report_worker_error
from ktimeline.tui.screens.base import UsesKTimelineApp, view_css
from ktimeline.tui.screens.main import TooSmall
from ktimeline.tui.widgets.gotobar import GotoBar
from ktimeline.tui.widgets.keybar import KeyBar
from ktimeline.tui.widgets.linelist import LineList

Row = dict[str, Any]
PRESENT_MARK = "● "


@dataclass(frozen=True)
class Line:
    """What one line of the list stands for: a heading (neither id), a post, or a holder."""

    post_id: str | None = None
    person_id: str | None = None


def stepped(when: dates.PartialDate, unit: str, delta: int) -> dates.PartialDate:
    """``when`` moved ``delta`` days, months or years. A year or a month moved by its own unit
    keeps its precision (2014 → 2015); a finer step starts from the first day the date covers
    (a month step from 2014 gives 2014-02, a day step 2014-01-02). Raises ValueError outside
    the calendar."""
    start = datetime.date.fromisoformat(when.hi if when.lo == dates.EARLIEST else when.lo)
    coarse = when.precision in ("year", "month") and not when.approximate
    if unit == "year":
        year = start.year + delta
        if coarse and when.precision == "year":
            return dates.parse(f"{year:04d}")
        if coarse:
            return dates.parse(f"{year:04d}-{start.month:02d}")
        day = min(start.day, calendar.monthrange(year, start.month)[1])
        return dates.parse(datetime.date(year, start.month, day).isoformat())
    if unit == "month":
        index = start.year * 12 + start.month - 1 + delta
        year, month = divmod(index, 12)
        if coarse:
            return dates.parse(f"{year:04d}-{month + 1:02d}")
        day = min(start.day, calendar.monthrange(year, month + 1)[1])
        return dates.parse(datetime.date(year, month + 1, day).isoformat())
    return dates.parse((start + datetime.timedelta(days=delta)).isoformat())


def side_style(side: str | None) -> str:
    # A named style only for the sides the palette knows: a store's text never names a style.
    return f"kt.side.{side}" if side in text.SIDE_LABELS else "bold"


TITLE_INDENT = 2  # a post's title under its organisation


def holder_text(holder: Row, present: set[str], lang: str) -> Text:
    """``● Ri Yong Gil  (2018-07 – 2019-09)``: bold and marked when present at the event, and
    "possibly" in the possible style when the record leaves it open that day."""
    name = text.pick(holder, "name", lang) or text.safe(holder.get("person_id"))
    here = holder.get("person_id") in present
    line = Text("    " + (PRESENT_MARK if here else "  "), style="bold")
    start = len(line)
    if holder.get("certainty") == "possible":
        # Two spans, not "kt.possible bold": a named style is looked up whole.
        line.append(possibly(name, lang), style="kt.possible")
        if here:
            line.stylize("bold", start, len(line))
    else:
        line.append(name, style="bold" if here else "")
    span = f"{text.shown_date(holder.get('start'), lang)} – " \
           f"{text.shown_date(holder.get('end'), lang) or text.ui('lineup_open_end', lang)}"
    line.append(f"  ({span})", style="dim")
    return line


def lineup_lines(payload: Row, present: set[str], lang: str,
                 with_empty: bool) -> list[tuple[Text, Line]]:
    """The list's lines: a heading per side and organisation, each post, its holders."""
    out: list[tuple[Text, Line]] = []
    group: tuple[Any, Any] | None = None
    for post in payload["posts"]:
        holders = post.get("holders") or []
        if not holders and not with_empty:
            continue
        if (post.get("side"), post.get("organisation_en")) != group:
            group = (post.get("side"), post.get("organisation_en"))
            heading = Text(text.label(text.SIDE_LABELS, post.get("side") or "?", lang),
                           style=side_style(post.get("side")))
            heading.append("  ")
            heading.append(text.pick(post, "organisation", lang), style="bold underline")
            out.append((heading, Line()))
        title = Text(" " * TITLE_INDENT + text.pick(post, "title", lang))
        if not holders:
            title.append(f"  {text.ui('lineup_vacant', lang)}", style="dim")
        out.append((title, Line(post_id=post["post_id"])))
        for holder in holders:
            out.append((holder_text(holder, present, lang),
                        Line(post_id=post["post_id"], person_id=holder.get("person_id"))))
    return out


class LineupScreen(UsesKTimelineApp, Screen[None]):
    """The government of the day: ``,``/``.`` a day, ``<``/``>`` a month, ``{``/``}`` a year;
    ``t`` types a date; Enter opens the holder (or the post), ``p`` the post."""

    # Loaded with the screen's first use, not parsed before the first frame; global (not
    # scoped), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = view_css("lineup-header", "lineup-list") + """
#lineup-list {
    overflow-y: scroll;
}

LineList > .line-list--cursor {
    background: $block-cursor-background;
    color: $block-cursor-foreground;
    text-style: bold;
}

LineList > .line-list--more {
    color: $accent;
    text-style: bold;
}
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("p", "open_post", "Post's holders"),
        Binding("full_stop", "step('day', 1)", "Day", key_display=", ."),
        Binding("comma", "step('day', -1)", "Day back", show=False),
        Binding("greater_than_sign", "step('month', 1)", "Month", key_display="< >"),
        Binding("less_than_sign", "step('month', -1)", "Month back", show=False),
        Binding("right_curly_bracket", "step('year', 1)", "Year", key_display="{ }"),
        Binding("left_curly_bracket", "step('year', -1)", "Year back", show=False),
        Binding("t,ctrl+g", "goto_date", "Go to date"),
        Binding("s", "next_side", "Side"),
        Binding("a", "toggle_empty", "Empty posts"),
        Binding("j", "cursor_down", "Next line", show=False),
        Binding("k", "cursor_up", "Previous line", show=False),
    ]

    # Enter on a holder opens the person over this screen: Escape there comes back here.
    opens_people_over_itself = True

    def __init__(self, when: dates.PartialDate, event_id: str | None = None) -> None:
        super().__init__(classes="lineup")
        self.when = when
        self.event_id = event_id
        self.event: Row | None = None
        self.present: set[str] = set()
        self.side: str | None = None
        self.sides: list[str] = []
        self.with_empty = False
        self.payload: Row | None = None
        self.lines: list[Line] = []

    def compose(self) -> ComposeResult:
        yield Static(id="lineup-header")
        yield LineList(id="lineup-list")
        yield GotoBar(id="goto-bar")
        yield TooSmall(id="too-small")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one(GotoBar).display = False
        self.query_one("#lineup-list", LineList).focus()
        self.apply_language(self.kt.lang)
        self._load(self.when, self.side, self.event_id if self.event is None else None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, group="lineup", exit_on_error=False)
    def _load(self, when: dates.PartialDate, side: str | None, event_id: str | None) -> None:
        store = self.kt.store
        payload = store.views.lineup(when, side)
        event = store.events.get(event_id) if event_id else None
        sides = store.views.sides() if not self.sides else self.sides
        self.app.call_from_thread(self._show, when, side, payload, event, sides)

    def _show(self, when: dates.PartialDate, side: str | None, payload: Row,
              event: Row | None, sides: list[str]) -> None:
        if (when, side) != (self.when, self.side):
            return  # a step taken since: its own read shows
        self.payload = text.safe_row(payload)  # every store string made safe, once
        if event is not None:
            self.event = text.safe_row(event)
            self.present = {p["person_id"] for p in self.event.get("participants") or []}
        self.sides = sides
        self.apply_language(self.kt.lang)

    # -- what the user reads ----------------------------------------------------------------
    def header(self, lang: str) -> Text:
        when = self.when
        out = Text(text.tr("lineup_title", lang, date=text.shown_date(when.text, lang)),
                   style="bold")
        if when.precision != "day" or not when.is_exact_day:
            out.append(f"  {text.ui(f'lineup_precision_{when.precision}', lang)}",
                       style="kt.possible")
        if self.side:
            out.append(f"  ·  {text.ui('side_is', lang)}: "
                       f"{text.label(text.SIDE_LABELS, self.side, lang)}", style="bold")
        if self.event is not None:
            out.append("\n" + PRESENT_MARK, style="bold")
            out.append(text.tr("lineup_present", lang, title=text.pick(self.event, "title", lang),
                               date=text.shown_date(self.event.get("date"), lang)), style="dim")
        if self.payload is not None:
            posts = self.payload["posts"]
            held = sum(1 for post in posts if post.get("holders"))
            key = "lineup_count_all" if self.with_empty else "lineup_count"
            out.append("\n" + text.tr(key, lang, held=held, total=len(posts)), style="dim")
        else:
            out.append("\n" + text.ui("loading", lang), style="dim")
        return out

    def apply_language(self, lang: str) -> None:
        self.query_one(KeyBar).refresh_keys()
        self.query_one(TooSmall).refresh()
        self.query_one("#lineup-header", Static).update(self.header(lang))
        listing = self.query_one("#lineup-list", LineList)
        if self.payload is None:
            return
        kept = self._current()
        shown = lineup_lines(self.payload, self.present, lang, self.with_empty)
        self.lines = [line for _prompt, line in shown]
        if not shown:
            listing.show([Text(text.ui("lineup_none", lang), style="dim italic")], [False],
                         None)
            return
        listing.show([prompt for prompt, _line in shown],
                     [line.post_id is not None for _prompt, line in shown], self._place_of(kept))

    def _current(self) -> Line | None:
        index = self.query_one("#lineup-list", LineList).highlighted
        return self.lines[index] if index is not None and index < len(self.lines) else None

    def _place_of(self, kept: Line | None) -> int:
        """Where the cursor goes in a new list: the same line if it is there, else the first
        person present at the event, else the first post."""
        if kept is not None and kept in self.lines:
            return self.lines.index(kept)
        for index, line in enumerate(self.lines):
            if line.person_id is not None and line.person_id in self.present:
                return index
        return next((i for i, line in enumerate(self.lines) if line.post_id), 0)

    @property
    def plain(self) -> str:
        """The screen's text as a user reads it (for tests)."""
        lang = self.kt.lang
        if self.payload is None:
            return self.header(lang).plain
        shown = lineup_lines(self.payload, self.present, lang, self.with_empty)
        return "\n".join([self.header(lang).plain, *(prompt.plain for prompt, _ in shown)])

    # -- keys -------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

    def action_step(self, unit: str, delta: int) -> None:
        try:
            when = stepped(self.when, unit, delta)
        except (ValueError, OverflowError):
            self.app.bell()
            return
        self.show_date(when)

    def show_date(self, when: dates.PartialDate) -> None:
        self.when = when
        self.query_one("#lineup-header", Static).update(self.header(self.kt.lang))
        self._load(when, self.side, None)

    def action_next_side(self) -> None:
        """Every side, then each in turn (DPRK, Russia, ...), then every side again."""
        choices: list[str | None] = [None, *self.sides]
        self.side = choices[(choices.index(self.side) + 1) % len(choices)] \
            if self.side in choices else None
        self._load(self.when, self.side, None)

    def action_toggle_empty(self) -> None:
        self.with_empty = not self.with_empty
        self.apply_language(self.kt.lang)

    def action_cursor_down(self) -> None:
        self.query_one("#lineup-list", LineList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#lineup-list", LineList).action_cursor_up()

    @on(LineList.Chosen, "#lineup-list")
    def _chosen(self, message: LineList.Chosen) -> None:
        line = self.lines[message.index] if message.index < len(self.lines) else None
        if line is None or line.post_id is None:
            return
        if line.person_id is not None:
            self.kt.open_person(line.person_id)
        else:
            self._open_post(line.post_id)

    def action_open_post(self) -> None:
        line = self._current()
        if line is None or line.post_id is None:
            self.app.bell()
            return
        self._open_post(line.post_id)

    def _open_post(self, post_id: str) -> None:
        from ktimeline.tui.screens.post import PostScreen

        self.app.push_screen(PostScreen(post_id))

    # -- typing a date ------------------------------------------------------------------------
    def action_goto_date(self) -> None:
        bar = self.query_one(GotoBar)
        bar.display = True
        bar.open(self.kt.lang)

    @on(GotoBar.Closed)
    def _goto_closed(self, message: GotoBar.Closed) -> None:
        message.stop()
        self.query_one(GotoBar).display = False
        self.query_one("#lineup-list", LineList).focus()

    @on(GotoBar.Chosen)
    def _goto_chosen(self, message: GotoBar.Chosen) -> None:
        message.stop()
        self.show_date(message.when)
