"""Speed of tokenisation and of each feature family on 1,000-word documents.

Prints ms/doc for ``tokenize``, each family and everything together, and
``textstat.flesch_reading_ease`` (offline, with the shipped cmudict) side by side
on the same documents. Documents are 1,000-word cuts of ../shared/data/originals.

Usage: ``python -m benchmarks.bench_features [--docs 200] [--reference PATH.npz]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORIGINALS = ROOT.parent / "shared" / "data" / "originals"


def documents(n: int, words: int = 1000) -> list[str]:
    """``n`` texts of ~``words`` words, cut from the originals (joined end to end)."""
    pool: list[str] = []
    for f in sorted(ORIGINALS.glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                pool.extend(json.loads(line)["text"].split(" "))
    out = []
    step = max(1, (len(pool) - words) // max(n, 1))
    for k in range(n):
        out.append(" ".join(pool[k * step : k * step + words]))
    return out


def timed(fn, docs) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    for d in docs:
        fn(d)
    return 1000 * (time.perf_counter() - t) / len(docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--reference", type=Path, default=ROOT / "models" / "default" / "reference.npz")
    args = ap.parse_args(argv)
    if not ORIGINALS.is_dir():
        print(f"skipped: {ORIGINALS} is not available")
        return 0
    sys.path.insert(0, str(ROOT))
    from spundetect import lm
    from spundetect.features import extract, families
    from spundetect.features.readability import textstat_offline
    from spundetect.text import tokenize

    t = time.perf_counter()
    ref = lm.load(args.reference) if args.reference.is_file() else None
    load_ms = 1000 * (time.perf_counter() - t)
    print(f"reference: {args.reference if ref else 'none'} (load {load_ms:.0f} ms)")
    docs = documents(args.docs)
    print(f"{len(docs)} documents, mean {sum(len(d.split()) for d in docs) / len(docs):.0f} words")
    toks = [tokenize(d) for d in docs]  # warm caches
    for d in toks:
        extract(d, ref)
    rows = [("tokenize", timed(tokenize, docs))]
    for fam in families():
        rows.append((fam.name, timed(lambda d, f=fam: f.fn(d, ref, None), toks)))  # type: ignore[misc]
    rows.append(("tokenize + all families", timed(lambda d: extract(tokenize(d), ref), docs)))
    textstat_offline()
    import textstat

    textstat.flesch_reading_ease(docs[0] + " warm")
    # textstat caches per text: time it on fresh strings so the cache does not help it
    fresh = [d + " ." for d in docs]
    rows.append(("textstat.flesch_reading_ease", timed(textstat.flesch_reading_ease, fresh)))
    for name, ms in rows:
        print(f"{name:32s} {ms:8.3f} ms/doc")
    total, fre = rows[-2][1], rows[-1][1]
    print(f"features / textstat FRE = {total / fre:.2f}x; {1000 / total:.0f} docs/s for features")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
