"""Command-palette providers that jump to a person or an event."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from ktimeline.tui import text

if TYPE_CHECKING:
    from ktimeline.tui.app import KTimelineApp


def highlighted(matcher: Matcher, shown: str) -> Content:
    """``shown`` (made safe) with the query's fuzzy match marked: Matcher.highlight would parse
    it as markup, and names, titles and dates are the store's."""
    out = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if score:
        for offset in offsets:
            if not shown[offset].isspace():
                out = out.stylize(matcher.match_style, offset, offset + 1)
    return out


def palette_help(country: object, lang: str) -> str | None:
    """A hit's help (which the palette parses as markup): the side's name from our own table,
    or a country code the table does not know only when it is plain letters."""
    if isinstance(country, str) and country in text.SIDE_LABELS:
        return text.label(text.SIDE_LABELS, country, lang)
    if isinstance(country, str) and country.isascii() and country.isalpha():
        return country
    return None


class _Base(Provider):
    @property
    def kt(self) -> KTimelineApp:
        from ktimeline.tui.app import KTimelineApp

        assert isinstance(self.app, KTimelineApp)
        return self.app


class PeopleCommands(_Base):
    """Jump to a person by any name form."""

    async def search(self, query: str) -> Hits:
        app = self.kt
        matches = await asyncio.to_thread(app.store.people.matches, query, 10)
        for match in matches:
            name = text.pick(match.person, "name", app.lang) or text.safe(match.person_id)
            country = match.person.get("country")
            # People rank above events (0.5–1.0 against 0–0.5): a name is the likelier target.
            # Prompts are Content, never markup: all of it is the store's text. The palette
            # parses the help as markup, and no escaping survives every input: the help is a
            # side from our own table, or a country code only when it is letters.
            shown = text.tr("palette_person", app.lang, name=name)
            yield Hit(0.5 + match.score / 200,
                      Content(f"{shown} ({text.safe(match.matched)}) · {match.score}"),
                      partial(app.open_person, match.person_id), text=shown,
                      help=palette_help(country, app.lang))

    async def discover(self) -> Hits:
        app = self.kt
        people = await asyncio.to_thread(app.store.people.rows)
        for person in people[:20]:
            name = text.pick(person, "name", app.lang)
            shown = text.tr("palette_person", app.lang, name=name)
            yield DiscoveryHit(Content(shown), partial(app.open_person, person["id"]),
                               text=shown)


class EventCommands(_Base):
    """Jump to an event by words in its title, summary or place."""

    async def search(self, query: str) -> Hits:
        app = self.kt
        events = await asyncio.to_thread(app.store.search.events, query, 20)
        matcher = self.matcher(query)
        for event in events:
            title = text.pick(event, "title", app.lang)
            shown = text.tr("palette_event", app.lang, date=text.safe(event["date"]),
                            title=title)
            score = min(max(matcher.match(shown), 0.1), 1.0) * 0.5
            yield Hit(score, highlighted(matcher, shown), partial(app.open_event, event["id"]),
                      text=shown)
