"""Turn feature values and matched spans into reasons a person can check.

Each reason names a feature, the characters it matched and a sentence in plain
words. Evidence found by the feature families (spans) is ranked by how far the
text's value for that feature sits from what original, human-written training
texts show; whole-text figures (readability, rates) are reported when they fall
outside the range of originals.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .features import MAX_EVIDENCE, Evidence, cuts_a_word, quote
from .furniture import LEFT_OUT_WHY
from .lm import function_words
from .result import LABELS, LeftOut, Reason, SentenceScore
from .text import Doc

if TYPE_CHECKING:
    from .detector import Detector

__all__ = ["explain", "left_out_parts"]

MAX_REASONS = 8
MAX_PER_FEATURE = 3
#: a feature whose training texts of the predicted label differ this little from the originals
#: (:func:`_separation`) or less weighs its matches at this much: an unseen word pair (0.11 for
#: spun texts, 0.19 for garbled ones in model U's training) says little of either, a rare
#: synonym or a tortured phrase (1, the most) much; a match still shows when no other does
MIN_SEPARATION = 0.05
#: matches of a feature with less separation than this are listed after the n-gram model's
#: word sequences
TELLING_SEPARATION = 0.5
#: a whole-text figure outside the originals' range is shown for a rewritten label only when
#: that label's training texts lie this many of the originals' standard deviations or more
#: the same way (see :func:`_figure_reasons`)
FIGURE_MIN_SHIFT = 0.25
MAX_SENTENCES = 300
#: in a text judged original, a sentence is marked as rewritten only where its own
#: P(original) is below the model's operating point for this false-positive rate (or the
#: stricter point the detector was set to): read alone, a sentence is weak evidence, and at
#: the arg-max a fifth of the sentences of test-split originals were marked (see
#: :func:`_sentences`)
SENTENCE_MAX_FPR = 0.05
#: for a text judged original, evidence is shown only for features at least this many
#: standard deviations above the mean of original training texts
ORIGINAL_MIN_Z = 1.0
#: a reason's weight reads a feature's standard score up to this many standard deviations:
#: beyond it a value says nothing more, and a feature no original training text showed (a
#: split "U. S.": standard deviation 0) would otherwise weigh in the hundreds of thousands
MAX_Z = 10.0
_ORIGINAL_BUT = (
    "judged original overall; the signals of rewriting below are unusual for human writing "
    "but did not outweigh the rest"
)
#: said first for a text judged machine_garbled when no reason is a translation pipeline's
#: punctuation ("U. S.", a stray '. “', a sentence started in lower case): the word choice and
#: word order the rest read are how a non-native writer's English reads too (at article
#: length the shipped model flags 17 and 25 of 60 such documents, benchmarks/bench_genre.py)
WORDING_ONLY = (
    "judged machine-translated on word choice and word order alone, with none of the "
    "punctuation a translation pipeline leaves: a non-native writer's English can read the "
    "same way, so weigh the reasons below before acting on the label"
)


def _zscores(det: Detector, x: np.ndarray) -> np.ndarray | None:
    stats = det._stats.get("original")
    if not stats:
        return None
    mean = np.asarray(stats["mean"])
    std = np.asarray(stats["std"])
    return (x - mean) / np.maximum(std, 1e-6)


def _separation(det: Detector, label: str) -> np.ndarray | None:
    """Per feature, how much a match of it says of ``label`` (of either rewritten label, for
    ``original``), from the training texts' means: how far that label's mean sits from the
    originals' in their standard deviations, or the log of how many times the originals'
    mean it is (a rare event, a tortured phrase, moves the first little and the second
    much), the larger, clipped to [:data:`MIN_SEPARATION`, 1]."""
    stats = det._stats
    orig = stats.get("original")
    if not orig:
        return None
    labels = [label] if label != "original" else [lab for lab in LABELS if lab != "original"]
    if not all(lab in stats for lab in labels):
        return None
    mean = np.asarray(orig["mean"], dtype=float)
    out = np.full(len(mean), MIN_SEPARATION)
    for lab in labels:
        other = np.asarray(stats[lab]["mean"], dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where((mean > 0) & (other > 0), np.log(other / mean), 0.0)
        out = np.maximum(out, np.maximum(_shift(stats, lab), ratio))
    return np.minimum(out, 1.0)


def _shift(stats: dict[str, Any], label: str) -> np.ndarray:
    """How far the training mean of ``label`` sits from the originals', per feature, in the
    originals' standard deviations (signed)."""
    orig = stats["original"]
    std = np.maximum(np.asarray(orig["std"], dtype=float), 1e-6)
    return (np.asarray(stats[label]["mean"], dtype=float) - np.asarray(orig["mean"])) / std


