"""The rows of a Parquet file (or an Arrow file), read with pyarrow.

Why: teams that filter web text for training language models keep it in Parquet: a Hugging
Face data set's shards, FineWeb, most exports of a crawl's extracted text. Converting each shard
to JSON Lines first costs a copy of the data and an hour; reading it here costs nothing more.

What is read is the columns a command asks for (the text, and the id, label, group, generator
and source columns when given), a batch of :data:`BATCH_ROWS` rows at a time, so memory holds
one batch, not the file: a 2 GB shard streams as a JSONL file does. Each row comes out as a
dictionary of those columns' Python values, with its index in the file (from 0, as pandas and
``datasets`` count rows). A label column that a Hugging Face data set stores as a
``ClassLabel`` (integers, the names in the file's ``huggingface`` metadata) comes out as the
names, so ``spundetect train`` reads such a data set as it is.

Safety: pyarrow is imported only when a Parquet file is read, and is an optional dependency
(``pip install 'spundetect[parquet]'``); without it the error says so. A file that is not
Parquet, is damaged or cut short, raises :class:`ParquetError` saying what to do; so does any
exception pyarrow raises while reading. A file damaged part-way through gives the rows before
the damage and then the error, naming the row it stopped at.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "BATCH_ROWS",
    "PARQUET_MAGIC",
    "PARQUET_SUFFIXES",
    "ParquetError",
    "ParquetRows",
    "open_parquet",
]

#: File name endings read as Parquet (also when a folder is walked with ``--input-format
#: parquet``), and as Arrow's files, which are read the same way (:class:`_ArrowFile`).
PARQUET_SUFFIXES: frozenset[str] = frozenset({".parquet", ".pq", ".arrow", ".feather"})

#: The first (and last) four bytes of a Parquet file.
PARQUET_MAGIC = b"PAR1"
# The first bytes of Arrow's file format (Feather v2) and of its stream format (what Hugging
# Face's ``save_to_disk`` writes: "data-00000-of-00001.arrow")
_ARROW_FILE_MAGIC = b"ARROW1"
_ARROW_STREAM_MAGIC = b"\xff\xff\xff\xff"

#: Rows read at a time: a batch of web pages is a few MB, and a run's memory holds one.
BATCH_ROWS = 256

#: The written files' row groups end at this many rows or bytes, whichever comes first (large
#: enough for readers to read well, small enough that the writer holds little).
ROW_GROUP_ROWS = 10_000
ROW_GROUP_BYTES = 16 << 20

_READ_BUFFER = 1 << 20

#: A row group is not read when it unpacks to more than this and more than :data:`MAX_RATIO`
#: times the file's size (see :func:`unpacks_too_far`).
MAX_UNPACKED = 256 << 20
MAX_RATIO = 1000

_MISSING = (
    "reading Parquet needs pyarrow, which is not installed: pip install 'spundetect[parquet]' "
    "(or convert the file to JSON Lines)"
)


class ParquetError(ValueError):
    """A Parquet file, or the rest of it, that cannot be read; the message says why."""


@dataclass(frozen=True)
class ParquetRows:
    """An open Parquet file: its columns, and its rows read lazily (:meth:`rows`)."""

    #: every column of the file, in order, with what it holds as a message says it ("a
    #: string", "a number", ...)
    kinds: dict[str, str]
    #: how many rows the file says it holds
    num_rows: int
    #: the columns a Hugging Face data set stores as ``ClassLabel``, with their names
    class_labels: dict[str, tuple[str, ...]]
    _file: Any = field(repr=False)
    _size: int = field(repr=False)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column of the file, in order."""
        return tuple(self.kinds)

    def top(self, name: str) -> str | None:
        """The column that holds ``name``: itself, or for a path into a struct column
        (``meta.url``), that column; None when the file has neither."""
        if name in self.kinds:
            return name
        head = name.split(".", 1)[0]
        return head if "." in name and head in self.kinds else None

    def kind(self, name: str) -> str | None:
        """What the column ``name`` holds, or the struct field at the path ``name``
        (``meta.url``); None when the file has no such column or field."""
        if name in self.kinds:
            return self.kinds[name]
        if self.top(name) is None:
            return None
        import pyarrow as pa

        t = self._file.schema_arrow.field(name.split(".", 1)[0]).type
        for part in name.split(".")[1:]:
            if not pa.types.is_struct(t) or t.get_field_index(part) < 0:
                return None
            t = t.field(t.get_field_index(part)).type
        return _kind(t)

    def rows(
        self, columns: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> Iterator[tuple[int, dict[str, Any] | ParquetError]]:
        """``(index, row)`` for every row, in order, ``row`` holding the ``columns`` asked for
        that the file has. A row group that cannot be read comes as one ``(index, error)``
        for its rows from ``index`` on, and the next group is read. ``progress`` is given the
        file's bytes in proportion to the rows read."""
        wanted = [c for c in dict.fromkeys(map(self.top, columns)) if c is not None]
        starts = row_group_starts(self._file.metadata)
        done_bytes = 0
        for group, (start, end) in enumerate(itertools.pairwise(starts)):
            index = start
            of = f"row group {group + 1} of {len(starts) - 1}"
            bomb = unpacks_too_far(self._file.metadata.row_group(group), self._size)
            if bomb is not None:
                yield start, ParquetError(f"{_rows(start, end)} ({of}) not read: {bomb}")
                continue
            try:
                for batch in self._file.iter_batches(
                    batch_size=BATCH_ROWS, row_groups=[group], columns=wanted
                ):
                    rows = batch.to_pylist()
                    for name, names in self.class_labels.items():
                        if name in wanted:
                            for row in rows:
                                row[name] = _label_name(row[name], names)
                    for row in rows:
                        yield index, row
                        index += 1
            except Exception as exc:  # pyarrow's errors on a damaged file are of many kinds
                why = f"could not be read ({_reason(exc)}): left out"
                yield index, ParquetError(f"{_rows(index, end)} ({of}) {why}")
            if progress is not None and self.num_rows:
                now = self._size * end // self.num_rows
                progress(now - done_bytes)
                done_bytes = now


def _rows(start: int, end: int) -> str:
    if end <= start:  # the rest of a file cut short (:class:`_ArrowMetadata`)
        return f"rows from {start} on"
    return f"row {start}" if start == end - 1 else f"rows {start} to {end - 1}"


def unpacks_too_far(row_group: Any, file_size: int) -> str | None:
    """Why a row group is not read, when it unpacks to more than :data:`MAX_UNPACKED` and more
    than :data:`MAX_RATIO` times the whole file's size (a decompression bomb: 17 KB of zstd
    holding a 512 MB string took 2.3 GB to read); else None. Text compresses three to five
    times, and a column of repeats is dictionary-encoded. The size is the footer's own: a file
    written to misstate it is not caught. (Not each column chunk's sizes: on a damaged footer,
    pyarrow's accessor for them ends the process instead of raising.)"""
    unpacked = row_group.total_byte_size
    if unpacked > MAX_UNPACKED and unpacked > MAX_RATIO * max(file_size, 1):
        return (
            f"it unpacks to {_mb(unpacked)} from a file of {_mb(file_size)} (a decompression bomb?)"
        )
    return None


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def row_group_starts(metadata: Any) -> list[int]:
    """The index of each row group's first row, and the row count last."""
    starts = [0]
    for group in range(metadata.num_row_groups):
        starts.append(starts[-1] + metadata.row_group(group).num_rows)
    return starts


def open_parquet(path: str | os.PathLike[str]) -> ParquetRows:
    """Open the Parquet file at ``path`` (its footer: the columns and row count), or the
    Arrow file (:class:`_ArrowFile`); raises :class:`ParquetError` when pyarrow is missing or
    the file is neither, or one that it cannot read."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ParquetError(_MISSING) from None
    what = "Parquet"
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(6)
        if head.startswith((_ARROW_FILE_MAGIC, _ARROW_STREAM_MAGIC)):
            what = "Arrow"
            pf: Any = _ArrowFile(path, stream=not head.startswith(_ARROW_FILE_MAGIC))
        elif head[:4] != PARQUET_MAGIC:
            raise ParquetError(
                "not a Parquet file (it does not start with PAR1), nor an Arrow file"
            )
        else:
            # read a column chunk a buffer at a time, not whole: a file written as one row
            # group (some writers do) otherwise costs its whole text column in memory
            pf = pq.ParquetFile(path, buffer_size=_READ_BUFFER, pre_buffer=False)
        schema = pf.schema_arrow
        kinds = {name: _kind(schema.field(name).type) for name in schema.names}
        labels = _class_labels(schema.metadata)
        num_rows = pf.metadata.num_rows
    except ParquetError:
        raise
    except OSError as exc:
        if exc.strerror:  # the file system's (not found, permission denied), not pyarrow's
            raise ParquetError(exc.strerror) from None
        raise ParquetError(f"a damaged or cut-short {what} file ({_reason(exc)})") from None
    except Exception as exc:
        raise ParquetError(f"a damaged or cut-short {what} file ({_reason(exc)})") from None
    return ParquetRows(kinds, num_rows, labels, pf, size)


class _ArrowFile:
    """An Arrow file read through the part of ``pyarrow.parquet.ParquetFile`` that
    :class:`ParquetRows` and :class:`ParquetSink` use, each record batch a row group: the file
    format (Feather v2) or the stream format, which Hugging Face's ``save_to_disk`` writes
    ("data-00000-of-00001.arrow"; read before, it was "binary file (NUL bytes), not text").

    Both are read as a stream (the file format holds one after its magic), a batch when its
    rows are: memory holds one batch (1,000 rows in a data set's file), not the file, as for
    Parquet (mapped, a 353 MB file read whole took 407 MB). A first pass reads the messages'
    headers only (:func:`_batch_sizes`): each batch's rows, and what it unpacks to, so a
    compressed batch that would unpack like a bomb is not read (:func:`unpacks_too_far`; 99 KB
    of zstd that unpacked to 1 GB took 3.3 GB). Each batch is checked whole before its rows are
    read (a damaged offset or dictionary index otherwise ends the process); the batches before
    a cut or damage are read, the rest said. Views ("string_view") are read as large strings,
    which every pyarrow kernel takes."""

    def __init__(self, path: str | os.PathLike[str], *, stream: bool) -> None:
        import pyarrow as pa

        self._pa, self._path, self._offset = pa, os.fspath(path), 0 if stream else 8
        self._reader: Any = None
        self._next = 0  # the stream's next batch
        rows: list[int] = []
        sizes: list[int] = []
        waiting = 0  # the dictionaries read before the next batch
        messages = pa.ipc.MessageReader.open_stream(self._source())
        schema = pa.ipc.read_schema(messages.read_next_message())
        self._damage: str | None = None
        try:
            for message in messages:
                found = _batch_sizes(message.metadata, message.body)
                if found is None:
                    continue
                if message.type == "dictionary":
                    waiting += found[1]
                    continue
                rows.append(found[0])
                sizes.append(found[1] + waiting)
                waiting = 0
        except Exception as exc:  # cut short, or a damaged header: the batches before it stay
            self._damage = _reason(exc)
            if not rows:
                raise
        plain = pa.schema([f.with_type(_unviewed(pa, f.type)) for f in schema], schema.metadata)
        self._view = not plain.equals(schema)
        self.schema_arrow = plain
        self.metadata = _ArrowMetadata(tuple(rows), tuple(sizes), self._damage is not None)

    def _source(self) -> Any:
        source = self._pa.OSFile(self._path)
        source.seek(self._offset)
        return source

    def _batch(self, group: int) -> Any:
        if group >= len(self.metadata.rows):  # past the last whole batch
            raise ParquetError(self._damage or "no such batch")
        if self._reader is None or group < self._next:  # a stream is read from its start
            self._reader, self._next = self._pa.ipc.open_stream(self._source()), 0
        while True:
            batch = self._reader.read_next_batch()
            self._next += 1
            if self._next > group:
                break
        batch.validate(full=True)
        if self._view:
            pa = self._pa
            columns = [c.cast(f.type) for c, f in zip(batch.columns, self.schema_arrow)]
            batch = pa.RecordBatch.from_arrays(columns, schema=self.schema_arrow)
        return batch

    def iter_batches(
        self, batch_size: int, row_groups: Sequence[int], columns: Sequence[str] | None = None
    ) -> Iterator[Any]:
        for group in row_groups:
            batch = self._batch(group)
            if columns is not None:
                batch = batch.select(list(columns))
            for start in range(0, batch.num_rows, batch_size):
                yield batch.slice(start, batch_size)


def _unviewed(pa: Any, t: Any) -> Any:
    """A view type's large twin, which every kernel takes ("take" takes no view); another
    type as it is."""
    return {"string_view": pa.large_string(), "binary_view": pa.large_binary()}.get(str(t), t)


def _offset(b: Any, pos: int) -> int:
    return pos + int(struct.unpack_from("<I", b, pos)[0])


def _slot(b: Any, table: int, slot: int) -> int | None:
    """Where field ``slot`` of the flatbuffer table at ``table`` is; None when it is absent."""
    vtable = table - int(struct.unpack_from("<i", b, table)[0])
    at = 4 + 2 * slot
    if at + 2 > struct.unpack_from("<H", b, vtable)[0]:
        return None
    field_at = int(struct.unpack_from("<H", b, vtable + at)[0])
    return table + field_at if field_at else None


def _batch_sizes(metadata: Any, body: Any) -> tuple[int, int] | None:
    """The rows of a record batch's or a dictionary's IPC message, and the bytes its buffers
    unpack to (a compressed buffer declares its size in its first 8 bytes), read from the
    message's header (Arrow's Message.fbs: a flatbuffer) without unpacking anything; None for
    another message."""
    root = _offset(metadata, 0)
    kind_at = _slot(metadata, root, 1)  # the header's type: 2 a dictionary, 3 a record batch
    header_at = _slot(metadata, root, 2)
    kind = metadata[kind_at] if kind_at is not None else 0
    if header_at is None or kind not in (2, 3):
        return None
    batch = _offset(metadata, header_at)
    if kind == 2:  # a dictionary's values are a record batch
        data_at = _slot(metadata, batch, 1)
        if data_at is None:
            return None
        batch = _offset(metadata, data_at)
    length_at = _slot(metadata, batch, 0)
    rows = int(struct.unpack_from("<q", metadata, length_at)[0]) if length_at is not None else 0
    buffers_at = _slot(metadata, batch, 2)
    compressed = _slot(metadata, batch, 3) is not None
    unpacked = 0
    if buffers_at is not None:
        vector = _offset(metadata, buffers_at)
        for i in range(struct.unpack_from("<I", metadata, vector)[0]):
            offset, length = struct.unpack_from("<qq", metadata, vector + 4 + 16 * i)
            declared = -1
            if compressed and length >= 8:
                declared = int(struct.unpack_from("<q", body, offset)[0])
            unpacked += declared if declared >= 0 else length
    return rows, unpacked


@dataclass(frozen=True)
class _ArrowMetadata:
    """An Arrow file's batches as a Parquet footer's row groups (:class:`_ArrowFile`): their
    rows, what they unpack to, and, when the file is cut short or damaged after its last whole
    batch, one more group of no rows whose reading says so."""

    rows: tuple[int, ...]
    sizes: tuple[int, ...]
    damaged: bool = False

    @property
    def num_rows(self) -> int:
        return sum(self.rows)

    @property
    def num_row_groups(self) -> int:
        return len(self.rows) + self.damaged

    def row_group(self, group: int) -> _ArrowGroup:
        if group == len(self.rows):
            return _ArrowGroup(0, 0)
        return _ArrowGroup(self.rows[group], self.sizes[group])


@dataclass(frozen=True)
class _ArrowGroup:
    num_rows: int
    total_byte_size: int


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _kind(t: Any) -> str:
    """What a column of arrow type ``t`` holds, in a message's words."""
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_string(t) or pa.types.is_large_string(t) or _is_string_view(t):
        return "a string"
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return "bytes"
    if pa.types.is_boolean(t):
        return "a boolean"
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "a number"
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return "a list"
    if pa.types.is_struct(t) or pa.types.is_map(t):
        return "an object"
    if pa.types.is_null(t):
        return "null"
    return str(t)


def _is_string_view(t: Any) -> bool:
    import pyarrow as pa

    check = getattr(pa.types, "is_string_view", None)
    return bool(check(t)) if check is not None else False


def _class_labels(metadata: dict[bytes, bytes] | None) -> dict[str, tuple[str, ...]]:
    """The columns a Hugging Face data set stores as ``ClassLabel`` (integers naming one of a
    list), with their names, from the schema's ``huggingface`` metadata."""
    if not metadata or b"huggingface" not in metadata:
        return {}
    try:
        info = json.loads(metadata[b"huggingface"])
        features = info.get("info", {}).get("features", {})
        found = {}
        for name, spec in features.items():
            if isinstance(spec, dict) and spec.get("_type") == "ClassLabel":
                names = spec.get("names")
                if isinstance(names, list) and all(isinstance(n, str) for n in names):
                    found[name] = tuple(names)
        return found
    except (ValueError, AttributeError, TypeError):
        return {}  # metadata we do not understand: the integers are read as they are


def _label_name(value: Any, names: tuple[str, ...]) -> Any:
    """A ``ClassLabel`` integer's name (-1, "no label", and anything out of range stay as read)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(names):
        return names[value]
    return None if value == -1 else value


def schema_of(path: str | os.PathLike[str]) -> Any:
    """The arrow schema of the Parquet file at ``path`` (its footer only); raises
    :class:`ParquetError` as :func:`open_parquet` does."""
    return open_parquet(path)._file.schema_arrow


class _Writes:
    """What pyarrow writes a Parquet file to: the ``write`` of the stream given (stdout, a
    pipe, the ``--rejected`` file), which pyarrow never closes."""

    closed = False

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._pos = 0

    def write(self, data: Any) -> int:
        data = bytes(data)
        self._stream.write(data)
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def writable(self) -> bool:
        return True


class _RowGroups:
    """A Parquet writer that gathers the batches it is given into row groups of
    :data:`ROW_GROUP_ROWS` rows or :data:`ROW_GROUP_BYTES` bytes (a batch written as it comes
    would be a row group of its own: thousands of small ones)."""

    def __init__(self, stream: Any, schema: Any) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self.schema = schema
        self._writer = pq.ParquetWriter(_Writes(stream), schema)
        self._batches: list[Any] = []
        self._rows = self._bytes = 0

    def add(self, batch: Any) -> None:
        self._batches.append(batch)
        self._rows += batch.num_rows
        self._bytes += batch.nbytes
        if self._rows >= ROW_GROUP_ROWS or self._bytes >= ROW_GROUP_BYTES:
            self._write()

    def _write(self) -> None:
        if self._batches:
            table = self._pa.Table.from_batches(self._batches, schema=self.schema)
            self._writer.write_table(table, row_group_size=max(self._rows, 1))
        self._batches, self._rows, self._bytes = [], 0, 0

    def close(self) -> None:
        try:
            self._write()
        finally:
            self._writer.close()


class ParquetSink:
    """Where ``spundetect filter`` writes the rows of Parquet inputs: the kept ones to ``kept``
    and, when given, the dropped ones to ``rejected``, each row exactly as it is in its file
    (every column, its type and the schema's metadata, so a Hugging Face data set loads with
    its features), in input order. A dropped row gets one more column, ``verdict_column``,
    the verdict as JSON text; with ``annotate``, so does a kept one.

    The rows are not carried through scoring: each input file is read a second time, a batch
    at a time, in step with the decisions (:meth:`put`), which come in row order. Every input
    must have ``schema``'s columns (checked before the run: one output file has one schema).
    :meth:`close` writes the files' footers, also after an interrupted run, so that what was
    written so far can be read.
    """

    def __init__(
        self,
        schema: Any,
        kept: Any,
        rejected: Any | None = None,
        verdict_column: str = "",
        annotate: bool = False,
    ) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        self._pa, self._pc = pa, pc
        full = schema.append(pa.field(verdict_column, pa.string()))
        self._kept = _RowGroups(kept, full if annotate else schema)
        self._rejected = None if rejected is None else _RowGroups(rejected, full)
        self._path: str | None = None  # the file being written from
        self._file: Any = None
        self._starts: list[int] = []  # its row groups' first rows
        self._group = -1  # the row group being read
        self._lost = -1  # a row group that could not be read a second time
        self._batches: Iterator[Any] = iter(())
        self._batch: Any = None
        self._start = 0  # the index of the current batch's first row
        self._keep: list[bool] = []  # the decisions on the current batch's rows so far
        self._verdicts: list[str | None] = []

    def put(self, path: str, index: int, keep: bool, verdict: str | None = None) -> str | None:
        """Decide row ``index`` of ``path``: keep it, or drop it, with ``verdict`` (JSON; for a
        kept row, written only with ``annotate``). Rows come in order; a row group the reader
        could not read is skipped whole.

        Returns why, when the part of the file this row is in cannot be read again with all its
        columns (only the columns the reader did not need are damaged, or the file changed):
        once for that part, whose rows are then not written; else None."""
        if path != self._path:
            self._flush()
            self._path, self._group, self._lost = path, -1, -1
            self._batch, self._keep, self._verdicts = None, [], []
            try:
                self._file = open_parquet(path)._file
            except ParquetError as exc:
                self._file = None
                return f"could not be opened again ({exc}): its rows are not written"
            self._starts = row_group_starts(self._file.metadata)
        if self._file is None:
            return None  # said on its first row
        group = bisect.bisect_right(self._starts, index) - 1
        if group == self._lost:
            return None
        try:
            if group != self._group:
                if group >= len(self._starts) - 1 or index != self._starts[group]:
                    self._file = None  # another file now: nothing more of it is written
                    return f"its rows from {index} on are not where they were read: not written"
                self._flush()
                self._group, self._batch, self._start = group, None, index
                self._batches = self._file.iter_batches(batch_size=BATCH_ROWS, row_groups=[group])
            elif index != self._start + len(self._keep):
                raise ParquetError(f"{path}: row {index} decided out of order")
            while self._batch is None or index - self._start >= self._batch.num_rows:
                self._flush()
                if self._batch is not None:
                    self._start += self._batch.num_rows
                self._batch = next(self._batches)
        except ParquetError:
            raise
        except Exception as exc:  # StopIteration too: the group holds fewer rows this time
            self._lost, self._batch, self._keep, self._verdicts = group, None, [], []
            end = self._starts[group + 1]
            of = f"row group {group + 1} of {len(self._starts) - 1}"
            why = _reason(exc) if not isinstance(exc, StopIteration) else "fewer rows"
            return (
                f"{_rows(index, end)} ({of}) could not be read a second time ({why}): not written"
            )
        self._keep.append(keep)
        self._verdicts.append(verdict)
        return None

    def put_unreadable(self, verdict: str) -> bool:
        """Write to ``rejected`` one row for a whole file that could not be read (no row of
        it to copy): every column null, ``verdict`` (JSON: where and why) in the verdict
        column, in its place among the rows. False when there is nowhere to put it (no
        ``rejected``, or a column that may not be null)."""
        if self._rejected is None:
            return False
        schema = self._rejected.schema
        if any(not f.nullable for f in schema):
            return False
        self._flush()
        pa = self._pa
        columns = [pa.nulls(1, f.type) for f in schema][:-1]
        self._rejected.add(
            pa.RecordBatch.from_arrays([*columns, pa.array([verdict], pa.string())], schema=schema)
        )
        return True

    def _flush(self) -> None:
        """Write the rows of the current batch decided so far (all of it, but where a
        damaged file stopped the reading), which are its first rows."""
        if self._batch is None or not self._keep:
            return
        pa, pc = self._pa, self._pc
        batch = self._batch.slice(0, len(self._keep))
        mask = pa.array(self._keep, pa.bool_())
        for out, keep, rows in (
            (self._kept, True, mask),
            (self._rejected, False, pc.invert(mask)),
        ):
            if out is None or not pc.any(rows).as_py():
                continue
            chosen = batch.filter(rows)
            if out.schema.names != batch.schema.names:  # one more column: the verdicts
                verdicts = [v for v, k in zip(self._verdicts, self._keep, strict=True) if k == keep]
                columns = [*chosen.columns, pa.array(verdicts, pa.string())]
                chosen = pa.RecordBatch.from_arrays(columns, schema=out.schema)
            out.add(chosen)
        self._keep, self._verdicts = [], []

    def close(self) -> None:
        """Write what is decided and the files' footers."""
        try:
            self._flush()
        finally:
            self._kept.close()
            if self._rejected is not None:
                self._rejected.close()
