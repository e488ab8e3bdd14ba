"""Japanese mode, screen by screen: every string the user sees comes from the bilingual table."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import person_text, screen_lines, settle, status
from textual.pilot import Pilot

from ktimeline.tui import text
from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.screens.help import help_sections

# English words of the interface (never of the data: names and sources are shown as written).
ENGLISH_UI = re.compile(
    r"\b(\d+ of \d+|matching|search|filter|Open|Help|Quit|Search|Filter|Go to date|born|until|"
    r"Sources|sources|note|present|preferred|possibly|printed|disputed|Names|Career|Meetings|"
    r"Kind|Side|From year|To year|Person|Apply|Clear|any kind|any side|accompanying|host|"
    r"visiting leader|Mouse|Everywhere|Timeline|Back|Next|Previous|Commands|Terminal)\b")


def english_in(lines: list[str]) -> list[str]:
    return [line for line in lines if ENGLISH_UI.search(line)]


async def japanese_app(pilot: Pilot[None]) -> KTimelineApp:
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, KTimelineApp)
    return app


async def test_main_detail_status_and_keys_in_japanese(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(160, 50)) as pilot:
        await japanese_app(pilot)
        await pilot.press("j", "j")  # the summit: roles, notes' labels, a conflict
        await settle(pilot)
        lines = screen_lines(app)
        # The data's own English (a note, a reason) is shown as the curators wrote it.
        shown = [line for line in lines if "Kim arrived" not in line
                 and "Seen behind" not in line and "the arrival date" not in line
                 and "Putin arrives" not in line and "example.org" not in line]
        assert english_in(shown) == []
        assert "随行" in "\n".join(lines)  # "accompanying"
        assert status(app).startswith(" 3 / 8件")


async def test_help_filter_search_and_person_in_japanese(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(160, 50)) as pilot:
        await japanese_app(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_lines = screen_lines(app)
        assert english_in(help_lines) == []
        assert any("全画面共通" in line for line in help_lines)
        await pilot.press("escape", "backslash")
        await settle(pilot)
        assert english_in(screen_lines(app)) == []
        await pilot.press("escape", "slash")
        await settle(pilot)
        assert any("人物と出来事を検索" in line for line in screen_lines(app))
        await pilot.press(*"ri yong gil")
        await settle(pilot)
        results = "\n".join(screen_lines(app))
        assert "北朝鮮" in results and "生 1952..1955" in results
        await pilot.press("enter")
        await settle(pilot)
        shown = person_text(app)
        assert "生 1952..1955" in shown
        assert "born" not in shown and "preferred" not in shown


async def test_notices_and_status_in_japanese(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(160, 50)) as pilot:
        await japanese_app(pilot)
        await pilot.press("n")
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        assert notices == [text.ui("no_search", "ja")]


def test_every_key_and_section_has_japanese() -> None:
    for section, rows in help_sections():
        assert text.ui(section, "ja") != section
        for row in rows:
            assert row.description in text.UI, row.description


def test_dates_and_term_ends_read_in_japanese() -> None:
    from ktimeline.spans import end_phrase
    from ktimeline.tui.screens.person import career_rows

    assert text.shown_date("..2014-12-31", "ja") == "2014-12-31以前"
    assert text.shown_date("..2014-12-31", "en") == "by 2014-12-31"
    assert text.shown_date("2014..", "ja") == "2014以降"
    assert text.shown_date("2022-04..2022-04-24", "ja") == "2022-04 (04-24まで)"
    assert text.short_date("..2014-12-31", lang="ja") == "2014-12-31以前"
    # A term's end, in ktimeline.spans's wording (one source for the CLI and the explorer):
    # an end known only to fall after a date is "in post on …; end not known", never "until from".
    assert end_phrase("2014-01-01..", "en") == "in post on 2014-01-01; end not known"
    assert end_phrase("2014-01-01..", "ja") == "2014-01-01時点で在任、退任時期不明"
    assert end_phrase(None, "ja") == "最新の出典時点で在任"
    assert end_phrase("2019-12", "en") == "until 2019-12"
    # The person view's career reads it in the chosen language.
    post = {"title_en": "Minister", "title_ja": "大臣", "start": "..2010-05",
            "end": "2014-01-01..", "note": None, "sources": []}
    profile = {"posts": [post], "ranks": []}
    (date_ja, line_ja), = career_rows(profile, "ja")
    assert date_ja == "2010-05以前"
    assert line_ja.plain == ("大臣  (2010-05時点で在任(就任時期不明)、"
                             "2014-01-01時点で在任、退任時期不明)")
    (date_en, line_en), = career_rows(profile, "en")
    assert date_en == "by 2010-05"
    assert line_en.plain == ("Minister  (in post by 2010-05 (start not known); "
                             "in post on 2014-01-01; end not known)")
    assert "until from" not in line_en.plain
