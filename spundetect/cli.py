"""The ``spundetect`` command: score, filter, train, evaluate, compare, match, features.

Designed for pipelines: results stream to stdout in input order as documents
finish, every diagnostic goes to stderr as ``file:line: reason``, and the exit
status says what happened (0 ok, 1 some input failed, 2 usage, 3 ``--fail-on``
matched). No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import dataclasses
import itertools
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .errors import SpundetectError
from .io import INPUT_FORMATS, Record, input_size, read_document, read_records, sniff_stdin
from .report import HtmlReport
from .result import LABELS, Result, unknown_label

if TYPE_CHECKING:
    from .detector import Detector
    from .sources import SourceIndex, SourceMatch

__all__ = ["EXIT_FAILED", "EXIT_MATCHED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_MATCHED = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

#: More documents than this and ``--jobs`` defaults to all cores (a process pool
#: costs more than it saves on a handful of texts).
FEW_DOCS = 32
#: The progress bar appears only for more documents than this.
HANDFUL = 5

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv", "html")

_EXIT_CODES = """\
exit status:
  0  every document was read and scored
  1  some input could not be read or was empty (reported on stderr as file:line: reason)
  2  usage error
  3  --fail-on matched (status 1 takes precedence: the run was incomplete)
"""

_MATCH_EXIT_CODES = """\
exit status:
  0  every source and suspect was read
  1  some input could not be read or was empty (reported on stderr as file:line: reason;
     the rest is still matched), or no source could be read
  2  usage error
  3  --fail-on-derived and a suspect follows a source (status 1 takes precedence)
"""

_FILTER_EXIT_CODES = """\
exit status:
  0  every record was read (kept or dropped)
  1  some lines could not be read or held an empty text (reported on stderr as
     file:line: reason; unreadable lines are written to --rejected when given)
  2  usage error
"""


# ---------------------------------------------------------------- argument parsing
class _Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error (exit 2) instead of the full usage block."""

    def error(self, message: str) -> Any:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {n}")
    return n


def _fraction(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if not 0.0 < x < 1.0:
        raise argparse.ArgumentTypeError(f"expected a fraction between 0 and 1, got {x}")
    return x


def _label_list(value: str) -> frozenset[str]:
    labels = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in labels if v not in LABELS]
    if unknown or not labels:
        what = "; ".join(map(unknown_label, unknown)) or f"no label in {value!r}"
        raise argparse.ArgumentTypeError(f"{what}; choose from {', '.join(LABELS)}")
    return frozenset(labels)


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        metavar="DIR",
        help="model directory (default: the model shipped with spundetect)",
    )
    p.add_argument(
        "--trust-model",
        action="store_true",
        help="allow a --model that needs pickle loading (runs its code: only for models you trust)",
    )


def _add_html_field(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--html-field",
        action="store_true",
        help="the text field holds HTML (raw pages, escaped feed items): read its visible "
        "text, markup stripped and entities such as &amp; decoded; spans then refer to it",
    )


