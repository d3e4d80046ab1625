"""The public detector: load a model, score texts, train a new one.

``Detector`` ties the three parts of a model together: the feature families
(:mod:`spundetect.features`), the reference language model they query
(:mod:`spundetect.lm`) and the calibrated classifier (:mod:`spundetect.model`).
"""

from __future__ import annotations

import collections
import contextlib
import copy
import dataclasses
import datetime as _dt
import hashlib
import itertools
import json
import os
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import compiled, lm
from .card import (
    COMPILED_NAME,
    MODEL_FORMAT,
    MODEL_FORMAT_VERSION,
    read_card,
    sha256_file,
    verified_file,
    write_card,
)
from .compiled import CompiledClassifier
from .errors import InputError, ModelError
from .explain import explain, in_source, left_out_parts
from .features import Evidence, extract, feature_names
from .metrics import FPR_LEVELS, evaluate, evaluation_report, operating_points
from .ngrams import (
    MAX_GENERATOR_SHARE,
    MIN_EXCESS_DOCS,
    MIN_GENERATORS,
    NgramModel,
    fit_ngram,
    generator_folds,
    gram_hashes,
    hash_grams,
    oof_proba,
    source_folds,
)
from .result import LABELS, Result, label_as_written, unknown_label
from .status import MAX_CHARS, checked_texts, iterable_of_texts, judgeable, validate_text
from .text import Doc

if TYPE_CHECKING:
    from .model import SpunClassifier

# Scoring needs numpy only: spundetect.model (scikit-learn, skops) is imported
# when training, saving, or loading a model that has no compiled classifier.

__all__ = [
    "FPR_LEVELS",
    "Detector",
    "default_model_dir",
    "default_reference",
    "operating_points",
    "train",
]


#: the result's message for a text written in lower case (:func:`spundetect.reading.recase`)
RECASED_MESSAGE = (
    "written in lower case: read with its sentences, 'I' and the words the vocabulary lacks "
    "(names) capitalised"
)
_READ_IN_LOWER_CASE = (
    "read in lower case, with its sentences, 'I' and the words the vocabulary lacks (names) "
    "capitalised"
)
#: the result's message for a text written all in capitals
CAPITALS_MESSAGE = f"written in capitals: {_READ_IN_LOWER_CASE}"
#: the result's message for a text written in title case (every word capitalised)
TITLE_CASE_MESSAGE = f"written in title case: {_READ_IN_LOWER_CASE}"
#: the message for each way a recased text was written (:meth:`spundetect.text.Doc.written_in`)
_RECASED_MESSAGES = {
    "lower case": RECASED_MESSAGE,
    "capitals": CAPITALS_MESSAGE,
    "title case": TITLE_CASE_MESSAGE,
}


#: how many disguised characters (letters of another script that look like Latin ones, invisible
#: characters inside words), at least, and how few words each at most, make the result call
#: them a disguise: spam disguises every word or two, while a writer or an editor slips one in
#: now and then (a Cyrillic "с" typed on a Russian keyboard layout, a ligature stop in a
#: German compound, a forum's break hint in a long name: 9 of 31 texts a helper wrote to try
#: the message held one or two invisible characters inside words; sixty-first session). Fewer
#: are said without the charge.
DISGUISE_MIN = 3
DISGUISE_MAX_WORDS_PER = 25


def _a_disguise(n: int, n_words: int) -> str:
    """``": a mark of text disguised to get past filters"`` for ``n`` disguised characters in
    ``n_words`` words, as many as spam puts in (:data:`DISGUISE_MIN`,
    :data:`DISGUISE_MAX_WORDS_PER`); ``""`` for fewer."""
    if n >= DISGUISE_MIN and n * DISGUISE_MAX_WORDS_PER >= n_words:
        return ": a mark of text disguised to get past filters"
    return ""


def look_alikes_message(n: int, n_words: int = 0) -> str:
    """The result's message for a text of ``n_words`` words with ``n`` letters of other scripts
    that look like Latin ones (:func:`spundetect.reading.read_look_alikes`)."""
    letters = "1 letter" if n == 1 else f"{n:,} letters"
    return (
        f"{letters} from another script that look like Latin ones (such as Cyrillic 'а' "
        f"for 'a') read as the Latin letters{_a_disguise(n, n_words)}"
    )


def hidden_message(in_words: int, controls: int, n_words: int = 0) -> str:
    """The result's message for a text of ``n_words`` words that held ``in_words`` invisible
    characters inside words and ``controls`` stray control characters
    (:meth:`spundetect.text.Doc.hidden_read`), all read as nothing; ``""`` for neither."""
    said = []
    if in_words:
        chars = (
            "1 invisible character inside a word"
            if in_words == 1
            else f"{in_words:,} invisible characters inside words"
        )
        said.append(
            f"{chars} (zero-width spaces or joiners, direction marks) read as nothing"
            + _a_disguise(in_words, n_words)
        )
    if controls:
        chars = "1 control character" if controls == 1 else f"{controls:,} control characters"
        said.append(
            f"{chars} (such as NUL or ESC) read as nothing: a mark of a broken extraction or "
            "encoding"
        )
    return "; ".join(said)


#: how much each group of a spinner's template left unresolved ("{upswing|rise}",
#: :meth:`spundetect.text.Doc.spintax`: three groups or more, one in 40 words or more)
#: multiplies the odds that a text is spun: such a template is the spinner's own syntax,
#: which no writer types, and outweighs any other evidence (three groups: P(original) 0.98
#: becomes 1e-7). The model's probabilities are taken as they are and updated by this rule
#: (:func:`with_rules`); a text that is no template is read as written.
SPINTAX_ODDS = 1000.0
#: how much a rewriter's note left in the text ("Sure! Here is a rewritten version of the
#: article:", :meth:`spundetect.text.Doc.rewriter_notes`) multiplies the odds that it is spun:
#: the text says it was rewritten, and no other evidence outweighs that
NOTE_ODDS = 1e6


def with_rules(proba: np.ndarray, groups: int = 0, notes: int = 0) -> np.ndarray:
    """``proba`` (in :data:`LABELS` order) updated for ``groups`` groups of a spinner's
    template left unresolved (:data:`SPINTAX_ODDS` each) and ``notes`` rewriter's notes
    (:data:`NOTE_ODDS` each, counted up to two); ``proba`` itself for neither."""
    if groups <= 0 and notes <= 0:
        return proba
    out = np.array(proba, dtype=float)
    out[LABELS.index("spun")] *= SPINTAX_ODDS ** min(groups, 20) * NOTE_ODDS ** min(notes, 2)
    total = out.sum()
    return out / total if total > 0 else np.asarray(proba, dtype=float)


