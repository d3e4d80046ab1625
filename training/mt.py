"""Machine-garbled text from real round-trip machine translation with Apertium.

Apertium is called once per pivot and batch (documents joined by a numeric marker paragraph
that every pair copies unchanged), never per sentence, so thousands of documents translate in
minutes. ``-u`` turns off the unknown-word marks (*, #, @) that would otherwise be a free tell.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from training.originals import split_sentences

__all__ = [
    "MARKER",
    "MT_GENERATORS",
    "PIVOTS",
    "ApertiumMissing",
    "add_artifacts",
    "check_apertium",
    "decoder_loop",
    "garble",
    "parse_generator",
    "round_trip",
    "split_sentences",
    "translate",
]

# pivot -> (mode en->X, mode X->en, Debian package)
PIVOTS: dict[str, tuple[str, str, str]] = {
    "spa": ("eng-spa", "spa-eng", "apertium-eng-spa"),
    "cat": ("eng-cat", "cat-eng", "apertium-eng-cat"),
    "epo": ("en-eo", "eo-en", "apertium-eo-en"),
    "glg": ("en-gl", "gl-en", "apertium-en-gl"),
    # a Slavic pivot (no articles; case, number and aspect on the word): errors the Romance
    # and Esperanto pivots do not make (lost plurals and articles, wrong auxiliaries)
    "hbs": ("eng-hbs", "hbs-eng", "apertium-hbs-eng"),
}

# Generator names: full round trips, chained pivots and partial (some sentences only).
MT_GENERATORS: tuple[str, ...] = (
    "mt:spa",
    "mt:cat",
    "mt:epo",
    "mt:glg",
    "mt:hbs",
    "mt:spa>cat",
    "mt:epo>spa",
    "mt-partial:spa",
    "mt-partial:cat",
    "mt-partial:epo",
    "mt-partial:glg",
    "mt-partial:hbs",
)

# A bare number survives every pair unchanged (words such as "ZZSEPZZ" get re-cased or split).
MARKER = "904173625"
_BATCH_WORDS = 40_000


class ApertiumMissing(RuntimeError):
    """Apertium or one of its language pairs is not installed; the message names the package."""


def parse_generator(name: str) -> tuple[bool, list[str]]:
    """ "mt-partial:epo" -> (True, ["epo"]); "mt:spa>cat" -> (False, ["spa", "cat"])."""
    kind, _, spec = name.partition(":")
    if kind not in ("mt", "mt-partial") or not spec:
        raise ValueError(f"not an MT generator: {name!r}")
    pivots = spec.split(">")
    for p in pivots:
        if p not in PIVOTS:
            raise ValueError(f"unknown pivot {p!r} in {name!r}; known: {', '.join(PIVOTS)}")
    return kind == "mt-partial", pivots


def _installed_modes() -> set[str]:
    try:
        out = subprocess.run(["apertium", "-l"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in out.stdout.splitlines() if line.strip()}


def check_apertium(pivots: Sequence[str] = tuple(PIVOTS)) -> None:
    """Raise :class:`ApertiumMissing` naming the apt package if a needed pair is absent."""
    if shutil.which("apertium") is None:
        raise ApertiumMissing("Apertium is not installed: apt-get install apertium")
    modes = _installed_modes()
    pairs = [PIVOTS[p] for p in pivots]
    missing = sorted({pkg for fwd, back, pkg in pairs if not {fwd, back} <= modes})
    if missing:
        raise ApertiumMissing(
            "Apertium language pair missing: apt-get install " + " ".join(missing)
        )


_MARKED = re.compile(r"(?<!\w)([*#@])(\w[\w'’-]*)")
_FOREIGN = re.compile(r"\b\w*[ĉĝĥĵŝŭñáéíóúàèòçïü·čćžšđ]\w*\b", re.IGNORECASE)


def _resolve_unknown(text: str, source: str) -> str:
    """Handle words the last Apertium stage could not translate back (marked * # @).

    A marked word that occurs in the source (a name, a rare English word) is kept without its
    mark; one that does not is a pivot-language leftover ("*fajregaj") and is dropped, as real
    MT drops what it cannot render. Unmarked leftovers with pivot-language letters go too.
    Otherwise Esperanto letters or glued Spanish forms would be a free tell.
    """
    vocab = {w.lower() for w in re.findall(r"\w+", source)}

    def marked(m: re.Match[str]) -> str:
        mark, word = m.groups()
        if mark == "#" or all(w.lower() in vocab for w in re.findall(r"\w+", word)):
            return word
        return ""

    text = _MARKED.sub(marked, text)
    return _FOREIGN.sub(lambda m: m.group(0) if m.group(0).lower() in vocab else "", text)


def _clean(text: str, source: str | None = None) -> str:
    """Tidy Apertium output: no unknown-word marks, no double spaces, no space before commas."""
    if source is not None:
        text = _resolve_unknown(text, source)
    # a mark before a word, and Apertium's "#" after one (a form it failed to generate)
    text = re.sub(r"(?<!\w)[*#@](?=\w)|(?<=\w)#|(?<!\S)#(?!\S)", "", text)
    paras = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    paras = [re.sub(r" ([,;:])(?=\w)", r"\1 ", p) for p in paras]  # "Third ,short"
    paras = [re.sub(r" +([,.;:!?])", r"\1", p) for p in paras]
    return "\n\n".join(p for p in paras if p)


def _run_pipeline(text: str, modes: Sequence[str]) -> str:
    """Pipe ``text`` through ``apertium -u MODE`` for each mode in turn (one process each)."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as fh:
        fh.write(text)
        path = fh.name
    procs: list[subprocess.Popen[bytes]] = []
    try:
        prev_out = None
        for i, mode in enumerate(modes):
            # The last stage keeps its unknown-word marks so _resolve_unknown can see them.
            flags = ["-f", "txt"] if i == len(modes) - 1 else ["-u", "-f", "txt"]
            cmd = ["apertium", *flags, mode] + ([path] if i == 0 else [])
            p = subprocess.Popen(
                cmd, stdin=prev_out, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
            if prev_out is not None:
                prev_out.close()  # upstream gets SIGPIPE if a later stage dies
            prev_out = p.stdout
            procs.append(p)
        out, _ = procs[-1].communicate()
        for p, mode in zip(procs, modes, strict=True):
            p.wait()
            if p.returncode != 0:
                raise RuntimeError(f"apertium {mode} failed (exit {p.returncode})")
    finally:
        Path(path).unlink(missing_ok=True)
    return out.decode("utf-8", errors="replace")


def _translate_batch(texts: Sequence[str], modes: Sequence[str]) -> list[str]:
    """One Apertium pipeline for many texts; bisect if the marker count ever disagrees.

    A text on which Apertium itself fails comes back as "" (the caller drops and counts it).
    """
    if not texts:
        return []
    joined = f"\n\n{MARKER}\n\n".join(t.replace(MARKER, "") for t in texts)
    try:
        out = _run_pipeline(joined + "\n", modes)
    except RuntimeError:
        # Some stage crashed on some input: isolate it; a lone failing text comes back empty.
        if len(texts) == 1:
            return [""]
        mid = len(texts) // 2
        return _translate_batch(texts[:mid], modes) + _translate_batch(texts[mid:], modes)
    # Serbo-Croatian gives the marker back as "#904173625." (an ordinal, unknown-word mark)
    parts = re.split(rf"^\s*[*#@]?{MARKER}\.?\s*$", out, flags=re.M)
    if len(parts) == len(texts):
        return [_clean(p, t) for p, t in zip(parts, texts, strict=True)]
    if len(texts) == 1:
        return [_clean(out.replace(MARKER, ""), texts[0])]
    mid = len(texts) // 2
    return _translate_batch(texts[:mid], modes) + _translate_batch(texts[mid:], modes)


def translate(
    texts: Sequence[str], modes: Sequence[str], batch_words: int = _BATCH_WORDS
) -> list[str]:
    """Translate ``texts`` through Apertium ``modes`` in batches of about ``batch_words`` words."""
    out: list[str] = []
    batch: list[str] = []
    words = 0
    for t in texts:
        batch.append(t)
        words += len(t.split())
        if words >= batch_words:
            out.extend(_translate_batch(batch, modes))
            batch, words = [], 0
    out.extend(_translate_batch(batch, modes))
    return out


def round_trip(
    texts: Sequence[str], pivots: Sequence[str] | str, batch_words: int = _BATCH_WORDS
) -> list[str]:
    """English -> pivot(s) -> English; chained pivots go back to English in between."""
    if isinstance(pivots, str):
        pivots = [pivots]
    modes: list[str] = []
    for p in pivots:
        fwd, back, _ = PIVOTS[p]
        modes += [fwd, back]
    return translate(texts, modes, batch_words)


# --------------------------------------------------------------------------- partial garbling


@dataclass
class _Plan:
    """Which sentences of a document get translated; the rest stay original."""

    paras: list[list[str]]
    chosen: list[tuple[int, int]]  # (paragraph, sentence) indices to translate


def plan_partial(text: str, rng: random.Random) -> _Plan:
    """Pick runs of sentences (or whole paragraphs) covering about 25-70% of the document."""
    paras = [split_sentences(p) or [p] for p in text.split("\n\n")]
    cells = [(pi, si) for pi, ss in enumerate(paras) for si in range(len(ss))]
    share = rng.uniform(0.25, 0.7)
    chosen: set[tuple[int, int]] = set()
    if len(paras) >= 3 and rng.random() < 0.5:
        for pi in range(len(paras)):
            if rng.random() < share:
                chosen.update((pi, si) for si in range(len(paras[pi])))
    else:
        i = 0
        while i < len(cells):
            run = rng.randint(1, 3)
            if rng.random() < share:
                chosen.update(cells[i : i + run])
            i += run
    if not chosen and cells:
        chosen.add(rng.choice(cells))
    return _Plan(paras, sorted(chosen))


def _apply_plan(plan: _Plan, translated: Sequence[str]) -> str:
    paras = [list(p) for p in plan.paras]
    for (pi, si), t in zip(plan.chosen, translated, strict=True):
        paras[pi][si] = " ".join(t.split())
    return "\n\n".join(" ".join(s for s in p if s) for p in paras)


def garble(texts: Sequence[str], generator: str, rngs: Sequence[random.Random]) -> list[str]:
    """Machine-garble ``texts`` with one MT generator (e.g. "mt:spa>cat", "mt-partial:epo").

    ``rngs`` (one per text, seeded per document) choose the partial plans and the artifacts.
    """
    partial, pivots = parse_generator(generator)
    if partial:
        plans = [plan_partial(t, r) for t, r in zip(texts, rngs, strict=True)]
        pieces = [plan.paras[pi][si] for plan in plans for pi, si in plan.chosen]
        done = round_trip(pieces, pivots)
        out: list[str] = []
        k = 0
        for plan in plans:
            n = len(plan.chosen)
            out.append(_apply_plan(plan, done[k : k + n]))
            k += n
    else:
        out = round_trip(texts, pivots)
    return [add_artifacts(t, r) for t, r in zip(out, rngs, strict=True)]


# --------------------------------------------------------------------------- pipeline artifacts

# Per-document probabilities. Real MT pipelines that re-segment and detokenise apply their
# quirks to every document they touch, so these are high: a document that has a dotted
# abbreviation or a quotation usually shows the artifact.
ARTIFACT_PROBS: dict[str, float] = {
    "split_abbrev": 0.7,  # "U.S." -> "U. S."
    "quote_space": 0.4,  # "word" -> " word "
    "stray_close_quote": 0.5,  # closing quote after full stop becomes ". “" / '. "'
    "broken_sentence": 0.08,  # spurious full stop before a lower-case word
    # Apertium never loops; neural MT of a language it knows little does ("of the government
    # of the government of the government"), and people do not (docs/EXPERIMENTS.md)
    "decoder_loop": 0.15,
}


def split_abbreviations(text: str) -> str:
    """ "U.S." -> "U. S.", as re-segmenting translation pipelines write dotted abbreviations."""
    return re.sub(r"\b([A-Z])\.(?=[A-Z]\.)", r"\1. ", text)


def space_inside_quotes(text: str, rng: random.Random, share: float = 0.6) -> str:
    """'"word"' -> '" word "' for some quotations (detokeniser glitch)."""

    def fix(m: re.Match[str]) -> str:
        if rng.random() >= share:
            return m.group(0)
        return f"{m.group(1)} {m.group(2).strip()} {m.group(3)}"

    text = re.sub(r'(")([^"\n]{1,200})(")', fix, text)
    return re.sub(r"(“)([^“”\n]{1,200})(”)", fix, text)


def stray_closing_quotes(text: str, rng: random.Random, share: float = 0.6) -> str:
    """'... end."' -> '... end. “' : the closing quote detached and turned into an opening one."""

    def fix(m: re.Match[str]) -> str:
        if rng.random() >= share:
            return m.group(0)
        return f"{m.group(1)} {'“' if m.group(2) == '”' else chr(34)}"

    return re.sub(r"([.!?,])([”\"])(?=\s|$)", fix, text)


def broken_sentence(text: str, rng: random.Random) -> str:
    """Insert one spurious full stop before a lower-case word ("loomed over it. assembly")."""
    spots = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z]{3,})", text)]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + "." + text[i:]


