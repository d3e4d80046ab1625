"""Group-aware splits and leave-one-generator-out folds.

An original and everything derived from it share one ``group``; keeping groups whole is what
stops a model from scoring well by recognising the content it saw in training.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = [
    "SHARES",
    "SPLITS",
    "assign_splits",
    "generator_family",
    "logo_folds",
    "logo_masks",
    "round_of",
    "split_of",
]

SPLITS: tuple[str, ...] = ("train", "validation", "test")
SHARES: tuple[float, float, float] = (0.70, 0.15, 0.15)


def _unit(key: str) -> float:
    """A stable number in [0, 1) from a string (independent of PYTHONHASHSEED)."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") / 2**64


def split_of(group: str, shares: Sequence[float] = SHARES) -> str:
    """The split of a whole group: a stable hash, so rebuilds and new documents agree."""
    if len(shares) != len(SPLITS) or abs(sum(shares) - 1.0) > 1e-9 or min(shares) < 0:
        raise ValueError(f"shares must be {len(SPLITS)} non-negative numbers summing to 1")
    u = _unit(f"split:{group}")
    acc = 0.0
    for name, share in zip(SPLITS, shares, strict=True):
        acc += share
        if u < acc:
            return name
    return SPLITS[-1]


def assign_splits(records: Sequence[dict[str, Any]], shares: Sequence[float] = SHARES) -> None:
    """Set ``record["split"]`` from its ``group`` (in place)."""
    for r in records:
        r["split"] = split_of(str(r["group"]), shares)


def generator_family(generator: str) -> str | None:
    """The system behind a corpus text, for generator-held-out stacking (None: an original).

    Translation is one system per pivot language (``mt:spa``, ``mt-partial:spa`` and
    ``mt:spa>cat`` are Apertium's Spanish), as in :func:`logo_folds`.
    """
    if generator == "original":
        return None
    if generator.startswith("mt"):
        return "mt:" + generator.split(":", 1)[1].split(">")[0]
    return generator


def source_family(source: str | None) -> str:
    """Where an original came from, for source-held-out stacking: the Wikinews files are
    one source, as are the two WikiText files (one genre, one writing community each)."""
    name = source or ""
    for family in ("wikinews", "wikitext"):
        if name.startswith(family):
            return family
    return name


def logo_folds(recs: Sequence[Mapping[str, Any]]) -> dict[str, np.ndarray]:
    """Held-out masks for leave-one-generator-out evaluation.

    Spinner styles are held out one at a time. Machine translation is held out
    by pivot language: ``mt:spa``, ``mt-partial:spa`` and the chains through
    Spanish leave together, or the fold would test on a language it trained on.
    """
    gen = [r["generator"] for r in recs]
    label = [r["label"] for r in recs]
    folds: dict[str, np.ndarray] = {}
    for g in sorted({g for g, lab in zip(gen, label) if lab == "spun"}):
        folds[g] = np.asarray([x == g for x in gen])
    langs = sorted(
        {
            lang
            for g, lab in zip(gen, label)
            if lab == "machine_garbled"
            for lang in g.split(":", 1)[-1].split(">")
        }
    )
    for lang in langs:
        folds[f"mt via {lang}"] = np.asarray(
            [
                lab == "machine_garbled" and lang in g.split(":", 1)[-1].split(">")
                for g, lab in zip(gen, label)
            ]
        )
    return folds


def round_of(doc_id: str) -> int:
    """The seed of the corpus round a document comes from (``s14/...``); 0 for one round."""
    head, sep, _ = doc_id.partition("/")
    return int(head[1:]) if sep and head[:1] == "s" and head[1:].isdigit() else 0


def logo_masks(
    recs: Sequence[Mapping[str, Any]],
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per fold of :func:`logo_folds`: ``(held, train, test)`` masks over ``recs``.

    ``held`` is the held-out generator's documents that are tested; ``test`` adds the
    test-split documents of the other labels (so macro-F1 covers all classes); ``train``
    leaves out the held-out generator, every group of a tested document, and the test split.

    A corpus of several rounds (ids ``s<seed>/...``, see ``training.build_corpus``) is tested
    on its first round only, and the groups of the tested documents leave training in every
    round: a fold keeps out as many groups as it would with one round, and its figures
    compare with a one-round corpus's (testing every round would keep out three rounds'
    worth of groups). A fold whose generator the first round lacks is skipped.
    """
    y = np.asarray([r["label"] for r in recs])
    split = np.asarray([r.get("split", "train") for r in recs])
    group = np.asarray([r["group"] for r in recs])
    rounds = np.asarray([round_of(str(r["id"])) for r in recs])
    first = rounds == rounds.min() if len(rounds) else rounds.astype(bool)
    out: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for name, held_any in logo_folds(recs).items():
        held = held_any & first
        if not held.any():
            continue
        held_label = y[held][0]
        in_held = np.isin(group, np.unique(group[held]))
        train = ~held_any & ~in_held & (split != "test")
        test = held | ((split == "test") & ~in_held & (y != held_label) & first)
        out[name] = (held, train, test)
    return out
