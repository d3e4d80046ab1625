"""spundetect as a step of a datatrove pipeline (Hugging Face's tool for filtering web text).

>>> from datatrove.pipeline.readers import JsonlReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from spundetect.datatrove import SpundetectFilter
>>> pipeline = [
...     JsonlReader("crawl/"),
...     SpundetectFilter(max_fpr=0.02, exclusion_writer=JsonlWriter("removed/")),
...     JsonlWriter("kept/"),
... ]

Contract (the one :class:`spundetect.Filter` applies, and ``spundetect filter`` on the command
line): a document is dropped when the detector judges it and its label is one of ``drop``; a
document it does not judge (too short, not English, empty) is kept unless
``unjudged="drop"``; text that cannot be read as text (binary data: more than 1% NUL or 5%
control characters; lone surrogates) is dropped, as the command line puts such a record among
the rejected.
Every document, kept or dropped, carries the verdict in its metadata:

* ``spundetect_label``: ``original``, ``spun``, ``machine_garbled``, or the empty string when
  not judged;
* ``spundetect_status``: ``ok``, ``empty``, ``too_short``, ``not_english``, or ``error``
  for text that cannot be read;
* ``spundetect_p_original``, ``spundetect_p_spun``, ``spundetect_p_machine_garbled``: the
  probabilities (zeros when not judged);
* ``spundetect_reason``: one line a person can read in a log ("dropped: judged spun
  (P(spun) 0.91)");
* ``spundetect_evidence`` (with ``explain=True``): the strongest evidence, one message a line
  (empty when there is none);
* ``spundetect_source`` (with ``within=True`` or ``sources``): the id of the text a document
  follows (copied, rewritten or partly derived), the empty string when none.

A fluent rewrite reads as original to the detector; it keeps its source's names and rarer
words, so a crawl that holds the source gives it away (:class:`~spundetect.SourceIndex`, as
``spundetect filter --within --sources`` uses it). ``within=True`` also drops a document that
follows one the step kept before it in the same task, so each family of copies and rewrites
keeps its first member; ``sources`` (files or folders of texts you hold, read as ``score``
reads them, with ``id`` and ``text`` fields) drops documents that follow one of them. Such a
document's ``filter_reason`` is ``derived``. The index is built in the worker and grows with
what each task keeps (about the texts' size again, plus ~14 MB per million words), up to
``within_window`` documents when given (the latest kept; :class:`~spundetect.SourceIndex`'s
``window``): a source and its rewrite in two tasks' shards are not matched.

The keys are flat, always present and never null, each of one type: datatrove's Parquet writer
takes its schema from the first document it writes, and a null or an empty list there would
make a column of nothing that the next document's value does not fit. A
dropped document's ``filter_reason`` (written by datatrove for the exclusion writer) and the
step's ``dropped_*`` statistics name the label or status it was dropped for. ``drop=()``
annotates every document and drops none.

The step stores its settings; the model is loaded in the worker, on the first batch, so the
step pickles small when datatrove sends it to its workers (a loaded :class:`~spundetect.Detector`
given as ``model`` travels with it instead). Needs ``pip install 'spundetect[datatrove]'``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, ModelError
from .filters import Decision, Filter
from .result import LABELS
from .status import validate_text

try:
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from loguru import logger  # datatrove's own log
except ImportError as exc:  # pragma: no cover - exercised in a venv without datatrove
    raise ImportError(
        "spundetect.datatrove needs datatrove, which is not installed: "
        "pip install 'spundetect[datatrove]'"
    ) from exc

if TYPE_CHECKING:
    from datatrove.data import Document
    from datatrove.pipeline.writers.disk_base import DiskWriter

    from .detector import Detector
    from .sources import SourceIndex

__all__ = ["METADATA_PREFIX", "SpundetectFilter"]

#: the prefix of the metadata keys this step writes
METADATA_PREFIX = "spundetect_"


class SpundetectFilter(BaseFilter):
    """Drop spun and machine-garbled documents, annotating every document with the verdict.

    ``model`` is a model directory (``None``: the shipped default) or a loaded
    :class:`~spundetect.Detector`; a directory's classifier file is loaded with skops' safe
    loader, and ``trust_model=True`` is needed only for one holding other types (pickle is
    code). ``drop``, ``unjudged``, ``max_fpr`` and ``threshold`` are those of
    :class:`spundetect.Filter`; they are checked here, when the pipeline is built (``max_fpr``
    against the operating points the model's card records), not in a worker.
    ``batch_size`` documents are scored together; datatrove's tasks and workers are the
    parallelism, so each worker scores on one core. ``within``, ``sources`` and
    ``within_window``: see the module's docstring; each path of ``sources`` must exist when
    the pipeline is built.
    """

    name = "🌀 spundetect"

    def __init__(
        self,
        model: str | os.PathLike[str] | Detector | None = None,
        *,
        trust_model: bool = False,
        drop: str | Iterable[str] = ("spun", "machine_garbled"),
        unjudged: str = "keep",
        max_fpr: float | None = None,
        threshold: float | None = None,
        explain: bool = False,
        batch_size: int = 64,
        exclusion_writer: DiskWriter | None = None,
        within: bool = False,
        sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        within_window: int | None = None,
    ) -> None:
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a whole number of 1 or more, got {batch_size!r}")
        if within_window is not None:
            if not within:
                raise ValueError("within_window bounds what within holds: set within=True too")
            from .sources import SourceIndex

            SourceIndex(window=within_window)  # a bad window is said here, not in a worker
        self.within_window = within_window
        if isinstance(sources, (str, os.PathLike)):
            sources = [sources]
        #: files and folders of source texts, read in each worker (:meth:`index`)
        self.sources: list[str] = [os.fspath(p) for p in sources or ()]
        for path in self.sources:
            if not os.path.exists(path):
                raise FileNotFoundError(f"sources: {path!r} does not exist")
        self.within = within
        super().__init__(exclusion_writer, batch_size)
        detector = None
        #: a model directory, loaded in each worker (None: the shipped default or ``model``)
        self.model_path: str | None = None
        if isinstance(model, (str, os.PathLike)):
            self.model_path = os.fspath(model)
            if not self.model_path or not Path(self.model_path).is_dir():
                raise ModelError(f"{model!r}: not a model directory")
        else:
            detector = model
        self.trust_model = trust_model
        self.explain = explain
        self.max_fpr = max_fpr
        if self.model_path is None:
            # checks drop, unjudged, max_fpr (against the detector given or the shipped
            # model's card) and threshold now; loads nothing
            self.rule = Filter(detector, drop, unjudged, max_fpr, threshold)
        else:
            # a folder that is no model, or a rate it records no point for: said now, from
            # its card; the rule gets the rate when the model is loaded
            from .card import read_card
            from .detector import operating_point

            if max_fpr is not None and threshold is not None:
                raise ValueError("give max_fpr or threshold, not both")
            card = read_card(Path(self.model_path))
            if max_fpr is not None:
                operating_point(card, max_fpr)
            self.rule = Filter(None, drop, unjudged, None, threshold)
        self._ready: Filter | None = None
        self._index: SourceIndex | None = None
        self._added = 0  # documents added to the index under an id of their own making

    @property
    def loaded_rule(self) -> Filter:
        """The filter the decisions use, with its model loaded (on first use, in the worker)."""
        if self._ready is None:
            rule = self.rule
            if self.model_path is not None:
                from .detector import Detector

                det = Detector.load(self.model_path, trust=self.trust_model)
                rule = Filter(det, rule.drop, rule.unjudged, self.max_fpr, rule.threshold)
            det = rule.scorer  # load the model now, once per worker
            if rule.max_fpr is not None and det.max_fpr != rule.max_fpr:
                logger.info(
                    f"spundetect: max_fpr {rule.max_fpr:g}: the model records no point there; "
                    f"using its {det.max_fpr:g} point (P(original) below {det.threshold:.3f})"
                )
            self._ready = rule
        return self._ready

    def __getstate__(self) -> dict[str, Any]:
        # what datatrove sends to a worker: the settings, never a model loaded here
        state = self.__dict__.copy()
        state["_ready"] = None
        state["_index"] = None
        if self.rule.detector is None:
            # the rule caches the shipped model once it has decided (a step tried on a few
            # documents, then handed to an executor, carried all 41 MB of it)
            state["rule"] = dataclasses.replace(self.rule)
        return state

    @property
    def matching(self) -> bool:
        """Whether documents are matched against sources or the documents kept before."""
        return self.within or bool(self.sources)

    def index(self) -> SourceIndex:
        """The sources and the documents kept so far (``within``), read on first use in the
        worker. A source that cannot be read is logged and counted (``sources_unreadable``);
        none read at all is an error, as the command line's ``--sources`` makes it."""
        if self._index is None:
            from .io import read_records
            from .sources import SourceIndex

            index = SourceIndex(window=self.within_window)
            for rec in read_records(self.sources) if self.sources else ():
                try:
                    if not rec.ok:
                        raise InputError(rec.error or "unreadable")
                    index.add(index.free_id(rec.id or rec.where, rec.where), rec.text or "")
                except (InputError, ValueError) as exc:
                    logger.warning(f"spundetect: source not read: {rec.where}: {exc}")
                    self.stat_update("sources_unreadable")
            if self.sources and not len(index):
                raise ValueError(f"sources: no source could be read from {self.sources}")
            self._index = index
        return self._index

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        problems = [validate_text(doc.text) for doc in batch]
        readable = [doc.text for doc, problem in zip(batch, problems) if problem is None]
        decisions = self.loaded_rule.decide_many(readable, explain=self.explain)
        out: list[bool | tuple[bool, str]] = []
        for doc, problem in zip(batch, problems):
            if problem is None:
                out.append(self._annotate(doc, next(decisions)))
            else:
                out.append(self._unreadable(doc, problem))
        return out

    def _follows(self, doc: Document, decision: Decision) -> Decision:
        """The decision once the document's sources are known (:meth:`Filter.check_sources`):
        with ``within``, a judged document the rule keeps and that follows none joins the
        index (under its id, or with its place among those added when the id is taken:
        :meth:`SourceIndex.free_id`)."""
        index = self.index()
        add_as = None
        if self.within and decision.keep and decision.result.status == "ok":
            self._added += 1
            add_as = index.free_id(doc.id or f"#{self._added}", f"#{self._added}")
        return self.rule.check_sources(decision, doc.text, index, add_as=add_as)

    def _annotate(self, doc: Document, decision: Decision) -> bool | tuple[bool, str]:
        if self.matching:
            decision = self._follows(doc, decision)
        r = decision.result
        source = (decision.source.source_id or "") if decision.source is not None else ""
        evidence = "\n".join(reason.message for reason in r.reasons)
        self._write(
            doc, r.label or "", r.status, r.probabilities, decision.reason, evidence, source
        )
        self.stat_update(f"label_{r.label}" if r.label else f"status_{r.status}")
        if source:
            return False, "derived"
        return True if decision.keep else (False, r.label or r.status)

    def _unreadable(self, doc: Document, problem: str) -> tuple[bool, str]:
        reason = f"dropped: cannot be read ({problem})"
        self._write(doc, "", "error", dict.fromkeys(LABELS, 0.0), reason, "", "")
        self.stat_update("status_error")
        return False, "error"

    def _write(
        self,
        doc: Document,
        label: str,
        status: str,
        probabilities: Mapping[str, float],
        reason: str,
        evidence: str,
        source: str,
    ) -> None:
        # never None, never a list: a Parquet writer takes the first document's types for all
        meta = doc.metadata
        meta[METADATA_PREFIX + "label"] = label
        meta[METADATA_PREFIX + "status"] = status
        for name in LABELS:
            meta[f"{METADATA_PREFIX}p_{name}"] = round(float(probabilities[name]), 4)
        meta[METADATA_PREFIX + "reason"] = reason
        if self.explain:
            meta[METADATA_PREFIX + "evidence"] = evidence
        if self.matching:
            meta[METADATA_PREFIX + "source"] = source
