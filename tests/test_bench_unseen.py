"""The twice-unseen quality figure (benchmarks/bench_unseen.py) on small made-up arrays."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, recall_score

PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_unseen.py"
spec = importlib.util.spec_from_file_location("bench_unseen", PATH)
assert spec is not None and spec.loader is not None
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

LABELS = np.asarray(["original", "spun", "machine_garbled"])


def made_up(rng: np.random.Generator) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    n_o, n_r = 60, 40
    loso = {
        "label": rng.choice(LABELS, n_o),
        "source": rng.choice(["a", "b", "c"], n_o, p=[0.7, 0.2, 0.1]),
        "proba": rng.dirichlet([1, 1, 1], n_o),
    }
    fold = rng.choice(["syn", "para", "mt:x", "mt:y"], n_r)
    label = np.where(np.char.startswith(fold, "mt"), "machine_garbled", "spun")
    held = rng.random(n_r) < 0.8
    label = np.where(held, label, "original")
    logo = {
        "fold": fold,
        "label": label,
        "source": rng.choice(["a", "b"], n_r),
        "held": held,
        "proba": rng.dirichlet([1, 1, 1], n_r),
        "footing": np.full(n_r, "source-less"),
    }
    return loso, logo


def test_each_label_source_and_generator_weighs_alike() -> None:
    loso, logo = made_up(np.random.default_rng(0))
    y, proba, w = bench.twice_unseen(loso, logo)
    # only the originals of the source-held-out run and the held-out rewrites come in
    assert np.sum(y == "original") == np.sum(loso["label"] == "original")
    assert len(y) == np.sum(loso["label"] == "original") + logo["held"].sum()
    assert proba.shape == (len(y), 3)
    for lab in LABELS:
        assert np.isclose(w[y == lab].sum(), 1.0)
    orig_src = loso["source"][loso["label"] == "original"]
    per_source = [w[: len(orig_src)][orig_src == s].sum() for s in np.unique(orig_src)]
    assert np.allclose(per_source, per_source[0])  # a big source does not outweigh a small one


def test_weighted_report_agrees_with_scikit_learn() -> None:
    rng = np.random.default_rng(1)
    y = rng.choice(LABELS, 200)
    pred = np.where(rng.random(200) < 0.7, y, rng.choice(LABELS, 200))
    w = rng.random(200)
    f1, recall = bench.weighted_report(y, pred, w)
    assert np.isclose(f1, f1_score(y, pred, labels=LABELS, average="macro", sample_weight=w))
    expected = recall_score(y, pred, labels=LABELS, average=None, sample_weight=w)
    assert np.allclose([recall[lab] for lab in LABELS], expected)


def test_main_prints_the_figures(tmp_path: Path, capsys: object) -> None:
    loso, logo = made_up(np.random.default_rng(2))
    np.savez(tmp_path / "loso.npz", **loso)  # type: ignore[arg-type]  # numpy stub types **kwds
    np.savez(tmp_path / "logo.npz", **logo)  # type: ignore[arg-type]
    assert (
        bench.main(["--loso", str(tmp_path / "loso.npz"), "--logo", str(tmp_path / "logo.npz")])
        == 0
    )
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "arg-max label: macro-F1" in out and "1.25" in out
    assert (
        bench.main(["--loso", str(tmp_path / "missing.npz"), "--logo", str(tmp_path / "logo.npz")])
        == 2
    )


def test_by_length_bands_the_documents_by_their_corpus_line() -> None:
    # six corpus lines; the run scored lines 5, 0, 3, 1 (fold order), so lengths follow index
    words = np.asarray([50, 700, 10, 300, 20, 100])
    loso = {
        "label": np.asarray(["original", "original", "original", "spun"]),
        "source": np.asarray(["a", "a", "b", "b"]),
        # line 5 (100 words) flagged; line 0 (50) and 3 (300) original; line 1 (700) spun caught
        "proba": np.asarray([[0.2, 0.7, 0.1], [0.9, 0.05, 0.05], [0.8, 0.1, 0.1], [0.1, 0.8, 0.1]]),
        "index": np.asarray([5, 0, 3, 1]),
    }
    lines = bench.by_length(loso, words)
    band = {line.split()[0]: line for line in lines[1:]}
    assert set(band) == {"0-120", "250-500"}  # no originals in the other bands
    assert "2 originals, flagged 0.500" in band["0-120"]
    assert "1 originals, flagged 0.000" in band["250-500"]
    # a file without the corpus lines says so rather than guessing
    del loso["index"]
    assert "records no corpus lines" in bench.by_length(loso, words)[0]


def test_main_prints_figures_by_length_with_the_corpus(tmp_path: Path, capsys: object) -> None:
    loso, logo = made_up(np.random.default_rng(3))
    loso["index"] = np.arange(len(loso["label"]))[::-1]
    np.savez(tmp_path / "loso.npz", **loso)  # type: ignore[arg-type]
    np.savez(tmp_path / "logo.npz", **logo)  # type: ignore[arg-type]
    corpus = tmp_path / "corpus.jsonl"
    label_of = loso["label"][np.argsort(loso["index"])]  # the label each corpus line holds
    corpus.write_text(
        "".join(
            json.dumps({"text": "word " * (10 * i), "label": str(label_of[i])}) + "\n"
            for i in range(len(label_of))
        ),
        encoding="utf-8",
    )
    args = ["--loso", str(tmp_path / "loso.npz"), "--logo", str(tmp_path / "logo.npz")]
    assert bench.main([*args, "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "leave one source out, by length" in out and "500+" in out
    assert "leave-one-generator-out file records no corpus lines" in out
    assert bench.main([*args, "--corpus", str(tmp_path / "missing.jsonl")]) == 2
    # runs of another corpus: their lines do not hold the labels they recorded
    other = tmp_path / "other.jsonl"
    other.write_text(corpus.read_text().replace('"original"', '"spun"'), encoding="utf-8")
    assert bench.main([*args, "--corpus", str(other)]) == 2
    assert "do not hold the labels" in capsys.readouterr().err  # type: ignore[attr-defined]


def test_text_new_twice_over_by_length_matches_the_whole_when_one_band_holds_all() -> None:
    loso, logo = made_up(np.random.default_rng(4))
    loso["index"] = np.arange(len(loso["label"]))
    logo["index"] = np.arange(len(logo["label"])) + len(loso["label"])
    y, proba, w = bench.twice_unseen(loso, logo)
    whole, _ = bench.weighted_report(y, LABELS[proba.argmax(1)], w)
    # every document 130 words long: one band, which must give the whole set's figure
    words = np.full(len(loso["label"]) + len(logo["label"]), 130)
    lines = bench.by_length(loso, words, logo)
    twice = lines[next(i for i, x in enumerate(lines) if x.startswith("text new twice over")) :]
    (row,) = [x for x in twice if "120-250" in x]
    assert f"macro-F1 {whole:.3f}" in row
    # every rewrite long, every original short: no band holds all three labels, so no band
    # gets a macro-F1 (it would be the F1 of a label or two, not comparable with the whole)
    words[len(loso["label"]) :] = 600
    lines = bench.by_length(loso, words, logo)
    assert not any("documents, macro-F1" in line for line in lines)
