"""A hashed n-gram text model: which word and word-class sequences each label uses.

The hand-written feature families measure *why* text reads wrong in a few dozen
numbers. Many traces of spinning and translation are local word sequences
("the Friday", "in a charge of", "so as to"), too many to name one by one. This
module learns them: hashed word 1–3-grams and reduced-vocabulary (function
words + word classes, see :mod:`spundetect.lm`) 2–4-grams, log-scaled and
idf-weighted, feed a linear one-vs-rest logistic model. Its three probabilities
join the feature vector (stacked: trained out-of-fold, so the final classifier
learns how far to trust them), and its strongest n-grams become explanations.

Only *known* n-grams count: those seen in at least :data:`MIN_GROUPS` groups of
training text (an original and its rewrites are one group). Why: an n-gram found
in one group only is, in a corpus of originals and their rewrites, most likely
one a rewriter made, so a model that learns from those learns "an n-gram I never
saw means rewritten" and calls every original from an unfamiliar source spun. An
n-gram the model has not seen in two groups now says nothing. Counts are first
taken in :data:`FINE_FEATURES` columns (a hash's low bits), where known n-grams
are told apart from unseen ones; the known ones are then folded into the
model's :data:`N_FEATURES` weights. Given the generator behind each training text, the
n-grams that are one generator's habit are left out too
(:func:`generator_specific_columns`): they recognise that generator, not rewriting.

File format: ``numpy.savez`` (``allow_pickle=False``) with a header naming
:data:`FORMAT_NAME` and :data:`FORMAT_VERSION`, checked on load.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .card import check_unpacked_size
from .errors import ModelError
from .lm import mix
from .spelling import list_sha256
from .text import Doc

if TYPE_CHECKING:
    import scipy.sparse as sp

    from .lm import ReferenceModel

__all__ = [
    "FINE_FEATURES",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_GENERATOR_SHARE",
    "MIN_EXCESS_DOCS",
    "MIN_GROUPS",
    "NgramModel",
    "fit_ngram",
    "fold_columns",
    "generator_folds",
    "generator_oof_proba",
    "generator_specific_columns",
    "gram_hashes",
    "hash_grams",
    "known_columns",
    "oof_proba",
    "source_folds",
    "source_oof_proba",
]

FORMAT_NAME = "spundetect-ngram"
#: 2: hashed from the tokens' stable 64-bit hashes; 3: known n-grams only; 4: words in
#: American spelling, the spelling list recorded (:mod:`spundetect.spelling`)
FORMAT_VERSION = 4
#: versions :meth:`NgramModel.load` reads (a version-2 file is a model in which every n-gram
#: counts, a version-3 one reads words as spelt; each scores exactly as it did)
READ_VERSIONS = (2, 3, 4)
WORD_ORDERS = (1, 2, 3)
CLASS_ORDERS = (2, 3, 4)
N_FEATURES = 2**18
#: columns n-grams are counted in before the model's known ones are picked out: wide
#: enough that an unseen n-gram rarely lands on a known one's column (a 2 MB bit set)
FINE_FEATURES = 2**24
#: fewest groups of training text (an original and its rewrites) an n-gram must occur in
MIN_GROUPS = 2
_CLASS_SALT = np.uint64(0x5BD1E9955BD1E995)
#: most of an n-gram's excess over the originals (see :func:`generator_specific_columns`)
#: one generator may hold before the n-gram counts as that generator's habit, not evidence
MAX_GENERATOR_SHARE = 0.8
#: fewest excess documents for that share to be judged (rarer n-grams are kept)
MIN_EXCESS_DOCS = 10.0
#: fewest distinct generators for which generator-held-out stacking is worth its folds
MIN_GENERATORS = 3
#: most folds :func:`generator_oof_proba` fits (generators beyond it share folds)
MAX_GENERATOR_FOLDS = 12
#: fewest distinct sources of text for which source-held-out stacking happens
MIN_SOURCES = 2
#: most folds :func:`source_oof_proba` fits (sources beyond it share folds)
MAX_SOURCE_FOLDS = 12


@lru_cache(maxsize=4)
def _class_hashes(n_classes: int) -> np.ndarray:
    """The salted hash of every class id below ``n_classes``: one gather per document
    instead of mixing each position's class id again."""
    ids = np.arange(n_classes, dtype=np.uint64)
    return mix(np.full(n_classes, _CLASS_SALT), ids)


