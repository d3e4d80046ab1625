"""The HTML report (``spundetect.report``): lossless, escaped, evidence marked where it is.

Results are built by hand here, so each check knows exactly which characters should be
marked; the command's page is checked against the API in tests/test_cli.py.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from io import StringIO

import pytest

from spundetect import Reason, Result, SentenceScore
from spundetect.report import MAX_SHOWN_CHARS, HtmlReport, html_section

TEXT = (
    "Officials in the U. S. said on Tuesday the talks would go on. the envoy left early. "
    'A spokesman said "progress" was made <b>quickly</b> & quietly.'
)
PROBS = {"original": 0.1, "spun": 0.2, "machine_garbled": 0.7}


def _span(needle: str, start: int = 0) -> tuple[int, int]:
    a = TEXT.index(needle, start)
    return a, a + len(needle)


def _result(reasons: tuple[Reason, ...] = (), sentences: tuple[SentenceScore, ...] = ()) -> Result:
    return Result("machine_garbled", PROBS, "ok", reasons=reasons, sentences=sentences)


class _Page(HTMLParser):
    """Collects the text inside the ``.text`` block and every ``<mark>``'s text and title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside div.text
        self.text: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._mark: list[str] | None = None
        self._title = ""
        self.tags: set[str] = set()
        self.in_sup = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        a = dict(attrs)
        if tag == "div" and a.get("class") == "text":
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        if self.depth and tag == "mark":
            assert self._mark is None, "marks must not nest"
            self._mark, self._title = [], a.get("title") or ""
        if self.depth and tag == "sup":
            self.in_sup = True

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1
        if tag == "mark" and self._mark is not None:
            self.marks.append(("".join(self._mark), self._title))
            self._mark = None
        if tag == "sup":
            self.in_sup = False

    def handle_data(self, data: str) -> None:
        if self.depth and not self.in_sup:
            self.text.append(data)
            if self._mark is not None:
                self._mark.append(data)


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    return p


def test_text_is_shown_whole_and_escaped() -> None:
    page = html_section(TEXT, _result(), "doc<1>")
    parsed = _parse(page)
    assert "".join(parsed.text) == TEXT  # nothing lost, nothing added
    assert "<b>" not in page and "&lt;b&gt;quickly&lt;/b&gt;" in page
    assert "b" not in parsed.tags  # the input's markup is text, not markup
    assert "doc&lt;1&gt;" in page
    # a mark that reverses the direction of what follows is shown, not obeyed (an id ending
    # in one showed the verdict beside it reversed)
    page = html_section(TEXT, _result(), "doc\u202e")
    assert "\u202e" not in page and "doc\\u202e" in page


def test_evidence_is_marked_where_it_matched_and_numbered_as_listed() -> None:
    first = _span("U. S.")
    lower = _span("on. the envoy")
    quote = _span('"progress"')
    reasons = (
        Reason("punctuation.split_abbrev", "'U. S.': a split abbreviation", *first),
        Reason("punctuation.lower_sentence_start", "'on. the': lower case", *lower),
        Reason("phrasing.x", "a quoted word", *quote, more_spans=(_span("quietly"),)),
        Reason("readability.flesch_reading_ease", "readability.flesch_reading_ease = 3: low"),
    )
    page = html_section(TEXT, _result(reasons))
    parsed = _parse(page)
    assert "".join(parsed.text) == TEXT
    marked = [m for m, _ in parsed.marks]
    assert marked == ["U. S.", "on. the envoy", '"progress"', "quietly"]
    assert parsed.marks[0][1].startswith("1. 'U. S.'")
    assert parsed.marks[3][1].startswith("3. a quoted word")  # a repeat keeps its number
    # the number follows the first place each reason matched, once
    assert re.findall(r'<sup class="rn">(\d+)</sup>', page) == ["1", "2", "3"]
    items = re.findall(r"<li>(.*?)</li>", page)
    assert len(items) == 4
    assert html.unescape(items[0]).startswith("'U. S.': a split abbreviation")
    # a whole-text figure is listed, not marked, and its feature not named twice
    assert items[3].count("readability.flesch_reading_ease") == 1


