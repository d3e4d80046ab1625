"""``spundetect train`` and ``spundetect evaluate``: the commands that read labelled rows."""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import re
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ModelError, SpundetectError
from ..io import RECORD_FILES, Record, format_for, read_records, sniff_stdin
from ..result import LABELS, unknown_label
from .exits import EXIT_FAILED, EXIT_OK, _UsageError
from .output import Reporter, _setup_stdout, say_sniffed
from .scoring import _auto_jobs, _load_model, _scored

if TYPE_CHECKING:
    from ..detector import Detector


def _read_labelled(
    args: argparse.Namespace,
    *,
    group_field: str | None,
    generator_field: str | None = None,
    source_field: str | None = None,
) -> Iterator[Record]:
    """Labelled JSONL/CSV rows (a row without its label comes back as an error record);
    stdin is JSON Lines unless it starts with a CSV or TSV header naming the text field."""
    stdin_format = "jsonl"
    if args.input_format is None and "-" in args.data:
        stdin_format = sniff_stdin(args.text_field, encoding=args.encoding) or "jsonl"
    paths: list[str] = []
    seen: set[str] = set()
    for path in args.data:  # a file named twice was trained on twice, unsaid
        key = path if path == "-" else os.path.realpath(path)
        if key in seen:
            print(f"spundetect: note: {path} is given twice: read once", file=sys.stderr)
            continue
        seen.add(key)
        paths.append(path)
    # a file reached again another way (in a folder named and by its name, in two folders
    # named, through a link) was read twice, unsaid: 72 rows trained on of a folder's 36
    again: list[str] = []

    def repeated(path: str, first: str) -> None:
        again.append(path)
        if len(again) <= _REPEATS_SAID:
            what = "reached twice" if path == first else f"{first}, reached twice"
            print(f"spundetect: note: {path} is {what}: read once", file=sys.stderr)

    records = read_records(
        paths,
        input_format=args.input_format,
        text_field=args.text_field,
        id_field=None,
        label_field=args.label_field,
        group_field=group_field,
        generator_field=generator_field,
        source_field=source_field,
        stdin_format=stdin_format,
        html_field=args.html_field,
        encoding=args.encoding,
        on_sniffed=say_sniffed(args.text_field, other=None),
        walk=None if args.input_format is not None else RECORD_FILES,
        on_repeat=repeated,
    )
    return _then_the_rest_said(records, again)


_REPEATS_SAID = 10  # files reached twice, each said; the rest counted


def _then_the_rest_said(records: Iterator[Record], again: list[str]) -> Iterator[Record]:
    """``records``, then how many more files were reached twice than were each said."""
    yield from records
    if len(again) > _REPEATS_SAID:
        more = len(again) - _REPEATS_SAID
        print(
            f"spundetect: note: and {more} more file(s) reached twice: read once", file=sys.stderr
        )


def _check_writable(out: Path) -> None:
    """Refuse an ``--out`` the model could not be written to, before training for minutes."""
    if out.is_symlink() and not out.exists():
        raise SpundetectError(f"--out {out}: a link to {os.readlink(out)}, which does not exist")
    parent = out
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise SpundetectError(f"--out {out}: {parent} is a file, not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise SpundetectError(f"--out {out}: cannot write in {parent}")


def _not_the_models(out: Path) -> list[str]:
    """The names in the model directory ``out`` that are not the model's own files (its card,
    its card's page and the files the card lists), sorted: what ``--force`` would delete."""
    from ..card import CARD_NAME, CARD_PAGE_NAME, read_card

    own = {CARD_NAME, CARD_PAGE_NAME}
    # (a damaged card: only its own name and its page are the model's for sure)
    with contextlib.suppress(ModelError):
        own |= {f["name"] for f in read_card(out)["files"].values()}
    return sorted(p.name for p in out.iterdir() if p.name not in own)


def _save_replacing(det: Detector, out: Path) -> None:
    """Save the model beside ``out`` and move it into place once whole, so that an
    interrupted save (Ctrl-C, SIGTERM, a full disk) leaves the model that was there before
    (``--force``) or nothing, never a half-written directory. Where the folder holding
    ``out`` cannot be written in (only ``out`` itself can), the model is saved in place."""
    target = out.resolve() if out.is_symlink() else out  # replace what the link points to
    parent = target.parent
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=parent))
    except OSError:
        det.save(target)
        return
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # as mkdir would make it, not mkdtemp's 0700
        det.save(staging)
        if not target.exists():
            os.replace(staging, target)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
        try:
            os.replace(target, old / "model")
            try:
                os.replace(staging, target)
            except BaseException:
                os.replace(old / "model", target)  # the model that was there, back
                raise
        finally:  # kept only when the old model could not be put back
            if target.exists() or not (old / "model").exists():
                shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _in_brief(reason: str) -> str:
    """A reason a row was left out, without its particulars ("malformed JSON (Expecting
    value: column 2)" is "malformed JSON"), so that like reasons are counted together."""
    return re.split(r";| \(|: ", reason, maxsplit=1)[0]