def spintax_message(groups: int, excerpt: str) -> str:
    """The result's message for a text holding ``groups`` groups of a spinner's template left
    unresolved, the first of which reads ``excerpt``."""
    return (
        f"{groups:,} groups of a spinner's template left unresolved (such as {excerpt!r}): "
        "each read as its first choice, and taken as proof of spinning"
    )


def note_message(note: str) -> str:
    """The result's message for a text holding a rewriter's note, the first of which reads
    ``note``."""
    return (
        f"a rewriter's note left in the text ({note!r}): it says the text was rewritten, "
        "taken as proof of rewriting"
    )


def accents_message(words: Mapping[str, str]) -> str:
    """The result's message for a text with ``words`` written with accents English does not put
    on them, each mapped to the word read (:meth:`spundetect.text.Doc.accents_read`)."""
    written, meant = next(iter(words.items()))
    return (
        f"{len(words):,} words written with accents English does not put on them (such as "
        f"'{written}' for '{meant}') read without them: a mark of text disguised to get past "
        "filters"
    )


def _single_thread() -> Any:
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="openmp")


def default_model_dir() -> Path:
    """Where the shipped default model is installed (package data of ``spundetect.models``).

    Run from a source checkout (``python`` started in the repository, which puts the source
    ``spundetect/`` ahead of the installed one), ``spundetect.models`` does not exist as a
    package: the model is then the checkout's ``models/default``.
    """
    try:
        return Path(str(resources.files("spundetect.models") / "default"))
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parent.parent / "models" / "default"
        if checkout.is_dir():
            return checkout
        raise ModelError(
            "the default model is not installed (no spundetect.models package and no "
            f"{checkout}); reinstall spundetect, or pass a model directory"
        ) from None


def _reference_file(directory: Path) -> Path:
    found = sorted(p for p in directory.glob("reference.*") if p.is_file())
    if not found:
        raise ModelError(f"{directory} has no reference language model (reference.*)")
    return found[0]


def _compiled_classifier(directory: Path, files: dict[str, Any]) -> CompiledClassifier | None:
    """The compiled classifier the card lists (already hash-checked), or ``None`` when
    there is none or it was compiled from another file than the card's classifier:
    then the classifier file rules (with its safe loader and trust flag)."""
    meta = files.get("compiled")
    if not meta:
        return None
    clf = compiled.load(directory / meta["name"])
    if clf.source_sha256 != files["classifier"]["sha256"]:
        return None
    return clf


def operating_point(card: Mapping[str, Any], rate: float) -> tuple[float, float]:
    """``(max_fpr, threshold)`` of the model card's operating point for a false-positive rate
    of at most ``rate`` (the recorded one with the highest rate not above it), or
    ``ValueError`` saying why there is none. Read from the card alone, so a setting can be
    checked before the model is loaded (:class:`spundetect.datatrove.SpundetectFilter`)."""
    if not 0.0 < rate < 1.0:
        raise ValueError(f"max_fpr must be between 0 and 1, got {rate!r}")
    points = card.get("operating_points") or []
    usable = [p for p in points if p["max_fpr"] <= rate + 1e-12]
    if not usable:
        have = ", ".join(f"{p['max_fpr']:g}" for p in points) or "none"
        lowest = min(FPR_LEVELS)
        advice = (
            f"training records none below {lowest:g}"
            if rate < lowest
            else "retrain it with a larger validation share"
        )
        raise ValueError(
            f"this model records no operating point at a false-positive rate <= {rate:g} "
            f"(recorded: {have}); {advice}"
        )
    point = max(usable, key=lambda p: p["max_fpr"])
    return float(point["max_fpr"]), float(point["threshold"])


@lru_cache(maxsize=1)
def default_reference() -> lm.ReferenceModel:
    """The shipped reference language model, loaded once on first use."""
    return lm.load(_reference_file(default_model_dir()))


def _no_judgement(status: str, message: str, n_words: int) -> Result:
    return Result(None, dict.fromkeys(LABELS, 0.0), status, message=message, n_words=n_words)


