"""The model directory's constants and its card, without scikit-learn.

Loading a model needs these (the card's format check, the files' SHA-256) but
must not import scikit-learn, so they live here rather than in
:mod:`spundetect.model`, which re-exports them.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from itertools import pairwise
from pathlib import Path
from typing import Any

from .errors import ModelError

__all__ = [
    "CARD_NAME",
    "CARD_PAGE_NAME",
    "CLASSIFIER_NAME",
    "COMPILED_NAME",
    "MAX_UNPACKED_BYTES",
    "MODEL_FORMAT",
    "MODEL_FORMAT_VERSION",
    "card_markdown",
    "check_unpacked_size",
    "read_card",
    "sha256_file",
    "verified_file",
    "write_card",
]

MODEL_FORMAT = "spundetect-model"
#: Bump when the directory layout or card schema changes incompatibly.
MODEL_FORMAT_VERSION = 1
CARD_NAME = "card.json"
#: The same card rendered for people (:func:`card_markdown`), written beside it.
CARD_PAGE_NAME = "MODEL_CARD.md"
#: The fitted scikit-learn classifier (skops format): the full object, for retraining and inspection.
CLASSIFIER_NAME = "classifier.skops"
#: The same classifier as plain arrays (:mod:`spundetect.compiled`): what scoring loads.
COMPILED_NAME = "classifier.npz"


#: The most a model's .npz file may unpack to (the shipped ones: 9.4 MB at most). A model
#: from elsewhere loads without a trust flag when it holds no pickle; a 5.3 MB reference file
#: whose one array unpacked to 3.2 GB of zeros held 9.4 GB for 36 s (fifty-seventh session).
MAX_UNPACKED_BYTES = 256 << 20


def check_unpacked_size(path: Path) -> None:
    """:class:`ModelError` when the .npz archive at ``path`` unpacks to more than
    :data:`MAX_UNPACKED_BYTES` (by its own directory, read before any array is); an archive
    that cannot be read is left to its loader to name."""
    try:
        with zipfile.ZipFile(path) as z:
            size = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if size > MAX_UNPACKED_BYTES:
        raise ModelError(
            f"{path}: unpacks to {size / 1e6:,.0f} MB, more than a spundetect model file "
            f"holds ({MAX_UNPACKED_BYTES >> 20} MiB): not loaded"
        )


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_card(directory: Path, card: dict[str, Any]) -> Path:
    """Write ``card`` as the model card of ``directory`` (the one place that knows the layout),
    and beside it the same card for people (:data:`CARD_PAGE_NAME`). Returns the card's path."""
    path = directory / CARD_NAME
    path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    (directory / CARD_PAGE_NAME).write_text(card_markdown(card), encoding="utf-8")
    return path


#: The largest model card read (the shipped one is ~40 KB).
MAX_CARD_BYTES = 16 << 20


def read_card(directory: Path) -> dict[str, Any]:
    path = directory / CARD_NAME
    try:
        with path.open("rb") as f:  # (a card linked to /dev/zero was read until memory ran out)
            data = f.read(MAX_CARD_BYTES + 1)
        if len(data) > MAX_CARD_BYTES:
            raise ValueError(f"over {MAX_CARD_BYTES >> 20} MiB")
        # (utf-8-sig: a card saved again by Windows Notepad starts with a byte-order mark)
        card = json.loads(data.decode("utf-8-sig"))
    except FileNotFoundError:
        raise ModelError(
            f"{directory} is not a spundetect model directory (no {CARD_NAME})"
        ) from None
    except RecursionError:  # JSON nested thousands deep ("please report it" before)
        raise ModelError(f"{path}: unreadable model card (nested too deeply)") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable model card ({exc})") from exc
    if not isinstance(card, dict) or card.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path}: not a spundetect model card")
    if card.get("format_version") != MODEL_FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format version {card.get('format_version')!r}, this spundetect reads "
            f"version {MODEL_FORMAT_VERSION}; retrain the model or install a matching spundetect"
        )
    problem = _card_problem(card)
    if problem:
        raise ModelError(f"{path}: {problem}; the card was edited or damaged")
    return card


