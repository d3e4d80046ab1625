"""README.md stays true: CI runs the test command it gives, and its Python example runs as
written (on texts written here), with the outcomes its comments promise."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from sample_texts import FERRY, ORIGINALS, PARKING, tiny_corpus

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")

# PARKING with its words swapped for rarer ones, as a spinner does
SUSPECT = (
    "The council convened on Thursday to deliberate the novel parking regulations for the "
    "antiquated town. Shop proprietors stated the scheme would retain clientele away from the "
    "marketplace. Inhabitants welcomed the notion of fewer automobiles in the narrow streets. "
    "A conclusive verdict is anticipated before the summer vacations commence."
)


def _block(after: str, lang: str) -> str:
    """The first fenced ``lang`` block after the line ``after``."""
    start = README.index(after)
    m = re.compile(rf"^```{lang}\n(.*?)^```", re.M | re.S).search(README, start)
    assert m is not None, f"no ```{lang} block after {after!r}"
    return m.group(1)


def _pytest_args(command: str) -> list[str]:
    """The arguments after ``-m pytest`` in a shell line."""
    for part in command.split("&&"):
        words = shlex.split(part)
        if words[1:3] == ["-m", "pytest"]:
            return words[3:]
    raise AssertionError(f"no `python -m pytest` in {command!r}")


def test_ci_runs_the_readmes_test_command() -> None:
    readme_cmd = _block("Run the tests:", "bash").strip()
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ci_pytest = [ln for ln in ci_lines if not ln.startswith("#") and "-m pytest" in ln]
    assert len(ci_pytest) == 1, ci_pytest
    assert _pytest_args(ci_pytest[0]) == _pytest_args(readme_cmd)
    # the extra README installs is the one CI installs, with the plugin `-n` needs
    assert "-e '.[dev]'" in readme_cmd and any("-e '.[dev]'" in ln for ln in ci_lines)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    dev = re.search(r"^dev = \[(.*)\]$", pyproject, re.M)
    assert dev is not None and '"pytest-xdist' in dev.group(1)


def test_the_readmes_first_command_scores_a_seed() -> None:
    words = shlex.split(_block("shipped default model:", "bash").split("&&")[1])
    assert words[:2] == ["spundetect", "score"]
    assert words[2].startswith("../shared/seeds/") and words[2].endswith(".txt")
    if (REPO.parent / "shared" / "seeds").is_dir():  # beside the clone, as on CI
        assert (REPO / words[2]).is_file()


def test_the_readmes_python_example_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _block("## Python API in brief", "python")
    texts, labels, groups = tiny_corpus()
    namespace = {
        "text": ORIGINALS[0],
        "texts": texts,
        "labels": labels,
        "groups": groups,
        "docs": [{"text": t} for t in (ORIGINALS[1], "", SUSPECT)],
        "source": PARKING,
        "suspect": SUSPECT,
        "wire_stories": [("AP-0412", PARKING), ("AP-0413", FERRY)],
    }
    monkeypatch.chdir(tmp_path)  # the example saves "my-model/"
    exec(compile(code, "README.md", "exec"), namespace)

    assert namespace["r"].status == "ok" and namespace["r"].label is not None
    assert namespace["strict"].score(ORIGINALS[0]).status == "ok"
    assert (tmp_path / "my-model" / "card.json").is_file()
    assert namespace["c"].verdict == "rewritten"
    m = namespace["m"]
    assert (m.source_id, m.verdict) == ("AP-0412", "rewritten")
