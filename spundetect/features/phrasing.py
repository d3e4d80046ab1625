"""Awkward phrasing measured against the reference model of normal English.

Why: spinners swap words for rarer "synonyms" that break collocations
("enviable desire", "sensible official"), machine translation misuses function
words and agreement, both repeat themselves clumsily; fluent paraphrasers lean
on a showy register ("slated to convene", "furthermore"). These signals depend
on how English is put together, not on the topic, so they carry over to
genres we never trained on. All values are rates or per-token averages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np

from ..lm import function_words, stable_hash
from ..lm import mix as _mix
from ..text import Doc, tokenize
from . import MAX_EVIDENCE, Evidence, quote, register

if TYPE_CHECKING:
    from ..lm import ReferenceModel, TokenInfo

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
    "common_pair_share",
    "content_pair_common",
    "rare_synonym_rate",
    "uncommon_synonym_rate",
    "mean_content_zipf",
    "article_mismatch",
    "repeated_word",
    "double_determiner",
    "repeated_ngram",
    "tortured_rate",
    "register_markers",
    "adjacent_repeat",
)

BAD_SENTENCE_LOG10 = 5.5 / 3.321928094887362  # a sentence averaging over 5.5 bits per class
MIN_PAIR_COUNT = 20  # both words this frequent in the reference before a pair is judged
HIGH_SURPRISAL_BITS = 9.0  # a class trigram less likely than ~1 in 500
RARE_ZIPF = 3.0
UNCOMMON_ZIPF = 4.0
TOPIC_PREFIX = 5  # words sharing this many first letters are one topic ("automaton", "automata")
COMMON_PAIR_ZIPF = 4.0  # both words at least this frequent before a pair's commonness is judged
MAX_LOOPS = 10  # adjacent_repeat counts loops up to this many (one is already telling)
#: doubled words ("the the", "a the") a typing person makes too: a text with no more than this
#: many places of ``repeated_word`` and ``double_determiner`` together counts none (they are
#: still shown as evidence); with more, every one counts. One "the the" in a 150-word forum
#: post made model T call it rewritten (14 of the genre probe's 40 originals with one word
#: typed twice, against 4 as written; docs/EXPERIMENTS.md, twenty-fifth session), as one
#: lower-case sentence start once did (``punctuation.TYPOS_FORGIVEN``)
DOUBLED_FORGIVEN = 1
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
# pairs that are normal English despite two determiners in a row; a demonstrative is often a
# pronoun before a determiner ("give this a go", "is this the one?", "I make these every week")
_DET_OK = frozenset(
    {(d, x) for d in ("this", "these", "those") for x in _DETERMINERS if x != d}
    | {
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
        ("that", "that"),  # "sad that that is the last dance"
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
        ("her", "her"),  # "won her her first title"
    }
    # "his every move", "their every word"
    | {(d, "every") for d in ("my", "your", "his", "her", "its", "our", "their")}
)
_REPEAT_OK = frozenset(
    {"had", "that", "is", "do", "very", "so", "bye", "ha", "no", "yes", "really", "far", "blah"}
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
    lower: list[str],
    index: dict[str, list[tuple[tuple[str, ...], str]]],
    candidates: Iterable[int] | None = None,
) -> list[tuple[int, int, str]]:
    """Non-overlapping matches as (first token, end token, expected).

    ``candidates`` (ascending token positions whose token starts some phrase)
    spares the hot path a Python step per token; by default every position.
    """
    out: list[tuple[int, int, str]] = []
    if candidates is None:
        if index.keys().isdisjoint(lower):
            return out
        candidates = range(len(lower))
    nxt = 0
    for i in candidates:
        w = lower[i]
        if i < nxt or w not in index:
            continue
        for toks, expected in index[w]:
            k = len(toks)
            if tuple(lower[i : i + k]) == toks:
                out.append((i, i + k, expected))
                nxt = i + k
                break
    return out


@lru_cache(maxsize=4)
def _start_hashes(kind: str) -> np.ndarray:
    """Sorted hashes of how the phrases of a list start: the first two tokens' combined
    hash, or the token's own hash for one-token phrases. Keying on two tokens keeps
    phrases that start with "the" or "in" from making every such word a candidate."""
    out = []
    for first, phrases in _phrase_index(kind).items():
        h0 = stable_hash(first)
        for toks, _ in phrases:
            if len(toks) == 1:
                out.append(h0)
            else:
                pair = _mix(
                    np.array([h0], dtype=np.uint64),
                    np.array([stable_hash(toks[1])], dtype=np.uint64),
                )
                out.append(int(pair[0]))
    return np.unique(np.array(out, dtype=np.uint64))


# Phrase starts of both lists share one bitmap indexed by the low bits of the start hash:
# one array gather per document instead of a binary search per list. About 1% of tokens
# land on a slot by chance; _match_phrases checks every candidate exactly.
_FILTER_BITS = 16
_FILTER_MASK = np.uint64((1 << _FILTER_BITS) - 1)


@lru_cache(maxsize=1)
def _start_filter() -> np.ndarray:
    flt = np.zeros(1 << _FILTER_BITS, dtype=bool)
    for kind in ("tortured", "register"):
        flt[(_start_hashes(kind) & _FILTER_MASK).astype(np.intp)] = True
    return flt


def _phrase_candidates(h: np.ndarray, pair_h: np.ndarray) -> list[int]:
    """Ascending positions where a phrase of either list may start (a superset)."""
    flt = _start_filter()
    hit = flt[h & _FILTER_MASK]
    hit[:-1] |= flt[pair_h & _FILTER_MASK]
    return hit.nonzero()[0].tolist()


@lru_cache(maxsize=20_000)
def _vowel_sound(word: str) -> bool | None:
    """Does ``word`` start with a vowel sound? None when unsure (acronyms, digits)."""
    if not word or not word[0].isalpha():
        return None
    if word.isupper() and len(word) <= 5:
        return None  # "an FBI", "a NATO", "a US": depends on how the acronym is read
    w = word.lower()
    if w.startswith(_SILENT_H):
        return True
    if w[0] == "h" and len(w) > 1 and w[1] in "aeiouy":
        return None  # "an historic", "an hotel", "an homage": a style, not a slip
    if w.startswith(_VOWEL_LETTER_CONSONANT):
        return False  # "a European", "a one-off", "a university"
    if w[0] in "aeio":
        return True
    if w[0] == "u":
        return not (len(w) > 2 and w[1] not in "aeiou" and w[2] in "aeiou" and w[1] not in "nms")
    return False


def _ev(
    evidence: list[Evidence] | None, name: str, doc: Doc, items: list[tuple[int, int, str]]
) -> None:
    """Add up to MAX_EVIDENCE items given as (first token, end token, message)."""
    if evidence is None:
        return
    for a, b, msg in items[:MAX_EVIDENCE]:
        s, e = doc.starts[a], doc.ends[b - 1]
        evidence.append(Evidence(f"phrasing.{name}", s, e, f"'{quote(doc.text[s:e])}': {msg}"))


_TO_BITS = 3.321928094887362


def _lm_features(
    doc: Doc, reference: ReferenceModel, evidence: list[Evidence] | None
) -> list[float]:
    """Class-sequence surprisal: mean, 90th percentile, high and unseen shares, worst sentence."""
    lps, unseen, psid = reference.doc_logprobs(doc)
    m = len(lps)
    if not m:
        return [0.0] * 6
    n_sent = len(doc.sentences)
    k = np.bincount(psid, minlength=n_sent)
    sums = np.bincount(psid, weights=lps, minlength=n_sent)
    judged = k >= 5
    means = np.where(judged, -sums / np.maximum(k, 1), 0.0)
    n_judged = int(judged.sum())
    n_bad = int((means[judged] > BAD_SENTENCE_LOG10).sum())
    worst_sent = int(np.argmax(means)) if n_judged else -1
    worst = float(means[worst_sent]) if worst_sent >= 0 and means[worst_sent] > 0 else 0.0
    kth = min(m - 1, int(0.1 * (m - 1)))  # ascending log-prob = descending surprisal
    p90 = -float(np.partition(lps, kth)[kth]) * _TO_BITS
    n_high = int(np.count_nonzero(lps >= HIGH_SURPRISAL_BITS / -_TO_BITS))
    worst *= _TO_BITS
    if evidence is not None and worst > 6.0:
        a0, b0 = doc.sentences[worst_sent]
        _ev(
            evidence, "lm_worst_sentence", doc, [(a0, b0, "the least usual word order in the text")]
        )
    return [
        -float(lps.sum()) / m * _TO_BITS,
        p90,
        (m - n_high) / m,
        int(unseen.sum()) / m,
        worst,
        n_bad / n_judged if n_judged else 0.0,
    ]


_STEM = itemgetter(slice(None, TOPIC_PREFIX))  # a word's stem: its first TOPIC_PREFIX letters


def _topical(doc: Doc, cand: np.ndarray) -> np.ndarray:
    """Which candidate tokens are topic words: used twice, or sharing a stem with another word.

    A writer repeats the rare words of the topic ("automaton" ... "automata",
    "libertarian" ... "libertarianism"); a spinner's rare synonym stands alone.
    The stem is the first :data:`TOPIC_PREFIX` letters of the lower-cased word.
    """
    out = np.zeros(len(cand), dtype=bool)
    if not len(cand):
        return out
    counts = doc.word_counts()
    k = TOPIC_PREFIX
    # a word shorter than the stem is its own key and cannot match a longer word's stem;
    # the stems are cut and counted in C (map + itemgetter), not in a Python loop
    stems = Counter(map(_STEM, counts))
    for r, w in enumerate(map(doc.lower.__getitem__, cand.tolist())):
        out[r] = counts[w] >= 2 or (len(w) >= k and stems[w[:k]] >= 2)
    return out


def _adjacent_words(info: TokenInfo) -> np.ndarray:
    """Token positions i > 0 where tokens i-1 and i are words of the same sentence."""
    w = info.word
    return (w[1:] & w[:-1] & (info.sid[1:] == info.sid[:-1])).nonzero()[0] + 1


def _pmi_features(
    info: TokenInfo, reference: ReferenceModel, i: np.ndarray, counts: np.ndarray
) -> list[float]:
    """Association of adjacent words in the reference text (smoothed PMI, unseen share).

    ``i``: positions whose token and the one before are words of one sentence;
    ``counts``: those pairs' counts in the reference. Only pairs whose words are
    both frequent in the reference are judged, so a rare topic word does not
    count as odd; a spun or garbled text strings common words together in ways
    normal English rarely does.
    """
    c = info.wcount
    keep = (c[i - 1] >= MIN_PAIR_COUNT) & (c[i] >= MIN_PAIR_COUNT)
    i, cnt = i[keep], counts[keep]
    if not len(i):
        return [0.0, 0.0]
    n_ref = reference.n_words or 1
    pmi = np.log2((cnt + 0.5) * n_ref / (c[i - 1] * c[i]).astype(np.float64))
    return [float(pmi.mean()), float(np.count_nonzero(cnt == 0)) / len(i)]


@lru_cache(maxsize=1)
def _word_hashes() -> dict[str, int]:
    """Stable hashes of the closed word lists the vectorised checks compare against."""
    words = _DETERMINERS | _REPEAT_OK | {"a", "an"}
    return {w: stable_hash(w) for w in words}


@lru_cache(maxsize=1)
def _det_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted determiner hashes, their order, and the allowed (first, second) pairs matrix."""
    hashes = _word_hashes()
    dets = sorted(_DETERMINERS)
    h = np.array([hashes[d] for d in dets], dtype=np.uint64)
    order = np.argsort(h)
    ok = np.zeros((len(dets), len(dets)), dtype=bool)
    pos = {d: k for k, d in enumerate(dets)}
    for a, b in _DET_OK:
        ok[pos[a], pos[b]] = True
    return h[order], order, ok


