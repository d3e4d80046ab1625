"""Article spinners for the corpus build: each turns an original text into a spun one.

``SPINNERS`` maps a generator name (recorded in the corpus ``generator`` field) to a function
``(text, rng) -> spun text``. Every function keeps the paragraph structure (paragraphs separated
by a blank line), leaves names, numbers and quotations mostly intact, and is deterministic given
the ``random.Random`` it is handed. WordNet is loaded lazily, once per process.

Styles: ``synonym_light`` / ``synonym_heavy`` (context-free WordNet swaps of about 30% / 50%
of content words), ``tortured_phrases`` (awkward multi-word equivalents plus light swaps),
``sentence_rewrite`` (moved clauses, split/merged sentences, connectives, seed-001 glitches),
``formal_paraphrase`` (fluent formal register, seed 003), ``fluent_rewrite`` (an LLM or
commercial paraphraser rewriting an article: context-aware synonyms, register, restructured
sentences, no glitches) and ``mixed`` (sentence rewrite plus light swaps). Eyeball one with
``python -m training.spinners --style NAME < file``; measure speed and change rates with
``python -m training.spinners.bench`` (needs ``../shared``).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .fluent import fluent_rewrite
from .formal import formal_paraphrase
from .phrases import tortured_phrases
from .sentences import mixed, sentence_rewrite
from .synonym import synonym_heavy, synonym_light
from .wordnet import check_resources

Spinner = Callable[[str, random.Random], str]

SPINNERS: dict[str, Spinner] = {
    "synonym_light": synonym_light,
    "synonym_heavy": synonym_heavy,
    "tortured_phrases": tortured_phrases,
    "sentence_rewrite": sentence_rewrite,
    "formal_paraphrase": formal_paraphrase,
    "fluent_rewrite": fluent_rewrite,
    "mixed": mixed,
}

__all__ = ["SPINNERS", "Spinner", "check_resources"]
