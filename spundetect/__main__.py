"""``python -m spundetect``: the same command as the ``spundetect`` console script."""

from __future__ import annotations

from .console import main

raise SystemExit(main())
