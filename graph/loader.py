"""Records (docs/architecture.md) -> graph writes, inside one transaction.

Every statement is `UNWIND $rows … MERGE` over a batch. Labels are never
taken from the data: they come from the fixed kind -> label maps in `model`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from policygraph.graph import matching
from policygraph.graph.dates import event_span, parse_span, precision_of, reported_dates_and_conflict
from policygraph.graph.model import actor_label, thing_label

BATCH = 1000


def batched(rows: list[dict], size: int = BATCH) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


@dataclass
class Rows:
    """What one batch of records writes, grouped by statement."""

    actors: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))  # label -> rows
    things: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    events: list[dict] = field(default_factory=list)
    participations: list[dict] = field(default_factory=list)
    concerns: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    mentions: list[dict] = field(default_factory=list)


def actor_props(actor: dict) -> dict[str, Any]:
    if not actor.get("id"):
        raise ValueError(f"actor without id: {actor!r}")
    return {
        "id": actor["id"],
        "name": actor.get("name") or actor.get("name_en") or actor["id"],
        "name_en": actor.get("name_en") or "",
        "kind": actor.get("kind"),
        "wikidata": actor.get("wikidata") or "",
        "aliases": list(actor.get("aliases") or []),
    }


def thing_props(thing: dict) -> dict[str, Any]:
    if not thing.get("id"):
        raise ValueError(f"thing without id: {thing!r}")
    props = {
        "id": thing["id"],
        "name": thing.get("name") or thing.get("name_en") or thing["id"],
        "name_en": thing.get("name_en") or "",
        "kind": thing.get("kind"),
        "wikidata": thing.get("wikidata") or "",
        "aliases": list(thing.get("aliases") or []),
    }
    for key in ("date", "date_end", "place", "source"):
        if thing.get(key):
            props[key] = thing[key]
    return props


def event_props(record: dict) -> dict[str, Any]:
    """The Event node of a record; raises ValueError on a record outside the contract."""
    event_id = record.get("event_id")
    if not event_id:
        raise ValueError("record without event_id")
    date = record.get("date")
    date_end = record.get("date_end") or None
    first, last = event_span(date, date_end)
    origin = record.get("origin") or "extracted"
    if origin not in ("extracted", "curated"):
        raise ValueError(f"event {event_id}: origin must be extracted or curated, not {origin!r}")
    alt_dates = [d for d in record.get("alt_dates") or [] if d]
    for alt in alt_dates:
        parse_span(alt)
    props = {
        "id": event_id,
        "date": date,
        "date_end": date_end,
        "precision": record.get("precision") or precision_of(date),
        "type": record.get("type"),
        "title": record.get("title") or "",
        "title_en": record.get("title_en") or "",
        "origin": origin,
        "location": record.get("location"),
        "date_start": first,
        "date_stop": last,
        "alt_dates": alt_dates,
        "dates_reported": sorted({date, *alt_dates}),
        "date_conflict": False,
    }
    if record.get("source"):
        props["source"] = record["source"]
    if not props["type"]:
        raise ValueError(f"event {event_id}: record without type")
    return props


def mention_props(record: dict, doc_id: str) -> dict[str, Any]:
    """The Mention of a record: one sentence stating one event (id = doc, offsets, the record's own
    event key). It keeps the record's event properties (`event`, JSON), from which the event is
    rebuilt when the mention that gave it its id goes away."""
    evidence = record.get("evidence") or {}
    start, end = evidence.get("start"), evidence.get("end")
    if start is not None and (not isinstance(start, int) or not isinstance(end, int) or end < start):
        raise ValueError(
            f"event {record.get('event_id')}: evidence offsets {start!r}..{end!r} are not a span"
        )
    parse_span(record.get("date"))
    key = record.get("key") or record["event_id"]
    return {
        "id": f"{doc_id}:{start}-{end}:{key}",
        "text": evidence.get("text") or "",
        "start": start,
        "end": end,
        "date": record.get("date"),
        "doc": doc_id,
        "key": key,
        "event": json.dumps(_own_event_props(record), ensure_ascii=False, sort_keys=True),
    }


# what a record says of its event, kept on its mention (see canonicalize_events)
_OWN_EVENT_FIELDS = ("type", "title", "title_en", "date", "date_end", "precision", "location", "alt_dates")


def _own_event_props(record: dict) -> dict[str, Any]:
    props = event_props(record)
    return {name: props[name] for name in _OWN_EVENT_FIELDS}


def rows_for(records: Iterable[dict], doc_id: str | None) -> Rows:
    rows = Rows()
    seen_actors: set[str] = set()
    seen_things: set[str] = set()
    for record in records:
        event = event_props(record)
        rows.events.append({"id": event["id"], "props": event})
        for actor in record.get("actors") or []:
            props = actor_props(actor)
            if props["id"] not in seen_actors:
                seen_actors.add(props["id"])
                rows.actors[actor_label(props["kind"])].append({"id": props["id"], "props": props})
            rows.participations.append(
                {"actor": props["id"], "event": event["id"], "role": actor.get("role") or None}
            )
        for thing in record.get("things") or []:
            props = thing_props(thing)
            label = thing_label(props["kind"])
            if props["id"] not in seen_things:
                seen_things.add(props["id"])
                rows.things[label].append({"id": props["id"], "props": props})
            rows.concerns[label].append({"event": event["id"], "thing": props["id"]})
        if doc_id is not None:
            mention = mention_props(record, doc_id)
            rows.mentions.append({"event": event["id"], "doc": doc_id, "id": mention["id"], "props": mention})
    return rows


def write_rows(tx, rows: Rows, *, authoritative: bool) -> None:
    """Write one batch. `authoritative` (reference data) overwrites properties; extracted data
    only fills nodes it creates, so a mention never rewrites a curated event's date or title."""
    set_clause = "SET n += r.props" if authoritative else "ON CREATE SET n += r.props"
    for label, items in rows.actors.items():
        for batch in batched(items):
            tx.run(
                f"UNWIND $rows AS r MERGE (n:Actor:{label} {{id: r.id}}) {set_clause}", rows=batch
            ).consume()
    for label, items in rows.things.items():
        for batch in batched(items):
            tx.run(f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) {set_clause}", rows=batch).consume()
    for batch in batched(rows.events):
        tx.run(f"UNWIND $rows AS r MERGE (n:Event {{id: r.id}}) {set_clause}", rows=batch).consume()
    # links of reference data are marked `curated`: removing a document never removes them
    curated = ", p.curated = true" if authoritative else ""
    for batch in batched(rows.participations):
        tx.run(
            "UNWIND $rows AS r MATCH (a:Actor {id: r.actor}) MATCH (e:Event {id: r.event}) "
            f"MERGE (a)-[p:PARTICIPATED_IN]->(e) SET p.role = coalesce(p.role, r.role){curated}",
            rows=batch,
        ).consume()
    for label, items in rows.concerns.items():
        for batch in batched(items):
            tx.run(
                f"UNWIND $rows AS r MATCH (e:Event {{id: r.event}}) MATCH (t:{label} {{id: r.thing}}) "
                f"MERGE (e)-[p:CONCERNS]->(t) SET p.curated = {str(authoritative).lower()}",
                rows=batch,
            ).consume()
    for batch in batched(rows.mentions):
        tx.run(
            "UNWIND $rows AS r MATCH (e:Event {id: r.event}) MATCH (d:Document {id: r.doc}) "
            "MERGE (m:Mention {id: r.id}) SET m += r.props "
            "MERGE (e)-[:MENTIONED_IN]->(m) MERGE (m)-[:IN]->(d)",
            rows=batch,
        ).consume()


