"""An HTML page that shows each scored text with its evidence marked in place.

Why: a reviewer deciding whether to act on a verdict wants to read the words a reason points
at where they stand, not a list of character offsets. The page is self-contained (inline
style, no script, no fonts or images fetched): it opens offline and is safe to pass on.
Everything taken from the input (texts, ids, messages) is escaped, so a scored page's own
markup shows as text and cannot run.

``spundetect score --format html`` writes one; :func:`html_section` renders one result for
a page of one's own. :func:`comparison_page` shows a :class:`~spundetect.Comparison` the same
way: the source and the suspect side by side, each edit marked in both.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, TextIO

from .result import LABELS, LeftOut, Reason, Result, SentenceScore

if TYPE_CHECKING:
    from .comparison import Comparison

__all__ = ["MAX_SHOWN_CHARS", "HtmlReport", "comparison_page", "html_section"]

#: characters of a text shown on the page; a longer text is cut there, with a note
MAX_SHOWN_CHARS = 200_000

_LABEL_TEXT = {"original": "original", "spun": "spun", "machine_garbled": "machine-garbled"}

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.4em; }
section { border-top: 1px solid #ccc; padding: 1em 0; }
h2 { font-size: 1.05em; margin: 0 0 .4em; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 .5em; border-radius: .3em; font-weight: 600; }
.b-original { background: #d8efd8; } .b-spun { background: #fde2b8; }
.b-machine_garbled { background: #f8c9c9; } .b-none { background: #e4e4e4; }
.probs { color: #555; margin-left: .6em; white-space: nowrap; }
.msg { color: #555; font-style: italic; }
.text { white-space: pre-wrap; background: #fafafa; border: 1px solid #e4e4e4;
        padding: .8em; margin: .6em 0; }
.s-spun { background: #fff3e0; } .s-machine_garbled { background: #fdecec; }
mark { background: #ffe066; border-bottom: 2px solid #d4a000; }
sup.rn { color: #8a6d00; font-size: .7em; }
ol.reasons { margin: .4em 0; padding-left: 1.6em; }
ol.reasons code { background: #f0f0f0; padding: 0 .3em; }
.legend span { padding: 0 .4em; margin-right: .6em; }
.lo { color: #8c8c8c; }
.pg { display: block; color: #8c8c8c; font-size: .8em; border-top: 1px dashed #ccc;
      margin: .3em 0; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.cols h2 { margin-top: .6em; }
.e-replaced { background: #ffe066; } .e-added { background: #c9eec9; }
.e-dropped { background: #f8c9c9; text-decoration: line-through; }
"""


