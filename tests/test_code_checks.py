"""The library type-checks (it ships ``py.typed``) and the tree is lint-clean."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy not installed")
def test_library_type_checks(tmp_path: Path) -> None:
    # files and settings come from [tool.mypy] in pyproject.toml
    cmd = [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")]
    p = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff not installed")
def test_lint_and_format_clean() -> None:
    for args in (["check", "."], ["format", "--check", "."]):
        p = subprocess.run(
            [sys.executable, "-m", "ruff", *args], cwd=REPO, capture_output=True, text=True
        )
        assert p.returncode == 0, p.stdout + p.stderr
