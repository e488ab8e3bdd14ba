"""``--format`` on ``search``, ``asof`` and ``person --profile`` (issue #15): the same answers as
rows a spreadsheet, a document or a script takes; ``--json`` and the text stay as they were."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ktimeline.tables import ASOF_COLUMNS, PROFILE_COLUMNS, SEARCH_COLUMNS
from tests.conftest import Result
from tests.hostile import poison, raw_controls

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.db"
CASES = [
    (["search", "Ri Yong Gil"], SEARCH_COLUMNS),
    (["asof", "ri-yong-gil", "2019-04-25"], ASOF_COLUMNS),
    (["person", "ri-yong-gil", "--profile"], PROFILE_COLUMNS),
]


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only after the mark
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize(("args", "columns"), CASES, ids=lambda c: str(c)[:20])
def test_csv_jsonl_and_markdown_hold_the_same_rows(run_cli: Callable[..., Result],
                                                   args: list[str], columns: list[str]) -> None:
    rows = read_csv(run_cli("--db", str(BUNDLED), *args, "--format", "csv").out)
    lines = run_cli("--db", str(BUNDLED), *args, "--format", "jsonl").out.splitlines()
    objects = [json.loads(line) for line in lines]
    assert rows and len(rows) == len(objects)
    assert list(rows[0]) == columns and all(list(o) == columns for o in objects)
    for row, obj in zip(rows, objects, strict=True):
        assert row == {k: "" if v is None else str(v) for k, v in obj.items()}
    table = run_cli("--db", str(BUNDLED), *args, "--format", "md").out.splitlines()
    assert table[0] == "| " + " | ".join(columns) + " |" and len(table) == len(rows) + 2
    assert all(len(re.split(r"(?<!\\)\|", line)) == len(columns) + 2 for line in table)


def test_the_rows_say_what_a_user_asked(run_cli: Callable[..., Result]) -> None:
    held = read_csv(run_cli("--db", str(BUNDLED), "asof", "ri-yong-gil", "2019-04-25",
                            "--format", "csv").out)
    assert {(r["type"], r["title_en"], r["certainty"]) for r in held} == {
        ("post", "Chief of the General Staff of the Korean People's Army", "certain"),
        ("rank", "General (KPA)", "certain")}
    career = read_csv(run_cli("--db", str(BUNDLED), "person", "Ri Yong Gil", "--profile",
                              "--format", "csv").out)
    meetings = [r for r in career if r["type"] == "meeting"]
    assert any(r["id"] == "2019-04-25-vladivostok-summit" and r["start"] == "2019-04-25"
               for r in meetings)
    assert all(r["sources"] for r in career if r["type"] == "post")
    found = read_csv(run_cli("--db", str(BUNDLED), "search", "李永吉", "--format", "csv").out)
    assert found[0]["type"] == "person" and found[0]["id"] == "ri-yong-gil"
    assert any(r["type"] == "event" and r["date"] for r in found)


def test_json_and_text_are_unchanged(run_cli: Callable[..., Result]) -> None:
    for args, _columns in CASES:
        as_json = run_cli("--db", str(BUNDLED), *args, "--json").out
        assert run_cli("--db", str(BUNDLED), *args, "--format", "json").out == as_json
        assert run_cli("--db", str(BUNDLED), *args, "--format", "text").out == \
            run_cli("--db", str(BUNDLED), *args).out


def test_a_table_of_name_matches_is_refused_in_one_line(run_cli: Callable[..., Result]) -> None:
    result = run_cli("--db", str(BUNDLED), "person", "Ri", "--format", "csv")
    assert result.code == 2 and result.err.count("\n") == 1 and "--profile" in result.err
    clash = run_cli("--db", str(BUNDLED), "asof", "ri-yong-gil", "2019", "--json",
                    "--format", "csv")
    assert clash.code == 2 and "disagree" in clash.err


def test_a_hostile_store_cannot_reach_the_terminal_or_the_spreadsheet(
        store_path: Path, run_cli: Callable[..., Result]) -> None:
    poison(store_path, "=HYPERLINK(\"http://x\")\x1b]52;c;eA==\x07\u202e")
    for args, _columns in CASES:
        for form in ("csv", "md", "jsonl"):
            result = run_cli("--db", str(store_path), *args, "--format", form)
            assert result.code == 0, result.err
            assert raw_controls(result.out.replace("\r\n", "\n")) == []
            assert raw_controls(result.err) == []
        rows = read_csv(run_cli("--db", str(store_path), *args, "--format", "csv").out)
        assert rows and not any(value.startswith(("=", "+", "-", "@"))
                                for row in rows for value in row.values())


def test_events_and_export_take_the_explorers_search(run_cli: Callable[..., Result]) -> None:
    def ids(*args: str) -> list[str]:
        out = run_cli("--db", str(BUNDLED), "events", *args, "--format", "jsonl").out
        return [json.loads(line)["id"] for line in out.splitlines()]

    found = ids("--search", "Shoigu")
    listed = [e["id"] for e in json.loads(
        run_cli("--db", str(BUNDLED), "search", "Shoigu", "--json").out)["events"]]
    assert found == listed[:len(found)] and 5 < len(found) < len(ids())
    assert ids("--search", "Shoigu", "--from", "2024") == [i for i in found if i >= "2024"]
    exported = run_cli("--db", str(BUNDLED), "export", "--search", "Shoigu", "--format",
                       "json").out.splitlines()
    assert [json.loads(line)["id"] for line in exported] == found
