"""Human-written originals: loading, quirk neutralisation and cutting into documents.

Every generator starts from these texts, so their quirks (ASCII-only news, CAPITAL surnames,
missing paragraph breaks) would otherwise leak into every class unevenly or become shortcuts.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_DATA_DIR",
    "Excerpt",
    "Original",
    "cut_excerpts",
    "decapitalise_surnames",
    "load_originals",
    "open_quote",
    "partition",
    "split_sentences",
    "word_count",
]

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR: Path = REPO_ROOT.parent / "shared" / "data" / "originals"

REFERENCE_SHARE = 0.30
MIN_WORDS = 40  # shorter documents carry too little signal to label honestly


@dataclass(frozen=True)
class Original:
    """One human-written source document; ``id`` is stable across rebuilds."""

    id: str
    text: str  # paragraphs separated by "\n\n"
    source: str
    licence: str
    title: str = ""


@dataclass(frozen=True)
class Excerpt:
    """A cut of an original at a realistic length; ``group`` is the original's id."""

    id: str
    group: str
    text: str
    source: str
    licence: str


def word_count(text: str) -> int:
    """Whitespace word count, the unit every length target in the build uses."""
    return len(text.split())


def partition(original_id: str) -> str:
    """Return "reference" for a stable ~30% of documents, else "corpus".

    The reference share trains only the detector's reference language model, so the detector
    never scores text its own LM was fitted on.
    """
    h = int.from_bytes(hashlib.sha256(f"partition:{original_id}".encode()).digest()[:8], "big")
    return "reference" if (h % 10_000) < REFERENCE_SHARE * 10_000 else "corpus"


# --------------------------------------------------------------------------- sentences

_ABBREV_WORDS = (
    "mr mrs ms dr prof st jr sr gen sen rep gov lt col capt sgt rev no vs etc inc ltd co corp jan "
    "feb mar apr jun jul aug sep sept oct nov dec fig approx est e.g i.e u.s u.k u.n a.m p.m mt "
    "ft ave blvd dept univ"
)
_ABBREV = frozenset(_ABBREV_WORDS.split())
_SENT_RE = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; cheap and good enough for cutting and partial MT."""
    out: list[str] = []
    start = 0
    for m in _SENT_RE.finditer(paragraph):
        end = m.end(1)
        before = paragraph[start : m.start()]
        last = before.split()[-1].lower().rstrip(".") if before.split() else ""
        # "U.S." / "Mr." / single initials ("J. Smith") do not end a sentence.
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        out.append(paragraph[start:end].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


# --------------------------------------------------------------------------- quirks

_STOP_WORDS = (
    "The A An And Of In On At To For With By From As Its Their His Her Our This That These Those "
    "Both Other Real Annual"
)
_STOP_BEFORE = frozenset(_STOP_WORDS.split())
_PUNCT = ".,;:()\"'“”’"


def _is_caps(core: str) -> bool:
    return (
        len(core) >= 2
        and core.isupper()
        and core.replace("-", "").replace("'", "").isalpha()
        and any(v in core for v in "AEIOUY")
    )


def capital_surnames(texts: Iterable[str]) -> set[str]:
    """Capitalised tokens used more often after a given name than as acronyms.

    "Idriss DEBY" counts for a surname, "the MPLA" / "of GDP" for an acronym; runs such as
    "BIN SALMAN" inherit the name context. Computed per source so acronyms survive.
    """
    after_name: Counter[str] = Counter()
    after_other: Counter[str] = Counter()
    for text in texts:
        tokens = text.split()
        prev_name = False
        for i, raw in enumerate(tokens):
            core = re.sub(r"['’][sS]$", "", raw.strip(_PUNCT))
            if _is_caps(core) and not raw.startswith("("):
                if prev_name:
                    after_name[core] += 1
                elif i > 0 and not tokens[i - 1].endswith((".", "!", "?")):
                    after_other[core] += 1
                prev_name = prev_name and not raw.endswith((".", ",", ";", ":"))
                continue
            prev_name = (
                len(core) > 1
                and core[:1].isupper()
                and core[1:].islower()
                and core not in _STOP_BEFORE
                and not raw.endswith((".", ",", ";", ":", ")"))
            )
    return {w for w, n in after_name.items() if n >= after_other[w]}


def decapitalise_surnames(text: str, surnames: Iterable[str] | None = None) -> str:
    """Title-case surnames written in capitals ("Charles DE GAULLE" -> "Charles De Gaulle").

    ``surnames`` comes from :func:`capital_surnames` over the whole source; by default it is
    computed from ``text`` alone. Acronyms (GDP, NATO, MPLA) are left alone.
    """
    names = set(capital_surnames([text]) if surnames is None else surnames)
    if not names:
        return text

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        if w not in names:
            return w
        return "-".join(p[:1] + p[1:].lower() for p in w.split("-"))

    return re.sub(r"\b[A-Z][A-Z\-]*[A-Z]\b", fix, text)


def _reparagraph(text: str, key: str) -> str:
    """Give a paragraph-less article news-style paragraphs of 1-3 sentences (stable per id)."""
    sents = split_sentences(text)
    rng = random.Random(f"reparagraph:{key}")
    paras: list[str] = []
    i = 0
    while i < len(sents):
        n = rng.choice((1, 2, 2, 3))
        paras.append(" ".join(sents[i : i + n]))
        i += n
    return "\n\n".join(paras)


def _clean(text: str) -> str:
    """Normalise line endings; paragraphs are blank-line separated, single newlines join."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paras = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(re.sub(r"[ \t]+", " ", p) for p in paras if p)


