"""The reference language model: building, class mapping, scoring, save/load and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from lm_texts import REF_TEXTS, ZIPF

from spundetect import lm
from spundetect.errors import ModelError
from spundetect.text import tokenize


@pytest.fixture(scope="module")
def ref() -> lm.ReferenceModel:
    return lm.build(REF_TEXTS, zipf=ZIPF)


def test_class_ids_keep_function_words_and_map_the_rest(ref: lm.ReferenceModel) -> None:
    doc = tokenize("The minister met Smith in 2020.")
    (seq,) = ref.class_ids(doc)
    syms = [ref.classes[i] for i in seq]
    assert syms[0] == lm.BOS and syms[-1] == lm.EOS
    assert syms[1] == "the"  # sentence-initial capital of a function word stays itself
    assert syms[2].startswith("<W")  # content word -> frequency band
    assert syms[4] == lm.CAP and syms[6] == lm.NUM and syms[7] == "."


def test_scrambled_function_words_are_more_surprising(ref: lm.ReferenceModel) -> None:
    good = tokenize("The minister said that the government would raise taxes next year.")
    bad = tokenize("The minister said the that would government of raise the taxes of year next.")

    def mean_bits(doc: object) -> float:
        vals = [b for seq in ref.class_ids(doc) for b, _ in ref.surprisals(seq)]  # type: ignore[arg-type]
        return sum(vals) / len(vals)

    assert mean_bits(bad) > mean_bits(good) + 0.5


def test_probabilities_are_normalised_for_a_seen_context(ref: lm.ReferenceModel) -> None:
    # P(c | a, b) over all classes c must sum to ~1 for a context seen in training
    V = ref.V
    a, b = ref.class_id(lm.BOS), ref.class_id("the")
    lps, _ = ref._lookup(np.full(V, a), np.full(V, b), np.arange(V))
    assert float(np.sum(10.0**lps)) == pytest.approx(1.0, abs=0.02)


def test_document_scoring_matches_sentence_by_sentence(ref: lm.ReferenceModel) -> None:
    """The vectorised whole-document lookup equals scoring each sentence on its own."""
    doc = tokenize(
        "The minister said that. Of the the government would!\n\nA heading\nMore text here."
    )
    lps, unseen, psid = ref.doc_logprobs(doc)
    per_sentence = [ref.logprobs(seq) for seq in ref.class_ids(doc)]
    assert lps.tolist() == pytest.approx([v for lp, _ in per_sentence for v in lp])
    assert unseen.tolist() == [u for _, un in per_sentence for u in un]
    assert psid.tolist() == [i for i, (lp, _) in enumerate(per_sentence) for _ in lp]
    assert len(per_sentence) == len(doc.sentences) >= 3


def test_word_statistics(ref: lm.ReferenceModel) -> None:
    assert ref.zipf_of("minister") == pytest.approx(4.6)
    assert ref.zipf_of("nonexistentword") == 0.0
    assert ref.bigram_count("senior", "official") >= 1
    assert ref.bigram_count("sensible", "official") == 0
    assert ref.word_count("official") >= ref.bigram_count("senior", "official")
    assert ref.n_words > 100


def test_save_load_round_trip(ref: lm.ReferenceModel, tmp_path: Path) -> None:
    p = lm.save(ref, tmp_path / ("reference" + lm.SUFFIX))
    back = lm.load(p)
    assert back.classes == ref.classes
    assert back.zipf == ref.zipf
    assert back.vocab == ref.vocab
    assert back.wb_keys.tolist() == ref.wb_keys.tolist()
    assert back.wb_counts.tolist() == ref.wb_counts.tolist()
    assert back.tri_keys.tolist() == ref.tri_keys.tolist()
    assert back.tri_vals == pytest.approx(ref.tri_vals, abs=1e-3)
    doc = tokenize("Officials said the new bridge will open.")
    s1 = [b for seq in ref.class_ids(doc) for b, _ in ref.surprisals(seq)]
    s2 = [b for seq in back.class_ids(doc) for b, _ in back.surprisals(seq)]
    assert s1 == pytest.approx(s2, abs=1e-2)
    assert back.path == str(p)


def test_plainer_synonyms_round_trip_and_mark_tokens(tmp_path: Path) -> None:
    plainer = {"commence": "begin", "utilize": "use", "detailed": ""}
    model = lm.build(REF_TEXTS, zipf={**ZIPF, "commence": 2.9, "utilize": 3.3}, plainer=plainer)
    back = lm.load(lm.save(model, tmp_path / "reference.npz"))
    assert back.plainer == plainer
    assert back.meta["plainer_synonyms"] == 3
    doc = tokenize("They will commence and utilize the plan's commence's parts.")
    marked = [t for t, p in zip(doc.tokens, back.token_info(doc).plain, strict=True) if p]
    assert marked == ["commence", "utilize", "commence's"]


def test_unlisted_rare_words_are_classed_as_less_rare(tmp_path: Path) -> None:
    zipf = {**ZIPF, "fintech": 2.86, "safeguarded": 2.62, "blogs": 4.2}
    plain = lm.build(REF_TEXTS, zipf=zipf)
    gated = lm.build(REF_TEXTS, zipf=zipf, unlisted={"fintech", "blogs", "absent"})
    assert gated.unlisted == {"fintech"}  # only rare table words are kept
    assert gated.meta["unlisted_words"] == 1
    doc = tokenize("The fintech safeguarded its blogs and the fintech's money.")
    names = {m: [m.classes[c] for c in m.token_info(doc).cls] for m in (plain, gated)}
    toks = doc.tokens
    i, j = toks.index("fintech"), toks.index("fintech's")
    assert (names[plain][i], names[plain][j]) == ("<W1>", "<W0>")  # the table lacks "fintech's"
    assert names[gated][i] == names[gated][j] == f"<W{lm._band(lm.GATED_ZIPF)}>"
    k = toks.index("safeguarded")  # a thesaurus word keeps its rarity
    assert names[plain][k] == names[gated][k] == "<W1>"
    # the batch classes agree with the one-token rule, and the file keeps the words
    info = gated.token_info(doc)
    assert info.cls.tolist() == [gated._token_class(t, bool(f)) for t, f in zip(toks, info.first)]
    back = lm.load(lm.save(gated, tmp_path / "reference.npz"))
    assert back.unlisted == gated.unlisted
    assert back.token_info(tokenize(doc.text)).cls.tolist() == info.cls.tolist()


def test_words_of_other_letters_the_table_lacks_read_as_names(ref: lm.ReferenceModel) -> None:
    """A word of another language's letters the frequency table lacks ("ìjọba", "መንግስት") is
    a quoted term or a word a translation left as it was: mid-sentence it is classed as a
    name, not as the rarest words, whose runs are a spinner's. A first word goes by its band
    as a capitalised one does. An unknown word in English letters stays the rarest with a
    frequency table the shipped word list was not derived against (this test's; the rule for
    the shipped table: tests/test_lexicon.py)."""
    doc = tokenize("Officials said ìjọba and መንግስት were gwamnati. Ìjọba met the minister.")
    info = ref.token_info(doc)
    names = dict(zip(doc.tokens, (ref.classes[c] for c in info.cls)))
    assert names["ìjọba"] == names["መንግስት"] == lm.CAP
    assert names["gwamnati"] == names["Ìjọba"] == "<W0>"
    assert not ref._lexicon_fits
    assert info.cls.tolist() == [
        ref._token_class(t, bool(f)) for t, f in zip(doc.tokens, info.first)
    ]


def test_a_version_5_reference_loads_with_no_unlisted_words(tmp_path: Path) -> None:
    model = lm.build(REF_TEXTS, zipf={**ZIPF, "fintech": 2.86}, unlisted={"fintech"})
    p = lm.save(model, tmp_path / "reference.npz")
    old = tmp_path / "v5.npz"
    _rewrite_header(p, old, drop=("unlisted",), version=5)
    back = lm.load(old)
    assert back.unlisted == frozenset()
    doc = tokenize("The fintech grew.")
    assert back.classes[back.token_info(doc).cls[1]] == "<W1>"  # classed as before the gate


def _rewrite_header(src: Path, dst: Path, drop: tuple[str, ...] = (), **changes: object) -> None:
    with np.load(src, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files if k not in drop}
    header = json.loads(arrays["header"].tobytes().decode())
    header.update(changes)
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    with open(dst, "wb") as fh:
        np.savez_compressed(fh, **arrays)


def test_version_mismatch_is_a_clear_error(ref: lm.ReferenceModel, tmp_path: Path) -> None:
    p = lm.save(ref, tmp_path / "reference.npz")
    bad = tmp_path / "old.npz"
    _rewrite_header(p, bad, version=lm.FORMAT_VERSION + 1)
    with pytest.raises(ModelError, match="version"):
        lm.load(bad)
    other = tmp_path / "other.npz"
    _rewrite_header(p, other, format="something-else")
    with pytest.raises(ModelError, match="not a spundetect reference"):
        lm.load(other)


def test_corrupt_or_missing_file_is_a_model_error(ref: lm.ReferenceModel, tmp_path: Path) -> None:
    p = lm.save(ref, tmp_path / "reference.npz")
    data = p.read_bytes()
    broken = tmp_path / "broken.npz"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="corrupt"):
        lm.load(broken)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip file at all")
    with pytest.raises(ModelError):
        lm.load(junk)
    with pytest.raises(ModelError, match="not found"):
        lm.load(tmp_path / "missing.npz")


def test_build_from_nothing_fails_clearly() -> None:
    with pytest.raises(ModelError):
        lm.build([], zipf=ZIPF)


def test_empty_doc_has_no_class_sequences(ref: lm.ReferenceModel) -> None:
    assert ref.class_ids(tokenize("")) == []


@pytest.mark.corpus
def test_shipped_reference_loads_fast_enough_to_use(shared_dir: Path) -> None:
    """The shipped reference (if built) loads and knows common English words."""
    path = Path(__file__).resolve().parents[1] / "models" / "default" / ("reference" + lm.SUFFIX)
    if not path.is_file():
        pytest.skip("no shipped reference model built yet")
    model = lm.load(path)
    assert model.zipf_of("the") > 7.0
    assert len(model.zipf) > 50_000


def test_common_bigrams_extend_what_counts_as_a_known_pair(tmp_path: Path) -> None:
    """Frequent English pairs from a larger list are known even if the reference text lacks them."""
    model = lm.build(
        REF_TEXTS, zipf=ZIPF, common_bigrams=[("most", "senior"), ("Senior", "official")]
    )
    ids = np.array([model._wid["most"], model._wid["most"], model._wid["senior"]])
    right = np.array([model._wid["senior"], model._wid["said"], model._wid["official"]])
    counts, common = model.pairs(ids, right)
    assert common.tolist() == [True, False, True]
    # "senior official" is in the reference text; "most senior" only in the common list
    assert ((counts > 0) | common).tolist() == [True, False, True]
    assert model.bigram_count("most", "senior") == 0
    back = lm.load(lm.save(model, tmp_path / "reference.npz"))
    assert back.pairs(ids, right)[1].tolist() == [True, False, True]
    assert back.meta["common_bigrams"] == 2


def test_token_table_classes_match_the_per_token_rule(ref: lm.ReferenceModel) -> None:
    """New token types are classified in batches; the batch must agree with the one-token rule."""
    doc = tokenize(
        "The minister met Smith in 2020. Officials said: € 3,5 ALLCAPS iPhone Zürich (x) # ok?\n"
        "minister The SAID the said."
    )
    info = ref.token_info(doc)
    expected = [ref._token_class(t, bool(f)) for t, f in zip(doc.tokens, info.first)]
    assert info.cls.tolist() == expected
    assert info.first.sum() == len(doc.sentences) >= 3
    # a second document reuses the cached rows and gets the same answer
    again = tokenize(doc.text)
    assert ref.token_info(again).cls.tolist() == expected
