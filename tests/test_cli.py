"""The CLI's JSON shapes (a public interface), readable output, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CuratedDir, Result

EVENT_KEYS = {"id", "date", "end_date", "kind", "title_en", "title_ja", "place_en", "place_ja",
              "participants", "sources"}
PARTICIPANT_KEYS = {"person_id", "name_en", "name_ja", "side", "post_en", "post_ja", "rank_en",
                    "rank_ja"}
SOURCE_KEYS = {"publisher", "title", "published", "url"}


@pytest.fixture
def cli(store_path: Path, run_cli: Callable[..., Result]) -> Callable[..., Result]:
    return lambda *args: run_cli("--db", str(store_path), *args)


def as_json(result: Result) -> object:
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_events_json_shape_and_order(cli: Callable[..., Result]) -> None:
    events = as_json(cli("events", "--json"))
    assert isinstance(events, list)
    assert [e["id"] for e in events] == ["2014-visit", "2019-04-25-summit"]
    for event in events:
        assert set(event) >= EVENT_KEYS
        for person in event["participants"]:
            assert set(person) >= PARTICIPANT_KEYS
        for source in event["sources"]:
            assert set(source) >= SOURCE_KEYS
    summit = events[1]
    assert summit["date"] == "2019-04-25" and summit["end_date"] == "2019-04-26"
    assert summit["place_en"] == "Vladivostok" and summit["place_ja"] == "ウラジオストク"
    ri = summit["participants"][1]
    assert (ri["person_id"], ri["name_en"], ri["name_ja"], ri["side"]) == (
        "ri-yong-gil", "Ri Yong Gil", "李永吉", "KP")
    assert (ri["post_en"], ri["rank_en"], ri["rank_ja"]) == ("Chief of Staff", "General", "大将")
    assert summit["sources"][0]["publisher"] == "Test Agency"
    assert events[0]["date"] == "2014"  # stored precision, not a made-up day


def test_unknown_post_and_rank_are_null(cli: Callable[..., Result]) -> None:
    putin = as_json(cli("events", "--json"))[1]["participants"][0]  # type: ignore[index]
    assert putin["rank_en"] is None and putin["rank_ja"] is None


@pytest.mark.parametrize(
    ("args", "ids"),
    [(["--from", "2015"], ["2019-04-25-summit"]), (["--to", "2014-06"], ["2014-visit"]),
     (["--kind", "summit"], ["2019-04-25-summit"]), (["--person", "putin"], ["2019-04-25-summit"]),
     (["--person", "Ri Yong Gil"], ["2014-visit", "2019-04-25-summit"]),
     (["--from", "2020"], [])],
)
def test_event_filters(cli: Callable[..., Result], args: list[str], ids: list[str]) -> None:
    assert [e["id"] for e in as_json(cli("events", *args, "--json"))] == ids  # type: ignore[union-attr]


def test_event_json_adds_summaries(cli: Callable[..., Result]) -> None:
    event = as_json(cli("event", "2019-04-25-summit", "--json"))
    assert isinstance(event, dict)
    assert EVENT_KEYS | {"summary_en", "summary_ja"} <= set(event)
    assert event["summary_ja"] == "首脳が会う。"


def test_person_json_shape(cli: Callable[..., Result]) -> None:
    payload = as_json(cli("person", "Ri Yong Gil", "--json"))
    assert isinstance(payload, dict) and payload["query"] == "Ri Yong Gil"
    best = payload["matches"][0]
    assert {"person_id", "name_en", "name_ja", "names", "score"} <= set(best)
    assert best["person_id"] == "ri-yong-gil"
    assert {"text": "리영길", "script": "hangul", "lang": "ko", "scheme": None} in best["names"]


def test_person_by_id(cli: Callable[..., Result]) -> None:
    payload = as_json(cli("person", "putin", "--json"))
    assert payload["matches"][0]["person_id"] == "putin"  # type: ignore[index]


def test_profile_json_shape(cli: Callable[..., Result]) -> None:
    profile = as_json(cli("person", "ri-yong-gil", "--profile", "--json"))
    assert isinstance(profile, dict)
    assert {"names", "posts", "ranks", "events"} <= set(profile)
    assert [(r["title_en"], r["change"], r["start"], r["end"]) for r in profile["ranks"]] == [
        ("General", "promotion", "2013-08", "2016"),
        ("Colonel General", "demotion", "2016", "2018-07-27"),
        ("General", "restoration", "2018-07-27", "2022-04..2022-04-24"),
        ("Vice Marshal", "promotion", "2022-04..2022-04-24", None),
    ]
    assert {"title_en", "title_ja", "start", "end"} <= set(profile["posts"][0])
    assert profile["events"] == ["2014-visit", "2019-04-25-summit"]
    assert profile["conflicts"][0]["claims"][0] | {"sources": []} == {
        "value": "1955", "preferred": True, "note": None, "sources": []}


@pytest.mark.parametrize(
    ("day", "post", "rank", "certainty"),
    [("2019-04-25", "Chief of Staff", "General", "certain"),
     ("2022-04-24", "Minister of Defence", "Vice Marshal", "certain"),
     ("2017-06", "Chief of Staff", "Colonel General", "possible")],
)
def test_asof_json(cli: Callable[..., Result], day: str, post: str, rank: str,
                   certainty: str) -> None:
    payload = as_json(cli("asof", "ri-yong-gil", day, "--json"))
    assert isinstance(payload, dict)
    assert set(payload) == {"person_id", "date", "posts", "ranks"}
    assert payload["date"] == day
    assert payload["posts"][0]["title_en"] == post
    assert payload["ranks"][0]["title_en"] == rank
    assert payload["posts"][0]["certainty"] == certainty


def test_search_json_has_people_and_events(cli: Callable[..., Result]) -> None:
    payload = as_json(cli("search", "首脳", "--json"))
    assert isinstance(payload, dict)
    assert [e["id"] for e in payload["events"]] == ["2019-04-25-summit"]


def test_person_stdin_answers_each_line_in_order(store_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ktimeline", "--db", str(store_path), "person", "--stdin",
         "--json"], input="Ri Yong Gil\n\nプーチン\n", capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["Ri Yong Gil", "", "プーチン"]
    assert lines[0]["matches"][0]["person_id"] == "ri-yong-gil"
    assert lines[1]["matches"] == []
    assert lines[2]["matches"][0]["person_id"] == "putin"


def test_readable_output_aligns_cjk(cli: Callable[..., Result]) -> None:
    result = cli("event", "2019-04-25-summit")
    assert result.code == 0
    assert "Ri Yong Gil (李永吉)" in result.out and "General, Chief of Staff" in result.out
    timeline = cli("events")
    assert timeline.out.splitlines()[0].startswith("DATE")
    assert "2014 " in timeline.out


@pytest.mark.parametrize(
    ("args", "words"),
    [(["event", "no-such-event"], "no event with id 'no-such-event'"),
     (["person", "nobody-at-all", "--profile"], "no person matches"),
     (["asof", "ri-yong-gil", "2022-02-30"], "day out of range"),
     (["asof", "ri-yong-gil", "yesterday"], "not a date"),
     (["events", "--from", "2022-13"], "--from: month out of range"),
     (["events", "--bogus"], "unrecognized arguments"),
     (["frobnicate"], "invalid choice"),
     (["person"], "give a QUERY or --stdin")],
)
def test_bad_input_is_one_line_and_exit_2(cli: Callable[..., Result], args: list[str],
                                          words: str) -> None:
    result = cli(*args)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.err
    assert "Traceback" not in result.err


def test_a_real_process_prints_no_traceback_for_a_missing_store(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "ktimeline", "--db", str(tmp_path / "x.db"),
                           "events"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == f"ktimeline: {tmp_path / 'x.db'}: no such file"


def test_check_and_build_commands(tmp_path: Path, run_cli: Callable[..., Result],
                                  curated: object) -> None:
    source = tmp_path / "curated"
    assert run_cli("check", "--source", str(source)).code == 0
    built = run_cli("build", "--source", str(source), "--out", str(tmp_path / "new.db"))
    assert built.code == 0 and (tmp_path / "new.db").is_file()
    (source / "base.toml").write_text("[[event]\n", encoding="utf-8")
    failed = run_cli("build", "--source", str(source), "--out", str(tmp_path / "new.db"))
    assert failed.code == 1 and "syntax" in failed.out and "left as it was" in failed.err
    missing = run_cli("check", "--source", str(tmp_path / "nowhere"))
    assert missing.code == 2 and "no such directory" in missing.err


@pytest.mark.parametrize(
    ("query", "ids"),
    [("首脳", ["2019-04-25-summit"]), ("テスト首脳", ["2019-04-25-summit"]),
     ("vladivostok", ["2019-04-25-summit"]), ("ウラジオ", ["2019-04-25-summit"]),
     ("visit", ["2014-visit"]), ("vi", ["2014-visit"]), ("ウ", ["2019-04-25-summit"]),
     ("年", ["2014-visit"]), ('NEAR(" AND *', []), ("AND", []), ('"', []), ("*", []),
     ("'; DROP TABLE events; --", []),
     ("%", []), ("_", []), ("\x00\x07", []), ("\udcff", [])],
)
def test_event_search_in_both_languages_and_hostile_text(cli: Callable[..., Result], query: str,
                                                         ids: list[str]) -> None:
    payload = as_json(cli("search", query, "--json"))
    assert [e["id"] for e in payload["events"]] == ids  # type: ignore[index]


def test_search_counts_are_capped(store_path: Path) -> None:
    from ktimeline.store.queries import Store

    store = Store.open(store_path)
    assert store.search.count("首脳") == 1
    assert store.search.count("s", cap=1) == 1
    assert store.search.count("   ") == 0


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_cjk_gets_escapes_not_a_traceback(
        store_path: Path, encoding: str) -> None:
    import os

    env = {**os.environ, "PYTHONIOENCODING": encoding}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ktimeline", "--db", str(store_path), *args],
                              capture_output=True, text=True, env=env, encoding=encoding,
                              check=False)

    readable = run("event", "2019-04-25-summit")
    assert readable.returncode == 0 and "Traceback" not in readable.stderr
    assert "\\u30c6\\u30b9\\u30c8" in readable.stdout  # テスト, escaped
    as_json = run("person", "プーチン", "--json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["matches"][0]["name_ja"] == "プーチン"
    refused = run("event", "no-such-プ")
    assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1


def test_one_tenure_written_as_overlapping_terms_is_refused(curated: CuratedDir, tmp_path: Path,
                                                            run_cli: Callable[..., Result]) -> None:
    """Overlapping terms of one post are one tenure written twice: the build says so, rather
    than showing fragments an analyst would take for separate tenures."""
    curated.append('[[career]]\nperson = "ri-yong-gil"\n[[career.posts]]\npost = "post-chief"\n'
                   'start = "..2019-04-25"\nend = "2019-04-25.."\nsources = ["src-b"]')
    result = run_cli("check", "--source", str(curated.path))
    assert result.code == 1
    assert "write one tenure as one term" in result.out


def test_plain_ktimeline_is_read_without_every_subcommand() -> None:
    """The explorer's own arguments (none, or --db) take the short way; anything else the
    whole grammar, with the same answers."""
    from ktimeline.cli.parser import parse

    assert parse([]).command is None and parse([]).db is None
    assert parse(["--db", "x.db"]).db == "x.db" and parse(["--db", "x.db"]).command is None
    assert parse(["--db=x.db"]).db == "x.db"
    full = parse(["--db", "x.db", "events", "--kind", "summit"])
    assert (full.command, full.db, full.kind) == ("events", "x.db", "summit")
