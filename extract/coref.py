"""Event coreference within one document, and milestone attachment.

Two mentions are one event when they have the same type, compatible dates (equal, or
one a more precise form of the other) and share what the event is about: a thing
(agreement, initiative, conference), or failing that a specific actor (not a group
such as 中美 / the UNFCCC parties). A mention that matches a curated milestone takes
the milestone's id; a mention the text leaves undated takes the milestone's date when
exactly one milestone fits it.
"""

from __future__ import annotations

import hashlib
import re

from .cues import cue
from .events import Event, merge_participants
from .knowledge import Knowledge, Milestone, actor_record, days_between, iso_span

_LONGER_PLACE = cue("coref.longer_place")
_GENERIC = {"coalition:us-china", "coalition:unfccc-parties", "state:china", "state:united-states"}


def compatible_dates(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _keys(event: Event) -> tuple[set[str], set[str]]:
    things = {t["id"] for t in event.things}
    actors = {a["id"] for a in event.actors} - _GENERIC
    return things, actors


def same_event(a: Event, b: Event) -> bool:
    if a.type != b.type:
        return False
    if a.milestone and a.milestone == b.milestone:
        return True
    if a.type == "conference" and _same_known_conference(a, b):
        return True  # 坎昆大会 told with its dates, then as the setting of a later entry: one conference
    if not compatible_dates(a.date, b.date):
        return False
    a_things, a_actors = _keys(a)
    b_things, b_actors = _keys(b)
    if a_actors and b_actors and not a_actors & b_actors:
        return False  # Delta's and Xi's carbon-neutrality pledges of 2020 are two events
    if a_things and b_things:
        return bool(a_things & b_things)
    if (a_things or b_things) and not (_precise(a.date) and _precise(b.date)):
        return False  # "2023" with a named agreement vs "2023-09" with none: not enough to merge
    if bool(a_actors & b_actors) or bool((a_things | a_actors) & (b_things | b_actors)):
        return True
    # within one month, the same kind of action by the same pair of states is one event
    if _precise(a.date) and _precise(b.date):
        return bool(_all_actors(a) & _all_actors(b) & _GENERIC)
    return False


def _same_known_conference(a: Event, b: Event) -> bool:
    shared = {t["id"] for t in a.things if t.get("kind") == "conference"} & {t["id"] for t in b.things}
    return bool(shared) and _overlap(a, b)


def _overlap(a: Event, b: Event) -> bool:
    """The dates of a and b (with their ends) share at least one day."""
    if not a.date or not b.date:
        return False
    a_first, a_last = iso_span(a.date)[0], iso_span(a.date_end or a.date)[1]
    b_first, b_last = iso_span(b.date)[0], iso_span(b.date_end or b.date)[1]
    return a_first <= b_last and b_first <= a_last


_PAIR = {"coalition:us-china": {"state:china", "state:united-states"}}


def _generic_states(event: Event) -> set[str]:
    """The states a mention names only generically (中美两国 → China and the United States)."""
    out: set[str] = set()
    for record in event.actors:
        if record["id"] in _PAIR:
            out |= _PAIR[record["id"]]
        elif record["id"] in _GENERIC and record["id"].startswith("state:"):
            out.add(record["id"])
    return out


def _precise(date: str | None) -> bool:
    return bool(date) and len(date) >= 7


def _all_actors(event: Event) -> set[str]:
    return {r["id"] for r in event.actors}


def conference_spans(events: list[Event], knowledge: Knowledge) -> list[Event]:
    """A known conference held (开幕 on the 7th, 闭幕 on the 19th) is dated by its whole span from
    the data, the day the text gives kept beside it: its mentions then merge into one event."""
    for event in events:
        if event.type != "conference" or not event.date:
            continue
        known = [knowledge.things.get(t["id"]) for t in event.things if t.get("kind") == "conference"]
        thing = next((k for k in known if k is not None and k.date and k.date_end), None)
        if thing is None:
            continue
        first, last = iso_span(thing.date)[0], iso_span(thing.date_end)[1]
        day_first, day_last = iso_span(event.date)
        if not (first <= day_first and day_last <= last):
            continue
        if event.date != thing.date:
            event.alt_dates = [d for d in (*event.alt_dates, event.date) if d != thing.date]
            event.date, event.date_end = thing.date, thing.date_end
            event.precision = _precision_of(thing.date)
        elif not event.date_end:  # dated by its first day: the span is the conference's too
            event.date_end = thing.date_end
    return events


def merge_mentions(events: list[Event]) -> list[Event]:
    """Collapse mentions of one event in one document (first mention keeps its place)."""
    out: list[Event] = []
    for event in events:
        twin = next((o for o in out if same_event(o, event)), None)
        if twin is None:
            out.append(event)
            continue
        if event.date and (not twin.date or len(event.date) > len(twin.date)):
            if twin.date and twin.date not in twin.alt_dates:
                twin.alt_dates.append(twin.date)
            twin.date, twin.date_end, twin.precision = event.date, event.date_end, event.precision
            twin.sentence, twin.evidence, twin.title = event.sentence, event.evidence, event.title
        merge_participants(twin, event)
        twin.milestone = twin.milestone or event.milestone
    return out


def _milestone_dates(milestone: Milestone) -> list[str]:
    return [milestone.date, *milestone.alt_dates]


def _fit_score(event: Event, milestone: Milestone, knowledge: Knowledge) -> tuple[int, bool] | None:
    """How well a milestone fits a mention (None: it cannot be that milestone)."""
    if milestone.type != event.type:
        return None
    things, actors = _keys(event)
    actors = _with_leaders(actors, knowledge)
    m_things = set(milestone.things)
    m_actors = _with_leaders(set(milestone.actors) - _GENERIC, knowledge)
    shared_things = things & m_things
    shared_actors = actors & m_actors
    # a scheme is launched once: its launch is recognised by the scheme whoever is named with it
    primary = knowledge.things.get(milestone.things[0]) if milestone.things else None
    launched = (
        milestone.type == "launch"
        and primary is not None
        and primary.kind in ("mechanism", "initiative", "fund")
        and primary.id in things
    )
    if actors and m_actors and not shared_actors and not launched:
        return None  # someone else's action on the same agreement or target
    if event.date:
        dates = _milestone_dates(milestone)
        if not any(compatible_dates(event.date, d) for d in dates):
            return None
        exact = event.date in dates
        if shared_things or (shared_actors and (exact or len(shared_actors) >= 2)):
            return 2 * len(shared_things) + len(shared_actors), True
        # "2014年，中美两国联合宣布…": only the pair of states names who acted; a milestone of
        # the same type with both of them in that year still fits, if it is the only one
        pair = _generic_states(event)
        if not actors and not things and pair and pair <= set(milestone.actors):
            return 0, False
        return None
    # undated: the milestone must be recognisable from the sentence alone
    by_role = {
        actor.id for phrase in event.roles for actor, _ in knowledge.resolve_role(phrase, milestone.date)
    } & set(milestone.actors)
    # the place must be named among the action's own clauses, not elsewhere in the sentence
    at_place = bool(milestone.place) and _place_named(milestone.place, event.scope_text or event.text)
    # a named agreement or scheme with its known milestone: nobody else named acts in it
    strong = bool(shared_things) and (bool(shared_actors) or not m_actors or launched)
    # three of its own actors named together (加州、纽约州和美国气候联盟) recognise it as well
    strong = strong or len(shared_actors) >= 3
    # 不久前，两国气候特使举行会谈: recent, and the role phrase names two of its participants
    by_recent_role = event.recent and len(by_role) >= 2
    if not strong and not by_recent_role and not (at_place and (by_role or shared_actors or shared_things)):
        return None
    score = 2 * len(shared_things) + len(shared_actors) + len(by_role) + (2 if at_place else 0)
    return score, strong or at_place


def _place_named(place: str, text: str) -> bool:
    """The city itself, not a longer name that begins with it (纽约 in 纽约州, 华盛顿 in 华盛顿州)."""
    return any(
        not _LONGER_PLACE.match(text, m.end()) for m in re.finditer(re.escape(place), text)
    )


def _with_leaders(actor_ids: set[str], knowledge: Knowledge) -> set[str]:
    """An administration acts for its leader and the reverse (特朗普政府退出 ~ Trump withdrew)."""
    out = set(actor_ids)
    for actor_id in actor_ids:
        actor = knowledge.actors.get(actor_id)
        if actor is not None and actor.led_by:
            out.add(actor.led_by)
    return out


def match_milestone(event: Event, knowledge: Knowledge, doc_date: str | None = None) -> Milestone | None:
    """The curated milestone this mention reports, if one fits clearly best."""
    fits = []
    for milestone in knowledge.milestones:
        if event.recent and doc_date and not _shortly_before(milestone.date, doc_date):
            continue
        fit = _fit_score(event, milestone, knowledge)
        if fit is not None:
            fits.append((fit[0], milestone))
    if event.recent:
        # 不久前 / 近日: of equally good fits, the latest one is meant
        fits.sort(key=lambda fit: (fit[0], fit[1].date), reverse=True)
        if fits and (len(fits) == 1 or fits[0][0] > fits[1][0] or fits[0][1].date > fits[1][1].date):
            return fits[0][1]
        return None
    fits.sort(key=lambda fit: -fit[0])
    # the best fit must be clearly the best: two equal candidates leave the mention alone
    if fits and (len(fits) == 1 or fits[0][0] > fits[1][0]):
        return fits[0][1]
    return None


def _shortly_before(date: str, doc_date: str) -> bool:
    """不久前 in a document of ``doc_date``: within a year before it (or just after a cover date)."""
    gap = days_between(date, doc_date)
    return -120 <= gap <= 400


def date_from_milestones(
    events: list[Event], knowledge: Knowledge, doc_date: str | None = None
) -> list[Event]:
    """Give undated mentions the date of the one milestone they report; drop the rest."""
    out = []
    for event in events:
        if not event.date and event.attributive:
            continue  # 中国提出的目标 without a date refers back to an act, it does not report one
        milestone = match_milestone(event, knowledge, doc_date) or _milestone_within_occasion(
            event, knowledge, doc_date
        )
        if milestone is not None:
            event.milestone = milestone.id
            # dated only by the span of an occasion (格拉斯哥大会期间): the milestone inside it is exact
            within_occasion = bool(
                event.date and event.date_end and event.date <= milestone.date <= event.date_end
            )
            if not event.date or within_occasion:
                event.date, event.precision = milestone.date, milestone.precision
                event.date_end = milestone.date_end or None
                event.alt_dates = [d for d in milestone.alt_dates if d != milestone.date]
                event.location = event.location or milestone.place or None
                _resolve_roles(event, knowledge)
        elif event.date and event.date_end:
            _date_from_things_within(event, knowledge)
        if event.date and (event.actors or event.things):
            out.append(event)
    return out


def _milestone_within_occasion(event: Event, knowledge: Knowledge, doc_date: str | None) -> Milestone | None:
    """The milestone an event dated only by an occasion's span (大会期间) reports, if it lies in it."""
    if not (event.date and event.date_end):
        return None
    span = (event.date, event.date_end, event.precision)
    event.date = None  # match on what the event names, then check the date against the span
    try:
        found = match_milestone(event, knowledge, doc_date)
    finally:
        event.date, event.date_end, event.precision = span
    if found is not None and span[0] <= found.date <= span[1]:
        return found
    return None


def _date_from_things_within(event: Event, knowledge: Knowledge) -> None:
    """大会期间宣布成立某工作组: the scheme's own known date, when it lies in the occasion's span."""
    for record in event.things:
        thing = knowledge.things.get(record.get("id", ""))
        if thing is None or thing.kind == "conference" or not thing.date:
            continue
        if event.date <= thing.date <= (event.date_end or ""):
            event.date, event.date_end, event.precision = thing.date, None, _precision_of(thing.date)
            return


def _precision_of(date: str) -> str:
    return {4: "year", 7: "month"}.get(len(date), "day")


def _resolve_roles(event: Event, knowledge: Knowledge) -> None:
    for phrase in event.roles:
        for actor, title in knowledge.resolve_role(phrase, event.date or ""):
            if all(actor.id != a["id"] for a in event.actors):
                event.actors.append(actor_record(actor, title))
    event.roles = []


def event_key(event: Event) -> str:
    """The event_id of a mention: its milestone's id, else a key made of what the mention says
    (date, type, and the things or specific actors it names), the same in every run and
    whatever the order of the documents. The graph stage matches records against the events
    it already holds (graph/matching.py), so two keys for one real event become one node."""
    if event.milestone:
        return event.milestone
    things, actors = _keys(event)
    basis = "|".join([event.type, *sorted(things or actors or {event.title})])
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:8]
    return f"ev-{event.date}-{event.type}-{digest}"
