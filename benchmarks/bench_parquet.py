"""What reading Parquet costs: speed and memory of ``read_records`` and of filter's writer.

    python benchmarks/bench_parquet.py [--rows 100000] [--words 1000] [--skip-one-group]

Writes, in a temporary folder, a Parquet file of ``--rows`` synthetic articles of ``--words``
words each (words drawn from the package's dictionary list by a Zipf-like law, so they
compress about as English does) and an id, URL and date column, as a crawl's export holds
them: once with row groups of 10,000 rows (pyarrow's and ``datasets``' habit), once as one row
group (what some writers do). Then, in a child process each, so each peak RSS is its own:

* ``read``: every record through ``spundetect.io.read_records`` (the text and id columns);
* ``read+write``: the same, each row then handed to ``ParquetSink`` (kept or dropped
  alternately, the dropped ones with a verdict), which reads each file a second time and
  writes both outputs; what ``spundetect filter`` adds around the scoring;
* ``jsonl``: the same articles as JSON Lines through ``read_records``, for comparison.

Prints rows a second, MB a second of text, and peak RSS for each. Needs pyarrow; no corpus.

With ``--corpus work-data/corpus.jsonl``, first ``spundetect filter`` end to end with the
shipped model, ``--jobs 1``, on the first ``--docs`` test-split documents (all three labels)
with all their columns, as JSON Lines and as Parquet: wall time, the process's peak RSS, and
whether both kept the same records.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _articles(rows: int, words: int, seed: int = 0) -> list[str]:
    from spundetect.lexicon import dictionary_words

    vocab = sorted(dictionary_words())
    random.Random(seed).shuffle(vocab)
    vocab = vocab[:20_000]
    weights = [1 / (r + 10) for r in range(len(vocab))]
    rng = random.Random(seed)
    out = []
    for _ in range(rows):
        ws = rng.choices(vocab, weights, k=words)
        sentences = [" ".join(ws[i : i + 20]).capitalize() + "." for i in range(0, words, 20)]
        out.append(" ".join(sentences))
    return out


def build(folder: Path, rows: int, words: int, one_group: bool) -> dict[str, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    chunk = 5_000  # written a chunk at a time, so building does not hold the whole file
    schema = pa.schema(
        [("id", pa.string()), ("text", pa.string()), ("url", pa.string()), ("date", pa.string())]
    )
    paths = {"grouped": folder / "grouped.parquet", "jsonl": folder / "docs.jsonl"}
    if one_group:
        paths["one group"] = folder / "one_group.parquet"
    writers = {
        name: pq.ParquetWriter(path, schema)
        for name, path in paths.items()
        if path.suffix == ".parquet"
    }
    with open(paths["jsonl"], "w", encoding="utf-8") as jf:
        tables = []
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            texts = _articles(n, words, seed=start)
            ids = [f"doc-{start + i}" for i in range(n)]
            urls = [f"https://example.org/news/{start + i}" for i in range(n)]
            dates = ["2026-12-06"] * n
            table = pa.table({"id": ids, "text": texts, "url": urls, "date": dates}, schema=schema)
            writers["grouped"].write_table(table, row_group_size=10_000)
            if one_group:
                tables.append(table)
            for i in range(n):
                row = {"id": ids[i], "text": texts[i], "url": urls[i], "date": dates[i]}
                jf.write(json.dumps(row) + "\n")
        if one_group:
            writers["one group"].write_table(pa.concat_tables(tables), row_group_size=rows)
    for w in writers.values():
        w.close()
    return paths


def run_child(mode: str, path: Path) -> dict[str, float]:
    """Time one mode in this process (the parent runs each in a child of its own)."""
    from spundetect.io import read_records

    t0 = time.perf_counter()
    n = chars = 0
    if mode == "read+write":
        from spundetect.parquet import ParquetSink, schema_of

        kept, dropped = io.BytesIO(), _Null()
        sink = ParquetSink(schema_of(path), _Null(), dropped, "spundetect")
        for rec in read_records([str(path)]):
            assert rec.text is not None and rec.row is not None
            n += 1
            chars += len(rec.text)
            keep = rec.row % 2 == 0
            sink.put(str(path), rec.row, keep, None if keep else '{"keep": false}')
        sink.close()
        del kept
    else:
        for rec in read_records([str(path)]):
            assert rec.text is not None, rec.error
            n += 1
            chars += len(rec.text)
    seconds = time.perf_counter() - t0
    return {"rows": n, "seconds": seconds, "chars": chars, "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    """This process's peak RSS (``VmHWM``: getrusage's figure is kept across exec, so a child
    would report its parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Null:
    """A stream that counts what is written to it and keeps nothing."""

    def __init__(self) -> None:
        self.n = 0

    def write(self, data: bytes) -> int:
        self.n += len(data)
        return len(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--skip-one-group", action="store_true")
    ap.add_argument("--corpus", type=Path, help="also run filter end to end on its test split")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child[0], Path(args.child[1]))))
        return
    import pyarrow

    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus is not None:  # first: a child's peak RSS starts at its parent's
            end_to_end(Path(tmp), args.corpus, args.docs)
        t0 = time.perf_counter()
        paths = build(Path(tmp), args.rows, args.words, not args.skip_one_group)
        sizes = ", ".join(f"{k} {p.stat().st_size / 1e6:,.0f} MB" for k, p in paths.items())
        print(
            f"pyarrow {pyarrow.__version__}; {args.rows:,} articles of {args.words:,} words; "
            f"files: {sizes} (built in {time.perf_counter() - t0:.0f} s)"
        )
        runs = [("read", "grouped"), ("read+write", "grouped"), ("jsonl", "jsonl")]
        if not args.skip_one_group:
            runs[1:1] = [("read", "one group"), ("read+write", "one group")]
        print(f"{'mode':<12} {'file':<10} {'rows/s':>9} {'MB/s':>7} {'peak RSS MB':>12}")
        for mode, name in runs:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", mode, str(paths[name])],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(proc.stdout)
            rate = r["rows"] / r["seconds"]
            mb = r["chars"] / r["seconds"] / 1e6
            print(f"{mode:<12} {name:<10} {rate:>9,.0f} {mb:>7.1f} {r['peak_rss_mb']:>12,.0f}")


def end_to_end(folder: Path, corpus: Path, docs: int) -> None:
    """``spundetect filter`` on the same test-split records as JSON Lines and as Parquet."""
    import os

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("split") == "test":
                rows.append(row)
                if len(rows) == docs:
                    break
    src = {"jsonl": folder / "test.jsonl", "parquet": folder / "test.parquet"}
    with open(src["jsonl"], "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    pq.write_table(pa.Table.from_pylist(rows), src["parquet"])
    kept_ids = {}
    print(f"filter, {len(rows):,} test-split documents, --jobs 1: wall s, peak RSS MB")
    for fmt, path in src.items():
        out = folder / f"kept.{fmt}"
        err = folder / f"stderr.{fmt}"
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "spundetect", "filter", str(path), "--jobs", "1"],
                stdout=stdout,
                stderr=stderr,
            )
            _, _, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
        summary = err.read_text().strip().splitlines()[-1]
        if fmt == "jsonl":
            kept_ids[fmt] = [json.loads(x)["id"] for x in out.read_text().splitlines()]
        else:
            kept_ids[fmt] = pq.read_table(out).column("id").to_pylist()
        print(f"  {fmt:<8} {wall:7.1f} {usage.ru_maxrss / 1024:7.0f}   {summary}")
    print(f"  the same records kept: {kept_ids['jsonl'] == kept_ids['parquet']}")


if __name__ == "__main__":
    main()
