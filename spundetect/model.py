"""Estimators, calibration, and the model directory (save / safe load / model card).

A model directory holds three files:

* ``classifier.skops``: the fitted :class:`SpunClassifier`, in skops' format, so
  loading never runs pickled code: only an allow-list of scikit-learn types is
  accepted unless the caller passes ``trust=True``;
* ``reference.*``: the reference language model the phrasing features query
  (its own versioned format, see :mod:`spundetect.lm`);
* ``card.json``: the model card: format version, package and scikit-learn
  versions, ordered feature names, labels, training-data summary and hash,
  metrics, and the SHA-256 of both files, checked on load.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupShuffleSplit
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.multiclass import unique_labels
from sklearn.utils.validation import check_is_fitted, validate_data

from .errors import ModelError, UntrustedModelError
from .features import extract, feature_names
from .text import tokenize

__all__ = [
    "CARD_NAME",
    "MODEL_FORMAT",
    "MODEL_FORMAT_VERSION",
    "FeatureTransformer",
    "SpunClassifier",
    "load_classifier",
    "read_card",
    "save_classifier",
    "sha256_file",
]

MODEL_FORMAT = "spundetect-model"
#: Bump when the directory layout or card schema changes incompatibly.
MODEL_FORMAT_VERSION = 1
CARD_NAME = "card.json"
CLASSIFIER_NAME = "classifier.skops"

# Types a spundetect classifier file may contain beyond skops' own default
# trusted set. Anything else in a file means it was not written by spundetect.
SAFE_TYPES: tuple[str, ...] = (
    "spundetect.model.SpunClassifier",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.link.Interval",
    "sklearn.isotonic.IsotonicRegression",
    "collections.OrderedDict",
    "numpy.dtype",
    "builtins.slice",
)


class FeatureTransformer(TransformerMixin, BaseEstimator):
    """Texts in, named feature matrix out: spundetect's features as a scikit-learn step.

    Parameters
    ----------
    families : list of str or None
        Feature families to compute (``None``: all registered).
    reference : ReferenceModel or None
        The reference language model phrasing features query; ``None`` loads
        the shipped default lazily on first ``transform``.
    """

    def __init__(self, families: Sequence[str] | None = None, reference: Any = None) -> None:
        self.families = families
        self.reference = reference

    def fit(self, X: Iterable[str], y: Any = None) -> FeatureTransformer:
        self.feature_names_out_ = np.asarray(feature_names(self.families), dtype=object)
        self.n_features_out_ = len(self.feature_names_out_)
        return self

    def _reference(self) -> Any:
        if self.reference is not None:
            return self.reference
        from .detector import default_reference

        return default_reference()

    def transform(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "feature_names_out_")
        ref = self._reference()
        rows = [extract(tokenize(t), ref, self.families) for t in X]
        if not rows:
            return np.zeros((0, self.n_features_out_))
        return np.vstack(rows)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()


class SpunClassifier(ClassifierMixin, BaseEstimator):
    """A classifier over spundetect's features whose probabilities are calibrated.

    ``fit`` holds out a group-aware validation share (``validation_fraction``;
    pass ``groups`` so an original and its rewrites never straddle the split),
    fits the base model on the rest and calibrates its probabilities on the
    held-out share (sigmoid, one-vs-rest). With too little data to hold out
    every class, it skips calibration (``calibrated_`` is False).

    Parameters
    ----------
    kind : {"hgb", "logreg", "ensemble"}
        Gradient-boosted trees, a linear model on standardised features, or the
        average of both (trees catch interactions; the linear model extrapolates
        more gently to unfamiliar text).
    """

    def __init__(
        self,
        kind: str = "hgb",
        calibration: str = "sigmoid",
        validation_fraction: float = 0.2,
        max_iter: int = 300,
        learning_rate: float = 0.08,
        max_leaf_nodes: int = 31,
        l2_regularization: float = 1.0,
        C: float = 1.0,
        random_state: int | None = 0,
    ) -> None:
        self.kind = kind
        self.calibration = calibration
        self.validation_fraction = validation_fraction
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.l2_regularization = l2_regularization
        self.C = C
        self.random_state = random_state

    def _make_base(self) -> BaseEstimator:
        hgb = HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            l2_regularization=self.l2_regularization,
            early_stopping=False,
            random_state=self.random_state,
        )
        lin = Pipeline(
            [("scale", StandardScaler()), ("clf", LogisticRegression(C=self.C, max_iter=2000))]
        )
        if self.kind == "hgb":
            return hgb
        if self.kind == "logreg":
            return lin
        if self.kind == "ensemble":
            from sklearn.ensemble import VotingClassifier

            return VotingClassifier([("hgb", hgb), ("lin", lin)], voting="soft")
        raise ValueError(f"kind must be 'hgb', 'logreg' or 'ensemble', got {self.kind!r}")

    def fit(
        self, X: Any, y: Any, groups: Any = None, calibration_mask: Any = None
    ) -> SpunClassifier:
        """Fit on ``X, y``; ``calibration_mask`` (bool per row) names the rows that
        calibrate instead of a random group-aware ``validation_fraction``."""
        X, y = validate_data(self, X, y)
        if len(y) < 2:
            raise ValueError(f"n_samples={len(y)}: need at least 2 samples to train")
        self.classes_ = unique_labels(y)
        if len(self.classes_) < 2:
            raise ValueError(
                f"need samples of at least 2 classes, got 1 class ({self.classes_[0]!r})"
            )
        y = np.asarray(y)
        groups = np.arange(len(y)) if groups is None else np.asarray(groups)
        tr, va = np.arange(len(y)), np.arange(0)
        if calibration_mask is not None:
            mask = np.asarray(calibration_mask, dtype=bool)
            tr, va = np.flatnonzero(~mask), np.flatnonzero(mask)
        elif self.calibration and self.validation_fraction > 0:
            split = GroupShuffleSplit(
                n_splits=1, test_size=self.validation_fraction, random_state=self.random_state
            )
            tr_c, va_c = next(split.split(X, y, groups))
            counts_va = {c: int(np.sum(y[va_c] == c)) for c in self.classes_}
            counts_tr = {c: int(np.sum(y[tr_c] == c)) for c in self.classes_}
            if min(counts_va.values()) >= 5 and min(counts_tr.values()) >= 2:
                tr, va = tr_c, va_c
        if not self.calibration:
            tr, va = np.arange(len(y)), np.arange(0)
        self.estimator_ = self._make_base().fit(X[tr], y[tr])
        self.calibrated_ = len(va) > 0
        if self.calibrated_:
            cal = CalibratedClassifierCV(FrozenEstimator(self.estimator_), method=self.calibration)
            self.estimator_ = cal.fit(X[va], y[va])
        self.validation_indices_ = va
        base = self.estimator_
        self.n_iter_ = int(np.max(getattr(base, "n_iter_", self.max_iter)))
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "estimator_")
        X = validate_data(self, X, reset=False)
        proba = self.estimator_.predict_proba(X)
        order = [list(self.estimator_.classes_).index(c) for c in self.classes_]
        return proba[:, order]

    def predict(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "estimator_")
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def save_classifier(clf: SpunClassifier, directory: Path) -> Path:
    import skops.io as sio

    path = directory / CLASSIFIER_NAME
    sio.dump(clf, path)
    return path


def load_classifier(path: Path, *, trust: bool = False) -> SpunClassifier:
    """Load a classifier file without running pickled code, unless ``trust`` is given.

    ``.skops`` files are opened with skops' safe loader; any type outside
    :data:`SAFE_TYPES` stops with :class:`UntrustedModelError` unless
    ``trust=True``. Pickle/joblib files always need ``trust=True``.
    """
    import skops.io as sio

    if path.suffix in {".joblib", ".pkl", ".pickle"}:
        if not trust:
            raise UntrustedModelError(
                f"{path} is a pickle file: loading it runs arbitrary code. "
                "Pass trust=True (CLI: --trust-model) only if you trust its author."
            )
        import joblib

        clf = joblib.load(path)
    else:
        from skops.io.exceptions import UntrustedTypesFoundException

        try:
            # one pass: skops refuses any type outside the allow-list while loading
            clf = sio.load(path, trusted=list(SAFE_TYPES))
        except UntrustedTypesFoundException as exc:
            if not trust:
                raise UntrustedModelError(
                    f"{path} contains types spundetect does not write ({exc}). "
                    "Pass trust=True (CLI: --trust-model) only if you trust its author."
                ) from None
            try:
                clf = sio.load(path, trusted=sio.get_untrusted_types(file=path))
            except Exception as exc2:
                raise ModelError(f"{path}: could not load the classifier ({exc2})") from exc2
        except Exception as exc:  # corrupt zip, wrong format
            raise ModelError(f"{path}: not a readable skops model file ({exc})") from exc
    if not hasattr(clf, "predict_proba"):
        raise ModelError(f"{path} does not hold a classifier")
    return clf


def read_card(directory: Path) -> dict[str, Any]:
    path = directory / CARD_NAME
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(
            f"{directory} is not a spundetect model directory (no {CARD_NAME})"
        ) from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable model card ({exc})") from exc
    if card.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path}: not a spundetect model card")
    if card.get("format_version") != MODEL_FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format version {card.get('format_version')}, this spundetect reads "
            f"version {MODEL_FORMAT_VERSION}; retrain the model or install a matching spundetect"
        )
    return card


def environment() -> dict[str, str]:
    from . import __version__

    return {
        "spundetect": __version__,
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
    }
