"""Export from the explorer (issue #15): `e` (or the palette) writes the view the user is looking
at, the filtered and searched timeline or the open person's career and meetings, to a file in the
format they pick, and says where it went."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from helpers import settle
from textual.widgets import Input

from ktimeline.store.queries import EventFilter
from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.screens.export import ExportScreen


def notices(app: KTimelineApp) -> list[str]:
    return [n.message for n in app._notifications]


async def write_to(pilot, app: KTimelineApp, target: Path, downs: int) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, ExportScreen)
    await pilot.press(*["down"] * downs, "enter")  # a format; Enter goes on to the file box
    box = app.screen.query_one("#export-path", Input)
    assert app.focused is box
    box.value = str(target)
    await pilot.press("enter")
    await settle(pilot)
    await app.workers.wait_for_complete()
    await settle(pilot)


async def test_the_filtered_and_searched_timeline_goes_to_a_file(tiny_db: Path,
                                                                 tmp_path: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.main.apply_filter(EventFilter(person_id="ri-yong-gil"))
        await settle(pilot)
        shown = app.main.timeline.total
        target = tmp_path / "ri.csv"
        await write_to(pilot, app, target, downs=0)
        rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig"), newline="")))
        assert len(rows) == shown and rows[0]["id"]
        assert any(f"Wrote {shown} events to {target}" in m for m in notices(app))
        # Searched as well: only the events the search finds, within the filter.
        app.main.set_search("Vladivostok", 1)
        target = tmp_path / "ri-vladivostok.md"
        await write_to(pilot, app, target, downs=2)
        table = target.read_text("utf-8").splitlines()
        found = sum(len(page) for page in app.store.search.pages(
            "Vladivostok", EventFilter(person_id="ri-yong-gil")))
        assert 0 < found < shown
        assert table[0].startswith("| id | date |") and len(table) == 2 + found
        assert all("Vladivostok" in row for row in table[2:])


async def test_a_person_view_writes_the_career_and_meetings(tiny_db: Path,
                                                            tmp_path: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.open_person("ri-yong-gil")
        await settle(pilot)
        target = tmp_path / "ri.json"
        await write_to(pilot, app, target, downs=2)
        profile = json.loads(target.read_text("utf-8"))
        assert profile["person_id"] == "ri-yong-gil" and profile["posts"]
        assert any(f"{target}" in m and "書き出しました" in m for m in notices(app))


async def test_an_unwritable_file_is_a_one_line_notice_and_nothing_is_left(
        tiny_db: Path, tmp_path: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        target = tmp_path / "no-such-dir" / "x.csv"
        await write_to(pilot, app, target, downs=0)
        assert any(m.startswith(f"Could not write {target}") for m in notices(app))
        assert not (tmp_path / "no-such-dir").exists()


async def test_escape_cancels_and_the_palette_offers_export(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Export this view" in titles
