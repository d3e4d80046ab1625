"""Refusing a run that would write over what it reads.

``spundetect score a.txt > a.txt``: the shell empties ``a.txt`` before the command starts, so
the article is gone and the run would only report it empty; with ``>>`` the results would be
appended to the article (and ``filter``, whose output is records, would read back what it
writes, without end). As ``cat`` does ("input file is output file"), every command that reads
files refuses, before reading anything, a stdout redirected to one of them: named, found in a
folder it walks, or reached through a link, a hard link or stdin.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Iterator, Sequence

from ..io import ANY_READABLE, DIRECTORY_SUFFIXES, iter_paths, walked_suffixes
from .exits import _UsageError

__all__ = ["input_files", "read_paths", "refuse_stdout_among_inputs", "same_file", "stdout_file"]


def same_file(a: os.stat_result, b: os.stat_result) -> bool:
    """One file, however it was reached (name, link, hard link, descriptor). A file system
    that numbers no file (inode 0: FAT, exFAT, some network shares) tells nothing: not one."""
    return a.st_ino != 0 and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.fstat(0) if path == "-" else os.stat(path)
    except (OSError, ValueError):
        return None


def stdout_file() -> os.stat_result | None:
    """The status of the regular file stdout is redirected to; None for a pipe, a terminal
    or a device (nothing is read from those)."""
    try:
        st = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return st if stat.S_ISREG(st.st_mode) else None


def read_paths(args: argparse.Namespace) -> list[tuple[Sequence[str], frozenset[str]]]:
    """What ``args.command`` reads: its path arguments, each group with the suffixes a folder
    walk picks up, as the command's reader finds them."""
    fmt = getattr(args, "input_format", None)
    command = args.command
    if command == "score":
        return [(args.paths or ["-"], walked_suffixes(fmt))]
    if command == "filter":  # records are JSON Lines or Parquet; sources are documents
        records = walked_suffixes(fmt or "jsonl")
        return [(args.paths or ["-"], records), (args.sources, ANY_READABLE)]
    if command == "match":
        return [(args.paths or ["-"], walked_suffixes(fmt)), (args.sources, walked_suffixes(fmt))]
    if command in ("train", "evaluate"):
        return [(args.data, walked_suffixes(fmt))]
    if command == "compare":
        return [([args.source, args.suspect], DIRECTORY_SUFFIXES)]
    if command == "features" and args.text is not None and not args.list:
        text = args.text
        st = None if text == "-" else _stat(text)  # (a text too long for a name: none)
        if text == "-" or (st is not None and stat.S_ISREG(st.st_mode)):
            return [([text], DIRECTORY_SUFFIXES)]
    return []


def input_files(
    groups: Sequence[tuple[Sequence[str], frozenset[str]]],
) -> Iterator[tuple[str, os.stat_result]]:
    """Every file the path groups name, folders walked as the reader walks them, with its
    status (``stdin`` for ``-``); what cannot be read is left to the reader to report."""
    for paths, suffixes in groups:
        for path, error in iter_paths(list(paths), suffixes):
            st = None if error is not None else _stat(path)
            if st is not None:
                yield ("stdin" if path == "-" else path), st


def refuse_stdout_among_inputs(args: argparse.Namespace) -> None:
    """Raise a usage error when stdout is redirected to a file the command reads."""
    out = stdout_file()
    if out is None:
        return
    for path, st in input_files(read_paths(args)):
        if same_file(st, out):
            emptied = (
                "; redirected with `>`, it was emptied by the shell before spundetect started"
                if out.st_size == 0 and path != "stdin"
                else ""
            )
            raise _UsageError(
                f"stdout is also an input file ({path}): write the output to another file" + emptied
            )