# --------------------------------------------------------------------------- loading


def _report(problems: list[str], where: str, reason: str) -> None:
    problems.append(f"{where}: {reason}")


def _read_jsonl(path: Path, problems: list[str]) -> list[Original]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        _report(problems, str(path), f"unreadable ({exc.strerror or exc})")
        return []
    if not data.strip():
        _report(problems, str(path), "empty file")
        return []
    out: list[Original] = []
    stem = path.stem
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            _report(problems, where, f"not UTF-8 (byte {exc.start})")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            _report(problems, where, f"invalid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            _report(problems, where, 'no "text" string')
            continue
        text = _clean(obj["text"])
        if not text:
            _report(problems, where, "empty text")
            continue
        raw_id = obj.get("id")
        has_id = isinstance(raw_id, str | int) and str(raw_id)
        doc_id = f"{stem}:{raw_id}" if has_id else f"{stem}:{lineno}"
        licence = obj.get("license") or obj.get("licence") or "unknown"
        title = obj.get("title") if isinstance(obj.get("title"), str) else ""
        out.append(Original(doc_id, text, stem, str(licence), (title or "").strip()))
    return out


def _read_txt(path: Path, root: Path, problems: list[str]) -> list[Original]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        _report(problems, str(path), f"unreadable ({exc.strerror or exc})")
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _report(problems, str(path), f"not UTF-8 (byte {exc.start})")
        return []
    text = _clean(text)
    if not text:
        _report(problems, str(path), "empty file")
        return []
    if root == path:  # a single file named on the command line
        rel, source = path.name, path.parent.name or "user"
    else:
        rel, source = path.relative_to(root).as_posix(), root.name
    return [Original(f"{source}:{rel}", text, source, "unknown (user-supplied)")]


def _fix_quirks(docs: list[Original]) -> list[Original]:
    """Neutralise the per-source quirks listed in ../shared/data/README.md."""
    by_source: dict[str, list[Original]] = {}
    for d in docs:
        by_source.setdefault(d.source, []).append(d)
    out: list[Original] = []
    for source, group in by_source.items():
        names = capital_surnames(d.text for d in group) if "factbook" in source else set()
        for d in group:
            text = d.text
            if "factbook" in source:
                text = decapitalise_surnames(text, names)
            if "\n\n" not in text and word_count(text) > 150 and "meantime" in source:
                text = _reparagraph(text, d.id)
            out.append(Original(d.id, text, d.source, d.licence, d.title))
    return out


def load_originals(
    paths: Sequence[Path] | None = None, problems: list[str] | None = None
) -> list[Original]:
    """Load originals from JSONL files or folders of .txt/.jsonl (default: all shared data).

    Unreadable, empty or non-UTF-8 inputs are appended to ``problems`` as "path[:line]: reason"
    so the data card can count them; they are never dropped silently.
    """
    if problems is None:
        problems = []
    if paths is None:
        if not DEFAULT_DATA_DIR.is_dir():
            raise FileNotFoundError(f"originals folder not found: {DEFAULT_DATA_DIR}")
        paths = [DEFAULT_DATA_DIR]
    docs: list[Original] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file())
            if not files:
                _report(problems, str(p), "empty folder")
            for f in files:
                if f.suffix == ".jsonl":
                    docs.extend(_read_jsonl(f, problems))
                elif f.suffix == ".txt":
                    docs.extend(_read_txt(f, p, problems))
                else:
                    _report(problems, str(f), "skipped (not .txt or .jsonl)")
        elif p.is_file():
            if p.suffix == ".jsonl":
                docs.extend(_read_jsonl(p, problems))
            else:
                docs.extend(_read_txt(p, p, problems))
        else:
            _report(problems, str(p), "no such file or folder")
    # Stable, unique ids even if two inputs collide.
    counts: Counter[str] = Counter()
    unique: list[Original] = []
    for d in docs:
        counts[d.id] += 1
        if counts[d.id] > 1:
            d = Original(f"{d.id}~{counts[d.id]}", d.text, d.source, d.licence, d.title)
        unique.append(d)
    return _fix_quirks(unique)