class Detector:
    """Labels texts ``original``, ``spun`` or ``machine_garbled``.

    Build one with :meth:`load` (the shipped default, or a model directory) or
    :func:`train`; it is immutable after that and safe to share between threads.
    """

    def __init__(
        self,
        classifier: SpunClassifier | CompiledClassifier,
        reference: lm.ReferenceModel,
        card: dict[str, Any],
        ngram: NgramModel | None = None,
    ) -> None:
        self._clf = classifier
        self._reference = reference
        self._card = card
        self._ngram = ngram
        self._families: list[str] | None = card.get("families")
        self._names = tuple(card["feature_names"])
        classes = [str(c) for c in classifier.classes_]
        self._columns = [classes.index(lab) if lab in classes else -1 for lab in LABELS]
        self._stats = card.get("feature_stats") or {}
        self._max_fpr: float | None = None
        self._threshold: float | None = None

    # ------------------------------------------------------------------ loading
    #: The classifier file a compiled classifier was loaded beside; :meth:`save` copies it.
    _classifier_file: Path | None = None

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, trust: bool = False) -> Detector:
        """Load the shipped default model (``path=None``) or a model directory.

        Every load checks the card's format version, the files' SHA-256 and the
        feature set against this version of spundetect. When the card lists a
        compiled classifier (``classifier.npz``: plain arrays, no code) compiled
        from its classifier file, scoring uses it and scikit-learn is never
        imported. Otherwise the classifier is read with skops' safe loader;
        ``trust=True`` is needed only for files holding types spundetect does not
        write (pickle = code: trust only your own).
        """
        if path is not None and not os.fspath(path):  # an unset variable: not the current folder
            raise ModelError("an empty path is not a model directory")
        directory = default_model_dir() if path is None else Path(path)
        if not directory.is_dir():
            if path is None:
                raise ModelError(
                    "the default model is not installed (models/default is empty); "
                    "train it with `python -m training.train_default`"
                )
            if directory.exists():
                raise ModelError(
                    f"{directory}: a file, not a model directory (give the folder that holds "
                    "card.json)"
                )
            raise ModelError(f"{directory}: no such model directory")
        card = read_card(directory)
        files = card.get("files", {})
        for role in ("classifier", "reference", "ngram", "compiled"):
            if verified_file(directory, card, role) is None and role in ("classifier", "reference"):
                raise ModelError(f"{directory}: model card lists no {role} file")
        try:
            current = feature_names(card.get("families"))
        except ValueError as exc:  # a family this spundetect does not compute
            raise ModelError(f"{directory}: {exc}; retrain it with this version") from None
        current += NGRAM_NAMES if "ngram" in files else ()
        if tuple(card["feature_names"]) != current:
            missing = sorted(set(card["feature_names"]) - set(current))
            extra = sorted(set(current) - set(card["feature_names"]))
            raise ModelError(
                f"{directory}: the model was trained on a different feature set than this "
                f"spundetect computes (missing here: {missing[:5]}, new here: {extra[:5]}); "
                "retrain it with this version"
            )
        if path is None:
            reference = default_reference()
        else:
            reference = lm.load(directory / files["reference"]["name"])
        clf_file = directory / files["classifier"]["name"]
        clf: SpunClassifier | CompiledClassifier | None = _compiled_classifier(directory, files)
        if clf is None:
            from .model import load_classifier

            clf = load_classifier(clf_file, trust=trust)
        n_in = getattr(clf, "n_features_in_", None)
        if n_in is not None and n_in != len(card["feature_names"]):
            raise ModelError(
                f"{clf_file}: the classifier takes {n_in} features but the model card names "
                f"{len(card['feature_names'])}; the files do not belong together"
            )
        ngram = NgramModel.load(directory / files["ngram"]["name"]) if "ngram" in files else None
        det = cls(clf, reference, card, ngram)
        if isinstance(clf, CompiledClassifier):
            det._classifier_file = clf_file
        return det

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the model directory (classifier and its compiled form, reference model, card).
        :class:`ModelError` when ``path`` is a file or the directory cannot be made, or is
        empty (an unset variable: it wrote into the current folder, which ``load`` refuses)."""
        if not os.fspath(path):
            raise ModelError("an empty path is not a model directory")
        directory = Path(path)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a file of that name, a read-only place
            reason = "a file of that name is there" if directory.is_file() else exc.strerror
            raise ModelError(f"cannot save the model to {str(directory)!r}: {reason}") from exc
        if isinstance(self._clf, CompiledClassifier):
            written = self._save_compiled(directory)
        else:
            from .model import save_classifier

            written = save_classifier(self._clf, directory)
        ref_src = getattr(self._reference, "path", None)
        ref_name = "reference" + (Path(ref_src).suffix if ref_src else lm.SUFFIX)
        ref_path = directory / ref_name
        if ref_src and Path(ref_src).resolve() != ref_path.resolve():
            shutil.copyfile(ref_src, ref_path)
        elif not ref_src:
            lm.save(self._reference, ref_path)
        card = dict(self._card)
        card["files"] = {
            role: {"name": f.name, "sha256": sha256_file(f)} for role, f in written.items()
        }
        card["files"]["reference"] = {"name": ref_name, "sha256": sha256_file(ref_path)}
        if self._ngram is not None:
            ng_path = self._ngram.save(directory / NGRAM_FILE)
            card["files"]["ngram"] = {"name": NGRAM_FILE, "sha256": sha256_file(ng_path)}
        self._card = card
        write_card(directory, card)
        return directory

    def _save_compiled(self, directory: Path) -> dict[str, Path]:
        """Save a detector loaded with its compiled classifier: copy the classifier file
        it was loaded beside (there is no scikit-learn object to serialise), rewrite the
        compiled file."""
        assert isinstance(self._clf, CompiledClassifier)
        src = self._classifier_file
        if src is None or not src.is_file():
            raise ModelError(
                f"cannot save: the classifier file this detector was loaded beside ({src}) is gone"
            )
        dst = directory / src.name
        if src.resolve() != dst.resolve():
            shutil.copyfile(src, dst)
        return {"classifier": dst, "compiled": self._clf.save(directory / COMPILED_NAME)}

    # ------------------------------------------------------------------ decisions
    def with_max_fpr(self, rate: float | None) -> Detector:
        """A copy that labels a text ``original`` unless P(original) falls below the
        model's operating point for a false-positive rate on originals of at most ``rate``.

        Operating points are chosen on the validation share at training time (the card's
        ``operating_points``); the recorded one with the highest rate not above ``rate`` is
        used (between two points, the stricter), and :attr:`max_fpr` says which. Below it,
        the more probable of the other labels wins. ``None`` restores the default
        decision, the most probable label. Probabilities are never changed.
        """
        new = copy.copy(self)
        if rate is None:
            new._max_fpr = new._threshold = None
            return new
        new._max_fpr, new._threshold = operating_point(self._card, rate)
        return new

    def with_threshold(self, threshold: float | None) -> Detector:
        """A copy that labels a text ``original`` unless P(original) is below ``threshold``.

        For an operating point chosen on your own labelled texts (``spundetect evaluate``
        prints them); below the threshold, the more probable of the other labels wins.
        ``None`` restores the default decision, the most probable label. Probabilities are
        never changed.
        """
        new = copy.copy(self)
        if threshold is not None and not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold!r}")
        new._max_fpr = None
        new._threshold = None if threshold is None else float(threshold)
        return new

    @property
    def max_fpr(self) -> float | None:
        """The rate of the operating point :meth:`with_max_fpr` chose (None: most probable
        label): the one asked for, or the recorded point below it that was used."""
        return self._max_fpr

    @property
    def threshold(self) -> float | None:
        """The P(original) threshold in use, from :meth:`with_max_fpr` or
        :meth:`with_threshold` (None: most probable label)."""
        return self._threshold

    def decide(self, probabilities: Mapping[str, float]) -> str:
        """The label this detector gives a text with these probabilities (its decision rule:
        the most probable label, or the threshold :meth:`with_max_fpr` or
        :meth:`with_threshold` set)."""
        return self._decide(np.array([probabilities[lab] for lab in LABELS]))

    def _decide(self, proba: np.ndarray) -> str:
        if self._threshold is None:
            return LABELS[int(np.argmax(proba))]
        if proba[0] >= self._threshold:
            return LABELS[0]
        return LABELS[1 + int(np.argmax(proba[1:]))]

    # ------------------------------------------------------------------ facts
    @property
    def card(self) -> dict[str, Any]:
        """The model card (a copy)."""
        return json.loads(json.dumps(self._card))

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    @property
    def feature_names(self) -> tuple[str, ...]:
        return self._names

    # ------------------------------------------------------------------ scoring
    def _prepare(self, text: object) -> tuple[Doc, Result, bool]:
        """The text as read, what its result holds before the classifier, and whether it is
        judged."""
        reason = validate_text(text)
        if reason is not None:
            raise InputError(reason)
        assert isinstance(text, str)
        doc = self._reference.read(text[:MAX_CHARS])
        status, message = judgeable(doc)
        if status != "ok":
            return doc, _no_judgement(status, message, doc.n_words), False
        notes = []
        if len(text) > MAX_CHARS:
            notes.append(f"scored the first {MAX_CHARS:,} of {len(text):,} characters")
        if doc.recased():
            notes.append(_RECASED_MESSAGES.get(doc.written_in() or "", RECASED_MESSAGE))
        if look_alikes := doc.look_alikes_read():
            notes.append(look_alikes_message(look_alikes, doc.n_words))
        if hidden := hidden_message(*doc.hidden_read(), doc.n_words):
            notes.append(hidden)
        if accents := doc.accents_read():
            notes.append(accents_message(accents))
        if groups := doc.spintax():
            a, b = groups[0]
            notes.append(spintax_message(len(groups), doc.text[a:b]))
        if said := doc.rewriter_notes():
            a, b = said[0]
            notes.append(note_message(doc.text[a:b].strip()))
        return doc, Result(None, {}, "ok", message="; ".join(notes), n_words=doc.n_words), True

    def _matrix(
        self, docs: Sequence[Doc], evidence: Sequence[list[Evidence] | None] | None = None
    ) -> np.ndarray:
        """Feature rows of ``docs``: the hand-written families, then the n-gram model's probabilities."""
        evs = evidence if evidence is not None else [None] * len(docs)
        hand = [extract(d, self._reference, self._families, ev) for d, ev in zip(docs, evs)]
        scores = [] if self._ngram is None else [self._ngram_score(d) for d in docs]
        return self._stack(hand, scores)

    def _ngram_score(self, doc: Doc) -> np.ndarray:
        """``doc``'s n-gram model row before the link function (:meth:`NgramModel.score_doc`)."""
        assert self._ngram is not None
        model = self._ngram
        us = model.us_spelling is not None
        return model.score_doc(gram_hashes(doc, self._reference, spans=False, us_spelling=us)[0])

    def _stack(self, hand: list[np.ndarray], scores: list[np.ndarray]) -> np.ndarray:
        """The feature matrix from the documents' hand-written feature rows (:func:`extract`)
        and, with an n-gram model, their :meth:`_ngram_score` rows: the model's probabilities
        beside them (columns in :data:`LABELS` order)."""
        if not hand:
            return np.zeros((0, len(self._names)))
        X = np.vstack(hand)
        model = self._ngram
        if model is not None:
            p = model.proba_scores(np.vstack(scores))
            cols = np.zeros((len(p), len(LABELS)))
            for j, lab in enumerate(LABELS):
                if lab in model.classes:
                    cols[:, j] = p[:, model.classes.index(lab)]
            X = np.hstack([X, cols])
        return X

    def _proba(self, X: np.ndarray) -> np.ndarray:
        if isinstance(self._clf, CompiledClassifier):
            raw = self._clf.predict_proba(X)  # numpy, one thread: nothing to limit
        else:
            # one thread: OpenMP start-up costs more than it saves on a batch of documents,
            # and parallelism comes from score_many(n_jobs=...) instead
            with _single_thread():
                raw = self._clf.predict_proba(X)
        out = np.zeros((len(X), len(LABELS)))
        for j, col in enumerate(self._columns):
            if col >= 0:
                out[:, j] = raw[:, col]
        return out

    def _finish(self, pre: Result, proba: np.ndarray, **extra: Any) -> Result:
        probs = {lab: float(p) for lab, p in zip(LABELS, proba)}
        label = self._decide(proba)
        return Result(label, probs, "ok", message=pre.message, n_words=pre.n_words, **extra)

    def score(self, text: str, *, explain: bool = False) -> Result:
        """Judge one text. Raises :class:`InputError` for non-text input."""
        return next(self._score_batch([text], explain))

    def _score_batch(self, texts: Sequence[object], explain_: bool) -> Iterator[Result]:
        evidences: list[list[Evidence] | None] = [[] if explain_ else None for _ in texts]
        prepared: list[tuple[Doc | None, Result, bool]] = []
        hand: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        ruled: list[tuple[int, int]] = []  # the template groups and rewriter's notes of each
        for text, ev in zip(texts, evidences):
            doc, pre, judged = self._prepare(text)
            if judged:
                ruled.append((len(doc.spintax()), len(doc.rewriter_notes())))
                # everything is read from a text right after it is tokenised, while its token
                # lists are still in the CPU cache (not after the whole batch is tokenised),
                # and only an explanation keeps the text after that: a batch's documents
                # would fill the cache and push the model's tables out
                hand.append(extract(doc, self._reference, self._families, ev))
                if self._ngram is not None:
                    scores.append(self._ngram_score(doc))
            prepared.append((doc if explain_ else None, pre, judged))
            del doc
        rows = self._stack(hand, scores)
        proba = self._proba(rows) if len(rows) else np.zeros((0, len(LABELS)))
        k = 0
        for (kept, pre, judged), ev in zip(prepared, evidences):
            if not judged:
                if explain_:  # what was left out says why the words counted are fewer
                    assert kept is not None
                    left_out = in_source(kept, (), (), left_out_parts(kept))[2]
                    pre = dataclasses.replace(pre, explained=True, left_out=left_out)
                yield pre
                continue
            p, x = with_rules(proba[k], *ruled[k]), rows[k]
            k += 1
            if explain_:
                assert kept is not None
                label = self._decide(p)
                reasons, sentences = explain(self, kept, x, ev or [], label, p)
                # (spans in the text as given, when it was read without what is not seen)
                reasons, sentences, left_out = in_source(
                    kept, reasons, sentences, left_out_parts(kept)
                )
                yield self._finish(
                    pre,
                    p,
                    reasons=reasons,
                    sentences=sentences,
                    left_out=left_out,
                    explained=True,
                )
            else:
                yield self._finish(pre, p)

    def score_many(
        self,
        texts: Iterable[str],
        *,
        n_jobs: int = 1,
        explain: bool = False,
        batch_size: int = 64,
        input_ready: Callable[[], bool] | None = None,
    ) -> Iterator[Result]:
        """Score a stream of texts lazily, in input order, with bounded memory.

        Texts are scored in batches of ``batch_size``, or fewer once they hold
        :data:`BATCH_CHARS` characters (long reports are not held 64 at once). For a live stream (a socket, a pipe
        fed as events come), give ``input_ready``: a function that says whether the next text
        can be read without waiting (``select`` on the source). When it says no, the texts
        read so far are scored and their results yielded before the next is awaited, so each
        result comes as soon as its text has; without it a result may wait for its batch to
        fill.

        ``n_jobs > 1`` scores batches in worker processes (``-1``: all cores, ``-2``: all but
        one, as joblib reads it; 0 is a ``ValueError``); at most ``2 * n_jobs`` batches are in
        flight, so a huge input streams. No more workers start than there are batches; they
        are stopped when the generator is closed or an error ends the run, and on Linux they
        die with this process however it dies. (A generator kept in a variable and left by
        ``break`` stays open, its workers waiting, until it is collected: call its
        ``close()``, or loop over ``contextlib.closing(det.score_many(...))``.)
        At the first non-text item, the results of the items before it are yielded and
        then :class:`InputError` is raised, naming the item's position ("item 50 of the
        input: expected a str, got NoneType"); validate items first
        (:func:`spundetect.status.validate_text`) to skip bad ones instead. If ``texts``
        itself raises (a lost connection, a damaged file), the results of every item read
        before it are yielded first, then its exception is raised again. Inside a daemonic
        process (a ``multiprocessing.Pool`` worker), which may not start workers of its own,
        ``n_jobs > 1`` scores in the process itself, with a ``RuntimeWarning``.
        """
        stream = _Stream(iterable_of_texts(texts))
        yield from self._score_stream(stream, n_jobs, explain, batch_size, input_ready)
        if stream.error is not None:
            raise stream.error

    def _score_stream(
        self,
        stream: _Stream,
        n_jobs: int,
        explain: bool,
        batch_size: int,
        input_ready: Callable[[], bool] | None = None,
    ) -> Iterator[Result]:
        n_jobs = _workers(n_jobs)
        batches = _batched(stream, batch_size, input_ready, BATCH_CHARS)
        import multiprocessing as mp

        if n_jobs > 1 and mp.current_process().daemon:
            warnings.warn(
                "score_many: a daemonic process may not start worker processes; "
                f"scoring in this process, not in {n_jobs}",
                RuntimeWarning,
                stacklevel=3,
            )
            n_jobs = 1
        if n_jobs > 1:  # no more workers than there are batches to score
            # (a live stream's first batch is not held back to see whether a second comes)
            head = list(itertools.islice(batches, 1 if input_ready is not None else n_jobs))
            n_jobs = min(n_jobs, len(head)) if input_ready is None or not head else n_jobs
            batches = itertools.chain(head, batches)
        start = 0  # the position of a batch's first item in the input
        if n_jobs <= 1:
            for batch in batches:
                results: Iterable[Result]
                try:
                    results = list(self._score_batch(batch, explain))
                except InputError:
                    results = self._until_bad(batch, start, explain)
                yield from results
                start += len(batch)
            return
        with ProcessPoolExecutor(
            max_workers=n_jobs,
            mp_context=_fork_context(),
            initializer=_worker_init,
            initargs=(self, os.getpid()),
        ) as pool:
            pending: collections.deque[tuple[int, list[Any], Future[list[Result]]]]
            pending = collections.deque()

            def done() -> Iterable[Result]:
                first, batch, future = pending.popleft()
                try:
                    return future.result()
                except InputError:
                    return self._until_bad(batch, first, explain)

            try:
                for batch in batches:
                    pending.append((start, batch, pool.submit(_worker_score, batch, explain)))
                    start += len(batch)
                    if len(pending) >= 2 * n_jobs:
                        yield from done()
                    while pending and pending[0][2].done():  # finished: out now, in order
                        yield from done()
                    if input_ready is not None and not input_ready():
                        while pending:  # the input waits: what was read is answered first
                            yield from done()
                while pending:
                    yield from done()
            except BaseException:
                # cut short (an error, Ctrl-C, the caller stopped reading) or the pool failed
                # to start: shutting down would wait for the batches in flight, or forever for
                # workers started before the failure, which nothing tells to stop
                _stop_workers(pool)
                raise

    def _until_bad(self, batch: list[Any], start: int, explain: bool) -> Iterator[Result]:
        """The results of a batch that holds a non-text item, one text at a time up to it; then
        :class:`InputError` with the item's position in the input (``start`` is the batch's)."""
        for k, text in enumerate(batch):
            reason = validate_text(text)
            if reason is not None:
                raise InputError(f"item at index {start + k} of the input: {reason}")
            yield from self._score_batch([text], explain)

    def evaluate(
        self,
        texts: Iterable[str],
        labels: Iterable[str],
        *,
        generators: Iterable[str | None] | None = None,
        n_jobs: int = 1,
    ) -> dict[str, Any]:
        """Score labelled texts and report what ``spundetect evaluate --format json`` does
        (:func:`spundetect.metrics.evaluation_report`): per-class figures, the confusion
        matrix, calibration error, the model's operating points measured on these texts, the
        thresholds chosen on them (for :meth:`with_threshold`) and, given ``generators`` (the
        system behind each rewrite; an original's counts as "original"), the share of each system's
        texts given their true label.

        Texts the model does not judge (empty, too short, not English) are counted by status
        in ``not_judged`` and left out of the figures. The decision is the most probable
        label, whatever :meth:`with_max_fpr` or :meth:`with_threshold` set. Raises
        ``ValueError`` for an unknown label, for texts and labels (or generators) of
        different lengths, and when no text could be judged.
        """
        texts, y = list(iterable_of_texts(texts)), list(labels)
        systems = None if generators is None else [g or "" for g in generators]
        if len(y) != len(texts) or (systems is not None and len(systems) != len(texts)):
            raise ValueError(
                f"{len(texts)} texts, {len(y)} labels"
                + ("" if systems is None else f", {len(systems)} generators")
                + ": give one of each per text"
            )
        unknown = sorted({lab for lab in y if lab not in LABELS}, key=str)
        if unknown:
            what = "; ".join(map(unknown_label, unknown[:5]))
            raise ValueError(f"{what}; expected one of {', '.join(LABELS)}")
        kept: list[int] = []
        rows: list[list[float]] = []
        not_judged: collections.Counter[str] = collections.Counter()
        for i, res in enumerate(self.score_many(texts, n_jobs=n_jobs)):
            if not res.ok:
                not_judged[res.status] += 1
                continue
            kept.append(i)
            rows.append([res.probabilities[k] for k in LABELS])
        if not kept:
            raise ValueError("no text could be judged; nothing to evaluate")
        return evaluation_report(
            [y[i] for i in kept],
            np.asarray(rows),
            model_points=self._card.get("operating_points") or [],
            generators=None
            if systems is None
            # an original counts as "original", whatever its generator column says ("human")
            else [LABELS[0] if y[i] == LABELS[0] else systems[i] for i in kept],
            not_judged=dict(not_judged),
        )

    def features(self, text: str) -> dict[str, float]:
        """Named feature values of one text (for research and debugging)."""
        reason = validate_text(text)
        if reason is not None:
            raise InputError(reason)
        x = self._matrix([self._reference.read(text[:MAX_CHARS])])[0]
        return {n: float(v) for n, v in zip(self._names, x)}

    def transform(self, texts: Iterable[str]) -> np.ndarray:
        """Feature matrix of ``texts`` (rows in input order). Raises :class:`InputError`
        naming the first item that is not text, as :meth:`features` does."""
        read = self._reference.read
        return self._matrix([read(t) for t in checked_texts(texts)])

    def predict_proba_features(self, X: np.ndarray) -> np.ndarray:
        """Probabilities in :data:`LABELS` order for a feature matrix from :meth:`transform`."""
        return self._proba(np.asarray(X, dtype=float))

    def __repr__(self) -> str:
        t = self._card.get("training", {})
        if self._max_fpr is not None:
            at = f", max_fpr={self._max_fpr:g}"
        elif self._threshold is not None:
            at = f", threshold={self._threshold:g}"
        else:
            at = ""
        return f"<Detector {self._card.get('name', 'model')} trained on {t.get('n_documents', '?')} documents{at}>"