def _existing_events(tx, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), BATCH):
        result = tx.run(
            "UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN e.id AS id", ids=ids[start : start + BATCH]
        )
        found.update(row["id"] for row in result)
    return found


def _links(pairs: list[dict], keys: tuple[str, str]) -> list[dict]:
    """One row per relationship; the first non-empty role wins."""
    merged: dict[tuple, dict] = {}
    for pair in pairs:
        key = (pair[keys[0]], pair[keys[1]])
        if key not in merged:
            merged[key] = dict(pair)
        elif pair.get("role") and not merged[key].get("role"):
            merged[key]["role"] = pair["role"]
    return list(merged.values())


def _create_missing(tx, label_rows: dict[str, list[dict]], base_label: str | None) -> None:
    """CREATE the actors or things not yet in the graph; existing ones are left as they are.

    Actors are looked up once through their common :Actor label (one query, not one per kind).
    """
    ids = [r["id"] for items in label_rows.values() for r in items]
    found: set[str] = set()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        if base_label:
            statement = f"UNWIND $ids AS id MATCH (n:{base_label} {{id: id}}) RETURN n.id AS id"
            found.update(row["id"] for row in tx.run(statement, ids=chunk))
        else:
            for label in label_rows:
                statement = f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id"
                found.update(row["id"] for row in tx.run(statement, ids=chunk))
    for label, items in label_rows.items():
        missing = [r for r in items if r["id"] not in found]
        prefix = f"{base_label}:" if base_label else ""
        for batch in batched(missing):
            tx.run(f"UNWIND $rows AS r CREATE (n:{prefix}{label}) SET n = r.props", rows=batch).consume()


