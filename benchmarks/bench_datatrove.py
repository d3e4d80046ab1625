"""What the datatrove step costs: ``SpundetectFilter`` in a pipeline against ``Filter`` alone.

    python benchmarks/bench_datatrove.py --corpus work-data/corpus.jsonl [--docs 2000]

Takes the first ``--docs`` test-split documents of the corpus (all three labels), writes them
as two gzipped JSON Lines shards in a temporary folder, and runs, each in a child process:

* ``Filter``: ``spundetect.Filter().decide_many`` over the texts, one core (the baseline);
* ``pipeline, 1 task``: datatrove's ``JsonlReader`` → ``SpundetectFilter`` (dropped documents
  to an exclusion ``JsonlWriter``) → ``JsonlWriter``, one task, one worker;
* ``pipeline, 2 tasks``: the same with two tasks on two workers, one shard each;
* ``pipeline, within``: one task, ``within=True``: a document that follows one kept before it
  (the corpus holds each original with its rewrites and translations) is dropped as derived.

Prints wall seconds, documents a second, the peak RSS of the one-process runs (with two
workers, each holds its own model, as the one-task run does; their peaks are not gathered),
and whether each kept exactly the documents ``Filter`` keeps (``within``: a subset of them). Needs datatrove and orjson
(``pip install 'spundetect[datatrove]' orjson``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def child(mode: str, folder: Path, tasks: int) -> None:
    """Run one configuration and print ``{"seconds", "kept", "rss_mb"}`` as JSON."""
    t = time.perf_counter()
    if mode == "filter":
        from spundetect import Filter

        texts, ids = [], []
        for shard in sorted((folder / "in").glob("*.jsonl.gz")):
            with gzip.open(shard, "rt", encoding="utf-8") as fh:
                for line in fh:
                    row = json.loads(line)
                    texts.append(row["text"])
                    ids.append(row["id"])
        kept = [i for i, d in zip(ids, Filter().decide_many(texts)) if d.keep]
    else:
        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import JsonlWriter

        from spundetect.datatrove import SpundetectFilter

        out = folder / f"out{mode}{tasks}"
        LocalPipelineExecutor(
            [
                JsonlReader(str(folder / "in")),
                SpundetectFilter(
                    exclusion_writer=JsonlWriter(str(out / "removed")), within=mode == "within"
                ),
                JsonlWriter(str(out / "kept")),
            ],
            tasks=tasks,
            workers=tasks,
            logging_dir=str(out / "logs"),
        ).run()
        kept = []
        for shard in sorted((out / "kept").glob("*.jsonl.gz")):
            with gzip.open(shard, "rt", encoding="utf-8") as fh:
                kept += [json.loads(line)["id"] for line in fh]
    seconds = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if tasks == 1 else None
    print(json.dumps({"seconds": seconds, "kept": sorted(kept), "rss_mb": rss}))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--child", nargs=3, metavar=("MODE", "FOLDER", "TASKS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), int(args.child[2]))
        return 0
    rows = []
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("split") == "test":
                rows.append({"id": row["id"], "text": row["text"], "label": row["label"]})
                if len(rows) == args.docs:
                    break
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        for k in range(2):
            with gzip.open(folder / "in" / f"shard{k}.jsonl.gz", "wt", encoding="utf-8") as fh:
                for row in rows[k::2]:
                    fh.write(json.dumps(row) + "\n")
        words = sum(len(r["text"].split()) for r in rows)
        print(f"{len(rows):,} test-split documents ({words / len(rows):.0f} words on average)")
        baseline = None
        for name, mode, tasks in (
            ("Filter, one core", "filter", 1),
            ("pipeline, 1 task", "pipeline", 1),
            ("pipeline, 2 tasks", "pipeline", 2),
            ("pipeline, within", "within", 1),
        ):
            command = [sys.executable, __file__, "--corpus", str(args.corpus), "--child", mode]
            out = subprocess.run(
                [*command, str(folder), str(tasks)],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            got = json.loads(out.stdout.strip().splitlines()[-1])
            baseline = got["kept"] if baseline is None else baseline
            same = "same kept" if got["kept"] == baseline else "KEPT DIFFERS"
            if mode == "within" and set(got["kept"]) <= set(baseline):
                same = f"{len(baseline) - len(got['kept']):,} more dropped as derived"
            rss = "     -" if got["rss_mb"] is None else f"{got['rss_mb']:6.0f}"
            print(
                f"{name:18s} {got['seconds']:7.1f} s  {len(rows) / got['seconds']:7.1f} docs/s  "
                f"peak RSS {rss} MB  kept {len(got['kept']):,} ({same})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
