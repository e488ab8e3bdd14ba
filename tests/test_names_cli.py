"""`ktimeline person` and `ktimeline search` over a small store built from curated files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ktimeline.cli import main
from ktimeline.store.build import build
from ktimeline.store.queries import Store

CURATED = """
[[source]]
id = "test-source"
publisher = "Test"
title = "A test source"
published = "2024-01-01"
lang = "en"
kind = "press"

[[organisation]]
id = "kp-kpa"
name_en = "Korean People's Army"
country = "KP"

[[organisation]]
id = "kp-mnd"
name_en = "Ministry of National Defence"
country = "KP"

[[post]]
id = "kp-chief"
organisation = "kp-kpa"
title_en = "Chief of the General Staff"

[[post]]
id = "kp-minister"
organisation = "kp-mnd"
title_en = "Minister of National Defence"

[[person]]
id = "ri-yong-gil"
country = "KP"
born = "1955"
sources = ["test-source"]
names = [
  { text = "李永吉", script = "kanji", lang = "ja", preferred = true },
  { text = "リ・ヨンギル", script = "katakana", lang = "ja" },
  { text = "리영길", script = "hangul", lang = "ko", preferred = true },
  { text = "Ri Yong Gil", script = "latin", lang = "en", scheme = "dprk", preferred = true },
]
[[person.posts]]
post = "kp-minister"
start = "2021-09-29"
end = "2022-12-31"
sources = ["test-source"]

[[person]]
id = "ri-yong-il"
country = "KP"
sources = ["test-source"]
names = [
  { text = "리영일", script = "hangul", lang = "ko", preferred = true },
  { text = "Ri Yong Il", script = "latin", lang = "en", scheme = "dprk", preferred = true },
]

[[person]]
id = "kim-jong-gyu-army"
country = "KP"
born = "1950"
sources = ["test-source"]
not_same_as = ["kim-jong-gyu-ministry"]
names = [
  { text = "キム・ジョンギュ", script = "katakana", lang = "ja", preferred = true },
  { text = "Kim Jong Gyu", script = "latin", lang = "en", scheme = "dprk", preferred = true },
]
[[person.posts]]
post = "kp-chief"
start = "2010"
end = "2012"
sources = ["test-source"]

[[person]]
id = "kim-jong-gyu-ministry"
country = "KP"
born = "1968"
sources = ["test-source"]
not_same_as = ["kim-jong-gyu-army"]
names = [
  { text = "キム・ジョンギュ", script = "katakana", lang = "ja", preferred = true },
  { text = "Kim Jong Gyu", script = "latin", lang = "en", scheme = "dprk", preferred = true },
]
[[person.posts]]
post = "kp-minister"
start = "2019-04"
end = "2019-09"
sources = ["test-source"]

[[person]]
id = "vladimir-putin"
country = "RU"
sources = ["test-source"]
names = [
  { text = "プーチン", script = "katakana", lang = "ja", preferred = true },
  { text = "Путин", script = "cyrillic", lang = "ru", preferred = true },
  { text = "Vladimir Putin", script = "latin", lang = "en", scheme = "english", preferred = true },
]
"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names-store")
    curated = root / "curated"
    curated.mkdir()
    (curated / "people.toml").write_text(CURATED, encoding="utf-8")
    target = root / "events.db"
    build(curated, target, root)
    return target


