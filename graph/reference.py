"""Reference data (extract.knowledge) -> graph: actors, things, offices, memberships, milestones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policygraph.graph import loader
from policygraph.graph.model import actor_label, thing_label


@dataclass
class ReferenceRows:
    records: loader.Rows
    actors: dict[str, list[dict]]
    things: dict[str, list[dict]]
    offices: list[dict]
    memberships: list[dict]
    leads: list[dict]
    milestone_ids: list[str]


def _actor_props(actor) -> dict[str, Any]:
    props = loader.actor_props(
        {
            "id": actor.id,
            "name": actor.name,
            "name_en": actor.name_en,
            "kind": actor.kind,
            "wikidata": actor.wikidata,
            "aliases": list(actor.aliases),
        }
    )
    props["source"] = actor.source
    return props


def _thing_props(thing) -> dict[str, Any]:
    return loader.thing_props(
        {
            "id": thing.id,
            "name": thing.name,
            "name_en": thing.name_en,
            "kind": thing.kind,
            "wikidata": thing.wikidata,
            "aliases": list(thing.aliases),
            "date": thing.date,
            "date_end": thing.date_end,
            "place": thing.place,
            "source": thing.source,
        }
    )


def reference_rows(knowledge, curated: list[dict]) -> ReferenceRows:
    actors: dict[str, list[dict]] = {}
    for actor in knowledge.actors.values():
        actors.setdefault(actor_label(actor.kind), []).append({"id": actor.id, "props": _actor_props(actor)})
    things: dict[str, list[dict]] = {}
    for thing in knowledge.things.values():
        things.setdefault(thing_label(thing.kind), []).append({"id": thing.id, "props": _thing_props(thing)})
    offices = [
        {
            "holder": term.holder,
            "body": office.body,
            "props": {
                "office": office.id,
                "title": office.title,
                "title_en": office.title_en,
                "start": term.start,
                "end": term.end or None,
                "source": term.source,
            },
        }
        for office in knowledge.offices.values()
        for term in office.terms
    ]
    memberships = [
        {"member": actor.id, "group": group}
        for actor in knowledge.actors.values()
        for group in actor.member_of
    ]
    leads = [
        {"leader": actor.led_by, "body": actor.id} for actor in knowledge.actors.values() if actor.led_by
    ]
    return ReferenceRows(
        records=loader.rows_for(curated, None),
        actors=actors,
        things=things,
        offices=offices,
        memberships=memberships,
        leads=leads,
        milestone_ids=[r["event_id"] for r in curated],
    )


def write_reference(tx, rows: ReferenceRows) -> dict[str, int]:
    """Idempotent: reference rows overwrite their own nodes' properties, MERGE relationships."""
    reference_only = loader.Rows()
    reference_only.actors.update(rows.actors)
    reference_only.things.update(rows.things)
    loader.write_rows(tx, reference_only, authoritative=True)
    loader.write_rows(tx, rows.records, authoritative=True)
    for batch in loader.batched(rows.offices):
        tx.run(
            "UNWIND $rows AS r MATCH (p:Actor {id: r.holder}) MATCH (b:Actor {id: r.body}) "
            "MERGE (p)-[h:HELD_OFFICE {office: r.props.office, start: r.props.start}]->(b) SET h += r.props",
            rows=batch,
        ).consume()
    for batch in loader.batched(rows.memberships):
        tx.run(
            "UNWIND $rows AS r MATCH (a:Actor {id: r.member}) MATCH (g:Actor {id: r.group}) "
            "MERGE (a)-[:MEMBER_OF]->(g)",
            rows=batch,
        ).consume()
    for batch in loader.batched(rows.leads):
        tx.run(
            "UNWIND $rows AS r MATCH (p:Actor {id: r.leader}) MATCH (b:Actor {id: r.body}) "
            "MERGE (p)-[:LEADS]->(b)",
            rows=batch,
        ).consume()
    conflicts = loader.refresh_event_dates(tx, rows.milestone_ids)
    return {
        "actors": sum(len(v) for v in rows.actors.values()),
        "things": sum(len(v) for v in rows.things.values()),
        "offices": len(rows.offices),
        "memberships": len(rows.memberships),
        "leads": len(rows.leads),
        "milestones": len(rows.milestone_ids),
        "date_conflicts": conflicts,
    }