def _evidence_reasons(
    doc: Doc,
    evidence: list[Evidence],
    z: np.ndarray | None,
    names: tuple[str, ...],
    separation: np.ndarray | None = None,
    notes: dict[str, str] | None = None,
) -> list[Reason]:
    """The strongest matches, at most :data:`MAX_PER_FEATURE` distinct ones per feature.

    A match weighs its strength, how unusual the text's value of its feature is for an
    original (``z``) and how much that feature sets the predicted label apart from originals
    in training (``separation``, :func:`_separation`). A match that recurs (the same feature
    on the same words, "U. S." three times) is one reason with a count, so repeats do not
    crowd other evidence out of the list.
    """
    index = {n: i for i, n in enumerate(names)}
    text = doc.text
    # a feature records at most MAX_EVIDENCE matches: past that, a count is a lower bound
    recorded: dict[str, int] = {}
    for ev in evidence:
        recorded[ev.feature] = recorded.get(ev.feature, 0) + 1
    evidence = [ev for ev in evidence if not cuts_a_word(text, ev.start, ev.end)]
    # (rank, weight, evidence): ranked on the uncapped standard score, so a feature no
    # original training text showed comes first, and reported with it read up to MAX_Z
    scored: list[tuple[float, float, Evidence]] = []
    for ev in evidence:
        i = index.get(ev.feature)
        zi = max(float(z[i]) if z is not None and i is not None else 1.0, 0.25)
        si = float(separation[i]) if separation is not None and i is not None else 1.0
        scored.append((ev.strength * zi * si, ev.strength * min(zi, MAX_Z) * si, ev))
    scored.sort(key=lambda t: (-t[0], t[2].start))
    # each distinct match -> [weight, first evidence, other spans], strongest first
    groups: dict[tuple[str, str], list[Any]] = {}
    taken: list[tuple[int, int]] = []
    for _, weight, ev in scored:
        key = (ev.feature, " ".join(doc.text[ev.start : ev.end].casefold().split()))
        if any(ev.start < e and s < ev.end for s, e in taken):
            # a place of a match already listed is counted even where another reason's span
            # covers it (seed 004's '. “' said 9 times of 10: one lay inside 'law. “. law')
            if key in groups and (ev.start, ev.end) not in taken:
                groups[key][2].append((ev.start, ev.end))
            continue
        taken.append((ev.start, ev.end))
        if key in groups:
            groups[key][2].append((ev.start, ev.end))
        else:
            groups[key] = [weight, ev, []]
    out: list[Reason] = []
    per_feature: dict[str, int] = {}
    for weight, ev, more in groups.values():
        if per_feature.get(ev.feature, 0) >= MAX_PER_FEATURE:
            continue
        per_feature[ev.feature] = per_feature.get(ev.feature, 0) + 1
        count = 1 + len(more)
        said = []
        if count > 1:
            at_least = "at least " if recorded.get(ev.feature, 0) >= MAX_EVIDENCE else ""
            said.append(f"{at_least}{count} times in the text")
        if notes and ev.feature in notes:
            said.append(notes[ev.feature])
        message = f"{ev.message} ({'; '.join(said)})" if said else ev.message
        out.append(
            Reason(
                ev.feature,
                message,
                ev.start,
                ev.end,
                doc.text[ev.start : ev.end],
                weight,
                count,
                tuple(sorted(more)),
            )
        )
        if len(out) >= MAX_REASONS:
            break
    return out


