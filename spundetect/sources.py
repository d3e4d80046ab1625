"""Which of many known texts a suspect was derived from.

A news aggregator holds the wire stories it licenses; a plagiarism reviewer, a folder of
candidate sources; a data team, the crawl it has already kept. A fluent rewrite by a language
model reads as original to the detector (docs/WEAKNESSES.md), but it keeps its
source's names, numbers and most of its rarer content words, so whoever holds the sources can
still find it: :class:`SourceIndex` ranks the sources by the rare words they share with a
suspect (each word weighed by how few sources hold it) and compares the best few with it
sentence by sentence (:func:`~spundetect.compare`). The verdict is the comparison's, so every
match comes with the sentence pairs and word edits that make the case.
"""

from __future__ import annotations

import dataclasses
import heapq
import math
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .comparison import (
    MAX_SENTENCE_WORDS,
    STRONG_SIMILARITY,
    Comparison,
    Prepared,
    compare_prepared,
    joined_wraps,
    no_words,
    prepare,
)
from .errors import InputError
from .lm import function_words
from .status import MAX_CHARS, validate_text
from .text import Doc, accents_away, tokenize

__all__ = ["SourceIndex", "SourceMatch"]

#: How many sources are kept read for comparing (see ``SourceIndex._source``).
_READ_CACHE = 256
#: A word's weight is its rarity among the sources held and this many more that hold none of
#: the suspect's words: in a small index every word of a source its copies also hold was all
#: but weightless (two copies held: 0.18 against 1.79 for a word none holds), and its rewrite
#: was "unrelated"; among thousands of sources the pseudo-count changes next to nothing.
UNSEEN_SOURCES = 20
#: A long suspect is also ranked passage by passage: runs of whole sentences of at least this
#: many words, alone and each with the next. A paragraph copied or spun into an essay of its own
#: holds a twentieth of the essay's rare words, under ``min_shared``: ``bench_match.py``'s
#: pasted paragraphs were found 56 of 150 times copied and 3 of 163 reworded; so ranked, 148
#: and 123 (sixty-fourth session).
PASSAGE_WORDS = 25
#: A source that holds this share of a passage's weighted rare words is compared too ...
PASSAGE_SHARE = 0.5
#: ... counting only the words at most this share of the sources hold (at least ten): two
#: reports from one template ("His time of 28.781 was faster ...") or on two earthquakes
#: share their common words, not their names and numbers, and counting those called them
#: ``rewritten`` (a review's self-match of the 4,787 originals, sixty-fourth session) ...
PASSAGE_RARE = 0.02
#: ... when the passage has at least this many distinct such words (fewer are a name or two
#: that many passages hold).
PASSAGE_MIN_WORDS = 8
#: How the verdicts rank when several candidates are compared: the first wins.
_VERDICT_RANK = {"copied": 0, "rewritten": 1, "partly_derived": 2, "unrelated": 3, "empty": 4}
_DERIVED = ("copied", "rewritten", "partly_derived")


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """The source a suspect follows best, with the comparison that says how.

    ``source_id`` is ``None`` when no candidate is more than ``unrelated`` (then
    ``comparison`` is the best candidate's, or ``None`` when no source shares enough of the
    suspect's rare words to be compared). ``candidates`` are the ids compared, best-ranked
    first, each with the share of the suspect's weighted content words it holds; after them,
    those that hold most of one passage of a long suspect (a pasted paragraph), whose share
    of the whole may be small. ``also``: the other sources compared that the suspect follows
    too, each in sentences the ones before it did not pair (an essay with paragraphs from two
    sources; a second copy of one source pairs the same sentences and is not listed), best
    first, with their comparisons.
    """

    source_id: str | None
    verdict: str
    comparison: Comparison | None
    candidates: tuple[tuple[str, float], ...]
    also: tuple[tuple[str, Comparison], ...] = ()

    @property
    def derived(self) -> bool:
        """True when the suspect follows a source (``copied``, ``rewritten`` or
        ``partly_derived``)."""
        return self.source_id is not None

    @property
    def message(self) -> str:
        """The comparison's message, or why there was none."""
        c = self.comparison
        return (
            c.message if c is not None else "no source shares enough of its rare words to compare"
        )

    def to_dict(self, edits: bool = False) -> dict[str, Any]:
        c = self.comparison
        out: dict[str, Any] = {
            "source_id": self.source_id,
            "verdict": self.verdict,
            "message": self.message,
            "changed_share": round(c.changed_share, 4) if c is not None else None,
            "candidates": [[i, round(s, 4)] for i, s in self.candidates],
        }
        if edits and c is not None:
            out["comparison"] = c.to_dict()
        out["also"] = [_also_dict(source_id, a, edits) for source_id, a in self.also]
        return out


