"""Names the gazetteer lacks: 《…》 titles, “…” named initiatives, and aliases the text declares."""

from __future__ import annotations

import re

from ..actors import THING, Mention, new_thing_record
from ..cues import cue

# The kind of a titled document or named scheme, from the head noun that ends its name.
_KIND_BY_SUFFIX: tuple[tuple[str, str], ...] = (
    ("fund", r"基金"),
    ("conference", r"(?:大会|峰会|会议|论坛)"),
    ("agreement", r"(?:协定|协议|公约|议定书|备忘录|声明|宣言|公报|合同|框架|共识|修正案|公告)"),
    ("mechanism", r"(?:机制|市场|工作组|伙伴关系|平台|体系)"),
    ("initiative", r"(?:倡议|行动|项目|运动|新政|伙伴计划|联盟|同盟)"),
    (
        "plan",
        r"(?:计划|战略|法案|法|规划|方案|报告|命令|政策|议程|规则|决议|路线图|纲要|意见|通知|白皮书|标准|规章)",
    ),
)
_TITLE = re.compile(r"《([^《》\n]{2,40})》")
_QUOTED = re.compile(r"“([^“”\n]{2,25})”")
# A meeting named by its number in a series: 第五次中美战略经济对话, 首届…峰会, 第八届…部长级会议.
_NUMBERED_MEETING = cue("components.names.numbered_meeting")
# A conference named as the subject of its holding: 全国生态环境保护大会昨天至今天在北京召开. The name
# has no particles or verbs of a clause in it (的, 和, 在, 了 …).
_HELD_CONFERENCE = cue("components.names.held_conference")
_NOT_IN_NAME = cue("components.names.not_in_name")
_DECLARED = cue("components.names.declared")


def kind_of_name(name: str) -> str | None:
    """Thing kind from the head noun at the end of a name, or None."""
    for kind, suffix in _KIND_BY_SUFFIX:
        if re.search(suffix + r"$", name):
            return kind
    return None


_ORDINAL = cue("components.names.ordinal")


def numbered_meeting(name: str, series: str | None = None) -> Mention:
    """首届中美气候智慧型/低碳城市峰会 is one meeting of a series: its record is known by both names.
    A bare 第二届峰会 takes the series of the conference named just before (``series``)."""
    ordinal = _ORDINAL.match(name)
    rest = name[ordinal.end() :] if ordinal else name
    if ordinal and series and kind_of_name(rest) and len(rest) <= 2:
        rest = _ORDINAL.sub("", series)
        name = ordinal.group() + rest
    record = new_thing_record(name, "conference")
    if rest != name and len(rest) > 2:
        record["aliases"] = [name, rest]
    return Mention(0, 0, THING, (), name, "conference", {"record": record})


def titled_things(text: str, known: list[Mention], series: str | None = None) -> list[Mention]:
    """《…》 titles, and “…” names ending in a scheme noun, that no gazetteer match covers;
    ``series``: the name of the conference named last, for 第二届峰会."""
    found: list[Mention] = []
    for pattern in (_TITLE, _QUOTED):
        for m in pattern.finditer(text):
            name = m.group(1).strip()
            if any(k.category == THING and k.start <= m.start(1) and m.end(1) <= k.end for k in known):
                continue
            kind = kind_of_name(name)
            if kind is None:
                continue  # a book, journal or article title: not an agreement or scheme
            found.append(Mention(m.start(1), m.end(1), THING, (), name, kind))
    for m in _NUMBERED_MEETING.finditer(text):
        if any(k.category == THING and k.start <= m.start() and m.end() <= k.end for k in known + found):
            continue
        inner = [k for k in known if k.category == THING and m.start() <= k.start and k.end <= m.end()]
        if any(k.kind == "conference" for k in inner):
            continue  # 首届中美…峰会: the gazetteer knows this conference by its series name
        found.append(_placed(numbered_meeting(m.group(), series), m.start(), m.end()))
    found += [
        _placed(numbered_meeting(h.text, series), h.start, h.end) if _ORDINAL.match(h.text) else h
        for h in _held_conferences(text, known + found)
    ]
    return found


def _placed(mention: Mention, start: int, end: int) -> Mention:
    mention.start, mention.end = start, end
    return mention


def _held_conferences(text: str, known: list[Mention]) -> list[Mention]:
    out = []
    for m in _HELD_CONFERENCE.finditer(text):
        start, end = m.span(1)
        name = m.group(1)
        # the name starts after the last particle or known name before its head noun
        cut = max((p.end() for p in _NOT_IN_NAME.finditer(name)), default=0)
        start, name = start + cut, name[cut:]
        if len(name) < 4 or any(k.start < end and start < k.end for k in known):
            continue
        out.append(Mention(start, end, THING, (), name, "conference"))
    return out


def declared_aliases(text: str) -> list[tuple[str, str]]:
    """(full name, short alias) pairs declared with 以下简称: 《巴黎协定》（以下简称“协定”）."""
    return [(m.group(1).strip("《》“”"), m.group(2)) for m in _DECLARED.finditer(text)]
