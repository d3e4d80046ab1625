"""Context-free WordNet synonym substitution, the core move of commercial article spinners.

Why context-free: tools like the ones behind seed 001 swap a word for any lemma of any of its
synsets ("strong interest" -> "enviable desire"), so the detector must learn that signature,
not a careful paraphrase. Inflection, capitalisation and a/an are carried over most of the time
and broken at a small rate, as real spinners do.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import lru_cache

from .inflect import Analysis, analyses, article_for, choose_analysis, inflect
from .tokens import ABBREVIATIONS, STOPWORDS, capitalize_first, is_word, tokenize
from .wordnet import WordNet, get_wordnet

_zipf_frequency: Callable[..., float] | None
try:  # optional: keeps absurdly rare lemmas out; spinning still works without it
    from wordfreq import zipf_frequency as _zipf_frequency
except ImportError:  # pragma: no cover - depends on the environment
    _zipf_frequency = None

MIN_ZIPF = 1.5
_SENT_END = frozenset(".!?")
_OPEN_QUOTES = frozenset("“«")
_CLOSE_QUOTES = frozenset("”»")


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    if _zipf_frequency is None:
        return 3.0
    return float(_zipf_frequency(word, "en"))


@lru_cache(maxsize=100_000)
def _analyses(word: str) -> tuple[Analysis, ...]:
    return tuple(analyses(get_wordnet(), word))


@lru_cache(maxsize=100_000)
def _candidates(base: str, pos: str) -> tuple[str, ...]:
    wn = get_wordnet()
    return tuple(
        s
        for s in wn.synonyms(base, pos)
        if s != base
        and len(s) >= 3
        and any(c in "aeiouy" for c in s)  # no "s" for "second", no "yrs"
        and _zipf(s.replace("_", " ")) >= MIN_ZIPF
    )


@lru_cache(maxsize=100_000)
def fluent_candidates(base: str, pos: str) -> tuple[str, ...]:
    """Safer pool for fluent paraphrase: lemmas sharing the word's first (most frequent) sense
    as their own first sense, common (Zipf >= 3.8), single words, and at least as long as the word
    (formal vocabulary is longer: "buy" -> "purchase", never "maintain" -> "keep")."""
    if pos == "v":
        return ()  # verbs are too often phrasal or idiomatic ("call for", "put to the test")
    wn = get_wordnet()
    offs = wn.synsets(base, pos)
    if not offs:
        return ()
    out = []
    for w in wn.synset_words(pos, offs[0]):
        if w == base or w != w.lower() or not w.isalpha() or len(w) < len(base):
            continue
        if w.endswith("ing") and not base.endswith("ing"):
            continue  # "attention" -> "attending" reads as a verb
        mine = wn.synsets(w, pos)
        if mine and mine[0] == offs[0] and _zipf(w) >= 3.8:
            out.append(w)  # mutual first senses: "buy"/"purchase", "country"/"nation"
    return tuple(out)


@lru_cache(maxsize=50_000)
def _is_proper(word: str) -> bool:
    """Whether WordNet knows ``word`` as a capitalised noun (China, Smith, March)."""
    wn = get_wordnet()
    low = word.lower()
    for off in wn.synsets(low, "n"):
        for w in wn.synset_words("n", off):
            if w.lower() == low and w != low:
                return True
    return False


def _token_flags(tokens: list[str]) -> tuple[list[bool], list[bool]]:
    """Per token: is it the first word of a sentence, is it inside a quotation."""
    starts = [False] * len(tokens)
    quoted = [False] * len(tokens)
    at_start = True
    in_quote = False
    prev_word = ""
    for i, tok in enumerate(tokens):
        if tok.isspace():
            if "\n" in tok:
                at_start, in_quote = True, False
            continue
        if is_word(tok):
            starts[i] = at_start
            quoted[i] = in_quote
            at_start = False
            prev_word = tok
            continue
        if tok in _SENT_END:
            # "Mr." and initials do not end a sentence
            if not (
                tok == "."
                and (len(prev_word) == 1 or prev_word.lower() in {"mr", "mrs", "ms", "dr", "st"})
            ):
                at_start = True
        elif tok == '"':
            in_quote = not in_quote
        elif tok in _OPEN_QUOTES:
            in_quote = True
        elif tok in _CLOSE_QUOTES:
            in_quote = False
        elif tok[0].isdigit():
            at_start = False
        quoted[i] = in_quote
    return starts, quoted


def _prev_word(tokens: list[str], i: int) -> str | None:
    """The previous word if only spaces separate it from token ``i`` (context for tagging)."""
    j = i - 1
    while j >= 0 and tokens[j].isspace() and "\n" not in tokens[j]:
        j -= 1
    if j >= 0 and j < i - 1 and is_word(tokens[j]):
        return tokens[j]
    return None


def substitute(
    text: str,
    rng: random.Random,
    rate: float,
    *,
    p_break: float = 0.04,
    wn: WordNet | None = None,
    pool: Callable[[str, str], tuple[str, ...]] | None = None,
    fix_articles: float | None = None,
) -> str:
    """Replace about ``rate`` of the content words by a WordNet synonym.

    ``rate`` counts against all content words (not only those WordNet can replace), so 0.25
    means "about every 4th content word", as spinner settings are described. Names (capitalised
    mid-sentence words, proper nouns at sentence starts), numbers, words in quotations,
    hyphenated parts and function words are kept. Never adds or removes sentence punctuation,
    so the sentence count is unchanged. ``pool(lemma, pos)`` overrides the candidate pool
    (the fluent style passes a stricter one).
    """
    pool = pool or _candidates
    if not text.strip():
        return text
    wn = wn or get_wordnet()
    tokens = tokenize(text)
    starts, quoted = _token_flags(tokens)
    names = {
        t for t, s in zip(tokens, starts, strict=True) if not s and is_word(t) and t[0].isupper()
    }
    n = len(tokens)
    n_content = 0
    eligible: list[tuple[int, str | None, Analysis, tuple[str, ...]]] = []
    for i, tok in enumerate(tokens):
        if not is_word(tok) or quoted[i] or len(tok) < 3:
            continue
        low = tok.lower()
        if low in STOPWORDS or "'" in tok or "’" in tok or (len(tok) > 1 and tok.isupper()):
            continue
        if tok[0].isupper() and (
            not starts[i] or tok in names or low.capitalize() != tok or _is_proper(tok)
        ):
            continue
        n_content += 1
        if i + 1 < n and tokens[i + 1] == "." and low in ABBREVIATIONS:
            continue  # "Col." or "Gen." is a title, not the noun
        if (i > 0 and tokens[i - 1] in "-/") or (i + 1 < n and tokens[i + 1] in "-/"):
            continue
        prev = _prev_word(tokens, i)
        choice = choose_analysis(wn, list(_analyses(low)), low, prev)
        if choice is None:
            continue
        cands = pool(choice.base, choice.pos)
        if cands:
            eligible.append((i, prev, choice, cands))
    want = rate * n_content
    k = int(want) + (1 if rng.random() < want - int(want) else 0)
    picked = sorted(rng.sample(range(len(eligible)), min(k, len(eligible))))
    for e in picked:
        i, prev, choice, cands = eligible[e]
        tok = tokens[i]
        low = tok.lower()
        lemma = cands[rng.randrange(len(cands))]
        if choice.form != "base" and rng.random() < p_break:
            new = lemma.replace("_", " ")  # the spinner's wrong tense / lost plural
        else:
            new = inflect(wn, lemma, choice.pos, choice.form, prev)
        if new.lower() == low:
            continue
        if tok[0].isupper():
            new = capitalize_first(new)
        tokens[i] = new
        if prev is not None and prev.lower() in ("a", "an"):
            j = i - 1
            while tokens[j].isspace():
                j -= 1
            if rng.random() >= (p_break if fix_articles is None else 1.0 - fix_articles):
                art = article_for(new)
                tokens[j] = capitalize_first(art) if tokens[j][0].isupper() else art
    return "".join(tokens)


def synonym_light(text: str, rng: random.Random) -> str:
    """About every 3rd-4th content word swapped."""
    return substitute(text, rng, 0.3)


def synonym_heavy(text: str, rng: random.Random) -> str:
    """About every 2nd content word swapped, with a few more broken inflections."""
    return substitute(text, rng, 0.5, p_break=0.06)
