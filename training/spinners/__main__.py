"""Spin stdin with one style, for eyeballing.

Usage: ``python -m training.spinners --style NAME [--seed N] < file``
"""

from __future__ import annotations

import argparse
import random
import sys

from . import SPINNERS, check_resources


def main(argv: list[str] | None = None) -> int:
    """Read UTF-8 text on stdin, print its spun version; errors are one line, no traceback."""
    parser = argparse.ArgumentParser(prog="python -m training.spinners", description=__doc__)
    parser.add_argument("--style", required=True, choices=sorted(SPINNERS), help="spinner style")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    try:
        check_resources()
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"error: stdin is not UTF-8 text ({exc.reason} at byte {exc.start})", file=sys.stderr)
        return 2
    sys.stdout.write(SPINNERS[args.style](text, random.Random(args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
