"""How the shipped model treats a machine-translation engine it never saw in training.

    python benchmarks/bench_unseen_mt.py [--corpus work-data/corpus.jsonl] [--n 300] [--model DIR]

The corpus's machine-garbled texts are Apertium round trips through Spanish, Catalan,
Esperanto and Galician. Debian also packages Apertium's English <-> Serbo-Croatian pair
(``apt-get install apertium-hbs-eng``), which the corpus never uses
(``training.mt.HELD_OUT_PIVOTS``): a Slavic pivot, whose errors differ from the Romance and
Esperanto ones (lost plurals and articles, wrong auxiliaries, untranslated words). The
holdout's machine translation comes from engines we do not have either, so this is the
nearest measurable stand-in for "an engine the model has not seen".

Takes ``--n`` originals of the corpus's test split (first round, so each source text once)
and prints, for the originals themselves, for full and partial round trips through an
in-training pivot (Spanish) and through the held-out one, the share labelled each way, the
mean P(machine_garbled) and the share flagged at each operating point of the model.

Apertium marks a word it failed to generate with ``#``; the corpus cleaning drops a mark
before a word, and here a mark after one is dropped too, for every engine alike, so that
no figure hinges on a character real MT never prints.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from spundetect import Detector  # noqa: E402
from training import mt  # noqa: E402

ENGINES = ("mt:spa", "mt-partial:spa", "mt:hbs", "mt-partial:hbs")
_STRAY_MARK = re.compile(r"(?<=\w)#|(?<!\S)#(?!\S) ?")


def test_originals(corpus: Path, n: int, seed: int = 0) -> list[str]:
    """``n`` test-split originals of the corpus's first round, in a seeded random order."""
    texts: list[str] = []
    first_round: str | None = None
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            prefix = r["id"].split("/", 1)[0] if r["id"].startswith("s") else ""
            if first_round is None:
                first_round = prefix
            if r["split"] == "test" and r["label"] == "original" and prefix == first_round:
                texts.append(r["text"])
    random.Random(seed).shuffle(texts)
    return texts[:n]


def report(det: Detector, name: str, texts: list[str]) -> str:
    results = [det.score(t) for t in texts if t.strip()]
    ok = [r for r in results if r.status == "ok"]
    labels = collections.Counter(r.label for r in ok)
    shares = "  ".join(f"{lab} {labels[lab] / len(ok):.3f}" for lab in det.labels)
    p = np.array([[r.probabilities[lab] for lab in det.labels] for r in ok])
    line = f"{name:16s} n={len(ok):4d}  {shares}  mean P(garbled) {p[:, 2].mean():.3f}"
    points = det.card.get("operating_points") or []
    if points:  # a text is flagged when P(original) < the point's threshold
        line += (
            "\n"
            + " " * 17
            + "flagged at operating points: "
            + "  ".join(
                f"{pt['max_fpr']:g}: {(p[:, 0] < pt['threshold']).mean():.3f}" for pt in points
            )
        )
    return line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=REPO / "work-data" / "corpus.jsonl")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}: build it with python -m training.build_corpus")
        return 2
    try:
        mt.check_apertium(["spa", *mt.HELD_OUT_PIVOTS])
    except mt.ApertiumMissing as exc:
        print(exc)
        return 2
    det = Detector.load(args.model)
    originals = test_originals(args.corpus, args.n)
    print(
        f"{len(originals)} test-split originals; held-out pivots: {', '.join(mt.HELD_OUT_PIVOTS)}"
    )
    print(report(det, "original", originals))
    for gen in ENGINES:
        rngs = [random.Random(f"{gen}:{i}") for i in range(len(originals))]
        garbled = [_STRAY_MARK.sub("", t) for t in mt.garble(originals, gen, rngs)]
        print(report(det, gen, garbled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
