"""Feature registry: named, ordered signals computed from one shared :class:`~spundetect.text.Doc`.

Contract for a feature family (one module per family in this package):

* it is a function ``fn(doc, reference, evidence) -> list[float]`` registered with
  :func:`register`, returning one value per name in ``names``, in that order;
* it is pure: it reads ``doc`` (never mutates it) and the read-only ``reference``
  model, and keeps no state between calls;
* it is safe on the empty document (returns finite neutral values, never raises);
* when ``evidence`` is a list (explanations requested) it appends
  :class:`Evidence` items for the strongest matches, each with a character span
  into ``doc.text`` and a sentence a person understands. When ``evidence`` is
  ``None`` it must not spend time building messages.

Names are stable: ``"<family>.<signal>"``. Saved models record the ordered
names they were trained on and refuse to load against a different set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..text import Doc

if TYPE_CHECKING:
    from ..lm import ReferenceModel

__all__ = [
    "REGISTRY",
    "Evidence",
    "FeatureFamily",
    "cuts_a_word",
    "extract",
    "feature_names",
    "quote",
    "register",
]


#: matches recorded per feature when explaining (evidence is only collected then, so
#: this costs nothing on the scoring path); the reasons merge repeats and count them
MAX_EVIDENCE = 100


@dataclass(frozen=True, slots=True)
class Evidence:
    """A match that pushed a feature: where it is and what it means."""

    feature: str
    start: int
    end: int
    message: str
    strength: float = 1.0


_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")


def quote(snippet: str) -> str:
    """``snippet`` as a reason quotes it: the text of its span, each line break shown as one
    space (a reason's message is one line; a carriage return would send a terminal back to
    the line's start), nothing else changed, so the quote reads as the span does."""
    return _LINE_BREAK.sub(" ", snippet)


def cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends inside a run of letters and digits: a piece
    of a word ("st" of "1st", "km" of "28km"), not something a reader sees as a unit."""
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    )


FeatureFn = Callable[[Doc, "ReferenceModel | None", "list[Evidence] | None"], Sequence[float]]


@dataclass(frozen=True, slots=True)
class FeatureFamily:
    name: str
    names: tuple[str, ...]
    fn: FeatureFn
    needs_reference: bool = False
    doc: str = ""


REGISTRY: dict[str, FeatureFamily] = {}


def register(
    family: str, names: Iterable[str], *, needs_reference: bool = False
) -> Callable[[FeatureFn], FeatureFn]:
    """Register ``fn`` as the feature family ``family`` producing ``names``."""
    full = tuple(f"{family}.{n}" for n in names)

    def deco(fn: FeatureFn) -> FeatureFn:
        if family in REGISTRY:
            raise ValueError(f"feature family {family!r} registered twice")
        REGISTRY[family] = FeatureFamily(
            family, full, fn, needs_reference, (fn.__doc__ or "").strip().split("\n")[0]
        )
        return fn

    return deco


def _load_families() -> None:
    # Importing the modules registers their families (in a fixed order).
    from . import lexical, phrasing, punctuation, readability  # noqa: F401


def families(selected: Iterable[str] | None = None) -> list[FeatureFamily]:
    _load_families()
    if selected is None:
        # by name, never by registration order: importing one family module before
        # the others must not reorder the feature vector a saved model expects
        return [REGISTRY[name] for name in sorted(REGISTRY)]
    out = []
    for name in selected:
        if name not in REGISTRY:
            raise ValueError(f"unknown feature family {name!r}; known: {sorted(REGISTRY)}")
        out.append(REGISTRY[name])
    return out


def feature_names(selected: Iterable[str] | None = None) -> tuple[str, ...]:
    """Ordered names of the features the selected families produce."""
    return tuple(n for fam in families(selected) for n in fam.names)


def extract(
    doc: Doc,
    reference: ReferenceModel | None,
    selected: Iterable[str] | None = None,
    evidence: list[Evidence] | None = None,
) -> np.ndarray:
    """All selected features of one document, as a float vector in name order."""
    values: list[float] = []
    for fam in families(selected):
        vals = fam.fn(doc, reference, evidence)
        if len(vals) != len(fam.names):
            raise RuntimeError(
                f"feature family {fam.name} returned {len(vals)} values, expected {len(fam.names)}"
            )
        values.extend(vals)
    arr = np.asarray(values, dtype=np.float64)
    if not np.isfinite(arr).all():  # rare; nan_to_num itself costs ~6 us even then
        np.nan_to_num(arr, copy=False, nan=0.0, posinf=0.0, neginf=0.0)
    return arr


def describe() -> dict[str, Any]:
    """Family name -> (one-line doc, feature names); for ``spundetect features --list``."""
    return {f.name: {"doc": f.doc, "features": list(f.names)} for f in families()}