def _too_many_left_out(reasons: collections.Counter[str], read: int, allowed: float) -> str:
    """Why ``train`` wrote no model: how many rows of how many were left out, the commonest
    reasons, and the option that lets it train on the rest."""
    n = reasons.total()
    common = reasons.most_common(3)
    shown_ = ", ".join(f"{k} {why}" for why, k in common)
    if n > sum(k for _, k in common):
        shown_ += f", {n - sum(k for _, k in common)} other"
    return (
        f"spundetect: {n} of {read} rows were left out ({shown_}), more than the "
        f"{allowed * 100:g}% --max-left-out allows; nothing was trained (what is left may not "
        f"stand for the data: fix the input, or pass --max-left-out 1 to train on it anyway)"
    )


#: Errors that lose no row: an empty file or shard, a link to a folder already read.
_NOTHING_LOST = ("no records", "a link to a folder already read")
# where a row of a file is (``file:12``, a Parquet file's ``file[12]``)
_ROW_PLACE = re.compile(r"(?::\d+|\[\d+\])\Z")
# a CSV's header error, said at its line 1: the file is read no further
_HEADER_LOST = re.compile(r'no "[^"]*" column \(columns: .*\); choose|the header names ')
# the formats whose files hold rows (``format_for``: a .tsv is "csv", a .json "jsonl")
_ROW_FORMATS = frozenset({"jsonl", "csv", "parquet", "warc"})


def _a_file_of_rows(rec: Record) -> bool:
    """Whether ``rec``'s error lost a whole file of rows (JSON Lines, CSV, TSV, Parquet,
    WARC), not one document or one row."""
    if rec.where.endswith(":1") and _HEADER_LOST.match(rec.error or ""):
        return True
    return _ROW_PLACE.search(rec.where) is None and format_for(rec.where) in _ROW_FORMATS


def _files_left_out(files: list[str]) -> str:
    """Why ``train`` wrote no model when whole files of rows could not be read."""
    named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    return (
        f"spundetect: {len(files)} file(s) of rows could not be read at all ({named}; see "
        "above), so how many rows were lost is not known; nothing was trained (fix the input, "
        "or pass --max-left-out 1 to train on the rest anyway)"
    )


