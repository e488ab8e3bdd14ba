"""Posts and rank as of a date: promotions, a demotion, a restoration, and imprecise dates."""

from __future__ import annotations

import pytest

from ktimeline.store.asof import RankRecord, Term, posts_at, ranks_at
from ktimeline.store.dates import Certainty, parse

CAREER = [
    RankRecord("general", "promotion", parse("2013-08")),
    RankRecord("colonel-general", "demotion", parse("2016")),
    RankRecord("general", "restoration", parse("2018-07-27")),
    RankRecord("vice-marshal", "promotion", parse("2022-04..2022-04-24")),
]


def rank_on(day: str) -> list[tuple[str, Certainty]]:
    return [(h.record.rank_id, h.certainty) for h in ranks_at(CAREER, parse(day))]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2012-01-01", []),
        ("2014-05-01", [("general", Certainty.CERTAIN)]),
        ("2017-03-01", [("colonel-general", Certainty.CERTAIN)]),  # after the demotion
        ("2019-04-25", [("general", Certainty.CERTAIN)]),  # restored
        ("2022-04-24", [("vice-marshal", Certainty.CERTAIN)]),
        ("2022-04-10", [("general", Certainty.POSSIBLE), ("vice-marshal", Certainty.POSSIBLE)]),
        ("2016-06", [("general", Certainty.POSSIBLE), ("colonel-general", Certainty.POSSIBLE)]),
        ("2013", [("general", Certainty.POSSIBLE)]),
    ],
)
def test_rank_as_of(day: str, expected: list[tuple[str, Certainty]]) -> None:
    assert rank_on(day) == expected


def test_held_record_is_certain_at_its_date_and_only_possible_before() -> None:
    held = [RankRecord("general", "held", parse("..2019-04-24"))]
    assert [(h.record.rank_id, h.certainty) for h in ranks_at(held, parse("2019-04-25"))] == [
        ("general", Certainty.CERTAIN)]
    assert [h.certainty for h in ranks_at(held, parse("2010"))] == [Certainty.POSSIBLE]


def test_posts_as_of_with_repeated_terms() -> None:
    terms = [
        Term("chief", parse("2013-08"), parse("2016-02")),
        Term("chief", parse("2016-02..2018-07-27"), parse("2019-09")),
        Term("minister", parse("2021-09-29"), parse("2022-12-31")),
    ]

    def on(day: str) -> list[tuple[str, Certainty]]:
        return [(h.record.post_id, h.certainty) for h in posts_at(terms, parse(day))]

    assert on("2015") == [("chief", Certainty.CERTAIN)]
    assert on("2017") == [("chief", Certainty.POSSIBLE)]
    assert on("2019-04-25") == [("chief", Certainty.CERTAIN)]
    assert on("2020") == []
    assert on("2022-04-24") == [("minister", Certainty.CERTAIN)]
