"""Group-aware splits and leave-one-generator-out folds."""

from __future__ import annotations

from collections import Counter

import pytest

from training.splits import (
    SPLITS,
    assign_splits,
    generator_family,
    logo_folds,
    logo_masks,
    round_of,
    source_family,
    split_of,
)


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


def test_round_of_reads_the_round_prefix() -> None:
    assert round_of("s14/wikinews:1#0/original") == 14
    assert round_of("wikinews:1#0/original") == 0  # one-round corpus
    assert round_of("src:3#0/s") == 0 and round_of("sx/abc") == 0


def test_logo_masks_one_round() -> None:
    recs = make_records()
    assign_splits(recs)
    y = [r["label"] for r in recs]
    for held, train, test in logo_masks(recs).values():
        held_groups = {r["group"] for r, h in zip(recs, held) if h}
        assert held.any() and not (held & train).any() and (held <= test).all()
        for r, tr, te, h in zip(recs, train, test, held):
            if tr:  # never the held-out generator, its groups, or the test split
                assert r["group"] not in held_groups and r["split"] != "test"
            if te and not h:  # the other labels' test documents, outside the held groups
                assert r["split"] == "test" and r["group"] not in held_groups
        held_label = {lab for lab, h in zip(y, held) if h}
        assert len(held_label) == 1
        assert not any(t and not h and lab in held_label for t, h, lab in zip(test, held, y))


def test_logo_masks_several_rounds_test_the_first_only() -> None:
    one = make_records(120)
    assign_splits(one)
    two = [dict(r, id=f"s{k}/{r['id']}") for k in (5, 6) for r in one]
    # round 6 rewrites group 0 with another spinner too
    for r in two:
        if r["id"].startswith("s6/src:0#") and r["label"] == "spun":
            r["generator"] = "spin:b" if r["generator"] == "spin:a" else "spin:a"
    masks_one, masks_two = logo_masks(one), logo_masks(two)
    assert list(masks_one) == list(masks_two)
    n = len(one)
    for name, (held, train, test) in masks_two.items():
        h1, tr1, te1 = masks_one[name]
        # the first round is tested exactly as the one-round corpus; the second never is
        assert (held[:n] == h1).all() and not held[n:].any()
        assert (test[:n] == te1).all() and not test[n:].any()
        # training: both rounds, minus the held-out generator anywhere and the tested groups
        assert (train[:n] == tr1).all()
        if name.startswith("mt via"):
            continue  # a language fold: its generators are checked in test_logo_folds_*
        held_groups = {r["group"] for r, h in zip(two, held) if h}
        for r, tr in zip(two[n:], train[n:]):
            leaves = r["group"] in held_groups or r["split"] == "test" or r["generator"] == name
            assert tr == (not leaves)


def test_generator_family_groups_translation_by_pivot_language() -> None:
    assert generator_family("original") is None
    assert generator_family("synonym_light") == "synonym_light"
    assert {generator_family(g) for g in ("mt:spa", "mt-partial:spa", "mt:spa>cat")} == {"mt:spa"}


def test_source_families_join_the_files_of_one_writing_community() -> None:
    assert source_family("wikinews_cd2000") == source_family("wikinews_meantime") == "wikinews"
    assert source_family("wikitext2_test_paragraphs") == "wikitext"
    assert source_family("wikitext103_cd_nontest") == "wikitext"
    assert source_family("gum_cc") == "gum_cc" and source_family(None) == ""
