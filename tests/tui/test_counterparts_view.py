"""The person view lists who they met from the other side (issue #16); Enter filters the
timeline to the meetings both attended."""

from __future__ import annotations

from pathlib import Path

from helpers import settle
from textual.widgets import OptionList

from ktimeline.tui.app import make_app
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.screens.person import PersonScreen


async def test_enter_on_a_counterpart_shows_their_shared_meetings(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person("ri-yong-gil")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        met = screen.counterparts
        assert met and "Met from the other side" in screen.plain
        first = met[0]
        assert f"{first['name_en']} (Russia)" in screen.plain or first["side"] != "RU"
        await pilot.press("tab")  # from the meetings to the counterparts
        await settle(pilot)
        assert app.focused is screen.query_one("#counterparts", OptionList)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.main.timeline.where.also_present == (first["person_id"],)
        assert app.main.timeline.total == first["meetings"]
        status = str(app.main.query_one("#status").render())
        assert f"Ri Yong Gil + {first['name_en']}" in status


async def test_counterparts_in_japanese(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_person("ri-yong-gil")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "会った相手側の人物" in app.screen.plain and "回" in app.screen.plain
