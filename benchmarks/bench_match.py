"""How well ``SourceIndex`` finds the source of a rewrite among many texts, and how fast.

    python benchmarks/bench_match.py [--held-out 400]

The index holds every document of ``../shared/data/originals`` (news, encyclopedia, country
profiles; each document once) but ``--held-out`` of them drawn at random, plus the genre
probe's 40 originals and seed 000. Suspects:

* the 200 language-model rewrites of the genre probe (``llm_rewrites/``): found when
  matched to their own original with a derived verdict (copied, rewritten, partly_derived);
* the held-out documents, whose own text is not indexed: each should be ``unrelated``, and
  one that is matched is shown (Wikinews articles reuse each other's paragraphs, so some are
  real shared passages, not mistakes);
* seed 001, a spinner's rewrite of seed 000;
* a paragraph of an indexed document or of a rewrite pasted into a long held-out document:
  found when matched to the paragraph's source (``partly_derived``);
* ``match --within``: all of them in one shuffled stream, each matched against the texts
  before it (the spun copies of one article in a crawl).

Prints the counts, the time to build the index and the time per suspect (one core).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from spundetect import SourceIndex  # noqa: E402

SHARED = REPO.parent / "shared"
PROBE = REPO / "benchmarks" / "genre_probe"
REWRITES = REPO / "benchmarks" / "llm_rewrites" / "rewrites.jsonl"


def shared_originals() -> list[tuple[str, str]]:
    docs: dict[str, str] = {}
    for f in sorted((SHARED / "data" / "originals").glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                r = json.loads(line)
                doc_id = r.get("id") or r.get("url") or f"line {n}"
                docs.setdefault(f"{f.stem}:{doc_id}", r["text"])
    return list(docs.items())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--held-out", type=int, default=400, help="documents left out as suspects")
    ap.add_argument("--top", type=int, default=3, help="candidates compared per suspect")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    docs = shared_originals()
    if not docs:
        print("needs ../shared/data/originals beside the repository", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    rng.shuffle(docs)
    held, indexed = docs[: args.held_out], docs[args.held_out :]
    probe: dict[str, str] = {}
    for f in sorted(PROBE.glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            probe.update((r["id"], r["text"]) for r in map(json.loads, fh) if r)
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    index = SourceIndex(top=args.top)
    t0 = time.perf_counter()
    index.add_many(indexed)
    index.add_many(probe.items())
    if seeds:
        index.add("seed 000", seeds[0].read_text(encoding="utf-8"))
    build = time.perf_counter() - t0
    words = sum(len(t.split()) for _, t in indexed) + sum(len(t.split()) for t in probe.values())
    print(f"index: {len(index)} sources, {words:,} words, built in {build:.1f} s")

    with open(REWRITES, encoding="utf-8") as fh:
        rewrites = [json.loads(line) for line in fh if line.strip()]
    t0 = time.perf_counter()
    per: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in rewrites:
        m = index.match(r["text"])
        found = m.source_id == r["id"]
        per[r["style"]][f"found, {m.verdict}" if found else f"not found, {m.verdict}"] += 1
    took = time.perf_counter() - t0
    print(
        f"language-model rewrites of the probe ({len(rewrites)}; found = matched to its own "
        f"original with a derived verdict; {took / len(rewrites) * 1000:.1f} ms each):"
    )
    for style, c in per.items():
        print(f"  {style:10s} {dict(c.most_common())}")
    held_words = [len(t.split()) for _, t in held]
    t1 = time.perf_counter()
    verdicts: collections.Counter[str] = collections.Counter()
    shown = 0
    for doc_id, text in held:
        m = index.match(text)
        verdicts[m.verdict] += 1
        if m.derived and shown < 5:
            shown += 1
            assert m.comparison is not None
            print(f"  held-out {doc_id} -> {m.source_id}: {m.comparison.message}")
    took_held = time.perf_counter() - t1
    took += took_held
    print(
        f"held-out documents, not indexed ({len(held)}; median {median(held_words)} words, "
        f"longest {max(held_words):,}; {took_held / len(held) * 1000:.1f} ms each): "
        f"{dict(verdicts.most_common())}"
    )
    if len(seeds) > 1:
        m = index.match(seeds[1].read_text(encoding="utf-8"))
        print(f"seed 001 (a spinner's rewrite of seed 000): {m.verdict} from {m.source_id}")
    n = len(rewrites) + len(held)
    print(f"time per suspect: {took / n * 1000:.1f} ms ({n} suspects, one core)")
    pasted(index, indexed, rewrites, held, random.Random(args.seed + 1))
    within(probe, rewrites, held, rng)
    return 0


def _paragraphs(text: str, least: int = 50, most: int = 160) -> list[str]:
    return [p for p in text.split("\n\n") if least <= len(p.split()) <= most]


def pasted(
    index: SourceIndex,
    indexed: list[tuple[str, str]],
    rewrites: list[dict[str, str]],
    held: list[tuple[str, str]],
    rng: random.Random,
) -> None:
    """A paragraph of 50-160 words pasted between two paragraphs of a held-out document of
    500 words or more that alone follows no indexed one (a copied or reworded passage in an
    essay of its own): one from each language-model rewrite (its source: the probe
    original), and one from each of 150 indexed documents, copied. Found: matched to that
    source."""
    # hosts whose own text follows no indexed one (else that source competes; Wikinews
    # reuses its paragraphs)
    hosts = [t for _, t in held if len(t.split()) >= 500 and not index.match(t).derived]
    if not hosts:
        return
    cases = [("a rewrite's paragraph", r["id"], p) for r in rewrites if (p := _pick(r, rng))]
    with_paras = [(i, ps) for i, t in indexed if (ps := _paragraphs(t))]
    for doc_id, ps in rng.sample(with_paras, min(150, len(with_paras))):
        cases.append(("an indexed paragraph, copied", doc_id, rng.choice(ps)))
    per: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    t0 = time.perf_counter()
    for kind, source_id, para in cases:
        host = rng.choice(hosts).split("\n\n")
        at = rng.randrange(1, len(host)) if len(host) > 1 else 1
        m = index.match("\n\n".join([*host[:at], para, *host[at:]]))
        if m.source_id == source_id:
            per[kind][f"found, {m.verdict}"] += 1
        else:
            per[kind][f"another source, {m.verdict}" if m.derived else "missed"] += 1
    took = time.perf_counter() - t0
    print(
        f"a paragraph pasted into one of the {len(hosts)} held-out documents of 500 words or "
        f"more that alone are unrelated ({len(cases)}; {took / len(cases) * 1000:.1f} ms each):"
    )
    for kind, c in per.items():
        print(f"  {kind:30s} {dict(c.most_common())}")


def _pick(rewrite: dict[str, str], rng: random.Random) -> str | None:
    paras = _paragraphs(rewrite["text"])
    return rng.choice(paras) if paras else None


def within(
    probe: dict[str, str],
    rewrites: list[dict[str, str]],
    held: list[tuple[str, str]],
    rng: random.Random,
) -> None:
    """``match --within``: a shuffled stream of the probe originals, their 200 rewrites and
    the held-out documents, each matched against the texts before it. A text whose cluster
    (an original and its rewrites) already appeared should match one of them; the first of
    each cluster, and the held-out documents, should match nothing."""
    stream = [(f"{k}/original", k, t) for k, t in probe.items()]
    stream += [(f"{r['id']}/{r['style']}", r["id"], r["text"]) for r in rewrites]
    stream += [(doc_id, doc_id, t) for doc_id, t in held]
    rng.shuffle(stream)
    index = SourceIndex()
    cluster_of: dict[str, str] = {}
    seen: set[str] = set()
    counts: collections.Counter[str] = collections.Counter()
    t0 = time.perf_counter()
    for text_id, cluster, text in stream:
        m = index.match(text, add_as=text_id)
        cluster_of[text_id] = cluster
        if cluster in seen:
            expected = "found" if m.source_id and cluster_of[m.source_id] == cluster else "missed"
            if m.source_id and cluster_of[m.source_id] != cluster:
                expected = "matched another cluster"
            counts[f"cluster seen before: {expected}"] += 1
        else:
            counts["first of its cluster: " + ("matched" if m.derived else "unmatched")] += 1
        seen.add(cluster)
    took = time.perf_counter() - t0
    print(
        f"--within on a shuffled stream of {len(stream)} texts (probe originals, rewrites, "
        f"held-out documents; {took / len(stream) * 1000:.1f} ms each):"
    )
    for k, v in sorted(counts.items()):
        print(f"  {k}: {v}")


if __name__ == "__main__":
    raise SystemExit(main())
