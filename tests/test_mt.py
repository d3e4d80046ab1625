"""Round-trip MT with Apertium, batching, partial garbling and pipeline artifacts."""

from __future__ import annotations

import random
import re

import pytest

from training import mt

DOCS = [
    "The president of the company said that the new factory will open next spring.",
    "Heavy rain fell on the city on Tuesday.\n\nThe river rose by two metres and several "
    "roads were closed to traffic.",
    "Scientists have found a new species of frog in the forests of the north. It is small, "
    "green and very loud at night.",
    "Local farmers sold apples, pears and cheese at the weekly market in the old square.",
]
ENGLISH = {"the", "of", "and", "a", "in", "to", "is", "at", "on", "was", "were", "by", "it"}


def english_share(text: str) -> float:
    words = re.findall(r"[a-z]+", text.lower())
    return sum(w in ENGLISH for w in words) / max(1, len(words))


@pytest.mark.parametrize("pivot", sorted(mt.PIVOTS))
def test_round_trip_changes_text_and_stays_english(apertium: None, pivot: str) -> None:
    out = mt.round_trip(DOCS, pivot)
    assert len(out) == len(DOCS)
    assert sum(o != d for o, d in zip(out, DOCS, strict=True)) >= 2
    for o, d in zip(out, DOCS, strict=True):
        assert english_share(o) > 0.1, o
        assert not re.search(r"(?<!\w)[*#@]\w", o), o  # no Apertium unknown-word marks
        assert "  " not in o
        assert o.count("\n\n") == d.count("\n\n")  # paragraphs survive


def test_batch_separator_keeps_count_and_order(apertium: None) -> None:
    """N documents in, N out, in order: each carries its own number through translation."""
    docs = [f"Document number {n} is about a red house near the sea." for n in range(40)]
    docs[7] = "Text quoting the marker 904173625 must not split the batch."
    out = mt.translate(docs, ["eng-spa", "spa-eng"], batch_words=60)
    assert len(out) == 40
    for n, o in enumerate(out):
        if n != 7:
            assert str(n) in o.split(), (n, o)


def test_chained_pivots_differ_from_single(apertium: None) -> None:
    single = mt.round_trip(DOCS, "spa")
    chained = mt.round_trip(DOCS, ["spa", "cat"])
    assert chained != single


def test_partial_garbling_keeps_some_sentences(apertium: None) -> None:
    doc = " ".join(
        f"Sentence {i} says that the old man walked slowly to the quiet village." for i in range(12)
    )
    full = mt.round_trip([doc], "spa")[0]
    out = mt.garble([doc], "mt-partial:spa", [random.Random(3)])[0]
    kept = [s for s in mt.split_sentences(out) if s in doc]
    assert 0 < len(kept) < 12  # some original, some translated
    assert out != doc and out != full


def test_garble_is_deterministic(apertium: None) -> None:
    a = mt.garble(DOCS, "mt-partial:epo", [random.Random(i) for i in range(len(DOCS))])
    b = mt.garble(DOCS, "mt-partial:epo", [random.Random(i) for i in range(len(DOCS))])
    assert a == b


def test_parse_generator() -> None:
    assert mt.parse_generator("mt:spa>cat") == (False, ["spa", "cat"])
    assert mt.parse_generator("mt-partial:epo") == (True, ["epo"])
    with pytest.raises(ValueError, match="unknown pivot"):
        mt.parse_generator("mt:xxx")
    for g in mt.MT_GENERATORS:
        mt.parse_generator(g)


def test_missing_pair_names_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mt.shutil, "which", lambda _: "/usr/bin/apertium")
    monkeypatch.setattr(mt, "_installed_modes", lambda: {"eng-spa", "spa-eng"})
    with pytest.raises(mt.ApertiumMissing, match="apertium-eng-cat"):
        mt.check_apertium(["spa", "cat"])
    mt.check_apertium(["spa"])  # present pair: no error
    with pytest.raises(mt.ApertiumMissing, match="apertium-hbs-eng"):  # each pair its package
        mt.check_apertium(["spa", "hbs"])
    monkeypatch.setattr(mt.shutil, "which", lambda _: None)
    with pytest.raises(mt.ApertiumMissing, match="install apertium"):
        mt.check_apertium(["spa"])


