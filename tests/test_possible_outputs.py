"""What the CLI prints and checks about possible posts and ranks, on small stores."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ktimeline.spans import end_phrase, rank_phrase, start_phrase, term_phrase
from ktimeline.store.build import build, check
from tests.conftest import CuratedDir, Result

# Ri Yong Gil's second term as chief starts some day in 2016-02..2018-07-27; Kim, a certain
# chief 2016-03..2018-06, leaves Ri only the days after June 2018.
RIVAL = """
[[person]]
id = "kim-chief"
country = "KP"
sources = ["src-a"]
names = [{ text = "Kim Chief", script = "latin", lang = "en", scheme = "dprk", preferred = true }]
[[person.posts]]
post = "post-chief"
start = "2016-03"
end = "2018-06"
sources = ["src-a"]

[[event]]
id = "2017-05-01-talks"
kind = "talks"
date = "2017-05-01"
title_en = "Talks in 2017"
title_ja = "2017年の会談"
summary_en = "They talk."
summary_ja = "会談する。"
sources = ["src-a"]
[[event.participants]]
person = "ri-yong-gil"
side = "KP"

[[event]]
id = "2018-07-01-talks"
kind = "talks"
date = "2018-07-01"
title_en = "Talks in 2018"
title_ja = "2018年の会談"
summary_en = "They talk again."
summary_ja = "再び会談する。"
sources = ["src-a"]
[[event.participants]]
person = "ri-yong-gil"
side = "KP"
"""


def _store(curated: CuratedDir, tmp_path: Path) -> Path:
    curated.append(RIVAL)
    path = tmp_path / "rival.db"
    build(curated.path, path)
    return path


def test_json_keeps_possible_items_out_of_the_flat_fields(
        curated: CuratedDir, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    db = str(_store(curated, tmp_path))
    result = run_cli("--db", db, "event", "2018-07-01-talks", "--json")
    ri = json.loads(result.out)["participants"][0]
    # The chief's post is possible that day (his start is not known), the rank is certain.
    assert [(p["post_id"], p["certainty"]) for p in ri["posts"]] == [("post-chief", "possible")]
    assert ri["post_en"] is None
    assert ri["post_possible_en"] == "Chief of Staff"
    assert ri["post_possible_ja"] == "総参謀長"
    # Demoted in 2016, restored on 2018-07-27: a colonel general that day, for certain.
    assert ri["rank_en"] == "Colonel General"
    assert ri["rank_possible_en"] is None


def test_a_certain_rival_rules_the_attested_term_out(
        curated: CuratedDir, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    db = str(_store(curated, tmp_path))
    ri = json.loads(run_cli("--db", db, "event", "2017-05-01-talks", "--json").out)[
        "participants"][0]
    assert ri["posts"] == []
    assert ri["post_en"] is None and ri["post_possible_en"] is None
    text = run_cli("--db", db, "asof", "ri-yong-gil", "2017-05-01").out
    assert "Chief of Staff" not in text


def test_the_text_marks_each_possible_item_on_its_own(
        curated: CuratedDir, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    db = str(_store(curated, tmp_path))
    out = run_cli("--db", db, "event", "2018-07-01-talks").out
    line = next(x for x in out.splitlines() if "Ri Yong Gil" in x)
    assert "possibly Chief of Staff" in line
    assert "(possibly)" not in line
    asof = run_cli("--db", db, "asof", "ri-yong-gil", "2018-07-01").out
    assert "possibly Chief of Staff" in asof
    assert "appointed between 2016-02 and 2018-07-27; until 2019-09" in asof


def test_check_reports_two_certain_holders_and_terms_outside_the_post(
        curated: CuratedDir) -> None:
    curated.replace('title_ja = "国防相"', 'title_ja = "国防相"\nestablished = "2022"')
    curated.append(RIVAL.replace('start = "2016-03"', 'start = "2014-03"'))
    problems = [str(p) for p in check(curated.path)[1]]
    assert any("certainly holds it at the same time" in p for p in problems), problems
    assert any("was established on 2022" in p for p in problems), problems


def test_check_reports_a_rank_that_falls_without_a_demotion(curated: CuratedDir) -> None:
    curated.replace('change = "demotion"', 'change = "promotion"')
    problems = [str(p) for p in check(curated.path)[1]]
    assert any("with no demotion recorded between" in p for p in problems), problems


def test_check_reports_one_tenure_written_as_two_overlapping_terms(curated: CuratedDir) -> None:
    curated.replace('start = "2013-08"\nend = "2016-02"', 'start = "2013-08"\nend = "2019"')
    problems = [str(p) for p in check(curated.path)[1]]
    assert any("write one tenure as one term" in p for p in problems), problems


def test_career_wording_says_what_the_dates_mean() -> None:
    assert term_phrase("2014-06", "2015-04") == "from 2014-06; until 2015-04"
    assert end_phrase("2022-07-03..") == "in post on 2022-07-03; end not known"
    assert end_phrase("2022-07-03..", "ja") == "2022-07-03時点で在任、退任時期不明"
    assert end_phrase(None) == "in post at the latest source"
    assert start_phrase("..2019-04-24") == "in post by 2019-04-24 (start not known)"
    assert start_phrase("2019-03..2019-04-24") == "appointed between 2019-03 and 2019-04-24"
    assert rank_phrase("held", "..2019-04-24") == "seen by 2019-04-24 (since not known)"
    assert "until from" not in term_phrase("..2019", "2022-07-03..")