def _within(group: np.ndarray, n: int) -> np.ndarray:
    """Start positions p whose n-gram p..p+n-1 stays inside one group (sentence or block)."""
    if len(group) < n:
        return np.zeros(0, dtype=np.int64)
    # on the per-document path, the method forms of numpy's functions (x.nonzero()[0] for
    # np.flatnonzero(x) of a 1-D x, x.cumsum(), x.repeat(), x.sort()): the same results
    # without the functions' Python-level wrappers, ~1 us a call, ~40 calls a document
    return (group[n - 1 :] == group[: len(group) - n + 1]).nonzero()[0]


def _ngram_hashes(
    h: np.ndarray, group: np.ndarray, orders: Sequence[int]
) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """(order, start positions, hashes) of the n-grams of ``h`` that stay inside a group."""
    out = []
    acc = h
    for n in range(1, max(orders) + 1):
        if n > 1:
            acc = mix(acc[:-1], h[n - 1 :])
        if n in orders:
            p = _within(group, n)
            out.append((n, p, acc[p]))
    return out


def gram_hashes(
    doc: Doc,
    reference: ReferenceModel,
    *,
    classes: bool = True,
    spans: bool = True,
    us_spelling: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """64-bit hashes of a document's n-grams, and the token span (start, end) each covers.

    Word 1–3-grams are hashed from the lower-cased tokens (punctuation included)
    of one sentence; class 2–4-grams from the reference model's class sequence of
    a sentence with its boundary marks. No string is built: every hash derives
    from the tokens' stable hashes (:func:`spundetect.lm.mix`). With
    ``spans=False`` (the scoring path) the span arrays come back empty. With
    ``us_spelling`` words are read in American spelling ("centre" as "center"; see
    :mod:`spundetect.spelling`), as models since format version 4 read them.
    """
    info = reference.token_info(doc)
    hashes: list[np.ndarray] = []
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    words = info.h_us if us_spelling else info.h
    for n, p, hv in _ngram_hashes(words, info.sid, WORD_ORDERS):
        hashes.append(hv)
        starts.append(p)
        ends.append(p + n)
    if classes and len(info.sid):
        seq, off = reference.class_sequences(doc)
        lens = info.sent_lens
        # drop the first of the two BOS marks of each block: BOS c1 .. cn EOS
        keep = np.ones(len(seq), dtype=bool)
        keep[off] = False
        cls = seq[keep]
        block = np.arange(len(lens)).repeat(lens + 2)
        ch = _class_hashes(reference.V)[cls]
        # class position q of a block covers token q-1 of its sentence (q=0 is BOS)
        first_q = np.zeros(len(lens), dtype=np.int64)
        if len(lens) > 1:
            (lens[:-1] + 2).cumsum(out=first_q[1:])
        for n, p, hv in _ngram_hashes(ch, block, CLASS_ORDERS):
            hashes.append(hv)
            if not spans:
                continue
            b = block[p]
            tok = info.sent_starts[b] + (p - first_q[b]) - 1
            lo = np.clip(tok, info.sent_starts[b], None)
            hi = np.minimum(tok + n, info.sent_starts[b] + lens[b])
            starts.append(lo)
            ends.append(np.maximum(hi, lo + 1))
    e = np.zeros(0, dtype=np.int64)
    if not hashes:
        return e.astype(np.uint64), e, e
    if not spans:
        return np.concatenate(hashes), e, e
    return np.concatenate(hashes), np.concatenate(starts), np.concatenate(ends)


def _columns(hashes: np.ndarray, n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashed counts of one document: (sorted columns, counts).

    With a power-of-two width the column is the hash's low bits (what ``%`` gives,
    without a 64-bit division), and the ~7,000 columns of a document are sorted as
    int32, about twice as fast as int64; the columns come back as int64 either way.
    """
    if n_features & (n_features - 1) == 0:
        col = hashes & np.uint64(n_features - 1)
    else:
        col = hashes % np.uint64(n_features)
    idx = col.astype(np.int32 if n_features <= 2**31 else np.int64)
    idx.sort()
    if not len(idx):
        return idx.astype(np.int64), idx.astype(np.int64)
    first = np.concatenate(([True], idx[1:] != idx[:-1])).nonzero()[0]
    bounds = np.concatenate((first, [len(idx)]))
    return idx[first].astype(np.int64), bounds[1:] - bounds[:-1]


def hash_grams(hash_lists: Sequence[np.ndarray], n_features: int = FINE_FEATURES) -> sp.csr_matrix:
    """Raw n-gram counts per document (rows) as a sparse matrix: what training starts from.

    The columns are the fine ones (:data:`FINE_FEATURES`) that :func:`fit_ngram` picks the
    known n-grams from."""
    import scipy.sparse as sp

    indptr = [0]
    indices: list[np.ndarray] = []
    data: list[np.ndarray] = []
    for hv in hash_lists:
        cols, counts = _columns(hv, n_features)
        indices.append(cols)
        data.append(counts)
        indptr.append(indptr[-1] + len(cols))
    return sp.csr_matrix(
        (
            np.concatenate(data).astype(np.float64) if data else np.zeros(0),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
            np.asarray(indptr),
        ),
        shape=(len(hash_lists), n_features),
    )


def _weigh(X: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    import scipy.sparse as sp

    X = X.astype(np.float32)
    X.data = np.log1p(X.data)
    X = X.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms).dot(X).tocsr()


def known_columns(
    counts: sp.csr_matrix, groups: Sequence[str | int] | np.ndarray | None, min_groups: int
) -> np.ndarray:
    """Which columns of ``counts`` occur in at least ``min_groups`` groups (rows without
    ``groups`` are each their own group): a boolean array, one entry per column."""
    import scipy.sparse as sp

    n_rows, width = counts.shape
    if groups is None:
        df = np.bincount(counts.indices, minlength=width)
    else:
        codes = np.unique(np.asarray(groups).astype(str), return_inverse=True)[1].ravel()
        member = sp.csr_matrix(
            (np.ones(n_rows, dtype=np.float32), (codes, np.arange(n_rows))),
            shape=(int(codes.max()) + 1 if n_rows else 0, n_rows),
        )
        present = sp.csr_matrix(
            (np.ones(counts.nnz, dtype=np.float32), counts.indices, counts.indptr),
            shape=counts.shape,
        )
        df = np.bincount((member @ present).indices, minlength=width)
    return df >= min_groups


def generator_specific_columns(
    counts: sp.csr_matrix,
    generators: Sequence[str | None],
    *,
    max_share: float = MAX_GENERATOR_SHARE,
    min_excess: float = MIN_EXCESS_DOCS,
    columns: np.ndarray | None = None,
) -> np.ndarray:
    """Which columns of ``counts`` are one rewriter's habit: a boolean array, one entry per
    column.

    Why: Apertium's Serbo-Croatian round trip writes "beaten" for "was" in thousands of
    texts, its Galician one "envelope" for "about". Learnt as evidence, such words make
    an ordinary "the champions were beaten" read as machine translation, and they say
    nothing about a translator the model never met. What generalises is what several
    rewriters share (a spinner's "moreover", a translator's "roughly").

    A column's *excess* in generator ``g`` is how many more of ``g``'s texts contain it
    than the originals' rate predicts. A column whose total excess is at least
    ``min_excess`` texts, ``max_share`` or more of it in one generator, is that
    generator's habit. ``generators`` names each row's generator (``None`` or ``""``: an
    original). Nothing is flagged without originals or with fewer than two generators.
    ``columns`` (a boolean mask) limits the judgement to those columns.
    """
    width = counts.shape[1]
    out = np.zeros(width, dtype=bool)
    gens = [x or "" for x in generators]
    names = sorted(set(gens) - {""})
    if len(gens) != counts.shape[0]:
        raise ValueError(f"{counts.shape[0]} rows but {len(gens)} generators")
    if len(names) < 2 or "" not in gens:
        return out
    code_of = {"": 0} | {name: i + 1 for i, name in enumerate(names)}
    codes = np.fromiter(map(code_of.__getitem__, gens), np.intp, len(gens))
    n_docs = np.bincount(codes, minlength=len(code_of)).astype(np.float64)
    row_code = np.repeat(codes, np.diff(counts.indptr))
    cols = counts.indices
    if columns is not None:
        keep = columns[cols]
        cols, row_code = cols[keep], row_code[keep]
    uniq, col_code = np.unique(cols, return_inverse=True)
    # documents containing each column, per generator (row 0: originals); csr columns are
    # unique within a row, so each stored entry is one document
    flat = np.bincount(row_code * len(uniq) + col_code.ravel(), minlength=len(code_of) * len(uniq))
    df = flat.reshape(len(code_of), len(uniq)).astype(np.float64)
    rate = df[0] / n_docs[0]
    excess = np.maximum(df[1:] - n_docs[1:, None] * rate, 0.0)
    total = excess.sum(axis=0)
    out[uniq[(total >= min_excess) & (excess.max(axis=0) >= max_share * total)]] = True
    return out


def fold_columns(counts: sp.csr_matrix, known: np.ndarray | None, n_features: int) -> sp.csr_matrix:
    """Counts of the known columns only, folded into ``n_features`` columns (low bits)."""
    import scipy.sparse as sp

    if known is None and counts.shape[1] == n_features:
        return counts
    if known is not None and len(known) != counts.shape[1]:
        raise ValueError(
            f"counts have {counts.shape[1]} columns, the known n-grams {len(known)}: "
            "count them with hash_grams at the model's fine width"
        )
    data = counts.data.astype(np.float64)
    if known is not None:
        data = data * known[counts.indices]
    idx = counts.indices & (n_features - 1) if counts.shape[1] > n_features else counts.indices
    out = sp.csr_matrix(
        (data, idx.astype(np.int32), counts.indptr.copy()), shape=(counts.shape[0], n_features)
    )
    out.sum_duplicates()
    out.eliminate_zeros()
    return out


@dataclass(frozen=True, eq=False)
class NgramModel:
    """A fitted hashed n-gram logistic model (one-vs-rest) over known n-grams."""

    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features) float32
    intercept: np.ndarray  # (n_classes,)
    idf: np.ndarray  # (n_features,) float32
    n_features: int = N_FEATURES
    #: (fine width,) bool: the fine columns of the n-grams seen in enough training groups;
    #: ``None``: every n-gram counts
    known: np.ndarray | None = None
    #: the SHA-256 of the spelling list (:mod:`spundetect.spelling`) whose American
    #: spellings the words were hashed in; ``None``: words as spelt (format 3 and older)
    us_spelling: str | None = None
    #: coef transposed, with idf as a last column, contiguous (4 MB for the default model):
    #: scoring gathers a document's few thousand columns, each then one cache line (16 bytes
    #: for three classes) instead of one per class and one for its idf
    _coef_by_column: np.ndarray = field(init=False, repr=False)
    #: ``known`` as a bit set (bit ``i % 64`` of word ``i // 64``), what scoring reads: the
    #: ~7,000 n-grams of a document land on random fine columns, and 2 MB of bits stay in
    #: the CPU's last-level cache where the 16 MB bool array (a byte per column) did not
    _known_bits: np.ndarray | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        coef = np.asarray(self.coef)
        if np.asarray(self.idf).dtype == coef.dtype:  # as fit_ngram and load give them
            by_column = np.empty((coef.shape[1], len(coef) + 1), dtype=coef.dtype)
            by_column[:, :-1] = coef.T
            by_column[:, -1] = self.idf
        else:  # idf apart: the weights keep its type
            by_column = np.ascontiguousarray(coef.T)
        object.__setattr__(self, "_coef_by_column", by_column)
        bits = None
        if self.known is not None:
            packed = np.packbits(np.asarray(self.known, dtype=bool), bitorder="little")
            packed = np.concatenate([packed, np.zeros(-len(packed) % 8, dtype=np.uint8)])
            bits = packed.view("<u8").astype(np.uint64)
        object.__setattr__(self, "_known_bits", bits)

    def matrix(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Weighted rows from :func:`hash_grams` counts (training path)."""
        return _weigh(fold_columns(counts, self.known, self.n_features), self.idf)

    def keep_known(self, hashes: np.ndarray) -> np.ndarray:
        """Whether each hash is a known n-gram (all True when the model keeps no list)."""
        if self.known is None or self._known_bits is None:
            return np.ones(len(hashes), dtype=bool)
        fine = np.asarray(hashes, dtype=np.uint64) & np.uint64(len(self.known) - 1)
        words = self._known_bits[(fine >> np.uint64(6)).astype(np.intp)]
        return ((words >> (fine & np.uint64(63))) & np.uint64(1)).astype(bool)

    def proba(self, X: sp.csr_matrix) -> np.ndarray:
        """Class probabilities (columns in ``classes`` order), as scikit-learn's OvR SGD gives them."""
        return _ovr(np.asarray(X @ self.coef.T) + self.intercept)

    def proba_docs(self, hash_lists: Sequence[np.ndarray]) -> np.ndarray:
        """Class probabilities straight from :func:`gram_hashes` output: the scoring path
        (numpy only, one gather per document; same numbers as ``proba(matrix(...))``)."""
        z = np.zeros((len(hash_lists), len(self.classes)))
        for r, hv in enumerate(hash_lists):
            z[r] = self.score_doc(hv)
        return self.proba_scores(z)

    def score_doc(self, hashes: np.ndarray) -> np.ndarray:
        """One document's row of :meth:`proba_docs` before the intercept and link function
        (float64, one entry per class): computed while the document is fresh in the CPU
        cache, the rows of a batch then go through :meth:`proba_scores` together."""
        n_classes = len(self.classes)
        z = np.zeros(n_classes)
        hv = hashes[self.keep_known(hashes)] if self.known is not None else hashes
        cols, counts = _columns(hv, self.n_features)
        rows = self._coef_by_column.take(cols, axis=0)  # each column's coef (and idf)
        if rows.shape[1] > n_classes:
            # split column by column: one strided copy each is many times faster than numpy's
            # copy of a (n, 4) array's (n, 3) part, which steps three elements at a time
            idf = rows[:, n_classes].copy()
            coef = np.empty((len(cols), n_classes), dtype=rows.dtype)
            for k in range(n_classes):
                coef[:, k] = rows[:, k]
        else:
            idf, coef = self.idf[cols], rows
        w = np.log1p(counts.astype(np.float32)) * idf
        norm = float(np.sqrt(np.dot(w, w)))
        if norm > 0:
            # the same (classes, cols) array as coef[:, cols], in the same memory layout
            # (so the same BLAS call and sums)
            z[:] = coef.T @ (w / norm)
        return z

    def proba_scores(self, z: np.ndarray) -> np.ndarray:
        """Class probabilities from rows of :meth:`score_doc` (n_docs, n_classes)."""
        return _ovr(z + self.intercept)

    def contributions(self, hashes: np.ndarray, label: str) -> np.ndarray:
        """Per-n-gram weight towards ``label`` (before length normalisation)."""
        k = self.classes.index(label)
        idx = (hashes % np.uint64(self.n_features)).astype(np.int64)
        return self.coef[k, idx] * self.idf[idx] * self.keep_known(hashes)

    def save(self, path: Path) -> Path:
        header = json.dumps(
            {
                "format": FORMAT_NAME,
                "version": FORMAT_VERSION if self.us_spelling else 3,
                "classes": list(self.classes),
                "us_spelling": self.us_spelling,
            }
        )
        import scipy.sparse as sp

        # the coefficients are mostly zeros after L1/L2 training: store them sparse
        coef = sp.csr_matrix(self.coef)
        with open(path, "wb") as f:
            np.savez_compressed(
                f,
                header=np.frombuffer(header.encode(), dtype=np.uint8),
                coef_data=coef.data.astype(np.float32),
                coef_indices=coef.indices.astype(np.int32),
                coef_indptr=coef.indptr.astype(np.int64),
                intercept=self.intercept.astype(np.float64),
                idf=self.idf.astype(np.float32),
                n_features=np.asarray([self.n_features]),
                known=np.packbits(self.known) if self.known is not None else np.zeros(0, np.uint8),
                fine_features=np.asarray([len(self.known) if self.known is not None else 0]),
            )
        return path

    @classmethod
    def load(cls, path: Path) -> NgramModel:
        check_unpacked_size(path)
        try:
            with np.load(path, allow_pickle=False) as z:
                header = json.loads(bytes(z["header"]).decode())
                if header.get("format") != FORMAT_NAME:
                    raise ModelError(f"{path} is not a spundetect n-gram model")
                if header.get("version") not in READ_VERSIONS:
                    raise ModelError(
                        f"{path} is n-gram format version {header.get('version')}, this spundetect "
                        f"reads versions {', '.join(map(str, READ_VERSIONS))}; retrain the model"
                    )
                n = int(z["n_features"][0])
                classes = tuple(header["classes"])
                coef = np.zeros((len(classes), n), dtype=np.float32)
                ptr = z["coef_indptr"]
                cols, vals = z["coef_indices"], z["coef_data"]
                for r in range(len(classes)):
                    coef[r, cols[ptr[r] : ptr[r + 1]]] = vals[ptr[r] : ptr[r + 1]]
                fine = int(z["fine_features"][0]) if "fine_features" in z.files else 0
                known = np.unpackbits(z["known"], count=fine).astype(bool) if fine else None
                if fine and (fine & (fine - 1) or fine < n):
                    raise ModelError(f"{path}: known n-gram set of width {fine} cannot fold to {n}")
                spelling = header.get("us_spelling") if header["version"] >= 4 else None
                if spelling is not None and spelling != list_sha256():
                    raise ModelError(
                        f"{path} was trained with another British-American spelling list than "
                        "this spundetect's; retrain the model with this version"
                    )
                return cls(
                    classes, coef.astype(np.float32), z["intercept"], z["idf"], n, known, spelling
                )
        except ModelError:
            raise
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
            raise ModelError(f"{path}: corrupt or unreadable n-gram model ({exc})") from exc


def _ovr(z: np.ndarray) -> np.ndarray:
    p = 1.0 / (1.0 + np.exp(-z))
    s = p.sum(axis=1, keepdims=True)
    s[s == 0] = 1.0
    return p / s


def fit_ngram(
    counts: sp.csr_matrix,
    y: Sequence[str],
    *,
    groups: Sequence[str | int] | np.ndarray | None = None,
    min_groups: int = MIN_GROUPS,
    generators: Sequence[str | None] | None = None,
    max_generator_share: float | None = MAX_GENERATOR_SHARE,
    n_features: int = N_FEATURES,
    alpha: float = 5e-6,
    random_state: int = 0,
    us_spelling: bool = True,
) -> NgramModel:
    """Fit the n-gram model on hashed counts (:func:`hash_grams` of :func:`gram_hashes`).

    Only the columns seen in at least ``min_groups`` of ``groups`` (each row its own
    group when ``None``) count, in training and in scoring (see the module docstring).
    With ``generators`` (each row's rewriter, ``None`` for originals), neither do the
    columns that are one rewriter's habit (:func:`generator_specific_columns` with
    ``max_generator_share``; ``None`` keeps them). ``us_spelling``: whether the counts
    were hashed in American spelling (:func:`gram_hashes`' default), recorded in the model.
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDClassifier

    width = counts.shape[1]
    n_features = min(n_features, width)
    if width & (width - 1) or n_features & (n_features - 1):
        raise ValueError(f"n-gram count widths must be powers of two, not {width}/{n_features}")
    known = known_columns(counts, groups, min_groups) if min_groups > 1 else None
    if generators is not None and max_generator_share is not None:
        habit = generator_specific_columns(
            counts, generators, max_share=max_generator_share, columns=known
        )
        if habit.any():
            known = ~habit if known is None else known & ~habit
    counts = fold_columns(counts, known, n_features)
    df = np.bincount(counts.indices, minlength=n_features)
    idf = (np.log((1 + counts.shape[0]) / (1 + df)) + 1).astype(np.float32)
    X = _weigh(counts, idf)
    clf = SGDClassifier(
        loss="log_loss", alpha=alpha, max_iter=30, tol=1e-4, random_state=random_state
    )
    with warnings.catch_warnings():
        # 30 epochs is a deliberate budget: the stacked classifier calibrates what it gives
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, np.asarray(y))
    classes = tuple(str(c) for c in clf.classes_)
    coef = clf.coef_.astype(np.float32)
    intercept = clf.intercept_.astype(np.float64)
    if len(classes) == 2:  # binary SGD keeps one row: expand to one-vs-rest form
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.asarray([-intercept[0], intercept[0]])
    coef[np.abs(coef) < 1e-4] = 0.0
    spelling = list_sha256() if us_spelling else None
    return NgramModel(classes, coef, intercept, idf, n_features, known, spelling)


def _fold_proba(
    counts: sp.csr_matrix,
    y: np.ndarray,
    groups: np.ndarray,
    tr: np.ndarray,
    te: np.ndarray,
    labels: Sequence[str],
    out: np.ndarray,
    random_state: int,
    generators: np.ndarray | None = None,
    max_generator_share: float | None = MAX_GENERATOR_SHARE,
) -> None:
    """Fit on rows ``tr``, write the probabilities of rows ``te`` into ``out`` (``labels`` order)."""
    if len(set(y[tr].tolist())) < 2 or not len(te):
        return
    m = fit_ngram(
        counts[tr],
        y[tr],
        groups=groups[tr],
        generators=None if generators is None else list(generators[tr]),
        max_generator_share=max_generator_share,
        random_state=random_state,
    )
    p = m.proba(m.matrix(counts[te]))
    for j, lab in enumerate(labels):
        out[te, j] = p[:, m.classes.index(lab)] if lab in m.classes else 0.0


def oof_proba(
    counts: sp.csr_matrix,
    y: Sequence[str] | np.ndarray,
    groups: Sequence[str] | None,
    labels: Sequence[str],
    *,
    n_splits: int = 4,
    random_state: int = 0,
    generators: Sequence[str | None] | None = None,
    sources: Sequence[str | None] | None = None,
    max_generator_share: float | None = MAX_GENERATOR_SHARE,
) -> np.ndarray:
    """Out-of-fold probabilities (columns in ``labels`` order), group-aware.

    The final classifier must learn from n-gram probabilities on texts the
    n-gram model did not see, or it would trust them far too much. A text can be
    new to the model in three ways, and the result averages, per row, the
    probabilities of n-gram models for which it is new in each way the data allow:

    * a new article (always): group-held-out folds;
    * a new rewriter: with ``generators`` (the spinner or translation system behind
      each rewritten text; ``None`` or ``""`` for originals) naming at least
      :data:`MIN_GENERATORS` systems, :func:`generator_oof_proba`;
    * a new source: with ``sources`` (where each text, or the original it was made
      from, came from) naming at least :data:`MIN_SOURCES`, :func:`source_oof_proba`.

    Why the last: an original from a source the n-gram model never saw looks less
    original to it than the originals it learnt from (it lacks their n-grams), and
    a classifier stacked on in-source probabilities only reads that as rewriting.
    A row a component could not predict (NaN) takes the mean of the others.
    Every model fitted here drops, as :func:`fit_ngram` does given ``generators``,
    the n-grams that are one rewriter's habit (``max_generator_share``).
    """
    from sklearn.model_selection import GroupKFold

    ya = np.asarray(y)
    g = np.asarray(groups) if groups is not None else np.arange(len(ya))
    n_splits = max(2, min(n_splits, len(set(g.tolist()))))
    folds = list(GroupKFold(n_splits=n_splits).split(np.zeros(len(ya)), ya, g))
    held = _held_out_proba(
        counts, ya, g, folds, labels, random_state, generators, max_generator_share
    )
    out = np.where(np.isnan(held), 1.0 / len(labels), held)
    parts = [out]
    if generators is not None and len({x for x in generators if x}) >= MIN_GENERATORS:
        parts.append(
            generator_oof_proba(
                counts,
                ya,
                g,
                generators,
                labels,
                random_state=random_state,
                max_generator_share=max_generator_share,
            )
        )
    if sources is not None and len({x for x in sources if x}) >= MIN_SOURCES:
        parts.append(
            source_oof_proba(
                counts,
                ya,
                g,
                sources,
                labels,
                random_state=random_state,
                generators=generators,
                max_generator_share=max_generator_share,
            )
        )
    if len(parts) == 1:
        return out
    stack = np.stack(parts)
    known = ~np.isnan(stack)
    return np.where(known, stack, 0.0).sum(axis=0) / known.sum(axis=0)


def source_oof_proba(
    counts: sp.csr_matrix,
    y: Sequence[str] | np.ndarray,
    groups: Sequence[str | int] | np.ndarray,
    sources: Sequence[str | None],
    labels: Sequence[str],
    *,
    random_state: int = 0,
    generators: Sequence[str | None] | None = None,
    max_generator_share: float | None = MAX_GENERATOR_SHARE,
) -> np.ndarray:
    """Probabilities from n-gram models that never saw the text's source (nor its group).

    One fold per source (at most :data:`MAX_SOURCE_FOLDS`; more share folds
    round-robin). Rows without a source, and rows of a fold whose training rows
    hold fewer than two labels, are NaN. ``generators`` and ``max_generator_share``:
    as :func:`fit_ngram`'s.
    """
    folds = source_folds(y, groups, sources)
    return _held_out_proba(
        counts, y, groups, folds, labels, random_state, generators, max_generator_share
    )


def source_folds(
    y: Sequence[str] | np.ndarray,
    groups: Sequence[str | int] | np.ndarray,
    sources: Sequence[str | None],
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (train, held-out) row indices of :func:`source_oof_proba`'s folds that can be
    fitted: a fold holds out every row of its sources, and trains on the rows of the
    other sources outside any group the fold touches (a rewrite filed under another
    source than its original cannot leak it back in)."""
    ya = np.asarray(y)
    g = np.asarray(groups)
    src = [x or "" for x in sources]
    names = sorted({x for x in src if x})
    if len(names) < MIN_SOURCES:
        return []
    k = min(len(names), MAX_SOURCE_FOLDS)
    fold_of = {name: i % k for i, name in enumerate(names)}
    fold = np.asarray([fold_of[x] if x else -1 for x in src])
    return _fitted_folds(ya, g, fold, k)


def generator_oof_proba(
    counts: sp.csr_matrix,
    y: Sequence[str] | np.ndarray,
    groups: Sequence[str | int] | np.ndarray,
    generators: Sequence[str | None],
    labels: Sequence[str],
    *,
    random_state: int = 0,
    max_generator_share: float | None = MAX_GENERATOR_SHARE,
) -> np.ndarray:
    """Probabilities from n-gram models that never saw the text's generator (nor its group).

    One fold per generator (at most :data:`MAX_GENERATOR_FOLDS`; more share folds
    round-robin). Texts without a generator (originals) are spread over the folds
    by group. A fold's model trains on everything outside the fold and outside the
    groups the fold touches. Rows no fold could predict are NaN (a fold left one
    label, or nothing at all: when every group holds every generator's rewrite, no
    text is free of a held-out group, and :func:`oof_proba` keeps its group-held-out
    probabilities for those rows). ``max_generator_share``: as :func:`fit_ngram`'s.
    """
    folds = generator_folds(y, groups, generators)
    return _held_out_proba(
        counts, y, groups, folds, labels, random_state, generators, max_generator_share
    )


def _held_out_proba(
    counts: sp.csr_matrix,
    y: Sequence[str] | np.ndarray,
    groups: Sequence[str | int] | np.ndarray,
    folds: list[tuple[np.ndarray, np.ndarray]],
    labels: Sequence[str],
    random_state: int,
    generators: Sequence[str | None] | None = None,
    max_generator_share: float | None = MAX_GENERATOR_SHARE,
) -> np.ndarray:
    """Each fold's held-out rows scored by a model of its training rows; NaN elsewhere.
    ``generators`` and ``max_generator_share`` go to every fold's :func:`fit_ngram`."""
    ya = np.asarray(y)
    g = np.asarray(groups)
    gens = None if generators is None else np.asarray([x or "" for x in generators], dtype=object)
    out = np.full((len(ya), len(labels)), np.nan)
    for tr, te in folds:
        _fold_proba(counts, ya, g, tr, te, labels, out, random_state, gens, max_generator_share)
    return out


def _fitted_folds(
    y: np.ndarray, groups: np.ndarray, fold: np.ndarray, k: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, held-out) rows of folds ``0..k-1`` (``fold`` per row; -1: never held out):
    training leaves out every group the fold touches; folds whose training rows hold
    fewer than two labels are dropped."""
    out = []
    for f in range(k):
        te = fold == f
        tr = ~np.isin(groups, np.unique(groups[te]))
        if len(set(y[tr].tolist())) >= 2:
            out.append((np.flatnonzero(tr), np.flatnonzero(te)))
    return out


def generator_folds(
    y: Sequence[str] | np.ndarray,
    groups: Sequence[str | int] | np.ndarray,
    generators: Sequence[str | None],
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (train, held-out) row indices of :func:`generator_oof_proba`'s folds that can
    be fitted: those whose training rows hold at least two labels. Cheap (no fitting),
    so a caller can tell whether generator-held-out stacking will happen at all."""
    ya = np.asarray(y)
    g = np.asarray(groups)
    gens = [x or "" for x in generators]
    names = sorted({x for x in gens if x})
    if not names:
        return []
    k = min(len(names), MAX_GENERATOR_FOLDS)
    fold_of = {name: i % k for i, name in enumerate(names)}
    orig_groups = sorted({str(grp) for grp, x in zip(g.tolist(), gens) if not x})
    group_fold = {grp: i % k for i, grp in enumerate(orig_groups)}
    fold = np.asarray(
        [fold_of[x] if x else group_fold[str(grp)] for grp, x in zip(g.tolist(), gens)]
    )
    return _fitted_folds(ya, g, fold, k)
