"""Word and word-pair frequencies for context-aware (fluent) word choice.

Why these two sources: a fluent paraphraser picks a synonym that is both common (``wordfreq``
Zipf frequency) and idiomatic next to its neighbours ("key role", "poised to"), which a list of
frequent bigrams checks cheaply. The bigrams are SymSpell's Google Books list (242k pairs seen at
least ~6 million times, shipped inside the ``symspellpy`` wheel, MIT / CC BY 3.0); counts are
kept so candidates can be ranked. Both are optional: without them every pair counts as unseen
and every word gets a neutral frequency, and the fluent spinner simply swaps less.
"""

from __future__ import annotations

import importlib.util
import math
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"

_zipf_frequency: Callable[..., float] | None
try:  # optional, as in synonym.py
    from wordfreq import zipf_frequency as _zipf_frequency
except ImportError:  # pragma: no cover - depends on the environment
    _zipf_frequency = None

_LOCK = threading.Lock()
_BIGRAMS: dict[str, int] | None = None


def bigram_path() -> Path | None:
    """Where symspellpy's bigram file is, or None when the package is not installed."""
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / SYMSPELL_BIGRAMS
    return path if path.is_file() else None


def _load() -> dict[str, int]:
    path = bigram_path()
    out: dict[str, int] = {}
    if path is None:
        return out
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2].isdigit():
                out[f"{parts[0]} {parts[1]}"] = int(parts[2])
    return out


def bigrams() -> dict[str, int]:
    """``"w1 w2" -> count`` for the frequent lowercase pairs, loaded once per process."""
    global _BIGRAMS
    if _BIGRAMS is None:
        with _LOCK:
            if _BIGRAMS is None:
                _BIGRAMS = _load()
    return _BIGRAMS


def pair_count(w1: str | None, w2: str | None) -> int:
    """Google Books count of the pair (0 when unseen or when either side is missing)."""
    if not w1 or not w2:
        return 0
    return bigrams().get(f"{w1.lower()} {w2.lower()}", 0)


def pair_score(w1: str | None, w2: str | None) -> float:
    """log10 of the pair count over the list's floor (0 when unseen): about 0.1 .. 3."""
    c = pair_count(w1, w2)
    return math.log10(c / 5.0e6) if c else 0.0


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word or phrase (3.0 when wordfreq is missing)."""
    if _zipf_frequency is None:
        return 3.0
    return float(_zipf_frequency(word, "en"))
