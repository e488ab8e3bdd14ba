"""The career chart in the person view, driven with real keys: it shows Ri Yong Gil's posts,
ranks and meetings, the cursor walks it and the line under it says what is there, Enter on a
meeting opens it, L turns it Japanese."""

from __future__ import annotations

from pathlib import Path

from helpers import highlighted, settle
from textual.pilot import Pilot
from textual.widgets import OptionList

from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.screens.person import PersonScreen
from ktimeline.tui.widgets.careerchart import CareerChart

RI = ("j", "j", "enter", "down", "down", "enter")  # the summit, its people, Ri Yong Gil


async def open_ri(pilot: Pilot[None], app: KTimelineApp) -> CareerChart:
    await settle(pilot)
    await pilot.press(*RI)
    await settle(pilot)
    assert isinstance(app.screen, PersonScreen)
    assert app.screen.person_id == "ri-yong-gil"
    return app.screen.query_one(CareerChart)


def under(chart: CareerChart) -> str:
    return chart.cursor_line().plain


async def press_until(pilot: Pilot[None], chart: CareerChart, key: str, wanted: str,
                      most: int = 80) -> None:
    for _ in range(most):
        if wanted in under(chart):
            return
        await pilot.press(key)
        await settle(pilot)
    raise AssertionError(f"{wanted!r} never under the cursor; last: {under(chart)!r}")


async def test_the_chart_shows_ri_yong_gils_posts_ranks_and_meetings(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_ri(pilot, app)
        assert chart.display
        lines = chart.plain.splitlines()
        assert lines[0].startswith("Career at a glance")
        titles = [line[:chart.chart.title_cells] for line in lines[1:3]]  # type: ignore[union-attr]
        assert titles[0].startswith("Chief of the KPA G") and "█" in lines[1]
        assert titles[1].startswith("Minister of Nation") and "█" in lines[2]
        # Two terms of one post: one row, two bars.
        assert len(lines[1][20:].split()) == 2
        assert lines[3].startswith("rank") and lines[3].split()[1:] == ["▲", "▼", "↺", "▲"]
        assert lines[4].startswith("meetings") and lines[4].count("│") == 3
        assert "2014" in lines[5] and "2022" in lines[5]
        # Every line fits the pane.
        assert all(len(line) <= chart.size.width for line in lines)
        # The meetings list keeps the focus when the person loads.
        assert isinstance(app.focused, OptionList) and app.focused.id == "meetings"


async def test_arrow_keys_walk_the_chart_and_the_line_says_what_is_there(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_ri(pilot, app)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.focused is chart
        assert "Chief of the KPA General Staff" in under(chart)
        assert "from 2013-08; until 2016-02" in under(chart)
        await press_until(pilot, chart, "right", "not in this post then")
        assert under(chart).startswith(("2016", "2017"))
        await press_until(pilot, chart, "l", "from 2018-07; until 2019-09")
        await pilot.press("left", "h")
        await settle(pilot)
        assert "not in this post then" in under(chart)
        await pilot.press("down")  # the minister's row, not held then
        await settle(pilot)
        assert "Minister of National Defence: not in this post then" in under(chart)
        await pilot.press("j")  # the ranks: the step nearest the cursor
        await settle(pilot)
        assert "↺ restored: General" in under(chart)
        await pilot.press("left")
        await settle(pilot)
        assert "▼ demoted: Colonel General" in under(chart)
        await pilot.press("right", "right")
        await settle(pilot)
        assert "▲ promoted: Vice Marshal" in under(chart)
        await pilot.press("up", "k", "down")
        await settle(pilot)
        assert "Minister of National Defence" in under(chart)
        assert "from 2021-09-29; until 2022-12-31" in under(chart)


async def test_enter_on_a_meeting_tick_opens_it(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_ri(pilot, app)
        await pilot.press("shift+tab", "down", "down", "down")
        await settle(pilot)
        assert "Enter opens it" in under(chart)
        await press_until(pilot, chart, "left", "KPA delegation visits Moscow")
        await press_until(pilot, chart, "right", "Foreign Ministry marks")
        assert under(chart).startswith("2022-04-24")
        await pilot.press("left")
        await settle(pilot)
        assert "First Kim Jong Un–Putin summit" in under(chart)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == "2019-04-25-vladivostok-summit"


async def test_enter_on_a_post_row_opens_the_posts_holders(tiny_db: Path) -> None:
    from ktimeline.tui.screens.post import PostScreen

    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_ri(pilot, app)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.focused is chart
        assert "Enter: every holder of the post" in chart.cursor_line().plain
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PostScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)


async def test_L_switches_the_chart_and_its_line_to_japanese(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_ri(pilot, app)
        await pilot.press("shift+tab", "L")
        await settle(pilot)
        lines = chart.plain.splitlines()
        assert lines[0].startswith("経歴の概観")
        assert lines[1].startswith("朝鮮人民軍総参謀長")
        assert lines[3].startswith("階級") and lines[4].startswith("会合")
        assert "朝鮮人民軍総参謀長" in under(chart) and "2013-08から、2016-02まで" in under(chart)
        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert "Enter で開く" in under(chart)
        await pilot.press("L")
        await settle(pilot)
        assert chart.plain.startswith("Career at a glance")
        assert "Enter opens it" in under(chart)


async def test_a_wider_pane_keeps_the_cursor_on_its_date(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_ri(pilot, app)
        await pilot.press("shift+tab")
        await press_until(pilot, chart, "right", "2019-0")
        before = under(chart)
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert chart.size.width > 100
        assert under(chart)[:4] == before[:4] and "until 2019-09" in under(chart)


async def test_a_click_moves_the_cursor_and_a_second_click_on_a_meeting_opens_it(
        tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_ri(pilot, app)
        layout = chart.chart
        assert layout is not None
        summit = next(m for m in layout.meetings if m.item["id"].startswith("2019-04-25"))
        rows = chart.plain.splitlines()
        meetings_row = next(i for i, line in enumerate(rows) if line.startswith("meetings"))
        where = (layout.title_cells + 1 + summit.column, meetings_row)
        await pilot.click(CareerChart, offset=where)
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "First Kim Jong Un–Putin summit" in under(chart)
        await pilot.click(CareerChart, offset=where)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == "2019-04-25-vladivostok-summit"


async def test_the_chart_reads_in_every_theme(tiny_db: Path) -> None:
    """Bars, hatching, marks, labels, the axis and the cursor keep a readable contrast."""
    from test_themes import LEAST_CONTRAST, worst

    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_ri(pilot, app)
        await pilot.press("shift+tab")
        await settle(pilot)
        failures = []
        for theme in sorted(app.available_themes):
            app.theme = theme
            await settle(pilot)
            for down in (0, 4):  # a post row under the cursor, then the meetings
                for _ in range(down):
                    await pilot.press("down")
                await settle(pilot)
                region = chart.region
                strips = app.screen._compositor.render_strips()[region.y:region.bottom]
                ratio, shown = worst([strip.crop(region.x, region.right) for strip in strips])
                assert ratio < 99 or "ansi" in theme, f"{theme}: no coloured text measured"
                if ratio < LEAST_CONTRAST:
                    failures.append(f"{theme}: {shown!r} at {ratio:.1f}")
            await pilot.press("up", "up", "up", "up")
        assert not failures, failures
