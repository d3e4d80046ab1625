"""Derive spundetect's list of dictionary words the frequency table lacks.

Why: two rules ask whether a word the frequency table lacks is English anyway.
:mod:`spundetect.typos` reads such a word as the common word one slip of the fingers away
("custmers" as "customers"); some are real, rare words ("spirt", "seism", "cambers") that
WordNet's thesaurus puts into spun text, and reading them as slips would erase a spinner's
evidence. :mod:`spundetect.lexicon` reads such a word that nothing explains as a name (a
word left in another language, a term of art); a spinner's thesaurus words must stay
explained. The list holds every WordNet form (one-word lemmas, the words of multi-word
lemmas, regular inflections: noun plurals and verbs' "-s", "-ing" and past forms, irregular
forms) that the shipped reference's table lacks and that either the slip rule would read or
English word-building from the table alone does not explain
(:func:`spundetect.lexicon.explained_without_list`).

Run it again when the reference model's frequency table changes.

Usage: ``python -m training.make_dictionary_words`` (writes
``spundetect/data/dictionary_words.txt``; needs ``apt-get install wordnet-base``)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from spundetect.detector import default_model_dir
from spundetect.lexicon import (
    FORMAT_NAME,
    FORMAT_VERSION,
    PATH,
    explained_without_list,
    table_digest,
)
from spundetect.lm import load as load_reference
from spundetect.typos import left_out_index, read_slip
from training.spinners.inflect import inflect
from training.spinners.wordnet import POS_FILES, WordNet

#: the inflections made of each lemma, by part of speech (see training.spinners.inflect)
FORMS = {"n": ("pl",), "v": ("3sg", "ing", "past"), "a": (), "r": ()}


def dictionary_forms(wn: WordNet) -> set[str]:
    """WordNet's one-word lemmas, their regular inflections and its irregular forms."""
    out: set[str] = set()
    for pos in POS_FILES:
        for lemma in wn.lemmas(pos):
            if not lemma.isalpha():
                continue  # multi-word and hyphenated lemmas: no single token
            out.add(lemma)
            out.update(inflect(wn, lemma, pos, form) for form in FORMS[pos])
        out.update(f for f in wn.irregular_inflections(pos) if f.isalpha())
    return out


def lemma_parts(wn: WordNet) -> set[str]:
    """The words of WordNet's multi-word and hyphenated lemmas ("polloi" of "hoi polloi"):
    English for :mod:`spundetect.lexicon`, though not lemmas (a few are misspelt,
    "euopean", so they do not keep the slip rule from reading a word)."""
    out: set[str] = set()
    for pos in POS_FILES:
        for lemma in wn.lemmas(pos):
            if not lemma.isalpha():
                out.update(w for w in re.split(r"[_\- ]+", lemma) if w.isalpha())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=PATH)
    ap.add_argument(
        "--reference",
        type=Path,
        default=default_model_dir() / "reference.npz",
        help="reference model whose frequency table the slips are read against",
    )
    args = ap.parse_args(argv)
    zipf = load_reference(args.reference).zipf
    left_out = left_out_index(zipf)
    wn = WordNet()
    forms = dictionary_forms(wn)
    candidates = {w for w in forms | lemma_parts(wn) if w.isascii() and w.isalpha() and w.islower()}
    slips = {w for w in candidates if read_slip(w, zipf, left_out) is not None}
    # a multi-word lemma's word that reads as a slip is left to the slip rule ("euopean")
    unexplained = {w for w in candidates - slips if not explained_without_list(w, zipf)}
    words = sorted((slips & forms) | unexplained)
    lines = [
        f"# {FORMAT_NAME} {FORMAT_VERSION}",
        f"# frequency table sha256 {table_digest(zipf)} ({len(zipf)} words)",
        *words,
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(words)} dictionary words ({len(slips & forms)} one slip from a common word) -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
