"""Search as you type: people by any name form, events by title, summary and place."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ktimeline.names.normalise import MAX_QUERY
from ktimeline.tui import text
from ktimeline.tui.errors import report_worker_error
from ktimeline.tui.messages import SearchCounted, SearchResults
from ktimeline.tui.screens.base import UsesKTimelineApp
from ktimeline.tui.widgets.detail import worker_console
from ktimeline.tui.widgets.inputs import FixedInput
from ktimeline.tui.widgets.resultlist import ResultList, render_results

Row = dict[str, Any]
MATCH_STYLE = "bold reverse"


@dataclass(frozen=True)
class SearchChoice:
    """What the user opened (kind "person" or "event", or "" for none) and the query's events."""

    kind: str
    id: str
    query: str
    count: int


def highlight(shown: str, query: str, style: str = MATCH_STYLE) -> Text:
    """``shown`` with every case-insensitive occurrence of the query (or its words) marked."""
    out = Text(shown)
    words = [w for w in re.split(r"\s+", query.strip()) if w]
    for needle in ([query.strip()] if query.strip() else []) + words:
        for found in re.finditer(re.escape(needle), shown, flags=re.IGNORECASE):
            out.stylize(style, found.start(), found.end())
    return out


def one_line(line: Text, cells: int) -> Text:
    """Cut to one line of ``cells`` cells with an ellipsis (results never wrap)."""
    line.truncate(cells, overflow="ellipsis")
    return line


# Below this a match is a guess (a typo's ratio, not a name form or a part of one): it is
# marked ◌ and dimmed, set apart from the sure ones (◉).
SURE_SCORE = 80


def person_prompt(row: Row, query: str, lang: str) -> Text:
    score = row.get("score")
    weak = score is not None and score < SURE_SCORE
    line = Text("◌ " if weak else "◉ ", style="dim" if weak else "bold", no_wrap=True,
                overflow="ellipsis")
    if score is not None:
        line.append(f"{round(score):>3} ", style="dim")
    name = highlight(text.pick(row, "name", lang), query)
    if weak:
        name.stylize("dim")
    line.append_text(name)
    other = row.get("name_ja") if lang == "en" else row.get("name_en")
    if other:
        line.append("  ")
        line.append_text(highlight(other, query))
    if row.get("matched") and row["matched"] not in (row.get("name_en"), row.get("name_ja")):
        line.append("  ≈ ", style="dim")
        line.append(row["matched"], style=MATCH_STYLE)
    if weak:
        line.append(f"  ({text.ui('weak_match', lang)})", style="italic dim")
    if row.get("description"):
        line.append(f"  — {row['description']}", style="dim")
    return line


def event_prompt(row: Row, query: str, lang: str) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(text.fit(text.short_date(row["date"], lang=lang), text.DATE_CELLS) + " ",
                style="bold")
    line.append_text(highlight(text.pick(row, "title", lang), query))
    place = text.pick(row, "place", lang)
    if place:
        line.append("  ")
        line.append_text(highlight(place, query))
    return line


# Events listed under the box; the summary gives the full count, and n/N walk all of them.
EVENTS_LISTED = 50


def result_lines(query: str, people: list[Row], events: list[Row], lang: str,
                 width: int) -> list[tuple[str, Text]]:
    """The results as (option id, one line) pairs: built in the search worker, off the UI
    thread."""
    people, events = text.safe_row(people), text.safe_row(events)  # the store's text, made safe
    query = text.safe(query)
    lines = [(f"person:{p['id']}", one_line(person_prompt(p, query, lang), width))
             for p in people]
    lines += [(f"event:{e['id']}", one_line(event_prompt(e, query, lang), width))
              for e in events[:EVENTS_LISTED]]
    return lines


class SearchScreen(UsesKTimelineApp, ModalScreen[SearchChoice | None]):
    """One box; results as you type; Enter opens; Escape keeps the query for n/N."""

    # Loaded with the screen's first use, not parsed before the first frame; global (not
    # scoped), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = """
SearchScreen {
    align: center top;
    background: $background;
}

#search-box {
    width: 90%;
    max-width: 120;
    height: 80%;
    margin-top: 1;
    border: round $accent;
    background: $surface;
    padding: 0 1;
}

#search-summary {
    height: 1;
    color: $text-muted;
}

#results {
    height: 1fr;
    /* As the detail pane: no scrollbar to toggle (a layout pass), arrows say there is more. */
    scrollbar-size-vertical: 0;
    overflow-y: scroll;
}

ResultList > .result-list--cursor {
    background: $block-cursor-background;
    color: $block-cursor-foreground;
    text-style: bold;
}

