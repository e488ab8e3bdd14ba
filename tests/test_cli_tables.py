"""The CLI as a user meets it: tables fitted to the terminal, kinds, ids, and where build wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ktimeline.textout import fit, table, width
from tests.conftest import CuratedDir, Result


@pytest.fixture
def cli(store_path: Path, run_cli: Callable[..., Result]) -> Callable[..., Result]:
    return lambda *args: run_cli("--db", str(store_path), *args)


def test_a_cut_ends_in_an_ellipsis_at_a_cell_boundary() -> None:
    assert fit("Vladivostok", 6) == "Vladi…"
    assert fit("金正恩・プーチン", 6) == "金正… "  # a double-width character is never split
    assert width(fit("金正恩・プーチン", 6)) == 6
    assert fit("short", 8) == "short   "


def test_tables_fit_the_width_and_keep_double_width_text_aligned() -> None:
    rows = [["DATE", "TITLE", "PLACE"], ["2019", "金正恩・プーチン初の首脳会談", "ウラジオストク"],
            ["2024", "Putin visits Pyongyang for a summit", "Pyongyang"]]
    lines = table(rows, flexible=(1, 2), columns=40).splitlines()
    assert max(width(line) for line in lines) <= 40
    starts = {width(line[:line.index(place)]) for line, place in
              zip(lines, ["PLACE", "ウラジ", "Pyong"], strict=True)}
    assert len(starts) == 1  # the place column starts at the same cell on every line
    assert "…" in lines[1] and "…" in lines[2]
    assert table(rows, flexible=(1, 2), columns=None).count("…") == 0  # piped: whole


def test_events_use_the_terminal_width(cli: Callable[..., Result],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    out = cli("events").out
    assert max(width(line) for line in out.splitlines()) <= 50
    monkeypatch.setenv("COLUMNS", "200")
    assert "…" not in cli("events").out


def test_events_list_ids_on_request(cli: Callable[..., Result]) -> None:
    out = cli("events", "--ids").out.splitlines()
    assert out[0].split()[:2] == ["ID", "DATE"]
    assert out[1].startswith("2014-visit ")


def test_an_unknown_kind_is_an_error_that_lists_the_kinds(cli: Callable[..., Result]) -> None:
    result = cli("events", "--kind", "summits")
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert "unknown kind 'summits'" in result.err and "summit, visit, talks" in result.err
    assert "parliamentary" in result.err


def test_the_explorer_name_of_a_kind_works_too(cli: Callable[..., Result]) -> None:
    assert cli("events", "--kind", "parliament").code == 0
    assert cli("events", "--kind", "parliamentary").code == 0


def test_help_lists_the_kinds(run_cli: Callable[..., Result]) -> None:
    out = run_cli("events", "--help").out
    assert "summit" in out and "parliamentary" in out and "--ids" in out


def test_an_unknown_id_suggests_the_nearest(cli: Callable[..., Result]) -> None:
    result = cli("event", "2019-04-25-sumit")
    assert result.code == 2
    assert "did you mean 2019-04-25-summit?" in result.err


def test_build_says_where_it_wrote_and_how_to_open_it(tmp_path: Path, curated: CuratedDir,
                                                      run_cli: Callable[..., Result]) -> None:
    target = tmp_path / "out" / "events.db"
    target.parent.mkdir()
    result = run_cli("build", "--source", str(curated.path), "--out", str(target))
    assert result.code == 0, result.err
    assert f"built {target.resolve()}:" in result.out
    assert f"open it with: ktimeline --db {target.resolve()}" in result.out


def test_a_person_search_lists_the_events_they_attended(cli: Callable[..., Result]) -> None:
    import json

    payload = json.loads(cli("search", "Ri Yong Gil", "--json").out)
    assert [e["id"] for e in payload["events"]] == ["2014-visit", "2019-04-25-summit"]


def test_weak_name_matches_are_set_apart() -> None:
    from ktimeline.textout import matches

    payload = {"query": "ri myong su", "matches": [
        {"person_id": "ri-myong-su", "score": 100.0, "name_en": "Ri Myong Su", "name_ja": "李明秀",
         "description": "KP"},
        {"person_id": "ri-yong-gil", "score": 68.4, "name_en": "Ri Yong Gil", "name_ja": "李永吉",
         "description": "KP"}]}
    lines = matches(payload).splitlines()
    assert lines[1].startswith("ri-myong-su")
    assert lines[2].startswith("weak matches")
    assert lines[3].startswith("ri-yong-gil") and " 68?" in lines[3]
