"""Pure helpers that turn query results into what the pages show (no Streamlit here)."""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

EVENT_TYPES = (
    "meeting", "statement", "agreement", "ratification", "withdrawal", "pledge",
    "launch", "policy", "conference", "funding", "suspension",
)  # fmt: skip
ACTOR_KINDS = ("person", "state", "government_body", "organization", "subnational", "company", "coalition")


def span_of(iso: str, precision: str | None = None) -> tuple[date, date]:
    """First and last day covered by an ISO date at its precision ("2016-09" → Sep 1–30)."""
    parts = [int(p) for p in iso.split("-")]
    if precision is None:
        precision = ("year", "month", "day")[len(parts) - 1]
    if precision == "year" or len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if precision == "month" or len(parts) == 2:
        last_day = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last_day)
    day = date(parts[0], parts[1], parts[2])
    return day, day


def event_span(event: Mapping[str, Any]) -> tuple[date, date]:
    """The days an event covers: its date at its precision, up to the end of `date_end` if any."""
    first, last = span_of(event["date"], event.get("precision"))
    if event.get("date_end"):
        last = max(last, span_of(event["date_end"])[1])
    return first, last


def date_label(event: Mapping[str, Any]) -> str:
    """The date as the sources give it: "2016-09" stays a month, ranges read "a – b"."""
    label = event["date"]
    if event.get("date_end") and event["date_end"] != event["date"]:
        label = f"{label} – {event['date_end']}"
    return label


def actor_name(actor: Mapping[str, Any], lang: str = "zh") -> str:
    """The name in the reader's language with the other one beside it when they differ."""
    name, name_en = actor.get("name") or "", actor.get("name_en") or ""
    if lang == "en":
        name, name_en = name_en, name
    if name and name_en and name_en != name:
        return f"{name} ({name_en})"
    return name or name_en or str(actor.get("id", "?"))


def short_name(item: Mapping[str, Any], lang: str = "zh") -> str:
    """The name in the reader's language alone (chart labels), the other language when it is missing."""
    first, second = ("name_en", "name") if lang == "en" else ("name", "name_en")
    return item.get(first) or item.get(second) or str(item.get("id", "?"))


def role_label(role: str | None, lang: str = "zh", titles: Mapping[str, str] | None = None) -> str:
    """A participant's role (the office it acted in, as the graph stores it, in Chinese) in the
    reader's language: in English the office's English title (`titles`: Chinese title → English,
    `queries.office_titles`), the Chinese one when no English title is known."""
    if not role:
        return ""
    if lang == "en" and titles:
        return titles.get(role, role)
    return role


def event_title(event: Mapping[str, Any], lang: str = "zh") -> str:
    """The event's title in the reader's language, the other one when it is missing."""
    first, second = ("title_en", "title") if lang == "en" else ("title", "title_en")
    return event.get(first) or event.get(second) or str(event.get("id", "?"))


_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z])-[ \t]*\r?\n\s*(?=[a-z])")
_HYPHEN_NAME_BREAK = re.compile(r"(?<=[A-Za-z])-[ \t]*\r?\n\s*(?=[A-Z0-9])")  # US-\nChina
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\r?\n\\s*|[ \t]*\r?\n\\s*(?=[{_CJK}])")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~])")


def clean_sentence(text: str) -> str:
    """A source sentence as one paragraph: the line breaks of the PDF joined.

    Chinese does not put spaces between words, so a break next to a CJK character is removed;
    a word hyphenated at a line end is rejoined; any other break becomes one space.
    """
    text = _HYPHEN_BREAK.sub("", text.strip())
    text = _HYPHEN_NAME_BREAK.sub("-", text)
    text = _CJK_BREAK.sub("", text)
    return re.sub(r"[ \t]{2,}", " ", _LINE_BREAK.sub(" ", text))


