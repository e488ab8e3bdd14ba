"""The build: tables and schema version, deterministic output, atomic replacement."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ktimeline.store.build import BuildError, build
from ktimeline.store.schema import SCHEMA_VERSION, TABLES
from tests.conftest import CuratedDir


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}


def test_build_writes_every_table_and_the_schema_version(curated: CuratedDir,
                                                         tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    counts = build(curated.path, target)
    assert counts["events"] == 2 and counts["people"] == 2 and counts["rank_changes"] == 4
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        event = connection.execute(
            "SELECT date, date_lo, date_hi, end_date FROM events WHERE id = '2014-visit'"
        ).fetchone()
        assert event == ("2014", "2014-01-01", "2014-12-31", None)
        cited = connection.execute(
            "SELECT p.person_id, c.source_id, c.locator FROM citations c JOIN participations p "
            "ON c.fact_table = 'participations' AND c.fact_id = CAST(p.id AS TEXT) "
            "WHERE p.event_id = '2019-04-25-summit' ORDER BY p.ord").fetchall()
    assert cited == [("putin", "src-a", "p1"), ("ri-yong-gil", "src-b", "p2")]


def test_every_fact_row_has_a_citation(store_path: Path) -> None:
    with sqlite3.connect(store_path) as connection:
        for table in ("events", "participations", "post_terms", "rank_changes", "names", "people",
                      "conflict_claims"):
            uncited = connection.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM citations c "
                f"WHERE c.fact_table = ? AND c.fact_id = CAST(t.id AS TEXT))", [table]).fetchone()
            assert uncited == (0,), table


def test_build_is_deterministic(curated: CuratedDir, tmp_path: Path) -> None:
    build(curated.path, tmp_path / "one.db")
    build(curated.path, tmp_path / "two.db")
    assert all_rows(tmp_path / "one.db") == all_rows(tmp_path / "two.db")


def test_failed_build_leaves_the_old_store_byte_identical(curated: CuratedDir,
                                                          store_path: Path) -> None:
    before = digest(store_path)
    curated.replace('date = "2014"', 'date = "2014-13"')
    with pytest.raises(BuildError) as raised:
        build(curated.path, store_path)
    assert any(p.field == "date" for p in raised.value.problems)
    assert digest(store_path) == before
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["curated", "events.db"]


def test_a_build_replaces_the_store_and_leaves_no_temporary_files(curated: CuratedDir,
                                                                  store_path: Path) -> None:
    curated.replace('title_en = "A visit in 2014"', 'title_en = "A corrected title"')
    build(curated.path, store_path)
    with sqlite3.connect(store_path) as connection:
        titles = connection.execute("SELECT title_en FROM events ORDER BY id").fetchall()
    assert ("A corrected title",) in titles
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["curated", "events.db"]


def test_a_reader_keeps_its_snapshot_while_the_store_is_replaced(curated: CuratedDir,
                                                                  store_path: Path) -> None:
    reader = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    curated.replace('title_en = "A visit in 2014"', 'title_en = "Renamed"')
    build(curated.path, store_path)
    assert reader.execute("SELECT count(*) FROM events").fetchone() == (2,)
    reader.close()


def test_a_build_that_dies_midway_leaves_the_old_store(curated: CuratedDir, store_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import ktimeline.store.build as build_module

    before = digest(store_path)
    real_write = build_module.write_store

    def dying_write(tables: dict[str, list[dict[str, object]]], path: Path) -> None:
        real_write({"sources": tables["sources"]}, path)  # part of the work is on disk...
        raise KeyboardInterrupt  # ...when the process is interrupted

    monkeypatch.setattr(build_module, "write_store", dying_write)
    with pytest.raises(KeyboardInterrupt):
        build(curated.path, store_path)
    assert digest(store_path) == before
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["curated", "events.db"]


@pytest.mark.parametrize("after", [0.05, 0.3, 0.6, 0.9])
def test_a_build_killed_at_any_moment_leaves_old_or_new_never_broken(
        after: float, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    old = tmp_path / "events.db"
    old.write_bytes((REPO / "data" / "events.db").read_bytes())
    before = digest(old)
    process = subprocess.Popen(
        [sys.executable, "-m", "ktimeline", "build", "--source", str(REPO / "data" / "curated"),
         "--out", str(old)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if digest(old) != before:  # the build got as far as the rename: the new store is whole
        with sqlite3.connect(f"file:{old}?mode=ro", uri=True) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    build(REPO / "data" / "curated", old)
    assert [p.name for p in tmp_path.iterdir()] == ["events.db"]
