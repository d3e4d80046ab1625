"""Decide whether a text can be judged at all, before any feature is computed.

A detector that guesses on an empty string, a two-word title or a Spanish page
misleads its users; these checks give such texts a status instead of a label.
"""

from __future__ import annotations

import re

from .text import Doc

__all__ = ["MAX_CHARS", "MIN_WORDS", "judgeable", "validate_text"]

#: Fewer words than this: ``too_short``. One short paragraph is the smallest unit we train on.
MIN_WORDS = 15
#: Longer texts are scored on their first ``MAX_CHARS`` characters (features are rates).
MAX_CHARS = 1_000_000

# The most frequent English function words: in English prose about 40-55% of
# the words are one of these; in other languages almost none are.
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "as",
        "was",
        "with",
        "be",
        "by",
        "on",
        "not",
        "he",
        "i",
        "this",
        "are",
        "or",
        "his",
        "from",
        "at",
        "which",
        "but",
        "have",
        "an",
        "they",
        "you",
        "were",
        "her",
        "she",
        "there",
        "been",
        "one",
        "had",
        "their",
        "all",
        "we",
        "will",
        "would",
        "can",
        "has",
        "more",
        "when",
        "who",
        "what",
        "so",
        "if",
        "no",
        "out",
        "up",
        "into",
        "its",
        "them",
        "than",
        "about",
        "then",
        "some",
        "could",
        "these",
        "my",
        "him",
        "only",
        "other",
        "our",
        "also",
        "over",
        "after",
        "such",
        "may",
        "any",
        "most",
        "new",
        "two",
        "where",
        "first",
        "should",
        "those",
        "did",
        "do",
        "does",
        "your",
        "said",
        "very",
        "because",
        "between",
        "while",
        "how",
    ]
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_text(obj: object) -> str | None:
    """``None`` if ``obj`` is text we can score, else a one-line reason why not."""
    if not isinstance(obj, str):
        return f"expected a str, got {type(obj).__name__}"
    if "\x00" in obj[:MAX_CHARS]:
        return "binary data (NUL bytes), not text"
    sample = obj[:20000]
    if sample:
        controls = len(_CONTROL_RE.findall(sample))
        bad = sample.count("\ufffd")
        if (controls + bad) / len(sample) > 0.05:
            return "binary or undecodable data (control or replacement characters), not text"
    return None


def judgeable(doc: Doc) -> tuple[str, str]:
    """``("ok", "")`` or a status in ``empty|too_short|not_english`` with a message."""
    if not doc.text.strip():
        return "empty", "the text is empty"
    words = [w for w, ok in zip(doc.lower, doc.is_word) if ok]
    n = len(words)
    if n < MIN_WORDS:
        return "too_short", f"{n} words; at least {MIN_WORDS} are needed to judge"
    ascii_letters = sum(1 for w in words if w.isascii())
    if ascii_letters / n < 0.6:
        return (
            "not_english",
            "most words are not in the Latin alphabet; spundetect judges English only",
        )
    fw = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    if fw / n < 0.12:
        return (
            "not_english",
            f"only {fw / n:.0%} of the words are common English function words; "
            "spundetect judges English only",
        )
    return "ok", ""
