"""How ``spundetect filter`` writes the records it passes through: each as it was read, byte
for byte, with the verdict added when asked (``--annotate``, ``--rejected``). JSON Lines get
a field; CSV and TSV rows a column, named in the header."""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Iterable
from typing import Any, Protocol

from ..io import Record

#: The field a dropped record's verdict is added as in ``--rejected``, and a kept one's with
#: ``--annotate`` (another name when the record has a field of this name: see
#: :func:`_verdict_key`).
VERDICT_KEY = "spundetect"


def _verdict_key(keys: Iterable[str]) -> str:
    """``spundetect``; when the record has a field of that name, ``spundetect_verdict``
    (then ``spundetect_verdict_2``, ...)."""
    taken = set(keys)
    if VERDICT_KEY not in taken:
        return VERDICT_KEY
    key, n = f"{VERDICT_KEY}_verdict", 1
    while key in taken:
        n += 1
        key = f"{VERDICT_KEY}_verdict_{n}"
    return key


def _no_value(_: str) -> None:
    return None


def _top_keys(raw: bytes) -> list[str] | None:
    """The keys of the JSON object ``raw``, duplicates included (its values are not built:
    a number of any size is fine); ``None`` when it is not one."""
    try:
        pairs = json.loads(
            raw,
            object_pairs_hook=lambda p: p,
            parse_int=_no_value,
            parse_float=_no_value,
            parse_constant=_no_value,
        )
    except (ValueError, RecursionError):
        return None
    return [k for k, _ in pairs] if isinstance(pairs, list) else None


def _json_line_part(obj: object) -> bytes:
    # UTF-8 as the input is; a name that is not (a file name's undecodable bytes, kept as
    # surrogate escapes) is written as a JSON escape, as score writes it
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "backslashreplace")


def _with_verdict(rec: Record, verdict: dict[str, Any]) -> bytes:
    """A dropped (or, with ``--annotate``, kept) record as one JSONL line: its line as read,
    byte for byte, with the verdict added as one more field before the closing brace
    (numbers, duplicate keys, spacing and the record's own fields are kept as they were)."""
    assert rec.raw is not None
    raw = rec.raw
    keys = _top_keys(raw)
    end = raw.rfind(b"}")
    if keys is None or end < 0:  # not an object after all: kept whole, beside the verdict
        line = {VERDICT_KEY: verdict, "line": raw.decode("utf-8", "replace")}
        return _json_line_part(line) + b"\n"
    field = _json_line_part({_verdict_key(keys): verdict})[1:-1]  # '"spundetect": {...}'
    return raw[:end] + (b", " if keys else b"") + field + raw[end:] + b"\n"


def _unreadable_verdict(rec: Record) -> dict[str, Any]:
    return {"status": "unreadable", "where": rec.where, "message": rec.error}


def _as_read(raw: bytes) -> dict[str, str]:
    """An unreadable input's bytes, kept: ``line`` as text, and ``line_base64`` too when
    they are not UTF-8 (``line`` had to replace some)."""
    kept = {"line": raw.decode("utf-8", "replace")}
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        kept["line_base64"] = base64.b64encode(raw).decode("ascii")
    return kept


class JsonlRows:
    """JSON Lines out: a record per line, as it was read."""

    def header(self, *, verdict: bool) -> bytes:
        return b""

    def row(self, rec: Record, verdict: dict[str, Any] | None = None) -> bytes:
        """The record's line as read; with ``verdict``, the verdict added as one more field."""
        if verdict is None:
            assert rec.raw is not None
            return rec.raw + b"\n"
        return _with_verdict(rec, verdict)

    def unreadable(self, rec: Record) -> bytes:
        """A line that could not be read, kept with its reason (so nothing is lost)."""
        line = {VERDICT_KEY: _unreadable_verdict(rec), **_as_read(rec.raw or b"")}
        return _json_line_part(line) + b"\n"


def _line_end(raw: bytes) -> bytes:
    if raw.endswith(b"\r\n"):
        return b"\r\n"
    return raw[-1:] if raw.endswith((b"\n", b"\r")) else b""