def _figure_reasons(det: Detector, x: np.ndarray, label: str, already: set[str]) -> list[Reason]:
    stats = det._stats
    orig = stats.get("original")
    if not orig:
        return []
    p05, p95 = np.asarray(orig["p05"]), np.asarray(orig["p95"])
    mean = np.asarray(orig["mean"])
    # the most and the least (signed) shifts of the labels a figure may point towards: the
    # predicted one, or, for a text judged original, either rewritten one (the summary before
    # its reasons calls them signals of rewriting)
    towards = [label] if label != "original" else [lab for lab in LABELS if lab != "original"]
    shifts = [_shift(stats, lab) for lab in towards if lab in stats]
    up = np.max(shifts, axis=0) if shifts else None
    down = np.min(shifts, axis=0) if shifts else None
    z = _zscores(det, x)
    assert z is not None
    out: list[Reason] = []
    for i in np.argsort(-np.abs(z)):
        name = det.feature_names[i]
        if name in already or abs(z[i]) < 2:
            continue
        high = x[i] > p95[i]
        low = x[i] < p05[i]
        if not (high or low):
            continue
        # only figures that point towards the predicted label: its training texts lie that way
        # from the originals, by at least FIGURE_MIN_SHIFT of the originals' spread (plain
        # words are no sign of translation when translations use them as often)
        if up is not None and down is not None and (up[i] if high else -down[i]) < FIGURE_MIN_SHIFT:
            continue
        out.append(
            Reason(
                name, figure_message(name, x[i], mean[i], high), weight=float(min(abs(z[i]), MAX_Z))
            )
        )
        if len(out) >= 4:
            break
    return out


_LABEL_WORDS = {"spun": "spun", "machine_garbled": "machine-translated", "original": "original"}

