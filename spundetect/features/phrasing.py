"""Awkward phrasing measured against the reference model of normal English.

Why: spinners swap words for rarer "synonyms" that break collocations
("enviable desire", "sensible official"), machine translation misuses function
words and agreement, both repeat themselves clumsily; fluent paraphrasers lean
on a showy register ("slated to convene", "furthermore"). These signals depend
on how English is put together, not on the topic, so they carry over to
genres we never trained on. All values are rates or per-token averages.
"""

from __future__ import annotations

import bisect
import math
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..lm import function_words
from ..text import Doc, tokenize
from . import Evidence, register

if TYPE_CHECKING:
    from ..lm import ReferenceModel

NAMES = (
    "lm_mean_surprisal",
    "lm_p90_surprisal",
    "lm_high_surprisal_share",
    "lm_unseen_trigram_share",
    "lm_worst_sentence",
    "lm_bad_sentence_share",
    "word_pmi_mean",
    "word_pair_unseen",
    "colloc_unseen_rate",
    "rare_word_rate",
    "uncommon_word_rate",
    "mean_content_zipf",
    "article_mismatch",
    "repeated_word",
    "double_determiner",
    "repeated_ngram",
    "tortured_rate",
    "register_markers",
)

MAX_EVIDENCE = 3
BAD_SENTENCE_LOG10 = 5.5 / 3.321928094887362  # a sentence averaging over 5.5 bits per class
MIN_PAIR_COUNT = 20  # both words this frequent in the reference before a pair is judged
HIGH_SURPRISAL_BITS = 9.0  # a class trigram less likely than ~1 in 500
RARE_ZIPF = 3.0
UNCOMMON_ZIPF = 4.0
MIN_EXPECTED = 0.01  # expected reference count of a content-word pair before "unseen" means odd

_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "your",
        "his",
        "her",
        "its",
        "our",
        "their",
        "every",
        "each",
    ]
)
# pairs that are normal English despite two determiners in a row
_DET_OK = frozenset(
    {
        ("that", "the"),
        ("that", "a"),
        ("that", "an"),
        ("that", "this"),
        ("that", "his"),
        ("that", "her"),
        ("that", "their"),
        ("that", "its"),
        ("that", "my"),
        ("that", "our"),
        ("that", "your"),
        ("that", "these"),
        ("that", "those"),
        ("that", "every"),
        ("that", "each"),
        ("this", "that"),
        ("her", "the"),
        ("her", "a"),
        ("her", "an"),
        ("her", "this"),
        ("her", "that"),
        ("her", "his"),
        ("her", "their"),
        ("her", "its"),
        ("her", "my"),
        ("her", "our"),
        ("her", "your"),
        ("her", "these"),
        ("her", "those"),
        ("her", "every"),
        ("her", "each"),
        ("his", "a"),
    }
)
_REPEAT_OK = frozenset(
    {"had", "that", "is", "do", "very", "so", "bye", "ha", "no", "yes", "really", "far"}
)
# words that start with a vowel letter but a consonant sound, and the reverse
_VOWEL_LETTER_CONSONANT = (
    "uni",
    "use",
    "usu",
    "uti",
    "ure",
    "uro",
    "eu",
    "one",
    "once",
    "ewe",
    "ubiq",
    "ufo",
    "uk",
)
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")


def _load_lines(name: str) -> list[str]:
    ref = resources.files("spundetect") / "data" / name
    out = []
    for line in ref.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.rstrip("\n"))
    return out


