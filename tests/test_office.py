"""Word-processor files (.docx, .odt) read as their body's paragraphs; other non-text files named."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from spundetect import office
from spundetect.io import iter_paths, read_document, read_records

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
T = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
PROSE = "The council met on Tuesday and agreed to repair the old bridge before winter."
MORE = "Work will start in March, and the road will stay open to buses while it goes on."


def _zip(members: dict[str, str]) -> bytes:
    """A zip of ``members``, the same bytes whenever it is made (a fixed time stamp: the
    parameters below are built at collection, and pytest-xdist's workers must agree on them)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, body)
    return buf.getvalue()


def _docx(body: str) -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": xml})


def _odt(body: str) -> bytes:
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        f'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" {T}>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": xml})


def test_docx_paragraphs_runs_tabs_and_breaks() -> None:
    body = (
        f"<w:p><w:r><w:t>{PROSE[:20]}</w:t></w:r><w:r><w:t xml:space='preserve'>{PROSE[20:]}"
        "</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Name</w:t><w:tab/><w:t>Date</w:t><w:br/><w:t>line two</w:t></w:r></w:p>"
        f"<w:p><w:hyperlink><w:r><w:t>{MORE}</w:t></w:r></w:hyperlink></w:p>"
        "<w:p></w:p>"
    )
    assert office.office_text(_docx(body)) == f"{PROSE}\n\nName\tDate\nline two\n\n{MORE}"


def test_docx_leaves_out_deleted_text_and_field_codes_and_reads_a_text_box_once() -> None:
    body = (
        "<w:p><w:r><w:t>Kept </w:t></w:r><w:del><w:r><w:delText>gone </w:delText></w:r></w:del>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>words.</w:t></w:r>"
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>In a box.</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></w:r></w:p>"
    )
    assert office.office_text(_docx(body)) == "Kept words.\n\nIn a box."


def test_docx_reads_a_box_word_writes_today_once_and_leaves_out_moved_away_text() -> None:
    # Word writes a text box twice (mc:Choice, and mc:Fallback for older readers), and a
    # moved passage where it was (w:moveFrom) and where it is (w:moveTo): each was read twice
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = "<w:txbxContent><w:p><w:r><w:t>In a box.</w:t></w:r></w:p></w:txbxContent>"
    body = (
        f"<w:p {mc}><w:r><w:t>{PROSE}</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        "<w:p><w:moveFrom><w:r><w:t>Moved. </w:t></w:r></w:moveFrom>"
        f"<w:r><w:t>{MORE}</w:t></w:r><w:moveTo><w:r><w:t> Moved.</w:t></w:r></w:moveTo></w:p>"
    )
    assert office.office_text(_docx(body)) == f"{PROSE}\n\nIn a box.\n\n{MORE} Moved."


def test_odt_leaves_out_comments() -> None:
    # a comment's author and date were read into the sentence it sits in
    comment = (
        "<office:annotation><dc:creator>Jane Reviewer</dc:creator><dc:date>2024-03-03</dc:date>"
        "<text:p>Not the text.</text:p></office:annotation>"
    )
    dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    body = f"<text:p {dc}>{PROSE}{comment} More.<office:annotation-end/></text:p>"
    assert office.office_text(_odt(body)) == f"{PROSE} More."


def test_odt_paragraphs_headings_spaces_tabs_and_notes() -> None:
    body = (
        "<text:h>A heading</text:h>"
        f"<text:p>{PROSE[:10]}<text:span>{PROSE[10:]}</text:span></text:p>"
        "<text:p>a<text:s text:c='3'/>b<text:tab/>c<text:line-break/>d<text:s/>e</text:p>"
        "<text:p>Cited<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body>"
        "</text:note> here.</text:p>"
    )
    got = office.office_text(_odt(body))
    assert got == f"A heading\n\n{PROSE}\n\na   b\tc\nd e\n\nCited here."


def test_not_a_word_processor_file_is_none_and_damage_is_said() -> None:
    assert office.office_text(PROSE.encode()) is None
    assert office.office_text(_zip({"a.txt": PROSE})) is None
    good = _docx(f"<w:p><w:r><w:t>{PROSE}</w:t></w:r></w:p>")
    with pytest.raises(office.OfficeError, match=r"a damaged \.docx, \.odt or zip file"):
        office.office_text(good[: len(good) // 2])
    with pytest.raises(office.OfficeError, match="not well-formed XML"):
        office.office_text(_docx("<w:p><w:r><w:t>open</w:r></w:p>"))


def test_a_document_type_and_an_oversized_part_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(office.OfficeError, match="declares a document type"):
        office.office_text(_zip({"word/document.xml": bomb}))
    monkeypatch.setattr(office, "MAX_XML_BYTES", 1000)
    big = _docx("".join(f"<w:p><w:r><w:t>{PROSE}</w:t></w:r></w:p>" for _ in range(50)))
    assert len(big) < 1000  # small compressed, large once decompressed
    with pytest.raises(office.OfficeError, match="uncompressed"):
        office.office_text(big)


def test_a_document_type_in_utf16_or_after_a_long_prolog_is_refused() -> None:
    """The check read the bytes of ``<!DOCTYPE`` in the first 4 KiB: a declaration in UTF-16,
    which expat reads, or after 4 KiB of comment was read and its entity's text scored."""
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY e "INLINED">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>{PROSE} &e;</w:t></w:r></w:p></w:body>"
        "</w:document>"
    )
    late = xml.replace("UTF-16", "UTF-8").replace("?>", "?><!--" + " " * 5000 + "-->", 1)
    for body in (xml.encode("utf-16"), xml.encode("utf-16-le"), late.encode()):
        with pytest.raises(office.OfficeError, match="declares a document type"):
            office.office_text(_zip({"word/document.xml": body}))  # type: ignore[dict-item]
    plain = xml.replace(' encoding="UTF-16"', "").replace(
        '<!DOCTYPE d [<!ENTITY e "INLINED">]>', ""
    )
    assert (
        office.office_text(_zip({"word/document.xml": plain.replace(" &e;", "").encode("utf-16")}))
        == PROSE
    )  # type: ignore[dict-item]


def test_documents_that_unpack_into_too_many_elements_or_characters_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under the 64 MiB cap, 64 MiB of "<a/>" held 1.8 GB; 163 KB of ODF space runs
    (``<text:s text:c="1024"/>``, 25 bytes for 1,024 spaces) made 4 G characters."""
    monkeypatch.setattr(office, "MAX_ELEMENTS", 40)
    many = _docx("<w:p><w:r><w:t>" + PROSE + "</w:t></w:r></w:p>" + "<w:p/>" * 40)
    with pytest.raises(office.OfficeError, match="holds over 40 XML elements"):
        office.office_text(many)
    monkeypatch.setattr(office, "MAX_ELEMENTS", 2_000_000)
    monkeypatch.setattr(office, "MAX_TEXT_CHARS", 5000)
    spaces = _odt(f"<text:p>{PROSE}" + '<text:s text:c="1024"/>' * 6 + "</text:p>")
    with pytest.raises(office.OfficeError, match="a paragraph of over 5,000 characters"):
        office.office_text(spaces)
    paragraphs = _docx("".join(f"<w:p><w:r><w:t>{PROSE}</w:t></w:r></w:p>" for _ in range(80)))
    with pytest.raises(office.OfficeError, match="text is over 5,000 characters"):
        office.office_text(paragraphs)
    assert office.office_text(_docx(f"<w:p><w:r><w:t>{PROSE}</w:t></w:r></w:p>")) == PROSE


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a damaged PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "old Word (.doc)"),
        (b"{\\rtf1\\ansi The council met.}", "an RTF file"),
        (b"PK\x03\x04" + b"\x00" * 40, "a damaged .docx, .odt or zip file"),
        (_zip({"notes/a.txt": PROSE}), "a zip archive that is not a .docx or .odt document"),
    ],
    ids=["pdf", "doc", "rtf", "damaged-zip", "other-zip"],
)
def test_other_non_text_files_are_named_with_what_to_do(
    tmp_path: Path, data: bytes, says: str
) -> None:
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    rec = read_document(str(path))
    assert not rec.ok and says in (rec.error or "")


def test_documents_are_read_from_paths_and_directories(tmp_path: Path) -> None:
    (tmp_path / "essays").mkdir()
    docx = tmp_path / "essays" / "a.docx"
    docx.write_bytes(
        _docx(f"<w:p><w:r><w:t>{PROSE}</w:t></w:r></w:p><w:p><w:r><w:t>{MORE}</w:t></w:r></w:p>")
    )
    odt = tmp_path / "essays" / "b.odt"
    odt.write_bytes(_odt(f"<text:p>{MORE}</text:p>"))
    (tmp_path / "essays" / "c.rtf").write_bytes(b"{\\rtf1 x}")  # not picked up by a walk
    assert [p for p, _ in iter_paths([str(tmp_path / "essays")])] == [str(docx), str(odt)]
    recs = list(read_records([str(tmp_path / "essays")]))
    assert [r.text for r in recs] == [f"{PROSE}\n\n{MORE}", MORE]
    # a document cut short is damaged, not read in part
    cut = tmp_path / "cut.docx"
    cut.write_bytes(docx.read_bytes()[:200])
    rec = read_document(str(cut))
    assert not rec.ok and "a damaged .docx, .odt or zip file" in (rec.error or "")


def test_a_scored_document_has_spans_in_its_text(tmp_path: Path) -> None:
    from spundetect import Detector
    from spundetect.detector import default_model_dir

    if not (default_model_dir() / "card.json").is_file():
        pytest.skip("no shipped default model")
    text = f"{PROSE} The U. S. said so. {MORE}"
    path = tmp_path / "essay.docx"
    path.write_bytes(_docx(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"))
    rec = read_document(str(path))
    assert rec.ok and rec.text == text
    r = Detector.load().score(rec.text, explain=True)
    assert any(rec.text[x.start : x.end] == "U. S." for x in r.reasons)


# A <text:s/> stands for text:c spaces, a count taken from the file: one that is not a number
# raised a ValueError from int(), and an absurd one a MemoryError, out of read_document and so
# out of a whole run. ODF's default of one space is read for the first, a bounded run for the
# second.
@pytest.mark.parametrize(
    ("count", "spaces"),
    [("x", 1), ("", 1), ("2.5", 1), ("9" * 5000, 1), ("99999999999999", 1024)],
    ids=["a word", "empty", "a fraction", "too many digits for int", "a hundred trillion"],
)
def test_an_odt_space_count_that_is_no_sensible_number_is_read_not_raised(
    count: str, spaces: int
) -> None:
    body = f"<text:p>a<text:s text:c='{count}'/>b</text:p>"
    assert office.office_text(_odt(body)) == "a" + " " * spaces + "b"


# The body is walked recursively, an element at a time: a file whose elements nest thousands
# deep (crafted, or damaged) raised a RecursionError out of read_document, and the command ended
# the whole run on it. It is an error record like any unreadable document, and the next file
# is still read.
def test_a_body_nested_too_deeply_is_an_error_record_and_the_run_goes_on(tmp_path: Path) -> None:
    deep = 5000
    files = {
        "runs.docx": _docx("<w:p>" + "<w:r>" * deep + "<w:t>x</w:t>" + "</w:r>" * deep + "</w:p>"),
        "spans.odt": _odt(
            "<text:p>" + "<text:span>" * deep + "x" + "</text:span>" * deep + "</text:p>"
        ),
        "sections.odt": _odt(
            "<text:section>" * deep + "<text:p>x</text:p>" + "</text:section>" * deep
        ),
        "fine.odt": _odt(f"<text:p>{PROSE}</text:p>"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    recs = list(read_records([str(tmp_path / name) for name in files]))
    assert [r.text for r in recs[:3]] == [None] * 3
    assert all("nested too deeply" in (r.error or "") for r in recs[:3]), recs
    assert recs[3].text == PROSE


def test_an_archive_of_documents_is_read_member_by_member(tmp_path: Path) -> None:
    """A zip of essays or a tarball of pages was "unpack it first" or "binary file (NUL
    bytes), not text": each document in it is read as a folder's file is, named
    "archive/member", in the archive's order; hidden members, macOS's copies and other files
    are passed over; a word-processor file, named or not, is still one document."""
    import gzip
    import tarfile

    from spundetect.io import MAX_TEXT_BYTES, read_records

    body = f"<w:p><w:r><w:t>{PROSE}</w:t></w:r></w:p>"
    members = {
        "essays/b.txt": PROSE,
        "essays/a.html": f"<p>{MORE}</p>",
        "essays/c.docx": _docx(body).decode("latin-1"),  # (written back as the same bytes)
        "__MACOSX/essays/._b.txt": "\x00\x05\x16\x07",
        "essays/.notes.txt": "hidden",
        "marks.csv": "id,mark\n1,A\n",
    }
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        for name, text in members.items():
            z.writestr(name, text.encode("latin-1") if name.endswith(".docx") else text)
    archive = tmp_path / "essays.zip"
    archive.write_bytes(data.getvalue())
    recs = list(read_records([str(archive)]))
    assert [(r.id, r.text) for r in recs] == [
        (f"{archive}/essays/b.txt", PROSE),
        (f"{archive}/essays/a.html", MORE),
        (f"{archive}/essays/c.docx", PROSE),
    ]
    # a tar, compressed, its members named "./..." as `tar -C dir .` names them; a member over
    # a file's size is read as far as a file is
    tarred = io.BytesIO()
    with tarfile.open(fileobj=tarred, mode="w") as tar:
        for name, text in (("./b.txt", PROSE), ("./big.md", "word " * (MAX_TEXT_BYTES // 4))):
            info = tarfile.TarInfo(name)
            info.size = len(text.encode())
            tar.addfile(info, io.BytesIO(text.encode()))
    packed = tmp_path / "pages.tgz"
    packed.write_bytes(gzip.compress(tarred.getvalue()))
    recs = list(read_records([str(packed)]))
    assert [r.id for r in recs] == [f"{packed}/b.txt", f"{packed}/big.md"]
    assert recs[0].text == PROSE and recs[1].note is not None and "first" in recs[1].note
    # cut short: the documents before the damage, then the reason
    cut = tmp_path / "cut.tar"
    cut.write_bytes(tarred.getvalue()[:1536])
    recs = list(read_records([str(cut)]))
    assert recs[0].text == PROSE and recs[-1].error is not None
    assert "a damaged or cut-short tar archive" in recs[-1].error
    # a member damaged (its checksum fails at its end): said, and the next read
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as z:
        z.writestr("a.txt", PROSE)
        z.writestr("b.txt", MORE)
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(stored.getvalue().replace(b"council", b"Council", 1))
    bad, good = read_records([str(damaged)])
    assert bad.error is not None and "cannot be read from the zip archive (Bad CRC-32" in bad.error
    assert good.text == MORE
    # none to read; and a .docx named without its suffix is one document, as before
    empty = tmp_path / "data.zip"
    empty.write_bytes(_zip({"marks.csv": "id,mark\n"}))
    (rec,) = read_records([str(empty)])
    assert rec.error is not None and "a zip archive that holds no .docx" in rec.error
    bare = tmp_path / "submission"
    bare.write_bytes(_docx(body))
    (rec,) = read_records([str(bare)])
    assert rec.text == PROSE and rec.id == str(bare)


def test_a_damaged_archive_is_said_and_the_run_goes_on(tmp_path: Path) -> None:
    """Found by a helper trying to break the archive reader: a zip whose index holds a name
    that is not UTF-8 though it says so, a tar whose pax header holds a word for a number,
    and a .tgz or a job's shard cut short in its first bytes each ended the run with a
    Python error. Each is one error record, and what comes after it is read."""
    import gzip
    import json
    import tarfile

    from spundetect.io import read_records

    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("good.txt", PROSE)
        z.writestr("bad\u00e9.txt", MORE)  # written as UTF-8, flagged so
    bad_name = tmp_path / "names.zip"
    bad_name.write_bytes(zipped.getvalue().replace(b"bad\xc3\xa9.txt", b"bad\xff\xa9.txt"))
    tarred = io.BytesIO()
    with tarfile.open(fileobj=tarred, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, pax in (("first.txt", {}), ("second.txt", {"GNU.sparse.size": "lots"})):
            info = tarfile.TarInfo(name)
            info.size = len(PROSE)
            info.pax_headers = pax
            tar.addfile(info, io.BytesIO(PROSE.encode()))
    pax = tmp_path / "pax.tar"
    pax.write_bytes(tarred.getvalue())
    cut = tmp_path / "cut.tgz"
    cut.write_bytes(gzip.compress(tarred.getvalue())[:60])
    job = tmp_path / "job"
    job.mkdir()
    rows = json.dumps({"id": "r", "text": PROSE}) + "\n"
    (job / "part-00000.gz").write_bytes(gzip.compress(rows.encode() * 50)[:40])
    (job / "part-00001").write_text(rows)
    good = tmp_path / "good.txt"
    good.write_text(MORE)
    recs = list(read_records([str(p) for p in (bad_name, pax, cut, job, good)]))
    said = [(Path(r.where).name, r.error) for r in recs if not r.ok]
    assert [r.text for r in recs if r.ok] == [PROSE, PROSE, MORE]  # pax.tar's first, the row, good
    assert len(said) == 4
    assert said[0][0] == "names.zip" and "a damaged zip archive" in str(said[0][1])
    assert said[1][0] == "pax.tar" and "a damaged or cut-short tar archive" in str(said[1][1])
    assert said[2][0] == "cut.tgz" and "damaged or truncated compressed data" in str(said[2][1])
    assert said[3][0] == "part-00000.gz"
    assert recs[-1].text == MORE


def test_a_tar_that_ends_short_of_its_end_marker_is_said(tmp_path: Path) -> None:
    """``tarfile`` ends as quietly at the end of the data (a tar cut at a member's boundary)
    or at an unreadable header as at the end marker: the documents after were lost unsaid.
    Now each is one error record after the members read; a whole tar has none."""
    import gzip
    import tarfile

    from spundetect.io import read_records

    tarred = io.BytesIO()
    with tarfile.open(fileobj=tarred, mode="w") as tar:
        for name, body in (("a.txt", PROSE), ("b.txt", MORE), ("c.txt", PROSE)):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body.encode()))
    whole = tarred.getvalue()
    with tarfile.open(fileobj=io.BytesIO(whole)) as read:
        third = read.getmembers()[2].offset
    files = {
        "whole.tar": whole,
        "cut.tar": whole[:third],
        "cut.tgz": gzip.compress(whole[:third]),
        "header.tar": whole[: third + 100] + b"garbage!" + whole[third + 108 :],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for name in files:
        recs = list(read_records([str(tmp_path / name)]))
        if name == "whole.tar":
            assert [r.text for r in recs] == [PROSE, MORE, PROSE]
            continue
        *read, said = recs
        assert [r.text for r in read] == [PROSE, MORE], name
        assert said.error is not None and Path(said.where).name == name
        if name == "header.tar":
            assert said.error.startswith(f"a damaged tar archive (the header at byte {third:,}")
        else:
            assert "ends without its end marker: cut short" in said.error


def test_an_archive_too_costly_to_read_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip's index is read whole (a million entries took 572 MB), and a tar's members passed
    over are unpacked all the same (9.7 KB of bzip2 claiming 1 TiB would take hours): past
    :data:`ZIP_MAX_ENTRIES` entries, or :data:`TAR_MAX_PASSED` bytes passed over, the archive
    is said and left, the documents before read. A member with no name is passed over."""
    import tarfile

    import spundetect.io as sio

    monkeypatch.setattr(sio, "ZIP_MAX_ENTRIES", 3)
    many = tmp_path / "many.zip"
    many.write_bytes(_zip({f"{i}.txt": PROSE for i in range(4)}))
    (rec,) = sio.read_records([str(many)])
    assert rec.error is not None and "a zip archive of 4 entries (over 3): unpack" in rec.error
    monkeypatch.setattr(sio, "TAR_MAX_PASSED", 100)
    tarred = io.BytesIO()
    with tarfile.open(fileobj=tarred, mode="w") as tar:
        for name, body in (("a.txt", PROSE), ("data.bin", "x" * 200), ("b.txt", MORE)):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body.encode()))
    costly = tmp_path / "costly.tar"
    costly.write_bytes(tarred.getvalue())
    first, said = sio.read_records([str(costly)])
    assert first.text == PROSE
    assert said.error is not None and "passed over: the rest not read" in said.error
    nameless = tmp_path / "nameless.zip"  # "\0b.txt": zipfile keeps "" of it
    nameless.write_bytes(_zip({"a.txt": PROSE, "Xb.txt": MORE}).replace(b"Xb.txt", b"\0b.txt"))
    assert [r.text for r in sio.read_records([str(nameless)])] == [PROSE]
