"""The suite collects the same tests in every process: pytest-xdist's workers (README's test
command runs ``-n auto``) each collect it and refuse to start when they disagree, as they did
when a parameter held a zip made at collection time, its time stamp in the test's id."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _collected(hash_seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    p = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    return [line for line in p.stdout.splitlines() if "::" in line]


def test_two_collections_seconds_apart_with_other_hash_seeds_agree() -> None:
    first = _collected("1")
    time.sleep(2.5)  # a zip's time stamp moves every 2 seconds
    second = _collected("2")
    assert len(first) > 1000
    assert first == second, sorted(set(first) ^ set(second))[:5]
