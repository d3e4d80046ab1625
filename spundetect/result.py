"""Immutable result objects: what a score says and why."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

__all__ = [
    "LABELS",
    "STATUSES",
    "LeftOut",
    "Probabilities",
    "Reason",
    "Result",
    "SentenceScore",
    "label_as_written",
    "unknown_label",
]

#: The three labels, in the order every probability vector uses.
LABELS: tuple[str, ...] = ("original", "spun", "machine_garbled")

#: ``ok`` means the label is a judgement; every other status comes with ``label=None``.
STATUSES: tuple[str, ...] = ("ok", "empty", "too_short", "not_english")

# Names people give the classes in their own data, each to the label it most likely means.
# Used only to suggest: a label is never read as another without the user saying so.
_LABEL_ALIASES = {
    "human": "original",
    "human_written": "original",
    "genuine": "original",
    "paraphrase": "spun",
    "paraphrased": "spun",
    "rewritten": "spun",
    "rewrite": "spun",
    "spinner": "spun",
    "spin": "spun",
    "garbled": "machine_garbled",
    "machine_translated": "machine_garbled",
    "machine_translation": "machine_garbled",
    "translated": "machine_garbled",
    "mt": "machine_garbled",
}


class Probabilities(dict[str, float]):
    """A read-only mapping of label to probability: a result's probabilities cannot be
    changed after it is made (it is hashed and compared by them).

    A ``dict`` that refuses every change rather than a read-only view, so that it goes
    wherever plain data goes: ``json.dumps``, ``dataclasses.asdict``, ``pickle``,
    ``copy.deepcopy``, pandas.
    """

    __slots__ = ()

    def _read_only(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a result's probabilities are read-only; copy them with dict(...)")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _read_only
    __ior__ = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # (pickle would otherwise fill the dict item by item, through __setitem__)
        return (Probabilities, (dict(self),))

    def __copy__(self) -> Probabilities:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Probabilities:
        return self  # immutable: as for a tuple of floats

    def __repr__(self) -> str:
        return dict.__repr__(self)


def label_as_written(value: str) -> str:
    """A label cell as meant: its spaces and a byte-order mark stuck to it are no part of it
    (``" spun\n"``, ``"\ufefforiginal"``), for the command line and ``train()`` alike."""
    return value.strip().lstrip("\ufeff").strip()


#: How much of an unknown label is quoted: a shifted column or ``--label-field text`` put a
#: whole document in each (one bad cell was 0.9 MB of stderr on one line).
_LABEL_SHOWN = 40


def unknown_label(value: object) -> str:
    """Why ``value`` is not a label, with the label it probably means when there is one.

    Why: labels in users' own data come capitalised ("Original"), hyphenated
    ("machine-garbled") or named their way ("paraphrased"); saying which label to write
    saves a second run. ``unknown_label("Spun")`` reads "unknown label 'Spun' (did you
    mean 'spun'?)".
    """
    key = re.sub(r"[\s\-]+", "_", label_as_written(str(value)).lower())
    guess = key if key in LABELS else _LABEL_ALIASES.get(key)
    hint = f" (did you mean {guess!r}?)" if guess is not None else ""
    shown = repr(value)
    if isinstance(value, str) and len(value) > _LABEL_SHOWN:  # a text in the label column
        shown = f"{value[:_LABEL_SHOWN]!r}... ({len(value):,} characters)"
    return f"unknown label {shown}{hint}"


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence a person can check.

    ``start``/``end`` are character offsets (code points, as Python indexes a ``str``; not
    UTF-16 units) into the scored text (``-1`` when the evidence is about the whole text, e.g.
    a readability figure). The same match found
    again elsewhere ("U. S." three times) is one reason: ``count`` says how often it
    occurs, ``start``/``end`` give the first place and ``more_spans`` the others.

    ``weight`` is how strongly the evidence counted, comparable among reasons of one kind:
    for a match or a whole-text figure (0 to 10), how unusual the text's value of that
    feature is for an original in standard deviations (read up to 10), times how much the
    feature tells the label apart; for a word sequence (``ngram.*``), its log-odds
    contribution to the n-gram model's verdict. ``summary`` reasons weigh 0.
    """

    feature: str
    message: str
    start: int = -1
    end: int = -1
    excerpt: str = ""
    weight: float = 0.0
    count: int = 1
    more_spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "message": self.message,
            "span": [self.start, self.end] if self.start >= 0 else None,
            "excerpt": self.excerpt,
            "weight": round(self.weight, 4),
            "count": self.count,
            "more_spans": [list(s) for s in self.more_spans],
        }


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A part of the text that no measure read (only with ``explain=True``): ``why`` is
    ``line`` (a heading, menu or byline), ``furniture`` (a comment form, cookie notice, a
    publisher's stock line such as a disclosure or sign-off, a time stamp),
    ``comments`` (a comment thread under the text), ``reviews`` (customers' reviews under a
    product's description), ``quoted`` (an e-mail's quoted earlier message), ``embed`` (a post
    embedded from a social network), ``language`` (a line in another language),
    ``references`` (a list of works cited at the end) or ``cut`` (an excerpt's "[...]" and the
    sentence it cut off); ``message`` says it in words
    (:data:`spundetect.furniture.LEFT_OUT_WHY`).
    The verdict is about the rest."""

    start: int
    end: int
    why: str
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"span": [self.start, self.end], "why": self.why, "message": self.message}


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """Per-sentence breakdown (only with ``explain=True``)."""

    start: int
    end: int
    label: str | None
    probabilities: Mapping[str, float]

    def __post_init__(self) -> None:
        if not isinstance(self.probabilities, Probabilities):  # read-only, as Result's
            object.__setattr__(self, "probabilities", Probabilities(self.probabilities))

    def __hash__(self) -> int:
        # (the items as a set: equal mappings in another order are equal, so hash equal)
        return hash((self.start, self.end, self.label, frozenset(self.probabilities.items())))

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": [self.start, self.end],
            "label": self.label,
            "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
        }


@dataclass(frozen=True, slots=True)
class Result:
    """The verdict on one text.

    ``label`` is one of :data:`LABELS` when ``status == "ok"`` and ``None``
    otherwise; ``probabilities`` always maps all three labels (all ``nan``-free
    floats; zeros when there is no judgement). ``message`` explains a non-ok
    status in one sentence. ``explained``: scored with ``explain=True`` (so
    :meth:`to_dict` gives the evidence's keys, empty or not). Frozen and hashable.
    """

    label: str | None
    probabilities: Mapping[str, float]
    status: str = "ok"
    reasons: tuple[Reason, ...] = ()
    sentences: tuple[SentenceScore, ...] = ()
    message: str = ""
    n_words: int = 0
    id: str | None = field(default=None, compare=False)
    left_out: tuple[LeftOut, ...] = ()
    explained: bool = field(default=False, compare=False, repr=False)

    def __hash__(self) -> int:
        return hash(
            (self.label, frozenset(self.probabilities.items()), self.status, self.reasons,
             self.sentences, self.message, self.n_words, self.left_out)
        )  # fmt: skip

    def __post_init__(self) -> None:
        if not isinstance(self.probabilities, Probabilities):
            object.__setattr__(self, "probabilities", Probabilities(self.probabilities))

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self, explain: bool | None = None) -> dict[str, Any]:
        """The result as JSON-ready data. ``explain``: add ``reasons``, ``sentences`` and
        ``left_out``; by default, when the result was scored with ``explain=True`` (whatever
        its status, so an explained run's records share one shape), so that serialising an
        explained result keeps its evidence."""
        if explain is None:
            explain = self.explained or bool(self.reasons or self.sentences)
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out["label"] = self.label
        out["probabilities"] = {k: round(float(self.probabilities.get(k, 0.0)), 4) for k in LABELS}
        out["status"] = self.status
        if self.message:
            out["message"] = self.message
        out["n_words"] = self.n_words
        if explain:
            out["reasons"] = [r.to_dict() for r in self.reasons]
            out["sentences"] = [s.to_dict() for s in self.sentences]
            out["left_out"] = [x.to_dict() for x in self.left_out]
        return out
