"""What a user sees, read from the running app, and waiting until the app has done its work."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from ktimeline.tui.app import KTimelineApp
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.screens.person import PersonScreen
from ktimeline.tui.widgets.timeline import Timeline

HERE = Path(__file__).parent
CURATED = HERE / "curated"  # the eight-event store the tests build


def highlighted(app: KTimelineApp) -> str | None:
    row = app.main.query_one(Timeline).highlighted
    return None if row is None else str(row["id"])


def status(app: KTimelineApp) -> str:
    return str(app.main.query_one("#status").render())


def timeline_lines(app: KTimelineApp) -> list[str]:
    timeline = app.main.query_one(Timeline)
    height = timeline.scrollable_content_region.height
    return [timeline.render_line(y).text for y in range(height)]


def detail(app: KTimelineApp) -> str:
    return app.main.detail.plain


def person_text(app: KTimelineApp) -> str:
    screen = app.screen
    assert isinstance(screen, PersonScreen)
    return screen.plain


def screen_lines(app: KTimelineApp) -> list[str]:
    """Every line of the screen as painted (the compositor's own output)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


# A chain of work (a key reads a page, the page asks for a detail, the detail for a person...)
# never runs this deep; past it, settle gives up waiting and the test's own assert speaks.
MOST_ROUNDS = 8


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the app is idle: every message handled, no worker running and no detail being
    read; a round ends as soon as nothing new was started (most keys need one or two)."""
    app = pilot.app
    for _ in range(MOST_ROUNDS):
        await pilot.pause()
        if not _busy(app):
            return
        await app.workers.wait_for_complete()
        await details_read(app)


def _busy(app: App[None]) -> bool:
    if any(not worker.is_finished for worker in app.workers):
        return True
    return any(isinstance(screen, MainScreen) and screen.details.last is not None
               and not screen.details.last.done() for screen in app.screen_stack)


async def details_read(app: App[None]) -> None:
    """Wait for the main screen's detail reader to finish what it was asked (it reads one at a
    time, in order: the last read asked for is the last to finish)."""
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            last = screen.details.last
            if last is not None and not last.done():
                await asyncio.wrap_future(last)
