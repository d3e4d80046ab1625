"""Leave one source of originals out: how the model treats writing from a source it never saw.

    python -m training.leave_source_out --corpus work-data/corpus.jsonl \\
        --features-cache work-data/feat_s8 [--sources gum_cc factbook_pd]

Why: the test split holds new articles from the *same* sources as training (Wikinews,
WikiText, the Factbook, GUM), but users score text from sources the model never saw, and
the holdout is such text. Each fold trains exactly as :mod:`training.train_default` does
(:func:`spundetect.train`: the same stacking, the corpus's validation split for
calibration and operating points) on every source but one, with none of the held-out
source's groups (its originals and their rewrites), and then scores all of the held-out
source's documents. Prints, per source: macro-F1, the share of its originals flagged with
the arg-max label and at the operating points (chosen on the training sources' validation
split, so this shows whether a ``--max-fpr`` setting holds its rate on a new source), and
the share of its spun and garbled texts caught.

The hand-written features are those :mod:`training.train_default` trains on: each text's
computed with a reference model built without the text's own source
(:func:`training.train_default.source_held_out_features`), so the held-out source is unseen
by the reference model too. (The training sources' texts were featurised with reference
models that include the held-out source: a small leak, in the model's favour.)
``--shared-reference`` uses the shipped reference for every text instead, as the models of
the sixth session and before were trained: those figures are a little kind. Needs the
features cache that :mod:`training.train_default` writes (``--features-cache``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from spundetect import lm
from spundetect.detector import train
from spundetect.metrics import evaluate
from spundetect.model import SpunClassifier
from spundetect.result import LABELS
from training.splits import generator_family, source_family
from training.train_default import (
    REPO,
    CacheMissing,
    _MaskedFit,
    evaluation_features,
    read_corpus,
    reference_path,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=REPO / "work-data" / "corpus.jsonl")
    ap.add_argument(
        "--features-cache",
        type=Path,
        required=True,
        help="PATH.npy (hand-written features) and PATH.npz (n-gram counts) from train_default",
    )
    ap.add_argument("--reference", type=Path, default=None)
    ap.add_argument(
        "--shared-reference",
        action="store_true",
        help="features from the shipped reference model for every text (PATH.npy), as "
        "train_default --shared-reference trains",
    )
    ap.add_argument(
        "--sources", nargs="*", default=None, help="source families to hold out (default: all)"
    )
    ap.add_argument(
        "--save",
        type=Path,
        default=None,
        help="write each held-out document's label, source, probabilities and corpus line "
        "(0-based) here (.npz)",
    )
    args = ap.parse_args(argv)

    recs = read_corpus(args.corpus)
    try:
        X, counts, X_srcref = evaluation_features(
            recs, args.corpus, args.features_cache, args.reference, srcref=not args.shared_reference
        )
    except CacheMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if X_srcref is not None:
        X = X_srcref
    reference = lm.load(reference_path(args.reference))
    y = np.asarray([r["label"] for r in recs])
    split = np.asarray([r.get("split", "train") for r in recs])
    groups = np.asarray([r["group"] for r in recs])
    gens = [generator_family(r["generator"]) for r in recs]
    source = np.asarray([source_family(r.get("source")) for r in recs])
    names = args.sources or sorted(set(source.tolist()), key=lambda s: (source == s).sum())
    print(
        f"{'held-out source':16s} {'docs':>6s} {'macro-F1':>8s} {'FPR':>6s}  "
        "FPR at max-fpr 0.01 / 0.02 / 0.05   spun caught  garbled caught"
    )
    f1s = []
    saved: dict[str, list[np.ndarray]] = {"label": [], "source": [], "proba": [], "index": []}
    for name in names:
        t0 = time.time()
        held = source == name
        fit = ~held & (split != "test")
        idx = np.flatnonzero(fit)
        det = train(
            [recs[i]["text"] for i in idx],
            list(y[fit]),
            groups=list(groups[fit]),
            generators=[gens[i] for i in idx],
            sources=list(source[fit]),
            reference=reference,
            classifier=_MaskedFit(SpunClassifier(random_state=0), split[fit] == "validation"),
            X=X[fit],
            counts=counts[fit],
        )
        ng = det._ngram
        assert ng is not None
        pt = ng.proba(ng.matrix(counts[held]))[:, [ng.classes.index(lab) for lab in LABELS]]
        proba = det.predict_proba_features(np.hstack([X[held], pt]))
        yt = y[held]
        rep = evaluate(list(yt), proba)
        pred = np.asarray(LABELS)[proba.argmax(1)]
        orig = yt == "original"
        at = []
        for rate in (0.01, 0.02, 0.05):
            point = [p for p in det.card.get("operating_points", []) if p["max_fpr"] == rate]
            at.append(
                f"{np.mean(proba[orig, 0] < point[0]['threshold']):.3f}" if point else "  -  "
            )
        f1s.append(rep["macro_f1"])
        saved["label"].append(yt)
        saved["source"].append(source[held])
        saved["proba"].append(proba)
        saved["index"].append(np.flatnonzero(held))  # the corpus line of each document
        print(
            f"{name:16s} {held.sum():6d} {rep['macro_f1']:8.3f} {np.mean(pred[orig] != 'original'):6.3f}"
            f"  {' / '.join(at):33s}  {np.mean(pred[yt == 'spun'] == 'spun'):11.3f}"
            f"  {np.mean(pred[yt == 'machine_garbled'] == 'machine_garbled'):14.3f}"
            f"   ({time.time() - t0:.0f} s)",
            flush=True,
        )
    if f1s:
        print(f"mean macro-F1 {np.mean(f1s):.3f}, min {np.min(f1s):.3f}")
    if args.save and f1s:
        arrays = {k: np.concatenate(v) for k, v in saved.items()}
        np.savez_compressed(args.save, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