def _add_input_args(p: argparse.ArgumentParser, *, ids: bool = True) -> None:
    p.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        help="how to read the input (default: from the file extension: .jsonl, .csv/.tsv, "
        ".html/.htm, anything else text; stdin is text unless it starts like JSON Lines): "
        "text = one document per file, html = text with markup reduced to visible text, "
        "jsonl/csv = one document per row",
    )
    p.add_argument(
        "--text-field", default="text", metavar="NAME", help="JSONL/CSV field holding the text"
    )
    _add_html_field(p)
    if ids:
        p.add_argument(
            "--id-field",
            default="id",
            metavar="NAME",
            help="JSONL/CSV field holding the document id (rows without it: path:line)",
        )
    p.add_argument(
        "--strict", action="store_true", help="stop at the first bad input instead of skipping it"
    )


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar (also what ``--help`` prints)."""
    parser = _Parser(
        prog="spundetect",
        description="Tell original (human-written) text from spun (article spinner / "
        "paraphraser) and machine-garbled (machine-translation noise) text.",
        epilog="Run 'spundetect COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"spundetect {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser(
        "score",
        help="label documents original / spun / machine_garbled",
        description="Label each document original, spun or machine_garbled. Reads files, "
        "directories (recursively: .txt, .md, .html) or stdin ('-', the default), and "
        "streams one result per document to stdout in input order.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("paths", nargs="*", metavar="PATH", help="file, directory or - (stdin)")
    _add_input_args(s)
    s.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        help="output format (default: table on a terminal, jsonl otherwise); JSONL records hold "
        "id, label (null unless status is ok), probabilities, status, message, n_words; html "
        "is a self-contained page showing each text with its evidence marked (implies --explain)",
    )
    s.add_argument(
        "--explain",
        action="store_true",
        help="add the reasons (evidence with character spans) and a per-sentence breakdown",
    )
    _add_model_args(s)
    s.add_argument(
        "--jobs",
        type=_positive_int,
        metavar="N",
        help=f"worker processes (default: all cores for more than {FEW_DOCS} documents, else 1)",
    )
    decision = s.add_mutually_exclusive_group()
    decision.add_argument(
        "--max-fpr",
        type=_fraction,
        metavar="RATE",
        help="label a document spun or machine_garbled only when P(original) is below the "
        "model's operating point for this false-positive rate on originals (chosen on "
        "validation data at training time; the card's operating_points, e.g. 0.01); "
        "default: the most probable label",
    )
    decision.add_argument(
        "--threshold",
        type=_fraction,
        metavar="P",
        help="label a document spun or machine_garbled only when P(original) is below P: "
        "an operating point chosen on your own labelled texts ('spundetect evaluate' "
        "prints them)",
    )
    s.add_argument(
        "--fail-on",
        type=_label_list,
        metavar="LABEL[,LABEL]",
        help="exit with status 3 when any document gets one of these labels (CI gates)",
    )

    fl = sub.add_parser(
        "filter",
        help="pass JSONL records through, dropping the spun and machine-garbled ones",
        description="Read JSONL records (files or stdin) and write the ones to keep to stdout "
        "byte for byte, in input order: what a data-cleaning pipeline runs. Records labelled "
        "with a --drop label are left out; --rejected writes them elsewhere with the verdict "
        "attached, together with the lines that could not be read, so nothing is lost.",
        epilog=_FILTER_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fl.add_argument("paths", nargs="*", metavar="PATH", help="JSONL file or - (stdin, the default)")
    fl.add_argument(
        "--text-field", default="text", metavar="NAME", help="JSON field holding the text"
    )
    _add_html_field(fl)
    fl.add_argument(
        "--id-field",
        default="id",
        metavar="NAME",
        help="JSON field holding the document id, for messages (rows without it: path:line)",
    )
    fl.add_argument(
        "--drop",
        type=_label_list,
        default=frozenset({"spun", "machine_garbled"}),
        metavar="LABEL[,LABEL]",
        help="labels to leave out (default: spun,machine_garbled)",
    )
    fl.add_argument(
        "--unjudged",
        choices=("keep", "drop"),
        default="keep",
        help="what to do with records the model does not judge (empty, too short, not "
        "English; default: keep)",
    )
    fl.add_argument(
        "--rejected",
        metavar="FILE",
        help='write the dropped records here as JSONL, each with a "spundetect" field '
        "(keep, reason, label, probabilities, status, message), and the unreadable lines "
        "with the reason",
    )
    fl.add_argument(
        "--explain",
        action="store_true",
        help="add the reasons (evidence with character spans) to the --rejected records",
    )
    fl_decision = fl.add_mutually_exclusive_group()
    fl_decision.add_argument(
        "--max-fpr",
        type=_fraction,
        metavar="RATE",
        help="drop a record as spun or machine_garbled only when P(original) is below the "
        "model's operating point for this false-positive rate on originals (e.g. 0.01: about "
        "one original in a hundred dropped); default: the most probable label",
    )
    fl_decision.add_argument(
        "--threshold",
        type=_fraction,
        metavar="P",
        help="drop a record as spun or machine_garbled only when P(original) is below P: "
        "an operating point chosen on your own labelled texts ('spundetect evaluate' "
        "prints them)",
    )
    fl.add_argument(
        "--within",
        action="store_true",
        help="also drop a record that follows an earlier kept one (copied or rewritten from "
        "it, as 'match --within' finds: the spun copies of one article in a crawl); the kept "
        "records are held in memory to match against",
    )
    fl.add_argument(
        "--sources",
        action="append",
        default=[],
        metavar="PATH",
        help="also drop a record that follows one of these texts (repeat for more; a file, a "
        "directory, JSONL or CSV with the same --text-field and --id-field): the wire stories "
        "or articles you already hold",
    )
    _add_model_args(fl)
    fl.add_argument(
        "--jobs",
        type=_positive_int,
        metavar="N",
        help=f"worker processes (default: all cores for more than {FEW_DOCS} documents, else 1)",
    )

    t = sub.add_parser(
        "train",
        help="train a model on your own labelled JSONL/CSV",
        description="Train a model from labelled JSONL/CSV rows (labels: "
        f"{', '.join(LABELS)}). A group-aware share is held out to calibrate the "
        "probabilities; its evaluation is printed. Writes the model directory with its card.",
    )
    t.add_argument(
        "data",
        nargs="+",
        metavar="DATA",
        help="JSONL or CSV file(s), or - (stdin, read as JSONL unless --input-format csv)",
    )
    t.add_argument("--out", required=True, metavar="DIR", help="model directory to write")
    _add_input_args(t, ids=False)
    t.add_argument("--label-field", default="label", metavar="NAME", help="field holding the label")
    t.add_argument(
        "--group-field",
        default="group",
        metavar="NAME",
        help="field grouping an original with its rewrites (kept on one side of the split)",
    )
    t.add_argument(
        "--generator-field",
        default="generator",
        metavar="NAME",
        help="field naming the spinner or MT system behind a rewrite (empty for originals); "
        "with 3 or more systems the model learns how far to trust its n-gram evidence on "
        "a system it has not seen",
    )
    t.add_argument(
        "--source-field",
        default="source",
        metavar="NAME",
        help="field naming where each text (or the original it was rewritten from) came from: "
        "a site, a publication, a corpus; with 2 or more sources the model learns how far to "
        "trust its n-gram evidence on writing from a source it has not seen",
    )
    t.add_argument(
        "--validation-fraction",
        type=_fraction,
        default=0.2,
        metavar="F",
        help="share held out for calibration and the printed evaluation (default 0.2)",
    )
    t.add_argument(
        "--reference",
        metavar="FILE",
        help="reference language model file the features query (default: the shipped one)",
    )
    t.add_argument("--random-state", type=int, default=0, metavar="N", help="seed (default 0)")
    t.add_argument("--jobs", type=_positive_int, default=1, metavar="N", help="feature workers")
    t.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    t.add_argument("--force", action="store_true", help="overwrite an existing model directory")

    e = sub.add_parser(
        "evaluate",
        help="per-class precision/recall/F1, confusion matrix and calibration error",
        description="Score labelled JSONL/CSV rows and compare with their labels. Documents "
        "that get no judgement (too short, not English) are counted and left out.",
    )
    e.add_argument(
        "data",
        nargs="+",
        metavar="DATA",
        help="JSONL or CSV file(s), or - (stdin, read as JSONL unless --input-format csv)",
    )
    _add_model_args(e)
    _add_input_args(e, ids=False)
    e.add_argument("--label-field", default="label", metavar="NAME", help="field holding the label")
    e.add_argument(
        "--generator-field",
        default="generator",
        metavar="NAME",
        help="field naming the system behind each rewrite: when present, the report adds the "
        "share of each system's texts given their true label",
    )
    e.add_argument("--jobs", type=_positive_int, metavar="N", help="worker processes")
    e.add_argument("--format", choices=("text", "json"), default="text", help="report format")

    c = sub.add_parser(
        "compare",
        help="what a suspect text changed from the source it may be spun from",
        description="Compare a suspect text with the source it may have been spun from: "
        "which of its sentences follow which source sentences, which words were replaced, "
        "added or dropped, and a verdict (copied, rewritten, partly_derived, unrelated). "
        "Exit status 0 whatever the verdict; 1 when a file cannot be read.",
    )
    c.add_argument("source", metavar="SOURCE", help="the original: a text or HTML file, or -")
    c.add_argument("suspect", metavar="SUSPECT", help="the suspected rewrite: a file, or -")
    c.add_argument(
        "--format",
        choices=("text", "json", "html"),
        default="text",
        help="output format; html is a self-contained page with the two texts side by side "
        "and every edit marked in both",
    )
    c.add_argument(
        "--max-edits",
        type=_positive_int,
        default=20,
        metavar="N",
        help="edits listed in the text format (json lists all; default 20)",
    )

    mt = sub.add_parser(
        "match",
        help="which of many source texts each suspect was derived from",
        description="Find, for each suspect, the source text it follows among many (the wire "
        "stories an aggregator holds, a folder of candidate sources): sources are ranked by the "
        "rare content words they share with the suspect and the best few are compared with it "
        "sentence by sentence, as 'compare' does. This finds fluent rewrites (language-model "
        "paraphrase) that read as original to 'score'. With --within, each suspect is also "
        "matched against the ones before it: the spun copies of one article in a crawl. "
        "Sources are held in memory.",
        epilog=_MATCH_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    mt.add_argument(
        "--sources",
        action="append",
        default=[],
        metavar="PATH",
        help="the source texts (repeat for more): a file, a directory (.txt, .md, .html), "
        "JSONL or CSV (one source per row, its id from --id-field), or - (stdin)",
    )
    mt.add_argument(
        "paths", nargs="*", metavar="SUSPECT", help="file, directory or - (stdin, the default)"
    )
    _add_input_args(mt)
    mt.add_argument(
        "--format",
        choices=("text", "jsonl"),
        help="output format (default: text on a terminal, jsonl otherwise); JSONL records hold "
        "id, source_id (null when none), verdict, message, changed_share, candidates",
    )
    mt.add_argument(
        "--edits", action="store_true", help="jsonl: add the whole comparison (pairs and edits)"
    )
    mt.add_argument(
        "--derived-only",
        action="store_true",
        help="write only the suspects that follow a source (copied, rewritten, partly_derived)",
    )
    mt.add_argument(
        "--within",
        action="store_true",
        help="also match each suspect against the suspects before it (the spun copies of one "
        "article in a crawl; needs no --sources): each is added to the index once matched",
    )
    mt.add_argument(
        "--top",
        type=_positive_int,
        default=3,
        metavar="N",
        help="candidate sources compared with each suspect (default 3)",
    )
    mt.add_argument(
        "--fail-on-derived",
        action="store_true",
        help="exit with status 3 when any suspect follows a source",
    )

    f = sub.add_parser(
        "features",
        help="print the named feature values of one text",
        description="Print the named feature values of one text (for research and debugging). "
        "The argument is a file path, - for stdin, or the text itself.",
    )
    f.add_argument("text", nargs="?", metavar="TEXT-or-PATH", help="a file, - (stdin) or the text")
    f.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    f.add_argument("--list", action="store_true", help="list the feature families and exit")
    _add_model_args(f)

    k = sub.add_parser(
        "card",
        help="print the model card: what the model is for, its training data and figures",
        description="Print the model card of the shipped model or of --model DIR: intended use "
        "and limits, training data, evaluation, operating points and files, as Markdown "
        "(also written as MODEL_CARD.md beside card.json), or the card itself as JSON.",
    )
    k.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="output format"
    )
    k.add_argument(
        "--model",
        metavar="DIR",
        help="model directory (default: the model shipped with spundetect)",
    )
    return parser


# ---------------------------------------------------------------- progress and messages
class Progress:
    """A hand-drawn progress line on stderr (only used when stderr is a terminal)."""

    def __init__(self, stream: TextIO, total_bytes: int | None) -> None:
        self.stream = stream
        self.total = total_bytes or None
        self.bytes = 0
        self.docs = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def add_bytes(self, n: int) -> None:
        self.bytes += n

    def tick(self) -> None:
        self.docs += 1
        now = time.monotonic()
        if self.docs > HANDFUL and now - self._last >= 0.1:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.docs / max(now - self.start, 1e-9)
        text = f"{self.docs:,} docs  {rate:,.1f} docs/s"
        if self.total:
            frac = min(self.bytes / self.total, 1.0)
            filled = int(frac * 24)
            text = f"[{'#' * filled}{'-' * (24 - filled)}] {frac:4.0%}  " + text
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


class Reporter:
    """Counts and prints bad inputs as ``where: reason`` (clearing the progress line first)."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress
        self.failures = 0

    def bad(self, where: str, reason: str) -> None:
        self.failures += 1
        self.note(f"{where}: {reason}")

    def note(self, message: str) -> None:
        if self.progress is not None:
            self.progress.clear()
        print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- output writers
