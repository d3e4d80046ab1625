"""A small offline reader for Debian's ``wordnet-base`` files (WordNet 3.0 database format).

Why our own parser: nltk's WordNet reader wants nltk's downloader layout, and the spinners only
need three things (lemma -> synsets, synset -> lemmas, irregular inflections). Index files are
parsed once per process; data files are read into memory and a synset line is parsed only when
first asked for, so loading stays well under a second.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

WORDNET_DIR = Path(os.environ.get("SPUNDETECT_WORDNET_DIR", "/usr/share/wordnet"))
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
MISSING_MESSAGE = "WordNet not found at {path}: apt-get install wordnet-base"


def check_resources(path: Path | None = None) -> None:
    """Fail early with one clear, apt-named message when the WordNet files are missing."""
    root = path or WORDNET_DIR
    for name in POS_FILES.values():
        for prefix in ("index.", "data."):
            if not (root / f"{prefix}{name}").is_file():
                raise RuntimeError(MISSING_MESSAGE.format(path=root))


class WordNet:
    """Lemma/synset lookups over the WordNet database files in ``root``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or WORDNET_DIR
        check_resources(self.root)
        # lemma -> synset offsets, in WordNet's sense-frequency order
        self._index: dict[str, dict[str, tuple[int, ...]]] = {}
        self._data: dict[str, bytes] = {}
        # inflected form -> base forms (from *.exc)
        self._exc: dict[str, dict[str, tuple[str, ...]]] = {}
        # base form -> irregular inflected forms (reverse of *.exc)
        self._rexc: dict[str, dict[str, tuple[str, ...]]] = {}
        for pos, name in POS_FILES.items():
            self._index[pos] = self._read_index(self.root / f"index.{name}")
            self._data[pos] = (self.root / f"data.{name}").read_bytes()
            exc, rexc = self._read_exc(self.root / f"{name}.exc")
            self._exc[pos] = exc
            self._rexc[pos] = rexc
        self._synset = lru_cache(maxsize=200_000)(self._parse_synset)

    @staticmethod
    def _read_index(path: Path) -> dict[str, tuple[int, ...]]:
        out: dict[str, tuple[int, ...]] = {}
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(" "):  # licence header
                    continue
                parts = line.split()
                if len(parts) < 6:
                    continue
                synset_cnt = int(parts[2])
                out[parts[0]] = tuple(int(x) for x in parts[-synset_cnt:])
        return out

    @staticmethod
    def _read_exc(path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        exc: dict[str, list[str]] = {}
        rexc: dict[str, list[str]] = {}
        if not path.is_file():
            return {}, {}
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) < 2:
                    continue
                form, bases = parts[0], parts[1:]
                exc.setdefault(form, []).extend(bases)
                for base in bases:
                    rexc.setdefault(base, []).append(form)
        return (
            {k: tuple(v) for k, v in exc.items()},
            {k: tuple(v) for k, v in rexc.items()},
        )

    def _parse_synset(self, pos: str, offset: int) -> tuple[str, ...]:
        data = self._data[pos]
        end = data.find(b"\n", offset)
        line = data[offset : end if end >= 0 else len(data)].decode("utf-8", errors="replace")
        parts = line.split(" ", 4)
        w_cnt = int(parts[3], 16)
        fields = line.split(" ")[4 : 4 + 2 * w_cnt : 2]
        words = []
        for w in fields:
            paren = w.find("(")  # adjective markers such as "big(a)"
            if paren > 0:
                w = w[:paren]
            words.append(w)
        return tuple(words)

    def has(self, lemma: str, pos: str) -> bool:
        """Whether ``lemma`` (lowercase, underscores for spaces) is an entry of ``pos``."""
        return lemma in self._index[pos]

    def lemmas(self, pos: str) -> list[str]:
        """Every lemma of ``pos`` (lowercase, underscores for spaces), in index order."""
        return list(self._index[pos])

    def irregular_inflections(self, pos: str) -> list[str]:
        """Every irregular inflected form of ``pos`` the exception list holds ("went")."""
        return list(self._exc[pos])

    def synsets(self, lemma: str, pos: str) -> tuple[int, ...]:
        """Synset offsets of ``lemma``, most frequent sense first."""
        return self._index[pos].get(lemma, ())

    def synset_words(self, pos: str, offset: int) -> tuple[str, ...]:
        """The lemmas of one synset, as written in the data file (underscores for spaces)."""
        return self._synset(pos, offset)

    def irregular_bases(self, form: str, pos: str) -> tuple[str, ...]:
        """Base forms of an irregular inflected ``form`` ("went" -> "go")."""
        return self._exc[pos].get(form, ())

    def irregular_forms(self, base: str, pos: str) -> tuple[str, ...]:
        """Irregular inflected forms of ``base`` ("go" -> "went", "gone")."""
        return self._rexc[pos].get(base, ())

    def synonyms(self, lemma: str, pos: str) -> tuple[str, ...]:
        """Every other lemma of every synset of ``lemma``: the context-free pool a spinner uses."""
        return _synonyms_cached(self, lemma, pos)


@lru_cache(maxsize=100_000)
def _synonyms_cached(wn: WordNet, lemma: str, pos: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for off in wn.synsets(lemma, pos):
        for w in wn.synset_words(pos, off):
            lw = w.lower()
            if lw == lemma or w != lw or any(c.isdigit() for c in w):
                continue  # skip the word itself, proper nouns and numbers
            if w.count("_") > 1 or "." in w or "'" in w:
                continue
            seen.setdefault(w, None)
    return tuple(seen)


_LOCK = threading.Lock()
_INSTANCE: WordNet | None = None


def get_wordnet() -> WordNet:
    """The process-wide WordNet, loaded on first use (cheap to call again)."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = WordNet()
    return _INSTANCE
