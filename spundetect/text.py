"""One normalisation and tokenisation pass that every feature shares.

This is the per-document hot path: it runs once per text, and every feature
family reads the same :class:`Doc` instead of re-tokenising. Offsets are kept
exact: ``doc.folded`` has the same length as ``doc.text`` (typographic quotes
and dashes are folded one character for one, non-prose lines such as headings
and menus are blanked with spaces), so a span found on the folded text points at
the same characters of the text the user gave us.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, compress

__all__ = [
    "ABBREVIATIONS",
    "FOLD_TABLE",
    "PROSE_MIN_WORDS",
    "Doc",
    "blank_non_prose",
    "fold",
    "tokenize",
]

# One character for one, so offsets survive folding.
FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2033": '"',  # ″
        "\u2013": "-",  # –
        "\u2014": "-",  # —
        "\u2012": "-",
        "\u2015": "-",
        "\u2212": "-",  # minus
        "\u00a0": " ",  # no-break space
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": " ",  # zero-width space (kept 1:1)
        "\u2026": ".",  # … (one char; keeps offsets)
        "\t": " ",
    }
)

# A word: letters with internal apostrophes ("don't", "Russia's").
# A number: digits with internal separators ("1,500", "3.5").
# Anything else that is not space: one punctuation/symbol token per character.
TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*|\S")
# The same tokens, captured, for ``re.split``: it returns the whitespace runs and the
# tokens alternately (ws, token, ws, ..., token, ws), so offsets are running sums of
# their lengths and no match object is built per token (~1.6x faster than ``finditer``
# plus three reads per match). On ASCII text (most documents once folded)
# ``[A-Za-z]``/``[0-9]`` are the same classes as ``[^\W\d_]``/``\d`` and ~1.5x faster
# to match than Unicode categories.
_SPLIT_RE = re.compile("(" + TOKEN_RE.pattern + ")")
_ASCII_SPLIT_RE = re.compile(r"([A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+(?:[.,:][0-9]+)*|\S)")

# Tokens after which a full stop does not end a sentence (one list for the sentence splitter
# and the punctuation checks; single letters, "U.S." and "e.g.", are handled by both).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen sen rep gov govt lt col capt sgt rev no vs etc al ca cf "  # noqa: SIM905
    "ed vol pp fig approx est inc ltd co corp bros asst assn dept univ hrs ave blvd lbs mlle mme "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENT_END = frozenset(".!?")
_NEWLINE = re.compile(r"\n")
_CLOSERS = frozenset("\"')]")
_ABSORBED = _SENT_END | _CLOSERS  # what a sentence end takes with it
# Non-prose lines: fewer than PROSE_MIN_WORDS words and no sentence ending. Headings, menus,
# bylines, "8 comments", "Share this": scraped pages carry them, they hold no evidence of
# rewriting, and they dilute every per-sentence and per-word rate (the C4 and Gopher corpus
# filters drop such lines for the same reason). Blanked, not deleted, so offsets stay exact.
PROSE_MIN_WORDS = 8
_LINE = re.compile(r"[^\n]+")
_LINE_WORD = re.compile(r"[^\W\d_]+")
_LINE_TAIL = "".join(sorted(_CLOSERS)) + " \t\r"  # stripped before looking for the stop
# Site furniture written as sentences, which the rule above keeps: comment forms, cookie and
# newsletter notices, copyright lines ("Your email address will not be published. Required
# fields are marked *"). A line of a multi-line text that contains one is blanked too. The
# phrases are specific, so an article that discusses cookies or JavaScript keeps its lines.
_BOILERPLATE = re.compile(
    r"email address will not be published|required fields are marked|all rights reserved"
    r"|this (?:web)?site uses cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences)"
    r"|enable javascript|javascript (?:is )?(?:disabled|required)"
    r"|(?:subscribe to|sign up for) our newsletter|you must be logged in|(?:log|sign) in to (?:comment|reply)"
    r"|share this (?:article|story|post)|click here to (?:subscribe|sign up|read more|comment)",
    re.IGNORECASE,
)
# a piece of each phrase above: the regex runs only on a line that holds one, in a text that
# holds one (a scan for a literal is ~100x faster than the case-blind alternation, and most
# texts hold none)
_BOILERPLATE_CUES = (
    "email address",
    "required fields",
    "rights reserved",
    "cookie",
    "javascript",
    "newsletter",
    "logged in",
    "log in to",
    "sign in to",
    "share this",
    "click here",
)
# doc.memo keys of the word sequences the status check and several families share
_WORDS_KEY = "text.words"
_N_WORDS_KEY = "text.n_words"
_COUNTS_KEY = "text.word_counts"


@dataclass(frozen=True, slots=True)
class Doc:
    """A tokenised text. Read-only by contract: features must not mutate the lists.

    Attributes
    ----------
    text: the text as given; every span refers to it.
    folded: ``text`` with typographic quotes, dashes and odd spaces folded to ASCII and
        non-prose lines (headings, menus, bylines: :func:`blank_non_prose`) blanked; the
        same length as ``text``. Tokens, and so every feature, come from it.
    tokens: token strings, taken from ``folded``.
    lower: lower-cased tokens.
    starts, ends: character offsets of each token.
    is_word: True where the token is alphabetic.
    sentences: ``(first_token, end_token)`` index ranges, end exclusive.
    """

    text: str
    folded: str
    tokens: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    is_word: list[bool]
    sentences: list[tuple[int, int]]
    #: per-document memo for derived sequences several consumers need (e.g. the word
    #: list and counts, see :meth:`word_counts`, and the reference model's class ids,
    #: used by the phrasing features and the n-gram model)
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    @property
    def n_words(self) -> int:
        """Number of word tokens (asked for by several consumers: counted once)."""
        n = self.memo.get(_N_WORDS_KEY)
        if n is None:
            n = self.memo[_N_WORDS_KEY] = self.is_word.count(True)  # C speed; sum() is not
        return n  # type: ignore[return-value]

    def words(self) -> list[str]:
        """Lower-cased word tokens (alphabetic only), in order (a new list each call)."""
        return list(self.word_list())

    def word_list(self) -> list[str]:
        """Lower-cased word tokens, in order, computed once per document (read-only: shared)."""
        words = self.memo.get(_WORDS_KEY)
        if words is None:
            if len(self.lower) != len(self.is_word):
                raise ValueError("Doc.lower and Doc.is_word differ in length")
            words = self.memo[_WORDS_KEY] = list(compress(self.lower, self.is_word))
        return words  # type: ignore[return-value]

    def word_counts(self) -> Counter[str]:
        """How often each lower-cased word occurs, computed once per document (read-only: shared).

        The status check and the lexical, readability and punctuation families all need
        per-word facts; looking each distinct word up once is ~2x fewer lookups than once
        per token.
        """
        counts = self.memo.get(_COUNTS_KEY)
        if counts is None:
            counts = self.memo[_COUNTS_KEY] = Counter(self.word_list())
        return counts  # type: ignore[return-value]

    def sentence_span(self, i: int) -> tuple[int, int]:
        """Character span of sentence ``i`` in ``text``."""
        a, b = self.sentences[i]
        return self.starts[a], self.ends[b - 1]

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]


_FOLD_PAIRS = tuple((chr(k), v) for k, v in FOLD_TABLE.items())


def fold(text: str) -> str:
    """``text`` with typographic quotes, dashes and odd spaces folded to ASCII, one char for one.

    ``str.translate`` with a dict walks every character in Python's slow path;
    a few ``replace`` calls for the characters actually present are ~10x faster.
    """
    if text.isascii():
        return text.replace("\t", " ") if "\t" in text else text
    for src, dst in _FOLD_PAIRS:
        if src in text:
            text = text.replace(src, dst)
    return text


def blank_non_prose(folded: str) -> str:
    """``folded`` with its non-prose lines (see :data:`PROSE_MIN_WORDS`) and site furniture
    (comment forms, cookie notices) turned into spaces.

    A text that is mostly such lines (a list, a poem, a page of headings: over half its
    characters) is returned whole, so it is judged on everything it has.
    """
    if "\n" not in folded:
        return folded
    spans = []
    low = folded.lower()
    cues = [c for c in _BOILERPLATE_CUES if c in low]
    for m in _LINE.finditer(folded):
        line = m.group()
        if cues and any(c in line.lower() for c in cues) and _BOILERPLATE.search(line):
            spans.append(m.span())
            continue
        end = line.rstrip(_LINE_TAIL)[-1:]
        if end in _SENT_END or not end:
            continue
        if len(_LINE_WORD.findall(line)) < PROSE_MIN_WORDS:
            spans.append(m.span())
    if not spans or 2 * sum(b - a for a, b in spans) > len(folded):
        return folded
    parts = []
    prev = 0
    for a, b in spans:
        parts.append(folded[prev:a])
        parts.append(" " * (b - a))
        prev = b
    parts.append(folded[prev:])
    return "".join(parts)


def tokenize(text: str) -> Doc:
    """Normalise and tokenise ``text`` in one pass. Safe on the empty string.

    The tokens and their offsets come from one ``re.split`` (no match object per
    token) and C-level passes (``map``, ``accumulate``, slices).
    """
    folded = blank_non_prose(fold(text))
    parts = (_ASCII_SPLIT_RE if folded.isascii() else _SPLIT_RE).split(folded)
    tokens = parts[1::2]
    offsets = list(accumulate(map(len, parts)))  # [start 0, end 0, start 1, end 1, ...]
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    lower = list(map(str.lower, tokens))
    is_word = [t[0].isalpha() for t in tokens]
    sentences = _split_sentences(folded, tokens, lower, starts, ends)
    return Doc(text, folded, tokens, lower, starts, ends, is_word, sentences)


def _positions(seq: list[str], item: str) -> list[int]:
    """Indices of ``item`` in ``seq``: ``list.index`` scans in C, one call per hit."""
    out: list[int] = []
    i = -1
    index = seq.index
    try:
        while True:
            i = index(item, i + 1)
            out.append(i)
    except ValueError:
        return out


def _split_sentences(
    folded: str, tokens: list[str], lower: list[str], starts: list[int], ends: list[int]
) -> list[tuple[int, int]]:
    """Sentence boundaries as token ranges.

    A sentence ends at ``. ! ?`` (plus closing quotes/brackets) followed by a
    token that starts upper-case, a digit or an opening quote, or at a line break.
    Only candidate tokens are visited (terminal punctuation, tokens before a line
    break): this runs on every document, so it avoids a Python step per token.
    """
    n = len(tokens)
    if not n:
        return []
    # "!" and "?" are always tokens of their own, so absent from the text = no such token
    cands = _positions(tokens, ".")
    for mark in "!?":
        if mark in folded:
            cands += _positions(tokens, mark)
    if "\n" in folded:
        for m in _NEWLINE.finditer(folded):
            k = bisect.bisect_left(starts, m.start()) - 1  # last token before the line break
            if 0 <= k < n - 1:
                cands.append(k)
    out: list[tuple[int, int]] = []
    first = 0
    skip = 0
    for i in sorted(set(cands)):
        if i < skip:
            continue
        nxt = i + 1
        tok = tokens[i]
        if tok in _SENT_END:
            # absorb runs of terminal punctuation and closing quotes/brackets
            while nxt < n and tokens[nxt] in _ABSORBED and starts[nxt] == ends[nxt - 1]:
                nxt += 1
            skip = nxt
            if nxt < n:
                gap_start, gap_end = ends[nxt - 1], starts[nxt]
                if gap_end == gap_start:
                    continue  # no whitespace follows: "3.5", "U.S."
                c = tokens[nxt][0]
                ends_here = c.isupper() or c.isdigit() or c in "\"'(["  # a sentence starts
                if ends_here and tok == ".":  # ... unless the stop ends an abbreviation
                    prev = lower[i - 1] if i > 0 else ""
                    ends_here = not (prev in ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()))
                if not ends_here and "\n" not in folded[gap_start:gap_end]:
                    continue
        # else: not terminal punctuation, so a candidate only because a line break follows
        # it (a heading, list item or paragraph end); nxt < n was checked when it was added
        out.append((first, nxt))
        first = nxt
    if first < n:
        out.append((first, n))
    return out