class _Writer:
    """Streams result records to stdout in one format."""

    def __init__(self, out: TextIO, explain: bool) -> None:
        self.out = out
        self.explain = explain

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        """Write one record (``text`` and ``result`` are there for formats that show the text)."""
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class _JsonlWriter(_Writer):
    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")


class _JsonWriter(_Writer):
    """One JSON array, still written record by record."""

    def __init__(self, out: TextIO, explain: bool) -> None:
        super().__init__(out, explain)
        self.n = 0

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        self.out.write(("[\n" if self.n == 0 else ",\n") + json.dumps(rec, ensure_ascii=False))
        self.n += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.n == 0 else "\n]\n")
        super().close()


class _CsvWriter(_Writer):
    def __init__(self, out: TextIO, explain: bool) -> None:
        super().__init__(out, explain)
        self.w = csv.writer(out, lineterminator="\n")
        cols = ["id", "label", *LABELS, "status", "message", "n_words"]
        self.w.writerow([*cols, "reasons"] if explain else cols)

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        p = rec["probabilities"]
        row = [rec["id"], rec["label"] or "", *(p[k] for k in LABELS), rec["status"]]
        row += [rec.get("message", ""), rec.get("n_words", "")]
        if self.explain:
            row.append(" | ".join(r["message"] for r in rec.get("reasons", [])))
        self.w.writerow(row)


