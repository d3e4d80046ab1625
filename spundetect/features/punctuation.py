"""Broken punctuation and tokenisation artefacts.

Why: machine translation and its post-processing detokenise badly: they split
abbreviations (``U. S.``), leave spaces before punctuation and inside quotes,
strand a quote after the end of a sentence, drop closing quotes or brackets and
leave untranslated or unknown words. Human writers in any genre rarely do these
things, and none of them depends on the topic. Every count is a rate (per 100
words or per sentence/paragraph) so short and long texts are comparable.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text import Doc
from . import Evidence, register

if TYPE_CHECKING:
    from ..lm import ReferenceModel

NAMES = (
    "split_abbrev",
    "space_before_punct",
    "space_inside_quotes",
    "stray_quote",
    "unbalanced_quotes",
    "unbalanced_brackets",
    "doubled_punct",
    "missing_space",
    "lower_sentence_start",
    "run_together",
    "mt_marks",
    "unknown_words",
)

MAX_EVIDENCE = 3

# Patterns start with a rare literal so the regex engine can skip ahead; context that would
# need a look-behind is checked in Python on the (few) candidates.
# "U. S.", "U. N.": the second half of a split abbreviation; the first letter is checked after.
_SPLIT_ABBREV = re.compile(r"\. [A-Z]\.(?= |$)", re.M)
_SPACE_BEFORE = re.compile(r" [,.;:!?](?=\s|$)(?!\.)", re.M)
_MISSING_SPACE = re.compile(r"[.!?,;:](?=[A-Z][a-z])")
_DOUBLED_COMMA = re.compile(r"[,;:] *[,;:.]")
_DOUBLED_STOP = re.compile(r"\. +[.,](?! ?\.)")
_CAMEL = re.compile(r"[a-z][A-Z]")
_MT_MARK = re.compile(r"[*#@~][^\W\d_]{2,}")
_LOWER_START = re.compile(r"[.!?] +[a-z]")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
# a quote left after a sentence end: '. "' then end of paragraph, or '. ". '
_STRAY_QUOTE = re.compile(r"[.!?] +\"(?= *(?:\n|$|\.))", re.M)
_PARA = re.compile(r"\n\s*\n")
_NO_SPLIT_AFTER = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "rev",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "approx",
        "est",
        "al",
        "cf",
        "ca",
        "pp",
        "vol",
        "ed",
    ]
)


def _rate(n: int, per: int, scale: float = 100.0) -> float:
    return scale * n / per if per else 0.0


def _ev(
    evidence: list[Evidence] | None,
    name: str,
    spans: list[tuple[int, int]],
    msg: str,
    doc: Doc,
) -> None:
    if evidence is None:
        return
    for a, b in spans[:MAX_EVIDENCE]:
        snippet = doc.text[a:b].replace("\n", " ").strip()
        evidence.append(Evidence(f"punctuation.{name}", a, b, f"'{snippet}': {msg}"))


def _quote_checks(doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]], int]:
    """Spaces just inside quotes, and paragraphs whose quotes do not pair up.

    Curly quotes say which way they face; straight ones are paired in order
    within a paragraph (odd = opening).
    """
    text, folded = doc.text, doc.folded
    inside: list[tuple[int, int]] = []
    unbalanced: list[tuple[int, int]] = []
    n_paras = 0
    pos = 0
    for m in [*_PARA.finditer(folded), None]:
        end = m.start() if m else len(folded)
        para = folded[pos:end]
        if para.strip():
            n_paras += 1
        if '"' in para:
            k = 0
            opens = closes = 0
            for j, ch in enumerate(para):
                if ch != '"':
                    continue
                i = pos + j
                orig = text[i]
                if orig == "\u201c":
                    opening = True
                elif orig == "\u201d":
                    opening = False
                else:
                    opening = k % 2 == 0
                k += 1
                if opening:
                    opens += 1
                    nxt = folded[i + 1 : i + 3]
                    if nxt[:1] == " " and nxt[1:2].isalnum():
                        inside.append((i, i + 2))
                else:
                    closes += 1
                    prv = folded[max(i - 2, 0) : i]
                    if prv[-1:] == " " and prv[:1].isalnum():
                        inside.append((i - 1, i + 1))
            if opens != closes:
                unbalanced.append((pos, min(end, pos + 60)))
        pos = m.end() if m else end
    return inside, unbalanced, n_paras


def _splits_into_words(word: str, zipf: dict[str, float]) -> bool:
    """``hashowever`` -> ``has`` + ``however``: both parts common words (not a compound noun).

    Only called for words missing from the vocabulary, which are rare, so no cache.
    """
    get = zipf.get
    for k in range(2, len(word) - 2):
        if get(word[:k], 0.0) >= 4.5 and get(word[k:], 0.0) >= 4.5:
            return True
    return False


def _split_abbrev(f: str) -> list[tuple[int, int]]:
    """``U. S.`` / ``U. N. C.``: single capitals each followed by ". ", not ``J. Smith``."""
    out: list[tuple[int, int]] = []
    last_end = -1
    for m in _SPLIT_ABBREV.finditer(f):
        s = m.start() - 1  # the first capital
        if s < 0 or not ("A" <= f[s] <= "Z") or (s > 0 and (f[s - 1].isalnum() or f[s - 1] == ".")):
            continue
        if s <= last_end:  # "U. N. C.": extend the previous match
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((s, m.end()))
        last_end = m.end()
    return out


def _after_word(f: str, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    """Matches of ``rx`` that directly follow a letter or digit."""
    return [m.span() for m in rx.finditer(f) if m.start() > 0 and f[m.start() - 1].isalnum()]


def _missing_space(f: str) -> list[tuple[int, int]]:
    """``word.Next``: two lower-case letters, a sentence mark, then a capitalised word."""
    out = []
    for m in _MISSING_SPACE.finditer(f):
        s = m.start()
        if s >= 2 and f[s - 1].islower() and f[s - 2].islower() and (s < 3 or f[s - 3] != "."):
            out.append((s - 2, m.end() + 2))
    return out


def _doubled(f: str) -> list[tuple[int, int]]:
    """``,,`` ``, ,`` ``;.`` ``. .`` (not an ellipsis, not ``e.g.,``)."""
    out = [m.span() for m in _DOUBLED_COMMA.finditer(f)]
    for m in _DOUBLED_STOP.finditer(f):
        s = m.start()
        if s > 0 and f[s - 1] != "." and f[s - 1].isalnum():
            out.append(m.span())
    return out


def _camel(f: str) -> list[tuple[int, int]]:
    """camelCase inside a word with at least three lower-case letters before the capital."""
    out = []
    n = len(f)
    for m in _CAMEL.finditer(f):
        s = m.start()
        if (
            s >= 3
            and f[s - 3 : s].isalpha()
            and f[s - 3 : s].islower()
            and m.end() + 1 < n
            and f[m.end()].islower()
        ):
            a = s
            while a > 0 and f[a - 1].isalpha():
                a -= 1
            b = m.end()
            while b < n and f[b].isalpha():
                b += 1
            if f[a].islower():
                out.append((a, b))
    return out


def _mt_marks(f: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MT_MARK.finditer(f) if m.start() == 0 or f[m.start() - 1].isspace()]


def _lower_starts(f: str) -> list[tuple[int, int]]:
    """A lower-case word after a full stop, unless the stop ends an abbreviation."""
    out = []
    for m in _LOWER_START.finditer(f):
        s = m.start()
        if f[s] == ".":
            w = _WORD_BEFORE.search(f, max(0, s - 12), s)
            if w is None or len(w.group(1)) == 1 or w.group(1).lower() in _NO_SPLIT_AFTER:
                continue
            if s >= 2 and f[s - 2] == ".":  # "e.g." / "i.e." / "U.S."
                continue
        elif s == 0 or not f[s - 1].isalnum():
            continue
        b = m.end()
        while b < len(f) and f[b].isalpha():
            b += 1
        out.append((max(0, s - 1), b))
    return out


@register("punctuation", NAMES, needs_reference=True)
def punctuation(
    doc: Doc, reference: ReferenceModel | None, evidence: list[Evidence] | None
) -> list[float]:
    """Broken punctuation and tokenisation artefacts (split abbreviations, stray quotes)."""
    f = doc.folded
    n_words = doc.n_words
    n_sents = len(doc.sentences)
    if not n_words:
        return [0.0] * len(NAMES)
    out: list[float] = []

    def add(
        name: str, spans: list[tuple[int, int]], msg: str, per: int = n_words, scale: float = 100.0
    ) -> None:
        out.append(_rate(len(spans), per, scale))
        if spans:
            _ev(evidence, name, spans, msg, doc)

    add(
        "split_abbrev",
        _split_abbrev(f),
        "an abbreviation split by a space, typical of machine-translation post-processing",
    )
    add("space_before_punct", _after_word(f, _SPACE_BEFORE), "a space before punctuation")
    inside, unbalanced, n_paras = _quote_checks(doc)
    add("space_inside_quotes", inside, "a space just inside a quotation mark")
    add(
        "stray_quote",
        [m.span() for m in _STRAY_QUOTE.finditer(f)],
        "a stray quote after the end of a sentence",
    )
    add(
        "unbalanced_quotes",
        unbalanced,
        "a paragraph whose quotation marks do not pair up",
        n_paras,
        1.0,
    )
    out.append(_rate(abs(f.count("(") - f.count(")")) + abs(f.count("[") - f.count("]")), n_words))
    add("doubled_punct", _doubled(f), "doubled punctuation")
    add("missing_space", _missing_space(f), "no space after the end of a sentence")
    add(
        "lower_sentence_start",
        _lower_starts(f),
        "a sentence that starts in lower case",
        n_sents,
        1.0,
    )

    # run-together words: camelCase inside a word, or an unknown word that is two common words
    run_spans = _camel(f)
    unknown_spans: list[tuple[int, int]] = []
    if reference is not None:
        zipf = reference.zipf
        toks, lower, is_word, starts, ends = (
            doc.tokens,
            doc.lower,
            doc.is_word,
            doc.starts,
            doc.ends,
        )
        for i, low in enumerate(lower):
            if low in zipf or not is_word[i] or toks[i][0].isupper() or "'" in low:
                continue
            unknown_spans.append((starts[i], ends[i]))
            if len(low) >= 7 and _splits_into_words(low, zipf):
                run_spans.append((starts[i], ends[i]))
    add("run_together", run_spans, "two words run together")
    add(
        "mt_marks", _mt_marks(f), "a word marked by a translation system as unknown or untranslated"
    )
    add("unknown_words", unknown_spans, "a lower-case word that is not in the English vocabulary")
    return out
