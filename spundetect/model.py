"""Estimators, calibration, and the model directory (save / safe load / model card).

A model directory holds:

* ``classifier.skops``: the fitted :class:`SpunClassifier`, in skops' format, so
  loading never runs pickled code: only an allow-list of scikit-learn types is
  accepted unless the caller passes ``trust=True``;
* ``classifier.npz``: the same classifier compiled to plain arrays
  (:mod:`spundetect.compiled`), which scoring loads without scikit-learn; written
  whenever the classifier has a compiled form;
* ``reference.*``: the reference language model the phrasing features query
  (its own versioned format, see :mod:`spundetect.lm`);
* ``card.json``: the model card: format version, package and scikit-learn
  versions, ordered feature names, labels, training-data summary and hash,
  metrics, and the SHA-256 of every file, checked on load.

This module imports scikit-learn; the card constants and helpers live in the
scikit-learn-free :mod:`spundetect.card` (re-exported here) so that loading a
model for scoring never imports this module.
"""

from __future__ import annotations

import json
import numbers
import platform
import warnings
import zipfile
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

from .card import (
    CARD_NAME,
    CLASSIFIER_NAME,
    COMPILED_NAME,
    MODEL_FORMAT,
    MODEL_FORMAT_VERSION,
    read_card,
    sha256_file,
)
from .compiled import NotCompilable, compile_classifier
from .errors import ModelError, UntrustedModelError
from .features import extract, feature_names
from .status import checked_texts

__all__ = [
    "CARD_NAME",
    "CLASSIFIER_NAME",
    "COMPILED_NAME",
    "MODEL_FORMAT",
    "MODEL_FORMAT_VERSION",
    "FeatureTransformer",
    "SpunClassifier",
    "load_classifier",
    "read_card",
    "save_classifier",
    "sha256_file",
]

# Types a spundetect classifier file may contain beyond skops' own default
# trusted set. Anything else in a file means it was not written by spundetect.
# skops' default set depends on the installed scikit-learn, so the list names what any
# supported version writes: the compiled losses inside a boosting model's loss (which
# scikit-learn 1.7 does not trust by default, 1.9 does), and the Bunch a soft-voting
# ensemble keeps its members in (``kind="ensemble"``).
SAFE_TYPES: tuple[str, ...] = (
    "spundetect.model.SpunClassifier",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss._loss.CyHalfMultinomialLoss",
    "sklearn._loss._loss.CyHalfBinomialLoss",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.Interval",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.utils._bunch.Bunch",
    "collections.OrderedDict",
    "numpy.dtype",
    "builtins.slice",
)


# The scikit-learn types a spundetect classifier file holds, with every supported
# scikit-learn (1.7 names the compiled loss's module "_loss"): skops trusts every
# scikit-learn estimator by default, so a file holding any other (an SVC put in its place)
# loaded without a trust choice. Found by saving each kind and calibration (sigmoid,
# isotonic, none) with scikit-learn 1.7.2 and 1.9.1, and reading the shipped model's file.
WRITTEN_TYPES: frozenset[str] = frozenset(
    {
        *SAFE_TYPES,
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
        "sklearn.ensemble._voting.VotingClassifier",
        "sklearn.frozen._frozen.FrozenEstimator",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.pipeline.Pipeline",
        "sklearn.preprocessing._data.StandardScaler",
        "sklearn.preprocessing._label.LabelEncoder",
        "_loss.CyHalfMultinomialLoss",
        "_loss.CyHalfBinomialLoss",
    }
)
# modules whose types skops' own loader judges (arrays, numbers, containers)
_PLAIN_MODULES = ("builtins", "numpy")