class _TableWriter(_Writer):
    """Fixed-width columns (streams: no need to see every row first)."""

    def __init__(self, out: TextIO, explain: bool) -> None:
        super().__init__(out, explain)
        out.write(f"{'label':<16} {'original':>8} {'spun':>6} {'garbled':>8}  {'status':<12} id\n")

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        p = rec["probabilities"]
        if rec["status"] == "ok":
            probs = f"{p['original']:8.2f} {p['spun']:6.2f} {p['machine_garbled']:8.2f}"
        else:
            probs = f"{'-':>8} {'-':>6} {'-':>8}"
        label = rec["label"] or "-"
        self.out.write(f"{label:<16} {probs}  {rec['status']:<12} {rec['id']}\n")
        if rec.get("message"):
            self.out.write(f"{'':17}{rec['message']}\n")
        if self.explain:
            for r in rec.get("reasons", []):
                quoted = " ".join(r.get("excerpt", "").split())
                # most messages open with the excerpt already ("'U. S.': ..."): say it once
                shown = " ".join(r["message"].split())
                excerpt = f"  «{quoted}»" if quoted and quoted not in shown else ""
                self.out.write(f"{'':17}- {r['message']}{excerpt}\n")


class _HtmlWriter(_Writer):
    """A self-contained report page, each text shown with its evidence marked
    (:mod:`spundetect.report`)."""

    def __init__(self, out: TextIO, explain: bool) -> None:
        super().__init__(out, explain)
        self.report = HtmlReport(out)

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        if result is None:
            raise ValueError("the HTML report shows each text with its result: pass both")
        self.report.add(text, result, rec["id"])

    def close(self) -> None:
        self.report.close()


