"""What a suspect text changed from the source it may have been spun from.

A plagiarism reviewer often holds both texts. The detector says whether a text *reads*
rewritten; a comparison says *what* was rewritten, in evidence a person can check: which
sentences of the suspect follow which sentences of the source, which words were replaced,
added or dropped, and how much of the suspect is the source's wording.

Spinners reorder, split and merge sentences, so one alignment of the two word sequences
would miss most of the correspondence. Sentences are paired first, by the content words they
share (a suspect sentence may draw on its best source sentence and a neighbour of it, when
two were merged), and the words of each pair are then aligned with :mod:`difflib`.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .errors import InputError
from .lm import function_words
from .reading import WRAP_MIN_WIDTH, unwrap
from .status import MAX_CHARS, judgeable, validate_text
from .text import Doc, accents_away, tokenize

__all__ = ["VERDICTS", "Comparison", "Edit", "SentencePair", "compare"]

#: ``copied``: the suspect is the source's wording with few changes; ``rewritten``: it follows
#: the source sentence by sentence in changed words (what a spinner does); ``partly_derived``:
#: most of it does not follow the source, but a passage does (a copied or spun paragraph in
#: a text of its own); ``unrelated``: too little of it pairs with the source to say any of it
#: was derived from it; ``empty``: a text has no words.
VERDICTS: tuple[str, ...] = ("copied", "rewritten", "partly_derived", "unrelated", "empty")

#: Sentences pair when this share (Dice) of their content words is shared and at least
#: ``MIN_SHARED`` content words are: two articles on one topic share names, not sentences.
MIN_SIMILARITY = 0.3
MIN_SHARED = 2
#: ... and, unless the share is at least ``STRONG_SIMILARITY``, when at least this share of the
#: suspect sentence's words stand in the source sentence's order. On the seed articles, pairs
#: of sentences from different articles on one story keep a median 20% of their words (90th
#: percentile 35%); the pairs of seed 001 and its source keep a median 59%.
STRONG_SIMILARITY = 0.5
MIN_KEPT = 0.4
#: A suspect whose paired sentences hold less than this share of its words is ``unrelated``
#: (seed articles on one story, compared with each other: at most 13%; seed 001 with its
#: source: 82%; spinner rewrites of corpus texts: at least 90%).
MIN_PAIRED_SHARE = 0.4
#: At most this share of a paired suspect's words changed: ``copied``.
MAX_COPIED_CHANGE = 0.1
#: Below ``MIN_PAIRED_SHARE``, a suspect whose pairs keep at least this many of the source's
#: words in order is ``partly_derived``: sentences of different articles on one story, however
#: many pair up, keep at most 13 words between them (the seed articles), a copied paragraph
#: dozens.
MIN_PASSAGE_WORDS = 30
#: A suspect whose paired words mostly changed, more than this share, and that keeps fewer
#: than ``MIN_PASSAGE_WORDS`` of the source's words in order, is ``unrelated``: two short
#: sentences on one story pair on their names ("rewritten", 88% of the words changed; a
#: helper's 5,003 short texts, 1,185 "rewritten" at 0.75-0.92). Rewrites change far less:
#: the 200 language-model rewrites of the genre probe at most 0.58, the corpus's spinners
#: and round-trip translations at most 0.52 (sixty-third session).
MAX_REWRITTEN_CHANGE = 0.7
#: ... unless its pairs share, on average, at least this share (Dice) of their content words:
#: a short sentence reworded and reordered ("Officials in Moscow said on Monday that ...")
#: keeps few words in order but nearly all its content words.
REWORDED_SIMILARITY = 0.7


@dataclass(frozen=True, slots=True)
class Edit:
    """One run of words replaced, added or dropped; spans are character offsets.

    ``source`` is ``None`` for words the suspect added, ``suspect`` for words it dropped.
    """

    kind: str  # "replaced" | "added" | "dropped"
    source: tuple[int, int] | None
    suspect: tuple[int, int] | None
    source_text: str
    suspect_text: str

    def describe(self) -> str:
        if self.kind == "replaced":
            return f"{self.source_text!r} -> {self.suspect_text!r}"
        if self.kind == "added":
            return f"added {self.suspect_text!r}"
        return f"dropped {self.source_text!r}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source_span": list(self.source) if self.source else None,
            "suspect_span": list(self.suspect) if self.suspect else None,
            "source_text": self.source_text,
            "suspect_text": self.suspect_text,
        }


@dataclass(frozen=True, slots=True)
class SentencePair:
    """A suspect sentence and the source sentence(s) it follows; spans are character offsets."""

    source: tuple[int, int]
    suspect: tuple[int, int]
    similarity: float  # Dice coefficient of their content words (1.0: the same words)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_span": list(self.source),
            "suspect_span": list(self.suspect),
            "similarity": round(self.similarity, 4),
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """The comparison of a suspect text with a source.

    ``kept_words`` counts the suspect's words that stand where the aligned source sentence has
    them; ``changed_share`` is the share of the *paired* suspect words that do not, so added
    unrelated paragraphs do not dilute it. ``reordered`` counts paired suspect sentences that
    follow an earlier source sentence than the pair before them.
    """

    verdict: str
    message: str
    source_words: int
    suspect_words: int
    paired_words: int
    kept_words: int
    changed_share: float
    source_sentences: int
    suspect_sentences: int
    reordered: int
    pairs: tuple[SentencePair, ...]
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "message": self.message,
            "source_words": self.source_words,
            "suspect_words": self.suspect_words,
            "paired_words": self.paired_words,
            "kept_words": self.kept_words,
            "changed_share": round(self.changed_share, 4),
            "source_sentences": self.source_sentences,
            "suspect_sentences": self.suspect_sentences,
            "reordered": self.reordered,
            "pairs": [p.to_dict() for p in self.pairs],
            "edits": [e.to_dict() for e in self.edits],
        }

    def explain(self, max_edits: int = 20) -> str:
        """The verdict and its evidence as lines a person reads."""
        lines = [f"{self.verdict}: {self.message}"]
        counts = {k: sum(e.kind == k for e in self.edits) for k in ("replaced", "added", "dropped")}
        if self.edits:
            lines.append(
                f"{counts['replaced']} runs of words replaced, {counts['added']} added, "
                f"{counts['dropped']} dropped"
            )

        # Word swaps first (a few words each side: a spinner's synonyms), then longer rewrites,
        # then what was added or dropped; each group in the suspect's order.
        def rank(e: Edit) -> int:
            if e.kind != "replaced":
                return 2
            return int(max(len(e.source_text.split()), len(e.suspect_text.split())) > 3)

        shown = sorted(self.edits, key=rank)[:max_edits]
        lines.extend(f"  {e.describe()}" for e in shown)
        if len(self.edits) > len(shown):
            lines.append(
                f"  ... and {len(self.edits) - len(shown)} more (--format json or to_dict() lists them all)"
            )
        return "\n".join(lines)


# ---------------------------------------------------------------- the work
@dataclass(frozen=True, slots=True)
class _Sentence:
    tokens: list[int]  # token indices of its words (letters or digits), in order
    words: list[str]  # their lower-cased forms
    content: frozenset[str]  # the words that are not function words
    span: tuple[int, int]


#: A "sentence" longer than this many words is compared in even pieces of at most this many:
#: a text with no full stops (a transcript, captions, a chat dump) was one sentence, aligned
#: whole, word by word, with its source's (20,000 words took 12-31 s, 60,000 over two minutes).
MAX_SENTENCE_WORDS = 80


def _sentences(doc: Doc, fw: frozenset[str]) -> list[_Sentence]:
    out = []
    for a, b in doc.sentences:
        whole = [i for i in range(a, b) if doc.tokens[i][0].isalnum()]
        pieces = -(-len(whole) // MAX_SENTENCE_WORDS)  # (ceiling division)
        cuts = [len(whole) * k // pieces for k in range(pieces + 1)] if pieces else []
        for start, stop in pairwise(cuts):  # even: 6,321 words were 79 of 80 and one of 1
            idx = whole[start:stop]
            words = [doc.lower[i] for i in idx]
            content = frozenset(w for w in words if w not in fw)
            out.append(_Sentence(idx, words, content, (doc.starts[idx[0]], doc.ends[idx[-1]])))
    return out


def _best_source(
    src: Sequence[_Sentence],
    index: dict[str, list[int]],
    exact: dict[tuple[str, ...], int],
    t: _Sentence,
) -> tuple[int, float] | None:
    """The source sentence sharing the most of ``t``'s content words (Dice), if enough."""
    k = exact.get(tuple(t.words))
    if k is not None:  # an unchanged sentence pairs even with no content words ("1.")
        return k, 1.0
    shared = Counter(k for w in t.content for k in index.get(w, ()))
    best: tuple[int, float] | None = None
    for k, n in shared.items():
        if n < MIN_SHARED:
            continue
        sim = 2 * n / (len(src[k].content) + len(t.content))
        # a tie goes to the earlier sentence: ``shared`` is in the order of a set's words,
        # which moves with the hash seed (bench_match.py's answer for one document changed
        # from run to run; sixty-third session)
        if sim >= MIN_SIMILARITY and (best is None or (-sim, k) < (-best[1], best[0])):
            best = (k, sim)
    return best


