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
shipped CMU dictionary) and pruned word-bigram counts for collocation checks.

File format: ``numpy.savez_compressed`` with ``allow_pickle=False``; a header
array records :data:`FORMAT_NAME` and :data:`FORMAT_VERSION`, checked on load.
"""

from __future__ import annotations

import json
import math
import os
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .errors import ModelError
from .text import Doc, tokenize

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "SUFFIX",
    "ReferenceModel",
    "build",
    "function_words",
    "load",
    "save",
]

FORMAT_NAME = "spundetect-reference"
FORMAT_VERSION = 2  # bump on any change of the arrays or of the class mapping
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


@dataclass(eq=False)
class ReferenceModel:
    """Read-only reference statistics; build with :func:`build`, persist with :func:`save`."""

    zipf: dict[str, float]
    syllables: dict[str, int]
    classes: list[str]
    uni_logp: list[float]  # log10 P(c) per class id
    bi_logp: dict[int, float]  # key b*V+c -> log10 P(c|b)
    bi_gamma: dict[int, float]  # b -> log10 backoff weight
    tri_logp: dict[int, float]  # key (a*V+b)*V+c -> log10 P(c|a,b)
    tri_gamma: dict[int, float]  # a*V+b -> log10 backoff weight
    word_bigrams: dict[str, int]  # "w1 w2" -> count of adjacent lower-cased words in a sentence
    word_counts: dict[str, int]  # lower-cased word -> count in the reference text
    n_words: int
    meta: dict[str, object] = field(default_factory=dict)
    path: str | None = None

    def __post_init__(self) -> None:
        self._class_id = {c: i for i, c in enumerate(self.classes)}
        self.V = len(self.classes)
        # token -> class id caches (a pure function of the token; safe to share)
        self._mid_cache: dict[str, int] = {}
        self._first_cache: dict[str, int] = {}

    # ------------------------------------------------------------------ lookups
    def zipf_of(self, word: str) -> float:
        """Zipf frequency of a lower-cased word; 0.0 when it is not in the top list."""
        return self.zipf.get(word, 0.0)

    def class_id(self, sym: str) -> int:
        return self._class_id[sym]

    def _token_class(self, tok: str, initial: bool) -> int:
        """Class id of one token (``initial``: first token of a sentence)."""
        cid = self._class_id
        low = tok.lower()
        if low in function_words():
            return cid[low]
        c0 = tok[0]
        if c0.isalpha():
            if c0.isupper() and not initial:
                return cid[CAP]
            return cid[f"<W{_band(self.zipf.get(low, 0.0))}>"]
        if c0.isdigit():
            return cid[NUM]
        return cid.get(c0, cid[OTHER])

    def class_ids(self, doc: Doc) -> list[list[int]]:
        """Class-id sequences per sentence, with BOS/EOS; one dict lookup per token (cached)."""
        memo_key = ("class_ids", id(self))
        cached = doc.memo.get(memo_key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        mid, first = self._mid_cache, self._first_cache
        if len(mid) > 200_000:  # bound the caches on endless streams of new words
            mid.clear()
            first.clear()
        bos, eos = self._class_id[BOS], self._class_id[EOS]
        tokens = doc.tokens
        out: list[list[int]] = []
        for a, b in doc.sentences:
            t = tokens[a]
            c = first.get(t)
            if c is None:
                c = first[t] = self._token_class(t, True)
            seq = [bos, c]
            for i in range(a + 1, b):
                t = tokens[i]
                c = mid.get(t)
                if c is None:
                    c = mid[t] = self._token_class(t, False)
                seq.append(c)
            seq.append(eos)
            out.append(seq)
        doc.memo[memo_key] = out
        return out

    def logprobs(self, seq: Sequence[int]) -> tuple[list[float], list[bool]]:
        """Log10 probability of each position after the first, and whether its trigram was unseen.

        The one implementation of the back-off lookup; the phrasing features call it
        once per sentence on the hot path.
        """
        V = self.V
        tri_get, trig_get = self.tri_logp.get, self.tri_gamma.get
        bi_get, big_get, uni = self.bi_logp.get, self.bi_gamma.get, self.uni_logp
        out: list[float] = []
        unseen: list[bool] = []
        a = b = seq[0] if seq else 0
        for c in seq[1:]:
            ab = a * V + b
            lp = tri_get(ab * V + c)
            unseen.append(lp is None)
            if lp is None:
                lb = bi_get(b * V + c)
                if lb is None:
                    lb = big_get(b, 0.0) + uni[c]
                lp = trig_get(ab, 0.0) + lb
            out.append(lp)
            a, b = b, c
        return out, unseen

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


def _zipf_table(top_n: int) -> dict[str, float]:
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
) -> ReferenceModel:
    """Build a reference model from human-written ``texts``.

    ``zipf`` overrides the word-frequency table (tests pass a tiny one so no
    ``wordfreq`` is needed); by default the top ``top_n`` words of ``wordfreq``.
    """
    if zipf is None:
        zipf = _zipf_table(top_n)
    classes = class_vocabulary()
    stub = ReferenceModel(zipf, {}, classes, [0.0] * len(classes), {}, {}, {}, {}, {}, {}, 0)
    V = stub.V
    tri: Counter[int] = Counter()
    wb: Counter[str] = Counter()
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
        lower, is_word = doc.lower, doc.is_word
        for a, b in doc.sentences:
            prev: str | None = None
            for i in range(a, b):
                if is_word[i]:
                    low = lower[i]
                    n_words += 1
                    wc[low] += 1
                    if prev is not None:
                        wb[f"{prev} {low}"] += 1
                    prev = low
                else:
                    prev = None
    if not tri:
        raise ModelError("cannot build a reference model from no text")
    model = _kneser_ney(tri, V)
    bigrams = {k: v for k, v in wb.items() if v >= min_bigram_count}
    counts = dict(wc)
    syll = _syllable_table(zipf)
    return ReferenceModel(
        zipf,
        syll,
        classes,
        *model,
        bigrams,
        counts,
        n_words,
        meta={"documents": n_docs, "words": n_words, "trigram_types": len(tri)},
    )


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


def save(model: ReferenceModel, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` as a compressed ``.npz`` (no pickle) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "meta": model.meta}
    zw = list(model.zipf)
    bg = list(model.word_bigrams)
    wcw = list(model.word_counts)
    tk = np.fromiter(model.tri_logp.keys(), dtype=np.int64, count=len(model.tri_logp))
    arrays = {
        "header": _words_array([json.dumps(header, sort_keys=True)]),
        "classes": _words_array(model.classes),
        "zipf_words": _words_array(zw),
        "zipf_values": np.array([model.zipf[w] for w in zw], dtype=np.float32),
        "syll": np.array([model.syllables.get(w, 0) for w in zw], dtype=np.uint8),
        "uni_logp": np.array(model.uni_logp, dtype=np.float32),
        "bi_keys": np.fromiter(model.bi_logp.keys(), dtype=np.int64, count=len(model.bi_logp)),
        "bi_vals": np.fromiter(model.bi_logp.values(), dtype=np.float32, count=len(model.bi_logp)),
        "big_keys": np.fromiter(model.bi_gamma.keys(), dtype=np.int64, count=len(model.bi_gamma)),
        "big_vals": np.fromiter(
            model.bi_gamma.values(), dtype=np.float32, count=len(model.bi_gamma)
        ),
        "tri_keys": tk,
        "tri_vals": np.fromiter(
            model.tri_logp.values(), dtype=np.float32, count=len(model.tri_logp)
        ),
        "trig_keys": np.fromiter(
            model.tri_gamma.keys(), dtype=np.int64, count=len(model.tri_gamma)
        ),
        "trig_vals": np.fromiter(
            model.tri_gamma.values(), dtype=np.float32, count=len(model.tri_gamma)
        ),
        "wb_words": _words_array(bg),
        "wb_counts": np.array([model.word_bigrams[k] for k in bg], dtype=np.int32),
        "wc_words": _words_array(wcw),
        "wc_counts": np.array([model.word_counts[k] for k in wcw], dtype=np.int32),
        "n_words": np.array([model.n_words], dtype=np.int64),
    }
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    os.replace(tmp, path)
    model.path = str(path)
    return path


def _as_dict(keys: np.ndarray, vals: np.ndarray) -> dict[int, float]:
    return dict(zip(keys.tolist(), np.round(vals.astype(np.float64), 4).tolist(), strict=False))


def load(path: str | os.PathLike[str]) -> ReferenceModel:
    """Load a model written by :func:`save`; :class:`ModelError` on version mismatch/corruption."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"reference model not found: {path}")
    try:
        with np.load(path, allow_pickle=False) as z:
            if "header" not in z.files:
                raise ModelError(f"{path} is not a spundetect reference model (no header)")
            header = json.loads(_words_from(z["header"])[0])
            if header.get("format") != FORMAT_NAME:
                raise ModelError(f"{path} is not a spundetect reference model")
            if header.get("version") != FORMAT_VERSION:
                raise ModelError(
                    f"{path} is reference format version {header.get('version')}, this spundetect "
                    f"reads version {FORMAT_VERSION}; rebuild it with "
                    "`python -m training.build_reference --out <path>`"
                )
            zw = _words_from(z["zipf_words"])
            zv = z["zipf_values"].astype(np.float64).round(2).tolist()
            sy = z["syll"].tolist()
            model = ReferenceModel(
                zipf=dict(zip(zw, zv, strict=False)),
                syllables={w: s for w, s in zip(zw, sy, strict=False) if s},
                classes=_words_from(z["classes"]),
                uni_logp=z["uni_logp"].astype(np.float64).tolist(),
                bi_logp=_as_dict(z["bi_keys"], z["bi_vals"]),
                bi_gamma=_as_dict(z["big_keys"], z["big_vals"]),
                tri_logp=_as_dict(z["tri_keys"], z["tri_vals"]),
                tri_gamma=_as_dict(z["trig_keys"], z["trig_vals"]),
                word_bigrams=dict(
                    zip(_words_from(z["wb_words"]), z["wb_counts"].tolist(), strict=False)
                ),
                word_counts=dict(
                    zip(_words_from(z["wc_words"]), z["wc_counts"].tolist(), strict=False)
                ),
                n_words=int(z["n_words"][0]),
                meta=dict(header.get("meta") or {}),
                path=str(path),
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
    return model
