"""What the commands write: the progress line and the messages on stderr, and the writers
that stream results to stdout (one a ``score --format``)."""

from __future__ import annotations

import collections
import contextlib
import csv
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from ..report import HtmlReport
from ..result import LABELS, Result
from ..text import visible_text

#: The progress bar appears only for more documents than this.
HANDFUL = 5

# What the data may hold that a terminal would act on rather than show: control characters
# (an escape sequence recolours, retitles or clears the screen), and the marks that reverse
# the direction of text. Shown escaped ("\x1b") where ids, field names and excerpts from the
# input reach a terminal: the table and the messages on stderr. A line break in an id would
# forge a row of the table, so in a row it is escaped too.
_CONTROLS = {
    c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    for c in (
        *range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
        *range(0x202A, 0x202F), *range(0x2066, 0x206A),
    )
}  # fmt: skip
_ROW_CONTROLS = {**_CONTROLS, 0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028"}


def shown(text: str, *, one_line: bool = False) -> str:
    """``text`` with what a terminal would act on escaped (``one_line``: line breaks too)."""
    return text.translate(_ROW_CONTROLS if one_line else _CONTROLS)


# ---------------------------------------------------------------- progress and messages
#: what a note on an input read by its start says reads it otherwise
AS_ONE_TEXT = "--input-format text scores it as one text"


def sniffed_note(what: str, kind: str, text_field: str, other: str | None = AS_ONE_TEXT) -> str:
    """What stderr says when ``what`` (stdin, or a file whose name says no format) was found,
    by its start, to hold ``kind`` (:func:`spundetect.io.sniff_stdin`); ``other``: the option
    that reads it otherwise."""
    how = f" ({other})" if other else ""
    if kind in ("csv", "tsv"):
        return (
            f'spundetect: {shown(what)} looks like {kind.upper()} with a "{text_field}" column: '
            f"reading one document per row{how}"
        )
    if kind == "jsonl":
        return (
            f"spundetect: {shown(what)} looks like JSON Lines: reading one document per line{how}"
        )
    return f"spundetect: {shown(what)} is a WARC file: reading the pages it holds"


def say_sniffed(text_field: str, other: str | None = AS_ONE_TEXT) -> Callable[[str, str], None]:
    """An ``on_sniffed`` for :func:`spundetect.io.read_records` that says so on stderr."""

    def say(path: str, kind: str) -> None:
        print(sniffed_note(path, kind, text_field, other), file=sys.stderr)

    return say


class Progress:
    """A hand-drawn progress line on stderr (only used when stderr is a terminal)."""

    def __init__(self, stream: TextIO, total_bytes: int | None) -> None:
        self.stream = stream
        self.total = total_bytes or None
        self.bytes = 0
        self.done_bytes = 0  # the bytes read up to the last document scored
        self._read_at: collections.deque[int] = collections.deque()
        self.docs = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = False
        self._width = 0  # the characters the line holds now
        # no "erase to the end of the line" on a terminal that says it has none (Emacs'
        # shell, some CI consoles print the escape as text): spaces over the line instead
        self._dumb = os.environ.get("TERM") == "dumb"

    def add_bytes(self, n: int) -> None:
        self.bytes += n

    def read_one(self) -> None:
        """A document was read (input is read ahead of scoring): the bytes it took to get
        there count as done when its result is out (:meth:`tick`), not before."""
        self._read_at.append(self.bytes)

    def tick(self) -> None:
        self.docs += 1
        if self._read_at:
            self.done_bytes = self._read_at.popleft()
        now = time.monotonic()
        if self.docs > HANDFUL and now - self._last >= 0.1:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.docs / max(now - self.start, 1e-9)
        text = f"{self.docs:,} docs  {rate:,.1f} docs/s"
        if self.total:
            frac = min(self.done_bytes / self.total, 1.0)
            filled = int(frac * 24)
            text = f"[{'#' * filled}{'-' * (24 - filled)}] {frac:4.0%}  " + text
        # one screen row: a line wider than the terminal wraps, and the return and erase
        # clear only its last row, leaving a stale row on the screen at every redraw
        text = text[: max(self._columns() - 1, 0)]
        self.stream.write(self._erase() + text)
        self.stream.flush()
        self._width = len(text)
        self._shown = True

    def _columns(self) -> int:
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, ValueError, OSError):  # not a terminal after all
            columns = 0
        # (0: a terminal that gives no size, as a new pseudo-terminal does)
        return columns or shutil.get_terminal_size().columns

    def _erase(self) -> str:
        if self._dumb:
            return "\r" + " " * self._width + "\r"
        return "\r\x1b[K"

    def clear(self) -> None:
        if self._shown:
            self.stream.write(self._erase())
            self.stream.flush()
            self._shown = False
            self._width = 0


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
        print(shown(message), file=sys.stderr, flush=True)


# ---------------------------------------------------------------- output errors
class OutputError(Exception):
    """Writing an output failed (a full disk, an I/O error): the run ends with status 1 and
    this message, which names the output, not with an internal error."""

    def __init__(self, name: str, exc: OSError) -> None:
        super().__init__(f"cannot write to {name}: {exc.strerror or exc}")
        self.name = name


