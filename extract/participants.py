"""Who and what takes part in an action: actors and things in its clauses, subjects, pronouns, places."""

from __future__ import annotations

import re
from typing import Any

from .actors import ACTOR, ROLE, THING, Mention
from .clauses import SETTING, clause_of, list_item_start, scope
from .cues import cue
from .knowledge import actor_record
from .model import Event, SentenceContext
from .references import referred_thing, things_of
from .rules import Rules

# 在杭州共同交存 / 在纽约签署: the place of the action (also when the gazetteer lacks it)
_PLACE_BEFORE_VERB = cue("participants.place_before_verb")


# a place after 在/于 is where the event happened, not a participant (在北京举行会谈)
_NAMED_BY_PLACE = cue("participants.named_by_place")
# 在 / 抵达 / 到访 a place: where it happened, not who took part (首站抵达西雅图)
_AT_PLACE = cue("participants.at_place")


# 奥巴马时期 / 特朗普政府时期 name an era, not a participant
_ERA = cue("participants.era")


_ORG_AFTER = cue("participants.org_after")


_GENERIC_REFERENCE = cue("participants.generic_reference")


_PRONOUN_SUBJECT = cue("participants.pronoun_subject")


# a ratification or withdrawal verb closing its clause has the agreement named before as object
_NO_OBJECT = cue("participants.no_object")


def two_parties(text: str, mentions: list[Mention], clause, pos: int) -> bool:
    parties = {
        i for m in mentions if m.category in (ACTOR, ROLE) and clause[0] <= m.start < pos for i in m.ids
    }
    collective = re.search(r"双方|两国|各方|三方|[与和同].{1,8}$", text[clause[0] : pos])
    return (
        len(parties) >= 2
        or (bool(parties) and collective is not None)
        or bool(re.search(r"双方|两国|各方", text[clause[0] : pos]))
        or any(m.kind == "coalition" for m in mentions if m.category == ACTOR and clause[0] <= m.start < pos)
    )


def own_subject(text: str, mentions: list[Mention], clause, pos: int, rules: Rules) -> Mention | None:
    """The actor that opens the action's clause (日本承诺… / 而欧盟宣布…), if any."""
    for m in mentions:
        if m.category not in (ACTOR, ROLE) or not clause[0] <= m.start < pos or m.end > pos:
            continue
        if rules.own_subject_lead.match(text[clause[0] : m.start]):
            return m
        return None
    return None


def attach_participants(
    event: Event, text: str, mentions: list[Mention], bounds, triggers, ctx: SentenceContext
) -> None:
    """Fill the event's actors, things and location from the mentions in its scope."""
    lo, hi = scope(bounds, triggers, event)
    inside = _scope_mentions(event, text, mentions, bounds, (lo, hi), ctx)
    actors: dict[str, dict[str, Any]] = {}
    things: dict[str, dict[str, Any]] = {}
    office_words = [(o.start(), o.end()) for o in ctx.rules.took_office.finditer(text)]
    for m in sorted(inside, key=lambda k: k.start):
        if _not_a_participant(event, m, text, office_words, ctx):
            continue
        if m.category == ACTOR:
            _add_actor(actors, m, event.date, ctx)
        elif m.category == ROLE:
            _add_role(actors, event, m, text, ctx)
        elif m.category == THING:
            for record in things_of(m, ctx.knowledge, event.date):
                things.setdefault(record["id"], record)
    event.scope_text = text[lo:hi]
    if not things:
        things.update(_referred_things(event, text, ctx))
    if not actors and (ctx.last_subject or ctx.last_person):
        actors.update(_pronoun_subject(event, text, bounds, (lo, hi), ctx))
    event.actors = list(actors.values())
    event.things = list(things.values())
    _locate(event, text[lo:hi], ctx)


def _scope_mentions(
    event: Event, text: str, mentions: list[Mention], bounds, span: tuple[int, int], ctx: SentenceContext
) -> list[Mention]:
    lo, hi = span
    inside = [m for m in mentions if lo <= m.start < hi]
    if event.own_clause:
        # the clause names who acts: actors of the clauses before belong to other actions,
        # the setting and the things named there still hold (在…上，习近平宣布…)
        own = bounds[clause_of(bounds, event.start)][0]
        inside = [m for m in inside if m.category == THING or m.start >= own]
    # nothing named in the action's own clauses: take the subject from the clauses
    # before it, within the same list item (…；2008年，…启动 does not borrow from 2005)
    floor = list_item_start(text, bounds, event.start, ctx.rules)
    item_floor = max(floor, text.rfind("；", 0, lo) + 1)
    if not any(m.category in (ACTOR, ROLE) for m in inside):
        inside += [m for m in mentions if m.category in (ACTOR, ROLE) and item_floor <= m.start < lo]
    if not any(m.category == THING for m in inside):
        inside += [m for m in mentions if m.category == THING and item_floor <= m.start < lo]
    if event.type == "conference":
        # a conference event is about that conference, not the other things named around it:
        # the name it was found by, or (held: 大会…闭幕) the conferences named in its scope
        own_name = [m for m in mentions if (m.start, m.end) == (event.start, event.end)]
        if not own_name:
            own_name = [m for m in inside if m.category == THING and m.kind == "conference"]
        inside = [m for m in inside if m.category != THING] + own_name
    return inside