NGRAM_FILE = "ngram.npz"
NGRAM_NAMES: tuple[str, ...] = tuple(f"ngram.p_{lab}" for lab in LABELS)


# ---------------------------------------------------------------- workers
_WORKER: Detector | None = None


def _worker_init(det: Detector, parent: int | None = None) -> None:
    global _WORKER
    _WORKER = det
    _end_with_parent(parent)


def _end_with_parent(parent: int | None) -> None:
    """Make this worker end with the process that started it (``parent``, its pid).

    A signal that ends the parent ends a worker too: a handler the parent installed for
    SIGTERM or SIGHUP (the command's clean shutdown) is reset here, so a worker signalled
    with its process group dies instead of running it; one the parent ignores (``nohup``)
    stays ignored. On Linux the kernel also kills the worker when the parent dies, however
    it dies (``kill -9``, an out-of-memory kill), so no worker is left running for nobody.
    """
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and callable(signal.getsignal(sig)):
            signal.signal(sig, signal.SIG_DFL)
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the parent's shutdown still ends us
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before the request above was made


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers of ``pool`` now, the batches they hold unscored, and wait for them to
    go (a pool whose run was cut short, or that failed to start part way)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for proc in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            proc.kill()
    pool.shutdown(wait=True, cancel_futures=True)
    for proc in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            proc.join()


