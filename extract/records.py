"""Event → the JSON record of docs/architecture.md."""

from __future__ import annotations

import re
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


# What each type of event does, in English: (after one actor, after several)
_VERB_EN = {
    "meeting": ("meets", "meet"),
    "statement": ("issues", "issue"),
    "agreement": ("agrees on", "agree on"),
    "ratification": ("joins", "join"),
    "withdrawal": ("withdraws from", "withdraw from"),
    "pledge": ("commits to", "commit to"),
    "launch": ("launches", "launch"),
    "policy": ("issues", "issue"),
    "conference": ("attends", "attend"),
    "funding": ("funds", "fund"),
    "suspension": ("suspends", "suspend"),
}
# the same act told of the thing alone (no actor named)
_PASSIVE_EN = {
    "statement": "is issued",
    "agreement": "is agreed",
    "ratification": "is ratified",
    "withdrawal": "sees a withdrawal",
    "pledge": "sees a new pledge",
    "launch": "is launched",
    "policy": "is issued",
    "funding": "receives funding",
    "suspension": "is suspended",
    "meeting": "hosts a meeting",
}
# without a thing: what the actors did
_BARE_EN = {
    "meeting": ("holds a meeting", "meet"),
    "statement": ("makes a statement", "make a statement"),
    "agreement": ("reaches an agreement", "reach an agreement"),
    "ratification": ("ratifies an agreement", "ratify an agreement"),
    "withdrawal": ("withdraws from an agreement", "withdraw from an agreement"),
    "pledge": ("makes a pledge", "make a pledge"),
    "launch": ("launches an initiative", "launch an initiative"),
    "policy": ("issues a policy", "issue a policy"),
    "funding": ("provides funding", "provide funding"),
    "suspension": ("suspends cooperation", "suspend cooperation"),
}
_DOCUMENT_NOUN = ("statement", "declaration", "announcement", "communiqu", "readout")
_MAX_ACTORS = 3


def title_en(event: Event) -> str:
    """An English sentence saying what happened, from the English names of actors and things:
    "Barack Obama and Xi Jinping issue the U.S.-China Joint Presidential Statement on Climate
    Change", "John Kerry and Xie Zhenhua meet in Tianjin", "United States pledges to cut …",
    "COP26 is held". Empty when the event names nothing with an English name."""
    who = _actor_names(event)
    things = [t for t in event.things if t.get("name_en") or _latin(t.get("name", ""))]
    conference = next((t for t in things if t.get("kind") == "conference"), None)
    if event.type == "conference" and conference is not None:
        return _capital(f"{_thing_name(conference)} is held")
    thing = next((t for t in things if t.get("kind") != "conference"), None)
    plural = len(who) > 1 or any(" and " in name for name in who)
    subject = _join(who)
    if event.type == "meeting":
        return _meeting_title(event, who, subject, plural, conference)
    if thing is None:
        if not who:
            return ""
        return f"{subject} {_BARE_EN[event.type][1 if plural else 0]}" if event.type in _BARE_EN else ""
    name = _thing_name(thing)
    if not who:
        return _capital(f"{name} {_PASSIVE_EN[event.type]}")
    verb = _VERB_EN[event.type][1 if plural else 0]
    raw = thing.get("name_en") or thing.get("name", "")
    if event.type == "pledge" and raw[:1].islower():
        verb = "pledge to" if plural else "pledges to"  # the content of the pledge: pledges to cut …
        name = re.sub(r"^(?:would|will|to)\s+", "", raw)
    elif event.type == "statement" and not any(n in raw.lower() for n in _DOCUMENT_NOUN):
        verb = "make a statement on" if plural else "makes a statement on"
    return f"{subject} {verb} {name}"


def _meeting_title(
    event: Event, who: list[str], subject: str, plural: bool, conference: dict[str, Any] | None
) -> str:
    if not who:
        return ""
    if not plural and event.location:
        title = f"{subject} visits {event.location}"
    else:
        title = f"{subject} {_BARE_EN['meeting'][1 if plural else 0]}"
        if event.location:
            title += f" in {event.location}"
    if conference is not None:
        title += f" at {_thing_name(conference)}"
    return title


def _actor_names(event: Event) -> list[str]:
    """English names of the actors, people first; a pair of states is left out when other actors
    are named."""
    actors = [a for a in event.actors if a.get("name_en")]
    if len(actors) > 1:
        actors = [a for a in actors if a.get("kind") != "coalition"] or actors
    actors.sort(key=lambda a: 0 if a.get("kind") == "person" else 1)
    names: list[str] = []
    for actor in actors:
        if actor["name_en"] not in names:
            names.append(actor["name_en"])
    return names[:_MAX_ACTORS]


def _join(names: list[str]) -> str:
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _thing_name(thing: dict[str, Any]) -> str:
    name = thing.get("name_en") or thing.get("name", "")
    named = thing.get("id", "").split(":")[0] in ("agreement", "mechanism", "initiative", "fund", "plan")
    if named and name[:1].isupper() and not name.lower().startswith(("the ", "a ", "an ")):
        return f"the {name}"
    return name


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _latin(text: str) -> bool:
    return bool(text) and text.isascii()


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
