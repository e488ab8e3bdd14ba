"""Issue #16 in the explorer: the line-up on an event's date (l), stepping through time, a
post's holders (p), and the person view's posts (p)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import CURATED, HERE, screen_lines, settle
from test_snapshots import steps
from textual.pilot import Pilot

from ktimeline.store import dates
from ktimeline.store.build import build
from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.screens.lineup import LineupScreen, stepped
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.screens.person import PersonScreen
from ktimeline.tui.screens.post import PostChooser, PostScreen
from tests.hostile import poison, unsafe_segments

SUMMIT = ("j", "j")  # the 2019-04-25 Vladivostok summit: Kim, Putin and Ri present
Compare = Callable[..., bool]


def lineup(app: KTimelineApp) -> LineupScreen:
    assert isinstance(app.screen, LineupScreen), app.screen
    return app.screen


def holder_lines(app: KTimelineApp) -> list[str]:
    return [line.strip() for line in lineup(app).plain.splitlines() if line.startswith("    ")]


async def open_lineup(pilot: Pilot[None], *keys: str) -> LineupScreen:
    await settle(pilot)
    await pilot.press(*keys, "l")
    await settle(pilot)
    return lineup(pilot.app)  # type: ignore[arg-type]


async def type_date(pilot: Pilot[None], when: str) -> None:
    await pilot.press("t", *when, "enter")
    await settle(pilot)


def test_stepping_keeps_the_precision_a_date_has() -> None:
    assert stepped(dates.parse("2014"), "year", 1).text == "2015"
    assert stepped(dates.parse("2014-11"), "year", -1).text == "2013-11"
    assert stepped(dates.parse("2014"), "month", 1).text == "2014-02"
    assert stepped(dates.parse("2014-12"), "month", 1).text == "2015-01"
    assert stepped(dates.parse("2024-02-29"), "year", 1).text == "2025-02-28"
    assert stepped(dates.parse("2024-03-31"), "month", -1).text == "2024-02-29"
    assert stepped(dates.parse("2019-04-25"), "day", -1).text == "2019-04-24"
    assert stepped(dates.parse("2024-06-19..2024-06-20"), "day", 1).text == "2024-06-20"
    assert stepped(dates.parse("..2019-04-24"), "day", 1).text == "2019-04-25"


async def test_l_opens_the_lineup_at_the_events_date_with_its_people_marked(
        tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_lineup(pilot, *SUMMIT)
        assert screen.when.text == "2019-04-25"
        shown = screen.plain
        assert shown.startswith("Line-up on 2019-04-25")
        assert "present at 2019-04-25 First Kim Jong Un–Putin summit" in shown
        holders = holder_lines(app)
        assert any(line.startswith("● Ri Yong Gil") for line in holders)
        assert any(line.startswith("● Kim Jong Un") for line in holders)
        assert any(line.startswith("● Vladimir Putin") for line in holders)
        # The government of the day: a post nobody held that day is left out until `a`.
        assert "Minister of National Defence" not in shown
        await pilot.press("a")
        await settle(pilot)
        assert "Minister of National Defence  no holder in the record" in lineup(app).plain
        # The cursor starts on the first person present, in bold on the screen.
        line = screen.lines[screen.query_one("#lineup-list").highlighted]  # type: ignore[attr-defined]
        assert line.person_id == "ri-yong-gil"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_stepping_a_year_changes_the_holders(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_lineup(pilot, *SUMMIT)
        assert any("Ri Yong Gil" in line for line in holder_lines(app))
        await pilot.press("left_curly_bracket")  # a year back: Ri was between two terms
        await settle(pilot)
        assert screen.when.text == "2018-04-25"
        assert screen.plain.startswith("Line-up on 2018-04-25")
        assert not any("Ri Yong Gil" in line for line in holder_lines(app))
        assert any("Kim Jong Un" in line for line in holder_lines(app))
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await settle(pilot)
        assert screen.when.text == "2020-04-25"
        assert not any("Ri Yong Gil" in line for line in holder_lines(app))
        await pilot.press("right_curly_bracket", "right_curly_bracket")  # 2022: the minister
        await settle(pilot)
        assert "Minister of National Defence" in screen.plain
        assert any("Ri Yong Gil" in line for line in holder_lines(app))
        await pilot.press("less_than_sign", "comma", "full_stop", "greater_than_sign")
        await settle(pilot)
        assert screen.when.text == "2022-04-25"


async def test_a_possible_holder_is_marked_and_a_year_says_its_precision(
        tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_lineup(pilot, "j")  # the 2014 visit: a date known to the year
        assert screen.when.text == "2014"
        assert "(a year: a holder for part of it shows as possibly)" in screen.plain
        assert any(line.startswith("● Ri Yong Gil") for line in holder_lines(app))
        await type_date(pilot, "2018-07-15")  # in the month his second term began
        assert screen.when.text == "2018-07-15"
        # Still marked as present at the summit the screen was opened from.
        assert any(line.startswith("● possibly Ri Yong Gil") for line in holder_lines(app))
        assert not any(line.startswith("● Ri Yong Gil") for line in holder_lines(app))
        painted = "\n".join(screen_lines(app))
        assert "possibly Ri Yong Gil" in painted
        await type_date(pilot, "2018-13")  # not a date: said so, nothing changes
        assert screen.when.text == "2018-07-15"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LineupScreen)


async def test_the_side_key_keeps_one_side(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_lineup(pilot, *SUMMIT)
        await pilot.press("s")
        await settle(pilot)
        assert screen.side == "KP"
        assert "side: DPRK" in screen.plain
        assert not any("Putin" in line for line in holder_lines(app))
        await pilot.press("s", "s")
        await settle(pilot)
        assert screen.side is None
        assert any("Putin" in line for line in holder_lines(app))


async def test_enter_opens_the_holder_and_escape_comes_back(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await open_lineup(pilot, *SUMMIT)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == "ri-yong-gil"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LineupScreen)


async def test_the_post_lists_its_terms_in_order_and_opens_a_holder(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await open_lineup(pilot, *SUMMIT)
        await pilot.press("p")  # the cursor is on Ri Yong Gil, Chief of the General Staff
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PostScreen)
        shown = screen.plain
        assert shown.startswith("Chief of the KPA General Staff  朝鮮人民軍総参謀長")
        assert "one holder at a time" in shown
        first = shown.index("from 2013-08; until 2016-02")
        gap = shown.index("↓ a gap in the record")
        second = shown.index("from 2018-07; until 2019-09")
        assert first < gap < second
        assert "Reappointed after two years away" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == "ri-yong-gil"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PostScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LineupScreen)


async def test_the_person_view_opens_a_post_it_held(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*SUMMIT, "enter", "down", "down", "enter")  # Ri Yong Gil
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PostChooser)
        titles = [p["title_en"] for p in app.screen.posts]
        assert titles == ["Chief of the KPA General Staff", "Minister of National Defence"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PostScreen)
        assert app.screen.post_id == "kp-mnd-minister"
        assert "from 2021-09-29; until 2022-12-31" in app.screen.plain
        await pilot.press("enter")  # the holder: back in the person view below, not another
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert sum(isinstance(s, PersonScreen) for s in app.screen_stack) == 1


async def test_both_languages(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = await open_lineup(pilot, *SUMMIT)
        assert screen.plain.startswith("2019-04-25時点の役職者")
        assert any(line.startswith("● 李永吉") for line in holder_lines(app))
        keys = screen_lines(app)[-1]
        assert "前後の日" in keys and "歴代在任者" in keys
        await type_date(pilot, "２０１８-０７-１５")  # full-width digits, as typed in Japanese
        assert any(line.startswith("● 李永吉(可能性あり)") for line in holder_lines(app))
        await pilot.press("p")
        await settle(pilot)
        assert "記録に空白期間" in app.screen.plain  # type: ignore[attr-defined]
        await pilot.press("L")
        await settle(pilot)
        assert "a gap in the record" in app.screen.plain  # type: ignore[attr-defined]
        await pilot.press("escape")
        await settle(pilot)
        assert "possibly Ri Yong Gil" in lineup(app).plain


async def test_the_palette_offers_the_lineup(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.main)]
        assert "Line-up on this date" in titles


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    target = tmp_path / "events.db"
    build(CURATED, target, HERE)
    poison(target)
    return target


def assert_safe(app: KTimelineApp, where: str) -> None:
    segments = [s for strip in app.screen._compositor.render_strips() for s in strip]
    assert unsafe_segments(segments) == [], where


async def test_a_hostile_store_shows_only_escaped_text(hostile_db: Path) -> None:
    app = make_app(hostile_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for lang_key in ("", "L"):
            if lang_key:
                await pilot.press("escape", "escape", lang_key)
                await settle(pilot)
            await pilot.press("g", "j", "j", "j", "l")  # the summit (after the evil event)
            await settle(pilot)
            screen = lineup(app)
            assert_safe(app, "line-up")
            painted = "\n".join(screen_lines(app))
            assert "\\x1b]52;c;" in painted
            assert "[@click=app.quit]Pak" in painted  # shown, not parsed
            assert screen.present  # the people present were read and marked
            await pilot.press("a")
            await settle(pilot)
            assert_safe(app, "line-up, every post")
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, PostScreen)
            assert_safe(app, "post")
            assert "\\x1b]52;c;" in "\n".join(screen_lines(app))
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PostChooser)
        assert_safe(app, "post chooser")
        assert "[@click=app.quit]Pak" in "\n".join(screen_lines(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_snapshot_lineup(snap_compare: Compare, tiny_db: Path, lang: str,
                         size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tiny_db, lang=lang), terminal_size=size,
                        run_before=steps(*SUMMIT, "l"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_post(snap_compare: Compare, tiny_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tiny_db, lang="en"), terminal_size=size,
                        run_before=steps(*SUMMIT, "l", "p"))
