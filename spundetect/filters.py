"""Keep-or-drop decisions for data-cleaning pipelines, each with the reason attached.

Contract of :class:`Filter` (the same one ``spundetect filter`` applies on the command line):

* a text is **dropped** when the detector judges it and its label is one of ``drop``
  (by default ``spun`` and ``machine_garbled``);
* a text the detector does not judge (status ``empty``, ``too_short``, ``not_english``)
  is kept, unless ``unjudged="drop"``;
* with ``max_fpr`` the label comes from the model's operating point for that false-positive
  rate on originals (:meth:`Detector.with_max_fpr`), so about that share of originals is
  dropped on text like the validation data; with ``threshold``, from a P(original)
  threshold you chose on your own labelled texts (:meth:`Detector.with_threshold`;
  ``spundetect evaluate`` prints them);
* every :class:`Decision` carries the detector's :class:`~spundetect.Result` and a one-line
  reason a person can read in a log;
* a non-string input raises :class:`~spundetect.InputError`, as :meth:`Detector.score` does;
* with sources (:meth:`Filter.check_sources`, or ``decide_many(..., within=True,
  sources=index)``), a text the rule keeps is still **dropped as derived** when it follows
  one of them (copied, rewritten or partly derived, as :meth:`SourceIndex.match` finds);
  its decision names the text it follows and carries the match (``Decision.source``). This is
  what ``spundetect filter --within --sources`` and the datatrove step do.

>>> from spundetect import Filter
>>> f = Filter(max_fpr=0.02)
>>> kept = [doc for doc in docs if f(doc["text"]).keep]
"""

from __future__ import annotations

import collections
import dataclasses
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .result import LABELS, Result, unknown_label

if TYPE_CHECKING:
    from .detector import Detector
    from .sources import SourceIndex, SourceMatch

__all__ = ["Decision", "Filter"]

