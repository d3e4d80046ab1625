"""What ``window`` costs and saves when a long stream is matched against itself.

    python benchmarks/bench_within.py --corpus work-data/corpus.jsonl [--docs 6000]
        [--windows none,500,2000]
    python benchmarks/bench_within.py --originals [--docs 12000]

``filter --within`` (and the datatrove step's ``within=True``) matches each kept record
against the ones kept before it, and holds them all: memory grows with the stream.
``--within-window N`` (``SourceIndex(window=N)``) holds the latest N. This streams ``--docs``
corpus documents (shuffled, so an original, its rewrites and its translations are spread
over the stream, as copies are over a crawl) through ``SourceIndex.match(text, add_as=...,
add_derived=False)``, each window in a fresh process, and prints per window: the time per
document, the memory the matching took (the process's peak RSS less its RSS before the first
document; a child reads the stream a line at a time, so the texts held count), how many texts the index holds at the end, and how many documents were
found to follow one held (what a smaller window misses).

``--originals`` streams the paragraphs of over 40 words of ``../shared/data/originals``
instead (12,838, nearly all distinct, as a crawl's pages mostly are): nearly every one is
held, which is where memory grows.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ORIGINALS = REPO.parent / "shared" / "data" / "originals"


def stream(corpus: Path, n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` corpus documents drawn at random, (id, text), in a shuffled order (only those
    are read, so the process holds little else)."""
    with open(corpus, "rb") as fh:
        total = sum(1 for _ in fh)
    rng = random.Random(seed)
    chosen = set(rng.sample(range(total), min(n, total)))
    docs = []
    with open(corpus, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i in chosen:
                r = json.loads(line)
                docs.append((r.get("id") or f"line {i}", r["text"]))
    rng.shuffle(docs)
    return docs


def paragraphs(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` paragraphs of over 40 words of the originals, (id, text), shuffled."""
    docs = []
    for f in sorted(ORIGINALS.glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                for j, para in enumerate(json.loads(line)["text"].split("\n\n")):
                    if len(para.split()) > 40:
                        docs.append((f"{f.stem}:{i}:{j}", para))
    random.Random(seed).shuffle(docs)
    return docs[:n]


def run_one(path: Path, window: int | None) -> dict[str, float]:
    """Match the stream written to ``path`` (JSONL, read a line at a time, so a text is held
    only while the index holds it) with ``window``, in this process; the figures as a dict."""
    sys.path.insert(0, str(REPO))
    from spundetect import SourceIndex

    index = SourceIndex(window=window)
    index.match("Warm the tokeniser and its word lists once before measuring the memory.")
    before = _rss_mb("VmRSS")
    found = n = 0
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            doc_id, text = json.loads(line)
            m = index.match(text, add_as=index.free_id(doc_id, f"#{n}"), add_derived=False)
            found += m.derived
    took = time.perf_counter() - t0
    return {
        "ms": took / max(n, 1) * 1000,
        "grown_mb": _rss_mb("VmHWM") - before,
        "held": len(index),
        "found": found,
    }


def _rss_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field)) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--corpus", type=Path, help="a corpus JSONL (training.build_corpus)")
    what.add_argument("--originals", action="store_true", help="../shared/data's paragraphs")
    what.add_argument("--stream", type=Path, help=argparse.SUPPRESS)  # a child's: the stream
    ap.add_argument("--docs", type=int, default=6000)
    ap.add_argument("--windows", default="none,500,2000", help="comma-separated; none: no bound")
    ap.add_argument("--window", default=None, help=argparse.SUPPRESS)  # a child's window
    args = ap.parse_args(argv)
    if args.stream is not None:  # a child: one window over the stream the parent wrote
        window = None if args.window in (None, "none") else int(args.window)
        print(json.dumps(run_one(args.stream, window)))
        return 0
    if args.originals and not ORIGINALS.is_dir():
        sys.exit("--originals needs ../shared/data/originals beside the repository")
    docs = stream(args.corpus, args.docs) if args.corpus else paragraphs(args.docs)
    where = f"{args.corpus}" if args.corpus else "the originals' paragraphs"
    print(f"{len(docs)} documents of {where}, shuffled, each matched against those held")
    print("(memory: the process's peak RSS less its RSS before the first; texts held count)")
    print(f"{'window':>8} {'ms/doc':>8} {'memory MB':>10} {'held at end':>12} {'found':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stream.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        for w in args.windows.split(","):
            cmd = [sys.executable, __file__, "--stream", str(path), "--window", w]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            print(f"{w:>8} {r['ms']:8.2f} {r['grown_mb']:10.1f} {r['held']:12,} {r['found']:7,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
