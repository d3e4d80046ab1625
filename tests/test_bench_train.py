"""The retraining benchmark (benchmarks/bench_train.py): its samples keep groups whole."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_train.py"
spec = importlib.util.spec_from_file_location("bench_train", PATH)
assert spec is not None and spec.loader is not None
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def _corpus(tmp_path: Path) -> Path:
    rows = []
    for g in range(30):
        split = "test" if g % 5 == 0 else "train"
        rows.append({"id": f"{g}", "text": f"text {g}", "label": "original", "group": f"g{g}",
                     "source": "wiki", "split": split})  # fmt: skip
        for k, gen in enumerate(("syn", "mt:spa")):
            label = "spun" if gen == "syn" else "machine_garbled"
            rows.append({"id": f"{g}/{k}", "text": f"rewrite {g} {k}", "label": label,
                         "group": f"g{g}", "generator": gen, "source": "wiki", "split": split})  # fmt: skip
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_samples_are_whole_groups_and_never_test_documents(tmp_path: Path) -> None:
    groups, test = bench._groups(_corpus(tmp_path))
    assert len(test) == 18 and {d["group"] for d in test} == {f"g{g}" for g in range(0, 30, 5)}
    assert not {d["group"] for d in test} & set(groups)
    sample = bench._sample(groups, 29, seed=1)
    assert len(sample) == 30  # the group that reaches 29 is taken whole
    by_group: dict[str, int] = {}
    for d in sample:
        by_group[d["group"]] = by_group.get(d["group"], 0) + 1
    assert set(by_group.values()) == {3}  # an original with both its rewrites, never a part
    assert bench._sample(groups, 29, seed=1) == sample  # reproducible
    assert bench._sample(groups, 30, seed=2) != sample
    assert all(d["generator"] == "" for d in sample if d["label"] == "original")
