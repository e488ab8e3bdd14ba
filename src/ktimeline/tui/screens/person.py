"""A person: every name form by script, the dated career, and the meetings attended."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from ktimeline.spans import term_phrase
from ktimeline.store import dates
from ktimeline.tui import text
from ktimeline.tui.errors import report_worker_error
from ktimeline.tui.reasons import cited, conflict_text
from ktimeline.tui.screens.base import UsesKTimelineApp
from ktimeline.tui.screens.main import TooSmall
from ktimeline.tui.widgets.careerchart import CareerChart
from ktimeline.tui.widgets.keybar import KeyBar

Row = dict[str, Any]


Pairs = list[tuple[str, Text]]


def name_rows(profile: Row, lang: str) -> Pairs:
    """(script, every form in it) in the order the curator listed them; a form given again by
    another entry (same text, language and scheme) is shown once."""
    by_script: dict[str, list[Row]] = {}
    seen: set[tuple[Any, ...]] = set()
    for name in profile["names"]:
        form = (name["text"], name["script"], name.get("lang"), name.get("scheme"))
        if form in seen:
            continue
        seen.add(form)
        by_script.setdefault(name["script"], []).append(name)
    rows: Pairs = []
    for script, names in by_script.items():
        forms = Text()
        for index, name in enumerate(names):
            if index:
                forms.append(" · ", style="dim")
            forms.append(name["text"], style="bold" if name.get("preferred") else "")
            extra = [x for x in (name.get("lang"), name.get("scheme")) if x]
            forms.append(f" ({'/'.join(extra)})", style="dim")
        rows.append((text.label(text.SCRIPT_LABELS, script, lang), forms))
    return rows


def career_rows(profile: Row, lang: str) -> Pairs:
    """(date, what happened) for every post term and rank change, in time order."""
    rows: list[tuple[str, str, Text]] = []
    for post in profile["posts"]:
        start = dates.parse(post["start"])
        line = Text(text.pick(post, "title", lang))
        line.append(f"  ({term_phrase(post['start'], post['end'], lang)})", style="dim")
        _add_reasons(line, post, lang, profile.get("id_labels") or {})
        rows.append((start.hi if start.lo == dates.EARLIEST else start.lo,
                     text.shown_date(post["start"], lang), line))
    for rank in profile["ranks"]:
        when = dates.parse(rank["start"])
        change = rank["change"]
        style = f"kt.{change}" if change in ("promotion", "demotion", "restoration") else "dim"
        marker = {"promotion": "▲", "demotion": "▼", "restoration": "↺"}.get(change, "·")
        line = Text()
        line.append(f"{marker} {text.label(text.CHANGE_LABELS, change, lang)}: ", style=style)
        line.append(text.pick(rank, "title", lang), style="bold")
        _add_reasons(line, rank, lang, profile.get("id_labels") or {})
        rows.append((when.hi if when.lo == dates.EARLIEST else when.lo,
                     text.shown_date(rank["start"], lang), line))
    rows.sort(key=lambda r: r[0])
    return [(shown, line) for _key, shown, line in rows]


def _add_reasons(line: Text, item: Row, lang: str, labels: Row) -> None:
    """The curator's note on a post term or rank change, and the sources it cites."""
    if item.get("note"):
        line.append(f"\n{text.ui('note_label', lang)}: ", style="dim")
        line.append(text.humanise(str(item["note"]), labels, lang), style="dim italic")
    sources = cited([("", item.get("sources") or [])], lang)
    if sources.plain:
        line.append("\n")
        line.append_text(sources)


def conflict_rows(profile: Row, lang: str) -> Pairs:
    """(what it is about, the claims with the preferred one marked, and the reason) per
    recorded conflict."""
    rows: Pairs = []
    for conflict in profile.get("conflicts", []):
        line = conflict_text(conflict, lang, with_field=False,
                             labels=profile.get("id_labels") or {})
        rows.append((text.field_label(str(conflict.get("field") or ""), lang), line))
    return rows


