"""The word lists shipped in spundetect/data: each names its format and version on its first
line, and a list without that line is refused with a message that says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from spundetect import lexicon, spelling
from spundetect.errors import ModelError


@pytest.mark.parametrize(
    ("module", "load", "body"),
    [
        (spelling, spelling.us_spellings, "colour\tcolor\n"),
        (lexicon, lexicon.dictionary_words, "spirts\n"),
    ],
    ids=["us_spelling", "dictionary_words"],
)
def test_a_list_without_its_header_is_refused(
    module: ModuleType,
    load: Callable[[], Any],
    body: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert module.PATH.read_text(encoding="utf-8").startswith(
        f"# {module.FORMAT_NAME} {module.FORMAT_VERSION}\n"
    )
    bad = tmp_path / module.PATH.name
    bad.write_text(body, encoding="utf-8")
    monkeypatch.setattr(module, "PATH", bad)
    load.cache_clear()  # type: ignore[attr-defined]
    try:
        with pytest.raises(ModelError, match="first line"):
            load()
    finally:
        load.cache_clear()  # type: ignore[attr-defined]
