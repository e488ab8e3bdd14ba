"""Issue #18: a store with NULLs, wrong types, blobs or dangling ids where the schema expects
values is answered in one line and exit 2, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.hostile import MALFORMED, malform, raw_controls

COMMANDS = [["events"], ["event", "2019-04-25-summit"], ["timeline"], ["search", "Test"],
            ["person", "Ri Yong Gil"], ["person", "ri-yong-gil", "--profile"],
            ["asof", "ri-yong-gil", "2019-04-25"], ["events", "--json"],
            ["event", "2019-04-25-summit", "--json"]]


@pytest.mark.parametrize(("name", "sql"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_store_is_one_line_and_exit_2(store_path: Path,
                                                   run_cli: Callable[..., Result],
                                                   name: str, sql: str) -> None:
    malform(store_path, sql)
    failed = 0
    for args in COMMANDS:
        result = run_cli("--db", str(store_path), *args)
        assert result.code in (0, 2), (args, result.err)
        assert "Traceback" not in result.err and raw_controls(result.out + result.err) == []
        if result.code == 2:
            failed += 1
            assert result.out == "" or args[0] == "person"
            assert len(result.err.splitlines()) == 1 and str(store_path) in result.err, \
                (args, result.err)
