"""The text of word-processor files (.docx, .odt), read with the standard library alone.

Why: plagiarism reviewers and editors receive essays and articles as Word or OpenDocument
files, not as plain text. Both are zip archives holding the body as XML (``word/document.xml``,
``content.xml``); what the detector needs is its paragraphs, one blank line apart, so that the
sentences, spans and paragraph rules read them as they read any text. Headers, footers,
footnotes, comments and deleted tracked changes live elsewhere or in other elements and are
not read: they are not the writer's running prose.

Other files people often pass by mistake (an old binary ``.doc``, RTF, another zip) are named
by their first bytes, with what to do instead, rather than called "binary". PDFs are read by
:mod:`spundetect.pdf`.

Safety: the XML part is read up to :data:`MAX_XML_BYTES` decompressed (a zip bomb stops
there), and a part that declares a document type (the door to entity-expansion attacks; Word
and LibreOffice never write one) is refused.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree as ET

__all__ = [
    "BODY_PARTS",
    "MAX_XML_BYTES",
    "OFFICE_SUFFIXES",
    "OfficeError",
    "not_text_reason",
    "office_text",
]

#: File name endings read as word-processor documents (also when walking a directory).
OFFICE_SUFFIXES: frozenset[str] = frozenset({".docx", ".odt"})

#: The most decompressed XML read from one document (a 1,000-page report is ~20 MB).
MAX_XML_BYTES = 64 << 20
#: The most XML elements read from one document (a 1,000-page report has under a million;
#: each costs ~100-500 bytes parsed: 2.7 million spaces elements held 1.9 GB).
MAX_ELEMENTS = 2_000_000
#: The most characters of text read from one document (a 1,000-page report has ~3 million;
#: a text is scored on its first million): ODF's ``<text:s text:c="1024"/>`` is 1,024 spaces
#: in 25 bytes, and 163 KB of them made 4 G characters (out of memory).
MAX_TEXT_CHARS = 16 << 20

ZIP_MAGIC = b"PK\x03\x04"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
# Word writes a text box twice: as it is (mc:Choice) and as older readers draw it (mc:Fallback)
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: the part of a zip that holds a word-processor file's body, and the kind of file it makes
BODY_PARTS = {"word/document.xml": "docx", "content.xml": "odt"}


class OfficeError(ValueError):
    """A word-processor file whose text cannot be read; the message says why."""


def office_text(data: bytes) -> str | None:
    """The paragraphs of a .docx or .odt file's body, one blank line apart; ``None`` when
    ``data`` is not such a file. Raises :class:`OfficeError` for one that cannot be read."""
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            part = next((p for p in BODY_PARTS if p in names), None)
            if part is None:
                return None
            with z.open(part) as f:
                xml = f.read(MAX_XML_BYTES + 1)
    except NotImplementedError as exc:  # a compression method zipfile lacks
        raise OfficeError(f"cannot read this .docx, .odt or zip file ({exc})") from None
    except Exception as exc:  # zipfile raises many kinds on damaged data (zlib.error, ...
        raise OfficeError(f"a damaged .docx, .odt or zip file ({exc})") from None
    kind = BODY_PARTS[part]
    if len(xml) > MAX_XML_BYTES:
        raise OfficeError(
            f"the {kind} file's text part is over {MAX_XML_BYTES >> 20} MiB uncompressed"
        )
    if _declares_a_type(xml):
        raise OfficeError(f"the {kind} file's {part} declares a document type: refused")
    # each element is an object of ~100-500 bytes: 64 MiB of "<a/>" held 1.8 GB for 50 s
    # (counted by their start tags; fifty-seventh session)
    if xml.count(b"<") - xml.count(b"</") > MAX_ELEMENTS:
        raise OfficeError(
            f"the {kind} file's {part} holds over {MAX_ELEMENTS:,} XML elements: not read"
        )
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise OfficeError(f"damaged {kind} file: {part} is not well-formed XML ({exc})") from None
    paras = _docx_paragraphs(root) if kind == "docx" else _odt_paragraphs(root)
    kept: list[str] = []
    size = 0
    try:
        for p in paras:
            p = p.strip()
            if not p:
                continue
            size += len(p) + 2
            if size > MAX_TEXT_CHARS:  # counted as the paragraphs come, not once all are held
                raise OfficeError(
                    f"the {kind} file's text is over {MAX_TEXT_CHARS:,} characters: not read"
                )
            kept.append(p)
    except RecursionError:  # the walk is recursive: elements nested thousands deep
        raise OfficeError(f"the {kind} file's {part} is nested too deeply to read") from None
    return "\n\n".join(kept)


def _capped_join(parts: Iterator[str]) -> str:
    """One paragraph's pieces joined, refused once they pass :data:`MAX_TEXT_CHARS` (before
    they are all held: one paragraph of space runs reached 4 G characters)."""
    held: list[str] = []
    size = 0
    for part in parts:
        size += len(part)
        if size > MAX_TEXT_CHARS:
            raise OfficeError(f"a paragraph of over {MAX_TEXT_CHARS:,} characters: not read")
        held.append(part)
    return "".join(held)


def _declares_a_type(xml: bytes) -> bool:
    """Whether ``xml`` declares a document type or an entity (whose expansion could inline a
    file or grow without end): anywhere in it, and in UTF-16 too, which the bytes of
    ``<!DOCTYPE`` do not show (expat reads UTF-16; a declaration in it was read and its
    entity's text scored; fifty-seventh session)."""
    if xml[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):
        bom = xml[:2] in (b"\xff\xfe", b"\xfe\xff")
        codec = "utf-16" if bom else ("utf-16-le" if xml[0] == 0x3C else "utf-16-be")
        text = xml.decode(codec, errors="replace")
        return "<!DOCTYPE" in text or "<!ENTITY" in text
    return b"<!DOCTYPE" in xml or b"<!ENTITY" in xml


def _docx_paragraphs(root: ET.Element) -> Iterator[str]:
    # A paragraph inside a text box sits inside another paragraph's run: each is read once,
    # the inner one where it stands. A box's second copy, for older readers, is not read (a
    # box Word saves today was read twice).
    for parent in list(root.iter()):
        for child in [c for c in parent if c.tag == _MC_FALLBACK]:
            parent.remove(child)
    for p in root.iter(f"{_W}p"):
        yield _capped_join(_docx_runs(p))


def _docx_runs(el: ET.Element) -> Iterator[str]:
    for child in el:
        tag = child.tag
        if tag == f"{_W}p":
            continue  # a nested paragraph (text box): read on its own
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        elif tag in _DOCX_ASIDE:
            continue  # deleted or moved-away tracked changes and field codes are not the text
        else:
            yield from _docx_runs(child)


_DOCX_ASIDE = frozenset(
    {f"{_W}del", f"{_W}instrText", f"{_W}delText", f"{_W}moveFrom", f"{_W}delInstrText"}
)


def _odt_paragraphs(el: ET.Element) -> Iterator[str]:
    for child in el:
        if child.tag in _ODT_ASIDE:
            continue
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            yield _capped_join(_odt_text(child, top=True))
        yield from _odt_paragraphs(child)  # a paragraph in a frame or a table cell


# footnotes, tracked deletions and comments (their author and date were read into the
# sentence they sit in): not the running text
_ODT_ASIDE = frozenset(
    {f"{_TEXT}note", f"{_TEXT}tracked-changes", f"{_OFFICE}annotation", f"{_OFFICE}annotation-end"}
)


def _odt_text(el: ET.Element, top: bool = False) -> Iterator[str]:
    tag = el.tag
    if not top and tag in (f"{_TEXT}p", f"{_TEXT}h"):
        pass  # a paragraph inside another (a frame): read on its own
    elif tag == f"{_TEXT}s":
        yield _spaces(el)
    elif tag == f"{_TEXT}tab":
        yield "\t"
    elif tag == f"{_TEXT}line-break":
        yield "\n"
    elif tag in _ODT_ASIDE:
        pass
    else:
        yield el.text or ""
        for child in el:
            yield from _odt_text(child)
    if not top:
        yield el.tail or ""


# The most spaces one <text:s/> is read as: a word processor writes one for each run of spaces
# typed, a few wide; a count of billions would make a small file a text too large for memory.
_MAX_SPACES = 1024


def _spaces(el: ET.Element) -> str:
    """The spaces a ``<text:s text:c="N"/>`` stands for: ``N`` of them, at most
    :data:`_MAX_SPACES`; one (ODF's default) when ``N`` is not a whole number."""
    try:
        n = int(el.get(f"{_TEXT}c") or 1)
    except ValueError:  # not a number, or one of more digits than int() converts
        n = 1
    return " " * min(n, _MAX_SPACES)


def not_text_reason(data: bytes) -> str | None:
    """What a file that is not text is, and what to do with it, from its first bytes; ``None``
    when its first bytes name nothing known."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return (
            "an old Word (.doc) or other Office binary file, or a password-protected document: "
            "save it as .docx, .odt or plain text"
        )
    if data.startswith(b"{\\rtf"):
        return "an RTF file: save it as .docx, .odt or plain text"
    if data.startswith(ZIP_MAGIC):
        return (
            "a zip archive that is not a .docx or .odt document: give it as a file named .zip "
            "(the documents in it are read) or unpack it first"
        )
    return None