def markdown_escape(text: str) -> str:
    """Text shown literally by st.markdown (no emphasis, links or headings from its characters)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def event_label(event: Mapping[str, Any], lang: str = "zh") -> str:
    """Date and title, as a line of a list of events."""
    return f"{date_label(event)} {event_title(event, lang)}"


def names_label(items: Iterable[Mapping[str, Any]], limit: int = 6, lang: str = "zh") -> str:
    names = [short_name(item, lang) if lang == "en" else actor_name(item) for item in items]
    if len(names) > limit:
        return "; ".join(names[:limit]) + f"; … (+{len(names) - limit})"
    return "; ".join(names)


def matches_text(event: Mapping[str, Any], query: str) -> bool:
    """Case-insensitive search over titles and the names and aliases of participants and things."""
    needle = query.strip().casefold()
    if not needle:
        return True
    haystack = [event.get("title") or "", event.get("title_en") or "", event.get("date") or ""]
    for item in [*event.get("actors", []), *event.get("things", [])]:
        haystack += [item.get("name") or "", item.get("name_en") or "", *(item.get("aliases") or [])]
    return any(needle in str(text).casefold() for text in haystack)


def event_rows(events: Iterable[Mapping[str, Any]], lang: str = "zh") -> list[dict[str, Any]]:
    """One table row per event; the date column keeps the event's own precision.

    `title` is in the reader's language (the other one when missing), `title_other` in the other.
    """
    other = "title" if lang == "en" else "title_en"
    return [
        {
            "date": date_label(event),
            "precision": event.get("precision"),
            "type": event.get("type"),
            "title": event_title(event, lang),
            "title_other": event.get(other) if event.get(other) != event_title(event, lang) else "",
            "actors": names_label(event.get("actors", []), limit=4, lang=lang),
            "mentions": event.get("n_mentions", 0),
            "origin": event.get("origin"),
            "date conflict": conflict_label(event),
        }
        for event in events
    ]


def conflict_label(event: Mapping[str, Any]) -> str:
    """Empty, or a warning sign with every date the sources report for the event."""
    if not event.get("date_conflict"):
        return ""
    return "⚠ " + ", ".join(event.get("dates_reported") or [])


def plain(value: Any) -> Any:
    """A JSON-able, table-friendly form of a value returned by the graph driver."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    iso = getattr(value, "iso_format", None) or getattr(value, "isoformat", None)
    if callable(iso):
        return iso()
    properties = getattr(value, "_properties", None)  # driver Node/Relationship
    if isinstance(properties, dict):
        return plain(properties)
    return str(value)


def table_cell(value: Any) -> Any:
    """Scalars stay as they are; lists and maps become compact JSON text so a dataframe can show them."""
    value = plain(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def parse_params(text: str) -> dict[str, Any]:
    """Console parameters: a JSON object, or empty. Raises ValueError with a readable sentence."""
    if not text.strip():
        return {}
    try:
        params = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"Parameters must be a JSON object: {err.msg} (line {err.lineno}).") from None
    if not isinstance(params, dict):
        raise ValueError('Parameters must be a JSON object such as {"name": "解振华"}.')
    return params


def rows_as_csv(columns: list[str], rows: list[Mapping[str, Any]]) -> str:
    """Rows as CSV text with a header line, in the given column order (UTF-8, for spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([[row.get(column, "") for column in columns] for row in rows])
    return buffer.getvalue()


def _is_node(value: Any) -> bool:
    return isinstance(value, Mapping) and "_labels" in value


def _node_key(node: Mapping[str, Any]) -> str:
    return str(node.get("id") or json.dumps(node, ensure_ascii=False, sort_keys=True, default=str))


def result_graph(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The nodes and relationships in console results (as the store returns them: nodes with
    `_labels`, relationships with `_type`, paths as {nodes, relationships}), ready to draw.

    A relationship is drawn between the nodes it joins when they are known: consecutive nodes of
    a path, or the only two nodes of its row (`RETURN a, r, b`).
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add_node(node: Mapping[str, Any]) -> str:
        key = _node_key(node)
        labels = list(node.get("_labels") or [])
        label = next((lab for lab in labels if lab != "Actor"), labels[0] if labels else "")
        name = node.get("name") or node.get("title") or node.get("name_en") or node.get("title_en") or key
        nodes.setdefault(key, {"id": key, "name": str(name), "kind": label, "events": 1})
        return key

    def add_edge(source: str, target: str, rel: Mapping[str, Any]) -> None:
        edge = {"source": source, "target": target, "type": rel.get("_type"), "weight": 1, "event_ids": []}
        edges.setdefault((source, target, str(rel.get("_type"))), edge)

    def walk(value: Any, row_nodes: list[str], row_rels: list[Mapping[str, Any]]) -> None:
        if _is_node(value):
            row_nodes.append(add_node(value))
        elif isinstance(value, Mapping) and "_type" in value:
            row_rels.append(value)
        elif isinstance(value, Mapping) and isinstance(value.get("nodes"), list) and "relationships" in value:
            path_nodes = [add_node(n) for n in value["nodes"] if _is_node(n)]
            for i, rel in enumerate(value.get("relationships") or []):
                if i + 1 < len(path_nodes):
                    add_edge(path_nodes[i], path_nodes[i + 1], rel)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, row_nodes, row_rels)

    for row in rows:
        row_nodes: list[str] = []
        row_rels: list[Mapping[str, Any]] = []
        for value in row.values():
            walk(value, row_nodes, row_rels)
        distinct = list(dict.fromkeys(row_nodes))
        if len(distinct) == 2:
            for rel in row_rels:
                add_edge(distinct[0], distinct[1], rel)
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}
