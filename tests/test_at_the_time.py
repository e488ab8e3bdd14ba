"""The bundled record's posts and ranks at the time: the cases an analyst's check found wrong."""

from __future__ import annotations

import pytest

from ktimeline.store import dates
from ktimeline.store.audit import excluded_shown
from ktimeline.store.db import bundled_store
from ktimeline.store.queries import Store


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(bundled_store())


def held(store: Store, person_id: str, day: str) -> dict[str, str]:
    """{post or rank id: certainty} as of ``day``."""
    holdings = store.holdings.at(person_id, dates.parse(day))
    return {item.get("post_id") or item["rank_id"]: item["certainty"]
            for item in holdings["posts"] + holdings["ranks"]}


@pytest.mark.parametrize(
    ("person_id", "day", "not_held"),
    [
        ("choe-son-hui", "2018-10-08", "kp-foreign-minister"),
        ("choe-son-hui", "2019-11-20", "kp-foreign-minister"),
        ("kim-yong-nam", "2000-07-19", "kp-foreign-minister"),
        ("kim-yong-nam", "2004-07-05", "kp-foreign-minister"),
        ("kim-yong-nam", "2018-09-08", "kp-foreign-minister"),
        ("kim-yong-nam", "1986-01-20", "kp-spa-presidium-president"),
        ("kim-yong-nam", "1990-09-03", "kp-spa-presidium-president"),
        ("sergei-shoigu", "2019-04-24", "ru-security-council-secretary"),
        ("sergei-shoigu", "2023-07-25", "ru-security-council-secretary"),
        ("sergei-shoigu", "2024-09-13", "ru-defence-minister"),
        ("dmitry-medvedev", "2011-08-24", "ru-united-russia-chairman"),
        ("dmitry-medvedev", "2011-08-24", "ru-security-council-deputy-chairman"),
        ("no-kwang-chol", "2014", "kp-minister-national-defence"),
        ("no-kwang-chol", "2019-04-24", "kp-minister-national-defence"),
        ("no-kwang-chol", "2024-11-29", "kp-kpa-operations-bureau-director"),
        ("mikhail-gorbachev", "1991-12-26", "su-cpsu-general-secretary"),
        ("ri-yong-gil", "2017", "kp-kpa-chief-of-general-staff"),
    ],
)
def test_a_post_the_person_cannot_have_held_is_not_shown(
        store: Store, person_id: str, day: str, not_held: str) -> None:
    assert not_held not in held(store, person_id, day)


def test_lavrovs_foreign_ministry_is_one_tenure(store: Store) -> None:
    profile = store.people.profile("sergey-lavrov")
    assert profile is not None
    terms = [p for p in profile["posts"] if p["post_id"] == "ru-foreign-minister"]
    assert len(terms) == 1
    assert terms[0]["start"].startswith("2004-03")


def test_the_seed_meeting_shows_ri_yong_gil_as_a_certain_chief_of_staff_and_general(
        store: Store) -> None:
    assert held(store, "ri-yong-gil", "2019-04-25") == {
        "kp-kpa-chief-of-general-staff": "certain", "kpa-general": "certain"}


def test_flat_fields_hold_certain_items_only_and_possible_ones_apart(store: Store) -> None:
    for event in store.events.listed():
        for person in event["participants"]:
            certain = [p["title_en"] for p in person["posts"] if p["certainty"] == "certain"]
            possible = [p["title_en"] for p in person["posts"] if p["certainty"] == "possible"]
            assert person["post_en"] == ("; ".join(certain) or None)
            assert person["post_possible_en"] == ("; ".join(possible) or None)
            certain_ranks = [r["title_en"] for r in person["ranks"] if r["certainty"] == "certain"]
            assert person["rank_en"] == (certain_ranks[0] if certain_ranks else None)


def test_no_shown_post_or_rank_breaks_a_rule_of_the_record(store: Store) -> None:
    assert excluded_shown(store) == []


def test_few_attendances_are_left_open(store: Store) -> None:
    attendances = [p for e in store.events.listed() for p in e["participants"]]
    open_ones = [p for p in attendances
                 if any(i["certainty"] == "possible" for i in p["posts"] + p["ranks"])]
    assert len(open_ones) <= 0.05 * len(attendances)
