"""Issue #18, LOW: odd files as stores and as curated files (FIFOs, links, paths that are not
UTF-8, byte-order marks, WAL and journals), and odd references in curated files."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CuratedDir, Result


def one_line(result: Result) -> str:
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    return result.err


def test_a_fifo_as_the_store_is_refused(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    fifo = tmp_path / "events.db"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line(run_cli("--db", str(fifo), "events"))


def test_a_symlink_loop_as_the_store_says_so(tmp_path: Path,
                                             run_cli: Callable[..., Result]) -> None:
    loop = tmp_path / "events.db"
    loop.symlink_to(loop)
    err = one_line(run_cli("--db", str(loop), "events"))
    assert "no such file" not in err and "symbolic links" in err


def test_a_store_path_that_is_not_utf8_works(store_path: Path,
                                             run_cli: Callable[..., Result]) -> None:
    odd = os.fsdecode(bytes(store_path.parent) + b"/\xff\xfe.db")
    os.link(store_path, odd)
    result = run_cli("--db", odd, "events")
    assert result.code == 0 and "Test summit" in result.out
    err = one_line(run_cli("--db", odd + "-missing", "events"))
    assert "\ufffd" in err


def test_a_wal_store_is_read_without_files_beside_it(store_path: Path,
                                                     run_cli: Callable[..., Result]) -> None:
    with sqlite3.connect(store_path) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.close()
    before = sorted(p.name for p in store_path.parent.iterdir())
    result = run_cli("--db", str(store_path), "events")
    assert result.code == 0 and "Test summit" in result.out
    assert sorted(p.name for p in store_path.parent.iterdir()) == before


@pytest.mark.parametrize("suffix", ["-journal", "-wal"])
def test_pending_writes_beside_the_store_are_named(store_path: Path, suffix: str,
                                                   run_cli: Callable[..., Result]) -> None:
    Path(f"{store_path}{suffix}").write_bytes(b"\x00" * 512)
    err = one_line(run_cli("--db", str(store_path), "events"))
    assert f"events.db{suffix}" in err


def test_a_participant_missing_from_people_still_shows(store_path: Path,
                                                      run_cli: Callable[..., Result]) -> None:
    with sqlite3.connect(store_path) as connection:
        connection.execute("UPDATE participations SET person_id = 'nobody-known' "
                           "WHERE person_id = 'putin'")
    connection.close()
    result = run_cli("--db", str(store_path), "event", "2019-04-25-summit")
    assert result.code == 0 and "nobody-known" in result.out


def test_curated_fifos_and_links_out_are_not_read(curated: CuratedDir, tmp_path: Path,
                                                  run_cli: Callable[..., Result]) -> None:
    os.mkfifo(curated.path / "pipe.toml")
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('[[place]]\nid = "x"\nname_en = "X"\n', "utf-8")
    (curated.path / "link.toml").symlink_to(outside)
    (curated.path / "loop.toml").symlink_to(curated.path / "loop.toml")
    result = run_cli("check", "--source", str(curated.path))
    assert result.code == 1
    assert "pipe.toml: file: read: not a regular file" in result.out
    assert "link.toml: file: read: a link to" in result.out and "outside" in result.out
    assert "loop.toml: file: read: cannot read" in result.out
    assert len(result.out.splitlines()) == 3, result.out


def test_a_byte_order_mark_is_not_a_problem(curated: CuratedDir,
                                            run_cli: Callable[..., Result]) -> None:
    curated.file.write_bytes(b"\xef\xbb\xbf" + curated.file.read_bytes())
    result = run_cli("check", "--source", str(curated.path))
    assert result.code == 0, result.out


def test_self_references_are_refused(curated: CuratedDir,
                                     run_cli: Callable[..., Result]) -> None:
    curated.replace('id = "putin"\ncountry = "RU"',
                    'id = "putin"\ncountry = "RU"\nnot_same_as = ["putin"]')
    curated.replace('{ text = "リ・ヨンギル", script = "katakana", lang = "ja", '
                    'reading_of = "李永吉" }',
                    '{ text = "リ・ヨンギル", script = "katakana", lang = "ja", '
                    'reading_of = "リ・ヨンギル" }')
    result = run_cli("check", "--source", str(curated.path))
    assert result.code == 1
    assert "not_same_as: 'putin' is this person" in result.out
    assert "reading_of: a name cannot be a reading of itself" in result.out
