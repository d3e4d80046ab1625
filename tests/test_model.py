"""scikit-learn conventions for spundetect's estimators, and the metrics they report."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from spundetect.metrics import evaluate, expected_calibration_error, format_report
from spundetect.model import SpunClassifier, _foreign_types
from spundetect.result import LABELS


@parametrize_with_checks(
    [
        SpunClassifier(max_iter=20),
        SpunClassifier(kind="logreg"),
        SpunClassifier(kind="hgb", calibration=None, max_iter=20),
    ]
)
def test_sklearn_compatible(estimator, check) -> None:
    check(estimator)


def _blobs(n: int = 600, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = np.asarray(["original", "spun", "machine_garbled"])
    y = labels[rng.integers(0, 3, n)]
    centers = {"original": 0.0, "spun": 2.0, "machine_garbled": 4.0}
    X = np.vstack([rng.normal(centers[c], 1.0, 4) for c in y])
    return X, y


def test_calibration_holds_out_whole_groups() -> None:
    X, y = _blobs()
    groups = np.arange(len(y)) // 3
    clf = SpunClassifier(max_iter=30).fit(X, y, groups=groups)
    assert clf.calibrated_
    va = clf.validation_indices_
    tr = np.setdiff1d(np.arange(len(y)), va)
    assert not set(groups[va]) & set(groups[tr])


def test_explicit_calibration_rows_are_used() -> None:
    X, y = _blobs()
    mask = np.zeros(len(y), dtype=bool)
    mask[::4] = True
    clf = SpunClassifier(max_iter=30).fit(X, y, calibration_mask=mask)
    assert np.array_equal(clf.validation_indices_, np.flatnonzero(mask))


def test_calibrated_probabilities_are_honest() -> None:
    X, y = _blobs(3000)
    Xt, yt = _blobs(1500, seed=1)
    clf = SpunClassifier(max_iter=50).fit(X, y)
    proba = clf.predict_proba(Xt)
    cols = [list(clf.classes_).index(c) for c in ("original", "spun", "machine_garbled")]
    assert expected_calibration_error(yt, proba[:, cols]) < 0.06


def test_evaluate_reports_per_class_and_confusion() -> None:
    y = ["original", "original", "spun", "machine_garbled"]
    proba = np.asarray([[0.9, 0.1, 0.0], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.0, 0.1, 0.9]])
    rep = evaluate(y, proba)
    assert rep["confusion"] == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert rep["per_class"]["original"]["recall"] == pytest.approx(0.5)
    assert rep["per_class"]["spun"]["precision"] == pytest.approx(0.5)
    assert rep["fpr_original"] == pytest.approx(0.5)
    assert rep["accuracy"] == pytest.approx(0.75)
    text = format_report(rep)
    assert "macro-F1" in text and "machine_garbled" in text


def test_macro_f1_is_scikit_learns_and_no_originals_is_no_rate() -> None:
    """A label predicted but never true counts (F1 0), as in scikit-learn: with it left out,
    a model calling many rewrites original scored 0.853 where scikit-learn says 0.569."""
    from sklearn.metrics import f1_score

    y = ["spun", "spun", "machine_garbled", "machine_garbled", "spun"]
    proba = np.asarray(
        [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.6, 0.2, 0.2], [0.1, 0.7, 0.2]]
    )
    rep = evaluate(y, proba)
    pred = [LABELS[i] for i in proba.argmax(axis=1)]
    assert rep["macro_f1"] == pytest.approx(f1_score(y, pred, average="macro"))
    assert rep["fpr_original"] is None  # not measurable: no originals
    assert "false-positive rate on originals - (no originals)" in format_report(rep)


def test_save_classifier_writes_the_skops_and_the_compiled_file(tmp_path: Path) -> None:
    from spundetect.compiled import load as load_compiled
    from spundetect.model import CLASSIFIER_NAME, COMPILED_NAME, save_classifier, sha256_file

    X, y = _blobs(300)
    clf = SpunClassifier(max_iter=20).fit(X, y)
    written = save_classifier(clf, tmp_path)
    assert written == {
        "classifier": tmp_path / CLASSIFIER_NAME,
        "compiled": tmp_path / COMPILED_NAME,
    }
    compiled = load_compiled(written["compiled"])
    # the compiled file names the exact skops file it was made from
    assert compiled.source_sha256 == sha256_file(written["classifier"])
    Xt, _ = _blobs(200, seed=1)
    np.testing.assert_allclose(compiled.predict_proba(Xt), clf.predict_proba(Xt), rtol=0, atol=1e-9)


def test_saved_skops_file_is_deflated_and_loads_back(tmp_path: Path) -> None:
    """skops stores its arrays uncompressed unless asked; deflated, the default model's
    classifier file is a fifth of the size."""
    import zipfile

    from spundetect.model import load_classifier, save_classifier

    X, y = _blobs(300)
    clf = SpunClassifier(max_iter=20).fit(X, y)
    path = save_classifier(clf, tmp_path)["classifier"]
    with zipfile.ZipFile(path) as z:
        members = z.infolist()
    assert members and all(m.compress_type == zipfile.ZIP_DEFLATED for m in members)
    back = load_classifier(path)
    np.testing.assert_array_equal(back.predict_proba(X), clf.predict_proba(X))


@pytest.mark.parametrize("n_labels", [2, 3])
@pytest.mark.parametrize("kind", ["hgb", "logreg", "ensemble"])
def test_every_kind_of_classifier_loads_back_without_trust(
    tmp_path: Path, kind: str, n_labels: int
) -> None:
    """What spundetect writes, its safe loader reads: every type in the file is one the
    loader trusts, whatever the installed scikit-learn trusts by default."""
    import skops.io as sio

    from spundetect.model import SAFE_TYPES, load_classifier, save_classifier

    X, y = _blobs(300)
    keep = np.isin(y, ["original", "spun", "machine_garbled"][:n_labels])
    clf = SpunClassifier(kind=kind, max_iter=20).fit(X[keep], y[keep])
    path = save_classifier(clf, tmp_path)["classifier"]
    assert not set(sio.get_untrusted_types(file=path)) - set(SAFE_TYPES)
    assert _foreign_types(path) == []  # every type in it is one spundetect writes
    back = load_classifier(path)
    np.testing.assert_array_equal(back.predict_proba(X), clf.predict_proba(X))
    if kind == "hgb":  # isotonic calibration is saved as skops alone: its types too
        iso = SpunClassifier(kind=kind, calibration="isotonic", max_iter=5).fit(X, y)
        (tmp_path / "iso").mkdir()
        with pytest.warns(RuntimeWarning, match="no compiled form"):
            written = save_classifier(iso, tmp_path / "iso")
        assert _foreign_types(written["classifier"]) == []


def _name_losses_as(path: Path, module: str) -> int:
    """Rewrite the skops file at ``path`` as a scikit-learn naming its compiled losses'
    module ``module`` writes it; the number of losses renamed."""
    import json
    import zipfile

    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    renamed = 0
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            if info.filename == "schema.json":
                schema = json.loads(data)
                stack = [schema]
                while stack:
                    node = stack.pop()
                    if isinstance(node, dict):
                        if str(node.get("__class__")).startswith("CyHalf"):
                            node["__module__"] = module
                            renamed += 1
                        stack.extend(node.values())
                    elif isinstance(node, list):
                        stack.extend(node)
                data = json.dumps(schema).encode()
            z.writestr(info, data)
    return renamed


@pytest.mark.parametrize("module", ["_loss", "sklearn._loss._loss"])
@pytest.mark.parametrize("n_labels", [2, 3])
def test_a_boosting_model_loads_whichever_scikit_learn_named_its_loss(
    tmp_path: Path, module: str, n_labels: int
) -> None:
    """scikit-learn up to 1.8 gives its compiled losses the module "_loss", 1.9 on
    "sklearn._loss._loss", and 1.9 cannot import "_loss": a classifier file saved with
    scikit-learn 1.6 to 1.8 did not load on 1.9 even trusted. Either naming loads, without trust,
    and scores as saved."""
    from sklearn._loss._loss import CyHalfMultinomialLoss

    from spundetect.model import _with_this_sklearns_loss_names, load_classifier, save_classifier

    X, y = _blobs(300)
    keep = np.isin(y, ["original", "spun", "machine_garbled"][:n_labels])
    clf = SpunClassifier(max_iter=20).fit(X[keep], y[keep])
    path = save_classifier(clf, tmp_path)["classifier"]
    assert _name_losses_as(path, module) >= 1
    assert _foreign_types(path) == []
    # renamed on load exactly when this scikit-learn names the module otherwise
    renamed = _with_this_sklearns_loss_names(path)
    assert (renamed is None) == (CyHalfMultinomialLoss.__module__ == module)
    back = load_classifier(path)
    np.testing.assert_array_equal(back.predict_proba(X), clf.predict_proba(X))


def test_a_scikit_learn_classifier_spundetect_never_writes_needs_trust(tmp_path: Path) -> None:
    """skops trusts every scikit-learn estimator by default: an SVC (here a decision tree) in
    place of the classifier loaded and scored without a trust choice."""
    import skops.io as sio
    from sklearn.tree import DecisionTreeClassifier

    from spundetect.errors import UntrustedModelError
    from spundetect.model import load_classifier

    X, y = _blobs(60)
    path = tmp_path / "classifier.skops"
    sio.dump(DecisionTreeClassifier().fit(X, y), path)
    with pytest.raises(
        UntrustedModelError, match=r"sklearn\.tree\._classes\.DecisionTreeClassifier"
    ):
        load_classifier(path)
    assert load_classifier(path, trust=True).predict_proba(X).shape == (60, 3)