def test_overlapping_evidence_does_not_nest() -> None:
    outer = _span("talks would go on. the envoy")
    inner = _span("on. the")
    reasons = (
        Reason("a.outer", "outer message", *outer),
        Reason("b.inner", "inner message", *inner),
    )
    parsed = _parse(html_section(TEXT, _result(reasons)))  # _Page asserts no nesting
    assert "".join(parsed.text) == TEXT
    assert [m for m, _ in parsed.marks] == ["talks would go ", "on. the", " envoy"]
    both = parsed.marks[1][1]
    assert "1. outer message" in both and "2. inner message" in both
    assert "inner" not in parsed.marks[0][1]


def test_sentences_read_as_rewritten_are_tinted_originals_are_not() -> None:
    s1 = _span("Officials in the U. S. said on Tuesday the talks would go on.")
    s2 = _span("the envoy left early.")
    sentences = (
        SentenceScore(*s1, "original", PROBS),
        SentenceScore(*s2, "machine_garbled", PROBS),
    )
    page = html_section(TEXT, _result(sentences=sentences))
    assert page.count('class="s-machine_garbled"') == 1
    assert 'class="s-original"' not in page
    tinted = re.search(r'<span class="s-machine_garbled">(.*?)</span>', page)
    assert tinted is not None and html.unescape(tinted.group(1)) == "the envoy left early."


def test_no_judgement_shows_the_status_and_no_marks() -> None:
    res = Result(None, {}, "too_short", message="4 words; at least 15 are needed to judge")
    page = html_section("Too short to judge.", res, "s")
    assert "too short" in page and "at least 15" in page
    assert "<mark" not in page and "<ol" not in page