def _worker_score(batch: list[str], explain_: bool) -> list[Result]:
    assert _WORKER is not None
    return list(_WORKER._score_batch(batch, explain_))


class _Stream:
    """The caller's iterable, read until it ends or raises. Its exception is kept in
    ``error`` (and the stream ends there), so the results of the items read before it are
    not lost with the batches in flight; the caller raises it after them."""

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = iter(items)
        self.error: Exception | None = None

    def __iter__(self) -> Iterator[Any]:
        items = self._items
        while True:
            try:
                item = next(items)
            except StopIteration:
                return
            except Exception as exc:  # the input's own failure, raised again after the results
                self.error = exc
                return
            yield item


def _workers(n_jobs: int) -> int:
    """How many worker processes ``n_jobs`` asks for, by joblib's convention: ``-1`` every
    core, ``-2`` all but one; ``ValueError`` for 0 (which ran one process, unsaid)."""
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ValueError(
            f"n_jobs must be a number of worker processes, or -1 for every core, -2 for all "
            f"but one; got {n_jobs!r}"
        )
    if n_jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return n_jobs


#: A batch is closed once its texts hold this many characters, however few they are: 64 texts
#: of 8 MiB each, a folder of long reports, were all held at once (and, with workers, four
#: batches of them and their pickled copies: 20 such files peaked at 580 MB in one process,
#: 1.3 GB with two workers, now 292 and 661 MB; sixty-third session). Articles fill 64 long
#: before this.
BATCH_CHARS = 4 * MAX_CHARS


