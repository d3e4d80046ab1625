"""The hashed n-gram model: stable hashes, spans, and the numpy scoring path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from lm_texts import REF_TEXTS, ZIPF

from spundetect import lm
from spundetect.ngrams import (
    FINE_FEATURES,
    NgramModel,
    fit_ngram,
    gram_hashes,
    hash_grams,
    known_columns,
)
from spundetect.text import tokenize


@pytest.fixture(scope="module")
def ref() -> lm.ReferenceModel:
    return lm.build(REF_TEXTS, zipf=ZIPF)


def test_word_grams_cover_the_tokens_they_hash(ref: lm.ReferenceModel) -> None:
    doc = tokenize("The cat sat. The cat sat on the mat.")
    hashes, starts, ends = gram_hashes(doc, ref, classes=False)
    by_span = dict(zip(zip(starts.tolist(), ends.tolist()), hashes.tolist()))
    # the same words give the same hash wherever they stand ...
    assert by_span[(0, 3)] == by_span[(4, 7)]  # "the cat sat" twice
    assert by_span[(0, 1)] == by_span[(8, 9)] == by_span[(4, 5)]  # "the"/"The" lower-cased
    # ... order matters, and no n-gram crosses the sentence boundary
    assert by_span[(0, 2)] != lm.mix(np.array([by_span[(1, 2)]]), np.array([by_span[(0, 1)]]))[0]
    assert all(not (a < 4 < b) for a, b in zip(starts.tolist(), ends.tolist()))
    n_tokens = len(doc.tokens)  # 4 + 7 tokens: 11 unigrams, 9 bigrams, 7 trigrams
    assert len(hashes) == n_tokens + (n_tokens - 2) + (n_tokens - 4)


def test_class_grams_add_spans_inside_their_sentence(ref: lm.ReferenceModel) -> None:
    doc = tokenize("Officials said the bridge will open. It did not.")
    words = gram_hashes(doc, ref, classes=False)[0]
    allg, starts, ends = gram_hashes(doc, ref)
    assert len(allg) > len(words)
    for a, b in zip(starts.tolist(), ends.tolist()):
        assert 0 <= a < b <= len(doc.tokens)
        assert not (a < 7 < b)  # the second sentence starts at token 7


def test_hashes_are_the_same_in_another_process(ref: lm.ReferenceModel) -> None:
    """Python's hash() is salted per process; the n-gram hashes must not be."""
    text = "The senior official said the talks would continue."
    here = lm.stable_hash("official")
    code = "from spundetect import lm; print(lm.stable_hash('official'))"
    there = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    ).stdout
    assert int(there) == here
    assert (
        gram_hashes(tokenize(text), ref)[0].tolist() == gram_hashes(tokenize(text), ref)[0].tolist()
    )


def test_empty_text_has_no_grams(ref: lm.ReferenceModel) -> None:
    h, s, e = gram_hashes(tokenize(""), ref)
    assert len(h) == len(s) == len(e) == 0


def test_numpy_scoring_equals_the_training_matrix_path(
    ref: lm.ReferenceModel, tmp_path: Path
) -> None:
    texts = [
        *REF_TEXTS[:8],
        *(t.replace("said", "stated that").replace("the ", "teh ") for t in REF_TEXTS[:8]),
    ]
    y = ["original"] * 8 + ["spun"] * 8
    hashes = [gram_hashes(tokenize(t), ref)[0] for t in texts]
    counts = hash_grams(hashes)
    assert counts.shape == (16, FINE_FEATURES)
    model = fit_ngram(counts, y)
    slow = model.proba(model.matrix(counts))
    fast = model.proba_docs(hashes)
    np.testing.assert_allclose(fast, slow, atol=1e-5)
    assert (fast.argmax(axis=1) == np.array([0] * 8 + [1] * 8)).mean() > 0.9
    back = NgramModel.load(model.save(tmp_path / "ngram.npz"))
    np.testing.assert_allclose(back.proba_docs(hashes), fast, atol=1e-6)


