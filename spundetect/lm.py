"""A compact reference model of normal English that the phrasing features query.

Why a *class* n-gram model: a word trigram model built from a few hundred
thousand words of news would mostly measure topic ("have I seen these words
before?"). Keeping only closed-class words as themselves and mapping every
other token to a class (capitalised word, number, punctuation mark, content
word by frequency band) measures *syntax*: function-word misuse, broken clause
order and agreement slips that machine translation and spinners leave, while
staying robust to the genre and topic of the text.

The model also carries Zipf word frequencies (from ``wordfreq``, at build time
only: the runtime never imports it), syllable counts for those words (from the
shipped CMU dictionary), pruned word-bigram counts for collocation checks and,
for uncommon words, a plainer synonym (from WordNet, at build time only): a rare
word is a spinner's tell only when a plain word would have done.

File format: ``numpy.savez_compressed`` with ``allow_pickle=False``; a header
array records :data:`FORMAT_NAME` and :data:`FORMAT_VERSION`, checked on load.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
import weakref
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import Any

import numpy as np

from .card import check_unpacked_size
from .errors import ModelError
from .features._words import IN_VOCABULARY, fact_table
from .furniture import FOREIGN_COMMON_ZIPF
from .lexicon import dictionary_words, english_form, explained, fits
from .spelling import us_spellings
from .text import (
    Doc,
    glued_runs,
    leave_out,
    read_typos,
    read_visible,
    reread,
    tokenize,
    unlisted_language_parts,
)
from .typos import DIGIT_MISREADINGS, find_typos, left_out_index, meant_word, read_digits

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "SUFFIX",
    "ReferenceModel",
    "TokenInfo",
    "build",
    "function_words",
    "load",
    "mix",
    "save",
    "stable_hash",
    "stable_hashes",
    "symspell_bigrams",
    "zipf_table",
]

FORMAT_NAME = "spundetect-reference"
FORMAT_VERSION = 6  # bump on any change of the arrays or of the class mapping
# versions this one reads: a version-5 file has no unlisted words (read as none, so its
# words are classed as they were when it was built)
READABLE_VERSIONS = frozenset({5, FORMAT_VERSION})
SUFFIX = ".npz"

DISCOUNT = 0.75  # absolute discount of the interpolated Kneser-Ney model
BOS = "<s>"
EOS = "</s>"

# Token classes (besides the function words themselves and punctuation marks).
CAP = "<CAP>"  # capitalised word not at sentence start (a name)
NUM = "<NUM>"
OTHER = "<SYM>"  # any other symbol
ZIPF_BANDS = (2.0, 3.0, 3.5, 4.0, 4.5, 5.0)  # content-word bands by Zipf frequency
PUNCT_KEPT = frozenset(".,;:!?\"'()-/%$&")
_BAND_EDGES = np.asarray(ZIPF_BANDS)
# A word below UNLISTED_MAX_ZIPF that no thesaurus lists (``ReferenceModel.unlisted``) is
# classed as if it had GATED_ZIPF: see ReferenceModel.unlisted for why
UNLISTED_MAX_ZIPF = 3.0
GATED_ZIPF = 3.25
MAX_TYPES = 500_000  # token types cached per model before the cache starts afresh
_FIRST_CHAR = itemgetter(0)
_POSSESSIVE = methodcaller("endswith", "'s")


def _band_names() -> list[str]:
    return [f"<W{i}>" for i in range(len(ZIPF_BANDS) + 1)]


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The closed-class words the class model keeps as themselves (shipped data file)."""
    ref = resources.files("spundetect") / "data" / "function_words.txt"
    words: set[str] = set()
    for line in ref.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        words.update(line.split())
    return frozenset(words)


def class_vocabulary() -> list[str]:
    """All class symbols in a fixed order; ids are positions in this list."""
    return [
        BOS,
        EOS,
        CAP,
        NUM,
        OTHER,
        *_band_names(),
        *sorted(PUNCT_KEPT),
        *sorted(function_words()),
    ]


@dataclass(frozen=True, eq=False)
class TokenInfo:
    """Per-token arrays of one document, looked up once in the reference model.

    Every consumer on the hot path (the phrasing features, the n-gram model)
    reads these arrays instead of looping over tokens in Python.
    """

    cls: np.ndarray  # class id, sentence-initial aware (int64)
    wid: np.ndarray  # index of the lower-cased word in the reference vocabulary, -1 if absent
    wcount: np.ndarray  # its count in the reference text (0 if absent)
    zipf: np.ndarray  # Zipf frequency of the lower-cased token (0.0 if not in the table)
    plain: np.ndarray  # bool: the word (or the word of a possessive) has a plainer synonym
    fw: np.ndarray  # bool: a function word
    cap: np.ndarray  # bool: starts with an upper-case letter
    word: np.ndarray  # bool: alphabetic token (Doc.is_word)
    h: np.ndarray  # uint64: stable hash of the lower-cased token
    h_us: np.ndarray  # uint64: the same of its American spelling (:mod:`spundetect.spelling`)
    # int64: the lower-cased token's word facts (:mod:`spundetect.features._words`)
    fact: np.ndarray
    sid: np.ndarray  # sentence index of each token
    first: np.ndarray  # bool: first token of its sentence
    sent_starts: np.ndarray  # first token of each sentence
    sent_lens: np.ndarray  # tokens per sentence


#: the TokenInfo arrays read straight from the type table's columns
_TYPE_FACTS = ("wid", "wcount", "zipf", "plain", "fw", "cap", "word", "h", "h_us", "fact")


def _unknown_words(info: TokenInfo) -> np.ndarray:
    """The indices of the word tokens the frequency table lacks."""
    return (info.word & (info.fact & IN_VOCABULARY == 0)).nonzero()[0]


def _type_facts(rows: np.ndarray, cols: dict[str, np.ndarray], first: np.ndarray) -> dict[str, Any]:
    """The :class:`TokenInfo` arrays that come from the type table, for tokens of type
    ``rows`` (``first``: each starts its sentence, which sets its class)."""
    facts = {name: cols[name][rows] for name in _TYPE_FACTS}
    facts["cls"] = np.where(first, cols["cls_first"][rows], cols["cls_mid"][rows])
    return facts


def stable_hash(s: str) -> int:
    """A 64-bit hash of ``s`` that is the same in every process (``hash()`` is salted)."""
    return int.from_bytes(
        hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
    )