def _card_problem(card: dict[str, Any]) -> str | None:
    """What is wrong with the parts of a card that loading and deciding read, or None. The
    card is not hashed (it holds the hashes), so what it says is checked for sense: a file
    named outside the model's folder, or operating points out of order, would change what
    the model does without any file changing."""
    files = card.get("files")
    if not isinstance(files, dict):
        return "'files' is not a mapping of the model's files"
    for role, meta in files.items():
        if not (
            isinstance(meta, dict)
            and isinstance(meta.get("name"), str)
            and isinstance(meta.get("sha256"), str)
        ):
            return f"files.{role} does not give a file's name and SHA-256"
        name = meta["name"]
        if not name or name != Path(name).name or name in (".", ".."):
            return f"files.{role} names {name!r}, not a file in the model's folder"
    names = card.get("feature_names")
    if not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
        return "'feature_names' is not a list of feature names"
    families = card.get("families")
    if families is not None and not (
        isinstance(families, list) and all(isinstance(f, str) for f in families)
    ):
        return "'families' is not a list of feature families"
    stats = card.get("feature_stats")
    if stats is not None and (problem := _stats_problem(stats, len(names))):
        return problem  # (explanations read them: an edited one was "please report it")
    points = card.get("operating_points")
    if points is None:
        return None
    if not isinstance(points, list) or not all(isinstance(p, dict) for p in points):
        return "'operating_points' is not a list of points"
    pairs = []
    for p in points:
        rate, threshold = p.get("max_fpr"), p.get("threshold")
        if not all(
            isinstance(x, int | float) and not isinstance(x, bool) for x in (rate, threshold)
        ):
            return f"an operating point without a numeric max_fpr and threshold ({p})"
        if not (0 < rate < 1 and 0 <= threshold <= 1):
            return f"an operating point out of range ({p})"
        pairs.append((rate, threshold))
    pairs.sort()
    if any(t2 < t1 for (_, t1), (_, t2) in pairwise(pairs)):
        return "operating points whose thresholds fall as the rate rises"
    return None


def _stats_problem(stats: Any, n_features: int) -> str | None:
    """What is wrong with a card's ``feature_stats`` (per label, each measure a number for
    every feature), or None."""
    if not isinstance(stats, dict):
        return "'feature_stats' is not a mapping of labels"
    for label, measures in stats.items():
        if not isinstance(measures, dict):
            return f"feature_stats.{label} is not a mapping of measures"
        for measure, values in measures.items():
            if not (
                isinstance(values, list)
                and len(values) == n_features
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
            ):
                return f"feature_stats.{label}.{measure} is not a number for each feature"
    return None


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


# ------------------------------------------------------------------ the card for people
_USE = """\
## Intended use

Scoring English prose at volume (web text for training language models, feeds to de-spam,
submissions to review) for signs of an article spinner or paraphraser (`spun`) or of machine
translation (`machine_garbled`), with calibrated probabilities and reasons a person can check.
A label is evidence to weigh, not proof: read the reasons before acting on it, and do not use
a label alone against a person.

## Limits

* Fluent rewrites by a language model make no departure from ordinary English and mostly read
  as original. Where the possible sources are at hand, `spundetect compare` and `spundetect
  match` find such rewrites.
* Writing unlike the training originals (informal posts, non-native writers, recent
  vocabulary, a source the model never saw) is flagged more often than news and encyclopedia
  prose. Use an operating point (`--max-fpr`, below), or a threshold chosen on labelled texts
  of your own (`spundetect evaluate`).
* Texts that are empty, under 15 words, not English or not running prose get a status and no
  label.
"""


def _pct(x: Any) -> str:
    return f"{100 * x:.1f}%" if isinstance(x, int | float) else "–"


def _num(x: Any, digits: int = 3) -> str:
    return f"{x:.{digits}f}" if isinstance(x, int | float) else "–"


def _counts(d: Any) -> str:
    if not isinstance(d, dict) or not d:
        return "–"
    return ", ".join(f"{k} {v:,}" for k, v in sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))


