"""Shared fixtures: the ../shared data folder and an Apertium skip marker (both optional)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"

requires_apertium = pytest.mark.skipif(
    shutil.which("apertium") is None, reason="Apertium is not installed"
)


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder beside the repository; skips the test when it is absent."""
    if not (SHARED_DIR / "data").is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED_DIR


@pytest.fixture
def apertium() -> None:
    """Skip unless Apertium and every pair the corpus uses are installed."""
    from training.mt import ApertiumMissing, check_apertium

    try:
        check_apertium()
    except ApertiumMissing as exc:
        pytest.skip(str(exc))