# --------------------------------------------------------------------------- cutting


def sample_length(rng: random.Random) -> int:
    """A target length: many one-paragraph and medium texts, some whole articles."""
    r = rng.random()
    if r < 0.35:
        return rng.randint(60, 150)
    lo, hi = (150, 500) if r < 0.78 else (500, 1500)
    return round(lo * (hi / lo) ** rng.random())


def open_quote(paragraph: str) -> bool:
    """Whether ``paragraph`` leaves a quotation open: more “ than ”, or an odd number
    of straight double quotes."""
    curly_open, curly_close = paragraph.count("\u201c"), paragraph.count("\u201d")
    if curly_open or curly_close:
        return curly_open > curly_close
    return paragraph.count('"') % 2 == 1


def _sentences(doc: Original) -> list[tuple[int, str]]:
    """(paragraph index, sentence) pairs: the units excerpts are cut along."""
    return [(pi, s) for pi, p in enumerate(doc.text.split("\n\n")) for s in split_sentences(p)]


def _cut(
    flat: Sequence[tuple[int, str]], target: int, rng: random.Random
) -> tuple[int, int, str] | None:
    """Cut a paragraph-aligned window of about ``target`` words (sentence-aligned end)."""
    if not flat:
        return None
    words = [word_count(s) for _, s in flat]
    words_after = [0] * (len(flat) + 1)
    for i in range(len(flat) - 1, -1, -1):
        words_after[i] = words_after[i + 1] + words[i]
    if words_after[0] <= target * 1.25:
        start, end = 0, len(flat)
    else:
        starts = [i for i in range(len(flat)) if i == 0 or flat[i][0] != flat[i - 1][0]]
        # Only starts from which the target can still be reached.
        reach = [i for i in starts if words_after[i] >= target * 0.8] or [0]
        start = rng.choice(reach)
        end, acc = start, 0
        while end < len(flat) and acc < target:
            acc += words[end]
            end += 1
        # never stop inside a quotation the paragraph goes on to close: an excerpt that ends
        # mid-quote would carry an unclosed quote into every class made from it, and a real
        # article ends its quotations (a paragraph that never closes its own is kept whole)
        para_start = end - 1
        while para_start > start and flat[para_start - 1][0] == flat[end - 1][0]:
            para_start -= 1
        stop = end
        while stop < len(flat) and flat[stop][0] == flat[end - 1][0]:
            stop += 1
        while end < stop and open_quote(" ".join(s for _, s in flat[para_start:end])):
            end += 1
    out_paras: list[list[str]] = []
    last = None
    for pi, s in flat[start:end]:
        if pi != last:
            out_paras.append([])
            last = pi
        out_paras[-1].append(s)
    return start, end, "\n\n".join(" ".join(p) for p in out_paras)


def cut_excerpts(doc: Original, n: int, seed: int | str) -> list[Excerpt]:
    """Cut up to ``n`` distinct excerpts of realistic lengths from one original.

    Short originals give one excerpt (the whole text); identical windows are not repeated.
    """
    out: list[Excerpt] = []
    seen: set[tuple[int, int]] = set()
    flat = _sentences(doc)
    for j in range(n):
        rng = random.Random(f"{seed}:{doc.id}:cut:{j}")
        cut = _cut(flat, sample_length(rng), rng)
        if cut is None:
            break
        start, end, text = cut
        if (start, end) in seen or word_count(text) < MIN_WORDS:
            continue
        seen.add((start, end))
        if start == 0 and doc.title and rng.random() < 0.3:
            text = f"{doc.title}\n\n{text}"
        out.append(Excerpt(f"{doc.id}#{j}", doc.id, text, doc.source, doc.licence))
    return out
