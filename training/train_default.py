"""Train the shipped default model from the corpus and write its model card.

    python -m training.train_default --corpus work-data/corpus.jsonl --out models/default

Uses the corpus's group-aware splits: the classifier fits on ``train``, its
probabilities are calibrated on ``validation``, and the card reports ``test``
metrics, a leave-one-generator-out evaluation and the five seed articles. The
reference language model (``--reference``) must have been built from the
reference partition of the originals (``python -m training.build_reference``),
which the corpus never uses.

The classifier learns from hand-written features computed, for each document,
with a reference model built without the document's own source (Wikinews,
WikiText, the Factbook, GUM; :func:`source_held_out_features`), because that is
how a user's text meets the shipped reference model: from a source it never saw.
The test split and the seeds are scored as users' texts are, with the shipped
reference. ``--shared-reference`` trains on features from the shipped reference
instead (the models of the sixth session and before).
"""

from __future__ import annotations

import argparse
import ast
import collections
import hashlib
import json
import sys
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import numpy as np

from spundetect import lm
from spundetect.card import read_card, write_card
from spundetect.detector import Detector, featurize, train
from spundetect.metrics import evaluate, format_report
from spundetect.model import SpunClassifier
from spundetect.ngrams import fit_ngram, oof_proba
from spundetect.result import LABELS
from training.splits import generator_family, logo_masks, source_family

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def read_corpus(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def reference_path(given: Path | None) -> Path:
    """The reference LM file: ``given``, or the shipped model's ``reference.*``."""
    return given or sorted((REPO / "models" / "default").glob("reference.*"))[0]


def source_held_out_features(
    texts: list[str], sources: np.ndarray, n_jobs: int, log: Any = None
) -> np.ndarray:
    """Hand-written features of each text computed with a reference model built from the
    reference partition of the originals *without the text's own source* (``sources``:
    :func:`training.splits.source_family` names; a text's rewrites share its source).

    Why: the phrasing features measure text against the reference model of normal
    English. Built from every source, it has read the house style and topics of each
    training document's source, so the classifier learns what originals look like to a
    reference that knows their source, and reads any text from elsewhere (a user's)
    as odder, and so as rewritten, than it is. Needs ``../shared/data/originals`` and the
    ``training`` extra (wordfreq, symspellpy), as ``training.build_reference`` does.
    """
    from training.build_reference import build_model, reference_texts

    out: np.ndarray | None = None
    for name in sorted(set(sources.tolist())):
        t0 = time.time()
        rows = np.flatnonzero(sources == name)
        ref = build_model(reference_texts(exclude_sources={name}))
        part = featurize([texts[i] for i in rows], ref, n_jobs=n_jobs)
        if out is None:
            out = np.empty((len(texts), part.shape[1]))
        out[rows] = part
        if log is not None:
            log(
                f"  features of {len(rows)} {name} documents, reference without {name}: "
                f"{time.time() - t0:.0f} s"
            )
    return out if out is not None else np.empty((0, 0))


def srcref_cache(cache: Path) -> Path:
    """Where the features cache keeps :func:`source_held_out_features` (PATH.srcref.npy)."""
    return cache.with_suffix(".srcref.npy")


#: where the code every cached number comes from starts: text handling, the feature
#: families, the reference model's lookups and the n-gram counting; every module of the
#: package these import is covered too (:func:`feature_code_files`)
FEATURE_CODE = ("text.py", "lm.py", "ngrams.py", "features")
#: the word lists the families match, every file directly in it (a phrase taken off a list
#: changes the numbers as surely as a code change; ``nltk_data`` below it is textstat's)
FEATURE_DATA = "data"


def feature_code_files(root: Path) -> list[Path]:
    """The package's modules under ``root`` that :data:`FEATURE_CODE` imports, directly or
    through each other (read from their source, function-level imports included), in name
    order. Why: a rule moved into a module of its own (``typos.py``, ``lexicon.py``) changes
    the numbers as surely as one in ``text.py``; a fixed list would miss it."""
    pending: list[Path] = []
    for name in FEATURE_CODE:
        path = root / name
        pending += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        package = path.parent.relative_to(root).parts  # () for a top-level module
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            for parts in _imported(node, package):
                module = root.joinpath(*parts)
                pending += [
                    f for f in (module.with_suffix(".py"), module / "__init__.py") if f.is_file()
                ]
    return sorted(seen)


def _imported(node: ast.AST, package: tuple[str, ...]) -> list[list[str]]:
    """The modules of the package (their names' parts below it) that the statement ``node``
    in a module of ``package`` may import: ``from . import lexical`` names a module, ``from
    .lm import mix`` a name in one, so both readings are offered for the caller to find."""
    if isinstance(node, ast.Import):
        return [a.name.split(".")[1:] for a in node.names if a.name.startswith("spundetect.")]
    if not isinstance(node, ast.ImportFrom):
        return []
    named = node.module.split(".") if node.module else []
    if node.level:
        base = [*package[: len(package) - node.level + 1], *named]
    elif named[:1] == ["spundetect"]:
        base = named[1:]
    else:
        return []
    # the package's own ``__init__`` (``from . import x`` at the top) is not feature code
    return [parts for parts in (base, *([*base, a.name] for a in node.names)) if parts]


def feature_code_sha256() -> str:
    """One SHA-256 over the source of :func:`feature_code_files` and the files of
    :data:`FEATURE_DATA` (each group in name order)."""
    import spundetect

    root = Path(spundetect.__file__).parent
    files = feature_code_files(root)
    files += sorted(f for f in (root / FEATURE_DATA).iterdir() if f.is_file())
    h = hashlib.sha256()
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def cache_identity(corpus: Path, reference: Path) -> dict[str, Any]:
    """What the cached features were computed from: the corpus file, the reference model
    file, the feature names and the code that computes them (a change in how a sentence is
    split changes the numbers without renaming anything). Written to PATH.json beside the
    cache; a cache whose identity differs is recomputed, never reused."""
    from spundetect.card import sha256_file
    from spundetect.features import feature_names

    return {
        "corpus_sha256": sha256_file(corpus),
        "reference_sha256": sha256_file(reference),
        "features": list(feature_names()),
        "feature_code_sha256": feature_code_sha256(),
    }


def load_features_cache(cache: Path, identity: dict[str, Any]) -> tuple[np.ndarray, Any] | None:
    """(hand-written features, n-gram counts) cached at ``cache`` (PATH.npy, PATH.npz), or None
    when absent or computed from something other than ``identity`` (:func:`cache_identity`)."""
    if not (cache.with_suffix(".npy").exists() and cache.with_suffix(".npz").exists()):
        return None
    try:
        stored = json.loads(cache.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stored != identity:
        return None
    import scipy.sparse as sp

    return np.load(cache.with_suffix(".npy")), sp.load_npz(cache.with_suffix(".npz")).tocsr()


class CacheMissing(Exception):
    """The held-out evaluations' features cache is absent or was computed from something else."""


def evaluation_features(
    recs: list[dict[str, Any]],
    corpus: Path,
    cache: Path,
    reference: Path | None,
    srcref: bool = True,
) -> tuple[np.ndarray, Any, np.ndarray | None]:
    """(in-source features, n-gram counts, source-less features or None when ``srcref`` is
    false) from the cache that :func:`main` writes, for the held-out evaluations;
    :class:`CacheMissing` with the reason when it is absent, stale (:func:`cache_identity`)
    or of another corpus."""
    cached = load_features_cache(cache, cache_identity(corpus, reference_path(reference)))
    where = srcref_cache(cache)
    if cached is None or (srcref and not where.exists()):
        raise CacheMissing(
            f"no features cache at {cache} (.npy/.npz{'/.srcref.npy' if srcref else ''}) for "
            "this corpus, reference model, feature set and feature code (train_default "
            "--features-cache writes it)"
        )
    X, counts = cached
    X_srcref = np.load(where) if srcref else None
    if not (
        X.shape[0] == len(recs) == counts.shape[0]
        and (X_srcref is None or X_srcref.shape == X.shape)
    ):
        raise CacheMissing(f"the features cache does not match {corpus}")
    return X, counts, X_srcref


def save_features_cache(cache: Path, X: np.ndarray, counts: Any, identity: dict[str, Any]) -> None:
    """Write the cache read by :func:`load_features_cache`, its identity last."""
    import scipy.sparse as sp

    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.with_suffix(".json").unlink(missing_ok=True)
    np.save(cache.with_suffix(".npy"), X)
    sp.save_npz(cache.with_suffix(".npz"), counts)
    srcref_cache(cache).unlink(missing_ok=True)  # made from the old features' inputs
    cache.with_suffix(".json").write_text(json.dumps(identity, indent=1), encoding="utf-8")


def seed_check(det: Detector) -> list[dict[str, Any]]:
    """Score the five seed articles; each row says whether the label matched."""
    labels_tsv = SEEDS / "labels.tsv"
    if not labels_tsv.exists():
        return []
    rows = []
    for line in labels_tsv.read_text(encoding="utf-8").splitlines()[1:]:
        name, label = line.split("\t")[:2]
        r = det.score((SEEDS / name).read_text(encoding="utf-8"))
        rows.append(
            {
                "file": name,
                "expected": label,
                "predicted": r.label,
                "ok": r.label == label,
                "probabilities": {k: round(v, 3) for k, v in r.probabilities.items()},
            }
        )
    return rows


def rescore_seeds(out: Path, log: Any) -> int:
    """Rewrite the card's seed results in model directory ``out`` (see ``--rescore-seeds``)."""
    seeds = seed_check(Detector.load(out))
    if not seeds:
        log(f"no seed articles at {SEEDS}")
        return 1
    card = read_card(out)
    card.setdefault("metrics", {})["seeds"] = seeds
    write_card(out, card)
    for s in seeds:
        log(f"{s['file']}: {s['predicted']} {s['probabilities']} ({'ok' if s['ok'] else 'WRONG'})")
    return 0


def logo_eval(
    X: np.ndarray,
    counts: Any,
    recs: list[dict[str, Any]],
    make_clf: Any,
    log: Any,
    X_fit: np.ndarray | None = None,
    only: Collection[str] | None = None,
    saved: dict[str, list[Any]] | None = None,
) -> dict[str, Any]:
    """Leave one generator out: train without it (and without its groups), test on it.

    The test set of each fold is the held-out generator's documents plus the
    test-split documents of the other labels, so macro-F1 covers all classes.
    The n-gram model is refitted in every fold (out-of-fold inside the fold, with the
    same group-, generator- and source-held-out stacking as the shipped model). The folds and their
    masks, for corpora of one round or several, are :func:`training.splits.logo_masks`.
    ``X_fit`` (default ``X``) holds the features each fold trains on, ``X`` those it tests on.
    ``only`` limits the folds to these generator families. ``saved`` (lists under "fold",
    "label", "source", "held", "proba", "index") receives each fold's test documents, their
    probabilities (columns in :data:`LABELS` order) and their rows in ``recs``, for analyses
    beyond the summary.
    """
    X_fit = X if X_fit is None else X_fit
    y = np.asarray([r["label"] for r in recs])
    group = np.asarray([r["group"] for r in recs])
    family = np.asarray([generator_family(r["generator"]) for r in recs], dtype=object)
    source = np.asarray([source_family(r.get("source")) for r in recs], dtype=object)
    out: dict[str, Any] = {}
    for name, (held, train_m, test_m) in logo_masks(recs).items():
        if only is not None and name not in only:
            continue
        held_label = y[held][0]
        oof = oof_proba(
            counts[train_m],
            y[train_m],
            group[train_m],
            LABELS,
            n_splits=3,
            generators=list(family[train_m]),
            sources=list(source[train_m]),
        )
        ng = fit_ngram(
            counts[train_m], y[train_m], groups=group[train_m], generators=list(family[train_m])
        )
        pt = ng.proba(ng.matrix(counts[test_m]))
        pt = pt[:, [ng.classes.index(lab) for lab in LABELS]]
        clf = make_clf().fit(np.hstack([X_fit[train_m], oof]), y[train_m], groups=group[train_m])
        proba = clf.predict_proba(np.hstack([X[test_m], pt]))
        cols = [list(clf.classes_).index(lab) for lab in LABELS]
        rep = evaluate(y[test_m], proba[:, cols])
        pred = np.asarray(LABELS)[proba[:, cols].argmax(1)]
        h = held[test_m]
        recall = float(np.mean(pred[h] == held_label))
        if saved is not None:
            saved["fold"].append(np.full(int(test_m.sum()), name, dtype=object))
            saved["label"].append(y[test_m])
            saved["source"].append(source[test_m])
            saved["held"].append(h)
            saved["proba"].append(proba[:, cols])
            saved.setdefault("index", []).append(np.flatnonzero(test_m))  # rows of ``recs``
        out[name] = {
            "macro_f1": rep["macro_f1"],
            "recall_on_held_out": recall,
            "n_test": int(test_m.sum()),
        }
        log(
            f"  LOGO {name:22s} macro-F1 {rep['macro_f1']:.3f}  recall on held-out generator {recall:.3f}"
        )
    vals = [v["macro_f1"] for v in out.values()]
    if vals:
        out["mean_macro_f1"] = float(np.mean(vals))
        out["min_macro_f1"] = float(np.min(vals))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=REPO / "work-data" / "corpus.jsonl")
    ap.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="reference LM file (default: models/default/reference.*)",
    )
    ap.add_argument("--out", type=Path, default=REPO / "models" / "default")
    ap.add_argument("--kind", default="hgb", choices=["hgb", "logreg", "ensemble"])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--max-features",
        type=float,
        default=1.0,
        help="share of features each tree split may consider (below 1: no single feature dominates)",
    )
    ap.add_argument(
        "--no-logo", action="store_true", help="skip the leave-one-generator-out evaluation"
    )
    ap.add_argument(
        "--features-cache",
        type=Path,
        default=None,
        help="cache the features here (PATH.npy: hand-written, PATH.npz: n-gram counts, "
        "PATH.srcref.npy: hand-written with a reference model without each text's source)",
    )
    ap.add_argument(
        "--shared-reference",
        action="store_true",
        help="train on features from the shipped reference model for every text, instead of "
        "one built without each text's own source",
    )
    ap.add_argument(
        "--rescore-seeds",
        action="store_true",
        help="retrain nothing: score the seed articles with the model in --out and this "
        "code, and rewrite only the card's seed results (after a change in text handling "
        "that leaves every corpus document's features as they were)",
    )
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if args.rescore_seeds:
        return rescore_seeds(args.out, log)

    t0 = time.time()
    recs = read_corpus(args.corpus)
    log(f"{len(recs)} documents from {args.corpus}")
    ref_path = reference_path(args.reference)
    reference = lm.load(ref_path)
    texts = [r["text"] for r in recs]
    y = np.asarray([r["label"] for r in recs])
    split = np.asarray([r.get("split", "train") for r in recs])
    groups = np.asarray([r["group"] for r in recs])

    cache = args.features_cache
    identity = cache_identity(args.corpus, ref_path) if cache else {}
    cached = load_features_cache(cache, identity) if cache else None
    if cached is not None:
        X, counts = cached
        log(f"features from the cache {cache}.npy/.npz")
    else:
        if cache:
            log(f"no features cache for this corpus, reference, feature set and code at {cache}")
        X, counts = featurize(texts, reference, n_jobs=args.jobs, with_counts=True)
        if cache:
            save_features_cache(cache, X, counts, identity)
    t_feat = time.time() - t0
    log(f"features: {X.shape} in {t_feat:.0f} s")
    source = np.asarray([source_family(r.get("source")) for r in recs])
    X_fit = X
    if not args.shared_reference:
        srcref = srcref_cache(cache) if cache else None
        cached_fit = np.load(srcref) if srcref is not None and srcref.exists() else None
        if cached_fit is not None and cached_fit.shape == X.shape:
            X_fit = cached_fit
        else:  # none cached, or cached for another corpus
            X_fit = source_held_out_features(texts, source, args.jobs, log)
            if srcref is not None:
                np.save(srcref, X_fit)
        log(f"features with a reference model without each text's source: {time.time() - t0:.0f} s")

    def make_clf() -> SpunClassifier:
        return SpunClassifier(kind=args.kind, max_features=args.max_features, random_state=0)

    fit_m = split != "test"
    det = train(
        [texts[i] for i in np.flatnonzero(fit_m)],
        list(y[fit_m]),
        groups=list(groups[fit_m]),
        generators=[generator_family(r["generator"]) for r, m in zip(recs, fit_m) if m],
        sources=[source_family(r.get("source")) for r, m in zip(recs, fit_m) if m],
        reference=reference,
        classifier=_MaskedFit(make_clf(), split[fit_m] == "validation"),
        X=X_fit[fit_m],
        counts=counts[fit_m],
    )
    test_m = split == "test"
    ng = det._ngram
    assert ng is not None
    pt = ng.proba(ng.matrix(counts[test_m]))[:, [ng.classes.index(lab) for lab in LABELS]]
    test_rep = evaluate(list(y[test_m]), det.predict_proba_features(np.hstack([X[test_m], pt])))
    log("test split (group-held-out):\n" + format_report(test_rep))
    keep = split != "validation"
    logo = (
        {}
        if args.no_logo
        else logo_eval(
            X[keep],
            counts[keep],
            [r for r, k in zip(recs, keep) if k],
            make_clf,
            log,
            X_fit=X_fit[keep],
        )
    )
    seeds = seed_check(det)
    for s in seeds:
        log(
            f"  seed {s['file']}: expected {s['expected']}, got {s['predicted']} {s['probabilities']}"
        )

    card = det._card
    corpus_hash = hashlib.sha256(args.corpus.read_bytes()).hexdigest()
    card["name"] = "spundetect-default"
    card["training"].update(
        {
            "corpus": args.corpus.name,
            "corpus_sha256": corpus_hash,
            "per_generator": dict(
                collections.Counter(r["generator"] for r, m in zip(recs, fit_m) if m)
            ),
            "sources": dict(
                collections.Counter(r.get("source", "?") for r, m in zip(recs, fit_m) if m)
            ),
            "licences": sorted({r.get("licence", "?") for r in recs}),
            "splits": dict(collections.Counter(split.tolist())),
            "reference": ref_path.name,
            "reference_features": (
                "every text's hand-written features computed with the shipped reference model"
                if args.shared_reference
                else "training texts' hand-written features computed with a reference model "
                f"built without the text's own source ({len(set(source.tolist()))} sources); "
                "test split and seeds with the shipped reference"
            ),
            "command": "python -m training.train_default " + " ".join(argv or sys.argv[1:]),
        }
    )
    card["metrics"]["test"] = test_rep
    card["metrics"]["leave_one_generator_out"] = logo
    card["metrics"]["seeds"] = seeds
    card["training_seconds"] = round(time.time() - t0, 1)
    det.save(args.out)
    log(f"wrote {args.out} in {time.time() - t0:.0f} s")
    return 0


class _MaskedFit:
    """Adapter: fit a SpunClassifier with the corpus's own validation split as the calibration set."""

    def __init__(self, clf: SpunClassifier, mask: np.ndarray) -> None:
        self.clf = clf
        self.mask = mask

    def fit(self, X: np.ndarray, y: Any, groups: Any = None) -> SpunClassifier:
        return self.clf.fit(X, y, groups=groups, calibration_mask=self.mask)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.clf, name)


if __name__ == "__main__":
    raise SystemExit(main())
