"""Listing commands write as they read: the same JSON as the whole list, one object at a time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ktimeline.store.queries import Store
from ktimeline.store.synthetic import generate

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.db"


def test_streamed_json_is_the_whole_list_object_for_object(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Piped, the array holds one compact element a line; parsed, it is the whole list."""
    streamed = run_cli("--db", str(BUNDLED), "events", "--json").out
    store = Store.open(BUNDLED)
    whole = store.events.listed()
    assert json.loads(streamed) == whole
    lines = streamed.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(whole) + 2
    assert json.loads(lines[1].rstrip(",")) == whole[0]


def test_on_a_terminal_the_array_is_indented(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from ktimeline import cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli.main(["--db", str(BUNDLED), "events", "--kind", "summit", "--json"]) == 0
    out = capsys.readouterr().out
    store = Store.open(BUNDLED)
    from ktimeline.store.filters import EventFilter

    summits = store.events.listed(EventFilter(kind="summit"))
    assert out == json.dumps(summits, ensure_ascii=False, indent=2) + "\n"


def test_each_event_of_a_page_is_the_event_read_alone() -> None:
    """Participants, posts, ranks and sources read for a page at once are, object for object,
    what reading each event on its own gives."""
    store = Store.open(BUNDLED)
    listed = store.events.listed()
    assert len(listed) > 400
    for event in listed:
        alone = store.events.get(event["id"])
        assert alone is not None
        for field in ("summary_en", "summary_ja", "note"):
            alone.pop(field)
        assert event == alone, event["id"]


def test_json_lines_hold_the_same_objects(run_cli) -> None:  # type: ignore[no-untyped-def]
    array = json.loads(run_cli("--db", str(BUNDLED), "events", "--kind", "summit", "--json").out)
    lines = run_cli("--db", str(BUNDLED), "events", "--kind", "summit", "--format", "jsonl").out
    assert [json.loads(line) for line in lines.splitlines()] == array and len(array) > 5


def test_no_events_is_an_empty_array(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--db", str(BUNDLED), "events", "--from", "1800", "--to", "1801", "--json").out
    assert out == "[]\n"


def test_the_side_filter_and_a_wrong_side(run_cli) -> None:  # type: ignore[no-untyped-def]
    kp = json.loads(run_cli("--db", str(BUNDLED), "events", "--side", "KP", "--json").out)
    assert kp and all(any(p["side"] == "KP" for p in e["participants"]) for e in kp)
    wrong = run_cli("--db", str(BUNDLED), "events", "--side", "XX")
    assert wrong.code == 2 and "unknown side 'XX'" in wrong.err


def test_json_and_a_different_format_disagree(run_cli) -> None:  # type: ignore[no-untyped-def]
    both = run_cli("--db", str(BUNDLED), "events", "--json", "--format", "jsonl")
    assert both.code == 2 and "disagree" in both.err


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("streaming") / "large.db"
    generate(path, 30_000, parallel=False)
    return path


@pytest.mark.parametrize("command", [["events", "--json"], ["timeline"], ["events"]])
def test_a_reader_that_leaves_stops_the_command_at_once(large: Path, command: list[str]) -> None:
    process = subprocess.Popen([sys.executable, "-m", "ktimeline", "--db", str(large), *command],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(200)  # the first bytes come before the record is read
    process.stdout.close()  # the reader leaves, as head does
    code = process.wait(timeout=120)  # a guard against a hang, not a measure of speed
    assert first and code == 0 and process.stderr.read() == b""  # no traceback, no complaint
