"""Readability and sentence rhythm, computed in one fast pass, plus offline textstat.

Why: spinners swap plain words for longer, rarer ones (more syllables, more
"difficult" words) and paraphrasers even out sentence lengths (low burstiness);
machine translation breaks and merges sentences. The hot path computes the
textstat formulas itself from the shared tokens (textstat re-tokenises with
regexes and is slower than the whole detector may be); :func:`textstat_report`
calls real textstat, offline, to check these numbers and for ``spundetect features``.

textstat >= 0.7.5 calls ``nltk.download('cmudict')`` on first use. We ship the
CMU dictionary as an nltk data directory and :func:`textstat_offline` appends it
to ``nltk.data.path`` (appended, so a user's own nltk data still wins).
"""

from __future__ import annotations

import importlib.util
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import Doc
from . import Evidence, register

if TYPE_CHECKING:
    from ..lm import ReferenceModel

__all__ = ["NLTK_DATA_DIR", "count_syllables", "easy_words", "textstat_offline", "textstat_report"]

NAMES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "words_per_sentence",
    "syllables_per_word",
    "sentence_len_std",
    "sentence_len_cv",
    "difficult_word_rate",
    "polysyllable_rate",
)

NLTK_DATA_DIR = Path(str(resources.files("spundetect") / "data" / "nltk_data"))
_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def textstat_offline() -> None:
    """Point nltk at the shipped cmudict and make a missing-data download fail loudly, not fetch.

    Called once before any textstat use. ``nltk.download`` is not patched globally:
    we only make sure ``nltk.data.find("corpora/cmudict")`` succeeds, so textstat
    never reaches its download branch.
    """
    import nltk

    d = str(NLTK_DATA_DIR)
    if d not in nltk.data.path:
        nltk.data.path.append(d)
    nltk.data.find("corpora/cmudict")  # raises LookupError if our copy is missing


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """textstat's Dale-Chall easy word list, read from its package data.

    Located with ``find_spec`` so textstat (and nltk behind it, ~2 s) is not imported.
    """
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for root in spec.submodule_search_locations:
        path = Path(root) / "resources" / "en" / "easy_words.txt"
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            return frozenset(w.strip() for w in lines if w.strip())
    return frozenset()


@lru_cache(maxsize=100_000)
def _heuristic_syllables(word: str) -> int:
    """Vowel groups, minus a silent final 'e'; at least one."""
    w = word.lower()
    n = len(_VOWELS.findall(w))
    if n > 1 and w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        n -= 1
    return max(1, n)


def count_syllables(word: str, reference: ReferenceModel | None = None) -> int:
    """Syllables of a lower-cased word: CMU dictionary via the reference model, else a heuristic."""
    if reference is not None:
        s = reference.syllables.get(word)
        if s:
            return s
    return _heuristic_syllables(word)


@register("readability", NAMES, needs_reference=True)
def readability(
    doc: Doc, reference: ReferenceModel | None, evidence: list[Evidence] | None
) -> list[float]:
    """Readability formulas (Flesch, Flesch-Kincaid, Dale-Chall words) and burstiness."""
    lower, is_word = doc.lower, doc.is_word
    syll_get = reference.syllables.get if reference is not None else {}.get
    easy = easy_words()
    n_words = 0
    n_syll = 0
    n_difficult = 0
    n_poly = 0
    lengths: list[int] = []
    for a, b in doc.sentences:
        k = 0
        for i in range(a, b):
            if not is_word[i]:
                continue
            k += 1
            w = lower[i]
            s = syll_get(w) or _heuristic_syllables(w)
            n_syll += s
            if s >= 2 and w not in easy:
                n_difficult += 1
            if s >= 3:
                n_poly += 1
        n_words += k
        if k:
            lengths.append(k)
    if not n_words:
        return [0.0] * len(NAMES)
    # textstat ignores "sentences" of two words or fewer (headings, list markers)
    n_sent = max(1, sum(1 for k in lengths if k > 2))
    wps = n_words / n_sent
    spw = n_syll / n_words
    long_lengths = [k for k in lengths if k > 2] or lengths
    mean = sum(long_lengths) / len(long_lengths)
    std = math.sqrt(sum((k - mean) ** 2 for k in long_lengths) / len(long_lengths))
    return [
        206.835 - 1.015 * wps - 84.6 * spw,
        0.39 * wps + 11.8 * spw - 15.59,
        wps,
        spw,
        std,
        std / mean if mean else 0.0,
        n_difficult / n_words,
        n_poly / n_words,
    ]


def textstat_report(text: str) -> dict[str, float]:
    """Real textstat scores for ``text``, computed offline (never downloads anything)."""
    textstat_offline()
    import textstat

    return {
        "flesch_reading_ease": float(textstat.flesch_reading_ease(text)),
        "flesch_kincaid_grade": float(textstat.flesch_kincaid_grade(text)),
        "gunning_fog": float(textstat.gunning_fog(text)),
        "smog_index": float(textstat.smog_index(text)),
        "dale_chall_readability_score": float(textstat.dale_chall_readability_score(text)),
        "difficult_words": float(textstat.difficult_words(text)),
        "lexicon_count": float(textstat.lexicon_count(text)),
        "sentence_count": float(textstat.sentence_count(text)),
        "syllable_count": float(textstat.syllable_count(text)),
    }
