"""PDF files read as their running prose: page furniture left out, paragraphs kept, damage said."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import pytest
from pdf_files import Line, column, content, document, pdf

from spundetect import pdf as pdfmod
from spundetect.cli import main
from spundetect.io import iter_paths, read_document, read_records
from spundetect.pdf import PdfError, pdf_text

FIRST = [
    "The council met on Tuesday and agreed to repair the old",
    "bridge before winter, after a debate that ran past midnight.",
]
SECOND = [
    "Work will start in March, and the road will stay open to buses",
    "while it goes on, the engineers said in a statement.",
]
THIRD = [
    "Residents (who had asked for the repair) welcomed the vote, and",
    "a few said the work was overdue.",
]
HEAD = ("City Herald | Local news", 72, 760, 8)


def _page(paragraphs: list[list[str]], number: int, **kw: float) -> list[Line]:
    return [HEAD, *column(paragraphs, **kw), (str(number), 300, 40, 9)]


def test_running_heads_and_page_numbers_are_left_out_and_paragraphs_kept() -> None:
    # the third paragraph starts on page 1 and runs on over the page break
    data = pdf([_page([FIRST, SECOND, THIRD[:1]], 1), _page([THIRD[1:], FIRST], 2)])
    text = pdf_text(data)
    # pages are a form feed apart (read as a line break): a paragraph runs on over it
    page_one = "\n".join([*FIRST, "", *SECOND, "", THIRD[0]])
    assert text == page_one + "\f" + "\n".join([THIRD[1], "", *FIRST])
    assert text.count("\f", 0, text.index(FIRST[0], 1)) + 1 == 2, "a span's page"


def test_paragraphs_set_in_without_space_between_are_kept_apart() -> None:
    data = pdf([column([FIRST, SECOND], gap=0, indent=18), column([THIRD], gap=0, indent=18)])
    # a page whose first line is set in opens a paragraph: "\f\n" reads as a blank line
    assert pdf_text(data) == "\n".join([*FIRST, "", *SECOND]) + "\f\n" + "\n".join(THIRD)


def test_a_single_page_drops_a_small_head_but_keeps_a_small_sentence() -> None:
    note = ("1 The vote was recorded in the minutes.", 72, 90, 8)
    data = pdf([[("Briefing note, draft 2", 72, 760, 8), *column([FIRST, SECOND]), note]])
    assert pdf_text(data) == "\n".join([*FIRST, "", *SECOND, "", note[0]])


def test_a_line_that_recurs_only_mid_page_is_prose() -> None:
    # "Page 3" mid-page and a repeated short line in the body are the writer's
    data = pdf(
        [
            [HEAD, *column([FIRST, ["Page 3"], SECOND])],
            [HEAD, *column([THIRD, ["Page 3"], SECOND])],
        ]
    )
    assert pdf_text(data).count("Page 3") == 2


def test_not_a_pdf_is_none() -> None:
    assert pdf_text(b"The council met on Tuesday.") is None
    assert pdf_text(b"") is None


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "a damaged PDF"),
        (b"%PDF-" + bytes(range(256)) * 4, "a damaged PDF"),
    ],
)
def test_damaged_files_raise_a_clear_error(data: bytes, says: str) -> None:
    with pytest.raises(PdfError, match=says):
        pdf_text(data)


def test_a_cut_file_is_read_or_refused_but_never_raises_anything_else() -> None:
    data = pdf([_page([FIRST, SECOND], 1), _page([THIRD], 2)])
    for end in range(0, len(data), 97):
        with contextlib.suppress(PdfError):
            pdf_text(data[:end])


def test_a_page_without_text_is_said_to_need_text_recognition() -> None:
    with pytest.raises(PdfError, match="no text layer"):
        pdf_text(pdf([[]]))


def test_a_password_is_said_and_an_empty_one_opens() -> None:
    from pypdf import PdfReader, PdfWriter

    def encrypted(user: str) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([column([FIRST])]))))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue()

    with pytest.raises(PdfError, match="password-protected"):
        pdf_text(encrypted("secret"))
    assert pdf_text(encrypted("")) == "\n".join(FIRST)


def test_too_many_pages_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfmod, "MAX_PAGES", 2)
    with pytest.raises(PdfError, match="3 pages"):
        pdf_text(pdf([column([FIRST])] * 3))


def test_pdfs_are_read_from_paths_directories_and_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "essays" / "a.pdf"
    good.parent.mkdir()
    good.write_bytes(pdf([column([FIRST, SECOND])]))
    bad = tmp_path / "essays" / "b.pdf"
    bad.write_bytes(b"%PDF-1.7\nnot really")
    assert [p for p, _ in iter_paths([str(good.parent)])] == [str(good), str(bad)]
    recs = list(read_records([str(good.parent)]))
    assert recs[0].ok and recs[0].text == "\n".join([*FIRST, "", *SECOND])
    assert not recs[1].ok and "a damaged PDF" in (recs[1].error or "")
    # the same bytes under another name, or on stdin, are read by their first bytes
    other = tmp_path / "upload.bin"
    other.write_bytes(good.read_bytes())
    assert read_document(str(other)).text == recs[0].text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(good.read_bytes())))
    assert read_document("-").text == recs[0].text


def test_a_pdf_too_large_to_read_whole_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spundetect.io as sio

    path = tmp_path / "big.pdf"
    path.write_bytes(pdf([column([FIRST])]) + b"%" * 4096)
    monkeypatch.setattr(sio, "MAX_HTML_BYTES", 1024)
    rec = read_document(str(path))
    assert not rec.ok and "a PDF over" in (rec.error or "")


def test_the_command_scores_pdfs_and_reports_a_bad_one_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "a.pdf"
    good.write_bytes(pdf([column([FIRST, SECOND, THIRD])]))
    bad = tmp_path / "b.pdf"
    bad.write_bytes(pdf([column([FIRST])])[:150])
    code = main(["score", str(bad), str(good), "--format", "jsonl"])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [str(good)]
    assert rows[0]["status"] == "ok" and rows[0]["n_words"] > 50
    assert str(bad) in err and "PDF" in err and "Traceback" not in err
    assert code != 0


def test_a_glyph_mapped_to_no_character_is_read_as_unreadable_not_binary() -> None:
    from spundetect import Detector

    text = pdf_text(pdf([column([FIRST, ["The word \x00\x01 was lost in the scan."]])]))
    assert text is not None and "\ufffd\ufffd" in text and "\x00" not in text
    assert Detector.load().score(text).status == "ok"


def test_a_decompression_bomb_and_deep_nesting_are_refused() -> None:
    import zlib

    shown = content(column([FIRST]))
    # the page's text, then 100 MB of spaces, Flate-compressed to about 100 KB
    bomb = zlib.compress(shown + b" " * 100_000_000, 9)
    assert pdf_text(document([(zlib.compress(shown), "/Filter /FlateDecode")])) == "\n".join(FIRST)
    with pytest.raises(PdfError, match="safety limit"):
        pdf_text(document([(bomb, "/Filter /FlateDecode")]))
    nested = b"BT /F1 11 Tf 72 700 Td " + b"[" * 50_000 + b"]" * 50_000 + b" TJ ET"
    with pytest.raises(PdfError, match="nested too deeply"):
        pdf_text(document([(nested, "")]))


def test_what_pypdf_repairs_is_not_logged_and_its_logger_is_left_as_found(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    # an encoding pypdf does not know, and a cross-reference table one byte off after it
    data = pdf([column([FIRST])]).replace(b"/WinAnsiEncoding", b"/WinAnsiEnXcoding")
    logging.getLogger("pypdf").setLevel(logging.INFO)
    with caplog.at_level(logging.DEBUG):
        text = pdf_text(data)
    assert text is not None and "council" in text
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == logging.INFO
    logging.getLogger("pypdf").setLevel(logging.NOTSET)


def test_threads_reading_pdfs_at_once_leave_pypdfs_logger_as_found() -> None:
    """Each reader once saved the level and restored it: a reader that started while another
    had it silenced saved CRITICAL and, finishing last, left it there."""
    import logging
    import threading

    data = pdf([column([FIRST])])
    logger = logging.getLogger("pypdf")
    logger.setLevel(logging.WARNING)
    start = threading.Barrier(4)
    texts: list[str | None] = []

    def read() -> None:
        start.wait()
        for _ in range(40):
            texts.append(pdf_text(data))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert len(texts) == 160 and len(set(texts)) == 1
        assert logger.level == logging.WARNING
    finally:
        logger.setLevel(logging.NOTSET)


def test_spaces_a_justified_line_spreads_are_one() -> None:
    spread = ["The council met on Tuesday,   and   agreed\tto repair the bridge."]
    assert pdf_text(pdf([column([spread])])) == (
        "The council met on Tuesday, and agreed to repair the bridge."
    )


@pytest.mark.parametrize(
    ("foot", "kept"),
    [("xiv", False), ("Page 2 of 9", False), ("- 4 -", False), ("12", False), ("Civic", True)],
)
def test_a_page_number_at_the_foot_is_left_out_and_a_word_is_not(foot: str, kept: bool) -> None:
    data = pdf([[*column([FIRST, SECOND]), (foot, 300, 40, 11)]])
    assert (foot in (pdf_text(data) or "").split("\n")) is kept


def test_a_page_that_cannot_be_read_is_left_out_and_said_and_the_rest_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from spundetect.pdf import read_pdf

    # page 2's stream is LZW-compressed garbage, which pypdf cannot unpack
    broken = (b"not LZW at all", "/Filter /LZWDecode")
    data = document(
        [(content(column([FIRST, SECOND])), ""), broken, (content(column([THIRD])), "")]
    )
    read = read_pdf(data)
    # page 2 keeps its form feed, so the third page's text is still on page 3
    assert read is not None and read.text == "\n".join([*FIRST, "", *SECOND]) + "\f\f\n" + (
        "\n".join(THIRD)
    )
    assert [n for n, _ in read.unread] == [2]
    assert read.note is not None and read.note.startswith("page 2 of 3 could not be read (")
    with pytest.raises(PdfError, match="no page could be read"):
        read_pdf(document([broken, broken]))
    path = tmp_path / "essay.pdf"
    path.write_bytes(data)
    assert main(["score", str(path), "--format", "jsonl"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["status"] == "ok" and "page 2 of 3 could not be read" in row["message"]


def test_pages_that_cost_too_much_to_interpret_are_left_out_and_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pypdf interprets every drawing instruction (~10 s a MB): a 10.5 KB PDF whose page
    unpacks to 6.6 MB took 72 s. A page over the cap, and the pages past the document's
    budget, are left out and said; the rest are read."""
    from spundetect.pdf import read_pdf

    streams = [content(column([FIRST])), content(column([SECOND]) * 3), content(column([THIRD]))]
    data = document([(s, "") for s in streams])
    monkeypatch.setattr(pdfmod, "MAX_PAGE_CONTENT_BYTES", len(streams[1]) - 1)
    read = read_pdf(data)
    assert read is not None and [n for n, _ in read.unread] == [2]
    assert "drawing instructions" in read.unread[0][1] and "\n".join(THIRD) in read.text
    monkeypatch.setattr(pdfmod, "MAX_PAGE_CONTENT_BYTES", 2 << 20)
    monkeypatch.setattr(pdfmod, "MAX_CONTENT_BYTES", len(streams[0]) + len(streams[1]))
    read = read_pdf(data)
    assert read is not None and [n for n, _ in read.unread] == [3]
    assert "the most read from one PDF" in read.unread[0][1] and THIRD[0] not in read.text


def test_pages_that_draw_one_shared_stream_are_interpreted_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A small file can give each of its pages one large content stream, which pypdf
    interpreted again for each page (a 9.4 KB PDF of 50 such pages ran for minutes)."""
    from spundetect.pdf import read_pdf

    one = document([(content(column([FIRST])), "")])
    # every page of the tree names object 3 (the one page) as its kid: three pages, one stream
    shared = one.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [3 0 R 3 0 R 3 0 R] /Count 3")
    assert shared != one
    calls = []
    real = pdfmod._page_lines
    monkeypatch.setattr(pdfmod, "_page_lines", lambda page: calls.append(1) or real(page))
    from pypdf import PdfReader

    pages: list[object] = []
    unread: list[tuple[int, str]] = []
    assert pdfmod._read_pages(PdfReader, shared, pages, unread) == 3  # type: ignore[arg-type]
    assert len(calls) == 1 and unread == [] and pages[0] == pages[1] == pages[2]
    assert [line.text for line in pages[0]] == FIRST  # type: ignore[attr-defined]
    # (each page the same lines: read whole, they are a running head, and nothing is left)
    with pytest.raises(PdfError, match="no text layer"):
        read_pdf(shared)
