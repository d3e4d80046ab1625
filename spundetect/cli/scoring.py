"""``spundetect score`` and ``spundetect filter``: the model over a stream of documents;
and what they share with ``evaluate`` and ``features``: the model loaded, the worker count,
the records scored in input order."""

from __future__ import annotations

import argparse
import base64
import collections
import dataclasses
import itertools
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..io import Record, input_size, read_records, sniff_stdin
from ..result import Result
from .exits import EXIT_FAILED, EXIT_MATCHED, EXIT_OK, EXIT_USAGE, _UsageError
from .matching import _index_key, _index_sources
from .output import _WRITERS, Progress, Reporter, _setup_stdout

if TYPE_CHECKING:
    from ..detector import Detector
    from ..sources import SourceIndex, SourceMatch

#: More documents than this and ``--jobs`` defaults to all cores (a process pool
#: costs more than it saves on a handful of texts).
FEW_DOCS = 32


# ---------------------------------------------------------------- helpers
def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _load_model(args: argparse.Namespace) -> Detector:
    from ..detector import Detector

    return Detector.load(args.model, trust=args.trust_model)


def _auto_jobs(records: Iterator[Record], requested: int | None) -> tuple[int, Iterator[Record]]:
    """Worker count: as requested, else all cores when there are more than a few documents.

    Peeks at most ``FEW_DOCS + 1`` records (then chains them back) so streaming is kept.
    """
    if requested is not None:
        return requested, records
    head = list(itertools.islice(records, FEW_DOCS + 1))
    jobs = _cpu_count() if len(head) > FEW_DOCS else 1
    return jobs, itertools.chain(head, records)


def _scored(
    det: Detector,
    records: Iterable[Record],
    reporter: Reporter,
    *,
    jobs: int,
    explain: bool = False,
    strict: bool = False,
    keep_raw: bool = False,
    keep_text: bool = False,
    on_bad: Callable[[Record], None] | None = None,
) -> Iterator[tuple[Record, Result]]:
    """Score the good records in input order; bad ones are reported (``strict``: stop there)
    and handed to ``on_bad``.

    Only the records in flight are held (``score_many`` bounds them), so memory
    stays flat however long the input is; their raw lines only with ``keep_raw``, their
    texts only with ``keep_text``.
    """
    pending: collections.deque[Record] = collections.deque()

    def texts() -> Iterator[str]:
        for rec in records:
            if rec.error is not None:
                reporter.bad(rec.where, rec.error)
                if on_bad is not None:
                    on_bad(rec)
                if strict:
                    return
                continue
            assert rec.text is not None
            empty = not rec.text.strip()
            if empty:  # reported here, not on output, so stderr stays in input order
                reporter.bad(rec.where, "empty document")
            if reporter.progress is not None:
                reporter.progress.read_one()
            # keep only what the output needs: the texts in flight are held by score_many
            pending.append(
                dataclasses.replace(
                    rec, text=rec.text if keep_text else "", raw=rec.raw if keep_raw else None
                )
            )
            yield rec.text
            if strict and empty:
                return  # the empty document is still emitted (status empty), then we stop

    batch = 64 if jobs == 1 else 16
    results = det.score_many(texts(), n_jobs=jobs, explain=explain, batch_size=batch)
    if jobs > 1 and hasattr(signal, "pthread_sigmask"):
        # Worker processes fork on the first batch; with SIGINT blocked until then they
        # inherit the block, so Ctrl-C interrupts only this process (no worker tracebacks).
        # A Ctrl-C pressed meanwhile stays pending and is delivered on unblocking.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            first = next(results, None)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        if first is None:
            return
        results = itertools.chain([first], results)
    for res in results:
        rec = pending.popleft()
        if rec.note is not None:  # the reader kept only a prefix: say so before anything else
            res = dataclasses.replace(res, message="; ".join(filter(None, (rec.note, res.message))))
        yield rec, res


