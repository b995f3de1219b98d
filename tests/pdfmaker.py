"""A tiny PDF writer for tests: pages of text lines with a text layer, written by hand.

Latin text uses the standard Helvetica font (no font program needed). Chinese text uses a
Type0 font with Identity-H encoding and a ToUnicode CMap, the way real CJK PDFs carry their
text layer: each distinct character gets a two-byte code, and the CMap maps codes back to
Unicode. No glyphs are embedded (viewers show boxes; text extraction does not need them).
"""

from __future__ import annotations


def _literal(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def _to_unicode(codes: dict[str, int]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(codes.items(), key=lambda item: item[1])
    for start in range(0, len(items), 100):  # at most 100 entries per bfchar block
        block = items[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{code:04X}> <{ord(ch):04X}>" for ch, code in block]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def make_pdf(pages: list[list[str]], cjk: bool = False) -> bytes:
    """A PDF whose page k shows the lines pages[k], one line under the other.

    ``cjk`` writes every character (BMP only) through the Type0 font; otherwise the lines
    must be Latin-1. A page given as [] has no text at all (like a scanned page)."""
    codes: dict[str, int] = {}
    if cjk:
        for line in (line for page in pages for line in page):
            for ch in line:
                codes.setdefault(ch, len(codes) + 1)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"

    catalog = add(b"")  # filled in below, once the page tree's number is known
    if cjk:
        to_unicode = add(stream(_to_unicode(codes)))
        descriptor = add(
            b"<< /Type /FontDescriptor /FontName /TestCJK /Flags 4 /FontBBox [0 -200 1000 900]"
            b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
        )
        cid_font = add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            b" /FontDescriptor %d 0 R /DW 1000 /CIDToGIDMap /Identity >>" % descriptor
        )
        font = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H"
            b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
        )
    else:
        font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_tree_number = len(objects) + 1 + 2 * len(pages)
    kids = []
    for lines in pages:
        ops = [b"BT", b"/F1 11 Tf", b"14 TL", b"50 800 Td"]
        for line in lines:
            if cjk:
                shown = b"<" + "".join(f"{codes[ch]:04X}" for ch in line).encode("ascii") + b">"
            else:
                shown = _literal(line)
            ops.append(shown + b" Tj T*")
        ops.append(b"ET")
        content = add(stream(b"\n".join(ops) if lines else b""))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (page_tree_number, content, font)
            )
        )
    pages_obj = add(
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    )
    assert pages_obj == page_tree_number
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)
