"""Reader: encodings, refusals with clear messages, bounded chunks."""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import pytest
from policygraph.extract.reader import (
    SourceText,
    UnreadableInput,
    iter_chunks,
    read_source,
)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def corpus_paragraph() -> str:
    """The opening paragraph of document 004, exactly as in the corpus file."""
    text = (CORPUS / "004_df5491b8e29ad4b0.txt").read_text(encoding="utf-8")
    start = text.index("美国将于2020年11月4日")
    end = text.index("。", start + 150) + 1
    return text[start:end]


# The first sentence of 004 written in traditional characters (Big5 cannot encode simplified
# ones): 美国将于2020年11月4日退出《巴黎协定》（以下简称“协定”）……
TRADITIONAL = ("美國將於2020年11月4日退出《巴黎協定》（以下簡稱「協定」），"
               "美國聯邦政府從文件層面背離其氣候承諾近在眼前。")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"),
     ("gbk", "gb18030"), ("gb2312", "gb18030"), ("utf-16", "utf-16")],
)
def test_real_paragraph_round_trips_in_each_encoding(
        tmp_path: Path, encoding: str, expected: str) -> None:
    paragraph = corpus_paragraph()
    raw = paragraph.encode(encoding)
    source = read_source(_write(tmp_path, f"p.{encoding}.txt", raw))
    assert isinstance(source, SourceText)
    assert source.text == paragraph  # BOM removed, nothing lost
    assert source.encoding == expected
    assert source.sha256 == hashlib.sha256(raw).hexdigest()
    assert source.name == f"p.{encoding}.txt"


@pytest.mark.parametrize("text", [TRADITIONAL, TRADITIONAL[:20], TRADITIONAL * 40])
def test_big5_is_not_mistaken_for_gb18030(tmp_path: Path, text: str) -> None:
    raw = text.encode("big5")
    raw.decode("gb18030")  # the trap: these bytes are *valid* GB18030 too
    source = read_source(_write(tmp_path, "trad.txt", raw))
    assert source.encoding == "big5"
    assert source.text == text


def test_gb_text_is_not_mistaken_for_big5(tmp_path: Path) -> None:
    paragraph = corpus_paragraph()
    source = read_source(_write(tmp_path, "gb.txt", paragraph.encode("gb18030")))
    assert (source.encoding, source.text) == ("gb18030", paragraph)


def test_whole_corpus_files_read_as_utf8() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        source = read_source(path)
        assert source.encoding == "utf-8"
        assert source.text == path.read_text(encoding="utf-8")


def _refusal(path: Path, **kwargs: int) -> str:
    with pytest.raises(UnreadableInput) as caught:
        read_source(path, **kwargs)
    message = str(caught.value)
    assert path.name in message
    assert message.endswith(".") and "\n" not in message
    return message


def test_empty_file_is_reported(tmp_path: Path) -> None:
    assert "empty" in _refusal(_write(tmp_path, "empty.txt", b""))


def test_whitespace_only_file_is_reported(tmp_path: Path) -> None:
    assert "whitespace" in _refusal(_write(tmp_path, "blank.txt", b" \n\t\n"))


def test_png_is_reported_as_binary(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096))
    assert "PNG" in _refusal(_write(tmp_path, "figure.txt", data))


def test_random_bytes_are_reported(tmp_path: Path) -> None:
    rng = random.Random(11)
    with_nul = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00"
    assert "binary" in _refusal(_write(tmp_path, "blob.txt", with_nul))
    # no NUL byte, no signature: still refused as unreadable, never returned as garbage text
    no_nul = bytes(rng.randrange(1, 256) for _ in range(4096))
    _refusal(_write(tmp_path, "noise.txt", no_nul))


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_truncated_file_is_reported(tmp_path: Path, encoding: str) -> None:
    raw = corpus_paragraph().encode(encoding)
    assert "truncated" in _refusal(_write(tmp_path, f"cut.{encoding}.txt", raw[:-1]))


def test_too_large_and_missing_files_are_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", corpus_paragraph().encode())
    assert "too large" in _refusal(path, max_bytes=100)
    assert "does not exist" in _refusal(tmp_path / "missing.txt")
    assert "not a regular file" in _refusal(tmp_path)


def test_latin1_text_is_read_by_the_fallback(tmp_path: Path) -> None:
    text = "Accord de Paris : déclaration commune, décembre 2015. " * 20
    source = read_source(_write(tmp_path, "fr.txt", text.encode("latin-1")))
    assert source.text == text


# ---------------------------------------------------------------- chunks

_ENDS_AT_BOUNDARY = re.compile(r"(?:[。！？!?][”」』’\"）)]*|\n[ \t\u3000]*\n)$")


def _check_chunks(text: str, size: int) -> list[tuple[int, str]]:
    chunks = list(iter_chunks(text, size))
    assert "".join(chunk for _, chunk in chunks) == text
    expected_offset = 0
    for offset, chunk in chunks:
        assert offset == expected_offset
        assert text[offset:offset + len(chunk)] == chunk
        assert 0 < len(chunk) <= size
        expected_offset += len(chunk)
    for _, chunk in chunks[:-1]:
        # never inside a sentence, unless the chunk is one sentence longer than `size`
        assert _ENDS_AT_BOUNDARY.search(chunk) or (
            len(chunk) == size and not re.search(r"[。！？!?]|\n\s*\n", chunk))
    return chunks


def test_twenty_megabyte_file_round_trips_through_chunks(tmp_path: Path) -> None:
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    copies = 20 * 1024 * 1024 // len(corpus.encode("utf-8")) + 1
    path = _write(tmp_path, "big.txt", (corpus * copies).encode("utf-8"))
    assert path.stat().st_size >= 20 * 1024 * 1024
    source = read_source(path)
    chunks = _check_chunks(source.text, 200_000)
    assert len(chunks) >= len(source.text) // 200_000


def test_sentence_longer_than_the_chunk_is_cut_inside() -> None:
    text = "短句。" + "长" * 50 + "。尾。"
    chunks = _check_chunks(text, 20)
    assert chunks[0] == (0, "短句。")
    assert chunks[1] == (3, "长" * 20)


def test_chunks_prefer_the_last_boundary_and_keep_closing_quotes() -> None:
    text = "他说：“第一句。”第二句！\n\n第三段开始，没有结束"
    chunks = _check_chunks(text, 16)
    assert chunks[0][1] == "他说：“第一句。”第二句！\n\n"


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        list(iter_chunks("文本。", 0))