def _open_input(
    args: argparse.Namespace, input_format: str | None
) -> tuple[Progress | None, Reporter, int, Iterator[Record]]:
    """The records of ``args.paths`` (stdin by default), read lazily, with the progress line,
    the reporter of bad inputs and the worker count that ``score`` and ``filter`` share."""
    paths = args.paths or ["-"]
    if paths.count("-") > 1:
        raise _UsageError("stdin ('-') is given more than once; it can be read only once")
    if "-" in paths and sys.stdin is not None and sys.stdin.isatty():
        what = "JSONL " if input_format == "jsonl" else ""
        print(f"spundetect: reading {what}from stdin (end with Ctrl-D)", file=sys.stderr)
    stdin_format = "text"
    if input_format is None and "-" in paths and sniff_stdin() == "jsonl":
        stdin_format = "jsonl"
        print(
            "spundetect: stdin looks like JSON Lines: reading one document per line "
            "(--input-format text scores it as one text)",
            file=sys.stderr,
        )
    progress = Progress(sys.stderr, input_size(paths)) if sys.stderr.isatty() else None
    records = read_records(
        paths,
        input_format=input_format,
        text_field=args.text_field,
        id_field=args.id_field,
        progress=progress.add_bytes if progress else None,
        stdin_format=stdin_format,
        html_field=args.html_field,
    )
    jobs, records = _auto_jobs(records, args.jobs)
    return progress, Reporter(progress), jobs, records


