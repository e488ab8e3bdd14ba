"""Posts and rank as of a date: terms bounded by the record's exclusions, ranks by rank order."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ktimeline.store.asof import (
    Life,
    PostFacts,
    RankRecord,
    Term,
    TermFacts,
    Window,
    posts_at,
    ranks_at,
    windows,
)
from ktimeline.store.dates import Certainty, PartialDate, parse
from ktimeline.store.exclusions import post_exclusion, rank_exclusion

KPA = {"colonel-general": 4, "general": 5, "vice-marshal": 6}


def rank(rank_id: str, change: str, date: str) -> RankRecord:
    return RankRecord(rank_id, change, parse(date), KPA[rank_id], "kpa")


CAREER = [
    rank("general", "promotion", "2013-08"),
    rank("colonel-general", "demotion", "2016"),
    rank("general", "restoration", "2018-07-27"),
    rank("vice-marshal", "promotion", "2022-04..2022-04-24"),
]


def rank_on(day: str, records: list[RankRecord] = CAREER) -> list[tuple[str, Certainty]]:
    return [(h.record.rank_id, h.certainty) for h in ranks_at(records, parse(day))]


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


def test_an_attested_rank_is_certain_at_its_date_and_only_possible_before() -> None:
    held = [rank("general", "held", "..2019-04-24")]
    assert rank_on("2019-04-25", held) == [("general", Certainty.CERTAIN)]
    assert rank_on("2010", held) == [("general", Certainty.POSSIBLE)]


def test_a_lower_rank_attested_later_rules_out_a_higher_one_before_it() -> None:
    # Seen as colonel general in 2015 and as general from 2016: in 2014 he cannot have been a
    # general already (no demotion is recorded), so only the lower rank is possible.
    records = [rank("colonel-general", "held", "..2015-03"), rank("general", "held", "..2017")]
    assert rank_on("2014-06", records) == [("colonel-general", Certainty.POSSIBLE)]
    # Once the lower rank is surely behind, it is the higher one's turn only.
    assert rank_on("2016-01", records) == [("colonel-general", Certainty.POSSIBLE),
                                           ("general", Certainty.POSSIBLE)]


def test_a_higher_rank_reached_earlier_rules_out_a_lower_attestation() -> None:
    # Promoted general in May 2013 and seen as colonel general some time in 2013: that sighting
    # was before May (no demotion is recorded), so in 2014 he is a general, not a colonel general.
    records = [rank("general", "promotion", "2013-05"), rank("colonel-general", "held", "..2013")]
    assert rank_on("2014-03", records) == [("general", Certainty.CERTAIN)]


def test_no_rank_outside_the_holders_life() -> None:
    records = [rank("general", "promotion", "2013")]
    assert ranks_at(records, parse("2020"), Life(died=parse("2018-05"))) == []


def _terms_on(terms: list[TermFacts], day: str, posts: dict[str, PostFacts] | None = None,
              lives: dict[str, Life] | None = None) -> dict[str, list[tuple[str, Certainty]]]:
    found: dict[str, list[tuple[str, Certainty]]] = {}
    for fact, window in zip(terms, windows(terms, posts or {}, lives or {}), strict=True):
        held = posts_at([Term(fact.post_id, fact.start, fact.end, window)], parse(day))
        found.setdefault(fact.person_id, []).extend(
            (h.record.post_id, h.certainty) for h in held)
    return found


def term(person: str, post: str, start: str, end: str | None) -> TermFacts:
    return TermFacts(person, post, parse(start), parse(end) if end else None)


def test_a_certain_holder_of_a_single_holder_post_excludes_an_attested_one() -> None:
    # Ri Yong Gil: chief of the general staff 2013–2016 and again from some day in 2016–2018;
    # Ri Myong Su certainly held the post from 2016-02 to 2018-05: in 2017 only he did.
    terms = [term("ri-yong-gil", "cgs", "2013-08", "2016-02"),
             term("ri-yong-gil", "cgs", "2016-02..2018-07-27", "2019-09"),
             term("ri-myong-su", "cgs", "2016-02", "2018-05")]
    on_2017 = _terms_on(terms, "2017")
    assert on_2017["ri-yong-gil"] == []
    assert on_2017["ri-myong-su"] == [("cgs", Certainty.CERTAIN)]
    assert _terms_on(terms, "2018-06")["ri-yong-gil"] == [("cgs", Certainty.POSSIBLE)]
    assert _terms_on(terms, "2019-04-25")["ri-yong-gil"] == [("cgs", Certainty.CERTAIN)]


def test_an_attested_term_does_not_reach_back_before_the_post_existed() -> None:
    # Kim Yong Nam seen as SPA Presidium president in 2000: the post began in 1998.
    posts = {"spa": PostFacts(established=parse("1998-09-05"))}
    terms = [term("kim-yong-nam", "spa", "..2000-02-10", "2000-07-19..")]
    assert _terms_on(terms, "1988", posts)["kim-yong-nam"] == []
    assert _terms_on(terms, "1999", posts)["kim-yong-nam"] == [("spa", Certainty.POSSIBLE)]


def test_an_open_end_stops_at_the_next_certain_holder_and_at_death() -> None:
    # Shoigu seen as defence minister in 2019 and 2022; Belousov minister from 2024-05-14.
    terms = [term("shoigu", "defence", "..2019-04-24", "2022-07-03.."),
             term("belousov", "defence", "2024-05-14", None)]
    assert _terms_on(terms, "2023-09")["shoigu"] == [("defence", Certainty.POSSIBLE)]
    assert _terms_on(terms, "2024-09-13")["shoigu"] == []
    lives = {"shoigu": Life(died=parse("2023-01"))}
    assert _terms_on(terms, "2023-09", lives=lives)["shoigu"] == []


def test_a_persons_own_later_term_bounds_an_attested_earlier_one() -> None:
    terms = [term("lavrov", "fm", "..2004-07-04", "2008-10-15.."),
             term("lavrov", "fm", "2012-01", "2013-01")]
    assert _terms_on(terms, "2011")["lavrov"] == [("fm", Certainty.POSSIBLE)]
    assert _terms_on(terms, "2015")["lavrov"] == []


# -- properties over generated careers ------------------------------------------------------
BASE = datetime.date(2000, 1, 1)
DAYS = 24


def day(offset: int) -> str:
    return (BASE + datetime.timedelta(days=offset)).isoformat()


@st.composite
def side(draw: st.DrawFn, lo: int, hi: int) -> str:
    """A date text for one side of a term: a day, a span of days, or one side only."""
    a = draw(st.integers(lo, hi))
    b = draw(st.integers(a, min(hi, a + 3)))
    return draw(st.sampled_from([day(a), f"{day(a)}..{day(b)}", f"..{day(b)}", f"{day(a)}.."]))


@st.composite
def careers(draw: st.DrawFn) -> tuple[list[TermFacts], PostFacts, dict[str, Life]]:
    count = draw(st.integers(1, 3))
    terms = []
    for index in range(count):
        person = f"p{draw(st.integers(0, 1)) if index else 0}"
        start = draw(side(0, DAYS - 4))
        lo = parse(start).hi if parse(start).hi < day(DAYS) else day(DAYS - 1)
        offset = (datetime.date.fromisoformat(lo) - BASE).days
        end = draw(st.one_of(st.none(), side(offset, DAYS)))
        terms.append(TermFacts(person, "post", parse(start), parse(end) if end else None))
    post = PostFacts(True, parse(day(draw(st.integers(0, 3)))), None)
    # Every person lives within the generated days, so every reading is finite.
    lives = {p: Life(parse(day(0)), parse(day(DAYS + 2))) for p in ("p0", "p1")}
    return terms, post, lives


def _consistent(terms: list[TermFacts]) -> bool:
    """No two terms' certain days overlap beyond a handover day (the build rejects that)."""
    for a, b in itertools.combinations(terms, 2):
        if a.core and b.core and max(a.core.lo, b.core.lo) < min(a.core.hi, b.core.hi):
            return False
    return True


