"""The article-length documents and length bands of benchmarks/bench_quality.py, on made-up records."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_quality.py"
spec = importlib.util.spec_from_file_location("bench_quality", PATH)
assert spec is not None and spec.loader is not None
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def records(n: int, seed: int = 0) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        label, gen = rng.choice(
            [("original", "original"), ("spun", "synonym_heavy"), ("machine_garbled", "mt:spa")]
        )
        source = rng.choice(["wiki", "news"])
        # each word names the text's label, generator family and source, to check the joins
        word = f"{label}/{gen.split(':')[0]}/{source}"
        out.append(
            {
                "label": label,
                "generator": gen,
                "source": source,
                "text": " ".join([word] * rng.randint(60, 400)),
            }
        )
    return out


def test_articles_join_texts_of_one_label_generator_and_source_to_article_length() -> None:
    docs, labels = bench.articles(records(600))
    assert docs and len(docs) == len(labels)
    lo, hi = bench.ARTICLE_WORDS
    for doc, label in zip(docs, labels):
        words = doc.split()
        assert lo <= len(words) <= hi
        assert len(set(words)) == 1 and words[0].startswith(label + "/")
        assert "\n\n" in doc  # several texts, a paragraph each
    assert bench.articles(records(600)) == (docs, labels)  # the same documents every run


def test_length_report_counts_each_band() -> None:
    recs = records(300, seed=1)
    out = bench.length_report(recs, [r["label"] for r in recs])  # every label right
    lines = out.strip().splitlines()[1:]
    assert sum(int(line.split()[1]) for line in lines) == len(recs)
    assert all("macro-F1 1.000" in line and "flagged 0.000" in line for line in lines)
    wrong = bench.length_report(recs, ["spun"] * len(recs))  # every original flagged
    assert all("flagged 1.000" in line for line in wrong.strip().splitlines()[1:])


def test_openings_are_each_texts_first_sentences_within_the_band() -> None:
    labels_ = ("original", "spun", "machine_garbled")
    recs = [
        {"label": lab, "generator": lab, "text": f"{lab.title()} one two three. " * n}
        for n in (2, 5, 9, 20)
        for lab in labels_
    ]
    docs, labels = bench.openings(recs, 15, 30)
    # 4 words a sentence: four sentences (16 words) from the texts of 5, 9 and 20 sentences;
    # the text of two sentences (8 words) is too short
    assert sorted(labels) == sorted(labels_ * 3)
    for doc, label in zip(docs, labels):
        assert doc == " ".join([f"{label.title()} one two three."] * 4)
    assert bench.openings(recs, 15, 30) == (docs, labels)
    # 28 words are too few, and the 32 of eight sentences too many
    assert bench.openings(recs, 30, 31) == ([], [])
