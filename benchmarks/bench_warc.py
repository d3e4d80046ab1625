"""What reading a crawl's archive costs: ``read_records`` over a WARC file.

    python benchmarks/bench_warc.py [--pages 20000] [--words 1000]

Writes, in a temporary folder, a WARC file as a crawler writes one (each record its own gzip
member; a request record before each response, as wget and Common Crawl write them; one page
in four gzip-encoded, one in four chunked) of ``--pages`` HTML pages of ``--words`` words
(words drawn from the package's dictionary list, as in ``bench_parquet.py``), then reads it
with ``spundetect.io.read_records`` and, for comparison, reduces the same pages to text with
``html_to_text`` alone. Prints pages a second, MB a second of page, and peak RSS. No corpus.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parquet import _articles  # noqa: E402

from spundetect.io import html_to_text, read_records  # noqa: E402


def _record(warc_type: str, uri: str, content: bytes, media: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {media}\r\nContent-Length: {len(content)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + content + b"\r\n\r\n", compresslevel=6)


def build(path: Path, pages: int, words: int) -> list[str]:
    htmls = []
    with open(path, "wb") as f:
        for start in range(0, pages, 1000):
            for i, text in enumerate(_articles(min(1000, pages - start), words, seed=start)):
                k = start + i
                page = (
                    "<html><head><title>News</title></head><body><nav>Home | World</nav>"
                    f"<article><h1>Story {k}</h1><p>{text}</p></article>"
                    "<footer>(c) Example</footer></body></html>"
                )
                htmls.append(page)
                body = page.encode()
                headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                if k % 4 == 1:
                    body = gzip.compress(body)
                    headers += "Content-Encoding: gzip\r\n"
                elif k % 4 == 2:
                    body = (
                        b"".join(
                            b"%x\r\n" % len(body[j : j + 4096]) + body[j : j + 4096] + b"\r\n"
                            for j in range(0, len(body), 4096)
                        )
                        + b"0\r\n\r\n"
                    )
                    headers += "Transfer-Encoding: chunked\r\n"
                uri = f"https://news.example/{k}"
                request = f"GET /{k} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
                f.write(_record("request", uri, request, "application/http; msgtype=request"))
                http = (headers + "\r\n").encode() + body
                f.write(_record("response", uri, http, "application/http; msgtype=response"))
    return htmls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20_000)
    ap.add_argument("--words", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc.gz"
        htmls = build(path, args.pages, args.words)
        size = sum(len(h) for h in htmls)
        t0 = time.perf_counter()
        n = sum(1 for r in read_records([str(path)]) if r.ok)
        warc = time.perf_counter() - t0
        t0 = time.perf_counter()
        for h in htmls:
            html_to_text(h)
        alone = time.perf_counter() - t0
        assert n == args.pages, n
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{args.pages:,} pages of {args.words:,} words, {path.stat().st_size / 1e6:,.0f} MB "
            f"as WARC ({size / 1e6:,.0f} MB of HTML)"
        )
        print(f"read_records:   {n / warc:8,.0f} pages/s {size / warc / 1e6:6.1f} MB/s")
        print(f"html_to_text:   {n / alone:8,.0f} pages/s {size / alone / 1e6:6.1f} MB/s")
        print(f"peak RSS {rss:,.0f} MB (the pages' HTML held for the comparison)")


if __name__ == "__main__":
    main()
