"""The ``spundetect`` command, run as users run it: in subprocesses, through pipes and ttys.

A tiny model is trained once per session with ``spundetect train`` on short
texts made by simple rules (tests/sample_texts.py), and every scoring test checks the
command's output against the Python API's verdict on the same text.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import json
import os
import pty
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sample_texts import ORIGINALS, garble, spin, tiny_corpus

from spundetect import LABELS, __version__

REPO = Path(__file__).resolve().parents[1]

# Texts the tiny model never saw (written for these tests).
FRESH = [
    "The council met again on Thursday to discuss the new parking rules for the old town. "
    "Shop owners said the plan would keep customers away, while residents welcomed fewer cars. "
    "A final decision is expected before the summer holidays begin next month.",
    "A small bakery on the high street has won a national prize for its rye bread. The owner "
    "said she started the business ten years ago with one oven and a loan from her brother. "
    "Customers now queue outside the door every Saturday morning before it opens.",
    "The school will plant two hundred trees along the river this autumn, helped by parents and "
    "pupils. Teachers hope the project will teach children about the birds and insects that "
    "live there. The council has promised to water the young trees during dry weeks.",
]
SHORT = "Too short to judge."


def _command() -> list[str]:
    """The installed ``spundetect`` command of the environment running the tests (not the
    first one on PATH: a virtual environment that is not activated has its own), else the
    module."""
    exe = shutil.which("spundetect", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "spundetect"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SPUNDETECT_DEBUG", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run(
    *args: str | Path, stdin: str | bytes | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run ``spundetect ARGS`` and capture text output."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [*_command(), *map(str, args)],
        input=data if data is not None else b"",
        capture_output=True,
        timeout=timeout,
        cwd=REPO,
        env=_env(),
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def no_traceback(p: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in p.stderr, p.stderr


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Training data and a tiny reference language model (built from ORIGINALS)."""
    from spundetect import lm

    d = tmp_path_factory.mktemp("cli")
    texts, labels, groups = tiny_corpus()
    rows = [
        {"id": f"doc{i}", "text": t, "label": y, "group": g}
        for i, (t, y, g) in enumerate(zip(texts, labels, groups, strict=True))
    ]
    _write_jsonl(d / "train.jsonl", rows)
    ref = d / f"reference{lm.SUFFIX}"
    lm.save(lm.build(ORIGINALS * 2), ref)
    return d


