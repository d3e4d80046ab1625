"""No code path touches the network: sockets are blocked and nltk.download must never be called."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from lm_texts import REF_TEXTS, ZIPF

from spundetect import lm
from spundetect.features import extract, feature_names
from spundetect.features.readability import NLTK_DATA_DIR, textstat_report
from spundetect.text import tokenize

TEXT = (
    "The city council voted on Tuesday to extend the night bus service for another year. "
    "Supporters said the buses help shift workers get home safely, while critics argued that "
    "the money would be better spent on repairing roads. "
    "\u201cWe will review it,\u201d the mayor said."
)


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise NetworkUsed(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import nltk

    monkeypatch.setattr(nltk, "download", refuse)
    import nltk.downloader

    monkeypatch.setattr(nltk.downloader.Downloader, "download", refuse)


def test_shipped_cmudict_is_an_nltk_directory() -> None:
    f = NLTK_DATA_DIR / "corpora" / "cmudict" / "cmudict"
    assert f.is_file()
    assert (f.parent / "LICENSE").is_file()
    first = f.open(encoding="latin-1").readline().split()
    assert first[1] == "1" and first[0].isupper()


def test_textstat_report_runs_offline(no_network: None) -> None:
    rep = textstat_report(TEXT)
    assert rep["flesch_reading_ease"] != 0.0
    assert rep["syllable_count"] > rep["lexicon_count"] > 30
    assert all(np.isfinite(v) for v in rep.values())


def test_all_feature_families_run_offline(no_network: None) -> None:
    ref = lm.build(REF_TEXTS, zipf=ZIPF)
    v = extract(tokenize(TEXT), ref)
    assert v.shape == (len(feature_names()),)
    assert np.all(np.isfinite(v))


def test_blocker_really_blocks(no_network: None) -> None:
    """The fixture itself must be able to fail, or the tests above prove nothing."""
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80), timeout=1)
    import nltk

    with pytest.raises(NetworkUsed):
        nltk.download("cmudict")


def test_the_shipped_model_scores_and_explains_offline(no_network: None) -> None:
    from spundetect import Detector
    from spundetect.detector import default_model_dir

    if not (default_model_dir() / "card.json").is_file():
        pytest.skip("no shipped default model")
    det = Detector.load()
    r = det.score(TEXT, explain=True)
    assert r.status == "ok" and r.label is not None
    assert r.sentences


def _nltk_refuses_writable_data() -> bool:
    """Whether the installed nltk refuses a data folder other accounts can write (3.10.4 on;
    checked in nltk's data.py of each release from 3.8 to 3.10.4)."""
    from importlib.metadata import version

    parts = [int(x) for x in version("nltk").split(".")[:3] if x.isdigit()]
    return tuple(parts + [0] * (3 - len(parts))) >= (3, 10, 4)


def test_textstat_runs_offline_from_a_group_writable_install(tmp_path: Path) -> None:
    """An install made under ``umask 002`` leaves the shipped nltk data group-writable, which
    nltk 3.10.4+ refuses to read; textstat would then reach for ``nltk.download``. The
    dictionary is read from a private copy instead, offline, and the copy is gone at exit.
    The probe runs under ``umask 002`` too, as such a user's programs do, so the copy's own
    folders and files must be made private, not left to the umask. An older nltk (the floor is 3.8) reads the shipped folder as it is, and no copy is made."""
    import shutil
    import subprocess
    import sys

    shared = tmp_path / "install" / "nltk_data"
    shutil.copytree(NLTK_DATA_DIR, shared)
    for p in [shared, *shared.rglob("*")]:
        p.chmod(0o775 if p.is_dir() else 0o664)
    probe = f"""
import os, socket, sys, tempfile, glob
os.umask(0o002)  # the user's own umask too: the private copy must not be group-writable either
def refuse(*a, **k):
    raise SystemExit("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import nltk
nltk.download = refuse
from pathlib import Path
from spundetect.features import readability
readability.NLTK_DATA_DIR = Path({str(shared)!r})
rep = readability.textstat_report({TEXT!r})
found = nltk.data.find("corpora/cmudict")
print(rep["syllable_count"], rep["lexicon_count"], found)
"""
    tmp = tmp_path / "tmp"
    tmp.mkdir(mode=0o700)
    p = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp)},
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    syllables, words, found = p.stdout.split()
    assert int(float(syllables)) > int(float(words)) > 30
    # read from the private copy where nltk refuses the shared folder, else from that folder
    assert found.startswith(str(shared)) != _nltk_refuses_writable_data()
    assert "will not read data" not in p.stderr  # nltk's refusal is not shown to the user
    assert list(tmp.iterdir()) == []  # the copy was removed at exit


@pytest.mark.skipif(
    not _nltk_refuses_writable_data(), reason="nltk before 3.10.4 reads any data folder"
)
def test_textstat_offline_fails_loudly_when_even_the_private_copy_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If nltk refuses the private copy too, setting up raises LookupError there and then:
    left to textstat, the missing dictionary would send it to ``nltk.download``."""
    import shutil
    import warnings

    import nltk

    from spundetect.features import readability

    shared = tmp_path / "nltk_data"
    shutil.copytree(NLTK_DATA_DIR, shared)
    for p in [shared, *shared.rglob("*")]:
        p.chmod(0o775 if p.is_dir() else 0o664)
    monkeypatch.setattr(nltk.data, "path", [])  # no other nltk data to find it in
    monkeypatch.setattr(readability, "NLTK_DATA_DIR", shared)
    monkeypatch.setattr(readability, "_private_copy", lambda root: root)  # refused as well
    with warnings.catch_warnings(), pytest.raises(LookupError):
        warnings.simplefilter("ignore", RuntimeWarning)  # nltk's "will not read data from"
        readability.textstat_offline.__wrapped__()
