"""Full collections wait for a pause in input, and the interpreter gets its schedule back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import settle

from ktimeline.tui import collector as collector_module
from ktimeline.tui.app import make_app
from ktimeline.tui.collector import FULL_AFTER, PAUSE, IdleCollector


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    now = [1000.0]
    monkeypatch.setattr(collector_module, "monotonic", lambda: now[0])
    yield now


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


def _make_full_pass_due() -> None:
    for _ in range(FULL_AFTER + 1):
        gc.collect(1)  # each pass over the middle generation counts towards a full one


def test_full_passes_wait_for_a_pause_in_input(clock: list[float],
                                               thresholds: tuple[int, int, int]) -> None:
    collector = IdleCollector()
    collector.start()
    assert gc.get_threshold()[:2] == thresholds[:2]
    assert gc.get_threshold()[2] > 1_000_000  # the interpreter no longer runs them
    _make_full_pass_due()
    collector.input_seen()
    clock[0] += PAUSE / 2
    assert not collector.collect_if_paused()  # typing: not now
    clock[0] += PAUSE
    assert collector.collect_if_paused()
    assert gc.get_count()[2] == 0
    assert not collector.collect_if_paused()  # nothing due any more
    collector.stop()
    assert gc.get_threshold() == thresholds


async def test_the_app_hands_the_schedule_back_when_it_closes(
        tiny_db: Path, thresholds: tuple[int, int, int]) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        while not app.prepared:
            await pilot.pause(0.05)
        assert gc.get_threshold()[2] > 1_000_000
        seen = app._collector.last_input
        await pilot.press("j")
        assert app._collector.last_input > seen
    assert gc.get_threshold() == thresholds


async def test_what_an_app_froze_is_unfrozen_when_it_closes(
        tiny_db: Path, thresholds: tuple[int, int, int]) -> None:
    """Each app freezes what it built for its lifetime and gives it back: apps run one after
    another in one process (the tests do) do not pile up frozen objects."""
    before = gc.get_freeze_count()
    for _ in range(2):
        app = make_app(tiny_db, lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            while not app.prepared:
                await pilot.pause(0.05)
            assert gc.get_freeze_count() > before
        assert gc.get_freeze_count() == before


async def test_no_collection_until_the_first_frame(tiny_db: Path) -> None:
    """``ktimeline`` turns the collector off while it starts (nothing made then is garbage)
    and on again once the first timeline frame is out; a collector someone else turned off
    stays off."""
    from ktimeline.tui.collector import pause_for_start, resume_after_start

    assert gc.isenabled()
    pause_for_start()
    try:
        assert not gc.isenabled()
        app = make_app(tiny_db, lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        resume_after_start()
    assert gc.isenabled()
    gc.disable()
    try:
        pause_for_start()
        resume_after_start()
        assert not gc.isenabled()
    finally:
        gc.enable()
