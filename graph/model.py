"""The graph model's names (a public contract: see docs/schema.md)."""

from __future__ import annotations

# actor kind -> the label beside :Actor
ACTOR_LABELS = {
    "person": "Person",
    "state": "State",
    "government_body": "GovernmentBody",
    "organization": "Organization",
    "subnational": "Subnational",
    "company": "Company",
    "coalition": "Coalition",
}
THING_KINDS = ("agreement", "initiative", "mechanism", "plan", "conference", "fund")
NODE_LABELS = ("Document", "Event", "Actor", "Agreement", "Initiative", "Mention")
RELATIONSHIP_TYPES = (
    "PARTICIPATED_IN",
    "CONCERNS",
    "MENTIONED_IN",
    "IN",
    "HELD_OFFICE",
    "MEMBER_OF",
    "LEADS",
)

SCHEMA_STATEMENTS = [
    *(
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS
    ),
    "CREATE INDEX event_date_start IF NOT EXISTS FOR (n:Event) ON (n.date_start)",
    "CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)",
    "CREATE INDEX actor_name_en IF NOT EXISTS FOR (n:Actor) ON (n.name_en)",
]


def actor_label(kind: str) -> str:
    try:
        return ACTOR_LABELS[kind]
    except KeyError:
        raise ValueError(f"unknown actor kind {kind!r} (one of {', '.join(ACTOR_LABELS)})") from None


def thing_label(kind: str) -> str:
    if kind not in THING_KINDS:
        raise ValueError(f"unknown thing kind {kind!r} (one of {', '.join(THING_KINDS)})")
    return "Agreement" if kind == "agreement" else "Initiative"
