"""Taking what the main screen shows elsewhere: the event in one paragraph, a source's citation
or address (to the clipboard through the terminal, OSC 52, or to the browser), the event's id,
and the filtered and searched timeline to a file. Each says what it did in a notice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ktimeline.tui import text

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from ktimeline.tui.screens.main import MainScreen

Row = dict[str, Any]


class Counted:
    """An iterator that counts what has passed through it."""

    def __init__(self, items: Iterator[Row]) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> Iterator[Row]:
        for item in self.items:
            self.count += 1
            yield item


class Sharing:
    """The main screen's copy, open and export keys."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def _notify(self, message: str, severity: SeverityLevel = "information") -> None:
        self.screen.kt.notify(message, severity=severity)

    def shown_event(self) -> Row | None:
        """The event the detail pane shows, once it is the highlighted one (None while it is
        still being read: the bell says so)."""
        event = self.screen.detail.event
        row = self.screen.timeline.highlighted
        if event is None or row is None or event.get("id") != row["id"]:
            self.screen.app.bell()
            return None
        return event

    def chosen_source(self) -> tuple[int, Row] | None:
        """The source under the detail pane's cursor, and its number; with none, the cursor goes
        to the first source and a notice says what the keys do there (None)."""
        event = self.shown_event()
        if event is None:
            return None
        detail = self.screen.detail
        source = detail.selected_source if detail.has_focus else None
        if source is not None:
            return event["sources"].index(source) + 1, source
        lang = self.screen.kt.lang
        if not event.get("sources"):
            self._notify(text.ui("no_sources", lang))
            return None
        self.screen.set_focus(detail)
        detail.select_first_source()
        self._notify(text.tr("source_chosen", lang, number=1, count=len(event["sources"])))
        return None

    def copy_citation(self) -> None:
        """With a source under the cursor, its citation; otherwise the event in one paragraph
        with the people present, their post and rank that day, and the sources. Copying goes
        through the terminal (OSC 52: it works over SSH; a terminal may refuse it, which the
        notice says)."""
        from ktimeline import citations
        from ktimeline.safetext import visible_tree

        event = self.shown_event()
        if event is None:
            return
        lang = self.screen.kt.lang
        detail = self.screen.detail
        source = detail.selected_source if detail.has_focus else None
        if source is not None:
            number = event["sources"].index(source) + 1
            shown = visible_tree(source)
            self.screen.app.copy_to_clipboard(citations.line(shown, lang))
            self._notify(text.tr("copied_source", lang, number=number,
                                 publisher=shown.get("publisher") or ""))
            return
        self.screen.app.copy_to_clipboard(
            citations.paragraph(visible_tree(event), lang).rstrip("\n"))
        self._notify(text.tr("copied_citation", lang, count=len(event.get("sources") or [])))

    def copy_event_id(self) -> None:
        row = self.screen.timeline.highlighted
        if row is None:
            self.screen.app.bell()
            return
        self.screen.app.copy_to_clipboard(str(row["id"]))
        self._notify(text.tr("copied_id", self.screen.kt.lang, id=row["id"]))

    def copy_source_url(self) -> None:
        chosen = self.chosen_source()
        if chosen is not None:
            self._copy_url(*chosen)

    def _copy_url(self, number: int, source: Row, key: str = "copied_url") -> None:
        from ktimeline.safetext import visible

        lang = self.screen.kt.lang
        if not source.get("url"):
            self._notify(text.tr("no_url", lang, number=number))
            return
        self.screen.app.copy_to_clipboard(visible(source["url"]))
        self._notify(text.tr(key, lang, number=number))

    def open_source(self) -> None:
        chosen = self.chosen_source()
        if chosen is not None:
            self._open_url(*chosen)

    def open_source_number(self, index: int) -> None:
        """Enter on a source in the detail pane: its address (``index`` among the sources)."""
        event = self.shown_event()
        if event is not None:
            self._open_url(index + 1, event["sources"][index])

    def _open_url(self, number: int, source: Row) -> None:
        from ktimeline import opener

        lang = self.screen.kt.lang
        url = source.get("url")
        if not url:
            self._notify(text.tr("no_url", lang, number=number))
        elif opener.link_target(url) is None:
            self._notify(text.tr("not_web_url", lang, number=number), severity="warning")
        elif opener.open_in_browser(url):
            self._notify(text.tr("opening_url", lang, number=number))
        else:
            self._copy_url(number, source, key="no_browser")

    def export_timeline(self) -> None:
        """The timeline as it is filtered and searched, to a file."""
        from ktimeline import exports
        from ktimeline.tui.screens.export import TIMELINE_FORMATS

        screen = self.screen
        where, query, store = screen.timeline.where, screen.search_query, screen.kt.store
        lang = screen.kt.lang
        shown = [text.ui("export_timeline", lang)]
        if where.active:
            shown.append(text.tr("status_filter", lang, what=screen.filter_text(where, lang)))
        if query:
            shown.append(text.tr("export_search", lang, query=query))

        def lines_of(form: str) -> tuple[Iterator[str], Callable[[], int]]:
            events = Counted(store.events.each_with_summaries(where, query or None))
            return exports.timeline_lines(events, form, lang), lambda: events.count

        screen.kt.export_view(" · ".join(shown), TIMELINE_FORMATS, "timeline", lines_of,
                              "events_word")
