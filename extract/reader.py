"""Reading input files safely: encoding detection, PDF text layers, refusal of non-text, bounded chunks.

A PDF (recognised by its ``%PDF-`` header, whatever the file is called) is read through its
text layer with pypdf: the pages' text joined with "\n" is the document's original text, the
one record offsets refer to (encoding ``"pdf"``). A PDF without a text layer (scanned pages),
one that needs a password or one pypdf cannot parse is refused with one sentence.

Detection order for other files (why: each step is cheap and the earlier ones are never wrong):
1. known binary signatures (PNG, ZIP/Office, JPEG, GIF) and NUL bytes -> refuse;
2. byte-order marks (UTF-8, UTF-16, UTF-32) -> that encoding;
3. strict UTF-8 -> "utf-8" (a file that breaks only in its last bytes is reported as truncated);
4. strict GB18030 and Big5 trials, each scored by the share of its CJK characters that are
   *common* characters of the script it implies (GB2312 level 1 for simplified text, Big5
   level 1 for traditional). Big5 bytes often decode "successfully" as GB18030 into
   kana, Greek and rare characters; the score tells the two apart;
5. charset-normalizer's guess for everything else (Latin-1 and friends), accepted only when it
   finds the bytes coherent.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from charset_normalizer import from_bytes


@dataclass
class SourceText:
    path: Path
    name: str
    text: str  # decoded text (BOM removed); record offsets refer to this string
    encoding: str
    sha256: str


class UnreadableInput(Exception):
    """One clear sentence naming the file and why it cannot be read as text."""


# the kinds of file a folder given to `extract` / `ingest` is searched for
DOCUMENT_SUFFIXES = frozenset({".txt", ".pdf"})
# PDF readers accept the header anywhere in the first KiB (some writers put junk before it)
_PDF_HEADER = b"%PDF-"
_PDF_HEADER_WITHIN = 1024


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF file (read it with read_source, which uses its text layer)"),
    (b"PK\x03\x04", "a ZIP archive (a .docx/.xlsx file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
)
_CJK_TRIALS = ("gb18030", "big5")
_MIN_PLAUSIBLE = 0.6  # share of common characters a correct Chinese decoding reaches
_SAMPLE_CHARS = 20_000  # scoring a sample keeps detection fast on 20 MB files


@cache
def _common_simplified() -> frozenset[str]:
    """GB2312 level 1: the 3755 most frequent simplified characters (lead bytes B0-D7)."""
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@cache
def _common_traditional() -> frozenset[str]:
    """Big5 level 1: the 5401 frequent traditional characters (A440-C67E)."""
    chars = []
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (lead, trail) > (0xC6, 0x7E):
                break
            try:
                chars.append(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of the non-ASCII letters and symbols that are common Chinese characters of one
    script (the better of simplified and traditional). Punctuation and digits are neutral."""
    counted = simplified = traditional = sandwiched = 0
    common_s, common_t = _common_simplified(), _common_traditional()
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        if unicodedata.category(ch)[0] in "PZN":
            continue
        counted += 1
        simplified += ch in common_s
        traditional += ch in common_t
        # Latin text read as GB/Big5: an accented byte swallows the next letter ("d閏embre")
        sandwiched += (
            0 < i < last
            and text[i - 1].isascii()
            and text[i - 1].isalpha()
            and text[i + 1].isascii()
            and text[i + 1].isalpha()
        )
        if counted >= _SAMPLE_CHARS:
            break
    if counted == 0 or sandwiched > counted * 0.2:
        return 0.0
    return max(simplified, traditional) / counted


def _control_share(text: str) -> float:
    sample = text[: _SAMPLE_CHARS * 5]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls / len(sample)


def _truncated_in(raw: bytes, encoding: str) -> bool:
    """The bytes decode cleanly except for an incomplete character at the very end."""
    try:
        raw.decode(encoding)
        return False
    except UnicodeDecodeError as err:
        if err.start < len(raw) - 4:
            return False
    for cut in range(1, 4):
        try:
            head = raw[:-cut].decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding.startswith("utf") or plausibility(head) >= _MIN_PLAUSIBLE
    return False


