"""Issue #18: a pasted page as a query is cut, and a long search never holds up paging or
quitting (it runs on a connection of its own and stops when its worker is cancelled)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers import highlighted, settle
from textual.widgets import Input

from ktimeline.store import fulltext
from ktimeline.store.queries import Store
from ktimeline.tui.app import make_app
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.screens.search import SearchScreen

FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def test_queries_are_cut_to_a_length(tiny_db: Path) -> None:
    assert len(fulltext.clean_needle("ab" * 65_536)) == fulltext.MAX_QUERY
    store = Store.open(tiny_db)
    try:
        assert store.search.events("summit " * 20_000) == []
        assert store.search.count("x" * 131_072) == 0
        assert len(store.people.name_index().find("Kim " * 30_000)) <= 10
    finally:
        store.close()


def test_a_search_stops_when_asked(tiny_db: Path) -> None:
    store = Store.open(tiny_db)
    try:
        store.stop_when(lambda: True)
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            store.connection.execute(FOREVER).fetchone()
    finally:
        store.close()


async def test_an_endless_search_holds_up_neither_paging_nor_quitting(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        searcher = app.searcher

        def endless(*_args: Any, **_kwargs: Any) -> list[dict[str, Any]]:
            searcher.connection.execute(FOREVER).fetchone()
            return []

        searcher.search_events = endless  # type: ignore[method-assign]
        # (Text is set, not typed: Pilot waits for the CPU to idle after each key, and an
        # endless search keeps it busy.)
        await pilot.press("slash")
        app.screen.query_one(Input).value = "summit"
        await pilot.pause(0.2)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")  # the search screen goes, and its worker is cancelled
        await pilot.pause(0.2)
        assert isinstance(app.screen, MainScreen)
        first = highlighted(app)
        await pilot.press("j")
        await settle(pilot)
        assert highlighted(app) != first
        await pilot.press("slash")
        app.screen.query_one(Input).value = "kim"  # another endless one, left running at quit
        await pilot.pause(0.2)
        await app.action_quit()
    assert app.return_code in (0, None)


async def test_a_locked_store_says_so_and_keeps_no_search(tiny_db: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "events.db"
    shutil.copyfile(tiny_db, db)
    app = make_app(db, lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        locker = sqlite3.connect(db, isolation_level=None)
        try:
            locker.execute("BEGIN EXCLUSIVE")
            await pilot.press("slash")
            app.screen.query_one(Input).value = "summit"
            for _ in range(100):  # (settle would raise the worker's error: wait for the notice)
                await pilot.pause(0.1)
                if app._notifications:
                    break
            await pilot.press("escape")
            await pilot.pause(0.1)
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        messages = [n.message for n in app._notifications]
        assert messages and all("locked by another process" in m for m in messages), messages
        assert isinstance(app.screen, MainScreen) and app.main.search_query == ""