_CREATE_EVENTS = (
    "MATCH (d:Document {id: $doc}) UNWIND $rows AS r "
    "CREATE (e:Event) SET e = r.props "
    "CREATE (m:Mention) SET m = r.mention "
    "CREATE (e)-[:MENTIONED_IN]->(m) CREATE (m)-[:IN]->(d) "
    "WITH e, r UNWIND r.actors AS ar MATCH (a:Actor {id: ar.id}) "
    "CREATE (a)-[:PARTICIPATED_IN {role: ar.role, docs: [$doc]}]->(e)"
)
# `docs` on PARTICIPATED_IN and CONCERNS: the documents that stated the link, so that a changed
# document re-loaded takes back only the links it alone had added
_ADD_DOC = (
    "r.docs = CASE WHEN $doc IN coalesce(r.docs, []) THEN r.docs ELSE coalesce(r.docs, []) + [$doc] END"
)
_ADD_MENTIONS = (
    "MATCH (d:Document {id: $doc}) UNWIND $rows AS r MATCH (e:Event {id: r.event}) "
    "CREATE (m:Mention) SET m = r.props CREATE (e)-[:MENTIONED_IN]->(m) CREATE (m)-[:IN]->(d)"
)


def write_document_rows(tx, rows: Rows, doc_id: str, written_mentions: set[str]) -> set[str]:
    """Write one batch of a document's records; returns the events that existed before it.

    Events new to the graph are CREATEd together with their first mention and their
    participants in one statement (no MERGE scans over the edges of busy actors),
    their reported dates computed here. Events that already exist (curated
    milestones, events of other documents) are only linked, with MERGE, and never
    rewritten; the caller refreshes their dates from all their mentions.
    """
    existing = _existing_events(tx, sorted({r["id"] for r in rows.events}))
    _create_missing(tx, rows.actors, "Actor")
    _create_missing(tx, rows.things, None)

    participants: dict[str, list[dict]] = defaultdict(list)
    participations = _links(rows.participations, ("actor", "event"))
    for link in participations:
        participants[link["event"]].append({"id": link["actor"], "role": link["role"]})
    stated: dict[str, list[str]] = defaultdict(list)
    for row in rows.events:
        stated[row["id"]].extend([row["props"]["date"], *row["props"]["alt_dates"]])

    created: dict[str, dict] = {}
    later_mentions = []
    for event_row, mention_row in zip(rows.events, rows.mentions, strict=True):
        if mention_row["id"] in written_mentions:
            continue  # the same sentence and event twice in one document
        written_mentions.add(mention_row["id"])
        event_id = event_row["id"]
        if event_id in existing or event_id in created:
            later_mentions.append(mention_row)
            continue
        props = event_row["props"]
        dates, conflict = reported_dates_and_conflict(props["date"], props["date_end"], stated[event_id])
        created[event_id] = {
            "props": {**props, "dates_reported": dates, "date_conflict": conflict},
            "mention": mention_row["props"],
            "actors": participants[event_id],
        }
    for batch in batched(list(created.values())):
        tx.run(_CREATE_EVENTS, doc=doc_id, rows=batch).consume()
    for batch in batched(later_mentions):
        tx.run(_ADD_MENTIONS, doc=doc_id, rows=batch).consume()

    linked_later = [r for r in participations if r["event"] in existing]
    for batch in batched(linked_later):
        tx.run(
            "UNWIND $rows AS x MATCH (a:Actor {id: x.actor}) MATCH (e:Event {id: x.event}) "
            f"MERGE (a)-[r:PARTICIPATED_IN]->(e) SET r.role = coalesce(r.role, x.role), {_ADD_DOC}",
            rows=batch,
            doc=doc_id,
        ).consume()
    for label, items in rows.concerns.items():
        links = _links(items, ("event", "thing"))
        for batch in batched([r for r in links if r["event"] not in existing]):
            tx.run(
                f"UNWIND $rows AS x MATCH (e:Event {{id: x.event}}) MATCH (t:{label} {{id: x.thing}}) "
                "CREATE (e)-[:CONCERNS {docs: [$doc]}]->(t)",
                rows=batch,
                doc=doc_id,
            ).consume()
        for batch in batched([r for r in links if r["event"] in existing]):
            tx.run(
                f"UNWIND $rows AS x MATCH (e:Event {{id: x.event}}) MATCH (t:{label} {{id: x.thing}}) "
                f"MERGE (e)-[r:CONCERNS]->(t) SET {_ADD_DOC}",
                rows=batch,
                doc=doc_id,
            ).consume()
    return existing