_LOOP_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def decoder_loop(text: str, rng: random.Random) -> str:
    """Say a 1-4-word run of one sentence 1-4 more times in place ("said on said on said on"),
    as a neural decoder that has lost its place does."""
    sents = [
        m for m in re.finditer(r"[^.!?\n]+[.!?]", text) if len(_LOOP_WORD.findall(m.group(0))) >= 6
    ]
    if not sents:
        return text
    m = rng.choice(sents)
    s = m.group(0)
    words = list(_LOOP_WORD.finditer(s))
    n = rng.choice([1, 2, 2, 3, 3, 4])
    i = rng.randrange(0, len(words) - n + 1)
    a, b = words[i].start(), words[i + n - 1].end()
    looped = s[:b] + (" " + s[a:b]) * rng.choice([1, 2, 2, 3, 4]) + s[b:]
    return text[: m.start()] + looped + text[m.end() :]


def add_artifacts(text: str, rng: random.Random) -> str:
    """Translation-pipeline post-processing artifacts (seed 004) at per-document rates."""
    p = ARTIFACT_PROBS
    if rng.random() < p["split_abbrev"]:
        text = split_abbreviations(text)
    if rng.random() < p["quote_space"]:
        text = space_inside_quotes(text, rng)
    if rng.random() < p["stray_close_quote"]:
        text = stray_closing_quotes(text, rng)
    if rng.random() < p["broken_sentence"]:
        text = broken_sentence(text, rng)
    if rng.random() < p["decoder_loop"]:
        text = decoder_loop(text, rng)
    return text
