"""Typing slips read as the word meant (spundetect.typos), and what is never read as one."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import spundetect
from spundetect import typos
from spundetect.lexicon import dictionary_words
from spundetect.text import read_typos, tokenize

# a frequency table written for these tests (Zipf scale: 3.5 and more is common)
ZIPF = {
    "the": 7.7,
    "customers": 5.0,
    "problem": 5.6,
    "expected": 5.2,
    "expect": 5.0,
    "committing": 4.0,
    "climb": 4.5,
    "marked": 4.8,
    "market": 5.3,
    "settled": 4.4,
    "set": 6.0,
    "opened": 5.0,
    "open": 5.5,
    "strategies": 4.9,
    "strategize": 2.5,
    "spirits": 4.6,
    "rarely": 3.0,
    "community": 5.0,
    "decided": 5.0,
    "build": 5.2,
    "because": 6.2,
    "manager": 5.0,
    "roman": 4.5,
    "company": 5.6,
    "police": 5.4,
    "some": 6.6,
    "world": 6.0,
    "like": 6.6,
    "also": 6.4,
    "lion": 4.3,
    "sam": 4.4,
    "fl": 3.6,
    "list": 5.3,
}


#: a short human text the tests put slips and misreadings into
FLAT = (
    "We moved into the new flat in March, and the first problem was the heating. The "
    "boiler worked for a week and then stopped, so we called the landlord, who promised "
    "to send someone the next morning. Nobody came. When I phoned again he said the "
    "engineer was busy with other customers and would visit on Friday. In the end we "
    "waited ten days for a part that cost twelve pounds."
)


def test_each_kind_of_slip_is_read_as_the_common_word_meant() -> None:
    assert typos.meant_word("probelm", ZIPF) == "problem"  # two neighbours swapped
    assert typos.meant_word("expectted", ZIPF) == "expected"  # a letter typed twice
    assert typos.meant_word("custmers", ZIPF) == "customers"  # a letter left out
    assert typos.meant_word("comitting", ZIPF) == "committing"  # a doubled letter typed once


@pytest.mark.parametrize(
    ("word", "why"),
    [
        ("clime", "a letter in place of another: how a rare real word differs from a common one"),
        ("marke", "two common words lose a letter to it"),
        ("rarly", "the word it would be is not common"),
        ("teh", "too short"),
        ("setted", "a common word with a regular ending: a spinner's inflection"),
        ("openned", "the same, its consonant doubled as a short syllable's is"),
        ("strategise", "a British -ise form of a listed -ize word"),
        ("spirts", "a word the dictionary lists"),
        ("Custmers", "not in lower case: the caller passes lower-case words only"),
    ],
)
def test_what_is_not_read_as_a_slip(word: str, why: str) -> None:
    assert typos.meant_word(word, ZIPF) is None, why


def test_a_word_longer_than_any_slip_is_not_read() -> None:
    longest = "c" * typos.MAX_LETTERS
    assert typos.meant_word(longest, {longest + "c": 5.0}) == longest + "c"
    too_long = longest + "c"  # (each slip undone copies the word: a million letters is hostile)
    assert typos.meant_word(too_long, {too_long + "c": 5.0}) is None


def test_the_dictionary_list_is_what_keeps_real_words() -> None:
    assert "spirts" in dictionary_words()
    assert typos.read_slip("spirts", ZIPF) == "spirits"  # the rule alone would read it
    assert typos.meant_word("custmers", {**ZIPF, "custmers": 1.0}) is None  # a word of the table


def test_each_frequency_table_reads_with_its_own_words() -> None:
    assert typos.meant_word("custmers", ZIPF) == "customers"
    other = {k: v for k, v in ZIPF.items() if k != "customers"}
    assert typos.meant_word("custmers", other) is None
    assert typos.meant_word("custmers", ZIPF) == "customers"


def test_a_text_of_many_unknown_words_is_not_read() -> None:
    words = [*["the"] * 30, "custmers", "probelm"]
    assert typos.find_typos(words, ZIPF, len(words)) == {
        "custmers": "customers",
        "probelm": "problem",
    }
    jargon = [*words, "zorbex", "quandle", "frimp", "glorbat"]  # six unknown in 36 words
    assert typos.find_typos(jargon, ZIPF, len(jargon)) == {}
    # capitalised words (names) are not candidates, nor counted as unknown
    names = [*words, "Zorbex", "Quandle", "Frimp", "Glorbat", "Custmers"]
    assert typos.find_typos(names, ZIPF, len(names)) == {
        "custmers": "customers",
        "probelm": "problem",
    }


def test_a_memo_keeps_each_words_answer_for_the_next_text() -> None:
    words = [*["the"] * 30, "custmers", "probelm"]
    memo: dict[str, str | None] = {}
    read = typos.find_typos(words, ZIPF, len(words), memo)
    assert read == memo == {"custmers": "customers", "probelm": "problem"}
    memo["probelm"] = None  # an answer in the memo is taken as given
    assert typos.find_typos(words, ZIPF, len(words), memo) == {"custmers": "customers"}


def test_the_reference_reads_slips_and_keeps_offsets() -> None:
    reference = spundetect.Detector.load()._reference
    text = "The custmers had one probelm with the Custmers Club."
    doc = reference.read(text)
    assert doc.tokens[1] == doc.lower[1] == "customers" and doc.tokens[4] == "problem"
    assert text[doc.starts[1] : doc.ends[1]] == "custmers"
    assert doc.tokens[7] == "Custmers"  # a capitalised word is a name
    assert doc.typos_read() == {"custmers": "customers", "probelm": "problem"}
    # the tokeniser alone reads the text as written
    plain = tokenize(text, reference.zipf)
    assert plain.tokens[1] == "custmers" and plain.typos_read() == {}
    assert doc.sentences == plain.sentences and doc.starts == plain.starts


def test_the_reading_keeps_the_token_arrays_a_fresh_lookup_gives() -> None:
    reference = spundetect.Detector.load()._reference
    text = "Custmers said the probelm began. The custmers wrote again. probelm, they said."
    doc = reference.read(text)  # its arrays: the slips' looked up, the rest kept
    assert doc.typos_read() == {"custmers": "customers", "probelm": "problem"}
    plain = tokenize(text, reference.zipf)
    slips = doc.typos_read()
    fresh = read_typos(plain, [i for i, t in enumerate(plain.tokens) if t in slips], slips)
    assert fresh.tokens == doc.tokens
    kept, looked_up = reference.token_info(doc), reference.token_info(fresh)
    assert kept is not looked_up
    for f in dataclasses.fields(kept):
        np.testing.assert_array_equal(getattr(kept, f.name), getattr(looked_up, f.name))


@pytest.mark.parametrize(
    "damage",
    [
        # typing slips
        {"problem": "probelm", "customers": "custmers", "promised": "promissed"},
        # print misread by text recognition
        {
            "moved": "rnoved",
            "heating": "hcating",
            "landlord": "landlorcl",
            "someone": "s0meone",
            "would": "wou1d",
            "Nobody": "N0body",
        },
    ],
)
def test_a_text_scores_as_it_would_without_its_slips(damage: dict[str, str]) -> None:
    det = spundetect.Detector.load()
    damaged = FLAT
    for word, written in damage.items():
        damaged = damaged.replace(word, written)
    assert damaged.count(" ") == FLAT.count(" ") and damaged != FLAT
    assert det.score(damaged).probabilities == det.score(FLAT).probabilities


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("cornrnunity", "community"),  # "rn" for "m", twice
        ("clecided", "decided"),  # "cl" for "d"
        ("builcl", "build"),
        ("bccause", "because"),  # "c" for "e"
        ("managcr", "manager"),
    ],
)
def test_print_misread_by_text_recognition_is_read_as_the_word_meant(
    written: str, meant: str
) -> None:
    assert typos.meant_word(written, ZIPF) == meant


def test_a_misreading_is_read_in_a_capitalised_word_where_no_slip_is() -> None:
    assert typos.misread_name("Managcr", ZIPF) == "Manager"
    assert typos.misread_name("Rornan", ZIPF) == "Roman"
    assert typos.misread_name("Custmers", ZIPF) is None  # a slip: a capitalised word is a name
    assert typos.misread_name("Okafor", ZIPF) is None  # a name
    assert typos.misread_name("Spirts", {**ZIPF, "spirte": 5.0}) is None  # a dictionary word
    words = [*["the"] * 30, "Rornan", "Custmers", "custmers"]
    assert typos.find_typos(words, ZIPF, len(words)) == {
        "Rornan": "Roman",
        "custmers": "customers",
    }


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("c0mpany", "company"),  # "0" for "o"
        ("po1ice", "police"),  # "1" for "l"
        ("1ion", "lion"),
        ("5ome", "some"),  # "5" for "s"
        ("w0r1d", "world"),  # two digits
        ("P0LICE", "police"),
        # not read: too short ("5am" is a time, not "sam"; "F1" a race), or no common word
        ("5am", None),
        ("F1", None),
        ("1st", None),
        ("B52", None),
        ("mp3", None),
        ("H1N1", None),
        ("a1so", "also"),
    ],
)
def test_digits_misread_for_letters_are_read_in_a_common_word(
    written: str, meant: str | None
) -> None:
    assert typos.read_digits(written, ZIPF) == meant


def test_digits_read_as_two_words_are_not_read() -> None:
    assert typos.read_digits("1ike", {**ZIPF, "ike": 0.0}) == "like"
    assert typos.read_digits("1ike", {**ZIPF, "iike": 4.0}) is None  # "l" or "i": two fit


def test_the_reference_reads_misread_print_and_keeps_offsets() -> None:
    reference = spundetect.Detector.load()._reference
    text = "The c0mpany said the po1ice came. 0ne cornrnunity clecided. It was 5am at the F1."
    doc = reference.read(text)
    plain = tokenize(text, reference.zipf)
    assert doc.tokens[:5] == ["The", "company", "said", "the", "police"]
    assert [text[a:b] for a, b in zip(doc.starts[:5], doc.ends[:5])] == [
        "The", "c0mpany", "said", "the", "po1ice",
    ]  # fmt: skip
    assert "community" in doc.lower and "decided" in doc.lower
    # a time and a race stay as written, as does a word of three characters
    assert plain.tokens[-7:] == doc.tokens[-7:] == ["5", "am", "at", "the", "F", "1", "."]
    assert "0" in doc.tokens  # "0ne"
    assert doc.typos_read() == {
        "c0mpany": "company",
        "po1ice": "police",
        "cornrnunity": "community",
        "clecided": "decided",
    }
    assert len(doc.tokens) == len(plain.tokens) - 4  # "c","0","mpany" and "po","1","ice"


def test_a_digit_read_at_a_word_start_is_a_capital_where_one_was_misread() -> None:
    reference = spundetect.Detector.load()._reference
    doc = reference.read("It rained. 1ater it rained in 0ctober, 1ike now.")
    # at a sentence's start; "0" (and "5") for the capital its shape is; "1" mid-sentence
    # for the small letter
    assert doc.tokens == ["It", "rained", ".", "Later", "it", "rained", "in", "October", ",",
                          "like", "now", "."]  # fmt: skip


# found by mutation testing (forty-fourth session): boundaries of the rules above


def test_the_rules_read_at_their_bounds() -> None:
    assert typos.read_digits("l00k", {"look": 5.0}) == "look"  # two letters are enough
    assert typos.read_slip("wrod", {"word": typos.MEANT_MIN_ZIPF}) == "word"  # at the floor
    word = ("company" * 4)[: typos.MAX_LETTERS]
    run = word.replace("o", "0", 1)
    assert len(run) == typos.MAX_LETTERS and typos.read_digits(run, {word: 5.0}) == word
    assert typos.find_typos(["Hcre"], {"here": 6.0}, 10) == {"Hcre": "Here"}  # four letters
    # a misreading right after the same letter ("effeet": the second "e" of "effect" is a "c")
    assert typos.read_slip("effeet", {"effect": 5.0}) == "effect"


def test_a_run_not_read_does_not_stop_the_next() -> None:
    reference = spundetect.Detector.load()._reference
    assert reference.read("At 5am the c0mpany said.").tokens[4] == "company"


@pytest.mark.parametrize("text", ["I 1ike it.", "We      1ike it.", " " * 60 + "We 1ike it."])
def test_a_digit_word_mid_sentence_stays_in_lower_case(text: str) -> None:
    reference = spundetect.Detector.load()._reference
    assert [t for t in reference.read(text).tokens if t.lower() == "like"] == ["like"]


def test_a_digit_word_after_only_space_at_the_start_is_a_capital() -> None:
    reference = spundetect.Detector.load()._reference
    assert reference.read("   1ater it rained.").tokens[0] == "Later"


def test_the_token_info_kept_after_reading_is_what_a_fresh_lookup_gives() -> None:
    reference = spundetect.Detector.load()._reference
    read = reference.read("The custmers of the c0mpany came. Rornan roads.")
    cached = read.memo.pop(("token_info", id(reference)))
    fresh = reference.token_info(read)
    for f in dataclasses.fields(cached):
        np.testing.assert_array_equal(getattr(cached, f.name), getattr(fresh, f.name))
