"""derive: the one derivation of a name form's keys, and the shortcuts it takes."""

from __future__ import annotations

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


def test_many_forms_are_derived_over_several_processes_with_the_same_rows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ktimeline.names import derive as derive_module

    people = ["Ri Yong Gil", "リ・ヨンギル", "리영길", "李永吉", "Владимир Путин", "Kim Jong Un",
              "Lee Yong-gil", "キム・ジョンウン"]
    numbered = [(number, text, "latin") for number, text in enumerate(people * 30, start=1)]
    alone = derive_module._derive_grouped(numbered)
    monkeypatch.setattr(derive_module, "PARALLEL_FROM", 10)
    shared = derive_module._derive_grouped(numbered)
    assert shared == alone
    assert shared[1]["key"] and [n for n, _t, _r in shared[0]] == list(range(1, 241))
