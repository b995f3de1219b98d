"""PDF input: the text layer becomes the document's text; PDFs without one are refused."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from pdfmaker import make_pdf
from policygraph.extract.reader import UnreadableInput, read_source
from pypdf import PdfReader, PdfWriter

from policygraph.ingest import corpus_files

LATIN_PAGES = [
    ["Climate cooperation between the two countries", "resumed in the spring."],
    ["A second page follows."],
]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(UnreadableInput) as caught:
        read_source(path)
    message = str(caught.value)
    assert path.name in message
    assert message.endswith(".") and "\n" not in message
    return message


def _encrypted(user_password: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(LATIN_PAGES)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_latin_pdf_text_layer_is_the_document_text(tmp_path: Path) -> None:
    raw = make_pdf(LATIN_PAGES)
    source = read_source(_write(tmp_path, "brief.pdf", raw))
    assert source.encoding == "pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages]
    assert source.text == "\n".join(pages)
    assert "Climate cooperation between the two countries\nresumed in the spring." in source.text
    assert source.text.index("A second page") > source.text.index("spring")


def test_chinese_pdf_with_a_cid_font_is_read_through_its_tounicode_map(tmp_path: Path) -> None:
    raw = make_pdf([["中美两国发表联合声明。", "第二行"]], cjk=True)
    source = read_source(_write(tmp_path, "zh.pdf", raw))
    assert source.text.startswith("中美两国发表联合声明。\n第二行")


def test_pdf_is_recognised_by_its_header_not_its_name(tmp_path: Path) -> None:
    source = read_source(_write(tmp_path, "download.txt", make_pdf(LATIN_PAGES)))
    assert source.encoding == "pdf"


def test_scanned_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    message = _refusal(_write(tmp_path, "scan.pdf", make_pdf([[], []])))
    assert "without a text layer" in message and "OCR" in message


def test_pdf_whose_text_layer_is_glyph_codes_is_refused(tmp_path: Path) -> None:
    # a font whose ToUnicode map sends every code to a control character
    raw = make_pdf([["\x01\x02\x03\x04\x05 \x06\x07\x08"]])
    assert "not readable text" in _refusal(_write(tmp_path, "glyphs.pdf", raw))


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    message = _refusal(_write(tmp_path, "locked.pdf", _encrypted("secret", "AES-256")))
    assert "password" in message


def test_pdf_restricted_only_by_an_owner_password_is_read(tmp_path: Path) -> None:
    for algorithm in ("RC4-128", "AES-128", "AES-256"):
        source = read_source(_write(tmp_path, f"restricted-{algorithm}.pdf", _encrypted("", algorithm)))
        assert "resumed in the spring." in source.text


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    rng = random.Random(11)
    raw = b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(3000))
    assert "damaged PDF" in _refusal(_write(tmp_path, "broken.pdf", raw))
    cut = make_pdf(LATIN_PAGES)[:300]  # a download that stopped early
    assert "damaged PDF" in _refusal(_write(tmp_path, "cut.pdf", cut))


def test_folders_yield_pdf_files_beside_text_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "文本".encode())
    _write(tmp_path, "b.PDF", make_pdf(LATIN_PAGES))
    _write(tmp_path, "c.png", b"\x89PNG\r\n\x1a\n")
    assert [p.name for p in corpus_files([tmp_path])] == ["a.txt", "b.PDF"]