_WRITERS: dict[str, type[_Writer]] = {
    "jsonl": _JsonlWriter,
    "json": _JsonWriter,
    "csv": _CsvWriter,
    "table": _TableWriter,
    "html": _HtmlWriter,
}


# ---------------------------------------------------------------- helpers
def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _load_model(args: argparse.Namespace) -> Detector:
    from .detector import Detector

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


def _setup_stdout() -> None:
    # Machine formats are UTF-8 whatever the locale says; never die on an unencodable id.
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]


def _open_input(
    args: argparse.Namespace, input_format: str | None
) -> tuple[Progress | None, Reporter, int, Iterator[Record]]:
    """The records of ``args.paths`` (stdin by default), read lazily, with the progress line,
    the reporter of bad inputs and the worker count that ``score`` and ``filter`` share."""
    paths = args.paths or ["-"]
    if "-" in paths and sys.stdin.isatty():
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
        if progress is not None:
            if stdout_tty:
                progress.clear()
            progress.tick()
        writer.write({"id": rec.id, **res.to_dict(explain=explain)}, rec.text or "", res)
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
    raw = (rec.raw or b"").decode("utf-8", "replace")
    verdict = {"status": "unreadable", "where": rec.where, "message": rec.error}
    return json.dumps({"spundetect": verdict, "line": raw}, ensure_ascii=False).encode() + b"\n"


