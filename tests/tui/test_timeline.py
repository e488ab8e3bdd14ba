"""The timeline and the detail pane, driven by real keys."""

from __future__ import annotations

from pathlib import Path

from helpers import detail, highlighted, settle, status, timeline_lines

from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.widgets.detail import EventDetail
from ktimeline.tui.widgets.timeline import Timeline

ORDER = [
    "1961-07-treaty", "2014-military-visit", "2019-04-25-vladivostok-summit", "2022-02-talks",
    "2022-04-24-statement", "2024-06-19-pyongyang-summit", "2024-06-19-treaty",
    "2024-06-ryabkov",
]


async def test_opens_on_first_event_with_year_headings(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert highlighted(app) == ORDER[0]
        assert status(app).startswith(" 1 of 8")
        lines = timeline_lines(app)
        assert lines[0].startswith(" 1961")
        assert "1961-07" in lines[1] and "treaty" in lines[1]
        assert any(line.startswith(" 2024") for line in lines)
        assert any("2024-06-19..06-20 statement" in line for line in lines)  # a range, fitted
        assert any("Vladivostok" in line and "2019-04-25" in line for line in lines)
        assert isinstance(app.focused, Timeline)


async def test_line_keys(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, expected in [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("up", 0),
                              ("G", 7), ("j", 7), ("g", 0), ("end", 7), ("home", 0)]:
            await pilot.press(key)
            await settle(pilot)
            assert highlighted(app) == ORDER[expected], key
        assert status(app).startswith(" 1 of 8")


async def test_page_keys(big_db: Path) -> None:
    app = make_app(big_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        timeline = app.main.query_one(Timeline)
        page = timeline.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        await settle(pilot)
        assert timeline.cursor == page
        await pilot.press("space")
        await settle(pilot)
        assert timeline.cursor == 2 * page
        await pilot.press("b")
        await settle(pilot)
        assert timeline.cursor == page
        await pilot.press("pageup")
        await settle(pilot)
        assert timeline.cursor == 0


async def test_virtual_paging_over_many_events(big_db: Path) -> None:
    app = make_app(big_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        timeline = app.main.query_one(Timeline)
        assert timeline.total == 1208
        await pilot.press("G")
        await settle(pilot)
        assert highlighted(app) == "2024-06-ryabkov"
        assert status(app).startswith(" 1208 of 1208")
        await pilot.press("k")
        await settle(pilot)
        assert highlighted(app) == "2024-06-19-treaty"
        assert any("Treaty on Comprehensive" in line for line in timeline_lines(app))
        # Far pages are read by keyset from the nearest known start; only some are cached.
        await pilot.press("g")
        await settle(pilot)
        assert highlighted(app) == "1961-07-treaty"
        assert len(timeline.pages) <= 64
        await pilot.press("G")
        await settle(pilot)
        assert any("2024-06-19..20 statement" in line for line in timeline_lines(app))  # 80 wide
        app.open_event("2000-06-18-gen-0605")
        await settle(pilot)
        assert highlighted(app) == "2000-06-18-gen-0605"
        assert any("Generated talks number 0605" in line for line in timeline_lines(app))


async def test_detail_follows_cursor(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        text = detail(app)
        assert "First Kim Jong Un–Putin summit, Vladivostok" in text
        assert "2019-04-25" in text and "summit" in text and "Vladivostok" in text
        assert "Kim Jong Un meets Vladimir Putin" in text
        # People present, in list order, each with post and rank as of that date.
        kim, putin, ri = (text.index(n) for n in ("Kim Jong Un", "Vladimir Putin",
                                                     "Ri Yong Gil"))
        assert kim < putin < ri
        assert "General, Chief of the KPA General Staff" in text
        assert "printed: 大将(軍総参謀総長=当時)" in text
        assert "President of Russia" in text
        # Sources: publisher, title, date, URL.
        assert "TASS, “Putin arrives in Vladivostok”, 2019-04-25" in text
        assert "https://example.org/a" in text


async def test_possibly_marked(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_event("2022-04-24-statement")
        await settle(pilot)
        text = detail(app)
        # The vice-marshal promotion is dated only "2022-04": on the 24th it is possible.
        assert "possibly Vice Marshal" in text
        # The printed 次帥 is the (possible) rank's own title: not repeated as "printed".
        assert "printed:" not in text


async def test_click_selects_and_double_click_opens(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click(Timeline, offset=(10, 5))  # line 5: 2019's event
        await settle(pilot)
        assert highlighted(app) == "2019-04-25-vladivostok-summit"
        await pilot.double_click(Timeline, offset=(10, 5))
        await settle(pilot)
        assert isinstance(app.focused, EventDetail)


async def test_tab_moves_between_panes(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        assert isinstance(app.focused, Timeline)
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "detail"
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Timeline)


async def test_language_toggle(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        assert any("First Kim Jong Un" in line for line in timeline_lines(app))
        await pilot.press("L")
        await settle(pilot)
        assert app.lang == "ja"
        assert any("金正恩・プーチン初の首脳会談" in line for line in timeline_lines(app))
        assert any("首脳会談" in line and "ウラジオストク" in line for line in timeline_lines(app))
        assert detail(app).startswith("金正恩・プーチン初の首脳会談")
        assert "大将, 朝鮮人民軍総参謀長" in detail(app)
        assert "日本語" in status(app)
        await pilot.press("L")
        await settle(pilot)
        assert app.lang == "en"


async def test_japanese_locale_is_default(tiny_db: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    app = make_app(tiny_db)
    assert app.lang == "ja"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert make_app(tiny_db).lang == "en"


async def test_quit_keys(tiny_db: Path) -> None:
    for key in ("q", "ctrl+q"):
        app = make_app(tiny_db, lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(key)
            await pilot.pause()
            assert not app.is_running, key


async def test_too_small_terminal(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(40, 10)) as pilot:
        await settle(pilot)
        message = app.main.query_one("#too-small")
        assert message.display and message.region.width > 0
        assert "too small" in str(message.render())
        assert app.main.query_one("#panes").region.height == 0


async def test_worker_error_is_notified_not_raised(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")

    def broken(event_id: str) -> None:
        raise RuntimeError("disk on fire")

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.store.events.get = broken  # type: ignore[method-assign,assignment]
        await pilot.press("j")
        await settle(pilot)
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any("disk on fire" in m for m in messages)


async def test_cjk_rows_align_and_fill_exactly(tiny_db: Path) -> None:
    from rich.cells import cell_len

    for size in ((80, 24), (120, 40)):
        app = make_app(tiny_db, lang="ja")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            timeline = app.main.query_one(Timeline)
            width = timeline.scrollable_content_region.width
            lines = timeline_lines(app)
            assert all(cell_len(line) == width for line in lines)
            places = {}
            for place in ("平壌", "ウラジオストク", "モスクワ"):
                for line in lines:
                    if line.rstrip().endswith(place):
                        places[place] = cell_len(line[:line.rindex(place)])
            assert places, lines  # those on screen, all in one column:
            assert len(set(places.values())) == 1, places
            kinds = {cell_len(line[:line.index(kind)])
                     for line in lines for kind in ("首脳会談", "条約", "声明")
                     if kind in line.split()[1:2]}
            assert len(kinds) == 1, kinds


def painted_detail(app: object) -> list[str]:
    """Every line of the detail pane as rendered (scrolled or not)."""
    from ktimeline.tui.app import KTimelineApp

    assert isinstance(app, KTimelineApp)
    return [strip.text for strip in app.main.detail.lines.strips]


async def test_detail_pane_is_rendered_for_its_width_and_rewrapped_on_resize(
        tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        pane = app.main.detail
        lines = painted_detail(app)
        assert lines[0].strip() == "First Kim Jong Un–Putin summit, Vladivostok"
        assert {strip.cell_length for strip in pane.lines.strips} == {pane.line_width}
        assert any("People present (3)" in line for line in lines)
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        narrow = painted_detail(app)
        assert pane.line_width == 70 < len(lines[0])
        assert {strip.cell_length for strip in pane.lines.strips} == {pane.line_width}
        assert narrow != lines  # rendered again, for the new width
        assert " ".join(" ".join(narrow).split()).startswith(
            "First Kim Jong Un–Putin summit, Vladivostok")


async def test_people_present_are_chosen_with_j_and_k(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        pane = app.main.detail
        order = [p["person_id"] for p in (pane.event or {})["participants"]]
        assert app.focused is pane and pane.selected_person == order[0]
        await pilot.press(*["j"] * (len(order) - 1))
        assert pane.selected_person == order[-1]
        await pilot.press("j")  # past the last person: on to the sources
        assert pane.selected_person is None
        assert pane.selected_source is (pane.event or {})["sources"][0]
        await pilot.press(*["j"] * 9)  # past the last source: stays on it
        assert pane.selected_source is (pane.event or {})["sources"][-1]
        await pilot.press(*["k"] * (len((pane.event or {})["sources"]) + 1))
        assert pane.selected_person == order[-2]
        # The chosen person's lines are painted in the cursor's colours, the others not.
        first = pane.first_line_of(len(order) - 2) - int(pane.scroll_offset.y)
        cursor = pane.get_component_rich_style("event-detail--cursor").bgcolor
        assert next(iter(pane.render_line(first))).style.bgcolor == cursor  # type: ignore[union-attr]
        other = pane.first_line_of(len(order) - 1) - int(pane.scroll_offset.y)
        assert next(iter(pane.render_line(other))).style.bgcolor != cursor  # type: ignore[union-attr]


async def test_key_bar_follows_focus_and_language(tiny_db: Path) -> None:
    from ktimeline.tui.widgets.keybar import KeyBar

    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.main.query_one(KeyBar)
        assert "Search" in str(bar.render()) and "Open person/source" not in str(bar.render())
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert "Open person/source" in str(bar.render())
        await pilot.press("L")
        await settle(pilot)
        assert "人物・出典を開く" in str(bar.render()) and "検索" in str(bar.render())


async def test_go_to_bar_closes_when_focus_leaves(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g", "2")
        await settle(pilot)
        assert app.main.goto_bar.is_open
        await pilot.click(Timeline, offset=(10, 5))
        await settle(pilot)
        assert not app.main.goto_bar.is_open
        assert "of" in status(app)


async def test_arrows_say_the_detail_pane_has_more(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        pane = app.main.detail
        height = pane.scrollable_content_region.height
        assert len(pane.lines.strips) > height  # more than the pane shows
        assert pane.render_line(height - 1).text.endswith("▼")
        assert not pane.render_line(0).text.endswith("▲")
        await pilot.press("tab", "end")
        await settle(pilot)
        assert pane.render_line(0).text.endswith("▲")
        assert not pane.render_line(height - 1).text.endswith("▼")


async def test_pages_next_to_the_view_are_read_before_they_are_needed(big_db: Path) -> None:
    from ktimeline.tui.widgets.timeline import PAGE

    app = make_app(big_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        timeline = app.main.query_one(Timeline)
        # Move to the last rows of the first page: the next page is read while still unseen.
        timeline.cursor = PAGE - 3
        await settle(pilot)
        assert 1 in timeline.pages
        await pilot.press("pagedown")
        await settle(pilot)
        assert not any("loading" in line for line in timeline_lines(app))


async def test_rows_take_the_colours_of_another_theme_and_keep_them_across_focus(
        tiny_db: Path) -> None:
    """Rows are drawn once and reused; focus changes only the cursor row, a theme every row."""
    from dataclasses import replace

    from rich.style import Style

    def row_colours(app: KTimelineApp, y: int) -> set[Style]:
        return {segment.style for segment in app.screen._compositor.render_strips()[y]
                if segment.style is not None}

    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        timeline = app.main.query_one(Timeline)
        cursor_y, other_y = timeline.region.y + 1, timeline.region.y + 2  # below the year
        cursor, other = row_colours(app, cursor_y), row_colours(app, other_y)
        await pilot.press("tab")  # focus to the detail pane: the cursor row dims
        await settle(pilot)
        assert app.focused is app.main.detail
        assert row_colours(app, cursor_y) != cursor
        assert row_colours(app, other_y) == other
        await pilot.press("shift+tab")
        await settle(pilot)
        assert row_colours(app, cursor_y) == cursor
        # The same theme but for its primary colour: the widget's own style (background,
        # foreground) stays the same, the cursor's colour does not.
        app.register_theme(replace(app.current_theme, name="other-primary", primary="#aa3300"))
        app.theme = "other-primary"
        await settle(pilot)
        assert row_colours(app, cursor_y) != cursor
        app.theme = "textual-light"
        await settle(pilot)
        assert row_colours(app, other_y) != other


async def test_rows_drawn_ahead_by_the_page_worker_look_as_rows_drawn_on_screen(
        big_db: Path) -> None:
    app = make_app(big_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        timeline = app.main.query_one(Timeline)
        for _ in range(7):  # into pages read ahead (and drawn) by the worker
            await pilot.press("pagedown")
            await settle(pilot)
        assert timeline.cursor > 100
        drawn_ahead = app.screen._compositor.render_strips()
        timeline._strips.clear()
        timeline.refresh()
        await settle(pilot)
        assert app.screen._compositor.render_strips() == drawn_ahead
