"""Reference records -> graph: actors, things, offices, memberships, curated milestones.

The records are plain dicts (`policygraph.extract.reference_records` makes them from the
reviewed data files); this module knows nothing of the extractor's classes.
"""

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


def _actor_props(actor: dict) -> dict[str, Any]:
    props = loader.actor_props(actor)
    props["source"] = actor.get("source") or ""
    return props


def reference_rows(reference: dict[str, list[dict]]) -> ReferenceRows:
    """Rows of the reference records (`policygraph.extract.reference_records`): `actors` (with
    `member_of`, `led_by`), `things`, `offices` (with `terms`) and `milestones` (event records)."""
    actor_records = reference.get("actors") or []
    actors: dict[str, list[dict]] = {}
    for actor in actor_records:
        props = _actor_props(actor)
        actors.setdefault(actor_label(props["kind"]), []).append({"id": props["id"], "props": props})
    things: dict[str, list[dict]] = {}
    for thing in reference.get("things") or []:
        props = loader.thing_props(thing)
        things.setdefault(thing_label(props["kind"]), []).append({"id": props["id"], "props": props})
    offices = [
        {
            "holder": term["holder"],
            "body": office["body"],
            "props": {
                "office": office["id"],
                "title": office["title"],
                "title_en": office.get("title_en") or "",
                "start": term["start"],
                "end": term.get("end") or None,
                "source": term.get("source") or "",
            },
        }
        for office in reference.get("offices") or []
        for term in office.get("terms") or []
    ]
    memberships = [
        {"member": actor["id"], "group": group}
        for actor in actor_records
        for group in actor.get("member_of") or []
    ]
    leads = [
        {"leader": actor["led_by"], "body": actor["id"]} for actor in actor_records if actor.get("led_by")
    ]
    curated = list(reference.get("milestones") or [])
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