# The marks that reverse the direction of the text after them up to the end of its element:
# an id ending in U+202E showed the verdict beside it reversed. Shown as what they are.
_DIRECTION_CONTROLS = {c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _esc(s: str) -> str:
    return html.escape(s, quote=True).translate(_DIRECTION_CONTROLS)


def _spans(reason: Reason) -> list[tuple[int, int]]:
    if reason.start < 0 or reason.end <= reason.start:
        return []
    return [(reason.start, reason.end), *reason.more_spans]


def _marked_text(
    text: str,
    reasons: Sequence[Reason],
    sentences: Sequence[SentenceScore],
    left_out: Sequence[LeftOut] = (),
) -> str:
    """``text`` as HTML: evidence spans in ``<mark>`` (numbered as in the reasons list, the
    messages as tooltips), sentences the model reads as rewritten tinted by their label,
    and what no measure read (headings, a comment thread, another language) greyed.

    The text is cut into flat segments at every span and sentence edge, so overlapping
    evidence needs no nesting: a segment is marked when any reason covers it.
    """
    n = len(text)
    spans: list[tuple[int, int, int]] = []  # (start, end, reason number)
    for k, r in enumerate(reasons, start=1):
        for a, b in _spans(r):
            a, b = max(0, a), min(n, b)
            if a < b:
                spans.append((a, b, k))
    tinted = [
        (max(0, s.start), min(n, s.end), s.label)
        for s in sentences
        if s.label not in (None, "original") and s.start < s.end
    ]
    grey = [(max(0, x.start), min(n, x.end), x.message) for x in left_out if x.start < x.end]
    cuts = {0, n}
    for a, b, _ in spans:
        cuts.update((a, b))
    for a, b, _ in tinted:
        cuts.update((a, b))
    for a, b, _ in grey:
        cuts.update((a, b))
    edges = sorted(c for c in cuts if 0 <= c <= n)
    first_end: dict[
        int, tuple[int, int]
    ] = {}  # reason number -> where its first span ends (the number is shown there)
    for a, b, k in spans:
        if k not in first_end or a < first_end[k][0]:
            first_end[k] = (a, b)
    ends_at: dict[int, list[int]] = {}
    for k, (_, b) in first_end.items():
        ends_at.setdefault(b, []).append(k)
    out: list[str] = []
    for a, b in pairwise(edges):
        piece = _esc(text[a:b])
        if "\f" in piece:  # a PDF's page break: where the next page starts
            piece = _paged(piece, text.count("\f", 0, a) + 1)
        covering = sorted({k for s, e, k in spans if s <= a and b <= e})
        label = next((lab for s, e, lab in tinted if s <= a and b <= e), None)
        if covering:
            tip = "\n".join(f"{k}. {reasons[k - 1].message}" for k in covering)
            piece = f'<mark title="{_esc(tip)}">{piece}</mark>'
        if label is not None:
            piece = f'<span class="s-{label}">{piece}</span>'
        why = next((m for s, e, m in grey if s <= a and b <= e), None)
        if why is not None:
            piece = f'<span class="lo" title="{_esc("left out: " + why)}">{piece}</span>'
        out.append(piece)
        for k in sorted(ends_at.get(b, [])):
            out.append(f'<sup class="rn">{k}</sup>')
    return "".join(out)


def _paged(piece: str, page: int) -> str:
    """An escaped piece of text with each form feed in it (a PDF's page break, as
    :mod:`spundetect.pdf` and ``pdftotext`` write them) shown as the next page's number;
    ``page`` is the page the piece starts on."""
    parts = piece.split("\f")
    return "".join(
        [parts[0]]
        + [f'<span class="pg">page {page + k}</span>{p}' for k, p in enumerate(parts[1:], 1)]
    )


def _probabilities(result: Result) -> str:
    if not result.ok:
        return ""
    parts = (f"{_LABEL_TEXT[k]} {result.probabilities.get(k, 0.0):.2f}" for k in LABELS)
    return f'<span class="probs">{" · ".join(parts)}</span>'


def html_section(text: str, result: Result, doc_id: str | None = None) -> str:
    """One scored text as an HTML ``<section>``: its verdict, its text with the evidence
    marked, and the numbered reasons. ``result`` should come from ``score(text,
    explain=True)`` on the same ``text`` (its spans index into it)."""
    label = result.label if result.ok else None
    badge_class = f"b-{label}" if label else "b-none"
    badge = _LABEL_TEXT.get(label or "", result.status.replace("_", " "))
    name = doc_id if doc_id is not None else (result.id or "")
    head = (
        f"<h2>{_esc(name)} <span class='badge {badge_class}'>{_esc(badge)}</span>"
        f"{_probabilities(result)}</h2>"
    )
    parts = [f"<section>{head}"]
    if result.message:
        parts.append(f'<p class="msg">{_esc(result.message)}</p>')
    shown = text[:MAX_SHOWN_CHARS]
    reasons = result.reasons if result.ok else ()
    sentences = result.sentences if result.ok else ()
    # what was left out is shown whatever the status: of a text not judged, it says why the
    # words counted are fewer than the page shows (a menu and a short line: too_short)
    left_out = result.left_out
    parts.append(f'<div class="text">{_marked_text(shown, reasons, sentences, left_out)}</div>')
    if left_out:
        rest = "the verdict is about the rest" if result.ok else "the words counted are the rest"
        parts.append(
            f'<p class="msg">greyed: {len(left_out)} part(s) no measure read '
            "(headings and menus, site furniture, a comment thread, a quoted e-mail, an "
            f"embedded post, another language, a reference list); {rest}</p>"
        )
    if len(text) > len(shown):
        parts.append(
            f'<p class="msg">the page shows the first {len(shown):,} of {len(text):,} '
            "characters; evidence further on is in the list below</p>"
        )
    if reasons:
        items = []
        for r in reasons:
            # name the feature unless the message does (whole-text figures open with it)
            named = r.feature == "summary" or r.message.startswith(r.feature)
            where = "" if named else f" <code>{_esc(r.feature)}</code>"
            items.append(f"<li>{_esc(r.message)}{where}</li>")
        parts.append(f'<ol class="reasons">{"".join(items)}</ol>')
    parts.append("</section>\n")
    return "".join(parts)


class HtmlReport:
    """Writes a report page as results arrive: the head at once, a section per text, and a
    count per label at :meth:`close`. Holds no text after its section is written."""

    def __init__(self, out: TextIO, title: str = "spundetect report", model: str = "") -> None:
        self.out = out
        self.counts: dict[str, int] = {}
        about = f" with model {_esc(model)}" if model else ""
        legend = "".join(
            f'<span class="s-{k}">a sentence read as {_LABEL_TEXT[k]}</span>' for k in LABELS[1:]
        )
        out.write(
            "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{_esc(title)}</title><style>{_STYLE}</style></head><body>\n"
            f"<h1>{_esc(title)}</h1><p>Scored by spundetect{about}. "
            "<mark>Marked</mark> words are evidence (hover for why; the numbers match the "
            f"list under each text).</p><p class='legend'>{legend}</p>\n"
        )

    def add(self, text: str, result: Result, doc_id: str | None = None) -> None:
        key = result.label if result.ok and result.label else result.status
        self.counts[key] = self.counts.get(key, 0) + 1
        self.out.write(html_section(text, result, doc_id))

    def close(self) -> None:
        total = sum(self.counts.values())
        order: Iterable[str] = [*LABELS, *sorted(set(self.counts) - set(LABELS))]
        tally = ", ".join(
            f"{self.counts[k]} {_LABEL_TEXT.get(k, k.replace('_', ' '))}"
            for k in order
            if self.counts.get(k)
        )
        summary = f"{total} document(s): {tally}" if total else "no documents"
        self.out.write(f"<footer><p>{_esc(summary)}</p></footer>\n</body></html>\n")
        self.out.flush()


def _edited_text(
    text: str, marks: list[tuple[int, int, str, str]], paired: list[tuple[int, int]]
) -> str:
    """``text`` as HTML with each ``(start, end, kind, tip)`` mark as a span of class
    ``e-kind`` (the first mark listed where marks overlap), and what lies outside every
    ``paired`` span greyed (not derived). Each piece between two cut points is looked up in
    arrays painted once per mark and per pair: a scan of every mark for every piece took 78 s
    on a 1 MB comparison, and marks past the text's end (a page shows only its start) are
    left out first."""
    n = len(text)
    # a pair's span ends at its last word: its closing stop and quote belong to it too
    paired = [(a, _past_closers(text, b)) for a, b in paired if a < n]
    marks = [m for m in marks if m[0] < n]
    cuts = sorted(
        {0, n}
        | {min(n, max(0, x)) for a, b, _, _ in marks for x in (a, b)}
        | {min(n, max(0, x)) for a, b in paired for x in (a, b)}
    )
    at = {c: i for i, c in enumerate(cuts)}

    def piece_range(a: int, b: int) -> tuple[int, int]:
        return at[min(n, max(0, a))], at[min(n, max(0, b))]

    owner = [-1] * (len(cuts) - 1)  # the mark each piece shows, the first listed winning
    for k in range(len(marks) - 1, -1, -1):
        i, j = piece_range(marks[k][0], marks[k][1])
        if j > i:
            owner[i:j] = [k] * (j - i)
    depth = [0] * len(cuts)  # how many pairs cover each piece, by their ends
    for a, b in paired:
        i, j = piece_range(a, b)
        if j > i:
            depth[i] += 1
            depth[j] -= 1
    out = []
    covered = 0
    for k, (a, b) in enumerate(pairwise(cuts)):
        covered += depth[k]
        piece = _esc(text[a:b])
        if owner[k] >= 0:
            _, _, kind, tip = marks[owner[k]]
            piece = f'<span class="e-{kind}" title="{_esc(tip)}">{piece}</span>'
        if not covered and text[a:b].strip():
            piece = (
                f'<span class="lo" title="pairs with no sentence of the other text">{piece}</span>'
            )
        out.append(piece)
    return "".join(out)


def _cut_note(text: str) -> str:
    """The note a comparison page puts over a text it shows only the start of (it ended
    mid-word, unsaid, where the scoring page says so)."""
    if len(text) <= MAX_SHOWN_CHARS:
        return ""
    return (
        f'<p class="msg">the page shows the first {MAX_SHOWN_CHARS:,} of {len(text):,} '
        "characters; --format json lists every edit</p>"
    )


def _past_closers(text: str, i: int) -> int:
    while i < len(text) and text[i] in _CLOSERS:
        i += 1
    return i


_CLOSERS = frozenset(".!?,;:)]\"'\u201d\u2019")


def comparison_page(
    source: str,
    suspect: str,
    comparison: Comparison,
    names: tuple[str, str] = ("source", "suspect"),
    title: str = "spundetect comparison",
) -> str:
    """A self-contained HTML page: the verdict, then the source and the suspect side by side
    with every edit marked in both (replaced words yellow, words the suspect added green,
    words it dropped struck through in red; hover for the edit) and what pairs with nothing in
    the other text greyed. ``comparison`` must come from ``compare(source, suspect)``."""
    src_marks: list[tuple[int, int, str, str]] = []
    sus_marks: list[tuple[int, int, str, str]] = []
    for e in comparison.edits:
        tip = e.describe()
        if e.source is not None:
            src_marks.append((*e.source, e.kind, tip))
        if e.suspect is not None:
            sus_marks.append((*e.suspect, e.kind, tip))
    src_paired = [p.source for p in comparison.pairs]
    sus_paired = [p.suspect for p in comparison.pairs]
    shown_src, shown_sus = source[:MAX_SHOWN_CHARS], suspect[:MAX_SHOWN_CHARS]
    legend = (
        '<span class="e-replaced">replaced</span><span class="e-added">added</span>'
        '<span class="e-dropped">dropped</span><span class="lo">pairs with nothing</span>'
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{_esc(title)}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>{_esc(title)}</h1>"
        f"<p><span class='badge b-none'>{_esc(comparison.verdict.replace('_', ' '))}</span> "
        f"{_esc(comparison.message)}</p><p class='legend'>{legend}</p>\n"
        f"<div class='cols'><div><h2>{_esc(names[0])}</h2>{_cut_note(source)}"
        f"<div class='text'>{_edited_text(shown_src, src_marks, src_paired)}</div></div>"
        f"<div><h2>{_esc(names[1])}</h2>{_cut_note(suspect)}"
        f"<div class='text'>{_edited_text(shown_sus, sus_marks, sus_paired)}</div></div></div>\n"
        "</body></html>\n"
    )