@lru_cache(maxsize=4)
def _phrase_index(kind: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First token -> [(token tuple, expected)]; phrases tokenised like documents."""
    files = (
        ("tortured_pps.tsv", "tortured_general.txt")
        if kind == "tortured"
        else ("register_markers.txt",)
    )
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name in files:
        for line in _load_lines(name):
            phrase, _, expected = line.partition("\t")
            toks = tuple(tokenize(phrase.strip().lower()).lower)
            if toks:
                index.setdefault(toks[0], []).append((toks, expected.strip()))
    for lst in index.values():
        lst.sort(key=lambda x: -len(x[0]))  # longest match first
    return index


def _match_phrases(
    lower: list[str], index: dict[str, list[tuple[tuple[str, ...], str]]]
) -> list[tuple[int, int, str]]:
    """Non-overlapping matches as (first token, end token, expected)."""
    out: list[tuple[int, int, str]] = []
    if index.keys().isdisjoint(lower):
        return out
    nxt = 0
    for i, w in enumerate(lower):
        if i < nxt or w not in index:
            continue
        for toks, expected in index[w]:
            k = len(toks)
            if tuple(lower[i : i + k]) == toks:
                out.append((i, i + k, expected))
                nxt = i + k
                break
    return out


@lru_cache(maxsize=20_000)
def _vowel_sound(word: str) -> bool | None:
    """Does ``word`` start with a vowel sound? None when unsure (acronyms, digits)."""
    if not word or not word[0].isalpha():
        return None
    w = word.lower()
    if w.startswith(_SILENT_H):
        return True
    if w[0] in "aeio":
        return not w.startswith(("one", "once"))
    if w[0] == "u":
        return not w.startswith(_VOWEL_LETTER_CONSONANT) and not (
            len(w) > 2 and w[1] not in "aeiou" and w[2] in "aeiou" and w[1] not in "nms"
        )
    if w.startswith(_VOWEL_LETTER_CONSONANT):
        return False
    if word.isupper() and len(word) <= 5:
        return None  # "an FBI", "a NATO": depends on how the acronym is read
    return False


def _percentile(sorted_vals: list[float], q: float) -> float:
    if not sorted_vals:
        return 0.0
    k = min(len(sorted_vals) - 1, max(0, round(q * (len(sorted_vals) - 1))))
    return sorted_vals[k]


def _ev(
    evidence: list[Evidence] | None, name: str, doc: Doc, items: list[tuple[int, int, str]]
) -> None:
    """Add up to MAX_EVIDENCE items given as (first token, end token, message)."""
    if evidence is None:
        return
    for a, b, msg in items[:MAX_EVIDENCE]:
        s, e = doc.starts[a], doc.ends[b - 1]
        snippet = doc.text[s:e].replace("\n", " ")
        evidence.append(Evidence(f"phrasing.{name}", s, e, f"'{snippet}': {msg}"))


def _lm_features(
    doc: Doc, reference: ReferenceModel, evidence: list[Evidence] | None
) -> list[float]:
    """Class-sequence surprisal: mean, 90th percentile, high and unseen shares, worst sentence."""
    logps: list[float] = []
    unseen = 0
    worst = 0.0
    worst_sent = -1
    n_sents = n_bad = 0
    for si, seq in enumerate(reference.class_ids(doc)):
        start = len(logps)
        lps, unseen_at = reference.logprobs(seq)
        logps += lps
        unseen += sum(unseen_at)
        k = len(logps) - start
        if k >= 5:
            mean = -sum(logps[start:]) / k
            n_sents += 1
            if mean > BAD_SENTENCE_LOG10:
                n_bad += 1
            if mean > worst:
                worst, worst_sent = mean, si
    m = len(logps)
    if not m:
        return [0.0] * 6
    to_bits = 3.321928094887362
    srt = sorted(logps)  # ascending log-prob = descending surprisal
    p90 = -srt[min(m - 1, int(0.1 * (m - 1)))] * to_bits
    high = HIGH_SURPRISAL_BITS / -to_bits  # as a log10 threshold
    n_high = m - bisect.bisect_left(srt, high)
    worst *= to_bits
    if evidence is not None and worst_sent >= 0 and worst > 6.0:
        a0, b0 = doc.sentences[worst_sent]
        _ev(
            evidence, "lm_worst_sentence", doc, [(a0, b0, "the least usual word order in the text")]
        )
    return [
        -sum(logps) / m * to_bits,
        p90,
        (m - n_high) / m,
        unseen / m,
        worst,
        n_bad / n_sents if n_sents else 0.0,
    ]


def _pmi_features(doc: Doc, reference: ReferenceModel) -> list[float]:
    """Association of adjacent words in the reference text (smoothed PMI, unseen share).

    Only pairs whose words are both frequent in the reference are judged, so a
    rare topic word does not count as odd; a spun or garbled text strings common
    words together in ways normal English rarely does.
    """
    wc, wb = reference.word_counts, reference.word_bigrams
    wcget, wbget = wc.get, wb.get
    lower, is_word = doc.lower, doc.is_word
    n_ref = reference.n_words or 1
    total = 0.0
    pairs = unseen = 0
    log2 = math.log2
    for a, b in doc.sentences:
        prev = ""
        c_prev = 0
        for i in range(a, b):
            if not is_word[i]:
                prev = ""
                continue
            w = lower[i]
            c = wcget(w, 0)
            if c_prev >= MIN_PAIR_COUNT and c >= MIN_PAIR_COUNT:
                cnt = wbget(f"{prev} {w}", 0)
                pairs += 1
                if not cnt:
                    unseen += 1
                total += log2((cnt + 0.5) * n_ref / (c_prev * c))
            prev, c_prev = w, c
    if not pairs:
        return [0.0, 0.0]
    return [total / pairs, unseen / pairs]


@register("phrasing", NAMES, needs_reference=True)
def phrasing(
    doc: Doc, reference: ReferenceModel | None, evidence: list[Evidence] | None
) -> list[float]:
    """Awkward phrasing: class n-gram surprisal, odd collocations, rare synonyms, agreement."""
    n_words = doc.n_words
    if not n_words:
        return [0.0] * len(NAMES)
    toks, lower, is_word, starts, ends = doc.tokens, doc.lower, doc.is_word, doc.starts, doc.ends
    fw = function_words()
    if reference is not None:
        out = _lm_features(doc, reference, evidence) + _pmi_features(doc, reference)
    else:
        out = [0.0] * 8

    # --- one pass over tokens: content words (collocations, rare synonyms) and function words ---
    zipf = reference.zipf if reference is not None else {}
    wb = reference.word_bigrams if reference is not None else {}
    wc = reference.word_counts if reference is not None else {}
    inv_n = 1.0 / reference.n_words if reference is not None and reference.n_words else 0.0
    zget, wcget = zipf.get, wc.get
    n_content = n_rare = n_uncommon = pairs = articles = 0
    zsum = 0.0
    odd_pairs: list[tuple[int, int, str]] = []
    rare: list[int] = []
    mismatch: list[tuple[int, int, str]] = []
    repeats: list[int] = []
    doubles: list[int] = []
    sent_first = {a for a, _ in doc.sentences}
    prev = -1
    prev_low = ""
    n = len(lower)
    for i, low in enumerate(lower):
        if not is_word[i]:
            prev = -1
            prev_low = ""
            continue
        if low == prev_low and low not in _REPEAT_OK:
            repeats.append(i)
        if low in fw:
            prev = -1
            if prev_low in _DETERMINERS and low in _DETERMINERS and (prev_low, low) not in _DET_OK:
                doubles.append(i)
            if (
                (low == "a" or low == "an")
                and i + 1 < n
                and is_word[i + 1]
                and starts[i + 1] == ends[i] + 1
            ):
                articles += 1
                v = _vowel_sound(toks[i + 1])
                if v is not None and v != (low == "an"):
                    mismatch.append(
                        (i, i + 2, f"'{low}' does not fit the sound of '{toks[i + 1]}'")
                    )
            prev_low = low
            continue
        prev_low = low
        if toks[i][0].isupper() and i not in sent_first:
            prev = -1
            continue
        z = zget(low, 0.0)
        if z <= 0.0:
            prev = -1
            continue  # unknown words are counted by punctuation.unknown_words
        n_content += 1
        zsum += z
        if z < UNCOMMON_ZIPF:
            n_uncommon += 1
            if z < RARE_ZIPF:
                rare.append(i)
        if prev >= 0:
            # expected count of the pair in the reference if the words were independent: only
            # pairs we would expect to have seen can be "unseen" in a meaningful way
            w1 = lower[prev]
            if wcget(w1, 0) * wcget(low, 0) * inv_n >= MIN_EXPECTED:
                pairs += 1
                if f"{w1} {low}" not in wb:
                    odd_pairs.append(
                        (
                            prev,
                            i + 1,
                            f"'{w1}' and '{low}' are common words that rarely go together",
                        )
                    )
        prev = i
    n_rare = len(rare)
    out += [
        len(odd_pairs) / pairs if pairs else 0.0,
        n_rare / n_content if n_content else 0.0,
        n_uncommon / n_content if n_content else 0.0,
        zsum / n_content if n_content else 0.0,
        len(mismatch) / articles if articles else 0.0,
        100.0 * len(repeats) / n_words,
        100.0 * len(doubles) / n_words,
    ]
    if evidence is not None:
        _ev(evidence, "colloc_unseen_rate", doc, odd_pairs)
        _ev(
            evidence,
            "rare_word_rate",
            doc,
            [(i, i + 1, "a rare word where a plain one would do") for i in rare],
        )
        _ev(evidence, "article_mismatch", doc, mismatch)
        _ev(
            evidence,
            "repeated_word",
            doc,
            [(i - 1, i + 1, "the same word twice in a row") for i in repeats],
        )
        _ev(
            evidence,
            "double_determiner",
            doc,
            [(i - 1, i + 1, "two determiners in a row") for i in doubles],
        )

    # repeated word 3-grams inside one sentence ("the U. S. Secretary of State has worried the
    # U. S. Secretary of State"): a clause said twice
    rep: list[tuple[int, int, str]] = []
    n_rep = 0
    for a, b in doc.sentences:
        if b - a < 8:
            continue
        ws = [lower[i] for i in range(a, b) if is_word[i]]
        grams = list(zip(ws, ws[1:], ws[2:], strict=False))
        if len(set(grams)) == len(grams):
            continue  # the common case: nothing repeats
        seen: dict[tuple[str, str, str], int] = {}
        for k, g in enumerate(grams):
            if g[0] in fw and g[1] in fw and g[2] in fw:
                continue
            j = seen.get(g)
            if j is not None and j + 2 < k:
                n_rep += 1
                if evidence is not None:
                    idx = [i for i in range(a, b) if is_word[i]]
                    rep.append((idx[k], idx[k + 2] + 1, "words repeated within one sentence"))
            elif j is None:
                seen[g] = k
    out.append(n_rep / len(doc.sentences) if doc.sentences else 0.0)
    _ev(evidence, "repeated_ngram", doc, rep)

    # --- phrase lists ---
    tort = _match_phrases(lower, _phrase_index("tortured"))
    out.append(100.0 * len(tort) / n_words)
    reg = _match_phrases(lower, _phrase_index("register"))
    out.append(100.0 * len(reg) / n_words)
    if evidence is not None:
        _ev(
            evidence,
            "tortured_rate",
            doc,
            [
                (a, b, f"a tortured phrase (usually '{e}')" if e else "a tortured phrase")
                for a, b, e in tort
            ],
        )
        _ev(
            evidence,
            "register_markers",
            doc,
            [(a, b, "formal wording typical of machine paraphrase") for a, b, _ in reg],
        )
    return out
