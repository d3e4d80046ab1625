"""Typeset a text as a PDF the way common tools lay one out, for ``bench_formats.py``.

Why reportlab: it is what many report generators, invoicing and publishing tools write PDFs
with, so its files are a fair stand-in for the PDFs reviewers receive. It is a benchmark-only
dependency (``pip install reportlab``); without it the PDF variants are skipped.

Each layout writes real page furniture (a running head, page numbers) and justified lines,
so what comes back through :func:`spundetect.pdf.pdf_text` shows whether the reader keeps the
prose and drops the rest.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape


def available() -> bool:
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return False
    return True


# An embedded TrueType font, as word processors write (every letter, "č" and "ō" too, with
# its Unicode map); Debian's fonts-dejavu-core has it. Without it the standard Helvetica.
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def _font() -> str:
    if not SERIF.is_file():
        return "Helvetica"
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(SERIF)))
    return "DejaVuSerif"


def _story(text: str, indent: bool) -> list:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph

    base = getSampleStyleSheet()["BodyText"]
    style = ParagraphStyle(
        "body",
        parent=base,
        fontName=_font(),
        alignment=TA_JUSTIFY,
        firstLineIndent=14 if indent else 0,
        spaceBefore=0 if indent else 6,
        spaceAfter=0,
    )
    return [Paragraph(escape(p.strip()), style) for p in text.split("\n\n") if p.strip()]


def report(text: str) -> bytes:
    """A4, one column, paragraphs spaced; a running head and "Page N of M"-style numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Regional Review | Quarterly Briefing")
        canvas.drawRightString(A4[0] - 72, 30, f"Page {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4)
    doc.build(_story(text, indent=False), onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


def book(text: str) -> bytes:
    """A small page, paragraphs set in with no space between; the number centred at the foot,
    the title as a running head from the second page."""
    from reportlab.platypus import SimpleDocTemplate

    size = (396, 612)

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Times-Roman", 8)
        if doc.page > 1:
            canvas.drawCentredString(size[0] / 2, size[1] - 36, "NOTES FROM THE FIELD")
        canvas.drawCentredString(size[0] / 2, 28, str(doc.page))
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=48, rightMargin=48)
    doc.build(_story(text, indent=True), onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


def two_columns(text: str) -> bytes:
    """US Letter, two columns a page, a journal's running head and a page number."""
    from reportlab.lib.pagesizes import letter
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    width, height = letter
    gap, margin = 18, 54
    col = (width - 2 * margin - gap) / 2

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(margin, height - 36, "Journal of Applied Studies 14 (2)")
        canvas.drawRightString(width - margin, 28, str(doc.page + 40))
        canvas.restoreState()

    frames = [
        Frame(margin, margin, col, height - 2 * margin, id="left"),
        Frame(margin + col + gap, margin, col, height - 2 * margin, id="right"),
    ]
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=letter)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=furniture)])
    doc.build(_story(text, indent=False))
    return buf.getvalue()


LAYOUTS: dict[str, Callable[[str], bytes]] = {
    "pdf-report": report,
    "pdf-book": book,
    "pdf-two-column": two_columns,
}
