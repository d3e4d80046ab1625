"""Input readers: formats, directory walks, decoding, HTML text, and every bad-input case."""

from __future__ import annotations

import codecs
import io
import json
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from spundetect import charsets
from spundetect.io import (
    UNDECLARED_HTML,
    DecodeError,
    Record,
    csv_header,
    decode_bytes,
    decode_page,
    format_for,
    html_to_text,
    input_size,
    iter_paths,
    read_document,
    read_records,
    walked_suffixes,
)

PROSE = "The council met on Tuesday and agreed to repair the old bridge before winter."


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _only(records: list[Record]) -> Record:
    assert len(records) == 1, records
    return records[0]


# ---------------------------------------------------------------- decoding
def test_read_records_takes_one_path_as_one_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a str was read as a list of one-letter paths (and "." as the folder it names)
    data = tmp_path / "data.jsonl"
    data.write_text('{"id": "a", "text": "hello there"}\n{"id": "b", "text": "and again"}\n')
    (tmp_path / "notes.txt").write_text("private notes\n")
    monkeypatch.chdir(tmp_path)
    for one in ("data.jsonl", data, Path("data.jsonl")):
        recs = list(read_records(one))
        assert [(r.id, r.text) for r in recs] == [("a", "hello there"), ("b", "and again")]
    assert [r.id for r in read_records([data, "notes.txt"])] == ["a", "b", "notes.txt"]


def test_decode_utf8_with_bom_and_utf16() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "café".encode()) == "café"
    assert decode_bytes(codecs.BOM_UTF16_LE + "naïve".encode("utf-16-le")) == "naïve"
    assert decode_bytes(codecs.BOM_UTF16_BE + "naïve".encode("utf-16-be")) == "naïve"


def test_decode_rejects_latin1_with_offset() -> None:
    with pytest.raises(DecodeError, match=r"not UTF-8 .*0xe9 at offset 3"):
        decode_bytes("café".encode("latin-1"))


def test_decode_rejects_binary() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_names_utf16_without_a_byte_order_mark(codec: str) -> None:
    """A Windows export without its BOM is not called binary junk: the error says what it is."""
    text = "The council met on Tuesday and voted to close the old library.\n"
    with pytest.raises(DecodeError, match="UTF-16 text without a byte-order mark"):
        decode_bytes(text.encode(codec))
    # binary data with NUL bytes here and there is still binary
    with pytest.raises(DecodeError, match="binary file"):
        decode_bytes(bytes(range(256)) * 4)


def test_a_few_stray_nul_bytes_are_text_in_every_format(tmp_path: Path) -> None:
    """One NUL byte in a text file, or one NUL in a JSONL or CSV record's text, made the
    file or record "binary" and it was not scored; a broken extraction leaves such strays.
    Binary files and records are still refused."""
    prose = " ".join([PROSE] * 4)
    stray = prose[:40] + "\x00" + prose[40:]
    assert decode_bytes(stray.encode()) == stray
    rec = _only(list(read_records([str(_write(tmp_path / "a.txt", stray.encode()))])))
    assert rec.ok and rec.text == stray
    jsonl = _write(
        tmp_path / "b.jsonl",
        json.dumps({"id": "ok", "text": stray})
        + "\n"
        + json.dumps({"id": "bin", "text": "b\x00n " * 20})
        + "\n",
    )
    recs = list(read_records([str(jsonl)]))
    assert [r.ok for r in recs] == [True, False] and recs[0].text == stray
    assert "binary data (NUL bytes)" in str(recs[1].error)
    # (Python 3.10's csv module refuses a NUL: the reader is given a stand-in), a quoted text
    # over two lines and a TSV row too
    rows_written = [["id", "text"], ["ok", stray], ["o\x00k", stray + "\n" + prose]]
    quoted = ['"' + v.replace('"', '""') + '"' for row in rows_written for v in row]  # (3.10's
    body = "".join(f"{a},{b}\n" for a, b in zip(quoted[::2], quoted[1::2]))  # writer refuses it)
    rows = list(read_records([str(_write(tmp_path / "c.csv", body))]))
    assert [(r.id, r.text) for r in rows] == [("ok", stray), ("o\x00k", stray + "\n" + prose)]
    tsv = _write(tmp_path / "d.tsv", f"id\ttext\nok\t{stray}\n")
    assert [r.text for r in read_records([str(tsv)])] == [stray]
    for binary in (bytes(range(256)) * 4, b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + prose.encode()):
        with pytest.raises(DecodeError, match="binary file"):
            decode_bytes(binary)


def test_decode_says_when_text_with_a_utf16_mark_is_not_utf16() -> None:
    # an odd number of bytes after the mark, and a lone surrogate: not binary, not UTF-8
    for data in (
        codecs.BOM_UTF16_LE + "cut short".encode("utf-16-le")[:-1],
        codecs.BOM_UTF16_LE + b"\x00\xdcx\x00",
    ):
        with pytest.raises(DecodeError, match="not valid UTF-16 text"):
            decode_bytes(data)


def test_decode_html_honours_declared_charset() -> None:
    page = '<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1")
    assert "café" in decode_bytes(page, html=True)
    with pytest.raises(DecodeError):
        decode_bytes(page)  # plain text gets no guessing


def test_an_html_page_declaring_no_charset_is_read_as_browsers_read_it(tmp_path: Path) -> None:
    """A legacy page that is not UTF-8 and declares nothing was an error, and the crawl's older
    English pages were lost; browsers in English read it as Windows-1252, and so does the
    reader, saying so. Plain text still gets no guess, and a charset declared that does not
    fit, a binary file or UTF-16 without its mark are still errors."""
    page = f"<p>The council\x92s caf\xe9 \x93stays open\x94 \x80 5. {PROSE}</p>".encode("latin-1")
    text, note = decode_page(page)
    assert "council\u2019s caf\u00e9 \u201cstays open\u201d \u20ac 5." in text
    assert note == UNDECLARED_HTML and "Windows-1252" in note
    assert decode_page("<p>caf\u00e9</p>".encode()) == ("<p>caf\u00e9</p>", None)
    rec = _only(list(read_records([str(_write(tmp_path / "old.html", page))])))
    assert rec.ok and rec.text is not None and rec.text.startswith("The council\u2019s caf\u00e9")
    assert rec.note == UNDECLARED_HTML
    with pytest.raises(DecodeError, match="not UTF-8"):
        decode_bytes(page)  # plain text gets no guessing
    rec = _only(list(read_records([str(_write(tmp_path / "old.txt", page))])))
    assert rec.text is None and "not UTF-8" in (rec.error or "")
    for bad in (b'<meta charset="utf-8">' + page, b"<p>" + bytes(range(256)) * 4 + page):
        with pytest.raises(DecodeError):
            decode_page(bad)
    with pytest.raises(DecodeError, match="UTF-16"):
        decode_page("<p>Words of a page in UTF-16 with no mark at all.</p>".encode("utf-16-le"))


def test_input_in_an_encoding_told_is_read_in_it(tmp_path: Path) -> None:
    """``encoding``: an archive of Windows-1252 or Shift_JIS text was "not UTF-8" line after
    line. Text, HTML (over what the page declares), JSON Lines and CSV are read in it, rows
    come out as UTF-8; a byte the encoding does not hold is reported in its row, named by the
    encoding, and the rows after it are read; a byte-order mark still wins."""
    said = f"The council\u2019s caf\u00e9 \u201cstays open\u201d. {PROSE}"
    legacy = said.encode("cp1252")
    jsonl = _write(tmp_path / "a.jsonl", b'{"id": "a", "text": "' + legacy + b'"}\n')
    csv_file = _write(tmp_path / "a.csv", b"id,caf\xe9,text\nb,x," + legacy + b"\n")
    text = _write(tmp_path / "a.txt", legacy)
    page = _write(tmp_path / "a.html", b'<meta charset="koi8-r"><p>' + legacy + b"</p>")
    paths = [str(p) for p in (jsonl, csv_file, text, page)]
    recs = list(read_records(paths, encoding="windows-1252"))
    assert [r.text for r in recs] == [said] * 4, [r.error for r in recs]
    assert recs[0].raw == f'{{"id": "a", "text": "{said}"}}'.encode()
    assert recs[1].raw == f"b,x,{said}\n".encode()
    assert csv_header(str(csv_file), encoding="latin1") == (
        ("id", "caf\u00e9", "text"),
        "id,caf\u00e9,text\n".encode(),
    )
    assert [r.error is not None for r in read_records(paths[:3])] == [True, True, True]
    # Shift_JIS, one row with a byte it does not hold: that row said, the next read
    words = "\u65e5\u672c\u8a9e\u306e\u6587"
    rows = b"id\ttext\n1\t" + words.encode("shift_jis") + b"\n2\t\x81 bad\n3\tok\n"
    tsv = _write(tmp_path / "j.tsv", rows)
    got = list(read_records([str(tsv)], encoding="shift_jis"))
    assert [(r.id, r.text) for r in got if r.ok] == [("1", words), ("3", "ok")]
    (bad,) = [r for r in got if not r.ok]
    assert bad.where == f"{tsv}:3" and bad.error == "not shift_jis text in this row"
    jtxt = _write(tmp_path / "j.txt", b"\x82\xa0\x81 ")
    doc = _only(list(read_records([str(jtxt)], encoding="sjis")))
    assert "not sjis text (byte 0x" in (doc.error or "")
    # a byte-order mark wins over the encoding told
    marked = _write(tmp_path / "m.txt", codecs.BOM_UTF8 + said.encode())
    assert _only(list(read_records([str(marked)], encoding="koi8-r"))).text == said
    with pytest.raises(ValueError, match="unknown encoding 'utf-7'"):
        list(read_records([str(text)], encoding="utf-7"))
    with pytest.raises(ValueError, match="byte-order mark"):
        charsets.input_codec("utf-16le")
    assert charsets.input_codec("Latin1 ") == "cp1252" and charsets.input_codec("utf8") == "utf-8"


# A page may name any charset, and Python's codec of that name decodes it. Its "undefined" codec
# raises a plain UnicodeError, which is not the UnicodeDecodeError that was caught: it escaped
# decode_bytes and read_document, and the command ended the whole run on it. The page is not
# UTF-8, and is said to be, as with any declared charset that cannot decode it.
# (Now no label: browsers know no charset "undefined".)
def test_decode_html_declaring_the_undefined_codec_is_a_decode_error(tmp_path: Path) -> None:
    page = b'<meta charset="undefined"><p>caf\xe9</p>'
    with pytest.raises(DecodeError, match="unknown charset 'undefined'"):
        decode_bytes(page, html=True)
    rec = _only(list(read_records([str(_write(tmp_path / "page.html", page))])))
    assert rec.text is None and "unknown charset" in (rec.error or "")


# A page's charset label is read as browsers read it (the WHATWG Encoding Standard). Python's
# codec of the same name read "iso-8859-1" pages, which hold Windows-1252, with C1 controls
# where the quotes were; a page that said "utf-16" as gibberish; "utf-7" or "cp037" as nonsense.
@pytest.mark.parametrize("label", ["iso-8859-1", "Latin1", "us-ascii", "x-user-defined", "cp819"])
def test_decode_html_reads_latin_1_labels_as_windows_1252(label: str) -> None:
    page = f'<meta charset="{label}"><p>caf\xe9 \x93it\x92s\x94 \x80 5 \x9f \x81</p>'
    text = decode_bytes(page.encode("latin-1"), html=True)
    # (the bytes Windows-1252 leaves undefined read as browsers read them)
    assert "caf\u00e9 \u201cit\u2019s\u201d \u20ac 5 \u0178 \x81" in text
    assert charsets.codec_for(" Latin1\t") == "cp1252" and charsets.codec_for("latin-9") is None


