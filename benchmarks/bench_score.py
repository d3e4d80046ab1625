"""Speed, memory and size figures for the shipped detector, printed side by side with textstat.

    python benchmarks/bench_score.py [--docs 300] [--words 1000]

Prints:
* documents per second scoring 1,000-word articles on one core (``score_many``, n_jobs=1),
  and the same documents through ``textstat.flesch_reading_ease`` alone, in the same run
  (each document is distinct, so textstat's per-text cache does not help it);
* peak RSS of a fresh process scoring the articles, the model files' size, and the time of
  ``import spundetect`` + ``Detector.load()`` in a fresh interpreter;
* the targets of issue #3 next to each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ORIGINALS = REPO.parent / "shared" / "data" / "originals"


def articles(n: int, words: int, seed: int = 0) -> list[str]:
    """``n`` distinct ``words``-word articles: paragraphs of the originals, shuffled together."""
    paras: list[str] = []
    if ORIGINALS.is_dir():
        for f in sorted(ORIGINALS.glob("*.jsonl")):
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    paras += [
                        p for p in json.loads(line)["text"].split("\n\n") if len(p.split()) > 20
                    ]
    if not paras:
        sys.exit("benchmarks need ../shared/data/originals beside the repository")
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        chosen, count = [], 0
        while count < words:
            p = rng.choice(paras)
            chosen.append(p)
            count += len(p.split())
        text = " ".join("\n\n".join(chosen).split(" ")[:words])
        out.append(text)
    return out


def import_and_load_seconds(model: str | None) -> float:
    code = (
        "import time; t=time.perf_counter(); import spundetect; "
        f"d=spundetect.Detector.load({model!r}); print(time.perf_counter()-t)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    return min(runs)


def peak_rss_mb(model: str | None, n: int, words: int) -> float:
    """Peak RSS of a fresh interpreter that loads the model and scores the articles
    (spundetect alone: textstat's dictionary is not loaded there).

    Read from ``VmHWM``: ``ru_maxrss`` of a child starts from its parent's peak at fork.
    """
    bench_dir = str(Path(__file__).resolve().parent)
    code = (
        f"import sys; sys.path.insert(0, {bench_dir!r}); from bench_score import articles; "
        f"import spundetect; d = spundetect.Detector.load({model!r}); "
        f"list(d.score_many(articles({n}, {words}), n_jobs=1)); "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument(
        "--warmup",
        type=int,
        default=0,
        help="score this many other articles first (warm per-word-type lookups, as in a stream)",
    )
    ap.add_argument("--block", type=int, default=25, help="documents per side-by-side timing block")
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    docs = articles(args.docs, args.words)
    from spundetect import Detector
    from spundetect.detector import default_model_dir
    from spundetect.features.readability import textstat_offline

    det = Detector.load(args.model)
    det.score(docs[0])  # warm caches (reference model, syllable cache)
    if args.warmup:
        # a long-running stream has seen most word types before: score other articles first
        list(det.score_many(articles(args.warmup, args.words, seed=1), n_jobs=1))
    textstat_offline()
    import textstat

    textstat.flesch_reading_ease("Warm up the dictionary once. It is loaded lazily.")

    # Side by side: blocks of documents, each timed through spundetect and through textstat
    # in alternating order, so a burst of load on a shared machine hits both alike.
    spund = fre = 0.0
    ratios = []
    for k in range(0, len(docs), args.block):
        block = docs[k : k + args.block]
        times = {}
        for name in ("spundetect", "textstat")[:: 1 if (k // args.block) % 2 == 0 else -1]:
            t = time.perf_counter()
            if name == "spundetect":
                results = list(det.score_many(block, n_jobs=1))
                assert all(r.status == "ok" for r in results)
            else:
                for d in block:
                    textstat.flesch_reading_ease(d)
            times[name] = time.perf_counter() - t
        spund += times["spundetect"]
        fre += times["textstat"]
        ratios.append(times["spundetect"] / times["textstat"])
    ratios.sort()

    model_dir = Path(args.model) if args.model else default_model_dir()
    size_mb = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file()) / 1e6
    load_s = import_and_load_seconds(args.model)
    peak_mb = peak_rss_mb(args.model, args.docs, args.words)

    n = len(docs)
    print(
        f"documents: {n} distinct articles of {args.words} words, one core"
        + (f", after {args.warmup} warm-up articles" if args.warmup else "")
    )
    print(
        f"spundetect score_many: {n / spund:8.1f} docs/s  ({1000 * spund / n:.2f} ms/doc)   target >= 300 docs/s"
    )
    print(f"textstat FRE alone:    {n / fre:8.1f} docs/s  ({1000 * fre / n:.2f} ms/doc)")
    print(
        f"ratio spundetect/FRE:  {spund / fre:8.2f}x  (blocks of {args.block}: median "
        f"{ratios[len(ratios) // 2]:.2f}x, range {ratios[0]:.2f}-{ratios[-1]:.2f}x)   target <= 1.5x"
    )
    print(
        f"peak RSS:              {peak_mb:8.1f} MB (a fresh process scoring the articles)   target <= 300 MB"
    )
    print(f"model files:           {size_mb:8.2f} MB                     target <= 25 MB")
    print(
        f"import + load default: {load_s:8.2f} s  (best of 3, fresh interpreter)   target <= 1.5 s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