def card_markdown(card: dict[str, Any]) -> str:
    """The model card as a Markdown page for people: what the model is for, what it was
    trained on, how it measured, its operating points and its files.

    Reads only what the card holds (a card written by an older version, or for a model
    trained on your own data, may lack parts; those are left out), so it is safe on any card.
    """
    out = [f"# Model card: {card.get('name', 'spundetect model')}", ""]
    env = card.get("environment") or {}
    made = [f"created {card['created']}"] if card.get("created") else []
    if env:
        made.append("with " + ", ".join(f"{k} {v}" for k, v in env.items()))
    if card.get("format"):
        made.append(f"format {card['format']} {card.get('format_version', '?')}")
    if made:
        line = "; ".join(made)
        out += [line[:1].upper() + line[1:] + ".", ""]
    labels = card.get("labels") or []
    training = card.get("training") or {}
    if labels:
        line = f"Labels: {', '.join(f'`{lab}`' for lab in labels)}."
        seen = training.get("per_label")
        never = [lab for lab in labels if isinstance(seen, dict) and not seen.get(lab)]
        if never:
            line += (
                f" Trained without {' or '.join(f'`{x}`' for x in never)} texts: it never gives "
            )
            line += "that label."
        out += [line, ""]
    use = _USE
    if training.get("calibrated") is False:
        use = use.replace("with calibrated probabilities", "with probabilities (not calibrated)")
    out.append(use)

    if training:
        out += ["## Training data", ""]
        if "n_documents" in training:
            out.append(
                f"* {training['n_documents']:,} documents: {_counts(training.get('per_label'))}"
            )
        if training.get("n_validation"):
            out.append(
                f"* {training['n_validation']:,} of them held out to calibrate the probabilities "
                "and choose the operating points"
            )
        if training.get("groups"):
            out.append(f"* groups: {training['groups']}")
        for key, name in (("inputs", "read from"), ("reference", "reference model")):
            if training.get(key):
                value = training[key]
                out.append(f"* {name}: {', '.join(value) if isinstance(value, list) else value}")
        if training.get("splits"):
            out.append(f"* splits: {_counts(training['splits'])}")
        if training.get("per_generator"):
            out.append(f"* by generator: {_counts(training['per_generator'])}")
        if training.get("sources"):
            out.append(f"* sources of the originals: {_counts(training['sources'])}")
        if training.get("licences"):
            out.append(f"* licences: {'; '.join(training['licences'])}")
        for key, name in (("corpus_sha256", "corpus SHA-256"), ("data_sha256", "data SHA-256")):
            if training.get(key):
                out.append(f"* {name}: `{training[key]}`")
        for key in ("stacking", "ngram_words", "reference_features"):
            if training.get(key):
                out.append(f"* {key.replace('_', ' ')}: {training[key]}")
        for caution in training.get("warnings") or []:
            out.append(f"* warning: {caution}")
        if training.get("command"):
            out.append(f"* trained by: `{training['command']}`")
        if isinstance(card.get("training_seconds"), int | float):
            out.append(f"* training time: {card['training_seconds']:,.0f} s")
        out.append("")

    clf = card.get("classifier") or {}
    names = card.get("feature_names") or []
    if clf or names:
        out += ["## Classifier", ""]
        if clf:
            params = ", ".join(f"{k}={v}" for k, v in sorted((clf.get("params") or {}).items()))
            out.append(f"* {clf.get('class', '?')}" + (f" ({params})" if params else ""))
        if names:
            families = sorted({n.split(".")[0] for n in names})
            out.append(
                f"* {len(names)} features in {len(families)} families: {', '.join(families)}"
            )
        out.append("")

    metrics = card.get("metrics") or {}
    splits = [(k, v) for k, v in metrics.items() if isinstance(v, dict) and "macro_f1" in v]
    if splits:
        out += [
            "## Evaluation",
            "",
            "| split | documents | macro-F1 | accuracy | originals flagged | ECE |",
            "|---|---|---|---|---|---|",
        ]
        for name, m in splits:
            out.append(
                f"| {name} | {m.get('n', '–')} | {_num(m.get('macro_f1'))} | "
                f"{_num(m.get('accuracy'))} | {_pct(m.get('fpr_original'))} | {_num(m.get('ece'))} |"
            )
        out.append("")
        for name, m in splits:
            per = m.get("per_class") or {}
            if not per:
                continue
            out += [
                f"Per label, {name} split:",
                "",
                "| label | precision | recall | F1 | documents |",
                "|---|---|---|---|---|",
            ]
            for lab, r in per.items():
                out.append(
                    f"| {lab} | {_num(r.get('precision'))} | {_num(r.get('recall'))} | "
                    f"{_num(r.get('f1'))} | {r.get('support', '–')} |"
                )
            out.append("")
    logo = metrics.get("leave_one_generator_out")
    if isinstance(logo, dict) and logo:
        out += [
            "Leave one generator out (trained without it, tested on its texts):",
            "",
            "| held-out generator | macro-F1 | its texts caught |",
            "|---|---|---|",
        ]
        for name, r in logo.items():
            if isinstance(r, dict):
                out.append(
                    f"| {name} | {_num(r.get('macro_f1'))} | {_pct(r.get('recall_on_held_out'))} |"
                )
        out.append("")
    seeds = metrics.get("seeds")
    if isinstance(seeds, list) and seeds:
        ok = sum(1 for s in seeds if isinstance(s, dict) and s.get("ok"))
        out += [f"Seed articles labelled correctly: {ok} of {len(seeds)}.", ""]

    points = card.get("operating_points") or []
    if points:
        out += [
            "## Operating points",
            "",
            "Chosen on the validation split, with the share of each label they flagged there: a",
            "text is flagged when P(original) is below the threshold (`score --max-fpr RATE`,",
            "`Detector.with_max_fpr(rate)`).",
            "",
            "| max false-positive rate | threshold | "
            + " | ".join(f"{lab} flagged" for lab in labels)
            + " |",
            "|---|---|" + "---|" * len(labels),
        ]
        for p in points:
            flagged = p.get("flagged") or {}
            out.append(
                f"| {p.get('max_fpr', '–')} | {_num(p.get('threshold'))} | "
                + " | ".join(_pct(flagged.get(lab)) for lab in labels)
                + " |"
            )
        out.append("")

    files = card.get("files") or {}
    if files:
        out += ["## Files", "", "| role | file | SHA-256 |", "|---|---|---|"]
        for role, meta in files.items():
            if isinstance(meta, dict):
                out.append(f"| {role} | {meta.get('name', '–')} | `{meta.get('sha256', '–')}` |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
