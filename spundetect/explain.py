"""Turn feature values and matched spans into reasons a person can check.

Each reason names a feature, the characters it matched and a sentence in plain
words. Evidence found by the feature families (spans) is ranked by how far the
text's value for that feature sits from what original, human-written training
texts show; whole-text figures (readability, rates) are reported when they fall
outside the range of originals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .features import Evidence
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
) -> list[Reason]:
    """The strongest matches, at most :data:`MAX_PER_FEATURE` distinct ones per feature.

    A match weighs its strength, how unusual the text's value of its feature is for an
    original (``z``) and how much that feature sets the predicted label apart from originals
    in training (``separation``, :func:`_separation`). A match that recurs (the same feature
    on the same words, "U. S." three times) is one reason with a count, so repeats do not
    crowd other evidence out of the list.
    """
    index = {n: i for i, n in enumerate(names)}
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
        if any(ev.start < e and s < ev.end for s, e in taken):
            continue
        taken.append((ev.start, ev.end))
        key = (ev.feature, " ".join(doc.text[ev.start : ev.end].casefold().split()))
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
        message = ev.message if count == 1 else f"{ev.message} ({count} times in the text)"
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
    shift = _shift(stats, label) if label != "original" and label in stats else None
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
        if shift is not None and (shift[i] if high else -shift[i]) < FIGURE_MIN_SHIFT:
            continue
        side = "higher" if high else "lower"
        if name.startswith("ngram.p_"):
            # the n-gram model's own probability: say what it is, not just its column name
            what = _LABEL_WORDS.get(name[len("ngram.p_") :], name)
            msg = (
                f"the word-sequence model's probability that this is {what} text is "
                f"{x[i]:.2g}: {side} than for 95% of original texts seen in training "
                f"(typical {mean[i]:.2g})"
            )
        else:
            msg = (
                f"{name} = {x[i]:.3g}: {side} than in 95% of original texts seen in training "
                f"(typical {mean[i]:.3g})"
            )
        out.append(Reason(name, msg, weight=float(min(abs(z[i]), MAX_Z))))
        if len(out) >= 4:
            break
    return out


_LABEL_WORDS = {"spun": "spun", "machine_garbled": "machine-translated", "original": "original"}
#: a word at least this common (Zipf; "said", "get", "people", "year") is everyday English: an
#: n-gram made only of such words and function words ("said the", "to get", "over the")
#: appears in every text, so however the model weighs it, it is no evidence a reader can check
EVERYDAY_ZIPF = 5.9


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
    out: list[Reason] = []
    used = [(r.start, r.end) for r in taken if r.start >= 0]
    openers = {first for first, _ in doc.sentences}
    text = doc.text
    zipf = det._reference.zipf if det._reference is not None else None
    fw = function_words()
    for k in np.argsort(-contrib)[:200]:
        if contrib[k] <= 0 or len(out) >= 3:
            break
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
        used.append((s, e))
        out.append(
            Reason(
                f"ngram.p_{label}",
                f"'{doc.text[s:e]}': a word sequence typical of {_LABEL_WORDS[label]} text in training",
                s,
                e,
                doc.text[s:e],
                float(contrib[k]),
            )
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
    return tuple(LeftOut(a, b, why, LEFT_OUT_WHY[why]) for a, b, why in parts)


def explain(
    det: Detector, doc: Doc, x: np.ndarray, evidence: list[Evidence], label: str
) -> tuple[tuple[Reason, ...], tuple[SentenceScore, ...]]:
    """Reasons (strongest first) and a per-sentence breakdown for one scored text."""
    z = _zscores(det, x)
    index = {n: i for i, n in enumerate(det.feature_names)}
    if label == "original" and z is not None:
        # a text judged original: a match counts only where the text's rate for that feature
        # is unusual even for human writing; one unseen word pair in a news story is not
        evidence = [
            e for e in evidence if e.feature not in index or z[index[e.feature]] >= ORIGINAL_MIN_Z
        ]
    separation = _separation(det, label)
    matched = _evidence_reasons(doc, evidence, z, det.feature_names, separation)
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
    if not reasons:
        reasons = [Reason("summary", _summary(label), weight=0.0)]
    elif label == "original":
        reasons.insert(0, Reason("summary", _ORIGINAL_BUT, weight=0.0))
    elif label == "machine_garbled" and not any(
        r.feature.startswith("punctuation.") for r in reasons
    ):
        reasons.insert(0, Reason("summary", WORDING_ONLY, weight=0.0))
    return tuple(reasons), _sentences(det, doc, label)


def _summary(label: str) -> str:
    msg: dict[str, Any] = {
        "original": "no sign of spinning or machine translation stood out",
        "spun": "the overall profile resembles spun text, though no single phrase stands out",
        "machine_garbled": "the overall profile resembles machine-translated text, though no single phrase stands out",
    }
    return str(msg[label])
