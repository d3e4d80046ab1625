"""Label-independent typography and surface transforms.

Applied to every corpus document after generation, with the same probabilities whatever its
label, so curly quotes, dashes, double spaces or space-before-punctuation can never tell a class
apart (one source lost all non-ASCII characters; Apertium leaves double spaces).
"""

from __future__ import annotations

import random
import re

__all__ = [
    "SURFACE_PROBS",
    "collapse_whitespace",
    "curl_quotes",
    "fancy_dashes",
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
