"""Named queries the UI and the exports read through.

Every function takes the store first and returns plain dicts with JSON-able
values (dates as ISO strings). Period bounds accept any ISO precision:
`start="2016"` means from 2016-01-01, `end="2016-09"` up to 2016-09-30; an
event is in a period when its span overlaps it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from policygraph.graph.dates import parse_span

_EVENT_FIELDS = (
    "e {.id, .date, .date_end, .precision, .type, .title, .title_en, .origin, .location, "
    ".date_conflict, .dates_reported, date_start: toString(e.date_start), "
    "date_stop: toString(e.date_stop), .source} AS event"
)
# Participants, things and mentions in stages of OPTIONAL MATCH + collect: pattern
# comprehensions such as [(a)-[:PARTICIPATED_IN]->(e) | a] are planned as scans
# of every actor on the embedded engine (seconds on 20k events).
_EVENT_DETAILS = (
    "OPTIONAL MATCH (e)<-[p:PARTICIPATED_IN]-(a:Actor) "
    "WITH e, collect({id: a.id, name: a.name, name_en: a.name_en, kind: a.kind, role: p.role}) AS actors "
    "OPTIONAL MATCH (e)-[:CONCERNS]->(t) "
    "WITH e, actors, collect({id: t.id, name: t.name, name_en: t.name_en, kind: t.kind}) AS things "
    "OPTIONAL MATCH (e)-[:MENTIONED_IN]->(m:Mention) "
    "WITH e, actors, things, collect(m.doc) AS mention_docs "
    f"RETURN {_EVENT_FIELDS}, actors, things, mention_docs"
)


def _period_params(start: str | None, end: str | None) -> dict[str, Any]:
    return {
        "start": parse_span(start)[0] if start else None,
        "end": parse_span(end)[1] if end else None,
    }


def _event_row(row: dict) -> dict:
    event = dict(row["event"])
    event["date_conflict"] = bool(event.get("date_conflict"))
    event["dates_reported"] = list(event.get("dates_reported") or [])
    actors = sorted(_distinct(row["actors"]), key=lambda a: (a["kind"] != "state", a["id"]))
    things = sorted(_distinct(row["things"]), key=lambda t: t["id"])
    docs = [d for d in row["mention_docs"] if d]
    event.update(actors=actors, things=things, n_mentions=len(docs), docs=sorted(set(docs)))
    return event


def _distinct(items: list[dict]) -> list[dict]:
    seen: dict[str, dict] = {}
    for item in items:
        if item.get("id") and item["id"] not in seen:
            seen[item["id"]] = item
    return list(seen.values())


def timeline(
    store,
    *,
    start: str | None = None,
    end: str | None = None,
    actor_ids: list[str] | None = None,
    types: list[str] | None = None,
    origin: str | None = None,
    limit: int = 500,
    newest_first: bool = False,
) -> list[dict]:
    """Events in a period, oldest first (or the newest `limit` ones with `newest_first`)."""
    params = _period_params(start, end) | {
        "actor_ids": actor_ids or [],
        "types": types or [],
        "origin": origin,
        "limit": int(limit),
    }
    # Only the filters in use go into the query: `$x IS NULL OR …` costs the
    # embedded engine's planner a scan.
    conditions = [
        condition
        for condition, used in (
            ("e.date_stop >= $start", start),
            ("e.date_start <= $end", end),
            ("e.type IN $types", types),
            ("e.origin = $origin", origin),
        )
        if used
    ]
    if actor_ids:
        match = "UNWIND $actor_ids AS actor_id MATCH (:Actor {id: actor_id})-[:PARTICIPATED_IN]->(e:Event) "
    else:
        match = "MATCH (e:Event) "
    where = f"WHERE {' AND '.join(conditions)} " if conditions else ""
    order = "DESC" if newest_first else ""
    cypher = (
        f"{match}{where}WITH DISTINCT e "
        f"ORDER BY e.date_start {order}, e.date_stop {order}, e.id LIMIT $limit {_EVENT_DETAILS}"
    )
    events = [_event_row(row) for row in store.read_trusted(cypher, params)]
    events.sort(key=lambda e: (e["date_start"], e["date_stop"], e["id"]), reverse=newest_first)
    return events


def event_detail(store, event_id: str) -> dict | None:
    """The timeline fields, every mention with its sentence and document, and the curated source."""
    rows = store.read_trusted(f"MATCH (e:Event {{id: $id}}) {_EVENT_DETAILS}", {"id": event_id})
    if not rows:
        return None
    event = _event_row(rows[0])
    event["mentions"] = store.read_trusted(
        "MATCH (:Event {id: $id})-[:MENTIONED_IN]->(m:Mention) OPTIONAL MATCH (m)-[:IN]->(d:Document) "
        "RETURN m.id AS id, m.text AS text, m.start AS start, m.end AS end, m.date AS date, "
        "m.doc AS doc, d.title AS doc_title ORDER BY m.doc, m.start",
        {"id": event_id},
    )
    event["sources"] = [event["source"]] if event.get("source") else []
    return event


def actor_network(
    store,
    *,
    start: str | None = None,
    end: str | None = None,
    kinds: list[str] | None = None,
    min_weight: int = 1,
) -> dict:
    """Actors as nodes; an edge between two actors weighted by the events both took part in."""
    params = _period_params(start, end) | {"kinds": kinds or None, "min_weight": int(min_weight)}
    period = "($start IS NULL OR e.date_stop >= $start) AND ($end IS NULL OR e.date_start <= $end)"
    edges = store.read_trusted(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor) "
        f"WHERE a.id < b.id AND {period} "
        "AND ($kinds IS NULL OR (a.kind IN $kinds AND b.kind IN $kinds)) "
        "WITH a.id AS source, b.id AS target, collect(DISTINCT e.id) AS event_ids "
        "WHERE size(event_ids) >= $min_weight "
        "RETURN source, target, size(event_ids) AS weight, event_ids ORDER BY weight DESC, source, target",
        params,
    )
    nodes = store.read_trusted(
        f"MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) WHERE {period} "
        "AND ($kinds IS NULL OR a.kind IN $kinds) "
        "RETURN a.id AS id, a.name AS name, a.name_en AS name_en, a.kind AS kind, "
        "count(DISTINCT e) AS events ORDER BY events DESC, id",
        params,
    )
    if min_weight > 1:  # keep only actors an edge still touches
        linked = {e["source"] for e in edges} | {e["target"] for e in edges}
        nodes = [n for n in nodes if n["id"] in linked]
    for edge in edges:
        edge["event_ids"] = sorted(edge["event_ids"])
    return {"nodes": nodes, "edges": edges}


def actor_detail(store, actor_id: str) -> dict | None:
    """An actor, the offices it held (or that belong to it), memberships and its events."""
    rows = store.read_trusted(
        "MATCH (a:Actor {id: $id}) "
        "RETURN a {.id, .name, .name_en, .kind, .wikidata, .aliases, .source} AS actor, labels(a) AS labels",
        {"id": actor_id},
    )
    if not rows:
        return None
    actor = rows[0]["actor"]
    actor["labels"] = rows[0]["labels"]
    actor["offices"] = store.read_trusted(
        "MATCH (a:Actor {id: $id})-[h:HELD_OFFICE]->(b:Actor) "
        "RETURN h.title AS title, h.title_en AS title_en, h.start AS start, h.end AS end, "
        "b.id AS body, b.name AS body_name ORDER BY h.start",
        {"id": actor_id},
    )
    actor["office_holders"] = store.read_trusted(
        "MATCH (p:Actor)-[h:HELD_OFFICE]->(a:Actor {id: $id}) "
        "RETURN p.id AS id, p.name AS name, p.name_en AS name_en, h.title AS title, h.start AS start, "
        "h.end AS end ORDER BY h.start",
        {"id": actor_id},
    )
    actor["member_of"] = store.read_trusted(
        "MATCH (a:Actor {id: $id})-[:MEMBER_OF]->(g:Actor) RETURN g.id AS id, g.name AS name, "
        "g.name_en AS name_en ORDER BY id",
        {"id": actor_id},
    )
    actor["events"] = timeline(store, actor_ids=[actor_id], limit=10000)
    for event in actor["events"]:  # the actor's own role in each event
        event["role"] = next((a["role"] for a in event["actors"] if a["id"] == actor_id), None)
    return actor


def actors(store) -> list[dict]:
    """Every actor with its number of events (most active first)."""
    return store.read_trusted(
        "MATCH (a:Actor) OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e:Event) "
        "RETURN a.id AS id, a.name AS name, a.name_en AS name_en, a.kind AS kind, a.aliases AS aliases, "
        "count(DISTINCT e) AS events ORDER BY events DESC, id"
    )


def documents(store) -> list[dict]:
    return store.read_trusted(
        "MATCH (d:Document) OPTIONAL MATCH (d)<-[:IN]-(m:Mention) "
        "RETURN d.id AS id, d.title AS title, d.publisher AS publisher, d.date AS date, "
        "d.language AS language, d.sha256 AS sha256, count(m) AS mentions ORDER BY id"
    )


def summary(store) -> dict:
    """Node and relationship counts, and the first and last event dates."""
    counts = store.counts()
    span = store.read_trusted(
        "MATCH (e:Event) RETURN toString(min(e.date_start)) AS first, toString(max(e.date_stop)) AS last, "
        "count(e) AS events, sum(CASE WHEN e.date_conflict THEN 1 ELSE 0 END) AS conflicts"
    )
    row = span[0] if span else {}
    return {
        "counts": counts,
        "events": counts.get("Event", 0),
        "actors": counts.get("Actor", 0),
        "mentions": counts.get("Mention", 0),
        "documents": counts.get("Document", 0),
        "date_conflicts": row.get("conflicts") or 0,
        "first_date": row.get("first") if row.get("events") else None,
        "last_date": row.get("last") if row.get("events") else None,
    }


# -- example queries (docs/schema.md) --------------------------------------------------------


@dataclass(frozen=True)
class ExampleQuery:
    title: str
    cypher: str
    params: dict = field(default_factory=dict)
    expect_rows: bool = False


def parse_examples(markdown: str) -> list[ExampleQuery]:
    """Each `### title` of the "Example queries" section with its ```cypher block.

    `// params: {json}` and `// expect: rows` lines inside a block set its
    parameters and whether it must return rows on the bundled data.
    """
    section = markdown.split("\n## Example queries", 1)[-1]
    examples: list[ExampleQuery] = []
    title = ""
    block: list[str] | None = None
    for line in section.splitlines():
        if block is None:
            if line.startswith("### "):
                title = line[4:].strip()
            elif line.strip() == "```cypher":
                block = []
        elif line.strip() == "```":
            examples.append(_example(title, block))
            block = None
        else:
            block.append(line)
    return examples


def _example(title: str, lines: list[str]) -> ExampleQuery:
    params: dict = {}
    expect = False
    code = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("// params:"):
            params = json.loads(stripped.removeprefix("// params:"))
        elif stripped.startswith("// expect:"):
            expect = "rows" in stripped
        else:
            code.append(line)
    return ExampleQuery(title, "\n".join(code).strip(), params, expect)


def example_queries() -> list[ExampleQuery]:
    """The examples of docs/schema.md, which the package ships (policygraph.docs) so that the
    console offers the same queries as the doc, installed or not."""
    doc = resources.files("policygraph.docs") / "schema.md"
    return parse_examples(doc.read_text(encoding="utf-8"))


# -- queries of the UI's agreement, actor and ego-network views -------------------------------
# (kept together at the end; standard Cypher that runs on ArcadeDB and Neo4j 5 alike)


def event_ids_in_documents(store, doc_ids: list[str]) -> set[str]:
    """Ids of the events that at least one sentence of these documents states."""
    if not doc_ids:
        return set()
    rows = store.read_trusted(
        "UNWIND $docs AS doc_id MATCH (m:Mention {doc: doc_id})<-[:MENTIONED_IN]-(e:Event) "
        "RETURN DISTINCT e.id AS id",
        {"docs": list(doc_ids)},
    )
    return {row["id"] for row in rows}


def things(store) -> list[dict]:
    """Every agreement and initiative with its number of events (most events first)."""
    rows = store.read_trusted(
        "MATCH (t) WHERE t:Agreement OR t:Initiative OPTIONAL MATCH (e:Event)-[:CONCERNS]->(t) "
        "RETURN t.id AS id, t.name AS name, t.name_en AS name_en, t.kind AS kind, t.aliases AS aliases, "
        "count(DISTINCT e) AS events ORDER BY events DESC, id"
    )
    for row in rows:
        row["aliases"] = list(row.get("aliases") or [])
    return rows


def thing_detail(store, thing_id: str) -> dict | None:
    """An agreement or initiative and every event that concerns it (oldest first), with mentions."""
    rows = store.read_trusted(
        "MATCH (t {id: $id}) WHERE t:Agreement OR t:Initiative "
        "RETURN t {.id, .name, .name_en, .kind, .aliases, .wikidata, .date, .source} AS thing",
        {"id": thing_id},
    )
    if not rows:
        return None
    thing = rows[0]["thing"]
    thing["aliases"] = list(thing.get("aliases") or [])
    event_rows = store.read_trusted(
        f"MATCH (e:Event)-[:CONCERNS]->(t {{id: $id}}) WITH DISTINCT e {_EVENT_DETAILS}", {"id": thing_id}
    )
    events = sorted((_event_row(row) for row in event_rows), key=lambda e: (e["date_start"], e["id"]))
    mentions: dict[str, list[dict]] = {}
    for row in store.read_trusted(
        "MATCH (e:Event)-[:CONCERNS]->(t {id: $id}) MATCH (e)-[:MENTIONED_IN]->(m:Mention) "
        "OPTIONAL MATCH (m)-[:IN]->(d:Document) "
        "RETURN e.id AS event, m.id AS id, m.text AS text, m.start AS start, m.end AS end, m.date AS date, "
        "m.doc AS doc, d.title AS doc_title ORDER BY m.doc, m.start",
        {"id": thing_id},
    ):
        mentions.setdefault(row.pop("event"), []).append(row)
    for event in events:
        event["mentions"] = mentions.get(event["id"], [])
        event["sources"] = [event["source"]] if event.get("source") else []
    thing["events"] = events
    return thing


def co_actors(store, actor_id: str, *, start: str | None = None, end: str | None = None) -> list[dict]:
    """Actors who took part in events together with this one, most shared events first."""
    params = _period_params(start, end) | {"id": actor_id}
    period = "($start IS NULL OR e.date_stop >= $start) AND ($end IS NULL OR e.date_start <= $end)"
    return store.read_trusted(
        "MATCH (:Actor {id: $id})-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor) "
        f"WHERE b.id <> $id AND {period} "
        "RETURN b.id AS id, b.name AS name, b.name_en AS name_en, b.kind AS kind, "
        "count(DISTINCT e) AS shared ORDER BY shared DESC, id",
        params,
    )


def ego_network(
    store,
    actor_id: str,
    *,
    hops: int = 1,
    start: str | None = None,
    end: str | None = None,
    kinds: list[str] | None = None,
    min_weight: int = 1,
) -> dict:
    """The actor network cut to one actor and its neighbours within `hops` links (1 or 2).

    The same nodes and edges as `actor_network` with the same filters, so the ego view, its
    counts and its exports agree with the full network. Links between two neighbours stay.
    """
    network = actor_network(store, start=start, end=end, kinds=kinds, min_weight=min_weight)
    neighbours: dict[str, set[str]] = {}
    for edge in network["edges"]:
        neighbours.setdefault(edge["source"], set()).add(edge["target"])
        neighbours.setdefault(edge["target"], set()).add(edge["source"])
    known = {node["id"] for node in network["nodes"]}
    reached = {actor_id} if actor_id in known else set()
    frontier = set(reached)
    for _ in range(max(1, min(int(hops), 2))):
        frontier = {n for node in frontier for n in neighbours.get(node, ())} - reached
        reached |= frontier
    return {
        "centre": actor_id,
        "nodes": [n for n in network["nodes"] if n["id"] in reached],
        "edges": [e for e in network["edges"] if e["source"] in reached and e["target"] in reached],
    }


def event_titles(store, event_ids: list[str]) -> dict[str, dict]:
    """Date and titles of the given events, by id (for the shared events of network links)."""
    if not event_ids:
        return {}
    rows = store.read_trusted(
        "UNWIND $ids AS event_id MATCH (e:Event {id: event_id}) "
        "RETURN e.id AS id, e.date AS date, e.date_end AS date_end, e.title AS title, e.title_en AS title_en",
        {"ids": list(event_ids)},
    )
    return {row["id"]: row for row in rows}


def event_ids(store) -> set[str]:
    """The id of every event (to tell, after loading a document, which events are new)."""
    return {row["id"] for row in store.read_trusted("MATCH (e:Event) RETURN e.id AS id")}
