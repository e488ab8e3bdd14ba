"""The record as a web page: Datasette over the store, read-only, with metadata that makes it
readable (titles and descriptions in both languages, names for ids, facets, full-text search)
and canned queries for the questions analysts ask. ``ktimeline serve`` starts it."""

from __future__ import annotations

import importlib.util
import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

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

# What a column of this name holds in whichever table it is; a table's own entry overrides it.
COMMON_COLUMNS = {
    "id": _both("identifier", "識別子"),
    "note": _both("note for readers", "注記"),
    "name_en": _both("name in English", "英語名"),
    "name_ja": _both("name in Japanese", "日本語名"),
    "title_en": _both("title in English", "英語の名称"),
    "title_ja": _both("title in Japanese", "日本語の名称"),
    "country": _both("KP (DPRK), RU (Russia), SU (USSR), KR, JP, CN, US or other",
                     "国・側: KP 北朝鮮、RU ロシア、SU ソ連 など"),
    "person_id": _both("the person", "人物"), "event_id": _both("the event", "出来事"),
    "post_id": _both("the post", "役職"), "rank_id": _both("the rank", "階級"),
    "source_id": _both("the source", "出典"),
    "organisation_id": _both("the organisation the post belongs to", "役職が属する組織"),
    "system_id": _both("the rank system (KPA, Russian armed forces, ...)", "階級の体系"),
    "aliases": _both("other forms the press prints (JSON list)", "報道での別表記(JSONの配列)"),
    "seniority": _both("higher is more senior, within the system", "体系内の序列(大きいほど上位)"),
    "single_holder": _both("1 when one person holds the post at a time", "一度に一人なら1"),
    "publisher": _both("publisher, agency or site", "発行元"),
    "author": _both("author, where the page names one", "著者"),
    "title": _both("the page's headline (ours when paraphrased_title is 1)",
                   "見出し(paraphrased_title が1なら要約)"),
    "published": _both("publication date as seen on the page", "掲載日(ページの表記どおり)"),
    "url": _both("address of the page", "URL"),
    "lang": _both("language: ja, en, ko, ru", "言語"),
    "kind": _both("kind", "種類"),
    "status": _both("read: the page was read in full; lead: only a summary or an encyclopedia "
                    "entry was seen", "read=全文を確認、lead=要約・事典のみ"),
    "paraphrased_title": _both("1 when title is our description, not the headline",
                               "題名が要約なら1"),
    "text": _both("the name as printed", "表記"),
    "script": _both("kanji, katakana, hiragana, hangul, latin, cyrillic or mixed", "文字体系"),
    "scheme": _both("romanisation: dprk, mr, rr, press, english, bgn, ...", "ローマ字表記法"),
    "preferred": _both("1 for the form shown in this language", "この言語で表示する表記なら1"),
    "reading_of": _both("the kanji form this katakana reads", "このカタカナが読む漢字表記"),
    "change": _both("promotion, demotion, restoration or held", "昇進・降格・復帰・held"),
    "certain_lo": _both("first day the term surely covers (derived)", "確実に在任の最初の日(派生)"),
    "certain_hi": _both("last day the term surely covers (derived)", "確実に在任の最後の日(派生)"),
    "possible_lo": _both("first day the term may cover, after the record's exclusions (derived)",
                         "在任の可能性がある最初の日(派生)"),
    "possible_hi": _both("last day the term may cover (derived)",
                         "在任の可能性がある最後の日(派生)"),
    "possible_holes": _both("days within those the term cannot cover: another holder's certain "
                            "days (JSON, derived)", "他の在任者が確実に在任の期間(JSON、派生)"),
    "fact_table": _both("the table of the fact cited", "引用される事実の表"),
    "fact_id": _both("the fact cited", "引用される事実"),
    "locator": _both("where in the source: p3 = paragraph 3", "出典内の位置(p3=第3段落)"),
    "subject_table": _both("the table the disagreement is about", "食い違いの対象の表"),
    "subject_id": _both("what the disagreement is about", "食い違いの対象"),
    "field": _both("the field the sources disagree on", "食い違う項目"),
    "reason": _both("why the preferred claim is preferred", "採用した主張の理由"),
    "conflict_id": _both("the disagreement", "食い違い"),
    "value": _both("what this source claims", "その出典の主張"),
    "item": _both("post or rank", "役職か階級か"),
    "ord": _both("order", "順序"),
    "item_id": _both("the post or rank", "役職または階級"),
    "certainty": _both("certain, or possible where the record leaves it open",
                       "確実(certain)か、記録上ありうる(possible)か"),
    "start": _both("start as the source gives it", "開始(出典どおり)"),
    "end": _both("end as the source gives it", "終了(出典どおり)"),
    "year": _both("the year the event may begin in", "出来事が始まりうる年"),
}