def _in_codec(codec: str) -> str:
    """A few characters ``codec`` writes in bytes that are not UTF-8."""
    found = ""
    for code in [*range(0xA0, 0x3000), *range(0xAC00, 0xAD00), *range(0x4E00, 0x4F00)]:
        char = chr(code)
        try:
            raw = char.encode(codec)
        except UnicodeEncodeError:
            continue
        if raw.decode(codec) != char:
            continue  # read back as another character ("\u00a2" as "\uffe0" in Windows-31J)
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            found += char
            if len(found) == 3:
                break
    return found


# (ISO-2022-JP is 7-bit: its bytes are valid UTF-8, and read as such, a page's declaration
# unread; an English detector meets it in Japanese pages, which it does not judge)
@pytest.mark.parametrize(
    "codec", sorted(set(charsets._LABELS) - {charsets.REFUSED, "utf-8", "iso2022_jp"})
)
def test_decode_html_reads_each_charset_of_the_standard(codec: str) -> None:
    """Every label of every encoding browsers know reads a page in that encoding."""
    words = "Words " + _in_codec(codec)
    assert len(words) == 9, codec
    for label in charsets._LABELS[codec].split():
        page = f'<meta charset="{label}"><p>'.encode("ascii") + words.encode(codec) + b"</p>"
        assert words in decode_bytes(page, html=True), label


@pytest.mark.parametrize(
    ("label", "error"),
    [
        ("utf-16", "not UTF-8 text"),  # browsers read it as UTF-8: that fails, and says so
        ("UTF-16LE", "not UTF-8 text"),
        ("utf-7", "unknown charset 'utf-7'"),
        ("cp037", "unknown charset 'cp037'"),
        ("unicode_escape", "unknown charset"),
        ("iso-2022-kr", "browsers refuse to decode it"),
    ],
)
def test_decode_html_refuses_charsets_browsers_do_not_read(label: str, error: str) -> None:
    page = f'<meta charset="{label}"><p>caf\xe9 and more words</p>'.encode("latin-1")
    page += b" " * (len(page) % 2)  # whole UTF-16 units: Python's codec decoded them as CJK
    with pytest.raises(DecodeError, match=error):
        decode_bytes(page, html=True)


def test_decode_html_reads_multibyte_labels_as_browsers_do() -> None:
    # "gb2312" is GBK in a browser (and GB 18030 decodes both); "shift_jis" is Windows-31J
    words = "\u6c49\u5b57 \u9555"  # the last is in GBK, not GB 2312
    page = b'<meta charset="gb2312"><p>' + words.encode("gbk") + b"</p>"
    assert words in decode_bytes(page, html=True)
    words = "\u2460 \u65e5\u672c"  # a circled digit: Windows-31J has it, JIS X 0208 not
    page = b'<meta charset="shift_jis"><p>' + words.encode("cp932") + b"</p>"
    assert words in decode_bytes(page, html=True)


def test_decode_truncated_multibyte_tail_tolerated_when_not_final() -> None:
    data = "naïve".encode()[:-1] + "é".encode()[:1]
    assert decode_bytes(data, final=False).startswith("naïv")
    with pytest.raises(DecodeError):
        decode_bytes(data)


# ---------------------------------------------------------------- HTML
def test_html_keeps_visible_prose_and_drops_chrome() -> None:
    page = """<!doctype html><html><head><title>Site title</title>
    <style>p { color: red }</style><script>var secret = "script text";</script></head>
    <body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
    <article><h1>Bridge repairs</h1><p>The council met on <b>Tuesday</b> &amp; agreed.</p>
    <p>Work   starts
    in May.</p><div hidden>hidden div</div><span style="display: none">invisible span</span>
    <p aria-hidden="true">aria hidden</p></article>
    <aside>Related stories</aside><footer>Copyright 2024</footer>
    <form><button>Subscribe</button></form></body></html>"""
    text = html_to_text(page)
    assert text.split("\n\n") == [
        "Bridge repairs",
        "The council met on Tuesday & agreed.",
        "Work starts in May.",
    ]


def test_html_unclosed_head_does_not_hide_body() -> None:
    text = html_to_text("<html><head><meta charset=utf-8><body><p>Visible words here.</p>")
    assert text == "Visible words here."


def test_html_unclosed_head_is_closed_by_the_body_tag_itself() -> None:
    # the body's text outside any block element, right after the <body> tag
    page = "<html><head><meta charset=utf-8><body>Words straight after the body tag."
    assert html_to_text(page) == "Words straight after the body tag."


def test_html_hides_only_what_aria_hidden_true_hides() -> None:
    page = '<p aria-hidden="false">Shown to readers.</p><p data-open="true">Shown too.</p>'
    assert html_to_text(page) == "Shown to readers.\n\nShown too."


def test_html_inline_elements_do_not_split_words_and_br_splits_lines() -> None:
    text = html_to_text("<p>un<i>believ</i>able<br>next line</p>")
    assert text == "unbelievable\n\nnext line"


def test_html_stray_end_tags_are_ignored() -> None:
    assert html_to_text("</div></nav><p>Still here.</p></span>") == "Still here."


# Python's HTML parser (3.11 at least) raises AssertionError on a "<![" that does not open one
# of the few SGML marked sections it knows: html_to_text raised it, and read_document refused
# the whole page ("could not parse the HTML"). A browser reads it as a bogus comment up to the
# next ">", and so does html_to_text now.
@pytest.mark.parametrize("odd", ["<![ATA[ x ]]>", "<![ x>", "<![>"])
def test_html_an_unknown_marked_section_is_a_bogus_comment_not_an_error(
    odd: str, tmp_path: Path
) -> None:
    page = f"<p>Before it.</p>{odd}<p>After it.</p>"
    assert html_to_text(page) == "Before it.\n\nAfter it."
    rec = _only(list(read_records([str(_write(tmp_path / "page.html", page))])))
    assert rec.text == "Before it.\n\nAfter it."


# A page cut short (a download stopped, a field truncated by an export) ends mid-tag; Python's
# parser gave what it held back as text ("<a href=\"https://ex"), a browser drops it.
@pytest.mark.parametrize(
    "cut",
    ['<a href="https://example.com/st', "<!-- a comment never closed", "<![foo", "</p", "<?x"],
)
def test_html_markup_cut_off_at_the_end_is_dropped(cut: str) -> None:
    assert html_to_text(f"<p>The last words.</p><p>And these {cut}") == (
        "The last words.\n\nAnd these"
    )
    # text that only looks like markup stays
    assert html_to_text("<p>So 3 <4 and 5 < 6</p>") == "So 3 <4 and 5 < 6"
    assert html_to_text("<p>It ends on <") == "It ends on <"


# ---------------------------------------------------------------- paths
def test_format_for_extensions() -> None:
    assert format_for("a.jsonl") == "jsonl"
    assert format_for("a.NDJSON") == "jsonl"
    assert format_for("a.csv") == "csv"
    assert format_for("a.tsv") == "csv"
    assert format_for("a.HTM") == "html"
    assert format_for("a.md") == "text"
    assert format_for("README") == "text"


def test_directory_walk_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deeper/d.htm",
        "skip.jsonl",
        "img.png",
        ".hidden.txt",
        ".git/e.txt",
    ]:
        _write(tmp_path / name, PROSE)
    found = [Path(p).relative_to(tmp_path).as_posix() for p, err in iter_paths([str(tmp_path)])]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.htm"]


