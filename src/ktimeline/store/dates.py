"""Partial dates with their real precision: parse, bounds, as-of relations, display."""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

# Bounds are ISO day strings so that SQLite sorts and compares them as text.
EARLIEST = "0001-01-01"
LATEST = "9999-12-31"

_POINT = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%]?)$", re.ASCII)


class DateError(ValueError):
    """A date text that is not one of the accepted forms."""


class Certainty(StrEnum):
    CERTAIN = "certain"
    POSSIBLE = "possible"


class PartialDate(NamedTuple):
    """A date as a source gives it, with inclusive day bounds.

    Accepted text forms (a subset of EDTF, ISO 8601-2):
      ``2014``, ``2014-11``, ``2014-11-05``   year, month or day precision
      suffix ``~`` approximate, ``?`` uncertain, ``%`` both
      ``..2019-04-24``        on or before
      ``2019-04-24..``        on or after
      ``2022-04..2022-04-24`` some time between the two
    """

    text: str
    lo: str
    hi: str
    precision: str  # "year" | "month" | "day" | "range"
    approximate: bool = False
    uncertain: bool = False

    @property
    def is_exact_day(self) -> bool:
        return self.lo == self.hi and not self.approximate and not self.uncertain


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The month ``delta`` months away, kept within the calendar (years 1 to 9999)."""
    index = min(max(year * 12 + (month - 1) + delta, 12), 9999 * 12 + 11)
    return index // 12, index % 12 + 1


def _shift_day(moment: datetime.date, days: int) -> str:
    """The day ``days`` away, kept within the calendar: ``9999-12-31~`` ends on 9999-12-31."""
    ordinal = min(max(moment.toordinal() + days, 1), datetime.date.max.toordinal())
    return datetime.date.fromordinal(ordinal).isoformat()


def _point(text: str) -> PartialDate:
    match = _POINT.match(text)
    if not match:
        raise DateError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(match["y"])
    qualifier = match["q"]
    approximate = qualifier in ("~", "%")
    uncertain = qualifier in ("?", "%")
    if year < 1:
        raise DateError(f"year out of range in {text!r}")
    if match["m"] is None:
        lo_y, hi_y = (year - 1, year + 1) if approximate else (year, year)
        return PartialDate(text, f"{max(lo_y, 1):04d}-01-01", f"{min(hi_y, 9999):04d}-12-31",
                           "year", approximate, uncertain)
    month = int(match["m"])
    if not 1 <= month <= 12:
        raise DateError(f"month out of range in {text!r}")
    if match["d"] is None:
        lo_y, lo_m = _shift_month(year, month, -1 if approximate else 0)
        hi_y, hi_m = _shift_month(year, month, 1 if approximate else 0)
        last = calendar.monthrange(hi_y, hi_m)[1]
        return PartialDate(text, f"{lo_y:04d}-{lo_m:02d}-01", f"{hi_y:04d}-{hi_m:02d}-{last:02d}",
                           "month", approximate, uncertain)
    day = int(match["d"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateError(f"day out of range in {text!r}")
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if approximate:
        moment = datetime.date(year, month, day)
        return PartialDate(text, _shift_day(moment, -1), _shift_day(moment, 1), "day",
                           approximate, uncertain)
    return PartialDate(text, iso, iso, "day", approximate, uncertain)


def parse(text: object) -> PartialDate:
    """Parse a date text; raise DateError with a one-line reason when it is not valid."""
    if not isinstance(text, str):
        raise DateError(f"a date must be text such as \"2014-11\", not {type(text).__name__}")
    return _parse_text(text)


# A listing parses the same few thousand term and event dates again and again (every
# attendance of a person reads all their terms): a parsed date is immutable, so it is kept.
@lru_cache(maxsize=65536)
def _parse_text(text: str) -> PartialDate:
    # Full-width digits and dashes from a Japanese input method mean the same date.
    text = unicodedata.normalize("NFKC", text).strip().replace("−", "-")
    if not text:
        raise DateError("empty date")
    if ".." not in text:
        return _point(text)
    head, _, tail = text.partition("..")
    if ".." in tail:
        raise DateError(f"not a date: {text!r}")
    if not head and not tail:
        raise DateError(f"not a date: {text!r} (an interval needs at least one end)")
    start = _point(head) if head else None
    end = _point(tail) if tail else None
    lo = start.lo if start else EARLIEST
    hi = end.hi if end else LATEST
    if lo > hi:
        raise DateError(f"interval ends before it starts: {text!r}")
    approx = bool((start and start.approximate) or (end and end.approximate))
    uncertain = bool((start and start.uncertain) or (end and end.uncertain))
    return PartialDate(text, lo, hi, "range", approx, uncertain)


def parse_optional(text: str | None) -> PartialDate | None:
    """``parse`` for a date that may be absent (an open end, an unknown birth)."""
    return parse(text) if text else None


def holds_at(start: PartialDate, end: PartialDate | None, when: PartialDate) -> Certainty | None:
    """Whether a span from ``start`` to ``end`` (None: still holding) covers ``when``.

    Certain when every reading of the three dates puts ``when`` inside; possible when some do.
    """
    end_lo = end.lo if end else LATEST
    end_hi = end.hi if end else LATEST
    if start.hi <= when.lo and when.hi <= end_lo:
        return Certainty.CERTAIN
    if start.lo <= when.hi and when.lo <= end_hi:
        return Certainty.POSSIBLE
    return None


def display(text: str | None) -> str:
    """A compact human form: ``2022-04..2022-04-24`` reads ``2022-04 (by 04-24)``."""
    if not text:
        return ""
    if ".." not in text:
        return text
    head, _, tail = text.partition("..")
    if not head:
        return f"by {tail}"
    if not tail:
        return f"from {head}"
    if tail.startswith(head[:4]) and len(head) < len(tail):
        return f"{head} (by {tail[5:]})"
    return f"{head}..{tail}"


def years_text(text: str | None) -> str:
    """A date as years only, for one-line identities: ``1952..1955``, ``c. 1941``, ``≤2014``."""
    if not text:
        return ""
    try:
        when = parse(text)
    except DateError:
        return text
    low = "" if when.lo == EARLIEST else when.lo[:4]
    high = "" if when.hi == LATEST else when.hi[:4]
    if when.approximate:
        return f"c. {text[:4]}"
    if low == high:
        return low
    return f"≤{high}" if not low else f"≥{low}" if not high else f"{low}..{high}"
