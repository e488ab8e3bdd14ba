"""Every path between views (event, person, person, back, forward, palette) by real keys."""

from __future__ import annotations

from pathlib import Path

from helpers import highlighted, person_text, settle

from ktimeline.tui.app import make_app
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.screens.person import PersonScreen

SUMMIT = "2019-04-25-vladivostok-summit"


async def test_person_to_person_and_back_and_forward(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter", "enter")  # the summit, its first person: Kim
        await settle(pilot)
        assert "Kim Jong Un" in person_text(app)
        await pilot.press("escape", "j", "enter")  # back to the people present: Putin
        await settle(pilot)
        assert "Vladimir Putin" in person_text(app)
        await pilot.press("left_square_bracket")  # back: Kim again, the app still running
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "Kim Jong Un" in person_text(app)
        await pilot.press("left_square_bracket")  # back: the summit
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == SUMMIT
        await pilot.press("right_square_bracket")  # forward: Kim
        await settle(pilot)
        assert "Kim Jong Un" in person_text(app)
        await pilot.press("right_square_bracket")  # forward: Putin
        await settle(pilot)
        assert "Vladimir Putin" in person_text(app)
        assert len(app.screen_stack) == 2


async def test_palette_from_person_to_person(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for query, name in (("putin", "Vladimir Putin"), ("ri yong gil", "Ri Yong Gil"),
                            ("kim jong un", "Kim Jong Un")):
            await pilot.press("ctrl+p", *query, )
            await settle(pilot)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, PersonScreen), query
            assert name in person_text(app)
        assert len(app.screen_stack) == 2


async def test_every_view_to_every_other_without_waiting(tiny_db: Path) -> None:
    """Keys typed faster than screens mount: person → meeting → back → forward → palette → help
    → person, each step pressed without waiting for the last to finish."""
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter", "enter")  # Kim
        await settle(pilot)
        await pilot.press("enter")  # his first meeting: the main screen
        await pilot.press("left_square_bracket", "right_square_bracket", "left_square_bracket")
        await pilot.press("escape", "escape", "j", "j", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("question_mark")  # help over the person view, then the palette
        await settle(pilot)
        await pilot.press("escape", "ctrl+p", *"putin")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert "Vladimir Putin" in person_text(app)
        await pilot.press("ctrl+p", *"vladivostok")  # an event from the person view
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == SUMMIT
        for _ in range(6):
            await pilot.press("left_square_bracket")
        for _ in range(6):
            await pilot.press("right_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == SUMMIT
        assert len(app.screen_stack) == 1


async def test_palette_zoom_replaces_maximize_and_speaks_japanese(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Maximize" not in titles and "Keys" not in titles
        assert "拡大" in titles and "テーマ" in titles and "ヘルプ" in titles
        await pilot.press("ctrl+p", *"拡大")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.has_class("-zoomed")
