"""Parquet input (``spundetect.parquet`` and its use in ``spundetect.io``): rows read in order
with their index, what no row could pass said once for the file, a damaged row group left out
and the rest read, and the filter's writer passing rows through exactly as they are."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from spundetect.io import read_records  # noqa: E402
from spundetect.parquet import ParquetError, ParquetSink, open_parquet  # noqa: E402

TEXTS = [
    f"Story {i}: the ferry to the island ran late again on Monday because of strong winds, "
    "and the harbour master said the timetable would be checked before the summer."
    for i in range(7)
]


def _write(path: Path, table: Any, **kwargs: Any) -> Path:
    pq.write_table(table, path, **kwargs)
    return path


def test_rows_are_read_in_order_with_their_index_and_id(tmp_path: Path) -> None:
    table = pa.table({"id": [10, 11, 12], "text": TEXTS[:3], "url": ["a", "b", "c"]})
    path = _write(tmp_path / "a.parquet", table, row_group_size=2)
    recs = list(read_records([str(path)]))
    assert [r.id for r in recs] == ["10", "11", "12"]
    assert [r.text for r in recs] == TEXTS[:3]
    assert [r.where for r in recs] == [f"{path}[{i}]" for i in range(3)]
    assert [r.row for r in recs] == [0, 1, 2]
    # without an id column the id is where the row is
    recs = list(read_records([str(path)], id_field="nope"))
    assert recs[1].id == f"{path}[1]"


def test_a_missing_or_wrong_column_is_said_once_for_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.parquet", pa.table({"content": TEXTS[:3]}))
    (rec,) = read_records([str(path)])
    assert rec.error is not None and 'no "text" column (columns: content)' in rec.error
    assert "--text-field" in rec.error
    assert [r.text for r in read_records([str(path)], text_field="content")] == TEXTS[:3]
    path = _write(tmp_path / "n.parquet", pa.table({"text": [1, 2, 3]}))
    (rec,) = read_records([str(path)])
    assert rec.error is not None and 'column "text" holds a number, not text' in rec.error
    # a label column of plain integers (no ClassLabel names) cannot be labels
    path = _write(tmp_path / "l.parquet", pa.table({"text": TEXTS[:2], "label": [0, 1]}))
    (rec,) = read_records([str(path)], label_field="label")
    assert rec.error is not None and 'column "label" holds a number' in rec.error


def test_bad_rows_are_said_and_the_rest_read(tmp_path: Path) -> None:
    texts = [TEXTS[0], None, "", TEXTS[1]]
    path = _write(tmp_path / "b.parquet", pa.table({"text": texts}))
    recs = list(read_records([str(path)]))
    assert len(recs) == 4
    assert recs[0].text == TEXTS[0] and recs[3].text == TEXTS[1]
    assert recs[1].error is not None and '"text" is null' in recs[1].error
    assert recs[1].row == 1 and recs[1].where == f"{path}[1]"
    assert recs[2].ok and recs[2].text == ""  # empty: judged "empty" by the detector
    path = _write(tmp_path / "e.parquet", pa.table({"text": pa.array([], pa.string())}))
    (rec,) = read_records([str(path)])
    assert rec.error == "no records (no rows)"


def test_a_column_of_bytes_is_decoded_as_a_text_file_is(tmp_path: Path) -> None:
    latin = "We met at the café by the station to talk about the résumé she sent last week."
    data = [TEXTS[0].encode("utf-8"), latin.encode("cp1252"), b"\x00\x01\x02" * 50]
    path = _write(tmp_path / "bytes.parquet", pa.table({"text": pa.array(data, pa.binary())}))
    recs = list(read_records([str(path)]))
    assert recs[0].text == TEXTS[0]
    # as a text file in another encoding is: said, with what to do
    assert recs[1].error is not None and "not UTF-8" in recs[1].error
    assert recs[2].error is not None and recs[2].error.startswith('"text": ')
    assert [r.row for r in recs] == [0, 1, 2]


def test_class_labels_of_a_hugging_face_data_set_are_read_as_their_names(
    tmp_path: Path,
) -> None:
    names = ["original", "spun", "machine_garbled"]
    features = {
        "text": {"dtype": "string", "_type": "Value"},
        "label": {"names": names, "_type": "ClassLabel"},
    }
    meta = {b"huggingface": json.dumps({"info": {"features": features}}).encode()}
    schema = pa.schema([("text", pa.string()), ("label", pa.int64())], metadata=meta)
    table = pa.table({"text": TEXTS[:4], "label": [0, 2, 1, -1]}, schema=schema)
    path = _write(tmp_path / "hf.parquet", table)
    recs = list(read_records([str(path)], label_field="label"))
    assert [r.label for r in recs[:3]] == ["original", "machine_garbled", "spun"]
    assert recs[3].error is not None and '"label" is empty' in recs[3].error  # -1: no label


def test_a_damaged_row_group_is_left_out_and_the_next_read(tmp_path: Path) -> None:
    buf = io.BytesIO()
    pq.write_table(pa.table({"text": TEXTS[:6]}), buf, row_group_size=2)
    data = bytearray(buf.getvalue())
    column = pq.ParquetFile(io.BytesIO(bytes(data))).metadata.row_group(1).column(0)
    start = column.dictionary_page_offset or column.data_page_offset
    data[start : start + 8] = bytes(b ^ 0xFF for b in data[start : start + 8])
    path = tmp_path / "damaged.parquet"
    path.write_bytes(bytes(data))
    recs = list(read_records([str(path)]))
    assert [r.text for r in recs if r.ok] == [TEXTS[i] for i in (0, 1, 4, 5)]
    (bad,) = [r for r in recs if not r.ok]
    assert bad.where == str(path) and bad.row is None
    assert bad.error is not None and "rows 2 to 3 (row group 2 of 3) could not be read" in bad.error
    assert [r.ok for r in recs] == [True, True, False, True, True]  # in its place


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "not a Parquet file"),
        (b"just some text, named .parquet\n", "not a Parquet file"),
        (b"PAR1" + b"\x00" * 40, "a damaged or cut-short Parquet file"),
    ],
)
def test_a_file_that_is_not_parquet_is_an_error_record(
    tmp_path: Path, data: bytes, says: str
) -> None:
    path = tmp_path / "x.parquet"
    path.write_bytes(data)
    (rec,) = read_records([str(path)])
    assert rec.error is not None and says in rec.error


def test_a_cut_short_parquet_file_is_an_error_record(tmp_path: Path) -> None:
    path = _write(tmp_path / "whole.parquet", pa.table({"text": TEXTS}))
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(path.read_bytes()[:-30])
    (rec,) = read_records([str(cut)])
    assert rec.error is not None and "damaged or cut-short" in rec.error


def test_stdin_and_a_compressed_file_are_refused_with_what_to_do(tmp_path: Path) -> None:
    (rec,) = read_records(["-"], input_format="parquet")
    assert rec.error is not None and "not from stdin" in rec.error
    gz = tmp_path / "a.parquet.gz"
    gz.write_bytes(b"\x1f\x8b")
    (rec,) = read_records([str(gz)])
    assert rec.error is not None and "decompress it first" in rec.error


def test_without_pyarrow_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "a.parquet", pa.table({"text": TEXTS[:1]}))
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    (rec,) = read_records([str(path)])
    assert rec.error is not None and "pip install 'spundetect[parquet]'" in rec.error


def test_a_folder_of_shards_is_walked_when_told_and_progress_counts_the_bytes(
    tmp_path: Path,
) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    for i in range(2):
        _write(shards / f"part-{i}.parquet", pa.table({"text": TEXTS[3 * i : 3 * i + 3]}))
    (shards / "notes.txt").write_text("not a shard")
    seen: list[int] = []
    recs = list(read_records([str(shards)], input_format="parquet", progress=seen.append))
    assert [r.text for r in recs] == TEXTS[:6]
    assert sum(seen) == sum(p.stat().st_size for p in shards.glob("*.parquet"))


def test_open_parquet_names_the_columns_and_what_they_hold(tmp_path: Path) -> None:
    table = pa.table(
        {
            "text": pa.array(TEXTS[:1], pa.large_string()),
            "n": [1],
            "tags": [["a"]],
            "meta": [{"k": 1}],
            "cat": pa.array(["x"]).dictionary_encode(),
        }
    )
    pf = open_parquet(_write(tmp_path / "k.parquet", table))
    assert pf.columns == ("text", "n", "tags", "meta", "cat")
    assert pf.kinds == {
        "text": "a string",
        "n": "a number",
        "tags": "a list",
        "meta": "an object",
        "cat": "a string",
    }
    assert pf.num_rows == 1


def _sink_run(
    tmp_path: Path, tables: list[Any], decide: Any, rejected: bool = True
) -> tuple[Any, Any]:
    paths = [_write(tmp_path / f"in{i}.parquet", t, row_group_size=3) for i, t in enumerate(tables)]
    kept, dropped = io.BytesIO(), io.BytesIO()
    sink = ParquetSink(pq.read_schema(paths[0]), kept, dropped if rejected else None, "spundetect")
    for path in paths:
        for rec in read_records([str(path)]):
            assert rec.row is not None
            keep = decide(rec)
            sink.put(str(path), rec.row, keep, None if keep else json.dumps({"row": rec.row}))
    sink.close()
    out = pq.read_table(io.BytesIO(kept.getvalue()))
    rej = pq.read_table(io.BytesIO(dropped.getvalue())) if rejected else None
    return out, rej


def test_the_sink_writes_kept_rows_as_they_are_and_dropped_ones_with_the_verdict(
    tmp_path: Path,
) -> None:
    meta = {b"huggingface": b'{"info": {"features": {}}}'}
    schema = pa.schema(
        [
            ("id", pa.int32()),
            ("text", pa.large_string()),
            ("when", pa.timestamp("ms", tz="UTC")),
            ("tags", pa.list_(pa.string())),
        ],
        metadata=meta,
    )
    n = 7
    table = pa.table(
        {
            "id": list(range(n)),
            "text": TEXTS[:n],
            "when": [1_700_000_000_000 + i for i in range(n)],
            "tags": [[f"t{i}"] * (i % 3) for i in range(n)],
        },
        schema=schema,
    )
    out, rej = _sink_run(tmp_path, [table, table], lambda rec: rec.row % 2 == 0)
    # as the file holds them (Parquet names a list's items "element")
    table = pq.read_table(tmp_path / "in0.parquet")
    assert out.schema.equals(table.schema, check_metadata=True)
    assert out.schema.metadata[b"huggingface"] == meta[b"huggingface"]
    expect = table.filter(pa.array([i % 2 == 0 for i in range(n)]))
    assert out.equals(pa.concat_tables([expect, expect]))
    assert rej is not None and rej.num_rows == 2 * (n // 2)
    assert rej.column("id").to_pylist() == [1, 3, 5, 1, 3, 5]
    assert [json.loads(v)["row"] for v in rej.column("spundetect").to_pylist()] == [1, 3, 5] * 2
    assert rej.select(table.schema.names).equals(
        pa.concat_tables([table.filter(pa.array([i % 2 == 1 for i in range(n)]))] * 2)
    )


def test_the_sink_refuses_rows_out_of_order(tmp_path: Path) -> None:
    table = pa.table({"text": TEXTS[:4]})
    path = _write(tmp_path / "o.parquet", table)
    sink = ParquetSink(table.schema, io.BytesIO())
    sink.put(str(path), 0, True)
    with pytest.raises(ParquetError, match="out of order"):
        sink.put(str(path), 2, True)


def test_the_sink_gathers_batches_into_row_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spundetect.parquet as parquet

    monkeypatch.setattr(parquet, "BATCH_ROWS", 2)  # batches of two rows ...
    monkeypatch.setattr(parquet, "ROW_GROUP_ROWS", 5)  # ... gathered into groups of five or more
    table = pa.table({"text": [f"text {i}" for i in range(13)]})
    path = _write(tmp_path / "g.parquet", table, row_group_size=4)
    out = io.BytesIO()
    sink = ParquetSink(pq.read_schema(path), out)
    for i in range(13):
        sink.put(str(path), i, True)
    sink.close()
    written = pq.ParquetFile(io.BytesIO(out.getvalue()))
    sizes = [written.metadata.row_group(g).num_rows for g in range(written.metadata.num_row_groups)]
    assert sizes == [6, 6, 1]
    assert written.read().equals(table)


def test_a_row_group_that_unpacks_like_a_bomb_is_not_read_and_the_rest_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spundetect.parquet as parquet

    monkeypatch.setattr(parquet, "MAX_UNPACKED", 1 << 20)  # an 8 MB string stands for 2 GB
    texts = [TEXTS[0], TEXTS[1], "a" * (8 << 20), TEXTS[2], TEXTS[3], TEXTS[4]]
    path = _write(
        tmp_path / "bomb.parquet",
        pa.table({"text": texts}),
        row_group_size=2,
        compression="zstd",
        use_dictionary=False,
    )
    recs = list(read_records([str(path)]))
    assert [r.text for r in recs if r.ok] == [TEXTS[i] for i in (0, 1, 3, 4)]
    (bad,) = [r for r in recs if not r.ok]
    assert bad.error is not None and "rows 2 to 3 (row group 2 of 3) not read" in bad.error
    assert "it unpacks to 8.4 MB from a file of" in bad.error and "decompression bomb" in bad.error
    # filter's writer reads the file again in step, and skips the group as the reader did
    out = io.BytesIO()
    sink = ParquetSink(pq.read_schema(path), out)
    for rec in recs:
        if rec.row is not None:
            sink.put(str(path), rec.row, True)
    sink.close()
    assert pq.read_table(io.BytesIO(out.getvalue())).column("text").to_pylist() == [
        TEXTS[i] for i in (0, 1, 3, 4)
    ]


def test_rows_the_sink_cannot_read_again_are_said_once_and_the_rest_written(
    tmp_path: Path,
) -> None:
    table = pa.table({"text": TEXTS[:6]})
    path = _write(tmp_path / "changing.parquet", table, row_group_size=3)
    recs = list(read_records([str(path)]))
    _write(path, pa.table({"text": TEXTS[:5]}), row_group_size=3)  # changed under the run
    out = io.BytesIO()
    sink = ParquetSink(pq.read_schema(path), out)
    said = [sink.put(str(path), r.row, True) for r in recs if r.row is not None]
    sink.close()
    assert said[:5] == [None] * 5
    assert said[5] is not None and "its rows from 5 on are not where they were read" in said[5]
    assert pq.read_table(io.BytesIO(out.getvalue())).column("text").to_pylist() == TEXTS[:5]
    # a file that cannot be opened again: said on its first row, nothing of it written
    other = _write(tmp_path / "gone.parquet", table)
    recs = list(read_records([str(other)]))
    other.write_bytes(b"gone")
    sink = ParquetSink(pq.read_schema(path), io.BytesIO())
    said = [sink.put(str(other), r.row, True) for r in recs if r.row is not None]
    sink.close()
    assert said[0] is not None and "could not be opened again" in said[0]
    assert said[1:] == [None] * 5


def test_a_field_of_a_struct_column_is_named_by_its_path(tmp_path: Path) -> None:
    meta = [{"text": TEXTS[i], "url": f"https://x.example/{i}", "n": i} for i in range(3)]
    path = _write(tmp_path / "nested.parquet", pa.table({"meta": meta, "lang": ["en"] * 3}))
    recs = list(read_records([str(path)], text_field="meta.text", id_field="meta.url"))
    assert [(r.id, r.text) for r in recs] == [
        (f"https://x.example/{i}", TEXTS[i]) for i in range(3)
    ]
    (rec,) = read_records([str(path)], text_field="meta.n")
    assert rec.error is not None and 'column "meta.n" holds a number, not text' in rec.error
    (rec,) = read_records([str(path)], text_field="meta.body")
    assert rec.error is not None and 'no "meta.body" column (columns: meta, lang)' in rec.error
    (rec,) = read_records([str(path)], text_field="lang.x")  # a path into a string column
    assert rec.error is not None and 'no "lang.x" column' in rec.error


def _arrow(path: Path, table: Any, *, stream: bool, chunk: int = 2, **options: Any) -> Path:
    new = pa.ipc.new_stream if stream else pa.ipc.new_file
    with pa.OSFile(str(path), "wb") as f, new(f, table.schema, **options) as writer:
        for batch in table.to_batches(max_chunksize=chunk):
            writer.write_batch(batch)
    return path


@pytest.mark.parametrize("stream", [True, False])
def test_an_arrow_file_is_read_as_a_parquet_one(tmp_path: Path, stream: bool) -> None:
    """A Hugging Face data set saved with ``save_to_disk`` ("data-00000-of-00001.arrow", Arrow's
    stream format) or a Feather file was "binary file (NUL bytes), not text": its rows are read
    as a Parquet file's, class labels as their names, a folder of them walked when told, and
    filter's sink copies them as they are. A cut-short one is said, as damaged."""
    names = ["original", "spun", "machine_garbled"]
    features = {"label": {"names": names, "_type": "ClassLabel"}}
    meta = {b"huggingface": json.dumps({"info": {"features": features}}).encode()}
    schema = pa.schema([("id", pa.int64()), ("text", pa.string()), ("label", pa.int64())], meta)
    table = pa.table({"id": [10, 11, 12], "text": TEXTS[:3], "label": [1, 0, 2]}, schema=schema)
    split = tmp_path / "ds" / "train"
    split.mkdir(parents=True)
    (split / "state.json").write_text("{}")
    path = _arrow(split / "data-00000-of-00001.arrow", table, stream=stream)
    recs = list(read_records([str(path)], label_field="label"))
    assert [(r.id, r.text, r.label, r.row) for r in recs] == [
        ("10", TEXTS[0], "spun", 0),
        ("11", TEXTS[1], "original", 1),
        ("12", TEXTS[2], "machine_garbled", 2),
    ]
    walked = list(read_records([str(tmp_path / "ds")], input_format="parquet"))
    assert [r.id for r in walked] == ["10", "11", "12"]
    kept, dropped = io.BytesIO(), io.BytesIO()
    sink = ParquetSink(table.schema, kept, dropped, "spundetect")
    for rec in recs:
        assert rec.row is not None
        sink.put(str(path), rec.row, rec.row != 1, None if rec.row != 1 else "{}")
    sink.close()
    out = pq.read_table(io.BytesIO(kept.getvalue()))
    assert out.schema.equals(table.schema, check_metadata=True)
    assert out.equals(table.filter(pa.array([True, False, True])))
    cut = tmp_path / "cut.arrow"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    (rec,) = read_records([str(cut)])
    assert rec.error is not None and "a damaged or cut-short Arrow file" in rec.error


