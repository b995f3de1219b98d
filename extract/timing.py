"""When an action happened: the usable dates of a sentence, occasions (在COP26上…), took-office dates,
and the events that a dated name or a known conference stands for."""

from __future__ import annotations

import re
from typing import Any

from .actors import ACTOR, THING, Mention
from .clauses import SETTING, clause_of, compatible, precision
from .cues import cue
from .knowledge import iso_span
from .merging import STATEMENT_NOUNS
from .model import Event, SentenceContext, Time
from .references import referred_thing
from .rules import Rules

_COARSE_KINDS = {"century", "decade", "duration", "era", "reference"}


CONTINUES = cue("timing.continues")


RECENT = cue("timing.recent")


_DONE = cue("timing.done")


_BOOK_TITLE = re.compile(r"《[^《》]{1,60}》")


def inside_thing(time: Any, mentions: list[Mention], text: str) -> bool:
    if any(m.category == THING and m.start <= time.start and time.end <= m.end for m in mentions):
        return True
    return any(b.start() < time.start and time.end < b.end() for b in _BOOK_TITLE.finditer(text))


def usable_times(text: str, times: list[Any], rules: Rules, doc_date: str | None) -> list[Time]:
    """Dates that can date an action: no target years, no centuries, nothing after the document."""
    out = []
    limit = iso_span(doc_date)[1] if doc_date else None
    for t in times:
        if getattr(t, "kind", "date") in _COARSE_KINDS or not t.date:
            continue
        # 仍在2018年初实现了… : a completed action, whatever the resolver thought of 实现
        if t.is_target and not _DONE.match(text[t.end : t.end + 8]):
            continue
        if rules.target_before.search(text[max(0, t.start - 4) : t.start]):
            continue
        if rules.target_after.search(text[t.end : t.end + 4]):
            continue
        try:
            first = iso_span(t.date)[0]
        except ValueError:
            continue
        if limit is not None and first > limit:
            continue
        out.append(Time(t.start, t.end, t.date, t.date_end, t.precision))
    return out


_FIRST_DAY_IN_OFFICE = cue("timing.first_day_in_office")


def took_office_times(text: str, mentions: list[Mention], ctx: SentenceContext) -> list[Time]:
    """奥巴马就任不到一个月 → the month Obama took office; 特朗普入主白宫后 → that year."""
    out = []
    for m in ctx.rules.took_office.finditer(text):
        person = next(
            (
                k
                for k in mentions
                if k.category == ACTOR and k.kind == "person" and 0 <= m.start() - k.end <= 1
            ),
            None,
        )
        if person is None:
            continue
        start = _term_start(ctx, person.ids[0])
        if not start:
            continue
        after = text[m.end() : m.end() + 8]
        within = re.match(
            r"^(?:后)?(?:的)?(?:一个多月|一个月|数周|几周|头\d+天|百日)?(?:内|初期|伊始|之初)", after
        )
        if _FIRST_DAY_IN_OFFICE.match(text, m.end()):  # 就任…上任首日即签署: the term's first day
            out.append(Time(m.start(), m.end(), start, None, precision(start), inferred=True))
            continue
        date = start[:7] if within else start[:4]
        out.append(Time(m.start(), m.end(), date, None, "month" if within else "year", inferred=True))
    return out


def _term_start(ctx: SentenceContext, person_id: str) -> str | None:
    """Start of the person's latest term that began before the document (or, when the
    document's date is unknown, before the latest date the text has given so far)."""
    bound = ctx.doc_date or ctx.latest_seen
    best = None
    for office in ctx.knowledge.offices.values():
        for term in office.terms:
            if term.holder != person_id:
                continue
            if bound and term.start[:4] > bound[:4]:
                continue
            if best is None or term.start > best:
                best = term.start
    return best


def overlaps(date: str, occasion: Time) -> bool:
    first, last = iso_span(date)
    start = iso_span(occasion.date)[0]
    stop = iso_span(occasion.date_end)[1] if occasion.date_end else iso_span(occasion.date)[1]
    return first <= stop and last >= start


def occasion_time(text: str, mentions: list[Mention], clause, ctx: SentenceContext) -> Time | None:
    for m in mentions:
        if m.category != THING or m.kind != "conference" or not clause[0] <= m.start < clause[1]:
            continue
        thing = ctx.knowledge.things.get(m.ids[0]) if len(m.ids) == 1 else None
        if thing is not None and thing.date and SETTING.match(text[m.end : m.end + 4]):
            limit = iso_span(ctx.doc_date)[1] if ctx.doc_date else None
            if limit is None or iso_span(thing.date)[0] <= limit:
                return Time(m.start, m.end, thing.date, thing.date_end or None, precision(thing.date))
    return None


# 巴厘岛会晤中 / 旧金山会晤期间: a meeting named by its place, as the setting of what follows
_NAMED_MEETING = cue("timing.named_meeting")


def named_meeting_time(text: str, clause, ctx: SentenceContext) -> Time | None:
    """The date of a meeting named only by its place, from the one curated milestone of that
    kind held there (no later than the document)."""
    m = _NAMED_MEETING.search(text, clause[0], clause[1])
    if m is None:
        return None
    kind = "conference" if m.group(2) == "峰会" else "meeting"
    limit = iso_span(ctx.doc_date)[1] if ctx.doc_date else None
    named = m.group(1)
    found = [
        ms
        for ms in ctx.knowledge.milestones
        if ms.place
        and named.endswith(ms.place)
        and ms.type == kind
        and (limit is None or iso_span(ms.date)[0] <= limit)
    ]
    if len(found) != 1:
        return None  # several meetings there: the name alone does not say which
    ms = found[0]
    return Time(m.start(), m.end(), ms.date, ms.date_end or None, ms.precision)


