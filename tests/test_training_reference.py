"""Training features from a reference model that never saw the text's source."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from lm_texts import REF_TEXTS, ZIPF

from spundetect import lm
from spundetect.detector import featurize

ORIGINALS_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "originals"

# two "sources" of reference text with their own subjects: politics and business, sport and farming
SOURCE_REFS = {"news": REF_TEXTS[:4] * 3, "sport": REF_TEXTS[4:8] * 3}
TEXTS = [
    "The minister said the government would raise taxes on fuel after a long delay.",
    "The coach said the team was happy with the result of the match on Saturday.",
    "Officials said the bridge would open next year, and the company agreed.",
    "Farmers said prices rose in July and the police arrested a man in the city.",
]
SOURCES = np.asarray(["news", "sport", "news", "sport"])


def _refs(data: object = None, exclude_sources: object = ()) -> list[str]:
    return [t for s, texts in SOURCE_REFS.items() if s not in exclude_sources for t in texts]


def _build(texts: list[str], top_n: int = 0, common_bigrams: bool = True) -> lm.ReferenceModel:
    return lm.build(texts, zipf=ZIPF)


def test_each_text_is_featurised_without_its_own_source(monkeypatch: pytest.MonkeyPatch) -> None:
    from training import build_reference
    from training.train_default import source_held_out_features

    monkeypatch.setattr(build_reference, "reference_texts", _refs)
    monkeypatch.setattr(build_reference, "build_model", _build)
    X = source_held_out_features(TEXTS, SOURCES, n_jobs=1)
    for name, other in (("news", "sport"), ("sport", "news")):
        rows = np.flatnonzero(np.equal(SOURCES, name))
        want = featurize([TEXTS[i] for i in rows], lm.build(SOURCE_REFS[other], zipf=ZIPF))
        np.testing.assert_array_equal(X[rows], want)
    # and the shared reference (both sources) would have judged them otherwise
    shared = featurize(TEXTS, lm.build(_refs(), zipf=ZIPF))
    assert not np.array_equal(X, shared)


@pytest.mark.skipif(not ORIGINALS_DIR.is_dir(), reason="needs ../shared/data/originals")
def test_reference_texts_leave_out_a_source_family() -> None:
    from training.build_reference import reference_texts

    every = reference_texts()
    without = reference_texts(exclude_sources={"wikinews"})
    assert 0 < len(without) < len(every)
    assert set(without) < set(every)


WORDNET = Path("/usr/share/wordnet")


@pytest.mark.skipif(not (WORDNET / "data.verb").is_file(), reason="needs WordNet (wordnet-base)")
def test_plainer_synonyms_need_a_much_commoner_synonym() -> None:
    from training.build_reference import plainer_synonyms

    zipf = {
        "commence": 3.6,
        "commenced": 3.8,
        "begin": 5.0,
        "began": 5.0,
        "start": 5.5,
        "shoebox": 2.5,
        "box": 5.0,
        "sensible": 4.0,  # not uncommon: never looked up
        "reasonable": 5.0,
        "inaugurate": 2.8,
    }
    table = plainer_synonyms(zipf)
    # the first commoner synonym in WordNet's sense order, inflected like the word
    assert table["commence"] == "begin"
    assert table["commenced"] == "began"
    assert "shoebox" not in table  # an everyday rare word: WordNet has no plainer name for it
    assert "sensible" not in table
    assert "begin" not in table
    # a commoner synonym of a rare sense only ("purge" as a verb of vomiting: "cat") marks
    # the word without naming that synonym
    assert plainer_synonyms({"purges": 2.5, "cats": 4.5}) == {"purges": ""}
    # "commoner" means by a whole Zipf unit, not any margin
    near = plainer_synonyms({"commence": 4.0 - 0.1, "begin": 4.5})
    assert "commence" not in near


@pytest.mark.skipif(not (WORDNET / "data.verb").is_file(), reason="needs WordNet (wordnet-base)")
def test_unlisted_words_are_rare_words_wordnet_has_no_reading_of() -> None:
    from training.build_reference import unlisted_words

    zipf = {
        "fintech": 2.86,
        "paywall": 2.35,
        "safeguarded": 2.62,  # an inflection of a WordNet verb
        "enviable": 2.87,
        "wavings": 1.5,  # a spinner's plural of a WordNet noun
        "fintechs": 1.2,
        "blog": 4.2,  # not rare: never gated, listed or not
        "co-op": 2.5,  # not a plain word
    }
    assert unlisted_words(zipf) == {"fintech", "paywall", "fintechs"}


def test_features_cache_is_used_only_for_what_it_was_computed_from(tmp_path: Path) -> None:
    import scipy.sparse as sp

    from training.train_default import (
        load_features_cache,
        save_features_cache,
        srcref_cache,
    )

    cache = tmp_path / "feat"
    X = np.arange(6.0).reshape(3, 2)
    counts = sp.csr_matrix(np.eye(3))
    ident = {"corpus_sha256": "a", "reference_sha256": "b", "features": ["f1", "f2"]}
    srcref_cache(cache).write_bytes(b"stale")
    save_features_cache(cache, X, counts, ident)
    assert not srcref_cache(cache).exists()  # computed from the old inputs: dropped
    got = load_features_cache(cache, ident)
    assert got is not None
    np.testing.assert_array_equal(got[0], X)
    assert (got[1] != counts).nnz == 0
    for changed in ({**ident, "features": ["f1", "f3"]}, {**ident, "reference_sha256": "c"}):
        assert load_features_cache(cache, changed) is None
    cache.with_suffix(".json").unlink()
    assert load_features_cache(cache, ident) is None  # no identity: not trusted


def test_cache_identity_follows_the_feature_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changing how features are computed (not only what they are called) invalidates a cache."""
    import shutil

    import spundetect
    from training import train_default

    corpus, ref = tmp_path / "c.jsonl", tmp_path / "r.npz"
    corpus.write_text("{}\n")
    ref.write_bytes(b"ref")
    before = train_default.cache_identity(corpus, ref)
    assert before == train_default.cache_identity(corpus, ref)  # stable
    copy = tmp_path / "pkg"
    shutil.copytree(
        Path(spundetect.__file__).parent, copy, ignore=shutil.ignore_patterns("nltk_data")
    )
    monkeypatch.setattr(spundetect, "__file__", str(copy / "__init__.py"))
    assert train_default.cache_identity(corpus, ref) == before  # same code, same identity
    seen = {before["feature_code_sha256"]}
    # a code change, one in a module the feature code imports, and a phrase taken off a
    # word list the features match
    for changed in (
        copy / "text.py",
        copy / "lexicon.py",
        copy / "data" / "register_markers.txt",
    ):
        lines = changed.read_text().splitlines()
        edited = lines[:-1] if changed.suffix == ".txt" else [*lines, "# a change"]
        changed.write_text("\n".join(edited))
        now = train_default.cache_identity(corpus, ref)["feature_code_sha256"]
        assert now not in seen
        seen.add(now)
    # and not the command line, whose changes leave every feature value as it was
    cli_modules = sorted((copy / "cli").glob("*.py"))
    assert (copy / "cli" / "__init__.py") in cli_modules
    for module in cli_modules:
        module.write_text(module.read_text() + "\n# a change\n")
    assert train_default.cache_identity(corpus, ref)["feature_code_sha256"] == now


