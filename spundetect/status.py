"""Decide whether a text can be judged at all, before any feature is computed.

A detector that guesses on an empty string, a two-word title or a Spanish page
misleads its users; these checks give such texts a status instead of a label.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import compress
from typing import Any

from .errors import InputError
from .furniture import ENGLISH_FUNCTION_WORDS as _ENGLISH_FUNCTION_WORDS
from .text import Doc
from .tokens import INVISIBLE_CHARS, UNSPACED_SCRIPT

__all__ = [
    "MAX_CHARS",
    "MIN_WORDS",
    "checked_texts",
    "iterable_of_texts",
    "judgeable",
    "validate_text",
]

#: Fewer words than this: ``too_short``. One short paragraph is the smallest unit we train on.
MIN_WORDS = 15
#: Longer texts are scored on their first ``MAX_CHARS`` characters (features are rates).
MAX_CHARS = 1_000_000

#: what a text may hold and still be empty: white space and the characters a reader never sees
#: (byte-order marks, zero-width spaces and joiners, direction marks: tokens.INVISIBLE_CHARS)
_BLANK = " \t\n\r\x0b\x0c\x85\xa0\u2028\u2029" + INVISIBLE_CHARS
_FUNCTION_WORDS = tuple(sorted(_ENGLISH_FUNCTION_WORDS))
_ZEROS = (0,) * len(_FUNCTION_WORDS)
# English function words other languages write too: Danish and Norwegian "at", "i", "for",
# "over", "her"; Dutch and German "was", "in", "had", "also"; Tok Pisin "i", "no"; Hungarian
# "most"; Turkish "can"; Swedish "all"; Italian "are"... A Danish, Norwegian or Dutch article,
# or one in Tok Pisin, holds 12-17% of them and read as English prose (a Danish article was
# called machine_garbled). The rest ("the", "of", "and", "that", "with", ...) are 7.5-33% of
# every English text tried, 0-1.8% of texts in 30 other languages (fifty-sixth session).
_SHARED_FUNCTION_WORDS = frozenset(
    {
        "a", "i", "in", "no", "at", "was", "had", "an", "do", "to", "so", "over", "for", "is",
        "on", "may", "also", "will", "one", "as", "be", "he", "it", "or", "up", "me", "have",
        "we", "my", "her", "most", "can", "all", "are", "more",
    }
)  # fmt: skip
_ENGLISH_ONLY_WORDS = tuple(w for w in _FUNCTION_WORDS if w not in _SHARED_FUNCTION_WORDS)
_ENGLISH_ONLY_ZEROS = (0,) * len(_ENGLISH_ONLY_WORDS)
#: below this share of :data:`_ENGLISH_ONLY_WORDS`, a text of :data:`ENGLISH_ONLY_WORDS`
#: words or more is another language (a shorter English text may lack them all: 15-60 word
#: snippets of the corpus's test split lost 0.002 of macro-F1 to the rule without the floor)
ENGLISH_ONLY_MIN = 0.02
ENGLISH_ONLY_WORDS = 60
# The C0 controls other than tab, line feed and carriage return, and DEL. In UTF-8 every
# byte below 0x80 is the ASCII character itself, so counting these bytes counts the
# characters; ``bytes.translate`` does it in one C pass (a regex scan is ~4x slower).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


#: Above this share of control characters (NUL among them) and U+FFFD, text is binary or
#: undecodable data.
MAX_CONTROL_SHARE = 0.05
#: Above this share of NUL characters, text is binary data. Fewer are a broken extraction's
#: strays, taken out before the text is read as the other control characters are
#: (:data:`spundetect.tokens.STRAY_CONTROLS`): one NUL in an article refused the article whole
#: (to the fifty-ninth session). Binary data holds far more: a fifth or more of an ELF or PNG
#: header, one byte in 256 of random bytes, among 13% control bytes.
MAX_NUL_SHARE = 0.01
BINARY_NUL = "binary data (NUL bytes), not text"


def _control_bytes(b: bytes) -> int:
    """Control bytes in ``b``: in UTF-8, the control characters (one C pass)."""
    return len(b) - len(b.translate(None, _CONTROL_BYTES))


def _count_controls(s: str) -> int:
    """Control characters in ``s`` (surrogates pass through as non-ASCII bytes)."""
    return _control_bytes(s.encode("utf-8", "surrogatepass"))


def binary_bytes(head: bytes) -> bool:
    """Whether the first bytes of a file or record, ``head``, hold NUL bytes as binary data
    does, rather than a few strays in text (:data:`MAX_NUL_SHARE`, :data:`MAX_CONTROL_SHARE`)."""
    nuls = head.count(0)
    if not nuls:
        return False
    return nuls > MAX_NUL_SHARE * len(head) or _control_bytes(head) > MAX_CONTROL_SHARE * len(head)


def validate_text(obj: object) -> str | None:
    """``None`` if ``obj`` is text we can score, else a one-line reason why not. A few stray
    NUL and other control characters are text; many are binary data."""
    if not isinstance(obj, str):
        return f"expected a str, got {type(obj).__name__}"
    if obj.count("\x00", 0, MAX_CHARS) > MAX_NUL_SHARE * min(len(obj), MAX_CHARS):
        return BINARY_NUL
    try:  # what json.loads makes of an unpaired "\ud83d": no encoder, and no reader, takes it
        obj[:MAX_CHARS].encode("utf-8")
    except UnicodeEncodeError:
        return "invalid Unicode (lone surrogate code points)"
    sample = obj[:20000]
    if sample:
        controls = _count_controls(sample)
        bad = sample.count("\ufffd")
        if controls + bad > MAX_CONTROL_SHARE * len(sample):
            if "\x00" in sample:
                return BINARY_NUL
            return "binary or undecodable data (control or replacement characters), not text"
    return None


def judgeable(doc: Doc) -> tuple[str, str]:
    """``("ok", "")`` or a status in ``empty|too_short|not_english`` with a message."""
    text = doc.text
    if not text or text.isspace():  # what ``not text.strip()`` says, without a copy
        return "empty", "the text is empty"
    n = doc.n_words
    if not n and not text.strip(_BLANK):  # a byte-order mark or zero-width characters alone
        return "empty", "the text is empty"
    # (in the text as given: its lines in such a script may be left out as another language)
    if not text.isascii() and len(text.encode("utf-8", "surrogatepass")) - len(text) >= 4 * n:
        # (two bytes more than ASCII's each: as many such letters as twice the words, or more)
        # (a Chinese article of 279 characters was 13 "words", a clause a token: too_short,
        # and one with an English sentence in it was judged on that sentence)
        unspaced = len(UNSPACED_SCRIPT.findall(text))
        # (and some: a French text left out whole, no word left, was said to be Chinese)
        if unspaced and unspaced >= 2 * n:  # ~2 letters a word: more of them than of the others
            return (
                "not_english",
                "most of the text is in a script written without spaces between words "
                "(Chinese, Japanese, Thai, ...); spundetect judges English only",
            )
    foreign = doc.foreign_words()  # the words of the lines left out as another language
    if foreign > n:
        return (
            "not_english",
            f"most of the text ({foreign:,} of {foreign + n:,} words) is in another language; "
            "spundetect judges English only",
        )
    if n < MIN_WORDS:
        words = "1 word" if n == 1 else f"{n} words"
        return "too_short", f"{words}; at least {MIN_WORDS} are needed to judge"
    # per distinct word, not per token; counts are shared with the feature families
    counts = doc.word_counts()
    if doc.folded.isascii():
        ascii_letters = n  # every word is a slice of the folded text
    else:
        ascii_letters = sum(compress(counts.values(), map(str.isascii, counts)))
    if ascii_letters / n < 0.6:
        return (
            "not_english",
            "most words are written with letters English does not use (outside ASCII); "
            "spundetect judges English only",
        )
    fw = sum(map(counts.get, _FUNCTION_WORDS, _ZEROS))
    if fw / n < 0.12:
        return (
            "not_english",
            f"only {fw / n:.0%} of the words are common English function words: another "
            "language, or not running prose (a list, a table, headlines); spundetect judges "
            "English prose only",
        )
    english_only = sum(map(counts.get, _ENGLISH_ONLY_WORDS, _ENGLISH_ONLY_ZEROS))
    if n >= ENGLISH_ONLY_WORDS and english_only / n < ENGLISH_ONLY_MIN:
        return (
            "not_english",
            f"only {english_only / n:.1%} of the words are function words only English writes "
            "(the, of, and, that, with, ...; its others, such as at, i, in, was, are other "
            "languages' too): another language; spundetect judges English only",
        )
    if doc.mostly_short_lines():
        return (
            "not_english",
            "mostly short lines that do not end like sentences (headlines, captions, a list, "
            "a poem): not running prose; spundetect judges English prose only",
        )
    return "ok", ""


def iterable_of_texts(texts: Iterable[Any]) -> Iterable[Any]:
    """``texts``, unless it is one text: iterating a str would score each character."""
    if isinstance(texts, str | bytes | bytearray):
        raise InputError(
            f"expected an iterable of texts, got one {type(texts).__name__}; "
            "pass [text], or score(text) for one text"
        )
    return texts


def checked_texts(texts: Iterable[Any]) -> Iterator[str]:
    """Each of ``texts`` cut to :data:`MAX_CHARS`; :class:`InputError` at the first that is
    not text we can score, naming its position, from 0 ("item at index 3 of the input: ...")."""
    for i, text in enumerate(iterable_of_texts(texts)):
        reason = validate_text(text)
        if reason is not None:
            raise InputError(f"item at index {i} of the input: {reason}")
        yield text[:MAX_CHARS]