def _batched(
    items: Iterable[Any],
    n: int,
    ready: Callable[[], bool] | None = None,
    max_chars: int | None = None,
) -> Iterator[list[Any]]:
    """Batches of ``n`` items, or fewer once they hold ``max_chars`` characters of text; a
    shorter one when ``ready`` says the next item would wait."""
    batch: list[Any] = []
    chars = 0
    for item in items:
        batch.append(item)
        if isinstance(item, str):
            chars += len(item)
        full = len(batch) >= n or (max_chars is not None and chars >= max_chars)
        if full or (ready is not None and not ready()):
            yield batch
            batch = []
            chars = 0
    if batch:
        yield batch


# ---------------------------------------------------------------- training
def _fork_context() -> Any:
    """The ``fork`` start method on Linux, where it is safe and the workers share the model as
    it is in memory; elsewhere ``None``, the platform's own (macOS and Windows spawn: a process
    forked on macOS can crash in its system libraries, which is why Python stopped forking
    there by default)."""
    import multiprocessing as mp

    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return None


def featurize(
    texts: Sequence[str],
    reference: lm.ReferenceModel,
    families: Sequence[str] | None = None,
    n_jobs: int = 1,
    with_counts: bool = False,
) -> Any:
    """Hand-written feature matrix for training, and with ``with_counts`` the hashed
    n-gram counts too (one tokenisation per text; parallel when ``n_jobs > 1``)."""
    chunks = [texts[i : i + 500] for i in range(0, len(texts), 500)] or [[]]
    import multiprocessing as mp

    n_jobs = min(_workers(n_jobs), len(chunks))
    if n_jobs <= 1 or len(texts) < 1000:
        parts = [_featurize_chunk(c, reference, families, with_counts) for c in chunks]
    elif (fork := _fork_context()) is not None and not mp.current_process().daemon:
        # forked workers share the reference model as it is in memory; through joblib it was
        # pickled with every chunk (10 MB) and two workers were hardly faster than one
        pool = ProcessPoolExecutor(
            max_workers=n_jobs,
            mp_context=fork,
            initializer=_featurize_init,
            initargs=(reference, families, with_counts, os.getpid()),
        )
        try:
            parts = list(pool.map(_featurize_worker, chunks))
        except BaseException:  # Ctrl-C or a failed chunk: stop the others now, not after them
            _stop_workers(pool)
            raise
        pool.shutdown(wait=True)
    else:
        from joblib import Parallel, delayed

        parts = Parallel(n_jobs=n_jobs)(
            delayed(_featurize_chunk)(c, reference, families, with_counts) for c in chunks
        )
    X = np.vstack([p[0] for p in parts])
    if not with_counts:
        return X
    import scipy.sparse as sp

    return X, sp.vstack([p[1] for p in parts]).tocsr()


_FEATURIZING: tuple[lm.ReferenceModel, Any, bool] | None = None


def _featurize_init(
    reference: lm.ReferenceModel, families: Any, with_counts: bool, parent: int
) -> None:
    global _FEATURIZING
    _FEATURIZING = (reference, families, with_counts)
    _end_with_parent(parent)


def _featurize_worker(texts: Sequence[str]) -> tuple[np.ndarray, Any]:
    assert _FEATURIZING is not None
    return _featurize_chunk(texts, *_FEATURIZING)