def _best_window(
    src: Sequence[_Sentence], i: int, words: list[str]
) -> tuple[int, range, difflib.SequenceMatcher[str]]:
    """Source sentence ``i`` alone or with a neighbour, whichever aligns more words
    (returned with that count and the matcher)."""
    best: tuple[int, range, difflib.SequenceMatcher[str]] | None = None
    for window in (range(i, i + 1), range(i, i + 2), range(i - 1, i + 1)):
        if window.start < 0 or window.stop > len(src):
            continue
        a = [w for k in window for w in src[k].words]
        sm = difflib.SequenceMatcher(None, a, words, autojunk=False)
        kept = sum(m.size for m in sm.get_matching_blocks())
        if best is None or kept > best[0]:
            best = (kept, window, sm)
    assert best is not None
    return best


def _span(doc: Doc, toks: list[int]) -> tuple[int, int]:
    return doc.starts[toks[0]], doc.ends[toks[-1]]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A text read once for comparing: its tokens and sentences (see :func:`prepare`). A
    source compared with many suspects (:class:`~spundetect.SourceIndex`) is read once."""

    text: str  # the text compared: the first MAX_CHARS characters
    truncated: bool
    doc: Doc
    sentences: tuple[_Sentence, ...]


def prepare(text: str, name: str = "text") -> Prepared:
    """``text`` read for :func:`compare_prepared`. Raises :class:`~spundetect.InputError`
    (naming it ``name``) when it is not text."""
    reason = validate_text(text)
    if reason is not None:
        raise InputError(f"{name}: {reason}")
    doc = tokenize(accents_away(column_unwrapped(joined_wraps(text[:MAX_CHARS]))))
    return Prepared(
        text[:MAX_CHARS], len(text) > MAX_CHARS, doc, tuple(_sentences(doc, function_words()))
    )


#: Lines this narrow or wider (the median) are read as a column wrapped, when the text is
#: prose filling its lines (:func:`column_unwrapped`; scoring reads only lines of 30
#: characters and more so). A text pasted from a newspaper's column or a phone's screen has
#: narrower ones, and each line was read as a sentence: seed 001 wrapped at 15 columns against
#: its source was ``unrelated`` (at 25, ``partly_derived``), now ``rewritten`` at 40% changed
#: as unwrapped.
COLUMN_MIN_WIDTH = 8
#: ... prose: at least one sentence stop in this many words (lyrics, lists and tables have
#: none, and joined into one line they no longer paired with a copy laid out otherwise) ...
_COLUMN_WORDS_PER_STOP = 40
#: ... and whose lines, but a paragraph's last, end where the next word would not have
#: fitted, this share of them or more (a subtitle file's numbers and times, a list's short
#: items are not a column).
_COLUMN_FILLED = 0.75
_STOP = re.compile(r"[.!?][\"')\]\u201d\u2019]*(?:\s|$)")


def column_unwrapped(text: str) -> str:
    """``text`` with the line breaks of prose hard-wrapped in a column narrower than scoring
    unwraps (under :data:`~spundetect.reading.WRAP_MIN_WIDTH`) made spaces, one for one (a
    ``\\r\\n`` break two spaces), so the offsets still index ``text``; any other text as it is."""
    lines = text.replace("\r\n", "\n").split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(widths) < 3 or widths[len(widths) // 2] >= WRAP_MIN_WIDTH:
        return text  # one line, or a column tokenize unwraps as scoring does
    if len(_STOP.findall(text)) * _COLUMN_WORDS_PER_STOP < len(text.split()):
        return text
    # a line ends where its next word would not have fitted: the mark of a wrapped column
    inner = [
        (len(a.rstrip()), len(a.rstrip()) + 1 + len(b.split()[0]))
        for a, b in pairwise(lines)
        if a.strip() and b.strip()
    ]
    widest = max((w for w, _ in inner), default=0)
    if not inner or sum(fits > widest for _, fits in inner) < _COLUMN_FILLED * len(inner):
        return text
    joined = unwrap(text.replace("\r\n", " \n"), COLUMN_MIN_WIDTH)
    return joined if "\r\n" not in text else _with_crs(text, joined)


def _with_crs(text: str, joined: str) -> str:
    """``joined`` (``text`` with its CRs made spaces, then unwrapped) with a CR again before
    each line break left."""
    chars = list(joined)
    for i, c in enumerate(text):
        if c == "\r" and i + 1 < len(chars) and chars[i + 1] == "\n":
            chars[i] = "\r"
    return "".join(chars)


# a word hyphenated across a line break, as text copied out of a PDF holds it
_WRAPPED_WORD = re.compile(r"([A-Za-z]+)-(\r?\n[ \t]*)([a-z]+)")
# what an English word may end with beyond its dictionary form, and what it then ends with
_ENDINGS = (
    ("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""),
    ("ies", "y"), ("ied", "y"), ("er", ""), ("ers", ""), ("al", ""), ("ally", ""),
)  # fmt: skip


def joined_wraps(text: str) -> str:
    """``text`` with each word hyphenated across a line break ("diploma-" / "tic") written as
    one, its hyphen and break made soft hyphens, so the offsets still index ``text``: a copy
    out of a PDF listed each as a replaced word ("'diplomatic' -> 'diploma-\\ntic'"; seed 003
    wrapped at 35 columns read as 8% changed). Only where the halves make an English word
    (:func:`_a_word`): a compound broken at its own hyphen ("well-" / "known") stays as
    written."""
    if "-\n" not in text and "-\r\n" not in text:
        return text

    def mend(m: re.Match[str]) -> str:
        return (
            m[1] + "\u00ad" * (len(m[0]) - len(m[1]) - len(m[3])) + m[3]
            if _a_word((m[1] + m[3]).lower())
            else m[0]
        )

    return _WRAPPED_WORD.sub(mend, text)


def _a_word(word: str) -> bool:
    """Whether ``word`` is English: in the shipped reference model's frequency table (loaded
    only for a text that holds such a break) or the dictionary's rarer words, as written or
    but for a common ending."""
    from .detector import default_reference
    from .lexicon import dictionary_words

    common, rare = default_reference().zipf, dictionary_words()
    return any(
        form in common or form in rare
        for form in (
            word,
            *(word[: -len(end)] + base for end, base in _ENDINGS if word.endswith(end)),
        )
    )


def no_words(read: Prepared, which: str) -> str:
    """Why ``read`` has no words to compare: none at all, or none in English (a French text
    and its copy were "empty: the source has no words", and ``match`` called them unrelated)."""
    status, message = judgeable(read.doc)
    if status == "not_english":
        return f"{which} has no English words to compare: {message}"
    return f"{which} has no words"


def compare(source: str, suspect: str) -> Comparison:
    """Compare ``suspect`` with the ``source`` it may have been spun from.

    Raises :class:`~spundetect.InputError` when either is not text (``None``, bytes, binary
    data). An empty text gives the verdict ``empty``.
    """
    return compare_prepared(prepare(source, "source"), prepare(suspect, "suspect"))


def compare_prepared(source_: Prepared, suspect_: Prepared) -> Comparison:
    """:func:`compare` of two texts read with :func:`prepare`."""
    truncated = source_.truncated or suspect_.truncated
    source, suspect = source_.text, suspect_.text
    sdoc, tdoc = source_.doc, suspect_.doc
    src, sus = source_.sentences, suspect_.sentences
    n_src = sum(len(s.words) for s in src)
    n_sus = sum(len(s.words) for s in sus)
    if not n_src or not n_sus:
        why = no_words(
            source_ if not n_src else suspect_, "the source" if not n_src else "the suspect"
        )
        return Comparison("empty", why, n_src, n_sus, 0, 0, 0.0,
                          len(src), len(sus), 0, (), ())  # fmt: skip

    index: dict[str, list[int]] = defaultdict(list)
    exact: dict[tuple[str, ...], int] = {}
    for k, s_ in enumerate(src):
        for w in s_.content:
            index[w].append(k)
        exact.setdefault(tuple(s_.words), k)
    pairs: list[SentencePair] = []
    edits: list[Edit] = []
    paired_words = kept = reordered = 0
    last = -1
    for t in sus:
        found = _best_source(src, index, exact, t)
        if found is None:
            continue
        i, sim = found
        kept_here, window, sm = _best_window(src, i, t.words)
        if sim < STRONG_SIMILARITY and kept_here < MIN_KEPT * len(t.words):
            continue  # shared topic words, not a shared sentence
        a_toks = [tok for k in window for tok in src[k].tokens]
        pairs.append(SentencePair(_span(sdoc, a_toks), t.span, sim))
        reordered += window.start < last
        last = window.start
        paired_words += len(t.words)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                kept += i2 - i1
                continue
            s_toks, t_toks = a_toks[i1:i2], t.tokens[j1:j2]
            s_span = _span(sdoc, s_toks) if s_toks else None
            t_span = _span(tdoc, t_toks) if t_toks else None
            kind = {"replace": "replaced", "insert": "added", "delete": "dropped"}[op]
            edits.append(
                Edit(
                    kind,
                    s_span,
                    t_span,
                    source[s_span[0] : s_span[1]] if s_span else "",
                    suspect[t_span[0] : t_span[1]] if t_span else "",
                )
            )

    changed = 1 - kept / paired_words if paired_words else 0.0
    counts = (n_src, n_sus, paired_words, kept, changed, len(src), len(sus), reordered)
    if paired_words < MIN_PAIRED_SHARE * n_sus and kept < MIN_PASSAGE_WORDS:
        verdict = "unrelated"
        message = (
            f"only {len(pairs)} of the suspect's {len(sus)} sentences share enough content "
            f"words with a source sentence ({paired_words / n_sus:.0%} of its words)"
        )
    elif (
        changed > MAX_REWRITTEN_CHANGE
        and kept < MIN_PASSAGE_WORDS
        and sum(p.similarity for p in pairs) < REWORDED_SIMILARITY * len(pairs)
    ):
        verdict = "unrelated"
        message = (
            f"{len(pairs)} of the suspect's {len(sus)} sentences share content words with a "
            f"source sentence, but {changed:.0%} of their words differ and only {kept} "
            f"{'stands' if kept == 1 else 'stand'} in the source's order: a shared topic, not "
            "a derived text"
        )
    elif paired_words < MIN_PAIRED_SHARE * n_sus:
        verdict = "partly_derived"
        message = (
            f"{len(pairs)} of the suspect's {len(sus)} sentences ({paired_words / n_sus:.0%} of "
            f"its words) follow the source; {changed:.0%} of their words differ from it"
        )
    else:
        verdict = "copied" if changed <= MAX_COPIED_CHANGE else "rewritten"
        message = (
            f"{len(pairs)} of the suspect's {len(sus)} sentences follow the source"
            + (f" ({reordered} out of the source's order)" if reordered else "")
            + f"; {changed:.0%} of their words differ from it"
        )
    if truncated:
        message += f" (compared on the first {MAX_CHARS:,} characters of each text)"
    return Comparison(verdict, message, *counts, tuple(pairs), tuple(edits))
