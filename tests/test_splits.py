"""Group-aware splits and leave-one-generator-out folds."""

from __future__ import annotations

from collections import Counter

import pytest

from training.splits import SPLITS, assign_splits, generator_family, logo_folds, split_of


def make_records(n_groups: int = 300) -> list[dict[str, str]]:
    recs = []
    gens = ["spin:a", "spin:b", "mt:spa", "mt:cat"]
    for g in range(n_groups):
        group = f"src:{g}"
        recs.append(
            {
                "id": f"{group}#0/original",
                "group": group,
                "label": "original",
                "generator": "original",
            }
        )
        recs.append(
            {"id": f"{group}#0/s", "group": group, "label": "spun", "generator": gens[g % 2]}
        )
        recs.append(
            {
                "id": f"{group}#0/m",
                "group": group,
                "label": "machine_garbled",
                "generator": gens[2 + (g // 2) % 2],
            }
        )
    return recs


def test_splits_are_group_disjoint_and_deterministic() -> None:
    recs = make_records()
    assign_splits(recs)
    by_group: dict[str, set[str]] = {}
    for r in recs:
        by_group.setdefault(r["group"], set()).add(r["split"])
    assert all(len(s) == 1 for s in by_group.values())
    again = make_records()
    assign_splits(again)
    assert [r["split"] for r in recs] == [r["split"] for r in again]


def test_split_shares_roughly_70_15_15() -> None:
    counts = Counter(split_of(f"g{i}") for i in range(6000))
    assert set(counts) == set(SPLITS)
    assert abs(counts["train"] / 6000 - 0.70) < 0.03
    assert abs(counts["test"] / 6000 - 0.15) < 0.03


def test_bad_shares_rejected() -> None:
    with pytest.raises(ValueError, match="sum"):
        split_of("g", (0.5, 0.5, 0.5))


def test_logo_folds_hold_out_a_spinner_or_a_translation_language() -> None:
    chain = {"id": "x#0/c", "group": "x", "label": "machine_garbled", "generator": "mt:spa>cat"}
    recs = [*make_records(), chain]
    folds = logo_folds(recs)
    assert list(folds) == ["spin:a", "spin:b", "mt via cat", "mt via spa"]
    gens = [r["generator"] for r in recs]
    for name in ("spin:a", "spin:b"):
        assert [g for g, m in zip(gens, folds[name]) if m] == [name] * 150
    # a chain through two languages leaves with both
    for lang in ("cat", "spa"):
        held = {g for g, m in zip(gens, folds[f"mt via {lang}"]) if m}
        assert held == {f"mt:{lang}", "mt:spa>cat"}


def test_generator_family_groups_translation_by_pivot_language() -> None:
    assert generator_family("original") is None
    assert generator_family("synonym_light") == "synonym_light"
    assert {generator_family(g) for g in ("mt:spa", "mt-partial:spa", "mt:spa>cat")} == {"mt:spa"}
