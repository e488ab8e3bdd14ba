"""The coverage report and the audit of attendances lacking a post or rank."""

from __future__ import annotations

from pathlib import Path

from ktimeline.store.audit import Gap, gaps
from ktimeline.store.build import build
from ktimeline.store.coverage import report
from ktimeline.store.queries import Store
from tests.conftest import CuratedDir


def test_report_counts_what_the_store_holds(store_path: Path) -> None:
    text = report(Store.open(store_path))
    assert "| 2010s | 2 |" in text
    assert "| events | 2 |" in text
    assert "| sources | 2 (primary: 1) |" in text
    assert "| recorded conflicts | 1 |" in text


def test_no_gaps_in_the_fixture(store_path: Path) -> None:
    assert gaps(Store.open(store_path)) == []


def test_gaps_find_a_participant_without_a_post(curated: CuratedDir, tmp_path: Path) -> None:
    curated.replace('start = "2013-08"\nend = "2016-02"', 'start = "2015"\nend = "2016-02"')
    assert gaps(Store.open(_built(curated, tmp_path))) == [
        Gap("2014-visit", "ri-yong-gil", "post")]


def test_gaps_find_an_officer_without_a_rank(curated: CuratedDir, tmp_path: Path) -> None:
    curated.replace('change = "promotion"\ndate = "2013-08"', 'change = "promotion"\ndate = "2015"')
    assert gaps(Store.open(_built(curated, tmp_path))) == [
        Gap("2014-visit", "ri-yong-gil", "rank")]


def _built(curated: CuratedDir, tmp_path: Path) -> Path:
    path = tmp_path / "audit.db"
    build(curated.path, path)
    return path