class CsvRows:
    """CSV (or TSV) out: the header, then each row as it was read, its lines, quoting and
    line end kept (a last row without one gets the header's); the verdict, when asked, as one
    more column of JSON text (:func:`_verdict_key` names it after the header's names)."""

    def __init__(self, names: tuple[str, ...], header: bytes, *, tsv: bool) -> None:
        self.tsv = tsv
        self.width = len(names)
        self.key = _verdict_key(names)
        self.delimiter = b"\t" if tsv else b","
        self.end = _line_end(header) or b"\n"
        self._header = header[: len(header) - len(_line_end(header))]

    def header(self, *, verdict: bool) -> bytes:
        if not verdict:
            return self._header + self.end if self.width else b""
        if not self.width:  # no header was read: the verdict's column alone
            return self._cell(self.key) + self.end
        return self._header + self.delimiter + self._cell(self.key) + self.end

    def _cell(self, value: str) -> bytes:
        if not self.tsv and any(c in value for c in ',"\r\n'):
            value = '"' + value.replace('"', '""') + '"'
        # a name that is not UTF-8 (a file name's undecodable bytes) as an escape
        return value.encode("utf-8", "backslashreplace")

    def _fields(self, raw: bytes) -> int:
        text = io.StringIO(raw.decode("utf-8", "surrogateescape"), newline="")
        if self.tsv:
            reader = csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            reader = csv.reader(text)
        return len(next(reader, []))

    def row(self, rec: Record, verdict: dict[str, Any] | None = None) -> bytes:
        """The row as read; with ``verdict``, the verdict added in its column."""
        assert rec.raw is not None
        end = _line_end(rec.raw)
        row = rec.raw[: len(rec.raw) - len(end)]
        if verdict is None:
            return row + (end or self.end)
        # a row with fewer fields than the header (the csv module allows it) is padded, so
        # that the verdict is read under its own column
        pad = self.delimiter * max(0, self.width - self._fields(row))
        cell = self._cell(json.dumps(verdict, ensure_ascii=False))
        return row + pad + self.delimiter + cell + (end or self.end)

    def unreadable(self, rec: Record) -> bytes:
        """A row that could not be read: empty fields, and in the verdict's column its reason
        and its lines as read (``line``, when the reader kept them), so nothing is lost."""
        verdict = _unreadable_verdict(rec)
        if rec.raw is not None:
            verdict.update(_as_read(rec.raw[: len(rec.raw) - len(_line_end(rec.raw))]))
        cell = self._cell(json.dumps(verdict, ensure_ascii=False))
        return self.delimiter * self.width + cell + self.end


class _Writes(Protocol):
    def write(self, data: bytes) -> Any: ...


class Passthrough:
    """Where ``filter`` writes each record, as ``rows`` formats it: a kept one to ``out``; a
    dropped or unreadable one to ``rejected``, when there is one (set before the first
    record is written). A CSV header goes before the first row (with the verdict's column
    where verdicts are written), or at the end when no row came. CSV read from stdin gets
    its header from the reader (:meth:`on_header`, given to ``read_records``)."""

    def __init__(self, rows: JsonlRows | CsvRows | None, out: _Writes, *, annotate: bool) -> None:
        self.rows = rows
        self.out = out
        self.rejected: _Writes | None = None
        self.annotate = annotate
        self._started = False

    def on_header(self, name: str, names: tuple[str, ...], raw: bytes, tsv: bool) -> None:
        if self.rows is None:  # the first input's (named files were checked to agree)
            self.rows = CsvRows(names, raw, tsv=tsv)

    def _started_rows(self) -> JsonlRows | CsvRows:
        if self.rows is None:  # no header could be read: the unreadable rows, with their reasons
            self.rows = CsvRows((), b"", tsv=False)
        if not self._started:
            self._started = True
            # a header read (nothing for JSON Lines; none made up for CSV whose header is lost)
            if isinstance(self.rows, CsvRows) and self.rows.width:
                self.out.write(self.rows.header(verdict=self.annotate))
            if self.rejected is not None and (head := self.rows.header(verdict=True)):
                self.rejected.write(head)
        return self.rows

    def keep(self, rec: Record, verdict: dict[str, Any] | None) -> None:
        self.out.write(self._started_rows().row(rec, verdict))

    def drop(self, rec: Record, verdict: dict[str, Any]) -> None:
        if self.rejected is not None:
            self.rejected.write(self._started_rows().row(rec, verdict))

    def unreadable(self, rec: Record) -> None:
        if self.rejected is not None:
            self.rejected.write(self._started_rows().unreadable(rec))

    def finish(self) -> None:
        """The header, when no row was written (a CSV input with a header and no rows)."""
        if self.rows is not None:
            self._started_rows()
