"""A fitted :class:`~spundetect.model.SpunClassifier` as plain arrays, scored with numpy alone.

Why: rebuilding the classifier from its skops file means importing scikit-learn
(~1.5 s) and re-creating ~900 tree objects (~1 s) before the first text is
scored. The compiled form is what the trees and calibrators compute, exported as
arrays: loading it is reading one small ``.npz`` file, it never imports
scikit-learn, SciPy or skops, and, being data read with ``allow_pickle=False``,
it cannot run code.

What it reproduces (scikit-learn 1.4+ semantics, checked against the fitted
object when compiling, see :func:`compile_classifier`):

* ``HistGradientBoostingClassifier``: the baseline plus the leaf values of every
  tree, one tree per class and iteration (one per iteration when binary), each
  tree walked on the raw feature values: ``x <= threshold`` goes left, NaN goes
  where the split's ``missing_go_to_left`` says; softmax (or the logistic
  function when binary) for probabilities. Categorical splits are refused;
* ``StandardScaler`` + ``LogisticRegression``: ``(x - mean) / scale`` times the
  coefficients plus the intercept, softmax (logistic when binary);
* soft ``VotingClassifier`` without weights (``kind="ensemble"``): the mean of
  the members' probabilities;
* ``CalibratedClassifierCV`` on a ``FrozenEstimator`` with ``method="sigmoid"``:
  per class ``1 / (1 + exp(a * f + b))`` of the base model's decision function
  (its probabilities when it has none), then normalised to sum 1 (binary: the
  negative class is one minus the positive one), as ``_CalibratedClassifier`` does.

Anything else (isotonic calibration, categorical features, ...) raises
:class:`NotCompilable`; such a model keeps only its skops file and loads the
slow way.

File format: ``numpy.savez`` (read with ``allow_pickle=False``) with a JSON
``header`` naming :data:`FORMAT_NAME` and :data:`FORMAT_VERSION`, checked on
load. ``python -m spundetect.compiled MODEL_DIR`` adds the file to an existing
model directory.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .card import (
    CARD_NAME,
    COMPILED_NAME,
    check_unpacked_size,
    read_card,
    sha256_file,
    verified_file,
)
from .errors import ModelError

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "CompiledClassifier",
    "NotCompilable",
    "add_compiled",
    "compile_classifier",
    "load",
]

FORMAT_NAME = "spundetect-compiled-classifier"
#: The one place the version lives: bump on any change of the arrays or of their meaning.
FORMAT_VERSION = 1

# (tree, row) pairs walked at once: bounds the memory of a large batch (~10 MB of work arrays)
_CHUNK_PAIRS = 1 << 17
# maximum |compiled - scikit-learn| tolerated by the check when compiling
_TOLERANCE = 1e-9


class NotCompilable(ValueError):
    """The classifier uses something the compiled form does not implement; keep the skops file."""


# ---------------------------------------------------------------- arithmetic shared with sklearn
def _expit(x: np.ndarray) -> np.ndarray:
    """scipy.special.expit's formula (equal to the last bit or two: numpy's exp rounds
    differently from the C library's); exp overflowing to inf gives exactly 0."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def _softmax(x: np.ndarray) -> np.ndarray:
    """sklearn.utils.extmath.softmax, the same operations in the same order."""
    x = x - x.max(axis=1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=1, keepdims=True)
    return x


def _proba_from_decision(d: np.ndarray) -> np.ndarray:
    """Probabilities from raw scores: logistic when binary (one column), else softmax."""
    if d.shape[1] == 1:
        p = _expit(d[:, 0])
        return np.stack([1 - p, p], axis=1)
    return _softmax(d)


