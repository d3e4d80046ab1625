"""How the per-sentence breakdown (``Result.sentences``, ``--explain``) marks sentences.

    python benchmarks/bench_sentences.py --corpus work-data/corpus.jsonl [--docs 900] [--partial 500]

Each sentence is scored alone, which is weak evidence, so the breakdown needs two checks:

* how many sentences it marks (labels other than ``original``) in test-split texts of 100
  words or more, ``--docs`` of them sampled, by the text's true kind (originals, spun, full
  and partial translations), and among the originals judged original;
* whether it finds the translated sentences of a partial translation (``mt-partial:*``
  generators, ``--partial`` texts): a sentence of four or more words counts as translated
  unless its words stand, in order, in the original it was made from (the corpus record with
  the same id and ``original`` in place of the generator; punctuation, case and typography
  aside). Precision, recall and F1 of the marked sentences.

Each figure is printed for the breakdown as shipped and, beside it, for the most probable
label of every sentence (the rule before the thirtieth session), so the two can be compared
in one run. Needs the corpus (``python -m training.build_corpus``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from spundetect import Detector


def kind(record: dict[str, str]) -> str:
    generator = record["generator"]
    if record["label"] == "original":
        return "original"
    if generator.startswith("mt-partial"):
        return "partial translation"
    return "full translation" if generator.startswith("mt") else "spun"


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    ap.add_argument("--docs", type=int, default=900)
    ap.add_argument("--partial", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    with open(args.corpus, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    by_id = {r["id"]: r for r in records}
    test = [r for r in records if r["split"] == "test"]
    det = Detector.load(args.model)

    def most_probable(p: dict[str, float]) -> str:
        return max(p, key=p.__getitem__)

    # --- how many sentences are marked, by the text's kind ---
    rng = random.Random(args.seed)
    sample = [r for r in test if len(r["text"].split()) >= 100]
    rng.shuffle(sample)
    marked: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for r in sample[: args.docs]:
        res = det.score(r["text"], explain=True)
        if res.label is None:
            continue
        k = kind(r)
        for s in res.sentences:
            row = (s.label != "original", most_probable(dict(s.probabilities)) != "original")
            marked[k].append(row)
            if k == "original" and res.label == "original":
                marked["original, judged original"].append(row)
    print(f"sentences marked, test-split texts of 100+ words ({args.docs} sampled):")
    print(f"  {'texts':28s} {'sentences':>9s}  {'as shipped':>10s}  {'most probable':>13s}")
    kinds = ("original", "original, judged original", "spun", "full translation")
    for k in (*kinds, "partial translation"):
        rows = marked[k]
        n = len(rows) or 1
        print(
            f"  {k:28s} {len(rows):9d}  {sum(a for a, _ in rows) / n:10.3f}  "
            f"{sum(b for _, b in rows) / n:13.3f}"
        )

    # --- partial translations: are the translated sentences the marked ones? ---
    partial = [r for r in test if r["generator"].startswith("mt-partial")]
    random.Random(3).shuffle(partial)
    truth: list[tuple[bool, bool, bool]] = []
    for r in partial[: args.partial]:
        source = by_id.get(r["id"].rsplit("/", 1)[0] + "/original")
        res = det.score(r["text"], explain=True)
        if source is None or res.label is None:
            continue
        kept = f" {words(source['text'])} "
        for s in res.sentences:
            w = words(r["text"][s.start : s.end])
            if len(w.split()) < 4:
                continue
            translated = f" {w} " not in kept
            truth.append(
                (
                    translated,
                    s.label != "original",
                    most_probable(dict(s.probabilities)) != "original",
                )
            )
    share = sum(t for t, _, _ in truth) / (len(truth) or 1)
    print(
        f"\npartial translations ({args.partial} test-split texts): {len(truth)} sentences, "
        f"{share:.3f} translated"
    )
    for name, col in (("as shipped", 1), ("most probable", 2)):
        tp = sum(1 for row in truth if row[0] and row[col])
        fp = sum(1 for row in truth if not row[0] and row[col])
        fn = sum(1 for row in truth if row[0] and not row[col])
        p = tp / ((tp + fp) or 1)
        r = tp / ((tp + fn) or 1)
        f1 = 2 * p * r / ((p + r) or 1)
        print(f"  {name:14s} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
