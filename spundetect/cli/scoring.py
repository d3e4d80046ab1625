"""``spundetect score`` and ``spundetect filter``: the model over a stream of documents;
and what they share with ``evaluate`` and ``features``: the model loaded, the worker count,
the records scored in input order."""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import io
import itertools
import json
import os
import secrets
import select
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from ..errors import SpundetectError
from ..io import (
    ANY_READABLE,
    READABLE_SUFFIXES,
    HeaderFn,
    Record,
    _inner_suffix,
    csv_header,
    folder_format,
    input_size,
    iter_paths,
    read_records,
    sniff_file,
    sniff_stdin,
    walked_suffixes,
)
from ..parquet import PARQUET_SUFFIXES, ParquetError, ParquetSink, schema_of
from ..result import Result
from ..warc import WARC_SUFFIXES
from .exits import EXIT_FAILED, EXIT_MATCHED, EXIT_OK, EXIT_USAGE, _Terminated, _UsageError
from .guards import input_files, read_paths, same_file, stdout_file
from .matching import _check_window, _index_key, _index_sources, _say_renamed
from .output import (
    _WRITERS,
    AS_ONE_TEXT,
    GuardedStream,
    OutputError,
    Progress,
    Reporter,
    _setup_stdout,
    say_sniffed,
    shown,
    sniffed_note,
)
from .passthrough import CsvRows, JsonlRows, Passthrough, _verdict_key

if TYPE_CHECKING:
    from ..detector import Detector

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


def _flushed_when_waiting(
    items: Iterator[Any], ready: Callable[[], bool] | None, out: IO[bytes]
) -> Iterator[Any]:
    """``items``; after each is handled, what was written is flushed when the input is about
    to be waited for (``filter`` flushed only at the end: a live stream's kept records sat
    in the buffer)."""
    for item in items:
        yield item
        if ready is not None and not ready():
            with contextlib.suppress(OSError, ValueError):
                out.flush()


def _input_ready(paths: list[str]) -> Callable[[], bool] | None:
    """For stdin alone, when it is a pipe or a terminal (a live stream): whether it has bytes
    to read now, so that what was read is scored and written before waiting for more
    (results were held until 64 more documents came, or the input ended). ``None`` for
    files, which never wait."""
    if paths != ["-"] or sys.stdin is None:
        return None
    try:
        fd = sys.stdin.fileno()
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        select.select([fd], [], [], 0)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None
    return lambda: bool(select.select([fd], [], [], 0)[0])


def _auto_jobs(
    records: Iterator[Record], requested: int | None, ready: Callable[[], bool] | None = None
) -> tuple[int, Iterator[Record]]:
    """Worker count: as requested (at most one a core), else all cores when there are more
    than a few documents.

    Peeks at most ``FEW_DOCS + 1`` records (then chains them back) so streaming is kept; on a
    live stream (``ready``), only those that have come.
    """
    if requested is not None:
        cores = _cpu_count()
        if requested > cores:  # more processes than cores only cost memory and start-up
            print(
                f"spundetect: note: --jobs {requested} lowered to {cores}, "
                "the number of cores this process may use",
                file=sys.stderr,
            )
            requested = cores
        return requested, records
    head: list[Record] = []
    for rec in records:
        head.append(rec)
        if len(head) > FEW_DOCS or (ready is not None and not ready()):
            break
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
    input_ready: Callable[[], bool] | None = None,
) -> Iterator[tuple[Record, Result]]:
    """Score the good records in input order; bad ones are reported (``strict``: stop there)
    and handed to ``on_bad`` in their place among the results (``--rejected`` is written in
    input order, the same whatever ``jobs``).

    Only the records in flight are held (``score_many`` bounds them), so memory
    stays flat however long the input is; their raw lines only with ``keep_raw``, their
    texts only with ``keep_text``.
    """
    pending: collections.deque[Record] = collections.deque()

    def texts() -> Iterator[str]:
        for rec in records:
            if rec.error is not None:
                reporter.bad(rec.where, rec.error)  # said when read, as stderr always was
                if on_bad is not None:
                    # a stand-in text keeps its place in the stream: handed to on_bad when
                    # its (unused) result comes, after the results of the records before it
                    pending.append(rec)
                    yield ""
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
    results = det.score_many(
        texts(), n_jobs=jobs, explain=explain, batch_size=batch, input_ready=input_ready
    )
    if jobs > 1:
        # Worker processes fork on the first batch; with SIGINT blocked until then they
        # inherit the block, so Ctrl-C interrupts only this process (no worker tracebacks).
        # A Ctrl-C pressed meanwhile stays pending and is delivered on unblocking.
        masking = hasattr(signal, "pthread_sigmask")
        if masking:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            first = next(results, None)
        except OSError as exc:  # fork or a pipe refused: too many processes or open files
            raise SpundetectError(
                f"cannot start {jobs} worker processes ({exc.strerror or exc}); "
                "try a smaller --jobs"
            ) from exc
        finally:
            if masking:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        if first is None:
            return
        results = itertools.chain([first], results)
    for res in results:
        rec = pending.popleft()
        if rec.error is not None:  # a bad record's stand-in
            assert on_bad is not None
            on_bad(rec)
            continue
        if rec.note is not None:  # the reader kept only a prefix: say so before anything else
            res = dataclasses.replace(res, message="; ".join(filter(None, (rec.note, res.message))))
        yield rec, res


