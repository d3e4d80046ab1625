"""spundetect: tell original text from spun and machine-garbled text.

>>> from spundetect import Detector
>>> det = Detector.load()                      # the shipped default model
>>> r = det.score(text)                        # Result(label, probabilities, status, reasons)

The public API is what ``__all__`` lists; everything else may change.
Heavy parts (the model, the reference language model) load lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import InputError, ModelError, SpundetectError, UntrustedModelError
from .filters import Decision, Filter
from .result import LABELS, STATUSES, LeftOut, Reason, Result, SentenceScore

if TYPE_CHECKING:
    from .comparison import Comparison, Edit, SentencePair, compare
    from .detector import Detector, train
    from .sources import SourceIndex, SourceMatch

__all__ = [
    "LABELS",
    "STATUSES",
    "Comparison",
    "Decision",
    "Detector",
    "Edit",
    "Filter",
    "InputError",
    "LeftOut",
    "ModelError",
    "Reason",
    "Result",
    "SentencePair",
    "SentenceScore",
    "SourceIndex",
    "SourceMatch",
    "SpundetectError",
    "UntrustedModelError",
    "__version__",
    "compare",
    "train",
]


def __getattr__(name: str) -> Any:
    # Import the detector (numpy, the feature families) on first use so `import spundetect`
    # stays cheap; scoring a model with a compiled classifier never imports scikit-learn.
    if name in ("Detector", "train"):
        from . import detector

        return getattr(detector, name)
    if name in ("compare", "Comparison", "Edit", "SentencePair"):
        from . import comparison

        return getattr(comparison, name)
    if name in ("SourceIndex", "SourceMatch"):
        from . import sources

        return getattr(sources, name)
    raise AttributeError(f"module 'spundetect' has no attribute {name!r}")


def __dir__() -> list[str]:
    # the public names, the lazily imported ones too (tab completion, help()), not the
    # module's own machinery
    return sorted(__all__)
