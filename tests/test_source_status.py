"""Sources read in full or only as leads, real headlines or our paraphrases, and curator notes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ktimeline.store.build import build
from ktimeline.store.coverage import report
from ktimeline.store.queries import Store
from tests.conftest import CuratedDir, Result


def _paraphrased(curated: CuratedDir, tmp_path: Path) -> Path:
    curated.replace('title = "Report A"',
                    'title = "Report on the summit"\nparaphrased_title = true\nstatus = "lead"\n'
                    'curator_note = "CURATOR-ONLY: headline not in the stored copy"')
    path = tmp_path / "status.db"
    build(curated.path, path)
    return path


def test_a_paraphrased_title_is_shown_without_quotation_marks_and_a_lead_marked(
        curated: CuratedDir, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    db = str(_paraphrased(curated, tmp_path))
    out = run_cli("--db", db, "event", "2019-04-25-summit").out
    assert "Test Agency, Report on the summit, 2019-04-26 (lead)" in out
    assert "“Report on the summit”" not in out
    assert "テスト新聞, “記事B”" in run_cli("--db", db, "event", "2014-visit").out


def test_json_says_how_each_source_was_used(
        curated: CuratedDir, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    db = str(_paraphrased(curated, tmp_path))
    event = json.loads(run_cli("--db", db, "event", "2019-04-25-summit", "--json").out)
    source = event["sources"][0]
    assert (source["status"], source["paraphrased_title"]) == ("lead", True)
    other = json.loads(run_cli("--db", db, "event", "2014-visit", "--json").out)["sources"][0]
    assert (other["status"], other["paraphrased_title"]) == ("read", False)


def test_a_curator_note_never_reaches_the_store(curated: CuratedDir, tmp_path: Path) -> None:
    path = _paraphrased(curated, tmp_path)
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%' "
            "AND name NOT LIKE 'events_%'")]
        text = [str(row) for table in tables
                for row in connection.execute(f"SELECT * FROM {table}")]
    assert any("Report on the summit" in row for row in text)
    assert not any("CURATOR-ONLY" in row for row in text)


def test_coverage_counts_leads_people_by_side_and_certain_posts(
        curated: CuratedDir, tmp_path: Path) -> None:
    text = report(Store.open(_paraphrased(curated, tmp_path)))
    assert "| facts resting on `lead` sources alone |" in text
    assert "| side | 2010s | all |" in text
    assert "| KP | 1 | 1 |" in text
    assert "| attendances with a certain post |" in text
