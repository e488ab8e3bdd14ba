"""Every stored note, conflict and source reaches the screen, by real keys."""

from __future__ import annotations

from pathlib import Path

from helpers import detail, highlighted, person_text, screen_lines, settle

from ktimeline.tui.app import make_app

SUMMIT = "2019-04-25-vladivostok-summit"


async def test_event_detail_shows_conflicts_notes_and_sources_of_each_line(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        assert highlighted(app) == SUMMIT
        shown = detail(app)
        # The conflict recorded on the event: both claims, the preferred one, the reason.
        assert "Sources disagree" in shown
        assert "date: 2019-04-25 (preferred, TASS 2019-04-25)" in shown
        assert "2019-04-24 (Yahoo!ニュース 2022-04-24, the arrival date)" in shown
        assert "why: Kim arrived on the 24th; the talks were held on the 25th." in shown
        # Ri's attendance: its note, and the sources of the attendance, the rank and the post.
        assert "note: Seen behind Kim at the talks." in shown
        assert "sources: TASS 2019-04-25 p3 (present); Yahoo!ニュース 2022-04-24 (General); " \
               "Yahoo!ニュース 2022-04-24 p7 (Chief of the KPA General Staff)" in shown
        painted = "\n".join(screen_lines(app))
        assert "Seen behind Kim at the talks." in painted
        assert "Kim arrived on the 24th" in painted


async def test_person_view_shows_post_notes_and_sources(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter", "down", "down", "enter")  # Ri Yong Gil
        await settle(pilot)
        shown = person_text(app)
        assert "note: Reappointed after two years away from the post (see conflict" in shown
        assert "sources: Yahoo!ニュース 2022-04-24 p7" in shown
        assert "born  1955 (preferred, TASS 2019-04-25) / 1952" in shown
        painted = "\n".join(screen_lines(app))
        assert "Reappointed after two years away" in painted


async def test_reasons_in_japanese(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        shown = detail(app)
        assert "日付: 2019-04-25 (採用、TASS 2019-04-25)" in shown
        assert "理由: Kim arrived" in shown
        assert "出典: TASS 2019-04-25 p3 (出席)" in shown


def test_profile_json_carries_post_notes(tiny_db: Path, capsys: object) -> None:
    import json

    import pytest

    from ktimeline.cli import main

    assert isinstance(capsys, pytest.CaptureFixture)
    assert main(["--db", str(tiny_db), "person", "ri-yong-gil", "--profile", "--json"]) == 0
    posts = json.loads(capsys.readouterr().out)["posts"]
    assert [p["note"] for p in posts] == [
        None, "Reappointed after two years away from the post (see conflict "
              "ri-yong-gil-2014-post).", None]


async def test_ids_in_claims_read_as_names_and_titles(tiny_db: Path) -> None:
    """Curators write ids in claims (kp-cgs); users read the post's title, in their language."""
    for lang, expected in (("en", "Chief of the KPA General Staff in 2014"),
                           ("ja", "朝鮮人民軍総参謀長 in 2014")):
        app = make_app(tiny_db, lang=lang)
        async with app.run_test(size=(120, 60)) as pilot:
            await settle(pilot)
            app.open_person("ri-yong-gil")
            await settle(pilot)
            shown = person_text(app)
            assert expected in shown
            assert "kp-cgs" not in shown and "kp-mnd-minister" not in shown
            assert "ri-yong-gil-2014-post" not in shown
            assert ("see conflict “Sources disagree: post”" in shown if lang == "en"
                    else "see conflict “出典間の相違: 役職”" in shown)


def test_long_source_lines_wrap_and_are_never_cut() -> None:
    from ktimeline.tui.widgets.detail import render_detail

    sources = [{"publisher": f"デイリーNKジャパン{n}", "published": "2021-01-11", "locator": None}
               for n in range(6)]
    post = {"title_en": "General Secretary of the Workers' Party of Korea", "title_ja": "総書記",
            "certainty": "certain", "sources": sources}
    event = {"id": "e", "date": "2024-06-19", "end_date": None, "kind": "treaty",
             "title_en": "T", "title_ja": "T", "place_en": None, "place_ja": None,
             "summary_en": "", "summary_ja": "", "note": None, "sources": [],
             "participants": [{"person_id": "p", "name_en": "Kim", "name_ja": "金", "side": "KP",
                               "role": None, "posts": [post], "ranks": [], "sources": sources,
                               "printed_title": None, "disputed": False, "note": None}]}
    for width in (40, 60, 84):
        lines = [strip.text for strip in render_detail(event, "en", width).strips]
        assert not any("…" in line for line in lines), width
        assert sum(line.count("デイリーNKジャパン") for line in lines) == 6


def test_long_lines_in_the_person_view_wrap_and_are_never_cut() -> None:
    from rich.console import Console

    from ktimeline.tui.screens.person import career_rows, section

    publisher = "imag.one (news aggregator, profile copied from Russian Wikipedia)"
    sources = [{"publisher": f"{publisher} {n}",
                "published": "2022-02..2026", "locator": None, "status": "lead"}
               for n in range(3)]
    post = {"title_en": "Minister of Defence", "title_ja": "国防相", "start": "2012-11-06",
            "end": "2024-05-12..2024-05-14", "note": "Moved to the Security Council on 12 May "
            "2024 and replaced by Belousov, appointed on 14 May.", "sources": sources}
    profile = {"posts": [post], "ranks": []}
    for lang in ("en", "ja"):
        for width in range(60, 121):
            console = Console(width=width, force_terminal=False)
            with console.capture() as captured:
                console.print(section("Career", career_rows(profile, lang), lang))
            shown = captured.get()
            assert "…" not in shown, (lang, width)
            assert shown.count("(参考情報)" if lang == "ja" else "(lead)") == 3