def stable_hashes(strings: Iterable[str]) -> np.ndarray:
    """:func:`stable_hash` of each string, as uint64: the digests are joined and read as one
    buffer, with no Python int per string (the type table hashes every new word type)."""
    # each string's hash from a copy of one empty hash: ~30% faster than a new blake2b
    # object per string (which sets up its parameters each time), the same digests
    new = _EMPTY_BLAKE2B.copy
    out = []
    for s in strings:
        h = new()
        h.update(s.encode("utf-8", "surrogatepass"))
        out.append(h.digest())
    return np.frombuffer(b"".join(out), dtype="<u8").astype(np.uint64)


_EMPTY_BLAKE2B = hashlib.blake2b(digest_size=8)  # only copied, never updated

#: the single-digit tokens text recognition reads for letters, as their hashes (TokenInfo.h)
_DIGIT_HASHES = stable_hashes(DIGIT_MISREADINGS)
#: digits text recognition reads at a word's start for a capital
_CAPITAL_DIGITS = "05"


_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)


def mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Combine two arrays of 64-bit hashes into one, order-sensitively (splitmix64 finaliser).

    Hashes of word n-grams are built from the tokens' hashes this way, with no
    string ever joined on the hot path.
    """
    with np.errstate(over="ignore"):
        x = (np.asarray(a, dtype=np.uint64) * _M1) ^ np.asarray(b, dtype=np.uint64)
        x ^= x >> _S30
        x *= _M2
        x ^= x >> _S27
        x *= _M3
        x ^= x >> _S31
    return x


_ABSENT = np.int64(-1)  # what _HashIndex.find gives a query it lacks


class _HashIndex:
    """An open-addressing hash table over distinct int64 keys, for vectorised lookups.

    A binary search over a few hundred thousand keys costs ~18 cache misses per
    key; this costs one or two, which is what the per-document hot path needs.
    Built once at load, read-only after.

    :meth:`find` runs one vectorised round per probe until every query has met its
    key or an empty slot, so its cost follows the longest probe run among a
    document's queries: a load factor of at most 1/8 keeps that to a few rounds
    (at 1/2, some of a document's ~1,000 absent pairs walk clusters of 10-20 slots).
    Slots are int32 (positions of at most 2**31 keys), so the sparser table costs
    twice the memory of a half-full int64 one, not eight times.
    """

    def __init__(self, keys: np.ndarray) -> None:
        self.keys = np.asarray(keys, dtype=np.int64)
        n = len(self.keys)
        self.bits = max(4, (8 * n).bit_length())  # load factor <= 1/8
        self.mask = (1 << self.bits) - 1
        slot_type = np.int32 if n < 2**31 else np.int64
        self.slots = np.full(1 << self.bits, -1, dtype=slot_type)
        home = self._home(self.keys)
        pending = np.arange(n)
        probe = 0
        while len(pending):
            s = (home[pending] + probe) & self.mask
            free = self.slots[s] == -1
            # among the items that found a free slot, the first claimant of each slot wins
            slots, first = np.unique(s[free], return_index=True)
            winners = pending[free][first]
            self.slots[slots] = winners
            placed = np.zeros(n, dtype=bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            probe += 1
        self.max_probe = max(probe, 1)

    def _home(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            h = keys.astype(np.uint64) * _M1
        return (h >> np.uint64(64 - self.bits)).astype(np.int64)

    def find(self, queries: np.ndarray) -> np.ndarray:
        """Position of each query in ``keys``, or -1 when absent."""
        queries = np.asarray(queries, dtype=np.int64)
        if not len(self.keys) or not len(queries):
            return np.full(len(queries), -1, dtype=np.int64)
        home = self._home(queries)
        # the first probe settles ~90% of the queries: it runs on the whole arrays, with no
        # index of the queries left (five fewer numpy calls a lookup)
        idx = self.slots[home]
        occupied = idx >= 0
        match = occupied & (self.keys[np.maximum(idx, 0)] == queries)
        out = np.where(match, idx, _ABSENT)
        todo = (occupied & ~match).nonzero()[0]
        for probe in range(1, self.max_probe):
            if not len(todo):
                break
            idx = self.slots[(home[todo] + probe) & self.mask]
            occupied = idx >= 0
            match = occupied & (self.keys[np.maximum(idx, 0)] == queries[todo])
            out[todo[match]] = idx[match]
            todo = todo[occupied & ~match]
        return out


class _TypeTable:
    """Token string -> row of per-type properties, grown on demand.

    Rows are appended under a lock and never change, so concurrent readers that
    snapshot the arrays after their own rows exist always see correct values.
    """

    COLUMNS: tuple[tuple[str, Any], ...] = (
        ("cls_mid", np.int64),
        ("cls_first", np.int64),
        ("wid", np.int64),
        ("wcount", np.int64),
        ("zipf", np.float64),
        ("plain", np.bool_),
        ("fw", np.bool_),
        ("cap", np.bool_),
        ("word", np.bool_),
        ("h", np.uint64),
        ("h_us", np.uint64),
        ("fact", np.int64),
    )

    def __init__(self, model: ReferenceModel, capacity: int = 4096) -> None:
        self._model = model
        self.index: dict[str, int] = {}
        self.n = 0
        self.cols: dict[str, np.ndarray] = {
            name: np.zeros(capacity, dtype=dt) for name, dt in self.COLUMNS
        }
        self._lock = threading.Lock()
        #: each unknown word's typing-slip reading, once asked (:meth:`ReferenceModel.read`)
        self.slips: dict[str, str | None] = {}

    def add(self, tokens: Iterable[str]) -> None:
        with self._lock:
            new = [t for t in dict.fromkeys(tokens) if t not in self.index]
            if not new:
                return
            need = self.n + len(new)
            cap = len(self.cols["h"])
            if need > cap:
                while cap < need:
                    cap *= 2
                grown = {}
                for name, arr in self.cols.items():
                    g = np.zeros(cap, dtype=arr.dtype)
                    g[: self.n] = arr[: self.n]
                    grown[name] = g
                self.cols = grown  # one assignment: readers see old or new, both valid
            m = self._model
            cols = self.cols
            sl = slice(self.n, need)
            # per-type facts by C-level map() passes straight into arrays, not a Python step
            # per type and fact (nor a list numpy must convert)
            n = len(new)
            low = list(map(str.lower, new))
            initial = list(map(_FIRST_CHAR, new))
            is_fw = np.fromiter(map(function_words().__contains__, low), np.bool_, n)
            alpha = np.fromiter(map(str.isalpha, initial), np.bool_, n)
            upper = np.fromiter(map(str.isupper, initial), np.bool_, n)
            # how common a word is, and whether a plainer word would do: see _frequency_spelling
            # (called only for the few words that have an American spelling)
            us = us_spellings()
            # the few words that have an American spelling, found once (also for h_us below)
            british = list(compress(range(n), map(us.__contains__, low)))
            spelt = low[:]
            for k in british:
                spelt[k] = m._frequency_spelling(low[k])
            possessive = list(compress(range(n), map(_POSSESSIVE, spelt)))
            zipf = np.fromiter(map(m.zipf.get, spelt, repeat(0.0)), np.float64, n)
            # the same classes as ReferenceModel._token_class, for a batch of types:
            # function words and symbols by lookup, content words by frequency band,
            # a capitalised content word is a name except at the start of a sentence
            cid = m._class_id
            num, other = cid[NUM], cid[OTHER]
            fixed = np.full(n, -1, dtype=np.int64)  # -1: a content word, classed by its band
            # each set with one fancy-indexed write (a numpy item write per type costs more)
            symbols = (~alpha & ~is_fw).nonzero()[0]
            if len(symbols):
                fixed[symbols] = [
                    num if initial[k].isdigit() else cid.get(initial[k], other)
                    for k in symbols.tolist()
                ]
            function = is_fw.nonzero()[0]
            if len(function):
                fixed[function] = [cid[low[k]] for k in function.tolist()]
            band = m._band_ids[
                np.searchsorted(_BAND_EDGES, m._class_zipf(spelt, zipf, possessive), side="right")
            ]
            cols["cls_first"][sl] = np.where(fixed >= 0, fixed, band)
            # a word of another language's letters the table lacks reads as a name does (see
            # _token_class): zipf is 0 for every word the table lacks
            named = upper | ((zipf == 0.0) & ~np.fromiter(map(str.isascii, low), np.bool_, n))
            # and so is a word in English letters that no English word list explains
            for k in ((zipf == 0.0) & alpha & ~named).nonzero()[0].tolist():
                named[k] = m._foreign(spelt[k])
            cols["cls_mid"][sl] = np.where(fixed >= 0, fixed, np.where(named, cid[CAP], band))
            wid = np.fromiter(map(m._wid.get, low, repeat(-1)), np.int64, n)
            wid[~alpha] = -1  # only words have an id
            cols["wid"][sl] = wid
            cols["wcount"][sl] = (
                np.where(wid >= 0, m.word_counts[np.maximum(wid, 0)], 0)
                if len(m.word_counts)
                else 0
            )
            cols["zipf"][sl] = zipf
            plainer = m.plainer
            plain = np.fromiter(map(plainer.__contains__, spelt), np.bool_, n)
            for k in possessive:  # a possessive: its word's
                plain[k] = plain[k] or spelt[k][:-2] in plainer
            cols["plain"][sl] = plain
            cols["fw"][sl] = is_fw
            cols["cap"][sl] = upper
            cols["word"][sl] = alpha
            h = stable_hashes(low)
            cols["h"][sl] = h
            if british:
                h = h.copy()
                h[british] = stable_hashes([us[low[k]] for k in british])
            cols["h_us"][sl] = h
            # vocabulary, syllables and Dale-Chall ease: looked up once per type here, so the
            # families read them per token from the table, not from a large dict per document
            facts = m.word_facts()
            cols["fact"][sl] = np.fromiter(map(facts.get, low, repeat(0)), np.int64, len(low))
            self.index.update(zip(new, range(self.n, need)))
            self.n = need

    def rows(self, tokens: list[str]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        get = self.index.get
        r = np.fromiter(map(get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
        fresh = (r < 0).nonzero()[0]
        if len(fresh):  # tokens seen for the first time: only they are visited again
            at = fresh.tolist()
            # sorted, so that row order is reproducible
            self.add(sorted(set(map(tokens.__getitem__, at))))
            r[fresh] = np.fromiter(map(get, map(tokens.__getitem__, at)), np.int64, len(at))
        return r, self.cols


# The reference models alive in this process, so that a forked child starts with a fresh word
# table any table whose lock another thread held at the fork: copied held (one thread scoring
# while another called score_many(n_jobs=2), or the user's own fork pool), the first new word a
# worker met waited for it forever (fifty-eighth session). Releasing the copy is not enough: the
# fork can land inside an add(), between its rows and its count. A table no thread was adding
# to is whole, and the child keeps it with the words it knows.
_LIVE_MODELS: weakref.WeakSet[ReferenceModel] = weakref.WeakSet()


def _fresh_tables_after_fork() -> None:
    for model in list(_LIVE_MODELS):
        if model._table._lock.locked():
            model._table = _TypeTable(model)


if hasattr(os, "register_at_fork"):  # (not on Windows, which does not fork)
    os.register_at_fork(after_in_child=_fresh_tables_after_fork)


@dataclass(eq=False)
class ReferenceModel:
    """Read-only reference statistics; build with :func:`build`, persist with :func:`save`.

    The class trigram model is stored in back-off form as sorted key arrays, so a
    whole document is scored with a handful of vectorised lookups.
    """

    zipf: dict[str, float]
    syllables: dict[str, int]
    classes: list[str]
    uni_logp: np.ndarray  # (V,) log10 P(c)
    bi_keys: np.ndarray  # sorted b*V+c
    bi_vals: np.ndarray  # log10 P(c|b)
    big_keys: np.ndarray  # sorted b
    big_vals: np.ndarray  # log10 back-off weight of context b
    tri_keys: np.ndarray  # sorted (a*V+b)*V+c
    tri_vals: np.ndarray  # log10 P(c|a,b)
    trig_keys: np.ndarray  # sorted a*V+b
    trig_vals: np.ndarray  # log10 back-off weight of context (a, b)
    vocab: list[str]  # lower-cased words of the reference text; ids are positions
    word_counts: np.ndarray  # count of each vocab word
    wb_keys: np.ndarray  # sorted id1*len(vocab)+id2 of adjacent words within a sentence
    wb_counts: np.ndarray  # count of each pair
    n_words: int
    meta: dict[str, object] = field(default_factory=dict)
    path: str | None = None
    #: sorted id1*len(vocab)+id2 of frequent English word pairs from a large external list
    #: (collocations the small reference text is too small to show), possibly empty
    common_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: uncommon words that have a much commoner synonym (derived from WordNet by
    #: ``training.build_reference``) -> the synonym a reason may name, inflected like the
    #: word, or "" when only a rare sense of the word has one; possibly empty
    plainer: dict[str, str] = field(default_factory=dict)
    #: table words below :data:`UNLISTED_MAX_ZIPF` that no thesaurus lists (no WordNet
    #: reading, derived by ``training.build_reference``), classed as at :data:`GATED_ZIPF`;
    #: possibly empty. Why: a spinner draws its rare words from a thesaurus ("safeguarded",
    #: "enviable"), while rare words no thesaurus has are mostly new or specialist
    #: ("fintech", "paywall", "exoplanet"), as common in originals as in rewrites; in the
    #: rarest classes they made recent writing read as spun.
    unlisted: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._class_id = {c: i for i, c in enumerate(self.classes)}
        self._band_ids = np.asarray([self._class_id[b] for b in _band_names()], dtype=np.int64)
        self.V = len(self.classes)
        self._wid = {w: i for i, w in enumerate(self.vocab)}
        self.NW = max(1, len(self.vocab))
        V = self.V
        # dense bigram table (V*V is small): NaN where the bigram was unseen
        bi = np.full(V * V, np.nan)
        bi[self.bi_keys] = self.bi_vals
        self._bi_dense = bi
        big = np.zeros(V)
        big[self.big_keys] = self.big_vals
        self._big_dense = big
        # reference pairs and common English pairs in one sorted table: one lookup per document
        # sorted union by sort-and-dedupe: np.union1d (numpy's hash-based unique) made
        # the load 0.30-0.33 s in a fresh interpreter, against 0.14-0.16 s this way
        keys = np.concatenate([self.wb_keys, self.common_keys])
        keys.sort()
        if len(keys):
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        counts = np.zeros(len(keys), dtype=np.int64)
        counts[np.searchsorted(keys, self.wb_keys)] = self.wb_counts
        common = np.zeros(len(keys), dtype=bool)
        common[np.searchsorted(keys, self.common_keys)] = True
        self._pair_keys, self._pair_counts, self._pair_common = keys, counts, common
        self._pair_index = _HashIndex(keys)
        self._tri_index = _HashIndex(self.tri_keys)
        self._table = _TypeTable(self)
        _LIVE_MODELS.add(self)  # (a forked child gets fresh tables: _fresh_tables_after_fork)
        self._left_out: dict[str, str] | None = None  # built on the first unknown word (read)
        self._facts: dict[str, int] | None = None  # built on the first new word type
        self._lexicon_fits: bool | None = None  # asked on the first word that needs it

    _DERIVED = (
        "_class_id",
        "_band_ids",
        "V",
        "_wid",
        "NW",
        "_bi_dense",
        "_big_dense",
        "_table",
        "_left_out",
        "_facts",
        "_lexicon_fits",
        "_pair_keys",
        "_pair_counts",
        "_pair_common",
        "_pair_index",
        "_tri_index",
    )

    def __getstate__(self) -> dict[str, Any]:
        # derived tables and the token cache (which holds a lock) are rebuilt, not copied
        return {k: v for k, v in self.__dict__.items() if k not in self._DERIVED}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    # ------------------------------------------------------------------ lookups
    def word_facts(self) -> dict[str, int]:
        """Each word's vocabulary, syllable and Dale-Chall facts in one code
        (:func:`spundetect.features._words.fact_table`), built on first use (~10 ms) and
        kept with this model, which is read-only after it is built."""
        facts = self._facts
        if facts is None:  # two threads may both build it; either copy is the same
            facts = self._facts = fact_table(self.zipf, self.syllables)
        return facts

    def zipf_of(self, word: str) -> float:
        """Zipf frequency of a lower-cased word; 0.0 when it is not in the top list."""
        return self.zipf.get(word, 0.0)

    def class_id(self, sym: str) -> int:
        return self._class_id[sym]

    def word_count(self, word: str) -> int:
        """Count of a lower-cased word in the reference text."""
        w = self._wid.get(word)
        return 0 if w is None else int(self.word_counts[w])

    def bigram_count(self, w1: str, w2: str) -> int:
        """How often the lower-cased words ``w1 w2`` were adjacent in one reference sentence."""
        ids = [np.array([self._wid.get(w, -1)], dtype=np.int64) for w in (w1, w2)]
        return int(self.pairs(*ids)[0][0])

    def pairs(self, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For word-id arrays (ids < 0: unknown word): each pair's count in the reference
        text, and whether it is a frequent English bigram. One vectorised lookup."""
        k = self._pair_index.find(left * self.NW + right)
        hit = (k >= 0) & (left >= 0) & (right >= 0)
        k = np.maximum(k, 0)
        if not len(self._pair_keys):
            return np.zeros(len(k), dtype=np.int64), np.zeros(len(k), dtype=bool)
        return np.where(hit, self._pair_counts[k], 0), hit & self._pair_common[k]

    def _frequency_spelling(self, low: str) -> str:
        """The spelling whose frequency, plainer synonym and word class the lower-cased
        word ``low`` takes: its American spelling (:mod:`spundetect.spelling`) when the
        Zipf table has that at least as common, else ``low`` itself.

        Why: wordfreq counts "colour" apart from the commoner "color", which made a British
        writer's words look like rare choices. Where the British spelling is the commoner
        one ("glamour" over "glamor", whose plainer synonym it is) it stays itself.
        """
        us = us_spellings().get(low)
        if us is None:
            return low
        # a possessive ("centre's") goes by its word's frequencies: few possessives are listed
        br_word, us_word = (low[:-2], us[:-2]) if low.endswith("'s") else (low, us)
        return us if self.zipf.get(us_word, -1.0) >= self.zipf.get(br_word, 0.0) else low

    def _is_unlisted(self, spelt: str) -> bool:
        """Whether the word (or the word of a possessive) is in :attr:`unlisted`."""
        return spelt in self.unlisted or (spelt.endswith("'s") and spelt[:-2] in self.unlisted)

    def _foreign(self, word: str) -> bool:
        """Whether the lower-case ``word``, which the frequency table lacks, is read as a name:
        written in English letters, three or more, and neither a typing slip nor explained
        as English (:func:`spundetect.lexicon.explained`): a word a translation left in its
        language ("gwamnati", "dadka"), a term of art or a name written in lower case. Asked
        once per word type (the type table keeps the answer). A British spelling goes by its
        American one, as the word classes and n-grams do."""
        if not self._lexicon_fit():
            return False  # the word list was derived against another frequency table
        stem = word[:-2] if word.endswith("'s") else word
        stem = us_spellings().get(stem, stem)
        if len(stem) < 3 or not (stem.isascii() and stem.isalpha()) or explained(stem, self.zipf):
            return False
        # the answer goes in the memo of typing slips that read() asks right after, for the
        # same word (a new unknown word type was read as a slip twice, once here, once there)
        slips = self._table.slips
        if stem not in slips:
            slips[stem] = meant_word(stem, self.zipf, self._slip_index())
        return slips[stem] is None

    def reads_as_english(self, word: str) -> bool:
        """Whether the lower-case ``word`` reads as English: common (Zipf
        :data:`~spundetect.furniture.FOREIGN_COMMON_ZIPF` or more), one of the dictionary's
        words, or built from known words (:func:`spundetect.lexicon.english_form`). Lines and
        sentences of words that do not are another language's
        (:func:`spundetect.furniture.mostly_unknown_words`)."""
        zipf = self.zipf
        if zipf.get(word, 0.0) >= FOREIGN_COMMON_ZIPF:
            return True
        return english_form(word, zipf, dictionary_words() if self._lexicon_fit() else frozenset())

    def _lexicon_fit(self) -> bool:
        """Whether the shipped word list was derived against this model's frequency table
        (:func:`spundetect.lexicon.fits`, ~25 ms: asked once, on the first word that needs it)."""
        if self._lexicon_fits is None:
            self._lexicon_fits = fits(self.zipf)
        return self._lexicon_fits

    def _slip_index(self) -> dict[str, str]:
        """:func:`spundetect.typos.left_out_index` of this model's table (~6 MB, ~0.04 s),
        built on the first unknown word and kept."""
        index = self._left_out
        if index is None:
            index = self._left_out = left_out_index(self.zipf)
        return index

    def _class_zipf(
        self, spelt: list[str], zipf: np.ndarray, possessive: Sequence[int]
    ) -> np.ndarray:
        """The Zipf values the word classes go by: :data:`GATED_ZIPF` for unlisted words
        (:meth:`_is_unlisted`; ``possessive``: the positions of the words ending in "'s",
        which go by their word too). The set is asked in C, and only the possessives again."""
        unlisted = self.unlisted
        if not unlisted:
            return zipf
        gated = np.fromiter(map(unlisted.__contains__, spelt), np.bool_, len(spelt))
        for k in possessive:
            gated[k] = gated[k] or spelt[k][:-2] in unlisted
        return np.where(gated, GATED_ZIPF, zipf)

    def _token_class(self, tok: str, initial: bool) -> int:
        """Class id of one token (``initial``: first token of a sentence)."""
        cid = self._class_id
        low = tok.lower()
        if low in function_words():
            return cid[low]
        c0 = tok[0]
        if c0.isalpha():
            spelt = self._frequency_spelling(low)
            z = self.zipf.get(spelt, 0.0)
            # Mid-sentence, a capitalised word is a name, and so is a word of another
            # language's letters the frequency table lacks ("ìjọba", "መንግስት", "whānau"): a
            # quoted term, or a word a translation left as it was. Read as the rarest words,
            # such runs looked like a spinner's invented forms (genre probe with 2% of its
            # words Amharic or Yoruba: 17 and 11 of 40 called spun, model W). The same goes
            # for a word in English letters nothing explains (:meth:`_foreign`).
            if not initial and (
                c0.isupper() or (z == 0.0 and (not low.isascii() or self._foreign(spelt)))
            ):
                return cid[CAP]
            if self.unlisted and self._is_unlisted(spelt):
                z = GATED_ZIPF
            return cid[f"<W{_band(z)}>"]
        if c0.isdigit():
            return cid[NUM]
        return cid.get(c0, cid[OTHER])

    def read(self, text: str) -> Doc:
        """``text`` as every feature and the classifier read it: tokenised with this model's
        vocabulary (a word hyphenated across a wrapped line joined when it knows the word),
        and each typing slip written in lower case ("custmers") read as the word meant
        (:mod:`spundetect.typos`). Slips are looked for among the words the type table finds
        missing from the vocabulary, which the features look up anyway: a text without one
        costs a few numpy operations. The same words find lines and sentences in a language
        whose function words the tokeniser's lists lack
        (:func:`spundetect.text.unlisted_language_parts`), left out as the tokeniser leaves
        out those it finds. A text that holds characters a reader does not see, or emoji, is
        read without them (:func:`spundetect.text.read_visible`): :meth:`Doc.source` maps
        the spans back."""
        return read_visible(text, self._read)

    def _read(self, text: str) -> Doc:
        doc = tokenize(text, self.zipf)
        info = self.token_info(doc)
        unknown = _unknown_words(info)
        if len(unknown) > 1:
            # another language, its function words not listed: most of its words are unknown
            foreign = unlisted_language_parts(doc, unknown.tolist(), self.reads_as_english)
            if foreign:
                doc = leave_out(doc, foreign, self.zipf)
                info = self.token_info(doc)
                unknown = _unknown_words(info)
        digits = info.h == _DIGIT_HASHES[0]  # (a few comparisons: ~4x faster than np.isin)
        for h in _DIGIT_HASHES[1:]:
            digits |= info.h == h
        digits = digits.nonzero()[0]
        if len(digits):
            doc = self._read_digits(doc, digits.tolist())
            info = self.token_info(doc)
            unknown = _unknown_words(info)
        if not len(unknown):
            return doc
        words = map(doc.tokens.__getitem__, unknown.tolist())
        slips = find_typos(words, self.zipf, doc.n_words, self._table.slips, self._slip_index())
        if not slips:
            return doc
        at = [i for i in unknown.tolist() if doc.tokens[i] in slips]
        read = read_typos(doc, at, slips)
        # the slips' types looked up, the rest of the arrays kept (the sentences are the same)
        rows, cols = self._table.rows([read.tokens[i] for i in at])
        facts = {}
        for name, values in _type_facts(rows, cols, info.first[at]).items():
            facts[name] = getattr(info, name).copy()
            facts[name][at] = values
        read.memo[("token_info", id(self))] = replace(info, **facts)
        return read

    def _read_digits(self, doc: Doc, at: list[int]) -> Doc:
        """``doc`` with each word written with digits for letters ("c0mpany", as text
        recognition misreads print) read as the word meant (:func:`spundetect.typos.read_digits`);
        ``doc`` itself when it holds none. ``at``: its single-digit tokens."""
        readings: dict[int, str] = {}
        read_as: dict[str, str] = {}
        folded = doc.folded
        # where the tokeniser's sentences start (a word read there is capitalised); the
        # splitter takes a digit after a stop for a new sentence ("rained. 1ater")
        sentence_starts = {doc.starts[i] for i, j in doc.sentences if j > i}
        for a, b in glued_runs(doc, at):
            written = folded[a:b]
            meant = read_digits(written, self.zipf)
            if meant is None:
                continue
            capitals = written.isupper()
            for k, c in enumerate(written):
                if c.isdigit():
                    # a capital at a sentence's start, or where a capital's shape was misread
                    # ("0" and "5" stand as tall as "O" and "S", not as "o" and "s")
                    capital = capitals or (
                        k == 0 and (c in _CAPITAL_DIGITS or a in sentence_starts)
                    )
                    readings[a + k] = meant[k].upper() if capital else meant[k]
            read_as[written] = meant
        return reread(doc, readings, read_as, self.zipf) if readings else doc

    def token_info(self, doc: Doc) -> TokenInfo:
        """Per-token arrays of ``doc`` (memoised on the document)."""
        memo_key = ("token_info", id(self))
        cached = doc.memo.get(memo_key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        table = self._table
        if table.n > MAX_TYPES:  # bound the cache on endless streams of new words
            table = self._table = _TypeTable(self)
        rows, cols = table.rows(doc.tokens)
        n = len(rows)
        starts = np.fromiter(
            (a for a, _ in doc.sentences), dtype=np.int64, count=len(doc.sentences)
        )
        lens = np.fromiter(
            (b - a for a, b in doc.sentences), dtype=np.int64, count=len(doc.sentences)
        )
        sid = np.arange(len(lens)).repeat(lens)
        first = np.zeros(n, dtype=bool)
        first[starts[lens > 0]] = True
        info = TokenInfo(
            **_type_facts(rows, cols, first),
            sid=sid,
            first=first,
            sent_starts=starts,
            sent_lens=lens,
        )
        doc.memo[memo_key] = info
        return info

    def class_sequences(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """All sentences' class sequences ``BOS BOS c1 .. cn EOS`` laid end to end, and
        the block offset of each sentence (the double BOS gives every position a trigram context)."""
        memo_key = ("class_seq", id(self))
        cached = doc.memo.get(memo_key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        info = self.token_info(doc)
        lens = info.sent_lens
        block = lens + 3
        off = np.zeros(len(lens), dtype=np.int64)
        if len(lens) > 1:
            block[:-1].cumsum(out=off[1:])
        total = int(block.sum())
        seq = np.full(total, self._class_id[BOS], dtype=np.int64)
        tok_idx = np.arange(len(info.cls))
        seq[off[info.sid] + 2 + (tok_idx - info.sent_starts[info.sid])] = info.cls
        seq[off + 2 + lens] = self._class_id[EOS]
        out = (seq, off)
        doc.memo[memo_key] = out
        return out

    def class_ids(self, doc: Doc) -> list[list[int]]:
        """Class-id sequences per sentence, with BOS/EOS (one list per sentence)."""
        seq, off = self.class_sequences(doc)
        lens = self.token_info(doc).sent_lens
        flat = seq.tolist()
        return [flat[o + 1 : o + 3 + n] for o, n in zip(off.tolist(), lens.tolist())]

    def _lookup(self, A: np.ndarray, B: np.ndarray, C: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Back-off log10 P(C | A, B) and whether the trigram was unseen, vectorised."""
        V = self.V
        ab = A * V + B
        key = ab * V + C
        lp = np.empty(len(key))
        unseen: np.ndarray = np.ones(len(key), dtype=bool)
        if len(self.tri_keys) and len(key):
            k = self._tri_index.find(key)
            hit = k >= 0
            unseen = ~hit
            lp[hit] = self.tri_vals[k[hit]]
        if unseen.any():
            abu, bu, cu = ab[unseen], B[unseen], C[unseen]
            lb = self._bi_dense[bu * V + cu]
            miss = np.isnan(lb)
            lb[miss] = self._big_dense[bu[miss]] + self.uni_logp[cu[miss]]
            gamma = np.zeros(len(abu))
            if len(self.trig_keys):
                k = np.minimum(np.searchsorted(self.trig_keys, abu), len(self.trig_keys) - 1)
                hit = self.trig_keys[k] == abu
                gamma[hit] = self.trig_vals[k[hit]]
            lp[unseen] = gamma + lb
        return lp, unseen

    def doc_logprobs(self, doc: Doc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Log10 probability of every token and sentence end of ``doc``, whether its
        trigram was unseen, and the sentence each position belongs to."""
        seq, off = self.class_sequences(doc)
        lens = self.token_info(doc).sent_lens
        if not len(seq):
            e = np.zeros(0)
            return e, e.astype(bool), e.astype(np.int64)
        # predicted positions: everything but the two BOS of each block
        pred = np.ones(len(seq), dtype=bool)
        pred[off] = False
        pred[off + 1] = False
        pos = pred.nonzero()[0]
        lp, unseen = self._lookup(seq[pos - 2], seq[pos - 1], seq[pos])
        psid = np.arange(len(lens)).repeat(lens + 1)
        return lp, unseen, psid

    def logprobs(self, seq: Sequence[int]) -> tuple[list[float], list[bool]]:
        """Log10 probability of each position of one class sequence after the first
        (``seq[0]`` is BOS and also fills the first context), and whether its trigram was unseen."""
        if len(seq) < 2:
            return [], []
        s = np.asarray([seq[0], *seq], dtype=np.int64)
        lp, unseen = self._lookup(s[:-2], s[1:-1], s[2:])
        return lp.tolist(), unseen.tolist()

    def surprisals(self, seq: Sequence[int]) -> list[tuple[float, bool]]:
        """Per-position surprisal in bits and whether the trigram was unseen."""
        lps, unseen = self.logprobs(seq)
        return [(-lp * 3.321928094887362, u) for lp, u in zip(lps, unseen)]


def _band(z: float) -> int:
    for i, edge in enumerate(ZIPF_BANDS):
        if z < edge:
            return i
    return len(ZIPF_BANDS)


# ---------------------------------------------------------------------- building


def zipf_table(top_n: int = 100_000) -> dict[str, float]:
    """Zipf values of the top ``top_n`` English words (wordfreq: a build-time dependency)."""
    try:
        import wordfreq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError(
            "building a reference model needs the 'wordfreq' package: "
            "pip install 'spundetect[training]'"
        ) from exc
    out: dict[str, float] = {}
    for w in wordfreq.top_n_list("en", top_n):
        if w.replace("'", "").isalpha():
            out[w] = round(wordfreq.zipf_frequency(w, "en"), 2)
    return out


def _syllable_table(words: Iterable[str]) -> dict[str, int]:
    """Syllables per word from the shipped CMU dictionary (first pronunciation), for known words."""
    wanted = set(words)
    out: dict[str, int] = {}
    path = resources.files("spundetect") / "data" / "nltk_data" / "corpora" / "cmudict" / "cmudict"
    try:
        text = path.read_text(encoding="latin-1")
    except (FileNotFoundError, OSError):
        return out
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3 or parts[1] != "1":
            continue
        w = parts[0].lower()
        if w in wanted and w not in out:
            out[w] = sum(1 for p in parts[2:] if p[-1].isdigit())
    return out


def build(
    texts: Iterable[str],
    *,
    zipf: dict[str, float] | None = None,
    top_n: int = 100_000,
    min_bigram_count: int = 1,
    common_bigrams: Iterable[tuple[str, str]] = (),
    plainer: dict[str, str] | None = None,
    unlisted: Iterable[str] = (),
) -> ReferenceModel:
    """Build a reference model from human-written ``texts``.

    ``zipf`` overrides the word-frequency table (tests pass a tiny one so no
    ``wordfreq`` is needed); by default the top ``top_n`` words of ``wordfreq``.
    ``common_bigrams`` are frequent English word pairs from a larger corpus
    (:func:`symspell_bigrams` at build time); their words join the vocabulary.
    ``plainer`` maps uncommon words that have a plainer synonym to the one a reason may
    name, or "" (``training.build_reference`` derives it from WordNet); without it no word
    counts as a rare synonym. ``unlisted``: rare table words no thesaurus lists (see
    :attr:`ReferenceModel.unlisted`); without them every word is classed by its frequency.
    """
    if zipf is None:
        zipf = zipf_table(top_n)
    gate = frozenset(w for w in unlisted if zipf.get(w, UNLISTED_MAX_ZIPF) < UNLISTED_MAX_ZIPF)
    classes = class_vocabulary()
    V = len(classes)
    empty_i, empty_f = np.zeros(0, dtype=np.int64), np.zeros(0)
    stub = ReferenceModel(
        zipf,
        {},
        classes,
        np.zeros(V),
        empty_i,
        empty_f,
        empty_i,
        empty_f,
        empty_i,
        empty_f,
        empty_i,
        empty_f,
        [],
        empty_i,
        empty_i,
        empty_i,
        0,
        unlisted=gate,
    )  # class mapping only: no words, no pairs
    tri: Counter[int] = Counter()
    wb: Counter[tuple[str, str]] = Counter()
    wc: Counter[str] = Counter()
    n_words = 0
    n_docs = 0
    for text in texts:
        n_docs += 1
        doc = tokenize(text)
        for seq in stub.class_ids(doc):
            padded = [seq[0], *seq]  # BOS BOS ...
            for k in range(2, len(padded)):
                tri[(padded[k - 2] * V + padded[k - 1]) * V + padded[k]] += 1
        doc.memo.clear()  # the stub's caches must not outlive it
        lower, is_word = doc.lower, doc.is_word
        for a, b in doc.sentences:
            prev: str | None = None
            for i in range(a, b):
                if is_word[i]:
                    low = lower[i]
                    n_words += 1
                    wc[low] += 1
                    if prev is not None:
                        wb[(prev, low)] += 1
                    prev = low
                else:
                    prev = None
    if not tri:
        raise ModelError("cannot build a reference model from no text")
    uni, bi, big, tri_p, trig = _kneser_ney(tri, V)
    common = [(x.lower(), y.lower()) for x, y in common_bigrams]
    vocab = sorted(set(wc) | {w for pair in common for w in pair})
    wid = {w: i for i, w in enumerate(vocab)}
    NW = max(1, len(vocab))
    pairs = sorted((wid[x] * NW + wid[y], n) for (x, y), n in wb.items() if n >= min_bigram_count)
    common_keys = np.unique(np.asarray([wid[x] * NW + wid[y] for x, y in common], dtype=np.int64))
    syll = _syllable_table(zipf)
    return ReferenceModel(
        zipf,
        syll,
        classes,
        np.asarray(uni, dtype=np.float64),
        *_sorted_arrays(bi),
        *_sorted_arrays(big),
        *_sorted_arrays(tri_p),
        *_sorted_arrays(trig),
        vocab,
        np.asarray([wc[w] for w in vocab], dtype=np.int64),
        np.asarray([k for k, _ in pairs], dtype=np.int64),
        np.asarray([n for _, n in pairs], dtype=np.int64),
        n_words,
        meta={
            "documents": n_docs,
            "words": n_words,
            "trigram_types": len(tri),
            "common_bigrams": len(common_keys),
            "plainer_synonyms": len(plainer or {}),
            "unlisted_words": len(gate),
        },
        common_keys=common_keys,
        plainer=dict(plainer or {}),
        unlisted=gate,
    )


SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"


def symspell_bigrams() -> list[tuple[str, str]]:
    """The frequent English bigrams shipped with ``symspellpy`` (a build-time dependency).

    242,342 word pairs that occur at least ~6 million times in Google Books
    (SymSpell's dictionary, MIT; derived from Google Books Ngram data, CC BY 3.0).
    Only the pairs are kept, not their counts.
    """
    import importlib.util

    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "building the reference model's common-bigram list needs the 'symspellpy' package: "
            "pip install 'spundetect[training]'"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / SYMSPELL_BIGRAMS
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].isalpha() and parts[1].isalpha():
            out.append((parts[0], parts[1]))
    return out


def _sorted_arrays(d: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.fromiter(d.keys(), dtype=np.int64, count=len(d))
    vals = np.fromiter(d.values(), dtype=np.float64, count=len(d))
    order = np.argsort(keys)
    return keys[order], vals[order]


def _kneser_ney(
    tri: Counter[int], V: int
) -> tuple[list[float], dict[int, float], dict[int, float], dict[int, float], dict[int, float]]:
    """Interpolated Kneser-Ney over class trigrams, exported in backoff (ARPA-like) form.

    Stored probabilities are the full interpolated values, so the runtime needs a
    single dictionary lookup for a seen trigram.
    """
    D = DISCOUNT
    # context counts and type counts for the trigram level
    ctx_count: Counter[int] = Counter()
    ctx_types: Counter[int] = Counter()
    bi_cont: Counter[int] = Counter()  # N1+(. b c)
    for key, n in tri.items():
        ab, c = divmod(key, V)
        ctx_count[ab] += n
        ctx_types[ab] += 1
        bi_cont[(ab % V) * V + c] += 1
    # bigram level (continuation counts)
    b_total: Counter[int] = Counter()
    b_types: Counter[int] = Counter()
    uni_cont: Counter[int] = Counter()
    for key in bi_cont:
        b, c = divmod(key, V)
        b_total[b] += bi_cont[key]
        b_types[b] += 1
        uni_cont[c] += 1
    total_types = sum(uni_cont.values())
    # unigram: continuation probability mixed with a small uniform share
    uni = [(0.9 * uni_cont.get(c, 0) / total_types + 0.1 / V) for c in range(V)]
    bi_p: dict[int, float] = {}
    for key, n in bi_cont.items():
        b, c = divmod(key, V)
        p = max(n - D, 0.0) / b_total[b] + D * b_types[b] / b_total[b] * uni[c]
        bi_p[key] = p
    bi_gamma = {b: math.log10(D * b_types[b] / b_total[b]) for b in b_total}

    def p_bi(b: int, c: int) -> float:
        p = bi_p.get(b * V + c)
        if p is None:
            return D * b_types[b] / b_total[b] * uni[c] if b in b_total else uni[c]
        return p

    tri_logp: dict[int, float] = {}
    for key, n in tri.items():
        ab, c = divmod(key, V)
        p = max(n - D, 0.0) / ctx_count[ab] + D * ctx_types[ab] / ctx_count[ab] * p_bi(ab % V, c)
        tri_logp[key] = round(math.log10(p), 4)
    tri_gamma = {ab: round(math.log10(D * ctx_types[ab] / ctx_count[ab]), 4) for ab in ctx_count}
    return (
        [round(math.log10(p), 4) for p in uni],
        {k: round(math.log10(v), 4) for k, v in bi_p.items()},
        {k: round(v, 4) for k, v in bi_gamma.items()},
        tri_logp,
        tri_gamma,
    )


# ---------------------------------------------------------------------- persistence


def _words_array(words: Sequence[str]) -> np.ndarray:
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def _words_from(arr: np.ndarray) -> list[str]:
    s = arr.tobytes().decode("utf-8")
    return s.split("\n") if s else []


def _pair(line: str) -> tuple[str, str]:
    """ "word<TAB>synonym" -> (word, synonym); ValueError (a corrupt file) without the tab."""
    word, synonym = line.split("\t")
    return word, synonym


def save(model: ReferenceModel, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` as a compressed ``.npz`` (no pickle) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "meta": model.meta}
    zw = list(model.zipf)
    arrays = {
        "header": _words_array([json.dumps(header, sort_keys=True)]),
        "classes": _words_array(model.classes),
        "zipf_words": _words_array(zw),
        "zipf_values": np.array([model.zipf[w] for w in zw], dtype=np.float32),
        "syll": np.array([model.syllables.get(w, 0) for w in zw], dtype=np.uint8),
        "uni_logp": model.uni_logp.astype(np.float32),
        "bi_keys": model.bi_keys,
        "bi_vals": model.bi_vals.astype(np.float32),
        "big_keys": model.big_keys,
        "big_vals": model.big_vals.astype(np.float32),
        "tri_keys": model.tri_keys,
        "tri_vals": model.tri_vals.astype(np.float32),
        "trig_keys": model.trig_keys,
        "trig_vals": model.trig_vals.astype(np.float32),
        "vocab": _words_array(model.vocab),
        "word_counts": model.word_counts.astype(np.int32),
        "wb_keys": model.wb_keys,
        "wb_counts": model.wb_counts.astype(np.int32),
        "n_words": np.array([model.n_words], dtype=np.int64),
        "common_keys": model.common_keys.astype(np.int64),
        # one "word<TAB>synonym" line per word; the synonym may be empty (see ReferenceModel)
        "plainer": _words_array([f"{w}\t{p}" for w, p in model.plainer.items()]),
        "unlisted": _words_array(sorted(model.unlisted)),
    }
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds
    os.replace(tmp, path)
    model.path = str(path)
    return path


def _f64(arr: np.ndarray) -> np.ndarray:
    """Stored float32 log-probabilities back to the 4-decimal values the builder computed."""
    return np.round(arr.astype(np.float64), 4)


def load(path: str | os.PathLike[str]) -> ReferenceModel:
    """Load a model written by :func:`save`; :class:`ModelError` on version mismatch/corruption."""
    path = Path(path)
    if path.is_dir():  # a model's folder, given for its reference model
        inside = next(iter(sorted(path.glob("reference*.npz"))), None)
        hint = f"; give its file, {inside}" if inside is not None else ""
        raise ModelError(f"{path} is a folder, not a reference model file{hint}")
    if not path.is_file():
        raise ModelError(f"reference model not found: {path}")
    with open(path, "rb") as f:
        if f.read(4) != b"PK\x03\x04":  # not an .npz: numpy's message would speak of pickles
            raise ModelError(f"{path} is not a spundetect reference model (not an .npz file)")
    check_unpacked_size(path)
    try:
        with np.load(path, allow_pickle=False) as z:
            if "header" not in z.files:
                raise ModelError(f"{path} is not a spundetect reference model (no header)")
            header = json.loads(_words_from(z["header"])[0])
            if header.get("format") != FORMAT_NAME:
                raise ModelError(f"{path} is not a spundetect reference model")
            version = header.get("version")
            if version not in READABLE_VERSIONS:
                raise ModelError(
                    f"{path} is reference format version {header.get('version')}, this spundetect "
                    f"reads versions {sorted(READABLE_VERSIONS)}; rebuild it with "
                    "`python -m training.build_reference --out <path>` (and retrain a model "
                    "that uses it)"
                )
            zw = _words_from(z["zipf_words"])
            zv = z["zipf_values"].astype(np.float64).round(2).tolist()
            sy = z["syll"].tolist()
            model = ReferenceModel(
                zipf=dict(zip(zw, zv, strict=False)),
                syllables={w: s for w, s in zip(zw, sy, strict=False) if s},
                classes=_words_from(z["classes"]),
                uni_logp=_f64(z["uni_logp"]),
                bi_keys=z["bi_keys"].astype(np.int64),
                bi_vals=_f64(z["bi_vals"]),
                big_keys=z["big_keys"].astype(np.int64),
                big_vals=_f64(z["big_vals"]),
                tri_keys=z["tri_keys"].astype(np.int64),
                tri_vals=_f64(z["tri_vals"]),
                trig_keys=z["trig_keys"].astype(np.int64),
                trig_vals=_f64(z["trig_vals"]),
                vocab=_words_from(z["vocab"]),
                word_counts=z["word_counts"].astype(np.int64),
                wb_keys=z["wb_keys"].astype(np.int64),
                wb_counts=z["wb_counts"].astype(np.int64),
                n_words=int(z["n_words"][0]),
                meta=dict(header.get("meta") or {}),
                path=str(path),
                common_keys=z["common_keys"].astype(np.int64),
                plainer=dict(_pair(line) for line in _words_from(z["plainer"])),
                unlisted=frozenset(_words_from(z["unlisted"]) if version >= 6 else ()),
            )
    except ModelError:
        raise
    except (
        OSError,
        ValueError,
        KeyError,
        IndexError,
        zipfile.BadZipFile,
        EOFError,
        UnicodeError,
    ) as exc:
        raise ModelError(f"{path}: corrupt or unreadable reference model ({exc})") from exc
    if model.classes != class_vocabulary():
        raise ModelError(
            f"{path} was built with a different function-word list; rebuild it with "
            "`python -m training.build_reference`"
        )
    if not (
        len(model.vocab) == len(model.word_counts)
        and len(model.wb_keys) == len(model.wb_counts)
        and np.all(np.diff(model.tri_keys) > 0)
        and np.all(np.diff(model.wb_keys) > 0)
        and np.all(np.diff(model.common_keys) > 0)
    ):
        raise ModelError(f"{path}: inconsistent reference model arrays; rebuild it")
    return model
