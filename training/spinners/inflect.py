"""Guess a word's part of speech and inflection, and re-inflect a synonym the same way.

Why heuristics: no tagger model may be downloaded, and commercial spinners are context-free
anyway. We only need to carry "plural noun", "past verb", "-ing", "comparative" from the old
word to the new one, as the spinners that produce web text do (and sometimes fail to do).
"""

from __future__ import annotations

from typing import NamedTuple

from .tokens import wordset
from .wordnet import WordNet

DETERMINERS = wordset(
    "the a an this that these those his her its their our my your some many several each every "
    "no any another such which whose"
)
VERB_BASE_CUES = wordset(
    "to will would can could should may might must shall not did does do don't doesn't didn't "
    "won't can't cannot"
)
PERFECT_CUES = wordset("has have had having was were is are be been being am get got gets")
PRONOUNS = wordset("i we they you he she it who")
VOWELS = "aeiou"


class Analysis(NamedTuple):
    """One reading of a surface word: its part of speech, lemma and inflection."""

    pos: str  # n v a r
    base: str
    form: str  # base pl 3sg past ing er est


def _strip_candidates(w: str, suffix: str) -> list[str]:
    stem = w[: -len(suffix)]
    out = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out.append(stem[:-1])
    return out


def analyses(wn: WordNet, w: str) -> list[Analysis]:
    """Every WordNet-backed reading of lowercase word ``w``."""
    out: list[Analysis] = []
    # nouns
    if wn.has(w, "n"):
        out.append(Analysis("n", w, "base"))
    for b in wn.irregular_bases(w, "n"):
        if wn.has(b, "n"):
            out.append(Analysis("n", b, "pl"))
    if w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
        cands = [w[:-3] + "y"] if w.endswith("ies") else []
        if w.endswith(("ses", "xes", "zes", "ches", "shes")):
            cands.append(w[:-2])
        cands.append(w[:-1])
        for b in cands:
            if wn.has(b, "n"):
                out.append(Analysis("n", b, "pl"))
                break
        for b in cands:
            if wn.has(b, "v"):
                out.append(Analysis("v", b, "3sg"))
                break
    # verbs
    if wn.has(w, "v"):
        out.append(Analysis("v", w, "base"))
    for b in wn.irregular_bases(w, "v"):
        if wn.has(b, "v"):
            out.append(Analysis("v", b, "ing" if w.endswith("ing") else "past"))
            break
    if w.endswith("ing") and len(w) > 5:
        for b in _strip_candidates(w, "ing"):
            if wn.has(b, "v"):
                out.append(Analysis("v", b, "ing"))
                break
    if w.endswith("ed") and len(w) > 4:
        cands = [w[:-3] + "y"] if w.endswith("ied") else []
        cands += [w[:-1], *_strip_candidates(w, "ed")]
        for b in cands:
            if wn.has(b, "v"):
                out.append(Analysis("v", b, "past"))
                break
    # adjectives
    if wn.has(w, "a"):
        out.append(Analysis("a", w, "base"))
    for b in wn.irregular_bases(w, "a"):
        if wn.has(b, "a"):
            out.append(Analysis("a", b, "est" if w.endswith("est") else "er"))
            break
    for suf, form in (("est", "est"), ("er", "er")):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            stem = w[: -len(suf)]
            cands = [stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                cands.append(stem[:-1])
            for b in cands:
                if b != w and wn.has(b, "a"):
                    out.append(Analysis("a", b, form))
                    break
    if wn.has(w, "r"):
        out.append(Analysis("r", w, "base"))
    return out


def choose_analysis(
    wn: WordNet, cands: list[Analysis], word: str, prev: str | None
) -> Analysis | None:
    """Pick the reading a quick context heuristic favours (previous word, suffix, sense count)."""
    if not cands:
        return None
    p = (prev or "").lower()

    def score(a: Analysis) -> float:
        s = len(wn.synsets(a.base, a.pos)) ** 0.5  # more senses: more likely reading
        if a.form in ("pl", "past", "er", "est"):
            s += 3.0  # a visible suffix is strong evidence
        elif a.form == "3sg":
            s += 3.0 if p in PRONOUNS else 1.0  # "-s" is more often a plural noun
        elif a.form == "ing":
            # "was meeting" is a verb; "the annual meeting" is a noun in its own right
            s += 3.0 if p in PERFECT_CUES or p in PRONOUNS else 0.0
        if a.form == "base" and a.pos == "n" and word.endswith("ing"):
            s += 2.5
        if p in DETERMINERS:
            s += {"n": 4.0, "a": 3.0}.get(a.pos, -3.0)
            if a.pos == "v" and a.form == "past":
                s += 2.5  # "the proposed plan"
        elif p in VERB_BASE_CUES:
            s += 5.0 if (a.pos == "v" and a.form == "base") else -1.0
        elif p in PERFECT_CUES:
            s += 3.0 if a.pos == "v" and a.form in ("past", "ing") else 0.0
            s += 1.5 if a.pos == "a" else 0.0
        elif p in PRONOUNS:
            s += 3.0 if a.pos == "v" else -1.0
        if word.endswith("ly"):
            s += 4.0 if a.pos == "r" else -2.0
        return s

    return max(cands, key=score)


def _double_final(stem: str) -> bool:
    """Whether a short CVC stem doubles its last consonant ("stop" -> "stopped")."""
    return (
        len(stem) >= 3
        and len(stem) <= 4
        and stem[-1] not in VOWELS + "wxy"
        and stem[-2] in VOWELS
        and stem[-3] not in VOWELS
    )


def _plural(w: str) -> str:
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
        return w[:-1] + "ies"
    return w + "s"


def _inflect_one(wn: WordNet, w: str, pos: str, form: str, prev: str | None) -> str:
    if form == "base":
        return w
    irr = wn.irregular_forms(w, pos)
    if pos == "n" and form == "pl":
        return irr[0] if irr else _plural(w)
    if pos == "v":
        if form == "3sg":
            return _plural(w)
        if form == "ing":
            ing = [f for f in irr if f.endswith("ing")]
            if ing:
                return ing[0]
            if w.endswith("ie"):
                return w[:-2] + "ying"
            if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
                return w[:-1] + "ing"
            return w + (w[-1] if _double_final(w) else "") + "ing"
        if form == "past":
            past = [f for f in irr if not f.endswith(("ing", "s"))]
            if past:
                perfect = (prev or "").lower() in PERFECT_CUES
                prefer_n = [f for f in past if f.endswith(("n", "ne"))]
                other = [f for f in past if not f.endswith(("n", "ne"))]
                if perfect and prefer_n:
                    return prefer_n[0]
                return (other or prefer_n)[0]
            if w.endswith("e"):
                return w + "d"
            if w.endswith("y") and w[-2:-1] not in tuple(VOWELS):
                return w[:-1] + "ied"
            return w + (w[-1] if _double_final(w) else "") + "ed"
    if pos == "a" and form in ("er", "est"):
        if irr:
            pick = [f for f in irr if f.endswith(form)]
            if pick:
                return pick[0]
        core = w[:-1] if w.endswith("e") and not w.endswith("le") else w
        syllables = sum(
            1
            for i, c in enumerate(core)
            if c in VOWELS + "y" and (i == 0 or core[i - 1] not in VOWELS + "y")
        )
        if syllables > 2 or (syllables == 2 and not w.endswith("y")):
            return ("more " if form == "er" else "most ") + w
        if w.endswith("e"):
            return w + form[1:]
        if w.endswith("y") and len(w) > 2 and w[-2] not in VOWELS:
            return w[:-1] + "i" + form
        return w + (w[-1] if _double_final(w) else "") + form
    return w


def inflect(wn: WordNet, lemma: str, pos: str, form: str, prev: str | None = None) -> str:
    """Inflect a (possibly multi-word, underscore-joined) lemma like the word it replaces.

    Nouns inflect their last word ("interest group" -> "interest groups"), verbs their first
    ("sound out" -> "sounded out").
    """
    parts = lemma.split("_")
    if len(parts) == 1:
        return _inflect_one(wn, lemma, pos, form, prev)
    if pos == "v":
        parts[0] = _inflect_one(wn, parts[0], pos, form, prev)
    elif pos == "n":
        parts[-1] = _inflect_one(wn, parts[-1], pos, form, prev)
    elif pos == "a" and form in ("er", "est"):
        return ("more " if form == "er" else "most ") + " ".join(parts)
    return " ".join(parts)


def article_for(word: str) -> str:
    """ "a" or "an" by the sound of ``word`` (letter rules with the common exceptions)."""
    w = word.lower()
    if w.startswith(("uni", "use", "usu", "eu", "one", "once", "ur")):
        return "a"
    if w.startswith(("hour", "honest", "honour", "honor", "heir")):
        return "an"
    return "an" if w[:1] in tuple(VOWELS) else "a"