UNJUDGED_CHOICES = ("keep", "drop")


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to keep a text, why, and the verdict it rests on. ``source`` is the match of
    a text dropped as derived from a source (:meth:`Filter.check_sources`), else ``None``."""

    keep: bool
    reason: str
    result: Result
    source: SourceMatch | None = None

    def to_dict(self, explain: bool | None = None) -> dict[str, object]:
        """The decision as JSON-ready data: ``keep``, ``reason``, the result's fields and, for
        a text dropped as derived, the match's (``source_id``, ``verdict``, its ``message``,
        ``changed_share``, ``candidates``), as ``filter --rejected`` writes it."""
        out = {"keep": self.keep, "reason": self.reason, **self.result.to_dict(explain=explain)}
        if self.source is not None:
            out |= self.source.to_dict()
        return out


# Held while a filter loads its detector: threads sharing one filter load the model once, not
# once each (two threads: 2 loads of ~100 ms and ~30 MB each before, fifty-ninth session). A
# forked child starts with a fresh lock, in case another thread held this one at the fork.
_LOADING = threading.Lock()


def _fresh_loading_lock() -> None:
    global _LOADING
    _LOADING = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_loading_lock)


@dataclass(frozen=True, init=False)
class Filter:
    """Keep or drop texts by the detector's verdict (see the module docstring for the contract).

    ``detector`` defaults to the shipped model, loaded on first use; ``max_fpr`` picks one of
    its operating points, ``threshold`` sets your own (not both). ``drop`` takes a label, a
    comma-separated string of them or any collection of them. The constructor stores and
    checks its arguments (a ``max_fpr`` the model records no operating point for is a
    ``ValueError`` here, read from the model card); nothing is loaded until the first
    decision. A filter is frozen:
    make another (``dataclasses.replace(f, max_fpr=0.05)``) for other settings.
    """

    detector: Detector | None
    drop: frozenset[str]
    unjudged: str
    max_fpr: float | None
    threshold: float | None
    _ready: Detector | None = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        detector: Detector | None = None,
        drop: str | Iterable[str] = ("spun", "machine_garbled"),
        unjudged: str = "keep",
        max_fpr: float | None = None,
        threshold: float | None = None,
    ) -> None:
        if isinstance(drop, str):  # drop="spun" or "spun,machine_garbled", not its letters
            drop = [x.strip() for x in drop.split(",") if x.strip()]
        labels = frozenset(drop)
        unknown = sorted(labels - set(LABELS))
        if unknown:
            what = "; ".join(map(unknown_label, unknown))
            raise ValueError(f"drop: {what}; choose from {LABELS}")
        if max_fpr is not None and threshold is not None:
            raise ValueError("give max_fpr or threshold, not both")
        for name, value in (("max_fpr", max_fpr), ("threshold", threshold)):
            if value is not None and not (isinstance(value, (int, float)) and 0.0 < value < 1.0):
                raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
        if unjudged not in UNJUDGED_CHOICES:
            raise ValueError(f"unjudged must be 'keep' or 'drop', got {unjudged!r}")
        ready = None
        if max_fpr is not None:  # a rate the model records no point for: said now
            if detector is not None:
                ready = detector.with_max_fpr(max_fpr)  # the detector the decisions use
            else:  # from the shipped model's card: the model itself loads on first use
                from .card import read_card
                from .detector import default_model_dir, operating_point

                operating_point(read_card(default_model_dir()), max_fpr)
        settings: dict[str, object] = {"detector": detector, "drop": labels, "unjudged": unjudged}
        settings |= {"max_fpr": max_fpr, "threshold": threshold, "_ready": ready}
        for name, setting in settings.items():
            object.__setattr__(self, name, setting)  # frozen: set once, here

    @property
    def scorer(self) -> Detector:
        """The detector the decisions use (loaded and set to ``max_fpr`` or ``threshold`` on
        first use, once however many threads share the filter)."""
        ready = self._ready
        if ready is not None:
            return ready
        with _LOADING:
            if self._ready is None:
                from .detector import Detector

                det = self.detector if self.detector is not None else Detector.load()
                if self.max_fpr is not None:
                    det = det.with_max_fpr(self.max_fpr)
                elif self.threshold is not None:
                    det = det.with_threshold(self.threshold)
                # a cache, not a setting: frozen all the same
                object.__setattr__(self, "_ready", det)
            ready = self._ready
        assert ready is not None
        return ready

    def decide(self, result: Result) -> Decision:
        """The decision for a verdict already given, by this filter's rule: a result scored
        by another detector setting (another operating point) is labelled again from its
        probabilities, so ``f.decide(det.score(t))`` and ``f(t)`` agree."""
        p = result.probabilities
        if result.label is None:
            keep = self.unjudged == "keep"
            verb = "kept" if keep else "dropped"
            return Decision(keep, f"{verb}: not judged ({result.status}: {result.message})", result)
        label = self.scorer.decide(p)
        if label != result.label:
            result = dataclasses.replace(result, label=label)
        keep = label not in self.drop
        verb = "kept" if keep else "dropped"
        threshold = self.scorer.threshold
        if threshold is None:
            why = f"P({label}) {p[label]:.2f}"
        else:
            rate = self.scorer.max_fpr
            point = (
                f"the threshold {threshold:.3f}"
                if rate is None
                else f"the {rate:g} operating point {threshold:.3f}"
            )
            if p["original"] < threshold:
                why = f"P(original) {p['original']:.3f} below {point}"
                why += f"; P({label}) {p[label]:.2f}"
            else:
                why = f"P(original) {p['original']:.3f}, not below {point}"
        return Decision(keep, f"{verb}: judged {label} ({why})", result)

    def __call__(self, text: str, *, explain: bool = False) -> Decision:
        """Decide one text."""
        return self.decide(self.scorer.score(text, explain=explain))

    def keep(self, text: str) -> bool:
        """Whether to keep ``text``: a predicate for ``filter()`` and dataset libraries."""
        return self(text).keep

    def check_sources(
        self, decision: Decision, text: str, index: SourceIndex, *, add_as: str | None = None
    ) -> Decision:
        """``decision`` for ``text`` once its sources are known: a text the rule keeps is
        dropped when it follows a text of ``index`` (copied, rewritten or partly derived, a
        tenth or more of its rare words the source's: ``passages=False``, so that a page
        quoting one paragraph of a text is not dropped as its copy);
        one that follows none joins ``index`` as ``add_as`` when given (the texts kept so far,
        as ``filter --within`` matches each record against them). A dropped decision is
        returned as it is, and so is one for text the index cannot read (not text the detector
        judged either)."""
        from .errors import InputError

        if not decision.keep:
            return decision
        try:
            m = index.match(text, add_as=add_as, add_derived=False, passages=False)
        except InputError:
            return decision
        if not m.derived:
            return decision
        why = f"dropped: {m.verdict} from {m.source_id} ({m.message})"
        return dataclasses.replace(decision, keep=False, reason=why, source=m)

    def decide_many(
        self,
        texts: Iterable[str],
        *,
        n_jobs: int = 1,
        explain: bool = False,
        within: bool = False,
        sources: SourceIndex | None = None,
        ids: Iterable[str] | None = None,
    ) -> Iterator[Decision]:
        """Decisions for many texts, streamed in input order (see :meth:`Detector.score_many`).

        ``sources``: a :class:`~spundetect.SourceIndex` of texts you hold; a text the rule
        keeps is dropped when it follows one of them (:meth:`check_sources`). ``within``: also
        when it follows a text kept earlier in ``texts`` (the spun copies of one article in a
        crawl: the first of each family is kept). The kept texts join ``sources`` when given
        (so a later call matches against them too), else an index made for this call, under
        their ``ids`` (default: their place in ``texts``, ``#0``, ``#1``, ...; an id already
        taken gets its place added, :meth:`SourceIndex.free_id`). The index holds the texts in
        memory; ``sources=SourceIndex(window=N)`` holds only the latest N kept.
        """
        if sources is None and not within:
            for result in self.scorer.score_many(texts, n_jobs=n_jobs, explain=explain):
                yield self.decide(result)
            return
        from .sources import SourceIndex
        from .status import iterable_of_texts

        texts = iterable_of_texts(texts)  # one str is a usage error, not a text a character
        index = sources if sources is not None else SourceIndex()
        pending: collections.deque[tuple[str, str]] = collections.deque()

        def read() -> Iterator[str]:  # each text kept aside until its result comes back
            names = iter(ids) if ids is not None else iter(())
            for k, text in enumerate(texts):
                name = next(names, None)
                pending.append((f"#{k}" if name is None else str(name), text))
                yield text

        results = self.scorer.score_many(read(), n_jobs=n_jobs, explain=explain)
        for k, result in enumerate(results):  # (score_many raises at a text that is not one)
            name, text = pending.popleft()
            add_as = index.free_id(name, f"#{k}") if within and result.status == "ok" else None
            yield self.check_sources(self.decide(result), text, index, add_as=add_as)