@pytest.fixture(scope="session")
def trained(workdir: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = workdir / "model"
    ref = next(workdir.glob("reference*"))
    p = run("train", workdir / "train.jsonl", "--out", out, "--reference", ref)
    assert p.returncode == 0, p.stderr
    return out, p


@pytest.fixture(scope="session")
def model(trained: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return trained[0]


@pytest.fixture(scope="session")
def api(model: Path) -> Any:
    """The same model loaded in-process: the reference every CLI answer is checked against."""
    from spundetect import Detector

    return Detector.load(model)


@pytest.fixture(scope="session")
def docs() -> list[str]:
    rng = random.Random(7)
    out = []
    for t in FRESH:
        out += [t, spin(t, rng), garble(t, rng)]
    return out


def expected(api: Any, text: str, explain: bool = False) -> dict[str, Any]:
    # one OpenMP thread, as the command uses (many tiny predict calls are slow with a team)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return api.score(text, explain=explain).to_dict(explain=explain)


# ---------------------------------------------------------------- cheap: no model needed
def test_version_and_help() -> None:
    p = run("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"spundetect {__version__}"
    p = run("--help")
    assert p.returncode == 0
    for command in ("score", "train", "evaluate", "features"):
        assert command in p.stdout
    p = run("score", "--help")
    assert p.returncode == 0
    for option in (
        "--input-format",
        "--text-field",
        "--id-field",
        "--format",
        "--explain",
        "--model",
        "--trust-model",
        "--jobs",
        "--fail-on",
        "--strict",
        "exit status",
    ):
        assert option in p.stdout, option


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((), "choose a command"),
        (("frobnicate",), "invalid choice"),
        (("score", "--format", "xml"), "--format"),
        (("score", "--input-format", "pdf"), "--input-format"),
        (("score", "--fail-on", "spun,bogus"), "bogus"),
        (("score", "--jobs", "0"), "--jobs"),
        (("score", "--jobs", "many"), "--jobs"),
        (("train", "data.jsonl"), "--out"),
        (("train", "d.jsonl", "--out", "x", "--validation-fraction", "2"), "fraction"),
        (("train", "d.jsonl", "--out", "x", "--random-state", "-1"), "a seed from 0 to"),
        (("train", "d.jsonl", "--out", "x", "--max-left-out", "1.5"), "a share from 0 to 1"),
        (("filter", "--drop", "none,spun"), "'none' keeps every judged record and goes alone"),
        (("evaluate",), "DATA"),
        (("features",), "TEXT"),
        # an unknown option after a command is the command's error, with its help
        (("score", "--bogus"), "spundetect score: error: unrecognized arguments: --bogus"),
        (("card", "extra"), "see 'spundetect card --help'"),
        (("--bogus",), "spundetect: error: unrecognized arguments: --bogus"),
    ],
)
def test_usage_errors_exit_2_with_one_line_hint(args: tuple[str, ...], needle: str) -> None:
    p = run(*args)
    assert p.returncode == 2, p
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    assert needle in lines[0] and "--help" in lines[0]
    assert p.stdout == ""


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    p = run("score", "--model", tmp_path / "nowhere", stdin=FRESH[0])
    assert p.returncode == 1
    assert p.stderr.startswith("spundetect: error:") and "nowhere" in p.stderr
    no_traceback(p)


# ---------------------------------------------------------------- train
def test_train_prints_held_out_evaluation_and_writes_card(
    trained: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, p = trained
    assert "macro-F1" in p.stdout and "confusion" in p.stdout
    for label in LABELS:
        assert label in p.stdout
    card = json.loads((out / "card.json").read_text())
    assert card["training"]["n_documents"] == len(tiny_corpus()[0])
    assert "validation" in card["metrics"]
    assert f"wrote {out}" in p.stderr


def test_train_reports_the_operating_points_its_held_out_share_resolves(
    workdir: Path, tmp_path: Path
) -> None:
    ref = next(workdir.glob("reference*"))
    data = workdir / "train.jsonl"
    args = ("--reference", ref, "--validation-fraction", "0.5")
    p = run("train", data, "--out", tmp_path / "m", *args, "--format", "json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    n_orig = out["validation"]["per_class"]["original"]["support"]
    # a point needs at least 1/rate validation originals: about 18 here resolve only 10%
    assert [q["max_fpr"] for q in out["operating_points"]] == [
        r for r in (0.005, 0.01, 0.02, 0.05, 0.1) if r * n_orig >= 1
    ]
    assert out["operating_points"], n_orig
    card = json.loads((tmp_path / "m" / "card.json").read_text())
    assert card["operating_points"] == out["operating_points"]
    p = run("train", data, "--out", tmp_path / "m2", *args)
    assert "operating points chosen on the held-out share" in p.stdout
    # and the model it wrote accepts the recorded rate
    p = run("score", "--model", tmp_path / "m", "--max-fpr", "0.1", stdin=FRESH[0])
    assert p.returncode == 0, p.stderr


def test_train_reads_the_generator_column(workdir: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in (workdir / "train.jsonl").read_text().splitlines()]
    for r in rows:
        # three systems, one per group (the column on an original is ignored)
        r["generator"] = f"system-{int(r['group'][1:]) % 3}"
    _write_jsonl(tmp_path / "gen.jsonl", rows)
    ref = next(workdir.glob("reference*"))
    out = tmp_path / "m"
    p = run("train", tmp_path / "gen.jsonl", "--out", out, "--reference", ref, "--format", "json")
    assert p.returncode == 0, p.stderr
    assert "generator-held-out" in json.loads(p.stdout)["stacking"]
    assert (
        "generator-held-out" in json.loads((out / "card.json").read_text())["training"]["stacking"]
    )
    # without the column: group-held-out only, and the message says so
    p = run("train", workdir / "train.jsonl", "--out", tmp_path / "m2", "--reference", ref)
    assert p.returncode == 0 and "group-held-out)" in p.stderr


def test_train_reads_the_source_column(workdir: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in (workdir / "train.jsonl").read_text().splitlines()]
    for r in rows:
        r["site"] = f"site-{int(r['group'][1:]) % 2}"
    _write_jsonl(tmp_path / "src.jsonl", rows)
    ref = next(workdir.glob("reference*"))
    out = tmp_path / "m"
    args = ("--reference", ref, "--format", "json", "--source-field", "site")
    p = run("train", tmp_path / "src.jsonl", "--out", out, *args)
    assert p.returncode == 0, p.stderr
    assert "source-held-out (2 folds)" in json.loads(p.stdout)["stacking"]
    card = json.loads((out / "card.json").read_text())
    assert "source-held-out" in card["training"]["stacking"]
    # the default field name is "source", absent here: no source-held-out part
    p = run("train", tmp_path / "src.jsonl", "--out", tmp_path / "m2", "--reference", ref)
    assert p.returncode == 0 and "source-held-out" not in p.stderr + p.stdout


def test_train_unknown_labels_listed_with_file_and_line(workdir: Path, tmp_path: Path) -> None:
    rows = [{"text": t, "label": "original"} for t in ORIGINALS[:4]]
    rows[1]["label"] = "rewritten"
    rows[3]["label"] = "Spun"
    rows[2]["text"] = "Too short."
    data = _write_jsonl(tmp_path / "bad.jsonl", rows)
    p = run("train", data, "--out", tmp_path / "m", "--reference", next(workdir.glob("reference*")))
    assert p.returncode == 1
    # each with the label it probably means: saying which to write saves a second run
    assert f"{data}:2: unknown label 'rewritten' (did you mean 'spun'?)" in p.stderr
    assert f"{data}:4: unknown label 'Spun' (did you mean 'spun'?)" in p.stderr
    # said in the input's line order, among the rows left out for other reasons
    lines = [line.split(": ")[0] for line in p.stderr.splitlines() if line.startswith(str(data))]
    assert lines == [f"{data}:2", f"{data}:3", f"{data}:4"], p.stderr
    assert "nothing was trained" in p.stderr
    assert not (tmp_path / "m").exists()
    no_traceback(p)


def test_train_skips_bad_rows_reports_them_and_exits_1(workdir: Path, tmp_path: Path) -> None:
    texts, labels, groups = tiny_corpus(n_variants=1)
    lines = [
        json.dumps({"body": t, "y": y, "g": g})
        for t, y, g in zip(texts, labels, groups, strict=True)
    ]
    lines.insert(2, "{broken json")
    lines.insert(5, json.dumps({"body": "no label here"}))
    # rows the detector would not judge teach it nothing it uses: left out, each with why
    lines.insert(6, json.dumps({"body": "Far too short to judge.", "y": "spun", "g": "x1"}))
    spanish = (
        "El ayuntamiento anunció ayer que las obras del nuevo puente empezarán en primavera y "
        "durarán unos dos años, según explicaron los técnicos de la ciudad a los vecinos."
    )
    lines.insert(7, json.dumps({"body": spanish, "y": "original", "g": "x2"}))
    data = tmp_path / "d.jsonl"
    data.write_text("\n".join(lines) + "\n")
    ref = next(workdir.glob("reference*"))
    args = [
        "train",
        data,
        "--out",
        tmp_path / "m",
        "--reference",
        ref,
        "--text-field",
        "body",
        "--label-field",
        "y",
        "--group-field",
        "g",
        "--format",
        "json",
        "--max-left-out",  # 4 rows of 40
        "0.1",
    ]
    p = run(*args)
    assert p.returncode == 1, p.stderr
    assert f"{data}:3: malformed JSON" in p.stderr
    assert f'{data}:6: no "y" field' in p.stderr
    assert f"{data}:7: too_short: 5 words" in p.stderr and "(left out of training)" in p.stderr
    assert f"{data}:8: not_english:" in p.stderr
    report = json.loads(p.stdout)
    assert report["training"] == {lab: len(texts) // 3 for lab in LABELS}
    assert (tmp_path / "m" / "card.json").is_file()
    # an existing model is not overwritten without --force
    p = run(*args)
    assert p.returncode == 1 and "--force" in p.stderr
    p = run(*args, "--force", "--strict")  # stops at the malformed line, before training
    assert p.returncode == 1 and "malformed JSON" in p.stderr and "wrote" not in p.stderr


def test_train_writes_no_model_from_a_biased_leftover(
    workdir: Path, model: Path, tmp_path: Path
) -> None:
    """An Excel CSV (windows-1252) read as UTF-8: 60 of 87 rows were each "not UTF-8 text in
    this row", and a model was written from the 27 that happened to be ASCII (exit 1, the
    model there all the same). Over ``--max-left-out`` (default 5%) nothing is trained, and
    a model ``--force`` would replace is left as it was."""
    texts, labels, groups = tiny_corpus(n_variants=1)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["text", "label", "group"])
    for i, (t, y, g) in enumerate(zip(texts, labels, groups, strict=True)):
        t = t.replace("\u201c", "'")  # (windows-1252 has it: not ASCII)
        writer.writerow([t + " The caf\u00e9 stayed open." if i // 3 % 2 else t, y, g])
    data = tmp_path / "excel.csv"
    data.write_bytes(buf.getvalue().encode("windows-1252"))
    half = len(texts) // 2  # of the rows, in whole groups, not UTF-8
    old = tmp_path / "old"
    shutil.copytree(model, old)
    before = {f.name: f.read_bytes() for f in old.iterdir()}
    ref = next(workdir.glob("reference*"))
    p = run("train", data, "--out", old, "--force", "--reference", ref)
    assert p.returncode == 1, p.stderr
    assert (
        f"spundetect: {half} of {len(texts)} rows were left out ({half} not UTF-8 text in "
        "this row), more than the 5% --max-left-out allows; nothing was trained"
    ) in p.stderr
    assert "wrote" not in p.stderr and p.stdout == ""
    assert {f.name: f.read_bytes() for f in old.iterdir()} == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["excel.csv", "old"]
    no_traceback(p)
    # at the limit (a half of the rows, not more), the rest is trained on, as before (exit 1)
    p = run("train", data, "--out", tmp_path / "m", "--reference", ref, "--max-left-out", "0.5")
    assert p.returncode == 1 and f"trained on {half} documents" in p.stderr, p.stderr
    assert (tmp_path / "m" / "card.json").is_file()


def test_train_writes_no_model_when_a_whole_file_of_rows_is_lost(
    workdir: Path, tmp_path: Path
) -> None:
    """A file of rows read not at all (a CSV whose label column is named otherwise) counted as
    one row left out, so 100 lost rows of 208 were "1 of 109" and a model was written; empty
    shards lose no row and were counted, refusing a good folder."""
    texts, labels, groups = tiny_corpus(n_variants=1)
    data = tmp_path / "data"
    data.mkdir()
    rows = zip(texts, labels, groups, strict=True)
    (data / "a.jsonl").write_text(
        "".join(json.dumps({"text": t, "label": y, "group": g}) + "\n" for t, y, g in rows)
    )
    (data / "part-0001.jsonl").write_text("")  # an empty shard: nothing lost
    ref = next(workdir.glob("reference*"))
    p = run("train", data, "--out", tmp_path / "m1", "--reference", ref)
    assert p.returncode == 1 and (tmp_path / "m1" / "card.json").is_file(), p.stderr
    assert "no records (empty)" in p.stderr and "were left out" not in p.stderr
    other = tmp_path / "other.csv"
    other.write_text("text,category\n" + "".join(f'"{t}",original\n' for t in texts))
    p = run("train", data, other, "--out", tmp_path / "m2", "--reference", ref)
    assert p.returncode == 1 and not (tmp_path / "m2").exists(), p.stderr
    assert f"1 file(s) of rows could not be read at all ({other}; see above)" in p.stderr
    assert "nothing was trained" in p.stderr
    no_traceback(p)
    p = run("train", data, other, "--out", tmp_path / "m3", "--reference", ref,
            "--max-left-out", "1")  # fmt: skip
    assert (tmp_path / "m3" / "card.json").is_file(), p.stderr


def test_train_force_replaces_only_a_model(model: Path, tmp_path: Path) -> None:
    """``--force`` replaced whatever folder ``--out`` named: a project folder, the training
    file in it with the rest. It now replaces a model's directory and nothing else: a folder
    with no model, or a model beside files of the user's, is refused before anything is read."""
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    data = project / "data" / "train.jsonl"
    data.write_text(json.dumps({"text": FRESH[0], "label": "original"}) + "\n")
    (project / "NOTES.md").write_text("my notes")
    p = run("train", data, "--out", project, "--force")
    assert p.returncode == 1 and "holds no spundetect model" in p.stderr, p.stderr
    assert data.is_file() and (project / "NOTES.md").read_text() == "my notes"
    beside = tmp_path / "beside"
    shutil.copytree(model, beside)
    (beside / "notes.txt").write_text("mine")
    p = run("train", data, "--out", beside, "--force")
    assert p.returncode == 1 and "files that are not its (notes.txt)" in p.stderr, p.stderr
    assert (beside / "notes.txt").read_text() == "mine" and (beside / "card.json").is_file()


def test_train_says_what_a_data_team_would_miss(workdir: Path, model: Path, tmp_path: Path) -> None:
    """Each was silent: a text labelled two ways, a file named twice (trained on twice), a
    mistyped --generator-field or --source-field (the stacking quietly off); and --reference
    given a model's folder was "reference model not found", after the whole input was read."""
    rows = [json.loads(line) for line in (workdir / "train.jsonl").read_text().splitlines()]

    def labelled_two_ways() -> int:
        seen: dict[str, set[str]] = {}
        for r in rows:
            seen.setdefault(" ".join(r["text"].split()).casefold(), set()).add(r["label"])
        return sum(len(v) > 1 for v in seen.values())

    before = labelled_two_ways()  # (the tiny corpus's spinner leaves a few texts as they were)
    twin = next(r for r in rows if r["label"] == "spun" and labelled_two_ways() == before)
    rows.append({**twin, "id": "twin", "label": "original", "text": twin["text"].upper()})
    assert labelled_two_ways() == before + 1
    data = _write_jsonl(tmp_path / "d.jsonl", rows)
    ref = next(workdir.glob("reference*"))
    p = run(
        "train", data, data, "--out", tmp_path / "m", "--reference", ref,
        "--generator-field", "gen", "--source-field", "site",
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert f"{data} is given twice: read once" in p.stderr
    assert f"{before + 1} text(s) appear with two labels or more" in p.stderr
    assert "no row has a 'gen' field (--generator-field)" in p.stderr
    assert "no row has a 'site' field (--source-field)" in p.stderr
    assert f"trained on {len(rows)} documents" in p.stderr
    p = run("train", data, "--out", tmp_path / "m2", "--reference", model)
    assert (
        p.returncode == 1 and "is a folder, not a reference model file; give its file" in p.stderr
    )


def test_train_and_evaluate_read_a_file_reached_twice_once(
    workdir: Path, model: Path, tmp_path: Path
) -> None:
    """``train DATA DATA/a.jsonl`` trained on a.jsonl twice, unsaid (a file named twice by one
    name was read once); so did two folders, one inside the other, and a link in the folder
    to a file beside it. A file is now read once however it is reached, and that is said."""
    texts, labels, groups = tiny_corpus(n_variants=1)
    rows = [
        {"text": t, "label": y, "group": g} for t, y, g in zip(texts, labels, groups, strict=True)
    ]
    data = tmp_path / "data"
    (data / "more").mkdir(parents=True)
    a = _write_jsonl(data / "a.jsonl", rows[:18])
    b = _write_jsonl(data / "more" / "b.jsonl", rows[18:])
    (data / "latest.jsonl").symlink_to("a.jsonl")
    ref = next(workdir.glob("reference*"))
    p = run("train", data, a, data / "more", "--out", tmp_path / "m", "--reference", ref)
    assert p.returncode == 0, p.stderr
    assert f"trained on {len(rows)} documents" in p.stderr
    notes = [line for line in p.stderr.splitlines() if "twice" in line]
    assert notes == [
        f"spundetect: note: {data / 'latest.jsonl'} is {a}, reached twice: read once",
        f"spundetect: note: {a} is reached twice: read once",
        f"spundetect: note: {b} is reached twice: read once",
    ], p.stderr
    p = run("evaluate", "--model", model, data, b, "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["n"] == len(rows)
    assert f"spundetect: note: {b} is reached twice: read once" in p.stderr
    # stdin given from a file, named as - and as /dev/stdin: that file twice (it was)
    if Path("/dev/stdin").exists():
        whole = _write_jsonl(tmp_path / "whole.jsonl", rows)
        cmd = [
            *_command(),
            "evaluate",
            "--model",
            str(model),
            "-",
            "/dev/stdin",
            "--format",
            "json",
        ]
        with open(whole, "rb") as fh:
            q = subprocess.run(cmd, stdin=fh, capture_output=True, text=True, cwd=REPO,
                               env=_env(), timeout=180, check=False)  # fmt: skip
        assert q.returncode == 0 and json.loads(q.stdout)["n"] == len(rows), q.stderr
        assert "spundetect: note: /dev/stdin is -, reached twice: read once" in q.stderr


# ---------------------------------------------------------------- score
def test_score_jsonl_stdin_matches_api_in_order(model: Path, api: Any, docs: list[str]) -> None:
    rows = [{"id": f"d{i}", "text": t} for i, t in enumerate(docs)]
    stdin = "".join(json.dumps(r) + "\n" for r in rows)
    p = run("score", "--model", model, "--input-format", "jsonl", stdin=stdin)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    out = jsonl(p.stdout)
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    for rec, text in zip(out, docs, strict=True):
        assert rec == {"id": rec["id"], **expected(api, text)}
        assert rec["label"] in LABELS and set(rec["probabilities"]) == set(LABELS)


def test_score_bad_inputs_reported_rest_processed(model: Path, api: Any, tmp_path: Path) -> None:
    data = tmp_path / "mixed.jsonl"
    data.write_bytes(
        b"".join(
            [
                json.dumps({"id": "a", "text": FRESH[0]}).encode() + b"\n",
                b"{not json\n",
                json.dumps({"id": "b", "body": "wrong field"}).encode() + b"\n",
                b'{"id": "c", "text": "caf\xe9"}\n',
                json.dumps({"id": "d", "text": ""}).encode() + b"\n",
                json.dumps({"id": "e", "text": SHORT}).encode() + b"\n",
                json.dumps({"id": "f", "text": 12}).encode() + b"\n",
                json.dumps({"id": "g", "text": FRESH[1]}).encode() + b"\n",
            ]
        )
    )
    p = run("score", "--model", model, data)
    assert p.returncode == 1
    no_traceback(p)
    out = jsonl(p.stdout)
    assert [r["id"] for r in out] == ["a", "d", "e", "g"]
    assert out[0]["label"] == expected(api, FRESH[0])["label"]
    assert out[1]["status"] == "empty" and out[1]["label"] is None and out[1]["message"]
    assert out[2]["status"] == "too_short" and out[2]["label"] is None
    errs = p.stderr.splitlines()
    assert f"{data}:2: malformed JSON" in errs[0]
    assert errs[1].startswith(f'{data}:3: no "text" field')
    assert errs[2].startswith(f"{data}:4: not UTF-8")
    assert errs[3] == f"{data}:5: empty document"
    assert errs[4].startswith(f'{data}:7: "text" is a number')
    assert "5 input(s)" in errs[5]


def test_score_html_field_reads_the_visible_text_of_each_row(
    model: Path, api: Any, tmp_path: Path
) -> None:
    import html

    page = (
        "<html><head><script>var x = 1;</script></head><body><nav>Home | News | Sport</nav>"
        f"<p>{html.escape(FRESH[0])}</p></body></html>"
    )
    data = _write_jsonl(
        tmp_path / "crawl.jsonl", [{"id": "p", "html": page}, {"id": "q", "html": ["no"]}]
    )
    p = run("score", "--model", model, "--text-field", "html", "--html-field", data)
    assert p.returncode == 1 and '"html" is a list' in p.stderr
    no_traceback(p)
    out = jsonl(p.stdout)
    assert [r["id"] for r in out] == ["p"]
    assert out[0] == {"id": "p", **expected(api, FRESH[0])}
    # without the flag the markup is read as text, and the verdict is not the text's
    plain = jsonl(run("score", "--model", model, "--text-field", "html", data).stdout)
    assert plain[0]["n_words"] != out[0]["n_words"]
    # filter takes the flag too, and passes the raw row through
    f = run("filter", "--model", model, "--text-field", "html", "--html-field", data)
    assert "1 unreadable" in f.stderr
    assert all(r == {"id": "p", "html": page} for r in jsonl(f.stdout))


def test_jsonl_on_stdin_is_read_as_jsonl_and_said_so(model: Path, api: Any) -> None:
    import gzip

    rows = "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(FRESH[:2]))
    for data in (rows.encode(), gzip.compress(rows.encode())):
        p = run("score", "--model", model, stdin=data)
        assert p.returncode == 0, p.stderr
        assert [r["id"] for r in jsonl(p.stdout)] == ["d0", "d1"]
        assert "looks like JSON Lines" in p.stderr
    # asked for text, it is one text; prose that opens with a brace is prose
    p = run("score", "--model", model, "--input-format", "text", stdin=rows)
    assert [r["id"] for r in jsonl(p.stdout)] == ["<stdin>"] and "JSON Lines" not in p.stderr
    p = run("score", "--model", model, stdin="{braces} " + FRESH[0])
    assert [r["id"] for r in jsonl(p.stdout)] == ["<stdin>"] and "JSON Lines" not in p.stderr


def test_a_file_named_without_a_format_is_read_as_its_start_says(
    model: Path, tmp_path: Path
) -> None:
    """A shard named ``part-00000`` holding JSON Lines is read one document a line, as stdin
    would be, and stderr says so (it was one verdict for the whole file)."""
    rows = "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(FRESH[:2]))
    shard = tmp_path / "part-00000"
    shard.write_text(rows)
    p = run("score", "--model", model, shard)
    assert p.returncode == 0, p.stderr
    assert [r["id"] for r in jsonl(p.stdout)] == ["d0", "d1"]
    assert f"{shard} looks like JSON Lines: reading one document per line" in p.stderr
    p = run("score", "--model", model, "--input-format", "text", shard)
    assert [r["id"] for r in jsonl(p.stdout)] == [str(shard)] and "JSON Lines" not in p.stderr


def _filter_input(docs: list[str]) -> list[bytes]:
    # lines as other tools write them: extra fields, odd spacing, escaped non-ASCII, any order
    lines = []
    for i, t in enumerate(docs):
        obj = {"meta": {"n": i, "src": "caf\u00e9"}, "text": t, "id": f"r{i}"}
        lines.append(json.dumps(obj, separators=(", ", ":")).encode())
    return lines


def test_filter_drops_copies_of_kept_records_and_of_sources(
    model: Path, api: Any, tmp_path: Path
) -> None:
    # texts the tiny model keeps at --drop machine_garbled, each a family's first member
    firsts = [t for t in [*FRESH, *ORIGINALS[:6]] if api.score(t).label != "machine_garbled"]
    assert len(firsts) >= 3
    a, b, c = firsts[:3]
    rng = random.Random(2)
    copy_a = a.replace(". ", ".  ", 1)  # the same text, another record
    spin_b = spin(b, rng)
    docs = [a, b, copy_a, spin_b, c]
    lines = _filter_input(docs)
    stdin = b"\n".join(lines) + b"\n"
    keep_b = api.score(spin_b).label != "machine_garbled"
    plain = run("filter", "--model", model, "--drop", "machine_garbled", stdin=stdin)
    assert plain.stdout.encode().splitlines()[:3] == lines[:3]  # the copy is kept without
    rej = tmp_path / "rejected.jsonl"
    p = run(
        "filter", "--model", model, "--drop", "machine_garbled", "--within",
        "--rejected", rej, stdin=stdin,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    kept = p.stdout.encode().splitlines()
    assert kept[:2] == lines[:2] and lines[2] not in kept and lines[4] in kept
    assert lines[3] not in kept
    rejected = {r["id"]: r["spundetect"] for r in jsonl(rej.read_text())}
    assert rejected["r2"]["source_id"] == "r0" and rejected["r2"]["verdict"] == "copied"
    assert "copied from r0" in rejected["r2"]["reason"]
    if keep_b:  # the spin is dropped as derived, not by its label
        assert rejected["r3"]["source_id"] == "r1"
    assert "derived" in p.stderr
    # --sources: the texts you hold; a copy of one is dropped, naming it
    src = _write_jsonl(tmp_path / "src.jsonl", [{"id": "wire-1", "text": c}])
    q = run("filter", "--model", model, "--drop", "machine_garbled", "--sources", src,
            stdin=stdin)  # fmt: skip
    assert q.returncode == 0, q.stderr
    assert lines[4] not in q.stdout.encode().splitlines()
    assert lines[2] in q.stdout.encode().splitlines()  # no --within: copies of records stay
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "s", "text": "one good source text here"}\nnot json\n')
    r = run("filter", "--model", model, "--sources", bad, stdin=stdin)
    assert r.returncode == 1 and "bad.jsonl:2: source not read" in r.stderr
    no_traceback(r)
    r = run("filter", "--model", model, "--sources", "-", stdin=stdin)
    assert r.returncode == 2 and "stdin" in r.stderr
    # a source on stdin is read as what it is (a plain text was read as JSON Lines), and a
    # folder's JSON Lines shards are read (the hint sent users to --input-format, the rows')
    records = tmp_path / "records.jsonl"
    records.write_bytes(stdin)
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "wire.jsonl").write_bytes(src.read_bytes())
    for sources, given in (("-", c.encode()), (shards, None)):
        q = run("filter", "--model", model, "--drop", "machine_garbled", "--sources", sources,
                records, stdin=given)  # fmt: skip
        assert q.returncode == 0, q.stderr
        assert lines[4] not in q.stdout.encode().splitlines() and "derived" in q.stderr


def test_within_window_bounds_the_records_held_to_match_against(
    model: Path, api: Any, tmp_path: Path
) -> None:
    """With --within-window 1 only the latest kept record is held: a copy of the one before
    it is no longer found (filter keeps it, match calls it unrelated)."""
    firsts = [t for t in [*FRESH, *ORIGINALS[:6]] if api.score(t).label != "machine_garbled"]
    a, b = firsts[:2]
    lines = _filter_input([a, b, a.replace(". ", ".  ", 1), b.replace(". ", ".  ", 1)])
    stdin = b"\n".join(lines) + b"\n"
    common = ("filter", "--model", model, "--drop", "machine_garbled", "--within")
    held = run(*common, stdin=stdin).stdout.encode().splitlines()
    assert held == lines[:2]  # both copies found
    p = run(*common, "--within-window", "1", stdin=stdin)
    assert p.returncode == 0, p.stderr
    # a is let go when b is kept; its copy is kept and held, so b goes too: b's copy is kept
    assert p.stdout.encode().splitlines() == lines
    m = run("match", "--within", "--within-window", "1", "--format", "jsonl",
            stdin=stdin + b"not json\n")  # fmt: skip
    assert [r["verdict"] for r in jsonl(m.stdout)][2:] == ["unrelated", "unrelated"]
    assert (
        m.returncode == 1
        and "4 suspect(s) matched against the suspects before each " in m.stderr
        and "(the latest 1 held)" in m.stderr
    ), m.stderr
    m = run("match", "--within", "--within-window", "2", "--format", "jsonl", stdin=stdin)
    assert [r["verdict"] for r in jsonl(m.stdout)][2:] == ["copied", "copied"]
    for cmd in (("filter", "--model", model), ("match", "--sources", "-")):
        r = run(*cmd, "--within-window", "3", stdin=stdin)
        assert r.returncode == 2 and "give --within too" in r.stderr, r.stderr
    r = run(*common, "--within-window", "0", stdin=stdin)
    assert r.returncode == 2 and "--within-window" in r.stderr


def _kept_and_dropped(docs: list[str], tmp_path: Path) -> tuple[list[str], list[bytes], Path]:
    """``docs`` after two of the tiny model's own training originals, so that some records are
    kept whatever the tiny model makes of the fresh texts: the texts, their JSONL lines and
    the file that holds them."""
    docs = [*ORIGINALS[:2], *docs]
    lines = _filter_input(docs)
    data = tmp_path / "in.jsonl"
    data.write_bytes(b"\n".join(lines) + b"\n")
    return docs, lines, data


def test_filter_passes_kept_records_through_byte_for_byte(
    model: Path, api: Any, docs: list[str], tmp_path: Path
) -> None:
    docs, lines, data = _kept_and_dropped(docs, tmp_path)
    rej = tmp_path / "rejected.jsonl"
    p = run("filter", "--model", model, data, "--rejected", rej)
    assert p.returncode == 0, p.stderr
    labels = [expected(api, t)["label"] for t in docs]
    drop = {"spun", "machine_garbled"}
    assert 0 < sum(lab in drop for lab in labels) < len(docs)  # the test must see both
    assert p.stdout.encode().splitlines() == [x for x, lab in zip(lines, labels) if lab not in drop]
    rejected = jsonl(rej.read_text())
    assert [r["id"] for r in rejected] == [f"r{i}" for i, lab in enumerate(labels) if lab in drop]
    for r in rejected:
        i = int(r["id"][1:])
        assert r["text"] == docs[i] and r["meta"] == {"n": i, "src": "café"}
        assert r["spundetect"]["label"] == labels[i]
        assert set(r["spundetect"]["probabilities"]) == set(LABELS)
        assert r["spundetect"]["keep"] is False
        assert r["spundetect"]["reason"].startswith(f"dropped: judged {labels[i]}")
    n_drop = sum(lab in drop for lab in labels)
    assert f"kept {len(docs) - n_drop} of {len(docs)} record(s); dropped {n_drop}" in p.stderr


def test_filter_annotate_adds_the_verdict_to_the_kept_records_too(
    model: Path, api: Any, docs: list[str], tmp_path: Path
) -> None:
    docs, lines, data = _kept_and_dropped(docs, tmp_path)
    rej = tmp_path / "rejected.jsonl"
    p = run("filter", "--model", model, data, "--annotate", "--rejected", rej)
    assert p.returncode == 0, p.stderr
    labels = [expected(api, t)["label"] for t in docs]
    drop = {"spun", "machine_garbled"}
    assert 0 < sum(lab in drop for lab in labels) < len(docs)
    kept_lines = p.stdout.encode().splitlines()
    kept = jsonl(p.stdout)
    assert [r["id"] for r in kept] == [f"r{i}" for i, lab in enumerate(labels) if lab not in drop]
    for line, r in zip(kept_lines, kept):
        i = int(r["id"][1:])
        end = lines[i].rindex(b"}")
        assert line.startswith(lines[i][:end] + b", ")  # the record as read, the verdict added
        assert r["spundetect"]["keep"] is True and r["spundetect"]["label"] == labels[i]
        assert r["spundetect"]["reason"].startswith("kept: judged original")
        assert r["spundetect"]["where"] == f"{data}:{i + 1}"
        assert "reasons" not in r["spundetect"]
    # the dropped ones as without --annotate
    assert [r["id"] for r in jsonl(rej.read_text())] == [
        f"r{i}" for i, lab in enumerate(labels) if lab in drop
    ]
    # --drop none --annotate: every record, each with its verdict (and evidence with --explain)
    p = run("filter", "--model", model, data, "--annotate", "--drop", "none", "--explain")
    assert p.returncode == 0, p.stderr
    every = jsonl(p.stdout)
    assert [r["id"] for r in every] == [f"r{i}" for i in range(len(docs))]
    assert [r["spundetect"]["label"] for r in every] == labels
    assert all(r["spundetect"]["keep"] and "reasons" in r["spundetect"] for r in every)
    assert "note: --explain" not in p.stderr
    p = run("filter", "--model", model, data, "--drop", "none")  # a plain copy
    assert p.stdout.encode().splitlines() == lines
    p = run("filter", "--model", model, data, "--drop", "nothing")
    assert p.returncode == 2 and "nothing" in p.stderr


def test_filter_drop_labels(model: Path, api: Any, docs: list[str]) -> None:
    lines = _filter_input(docs)
    p = run("filter", "--model", model, "--drop", "machine_garbled", stdin=b"\n".join(lines))
    assert p.returncode == 0, p.stderr
    labels = [expected(api, t)["label"] for t in docs]
    assert "machine_garbled" in labels and "spun" in labels
    assert p.stdout.encode().splitlines() == [
        x for x, lab in zip(lines, labels) if lab != "machine_garbled"
    ]


def test_filter_max_fpr_uses_the_operating_point(model: Path) -> None:
    from spundetect import Detector
    from spundetect.detector import default_model_dir

    if not (default_model_dir() / "card.json").is_file():
        pytest.skip("models/default holds no trained model yet")
    rng = random.Random(5)
    texts = [t for f in FRESH for t in (f, spin(f, rng), garble(f, rng))]
    lines = _filter_input(texts)
    stdin = b"\n".join(lines) + b"\n"
    strict = Detector.load().with_max_fpr(0.01)
    p = run("filter", "--max-fpr", "0.01", stdin=stdin)
    assert p.returncode == 0, p.stderr
    keep = [strict.score(t).label not in ("spun", "machine_garbled") for t in texts]
    assert p.stdout.encode().splitlines() == [x for x, k in zip(lines, keep) if k]
    # an operating point drops a subset of what the arg-max label drops
    argmax = run("filter", stdin=stdin)
    assert set(argmax.stdout.splitlines()) <= set(p.stdout.splitlines())
    # a tiny model validated on a few documents records no operating point: a usage error
    q = run("filter", "--model", model, "--max-fpr", "0.05", stdin=stdin)
    assert q.returncode == 2 and "no operating point" in q.stderr and q.stdout == ""
    no_traceback(q)


def test_filter_loses_nothing_on_bad_lines(model: Path, tmp_path: Path) -> None:
    data = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": FRESH[0]}).encode()
    short = json.dumps({"id": "s", "text": SHORT}).encode()
    data.write_bytes(b"\n".join([good, b"{not json", b"[1, 2]", short, b"\xff\xfe bad"]) + b"\n")
    rej = tmp_path / "rej.jsonl"
    p = run("filter", "--model", model, data, "--rejected", rej)
    assert p.returncode == 1
    no_traceback(p)
    kept = p.stdout.encode().splitlines()
    assert short in kept  # not judged, kept by default
    rejected = jsonl(rej.read_text(encoding="utf-8"))
    bad = [r for r in rejected if r["spundetect"]["status"] == "unreadable"]
    assert [r["spundetect"]["where"] for r in bad] == [f"{data}:2", f"{data}:3", f"{data}:5"]
    assert bad[0]["line"] == "{not json" and "malformed JSON" in bad[0]["spundetect"]["message"]
    assert f"{data}:2: malformed JSON" in p.stderr and "3 unreadable line(s)" in p.stderr
    # every input line is accounted for: kept, or written to the rejected file
    assert len(kept) + len(rejected) == 5
    q = run("filter", "--model", model, data, "--unjudged", "drop")
    assert short not in q.stdout.encode().splitlines()


def _csv_cell(text: str) -> bytes:
    return b'"' + text.replace('"', '""').encode() + b'"'


def test_filter_passes_csv_rows_through_as_read(
    model: Path, api: Any, docs: list[str], tmp_path: Path
) -> None:
    """CSV in, CSV out: the header, then each kept row as it was read (quoting, a text over
    several lines, a row short of fields, CRLF line ends); --rejected gets the header with a
    verdict column and the dropped and unreadable rows, so every row is accounted for."""
    docs = [*ORIGINALS[:2], *docs]
    header = b"id,text,spundetect,note\r\n"  # a "spundetect" column of its own
    rows = [
        f"r{i}".encode() + b"," + _csv_cell(t.replace(". ", ".\n", 1)) + b",x,caf\xc3\xa9"
        for i, t in enumerate(docs)
    ]
    rows[1] = rows[1].rsplit(b",", 1)[0]  # one field short: the note left out
    bad = b'rb,"closed"then more,x,y'
    data = tmp_path / "in.csv.gz"
    body = b"\r\n".join([*rows[:2], bad, *rows[2:]]) + b"\r\n"
    data.write_bytes(gzip.compress(header + body))
    rej = tmp_path / "rejected.csv"
    p = run("filter", "--model", model, data, "--rejected", rej)
    no_traceback(p)
    assert p.returncode == 1  # the malformed row is reported
    labels = [expected(api, t.replace(". ", ".\n", 1))["label"] for t in docs]
    drop = {"spun", "machine_garbled"}
    assert 0 < sum(lab in drop for lab in labels) < len(docs)  # the test must see both
    kept = [r for r, lab in zip(rows, labels) if lab not in drop]
    assert p.stdout.encode() == header + b"".join(r + b"\r\n" for r in kept)
    # lines: the header, two rows of two lines each, then the bad row
    assert f"{data}:6: malformed CSV" in p.stderr and "1 unreadable row(s)" in p.stderr
    out = list(csv.reader(io.StringIO(rej.read_text(encoding="utf-8"), newline="")))
    assert out[0] == ["id", "text", "spundetect", "note", "spundetect_verdict"]
    assert all(len(r) == 5 for r in out)
    verdicts = [json.loads(r[4]) for r in out[1:]]
    dropped = [i for i, lab in enumerate(labels) if lab in drop]
    assert len(out) - 1 == len(dropped) + 1 and len(kept) + len(out) - 1 == len(rows) + 1
    unreadable = [v for v in verdicts if v.get("status") == "unreadable"]
    assert len(unreadable) == 1 and unreadable[0]["line"] == bad.decode()
    assert unreadable[0]["where"] == f"{data}:6"
    # the same from stdin, its header taken as it is read; every row annotated
    stdin = run("filter", "--model", model, "--input-format", "csv", stdin=header + body)
    assert stdin.returncode == 1 and stdin.stdout == p.stdout
    q = run("filter", "--model", model, "--input-format", "csv", "--annotate", stdin=header + body)
    annotated = list(csv.reader(io.StringIO(q.stdout, newline="")))
    assert annotated[0] == ["id", "text", "spundetect", "note", "spundetect_verdict"]
    assert [r[0] for r in annotated[1:]] == [r.split(b",")[0].decode() for r in kept]
    assert all(json.loads(r[4])["where"].startswith("<stdin>:") for r in annotated[1:])
    judged = [(r, v) for r, v in zip(out[1:], verdicts) if v.get("status") != "unreadable"]
    assert [r[0] for r, _ in judged] == [f"r{i}" for i in dropped]
    for r, v in judged:
        i = int(r[0][1:])
        assert r[1] == docs[i].replace(". ", ".\n", 1) and r[2] == "x"
        assert v["label"] == labels[i] and v["keep"] is False
    # TSV, every row annotated: the verdict in a column of its own
    tsv = tmp_path / "in.tsv"
    lines = [f"{i}\t{t}" for i, t in enumerate(docs)]
    tsv.write_text("id\ttext\n" + "\n".join(lines) + "\n", encoding="utf-8")
    p = run("filter", "--model", model, tsv, "--annotate", "--drop", "none")
    assert p.returncode == 0, p.stderr
    got = p.stdout.splitlines()
    assert got[0] == "id\ttext\tspundetect"
    labels = [expected(api, t)["label"] for t in docs]
    for line, want, lab in zip(got[1:], lines, labels, strict=True):
        kept_line, verdict = line.rsplit("\t", 1)
        assert kept_line == want and json.loads(verdict)["label"] == lab


def test_filter_says_when_stdin_is_not_json_lines(model: Path, api: Any) -> None:
    """A CSV piped in without --input-format csv was every line "malformed JSON", nothing
    more; a WARC the same. A CSV whose header names the text column is read as CSV, and
    score reads it so too."""
    rows = f'id,text\na,"{FRESH[0]}"\n'
    p = run("filter", "--model", model, "--drop", "none", stdin=rows)
    assert p.returncode == 0 and p.stdout == rows and "looks like CSV" in p.stderr
    s = run("score", "--model", model, stdin=rows)
    assert [r["id"] for r in jsonl(s.stdout)] == ["a"] and "looks like CSV" in s.stderr
    assert jsonl(s.stdout)[0]["probabilities"] == expected(api, FRESH[0])["probabilities"]
    tsv = f"id\ttext\na\t{FRESH[0]}\n"
    p = run("filter", "--model", model, "--drop", "none", "--annotate", stdin=tsv)
    assert p.returncode == 0 and "looks like TSV" in p.stderr, p.stderr
    header, row = p.stdout.splitlines()
    assert header == "id\ttext\tspundetect" and row.startswith(tsv.splitlines()[1] + "\t")
    p = run("filter", "--model", model, stdin=rows.replace("text", "body"))
    no_traceback(p)
    assert p.returncode == 1 and "for CSV or TSV give --input-format csv or tsv" in p.stderr
    p = run("filter", "--model", model, stdin=b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n")
    assert p.returncode == 2 and "stdin is a WARC file" in p.stderr and p.stdout == ""
    line = json.dumps({"text": FRESH[0]})
    p = run("filter", "--model", model, "--drop", "none", stdin=line + "\n")
    assert p.returncode == 0 and p.stdout == line + "\n" and "note:" not in p.stderr


def test_filter_reads_a_file_named_without_a_format_as_its_start_says(
    model: Path, tmp_path: Path
) -> None:
    """A CSV or TSV shard named ``part-00000`` (compressed too) passes through filter as its
    rows, as on stdin, and stderr says so (it was every line "malformed JSON"); a WARC so
    named is refused as a named one is; JSON Lines so named is read as before."""
    rows = f'id,text\na,"{FRESH[0]}"\nb,"{FRESH[1]}"\n'
    shard = tmp_path / "part-00000"
    shard.write_text(rows)
    packed = tmp_path / "part-00001.gz"
    packed.write_bytes(gzip.compress(rows.encode()))
    for path in (shard, packed):
        p = run("filter", "--model", model, "--drop", "none", path)
        assert p.returncode == 0, p.stderr
        assert p.stdout == rows and f'{path} looks like CSV with a "text" column' in p.stderr
    tsv = tmp_path / "part-00002"
    tsv.write_text(f"id\ttext\na\t{FRESH[0]}\n")
    p = run("filter", "--model", model, "--drop", "none", "--annotate", tsv)
    assert p.returncode == 0 and "looks like TSV" in p.stderr, p.stderr
    assert p.stdout.splitlines()[0] == "id\ttext\tspundetect"
    warc = tmp_path / "part-00003"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n")
    p = run("filter", "--model", model, warc)
    assert p.returncode == 2 and f"{warc} is a WARC file" in p.stderr and p.stdout == ""
    lines = tmp_path / "part-00004"
    lines.write_text(json.dumps({"text": FRESH[0]}) + "\n")
    p = run("filter", "--model", model, "--drop", "none", lines)
    assert p.returncode == 0 and p.stdout == lines.read_text() and "looks like" not in p.stderr
    p = run("filter", "--model", model, "--drop", "none", shard, lines)
    assert p.returncode == 2 and "not CSV and JSON Lines" in p.stderr
    # like none of them (a CSV whose text is in another column): read as JSON Lines, said why
    other = tmp_path / "part-00005"
    other.write_text(rows.replace("text", "body"))
    p = run("filter", "--model", model, other)
    assert p.returncode == 1 and p.stdout == ""
    assert (
        f'{other} does not start like JSON Lines (one object a line), nor like CSV with a "text"'
        in p.stderr
    )


def test_filter_reads_a_folder_as_its_first_file_of_records_is(model: Path, tmp_path: Path) -> None:
    """A Hadoop or Spark job's folder of CSV shards was every line "malformed JSON", and a
    folder of CSV files was "directory holds no .jsonl or .ndjson files": filter reads a
    folder as its first file of records is, and says so; a folder of JSON Lines as before."""
    header = "id,text\n"
    job = tmp_path / "job"
    job.mkdir()
    (job / "_SUCCESS").write_text("")
    (job / "part-00000").write_text(f'{header}a,"{FRESH[0]}"\n')
    (job / "part-00001.gz").write_bytes(gzip.compress(f'{header}b,"{FRESH[1]}"\n'.encode()))
    named = tmp_path / "named"
    named.mkdir()
    (named / "a.csv").write_text(f'{header}a,"{FRESH[0]}"\n')
    (named / "b.csv").write_text(f'{header}b,"{FRESH[1]}"\n')
    for folder in (job, named):
        p = run("filter", "--model", model, "--drop", "none", folder)
        assert p.returncode == 0, p.stderr
        assert f"{folder} holds CSV records" in p.stderr
        rows = list(csv.reader(io.StringIO(p.stdout)))
        assert rows == [["id", "text"], ["a", FRESH[0]], ["b", FRESH[1]]]
    lines = tmp_path / "lines"
    lines.mkdir()
    (lines / "part-00000").write_text(json.dumps({"text": FRESH[0]}) + "\n")
    (lines / "a_labels.csv").write_text("id,label\nx,spun\n")  # beside JSON Lines: not it
    p = run("filter", "--model", model, "--drop", "none", lines)
    assert p.returncode == 0 and p.stdout == (lines / "part-00000").read_text()
    assert "note:" not in p.stderr


def test_filter_and_score_read_tsv_when_told_whatever_its_name(
    model: Path, api: Any, tmp_path: Path
) -> None:
    """``--input-format tsv``: a tab-separated export named ``.txt`` (or piped in with a
    header that does not name the text column) passes through filter as read, the verdict
    in a tab-separated column, and score reads it one document a row."""
    body = "".join(f"r{i}\t{t}\r\n" for i, t in enumerate(FRESH[:2]))
    data = tmp_path / "export.txt"
    data.write_bytes(("id\tbody\r\n" + body).encode())
    for source, stdin in ((data, None), ("-", data.read_bytes())):
        p = run(
            "filter", "--model", model, "--input-format", "tsv", "--text-field", "body",
            "--drop", "none", source, stdin=stdin,
        )  # fmt: skip
        assert p.returncode == 0 and p.stdout.encode() == data.read_bytes(), p.stderr
    p = run(
        "filter", "--model", model, "--input-format", "tsv", "--text-field", "body",
        "--drop", "none", "--annotate", data,
    )  # fmt: skip
    got = list(csv.reader(io.StringIO(p.stdout, newline=""), delimiter="\t"))
    assert got[0] == ["id", "body", "spundetect"]
    labels = [json.loads(r[2])["label"] for r in got[1:]]
    assert labels == [expected(api, t)["label"] for t in FRESH[:2]]
    s = run("score", "--model", model, "--input-format", "tsv", "--text-field", "body", data)
    assert [r["id"] for r in jsonl(s.stdout)] == ["r0", "r1"], s.stderr
    probs = [r["probabilities"] for r in jsonl(s.stdout)]
    assert probs == [expected(api, t)["probabilities"] for t in FRESH[:2]]


def test_encoding_reads_a_legacy_archive_and_filter_writes_it_as_utf8(
    model: Path, api: Any, tmp_path: Path
) -> None:
    """``--encoding windows-1252``: the rows score as their UTF-8 twins do, filter passes them
    through in UTF-8 (its CSV header too), and a label no browser knows is a usage error."""
    text = FRESH[0].replace("'", "\u2019") + " The caf\u00e9 said so."
    row = json.dumps({"id": "a", "text": text}, ensure_ascii=False)
    data = tmp_path / "old.jsonl"
    data.write_bytes(row.encode("cp1252") + b"\n")
    table = tmp_path / "old.csv"
    table.write_bytes(f'id,caf\u00e9,text\nb,x,"{text}"\n'.encode("cp1252"))
    plain = run("score", "--model", model, data)
    assert plain.returncode == 1 and "not UTF-8" in plain.stderr
    p = run("score", "--model", model, "--encoding", "windows-1252", data, table)
    assert p.returncode == 0, p.stderr
    want = expected(api, text)["probabilities"]
    assert [r["probabilities"] for r in jsonl(p.stdout)] == [want, want]
    f = run("filter", "--model", model, "--encoding", "latin1", "--drop", "none", data)
    assert f.returncode == 0 and f.stdout.encode() == row.encode() + b"\n", f.stderr
    f = run("filter", "--model", model, "--encoding", "latin1", "--drop", "none", table)
    assert f.stdout == f'id,caf\u00e9,text\nb,x,"{text}"\n', f.stderr
    # on stdin, its header (not UTF-8) is still known for one naming the text column
    s = run("filter", "--model", model, "--encoding", "latin1", "--drop", "none",
            stdin=table.read_bytes())  # fmt: skip
    assert s.stdout == f.stdout and "looks like CSV" in s.stderr, s.stderr
    bad = run("score", "--model", model, "--encoding", "utf-7", data)
    assert bad.returncode == 2 and "unknown encoding 'utf-7'" in bad.stderr


def test_a_csv_with_carriage_return_line_ends_on_stdin_is_read_row_by_row(
    model: Path, api: Any, docs: list[str]
) -> None:
    """Excel's "CSV (Macintosh)" ends rows with a carriage return alone: read row by row as
    a file, but on stdin its header line was not seen (only "\\n" ended it): ``score`` judged
    the whole file as one text, ``filter`` read it as one malformed JSON line."""
    table = "id,text\r" + "".join(f'r{i},"{t}"\r' for i, t in enumerate(docs[:3]))
    p = run("score", "--model", model, "--format", "jsonl", stdin=table.encode())
    assert p.returncode == 0 and "looks like CSV" in p.stderr, p.stderr
    assert [(r["id"], r["probabilities"]) for r in jsonl(p.stdout)] == [
        (f"r{i}", expected(api, t)["probabilities"]) for i, t in enumerate(docs[:3])
    ]
    f = run("filter", "--model", model, "--drop", "none", stdin=table.encode())
    assert f.returncode == 0 and f.stdout == table, f.stderr


def test_filter_csv_without_rows_still_says_what_it_read(model: Path, tmp_path: Path) -> None:
    """A header and no rows: the header comes out (an empty table, not an empty file); a file
    whose header cannot be read: nothing on stdout, and its reason in --rejected."""
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"id,text\r\n")
    rej = tmp_path / "rej.csv"
    p = run("filter", "--model", model, empty, "--rejected", rej)
    no_traceback(p)
    assert p.returncode == 1 and p.stdout == "id,text\r\n"
    out = list(csv.reader(io.StringIO(rej.read_text(), newline="")))
    assert out[0] == ["id", "text", "spundetect"] and len(out) == 2
    assert json.loads(out[1][2])["message"] == "no records (a header and no rows)"
    wide = tmp_path / "wide.csv"
    wide.write_bytes(codecs.BOM_UTF32_LE + "id,text\n1,x\n".encode("utf-32-le"))
    p = run("filter", "--model", model, wide, "--rejected", rej)
    no_traceback(p)
    assert p.returncode == 1 and p.stdout == ""
    out = list(csv.reader(io.StringIO(rej.read_text(), newline="")))
    assert out[0] == ["spundetect"] and "UTF-32" in json.loads(out[1][0])["message"]


@pytest.mark.parametrize(
    ("files", "args", "says"),
    [
        (("a.csv", "b.csv"), (), "b.csv: its header differs from"),
        (("a.csv", "c.tsv"), (), "c.tsv: TSV, and"),
        (("a.csv", "d.jsonl"), (), "give it one format, not CSV and JSON Lines"),
        (("a.csv", "-"), ("--input-format", "csv"), "give it CSV files or stdin, not both"),
        (("a.csv",), ("--text-field", "body"), 'no "body" column (columns: id, text)'),
        (("a.csv",), ("--input-format", "tsv"), 'a.csv: no "text" column (columns: id,text)'),
    ],
)
def test_filter_refuses_csv_it_cannot_write_as_one_file(
    model: Path, tmp_path: Path, files: tuple[str, ...], args: tuple[str, ...], says: str
) -> None:
    (tmp_path / "a.csv").write_text(f'id,text\na,"{FRESH[0]}"\n')
    (tmp_path / "b.csv").write_text(f'id,text,url\na,"{FRESH[0]}",u\n')
    (tmp_path / "c.tsv").write_text(f"id\ttext\na\t{FRESH[0]}\n")
    _write_jsonl(tmp_path / "d.jsonl", [{"text": FRESH[0]}])
    p = run("filter", "--model", model, *[f if f == "-" else tmp_path / f for f in files], *args)
    no_traceback(p)
    assert p.returncode == 2 and p.stdout == "" and says in p.stderr, p.stderr


def test_filter_refuses_to_overwrite_its_input(model: Path, tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"text": FRESH[0]}) + "\n")
    p = run("filter", "--model", model, data, "--rejected", data)
    assert p.returncode == 2 and "also an input file" in p.stderr
    assert json.loads(data.read_text())["text"] == FRESH[0]


def test_score_strict_stops_at_first_bad_input(model: Path, tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "a", "text": FRESH[0]}),
        "oops",
        json.dumps({"id": "b", "text": FRESH[1]}),
    ]
    data = tmp_path / "s.jsonl"
    data.write_text("\n".join(rows) + "\n")
    p = run("score", "--model", model, "--strict", data)
    assert p.returncode == 1
    assert [r["id"] for r in jsonl(p.stdout)] == ["a"]
    assert f"{data}:2: malformed JSON" in p.stderr


def test_score_says_when_only_the_start_of_a_file_was_read(model: Path, tmp_path: Path) -> None:
    from spundetect.io import MAX_TEXT_BYTES

    para = ORIGINALS[0] + "\n\n"
    big = tmp_path / "big.txt"
    big.write_text(para * (MAX_TEXT_BYTES // len(para) + 50), encoding="utf-8")
    size = big.stat().st_size
    p = run("score", "--model", model, big)
    no_traceback(p)
    assert p.returncode == 0, p.stderr
    (rec,) = jsonl(p.stdout)
    assert rec["status"] == "ok"
    # the message names the whole file's size, not the prefix's as if it were everything
    assert rec["message"].startswith(
        f"only the first {MAX_TEXT_BYTES:,} of {size:,} bytes were read"
    )


def test_score_directory_files_and_html(model: Path, api: Any, tmp_path: Path) -> None:
    d = tmp_path / "site"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(FRESH[0])
    (d / "b.md").write_text(FRESH[1])
    (d / "sub" / "c.html").write_text(
        f"<html><head><script>var junk = 1;</script></head><body><nav>Home | About</nav>"
        f"<p>{FRESH[2]}</p><footer>Copyright</footer></body></html>"
    )
    (d / "sub" / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (d / "sub" / "zz.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (d / "notes.jsonl").write_text("not picked up by a directory walk")
    single = tmp_path / "single.txt"
    single.write_text(FRESH[0])
    p = run("score", "--model", model, d, single, tmp_path / "missing.txt")
    assert p.returncode == 1
    no_traceback(p)
    out = jsonl(p.stdout)
    assert [r["id"] for r in out] == [
        str(d / "a.txt"),
        str(d / "b.md"),
        str(d / "sub" / "c.html"),
        str(single),
    ]
    assert out[2] == {"id": str(d / "sub" / "c.html"), **expected(api, FRESH[2])}
    assert f"{d / 'sub' / 'latin1.txt'}: not UTF-8" in p.stderr
    assert f"{d / 'sub' / 'zz.txt'}: binary file" in p.stderr
    assert f"{tmp_path / 'missing.txt'}: no such file or directory" in p.stderr


def test_score_html_report_marks_the_apis_evidence(
    model: Path, api: Any, docs: list[str], tmp_path: Path
) -> None:
    import html as html_mod

    rows = [{"id": f"d{i}<&>", "text": t} for i, t in enumerate(docs)]
    data = tmp_path / "in.jsonl"
    data.write_text(
        "".join(json.dumps(r) + "\n" for r in rows[:3]) + "{broken\n" + json.dumps(rows[3]) + "\n",
        encoding="utf-8",
    )
    p = run("score", "--model", model, "--format", "html", data)
    assert p.returncode == 1  # the broken line, reported; the rest is on the page
    no_traceback(p)
    assert f"{data}:4: malformed JSON" in p.stderr
    page = p.stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    sections = page.split("<section>")[1:]
    assert len(sections) == 4
    n_spans = 0
    for sec, row in zip(sections, rows[:3] + rows[3:4], strict=True):
        assert html_mod.escape(row["id"], quote=True) in sec
        want = api.score(row["text"], explain=True)
        assert f"badge b-{want.label}" in sec
        body = sec.split('<div class="text">', 1)[1].split("</div>", 1)[0]
        body = re.sub(r'<sup class="rn">\d+</sup>', "", body)
        # walk the shown text: which character positions sit inside a <mark>
        shown, marked_at, inside = [], set(), False
        for piece in re.split(r"(<[^>]+>)", body):
            if piece.startswith("<"):
                inside = piece.startswith("<mark") or (inside and piece != "</mark>")
                continue
            chunk = html_mod.unescape(piece)
            start = sum(map(len, shown))
            if inside:
                marked_at.update(range(start, start + len(chunk)))
            shown.append(chunk)
        assert "".join(shown) == row["text"]
        spans = {s for r in want.reasons if r.start >= 0 for s in ((r.start, r.end), *r.more_spans)}
        n_spans += len(spans)
        assert set().union(*(range(a, b) for a, b in spans)) == marked_at
        assert len(re.findall(r"<li>", sec)) == len(want.reasons)
    assert n_spans, "the spun and garbled texts have evidence to mark"
    assert "4 document(s)" in page


def test_score_csv_custom_fields_and_csv_output(model: Path, api: Any, tmp_path: Path) -> None:
    data = tmp_path / "in.csv"
    with data.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["key", "body"])
        w.writerow(["k1", FRESH[0]])
        w.writerow(["", FRESH[1]])
    p = run(
        "score",
        "--model",
        model,
        "--text-field",
        "body",
        "--id-field",
        "key",
        "--format",
        "csv",
        data,
    )
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert [r["id"] for r in rows] == ["k1", f"{data}:3"]
    want = expected(api, FRESH[0])
    assert rows[0]["label"] == want["label"] and rows[0]["status"] == "ok"
    assert float(rows[0]["spun"]) == pytest.approx(want["probabilities"]["spun"])


def test_score_json_array_and_explain(model: Path, api: Any) -> None:
    p = run("score", "--model", model, "--format", "json", "--explain", stdin=FRESH[2])
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert isinstance(out, list) and len(out) == 1
    assert out[0] == {"id": "<stdin>", **expected(api, FRESH[2], explain=True)}
    assert "reasons" in out[0] and "sentences" in out[0] and out[0]["sentences"]


def test_with_text_gives_the_text_the_spans_count_in(model: Path, tmp_path: Path) -> None:
    """Of an HTML page the spans count in the text read from it, not in the file: --with-text
    gives that text with each record (json, jsonl, csv), and refuses the other formats."""
    body = FRESH[2] + " The U. S. team won , they said ."
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T</title><script>var a = '<b>';</script></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    p = run("score", "--model", model, page, "--explain", "--with-text", "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    (rec,) = jsonl(p.stdout)
    text = rec["text"]
    assert body in text and "<" not in text and list(rec)[-1] == "text"
    spans = [r for r in rec["reasons"] if r.get("span")]
    assert spans
    for r in spans:
        assert text[r["span"][0] : r["span"][1]] == r["excerpt"]
    p = run("score", "--model", model, page, "--with-text", "--format", "csv")
    rows = list(csv.reader(io.StringIO(p.stdout)))
    assert rows[0][-1] == "text" and rows[1][-1] == text
    p = run("score", "--model", model, page, "--with-text", "--format", "table")
    assert p.returncode == 2 and "--with-text" in p.stderr and not p.stdout
    no_traceback(p)


def test_fail_on_exit_3_only_for_listed_labels(model: Path, api: Any, tmp_path: Path) -> None:
    doc = tmp_path / "d.txt"
    doc.write_text(FRESH[1])
    label = expected(api, FRESH[1])["label"]
    others = [lab for lab in LABELS if lab != label]
    p = run("score", "--model", model, "--fail-on", f"{others[0]},{label}", doc)
    assert p.returncode == 3 and label in p.stderr
    assert jsonl(p.stdout)[0]["label"] == label  # the results are still written
    p = run("score", "--model", model, "--fail-on", ",".join(others), "--format", "table", doc)
    assert p.returncode == 0, p.stderr
    header, row = p.stdout.splitlines()
    assert header.split() == ["label", "original", "spun", "garbled", "status", "id"]
    assert row.split()[0] == label and row.split()[-1] == str(doc)


def test_jobs_2_same_output_as_jobs_1(model: Path, docs: list[str], tmp_path: Path) -> None:
    rows = [{"id": i, "text": t} for i, t in enumerate(docs * 6)]  # more than a few batches
    data = _write_jsonl(tmp_path / "many.jsonl", rows)
    one = run("score", "--model", model, "--jobs", "1", data)
    two = run("score", "--model", model, "--jobs", "2", data)
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    assert [r["id"] for r in jsonl(two.stdout)] == [str(i) for i in range(len(rows))]


def _copy_model(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_trust_model_needed_for_pickle_models(model: Path, tmp_path: Path) -> None:
    import joblib

    from spundetect.model import load_classifier, sha256_file

    d = _copy_model(model, tmp_path / "m")
    joblib.dump(load_classifier(d / "classifier.skops"), d / "classifier.joblib")
    card = json.loads((d / "card.json").read_text())
    card["files"]["classifier"] = {
        "name": "classifier.joblib",
        "sha256": sha256_file(d / "classifier.joblib"),
    }
    (d / "card.json").write_text(json.dumps(card))
    p = run("score", "--model", d, stdin=FRESH[0])
    assert p.returncode == 1 and "--trust-model" in p.stderr and p.stdout == ""
    no_traceback(p)
    p = run("score", "--model", d, "--trust-model", stdin=FRESH[0])
    assert p.returncode == 0, p.stderr
    assert jsonl(p.stdout)[0]["status"] == "ok"
    # its card can be read before deciding to trust it: `card` loads none of the files
    p = run("card", "--model", d)
    assert p.returncode == 0, p.stderr
    assert "| classifier | classifier.joblib |" in p.stdout


def test_default_model_used_without_model_option() -> None:
    from spundetect.detector import default_model_dir

    if not (default_model_dir() / "card.json").is_file():
        pytest.skip("models/default holds no trained model yet")
    from spundetect import Detector

    p = run("score", stdin=FRESH[0])
    assert p.returncode == 0, p.stderr
    assert jsonl(p.stdout)[0] == {"id": "<stdin>", **expected(Detector.load(), FRESH[0])}


def test_broken_pipe_is_quiet(model: Path, docs: list[str], tmp_path: Path) -> None:
    data = _write_jsonl(tmp_path / "d.jsonl", [{"text": t} for t in docs])
    proc = subprocess.Popen(
        [*_command(), "score", "--model", str(model), str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before anything is written (like `| head -0`)
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "Broken pipe" not in err, err
    assert proc.returncode == 141


# ---------------------------------------------------------------- terminals
def _read_all(fd: int, proc: subprocess.Popen[bytes], until: bytes | None = None) -> bytes:
    """Read a pty master until the child exits (or ``until`` appears)."""
    buf = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            if until is not None and until in buf:
                break
        elif proc.poll() is not None:
            break
    return buf


def test_progress_bar_only_on_a_terminal(model: Path, docs: list[str], tmp_path: Path) -> None:
    data = _write_jsonl(tmp_path / "d.jsonl", [{"text": t} for t in docs * 3])
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*_command(), "score", "--model", str(model), "--jobs", "1", str(data)],
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=REPO,
        env=_env(),
    )
    os.close(slave)
    assert proc.stdout is not None
    stdout = proc.stdout.read().decode()
    err = _read_all(master, proc).decode()
    os.close(master)
    assert proc.wait(timeout=120) == 0
    assert "docs/s" in err and "%" in err  # drawn on the terminal (a known input size)
    assert len(jsonl(stdout)) == len(docs) * 3 and "docs/s" not in stdout
    # (with stderr piped there is no progress: test_score_jsonl_stdin_matches_api_in_order)


def test_terminal_default_is_a_table(model: Path, api: Any, docs: list[str]) -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*_command(), "score", "--model", str(model), "-"],
        stdin=subprocess.PIPE,
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
    )
    os.close(slave)
    assert proc.stdin is not None
    proc.stdin.write(docs[2].encode())
    proc.stdin.close()
    out = _read_all(master, proc).decode()
    os.close(master)
    assert proc.wait(timeout=120) == 0
    header, row = out.splitlines()[:2]
    assert header.split() == ["label", "original", "spun", "garbled", "status", "id"]
    want = expected(api, docs[2])
    assert row.split()[0] == want["label"] and row.split()[-1] == "<stdin>"
    garbled = want["probabilities"]["machine_garbled"]
    assert float(row.split()[3]) == pytest.approx(garbled, abs=0.006)


def _default_sigint() -> None:
    # A terminal's foreground job gets Ctrl-C; a test run launched in the background
    # (``cmd &`` in a script) starts with SIGINT ignored, which the child would inherit.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _signalled_while_reading_a_terminal(
    model: Path,
    preexec: Any,
    *signals: signal.Signals,
    command: list[str] | None = None,
    asleep: bool = False,
) -> tuple[int, str]:
    """``spundetect score`` (or ``command`` with its arguments) waiting on a terminal for its
    text, sent ``signals`` once it says so (and, ``asleep``, once its main thread sleeps on
    the terminal): its exit status and stderr."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*(command or _command()), "score", "--model", str(model)],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
        preexec_fn=preexec,
    )
    os.close(slave)
    assert proc.stderr is not None
    line = proc.stderr.readline().decode()
    assert "reading from stdin" in line
    if asleep:  # (nothing but the wait on the terminal puts the main thread to sleep)
        stat = Path(f"/proc/{proc.pid}/task/{proc.pid}/stat")
        deadline = time.monotonic() + 60
        while stat.read_text().rsplit(")", 1)[1].split()[0] != "S":
            assert time.monotonic() < deadline
            time.sleep(0.01)
    for sig in signals:
        proc.send_signal(sig)
    try:
        _, rest = proc.communicate(timeout=60)
    finally:
        proc.kill()
        os.close(master)
    return proc.returncode, line + rest.decode()


def test_ctrl_c_exits_130_without_traceback(model: Path) -> None:
    status, err = _signalled_while_reading_a_terminal(model, _default_sigint, signal.SIGINT)
    assert status == 130
    assert "Traceback" not in err and "interrupted" in err


# ---------------------------------------------------------------- evaluate
def test_evaluate_text_and_json(model: Path, workdir: Path, tmp_path: Path) -> None:
    rng = random.Random(3)
    rows = []
    for t in FRESH:
        rows += [
            {"text": t, "label": "original"},
            {"text": spin(t, rng), "label": "spun"},
            {"text": garble(t, rng), "label": "machine_garbled"},
        ]
    rows.append({"text": SHORT, "label": "original"})
    data = _write_jsonl(tmp_path / "eval.jsonl", rows)
    p = run("evaluate", "--model", model, data)
    assert p.returncode == 0, p.stderr
    assert "precision" in p.stdout and "confusion" in p.stdout and "ECE" in p.stdout
    assert "1 too_short" in p.stdout
    # JSON, from stdin, with one unknown label: reported with its line, left out, exit 1
    stdin = data.read_text() + json.dumps({"text": FRESH[0], "label": "other"}) + "\n"
    p = run("evaluate", "--model", model, "--format", "json", "-", stdin=stdin)
    assert p.returncode == 1
    assert p.stderr.splitlines()[0] == f"<stdin>:{len(rows) + 1}: unknown label 'other'; " + (
        "expected one of original, spun, machine_garbled"
    )
    report = json.loads(p.stdout)
    assert report["n"] == len(FRESH) * 3
    assert set(report["per_class"]) == set(LABELS)
    assert sum(map(sum, report["confusion"])) == report["n"]
    assert 0.0 <= report["ece"] <= 1.0
    assert report["not_judged"] == {"too_short": 1}
    assert "per_generator" not in report  # no generator column
    # CSV on stdin is read as CSV, as score and filter read it (it was read as JSON Lines)
    buf = io.StringIO()
    csv.DictWriter(buf, ["text", "label"]).writeheader()
    csv.DictWriter(buf, ["text", "label"]).writerows(rows)
    p = run("evaluate", "--model", model, "--format", "json", "-", stdin=buf.getvalue())
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["n"] == len(FRESH) * 3


def test_evaluate_reads_a_folders_files_of_records_not_its_readme(
    model: Path, tmp_path: Path
) -> None:
    """A folder of JSONL shards with a README beside them was read as a folder of documents:
    the README alone, refused, and "choose the columns with --text-field and --label-field".
    ``train`` and ``evaluate`` read a folder's files of records, each as it is."""
    rng = random.Random(5)
    rows = [{"text": t, "label": "original"} for t in FRESH]
    rows += [{"text": spin(t, rng), "label": "spun"} for t in FRESH]
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "README.md").write_text("# My labelled data\n\nRows of text and label.\n")
    _write_jsonl(folder / "part0.jsonl", rows[:3])
    with open(folder / "part1.csv", "w", newline="", encoding="utf-8") as fh:
        csv.DictWriter(fh, ["text", "label"]).writeheader()
        csv.DictWriter(fh, ["text", "label"]).writerows(rows[3:])
    p = run("evaluate", "--model", model, "--format", "json", folder)
    assert p.returncode == 0, p.stderr
    assert "README" not in p.stderr and json.loads(p.stdout)["n"] == len(rows)
    # an empty file was told to choose its columns; a file without the label column still is
    (tmp_path / "empty.jsonl").write_text("")
    p = run("evaluate", "--model", model, tmp_path / "empty.jsonl")
    assert p.returncode == 1 and "no records (empty)" in p.stderr and "--text-field" not in p.stderr
    p = run("evaluate", "--model", model, "--label-field", "y", folder / "part0.jsonl")
    assert (
        p.returncode == 1 and "choose the columns with --text-field and --label-field" in p.stderr
    )


def test_evaluate_reports_each_generator(model: Path, tmp_path: Path) -> None:
    rng = random.Random(4)
    rows = []
    for t in FRESH:
        rows += [
            # an original's generator column ("human") does not make it a system of its own
            {"text": t, "label": "original", "generator": "human"},
            {"text": spin(t, rng), "label": "spun", "generator": "spinner-x"},
            {"text": garble(t, rng), "label": "machine_garbled", "generator": "mt-y"},
        ]
    data = _write_jsonl(tmp_path / "gen.jsonl", rows)
    p = run("evaluate", "--model", model, data, "--format", "json")
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    per = report["per_generator"]
    assert set(per) == {"original", "spinner-x", "mt-y"}
    assert all(v["n"] == len(FRESH) for v in per.values())
    # the original row is 1 - the false-positive rate; the others are each class's recall
    assert per["original"]["recall"] == pytest.approx(1 - report["fpr_original"])
    assert per["spinner-x"]["recall"] == pytest.approx(report["per_class"]["spun"]["recall"])
    p = run("evaluate", "--model", model, data)
    assert "per generator" in p.stdout and "spinner-x" in p.stdout
    # a wrong label column: one reason that says so, not "no document could be judged"
    p = run("evaluate", "--model", model, data, "--label-field", "lbl")
    assert (
        p.returncode == 1
        and f"no row has a text and a known label ({len(rows)} left out" in p.stderr
    )
    # the Python API counts originals the same way
    from spundetect import Detector

    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    gens = [r.get("generator") for r in rows]
    assert set(Detector.load(model).evaluate(texts, labels, generators=gens)["per_generator"]) == {
        "original",
        "spinner-x",
        "mt-y",
    }


# ---------------------------------------------------------------- features
def test_features_text_path_and_json(model: Path, api: Any, tmp_path: Path) -> None:
    p = run("features", "--model", model, FRESH[0])
    assert p.returncode == 0, p.stderr
    values = {
        line.split()[0]: float(line.split()[1]) for line in p.stdout.split("\n\n")[0].splitlines()
    }
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        want = api.features(FRESH[0])
    assert list(values) == list(want)
    assert values == pytest.approx(want, rel=1e-5, abs=1e-9)
    page = tmp_path / "page.html"
    page.write_text(f"<nav>Menu</nav><p>{FRESH[0]}</p>")
    p = run("features", "--model", model, "--format", "json", page)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["features"] == pytest.approx(want)
    assert out["status"] == "ok"
    p = run("features", "--model", model, tmp_path / "missing.txt")
    assert p.returncode == 1 and "missing.txt: " in p.stderr
    no_traceback(p)
    text = FRESH[0] + " The caf\u00e9\u2019s owner agreed."
    legacy = tmp_path / "legacy.txt"  # its encoding named: the same values as in UTF-8
    legacy.write_bytes(text.encode("cp1252"))
    p = run("features", "--model", model, "--format", "json", "--encoding", "latin1", legacy)
    with threadpool_limits(limits=1):
        want = api.features(text)
    assert p.returncode == 0 and json.loads(p.stdout)["features"] == pytest.approx(want)


def test_features_tells_a_file_name_from_a_text(model: Path, tmp_path: Path) -> None:
    # a missing PDF or gzip, or a folder, was scored as the text of its name (exit 0); a long
    # text given on the command line was asked about as a file ("File name too long")
    for name in ("missing.pdf", "missing.docx", "notes.txt.gz"):
        p = run("features", "--model", model, tmp_path / name)
        assert p.returncode == 1 and f"{name}: No such file or directory" in p.stderr
        no_traceback(p)
    p = run("features", "--model", model, tmp_path)
    assert p.returncode == 1 and "Is a directory" in p.stderr
    p = run("features", "--model", model, "--format", "json", " ".join(FRESH[:3]) * 20)
    assert p.returncode == 0 and json.loads(p.stdout)["status"] == "ok", p.stderr


def test_features_reads_a_text_argument_that_is_not_utf8_as_its_encoding(
    model: Path, api: Any
) -> None:
    """Bytes that are not UTF-8 in the TEXT argument crashed ("surrogates not allowed ...
    please report it"), with --encoding too."""
    text = FRESH[0] + " The caf\u00e9 owner agreed."
    cmd = [*_command(), "features", "--model", str(model), "--format", "json"]

    def features(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [*cmd, *args], capture_output=True, cwd=REPO, env=_env(), timeout=180, check=False
        )

    p = features(text.encode("cp1252"))
    assert p.returncode == 1 and p.stdout == b""
    assert b"the TEXT given: not utf-8 (byte 0xe9 at" in p.stderr and b"--encoding" in p.stderr
    assert b"report it" not in p.stderr and b"Traceback" not in p.stderr
    p = features("--encoding", "windows-1252", text.encode("cp1252"))
    assert p.returncode == 0, p.stderr
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        want = api.features(text)
    assert json.loads(p.stdout)["features"] == pytest.approx(want)
    p = features(FRESH[0].encode() + b" \x01\x02\x03\x04\x05\x06\x07\x08" * 8)
    assert p.returncode == 1 and b"the TEXT given: binary" in p.stderr


def test_features_list() -> None:
    p = run("features", "--list", "--format", "json")
    assert p.returncode == 0, p.stderr
    families = json.loads(p.stdout)
    assert families and all(info["features"] for info in families.values())


def test_max_fpr_operating_point(model: Path, tmp_path: Path) -> None:
    from spundetect import Detector
    from spundetect.detector import default_model_dir

    if not (default_model_dir() / "card.json").is_file():
        pytest.skip("models/default holds no trained model yet")
    det = Detector.load().with_max_fpr(0.01)
    rng = random.Random(4)
    texts = [garble(FRESH[0], rng), spin(FRESH[1], rng), FRESH[2]]
    data = _write_jsonl(tmp_path / "d.jsonl", [{"text": t} for t in texts])
    p = run("score", "--max-fpr", "0.01", data)
    assert p.returncode == 0, p.stderr
    assert [r["label"] for r in jsonl(p.stdout)] == [det.score(t).label for t in texts]
    # a rate the model recorded no operating point for is a usage error, said plainly
    p = run("score", "--max-fpr", "0.0001", data)
    assert p.returncode == 2 and "no operating point" in p.stderr and p.stdout == ""
    no_traceback(p)
    # a tiny model validated on a few documents records none: also a clear usage error
    p = run("score", "--model", model, "--max-fpr", "0.05", data)
    assert p.returncode == 2 and "no operating point" in p.stderr
    p = run("score", "--max-fpr", "2", data)
    assert p.returncode == 2 and "between 0 and 1" in p.stderr
    # evaluate applies the card's points to the user's labelled rows
    rows = [{"text": t, "label": lab} for t, lab in zip(texts, LABELS[::-1])]
    labelled = _write_jsonl(tmp_path / "l.jsonl", rows)
    p = run("evaluate", "--format", "json", labelled)
    assert p.returncode == 0, p.stderr
    pts = json.loads(p.stdout)["operating_points"]
    assert [q["max_fpr"] for q in pts] == [q["max_fpr"] for q in det.card["operating_points"]]
    assert all(set(q["flagged"]) == set(LABELS) for q in pts)
    assert all(0.0 <= v <= 1.0 for q in pts for v in q["flagged"].values())
    p = run("evaluate", labelled)
    assert "operating points" in p.stdout


def test_your_own_threshold_chosen_by_evaluate(model: Path, api: Any, tmp_path: Path) -> None:
    rng = random.Random(6)
    # a threshold needs ten originals at least (a 10% rate of fewer is not one text)
    sources = [*FRESH, *ORIGINALS[:9]]
    texts = [t for f in sources for t in (f, spin(f, rng), garble(f, rng))]
    labels = [lab for _ in sources for lab in LABELS]
    rows = [{"text": t, "label": lab} for t, lab in zip(texts, labels)]
    labelled = _write_jsonl(tmp_path / "l.jsonl", rows)
    p = run("evaluate", "--model", model, "--format", "json", labelled)
    assert p.returncode == 0, p.stderr
    here = json.loads(p.stdout)["operating_points_here"]
    n_orig = labels.count("original")
    assert [q["max_fpr"] for q in here] == [
        r for r in (0.005, 0.01, 0.02, 0.05, 0.1) if r * n_orig >= 1
    ]
    for q in here:
        assert q["flagged"]["original"] <= q["max_fpr"]  # chosen on these texts
        assert "held_out" in q
    p = run("evaluate", "--model", model, labelled)
    assert "operating points chosen on these documents" in p.stdout
    assert "score --threshold P" in p.stdout
    few = _write_jsonl(tmp_path / "few.jsonl", rows[:9])  # three originals: no rate resolved
    p = run("evaluate", "--model", model, few)
    assert p.returncode == 0 and "these hold 3" in p.stdout
    # score and filter take the threshold; the labels are the API's at that threshold
    data = _write_jsonl(tmp_path / "d.jsonl", [{"text": t} for t in texts])
    mine = api.with_threshold(0.5)
    p = run("score", "--model", model, "--threshold", "0.5", data)
    assert p.returncode == 0, p.stderr
    assert [r["label"] for r in jsonl(p.stdout)] == [mine.score(t).label for t in texts]
    lines = _filter_input(texts)
    q = run("filter", "--model", model, "--threshold", "0.5", stdin=b"\n".join(lines) + b"\n")
    assert q.returncode == 0, q.stderr
    keep = [mine.score(t).label == "original" for t in texts]
    assert q.stdout.encode().splitlines() == [x for x, k in zip(lines, keep) if k]
    # one decision rule at a time, and a threshold is a probability: usage errors
    for cmd, extra in (("score", (data,)), ("filter", ())):
        r = run(cmd, "--model", model, "--threshold", "0.5", "--max-fpr", "0.01", *extra)
        assert r.returncode == 2 and "not allowed with" in r.stderr
        r = run(cmd, "--model", model, "--threshold", "1.2", *extra)
        assert r.returncode == 2 and "between 0 and 1" in r.stderr
        no_traceback(r)


def test_table_quotes_an_excerpt_once() -> None:
    import io

    from spundetect.cli import _TableWriter

    out = io.StringIO()
    w = _TableWriter(out, explain=True)
    reasons = [
        {
            "message": "'U. S.': an abbreviation split by a space (6 times in the text)",
            "excerpt": "U. S.",
        },
        {
            "message": "the least usual word order in the text",
            "excerpt": "Required fields\nare marked",
        },
        # the excerpt as given, the message's quote as read: without a zero-width space or an
        # emoji beside the stop, it is the same quote (it was shown twice)
        {"message": "'U. S.': an abbreviation split by a space", "excerpt": "U.\u200b S."},
        {"message": "'U. S.': an abbreviation split by a space", "excerpt": "U. \U0001f642 S."},
        {"message": "lexical.msttr = 0.9: higher than in 95% of original texts", "excerpt": ""},
    ]
    probs = {"original": 0.1, "spun": 0.2, "machine_garbled": 0.7}
    w.write(
        {
            "id": "x",
            "label": "machine_garbled",
            "probabilities": probs,
            "status": "ok",
            "reasons": reasons,
        }
    )
    lines = out.getvalue().splitlines()[2:]
    assert lines[0].endswith("(6 times in the text)") and "«" not in lines[0]
    assert lines[1].endswith("«Required fields are marked»")  # not in the message: shown once
    assert lines[2].endswith("split by a space") and lines[3].endswith("split by a space")
    assert "«" not in lines[4]


def test_what_the_data_holds_never_drives_the_terminal(tmp_path: Path) -> None:
    # an escape sequence in an id or a field name recoloured or retitled the terminal, and a
    # line break in an id forged a row of the table
    data = tmp_path / "esc.jsonl"
    data.write_text(
        json.dumps({"id": "evil\x1b[31mRED\x1b[0m\nfake row\u202e", "text": "x y z"}) + "\n"
        + json.dumps({"\x1b]0;pwned\x07k": 1}) + "\n"
    )  # fmt: skip
    p = run("score", "--format", "table", data)
    assert p.returncode == 1
    for out in (p.stdout, p.stderr):
        assert not any(c in out for c in "\x1b\x07\u202e"), out
    rows = p.stdout.splitlines()
    assert rows[1].endswith("evil\\x1b[31mRED\\x1b[0m\\nfake row\\u202e")
    assert "fields: \\x1b]0;pwned\\x07k" in p.stderr


def test_card_prints_the_model_card(model: Path) -> None:
    from spundetect.card import CARD_PAGE_NAME, card_markdown, read_card

    card = read_card(model)
    p = run("card", "--model", model)
    assert p.returncode == 0, p.stderr
    # the page `train` wrote beside the card, and what `card` prints, are the card rendered
    assert p.stdout == card_markdown(card) == (model / CARD_PAGE_NAME).read_text(encoding="utf-8")
    assert p.stdout.startswith("# Model card")
    assert f"{card['training']['n_documents']:,} documents" in p.stdout
    for point in card.get("operating_points") or []:
        assert f"| {point['max_fpr']} | {point['threshold']:.3f} |" in p.stdout
    p = run("card", "--model", model, "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == card
    p = run("card", "--model", model.parent / "no-such-model")
    assert p.returncode == 1 and "Traceback" not in p.stderr


def test_the_progress_bar_counts_what_is_scored_not_what_is_read_ahead() -> None:
    """Input is read ahead of scoring: the bar showed 100% after 6 of 60 documents."""
    from spundetect.cli.output import Progress

    stream = io.StringIO()
    bar = Progress(stream, total_bytes=1000)
    for _ in range(10):  # ten documents of 100 bytes read at once, as a batch is
        bar.add_bytes(100)
        bar.read_one()
    for _ in range(6):
        bar.tick()
    bar._draw(bar.start + 1.0)
    # the sixth document's bytes were read before it: 600 of 1,000 are done
    assert stream.getvalue().endswith("\r\x1b[K[##############----------]  60%  6 docs  6.0 docs/s")
    assert bar.bytes == 1000 and bar.done_bytes == 600


@pytest.mark.parametrize(
    "command",
    [
        ("score", "--format", "jsonl", "--jobs", "1"),
        ("score", "--format", "jsonl", "--jobs", "2"),
        ("filter", "--drop", "none"),
        ("match", "--within"),
    ],
    ids=["score", "score-jobs-2", "filter", "match"],
)
def test_a_live_stream_on_stdin_is_answered_as_it_comes(
    model: Path, docs: list[str], command: tuple[str, ...]
) -> None:
    """Records fed one at a time on a pipe held open: the answers were held back until 64 more
    came or stdin closed (buffers, and batches scored only when full). Run without
    PYTHONUNBUFFERED, as users run it."""
    env = {k: v for k, v in _env().items() if k != "PYTHONUNBUFFERED"}
    model_args = () if command[0] == "match" else ("--model", str(model))
    proc = subprocess.Popen(
        [*_command(), *command, *model_args, "--input-format", "jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
        env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    got = b""
    try:
        for k, text in enumerate(docs[:3]):
            proc.stdin.write((json.dumps({"id": f"d{k}", "text": text}) + "\n").encode())
            proc.stdin.flush()
            deadline = time.monotonic() + 90
            while got.count(b"\n") < k + 1 and time.monotonic() < deadline:
                ready, _, _ = select.select([proc.stdout], [], [], 0.2)
                if ready:
                    got += os.read(proc.stdout.fileno(), 65536)
            assert got.count(b"\n") == k + 1, (k, got)  # answered with stdin still open
    finally:
        proc.stdin.close()
        proc.wait(timeout=120)
    assert [r["id"] for r in jsonl(got.decode())] == ["d0", "d1", "d2"]


def test_the_table_rounds_the_probabilities_once_as_the_html_page_does() -> None:
    """The table rounded the record's four-place values again: P 0.0549566 read 0.06 in the
    table, 0.055 in JSON and 0.05 on the HTML page."""
    from spundetect.cli.output import _TableWriter
    from spundetect.result import Result

    res = Result("original", {"original": 0.87504, "spun": 0.0700034, "machine_garbled": 0.0549566})
    out = io.StringIO()
    _TableWriter(out, explain=False).write({"id": "a", **res.to_dict()}, "", res)
    row = out.getvalue().splitlines()[1].split()
    assert row[:4] == ["original", "0.88", "0.07", "0.05"]


def test_the_progress_bar_fits_a_narrow_terminal_and_a_dumb_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A line wider than the terminal wrapped, and each redraw left a stale row; on
    ``TERM=dumb`` the erase sequence was printed as text."""
    from spundetect.cli.output import Progress

    monkeypatch.setenv("COLUMNS", "20")  # what a StringIO's terminal size falls back to
    stream = io.StringIO()
    bar = Progress(stream, total_bytes=1000)
    for _ in range(6):
        bar.add_bytes(100)
        bar.read_one()
        bar.tick()
    bar._draw(bar.start + 1.0)
    drawn = stream.getvalue().split("\x1b[K")[-1]
    assert drawn == "[##############----"  # 19 characters: one row
    monkeypatch.setenv("TERM", "dumb")
    stream = io.StringIO()
    bar = Progress(stream, total_bytes=None)
    bar._draw(bar.start + 1.0)
    bar._draw(bar.start + 2.0)
    bar.clear()
    assert "\x1b" not in stream.getvalue()
    width = len("0 docs  0.0 docs/s")
    assert stream.getvalue().endswith("\r" + " " * width + "\r")


def test_a_table_row_never_shares_a_line_with_the_progress_bar(
    model: Path, docs: list[str], tmp_path: Path
) -> None:
    """On a terminal, stdout and stderr are one screen: each row is written after the bar is
    cleared and flushed before the bar is drawn again."""
    rows = [{"id": f"d{i}", "text": t} for i, t in enumerate(docs * 3)]
    data = _write_jsonl(tmp_path / "docs.jsonl", rows)
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*_command(), "score", "--model", str(model), "--jobs", "1", str(data)],
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        env=_env(),
    )
    os.close(slave)
    out = _read_all(master, proc)
    os.close(master)
    assert proc.wait(timeout=120) == 0
    # what the screen shows: a carriage return goes back to the line's start, and the bar
    # clears what follows it ("\x1b[K") before a row is written there
    lines = [ln.split("\r")[-1].replace("\x1b[K", "") for ln in out.decode().split("\r\n")]
    scored = [ln for ln in lines if ln.rstrip().endswith(tuple(r["id"] for r in rows))]
    assert len(scored) == len(rows)
    assert not [ln for ln in scored if "docs/s" in ln]  # no bar inside a row


def test_filter_keeps_a_non_utf8_line_whole_and_says_what_explain_needs(tmp_path: Path) -> None:
    import base64

    data = tmp_path / "latin1.jsonl"
    latin = b'{"id": "latin", "text": "caf\xe9 au lait"}\n'
    data.write_bytes(json.dumps({"id": "a", "text": ORIGINALS[0]}).encode() + b"\n" + latin)
    rejected = tmp_path / "rejected.jsonl"
    p = run("filter", data, "--rejected", rejected)
    assert p.returncode == 1
    (line,) = [json.loads(x) for x in rejected.read_text().splitlines()]
    assert line["spundetect"]["status"] == "unreadable"
    assert base64.b64decode(line["line_base64"]) + b"\n" == latin  # nothing lost
    p = run("filter", data, "--explain")
    assert "--explain adds the evidence to the --rejected records" in p.stderr
    # stdin can be read once
    p = run("score", "-", "-", stdin=ORIGINALS[0])
    assert p.returncode == 2 and "stdin ('-') is given more than once" in p.stderr


def test_train_refuses_an_out_it_could_not_write_before_training(
    workdir: Path, tmp_path: Path
) -> None:
    """Found only after the whole training, as an internal error ("please report it")."""
    (tmp_path / "afile").write_text("x")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    for out, says in (
        (tmp_path / "afile" / "sub", "is a file, not a directory"),
        (tmp_path / "dangling", "which does not exist"),
    ):
        p = run("train", workdir / "train.jsonl", "--out", out)
        assert p.returncode == 1 and says in p.stderr and "report it" not in p.stderr, p.stderr
        assert "held-out evaluation" not in p.stdout  # nothing was trained
    p = run("train", workdir / "train.jsonl", "--out", "")  # an unset variable: not "."
    assert p.returncode == 2 and "--out: an empty path" in p.stderr
    p = run("card", "--model", "")  # not the shipped model's card
    assert p.returncode == 2 and "--model: an empty path" in p.stderr and p.stdout == ""


def test_train_force_keeps_the_old_model_until_the_new_one_is_whole(
    api: Any, model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``train --force`` saved over the old model file by file: stopped in the middle, it
    left a directory that loaded as neither. The model is now saved beside ``--out`` and
    moved into place whole."""
    from spundetect import Detector
    from spundetect.cli.training import _save_replacing

    out = tmp_path / "m"
    shutil.copytree(model, out)
    before = {f.name: f.read_bytes() for f in out.iterdir()}
    real_save = Detector.save

    def interrupted(self: Detector, path: Any) -> Path:
        real_save(self, path)
        raise KeyboardInterrupt  # Ctrl-C after the files are written, before the move

    monkeypatch.setattr(Detector, "save", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _save_replacing(api, out)
    assert {f.name: f.read_bytes() for f in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]  # nothing left beside it
    monkeypatch.setattr(Detector, "save", real_save)
    # a whole save replaces it, through a link to it too, and the link stays a link
    (out / "stale.txt").write_text("from the old model")
    link = tmp_path / "link"
    link.symlink_to(out)
    _save_replacing(api, link)
    assert link.is_symlink() and not (out / "stale.txt").exists()
    assert (
        Detector.load(link).score(ORIGINALS[0]).probabilities
        == api.score(ORIGINALS[0]).probabilities
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "m"]
    (tmp_path / "made").mkdir()
    assert (out.stat().st_mode & 0o777) == ((tmp_path / "made").stat().st_mode & 0o777)


def test_train_without_groups_keeps_copies_together_and_says_how_it_split(
    workdir: Path, tmp_path: Path
) -> None:
    """Each row three times and no group column: copies on both sides of the validation split
    made a model that had learnt them by heart score a perfect validation."""
    rows = [json.loads(line) for line in (workdir / "train.jsonl").read_text().splitlines()]
    for r in rows:
        del r["group"]
    data = _write_jsonl(tmp_path / "dup.jsonl", rows * 3)
    out = tmp_path / "m"
    p = run("train", data, "--out", out, "--reference", next(workdir.glob("reference*")))
    assert p.returncode == 0, p.stderr
    assert "split by text: no groups" in p.stdout and "group-aware" not in p.stdout
    card = json.loads((out / "card.json").read_text())
    distinct = len({" ".join(r["text"].split()).casefold() for r in rows})
    copies = 3 * len(rows) - distinct
    assert f"{copies:,} identical copies kept with their first" in card["training"]["groups"]
    assert "text-held-out (no groups given)" in card["training"]["stacking"]
    assert card["training"]["inputs"] == [str(data)]
    assert 0 < card["training"]["n_validation"] < len(rows) * 3
    # the validation share holds no copy of a training text
    from spundetect.detector import _groups_with_copies

    groups, _ = _groups_with_copies([r["text"] for r in rows * 3], None)
    assert len(set(groups)) == distinct
    assert groups[len(rows) :] == groups[: len(rows)] * 2  # each copy with its first
    unique = [f"{i}: {r['text']}" for i, r in enumerate(rows)]  # no copies: the split of old
    assert _groups_with_copies(unique, None)[0] == list(range(len(rows)))


def test_train_without_originals_warns_that_it_never_says_original(
    workdir: Path, tmp_path: Path
) -> None:
    rows = [json.loads(line) for line in (workdir / "train.jsonl").read_text().splitlines()]
    data = _write_jsonl(tmp_path / "no.jsonl", [r for r in rows if r["label"] != "original"])
    out = tmp_path / "m"
    p = run("train", data, "--out", out, "--reference", next(workdir.glob("reference*")))
    assert p.returncode == 0, p.stderr
    assert "warning: no original texts to train on: the model never labels a text original" in (
        p.stderr
    )
    page = (out / "MODEL_CARD.md").read_text()
    assert "Trained without `original` texts: it never gives that label." in page
    q = run("evaluate", data, "--model", out)
    assert "false-positive rate on originals - (no originals)" in q.stdout, q.stdout


# ---------------------------------------------------------------- worker processes
def test_jobs_is_at_most_one_a_core(model: Path, tmp_path: Path) -> None:
    from spundetect.cli.scoring import _cpu_count

    many = str(_cpu_count() + 3)
    p = run("score", "--model", model, "--jobs", many, stdin=FRESH[0])
    assert p.returncode == 0, p.stderr
    assert f"--jobs {many} lowered to {_cpu_count()}" in p.stderr
    assert len(jsonl(p.stdout)) == 1


def test_no_more_workers_than_batches(api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from spundetect import detector

    def no_pool(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a worker pool was started for one batch")

    monkeypatch.setattr(detector, "ProcessPoolExecutor", no_pool)
    assert [r.ok for r in api.score_many(FRESH, n_jobs=8)] == [True] * len(FRESH)


def _fail_after_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    # the second worker cannot start (as past the open-file or process limit)
    from concurrent.futures import ProcessPoolExecutor

    spawn = ProcessPoolExecutor._spawn_process  # type: ignore[attr-defined]

    def spawn_once(self: Any) -> None:
        if self._processes:
            raise OSError(24, "Too many open files")
        spawn(self)

    monkeypatch.setattr(ProcessPoolExecutor, "_spawn_process", spawn_once)


def _no_children_left() -> list[Any]:
    import multiprocessing

    left = multiprocessing.active_children()
    for proc in left:  # not to hang this test run when the code under test leaves some
        proc.kill()
        proc.join()
    return left


def test_a_pool_that_fails_to_start_leaves_no_worker(
    api: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_after_one_worker(monkeypatch)
    texts = FRESH * 12  # more than one batch
    try:
        with pytest.raises(OSError, match="Too many open files"):
            list(api.score_many(texts, n_jobs=2, batch_size=4))
    finally:
        left = _no_children_left()
    assert left == []


def test_a_pool_that_fails_to_start_is_a_clear_error(
    model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from spundetect.cli import main, scoring

    monkeypatch.setattr(scoring, "_cpu_count", lambda: 4)
    _fail_after_one_worker(monkeypatch)
    data = _write_jsonl(tmp_path / "d.jsonl", [{"text": t} for t in FRESH * 12])
    try:
        code = main(["score", "--model", str(model), "--jobs", "2", str(data)])
    finally:
        left = _no_children_left()
    err = capsys.readouterr().err
    assert code == 1 and left == []
    assert "cannot start 2 worker processes (Too many open files); try a smaller --jobs" in err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_a_library_wrapped_in_its_own_error_still_ends_the_run_as_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    signum: int,
) -> None:
    """numpy makes a ``ValueError`` of any exception raised while it parses a buffer format,
    which scikit-learn's fit does: a SIGTERM landing there came out as "cannot train: '...' is
    not a valid PEP 3118 buffer format string", exit 1, not "terminated", 143."""
    import spundetect.detector
    from spundetect.cli import _Terminated, main

    def wrapped(*args: Any, **kwargs: Any) -> None:
        try:
            if signum == signal.SIGTERM:
                raise _Terminated(signum)
            raise KeyboardInterrupt
        except BaseException as exc:
            raise ValueError("'T{d:val:}' is not a valid PEP 3118 buffer format string") from exc

    monkeypatch.setattr(spundetect.detector, "train", wrapped)
    rows = [{"text": t, "label": lab} for t, lab in zip(FRESH, ["original", "spun"] * 3)]
    data = _write_jsonl(tmp_path / "d.jsonl", rows)
    code = main(["train", str(data), "--out", str(tmp_path / "m")])
    err = capsys.readouterr().err
    assert code == 128 + signum and "PEP 3118" not in err
    assert ("terminated" if signum == signal.SIGTERM else "interrupted") in err
    assert not (tmp_path / "m").exists()


# ---------------------------------------------------------------- filter's outputs
def _drop_all() -> tuple[str, ...]:
    # every record is dropped (judged or not): each lands in --rejected
    return ("--drop", "original,spun,machine_garbled", "--unjudged", "drop")


def _run_to(
    out: Path, *args: str | Path, mode: str = "wb", stdin_from: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``spundetect ARGS`` with stdout redirected to the file ``out`` (and stdin read from
    the file ``stdin_from``: nothing when not given)."""
    with contextlib.ExitStack() as files:
        f = files.enter_context(open(out, mode))
        stdin = files.enter_context(open(stdin_from, "rb")) if stdin_from else subprocess.DEVNULL
        proc = subprocess.run(
            [*_command(), *map(str, args)],
            stdin=stdin,
            stdout=f,
            stderr=subprocess.PIPE,
            cwd=REPO,
            env=_env(),
            timeout=60,
            check=False,
        )
    return subprocess.CompletedProcess(proc.args, proc.returncode, "", proc.stderr.decode())


def test_filter_refuses_a_rejected_file_it_reads_however_it_is_found(
    model: Path, tmp_path: Path
) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    a = _write_jsonl(shards / "a.jsonl", [{"id": "a", "text": FRESH[0]}])
    b = _write_jsonl(shards / "b.jsonl", [{"id": "b", "text": FRESH[1]}])
    wire = _write_jsonl(tmp_path / "wire.jsonl", [{"id": "w", "text": FRESH[2]}])
    alias = tmp_path / "alias.jsonl"
    os.link(a, alias)
    before = {f: f.read_bytes() for f in (a, b, wire)}
    for args, shown in [
        ((shards, "--rejected", b), "is also an input file"),  # found by walking the folder
        ((a, "--sources", wire, "--rejected", wire), "is also an input file"),  # a source
        ((a, "--rejected", alias), f"is also an input file ({a})"),  # a hard link to one
    ]:
        p = run("filter", "--model", model, *args)
        assert p.returncode == 2 and shown in p.stderr, p.stderr
        assert p.stdout == ""
    assert {f: f.read_bytes() for f in (a, b, wire)} == before  # nothing was emptied


def test_filter_refuses_stdout_redirected_into_an_input(model: Path, tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    a = _write_jsonl(shards / "a.jsonl", [{"id": "a", "text": FRESH[0]}])
    before = a.read_bytes()
    # filter a.jsonl >> a.jsonl: it would read what it appends, without end (cat refuses it)
    p = _run_to(a, "filter", "--model", model, a, mode="ab")
    assert p.returncode == 2 and f"stdout is also an input file ({a})" in p.stderr, p.stderr
    assert a.read_bytes() == before
    # filter shards > shards/kept.jsonl: the shell makes kept.jsonl before the walk finds it
    p = _run_to(shards / "kept.jsonl", "filter", "--model", model, shards)
    assert p.returncode == 2 and "stdout is also an input file" in p.stderr, p.stderr
    # --rejected and stdout one file: one would overwrite the other
    p = _run_to(tmp_path / "out.jsonl", "filter", "--model", model, a,
                "--rejected", tmp_path / "out.jsonl")  # fmt: skip
    assert p.returncode == 2 and "is also stdout" in p.stderr, p.stderr


def test_every_command_refuses_stdout_redirected_into_what_it_reads(
    model: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(FRESH[0], encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(FRESH[1], encoding="utf-8")
    folder = tmp_path / "suspects"
    folder.mkdir()
    inside = folder / "s.txt"
    inside.write_text(FRESH[2], encoding="utf-8")
    data = _write_jsonl(tmp_path / "data.jsonl", [{"text": FRESH[0], "label": "original"}])
    runs: list[tuple[Path, tuple[str | Path, ...]]] = [
        (article, ("score", "--model", model, article)),
        (article, ("features", article)),
        (article, ("compare", other, article)),
        (inside, ("match", folder, "--sources", other)),  # found by walking the folder
        (article, ("match", other, "--sources", article)),  # a source
        (data, ("evaluate", "--model", model, data)),
        (data, ("train", data, "--out", tmp_path / "m")),
    ]
    for target, args in runs:
        before = target.read_bytes()
        # COMMAND FILE >> FILE: the results would be appended to what it reads
        p = _run_to(target, *args, mode="ab")
        assert p.returncode == 2, (args, p.stderr)
        assert f"stdout is also an input file ({target})" in p.stderr, (args, p.stderr)
        assert "emptied" not in p.stderr
        assert target.read_bytes() == before  # refused before a byte was written
    assert not (tmp_path / "m").exists()
    # score FILE > FILE: the shell has emptied it already; the message says so
    p = _run_to(article, "score", "--model", model, article)
    assert p.returncode == 2 and "emptied by the shell" in p.stderr, p.stderr
    # through stdin: score < FILE >> FILE
    p = _run_to(other, "score", "--model", model, mode="ab", stdin_from=other)
    assert p.returncode == 2 and "stdout is also an input file (stdin)" in p.stderr, p.stderr
    assert other.read_text(encoding="utf-8") == FRESH[1]
    # another file is fine
    article.write_text(FRESH[0], encoding="utf-8")
    p = _run_to(tmp_path / "scores.jsonl", "score", "--model", model, article, other)
    assert p.returncode == 0, p.stderr
    assert len(jsonl((tmp_path / "scores.jsonl").read_text())) == 2


def test_filter_rejected_inside_the_folder_it_reads_is_not_read_back(
    model: Path, tmp_path: Path
) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    rows = [{"id": f"r{i}", "text": t} for i, t in enumerate([*FRESH, SHORT])]
    _write_jsonl(shards / "a.jsonl", rows)
    rej = shards / "rejected.jsonl"  # new, in the folder being walked
    p = run("filter", "--model", model, shards, *_drop_all(), "--rejected", rej, timeout=60)
    assert p.returncode == 0, p.stderr
    assert [r["id"] for r in jsonl(rej.read_text())] == [r["id"] for r in rows]
    assert f"kept 0 of {len(rows)} record(s)" in p.stderr
    assert sorted(f.name for f in shards.iterdir()) == ["a.jsonl", "rejected.jsonl"]  # no temp
    # run again: the earlier rejected file is in the folder now, so it would be read
    p = run("filter", "--model", model, shards, *_drop_all(), "--rejected", rej)
    assert p.returncode == 2 and "is also an input file" in p.stderr
    assert len(jsonl(rej.read_text())) == len(rows)


def test_filter_rejected_usage_errors_come_before_it_is_written(
    model: Path, tmp_path: Path
) -> None:
    data = _write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": FRESH[0]}])
    p = run("filter", "--model", model, data, *_drop_all(), "--rejected", "")
    assert p.returncode == 2 and '--rejected ""' in p.stderr and p.stdout == ""
    p = run("filter", "--model", model, data, "--rejected", "-")
    assert p.returncode == 2 and "--rejected -" in p.stderr and p.stdout == ""
    old = tmp_path / "old_rejected.jsonl"
    old.write_text('{"kept": "from an earlier run"}\n')
    p = run("filter", "--model", model, "--sources", "-", "--rejected", old,
            stdin=data.read_bytes())  # fmt: skip
    assert p.returncode == 2 and "stdin can hold the sources or the records" in p.stderr
    p = run("filter", "--model", model, data, "--sources", tmp_path / "missing.jsonl",
            "--rejected", old)  # fmt: skip
    assert p.returncode == 1 and "no source could be read" in p.stderr
    assert old.read_text() == '{"kept": "from an earlier run"}\n'
    assert sorted(f.name for f in tmp_path.iterdir()) == ["in.jsonl", "old_rejected.jsonl"]


def test_filter_rejected_names_files_whose_names_are_not_utf8(model: Path, tmp_path: Path) -> None:
    if sys.platform == "darwin":
        pytest.skip("the file system takes only UTF-8 names")
    odd = tmp_path / "odd"
    odd.mkdir()
    name = os.fsdecode(b"sh\xffard.jsonl")
    rows = [json.dumps({"text": ORIGINALS[0]}), "{broken", json.dumps({"text": ORIGINALS[0]})]
    (odd / name).write_text("\n".join(rows) + "\n")
    _write_jsonl(odd / "zz.jsonl", [{"id": "z", "text": FRESH[1]}])
    rej = tmp_path / "rej.jsonl"
    p = run("filter", "--model", model, odd, *_drop_all(), "--rejected", rej)
    assert p.returncode == 1, p.stderr  # the broken line; nothing else went wrong
    no_traceback(p)
    got = jsonl(rej.read_text(encoding="utf-8"))
    wheres = [r["spundetect"]["where"] for r in got]
    assert wheres == [f"{odd / name}:{n}" for n in (1, 2, 3)] + [f"{odd / 'zz.jsonl'}:1"]
    # --within: the copy names the record it follows, by its place
    p = run("filter", "--model", model, odd, "--within", "--rejected", rej)
    no_traceback(p)
    copies = [r["spundetect"] for r in jsonl(rej.read_text()) if "source_id" in r["spundetect"]]
    assert [c["source_id"] for c in copies] == [f"{odd / name}:1"]


def test_filter_rejected_keeps_the_line_and_its_own_fields(model: Path, tmp_path: Path) -> None:
    text = json.dumps(FRESH[0])
    line = (
        '  {"id":"a", "text":' + text + ',"x":1e400,"k":1,"k":2,"n":12345678901234567890,'
        '"f":0.10000000000000001,"spundetect":"my own field"}  '
    ).encode()
    data = tmp_path / "rt.jsonl"
    data.write_bytes(line + b"\r\n" + json.dumps({"id": "b", "text": FRESH[1]}).encode() + b"\n")
    rej = tmp_path / "rej.jsonl"
    p = run("filter", "--model", model, data, *_drop_all(), "--rejected", rej)
    assert p.returncode == 0, p.stderr
    first, second = rej.read_bytes().splitlines()
    end = line.rindex(b"}")
    assert first.startswith(line[:end] + b", ") and first.endswith(line[end:])  # spliced in

    def strict(value: str) -> None:
        raise ValueError(f"not JSON: {value}")

    pairs = json.loads(first, object_pairs_hook=lambda p: p, parse_constant=strict)
    keys = [k for k, _ in pairs]
    assert keys == ["id", "text", "x", "k", "k", "n", "f", "spundetect", "spundetect_verdict"]
    verdict = dict(pairs)["spundetect_verdict"]
    assert dict(pairs)["spundetect"] == "my own field"
    assert dict(verdict)["where"] == f"{data}:1" and dict(verdict)["keep"] is False
    assert json.loads(second)["spundetect"]["where"] == f"{data}:2"


def test_filter_rejected_in_input_order_whatever_the_jobs(model: Path, tmp_path: Path) -> None:
    rng = random.Random(4)
    lines = []
    for i in range(48):  # three batches of 16 for two workers, a bad line every few
        lines.append(json.dumps({"text": rng.choice([*FRESH, *ORIGINALS[:3], SHORT])}))
        if i % 5 == 2:
            lines.append('{"text": broken')
    data = tmp_path / "mixed.jsonl"
    data.write_text("\n".join(lines) + "\n")
    out = {}
    for jobs in ("1", "2"):
        rej = tmp_path / f"rej{jobs}.jsonl"
        p = run("filter", "--model", model, data, *_drop_all(), "--jobs", jobs,
                "--rejected", rej)  # fmt: skip
        assert p.returncode == 1, p.stderr
        out[jobs] = rej.read_bytes()
    assert out["1"] == out["2"]
    got = jsonl(out["1"].decode())
    assert [r["spundetect"]["where"] for r in got] == [
        f"{data}:{n}" for n in range(1, len(lines) + 1)
    ]


def _writes_fail() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")


def test_a_failed_write_is_named_not_reported_as_a_bug(model: Path, tmp_path: Path) -> None:
    _writes_fail()
    data = _write_jsonl(tmp_path / "d.jsonl", [{"id": i, "text": FRESH[0]} for i in range(40)])
    p = _run_to(Path("/dev/full"), "score", "--model", model, data)
    assert p.returncode == 1
    assert p.stderr == "spundetect: error: cannot write to stdout: No space left on device\n"
    p = run("filter", "--model", model, data, *_drop_all(), "--rejected", "/dev/full")
    assert p.returncode == 1
    assert p.stderr == (
        "spundetect: error: cannot write to --rejected /dev/full: No space left on device\n"
    )
    p = _run_to(Path("/dev/full"), "card", "--model", model)
    assert p.returncode == 1 and "cannot write to stdout" in p.stderr


# ---------------------------------------------------------------- signals
def _children(pid: int) -> set[int]:
    """The live (not zombie) child processes of ``pid``, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _default_signals() -> None:
    # a test run under nohup would pass its ignored SIGHUP on (which the command keeps)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def _filter_with_workers(model: Path, tmp_path: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    """``filter --jobs 2`` reading stdin that stays open, once its workers run."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc")
    from spundetect.cli.scoring import _cpu_count

    if _cpu_count() < 2:
        pytest.skip("one core: --jobs 2 runs one process")
    rej = str(tmp_path / "rej.jsonl")
    args = ["filter", "--model", str(model), "--jobs", "2", *_drop_all(), "--rejected", rej]
    proc = subprocess.Popen(
        [*_command(), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
        preexec_fn=_default_signals,
    )
    assert proc.stdin is not None
    rows = "".join(json.dumps({"text": t}) + "\n" for t in FRESH * 16)  # three batches
    proc.stdin.write(rows.encode())
    proc.stdin.flush()  # and kept open: the command waits for more once those are scored
    deadline = time.monotonic() + 60
    while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    if len(workers) < 2:
        proc.kill()
        pytest.fail("the workers did not start")
    return proc, workers


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_json_array_stopped_short_is_still_json(
    model: Path, tmp_path: Path, sig: int, status: int
) -> None:
    # Ctrl-C or SIGTERM left the array open: what was written could not be read as JSON
    out = tmp_path / "out.json"
    with out.open("wb") as sink:
        proc = subprocess.Popen(
            [*_command(), "score", "--model", str(model), "--format", "json"],
            stdin=subprocess.PIPE,
            stdout=sink,
            stderr=subprocess.PIPE,
            cwd=REPO,
            env=_env(),
            preexec_fn=_default_signals,
        )
        assert proc.stdin is not None
        rows = "".join(json.dumps({"text": t}) + "\n" for t in FRESH * 40)  # batches of them
        proc.stdin.write(rows.encode())
        proc.stdin.flush()  # and kept open: the command waits for more once those are scored
        deadline = time.monotonic() + 60
        while out.stat().st_size == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(sig)
        try:
            _, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
    assert proc.returncode == status, err.decode()[-3000:]
    scored = json.loads(out.read_text())
    assert 0 < len(scored) <= len(FRESH) * 40 and all(r["status"] == "ok" for r in scored)


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_stop_the_run_as_ctrl_c_does(
    model: Path, tmp_path: Path, sig: int, status: int
) -> None:
    proc, workers = _filter_with_workers(model, tmp_path)
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        left = _alive(workers)  # stopped before the command ended
        for pid in left:
            os.kill(pid, signal.SIGKILL)
    assert proc.returncode == status, err.decode()[-3000:]  # what the command said, if not
    assert "spundetect: terminated" in err.decode() and "Traceback" not in err.decode()
    assert left == set()
    rejected = jsonl((tmp_path / "rej.jsonl").read_text())  # in place, whole lines
    assert all(r["spundetect"]["keep"] is False for r in rejected)
    assert [f.name for f in tmp_path.iterdir()] == ["rej.jsonl"]


def test_workers_die_with_a_command_killed_outright(model: Path, tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the kernel ends the workers on Linux only")
    proc, workers = _filter_with_workers(model, tmp_path)
    proc.kill()
    proc.wait(timeout=60)
    deadline = time.monotonic() + 4
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _alive(workers)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == set()


def test_a_sighup_ignored_when_started_stays_ignored(model: Path) -> None:
    def nohup() -> None:
        _default_signals()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    # SIGHUP ignored, as nohup asked; then SIGTERM ends the run
    status, err = _signalled_while_reading_a_terminal(model, nohup, signal.SIGHUP, signal.SIGTERM)
    assert status == 143 and "terminated" in err


_SIGNAL_ON_ANOTHER_THREAD = """
import signal, sys, threading
from spundetect import cli

# The kernel gives the process's SIGTERM to a thread that does not block it: this one. Python
# notes it there but runs the handler in the main thread, whose read is not interrupted: as
# when the signal lands just before the read begins (the SIGHUP test's flake under load).
threading.Thread(target=threading.Event().wait, daemon=True).start()
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_a_sigterm_the_terminal_read_did_not_see_still_ends_the_run(model: Path) -> None:
    """A signal that does not interrupt the blocking read of a terminal (it came just before
    the read, or to another thread) was handled only once input came: the run waited for
    good."""
    status, err = _signalled_while_reading_a_terminal(
        model,
        _default_signals,
        signal.SIGTERM,
        command=[sys.executable, "-c", _SIGNAL_ON_ANOTHER_THREAD],
        asleep=True,
    )
    assert status == 143 and "terminated" in err


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_a_sigterm_the_read_of_a_named_pipe_did_not_see_still_ends_the_run(
    model: Path, tmp_path: Path
) -> None:
    """The same for a pipe given by its path (a named pipe, ``<(tail -f log)``) whose writer
    is idle: the run waited for the writer's next line (sixty-second session)."""
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    held = os.open(fifo, os.O_RDWR)  # a writer that never writes
    proc = subprocess.Popen(
        [sys.executable, "-c", _SIGNAL_ON_ANOTHER_THREAD, "score", "--model", str(model), fifo],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
        preexec_fn=_default_signals,
    )
    try:
        task = Path(f"/proc/{proc.pid}/task/{proc.pid}")

        def waiting_on_the_pipe() -> bool:  # the main thread asleep with the pipe open
            opened = False
            for fd in Path(f"/proc/{proc.pid}/fd").iterdir():
                with contextlib.suppress(OSError):  # (closed since it was listed)
                    opened |= os.readlink(fd) == str(fifo)
            return opened and (task / "stat").read_text().rsplit(")", 1)[1].split()[0] == "S"

        deadline = time.monotonic() + 60
        while not waiting_on_the_pipe():
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.01)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        os.close(held)
    assert proc.returncode == 143 and "terminated" in err.decode()


_DROPPED_TERMINATION = """
import os, signal, sys
from spundetect import cli

class Finalised:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100_000):  # the handler runs here, inside the finaliser
            pass

class Other:
    def __del__(self):
        raise ValueError("an ordinary error in a finaliser")

def run(argv):
    x = Other()
    del x
    x = Finalised()
    del x
    r, _w = os.pipe()
    os.read(r, 1)  # blocks: nothing is ever written
    return 0

cli._run = run
sys.exit(cli.main([]))
"""


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer")
def test_a_termination_dropped_in_a_finaliser_still_ends_a_blocked_run() -> None:
    """A SIGTERM that lands while a finaliser runs has its exception dropped by Python; the run
    then blocked on its input for good (one CI run under load). It now ends as terminated, and
    an ordinary finaliser's error is still reported as Python reports it."""
    p = subprocess.run(
        [sys.executable, "-c", _DROPPED_TERMINATION],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=_env(),
        check=False,
    )
    assert p.returncode == 143 and "terminated" in p.stderr
    assert "an ordinary error in a finaliser" in p.stderr and "_Terminated" not in p.stderr


def test_a_rate_between_operating_points_says_which_point_is_used() -> None:
    """--max-fpr 0.03 quietly used the model's 0.02 point."""
    from spundetect.detector import default_model_dir

    if not (default_model_dir() / "card.json").exists():
        pytest.skip("no shipped default model")
    p = run("score", "--max-fpr", "0.03", "-", stdin=FRESH[0])
    assert (
        p.returncode == 0
        and "--max-fpr 0.03: the model records no point there; using its 0.02 point" in p.stderr
    )
    p = run("score", "--max-fpr", "0.02", "-", stdin=FRESH[0])
    assert p.returncode == 0 and "note" not in p.stderr


# ---------------------------------------------------------------- hostile input (session 39 audit)
def _run_with_closed(fd: int, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """``spundetect ARGS`` started with file descriptor ``fd`` closed (cron, `<&-`, `>&-`)."""
    out = subprocess.PIPE if fd != 1 else subprocess.DEVNULL
    proc = subprocess.run(
        [*_command(), *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(fd),  # in the child, before exec
        timeout=120,
        cwd=REPO,
        env=_env(),
        check=False,
    )
    stdout = proc.stdout.decode("utf-8") if proc.stdout else ""
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, proc.stderr.decode())


def test_a_closed_stdin_or_stdout_is_said_and_files_are_still_read(
    model: Path, tmp_path: Path
) -> None:
    """Every command failed with "AttributeError: 'NoneType' object has no attribute
    'buffer'" when started with stdin closed, named files too."""
    doc = tmp_path / "a.txt"
    doc.write_text(FRESH[0], encoding="utf-8")
    p = _run_with_closed(0, "score", "--model", model, doc)
    assert p.returncode == 0, p.stderr
    assert [r["id"] for r in jsonl(p.stdout)] == [str(doc)]
    p = _run_with_closed(0, "score", "--model", model, doc, "-")
    assert p.returncode == 1 and "<stdin>: stdin is closed" in p.stderr
    assert [r["id"] for r in jsonl(p.stdout)] == [str(doc)]
    p = _run_with_closed(1, "score", "--model", model, doc)
    assert p.returncode == 1 and "spundetect: error: stdout is closed" in p.stderr
    assert "AttributeError" not in p.stderr


def test_score_reads_around_a_huge_integer_and_says_an_input_held_no_records(
    model: Path, tmp_path: Path
) -> None:
    """A 4,301-digit integer in an unused field aborted the run before any output; a 0-byte
    or header-only export gave no result, no message and exit 0."""
    rows = tmp_path / "bigint.jsonl"
    rows.write_text(
        json.dumps({"id": "a", "text": FRESH[0]})
        + "\n"
        + f'{{"id": "b", "text": {json.dumps(FRESH[1])}, "page": {"9" * 4301}}}\n'
        + json.dumps({"id": "c", "text": FRESH[2]})
        + "\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    header = tmp_path / "header.csv"
    header.write_text("id,text\n", encoding="utf-8")
    p = run("score", "--model", model, rows, empty, header)
    assert p.returncode == 1, p.stderr
    no_traceback(p)
    assert [r["id"] for r in jsonl(p.stdout)] == ["a", "b", "c"]
    assert f"{empty}: no records (empty)" in p.stderr
    assert f"{header}: no records (a header and no rows)" in p.stderr


def test_sources_that_hold_no_source_stop_the_run(tmp_path: Path) -> None:
    """An empty or header-only --sources export passed a --fail-on-derived gate with exit 0."""
    suspect = tmp_path / "suspect.txt"
    suspect.write_text(FRESH[0], encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    header = tmp_path / "header.csv"
    header.write_text("id,text\n", encoding="utf-8")
    for sources in (empty, header):
        p = run("match", "--sources", sources, "--fail-on-derived", suspect)
        assert p.returncode == 1, p
        assert "spundetect match: error: no source could be read" in p.stderr
        assert p.stdout == ""


def test_filter_sources_that_hold_none_and_within_alone_reads_no_stdin(
    model: Path, tmp_path: Path
) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "text": FRESH[0]}) + "\n", encoding="utf-8")
    header = tmp_path / "header.csv"
    header.write_text("id,text\n", encoding="utf-8")
    p = run("filter", "--model", model, data, "--sources", header)
    assert p.returncode == 1 and "no source could be read" in p.stderr
    # --within alone has no sources: stdin (here a copy of the record) is not read as one
    copy = json.dumps({"id": "src", "text": FRESH[0]}) + "\n"
    p = run("filter", "--model", model, data, "--within", "--drop", "machine_garbled", stdin=copy)
    assert p.returncode == 0, p.stderr
    assert [r["id"] for r in jsonl(p.stdout)] == ["a"]


def test_a_termination_whose_exception_was_dropped_still_ends_the_run_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A handler's exception raised while Python runs a finaliser is printed and dropped; the
    run then ended with status 0 (seen once, under load, after SIGHUP)."""
    import spundetect.cli as cli

    def run_swallowing(argv: Any) -> int:
        with contextlib.suppress(BaseException):  # what "Exception ignored in ..." amounts to
            cli._terminate(signal.SIGTERM, None)
        return 0

    monkeypatch.setattr(cli, "_run", run_swallowing)
    assert cli.main(["score"]) == 143
    assert "terminated" in capsys.readouterr().err
    monkeypatch.setattr(cli, "_run", lambda argv: 0)
    assert cli.main(["score"]) == 0  # the next run starts afresh


# ---------------------------------------------------------------- Parquet
def _parquet(path: Path, columns: dict[str, Any], row_group_size: int = 4) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table(columns), path, row_group_size=row_group_size)
    return path


def test_score_reads_parquet_rows_as_the_api_scores_them(
    model: Path, api: Any, docs: list[str], tmp_path: Path
) -> None:
    data = _parquet(tmp_path / "d.parquet", {"id": list(range(len(docs))), "text": docs})
    p = run("score", "--model", model, data, "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    got = jsonl(p.stdout)
    assert [r["id"] for r in got] == [str(i) for i in range(len(docs))]
    assert [r["label"] for r in got] == [expected(api, t)["label"] for t in docs]
    # a folder of shards, when told: the same results, shard by shard
    shards = tmp_path / "shards"
    shards.mkdir()
    half = len(docs) // 2
    _parquet(shards / "0.parquet", {"text": docs[:half]})
    _parquet(shards / "1.parquet", {"text": docs[half:]})
    p = run("score", "--model", model, shards, "--input-format", "parquet", "--format", "jsonl")
    assert [r["label"] for r in jsonl(p.stdout)] == [r["label"] for r in got]
    assert jsonl(p.stdout)[half]["id"] == f"{shards / '1.parquet'}[0]"


def test_filter_writes_the_kept_parquet_rows_as_they_are_and_loses_nothing(
    model: Path, api: Any, docs: list[str], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    texts: list[str | None] = [*ORIGINALS[:2], *docs, None]  # the last row cannot be read
    n = len(texts)
    data = _parquet(
        tmp_path / "in.parquet",
        {"id": [f"r{i}" for i in range(n)], "text": texts, "n": list(range(n))},
    )
    out, rej = tmp_path / "kept.parquet", tmp_path / "rejected.parquet"
    p = _run_to(out, "filter", "--model", model, data, "--rejected", rej)
    assert p.returncode == 1, p.stderr  # the unreadable row
    labels = [expected(api, t)["label"] if t is not None else None for t in texts]
    keep = [lab not in ("spun", "machine_garbled", None) for lab in labels]
    assert 0 < sum(keep) < n
    source = pq.read_table(data)
    kept = pq.read_table(out)
    assert kept.equals(source.filter(keep))  # every column, exactly
    dropped = pq.read_table(rej)
    assert dropped.column("n").to_pylist() == [i for i in range(n) if not keep[i]]
    verdicts = [json.loads(v) for v in dropped.column("spundetect").to_pylist()]
    assert verdicts[-1]["status"] == "unreadable" and '"text" is null' in verdicts[-1]["message"]
    assert [v["label"] for v in verdicts[:-1]] == [lab for lab, k in zip(labels, keep) if not k][
        :-1
    ]
    assert f"kept {sum(keep)} of {n - 1} record(s)" in p.stderr
    assert "1 unreadable row(s) or part(s) of files" in p.stderr


def test_filter_puts_a_parquet_shard_it_cannot_read_in_rejected_in_its_place(
    model: Path, tmp_path: Path
) -> None:
    """A shard cut short was said on stderr only: ``--rejected`` had no trace of it."""
    pq = pytest.importorskip("pyarrow.parquet")
    shards = tmp_path / "shards"
    shards.mkdir()
    for i in range(3):
        _parquet(shards / f"{i}.parquet", {"text": FRESH[:2], "n": [10 * i, 10 * i + 1]})
    cut = shards / "1.parquet"
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    out, rej = tmp_path / "kept.parquet", tmp_path / "rejected.parquet"
    args = (
        "filter",
        "--model",
        model,
        shards,
        "--input-format",
        "parquet",
        "--drop",
        "original,spun,machine_garbled",
    )
    p = _run_to(out, *args, "--rejected", rej)
    assert p.returncode == 1 and f"{cut}: a damaged or cut-short Parquet file" in p.stderr
    dropped = pq.read_table(rej)
    assert dropped.column("n").to_pylist() == [0, 1, None, 20, 21]  # in its place
    assert dropped.column("text").to_pylist()[2] is None
    verdict = json.loads(dropped.column("spundetect").to_pylist()[2])
    assert verdict["status"] == "unreadable" and verdict["where"] == str(cut)
    assert "cut-short" in verdict["message"]
    assert pq.read_table(out).num_rows == 0


def test_filter_annotate_writes_the_verdict_column_on_kept_parquet_rows(
    model: Path, api: Any, docs: list[str], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    texts = [*ORIGINALS[:2], *docs]
    n = len(texts)
    data = _parquet(tmp_path / "in.parquet", {"text": texts, "spundetect": ["mine"] * n})
    out, rej = tmp_path / "kept.parquet", tmp_path / "rejected.parquet"
    p = _run_to(out, "filter", "--model", model, data, "--annotate", "--rejected", rej)
    assert p.returncode == 0, p.stderr
    labels = [expected(api, t)["label"] for t in texts]
    keep = [lab == "original" for lab in labels]
    assert 0 < sum(keep) < n
    source = pq.read_table(data)
    kept = pq.read_table(out)
    assert kept.column_names == ["text", "spundetect", "spundetect_verdict"]
    assert kept.select(["text", "spundetect"]).equals(source.filter(keep))
    verdicts = [json.loads(v) for v in kept.column("spundetect_verdict").to_pylist()]
    assert [v["label"] for v in verdicts] == [lab for lab, k in zip(labels, keep) if k]
    assert all(v["keep"] for v in verdicts)
    assert [v["where"] for v in verdicts] == [f"{data}[{i}]" for i in range(n) if keep[i]]
    dropped = pq.read_table(rej)
    assert dropped.num_rows == n - sum(keep)
    assert not any(json.loads(v)["keep"] for v in dropped.column("spundetect_verdict").to_pylist())


def test_filter_refuses_parquet_it_cannot_write_as_one_file(model: Path, tmp_path: Path) -> None:
    a = _parquet(tmp_path / "a.parquet", {"text": FRESH})
    b = _parquet(tmp_path / "b.parquet", {"text": FRESH, "url": ["u"] * len(FRESH)})
    j = _write_jsonl(tmp_path / "c.jsonl", [{"text": t} for t in FRESH])
    out = tmp_path / "out.parquet"
    for args, says in (
        ((a, b), "b.parquet: its columns differ from"),
        ((a, j), "give it one format, not JSON Lines and Parquet"),
        (("--input-format", "parquet"), "filter reads Parquet from files, not stdin"),
    ):
        p = _run_to(out, "filter", "--model", model, *args)
        assert p.returncode == 2 and says in p.stderr, p.stderr


def test_evaluate_reads_a_hugging_face_parquet_as_its_jsonl_twin(
    model: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(5)
    rows = []
    for t in FRESH:
        rows += [(t, 0), (spin(t, rng), 1), (garble(t, rng), 2)]
    names = list(LABELS)
    features = {"text": {"_type": "Value"}, "label": {"names": names, "_type": "ClassLabel"}}
    meta = {b"huggingface": json.dumps({"info": {"features": features}}).encode()}
    schema = pa.schema([("text", pa.string()), ("label", pa.int64())], metadata=meta)
    table = pa.table({"text": [t for t, _ in rows], "label": [y for _, y in rows]}, schema=schema)
    pq.write_table(table, tmp_path / "eval.parquet")
    twin = _write_jsonl(tmp_path / "eval.jsonl", [{"text": t, "label": names[y]} for t, y in rows])
    a = run("evaluate", "--model", model, tmp_path / "eval.parquet", "--format", "json")
    b = run("evaluate", "--model", model, twin, "--format", "json")
    assert a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr
    assert json.loads(a.stdout) == json.loads(b.stdout)


# ---------------------------------------------------------------- WARC
def _warc_response(uri: str, text: str) -> bytes:
    body = f"<html><body><p>{text}</p></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + http + b"\r\n\r\n")


def test_score_reads_the_pages_of_a_warc_piped_in_and_filter_refuses_one(
    model: Path, api: Any, docs: list[str], tmp_path: Path
) -> None:
    archive = b"".join(_warc_response(f"https://x.example/{i}", t) for i, t in enumerate(docs))
    p = run("score", "--model", model, "--format", "jsonl", stdin=archive)
    assert p.returncode == 0, p.stderr
    assert "stdin is a WARC file" in p.stderr
    got = jsonl(p.stdout)
    assert [r["id"] for r in got] == [f"https://x.example/{i}" for i in range(len(docs))]
    assert [r["label"] for r in got] == [expected(api, t)["label"] for t in docs]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(archive)
    p = run("filter", "--model", model, path)
    assert p.returncode == 2 and "not WARC; score its pages" in p.stderr


def test_filter_says_a_full_disk_under_parquet_output_as_for_jsonl(
    model: Path, tmp_path: Path
) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    data = _parquet(tmp_path / "d.parquet", {"text": FRESH})
    p = _run_to(Path("/dev/full"), "filter", "--model", model, data)
    assert p.returncode == 1
    assert p.stderr.strip() == "spundetect: error: cannot write to stdout: No space left on device"
    p = _run_to(tmp_path / "kept.parquet", "filter", "--model", model, data, *_drop_all(),
                "--rejected", "/dev/full")  # fmt: skip
    assert p.returncode == 1
    assert "cannot write to --rejected /dev/full: No space left on device" in p.stderr


def test_ctrl_c_while_the_command_loads_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console script imported the command before any handler of Ctrl-C existed: one
    pressed in its first third of a second printed a KeyboardInterrupt traceback."""
    import builtins

    from spundetect import console

    real = builtins.__import__

    def interrupted(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "cli" and args[3:4] == (1,):
            raise KeyboardInterrupt
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted)
    assert console.main() == 130
    assert capsys.readouterr().err == "spundetect: interrupted\n"
    monkeypatch.setattr(builtins, "__import__", real)
    monkeypatch.setattr(sys, "argv", ["spundetect", "--version"])
    assert console.main() == 0 and __version__ in capsys.readouterr().out
