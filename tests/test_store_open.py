"""Opening a store: every broken store is one clear line and exit 2; bytes never change."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result


def make_missing(tmp: Path, good: Path) -> Path:
    return tmp / "nope.db"


def make_directory(tmp: Path, good: Path) -> Path:
    (tmp / "adir").mkdir()
    return tmp / "adir"


def make_empty(tmp: Path, good: Path) -> Path:
    (tmp / "empty.db").write_bytes(b"")
    return tmp / "empty.db"


def make_random(tmp: Path, good: Path) -> Path:
    (tmp / "random.db").write_bytes(bytes(range(256)) * 40)
    return tmp / "random.db"


def make_truncated(tmp: Path, good: Path) -> Path:
    data = good.read_bytes()
    (tmp / "truncated.db").write_bytes(data[: len(data) // 3])
    return tmp / "truncated.db"


def make_other_schema(tmp: Path, good: Path) -> Path:
    path = tmp / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE things (id INTEGER)")
    return path


def with_version(version: int) -> Callable[[Path, Path], Path]:
    """A copy of the good store claiming another schema version."""
    def make(tmp: Path, good: Path) -> Path:
        path = tmp / f"version-{version}.db"
        path.write_bytes(good.read_bytes())
        with sqlite3.connect(path) as connection:
            connection.execute(f"PRAGMA user_version = {version}")
        return path

    return make


BROKEN: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "missing": (make_missing, "no such file"),
    "directory": (make_directory, "is a directory"),
    "empty": (make_empty, "empty file"),
    "random bytes": (make_random, "not an SQLite database"),
    "truncated": (make_truncated, "damaged"),
    "other schema": (make_other_schema, "not a ktimeline store"),
    "newer version": (with_version(99), "newer than"),
    "older version": (with_version(1), "older than"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize("command", [["events", "--json"], ["event", "2014-visit"],
                                     ["person", "Ri", "--json"], ["asof", "putin", "2019"],
                                     ["search", "summit"]])
def test_broken_store_is_one_line_exit_2(kind: str, command: list[str], tmp_path: Path,
                                         store_path: Path, run_cli: Callable[..., Result]) -> None:
    make, words = BROKEN[kind]
    path = make(tmp_path, store_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    result = run_cli("--db", str(path), *command)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ktimeline: ") and str(path) in lines[0]
    assert words in lines[0]
    assert "Traceback" not in result.err
    if before is not None:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_environment_variable_chooses_the_store(store_path: Path, run_cli: Callable[..., Result],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KTIMELINE_DB", str(store_path))
    result = run_cli("event", "2014-visit", "--json")
    assert result.code == 0 and '"2014-visit"' in result.out


def test_commands_never_change_the_store(store_path: Path,
                                         run_cli: Callable[..., Result]) -> None:
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    for command in (["events"], ["events", "--json"], ["event", "2014-visit"],
                    ["person", "ri yong gil", "--profile"], ["asof", "ri-yong-gil", "2019"],
                    ["search", "'; DROP TABLE events; --"], ["timeline"]):
        assert run_cli("--db", str(store_path), *command).code == 0, command
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["curated", "events.db"]


def test_store_locked_by_a_writer_is_reported_as_locked(store_path: Path,
                                                        run_cli: Callable[..., Result]) -> None:
    writer = sqlite3.connect(store_path, timeout=0)
    writer.execute("PRAGMA locking_mode = EXCLUSIVE")
    writer.execute("BEGIN EXCLUSIVE")
    try:
        result = run_cli("--db", str(store_path), "events")
    finally:
        writer.rollback()
        writer.close()
    assert result.code == 2
    assert result.err.strip() == f"ktimeline: {store_path}: locked by another process; try " \
        "again when it has finished"


def _can(*command: str) -> bool:
    import shutil
    import subprocess

    if shutil.which(command[0]) is None:
        return False
    return subprocess.run([*command, "true"], capture_output=True, check=False).returncode == 0


def _nobody_can_import_ktimeline() -> bool:
    """Whether another user can run this clone's ktimeline at all (not when the clone or its
    virtual environment sits under a directory only its owner may enter, such as /root)."""
    import subprocess
    import sys

    return subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable,
         "-c", "import ktimeline.cli"], capture_output=True, check=False, cwd="/").returncode == 0


@pytest.mark.skipif(not _can("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"),
                    reason="needs root to run as another user")
@pytest.mark.parametrize("searchable_directory", [True, False])
def test_a_store_the_user_may_not_read(store_path: Path, searchable_directory: bool) -> None:
    import shutil
    import subprocess
    import sys
    import tempfile

    if not _nobody_can_import_ktimeline():
        pytest.skip("user nobody cannot import ktimeline from this clone (it sits in a directory "
                    "other users may not enter), so the refusal cannot be told from that")
    directory = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        locked = directory / "locked.db"
        locked.write_bytes(store_path.read_bytes())
        locked.chmod(0)
        directory.chmod(0o755 if searchable_directory else 0o700)
        done = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable,
             "-m", "ktimeline", "--db", str(locked), "events"],
            capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(directory)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"ktimeline: {locked}: permission denied\n"


@pytest.mark.skipif(not _can("unshare", "-m"), reason="needs a private mount namespace")
def test_a_store_on_a_read_only_filesystem(store_path: Path) -> None:
    import shlex
    import subprocess
    import sys

    script = f"""
        set -e
        mount -t tmpfs -o size=8m tmpfs /mnt
        cp {shlex.quote(str(store_path))} /mnt/events.db
        mount -o remount,ro /mnt
        ! touch /mnt/probe 2>/dev/null
        {shlex.quote(sys.executable)} -m ktimeline --db /mnt/events.db event 2014-visit --json
        {shlex.quote(sys.executable)} -m ktimeline --db /mnt/events.db search 首脳 --json
        ls /mnt
    """
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert '"id": "2014-visit"' in done.stdout and '"2019-04-25-summit"' in done.stdout
    assert done.stdout.strip().endswith("events.db")  # no journal or WAL file left beside it


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_store_never_opens_the_explorer(kind: str, tmp_path: Path, store_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from textual.app import App

    from ktimeline import cli

    def must_not_run(self: App[None], *args: object, **kwargs: object) -> None:
        raise AssertionError("the explorer opened on a broken store")

    make, words = BROKEN[kind]
    path = make(tmp_path, store_path)
    monkeypatch.setattr(cli, "interactive", lambda: True)
    monkeypatch.setattr(App, "run", must_not_run)
    assert cli.main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and str(path) in err
