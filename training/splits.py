"""Group-aware splits and leave-one-generator-out folds.

An original and everything derived from it share one ``group``; keeping groups whole is what
stops a model from scoring well by recognising the content it saw in training.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

__all__ = ["SHARES", "SPLITS", "assign_splits", "logo_folds", "split_of"]

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


def logo_folds(
    records: Sequence[Mapping[str, Any]],
) -> Iterator[tuple[str, list[int], list[int]]]:
    """Leave-one-generator-out folds: ``(held_out_generator, train_idx, test_idx)``.

    For each non-original generator g, every group that contains a g document is held out
    whole: none of its documents (originals and other generators included) is trained on, and
    g itself is absent from training. The test indices are all documents of those groups, so
    the fold measures g as an unseen generator together with its own originals.
    """
    gens = sorted({str(r["generator"]) for r in records if r["label"] != "original"})
    for g in gens:
        held = {r["group"] for r in records if r["generator"] == g}
        train = [i for i, r in enumerate(records) if r["group"] not in held and r["generator"] != g]
        test = [i for i, r in enumerate(records) if r["group"] in held]
        yield g, train, test
