"""Lexical diversity, word shape and voice.

Why: spinners and paraphrasers replace repeated words with varied synonyms
(higher diversity, longer words) and smooth out the writer's voice (fewer
contractions and first/second-person pronouns, more connective-led sentences,
drawn from a small set of favourites). Measures are length-robust: diversity is a
mean over fixed-size segments (MSTTR), everything else a rate.
"""

from __future__ import annotations

from collections import Counter
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
_CONNECTIVES = frozenset(
    "however moreover furthermore additionally also besides meanwhile nevertheless "  # noqa: SIM905
    "nonetheless therefore thus hence consequently accordingly subsequently similarly "
    "likewise instead still yet but and so then indeed notably importantly overall finally "
    "firstly secondly lastly conversely otherwise alternatively ultimately specifically "
    "namely".split()
)


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
        counts = Counter(seg)
        total += sum(1 for c in counts.values() if c == 1) / len(seg)
    return total / len(segs)


@register("lexical", NAMES)
def lexical(
    doc: Doc, reference: ReferenceModel | None, evidence: list[Evidence] | None
) -> list[float]:
    """Lexical diversity (segmental TTR, hapax), word length, contractions, pronouns."""
    words = doc.words()
    n = len(words)
    if not n:
        return [0.0] * len(NAMES)
    counts = Counter(words)
    total_len = 0
    n_long = n_contr = n_first = n_second = 0
    for w, c in counts.items():  # distinct words only: a few hundred, not every token
        k = len(w)
        total_len += k * c
        if k >= LONG_WORD:
            n_long += c
        if "'" in w and not w.endswith("'s"):
            n_contr += c
        if w in _FIRST:
            n_first += c
        elif w in _SECOND:
            n_second += c
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
