"""Named queries the UI and the exports read through.

Every function takes the store first and returns plain dicts with JSON-able
values (dates as ISO strings). Period bounds accept any ISO precision:
`start="2016"` means from 2016-01-01, `end="2016-09"` up to 2016-09-30; an
event is in a period when its span overlaps it.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
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


def _event_match(
    *,
    start: str | None = None,
    end: str | None = None,
    actor_ids: list[str] | None = None,
    types: list[str] | None = None,
    origin: str | None = None,
    event_ids: Iterable[str] | None = None,
    within: tuple[date, date] | None = None,
) -> tuple[str, dict[str, Any]]:
    """The MATCH … WITH DISTINCT e that every timeline query starts from, and its parameters.

    `event_ids` (None: no restriction) narrows to those events (a text search, a document
    filter); `within` to events whose first day falls in these bounds (a page of the table).
    """
    params = _period_params(start, end) | {
        "actor_ids": list(actor_ids or []),
        "types": list(types or []),
        "origin": origin,
        "event_ids": sorted(event_ids) if event_ids is not None else [],
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
    days: list[date] = []
    if within is not None:
        params |= {"within_first": within[0], "within_last": within[1]}
        conditions += ["e.date_start >= $within_first", "e.date_start <= $within_last"]
        span = (within[1] - within[0]).days + 1
        if 0 < span <= _MAX_DAYS_LOOKUP:
            days = [within[0] + timedelta(days=i) for i in range(span)]
    if actor_ids:
        match = "UNWIND $actor_ids AS actor_id MATCH (:Actor {id: actor_id})-[:PARTICIPATED_IN]->(e:Event) "
        if event_ids is not None:
            conditions.append("e.id IN $event_ids")
    elif event_ids is not None:
        match = "UNWIND $event_ids AS event_id MATCH (e:Event {id: event_id}) "
    elif days:
        # One index lookup per day: the embedded engine answers equality on the date_start
        # index but scans every event for a range (0.4 s at 100k events).
        params["days"] = days
        match = "UNWIND $days AS day MATCH (e:Event {date_start: day}) "
    else:
        match = "MATCH (e:Event) "
    where = f"WHERE {' AND '.join(conditions)} " if conditions else ""
    return f"{match}{where}WITH DISTINCT e ", params


_MAX_DAYS_LOOKUP = 2000  # a page's date bounds wider than this are read by a scan, not by day


def timeline(
    store,
    *,
    start: str | None = None,
    end: str | None = None,
    actor_ids: list[str] | None = None,
    types: list[str] | None = None,
    origin: str | None = None,
    event_ids: Iterable[str] | None = None,
    limit: int = 500,
    skip: int = 0,
    newest_first: bool = False,
    within: tuple[date, date] | None = None,
) -> list[dict]:
    """Events in a period, oldest first (or the newest `limit` ones with `newest_first`).

    Ordered by first day, last day and id; `skip` and `limit` page through that order.
    """
    match, params = _event_match(
        start=start, end=end, actor_ids=actor_ids, types=types, origin=origin, event_ids=event_ids,
        within=within,
    )  # fmt: skip
    params |= {"limit": int(limit), "skip": max(0, int(skip))}
    order = "DESC" if newest_first else ""
    cypher = (
        f"{match}ORDER BY e.date_start {order}, e.date_stop {order}, e.id {order} "
        f"SKIP $skip LIMIT $limit {_EVENT_DETAILS}"
    )
    events = [_event_row(row) for row in store.read_trusted(cypher, params)]
    events.sort(key=lambda e: (e["date_start"], e["date_stop"], e["id"]), reverse=newest_first)
    return events


def timeline_count(store, **filters: Any) -> int:
    """How many events the timeline filters keep (`timeline`'s keyword filters, without paging)."""
    match, params = _event_match(**filters)
    rows = store.read_trusted(f"{match}RETURN count(e) AS n", params)
    return int(rows[0]["n"]) if rows else 0


def timeline_histogram(store, *, by: str = "month", **filters: Any) -> list[dict]:
    """Events per month (or year) of their first day and per type, oldest first: the timeline at
    overview zoom, counted by the database instead of drawn one by one.

    Rows: {"year", "month" (None by year), "type", "n"}. The counts add up to `timeline_count`.
    """
    if by not in ("month", "year"):
        raise ValueError(f"by must be month or year, not {by!r}")
    match, params = _event_match(**filters)
    # Year and month as date fields, not a prefix of toString(date): the embedded engine
    # takes 5 s for the string form at 100k events, under 1 s for the fields.
    month = "e.date_start.month" if by == "month" else "null"
    rows = store.read_trusted(
        f"{match}RETURN e.date_start.year AS year, {month} AS month, e.type AS type, count(*) AS n", params
    )
    return sorted(
        ({"year": int(r["year"]), "month": r["month"] and int(r["month"]), "type": r["type"],
          "n": int(r["n"])} for r in rows if r["year"] is not None),
        key=lambda r: (r["year"], r["month"] or 0, str(r["type"])),
    )  # fmt: skip


def bucket_span(year: int, month: int | None) -> tuple[date, date]:
    """First and last day of a histogram bucket (a month, or a year when `month` is None)."""
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def timeline_page(
    store, *, page: int, page_size: int = 100, histogram: list[dict] | None = None, **filters: Any
) -> list[dict]:
    """Page `page` (from 0) of the timeline's events in date order: `timeline(skip=page *
    page_size, limit=page_size)`, the same rows, read without sorting every event.

    The histogram (`timeline_histogram` with the same filters; read here when not given) tells
    which months hold the page's rows, so the database reads only the events of those months.
    """
    if histogram is None:
        histogram = timeline_histogram(store, by="month", **filters)
    totals: dict[tuple[int, int | None], int] = {}
    for row in histogram:
        key = (row["year"], row["month"])
        totals[key] = totals.get(key, 0) + row["n"]
    first_row, last_row = max(0, int(page)) * page_size, (max(0, int(page)) + 1) * page_size
    seen, first_bucket, last_bucket, skip = 0, None, None, 0
    for key in sorted(totals, key=lambda k: (k[0], k[1] or 0)):
        if first_bucket is None and seen + totals[key] > first_row:
            first_bucket, skip = key, first_row - seen
        seen += totals[key]
        if first_bucket is not None:
            last_bucket = key
            if seen >= last_row:
                break
    if first_bucket is None or last_bucket is None:
        return []
    within = (bucket_span(*first_bucket)[0], bucket_span(*last_bucket)[1])
    return timeline(store, **filters, within=within, skip=skip, limit=page_size)


def event_ids_matching(store, text: str) -> set[str]:
    """Events whose title (either language) or date contains `text`, or one of whose
    participants, agreements or initiatives has a name or alias that contains it (any case)."""
    needle = text.strip().lower()
    if not needle:
        return set()
    named = (
        "toLower(coalesce(x.name, '')) CONTAINS $q OR toLower(coalesce(x.name_en, '')) CONTAINS $q "
        "OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) CONTAINS $q)"
    )
    queries = (
        "MATCH (e:Event) WHERE toLower(coalesce(e.title, '')) CONTAINS $q "
        "OR toLower(coalesce(e.title_en, '')) CONTAINS $q OR e.date STARTS WITH $q RETURN e.id AS id",
        f"MATCH (x:Actor) WHERE {named} MATCH (x)-[:PARTICIPATED_IN]->(e:Event) RETURN DISTINCT e.id AS id",
        f"MATCH (x) WHERE (x:Agreement OR x:Initiative) AND ({named}) "
        "MATCH (e:Event)-[:CONCERNS]->(x) RETURN DISTINCT e.id AS id",
    )
    return {row["id"] for cypher in queries for row in store.read_trusted(cypher, {"q": needle})}


def graph_version(store) -> str:
    """A short fingerprint that changes when documents or events are added, changed or removed:
    the key under which the UI caches query results (cheap: counts and the documents' hashes)."""
    rows = store.read_trusted(
        "MATCH (d:Document) RETURN d.id AS id, d.sha256 AS sha, d.extractor_version AS version ORDER BY id"
    )
    counts = store.read_trusted("MATCH (e:Event) RETURN count(e) AS n")
    actors = store.read_trusted("MATCH (a:Actor) RETURN count(a) AS n")
    digest = hashlib.sha256(json.dumps([rows, counts, actors], sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


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
    period = _period_where(start, end)
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


def actor_detail(store, actor_id: str, *, event_limit: int = 10000) -> dict | None:
    """An actor, the offices it held (or that belong to it), memberships and its events (the
    newest `event_limit` of them, oldest first; `event_count` says how many there are)."""
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
    actor["event_count"] = timeline_count(store, actor_ids=[actor_id])
    actor["events"] = timeline(store, actor_ids=[actor_id], limit=event_limit, newest_first=True)[::-1]
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


def document_titles(store) -> list[dict]:
    """Id and title of every document, by id (for a choice list; `documents` also counts mentions)."""
    return store.read_trusted("MATCH (d:Document) RETURN d.id AS id, d.title AS title ORDER BY id")


def documents(store) -> list[dict]:
    return store.read_trusted(
        "MATCH (d:Document) OPTIONAL MATCH (d)<-[:IN]-(m:Mention) "
        "RETURN d.id AS id, d.title AS title, d.publisher AS publisher, d.date AS date, "
        "d.language AS language, d.sha256 AS sha256, count(m) AS mentions ORDER BY id"
    )


def date_bounds(store) -> dict:
    """The first and last day an event covers (None, None for an empty graph): one pass over the
    events, without the label counts of `summary`."""
    rows = store.read_trusted(
        "MATCH (e:Event) RETURN toString(min(e.date_start)) AS first, toString(max(e.date_stop)) AS last"
    )
    row = rows[0] if rows else {}
    return {"first_date": row.get("first"), "last_date": row.get("last")}


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


def co_actors(
    store, actor_id: str, *, start: str | None = None, end: str | None = None, limit: int | None = None
) -> list[dict]:
    """Actors who took part in events together with this one, most shared events first (the
    first `limit` of them)."""
    params = _period_params(start, end) | {"id": actor_id, "limit": int(limit or 0)}
    period = _period_where(start, end)
    return store.read_trusted(
        "MATCH (:Actor {id: $id})-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor) "
        f"WHERE b.id <> $id AND {period} "
        "RETURN b.id AS id, b.name AS name, b.name_en AS name_en, b.kind AS kind, "
        "count(DISTINCT e) AS shared ORDER BY shared DESC, id" + (" LIMIT $limit" if limit else ""),
        params,
    )


def _period_where(start: str | None, end: str | None) -> str:
    """The period's conditions on `e`, only those in use (an unused `$x IS NULL OR …` is
    evaluated on every row by the embedded engine)."""
    used = [c for c, on in (("e.date_stop >= $start", start), ("e.date_start <= $end", end)) if on]
    return " AND ".join(used) or "e.date_start IS NOT NULL"


def _actor_nodes(store, ids: list[str], params: dict[str, Any]) -> list[dict]:
    """These actors with their number of events in the period, busiest first (as actor_network)."""
    period = _period_where(params["start"], params["end"])
    return store.read_trusted(
        "UNWIND $ids AS actor_id MATCH (a:Actor {id: actor_id})-[:PARTICIPATED_IN]->(e:Event) "
        f"WHERE {period} RETURN a.id AS id, a.name AS name, a.name_en AS name_en, a.kind AS kind, "
        "count(DISTINCT e) AS events ORDER BY events DESC, id",
        params | {"ids": ids},
    )


def _links_among(store, ids: list[str], params: dict[str, Any], links: int | None) -> list[dict]:
    """The links between these actors (weight >= $min_weight), heaviest first, at most `links`."""
    period = _period_where(params["start"], params["end"])
    limit = "LIMIT $links" if links is not None else ""
    edges = store.read_trusted(
        "UNWIND $ids AS source MATCH (:Actor {id: source})-[:PARTICIPATED_IN]->(e:Event)"
        "<-[:PARTICIPATED_IN]-(b:Actor) "
        f"WHERE source < b.id AND b.id IN $ids AND {period} "
        "WITH source, b.id AS target, collect(DISTINCT e.id) AS event_ids "
        "WHERE size(event_ids) >= $min_weight RETURN source, target, size(event_ids) AS weight, event_ids "
        f"ORDER BY weight DESC, source, target {limit}",
        params | {"ids": ids, "links": int(links or 0)},
    )
    for edge in edges:
        edge["event_ids"] = sorted(edge["event_ids"])
    return edges


def top_network(
    store,
    *,
    start: str | None = None,
    end: str | None = None,
    kinds: list[str] | None = None,
    min_weight: int = 1,
    actors: int = 150,
    links: int = 400,
) -> dict:
    """The top of `actor_network`: its `actors` busiest actors (most events in the period, as
    ordered there) and the `links` heaviest links between them, counted by the database.

    What the network page draws without a centre: a readable picture whatever the size of the
    graph, read without building the whole network. With `min_weight` > 1, actors no kept link
    touches are left out, as in `actor_network`.
    """
    params = _period_params(start, end) | {"kinds": kinds or None, "min_weight": int(min_weight)}
    period = _period_where(start, end)
    kind = "AND a.kind IN $kinds " if kinds else ""
    nodes = store.read_trusted(
        f"MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) WHERE {period} {kind}"
        "WITH a, count(DISTINCT e) AS events ORDER BY events DESC, a.id LIMIT $actors "
        "RETURN a.id AS id, a.name AS name, a.name_en AS name_en, a.kind AS kind, events",
        params | {"actors": int(actors)},
    )
    nodes.sort(key=lambda n: (-n["events"], n["id"]))
    edges = _links_among(store, [n["id"] for n in nodes], params, links) if nodes else []
    if min_weight > 1:
        linked = {e["source"] for e in edges} | {e["target"] for e in edges}
        nodes = [n for n in nodes if n["id"] in linked]
    return {"nodes": nodes, "edges": edges}


def ego_network(
    store,
    actor_id: str,
    *,
    hops: int = 1,
    start: str | None = None,
    end: str | None = None,
    kinds: list[str] | None = None,
    min_weight: int = 1,
    limit: int | None = None,
    links: int | None = None,
) -> dict:
    """The actor network cut to one actor and its neighbours within `hops` links (1 or 2).

    The same nodes and edges as `actor_network` with the same filters, so the ego view, its
    counts and its exports agree with the full network. Links between two neighbours stay.
    `limit` keeps the centre and at most `limit` - 1 neighbours (the most shared events with
    the centre first, then, at two hops, with the first ring), `links` the heaviest links: the
    bounded view the pages draw. Read from the centre outwards, never the whole network.
    """
    params = _period_params(start, end) | {"kinds": kinds or None, "min_weight": int(min_weight)}
    period = _period_where(start, end)
    kind = "AND b.kind IN $kinds " if kinds else ""
    centre = store.read_trusted(
        "MATCH (a:Actor {id: $id}) WHERE $kinds IS NULL OR a.kind IN $kinds RETURN a.id AS id",
        params | {"id": actor_id},
    )
    if not centre:
        return {"centre": actor_id, "nodes": [], "edges": []}
    room = None if limit is None else max(0, int(limit) - 1)
    reached = [actor_id]
    frontier = [actor_id]
    for _ in range(max(1, min(int(hops), 2))):
        if room is not None and room <= 0:
            break
        rows = store.read_trusted(
            "UNWIND $frontier AS source MATCH (:Actor {id: source})-[:PARTICIPATED_IN]->(e:Event)"
            "<-[:PARTICIPATED_IN]-(b:Actor) "
            f"WHERE NOT b.id IN $reached {kind}AND {period} "
            "WITH source, b.id AS id, count(DISTINCT e) AS shared WHERE shared >= $min_weight "
            "RETURN id, sum(shared) AS shared ORDER BY shared DESC, id",
            params | {"frontier": frontier, "reached": reached},
        )
        frontier = [row["id"] for row in rows][:room]
        reached += frontier
        if room is not None:
            room -= len(frontier)
    nodes = _actor_nodes(store, reached, params)
    edges = _links_among(store, reached, params, links) if len(reached) > 1 else []
    if min_weight > 1:
        linked = {e["source"] for e in edges} | {e["target"] for e in edges}
        nodes = [n for n in nodes if n["id"] in linked]
    return {"centre": actor_id, "nodes": nodes, "edges": edges}


def office_titles(store) -> dict[str, str]:
    """The English title of every office title held in the graph (`HELD_OFFICE {title, title_en}`):
    what a participant's role (the office it acted in, in Chinese) reads in English."""
    rows = store.read_trusted(
        "MATCH ()-[h:HELD_OFFICE]->() WHERE h.title IS NOT NULL AND h.title_en IS NOT NULL "
        "RETURN DISTINCT h.title AS title, h.title_en AS title_en ORDER BY title"
    )
    return {row["title"]: row["title_en"] for row in rows}


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
