"""Evaluation figures users and the model card rely on: per-class P/R/F1, confusion, calibration."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .result import LABELS

__all__ = [
    "FPR_LEVELS",
    "apply_operating_points",
    "evaluate",
    "evaluation_report",
    "expected_calibration_error",
    "flagged_shares",
    "format_operating_points",
    "format_report",
    "operating_points",
    "per_generator_recall",
]

#: False-positive rates on originals for which training (and ``spundetect evaluate``)
#: records an operating point.
FPR_LEVELS: tuple[float, ...] = (0.005, 0.01, 0.02, 0.05, 0.1)


def expected_calibration_error(
    y_true: Sequence[str] | np.ndarray, proba: np.ndarray, n_bins: int = 10
) -> float:
    """Top-label ECE: the gap between confidence and accuracy, weighted over confidence bins."""
    proba = np.asarray(proba, dtype=float)
    if len(proba) == 0:
        return 0.0
    conf = proba.max(axis=1)
    pred = np.asarray(LABELS)[proba.argmax(axis=1)]
    correct = pred == np.asarray(y_true)
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        m = bins == b
        if m.any():
            ece += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(ece)


def evaluate(
    y_true: Sequence[str], proba: np.ndarray, labels: Sequence[str] = LABELS
) -> dict[str, Any]:
    """Per-class precision/recall/F1/support, macro-F1, accuracy, confusion matrix and ECE.

    ``proba`` rows are in ``labels`` order. The confusion matrix is ``[true][predicted]``.
    ``fpr_original`` is the share of true originals labelled anything else (the cost
    users feel most: a human writer flagged); None when there are no originals.
    ``macro_f1`` averages the F1 of every label that is true or predicted for some text, as
    scikit-learn's ``f1_score(average="macro")`` does.
    """
    y = np.asarray(list(y_true), dtype=object)
    proba = np.asarray(proba, dtype=float).reshape(len(y), len(labels))
    pred = (
        np.asarray(labels, dtype=object)[proba.argmax(axis=1)]
        if len(y)
        else np.asarray([], dtype=object)
    )
    per_class: dict[str, dict[str, float]] = {}
    f1s = []
    for lab in labels:
        tp = int(np.sum((pred == lab) & (y == lab)))
        fp = int(np.sum((pred == lab) & (y != lab)))
        fn = int(np.sum((pred != lab) & (y == lab)))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        support = int(np.sum(y == lab))
        per_class[lab] = {"precision": p, "recall": r, "f1": f1, "support": support}
        if support or tp + fp:  # scikit-learn's macro average: labels true or predicted
            f1s.append(f1)
    confusion = [[int(np.sum((y == t) & (pred == p))) for p in labels] for t in labels]
    n_orig = int(np.sum(y == "original"))
    fpr_original = (
        float(np.sum((y == "original") & (pred != "original")) / n_orig) if n_orig else None
    )  # None: no originals to measure it on
    return {
        "n": len(y),
        "accuracy": float(np.mean(pred == y)) if len(y) else 0.0,
        "macro_f1": float(np.mean(f1s)) if f1s else 0.0,
        "per_class": per_class,
        "labels": list(labels),
        "confusion": confusion,
        "fpr_original": fpr_original,
        "ece": expected_calibration_error(y, proba),
    }


def _rate(x: float | None) -> str:
    return "- (no originals)" if x is None else f"{x:.3f}"


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of :func:`evaluate`'s output."""
    labels = report["labels"]
    w = max(len(lab) for lab in labels) + 2
    lines = [f"{'':{w}}precision  recall  f1      support"]
    for lab in labels:
        c = report["per_class"][lab]
        lines.append(
            f"{lab:{w}}{c['precision']:9.3f}  {c['recall']:6.3f}  {c['f1']:6.3f}  {c['support']:7d}"
        )
    lines.append("")
    lines.append(
        f"macro-F1 {report['macro_f1']:.3f}   accuracy {report['accuracy']:.3f}   "
        f"false-positive rate on originals {_rate(report['fpr_original'])}   ECE {report['ece']:.3f}   n={report['n']}"
    )
    lines.append("")
    lines.append("confusion (rows: true, columns: predicted)")
    cw = max(16, *(len(lab) + 2 for lab in labels))
    lines.append(f"{'':{w}}" + "".join(f"{lab:>{cw}}" for lab in labels))
    for lab, row in zip(labels, report["confusion"]):
        lines.append(f"{lab:{w}}" + "".join(f"{v:{cw}d}" for v in row))
    return "\n".join(lines)