def _readings(fact: TermFacts, life: Life) -> list[tuple[int, int]]:
    def days(date: PartialDate) -> range:
        lo = max(date.lo, life.born.lo if life.born else date.lo)
        hi = min(date.hi, life.died.hi if life.died else date.hi)
        return range((datetime.date.fromisoformat(lo) - BASE).days,
                     (datetime.date.fromisoformat(hi) - BASE).days + 1)

    ends = days(fact.end) if fact.end else [DAYS + 2]
    return [(s, e) for s in days(fact.start) for e in ends if s <= e]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(careers())
def test_possible_days_break_no_rule_and_certain_days_hold_under_every_reading(
        career: tuple[list[TermFacts], PostFacts, dict[str, Life]]) -> None:
    terms, post, lives = career
    if not _consistent(terms):
        return
    derived = windows(terms, {"post": post}, lives)
    for fact, window in zip(terms, derived, strict=True):
        for offset in range(DAYS + 3):
            when = parse(day(offset))
            certainty = window.certainty_at(when)
            reason = post_exclusion(fact, when, {"post": post}, lives, terms)
            covered = _own_reading_covers(fact, lives[fact.person_id], offset)
            # Shown only where no rule rules it out, and wherever none does.
            if certainty is not None:
                assert reason is None, (fact, offset, window, reason)
            elif covered:
                assert reason is not None, (fact, offset, window)
            if certainty is Certainty.CERTAIN:
                assert all(s <= offset <= e for s, e in _readings(fact, lives[fact.person_id]))


def _own_reading_covers(fact: TermFacts, life: Life, offset: int) -> bool:
    return any(s <= offset <= e for s, e in _readings(fact, life))


@st.composite
def rank_careers(draw: st.DrawFn) -> list[RankRecord]:
    records = []
    for _ in range(draw(st.integers(1, 4))):
        rank_id = draw(st.sampled_from(sorted(KPA)))
        change = draw(st.sampled_from(["promotion", "demotion", "restoration", "held"]))
        text = draw(side(0, DAYS))
        if change == "held":
            text = f"..{text.strip('.').rpartition('..')[2]}"
        records.append(RankRecord(rank_id, change, parse(text), KPA[rank_id], "kpa"))
    return records


@settings(max_examples=300, deadline=None)
@given(rank_careers())
def test_a_shown_rank_never_breaks_rank_order(records: list[RankRecord]) -> None:
    for offset in range(DAYS + 2):
        when = parse(day(offset))
        held = ranks_at(records, when)
        for item in held:
            assert rank_exclusion(item.record, when, records, Life()) is None
        assert sum(h.certainty is Certainty.CERTAIN for h in held) <= 1
        if any(h.certainty is Certainty.CERTAIN for h in held):
            assert len(held) == 1


def test_window_certainty_needs_the_whole_date_inside() -> None:
    window = Window(None, None)
    assert window.certainty_at(parse("2019")) is None
