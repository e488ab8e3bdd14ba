"""The year strip above the timeline (issue #16): events per year, the filtered years bright, the
cursor's year marked; { and } jump a year, a click jumps to the year clicked."""

from __future__ import annotations

from pathlib import Path

from helpers import settle

from ktimeline.store.queries import EventFilter
from ktimeline.tui.app import make_app
from ktimeline.tui.widgets.yearstrip import BARS, LABEL_CELLS, YearStrip, bar, cells


def test_cells_cover_every_year_and_fit_the_width() -> None:
    years = {1945: 1, 1950: 8, 2019: 22, 2025: 38}
    wide = cells(years, None, 200)
    assert len(wide) == 2025 - 1945 + 1  # a column a year, empty years too
    assert sum(c.events for c in wide) == 69 and all(c.kept == c.events for c in wide)
    narrow = cells(years, {2019: 3}, 30)
    assert len(narrow) <= 30 and sum(c.events for c in narrow) == 69
    assert sum(c.kept for c in narrow) == 3
    assert narrow[0].first_year == 1945 and narrow[-1].last_year == 2025
    assert bar(0, 38) == " " and bar(1, 38) == BARS[1] and bar(38, 38) == "█"


def year_of(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.main.timeline.highlighted["date"])[:4]


async def test_the_strip_follows_the_cursor_and_the_keys_jump_a_year(big_db: Path) -> None:
    app = make_app(big_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        strip = app.main.query_one(YearStrip)
        assert strip.plain.startswith(" 1949 ") or strip.plain.lstrip()[:4].isdigit()
        assert strip.cursor_year == int(year_of(app))
        first = year_of(app)
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert int(year_of(app)) > int(first) and strip.cursor_year == int(year_of(app))
        second = year_of(app)
        await pilot.press("j", "left_curly_bracket")  # back to the first event of its year
        await settle(pilot)
        assert year_of(app) == second
        await pilot.press("left_curly_bracket")  # and to the year before
        await settle(pilot)
        assert year_of(app) == first
        # A click on a year's column goes to that year.
        column = next(x for x in range(LABEL_CELLS, strip.size.width)
                      if strip.year_at(x) == 1995)
        await pilot.click(YearStrip, offset=(column, 0))
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert year_of(app) == "1995" and strip.cursor_year == 1995


async def test_a_filter_keeps_the_whole_record_and_brightens_its_years(big_db: Path) -> None:
    app = make_app(big_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        strip = app.main.query_one(YearStrip)
        everything = dict(strip.all_years)
        app.main.apply_filter(EventFilter(person_id="ri-yong-gil"))
        await settle(pilot)
        assert strip.all_years == everything  # the record's years stay
        assert strip.kept_years and set(strip.kept_years) < set(everything)
        assert sum(strip.kept_years.values()) == app.main.timeline.total
        # The cursor's year is the highlighted event's, whenever the new count arrived.
        highlighted = app.main.timeline.highlighted
        assert highlighted is not None
        assert strip.cursor_year == int(highlighted["date_lo"][:4])