def _open_input(
    args: argparse.Namespace,
    input_format: str | None,
    on_header: HeaderFn | None = None,
    sniffed: str | None = None,
) -> tuple[Progress | None, Reporter, int, Iterator[Record], Callable[[], bool] | None]:
    """The records of ``args.paths`` (stdin by default), read lazily, with the progress line,
    the reporter of bad inputs and the worker count that ``score`` and ``filter`` share
    (``on_header``: see :func:`read_records`; ``sniffed``: what stdin was found to be, when
    the caller looked already)."""
    paths = args.paths or ["-"]
    if paths.count("-") > 1:
        raise _UsageError("stdin ('-') is given more than once; it can be read only once")
    if "-" in paths and sys.stdin is not None and sys.stdin.isatty():
        what = "JSONL " if input_format == "jsonl" else ""
        end = "Ctrl-Z, Enter" if sys.platform == "win32" else "Ctrl-D"
        print(f"spundetect: reading {what}from stdin (end with {end})", file=sys.stderr)
    stdin_format = "text"
    if sniffed is None and input_format is None and "-" in paths:
        sniffed = sniff_stdin(args.text_field, encoding=args.encoding)
    if sniffed in ("csv", "tsv", "jsonl") or (sniffed == "warc" and input_format is None):
        stdin_format = sniffed
        other = AS_ONE_TEXT
        if sniffed in ("csv", "tsv") and args.command == "filter":
            other = "--input-format jsonl reads it as JSON Lines"
        print(sniffed_note("stdin", sniffed, args.text_field, other), file=sys.stderr)
    progress = Progress(sys.stderr, input_size(paths)) if sys.stderr.isatty() else None
    records = read_records(
        paths,
        input_format=input_format,
        text_field=args.text_field,
        id_field=args.id_field,
        progress=progress.add_bytes if progress else None,
        stdin_format=stdin_format,
        html_field=args.html_field,
        on_header=on_header,
        encoding=args.encoding,
        on_sniffed=say_sniffed(args.text_field),
    )
    ready = _input_ready(paths)
    jobs, records = _auto_jobs(records, args.jobs, ready)
    return progress, Reporter(progress), jobs, records, ready


def _note_point_used(asked: float, det: Detector) -> None:
    """Say which recorded operating point stands in for a rate the model did not record."""
    if det.max_fpr is not None and abs(det.max_fpr - asked) > 1e-12:
        print(
            f"spundetect: note: --max-fpr {asked:g}: the model records no point there; using "
            f"its {det.max_fpr:g} point (P(original) below {det.threshold:.3f} is flagged)",
            file=sys.stderr,
        )