def test_a_compressed_arrow_file_is_read(tmp_path: Path) -> None:
    table = pa.table({"text": TEXTS[:3]})
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    path = _arrow(tmp_path / "z.feather", table, stream=False, options=options)
    assert [r.text for r in read_records([str(path)])] == TEXTS[:3]


def test_an_arrow_file_cut_short_damaged_or_packed_like_a_bomb_loses_only_that(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Arrow's reader checks a batch's layout, not its values: an offset or a dictionary index
    out of bounds ended the process (SIGSEGV); a compressed batch unpacked whole whatever its
    size (99 KB of zstd took 3.3 GB); a file cut short lost every row. Each batch is checked
    before it is read, one that unpacks like a bomb is not read, and the batches before a cut
    are (a helper's audit, sixty-second session)."""
    import struct

    import spundetect.parquet as parquet

    table = pa.table({"id": [f"r{i}" for i in range(6)], "text": TEXTS[:6]})
    _arrow(tmp_path / "whole.arrow", table, stream=True)
    whole = (tmp_path / "whole.arrow").read_bytes()
    cut = tmp_path / "cut.arrow"
    cut.write_bytes(whole[:-100])  # inside the last batch
    recs = list(read_records([str(cut)]))
    assert [r.id for r in recs if r.ok] == ["r0", "r1", "r2", "r3"]
    assert recs[-1].error is not None and "rows from 4 on (row group 3 of 3) could not" in (
        recs[-1].error
    )
    # an offset 1 GiB past the data: that batch said, the others read
    n = len(TEXTS[0])
    data = bytearray(whole)
    at = data.find(struct.pack("<3i", 0, n, 2 * n))
    data[at + 4 : at + 8] = struct.pack("<i", 1 << 30)
    bad = tmp_path / "bad.arrow"
    bad.write_bytes(bytes(data))
    recs = list(read_records([str(bad)]))
    assert [r.id for r in recs if r.ok] == ["r2", "r3", "r4", "r5"]
    assert recs[0].error is not None and "rows 0 to 1 (row group 1 of 3) could not" in recs[0].error
    # a compressed batch that unpacks to far more than the file: not read, the rest are
    monkeypatch.setattr(parquet, "MAX_UNPACKED", 1 << 20)  # an 8 MB string stands for 2 GB
    packed = pa.table({"text": [TEXTS[0], "a" * (8 << 20), TEXTS[1], TEXTS[2]]})
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    bomb = _arrow(tmp_path / "bomb.feather", packed, stream=False, options=options)
    recs = list(read_records([str(bomb)]))
    assert [r.text for r in recs if r.ok] == [TEXTS[1], TEXTS[2]]
    (said,) = [r for r in recs if not r.ok]
    assert said.error is not None and "rows 0 to 1 (row group 1 of 2) not read" in said.error
    assert "decompression bomb" in said.error


def test_an_arrow_files_view_columns_are_read_and_passed_through(tmp_path: Path) -> None:
    """A "string_view" column (Arrow's newer strings) is read as text, and filter's sink,
    whose kernels take no views, writes it as a large string."""
    if not hasattr(pa, "string_view"):
        pytest.skip("this pyarrow has no string views")
    table = pa.table({"text": pa.array(TEXTS[:3], pa.string_view())})
    path = _arrow(tmp_path / "v.arrow", table, stream=True)
    recs = list(read_records([str(path)]))
    assert [r.text for r in recs] == TEXTS[:3]
    kept = io.BytesIO()
    sink = ParquetSink(open_parquet(path)._file.schema_arrow, kept)
    for rec in recs:
        assert rec.row is not None
        sink.put(str(path), rec.row, rec.row != 1)
    sink.close()
    out = pq.read_table(io.BytesIO(kept.getvalue()))
    assert out.column("text").to_pylist() == [TEXTS[0], TEXTS[2]]
