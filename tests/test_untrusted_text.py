"""Issue #18: text from a store, a curated file or the user never acts on the terminal.

Every CLI command prints a hostile store's escape sequences, C1 controls, bidi overrides and
markup as visible text; JSON escapes them; ``ktimeline check`` refuses them in curated files and
quotes them escaped in its own messages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ktimeline import safetext
from tests.conftest import CuratedDir, Result
from tests.hostile import EVIL_EVENT, PAYLOAD, poison, raw_controls


@pytest.fixture
def hostile(store_path: Path) -> Path:
    poison(store_path)
    return store_path


COMMANDS = [
    ["events"], ["event", "2019-04-25-summit"], ["event", EVIL_EVENT], ["timeline"], [],
    ["search", "Test"], ["person", "ri-yong-gil"],
    ["person", "ri-yong-gil", "--profile"], ["asof", "ri-yong-gil", "2019-04-25"],
    ["person", "Ri Yong Gil"], ["events", "--person", "ri-yong-gil"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:30] or "bare")
def test_readable_output_shows_controls_escaped(hostile: Path, run_cli: Callable[..., Result],
                                                args: list[str]) -> None:
    result = run_cli("--db", str(hostile), *args)
    assert result.code == 0, result.err
    assert raw_controls(result.out) == [] and raw_controls(result.err) == []
    if args[:1] != ["asof"]:
        assert "\\x1b]52;c;cm0gLXJmIH4K\\x07" in result.out  # shown, as git quotes a path
        assert "\\u202e" in result.out and "\\x9b2J" in result.out


@pytest.mark.parametrize("args", [a for a in COMMANDS if a and a[0] != "timeline"],
                         ids=lambda a: " ".join(a)[:30])
def test_json_escapes_c1_and_bidi_and_keeps_the_data(hostile: Path,
                                                     run_cli: Callable[..., Result],
                                                     args: list[str]) -> None:
    result = run_cli("--db", str(hostile), *args, "--json")
    assert result.code == 0, result.err
    assert raw_controls(result.out) == []
    assert any(text.endswith(PAYLOAD) for text in strings(json.loads(result.out)))


def strings(tree: object) -> list[str]:
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, dict):
        return [s for value in tree.values() for s in strings(value)]
    if isinstance(tree, list):
        return [s for value in tree for s in strings(value)]
    return []


def test_person_stdin_json_escapes_c1(hostile: Path, monkeypatch: pytest.MonkeyPatch,
                                      run_cli: Callable[..., Result]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Ri Yong Gil\n\x9b\u202e\n"))
    result = run_cli("--db", str(hostile), "person", "--stdin", "--json")
    assert result.code == 0 and raw_controls(result.out) == []
    assert [json.loads(line)["query"] for line in result.out.splitlines()] == [
        "Ri Yong Gil", "\x9b\u202e"]


def test_error_lines_show_the_users_controls_escaped(hostile: Path,
                                                     run_cli: Callable[..., Result]) -> None:
    result = run_cli("--db", str(hostile), "event", "\x1b]0;x\x07\x9b")
    assert result.code == 2 and raw_controls(result.err) == []
    assert "\\x1b]0;x\\x07\\x9b" in result.err


def test_check_refuses_controls_and_bidi_in_curated_text(curated: CuratedDir,
                                                         run_cli: Callable[..., Result]) -> None:
    curated.replace('title_en = "Test summit"',
                    'title_en = "\\u001b]52;c;cm0gLXJmIH4K\\u0007Test summit"')
    curated.replace('publisher = "Test Agency"', 'publisher = "Test \\u202eAgency"')
    curated.replace('summary_en = "Leaders meet."', 'summary_en = """Leaders\nmeet\\u009b."""')
    curated.append('[[place]]\nid = "p\\u001b[2J"\nname_en = "X"\n"key\\u001b]0;t\\u0007" = 1\n')
    result = run_cli("check", "--source", str(curated.path))
    assert result.code == 1
    assert raw_controls(result.out) == [] and raw_controls(result.err) == []
    lines = result.out.splitlines()
    problems = [line for line in lines if "control or bidi-override characters" in line]
    assert any("title_en" in p and "\\x1b" in p and "\\x07" in p for p in problems), lines
    assert any("publisher" in p and "\\u202e" in p for p in problems), lines
    assert any("summary_en" in p and "\\x9b" in p for p in problems), lines  # newline is fine
    assert not any("summary_en" in p and "\\n" in p for p in problems), lines
    assert any("'p\\x1b[2J'" in p for p in problems), lines
    assert any("key\\x1b]0;t\\x07: unknown field" in line for line in lines), lines


def test_build_refuses_what_check_refuses(curated: CuratedDir, tmp_path: Path,
                                          run_cli: Callable[..., Result]) -> None:
    curated.replace('title_en = "Test summit"', 'title_en = "Test\\u009d0;x\\u009csummit"')
    target = tmp_path / "out.db"
    result = run_cli("build", "--source", str(curated.path), "--out", str(target))
    assert result.code == 1 and not target.exists() and raw_controls(result.out) == []


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\x9b", "\u061c", "\u200e",
                                  "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u2028",
                                  "\ud800"])
def test_the_sanitiser_shows_every_unsafe_character(char: str) -> None:
    shown = safetext.visible(f"a{char}b")
    assert raw_controls(shown) == [] and shown.startswith("a\\") and shown.endswith("b")
    assert safetext.visible(shown) == shown  # idempotent: shown twice reads the same
    assert json.loads(safetext.json_text(char, ensure_ascii=False)) == char


def test_the_sanitiser_keeps_tab_and_newline_only_where_meant() -> None:
    assert safetext.visible("a\tb\nc") == "a\\tb\\nc"
    assert safetext.visible("a\tb\nc\x1b", multiline=True) == "a\tb\nc\\x1b"
    assert safetext.visible("李永吉 Путин 리영길 e\u0301") == "李永吉 Путин 리영길 e\u0301"


def test_json_the_build_wrote_is_printed_escaped_whatever_it_holds(
        store_path: Path, run_cli: Callable[..., Result]) -> None:
    """A hostile store's event_json (read as stored by events --json) holding raw controls."""
    import sqlite3

    with sqlite3.connect(store_path) as connection:
        connection.execute("UPDATE event_json SET json = replace(json, '\"title_en\":\"', "
                           "'\"title_en\":\"' || char(27) || ']52;c;eA==' || char(7) || "
                           "char(8238) || char(155))")
    connection.close()
    for args in (["events", "--json"], ["events", "--format", "jsonl"]):
        result = run_cli("--db", str(store_path), *args)
        assert result.code == 0, result.err
        assert raw_controls(result.out) == []
        titles = [event["title_en"] for event in
                  (json.loads(result.out) if args[1] == "--json"
                   else [json.loads(line) for line in result.out.splitlines()])]
        assert titles and all(t.startswith("\x1b]52;c;eA==\x07\u202e\x9b") for t in titles)


def test_json_the_build_wrote_that_is_not_json_is_derived_again(
        store_path: Path, run_cli: Callable[..., Result]) -> None:
    import sqlite3

    with sqlite3.connect(store_path) as connection:
        connection.execute("UPDATE event_json SET json = 'not json' || char(27)")
    connection.close()
    listed = run_cli("--db", str(store_path), "events", "--json")
    assert listed.code == 0 and raw_controls(listed.out) == []
    assert [e["id"] for e in json.loads(listed.out)]  # every event, derived from the tables
    table = run_cli("--db", str(store_path), "events", "--format", "csv")
    assert table.code == 0 and "Traceback" not in table.err and table.out.count("\n") > 2
