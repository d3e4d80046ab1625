"""The command-line grammar: every command, its options and their help (what ``--help``
prints)."""

from __future__ import annotations

import argparse
from typing import Any

from .. import __version__
from ..io import INPUT_FORMATS
from ..result import LABELS, unknown_label
from .exits import EXIT_USAGE
from .scoring import FEW_DOCS

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
  2  usage error (also: --rejected or stdout is one of the input files)
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


def _seed(value: str) -> int:
    """A random seed numpy and scikit-learn take: 0 to 2**32 - 1 (a negative one failed
    only after every row was read, with scikit-learn's message)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 0 <= n < 2**32:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to {2**32 - 1}, got {n}")
    return n


def _fraction(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if not 0.0 < x < 1.0:
        raise argparse.ArgumentTypeError(f"expected a fraction between 0 and 1, got {x}")
    return x


def _share(value: str) -> float:
    """A share from 0 to 1, both ends allowed (``--max-left-out``: 0 allows no row left out,
    1 any number)."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a share from 0 to 1, got {x}")
    return x


def _drop_list(value: str) -> frozenset[str]:
    """filter's ``--drop``: labels, or ``none`` (keep every judged record: with
    ``--annotate``, the input with a verdict on each record)."""
    if value.strip().lower() == "none":
        return frozenset()
    if "none" in (v.strip().lower() for v in value.split(",")):
        raise argparse.ArgumentTypeError(
            f"'none' keeps every judged record and goes alone, not with labels ({value!r})"
        )
    return _label_list(value)


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


def _encoding(label: str) -> str:
    """``--encoding``: a label browsers know, checked when the command line is read."""
    from ..charsets import input_codec

    try:
        input_codec(label)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return label


def _add_encoding(p: argparse.ArgumentParser, *, passes_through: bool = False) -> None:
    out = "; filter writes the records it passes through in UTF-8" if passes_through else ""
    p.add_argument(
        "--encoding",
        type=_encoding,
        metavar="NAME",
        help="read text, HTML, JSONL and CSV input in this encoding instead of UTF-8 (a "
        "label browsers know: windows-1252, latin1, iso-8859-2, koi8-r, shift_jis, gbk, ...; "
        "a byte-order mark still wins, and an HTML page's own charset is overridden; "
        "Parquet, WARC, PDF and office files carry their own)" + out,
    )


def _add_input_args(p: argparse.ArgumentParser, *, ids: bool = True) -> None:
    p.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        help="how to read the input (default: from the file extension: .jsonl/.json, .csv/.tsv, "
        ".html/.htm, .parquet/.pq (and Arrow's .arrow/.feather), .warc/.wet, anything else "
        "text; stdin is text unless it "
        "starts like JSON Lines, a WARC record or a CSV or TSV header naming the text column): "
        "text = "
        "one document per file, html = text "
        "with markup reduced to visible text, jsonl/csv/tsv/parquet = one document per row "
        "(tsv: tab-separated, one row a line, whatever the file's name) "
        "(parquet: pip install 'spundetect[parquet]'), warc = the pages of a crawl's archive "
        "(WARC responses, WET's extracted text); given, a folder's files of that format",
    )
    p.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="JSONL/CSV/Parquet field holding the text (a path such as meta.text reads a field "
        "inside an object or struct column)",
    )
    _add_html_field(p)
    _add_encoding(p)
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


def _add_decision_options(parser: argparse.ArgumentParser, what: str, rate_note: str) -> None:
    """--max-fpr and --threshold (one or the other): the decision rule of score and filter;
    ``what`` says what a flagged document gets, ``rate_note`` how to read a rate."""
    decision = parser.add_mutually_exclusive_group()
    decision.add_argument(
        "--max-fpr",
        type=_fraction,
        metavar="RATE",
        help=f"{what} only when P(original) is below the model's operating point for this "
        f"false-positive rate on originals {rate_note}; default: the most probable label",
    )
    decision.add_argument(
        "--threshold",
        type=_fraction,
        metavar="P",
        help=f"{what} only when P(original) is below P: an operating point chosen on your own "
        "labelled texts ('spundetect evaluate' prints them)",
    )


