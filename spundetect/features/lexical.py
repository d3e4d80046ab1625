"""Lexical diversity, word shape and voice.

Why: spinners and paraphrasers replace repeated words with varied synonyms
(higher diversity, longer words) and smooth out the writer's voice (fewer
contractions and first/second-person pronouns, more connective-led sentences,
drawn from a small set of favourites). Measures are length-robust: diversity is a
mean over fixed-size segments (MSTTR), everything else a rate.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from itertools import compress, repeat
from typing import TYPE_CHECKING

from ..text import Doc
from . import Evidence, register

if TYPE_CHECKING:
    from ..lm import ReferenceModel

NAMES = (
    "msttr",
    "hapax_rate",
    "mean_word_len",
    "long_word_share",
    "contraction_rate",
    "first_person_rate",
    "second_person_rate",
    "connective_start_share",
    "connective_diversity",
)

WINDOW = 50  # type-token ratio segment, in words
HAPAX_WINDOW = 100
LONG_WORD = 7

_FIRST = frozenset(
    "i me my mine myself we us our ours ourselves i'm i've i'd i'll we're we've we'd we'll".split()  # noqa: SIM905
)
_SECOND = frozenset("you your yours yourself yourselves you're you've you'd you'll".split())  # noqa: SIM905
# as tuples for C-level lookups of their counts: sum(map(counts.get, words, zeros))
_FIRST_T = tuple(sorted(_FIRST))
_SECOND_T = tuple(sorted(_SECOND))
_CONNECTIVES = frozenset(
    "however moreover furthermore additionally also besides meanwhile nevertheless "  # noqa: SIM905
    "nonetheless therefore thus hence consequently accordingly subsequently similarly "
    "likewise instead still yet but and so then indeed notably importantly overall finally "
    "firstly secondly lastly conversely otherwise alternatively ultimately specifically "
    "namely".split()
)


def _apostrophe_words(doc: Doc) -> set[str]:
    """Lower-cased words with an apostrophe, found from the few apostrophes in the text.

    Every apostrophe lies inside a token (it is not whitespace), so the token is the
    last one starting at or before it; a C-speed ``find`` visits only apostrophes.
    """
    f, starts, lower, is_word = doc.folded, doc.starts, doc.lower, doc.is_word
    out: set[str] = set()
    p = f.find("'")
    while p >= 0:
        k = bisect_right(starts, p) - 1
        if is_word[k]:
            out.add(lower[k])
        p = f.find("'", p + 1)
    return out


def _segments(words: list[str], window: int) -> list[list[str]]:
    """Consecutive ``window``-word segments (a short text is one; a short tail is dropped)."""
    n = len(words)
    if n <= window:
        return [words] if words else []
    return [words[s : s + window] for s in range(0, n - window + 1, window)]


def _msttr(words: list[str], window: int) -> float:
    """Mean segmental type-token ratio: length-robust diversity in C-speed set operations."""
    segs = _segments(words, window)
    return sum(len(set(s)) / len(s) for s in segs) / len(segs) if segs else 0.0


def _hapax_rate(words: list[str], window: int) -> float:
    """Share of words occurring once in their segment, averaged over segments."""
    segs = _segments(words, window)
    if not segs:
        return 0.0
    total = 0.0
    for seg in segs:
        total += list(Counter(seg).values()).count(1) / len(seg)  # count(1): C speed
    return total / len(segs)


@register("lexical", NAMES)
def lexical(
    doc: Doc, reference: ReferenceModel | None, evidence: list[Evidence] | None
) -> list[float]:
    """Lexical diversity (segmental TTR, hapax), word length, contractions, pronouns."""
    words = doc.word_list()
    n = len(words)
    if not n:
        return [0.0] * len(NAMES)
    counts = doc.word_counts()  # shared with the other families
    total_len = len("".join(words))
    # distinct words only (a few hundred, not every token), selected and summed in C
    n_long = sum(compress(counts.values(), map(LONG_WORD.__le__, map(len, counts))))
    contracted = _apostrophe_words(doc) | doc.contractions_marked()
    n_contr = sum(counts[w] for w in contracted if not w.endswith("'s"))
    # the pronoun lists are short: look their counts up instead of testing every word
    n_first = sum(map(counts.get, _FIRST_T, repeat(0)))
    n_second = sum(map(counts.get, _SECOND_T, repeat(0)))
    lower, is_word = doc.lower, doc.is_word
    conn_used: list[str] = []
    n_sent = 0
    for a, b in doc.sentences:
        if b - a < 4:
            continue
        first = a if is_word[a] else next((i for i in range(a, b) if is_word[i]), None)
        if first is None:
            continue
        n_sent += 1
        if lower[first] in _CONNECTIVES:
            conn_used.append(lower[first])
    return [
        _msttr(words, WINDOW),
        _hapax_rate(words, HAPAX_WINDOW),
        total_len / n,
        n_long / n,
        100.0 * n_contr / n,
        100.0 * n_first / n,
        100.0 * n_second / n,
        len(conn_used) / n_sent if n_sent else 0.0,
        len(set(conn_used)) / len(conn_used) if conn_used else 1.0,
    ]
