"""Shared fixtures: the ../shared data folder and an Apertium skip marker (both optional), and
the tiny reference model and detector trained once per run on texts written for the tests."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spundetect import Detector, lm

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


@pytest.fixture(scope="session")
def tiny_reference() -> lm.ReferenceModel:
    """A reference model of the test texts (shared by every module that trains one)."""
    from sample_texts import ORIGINALS

    from spundetect import lm

    # a tiny word-frequency table instead of wordfreq's 100k words keeps the fixture fast
    zipf = {
        w: 4.0 for t in ORIGINALS for w in t.lower().replace(".", " ").replace(",", " ").split()
    }
    zipf.update(
        dict.fromkeys(
            ["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with"],
            6.5,
        )
    )
    return lm.build(ORIGINALS * 2, zipf=zipf)


@pytest.fixture(scope="session")
def tiny_detector(tiny_reference: lm.ReferenceModel) -> Detector:
    """A detector trained on the test texts: whatever it labels, it runs the whole pipeline."""
    from sample_texts import tiny_corpus

    from spundetect import train

    texts, labels, groups = tiny_corpus()
    return train(texts, labels, groups=groups, reference=tiny_reference)