def _also_dict(source_id: str, c: Comparison, edits: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source_id": source_id,
        "verdict": c.verdict,
        "message": c.message,
        "changed_share": round(c.changed_share, 4),
    }
    if edits:
        out["comparison"] = c.to_dict()
    return out


class SourceIndex:
    """An in-memory index of source texts to match suspects against.

    ``top`` candidates (ranked by shared rare content words) are compared with each suspect;
    ``min_shared`` is the least share of the suspect's weighted content words a candidate
    must hold to be compared at all, and ``relative`` the least share of the best
    candidate's. A long suspect is also ranked passage by passage (:data:`PASSAGE_WORDS`): a
    source that holds most of one passage is compared too, so that a paragraph copied or
    spun into a text of its own is found (``partly_derived``) however little of the whole it
    is. A source a suspect was made from holds far more of its rare words than any
    other (the 200 rewrites of ``benchmarks/bench_match.py``, all 4,827 sources indexed: a
    median 0.71, at least 0.35, against a median 0.28 for the best other; first for all 200),
    and a long text holds a little of everything: without the relative cut, a 20,000-word
    interview was compared with nearly every suspect. Sources are kept in memory (their text is
    needed for the comparison): about the size of the texts again, plus the index.

    ``window`` bounds what a stream adds: the index holds at most that many of the texts
    :meth:`match` adds (``add_as``, as ``filter --within`` adds each record it keeps), the
    latest, and forgets the oldest of them as new ones come (:meth:`forget`), so memory stays
    bounded however long the stream; a rewrite further from its source than that is not
    traced. Texts added with :meth:`add` stay until you forget them.
    """

    def __init__(
        self,
        top: int = 3,
        min_shared: float = 0.1,
        relative: float = 0.5,
        window: int | None = None,
    ) -> None:
        if window is not None and (not isinstance(window, int) or window < 1):
            raise ValueError(f"window must be a positive number of texts, got {window!r}")
        self.top = top
        self.min_shared = min_shared
        self.relative = relative
        self.window = window
        self._read: OrderedDict[int, Prepared] = OrderedDict()  # sources read lately
        self._ids: list[str] = []  # by position; "" where a text was forgotten
        self._texts: list[str] = []
        self._sizes: list[int] = []  # how many postings each position holds
        self._postings: dict[str, list[int]] = {}
        self._position: dict[str, int] = {}
        #: the ids :meth:`match` added (``add_as``), oldest first: what ``window`` forgets
        self._added: dict[str, None] = {}
        #: positions forgotten whose postings are still in the lists (see :meth:`_compact`)
        self._gone: set[int] = set()
        self._gone_postings = 0
        self._all_postings = 0

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._position

    def free_id(self, source_id: str, where: str) -> str:
        """``source_id``, or ``source_id (where)`` when a text already holds it (a crawl that
        repeats an id, a source file with two rows of one id): the id a text joins the index
        under, so that none is left out and a copy of it is still found."""
        if source_id not in self._position:
            return source_id
        key, k = f"{source_id} ({where})", 2
        while key in self._position:  # that name taken too ("y", "y (w:3)", "y" from w:3)
            key, k = f"{source_id} ({where}, {k})", k + 1
        return key

    def add(self, source_id: str, text: str) -> None:
        """Add one source. Raises :class:`~spundetect.InputError` for an id or input that is
        not text, and :class:`ValueError` for an id already added."""
        if not isinstance(source_id, str):
            raise InputError(f"a source id must be a str, got {type(source_id).__name__}")
        reason = validate_text(text)
        if reason is not None:
            raise InputError(f"source {source_id!r}: {reason}")
        self._add(source_id, text, tokenize(accents_away(joined_wraps(text[:MAX_CHARS]))))

    def _add(self, source_id: str, text: str, doc: Doc) -> int:
        if source_id in self._position:
            raise ValueError(f"source id {source_id!r} added twice")
        k = len(self._ids)
        self._position[source_id] = k
        self._ids.append(source_id)
        self._texts.append(text)
        words = _content_words(doc)
        for w in words:
            self._postings.setdefault(w, []).append(k)
        self._sizes.append(len(words))
        self._all_postings += len(words)
        return k

    def forget(self, source_id: str) -> None:
        """Take a text out of the index (a story withdrawn, or one ``window`` lets go); its
        id may be used again. :class:`KeyError` if no text holds it."""
        k = self._position.pop(source_id)
        self._added.pop(source_id, None)
        self._read.pop(k, None)
        self._ids[k] = self._texts[k] = ""
        self._gone.add(k)
        self._gone_postings += self._sizes[k]
        # the postings are swept once a quarter of them are the forgotten texts': each
        # sweep costs the size of the index, so a stream pays a constant share per text
        if 4 * self._gone_postings > self._all_postings:
            self._compact()

    def _compact(self) -> None:
        """Drop the forgotten texts from the postings and renumber the rest, so that memory
        follows the texts held, not every text ever added."""
        keep = [k for k in range(len(self._ids)) if k not in self._gone]
        new = {old: i for i, old in enumerate(keep)}
        postings: dict[str, list[int]] = {}
        for w, post in self._postings.items():
            kept = [new[k] for k in post if k in new]
            if kept:
                postings[w] = kept
        self._postings = postings
        self._ids = [self._ids[k] for k in keep]
        self._texts = [self._texts[k] for k in keep]
        self._sizes = [self._sizes[k] for k in keep]
        self._position = {source_id: i for i, source_id in enumerate(self._ids)}
        self._read = OrderedDict((new[k], read) for k, read in self._read.items())
        self._gone.clear()
        self._all_postings -= self._gone_postings
        self._gone_postings = 0

    def add_many(self, sources: Iterable[tuple[str, str]] | Mapping[str, str]) -> None:
        """Add ``(id, text)`` pairs, or a mapping of ids to texts (``dict.items()`` read:
        iterating a dict gives its keys, and a two-letter key unpacked as an id and a text)."""
        pairs = sources.items() if isinstance(sources, Mapping) else sources
        for n, pair in enumerate(pairs):
            if not (isinstance(pair, tuple | list) and len(pair) == 2):
                raise InputError(f"item {n}: expected an (id, text) pair, got {pair!r:.60}")
            self.add(*pair)

    def text(self, source_id: str) -> str:
        return self._texts[self._position[source_id]]

    def candidates(self, suspect: str, top: int | None = None) -> list[tuple[str, float]]:
        """The sources sharing most of ``suspect``'s weighted content words, best first:
        ``(id, share)``, share in 0..1, at least ``min_shared`` and ``relative`` times the
        best one's; then up to ``top`` more that hold most of one passage of a long suspect,
        each with its share of the whole."""
        if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
            raise ValueError(f"top must be a whole number of 1 or more, got {top!r}")  # (0 was 3)
        return self._ranked(prepare(suspect, "suspect").doc, self.top if top is None else top)[0]

    def _ranked(
        self, doc: Doc, top: int, skip: int = -1, passages_too: bool = True
    ) -> tuple[list[tuple[str, float]], int]:
        """The sources ranked by the share of ``doc``'s weighted content words they hold,
        then (``passages_too``) those holding most of one of its passages
        (:data:`PASSAGE_WORDS`) that the whole-text ranking left out, each with its
        whole-text share; and how many the whole-text ranking gave."""
        n = len(self._position)
        passages = _passages(doc) if passages_too else []
        words = set().union(*passages) if passages else _content_words(doc)
        if not n or not words:
            return [], 0
        # a word every source holds tells none apart: skip the commonest (and their long lists)
        common = max(10, n // 5)
        scores: dict[int, float] = {}
        total = 0.0
        skipped: list[tuple[list[int], float]] = []
        weights: dict[str, float] = {}
        # in a fixed order: a set's order moves with the hash seed, and sums of the same
        # weights in another order differ in their last bit, which decided ties between
        # sources (the answer changed from run to run; fifty-sixth session)
        for w in sorted(words):
            post = self._postings.get(w)
            df = len(post) if post else 0
            weight = weights[w] = math.log((n + 1 + UNSEEN_SOURCES) / (df + 0.5))
            total += weight
            if post and df <= common:
                for k in post:
                    scores[k] = scores.get(k, 0.0) + weight
            elif post:
                skipped.append((post, weight))
        if total <= 0:
            return [], 0
        if not scores:  # every word is common (a story more than a fifth of the sources hold)
            for post, weight in skipped:
                for k in post:
                    scores[k] = scores.get(k, 0.0) + weight
        if self._gone:  # texts forgotten since the postings were last swept
            scores = {k: v for k, v in scores.items() if k not in self._gone}
        scores.pop(skip, None)
        ranked = heapq.nsmallest(top, scores.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked:
            return [], 0
        floor = max(self.min_shared * total, self.relative * ranked[0][1])
        out = [(k, s) for k, s in ranked if s >= floor]
        whole = len(out)
        if passages:
            chosen = {k for k, _ in out}
            extra = self._passage_hits(passages, weights, scores, chosen | {skip})
            out += [(k, scores[k]) for k in extra[:top]]
        return [(self._ids[k], s / total) for k, s in out], whole

    def _passage_hits(
        self,
        passages: list[set[str]],
        weights: dict[str, float],
        scores: dict[int, float],
        left_out: set[int],
    ) -> list[int]:
        """The sources holding at least :data:`PASSAGE_SHARE` of some passage's weighted rare
        words (:data:`PASSAGE_RARE`), best first, but those in ``left_out``. ``scores``:
        each source's weight of the whole text's words; a passage's share of it can be no
        more, so only the sources with enough of it are counted passage by passage."""
        rare_df = max(10, int(PASSAGE_RARE * len(self._position)))
        postings = self._postings
        rare = {w for w in weights if len(postings.get(w) or ()) <= rare_df}
        kept = [ws for ws in (p & rare for p in passages) if len(ws) >= PASSAGE_MIN_WORDS]
        if not kept:
            return []
        totals = [sum(weights[w] for w in sorted(ws)) for ws in kept]
        least = PASSAGE_SHARE * min(totals)
        eligible = {k for k, s in scores.items() if s >= least and k not in left_out}
        if not eligible:
            return []
        held_by: dict[str, list[int]] = {}  # each word's eligible sources
        best: dict[int, float] = {}
        for ws, total in zip(kept, totals, strict=True):
            held: dict[int, float] = {}
            for w in sorted(ws):
                post = held_by.get(w)
                if post is None:
                    post = held_by[w] = [k for k in postings.get(w) or () if k in eligible]
                weight = weights[w]
                for k in post:
                    held[k] = held.get(k, 0.0) + weight
            floor = PASSAGE_SHARE * total
            for k, s in held.items():
                if s >= floor and s / total > best.get(k, 0.0):
                    best[k] = s / total
        return [k for k, _ in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))]

    def match(
        self,
        suspect: str,
        add_as: str | None = None,
        *,
        add_derived: bool = True,
        exclude: str | None = None,
        passages: bool = True,
    ) -> SourceMatch:
        """The source ``suspect`` follows best (see :class:`SourceMatch`). With ``add_as``,
        the suspect then joins the index under that id (``match --within``: each text of a
        stream matched against the ones before it), unless ``add_derived`` is False and it
        follows a source (``filter --within`` keeps the first text of each family and
        indexes only what it keeps); :class:`ValueError` if the id is taken. ``exclude``: the
        id of a source not to compare with, the suspect's own text when the index holds it
        (``match --sources folder/ folder/b.txt`` called b.txt "copied" from itself).
        ``passages=False`` ranks the whole text only: a long suspect is then found to follow a
        source only where a tenth or more of its rare words are the source's (``filter``'s
        way: a page that quotes one paragraph is not a copy to drop)."""
        if add_as is not None and not isinstance(add_as, str):  # as add() refuses one
            raise InputError(f"a source id must be a str, got {type(add_as).__name__}")
        if add_as is not None and add_as in self._position:
            raise ValueError(f"source id {add_as!r} added twice")
        read = prepare(suspect, "suspect")  # read once: to rank, to compare and to add
        if not read.sentences:  # no words: said as compare says it (was unrelated)
            empty = Comparison("empty", no_words(read, "the suspect"), 0, 0, 0, 0, 0.0,
                               0, len(read.sentences), 0, (), ())  # fmt: skip
            return SourceMatch(None, "empty", empty, ())
        skip = -1 if exclude is None else self._position.get(exclude, -1)
        cands, whole = self._ranked(read.doc, self.top, skip, passages)
        best: Comparison | None = None
        best_id: str | None = None
        compared: list[tuple[str, Comparison]] = []
        for n, (source_id, _) in enumerate(cands):
            c = compare_prepared(self._source(self._position[source_id]), read)
            if n >= whole and c.verdict in _DERIVED and not _a_passage(c):
                c = _loosely(c)  # found by a passage, and no passage follows it
            compared.append((source_id, c))
            if best is None or _better(c, best):
                best, best_id = c, source_id
        verdict = best.verdict if best is not None else "unrelated"
        derived = verdict in _DERIVED
        if add_as is not None and (add_derived or not derived):  # kept read, for the next
            self._keep(self._add(add_as, suspect, read.doc), read)
            self._added[add_as] = None
            if self.window is not None and len(self._added) > self.window:
                self.forget(next(iter(self._added)))  # the oldest text added this way
        also = _also(best_id, best, compared) if derived else ()
        return SourceMatch(best_id if derived else None, verdict, best, tuple(cands), also)

    def _source(self, k: int) -> Prepared:
        """Source ``k`` read for comparing, kept for the next suspects that draw it (the
        sources a stream of suspects draws repeat: a long one shares a little with many)."""
        read = self._read.get(k)
        if read is None:
            self._keep(k, read := prepare(self._texts[k], "source"))
        else:
            self._read.move_to_end(k)
        return read

    def _keep(self, k: int, read: Prepared) -> None:
        self._read[k] = read
        if len(self._read) > _READ_CACHE:
            self._read.popitem(last=False)

    def match_many(self, suspects: Iterable[str]) -> Iterator[SourceMatch]:
        """:meth:`match` for each suspect, in order, lazily."""
        for s in suspects:
            yield self.match(s)


