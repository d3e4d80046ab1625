"""Quality on text new twice over: originals from a source the model never saw, rewrites by a
generator it never met. The closest the corpus comes to the held-out evaluation's text.

    python -m training.leave_source_out --features-cache work-data/feat_X --save loso.npz
    python -m training.leave_generator_out --features-cache work-data/feat_X \\
        --footing source-less --save logo.npz
    python benchmarks/bench_unseen.py --loso loso.npz --logo logo.npz [--corpus corpus.jsonl]

Each of the two runs retrains the training recipe per fold, so this measures the recipe, not
one model file. The originals are every original of the leave-one-source-out run (each scored
by the fold that held its source out, features from a reference model without it); the
rewrites are the held-out generator's texts of each leave-one-generator-out fold (source-less
footing: features from a reference model without the text's source). Every source of
originals weighs alike, every held-out generator family within its label alike, and the
three labels alike, so no one source or generator decides the figure.

Prints macro-F1 and per-label recall at the arg-max label, then as the weight on P(original)
before the arg-max varies: whether leaning towards "original" (fewer false alarms on unseen
writing) or away from it (more unseen rewriters caught) would pay on such text. With
``--corpus`` (the corpus both runs read), also both figures per length band: the
leave-one-source-out originals flagged and each label's recall, and text new twice over. A
longer text gives more evidence, but a source's unfamiliar style is in every sentence of it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from spundetect.result import LABELS  # noqa: E402

WEIGHTS = (0.5, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0)
LENGTHS = ((0, 120), (120, 250), (250, 500), (500, 10**9))


def _band(lo: int, hi: int) -> str:
    return f"{lo}-{hi}" if hi < 10**9 else f"{lo}+"


def _chosen(
    loso: dict[str, np.ndarray], logo: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Which rows of each run make the combined set: the originals of the one, the held-out
    rewrites (source-less footing when both footings were saved) of the other."""
    held = logo["held"].astype(bool)
    if "footing" in logo and np.any(logo["footing"] == "source-less"):
        held &= logo["footing"] == "source-less"
    return loso["label"] == "original", held


def twice_unseen(
    loso: dict[str, np.ndarray], logo: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, probabilities (columns in ``LABELS`` order) and sample weights of the
    combined set: the leave-one-source-out originals and the leave-one-generator-out
    held-out rewrites (source-less footing when both footings were saved)."""
    orig, held = _chosen(loso, logo)
    src = loso["source"][orig]
    y_r, fold_r = logo["label"][held], logo["fold"][held]
    y = np.concatenate([loso["label"][orig], y_r])
    proba = np.concatenate([loso["proba"][orig], logo["proba"][held]])
    w_o = np.zeros(len(src))
    sources = np.unique(src)
    for s in sources:
        m = src == s
        w_o[m] = 1.0 / m.sum() / len(sources)
    w_r = np.zeros(len(y_r))
    for lab in ("spun", "machine_garbled"):
        folds = np.unique(fold_r[y_r == lab])
        for f in folds:
            m = (fold_r == f) & (y_r == lab)
            w_r[m] = 1.0 / m.sum() / len(folds)
    return y, proba, np.concatenate([w_o, w_r])


def weighted_report(
    y: np.ndarray, pred: np.ndarray, weight: np.ndarray
) -> tuple[float, dict[str, float]]:
    """Weighted macro-F1 and per-label recall."""
    f1s, recall = [], {}
    for lab in LABELS:
        tp = weight[(y == lab) & (pred == lab)].sum()
        fn = weight[(y == lab) & (pred != lab)].sum()
        fp = weight[(y != lab) & (pred == lab)].sum()
        recall[lab] = float(tp / (tp + fn)) if tp + fn else 0.0
        f1s.append(float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0)
    return float(np.mean(f1s)), recall


def by_length(
    loso: dict[str, np.ndarray], words: np.ndarray, logo: dict[str, np.ndarray] | None = None
) -> list[str]:
    """Figures per length band: of the leave-one-source-out run, originals flagged at the
    arg-max label and each label's recall; with ``logo``, text new twice over (weighted as
    the whole, each label alike within the band). ``words`` holds the word count of every
    corpus line; the files must record each document's line (``index``, saved by
    ``leave_source_out`` and ``leave_generator_out`` since the twenty-sixth session)."""
    if "index" not in loso:
        return [
            "(this leave-one-source-out file records no corpus lines: run it again to get them)"
        ]
    lines = _loso_by_length(loso, words)
    if logo is None:
        return lines
    if "index" not in logo:
        return [
            *lines,
            "(this leave-one-generator-out file records no corpus lines: run it again to get them)",
        ]
    orig, held = _chosen(loso, logo)
    n = words[np.concatenate([loso["index"][orig], logo["index"][held]])]
    y, proba, weight = twice_unseen(loso, logo)
    pred = np.asarray(LABELS)[proba.argmax(1)]
    lines.append("text new twice over, by length (words): macro-F1; recall per label")
    for lo, hi in LENGTHS:
        band = (n >= lo) & (n < hi)
        if not all(np.any(band & (y == lab)) for lab in LABELS):
            continue
        w = weight[band].copy()
        for lab in LABELS:
            w[y[band] == lab] /= w[y[band] == lab].sum()
        f1, rec = weighted_report(y[band], pred[band], w)
        recall = "  ".join(f"{lab} {rec[lab]:.3f}" for lab in LABELS)
        lines.append(
            f"  {_band(lo, hi):8s} {band.sum():5d} documents, macro-F1 {f1:.3f}   recall {recall}"
        )
    return lines


def _loso_by_length(loso: dict[str, np.ndarray], words: np.ndarray) -> list[str]:
    n = words[loso["index"]]
    y = loso["label"]
    pred = np.asarray(LABELS)[loso["proba"].argmax(1)]
    lines = ["leave one source out, by length (words): originals flagged; recall per label"]
    for lo, hi in LENGTHS:
        band = (n >= lo) & (n < hi)
        orig = band & (y == "original")
        if not orig.any():
            continue
        recall = "  ".join(
            f"{lab} {np.mean(pred[band & (y == lab)] == lab):.3f}"
            for lab in LABELS
            if np.any(band & (y == lab))
        )
        lines.append(
            f"  {_band(lo, hi):8s} {orig.sum():5d} originals, flagged {np.mean(pred[orig] != 'original'):.3f}"
            f"   recall {recall}"
        )
    return lines


def corpus_words(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The word count and the label of each line of the corpus JSONL."""
    words, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:  # one record at a time: the texts are not kept
            rec = json.loads(line)
            words.append(len(rec["text"].split()))
            labels.append(rec["label"])
    return np.asarray(words), np.asarray(labels)


