"""Hostile input typed into the app, odd terminal sizes and NO_COLOR: it keeps working."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import highlighted, settle, status
from textual.widgets import Input

from ktimeline.tui.app import make_app
from ktimeline.tui.screens.filter import FilterScreen
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.screens.search import SearchScreen

HOSTILE = ['"', "*", "AND", "NEAR(", "'; DROP TABLE events; --", "%", "_", "\x00\x07\x1b[2J",
           "🇰🇵🇷🇺", "\u202eevil\u202c", "e\u0301\u0301\u0301", "ＡＢＣ", "\ud800", "ri yong" * 1500]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_search_text_never_breaks_the_app(tiny_db: Path, text: str) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        app.screen.query_one("#search-input", Input).value = text
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) is not None and "of" in status(app)


@pytest.mark.parametrize("text", ["2022-02-30", "2022-13", "yesterday", "'; --", "\x00", "",
                                  "9999-12-31", "0001", "２０１９－０４－２５"])
async def test_hostile_dates_get_a_message_or_a_selection(tiny_db: Path, text: str) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        app.main.goto_bar.input.value = text
        await pilot.press("enter")
        await settle(pilot)
        if app.main.goto_bar.is_open:
            assert app.main.goto_bar.error.strip()
        else:
            assert highlighted(app) is not None


@pytest.mark.parametrize("person", ["'; DROP TABLE people; --", "\x1b", "🇰🇵", "x" * 10_000])
async def test_hostile_filter_person_is_refused_with_a_message(tiny_db: Path, person: str) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("backslash")
        await settle(pilot)
        app.screen.query_one("#person", Input).value = person
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        assert "person" in str(app.screen.query_one("#filter-error").render()).lower()


@pytest.mark.parametrize("size", [(20, 6), (40, 10), (59, 13), (60, 14), (80, 24), (200, 60),
                                  (300, 100)])
async def test_every_terminal_size_renders(tiny_db: Path, size: tuple[int, int]) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.is_running


async def test_resizing_while_workers_run(big_db: Path) -> None:
    app = make_app(big_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        for width, height in [(20, 6), (200, 60), (60, 14), (300, 100), (80, 24)]:
            await pilot.press("G", "pagedown", "g")  # start page loads, then resize under them
            await pilot.resize_terminal(width, height)
        await settle(pilot)
        assert highlighted(app) is not None
        await pilot.press("G")
        await settle(pilot)
        position, _, total = status(app).strip().partition(" of ")
        assert position == total.split()[0]  # G reaches the last event: the keys still work


async def test_no_color(tiny_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "escape")
        await settle(pilot)
        assert app.no_color and highlighted(app) is not None
