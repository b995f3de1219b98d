"""ISO dates at day, month or year precision, as spans of calendar days."""

from __future__ import annotations

import calendar
import re
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_span(iso: str) -> tuple[date, date]:
    """First and last day covered by `2016`, `2016-09` or `2016-09-03`; ValueError otherwise."""
    match = _ISO.match(iso or "")
    if not match:
        raise ValueError(f"not an ISO date at day, month or year precision: {iso!r}")
    year = int(match.group(1))
    if match.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(match.group(2))
    if match.group(3) is None:
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range in {iso!r}")
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, month, int(match.group(3)))  # raises on 2016-02-30
    return day, day


def precision_of(iso: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(iso)]


def event_span(iso: str, iso_end: str | None) -> tuple[date, date]:
    """The days an event covers: from its date to its end date when it has one."""
    first, last = parse_span(iso)
    if iso_end:
        end_first, end_last = parse_span(iso_end)
        if end_first < first:
            raise ValueError(f"date_end {iso_end!r} is before date {iso!r}")
        last = end_last
    return first, last


def agrees(reported: str, event_date: str, event_date_end: str | None = None) -> bool:
    """A reported date agrees with an event when their spans overlap.

    `2016-09` and `2016-09-03` agree (one is only coarser); `2016-09-04` and
    `2016-09-03` do not; a day inside a multi-day event agrees.
    """
    rep_first, rep_last = parse_span(reported)
    ev_first, ev_last = event_span(event_date, event_date_end)
    return rep_first <= ev_last and ev_first <= rep_last


def reported_dates_and_conflict(
    event_date: str, event_date_end: str | None, reported: list[str]
) -> tuple[list[str], bool]:
    """Every distinct date stated for an event, and whether any disagrees with its date."""
    dates = sorted({event_date, *(d for d in reported if d)})
    conflict = any(not agrees(d, event_date, event_date_end) for d in dates)
    return dates, conflict
