"""Keys users of lazygit and k9s expect: the key bar at 80×24, zoom, g/G/End in the detail pane,
/ and \\ in the person view."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import settle
from rich.cells import cell_len

from ktimeline.tui.app import make_app
from ktimeline.tui.screens.filter import FilterScreen
from ktimeline.tui.screens.person import PersonScreen
from ktimeline.tui.screens.search import SearchScreen
from ktimeline.tui.widgets.detail import EventDetail
from ktimeline.tui.widgets.keybar import KeyBar
from ktimeline.tui.widgets.timeline import Timeline


@pytest.mark.parametrize("lang", ["en", "ja"])
async def test_key_bar_fits_80_columns_whole_entries_and_help(tiny_db: Path, lang: str) -> None:
    app = make_app(tiny_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in ([], ["j", "j", "enter"]):  # the timeline's keys, then the detail pane's
            await pilot.press(*keys)
            await settle(pilot)
            shown = str(app.main.query_one(KeyBar).render())
            assert cell_len(shown) <= 80 and not shown.rstrip().endswith("…")
            assert (" ? " in shown) and ("Help" in shown or "ヘルプ" in shown)
            assert ("z " in shown) and ("Zoom" in shown or "拡大" in shown)


async def test_z_zooms_the_detail_pane_and_back(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = app.main.detail.region.height
        await pilot.press("z")
        await settle(pilot)
        assert not app.main.query_one(Timeline).display or \
            app.main.query_one(Timeline).region.height == 0
        assert app.main.detail.region.height > before
        assert isinstance(app.focused, EventDetail)
        await pilot.press("z")
        await settle(pilot)
        assert app.main.query_one(Timeline).region.height > 0


async def test_g_G_and_end_in_the_detail_pane_keep_the_cursor_in_view(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        detail = app.main.detail
        for key in ("G", "end"):
            await pilot.press("g")
            await pilot.press(key)
            await settle(pilot)
            assert detail.scroll_offset.y > 0
            top, height = int(detail.scroll_offset.y), detail.scrollable_content_region.height
            if detail.selected is not None:
                target = detail.targets[detail.selected]
                assert target.first < top + height and target.end > top
            else:
                assert all(t.first >= top + height or t.end <= top for t in detail.targets)
        await pilot.press("g")
        await settle(pilot)
        assert detail.selected == 0  # the first person, scrolled to no further than their block
        assert detail.scroll_offset.y <= detail.lines.people[0][1]


async def test_slash_and_backslash_work_in_the_person_view(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_person("ri-yong-gil")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("backslash")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
