"""Who "我 / 我们" is: the speaker of an interview turn, a transcript's answers, or a speech.

Turns open with a label and a colon (解振华：…, 答：…, 记者：…). A labelled person speaks for
that paragraph; an answer label stands for the office whose spokesperson the head names
(外交部发言人 → 外交部); a question label has no speaker. Without labels, a speech or interview
named in its head lines (——专访…解振华, 某某在…上的讲话) is spoken by the person the head names.
The words themselves (cue lists) are in data/triggers.toml [speakers].
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .knowledge import Knowledge

_TURN = re.compile(r"^\s*([^\s：:，。、“”]{1,12})\s*[：:]")
_HEAD_LINES = 6
_BODY_CHARS = 60  # a longer line (or one with 。) starts the body


@dataclass(frozen=True)
class SpeakerCues:
    first_person: re.Pattern[str]
    answer_labels: frozenset[str]
    question_labels: frozenset[str]
    genres: re.Pattern[str]


@dataclass
class Speakers:
    """The speaker of the text (from its head) and of the current turn."""

    cues: SpeakerCues
    knowledge: Knowledge
    head: str | None = None  # person id named in the head of a speech or interview
    office: str | None = None  # body whose spokesperson answers (外交部发言人)
    current: str | None = None
    _names: list[tuple[str, str]] = field(default_factory=list)  # (alias, actor id), longest first

    def __post_init__(self) -> None:
        pairs = [
            (alias, actor.id)
            for actor in self.knowledge.actors.values()
            for alias in (actor.name, *actor.aliases)
            if len(alias) >= 2 and not alias.isascii()
        ]
        self._names = sorted(pairs, key=lambda p: -len(p[0]))

    def read_head(self, text: str) -> None:
        head = _head_lines(text)
        if not head or not self.cues.genres.search(head):
            return
        self.office = self._named_before(head, "发言人", ("government_body", "organization"))
        self.head = self._first(head, ("person",))
        self.current = self.head

    def turn(self, paragraph: str) -> None:
        """Called at each paragraph: a label changes the speaker, an unlabelled paragraph keeps it."""
        label = _TURN.match(paragraph)
        if label is None:
            return
        word = label.group(1)
        if word in self.cues.question_labels:
            self.current = None
        elif word in self.cues.answer_labels:
            self.current = self.office or self.head
        else:
            named = self._first(word, ("person",))
            if named is not None:
                self.current = named

    def _first(self, text: str, kinds: tuple[str, ...]) -> str | None:
        found = [
            (text.find(alias), actor_id)
            for alias, actor_id in self._names
            if alias in text and self.knowledge.actors[actor_id].kind in kinds
        ]
        return min(found)[1] if found else None

    def _named_before(self, text: str, word: str, kinds: tuple[str, ...]) -> str | None:
        at = text.find(word)
        return self._first(text[:at], kinds) if at > 0 else None


def load_speaker_cues(knowledge_dir: Path) -> SpeakerCues:
    with (knowledge_dir / "triggers.toml").open("rb") as handle:
        raw = tomllib.load(handle).get("speakers", {})

    def alternation(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{w})" for w in words) or "(?!)")

    return SpeakerCues(
        first_person=alternation(raw.get("first_person", [])),
        answer_labels=frozenset(raw.get("answer_labels", [])),
        question_labels=frozenset(raw.get("question_labels", [])),
        genres=alternation(raw.get("genres", [])),
    )


def _head_lines(text: str) -> str:
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) > _BODY_CHARS or "。" in stripped or len(lines) >= _HEAD_LINES:
            break
        lines.append(stripped)
    return "\n".join(lines)