def _also(
    best_id: str | None, best: Comparison | None, compared: list[tuple[str, Comparison]]
) -> tuple[tuple[str, Comparison], ...]:
    """The sources besides the best that the suspect follows in sentences of its own: each
    derived comparison, best first, kept when most of the suspect sentences it pairs are
    not paired by the best or one kept before it."""
    if best is None:
        return ()
    ranked = sorted(
        (kv for kv in compared if kv[0] != best_id and kv[1].verdict in _DERIVED),
        key=lambda kv: (_VERDICT_RANK[kv[1].verdict], -kv[1].kept_words),
    )
    covered = {p.suspect for p in best.pairs}
    out: list[tuple[str, Comparison]] = []
    for source_id, c in ranked:
        spans = {p.suspect for p in c.pairs}
        if 2 * len(spans - covered) > len(spans):
            out.append((source_id, c))
            covered |= spans
    return tuple(out)


def _a_passage(c: Comparison) -> bool:
    """Whether a source found by a passage of the suspect shows one: a derived verdict whose
    sentence pairs share, on average, at least half their content words
    (:data:`~spundetect.comparison.STRONG_SIMILARITY`). Reports on one template or one kind
    of event pair loosely ("KABILA was elected as president in 2006" / "Hakainde HICHILEMA
    was elected president in 2021": 0.40) and had been called ``partly_derived`` and
    ``rewritten`` (8 of 4,787 originals matched against the rest); a pasted paragraph pairs
    closely (one of 117 reworded ones found in ``bench_match.py`` under 0.5)."""
    return c.verdict in _DERIVED and (
        sum(p.similarity for p in c.pairs) >= STRONG_SIMILARITY * len(c.pairs)
    )


