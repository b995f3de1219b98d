"""Pure helpers that turn query results into what the pages show (no Streamlit here)."""

from __future__ import annotations

import calendar
import csv
import io
import json
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


def actor_name(actor: Mapping[str, Any]) -> str:
    """Chinese name with the English label beside it when they differ."""
    name, name_en = actor.get("name") or "", actor.get("name_en") or ""
    if name and name_en and name_en != name:
        return f"{name} ({name_en})"
    return name or name_en or str(actor.get("id", "?"))


def names_label(items: Iterable[Mapping[str, Any]], limit: int = 6) -> str:
    names = [actor_name(item) for item in items]
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


def event_rows(events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One table row per event; the date column keeps the event's own precision."""
    return [
        {
            "date": date_label(event),
            "precision": event.get("precision"),
            "type": event.get("type"),
            "title": event.get("title"),
            "title_en": event.get("title_en"),
            "actors": names_label(event.get("actors", []), limit=4),
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
