"""The filter and search as a user drives them: clearing, Esc, errors, the status line."""

from __future__ import annotations

from pathlib import Path

from helpers import highlighted, status, timeline_lines
from textual.pilot import Pilot

from conftest import settle
from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.widgets.timeline import Timeline

SUMMIT = "2019-04-25-vladivostok-summit"


async def goto(pilot: Pilot[None], when: str) -> None:
    await pilot.press("ctrl+g", *when, "enter")
    await settle(pilot)


async def filter_years(pilot: Pilot[None], start: str, end: str) -> None:
    """``\\``, Tab past kind and side, the two years, ctrl+s."""
    await pilot.press("backslash")
    await settle(pilot)
    await pilot.press("tab", "tab", *start, "tab", *end, "ctrl+s")
    await settle(pilot)


def cursor_on_screen(app: KTimelineApp) -> bool:
    timeline = app.main.query_one(Timeline)
    line = timeline.layout_info.line_of(timeline.cursor)
    top = int(timeline.scroll_offset.y)
    return top <= line < top + timeline.scrollable_content_region.height


async def test_clearing_a_filter_keeps_the_cursor_on_screen(big_db: Path) -> None:
    app = make_app(big_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await goto(pilot, "2019-04-25")
        assert highlighted(app) == SUMMIT
        await filter_years(pilot, "2019", "2019")
        assert status(app).startswith(" 1 of 1 matching")
        await pilot.press("escape")
        await settle(pilot)
        assert highlighted(app) == SUMMIT
        assert cursor_on_screen(app)
        assert any("Vladivostok" in line for line in timeline_lines(app))
