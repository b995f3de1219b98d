"""Trigger words and cue lists of data/triggers.toml, compiled once (extract.events uses them)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .first_char import guarded


@dataclass
class Rules:
    triggers: dict[str, list[re.Pattern[str]]]
    precedence: list[str]
    pledge_objects: re.Pattern[str]
    non_event: re.Pattern[str]
    hypothetical: re.Pattern[str]
    target_before: re.Pattern[str]
    target_after: re.Pattern[str]
    took_office: re.Pattern[str]
    announcing: re.Pattern[str]
    generic_launch: re.Pattern[str]
    launch_objects: re.Pattern[str]
    enumeration: re.Pattern[str]
    negated: re.Pattern[str]
    mutual: re.Pattern[str] = re.compile(r"(?!)")
    before_agreement: re.Pattern[str] = re.compile(r"(?!)")
    metonyms: dict[str, str] = field(default_factory=dict)
    pair_words: re.Pattern[str] = re.compile(r"(?!)")
    pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # pair actor id -> member ids
    partner_abbreviations: dict[str, str] = field(default_factory=dict)  # 欧 -> EU, for 中欧双方
    purpose: re.Pattern[str] = re.compile(r"(?!)")
    own_subject_lead: re.Pattern[str] = re.compile(r"^$")


def load_rules(knowledge_dir: Path) -> Rules:
    with (knowledge_dir / "triggers.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    cues = raw["cues"]

    def alternation(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{w})" for w in words))

    return Rules(
        triggers={
            kind: [guarded(re.compile(p)) for p in spec["triggers"]] for kind, spec in raw["types"].items()
        },
        precedence=list(raw["precedence"]),
        pledge_objects=alternation(raw["types"]["pledge"].get("objects", [])),
        non_event=alternation(cues["non_event"]),
        hypothetical=alternation(cues["hypothetical"]),
        target_before=re.compile("(?:" + "|".join(cues["target_before"]) + r")$"),
        target_after=re.compile("^(?:" + "|".join(cues["target_after"]) + ")"),
        took_office=alternation(cues["took_office"]),
        announcing=re.compile("^(?:" + "|".join(raw["types"]["pledge"]["announcing"]) + ")"),
        generic_launch=re.compile("^(?:" + "|".join(raw["types"]["launch"]["generic"]) + ")$"),
        launch_objects=alternation(raw["types"]["launch"]["objects"]),
        enumeration=re.compile("^(?:" + "|".join(cues["enumeration"]) + ")"),
        negated=alternation(cues["negated"]),
        before_agreement=alternation(raw["types"]["agreement"].get("before_agreement", ["(?!)"])),
        mutual=re.compile("^(?:" + "|".join(raw["types"]["agreement"].get("mutual", ["(?!)"])) + ")$"),
        metonyms=dict(raw.get("metonyms", {}).get("capitals", {})),
        pair_words=alternation(raw.get("pairs", {}).get("words", ["(?!)"])),
        pairs={k: tuple(v) for k, v in raw.get("pairs", {}).items() if k not in ("words", "abbreviations")},
        partner_abbreviations=dict(raw.get("pairs", {}).get("abbreviations", {})),
        purpose=re.compile("^(?:" + "|".join(cues.get("purpose", ["(?!)"])) + ")$"),
        own_subject_lead=re.compile("^(?:" + "|".join(cues.get("subject_lead", [])) + ")?$"),
    )
