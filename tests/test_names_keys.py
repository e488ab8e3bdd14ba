"""Phonetic keys and the normaliser: where romanisation systems meet, and that odd text is safe."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktimeline.names.keys import (
    canonical_surname,
    fine_key,
    form_keys,
    key_of,
    name_key,
    phonetic,
    unspaced_keys,
)
from ktimeline.names.normalise import clean, spelling
from ktimeline.names.romanise import romanise

SAME = [
    # surnames
    *[(variant, "Ri") for variant in ("Li", "Lee", "Yi", "I", "Rhee")],
    ("Choi", "Choe"), ("Che", "Choe"), ("Park", "Pak"), ("Bak", "Pak"),
    ("Noh", "No"), ("Ro", "No"), ("Roh", "No"), ("Oh", "O"), ("Cho", "Jo"), ("Shin", "Sin"),
    ("Hyun", "Hyon"), ("Hyeon", "Hyon"), ("Gim", "Kim"), ("Lim", "Im"), ("Rim", "Im"),
    ("Gang", "Kang"),
    # vowels, consonants, katakana's extra vowels, diacritics, apostrophes, width
    ("Yeong", "Yong"), ("Yŏng", "Yong"), ("Eun", "Un"), ("Ŭn", "Un"), ("Hee", "Hi"),
    ("Jong", "Chong"), ("Tsong", "Jong"), ("Lyong", "Ryong"), ("Vladimir", "Bladimir"),
    ("Khan", "Kan"), ("Shon", "Son"), ("kimu", "Kim"), ("giru", "gil"), ("paku", "Pak"),
    ("Ch'ŏl", "Chol"), ("ｋｉｍ", "kim"), ("Ｋｉｍ　Ｊｏｎｇ－ｕｎ", "Kim Jong-un"),
    # whole names, spaced or not
    ("riyonggil", "Ri Yong-gil"), ("ri yongiru", "Ri Yong Gil"), ("Lee Yong-gil", "Ri Yong Gil"),
    ("I Yeonggil", "Ri Yong Gil"), ("Yi Yo'ng-kil", "Ri Yong Gil"), ("리영길", "Ri Yong Gil"),
    ("リヨンギル", "Ri Yong Gil"), ("りよんぎる", "Ri Yong Gil"), ("ﾘ･ﾖﾝｷﾞﾙ", "Ri Yong Gil"),
    ("キム・ジョンウン", "Kim Jong-un"), ("김정은", "Kim Jong Un"), ("Kim Chŏng-ŭn", "Kim Jong Un"),
    ("Путин", "Putin"), ("プーチン", "Putin"), ("オ・グムチョル", "O Kum Chol"),
    ("ノ・グァンチョル", "No Kwang Chol"), ("Hyeon Yeong-cheol", "Hyon Yong Chol"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_spellings_of_one_name_share_a_key(one: str, other: str) -> None:
    assert key_of(one) == key_of(other)


@pytest.mark.parametrize(("one", "other"), [
    ("Kim", "Pak"), ("Ri Yong Gil", "Ri Yong Ho"), ("O Kum Chol", "O Kuk Ryol"),
    ("Putin", "Putilin"), ("Ryabkov", "Ryabov"), ("No", "O"), ("Choe", "Jo"),
])
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert key_of(one) != key_of(other)


def test_fine_key_tells_apart_what_the_key_merges() -> None:
    """Yong Gil and Yong Il share the loose key; the fine key follows katakana's ン."""
    assert key_of("Ri Yong Gil") == key_of("Ri Yong Il")
    gil, il = fine_key(romanise("Ri Yong Gil")), fine_key(romanise("Ri Yong Il"))
    assert gil != il
    assert fine_key(romanise("ri yongiru")) == gil
    assert fine_key(romanise("リ・ヨンイル")) == il


def test_kanji_are_not_read_as_japanese_words() -> None:
    assert romanise("李永吉") == []
    assert key_of("李永吉") == ""


@pytest.mark.parametrize(("text", "tokens"), [
    ("Ri Yong-gil", ["ri", "yong", "gil"]), ("리영길", ["li", "yeong", "gil"]),
    ("LiYeongGil", ["li", "yeong", "gil"]), ("キム・ジョンウン", ["kimu", "jonun"]),
    ("Владимир Путин", ["vladimir", "putin"]), ("Ri Yŏnggil", ["ri", "yonggil"]),
])
def test_romanise(text: str, tokens: list[str]) -> None:
    assert romanise(text) == tokens


# -- properties ------------------------------------------------------------------------------
ANY_TEXT = st.text(max_size=60)
LATIN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"]).filter(
            lambda c: unicodedata.name(c, "").startswith("LATIN")),
        st.characters(min_codepoint=0x300, max_codepoint=0x36F),  # combining diacritics
        st.sampled_from(list(" -'’.‐")),
    ),
    max_size=40)


@pytest.mark.fuzz
@given(ANY_TEXT)
def test_normaliser_never_raises_and_is_idempotent(text: str) -> None:
    once = spelling(text)
    assert spelling(once) == once
    assert clean(clean(text)) == clean(text)


@pytest.mark.fuzz
@given(LATIN_TEXT)
def test_normaliser_gives_ascii_for_latin_script_input(text: str) -> None:
    assert spelling(text).isascii()


@pytest.mark.fuzz
@given(ANY_TEXT)
def test_key_never_raises_and_is_ascii_letters(text: str) -> None:
    key = key_of(text)
    assert key == "" or (key.isascii() and key.isalpha() and key.islower())
    assert all(token.isascii() and token.isalpha() for token in romanise(text))


@pytest.mark.fuzz
@given(st.text(max_size=30))
def test_phonetic_gives_lowercase_ascii_letters(text: str) -> None:
    key = phonetic(text)
    assert key == "" or (key.isascii() and key.isalpha() and key.islower())


@given(st.lists(st.sampled_from(
    ["ri", "lee", "kim", "gim", "o", "oh", "park", "yong", "gil", "chol", "un", "jong", "nam",
     "kimu", "yonchoru", "leeyonggil", "sergei", "h", "", "ng", "uu"]), max_size=4))
def test_form_keys_are_the_keys_of_the_whole_name_and_of_its_parts(tokens: list[str]) -> None:
    """The build's folded-once derivation gives what the query-side functions give."""
    whole_keys, part_keys = form_keys(tokens)
    if not tokens:
        assert (whole_keys, part_keys) == (set(), set())
        return
    whole = name_key(tokens)
    expected_whole = {whole} | (unspaced_keys(tokens[0]) if len(tokens) == 1 else set())
    expected_parts = {phonetic(token) for token in tokens} | {
        phonetic(canonical_surname(tokens[0])), whole}
    if len(tokens) > 2:
        expected_parts.add(name_key(["", *tokens[1:]]))  # the given name alone
    assert whole_keys == expected_whole - {""}
    assert part_keys == expected_parts - {""}
