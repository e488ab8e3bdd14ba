"""The record as a web page: Datasette over the store, read-only, with metadata that makes it
readable (titles and descriptions in both languages, names for ids, facets, full-text search)
and canned queries for the questions analysts ask. ``ktimeline serve`` starts it."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

INSTALL_HINT = "ktimeline serve needs the web extra: pip install 'ktimeline[web]'"

# A possible item reads "possibly X", as in the terminal: no possibility passes for a fact.
_SHOWN = "CASE h.certainty WHEN 'possible' THEN 'possibly ' || h.{title} ELSE h.{title} END"


def _held(item: str, title: str) -> str:
    """The posts or rank of the attendance ``pa`` on its event's day, joined in order."""
    return (f"(SELECT group_concat(shown, '; ') FROM (SELECT {_SHOWN.format(title=title)} "
            "AS shown FROM attendance_holdings h WHERE h.event_id = pa.event_id "
            f"AND h.person_id = pa.person_id AND h.item = '{item}' ORDER BY h.ord))")


QUERIES: dict[str, dict[str, Any]] = {
    "present_at_event": {
        "title": "Who was present, with post and rank that day / 出席者とその日の役職・階級",
        "description": "Everyone at an event, in the order the source lists them, with the posts "
                       "and rank they held on the event's date: 'possibly' where the record "
                       "leaves it open. Give an event id, e.g. 2019-04-25-vladivostok-summit.",
        "params": ["event_id"],
        "sql": "SELECT pa.ord AS n, pa.side, pe.name_en AS name, pe.name_ja AS name_ja, "
               f"{_held('rank', 'title_en')} AS rank, {_held('post', 'title_en')} AS post, "
               f"{_held('rank', 'title_ja')} AS rank_ja, {_held('post', 'title_ja')} AS post_ja, "
               "pa.printed_title, pa.role, pa.person_id FROM participations pa "
               "LEFT JOIN people pe ON pe.id = pa.person_id "
               "WHERE pa.event_id = :event_id ORDER BY pa.ord",
    },
    "career": {
        "title": "A person's career / 経歴",
        "description": "Every post and rank change of a person in time order, as the sources "
                       "give the dates (..2019 = by 2019; 2019.. = from 2019 on). Give a "
                       "person id, e.g. ri-yong-gil.",
        "params": ["person_id"],
        "sql": "SELECT * FROM (SELECT t.start_lo AS sort, 'post' AS kind, po.title_en AS title, "
               "po.title_ja AS title_ja, t.start_date AS start, t.end_date AS \"end\", t.note "
               "FROM post_terms t JOIN posts po ON po.id = t.post_id "
               "WHERE t.person_id = :person_id UNION ALL "
               "SELECT c.date_lo, 'rank: ' || c.change, r.title_en, r.title_ja, c.date, NULL, "
               "c.note FROM rank_changes c JOIN ranks r ON r.id = c.rank_id "
               "WHERE c.person_id = :person_id) ORDER BY sort, kind",
    },
    "lineup_on_date": {
        "title": "Who held which post on a date / ある日の役職者一覧",
        "description": "Every post with its holders on a day (YYYY-MM-DD), certain or possible "
                       "under the same rules as the terminal's line-up.",
        "params": ["date"],
        "sql": "SELECT o.country AS side, o.name_en AS organisation, po.title_en AS post, "
               "po.title_ja AS post_ja, pe.name_en AS holder, pe.name_ja AS holder_ja, "
               "min(CASE WHEN t.certain_lo <= :date AND :date <= t.certain_hi "
               "THEN 'certain' ELSE 'possible' END) AS certainty, t.person_id, po.id AS post_id "
               "FROM post_terms t JOIN posts po ON po.id = t.post_id "
               "JOIN organisations o ON o.id = po.organisation_id "
               "LEFT JOIN people pe ON pe.id = t.person_id "
               "WHERE (t.certain_lo <= :date AND :date <= t.certain_hi) "
               "OR (t.possible_lo <= :date AND :date <= t.possible_hi AND NOT EXISTS ("
               "SELECT 1 FROM json_each(coalesce(t.possible_holes, '[]')) hole "
               "WHERE json_extract(hole.value, '$[0]') <= :date "
               "AND :date <= json_extract(hole.value, '$[1]'))) "
               "GROUP BY po.id, t.person_id ORDER BY side, organisation, post, certainty",
    },
    "meetings_of_two": {
        "title": "Meetings of two people / 二人が同席した会合",
        "description": "Every event both people attended. Give two person ids.",
        "params": ["person_a", "person_b"],
        "sql": "SELECT e.date, e.kind, e.title_en, e.title_ja, e.id FROM events e "
               "WHERE e.id IN (SELECT event_id FROM participations WHERE person_id = :person_a) "
               "AND e.id IN (SELECT event_id FROM participations WHERE person_id = :person_b) "
               "ORDER BY e.date_lo, e.date_hi, e.id",
    },
    "sources_of_event": {
        "title": "The sources of an event / 出来事の出典",
        "description": "The sources an event cites, in order: publisher, title (paraphrased = "
                       "our description, not the headline), date, address, and whether the "
                       "page was read in full or is only a lead.",
        "params": ["event_id"],
        "sql": "SELECT s.publisher, s.title, s.paraphrased_title, s.published, s.url, s.kind, "
               "s.status, c.locator FROM citations c JOIN sources s ON s.id = c.source_id "
               "WHERE c.fact_table = 'events' AND c.fact_id = :event_id ORDER BY c.id",
    },
}