def test_paths_report_missing_and_empty_directories(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = list(iter_paths([str(tmp_path / "nope.txt"), str(tmp_path / "empty"), "-"]))
    assert out[0] == (str(tmp_path / "nope.txt"), "no such file or directory")
    assert out[1][1] == "directory holds no .docx, .htm, .html, .md, .odt, .pdf or .txt files"
    assert out[2] == ("-", None)


def test_a_folder_of_rows_or_archives_says_which_input_format_reads_it(tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    (shards / "sub").mkdir(parents=True)
    (shards / "part-0.jsonl.gz").write_bytes(b"")
    (shards / "sub" / "crawl.warc.gz").write_bytes(b"")
    ((_, why),) = iter_paths([str(shards)])
    assert why is not None and why.endswith(
        "; it holds jsonl and warc files: give --input-format jsonl"
    )
    # a .json file is as often a data set's metadata, and a JSONL walk leaves it: no hint
    meta = tmp_path / "meta"
    meta.mkdir()
    (meta / "dataset_info.json").write_bytes(b"{}")
    ((_, why),) = iter_paths([str(meta)])
    assert why == "directory holds no .docx, .htm, .html, .md, .odt, .pdf or .txt files"
    assert list(iter_paths([str(shards)], walked_suffixes("warc"))) == [
        (str(shards / "sub" / "crawl.warc.gz"), None)
    ]


def test_paths_say_why_a_link_leads_nowhere(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to("gone.txt")
    (tmp_path / "loop1").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop1")
    out = dict(iter_paths([str(tmp_path / "dangling.txt"), str(tmp_path / "loop1")]))
    assert (
        out[str(tmp_path / "dangling.txt")] == "a symbolic link to gone.txt, which does not exist"
    )
    assert "symbolic links" in (out[str(tmp_path / "loop1")] or "")  # ELOOP's own words


def test_a_folder_the_walk_cannot_list_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    _write(tmp_path / "a.txt", PROSE)
    _write(tmp_path / "locked" / "b.txt", PROSE)
    _write(tmp_path / "open" / "c.txt", PROSE)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:  # what a folder without read permission does
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = list(iter_paths([str(tmp_path)]))
    assert (str(tmp_path / "locked"), "cannot list this folder: permission denied") in out
    assert [Path(p).name for p, err in out if err is None] == ["a.txt", "c.txt"]


def test_a_walk_names_pipes_follows_folder_links_once_and_refuses_an_empty_path(
    tmp_path: Path,
) -> None:
    import os

    top = tmp_path / "top"
    _write(top / "a.txt", PROSE)
    os.mkfifo(top / "pipe.txt")  # opening it would wait for a writer forever
    _write(tmp_path / "outside" / "o.txt", PROSE)
    (top / "linked").symlink_to(tmp_path / "outside")  # a folder elsewhere: read
    (top / "self").symlink_to(".")  # a loop: said once, not walked for ever
    (top / "gone.txt").symlink_to("nowhere.txt")
    out = list(iter_paths([str(top)]))
    assert out == [
        (str(top / "self"), "a link to a folder already read: skipped"),
        (str(top / "a.txt"), None),
        (str(top / "gone.txt"), "a symbolic link to nowhere.txt, which does not exist"),
        (str(top / "pipe.txt"), "not a regular file (a named pipe or a device)"),
        (str(top / "linked" / "o.txt"), None),
    ]
    # an unset shell variable ("$FILE") is an error, not the current folder
    assert list(iter_paths([""])) == [('""', "an empty path (an unset shell variable?)")]


def test_a_named_pipe_or_device_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    """``spundetect score <(zcat a.txt.gz)`` names a pipe: read, not "not a regular file"
    (only a walk through a folder passes pipes and devices by)."""
    import os

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert list(iter_paths([str(pipe), os.devnull])) == [(str(pipe), None), (os.devnull, None)]


def _fed_pipe(path: Path, *pieces: bytes, pause: float = 0.0) -> threading.Thread:
    """A named pipe at ``path`` that a thread writes ``pieces`` into (``pause`` seconds before
    each), as a process substitution's writer does."""
    import os
    import time

    os.mkfifo(path)

    def write() -> None:
        with open(path, "wb") as f:
            for piece in pieces:
                time.sleep(pause)
                f.write(piece)
                f.flush()

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


def _within(seconds: float, read: Any) -> Any:
    """``read()``, failing the test if it has not returned after ``seconds`` (a pipe reopened
    after its writer left waits for another writer forever)."""
    out: list[Any] = []
    reader = threading.Thread(target=lambda: out.append(read()), daemon=True)
    reader.start()
    reader.join(seconds)
    assert out, f"still reading after {seconds} s"
    return out[0]


def test_compressed_input_from_a_named_pipe_loses_nothing(tmp_path: Path) -> None:
    """A compressed stream given as a path that is a pipe (``<(curl -s URL)``, a FIFO) was
    reopened by name after its first bytes were read, and those were lost: every gzip, bzip2
    and xz stream so given was "damaged or truncated compressed data"."""
    import bz2
    import gzip
    import lzma

    rows = "".join(json.dumps({"id": str(k), "text": PROSE}) + "\n" for k in range(3)).encode()
    for k, compress in enumerate((gzip.compress, bz2.compress, lzma.compress)):
        pipe = tmp_path / f"pipe{k}"
        writer = _fed_pipe(pipe, compress(rows))
        recs = _within(10, lambda p=str(pipe): list(read_records([p], input_format="jsonl")))
        writer.join(5)
        assert [(r.id, r.ok) for r in recs] == [("0", True), ("1", True), ("2", True)]


def test_a_file_whose_name_says_no_format_is_read_as_its_start_says(tmp_path: Path) -> None:
    """A shard named ``part-00000`` or a process substitution (``<(zcat docs.jsonl.gz)``)
    holding JSON Lines was scored as one text, one verdict for a whole data set: read as its
    start says, as stdin is, and said; a ``.txt`` is read as its name says."""
    import gzip

    rows = "".join(json.dumps({"id": str(k), "text": PROSE}) + "\n" for k in range(3))
    said: list[tuple[str, str]] = []

    def ids(path: Path, **kw: Any) -> list[str | None]:
        return [r.id for r in read_records([str(path)], on_sniffed=lambda *a: said.append(a), **kw)]

    shard = _write(tmp_path / "part-00000", rows)
    assert ids(shard) == ["0", "1", "2"] and said == [(str(shard), "jsonl")]
    assert ids(_write(tmp_path / "part-00001", gzip.compress(rows.encode()))) == ["0", "1", "2"]
    table = _write(tmp_path / "export", f'id,text\na,"{PROSE}"\nb,"{PROSE}"\n')
    assert ids(table) == ["a", "b"] and said[-1] == (str(table), "csv")
    # prose, a .txt that starts like a record, and a format told: as they were
    prose = _write(tmp_path / "notes", PROSE)
    named = _write(tmp_path / "rows.txt", rows)
    assert ids(prose) == [str(prose)] and ids(named) == [str(named)]
    assert ids(shard, input_format="text") == [str(shard)] and len(said) == 3
    # a pipe whose writer is slow to send its first line
    pipe = tmp_path / "slow"
    writer = _fed_pipe(pipe, rows[:5].encode(), rows[5:].encode(), pause=0.2)
    assert _within(10, lambda: ids(pipe)) == ["0", "1", "2"]
    writer.join(5)


def test_sniff_file_tells_a_file_by_its_start_and_leaves_a_pipe_unread(tmp_path: Path) -> None:
    """What ``filter`` asks before it reads: a file's kind by its start (compressed too), "text"
    for a start like none, and nothing of a pipe, which could not be read again (nor of a file
    that cannot be opened)."""
    import gzip

    from spundetect.io import sniff_file

    rows = json.dumps({"text": PROSE}) + "\n"
    table = f'id,body\na,"{PROSE}"\n'
    assert sniff_file(str(_write(tmp_path / "a", rows))) == "jsonl"
    assert sniff_file(str(_write(tmp_path / "b", gzip.compress(table.encode()))), "body") == "csv"
    assert sniff_file(str(tmp_path / "b"), "text") == "text"  # the header names no "text"
    assert sniff_file(str(_write(tmp_path / "c", PROSE))) == "text"
    assert sniff_file(str(_write(tmp_path / "e", " \n"))) is None  # nothing to tell
    assert sniff_file(str(_write(tmp_path / "d", b"\x1f\x8b\x08 broken"))) is None
    assert sniff_file(str(tmp_path / "missing")) is None
    pipe = tmp_path / "pipe"
    writer = _fed_pipe(pipe, rows.encode())
    assert sniff_file(str(pipe)) is None
    assert _within(10, lambda: [r.ok for r in read_records([str(pipe)])]) == [True]
    writer.join(5)


def test_a_folder_given_as_jsonl_is_walked_for_its_jsonl_files(tmp_path: Path) -> None:
    import gzip

    _write(tmp_path / "shards" / "a.jsonl", json.dumps({"text": PROSE}) + "\n")
    _write(tmp_path / "shards" / "b.ndjson.gz", gzip.compress(json.dumps({"text": PROSE}).encode()))
    _write(tmp_path / "shards" / "notes.txt", "not a record")
    recs = list(read_records([str(tmp_path / "shards")], input_format="jsonl"))
    assert [(Path(r.where).name, r.ok) for r in recs] == [
        ("a.jsonl:1", True),
        ("b.ndjson.gz:1", True),
    ]
    # and for documents, the documents only (compressed too)
    _write(tmp_path / "docs" / "a.txt.gz", gzip.compress(PROSE.encode()))
    _write(tmp_path / "docs" / "rows.jsonl", json.dumps({"text": PROSE}) + "\n")
    assert [Path(p).name for p, _ in iter_paths([str(tmp_path / "docs")])] == ["a.txt.gz"]


def test_a_jobs_output_folder_is_walked_for_its_shards(tmp_path: Path) -> None:
    """A Hadoop or Spark job writes "part-00000" shards (compressed or not) beside a
    "_SUCCESS" mark, or Spark's "part-00000-<uuid>-c000.json": a walk passed over them all
    ("directory holds no .jsonl or .ndjson files"). Each shard named without a format is read
    as its start says; the .json shard in a walk for JSON Lines; none in a walk for Parquet."""
    import gzip

    from spundetect.parquet import PARQUET_SUFFIXES

    out = tmp_path / "job"
    rows = "".join(json.dumps({"id": f"r{k}", "text": PROSE}) + "\n" for k in range(2))
    _write(out / "part-00000", rows)
    _write(out / "part-r-00001.gz", gzip.compress(rows.replace("r", "s").encode()))
    _write(out / "part-00002-3f2a9c-c000.json", rows.replace("r", "t"))
    _write(out / "_SUCCESS", "")
    _write(out / ".part-00000.crc", "x")
    _write(out / "part-1", PROSE)  # not a job's shard: no format, not walked
    said: list[tuple[str, str]] = []
    recs = list(read_records([str(out)], on_sniffed=lambda *a: said.append(a)))
    assert [r.id for r in recs] == ["r0", "r1", "s0", "s1"]
    assert [Path(p).name for p, _ in said] == ["part-00000", "part-r-00001.gz"]
    recs = list(read_records([str(out)], input_format="jsonl"))
    assert [r.id for r in recs] == ["r0", "r1", "t0", "t1", "s0", "s1"]  # by name
    assert [(Path(p).name, e is not None) for p, e in iter_paths([str(out)], PARQUET_SUFFIXES)] == [
        ("job", True)
    ]


def test_input_size_known_only_for_regular_files(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", "x" * 10)
    b = _write(tmp_path / "b.txt", "y" * 5)
    assert input_size([str(a), str(b)]) == 15
    assert input_size([str(a), "-"]) is None
    assert input_size([str(tmp_path)]) is None


# ---------------------------------------------------------------- whole documents
def test_text_file_is_one_document_with_path_id(tmp_path: Path) -> None:
    p = _write(tmp_path / "doc.txt", PROSE + "\n\nSecond paragraph.\n")
    rec = _only(list(read_records([str(p)])))
    assert rec.ok and rec.id == str(p) and rec.where == str(p)
    assert rec.text == PROSE + "\n\nSecond paragraph.\n"


def test_html_file_read_as_visible_text(tmp_path: Path) -> None:
    p = _write(tmp_path / "page.html", f"<nav>Menu</nav><p>{PROSE}</p><script>x()</script>")
    assert _only(list(read_records([str(p)]))).text == PROSE


def test_input_format_overrides_extension(tmp_path: Path) -> None:
    p = _write(tmp_path / "page.txt", f"<p>{PROSE}</p>")
    assert _only(list(read_records([str(p)]))).text == f"<p>{PROSE}</p>"
    assert _only(list(read_records([str(p)], input_format="html"))).text == PROSE
    with pytest.raises(ValueError, match="unknown input format"):
        list(read_records([str(p)], input_format="xml"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("café".encode("latin-1"), "not UTF-8"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "binary"),
        (b"ok text \x01\x02\x03\x04\x05\x06", "control"),
    ],
)
def test_bad_text_files_become_error_records(tmp_path: Path, data: bytes, reason: str) -> None:
    p = _write(tmp_path / "bad.txt", data)
    rec = _only(list(read_records([str(p)])))
    assert not rec.ok and rec.text is None and rec.where == str(p)
    assert rec.error is not None and reason in rec.error


def test_empty_file_is_a_document_not_an_error(tmp_path: Path) -> None:
    # The detector gives it status "empty"; the CLI reports it. Reading it is fine.
    p = _write(tmp_path / "empty.txt", "")
    rec = _only(list(read_records([str(p)])))
    assert rec.ok and rec.text == ""


def test_stdin_text_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PROSE.encode())))
    rec = _only(list(read_records(["-"])))
    assert rec.ok and rec.text == PROSE and rec.id == "<stdin>"


def test_stdin_jsonl_when_told(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "\n".join(json.dumps({"text": t}) for t in ["one", "two"]).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    recs = list(read_records([], input_format="jsonl"))
    assert [(r.id, r.text) for r in recs] == [("<stdin>:1", "one"), ("<stdin>:2", "two")]


def test_stdin_format_default_for_labelled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"text": "t", "label": "spun"}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    rec = _only(list(read_records(["-"], label_field="label", stdin_format="jsonl")))
    assert (rec.where, rec.text, rec.label) == ("<stdin>:1", "t", "spun")


def test_read_document_reports_missing_file(tmp_path: Path) -> None:
    rec = read_document(str(tmp_path / "missing.txt"))
    assert not rec.ok and rec.error is not None and "No such file" in rec.error


def test_oversized_document_is_truncated_not_loaded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spundetect.io as sio

    monkeypatch.setattr(sio, "MAX_TEXT_BYTES", 16)
    p = _write(tmp_path / "big.txt", "é" * 100)  # 200 bytes; the cut falls mid-character
    rec = _only(list(read_records([str(p)])))
    assert rec.ok and rec.text == "é" * 8
    assert rec.note == "only the first 16 of 200 bytes were read"
    whole = _only(list(read_records([str(_write(tmp_path / "small.txt", "é" * 8))])))
    assert whole.ok and whole.note is None


# ---------------------------------------------------------------- JSONL
def test_jsonl_ids_fields_and_every_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "first"}),
        json.dumps({"id": 42, "text": "numeric id"}),
        json.dumps({"text": "no id"}),
        "",
        "{not json",
        "[1, 2]",
        json.dumps({"id": "x", "body": "wrong field"}),
        json.dumps({"id": "y", "text": None}),
        json.dumps({"id": "z", "text": ["a", "list"]}),
        '{"text": "lone \\ud800 surrogate"}',
        json.dumps({"text": "after the bad ones"}),
    ]
    raw = "\n".join(lines).encode() + b"\n" + b'{"text": "caf\xe9"}\n' + b'{"te\x00xt": 1}\n'
    p = _write(tmp_path / "docs.jsonl", raw)
    recs = list(read_records([str(p)]))
    name = str(p)
    got = [(r.where, r.id, r.text, r.error) for r in recs]
    assert got[0] == (f"{name}:1", "a1", "first", None)
    assert got[1][1:3] == ("42", "numeric id")
    assert got[2][1:3] == (f"{name}:3", "no id")
    # line 4 is blank: skipped without a record
    errors = {r.where: r.error for r in recs if not r.ok}
    assert set(errors) == {f"{name}:{i}" for i in (5, 6, 7, 8, 9, 10, 12, 13)}
    assert "malformed JSON" in errors[f"{name}:5"]
    assert "expected a JSON object, got a list" in errors[f"{name}:6"]
    assert 'no "text" field (fields: id, body)' in errors[f"{name}:7"]
    assert '"text" is null' in errors[f"{name}:8"]
    assert '"text" is a list' in errors[f"{name}:9"]
    assert "surrogate" in errors[f"{name}:10"]
    assert "not UTF-8" in errors[f"{name}:12"]
    assert "NUL" in errors[f"{name}:13"]
    assert recs[-3].text == "after the bad ones" and recs[-3].where == f"{name}:11"


