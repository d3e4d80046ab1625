"""Exit statuses of the ``spundetect`` command, the error a command raises to end with
status 2, and what a termination signal raises: shared by the entry point
(:mod:`spundetect.cli`) and every command module."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_MATCHED = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


class _UsageError(Exception):
    """A command-line mistake found after parsing (exit 2)."""


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: the run stops as on Ctrl-C (not an ``Exception``, so no
    handler on the way swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