def section(title: str, rows: Pairs, lang: str) -> Group:
    """A bold title over a two-column grid whose right column wraps under itself."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")  # never "…" inside a wrapped line (as in detail)
    for left, right in rows or [("", Text(text.ui("none", lang), style="dim"))]:
        grid.add_row(text.plain(left), right)  # never a markup string: it may be the store's
    return Group(Text(title, style="bold"), Padding(grid, (0, 0, 0, 2)))


def section_plain(title: str, rows: Pairs) -> str:
    return "\n".join([title, *(f"  {left}  {right.plain}" for left, right in rows)])


def header_text(profile: Row, lang: str) -> Text:
    out = Text()
    out.append(text.pick(profile, "name", lang), style="bold")
    other = profile.get("name_en") if lang == "ja" else profile.get("name_ja")
    if other:
        out.append(f"  {other}")
    life = text.ui("list_sep", lang).join(
        f"{text.ui(field, lang)} {text.shown_date(profile[field], lang)}"
        for field in ("born", "died") if profile.get(field))
    out.append(f"\n{text.label(text.SIDE_LABELS, profile.get('country'), lang)}", style="dim")
    if life:
        out.append(f"  ·  {life}", style="dim")
    if profile.get("note"):
        out.append("\n" + text.humanise(str(profile["note"]), profile.get("id_labels") or {},
                                        lang), style="italic dim")
    return out


def meeting_prompt(event: Row, lang: str) -> Text:
    line = Text()
    line.append(text.fit(text.short_date(event["date"], lang=lang), text.DATE_CELLS) + " ",
                style="bold")
    line.append(text.pick(event, "title", lang))
    if event.get("role"):
        line.append(f"  ({text.role(event['role'], lang)})", style="dim")
    return line


def counterparts_title(count: int, lang: str) -> Text:
    out = Text(f"{text.ui('counterparts', lang)} ({count})", style="bold")
    out.append(f"  {text.ui('counterparts_hint', lang)}", style="dim")
    return out


def counterpart_prompt(counterpart: Row, lang: str) -> Text:
    """Name (side) · how many meetings · first – last."""
    line = Text()
    line.append(text.pick(counterpart, "name", lang) or counterpart["person_id"], style="bold")
    line.append(f" ({text.label(text.SIDE_LABELS, counterpart['side'], lang)})", style="dim")
    line.append("  " + text.tr("meetings_count", lang, count=counterpart["meetings"]))
    first = text.shown_date(counterpart["first_date"], lang)
    last = text.shown_date(counterpart["last_date"], lang)
    line.append(f"  {first}" + (f" – {last}" if last != first else ""), style="dim")
    return line


class PersonScreen(UsesKTimelineApp, Screen[None]):
    """Opened from a participant or from search; Enter on a meeting jumps to the timeline."""

    # Loaded with the screen's first use, not parsed before the first frame; global (not
    # scoped), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = """
#person-meetings-title, #person-names, #person-career, #person-conflicts,
#person-counterparts-title {
    margin-top: 1;
}

#meetings, #counterparts {
    height: auto;
    max-height: 100%;
    border: none;
    padding: 0;
    background: transparent;
}

#person-body {
    padding: 0 1;
    /* No scrollbar, as in every pane: the keys and the wheel scroll it. */
    scrollbar-size-vertical: 0;
}

#person-header {
    padding: 1 0 0 0;
}

