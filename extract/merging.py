"""Mentions of one action inside a sentence become one event; how participants of two mentions merge."""

from __future__ import annotations

from .clauses import compatible
from .cues import cue
from .model import Event

STATEMENT_NOUNS = cue("merging.statement_nouns")


def merge_in_sentence(events: list[Event]) -> list[Event]:
    """Same type and date → one event; a statement dated like another action is part of it."""
    out: list[Event] = []
    for event in events:
        twin = next(
            (
                o
                for o in out
                if o.type == event.type
                and _same_or_unknown(o.date, event.date)
                and not _distinct_documents(o, event)
                and (
                    _share_participants(o, event, occasion=False)
                    or (o.date == event.date and o.precision == "day" and not _two_subjects(o, event))
                    # A访华，同B举行会谈: talks held during the visit, with no subject of their own
                    or (o.type == "meeting" and o.date == event.date and not event.own_clause)
                    # 首位访华的官员…与B会谈: a verb qualifying a noun is the same act as the one told
                    or (o.date == event.date and (o.attributive or event.attributive))
                )
            ),
            None,
        )
        if twin is not None:
            _absorb(twin, event)
            continue
        out.append(event)
    specific = [e for e in out if e.type not in ("statement", "conference")]
    return [
        e
        for e in out
        if not (
            e.type == "statement"
            and not any(STATEMENT_NOUNS.search(t["name"]) for t in e.things)
            and any(
                s.date and e.date and compatible(s.date, e.date) and _share_participants(s, e)
                for s in specific
            )
        )
    ]


_DOCUMENT_KINDS = frozenset({"agreement", "plan", "initiative", "mechanism", "fund"})


def _distinct_documents(a: Event, b: Event) -> bool:
    """Each names its own documents or schemes and none in common: two acts (A印发《甲》；B印发《乙》)."""
    docs_a = {t["id"] for t in a.things if t.get("kind") in _DOCUMENT_KINDS}
    docs_b = {t["id"] for t in b.things if t.get("kind") in _DOCUMENT_KINDS}
    return bool(docs_a) and bool(docs_b) and not docs_a & docs_b


def _two_subjects(a: Event, b: Event) -> bool:
    """Each names its own subject in its own clause, and they are different actors
    (…习近平宣布中国将…；拜登则宣布…)."""
    ids_a, ids_b = {r["id"] for r in a.actors}, {r["id"] for r in b.actors}
    return a.own_clause and b.own_clause and bool(ids_a) and bool(ids_b) and not ids_a & ids_b


def _share_participants(a: Event, b: Event, occasion: bool = True) -> bool:
    """Any actor or thing in common (or one side names none). With ``occasion=False`` the
    conference both are set at does not count: two leaders' pledges at one summit are two."""

    def ids(event: Event) -> set[str]:
        things = [t for t in event.things if occasion or t.get("kind") != "conference"]
        return {r["id"] for r in event.actors + things}

    ids_a, ids_b = ids(a), ids(b)
    return bool(ids_a & ids_b) or not ids_a or not ids_b


def _same_or_unknown(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and compatible(a, b)


def merge_participants(into: Event, other: Event) -> None:
    """Add what ``other`` names (actors, things, place) to ``into``, without repeats."""
    for record in other.actors:
        if all(record["id"] != a["id"] for a in into.actors):
            into.actors.append(record)
    for record in other.things:
        if all(record["id"] != t["id"] for t in into.things):
            into.things.append(record)
    into.location = into.location or other.location


def _absorb(into: Event, other: Event) -> None:
    if other.date and (not into.date or len(other.date) > len(into.date)):
        into.date, into.date_end, into.precision = other.date, other.date_end, other.precision
    merge_participants(into, other)