def test_jsonl_custom_fields_and_utf8_bom(tmp_path: Path) -> None:
    raw = codecs.BOM_UTF8 + json.dumps({"key": "k1", "body": "hello"}).encode() + b"\n"
    p = _write(tmp_path / "d.jsonl", raw)
    rec = _only(list(read_records([str(p)], text_field="body", id_field="key")))
    assert (rec.id, rec.text) == ("k1", "hello")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_jsonl_and_csv_with_a_byte_order_mark_are_read(tmp_path: Path, codec: str) -> None:
    """What Windows PowerShell's ">" and Excel's "Unicode text" write; a raw U+2028 inside a
    JSON string does not end the line, and a lone surrogate costs only its own line."""
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    rows = _rows(3).decode().replace(" (1)", " (1)\u2028")
    bad = '{"text": "\ud800 lone"}\n'.encode(codec, "surrogatepass")
    jsonl = _write(
        tmp_path / "d.jsonl", bom + rows.encode(codec) + bad + _rows(1).decode().encode(codec)
    )
    recs = list(read_records([str(jsonl)]))
    assert [r.text for r in recs if r.ok] == [
        f"{PROSE} (0)",
        f"{PROSE} (1)\u2028",
        f"{PROSE} (2)",
        f"{PROSE} (0)",
    ]
    (err,) = [r for r in recs if not r.ok]
    assert err.where == f"{jsonl}:4" and "lone surrogate" in (err.error or "")
    csv = _write(tmp_path / "d.csv", bom + f'id,text\n7,"{PROSE}"\n'.encode(codec))
    assert [(r.id, r.text) for r in read_records([str(csv)])] == [("7", PROSE)]


def test_utf16_jsonl_without_a_byte_order_mark_is_one_error_that_says_so(tmp_path: Path) -> None:
    jsonl = _write(tmp_path / "d.jsonl", _rows(3).decode().encode("utf-16-le"))
    (rec,) = read_records([str(jsonl)])
    assert rec.where == str(jsonl) and "UTF-16 text without a byte-order mark" in (rec.error or "")


def test_utf16_jsonl_cut_at_an_odd_byte_keeps_the_lines_before(tmp_path: Path) -> None:
    jsonl = _write(
        tmp_path / "d.jsonl", codecs.BOM_UTF16_LE + _rows(2).decode().encode("utf-16-le") + b"x"
    )
    recs = list(read_records([str(jsonl)]))
    assert [r.text for r in recs if r.ok] == [f"{PROSE} (0)", f"{PROSE} (1)"]
    assert [r.error for r in recs if not r.ok] == [
        "read error after line 2, the rest of the input was skipped "
        "(not valid UTF-16 text (truncated data))"
    ]


def test_jsonl_is_read_lazily(tmp_path: Path) -> None:
    p = _write(
        tmp_path / "d.jsonl", "".join(json.dumps({"text": f"t{i}"}) + "\n" for i in range(5))
    )
    consumed: list[int] = []
    it = read_records([str(p)], progress=consumed.append)
    first = next(it)
    assert first.text == "t0"
    assert len(consumed) == 1  # only the first line has been read so far


def test_labels_and_groups(tmp_path: Path) -> None:
    rows = [
        {"text": "a", "label": "spun", "group": "g1"},
        {"text": "b", "label": " original ", "group": 7},
        {"text": "c", "label": "original"},
        {"text": "d"},
        {"text": "e", "label": 3},
    ]
    p = _write(tmp_path / "l.jsonl", "\n".join(json.dumps(r) for r in rows))
    recs = list(read_records([str(p)], label_field="label", group_field="group"))
    assert [(r.label, r.group) for r in recs[:3]] == [
        ("spun", "g1"),
        ("original", "7"),
        ("original", None),
    ]
    assert recs[3].error is not None and 'no "label" field' in recs[3].error
    assert recs[4].error is not None and '"label" is a number' in recs[4].error


def test_generator_and_source_columns_are_read_and_a_blank_one_is_none(tmp_path: Path) -> None:
    rows = [
        {"text": "a", "gen": " sys-1 ", "site": " apnews.com "},
        {"text": "b", "gen": "  ", "site": ""},
        {"text": "c", "gen": 3},
        {"text": "d", "gen": float("nan")},  # pandas' missing value (was the group "NaN")
    ]
    p = _write(tmp_path / "g.jsonl", "\n".join(json.dumps(r) for r in rows))
    recs = list(read_records([str(p)], generator_field="gen", source_field="site"))
    assert [(r.generator, r.source) for r in recs] == [
        ("sys-1", "apnews.com"),
        (None, None),
        ("3", None),
        (None, None),
    ]


def test_labelled_data_must_be_rows(tmp_path: Path) -> None:
    p = _write(tmp_path / "doc.txt", PROSE)
    rec = _only(list(read_records([str(p)], label_field="label")))
    assert rec.error is not None and "JSONL, CSV or Parquet" in rec.error


def test_a_csv_without_the_label_column_is_said_once_with_its_columns(tmp_path: Path) -> None:
    """It was said for every row ('no "label" field'), the columns never named."""
    p = _write(
        tmp_path / "d.csv", "id,text,Label\n" + "".join(f"r{i},{PROSE},spun\n" for i in range(9))
    )
    recs = list(read_records([str(p)], label_field="label"))
    assert len(recs) == 1 and recs[0].where == f"{p}:1"
    assert recs[0].error == (
        'no "label" column (columns: id, text, Label); choose the label column with '
        "--label-field (did you mean 'Label'?)"
    )


def test_a_csv_in_windows_1252_is_told_of_encoding_once(tmp_path: Path) -> None:
    """An Excel export's rows with curly quotes were each "not UTF-8 text in this row", with
    no word of ``--encoding``; the first now says it."""
    p = tmp_path / "excel.csv"
    rows = "".join(f"r{i},\u201c{PROSE}\u201d,spun\n" for i in range(3))
    p.write_bytes(("id,text,label\n" + rows).encode("cp1252"))
    errors = [r.error for r in read_records([str(p)], label_field="label")]
    assert errors[0] is not None and "name it with --encoding" in errors[0]
    assert errors[1:] == ["not UTF-8 text in this row"] * 2
    told = list(read_records([str(p)], label_field="label", encoding="windows-1252"))
    assert [r.error for r in told] == [None] * 3 and told[0].text == f"\u201c{PROSE}\u201d"


# ---------------------------------------------------------------- CSV
def test_csv_rows_multiline_fields_and_line_numbers(tmp_path: Path) -> None:
    raw = (
        'id,text,label\nr1,"multi\nline text",spun\n\nr2,plain,original\n'
        ",no id,spun\nr3,x,y,extra\n"
    )
    p = _write(tmp_path / "d.csv", raw)
    recs = list(read_records([str(p)]))
    name = str(p)
    assert [(r.where, r.id, r.text) for r in recs[:3]] == [
        (f"{name}:2", "r1", "multi\nline text"),
        (f"{name}:5", "r2", "plain"),
        (f"{name}:6", f"{name}:6", "no id"),
    ]
    assert (
        recs[3].where == f"{name}:7" and recs[3].error is not None and "4 fields" in recs[3].error
    )


def test_csv_with_a_utf8_byte_order_mark_reads_its_first_column(tmp_path: Path) -> None:
    # Excel's "CSV UTF-8" export starts with a byte-order mark, here before the text column
    p = _write(tmp_path / "excel.csv", codecs.BOM_UTF8 + f'text,id\n"{PROSE}",r1\n'.encode())
    rec = _only(list(read_records([str(p)])))
    assert (rec.id, rec.text, rec.error) == ("r1", PROSE, None)


def test_a_malformed_csv_header_is_one_error_not_silence(tmp_path: Path) -> None:
    p = _write(tmp_path / "h.csv", f'"text" x,id\n"{PROSE}",r1\n')
    rec = _only(list(read_records([str(p)])))
    assert rec.where == f"{p}:1"
    assert rec.error is not None and rec.error.startswith("malformed CSV header")


def test_csv_missing_text_column_reported_once(tmp_path: Path) -> None:
    p = _write(tmp_path / "d.csv", "id,body\n1,hello\n2,world\n")
    rec = _only(list(read_records([str(p)])))
    assert rec.where == f"{p}:1" and rec.error is not None and 'no "text" column' in rec.error


def test_csv_bad_bytes_in_one_row_only(tmp_path: Path) -> None:
    p = _write(tmp_path / "d.csv", b"id,text\n1,good\n2,caf\xe9\n3,fine\n")
    recs = list(read_records([str(p)]))
    assert [r.ok for r in recs] == [True, False, True]
    assert recs[1].where == f"{p}:3" and "not UTF-8" in (recs[1].error or "")