def _det_index(h: np.ndarray) -> np.ndarray:
    """Index of each hash among the determiners (-1 when it is not one)."""
    sh, order, _ = _det_tables()
    k = np.minimum(np.searchsorted(sh, h), len(sh) - 1)
    return np.where(sh[k] == h, order[k], -1)


@register("phrasing", NAMES, needs_reference=True)
def phrasing(
    doc: Doc, reference: ReferenceModel | None, evidence: list[Evidence] | None
) -> list[float]:
    """Awkward phrasing: class n-gram surprisal, odd collocations, rare synonyms, agreement."""
    n_words = doc.n_words
    if not n_words or reference is None:
        return [0.0] * len(NAMES)
    info = reference.token_info(doc)
    # adjacent words of one sentence, looked up once for every pair feature below
    adj = _adjacent_words(info)
    adj_counts, adj_common = reference.pairs(info.wid[adj - 1], info.wid[adj])
    out = _lm_features(doc, reference, evidence) + _pmi_features(info, reference, adj, adj_counts)
    lower, toks = doc.lower, doc.tokens
    n = len(lower)
    word, fw, h = info.word, info.fw, info.h
    hashes = _word_hashes()

    # --- content words: rare synonyms and collocations ---
    # a capitalised word mid-sentence starts a name or a title
    titled = info.cap & ~info.first
    content = word & ~fw & ~titled & (info.zipf > 0.0)
    z = info.zipf[content]
    n_content = len(z)
    # rare and uncommon words that have a much commoner synonym (a spinner's or a translation
    # engine's choice; everyday rare words such as "shoebox" have none), less the topic's own
    # vocabulary (see _topical); a possessive is as common as its word ("screen's" is rare
    # in the frequency table, "screen" is not)
    uncommon = (content & info.plain & (info.zipf < UNCOMMON_ZIPF)).nonzero()[0]
    uz = info.zipf[uncommon]
    zget = reference.zipf.get
    for k, i in enumerate(uncommon.tolist()):
        w = lower[i]
        if w.endswith("'s"):
            uz[k] = max(uz[k], zget(w[:-2], 0.0))
    keep = (uz < UNCOMMON_ZIPF) & ~_topical(doc, uncommon)
    uncommon, uz = uncommon[keep], uz[keep]
    rare = uncommon[uz < RARE_ZIPF]
    # adjacent content words whose pair we would expect to have seen in the reference if
    # the words were independent: only those can be "unseen" in a meaningful way
    inv_n = 1.0 / reference.n_words if reference.n_words else 0.0
    wc = info.wcount
    sel = content[adj - 1] & content[adj]
    sel &= wc[adj - 1] * wc[adj] * inv_n >= MIN_EXPECTED
    j = adj[sel]
    content_common = adj_common[sel]
    odd = j[(adj_counts[sel] == 0) & ~content_common]
    # adjacent frequent words: how many make a pair English uses all the time
    freq = (info.zipf[adj - 1] >= COMMON_PAIR_ZIPF) & (info.zipf[adj] >= COMMON_PAIR_ZIPF)
    common = adj_common[freq]

    # --- function words: repeats, double determiners, a/an ---
    # a repeat or a determiner pair ending in a name or a title (``titled``) is not a slip:
    # "Sirhan Sirhan", "the The Sun", "his My Linguistic Autobiography", "the A380"; a
    # function word repeated so ("and And") still counts
    same = (word[1:] & word[:-1] & (h[1:] == h[:-1]) & ~(titled & ~fw)[1:]).nonzero()[0] + 1
    if len(same):
        ok_rep = np.isin(h[same], [hashes[w] for w in _REPEAT_OK])
        repeats = same[~ok_rep]
    else:
        repeats = same
    pair = (fw[1:] & fw[:-1] & word[:-1] & ~titled[1:]).nonzero()[0] + 1
    doubles = pair[:0]
    if len(pair):
        d1, d2 = _det_index(h[pair - 1]), _det_index(h[pair])
        both = (d1 >= 0) & (d2 >= 0)
        if both.any():
            _, _, ok = _det_tables()
            bad = both.copy()
            bad[both] = ~ok[d1[both], d2[both]]
            doubles = pair[bad]
    art = ((h == hashes["a"]) | (h == hashes["an"])).nonzero()[0]
    art = art[art + 1 < n]
    articles = 0
    mismatch: list[tuple[int, int, str]] = []
    if len(art):
        starts, ends = doc.starts, doc.ends
        for i in art[word[art + 1]].tolist():
            if starts[i + 1] != ends[i] + 1:
                continue
            articles += 1
            low = lower[i]
            v = _vowel_sound(toks[i + 1])
            if v is not None and v != (low == "an"):
                mismatch.append((i, i + 2, f"'{low}' does not fit the sound of '{toks[i + 1]}'"))
    out += [
        len(odd) / len(j) if len(j) else 0.0,
        float(common.mean()) if len(common) else 0.0,
        float(content_common.mean()) if len(content_common) else 0.0,
        len(rare) / n_content if n_content else 0.0,
        len(uncommon) / n_content if n_content else 0.0,
        float(z.sum()) / n_content if n_content else 0.0,
        len(mismatch) / articles if articles else 0.0,
    ]
    # a text's only doubled word ("the the") is a typo anyone makes; it is still shown below
    doubled_typo = len(set(repeats.tolist()) | set(doubles.tolist())) <= DOUBLED_FORGIVEN
    out += [
        0.0 if doubled_typo else 100.0 * len(repeats) / n_words,
        0.0 if doubled_typo else 100.0 * len(doubles) / n_words,
    ]
    if evidence is not None:
        _ev(
            evidence,
            "colloc_unseen_rate",
            doc,
            [
                (
                    i - 1,
                    i + 1,
                    f"'{lower[i - 1]}' and '{lower[i]}' never stand side by side in the "
                    f"{reference.n_words:,}-word reference English, though each is common in it",
                )
                # the most telling first: the pairs the reference would most expect to hold
                for i in odd[np.argsort(-(wc[odd - 1] * wc[odd]), kind="stable")].tolist()
            ],
        )
        plainer = reference.plainer
        _ev(
            evidence,
            "rare_synonym_rate",
            doc,
            [(i, i + 1, _rare_message(plainer, lower[i])) for i in rare.tolist()],
        )
        _ev(evidence, "article_mismatch", doc, mismatch)
        _ev(
            evidence,
            "repeated_word",
            doc,
            [(i - 1, i + 1, "the same word twice in a row") for i in repeats.tolist()],
        )
        _ev(
            evidence,
            "double_determiner",
            doc,
            [(i - 1, i + 1, "two determiners in a row") for i in doubles.tolist()],
        )

    out.append(_repeated_clauses(doc, info, evidence))

    # --- phrase lists ---
    pair_h = _mix(h[:-1], h[1:])
    starts = _phrase_candidates(h, pair_h)
    tort = _match_phrases(lower, _phrase_index("tortured"), starts)
    out.append(100.0 * len(tort) / n_words)
    reg = _match_phrases(lower, _phrase_index("register"), starts)
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
    out.append(_adjacent_repeats(doc, info, evidence))
    return out