def _foreign_types(path: Path) -> list[str]:
    """The types in a skops file that no spundetect classifier holds (read from its schema,
    before anything is loaded); [] when the file is not a readable skops archive (the loader
    then says what is wrong)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            schema = json.loads(archive.read("schema.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return []
    found: set[str] = set()
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            cls, module = node.get("__class__"), node.get("__module__")
            if isinstance(cls, str) and isinstance(module, str):
                name = f"{module}.{cls}"
                if name not in WRITTEN_TYPES and module.split(".")[0] not in _PLAIN_MODULES:
                    found.add(name)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return sorted(found)


# scikit-learn up to 1.8 names the module of its compiled losses "_loss", 1.9 on
# "sklearn._loss._loss" (checked with 1.6.0, 1.7.2, 1.8.0, 1.9.0, 1.9.1); skops writes the name it
# is given, and 1.9 cannot import "_loss", so a boosting model saved with scikit-learn 1.6 to 1.8
# did not load on 1.9 even trusted. The names are the same classes: such a file is read with
# them renamed.
_COMPILED_LOSS_MODULES = ("_loss", "sklearn._loss._loss")


def _with_this_sklearns_loss_names(path: Path) -> bytes | None:
    """The skops file at ``path`` with its compiled losses' module renamed to the one this
    scikit-learn uses, or None when nothing needs renaming (or the file is not a readable
    skops archive: the loader then says what is wrong)."""
    import io

    try:
        from sklearn._loss._loss import CyHalfMultinomialLoss
    except ImportError:  # a scikit-learn that keeps it elsewhere: leave the file as written
        return None
    here = CyHalfMultinomialLoss.__module__
    if here not in _COMPILED_LOSS_MODULES:
        return None  # a scikit-learn that names it otherwise: leave the file as written
    other = _COMPILED_LOSS_MODULES[1 - _COMPILED_LOSS_MODULES.index(here)]
    try:
        with zipfile.ZipFile(path) as archive:
            schema = json.loads(archive.read("schema.json"))
            renamed = 0
            stack: list[Any] = [schema]
            while stack:
                node = stack.pop()
                if isinstance(node, dict):
                    cls = node.get("__class__")
                    if (
                        node.get("__module__") == other
                        and isinstance(cls, str)
                        and f"{here}.{cls}" in WRITTEN_TYPES
                    ):
                        node["__module__"] = here
                        renamed += 1
                    stack.extend(node.values())
                elif isinstance(node, list):
                    stack.extend(node)
            if not renamed:
                return None
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as copy:
                for info in archive.infolist():
                    data = archive.read(info)
                    if info.filename == "schema.json":
                        data = json.dumps(schema).encode()
                    copy.writestr(info, data)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    return out.getvalue()


class FeatureTransformer(TransformerMixin, BaseEstimator):
    """Texts in, named feature matrix out: spundetect's features as a scikit-learn step.

    Parameters
    ----------
    families : list of str, str or None
        Feature families to compute (``None``: all registered; one name, or names joined by
        commas, as a str). ``fit`` checks them and ``transform`` computes those fitted.
    reference : ReferenceModel or None
        The reference language model phrasing features query; ``None`` loads
        the shipped default lazily on first ``transform``.
    """

    def __init__(self, families: Sequence[str] | None = None, reference: Any = None) -> None:
        self.families = families
        self.reference = reference

    def fit(self, X: Iterable[str], y: Any = None) -> FeatureTransformer:
        families = self.families
        if isinstance(families, str):  # "lexical" is one family, not seven one-letter ones
            families = [f.strip() for f in families.split(",") if f.strip()]
        self.families_ = None if families is None else tuple(families)
        self.feature_names_out_ = np.asarray(feature_names(self.families_), dtype=object)
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
        # the families fitted, not the parameter as it is now (set_params without a refit
        # gave columns that get_feature_names_out did not name)
        rows = [extract(ref.read(t), ref, self.families_) for t in checked_texts(X)]
        if not rows:
            return np.zeros((0, self.n_features_out_))
        return np.vstack(rows)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()


_THREADED_ROWS = 5000  # fewer training rows than this: the trees grow on one thread


def check_validation_fraction(value: Any) -> None:
    """:class:`ValueError` unless ``value`` is a share from 0 to below 1 (-0.1 was taken, 1.0
    was scikit-learn's message, 0.99 of 86 texts its "the resulting train set will be
    empty"); a numpy number is one."""
    if isinstance(value, bool) or not (isinstance(value, numbers.Real) and 0 <= float(value) < 1):
        raise ValueError(f"validation_fraction must be a share from 0 to below 1, got {value!r}")


#: How many group-aware validation draws ``SpunClassifier.fit`` tries for one that can
#: calibrate (5 texts of every label in it, 2 left to train on).
SPLIT_TRIES = 20


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
    max_features : float
        Share of the features each tree split may choose from (gradient-boosted
        trees only). Below 1, a few dominant features (the n-gram model's
        probabilities) cannot crowd out the rest, so the trees also learn the
        signals that carry over to text unlike the training data.
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
        max_features: float = 1.0,
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
        self.max_features = max_features
        self.C = C
        self.random_state = random_state

    def _make_base(self, n_rows: int) -> BaseEstimator:
        hgb = HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            l2_regularization=self.l2_regularization,
            max_features=self.max_features,
            # scikit-learn's 20 a leaf, but a tenth of the rows under 200: with its 20, a tree
            # cannot split fewer than 40 rows and a small training set gave a constant model
            min_samples_leaf=min(20, max(1, n_rows // 10)),
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
        # annotated: numpy's stubs type arange and flatnonzero apart in some versions
        tr: np.ndarray = np.arange(len(y))
        va: np.ndarray = np.arange(0)
        if calibration_mask is not None:
            mask = np.asarray(calibration_mask, dtype=bool)
            tr, va = np.flatnonzero(~mask), np.flatnonzero(mask)
        elif self.calibration:
            check_validation_fraction(self.validation_fraction)
            if self.validation_fraction > 0:
                # the first of up to SPLIT_TRIES group-aware draws whose validation share holds 5
                # texts of every label (the first draw is the one a single draw was): one draw
                # left 25 texts a label uncalibrated for 183 of 200 seeds, 40 for 22
                split = GroupShuffleSplit(
                    n_splits=SPLIT_TRIES,
                    test_size=self.validation_fraction,
                    random_state=self.random_state,
                )
                try:
                    for tr_c, va_c in split.split(X, y, groups):
                        counts_va = {c: int(np.sum(y[va_c] == c)) for c in self.classes_}
                        counts_tr = {c: int(np.sum(y[tr_c] == c)) for c in self.classes_}
                        if min(counts_va.values()) >= 5 and min(counts_tr.values()) >= 2:
                            tr, va = tr_c, va_c
                            break
                except ValueError:  # a share that leaves no group to train on (0.99 of 86 texts)
                    pass  # uncalibrated, as when no draw holds enough: the caller says so
        if not self.calibration:
            tr, va = np.arange(len(y)), np.arange(0)
        # On a small set, OpenMP's threads cost more than they share: every tree split is a
        # parallel region, and beside another busy process on two cores a 108-text training
        # once took 148 s (2 s on a quiet machine; thirty-ninth session)
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1 if len(tr) < _THREADED_ROWS else None, user_api="openmp"):
            self.estimator_ = self._make_base(len(tr)).fit(X[tr], y[tr])
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


def save_classifier(clf: SpunClassifier, directory: Path) -> dict[str, Path]:
    """Write ``classifier.skops`` and, when the classifier compiles, ``classifier.npz``.

    Returns the written files by card role (``"classifier"``, ``"compiled"``).
    The skops file stays the full scikit-learn object (for retraining and
    inspection); the compiled file is what :meth:`Detector.load` scores with,
    and records the SHA-256 of the skops file it was compiled from. A
    classifier without a compiled form (e.g. isotonic calibration) gets a
    warning and only the skops file; a stale ``classifier.npz`` is removed.
    """
    import skops.io as sio

    path = directory / CLASSIFIER_NAME
    # deflated: the trees' arrays shrink about fivefold (11.8 MB -> 2.5 MB for the default)
    sio.dump(clf, path, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    written = {"classifier": path}
    compiled_path = directory / COMPILED_NAME
    try:
        compiled = compile_classifier(clf, source_sha256=sha256_file(path))
    except NotCompilable as exc:
        warnings.warn(
            f"the classifier has no compiled form ({exc}); loading it will need scikit-learn",
            RuntimeWarning,
            stacklevel=2,
        )
        compiled_path.unlink(missing_ok=True)
    else:
        written["compiled"] = compiled.save(compiled_path)
    return written


def load_classifier(path: Path, *, trust: bool = False) -> SpunClassifier:
    """Load a classifier file without running pickled code, unless ``trust`` is given.

    ``.skops`` files are opened with skops' safe loader; any type outside
    :data:`WRITTEN_TYPES` (read from the file's schema first, since skops itself trusts
    every scikit-learn estimator) stops with :class:`UntrustedModelError` unless
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

        foreign = _foreign_types(path)
        if foreign and not trust:
            raise UntrustedModelError(
                f"{path} contains types spundetect does not write ({', '.join(foreign[:5])}). "
                "Pass trust=True (CLI: --trust-model) only if you trust its author."
            )
        renamed = _with_this_sklearns_loss_names(path)
        source: dict[str, Any] = {"file": path} if renamed is None else {"data": renamed}

        def read(trusted: list[str]) -> Any:
            if renamed is None:
                return sio.load(path, trusted=trusted)
            return sio.loads(renamed, trusted=trusted)

        try:
            # one pass: skops refuses any type outside the allow-list while loading
            clf = read(list(SAFE_TYPES))
        except UntrustedTypesFoundException as exc:
            if not trust:
                raise UntrustedModelError(
                    f"{path} contains types spundetect does not write ({exc}). "
                    "Pass trust=True (CLI: --trust-model) only if you trust its author."
                ) from None
            try:
                clf = read(sio.get_untrusted_types(**source))
            except Exception as exc2:
                raise ModelError(f"{path}: could not load the classifier ({exc2})") from exc2
        except Exception as exc:  # corrupt zip, wrong format
            raise ModelError(f"{path}: not a readable skops model file ({exc})") from exc
    if not hasattr(clf, "predict_proba"):
        raise ModelError(f"{path} does not hold a classifier")
    return clf


def environment() -> dict[str, str]:
    from . import __version__

    return {
        "spundetect": __version__,
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
    }
