"""British and American spelling read as one by the n-gram model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from lm_texts import REF_TEXTS, ZIPF

from spundetect import lm, spelling
from spundetect.errors import ModelError
from spundetect.ngrams import NgramModel, fit_ngram, gram_hashes, hash_grams
from spundetect.text import tokenize


@pytest.fixture(scope="module")
def ref() -> lm.ReferenceModel:
    return lm.build(REF_TEXTS, zipf=ZIPF)


def test_the_shipped_list_maps_british_to_american() -> None:
    us = spelling.us_spellings()
    assert us["colour"] == "color" and us["centre"] == "center" and us["defence"] == "defense"
    assert us["organisation"] == "organization" and us["travelled"] == "traveled"
    # words that only look British are other words, and are left alone
    for word in ("four", "hour", "genre", "timbre", "promise", "filled", "poets", "analyses"):
        assert word not in us
    assert all(br != am for br, am in us.items())


def test_a_malformed_line_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(A list without its header line: tests/test_package_data.py.)"""
    bad = tmp_path / "us_spelling.tsv"
    bad.write_text(f"# {spelling.FORMAT_NAME} {spelling.FORMAT_VERSION}\ncolour color\n")
    monkeypatch.setattr(spelling, "PATH", bad)
    spelling.us_spellings.cache_clear()
    try:
        with pytest.raises(ModelError, match="line 2"):
            spelling.us_spellings()
    finally:
        spelling.us_spellings.cache_clear()


def test_word_grams_read_british_spelling_as_american(ref: lm.ReferenceModel) -> None:
    br = tokenize("The theatre centre was organised in the colour of the flag.")
    am = tokenize("The theater center was organized in the color of the flag.")
    h_br, _, _ = gram_hashes(br, ref)
    h_am, _, _ = gram_hashes(am, ref)
    np.testing.assert_array_equal(h_br, h_am)
    raw_br, _, _ = gram_hashes(br, ref, us_spelling=False)
    raw_am, _, _ = gram_hashes(am, ref, us_spelling=False)
    assert (raw_br != raw_am).any()
    # a word the list does not name hashes as before
    plain = tokenize("The cat sat on the mat.")
    np.testing.assert_array_equal(
        gram_hashes(plain, ref)[0], gram_hashes(plain, ref, us_spelling=False)[0]
    )


def test_the_model_records_its_spelling_and_refuses_another_list(
    ref: lm.ReferenceModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [*REF_TEXTS[:6], *(t.replace("said", "stated that") for t in REF_TEXTS[:6])]
    y = ["original"] * 6 + ["spun"] * 6
    counts = hash_grams([gram_hashes(tokenize(t), ref)[0] for t in texts])
    model = fit_ngram(counts, y, min_groups=1)
    assert model.us_spelling == spelling.list_sha256()
    back = NgramModel.load(model.save(tmp_path / "ngram.npz"))
    assert back.us_spelling == model.us_spelling
    as_spelt = fit_ngram(counts, y, min_groups=1, us_spelling=False)
    assert NgramModel.load(as_spelt.save(tmp_path / "v3.npz")).us_spelling is None
    import spundetect.ngrams as ngrams

    monkeypatch.setattr(ngrams, "list_sha256", lambda: "0" * 64)
    with pytest.raises(ModelError, match="spelling list"):
        NgramModel.load(tmp_path / "ngram.npz")


def test_the_list_is_derived_by_rules_checked_against_frequencies() -> None:
    from training.make_spelling import derive

    english = {
        "colour", "color", "four", "for", "centre", "center", "genre", "gener", "analyse",
        "analyze", "travelled", "traveled", "filled", "filed", "haemorrhage", "hemorrhage",
        "poets", "pets", "neighbourhood", "neighborhood", "realised", "realized", "tumour",
    }  # fmt: skip
    pairs = derive(sorted(english), lambda w: 4.0 if w in english else 0.0)
    assert pairs["colour"] == "color" and pairs["centre"] == "center"
    assert pairs["analyse"] == "analyze" and pairs["travelled"] == "traveled"
    assert pairs["haemorrhage"] == "hemorrhage" and pairs["neighbourhood"] == "neighborhood"
    assert pairs["realised"] == "realized"
    # another word, not another spelling; or no American word to map to ("tumor" unknown)
    for word in ("four", "genre", "filled", "poets", "tumour"):
        assert word not in pairs


def test_a_british_word_is_as_common_and_as_plain_as_its_american_spelling() -> None:
    """wordfreq counts "colour" apart from the commoner "color", and WordNet may list a
    plainer synonym for one spelling only: the rare-word features read both alike."""
    zipf = {**ZIPF, "color": 4.8, "colour": 4.1, "utilize": 3.0, "utilise": 2.2, "use": 6.0}
    ref = lm.build(REF_TEXTS, zipf=zipf, plainer={"utilize": "use"})
    br = ref.token_info(tokenize("They utilise the colour."))
    am = ref.token_info(tokenize("They utilize the color."))
    np.testing.assert_array_equal(br.zipf, am.zipf)
    np.testing.assert_array_equal(br.plain, am.plain)
    assert br.plain[1] and br.zipf[3] == 4.8


def test_a_british_possessive_reads_as_the_american_one() -> None:
    """The tokeniser keeps "colour's" whole: it takes "color's" figures, and its n-gram word."""
    zipf = {
        **ZIPF,
        "color": 4.8,
        "colour": 4.1,
        "color's": 3.0,
        "colour's": 2.0,
        "utilize": 3.0,
        "utilise": 2.2,
        "use": 6.0,
    }
    ref = lm.build(REF_TEXTS, zipf=zipf, plainer={"utilize": "use"})
    br = ref.token_info(tokenize("The colour's shade and the utiliser's utilise's name."))
    am = ref.token_info(tokenize("The color's shade and the utiliser's utilize's name."))
    np.testing.assert_array_equal(br.zipf, am.zipf)
    np.testing.assert_array_equal(br.plain, am.plain)
    np.testing.assert_array_equal(br.h_us, am.h_us)
    assert br.zipf[1] == 3.0 and br.plain[6]


def test_a_british_spelling_commoner_than_the_american_keeps_its_own_figures() -> None:
    """ "glamour" is commoner than "glamor", and WordNet names "glamour" as the plainer
    synonym of "glamor": read as "glamor" it would look like a rare word chosen over a
    plain one."""
    zipf = {**ZIPF, "glamour": 3.5, "glamor": 2.3}
    ref = lm.build(REF_TEXTS, zipf=zipf, plainer={"glamor": "glamour"})
    info = ref.token_info(tokenize("The glamour faded."))
    assert info.zipf[1] == 3.5 and not info.plain[1]
    assert ref._token_class("glamour", False) != ref._token_class("glamor", False)


def test_a_british_word_takes_its_american_spellings_word_class() -> None:
    zipf = {**ZIPF, "color": 4.8, "colour": 2.0}
    ref = lm.build(REF_TEXTS, zipf=zipf)
    br = tokenize("The colour faded.")
    am = tokenize("The color faded.")
    assert ref.token_info(br).cls.tolist() == ref.token_info(am).cls.tolist()
    assert ref._token_class("colour", False) == ref._token_class("color", False)