class GuardedStream:
    """``stream`` with its write errors raised as :class:`OutputError` naming it (``name``:
    "stdout", "--rejected FILE"); a broken pipe stays a :class:`BrokenPipeError`, which the
    command ends on quietly. Its ``buffer`` (a text stream's bytes) is guarded too; the rest
    is the stream's own."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self._name = name

    @contextlib.contextmanager
    def _named(self) -> Iterator[None]:
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(self._name, exc) from exc

    def write(self, data: Any) -> Any:
        with self._named():
            return self._stream.write(data)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        with self._named():
            self._stream.flush()

    def close(self) -> None:
        with self._named():
            self._stream.close()

    @property
    def buffer(self) -> GuardedStream:
        return GuardedStream(self._stream.buffer, self._name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._stream, attr)


# ---------------------------------------------------------------- output writers
class _Writer:
    """Streams result records to stdout in one format."""

    #: the formats that can carry the text as scored (``score --with-text``)
    CARRIES_TEXT = False

    def __init__(self, out: TextIO, explain: bool, with_text: bool = False) -> None:
        self.out = out
        self.explain = explain
        self.with_text = with_text

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        """Write one record (``text`` and ``result`` are there for formats that show the text,
        or carry it: ``with_text``)."""
        raise NotImplementedError

    def _record(self, rec: dict[str, Any], text: str) -> dict[str, Any]:
        """``rec``, with the text as scored last when asked for it."""
        return {**rec, "text": text} if self.with_text else rec

    def close(self) -> None:
        self.out.flush()


class _JsonlWriter(_Writer):
    CARRIES_TEXT = True

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        self.out.write(json.dumps(self._record(rec, text), ensure_ascii=False) + "\n")


class _JsonWriter(_Writer):
    """One JSON array, still written record by record."""

    CARRIES_TEXT = True

    def __init__(self, out: TextIO, explain: bool, with_text: bool = False) -> None:
        super().__init__(out, explain, with_text)
        self.n = 0

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        data = json.dumps(self._record(rec, text), ensure_ascii=False)
        self.out.write(("[\n" if self.n == 0 else ",\n") + data)
        self.n += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.n == 0 else "\n]\n")
        super().close()


class _CsvWriter(_Writer):
    CARRIES_TEXT = True

    def __init__(self, out: TextIO, explain: bool, with_text: bool = False) -> None:
        super().__init__(out, explain, with_text)
        self.w = csv.writer(out, lineterminator="\n")
        cols = ["id", "label", *LABELS, "status", "message", "n_words"]
        cols += ["reasons"] if explain else []
        self.w.writerow([*cols, "text"] if with_text else cols)

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        p = rec["probabilities"]
        row = [rec["id"], rec["label"] or "", *(p[k] for k in LABELS), rec["status"]]
        row += [rec.get("message", ""), rec.get("n_words", "")]
        if self.explain:
            row.append(" | ".join(r["message"] for r in rec.get("reasons", [])))
        if self.with_text:
            row.append(text)
        self.w.writerow(row)


class _TableWriter(_Writer):
    """Fixed-width columns (streams: no need to see every row first)."""

    def __init__(self, out: TextIO, explain: bool, with_text: bool = False) -> None:
        super().__init__(out, explain, with_text)
        out.write(f"{'label':<16} {'original':>8} {'spun':>6} {'garbled':>8}  {'status':<12} id\n")

    def write(self, rec: dict[str, Any], text: str = "", result: Result | None = None) -> None:
        # the probabilities as scored: rounded again from the record's four places, 0.0549566
        # showed 0.06 where the HTML page shows 0.05 (fifty-seventh session)
        p = result.probabilities if result is not None else rec["probabilities"]
        if rec["status"] == "ok":
            probs = f"{p['original']:8.2f} {p['spun']:6.2f} {p['machine_garbled']:8.2f}"
        else:
            probs = f"{'-':>8} {'-':>6} {'-':>8}"
        label = rec["label"] or "-"
        rid = shown(str(rec["id"]), one_line=True)
        self.out.write(f"{label:<16} {probs}  {rec['status']:<12} {rid}\n")
        if rec.get("message"):
            self.out.write(f"{'':17}{shown(rec['message'], one_line=True)}\n")
        if self.explain:
            for r in rec.get("reasons", []):
                quoted = " ".join(r.get("excerpt", "").split())
                # most messages open with the excerpt already ("'U. S.': ..."): say it once;
                # the message quotes it as read, without what a reader does not see (an
                # excerpt "U.\u200b S." is quoted "U. S.", and was shown twice)
                visible = visible_text(quoted)
                as_read = quoted if visible is None else " ".join(visible[0].split())
                said = " ".join(r["message"].split())
                excerpt = f"  «{quoted}»" if quoted and as_read not in said else ""
                line = shown(f"{r['message']}{excerpt}", one_line=True)
                self.out.write(f"{'':17}- {line}\n")


class _HtmlWriter(_Writer):
    """A self-contained report page, each text shown with its evidence marked
    (:mod:`spundetect.report`)."""

    def __init__(self, out: TextIO, explain: bool, with_text: bool = False) -> None:
        super().__init__(out, explain, with_text)
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


def _setup_stdout() -> None:
    # Machine formats are UTF-8 whatever the locale says; never die on an unencodable id.
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
