"""Person, search, filter, go-to-date, help, palette and history, driven by real keys."""

from __future__ import annotations

from pathlib import Path

from helpers import detail, highlighted, person_text, screen_lines, settle, status, timeline_lines
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Select

from ktimeline.tui import text
from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.screens.filter import FilterScreen
from ktimeline.tui.screens.help import HIDDEN_ACTIONS, HelpScreen, help_sections, keys_display
from ktimeline.tui.screens.main import MainScreen
from ktimeline.tui.screens.person import PersonScreen
from ktimeline.tui.screens.search import SearchScreen
from ktimeline.tui.widgets.detail import EventDetail
from ktimeline.tui.widgets.resultlist import ResultList
from ktimeline.tui.widgets.timeline import Timeline

SUMMIT = "2019-04-25-vladivostok-summit"


async def open_ri_from_summit(app: KTimelineApp, pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("j", "j")
    await settle(pilot)
    assert highlighted(app) == SUMMIT
    await pilot.press("enter")  # opens the event: focus goes to the people present
    await settle(pilot)
    assert isinstance(app.focused, EventDetail)
    await pilot.press("g", "down", "down", "enter")  # Kim, Putin, Ri
    await settle(pilot)


async def test_person_view(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_ri_from_summit(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        text = person_text(app)
        assert "Ri Yong Gil  李永吉" in text
        for form in ("李永吉", "リ・ヨンギル", "리영길", "Ri Yong-gil"):
            assert form in text
        assert "kanji" in text and "katakana" in text and "hangul" in text
        assert "▲ promoted: General" in text
        assert "▼ demoted: Colonel General" in text
        assert "↺ restored: General" in text
        assert "Minister of National Defence" in text
        assert text.index("2013-08") < text.index("2016-02") < text.index("2022-04")
        meetings = app.screen.query_one("#meetings", OptionList)
        assert meetings.option_count == 3
        # j/k move through meetings; Enter jumps back into the timeline.
        await pilot.press("j", "j", "k", "j")
        await settle(pilot)
        assert meetings.highlighted == 2
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == "2022-04-24-statement"


async def test_person_escape_and_filter_to_person(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_ri_from_summit(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, EventDetail)  # focus comes back where it was
        await pilot.press("escape", "g")  # Escape: back to the timeline
        await settle(pilot)
        assert isinstance(app.focused, Timeline)
        await open_ri_from_summit(app, pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "3 matching" in status(app) and "person: Ri Yong Gil" in status(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "matching" not in status(app)


async def test_history_back_and_forward(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_ri_from_summit(app, pilot)
        await pilot.press("j", "j", "enter")  # opens the 2022 statement
        await settle(pilot)
        assert highlighted(app) == "2022-04-24-statement"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == SUMMIT
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == "2022-04-24-statement"


async def test_search_people_any_script_and_open(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for query, person in [("ri yong", "ri-yong-gil"), ("리영길", "ri-yong-gil"),
                              ("プーチン", "vladimir-putin"), ("Путин", "vladimir-putin")]:
            await pilot.press("slash")
            await settle(pilot)
            assert isinstance(app.screen, SearchScreen)
            search_input = app.screen.query_one(Input)
            search_input.value = ""
            await pilot.press(*query)
            await settle(pilot)
            results = app.screen.query_one("#results", ResultList)
            assert results.lines.ids[0] == f"person:{person}", query
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, PersonScreen), query
            assert app.screen.person_id == person
            await pilot.press("escape")
            await settle(pilot)


async def test_search_events_highlight_and_n(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"treaty")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one("#results", ResultList)
        assert results.lines.ids == ["event:1961-07-treaty", "event:2024-06-19-treaty",
                                     "event:2024-06-ryabkov"]
        prompt = results.lines.texts[1]
        assert "treaty" in prompt.plain.lower()
        spans = [span for span in prompt.spans if "reverse" in str(span.style)]
        assert spans, "the match is highlighted"
        shown = app.screen._compositor.render_strips()
        row = next(strip for strip in shown if "2024-06-19" in strip.text and "reaty" in strip.text)
        assert any(segment.style and segment.style.reverse for segment in row), "and painted"
        await pilot.press("escape")  # keep the query for n/N
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "search: treaty (3 events, n/N)" in status(app)
        marked = [line for line in timeline_lines(app) if line.startswith("*")]
        assert len(marked) == 2  # the cursor row shows the cursor mark instead
        await pilot.press("n")
        await settle(pilot)
        assert highlighted(app) == "2024-06-19-treaty"
        await pilot.press("n")
        await settle(pilot)
        assert highlighted(app) == "2024-06-ryabkov"
        await pilot.press("N", "N")
        await settle(pilot)
        assert highlighted(app) == "1961-07-treaty"
        await pilot.press("escape")  # clears the search
        await settle(pilot)
        assert "search:" not in status(app)


async def test_search_japanese_event_and_open(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"平壌")
        await settle(pilot)
        results = app.screen.query_one("#results", ResultList)
        assert results.lines.ids[0] == "event:2024-06-19-pyongyang-summit"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == "2024-06-19-treaty"
        assert detail(app).startswith("包括的戦略パートナーシップ条約に署名")


async def test_filter_by_kind_and_escape_clears(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("backslash")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#kind", Select).value = "summit"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert status(app).startswith(" 1 of 2 matching (8)")
        assert highlighted(app) == SUMMIT
        await pilot.press("j")
        await settle(pilot)
        assert highlighted(app) == "2024-06-19-pyongyang-summit"
        assert not any("treaty" in line for line in timeline_lines(app))
        await pilot.press("escape")
        await settle(pilot)
        assert status(app).startswith(" 6 of 8")
        assert highlighted(app) == "2024-06-19-pyongyang-summit"


async def test_filter_by_side_years_and_person(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("backslash")
        await settle(pilot)
        app.screen.query_one("#side", Select).value = "RU"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "of 2 matching" in status(app)
        await pilot.press("backslash")
        await settle(pilot)
        app.screen.query_one("#side", Select).value = Select.NULL
        app.screen.query_one("#year-from", Input).value = "2015"
        app.screen.query_one("#year-to", Input).value = "2022"
        app.screen.query_one("#person", Input).focus()
        await pilot.press(*"リ・ヨンギル", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "of 2 matching" in status(app)
        assert "person: Ri Yong Gil" in status(app)  # by name, not by the store's id
        await pilot.press("backslash")
        await settle(pilot)
        # Reopened, the form shows the person by name; applied as it is, the same person.
        assert app.screen.query_one("#person", Input).value == "Ri Yong Gil"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "of 2 matching" in status(app) and "person: Ri Yong Gil" in status(app)
        await pilot.press("backslash")
        await settle(pilot)
        app.screen.query_one("#year-from", Input).value = "20x"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        assert "not a date" in str(app.screen.query_one("#filter-error").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "of 2 matching" in status(app)


async def test_go_to_date(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for typed, expected in [("2022", "2022-02-talks"), ("2022-04", "2022-04-24-statement"),
                                ("2019-04-25", SUMMIT), ("2020", SUMMIT),
                                ("2023-12", "2024-06-19-pyongyang-summit"),
                                ("1900", "1961-07-treaty")]:
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert app.main.goto_bar.is_open and app.focused is app.main.goto_bar.input
            assert "Go to date:" in status_row(app)  # the bar takes the status line's place
            await pilot.press(*typed, "enter")
            await settle(pilot)
            assert not app.main.goto_bar.is_open
            assert isinstance(app.focused, Timeline)
            assert highlighted(app) == expected, typed
        await pilot.press("ctrl+g", *"20x", "enter")
        await settle(pilot)
        assert app.main.goto_bar.is_open  # stays open, with the reason
        assert "not a date" in app.main.goto_bar.error
        await pilot.press("escape")
        await settle(pilot)
        assert not app.main.goto_bar.is_open and isinstance(app.focused, Timeline)
        assert "of" in status_row(app)  # the status line is back


def status_row(app: KTimelineApp) -> str:
    """The screen's last line but one: the status line, or the go-to bar in its place."""
    return screen_lines(app)[-2]


async def test_help_lists_every_binding(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            shown = str(app.screen.query_one("#help-text").render())
            lines = [line.strip() for line in shown.splitlines()]
            for _section, rows in help_sections():
                for row in rows:
                    keys = keys_display(app, row)
                    assert any(line.startswith(keys)
                               and line.endswith(text.ui(row.description, "en"))
                               for line in lines), row
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)


async def test_help_covers_the_real_bindings(tiny_db: Path) -> None:
    """Every binding the running app answers to on the main screen is in the help."""
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        def bare(action: str) -> str:
            return action.rpartition(".")[2]

        documented = {(key, bare(row.action)) for _s, rows in help_sections() for row in rows
                      for key in row.keys}
        def live() -> set[tuple[str, str]]:
            # Textual's sideways scrolling (nothing here is wider than its pane) and its ctrl+c
            # hint (the screen's copy answers ctrl+c) are left out of the help on purpose.
            return {(key, bare(a.binding.action)) for key, a in app.active_bindings.items()
                    if bare(a.binding.action) not in HIDDEN_ACTIONS}

        assert live() <= documented
        await pilot.press("j", "j", "enter")  # focus the people present
        await settle(pilot)
        assert live() <= documented
        app.open_person("ri-yong-gil")
        await settle(pilot)
        assert live() <= documented


async def test_command_palette_jumps_to_person_and_event(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Ri Yong Gil")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == "ri-yong-gil"
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        await pilot.press(*"Ryabkov")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert highlighted(app) == "2024-06-ryabkov"
        assert isinstance(app.focused, Timeline)


async def test_click_a_participant_opens_the_person(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        detail = app.main.detail
        # The first person's block, below the event's header and the border.
        line = detail.first_line_of(0) + detail.styles.gutter.top
        await pilot.click(EventDetail, offset=(10, line))
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == "kim-jong-un"


async def test_sources_disagree_section(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_person("ri-yong-gil")
        await settle(pilot)
        text = person_text(app)
        assert "Sources disagree" in text
        assert "born  1955 (preferred, TASS 2019-04-25) / 1952 (Yahoo!ニュース 2022-04-24)" in text
        assert "Two encyclopedias disagree." in text


async def test_person_in_japanese(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_person("vladimir-putin")
        await settle(pilot)
        text = person_text(app)
        assert text.startswith("プーチン  Vladimir Putin")
        assert "Владимир Путин" in text and "キリル文字" in text
        assert "ロシア大統領" in text


async def test_theme_change_keeps_rendering(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for theme in ("textual-light", "nord", "textual-dark"):
            app.theme = theme
            await settle(pilot)
            assert any("1961-07" in line for line in timeline_lines(app))
            assert highlighted(app) == "1961-07-treaty"


async def test_typing_q_or_L_in_a_box_types(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q", "L", "n", "question_mark")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "qLn?"
        assert app.lang == "en"
        await pilot.press("escape", "ctrl+g", "q")
        await settle(pilot)
        assert app.main.goto_bar.is_open and app.main.goto_bar.input.value == "q"


async def test_command_palette_ranks_people_first(tiny_db: Path) -> None:
    from textual.command import CommandList

    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"putin")
        await pilot.pause(0.8)
        await settle(pilot)
        hits = app.screen.query_one(CommandList)
        assert str(hits.get_option_at_index(0).prompt).startswith("Person: Vladimir Putin")
        assert any(str(hits.get_option_at_index(i).prompt).startswith("Event: ")
                   for i in range(hits.option_count))


async def test_filter_refuses_a_name_two_people_share(tmp_path: Path) -> None:
    from ktimeline.store.build import build

    tiny = Path(__file__).parent / "curated" / "tiny.toml"

    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "tiny.toml").write_text(tiny.read_text("utf-8"), "utf-8")
    (curated / "namesake.toml").write_text(
        '[[person]]\nid = "kim-jong-un-namesake"\ncountry = "KP"\nsources = ["src-a"]\n'
        'not_same_as = ["kim-jong-un"]\nnames = [{ text = "Kim Jong Un", script = "latin", '
        'lang = "en", scheme = "dprk", preferred = true }]\n', "utf-8")
    build(curated, tmp_path / "events.db", tmp_path)
    app = make_app(tmp_path / "events.db", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("backslash")
        await settle(pilot)
        app.screen.query_one("#person", Input).focus()
        await pilot.press(*"Kim Jong Un", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        error = str(app.screen.query_one("#filter-error").render())
        assert "more than one person" in error
        assert "kim-jong-un" in error and "kim-jong-un-namesake" in error


async def test_search_lists_fifty_events_and_counts_them_all(big_db: Path) -> None:
    from ktimeline.tui.screens.search import EVENTS_LISTED

    app = make_app(big_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"generated")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one("#results", ResultList)
        assert results.option_count == EVENTS_LISTED
        # The full count follows the first results.
        assert "1200 events" in str(screen.query_one("#search-summary").render())
        await pilot.press("escape")
        await settle(pilot)
        assert "search: generated (1200 events" in status(app)


async def test_the_status_line_shows_a_search_as_typed_even_with_brackets(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"[bold]x[/]", "escape")
        await settle(pilot)
        assert "search: [bold]x[/] (0 events)" in status(app)


async def test_the_search_summary_counts_in_the_singular_too(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for query, expected in [("Putin", "1 person · 2 events"),
                                ("Ryabkov", "0 people · 1 event")]:
            await pilot.press("slash", *query)
            await settle(pilot)
            assert str(app.screen.query_one("#search-summary").render()) == expected
            await pilot.press("escape", "escape")
            await settle(pilot)


async def test_help_explains_the_date_notation_in_both_languages(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        shown = str(app.screen.query_one("#help-text").render())
        assert "possibly X" in shown
        assert "in post by then, start not known" in shown
        # Each meaning sits on its own indented line, so none overflows 80 columns.
        legend = [line for line in shown.split('Reading dates and "possibly"')[1].splitlines()
                  if line.startswith("  ")]
        assert len(legend) == 12 and all(len(line) <= 76 for line in legend)
        await pilot.press("escape", "L", "question_mark")
        await settle(pilot)
        shown = str(app.screen.query_one("#help-text").render())
        assert "X(可能性あり)" in shown
