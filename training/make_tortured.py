"""Derive spundetect's compact tortured-phrase list from the Problematic Paper Screener CSV.

Why: the CSV (MIT licence, ../shared/data/tortured_phrases/) is input to learn
from, not a file to ship. We keep only the most frequent simple fingerprints
(the first quoted phrase of each row, at most ``--max-rows``), lower-cased, with
attribution, and append nothing else: general-English patterns we wrote
ourselves live in ``spundetect/data/tortured_general.txt``.

Usage: ``python -m training.make_tortured``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "data" / "tortured_phrases" / "tortured_phrases.csv"
OUT = ROOT / "spundetect" / "data" / "tortured_pps.tsv"
_FIRST = re.compile(r'^"([^"]+)"')

HEADER = """# Tortured phrases: the most frequent fingerprints of the Problematic Paper Screener,
# derived by training/make_tortured.py from tortured_phrases.csv
# (MIT License, Copyright (c) 2025 Hoang Ha; https://www.irit.fr/~Guillaume.Cabanac/problematic-paper-screener).
# Columns: tortured phrase<TAB>expected phrase. Only the first quoted phrase of each row is kept.
"""


def derive(src: Path, max_rows: int) -> list[tuple[str, str]]:
    """(tortured, expected) pairs of the most frequent simple fingerprints."""
    rows: list[tuple[int, str, str]] = []
    with src.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            m = _FIRST.match(row["tortured_phrase"].strip())
            if not m or " NOT " in row["tortured_phrase"] or "~" in row["tortured_phrase"]:
                continue
            phrase = m.group(1).strip().lower()
            if len(phrase.split()) < 2 and "-" not in phrase:
                continue  # one-word fingerprints are too ambiguous in general English
            expected = re.sub(r"\s*\(.*", "", row["expected_phrase"]).strip().lower()
            if len(expected) > 60 or "http" in expected:
                continue
            try:
                n = int(row["num_papers"].replace(",", ""))
            except ValueError:
                continue
            rows.append((n, phrase, expected))
    rows.sort(key=lambda r: (-r[0], r[1]))
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for _, p, e in rows:
        if p not in seen:
            seen.add(p)
            out.append((p, e))
        if len(out) >= max_rows:
            break
    return out


def _human_text() -> str:
    """All originals, lower-cased and space-joined: a phrase humans use is not a fingerprint."""
    try:
        from training.originals import load_originals

        docs = load_originals()
    except (FileNotFoundError, ImportError):
        return ""
    return " " + " ".join(" ".join(d.text.lower().split()) for d in docs) + " "


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--max-rows", type=int, default=450)
    args = ap.parse_args(argv)
    if not args.src.is_file():
        print(f"error: {args.src} not found", file=sys.stderr)
        return 2
    pairs = derive(args.src, args.max_rows * 2)
    human = _human_text()
    dropped = [p for p, _ in pairs if f" {p} " in human]
    pairs = [(p, e) for p, e in pairs if f" {p} " not in human][: args.max_rows]
    print(f"dropped {len(dropped)} phrases that human originals use: {dropped[:12]}...")
    args.out.write_text(HEADER + "".join(f"{p}\t{e}\n" for p, e in pairs), encoding="utf-8")
    print(f"wrote {len(pairs)} phrases to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