def cmd_filter(args: argparse.Namespace) -> int:
    """``spundetect filter``: pass the records to keep through unchanged."""
    from .filters import Filter

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
    progress, reporter, jobs, records = _open_input(args, "jsonl")
    index = None
    if args.within or args.sources:
        from .sources import SourceIndex

        index = SourceIndex()
        sources = read_records(
            args.sources,
            text_field=args.text_field,
            id_field=args.id_field,
            stdin_format="jsonl",
            html_field=args.html_field,
        )
        if not _index_sources(index, sources, reporter, "filter", strict=False):
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
    from .errors import InputError

    add_as = rec.id if add and rec.id not in index else None
    if add and add_as is None:
        reporter.note(f"{rec.where}: id {rec.id!r} seen before: not added to the index")
    try:
        return index.match(rec.text or "", add_as=add_as, add_derived=False)
    except InputError:
        return None  # not text the detector judged either: kept as it decided


def _read_labelled(
    args: argparse.Namespace,
    *,
    group_field: str | None,
    generator_field: str | None = None,
    source_field: str | None = None,
) -> Iterator[Record]:
    """Labelled JSONL/CSV rows (a row without its label comes back as an error record)."""
    return read_records(
        args.data,
        input_format=args.input_format,
        text_field=args.text_field,
        id_field=None,
        label_field=args.label_field,
        group_field=group_field,
        generator_field=generator_field,
        source_field=source_field,
        stdin_format="jsonl",
        html_field=args.html_field,
    )


def cmd_train(args: argparse.Namespace) -> int:
    """``spundetect train``: fit on the user's labelled rows, print the held-out evaluation."""
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise SpundetectError(f"--out {out}: exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not args.force:
        from .model import CARD_NAME

        if not (out / CARD_NAME).exists():
            raise SpundetectError(
                f"--out {out}: directory is not empty and holds no spundetect model; "
                "choose a new directory"
            )
        raise SpundetectError(f"--out {out}: a model is already there; pass --force to replace it")
    from .status import MAX_CHARS, judgeable
    from .text import tokenize

    reporter = Reporter()
    texts: list[str] = []
    labels: list[str] = []
    groups: list[str | None] = []
    generators: list[str | None] = []
    sources: list[str | None] = []
    unknown: list[tuple[str, str]] = []
    for rec in _read_labelled(
        args,
        group_field=args.group_field,
        generator_field=args.generator_field,
        source_field=args.source_field,
    ):
        if rec.error is not None:
            reporter.bad(rec.where, rec.error)
            if args.strict:
                return EXIT_FAILED
            continue
        assert rec.text is not None and rec.label is not None
        if rec.label not in LABELS:
            unknown.append((rec.where, rec.label))
            continue
        # a text the detector would not judge (empty, too short, not English) teaches it
        # nothing it will use: left out, and said so, as a bad row is
        status, message = judgeable(tokenize(rec.text[:MAX_CHARS]))
        if status != "ok":
            what = "empty document" if status == "empty" else f"{status}: {message}"
            reporter.bad(rec.where, f"{what} (left out of training)")
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
        for where, label in unknown[:50]:
            print(f"{where}: {unknown_label(label)}", file=sys.stderr)
        if len(unknown) > 50:
            print(f"... and {len(unknown) - 50} more", file=sys.stderr)
        print(
            f"spundetect: {len(unknown)} row(s) have unknown labels; labels must be one of "
            f"{', '.join(LABELS)} (choose the column with --label-field); nothing was trained",
            file=sys.stderr,
        )
        return EXIT_FAILED
    counts = collections.Counter(labels)
    if len(counts) < 2:
        raise SpundetectError(
            f"need documents of at least two labels to train; got {dict(counts) or 'none'}"
        )
    group_list: list[str] | None = None
    if any(g is not None for g in groups):
        # Rows without a group are their own group.
        group_list = [g if g is not None else f"\x00row{i}" for i, g in enumerate(groups)]
    else:
        reporter.note(
            f"spundetect: note: no {args.group_field!r} field; originals and their rewrites "
            "may land on both sides of the held-out split (optimistic evaluation)"
        )
    from .detector import train

    reference = None
    if args.reference:
        from . import lm

        try:
            reference = lm.load(Path(args.reference))
        except OSError as exc:
            raise SpundetectError(f"--reference {args.reference}: {exc.strerror or exc}") from exc
    try:
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
        )
    except ValueError as exc:
        raise SpundetectError(f"cannot train: {exc}") from exc
    det.save(out)
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
        from .metrics import format_operating_points, format_report

        print(f"held-out evaluation ({metrics.get('n', '?')} documents, group-aware split):")
        print(format_report(metrics))
        if det.card.get("operating_points"):
            print("\noperating points chosen on the held-out share")
            print(format_operating_points(det.card["operating_points"]))
    else:
        print("no held-out evaluation (too few documents or groups to hold any out)")
    print(
        f"spundetect: wrote {out} (trained on {len(texts)} documents: {summary}; "
        f"{det.card['training'].get('stacking')})",
        file=sys.stderr,
    )
    return EXIT_FAILED if reporter.failures else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """``spundetect evaluate``: score labelled rows and report the metrics."""
    import numpy as np

    from .metrics import evaluation_report, format_operating_points, format_report

    det = _load_model(args)
    reporter = Reporter()
    not_judged: collections.Counter[str] = collections.Counter()

    def known(records: Iterable[Record]) -> Iterator[Record]:
        for rec in records:
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
        generators.append(rec.generator or (rec.label if rec.label == "original" else ""))
        rows.append([res.probabilities[k] for k in LABELS])
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
    return EXIT_FAILED if reporter.failures else EXIT_OK


