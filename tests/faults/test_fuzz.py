"""Hypothesis fuzz of the reader and the extractor, with a fixed example budget.

`derandomize=True` makes every run try the same examples, so CI is reproducible and its
time bounded; the budgets below keep this file to well under a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policygraph.extract import DocumentInfo, Extractor
from policygraph.extract.reader import UnreadableInput, decode_bytes
from policygraph.extract.sentences import MAX_SENTENCE_CHARS, split_sentences

READER_EXAMPLES = 400
EXTRACTOR_EXAMPLES = 150
SPLIT_EXAMPLES = 300

# Pieces that make the extractor work: dates, cue words, actor names, punctuation of
# both widths, PDF line breaks and spaces, footnote markers, Latin words and digits.
PIECES = [
    "2015年", "9月", "25日", "2016 年 11 月", "同年", "当天", "去年", "今年", "次年", "2023-11-15",
    "中美", "中国", "美国", "习近平", "拜登", "奥巴马", "克里", "解振华", "国务院", "生态环境部",
    "签署", "发表", "宣布", "会晤", "联合声明", "《巴黎协定》", "气候变化", "峰会", "会议", "简称",
    "，", "。", "！", "？", "；", "：", "、", ",", ".", "!", "?", "“", "”", "（", "）", "(", ")",
    "\n", "\n\n", " ", "  ", "\u3000", "\t", "①", "²", "∗", "**", "1", "12", "40", "a", "Paris",
    "COP26", "http://example.org/x.pdf", "—", "…",
]  # fmt: skip
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=3)), min_size=0, max_size=80
).map("".join)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_ner=False)


@settings(max_examples=READER_EXAMPLES, deadline=None, derandomize=True)
@given(st.one_of(st.binary(max_size=2000), texts.map(lambda t: t.encode("utf-8")),
                 texts.map(lambda t: t.encode("gb18030", "replace"))))  # fmt: skip
def test_the_reader_decodes_or_refuses_in_one_sentence(raw):
    try:
        text, encoding = decode_bytes(raw, "fuzz.txt")
    except UnreadableInput as err:
        message = str(err)
        assert message.startswith("fuzz.txt") and "\n" not in message
        return
    assert isinstance(text, str) and encoding
    assert raw.decode(encoding) == text


@settings(
    max_examples=EXTRACTOR_EXAMPLES, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(texts, st.sampled_from([None, "2020-01-01", "2016"]))
def test_the_extractor_never_crashes_and_every_offset_points_into_the_text(extractor, text, date):
    info = DocumentInfo(id="fuzz.txt", path=Path("fuzz.txt"), date=date)
    records, warnings = extractor.extract_text(text, info)
    assert all(isinstance(w, str) for w in warnings)
    for record in records:
        evidence = record["evidence"]
        assert 0 <= evidence["start"] <= evidence["end"] <= len(text)
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        assert record["doc"] == "fuzz.txt"


@settings(max_examples=SPLIT_EXAMPLES, deadline=None, derandomize=True)
@given(texts, st.integers(min_value=8, max_value=200))
def test_sentence_pieces_cover_the_text_and_respect_the_cap(text, cap):
    for paragraph in text.split("\n"):
        pieces = list(split_sentences(paragraph, cap))
        assert all(len(piece) <= cap for _start, piece in pieces)
        for start, piece in pieces:
            assert paragraph[start : start + len(piece)] == piece


def test_a_long_line_without_full_stops_is_cut_at_clause_marks():
    clause = "中美两国在气候变化领域开展务实合作，"  # 18 characters, ending at a comma
    line = clause * 500  # 9,000 characters without 。！？
    pieces = list(split_sentences(line))
    assert len(pieces) >= len(line) // MAX_SENTENCE_CHARS
    assert all(len(piece) <= MAX_SENTENCE_CHARS for _start, piece in pieces)
    assert all(piece.endswith("，") for _start, piece in pieces)
    assert "".join(piece for _start, piece in pieces) == line
    no_marks = "气" * 2000
    assert [len(p) for _s, p in split_sentences(no_marks)] == [600, 600, 600, 200]


def test_the_extractor_reads_a_long_line_piece_by_piece(extractor):
    """Through the whole pipeline: a 40k-character line gives events with exact offsets."""
    sentence = "2015年9月25日，中美两国元首在华盛顿发表气候变化联合声明，"
    text = sentence * (40_000 // len(sentence))
    info = DocumentInfo(id="long.txt", path=Path("long.txt"), date="2020-01-01")
    records, _warnings = extractor.extract_text(text, info)
    assert records
    for record in records:
        evidence = record["evidence"]
        assert evidence["end"] - evidence["start"] <= MAX_SENTENCE_CHARS
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]


@settings(max_examples=SPLIT_EXAMPLES, deadline=None, derandomize=True)
@given(st.one_of(texts, st.text(alphabet=" \t\n\u3000a中，", max_size=40)))
def test_the_linear_tokenizer_matches_spacys_character_segmenter(text):
    from policygraph.extract.components.tokenizer import char_words
    from spacy.util import get_words_and_spaces

    assert char_words(text) == get_words_and_spaces(list(text), text)