# What a whole-text figure measures, in words, and how its value reads: "share" (a fraction,
# shown as a percentage), "per100" (per 100 words), "persentence" (per sentence) or "number"
# (as it is). A figure not
# listed (a family added later) is named by its feature name.
_FIGURES: dict[str, tuple[str, str]] = {
    "lexical.msttr": ("the share of different words in each stretch of 50 words", "share"),
    "lexical.hapax_rate": (
        "the share of words used only once in each stretch of 100 words",
        "share",
    ),
    "lexical.mean_word_len": ("the average word length in letters", "number"),
    "lexical.long_word_share": ("the share of words of seven letters or more", "share"),
    "lexical.contraction_rate": ('contractions ("don\'t", "it\'s")', "per100"),
    "lexical.first_person_rate": ('first-person pronouns ("I", "we", "my")', "per100"),
    "lexical.second_person_rate": ('second-person pronouns ("you", "your")', "per100"),
    "lexical.connective_start_share": (
        'the share of sentences that open with a connective ("However", "Moreover")',
        "share",
    ),
    "lexical.connective_diversity": (
        "the share of different connectives among those that open sentences",
        "share",
    ),
    "readability.flesch_reading_ease": (
        "the Flesch reading ease (higher reads more easily)",
        "number",
    ),
    "readability.flesch_kincaid_grade": ("the Flesch-Kincaid school grade", "number"),
    "readability.words_per_sentence": ("the average sentence length in words", "number"),
    "readability.syllables_per_word": ("the average number of syllables a word", "number"),
    "readability.sentence_len_std": (
        "how much sentence length varies (standard deviation, in words)",
        "number",
    ),
    "readability.sentence_len_cv": (
        "how much sentence length varies for its average (standard deviation over mean)",
        "number",
    ),
    "readability.difficult_word_rate": (
        "the share of words of two syllables or more outside a list of everyday words",
        "share",
    ),
    "readability.polysyllable_rate": ("the share of words of three syllables or more", "share"),
    "phrasing.lm_mean_surprisal": (
        "how unusual the order of word classes is on average (bits a word; higher is less usual)",
        "number",
    ),
    "phrasing.lm_p90_surprisal": (
        "how unusual the least usual tenth of the word order is (bits a word)",
        "number",
    ),
    "phrasing.lm_high_surprisal_share": (
        "the share of words in a very unusual word order",
        "share",
    ),
    "phrasing.lm_unseen_trigram_share": (
        "the share of three-word patterns of word classes unseen in the reference English",
        "share",
    ),
    "phrasing.lm_worst_sentence": (
        "how unusual the word order of the least usual sentence is (bits a word)",
        "number",
    ),
    "phrasing.lm_bad_sentence_share": ("the share of sentences in an unusual word order", "share"),
    "phrasing.word_pmi_mean": (
        "how strongly neighbouring words go together in the reference English (on average)",
        "number",
    ),
    "phrasing.word_pair_unseen": (
        "the share of neighbouring word pairs unseen in the reference English",
        "share",
    ),
    "phrasing.colloc_unseen_rate": (
        "the share of pairs of common content words unseen side by side in the reference English",
        "share",
    ),
    "phrasing.common_pair_share": (
        "the share of pairs of frequent words that are everyday English pairs",
        "share",
    ),
    "phrasing.content_pair_common": (
        "the share of pairs of content words that are everyday English pairs",
        "share",
    ),
    "phrasing.rare_synonym_rate": (
        "the share of content words that are rare where a commoner synonym would do",
        "share",
    ),
    "phrasing.uncommon_synonym_rate": (
        "the share of content words that are uncommon where a commoner synonym would do",
        "share",
    ),
    "phrasing.mean_content_zipf": (
        "how common the content words are on average (Zipf scale: 3 rare, 6 everyday)",
        "number",
    ),
    "phrasing.article_mismatch": (
        "the share of 'a' and 'an' that do not fit the next word's sound",
        "share",
    ),
    "phrasing.repeated_word": ("words written twice in a row", "per100"),
    "phrasing.double_determiner": ("two determiners in a row", "per100"),
    "phrasing.repeated_ngram": ("three-word runs said again within a sentence", "persentence"),
    "phrasing.tortured_rate": ("tortured phrases", "per100"),
    "phrasing.register_markers": ("formal words typical of machine paraphrase", "per100"),
    "phrasing.adjacent_repeat": ("runs of words said over and over in a row", "number"),
    "punctuation.split_abbrev": ('abbreviations split by a space ("U. S.")', "per100"),
    "punctuation.space_before_punct": ("spaces before punctuation", "per100"),
    "punctuation.space_inside_quotes": ("spaces just inside quotation marks", "per100"),
    "punctuation.stray_quote": ("stray quotes after the end of a sentence", "per100"),
    "punctuation.unbalanced_quotes": (
        "the share of paragraphs whose quotation marks do not pair up",
        "share",
    ),
    "punctuation.unbalanced_brackets": ("brackets without a partner", "per100"),
    "punctuation.doubled_punct": ("doubled punctuation marks", "per100"),
    "punctuation.missing_space": ("missing spaces after the end of a sentence", "per100"),
    "punctuation.lower_sentence_start": ("sentences that start in lower case", "persentence"),
    "punctuation.run_together": ("words run together", "per100"),
    "punctuation.unknown_compound": ("unknown words made of two common words", "per100"),
    "punctuation.mt_marks": ("words with a translation system's unknown-word mark", "per100"),
    "punctuation.unknown_words": (
        "lower-case words the reference English vocabulary lacks",
        "per100",
    ),
    "punctuation.fused_sentences": ("sentence openers capitalised mid-sentence", "persentence"),
}


def _number(v: float) -> str:
    """``v`` to three significant digits, never in exponent notation, with thousands
    separated; a positive value below 0.01 as "under 0.01"."""
    v = float(v)
    if v == 0:
        return "0"
    if abs(v) < 0.01:
        return "under 0.01" if v > 0 else "0"  # "0.00134" says nothing more to a reader
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    digits = max(0, 2 - int(np.floor(np.log10(abs(v)))))
    out = f"{v:.{digits}f}"
    return out.rstrip("0").rstrip(".") if "." in out else out


def _percent(v: float) -> str:
    return f"{_number(100.0 * float(v))}%"


