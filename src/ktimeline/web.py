"""The record as a web page: Datasette over the store, read-only, with metadata that makes it
readable (titles and descriptions in both languages, names for ids, facets, full-text search)
and canned queries for the questions analysts ask. ``ktimeline serve`` starts it."""

from __future__ import annotations

import importlib.util
import json
import signal
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

def _both(en: str, ja: str) -> str:
    return f"{en} / {ja}"


# Columns every dated table shares: the source's text and its day bounds.
_DATED = {"date": _both("date as the source gives it (2014 stays a year)",
                        "出典どおりの精度の日付(年だけなら年)"),
          "date_lo": _both("first day the date can mean", "日付が指しうる最初の日"),
          "date_hi": _both("last day the date can mean", "日付が指しうる最後の日")}

TABLES: dict[str, dict[str, Any]] = {
    "events": {
        "title": "Events / 出来事",
        "description": _both(
            "meetings, visits, talks, treaties and statements between the DPRK and the "
            "USSR/Russia, in time order",
            "北朝鮮とソ連・ロシアの会談、訪問、条約、声明など(時系列)"),
        "label_column": "title_en", "sort": "date_lo", "facets": ["kind"],
        "fts_table": "events_fts", "fts_pk": "rowid",
        "columns": {**_DATED,
                    "kind": _both("summit, visit, talks, treaty, agreement, statement, "
                                  "military, parliamentary, economic, other", "出来事の種類"),
                    "end_date": _both("last day, for events of several days", "終了日"),
                    "place_id": _both("where it took place", "場所"),
                    "title_en": _both("title, in our words", "英語の題名(要約)"),
                    "title_ja": _both("title in Japanese, in our words", "日本語の題名(要約)"),
                    "summary_en": _both("summary in our own words", "英語の要約"),
                    "summary_ja": _both("summary in Japanese, in our own words", "日本語の要約"),
                    "note": _both("note for readers", "注記")},
    },
    "participations": {
        "title": "Attendances / 出席", "facets": ["side"],
        "description": _both("who was present at each event, in the order the source lists "
                             "them", "各出来事の出席者(出典の記載順)"),
        "columns": {"event_id": _both("the event", "出来事"),
                    "person_id": _both("the person present", "出席者"),
                    "side": _both("KP (DPRK), RU (Russia), SU (USSR) or other",
                                  "側: KP 北朝鮮、RU ロシア、SU ソ連、other その他"),
                    "role": _both("role at the event", "役割"),
                    "ord": _both("place in the source's list", "出典の記載順"),
                    "printed_title": _both("the title the source printed for them",
                                           "出典が記した肩書き"),
                    "disputed": _both("1 when the printed title disagrees with the career on "
                                      "purpose (see note)", "肩書きが経歴と食い違う場合は1")},
    },
    "people": {"title": "People / 人物", "label_column": "name_en", "facets": ["country"],
               "description": _both("every person in the record; every name form is in names",
                                    "人物(すべての表記は names 表)"),
               "columns": {"name_en": _both("preferred English form", "英語の表記"),
                           "name_ja": _both("preferred Japanese form", "日本語の表記"),
                           "born": _both("birth, as a source gives it", "生年"),
                           "died": _both("death, as a source gives it", "没年")}},
    "names": {"title": "Name forms / 名前の表記", "facets": ["script", "lang"],
              "description": _both("every spelling of every person, each citing where it was "
                                   "seen printed", "人物の全表記(出典つき)")},
    "posts": {"title": "Posts / 役職", "label_column": "title_en",
              "description": _both("a post exists apart from its holders; single_holder posts "
                                   "have one holder at a time", "役職(single_holder は一人ずつ)"),
              "columns": {"established": _both("when the post came into being", "設置"),
                          "abolished": _both("when it ended", "廃止"),
                          "military": _both("1 when holders are serving officers",
                                            "現役軍人の役職なら1")}},
    "organisations": {"title": "Organisations / 組織", "label_column": "name_en",
                      "facets": ["country"]},
    "post_terms": {"title": "Terms in post / 在任期間",
                   "description": _both(
                       "who held which post from when to when (..DATE: in post by then; "
                       "DATE..: still in post then); certain_* and possible_* are derived: the "
                       "days the term surely or possibly covers",
                       "在任期間(..日付=その時点で在任、日付..=その時点でまだ在任)"),
                   "columns": {"start_date": _both("appointment, as the source gives it", "就任"),
                               "end_date": _both("departure (empty: still in post)", "退任")}},
    "ranks": {"title": "Ranks / 階級", "label_column": "title_en"},
    "rank_changes": {"title": "Rank changes / 階級の変化", "facets": ["change"],
                     "description": _both("promotion, demotion, restoration, or held (a source "
                                          "attests the rank on a date)",
                                          "昇進・降格・復帰、または held(その日の階級の確認)"),
                     "columns": _DATED},
    "places": {"title": "Places / 場所", "label_column": "name_en"},
    "sources": {"title": "Sources / 出典", "label_column": "title",
                "facets": ["kind", "status", "lang"],
                "description": _both("every source cited; status lead = only a summary or an "
                                     "encyclopedia was seen; paraphrased_title = the title is ours",
                                     "出典(lead=要約・事典のみ確認、paraphrased_title=題名は要約)")},
    "citations": {"title": "Citations / 引用",
                  "description": _both("which source backs which fact, with a locator",
                                       "どの出典がどの事実を支えるか")},
    "conflicts": {"title": "Where sources disagree / 出典の食い違い"},
    "conflict_claims": {"title": "The disagreeing claims / 食い違う主張"},
    "attendance_holdings": {"title": "Posts and ranks at each attendance / 出席時の役職・階級",
                            "description": _both("derived: what ktimeline event shows for "
                                                 "each person present, on the event's date",
                                                 "派生: 出来事の日の出席者の役職と階級")},
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
    """Run Datasette on ``store`` (immutable: never written) until interrupted or terminated;
    Datasette stops with it."""
    if importlib.util.find_spec("datasette") is None:
        raise RuntimeError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="ktimeline-web-") as directory:
        meta = Path(directory) / "metadata.json"
        meta.write_text(json.dumps(metadata(store.stem), ensure_ascii=False), "utf-8")
        server = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", "--immutable", str(store),
             "--metadata", str(meta), "--host", host, "--port", str(port),
             "--setting", "sql_time_limit_ms", "3000"])
        previous = signal.signal(signal.SIGTERM, _terminated)
        try:
            return server.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)
            if server.poll() is None:  # interrupted or terminated: the server goes too
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