_PATH_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl", ".csv", ".json"})


def _one_document(path: str) -> Record:
    """A text or HTML file (or ``-``) read whole, for commands that take single documents."""
    from .io import format_for

    fmt = "text" if path == "-" else format_for(path)
    if fmt in ("jsonl", "csv"):
        raise _UsageError(f"{path}: give one document (a text or HTML file), not a {fmt} file")
    return read_document(path, fmt)


def cmd_compare(args: argparse.Namespace) -> int:
    """``spundetect compare``: what the suspect changed from the source."""
    if args.source == "-" and args.suspect == "-":
        raise _UsageError("only one of SOURCE and SUSPECT can be - (stdin)")
    from .comparison import compare

    texts = []
    for path in (args.source, args.suspect):
        rec = _one_document(path)
        if rec.error is not None:
            print(f"{rec.where}: {rec.error}", file=sys.stderr)
            return EXIT_FAILED
        texts.append(rec.text or "")
    result = compare(*texts)
    _setup_stdout()
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.format == "html":
        from .report import comparison_page

        names = (
            "stdin" if args.source == "-" else args.source,
            "stdin" if args.suspect == "-" else args.suspect,
        )
        sys.stdout.write(comparison_page(texts[0], texts[1], result, names))
    else:
        print(result.explain(args.max_edits))
    return EXIT_OK