def test_feature_code_files_follow_the_imports() -> None:
    """Every module the feature code imports, directly or through another, and no other."""
    import spundetect
    from training.train_default import feature_code_files

    root = Path(spundetect.__file__).parent
    names = {f.relative_to(root).as_posix() for f in feature_code_files(root)}
    # text imports reading, furniture and tokens (furniture imports tokens too); lm imports
    # typos and lexicon; typos imports spelling; the families import _words
    assert {"text.py", "reading.py", "furniture.py", "tokens.py", "lm.py", "typos.py"} <= names
    assert {"lexicon.py", "spelling.py"} <= names
    assert {"features/__init__.py", "features/_words.py", "features/phrasing.py"} <= names
    assert not names & {"detector.py", "report.py", "__init__.py"}
    assert not [name for name in names if name.startswith("cli/")]


def test_held_out_evaluations_refuse_a_cache_computed_from_something_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A features cache from another corpus, reference or feature set is refused with a
    message, not silently scored."""
    import json

    import scipy.sparse as sp

    from training import leave_generator_out, leave_source_out
    from training.train_default import save_features_cache

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": "A text.", "label": "original"}) + "\n")
    cache = tmp_path / "feat"
    stale = {"corpus_sha256": "other", "reference_sha256": "other", "features": ["f"]}
    save_features_cache(cache, np.zeros((1, 1)), sp.csr_matrix((1, 1)), stale)
    args = ["--corpus", str(corpus), "--features-cache", str(cache)]
    for module in (leave_generator_out, leave_source_out):
        assert module.main(args) == 2
        assert (
            "this corpus, reference model, feature set and feature code" in capsys.readouterr().err
        )