def column_description(table: str, column: str) -> str | None:
    """A column's description in both languages; ``_lo``/``_hi`` are the bounds of a date."""
    own = TABLES.get(table, {}).get("columns", {})
    if column in own:
        return str(own[column])
    if column in COMMON_COLUMNS:
        return COMMON_COLUMNS[column]
    for suffix, en, ja in (("_lo", "first", "最初"), ("_hi", "last", "最後")):
        if column.endswith(suffix):
            base = column[:-len(suffix)]
            return _both(f"{en} day {base} can mean", f"{base} が指しうる{ja}の日")
    return None


TABLES: dict[str, dict[str, Any]] = {
    "events": {
        "title": "Events / 出来事",
        "description": _both(
            "meetings, visits, talks, treaties and statements between the DPRK and the "
            "USSR/Russia, in time order",
            "北朝鮮とソ連・ロシアの会談、訪問、条約、声明など(時系列)"),
        "label_column": "title_en", "sort": "date_lo", "facets": ["kind", "year"],
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
    "rank_systems": {"title": "Rank systems / 階級体系", "label_column": "name_en"},
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
    "event_json": {"title": "Each event as JSON / 出来事のJSON",
                   "description": _both("derived: the object ktimeline events --json prints for "
                                        "each event", "派生: ktimeline events --json が出力する"
                                        "出来事ごとのオブジェクト"),
                   "columns": {"event_rowid": _both("the event's rowid", "出来事の rowid"),
                               "json": _both("the event, the people present with post and rank "
                                             "that day, and the sources (JSON)",
                                             "出来事・出席者(その日の役職と階級)・出典(JSON)")}},
}
HIDDEN = ("name_keys", "name_spellings", "participant_sides", "events_fts", "events_short",
          "events_text", *(f"{index}_{shadow}" for index in ("events_fts", "events_short")
                           for shadow in ("data", "idx", "config")))


def metadata(database: str, columns: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """Datasette's metadata for a store served under the name ``database``; ``columns`` (each
    table's columns) gives every column its description."""
    tables: dict[str, Any] = {name: dict(config) for name, config in TABLES.items()}
    for table, names in (columns or {}).items():
        if table in HIDDEN:
            continue
        described = {name: column_description(table, name) for name in names}
        tables.setdefault(table, {})["columns"] = {
            name: text for name, text in described.items() if text}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {
        "title": "ktimeline: North Korea–Russia (and USSR) contacts / 朝露関係年表",
        "description": "Who met whom, when and where, with the post and rank each person held "
                       "that day, and the sources behind every fact.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }


def store_columns(store: Path) -> dict[str, list[str]]:
    """Every table's columns, generated ones included, as Datasette lists them."""
    connection = sqlite3.connect(f"file:{quote(str(store))}?mode=ro&immutable=1", uri=True)
    try:
        names = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: [row[1] for row in connection.execute(f'PRAGMA table_xinfo("{name}")')]
                for name in names}
    finally:
        connection.close()


def serve(store: Path, host: str, port: int) -> int:
    """Run Datasette on ``store`` (immutable: never written) until interrupted or terminated;
    Datasette stops with it."""
    if importlib.util.find_spec("datasette") is None:
        raise RuntimeError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="ktimeline-web-") as directory:
        meta = Path(directory) / "metadata.json"
        described = metadata(store.stem, store_columns(store))
        meta.write_text(json.dumps(described, ensure_ascii=False), "utf-8")
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
