"""The name tables a store carries: written for every form by the build and the synthetic
generator, read by the same lookup as an in-memory index, and required of a current store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import names_accuracy  # a helper module beside the tests (pytest puts tests/ on sys.path)
from ktimeline.names.derive import derive
from ktimeline.names.forms import Match, NameForm
from ktimeline.names.lookup import NameIndex
from ktimeline.names.writer import write_rows
from ktimeline.store.db import StoreError, bundled_store
from ktimeline.store.queries import Store
from ktimeline.store.schema import NAME_INDEX_DDL, SCHEMA_VERSION
from ktimeline.store.synthetic import generate

QUERIES = [
    "Ri Yong Gil", "ri yongiru", "리영길", "李永吉", "リ・ヨンギル", "Lee Yong-gil", "Putin",
    "Путин", "プーチン", "Kim", "キム", "김", "Kim Jong Un", "kimu jonun", "Ri Yong G", "Sergei",
    "Ivanov", "Serge Ivanof", "Choe", "Pak Nam Su", "박남수", "Kim Yong-nam", "x", "", "a" * 300,
    "李",
]


def forms_of(path: Path) -> list[NameForm]:
    with sqlite3.connect(path) as connection:
        return [NameForm(*row) for row in connection.execute(
            "SELECT person_id, text, script, lang, scheme FROM names ORDER BY id")]


def results(index: NameIndex, query: str) -> list[Match]:
    return index.find(query, 20)


def assert_same_as_in_memory(path: Path) -> None:
    store = Store.open(path)
    try:
        stored = store.people.name_index()
        in_memory = NameIndex(forms_of(path))
        for query in QUERIES:
            assert results(stored, query) == results(in_memory, query), query
        assert len(stored) == len(in_memory) > 0
    finally:
        store.close()


def stored_keys(path: Path) -> dict[tuple[str, str], list[int]]:
    with sqlite3.connect(path) as connection:
        return {(kind, key): json.loads(ids) for kind, key, ids in connection.execute(
            "SELECT kind, key, name_ids FROM name_keys")}


def assert_every_form_keyed(path: Path) -> None:
    """Every name form has its spellings row and exactly the keys ``derive`` gives it."""
    with sqlite3.connect(path) as connection:
        names = connection.execute(
            "SELECT n.id, n.person_id, n.text, n.script, n.lang, n.scheme, s.typed, s.roman "
            "FROM names n LEFT JOIN name_spellings s ON s.name_id = n.id ORDER BY n.id").fetchall()
    expected: dict[tuple[str, str], list[int]] = {}
    for number, *fields, typed, roman in names:
        derived = derive(NameForm(*fields))
        assert (typed, roman) == (derived.typed, derived.roman), fields
        for pair in derived.rows():
            expected.setdefault(pair, []).append(number)
    assert stored_keys(path) == expected


def test_a_built_store_finds_what_the_in_memory_index_finds(store_path: Path) -> None:
    assert_same_as_in_memory(store_path)


def test_a_built_store_keys_every_form(store_path: Path) -> None:
    assert_every_form_keyed(store_path)


def test_the_bundled_store_keys_every_form_and_finds_alike() -> None:
    assert_every_form_keyed(bundled_store())
    assert_same_as_in_memory(bundled_store())


def test_a_synthetic_store_finds_what_the_in_memory_index_finds(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.db"
    generate(path, events=4000, seed=5)
    assert_every_form_keyed(path)
    assert_same_as_in_memory(path)


def test_the_store_index_matches_the_accuracy_set(tmp_path: Path) -> None:
    """The accuracy set's forms written as a store's names: the same answers, all 1,400 queries."""
    people = names_accuracy.load_people()
    forms = names_accuracy.name_forms(people)
    path = tmp_path / "names.db"
    with sqlite3.connect(path) as connection:
        connection.executescript("CREATE TABLE names (id INTEGER PRIMARY KEY, person_id TEXT, "
                                 "text TEXT, script TEXT, lang TEXT, scheme TEXT);"
                                 + NAME_INDEX_DDL)
        numbered = list(enumerate(forms, start=1))
        connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?)",
                               [(n, f.person_id, f.text, f.script, f.lang, f.scheme)
                                for n, f in numbered])
        write_rows(connection, numbered)
    stored = NameIndex.of_store(sqlite3.connect(path, check_same_thread=False))
    in_memory = NameIndex(forms)
    for case in names_accuracy.cases(people):
        assert stored.find(case.query, 10) == in_memory.find(case.query, 10), case.query


def test_the_matched_form_is_in_the_query_script() -> None:
    index = NameIndex(forms_of(bundled_store()))
    assert index.find("Путин", 1)[0].matched == "Владимир Путин"
    assert index.find("プーチン", 1)[0].matched == "プーチン"
    assert index.find("Putin", 1)[0].matched == "Vladimir Putin"


def test_a_store_without_name_tables_is_refused(store_path: Path, tmp_path: Path) -> None:
    """A store of schema version 2 (before the name tables) asks to be rebuilt; one that claims
    the current version without them is not a ktimeline store."""
    old = tmp_path / "old.db"
    old.write_bytes(store_path.read_bytes())
    with sqlite3.connect(old) as connection:
        connection.executescript("DROP TABLE name_keys; DROP TABLE name_spellings; "
                                 "PRAGMA user_version = 2;")
    with pytest.raises(StoreError, match=r"schema version 2 is older than .*'ktimeline build'"):
        Store.open(old)
    with sqlite3.connect(old) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    with pytest.raises(StoreError, match="not a ktimeline store"):
        Store.open(old)
