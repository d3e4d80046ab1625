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
from collections.abc import Collection
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


def build_model(
    texts: list[str], top_n: int = 100_000, common_bigrams: bool = True
) -> lm.ReferenceModel:
    """The reference model of ``texts``, built as the shipped one is."""
    common = lm.symspell_bigrams() if common_bigrams else []
    return lm.build(texts, top_n=top_n, common_bigrams=common)


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
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    model.meta["source"] = "reference partition of ../shared/data/originals"
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
        f"{len(model.wb_keys)} word bigrams in {t1 - t0:.1f}s; loads in {t2 - t1:.2f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
