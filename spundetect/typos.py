"""Typing slips and misread print read as the word meant: "custmers" as "customers",
"probelm" as "problem", "cornrnunity" as "community", "c0mpany" as "company".

Why: a slip of the keyboard makes a word the vocabulary lacks, and the word-sequence measures
and the n-gram model read such a word as the rarest word class, where spinners' invented
forms sit. One slip in a hundred words flagged 12 of the genre probe's 40 human originals,
against 3 as written (docs/EXPERIMENTS.md, thirty-fourth session).

Only the slips a person's fingers make and a spinner's thesaurus does not are read: two
neighbouring letters swapped, a letter typed twice, a letter left out. A letter typed in
place of another is not: that is how a rare real word differs from a common one ("clime",
"climb"), and spinners put such words in. A word is read as another only when exactly one
common word (Zipf frequency of :data:`MEANT_MIN_ZIPF` or more) is one such slip away, it
has at least :data:`MIN_LETTERS` letters, and is in lower case as written (a capitalised
unknown word is a name). Nor is a word a dictionary lists ("spirt", "seism", "cambers":
:func:`spundetect.lexicon.dictionary_words`, which holds every WordNet word the rule would
read against the shipped reference), a common word with a regular ending put on it
("setted", "openned": how a spinner inflects), or a British "-ise" form. A text in which
many words are unknown is jargon or another language, not typing: no word of it is read
(:data:`MAX_UNKNOWN_SHARE`). Misspellings common enough to be in the frequency table
("goverment", "recieve") are words to it, and stay as written.

Text scanned from paper carries the confusions of text recognition instead: letters of
like shapes read for others (:data:`MISREADINGS`: "rn" for "m", "cl" for "d", "c" for
"e") and digits for letters (:data:`DIGIT_MISREADINGS`: "0" for "o", "1" for "l"). These
no keyboard and no thesaurus makes, so they are read under the same guards, and in a
capitalised word too (:func:`misread_name`: "Rornan"), where no slip is. A word of the
corpus, the seeds or the benchmarks reads no differently for them (forty-fourth session).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .lexicon import MAX_LETTERS, dictionary_words
from .spelling import us_spellings

__all__ = [
    "DIGIT_MISREADINGS",
    "MAX_LETTERS",
    "MAX_UNKNOWN_ALWAYS",
    "MAX_UNKNOWN_SHARE",
    "MEANT_MIN_ZIPF",
    "MIN_LETTERS",
    "MISREADINGS",
    "find_typos",
    "left_out_index",
    "meant_word",
    "misread_name",
    "read_digits",
    "read_slip",
]

_UNSEEN = "\x00"  # (a memo's "not asked yet": no word is this)

#: the shortest slip read: a word of three letters is one slip from too many others
MIN_LETTERS = 4
#: how common the word meant must be (Zipf scale: 3.5 is about 3 in a million words)
MEANT_MIN_ZIPF = 3.5
#: no word is read when more than this share of a text's words (and more than
#: :data:`MAX_UNKNOWN_ALWAYS`) are unknown words long enough to be read
MAX_UNKNOWN_SHARE = 0.05
MAX_UNKNOWN_ALWAYS = 3


def meant_word(
    word: str, zipf: Mapping[str, float], left_out: Mapping[str, str] | None = None
) -> str | None:
    """The one common word the lower-case ``word`` is a slip of, or None (see the module).
    ``left_out``: :func:`left_out_index` of ``zipf``, built once by a caller that asks for
    many words (built here when not given)."""
    return None if word in dictionary_words() else read_slip(word, zipf, left_out)


def read_slip(
    word: str, zipf: Mapping[str, float], left_out: Mapping[str, str] | None = None
) -> str | None:
    """:func:`meant_word` without the dictionary's words: the rule its list is derived with."""
    if not MIN_LETTERS <= len(word) <= MAX_LETTERS or word in zipf:
        return None
    if not (word.isascii() and word.isalpha()):
        return None
    if word in us_spellings() or _british_verb(word, zipf) or _inflected(word, zipf):
        return None
    found = {
        w for w in _swapped_or_doubled(word) | _misread(word) if zipf.get(w, 0.0) >= MEANT_MIN_ZIPF
    }
    if left_out is None:
        left_out = left_out_index(zipf)
    put_back = left_out.get(word)
    if put_back is not None:
        found.add(put_back)  # ("" when two common words lose a letter to it: no sure reading)
    if len(found) != 1:
        return None
    meant = found.pop()
    return meant or None


def _swapped_or_doubled(word: str) -> set[str]:
    """``word`` with two neighbouring letters swapped back, or a doubled letter typed once."""
    out = set()
    for i in range(len(word) - 1):
        a, b = word[i], word[i + 1]
        out.add(word[:i] + word[i + 1 :] if a == b else word[:i] + b + a + word[i + 2 :])
    return out


#: letters a scanner's text recognition reads for others (written, meant), the confusions of
#: print's shapes: "rn" for "m", "cl" for "d", "vv" for "w", "li" for "h", "c" and "e" for
#: each other. A letter typed for another is read only in these pairs, which no keyboard
#: and no thesaurus makes.
MISREADINGS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("li", "h"), ("c", "e"), ("e", "c"))


def _misread(word: str) -> set[str]:
    """``word`` with one of :data:`MISREADINGS` read back, at each place it holds one, and
    at every place at once ("cornrnunity")."""
    out = set()
    for written, meant in MISREADINGS:
        i = word.find(written)
        while i >= 0:
            out.add(word[:i] + meant + word[i + len(written) :])
            i = word.find(written, i + 1)
        out.add(word.replace(written, meant))
    return out