def test_csv_malformed_rows_reported_and_the_rest_kept(tmp_path: Path) -> None:
    # text after a closing quote is one bad row; the rows after it are still read
    p = _write(tmp_path / "d.csv", 'id,text\n1,good\n2,"quoted" tail\n3,fine\n')
    recs = list(read_records([str(p)]))
    assert [(r.where, r.ok) for r in recs] == [
        (f"{p}:2", True),
        (f"{p}:3", False),
        (f"{p}:4", True),
    ]
    assert "malformed CSV" in (recs[1].error or "") and recs[2].text == "fine"
    # a quote that never closes is reported where it opens, with the lines it cost, not read
    # as one long text
    p = _write(tmp_path / "e.csv", 'id,text\n1,good\n2,"never closed\n3,lost\n')
    recs = list(read_records([str(p)]))
    assert [(r.where, r.ok) for r in recs] == [(f"{p}:2", True), (f"{p}:3-4", False)]
    assert "never closes" in (recs[1].error or "") and "lines 3-4 skipped" in (recs[1].error or "")


def test_tsv_and_long_fields(tmp_path: Path) -> None:
    long_text = "word " * 60_000  # over the csv module's default 128 KiB field limit
    p = _write(tmp_path / "d.tsv", f"text\tid\n{long_text}\tbig\n")
    rec = _only(list(read_records([str(p)])))
    assert rec.id == "big" and rec.text == long_text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("d.csv", "", "no records (empty)"),
        ("d.csv", "id,text\n", "no records (a header and no rows)"),
        ("d.tsv", "id\ttext\n\n\n", "no records (a header and no rows)"),
        ("d.jsonl", "", "no records (empty)"),
        ("d.jsonl", "\n  \n\r\n", "no records (only blank lines)"),
    ],
)
def test_an_input_without_records_is_one_error_that_says_so(
    tmp_path: Path, name: str, data: str, reason: str
) -> None:
    """A 0-byte shard from a failed export, or a header alone, is said: it used to give no
    record and no message, where an empty text file is an error."""
    p = _write(tmp_path / name, data)
    rec = _only(list(read_records([str(p)])))
    assert (rec.where, rec.error) == (str(p), reason)


# ---------------------------------------------------------------- compressed inputs
def _rows(n: int) -> bytes:
    return "".join(
        json.dumps({"id": i, "text": f"{PROSE} ({i})"}) + "\n" for i in range(n)
    ).encode()


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", "gzip"), (".bz2", "bz2"), (".xz", "lzma")],
)
def test_compressed_jsonl_csv_and_text_are_read_transparently(
    tmp_path: Path, suffix: str, compress: str
) -> None:
    import importlib

    pack = importlib.import_module(compress).compress
    jsonl = _write(tmp_path / f"docs.jsonl{suffix}", pack(_rows(3)))
    tsv = _write(tmp_path / f"docs.tsv{suffix}", pack(f"id\ttext\n7\t{PROSE}\n".encode()))
    txt = _write(tmp_path / f"one.txt{suffix}", pack(PROSE.encode()))
    assert format_for(jsonl) == "jsonl" and format_for(tsv) == "csv" and format_for(txt) == "text"
    recs = list(read_records([str(jsonl), str(tsv), str(txt)]))
    assert [r.error for r in recs] == [None] * 5
    assert [r.id for r in recs] == ["0", "1", "2", "7", str(txt)]
    assert recs[0].text == f"{PROSE} (0)" and recs[3].text == PROSE == recs[4].text
    assert input_size([str(jsonl)]) is None  # its size on disk says nothing of its content


def test_compressed_stdin_is_recognised_by_its_first_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    stream = io.BufferedReader(io.BytesIO(gzip.compress(_rows(2))))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    recs = list(read_records([], input_format="jsonl"))
    assert [r.text for r in recs] == [f"{PROSE} (0)", f"{PROSE} (1)"]


def test_a_damaged_compressed_file_keeps_what_came_before_the_damage(tmp_path: Path) -> None:
    import gzip

    data = gzip.compress(_rows(400))
    path = _write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    recs = list(read_records([str(path)]))
    good, bad = [r for r in recs if r.ok], [r for r in recs if not r.ok]
    assert len(good) > 10 and [r.id for r in good] == [str(i) for i in range(len(good))]
    assert len(bad) == 1 and "truncated compressed data" in (bad[0].error or "")
    assert bad[0].where == str(path)
    # where the data stopped is said: the lines before it were all read
    assert f"read error after line {len(good)}, the rest" in (bad[0].error or "")


def test_a_gz_name_alone_decides_nothing(tmp_path: Path) -> None:
    plain = _write(tmp_path / "note.txt.gz", PROSE)  # not compressed at all: read as it is
    assert _only(list(read_records([str(plain)]))).text == PROSE


