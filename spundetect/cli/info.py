"""``spundetect features`` and ``spundetect card``: what the model reads in one text, and
what the model is."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from .exits import EXIT_FAILED, EXIT_OK, _UsageError
from .matching import _one_document
from .output import _setup_stdout
from .scoring import _load_model


def _exists(arg: str) -> bool:
    """Whether a file or folder of that name exists; a text too long to be a name is none
    (asking raised "File name too long" for a text of 4,096 bytes and more)."""
    try:
        return Path(arg).exists()
    except (OSError, ValueError):
        return False


def _names_a_file(arg: str) -> bool:
    """Whether ``arg`` (one word) is a file name by its suffix, a compression suffix looked
    through: "missing.pdf" and "notes.txt.gz" are files not found, not a text to score."""
    from ..io import COMPRESSED_SUFFIXES, READABLE_SUFFIXES

    p = Path(arg)
    if p.suffix.lower() in COMPRESSED_SUFFIXES:
        return True
    return p.suffix.lower() in READABLE_SUFFIXES


def cmd_features(args: argparse.Namespace) -> int:
    """``spundetect features``: the named feature values of one text."""
    if args.list:
        from ..features import describe

        _setup_stdout()
        fams = describe()
        if args.format == "json":
            json.dump(fams, sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            for name, info in fams.items():
                print(f"{name}: {info['doc']}")
                for feat in info["features"]:
                    print(f"  {feat}")
        return EXIT_OK
    if args.text is None:
        raise _UsageError("give a TEXT, a file path or - (stdin), or --list")
    arg = args.text
    looks_like_path = not any(c.isspace() for c in arg) and (os.sep in arg or _names_a_file(arg))
    if arg == "-" or looks_like_path or _exists(arg):
        rec = _one_document(arg, args.encoding)
        if rec.error is not None:
            print(f"{rec.where}: {rec.error}", file=sys.stderr)
            return EXIT_FAILED
        text = rec.text or ""
    else:
        # the argument as the shell passed it: bytes that are not UTF-8 came as lone
        # surrogates, which crashed the tokenizer ("please report it"); read them as --encoding
        encoding = args.encoding or "utf-8"
        try:
            text = os.fsencode(arg).decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            why = (
                f"unknown encoding {encoding!r}"
                if isinstance(exc, LookupError)
                else f"not {encoding} (byte {exc.object[exc.start]:#04x} at {exc.start})"
                + ("; give its encoding with --encoding" if args.encoding is None else "")
            )
            print(f"spundetect: the TEXT given: {why}", file=sys.stderr)
            return EXIT_FAILED
        from ..status import validate_text

        problem = validate_text(text)
        if problem is not None:
            print(f"spundetect: the TEXT given: {problem}", file=sys.stderr)
            return EXIT_FAILED
    det = _load_model(args)
    from ..status import judgeable
    from ..text import tokenize

    status, message = judgeable(tokenize(text))
    if status != "ok":
        print(f"spundetect: note: {status}: {message} (the values are unreliable)", file=sys.stderr)
    values = det.features(text)
    readability: dict[str, Any] | None = None
    try:
        from ..features import readability as _readability

        report_fn = getattr(_readability, "textstat_report", None)
    except ImportError:
        report_fn = None
    if report_fn is not None:
        try:
            report = report_fn(text)
            readability = dict(report) if isinstance(report, dict) else {"report": str(report)}
        except Exception as exc:  # a research extra must not cost the user the feature values
            print(f"spundetect: note: no readability report ({exc})", file=sys.stderr)
    _setup_stdout()
    if args.format == "json":
        out: dict[str, Any] = {"status": status, "features": values}
        if readability is not None:
            out["readability"] = readability
        json.dump(out, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        width = max((len(k) for k in values), default=0)
        for name, value in values.items():
            print(f"{name:<{width}}  {value:.6g}")
        if readability:
            print("\nreadability (textstat):")
            width = max(len(str(k)) for k in readability)
            for name, value in readability.items():
                shown = f"{value:.6g}" if isinstance(value, float) else str(value)
                print(f"{name!s:<{width}}  {shown}")
    return EXIT_OK


def cmd_card(args: argparse.Namespace) -> int:
    """``spundetect card``: the model card, for people (Markdown) or programs (JSON).

    Only the card is read: showing what a model is needs none of its files loaded, so a model
    that would need ``--trust-model`` to load can be inspected first."""
    from ..card import card_markdown, read_card
    from ..detector import default_model_dir

    if args.model == "":  # an unset variable: not the shipped model's card
        raise _UsageError("--model: an empty path is not a model directory")
    card = read_card(Path(args.model) if args.model else default_model_dir())
    _setup_stdout()
    if args.format == "json":
        json.dump(card, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(card_markdown(card))
    return EXIT_OK