def _index_sources(
    index: SourceIndex,
    records: Iterable[Record],
    reporter: Reporter,
    command: str,
    *,
    strict: bool,
) -> bool:
    """Add each readable source record to ``index`` (a :class:`SourceIndex`), reporting the
    others; False when the run must stop (``strict`` and a bad source, or sources given and
    none read)."""
    from .errors import InputError

    given = False
    for rec in records:
        given = True
        if not rec.ok:
            reporter.bad(rec.where, f"source not read: {rec.error}")
        elif not (rec.text or "").strip():
            reporter.bad(rec.where, "source not read: empty text")
        else:
            try:
                index.add(rec.id, rec.text or "")
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
    from .errors import InputError
    from .sources import SourceIndex

    suspects = args.paths or ["-"]
    if not args.sources and not args.within:
        raise _UsageError("give --sources, --within or both")
    if "-" in args.sources and "-" in suspects:
        raise _UsageError("stdin can hold the sources or the suspects, not both")
    reporter = Reporter()
    index = SourceIndex(top=args.top)
    fields = {
        "input_format": args.input_format,
        "text_field": args.text_field,
        "id_field": args.id_field,
        "html_field": args.html_field,
    }
    stdin_format = "text"
    if args.input_format is None and "-" in [*args.sources, *suspects]:
        stdin_format = sniff_stdin() or "text"
    if not _index_sources(
        index,
        read_records(args.sources, stdin_format=stdin_format, **fields) if args.sources else (),
        reporter,
        "match",
        strict=args.strict,
    ):
        return EXIT_FAILED
    fmt = args.format or ("text" if sys.stdout.isatty() else "jsonl")
    _setup_stdout()
    derived = n = 0
    for rec in read_records(suspects, stdin_format=stdin_format, **fields):
        if not rec.ok or not (rec.text or "").strip():
            reporter.bad(rec.where, rec.error or "empty text")
            if args.strict:
                return EXIT_FAILED
            continue
        add_as = rec.id if args.within and rec.id not in index else None
        if args.within and add_as is None:
            reporter.note(f"{rec.where}: id {rec.id!r} seen before: not added to the index")
        try:
            m = index.match(rec.text or "", add_as=add_as)
        except InputError as exc:
            reporter.bad(rec.where, str(exc))
            continue
        n += 1
        derived += m.derived
        if args.derived_only and not m.derived:
            continue
        if fmt == "jsonl":
            out = {"id": rec.id, **m.to_dict(edits=args.edits)}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        else:
            head = f"{m.verdict} from {m.source_id}" if m.derived else m.verdict
            print(f"{rec.id}: {head}: {m.message}")
    if reporter.failures:
        print(
            f"spundetect: {reporter.failures} input(s) could not be read or were empty; "
            f"{n} suspect(s) matched against {len(index)} source(s)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if args.fail_on_derived and derived:
        print(f"spundetect: {derived} of {n} suspect(s) follow a source", file=sys.stderr)
        return EXIT_MATCHED
    return EXIT_OK


def cmd_features(args: argparse.Namespace) -> int:
    """``spundetect features``: the named feature values of one text."""
    if args.list:
        from .features import describe

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
    looks_like_path = not any(c.isspace() for c in arg) and (
        os.sep in arg or Path(arg).suffix.lower() in _PATH_SUFFIXES
    )
    if arg == "-" or Path(arg).is_file() or looks_like_path:
        rec = _one_document(arg)
        if rec.error is not None:
            print(f"{rec.where}: {rec.error}", file=sys.stderr)
            return EXIT_FAILED
        text = rec.text or ""
    else:
        text = arg
    det = _load_model(args)
    from .status import judgeable
    from .text import tokenize

    status, message = judgeable(tokenize(text))
    if status != "ok":
        print(f"spundetect: note: {status}: {message} (the values are unreliable)", file=sys.stderr)
    values = det.features(text)
    readability: dict[str, Any] | None = None
    try:
        from .features import readability as _readability

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
    from .card import card_markdown, read_card
    from .detector import default_model_dir

    card = read_card(Path(args.model) if args.model else default_model_dir())
    _setup_stdout()
    if args.format == "json":
        json.dump(card, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(card_markdown(card))
    return EXIT_OK


class _UsageError(Exception):
    """A command-line mistake found after parsing (exit 2)."""


_COMMANDS = {
    "score": cmd_score,
    "filter": cmd_filter,
    "train": cmd_train,
    "evaluate": cmd_evaluate,
    "features": cmd_features,
    "card": cmd_card,
    "compare": cmd_compare,
    "match": cmd_match,
}


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error(
            "choose a command: score, filter, train, evaluate, compare, match, features or card"
        )
    try:
        return _COMMANDS[args.command](args)
    except _UsageError as exc:
        print(
            f"spundetect {args.command}: error: {exc} (see 'spundetect {args.command} --help')",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _silence_stdout() -> None:
    # After a broken pipe, point stdout at /dev/null so the final flush at exit stays quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _limit_threads() -> None:
    # The command's parallelism is --jobs processes. scikit-learn's gradient boosting would
    # otherwise start an OpenMP team for every tiny predict call; on a busy 2-core machine
    # that made `score` of one document cost 15 s of CPU instead of 4 s. Must run before
    # scikit-learn is imported (OpenMP reads it once); a value the user set is kept.
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``spundetect`` command; returns the exit status."""
    _limit_threads()
    try:
        code = _run(argv)
        sys.stdout.flush()
        return code
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
    except KeyboardInterrupt:
        print("\nspundetect: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except SpundetectError as exc:
        print(f"spundetect: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except MemoryError:
        print("spundetect: error: out of memory", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        if os.environ.get("SPUNDETECT_DEBUG"):
            raise
        print(
            f"spundetect: error: {type(exc).__name__}: {exc} "
            "(set SPUNDETECT_DEBUG=1 for the traceback and please report it)",
            file=sys.stderr,
        )
        return EXIT_FAILED
