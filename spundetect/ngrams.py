"""A hashed n-gram text model: which word and word-class sequences each label uses.

The hand-written feature families measure *why* text reads wrong in a few dozen
numbers. Many traces of spinning and translation are local word sequences
("the Friday", "in a charge of", "so as to"), too many to name one by one. This
module learns them: hashed word 1–3-grams and reduced-vocabulary (function
words + word classes, see :mod:`spundetect.lm`) 2–4-grams, log-scaled and
idf-weighted, feed a linear one-vs-rest logistic model. Its three probabilities
join the feature vector (stacked: trained out-of-fold, so the final classifier
learns how far to trust them), and its strongest n-grams become explanations.

File format: ``numpy.savez`` (``allow_pickle=False``) with a header naming
:data:`FORMAT_NAME` and :data:`FORMAT_VERSION`, checked on load.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .errors import ModelError
from .text import Doc

if TYPE_CHECKING:
    from .lm import ReferenceModel

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "NgramModel",
    "fit_ngram",
    "grams",
    "hash_grams",
    "oof_proba",
]

FORMAT_NAME = "spundetect-ngram"
FORMAT_VERSION = 1
WORD_ORDERS = (1, 2, 3)
CLASS_ORDERS = (2, 3, 4)
N_FEATURES = 2**18


_IDS = [str(i) for i in range(4096)]


def grams(
    doc: Doc, reference: ReferenceModel | None, *, spans: bool = False
) -> tuple[list[str], list[tuple[int, int]]]:
    """The n-gram strings of a document, and with ``spans`` the token range each covers.

    Word n-grams are lower-cased tokens (punctuation included) joined by spaces;
    class n-grams are ``#``-prefixed dotted class ids of the reference model.
    Spans are for explanations only: the scoring path never builds them.
    """
    out: list[str] = []
    where: list[tuple[int, int]] = []
    low = doc.lower
    for a, b in doc.sentences:
        t = low[a:b]
        bi = [x + " " + y for x, y in pairwise(t)]
        tri = [x + " " + y for x, y in zip(bi, t[2:])]
        out += t
        out += bi
        out += tri
        if spans:
            m = b - a
            where += [(a + i, a + i + 1) for i in range(m)]
            where += [(a + i, a + i + 2) for i in range(m - 1)]
            where += [(a + i, a + i + 3) for i in range(m - 2)]
    if reference is not None:
        ids = _IDS
        for (a, b), seq in zip(doc.sentences, reference.class_ids(doc)):
            s = [ids[c] for c in seq]
            c2 = [x + "." + y for x, y in pairwise(s)]
            c3 = [x + "." + y for x, y in zip(c2, s[2:])]
            c4 = [x + "." + y for x, y in zip(c3, s[3:])]
            out += ["#" + g for g in c2]
            out += ["#" + g for g in c3]
            out += ["#" + g for g in c4]
            if spans:
                # seq[0] is BOS: class position i covers token a+i-1, clipped to the sentence
                for n, grams_n in ((2, c2), (3, c3), (4, c4)):
                    for i in range(len(grams_n)):
                        lo = max(a + i - 1, a)
                        where.append((lo, max(lo + 1, min(a + i - 1 + n, b))))
    return out, where


def hash_grams(gram_lists: Sequence[list[str]], n_features: int = N_FEATURES) -> sp.csr_matrix:
    """Raw n-gram counts, hashed: the form every fit and prediction starts from."""
    from sklearn.feature_extraction import FeatureHasher

    hasher = FeatureHasher(n_features=n_features, input_type="string", alternate_sign=False)
    return hasher.transform(gram_lists).tocsr()


def _weigh(X: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    X = X.astype(np.float32)
    X.data = np.log1p(X.data)
    X = X.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms).dot(X).tocsr()


@dataclass(frozen=True, eq=False)
class NgramModel:
    """A fitted hashed n-gram logistic model (one-vs-rest)."""

    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features) float32
    intercept: np.ndarray  # (n_classes,)
    idf: np.ndarray  # (n_features,) float32
    n_features: int = N_FEATURES

    def matrix(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Weighted rows from :func:`hash_grams` counts."""
        return _weigh(counts, self.idf)

    def proba(self, X: sp.csr_matrix) -> np.ndarray:
        """Class probabilities (columns in ``classes`` order), as scikit-learn's OvR SGD gives them."""
        z = np.asarray(X @ self.coef.T) + self.intercept
        p = 1.0 / (1.0 + np.exp(-z))
        s = p.sum(axis=1, keepdims=True)
        s[s == 0] = 1.0
        return p / s

    def contributions(self, grams_: list[str], label: str) -> np.ndarray:
        """Per-n-gram weight towards ``label`` (before length normalisation)."""
        from sklearn.utils import murmurhash3_32

        k = self.classes.index(label)
        idx = np.fromiter(
            (abs(murmurhash3_32(g, seed=0)) % self.n_features for g in grams_),
            dtype=np.int64,
            count=len(grams_),
        )
        return self.coef[k, idx] * self.idf[idx]

    def save(self, path: Path) -> Path:
        header = json.dumps(
            {"format": FORMAT_NAME, "version": FORMAT_VERSION, "classes": list(self.classes)}
        )
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
            )
        return path

    @classmethod
    def load(cls, path: Path) -> NgramModel:
        try:
            with np.load(path, allow_pickle=False) as z:
                header = json.loads(bytes(z["header"]).decode())
                if header.get("format") != FORMAT_NAME:
                    raise ModelError(f"{path} is not a spundetect n-gram model")
                if header.get("version") != FORMAT_VERSION:
                    raise ModelError(
                        f"{path} is n-gram format version {header.get('version')}, this spundetect "
                        f"reads version {FORMAT_VERSION}; retrain the model"
                    )
                n = int(z["n_features"][0])
                classes = tuple(header["classes"])
                coef = sp.csr_matrix(
                    (z["coef_data"], z["coef_indices"], z["coef_indptr"]), shape=(len(classes), n)
                ).toarray()
                return cls(classes, coef.astype(np.float32), z["intercept"], z["idf"], n)
        except ModelError:
            raise
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
            raise ModelError(f"{path}: corrupt or unreadable n-gram model ({exc})") from exc