def test_an_ngram_seen_in_one_group_only_says_nothing() -> None:
    """An n-gram met in one group of training text (an original and its rewrites) is, in a
    corpus of rewrites, most likely one a rewriter made: it must not teach the model that
    every unfamiliar n-gram means "rewritten". Unseen n-grams score as no n-grams at all."""
    import scipy.sparse as sp

    rng = np.random.default_rng(0)
    width = 2**10
    rows, y, groups = [], [], []
    shared = rng.choice(width, 40, replace=False)  # n-grams every group uses
    for k in range(40):
        for label in ("original", "spun"):
            r = np.zeros(width)
            r[shared[rng.choice(40, 10, replace=False)]] = 1
            if label == "spun":  # each rewrite makes n-grams found nowhere else
                r[rng.choice(np.setdiff1d(np.arange(width), shared), 15, replace=False)] += 1
            rows.append(r)
            y.append(label)
            groups.append(f"g{k}")
    counts = sp.csr_matrix(np.asarray(rows))
    known = known_columns(counts, groups, 2)
    # a rewrite's own n-grams, repeated by chance in another group, may be known; most are not
    assert known[shared].all() and known.sum() < 0.5 * width
    # rows of one group count once: everything seen only within group g0 is unknown
    only_g0 = known_columns(counts[:2], ["g0", "g0"], 2)
    assert not only_g0.any()

    unseen = np.flatnonzero(~known).astype(np.uint64)[:30]
    filtered = fit_ngram(counts, y, groups=groups, n_features=2**8)
    assert filtered.known is not None and len(filtered.known) == width
    np.testing.assert_allclose(
        filtered.proba_docs([unseen]), filtered.proba_docs([np.zeros(0, dtype=np.uint64)])
    )
    # without the filter, the same never-seen n-grams read as a rewrite
    unfiltered = fit_ngram(counts, y, groups=groups, min_groups=1, n_features=2**8)
    spun = unfiltered.classes.index("spun")
    assert unfiltered.proba_docs([unseen])[0, spun] > filtered.proba_docs([unseen])[0, spun] + 0.2
    # the explanation path agrees: an unknown n-gram contributes nothing
    assert not filtered.contributions(unseen, "spun").any()


def _generator_data() -> tuple[object, list[str], list[str], list[str | None]]:
    """Originals share column 0; each of three spinners adds its own marker column.

    Rows come in groups of an original and its rewrite by one of the spinners, like the corpus.
    """
    import scipy.sparse as sp

    rows, labels, groups, gens = [], [], [], []
    spinners = (("a", 1), ("b", 2), ("c", 3))
    for k in range(60):
        for gen, col in ((None, None), spinners[k % 3]):
            r = np.zeros(8)
            r[0] = 3
            r[4 + k % 4] = 1  # noise shared by every label
            if col is not None:
                r[col] = 2
            rows.append(r)
            labels.append("original" if gen is None else "spun")
            groups.append(f"g{k}")
            gens.append(gen)
    return sp.csr_matrix(np.asarray(rows)), labels, groups, gens


def test_generator_held_out_stacking_never_sees_the_generator() -> None:
    from spundetect.ngrams import generator_oof_proba, oof_proba

    counts, y, groups, gens = _generator_data()
    labels = ["original", "spun"]
    group_oof = oof_proba(counts, y, groups, labels)
    held = generator_oof_proba(counts, y, groups, gens, labels)
    assert not np.isnan(held).any()
    spun = np.asarray([g is not None for g in gens])
    # with its own marker seen in training, a spinner is obvious; held out, its marker is unknown
    assert group_oof[spun, 1].mean() > 0.8
    assert held[spun, 1].mean() < group_oof[spun, 1].mean() - 0.2
    # (each spinner's marker is its habit alone: keep it, to test the stacking by itself)
    held = generator_oof_proba(counts, y, groups, gens, labels, max_generator_share=None)
    mixed = oof_proba(counts, y, groups, labels, generators=gens, max_generator_share=None)
    np.testing.assert_allclose(mixed, (group_oof + held) / 2)


def test_generator_stacking_needs_three_generators() -> None:
    from spundetect.ngrams import oof_proba

    counts, y, groups, gens = _generator_data()
    two = [g if g != "c" else "b" for g in gens]
    labels = ["original", "spun"]
    two_gens = oof_proba(counts, y, groups, labels, generators=two, max_generator_share=None)
    np.testing.assert_array_equal(two_gens, oof_proba(counts, y, groups, labels))


