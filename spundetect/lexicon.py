"""Which words the frequency table lacks are still English: the dictionary's words and
words English builds from known ones.

Why: the word classes read a word the frequency table lacks as the rarest word, where a
spinner's thesaurus words ("twelvemonths", "polloi") and invented forms ("setted") sit. A
word a translation left in another language ("gwamnati", "dadka") is not one of those, and
neither is a term of art ("temnospondyls"); read as the rarest word, such words put in 2% of
the genre probe's originals had 18 (Hausa) and 17 (Somali) of 40 called spun, against 7 and
7 once they read as names (model W, thirty-fifth session).
:meth:`spundetect.lm.ReferenceModel.read` classes a lower-case word that :func:`explained`
rejects (and that is no typing slip) as a name instead, as it already classed a word in
another script ("ìjọba").

Explained: a word of :func:`dictionary_words` (WordNet's one-word lemmas, the single words
of its multi-word lemmas, their regular inflections and its irregular forms, where the
frequency table lacks them), or one built from a known word by a regular ending
("hourses", "workses": a spinner's inflections), an English prefix ("outmigration"), or by
gluing two common words ("diplomatshe": a fused sentence boundary). What is left is names
in lower case, foreign words and terms of art, as common in the corpus's originals as in
its rewrites (0.10 against 0.09-0.12 per 100 words, docs/EXPERIMENTS.md).

The list ships in ``data/dictionary_words.txt`` (a format/version first line, then the
identity of the frequency table it was derived against), derived by ``python -m
training.make_dictionary_words`` from WordNet and the shipped reference's frequency table;
a reference with another table does not use it (:func:`fits`). It also holds the
dictionary words :mod:`spundetect.typos` must not read as slips ("spirts", "seism").
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from .errors import ModelError

__all__ = [
    "COMPOUND_MIN_ZIPF",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_LETTERS",
    "PATH",
    "dictionary_words",
    "english_form",
    "explained",
    "explained_without_list",
    "fits",
    "list_table",
    "table_digest",
]

FORMAT_NAME = "spundetect-dictionary-words"
FORMAT_VERSION = 2
PATH = Path(__file__).parent / "data" / "dictionary_words.txt"

#: the longest word a rule takes apart, here and in :mod:`spundetect.typos`: the shipped
#: reference's longest common word has 18 letters, and each split or undone slip copies the
#: word, which a hostile "word" of a million letters made quadratic. Longer words count as
#: explained here (they keep the rarest class) and are never read as slips.
MAX_LETTERS = 24
#: how common both words of a glued pair must be (Zipf scale)
COMPOUND_MIN_ZIPF = 3.0

#: regular endings; a stem must keep three letters
_ENDINGS = frozenset(
    (
        *("s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "ness", "ment", "ments"),
        *("al", "ism", "ist", "ists", "ity", "ation", "ations", "less", "ful", "able"),
        *("ise", "ize", "ised", "ized", "ising", "izing", "ic", "ical"),
    )
)
#: English prefixes; the rest of the word must keep four letters and be explained itself
_PREFIXES = frozenset(
    (
        *("re", "un", "non", "counter", "out", "inter", "over", "under", "anti", "pre"),
        *("post", "co", "sub", "super", "multi", "semi", "mis", "de", "dis", "trans", "ultra"),
        *("neo", "micro", "macro", "bio", "geo", "ethno", "euro", "mega", "mini", "self"),
        *("cyber", "tele", "eco", "hyper", "pro", "proto", "pseudo", "quasi", "mid", "mono"),
        *("poly", "tri", "bi"),
    )
)
_ENDING_LENGTHS = sorted({len(e) for e in _ENDINGS})
_PREFIX_LENGTHS = sorted({len(p) for p in _PREFIXES})


def _check_header(first: str) -> None:
    expected = f"# {FORMAT_NAME} {FORMAT_VERSION}"
    if first.strip() != expected:
        raise ModelError(f"{PATH}: expected a first line {expected!r}; reinstall spundetect")


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The dictionary's words the frequency table lacks (loaded once, read-only)."""
    lines = PATH.read_text(encoding="utf-8").splitlines()
    _check_header(lines[0] if lines else "")
    return frozenset(w for w in lines[1:] if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def list_table() -> str:
    """:func:`table_digest` of the frequency table the list was derived against (its second
    line), or "" when it names none. Reads the two lines only."""
    with PATH.open(encoding="utf-8") as f:
        first, second = f.readline(), f.readline()
    _check_header(first)
    prefix = "# frequency table sha256 "
    return second[len(prefix) :].split()[0] if second.startswith(prefix) else ""


def table_digest(zipf: Mapping[str, float]) -> str:
    """A frequency table's identity: SHA-256 of its sorted words (~25 ms for 98,240 words)."""
    return hashlib.sha256("\n".join(sorted(zipf)).encode("utf-8")).hexdigest()


def fits(zipf: Mapping[str, float]) -> bool:
    """Whether the shipped list was derived against this frequency table. The list holds only
    the words *that* table lacks; with another table (a small one built for tests, say) a
    common word would be neither in the table nor on the list, so :func:`explained` is not
    asked there."""
    return bool(zipf) and table_digest(zipf) == list_table()


def explained(word: str, zipf: Mapping[str, float]) -> bool:
    """Whether the lower-case ``word`` is English by the frequency table, the dictionary's
    words or English word-building (see the module). A possessive goes by its word."""
    return explained_without_list(word, zipf, dictionary_words())


def explained_without_list(
    word: str, zipf: Mapping[str, float], listed: frozenset[str] | set[str] = frozenset()
) -> bool:
    """:func:`explained` with ``listed`` for the dictionary's words: the rule the shipped list
    is derived with (a word the rule explains from the table alone need not be listed)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > MAX_LETTERS or word in zipf or word in listed:
        return True
    return _built(word, zipf, listed)


def english_form(word: str, zipf: Mapping[str, float], listed: frozenset[str] | set[str]) -> bool:
    """Whether the lower-case ``word``, rare in the frequency table ``zipf`` or not in it, is
    English all the same: one of the dictionary's words ``listed``, or built from known words
    (an ending, a prefix, two common words glued: "unfunctionalized", "stereospecifically")."""
    return word in listed or _built(word, zipf, listed)


def _built(word: str, zipf: Mapping[str, float], listed: frozenset[str] | set[str]) -> bool:
    """Whether ``word`` is a known word with an ending or a prefix, or two common words.
    Each ending and prefix is looked up by length, not tried one by one: a hostile text of
    distinct unknown words asks this of every word (~5 µs a word)."""
    n = len(word)
    for k in _ENDING_LENGTHS:
        if n - k < 3:
            break
        if word[-k:] not in _ENDINGS:
            continue
        stem = word[:-k]
        if stem in zipf or stem in listed or stem + "e" in zipf or stem + "e" in listed:
            return True
        if stem[-1] == "i" and (stem[:-1] + "y" in zipf or stem[:-1] + "y" in listed):
            return True
        if len(stem) > 3 and stem[-1] == stem[-2] and (stem[:-1] in zipf or stem[:-1] in listed):
            return True  # a doubled consonant: "setted", "planning"
    for k in _PREFIX_LENGTHS:
        if n - k < 4:
            break
        if word[:k] in _PREFIXES:
            rest = word[k:]
            if rest in zipf or rest in listed or _built(rest, zipf, listed):
                return True
    # two common words glued: one of four letters or more, the other of three or more
    get = zipf.get
    for i in range(3, n - 2):
        long_enough = i >= 4 or n - i >= 4
        if long_enough and get(word[:i], 0.0) >= COMPOUND_MIN_ZIPF <= get(word[i:], 0.0):
            return True
    return False
