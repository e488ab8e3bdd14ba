"""Issue #18: the explorer over a store with NULLs, wrong types, blobs or dangling ids keeps
running, says what is wrong in one clear notice, and never shows a stale detail pane."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CURATED, HERE, settle

from ktimeline.store.build import build
from ktimeline.tui.app import make_app
from tests.hostile import MALFORMED, malform


@pytest.mark.parametrize(("name", "sql"), MALFORMED, ids=[m[0] for m in MALFORMED])
async def test_a_malformed_store_gets_a_clear_notice(tmp_path: Path, name: str,
                                                     sql: str) -> None:
    target = tmp_path / "events.db"
    build(CURATED, target, HERE)
    malform(target, sql)
    app = make_app(target, lang="en")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        for key in ("j", "j", "G", "enter"):
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running and app.return_code is None
            row = app.main.timeline.highlighted
            shown = app.main.detail.event
            assert shown is None or row is None or shown["id"] == row["id"], "stale detail"
        await pilot.press("slash", *"kim")
        await settle(pilot)
        await pilot.press("escape", "ctrl+p", *"summit")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("escape", "escape", "backslash")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        for notice in app._notifications:
            assert "rebuild it" in notice.message or "damaged" in notice.message, notice.message
            assert "\n" not in notice.message
