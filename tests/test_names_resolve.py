"""Resolving a name to one person: a clear best match, never one of two namesakes."""

from __future__ import annotations

from ktimeline.names.lookup import NameForm, NameIndex

INDEX = NameIndex([
    NameForm("ri-yong-gil", "Ri Yong Gil", "latin", "en", "dprk"),
    NameForm("ri-yong-gil", "李永吉", "kanji", "ja"),
    NameForm("ri-yong-ho", "Ri Yong Ho", "latin", "en", "dprk"),
    NameForm("ri-yong-ho-general", "Ri Yong Ho", "latin", "en", "dprk"),
    NameForm("kim-jong-un", "Kim Jong Un", "latin", "en", "dprk"),
    NameForm("kim-yong-nam", "Kim Yong Nam", "latin", "en", "dprk"),
])


def test_a_clear_name_resolves() -> None:
    assert INDEX.resolve("ri yong-gil").person_id == "ri-yong-gil"
    assert INDEX.resolve("李永吉").person_id == "ri-yong-gil"
    assert INDEX.resolve("kimu jonun").person_id == "kim-jong-un"


def test_namesakes_are_left_to_the_user() -> None:
    resolution = INDEX.resolve("Ri Yong Ho")
    assert resolution.person_id is None
    assert {m.person_id for m in resolution.candidates[:2]} == {"ri-yong-ho",
                                                                "ri-yong-ho-general"}


def test_a_surname_alone_names_no_one_person() -> None:
    resolution = INDEX.resolve("Kim")
    assert resolution.person_id is None
    assert {m.person_id for m in resolution.candidates} >= {"kim-jong-un", "kim-yong-nam"}


def test_nothing_matches() -> None:
    assert INDEX.resolve("zzzz").candidates == []
    assert INDEX.resolve("").person_id is None