def lines_match(run: dict[str, np.ndarray], labels: np.ndarray) -> bool:
    """Whether a run's recorded corpus lines hold the labels it recorded (the same corpus)."""
    index = run.get("index")
    if index is None:
        return True
    return bool(
        index.size == 0 or (index.max() < len(labels) and np.all(labels[index] == run["label"]))
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--loso", type=Path, required=True, help="leave_source_out --save output")
    ap.add_argument("--logo", type=Path, required=True, help="leave_generator_out --save output")
    ap.add_argument(
        "--corpus", type=Path, default=None, help="the corpus both runs read: figures by length"
    )
    args = ap.parse_args(argv)
    try:
        loso = dict(np.load(args.loso, allow_pickle=False))
        logo = dict(np.load(args.logo, allow_pickle=False))
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    y, proba, weight = twice_unseen(loso, logo)
    labels = np.asarray(LABELS)
    counts = {lab: int(np.sum(y == lab)) for lab in LABELS}
    print(f"text new twice over: {len(y)} documents {counts}")
    print(
        f"  originals from {len(np.unique(loso['source']))} held-out sources, rewrites from "
        f"{len(np.unique(logo['fold'][logo['held'].astype(bool)]))} held-out generator families"
    )
    f1, rec = weighted_report(y, labels[proba.argmax(1)], weight)
    print(
        f"arg-max label: macro-F1 {f1:.3f}  recall original {rec['original']:.3f}  "
        f"spun {rec['spun']:.3f}  machine_garbled {rec['machine_garbled']:.3f}"
    )
    print("weight on P(original) before the arg-max:")
    for w in WEIGHTS:
        pred = labels[(proba * np.asarray([w, 1.0, 1.0])).argmax(1)]
        f1, rec = weighted_report(y, pred, weight)
        print(
            f"  {w:4.2f}  macro-F1 {f1:.3f}  recall original {rec['original']:.3f}  "
            f"spun {rec['spun']:.3f}  machine_garbled {rec['machine_garbled']:.3f}"
        )
    if args.corpus is not None:
        try:
            words, labels_of = corpus_words(args.corpus)
        except (OSError, ValueError, KeyError) as exc:
            print(f"error: cannot read {args.corpus}: {exc}", file=sys.stderr)
            return 2
        if not (lines_match(loso, labels_of) and lines_match(logo, labels_of)):
            print(
                f"error: the runs' corpus lines do not hold the labels they recorded: were they "
                f"run on {args.corpus}?",
                file=sys.stderr,
            )
            return 2
        print("\n".join(by_length(loso, words, logo)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
