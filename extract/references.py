"""What 该计划 / 该机制 / 大会 refer to: the schemes and occasions named in the last few sentences."""

from __future__ import annotations

from typing import Any

from .actors import ACTOR, THING, Mention, new_thing_record
from .clauses import compatible
from .knowledge import Knowledge, actor_record, thing_record
from .model import SentenceContext

# what a generic head noun can refer back to
_REFERABLE = {
    "agreement": ("agreement",),
    "fund": ("fund",),
    "conference": ("conference",),
}


_SCHEMES = ("plan", "mechanism", "initiative", "fund")


_REFERENCE_WINDOW = 3  # sentences: a scheme named longer ago is not what 该计划 means


def referred_thing(noun: str, ctx: SentenceContext) -> dict[str, Any] | None:
    """The scheme or agreement named last (within a few sentences) that ``noun`` can refer to."""
    from .components.names import kind_of_name

    kinds = _REFERABLE.get(kind_of_name(noun) or "", _SCHEMES)
    for number, record in reversed(ctx.things_seen):
        if ctx.sentence_number - number > _REFERENCE_WINDOW:
            break
        if record["kind"] in kinds:
            return record
    return None


def remember(text: str, mentions: list[Mention], ctx: SentenceContext) -> None:
    """Keep the last named thing of each kind, and the sentence's subject, for later references."""
    ctx.sentence_number += 1
    for m in mentions:
        if m.category != THING:
            continue
        for record in things_of(m, ctx.knowledge, None):
            ctx.last_things[record["kind"]] = record
            ctx.things_seen.append((ctx.sentence_number, record))
    del ctx.things_seen[:-20]
    first = next((m for m in mentions if m.category == ACTOR and m.ids), None)
    if first is not None:
        actor = ctx.knowledge.actors.get(first.ids[0])
        if actor is not None:
            ctx.last_subject = [actor_record(actor)]
    person = next((m for m in mentions if m.category == ACTOR and m.kind == "person" and m.ids), None)
    if person is not None and person.ids[0] in ctx.knowledge.actors:
        ctx.last_person = [actor_record(ctx.knowledge.actors[person.ids[0]])]


def things_of(m: Mention, knowledge: Knowledge, on: str | None) -> list[dict[str, Any]]:
    """The thing(s) a mention names; an alias shared by several is settled by the date."""
    if not m.ids:
        return [m.extra.get("record") or new_thing_record(m.text, m.kind)]
    candidates = [knowledge.things[i] for i in m.ids if i in knowledge.things]
    if len(candidates) > 1:
        dated = [t for t in candidates if on and t.date and compatible(on, t.date)]
        if len(dated) == 1:
            candidates = dated
        else:
            # ambiguous: keep the words of the text as the thing's name
            record = new_thing_record(m.text, candidates[0].kind)
            record["aliases"] = sorted({m.text, *[a for t in candidates for a in t.aliases if a == m.text]})
            return [record]
    return [thing_record(t) for t in candidates]
