"""The wheel that README's first command (``pip install .``) builds and installs.

The other tests run on the editable install, which reads ``models/`` and ``spundetect/data/``
from the tree: a data file the wheel leaves out, or a build that setuptools deprecates, would
pass them and break only for users. ``.ci/run`` builds the wheel as pip builds it (an isolated
build with the newest setuptools) and names it in ``SPUNDETECT_WHEEL``, its build log in
``SPUNDETECT_WHEEL_LOG``; without them these tests are skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import spundetect

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "004_2b3f9f2055e0df11.txt"


@pytest.fixture(scope="module")
def wheel() -> zipfile.ZipFile:
    path = os.environ.get("SPUNDETECT_WHEEL")
    if not path:
        pytest.skip("no wheel built (SPUNDETECT_WHEEL is set by .ci/run)")
    return zipfile.ZipFile(path)


def _metadata(wheel: zipfile.ZipFile) -> tuple[str, dict[str, list[str]]]:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    msg = Parser().parsestr(wheel.read(name).decode())
    return name.split(".dist-info/")[0], {k: msg.get_all(k) or [] for k in set(msg.keys())}


def test_the_wheel_holds_the_model_the_card_names_and_the_data(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    card = json.loads(wheel.read("spundetect/models/default/card.json"))
    for role, entry in card["files"].items():
        member = f"spundetect/models/default/{entry['name']}"
        assert member in names, role
        assert hashlib.sha256(wheel.read(member)).hexdigest() == entry["sha256"], role
    assert "spundetect/models/default/MODEL_CARD.md" in names
    shipped = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "spundetect" / "data").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert shipped and all(p in names for p in shipped)
    assert "spundetect/py.typed" in names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "spundetect").rglob("*.py")}
    assert modules <= names
    # nothing of the tests, the training scripts, the corpora or the work area
    assert not [n for n in names if n.split("/")[0] in {"tests", "training", "benchmarks"}]
    assert not [n for n in names if "work-data" in n or "__pycache__" in n or n.endswith(".pyc")]


def test_the_wheel_names_its_version_and_licences(wheel: zipfile.ZipFile) -> None:
    dist_info, meta = _metadata(wheel)
    assert meta["Version"] == [spundetect.__version__]
    assert meta["License-Expression"] == ["MIT"]
    assert sorted(meta["License-File"]) == ["LICENSE", "THIRD_PARTY_NOTICES.md"]
    notices = wheel.read(f"{dist_info}.dist-info/licenses/THIRD_PARTY_NOTICES.md").decode()
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in notices
    assert meta["Requires-Python"] == [">=3.10"]
    assert meta["Requires-Dist"]  # the dependencies, not an empty list


def test_the_build_raises_no_deprecation_and_ignores_no_data_folder() -> None:
    """setuptools said the licence table would be refused from 2027-02-18 and that three data
    folders "would be ignored"; its newest release, which pip fetches, is what users build with."""
    log = os.environ.get("SPUNDETECT_WHEEL_LOG")
    if not log:
        pytest.skip("no build log (SPUNDETECT_WHEEL_LOG is set by .ci/run)")
    text = Path(log).read_text(encoding="utf-8", errors="replace")
    assert "Successfully built" in text or "Created wheel" in text
    said = [
        line
        for line in text.splitlines()
        if "deprecat" in line.lower() or "would be ignored" in line.lower()
    ]
    assert said == []


def test_the_unpacked_wheel_scores_an_article_on_its_own(
    wheel: zipfile.ZipFile, tmp_path: Path
) -> None:
    """The installed files alone (not the tree) load the model and score: run from the
    unpacked wheel, ahead of the editable install on the path."""
    if not SEED.is_file():
        pytest.skip("../shared/seeds is absent")
    site = tmp_path / "site"
    wheel.extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import sys, spundetect, spundetect.cli as c; print(spundetect.__file__, file=sys.stderr);"
        "sys.exit(c.main(['score', sys.argv[1], '--format', 'json']))"
    )
    p = subprocess.run(
        [sys.executable, "-c", code, str(SEED)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    assert p.stderr.strip().startswith(str(site))  # the wheel's package, not the tree's
    (result,) = json.loads(p.stdout)
    assert result["label"] == "machine_garbled" and result["status"] == "ok"
