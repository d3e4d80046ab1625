"""Throughput of ``spundetect score`` on a 10,000-document JSONL, with --jobs 1 and --jobs 2,
and of ``spundetect filter`` on the same input, and on the same documents as CSV, with the
most jobs.

    python benchmarks/bench_cli.py [--docs 10000] [--words 300] [--jobs 1,2] [--model DIR]

Documents are ~300-word windows cut from ../shared/data/originals when that folder
exists (read at run time, written only to a temporary file), else synthetic
sentences. Each run is the real command in a subprocess writing JSONL to
/dev/null; the figures are wall-clock documents per second (including start-up
and model loading) and the peak resident memory of the main process, which
should not grow with the input size (the input is streamed). A smaller input is
timed too so the two peaks can be compared.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ORIGINALS = REPO.parent / "shared" / "data" / "originals"

_VOCAB = """the a of to and in that for on with as by at from was were is are has had said would
council city river school bridge market government report year week people workers announced
expected agreed decided opened closed raised reduced built planned warned new old local national
small large early late public private several many most"""
_WORDS = _VOCAB.split()


def _corpus_words() -> Iterator[list[str]]:
    """Word lists of the original documents, cycling over the files forever."""
    files = sorted(ORIGINALS.glob("*.jsonl"))
    while True:
        for path in files:
            with path.open(encoding="utf-8") as f:
                for line in f:
                    words = json.loads(line).get("text", "").split()
                    if len(words) >= 50:
                        yield words


def _synthetic(rng: random.Random, n_words: int) -> str:
    out: list[str] = []
    while len(out) < n_words:
        sent = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
        sent[0] = sent[0].capitalize()
        out += sent
        out[-1] += "."
    return " ".join(out)


def make_input(path: Path, n_docs: int, n_words: int, seed: int = 0) -> str:
    """Write ``n_docs`` JSONL documents of about ``n_words`` words; returns the source used."""
    rng = random.Random(seed)
    source = "originals" if ORIGINALS.is_dir() and any(ORIGINALS.glob("*.jsonl")) else "synthetic"
    docs = _corpus_words() if source == "originals" else None
    with path.open("w", encoding="utf-8") as f:
        for i in range(n_docs):
            if docs is not None:
                words = next(docs)
                start = rng.randrange(max(1, len(words) - n_words))
                text = " ".join(words[start : start + n_words])
            else:
                text = _synthetic(rng, n_words)
            f.write(json.dumps({"id": f"doc{i}", "text": text}) + "\n")
    return source


def _command() -> list[str]:
    exe = shutil.which("spundetect")
    return [exe] if exe else [sys.executable, "-m", "spundetect"]


def time_score(
    data: Path, jobs: int, model: str | None, command: str = "score"
) -> tuple[float, float, int]:
    """(seconds, peak RSS of the main process in MB, exit status) of one run of ``command``
    (``score``, JSONL out, or ``filter``)."""
    cmd = [*_command(), command, str(data), "--jobs", str(jobs)]
    if command == "score":
        cmd += ["--format", "jsonl"]
    if model:
        cmd += ["--model", model]
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.PIPE, cwd=REPO, env=env)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in (0, 3):
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    return seconds, usage.ru_maxrss / 1024, code


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--words", type=int, default=300)
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to time")
    ap.add_argument("--small", type=int, default=1_000, help="size of the memory comparison run")
    ap.add_argument("--model", help="model directory (default: the shipped model)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="spundetect-bench-") as tmp:
        data = Path(tmp) / "docs.jsonl"
        source = make_input(data, args.docs, args.words)
        mb = data.stat().st_size / 1e6
        print(f"input: {args.docs:,} documents, ~{args.words} words each, {mb:.1f} MB ({source})")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        job_counts = [int(j) for j in args.jobs.split(",")]
        for jobs in job_counts:
            seconds, rss, code = time_score(data, jobs, args.model)
            print(
                f"score --jobs {jobs}: {seconds:7.1f} s  {args.docs / seconds:8.1f} docs/s  "
                f"peak RSS (main process) {rss:6.0f} MB  exit {code}"
            )
        jobs = max(job_counts)
        as_csv = Path(tmp) / "docs.csv"
        with data.open(encoding="utf-8") as f, as_csv.open("w", encoding="utf-8", newline="") as g:
            writer = csv.writer(g)
            writer.writerow(["id", "text"])
            writer.writerows((d["id"], d["text"]) for d in map(json.loads, f))
        for what, path in (("JSONL", data), ("CSV", as_csv)):
            seconds, rss, code = time_score(path, jobs, args.model, "filter")
            print(
                f"filter {what:5} --jobs {jobs}: {seconds:5.1f} s {args.docs / seconds:8.1f} "
                f"docs/s  peak RSS (main process) {rss:6.0f} MB  exit {code}"
            )
        if args.small:
            small = Path(tmp) / "small.jsonl"
            make_input(small, args.small, args.words)
            seconds, rss, code = time_score(small, 1, args.model)
            print(
                f"--jobs 1 on {args.small:,} documents: {seconds:.1f} s, peak RSS {rss:.0f} MB "
                "(compare with the full run: streaming keeps it flat)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