def test_split_abbreviations() -> None:
    assert mt.split_abbreviations("The U.S. and U.K. met.") == "The U. S. and U. K. met."
    assert mt.split_abbreviations("Mr. Smith") == "Mr. Smith"


def test_quote_artifacts() -> None:
    rng = random.Random(0)
    spaced = mt.space_inside_quotes('He said "no way" twice.', rng, share=1.0)
    assert spaced == 'He said " no way " twice.'
    stray = mt.stray_closing_quotes("It “knows no bounds.” Then", rng, share=1.0)
    assert stray == "It “knows no bounds. “ Then"


def test_broken_sentence_adds_one_full_stop() -> None:
    text = "the talks loomed over the assembly with the leaders"
    out = mt.broken_sentence(text, random.Random(1))
    assert out.count(".") == 1 and out.replace(".", "") == text


def test_decoder_loop_says_a_run_of_one_sentence_again_in_place() -> None:
    text = "It rained. The minister said on Tuesday that the plan had been agreed. It ended."
    words = re.findall(r"\w+", text)
    for seed in range(40):
        out = mt.decoder_loop(text, random.Random(seed))
        extra = re.findall(r"\w+", out)
        assert out.startswith("It rained. ") and out.endswith(" It ended.")  # short ones kept
        added = len(extra) - len(words)
        assert 1 <= added <= 16
        # the words added are a run of the sentence said again right after itself
        i = next(k for k, (a, b) in enumerate(zip(words, extra, strict=False)) if a != b)
        run = extra[i : i + added]
        assert extra[i + added :] == words[i:]
        assert any(
            added % n == 0 and run == extra[i - n : i] * (added // n) for n in range(1, 5)
        ), out
    assert mt.decoder_loop("Too short to loop.", random.Random(0)) == "Too short to loop."


def test_artifacts_rates_are_moderate() -> None:
    text = 'The U.S. envoy said "we agree." Then the talks ended in the capital city.'
    changed = sum(mt.add_artifacts(text, random.Random(i)) != text for i in range(500))
    # every artifact applies to this text; each fires with its per-document probability
    # (the quote ones then touch each quotation with probability 0.6)
    p = mt.ARTIFACT_PROBS
    keep = (1 - p["split_abbrev"]) * (1 - 0.6 * p["quote_space"])
    keep *= (1 - 0.6 * p["stray_close_quote"]) * (1 - p["broken_sentence"])
    keep *= 1 - p["decoder_loop"]
    assert abs(changed / 500 - (1 - keep)) < 0.07
    assert changed < 500  # some documents, not all


def test_unknown_words_kept_if_in_source_else_dropped() -> None:
    src = "Fire engines reached Pécs on Monday."
    out = mt._clean("*Fajregaj engines reached *Pécs on #be Monday , late .", src)
    assert out == "engines reached Pécs on be Monday, late."
    assert mt._clean("The áreadepresión moved.", "The area moved.") == "The moved."
    assert mt._clean("We ate at the café.", "We ate at the café.") == "We ate at the café."


def test_esperanto_round_trip_leaves_no_pivot_letters(apertium: None) -> None:
    text = "Fire engines arrived at the scene. The traffic ways were closed by the police."
    out = mt.round_trip([text], "epo")[0]
    assert not re.search(r"[ĉĝĥĵŝŭ*#@]", out), out


def test_batch_split_tolerates_a_marked_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Serbo-Croatian returns the separator as "#904173625.": still one pipeline run per batch."""
    calls: list[str] = []

    def fake(text: str, modes: object) -> str:
        calls.append(text)
        return text.replace(f"\n{mt.MARKER}\n", f"\n#{mt.MARKER}.  \n")

    monkeypatch.setattr(mt, "_run_pipeline", fake)
    out = mt._translate_batch(["One text.", "Two texts.", "Three."], ["eng-hbs", "hbs-eng"])
    assert out == ["One text.", "Two texts.", "Three."]
    assert len(calls) == 1  # no bisection into one run per text


def test_clean_drops_generation_marks() -> None:
    """Apertium's "#" after a word it failed to generate is no more a tell than one before it."""
    assert (
        mt._clean("When to not come# that # elaborate #day.")
        == "When to not come that elaborate day."
    )