ResultList > .result-list--more {
    color: $accent;
    text-style: bold;
}
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close (keep matches for n/N)"),
        Binding("down", "results_down", "Next result", show=False),
        Binding("up", "results_up", "Previous result", show=False),
        Binding("enter", "open", "Open result", priority=True),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__(id="search")
        self.initial = query
        self.query_text = query
        self.count = 0
        self.counted = True
        self.people_found = 0
        self.failed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield FixedInput(self.initial, placeholder=text.ui("search_placeholder", self.kt.lang),
                             max_length=MAX_QUERY,
                             id="search-input")
            yield Static(id="search-summary")
            yield ResultList(id="results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self._lookup(self.initial, self.kt.lang, self._line_width())

    @on(Input.Changed, "#search-input")
    def _changed(self, message: Input.Changed) -> None:
        self.query_text = message.value
        self._lookup(message.value, self.kt.lang, self._line_width())

    def _line_width(self) -> int:
        return max(self.results.line_width, 20)

    @property
    def results(self) -> ResultList:
        return self.query_one("#results", ResultList)

    def on_resize(self) -> None:
        if self.results.lines.width != self._line_width():
            self._lookup(self.query_text, self.kt.lang, self._line_width())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)
        if event.state == WorkerState.ERROR and not event.worker.is_cancelled:
            self.failed = True  # (a locked store, say): this query found nothing, not none

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _lookup(self, query: str, lang: str, width: int) -> None:
        worker = get_current_worker()
        people: list[Row] = []
        for match in self.kt.store.people.matches(query, limit=10):
            if worker.is_cancelled:
                return
            people.append({"id": match.person_id, "name_en": match.person.get("name_en"),
                           "name_ja": match.person.get("name_ja"), "matched": match.matched,
                           "score": match.score,
                           "description": text.identity(match.person, match.latest_term, lang)})
        try:
            events = self.kt.searcher.search.events(query, limit=EVENTS_LISTED)
        except sqlite3.OperationalError:
            if worker.is_cancelled:
                return  # a newer query replaced this one mid-search
            raise
        if worker.is_cancelled:
            return
        # The results first, the full count after: counting a common word is the slowest step
        # (tens of ms at 100k events), and the user reads the list meanwhile.
        counted = len(events) < EVENTS_LISTED
        lines = render_results(result_lines(query, people, events, lang, width), width,
                               worker_console())
        self.post_message(SearchResults(query, people, events, len(events), lines, lang,
                                        counted))
        if not counted:
            try:
                count = self.kt.searcher.search.count(query)
            except sqlite3.OperationalError:
                if worker.is_cancelled:
                    return
                raise
            if not worker.is_cancelled:
                self.post_message(SearchCounted(query, count))

    @on(SearchResults)
    def _results(self, message: SearchResults) -> None:
        if message.query != self.query_text:
            return
        lang = self.kt.lang
        self.count, self.counted = message.count, message.counted
        width = self._line_width()
        lines = message.lines
        if lines is None or (message.lang, lines.width) != (lang, width):  # changed meanwhile
            lines = render_results(result_lines(message.query, message.people, message.events,
                                                lang, width), width, self.app.console)
        self.results.show(lines)
        self.failed = False
        self.people_found = len(message.people)
        self._show_summary()

    @on(SearchCounted)
    def _counted(self, message: SearchCounted) -> None:
        if message.query == self.query_text:
            self.count, self.counted = message.count, True
            self._show_summary()

    def _show_summary(self) -> None:
        events = f"{self.count}" if self.counted else f"{self.count}+"
        lang = self.kt.lang
        summary = text.tr(
            "search_summary", lang, people=self.people_found, events=events,
            people_word=text.ui("person_word" if self.people_found == 1 else "people_word", lang),
            events_word=text.ui("event_word" if events == "1" else "events_word", lang))
        self.query_one("#search-summary", Static).update(
            text.content(summary if self.query_text.strip() else ""))

    def _full_count(self) -> int:
        """The count for the status line, counted now if the worker has not sent it yet."""
        if not self.counted:
            try:
                self.count = self.kt.store.search.count(self.query_text)
            except sqlite3.Error:
                return self.count  # at least this many (the worker's error is told already)
            self.counted = True
        return self.count

    def action_results_down(self) -> None:
        self.results.move_cursor(1)

    def action_results_up(self) -> None:
        self.results.move_cursor(-1)

    def action_open(self) -> None:
        results = self.results
        if results.highlighted is not None:
            self._choose(results.lines.ids[results.highlighted])

    @on(ResultList.Chosen, "#results")
    def _clicked(self, message: ResultList.Chosen) -> None:
        self._choose(message.option_id)

    def _choose(self, option_id: str) -> None:
        kind, _, target = option_id.partition(":")
        self.dismiss(SearchChoice(kind, target, self.query_text, self._full_count()))

    def action_close(self) -> None:
        if self.failed:  # a search that never ran is not kept for n/N
            self.dismiss(SearchChoice("", "", "", 0))
            return
        self.dismiss(SearchChoice("", "", self.query_text, self._full_count()))
