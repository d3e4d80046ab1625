"""Read documents for the command line: files, directories, stdin; text, HTML, JSONL, CSV.

Everything here is lazy: :func:`read_records` yields one :class:`Record` at a
time, so a 1 GB JSONL export streams through in bounded memory. Bad input
(undecodable bytes, binary files, malformed JSON lines, missing fields) does not
raise: it comes back as a record with ``error`` set and a ``where`` location
(``file`` or ``file:line``), so the caller can report it and carry on.
"""

from __future__ import annotations

import bz2
import codecs
import collections
import contextlib
import csv
import dataclasses
import errno
import gzip
import io
import json
import lzma
import os
import re
import select
import stat
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, cast

from . import charsets
from .office import (
    BODY_PARTS,
    OFFICE_SUFFIXES,
    ZIP_MAGIC,
    OfficeError,
    not_text_reason,
    office_text,
)
from .parquet import PARQUET_SUFFIXES, ParquetError, _reason, open_parquet
from .pdf import PDF_MAGIC, PDF_SUFFIXES, PdfError, read_pdf
from .result import label_as_written
from .status import binary_bytes, validate_text
from .warc import WARC_SUFFIXES, WarcDocument, WarcProblem, WarcSkipped, read_warc

__all__ = [
    "ANY_READABLE",
    "COMPRESSED_SUFFIXES",
    "DIRECTORY_SUFFIXES",
    "INPUT_FORMATS",
    "READABLE_SUFFIXES",
    "RECORD_FILES",
    "STDIN",
    "DecodeError",
    "Record",
    "archive_kind",
    "csv_header",
    "decode_bytes",
    "decode_page",
    "folder_format",
    "format_for",
    "html_to_text",
    "input_size",
    "iter_paths",
    "read_document",
    "read_records",
    "sniff_file",
    "sniff_stdin",
    "walked_suffixes",
]

#: ``--input-format`` choices. ``html`` is ``text`` with the markup reduced to visible text.
INPUT_FORMATS: tuple[str, ...] = ("text", "jsonl", "csv", "tsv", "html", "parquet", "warc")
# the formats whose files a folder walk picks up only when told (--input-format)
_ROW_FORMATS = ("jsonl", "csv", "tsv", "parquet", "warc")
#: Files a directory walk picks up (anything else in the tree is ignored).
DIRECTORY_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".html", ".htm", *OFFICE_SUFFIXES, *PDF_SUFFIXES}
)
#: How stdin is named in ids and messages.
STDIN = "<stdin>"

#: Compressed inputs read transparently, by suffix or by their first bytes (stdin too):
#: ``docs.jsonl.gz`` is JSONL. gzip, bzip2 and xz with the standard library; zstd (``.zst``,
#: as many web-text and pre-training corpora ship) with Python 3.14's ``compression.zstd`` or
#: the ``zstandard`` package (``pip install 'spundetect[zstd]'``), else an error says so.
COMPRESSED_SUFFIXES: frozenset[str] = frozenset({".gz", ".bz2", ".xz", ".zst", ".zstd"})
# first bytes -> the module that opens such a stream, and an incremental decompressor of it
# (``sniff_stdin`` decompresses the start of what stdin has buffered without reading it away)
_MAGIC: tuple[tuple[bytes, Any, Callable[[], Any]], ...] = (
    (b"\x1f\x8b", gzip, lambda: zlib.decompressobj(31)),
    (b"BZh", bz2, bz2.BZ2Decompressor),
    (b"\xfd7zXZ\x00", lzma, lzma.LZMADecompressor),
)
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# what a damaged or truncated compressed stream raises while it is read (bz2's is an OSError)
_READ_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError)

_SUFFIX_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    # what ``Dataset.to_json()`` and many exporters name JSON Lines; a JSON array or a
    # pretty-printed document is said, not read as prose (see _not_rows)
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    **dict.fromkeys(PARQUET_SUFFIXES, "parquet"),
    **dict.fromkeys(WARC_SUFFIXES, "warc"),
}
#: Every suffix a file the commands read may have (under a compression suffix).
READABLE_SUFFIXES: frozenset[str] = DIRECTORY_SUFFIXES | frozenset(_SUFFIX_FORMATS)
#: What a folder walk picks up where its files are read each as its name says (``filter
#: --sources``): all of them, less ``.json`` (a folder's are as often its metadata).
ANY_READABLE: frozenset[str] = READABLE_SUFFIXES - {".json"}
#: ... and where only files of records will do (``train`` and ``evaluate``: labelled rows):
#: JSON Lines, CSV, TSV and Parquet, and a job's shards, each read as it is. A folder of
#: shards with a README beside them was read as a folder of documents: the README alone.
RECORD_FILES: frozenset[str] = frozenset(
    k for k, v in _SUFFIX_FORMATS.items() if v in ("jsonl", "csv", "parquet") and k != ".json"
)

# One document per file is read whole up to this size (the detector scores the
# first million characters anyway); the rest is skipped so a stray huge file
# cannot exhaust memory.
MAX_TEXT_BYTES = 8 << 20
MAX_HTML_BYTES = 64 << 20

ProgressFn = Callable[[int], None]
#: ``on_header(name, column names, header line as read, whether it is TSV)``
#: (:func:`read_records`)
HeaderFn = Callable[[str, tuple[str, ...], bytes, bool], None]


class DecodeError(ValueError):
    """Bytes that are not text we can read; the message is the one-line reason."""


class _Undeclared(DecodeError):
    """An HTML page that is not UTF-8 and declares no charset (:func:`decode_page` reads it
    as browsers do)."""


#: said of a page read as Windows-1252 because it declares no charset and is not UTF-8
UNDECLARED_HTML = (
    "not UTF-8 and no charset declared: read as Windows-1252, as browsers in English read "
    "such a page"
)


@dataclass(frozen=True, slots=True)
class Record:
    """One input document, or the reason it could not be read.

    ``where`` locates it for messages (``path`` or ``path:line``); ``id`` is
    the user's id field when present, else ``where``. ``text`` is ``None``
    exactly when ``error`` is set.
    """

    id: str
    where: str
    text: str | None
    error: str | None = None
    label: str | None = None
    group: str | None = None
    generator: str | None = None
    source: str | None = None
    #: the JSONL line as read, without its line end, or the CSV row's lines as read, line end
    #: included (``spundetect filter`` passes kept rows through byte for byte); ``None`` for
    #: other formats
    raw: bytes | None = None
    #: what a reader left out, for the result's message ("only the first 8,388,608 of
    #: 14,250,000 bytes were read"); ``None`` when the whole input was read
    note: str | None = None
    #: the row's index in its Parquet file (``where`` is ``path[row]``; ``spundetect filter``
    #: writes the kept rows of a Parquet file as they are); ``None`` for other formats
    row: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _bad(where: str, reason: str) -> Record:
    return Record(id=where, where=where, text=None, error=reason)


# ---------------------------------------------------------------- decoding
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_bytes(data: bytes, *, html: bool = False, final: bool = True) -> str:
    """Decode a file's bytes as UTF-8 (BOM-aware), or raise :class:`DecodeError`.

    UTF-16 with a byte-order mark is accepted (Windows editors write it). HTML
    may declare another charset in a ``<meta>`` tag; plain text must be UTF-8:
    guessing an encoding silently would feed mojibake to the detector, which
    would then call a human text ``machine_garbled``. ``final=False`` tolerates
    a multi-byte character cut off at the end (a truncated read).
    """
    if data.startswith(_UTF32_BOMS):  # before UTF-16: BOM_UTF32_LE begins with BOM_UTF16_LE
        raise DecodeError(_UTF32)
    if data.startswith(_UTF16_BOMS):
        try:
            return codecs.getincrementaldecoder("utf-16")().decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid UTF-16 text ({exc.reason} at byte {exc.start})") from None
    head = data[:65536]
    if b"\x00" in head:
        if _utf16_without_bom(head):
            raise DecodeError(_UTF16_WITHOUT_BOM)
        if _utf32_without_bom(head):
            raise DecodeError(_UTF32_WITHOUT_BOM)
        if binary_bytes(head):  # (a few stray NULs are a text's: read on)
            raise DecodeError(_BINARY_FILE)
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=final)
    except UnicodeDecodeError as exc:
        if html:
            m = _CHARSET_RE.search(data[:4096])
            if m:  # read as browsers read the label ("iso-8859-1" is Windows-1252)
                name = m.group(1).decode("ascii", "replace")
                codec = charsets.codec_for(name)
                if codec is None:
                    raise DecodeError(f"unknown charset {name!r} declared in the HTML") from None
                if codec == charsets.REFUSED:
                    raise DecodeError(
                        f"charset {name!r} declared in the HTML: browsers refuse to decode it; "
                        "convert the page to UTF-8 first"
                    ) from None
                with contextlib.suppress(UnicodeError):  # not that charset: said below
                    return charsets.decode(data, codec)
            else:
                raise _Undeclared(_not_utf8(data, exc.start)) from None
        raise DecodeError(_not_utf8(data, exc.start)) from None


def _told_codec(encoding: str | None) -> str | None:
    """The codec of an encoding told (``--encoding``); None for UTF-8 or none told."""
    if encoding is None:
        return None
    codec = charsets.input_codec(encoding)
    return None if codec == "utf-8" else codec


def _decode_told(data: bytes, codec: str, encoding: str, *, final: bool) -> str:
    """``data`` in the encoding the user named; a byte it does not hold is an error, as one
    that is not UTF-8 is."""
    if binary_bytes(data[:65536]):
        raise DecodeError(_BINARY_FILE)
    try:
        return str(charsets.incremental_decoder(codec).decode(data, final))
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not {encoding} text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def _not_utf8(data: bytes, at: int) -> str:
    return (
        f"not UTF-8 text (byte 0x{data[at]:02x} at offset {at}); convert it to UTF-8 first, "
        "or name its encoding (--encoding)"
    )


def decode_page(data: bytes, *, final: bool = True) -> tuple[str, str | None]:
    """An HTML page's text as browsers decode it, and a note when it had to be guessed: UTF-8
    (or UTF-16 with a byte-order mark), else the charset its ``<meta>`` declares, else, when
    it declares none, Windows-1252, the fallback browsers in English locales use (the WHATWG
    Encoding Standard), said in the note. A page of another language's legacy encoding read
    so is not English either way; an English one reads as its writer wrote it. Raises
    :class:`DecodeError` as :func:`decode_bytes` does otherwise (binary, UTF-32, a charset
    declared that does not fit)."""
    try:
        return decode_bytes(data, html=True, final=final), None
    except _Undeclared:
        return charsets.decode(data, "cp1252"), UNDECLARED_HTML


