"""Sentence-level rewriting as in seed 001: moved clauses, split and merged sentences, new
connectives, active/passive templates, plus moderate synonym substitution.

Why regex templates and no parser: spinners such as the one behind seed 001 work with shallow
patterns too, and their glitches (a capital left after a merge, "hashowever", a stray word after
the full stop) come from exactly that shallowness, so we reproduce them at low rates.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import partial

from .synonym import substitute
from .tokens import (
    LOWERABLE,
    capitalize_first,
    lower_first_word,
    map_paragraphs,
    sentence_gap,
    split_sentences,
)

SUBORDINATORS = (
    "despite the fact that|even though|although|though|while|when|whenever|after|before|"
    "because|since|if|unless|once|as soon as|whereas|despite|until"
)
_QUOTE_CHARS = frozenset('"“”«»')
_END_RE = re.compile(r"([.!?]+[\"'”’)]*)\Z")
_LEADING_SUB_RE = re.compile(rf"^({SUBORDINATORS})\s+([^,]{{3,}}?),\s+(.+)\Z", re.I)
_LEADING_ADV_RE = re.compile(
    r"^((?:in|on|at|during|after|before|last|this|earlier|later|by|since|for|until|over)"
    r"\s+[^,]{2,40}?),\s+(.+)\Z",
    re.I,
)
_TRAILING_SUB_RE = re.compile(
    r"^(.{15,}?)\s+(because|although|since|after|before|unless|while|when|whereas)\s+(.{10,})\Z",
    re.I,
)
_SAID_RE = re.compile(
    r"^((?:[A-Z][\w.'’-]*\s?){1,4}|[Tt]he \w+(?: \w+)?) said(?: that)? (.{10,})\Z"
)
_ACCORDING_RE = re.compile(r"^According to ([^,]{3,50}), (.{10,})\Z")
_PASSIVE_RE = re.compile(
    r"^(The|A|An|This) ([a-z]+(?: [a-z]+)?) (was|were) ([a-z]+ed) by ([^,]{3,40})\Z"
)
_ACTIVE_RE = re.compile(
    r"^((?:[A-Z][\w’']+ ?){1,3}|[Tt]he [a-z]+(?: [a-z]+)?) "
    r"(announced|approved|rejected|passed|launched|signed|released|published|introduced|"
    r"opened|closed|criticised|criticized|praised|built|won|lost|started|ended|cancelled|"
    r"canceled|banned|arrested|elected|appointed|discovered|developed|designed|founded) "
    r"(the [a-z]+(?: [a-z]+){0,3})\Z"
)
_IRREGULAR_PP = {"built": "built", "won": "won", "lost": "lost"}

# (pattern, replacements): connective changes a spinner makes. Applied with some probability.
CONNECTIVES: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        re.compile(r"^However,"),
        ("On the other hand,", "Nevertheless,", "Then again,", "Be that as it may,"),
    ),
    (re.compile(r"^Also,"), ("Additionally,", "Furthermore,")),
    (re.compile(r"^In addition,"), ("Moreover,", "Furthermore,", "Besides,")),
    (re.compile(r"^For example,"), ("For instance,", "As an example,")),
    (re.compile(r"^Therefore,"), ("Consequently,", "Thus,", "Hence,")),
    (re.compile(r"^As a result,"), ("Consequently,", "As a consequence,")),
    (re.compile(r"^Meanwhile,"), ("In the meantime,", "At the same time,")),
    (re.compile(r"^So,"), ("Thus,", "Therefore,")),
    (re.compile(r"^But "), ("However, ", "Yet ", "Still, ")),
    (re.compile(r"^And "), ("Additionally, ", "Also, ")),
    (re.compile(r"\bbecause(?! of)\b"), ("due to the fact that", "since", "as")),
    (re.compile(r"\bbecause of\b"), ("due to", "on account of", "owing to")),
    (re.compile(r"\bdespite\b"), ("in spite of", "regardless of")),
    (re.compile(r"\balthough\b"), ("even though", "though")),
    (re.compile(r"\bin order to\b"), ("so as to", "to")),
    (re.compile(r"\bso that\b"), ("in order that", "so")),
    (re.compile(r"\btherefore\b"), ("thus", "hence")),
    (re.compile(r"\bas well as\b"), ("along with", "and also")),
    (re.compile(r"\bsuch as\b"), ("like", "including")),
    (re.compile(r"\bIt is clear that\b"), ("It is evident that", "It is obvious that")),
    (re.compile(r"\bThere are a number of\b"), ("There are various", "There are several")),
    (re.compile(r"\bthere are a number of\b"), ("there are various", "there are several")),
    (re.compile(r"\bin recent years\b"), ("over the last few years", "lately")),
    (re.compile(r"\bmore than\b"), ("over", "in excess of")),
]


# How glitchy a document is, drawn once per document (see rewrite_text): a multiplier of every
# glitch rate below. Real spinners differ: many never glitch, the one behind seed 001 left
# three fused sentences, a glued "hashowever" and a stray word in 20 sentences.
GLITCH_LEVELS = (0.0, 0.5, 1.0, 2.0, 4.0)
# The rates at glitch level 1.0:
P_MOVED_CAPITAL = 0.12  # a fronted clause moved back keeps its capital ("Although X Y is")
P_MERGE_NO_STOP = 0.1  # two short sentences merged with no punctuation ("allies It is")
P_GLUED_HOWEVER = 0.06  # ", but" becomes "however" glued to the word before ("hashowever")
P_CAPITAL_HOWEVER = 0.14  # ", but" becomes " However," with its capital mid-sentence
P_FUSE = 0.04  # a sentence boundary loses its full stop, the next sentence keeps its capital
P_STRAY = 0.02  # a stray copy of the last word after the full stop ("Ukraine. country.")
# A sentence that may lose its stop: it ends in a plain lower-case word and a full stop.
_FUSABLE_END = re.compile(r"[a-z]{2}\.\Z")


def _end(s: str) -> tuple[str, str]:
    """Split a sentence into body and final punctuation (default ".")."""
    m = _END_RE.search(s)
    if not m:
        return s, "."
    return s[: m.start()], m.group(1)


def _word_count(s: str) -> int:
    return len(s.split())


def _has_quote(s: str) -> bool:
    return any(c in _QUOTE_CHARS for c in s)


def _starts_clause(s: str) -> bool:
    """Whether ``s`` looks like it opens with a subject (pronoun, determiner or name)."""
    m = re.match(r"\W*([^\W\d_]+)", s)
    if not m:
        return False
    w = m.group(1)
    return w.lower() in LOWERABLE or w[0].isupper()


def move_leading_clause(s: str, rng: random.Random, glitch: float = P_MOVED_CAPITAL) -> str | None:
    """ "Although X, Y." -> "Y although X." (and "On Monday, Y." -> "Y on Monday.")."""
    body, end = _end(s)
    m = _LEADING_SUB_RE.match(body)
    if m and _word_count(m.group(3)) >= 3:
        sub, clause, main = m.groups()
        if rng.random() < glitch:  # seed-001 glitch: comma dropped, capital kept mid-sentence
            return f"{sub} {clause} {capitalize_first(main)}{end}"
        return f"{capitalize_first(lower_first_word(main))} {sub.lower()} {clause}{end}"
    m = _LEADING_ADV_RE.match(body)
    if m and _word_count(m.group(2)) >= 4 and " hand" not in m.group(1):
        adv, main = m.groups()
        return f"{capitalize_first(lower_first_word(main))} {lower_first_word(adv)}{end}"
    return None


def move_trailing_clause(s: str, rng: random.Random) -> str | None:
    """ "Y because X." -> "Because X, y."."""
    body, end = _end(s)
    if "," in body:
        return None
    m = _TRAILING_SUB_RE.match(body)
    if not m or _word_count(m.group(1)) < 4:
        return None
    main, sub, clause = m.groups()
    return f"{capitalize_first(sub.lower())} {clause}, {lower_first_word(main)}{end}"


def swap_coordinated(s: str, rng: random.Random) -> str | None:
    """ "A, and B." -> "B, and a." when both halves look like clauses."""
    body, end = _end(s)
    parts = re.split(r", (and|while|whereas) ", body)
    if len(parts) != 3:
        return None
    a, conj, b = parts
    if _word_count(a) < 4 or _word_count(b) < 4 or not _starts_clause(b):
        return None
    return f"{capitalize_first(b)}, {conj} {lower_first_word(a)}{end}"


def said_template(s: str, rng: random.Random) -> str | None:
    """ "Officials said that X." <-> "According to officials, X." and similar reporting swaps."""
    body, end = _end(s)
    m = _ACCORDING_RE.match(body)
    if m:
        who, rest = m.groups()
        return f"{capitalize_first(rest)}, according to {who}{end}"
    m = _SAID_RE.match(body)
    if m:
        who, rest = m.groups()
        who = lower_first_word(who.strip())
        return f"According to {who}, {rest}{end}"
    return None


def voice_template(s: str, rng: random.Random) -> str | None:
    """Passive <-> active templates: "The bill was passed by MPs." <-> "MPs passed the bill"."""
    body, end = _end(s)
    m = _PASSIVE_RE.match(body)
    if m:
        det, noun, _aux, verb, agent = m.groups()
        return f"{capitalize_first(agent)} {verb} {det.lower()} {noun}{end}"
    m = _ACTIVE_RE.match(body)
    if m:
        agent, verb, obj = m.groups()
        head = obj.split()[-1]
        aux = "were" if head.endswith("s") and not head.endswith("ss") else "was"
        pp = _IRREGULAR_PP.get(verb, verb)
        return f"{capitalize_first(obj)} {aux} {pp} by {lower_first_word(agent)}{end}"
    return None


STRUCTURAL: list[Callable[[str, random.Random], str | None]] = [
    move_leading_clause,
    move_trailing_clause,
    swap_coordinated,
    said_template,
    voice_template,
]


def _fluent_leading(s: str, rng: random.Random) -> str | None:
    return move_leading_clause(s, rng, glitch=0.0)


# Grammatical restructurings only, for the fluent (formal) paraphrase style.
FLUENT: list[Callable[[str, random.Random], str | None]] = [
    _fluent_leading,
    move_trailing_clause,
    said_template,
    voice_template,
]


def restructure(s: str, rng: random.Random, transforms: list[Callable[..., str | None]]) -> str:
    """Apply the first applicable transform, tried in random order; quotes are left alone."""
    if _has_quote(s):
        return s
    order = list(range(len(transforms)))
    rng.shuffle(order)
    for k in order:
        new = transforms[k](s, rng)
        if new is not None:
            return new
    return s


def change_connectives(s: str, rng: random.Random, p: float = 0.6) -> str:
    """Swap connectives from :data:`CONNECTIVES`, each matching one with probability ``p``."""
    for pat, reps in CONNECTIVES:
        if pat.search(s) and rng.random() < p:
            s = pat.sub(reps[rng.randrange(len(reps))], s, count=1)
    return s


def but_to_however(s: str, rng: random.Random, glitch: float = 1.0) -> str:
    """ ", but" -> "; however," (sometimes glued: seed 001's "hashowever").

    ``glitch`` scales how often the result is glued or keeps a capital mid-sentence.
    """
    m = re.search(r",? but ", s)
    if not m or m.start() < 10:
        return s
    r = rng.random()
    glued, capital = P_GLUED_HOWEVER * glitch, P_CAPITAL_HOWEVER * glitch
    if r < glued:
        # glue "however" to the previous word, dropping the rest of the clause link
        return s[: m.start()].rstrip(",") + "however " + s[m.end() :]
    if r < glued + capital:
        return s[: m.start()] + " However, " + s[m.end() :]  # capital kept mid-sentence
    return s[: m.start()] + "; however, " + s[m.end() :]


def split_long(s: str, rng: random.Random) -> list[str]:
    """Cut a long sentence at a semicolon or a clause-joining conjunction."""
    if _word_count(s) < 22 or _has_quote(s):
        return [s]
    body, end = _end(s)
    for pat, lead in (
        (r"; ", ""),
        (r", but ", "However, "),
        (r", while ", "Meanwhile, "),
        (r", and ", ""),
        (r", so ", "Therefore, "),
    ):
        m = re.search(pat, body)
        if not m:
            continue
        a, b = body[: m.start()], body[m.end() :]
        if _word_count(a) < 6 or _word_count(b) < 6 or not _starts_clause(b):
            continue
        b = lead + (lower_first_word(b) if lead else capitalize_first(b))
        return [a + ".", capitalize_first(b) + end]
    return [s]


def merge_short(a: str, b: str, rng: random.Random, glitch: float = P_MERGE_NO_STOP) -> str:
    """Join two short sentences, now and then (``glitch``) leaving the second capital in place."""
    body_a, _ = _end(a)
    r = rng.random()
    if r < glitch:
        return f"{body_a} {b}"  # glitch: no punctuation, capital kept ("allies It is")
    joiner = (", and ", "; ", ", while ", ", as ")[rng.randrange(4)]
    return f"{body_a}{joiner}{lower_first_word(b)}"


def rewrite_paragraph(
    para: str,
    rng: random.Random,
    *,
    p_struct: float = 0.6,
    p_split: float = 0.5,
    p_merge: float = 0.3,
    glitch: float = 1.0,
) -> str:
    """Rewrite the sentences of one paragraph; whitespace inside the paragraph is normalised.

    ``glitch`` multiplies the rates of the shallow spinner's glitches: a moved clause that
    keeps its capital, a glued or capitalised "however", a merge without punctuation, a
    sentence boundary fused (the full stop lost, the capital kept: "allies It is", as when a
    spinner re-joins the sentences it rewrote one by one) and a stray word after a full stop.
    """
    p_fuse, p_stray = P_FUSE * glitch, P_STRAY * glitch
    p_merge_no_stop = min(1.0, P_MERGE_NO_STOP * glitch)
    moved = partial(move_leading_clause, glitch=min(1.0, P_MOVED_CAPITAL * glitch))
    transforms = [moved if t is move_leading_clause else t for t in STRUCTURAL]
    sents = split_sentences(para)
    if not sents:
        return para
    out: list[str] = []
    for s in sents:
        if rng.random() < p_struct:
            s = restructure(s, rng, transforms)
        if not _has_quote(s):
            s = change_connectives(s, rng)
            if rng.random() < 0.5:
                s = but_to_however(s, rng, glitch)
        parts = split_long(s, rng) if rng.random() < p_split else [s]
        out.extend(parts)
    merged: list[str] = []
    for s in out:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and 3 <= _word_count(prev) <= 12
            and 3 <= _word_count(s) <= 12
            and not prev[0].isdigit()
            and not _has_quote(prev + s)
            and prev.endswith(".")
            and rng.random() < p_merge
        ):
            merged[-1] = merge_short(prev, s, rng, p_merge_no_stop)
        else:
            merged.append(s)
    if p_fuse:
        for i in range(len(merged) - 1, 0, -1):
            a, b = merged[i - 1], merged[i]
            if _FUSABLE_END.search(a) and b[:1].isupper() and rng.random() < p_fuse:
                merged[i - 1 : i + 1] = [f"{a[:-1]} {b}"]
    if p_stray:
        for i, s in enumerate(merged):
            m = re.search(r"\b([a-z]{4,})\.\Z", s)
            if m and rng.random() < p_stray:
                merged[i] = f"{s} {m.group(1)}."  # seed 001's stray "country."
    return sentence_gap(para).join(merged)


def rewrite_text(text: str, rng: random.Random) -> str:
    """Sentence rewriting only, paragraph by paragraph (no synonym substitution).

    How glitchy the document is comes from :data:`GLITCH_LEVELS`, drawn once per document.
    """
    glitch = GLITCH_LEVELS[rng.randrange(len(GLITCH_LEVELS))]
    return map_paragraphs(text, lambda p: rewrite_paragraph(p, rng, glitch=glitch))


def sentence_rewrite(text: str, rng: random.Random) -> str:
    """Seed-001 style: restructured sentences plus moderate synonym substitution."""
    return substitute(rewrite_text(text, rng), rng, 0.2)


def mixed(text: str, rng: random.Random) -> str:
    """Restructured sentences plus light (every ~3rd-4th word) synonym substitution."""
    return substitute(rewrite_text(text, rng), rng, 0.3)