def decode_bytes(raw: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) or UnreadableInput."""
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise UnreadableInput(f"{name} is {what}, not a text file.")
    marked = _decode_with_bom(raw, name)
    if marked is not None:
        return marked
    if b"\x00" in raw:
        raise UnreadableInput(f"{name} contains NUL bytes: it is a binary file, not text.")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _truncated_in(raw, "utf-8"):
            raise UnreadableInput(
                f"{name} ends in the middle of a UTF-8 character: the file looks truncated."
            ) from None
    found = _decode_chinese(raw, name) or _decode_detected(raw)
    if found is not None:
        return found
    raise UnreadableInput(
        f"{name} is not UTF-8 and no Chinese or other known encoding gives readable text "
        "(binary or corrupted file?)."
    )


def _decode_with_bom(raw: bytes, name: str) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise UnreadableInput(
                    f"{name} starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} (byte {err.start})."
                ) from None
    return None


def _decode_chinese(raw: bytes, name: str) -> tuple[str, str] | None:
    """The Chinese encoding (GB18030, Big5) whose decoding reads most like Chinese text."""
    scored: list[tuple[float, str, str]] = []
    for encoding in _CJK_TRIALS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            if _truncated_in(raw, encoding):
                raise UnreadableInput(
                    f"{name} ends in the middle of a {encoding} character: the file looks truncated."
                ) from None
            continue
        scored.append((plausibility(text), encoding, text))
    if scored:
        score, encoding, text = max(scored, key=lambda item: item[0])
        if score >= _MIN_PLAUSIBLE:
            return text, encoding
    return None


def _decode_detected(raw: bytes) -> tuple[str, str] | None:
    """Another encoding, as charset-normalizer guesses it, when its text has no control noise."""
    guess = from_bytes(raw[:1_000_000]).best()
    if guess is None or not guess.encoding or guess.chaos >= 0.1:
        return None
    try:
        text = raw.decode(guess.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if text and _control_share(text) < 0.01:
        return text, guess.encoding.replace("_", "-")
    return None


def read_source(path: Path, max_bytes: int = 64 * 1024 * 1024) -> SourceText:
    path = Path(path)
    name = path.name
    if not path.exists():
        raise UnreadableInput(f"{name} does not exist.")
    if not path.is_file():
        raise UnreadableInput(f"{name} is not a regular file.")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableInput(f"{name} is empty.")
    if size > max_bytes:
        raise UnreadableInput(f"{name} is too large ({size:,} bytes; the limit is {max_bytes:,} bytes).")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UnreadableInput(f"{name} cannot be read: {err.strerror or err}.") from None
    if _PDF_HEADER in raw[:_PDF_HEADER_WITHIN]:
        text, encoding = pdf_text(raw, name), "pdf"
    else:
        text, encoding = decode_bytes(raw, name)
    if _control_share(text) >= 0.01:
        if encoding == "pdf":  # fonts without a usable ToUnicode map give glyph codes, not text
            raise UnreadableInput(
                f"{name} is a PDF whose text layer is not readable text: run OCR on it first."
            )
        raise UnreadableInput(f"{name} is full of control characters: a binary file, not text.")
    if not text.strip():
        raise UnreadableInput(f"{name} contains only whitespace.")
    return SourceText(
        path=path, name=name, text=text, encoding=encoding, sha256=hashlib.sha256(raw).hexdigest()
    )


def pdf_text(raw: bytes, name: str) -> str:
    """The text layer of a PDF: each page's text, pages joined with "\n"."""
    from pypdf import PasswordType, PdfReader  # imported on the first PDF only
    from pypdf.errors import DependencyError, FileNotDecryptedError

    # pypdf reports every repaired defect through logging; a defect that matters raises
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        # owner-password PDFs (printing or copying restricted) open with an empty password
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise FileNotDecryptedError("a user password is needed")
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        raise UnreadableInput(
            f"{name} is a password-protected PDF: it cannot be opened without the password."
        ) from None
    except DependencyError as err:
        raise UnreadableInput(f"{name} is an encrypted PDF that cannot be opened here ({err}).") from None
    except Exception as err:  # pypdf has no closed list of the errors a damaged file raises
        raise UnreadableInput(
            f"{name} is a damaged PDF file that cannot be read ({type(err).__name__})."
        ) from None
    if not pages:
        raise UnreadableInput(f"{name} is a PDF file without pages.")
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableInput(
            f"{name} is a PDF without a text layer (scanned pages?): run OCR on it first."
        )
    return text


# a sentence ends at 。！？!? (with any closing quotes/brackets) or at a blank line
_BOUNDARY = re.compile(r"[。！？!?][”」』’\"）)]*|\n[ \t\u3000]*\n")


def iter_chunks(text: str, size: int = 200_000) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of at most `size` characters that end at a sentence or paragraph
    boundary; only a sentence longer than `size` is cut inside."""
    if size <= 0:
        raise ValueError("size must be positive")
    pos = 0
    length = len(text)
    while pos < length:
        if length - pos <= size:
            yield pos, text[pos:]
            return
        cut = 0
        for match in _BOUNDARY.finditer(text, pos, pos + size):
            cut = match.end() - pos
        if cut == 0:
            cut = size  # one sentence longer than a chunk: no boundary to respect
        yield pos, text[pos : pos + cut]
        pos += cut
