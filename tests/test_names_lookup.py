"""NameIndex.find over the fixed test set: the examples of the tracker's issue, partial names,
people sharing a spelling, ranking order and odd input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import names_accuracy  # a helper module beside the tests (pytest puts tests/ on sys.path)
from ktimeline.names.lookup import EXACT_KEY, EXACT_PART, EXACT_SPELLING, Match, NameIndex


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(names_accuracy.name_forms(names_accuracy.load_people()))


def ids(matches: list[Match]) -> list[str]:
    return [m.person_id for m in matches]


@pytest.mark.parametrize("query", [
    "ri yongiru", "Ri Yong Gil", "ri yong-gil", "Lee Yong-gil", "리영길", "李永吉", "リヨンギル",
    "リ・ヨンギル", "りよんぎる", "ﾘﾖﾝｷﾞﾙ", "riyonggil", "RI YONG GIL", "Ri Yŏnggil", "I Yeonggil",
])
def test_the_issue_examples_find_ri_yong_gil_first(index: NameIndex, query: str) -> None:
    assert index.find(query, 5)[0].person_id == "ri-yong-gil"


@pytest.mark.parametrize("query", ["Putin", "プーチン", "Путин", "Vladimir Putin", "putin"])
def test_putin_in_any_script(index: NameIndex, query: str) -> None:
    assert index.find(query, 5)[0].person_id == "vladimir-putin"


def test_exact_spelling_then_key_then_part(index: NameIndex) -> None:
    assert index.find("Ri Yong Gil", 1)[0].score == EXACT_SPELLING
    assert index.find("Lee Yong Gil", 1)[0].score == EXACT_KEY
    assert index.find("Yong-gil", 1)[0].score == EXACT_PART


def test_the_form_that_matched_is_reported(index: NameIndex) -> None:
    assert index.find("리영길", 1)[0].matched == "리영길"
    assert index.find("李永吉", 1)[0].matched == "李永吉"


def test_a_sound_alike_ties_and_the_spelling_decides(index: NameIndex) -> None:
    """Ri Yong Gil and Ri Yong Il share a key; the romaji of ヨンギル picks Gil, of ヨンイル Il."""
    gil = index.find("ri yongiru", 3)
    il = index.find("ri yon'iru", 3)
    assert gil[0].person_id == "ri-yong-gil" and il[0].person_id == "decoy-ri-yong-il"
    assert gil[0].score == gil[1].score  # both come back: the user sees the choice


@pytest.mark.parametrize(("query", "expected"), [
    ("Kim Jong Gyu", {"kim-jong-gyu", "decoy-kim-jong-gyu-namesake"}),
    ("キム・ジョンギュ", {"kim-jong-gyu", "decoy-kim-jong-gyu-namesake"}),
    ("Shin Hong-chol", {"sin-hong-chol", "decoy-sin-hong-chol-namesake"}),
])
def test_namesakes_come_back_together_with_equal_scores(
        index: NameIndex, query: str, expected: set[str]) -> None:
    found = index.find(query, 10)
    assert set(ids(found[:2])) == expected
    assert found[0].score == found[1].score
    assert found[2].score < found[1].score


@pytest.mark.parametrize(("query", "family"), [
    ("Kim", "kim"), ("kim", "kim"), ("Gim", "kim"), ("キム", "kim"), ("김", "kim"), ("金", None),
    ("Ri", "ri"), ("Lee", "ri"), ("李", None), ("Pak", "pak"), ("Park", "pak"), ("パク", "pak"),
    ("Choi", "choe"), ("Hyun", "hyon"),
])
def test_a_surname_alone_returns_every_bearer(
        index: NameIndex, query: str, family: str | None) -> None:
    people = names_accuracy.load_people()
    if family is None:  # kanji surnames: the people whose kanji name starts with it
        expected = {p.id for p in people for text, script in p.forms
                    if script in {"kanji", "mixed"} and text.startswith(query)}
    else:
        expected = {p.id for p in people if p.family == family}
    found = index.find(query, 30)
    assert set(ids(found[:len(expected)])) == expected
    assert all(m.score == EXACT_PART for m in found[:len(expected)])


def test_a_given_name_alone_returns_every_bearer(index: NameIndex) -> None:
    found = index.find("Yong Chol", 10)
    assert set(ids(found[:3])) == {"hyon-yong-chol", "decoy-ri-yong-chol", "decoy-kim-yong-chol"}


def test_a_name_being_typed_finds_its_person(index: NameIndex) -> None:
    assert "ri-yong-gil" in ids(index.find("Ri Yong G", 5))
    assert index.find("Kartapo", 3)[0].person_id == "andrei-kartapolov"


def test_limit_is_respected(index: NameIndex) -> None:
    assert len(index.find("Kim", 2)) == 2
    assert index.find("Kim", 0) == []


def test_an_empty_index_finds_nothing() -> None:
    assert NameIndex([]).find("Kim") == []


BAD_INPUT = ["", " ", "\t\n", "x", "-", "・", "a" * 10_000, "李" * 10_000, "\x00", "\x1b[2J",
             "😀", "🇰🇵🇷🇺", "שלום", "مرحبا", "\u202eliG gnoY iR", "e\u0301\u0301\u0301\u0301",
             "\u0301", '"', "*", "AND", "OR NOT", "NEAR(", "kim*", '"kim"', "'; drop table names;",
             "%", "_", "\\", "\ud800", "\udcff", "ri\ud800yong", "\ufeff", "\u200b\u200d",
             "\U0010ffff", "ﾟ", "ー", "ッ"]


@pytest.mark.parametrize("query", BAD_INPUT)
def test_odd_input_gives_a_list_never_an_error(index: NameIndex, query: str) -> None:
    found = index.find(query, 10)
    assert isinstance(found, list)
    assert all(isinstance(m, Match) for m in found)


def test_odd_input_still_finds_what_it_can(index: NameIndex) -> None:
    assert index.find("ri\ud800yong gil", 1)[0].person_id == "ri-yong-gil"
    assert index.find("\u202eRi Yong Gil\u202c", 1)[0].person_id == "ri-yong-gil"
    assert index.find("Ri\u200bYong\u200bGil", 1)[0].person_id == "ri-yong-gil"
    assert index.find("kim jong un" + " " * 5000, 1)[0].person_id == "kim-jong-un"


@pytest.mark.fuzz
@given(st.text(max_size=50))
def test_find_never_raises(text: str) -> None:
    index = _small_index()
    found = index.find(text, 5)
    assert len(found) <= 5
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


_SMALL: list[NameIndex] = []


def _small_index() -> NameIndex:
    if not _SMALL:
        _SMALL.append(NameIndex(names_accuracy.name_forms(names_accuracy.load_people())))
    return _SMALL[0]


def test_a_name_still_being_typed_finds_the_names_it_begins_first() -> None:
    from ktimeline.names.forms import NameForm

    index = NameIndex([NameForm(person, text, "latin", "en") for person, text in [
        ("ri-su-yong", "Ri Su-yong"), ("choe-ryong-hae", "Choe Ryong Hae"),
        ("ri-yong-ho", "Ri Yong Ho"), ("ri-yong-gil", "Ri Yong Gil"),
        ("kim-jong-il", "Kim Jong Il"), ("kim-jong-gyu", "Kim Jong Gyu")]])
    assert {m.person_id for m in index.find("ri yong")[:2]} == {"ri-yong-ho", "ri-yong-gil"}
    assert index.find("ri yong gi")[0].person_id == "ri-yong-gil"
    # Among the names it begins, the spelling decides.
    assert index.find("Kim Jong Gy")[0].person_id == "kim-jong-gyu"
