"""Snapshots at 80×24, 120×40 and 200×60, English and Japanese (CJK alignment)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import settle
from textual.pilot import Pilot
from textual.widgets import Input

from ktimeline.tui.app import make_app

Compare = Callable[..., bool]


def steps(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await settle(pilot)

    return run


SUMMIT = ("j", "j")
RI = (*SUMMIT, "enter", "down", "down", "enter")


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_main(snap_compare: Compare, tiny_db: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tiny_db, lang=lang), terminal_size=size,
                        run_before=steps(*SUMMIT))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_person(snap_compare: Compare, tiny_db: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tiny_db, lang=lang), terminal_size=size, run_before=steps(*RI))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_search(snap_compare: Compare, tiny_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tiny_db, lang="en"), terminal_size=size,
                        run_before=steps("slash", *"ri yong"))


def test_search_japanese(snap_compare: Compare, tiny_db: Path) -> None:
    assert snap_compare(make_app(tiny_db, lang="ja"), terminal_size=(120, 40),
                        run_before=steps("slash", *"平壌"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_help(snap_compare: Compare, tiny_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tiny_db, lang="en"), terminal_size=size,
                        run_before=steps("question_mark"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_filter(snap_compare: Compare, tiny_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tiny_db, lang="en"), terminal_size=size,
                        run_before=steps("backslash"))


def test_filtered_timeline(snap_compare: Compare, tiny_db: Path) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await steps("backslash")(pilot)
        from textual.widgets import Select

        pilot.app.screen.query_one("#kind", Select).value = "summit"
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(tiny_db, lang="en"), terminal_size=(80, 24), run_before=run)


def test_goto(snap_compare: Compare, tiny_db: Path) -> None:
    assert snap_compare(make_app(tiny_db, lang="en"), terminal_size=(80, 24),
                        run_before=steps("ctrl+g", *"2022"))


def test_too_small(snap_compare: Compare, tiny_db: Path) -> None:
    assert snap_compare(make_app(tiny_db, lang="en"), terminal_size=(40, 10),
                        run_before=steps())
