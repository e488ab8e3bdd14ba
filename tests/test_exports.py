"""Events for spreadsheets, documents and TimelineJS: the same events, escaped for each."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ktimeline.exports import cell, markdown_lines, timeline_slide

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.db"


def test_csv_has_a_header_and_a_row_per_event(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--db", str(BUNDLED), "events", "--kind", "summit", "--format", "csv").out
    assert out.startswith("\ufeffid,date,end_date,kind,title_en")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    summits = json.loads(run_cli("--db", str(BUNDLED), "events", "--kind", "summit",
                                 "--json").out)
    assert [row["id"] for row in rows] == [event["id"] for event in summits]
    vladivostok = next(row for row in rows if row["id"] == "2019-04-25-vladivostok-summit")
    assert "Ri Yong Gil (General (KPA); Chief of the General Staff" in vladivostok["people"]
    assert "TASS, “Putin arrives to Vladivostok" in vladivostok["sources"]


def test_csv_per_attendance_has_a_row_per_person(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--db", str(BUNDLED), "events", "--kind", "summit", "--format", "csv",
                  "--per", "attendance").out
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    ri = [r for r in rows if r["person_id"] == "ri-yong-gil"]
    assert ri and ri[0]["rank_en"] == "General (KPA)"
    wrong = run_cli("--db", str(BUNDLED), "events", "--per", "attendance", "--json")
    assert wrong.code == 2 and "--per attendance" in wrong.err


def test_a_cell_is_never_a_formula() -> None:
    for formula in ("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx"):
        assert cell(formula).startswith("'")
    assert cell("Kim Jong Un") == "Kim Jong Un" and cell(None) == ""


def test_markdown_cells_keep_their_columns() -> None:
    event = {"id": "e", "date": "2019", "kind": "talks", "title_en": "A | B [x](y) *z*",
             "participants": [], "sources": []}
    lines = list(markdown_lines([event]))
    assert lines[2].count(" | ") == lines[0].count(" | ")
    assert r"A \| B \[x\](y) \*z\*" in lines[2]


def test_timelinejs_keeps_precision_and_escapes_html(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "timeline.json"
    result = run_cli("--db", str(BUNDLED), "export", "--kind", "summit", "--out", str(target))
    assert result.code == 0 and target.exists()
    published = json.loads(target.read_text("utf-8"))
    assert published["title"]["text"]["headline"]
    by_id = {slide["unique_id"]: slide for slide in published["events"]}
    assert by_id["1950-04-kim-il-sung-secret-moscow-visit"]["start_date"] == {
        "year": 1950, "month": 4, "display_date": "1950-04"}  # a month stays a month
    slide = by_id["2019-04-25-vladivostok-summit"]
    assert slide["group"] == "summit" and "Ri Yong Gil" in slide["text"]["text"]
    hostile = timeline_slide({"id": "x", "date": "2019", "title_en": "<script>alert(1)</script>",
                              "summary_en": "<b>", "participants": [],
                              "sources": [{"publisher": "P", "title": "T", "published": "2019",
                                           "url": "javascript:alert(1)"}]})
    assert "<script>" not in json.dumps(hostile) and "javascript:" not in hostile["text"]["text"]


def test_a_timeline_for_a_japanese_newsroom(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--db", str(BUNDLED), "export", "--kind", "summit", "--lang", "ja").out
    published = json.loads(out)
    assert published["title"]["text"]["headline"] == "北朝鮮・ロシア(ソ連)の接触"
    slide = {s["unique_id"]: s for s in published["events"]}["2019-04-25-vladivostok-summit"]
    assert slide["text"]["headline"] == "金正恩・プーチン初の首脳会談(ウラジオストク)"
    assert "出席者(その日の役職・階級)" in slide["text"]["text"]
    assert "李永吉(大将、朝鮮人民軍総参謀長)" in slide["text"]["text"]


def test_an_export_that_cannot_be_written_leaves_nothing(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(BUNDLED), "export", "--out", str(tmp_path / "no" / "x.json"))
    assert result.code == 2 and "cannot write" in result.err
    assert not list(tmp_path.iterdir())


def test_markdown_keeps_a_title_s_own_leading_quote_and_runs_no_guard() -> None:
    event = {"id": "e", "date": "2019", "kind": "talks", "title_en": "'Strategic' ties",
             "place_en": "=Moscow", "participants": [], "sources": []}
    row = list(markdown_lines([event]))[2]
    assert "| 'Strategic' ties |" in row and "| =Moscow |" in row
    assert cell("'Strategic' ties") == "'Strategic' ties"
