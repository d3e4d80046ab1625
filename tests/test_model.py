"""scikit-learn conventions for spundetect's estimators, and the metrics they report."""

from __future__ import annotations

import collections
from pathlib import Path

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from spundetect.metrics import evaluate, expected_calibration_error, format_report
from spundetect.model import SpunClassifier, _foreign_types
from spundetect.result import LABELS

_CHECKS = parametrize_with_checks(
    [
        SpunClassifier(max_iter=20),
        SpunClassifier(kind="logreg"),
        SpunClassifier(kind="hgb", calibration=None, max_iter=20),
    ]
).mark
# scikit-learn before 1.8 hands pytest a generator of checks, which pytest 9.1+ warns of and
# pytest 10 refuses: the same checks, as a list
_ARGNAMES, _CHECK_LIST, *_ = _CHECKS.args


@pytest.mark.parametrize(_ARGNAMES, list(_CHECK_LIST), **_CHECKS.kwargs)
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


def test_a_small_set_is_calibrated_whatever_its_random_state() -> None:
    """One group-aware draw of a fifth of 30 texts a label left fewer than 5 of some label
    in it for about half the random states, and the model was written uncalibrated."""
    y = np.repeat(LABELS, 30)
    X = np.vstack([np.random.default_rng(0).normal(k % 3, 1.0, 4) for k in range(len(y))])
    for seed in range(8):
        clf = SpunClassifier(max_iter=5, random_state=seed).fit(X, y)
        assert clf.calibrated_, seed
        held = collections.Counter(y[clf.validation_indices_])
        assert min(held[c] for c in LABELS) >= 5


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


def test_ece_weighs_each_confidence_bins_gap_by_its_share() -> None:
    """Top-label ECE over ten equal confidence bins, worked by hand from its definition."""
    # three texts at confidence 0.9, all right (gap 0.1); one at 0.6, wrong (gap 0.6)
    y = ["original", "original", "original", "spun"]
    proba = np.asarray([[0.9, 0.05, 0.05]] * 3 + [[0.6, 0.3, 0.1]])
    assert expected_calibration_error(y, proba) == pytest.approx(0.75 * 0.1 + 0.25 * 0.6)
    # full confidence, wrong: the last bin holds confidence 1.0, and the gap is the whole of it
    assert expected_calibration_error(["spun"], np.asarray([[1.0, 0.0, 0.0]])) == 1.0
    # 0.81 (right) and 0.89 (wrong) share the bin [0.8, 0.9): accuracy 0.5 against 0.85
    y = ["original", "spun"]
    proba = np.asarray([[0.81, 0.1, 0.09], [0.89, 0.1, 0.01]])
    assert expected_calibration_error(y, proba) == pytest.approx(0.35)
    # 0.85 (right) and 0.95 (wrong) do not: 0.5 * 0.15 + 0.5 * 0.95
    proba = np.asarray([[0.85, 0.1, 0.05], [0.95, 0.04, 0.01]])
    assert expected_calibration_error(y, proba) == pytest.approx(0.55)
    # no texts, no gap; and evaluate's other figures are zero too
    assert expected_calibration_error([], np.zeros((0, 3))) == 0.0
    empty = evaluate([], np.zeros((0, 3)))
    assert (empty["ece"], empty["accuracy"], empty["macro_f1"]) == (0.0, 0.0, 0.0)


