"""``spundetect.SourceIndex`` and ``spundetect match``: the source a suspect follows, among many
(texts written here)."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from sample_texts import FERRY, PARKING

import spundetect
from spundetect import InputError, SourceIndex, SourceMatch

REPO = Path(__file__).resolve().parents[1]

# the same topic, another text: shares "council", "parking", "town", not sentences
PARKING_TOO = (
    "Parking in the old town has been free on Sundays since the market moved. "
    "Visitors often complain that the signs are hard to read at night. "
    "The council now hands out a map of the car parks near the station."
)
# what a chat assistant writes when asked to reword PARKING: nothing odd in it to detect
FLUENT = (
    "On Thursday, the council gathered to talk over new parking rules for the old town. "
    "According to shop owners, the plan would drive customers away from the market. "
    "Residents, by contrast, liked the idea of having fewer cars in the narrow streets. "
    "A decision should be made before the summer holidays start."
)
UNRELATED = (
    "My grandmother grew tomatoes on the balcony every summer. She swore by coffee grounds "
    "and a radio playing quietly, and her plants were always the first to ripen."
)


def _index() -> SourceIndex:
    index = SourceIndex()
    index.add_many([("parking", PARKING), ("parking-too", PARKING_TOO), ("ferry", FERRY)])
    return index


def test_a_fluent_rewrite_is_traced_to_its_source_among_others_on_its_topic() -> None:
    m = _index().match(FLUENT)
    assert m.derived and m.source_id == "parking" and m.verdict == "rewritten"
    # ranked by the rare words shared: the source first, the other parking text after it
    ids = [i for i, _ in m.candidates]
    assert ids[0] == "parking" and "ferry" not in ids
    assert m.comparison is not None and len(m.comparison.pairs) == 4


def test_copied_unrelated_and_nothing_shared() -> None:
    index = _index()
    assert index.match(FERRY).verdict == "copied"
    assert index.match(FERRY).source_id == "ferry"
    m = index.match(UNRELATED)
    assert not m.derived and m.source_id is None and m.verdict == "unrelated"
    assert m.candidates == () and m.comparison is None
    # an empty index matches nothing, and says so
    assert SourceIndex().match(FLUENT) == SourceMatch(None, "unrelated", None, ())


@pytest.mark.parametrize("copies", [1, 2, 3, 5])
def test_a_rewrite_is_traced_however_many_copies_of_its_source_are_held(copies: int) -> None:
    """In a small index a word every copy of the source holds weighed all but nothing: with
    the source held twice (a syndicated copy, a page a crawl holds twice), its rewrite was
    "unrelated" ("no source shares enough of its rare words to compare")."""
    spun = (  # a spinner's synonyms: a third of the words changed
        "The council convened on Thursday to debate the fresh parking regulations for the old "
        "town. Store proprietors stated the scheme would keep patrons away from the market. "
        "Inhabitants welcomed the notion of fewer vehicles in the narrow lanes. A final verdict "
        "is anticipated before the summer vacations commence."
    )
    index = SourceIndex()
    for k in range(copies):
        index.add(f"copy{k}", PARKING if k == 0 else f"Republished from a wire.\n\n{PARKING}")
    m = index.match(spun)
    assert m.verdict == "rewritten" and m.source_id is not None
    assert len(m.candidates) == min(copies, index.top)


def test_a_suspect_with_no_english_words_is_said_as_compare_says_it() -> None:
    """An empty suspect, or one in another language, was "unrelated: no source shares
    enough of its rare words"; ``compare`` said "empty: ... has no words" of a French text."""
    from spundetect import compare

    french = (
        "Le conseil municipal a vot\u00e9 hier une nouvelle r\u00e8gle de stationnement pour la "
        "vieille ville, selon les habitants du quartier."
    )
    index = SourceIndex()
    index.add("fr", french)
    for suspect, why in (("   ", "the suspect has no words"), (french, "no English words")):
        m = index.match(suspect)
        assert m.verdict == "empty" and not m.derived and why in m.message
    assert "the source has no English words to compare" in compare(french, PARKING).message


