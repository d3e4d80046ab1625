"""Label-independent typography, surface transforms and human slips.

Applied to every corpus document after generation, with the same probabilities whatever its
label, so curly quotes, dashes, double spaces or space-before-punctuation can never tell a class
apart (one source lost all non-ASCII characters; Apertium leaves double spaces).

:func:`human_slips` adds the one or two slips a person leaves in a text (a sentence started in
lower case, a lost full stop, "the the"): the originals are edited prose (Wikipedia, Wikinews,
the Factbook) with almost none, so a single typo in a reader's comment can look like machine
translation. Off by default: trained with it, the model also stopped believing the glitches of
real spinners and translations (docs/EXPERIMENTS.md, ninth session).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

__all__ = [
    "SLIP_KINDS",
    "SLIP_PROBS",
    "SURFACE_PROBS",
    "collapse_whitespace",
    "curl_quotes",
    "fancy_dashes",
    "human_slips",
    "plain_dashes",
    "space_before_punct",
    "straighten_quotes",
    "surface",
]

# One place for every probability, so the data card can record them.
SURFACE_PROBS: dict[str, float] = {
    "curl_quotes": 0.40,  # else straighten with the next probability, else keep
    "straighten_quotes": 0.40,
    "fancy_dashes": 0.40,  # else plain with the next probability, else keep
    "plain_dashes": 0.35,
    "ellipsis_char": 0.15,
    "scraper": 0.35,  # collapse whitespace, no space before punctuation
    "space_before": 0.04,  # French-style space before ; : ! ?
}

_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "″": '"'})


def straighten_quotes(text: str) -> str:
    """Typographic quotes and apostrophes to ASCII, as many CMSs and scrapers do."""
    return text.translate(_STRAIGHT)


def curl_quotes(text: str) -> str:
    """ASCII quotes and apostrophes to typographic ones ("smart quotes")."""
    text = straighten_quotes(text)
    # Apostrophes inside or at the end of words, and decade elisions ('90s).
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
    text = re.sub(r"(?<=\w)'(?=\s|$|[.,;:!?)])", "’", text)
    text = re.sub(r"'(?=\d\ds\b)", "’", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "\"'":
            prev = text[i - 1] if i else " "
            opening = prev.isspace() or prev in "([{—–-/"
            if ch == '"':
                out.append("“" if opening else "”")
            else:
                out.append("‘" if opening else "’")
        else:
            out.append(ch)
    return "".join(out)


def fancy_dashes(text: str, em: bool = True) -> str:
    """Hyphen stand-ins to real dashes: "--" and " - " to em (or spaced en), ranges to en."""
    text = re.sub(r"(?<=\d)-(?=\d)", "–", text)
    if em:
        text = re.sub(r"\s*--\s*", "—", text)
        text = re.sub(r"(?<=\S) - (?=\S)", " — ", text)
    else:
        text = re.sub(r"\s*--\s*", " – ", text)
        text = re.sub(r"(?<=\S) - (?=\S)", " – ", text)
    return text


def plain_dashes(text: str) -> str:
    """Real dashes to ASCII hyphens, as plain-text pipelines do."""
    text = re.sub(r"(?<=\d)–(?=\d)", "-", text)
    text = re.sub(r"\s*—\s*", " - ", text)
    return text.replace("–", "-").replace("‒", "-")


def collapse_whitespace(text: str) -> str:
    """HTML-scraper style: one space between words, no space before , . ; : ! ? or inside ()."""
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in text.split("\n\n")]
    paras = [re.sub(r" +([,.;:!?)])", r"\1", p) for p in paras]
    paras = [re.sub(r"\( +", "(", p) for p in paras]
    return "\n\n".join(p for p in paras if p)


def space_before_punct(text: str) -> str:
    """Space before ; : ! ? as French-trained writers and some converters produce."""
    return re.sub(r"(?<=\w)([;:!?])(?=\s|$)", r" \1", text)


def surface(text: str, rng: random.Random) -> tuple[str, list[str]]:
    """Apply a random mix of the transforms with :data:`SURFACE_PROBS`; return text and tags.

    The caller seeds ``rng`` per document and never from the label, so each class gets the same
    mix in expectation.
    """
    p = SURFACE_PROBS
    tags: list[str] = []
    r = rng.random()
    if r < p["curl_quotes"]:
        text = curl_quotes(text)
        tags.append("curl_quotes")
    elif r < p["curl_quotes"] + p["straighten_quotes"]:
        text = straighten_quotes(text)
        tags.append("straighten_quotes")
    r = rng.random()
    if r < p["fancy_dashes"]:
        em = rng.random() < 0.6
        text = fancy_dashes(text, em=em)
        tags.append("fancy_dashes_em" if em else "fancy_dashes_en")
    elif r < p["fancy_dashes"] + p["plain_dashes"]:
        text = plain_dashes(text)
        tags.append("plain_dashes")
    if rng.random() < p["ellipsis_char"]:
        text = text.replace("...", "…")
        tags.append("ellipsis_char")
    if rng.random() < p["scraper"]:
        text = collapse_whitespace(text)
        tags.append("scraper")
    if rng.random() < p["space_before"]:
        text = space_before_punct(text)
        tags.append("space_before")
    return text, tags


# How often a document gets slips (one, sometimes two), whatever its label, when a corpus is
# built with them (``build_corpus --human-slips``; off by default: docs/EXPERIMENTS.md, ninth
# session, measured what they cost).
SLIP_PROBS: dict[str, float] = {"slips": 0.35, "second_slip": 0.4}

# (kind, pattern of the places it can happen, replacement of the matched text)
_SLIPS: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    # ". The" -> ". the"
    ("lower_start", re.compile(r"(?<=[.!?] )[A-Z](?=[a-z])"), lambda m: m.group().lower()),
    # "home. We" -> "home We"
    ("lost_stop", re.compile(r"(?<=[a-z])\. (?=[A-Z][a-z])"), lambda m: " "),
    # "home. We" -> "home.We"
    ("no_space_after_stop", re.compile(r"(?<=[a-z])\. (?=[A-Z][a-z])"), lambda m: "."),
    # "the" -> "the the"
    (
        "doubled_word",
        re.compile(r"\b(?:the|a|to|of|and|in|is|that|for|it|on|with)\b(?= [a-z])"),
        lambda m: f"{m.group()} {m.group()}",
    ),
    # "of the" -> "ofthe"
    ("run_together", re.compile(r"(?<=\b[a-z]{2}) (?=[a-z]{2,}\b)"), lambda m: ""),
    # "word, and" -> "word , and"
    ("space_before_comma", re.compile(r"(?<=[a-z]),(?= )"), lambda m: " ,"),
)
SLIP_KINDS: tuple[str, ...] = tuple(k for k, _, _ in _SLIPS)


def human_slips(
    text: str, rng: random.Random, rate: float = SLIP_PROBS["slips"]
) -> tuple[str, list[str]]:
    """With probability ``rate``, one or two slips (:data:`SLIP_PROBS`) of a random kind at
    random places; the text and one tag per slip made. The caller seeds ``rng`` per document,
    never from the label."""
    tags: list[str] = []
    if rng.random() >= rate:
        return text, tags
    n = 2 if rng.random() < SLIP_PROBS["second_slip"] else 1
    for _ in range(n):
        kind, rx, repl = _SLIPS[rng.randrange(len(_SLIPS))]
        places = list(rx.finditer(text))
        if not places:
            continue
        m = places[rng.randrange(len(places))]
        text = text[: m.start()] + repl(m) + text[m.end() :]
        tags.append(f"slip_{kind}")
    return text, tags
