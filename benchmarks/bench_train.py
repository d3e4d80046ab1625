"""What retraining on your own labelled data costs, and what more data buys: ``spundetect train``
on samples of the corpus, each then scored on the same held-out test documents.

    python benchmarks/bench_train.py --corpus work-data/corpus.jsonl [--docs 1000,4000,16000]
        [--test 2000] [--jobs 2] [--seed 0]

For each sample size it writes a JSONL of that many documents of the corpus's training and
validation splits (whole groups: an original with all its rewrites, so the held-out share
``train`` calibrates on is group-aware), runs ``spundetect train`` on it in a fresh process
with the group, generator and source fields, as a user with such columns would, and then
``spundetect evaluate`` of the new model on ``--test`` documents of the test split (the same
documents for every size, and for the shipped model, printed first). Prints per size: wall time and documents per second of training,
the peak RSS of the largest process (the command or one of its feature workers, as Linux's
``wait4`` reports it for the command), the model directory's size, the test macro-F1 and
false-positive rate on originals at the most probable label, and how many rows ``train``
left out as it would not judge them (too short, not English).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIELDS = ("id", "text", "label", "group", "generator", "source")


def _command() -> list[str]:
    return [sys.executable, "-m", "spundetect"]


def _groups(corpus: Path) -> tuple[dict[str, list[dict[str, str]]], list[dict[str, str]]]:
    """Training and validation documents by group, and the test documents."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    test: list[dict[str, str]] = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            doc = {k: row.get(k) or "" for k in FIELDS}
            if row.get("split") == "test":
                test.append(doc)
            else:
                groups[doc["group"]].append(doc)
    return groups, test


def _sample(groups: dict[str, list[dict[str, str]]], n: int, seed: int) -> list[dict[str, str]]:
    """Whole groups drawn at random until there are ``n`` documents or a few more."""
    names = sorted(groups)
    random.Random(seed).shuffle(names)
    out: list[dict[str, str]] = []
    for g in names:
        if len(out) >= n:
            break
        out += groups[g]
    return out


def _write(path: Path, docs: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path


def _size_mb(d: Path) -> float:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file()) / 1e6


def _run_measured(cmd: list[str], tmp: Path) -> tuple[int, str, float]:
    """Run ``cmd``: its exit status, its stderr, and the peak RSS in MB of the largest process
    among it and its workers (``wait4``'s figure for this command alone)."""
    with open(tmp / "stdout", "wb") as out, open(tmp / "stderr", "wb") as err:
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    stderr = (tmp / "stderr").read_text(encoding="utf-8", errors="replace")
    return p.returncode, stderr, usage.ru_maxrss / 1024


def _evaluate(heldout: Path, model: Path | None, jobs: int) -> dict[str, float]:
    """``spundetect evaluate``'s JSON report of ``model`` (the shipped one when None)."""
    e = subprocess.run(
        [*_command(), "evaluate", str(heldout), "--format", "json", "--jobs", str(jobs),
         *(["--model", str(model)] if model is not None else [])],
        capture_output=True, text=True,
    )  # fmt: skip
    if e.returncode not in (0, 1) or not e.stdout:
        sys.exit(e.stderr[-2000:])
    report: dict[str, float] = json.loads(e.stdout)
    return report


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=REPO / "work-data" / "corpus.jsonl")
    ap.add_argument("--docs", default="1000,4000,16000", help="sample sizes, comma-separated")
    ap.add_argument("--test", type=int, default=2000, help="test-split documents to score")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"no corpus at {args.corpus}: build it with python -m training.build_corpus")
    sizes = [int(x) for x in args.docs.split(",") if x.strip()]
    groups, test = _groups(args.corpus)
    test = random.Random(args.seed).sample(test, min(args.test, len(test)))
    print(
        f"corpus {args.corpus.name}: {sum(map(len, groups.values())):,} training and validation "
        f"documents in {len(groups):,} groups; {len(test):,} test documents scored; "
        f"--jobs {args.jobs}"
    )
    print(
        f"{'docs':>7} {'labels o/s/g':>17} {'train s':>8} {'docs/s':>7} {'peak RSS MB':>11} "
        f"{'model MB':>8} {'test macro-F1':>13} {'FPR':>6} {'left out':>8}"
    )
    with tempfile.TemporaryDirectory(prefix="bench_train_") as tmp:
        heldout = _write(Path(tmp) / "test.jsonl", test)
        shipped = _evaluate(heldout, None, args.jobs)
        print(
            f"{'shipped':>7} {'':>17} {'':>8} {'':>7} {'':>11} {'':>8} "
            f"{shipped['macro_f1']:>13.3f} {shipped['fpr_original']:>6.3f}"
        )
        for n in sizes:
            docs = _sample(groups, n, args.seed)
            data = _write(Path(tmp) / f"train{n}.jsonl", docs)
            out = Path(tmp) / f"model{n}"
            counts = [sum(d["label"] == lab for d in docs) for lab in ("original", "spun")]
            counts.append(len(docs) - sum(counts))
            t = time.perf_counter()
            code, stderr, rss = _run_measured(
                [*_command(), "train", str(data), "--out", str(out), "--group-field", "group",
                 "--generator-field", "generator", "--source-field", "source",
                 "--jobs", str(args.jobs), "--format", "json"],
                Path(tmp),
            )  # fmt: skip
            seconds = time.perf_counter() - t
            # exit 1 with a model written: rows it would not judge (too short, not English) were
            # left out and named on stderr, as a user's run would
            if code not in (0, 1) or not (out / "card.json").is_file():
                print(stderr[-2000:], file=sys.stderr)
                return 1
            left_out = stderr.count("(left out of training)")
            rep = _evaluate(heldout, out, args.jobs)
            print(
                f"{len(docs):>7,} {'/'.join(map(str, counts)):>17} {seconds:>8.1f} "
                f"{len(docs) / seconds:>7.1f} {rss:>11.1f} {_size_mb(out):>8.2f} "
                f"{rep['macro_f1']:>13.3f} {rep['fpr_original']:>6.3f} {left_out:>8}"
            )
    print(
        "(peak RSS: the largest single process of the train command, the command or a worker; "
        "left out: rows train would not judge, named on its stderr; the test figures count the "
        "test documents evaluate judged)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