def _zstd(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    return bytes(zstandard.ZstdCompressor().compress(data))


def test_zstd_jsonl_and_text_are_read_frame_after_frame(tmp_path: Path) -> None:
    rows = _rows(6)
    half = rows.index(b"\n", len(rows) // 2) + 1
    jsonl = _write(tmp_path / "docs.jsonl.zst", _zstd(rows[:half]) + _zstd(rows[half:]))
    txt = _write(tmp_path / "one.txt.zst", _zstd(PROSE.encode()))
    assert format_for(jsonl) == "jsonl" and format_for(txt) == "text"
    recs = list(read_records([str(jsonl), str(txt)]))
    assert [r.error for r in recs] == [None] * 7
    assert [r.id for r in recs] == [*map(str, range(6)), str(txt)]
    assert recs[5].text == f"{PROSE} (5)" and recs[6].text == PROSE


def test_a_cut_or_damaged_zstd_file_keeps_what_came_before(tmp_path: Path) -> None:
    import os

    # incompressible text, so the file holds many blocks and the cut falls inside the frame
    rows = "".join(
        json.dumps({"id": i, "text": f"{PROSE} {os.urandom(40).hex()}"}) + "\n"
        for i in range(2000)  # 410 KB: four blocks of at most 128 KiB
    ).encode()
    data = _zstd(rows)
    cut = _write(tmp_path / "cut.jsonl.zst", data[: len(data) // 2])
    recs = list(read_records([str(cut)]))
    good, bad = [r for r in recs if r.ok], [r for r in recs if not r.ok]
    assert len(good) > 10 and [r.id for r in good] == [str(i) for i in range(len(good))]
    assert len(bad) == 1 and "truncated" in (bad[0].error or "")
    damaged = _write(tmp_path / "bad.jsonl.zst", data[:6] + b"\xff" * 64 + data[70:])
    rec = _only(list(read_records([str(damaged)])))
    assert not rec.ok and "damaged zstd data" in (rec.error or "")


def test_zstd_stdin_is_sniffed_as_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    from spundetect.io import sniff_stdin

    stream = io.BufferedReader(io.BytesIO(_zstd(_rows(2))))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    assert sniff_stdin() == "jsonl"
    recs = list(read_records([], input_format="jsonl"))
    assert [r.text for r in recs] == [f"{PROSE} (0)", f"{PROSE} (1)"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (f'id,text,url\r\n1,"{PROSE}",u\r\n', "csv"),
        (f'\ufefftext,id\n"{PROSE}",1\n', "csv"),  # Excel's byte-order mark
        (f'id,body\n1,"{PROSE}"\n', None),  # no column of the text field's name
        ("Text, context and meaning: a lecture.\nIt begins here.\n", None),  # prose
        ("text,id", None),  # a line with no end: not yet a header
        (f'id,"text\n1,"{PROSE}"\n', None),  # a quote that does not close on the line
        (f'id\ttext\n1\t"{PROSE}"\n', "tsv"),  # a TSV field quoted whole is unquoted
        (f"id\tbody\n1\t{PROSE}\n", None),
        (f"Text\tand more, with {PROSE}\nnext\n", None),
    ],
)
def test_csv_on_stdin_is_sniffed_by_a_header_naming_the_text_column(
    monkeypatch: pytest.MonkeyPatch, data: str, kind: str | None
) -> None:
    from spundetect.io import sniff_stdin

    stream = io.BufferedReader(io.BytesIO(data.encode()))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    assert sniff_stdin() is None  # asked for no column: CSV is never guessed
    assert sniff_stdin("text") == kind
    if kind is not None:
        headers: list[tuple[str, tuple[str, ...], bool]] = []
        records = read_records(
            ["-"],
            stdin_format=kind,
            on_header=lambda n, names, _, tsv: headers.append((n, names, tsv)),
        )
        rec = _only(list(records))
        assert rec.text == PROSE and rec.id == "1"
        assert headers[0][0] == "<stdin>" and "text" in headers[0][1]
        assert headers[0][2] == (kind == "tsv")


@pytest.mark.parametrize("compress", ["gzip", "bz2", "lzma", "zstd"])
def test_compressed_stdin_larger_than_its_buffer_is_sniffed_and_read_whole(
    monkeypatch: pytest.MonkeyPatch, compress: str
) -> None:
    """bzip2 and zstd give nothing until a whole block is in, and a block is larger than
    what stdin has buffered: sniffing reads further, and every row is still read."""
    import importlib
    import os

    from spundetect.io import sniff_stdin

    rows = "".join(
        json.dumps({"id": i, "text": f"{PROSE} {os.urandom(30).hex()}"}) + "\n"
        for i in range(1500)  # ~210 kB of text that compresses to ~60 kB
    ).encode()
    packed = _zstd(rows) if compress == "zstd" else importlib.import_module(compress).compress(rows)
    assert len(packed) > 3 * io.DEFAULT_BUFFER_SIZE
    stream = io.BufferedReader(io.BytesIO(packed))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    assert sniff_stdin() == "jsonl"
    recs = list(read_records(["-"], stdin_format="jsonl"))
    assert [r.id for r in recs] == [str(i) for i in range(1500)]
    assert all(r.ok for r in recs)


def test_sniffing_compressed_stdin_that_is_not_jsonl_loses_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bz2

    from spundetect.io import sniff_stdin

    text = " ".join(f"{PROSE} ({i})" for i in range(2000))
    stream = io.BufferedReader(io.BytesIO(bz2.compress(text.encode())))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    assert sniff_stdin() is None
    assert _only(list(read_records(["-"]))).text == text


def test_zstd_without_a_decompressor_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spundetect.io as sio

    def missing() -> Any:
        raise sio.CompressedError(sio._ZSTD_MISSING)

    monkeypatch.setattr(sio, "_zstd_backend", missing)
    zst = _write(tmp_path / "docs.jsonl.zst", b"\x28\xb5\x2f\xfd" + b"\x00" * 20)
    rec = _only(list(read_records([str(zst)], input_format="jsonl")))
    assert not rec.ok and "pip install 'spundetect[zstd]'" in (rec.error or "")
    assert "zstd -dc" in (rec.error or "")


def test_html_field_reads_each_rows_visible_text(tmp_path: Path) -> None:
    page = f"<div><nav>Home</nav><p>{PROSE.replace('the', '&#116;he', 1)} &amp; more.</p></div>"
    path = _write(tmp_path / "c.jsonl", json.dumps({"id": 1, "html": page}) + "\n")
    rec = _only(list(read_records([str(path)], text_field="html", html_field=True)))
    assert rec.text == PROSE + " & more."
    raw = _only(list(read_records([str(path)], text_field="html")))
    assert raw.text == page


def test_html_comment_sections_are_left_out_by_their_names() -> None:
    page = (
        "<article><p>The council agreed to repair the bridge.</p>"
        '<p>A <span class="comment">gloss</span> stays.</p></article>'
        '<div id="comments" class="comments-area"><h2>3 comments</h2>'
        '<ol class="comment-list"><li>great read. i had no idea</li></ol>'
        '<div id="respond">Leave a Reply</div></div>'
        '<section class="post comments_section">two more</section>'
        '<div id="disqus_thread">loading</div><p>After the thread.</p>'
    )
    assert html_to_text(page) == (
        "The council agreed to repair the bridge.\n\nA gloss stays.\n\nAfter the thread."
    )


def test_messages_for_an_empty_label_and_an_unterminated_string(tmp_path: Path) -> None:
    rows = [
        json.dumps({"text": PROSE, "label": ""}),
        json.dumps({"text": PROSE}),
        '{"text": "never closed}',
    ]
    p = _write(tmp_path / "l.jsonl", "\n".join(rows) + "\n")
    errors = [r.error for r in read_records([str(p)], label_field="label")]
    assert errors[0] == '"label" is empty'  # it said the field was missing
    assert errors[1] == 'no "label" field; choose the label column with --label-field'
    assert errors[2] == "malformed JSON (Unterminated string starting at column 10)"  # "at at"


# ---------------------------------------------------------------- hostile input (session 39 audit)
def test_a_jsonl_integer_over_4300_digits_costs_nothing(tmp_path: Path) -> None:
    """CPython refuses to read such an int (a plain ValueError, not a JSONDecodeError): it
    aborted the whole run. The line is valid JSON; the field is read as a number."""
    big = "9" * 4301
    lines = [
        json.dumps({"id": "a", "text": PROSE}),
        f'{{"id": "b", "text": "{PROSE}", "page": {big}}}',
        f'{{"id": {big}, "text": "{PROSE}", "group": {big}}}',
        f'{{"id": "d", "text": {big}}}',
        json.dumps({"id": "e", "text": PROSE}),
    ]
    p = _write(tmp_path / "big.jsonl", "\n".join(lines) + "\n")
    recs = list(read_records([str(p)], group_field="group"))
    assert [(r.id, r.ok) for r in recs] == [
        ("a", True),
        ("b", True),
        (big, True),
        (f"{p}:4", False),
        ("e", True),
    ]
    assert recs[2].group == big and recs[3].error == '"text" is a number, not a string'


def test_a_csv_whose_lines_end_in_a_carriage_return_alone_is_read(tmp_path: Path) -> None:
    # Excel's "CSV (Macintosh)", or one such row among others: it was one malformed row
    mac = tmp_path / "mac.csv"
    mac.write_bytes(f'id,text\ra,"{PROSE}"\rb,"two\rlines"\r'.encode())
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(f'id,text\na,"{PROSE}"\rb,"{PROSE}"\r\nc,"{PROSE}"\n'.encode())
    got = [(r.id, r.text) for r in read_records([str(mac)])]
    assert got == [("a", PROSE), ("b", "two\rlines")]
    assert [(r.id, r.ok) for r in read_records([str(mixed)])] == [(k, True) for k in "abc"]


def test_a_one_column_csv_keeps_its_empty_rows_and_skips_its_blank_lines(tmp_path: Path) -> None:
    # '""' and '"   "' are rows of a one-column file (they vanished, neither kept nor
    # rejected, as if they were blank lines); a blank line is still no row
    p = _write(tmp_path / "one.csv", f'text\n"{PROSE}"\n""\n\n"   "\n   \n')
    recs = list(read_records([str(p)]))
    assert [(r.where, (r.text or "").strip()) for r in recs] == [
        (f"{p}:2", PROSE), (f"{p}:3", ""), (f"{p}:5", ""),
    ]  # fmt: skip


def test_a_padded_group_is_its_group_and_a_blank_one_none(tmp_path: Path) -> None:
    # a spreadsheet pads its cells: "g7 " was a group of its own, so one family's rows fell on
    # both sides of the held-out split; a blank cell was one group shared by every such row
    rows = [("g7", "a"), ("g7 ", "b"), ("  ", "c"), (" g8", "d")]
    p = _write(
        tmp_path / "groups.csv",
        "text,group,id\n" + "".join(f'"{PROSE}","{g}",{i}\n' for g, i in rows),
    )
    recs = list(read_records([str(p)], group_field="group"))
    assert [r.group for r in recs] == ["g7", "g7", None, "g8"]


# A group (generator, source) that is not a string is kept as its JSON, written with json.dumps,
# which needs more of the stack than json.loads took to read it: a list nested a little under
# the depth that makes a line "malformed JSON (nested too deeply)" was read, then raised a
# RecursionError writing it back, and `spundetect train --group-field` ended the whole run.
# Every line of a sweep over the depths around the limit is a record, and the run goes on.
# (Python 3.12+ count C recursion apart, and there every line of this sweep is read.)
def test_a_group_nested_too_deeply_to_write_is_an_error_record(tmp_path: Path) -> None:
    depths = range(sys.getrecursionlimit() - 150, sys.getrecursionlimit() + 10)
    lines = [f'{{"text": "{PROSE}", "group": {"[" * d}{"]" * d}}}' for d in depths]
    p = _write(tmp_path / "deep.jsonl", "\n".join([*lines, json.dumps({"text": PROSE})]) + "\n")
    recs = list(read_records([str(p)], group_field="group"))
    assert [r.where for r in recs] == [f"{p}:{k}" for k in range(1, len(depths) + 2)]
    for r in recs[:-1]:
        assert r.ok or "nested too deeply" in (r.error or ""), r.error
    assert recs[-1].text == PROSE


def test_closed_stdin_costs_only_the_input_that_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started with fd 0 closed (cron, daemons, `<&-`), Python sets sys.stdin to None:
    every read failed with an AttributeError, files too."""
    from spundetect.io import sniff_stdin

    monkeypatch.setattr(sys, "stdin", None)
    text = _write(tmp_path / "a.txt", PROSE)
    rows = _write(tmp_path / "b.jsonl", _rows(1))
    packed = _write(tmp_path / "c.txt.gz", __import__("gzip").compress(PROSE.encode()))
    recs = list(read_records([str(text), "-", str(rows), str(packed)]))
    assert [(r.where, r.error) for r in recs] == [
        (str(text), None),
        ("<stdin>", "stdin is closed"),
        (f"{rows}:1", None),
        (str(packed), None),
    ]
    (rec,) = read_records(["-"], stdin_format="jsonl")
    assert rec.error == "stdin is closed"
    assert sniff_stdin() is None


def test_tsv_is_read_one_row_a_line_without_quoting(tmp_path: Path) -> None:
    """A text that opens with a quote swallowed the rows after it, up to one that ends with a
    quote, with no message. A whole field quoted CSV-style (Excel, pandas) is unquoted."""
    rows = [
        ("a", PROSE),
        ("b", f'"Nothing is certain," she said. {PROSE}'),
        ("c", PROSE),
        ("d", f'{PROSE} As one official put it, "we are done."'),
        ("e", '"He said ""hi"" twice."'),
    ]
    p = _write(tmp_path / "q.tsv", "id\ttext\n" + "".join(f"{i}\t{t}\n" for i, t in rows))
    recs = list(read_records([str(p)]))
    assert [(r.id, r.text) for r in recs] == [*rows[:4], ("e", 'He said "hi" twice.')]
    # a text cannot run over lines: the line that is not a row says why
    p = _write(tmp_path / "m.tsv", f"id\ttext\na\t{PROSE}\nsecond paragraph\nb\t{PROSE}\n")
    recs = list(read_records([str(p)]))
    assert [(r.where, r.ok) for r in recs] == [
        (f"{p}:2", True),
        (f"{p}:3", False),
        (f"{p}:4", True),
    ]
    assert "a .tsv is read one row a line, without quoting" in (recs[1].error or "")


def test_input_format_tsv_reads_tab_separated_rows_whatever_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database export or a ``paste`` output named ``.txt`` was read as one document, and
    with ``csv`` as one column of tab-joined text; ``tsv`` reads it one row a line. A folder
    walk under ``tsv`` takes its ``.tsv`` files, not its CSV ones."""
    body = f'id\ttext\na\t"Quoted," she said. {PROSE}\nb\t{PROSE}\n'
    p = _write(tmp_path / "export.txt", body)
    assert [r.id for r in read_records([str(p)])] == [str(p)]  # by its name: one document
    recs = list(read_records([str(p)], input_format="tsv"))
    assert [(r.id, r.text) for r in recs] == [("a", f'"Quoted," she said. {PROSE}'), ("b", PROSE)]
    assert [r.raw for r in recs] == [line.encode() + b"\n" for line in body.splitlines()[1:]]
    assert csv_header(str(p), tsv=True) == (("id", "text"), b"id\ttext\n")
    as_csv = csv_header(str(p))
    assert as_csv is not None and as_csv[0] == ("id\ttext",)  # one column, tabs and all
    seen: list[bool] = []
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body.encode())))
    got = read_records(["-"], input_format="tsv", on_header=lambda *a: seen.append(a[3]))
    assert [r.text for r in got] == [r.text for r in recs] and seen == [True]
    walked = tmp_path / "walk"
    _write(walked / "x.tsv", body)
    _write(walked / "y.csv", f"id,text\nc,{PROSE}\n")
    assert [r.id for r in read_records([str(walked)], input_format="tsv")] == ["a", "b"]
    assert sorted(r.id for r in read_records([str(walked)], input_format="csv")) == ["a", "b", "c"]


def test_a_csv_quote_that_runs_on_names_every_line_it_cost(tmp_path: Path) -> None:
    """A quote left open on row b ran on into row c: c was lost and named nowhere, and with
    multi-line texts the reader went on from the middle of c's text."""
    q = PROSE.replace(" the ", ' the "')  # a text with a stray quote in it
    p = _write(
        tmp_path / "u.csv",
        f'id,text\na,"{PROSE}"\nb,"{PROSE}\nc,"{PROSE}"\nd,"{PROSE}"\n',
    )
    recs = list(read_records([str(p)]))
    assert [(r.where, r.id, r.ok) for r in recs] == [
        (f"{p}:2", "a", True),
        (f"{p}:3", f"{p}:3", False),
        (f"{p}:4", "c", True),
        (f"{p}:5", "d", True),
    ]
    assert "runs on to line 4, which starts the next row" in (recs[1].error or "")
    # multi-line texts: the bad row's lines are named as a range; the next row is whole
    para = f"{PROSE}\n\n{PROSE}"
    p = _write(
        tmp_path / "m.csv",
        f'id,text\na,"{para}"\nb,"{para}, {para}\nc,"{para}"\nd,"{q}"x\ne,"{para}"\n',
    )
    recs = list(read_records([str(p)]))
    assert [(r.where, r.ok) for r in recs] == [
        (f"{p}:2", True),
        (f"{p}:5-9", False),
        (f"{p}:10", True),
        (f"{p}:13", False),
        (f"{p}:14", True),
    ]
    assert [r.id for r in recs if r.ok] == ["a", "c", "e"]
    assert recs[2].text == para and "lines 5-9 skipped" in (recs[1].error or "")


