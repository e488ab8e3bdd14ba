"""The filter and search as a user drives them: clearing, Esc, errors, the status line."""

from __future__ import annotations

from pathlib import Path

from helpers import highlighted, settle, status, timeline_lines
from textual.pilot import Pilot

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


async def test_reversed_years_are_refused_with_a_reason(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await filter_years(pilot, "2022", "2019")
        from ktimeline.tui.screens.filter import FilterScreen

        assert isinstance(app.screen, FilterScreen)  # not applied: "0 of 0" would say nothing
        error = str(app.screen.query_one("#filter-error").render())
        assert error == "The first year (2022) is after the last (2019)."


async def test_status_names_the_side_and_kind(tiny_db: Path) -> None:
    from ktimeline.store.queries import EventFilter

    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.apply_filter(EventFilter(side="KP", kind="parliamentary"))
        await settle(pilot)
        assert "side: DPRK" in status(app) and "kind: parliament" in status(app)
        assert "side=KP" not in status(app)


async def test_one_escape_clears_filter_and_search(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await filter_years(pilot, "2019", "2024")
        await pilot.press("slash", *"summit", "escape")
        await settle(pilot)
        assert "filter:" in status(app) and "search: summit" in status(app)
        assert "Esc clears" in status(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "filter:" not in status(app) and "search:" not in status(app)
        assert status(app).startswith(" ") and " of 8" in status(app)


async def test_n_and_N_say_which_match_of_how_many(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"summit", "escape")
        await settle(pilot)
        assert "search: summit (3 events, n/N)" in status(app)
        await pilot.press("n")
        await settle(pilot)
        assert "search: summit (1 of 3, n/N)" in status(app)
        assert highlighted(app) == SUMMIT
        await pilot.press("n")
        await settle(pilot)
        assert "(2 of 3, n/N)" in status(app)
        await pilot.press("N")
        await settle(pilot)
        assert "(1 of 3, n/N)" in status(app)
        await pilot.press("j")  # moved off the match: the count again
        await settle(pilot)
        assert "search: summit (3 events, n/N)" in status(app)


async def test_searching_a_person_finds_the_events_they_attended(tiny_db: Path) -> None:
    """李永吉 is in no event's text, but he attended three: the search finds them, n walks them."""
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"李永吉")
        await settle(pilot)
        summary = str(app.screen.query_one("#search-summary").render())
        assert summary == "1 person · 3 events"
        await pilot.press("escape")
        await settle(pilot)
        assert "search: 李永吉 (3 events, n/N)" in status(app)
        walked = []
        for _ in range(3):
            await pilot.press("n")
            await settle(pilot)
            walked.append(highlighted(app))
        assert walked == ["2014-military-visit", SUMMIT, "2022-04-24-statement"]
        assert "(3 of 3, n/N)" in status(app)
        marked = [line for line in timeline_lines(app) if line.startswith("*")
                  or line.startswith("▌")]
        assert len(marked) == 3  # each attended event is marked as a match