def flagged_shares(
    y_true: Sequence[str] | np.ndarray, p_original: np.ndarray, threshold: float
) -> dict[str, float]:
    """For each label present in ``y_true``: the share of its texts flagged at an operating
    point, i.e. whose P(original) is below ``threshold`` (for originals: the false-positive rate)."""
    y = np.asarray(y_true)
    p = np.asarray(p_original, dtype=float)
    return {lab: float(np.mean(p[y == lab] < threshold)) for lab in LABELS if (y == lab).any()}


def _threshold_at(p_originals: np.ndarray, level: float) -> float | None:
    """The P(original) threshold that flags at most ``level`` of these originals' scores
    (None when there are too few of them to resolve ``level``)."""
    orig = np.sort(p_originals)
    k = int(np.floor(level * len(orig)))
    # at most k originals lie strictly below the (k+1)-th smallest
    return float(orig[k]) if k >= 1 else None


def operating_points(
    y_true: Sequence[str],
    proba: np.ndarray,
    levels: Sequence[float] = FPR_LEVELS,
    *,
    cross_check: bool = False,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Thresholds on P(original) that flag at most ``level`` of the originals in ``y_true``.

    ``proba`` has columns in :data:`LABELS` order. Each point records its threshold and
    the share of each label it flags on these data (:func:`flagged_shares`; for originals,
    the false-positive rate). A level the data cannot resolve (fewer than ``1 / level``
    originals) is left out rather than guessed.

    A threshold chosen on some texts flags at most ``level`` of *those* originals by
    construction; on new texts it flags more or fewer. With ``cross_check`` each point also
    holds ``held_out``: the shares flagged when the threshold is chosen on one random half
    of the texts (split within each label) and measured on the other, averaged over both
    ways round; None when half the originals cannot resolve the level.
    """
    y = np.asarray(y_true)
    p = np.asarray(proba, dtype=float)[:, 0]
    is_orig = y == LABELS[0]
    halves = _halves(y, seed) if cross_check else None
    out: list[dict[str, Any]] = []
    for level in levels:
        t = _threshold_at(p[is_orig], level)
        if t is None:
            continue
        point: dict[str, Any] = {
            "max_fpr": float(level),
            "threshold": t,
            "flagged": flagged_shares(y, p, t),
        }
        if halves is not None:
            point["held_out"] = _held_out_shares(y, p, level, halves)
        out.append(point)
    return out


def _halves(y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two disjoint random halves of the row indices, each label split evenly between them."""
    rng = np.random.default_rng(seed)
    a: list[int] = []
    b: list[int] = []
    for lab in LABELS:
        rows = rng.permutation(np.flatnonzero(y == lab)).tolist()
        a += rows[0::2]
        b += rows[1::2]
    return np.asarray(a, dtype=int), np.asarray(b, dtype=int)


def _held_out_shares(
    y: np.ndarray, p: np.ndarray, level: float, halves: tuple[np.ndarray, np.ndarray]
) -> dict[str, float] | None:
    """Shares flagged on one half by the threshold chosen on the other, averaged both ways."""
    runs = []
    for choose, measure in (halves, halves[::-1]):
        t = _threshold_at(p[choose][y[choose] == LABELS[0]], level)
        if t is None:
            return None
        runs.append(flagged_shares(y[measure], p[measure], t))
    return {lab: (runs[0][lab] + runs[1][lab]) / 2 for lab in runs[0] if lab in runs[1]}


def apply_operating_points(
    points: Sequence[dict[str, Any]], y_true: Sequence[str], p_original: np.ndarray
) -> list[dict[str, Any]]:
    """A model's operating points (its card's ``operating_points``) measured on other data:
    the same thresholds, with the shares of ``y_true``'s labels each one flags."""
    return [
        {
            "max_fpr": pt["max_fpr"],
            "threshold": pt["threshold"],
            "flagged": flagged_shares(y_true, p_original, pt["threshold"]),
        }
        for pt in points
    ]


def format_operating_points(
    points: Sequence[dict[str, Any]], use: str = "`score --max-fpr RATE` uses these"
) -> str:
    """A plain-text table of operating points: threshold and the share of each label
    flagged, and, for points with ``held_out`` (:func:`operating_points` with
    ``cross_check``), the shares flagged on texts the threshold was not chosen on."""
    held = any("held_out" in pt for pt in points)
    lines = [
        f"(a text is flagged when P(original) < threshold; {use})",
        "  max FPR  threshold  "
        + "  ".join(f"{lab} flagged" for lab in LABELS)
        + ("   chosen on one half, flagged on the other" if held else ""),
    ]

    def cells(shares: dict[str, float] | None, sep: str, wide: bool) -> str:
        out = []
        for lab in LABELS:
            width = len(lab) + 8 if wide else 5
            if shares is not None and lab in shares:
                out.append(f"{shares[lab]:{width}.3f}")
            else:
                out.append(f"{'-':>{width}}")
        return sep.join(out)

    for pt in points:
        flagged = cells(pt["flagged"], "  ", True)
        # shown rounded down, not to the nearest: the threshold is an original's own score,
        # and one rounded up flags that original too (2 of 72 where 1 was said; evaluate
        # tells users to pass these to --threshold)
        shown = math.floor(pt["threshold"] * 1000) / 1000
        row = f"  {pt['max_fpr']:7.3f}  {shown:9.3f}  {flagged}"
        if held:
            row += "   " + cells(pt.get("held_out"), " / ", False)
        lines.append(row)
    return "\n".join(lines)


def evaluation_report(
    y_true: Sequence[str],
    proba: np.ndarray,
    *,
    model_points: Sequence[dict[str, Any]] = (),
    generators: Sequence[str] | None = None,
    not_judged: dict[str, int] | None = None,
) -> dict[str, Any]:
    """What ``spundetect evaluate`` reports on labelled texts (and :meth:`Detector.evaluate`):
    :func:`evaluate`'s figures, the count of texts left without a judgement by status, the
    model's operating points (its card's) measured here, the thresholds chosen here
    (``operating_points_here``, cross-checked on halves: :func:`operating_points`) and, when
    some text names the system behind it, :func:`per_generator_recall`.

    The model's points were chosen on its own validation texts, not on these; the ones
    chosen here are for these texts' mix of writing.
    """
    report = evaluate(y_true, proba)
    report["not_judged"] = dict(not_judged or {})
    report["operating_points"] = apply_operating_points(model_points, y_true, proba[:, 0])
    report["operating_points_here"] = operating_points(y_true, proba, cross_check=True)
    if generators is not None and any(g and g != LABELS[0] for g in generators):
        report["per_generator"] = per_generator_recall(y_true, proba, generators)
    return report


def per_generator_recall(
    y_true: Sequence[str], proba: np.ndarray, generators: Sequence[str]
) -> dict[str, dict[str, float | int]]:
    """Per generator (rows without one are left out): how many texts, and the share given
    their true label. The figure a team checking one paraphraser or MT engine wants."""
    pred = np.asarray(LABELS)[np.argmax(proba, axis=1)] if len(proba) else np.asarray([])
    y = np.asarray(y_true)
    g = np.asarray(generators)
    out: dict[str, dict[str, float | int]] = {}
    for name in sorted({x for x in generators if x}):
        m = g == name
        out[name] = {"n": int(m.sum()), "recall": float(np.mean(pred[m] == y[m]))}
    return out