def test_csv_rows_keep_their_lines_as_read(tmp_path: Path) -> None:
    """``filter`` writes a CSV row as it was read: each record's ``raw`` is its lines, quoting,
    undecodable bytes and line end kept; a bad row's are its own lines, not the next row's,
    which a quote that runs on reached into."""
    body = f'a,"{PROSE}\n\nsecond ""para"""\r\nb,"{PROSE}\r\nc,"plain"\r\nd,caf\xe9\r\ne,last'
    p = _write(tmp_path / "u.csv", b"\xef\xbb\xbfid,text\r\n" + body.encode("latin-1"))
    recs = list(read_records([str(p)]))
    bad = [f"{p}:5", f"{p}:7"]
    assert [(r.id, r.ok) for r in recs] == [
        ("a", True),
        (bad[0], False),
        ("c", True),
        (bad[1], False),
        ("e", True),
    ]
    assert [r.raw for r in recs] == [
        f'a,"{PROSE}\n\nsecond ""para"""\r\n'.encode(),
        f'b,"{PROSE}\r\n'.encode(),
        b'c,"plain"\r\n',
        b"d,caf\xe9\r\n",  # as read, not as decoded
        b"e,last",  # the file's end
    ]
    assert recs[0].text == f'{PROSE}\n\nsecond "para"'
    # the header as filter writes it: its names, and its line with its end, after the
    # byte-order mark the file had (UTF-16's as UTF-8's: filter writes UTF-8)
    assert csv_header(str(p)) == (("id", "text"), b"\xef\xbb\xbfid,text\r\n")
    utf16 = _write(tmp_path / "w.csv", "\ufeffid,t\u00e9xt\r\n1,x\r\n".encode("utf-16-le"))
    assert csv_header(str(utf16)) == (("id", "t\u00e9xt"), "\ufeffid,t\u00e9xt\r\n".encode())
    assert csv_header(str(_write(tmp_path / "t.tsv", "id\t text \n"))) == (
        ("id", "text"),
        b"id\t text \n",
    )
    assert csv_header(str(_write(tmp_path / "h.csv", "id,text"))) == (("id", "text"), b"id,text\n")
    for unread in (b"", b'"id,text\n', codecs.BOM_UTF32_LE + "id,text\n".encode("utf-32-le")):
        assert csv_header(str(_write(tmp_path / "x.csv", unread))) is None
    assert csv_header(str(tmp_path / "missing.csv")) is None


def test_stdin_sniffing_decodes_utf16_and_waits_for_a_whole_first_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """UTF-16 JSON Lines on stdin were one prose text; so was a stream whose first write
    held only "{" (one peek decided)."""
    import os
    import threading
    import time

    from spundetect.io import sniff_stdin

    data = codecs.BOM_UTF16_LE + _rows(2).decode().encode("utf-16-le")
    stream = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    assert sniff_stdin() == "jsonl"
    assert [r.id for r in read_records(["-"], stdin_format="jsonl")] == ["0", "1"]

    r, w = os.pipe()

    def slow_writer() -> None:
        os.write(w, b"{")
        time.sleep(0.3)
        os.write(w, _rows(3)[1:])
        os.close(w)

    writer = threading.Thread(target=slow_writer)
    writer.start()
    monkeypatch.setattr(sys, "stdin", open(r, encoding="utf-8"))  # noqa: SIM115
    try:
        assert sniff_stdin() == "jsonl"
        assert [r.id for r in read_records(["-"], stdin_format="jsonl")] == ["0", "1", "2"]
    finally:
        writer.join()
        sys.stdin.close()


def test_a_jsonl_file_opening_with_a_list_loses_only_that_line(tmp_path: Path) -> None:
    # only a .json file may be one JSON document; a .jsonl line that is a list is one bad line
    p = _write(tmp_path / "d.jsonl", "[1, 2]\n" + json.dumps({"text": PROSE}) + "\n")
    recs = list(read_records([str(p)]))
    assert [(r.where, r.error) for r in recs] == [
        (f"{p}:1", "expected a JSON object, got a list"),
        (f"{p}:2", None),
    ]


def test_json_files_are_read_as_json_lines_and_a_json_array_is_said(tmp_path: Path) -> None:
    """`Dataset.to_json()` writes JSON Lines named .json: they were one prose document."""
    lines = _write(tmp_path / "export.json", _rows(2))
    assert format_for(lines) == "jsonl"
    assert [r.id for r in read_records([str(lines)])] == ["0", "1"]
    array = _write(tmp_path / "arr.json", json.dumps([{"id": 1, "text": PROSE}], indent=2))
    rec = _only(list(read_records([str(array)])))
    assert rec.where == str(array) and (rec.error or "").startswith("a JSON array, not JSON Lines")
    assert "jq -c '.[]'" in (rec.error or "")
    pretty = _write(tmp_path / "one.json", json.dumps({"id": 1, "text": PROSE}, indent=2))
    rec = _only(list(read_records([str(pretty)])))
    assert "one JSON document over many lines, not JSON Lines" in (rec.error or "")
    # a folder's .json files are not taken for shards (dataset_info.json, configs)
    _write(tmp_path / "dir" / "a.jsonl", _rows(1))
    _write(tmp_path / "dir" / "dataset_info.json", '{\n  "features": {}\n}\n')
    recs = list(read_records([str(tmp_path / "dir")], input_format="jsonl"))
    assert [r.where for r in recs] == [f"{tmp_path / 'dir' / 'a.jsonl'}:1"]


def test_an_overlong_jsonl_line_is_skipped_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line was read whole: one huge line cost ~6x its size in memory, and an input with no
    line end at all grew until memory ran out, losing the rest of the run."""
    import spundetect.io as sio

    monkeypatch.setattr(sio, "MAX_LINE_BYTES", 4096, raising=False)
    long_line = json.dumps({"id": "huge", "text": PROSE * 100})
    p = _write(tmp_path / "h.jsonl", _rows(1) + long_line.encode() + b"\n" + _rows(1))
    consumed: list[int] = []
    recs = list(read_records([str(p)], progress=consumed.append))
    assert [(r.where, r.error) for r in recs] == [
        (f"{p}:1", None),
        (f"{p}:2", "line longer than 4,096 bytes: skipped"),
        (f"{p}:3", None),
    ]
    assert max(consumed) <= 4096 and sum(consumed) == p.stat().st_size
    # no line end at all: read a bounded piece at a time to the end, one error
    endless = _write(tmp_path / "n.jsonl", long_line * 10)
    consumed.clear()
    (rec,) = read_records([str(endless)], progress=consumed.append)
    assert rec.where == f"{endless}:1" and max(consumed) <= 1 << 20


def test_an_overlong_csv_line_or_row_is_skipped_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV line was read whole, and a quote that never closed gathered the rest of the file
    into one field: a 200 MB line cost 1.7 GB. Now a line or a row over the cap is named and
    reading goes on, a bounded piece at a time."""
    import spundetect.io as sio

    monkeypatch.setattr(sio, "MAX_LINE_BYTES", 4096, raising=False)
    ok = f'"{PROSE}"'
    long = PROSE * 100
    p = _write(
        tmp_path / "h.csv",
        "\n".join(
            [
                "id,text",
                f"a,{ok}",
                f'b,"{long}"',  # one line over the cap: line 3
                f"c,{ok}",
                'd,"first line',  # a quoted field over three lines, the middle one too long
                long,
                'last line"',
                f"e,{ok}",
                'f,"a quote that runs on',  # then many short lines: over the cap in all
                *[PROSE] * 60,
                f"g,{ok}",  # its quote ends the runaway field: read as the row it is
                'h,"a quote that never closes',
                *[PROSE] * 60,
            ]
        )
        + "\n",
    )
    consumed: list[int] = []
    recs = list(read_records([str(p)], progress=consumed.append))
    got = [
        (r.id if r.error is None else None, r.where.removeprefix(f"{p}:"), r.error) for r in recs
    ]
    assert got[:5] == [
        ("a", "2", None),
        (None, "3", "line longer than 4,096 bytes: skipped"),
        ("c", "4", None),
        (None, "5-7", "line 6 longer than 4,096 bytes: lines 5-7 skipped"),
        ("e", "8", None),
    ], got
    assert got[5:] == [
        (
            None,
            "9-69",
            "a row longer than 4,096 bytes (a quoted field that runs on): lines 9-69 skipped",
        ),
        ("g", "70", None),
        (
            None,
            "71-131",
            "a row longer than 4,096 bytes (a quoted field that runs on): lines 71-131 skipped",
        ),
    ], got
    assert max(consumed) <= 4096 and sum(consumed) == p.stat().st_size


