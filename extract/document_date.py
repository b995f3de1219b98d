"""The date of a document: what its head matter says, and the year of a dateline that omits it.

A news dateline often gives only month and day (本报北京11月12日电). The year is then the one in
which something the text names — a curated milestone, a dated conference — happened on or within
a few days of that month and day. When the text names nothing that fixes the year, the year stays
unknown: relative dates then stay unresolved rather than being dated in a guessed year.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from .dates import find_document_date
from .knowledge import Knowledge, iso_span

_WINDOW = timedelta(days=3)  # a report is filed on the day of the event or a few days after
_HEAD_CHARS = 3000  # what a dateline's story is about is told in its first paragraphs
_MIN_ALIAS = 2


def document_date(text: str, knowledge: Knowledge) -> str | None:
    """ISO date of the document (any precision), or None when the text does not give one."""
    found = find_document_date(text)
    if found is None:
        return None
    if found.date or found.month_day is None:
        return found.date
    month, day = found.month_day
    year = infer_year(month, day, text[:_HEAD_CHARS], knowledge)
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else None


def infer_year(month: int, day: int, text: str, knowledge: Knowledge) -> int | None:
    """The one year in which a milestone or dated conference named in ``text`` fell on (or just
    before) ``month``/``day``; None when no such year or more than one equally supported."""
    votes: Counter[int] = Counter()
    strongest: Counter[int] = Counter()  # the best single piece of evidence for each year

    def vote(year: int, weight: int) -> None:
        votes[year] += weight
        strongest[year] = max(strongest[year], weight)

    for thing in knowledge.things.values():
        if thing.date and _named(text, (thing.name, *thing.aliases)):
            for year in _years_near(thing.date, thing.date_end, month, day):
                vote(year, 2)
    for milestone in knowledge.milestones:
        things = [knowledge.things[t] for t in milestone.things if t in knowledge.things]
        thing_named = any(_named(text, (t.name, *t.aliases)) for t in things)
        people = [
            knowledge.actors[a] for a in milestone.actors if a.startswith("person:") and a in knowledge.actors
        ]
        people_named = sum(_named(text, (p.name, *p.aliases)) for p in people)
        if thing_named or people_named >= 2:
            for year in _years_near(milestone.date, milestone.date_end, month, day):
                vote(year, 1 + int(thing_named) + int(people_named >= 2))
    # A milestone whose agreement or occasion the text names outweighs several that only share
    # its two leaders (Obama and Xi met in many Junes): the strongest evidence first, then the sum.
    ranked = sorted(votes, key=lambda year: (strongest[year], votes[year]), reverse=True)[:2]
    score = [(strongest[year], votes[year]) for year in ranked]
    if not ranked or (len(ranked) == 2 and score[0] == score[1]):
        return None
    return ranked[0]


def _named(text: str, names: Iterable[str]) -> bool:
    return any(len(name) >= _MIN_ALIAS and _occurs(name, text) for name in names)


def _occurs(name: str, text: str) -> bool:
    """A Latin name as a word of its own (IRA is not in MIRAGE); a Chinese one anywhere."""
    if name not in text or not name.isascii():
        return name in text
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text) is not None


def _years_near(start: str, end: str, month: int, day: int) -> list[int]:
    first = iso_span(start)[0]
    last = iso_span(end or start)[1]
    years = []
    for year in range(first.year, last.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if first - timedelta(days=1) <= candidate <= last + _WINDOW:
            years.append(year)
    return years
