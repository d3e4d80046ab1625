"""Leave one generator out, on both footings: how the model treats a rewriter it never met.

    python -m training.leave_generator_out --corpus work-data/corpus.jsonl \\
        --features-cache work-data/feat_s8 [--footing both] [--generators fluent_rewrite]

Why: :mod:`training.train_default` records leave-one-generator-out figures in the model card,
each fold training on the features the shipped model trains on (computed with a reference
model built without each text's own source) and testing on features computed with the
shipped reference, as the test split is scored. A text the model meets in use is usually new
twice over: a rewriter it never met, applied to writing from a source it never saw. This
script measures the folds on either footing or both, side by side:

* ``in-source``: test features from the shipped reference (the card's figures);
* ``source-less``: test features from the reference built without the text's source too,
  as an unseen source's text would be.

Each fold refits the n-gram model and the classifier exactly as the card's evaluation does
(:func:`training.train_default.logo_eval`). Needs the features cache that
:mod:`training.train_default` writes (``--features-cache``), including ``PATH.srcref.npy``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

from spundetect.model import SpunClassifier
from training.train_default import (
    REPO,
    CacheMissing,
    evaluation_features,
    logo_eval,
    read_corpus,
)

FOOTINGS = ("in-source", "source-less")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "work-data" / "corpus.jsonl")
    ap.add_argument("--features-cache", type=Path, required=True)
    ap.add_argument("--reference", type=Path, default=None)
    ap.add_argument("--footing", choices=[*FOOTINGS, "both"], default="both")
    ap.add_argument(
        "--save",
        type=Path,
        default=None,
        help="write each fold's test documents (fold, footing, label, source, whether of the "
        "held-out generator, corpus line) and probabilities here (.npz)",
    )
    ap.add_argument(
        "--generators",
        nargs="*",
        default=None,
        help="generator families to hold out (default: all)",
    )
    args = ap.parse_args(argv)

    recs = read_corpus(args.corpus)
    try:
        X, counts, X_fit = evaluation_features(
            recs, args.corpus, args.features_cache, args.reference
        )
    except CacheMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    assert X_fit is not None  # evaluation_features(srcref=True) returns it or raises
    keep = np.asarray([r.get("split", "train") != "validation" for r in recs])
    kept = [r for r, k in zip(recs, keep, strict=True) if k]
    footings = FOOTINGS if args.footing == "both" else (args.footing,)
    results = {}
    saved: dict[str, list[Any]] = {
        "fold": [],
        "label": [],
        "source": [],
        "held": [],
        "proba": [],
        "index": [],
    }
    footing_of: list[np.ndarray] = []
    for footing in footings:
        print(f"footing: {footing}", file=sys.stderr, flush=True)
        X_test = X if footing == "in-source" else X_fit
        n_before = len(saved["fold"])
        results[footing] = logo_eval(
            X_test[keep],
            counts[keep],
            kept,
            lambda: SpunClassifier(random_state=0),
            lambda msg: print(msg, file=sys.stderr, flush=True),
            X_fit=X_fit[keep],
            only=args.generators,
            saved=saved if args.save else None,
        )
        footing_of += [np.full(len(a), footing, dtype=object) for a in saved["fold"][n_before:]]
    if args.save and saved["fold"]:
        arrays = {k: np.concatenate(v) for k, v in saved.items()}
        arrays["index"] = np.flatnonzero(keep)[arrays["index"]]  # the corpus line (0-based)
        arrays["footing"] = np.concatenate(footing_of)
        arrays = {k: v.astype(str) if v.dtype == object else v for k, v in arrays.items()}
        np.savez_compressed(args.save, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds
        print(f"saved {len(arrays['label'])} rows to {args.save}", file=sys.stderr)
    names = [k for k in results[footings[0]] if isinstance(results[footings[0]][k], dict)]
    head = "".join(f"  {f + ' macro-F1':>20s} {'recall':>7s}" for f in footings)
    print(f"{'held-out generator':22s}{head}")
    for name in names:
        row = "".join(
            f"  {results[f][name]['macro_f1']:20.3f} {results[f][name]['recall_on_held_out']:7.3f}"
            for f in footings
        )
        print(f"{name:22s}{row}")
    for f in footings:
        if "mean_macro_f1" in results[f]:
            print(
                f"{f}: mean macro-F1 {results[f]['mean_macro_f1']:.3f}, "
                f"min {results[f]['min_macro_f1']:.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