def fit_ngram(
    counts: sp.csr_matrix,
    y: Sequence[str],
    *,
    alpha: float = 5e-6,
    random_state: int = 0,
) -> NgramModel:
    """Fit the n-gram model on hashed counts (:func:`hash_grams` of :func:`grams`)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDClassifier

    n_features = counts.shape[1]
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
    return NgramModel(classes, coef, intercept, idf, n_features)


def oof_proba(
    counts: sp.csr_matrix,
    y: Sequence[str],
    groups: Sequence[str] | None,
    labels: Sequence[str],
    *,
    n_splits: int = 4,
    random_state: int = 0,
) -> np.ndarray:
    """Out-of-fold probabilities (columns in ``labels`` order), group-aware.

    The final classifier must learn from n-gram probabilities on texts the
    n-gram model did not see, or it would trust them far too much.
    """
    from sklearn.model_selection import GroupKFold

    y = np.asarray(y)
    g = np.asarray(groups) if groups is not None else np.arange(len(y))
    n_splits = max(2, min(n_splits, len(set(g.tolist()))))
    out = np.full((len(y), len(labels)), 1.0 / len(labels))
    for tr, te in GroupKFold(n_splits=n_splits).split(np.zeros(len(y)), y, g):
        if len(set(y[tr].tolist())) < 2:
            continue
        m = fit_ngram(counts[tr], y[tr], random_state=random_state)
        p = m.proba(m.matrix(counts[te]))
        for j, lab in enumerate(labels):
            if lab in m.classes:
                out[te, j] = p[:, m.classes.index(lab)]
            else:
                out[te, j] = 0.0
    return out