def _featurize_chunk(
    texts: Sequence[str], reference: lm.ReferenceModel, families: Any, with_counts: bool
) -> tuple[np.ndarray, Any]:
    docs = [reference.read(t[:MAX_CHARS]) for t in texts]
    width = len(feature_names(families))
    X = np.vstack([extract(d, reference, families) for d in docs]) if docs else np.zeros((0, width))
    counts = (
        hash_grams([gram_hashes(d, reference, spans=False)[0] for d in docs])
        if with_counts
        else None
    )
    return X, counts


def data_hash(texts: Sequence[str], labels: Sequence[str]) -> str:
    h = hashlib.sha256()
    for t, y in zip(texts, labels):
        h.update(y.encode())
        h.update(b"\t")
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()


def feature_stats(X: np.ndarray, y: Sequence[str]) -> dict[str, Any]:
    """Per-label mean and spread of each feature: the yardstick explanations compare against."""
    ya = np.asarray(y)
    out: dict[str, Any] = {}
    for lab in LABELS:
        m = ya == lab
        if m.sum() >= 2:
            out[lab] = {
                "mean": np.round(X[m].mean(axis=0), 6).tolist(),
                "std": np.round(X[m].std(axis=0) + 1e-9, 6).tolist(),
                "p95": np.round(np.percentile(X[m], 95, axis=0), 6).tolist(),
                "p05": np.round(np.percentile(X[m], 5, axis=0), 6).tolist(),
            }
    return out


def _copy_key(text: str) -> str:
    """What identical copies of a text share: its words, white space and case aside."""
    return " ".join(text.split()).casefold()


def _groups_with_copies(
    texts: Sequence[str], groups: Sequence[Any] | None
) -> tuple[list[Any], str]:
    """The group of each text, and what the card says of them. A text without a group
    (``groups`` None, or None for it) shares one with its identical copies (white space and
    case aside): copies on both sides of the validation split made a model that had learnt
    them by heart look perfect (a set written three times over: validation macro-F1 1.000,
    and every new original flagged). Without copies and without groups, each text is its
    own group, as before."""
    first: dict[str, int] = {}
    out: list[Any] = []
    missing = 0
    partial = groups is not None and any(x is None for x in groups)
    for i, text in enumerate(texts):
        g = None if groups is None else groups[i]
        if g is None:
            missing += 1
            k = first.setdefault(_copy_key(text), i)
            g = k if groups is None else f"\x00text{k}"  # ints: the split of old, no copies
        elif partial:
            g = str(g)  # one type with the ids made above, which are strings
        out.append(g)
    copies = missing - len(first)
    merged = f"; {copies:,} identical copies kept with their first" if copies else ""
    if groups is None:
        note = (
            "none given: each text its own group, so an original and its rewrites may fall on "
            f"both sides of the validation split (optimistic figures){merged}"
        )
    elif missing:
        note = f"given for {len(texts) - missing:,} of {len(texts):,} texts{merged}"
    else:
        note = "given"
    return out, note


def _stacking_note(
    ngrams: bool,
    labels: Sequence[str],
    groups: Any,
    generators: Sequence[str | None] | None,
    sources: Sequence[str | None] | None = None,
    *,
    grouped: bool = True,
) -> str:
    """How the classifier's n-gram inputs were made, for the model card (``grouped``: groups
    were given; without them, each text and its copies are held out, not a group)."""
    if not ngrams:
        return "no n-gram model"
    g = groups if groups is not None else np.arange(len(labels))
    held = "group-held-out" if grouped else "text-held-out (no groups given)"
    parts = [held]
    caveat = ""
    if generators is not None and len({x for x in generators if x}) >= MIN_GENERATORS:
        n = len(generator_folds(labels, g, generators))
        if n:
            parts.append(f"generator-held-out ({n} folds)")
        else:
            caveat = " (every group holds every generator, so none could be held out)"
    if sources is not None:
        n = len(source_folds(labels, g, sources))
        if n:
            parts.append(f"source-held-out ({n} folds)")
    if len(parts) == 1:
        return f"n-gram probabilities out-of-fold, {held}{caveat}"
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"n-gram probabilities out-of-fold, the mean of {listed}{caveat}"


def _ngram_words_note(ngram: NgramModel | None, generators: Sequence[str | None] | None) -> str:
    """Which words the n-gram model reads, for the model card."""
    if ngram is None:
        return "no n-gram model"
    spelling = "American spelling" if ngram.us_spelling else "words as spelt"
    if generators is None or len({x for x in generators if x}) < 2:
        return f"{spelling}; every known n-gram"
    return (
        f"{spelling}; n-grams that are one generator's habit left out (at least "
        f"{MIN_EXCESS_DOCS:g} texts beyond the originals' rate, {MAX_GENERATOR_SHARE:.0%} of "
        "them one generator's)"
    )