.-tiny #person-body, .-short #person-body {
    display: none;
}
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("f", "filter_person", "Filter timeline to person"),
        Binding("e", "export", "Export this view to a file", show=False),
        Binding("p", "posts", "Posts held…"),
        Binding("slash", "search", "Search", show=False),
        Binding("backslash", "filter", "Filter", show=False),
        Binding("j", "meeting_down", "Next meeting", show=False),
        Binding("k", "meeting_up", "Previous meeting", show=False),
    ]

    def __init__(self, person_id: str) -> None:
        # No fixed id: a person view being removed may still be in the DOM when the next opens.
        super().__init__(classes="person")
        self.person_id = person_id
        self.profile: Row | None = None
        self.meetings: list[Row] = []
        self.counterparts: list[Row] = []  # people of the other side met, most-met first

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="person-body"):
            yield Static(id="person-header")
            yield Static(id="person-names")
            yield CareerChart(id="career-chart")
            yield Static(id="person-career")
            yield Static(id="person-conflicts")
            yield Static(id="person-meetings-title")
            yield OptionList(id="meetings")
            yield Static(id="person-counterparts-title")
            yield OptionList(id="counterparts")
        yield TooSmall(id="too-small")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self._load(self.person_id)

    def show_person(self, person_id: str) -> None:
        """Show another person in this view (from the palette, search, back or forward)."""
        if person_id == self.person_id and self.profile is not None:
            return
        self.person_id = person_id
        self.profile, self.meetings, self.counterparts = None, [], []
        self.query_one("#meetings", OptionList).clear_options()
        self.query_one("#counterparts", OptionList).clear_options()
        self.query_one("#person-body", VerticalScroll).scroll_home(animate=False)
        self._load(person_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, group="person", exit_on_error=False)
    def _load(self, person_id: str) -> None:
        profile = self.kt.store.people.profile_with_reasons(person_id)
        meetings = self.kt.store.people.events_of(person_id)
        counterparts = self.kt.store.views.counterparts(person_id)
        self.app.call_from_thread(self._show, profile, meetings, counterparts)

    def _show(self, profile: Row | None, meetings: list[Row], counterparts: list[Row]) -> None:
        # Every string from the store made safe to show, once (ktimeline.safetext).
        self.profile, self.meetings = text.safe_row(profile), text.safe_row(meetings)
        self.counterparts = text.safe_row(counterparts)
        self.apply_language(self.kt.lang)
        self.query_one("#meetings", OptionList).focus()

    def apply_language(self, lang: str) -> None:
        self.query_one(KeyBar).refresh_keys()
        self.query_one(TooSmall).refresh()
        profile = self.profile
        self.query_one(CareerChart).show(profile, self.meetings, lang)
        if profile is None:
            self.query_one("#person-header", Static).update(
                text.content(text.tr("no_person", lang, id=repr(self.person_id))))
            return
        self.query_one("#person-header", Static).update(header_text(profile, lang))
        self.query_one("#person-names", Static).update(
            section(text.ui("names", lang), name_rows(profile, lang), lang))
        self.query_one("#person-career", Static).update(
            section(text.ui("career", lang), career_rows(profile, lang), lang))
        conflicts = conflict_rows(profile, lang)
        self.query_one("#person-conflicts", Static).update(
            section(text.ui("conflicts", lang), conflicts, lang) if conflicts else "")
        self.query_one("#person-conflicts", Static).display = bool(conflicts)
        self.query_one("#person-meetings-title", Static).update(
            Text(f"{text.ui('meetings', lang)} ({len(self.meetings)})", style="bold"))
        meetings = self.query_one("#meetings", OptionList)
        highlighted = meetings.highlighted
        meetings.clear_options()
        meetings.add_options([Option(meeting_prompt(m, lang), id=m["id"]) for m in self.meetings])
        if self.meetings:
            meetings.highlighted = highlighted or 0
        self.query_one("#person-counterparts-title", Static).update(counterparts_title(
            len(self.counterparts), lang))
        met = self.query_one("#counterparts", OptionList)
        highlighted = met.highlighted
        met.clear_options()
        met.add_options([Option(counterpart_prompt(c, lang), id=c["person_id"])
                         for c in self.counterparts])
        met.display = bool(self.counterparts)
        if self.counterparts:
            met.highlighted = highlighted or 0

    @property
    def plain(self) -> str:
        """The screen's text as a user reads it (for tests)."""
        if self.profile is None:
            return ""
        lang = self.kt.lang
        return "\n".join([
            header_text(self.profile, lang).plain,
            section_plain(text.ui("names", lang), name_rows(self.profile, lang)),
            section_plain(text.ui("career", lang), career_rows(self.profile, lang)),
            section_plain(text.ui("conflicts", lang), conflict_rows(self.profile, lang)),
            text.ui("meetings", lang),
            *(meeting_prompt(m, lang).plain for m in self.meetings),
            counterparts_title(len(self.counterparts), lang).plain,
            *(counterpart_prompt(c, lang).plain for c in self.counterparts)])

    @on(OptionList.OptionSelected, "#counterparts")
    def _shared_meetings(self, message: OptionList.OptionSelected) -> None:
        """The timeline filtered to the meetings both attended."""
        if message.option.id:
            self.kt.filter_to_person(self.person_id, message.option.id)

    @on(OptionList.OptionSelected, "#meetings")
    def _open_meeting(self, message: OptionList.OptionSelected) -> None:
        if message.option.id:
            self.kt.open_event(message.option.id)

    def action_meeting_down(self) -> None:
        self.query_one("#meetings", OptionList).action_cursor_down()

    def action_meeting_up(self) -> None:
        self.query_one("#meetings", OptionList).action_cursor_up()

    def action_back(self) -> None:
        self.kt.close_person()

    def action_search(self) -> None:
        self.kt.open_search()

    def action_filter(self) -> None:
        """The timeline's filter form, over the timeline (the person view closes)."""
        self.kt.close_person()
        self.kt.main.action_filter()

    def action_filter_person(self) -> None:
        self.kt.filter_to_person(self.person_id)

    def action_posts(self) -> None:
        """Choose one of the person's posts and see every holder of it."""
        from ktimeline.tui.screens.post import choose_post

        if self.profile is not None:
            choose_post(self, text.pick(self.profile, "name", self.kt.lang),
                        self.profile["posts"])

    def action_export(self) -> None:
        """The person's career and meetings, to a file."""
        from ktimeline import exports
        from ktimeline.tui.screens.export import PERSON_FORMATS

        person_id, store, lang = self.person_id, self.kt.store, self.kt.lang
        name = text.pick(self.profile, "name", lang) if self.profile else person_id

        def lines_of(form: str) -> tuple[Iterator[str], Callable[[], int]]:
            profile = store.people.profile(person_id)
            meetings = store.people.events_of(person_id)
            lines, rows = exports.profile_lines(profile, meetings, form)
            return lines, lambda: rows

        self.kt.export_view(text.tr("export_person", lang, name=name), PERSON_FORMATS,
                            person_id, lines_of, "items_word")