_BINARY_FILE = "binary file (NUL bytes), not text"
_UTF16_WITHOUT_BOM = (
    "UTF-16 text without a byte-order mark (every other byte is NUL); convert it to UTF-8 first"
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_BOMS = (codecs.BOM_UTF8, *_UTF16_BOMS, *_UTF32_BOMS)
_UTF32 = "UTF-32 text: convert it to UTF-8 first (iconv -f UTF-32 -t UTF-8)"
_UTF32_WITHOUT_BOM = (
    "UTF-32 text without a byte-order mark (three bytes in four are NUL); convert it to UTF-8 first"
)


def _utf16_without_bom(head: bytes) -> bool:
    """Whether ``head`` reads as UTF-16 text of Latin letters with no byte-order mark: NUL in
    one byte of nearly every pair and in almost none of the others. Said so in the error, not
    decoded: guessing an encoding is what the rest of decoding refuses to do."""
    pairs = len(head) // 2
    if pairs < 8:
        return False
    even, odd = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    return max(even, odd) >= 0.9 * pairs and min(even, odd) <= 0.01 * pairs


def _utf32_without_bom(head: bytes) -> bool:
    """Whether ``head`` reads as UTF-32 text of Latin letters with no byte-order mark: NUL in
    three bytes of nearly every four, and almost never in the fourth."""
    quads = len(head) // 4
    if quads < 8:
        return False
    nuls = sorted(head[k : 4 * quads : 4].count(0) for k in range(4))
    return nuls[1] >= 0.9 * quads and nuls[0] <= 0.01 * quads


def _check_text(text: str) -> str | None:
    """Reason a decoded text must not be scored (binary junk, lone surrogates), else None."""
    reason = validate_text(text)
    if reason is not None:
        return reason
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "invalid Unicode (lone surrogate code points)"
    return None


# ---------------------------------------------------------------- HTML
def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_VOID = _words("area base br col embed hr img input link meta param source track wbr keygen")
# Elements whose content a reader does not see as article text.
_HIDDEN = _words(
    """script style noscript template head title nav footer aside svg math iframe object
    canvas select option button textarea dialog"""
)
_BLOCK = _words(
    """address article blockquote body br dd details div dl dt fieldset figcaption figure h1
    h2 h3 h4 h5 h6 header hr li main ol p pre section summary table tbody td tfoot th thead
    tr ul caption"""
)
_STYLE_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A page's comment section, by the names blogs and CMSs give it (WordPress's id="comments"
# and class="comments-area" / "comment-list", Disqus's id="disqus_thread"): other people's
# words, left out as the text handling leaves out a scraped thread
_COMMENTS_NAME_RE = re.compile(
    r"comments?(?:[-_](?:area|list|section|respond|form|wrapper|container|thread))?"
    r"|disqus_thread|respond",
    re.I,
)
_WS_RE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_BREAK = "\x1e"  # block boundary marker while collecting
# a "comment" class on an inline element is a styling name (a gloss, an aside in the text)
_INLINE_COMMENT_TAGS = frozenset({"span", "em", "i", "b", "strong", "small", "a"})


class _VisibleText(HTMLParser):
    """Collect the text a reader sees: no scripts, menus, hidden elements or markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[tuple[str, bool]] = []
        # how many of each tag the stack holds: whether an end tag closes anything is a
        # look-up, not a scan of the stack (a page of 20,000 open "<b>" and as many stray
        # "</i>" took 38 s for 140 KB, quadratic; fifty-seventh session)
        self._open: collections.Counter[str] = collections.Counter()
        self._hidden = 0

    @staticmethod
    def _is_hidden(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _HIDDEN:
            return True
        for name, value in attrs:
            if name == "hidden":
                return True
            if name == "aria-hidden" and (value or "").strip().lower() == "true":
                return True
            if name == "style" and value and _STYLE_HIDDEN_RE.search(value):
                return True
            if (
                name in ("id", "class")
                and value
                and tag not in _INLINE_COMMENT_TAGS
                and any(_COMMENTS_NAME_RE.fullmatch(v) for v in value.split())
            ):
                return True
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append(_BREAK)
        if tag in _VOID:
            return
        if tag == "body" and self._open["head"]:
            self.handle_endtag("head")  # an unclosed <head> must not hide the page
        hidden = self._is_hidden(tag, attrs)
        self._stack.append((tag, hidden))
        self._open[tag] += 1
        self._hidden += hidden

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append(_BREAK)
        if not self._open[tag]:
            return  # stray end tag: browsers ignore it too
        while self._stack:
            t, hidden = self._stack.pop()
            self._open[t] -= 1
            self._hidden -= hidden
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    def parse_html_declaration(self, i: int) -> int:
        # "<![" opening anything but the few SGML marked sections Python's parser knows
        # ("<![ATA[", "<![ x") raises AssertionError in it; a browser reads it as a bogus
        # comment, up to the next ">"
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            return self.parse_bogus_comment(i)


# What Python's parser holds back at the end of a page cut short ("<a href=\"https://ex",
# "<!-- unclosed", "<![foo") and would give back as text on close()
_UNFINISHED_MARKUP = re.compile(r"<[A-Za-z!?/]")


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one paragraph per block element.

    Drops scripts, styles, navigation, footers, asides, forms, comment sections (by their
    usual names: ``id="comments"``, ``class="comment-list"``, ``id="disqus_thread"``) and
    anything marked hidden, so the detector judges the page's own prose, not site chrome.
    """
    parser = _VisibleText()
    parser.feed(html)
    if _UNFINISHED_MARKUP.match(parser.rawdata):
        parser.rawdata = ""  # a tag or comment cut off by the page's end: browsers drop it
    parser.close()
    blocks = "".join(parser.parts).split(_BREAK)
    paras = (_WS_RE.sub(" ", b).strip() for b in blocks)
    return "\n\n".join(p for p in paras if p)


# ---------------------------------------------------------------- paths
def format_for(path: str | os.PathLike[str]) -> str:
    """Input format implied by a file name (``text`` when nothing more specific fits);
    a compression suffix is looked through (``docs.jsonl.gz`` is ``jsonl``)."""
    return _SUFFIX_FORMATS.get(_inner_suffix(path), "text")


def _inner_suffix(path: str | os.PathLike[str]) -> str:
    """The lower-cased suffix, under a compression suffix if there is one."""
    p = Path(path)
    if p.suffix.lower() in COMPRESSED_SUFFIXES:
        p = p.with_suffix("")
    return p.suffix.lower()


def iter_paths(
    paths: Sequence[str], suffixes: frozenset[str] = DIRECTORY_SUFFIXES
) -> Iterator[tuple[str, str | None]]:
    """Expand PATH arguments: ``(display_path, error)`` for each file, in a stable order.

    Directories are walked recursively (sorted, hidden entries skipped, symbolic links to
    folders followed once) for files named with one of ``suffixes``, compressed or not
    (``a.jsonl.gz``), and a job's shards (:func:`_walked`); ``-`` stands for stdin. What
    cannot be read is yielded with its reason and the walk goes on: a missing path, a folder that cannot be listed, a dangling
    link, a named pipe or device met in a walk (reading one could wait forever), a link back
    to a folder already walked, an empty argument (an unset shell variable).
    """
    for arg in paths:
        if arg == "-":
            yield "-", None
            continue
        if not arg:
            yield '""', "an empty path (an unset shell variable?)"
            continue
        p = Path(arg)
        if p.is_dir():
            found = False
            for item in _walk(p, suffixes):
                found = True
                yield item
            if not found:
                yield arg, f"directory holds no {_suffix_list(suffixes)} files" + _held(p, suffixes)
        elif p.exists() and not p.is_file() and not _is_stream(p):
            yield arg, "not a regular file"
        elif not p.exists():
            yield arg, _missing_reason(p)
        else:
            yield arg, None


def _held(top: Path, suffixes: frozenset[str]) -> str:
    """What a folder with none of ``suffixes`` holds that another ``--input-format`` walks
    (``"; it holds parquet files: give --input-format parquet"``), else ``""``."""
    others = frozenset().union(*(walked_suffixes(f) for f in _ROW_FORMATS)) - suffixes
    formats = sorted(
        {
            fmt
            for name, _ in _walk(top, others)
            if (fmt := _SUFFIX_FORMATS.get(_inner_suffix(name))) is not None
        }
    )
    if not formats:
        return ""
    return f"; it holds {' and '.join(formats)} files: give --input-format {formats[0]}"


def _walk(top: Path, suffixes: frozenset[str]) -> Iterator[tuple[str, str | None]]:
    """The files below ``top`` named with ``suffixes``, and what the walk could not read."""
    unreadable: list[OSError] = []  # a folder the walk could not list: said, not skipped
    # the folders walked, by device and inode: a link back to one is said, not walked again
    seen: set[tuple[int, int] | None] = {_dir_key(top)}
    try:
        yield from _walk_from(top, suffixes, unreadable, seen)
    except RecursionError:  # os.walk recurses before Python 3.12: ~1,000 folders deep
        yield str(top), "folders nested too deeply to walk (about 1,000 deep): the rest not read"


def _walk_from(
    top: Path,
    suffixes: frozenset[str],
    unreadable: list[OSError],
    seen: set[tuple[int, int] | None],
) -> Iterator[tuple[str, str | None]]:
    for root, dirs, files in os.walk(top, onerror=unreadable.append, followlinks=True):
        yield from _unlisted(unreadable, root)
        keep = []
        for d in sorted(d for d in dirs if not d.startswith(".")):
            key = _dir_key(Path(root, d))
            if key is not None:
                if key in seen:
                    yield os.path.join(root, d), "a link to a folder already read: skipped"
                    continue
                seen.add(key)
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            if name.startswith(".") or not _walked(name, suffixes):
                continue
            path = os.path.join(root, name)
            try:
                regular = stat.S_ISREG(os.stat(path).st_mode)
            except OSError:
                yield path, _missing_reason(Path(path))
                continue
            yield path, None if regular else "not a regular file (a named pipe or a device)"
    yield from _unlisted(unreadable, str(top))  # the folders met after the last files


# A Hadoop or Spark job's output shard: "part-00000", "part-r-00000", "part-00000-<uuid>-c000"
# (RDD.saveAsTextFile, Hadoop streaming), compressed or not, a folder of them beside a
# "_SUCCESS" mark; or Spark's JSON Lines, "part-00000-<uuid>-c000.json". A walk passed over
# them ("directory holds no .jsonl or .ndjson files").
_SHARD_NAME = re.compile(r"part-(?:[mr]-)?\d{5}(?!\d)")


def _walked(name: str, suffixes: frozenset[str]) -> bool:
    """Whether a walk for ``suffixes`` reads the file ``name``: one so named, or a job's
    shard whose name says no format (read as its start says, or as told), or Spark's ``.json``
    shard in a walk for JSON Lines. Not in a walk for Parquet: a job writes its Parquet so
    named."""
    suffix = _inner_suffix(name)
    if suffix in suffixes:
        return True
    if not _SHARD_NAME.match(name) or suffixes <= PARQUET_SUFFIXES:
        return False
    return suffix == "" or (suffix == ".json" and ".jsonl" in suffixes)


def _dir_key(p: Path) -> tuple[int, int] | None:
    try:
        st = p.stat()
    except OSError:
        return None
    # a file system that numbers no folder (inode 0: FAT, exFAT, some network shares) would
    # make every folder look like the one visited first
    return (st.st_dev, st.st_ino) if st.st_ino else None


def _file_key(path: str) -> tuple[int, int] | str | None:
    """What the file ``path`` is, however it was reached: its device and inode, else (a file
    system that numbers no file: FAT, exFAT, some network shares) its real path; None when
    it cannot be looked at (its reader says why). ``-`` is what stdin is: the file or pipe
    ``/dev/stdin`` names too (``train - /dev/stdin < f`` read f twice)."""
    try:
        st = os.fstat(sys.stdin.fileno()) if path == "-" else os.stat(path)
    except (OSError, AttributeError, ValueError):  # (stdin closed, or replaced by no file)
        return None
    return (st.st_dev, st.st_ino) if st.st_ino else os.path.realpath(path)


def _suffix_list(suffixes: frozenset[str]) -> str:
    names = sorted(suffixes)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _unlisted(errors: list[OSError], where: str) -> Iterator[tuple[str, str]]:
    """``(path, reason)`` for each folder a directory walk could not list, taken from
    ``errors`` (``os.walk``'s ``onerror`` list) as they come."""
    while errors:
        exc = errors.pop(0)
        yield str(exc.filename or where), f"cannot list this folder: {_os_reason(exc)}"


def _os_reason(exc: OSError) -> str:
    """An operating-system error in a few lower-case words ("permission denied")."""
    return (exc.strerror or type(exc).__name__).lower()


def _missing_reason(p: Path) -> str:
    """Why a path that does not exist as far as ``Path.exists`` can tell cannot be read: a
    symbolic link to nothing or in a loop, a folder on the way that cannot be searched."""
    try:
        p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            return f"a symbolic link to {os.readlink(p)}, which does not exist"
        return "no such file or directory"
    except OSError as exc:
        return _os_reason(exc)
    return "no such file or directory"


def _is_stream(p: Path) -> bool:
    # Named pipes and process substitution (`<(...)`) are fine to read.
    try:
        mode = p.stat().st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


class CompressedError(OSError):
    """A compressed input this module cannot open; the message says what to do."""


def _stdin_buffer() -> IO[bytes]:
    """stdin's bytes; an ``OSError`` that says so when the process was started with it closed
    (``<&-``, some cron jobs and daemons: Python then sets ``sys.stdin`` to ``None``)."""
    stdin = sys.stdin
    if stdin is None:
        raise OSError(errno.EBADF, "stdin is closed")
    return cast("IO[bytes]", stdin.buffer)


def _is_stdin(f: object) -> bool:
    return f is getattr(sys.stdin, "buffer", None)


#: how often a wait for input stops to let Python run the handler of a signal that came
_WAKE_SECONDS = 0.1


class _WaitingReader(io.FileIO):
    """A descriptor read only once ``select`` says it has bytes, waited for
    :data:`_WAKE_SECONDS` at a time: for a terminal, a pipe or a device. Python runs a
    signal's handler between two steps of Python code, and a blocking read wakes for it only
    when the signal interrupts that read: a SIGTERM or Ctrl-C that landed just before the read
    began (or on another thread) was handled when input came, so a run waiting on an idle pipe
    ignored it for good (a test under load, fifty-eighth to sixtieth sessions; a named pipe or
    ``<(...)`` given by its path until the sixty-second). POSIX only: Windows' ``select``
    takes sockets only."""

    def _wait(self) -> None:
        while not select.select([self], [], [], _WAKE_SECONDS)[0]:
            pass  # the loop's jump back is where Python runs a pending handler

    def readinto(self, buffer: Any) -> int | None:
        self._wait()
        return super().readinto(buffer)

    def readall(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            self._wait()
            chunk = super().read(1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _open_path(path: str) -> IO[bytes]:
    """``path`` opened for reading; a pipe or a device (``<(zcat ...)``, a named pipe) read
    through :class:`_WaitingReader`, so a signal that comes while it is idle ends the run."""
    if os.name == "posix" and not stat.S_ISREG(os.stat(path).st_mode):
        return io.BufferedReader(_WaitingReader(path, "rb"), 1 << 16)
    return open(path, "rb")


def _open_binary(path: str) -> IO[bytes]:
    """The input's bytes, decompressed when its first bytes say gzip, bzip2, xz or zstd."""
    f: IO[bytes] = _stdin_buffer() if path == "-" else _open_path(path)
    head = f.peek(6)[:6] if hasattr(f, "peek") else b""
    for magic, module, _ in _MAGIC:
        if head.startswith(magic):
            # read from the bytes already open, not reopened by name: a named pipe or a
            # process substitution (`<(curl ...)`) reopened had lost what the peek read
            # ("damaged or truncated compressed data" for every gzip stream so given)
            return io.BufferedReader(_ClosingWith(module.open(f, "rb"), f), 1 << 16)
    if head.startswith(_ZSTD_MAGIC):
        try:
            make, error = _zstd_backend()
        except CompressedError:
            _close(f)
            raise
        return io.BufferedReader(_ZstdReader(f, make, error), 1 << 16)
    return f


_ZSTD_MISSING = (
    "zstd-compressed input: install the zstandard package (pip install 'spundetect[zstd]'), "
    "or decompress it first (zstd -dc FILE | spundetect ...)"
)


def _zstd_backend() -> tuple[Callable[[], Any], type[Exception]]:
    """A factory of incremental zstd decompressors and the error they raise: Python 3.14's
    ``compression.zstd``, else the ``zstandard`` package; :class:`CompressedError` without."""
    try:
        from compression import zstd  # type: ignore[import-not-found]  # Python 3.14+

        return zstd.ZstdDecompressor, zstd.ZstdError
    except ImportError:
        pass
    try:
        import zstandard
    except ImportError:
        raise CompressedError(_ZSTD_MISSING) from None
    return (lambda: zstandard.ZstdDecompressor().decompressobj()), zstandard.ZstdError


class _ClosingWith(io.RawIOBase):
    """``reader``'s bytes, closing ``f`` (the input it decompresses) when closed: the gzip,
    bz2 and lzma readers of an open file leave it open."""

    def __init__(self, reader: IO[bytes], f: IO[bytes]) -> None:
        super().__init__()
        self._reader, self._f = reader, f

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        # one piece at a time: a read that fills ``b`` across several pieces lost those it had
        # when a later one was damaged (a damaged archive kept nothing before the damage)
        data = self._reader.read1(len(b))  # type: ignore[attr-defined]
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            try:
                self._reader.close()
            finally:
                _close(self._f)
        super().close()


class _ZstdReader(io.RawIOBase):
    """The bytes of a zstd stream, frame after frame, decompressed a small piece at a time.

    Written on an incremental decompressor rather than a library's stream reader so that the
    two ways a file goes wrong are said, as gzip says them: damaged data is an ``OSError``,
    and a file cut short inside a frame an ``EOFError`` (a stream reader returns what it has
    and stops, and the rest of the file would be lost without a word). Compressed input is
    fed 4 KiB at a time, so one call cannot expand a crafted file beyond ~128 MiB.
    """

    CHUNK = 1 << 12

    def __init__(self, f: IO[bytes], make: Callable[[], Any], error: type[Exception]) -> None:
        super().__init__()
        self._f, self._make, self._error = f, make, error
        self._d = make()
        self._out, self._pos = b"", 0  # decompressed bytes, and how many of them were read
        self._in_frame = False  # bytes of the current frame were fed, and its end not seen

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while self._pos == len(self._out):
            if self._d.eof:  # a frame ended: what follows it starts the next one
                rest = self._d.unused_data
                self._d, self._in_frame = self._make(), False
                if rest:
                    self._feed(rest)
                    continue
            chunk = self._f.read(self.CHUNK)
            if not chunk:
                if self._in_frame:
                    raise EOFError("the zstd stream ends inside a frame (a truncated file)")
                return 0
            self._feed(chunk)
        n = min(len(b), len(self._out) - self._pos)
        b[:n] = self._out[self._pos : self._pos + n]
        self._pos += n
        return n

    def _feed(self, data: bytes) -> None:
        self._in_frame = True
        try:
            self._out, self._pos = self._d.decompress(data), 0
        except self._error as exc:
            raise OSError(f"damaged zstd data: {exc}") from None

    def close(self) -> None:
        if not self.closed:
            _close(self._f)
        super().close()


def _close(f: IO[bytes]) -> None:
    if not _is_stdin(f):
        f.close()


# JSON Lines start with an object whose first key is quoted: a prose text almost never does
_JSONL_START = re.compile(rb'\s*\{\s*"[^"\n]{1,200}"\s*:')


def sniff_stdin(text_field: str | None = None, *, encoding: str | None = None) -> str | None:
    """``"jsonl"`` when stdin (not a terminal) starts like JSON Lines, ``"warc"`` when it
    starts a WARC record, ``"csv"`` or ``"tsv"`` when its first line is a CSV or TSV header
    that names ``text_field`` among short column names (``id,text,url``: prose does not
    start so; the header read in ``encoding`` when one is told), else ``None``.

    Loses nothing: it looks at the start of stdin (decompressed when it is gzip, bzip2, xz
    or zstd; decoded when it is UTF-16 with a byte-order mark), so ``cat docs.jsonl |
    spundetect score`` is not scored as one long text by mistake. The caller says so on
    stderr. It reads until the first line that is not blank is whole, or 4 KiB of it, or the
    end of the input (a slow writer's first short write does not decide), and at most
    :data:`_SNIFF_LIMIT` bytes of a compressed stream (bzip2's and zstd's first block may be
    that large). When what stdin had buffered was not enough, ``sys.stdin`` is replaced by a
    stream that gives the bytes read again before the rest.
    """
    stdin = sys.stdin
    buf = cast("io.BufferedReader | None", getattr(stdin, "buffer", None))
    if buf is None or not hasattr(buf, "peek") or buf.isatty():
        return None
    start = _decompressed_start(buf.peek(1 << 16)[: 1 << 16])
    if start is None or not _sniffed_enough(start):
        read = b""
        while True:
            chunk = buf.read1(1 << 16)
            read += chunk
            final = not chunk or len(read) >= _SNIFF_LIMIT
            start = _decompressed_start(read, final=final)
            if start is not None and (final or _sniffed_enough(start)):
                break
        sys.stdin = io.TextIOWrapper(
            io.BufferedReader(_Replay(read, buf, stdin), 1 << 16),
            encoding=stdin.encoding,
            errors=stdin.errors,
        )
    return _kind_of(start, text_field, encoding)


def _kind_of(start: bytes, text_field: str | None, encoding: str | None) -> str | None:
    """What an input whose first bytes (decompressed) are ``start`` holds, when not prose:
    ``"warc"``, ``"jsonl"``, ``"csv"`` or ``"tsv"`` (:func:`sniff_stdin`); else ``None``."""
    if start.startswith(b"WARC/"):  # a crawl's archive: `zcat crawl.warc.gz | spundetect score`
        return "warc"
    if _JSONL_START.match(_utf8_view(start)):
        return "jsonl"
    return _header_naming(start, text_field, _told_codec(encoding)) if text_field else None


def _sniffed(
    f: IO[bytes], text_field: str | None, encoding: str | None
) -> tuple[str | None, IO[bytes]]:
    """What the opened input ``f`` holds (:func:`_kind_of` of its first line, or 4 KiB), and
    the stream to read it from, its start given again: read from ``f`` itself, so a named
    pipe or a process substitution loses nothing (a slow writer's first short write does not
    decide)."""
    start = f.peek(1 << 16)[: 1 << 16] if hasattr(f, "peek") else b""
    if not _sniffed_enough(start):
        start = b""
        read1 = f.read1  # type: ignore[attr-defined]  # (_open_binary's streams are buffered)
        while not _sniffed_enough(start) and (chunk := read1(1 << 16)):
            start += chunk
        f = io.BufferedReader(_Replay(start, f, closes=True), 1 << 16)
    return _kind_of(start, text_field, encoding), f


def sniff_file(
    path: str, text_field: str | None = None, *, encoding: str | None = None
) -> str | None:
    """What the file ``path`` holds by its start, as :func:`sniff_stdin` tells stdin's, for a
    caller that must know before it reads (``filter`` writes what it reads): ``"text"`` when
    it starts like none of them (prose, or a CSV that names no ``text_field`` column); ``None``
    for an empty file, for an input that cannot be opened or read (its reader says why), and
    for a pipe or a device, which can be read only once (:func:`read_records` tells those as
    it reads)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        f = _open_binary(path)
    except _READ_ERRORS:
        return None
    try:
        kind, f = _sniffed(f, text_field, encoding)
        if kind is None and f.peek(1 << 12)[: 1 << 12].strip():  # type: ignore[attr-defined]
            kind = "text"
    except _READ_ERRORS:
        return None
    finally:
        f.close()
    return kind


def folder_format(
    path: str, text_field: str | None = None, *, encoding: str | None = None
) -> str | None:
    """What the records in the folder ``path`` are, for a caller that reads them all one way
    (``filter``): JSON Lines when it holds any, else the format of the first file of records a
    walk meets, by its name, or for a job's shard whose name says none ("part-00000") by its
    start (:func:`sniff_file`; the first such shard only). ``None`` when it holds none."""
    first: str | None = None
    sniffed = False
    for name, error in _walk(Path(path), RECORD_FILES):
        if error is not None:
            continue
        suffix = _inner_suffix(name)
        kind = "tsv" if suffix == ".tsv" else _SUFFIX_FORMATS.get(suffix)
        if kind is None and not sniffed:  # a job's shard: its start says (the first only)
            sniffed = True
            kind = sniff_file(name, text_field, encoding=encoding)
        if kind == "jsonl":  # JSON Lines, what filter reads a folder as, wherever it is
            return kind  # (a labels.csv beside JSONL shards made the folder CSV)
        if first is None and kind in _ROW_FORMATS:
            first = kind
    return first


def _header_naming(start: bytes, text_field: str, codec: str | None = None) -> str | None:
    """``"tsv"`` or ``"csv"`` when the first line of ``start`` is a header (tab-separated, or
    else comma-separated) with ``text_field`` among two or more column names, each short and
    on one line; else ``None``. ``codec``: the encoding told, unless a byte-order mark says
    another."""
    # (a line ends at a lone carriage return too: Excel's "CSV (Macintosh)" on stdin was read
    # as one text; fifty-seventh session)
    first, *rest = _LINE_END.split(_utf8_view(start), maxsplit=1)
    newline = bool(rest)
    if start.startswith(_BOMS):
        codec = None
    try:
        if codec is None:
            line = first.decode("utf-8").rstrip("\r")
        else:
            line = str(charsets.incremental_decoder(codec).decode(first, True)).rstrip("\r")
        if "\t" in line:
            kind, names = "tsv", _header_names(line.split("\t"), tsv=True)
        else:
            kind, names = "csv", _header_names(next(csv.reader([line], strict=True), []), False)
    except (UnicodeDecodeError, csv.Error):
        return None
    if newline and len(names) >= 2 and text_field in names:
        return kind if all(0 < len(n) <= 64 for n in names) else None
    return None


# Sniffing reads stdin until the first line that is not blank is whole or this long (a JSON
# Lines record's first key is in it).
_SNIFF_TEXT = 4096


def _sniffed_enough(start: bytes) -> bool:
    view = _utf8_view(start).lstrip()
    return len(start) >= _SNIFF_TEXT or b"\n" in view or b"\r" in view


_LINE_END = re.compile(rb"\r\n|\r|\n")


# How much compressed stdin sniffing may read to see its first decompressed KiBs: a bzip2
# block (900 kB of text) compresses to some 250 kB, a zstd block holds at most 128 KiB.
_SNIFF_LIMIT = 1 << 20


def _decompressed_start(data: bytes, final: bool = False) -> bytes | None:
    """The first few KiB of ``data`` as written: itself, or what its start decompresses to
    when it is gzip, bzip2, xz or zstd (``b""`` when damaged, or zstd with no decompressor).
    ``None`` when compressed ``data`` gives too little to tell and more of the stream may
    help; never ``None`` when ``final``."""
    for magic, _, make in _MAGIC:
        if data.startswith(magic):
            d = make()
            try:
                out = d.decompress(data, 4096)
            except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
                return b""
            break
    else:
        if not data.startswith(_ZSTD_MAGIC):
            return data
        try:
            make, error = _zstd_backend()
        except CompressedError:
            return b""
        d, out = make(), b""
        try:
            for k in range(0, len(data), _ZstdReader.CHUNK):
                out += d.decompress(data[k : k + _ZstdReader.CHUNK])
                if len(out) >= 4096 or d.eof:
                    break
        except error:
            return b""
    return out if len(out) >= 4096 or d.eof or final else None


class _Replay(io.RawIOBase):
    """Bytes already read from a stream, then the rest of the stream. ``owner`` is the text
    stream ``rest`` came from, kept alive: collected, it would close ``rest``. ``closes``:
    closing it closes ``rest`` (a file opened to look at its start; not stdin)."""

    def __init__(
        self, head: bytes, rest: IO[bytes], owner: object = None, *, closes: bool = False
    ) -> None:
        super().__init__()
        self._head, self._rest, self._owner = memoryview(head), rest, owner
        self._closes = closes

    def close(self) -> None:
        if self._closes and not self.closed:
            _close(self._rest)
        super().close()

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = (
            self._rest.read1(len(b)) if hasattr(self._rest, "read1") else self._rest.read(len(b))
        )
        b[: len(chunk)] = chunk
        return len(chunk)


#: After the part of a document that is kept, the rest of it is read (and counted, for the
#: message) up to this many bytes more, so a writer into a pipe does not get SIGPIPE; an
#: endless one (``yes |``) is left there. A character device (``/dev/zero``) is not read on.
MAX_DRAIN_BYTES = 1 << 30


def _read_prefix(f: IO[bytes], limit: int, drain: bool = True) -> tuple[bytes, int, bool]:
    """Up to ``limit`` bytes; the size of the whole input, or of what was read of it; and
    whether that size is the whole input's (the rest is drained up to :data:`MAX_DRAIN_BYTES`,
    not kept; with ``drain`` False, not read)."""
    data = f.read(limit)
    size = len(data)
    if size < limit:
        return data, size, True
    budget = MAX_DRAIN_BYTES if drain else 0
    while budget > 0 and (chunk := f.read(min(1 << 20, budget))):
        size += len(chunk)
        budget -= len(chunk)
    return data, size, not f.read(1)


def _is_device(path: str) -> bool:
    """Whether ``path`` (``-``: stdin) is a character device: ``/dev/zero``, a terminal."""
    try:
        mode = os.fstat(_stdin_buffer().fileno()).st_mode if path == "-" else os.stat(path).st_mode
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False
    return stat.S_ISCHR(mode)


def read_document(
    path: str, fmt: str = "text", progress: ProgressFn | None = None, *, encoding: str | None = None
) -> Record:
    """Read one whole file (or stdin, ``-``) as one document; HTML is reduced to visible text.
    ``encoding`` (a label :func:`spundetect.charsets.input_codec` knows) reads text and HTML in
    that encoding, over what a page declares; a byte-order mark still wins."""
    return _read_document(path, fmt, progress, encoding)


def _read_document(
    path: str,
    fmt: str,
    progress: ProgressFn | None,
    encoding: str | None,
    held: IO[bytes] | None = None,
) -> Record:
    """:func:`read_document`, from ``held`` when the input was opened to look at its start."""
    codec = _told_codec(encoding)
    where = STDIN if path == "-" else path
    html = fmt == "html"
    # a zip archive or a PDF is read whole or not at all
    whole = Path(path).suffix.lower() in OFFICE_SUFFIXES | PDF_SUFFIXES
    try:
        f = held or _open_binary(path)
        try:
            limit = MAX_HTML_BYTES if html or whole else MAX_TEXT_BYTES
            # (a named file compressed is not a pipe to spare: not unpacked further, as a
            # 786-byte .bz2 of gigabytes took 12 s to count; fifty-seventh session)
            plain = isinstance(f, io.BufferedReader) and isinstance(f.raw, io.FileIO)
            drain = not _is_device(path) and (path == "-" or plain)
            data, size, known = _read_prefix(f, limit, drain=drain)
        finally:
            _close(f)
    except _READ_ERRORS as exc:
        return _bad(where, _read_error(exc))
    if progress is not None:
        progress(size)
    truncated = size > len(data) or not known
    left_out = None  # the pages of a PDF that could not be read
    guessed = None  # how an HTML page without a charset was read
    document = None  # a word-processor file's or a PDF's text
    try:
        if not truncated:
            document = office_text(data)
            if document is None and (pdf := read_pdf(data)) is not None:
                document, left_out = pdf.text, pdf.note
    except (OfficeError, PdfError) as exc:
        return _bad(where, str(exc))
    if document is not None:
        text = document
    elif truncated and data.startswith(PDF_MAGIC):  # a PDF is read whole or not at all
        return _bad(where, f"a PDF over {len(data) >> 20} MiB: not read (extract its text first)")
    elif (reason := not_text_reason(data)) is not None:
        if truncated and data.startswith(ZIP_MAGIC):
            reason = f"a zip archive over {len(data) >> 20} MiB: not read"
        return _bad(where, reason)
    else:
        try:
            if codec is not None and not data.startswith(_BOMS):
                text = _decode_told(data, codec, str(encoding), final=not truncated)
            elif html:
                text, guessed = decode_page(data, final=not truncated)
            else:
                text = decode_bytes(data, final=not truncated)
        except DecodeError as exc:
            return _bad(where, str(exc))
    if html and document is None:
        try:
            text = html_to_text(text)
        except Exception as exc:  # html.parser is lenient, but never let a page crash a run
            return _bad(where, f"could not parse the HTML ({exc})")
    reason = _check_text(text)
    if reason is not None:
        return _bad(where, reason)
    note = left_out
    if truncated:
        of = f"{size:,}" if known else f"more than {size:,}"
        note = f"only the first {len(data):,} of {of} bytes were read"
    if guessed is not None:
        note = guessed if note is None else f"{note}; {guessed}"
    return Record(id=where, where=where, text=text, note=note)


# ---------------------------------------------------------------- structured rows
@dataclass(frozen=True, slots=True)
class _Fields:
    text: str
    id: str | None
    label: str | None
    group: str | None
    generator: str | None = None
    source: str | None = None
    html: bool = False  # the text field holds HTML: read its visible text
    encoding: str | None = None  # the input's encoding as told (``--encoding``)
    #: the fields named by a path into an object (``meta.url``), found once
    nested: tuple[str, ...] = field(init=False, default=())
    #: the codec of ``encoding``; None for UTF-8
    codec: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "nested", tuple(n for n in self.names if "." in n))
        object.__setattr__(self, "codec", _told_codec(self.encoding))

    @property
    def encoding_name(self) -> str:
        """The input's encoding as messages name it."""
        return self.encoding if self.encoding is not None and self.codec else "UTF-8"

    @property
    def names(self) -> tuple[str, ...]:
        """The fields asked for, in this order: text, id, label, group, generator, source."""
        chosen = (self.text, self.id, self.label, self.group, self.generator, self.source)
        return tuple(n for n in chosen if n is not None)


_MISSING = object()


def _at_path(row: dict[str, Any], name: str) -> Any:
    """The value at the dotted path ``name`` into ``row``'s objects (``meta.url``), or
    ``_MISSING``."""
    value: Any = row
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


_KINDS = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    Decimal: "a number",  # an integer of more than 4,300 digits (see _jsonl_record)
    str: "a string",
    list: "a list",
    dict: "an object",
}


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, _NotJson):
        return f"{value.literal} (which is not JSON)"
    return _KINDS.get(type(value), type(value).__name__)


