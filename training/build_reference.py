"""Build the reference language model (``spundetect.lm``) from the reference originals.

Only originals whose ``partition(id) == "reference"`` are used: the rest become
training documents, and a reference model fitted on them would teach the
classifier "LM-familiar means original".

Usage: ``python -m training.build_reference --out models/default/reference.npz``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Collection, Mapping
from functools import lru_cache
from pathlib import Path

from spundetect import lm
from spundetect.errors import ModelError


def reference_texts(
    data: list[Path] | None = None, exclude_sources: Collection[str] = ()
) -> list[str]:
    """Texts of the reference partition of the originals, leaving out the source families
    (:func:`training.splits.source_family`) in ``exclude_sources``."""
    from training.originals import load_originals, partition
    from training.splits import source_family

    docs = load_originals(data)
    return [
        d.text
        for d in docs
        if partition(d.id) == "reference" and source_family(d.source) not in exclude_sources
    ]


# A word is "rare where a plain one would do" when WordNet gives it a synonym, inflected like
# it, that is at least ten times as common (one Zipf unit) and itself in everyday use.
PLAINER_MAX_ZIPF = 4.0  # only words below this (the uncommon-word threshold) are looked up
PLAINER_MARGIN = 1.0
PLAINER_MIN_ZIPF = 3.0


def plainer_synonyms(
    zipf: Mapping[str, float],
    max_zipf: float = PLAINER_MAX_ZIPF,
    margin: float = PLAINER_MARGIN,
    min_zipf: float = PLAINER_MIN_ZIPF,
) -> dict[str, str]:
    """Uncommon words of ``zipf`` that have a WordNet synonym, inflected like the word, much
    more common (see :data:`PLAINER_MARGIN`) -> the one a reason may name: the first such
    synonym of the word's most frequent sense, or "" when only a rarer sense has one
    ("purges" has "cats" only as a verb of vomiting: counted, not named).

    Why: everyday writing is full of rare words that have no plainer alternative
    ("shoebox", "whetstone", "focaccia"); a spinner's or a translation engine's rare word
    usually replaces a common one ("squashed" for "crushed", "commence" for "begin"). Only
    the second kind is evidence of rewriting, and a spinner draws on every sense. Needs
    WordNet (``apt-get install wordnet-base``).
    """
    from training.spinners.inflect import analyses, inflect
    from training.spinners.wordnet import get_wordnet

    wn = get_wordnet()
    out: dict[str, str] = {}
    for word in sorted(zipf):
        z = zipf[word]
        if z >= max_zipf or not word.isalpha():
            continue
        need = max(z + margin, min_zipf)
        found = False
        named = ""
        for a in analyses(wn, word):
            for rank, offset in enumerate(wn.synsets(a.base, a.pos)):
                for syn in wn.synset_words(a.pos, offset):
                    if syn != syn.lower() or not syn.isalpha() or syn == a.base:
                        continue  # proper nouns, phrases, numbers, the word itself
                    form = syn if a.form == "base" else inflect(wn, syn, a.pos, a.form)
                    if form != word and zipf.get(form, 0.0) >= need:
                        found = True
                        if rank == 0 and not named:
                            named = form
        if found:
            out[word] = named
    return out


def unlisted_words(zipf: Mapping[str, float], max_zipf: float = lm.UNLISTED_MAX_ZIPF) -> set[str]:
    """Words of ``zipf`` below ``max_zipf`` that WordNet has no reading of, in any
    inflection ("fintech", "paywall", "contactless"; not "safeguarded", "enviable").

    Why (``lm.ReferenceModel.unlisted``): per 1,000 words, rare words WordNet lists are 10.0
    in originals and 10-41 in the spinners' texts (7.5 against 4.9 in seed 001 against its
    original); rare words it does not list are 5.9 against 6.2-7.8, and 42 in paragraphs
    dense with words of the last ten years (the recent-vocabulary probe).
    """
    from training.spinners.inflect import analyses
    from training.spinners.wordnet import get_wordnet

    wn = get_wordnet()
    return {w for w, z in zipf.items() if z < max_zipf and w.isalpha() and not analyses(wn, w)}


@lru_cache(maxsize=2)
def _word_tables(top_n: int) -> tuple[dict[str, float], dict[str, str], frozenset[str]]:
    """The frequency table, its plainer synonyms and its unlisted words, once per process."""
    zipf = lm.zipf_table(top_n)
    return zipf, plainer_synonyms(zipf), frozenset(unlisted_words(zipf))


def build_model(
    texts: list[str], top_n: int = 100_000, common_bigrams: bool = True
) -> lm.ReferenceModel:
    """The reference model of ``texts``, built as the shipped one is."""
    common = lm.symspell_bigrams() if common_bigrams else []
    zipf, plainer, unlisted = _word_tables(top_n)
    return lm.build(
        texts, zipf=dict(zipf), common_bigrams=common, plainer=dict(plainer), unlisted=unlisted
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build spundetect's reference language model.")
    ap.add_argument("--out", type=Path, default=Path("models/default/reference" + lm.SUFFIX))
    ap.add_argument(
        "--data",
        type=Path,
        action="append",
        default=None,
        help="originals file/folder (default: ../shared/data/originals)",
    )
    ap.add_argument("--top-n", type=int, default=100_000, help="wordfreq vocabulary size")
    ap.add_argument(
        "--no-common-bigrams",
        action="store_true",
        help="leave out symspellpy's frequent English bigrams (collocations beyond the reference text)",
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        texts = reference_texts(args.data)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not texts:
        print("error: no reference documents found", file=sys.stderr)
        return 2
    common = not args.no_common_bigrams
    try:
        model = build_model(texts, top_n=args.top_n, common_bigrams=common)
    except (ModelError, RuntimeError) as exc:  # RuntimeError: WordNet is not installed
        print(f"error: {exc}", file=sys.stderr)
        return 2
    model.meta["source"] = "reference partition of ../shared/data/originals"
    model.meta["plainer_synonyms_source"] = (
        "WordNet 3.0 (Princeton University, WordNet licence): synonyms at least "
        f"{PLAINER_MARGIN:g} Zipf unit more common, for words under Zipf {PLAINER_MAX_ZIPF:g}"
    )
    model.meta["unlisted_source"] = (
        f"WordNet 3.0: table words under Zipf {lm.UNLISTED_MAX_ZIPF:g} with no reading in it"
    )
    if common:
        model.meta["common_bigrams_source"] = (
            "symspellpy frequency_bigramdictionary_en_243_342.txt (MIT; from Google Books "
            "Ngram data, CC BY 3.0): word pairs only"
        )
    path = lm.save(model, args.out)
    t1 = time.perf_counter()
    lm.load(path)
    t2 = time.perf_counter()
    print(
        f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) from {len(texts)} documents, "
        f"{model.n_words} words, {len(model.tri_keys)} class trigrams, "
        f"{len(model.wb_keys)} word bigrams, {len(model.plainer)} plainer synonyms, {len(model.unlisted)} unlisted words in "
        f"{t1 - t0:.1f}s; loads in {t2 - t1:.2f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