def _habit_data() -> tuple[object, list[str], list[str], list[str | None]]:
    """40 originals and a rewrite of each by spinner "a" or "b". Column 0: every text.
    Column 1: spinner a's habit (half its texts). Column 2: what both spinners do (half
    of each one's texts). Column 3: as common in originals as in spinner a's texts.
    Column 4: spinner b's habit, in 4 texts only. Columns 5-7: noise shared by all."""
    import scipy.sparse as sp

    rows, labels, groups, gens = [], [], [], []
    for k in range(40):
        gen = "a" if k % 2 else "b"
        for g in (None, gen):
            r = np.zeros(8)
            r[0] = 1
            r[5 + k % 3] = 1
            if g is None or g == "a":
                r[3] = k % 4 == 0
            if g is not None:
                r[2] = k % 4 < 2
            if g == "a":
                r[1] = k % 4 == 1
            if g == "b":
                r[4] = k in (0, 10, 20, 30)
            rows.append(r)
            labels.append("original" if g is None else "spun")
            groups.append(f"g{k}")
            gens.append(g)
    return sp.csr_matrix(np.asarray(rows)), labels, groups, gens


def test_one_generators_habit_is_no_evidence() -> None:
    """An n-gram one rewriter overuses (Apertium's Serbo-Croatian "beaten" for "was")
    says nothing about other rewriters and makes ordinary text containing it look
    rewritten: the model ignores it. What two rewriters share stays evidence."""
    from spundetect.ngrams import generator_specific_columns

    counts, y, groups, gens = _habit_data()
    habit = generator_specific_columns(counts, gens, min_excess=5)
    assert habit.tolist() == [False, True, False, False, False, False, False, False]
    # fewer excess documents than asked for: kept (column 4 has 4)
    assert not generator_specific_columns(counts, gens, min_excess=11)[1]
    assert generator_specific_columns(counts, gens, min_excess=4)[4]
    # a lower share flags what two rewriters share too; one generator or no originals: nothing
    assert generator_specific_columns(counts, gens, max_share=0.4, min_excess=5)[2]
    assert not generator_specific_columns(counts, ["a" if g else None for g in gens]).any()
    assert not generator_specific_columns(counts, [g or "c" for g in gens]).any()

    hashes = np.arange(8, dtype=np.uint64)
    kept = fit_ngram(counts, y, groups=groups, min_groups=1, n_features=8)
    dropped = fit_ngram(counts, y, groups=groups, generators=gens, min_groups=1, n_features=8)
    assert kept.contributions(hashes[1:2], "spun")[0] > 0
    assert dropped.contributions(hashes[1:2], "spun")[0] == 0
    assert not dropped.keep_known(hashes[1:2])[0] and dropped.keep_known(hashes[2:3])[0]
    assert dropped.contributions(hashes[2:3], "spun")[0] > 0


def test_generator_folds_need_groups_free_of_the_held_out_generator() -> None:
    from spundetect.ngrams import generator_folds

    _, y, groups, gens = _generator_data()
    folds = generator_folds(y, groups, gens)
    assert len(folds) == 3
    g = np.asarray(groups)
    for tr, te in folds:
        assert not set(g[tr]) & set(g[te])
    # every group rewritten by every system: nothing is left to train a fold on
    crossed = [None, "a", "b", "c"] * 10
    assert generator_folds(["original", "spun", "spun", "spun"] * 10, ["g0"] * 40, crossed) == []


def _source_data() -> tuple[object, list[str], list[str], list[str | None]]:
    """Two sources with a house style each (column 0 or 1): strong in originals, weaker in
    their rewrites (the rewriter replaced some of it), nothing else telling them apart;
    and a few rows with no source."""
    import scipy.sparse as sp

    rows, labels, groups, sources = [], [], [], []
    for k in range(64):
        src = "A" if k % 2 else "B"
        for lab in ("original", "spun"):
            r = np.zeros(8)
            r[0 if src == "A" else 1] = 3 if lab == "original" else 1
            r[2] = 1  # a word every text uses
            r[3 + k % 4] = 1  # noise shared by every label
            rows.append(r)
            labels.append(lab)
            groups.append(f"g{k}")
            sources.append(None if k >= 60 else src)
    return sp.csr_matrix(np.asarray(rows)), labels, groups, sources