def _optional(row: dict[str, Any], name: str | None) -> str | None:
    """An optional column as a string (a number or object as its JSON), None when absent or empty."""
    if name is None:
        return None
    value = row.get(name)
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None  # (NaN: pandas' missing value, as train() reads it)
    if isinstance(value, Decimal):  # an integer of more than 4,300 digits
        return str(value)
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _row_record(row: dict[str, Any], where: str, f: _Fields) -> Record:
    """Turn one JSONL object / CSV row into a record, checking the fields we need. A field
    named by a path (``meta.url``) is read into ``row`` under its name; a key that holds the
    dots itself is read first."""
    for name in f.nested:
        if name not in row and (value := _at_path(row, name)) is not _MISSING:
            row[name] = value
    if f.text not in row:
        keys = ", ".join(map(str, list(row)[:8])) or "none"
        return _bad(where, f'no "{f.text}" field (fields: {keys}); choose one with --text-field')
    text = row[f.text]
    if not isinstance(text, str):
        return _bad(where, f'"{f.text}" is {_kind(text)}, not a string')
    if f.html:
        try:
            text = html_to_text(text)
        except Exception as exc:  # html.parser is lenient, but never let a row crash a run
            return _bad(where, f'could not parse the HTML in "{f.text}" ({exc})')
    reason = _check_text(text)
    if reason is not None:
        return _bad(where, reason)
    label: str | None = None
    if f.label is not None:
        value = row.get(f.label)
        if f.label not in row:
            return _bad(where, f'no "{f.label}" field; choose the label column with --label-field')
        if value is None or (isinstance(value, str) and not value.strip()):
            return _bad(where, f'"{f.label}" is empty')
        if not isinstance(value, str):
            return _bad(where, f'"{f.label}" is {_kind(value)}, not a string')
        label = label_as_written(value)
    try:
        group = _optional(row, f.group)
        generator = _optional(row, f.generator)
        source = _optional(row, f.source)
    except RecursionError:  # json.dumps of a value nested nearly as deep as json.loads reads
        return _bad(where, "malformed JSON (nested too deeply)")
    # a spreadsheet pads its cells ("g7 "): one family must be one group, or its rows fall
    # on both sides of the held-out split
    if group is not None:
        group = group.strip() or None
    if generator is not None:
        generator = generator.strip() or None
    if source is not None:
        source = source.strip() or None
    rid = where
    if f.id is not None:
        value = row.get(f.id)
        if (
            isinstance(value, (str, int, float, Decimal))
            and not isinstance(value, bool)
            and value != ""
        ):
            rid = str(value)
    return Record(
        id=rid,
        where=where,
        text=text,
        label=label,
        group=group,
        generator=generator,
        source=source,
    )