def _loosely(c: Comparison) -> Comparison:
    """``c``, ``unrelated``: its pairs share too little to be a passage (:func:`_a_passage`)."""
    mean = sum(p.similarity for p in c.pairs) / len(c.pairs) if c.pairs else 0.0
    why = (
        f"{len(c.pairs)} of the suspect's {c.suspect_sentences} sentences pair with the "
        f"source's only loosely (sharing {mean:.0%} of their content words on average): a "
        "shared topic or template, not a passage taken from it"
    )
    return dataclasses.replace(c, verdict="unrelated", message=why)


def _better(a: Comparison, b: Comparison) -> bool:
    """Whether comparison ``a`` shows the stronger derivation: a better verdict, then more
    of the suspect's words kept in the source's order."""
    ra, rb = _VERDICT_RANK[a.verdict], _VERDICT_RANK[b.verdict]
    return ra < rb or (ra == rb and a.kept_words > b.kept_words)


def _content_words(doc: Doc, start: int = 0, end: int | None = None) -> set[str]:
    """The distinct lower-cased content words and numbers of ``doc`` (function words out),
    of its tokens ``start:end``."""
    fw = function_words()
    return {
        w
        for w, is_word in zip(doc.lower[start:end], doc.is_word[start:end], strict=True)
        if (is_word and len(w) > 1 and w not in fw) or w[0].isdigit()
    }


