"""Quality figures of the shipped default model, measured again from the corpus and the seeds.

    python benchmarks/bench_quality.py --corpus work-data/corpus.jsonl

Prints the group-held-out test-split report (macro-F1, per-class figures,
false-positive rate on originals, calibration error), what the model's operating points
(thresholds chosen on the validation split) flag on the test split, the five seed articles,
and the leave-one-generator-out figures recorded in the model card by
``training.train_default`` (they need retraining per fold, so they are measured
there, not here). With the corpus it also runs the decoder-loop probe: 300 test-split
originals scored as they are and with one loop put in (``training.mt.decoder_loop``, the
loop the training translations carry in 15% of cases), so a loop in otherwise human text
is measured on its own; and quality by length: per length band of the test split, and on
article-length documents (700-1,200 words) made by joining test-split texts of one label,
generator and source, since the corpus's texts are excerpts and users score whole articles,
and on short texts, the first sentences of test-split texts (15-30, 30-60 and 60-120 words).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from spundetect import Detector  # noqa: E402
from spundetect.metrics import (  # noqa: E402
    apply_operating_points,
    evaluate,
    format_operating_points,
    format_report,
)
from training.mt import decoder_loop  # noqa: E402
from training.originals import split_sentences  # noqa: E402
from training.train_default import seed_check  # noqa: E402

LOOP_PROBE_SIZE = 300


def operating_points_report(det: Detector, y: list[str], proba: np.ndarray) -> str:
    """The model's operating points (thresholds on P(original) chosen on the validation
    split at training time) applied to the test split: what each flags there."""
    points = det.card.get("operating_points") or []
    if not points:
        return "\nthe model card records no operating points"
    measured = apply_operating_points(points, y, proba[:, 0])
    return "\noperating points (chosen on validation), measured on the test split:\n" + (
        format_operating_points(measured)
    )


LENGTHS = ((0, 120), (120, 250), (250, 500), (500, 10**9))
ARTICLE_WORDS = (700, 1200)
ARTICLES = 900


def length_report(recs: list[dict[str, str]], labels: list[str | None]) -> str:
    """Macro-F1 and the false-positive rate on originals per length band (words)."""
    lines = ["\nby length (words), test split as it is:"]
    for lo, hi in LENGTHS:
        idx = [i for i, r in enumerate(recs) if lo <= len(r["text"].split()) < hi]
        if not idx:
            continue
        y = [recs[i]["label"] for i in idx]
        pred = [labels[i] or "" for i in idx]
        flagged = [p != "original" for p, t in zip(pred, y) if t == "original"]
        span = f"{lo}-{hi}" if hi < 10**9 else f"{lo}+"
        rate = f"{np.mean(flagged):.3f}" if flagged else "-"
        lines.append(
            f"  {span:8s} {len(idx):5d} documents  macro-F1 {macro_f1(y, pred):.3f}  "
            f"originals flagged {rate} ({sum(flagged)} of {len(flagged)})"
        )
    return "\n".join(lines)


def articles(test: list[dict[str, str]], seed: int = 0) -> tuple[list[str], list[str]]:
    """Article-length documents: test-split texts of one label, generator and source joined,
    paragraph after paragraph, until they hold 700-1,200 words (translations through any
    pivot language count as one generator, as do partial ones). The corpus's texts are
    excerpts (median ~165 words); users score whole articles."""
    rng = random.Random(seed)
    groups: dict[tuple[str, str, str], list[str]] = {}
    for r in test:
        key = (r["label"], r["generator"].split(":")[0], r.get("source") or "")
        groups.setdefault(key, []).append(r["text"])
    docs, labels = [], []
    lo, hi = ARTICLE_WORDS
    for key in sorted(groups):
        texts = groups[key]
        rng.shuffle(texts)
        chunk: list[str] = []
        n = 0
        for t in texts:
            chunk.append(t)
            n += len(t.split())
            if n >= lo:
                if n <= hi:
                    docs.append("\n\n".join(chunk))
                    labels.append(key[0])
                chunk, n = [], 0
    keep = sorted(rng.sample(range(len(docs)), min(ARTICLES, len(docs))))
    return [docs[i] for i in keep], [labels[i] for i in keep]


def article_report(det: Detector, test: list[dict[str, str]], jobs: int) -> str:
    """The model on article-length documents made of test-split texts (:func:`articles`)."""
    docs, y = articles(test)
    pred = [r.label or "" for r in det.score_many(docs, n_jobs=jobs, batch_size=64)]
    flagged = [p != "original" for p, t in zip(pred, y) if t == "original"]
    counts = {lab: y.count(lab) for lab in det.labels}
    lo, hi = ARTICLE_WORDS
    return (
        f"\narticle length: {len(docs)} documents of {lo}-{hi} words, each test-split texts of one "
        f"label, generator and source joined {counts}:\n"
        f"  macro-F1 {macro_f1(y, pred):.3f}  originals flagged {np.mean(flagged):.3f} "
        f"({sum(flagged)} of {len(flagged)})"
    )


OPENING_BANDS = ((15, 30), (30, 60), (60, 120))
OPENINGS_PER_LABEL = 600


def openings(
    test: list[dict[str, str]], lo: int, hi: int, seed: int = 0
) -> tuple[list[str], list[str]]:
    """Short texts: each test-split text's first sentences, as few as make ``lo`` words, kept
    when they make at most ``hi`` (up to :data:`OPENINGS_PER_LABEL` per label, in a fixed
    random order). Users score posts, comments and captions too; the corpus's shortest
    texts are excerpts of about 50 words."""
    order = list(range(len(test)))
    random.Random(seed).shuffle(order)
    docs, labels = [], []
    per_label: dict[str, int] = {}
    for i in order:
        r = test[i]
        if per_label.get(r["label"], 0) >= OPENINGS_PER_LABEL:
            continue
        words, chunk = 0, []
        for sentence in split_sentences(" ".join(r["text"].split())):
            chunk.append(sentence)
            words += len(sentence.split())
            if words >= lo:
                break
        if lo <= words <= hi:
            docs.append(" ".join(chunk))
            labels.append(r["label"])
            per_label[r["label"]] = per_label.get(r["label"], 0) + 1
    return docs, labels


def opening_report(det: Detector, test: list[dict[str, str]], jobs: int) -> str:
    """The model on the first sentences of test-split texts (:func:`openings`), per band."""
    strict = [pt for pt in det.card.get("operating_points") or [] if pt["max_fpr"] == 0.01]
    lines = ["\nshort texts: the first sentences of test-split texts, per label and band (words):"]
    for lo, hi in OPENING_BANDS:
        docs, y = openings(test, lo, hi)
        results = list(det.score_many(docs, n_jobs=jobs, batch_size=128))
        pred = [r.label or "" for r in results]
        recall = {
            lab: np.mean([p == lab for p, t in zip(pred, y) if t == lab]) for lab in det.labels
        }
        flagged = [p != "original" for p, t in zip(pred, y) if t == "original"]
        lines.append(
            f"  {lo}-{hi:<4d} {len(docs):5d} texts  macro-F1 {macro_f1(y, pred):.3f}  "
            f"originals flagged {np.mean(flagged):.3f}  recall "
            + " / ".join(f"{lab} {recall[lab]:.3f}" for lab in det.labels)
        )
        if strict:  # what the 1% operating point flags of each label (a text not judged: no)
            p_original = np.asarray([r.probabilities["original"] for r in results])
            judged = np.asarray([r.status == "ok" for r in results])
            below = (p_original < strict[0]["threshold"]) & judged
            shares = [np.mean(below[np.asarray(y) == lab]) for lab in det.labels]
            lines.append(
                "           at the 1% point flagged "
                + " / ".join(f"{lab} {v:.3f}" for lab, v in zip(det.labels, shares))
            )
    return "\n".join(lines)


def macro_f1(y: list[str], pred: list[str]) -> float:
    """Over the labels present in ``y`` (a text not judged counts as wrong)."""
    return float(f1_score(y, pred, labels=sorted(set(y)), average="macro"))


def loop_probe_report(det: Detector, test: list[dict[str, str]], jobs: int) -> str:
    """Originals of the test split with and without one decoder loop: how many each flags."""
    originals = [r for r in test if r["label"] == "original"]
    sample = random.Random(7).sample(originals, min(LOOP_PROBE_SIZE, len(originals)))
    clean = [r["text"] for r in sample]
    looped = [decoder_loop(t, random.Random("probe:" + r["id"])) for t, r in zip(clean, sample)]
    lines = [f"\ndecoder-loop probe ({len(sample)} test-split originals; flagged = not original):"]
    for name, texts in (("as written", clean), ("one loop put in", looped)):
        res = list(det.score_many(texts, n_jobs=jobs, batch_size=64))
        flagged = sum(r.label not in (None, "original") for r in res)
        garbled = sum(r.label == "machine_garbled" for r in res)
        p = np.mean([r.probabilities["original"] for r in res if r.status == "ok"])
        lines.append(
            f"  {name:16s} flagged {flagged} of {len(res)} ({garbled} machine_garbled); "
            f"mean P(original) {p:.3f}"
        )
    n_changed = sum(a != b for a, b in zip(clean, looped))
    lines.append(f"  ({n_changed} of the texts had a sentence long enough to loop)")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=REPO / "work-data" / "corpus.jsonl")
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument(
        "--trust-model", action="store_true", help="load a --model from elsewhere (a pickle)"
    )
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    det = Detector.load(args.model, trust=args.trust_model)
    card = det.card
    if args.corpus.exists():
        with open(args.corpus, encoding="utf-8") as f:
            recs = [json.loads(line) for line in f]
        test = [r for r in recs if r.get("split") == "test"]
        results = list(det.score_many([r["text"] for r in test], n_jobs=args.jobs, batch_size=128))
        ok = [i for i, r in enumerate(results) if r.status == "ok"]
        proba = np.asarray([[results[i].probabilities[k] for k in det.labels] for i in ok])
        rep = evaluate([test[i]["label"] for i in ok], proba)
        print(
            f"test split of {args.corpus.name}: {len(test)} documents ({len(test) - len(ok)} not judged)"
        )
        print(format_report(rep))
        print(operating_points_report(det, [test[i]["label"] for i in ok], proba))
        print(length_report([test[i] for i in ok], [results[i].label for i in ok]))
        print(article_report(det, test, args.jobs))
        print(opening_report(det, test, args.jobs))
        print(loop_probe_report(det, test, args.jobs))
        by_gen: dict[str, list[bool]] = {}
        for i in ok:
            by_gen.setdefault(test[i]["generator"], []).append(results[i].label == test[i]["label"])
        print("\naccuracy per generator (test split):")
        for g, v in sorted(by_gen.items()):
            print(f"  {g:30s} {np.mean(v):.3f}  (n={len(v)})")
    else:
        print(
            f"{args.corpus} not found: build it with `python -m training.build_corpus` (skipping test split)"
        )
    print("\nseed articles:")
    rows = seed_check(det)
    for s in rows:
        print(
            f"  {s['file']}: expected {s['expected']:16s} got {s['predicted']!s:16s} {s['probabilities']}"
        )
    if rows:
        print(f"  {sum(s['ok'] for s in rows)}/{len(rows)} correct")
    logo = card.get("metrics", {}).get("leave_one_generator_out", {})
    if logo:
        print(
            "\nleave-one-generator-out (from the model card, measured by training.train_default):"
        )
        for g, v in logo.items():
            if isinstance(v, dict):
                print(
                    f"  {g:30s} macro-F1 {v['macro_f1']:.3f}  recall on held-out generator {v['recall_on_held_out']:.3f}"
                )
        print(
            f"  mean macro-F1 {logo.get('mean_macro_f1', float('nan')):.3f}   min {logo.get('min_macro_f1', float('nan')):.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