#: A JSONL line is read up to this size; a longer one is skipped and said (one bad line must
#: not cost the run its memory, and a "JSONL" input with no line end would never end).
MAX_LINE_BYTES = 64 << 20


def _jsonl_records(
    f: IO[bytes], name: str, fields: _Fields, progress: ProgressFn | None
) -> Iterator[Record]:
    readline = f.readline
    lineno = 0
    found = False  # a record or a bad line was yielded: else the input holds none, and says so
    try:
        while raw := readline(MAX_LINE_BYTES):
            lineno += 1
            if progress is not None:
                progress(len(raw))
            where = f"{name}:{lineno}"
            if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
                _skip_line(f, progress, raw)
                found = True
                why = f"line longer than {_size(MAX_LINE_BYTES)}: skipped"
                yield _bad(where, why + (_CR_HINT if b"\r" in raw else ""))
                continue
            if raw.startswith(codecs.BOM_UTF8):  # also on a later line: `cat a.jsonl b.jsonl`
                raw = raw[3:]
            if not raw.strip():
                continue
            line = raw.rstrip(b"\r\n")
            rec = _jsonl_record(line, where, fields)
            found = True
            yield dataclasses.replace(rec, raw=line)
    except _READ_ERRORS as exc:
        # the records before the damage were yielded already: only the rest is lost
        yield _bad(name, _cut_short(exc, lineno))
        return
    if not found:
        yield _bad(name, "no records (" + ("empty" if not lineno else "only blank lines") + ")")


