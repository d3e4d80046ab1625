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
is measured on its own.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

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
        print("\nfalse-positive rate on originals by length (words):")
        for lo, hi in ((0, 200), (200, 800), (800, 10**9)):
            flagged = [
                results[i].label != "original"
                for i in ok
                if test[i]["label"] == "original" and lo <= len(test[i]["text"].split()) < hi
            ]
            if flagged:
                span = f"{lo}-{hi}" if hi < 10**9 else f"{lo}+"
                print(f"  {span:10s} {np.mean(flagged):.3f}  ({sum(flagged)} of {len(flagged)})")
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
