"""Typeset a text as a PDF the way common tools lay one out, for ``bench_formats.py``.

Why these tools: the PDFs reviewers receive are written by word processors (LibreOffice's
export stands in for Word's), by LaTeX (theses, papers: no space characters between words,
only gaps, hyphenation at line ends, ligatures) and by report generators (reportlab). Each is
a benchmark-only tool: ``pip install reportlab``; Debian's ``texlive-latex-base
texlive-fonts-recommended`` for ``pdflatex`` and ``libreoffice-writer-nogui`` for
``soffice``. A layout whose tool is missing is skipped.

Each layout writes real page furniture (a running head, page numbers) and justified lines,
so what comes back through :func:`spundetect.pdf.pdf_text` shows whether the reader keeps the
prose and drops the rest.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape


def available(layout: str) -> bool:
    """Whether the tool ``layout`` needs is installed."""
    if layout == "pdf-latex":
        return shutil.which("pdflatex") is not None
    if layout == "pdf-writer":
        return shutil.which("soffice") is not None
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


_LATEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "$": r"\$",
        "&": r"\&",
        "#": r"\#",
        "%": r"\%",
        "_": r"\_",
        "^": r"\^{}",
        "~": r"\~{}",
    }
)


def latex(text: str) -> bytes:
    """LaTeX's article class in Times: paragraphs set in, words hyphenated at line ends,
    ligatures, a running head on every page and the number centred at the foot."""
    body = "\n\n".join(p.strip().translate(_LATEX_SPECIALS) for p in text.split("\n\n"))
    source = (
        "\\documentclass[11pt]{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{mathptmx}\n"
        "\\usepackage{fancyhdr}\n\\pagestyle{fancy}\\fancyhf{}\\fancyhead[L]{Regional Review}"
        "\\fancyhead[R]{Working Paper 7}\\fancyfoot[C]{\\thepage}\n"
        f"\\begin{{document}}\n{body}\n\\end{{document}}\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "t.tex").write_text(source, encoding="utf-8")
        # a character LaTeX has no glyph for is an error it reports and goes past
        subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error=false", "t.tex"],
            cwd=tmp,
            capture_output=True,
            timeout=120,
        )
        return (Path(tmp) / "t.pdf").read_bytes()


_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" \
office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><style:style style:name="Standard" style:family="paragraph">\
<style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.25cm"/>\
<style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt"/></style:style>\
</office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties \
fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" \
fo:margin-left="2.5cm" fo:margin-right="2.5cm"/><style:header-style>\
<style:header-footer-properties fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style>\
<style:header-footer-properties fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>\
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">\
<style:header><text:p text:style-name="Standard">Regional Review: Working Paper 7</text:p>\
</style:header><style:footer><text:p text:style-name="Standard">Page \
<text:page-number text:select-page="current"/></text:p></style:footer></style:master-page>\
</office:master-styles>
<office:body><office:text>{body}</office:text></office:body></office:document>
"""

_WRITTEN: dict[str, bytes] = {}
# characters XML 1.0 cannot hold (a C0 control): a document with one is not converted
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def prepare_writer(texts: Iterable[str]) -> None:
    """Convert many texts with few ``soffice`` runs (each takes seconds to start); :func:`writer`
    then finds them. One run converts at most :data:`_BATCH` files: given 600 at once, it
    silently wrote 248."""
    todo = {_key(t): t for t in texts if _key(t) not in _WRITTEN}
    keys = list(todo)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        for key, text in todo.items():
            paras = "".join(
                f'<text:p text:style-name="Standard">{escape(_XML_INVALID.sub("", p.strip()))}</text:p>'
                for p in text.split("\n\n")
                if p.strip()
            )
            (src / f"{key}.fodt").write_text(_FODT.format(body=paras), encoding="utf-8")
        for k in range(0, len(keys), _BATCH):
            files = [str(src / f"{key}.fodt") for key in keys[k : k + _BATCH]]
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), *files],
                capture_output=True,
                timeout=3600,
                check=True,
            )
        for key in keys:
            _WRITTEN[key] = (out / f"{key}.pdf").read_bytes()


_BATCH = 50


def writer(text: str) -> bytes:
    """LibreOffice Writer's PDF export (as Word's reads): justified, paragraphs spaced, a
    header and "Page N" in the footer."""
    prepare_writer([text])
    return _WRITTEN[_key(text)]


LAYOUTS: dict[str, Callable[[str], bytes]] = {
    "pdf-report": report,
    "pdf-book": book,
    "pdf-two-column": two_columns,
    "pdf-latex": latex,
    "pdf-writer": writer,
}

#: Layouts that convert a batch at once, faster than one text at a time.
PREPARE: dict[str, Callable[[Iterable[str]], None]] = {"pdf-writer": prepare_writer}
