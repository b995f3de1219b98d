"""Event → the JSON record of docs/architecture.md."""

from __future__ import annotations

from typing import Any

from .events import Event

_TYPE_EN = {
    "meeting": "Meeting",
    "statement": "Statement",
    "agreement": "Agreement",
    "ratification": "Ratification",
    "withdrawal": "Withdrawal",
    "pledge": "Pledge",
    "launch": "Launch",
    "policy": "Policy",
    "conference": "Conference",
    "funding": "Funding",
    "suspension": "Suspension",
}


def title_en(event: Event) -> str:
    """A plain English label built from the English names of participants and things."""
    who = ", ".join(a["name_en"] for a in event.actors if a.get("name_en"))[:120]
    what = ", ".join(t["name_en"] for t in event.things if t.get("name_en"))[:120]
    parts = [_TYPE_EN[event.type]]
    if who:
        parts.append(f"by {who}")
    if what:
        parts.append(f"on {what}")
    return " ".join(parts) if (who or what) else ""


def to_record(event: Event, doc_id: str, event_id: str, original: str) -> dict[str, Any]:
    start, end = event.evidence
    return {
        "doc": doc_id,
        "event_id": event_id,
        "origin": "extracted",
        "date": event.date,
        "date_end": event.date_end,
        "precision": event.precision or _precision(event.date),
        "alt_dates": [d for d in event.alt_dates if d != event.date],
        "type": event.type,
        "title": event.title,
        "title_en": title_en(event),
        "actors": event.actors,
        "things": event.things,
        "location": event.location,
        "evidence": {"text": original[start:end], "start": start, "end": end},
    }


def _precision(date: str | None) -> str | None:
    if not date:
        return None
    return {4: "year", 7: "month"}.get(len(date), "day")
