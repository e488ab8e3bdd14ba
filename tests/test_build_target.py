"""Issue #18: a build writes only what it created, one at a time per directory, and names the
right file when it cannot (one line, exit 2)."""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CuratedDir, Result


def test_a_glob_in_out_is_a_name_not_a_pattern(curated: CuratedDir, tmp_path: Path,
                                               run_cli: Callable[..., Result]) -> None:
    directory = tmp_path / "dir"
    directory.mkdir()
    for name in ("a.db", "a.db.tmpfoo", "x.tmp12345678", "notes.txt"):
        (directory / name).write_text("mine")
    result = run_cli("build", "--source", str(curated.path), "--out", str(directory / "*"))
    assert result.code == 0, result.err
    assert sorted(p.name for p in directory.iterdir()) == [
        "*", "a.db", "a.db.tmpfoo", "notes.txt", "x.tmp12345678"]


def test_a_second_build_at_once_is_refused_and_deletes_nothing(curated: CuratedDir, tmp_path: Path,
                                                           run_cli: Callable[..., Result]) -> None:
    target = tmp_path / "out" / "events.db"
    target.parent.mkdir()
    others = target.parent / "events.db.tmpabcd1234"  # the running build's temporary file
    others.write_text("being written")
    descriptor = os.open(target.parent, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        result = run_cli("build", "--source", str(curated.path), "--out", str(target))
    finally:
        os.close(descriptor)
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert "another build" in result.err and str(target) in result.err
    assert others.read_text() == "being written" and not target.exists()
    result = run_cli("build", "--source", str(curated.path), "--out", str(target))
    assert result.code == 0 and not others.exists()  # no build runs now: it was a killed one's


@pytest.mark.parametrize("where", ["directory", "under-file"])
def test_out_that_cannot_be_a_file_is_one_line(curated: CuratedDir, tmp_path: Path,
                                               run_cli: Callable[..., Result],
                                               where: str) -> None:
    (tmp_path / "plain").write_text("x")
    (tmp_path / "adir").mkdir()
    out = tmp_path / ("adir" if where == "directory" else "plain/events.db")
    result = run_cli("build", "--source", str(curated.path), "--out", str(out))
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert str(out) in result.err and "Traceback" not in result.err
    assert (tmp_path / "plain").read_text() == "x"


@pytest.mark.parametrize(("error", "said"), [
    (OSError(errno.ENOSPC, "No space left on device"), "no space left"),
    (sqlite3.OperationalError("database or disk is full"), "disk is full"),
    (PermissionError(errno.EACCES, "Permission denied"), "cannot write in"),
    (OSError(errno.EROFS, "Read-only file system"), "cannot write in")])
def test_write_failures_name_the_target(curated: CuratedDir, store_path: Path,
                                        run_cli: Callable[..., Result],
                                        monkeypatch: pytest.MonkeyPatch,
                                        error: Exception, said: str) -> None:
    import ktimeline.store.build as build_module

    before = store_path.read_bytes()

    def failing(tables: object, path: Path) -> None:
        path.write_bytes(b"partial")
        raise error

    monkeypatch.setattr(build_module, "write_store", failing)
    result = run_cli("build", "--source", str(curated.path), "--out", str(store_path))
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert str(store_path) in result.err and said in result.err
    assert "bundled" not in result.err and "data/events.db" not in result.err
    assert store_path.read_bytes() == before
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["curated", "events.db"]