def figure_message(name: str, value: float, typical: float, high: bool) -> str:
    """A whole-text figure outside the originals' range, in words: what it measures, its
    value in this text and in a typical original (``typical``); ``high``: above the range."""
    side = "higher" if high else "lower"
    if name.startswith("ngram.p_"):
        # the n-gram model's own probability: say what it is, not just its column name
        what = _LABEL_WORDS.get(name[len("ngram.p_") :], name)
        return (
            f"the word-sequence model's probability that this is {what} text is "
            f"{_percent(value)}: {side} than for 95% of human-written texts seen in training "
            f"(typically {_percent(typical)})"
        )
    what, unit = _FIGURES.get(name, (name, "number"))
    if unit == "share":
        shown, usual = _percent(value), _percent(typical)
    elif unit == "per100":
        shown, usual = f"{_number(value)} per 100 words", f"{_number(typical)}"
    elif unit == "persentence":
        shown, usual = f"{_number(value)} a sentence", f"{_number(typical)}"
    else:
        shown, usual = _number(value), _number(typical)
    return (
        f"{what}: {shown}, {side} than in 95% of human-written texts seen in training "
        f"(typically {usual})"
    )


#: a word at least this common (Zipf; "said", "get", "people", "year") is everyday English: an
#: n-gram made only of such words and function words ("said the", "to get", "over the")
#: appears in every text, so however the model weighs it, it is no evidence a reader can check
EVERYDAY_ZIPF = 5.9
#: the strongest distinct word sequences of a text the n-gram reasons are chosen among
NGRAM_SEQUENCES_LOOKED_AT = 200


