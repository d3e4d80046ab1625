"""Build the labeled corpus: original, spun and machine-garbled documents, with a data card.

    python -m training.build_corpus --out work-data/corpus.jsonl [--seed 13 14 15] [--max-docs N]
        [--jobs 2] [--originals PATH ...]

Every excerpt of an original yields three documents (the original, one spinner rewrite and one
round-trip translation), so all classes share content, lengths and sources; only the generator
differs. Typography and surface transforms run afterwards with the same probabilities for every
label. Each seed is one round of excerpts and rewrites; the rounds are merged. The same seeds
give the same corpus, byte for byte.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import multiprocessing as mp
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from training import mt
from training.datacard import build_card, write_card
from training.originals import (
    DEFAULT_DATA_DIR,
    Excerpt,
    Original,
    cut_excerpts,
    load_originals,
    partition,
    word_count,
)
from training.quality import filter_records
from training.splits import assign_splits
from training.typography import SLIP_PROBS, SURFACE_PROBS, human_slips, surface

__all__ = ["BuildError", "build", "load_spinners", "main"]

WORDNET_DIR = Path("/usr/share/wordnet")
# Three rounds of 21,000 documents: each cuts its own excerpts of the originals and draws its own
# rewrites, so the model sees three different rewrites of most texts (docs/EXPERIMENTS.md,
# fourth session: fewer false positives than one round of the same code).
DEFAULT_SEEDS: tuple[int, ...] = (13, 14, 15)
DEFAULT_MAX_DOCS = 63_000
MT_BATCH_WORDS = 30_000

Spinner = Callable[[str, random.Random], str]

# Relative share of the spun class per spinner style (styles not listed: DEFAULT_SPINNER_SHARE).
# fluent_rewrite (LLM / commercial paraphraser) takes a full share; formal_paraphrase and mixed
# give up half of theirs, so the spun class keeps its size (one spun version per excerpt).
DEFAULT_SPINNER_SHARE = 2
SPINNER_SHARES: dict[str, int] = {"formal_paraphrase": 1, "mixed": 1}


def spinner_cycle(names: Sequence[str]) -> list[str]:
    """Style names repeated by their share; excerpt k (in shuffled order) gets ``cycle[k % n]``."""
    return [n for n in sorted(names) for _ in range(SPINNER_SHARES.get(n, DEFAULT_SPINNER_SHARE))]


class BuildError(RuntimeError):
    """A problem the user must fix (missing package, no input); printed without a traceback."""


def _log(msg: str) -> None:
    print(f"[build_corpus {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load_spinners() -> dict[str, Spinner]:
    """The spinner styles from ``training.spinners`` (imported lazily: it needs WordNet)."""
    if not (WORDNET_DIR / "data.noun").is_file():
        raise BuildError(f"WordNet not found in {WORDNET_DIR}: apt-get install wordnet-base")
    try:
        from training.spinners import SPINNERS, check_resources
    except ImportError as exc:
        raise BuildError(f"spinners unavailable (training.spinners): {exc}") from exc
    try:
        check_resources()
    except RuntimeError as exc:
        raise BuildError(str(exc)) from exc
    if not SPINNERS:
        raise BuildError("training.spinners.SPINNERS is empty")
    return dict(SPINNERS)


def _warm_up(spinners: dict[str, Spinner]) -> None:
    """Load the spinners' lazy resources (WordNet, phrase tables) once, before forking.

    Forked workers then share them copy-on-write instead of each parsing WordNet again.
    """
    text = "The old house near the river was sold for a large sum of money last year."
    for fn in spinners.values():
        # A failing spinner is reported per document later.
        with contextlib.suppress(Exception):
            fn(text, random.Random(0))


# --------------------------------------------------------------------------- excerpts


def select_excerpts(docs: Sequence[Original], n: int, seed: int) -> list[Excerpt]:
    """About ``n`` excerpts, more from long originals, in a stable order.

    Long articles give several cuts of different lengths (overlap is fine: they share a
    group, so they always land in the same split).
    """
    total = sum(word_count(d.text) for d in docs) or 1
    candidates: list[Excerpt] = []
    for d in docs:
        k = max(1, round(n * 1.2 * word_count(d.text) / total))
        candidates.extend(cut_excerpts(d, k, seed))
    random.Random(f"{seed}:select").shuffle(candidates)
    return sorted(candidates[:n], key=lambda e: e.id)


# --------------------------------------------------------------------------- workers

_WORKER_SPINNERS: dict[str, Spinner] = {}


def _spin(task: tuple[int, str, str, str]) -> tuple[int, str | None, str]:
    """Run one spinner on one text in a worker; errors come back as strings, not exceptions."""
    idx, gen, text, rng_key = task
    try:
        out = _WORKER_SPINNERS[gen](text, random.Random(rng_key))
    except Exception as exc:  # one bad document must not stop the build
        return idx, None, f"{type(exc).__name__}: {exc}"
    if not isinstance(out, str):
        return idx, None, f"returned {type(out).__name__}, not str"
    return idx, out, ""


def _garble_batch(gen: str, items: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    texts = [t for _, t, _ in items]
    rngs = [random.Random(k) for _, _, k in items]
    return list(zip([i for i, _, _ in items], mt.garble(texts, gen, rngs), strict=True))


def _mt_batches(
    jobs: list[tuple[int, str, str, str]], batch_words: int
) -> list[tuple[str, list[tuple[int, str, str]]]]:
    by_gen: dict[str, list[tuple[int, str, str]]] = {}
    for idx, gen, text, key in jobs:
        by_gen.setdefault(gen, []).append((idx, text, key))
    batches: list[tuple[str, list[tuple[int, str, str]]]] = []
    for gen in sorted(by_gen):
        cur: list[tuple[int, str, str]] = []
        words = 0
        for item in by_gen[gen]:
            cur.append(item)
            words += word_count(item[1])
            if words >= batch_words:
                batches.append((gen, cur))
                cur, words = [], 0
        if cur:
            batches.append((gen, cur))
    # Largest first, so two workers finish together.
    batches.sort(key=lambda b: -sum(word_count(t) for _, t, _ in b[1]) * len(b[0]))
    return batches


# --------------------------------------------------------------------------- build


def build(
    out: Path,
    *,
    seed: int | Sequence[int] = DEFAULT_SEEDS,
    max_docs: int = DEFAULT_MAX_DOCS,
    jobs: int = 2,
    originals: Sequence[Path] | None = None,
    spinners: dict[str, Spinner] | None = None,
    mt_generators: Sequence[str] = mt.MT_GENERATORS,
    command: str = "",
    human_slip_rate: float = 0.0,
) -> dict[str, Any]:
    """Build the corpus at ``out`` (JSONL) and its data card; return the card.

    With several seeds, each cuts its own excerpts of the same originals and rewrites them
    with its own draws (``max_docs`` is shared among them); the rounds are merged, ids
    prefixed with ``s<seed>/``, and a text already in an earlier round is kept once.
    """
    t0 = time.monotonic()
    seeds = [seed] if isinstance(seed, int) else list(seed)
    if not seeds or len(set(seeds)) != len(seeds):
        raise BuildError("give one or more distinct seeds")
    if max_docs < 3 * len(seeds):
        raise BuildError("--max-docs must be at least 3 per seed (one document per label)")
    pivots = sorted({p for g in mt_generators for p in mt.parse_generator(g)[1]})
    try:
        mt.check_apertium(pivots)
    except mt.ApertiumMissing as exc:
        raise BuildError(str(exc)) from exc
    spinners = load_spinners() if spinners is None else dict(spinners)
    if not spinners:
        raise BuildError("no spinners given")

    problems: list[str] = []
    try:
        docs = load_originals(list(originals) if originals else None, problems)
    except FileNotFoundError as exc:
        raise BuildError(str(exc)) from exc
    for p in problems:
        _log(f"input problem: {p}")
    corpus_docs = sorted((d for d in docs if partition(d.id) == "corpus"), key=lambda d: d.id)
    _log(
        f"{len(docs)} originals ({len(corpus_docs)} for the corpus, "
        f"{len(docs) - len(corpus_docs)} reserved for the reference LM), {len(problems)} problems"
    )
    if not corpus_docs:
        raise BuildError("no usable originals for the corpus (see the problems above)")

    global _WORKER_SPINNERS
    _WORKER_SPINNERS = spinners
    _warm_up(spinners)
    records: list[dict[str, Any]] = []
    seen_texts: set[str] = set()
    dropped: Counter[str] = Counter()
    surface_tags: dict[str, Counter[str]] = {}
    n_excerpts = 0
    for s in seeds:
        round_ = _generate(
            s, corpus_docs, math.ceil(max_docs / len(seeds) / 3), spinners, mt_generators,
            jobs, problems, dropped, surface_tags, t0, human_slip_rate,
        )  # fmt: skip
        n_excerpts += round_.excerpts
        round_.records.sort(key=lambda r: r["id"])
        for r in round_.records:
            if len(seeds) > 1:
                if r["text"] in seen_texts:
                    dropped["duplicate_text"] += 1
                    continue
                seen_texts.add(r["text"])
                r["id"] = f"s{s}/{r['id']}"
            records.append(r)
    assign_splits(records)
    records.sort(key=lambda r: r["id"])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(out)
    spin_names = sorted(spinners)
    cycle = spinner_cycle(spin_names)
    settings = {
        "max_docs": max_docs,
        "jobs": jobs,
        "originals": [str(p) for p in originals] if originals else "default (../shared/data)",
        "spinners": spin_names,
        "spinner_shares": {n: cycle.count(n) / len(cycle) for n in spin_names},
        "mt_generators": list(mt_generators),
        "surface_probs": SURFACE_PROBS,
        "human_slips": {**SLIP_PROBS, "slips": human_slip_rate} if human_slip_rate else "none",
        "mt_artifact_probs": mt.ARTIFACT_PROBS,
        "reference_partition": "excluded (training.originals.partition)",
        "excerpts": n_excerpts,
        # Evidence that typography is not a label: the transform mix per label.
        "surface_tags_by_label": {
            k: dict(sorted(v.items())) for k, v in sorted(surface_tags.items())
        },
    }
    card = build_card(
        records,
        seed=seeds[0] if len(seeds) == 1 else seeds,
        command=command,
        problems=problems,
        dropped=dropped,
        settings=settings,
        seconds=time.monotonic() - t0,
    )
    js, md = write_card(card, out)
    _log(
        f"wrote {len(records)} documents to {out} and {js.name}, {md.name} "
        f"in {time.monotonic() - t0:.0f} s"
    )
    return card


@dataclass
class _Round:
    records: list[dict[str, Any]]
    excerpts: int


def _generate(
    seed: int,
    corpus_docs: Sequence[Original],
    n_excerpts: int,
    spinners: dict[str, Spinner],
    mt_generators: Sequence[str],
    jobs: int,
    problems: list[str],
    dropped: Counter[str],
    surface_tags: dict[str, Counter[str]],
    t0: float,
    human_slip_rate: float = 0.0,
) -> _Round:
    """One seed's round: cut excerpts, rewrite each once by a spinner and once by MT, apply
    the surface transforms and the quality filter (counts go into ``dropped``)."""
    excerpts = select_excerpts(corpus_docs, n_excerpts, seed)
    _log(f"seed {seed}: {len(excerpts)} excerpts cut; generating {3 * len(excerpts)} documents")

    spin_names = sorted(spinners)
    order = list(range(len(excerpts)))
    random.Random(f"{seed}:assign-spin").shuffle(order)
    cycle = spinner_cycle(spin_names)
    spin_gen = {idx: cycle[k % len(cycle)] for k, idx in enumerate(order)}
    random.Random(f"{seed}:assign-mt").shuffle(order)
    mt_gen = {idx: mt_generators[k % len(mt_generators)] for k, idx in enumerate(order)}

    spin_tasks = [
        (i, spin_gen[i], e.text, f"{seed}:{e.id}:{spin_gen[i]}") for i, e in enumerate(excerpts)
    ]
    mt_tasks = [
        (i, mt_gen[i], e.text, f"{seed}:{e.id}:{mt_gen[i]}") for i, e in enumerate(excerpts)
    ]
    spun: dict[int, str] = {}
    garbled: dict[int, str] = {}
    ctx = mp.get_context("fork")
    # Each Apertium pipeline is a chain of ~8 processes bottlenecked by one stage, so two
    # pipelines per core keep the cores busy.
    with ctx.Pool(max(1, jobs)) as pool, ThreadPoolExecutor(2 * max(1, jobs)) as ex:
        spin_iter = pool.imap_unordered(_spin, spin_tasks, chunksize=8)
        futures = [ex.submit(_garble_batch, g, b) for g, b in _mt_batches(mt_tasks, MT_BATCH_WORDS)]
        step = max(1, len(spin_tasks) // 10)
        for n, (idx, text, err) in enumerate(spin_iter, start=1):
            gen = spin_gen[idx]
            if err:
                dropped[f"spinner_error:{gen}"] += 1
                if dropped[f"spinner_error:{gen}"] <= 5:
                    problems.append(f"spinner {gen} failed on {excerpts[idx].id}: {err}")
            elif text is None or not text.strip() or text.strip() == excerpts[idx].text.strip():
                dropped[f"unchanged:{gen}"] += 1
            else:
                spun[idx] = text
            if n % step == 0:
                _log(f"spun {n}/{len(spin_tasks)} ({time.monotonic() - t0:.0f} s)")
        _log(f"spinners done; waiting for {len(futures)} Apertium batches")
        for k, fut in enumerate(as_completed(futures), start=1):
            try:
                results = fut.result()
            except (OSError, RuntimeError) as exc:
                raise BuildError(f"Apertium failed: {exc}") from exc
            for idx, text in results:
                gen = mt_gen[idx]
                if not text.strip():
                    dropped[f"mt_failed:{gen}"] += 1
                    if dropped[f"mt_failed:{gen}"] <= 5:
                        problems.append(
                            f"Apertium {gen} failed on {excerpts[idx].id} (seed {seed}); dropped"
                        )
                elif text.strip() == excerpts[idx].text.strip():
                    dropped[f"unchanged:{gen}"] += 1
                else:
                    garbled[idx] = text
            _log(f"MT batch {k}/{len(futures)} done ({time.monotonic() - t0:.0f} s)")

    records: list[dict[str, Any]] = []
    for i, e in enumerate(excerpts):
        versions = [("original", "original", e.text)]
        if i in spun:
            versions.append(("spun", spin_gen[i], spun[i]))
        if i in garbled:
            versions.append(("machine_garbled", mt_gen[i], garbled[i]))
        for label, gen, text in versions:
            rid = f"{e.id}/{gen}"
            # Seeded by id only, never by label: every class gets the same surface mix.
            text, tags = surface(text, random.Random(f"{seed}:{rid}:surface"))
            if human_slip_rate:
                text, slips = human_slips(
                    text, random.Random(f"{seed}:{rid}:slips"), human_slip_rate
                )
                tags += slips
            surface_tags.setdefault(label, Counter()).update(tags or ["none"])
            records.append(
                {
                    "id": rid,
                    "text": text,
                    "label": label,
                    "generator": gen,
                    "group": e.group,
                    "source": e.source,
                    "licence": e.licence,
                }
            )
    # a "spun"/"garbled" document that kept most sentences verbatim reads as an original
    records, little = filter_records(records)
    dropped.update(little)
    return _Round(records, len(excerpts))


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; user errors print one line and exit 2."""
    ap = argparse.ArgumentParser(
        prog="python -m training.build_corpus",
        description="Build the labeled spundetect corpus (JSONL) and its data card.",
    )
    ap.add_argument("--out", type=Path, required=True, help="output JSONL path")
    ap.add_argument(
        "--seed",
        type=int,
        nargs="+",
        default=list(DEFAULT_SEEDS),
        help="one round of excerpts and rewrites per seed (default: 13 14 15)",
    )
    ap.add_argument(
        "--max-docs", type=int, default=DEFAULT_MAX_DOCS, help="total documents (all labels)"
    )
    ap.add_argument("--jobs", type=int, default=2, help="parallel workers")
    ap.add_argument(
        "--originals",
        type=Path,
        nargs="+",
        default=None,
        help="JSONL files or folders of .txt/.jsonl; the word 'default' stands for "
        "../shared/data/originals (the default when the option is absent)",
    )
    ap.add_argument(
        "--human-slips",
        type=float,
        default=0.0,
        metavar="RATE",
        help="give this share of documents, whatever their label, one or two typos a person "
        "makes (training/typography.py: human_slips; default 0: the shipped corpus has none)",
    )
    args = ap.parse_args(argv)
    if not 0.0 <= args.human_slips <= 1.0:
        print("error: --human-slips must be between 0 and 1", file=sys.stderr)
        return 2
    if args.originals:
        args.originals = [DEFAULT_DATA_DIR if str(p) == "default" else p for p in args.originals]
    command = "python -m training.build_corpus " + " ".join(
        sys.argv[1:] if argv is None else list(argv)
    )
    try:
        build(
            args.out,
            seed=args.seed,
            max_docs=args.max_docs,
            jobs=args.jobs,
            originals=args.originals,
            command=command,
            human_slip_rate=args.human_slips,
        )
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