def misread_name(word: str, zipf: Mapping[str, float]) -> str | None:
    """The one common word, capitalised, that a capitalised ``word`` the vocabulary lacks is
    misread from (:data:`MISREADINGS`: "Managcr", "Rornan"), or None. Such a word is
    otherwise a name, so no slip of the fingers is read in it."""
    lower = word.lower()
    if lower in zipf or lower in dictionary_words():
        return None
    found = {w for w in _misread(lower) if zipf.get(w, 0.0) >= MEANT_MIN_ZIPF}
    return found.pop().capitalize() if len(found) == 1 else None


#: digits a scanner's text recognition reads for the letters they look like
DIGIT_MISREADINGS = {"0": "o", "1": "li", "5": "s"}


def read_digits(run: str, zipf: Mapping[str, float]) -> str | None:
    """The one common word (lower case) a word written with digits for letters stands for
    ("c0mpany", "po1ice", "5ome"), or None. ``run``: the letters and digits a text holds
    between two non-letters, at least one of them a digit of :data:`DIGIT_MISREADINGS`
    and none another digit. Like a slip (:func:`read_slip`), it is read only as a common
    word (Zipf :data:`MEANT_MIN_ZIPF` or more), only when one alone fits, and only in a run
    of at least :data:`MIN_LETTERS` characters ("5am", "F1", "1st" stay as written)."""
    if not (MIN_LETTERS <= len(run) <= MAX_LETTERS and run.isascii()):
        return None  # (ASCII: a letter whose small form is two characters would misalign)
    if sum(c.isalpha() for c in run) < 2:
        return None
    readings = [""]
    for c in run.lower():
        options = DIGIT_MISREADINGS.get(c, c)
        readings = [r + o for r in readings for o in options]
    found = {r for r in readings if zipf.get(r, 0.0) >= MEANT_MIN_ZIPF}
    return found.pop() if len(found) == 1 else None


def left_out_index(zipf: Mapping[str, float]) -> dict[str, str]:
    """Each common word of ``zipf`` with one letter left out (not its first) -> that word, or
    "" when two common words give the same: one lookup per unknown word, not one per letter
    and place (~100 µs for a long word). For the shipped reference: 74,283 entries, ~6 MB,
    built in ~0.04 s (the reference model builds it on the first unknown word it meets)."""
    index: dict[str, str] = {}
    for w, z in zipf.items():
        if z >= MEANT_MIN_ZIPF and len(w) > MIN_LETTERS and w.isalpha():
            for i in range(1, len(w)):
                key = w[:i] + w[i + 1 :]
                index[key] = w if index.get(key, w) == w else ""
    return index


_VOWELS = frozenset("aeiou")
_ENDINGS = ("ing", "est", "ed", "es", "er", "s")


def _inflected(word: str, zipf: Mapping[str, float]) -> bool:
    """Whether ``word`` is a common word with a regular ending put on it ("setted", "openned",
    "striked", "punchs"): how a spinner inflects a synonym it does not know, not a slip of
    the fingers. A consonant doubled after a consonant ("expectted") is a slip."""
    for end in _ENDINGS:
        if not word.endswith(end):
            continue
        stem = word[: -len(end)]
        bases = [stem, stem + "e"]
        if stem.endswith("i"):
            bases.append(stem[:-1] + "y")
        if (
            len(stem) >= 4
            and stem[-1] == stem[-2]
            and stem[-3] in _VOWELS
            and stem[-4] not in _VOWELS
        ):
            bases.append(stem[:-1])  # the doubling of a short stressed syllable: "set", "setted"
        if any(zipf.get(b, 0.0) >= MEANT_MIN_ZIPF for b in bases):
            return True
    return False


def _british_verb(word: str, zipf: Mapping[str, float]) -> bool:
    """Whether ``word`` is a British "-ise" form of a listed "-ize" word ("strategise"), which
    a swap would read as another word ("strategies")."""
    k = word.rfind("is")
    return k > 0 and (word[:k] + "iz" + word[k + 2 :]) in zipf


def find_typos(
    tokens: Iterable[str],
    zipf: Mapping[str, float],
    n_words: int,
    memo: dict[str, str | None] | None = None,
    left_out: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Slip -> word meant, for the tokens of a text of ``n_words`` words that are written in
    lower case (:func:`meant_word`: a capitalised word is a name); empty when more than
    :data:`MAX_UNKNOWN_SHARE` of its words (and more than :data:`MAX_UNKNOWN_ALWAYS`) are
    such unknown words long enough to be read. ``memo`` keeps each word's answer for the
    next texts (the reference model's type table keeps one: unknown words recur);
    ``left_out`` is :func:`left_out_index` of ``zipf`` (built here when needed and not given)."""
    types = set(tokens).difference(zipf)  # the vocabulary's words go first (in C)
    unknown = [  # then the ones no slip can be
        w
        for w in types
        if MIN_LETTERS <= len(w) <= MAX_LETTERS and w.islower() and w.isascii() and w.isalpha()
    ]
    if len(unknown) > max(MAX_UNKNOWN_ALWAYS, MAX_UNKNOWN_SHARE * n_words):
        return {}
    unknown += [  # capitalised: a name, read only when misread ("Managcr", "Rornan")
        w
        for w in types
        if MIN_LETTERS <= len(w) <= MAX_LETTERS and w.istitle() and w.isascii() and w.isalpha()
    ]
    out = {}
    for w in unknown:
        meant = _UNSEEN if memo is None else memo.get(w, _UNSEEN)
        if meant == _UNSEEN:
            if left_out is None:
                left_out = left_out_index(zipf)
            meant = meant_word(w, zipf, left_out) if w.islower() else misread_name(w, zipf)
            if memo is not None:
                memo[w] = meant
        if meant is not None:
            out[w] = meant
    return out
