"""Partial dates: every accepted form, its bounds, invalid input, and display."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktimeline.store import dates
from ktimeline.store.dates import Certainty, DateError, holds_at, parse


@pytest.mark.parametrize(
    ("text", "lo", "hi", "precision"),
    [
        ("2014", "2014-01-01", "2014-12-31", "year"),
        ("2014-11", "2014-11-01", "2014-11-30", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2019-04-25", "2019-04-25", "2019-04-25", "day"),
        ("2014~", "2013-01-01", "2015-12-31", "year"),
        ("2014-12~", "2014-11-01", "2015-01-31", "month"),
        ("2019-04-25~", "2019-04-24", "2019-04-26", "day"),
        ("..2019-04-24", dates.EARLIEST, "2019-04-24", "range"),
        ("2019-04-24..", "2019-04-24", dates.LATEST, "range"),
        ("2022-04..2022-04-24", "2022-04-01", "2022-04-24", "range"),
    ],
)
def test_forms_and_bounds(text: str, lo: str, hi: str, precision: str) -> None:
    parsed = parse(text)
    assert (parsed.text, parsed.lo, parsed.hi, parsed.precision) == (text, lo, hi, precision)


def test_full_width_input_means_the_same_date() -> None:
    assert parse("２０１９－０４－２５").text == "2019-04-25"


def test_qualifiers_are_kept() -> None:
    assert parse("2014?").uncertain and not parse("2014?").approximate
    assert parse("2014%").uncertain and parse("2014%").approximate
    assert parse("2019-04-25").is_exact_day and not parse("2019-04-25?").is_exact_day


@pytest.mark.parametrize(
    "text",
    ["", "  ", "2022-02-30", "2022-13", "2022-00", "2023-02-29", "0000", "19", "2014-1",
     "2014/11", "..", "2020..2019", "1..2..3", "abc", "2014-11-05T10:00", "٢٠١٤"],
)
def test_invalid_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse(text)


@pytest.mark.parametrize("value", [None, 2014, 20.5, ["2014"]])
def test_non_text_is_refused(value: object) -> None:
    with pytest.raises(DateError):
        parse(value)


def test_sorting_by_bounds_orders_precision_sensibly() -> None:
    texts = ["2014-11-05", "2014", "2013-12", "2014-11"]
    ordered = sorted(texts, key=lambda t: (parse(t).lo, parse(t).hi))
    assert ordered == ["2013-12", "2014", "2014-11", "2014-11-05"]


def test_holds_at_certain_possible_and_not() -> None:
    start, end = parse("2013-08"), parse("2016-02")
    assert holds_at(start, end, parse("2015")) == Certainty.CERTAIN
    assert holds_at(start, end, parse("2013")) == Certainty.POSSIBLE
    assert holds_at(start, end, parse("2016-02-10")) == Certainty.POSSIBLE
    assert holds_at(start, end, parse("2017")) is None
    assert holds_at(parse("2021-09-29"), None, parse("2030")) == Certainty.CERTAIN


@pytest.mark.parametrize(
    ("text", "shown"),
    [("2014", "2014"), ("..2019-04-24", "by 2019-04-24"), ("2019-04-24..", "from 2019-04-24"),
     ("2022-04..2022-04-24", "2022-04 (by 04-24)"), ("2016-02..2018-07-27", "2016-02..2018-07-27"),
     (None, "")],
)
def test_display(text: str | None, shown: str) -> None:
    assert dates.display(text) == shown


days = st.dates(min_value=__import__("datetime").date(1, 1, 1))


@pytest.mark.fuzz
@given(days, st.sampled_from(["year", "month", "day"]), st.sampled_from(["", "~", "?", "%"]))
def test_round_trip_and_bounds_order(day: object, precision: str, qualifier: str) -> None:
    import datetime

    assert isinstance(day, datetime.date)
    text = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}",
            "day": day.isoformat()}[precision] + qualifier
    parsed = parse(text)
    assert parsed.text == text
    assert parsed.lo <= parsed.hi
    assert parse(parsed.text) == parsed
    assert parsed.lo <= day.isoformat() <= parsed.hi or (precision == "day" and qualifier)


@pytest.mark.fuzz
@given(st.text(max_size=40))
def test_parse_never_fails_other_than_date_error(text: str) -> None:
    try:
        parsed = parse(text)
    except DateError:
        return
    assert parsed.lo <= parsed.hi