def test_source_folds_hold_out_one_source_and_its_groups() -> None:
    from spundetect.ngrams import source_folds

    _, y, groups, sources = _source_data()
    folds = source_folds(y, groups, sources)
    assert len(folds) == 2
    src = np.asarray([s or "" for s in sources])
    g = np.asarray(groups)
    for tr, te in folds:
        assert len(set(src[te])) == 1 and "" not in set(src[te])
        assert not set(src[tr]) & set(src[te])
        assert not set(g[tr]) & set(g[te])
    held = np.concatenate([te for _, te in folds])
    # rows without a source train every fold and are never held out
    assert not (src[held] == "").any() and len(held) == (src != "").sum()
    assert source_folds(y, groups, ["A" if s else None for s in sources]) == []


def test_source_held_out_stacking_does_not_know_the_house_style() -> None:
    from spundetect.ngrams import oof_proba, source_oof_proba

    counts, y, groups, sources = _source_data()
    labels = ["original", "spun"]
    group_oof = oof_proba(counts, y, groups, labels)
    held = source_oof_proba(counts, y, groups, sources, labels)
    has_source = np.asarray([s is not None for s in sources])
    assert np.isnan(held[~has_source]).all() and not np.isnan(held[has_source]).any()
    orig = np.asarray(y) == "original"
    # in-source, the house style vouches for an original; from a source never seen, it cannot
    assert group_oof[orig & has_source, 0].mean() > 0.8
    assert held[orig & has_source, 0].mean() < group_oof[orig & has_source, 0].mean() - 0.2
    mixed = oof_proba(counts, y, groups, labels, sources=sources)
    expected = np.where(has_source[:, None], (group_oof + held) / 2, group_oof)
    np.testing.assert_allclose(mixed, expected)
    # one source only: nothing to hold out
    one = ["A" if s else None for s in sources]
    np.testing.assert_array_equal(oof_proba(counts, y, groups, labels, sources=one), group_oof)


def test_a_version_2_file_still_loads_and_scores_as_before(
    ref: lm.ReferenceModel, tmp_path: Path
) -> None:
    """Models written before known n-grams (format 2: every n-gram counts) keep working."""
    import json

    import scipy.sparse as sp

    from spundetect.errors import ModelError
    from spundetect.ngrams import N_FEATURES

    texts = [*REF_TEXTS[:6], *(t.replace("said", "stated that") for t in REF_TEXTS[:6])]
    y = ["original"] * 6 + ["spun"] * 6
    hashes = [gram_hashes(tokenize(t), ref)[0] for t in texts]
    old = fit_ngram(hash_grams(hashes, N_FEATURES), y, min_groups=1)
    assert old.known is None

    def write(version: int) -> Path:
        coef = sp.csr_matrix(old.coef)
        path = tmp_path / f"v{version}.npz"
        header = json.dumps({"format": "spundetect-ngram", "version": version, "classes": y[:0]})
        header = header.replace("[]", json.dumps(list(old.classes)))
        np.savez_compressed(
            path,
            header=np.frombuffer(header.encode(), dtype=np.uint8),
            coef_data=coef.data.astype(np.float32),
            coef_indices=coef.indices.astype(np.int32),
            coef_indptr=coef.indptr.astype(np.int64),
            intercept=old.intercept,
            idf=old.idf,
            n_features=np.asarray([old.n_features]),
        )
        return path

    back = NgramModel.load(write(2))
    assert back.known is None
    np.testing.assert_allclose(back.proba_docs(hashes), old.proba_docs(hashes), atol=1e-6)
    # fine-width counts fold onto the old columns: the training path agrees too
    np.testing.assert_allclose(
        back.proba(back.matrix(hash_grams(hashes))), old.proba_docs(hashes), atol=1e-5
    )
    with pytest.raises(ModelError, match="version 99"):
        NgramModel.load(write(99))