TABLES: dict[str, dict[str, Any]] = {
    "events": {
        "title": "Events / 出来事",
        "description": "Meetings, visits, talks, treaties and statements between the DPRK and "
                       "the USSR/Russia, in time order. Dates keep the precision of the source "
                       "(2014 stays a year); date_lo/date_hi are its day bounds.",
        "label_column": "title_en", "sort": "date_lo", "facets": ["kind"],
        "fts_table": "events_fts", "fts_pk": "rowid",
        "columns": {"date": "Date as the source gives it / 日付(出典の精度)",
                    "kind": "summit, visit, talks, treaty, agreement, statement, military, "
                            "parliamentary, economic, other",
                    "title_en": "Title (our words)", "title_ja": "題名(要約)",
                    "summary_en": "Summary in our own words", "summary_ja": "要約"},
    },
    "participations": {
        "title": "Attendances / 出席", "facets": ["side"],
        "description": "Who was present at each event, in the order the source lists them, "
                       "with the title the source printed.",
    },
    "people": {"title": "People / 人物", "label_column": "name_en", "facets": ["country"],
               "description": "Every person in the record; their name forms are in names."},
    "names": {"title": "Name forms / 名前の表記", "facets": ["script", "lang"]},
    "posts": {"title": "Posts / 役職", "label_column": "title_en",
              "description": "A post exists apart from its holders; single_holder posts have "
                             "one holder at a time."},
    "organisations": {"title": "Organisations / 組織", "label_column": "name_en",
                      "facets": ["country"]},
    "post_terms": {"title": "Terms in post / 在任期間",
                   "description": "Who held which post from when to when (..DATE: in post by "
                                  "then; DATE..: still in post then). certain_*/possible_* are "
                                  "derived: the days the term surely or possibly covers."},
    "ranks": {"title": "Ranks / 階級", "label_column": "title_en"},
    "rank_changes": {"title": "Rank changes / 階級の変化", "facets": ["change"]},
    "places": {"title": "Places / 場所", "label_column": "name_en"},
    "sources": {"title": "Sources / 出典", "label_column": "title",
                "facets": ["kind", "status", "lang"],
                "description": "Every source cited. status lead = only a summary or an "
                               "encyclopedia was seen; paraphrased_title = the title is ours."},
    "citations": {"title": "Citations / 引用", "description": "Which source backs which fact."},
    "conflicts": {"title": "Where sources disagree / 出典の食い違い"},
    "conflict_claims": {"title": "The disagreeing claims / 食い違う主張"},
    "attendance_holdings": {"title": "Posts and ranks at each attendance / 出席時の役職・階級",
                            "description": "Derived: what ktimeline event shows for each "
                                           "person present, on the event's date."},
}
HIDDEN = ("name_keys", "name_spellings", "participant_sides", "events_fts", "events_short",
          "events_text")


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for a store served under the name ``database``."""
    tables: dict[str, Any] = {name: dict(config) for name, config in TABLES.items()}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {
        "title": "ktimeline: North Korea–Russia (and USSR) contacts / 朝露関係年表",
        "description": "Who met whom, when and where, with the post and rank each person held "
                       "that day, and the sources behind every fact.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }


def serve(store: Path, host: str, port: int) -> int:
    """Run Datasette on ``store`` (immutable: never written) until interrupted."""
    if importlib.util.find_spec("datasette") is None:
        raise RuntimeError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="ktimeline-web-") as directory:
        meta = Path(directory) / "metadata.json"
        meta.write_text(json.dumps(metadata(store.stem), ensure_ascii=False), "utf-8")
        return subprocess.run(
            [sys.executable, "-m", "datasette", "serve", "--immutable", str(store),
             "--metadata", str(meta), "--host", host, "--port", str(port),
             "--setting", "sql_time_limit_ms", "3000"], check=False).returncode
