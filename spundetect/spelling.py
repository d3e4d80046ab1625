"""British and American spelling as one: what a word is read as, for its frequency and its n-grams.

Why: the corpus's translation engine writes British spelling ("centre", "defence")
whatever its source did, so British spelling is far more common in its translations
than in their originals, and an n-gram model learns that spelling tells a translation.
It tells a writer's country. A British word takes its American spelling's frequency,
plainer synonym and word class (:meth:`spundetect.lm.ReferenceModel._frequency_spelling`),
and an n-gram model since format 4 hashes every word in its American spelling, so a
Reuters story and an AP story are read alike.

Data: ``data/us_spelling.tsv`` (British<TAB>American per line), derived by
``training/make_spelling.py``; its first line names :data:`FORMAT_NAME` and
:data:`FORMAT_VERSION`, checked on load.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .errors import ModelError

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "PATH", "list_sha256", "us_spellings"]

FORMAT_NAME = "spundetect-us-spelling"
FORMAT_VERSION = 1
PATH = Path(__file__).parent / "data" / "us_spelling.tsv"


@lru_cache(maxsize=1)
def us_spellings() -> dict[str, str]:
    """Lower-case British spelling -> American spelling (loaded once), possessives too
    ("centre's" -> "center's": the tokeniser keeps a possessive in its word)."""
    lines = PATH.read_text(encoding="utf-8").splitlines()
    expected = f"# {FORMAT_NAME} {FORMAT_VERSION}"
    if not lines or lines[0].strip() != expected:
        raise ModelError(f"{PATH}: expected a first line {expected!r}; reinstall spundetect")
    out: dict[str, str] = {}
    for n, line in enumerate(lines[1:], start=2):
        if not line or line.startswith("#"):
            continue
        br, sep, us = line.partition("\t")
        if not sep or not br or not us:
            raise ModelError(f"{PATH}, line {n}: expected 'british<TAB>american'")
        out[br] = us
        out[f"{br}'s"] = f"{us}'s"
    return out


@lru_cache(maxsize=1)
def list_sha256() -> str:
    """SHA-256 of the list file: an n-gram model records the list it was trained with."""
    return hashlib.sha256(PATH.read_bytes()).hexdigest()
