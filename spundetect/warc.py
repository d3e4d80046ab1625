"""The records of a WARC file (a web crawl's archive) and the documents they hold.

Why: teams that filter web text for training language models start from a crawl: Common
Crawl's WARC files (each page's HTTP response) or its WET files (each page's extracted text,
as ``conversion`` records), or WARCs their own crawler (wget, Heritrix, browsertrix) wrote.
Reading them here, one record at a time, saves extracting every page to a file first.

What is read (ISO 28500, WARC 1.0 and 1.1): records in order, a gzip member each or not (the
reader of :mod:`spundetect.io` decompresses). The documents are

* a ``response`` whose HTTP status is 2xx and whose payload is HTML, XHTML, plain text or
  Markdown (a PDF is read as :mod:`spundetect.pdf` reads one), or has no type and starts as
  one of those does (:func:`_sniffed`); the body is unchunked and a gzip or deflate
  ``Content-Encoding`` undone, up to :data:`MAX_CONTENT` bytes;
* a ``resource`` or ``conversion`` record of those types (WET's extracted text).

A record the crawler cut short (``WARC-Truncated``; Common Crawl keeps a page's first MiB)
is read as far as it goes, and says so. Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``, a redirect, an image)
is not a document and is counted, not read (:class:`WarcSkipped`). A record that cannot be read
(a header block that is not WARC, a ``Content-Length`` that is no number or runs past the end,
content over :data:`MAX_CONTENT`) is a :class:`WarcProblem` saying why, and the reader finds
the next record's first line and goes on.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

__all__ = [
    "MAX_CONTENT",
    "WARC_SUFFIXES",
    "WarcDocument",
    "WarcProblem",
    "WarcSkipped",
    "read_warc",
]

#: File name endings read as WARC (Common Crawl's ``.warc.gz``, and its ``.warc.wet.gz``).
WARC_SUFFIXES: frozenset[str] = frozenset({".warc", ".wet"})

#: The most content read from one record, and unpacked from one gzip-encoded body, as for an
#: HTML file; a larger record is skipped and said.
MAX_CONTENT = 64 << 20

# a header line, and a record's whole header block, are read up to these sizes
_MAX_LINE = 64 << 10
_MAX_HEADERS = 1 << 20

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")
# A body served with no Content-Type is read by what it starts with, as a browser sniffs one
# (servers leave the header out; such pages were skipped unsaid: fifty-sixth session)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<!--", b"<meta")
_SNIFF_BYTES = 1024
_PDF_TYPES = ("application/pdf",)


@dataclass(frozen=True, slots=True)
class WarcDocument:
    """A record that holds a document: its index in the file (from 0, every record counted),
    its URI, and the payload with what it is (``html``, ``text`` or ``pdf``) and the charset
    its HTTP header declares (``None`` when it declares none)."""

    index: int
    uri: str | None
    kind: str
    payload: bytes
    charset: str | None = None
    #: why the crawler kept only part of the content (``WARC-Truncated``: ``length``, ``time``)
    truncated: str | None = None


@dataclass(frozen=True, slots=True)
class WarcProblem:
    """A record that could not be read, or (``between``) bytes between records that are not
    one; ``index`` is the record's (or the next record's) index."""

    index: int
    uri: str | None
    reason: str
    between: bool = False


@dataclass(frozen=True, slots=True)
class WarcSkipped:
    """A record that holds no document to judge, and what it is (``request``, ``response
    302``, ``response image/jpeg``)."""

    index: int
    what: str


WarcItem = WarcDocument | WarcProblem | WarcSkipped


def read_warc(f: IO[bytes], progress: Callable[[int], None] | None = None) -> Iterator[WarcItem]:
    """The records of the WARC stream ``f``, in order. ``progress`` is given the bytes read."""
    index = 0
    pending: bytes | None = None  # a record's first line found while looking for one
    while True:
        line = pending if pending is not None else f.readline(_MAX_LINE)
        pending = None
        if not line:
            return
        if progress is not None:
            progress(len(line))
        if not line.strip():
            continue  # the blank lines that end a record, or stray ones between records
        if not line.startswith(b"WARC/"):
            skipped, pending = _skip_to_record(f, len(line), progress)
            why = f"{skipped:,} bytes that are not a WARC record skipped"
            if pending is None and skipped > MAX_SKIP:
                why += f"; no record in the next {MAX_SKIP >> 30} GiB: the rest was not read"
                yield WarcProblem(index, None, why, True)
                return
            yield WarcProblem(index, None, why + ("" if pending else ", to the end"), True)
            continue
        headers, problem = _headers(f, progress)
        uri = headers.get("warc-target-uri")
        if uri is not None:  # WARC 1.0 as wget writes it: "<http://...>"
            uri = uri.removeprefix("<").removesuffix(">") or None
        if problem is not None:
            yield WarcProblem(index, uri, problem)
            return
        value = headers.get("content-length", "")
        length = int(value) if value.isascii() and value.isdigit() else -1  # not "²", "1_0"
        if length < 0:  # where it ends is unknown: read on to the next record's first line
            skipped, pending = _skip_to_record(f, 0, progress)
            if pending is None and skipped > MAX_SKIP:
                yield WarcProblem(
                    index,
                    uri,
                    f"no Content-Length, and no record in the next "
                    f"{MAX_SKIP >> 30} GiB: the rest was not read",
                )
                return
            why = "no Content-Length, or not a number: skipped to the next record"
            yield WarcProblem(
                index, uri, why if pending else why.replace("the next record", "the end")
            )
            index += 1
            continue
        if length > MAX_CONTENT:
            got = _discard(f, length, progress)
            yield WarcProblem(index, uri, f"content of {length:,} bytes, over 64 MiB: skipped")
            if got < length:
                return
            index += 1
            continue
        content = f.read(length)
        if progress is not None:
            progress(len(content))
        if len(content) < length:
            yield WarcProblem(
                index, uri, f"cut short: {len(content):,} of {length:,} bytes of content"
            )
            return
        item = _document(index, uri, headers, content)
        if isinstance(item, WarcDocument) and headers.get("warc-truncated"):
            item = dataclasses.replace(item, truncated=headers["warc-truncated"])
        yield item
        index += 1


#: The most bytes read on in search of the next record: past it, the rest of the file is
#: not read (``/dev/zero`` read as WARC was read until interrupted; fifty-seventh session).
MAX_SKIP = 1 << 30


def _skip_to_record(
    f: IO[bytes], skipped: int, progress: Callable[[int], None] | None
) -> tuple[int, bytes | None]:
    """Read up to the next line that starts a record; (bytes skipped, that line or None: the
    end, or :data:`MAX_SKIP` bytes read without finding one)."""
    while skipped <= MAX_SKIP:
        line = f.readline(_MAX_LINE)
        if not line:
            return skipped, None
        if line.startswith(b"WARC/"):
            return skipped, line
        skipped += len(line)
        if progress is not None:
            progress(len(line))
    return skipped, None


def _headers(
    f: IO[bytes], progress: Callable[[int], None] | None
) -> tuple[dict[str, str], str | None]:
    """A header block read up to its blank line: names lower-cased, a folded line joined."""
    headers: dict[str, str] = {}
    size = 0
    last = None
    while True:
        line = f.readline(_MAX_LINE)
        if progress is not None:
            progress(len(line))
        size += len(line)
        if not line:
            return headers, "cut short in its headers"
        if size > _MAX_HEADERS:
            return headers, "headers longer than 1 MiB: not read further"
        if not line.strip():
            return headers, None
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if text[:1] in (" ", "\t") and last is not None:  # a folded line goes on the last
            headers[last] += " " + text.strip()
            continue
        name, sep, value = text.partition(":")
        if sep:
            last = name.strip().lower()
            headers[last] = value.strip()


def _discard(f: IO[bytes], n: int, progress: Callable[[int], None] | None) -> int:
    got = 0
    while got < n:
        chunk = f.read(min(n - got, 1 << 20))
        if not chunk:
            break
        got += len(chunk)
        if progress is not None:
            progress(len(chunk))
    return got


def _media_type(value: str) -> tuple[str, str | None]:
    """``text/html; charset=ISO-8859-1`` -> ("text/html", "ISO-8859-1")."""
    kind, *params = value.split(";")
    charset = None
    for p in params:
        name, _, v = p.partition("=")
        if name.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return kind.strip().lower(), charset


def _kind(media: str) -> str | None:
    if media in _HTML_TYPES:
        return "html"
    if media in _TEXT_TYPES:
        return "text"
    if media in _PDF_TYPES:
        return "pdf"
    return None


def _sniffed(body: bytes) -> str | None:
    """What a body served with no type is by its first bytes: HTML, a PDF, plain text (no
    NUL byte, no control characters but white space), or nothing to read (``None``)."""
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n\x0c")
    if not head:
        return None
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.lower().startswith(_HTML_STARTS):
        return "html"
    controls = sum(b < 0x20 and b not in b"\t\n\r\x0c" for b in head)
    return "text" if not controls else None


def _document(index: int, uri: str | None, headers: dict[str, str], content: bytes) -> WarcItem:
    """What one record holds: a document, nothing to judge, or why it cannot be read."""
    warc_type = headers.get("warc-type", "").lower()
    media, charset = _media_type(headers.get("content-type", ""))
    if warc_type == "resource" and not (uri or "").lower().startswith(("http:", "https:")):
        return WarcSkipped(index, "resource of a crawler's own")  # wget's log, its arguments
    if warc_type in ("resource", "conversion"):
        kind = _kind(media)
        if kind is None:
            return WarcSkipped(index, f"{warc_type} {media or 'of no type'}")
        return WarcDocument(index, uri, kind, content, charset)
    if warc_type != "response":
        return WarcSkipped(index, warc_type or "a record of no type")
    if not media and content[:5].upper() == b"HTTP/":
        media = "application/http"  # a record whose own Content-Type was left out
    if not media.startswith("application/http"):
        kind = _kind(media)  # a response stored without its HTTP headers (rare)
        if kind is None:
            return WarcSkipped(index, f"response {media or 'of no type'}")
        return WarcDocument(index, uri, kind, content, charset)
    status, http, body = _http(content)
    if status is None:
        return WarcProblem(index, uri, "a response whose HTTP status line cannot be read")
    if not 200 <= status < 300:
        return WarcSkipped(index, f"response {status}")
    media, charset = _media_type(http.get("content-type", ""))
    kind = _kind(media)
    if kind is None and media:
        return WarcSkipped(index, f"response {media}")
    if "chunked" in http.get("transfer-encoding", "").lower():
        body = _unchunked(body)
    encoding = http.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        unpacked = _decoded(body, encoding)
        if isinstance(unpacked, str):
            return WarcProblem(index, uri, unpacked)
        body = unpacked
    if kind is None:  # served with no type: read by what it starts with
        kind = _sniffed(body)
        if kind is None:
            return WarcSkipped(index, "response of no type")
    return WarcDocument(index, uri, kind, body, charset)


def _http(content: bytes) -> tuple[int | None, dict[str, str], bytes]:
    """An HTTP response's status, headers (names lower-cased) and body."""
    head, sep, body = content.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = content.partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    if not lines:
        return None, {}, b""
    parts = lines[0].split()
    if (
        len(parts) < 2
        or not parts[0].upper().startswith("HTTP/")
        or not (parts[1].isascii() and parts[1].isdigit())  # str.isdigit takes "²", int not
    ):
        return None, {}, b""
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return int(parts[1]), headers, body


