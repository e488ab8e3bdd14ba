"""Copying what was found (issue #15): the shown event's citation and id, with a notice."""

from __future__ import annotations

from pathlib import Path

from helpers import settle

from ktimeline.tui.app import make_app
from ktimeline.tui.screens.help import HelpScreen, help_text


async def test_y_copies_the_citation_and_Y_the_id(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.open_event("2019-04-25-vladivostok-summit")
        await settle(pilot)
        app.main.timeline.focus()
        await pilot.press("y")
        await settle(pilot)
        copied = app.clipboard
        assert copied.startswith("First Kim Jong Un–Putin summit")
        assert "\n1. " in copied and "“" in copied  # a numbered list, real headlines quoted
        notices = [n.message for n in app._notifications]
        assert any("Copied a citation of" in m and "OSC 52" in m for m in notices)
        await pilot.press("Y")
        await settle(pilot)
        assert app.clipboard == "2019-04-25-vladivostok-summit"


async def test_the_copy_keys_are_in_the_help_in_both_languages(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = help_text(app, "ja").plain
        assert "出来事の出典を引用としてコピー" in shown and "出来事の ID をコピー" in shown