def _not_a_participant(
    event: Event, m: Mention, text: str, office_words: list[tuple[int, int]], ctx: SentenceContext
) -> bool:
    """Mentions in the scope that name a time, a place or an occasion, not someone who acts."""
    if m.category in (ACTOR, ROLE) and _ERA.match(text[m.end : m.end + 6]):
        return True  # 奥巴马政府时期: an era
    if any(s <= m.start and m.end <= e for s, e in office_words):
        return True  # 入主白宫: the White House is where he moved in, not a participant
    if m.category != ACTOR:
        return False
    if m.kind == "subnational" and _ORG_AFTER.match(text[m.end : m.end + 12]):
        return True  # 上海环境能源交易所 / 北京大学: the place opens an organisation's name
    if m.kind == "subnational" and _NAMED_BY_PLACE.match(text, m.end):
        event.location = event.location or m.text
        return True  # 旧金山会晤 / 巴厘岛峰会: the meeting is named by where it was held
    at_place = _AT_PLACE.search(text[max(0, m.start - 2) : m.start])
    if (m.kind == "subnational" or m.text in ctx.rules.metonyms) and at_place:
        event.location = event.location or m.text
        return True  # 在北京: where it happened
    # 在二十国集团峰会上指出: the assembly is the occasion, not a participant
    return bool(at_place and SETTING.match(text[m.end : m.end + 4]) and m.kind != "state")


def _add_actor(actors: dict[str, dict[str, Any]], m: Mention, on: str | None, ctx: SentenceContext) -> None:
    knowledge = ctx.knowledge
    target = ctx.rules.metonyms.get(m.text)
    if target in knowledge.actors:
        # 北京 / 华盛顿 as the one who acts stands for its government
        actors.setdefault(target, actor_record(knowledge.actors[target]))
        return
    actor = knowledge.actors.get(m.ids[0]) if m.ids else None
    if actor is None:
        record = m.extra.get("record")  # found by NER: not in the gazetteer
        if record:
            actors.setdefault(record["id"], record)
        return
    role = ""
    if on and actor.kind == "person":
        held = knowledge.offices_held(actor.id, on)
        role = held[0].title if held else ""
    actors.setdefault(actor.id, actor_record(actor, role))


def _add_role(
    actors: dict[str, dict[str, Any]], event: Event, m: Mention, text: str, ctx: SentenceContext
) -> None:
    if re.search(r"[前原]$", text[max(0, m.start - 1) : m.start]):
        return  # 前国务卿: a former holder, not the one of the event's date
    if not event.date:
        event.roles.append(m.text)  # resolved once a milestone gives the date
        return
    for actor, office_title in ctx.knowledge.resolve_role(m.text, event.date):
        actors.setdefault(actor.id, actor_record(actor, office_title))


def _referred_things(event: Event, text: str, ctx: SentenceContext) -> dict[str, dict[str, Any]]:
    reference = _GENERIC_REFERENCE.search(event.scope_text)
    if reference is not None:
        # 该计划于2005年实施: the plan or scheme named last before
        record = referred_thing(reference.group(reference.lastindex or 0), ctx)
        return {record["id"]: record} if record is not None else {}
    if event.type in ("ratification", "withdrawal") and _NO_OBJECT.match(text[event.end : event.end + 3]):
        record = ctx.last_things.get("agreement")  # 美国…正式重新加入了。
        return {record["id"]: record} if record is not None else {}
    return {}


def _pronoun_subject(
    event: Event, text: str, bounds, span: tuple[int, int], ctx: SentenceContext
) -> dict[str, dict[str, Any]]:
    clause = bounds[clause_of(bounds, event.start)]
    lo, hi = span
    if _PRONOUN_SUBJECT.match(text[clause[0] : event.start]) or _PRONOUN_SUBJECT.match(text[lo:hi]):
        # 他承诺… / 该国宣布…: the subject named before
        pronoun = _PRONOUN_SUBJECT.match(text[clause[0] : event.start]) or _PRONOUN_SUBJECT.match(text[lo:hi])
        personal = pronoun is not None and pronoun.group("pronoun") in ("他", "她")
        referent = ctx.last_person if personal and ctx.last_person else ctx.last_subject
        return {record["id"]: dict(record) for record in referent}
    return {}


def _locate(event: Event, scope_text: str, ctx: SentenceContext) -> None:
    """Where: a place before the verb (在杭州举行), else the known place of the conference named."""
    if event.location is None:
        place = _PLACE_BEFORE_VERB.search(scope_text)
        if place and not any(place.group(1) in (a["name"], *a["aliases"]) for a in event.actors):
            event.location = place.group(1)
    if event.location is None:
        for record in event.things:
            thing = ctx.knowledge.things.get(record["id"])
            if thing is not None and thing.place and thing.kind == "conference":
                event.location = thing.place
                break


def title(text: str, bounds, event: Event) -> str:
    index = clause_of(bounds, event.start)
    lo = bounds[index - 1][0] if index > 0 and bounds[index][1] - bounds[index][0] < 12 else bounds[index][0]
    title = text[lo : bounds[index][1]].strip("，,；;：: 。")
    return title[:80]
