"""data/triggers_en.toml → compiled rules for the English extractor (loaded once per folder)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .dates import Cues

TRIGGERS_FILE = "triggers_en.toml"


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I) if words else re.compile(r"(?!)")


@dataclass(frozen=True)
class Series:
    phrases: tuple[str, ...]
    prefix: str
    days: int
    actor: str = ""


@dataclass
class EnglishRules:
    triggers: dict[str, re.Pattern[str]]
    precedence: list[str]
    mutual: re.Pattern[str]
    needs_object: re.Pattern[str]
    promised_acts: re.Pattern[str]
    money: re.Pattern[str]
    launch_objects: re.Pattern[str]
    future: re.Pattern[str]
    hypothetical: re.Pattern[str]
    report: re.Pattern[str]
    negation: re.Pattern[str]
    non_event: re.Pattern[str]
    took_office_day: re.Pattern[str]
    took_office_month: re.Pattern[str]
    date_cues: Cues
    pair_phrases: tuple[str, ...]
    pair_id: str
    person_pronouns: frozenset[str]
    group_pronouns: tuple[str, ...]
    state_pronouns: tuple[str, ...]
    thing_references: dict[str, str]
    thing_reference: re.Pattern[str]
    metonyms: dict[str, str]
    series: tuple[Series, ...]
    abbreviations: frozenset[str]
    reference_headings: tuple[str, ...]
    speech_heads: re.Pattern[str]
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@cache
def load_english_rules(data_dir: Path) -> EnglishRules:
    with (Path(data_dir) / TRIGGERS_FILE).open("rb") as handle:
        raw = tomllib.load(handle)
    types, cues, subjects = raw["types"], raw["cues"], raw["subjects"]
    return EnglishRules(
        triggers={kind: _words(spec["triggers"]) for kind, spec in types.items()},
        precedence=list(raw["precedence"]),
        mutual=re.compile(r"^(?:" + "|".join(types["agreement"]["mutual"]) + r")$", re.I),
        needs_object=re.compile(r"^(?:" + "|".join(types["agreement"]["needs_object"]) + r")$", re.I),
        promised_acts=re.compile(
            r"^\s*(?:\w+ly )?(?:" + "|".join(types["pledge"]["promised_acts"]) + r")\b", re.I
        ),
        money=re.compile("|".join(types["pledge"]["money"]), re.I),
        launch_objects=_words(types["launch"]["objects"]),
        future=_words(cues["future"]),
        hypothetical=_words(cues["hypothetical"]),
        report=_words(cues["report"]),
        negation=re.compile(r"\b(?:" + "|".join(cues["negation"]) + r")\s+(?:\w+ly\s+)?$", re.I),
        non_event=_words(cues["non_event"]),
        took_office_day=_words(cues["took_office_day"]),
        took_office_month=_words(cues["took_office_month"]),
        date_cues=Cues.from_data(cues),
        pair_phrases=tuple(subjects["pair"]),
        pair_id=subjects["pair_id"],
        person_pronouns=frozenset(subjects["person"]),
        group_pronouns=tuple(subjects["group"]),
        state_pronouns=tuple(subjects["state"]),
        thing_references={k.lower(): v for k, v in subjects["thing"].items()},
        thing_reference=re.compile(
            r"\b(?:" + "|".join(re.escape(k) for k in subjects["thing"]) + r")\b", re.I
        ),
        metonyms=dict(raw.get("metonyms", {})),
        series=tuple(
            Series(tuple(s["phrases"]), s["prefix"], int(s["days"]), s.get("actor", ""))
            for s in raw.get("series", [])
        ),
        abbreviations=frozenset(raw["text"]["abbreviations"]),
        reference_headings=tuple(raw["text"]["references"]),
        speech_heads=re.compile(r"^\W*(?:" + "|".join(raw["text"]["speech_heads"]) + r")\b", re.I),
        raw=raw,
    )
