"""WARC input (``spundetect.warc`` and its use in ``spundetect.io``): the pages a crawl's
archive holds read as documents named by their URL, everything else counted and left, and a
damaged record said while the next one is read. The archives are written byte by byte here."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest
from pdf_files import column, pdf

from spundetect.io import read_records

PAGE = (
    "The ferry to the island ran late again on Monday because of strong winds, and the "
    "harbour master said the timetable would be checked before the summer season begins."
)


def record(warc_type: str, content: bytes, uri: str | None = None, **headers: str) -> bytes:
    """One WARC record, as a crawler writes it."""
    lines = ["WARC/1.0", f"WARC-Type: {warc_type}", "WARC-Date: 2026-12-06T18:00:00Z"]
    if uri is not None:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(content)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + content + b"\r\n\r\n"


def response(uri: str, body: bytes, status: str = "200 OK", **http: str) -> bytes:
    """A ``response`` record holding an HTTP response."""
    head = [f"HTTP/1.1 {status}"] + [f"{k.replace('_', '-')}: {v}" for k, v in http.items()]
    content = ("\r\n".join(head) + "\r\n\r\n").encode() + body
    return record("response", content, uri, Content_Type="application/http; msgtype=response")


def html(text: str) -> str:
    return f"<html><body><nav>Home | News</nav><p>{text}</p><footer>(c)</footer></body></html>"


def write(tmp_path: Path, name: str, *records: bytes, gzipped: bool = True) -> Path:
    """An archive of ``records``, each its own gzip member as crawlers write them."""
    path = tmp_path / name
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if gzipped else b"".join(records))
    return path


def test_pages_are_read_as_documents_named_by_their_url(tmp_path: Path) -> None:
    latin = html(PAGE + " Café.").encode("latin-1")
    chunked = (
        b"".join(
            b"%x\r\n" % len(c) + c + b"\r\n"
            for c in (html(PAGE).encode()[:40], html(PAGE).encode()[40:])
        )
        + b"0\r\n\r\n"
    )
    path = write(
        tmp_path,
        "crawl.warc.gz",
        record("warcinfo", b"software: test\r\n"),
        record("request", b"GET / HTTP/1.1\r\n\r\n", "http://a.example/"),
        response("<http://a.example/>", html(PAGE).encode(), Content_Type="text/html"),
        response(
            "http://a.example/latin",
            latin,
            Content_Type="text/html; charset=ISO-8859-1",
        ),
        response(
            "http://a.example/gz",
            gzip.compress(html(PAGE).encode()),
            Content_Type="text/html; charset=utf-8",
            Content_Encoding="gzip",
        ),
        response(
            "http://a.example/chunked",
            chunked,
            Content_Type="text/html",
            Transfer_Encoding="chunked",
        ),
        response(
            "http://a.example/deflate",
            zlib.compress(PAGE.encode()),
            Content_Type="text/plain",
            Content_Encoding="deflate",
        ),
        response(
            "http://a.example/essay.pdf",
            pdf([column([[PAGE]])]),
            Content_Type="application/pdf",
        ),
    )
    recs = list(read_records([str(path)]))
    assert [r.error for r in recs] == [None] * 6
    assert [r.id for r in recs] == [
        "http://a.example/",  # WARC 1.0 as wget writes it, "<...>"
        "http://a.example/latin",
        "http://a.example/gz",
        "http://a.example/chunked",
        "http://a.example/deflate",
        "http://a.example/essay.pdf",
    ]
    assert [r.where for r in recs] == [f"{path}[{i}]" for i in (2, 3, 4, 5, 6, 7)]
    assert recs[0].text == PAGE  # the page's prose, not its menu or footer
    assert recs[1].text == PAGE + " Café."  # the charset the HTTP header declares
    assert recs[2].text == recs[3].text == recs[4].text == PAGE
    assert recs[5].text is not None and recs[5].text.strip() == PAGE


def test_wet_text_and_uncompressed_archives_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "crawl.warc.wet",
        record("warcinfo", b"software: test\r\n"),
        record("conversion", PAGE.encode(), "http://b.example/1", Content_Type="text/plain"),
        record(
            "conversion",
            "Zweiter Text über das Meer.".encode(),
            "http://b.example/2",
            Content_Type="text/plain",
        ),
        gzipped=False,
    )
    recs = list(read_records([str(path)]))
    assert [(r.id, r.text) for r in recs] == [
        ("http://b.example/1", PAGE),
        ("http://b.example/2", "Zweiter Text über das Meer."),
    ]


def test_records_that_hold_no_page_are_left_and_a_warc_of_only_those_is_said(
    tmp_path: Path,
) -> None:
    others = (
        record("warcinfo", b"software: test\r\n"),
        record("request", b"GET / HTTP/1.1\r\n\r\n", "http://c.example/"),
        response(
            "http://c.example/gone",
            html("Not found").encode(),
            "404 Not Found",
            Content_Type="text/html",
        ),
        response("http://c.example/old", b"", "301 Moved Permanently", Location="/new"),
        response("http://c.example/i.png", b"\x89PNG\r\n\x1a\n", Content_Type="image/png"),
        record("metadata", b"outlinks: /\r\n", "http://c.example/"),
        record(
            "resource",
            b"wget log",
            "metadata://gnu.org/software/wget/warc/wget.log",
            Content_Type="text/plain",
        ),
    )
    path = write(tmp_path, "others.warc.gz", *others)
    (rec,) = read_records([str(path)])
    assert rec.error is not None and rec.error.startswith("no documents to judge (records: ")
    for what in ("1 response 404", "1 response 301", "1 response image/png", "1 request",
                 "1 warcinfo", "1 metadata", "1 resource of a crawler's own"):  # fmt: skip
        assert what in rec.error
    page = response("http://c.example/p", html(PAGE).encode(), Content_Type="text/html")
    path = write(tmp_path, "mixed.warc.gz", *others, page)
    (rec,) = read_records([str(path)])
    assert rec.ok and rec.id == "http://c.example/p" and rec.where == f"{path}[7]"


def test_pages_served_or_stored_without_a_type_are_read_by_what_they_hold(
    tmp_path: Path,
) -> None:
    # each was skipped, unsaid: servers leave Content-Type out, crawlers may too
    bare = ("HTTP/1.1 200 OK\r\n\r\n" + html(PAGE)).encode()
    path = write(
        tmp_path,
        "untyped.warc.gz",
        response("http://d.example/html", html(PAGE).encode()),  # no HTTP Content-Type
        response("http://d.example/text", PAGE.encode()),
        response(
            "http://d.example/gz", gzip.compress(html(PAGE).encode()), Content_Encoding="gzip"
        ),
        response(
            "http://d.example/md", f"# Ferry\n\n{PAGE}".encode(), Content_Type="text/markdown"
        ),
        record("response", bare, "http://d.example/bare"),  # no WARC Content-Type either
        response("http://d.example/i", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),  # no page
    )
    recs = list(read_records([str(path)]))
    assert [r.id for r in recs] == [
        f"http://d.example/{k}" for k in ("html", "text", "gz", "md", "bare")
    ]
    assert all(r.ok and r.text is not None and PAGE in r.text for r in recs)
    assert "Home | News" not in (recs[0].text or "")  # read as HTML: the menu is not text


def test_a_damaged_record_is_said_and_the_next_one_read(tmp_path: Path) -> None:
    good = response("http://d.example/ok", html(PAGE).encode(), Content_Type="text/html")
    bad_length = record("response", b"x" * 10, "http://d.example/bad").replace(
        b"Content-Length: 10", "Content-Length: 1\u00b9".encode()
    )
    path = write(
        tmp_path,
        "damaged.warc",
        b"some bytes that are not a record\r\n",
        good,
        bad_length,
        response(
            "http://d.example/br", b"\x0b\x02", Content_Type="text/html", Content_Encoding="br"
        ),
        response(
            "http://d.example/broken-gzip",
            b"\x1f\x8b\x08\x00garbage",
            Content_Type="text/html",
            Content_Encoding="gzip",
        ),
        response("http://d.example/status", b"", "OK"),
        response("http://d.example/superscript", b"", "2\u00b2 OK"),  # a digit to isdigit()
        good,
        gzipped=False,
    )
    recs = list(read_records([str(path)]))
    got = [(r.where.removeprefix(str(path)), r.error) for r in recs]
    assert got[0] == ("", "34 bytes that are not a WARC record skipped")
    assert got[1] == ("[0]", None)
    assert got[2][0] == "[1]" and got[2][1] is not None
    assert "no Content-Length, or not a number" in got[2][1]
    assert got[3][1] == "a body encoded as 'br', which is not read (http://d.example/br)"
    assert got[4][1] is not None and got[4][1].startswith("a gzip body that cannot be unpacked")
    assert got[5][1] is not None and "HTTP status line cannot be read" in got[5][1]
    assert got[6][1] is not None and "HTTP status line cannot be read" in got[6][1]
    assert recs[-1].ok and recs[-1].id == "http://d.example/ok"
    assert recs[1].text == recs[-1].text == PAGE


def test_an_archive_cut_short_keeps_the_records_before(tmp_path: Path) -> None:
    good = response("http://e.example/1", html(PAGE).encode(), Content_Type="text/html")
    whole = good + response("http://e.example/2", html(PAGE).encode(), Content_Type="text/html")
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: len(good) + 300])
    recs = list(read_records([str(path)]))
    assert recs[0].ok and recs[0].id == "http://e.example/1"
    assert recs[1].error is not None and recs[1].error.startswith("cut short: ")
    # a gzip member cut short: the records before are kept, and the damage said
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(gzip.compress(good) + gzip.compress(good)[:-20])
    recs = list(read_records([str(path)]))
    assert recs[0].ok and not recs[-1].ok and "truncated" in str(recs[-1].error).lower()


def test_content_and_bodies_past_the_limit_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spundetect.warc as warc

    monkeypatch.setattr(warc, "MAX_CONTENT", 4096)
    big = response("http://f.example/big", html("word " * 2000).encode(), Content_Type="text/html")
    bomb = response(
        "http://f.example/bomb",
        gzip.compress(b"<p>" + b"a" * 100_000),
        Content_Type="text/html",
        Content_Encoding="gzip",
    )
    good = response("http://f.example/ok", html(PAGE).encode(), Content_Type="text/html")
    recs = list(read_records([str(write(tmp_path, "big.warc.gz", big, bomb, good))]))
    assert recs[0].error is not None and "over 64 MiB: skipped" in recs[0].error
    assert recs[1].error is not None and "unpacks to more than 64 MiB" in recs[1].error
    assert recs[2].ok and recs[2].text == PAGE


def test_a_labelled_data_set_cannot_be_a_warc(tmp_path: Path) -> None:
    path = write(tmp_path, "a.warc.gz", response("http://g.example/", html(PAGE).encode(),
                                                  Content_Type="text/html"))  # fmt: skip
    (rec,) = read_records([str(path)], label_field="label")
    assert rec.error is not None and "JSONL, CSV or Parquet" in rec.error


def test_a_page_the_crawler_cut_short_is_read_as_far_as_it_goes_and_says_so(
    tmp_path: Path,
) -> None:
    body = gzip.compress(html(PAGE + " " + PAGE).encode())[:-30]  # cut inside the gzip stream
    cut = response(
        "http://h.example/long", body, Content_Type="text/html", Content_Encoding="gzip"
    ).replace(b"WARC-Type: response", b"WARC-Type: response\r\nWARC-Truncated: length")
    (rec,) = read_records([str(write(tmp_path, "cut.warc.gz", cut))])
    assert rec.ok and rec.text is not None and rec.text.startswith(PAGE)
    assert rec.note == "the archive holds only the start of the page (WARC-Truncated: length)"


def test_a_page_served_and_written_without_a_charset_is_read_as_windows_1252(
    tmp_path: Path,
) -> None:
    """No charset in the HTTP header nor in the page, and not UTF-8: read as browsers in
    English read it, with a note; served as UTF-8 and not UTF-8, still an error."""
    legacy = html(PAGE + " The caf\xe9\x92s \x93menu\x94.").encode("latin-1")
    path = write(
        tmp_path,
        "old.warc.gz",
        response("http://a.example/old", legacy, Content_Type="text/html"),
        response("http://a.example/lie", legacy, Content_Type="text/html; charset=utf-8"),
    )
    old, lie = read_records([str(path)])
    assert old.text == PAGE + " The caf\u00e9\u2019s \u201cmenu\u201d."
    assert old.note is not None and "read as Windows-1252" in old.note
    assert lie.text is None and "not UTF-8" in (lie.error or "")


def test_bytes_that_never_reach_a_record_stop_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``/dev/zero`` read as WARC was read until interrupted, looking for a record."""
    from spundetect import warc

    monkeypatch.setattr(warc, "MAX_SKIP", 100_000)
    page = response("https://example.org/a", html(PAGE).encode(), Content_Type="text/html")
    junk = write(tmp_path, "z.warc", page, b"\0" * 300_000 + page, gzipped=False)
    recs = list(read_records([str(junk)], input_format="warc"))
    assert [r.text for r in recs if r.ok] == [PAGE]
    (bad,) = [r for r in recs if not r.ok]
    assert "no record in the next" in str(bad.error) and "the rest was not read" in str(bad.error)
    few = write(tmp_path, "f.warc", page, b"\0" * 50_000 + b"\r\n" + page, gzipped=False)
    assert [r.text for r in read_records([str(few)], input_format="warc") if r.ok] == [PAGE] * 2