def test_a_suspect_is_not_matched_to_its_own_copy_in_the_index(tmp_path: Path) -> None:
    """``match --sources folder/ folder/b.txt`` called b.txt "copied from folder/b.txt"."""
    index = _index()
    assert index.match(PARKING).source_id == "parking"
    m = index.match(PARKING, exclude="parking")
    assert m.source_id != "parking" and "parking" not in dict(m.candidates)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(PARKING)
    (folder / "b.txt").write_text(FLUENT)
    p = subprocess.run(
        [sys.executable, "-m", "spundetect", "match", "--format", "text", "--sources", str(folder),
         str(folder / "b.txt")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith(f"{folder / 'b.txt'}: rewritten from {folder / 'a.txt'}")
    # --input-format is the suspects': text sources with JSON Lines suspects in a file named
    # otherwise (the sources were read as JSON Lines, every line "malformed JSON")
    export = tmp_path / "suspects.export"
    export.write_text(json.dumps({"id": "s1", "text": FLUENT}) + "\n")
    p = subprocess.run(
        [sys.executable, "-m", "spundetect", "match", "--format", "text", "--input-format",
         "jsonl", "--sources", str(folder / "a.txt"), str(export)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith(f"s1: rewritten from {folder / 'a.txt'}")


def test_a_passage_copied_into_a_text_of_its_own_is_partly_derived() -> None:
    own = UNRELATED + " " + UNRELATED.replace("tomatoes", "peppers") + "\n\n"
    m = _index().match(own + FERRY + "\n\n" + own)
    assert m.source_id == "ferry" and m.verdict == "partly_derived"


# a long text of its own (453 words): a paragraph pasted into it holds a twentieth of its words
ORCHARD_ESSAY = (
    "When our street first talked about planting an orchard on the empty lot behind the "
    "laundrette, most people laughed. The ground was full of broken bricks, the fence leaned "
    "into the alley, and nobody could remember who owned the place. Still, a handful of us "
    "kept meeting on Sunday afternoons with flasks of tea and a notebook.\n\n"
    "The first year was mostly digging. We hired a skip, filled it twice with rubble, and "
    "learned that clay holds water like a bathtub. A retired gardener from number twelve "
    "showed us how to build raised beds from old scaffolding planks, and the children painted "
    "each bed a different colour so they could argue about whose was best.\n\n"
    "Choosing the trees took longer than anyone expected. Some wanted apples because they "
    "remembered scrumping as kids; others wanted plums, pears or a fig against the warm wall. "
    "In the end we planted nine trees on dwarfing rootstock, labelled with the names of "
    "neighbours who had paid for them, and one quince that nobody had asked for.\n\n"
    "Watering became the real test of commitment. During the dry July we drew up a rota on "
    "the back of a takeaway menu and pinned it to the gate. People swapped shifts by text "
    "message, carried cans from their kitchens, and a plumber on the corner finally fitted "
    "an outside tap that we still call the miracle.\n\n"
    "By the third spring the blossom drew photographers, dog walkers and a local radio "
    "reporter who asked whether we planned to sell the fruit. We did not. Instead, every "
    "household takes what it needs, and the rest goes to the food bank in a borrowed "
    "wheelbarrow that squeaks so loudly the volunteers hear us coming.\n\n"
    "There have been setbacks. Wasps ruined half the plums one August, a storm snapped the "
    "youngest pear, and someone stole the padlock twice. Each time the repair became an "
    "excuse for another gathering, and each gathering brought one or two faces we had never "
    "seen before, usually drawn by the smell of a barbecue.\n\n"
    "What surprised me most was how the orchard changed conversations on the street. People "
    "who had nodded at each other for a decade now discuss pruning cuts and compost heaps "
    "at the bus stop. A teenager who once sprayed graffiti on the fence now runs the "
    "seed swap, and her grandmother bakes crumble for the harvest party.\n\n"
    "I do not know whether the lot will stay ours. A developer has written to the council "
    "twice, and the lease runs out in four years. But the trees are rooted now, the beds "
    "are full, and a whole street has learned that a patch of rubble can become a place "
    "where neighbours finally learn each other's names."
)


def _pasted(paragraph: str) -> str:
    paras = ORCHARD_ESSAY.split("\n\n")
    return "\n\n".join([*paras[:4], paragraph, *paras[4:]])


def test_a_short_paragraph_pasted_into_a_long_text_is_traced_to_its_source() -> None:
    """FERRY holds 9% of the essay's weighted words, under min_shared: the whole-text
    ranking left it out, and the essay was "unrelated" (before the sixty-fourth session)."""
    index = _index()
    index.add("tomatoes", UNRELATED)
    assert index.match(ORCHARD_ESSAY).verdict == "unrelated"  # alone: nothing to find
    m = index.match(_pasted(FERRY))
    assert m.source_id == "ferry" and m.verdict == "partly_derived"
    assert m.comparison is not None and len(m.comparison.pairs) == 3
    # a passage's source is listed with its share of the whole text (under min_shared)
    ((source_id, share),) = index.candidates(_pasted(FERRY))
    assert source_id == "ferry" and 0 < share < index.min_shared


def test_a_passage_source_left_out_or_forgotten_is_not_compared() -> None:
    index = _index()
    assert index.match(_pasted(FERRY), exclude="ferry").verdict == "unrelated"
    index.forget("ferry")
    assert index.match(_pasted(FERRY)).candidates == ()


def test_paragraphs_from_two_sources_name_both_and_a_second_copy_neither(
    tmp_path: Path,
) -> None:
    """A reviewer's essay with a paragraph from each of two sources: the match names one and
    ``also`` the other (one source was all it said before); a second copy of a source pairs
    the sentences already paired, so it is not listed again."""
    paras = ORCHARD_ESSAY.split("\n\n")
    essay = "\n\n".join([*paras[:2], FERRY, *paras[2:5], PARKING, *paras[5:]])
    index = _index()
    index.add("ferry-again", FERRY + " Tickets go on sale next week.")
    m = index.match(essay)
    named = [m.source_id, *(i for i, _ in m.also)]
    assert m.verdict == "partly_derived" and len(named) == 2, m
    assert "parking" in named and len({"ferry", "ferry-again"} & set(named)) == 1
    assert all(c.verdict == "partly_derived" for _, c in m.also)
    d = m.to_dict()
    assert [a["source_id"] for a in d["also"]] == named[1:] and "comparison" not in d["also"][0]
    assert "pairs" in m.to_dict(edits=True)["also"][0]["comparison"]
    assert index.match(ORCHARD_ESSAY).also == () and index.match(FLUENT).also == ()
    # the command line says both
    (tmp_path / "essay.txt").write_text(essay, encoding="utf-8")
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (tmp_path / "parking.txt").write_text(PARKING, encoding="utf-8")
    p = _run("--sources", tmp_path / "ferry.txt", "--sources", tmp_path / "parking.txt",
             tmp_path / "essay.txt", "--format", "text")  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "; also partly_derived from " in p.stdout and p.stdout.count("derived from ") == 2


def test_filter_keeps_a_text_that_quotes_one_paragraph(tiny_detector: spundetect.Detector) -> None:
    """A data team deduplicating a crawl drops copies, not pages that quote a paragraph:
    ``filter`` ranks by the whole text only (``passages=False``), as before passages were
    ranked; match still finds the paragraph's source."""
    index = _index()
    essay = _pasted(FERRY)
    assert index.match(essay).verdict == "partly_derived"
    assert index.match(essay, passages=False).verdict == "unrelated"
    f = spundetect.Filter(tiny_detector, drop=())
    assert f.check_sources(f(essay), essay, index).keep
    assert not f.check_sources(f(FERRY), FERRY, index).keep  # a copy is still dropped


def test_a_source_found_by_a_passage_must_pair_closely() -> None:
    """Reports on one template or one kind of event pair loosely and were called
    partly_derived (or rewritten) from each other once passages were ranked."""
    from spundetect.comparison import Comparison, SentencePair
    from spundetect.sources import _a_passage, _loosely

    def comparison(verdict: str, *similarities: float) -> Comparison:
        pairs = tuple(SentencePair((0, 1), (0, 1), s) for s in similarities)
        return Comparison(verdict, "", 50, 500, 40, 35, 0.1, 3, 30, 0, pairs, ())

    assert _a_passage(comparison("partly_derived", 1.0, 0.9, 0.45))
    assert not _a_passage(comparison("partly_derived", 0.31, 0.30, 0.40))  # Congo / Zambia
    assert not _a_passage(comparison("rewritten", 0.44, 0.38, 0.43))
    assert not _a_passage(comparison("unrelated", 1.0, 1.0))
    said = _loosely(comparison("rewritten", 0.44, 0.38, 0.43))  # what match then says
    assert said.verdict == "unrelated" and "only loosely (sharing 42%" in said.message


def test_a_long_text_without_stops_is_read_in_passages_too() -> None:
    """Transcripts and captions have no sentence ends: one "sentence" gave no passages, and
    a paragraph pasted into one was not found."""
    from spundetect.sources import _passages
    from spundetect.text import tokenize

    paras = [" ".join(p.replace(".", " ").split()).lower() for p in ORCHARD_ESSAY.split("\n\n")]
    story = FERRY + (
        " Islanders welcomed the change at a packed meeting in the village hall on Tuesday "
        "evening. The operator will review the timetable after the first summer season."
    )
    flat = " ".join([*paras[:4], story, *paras[4:]])  # a quotation in a caption dump
    assert len(tokenize(flat).sentences) < 6 and len(_passages(tokenize(flat))) >= 11
    index = _index()
    index.add("story", story)
    m = index.match(flat)
    assert (m.source_id, m.verdict) == ("story", "partly_derived")


def test_passages_are_runs_of_whole_sentences_alone_and_with_the_next() -> None:
    from spundetect.sources import PASSAGE_WORDS, _content_words, _passages
    from spundetect.text import tokenize

    assert _passages(tokenize(FERRY)) == []  # too short: the whole text is the passage
    doc = tokenize(_pasted(FERRY))
    passages = _passages(doc)
    runs = (len(passages) + 1) // 2  # each run alone, then each with the next
    assert runs >= 6 and sum(doc.is_word) >= runs * PASSAGE_WORDS
    assert passages[runs] == passages[0] | passages[1]
    assert set().union(*passages) == _content_words(doc)  # every word in some passage
    # the pasted paragraph's words fill at least one passage on their own side of the text
    ferry = _content_words(tokenize(FERRY))
    assert max(len(p & ferry) / len(ferry) for p in passages) > 0.8


def test_sources_read_once_give_the_comparison_compare_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import spundetect.sources as sources

    monkeypatch.setattr(sources, "_READ_CACHE", 1)  # every other match reads its source again
    index = _index()
    for suspect in [FLUENT, FERRY, FLUENT, PARKING_TOO, FLUENT]:
        m = index.match(suspect)
        if m.source_id is not None:
            assert m.comparison == spundetect.compare(index.text(m.source_id), suspect)
    assert len(index._read) == 1


def test_match_many_matches_lazily_in_order() -> None:
    index = _index()
    suspects = iter([FLUENT, UNRELATED, FERRY])
    results = index.match_many(suspects)
    assert next(results).source_id == "parking"
    assert next(suspects) is UNRELATED  # one result, one suspect read: the rest wait
    assert next(results).source_id == "ferry"
    assert list(results) == []
    assert [m.source_id for m in index.match_many([FERRY, FLUENT])] == ["ferry", "parking"]


def test_top_limits_the_comparisons() -> None:
    index = SourceIndex(top=1, min_shared=0.0, relative=0.0)
    index.add_many([("parking", PARKING), ("parking-too", PARKING_TOO)])
    assert [i for i, _ in index.candidates(FLUENT)] == ["parking"]
    assert len(index.candidates(FLUENT, top=5)) == 2


def test_bad_input_and_duplicate_ids() -> None:
    index = _index()
    with pytest.raises(ValueError, match="added twice"):
        index.add("ferry", FERRY)
    with pytest.raises(InputError):
        index.add("x", b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        index.match(None)  # type: ignore[arg-type]
    # what add() refuses, add_as refused not; top=0 was read as the default
    with pytest.raises(InputError, match="a source id must be a str, got int"):
        index.match(FLUENT, add_as=5)  # type: ignore[arg-type]
    for top in (0, -1):
        with pytest.raises(ValueError, match="top must be a whole number of 1 or more"):
            index.candidates(FLUENT, top=top)
    assert len(index) == 3 and "x" not in index and "ferry" in index
    # an id taken: the text joins under its id and place, and is found by it
    assert index.free_id("x", "a.jsonl:2") == "x"
    key = index.free_id("ferry", "a.jsonl:7")
    assert key == "ferry (a.jsonl:7)"
    index.add(key, FERRY)
    assert index.match(FERRY).source_id in ("ferry", key) and len(index) == 4


def test_result_is_immutable_and_serialisable() -> None:
    m = _index().match(FLUENT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.source_id = "ferry"  # type: ignore[misc]
    d = json.loads(json.dumps(m.to_dict(edits=True)))
    assert d["source_id"] == "parking" and d["comparison"]["verdict"] == "rewritten"
    assert "comparison" not in m.to_dict()
    assert "SourceIndex" in spundetect.__all__ and "SourceMatch" in spundetect.__all__


# ---------------------------------------------------------------- the command
def _run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "spundetect", "match", *map(str, args)]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=REPO, timeout=60)


def test_command_matches_files_against_jsonl_sources_and_reports_bad_rows(tmp_path: Path) -> None:
    sources = tmp_path / "sources.jsonl"
    rows = [
        json.dumps({"id": "parking", "text": PARKING}),
        '{"id": "broken", "text": ',  # malformed: reported, the rest still indexed
        json.dumps({"id": "ferry", "text": FERRY}),
        json.dumps({"id": "empty", "text": ""}),
    ]
    sources.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "fluent.txt").write_text(FLUENT, encoding="utf-8")
    (tmp_path / "own.txt").write_text(UNRELATED, encoding="utf-8")
    p = _run("--sources", sources, tmp_path / "fluent.txt", tmp_path / "own.txt")
    assert p.returncode == 1, p.stderr
    assert "sources.jsonl:2" in p.stderr and "sources.jsonl:4" in p.stderr
    assert "2 suspect(s) matched against 2 source(s)\n" in p.stderr
    assert "Traceback" not in p.stderr
    out = [json.loads(line) for line in p.stdout.splitlines()]
    assert [(o["source_id"], o["verdict"]) for o in out] == [
        ("parking", "rewritten"),
        (None, "unrelated"),
    ]
    assert out[0]["id"].endswith("fluent.txt")


def test_command_options_and_usage_errors(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "parking.txt").write_text(PARKING, encoding="utf-8")
    (src / "ferry.txt").write_text(FERRY, encoding="utf-8")
    suspects = "\n".join(
        json.dumps({"id": i, "text": t}) for i, t in [("a", FLUENT), ("b", UNRELATED)]
    )
    p = _run("--sources", src, "--derived-only", "--fail-on-derived", "-", stdin=suspects)
    assert p.returncode == 3, p.stderr
    (only,) = [json.loads(line) for line in p.stdout.splitlines()]
    assert only["id"] == "a" and only["source_id"].endswith("parking.txt")
    p = _run("--sources", src, "--format", "text", "-", stdin=suspects)
    assert p.returncode == 0 and "a: rewritten from" in p.stdout and "b: unrelated" in p.stdout
    assert _run("--sources", "-", "-", stdin=suspects).returncode == 2
    p = _run("--sources", tmp_path / "missing.jsonl", "-", stdin=suspects)
    assert p.returncode == 1 and "no source could be read" in p.stderr


def test_command_within_matches_each_suspect_against_the_ones_before(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    pages = [PARKING, FERRY, UNRELATED, FLUENT, PARKING_TOO, FERRY.replace("twice", "thrice")]
    crawl.write_text(
        "".join(json.dumps({"id": f"page{i}", "text": t}) + "\n" for i, t in enumerate(pages)),
        encoding="utf-8",
    )
    p = _run("--within", crawl)
    assert p.returncode == 0, p.stderr
    got = [(o["id"], o["source_id"], o["verdict"]) for o in map(json.loads, p.stdout.splitlines())]
    assert got == [
        ("page0", None, "unrelated"),  # nothing before it
        ("page1", None, "unrelated"),
        ("page2", None, "unrelated"),
        ("page3", "page0", "rewritten"),  # the fluent rewrite of the first page
        ("page4", None, "unrelated"),  # same topic, its own text
        ("page5", "page1", "copied"),
    ]
    assert _run(crawl).returncode == 2  # neither --sources nor --within


def test_a_repeated_id_still_joins_the_index_so_its_copies_are_found(tmp_path: Path) -> None:
    """Crawls repeat ids (a URL fetched twice); a text under a taken id joins the index under
    its id and place, and a later copy of it is still found (it was left out before)."""
    crawl = tmp_path / "crawl.jsonl"
    rows = [("X", UNRELATED), ("X", PARKING), ("Y", PARKING)]
    crawl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    p = _run("--within", crawl)
    got = [(o["id"], o["source_id"], o["verdict"]) for o in map(json.loads, p.stdout.splitlines())]
    assert got[2] == ("Y", f"X ({crawl}:2)", "copied"), p.stderr
    assert f"{crawl}:2: id 'X' is taken in the index: added as 'X ({crawl}:2)'" in p.stderr
    # filter --within: a record under a taken id that is dropped as a copy is never added,
    # and is not said to be (it was, before the match)
    dupes = tmp_path / "dupes.jsonl"
    rows = [("X", PARKING), ("X", PARKING.replace(". ", ".  ")), ("X", FERRY)]
    dupes.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    cmd = [sys.executable, "-m", "spundetect", "filter", "--within", "--drop", "none", dupes]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert p.returncode == 0 and "1 derived" in p.stderr, p.stderr
    assert f"{dupes}:2: id" not in p.stderr
    assert f"{dupes}:3: id 'X' is taken in the index: added as 'X ({dupes}:3)'" in p.stderr
    # two sources of one id are both indexed, where the second was refused
    sources = tmp_path / "sources.jsonl"
    sources.write_text("".join(json.dumps({"id": "S", "text": t}) + "\n" for t in (FERRY, PARKING)))
    p = _run("--sources", sources, "-", stdin=json.dumps({"id": "s", "text": PARKING}))
    assert p.returncode == 0, p.stderr
    (out,) = map(json.loads, p.stdout.splitlines())
    assert out["source_id"] == f"S ({sources}:2)" and out["verdict"] != "unrelated"


def test_two_suspects_of_one_id_are_told_apart_in_the_output(tmp_path: Path) -> None:
    """With --derived-only the lines no longer follow the input's order: each says where its
    suspect was read, and a repeated id in text is shown with it (the name --within gives)."""
    crawl = tmp_path / "crawl.jsonl"
    rows = [("X", UNRELATED), ("X", PARKING), ("Y", FERRY)]
    crawl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    sources = tmp_path / "sources.jsonl"
    sources.write_text(
        "".join(json.dumps({"id": f"s{n}", "text": t}) + "\n" for n, (_, t) in enumerate(rows))
    )
    p = _run("--sources", sources, "--derived-only", crawl, "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    got = [(o["id"], o["where"]) for o in map(json.loads, p.stdout.splitlines())]
    assert got == [("X", f"{crawl}:1"), ("X", f"{crawl}:2"), ("Y", f"{crawl}:3")]
    # --within: each as it joined the index, the name later lines give it
    rows.append(("Z", PARKING))
    crawl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    p = _run("--within", crawl, "--format", "text")
    lines = p.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == ["X", f"X ({crawl}:2)", "Y", "Z"]
    assert lines[3].startswith(f"Z: copied from X ({crawl}:2): "), p.stdout


def test_match_can_add_the_suspect_for_the_texts_after_it() -> None:
    index = SourceIndex()
    first = index.match(PARKING, add_as="page0")
    assert not first.derived and "page0" in index and len(index) == 1
    assert first.message == "no source shares enough of its rare words to compare"
    m = index.match(FLUENT, add_as="page1")
    assert (m.source_id, m.verdict) == ("page0", "rewritten") and len(index) == 2
    with pytest.raises(ValueError, match="added twice"):
        index.match(FERRY, add_as="page0")
    assert len(index) == 2 and index.text("page1") == FLUENT


def test_match_can_leave_a_derived_suspect_out_of_the_index() -> None:
    index = SourceIndex()
    index.match(PARKING, add_as="page0", add_derived=False)  # follows nothing: added
    m = index.match(FLUENT, add_as="page1", add_derived=False)
    assert m.source_id == "page0" and "page1" not in index and len(index) == 1
    # so a later copy of the rewrite is traced to the first text of its family
    assert index.match(FLUENT).source_id == "page0"
    index.match(FERRY, add_as="page2", add_derived=False)
    assert "page2" in index and len(index) == 2


def test_add_many_takes_pairs_or_a_mapping_and_refuses_anything_else() -> None:
    """A dict was iterated for its keys, each two-letter key unpacked as an id and a text; a
    None id was indexed and came back as the matched source's id."""
    index = SourceIndex()
    index.add_many({"parking": PARKING, "ferry": FERRY})
    assert index.text("parking") == PARKING and index.text("ferry") == FERRY
    for bad in (["ab"], [("parking",)], [("a", "b", "c")]):
        with pytest.raises(InputError, match=r"item 0: expected an \(id, text\) pair"):
            SourceIndex().add_many(bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="source id must be a str, got NoneType"):
        SourceIndex().add(None, PARKING)  # type: ignore[arg-type]


def test_forget_takes_a_text_out_and_its_id_may_be_used_again() -> None:
    index = _index()
    assert index.match(FLUENT).source_id == "parking"
    index.forget("parking")
    assert "parking" not in index and len(index) == 2
    m = index.match(FLUENT)
    assert m.source_id != "parking" and all(i != "parking" for i, _ in m.candidates)
    with pytest.raises(KeyError):
        index.forget("parking")
    index.add("parking", PARKING)  # the id is free again
    assert index.match(FLUENT).source_id == "parking" and index.text("parking") == PARKING


def test_forgetting_most_texts_sweeps_the_postings_and_keeps_the_rest_findable() -> None:
    index = SourceIndex()
    index.add_many([(f"other-{n}", f"{UNRELATED} Entry {n} of the diary.") for n in range(12)])
    index.add_many([("parking", PARKING), ("ferry", FERRY)])
    for n in range(12):
        index.forget(f"other-{n}")
    # swept: no posting names a forgotten text, and the ones left were renumbered
    assert len(index) == 2 and not index._gone
    assert all(k < 2 for post in index._postings.values() for k in post)
    assert index.match(FLUENT).source_id == "parking"
    assert index.match(FERRY).verdict == "copied" and index.text("ferry") == FERRY


def test_a_window_holds_the_latest_texts_a_stream_added_and_never_your_sources() -> None:
    with pytest.raises(ValueError, match="window"):
        SourceIndex(window=0)
    index = SourceIndex(window=2)
    index.add("parking", PARKING)  # yours: never forgotten by the window
    for n in range(5):
        index.match(f"{UNRELATED} Entry {n} of the diary, on page {n * 7}.", add_as=f"d{n}")
    assert len(index) == 3 and {"parking", "d3", "d4"} <= set(index._position)
    assert index.match(FLUENT).source_id == "parking"
    # a text derived from one the window let go is no longer traced to it
    first = f"{FERRY} The operator thanked the islanders for their patience."
    index.match(first, add_as="first")
    assert index.match(first).source_id == "first"
    for n in range(2):
        index.match(f"{PARKING_TOO} Note {n}: the map is free at the library.", add_as=f"p{n}")
    assert "first" not in index and index.match(first).source_id is None


def test_after_any_adds_and_forgets_the_index_is_the_one_its_texts_would_build() -> None:
    """Forgetting and sweeping in any order leaves the postings a fresh index of the texts
    held would have (each word naming the same texts)."""
    rng = random.Random(7)
    words = (PARKING + " " + FERRY + " " + UNRELATED).replace(".", "").split()
    index = SourceIndex(window=5)
    for step in range(120):
        op = rng.random()
        held = list(index._position)
        if op < 0.2 and held:
            index.forget(rng.choice(held))
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(15, 40))) + "."
            if op < 0.5:
                index.add(index.free_id(f"s{step}", str(step)), text)
            else:
                index.match(text, add_as=f"m{step}")
        assert len([i for i in index._added if i in index]) <= 5
    index._compact()
    fresh = SourceIndex()
    for source_id in sorted(index._position, key=index._position.__getitem__):
        fresh.add(source_id, index.text(source_id))

    def by_id(ix: SourceIndex) -> dict[str, set[str]]:
        return {w: {ix._ids[k] for k in post} for w, post in ix._postings.items()}

    assert by_id(index) == by_id(fresh) and len(index) == len(fresh)


def test_a_taken_name_and_a_common_story_and_a_tie_still_get_an_answer() -> None:
    # the name made for a repeated id may be taken too ("y", "y (w:3)", then "y" from w:3):
    # the run stopped with "added twice"
    index = SourceIndex()
    index.add("y", PARKING)
    index.add("y (w:3)", FERRY)
    assert index.free_id("y", "w:3") == "y (w:3, 2)"
    # a story more than a fifth of the sources hold (its every word "common") was unrelated
    many = SourceIndex()
    many.add_many((f"c{i}", PARKING) for i in range(11))
    m = many.match(PARKING)
    assert (m.source_id, m.verdict) == ("c0", "copied")
    # two sources tied: the answer is the same whatever the hash seed (sums over a set's
    # order differed in their last bit and picked either)
    script = (
        "from spundetect import SourceIndex; i = SourceIndex(); i.add_many(["
        "('A', 'Xenon yaks graze beside zebras.'), ('B', 'Pluto quails nest beneath robins.'),"
        "('C', 'Zebras run.'), ('D', 'Robins sing.')]); m = i.match("
        "'Xenon yaks graze beside zebras. Pluto quails nest beneath robins.');"
        "print(m.source_id, m.candidates)"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": str(seed)}, timeout=60, check=True,
        ).stdout
        for seed in range(6)
    }  # fmt: skip
    assert len(answers) == 1 and answers.pop().startswith("A ")
