"""One normalisation and tokenisation pass that every feature shares.

This is the per-document hot path: it runs once per text, and every feature
family reads the same :class:`Doc` instead of re-tokenising. Offsets are kept
exact: ``doc.folded`` has the same length as ``doc.text`` (typographic quotes
and dashes are folded one character for one), so a span found on the folded
text points at the same characters of the text the user gave us.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

__all__ = ["FOLD_TABLE", "Doc", "fold", "tokenize"]

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

# Tokens after which a full stop does not end a sentence.
_NO_SPLIT_AFTER = frozenset(
    "mr mrs ms dr prof st jr sr gen sen rep gov lt col capt sgt rev no vs etc "  # noqa: SIM905
    "inc ltd co corp jan feb mar apr aug sep sept oct nov dec fig approx est "
    "e g i u s".split()
)
_SENT_END = frozenset(".!?")
_NEWLINE = re.compile(r"\n")
_CLOSERS = frozenset("\"')]")


@dataclass(frozen=True, slots=True)
class Doc:
    """A tokenised text. Read-only by contract: features must not mutate the lists.

    Attributes
    ----------
    text: the text as given; every span refers to it.
    folded: ``text`` with typographic quotes, dashes and odd spaces folded to ASCII
        (same length as ``text``).
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
    #: per-document memo for derived sequences several consumers need (e.g. the
    #: reference model's class ids, used by the phrasing features and the n-gram model)
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    @property
    def n_words(self) -> int:
        return sum(self.is_word)

    def words(self) -> list[str]:
        """Lower-cased word tokens (alphabetic only), in order."""
        return [w for w, ok in zip(self.lower, self.is_word, strict=True) if ok]

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


def tokenize(text: str) -> Doc:
    """Normalise and tokenise ``text`` in one pass. Safe on the empty string."""
    folded = fold(text)
    ms = list(TOKEN_RE.finditer(folded))
    tokens = [m.group() for m in ms]
    starts = [m.start() for m in ms]
    ends = [m.end() for m in ms]
    lower = [t.lower() for t in tokens]
    is_word = [t[0].isalpha() for t in tokens]
    sentences = _split_sentences(folded, tokens, lower, starts, ends)
    return Doc(text, folded, tokens, lower, starts, ends, is_word, sentences)


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
    cands = {i for i, t in enumerate(tokens) if t in _SENT_END}
    if "\n" in folded:
        for m in _NEWLINE.finditer(folded):
            k = bisect.bisect_left(starts, m.start()) - 1  # last token before the line break
            if 0 <= k < n - 1:
                cands.add(k)
    out: list[tuple[int, int]] = []
    first = 0
    skip = 0
    for i in sorted(cands):
        if i < skip:
            continue
        end_here = False
        nxt = i + 1
        tok = tokens[i]
        if tok in _SENT_END:
            # absorb runs of terminal punctuation and closing quotes/brackets
            while (
                nxt < n
                and (tokens[nxt] in _SENT_END or tokens[nxt] in _CLOSERS)
                and (starts[nxt] == ends[nxt - 1])
            ):
                nxt += 1
            if nxt >= n:
                end_here = True
            elif starts[nxt] > ends[nxt - 1]:  # whitespace follows
                nt = tokens[nxt]
                prev = lower[i - 1] if i > 0 else ""
                abbrev = tok == "." and (
                    prev in _NO_SPLIT_AFTER or (len(prev) == 1 and prev.isalpha())
                )
                starts_sentence = nt[0].isupper() or nt[0].isdigit() or nt[0] in "\"'(["
                end_here = (starts_sentence and not abbrev) or (
                    "\n" in folded[ends[nxt - 1] : starts[nxt]]
                )
            skip = nxt
        elif nxt < n and "\n" in folded[ends[i] : starts[nxt]]:
            end_here = True  # a line break ends a heading, list item or paragraph
        if end_here:
            out.append((first, nxt))
            first = nxt
    if first < n:
        out.append((first, n))
    return out
