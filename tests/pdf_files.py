"""Small PDF files written byte by byte for the tests: each page a list of lines set where the
test says (x, y, font size), in the standard Helvetica, so a test controls the layout the
reader sees without any PDF-writing package."""

from __future__ import annotations

from collections.abc import Sequence

#: One line on a page: its text, left edge, baseline height and font size (PDF units).
Line = tuple[str, float, float, float]


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def content(lines: Sequence[Line]) -> bytes:
    """A page's content stream that shows ``lines``."""
    return b"".join(
        f"BT /F1 {size:g} Tf {x:g} {y:g} Td (".encode() + _escape(text) + b") Tj ET\n"
        for text, x, y, size in lines
    )


def pdf(pages: Sequence[Sequence[Line]]) -> bytes:
    """A PDF of ``pages``, with a correct cross-reference table."""
    return document([(content(lines), "") for lines in pages])


def document(streams: Sequence[tuple[bytes, str]]) -> bytes:
    """A PDF whose pages hold these content streams, each with its extra dictionary entries
    (``"/Filter /FlateDecode"`` for a compressed one)."""
    n = len(streams)
    font = 3 + 2 * n  # object numbers: 1 catalog, 2 page tree, then a page and its content each
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{3 + 2 * k} 0 R".encode() for k in range(n))
        + f"] /Count {n} >>".encode(),
    ]
    for k, (body, extra) in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
            f"/F1 {font} 0 R >> >> /Contents {4 + 2 * k} 0 R >>".encode()
        )
        head = f"<< /Length {len(body)} {extra}>>\nstream\n".encode()
        objects.append(head + body + b"\nendstream")
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def column(
    paragraphs: Sequence[Sequence[str]],
    top: float = 700,
    leading: float = 14,
    gap: float = 10,
    size: float = 11,
    indent: float = 0,
) -> list[Line]:
    """Paragraphs of given lines set down a page from ``top``: ``gap`` more space before each
    paragraph but the first, and its first line set in by ``indent``."""
    out: list[Line] = []
    y = top
    for k, lines in enumerate(paragraphs):
        if k:
            y -= gap
        for j, text in enumerate(lines):
            out.append((text, 72 + (indent if j == 0 else 0), y, size))
            y -= leading
    return out
