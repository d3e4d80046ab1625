"""Speed and change-rate figures for every spinner on real originals from ``../shared``.

Usage: ``python -m training.spinners.bench [--docs 200] [--words 500] [--style NAME ...]``.
Prints, per style, CPU milliseconds per document and words per CPU second, the share of original
words not kept in place ("changed", moves count), the share of lower-case content words that no
longer occur at all ("content", moves do not count), and how often paragraph and sentence counts
were kept. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
import time
from pathlib import Path

from . import SPINNERS, check_resources
from .tokens import STOPWORDS, split_paragraphs, split_sentences, words
from .wordnet import get_wordnet

ORIGINALS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "originals"


def load_docs(n: int, target_words: int, seed: int = 0) -> list[str]:
    """Documents of about ``target_words`` words, built from whole paragraphs of the originals."""
    paths = sorted(ORIGINALS.glob("*.jsonl"))
    texts: list[str] = []
    for p in paths:
        with p.open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    rng = random.Random(seed)
    rng.shuffle(texts)
    docs: list[str] = []
    for t in texts:
        paras = [q for q in t.split("\n\n") if q.strip()]
        out: list[str] = []
        count = 0
        for q in paras:
            out.append(q)
            count += len(q.split())
            if count >= target_words:
                break
        if count >= target_words * 0.6:
            docs.append("\n\n".join(out))
        if len(docs) >= n:
            break
    return docs


def changed_share(a: str, b: str) -> float:
    """Share of the original's words not kept in place (difflib word alignment)."""
    wa, wb = words(a), words(b)
    if not wa:
        return 0.0
    sm = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    kept = sum(m.size for m in sm.get_matching_blocks())
    return 1.0 - kept / len(wa)


def content_changed(a: str, b: str) -> float:
    """Share of a's lower-case content words (no names, no function words) absent from b."""
    pool: dict[str, int] = {}
    for w in words(b):
        pool[w.lower()] = pool.get(w.lower(), 0) + 1
    content = [w.lower() for w in words(a) if w[0].islower() and w.lower() not in STOPWORDS]
    changed = 0
    for w in content:
        if pool.get(w, 0):
            pool[w] -= 1
        else:
            changed += 1
    return changed / len(content) if content else 0.0


def n_sentences(text: str) -> int:
    """Sentence count over all paragraphs."""
    return sum(len(split_sentences(p)) for p in split_paragraphs(text)[0])


def main(argv: list[str] | None = None) -> int:
    """Print the figures table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--style", nargs="+", choices=sorted(SPINNERS), help="only these styles")
    args = ap.parse_args(argv)
    if not ORIGINALS.is_dir():
        print(f"error: {ORIGINALS} not found (the benchmark needs ../shared)", file=sys.stderr)
        return 2
    check_resources()
    t0 = time.perf_counter()
    get_wordnet()
    print(f"WordNet load: {1000 * (time.perf_counter() - t0):.0f} ms")
    docs = load_docs(args.docs, args.words)
    mean_words = sum(len(d.split()) for d in docs) / len(docs)
    print(f"{len(docs)} docs, mean {mean_words:.0f} words")
    # warm caches once so the figures show steady-state cost, as in a long corpus build
    styles = {k: v for k, v in SPINNERS.items() if not args.style or k in args.style}
    for fn in styles.values():
        fn(docs[0], random.Random(0))
    head = (
        "style",
        "ms/doc",
        "ms/500w",
        "words/s",
        "changed",
        "content",
        "paras kept",
        "sents kept",
    )
    print(
        f"{head[0]:20} {head[1]:>7} {head[2]:>8} {head[3]:>8} {head[4]:>8} {head[5]:>8} "
        f"{head[6]:>10} {head[7]:>10}"
    )
    for name, fn in styles.items():
        outs = []
        t0 = time.process_time()  # CPU time: steadier than wall time on a shared machine
        for i, d in enumerate(docs):
            outs.append(fn(d, random.Random(i)))
        dt = (time.process_time() - t0) / len(docs)
        ch = sum(changed_share(a, b) for a, b in zip(docs, outs, strict=True)) / len(docs)
        cc = sum(content_changed(a, b) for a, b in zip(docs, outs, strict=True)) / len(docs)
        pk = sum(
            len(split_paragraphs(a)[0]) == len(split_paragraphs(b)[0])
            for a, b in zip(docs, outs, strict=True)
        ) / len(docs)
        sk = sum(n_sentences(a) == n_sentences(b) for a, b in zip(docs, outs, strict=True)) / len(
            docs
        )
        per500 = 1000 * dt * 500 / mean_words
        wps = mean_words / dt if dt else float("inf")
        print(
            f"{name:20} {1000 * dt:7.1f} {per500:8.1f} {wps:8.0f} {ch:8.1%} {cc:8.1%} "
            f"{pk:10.1%} {sk:10.1%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