def train(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    groups: Sequence[str | int | None] | None = None,
    generators: Sequence[str | None] | None = None,
    sources: Sequence[str | None] | None = None,
    validation_fraction: float = 0.2,
    random_state: int = 0,
    reference: lm.ReferenceModel | None = None,
    families: Sequence[str] | None = None,
    classifier: Any = None,
    ngrams: bool = True,
    n_jobs: int = 1,
    X: np.ndarray | None = None,
    counts: Any = None,
    extra_card: dict[str, Any] | None = None,
) -> Detector:
    """Train a detector on labelled texts.

    ``labels`` must be drawn from :data:`LABELS` (at least two of them).
    ``groups`` (None for a text without one) keeps an original and everything derived from
    it on one side of
    every split: the out-of-fold n-gram probabilities (``ngrams=True``) and the
    validation share that calibrates the probabilities. ``generators`` names the
    spinner or translation system behind each rewritten text (``None`` for
    originals); with three or more, part of the stacked n-gram probabilities the
    classifier learns from come from n-gram models that never saw the text's
    generator, so it learns how far to trust them on a rewriter it has not met; and
    the n-gram model ignores n-grams that are one generator's habit
    (:func:`spundetect.ngrams.generator_specific_columns`).
    ``sources`` names where each text (or the original it was rewritten from) came
    from; with two or more, part come from n-gram models that never saw the text's
    source, so the classifier does not read "unlike my training sources" as
    "rewritten" (:func:`spundetect.ngrams.oof_proba`). The returned detector's
    card holds the validation metrics; :meth:`Detector.save` writes it.
    Every text is trained on as given: one the detector would not judge (empty, too short,
    not English) teaches it nothing it uses, and ``spundetect train`` leaves such rows out
    (:func:`spundetect.status.judgeable` tells them). Raises ``ValueError`` for an unknown
    label, fewer than two labels, or columns of different lengths.
    ``X`` and ``counts`` may pass precomputed hand-written features (rows of
    :func:`featurize`) and hashed n-gram counts (:func:`spundetect.ngrams.hash_grams`).
    """
    from .model import SpunClassifier, check_validation_fraction, environment

    started = time.perf_counter()
    texts = list(iterable_of_texts(texts))
    if isinstance(labels, str | bytes | bytearray):
        raise InputError(f"expected one label per text, got one {type(labels).__name__}")
    labels = [label_as_written(str(y)) for y in labels]  # as the command line reads them
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    for name, column in (("groups", groups), ("generators", generators), ("sources", sources)):
        if column is not None and len(column) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(column)} {name}: give one per text")
    unknown = sorted(set(labels) - set(LABELS))
    if unknown:
        what = "; ".join(map(unknown_label, unknown[:5]))
        raise ValueError(f"{what}; expected labels from {list(LABELS)}")
    check_validation_fraction(validation_fraction)  # now, not after the features
    per_label = collections.Counter(labels)
    if len(per_label) < 2:
        raise ValueError(
            f"need texts of at least two labels to train; got {dict(per_label) or 'none'}"
        )
    for i, t in enumerate(texts):  # (before anything reads them: a None is no text)
        reason = validate_text(t)
        if reason is not None:
            raise InputError(f"text {i}: {reason}")
    if groups is not None:  # NaN is pandas' missing value: no group, not one group "nan"
        groups = [None if isinstance(g, float) and g != g else g for g in groups]
    if generators is not None:
        # an original has no generator, whatever the column says of it ("human" counted as a
        # rewriter, and turned off the filter of one generator's n-gram habits, unsaid); the
        # command line reads it so already
        generators = [None if y == "original" else g for g, y in zip(generators, labels)]
    grouped = groups is not None and any(g is not None for g in groups)
    # (scikit-learn's "Cannot have number of splits n_splits=2 greater than the number of
    # groups: 1")
    if groups is not None and grouped and None not in groups and len(set(groups)) < 2:
        raise ValueError(
            f"every text is in one group ({groups[0]!r}): a group is an original and the texts "
            "made from it, so give texts of two groups or more, or none"
        )
    groups, grouping = _groups_with_copies(texts, groups)
    reference = reference if reference is not None else default_reference()
    if X is None and ngrams and counts is None:
        X, counts = featurize(texts, reference, families, n_jobs=n_jobs, with_counts=True)
    elif X is None:
        X = featurize(texts, reference, families, n_jobs=n_jobs)
    names = list(feature_names(families))
    ngram = None
    if ngrams:
        if counts is None:
            counts = hash_grams(
                [gram_hashes(reference.read(t[:MAX_CHARS]), reference)[0] for t in texts]
            )
        oof = oof_proba(
            counts,
            labels,
            groups,
            LABELS,
            random_state=random_state,
            generators=generators,
            sources=sources,
        )
        X = np.hstack([X, oof])
        ngram = fit_ngram(
            counts, labels, groups=groups, generators=generators, random_state=random_state
        )
        names += list(NGRAM_NAMES)
    clf = (
        classifier
        if classifier is not None
        else SpunClassifier(validation_fraction=validation_fraction, random_state=random_state)
    )
    clf = clf.fit(X, labels, groups=groups)
    card: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "format_version": MODEL_FORMAT_VERSION,
        "name": "spundetect-model",
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "environment": environment(),
        "labels": list(LABELS),
        "families": list(families) if families is not None else None,
        "feature_names": names,
        "classifier": {"class": type(clf).__name__, "params": clf.get_params()},
        "training": {
            "n_documents": len(texts),
            "per_label": dict(collections.Counter(labels)),
            "data_sha256": data_hash(texts, labels),
            "groups": grouping,
            "stacking": _stacking_note(
                ngram is not None, labels, groups, generators, sources, grouped=grouped
            ),
            "ngram_words": _ngram_words_note(ngram, generators),
        },
        "feature_stats": feature_stats(X, labels),
        "metrics": {},
    }
    va = getattr(clf, "validation_indices_", np.arange(0))
    det = Detector(clf, reference, card, ngram)
    if len(va):
        yv = [labels[i] for i in va]
        pv = det.predict_proba_features(X[va])
        card["metrics"]["validation"] = evaluate(yv, pv)
        card["operating_points"] = operating_points(yv, pv)
        card["metrics"]["validation"]["note"] = (
            "held-out share used to calibrate probabilities (group-aware; n-gram probabilities out-of-fold)"
        )
    card["training"]["calibrated"] = bool(getattr(clf, "calibrated_", True))
    card["training"]["n_validation"] = len(va)  # the share that calibrated, whole groups
    cautions = _training_cautions(clf, det, X, labels, texts)
    if cautions:
        card["training"]["warnings"] = cautions
        for caution in cautions:
            warnings.warn(caution, UserWarning, stacklevel=2)
    if extra_card:
        extra = dict(extra_card)
        card["training"].update(extra.pop("training", {}))
        card.update(extra)
    card["training_seconds"] = round(time.perf_counter() - started, 1)
    return det


def _training_cautions(
    clf: Any, det: Detector, X: np.ndarray, labels: Sequence[str], texts: Sequence[str]
) -> list[str]:
    """What a trainer must know about a model that trained without error: a label it never
    met (it will never give it: with no originals, a filter drops every text), texts labelled
    two ways (noise it learnt), probabilities left uncalibrated, or a classifier that learnt
    nothing (the same for every text)."""
    cautions = []
    said: dict[str, set[str]] = collections.defaultdict(set)
    for text, label in zip(texts, labels):
        said[_copy_key(text)].add(label)
    if conflicting := sum(len(v) > 1 for v in said.values()):
        cautions.append(
            f"{conflicting} text(s) appear with two labels or more (identical copies, white "
            "space and case aside, labelled differently)"
        )
    missing = [lab for lab in LABELS if lab not in set(labels)]
    if missing:
        never = " or ".join(missing)
        cautions.append(
            f"no {never} texts to train on: the model never labels a text {never}"
            + (" (a filter would drop every text)" if "original" in missing else "")
        )
    if getattr(clf, "calibrated_", True) is False and getattr(clf, "calibration", None):
        cautions.append(
            "probabilities are not calibrated: validation_fraction is 0, no texts held out"
            if getattr(clf, "validation_fraction", None) == 0
            else "probabilities are not calibrated: the validation share could not hold 5 "
            "texts of every label and leave 2 of each to train on (give more texts or groups)"
        )
    rows = np.random.default_rng(0).permutation(len(X))[:2000]
    proba = det.predict_proba_features(X[np.sort(rows)])
    if len(proba) > 1 and float(np.ptp(proba, axis=0).max()) < 1e-9:
        cautions.append(
            f"the classifier learnt nothing from {len(X):,} texts: it gives every text the "
            "same probabilities; give it more texts"
        )
    return cautions
