"""How fast PDFs are read, and what hostile ones cost.

    python benchmarks/bench_pdf.py [--corpus work-data/corpus.jsonl] [--docs 20] [--no-hostile]

First, speed: the longest originals of the corpus's test split, five to a document, typeset
in each layout of ``benchmarks/pdf_layouts.py`` whose tool is installed, and read back with
``spundetect.pdf.pdf_text``; prints milliseconds a page (CPU time, best of three) beside
pypdf's own ``extract_text`` alone on the same pages, so what the page handling adds shows.
Needs the corpus (skipped without it).

Then hostile and large files, each through ``spundetect.io.read_document`` as the command
line reads a path: 2,000 pages (the most read) and 2,001, a page of 200,000 text-showing
operations, one string of a million characters, a stream that unpacks to 200 MB, arrays
nested 100,000 deep, 5 MB of random bytes after a PDF header, a file without its
cross-reference table. Prints seconds, size and outcome (the text's length, or the error
record's message) for each, and the process's peak RSS. Needs nothing beyond the package.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pdf_layouts  # noqa: E402
from pdf_files import column, content, document, pdf  # noqa: E402

from spundetect.io import read_document  # noqa: E402
from spundetect.pdf import pdf_text  # noqa: E402

LINE = "The council met on Tuesday and agreed to repair the old bridge before winter."


def hostile() -> dict[str, Callable[[], bytes]]:
    shown = content(column([[LINE]]))
    return {
        "2,000 pages": lambda: pdf([column([[LINE, LINE], [LINE]]) for _ in range(2000)]),
        "2,001 pages": lambda: pdf([column([[LINE]]) for _ in range(2001)]),
        "200,000 text operations": lambda: document(
            [
                (
                    b"".join(
                        b"BT /F1 9 Tf %d %d Td (word) Tj ET\n" % (k % 500, k % 700)
                        for k in range(200_000)
                    ),
                    "",
                )
            ]
        ),
        "one string of 1M chars": lambda: document(
            [(b"BT /F1 9 Tf 72 700 Td (" + b"word " * 200_000 + b") Tj ET", "")]
        ),
        "unpacks to 200 MB": lambda: document(
            [(zlib.compress(shown + b" " * 200_000_000, 9), "/Filter /FlateDecode")]
        ),
        "nested 100,000 deep": lambda: document(
            [(b"BT /F1 9 Tf 72 700 Td " + b"[" * 100_000 + b"]" * 100_000 + b" TJ ET", "")]
        ),
        "5 MB random bytes": lambda: b"%PDF-1.7\n" + random.Random(0).randbytes(5_000_000),
        "no cross-reference": lambda: pdf([column([[LINE]])]).split(b"xref")[0],
    }


def speed(corpus: Path, n_docs: int) -> None:
    from pypdf import PdfReader

    texts = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("split") == "test" and r["label"] == "original":
                texts.append(r["text"])
    texts.sort(key=len, reverse=True)
    docs = ["\n\n".join(texts[k : k + 5]) for k in range(0, 5 * n_docs, 5)]
    words = sum(len(d.split()) for d in docs)
    print(f"{len(docs)} documents of five test-split originals, {words:,} words")
    for name, typeset in pdf_layouts.LAYOUTS.items():
        if not pdf_layouts.available(name):
            print(f"{name:16s} skipped: its tool is not installed")
            continue
        if name in pdf_layouts.PREPARE:
            pdf_layouts.PREPARE[name](docs)
        pdfs = [typeset(d) for d in docs]
        pages = sum(len(PdfReader(io.BytesIO(b)).pages) for b in pdfs)
        ours, theirs = [], []
        for _ in range(3):
            t0 = time.process_time()
            for b in pdfs:
                pdf_text(b)
            ours.append(time.process_time() - t0)
            t0 = time.process_time()
            for b in pdfs:
                "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(b)).pages)
            theirs.append(time.process_time() - t0)
        print(
            f"{name:16s} {pages:4d} pages: pdf_text {1000 * min(ours) / pages:5.1f} ms a page, "
            f"pypdf's extract_text alone {1000 * min(theirs) / pages:5.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=REPO / "work-data" / "corpus.jsonl")
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--no-hostile", action="store_true")
    args = ap.parse_args(argv)
    if args.corpus.is_file():
        speed(args.corpus, args.docs)
    else:
        print(f"{args.corpus} not found: speed skipped")
    if args.no_hostile:
        return 0
    for name, make in hostile().items():
        data = make()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "upload.pdf"
            path.write_bytes(data)
            t0 = time.perf_counter()
            rec = read_document(str(path))
            took = time.perf_counter() - t0
        what = f"read, {len(rec.text):,} characters" if rec.ok else f"error: {rec.error}"
        print(f"{name:24s} {len(data) / 1e6:6.2f} MB {took:7.2f} s  {what[:120]}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
