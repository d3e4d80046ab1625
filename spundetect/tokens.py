"""What a token is: the patterns every reader of a text splits it with.

A word is letters with internal apostrophes ("don't", "Russia's"), a number digits with
internal separators ("1,500", "3.5"), anything else that is not space one token per
character. :mod:`spundetect.text` tokenises with these patterns and
:mod:`spundetect.furniture` counts a line's words with them, so both read a word the same
way, combining marks included; they live here so that neither module imports the other's
internals.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import NamedTuple
from unicodedata import category

__all__ = [
    "ASCII_SPLIT_RE",
    "INVISIBLE_CHARS",
    "LINE_WORD",
    "SPLIT_RE",
    "STRAY_CONTROLS",
    "TOKEN_RE",
    "UNSPACED_SCRIPT",
    "MarkPatterns",
    "marks",
    "possessive",
    "split_pattern",
]

# A word: letters with internal apostrophes ("don't", "Russia's").
# A number: digits with internal separators ("1,500", "3.5").
# Anything else that is not space: one punctuation/symbol token per character.
TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*|\S")


# The same tokens, captured, for ``re.split``: it returns the whitespace runs and the
# tokens alternately (ws, token, ws, ..., token, ws), so offsets are running sums of
# their lengths and no match object is built per token (~1.6x faster than ``finditer``
# plus three reads per match). On ASCII text (most documents once folded)
# ``[A-Za-z]``/``[0-9]`` are the same classes as ``[^\W\d_]``/``\d`` and ~1.5x faster
# to match than Unicode categories.
#
# From Python 3.11 the runs are possessive (``++``, ``*+``: never given back, which no match
# needs, as nothing after them in the pattern could use what they hold): the same tokens,
# ~10% faster to split.
def possessive(pattern: str) -> str:
    """``pattern`` with its runs and repeated groups possessive, from Python 3.11."""
    if sys.version_info < (3, 11):
        return pattern
    return pattern.replace("+", "++").replace(")*", ")*+")


def split_pattern(token: str) -> re.Pattern[str]:
    """The tokens ``token`` matches, captured for ``re.split``, behind a look-ahead for a
    character that is not space. Every token starts with one, so the look-ahead changes no
    token; it fails each space at once, where the engine tried every kind of token in turn
    (a 1,000-word text splits ~10% faster)."""
    return re.compile("((?=\\S)(?:" + possessive(token) + "))")


SPLIT_RE = split_pattern(TOKEN_RE.pattern)
ASCII_SPLIT_RE = split_pattern(r"[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+(?:[.,:][0-9]+)*|\S")

# Characters a reader never sees: the soft hyphen, the zero-width space, (non-)joiner and
# no-break space (the byte-order mark), the word joiner, the invisible operators, and the
# marks that set the direction of text (left-to-right and right-to-left marks, embeddings,
# overrides, isolates), as text copied from web pages, chat apps and word processors holds
# them, and as spammers put them inside words to get past filters. Each is a token of its
# own (``\S``), which :mod:`spundetect.text` drops: between letters it is part of the word
# ("informa\u00adtion" reads "information"), anywhere else it carries nothing. Read as a
# space, a zero-width space inside every fifth long word turned seed 002 from original (P
# 0.80) to spun (0.02; fifty-sixth session).
INVISIBLE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
# C0 controls that are no white space (NUL, BEL, ESC, DEL, ...): a broken extraction's strays,
# a character lost to an encoding as NUL ("don\x00t"). A reader never sees them either: they
# are taken out before a text is read (:func:`spundetect.text.visible_text`), and
# :func:`spundetect.reading.fold` reads each as a word joiner. Read as written, each was a
# symbol that cut its word in two ("re", "pair": a 60-word original went from P(original)
# 0.81 to 0.62; sixtieth session). Tab, line ends, vertical tab, form feed and the separators
# 0x1C-0x1F are white space and stay. A text of many is binary data, refused before it is
# read (:func:`spundetect.status.validate_text`).
STRAY_CONTROLS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F]))
_WORD_RUN = r"[^\W\d_]+"
# A line's words as :mod:`spundetect.furniture` counts them: runs of letters, an invisible
# character inside one part of it ("Kyrgyz\u00adstan" is one word, as the tokens read it).
LINE_WORD = re.compile(rf"{_WORD_RUN}(?:[{INVISIBLE_CHARS}]+{_WORD_RUN})*")


# Letters of the scripts written without spaces between words (Thai, Lao, Myanmar, Khmer,
# kana, Han; not Hangul: Korean is spaced, and its words are counted): a clause is one
# token, so its words cannot be counted as tokens; about two such letters make a word.
UNSPACED_SCRIPT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


# Combining marks (Unicode categories Mn, Mc, Me) are no letters to ``[^\W\d_]``, so a word
# that holds one was cut at it: an accent written decomposed ("cafe\u0301", as macOS and some
# PDF and web tools write text; Unicode NFD) and the vowel signs of Devanagari, Bengali, Thai
# and other scripts ("नहीं" read as "नह", "ी", "ं"). Texts that hold one are split with the
# token pattern below, which keeps a word's marks in it; the class is built on the first
# text outside ASCII (~25 ms), not at import.
_MARK_CATEGORIES = frozenset({"Mn", "Mc", "Me"})
# The Basic Multilingual Plane's marks only (every living script's): a class that reaches
# beyond it makes ``re`` test each character against every range, 1.7 ms a 1,000-word text
# against 0.03 ms for this one's bitmap.
_MARK_RANGE = range(0x0300, 0x10000)


class MarkPatterns(NamedTuple):
    find: re.Pattern[str]  # a combining mark
    split: re.Pattern[str]  # the tokens, for ``re.split``, a word's marks kept in it
    word: re.Pattern[str]  # the words :mod:`spundetect.furniture` counts in a line, likewise


@lru_cache(maxsize=1)
def marks() -> MarkPatterns:
    """The patterns that keep combining marks inside the words they belong to (the same
    tokens and words as without, on text that holds none)."""
    runs: list[list[int]] = []
    for c in _MARK_RANGE:
        if category(chr(c)) in _MARK_CATEGORIES:
            if runs and runs[-1][1] == c - 1:
                runs[-1][1] = c
            else:
                runs.append([c, c])
    mark_class = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)
    word = rf"[^\W\d_](?:[^\W\d_]|[{mark_class}])*"
    split = split_pattern(rf"{word}(?:'{word})*|\d+(?:[.,:]\d+)*|\S")
    line_word = rf"{word}(?:[{INVISIBLE_CHARS}]+{word})*"
    return MarkPatterns(re.compile(f"[{mark_class}]"), split, re.compile(line_word))