def _size(n: int) -> str:
    return f"{n >> 20} MiB" if n % (1 << 20) == 0 else f"{n:,} bytes"


#: The most bytes of one overlong line read on to find its end: past it, or when the line is
#: binary (NUL bytes), the rest of the file is not read. ``/dev/zero`` given as JSON Lines, or
#: a small .bz2 that unpacks to gigabytes of one line, was read until interrupted.
MAX_SKIP_BYTES = 1 << 30


class _StoppedReading(OSError):
    """The rest of a file is not read (an endless or binary line); the message says why."""


def _skip_line(f: IO[bytes], progress: ProgressFn | None, first: bytes = b"") -> None:
    """Read the rest of an overlong line and its line end, a bounded piece at a time.
    ``first``: the line's first piece, already read. Raises :class:`_StoppedReading` when the
    line is binary or runs on past :data:`MAX_SKIP_BYTES`."""
    if binary_bytes(first):
        raise _StoppedReading("binary data (NUL bytes) in a line longer than any record")
    skipped = len(first)
    while chunk := f.readline(1 << 20):
        if progress is not None:
            progress(len(chunk))
        if chunk.endswith(b"\n"):
            return
        skipped += len(chunk)
        if skipped > MAX_SKIP_BYTES:
            raise _StoppedReading(f"a line longer than {MAX_SKIP_BYTES >> 30} GiB")


def _cut_short(exc: BaseException, lines: int) -> str:
    after = f" after line {lines:,}" if lines else ""
    if isinstance(exc, _StoppedReading):
        return f"line {lines:,}: {exc}: the rest of the input was not read"
    return f"read error{after}, the rest of the input was skipped ({_read_error(exc)})"


_CR_HINT = (
    "; its lines end in a carriage return alone (an old Mac export): "
    "convert them to line feeds first (tr '\\r' '\\n')"
)


class _NotJson(float):
    """``NaN``, ``Infinity`` or ``-Infinity`` in a JSON line: Python's ``json`` reads them
    (and writes them), JSON has no such value. Read as a float, so a field nobody uses costs
    its record nothing; a text, label or line that is one is named as what it is."""

    @property
    def literal(self) -> str:
        if self != self:
            return "NaN"
        return "Infinity" if self > 0 else "-Infinity"


# ``json.loads`` as is, but NaN and Infinity marked (see _NotJson); and with integers of any
# length, for the rare line that needs it: CPython refuses to convert more than 4,300 digits
# to an int (a ValueError), and such lines occur in crawls (hashes and ids written as numbers)
_JSON = json.JSONDecoder(parse_constant=_NotJson)
_JSON_LONG_INTS = json.JSONDecoder(parse_constant=_NotJson, parse_int=Decimal)


def _jsonl_record(raw: bytes, where: str, fields: _Fields) -> Record:
    """One non-blank JSONL line as a record (an error record when it cannot be used)."""
    if b"\x00" in raw:
        return _bad(where, "binary data (NUL bytes), not a JSON line")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start
        if b"\xed\xa0" <= raw[at : at + 2] <= b"\xed\xbf":  # a surrogate's code point
            return _bad(where, f"a lone surrogate at column {at + 1} (damaged UTF-16 or UTF-8)")
        return _bad(where, f"not {fields.encoding_name} (byte 0x{raw[at]:02x} at column {at + 1})")
    try:
        obj = _JSON.decode(line)
    except json.JSONDecodeError as exc:
        word = "" if exc.msg.endswith(" at") else " at"  # "Unterminated string starting at"
        hint = _CR_HINT if exc.msg == "Extra data" and "\r" in line else ""
        return _bad(where, f"malformed JSON ({exc.msg}{word} column {exc.colno}){hint}")
    except RecursionError:
        return _bad(where, "malformed JSON (nested too deeply)")
    except ValueError:  # an integer of more than 4,300 digits (sys.get_int_max_str_digits)
        try:
            obj = _JSON_LONG_INTS.decode(line)
        except (ValueError, RecursionError) as exc:
            return _bad(where, f"malformed JSON ({exc})")
    if not isinstance(obj, dict):
        return _bad(where, f"expected a JSON object, got {_kind(obj)}")
    return _row_record(obj, where, fields)


def _decoded_lines(f: IO[bytes], progress: ProgressFn | None, too_long: list[int]) -> Iterator[str]:
    """The lines of ``f`` as text. Undecodable bytes become lone surrogates: the row holding
    them is reported, not the file. A line over :data:`MAX_LINE_BYTES` is skipped (read on
    to its end a piece at a time), given as an empty line, and its number put in
    ``too_long``, so that memory stays bounded and the row it belongs to is reported."""
    readline = f.readline
    lineno = 0
    while raw := readline(MAX_LINE_BYTES):
        lineno += 1
        if progress is not None:
            progress(len(raw))
        if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
            _skip_line(f, progress, raw)
            too_long.append(lineno)
            yield "\n"
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        line = raw.decode("utf-8", "surrogateescape")
        if "\r" in line and _LONE_CR.search(line):
            # a carriage return alone ends a line too (Excel's "CSV (Macintosh)", a row
            # pasted from one): such a file was one malformed row (fifty-sixth session)
            start = 0
            for m in _LONE_CR.finditer(line):
                yield line[start : m.end()]
                start = m.end()
            if start < len(line):
                yield line[start:]
            continue
        yield line


_LONE_CR = re.compile("\r(?!\n)")


