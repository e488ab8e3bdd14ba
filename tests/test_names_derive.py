"""derive: the one derivation of a name form's keys, and the shortcuts it takes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from ktimeline.names.derive import _word, derive
from ktimeline.names.forms import NameForm
from ktimeline.names.normalise import spelling_of_clean
from ktimeline.names.romanise import romanise_word


def test_a_hangul_word_is_its_syllables() -> None:
    """The shortcut for hangul words holds for every precomposed syllable: each spells as itself
    and romanises as one token, alone as within a word (anyascii capitalises each syllable)."""
    syllables = [chr(code) for code in range(0xAC00, 0xD7A4)]
    for char in syllables:
        assert spelling_of_clean(char) == char
        assert len(romanise_word(char)) == 1
    for start in range(0, len(syllables) - 3, 7):
        word = "".join(syllables[start:start + 3])
        assert _word.__wrapped__(word) == (spelling_of_clean(word), romanise_word(word))


def test_derive_gives_each_kind_of_key() -> None:
    derived = derive(NameForm("ri-yong-gil", "리영길", "hangul", "ko"))
    assert (derived.typed, derived.roman) == ("리영길", "liyeonggil")
    assert derived.native_parts == ("리", "리영길", "영길")
    assert derived.whole_keys == ("riyonir",)
    assert derived.part_keys == ("kir", "ri", "riyonir", "yon", "yonir")
    assert {kind for kind, _ in derived.rows()} == {"native", "key", "part"}
    latin = derive(NameForm("ri-yong-gil", "Ri Yong-gil", "latin", "en", "dprk"))
    assert (latin.typed, latin.roman, latin.native_parts) == ("riyonggil", "riyonggil", ())
    assert (latin.whole_keys, latin.part_keys) == (derived.whole_keys, derived.part_keys)


def test_derive_is_pure() -> None:
    form = NameForm("p", "キム・ジョンウン", "katakana", "ja")
    assert derive(form) == derive(form) == derive(NameForm("q", form.text, form.script, "ja"))


def _name_tables(forms: list[NameForm]) -> tuple[list[tuple[object, ...]], ...]:
    from ktimeline.names.tables import NAME_INDEX_DDL
    from ktimeline.names.writer import write_rows

    connection = sqlite3.connect(":memory:")
    connection.executescript(NAME_INDEX_DDL)
    write_rows(connection, list(enumerate(forms, start=1)))
    return (connection.execute("SELECT * FROM name_keys ORDER BY kind, key").fetchall(),
            connection.execute("SELECT * FROM name_spellings ORDER BY name_id").fetchall())


def test_many_forms_are_derived_over_several_processes_with_the_same_rows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ktimeline.names import writer as derive_module

    people = ["Ri Yong Gil", "リ・ヨンギル", "리영길", "李永吉", "Владимир Путин", "Kim Jong Un",
              "Lee Yong-gil", "キム・ジョンウン"]
    scripts = ["latin", "katakana", "hangul", "kanji", "cyrillic", "latin", "latin", "katakana"]
    forms = [NameForm(f"p{number}", text, script, "xx")
             for number in range(30) for text, script in zip(people, scripts, strict=True)]
    monkeypatch.setattr(derive_module.os, "cpu_count", lambda: 3)
    alone = _name_tables(forms)
    monkeypatch.setattr(derive_module, "PARALLEL_FROM", 10)
    assert len(derive_module._shares([(n, f.text, f.script) for n, f in enumerate(forms)])) == 3
    shared = _name_tables(forms)
    assert shared == alone
    keys, spellings = shared
    assert [row[0] for row in spellings] == list(range(1, 241))
    # Every form of Ri Yong Gil's 30 copies, each array ascending across the three shares.
    riyonir = dict(((kind, key), ids) for kind, key, ids in keys)[("key", "riyonir")]
    ids = json.loads(riyonir)
    assert ids == sorted(ids) and {1, 2, 3, 7, 233, 234, 235, 239} <= set(ids)
