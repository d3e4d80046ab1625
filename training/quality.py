"""Drop derived documents that barely differ from their original.

A "spun" or "machine_garbled" document whose sentences are nearly all verbatim
copies of the original excerpt is, for a reader, an original: keeping it under
the other label teaches the detector noise. Partial MT that happened to leave
an excerpt untouched, or a light spin of a 60-word paragraph that changed one
word, are the usual cases. Sentences are compared after folding typography
and case, so the surface transforms (applied per version) do not count as change.

    python -m training.quality work-data/corpus.jsonl --out work-data/corpus.clean.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spundetect.text import tokenize

#: A derived document must change at least this share of its sentences (0.5 was tried: it
#: dropped the subtle partial translations that taught the model seed 004, so 0.2 only drops near-copies).
MIN_CHANGED_SHARE = 0.2


def _sentences(text: str) -> list[tuple[str, ...]]:
    doc = tokenize(text)
    out = []
    for a, b in doc.sentences:
        words = tuple(w for w, ok in zip(doc.lower[a:b], doc.is_word[a:b]) if ok)
        if len(words) >= 3:
            out.append(words)
    return out


def changed_share(source: str, derived: str) -> float:
    """Share of ``derived``'s sentences (3+ words) that do not occur verbatim in ``source``."""
    src = set(_sentences(source))
    sents = _sentences(derived)
    if not sents:
        return 1.0
    return sum(1 for s in sents if s not in src) / len(sents)


def filter_records(
    records: Iterable[dict[str, Any]], min_share: float = MIN_CHANGED_SHARE
) -> tuple[list[dict[str, Any]], Counter[str]]:
    """Keep originals and the derived documents that changed enough; count the rest by generator.

    A derived record's source is the original record of the same excerpt
    (ids ``<excerpt>/original`` and ``<excerpt>/<generator>``).
    """
    records = list(records)
    originals = {r["id"].rsplit("/", 1)[0]: r["text"] for r in records if r["label"] == "original"}
    kept: list[dict[str, Any]] = []
    dropped: Counter[str] = Counter()
    for r in records:
        if r["label"] != "original":
            src = originals.get(r["id"].rsplit("/", 1)[0])
            if src is not None and changed_share(src, r["text"]) < min_share:
                dropped[f"too_little_change:{r['generator']}"] += 1
                continue
        kept.append(r)
    return kept, dropped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--min-share", type=float, default=MIN_CHANGED_SHARE)
    args = ap.parse_args(argv)
    with open(args.corpus, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    kept, dropped = filter_records(records, args.min_share)
    with open(args.out, "w", encoding="utf-8") as f:
        for r in kept:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(
        f"kept {len(kept)} of {len(records)}; dropped {dict(sorted(dropped.items()))}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