def run(store_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["--db", str(store_path), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("query", [
    "ri yongiru", "Ri Yong Gil", "ri yong-gil", "Lee Yong-gil", "리영길", "李永吉", "リヨンギル",
    "riyonggil",
])
def test_person_json_finds_ri_yong_gil_first(
        store_path: Path, capsys: pytest.CaptureFixture[str], query: str) -> None:
    status, out, err = run(store_path, capsys, "person", query, "--json")
    assert status == 0, err
    payload = json.loads(out)
    assert payload["query"] == query
    first = payload["matches"][0]
    assert first["person_id"] == "ri-yong-gil"
    assert set(first) >= {"person_id", "name_en", "name_ja", "names", "score", "description",
                          "matched"}
    assert all(set(name) >= {"text", "script", "lang", "scheme"} for name in first["names"])
    assert isinstance(first["score"], float)


@pytest.mark.parametrize("query", ["Putin", "プーチン", "Путин"])
def test_russians_by_any_script(
        store_path: Path, capsys: pytest.CaptureFixture[str], query: str) -> None:
    _, out, _ = run(store_path, capsys, "person", query, "--json")
    assert json.loads(out)["matches"][0]["person_id"] == "vladimir-putin"


def test_shared_spelling_returns_both_with_telling_descriptions(
        store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(store_path, capsys, "person", "Kim Jong-gyu", "--json")
    matches = json.loads(out)["matches"]
    assert {m["person_id"] for m in matches[:2]} == {"kim-jong-gyu-army", "kim-jong-gyu-ministry"}
    assert matches[0]["score"] == matches[1]["score"]
    descriptions = {m["person_id"]: m["description"] for m in matches[:2]}
    assert descriptions["kim-jong-gyu-army"] == (
        "KP, b. 1950, Chief of the General Staff (2010–2012)")
    assert descriptions["kim-jong-gyu-ministry"] == (
        "KP, b. 1968, Minister of National Defence (2019)")


def test_shared_spelling_is_not_resolved_silently(
        store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(store_path, capsys, "person", "Kim Jong Gyu", "--profile", "--json")
    assert status == 2
    assert "kim-jong-gyu-army" in err and "kim-jong-gyu-ministry" in err
    assert "Traceback" not in err


def test_search_json_carries_people_and_events(
        store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(store_path, capsys, "search", "ri yongiru", "--json")
    assert status == 0, err
    payload = json.loads(out)
    assert payload["query"] == "ri yongiru"
    assert payload["matches"][0]["person_id"] == "ri-yong-gil"
    assert payload["events"] == []


def test_stdin_answers_one_line_per_query(
        store_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    queries = ["ri yongiru", "", "Путин", "'; drop table names; --", "Kim"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(queries) + "\n"))
    status, out, err = run(store_path, capsys, "person", "--stdin", "--json")
    assert status == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == queries
    assert lines[0]["matches"][0]["person_id"] == "ri-yong-gil"
    assert lines[1]["matches"] == []
    assert lines[2]["matches"][0]["person_id"] == "vladimir-putin"
    assert lines[3]["matches"] == []
    assert {m["person_id"] for m in lines[4]["matches"]} == {
        "kim-jong-gyu-army", "kim-jong-gyu-ministry"}


def test_a_repeated_name_gets_the_same_answer_read_once(
        store_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ktimeline.cli import lookup

    queries = ["ri yongiru", "Путин", "ri yongiru", "ri yongiru", "Kim"]
    asked: list[str] = []
    original = lookup.person_matches

    def counting(store, query):  # type: ignore[no-untyped-def]
        asked.append(query)
        return original(store, query)

    monkeypatch.setattr(lookup, "person_matches", counting)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(queries) + "\n"))
    status, out, err = run(store_path, capsys, "person", "--stdin", "--json")
    assert status == 0, err
    lines = out.splitlines()
    assert [json.loads(line)["query"] for line in lines] == queries
    assert lines[0] == lines[2] == lines[3]
    assert asked == ["ri yongiru", "Путин", "Kim"]


BAD_INPUT = ["", "   ", "x", "李", "a" * 10_000, "\x00\x1b[31m", "😀🇰🇵", "שלום עליכם",
             "e\u0301\u0301\u0301", '"', "*", "AND", "NEAR(", "'; drop table people; --",
             "\udcffkim", "name\u202eevil", "\u200b"]  # \udcff: how argv carries a bad byte


@pytest.mark.parametrize("query", BAD_INPUT)
def test_bad_input_never_crashes(
        store_path: Path, capsys: pytest.CaptureFixture[str], query: str) -> None:
    for command in ("person", "search"):
        status, out, err = run(store_path, capsys, command, query, "--json")
        assert status == 0, err
        assert "Traceback" not in err
        assert isinstance(json.loads(out)["matches"], list)


def test_index_is_built_once_per_store(store_path: Path) -> None:
    store = Store.open(store_path)
    try:
        assert store.people.name_index() is store.people.name_index()
    finally:
        store.close()