def matched_records(tx, records: list[dict]) -> list[dict]:
    """The records with `event_id` set to the graph event each one belongs to (graph.matching)
    and `key` to the record's own event_id (copies; the caller's records are left as they are)."""
    for record in records:
        event_props(record)  # a record outside the contract fails here with its reason
    existing = _existing_events(tx, sorted({r["event_id"] for r in records}))
    assigned = matching.match_records(tx, records, existing)
    return [
        {**record, "key": record["event_id"], "event_id": event_id}
        for record, event_id in zip(records, assigned, strict=True)
    ]


def canonicalize_events(tx, event_ids: Iterable[str]) -> dict[str, str]:
    """Give each extracted event the id and properties of its mention with the smallest key.

    Which document came first then does not matter: the event of mentions {k1, k2} is `k1`
    whichever of them arrived first, and it is rebuilt the same way when a re-loaded
    document takes its mention back. Only events whose id or properties change are written,
    in batches. Returns old id -> new id for the renamed events.
    """
    ids = sorted(set(event_ids))
    fields = ", ".join(f".{name}" for name in _OWN_EVENT_FIELDS)
    changes: list[dict] = []
    for start in range(0, len(ids), BATCH):
        rows = tx.run(
            "UNWIND $ids AS id MATCH (e:Event {id: id}) WHERE e.origin <> 'curated' "
            "MATCH (e)-[:MENTIONED_IN]->(m:Mention) WHERE m.key IS NOT NULL "
            f"RETURN e.id AS id, e {{{fields}}} AS current, "
            "collect({key: m.key, event: m.event, doc: m.doc, start: m.start}) AS mentions",
            ids=ids[start : start + BATCH],
        )
        for row in list(rows):
            # the smallest key; of equal keys, the first mention in the text of the first document
            canonical = min(row["mentions"], key=lambda m: (m["key"], m["doc"] or "", m["start"] or 0))
            props = json.loads(canonical["event"])
            current = {name: row["current"].get(name) for name in _OWN_EVENT_FIELDS}
            if canonical["key"] == row["id"] and _same_props(current, props):
                continue
            first, last = event_span(props["date"], props["date_end"])
            changes.append(
                {
                    "id": row["id"],
                    "target": canonical["key"],
                    "props": {**props, "date_start": first, "date_stop": last},
                }
            )
    taken = _existing_events(tx, sorted({c["target"] for c in changes if c["target"] != c["id"]}))
    for change in changes:
        if change["target"] in taken:
            change["target"] = change["id"]  # that id names another event: keep this one's
    for batch in batched(changes):
        tx.run(
            "UNWIND $rows AS r MATCH (e:Event {id: r.id}) SET e += r.props, e.id = r.target", rows=batch
        ).consume()
    return {c["id"]: c["target"] for c in changes if c["target"] != c["id"]}


