"""Exceptions spundetect raises for things the caller can fix."""

from __future__ import annotations

__all__ = ["InputError", "ModelError", "SpundetectError", "UntrustedModelError"]


class SpundetectError(Exception):
    """Base class: every error spundetect raises on purpose."""


class InputError(SpundetectError, TypeError):
    """The input is not text we can judge (wrong type, binary junk, undecodable bytes)."""


class ModelError(SpundetectError):
    """A model directory is missing, corrupt, or does not match this version of spundetect."""


class UntrustedModelError(ModelError):
    """Loading this model file would run pickled code from outside the package."""