def cmd_train(args: argparse.Namespace) -> int:
    """``spundetect train``: fit on the user's labelled rows, print the held-out evaluation."""
    if not args.out:  # an unset variable: not the current folder
        raise _UsageError("--out: an empty path is not a model directory")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise SpundetectError(f"--out {out}: exists and is not a directory")
    _check_writable(out)  # now, not after the whole training
    if out.is_dir() and any(out.iterdir()):
        from ..model import CARD_NAME

        if not (out / CARD_NAME).exists():  # --force too: it replaced the folder whole
            raise SpundetectError(
                f"--out {out}: directory is not empty and holds no spundetect model; "
                "choose a new directory (--force replaces only a model's directory)"
            )
        if not args.force:
            raise SpundetectError(
                f"--out {out}: a model is already there; pass --force to replace it"
            )
        if others := _not_the_models(out):
            shown_ = ", ".join(others[:3]) + (
                f" and {len(others) - 3} more" if len(others) > 3 else ""
            )
            raise SpundetectError(
                f"--out {out}: holds a model and files that are not its ({shown_}), which "
                "--force would delete with it; move them, or choose a new directory"
            )
    from ..status import MAX_CHARS, judgeable
    from ..text import tokenize

    reference = None
    if args.reference:  # read now, not after the whole input
        from .. import lm

        try:
            reference = lm.load(Path(args.reference))
        except OSError as exc:
            raise SpundetectError(f"--reference {args.reference}: {exc.strerror or exc}") from exc
    reporter = Reporter()
    texts: list[str] = []
    labels: list[str] = []
    groups: list[str | None] = []
    generators: list[str | None] = []
    sources: list[str | None] = []
    unknown = 0  # rows whose label is none of LABELS
    read = 0  # every row met, left out or not
    left_out: collections.Counter[str] = collections.Counter()  # by reason, in brief
    whole: list[str] = []  # files of rows none of which could be read: how many, unknown
    for rec in _read_labelled(
        args,
        group_field=args.group_field,
        generator_field=args.generator_field,
        source_field=args.source_field,
    ):
        if rec.error is not None:
            reporter.bad(rec.where, rec.error)
            if not rec.error.startswith(_NOTHING_LOST):
                read += 1
                left_out[_in_brief(rec.error)] += 1
                if _a_file_of_rows(rec):
                    whole.append(rec.where.removesuffix(":1"))
            if args.strict:
                return EXIT_FAILED
            continue
        read += 1
        assert rec.text is not None and rec.label is not None
        if rec.label not in LABELS:
            # said where it is met, so the messages keep the input's line order
            unknown += 1
            if unknown <= 50:
                print(f"{rec.where}: {unknown_label(rec.label)}", file=sys.stderr)
            continue
        # a text the detector would not judge (empty, too short, not English) teaches it
        # nothing it will use: left out, and said so, as a bad row is
        status, message = judgeable(tokenize(rec.text[:MAX_CHARS]))
        if status != "ok":
            what = "empty document" if status == "empty" else f"{status}: {message}"
            reporter.bad(rec.where, f"{what} (left out of training)")
            left_out[_in_brief(what)] += 1
            if args.strict:
                return EXIT_FAILED
            continue
        texts.append(rec.text)
        labels.append(rec.label)
        groups.append(rec.group)
        # an original has no generator, whatever the column says
        generators.append(rec.generator if rec.label != "original" else None)
        sources.append(rec.source)
    if unknown:
        if unknown > 50:
            print(f"... and {unknown - 50} more", file=sys.stderr)
        print(
            f"spundetect: {unknown} row(s) have unknown labels; labels must be one of "
            f"{', '.join(LABELS)} (choose the column with --label-field); nothing was trained",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if read and left_out.total() / read > args.max_left_out:
        # a model from what is left learns a biased leftover (an Excel CSV read as UTF-8
        # trained on its 27 ASCII rows of 87), and the exit status alone did not stop a script
        print(_too_many_left_out(left_out, read, args.max_left_out), file=sys.stderr)
        return EXIT_FAILED
    if whole and args.max_left_out < 1:
        # a file of rows lost whole holds any number of them (a CSV whose label column is
        # named otherwise counted as one row of 109, and 100 were lost)
        print(_files_left_out(whole), file=sys.stderr)
        return EXIT_FAILED
    counts = collections.Counter(labels)
    if len(counts) < 2:
        raise SpundetectError(
            f"need documents of at least two labels to train; got {dict(counts) or 'none'}"
        )
    group_list: list[str | None] | None = None
    if any(g is not None for g in groups):
        # rows without a group share one with their identical copies (train() does that)
        group_list = groups
    else:
        reporter.note(
            f"spundetect: note: no {args.group_field!r} field; originals and their rewrites "
            "may land on both sides of the held-out split (optimistic evaluation)"
        )
    # a field named on purpose that no row has is a typo, said (the default names are
    # optional columns, and most data sets have neither)
    for option, name, default, column in (
        ("--generator-field", args.generator_field, "generator", generators),
        ("--source-field", args.source_field, "source", sources),
    ):
        if name != default and not any(column):
            reporter.note(
                f"spundetect: note: no row has a {name!r} field ({option}); trained without it"
            )
    from ..detector import train

    try:
        with warnings.catch_warnings():  # said below, in the command's own words
            warnings.simplefilter("ignore", UserWarning)
            det = train(
                texts,
                labels,
                groups=group_list,
                generators=generators if any(generators) else None,
                sources=sources if any(sources) else None,
                validation_fraction=args.validation_fraction,
                random_state=args.random_state,
                reference=reference,
                n_jobs=args.jobs,
                extra_card={
                    "training": {
                        "inputs": ["<stdin>" if p == "-" else str(p) for p in args.data],
                        "reference": args.reference or "the shipped reference model",
                    }
                },
            )
    except ValueError as exc:
        raise SpundetectError(f"cannot train: {exc}") from exc
    try:
        _save_replacing(det, out)
    except (ModelError, OSError) as exc:  # (save's ModelError: the folder cannot be made)
        cause = exc.__cause__ if isinstance(exc, ModelError) else exc
        why = getattr(cause, "strerror", None) or exc
        raise SpundetectError(f"--out {out}: cannot write the model: {why}") from exc
    metrics = det.card.get("metrics", {}).get("validation")
    summary = ", ".join(f"{counts[k]} {k}" for k in LABELS if counts[k])
    _setup_stdout()
    if args.format == "json":
        json.dump(
            {
                "model": str(out),
                "training": dict(counts),
                "validation": metrics,
                "operating_points": det.card.get("operating_points") or [],
                "stacking": det.card["training"].get("stacking"),
            },
            sys.stdout,
        )
        sys.stdout.write("\n")
    elif metrics:
        from ..metrics import format_operating_points, format_report

        split = "group-aware split" if group_list is not None else "split by text: no groups"
        print(f"held-out evaluation ({metrics.get('n', '?')} documents, {split}):")
        print(format_report(metrics))
        if det.card.get("operating_points"):
            print("\noperating points chosen on the held-out share")
            print(format_operating_points(det.card["operating_points"]))
    else:
        print(
            "no held-out evaluation: the validation share could not hold 5 documents of every "
            "label (give more documents or groups)"
        )
    print(
        f"spundetect: wrote {out} (trained on {len(texts)} documents: {summary}; "
        f"{det.card['training'].get('stacking')})",
        file=sys.stderr,
    )
    for caution in det.card["training"].get("warnings") or []:
        print(f"spundetect: warning: {caution}", file=sys.stderr)
    return EXIT_FAILED if reporter.failures else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """``spundetect evaluate``: score labelled rows and report the metrics."""
    import numpy as np

    from ..metrics import evaluation_report, format_operating_points, format_report

    det = _load_model(args)
    reporter = Reporter()
    not_judged: collections.Counter[str] = collections.Counter()
    unusable = 0  # rows left out before scoring: unreadable, or no known label

    columns = 0  # of those, the rows whose text or label was not where looked for

    def known(records: Iterable[Record]) -> Iterator[Record]:
        nonlocal unusable, columns
        for rec in records:
            unusable += not rec.ok or rec.label not in LABELS
            why = rec.error or ""
            columns += (rec.ok and rec.label not in LABELS) or any(
                w in why for w in ("field", "column", "label")
            )
            if rec.ok and rec.label not in LABELS:
                yield Record(
                    rec.id,
                    rec.where,
                    None,
                    f"{unknown_label(rec.label)}; expected one of {', '.join(LABELS)}",
                )
            else:
                yield rec

    records = known(_read_labelled(args, group_field=None, generator_field=args.generator_field))
    jobs, records = _auto_jobs(records, args.jobs)
    y_true: list[str] = []
    generators: list[str] = []
    rows: list[list[float]] = []
    for rec, res in _scored(det, records, reporter, jobs=jobs, strict=args.strict):
        if not res.ok:
            not_judged[res.status] += 1
            continue
        assert rec.label is not None
        y_true.append(rec.label)
        # an original counts as "original", whatever its generator column says ("human")
        generators.append("original" if rec.label == "original" else rec.generator or "")
        rows.append([res.probabilities[k] for k in LABELS])
    if not y_true and unusable and not not_judged:
        # (an empty file was told to choose its columns)
        hint = "; choose the columns with --text-field and --label-field" if columns else ""
        raise SpundetectError(
            f"no row has a text and a known label ({unusable} left out, as said above{hint}); "
            "nothing to evaluate"
        )
    if not y_true:
        raise SpundetectError("no document could be judged; nothing to evaluate")
    report = evaluation_report(
        y_true,
        np.asarray(rows),
        model_points=det.card.get("operating_points") or [],
        generators=generators,
        not_judged=dict(not_judged),
    )
    _setup_stdout()
    if args.format == "json":
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_report(report))
        if report["operating_points"]:
            print("\nthe model's operating points on these documents")
            print(format_operating_points(report["operating_points"]))
        if report["operating_points_here"]:
            print("\noperating points chosen on these documents")
            print(
                format_operating_points(
                    report["operating_points_here"], "use one with `score --threshold P`"
                )
            )
        else:
            n_orig = report["per_class"][LABELS[0]]["support"]
            print(
                f"\nno operating point chosen on these documents: a rate needs 1/rate judged "
                f"originals (10 for 10%, 100 for 1%); these hold {n_orig}"
            )
        if report.get("per_generator"):
            print("\nper generator (share given its true label)")
            for name, row in report["per_generator"].items():
                print(f"  {name:30s} {row['recall']:.3f}  (n={row['n']})")
        if not_judged:
            parts = ", ".join(f"{v} {k}" for k, v in sorted(not_judged.items()))
            print(f"\nleft out (no judgement): {parts}")
        if unusable:
            print(f"left out (unreadable, or no known label): {unusable}")
    return EXIT_FAILED if reporter.failures else EXIT_OK