def test_evaluate_agrees_with_scikit_learn_label_by_label() -> None:
    """Precision, recall, F1, support, confusion, accuracy and the false-positive rate on
    originals, against scikit-learn: on made-up verdicts where one label is never predicted,
    and on a few where one is predicted but never true and one has precision equal to recall."""
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    rng = np.random.default_rng(7)
    many = list(rng.choice(LABELS, size=60))
    many_proba = rng.dirichlet([1.0, 1.0, 1.0], size=60)
    many_proba[:, 2] *= 0.01  # machine_garbled: true for some texts, predicted for none
    many_proba[np.asarray(many) == "original", 0] += 0.3  # 3 of 16 originals mislabelled: not half
    few = ["original", "original", "spun", "spun", "spun"]
    # predicted: original, spun, original, machine_garbled, spun
    few_proba = np.eye(3)[[0, 1, 0, 2, 1]] * 0.8 + 0.1
    for y, proba in ((many, many_proba), (few, few_proba)):
        pred = [LABELS[i] for i in proba.argmax(axis=1)]
        rep = evaluate(y, proba)
        p, r, f, s = precision_recall_fscore_support(y, pred, labels=list(LABELS), zero_division=0)
        for i, lab in enumerate(LABELS):
            got = rep["per_class"][lab]
            assert [got["precision"], got["recall"], got["f1"]] == pytest.approx([p[i], r[i], f[i]])
            assert got["support"] == s[i]
        assert rep["confusion"] == confusion_matrix(y, pred, labels=list(LABELS)).tolist()
        assert rep["accuracy"] == pytest.approx(accuracy_score(y, pred))
        # originals labelled anything else, out of all originals: 1 - recall of original
        assert rep["fpr_original"] == pytest.approx(1 - r[0])


def test_the_report_table_shows_each_labels_figures_and_confusion_row() -> None:
    y = ["original", "original", "original", "spun", "machine_garbled", "machine_garbled"]
    proba = np.asarray(
        [[0.9, 0.1, 0.0], [0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8],
         [0.6, 0.2, 0.2]]
    )  # fmt: skip
    rep = evaluate(y, proba)
    lines = format_report(rep).splitlines()
    assert lines[0].split() == ["precision", "recall", "f1", "support"]
    figures = []
    for lab in LABELS:
        c = rep["per_class"][lab]
        figures.append([lab, f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}"])
        figures[-1].append(str(c["support"]))
    assert [row.split() for row in lines[1 : 1 + len(LABELS)]] == figures
    confusion = lines[lines.index("confusion (rows: true, columns: predicted)") + 2 :]
    assert [row.split() for row in confusion] == [
        [lab, *map(str, counts)] for lab, counts in zip(LABELS, rep["confusion"], strict=True)
    ]


def test_evaluation_report_measures_the_models_points_here_and_each_generator() -> None:
    from spundetect.metrics import evaluation_report

    p = np.r_[np.linspace(0.3, 1.0, 40), np.linspace(0.0, 0.7, 40)]  # P(original)
    proba = np.column_stack([p, 1 - p, np.zeros_like(p)])
    y = ["original"] * 40 + ["spun"] * 40
    gens = [None] * 40 + ["para-a"] * 20 + ["para-b"] * 20  # para-b's read more original
    point = {"max_fpr": 0.05, "threshold": 0.5, "flagged": {"original": 0.05}}
    rep = evaluation_report(
        y, proba, model_points=[point], generators=gens, not_judged={"too_short": 2}
    )
    assert rep["not_judged"] == {"too_short": 2}
    # the model's threshold, measured on these texts (what it flags here, not on its card)
    below = p < 0.5
    assert rep["operating_points"] == [
        {
            "max_fpr": 0.05,
            "threshold": 0.5,
            "flagged": {"original": below[:40].mean(), "spun": below[40:].mean()},
        }
    ]
    here = rep["operating_points_here"]
    assert here and all(q["held_out"] is not None for q in here)  # cross-checked on halves
    # per generator: its texts, and the share given their true label (spun: P(original) < 0.5)
    g = np.asarray(gens)
    assert rep["per_generator"] == {
        name: {"n": 20, "recall": pytest.approx(below[g == name].mean())}
        for name in ("para-a", "para-b")
    }
    assert rep["per_generator"]["para-a"] != rep["per_generator"]["para-b"]
    # no generator named but "original": nothing per generator
    for none in (None, [None] * 40 + ["original"] * 40, [""] * 80):
        assert "per_generator" not in evaluation_report(y, proba, generators=none)
    assert evaluation_report(y, proba)["not_judged"] == {}


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
