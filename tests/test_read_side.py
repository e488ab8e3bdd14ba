"""The read side: connections by thread, the typed filter, the one resolver, the views."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from ktimeline.names.forms import NameForm
from ktimeline.names.tables import NAME_INDEX_DDL
from ktimeline.names.writer import write_rows
from ktimeline.personchoice import unresolved
from ktimeline.store import dates
from ktimeline.store.build import build
from ktimeline.store.filters import EventFilter, TimelineKey
from ktimeline.store.queries import Store

TINY = Path(__file__).parent / "tui" / "curated"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("read-side") / "events.db"
    build(TINY, target, TINY.parent)
    return target


@pytest.fixture
def store(tiny: Path) -> Store:
    opened = Store.open(tiny)
    yield opened  # type: ignore[misc]
    opened.close()


def test_each_thread_reads_on_a_connection_of_its_own(store: Store) -> None:
    seen: list[sqlite3.Connection] = []

    def ask() -> None:
        seen.append(store.connection)
        assert store.events.get("2014-military-visit") is not None

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    mine = store.connection
    assert len({id(c) for c in seen}) == 3 and all(c is not mine for c in seen)
    assert store.connection is mine  # the same thread asks on the same connection


def test_a_closed_store_closes_every_thread_s_connection(tiny: Path) -> None:
    store = Store.open(tiny)
    other: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: other.append(store.connection))
    thread.start()
    thread.join()
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        other[0].execute("SELECT 1")


def test_stop_when_cancels_statements_on_connections_opened_later(tiny: Path) -> None:
    store = Store.open(tiny)
    store.stop_when(lambda: True)
    failures: list[BaseException] = []

    def ask() -> None:
        try:
            store.connection.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                "WHERE i < 10000000) SELECT count(*) FROM n").fetchone()
        except sqlite3.OperationalError as error:
            failures.append(error)

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join()
    store.close()
    assert failures and "interrupted" in str(failures[0])


def test_the_sides_come_from_the_derived_table(store: Store) -> None:
    sides = store.timeline.sides()
    assert sides == sorted({"KP", "RU"} | set(sides)) and {"KP", "RU"} <= set(sides)
    counted = dict(store.connection.execute(
        "SELECT side, count(*) FROM participations GROUP BY side").fetchall())
    stored = dict(store.connection.execute(
        "SELECT side, attendances FROM participant_sides").fetchall())
    assert stored == counted


def test_the_empty_filter_is_every_event_and_a_side_narrows_it(store: Store) -> None:
    every = EventFilter()
    assert every.is_empty and not every.active and every.clauses() == []
    assert store.timeline.count(every) == len(store.events.listed())
    kp = EventFilter(side="KP")
    assert kp.active
    kp_events = {e["id"] for e in store.events.listed(kp)}
    assert kp_events and all(any(p["side"] == "KP" for p in e["participants"])
                             for e in store.events.listed(kp))
    assert store.timeline.count(kp) == len(kp_events) < store.timeline.count(every)


def test_paging_and_search_stepping_share_one_time_order(store: Store) -> None:
    page = store.timeline.page(None, 100)
    keys = [TimelineKey.of(row) for row in page]
    assert keys == sorted(keys, key=lambda k: (k.date_lo, k.date_hi, k.id))
    # Stepping forward through every event that mentions "summit" visits them in page order.
    found, here = [], None
    while (step := store.search.step("summit", here)) is not None:
        found.append(step["id"])
        here = TimelineKey.of(step)
    in_order = [row["id"] for row in page if row["id"] in set(found)]
    assert found == in_order and found
    assert [store.search.rank("summit", store.timeline.key_of(i) or here) for i in found] \
        == list(range(1, len(found) + 1))


def test_the_resolver_takes_an_id_or_a_clear_name(store: Store) -> None:
    assert store.people.resolve("ri-yong-gil").person_id == "ri-yong-gil"
    assert store.people.resolve("Ri Yong Gil").person_id == "ri-yong-gil"
    assert store.people.resolve("リ・ヨンギル").person_id == "ri-yong-gil"
    assert store.people.resolve("ri-yong-gill").person_id == "ri-yong-gil"  # a typo, fuzzily
    nobody = store.people.resolve("Qwxz Plmk")
    assert nobody.person_id is None and not nobody.candidates
    assert unresolved(nobody, lambda m: m.person_id) == "no person matches 'Qwxz Plmk'"
    in_japanese = unresolved(nobody, lambda m: m.person_id, "ja")
    assert in_japanese == "「Qwxz Plmk」に当てはまる人物はいません"


def test_person_matches_put_an_exact_id_first(store: Store) -> None:
    matches = store.people.matches("kim-jong-un")
    assert matches[0].person_id == "kim-jong-un" and matches[0].score == 100.0
    assert matches[0].person["name_en"] == "Kim Jong Un"
    by_name = store.people.matches("Kim Jong Un")
    assert by_name[0].person_id == "kim-jong-un"
    assert by_name[0].latest_term is not None
    assert by_name[0].latest_term["post_id"] == "kp-sac-chair"


def test_the_lineup_names_each_post_s_holder_on_the_day(store: Store) -> None:
    lineup = store.views.lineup(dates.parse("2019-04-25"))
    posts = {p["post_id"]: p for p in lineup["posts"]}
    assert lineup["date"] == "2019-04-25" and set(posts) >= {"kp-cgs", "ru-president"}
    assert [(h["person_id"], h["certainty"]) for h in posts["kp-cgs"]["holders"]] \
        == [("ri-yong-gil", "certain")]
    assert posts["kp-mnd-minister"]["holders"] == []  # his term there starts in 2021
    assert {p["side"] for p in store.views.lineup(dates.parse("2019"), side="RU")["posts"]} \
        == {"RU"}


def test_a_post_s_history_shows_its_terms_in_order_with_the_gap(store: Store) -> None:
    post = store.views.post("kp-cgs")
    assert post is not None and post["single_holder"]
    terms = [(t["person_id"], t["start"], t["end"]) for t in post["terms"]]
    assert terms[:2] == [("ri-yong-gil", "2013-08", "2016-02"),
                         ("ri-yong-gil", "2018-07", "2019-09")]
    assert post["terms"][1]["after"] == "gap"
    assert post["terms"][0]["sources"][0]["id"] == "src-b"
    assert store.views.post("no-such-post") is None
    assert [p["post_id"] for p in store.views.find_posts("kp-cgs")] == ["kp-cgs"]


def test_the_name_writer_leaves_its_caller_s_transaction_open(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ktimeline.names import writer

    monkeypatch.setattr(writer, "PARALLEL_FROM", 10)
    monkeypatch.setattr(writer.os, "cpu_count", lambda: 2)
    connection = sqlite3.connect(":memory:")
    connection.executescript(NAME_INDEX_DDL)
    connection.execute("CREATE TABLE marker (x)")
    connection.commit()
    connection.execute("INSERT INTO marker VALUES (1)")  # the caller's open transaction
    forms = [(n, NameForm(f"p{n}", "Ri Yong Gil", "latin", "en")) for n in range(1, 41)]
    write_rows(connection, forms)
    assert connection.in_transaction
    connection.rollback()  # the caller decides: nothing it wrote, the names included, stays
    assert connection.execute("SELECT count(*) FROM marker").fetchone()[0] == 0
    assert connection.execute("SELECT count(*) FROM name_spellings").fetchone()[0] == 0


def test_lineup_and_post_on_the_command_line(run_cli, tiny: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    lineup = json.loads(run_cli("--db", str(tiny), "lineup", "2019-04-25", "--json").out)
    cgs = next(p for p in lineup["posts"] if p["post_id"] == "kp-cgs")
    assert set(cgs) >= {"post_id", "title_en", "title_ja", "organisation_en", "organisation_ja",
                        "side", "holders"}
    assert cgs["holders"] == [{"person_id": "ri-yong-gil", "name_en": "Ri Yong Gil",
                               "name_ja": "李永吉", "start": "2018-07", "end": "2019-09",
                               "certainty": "certain"}]
    changed = json.loads(run_cli("--db", str(tiny), "lineup", "2019-04-25", "--compare",
                                 "2022-01-01", "--json").out)
    assert changed["compare_date"] == "2022-01-01"
    moved = {p["post_id"]: p for p in changed["posts"]}
    assert moved["kp-cgs"]["compare_holders"] == [] and "ru-president" not in moved
    assert moved["kp-mnd-minister"]["compare_holders"][0]["person_id"] == "ri-yong-gil"
    text = run_cli("--db", str(tiny), "lineup", "2019-04-25", "--side", "kp").out
    assert "Ri Yong Gil" in text and "Putin" not in text

    post = json.loads(run_cli("--db", str(tiny), "post", "kp-cgs", "--json").out)
    assert [t["after"] for t in post["terms"][1:]] == ["gap"]
    assert "a gap in the record" in run_cli("--db", str(tiny), "post", "kp-cgs").out
    unknown = run_cli("--db", str(tiny), "post", "no such post at all")
    assert unknown.code == 2 and "no post matches" in unknown.err


def test_meetings_of_two_people(run_cli, tiny: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    both = json.loads(run_cli("--db", str(tiny), "events", "--person", "Ri Yong Gil",
                              "--person", "vladimir-putin", "--json").out)
    assert both and all({"ri-yong-gil", "vladimir-putin"}
                        <= {p["person_id"] for p in e["participants"]} for e in both)
    alone = json.loads(run_cli("--db", str(tiny), "events", "--person", "ri-yong-gil",
                               "--json").out)
    assert len(both) < len(alone)