def _same_props(current: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all((current.get(k) or None) == (wanted.get(k) or None) for k in wanted)


def refresh_event_dates(tx, event_ids: Iterable[str]) -> int:
    """Recompute `dates_reported` and `date_conflict` from the event's own dates and its mentions."""
    ids = sorted(set(event_ids))
    updates = []
    for batch_ids in (ids[i : i + BATCH] for i in range(0, len(ids), BATCH)):
        result = tx.run(
            "UNWIND $ids AS id MATCH (e:Event {id: id}) "
            "OPTIONAL MATCH (e)-[:MENTIONED_IN]->(m:Mention) "
            "RETURN e.id AS id, e.date AS date, e.date_end AS date_end, e.alt_dates AS alt, "
            "collect(m.date) AS stated",
            ids=batch_ids,
        )
        for row in result:
            reported = [*(row["alt"] or []), *(d for d in row["stated"] if d)]
            dates, conflict = reported_dates_and_conflict(row["date"], row["date_end"], reported)
            updates.append({"id": row["id"], "dates": dates, "conflict": conflict})
    for batch in batched(updates):
        tx.run(
            "UNWIND $rows AS r MATCH (e:Event {id: r.id}) "
            "SET e.dates_reported = r.dates, e.date_conflict = r.conflict",
            rows=batch,
        ).consume()
    return sum(1 for u in updates if u["conflict"])


def remove_document_mentions(tx, doc_id: str) -> list[str]:
    """Delete a document's mentions and the extracted events left with none; the touched event ids."""
    touched = [
        row["id"]
        for row in tx.run(
            "MATCH (e:Event)-[:MENTIONED_IN]->(m:Mention)-[:IN]->(:Document {id: $doc}) "
            "RETURN DISTINCT e.id AS id",
            doc=doc_id,
        )
    ]
    tx.run("MATCH (m:Mention)-[:IN]->(:Document {id: $doc}) DETACH DELETE m", doc=doc_id).consume()
    for rel in ("PARTICIPATED_IN", "CONCERNS"):
        # take back the links this document stated; those no other document (nor the reference
        # data) states go
        tx.run(
            f"UNWIND $ids AS id MATCH (e:Event {{id: id}}) MATCH (e)-[r:{rel}]-() "
            "WHERE $doc IN coalesce(r.docs, []) SET r.docs = [d IN r.docs WHERE d <> $doc]",
            ids=touched,
            doc=doc_id,
        ).consume()
        tx.run(
            f"UNWIND $ids AS id MATCH (e:Event {{id: id}}) MATCH (e)-[r:{rel}]-() "
            "WHERE r.docs IS NOT NULL AND size(r.docs) = 0 AND coalesce(r.curated, false) = false "
            "DELETE r",
            ids=touched,
        ).consume()
    tx.run(
        "UNWIND $ids AS id MATCH (e:Event {id: id}) "
        "WHERE e.origin <> 'curated' AND NOT EXISTS { MATCH (e)-[:MENTIONED_IN]->(:Mention) } "
        "DETACH DELETE e",
        ids=touched,
    ).consume()
    return touched


def document_props(doc) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": str(getattr(doc, "path", "") or ""),
        "title": getattr(doc, "title", "") or "",
        "publisher": getattr(doc, "publisher", "") or "",
        "date": getattr(doc, "date", None),
        "language": getattr(doc, "language", "") or "",
        "sha256": getattr(doc, "sha256", "") or "",
        "extractor_version": getattr(doc, "extractor_version", "") or "",
        "kind": getattr(doc, "kind", "") or "",
    }
