"""Issue #18, MEDIUM and LOW: dates at the calendar's edge, bad ranges and kinds, hostile
stores, builds that meet each other; each answered in one line, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ktimeline.store import dates
from tests.conftest import CuratedDir, Result


@pytest.mark.parametrize(("text", "lo", "hi"), [
    ("9999-12-31~", "9999-12-30", "9999-12-31"), ("0001-01-01~", "0001-01-01", "0001-01-02"),
    ("0001-01-01%", "0001-01-01", "0001-01-02"), ("9999~", "9998-01-01", "9999-12-31"),
    ("9999-12~", "9999-11-01", "9999-12-31"), ("0001-01~", "0001-01-01", "0001-02-28"),
    ("..9999-12-31~", "0001-01-01", "9999-12-31")])
def test_approximate_dates_at_the_calendars_edge_stay_in_it(text: str, lo: str, hi: str) -> None:
    parsed = dates.parse(text)
    assert (parsed.lo, parsed.hi) == (lo, hi)


@pytest.mark.parametrize("date", ["9999-12-31~", "0001-01-01~", "0001-01-01%", "9999~"])
def test_edge_dates_in_the_cli_answer(store_path: Path, run_cli: Callable[..., Result],
                                      date: str) -> None:
    for args in (["events", "--from", date], ["events", "--to", date],
                 ["asof", "ri-yong-gil", date]):
        result = run_cli("--db", str(store_path), *args)
        assert result.code == 0 and "Traceback" not in result.err, (args, result.err)
    result = run_cli("--db", str(store_path), "events", "--to", "9999~", "--json")
    assert result.code == 0 and "2019-04-25-summit" in result.out


def test_edge_dates_in_curated_files_are_checked_not_crashed(
        curated: CuratedDir, run_cli: Callable[..., Result]) -> None:
    curated.replace('date = "2014"', 'date = "9999-12-31~"')
    result = run_cli("check", "--source", str(curated.path))
    assert "Traceback" not in result.out + result.err
    assert result.code in (0, 1)


@pytest.mark.parametrize("args", [["events", "--from", "2020", "--to", "2010"],
                                  ["events", "--kind", "banquet"],
                                  ["events", "--kind", "[/]\x1b"]])
def test_reversed_ranges_and_unknown_kinds_are_one_line_errors(
        store_path: Path, run_cli: Callable[..., Result], args: list[str]) -> None:
    result = run_cli("--db", str(store_path), *args)
    assert result.code == 2 and result.out == ""
    assert len(result.err.splitlines()) == 1 and "\x1b" not in result.err


def test_a_dumb_terminal_gets_the_printed_timeline(store_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   run_cli: Callable[..., Result]) -> None:
    import sys

    from ktimeline import cli

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert cli.interactive()
    monkeypatch.setenv("TERM", "dumb")
    assert not cli.interactive()
    monkeypatch.setattr(cli, "run_app", lambda path: pytest.fail("the explorer was opened"))
    result = run_cli("--db", str(store_path))
    assert result.code == 0 and "Test summit" in result.out


def test_an_interrupt_exits_130(store_path: Path, monkeypatch: pytest.MonkeyPatch,
                                run_cli: Callable[..., Result]) -> None:
    from ktimeline import cli

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.STORE_COMMANDS, "events", interrupted)
    result = run_cli("--db", str(store_path), "events")
    assert result.code == 130 and "Traceback" not in result.err
