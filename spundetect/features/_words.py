"""Per-word facts that several feature families share (this module is not a family).

Per distinct word, the hot path needs: is it in the reference vocabulary (punctuation's
unknown words), its CMU syllable count and whether it is a Dale-Chall easy word
(readability). Three large dicts cost three cache-missing lookups per word; one table
built once per reference answers all three with one, and the reference's type table
(:mod:`spundetect.lm`) keeps each token type's code, so a document reads them per token.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..text import Doc

if TYPE_CHECKING:
    from ..lm import ReferenceModel

__all__ = ["EASY", "IN_VOCABULARY", "SYLLABLE_SHIFT", "easy_words", "fact_table", "token_facts"]


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


# A word's code: syllables << SYLLABLE_SHIFT | EASY | IN_VOCABULARY (syllables 0 = not in
# the CMU table: use the heuristic; a word absent from the table has code 0).
IN_VOCABULARY = 1
EASY = 2
SYLLABLE_SHIFT = 2


def fact_table(zipf: Mapping[str, object], syllables: Mapping[str, int]) -> dict[str, int]:
    """The combined word table of one reference (~10 ms to build).

    A pure function: the reference model builds its table once and keeps it
    (:meth:`spundetect.lm.ReferenceModel.word_facts`), so no table is cached here.
    """
    table = dict.fromkeys(zipf, IN_VOCABULARY)
    get = table.get
    for w, n in syllables.items():
        if n:  # 0 reads as "unknown" (falls back to the heuristic), as in count_syllables
            table[w] = get(w, 0) | n << SYLLABLE_SHIFT
    for w in easy_words():
        table[w] = get(w, 0) | EASY
    return table


@lru_cache(maxsize=1)
def _easy_only() -> dict[str, int]:
    """The table without a reference: only the Dale-Chall easy words carry a fact."""
    return fact_table({}, {})


def token_facts(doc: Doc, reference: ReferenceModel | None) -> np.ndarray:
    """Fact code of each word token of ``doc``, in text order (int64).

    Given a reference, read from its type table (:meth:`spundetect.lm.ReferenceModel.token_info`),
    which looks each token type up once: a document's few new types, not its ~500 distinct
    words in this large table, whose lookups miss the CPU cache.
    """
    if reference is not None:
        info = reference.token_info(doc)
        return info.fact[info.word]
    words = doc.word_list()
    table = _easy_only()
    return np.fromiter(map(table.get, words, repeat(0)), np.int64, len(words))
