"""Originals loading, excerpt cutting and a tiny end-to-end corpus build."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from training import build_corpus as bc
from training import mt
from training.originals import (
    Original,
    cut_excerpts,
    decapitalise_surnames,
    load_originals,
    open_quote,
    partition,
    split_sentences,
    word_count,
)

FIELDS = {"id", "text", "label", "generator", "group", "source", "licence", "split"}

TOPICS = [
    ("bridge", "The town council approved the repair of the old stone bridge over the river."),
    ("school", "A new primary school opened in the northern district with room for 400 pupils."),
    ("storm", "A storm brought strong winds and heavy rain to the coast during the night."),
    ("museum", "The city museum showed a collection of paintings by local artists from the 1920s."),
    ("market", "Farmers at the weekly market said that prices for vegetables had risen again."),
    ("train", "The railway company announced that the morning train will run every 20 minutes."),
    ("library", "Volunteers repaired hundreds of damaged books at the public library this month."),
    ("park", "Workers planted more than 300 trees in the central park last spring."),
    ("hospital", "The regional hospital hired twelve nurses to reduce waiting times in winter."),
    ("festival", "Thousands of visitors attended the music festival held beside the lake."),
]


def swap_spinner(text: str, rng: random.Random) -> str:
    """Test stand-in for a spinner: a deterministic, visible rewrite."""
    words = text.split(" ")
    i = rng.randrange(max(1, len(words) - 1))
    words[i : i + 2] = reversed(words[i : i + 2])
    return " ".join(words).replace(" the ", " the said ", 1)


def write_originals(folder: Path) -> Path:
    src = folder / "mytexts"
    src.mkdir()
    for name, sent in TOPICS:
        paras = [
            f"{sent} Officials said on Monday that the work would continue. "
            f"Residents welcomed the news about the {name}."
            for _ in range(3)
        ]
        (src / f"{name}.txt").write_text("\n\n".join(paras), encoding="utf-8")
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    (src / "latin1.txt").write_bytes("Caf\xe9 au lait is served here every day.".encode("latin-1"))
    return src


def test_partition_is_stable_and_about_30_percent() -> None:
    ids = [f"doc:{i}" for i in range(5000)]
    share = sum(partition(i) == "reference" for i in ids) / len(ids)
    assert 0.27 < share < 0.33
    assert [partition(i) for i in ids[:50]] == [partition(i) for i in ids[:50]]


def test_load_reports_bad_inputs(tmp_path: Path) -> None:
    src = write_originals(tmp_path)
    jl = tmp_path / "more.jsonl"
    jl.write_bytes(
        b'{"id": "a", "text": "Fine text here.", "license": "CC0"}\n'
        b"not json\n" + '{"text": "caf\xe9"}\n'.encode("latin-1") + b'{"text": ""}\n'
    )
    problems: list[str] = []
    docs = load_originals([src, jl, tmp_path / "missing"], problems)
    assert len(docs) == 11
    joined = "\n".join(problems)
    assert "empty.txt: empty file" in joined
    assert "latin1.txt: not UTF-8" in joined
    assert "more.jsonl:2: invalid JSON" in joined
    assert "more.jsonl:3: not UTF-8" in joined
    assert "more.jsonl:4: empty text" in joined
    assert "missing: no such file or folder" in joined
    assert {d.id for d in docs} >= {"more:a", "mytexts:bridge.txt"}


def test_split_sentences_keeps_abbreviations() -> None:
    s = split_sentences("Mr. Smith went to the U.S. on Monday. He stayed. Was it 3.5 days? Yes.")
    assert s == ["Mr. Smith went to the U.S. on Monday.", "He stayed.", "Was it 3.5 days?", "Yes."]


def test_decapitalise_surnames_keeps_acronyms() -> None:
    text = "President Charles DE GAULLE met NATO leaders. Later DE GAULLE spoke of GDP."
    assert decapitalise_surnames(text) == (
        "President Charles De Gaulle met NATO leaders. Later De Gaulle spoke of GDP."
    )


def test_cut_excerpts_lengths_and_stability() -> None:
    paras = [
        " ".join(f"Sentence {p}-{s} has exactly seven words." for s in range(6)) for p in range(40)
    ]
    doc = Original("x:1", "\n\n".join(paras), "x", "CC0")
    a = cut_excerpts(doc, 30, seed=1)
    assert a == cut_excerpts(doc, 30, seed=1)
    lengths = [word_count(e.text) for e in a]
    assert min(lengths) >= 40 and max(lengths) <= 1700
    assert max(lengths) > 3 * min(lengths)  # a real spread of lengths
    for e in a:
        assert e.group == "x:1"
        body = e.text.split("\n\n")
        assert all(p.endswith(".") for p in body)  # sentence-aligned cuts


def test_cut_excerpts_never_stop_inside_a_quotation() -> None:
    # long paragraphs whose quotations run over several sentences; the last paragraph
    # leaves its own quotation open (a source's quirk, kept as it is)
    quoted = (
        'The mayor said: "The bridge is old. It needs work. We will fix it soon. '
        'The money is there." The council agreed.'
    )
    curly = "He added, \u201cThe river is high. The road is shut. It will open soon.\u201d"
    paras = [f"{quoted} {curly} Sentence {p} has five words." for p in range(30)]
    paras.append('She said: "It is over. We go home.')
    doc = Original("q:1", "\n\n".join(paras), "q", "CC0")
    excerpts = [e for seed in range(8) for e in cut_excerpts(doc, 10, seed=seed)]
    assert len(excerpts) > 20
    for e in excerpts:
        for para in e.text.split("\n\n"):
            if para.startswith("She said"):
                continue
            assert para.count('"') % 2 == 0, para
            assert para.count("\u201c") == para.count("\u201d"), para
    assert open_quote('He said: "It is over.') and not open_quote('He said: "Over." Yes.')
    assert open_quote("\u201cIt is.\u201d \u201cNo.") and not open_quote("\u201cIt is.\u201d")


@pytest.fixture
def tiny_corpus(tmp_path: Path, apertium: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = write_originals(tmp_path)
    monkeypatch.setattr(bc, "load_spinners", lambda: {"stub:swap": swap_spinner})
    out = tmp_path / "out" / "corpus.jsonl"
    rc = bc.main(["--out", str(out), "--max-docs", "60", "--originals", str(src), "--seed", "5"])
    assert rc == 0
    return out


def test_end_to_end_build(tiny_corpus: Path) -> None:
    recs = [json.loads(line) for line in tiny_corpus.read_text(encoding="utf-8").splitlines()]
    assert recs and all(set(r) == FIELDS for r in recs)
    labels = {r["label"] for r in recs}
    assert labels == {"original", "spun", "machine_garbled"}
    for r in recs:
        assert r["text"].strip()
        assert partition(r["group"]) == "corpus"  # reference share never in the corpus
        assert r["id"].startswith(r["group"])
        if r["label"] == "machine_garbled":
            assert mt.parse_generator(r["generator"])
    groups: dict[str, set[str]] = {}
    for r in recs:
        groups.setdefault(r["group"], set()).add(r["split"])
    assert all(len(v) == 1 for v in groups.values())
    card = json.loads(tiny_corpus.with_name("corpus.card.json").read_text(encoding="utf-8"))
    assert card["documents"] == len(recs)
    assert card["problems_count"] == 2  # empty.txt and latin1.txt
    assert any("latin1.txt" in p for p in card["problems"])
    assert "apertium" in card["tool_versions"]
    assert set(card["labels"]) == labels
    assert tiny_corpus.with_name("corpus.card.md").read_text(encoding="utf-8").startswith("#")


def test_same_seed_same_corpus(tiny_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tiny_corpus.parents[1] / "mytexts"
    again = tiny_corpus.with_name("again.jsonl")
    monkeypatch.setattr(bc, "load_spinners", lambda: {"stub:swap": swap_spinner})
    assert (
        bc.main(
            [
                "--out",
                str(again),
                "--max-docs",
                "60",
                "--originals",
                str(src),
                "--seed",
                "5",
                "--jobs",
                "1",
            ]
        )
        == 0
    )
    assert again.read_bytes() == tiny_corpus.read_bytes()


def test_several_seeds_are_rounds_of_the_same_originals(
    tiny_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = str(tiny_corpus.parents[1] / "mytexts")
    monkeypatch.setattr(bc, "load_spinners", lambda: {"stub:swap": swap_spinner})
    multi, single = tiny_corpus.with_name("multi.jsonl"), tiny_corpus.with_name("single.jsonl")
    common = ["--originals", src, "--jobs", "1"]
    assert bc.main(["--out", str(multi), "--max-docs", "60", "--seed", "5", "6", *common]) == 0
    assert bc.main(["--out", str(single), "--max-docs", "30", "--seed", "5", *common]) == 0
    recs = [json.loads(line) for line in multi.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in recs]
    assert len(set(ids)) == len(ids) and {i.split("/", 1)[0] for i in ids} == {"s5", "s6"}
    assert len({r["text"] for r in recs}) == len(recs)  # a text repeated by a later round: once
    # the first round is the one-seed corpus of the same size, ids prefixed
    one = [json.loads(line) for line in single.read_text(encoding="utf-8").splitlines()]
    assert {(r["id"], r["text"], r["split"]) for r in one} == {
        (r["id"].split("/", 1)[1], r["text"], r["split"]) for r in recs if r["id"][:3] == "s5/"
    }
    splits: dict[str, set[str]] = {}
    for r in recs:
        splits.setdefault(r["group"], set()).add(r["split"])
    assert all(len(v) == 1 for v in splits.values())  # one split per group across rounds
    card = json.loads(multi.with_name("multi.card.json").read_text(encoding="utf-8"))
    assert card["seed"] == [5, 6] and card["documents"] == len(recs)


def test_a_failed_translation_is_dropped_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text on which Apertium fails is dropped, counted and named in the data card."""
    src = write_originals(tmp_path)
    monkeypatch.setattr(mt, "check_apertium", lambda pivots=None: None)
    monkeypatch.setattr(bc, "load_spinners", lambda: {"stub:swap": swap_spinner})

    def garble(texts: list[str], generator: str, rngs: list[random.Random]) -> list[str]:
        # "" is what mt.translate gives back for a text a pipeline stage crashed on
        return ["" if "storm" in t else t.replace(" the ", " a ") for t in texts]

    monkeypatch.setattr(mt, "garble", garble)
    out = tmp_path / "out" / "corpus.jsonl"
    args = ["--out", str(out), "--max-docs", "60", "--originals", str(src), "--jobs", "1"]
    assert bc.main([*args, "--seed", "5"]) == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    garbled = [r for r in recs if r["label"] == "machine_garbled"]
    assert garbled and not any("storm" in r["group"] for r in garbled)
    assert any("storm" in r["group"] for r in recs if r["label"] == "original")
    card = json.loads(out.with_name("corpus.card.json").read_text(encoding="utf-8"))
    failed = {k: v for k, v in card["dropped"].items() if k.startswith("mt_failed:")}
    named = [p for p in card["problems"] if p.startswith("Apertium ")]
    assert failed and named and all("storm" in p and "dropped" in p for p in named)
    assert len(named) == sum(min(v, 5) for v in failed.values())  # five named per generator