# ---------------------------------------------------------------- members
class _Trees:
    """A HistGradientBoostingClassifier's trees, flattened into arrays and walked level by level."""

    kind = "hgb"
    keys = (
        "feature",
        "threshold",
        "missing_left",
        "left",
        "right",
        "is_leaf",
        "value",
        "tree_offsets",
        "baseline",
    )

    def __init__(self, arrays: dict[str, np.ndarray], n_features: int) -> None:
        a = {k: np.asarray(arrays[k]) for k in self.keys}
        self.arrays = a
        offsets = a["tree_offsets"].astype(np.intp)
        baseline = a["baseline"].astype(np.float64).ravel()
        n_nodes = len(a["value"])
        k = len(baseline)
        sizes = np.diff(offsets)
        if (
            offsets.ndim != 1
            or len(offsets) < 2
            or offsets[0] != 0
            or offsets[-1] != n_nodes
            or (sizes < 1).any()
            or k < 1
            or (len(offsets) - 1) % k
            or any(len(a[key]) != n_nodes for key in self.keys[:7])
        ):
            raise ModelError("inconsistent tree arrays")
        is_leaf = a["is_leaf"].astype(bool)
        tree_of = np.repeat(np.arange(len(sizes)), sizes)
        start = offsets[:-1][tree_of]
        size = sizes[tree_of]
        feature = a["feature"].astype(np.intp)
        left = a["left"].astype(np.intp)
        right = a["right"].astype(np.intp)
        inner = ~is_leaf
        if (
            ((feature[inner] < 0) | (feature[inner] >= n_features)).any()
            or ((left[inner] < 1) | (left[inner] >= size[inner])).any()
            or ((right[inner] < 1) | (right[inner] >= size[inner])).any()
        ):
            raise ModelError("tree arrays point outside their tree or feature range")
        node = np.arange(n_nodes, dtype=np.intp)
        # global child indices; a leaf is its own child, so extra steps stay on the leaf
        left = np.where(inner, left + start, node)
        right = np.where(inner, right + start, node)
        feature = np.where(inner, feature, 0)
        depth = self._tree_depths(offsets[:-1], left, right, is_leaf, n_nodes)
        # deepest trees first: after step d only the first (depth > d) trees still move
        perm = np.argsort(-depth, kind="stable")
        self.n_classes_raw = k
        self.n_trees = len(sizes)
        self._perm_inverse = np.argsort(perm)
        self._roots = offsets[:-1][perm]
        self._active = [int((depth > d).sum()) for d in range(int(depth.max()))]
        self._feature = feature
        self._threshold = a["threshold"].astype(np.float64)
        self._missing_left = a["missing_left"].astype(bool)
        # children[2 * node + went_left]: one gather instead of two and a select
        self._children = np.stack([right, left], axis=1).ravel()
        self._value = a["value"].astype(np.float64)
        self._baseline = baseline

    @staticmethod
    def _tree_depths(
        roots: np.ndarray, left: np.ndarray, right: np.ndarray, is_leaf: np.ndarray, n_nodes: int
    ) -> np.ndarray:
        """Each tree's depth, walking all trees' frontiers at once; refuses cycles."""
        depth = np.zeros(len(roots), dtype=np.intp)
        frontier, owner = roots, np.arange(len(roots))
        step = 0
        while True:
            keep = ~is_leaf[frontier]
            frontier, owner = frontier[keep], owner[keep]
            if not len(frontier):
                return depth
            step += 1
            if len(frontier) > n_nodes or step > n_nodes:
                raise ModelError("tree arrays do not form trees")
            depth[owner] = step
            frontier = np.concatenate([left[frontier], right[frontier]])
            owner = np.concatenate([owner, owner])

    @classmethod
    def from_sklearn(cls, hgb: Any, n_features: int) -> _Trees:
        loss = type(getattr(hgb, "_loss", None)).__name__
        if loss not in ("HalfBinomialLoss", "HalfMultinomialLoss"):
            raise NotCompilable(f"gradient boosting with loss {loss} is not supported")
        if (
            getattr(hgb, "is_categorical_", None) is not None
            or getattr(hgb, "_preprocessor", None) is not None
        ):
            raise NotCompilable("categorical features are not supported by the compiled form")
        trees = [p for iteration in hgb._predictors for p in iteration]
        for p in trees:
            if p.nodes["is_categorical"].any() or np.size(p.raw_left_cat_bitsets):
                raise NotCompilable("categorical splits are not supported by the compiled form")
        nodes = np.concatenate([p.nodes for p in trees])
        sizes = [len(p.nodes) for p in trees]
        arrays: dict[str, np.ndarray] = {
            "feature": nodes["feature_idx"].astype(np.int32),
            "threshold": nodes["num_threshold"].astype(np.float64),
            "missing_left": nodes["missing_go_to_left"].astype(bool),
            "left": nodes["left"].astype(np.int32),
            "right": nodes["right"].astype(np.int32),
            "is_leaf": nodes["is_leaf"].astype(bool),
            "value": nodes["value"].astype(np.float64),
            "tree_offsets": np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
            "baseline": np.asarray(hgb._baseline_prediction, dtype=np.float64).ravel(),
        }
        if len(arrays["baseline"]) != hgb.n_trees_per_iteration_:
            raise NotCompilable("unexpected baseline shape")
        return cls(arrays, n_features)

    def decision(self, X: np.ndarray) -> np.ndarray:
        """Raw scores (decision_function), shape (n_samples, n_classes or 1)."""
        n, k = len(X), self.n_classes_raw
        out = np.empty((n, k))
        step = max(1, _CHUNK_PAIRS // self.n_trees)
        for lo in range(0, n, step):
            out[lo : lo + step] = self._decision_chunk(X[lo : lo + step])
        return out

    def _decision_chunk(self, X: np.ndarray) -> np.ndarray:
        m, n_features = X.shape
        flat = np.ascontiguousarray(X).ravel()
        # idx[t, r]: the node tree t (deepest first) has reached for row r
        row_base = np.arange(m, dtype=np.intp) * n_features
        idx = np.repeat(self._roots[:, None], m, axis=1)
        has_nan = bool(np.isnan(flat).any())
        for n_active in self._active:
            cur = idx[:n_active]
            x = flat[row_base + self._feature[cur]]
            go_left = x <= self._threshold[cur]
            if has_nan:
                go_left |= np.isnan(x) & self._missing_left[cur]
            idx[:n_active] = self._children[2 * cur + go_left]
        values = self._value[idx[self._perm_inverse]]  # back to scikit-learn's tree order
        k = self.n_classes_raw
        # baseline, then iteration after iteration: the order scikit-learn adds them in
        stack = np.empty((m, self.n_trees // k + 1, k))
        stack[:, 0] = self._baseline
        stack[:, 1:] = values.T.reshape(m, -1, k)
        return np.add.accumulate(stack, axis=1)[:, -1]

    def proba(self, X: np.ndarray) -> np.ndarray:
        return _proba_from_decision(self.decision(X))


class _Linear:
    """StandardScaler + LogisticRegression (either part optional) as arrays."""

    kind = "linear"
    keys = ("mean", "scale", "coef", "intercept")

    def __init__(self, arrays: dict[str, np.ndarray], n_features: int) -> None:
        a = {k: np.asarray(arrays[k], dtype=np.float64) for k in self.keys}
        if (
            a["coef"].ndim != 2
            or a["coef"].shape[1] != n_features
            or a["mean"].shape != (n_features,)
            or a["scale"].shape != (n_features,)
            or a["intercept"].shape != (a["coef"].shape[0],)
        ):
            raise ModelError("inconsistent linear model arrays")
        self.arrays = a

    @classmethod
    def from_sklearn(cls, est: Any, n_features: int) -> _Linear:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler

        steps = [s for _, s in est.steps] if isinstance(est, Pipeline) else [est]
        steps = [s for s in steps if s not in (None, "passthrough")]
        scaler = steps[0] if len(steps) == 2 else None
        lr = steps[-1]
        if not isinstance(lr, LogisticRegression) or (
            scaler is not None and type(scaler) is not StandardScaler
        ):
            raise NotCompilable(f"linear model {est!r} is not supported")
        if len(steps) > 2:
            raise NotCompilable(f"pipeline {est!r} is not supported")
        coef = np.asarray(lr.coef_, dtype=np.float64)
        mean = getattr(scaler, "mean_", None) if scaler is not None else None
        scale = getattr(scaler, "scale_", None) if scaler is not None else None
        if scaler is not None and not scaler.with_mean:
            mean = None
        if scaler is not None and not scaler.with_std:
            scale = None
        arrays = {
            # subtracting 0 and dividing by 1 leave every value as it was
            "mean": np.zeros(n_features) if mean is None else np.asarray(mean, np.float64),
            "scale": np.ones(n_features) if scale is None else np.asarray(scale, np.float64),
            "coef": coef,
            "intercept": np.broadcast_to(
                np.asarray(lr.intercept_, dtype=np.float64), (coef.shape[0],)
            ).copy(),
        }
        return cls(arrays, n_features)

    def decision(self, X: np.ndarray) -> np.ndarray:
        a = self.arrays
        Xs = X - a["mean"]
        Xs /= a["scale"]
        return Xs @ a["coef"].T + a["intercept"]

    def proba(self, X: np.ndarray) -> np.ndarray:
        return _proba_from_decision(self.decision(X))


_MEMBERS: dict[str, type[_Trees] | type[_Linear]] = {"hgb": _Trees, "linear": _Linear}


# ---------------------------------------------------------------- the classifier
class CompiledClassifier:
    """The scoring half of a fitted :class:`~spundetect.model.SpunClassifier`, numpy only.

    ``predict_proba`` validates its input as ``SpunClassifier.predict_proba``
    does (2-D, the trained number of features, finite values) and returns the
    same probabilities, columns in :attr:`classes_` order, to within 1e-9.
    Build one with :func:`compile_classifier`, or :func:`load` a saved file.
    """

    def __init__(self, header: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        try:
            self._init(header, arrays)
        except ModelError:
            raise
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
            raise ModelError(f"inconsistent compiled classifier ({exc!r})") from exc

    def _init(self, header: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        self.header = header
        self.n_features_in_ = int(header["n_features"])
        self.classes_ = np.asarray(arrays["classes"])
        self.source_sha256: str | None = header.get("source_sha256")
        self.members: list[_Trees | _Linear] = []
        for i, kind in enumerate(header["members"]):
            member_cls = _MEMBERS.get(kind)
            if member_cls is None:
                raise ModelError(f"unknown member kind {kind!r}")
            sub = {k: arrays[f"m{i}_{k}"] for k in member_cls.keys}
            self.members.append(member_cls(sub, self.n_features_in_))
        if not self.members:
            raise ModelError("no members")
        n_classes = len(self.classes_)
        self._order = np.asarray(header["column_order"], dtype=np.intp)
        if sorted(self._order.tolist()) != list(range(n_classes)) or n_classes < 2:
            raise ModelError("column order does not match the classes")
        self._cal = header.get("calibration")
        if self._cal is not None:
            if self._cal.get("method") != "sigmoid" or self._cal.get("response") not in (
                "decision",
                "proba",
            ):
                raise ModelError(f"unsupported calibration {self._cal!r}")
            self._cal_a = np.asarray(arrays["cal_a"], dtype=np.float64)
            self._cal_b = np.asarray(arrays["cal_b"], dtype=np.float64)
            self._cal_index = np.asarray(self._cal["class_index"], dtype=np.intp)
            n_cal = 1 if n_classes == 2 else n_classes
            if not (len(self._cal_a) == len(self._cal_b) == len(self._cal_index) == n_cal):
                raise ModelError("calibration arrays do not match the classes")
            if ((self._cal_index < 0) | (self._cal_index >= n_cal)).any():
                raise ModelError("calibration class index out of range")
        if len(self.members) > 1 and (self._cal or {}).get("response") == "decision":
            raise ModelError("an ensemble has no decision function to calibrate")

    # ------------------------------------------------------------ prediction
    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, columns in :attr:`classes_` order (as ``SpunClassifier``)."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"Expected a 2D feature matrix, got {X.ndim}D")
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but SpunClassifier is expecting "
                f"{self.n_features_in_} features as input."
            )
        if not np.isfinite(X).all():
            if np.isnan(X).any():
                raise ValueError("Input X contains NaN.")
            raise ValueError("Input X contains infinity or a value too large for dtype('float64').")
        return self.predict_proba_unchecked(X)

    def predict_proba_unchecked(self, X: np.ndarray) -> np.ndarray:
        """:meth:`predict_proba` without the finiteness check: NaN takes each split's
        missing-value branch and ±inf compares as a number, as in the inner estimators
        (``SpunClassifier.estimator_.predict_proba``)."""
        X = np.asarray(X, dtype=np.float64)
        if len(X) == 0:
            return np.zeros((0, len(self.classes_)))
        proba = self._calibrated(X) if self._cal is not None else self._base_proba(X)
        return proba[:, self._order]

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def _base_proba(self, X: np.ndarray) -> np.ndarray:
        if len(self.members) == 1:
            return self.members[0].proba(X)
        # VotingClassifier(voting="soft"): np.average of the members' probabilities
        return np.mean(np.asarray([m.proba(X) for m in self.members]), axis=0)

    def _calibrated(self, X: np.ndarray) -> np.ndarray:
        assert self._cal is not None  # only called for a calibrated model
        n_classes = len(self.classes_)
        if self._cal["response"] == "decision":
            pred = self.members[0].decision(X)
        else:
            pred = self._base_proba(X)
            if n_classes == 2:
                pred = pred[:, 1:]  # the positive class's column, as _process_predict_proba
        proba = np.zeros((len(X), n_classes))
        for j, (ci, a, b) in enumerate(zip(self._cal_index, self._cal_a, self._cal_b)):
            # _SigmoidCalibration.predict: expit(-(a * f + b))
            col = ci + 1 if n_classes == 2 else ci
            proba[:, col] = _expit(-(a * pred[:, j] + b))
        if n_classes == 2:
            proba[:, 0] = 1.0 - proba[:, 1]
        else:
            denominator = np.sum(proba, axis=1)[:, np.newaxis]
            uniform = np.full_like(proba, 1 / n_classes)
            proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba

    # ------------------------------------------------------------ persistence
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the ``.npz`` file (plain arrays and a JSON header; no pickle)."""
        path = Path(path)
        header = dict(self.header, format=FORMAT_NAME, version=FORMAT_VERSION)
        arrays: dict[str, np.ndarray] = {
            "header": np.frombuffer(json.dumps(header, sort_keys=True).encode(), dtype=np.uint8),
            "classes": self.classes_,
        }
        for i, m in enumerate(self.members):
            arrays.update({f"m{i}_{k}": v for k, v in m.arrays.items()})
        if self._cal is not None:
            arrays["cal_a"], arrays["cal_b"] = self._cal_a, self._cal_b
        with open(path, "wb") as f:
            np.savez(f, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds
        return path

    def __repr__(self) -> str:
        kinds = "+".join(m.kind for m in self.members)
        cal = "sigmoid-calibrated " if self._cal else ""
        return f"<CompiledClassifier {cal}{kinds}, {self.n_features_in_} features, classes {self.classes_.tolist()}>"


def load(path: str | os.PathLike[str]) -> CompiledClassifier:
    """Read a file written by :meth:`CompiledClassifier.save`; :class:`ModelError` when it
    is missing, corrupt, not a compiled classifier or another format version."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        if not path.is_file():
            raise ModelError(f"compiled classifier not found: {path}")
        raise ModelError(f"{path}: not a spundetect compiled classifier (not an .npz archive)")
    check_unpacked_size(path)
    try:
        with np.load(path, allow_pickle=False) as z:
            if "header" not in z.files:
                raise ModelError(f"{path} is not a spundetect compiled classifier (no header)")
            header = json.loads(bytes(z["header"]).decode("utf-8"))
            if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
                raise ModelError(f"{path} is not a spundetect compiled classifier")
            if header.get("version") != FORMAT_VERSION:
                raise ModelError(
                    f"{path} is compiled-classifier format version {header.get('version')}, this "
                    f"spundetect reads version {FORMAT_VERSION}; recompile it with "
                    "`python -m spundetect.compiled MODEL_DIR`"
                )
            arrays = {k: z[k] for k in z.files if k != "header"}
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError, UnicodeError) as exc:
        raise ModelError(f"{path}: corrupt or unreadable compiled classifier ({exc})") from exc
    try:
        return CompiledClassifier(header, arrays)
    except ModelError as exc:
        raise ModelError(f"{path}: {exc}") from None


# ---------------------------------------------------------------- compiling (needs scikit-learn)
def _classes_array(classes: Any) -> np.ndarray:
    arr = np.asarray(classes)
    if arr.dtype == object:
        if not all(isinstance(c, str) for c in arr):
            raise NotCompilable(f"class labels {arr.tolist()!r} are neither strings nor numbers")
        arr = arr.astype(str)
    if arr.dtype.kind not in "UiufbS":
        raise NotCompilable(f"class labels of dtype {arr.dtype} are not supported")
    return arr


def _member(est: Any, n_features: int) -> _Trees | _Linear:
    from sklearn.ensemble import HistGradientBoostingClassifier

    if isinstance(est, HistGradientBoostingClassifier):
        return _Trees.from_sklearn(est, n_features)
    return _Linear.from_sklearn(est, n_features)


def _members(est: Any, n_features: int) -> list[_Trees | _Linear]:
    from sklearn.ensemble import VotingClassifier

    if isinstance(est, VotingClassifier):
        if est.voting != "soft" or est.weights is not None:
            raise NotCompilable("only soft voting without weights is supported")
        return [_member(e, n_features) for e in est.estimators_]
    return [_member(est, n_features)]


def compile_classifier(clf: Any, *, source_sha256: str | None = None) -> CompiledClassifier:
    """The compiled form of a fitted :class:`~spundetect.model.SpunClassifier`.

    ``source_sha256`` records the classifier file it was compiled from, so a
    loader can tell a compiled file that belongs to another classifier. Checks
    the result against ``clf.predict_proba`` on probe rows built around the
    model's own split thresholds; raises :class:`NotCompilable` for a model it
    cannot reproduce.
    """
    import sklearn

    try:
        compiled = _compile(clf, source_sha256)
    except NotCompilable:
        raise
    except ModelError as exc:
        raise NotCompilable(str(exc)) from exc
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        # private scikit-learn attributes this code reads may change between versions
        raise NotCompilable(
            f"unexpected scikit-learn {sklearn.__version__} internals ({exc!r})"
        ) from exc
    probe = _probe_rows(compiled)
    diff = float(np.max(np.abs(compiled.predict_proba(probe) - clf.predict_proba(probe))))
    if not diff <= _TOLERANCE:
        raise NotCompilable(
            f"the compiled form differs from scikit-learn {sklearn.__version__} by {diff:.3g}"
        )
    return compiled


def _compile(clf: Any, source_sha256: str | None) -> CompiledClassifier:
    import sklearn
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.frozen import FrozenEstimator

    est = getattr(clf, "estimator_", None)
    if est is None or not hasattr(clf, "classes_"):
        raise NotCompilable(f"{type(clf).__name__} is not a fitted SpunClassifier")
    n_features = int(clf.n_features_in_)
    header: dict[str, Any] = {
        "n_features": n_features,
        "source_sha256": source_sha256,
        "scikit_learn": sklearn.__version__,
        "calibration": None,
    }
    arrays: dict[str, np.ndarray] = {"classes": _classes_array(clf.classes_)}
    base = est
    if isinstance(est, CalibratedClassifierCV):
        if len(est.calibrated_classifiers_) != 1:
            raise NotCompilable("calibration with several cross-validated classifiers")
        cc = est.calibrated_classifiers_[0]
        if cc.method != "sigmoid":
            raise NotCompilable(f"{cc.method} calibration is not supported (sigmoid only)")
        base = cc.estimator.estimator if isinstance(cc.estimator, FrozenEstimator) else cc.estimator
        # _CalibratedClassifier asks for decision_function first, then predict_proba
        response = "decision" if hasattr(cc.estimator, "decision_function") else "proba"
        # _CalibratedClassifier: LabelEncoder().fit(classes).transform(estimator.classes_)
        encoded = np.unique(np.asarray(cc.classes))
        class_index = [int(i) for i in np.searchsorted(encoded, cc.estimator.classes_)]
        if len(encoded) == 2:
            class_index = class_index[:1]  # one calibrator, for the positive class
        header["calibration"] = {
            "method": "sigmoid",
            "response": response,
            "class_index": class_index,
        }
        arrays["cal_a"] = np.asarray([c.a_ for c in cc.calibrators], dtype=np.float64)
        arrays["cal_b"] = np.asarray([c.b_ for c in cc.calibrators], dtype=np.float64)
    members = _members(base, n_features)
    header["members"] = [m.kind for m in members]
    for i, m in enumerate(members):
        arrays.update({f"m{i}_{k}": v for k, v in m.arrays.items()})
    est_classes = list(est.classes_)
    header["column_order"] = [est_classes.index(c) for c in clf.classes_]
    return CompiledClassifier(header, arrays)


def _probe_rows(compiled: CompiledClassifier, n: int = 256, seed: int = 0) -> np.ndarray:
    """Rows whose values sit on both sides of the model's split thresholds and around
    the scaler's means: a check of the compiled form that reaches many branches."""
    rng = np.random.default_rng(seed)
    f = compiled.n_features_in_
    X = rng.normal(size=(n, f))
    for m in compiled.members:
        if isinstance(m, _Trees):
            a = m.arrays
            inner = ~a["is_leaf"].astype(bool)
            feats, thr = a["feature"][inner], a["threshold"][inner]
            for j in range(f):
                t = thr[feats == j]
                t = t[np.isfinite(t)]
                if len(t):
                    picks = rng.choice(t, n)
                    nudge = rng.choice([-1.0, 0.0, 1.0], n) * 1e-7 * np.maximum(1.0, np.abs(picks))
                    X[:, j] = np.where(rng.random(n) < 0.8, picks + nudge, X[:, j])
        else:
            X = np.where(rng.random((n, f)) < 0.5, m.arrays["mean"] + m.arrays["scale"] * X, X)
    return X


def add_compiled(directory: str | os.PathLike[str], *, trust: bool = False) -> Path:
    """Compile the classifier of an existing model directory and list the file in its card.

    Checks the classifier file against the card's SHA-256 first; loads it with
    the same safe loader as :meth:`Detector.load` (``trust`` as there).
    """
    from .model import load_classifier

    directory = Path(directory)
    card = read_card(directory)
    files = card.get("files") or {}
    src = verified_file(directory, card, "classifier")
    if src is None:
        raise ModelError(f"{directory}: model card lists no classifier file")
    digest = sha256_file(src)
    clf = load_classifier(src, trust=trust)
    try:
        compiled = compile_classifier(clf, source_sha256=digest)
    except NotCompilable as exc:
        raise ModelError(f"{src}: cannot compile this classifier ({exc})") from exc
    out = compiled.save(directory / COMPILED_NAME)
    files["compiled"] = {"name": COMPILED_NAME, "sha256": sha256_file(out)}
    card["files"] = files
    (directory / CARD_NAME).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m spundetect.compiled MODEL_DIR [--trust]``: add classifier.npz to a model."""
    import argparse

    ap = argparse.ArgumentParser(
        prog="python -m spundetect.compiled",
        description="Add the compiled (numpy-only) form of the classifier to a model directory.",
    )
    ap.add_argument("model_dir", type=Path)
    ap.add_argument(
        "--trust", action="store_true", help="allow classifier files holding foreign types"
    )
    args = ap.parse_args(argv)
    try:
        out = add_compiled(args.model_dir, trust=args.trust)
    except ModelError as exc:
        print(f"error: {exc}")
        return 1
    print(f"wrote {out} and updated {args.model_dir / CARD_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
