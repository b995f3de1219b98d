"""Exports: events (CSV, JSON, TimelineJS) and the actor network (GraphML, GEXF for Gephi)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import defaultdict
from pathlib import Path

import networkx as nx
from policygraph.graph import queries

FORMATS = ("csv", "json", "graphml", "gexf", "timelinejs")
ALL_EVENTS = 10_000_000

CSV_COLUMNS = (
    "id", "date", "date_end", "precision", "type", "title", "title_en", "origin", "location",
    "date_conflict", "dates_reported", "actors", "actors_en", "actor_ids", "things", "thing_ids",
    "n_mentions", "documents", "source", "sentences",
)  # fmt: skip


def events_with_sources(
    store, *, start: str | None = None, end: str | None = None, actor_ids: list[str] | None = None
) -> list[dict]:
    """Every event of the period (of these actors, if given) with participants, things, mentions, source."""
    events = queries.timeline(store, start=start, end=end, actor_ids=actor_ids, limit=ALL_EVENTS)
    mentions: dict[str, list[dict]] = defaultdict(list)
    for row in store.read_trusted(
        "MATCH (e:Event)-[:MENTIONED_IN]->(m:Mention) OPTIONAL MATCH (m)-[:IN]->(d:Document) "
        "RETURN e.id AS event, m.id AS id, m.text AS text, m.start AS start, m.end AS end, m.date AS date, "
        "m.doc AS doc, d.title AS doc_title ORDER BY m.doc, m.start"
    ):
        mentions[row.pop("event")].append(row)
    for event in events:
        event["mentions"] = mentions.get(event["id"], [])
        event["sources"] = [event["source"]] if event.get("source") else []
    return events


def _csv(events: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for event in events:
        writer.writerow(
            {
                **event,
                "date_conflict": "true" if event["date_conflict"] else "false",
                "dates_reported": "; ".join(event["dates_reported"]),
                "actors": "; ".join(a["name"] or "" for a in event["actors"]),
                "actors_en": "; ".join(a["name_en"] or "" for a in event["actors"]),
                "actor_ids": "; ".join(a["id"] for a in event["actors"]),
                "things": "; ".join(t["name"] or "" for t in event["things"]),
                "thing_ids": "; ".join(t["id"] for t in event["things"]),
                "documents": "; ".join(event["docs"]),
                "sentences": " | ".join(m["text"] or "" for m in event["mentions"]),
            }
        )
    # A BOM so that spreadsheet programs read the Chinese text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _json(events: list[dict]) -> bytes:
    return json.dumps(events, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def network_view(
    store,
    *,
    start: str | None = None,
    end: str | None = None,
    kinds: list[str] | None = None,
    min_weight: int = 1,
    centre: str | None = None,
    hops: int = 1,
    limit: int | None = None,
    links: int | None = None,
) -> dict:
    """The actor network with the UI's filters: period, actor kinds, link weight, ego centre and hops.

    `limit` and `links` bound it as the network page draws it (`queries.top_network`, or the
    bounded `queries.ego_network` around a centre); None: the whole network of the filters.
    """
    if centre:
        return queries.ego_network(
            store, centre, hops=hops, start=start, end=end, kinds=kinds, min_weight=min_weight, limit=limit,
            links=links,
        )  # fmt: skip
    if limit is not None:
        return queries.top_network(
            store, start=start, end=end, kinds=kinds, min_weight=min_weight, actors=limit, links=links or 400
        )
    return queries.actor_network(store, start=start, end=end, kinds=kinds, min_weight=min_weight)


def network_graph(store, *, start: str | None = None, end: str | None = None, **view) -> nx.Graph:
    """The actor co-participation network as a networkx graph (weights = shared events).

    `view` takes the filters of `network_view` (kinds, min_weight, centre, hops).
    """
    network = network_view(store, start=start, end=end, **view)
    graph = nx.Graph(name="policygraph actor network", period=f"{start or ''}..{end or ''}")
    for node in network["nodes"]:
        graph.add_node(
            node["id"],
            label=node["name"] or node["name_en"] or node["id"],
            name=node["name"] or "",
            name_en=node["name_en"] or "",
            kind=node["kind"] or "",
            events=int(node["events"]),
        )
    for edge in network["edges"]:
        graph.add_edge(
            edge["source"], edge["target"], weight=int(edge["weight"]), event_ids=" ".join(edge["event_ids"])
        )
    return graph


def _graphml(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def _gexf(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def timelinejs_date(iso: str) -> dict[str, str]:
    """`2016` -> {year}; `2016-09` -> {year, month}; a day keeps all three: no invented precision."""
    parts = iso.split("-")
    keys = ("year", "month", "day")
    return {key: str(int(value)) for key, value in zip(keys, parts, strict=False)}


def _timelinejs(events: list[dict], start: str | None, end: str | None) -> bytes:
    items = []
    for event in events:
        names = ", ".join(a["name"] or a["name_en"] for a in event["actors"] if a["kind"] != "state")
        lines = [event["title_en"]] if event["title_en"] else []
        if names:
            lines.append(f"参与者 / participants: {names}")
        if event["date_conflict"]:
            lines.append(f"来源日期不一致 / sources disagree: {', '.join(event['dates_reported'])}")
        lines += [f'<a href="{url}">source</a>' for url in event["sources"]]
        lines += [f"{m['doc']}: {m['text']}" for m in event["mentions"][:3]]
        item = {
            "unique_id": event["id"],
            "start_date": timelinejs_date(event["date"]),
            "text": {"headline": event["title"] or event["title_en"], "text": "<br>".join(lines)},
            "group": event["type"],
        }
        if event["date_end"]:
            item["end_date"] = timelinejs_date(event["date_end"])
        items.append(item)
    period = f"{start or '…'} – {end or '…'}"
    document = {
        "title": {"text": {"headline": "US–China climate cooperation", "text": f"policygraph, {period}"}},
        "events": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def render(store, fmt: str, *, start: str | None = None, end: str | None = None, **view) -> bytes:
    """The export as bytes (the UI's download buttons and the CLI use this).

    `view` (kinds, min_weight, centre, hops: see `network_view`) narrows the export to what the
    network page shows: the network itself for GEXF and GraphML; for CSV, JSON and TimelineJS
    the events of the period in which an actor of that network took part.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt in ("graphml", "gexf"):
        graph = network_graph(store, start=start, end=end, **view)
        return _graphml(graph) if fmt == "graphml" else _gexf(graph)
    narrowed = view.get("kinds") or view.get("centre") or int(view.get("min_weight") or 1) > 1
    actor_ids = None
    if narrowed:
        network = network_view(store, start=start, end=end, **view)
        linked = {e["source"] for e in network["edges"]} | {e["target"] for e in network["edges"]}
        actor_ids = sorted(linked or {n["id"] for n in network["nodes"]}) or ["-"]  # "-": no actor, no event
    events = events_with_sources(store, start=start, end=end, actor_ids=actor_ids)
    if fmt == "csv":
        return _csv(events)
    if fmt == "json":
        return _json(events)
    return _timelinejs(events, start, end)


def export(store, fmt: str, out: Path | None) -> Path | None:
    """Write the export to `out`, or to standard output when `out` is None."""
    data = render(store, fmt)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part")
    tmp.write_bytes(data)
    tmp.replace(out)
    return out
