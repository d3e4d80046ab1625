"""The benchmark probes' data files say what their READMEs say they hold."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _probe() -> dict[str, str]:
    rows = [r for p in sorted((BENCH / "genre_probe").glob("*.jsonl")) for r in _rows(p)]
    return {r["id"]: r["text"] for r in rows}


def test_genre_probe_has_forty_distinct_texts() -> None:
    probe = _probe()
    assert len(probe) == 40 and len(set(probe.values())) == 40


@pytest.mark.parametrize(
    "path, fields, per_text, lengths, paragraphs_off",
    [
        # README: five instructions per text, 94-121% of the original's words; one formal
        # rewrite splits a paragraph in two
        ("llm_rewrites/rewrites.jsonl", {"id", "style", "text"}, 5, (0.94, 1.22), 1),
        (
            "nmt_imitations/imitations.jsonl",
            {"id", "language", "severity", "text"},
            1,
            (0.8, 1.2),
            0,
        ),
        ("esl_writers/texts.jsonl", {"id", "first_language", "level", "text"}, 1, (0.8, 1.2), 0),
    ],
)
def test_versions_of_the_probe(
    path: str,
    fields: set[str],
    per_text: int,
    lengths: tuple[float, float],
    paragraphs_off: int,
) -> None:
    probe = _probe()
    rows = _rows(BENCH / path)
    assert all(set(r) == fields for r in rows)
    assert Counter(r["id"] for r in rows) == dict.fromkeys(probe, per_text)
    lo, hi = lengths
    off = 0
    for r in rows:
        source = probe[r["id"]]
        assert r["text"].strip() and r["text"] != source
        assert lo <= len(r["text"].split()) / len(source.split()) <= hi, r["id"]
        off += r["text"].count("\n\n") != source.count("\n\n")
    assert off == paragraphs_off


def test_imitations_spread_over_their_groups() -> None:
    nmt = _rows(BENCH / "nmt_imitations/imitations.jsonl")
    esl = _rows(BENCH / "esl_writers/texts.jsonl")
    assert {r["severity"] for r in nmt} == {"mild", "moderate", "severe"}
    assert len({r["language"] for r in nmt}) == 12
    assert sorted(r["level"] for r in esl).count("intermediate") == 20
    assert len({r["first_language"] for r in esl}) == 20


def test_recent_vocabulary_pairs_say_the_same_in_other_words() -> None:
    """README: ten paragraphs, each with a plain version of 90-130% of its length."""
    rows = _rows(BENCH / "recent_vocab" / "pairs.jsonl")
    assert len(rows) == 10 and len({r["id"] for r in rows}) == 10
    for r in rows:
        assert set(r) == {"id", "topic", "recent", "plain"}
        ratio = len(r["plain"].split()) / len(r["recent"].split())
        assert 0.9 <= ratio <= 1.3, (r["id"], ratio)
        assert r["recent"] != r["plain"]


def test_article_length_rows_join_distinct_texts_of_one_file() -> None:
    import importlib.util
    import random

    path = BENCH / "bench_genre.py"
    spec = importlib.util.spec_from_file_location("bench_genre", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    texts = [f"Paragraph {k} of the file." for k in range(12)]
    docs = bench.joined(texts, random.Random(0))
    assert len(docs) == bench.ARTICLES_PER_ROW
    for doc in docs:
        paragraphs = doc.split("\n\n")
        assert len(paragraphs) == len(set(paragraphs)) == bench.TEXTS_PER_ARTICLE
        assert set(paragraphs) <= set(texts)
    assert len(set(docs)) > 1  # drawn anew for each document
    # a file with fewer texts than an article takes: all of them, once each
    for doc in bench.joined(texts[:3], random.Random(1)):
        assert sorted(doc.split("\n\n")) == sorted(texts[:3])
