"""The ``spundetect`` console script: :func:`spundetect.cli.main`, imported inside the handler
of Ctrl-C, so that one pressed while the command is still loading (a third of a second)
exits with status 130 and a word, not with a traceback."""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        print("spundetect: interrupted", file=sys.stderr)
        return 130
    return cli_main()