def _has_surrogates(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# A whole TSV field written with CSV quoting (Excel's and pandas' tab-separated exports quote a
# field that holds a quote): its quotes are doubled inside, and it is read unquoted.
_QUOTED_FIELD = re.compile(r'"((?:[^"]|"")*)"')


def _tsv_field(value: str) -> str:
    m = _QUOTED_FIELD.fullmatch(value)
    return value if m is None else m.group(1).replace('""', '"')


class _RowTooLong(Exception):
    """A CSV row ran over :data:`MAX_LINE_BYTES` (a quoted field that never closes)."""


# Python 3.10's csv module refuses a line holding a NUL ("line contains NUL"), which 3.11
# reads: a row with a broken extraction's stray NUL was malformed there, and a quoted text over
# several lines lost its row (recovery could even read one of its lines as a row). There a NUL
# goes to the reader as a noncharacter no text holds, and comes back in the row's fields.
_NUL_STAND_IN = "\ufdd0" if sys.version_info < (3, 11) else ""


class _Lines:
    """The decoded lines of a CSV input, counted, with the last one given again on request
    (:meth:`again`): where a bad row ran on into the start of the next. A row (from
    :meth:`new_row`) longer than :data:`MAX_LINE_BYTES` characters raises
    :class:`_RowTooLong` through the reader, so that a quote opened and never closed does
    not gather the rest of a large file into memory. A NUL goes to the reader as
    :data:`_NUL_STAND_IN` where the reader refuses it (:meth:`fields` puts it back)."""

    def __init__(self, f: IO[bytes], progress: ProgressFn | None) -> None:
        self.too_long: list[int] = []  # lines over MAX_LINE_BYTES, given as empty lines
        self._lines = _decoded_lines(f, progress, self.too_long)
        self.n = 0  # lines given so far
        self.last = ""
        self._again: str | None = None
        self._row_chars = 0
        self._row: list[str] = []  # the lines of the row being read
        self.stood_in = False  # whether a NUL went to the reader as _NUL_STAND_IN

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._again is None:
            self.last = next(self._lines)
        else:
            self.last, self._again = self._again, None
        self.n += 1
        self._row_chars += len(self.last)
        if self._row_chars > MAX_LINE_BYTES:
            raise _RowTooLong
        self._row.append(self.last)
        if _NUL_STAND_IN and "\x00" in self.last:
            self.stood_in = True
            return self.last.replace("\x00", _NUL_STAND_IN)
        return self.last

    def fields(self, row: list[str]) -> list[str]:
        """``row`` as the reader gave it, with the NULs it was given as stand-ins."""
        if not self.stood_in:
            return row
        return [v.replace(_NUL_STAND_IN, "\x00") for v in row]

    def new_row(self) -> int:
        """Start counting a row's length and gathering its lines; the number of its first
        line."""
        self._row_chars = 0
        self._row.clear()
        return self.n + 1

    def row_raw(self) -> bytes:
        """The row's lines as read, undecodable bytes and line ends as they were."""
        return "".join(self._row).encode("utf-8", "surrogateescape")

    def skip_runaway_field(self, width: int) -> None:
        """After a row ran over the cap inside a quoted field: skip the lines up to the one
        holding the next quote, where the field would have closed. That line is given again
        when it starts a row of its own (as a bad row's next line is: :func:`_csv_error`)."""
        for line in self._lines:
            self.n += 1
            self.last = line
            if '"' in line:
                if _starts_a_row(line, width):
                    self.again()
                return

    def skipped_lines(self, name: str) -> Iterator[Record]:
        """A record for each line skipped as too long since the last call."""
        while self.too_long:
            k = self.too_long.pop(0)
            yield _bad(f"{name}:{k}", f"line longer than {_size(MAX_LINE_BYTES)}: skipped")

    def too_long_within(self, end: int) -> str:
        """``; line K longer than ...`` for the lines up to ``end`` skipped as too long (taken
        off the list): said in the report of the bad row that held them, so that a line is
        reported once."""
        cut = [k for k in self.too_long if k <= end]
        if not cut:
            return ""
        self.too_long[:] = [k for k in self.too_long if k > end]  # the reader's list, in place
        which = f"line {cut[0]}" if len(cut) == 1 else f"lines {', '.join(map(str, cut))}"
        return f"; {which} longer than {_size(MAX_LINE_BYTES)}"

    def again(self) -> None:
        self._again = self.last
        self.n -= 1
        if self._row:
            self._row.pop()


def _starts_a_row(line: str, width: int) -> bool:
    """Whether a CSV line, read on its own, looks like the start of a row: ``width`` fields,
    or a quoted field that runs on past it."""
    try:
        row = next(csv.reader([line], strict=True), [])
    except csv.Error as exc:
        return "end of data" in str(exc)
    return len(row) == width


def _csv_records(
    f: IO[bytes],
    name: str,
    fields: _Fields,
    tsv: bool,
    progress: ProgressFn | None,
    on_header: HeaderFn | None = None,
    bom: bytes = b"",
) -> Iterator[Record]:
    lines = _Lines(f, progress)
    reader = _csv_reader(lines, tsv)
    lines.new_row()
    try:
        header = next(reader)
    except StopIteration:
        yield _bad(name, "no records (empty)")
        return
    except csv.Error as exc:
        yield _bad(f"{name}:1", f"malformed CSV header ({exc})")
        return
    except _RowTooLong:
        yield _bad(f"{name}:1", f"a header row longer than {_size(MAX_LINE_BYTES)}")
        return
    if lines.too_long:
        yield _bad(f"{name}:1", f"a header line longer than {_size(MAX_LINE_BYTES)}")
        return
    header = lines.fields(header)
    if _has_surrogates("".join(header)):
        yield _bad(f"{name}:1", f"not {fields.encoding_name} (in the header row)")
        return
    header = _header_names(header, tsv)
    if on_header is not None:
        raw = lines.row_raw()
        if not raw.endswith((b"\n", b"\r")):  # a header and nothing after it
            raw += b"\n"
        on_header(name, tuple(header), bom + raw, tsv)
    cols = ", ".join(header[:8]) or "none"
    if fields.text not in header:
        hint = "choose one with --text-field" + _near(fields.text, header)
        yield _bad(f"{name}:1", f'no "{fields.text}" column (columns: {cols}); {hint}')
        return
    if fields.label is not None and fields.label not in header:
        # said once for the file (it was said for each row, the columns never named)
        hint = "choose the label column with --label-field" + _near(fields.label, header)
        yield _bad(f"{name}:1", f'no "{fields.label}" column (columns: {cols}); {hint}')
        return
    for used in dict.fromkeys(
        (fields.text, fields.id, fields.label, fields.group, fields.generator, fields.source)
    ):
        at = [i + 1 for i, h in enumerate(header) if h == used]
        if len(at) > 1:
            places = ", ".join(map(str, at))
            yield _bad(f"{name}:1", f'the header names "{used}" more than once (columns {places})')
            return
    if fields.id not in (None, "id") and fields.id not in header:
        # said once: the rows are still read, each with its place as its id
        yield _bad(f"{name}:1", f'no "{fields.id}" column (columns: {cols}); the ids are file:line')
    found = False
    hinted = False  # whether a row not in UTF-8 was told of --encoding
    while True:
        start = lines.new_row()
        try:
            row = next(reader)
        except StopIteration:
            yield from lines.skipped_lines(name)
            break
        except _READ_ERRORS as exc:
            yield from lines.skipped_lines(name)
            yield _bad(name, _cut_short(exc, lines.n))
            return
        except csv.Error as exc:
            found = True
            bad = _bad(*_csv_error(exc, name, start, lines, len(header)))
            yield dataclasses.replace(bad, raw=lines.row_raw())  # its lines, for --rejected
            yield from lines.skipped_lines(name)
            continue
        except _RowTooLong:
            found = True
            lines.skip_runaway_field(len(header))
            cut = lines.too_long_within(lines.n)
            yield _bad(
                f"{name}:{start}-{lines.n}",
                f"a row longer than {_size(MAX_LINE_BYTES)} (a quoted field that runs on){cut}: "
                f"lines {start}-{lines.n} skipped",
            )
            continue
        row = lines.fields(row)
        where = f"{name}:{start}"
        if lines.too_long:  # the row was only that line, or lost it
            found = True
            if start < lines.n and any(v.strip() for v in row):
                cut = ", ".join(map(str, lines.too_long))
                lines.too_long.clear()
                yield _bad(
                    f"{name}:{start}-{lines.n}",
                    f"line {cut} longer than {_size(MAX_LINE_BYTES)}: lines {start}-{lines.n} "
                    "skipped",
                )
            else:
                yield from lines.skipped_lines(name)
            continue
        # a blank line is no row; a one-column file's empty or blank field ('""', '"  "') is
        # a row, told by its quotes or its spaces (it vanished: neither kept nor rejected)
        if not row or (len(row) == 1 and not row[0].strip() and not lines.row_raw().strip()):
            continue
        found = True
        raw = lines.row_raw()
        if len(row) > len(header):
            bad = _bad(where, f"{len(row)} fields but the header has {len(header)}")
            yield dataclasses.replace(bad, raw=raw)
            continue
        if any(_has_surrogates(v) for v in row):
            why = f"not {fields.encoding_name} text in this row"
            if not hinted and fields.codec is None:  # once a file: Excel's "CSV" is not UTF-8
                why += f"; {_OTHER_ENCODING_HINT}"
                hinted = True
            yield dataclasses.replace(_bad(where, why), raw=raw)
            continue
        if tsv:
            row = [_tsv_field(v) for v in row]
        # a row short of the text's column: said as such (a CSV row was told its text
        # column is missing and to choose another with --text-field)
        if len(row) < len(header) and fields.text not in header[: len(row)]:
            n = f"{len(row)} field" + ("s" if len(row) > 1 else "")
            why = f"{n} but the header has {len(header)}"
            if tsv:
                why += " (a .tsv is read one row a line, without quoting: a text cannot run over lines)"
            yield dataclasses.replace(_bad(where, why), raw=raw)
            continue
        rec = _row_record(dict(zip(header, row, strict=False)), where, fields)
        yield dataclasses.replace(rec, raw=raw)
    if not found:
        yield _bad(name, "no records (a header and no rows)")


def _csv_reader(lines: _Lines, tsv: bool) -> Any:
    _raise_csv_limit()
    if tsv:
        # TSV is one row a line, as paste, spreadsheets and most NLP data sets write it: a
        # quote is part of the text (with CSV quoting, a text that opens with a quote swallowed
        # the rows after it, up to one that ends with a quote, without a word)
        return csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    # strict: a quote that never closes, or text after a closing quote, is an error to
    # report, not a field silently swallowing the rest of the file.
    return csv.reader(lines, strict=True)


#: Said with a file's first row that is not UTF-8 (60 of 87 rows of an Excel export were each
#: "not UTF-8 text in this row", and a model was trained on the other 27).
_OTHER_ENCODING_HINT = (
    "if the file is in another encoding, name it with --encoding (Excel saves CSV in windows-1252)"
)


def _near(wanted: str, header: Sequence[str]) -> str:
    """`` (did you mean 'Label'?)`` when a column of ``header`` is ``wanted`` but for case or
    the spaces around it, else ``""``."""
    key = wanted.strip().casefold()
    near = next((h for h in header if h.strip().casefold() == key and h != wanted), None)
    return f" (did you mean {near!r}?)" if near is not None else ""


def _header_names(header: list[str], tsv: bool) -> list[str]:
    return [_tsv_field(h).strip() if tsv else h.strip() for h in header]


def csv_header(
    path: str, *, tsv: bool = False, encoding: str | None = None
) -> tuple[tuple[str, ...], bytes] | None:
    """The header row of a CSV or TSV file (``tsv``, or by its ``.tsv`` name), as
    :func:`read_records` gives it to ``on_header`` (``encoding`` as there); ``None`` when there
    is none to read (the reader says why when it reads the file)."""
    found: list[tuple[tuple[str, ...], bytes]] = []
    # any text field: the header is given before it is checked
    fields = _Fields("text", None, None, None, encoding=encoding)
    records = _structured(
        path,
        "tsv" if tsv else "csv",
        fields,
        None,
        lambda _, names, raw, tsv: found.append((names, raw)),
    )
    for _ in records:  # the header is read before the first record (or the reason for none)
        break
    records.close()
    return found[0] if found else None


def _csv_error(exc: csv.Error, name: str, start: int, lines: _Lines, width: int) -> tuple[str, str]:
    """Where a malformed CSV row is and what went wrong, naming every line it cost.

    The reader starts afresh on the next line, so a bad row costs only its own lines. A
    quote that does not close on its row runs on over the line ends until the next quote:
    when the line where that went wrong starts a row of its own, it is read again as one
    (one row lost, not two, and the next row is not read from the middle of a text)."""
    end = lines.n
    if "end of data" in str(exc):
        hint = "; a quoted field opened here never closes"
    elif end > start and _starts_a_row(lines.last, width):
        lines.again()
        end -= 1
        hint = f"; a quoted field runs on to line {end + 1}, which starts the next row"
    elif end > start:
        hint = "; a quoted field runs over the line ends"
    else:
        hint = ""
    hint += lines.too_long_within(end)  # said here, not again on its own
    if end > start:
        return f"{name}:{start}-{end}", f"malformed CSV ({exc}){hint}: lines {start}-{end} skipped"
    return f"{name}:{start}", f"malformed CSV ({exc}){hint}"


_CSV_LIMIT_SET = False


def _raise_csv_limit() -> None:
    # The csv module refuses fields over 128 KiB by default; whole articles can be longer.
    global _CSV_LIMIT_SET
    if not _CSV_LIMIT_SET:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        _CSV_LIMIT_SET = True


def _opened(path: str, held: IO[bytes] | None = None) -> Generator[Record, None, IO[bytes] | None]:
    """The input opened (:func:`_open_binary`; ``held`` when it was, to look at its start),
    or, when it cannot be, its error yielded as a record and ``None`` returned: a reader's
    first line is ``f = yield from _opened(path, held)``."""
    if held is not None:
        return held
    try:
        return _open_binary(path)
    except _READ_ERRORS as exc:
        yield _bad(STDIN if path == "-" else path, _read_error(exc))
        return None


def _structured(
    path: str,
    fmt: str,
    fields: _Fields,
    progress: ProgressFn | None,
    on_header: HeaderFn | None = None,
    held: IO[bytes] | None = None,
) -> Generator[Record, None, None]:
    name = STDIN if path == "-" else path
    f = yield from _opened(path, held)
    if f is None:
        return
    try:
        head = f.peek(4096)[:4096] if hasattr(f, "peek") else b""
        reason = _not_rows(head, fmt == "jsonl" and _inner_suffix(path) == ".json")
        if reason is not None:
            yield _bad(name, reason)
            return
        lines: IO[bytes] = f
        if head.startswith(_UTF16_BOMS):
            lines = io.BufferedReader(_Transcoded(f), 1 << 16)
        elif fields.codec is not None and not head.startswith(codecs.BOM_UTF8):
            # another encoding, told (--encoding): read as UTF-8, its undecodable bytes kept
            # as they were, so that the row holding them is reported
            decoder = charsets.incremental_decoder(fields.codec, "surrogateescape")
            lines = io.BufferedReader(_Transcoded(f, decoder, fields.encoding_name), 1 << 16)
        if fmt == "jsonl":
            yield from _jsonl_records(lines, name, fields, progress)
        else:
            tsv = fmt == "tsv" or _inner_suffix(path) == ".tsv"
            # a byte-order mark is written again before the header (as UTF-8's: a spreadsheet
            # reads UTF-8 without one as its own code page)
            bom = codecs.BOM_UTF8 if head.startswith((codecs.BOM_UTF8, *_UTF16_BOMS)) else b""
            yield from _csv_records(lines, name, fields, tsv, progress, on_header, bom)
    except _READ_ERRORS as exc:
        yield _bad(name, _cut_short(exc, 0))
    finally:
        _close(f)


def _parquet_records(path: str, fields: _Fields, progress: ProgressFn | None) -> Iterator[Record]:
    """The rows of a Parquet file as records. What no row could pass (no text column, a text
    or label column of numbers) is said once for the file, not once a row."""
    if path == "-":
        why = "Parquet is read from a file, not from stdin (its index is at its end): save it"
        yield _bad(STDIN, why + " and give its path")
        return
    if Path(path).suffix.lower() in COMPRESSED_SUFFIXES:
        why = "a compressed Parquet file: decompress it first (Parquet compresses its own pages)"
        yield _bad(path, why)
        return
    try:
        pf = open_parquet(path)
    except ParquetError as exc:
        yield _bad(path, str(exc))
        return
    columns = ", ".join(pf.columns[:12]) + (", ..." if len(pf.columns) > 12 else "")
    for column, option, kinds in (
        (fields.text, "--text-field", ("a string", "bytes")),
        (fields.label, "--label-field", ("a string",)),
    ):
        if column is None:
            continue
        kind = pf.kind(column)
        if kind is None:
            why = f'no "{column}" column (columns: {columns or "none"}); choose one with {option}'
            yield _bad(path, why)
            return
        if kind not in kinds and column not in pf.class_labels:
            why = f'column "{column}" holds {kind}, not text; choose one with {option}'
            yield _bad(path, why)
            return
    if not pf.num_rows:
        yield _bad(path, "no records (no rows)")
        return
    try:
        for index, row in pf.rows(fields.names, progress):
            if isinstance(row, ParquetError):  # a damaged row group: the next is read
                yield _bad(path, str(row))
                continue
            where = f"{path}[{index}]"
            for name in fields.nested:  # the text's path is read before its bytes are decoded
                if name not in row and (found := _at_path(row, name)) is not _MISSING:
                    row[name] = found
            value = row.get(fields.text)
            if isinstance(value, bytes):  # a column of bytes: decoded as a text file is
                try:
                    row[fields.text] = decode_bytes(value)
                except DecodeError as exc:
                    yield dataclasses.replace(_bad(where, f'"{fields.text}": {exc}'), row=index)
                    continue
            yield dataclasses.replace(_row_record(row, where, fields), row=index)
    except ParquetError as exc:
        yield _bad(path, str(exc))


def _warc_records(
    path: str, progress: ProgressFn | None, held: IO[bytes] | None = None
) -> Iterator[Record]:
    """The documents of a WARC file (or stdin) as records, ``path[i]`` for its record ``i``
    (every record counted, from 0), each with its URI as its id. A WARC that holds no
    document is said, with what it holds."""
    name = STDIN if path == "-" else path
    f = yield from _opened(path, held)
    if f is None:
        return
    found = False
    skipped: dict[str, int] = {}
    try:
        for item in read_warc(f, progress):
            if isinstance(item, WarcSkipped):
                skipped[item.what] = skipped.get(item.what, 0) + 1
                continue
            found = True
            where = (
                name if isinstance(item, WarcProblem) and item.between else f"{name}[{item.index}]"
            )
            if isinstance(item, WarcProblem):
                yield _bad(where, item.reason + (f" ({item.uri})" if item.uri else ""))
                continue
            yield _warc_document(item, where)
    except _READ_ERRORS as exc:
        yield _bad(name, _read_error(exc))
        return
    finally:
        _close(f)
    if not found:
        kinds = ", ".join(f"{n} {what}" for what, n in sorted(skipped.items(), key=lambda x: -x[1]))
        yield _bad(name, f"no documents to judge (records: {kinds or 'none'})")


def _warc_document(item: WarcDocument, where: str) -> Record:
    """One WARC document's text: a page's visible text, a text's own, a PDF's running text."""
    rid = item.uri or where
    if item.kind == "pdf":
        try:
            pdf = read_pdf(item.payload)
        except PdfError as exc:
            return dataclasses.replace(_bad(where, str(exc)), id=rid)
        if pdf is None:
            return dataclasses.replace(_bad(where, "not a PDF, though served as one"), id=rid)
        text, note = pdf.text, pdf.note
    else:
        html = item.kind == "html"
        try:
            text, note = _decode_served(item.payload, item.charset, html)
            if html:
                text = html_to_text(text)
        except DecodeError as exc:
            return dataclasses.replace(_bad(where, str(exc)), id=rid)
        except Exception as exc:  # html.parser is lenient, but never let a page crash a run
            return dataclasses.replace(_bad(where, f"could not parse the HTML ({exc})"), id=rid)
    reason = _check_text(text)
    if reason is not None:
        return dataclasses.replace(_bad(where, reason), id=rid)
    if item.truncated is not None:
        cut = f"the archive holds only the start of the page (WARC-Truncated: {item.truncated})"
        note = cut if note is None else f"{cut}; {note}"
    return Record(id=rid, where=where, text=text, note=note)


def _decode_served(data: bytes, charset: str | None, html: bool) -> tuple[str, str | None]:
    """A payload decoded as a browser decodes it: a byte-order mark first, then the charset
    its HTTP header declares, then (HTML) the page's own ``<meta>``, else UTF-8, else (HTML
    declaring none) Windows-1252; and the note :func:`decode_page` gives."""
    if charset is not None and not data.startswith((codecs.BOM_UTF8, *_UTF16_BOMS)):
        codec = charsets.codec_for(charset)
        if codec == charsets.REFUSED:
            raise DecodeError(f"charset {charset!r} served with the page: browsers refuse it")
        if codec is not None and not binary_bytes(data[:65536]):
            with contextlib.suppress(UnicodeError):  # not that charset after all: as below
                return charsets.decode(data, codec), None
            if html:  # served as one charset and not it: no guess on top of that
                return decode_bytes(data, html=True), None
    return decode_page(data) if html else (decode_bytes(data), None)


def _not_rows(head: bytes, json_suffix: bool) -> str | None:
    """Why an input whose first bytes are ``head`` cannot be read as rows at all, else None.
    ``json_suffix``: it is named ``.json`` (JSON Lines, as ``Dataset.to_json`` writes them,
    or one JSON document, which is said)."""
    if head.startswith(_UTF32_BOMS):
        return _UTF32
    if not head.startswith(_UTF16_BOMS) and _utf16_without_bom(head):
        return _UTF16_WITHOUT_BOM
    if not head.startswith(_UTF16_BOMS) and _utf32_without_bom(head):
        return _UTF32_WITHOUT_BOM
    if json_suffix:
        start = _utf8_view(head).lstrip()
        hint = "; convert it to JSON Lines, one object a line, first"
        if start.startswith(b"["):
            return f"a JSON array, not JSON Lines{hint} (jq -c '.[]' FILE > FILE.jsonl)"
        first, newline, _ = start.partition(b"\n")
        if first.strip() == b"{" and newline:
            return f"one JSON document over many lines, not JSON Lines{hint}"
    return None


def _utf8_view(head: bytes) -> bytes:
    """The first bytes of an input as UTF-8, to look at: without a byte-order mark, UTF-16
    decoded (undecodable bytes replaced)."""
    if head.startswith(_UTF16_BOMS) and not head.startswith(_UTF32_BOMS):
        text = codecs.getincrementaldecoder("utf-16")("replace").decode(head)
        return text.encode("utf-8", "replace")
    return head.removeprefix(codecs.BOM_UTF8)


class _Transcoded(io.RawIOBase):
    """The bytes of ``f``, UTF-16 text that starts with its byte-order mark (what Windows
    PowerShell's ``>`` and Excel's "Unicode text" write), as UTF-8, which the JSONL and CSV
    readers take. Lines end at "\\n" only, as in UTF-8 input (a JSON string may hold a raw
    U+2028). A lone surrogate passes through as bytes that are not UTF-8, so the reader
    reports its line and goes on, as with damaged UTF-8. An odd byte at the end is a read
    error; when the text before it does not end a line, the error is raised on the read
    after that text's end, so that its last line is still read.

    Given a ``decoder`` (an input's encoding, told), the same for that encoding: its
    undecodable bytes (decoded as surrogate escapes) pass through as they were."""

    def __init__(self, f: IO[bytes], decoder: Any = None, encoding: str = "UTF-16") -> None:
        super().__init__()
        self._f = f
        # UTF-16's lone surrogates pass as code points; another encoding's undecodable bytes
        # as the surrogate escapes its decoder made of them, written back as those bytes
        self._errors = "surrogatepass" if decoder is None else "surrogateescape"
        if decoder is None:
            decoder = codecs.getincrementaldecoder("utf-16")("surrogatepass")
        self._encoding = encoding
        self._decoder = decoder
        self._out, self._pos = b"", 0
        self._error: OSError | None = None
        self._done = False
        self._ended_line = True  # what was given so far ends with a line end (or is nothing)

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while self._pos == len(self._out):
            if self._error is not None:
                error, self._error = self._error, None
                raise error
            if self._done:
                return 0
            chunk = self._f.read(1 << 16)
            try:
                text = self._decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                error = OSError(f"not valid {self._encoding} text ({exc.reason})")
                self._done = True
                if self._ended_line:
                    raise error from None
                self._error = error
                return 0  # the end of the last line; the error comes on the next read
            self._done = not chunk
            self._out, self._pos = text.encode("utf-8", self._errors), 0
            if self._out:
                self._ended_line = self._out.endswith(b"\n")
        n = min(len(b), len(self._out) - self._pos)
        b[:n] = self._out[self._pos : self._pos + n]
        self._pos += n
        return n


def _read_error(exc: BaseException) -> str:
    if isinstance(exc, CompressedError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile)):
        return f"damaged or truncated compressed data: {exc}"
    return str(exc)


