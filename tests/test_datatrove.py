"""spundetect as a datatrove pipeline step (``spundetect.datatrove``): every document kept or
sent to the exclusion writer by :class:`spundetect.Filter`'s rule, with the verdict in its
metadata; settings checked when the pipeline is built; the model loaded in the worker."""

from __future__ import annotations

import gzip
import json
import pickle
import random
import socket
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove")
pq = pytest.importorskip("pyarrow.parquet")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter, ParquetWriter  # noqa: E402
from sample_texts import ORIGINALS, garble  # noqa: E402

from spundetect import Detector, Filter, ModelError  # noqa: E402
from spundetect.datatrove import METADATA_PREFIX, SpundetectFilter  # noqa: E402
from spundetect.detector import default_model_dir  # noqa: E402

KEYS = {f"{METADATA_PREFIX}{k}" for k in ("label", "status", "reason")} | {
    f"{METADATA_PREFIX}p_{k}" for k in ("original", "spun", "machine_garbled")
}
SHORT = "Too short to judge."
BINARY = "bin\x00ary " * 20


def _texts() -> list[str]:
    rng = random.Random(3)
    mixed = [t for o in ORIGINALS[:5] for t in (o, garble(o, rng))]
    return [SHORT, *mixed, BINARY]  # an unjudged first document: Parquet's schema comes from it


def _docs() -> list[Document]:
    return [Document(text=t, id=f"doc-{i}") for i, t in enumerate(_texts())]


def _run(tmp_path: Path, step: SpundetectFilter, kept: Any, **executor: Any) -> None:
    LocalPipelineExecutor(
        [_docs(), step, kept], logging_dir=str(tmp_path / "logs"), **executor
    ).run()


