"""The compiled (numpy-only) classifier: same probabilities as scikit-learn, safe file, lazy load."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest
from sample_texts import ORIGINALS, tiny_corpus

from spundetect import Detector, ModelError
from spundetect import compiled as comp
from spundetect.card import COMPILED_NAME, sha256_file
from spundetect.compiled import CompiledClassifier, NotCompilable, compile_classifier
from spundetect.model import SpunClassifier, save_classifier

REPO = Path(__file__).resolve().parents[1]
ATOL = 1e-9


# ---------------------------------------------------------------- data and fixtures
def _data(n_classes: int, n: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = np.asarray(["original", "spun", "machine_garbled"][:n_classes])
    y = labels[rng.integers(0, n_classes, n)]
    X = rng.normal(size=(n, 6))
    X[:, 0] += 1.5 * (y == labels[1])
    X[:, 1] -= 1.5 * (y == labels[-1])
    X[:, 2] *= 1e4  # a feature on another scale
    return X, y


def _awkward(n_features: int, seed: int = 1) -> np.ndarray:
    """Finite rows with huge, tiny and exactly-zero values."""
    rng = np.random.default_rng(seed)
    X = rng.normal(scale=3.0, size=(300, n_features))
    X[rng.random(X.shape) < 0.05] = 1e300
    X[rng.random(X.shape) < 0.05] = -1e300
    X[rng.random(X.shape) < 0.05] = 0.0
    X[rng.random(X.shape) < 0.05] = 1e-300
    return X


def _nonfinite(X: np.ndarray, seed: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    X = X.copy()
    X[rng.random(X.shape) < 0.1] = np.nan
    X[rng.random(X.shape) < 0.05] = np.inf
    X[rng.random(X.shape) < 0.05] = -np.inf
    return X


def _inner_proba(clf: SpunClassifier, X: np.ndarray) -> np.ndarray:
    """What SpunClassifier.predict_proba computes after its finiteness check."""
    order = [list(clf.estimator_.classes_).index(c) for c in clf.classes_]
    return clf.estimator_.predict_proba(X)[:, order]


@pytest.fixture(scope="module")
def saved(tiny_detector: Detector, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_detector.save(tmp_path_factory.mktemp("compiled") / "tiny")


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def _card(d: Path) -> dict:
    return json.loads((d / "card.json").read_text())


def _write_card(d: Path, card: dict) -> None:
    (d / "card.json").write_text(json.dumps(card, indent=2) + "\n")


# ---------------------------------------------------------------- same probabilities
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("kind", ["hgb", "logreg", "ensemble"])
@pytest.mark.parametrize("calibration", ["sigmoid", None])
def test_compiled_matches_scikit_learn(n_classes: int, kind: str, calibration: str | None) -> None:
    X, y = _data(n_classes)
    clf = SpunClassifier(kind=kind, calibration=calibration, max_iter=40).fit(X, y)
    assert clf.calibrated_ == bool(calibration)
    c = compile_classifier(clf)
    assert c.classes_.tolist() == clf.classes_.tolist()
    for Xt in (_data(n_classes, seed=5)[0], _awkward(X.shape[1])):
        with np.errstate(all="ignore"):  # huge values overflow alike on both sides
            expected = clf.predict_proba(Xt)
        got = c.predict_proba(Xt)
        np.testing.assert_allclose(got, expected, rtol=0, atol=ATOL)
        assert np.array_equal(c.predict(Xt[:50]), clf.predict(Xt[:50]))


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("calibration", ["sigmoid", None])
def test_trees_route_nan_and_inf_like_scikit_learn(n_classes: int, calibration: str | None) -> None:
    X, y = _data(n_classes)
    clf = SpunClassifier(calibration=calibration, max_iter=40).fit(X, y)
    c = compile_classifier(clf)
    Xt = _nonfinite(_awkward(X.shape[1]))
    assert np.isnan(Xt).any() and np.isinf(Xt).any()
    np.testing.assert_allclose(
        c.predict_proba_unchecked(Xt), _inner_proba(clf, Xt), rtol=0, atol=ATOL
    )
    # a split whose training data had no NaN still sends NaN one way: both directions occur
    mgl = c.members[0].arrays["missing_left"][~c.members[0].arrays["is_leaf"]]
    assert mgl.any() and not mgl.all()


def test_checked_prediction_refuses_what_scikit_learn_refuses() -> None:
    X, y = _data(3)
    clf = SpunClassifier(max_iter=10).fit(X, y)
    c = compile_classifier(clf)
    bad = X[:3].copy()
    bad[0, 0] = np.nan
    for est in (clf, c):
        with pytest.raises(ValueError, match="NaN"):
            est.predict_proba(bad)
    bad[0, 0] = np.inf
    for est in (clf, c):
        with pytest.raises(ValueError, match="infinity"):
            est.predict_proba(bad)
    for est in (clf, c):
        with pytest.raises(ValueError, match="features"):
            est.predict_proba(X[:3, :4])


def test_large_batches_are_walked_in_chunks() -> None:
    X, y = _data(3)
    clf = SpunClassifier(max_iter=40).fit(X, y)
    c = compile_classifier(clf)
    Xt = np.random.default_rng(3).normal(size=(5000, X.shape[1]))
    np.testing.assert_allclose(c.predict_proba(Xt), clf.predict_proba(Xt), rtol=0, atol=ATOL)
    assert c.predict_proba(Xt[:0]).shape == (0, 3)


def test_tiny_trained_model_matches_on_real_features(tiny_detector: Detector) -> None:
    clf = tiny_detector._clf
    assert isinstance(clf, SpunClassifier)
    c = compile_classifier(clf)
    texts, _, _ = tiny_corpus(seed=1)
    X = tiny_detector.transform(texts)
    np.testing.assert_allclose(c.predict_proba(X), clf.predict_proba(X), rtol=0, atol=ATOL)


def test_categorical_splits_are_refused() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    X = np.column_stack([rng.integers(0, 4, 300), rng.normal(size=300)]).astype(float)
    y = np.where(X[:, 0] % 2 == 0, "original", "spun")
    clf = SpunClassifier(calibration=None, max_iter=5).fit(X, y)
    clf.estimator_ = HistGradientBoostingClassifier(categorical_features=[0], max_iter=5).fit(X, y)
    with pytest.raises(NotCompilable, match="categorical"):
        compile_classifier(clf)


def test_compiling_checks_itself_against_scikit_learn(monkeypatch: pytest.MonkeyPatch) -> None:
    X, y = _data(3)
    clf = SpunClassifier(calibration=None, max_iter=10).fit(X, y)
    real = CompiledClassifier.predict_proba_unchecked
    monkeypatch.setattr(
        CompiledClassifier, "predict_proba_unchecked", lambda self, X: real(self, X) + 1e-6
    )
    with pytest.raises(NotCompilable, match="differs"):
        compile_classifier(clf)
    monkeypatch.undo()
    del clf.estimator_._predictors  # a private attribute a future scikit-learn may rename
    with pytest.raises(NotCompilable, match="internals"):
        compile_classifier(clf)


def test_isotonic_calibration_keeps_the_skops_path(tmp_path: Path) -> None:
    X, y = _data(3)
    clf = SpunClassifier(calibration="isotonic", max_iter=10).fit(X, y)
    with pytest.raises(NotCompilable, match="isotonic"):
        compile_classifier(clf)
    (tmp_path / COMPILED_NAME).write_bytes(b"stale")
    with pytest.warns(RuntimeWarning, match="no compiled form"):
        written = save_classifier(clf, tmp_path)
    assert set(written) == {"classifier"}
    assert not (tmp_path / COMPILED_NAME).exists()


# ---------------------------------------------------------------- the file
def test_file_is_plain_arrays_and_round_trips(tmp_path: Path) -> None:
    X, y = _data(3)
    clf = SpunClassifier(kind="ensemble", max_iter=20).fit(X, y)
    path = compile_classifier(clf, source_sha256="ab" * 32).save(tmp_path / "c.npz")
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    assert all(a.dtype != object for a in arrays.values())
    header = json.loads(bytes(arrays["header"]).decode())
    assert header["format"] == comp.FORMAT_NAME and header["version"] == comp.FORMAT_VERSION
    back = comp.load(path)
    assert back.source_sha256 == "ab" * 32
    Xt = _awkward(X.shape[1])
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(back.predict_proba(Xt), clf.predict_proba(Xt), atol=ATOL, rtol=0)


def _rewrite(path: Path, **changes: object) -> None:
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    header = json.loads(bytes(arrays["header"]).decode())
    for k, v in changes.items():
        if k == "header":
            header.update(v)  # type: ignore[arg-type]
        elif v is None:
            arrays.pop(k)
        else:
            arrays[k] = v  # type: ignore[assignment]
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    with open(path, "wb") as f:
        np.savez(f, **arrays)


@pytest.fixture
def npz(tmp_path: Path) -> Path:
    X, y = _data(2)
    return compile_classifier(SpunClassifier(max_iter=10).fit(X, y)).save(tmp_path / "c.npz")


def test_newer_format_version_is_refused(npz: Path) -> None:
    _rewrite(npz, header={"version": comp.FORMAT_VERSION + 1})
    with pytest.raises(ModelError, match="format version"):
        comp.load(npz)


def test_foreign_npz_is_refused(npz: Path) -> None:
    _rewrite(npz, header={"format": "spundetect-ngram"})
    with pytest.raises(ModelError, match="not a spundetect compiled classifier"):
        comp.load(npz)
    np.savez(npz.with_name("plain.npz"), a=np.arange(3))
    with pytest.raises(ModelError, match="no header"):
        comp.load(npz.with_name("plain.npz"))


@pytest.mark.parametrize(
    "damage",
    [
        {"m0_left": np.full(5, 99, dtype=np.int32)},  # wrong length
        {"m0_threshold": None},  # missing array
        {"cal_a": np.zeros(3)},  # calibrators do not match the classes
        {"classes": np.asarray([{"x": 1}, 2], dtype=object)},  # pickle needed
    ],
)
def test_damaged_arrays_are_a_model_error(npz: Path, damage: dict) -> None:
    if "classes" in damage:
        # np.savez would pickle the object array; loading it must refuse, not unpickle
        with np.load(npz, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        arrays.update(damage)
        with open(npz, "wb") as f:
            np.savez(f, **arrays)
    else:
        _rewrite(npz, **damage)
    with pytest.raises(ModelError, match=r"c\.npz"):
        comp.load(npz)


def test_children_outside_their_tree_are_refused(npz: Path) -> None:
    with np.load(npz, allow_pickle=False) as z:
        left = z["m0_left"].copy()
        inner = ~z["m0_is_leaf"]
    left[np.flatnonzero(inner)[0]] = 10_000
    _rewrite(npz, m0_left=left)
    with pytest.raises(ModelError, match="outside"):
        comp.load(npz)


def test_not_a_zip_file(tmp_path: Path) -> None:
    (tmp_path / "c.npz").write_bytes(b"\x93NUMPY garbage")
    with pytest.raises(ModelError, match=r"not an \.npz"):
        comp.load(tmp_path / "c.npz")
    with pytest.raises(ModelError, match="not found"):
        comp.load(tmp_path / "missing.npz")
    with zipfile.ZipFile(tmp_path / "z.npz", "w") as z:
        z.writestr("header.npy", b"not an array")
    with pytest.raises(ModelError, match="corrupt"):
        comp.load(tmp_path / "z.npz")


# ---------------------------------------------------------------- the model directory
def test_save_writes_both_files_and_load_uses_the_compiled_one(
    saved: Path, tiny_detector: Detector
) -> None:
    files = _card(saved)["files"]
    assert files["classifier"]["name"] == "classifier.skops"
    assert files["compiled"]["name"] == COMPILED_NAME
    for meta in files.values():
        assert sha256_file(saved / meta["name"]) == meta["sha256"]
    det = Detector.load(saved)
    assert isinstance(det._clf, CompiledClassifier)
    assert det._clf.source_sha256 == files["classifier"]["sha256"]
    texts, _, _ = tiny_corpus(seed=2)
    X = tiny_detector.transform(texts)
    np.testing.assert_allclose(
        det.predict_proba_features(X), tiny_detector.predict_proba_features(X), atol=ATOL, rtol=0
    )
    a, b = det.score(ORIGINALS[0]), tiny_detector.score(ORIGINALS[0])
    assert a.label == b.label
    assert a.probabilities == pytest.approx(b.probabilities, abs=ATOL)


def test_loading_and_scoring_never_import_scikit_learn(saved: Path) -> None:
    code = (
        "import json, sys, spundetect\n"
        f"det = spundetect.Detector.load({str(saved)!r})\n"
        f"texts = {ORIGINALS[:3]!r}\n"
        "assert det.score(texts[0], explain=True).status == 'ok'\n"
        "assert len(list(det.score_many(texts))) == 3\n"
        "print(json.dumps([m for m in ('sklearn', 'skops') if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert "sklearn" not in loaded and "skops" not in loaded


def test_missing_or_tampered_compiled_file_is_a_clear_error(saved: Path, tmp_path: Path) -> None:
    d = _copy(saved, tmp_path / "gone")
    (d / COMPILED_NAME).unlink()
    with pytest.raises(ModelError, match=f"missing {COMPILED_NAME}"):
        Detector.load(d)
    d = _copy(saved, tmp_path / "tampered")
    data = bytearray((d / COMPILED_NAME).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (d / COMPILED_NAME).write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256"):
        Detector.load(d)
    # corrupt but listed with its new hash: the loader itself refuses it
    (d / COMPILED_NAME).write_bytes(b"PK\x03\x04 not really a zip")
    card = _card(d)
    card["files"]["compiled"]["sha256"] = sha256_file(d / COMPILED_NAME)
    _write_card(d, card)
    with pytest.raises(ModelError, match="compiled classifier"):
        Detector.load(d)


def test_compiled_file_of_another_classifier_is_not_used(
    saved: Path, tmp_path: Path, tiny_detector: Detector
) -> None:
    import skops.io as sio

    d = _copy(saved, tmp_path / "m")
    # a different classifier file (same types), listed in the card with its own hash
    other = SpunClassifier(kind="logreg").fit(
        tiny_detector.transform(tiny_corpus()[0]), tiny_corpus()[1]
    )
    sio.dump(other, d / "classifier.skops")
    card = _card(d)
    card["files"]["classifier"]["sha256"] = sha256_file(d / "classifier.skops")
    _write_card(d, card)
    det = Detector.load(d)
    assert isinstance(det._clf, SpunClassifier) and det._clf.kind == "logreg"


def test_a_loaded_compiled_detector_saves_a_complete_model(saved: Path, tmp_path: Path) -> None:
    det = Detector.load(saved)
    out = det.save(tmp_path / "again")
    assert (out / "classifier.skops").read_bytes() == (saved / "classifier.skops").read_bytes()
    files = _card(out)["files"]
    assert set(files) == set(_card(saved)["files"])
    again = Detector.load(out)
    assert isinstance(again._clf, CompiledClassifier)
    assert again.score(ORIGINALS[1]).probabilities == det.score(ORIGINALS[1]).probabilities


def test_add_compiled_to_an_existing_model(saved: Path, tmp_path: Path) -> None:
    d = _copy(saved, tmp_path / "old")
    (d / COMPILED_NAME).unlink()
    card = _card(d)
    del card["files"]["compiled"]
    _write_card(d, card)
    assert not isinstance(Detector.load(d)._clf, CompiledClassifier)
    assert comp.main([str(d)]) == 0
    assert _card(d)["files"]["compiled"]["sha256"] == sha256_file(d / COMPILED_NAME)
    assert {k: v for k, v in _card(d).items() if k != "files"} == {
        k: v for k, v in card.items() if k != "files"
    }
    assert isinstance(Detector.load(d)._clf, CompiledClassifier)
    # a classifier that does not match its card is not compiled
    (d / "classifier.skops").write_bytes(b"changed")
    with pytest.raises(ModelError, match="SHA-256"):
        comp.add_compiled(d)


def test_shipped_model_lists_a_compiled_classifier() -> None:
    from spundetect.detector import default_model_dir

    card_path = default_model_dir() / "card.json"
    if not card_path.is_file():
        pytest.skip("models/default holds no trained model yet")
    files = json.loads(card_path.read_text())["files"]
    assert files["compiled"]["name"] == COMPILED_NAME
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = comp.load(default_model_dir() / COMPILED_NAME)
    assert c.source_sha256 == files["classifier"]["sha256"]