def _rare_message(plainer: dict[str, str], word: str) -> str:
    """Why a rare word counts, naming the plainer synonym WordNet lists for it when the table
    has one to name (for a possessive, its word's) and it is inflected as the word is.

    The synonym is the first of the word's most frequent sense, not one read in context: said
    as the word to use, it misled ("'scald': a rare word where 'whip' would do" in "don't scald
    your hand"), so the message says whose it is; and one of another word class ("shrieking"
    -> "scream", "awed" -> "awful", "substantially" -> "well") is not named (fifty-eighth
    session)."""
    if word in plainer:
        plain = plainer[word]
    else:
        plain = plainer.get(word[:-2], "")
        plain = plain and plain + "'s"
    if plain and _inflected_alike(word, plain):
        return f"a rare word where a commoner synonym would do (WordNet lists '{plain}')"
    return "a rare word where a commoner synonym would do"


_INFLECTIONS = ("ing", "ed", "ly")


def _inflected_alike(word: str, other: str) -> bool:
    """Whether ``word`` and ``other`` both end, or both do not, in each of the endings that
    mark a word class or form (a participle, a past, an adverb)."""
    return all(word.endswith(e) == other.endswith(e) for e in _INFLECTIONS)


def _repeated_clauses(doc: Doc, info: TokenInfo, evidence: list[Evidence] | None) -> float:
    """Word 3-grams said twice inside one sentence ("the U. S. Secretary of State has
    worried the U. S. Secretary of State"), per sentence.

    Vectorised screen first: only sentences where some word trigram that the walk
    counts (not three function words: "one of the") repeats are walked in Python
    (the rare case).
    """
    if not doc.sentences:
        return 0.0
    wpos = info.word.nonzero()[0]
    if len(wpos) < 3:
        return 0.0
    sid = info.sid[wpos]
    hw = info.h[wpos]
    fw3 = info.fw[wpos]
    counted = (sid[2:] == sid[:-2]) & ~(fw3[:-2] & fw3[1:-1] & fw3[2:])
    tsid = sid[:-2][counted]
    if not len(tsid):
        return 0.0
    # each trigram's hash with its sentence in the low bits: equal keys are the same trigram
    # in one sentence, or (rarely) two whose hashes agree above those bits, a sentence the
    # walk below then finds nothing in. Sorted, not argsorted: the key holds the sentence.
    low = np.uint64((1 << max(1, len(doc.sentences).bit_length())) - 1)
    key = _mix(_mix(hw[:-2], hw[1:-1]), hw[2:])[counted] & ~low | tsid.astype(np.uint64)
    key.sort()
    dup = key[1:] == key[:-1]
    if not dup.any():
        return 0.0  # the common case: nothing repeats
    fw = function_words()
    lower, is_word = doc.lower, doc.is_word
    rep: list[tuple[int, int, str]] = []
    n_rep = 0
    for s in np.unique(key[1:][dup] & low).tolist():
        a, b = doc.sentences[s]
        if b - a < 8:
            continue
        # the word positions once a sentence (once per repeat, a long sentence of repeats took
        # over ten minutes to explain)
        idx = [i for i in range(a, b) if is_word[i]]
        ws = [lower[i] for i in idx]
        grams = list(zip(ws, ws[1:], ws[2:], strict=False))
        seen: dict[tuple[str, str, str], int] = {}
        for k, g in enumerate(grams):
            if g[0] in fw and g[1] in fw and g[2] in fw:
                continue
            jj = seen.get(g)
            if jj is not None and jj + 2 < k:
                n_rep += 1
                if evidence is not None:
                    rep.append((idx[k], idx[k + 2] + 1, "words repeated within one sentence"))
            elif jj is None:
                seen[g] = k
    _ev(evidence, "repeated_ngram", doc, rep)
    return n_rep / len(doc.sentences)