def _jsonl(folder: Path) -> list[dict[str, Any]]:
    rows = []
    for f in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    return rows


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No network: datatrove's executor talks to its own manager over a Unix socket, which
    stays open; every internet socket is refused."""
    connect = socket.socket.connect

    def local_only(sock: socket.socket, address: Any) -> None:
        if sock.family != socket.AF_UNIX:
            raise AssertionError(f"network access attempted: {address!r}")
        connect(sock, address)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", local_only)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_every_document_is_kept_or_excluded_by_the_filters_rule(
    tmp_path: Path, detector: Detector, offline: None
) -> None:
    step = SpundetectFilter(exclusion_writer=JsonlWriter(str(tmp_path / "removed")))
    _run(tmp_path, step, JsonlWriter(str(tmp_path / "kept")), tasks=1)
    kept, removed = _jsonl(tmp_path / "kept"), _jsonl(tmp_path / "removed")
    texts = _texts()
    # nothing lost, nothing twice
    assert sorted(d["id"] for d in kept + removed) == sorted(f"doc-{i}" for i in range(len(texts)))
    rule = Filter(detector)
    by_id = {d["id"]: d for d in kept + removed}
    labels = set()
    for i, text in enumerate(texts):
        meta = by_id[f"doc-{i}"]["metadata"]
        assert set(meta) >= KEYS
        if text == BINARY:
            assert meta[f"{METADATA_PREFIX}status"] == "error" and meta["filter_reason"] == "error"
            assert "NUL bytes" in meta[f"{METADATA_PREFIX}reason"]
            continue
        d = rule(text)
        labels.add(d.result.label)
        assert (by_id[f"doc-{i}"] in kept) == d.keep
        assert meta[f"{METADATA_PREFIX}reason"] == d.reason
        assert meta[f"{METADATA_PREFIX}label"] == (d.result.label or "")
        assert meta[f"{METADATA_PREFIX}status"] == d.result.status
        p = d.result.probabilities
        assert meta[f"{METADATA_PREFIX}p_original"] == pytest.approx(p["original"], abs=1e-4)
        if not d.keep:
            assert meta["filter_reason"] == d.result.label
    assert {"original", "machine_garbled", None} <= labels  # the test sees every outcome
    # the step's statistics count the verdicts; datatrove's count what was dropped and why
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    counts = next(s["stats"] for s in stats if "spundetect" in s["name"])
    assert counts["status_error"] == 1 and counts["status_too_short"] == 1
    assert (
        counts["label_machine_garbled"]
        == counts["dropped_machine_garbled"]
        == sum(d["metadata"].get("filter_reason") == "machine_garbled" for d in removed)
    )


def test_parquet_writer_takes_the_metadata_whatever_the_first_document(tmp_path: Path) -> None:
    # the first document is not judged and has no evidence: no null or empty-list column
    step = SpundetectFilter(drop=(), explain=True)
    _run(tmp_path, step, ParquetWriter(str(tmp_path / "all")), tasks=1)
    rows = pq.read_table(next((tmp_path / "all").glob("*.parquet"))).to_pylist()
    assert len(rows) == len(_texts()) - 1  # drop=() keeps every readable document
    meta = [r["metadata"] for r in rows]
    assert meta[0][f"{METADATA_PREFIX}label"] == "" and meta[0][f"{METADATA_PREFIX}evidence"] == ""
    assert any(m[f"{METADATA_PREFIX}label"] == "machine_garbled" for m in meta)
    garbled = [m for m in meta if m[f"{METADATA_PREFIX}label"] == "machine_garbled"]
    assert all(m[f"{METADATA_PREFIX}evidence"] for m in garbled)  # explained, one line each


def test_unjudged_documents_are_dropped_when_asked(detector: Detector) -> None:
    step = SpundetectFilter(detector, unjudged="drop", drop="machine_garbled")
    docs = _docs()
    out = step.filter_batch(docs)
    assert out[0] == (False, "too_short")
    assert out[-1] == (False, "error")
    assert step.filter(Document(text=ORIGINALS[0], id="x")) is True


def test_settings_are_checked_when_the_pipeline_is_built(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="spam"):
        SpundetectFilter(drop="spam")
    with pytest.raises(ValueError, match="not both"):
        SpundetectFilter(max_fpr=0.01, threshold=0.1)
    with pytest.raises(ModelError, match="not a model directory"):
        SpundetectFilter(tmp_path / "missing")
    with pytest.raises(ModelError, match="not a model directory"):
        SpundetectFilter("")
    with pytest.raises(ValueError, match="batch_size"):
        SpundetectFilter(batch_size=0)  # datatrove would say so only when the task runs
    # read from the model's card, not left to the first batch in a worker
    with pytest.raises(ValueError, match=r"no operating point at a false-positive rate <= 0\.001"):
        SpundetectFilter(max_fpr=0.001)
    # a model folder: its own card, read now (the model itself is loaded in the worker)
    with pytest.raises(ValueError, match=r"no operating point at a false-positive rate <= 0\.001"):
        SpundetectFilter(default_model_dir(), max_fpr=0.001)
    with pytest.raises(ValueError, match="not both"):
        SpundetectFilter(default_model_dir(), max_fpr=0.01, threshold=0.1)
    with pytest.raises(ModelError, match="not a spundetect model directory"):
        SpundetectFilter(tmp_path)
    step = SpundetectFilter(max_fpr=0.02)
    assert step._ready is None  # nothing loaded yet


@pytest.mark.parametrize("named", [True, False], ids=["folder", "shipped"])
def test_the_step_travels_to_workers_without_its_model(named: bool) -> None:
    # the shipped model too: the rule's own cache of it travelled (41 MB) once it had decided
    step = SpundetectFilter(default_model_dir() if named else None, max_fpr=0.02)
    before = len(pickle.dumps(step))
    step.filter_batch(_docs()[:3])  # loads the model here
    assert step._ready is not None and step._ready.scorer.max_fpr == 0.02
    after = pickle.dumps(step)
    assert before < 20_000 and len(after) < 20_000  # settings and statistics, not the model
    again = pickle.loads(after)
    assert again._ready is None
    docs = _docs()
    assert again.filter_batch(docs) == step.filter_batch(_docs())


def test_two_workers_score_their_own_tasks(tmp_path: Path) -> None:
    step = SpundetectFilter(exclusion_writer=JsonlWriter(str(tmp_path / "removed")))
    _run(tmp_path, step, JsonlWriter(str(tmp_path / "kept")), tasks=2, workers=2)
    assert step._ready is None  # the parent never loaded the model
    ids = [d["id"] for d in _jsonl(tmp_path / "kept") + _jsonl(tmp_path / "removed")]
    # each task reads the whole list here (a list is not sharded): every document twice
    assert sorted(ids) == sorted(f"doc-{i}" for i in range(len(_texts())) for _ in range(2))


def test_without_datatrove_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import sys

    monkeypatch.setitem(sys.modules, "datatrove.pipeline.filters.base_filter", None)
    monkeypatch.delitem(sys.modules, "spundetect.datatrove")
    with pytest.raises(ImportError, match=r"pip install 'spundetect\[datatrove\]'"):
        importlib.import_module("spundetect.datatrove")


def test_a_rate_between_two_points_says_which_point_it_uses(detector: Detector) -> None:
    from loguru import logger

    step = SpundetectFilter(max_fpr=0.03)
    messages: list[str] = []
    sink = logger.add(lambda m: messages.append(str(m)), level="INFO")
    try:
        step.filter_batch(_docs()[:2])
    finally:
        logger.remove(sink)
    assert step.loaded_rule.scorer.max_fpr == 0.02
    assert any("max_fpr 0.03" in m and "using its 0.02 point" in m for m in messages)


def test_within_and_sources_drop_what_follows_a_text_already_held(
    tmp_path: Path, detector: Detector, offline: None
) -> None:
    """A copy of a document kept before it (``within``) and a copy of a source text
    (``sources``) go to the exclusion writer as ``derived``, naming the text they follow;
    each family keeps its first member, and what follows nothing is kept as the rule says."""
    a, b, c = ORIGINALS[:3]
    texts = [a, b, a.replace(". ", ".  ", 1), c, SHORT, a]
    docs = [Document(text=t, id=f"doc-{i}") for i, t in enumerate(texts)]
    docs[5].id = "doc-0"  # an id taken: still matched, still indexed
    source = tmp_path / "wire.jsonl"
    source.write_text(json.dumps({"id": "wire-1", "text": c}) + "\n")
    step = SpundetectFilter(
        drop=(), within=True, sources=source, exclusion_writer=JsonlWriter(str(tmp_path / "rm"))
    )
    LocalPipelineExecutor(
        [docs, step, JsonlWriter(str(tmp_path / "kept"))], logging_dir=str(tmp_path / "logs")
    ).run()
    kept, removed = _jsonl(tmp_path / "kept"), _jsonl(tmp_path / "rm")
    assert [d["id"] for d in kept] == ["doc-0", "doc-1", "doc-4"]
    follows = [d["metadata"] for d in removed]
    assert len(removed) == 3 and all(m["filter_reason"] == "derived" for m in follows)
    assert sorted(m[f"{METADATA_PREFIX}source"] for m in follows) == ["doc-0", "doc-0", "wire-1"]
    why = [m[f"{METADATA_PREFIX}reason"] for m in follows]
    assert all(w.startswith("dropped: copied from ") for w in why), why
    assert all(d["metadata"][f"{METADATA_PREFIX}source"] == "" for d in kept)
    assert all(d["metadata"][f"{METADATA_PREFIX}label"] == "original" for d in removed)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    counts = next(s["stats"] for s in stats if "spundetect" in s["name"])
    assert counts["dropped_derived"] == 3
    # without them: no key of its own, the copies kept
    fresh = [Document(text=t, id=f"doc-{i}") for i, t in enumerate(texts)]
    assert SpundetectFilter(drop=()).filter_batch(fresh) == [True] * len(fresh)
    assert not any(f"{METADATA_PREFIX}source" in d.metadata for d in fresh)


def test_sources_are_checked_when_built_and_read_in_the_worker(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        SpundetectFilter(sources=tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    step = SpundetectFilter(sources=[bad], within=True)
    state = pickle.loads(pickle.dumps(step))
    assert state.sources == [str(bad)] and state._index is None
    with pytest.raises(ValueError, match="no source could be read"):
        step.filter_batch(_docs()[1:2])
    good = tmp_path / "good.jsonl"
    good.write_text(bad.read_text() + json.dumps({"id": "s1", "text": ORIGINALS[0]}) + "\n")
    step = SpundetectFilter(sources=str(good), drop=())
    (decision,) = step.filter_batch([Document(text=ORIGINALS[0], id="x")])
    assert decision == (False, "derived") and len(step.index()) == 1
    assert step.stats["sources_unreadable"].total == 1


def test_within_window_holds_the_latest_documents_kept(detector: Detector) -> None:
    with pytest.raises(ValueError, match="set within=True too"):
        SpundetectFilter(within_window=10)
    with pytest.raises(ValueError, match="window must be a positive number"):
        SpundetectFilter(within=True, within_window=0)
    a, b = ORIGINALS[:2]
    texts = [a, b, a.replace(". ", ".  ", 1)]
    held = SpundetectFilter(drop=(), within=True)
    assert held.filter_batch([Document(text=t, id=f"d{i}") for i, t in enumerate(texts)]) == [
        True,
        True,
        (False, "derived"),
    ]
    bounded = SpundetectFilter(drop=(), within=True, within_window=1)
    docs = [Document(text=t, id=f"d{i}") for i, t in enumerate(texts)]
    assert bounded.filter_batch(docs) == [True, True, True] and len(bounded.index()) == 1