# ---------------------------------------------------------------- commands
def cmd_score(args: argparse.Namespace) -> int:
    """``spundetect score``: stream one result per document."""
    det = _load_model(args)
    if args.max_fpr is not None:
        try:
            det = det.with_max_fpr(args.max_fpr)
        except ValueError as exc:
            print(f"spundetect score: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    elif args.threshold is not None:
        det = det.with_threshold(args.threshold)
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    explain = args.explain or fmt == "html"  # the page is there to show the evidence
    progress, reporter, jobs, records = _open_input(args, args.input_format)
    _setup_stdout()
    writer = _WRITERS[fmt](sys.stdout, explain)
    stdout_tty = sys.stdout.isatty()
    matched = 0
    n = 0
    last_flush = time.monotonic()
    for rec, res in _scored(
        det,
        records,
        reporter,
        jobs=jobs,
        explain=explain,
        strict=args.strict,
        keep_text=fmt == "html",
    ):
        n += 1
        if args.fail_on and res.label in args.fail_on:
            matched += 1
        if progress is not None and stdout_tty:
            progress.clear()  # the row goes on a line of its own, then the bar under it
        writer.write({"id": rec.id, **res.to_dict(explain=explain)}, rec.text or "", res)
        if progress is not None:
            if stdout_tty:
                sys.stdout.flush()
            progress.tick()
        now = time.monotonic()
        if now - last_flush > 0.25:  # results appear as they finish, without a flush per line
            sys.stdout.flush()
            last_flush = now
    writer.close()
    if progress is not None:
        progress.clear()
    if reporter.failures:
        print(
            f"spundetect: {reporter.failures} input(s) could not be scored or were empty; "
            f"{n} result(s) written",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if matched:
        print(
            f"spundetect: {matched} of {n} document(s) labelled "
            f"{' or '.join(sorted(args.fail_on))}",
            file=sys.stderr,
        )
        return EXIT_MATCHED
    return EXIT_OK


def _rejected_line(rec: Record, verdict: dict[str, Any]) -> bytes:
    """A dropped record as one JSONL line: the input object with the verdict attached."""
    assert rec.raw is not None
    obj = json.loads(rec.raw)
    obj["spundetect"] = verdict
    return json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"


def _unreadable_line(rec: Record) -> bytes:
    """A line that could not be read, kept with its reason (so nothing is lost)."""
    raw = rec.raw or b""
    verdict = {"status": "unreadable", "where": rec.where, "message": rec.error}
    line: dict[str, Any] = {"spundetect": verdict, "line": raw.decode("utf-8", "replace")}
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:  # "line" had to replace bytes: the bytes themselves, as base64
        line["line_base64"] = base64.b64encode(raw).decode("ascii")
    return json.dumps(line, ensure_ascii=False).encode() + b"\n"


def cmd_filter(args: argparse.Namespace) -> int:
    """``spundetect filter``: pass the records to keep through unchanged."""
    from ..filters import Filter

    try:
        filt = Filter(
            _load_model(args),
            drop=args.drop,
            unjudged=args.unjudged,
            max_fpr=args.max_fpr,
            threshold=args.threshold,
        )
        det = filt.scorer
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    rejected: Any = None
    if args.rejected:
        target = Path(args.rejected).resolve()
        if any(p != "-" and Path(p).resolve() == target for p in args.paths):
            raise _UsageError(f"--rejected {args.rejected} is also an input file")
        try:
            rejected = open(args.rejected, "wb")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise _UsageError(f"cannot write {args.rejected}: {exc.strerror or exc}") from None
    if "-" in args.sources and (not args.paths or "-" in args.paths):
        raise _UsageError("stdin can hold the sources or the records, not both")
    if args.explain and rejected is None:
        print(
            "spundetect filter: note: --explain adds the evidence to the --rejected records; "
            "without --rejected it does nothing",
            file=sys.stderr,
        )
    progress, reporter, jobs, records = _open_input(args, "jsonl")
    index = None
    if args.within or args.sources:
        from ..sources import SourceIndex

        index = SourceIndex()
        sources = read_records(  # none with --within alone (read_records([]) reads stdin)
            args.sources,
            text_field=args.text_field,
            id_field=args.id_field,
            stdin_format="jsonl",
            html_field=args.html_field,
        )
        if not _index_sources(
            index, sources if args.sources else (), reporter, "filter", strict=False
        ):
            return EXIT_FAILED
    out = sys.stdout.buffer
    dropped: collections.Counter[str] = collections.Counter()  # by label ("unjudged": none)
    tally = collections.Counter({"kept": 0, "unreadable": 0})

    def unreadable(rec: Record) -> None:
        tally["unreadable"] += 1
        if rejected is not None:
            rejected.write(_unreadable_line(rec))

    try:
        for rec, res in _scored(
            det,
            records,
            reporter,
            jobs=jobs,
            explain=args.explain and rejected is not None,
            keep_raw=True,
            keep_text=index is not None,
            on_bad=unreadable,
        ):
            if progress is not None:
                progress.tick()
            decision = filt.decide(res)
            if decision.keep and index is not None:
                m = _follows(index, rec, args.within and res.ok, reporter)
                if m is not None and m.derived:
                    dropped["derived"] += 1
                    if rejected is not None:
                        why = f"dropped: {m.verdict} from {m.source_id} ({m.message})"
                        decision = dataclasses.replace(decision, keep=False, reason=why)
                        verdict = decision.to_dict(explain=args.explain) | m.to_dict()
                        rejected.write(_rejected_line(rec, verdict))
                    continue
            if decision.keep:
                tally["kept"] += 1
                assert rec.raw is not None
                out.write(rec.raw + b"\n")
                continue
            dropped[res.label or "unjudged"] += 1
            if rejected is not None:
                rejected.write(_rejected_line(rec, decision.to_dict(explain=args.explain)))
    finally:
        out.flush()
        if rejected is not None:
            rejected.close()
        if progress is not None:
            progress.clear()
    n_dropped = sum(dropped.values())
    detail = ", ".join(f"{n} {label}" for label, n in sorted(dropped.items()))
    print(
        f"spundetect filter: kept {tally['kept']} of {tally['kept'] + n_dropped} record(s); "
        f"dropped {n_dropped}"
        + (f" ({detail})" if detail else "")
        + (f"; {tally['unreadable']} unreadable line(s)" if tally["unreadable"] else ""),
        file=sys.stderr,
    )
    return EXIT_FAILED if reporter.failures else EXIT_OK


def _follows(index: SourceIndex, rec: Record, add: bool, reporter: Reporter) -> SourceMatch | None:
    """The :class:`SourceMatch` of a record the detector keeps, against the sources and the
    records kept before it; with ``add``, the record joins the index when it follows none."""
    from ..errors import InputError

    add_as = _index_key(index, rec, reporter) if add else None
    try:
        return index.match(rec.text or "", add_as=add_as, add_derived=False)
    except InputError:
        return None  # not text the detector judged either: kept as it decided
