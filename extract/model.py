"""The extractor's working types: an event found in a sentence, a usable date, the document context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .knowledge import Knowledge
from .rules import Rules


@dataclass
class Event:
    type: str
    start: int  # trigger (or dated mention) in sentence coordinates
    end: int
    date: str | None = None
    date_end: str | None = None
    precision: str | None = None
    alt_dates: list[str] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    things: list[dict[str, Any]] = field(default_factory=list)
    location: str | None = None
    title: str = ""
    sentence: tuple[int, int] = (0, 0)  # cleaned-text offsets of the sentence
    evidence: tuple[int, int] = (0, 0)  # the same sentence in the original text
    milestone: str | None = None
    roles: list[str] = field(default_factory=list)  # role phrases left unresolved (no date yet)
    text: str = ""  # the sentence, for matching a milestone's place
    recent: bool = False  # dated only as 不久前 / 近日: shortly before the document
    own_clause: bool = False  # the action's clause names its own subject: participants from it only
    scope_text: str = ""  # the clauses the action's participants come from
    attributive: bool = False  # 中国提出的目标: the verb qualifies a noun (a reference when undated)


@dataclass
class Time:
    start: int
    end: int
    date: str
    date_end: str | None
    precision: str
    inferred: bool = False  # from a person's taking office, not written in the text


@dataclass
class SentenceContext:
    knowledge: Knowledge
    rules: Rules
    doc_date: str | None
    previous_date: Time | None = None  # last date of the sentence before, same paragraph
    latest_seen: str | None = None  # latest date written so far: bounds 上任 when the doc date is unknown
    # the last thing of each kind named so far in the document: 该计划 / 该机制 / 重新加入了 refer to it
    last_things: dict[str, dict[str, Any]] = field(default_factory=dict)
    things_seen: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (sentence number, thing)
    sentence_number: int = 0
    # the subject (first actor) of the last sentence that named one: 他 / 其 / 该国 refer to it
    last_subject: list[dict[str, Any]] = field(default_factory=list)
    last_person: list[dict[str, Any]] = field(default_factory=list)  # 他 / 她: the person named last
    pair: str | None = None  # the pair actor that 双方 / 两国 name in this document (rules.pairs)
    speakers: Any = None  # speakers.Speakers: who 我 / 我们 is in the current paragraph
