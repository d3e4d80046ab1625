"""Reproducible build of the labeled training corpus (original / spun / machine_garbled).

Run ``python -m training.build_corpus --out work-data/corpus.jsonl``; see ``build_corpus``.
"""

from __future__ import annotations