def test_an_overlong_line_inside_a_bad_csv_row_is_reported_once_with_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A too-long line inside a quoted field that turns out malformed was reported twice: on
    its own, then again among the lines of the bad row."""
    import spundetect.io as sio

    monkeypatch.setattr(sio, "MAX_LINE_BYTES", 4096, raising=False)
    long = PROSE * 100
    p = _write(
        tmp_path / "h.csv",
        "\n".join(["id,text", 'a,"opens here', long, f'b,"{PROSE}"', 'c,"never closes', long, "x"])
        + "\n",
    )
    recs = list(read_records([str(p)]))
    got = [(r.where.removeprefix(f"{p}:"), r.error) for r in recs]
    too_long = "longer than 4,096 bytes"
    assert got[0][0] == "2-3" and "runs on to line 4" in got[0][1]
    assert f"line 3 {too_long}" in got[0][1]
    assert got[1] == ("4", None) and recs[1].id == "b"
    assert got[2][0] == "5-7" and "never closes" in got[2][1] and f"line 6 {too_long}" in got[2][1]
    assert len(recs) == 3  # each line named once


@pytest.mark.parametrize(
    ("rows", "where", "error"),
    [
        ([f'a,"{PROSE * 100}"'], "2", "line longer than 4,096 bytes"),
        (['a,"never closes', *[PROSE] * 60], "2-62", "a row longer than 4,096 bytes"),
        (['a,"closed" then more'], "2", "malformed CSV"),
    ],
)
def test_a_csv_whose_only_row_is_bad_says_that_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[str], where: str, error: str
) -> None:
    import spundetect.io as sio

    monkeypatch.setattr(sio, "MAX_LINE_BYTES", 4096, raising=False)
    p = _write(tmp_path / "r.csv", "\n".join(["id,text", *rows]) + "\n")
    rec = _only(list(read_records([str(p)])))  # not also "no records (a header and no rows)"
    assert rec.where == f"{p}:{where}"
    assert rec.error is not None and rec.error.startswith(error)


def test_a_malformed_line_holding_a_huge_integer_is_an_error_record(tmp_path: Path) -> None:
    big = "9" * 5000  # over CPython's 4,300 digits: read again with integers of any length
    p = _write(tmp_path / "d.jsonl", f'{{"n": {big}, "text": }}\n{{"text": "{PROSE}"}}\n')
    recs = list(read_records([str(p)]))
    assert [r.where for r in recs] == [f"{p}:1", f"{p}:2"]
    assert recs[0].error is not None and recs[0].error.startswith("malformed JSON")
    assert recs[1].text == PROSE


def test_a_character_device_is_not_drained_forever() -> None:
    """`spundetect score /dev/zero` read its 8 MiB, then drained the device forever."""
    code = "from spundetect.io import read_document; print(read_document('/dev/zero').error)"
    env = {**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    p = __import__("subprocess").run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, env=env
    )
    assert p.stdout.strip() == "binary file (NUL bytes), not text", p.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv"])
def test_an_endless_or_binary_line_stops_the_file_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """``/dev/zero`` read as JSON Lines or CSV was read until interrupted (an overlong line
    was skipped to its end, which never came), and a small .bz2 of one endless line took
    minutes. A binary overlong line stops its file at once, any other past MAX_SKIP_BYTES;
    the files after it are read."""
    import spundetect.io as sio

    monkeypatch.setattr(sio, "MAX_LINE_BYTES", 4096, raising=False)
    monkeypatch.setattr(sio, "MAX_SKIP_BYTES", 1_500_000, raising=False)
    head = _rows(1) if fmt == "jsonl" else b"text\n" + PROSE.encode() + b"\n"
    binary = _write(tmp_path / f"z.{fmt}", head + b"\x00" * 100_000 + b"\n" + head)
    endless = _write(tmp_path / f"e.{fmt}", head + b"a" * 4_000_000 + b"\n" + head)
    after = _write(tmp_path / f"ok.{fmt}", head)
    opts = {} if fmt == "jsonl" else {"input_format": fmt}
    recs = list(read_records([str(binary), str(endless), str(after)], **opts))  # type: ignore[arg-type]
    bad = [r for r in recs if r.error is not None]
    assert [r.where for r in bad] == [str(binary), str(endless)]
    assert "binary data (NUL bytes)" in str(bad[0].error)
    assert "a line longer than" in str(bad[1].error)
    assert all("the rest of the input was not read" in str(r.error) for r in bad)
    assert [r.where.rsplit(":", 1)[0] for r in recs if r.ok] == [
        str(binary),
        str(endless),
        str(after),
    ]


def test_a_compressed_file_is_not_unpacked_past_what_is_read(tmp_path: Path) -> None:
    """The rest of a plain text was drained to count it, a compressed one too: a 786-byte
    .bz2 that unpacks to gigabytes took 12 s. A named compressed file is read up to the cap."""
    import bz2

    import spundetect.io as sio

    path = tmp_path / "big.txt.bz2"
    path.write_bytes(bz2.compress(PROSE.encode() * 200_000))
    rec = read_document(str(path))
    assert rec.ok and rec.note is not None
    assert f"only the first {sio.MAX_TEXT_BYTES:,} of more than {sio.MAX_TEXT_BYTES:,}" in rec.note


def test_an_endless_pipe_is_drained_only_so_far(monkeypatch: pytest.MonkeyPatch) -> None:
    """`yes | spundetect score` drained stdin forever after reading its 8 MiB."""
    import spundetect.io as sio

    monkeypatch.setattr(sio, "MAX_TEXT_BYTES", 100)
    monkeypatch.setattr(sio, "MAX_DRAIN_BYTES", 1000, raising=False)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"word " * 10_000)))
    rec = read_document("-")
    assert rec.note == "only the first 100 of more than 1,100 bytes were read"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"word " * 100)))
    assert read_document("-").note == "only the first 100 of 500 bytes were read"


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_named_as_such(tmp_path: Path, codec: str) -> None:
    """A UTF-32 byte-order mark begins with UTF-16's: the text was decoded as UTF-16 and
    called binary; a UTF-32 JSONL gave one "binary" error a line and one more."""
    what = "UTF-32 text" if codec == "utf-32" else "UTF-32 text without a byte-order mark"
    txt = _write(tmp_path / "u.txt", f"{PROSE}\n".encode(codec))
    rows = _write(tmp_path / "u.jsonl", _rows(3).decode().encode(codec))
    table = _write(tmp_path / "u.csv", f"id,text\n1,{PROSE}\n".encode(codec))
    for p in (txt, rows, table):
        rec = _only(list(read_records([str(p)])))
        assert rec.where == str(p) and (rec.error or "").startswith(what), rec.error
        assert "convert it to UTF-8" in (rec.error or "")


def test_jsonl_line_messages_say_what_is_wrong(tmp_path: Path) -> None:
    """A UTF-8 BOM on a later line (`cat a.jsonl b.jsonl`) is read past; a string line is
    "a string"; NaN is not JSON; a file whose lines end in CR alone gets a hint."""
    lines = [
        json.dumps({"id": "a", "text": PROSE}).encode(),
        codecs.BOM_UTF8 + json.dumps({"id": "b", "text": PROSE}).encode(),
        b'"just a string"',
        b'{"id": "d", "text": NaN}',
        b'{"id": "e", "text": "' + PROSE.encode() + b'", "score": NaN}',
        b"-Infinity",
    ]
    p = _write(tmp_path / "m.jsonl", b"\n".join(lines) + b"\n")
    recs = list(read_records([str(p)]))
    assert [(r.id, r.error) for r in recs] == [
        ("a", None),
        ("b", None),
        (f"{p}:3", "expected a JSON object, got a string"),
        (f"{p}:4", '"text" is NaN (which is not JSON), not a string'),
        ("e", None),
        (f"{p}:6", "expected a JSON object, got -Infinity (which is not JSON)"),
    ]
    assert recs[1].raw == lines[1][3:]
    cr = _write(tmp_path / "cr.jsonl", _rows(3).replace(b"\n", b"\r"))
    rec = _only(list(read_records([str(cr)])))
    assert "Extra data" in (rec.error or "") and "carriage return alone" in (rec.error or "")


def test_a_utf16_jsonl_cut_after_a_last_line_without_its_line_end_keeps_it(
    tmp_path: Path,
) -> None:
    rows = _rows(3).rstrip(b"\n").decode()
    p = _write(tmp_path / "d.jsonl", codecs.BOM_UTF16_LE + rows.encode("utf-16-le") + b"x")
    recs = list(read_records([str(p)]))
    assert [r.id for r in recs if r.ok] == ["0", "1", "2"]
    assert [r.error for r in recs if not r.ok] == [
        "read error after line 3, the rest of the input was skipped "
        "(not valid UTF-16 text (truncated data))"
    ]


def test_csv_header_naming_a_used_column_twice_or_missing_the_id_column(tmp_path: Path) -> None:
    """`text,id,text` used the last "text" silently; a misspelt --id-field on a CSV made every
    id file:line without a word, though the header says the column is not there."""
    p = _write(tmp_path / "d.csv", f'text,id,text\n"{PROSE}",a,tiny\n')
    rec = _only(list(read_records([str(p)])))
    assert (rec.where, rec.error) == (
        f"{p}:1",
        'the header names "text" more than once (columns 1, 3)',
    )
    p = _write(tmp_path / "e.csv", f'url,text,text_b,text_b\nu1,"{PROSE}",x,y\n')
    assert _only(list(read_records([str(p)], id_field="url"))).id == "u1"  # unused: fine
    recs = list(read_records([str(p)], id_field="urll"))
    assert [(r.where, r.id, r.ok) for r in recs] == [
        (f"{p}:1", f"{p}:1", False),
        (f"{p}:2", f"{p}:2", True),
    ]
    assert (
        recs[0].error
        == 'no "urll" column (columns: url, text, text_b, text_b); the ids are file:line'
    )
    p = _write(tmp_path / "f.csv", f'text\n"{PROSE}"\n')  # the default "id" may be absent
    assert _only(list(read_records([str(p)]))).ok


def test_a_jsonl_field_inside_an_object_is_named_by_its_path(tmp_path: Path) -> None:
    rows = [
        {"meta": {"url": "https://x.example/a", "body": {"text": PROSE}}},
        {"meta": {"url": "https://x.example/b"}},  # no text at that path
        {"meta.url": "literal", "meta": {"url": "nested", "body": {"text": PROSE}}},
        {"meta": "a string, not an object"},
    ]
    p = _write(tmp_path / "n.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    recs = list(read_records([str(p)], text_field="meta.body.text", id_field="meta.url"))
    assert recs[0].ok and recs[0].id == "https://x.example/a" and recs[0].text == PROSE
    assert recs[1].error is not None and 'no "meta.body.text" field' in recs[1].error
    assert recs[2].ok and recs[2].id == "literal"  # a key that holds the dots itself first
    assert recs[3].error is not None and 'no "meta.body.text" field' in recs[3].error


def test_a_row_reader_says_a_file_it_cannot_open_as_one_record(tmp_path: Path) -> None:
    # (read_records finds a missing path before a reader opens it; a file removed, or a
    # folder given, between the walk and the reading comes here)
    from spundetect.io import _Fields, _structured, _warc_records

    for path in (tmp_path / "gone.jsonl", tmp_path):
        recs = list(_structured(str(path), "jsonl", _Fields("text", "id", None, None), None))
        assert [(r.where, r.ok) for r in recs] == [(str(path), False)] and recs[0].error
    recs = list(_warc_records(str(tmp_path / "gone.warc"), None))
    assert [(r.where, r.ok) for r in recs] == [(str(tmp_path / "gone.warc"), False)]
    assert "no such file" in (recs[0].error or "").lower()


def test_html_end_tags_are_matched_by_count_and_the_text_is_the_same() -> None:
    """Whether an end tag closes anything was a scan of the open tags: a page of 20,000 open
    "<b>" and as many stray "</i>" took 38 s for 140 KB (quadratic; its time is in
    benchmarks/bench_worst.py). Nesting and stray end tags read as before."""
    from spundetect.io import html_to_text

    page = "<p>The council met.</p>" + "<b>" * 2000 + "</i>" * 2000 + "<p>Done now.</p>"
    assert html_to_text(page) == "The council met.\n\nDone now."
    nested = "<div><nav><b>menu</b></div><p>Seen <i>here</b> too.</i></p><head><title>x</title>"
    assert html_to_text(nested + "<body><p>After the head.</p>") == (
        "Seen here too.\n\nAfter the head."
    )


def test_folders_nested_deeper_than_the_walk_can_go_are_said_not_a_crash(
    tmp_path: Path,
) -> None:
    """``os.walk`` recurses before Python 3.12: 1,500 nested folders ended the run with a
    RecursionError ("please report it"), nothing scored. (Run with a low recursion limit,
    so a few hundred folders stand for the 1,000 of the default.)"""
    deep = tmp_path / "top"
    leaf = deep
    for _ in range(300):
        leaf = leaf / "d"
    leaf.mkdir(parents=True)
    (deep / "first.txt").write_text(PROSE)
    (leaf / "last.txt").write_text(PROSE)
    code = (
        "import sys; sys.setrecursionlimit(250); from spundetect.io import iter_paths;"
        "print([(p.rsplit('/', 1)[-1], why) for p, why in iter_paths([sys.argv[1]])])"
    )
    env = {**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    p = __import__("subprocess").run(
        [sys.executable, "-c", code, str(deep)], capture_output=True, text=True, timeout=60, env=env
    )
    assert p.returncode == 0, p.stderr
    found = __import__("ast").literal_eval(p.stdout)  # the list the child printed
    assert ("first.txt", None) in found
    deepest = ("last.txt", None) in found  # Python 3.12 on: the walk does not recurse
    assert deepest or any(why and "nested too deeply" in why for _, why in found), found


def test_a_csv_row_short_of_the_text_column_says_so(tmp_path: Path) -> None:
    """It was told its text column was missing and to choose another with --text-field."""
    p = _write(tmp_path / "s.csv", f'id,text,src\nr0,"{PROSE}",web\nr1\nr2,"{PROSE}"\n'.encode())
    recs = list(read_records([str(p)]))
    assert [(r.where, r.error) for r in recs] == [
        (f"{p}:2", None),
        (f"{p}:3", "1 field but the header has 3"),
        (f"{p}:4", None),  # (short of a column after the text's: read)
    ]
