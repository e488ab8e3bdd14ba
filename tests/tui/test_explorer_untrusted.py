"""Issue #18 in the explorer: a hostile store's escape sequences, C1 controls, bidi overrides
and markup reach no widget, notice or palette hit as anything but visible text."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CURATED, HERE, settle
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from ktimeline.store.build import build
from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.screens.filter import FilterScreen
from ktimeline.tui.screens.person import PersonScreen
from ktimeline.tui.screens.search import SearchScreen
from tests.hostile import PAYLOAD, poison, unsafe_segments


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    target = tmp_path / "events.db"
    build(CURATED, target, HERE)
    poison(target)
    return target


def painted(app: KTimelineApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_safe(app: KTimelineApp, where: str) -> None:
    segments = [s for strip in app.screen._compositor.render_strips() for s in strip]
    assert unsafe_segments(segments) == [], where


async def walk_timeline(pilot: Pilot[None], app: KTimelineApp) -> None:
    for step in range(app.main.timeline.total):
        assert_safe(app, f"timeline, event {step}")
        await pilot.press("j")
        await settle(pilot)


async def walk_career_chart(pilot: Pilot[None], app: KTimelineApp) -> None:
    """Every row of the person's career chart, the line under it saying what is there (the
    store's post, rank and meeting titles), in both languages."""
    from ktimeline.tui.widgets.careerchart import CareerChart

    chart = app.screen.query_one(CareerChart)
    chart.focus()
    await settle(pilot)
    for lang_key in ("", "L"):
        if lang_key:
            await pilot.press(lang_key)
        for _row in range(6):
            for key in ("right", "right", "left"):
                await pilot.press(key)
                await settle(pilot)
                assert_safe(app, f"career chart: {chart.cursor_line().plain!r}")
            await pilot.press("down")
    assert "\\x1b]52" in chart.cursor_line().plain  # a meeting's title, shown escaped
    await pilot.press("L")
    await settle(pilot)


async def test_every_screen_shows_a_hostile_store_as_text(hostile_db: Path) -> None:
    app = make_app(hostile_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "\\x1b]52;c;" in painted(app)
        await walk_timeline(pilot, app)
        await pilot.press("L")  # Japanese: the _ja columns
        await settle(pilot)
        await walk_timeline(pilot, app)
        await pilot.press("L", "g")
        await settle(pilot)
        for _ in range(3):  # an event with people present
            if app.main.detail.person_count:
                break
            await pilot.press("j")
            await settle(pilot)
        links = [segment.style.link for strip in app.main.detail.strips for segment in strip
                 if segment.style is not None and segment.style.link]
        assert links == []  # an address holding an escape is shown escaped, never linked
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert_safe(app, "person screen")
        assert "[@click=app.quit]Pak" in painted(app)  # shown, not parsed
        await walk_career_chart(pilot, app)
        await pilot.press("escape", "slash", *"summit")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert_safe(app, "search")
        await pilot.press("escape", "backslash")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        assert_safe(app, "filter")
        await pilot.press("enter")  # the kind list: kinds are the store's
        await settle(pilot)
        assert_safe(app, "filter, kinds open")


@pytest.mark.parametrize("query", ["kim", "summit"])
async def test_the_command_palette_never_parses_the_stores_markup(hostile_db: Path,
                                                                  query: str) -> None:
    app = make_app(hostile_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*query)
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        hits = app.screen.query_one(CommandList)
        assert hits.option_count
        assert_safe(app, "palette")
        assert "[@click=app.quit]" in painted(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.is_running and app.return_code is None


@pytest.mark.parametrize("markup", [True, False])
async def test_notices_are_never_markup_and_show_controls(tiny_db: Path, markup: bool) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.notify(f"No person {PAYLOAD}", title=f"t{PAYLOAD}", markup=markup, timeout=30)
        app.main.notify(f"[/]{PAYLOAD}", severity="error", timeout=30)
        await settle(pilot)
        assert_safe(app, "notices")
        assert painted(app).count("[@click=app.quit]Pak") >= 2


async def test_a_person_id_with_markup_is_shown_not_parsed(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_person(f"[/]x{PAYLOAD}")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert_safe(app, "person not found")
        assert "No person" in painted(app) and "'[/]x\\x1b]52" in painted(app)


async def test_pasted_controls_are_shown_in_the_box(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        from textual import events

        app.screen.query_one("#search-input").post_message(events.Paste(f"a{PAYLOAD}\nsecond"))
        await settle(pilot)
        assert_safe(app, "pasted search")
        value = app.screen.query_one("#search-input").value  # type: ignore[attr-defined]
        assert value.startswith("a\\x1b]52") and "second" not in value


@pytest.mark.parametrize("typed", ["[/]", "9999-12-31~", "0001-01-01~", "0001-01-01%", "[b]x",
                                   "[@click=app.quit]2019"])
async def test_the_go_to_bar_takes_markup_and_edge_dates(tiny_db: Path, typed: str) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g", *typed, "enter")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert_safe(app, "go to")
        if app.main.goto_bar.is_open:
            assert typed in app.main.goto_bar.error or "not a date" in app.main.goto_bar.error


@pytest.mark.parametrize(("field", "typed"), [
    ("#year-from", "[/]"), ("#year-to", "9999-12-31~"), ("#year-from", "0001-01-01%"),
    ("#person", "[/]"), ("#person", "[@click=app.quit]x"), ("#year-to", "[b]")])
async def test_the_filter_takes_markup_and_edge_dates(tiny_db: Path, field: str,
                                                      typed: str) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("backslash")
        await settle(pilot)
        app.screen.query_one(field).focus()
        await pilot.press(*typed, "enter")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert_safe(app, "filter")


async def test_a_reversed_year_range_in_the_filter_is_refused(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("backslash")
        await settle(pilot)
        app.screen.query_one("#year-from").focus()
        await pilot.press(*"2020", "tab", *"2010", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        assert "after" in str(app.screen.query_one("#filter-error").render())
