"""Typography/surface transforms keep the words and never depend on the label."""

from __future__ import annotations

import random
import re
from collections import Counter

from training import typography as ty

TEXT = (
    'He said "we won\'t stop" -- and the crowd cheered. The 1990-1995 plan failed ; '
    "it was the '90s after all.\n\nShe wasn't sure  why . \"Really ?\" she asked..."
)


def words(text: str) -> list[str]:
    """Word content, ignoring quote style: what a transform must keep."""
    return re.findall(r"\w+", ty.straighten_quotes(text).replace("'", ""))


def test_curl_quotes_direction_and_apostrophes() -> None:
    out = ty.curl_quotes("She said \"hi\" and didn't 'wait'.")
    assert out == "She said “hi” and didn’t ‘wait’."
    assert '"' not in out and "'" not in out


def test_straighten_is_inverse_of_curl() -> None:
    src = "It's \"fine\", 'ok'."
    assert ty.straighten_quotes(ty.curl_quotes(src)) == src


def test_dashes_round_trip() -> None:
    fancy = ty.fancy_dashes("pages 10-20 - and more -- indeed", em=True)
    assert "10–20" in fancy and "—" in fancy and "--" not in fancy
    plain = ty.plain_dashes(fancy)
    assert "–" not in plain and "—" not in plain
    assert words(plain) == words(fancy)


def test_collapse_whitespace_removes_space_before_punctuation() -> None:
    out = ty.collapse_whitespace("a  b , c .\n\n  d ( e ) !")
    assert out == "a b, c.\n\nd (e)!"


def test_space_before_punct_adds_space() -> None:
    assert ty.space_before_punct("Why? Because: yes!") == "Why ? Because : yes !"


def test_surface_keeps_word_content_and_paragraphs() -> None:
    for i in range(200):
        out, tags = ty.surface(TEXT, random.Random(i))
        assert words(out) == words(TEXT), tags
        assert out.count("\n\n") == TEXT.count("\n\n")


def test_surface_mix_is_label_independent() -> None:
    """Same probabilities whatever the text: tag frequencies agree across different inputs."""
    a = 'A plain ASCII text - with "quotes" and it\'s short.'
    b = "A “curly” text — typeset by an editor, it’s longer..."
    ca: Counter[str] = Counter()
    cb: Counter[str] = Counter()
    for i in range(600):
        ca.update(ty.surface(a, random.Random(f"x{i}"))[1])
        cb.update(ty.surface(b, random.Random(f"x{i}"))[1])
    assert ca == cb  # the choice depends on the rng only, never on the text or its label
    assert abs(ca["scraper"] / 600 - ty.SURFACE_PROBS["scraper"]) < 0.07


def test_surface_makes_both_typographies_from_ascii() -> None:
    """An ASCII-only source (wikinews_cd2000) must come out with curly quotes some of the time."""
    outs = [ty.surface('He said "no" - twice.', random.Random(i))[0] for i in range(100)]
    assert any("“" in o for o in outs) and any('"' in o for o in outs)
    assert any("—" in o or "–" in o for o in outs)


def test_human_slips_are_few_label_independent_and_of_the_named_kinds() -> None:
    text = (
        "The council met on Monday. We agreed to build the road, and the bridge. "
        "It will open in May. The mayor said that it is good for the town and its people."
    )
    kinds: Counter[str] = Counter()
    changed = 0
    for i in range(600):
        out, tags = ty.human_slips(text, random.Random(f"x{i}"))
        assert len(tags) <= 2 and (out == text) == (not tags)
        # another text with a place for every kind slips on exactly the same draws
        other = text.replace("council", "board").replace("Monday", "Friday")
        assert ty.human_slips(other, random.Random(f"x{i}"))[1] == tags
        kinds.update(tags)
        changed += bool(tags)
    assert abs(changed / 600 - ty.SLIP_PROBS["slips"]) < 0.07
    assert {k.removeprefix("slip_") for k in kinds} == set(ty.SLIP_KINDS)  # every kind happens
    out, tags = ty.human_slips("no place for any slip", random.Random(0))
    assert out == "no place for any slip"