def walked_suffixes(input_format: str | None) -> frozenset[str]:
    """The files :func:`read_records` picks up in a folder given with ``input_format``: its
    documents, or its JSONL or CSV files when told (``csv``: ``.csv`` and ``.tsv``; ``tsv``:
    ``.tsv``, a file named otherwise being read as TSV when it is named)."""
    if input_format == "tsv":
        return frozenset({".tsv"})
    if input_format in _ROW_FORMATS:
        # not .json: a folder's .json files are as often its metadata (dataset_info.json)
        return frozenset(
            k for k, v in _SUFFIX_FORMATS.items() if v == input_format and k != ".json"
        )
    return DIRECTORY_SUFFIXES


def read_records(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] = ("-",),
    *,
    input_format: str | None = None,
    text_field: str = "text",
    id_field: str | None = "id",
    label_field: str | None = None,
    group_field: str | None = None,
    generator_field: str | None = None,
    source_field: str | None = None,
    progress: ProgressFn | None = None,
    stdin_format: str = "text",
    html_field: bool = False,
    on_header: HeaderFn | None = None,
    encoding: str | None = None,
    walk: frozenset[str] | None = None,
    on_sniffed: Callable[[str, str], None] | None = None,
    on_repeat: Callable[[str, str], None] | None = None,
) -> Iterator[Record]:
    """Yield the documents of ``paths`` (one path, or several) lazily, in order, bad ones as
    error records.

    ``input_format`` overrides the format implied by each file's extension
    (stdin is ``stdin_format`` unless told). ``label_field`` makes the label required
    (training/evaluation data); ``group_field``, ``generator_field`` and
    ``source_field`` are optional per row.
    ``progress`` is called with the number of bytes consumed as reading goes.
    ``html_field``: the JSONL/CSV text field holds HTML (a crawl's raw pages, a feed's
    escaped items), read as its visible text with entities decoded, as ``html`` files are.
    ``input_format="tsv"`` reads tab-separated rows, one a line, whatever the files are
    named (a ``.tsv`` file is read so under ``csv`` and by its name too); ``stdin_format`` may
    be ``tsv`` as well. ``on_header`` is called with each CSV or TSV input's name, its
    column names, its header line as read, line end included, and whether it is TSV, before
    its rows (``spundetect filter`` writes it before the rows it keeps): in UTF-8, after
    UTF-8's byte-order mark when the input starts
    with one or with UTF-16's. ``encoding`` reads text, HTML, JSONL and CSV input in that
    encoding (a label browsers know: :func:`spundetect.charsets.input_codec`; ``ValueError``
    for another) instead of UTF-8, a byte-order mark still winning; rows come out as UTF-8
    (``raw`` too). Parquet, WARC, PDF and office files carry their own. ``walk``: the file
    suffixes a folder walk picks up, instead of :func:`walked_suffixes` of ``input_format``
    (each file then read as its name says). A file whose name says no format the readers
    know (no suffix: a shard's ``part-00000``, a process substitution's ``/dev/fd/63``) is
    read as its start says, as stdin is (:func:`sniff_stdin`: JSON Lines, a WARC, CSV or
    TSV with a ``text_field`` column), else as text; ``on_sniffed`` is called with its name
    and the format so found. With ``on_repeat``, a file reached again (named twice, found
    in a folder and named too, in two folders named, or through a link) is read once, and
    ``on_repeat`` called with the name it was reached by again and the name it was read by.
    """
    if input_format is not None and input_format not in INPUT_FORMATS:
        choices = ", ".join(INPUT_FORMATS)
        raise ValueError(f"unknown input format {input_format!r}; choose from {choices}")
    fields = _Fields(
        text_field,
        id_field,
        label_field,
        group_field,
        generator_field,
        source_field,
        html_field,
        encoding,
    )
    # one path is one path, not the characters of its name
    named = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    names = [os.fspath(p) for p in named] or ["-"]
    first: dict[tuple[int, int] | str, str] = {}  # each file read, by what it is: its name
    for path, error in iter_paths(names, walk or walked_suffixes(input_format)):
        if error is not None:
            yield _bad(path, error)
            continue
        if on_repeat is not None and (key := _file_key(path)) is not None:
            if key in first:
                on_repeat(path, first[key])
                continue
            first[key] = path
        fmt = input_format or (stdin_format if path == "-" else format_for(path))
        held = None  # the input opened to look at its start
        if input_format is None and path != "-" and _inner_suffix(path) not in READABLE_SUFFIXES:
            # a name that does not say (a shard's "part-00000", "<(zcat docs.jsonl.gz)"): its
            # start does, as stdin's does (read as one text, such a JSONL file was one verdict)
            held = yield from _opened(path)
            if held is None:
                continue
            try:
                kind, held = _sniffed(held, text_field, encoding)
            except _READ_ERRORS as exc:  # a compressed start cut short ("part-00000.gz")
                _close(held)
                yield _bad(path, _read_error(exc))
                continue
            if kind is not None:
                fmt = kind
                if on_sniffed is not None:
                    on_sniffed(path, kind)
        if fmt in ("jsonl", "csv", "tsv"):
            yield from _structured(path, fmt, fields, progress, on_header, held)
        elif fmt == "parquet":
            yield from _parquet_records(path, fields, progress)
        elif fmt == "warc" and label_field is None:
            yield from _warc_records(path, progress, held)
        elif fmt == "warc":
            if held is not None:
                _close(held)
            why = "a labelled data set must be JSONL, CSV or Parquet (one document per row)"
            yield _bad(STDIN if path == "-" else path, why)
        else:
            documents: Iterator[Record] | None = None
            if input_format is None and (held is not None or path == "-"):
                held = yield from _opened(path, held)
                if held is None:
                    continue
                try:
                    documents = _archive_documents(path, held, encoding)
                except _READ_ERRORS as exc:  # a compressed start cut short ("pages.tgz")
                    _close(held)
                    yield _bad(STDIN if path == "-" else path, _read_error(exc))
                    continue
            if documents is None:
                documents = iter((_read_document(path, fmt, progress, encoding, held),))
            for rec in documents:
                if rec.ok and label_field is not None:
                    why = "a labelled data set must be JSONL, CSV or Parquet (one document per row)"
                    rec = _bad(rec.where, why)
                yield rec