def _passages(doc: Doc) -> list[set[str]]:
    """The content words of each passage of a long ``doc``: runs of whole sentences of at
    least :data:`PASSAGE_WORDS` words, alone and each with the next (so that a pasted
    paragraph fills one wherever a run's edge falls). A sentence of more than
    :data:`~spundetect.comparison.MAX_SENTENCE_WORDS` words (a transcript, captions: text
    without stops) is cut into runs of its own. Empty for a text of fewer than six runs: a
    pasted paragraph is a good share of it, which the whole-text ranking finds (and a
    WikiText lead of 89 words, ranked so, was "rewritten" from its article's body)."""
    runs: list[tuple[int, int]] = []
    is_word = doc.is_word
    start, count = None, 0
    for a, b in doc.sentences:
        if start is None:
            start = a
        n = sum(is_word[a:b])
        if n > MAX_SENTENCE_WORDS:  # cut at every PASSAGE_WORDS-th word
            for i in range(a, b):
                count += is_word[i]
                if count >= PASSAGE_WORDS:
                    runs.append((start, i + 1))
                    start, count = i + 1, 0
            continue
        count += n
        if count >= PASSAGE_WORDS:
            runs.append((start, b))
            start, count = None, 0
    if start is not None and runs:  # the last words join the last run
        runs[-1] = (runs[-1][0], doc.sentences[-1][1])
    if len(runs) < 6:
        return []
    alone = [_content_words(doc, a, b) for a, b in runs]
    return alone + [alone[i] | alone[i + 1] for i in range(len(runs) - 1)]
