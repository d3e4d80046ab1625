"""The shared tokeniser: exact offsets, 1:1 folding and sentence splitting."""

from __future__ import annotations

import pytest

from spundetect.text import tokenize


def test_offsets_point_into_the_original_text() -> None:
    text = "\u201cIt\u2019s fine,\u201d she said \u2014 twice\u2026 Then 1,500 people left."
    doc = tokenize(text)
    assert len(doc.folded) == len(text)
    for tok, a, b in zip(doc.tokens, doc.starts, doc.ends, strict=False):
        assert doc.folded[a:b] == tok
    assert "It's" in doc.tokens and "1,500" in doc.tokens
    assert doc.folded[0] == '"'


def test_words_and_word_flags() -> None:
    doc = tokenize("Don't stop: 42 cats, 3.5 dogs!")
    assert doc.words() == ["don't", "stop", "cats", "dogs"]
    assert doc.n_words == 4
    assert doc.n_tokens == len(doc.tokens)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("One sentence here. Another one here! A third? Yes.", 4),
        ("Mr. Smith met Dr. Jones in the U.S. capital on Monday.", 1),
        ("A heading\n\nThen a paragraph follows here.", 2),
        ("He said \u201cstop.\u201d Then he left.", 2),
        ("", 0),
    ],
)
def test_sentence_splitting(text: str, n: int) -> None:
    assert len(tokenize(text).sentences) == n


def test_sentence_span_and_empty_doc() -> None:
    doc = tokenize("First one. Second one.")
    a, b = doc.sentence_span(1)
    assert doc.span_text(a, b) == "Second one."
    empty = tokenize("")
    assert empty.n_words == 0 and empty.sentences == [] and empty.words() == []


def test_fold_matches_the_translation_table_and_keeps_length() -> None:
    from spundetect.text import FOLD_TABLE, fold

    s = "It\u2019s \u201cquoted\u201d \u2014 a\u00a0b\tc\u2026 \u00abx\u00bb plain ascii"
    assert fold(s) == s.translate(FOLD_TABLE)
    assert len(fold(s)) == len(s)
    assert fold("plain\ttext") == "plain text"