def test_a_very_long_text_is_cut_with_a_note() -> None:
    text = "word " * (MAX_SHOWN_CHARS // 5 + 100)
    far = Reason("x.y", "far away", len(text) - 10, len(text) - 5)
    page = html_section(text, _result((far,)))
    assert f"first {MAX_SHOWN_CHARS:,} of {len(text):,} characters" in page
    assert "<mark" not in page  # beyond what is shown: listed only
    assert "far away" in page


def test_report_page_counts_labels_and_is_self_contained() -> None:
    out = StringIO()
    rep = HtmlReport(out)
    rep.add(TEXT, _result(), "a")
    rep.add(TEXT, Result("original", PROBS, "ok"), "b")
    rep.add("", Result(None, {}, "empty", message="the text is empty"), "c")
    rep.close()
    page = out.getvalue()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "3 document(s): 1 original, 1 machine-garbled, 1 empty" in page
    assert page.count("<section>") == 3
    # nothing fetched when the page is opened, nothing run
    assert not re.search(r"<script|<link|<img|src=|https?://", page)
    empty = StringIO()
    HtmlReport(empty).close()
    assert "no documents" in empty.getvalue()


def test_parts_no_measure_read_are_greyed_with_why() -> None:
    from spundetect import LeftOut

    text = "Menu <Home>\n\n" + TEXT
    left = (LeftOut(0, 11, "line", "a heading & a menu"),)
    res = Result("machine_garbled", PROBS, "ok", left_out=left)
    page = html_section(text, res)
    assert "".join(_parse(page).text) == text
    assert (
        '<span class="lo" title="left out: a heading &amp; a menu">Menu &lt;Home&gt;</span>' in page
    )
    assert "greyed: 1 part(s)" in page
    assert 'class="lo"' not in html_section(TEXT, _result())
    # ... whatever the status: of a text not judged, it is why fewer words were counted
    short = Result(None, {}, "too_short", message="9 words; at least 15", left_out=left)
    page = html_section(text, short)
    assert '<span class="lo" title="left out: a heading &amp; a menu">' in page
    assert "greyed: 1 part(s)" in page and "the words counted are the rest" in page


class _Spans(HTMLParser):
    """Each ``<span class="e-...">``'s class, title and text, and the text of each column."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.edits: list[tuple[str, str, str]] = []
        self.columns: list[list[str]] = []
        self.in_text = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("class") == "text":
            self.columns.append([])
            self.in_text += 1
        elif tag == "span" and self.in_text:
            self.stack.append((a.get("class") or "", a.get("title") or ""))
            if (a.get("class") or "").startswith("e-"):
                self.edits.append(((a.get("class") or "")[2:], a.get("title") or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.in_text:
            self.in_text -= 1
        elif tag == "span" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.in_text:
            self.columns[-1].append(data)
            if self.stack and self.stack[-1][0].startswith("e-"):
                kind, tip, text = self.edits[-1]
                self.edits[-1] = (kind, tip, text + data)


def test_comparison_page_marks_each_edit_in_both_texts_and_escapes() -> None:
    from spundetect import compare
    from spundetect.report import comparison_page

    source = (
        "The council met on Thursday to discuss the new parking rules for the <old> town. "
        "Shop owners said the plan would keep customers away from the market."
    )
    suspect = (
        "The council met on Thursday to debate the new parking rules for the <old> town. "
        "Shop owners said the plan would keep customers away from the busy market. "
        "Tickets for the summer fair go on sale next week at the library."
    )
    c = compare(source, suspect)
    page = comparison_page(source, suspect, c, ("a.txt", "<b>.txt"))
    parsed = _Spans()
    parsed.feed(page)
    # both texts shown whole, markup escaped
    assert ["".join(col) for col in parsed.columns] == [source, suspect]
    assert "<old>" not in page and "<b>.txt" not in page
    assert ("replaced", "'discuss' -> 'debate'", "discuss") in parsed.edits
    assert ("replaced", "'discuss' -> 'debate'", "debate") in parsed.edits
    assert ("added", "added 'busy'", "busy") in parsed.edits
    # the sentence the source has nothing of is greyed
    assert 'class="lo" title="pairs with no sentence of the other text"> Tickets' in page
    assert c.verdict in page and "<script" not in page


def test_comparison_page_marks_what_the_first_listed_edit_covers_and_says_a_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each piece of text shows the first edit listed that covers it, and a piece outside
    every pair is greyed (now found in arrays painted once an edit: the scan of every edit
    for every piece took 78 s on a 1 MB pair). A text longer than the page shows is said to
    be cut (it ended mid-word, unsaid)."""
    import spundetect.report as report

    text = "one two three four five six"
    marks = [(4, 13, "replaced", "first"), (0, 18, "added", "second"), (30, 40, "dropped", "x")]
    html = report._edited_text(text, marks, [(0, 13)])
    assert html == (
        '<span class="e-added" title="second">one </span>'
        '<span class="e-replaced" title="first">two three</span>'
        '<span class="lo" title="pairs with no sentence of the other text">'
        '<span class="e-added" title="second"> four</span></span>'
        '<span class="lo" title="pairs with no sentence of the other text"> five six</span>'
    )
    from spundetect import compare

    monkeypatch.setattr(report, "MAX_SHOWN_CHARS", 40)
    source = "The council met on Thursday to discuss the new parking rules for the old town."
    page = report.comparison_page(source, source, compare(source, source))
    assert page.count(f"the page shows the first 40 of {len(source)} characters") == 2


def test_a_pdfs_page_breaks_are_shown_as_the_next_pages_number() -> None:
    text = "The talks went on.\fThe envoy left early and\fthe talks ended."
    a = text.index("early")
    reason = Reason("phrasing.x", "a message", a, text.index("ended"))
    page = html_section(text, _result(reasons=(reason,)))
    assert re.findall(r'<span class="pg">(page \d+)</span>', page) == ["page 2", "page 3"]
    assert "\f" not in page
    shown = "".join(_parse(page).text)
    assert shown == text.replace("\f", "page 2", 1).replace("\f", "page 3", 1)
    # a page break inside the evidence: the marks still cover the words on both pages
    marked = "".join(m for m, _ in _parse(page).marks)
    assert marked.replace("page 3", "") == text[a : text.index("ended")].replace("\f", "")
