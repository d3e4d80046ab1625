"""Derive spundetect's list of dictionary words that look like typing slips.

Why: :mod:`spundetect.typos` reads a word the frequency table lacks as the common word one
slip of the fingers away ("custmers" as "customers"). Some such words are real words that
are rare: "spirt", "seism", "cambers", "planers". WordNet's thesaurus puts them into spun
text, and reading them as slips would erase a spinner's evidence. This list holds every
WordNet lemma, regular inflection (noun plurals; verbs' "-s", "-ing" and past forms) and
irregular form that the rule would read as a slip against the shipped reference model's
frequency table; :func:`spundetect.typos.meant_word` leaves them as written.

Run it again when the reference model's frequency table changes.

Usage: ``python -m training.make_dictionary_words`` (writes
``spundetect/data/dictionary_words.txt``; needs ``apt-get install wordnet-base``)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spundetect.detector import default_model_dir
from spundetect.lm import load as load_reference
from spundetect.typos import FORMAT_NAME, FORMAT_VERSION, PATH, left_out_index, read_slip
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
    forms = dictionary_forms(WordNet())
    words = sorted(w for w in forms if read_slip(w, zipf, left_out) is not None)
    lines = [f"# {FORMAT_NAME} {FORMAT_VERSION}", *words]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} dictionary words one slip from a common word -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
