"""Which words the frequency table lacks are still English (spundetect.lexicon), and what the
word classes do with the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

import spundetect
from spundetect import lexicon, lm
from spundetect.lexicon import explained_without_list
from spundetect.typos import left_out_index, read_slip

# a frequency table written for these tests
ZIPF = {"hours": 5.0, "work": 5.8, "works": 5.1, "set": 6.0, "has": 6.5, "however": 5.6}
ZIPF |= {"migration": 4.3, "diplomat": 3.6, "she": 6.2, "order": 5.5, "cover": 5.2}


@pytest.mark.parametrize(
    "word",
    [
        "hours",  # in the table
        "polloi",  # listed by the dictionary ("hoi polloi")
        "hourses",  # a known word with an ending, as a spinner inflects
        "workses",
        "setted",  # a doubled consonant before the ending
        "outmigration",  # a prefix on a known word
        "reorderable",  # a prefix on a known word with an ending
        "hashowever",  # two common words glued: a fused sentence boundary
        "diplomatshe",
        "x" * (lexicon.MAX_LETTERS + 1),  # too long to take apart: left as it is
    ],
)
def test_english_words_are_explained(word: str) -> None:
    assert explained_without_list(word, ZIPF, frozenset({"polloi"}))


@pytest.mark.parametrize(
    "word",
    ["gwamnati", "kasuwa", "dadka", "magaalada", "temnospondyls", "polloi", "x" * 24],
)
def test_what_nothing_explains(word: str) -> None:
    """Words left in Hausa or Somali, a term of art, and a dictionary word the list lacks."""
    assert not explained_without_list(word, ZIPF)


def test_a_possessive_goes_by_its_word() -> None:
    assert explained_without_list("hours's", ZIPF)
    assert not explained_without_list("gwamnati's", ZIPF)


def test_short_glued_pieces_do_not_explain_a_word() -> None:
    """Two pieces of three letters or fewer glue into too many foreign words ("dad" + "ka")."""
    zipf = {"dad": 4.5, "ka": 3.2, "wan": 3.1, "nan": 3.5}
    assert not explained_without_list("dadka", zipf)
    assert not explained_without_list("wannan", zipf)


def test_the_shipped_list_is_what_the_rules_need() -> None:
    """Every listed word is one the table lacks and that the slip rule would read or the rules
    alone would not explain (``python -m training.make_dictionary_words`` after a new
    reference); spinners' thesaurus words are on it."""
    lines = lexicon.PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# {lexicon.FORMAT_NAME} {lexicon.FORMAT_VERSION}"
    assert lines[2:] == sorted(lines[2:]) and len(lines) > 10_000
    zipf = spundetect.Detector.load()._reference.zipf
    assert lexicon.fits(zipf) and lexicon.list_table() == lexicon.table_digest(zipf)
    assert not lexicon.fits({**zipf, "gwamnati": 1.0}) and not lexicon.fits({})
    left_out = left_out_index(zipf)
    for w in lexicon.dictionary_words():
        assert w not in zipf
        assert read_slip(w, zipf, left_out) is not None or not explained_without_list(w, zipf)
    assert {"polloi", "temblor", "tierce", "noesis", "spirts"} <= lexicon.dictionary_words()


WORDNET = Path("/usr/share/wordnet")


@pytest.mark.skipif(not (WORDNET / "data.verb").is_file(), reason="needs WordNet (wordnet-base)")
def test_the_shipped_list_is_what_the_make_script_derives(tmp_path: Path) -> None:
    from training.make_dictionary_words import main

    out = tmp_path / "words.txt"
    assert main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == lexicon.PATH.read_text(encoding="utf-8")


def test_the_shipped_reference_reads_untranslated_words_as_names() -> None:
    """Mid-sentence, words left in Hausa are classed as names; the thesaurus words and
    inflections a spinner writes keep the rarest class."""
    reference = spundetect.Detector.load()._reference
    text = (
        "The gwamnati said the kasuwa would open, and the hoi polloi waited twelvemonths "
        "while the workses setted."
    )
    doc = reference.read(text)
    info = reference.token_info(doc)
    cls = dict(zip(doc.tokens, (reference.classes[c] for c in info.cls)))
    assert cls["gwamnati"] == cls["kasuwa"] == lm.CAP
    for w in ("polloi", "twelvemonths", "workses", "setted"):
        assert cls[w] != lm.CAP, w
    assert info.cls.tolist() == [
        reference._token_class(t, bool(f)) for t, f in zip(doc.tokens, info.first)
    ]


def test_untranslated_words_read_as_the_same_words_capitalised() -> None:
    """Words left in Hausa change no feature but the unknown-word rate from the same words
    written as names: the word-class model and the n-gram model read them alike (before the
    rule, the class model's surprisal and the n-gram model's P(spun) rose)."""
    det = spundetect.Detector.load()
    base = (
        "The {0} met on Monday to discuss the budget for next year. Officials said the {1} "
        "would rise by four percent, and the {2} would pay for new schools and roads. The "
        "opposition said the plan was too small and asked for more money for hospitals, "
        "while the {3} in the north said they had not been asked at all."
    )
    words = ("majalisar", "kasafin", "kudaden", "sarakuna")
    left = det.features(base.format(*words))
    named = det.features(base.format(*(w.capitalize() for w in words)))
    differ = {k for k in left if left[k] != named[k]}
    assert differ == {"punctuation.unknown_words"}
    assert left["punctuation.unknown_words"] > named["punctuation.unknown_words"]
