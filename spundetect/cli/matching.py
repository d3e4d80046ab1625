"""``spundetect compare`` and ``spundetect match``: whether a suspect text follows a source,
one source at a time or among many."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..io import ANY_READABLE, Record, read_document, read_records, sniff_stdin
from .exits import EXIT_FAILED, EXIT_MATCHED, EXIT_OK, _UsageError
from .output import Reporter, _setup_stdout, say_sniffed, shown

if TYPE_CHECKING:
    from ..sources import SourceIndex


def _one_document(path: str, encoding: str | None = None) -> Record:
    """A text or HTML file (or ``-``) read whole, for commands that take single documents."""
    from ..io import archive_kind, format_for

    fmt = "text" if path == "-" else format_for(path)
    if fmt in ("jsonl", "csv", "parquet", "warc"):
        what = {"jsonl": "JSON Lines", "csv": "CSV", "parquet": "Parquet", "warc": "WARC"}[fmt]
        raise _UsageError(f"{path}: give one document (a text or HTML file), not a {what} file")
    if path != "-" and (kind := archive_kind(path)) is not None:
        raise _UsageError(
            f"{path}: give one document (a text or HTML file), not a {kind} archive "
            "(match --sources reads the documents in one)"
        )
    return read_document(path, fmt, encoding=encoding)


def cmd_compare(args: argparse.Namespace) -> int:
    """``spundetect compare``: what the suspect changed from the source."""
    if args.source == "-" and args.suspect == "-":
        raise _UsageError("only one of SOURCE and SUSPECT can be - (stdin)")
    if args.with_text and args.format != "json":
        raise _UsageError("--with-text adds the texts to --format json")
    from ..comparison import compare

    texts = []
    for path in (args.source, args.suspect):
        rec = _one_document(path, args.encoding)
        if rec.error is not None:
            print(f"{rec.where}: {rec.error}", file=sys.stderr)
            return EXIT_FAILED
        texts.append(rec.text or "")
    result = compare(*texts)
    _setup_stdout()
    if args.format == "json":
        out = result.to_dict()
        if args.with_text:  # what the spans count in (an HTML file's text as read)
            out["source_text"], out["suspect_text"] = texts
        json.dump(out, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.format == "html":
        from ..report import comparison_page

        names = (
            "stdin" if args.source == "-" else args.source,
            "stdin" if args.suspect == "-" else args.suspect,
        )
        sys.stdout.write(comparison_page(texts[0], texts[1], result, names))
    else:
        print(result.explain(args.max_edits))
    return EXIT_OK


def _index_key(index: SourceIndex, rec: Record) -> str:
    """The id ``rec`` would join ``index`` under (:meth:`SourceIndex.free_id`)."""
    return index.free_id(rec.id or rec.where, rec.where)


def _say_renamed(index: SourceIndex, rec: Record, key: str | None, reporter: Reporter) -> None:
    """Say that ``rec`` joined ``index`` under ``key`` when its own id was taken: once it has
    joined (a record dropped as a copy never does, and was said to be added)."""
    if key is not None and key != (rec.id or rec.where) and key in index:
        reporter.note(f"{rec.where}: id {rec.id!r} is taken in the index: added as {key!r}")


def _index_sources(
    index: SourceIndex,
    records: Iterable[Record],
    reporter: Reporter,
    command: str,
    *,
    strict: bool,
    keys: dict[str, str] | None = None,
) -> bool:
    """Add each readable source record to ``index`` (a :class:`SourceIndex`), reporting the
    others; False when the run must stop (``strict`` and a bad source, or sources given and
    none read). ``records`` is ``()`` when no sources were given. ``keys`` receives the id
    each source joined under, by where it was read (``file``, ``file:line``)."""
    from ..errors import InputError

    given = records != ()  # sources were named: an empty file or folder of them is no source
    for rec in records:
        if not rec.ok:
            reporter.bad(rec.where, f"source not read: {rec.error}")
        elif not (rec.text or "").strip():
            reporter.bad(rec.where, "source not read: empty text")
        else:
            try:
                key = _index_key(index, rec)
                index.add(key, rec.text or "")
                _say_renamed(index, rec, key, reporter)
                if keys is not None:
                    keys[rec.where] = key
            except (InputError, ValueError) as exc:
                reporter.bad(rec.where, f"source not read: {exc}")
        if reporter.failures and strict:
            return False
    if given and not len(index):
        print(f"spundetect {command}: error: no source could be read", file=sys.stderr)
        return False
    return True


def cmd_match(args: argparse.Namespace) -> int:
    """``spundetect match``: the source each suspect follows, among many."""
    from ..errors import InputError
    from ..sources import SourceIndex

    suspects = args.paths or ["-"]
    if not args.sources and not args.within:
        raise _UsageError("give --sources, --within or both")
    _check_window(args)
    if "-" in args.sources and "-" in suspects:
        raise _UsageError("stdin can hold the sources or the suspects, not both")
    reporter = Reporter()
    index = SourceIndex(top=args.top, window=args.within_window)
    fields = {
        "input_format": args.input_format,
        "text_field": args.text_field,
        "id_field": args.id_field,
        "html_field": args.html_field,
        "encoding": args.encoding,
        "on_sniffed": say_sniffed(args.text_field),
    }
    stdin_format = "text"
    if args.input_format is None and "-" in [*args.sources, *suspects]:
        stdin_format = sniff_stdin(args.text_field, encoding=args.encoding) or "text"
    keys: dict[str, str] = {}  # a source's id by where it was read: a suspect is not its own
    # the sources are each read as what they are, as filter --sources reads them:
    # --input-format is the suspects' (text sources and JSONL suspects in a file named
    # otherwise could not be given together: the sources were every line "malformed JSON")
    source_fields = {**fields, "input_format": None, "walk": ANY_READABLE}
    if not _index_sources(
        index,
        # (sources on stdin: as told, when told; else what they look like)
        read_records(args.sources, stdin_format=args.input_format or stdin_format, **source_fields)
        if args.sources
        else (),
        reporter,
        "match",
        strict=args.strict,
        keys=keys,
    ):
        return EXIT_FAILED
    held = len(index)  # the sources read, before any suspect joins them (--within)
    fmt = args.format or ("text" if sys.stdout.isatty() else "jsonl")
    _setup_stdout()
    derived = n = 0
    for rec in read_records(suspects, stdin_format=stdin_format, **fields):
        if not rec.ok or not (rec.text or "").strip():
            reporter.bad(rec.where, rec.error or "empty text")
            if args.strict:
                return EXIT_FAILED
            continue
        add_as = _index_key(index, rec) if args.within else None
        try:
            m = index.match(rec.text or "", add_as=add_as, exclude=keys.get(rec.where))
        except InputError as exc:
            reporter.bad(rec.where, str(exc))
            continue
        _say_renamed(index, rec, add_as, reporter)
        n += 1
        derived += m.derived
        if args.derived_only and not m.derived:
            continue
        if fmt == "jsonl":  # where: two suspects of one id told apart (a crawl repeats ids)
            out = {"id": rec.id, "where": rec.where, **m.to_dict(edits=args.edits)}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        else:  # with --within, the name it joined the index under: the one later lines use
            head = f"{m.verdict} from {m.source_id}" if m.derived else m.verdict
            also = "".join(f"; also {c.verdict} from {i}" for i, c in m.also)
            print(shown(f"{add_as or rec.id}: {head}: {m.message}{also}", one_line=True))
        # each answer as it comes (a pipe's buffer held them: a live stream's answers waited
        # for kilobytes more of them; a flush costs microseconds, a match milliseconds)
        sys.stdout.flush()
    if reporter.failures:
        against = f"{held} source(s)" if args.sources else ""
        if args.within:  # what the suspects were matched against besides: each other
            against += (" and " if against else "") + "the suspects before each"
            if args.within_window is not None:
                against += f" (the latest {args.within_window:,} held)"
        print(
            f"spundetect: {reporter.failures} input(s) could not be read or were empty; "
            f"{n} suspect(s) matched against {against}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if args.fail_on_derived and derived:
        print(f"spundetect: {derived} of {n} suspect(s) follow a source", file=sys.stderr)
        return EXIT_MATCHED
    return EXIT_OK


def _check_window(args: argparse.Namespace) -> None:
    """``--within-window`` bounds what ``--within`` adds: without it, a usage error."""
    if args.within_window is not None and not args.within:
        raise _UsageError("--within-window bounds what --within holds: give --within too")
