"""The model directory's constants and its card, without scikit-learn.

Loading a model needs these (the card's format check, the files' SHA-256) but
must not import scikit-learn, so they live here rather than in
:mod:`spundetect.model`, which re-exports them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .errors import ModelError

__all__ = [
    "CARD_NAME",
    "CLASSIFIER_NAME",
    "COMPILED_NAME",
    "MODEL_FORMAT",
    "MODEL_FORMAT_VERSION",
    "read_card",
    "sha256_file",
    "verified_file",
    "write_card",
]

MODEL_FORMAT = "spundetect-model"
#: Bump when the directory layout or card schema changes incompatibly.
MODEL_FORMAT_VERSION = 1
CARD_NAME = "card.json"
#: The fitted scikit-learn classifier (skops format): the full object, for retraining and inspection.
CLASSIFIER_NAME = "classifier.skops"
#: The same classifier as plain arrays (:mod:`spundetect.compiled`): what scoring loads.
COMPILED_NAME = "classifier.npz"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_card(directory: Path, card: dict[str, Any]) -> Path:
    """Write ``card`` as the model card of ``directory`` (the one place that knows the layout)."""
    path = directory / CARD_NAME
    path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return path


def read_card(directory: Path) -> dict[str, Any]:
    path = directory / CARD_NAME
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(
            f"{directory} is not a spundetect model directory (no {CARD_NAME})"
        ) from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable model card ({exc})") from exc
    if card.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path}: not a spundetect model card")
    if card.get("format_version") != MODEL_FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format version {card.get('format_version')}, this spundetect reads "
            f"version {MODEL_FORMAT_VERSION}; retrain the model or install a matching spundetect"
        )
    return card


def verified_file(directory: Path, card: dict[str, Any], role: str) -> Path | None:
    """The file the card lists under ``role``, after checking it exists and its SHA-256
    matches; None when the card lists none. Any mismatch is a :class:`ModelError`."""
    meta = (card.get("files") or {}).get(role)
    if not meta:
        return None
    path = directory / meta["name"]
    if not path.is_file():
        raise ModelError(f"{directory}: missing {meta['name']}")
    digest = sha256_file(path)
    if digest != meta["sha256"]:
        raise ModelError(
            f"{path}: SHA-256 {digest[:12]}… does not match the model card "
            f"({meta['sha256'][:12]}…); the file was changed or corrupted"
        )
    return path
