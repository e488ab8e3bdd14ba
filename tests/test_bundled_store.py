"""The shipped store: it is exactly what the curated files build, and it holds the seed facts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ktimeline.store.build import check, rows_of
from ktimeline.store.db import bundled_store
from ktimeline.store.schema import TABLES
from tests.conftest import REPO, Result

CURATED = REPO / "data" / "curated"
SEED_SOURCES = {"seed-yahoo-2022-04-24", "seed-joongang-2024-06"}


def test_curated_files_are_clean() -> None:
    problems = check(CURATED, REPO)[1]
    assert problems == [], "\n".join(map(str, problems))


def test_committed_store_is_exactly_what_the_sources_build() -> None:
    curated, problems = check(CURATED, REPO)
    assert not problems
    expected = rows_of(curated)
    with sqlite3.connect(f"file:{bundled_store()}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        for table in TABLES:
            # The columns a build writes: table_info leaves out generated ones (events.year).
            columns = ", ".join(row[1] for row in connection.execute(f"PRAGMA table_info({table})"))
            stored = [dict(r) for r in connection.execute(
                f"SELECT {columns} FROM {table} ORDER BY rowid")]
            assert stored == expected.get(table, []), (
                f"{table} differs: run 'ktimeline build' and commit data/events.db")


@pytest.fixture
def bundled(run_cli: Callable[..., Result]) -> Callable[..., object]:
    def run(*args: str) -> object:
        result = run_cli("--db", str(bundled_store()), *args, "--json")
        assert result.code == 0, result.err
        return json.loads(result.out)

    return run


@pytest.mark.parametrize(
    ("day", "post_id", "rank_id"),
    [("2019-04-25", "kp-kpa-chief-of-general-staff", "kpa-general"),
     ("2022-04-24", "kp-minister-national-defence", "kpa-vice-marshal")],
)
def test_ri_yong_gil_as_the_seed_article_states(bundled: Callable[..., object], day: str,
                                                post_id: str, rank_id: str) -> None:
    held = bundled("asof", "Ri Yong Gil", day)
    assert isinstance(held, dict)
    assert (post_id, "certain") in [(p["post_id"], p["certainty"]) for p in held["posts"]]
    assert [(r["rank_id"], r["certainty"]) for r in held["ranks"]] == [(rank_id, "certain")]


def test_every_seed_event_is_listed_with_the_article_as_source(
        bundled: Callable[..., object]) -> None:
    with sqlite3.connect(f"file:{bundled_store()}?mode=ro", uri=True) as connection:
        seed_events = {row[0] for row in connection.execute(
            "SELECT DISTINCT fact_id FROM citations WHERE fact_table = 'events' "
            "AND source_id IN (?, ?)", sorted(SEED_SOURCES))}
    events = bundled("events")
    assert isinstance(events, list)
    listed = {e["id"]: e for e in events}
    assert len(seed_events) >= 15 and seed_events <= set(listed)
    for event_id in seed_events:
        publishers = {s["publisher"] for s in listed[event_id]["sources"]}
        assert any("Yahoo" in p or "中央日報" in p for p in publishers), event_id
    summit = listed["2019-04-25-summit"] if "2019-04-25-summit" in listed else listed[
        "2019-04-25-vladivostok-summit"]
    ri = next(p for p in summit["participants"] if p["person_id"] == "ri-yong-gil")
    assert ri["rank_ja"] == "大将" and "総参謀長" in ri["post_ja"]


def test_the_store_opens_from_the_package(tmp_path: Path) -> None:
    assert bundled_store().is_file()


def test_nearly_every_attendance_has_a_post_and_military_ones_a_rank() -> None:
    """Where no source read gives a post (a few 1950s attendances), the gap is listed by
    ``coverage --gaps``; it must stay rare."""
    from ktimeline.store.audit import gaps
    from ktimeline.store.queries import Store

    store = Store.open(bundled_store())
    missing = gaps(store)
    attendances = store.connection.execute("SELECT count(*) FROM participations").fetchone()[0]
    store.close()
    assert len(missing) <= 0.01 * attendances, "\n".join(
        f"{g.event_id}: {g.person_id} has no {g.missing}" for g in missing)