def _adjacent_repeats(doc: Doc, info: TokenInfo, evidence: list[Evidence] | None) -> float:
    """Decoder loops: places where a run of two to four words is said again at once ("the
    government of the government of the government"), or one word three times in a row,
    within a sentence; a count up to :data:`MAX_LOOPS`.

    Neural translation of a language it knows little stutters so; people and spinners do
    not. Unlike ``repeated_ngram`` (a rate per sentence) a single loop counts fully in a long
    text. Only unbroken runs of words count: a repeat across punctuation or a number is
    a person's ("New York, New York", "go, go, go", "Day 1 and Day 2 and"), and so are the
    everyday repeats ("blah blah blah"). The evidence names the loop's last copy, which ends
    where the loop does ("of the government", not "the government of").
    """
    wpos = info.word.nonzero()[0]
    m = len(wpos)
    if m < 3:
        return 0.0
    hw, sid = info.h[wpos], info.sid[wpos]
    # unbroken runs of words: a new run at any other token or a sentence boundary
    run = np.concatenate(([0], (wpos[1:] != wpos[:-1] + 1) | (sid[1:] != sid[:-1]))).cumsum()
    spans: list[tuple[int, int, int]] = []  # word indices [a, b) of each loop, every copy; k
    for k in range(1, 5):
        if m < 2 * k + (k == 1):
            break
        eq = (hw[k:] == hw[:-k]) & (run[k:] == run[:-k])
        if not (eq[1:] & eq[:-1]).any():
            continue  # no run of two, so none long enough: the common case, and cheap
        # maximal runs of eq: word j equals word j+k for every j in [a, b)
        e = np.concatenate(([0], eq.view(np.int8), [0]))
        d = e[1:] - e[:-1]
        for a, b in zip((d == 1).nonzero()[0].tolist(), (d == -1).nonzero()[0].tolist()):
            if b - a >= max(k, 2):  # the k words said again (one word: said three times)
                spans.append((a, b + k, k))
    if not spans:
        return 0.0
    ok = _repeat_ok_hashes()
    loops: list[tuple[int, int, int]] = []
    for a, b, k in sorted(spans):
        if loops and a < loops[-1][1]:  # the same loop seen at another period
            a0, b0, k0 = loops[-1]
            # named by the copy it ends with: that of the find reaching furthest
            loops[-1] = (a0, b, k) if b > b0 else (a0, b0, k0)
        elif not (np.all(hw[a:b] == hw[a]) and int(hw[a]) in ok):
            loops.append((a, b, k))
    if evidence is not None:
        lower = doc.lower
        _ev(
            evidence,
            "adjacent_repeat",
            doc,
            [
                (
                    int(wpos[a]),
                    int(wpos[b - 1]) + 1,
                    f"'{' '.join(lower[int(i)] for i in wpos[b - k : b])}' over and over in a "
                    "row: a loop, as machine translation stutters",
                )
                for a, b, k in loops
            ],
        )
    return float(min(len(loops), MAX_LOOPS))


@lru_cache(maxsize=1)
def _repeat_ok_hashes() -> frozenset[int]:
    hashes = _word_hashes()
    return frozenset(hashes[w] for w in _REPEAT_OK)