def _unchunked(body: bytes) -> bytes:
    """A chunked body's data; the body as it is when it is not chunked after all (crawlers
    often store it unchunked and keep the header)."""
    out: list[bytes] = []
    pos = 0
    while True:
        end = body.find(b"\r\n", pos)
        if end < 0:
            return body
        size_field = body[pos:end].split(b";")[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError:
            return body
        if size == 0:
            return b"".join(out)
        start = end + 2
        if start + size > len(body):
            return body
        out.append(body[start : start + size])
        pos = start + size + 2


def _decoded(body: bytes, encoding: str) -> bytes | str:
    """A body with its ``Content-Encoding`` undone, up to :data:`MAX_CONTENT`; or why not."""
    if encoding in ("gzip", "x-gzip"):
        wbits = 47  # gzip or zlib, by the header
    elif encoding == "deflate":
        wbits = 15 if body[:1] == b"\x78" else -15  # zlib-wrapped, or raw as some servers send
    else:
        return f"a body encoded as {encoding!r}, which is not read"
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(body, MAX_CONTENT + 1)
    except zlib.error as exc:
        if body[:2] != b"\x1f\x8b" and body[:1] != b"\x78":
            return body  # stored unpacked with the header kept, as many crawlers store it
        return f"a {encoding} body that cannot be unpacked ({exc})"
    if len(out) > MAX_CONTENT:
        return f"a {encoding} body that unpacks to more than 64 MiB: skipped"
    if not d.eof and not out:
        return f"a {encoding} body that cannot be unpacked (it is cut short)"
    return out  # a body cut short by the crawler (WARC-Truncated) gives what it holds