# ---------------------------------------------------------------- archives
# A zip or tar archive of documents (a class's essays sent as one zip, a WebDataset shard, a
# tarball of pages) is read member by member, each as a file of a folder is: those a folder's
# walk reads (.txt, .md, .html, .docx, .odt, .pdf), in the archive's order, each named
# "archive.zip/member.txt", each read up to the size a file is (so a member that unpacks to
# gigabytes costs no more). Hidden members and macOS's "__MACOSX/" copies are passed over, and
# so are archives inside it. Read as one text, an archive was "binary file (NUL bytes), not
# text" or "unpack it first" (sixty-second session). A zip is read from a file (its index is
# at its end); a tar, compressed or not, from a pipe too.
_TAR_MAGIC = b"ustar"
_TAR_MAGIC_AT = 257
#: A zip whose index holds more entries is not read (the index is read whole into memory).
ZIP_MAX_ENTRIES = 200_000
#: A tar stops when more than this is passed over, unread (other files, the rest of a document
#: over the size a file is read to): what is passed over is unpacked all the same.
TAR_MAX_PASSED = 4 << 30


def _archive_start(f: IO[bytes]) -> str | None:
    """``"tar"`` or ``"zip"`` by the first bytes of ``f`` (opened, decompressed; peeked, not
    read), else None."""
    head = f.peek(_TAR_MAGIC_AT + 8)[: _TAR_MAGIC_AT + 8] if hasattr(f, "peek") else b""
    if head[_TAR_MAGIC_AT : _TAR_MAGIC_AT + len(_TAR_MAGIC)] == _TAR_MAGIC:
        return "tar"
    return "zip" if head.startswith(ZIP_MAGIC) else None


def _a_document(z: zipfile.ZipFile) -> bool:
    """Whether the zip ``z`` is a word-processor document (one document, no archive)."""
    return not BODY_PARTS.keys().isdisjoint(z.namelist())


def _archive_documents(path: str, f: IO[bytes], encoding: str | None) -> Iterator[Record] | None:
    """The documents of the archive ``f`` (``path`` opened, decompressed), or ``None`` when it
    is no archive (a word-processor file is a zip, and is no archive)."""
    kind = _archive_start(f)
    if kind == "tar":
        return _tar_documents(path, f, encoding)
    if kind == "zip" and path != "-" and os.path.isfile(path):
        entries = _zip_entries(path)
        if entries > ZIP_MAX_ENTRIES:  # its index is read whole: 1,000,000 entries took 572 MB
            _close(f)
            why = (
                f"a zip archive of {entries:,} entries (over {ZIP_MAX_ENTRIES:,}): unpack it first"
            )
            return iter((_bad(path, why),))
        try:
            z = zipfile.ZipFile(path)
        except Exception as exc:  # zipfile raises many kinds on a damaged index (a name's bytes)
            _close(f)
            return iter((_bad(path, f"a damaged zip archive ({_reason(exc)})"),))
        if _a_document(z):
            z.close()
            return None
        _close(f)
        return _zip_documents(path, z, encoding)
    return None


def archive_kind(path: str) -> str | None:
    """``"zip"`` or ``"tar"`` when the file ``path`` is an archive of documents (compressed
    or not; a word-processor file is a zip, and is none), else ``None``: for a command that
    takes one document (``compare``, which called a ``.zip`` "not a .docx" and a ``.tgz``
    "binary file")."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a pipe can be read only once: its reader tells (it was read empty)
        f = _open_binary(path)
    except _READ_ERRORS:
        return None  # (its reader says why)
    try:
        kind = _archive_start(f)
    except _READ_ERRORS:
        kind = None
    finally:
        _close(f)
    if kind == "zip":
        try:
            with zipfile.ZipFile(path) as z:
                return None if _a_document(z) else "zip"
        except Exception:  # a damaged index: its reader says why
            return None
    return kind


def _zip_entries(path: str) -> int:
    """How many entries a zip's index says it holds (its end record, read alone); 0 when it
    cannot say (the reader says why)."""
    try:
        with open(path, "rb") as f:
            end = zipfile._EndRecData(f)  # type: ignore[attr-defined]
        return int(end[zipfile._ECD_ENTRIES_TOTAL]) if end else 0  # type: ignore[attr-defined]
    except Exception:  # a private helper of zipfile's: whatever it raises, the reader says
        return 0


def _member(name: str) -> bool:
    """Whether an archive's member ``name`` is read: a document, not hidden, not a copy."""
    parts = name.replace("\\", "/").split("/")
    return Path(name).suffix.lower() in DIRECTORY_SUFFIXES and not any(
        (p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" for p in parts
    )


def _no_dot(name: str) -> str:
    while name.startswith("./"):  # as `tar -C dir .` names them
        name = name[2:]
    return name


def _zip_documents(path: str, z: zipfile.ZipFile, encoding: str | None) -> Iterator[Record]:
    found = False
    with z:
        for info in z.infolist():
            if not info.filename or info.is_dir() or not _member(info.filename):
                continue
            found = True
            where = f"{path}/{_no_dot(info.filename)}"
            try:  # zipfile raises many kinds on a damaged member: "Bad CRC-32" at its end,
                # an encrypted one, a compression method or version it lacks, a name that
                # is not the index's
                member = z.open(info)
                rec = _read_document(where, format_for(info.filename), None, encoding, member)
            except Exception as exc:
                rec = _bad(where, f"cannot be read from the zip archive ({_reason(exc)})")
            yield rec
    if not found:
        yield _bad(path, f"a zip archive that holds no {_suffix_list(DIRECTORY_SUFFIXES)} files")


class _EndSeen(tarfile.TarInfo):
    """A tar member's header that keeps, on the archive, why no further member was read:
    ``tarfile`` ends the same way at the two zero blocks that close an archive, at the
    end of the data (a tar cut at a member's boundary) and at an unreadable header, and says
    nothing of which it was."""

    @classmethod
    def fromtarfile(cls, tar: Any) -> Any:
        try:
            return super().fromtarfile(tar)
        except Exception as exc:
            tar.spundetect_end = exc
            raise


def _tar_end(tar: tarfile.TarFile) -> str | None:
    """What went wrong where ``tar`` ended, or None when it ended at the end marker tars
    close with."""
    end = getattr(tar, "spundetect_end", None)
    kind = type(end).__name__  # (tarfile's header errors are not in its public names)
    if end is None or kind == "EOFHeaderError":
        return None
    if kind in ("EmptyHeaderError", "TruncatedHeaderError"):
        return "a tar archive that ends without its end marker: cut short, what followed is lost"
    return f"a damaged tar archive (the header at byte {tar.offset:,}: {end}): the rest not read"


def _tar_documents(path: str, f: IO[bytes], encoding: str | None) -> Iterator[Record]:
    name = STDIN if path == "-" else path
    found = False
    try:
        passed = 0  # what its headers say was passed over unread, all unpacked all the same
        with tarfile.open(fileobj=f, mode="r|", tarinfo=_EndSeen) as tar:
            while (info := tar.next()) is not None:
                wanted = info.isfile() and _member(info.name)
                passed += max(0, info.size - (MAX_HTML_BYTES if wanted else 0))
                if passed > TAR_MAX_PASSED:  # 9.7 KB of bzip2 claiming 1 TiB took 54 s a GiB
                    why = f"over {TAR_MAX_PASSED >> 30} GiB of it passed over: the rest not read"
                    yield _bad(name, f"a tar archive {why}")
                    return
                tar.members.clear()  # type: ignore[attr-defined]  # (else it keeps each header)
                if not wanted:
                    continue
                member = tar.extractfile(info)
                if member is None:
                    continue
                found = True
                where = f"{name}/{_no_dot(info.name)}"
                yield _read_document(where, format_for(info.name), None, encoding, member)
            if (end := _tar_end(tar)) is not None:
                yield _bad(name, end)
                return
    except Exception as exc:  # tarfile raises many kinds on damaged headers (a pax field's)
        why = _read_error(exc) if isinstance(exc, _READ_ERRORS) else _reason(exc)
        yield _bad(name, f"a damaged or cut-short tar archive ({why}): the rest not read")
        return
    finally:
        _close(f)
    if not found:
        yield _bad(name, f"a tar archive that holds no {_suffix_list(DIRECTORY_SUFFIXES)} files")


def input_size(paths: Sequence[str]) -> int | None:
    """Total bytes of the named regular files, or None when unknown (stdin, directories)."""
    total = 0
    for arg in paths:
        if arg == "-":
            return None
        p = Path(arg)
        try:
            if not p.is_file() or p.suffix.lower() in COMPRESSED_SUFFIXES:
                return None  # a compressed file's size says nothing of what it holds
            total += p.stat().st_size
        except OSError:
            return None
    return total