def test_missing_apertium_pair_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing(pivots: object = None) -> None:
        raise mt.ApertiumMissing("Apertium language pair missing: apt-get install apertium-eng-cat")

    monkeypatch.setattr(mt, "check_apertium", missing)
    rc = bc.main(["--out", str(tmp_path / "c.jsonl"), "--max-docs", "30"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "apertium-eng-cat" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_wordnet_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(mt, "check_apertium", lambda pivots=None: None)
    monkeypatch.setattr(bc, "WORDNET_DIR", tmp_path / "nowordnet")
    rc = bc.main(["--out", str(tmp_path / "c.jsonl"), "--max-docs", "30"])
    err = capsys.readouterr().err
    assert rc == 2 and "wordnet-base" in err


def test_no_usable_originals_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(mt, "check_apertium", lambda pivots=None: None)
    monkeypatch.setattr(bc, "load_spinners", lambda: {"stub:swap": swap_spinner})
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    rc = bc.main(["--out", str(tmp_path / "c.jsonl"), "--originals", str(tmp_path / "bad.txt")])
    err = capsys.readouterr().err
    assert rc == 2 and "no usable originals" in err
    assert "bad.txt: not UTF-8" in err


def test_shared_originals_load(shared_dir: Path) -> None:
    problems: list[str] = []
    docs = load_originals(None, problems)
    assert len(docs) > 4000 and not problems
    fb = [d for d in docs if d.source == "factbook_pd"]
    assert fb and not any("BOUTEFLIKA" in d.text for d in fb)
    assert any("NATO" in d.text for d in fb)