# 大会最终通过… / 本届会议决定…: the conference the text was just speaking of
CONFERENCE_ANAPHOR = cue("timing.conference_anaphor")


def last_conference_time(ctx: SentenceContext) -> Time | None:
    record = referred_thing("大会", ctx)  # named within the last few sentences only
    thing = ctx.knowledge.things.get(record["id"]) if record else None
    if thing is None or not thing.date:
        return None
    return Time(0, 0, thing.date, thing.date_end or None, precision(thing.date))


def pick_time(
    times: list[Time],
    bounds: list[tuple[int, int]],
    pos: int,
    floor: int = 0,
    attributive: frozenset[int] = frozenset(),
) -> Time | None:
    """The date of an action at ``pos``: the last before it in its clause, else the last
    before it in the sentence (not across list items), else the first after it in its
    clause unless that date qualifies a name (取代2005年京都议定书)."""
    clause = bounds[clause_of(bounds, pos)]
    before_in_clause = [t for t in times if clause[0] <= t.start < pos]
    if before_in_clause:
        return before_in_clause[-1]
    before = [t for t in times if floor <= t.start < pos]
    after_in_clause = [t for t in times if pos <= t.start < clause[1] and t.start not in attributive]
    if after_in_clause and after_in_clause[0].date_end:
        return after_in_clause[0]  # 随后启动了2018—2022年的二期计划: the period of what the action brings
    if before and not (before[-1].inferred and after_in_clause):
        return before[-1]
    if after_in_clause:
        return after_in_clause[0]
    return before[-1] if before else None


def make_event(kind: str, start: int, end: int, time: Time | None) -> Event:
    event = Event(type=kind, start=start, end=end)
    if time is not None:
        event.date, event.date_end, event.precision = time.date, time.date_end, time.precision
    return event


def dated_mentions(
    text: str, times: list[Time], mentions: list[Mention], bounds, ctx: SentenceContext
) -> list[Event]:
    """2016年3月中美元首联合声明 / 2019年马德里气候大会: a document or occasion named with its date."""
    out = []
    for mention in mentions:
        if mention.category != THING or mention.kind not in ("agreement", "plan", "conference"):
            continue
        time = next((t for t in times if 0 <= mention.start - t.end <= 2), None)
        if time is None:
            continue
        clause = bounds[clause_of(bounds, mention.start)]
        if ctx.rules.hypothetical.search(text[clause[0] : mention.start]):
            continue
        if ctx.rules.non_event.search(text[clause[0] : clause[1]]):
            continue
        if mention.kind == "conference":
            continue  # handled with the data's dates in conference_settings
        known = ctx.knowledge.things.get(mention.ids[0]) if len(mention.ids) == 1 else None
        if known is not None and known.date and not compatible(known.date, time.date):
            continue  # 取代2005年京都议定书: the year of something else (entry into force)
        if mention.kind == "plan":
            kind = "policy"
        elif STATEMENT_NOUNS.search(mention.text):
            kind = "statement"
        else:
            kind = "agreement"
        out.append(make_event(kind, mention.start, mention.end, time))
    return out


_HELD_OR_ATTENDED = cue("timing.held_or_attended")


def conference_settings(
    text: str, times: list[Time], mentions: list[Mention], bounds, ctx: SentenceContext
) -> list[Event]:
    """A conference named with its date, or as held or attended (召开的…, 出席…)."""
    out = []
    for mention in mentions:
        if mention.category != THING or mention.kind != "conference":
            continue
        if SETTING.match(text[mention.end : mention.end + 4]):
            continue  # 在COP26上宣布… / 首轮对话期间签署…: the occasion of another action, not an event
        dated = next((t for t in times if 0 <= mention.start - t.end <= 2), None)
        setting = _HELD_OR_ATTENDED.search(text[max(0, mention.start - 4) : mention.start])
        if not dated and not setting:
            continue
        thing = ctx.knowledge.things.get(mention.ids[0]) if mention.ids else None
        clause = bounds[clause_of(bounds, mention.start)]
        if ctx.rules.hypothetical.search(text[clause[0] : mention.start]):
            continue
        event = Event(type="conference", start=mention.start, end=mention.end)
        told = pick_time(times, bounds, mention.start) if dated is None else None
        if thing is not None and thing.date and told is not None and told.date[:4] != thing.date[:4]:
            # 2023年…召开气候雄心峰会 while the data's summit of that name is of 2020: another edition,
            # dated by the text
            event.date, event.precision = told.date, told.precision
        elif thing is not None and thing.date and dated is None:
            # named without a date: the occasion's own dates from the data
            event.date, event.precision = thing.date, precision(thing.date)
            event.date_end = thing.date_end or None
            event.location = thing.place or None
        elif thing is not None and thing.date and _within(dated.date, thing):
            # the text's date, at its precision; the exact first day beside it
            event.date, event.precision = dated.date, dated.precision
            if dated.date != thing.date:
                event.alt_dates = [thing.date]
            event.location = thing.place or None
        elif dated is not None:
            event.date, event.precision = dated.date, dated.precision
        elif setting:
            time = pick_time(times, bounds, mention.start)
            if time is None:
                continue
            event.date, event.precision = time.date, time.precision
        limit = iso_span(ctx.doc_date)[1] if ctx.doc_date else None
        if event.date and limit is not None and iso_span(event.date)[0] > limit:
            continue
        out.append(event)
    return out


def _within(date: str, thing: Any) -> bool:
    """The text's date names the occasion's days (a COP that closed in the next month too)."""
    if compatible(date, thing.date):
        return True
    first, last = iso_span(date)
    start = iso_span(thing.date)[0]
    stop = iso_span(thing.date_end)[1] if thing.date_end else start
    return first <= stop and last >= start