# ---------------------------------------------------------------- commands
def cmd_score(args: argparse.Namespace) -> int:
    """``spundetect score``: stream one result per document."""
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if args.with_text and not _WRITERS[fmt].CARRIES_TEXT:
        print(
            f"spundetect score: error: --with-text adds the text to json, jsonl or csv records, "
            f"not to the {fmt} format (the html page shows each text already)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    det = _load_model(args)
    if args.max_fpr is not None:
        try:
            det = det.with_max_fpr(args.max_fpr)
        except ValueError as exc:
            print(f"spundetect score: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        _note_point_used(args.max_fpr, det)
    elif args.threshold is not None:
        det = det.with_threshold(args.threshold)
    explain = args.explain or fmt == "html"  # the page is there to show the evidence
    progress, reporter, jobs, records, ready = _open_input(args, args.input_format)
    _setup_stdout()
    writer = _WRITERS[fmt](sys.stdout, explain, args.with_text)
    stdout_tty = sys.stdout.isatty()
    matched = 0
    n = 0
    last_flush = time.monotonic()
    scored = _scored(
        det,
        records,
        reporter,
        jobs=jobs,
        explain=explain,
        strict=args.strict,
        keep_text=fmt == "html" or args.with_text,
        input_ready=ready,
    )
    try:
        for rec, res in scored:
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
            # results appear as they finish, not a flush a line; and before the input is
            # waited for, so a live stream's results are not held in the buffer
            if now - last_flush > 0.25 or (ready is not None and not ready()):
                sys.stdout.flush()
                last_flush = now
    except (KeyboardInterrupt, _Terminated):  # Ctrl-C; SIGTERM or SIGHUP
        # what was written stays one whole document: the JSON array or the page is closed
        with contextlib.suppress(Exception):
            writer.close()
        raise
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


def _check_outputs(args: argparse.Namespace, rejected: os.stat_result | None) -> None:
    """Refuse, before anything is written, a ``--rejected`` file (``rejected``: its status,
    when it exists) that is one of the inputs, found by name, through a folder, a link or a
    hard link (it would be emptied, or read back as it grows, without end), or that is stdout
    (one output would overwrite the other). Stdout among the inputs is refused for every
    command (:mod:`.guards`)."""
    if rejected is None:
        return
    stdout = stdout_file()
    if stdout is not None and same_file(rejected, stdout):
        raise _UsageError(f"--rejected {args.rejected} is also stdout, which gets the kept records")
    for path, st in input_files(read_paths(args)):
        if same_file(st, rejected):
            same = "" if path == args.rejected else f" ({path})"
            raise _UsageError(f"--rejected {args.rejected} is also an input file{same}")


class _RejectedFile:
    """Where ``--rejected`` goes: a hidden file beside the one named (``.NAME.*.tmp``: no
    folder walk reads it), moved into place when the run ends, however it ends. So the file
    named is never read back while it grows, and an earlier one is kept until then. A device
    or a pipe (``/dev/null``, ``/dev/stderr``) is written to directly."""

    def __init__(self, name: str) -> None:
        self.name = name  # as given, for messages
        self.failed = False
        self.target: str | None = None  # moved here at the end; None: written directly
        self.temporary: str | None = None
        target = os.path.realpath(name)
        try:
            st: os.stat_result | None = os.stat(target)
        except OSError:
            st = None
        # a device, a pipe, or a file reached through a descriptor (/dev/stderr redirected
        # to a file): renaming would not write to it
        by_descriptor = name in ("/dev/stdout", "/dev/stderr") or name.startswith(
            ("/dev/fd/", "/proc/")
        )
        direct = by_descriptor or (st is not None and not stat.S_ISREG(st.st_mode))
        f: IO[bytes]
        if direct:
            f = self._open(name)
        else:
            base = os.path.basename(target)[:200]
            temporary = os.path.join(
                os.path.dirname(target), f".{base}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
            )
            try:
                # (O_BINARY: on Windows a descriptor is text mode, every "\n" written "\r\n")
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
                fd = os.open(temporary, flags, 0o666)
            except OSError:  # a folder we may not write in: the file itself, if it may be
                f = self._open(name)
            else:
                if st is not None:  # as the file it replaces (not on Windows: no fchmod)
                    with contextlib.suppress(OSError, AttributeError):
                        os.fchmod(fd, stat.S_IMODE(st.st_mode))
                    with contextlib.suppress(OSError, AttributeError):
                        os.fchown(fd, st.st_uid, st.st_gid)
                f = open(fd, "wb")  # noqa: SIM115 (closed by finish)
                self.target, self.temporary = target, temporary
        self._file = GuardedStream(f, f"--rejected {name}")

    def _open(self, name: str) -> IO[bytes]:
        try:
            return open(name, "wb")
        except OSError as exc:
            raise _UsageError(f"cannot write {name}: {exc.strerror or exc}") from None

    def write(self, data: bytes) -> None:
        try:
            self._file.write(data)
        except OutputError:
            self.failed = True
            raise

    def finish(self) -> None:
        """Close, and move what was written into place; when writing failed, drop the
        temporary file instead (the file named is left as it was)."""
        try:
            self._file.close()
        except OutputError:
            self.failed = True
            raise
        finally:
            if self.temporary is not None and self.target is not None:
                if self.failed:
                    with contextlib.suppress(OSError):
                        os.unlink(self.temporary)
                else:
                    try:
                        os.replace(self.temporary, self.target)
                    except OSError as exc:
                        where = f"--rejected {self.name} (it is in {self.temporary})"
                        raise OutputError(where, exc) from exc


def _rejected_target(name: str) -> os.stat_result | None:
    """Check ``--rejected NAME`` (a usage error when it cannot be the file asked for); the
    status of the file it names, when there is one."""
    if not name:
        raise _UsageError('--rejected "": an empty file name (an unset shell variable?)')
    if name == "-":
        raise _UsageError("--rejected -: stdout gets the kept records; name a file")
    try:
        st = os.stat(name)
    except OSError:
        folder = os.path.dirname(os.path.realpath(name))
        if not os.path.isdir(folder):
            raise _UsageError(f"cannot write {name}: no folder {folder}") from None
        return None
    if stat.S_ISDIR(st.st_mode):
        raise _UsageError(f"--rejected {name} is a directory")
    if not os.access(name, os.W_OK):  # it is replaced, not written to: ask as writing would
        raise _UsageError(f"cannot write {name}: Permission denied")
    return st


_CSV_SUFFIXES = (".csv", ".tsv")
_FORMAT_NAMES = {"jsonl": "JSON Lines", "csv": "CSV", "tsv": "TSV", "parquet": "Parquet"}


def _named_format(path: str, args: argparse.Namespace) -> str:
    """What ``filter`` reads ``path`` as, by its name (stdin: JSON Lines). A file whose name
    says no format (a shard's "part-00000") is what its start says, as stdin is, and stderr
    says so: read as JSON Lines, such a CSV was every line "malformed JSON". A folder is
    what its first file of records is (:func:`spundetect.io.folder_format`): a job's CSV
    shards were read as JSON Lines, a folder of CSV files was "no .jsonl files"."""
    if path != "-" and os.path.isdir(path):
        kind = folder_format(path, args.text_field, encoding=args.encoding)
        if kind in ("csv", "tsv", "parquet"):
            print(
                f"spundetect filter: note: {shown(path)} holds {_FORMAT_NAMES[kind]} records: "
                "reading its files as such (--input-format tells another)",
                file=sys.stderr,
            )
            return kind
        return "jsonl"
    suffix = "" if path == "-" else _inner_suffix(path)
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if suffix in _CSV_SUFFIXES:
        return "csv"
    if path != "-" and suffix not in READABLE_SUFFIXES:
        kind = sniff_file(path, args.text_field, encoding=args.encoding)
        if kind == "warc":
            raise _not_warc(f"{path} is a WARC file", " FILE")
        if kind in ("csv", "tsv"):
            other = "--input-format jsonl reads it as JSON Lines"
            print(sniffed_note(path, kind, args.text_field, other), file=sys.stderr)
            return kind
        if kind == "text":
            print(_not_records_note(path, args.text_field), file=sys.stderr)
    return "jsonl"


def _not_records_note(what: str, text_field: str) -> str:
    """What stderr says of stdin or of a file whose name says no format when its start is
    like no records ``filter`` reads: read as JSON Lines, its every line is "malformed JSON"
    and this says why."""
    return (
        f"spundetect filter: note: {shown(what)} does not start like JSON Lines (one object a "
        f'line), nor like CSV with a "{text_field}" column; for CSV or TSV give '
        "--input-format csv or tsv (and --text-field)"
    )


def _filter_format(args: argparse.Namespace) -> str:
    """What ``filter`` reads and writes: the format told, else what every file named is
    (``parquet``, ``csv``, or ``jsonl``, which stdin is)."""
    if args.input_format is not None:
        return str(args.input_format)
    kinds = sorted({_named_format(p, args) for p in args.paths})
    if len(kinds) > 1:
        names = " and ".join(_FORMAT_NAMES[k] for k in kinds)
        raise _UsageError(
            f"filter writes what it reads: give it one format, not {names} (run it once for each)"
        )
    return kinds[0] if kinds else "jsonl"


def _not_warc(what: str, operand: str) -> _UsageError:
    return _UsageError(
        f"{what}: filter passes JSON Lines, CSV or Parquet records through, not WARC; score "
        f"its pages with `spundetect score --format jsonl{operand}` (each one's id is its URL)"
    )


def _stdin_format(args: argparse.Namespace, *, alone: bool = True) -> str:
    """What ``filter`` reads stdin as, not told: ``csv`` or ``tsv`` when it starts with such
    a header naming the text column (:func:`_open_input` says so), else ``jsonl``. A CSV
    piped in was every line "malformed JSON" and no word of why: stdin that starts like
    neither gets a note, and a WARC is refused, as a named one is."""
    if sys.stdin is None or sys.stdin.isatty():
        return "jsonl"
    # loses nothing: what it read is given again
    kind = sniff_stdin(args.text_field, encoding=args.encoding)
    if kind == "warc":
        raise _not_warc("stdin is a WARC file", "")
    if kind in ("csv", "tsv"):
        if not alone:
            raise _UsageError(
                f"stdin looks like {kind.upper()}, and the files named are JSON Lines: filter "
                "writes what it reads, one format (run it once for each)"
            )
        return kind
    buf = getattr(sys.stdin, "buffer", None)
    if kind is None and buf is not None and hasattr(buf, "peek") and buf.peek(1).strip():
        print(_not_records_note("stdin", args.text_field), file=sys.stderr)
    return "jsonl"


def _csv_rows(args: argparse.Namespace, *, tsv: bool = False) -> CsvRows | None:
    """How the kept CSV rows are written: the header every input shares (one output has one
    header), checked before anything is read or written; ``None`` when no input's header
    can be read (each input is then reported as it is read) or for stdin (its header is
    taken as it is read). ``tsv``: every input is TSV (``--input-format tsv``), else only
    those named ``.tsv``."""
    if not args.paths or args.paths == ["-"]:
        return None
    if "-" in args.paths:
        raise _UsageError(
            "filter writes one CSV header: give it CSV files or stdin, not both (run it once "
            "for each)"
        )
    first: tuple[str, tuple[str, ...], bool] | None = None
    rows = None
    for path, error in iter_paths(args.paths, walked_suffixes("tsv" if tsv else "csv")):
        if error is not None:
            continue
        is_tsv = tsv or _inner_suffix(path) == ".tsv"
        found = csv_header(path, tsv=is_tsv, encoding=args.encoding)
        if found is None:
            continue  # reported when it is read
        names, raw = found
        if first is None:
            if args.text_field not in names:
                raise _UsageError(
                    f'{path}: no "{args.text_field}" column (columns: '
                    f"{', '.join(names[:8]) or 'none'}); choose one with --text-field"
                )
            first = (path, names, is_tsv)
            rows = CsvRows(names, raw, tsv=is_tsv)
        elif is_tsv != first[2]:
            raise _UsageError(
                f"{path}: {'TSV' if is_tsv else 'CSV'}, and {first[0]} is "
                f"{'TSV' if first[2] else 'CSV'}; filter writes one file: filter them in "
                "separate runs"
            )
        elif names != first[1]:
            change = sorted(set(names) ^ set(first[1])) or ["the same columns in another order"]
            raise _UsageError(
                f"{path}: its header differs from {first[0]}'s ({', '.join(change[:6])}), and "
                "filter writes one header: filter them in separate runs"
            )
    return rows


def _parquet_schema(args: argparse.Namespace) -> Any:
    """The columns every Parquet input shares (one output file has one schema), checked before
    anything is read or written; ``None`` when no input can be opened (each is then reported
    as it is read)."""
    if not args.paths or "-" in args.paths:
        raise _UsageError("filter reads Parquet from files, not stdin: name the files")
    if sys.stdout.isatty():
        raise _UsageError(
            "filter writes the kept rows as Parquet: send stdout to a file (> kept.parquet)"
        )
    first: tuple[str, Any] | None = None
    for path, error in iter_paths(args.paths, PARQUET_SUFFIXES):
        if error is not None:
            continue
        try:
            schema = schema_of(path)
        except ParquetError:
            continue  # reported when it is read
        if first is None:
            first = (path, schema)
        elif not schema.equals(first[1], check_metadata=False):
            ours, theirs = set(schema.names), set(first[1].names)
            change = sorted(ours ^ theirs) or sorted(
                n for n in ours & theirs if schema.field(n).type != first[1].field(n).type
            )
            raise _UsageError(
                f"{path}: its columns differ from {first[0]}'s ({', '.join(change[:6])}), and "
                "filter writes one Parquet file: filter them in separate runs"
            )
    return None if first is None else first[1]


def _parquet_sink(
    schema: Any, out: IO[bytes], rejected: _RejectedFile | None, annotate: bool
) -> ParquetSink:
    key = _verdict_key(schema.names)
    try:
        return ParquetSink(schema, out, rejected, key, annotate)
    except (OutputError, OSError):  # writing the file's first bytes failed: said as such
        raise
    except Exception as exc:  # pyarrow cannot write such a schema (it read it, so rarely)
        raise SpundetectError(f"cannot write Parquet with these columns ({exc})") from None


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
    if args.max_fpr is not None:
        _note_point_used(args.max_fpr, det)
    # every check, and reading the sources, before --rejected is created
    target = None if args.rejected is None else _rejected_target(args.rejected)
    _check_window(args)
    if "-" in args.sources and (not args.paths or "-" in args.paths):
        raise _UsageError("stdin can hold the sources or the records, not both")
    for path in args.paths:
        if path != "-" and _inner_suffix(path) in WARC_SUFFIXES:
            raise _not_warc(path, " FILE")
    fmt = _filter_format(args)  # stdin, not told, is JSON Lines there: the files agree
    stdin_rows = None  # stdin found to be CSV or TSV: read as such
    if args.input_format is None and "-" in (args.paths or ["-"]):
        kind = _stdin_format(args, alone=len(args.paths) <= 1)
        if kind != "jsonl":
            fmt, stdin_rows = "csv", kind
    schema = _parquet_schema(args) if fmt == "parquet" else None
    output = None  # JSON Lines or CSV: each record written as read
    if fmt != "parquet":
        rows = _csv_rows(args, tsv=fmt == "tsv") if fmt in ("csv", "tsv") else JsonlRows()
        output = Passthrough(rows, sys.stdout.buffer, annotate=args.annotate)
    _check_outputs(args, target)
    if args.explain and args.rejected is None and not args.annotate:
        print(
            "spundetect filter: note: --explain adds the evidence to the --rejected records "
            "(and with --annotate to the kept ones); without either it does nothing",
            file=sys.stderr,
        )
    on_header = output.on_header if output is not None and fmt in ("csv", "tsv") else None
    read_as = None if stdin_rows else fmt
    progress, reporter, jobs, records, ready = _open_input(args, read_as, on_header, stdin_rows)
    index = None
    if args.within or args.sources:
        from ..sources import SourceIndex

        index = SourceIndex(window=args.within_window)
        # sources on stdin are what they look like (a plain text was read as JSONL); a
        # folder's files are each read as named (--input-format is the records')
        stdin_format = "text"
        if "-" in args.sources:
            stdin_format = sniff_stdin(args.text_field, encoding=args.encoding) or "text"
        sources = read_records(  # none with --within alone (read_records([]) reads stdin)
            args.sources,
            text_field=args.text_field,
            id_field=args.id_field,
            stdin_format=stdin_format,
            html_field=args.html_field,
            encoding=args.encoding,
            walk=ANY_READABLE,
        )
        if not _index_sources(
            index, sources if args.sources else (), reporter, "filter", strict=False
        ):
            return EXIT_FAILED
    out = sys.stdout.buffer
    rejected = None if args.rejected is None else _RejectedFile(args.rejected)
    sink = None  # Parquet in, Parquet out: the rows are written from their files
    if schema is not None:
        sink = _parquet_sink(schema, out, rejected, args.annotate)
    if output is not None:
        output.rejected = rejected
    dropped: collections.Counter[str] = collections.Counter()  # by label ("unjudged": none)
    tally = collections.Counter({"kept": 0, "unreadable": 0})

    def put_row(rec: Record, keep: bool, verdict: dict[str, Any] | None) -> None:
        assert sink is not None
        text = None if verdict is None else json.dumps(verdict)
        if rec.row is None:  # a whole file that could not be read: a row of nulls, said why
            if text is not None and not keep:
                sink.put_unreadable(text)
            return
        path = rec.where[: -len(f"[{rec.row}]")]
        try:
            lost = sink.put(path, rec.row, keep, text)
        except ParquetError as exc:  # rows out of order: not the input's fault
            raise SpundetectError(f"cannot write the rows of {exc}") from None
        if lost is not None:
            tally["unreadable"] += 1
            reporter.bad(path, lost)

    def unreadable(rec: Record) -> None:
        tally["unreadable"] += 1
        if sink is not None:
            verdict = {"status": "unreadable", "where": rec.where, "message": rec.error}
            put_row(rec, False, verdict)
        elif output is not None:
            output.unreadable(rec)

    def reject(rec: Record, verdict: dict[str, Any]) -> None:
        if sink is not None:
            put_row(rec, False, {**verdict, "where": rec.where})
        elif output is not None:
            output.drop(rec, {**verdict, "where": rec.where})

    finished = False
    scored = _scored(
        det,
        records,
        reporter,
        jobs=jobs,
        explain=args.explain and (rejected is not None or args.annotate),
        keep_raw=sink is None,
        keep_text=index is not None,
        on_bad=unreadable,
        input_ready=ready,
    )
    try:
        for rec, res in _flushed_when_waiting(scored, ready, out):
            if progress is not None:
                progress.tick()
            decision = filt.decide(res)
            if decision.keep and index is not None:
                add_as = _index_key(index, rec) if args.within and res.ok else None
                decision = filt.check_sources(decision, rec.text or "", index, add_as=add_as)
                _say_renamed(index, rec, add_as, reporter)
                if decision.source is not None:
                    dropped["derived"] += 1
                    reject(rec, decision.to_dict(explain=args.explain))
                    continue
            if decision.keep:
                tally["kept"] += 1
                verdict = None
                if args.annotate:
                    verdict = {**decision.to_dict(explain=args.explain), "where": rec.where}
                if sink is not None:
                    put_row(rec, True, verdict)
                elif output is not None:
                    output.keep(rec, verdict)
                continue
            dropped[res.label or "unjudged"] += 1
            reject(rec, decision.to_dict(explain=args.explain))
        if sink is not None:
            sink.close()
        if output is not None:
            output.finish()
        out.flush()
        finished = True
    finally:
        if not finished:  # interrupted or failed: what was kept so far still goes out whole
            with contextlib.suppress(Exception):
                if sink is not None:
                    sink.close()  # the footers: what was written so far can be read
            with contextlib.suppress(OSError, OutputError, ValueError):
                out.flush()
        if rejected is not None:
            rejected.finish()
        if progress is not None:
            progress.clear()
    n_dropped = sum(dropped.values())
    detail = ", ".join(f"{n} {label}" for label, n in sorted(dropped.items()))
    print(
        f"spundetect filter: kept {tally['kept']} of {tally['kept'] + n_dropped} record(s); "
        f"dropped {n_dropped}"
        + (f" ({detail})" if detail else "")
        + (
            f"; {tally['unreadable']} unreadable "
            + ("line(s)" if fmt == "jsonl" else "row(s) or part(s) of files")
            if tally["unreadable"]
            else ""
        ),
        file=sys.stderr,
    )
    return EXIT_FAILED if reporter.failures else EXIT_OK