def _ngram_reasons(det: Detector, doc: Doc, label: str, taken: list[Reason]) -> list[Reason]:
    """The word sequences that pushed the n-gram model hardest towards ``label``."""
    model = det._ngram
    if model is None or label == "original" or label not in model.classes:
        return []
    from .ngrams import gram_hashes

    # word n-grams only: people read words
    us = model.us_spelling is not None
    hashes, starts, ends = gram_hashes(doc, det._reference, classes=False, us_spelling=us)
    if not len(hashes):
        return []
    contrib = model.contributions(hashes, label)
    # each word sequence shown once: its places elsewhere are counted, as a match's are
    # (weight, first span, other spans), by its words; none that another reason quotes
    found: dict[str, list[Any]] = {}
    quoted = {" ".join(r.excerpt.casefold().split()) for r in taken if r.start >= 0}
    used = [span for r in taken if r.start >= 0 for span in ((r.start, r.end), *r.more_spans)]
    openers = {first for first, _ in doc.sentences}
    text = doc.text
    zipf = det._reference.zipf if det._reference is not None else None
    fw = function_words()
    # the 200 strongest distinct sequences are looked at, each at every place it has: a window
    # of the 200 strongest places was filled by one phrase's repeats in a text that says it
    # often (seed 004 ten times over listed one sequence; forty times over, none)
    looked: set[int] = set()
    weights = contrib.tolist()
    keys = hashes.tolist()
    for k in np.argsort(-contrib).tolist():
        if weights[k] <= 0:
            break
        if keys[k] not in looked:
            if len(looked) >= NGRAM_SEQUENCES_LOOKED_AT:
                continue  # past the window: only the places of those looked at count
            looked.add(keys[k])
        a, b = int(starts[k]), int(ends[k])
        if b - a < 2 or not all(doc.is_word[a:b]):
            continue  # a single word, or punctuation, says little on its own
        if any(doc.tokens[i][0].isupper() and i not in openers for i in range(a, b)):
            continue  # a name ("China and Russia") is the topic, not evidence a reader can weigh
        if zipf is not None and all(
            w in fw or zipf.get(w, 0.0) >= EVERYDAY_ZIPF for w in doc.lower[a:b]
        ):
            continue  # everyday words only ("said the", "to get"): see EVERYDAY_ZIPF
        s, e = doc.starts[a], doc.ends[b - 1]
        if text[s - 1 : s] == "-" or text[e : e + 1] == "-":
            continue  # part of a hyphenated word ("of pro" in "of pro-Russian")
        if any(s < ue and us < e for us, ue in used):
            continue
        key = " ".join(text[s:e].casefold().split())
        if key in quoted:
            continue  # the same words another reason names ("the plant is" said twice)
        if key in found:
            found[key][2].append((s, e))
            used.append((s, e))
            continue
        if len(found) >= 3:
            continue  # only the places of the three shown are still counted
        used.append((s, e))
        found[key] = [weights[k], (s, e), []]
    out: list[Reason] = []
    for weight, (s, e), more in found.values():
        count = 1 + len(more)
        msg = f"'{quote(text[s:e])}': a word sequence typical of {_LABEL_WORDS[label]} text in training"
        if count > 1:
            msg += f" ({count} times in the text)"
        out.append(
            Reason(f"ngram.p_{label}", msg, s, e, text[s:e], weight, count, tuple(sorted(more)))
        )
    return out


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences scored one by one. A "sentence" without a word
    (a stray quote the splitter cut off after a full stop: '. “') joins the one before
    it, so the breakdown never labels a lone punctuation mark."""
    spans: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(doc.sentences):
        start, end = doc.sentence_span(i)
        if spans and not any(t[:1].isalnum() for t in doc.tokens[a:b]):
            spans[-1] = (spans[-1][0], end)
        elif len(spans) < MAX_SENTENCES:
            spans.append((start, end))
        else:
            break
    return spans


def _sentence_rule(det: Detector, label: str) -> Detector:
    """The decision each sentence of a text judged ``label`` is read with.

    In a text judged rewritten: the detector's own (most probable label, or the operating
    point it was set to), which finds the translated sentences of partial translations best.
    In a text judged original: the stricter of that and the model's :data:`SENTENCE_MAX_FPR`
    point, so the breakdown marks a sentence there only on strong evidence of its own (a spun
    paragraph in a text of one's own), not on the noise of a sentence read alone. A model
    that records no such point keeps the detector's own decision.
    """
    if label != "original":
        return det
    try:
        point = det.with_max_fpr(SENTENCE_MAX_FPR)
    except ValueError:
        return det
    own = det.threshold
    assert point.threshold is not None
    return det if own is not None and own <= point.threshold else point


def _sentences(det: Detector, doc: Doc, label: str) -> tuple[SentenceScore, ...]:
    spans = _sentence_spans(doc)
    if not spans:
        return ()
    read = det._reference.read
    X = det._matrix([read(doc.text[s:e]) for s, e in spans])
    proba = det.predict_proba_features(X)
    decide = _sentence_rule(det, label)._decide
    out = []
    for (s, e), p in zip(spans, proba):
        probs = {lab: float(v) for lab, v in zip(LABELS, p)}
        out.append(SentenceScore(s, e, decide(p), probs))
    return tuple(out)


def left_out_parts(doc: Doc) -> tuple[LeftOut, ...]:
    """What no measure read (:meth:`Doc.left_out`), neighbouring lines left out for the same
    reason merged into one part ("a comment thread", not its twelve lines)."""
    parts: list[list[Any]] = []
    text = doc.text
    for a, b, why in doc.left_out():
        if parts and parts[-1][2] == why and not text[parts[-1][1] : a].strip():
            parts[-1][1] = b
        else:
            parts.append([a, b, why])
    # a line's span ends at its "\n": of a Windows line end, the "\r" is no part of the line
    for part in parts:
        while part[1] > part[0] and text[part[1] - 1] == "\r":
            part[1] -= 1
    return tuple(LeftOut(a, b, why, LEFT_OUT_WHY[why]) for a, b, why in parts)


def in_source(
    doc: Doc,
    reasons: tuple[Reason, ...],
    sentences: tuple[SentenceScore, ...],
    left_out: tuple[LeftOut, ...],
) -> tuple[tuple[Reason, ...], tuple[SentenceScore, ...], tuple[LeftOut, ...]]:
    """The evidence of ``doc`` with its spans in the text as given, when ``doc`` read it
    without the characters a reader does not see (:meth:`Doc.source`); an excerpt is the
    text as given at its span."""
    source = doc.source()
    if source is None:
        return reasons, sentences, left_out
    given = source[0]
    to = doc.in_source
    mapped = []
    for r in reasons:
        if r.start < 0:
            mapped.append(r)
            continue
        a, b = to(r.start, r.end)
        more = tuple(to(s, e) for s, e in r.more_spans)
        mapped.append(dataclasses.replace(r, start=a, end=b, excerpt=given[a:b], more_spans=more))
    return (
        tuple(mapped),
        tuple(
            dataclasses.replace(s, start=a, end=b)
            for s in sentences
            for a, b in [to(s.start, s.end)]
        ),
        tuple(
            dataclasses.replace(p, start=a, end=b)
            for p in left_out
            for a, b in [to(p.start, p.end)]
        ),
    )


def explain(
    det: Detector,
    doc: Doc,
    x: np.ndarray,
    evidence: list[Evidence],
    label: str,
    proba: np.ndarray | None = None,
) -> tuple[tuple[Reason, ...], tuple[SentenceScore, ...]]:
    """Reasons (strongest first) and a per-sentence breakdown for one scored text; with its
    probabilities (``proba``, in :data:`LABELS` order), a label the detector's operating point
    gave against the most probable one says so first (:func:`operating_point_summary`)."""
    z = _zscores(det, x)
    index = {n: i for i, n in enumerate(det.feature_names)}
    if label == "original" and z is not None:
        # a text judged original: a match counts only where the text's rate for that feature
        # is unusual even for human writing; one unseen word pair in a news story is not
        evidence = [
            e for e in evidence if e.feature not in index or z[index[e.feature]] >= ORIGINAL_MIN_Z
        ]
    leaning = _leaning(det)
    if label == "original" and leaning:
        # ... and only a match of a feature rewritten texts show more often than originals
        # do: one they show less often (a space before a comma) is no signal of rewriting
        evidence = [e for e in evidence if leaning.get(e.feature, ("spun",)) != ()]
    separation = _separation(det, label)
    notes = _direction_notes(leaning, label)
    matched = _evidence_reasons(doc, evidence, z, det.feature_names, separation, notes)
    # the matches of features that tell the label apart first, then the telling word sequences,
    # then the matches of features that barely do (an unseen word pair)
    telling: list[Reason] = []
    weak: list[Reason] = []
    for r in matched:
        i = index.get(r.feature)
        is_weak = separation is not None and i is not None and separation[i] < TELLING_SEPARATION
        (weak if is_weak else telling).append(r)
    reasons = telling + _ngram_reasons(det, doc, label, matched) + weak
    reasons += _figure_reasons(det, x, label, {r.feature for r in reasons})
    sentences = _sentences(det, doc, label)
    marked = sum(1 for s in sentences if s.label != label)
    for feature, spans_of, what in _RULES:
        if spans := spans_of(doc):
            reasons.insert(0, _rule_reason(doc, feature, spans, what))
    said = operating_point_summary(det, label, proba)
    if said is not None:
        reasons.insert(0, Reason("summary", said, weight=0.0))
    elif not reasons:
        reasons = [Reason("summary", _summary(label, marked, len(sentences)), weight=0.0)]
    elif label == "original":
        reasons.insert(0, Reason("summary", _ORIGINAL_BUT, weight=0.0))
    elif label == "machine_garbled" and not any(
        r.feature.startswith("punctuation.") for r in reasons
    ):
        reasons.insert(0, Reason("summary", WORDING_ONLY, weight=0.0))
    return tuple(reasons), sentences


# What a text says of itself, which a rule reads as proof of rewriting
# (:func:`spundetect.detector.with_rules`): the reason's feature, where the text says it, and
# what it is. Listed first, the last here at the top.
_RULES = (
    (
        "spintax",
        Doc.spintax,
        "a spinner's template left unresolved, its choices between braces or in [spin] tags "
        "(each group read as its first choice)",
    ),
    (
        "rewriter_note",
        Doc.rewriter_notes,
        "a rewriter's note left in the text, saying it was rewritten (a language model's or a "
        "paraphrasing service's answer published as it was)",
    ),
)


def _rule_reason(doc: Doc, feature: str, spans: tuple[tuple[int, int], ...], what: str) -> Reason:
    """The reason for the places ``spans`` where ``doc`` says it was rewritten (:data:`_RULES`),
    with as many places as a feature records."""
    (a, b), more = spans[0], spans[1:MAX_EVIDENCE]
    quoted = doc.text[a:b].strip()
    return Reason(feature, f"{quoted!r}: {what}", a, b, doc.text[a:b], 10.0, len(spans), more)


def operating_point_summary(det: Detector, label: str, proba: np.ndarray | None) -> str | None:
    """What to say first when the detector's threshold on P(original) (an operating point,
    :meth:`Detector.with_max_fpr`, or :meth:`Detector.with_threshold`) gave ``label`` though
    another is the most probable: seed 001 at the 1% point is labelled original with P(spun)
    0.76, and "the signals of rewriting did not outweigh the rest" was not true (fifty-eighth
    session). ``None`` when the label is the most probable one."""
    threshold = det.threshold
    if proba is None or threshold is None:
        return None
    top = LABELS[int(np.argmax(proba))]
    if top == label:
        return None
    p_original = float(proba[0])
    at = (
        f"the {_percent(det.max_fpr)} false-positive point"
        if det.max_fpr is not None
        else "the threshold set"
    )
    shown = math.floor(threshold * 1000) / 1000  # rounded down, as evaluate prints it
    side = "above" if label == "original" else "below"
    why = (
        "the signals of rewriting below are what make it so"
        if label == "original"
        else f"the evidence below is what points to {label}"
    )
    return (
        f"labelled {label} at {at}: P(original) {p_original:.2f} is {side} its threshold "
        f"{shown:.3f}, though {top} is the most probable label "
        f"(P {float(proba[LABELS.index(top)]):.2f}); {why}"
    )


def _leaning(det: Detector) -> dict[str, tuple[str, ...]]:
    """Per feature, the rewritten labels whose training texts show it more than originals
    do, on average (empty when neither does); empty without per-label statistics. A feature
    every label's texts show alike (no training text had a translation system's "~" mark)
    is left out: the training data says nothing of its direction, so it is neither noted nor
    dropped."""
    stats = det._stats
    if "original" not in stats:
        return {}
    labels = [lab for lab in LABELS if lab != "original" and lab in stats]
    orig = np.asarray(stats["original"]["mean"], dtype=float)
    means = {lab: np.asarray(stats[lab]["mean"], dtype=float) for lab in labels}
    return {
        name: tuple(lab for lab in labels if means[lab][i] > orig[i])
        for i, name in enumerate(det.feature_names)
        if i < len(orig) and any(means[lab][i] != orig[i] for lab in labels)
    }


def _direction_notes(leaning: dict[str, tuple[str, ...]], label: str) -> dict[str, str]:
    """For a text judged rewritten, what a match of a feature that does not point towards
    ``label`` says: that its training texts show it no more often than originals do, or that
    the other rewritten label's texts do ("a space before punctuation" in a text judged
    machine-translated: the corpus's translations have fewer than its originals)."""
    if label == "original":
        return {}
    words = _LABEL_WORDS[label]
    notes = {}
    for name, towards in leaning.items():
        if label in towards:
            continue
        others = [lab for lab in towards if lab != label]
        if others:
            notes[name] = (
                f"in training more typical of {_LABEL_WORDS[others[0]]} text than of {words} text"
            )
        else:
            notes[name] = f"in training no more common in {words} text than in human-written text"
    return notes


def _summary(label: str, marked: int = 0, n_sentences: int = 0) -> str:
    """What to say of a text no reason was found for; of one judged original whose breakdown
    marks some sentences as rewritten, that too (seed 002's said "no sign stood out" beside
    four sentences marked, one with P(spun) 0.97)."""
    if label == "original" and marked:
        of = f"{marked} of {n_sentences} sentences" if marked > 1 else f"1 of {n_sentences}"
        return (
            "judged original overall, and no single phrase stood out; read alone, "
            f"{of} read as rewritten (see the sentences)"
        )
    msg: dict[str, Any] = {
        "original": "no sign of spinning or machine translation stood out",
        "spun": "the overall profile resembles spun text, though no single phrase stands out",
        "machine_garbled": "the overall profile resembles machine-translated text, though no single phrase stands out",
    }
    return str(msg[label])
