"""Data card for a built corpus: what is in it, where it came from, and how to rebuild it."""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["APT_PACKAGES", "build_card", "card_paths", "tool_versions", "write_card"]

APT_PACKAGES: tuple[str, ...] = (
    "apertium",
    "apertium-eng-spa",
    "apertium-eng-cat",
    "apertium-eo-en",
    "apertium-en-gl",
    "apertium-hbs-eng",
    "lttoolbox",
    "wordnet-base",
)
MAX_LISTED_PROBLEMS = 200


def tool_versions() -> dict[str, str]:
    """Installed versions of the Debian packages and Python the corpus depends on."""
    versions: dict[str, str] = {"python": platform.python_version()}
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package}\t${Version}\n", *APT_PACKAGES],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    for line in out.splitlines():
        name, _, ver = line.partition("\t")
        versions[name] = ver or "not installed"
    for mod in ("wordfreq", "nltk"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:  # optional package: record its absence
            versions[mod] = "not installed"
    return versions


def _word_stats(counts: Sequence[int]) -> dict[str, float]:
    if not counts:
        return {"n": 0}
    qs = statistics.quantiles(counts, n=10) if len(counts) > 1 else [counts[0]] * 9
    return {
        "n": len(counts),
        "min": min(counts),
        "p10": round(qs[0], 1),
        "median": statistics.median(counts),
        "mean": round(statistics.fmean(counts), 1),
        "p90": round(qs[-1], 1),
        "max": max(counts),
        "total": sum(counts),
    }


def build_card(
    records: Sequence[Mapping[str, Any]],
    *,
    seed: int | list[int],
    command: str,
    problems: Sequence[str],
    dropped: Mapping[str, int],
    settings: Mapping[str, Any],
    seconds: float,
) -> dict[str, Any]:
    """Counts per label, generator, split and source; word counts; licences; tools; problems."""
    by_label: dict[str, list[int]] = {}
    for r in records:
        by_label.setdefault(str(r["label"]), []).append(len(str(r["text"]).split()))
    label_gen = Counter((str(r["label"]), str(r["generator"])) for r in records)
    licences = Counter(str(r["licence"]) for r in records)
    return {
        "documents": len(records),
        "groups": len({r["group"] for r in records}),
        "seed": seed,
        "command": command,
        "build_seconds": round(seconds, 1),
        "labels": dict(sorted(Counter(str(r["label"]) for r in records).items())),
        "generators": {
            label: {g: n for (lab, g), n in sorted(label_gen.items()) if lab == label}
            for label in sorted(by_label)
        },
        "splits": dict(sorted(Counter(str(r.get("split", "")) for r in records).items())),
        "sources": dict(sorted(Counter(str(r["source"]) for r in records).items())),
        "licences": dict(sorted(licences.items())),
        "words": {label: _word_stats(v) for label, v in sorted(by_label.items())},
        "dropped": dict(sorted(dropped.items())),
        "problems_count": len(problems),
        "problems": list(problems[:MAX_LISTED_PROBLEMS]),
        "settings": dict(settings),
        "tool_versions": tool_versions(),
    }


def card_paths(out: Path) -> tuple[Path, Path]:
    """``corpus.jsonl`` -> ``corpus.card.json`` and ``corpus.card.md`` beside it."""
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return out.with_name(stem + ".card.json"), out.with_name(stem + ".card.md")


def _md(card: Mapping[str, Any]) -> str:
    lines = [
        "# Corpus data card",
        "",
        f"- documents: {card['documents']} from {card['groups']} source documents (groups)",
        f"- seed: {card['seed']}; built in {card['build_seconds']} s",
        f"- command: `{card['command']}`",
        f"- input problems: {card['problems_count']}; dropped: {card['dropped'] or 'none'}",
        "",
        "## Labels and generators",
        "",
        "| label | generator | documents |",
        "|---|---|---|",
    ]
    for label, gens in card["generators"].items():
        for g, n in gens.items():
            lines.append(f"| {label} | {g} | {n} |")
    lines += ["", "## Words per document", "", "| label | n | min | median | mean | p90 | max |"]
    lines.append("|---|---|---|---|---|---|---|")
    for label, s in card["words"].items():
        if s.get("n"):
            lines.append(
                f"| {label} | {s['n']} | {s['min']} | {s['median']} | {s['mean']} | {s['p90']} "
                f"| {s['max']} |"
            )
    lines += ["", "## Splits", ""] + [f"- {k}: {v}" for k, v in card["splits"].items()]
    lines += ["", "## Sources", ""] + [f"- {k}: {v}" for k, v in card["sources"].items()]
    lines += ["", "## Licences", ""] + [f"- {k}: {v}" for k, v in card["licences"].items()]
    lines += ["", "## Tools", ""] + [f"- {k} {v}" for k, v in card["tool_versions"].items()]
    if card["problems"]:
        lines += ["", "## Input problems", ""] + [f"- {p}" for p in card["problems"]]
    return "\n".join(lines) + "\n"


def write_card(card: Mapping[str, Any], out: Path) -> tuple[Path, Path]:
    """Write the card as JSON and Markdown next to the corpus file."""
    js, md = card_paths(out)
    js.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md.write_text(_md(card), encoding="utf-8")
    return js, md