def command_parser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser:
    """The parser of ``command`` (``parser`` itself when no command was given)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return action.choices[command]  # type: ignore[no-any-return]
    return parser


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
        "directories (recursively: .txt, .md, .html, .docx, .odt, .pdf), zip and tar archives of "
        "such files, or stdin ('-', the default), and "
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
    s.add_argument(
        "--with-text",
        action="store_true",
        help="add the text as scored to each record (json, jsonl: a 'text' field; csv: a last "
        "column): of an HTML page, a PDF, an Office file or a WARC record, the text read from it, "
        "which the spans of --explain count in",
    )
    _add_model_args(s)
    s.add_argument(
        "--jobs",
        type=_positive_int,
        metavar="N",
        help=f"worker processes, at most one a core (default: all cores for more than {FEW_DOCS} "
        "documents, else 1)",
    )
    _add_decision_options(
        s,
        "label a document spun or machine_garbled",
        "(chosen on validation data at training time; the card's operating_points, e.g. 0.01)",
    )
    s.add_argument(
        "--fail-on",
        type=_label_list,
        metavar="LABEL[,LABEL]",
        help="exit with status 3 when any document gets one of these labels (CI gates)",
    )

    fl = sub.add_parser(
        "filter",
        help="pass JSONL records, CSV or Parquet rows through, dropping the spun and "
        "machine-garbled ones",
        description="Read JSONL records (files or stdin) and write the ones to keep to stdout "
        "byte for byte, in input order: what a data-cleaning pipeline runs. CSV or TSV files "
        "in, the header and the kept rows out as they were read. Parquet files in, "
        "Parquet out: the kept rows with every column as it was. Records labelled "
        "with a --drop label are left out; --rejected writes them elsewhere with the verdict "
        "attached, together with the lines that could not be read, so nothing is lost.",
        epilog=_FILTER_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fl.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="JSONL, CSV/TSV or Parquet files, folders of them, or - (stdin, the default: JSONL)",
    )
    fl.add_argument(
        "--input-format",
        choices=("jsonl", "csv", "tsv", "parquet"),
        help="jsonl: records in, the kept lines out byte for byte; csv: files with one header "
        "(.tsv: tab-separated) or CSV on stdin in, the header and the kept rows out as read; "
        "tsv: the same, tab-separated whatever the files' names; "
        "parquet: rows in, "
        "the kept rows out as Parquet with the input's columns, to a file (default: what every "
        "file named is by its extension, else jsonl; a file whose name says no format "
        "(part-00000) is what its start says, as stdin is; give it for a folder of CSV files "
        "or Parquet shards)",
    )
    fl.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="field holding the text (a path such as meta.text reads a field inside an object)",
    )
    _add_html_field(fl)
    _add_encoding(fl, passes_through=True)
    fl.add_argument(
        "--id-field",
        default="id",
        metavar="NAME",
        help="field holding the document id, for messages (rows without it: path:line)",
    )
    fl.add_argument(
        "--drop",
        type=_drop_list,
        default=frozenset({"spun", "machine_garbled"}),
        metavar="LABEL[,LABEL]",
        help="labels to leave out (default: spun,machine_garbled); none: drop no judged record "
        "(with --annotate, every record comes out with its verdict)",
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
        help="write the dropped records here in the input's format, in input order: each as "
        'it was read with a "spundetect" field added (keep, reason, label, probabilities, '
        'status, message, where; "spundetect_verdict" when the record has a "spundetect" field '
        "of its own; CSV and Parquet: a column of JSON text), and the unreadable lines with the "
        "reason. Written beside FILE and moved into place when the run ends; it may not be an "
        "input file or stdout",
    )
    fl.add_argument(
        "--annotate",
        action="store_true",
        help='add the verdict to the kept records too, as --rejected has it (the "spundetect" '
        "field; with CSV and Parquet, a column of JSON text), to choose your own threshold "
        "later",
    )
    fl.add_argument(
        "--explain",
        action="store_true",
        help="add the reasons (evidence with character spans) to the --rejected records, and "
        "with --annotate to the kept ones",
    )
    _add_decision_options(
        fl,
        "drop a record as spun or machine_garbled",
        "(e.g. 0.01: about one original in a hundred dropped)",
    )
    fl.add_argument(
        "--within",
        action="store_true",
        help="also drop a record that follows an earlier kept one (copied or rewritten from "
        "it, as 'match --within' finds: the spun copies of one article in a crawl); the kept "
        "records are held in memory to match against",
    )
    _add_window_option(fl, "kept records")
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
        help=f"worker processes, at most one a core (default: all cores for more than {FEW_DOCS} "
        "documents, else 1)",
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
        help="JSONL, CSV or TSV file(s), or - (stdin, read as JSONL unless --input-format csv "
        "or tsv)",
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
        "--max-left-out",
        type=_share,
        default=0.05,
        metavar="SHARE",
        help="the largest share of the rows that may be left out (unreadable, no text, too "
        "short, not English) for a model to be written from the rest (default 0.05; 1 allows "
        "any); over it, or with a file of rows not read at all, nothing is trained, as what is "
        "left may not stand for the data",
    )
    t.add_argument(
        "--reference",
        metavar="FILE",
        help="reference language model file the features query (default: the shipped one)",
    )
    t.add_argument("--random-state", type=_seed, default=0, metavar="N", help="seed (default 0)")
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
        help="JSONL, CSV or TSV file(s), or - (stdin, read as JSONL unless --input-format csv "
        "or tsv)",
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
    _add_encoding(c)
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
    c.add_argument(
        "--with-text",
        action="store_true",
        help="json: add the two texts the spans count in (source_text, suspect_text): an HTML, "
        "PDF or Office file's text as read, not its bytes",
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
        help="the source texts (repeat for more): a file, a directory (.txt, .md, .html, .docx, .odt, .pdf), "
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
        "id, where (file:line), source_id (null when none), verdict, message, changed_share, "
        "candidates, also (the other sources it follows in sentences of its own)",
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
    _add_window_option(mt, "suspects")
    mt.add_argument(
        "--top",
        type=_positive_int,
        default=3,
        metavar="N",
        help="candidate sources compared with each suspect by its whole text, and as many "
        "more by a passage of it (default 3; raise it for texts drawn from many sources)",
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
    _add_encoding(f)
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


def _add_window_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--within-window",
        type=_positive_int,
        default=None,
        metavar="N",
        help=f"with --within, hold only the latest N {what} to match against, so memory stays "
        "bounded on a long stream (what is held costs the texts' size plus ~15 MB of index "
        "per million words; a copy further from its source than N is not found; default: "
        "all)",
    )
