"""One normalisation and tokenisation pass that every feature shares.

This is the per-document hot path: it runs once per text, and every feature
family reads the same :class:`Doc` instead of re-tokenising. Offsets are kept
exact: ``doc.folded`` has the same length as ``doc.text`` (typographic quotes
and dashes are folded one character for one, web addresses become runs of zeros,
the line breaks of hard-wrapped paragraphs spaces, and what is not the text's own
prose, headings, menus, comment threads, quoted e-mail and lines in another language,
is blanked with spaces), so a span found on the folded text points at the same characters of
the text the user gave us. Formatting is not evidence of rewriting: each of these
steps makes a text read as it would without its layout. How the text is read as meant
(typography, mojibake, character references, markup, addresses, wrapped lines, case) is
:mod:`spundetect.reading`'s, and which lines and spans are not the text's own prose is decided
in :mod:`spundetect.furniture`; this module runs the one, blanks what the other finds,
tokenises and splits sentences.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import not_
from unicodedata import combining, normalize

from .furniture import (
    CLOSERS,
    FOREIGN_MIN_WORDS,
    OTHER_FUNCTION_WORDS,
    SENT_END,
    blank_non_prose_explained,
    blank_spans,
    foreign_word_count,
)
from .reading import (
    ABBREVIATIONS,
    FOLD_TABLE,
    INVISIBLE,
    LOOK_ALIKES,
    LOWER_CASE_MAX_CAPITALS,
    LOWER_CASE_MIN_STARTS,
    PAD,
    PICTOGRAPH,
    SPINTAX_MIN_GROUPS,
    fold,
    list_labels,
    mask_addresses,
    read_as_meant,
    read_emoticons,
    read_look_alikes,
    read_pronoun_i,
    read_spintax,
    recase,
    rewriter_notes,
    unwrap,
    written_in_capitals,
    written_in_lower_case,
    written_in_title_case,
)
from .tokens import ASCII_SPLIT_RE, INVISIBLE_CHARS, SPLIT_RE, STRAY_CONTROLS, marks

__all__ = [
    "ABBREVIATIONS",
    "FOLD_TABLE",
    "LOWER_CASE_MAX_CAPITALS",
    "LOWER_CASE_MIN_STARTS",
    "Doc",
    "fold",
    "leave_out",
    "mask_addresses",
    "read_visible",
    "recase",
    "tokenize",
    "unlisted_language_parts",
    "unwrap",
    "visible_text",
    "written_in_capitals",
    "written_in_lower_case",
]

# Tokens after which a full stop does not end a sentence (one list for the sentence splitter
# and the punctuation checks; single letters, "U.S." and "e.g.", are handled by both).
_NEWLINE = re.compile(r"\n")
_ABSORBED = SENT_END | CLOSERS  # what a sentence end takes with it
_INVISIBLE_CHARS = tuple(sorted(INVISIBLE))
# Typographic ligatures, one character for two or three letters ("\ufb01nance"): text taken
# from a PDF has them, and read as they are they make words unknown (12 of the genre probe's
# 40 flagged, ad-hoc, nineteenth session). A token that holds one is read in its NFKC form
# ("finance"); its span still covers the text as given.
_LIGATURES = tuple(map(chr, range(0xFB00, 0xFB07)))  # U+FB00-FB06, "ﬀ" to "ﬆ"
_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")
_LINE_BREAK = re.compile("\n")

# doc.memo keys of the word sequences the status check and several families share
_WORDS_KEY = "text.words"
_N_WORDS_KEY = "text.n_words"
_COUNTS_KEY = "text.word_counts"
_LEFT_OUT_KEY = "text.left_out"
_RECASED_KEY = "text.recased"
_MARKED_KEY = "text.contractions_marked"
_TYPOS_KEY = "text.typos_read"
_SHORT_LINES_KEY = "text.mostly_short_lines"
_FOREIGN_KEY = "text.foreign_words"
_SOURCE_KEY = "text.source"
_DISGUISED_KEY = "text.look_alikes_read"
_ACCENTS_KEY = "text.accents_read"
_SPINTAX_KEY = "text.spintax"
_NOTES_KEY = "text.rewriter_notes"
_HIDDEN_KEY = "text.hidden_read"

# Characters a reader does not see, and pictographs (emoji) beside a mark: dropped from the
# text before it is read (:func:`visible_text`), so that every feature reads it as it would
# read it without them. Dropping them from the tokens alone (as inside a word) left them in
# the text the punctuation checks scan: a zero-width space, a direction mark or an emoji
# after each full stop hid seed 004's "U. S." and stray quotes, and turned it from
# machine_garbled (P 0.91) to original (P(original) 0.61), seed 001 from spun to original
# (fifty-seventh session).
# Stray control characters (NUL, ESC, ...: tokens.STRAY_CONTROLS) are unseen as well.
_INVISIBLE_CLASS = f"[{''.join(_INVISIBLE_CHARS)}{re.escape(STRAY_CONTROLS)}]"
_HIDDEN_ANY = re.compile(f"{_INVISIBLE_CLASS}|{PICTOGRAPH.pattern}")
_HIDDEN_RUN = re.compile(
    f"{_INVISIBLE_CLASS}+|(?P<ws>[ \t]*)"
    f"(?P<pic>{PICTOGRAPH.pattern}(?:{PICTOGRAPH.pattern}|{_INVISIBLE_CLASS})*)"
)
# What the result says was taken out (:meth:`Doc.hidden_read`): invisible characters between
# two Latin letters ("pla\u200bgiarism"; a look-alike, full-width or mathematical letter counts
# as one, "comp\u0430\u200bny", "\uff50\u200b\uff4c\uff41\uff4e"),
# which spam puts in words to get past filters and a few editors and sites leave now and then
# (a ligature stop in a German compound, a break hint in a long name), and stray control
# characters anywhere (a broken extraction's). A soft hyphen (the hyphenation hint pages
# carry) is not counted, nor is a joiner inside an emoji or a character between words, as
# text copied from a page has them.
_LATIN_LETTER = (
    "[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a"
    "\U0001d400-\U0001d6a5" + "".join(LOOK_ALIKES) + "]"
)
_UNTYPED = INVISIBLE_CHARS.replace("\u00ad", "")
_IN_WORD_INVISIBLE = re.compile(
    f"(?<={_LATIN_LETTER})[{INVISIBLE_CHARS}]*[{_UNTYPED}][{INVISIBLE_CHARS}]*(?={_LATIN_LETTER})"
)
_STRAY_CONTROL = re.compile(f"[{re.escape(STRAY_CONTROLS)}]")


@dataclass(frozen=True, slots=True)
class Doc:
    """A tokenised text. Read-only by contract: features must not mutate the lists.

    Attributes
    ----------
    text: the text as given; every span refers to it.
    folded: ``text`` with typographic quotes, dashes and odd spaces folded to ASCII, HTML
        character references read as their character
        (:func:`spundetect.reading.decode_references`) and
        non-prose lines (headings, menus, bylines: :func:`spundetect.furniture.blank_non_prose`)
        blanked and, in a text written in lower case (or all in capitals, lower-cased first),
        its sentence starts and "I" capitalised (:func:`spundetect.reading.recase`);
        the same length as ``text``. Tokens, and so every feature, come from it.
    tokens: token strings, taken from ``folded``.
    lower: lower-cased tokens.
    (A contraction typed without its apostrophe, "dont", is read with it in ``tokens`` and
    ``lower``: :meth:`contractions_marked`; so is a typing slip, "custmers", read as the
    word meant: :meth:`typos_read`.)
    starts, ends: character offsets of each token.
    is_word: True where the token is alphabetic.
    sentences: ``(first_token, end_token)`` index ranges, end exclusive.
    """

    text: str
    folded: str
    tokens: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    is_word: list[bool]
    sentences: list[tuple[int, int]]
    #: per-document memo for derived sequences several consumers need (e.g. the word
    #: list and counts, see :meth:`word_counts`, and the reference model's class ids,
    #: used by the phrasing features and the n-gram model)
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    @property
    def n_words(self) -> int:
        """Number of word tokens (asked for by several consumers: counted once)."""
        n = self.memo.get(_N_WORDS_KEY)
        if n is None:
            n = self.memo[_N_WORDS_KEY] = self.is_word.count(True)  # C speed; sum() is not
        return n  # type: ignore[return-value]

    def words(self) -> list[str]:
        """Lower-cased word tokens (alphabetic only), in order (a new list each call)."""
        return list(self.word_list())

    def word_list(self) -> list[str]:
        """Lower-cased word tokens, in order, computed once per document (read-only: shared)."""
        words = self.memo.get(_WORDS_KEY)
        if words is None:
            if len(self.lower) != len(self.is_word):
                raise ValueError("Doc.lower and Doc.is_word differ in length")
            words = self.memo[_WORDS_KEY] = list(compress(self.lower, self.is_word))
        return words  # type: ignore[return-value]

    def word_counts(self) -> Counter[str]:
        """How often each lower-cased word occurs, computed once per document (read-only: shared).

        The status check and the lexical, readability and punctuation families all need
        per-word facts; looking each distinct word up once is ~2x fewer lookups than once
        per token.
        """
        counts = self.memo.get(_COUNTS_KEY)
        if counts is None:
            counts = self.memo[_COUNTS_KEY] = Counter(self.word_list())
        return counts  # type: ignore[return-value]

    def recased(self) -> bool:
        """Whether the text is written in lower case (or all in capitals, read as lower case)
        and was read with its sentences and the pronoun "I" capitalised
        (:func:`spundetect.reading.recase`)."""
        return bool(self.memo.get(_RECASED_KEY, False))

    def written_in(self) -> str | None:
        """How a recased text was written: ``"lower case"``, ``"capitals"`` or
        ``"title case"``; None when the text was read as written."""
        how = self.memo.get(_RECASED_KEY)
        return how if isinstance(how, str) else None

    def mostly_short_lines(self) -> bool:
        """Whether the text is mostly lines that do not end like a sentence (headlines,
        captions, a list, a poem: :func:`spundetect.furniture.blank_non_prose`), not running
        prose."""
        return bool(self.memo.get(_SHORT_LINES_KEY, False))

    def contractions_marked(self) -> frozenset[str]:
        """The contractions the text types without their apostrophe ("dont", "theyre"), which
        its tokens read with it ("don't", "they're"); the text and its offsets are as written."""
        marked = self.memo.get(_MARKED_KEY)
        return frozenset(marked) if isinstance(marked, set) else frozenset()

    def typos_read(self) -> dict[str, str]:
        """The typing slips the text makes ("custmers") and the word its tokens read for
        each ("customers"; :func:`spundetect.typos.meant_word`); the text and its offsets
        are as written. Only the reference model's reading reads them
        (:meth:`spundetect.lm.ReferenceModel.read`)."""
        return dict(self.memo.get(_TYPOS_KEY, {}))  # type: ignore[call-overload]

    def left_out(self) -> list[tuple[int, int, str]]:
        """The ``(start, end, why)`` of each part of the text that no measure reads, in text
        order: lines blanked as headings, site furniture, a comment thread, a quoted e-mail
        or another language (``why`` a key of :data:`spundetect.furniture.LEFT_OUT_WHY`).
        Read-only: shared."""
        return self.memo.get(_LEFT_OUT_KEY, [])  # type: ignore[return-value]

    def look_alikes_read(self) -> int:
        """How many letters of other scripts that look like Latin ones (Cyrillic "\u0430" in
        "Chin\u0430") the text holds and were read as the Latin letters
        (:func:`spundetect.reading.read_look_alikes`); the text and its offsets are as written."""
        return int(self.memo.get(_DISGUISED_KEY, 0))  # type: ignore[call-overload]

    def spintax(self) -> tuple[tuple[int, int], ...]:
        """The ``(start, end)`` in the text of each group of a spinner's template left
        unresolved ("{upswing|rise}"), which the tokens read as its first choice
        (:func:`spundetect.reading.read_spintax`); ``()`` when the text is no template (too
        few groups, or too far apart), or holds them only in parts left out."""
        return self.memo.get(_SPINTAX_KEY, ())  # type: ignore[return-value]

    def rewriter_notes(self) -> tuple[tuple[int, int], ...]:
        """The ``(start, end)`` in the text of each line a rewriter left in it about the text
        ("Sure! Here is a rewritten version of the article:";
        :func:`spundetect.reading.rewriter_notes`), read as written or left out as a line."""
        return self.memo.get(_NOTES_KEY, ())  # type: ignore[return-value]

    def accents_read(self) -> dict[str, str]:
        """The words the text writes with accents English does not put on them ("thé") and
        the word its tokens read for each ("the"; :data:`ACCENTS_MIN_GAIN`); only a reading
        with the reference model's vocabulary reads them. The text and its offsets are as
        written."""
        return dict(self.memo.get(_ACCENTS_KEY, {}))  # type: ignore[call-overload]

    def hidden_read(self) -> tuple[int, int]:
        """How many invisible characters the text held inside words ("pla\u200bgiarism": zero-width
        spaces and joiners, direction marks; soft hyphens not counted), and how many stray
        control characters (NUL, ESC, ...), all taken out before it was read
        (:func:`visible_text`)."""
        return self.memo.get(_HIDDEN_KEY, (0, 0))  # type: ignore[return-value]

    def foreign_words(self) -> int:
        """How many prose words the lines and sentences left out as another language held
        (the status check says a text is not English when they are most of its words)."""
        return int(self.memo.get(_FOREIGN_KEY, 0))  # type: ignore[call-overload]

    def sentence_span(self, i: int) -> tuple[int, int]:
        """Character span of sentence ``i`` in ``text``."""
        a, b = self.sentences[i]
        return self.starts[a], self.ends[b - 1]

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def source(self) -> tuple[str, list[int]] | None:
        """The text as given, when :attr:`text` is it without the characters a reader does
        not see (:func:`visible_text`), and for each character of :attr:`text` its offset
        in it (one more entry: its length); ``None`` when :attr:`text` is the text as given."""
        return self.memo.get(_SOURCE_KEY)  # type: ignore[return-value]

    def in_source(self, start: int, end: int) -> tuple[int, int]:
        """The span ``start:end`` of :attr:`text` as a span of the text as given (spans of
        ``-1`` stay, they are the whole text's)."""
        source = self.source()
        if source is None or start < 0:
            return start, end
        back = source[1]
        if end <= start:
            return back[start], back[start]
        return back[start], back[end - 1] + 1


def visible_text(text: str) -> tuple[str, list[int]] | None:
    """``text`` without the characters a reader does not see (zero-width spaces and joiners,
    soft hyphens, direction marks, the byte-order mark, stray control characters), and
    without the pictographs (emoji, and emoticons such as ":)") that stand beside a mark, with
    each kept character's offset in ``text`` (and one more: ``len(text)``); ``None`` when it
    holds none of them.

    A pictograph after a mark or before one goes with the spaces before it ("done. 🙂 Next"
    reads "done. Next", "great 🙂." reads "great."), so that no space before a mark, no doubled
    space and no split abbreviation appears that the writer did not type; one between words is
    left as written, for the reading pass, where it can end a sentence ("loved it 🙂 Next
    time"; taken out, 4 of the genre probe's 40 with smileys for stops were flagged, 6 after).
    """
    # emoticons (":)" between spaces or before a stop) count as pictographs: found as the
    # reading pass finds them, a pictograph and joiners (after each sentence, ":)" turned
    # seed 004 original as "🙂" did)
    work = read_emoticons(text) if _may_hold_emoticons(text) else text
    if work.isascii():
        if not any(c in work for c in STRAY_CONTROLS):  # (~2 us a 1,000-word text)
            return None
    elif _HIDDEN_ANY.search(work) is None:
        return None
    pieces: list[str] = []
    back: list[int] = []
    pos = 0
    n = len(work)
    last = ""  # the last character kept (what a pictograph after it stands beside)
    changed = False
    for m in _HIDDEN_RUN.finditer(work):
        a, b = m.span()
        pic_start = m.start("pic")
        if pic_start >= 0:
            before = work[a - 1] if a > pos else last
            after = work[b] if b < n else ""
            if not (before in _BESIDE_MARK or after in _BESIDE_MARK):
                continue  # between words: as written (emoticons too: the slice is ``text``'s)
        changed = True
        if a > pos:
            pieces.append(text[pos:a])
            back.extend(range(pos, a))
            last = text[a - 1]
        pos = b
        if pic_start >= 0 and m.group("ws") and after.isalnum():  # ". 🙂Next": the space stays
            pieces.append(m.group("ws"))
            back.extend(range(a, pic_start))
            last = " "
    if not changed:
        return None
    pieces.append(text[pos:])
    back.extend(range(pos, n))
    back.append(n)
    return "".join(pieces), back


# the marks a pictograph beside is taken out with its spaces ("" is in no frozenset)
_BESIDE_MARK = frozenset(".,!?;:)")


def _may_hold_emoticons(text: str) -> bool:
    """Whether ``text`` holds a character an emoticon starts with (a scan for one character
    is memchr-fast)."""
    return ":" in text or ";" in text or "=" in text


def read_visible(text: str, read: Callable[[str], Doc]) -> Doc:
    """``read(text)``, or, when ``text`` holds characters a reader does not see or pictographs,
    ``read`` of the text without them (:func:`visible_text`), whose :meth:`Doc.source` maps
    its spans back to ``text``."""
    visible = visible_text(text)
    if visible is None:
        return read(text)
    doc = read(visible[0])
    doc.memo[_SOURCE_KEY] = (text, visible[1])
    in_words = 0
    if not text.isascii():
        in_words = sum(len(run) - run.count("\u00ad") for run in _IN_WORD_INVISIBLE.findall(text))
    controls = len(_STRAY_CONTROL.findall(text))
    if in_words or controls:
        doc.memo[_HIDDEN_KEY] = (in_words, controls)
    return doc


def tokenize(text: str, vocabulary: Container[str] | None = None) -> Doc:
    """Normalise and tokenise ``text`` in one pass. Safe on the empty string.

    ``vocabulary`` (the reference model's words), when given, joins a word hyphenated across
    a wrapped line ("interna-" / "tional") into the one word it makes, when that word is in
    it; a compound broken at its own hyphen ("well-" / "known") stays three tokens, as it is
    written on one line. (The reference model reads a text with its vocabulary and reads its
    typing slips too: :meth:`spundetect.lm.ReferenceModel.read`.)

    The tokens and their offsets come from one ``re.split`` (no match object per
    token) and C-level passes (``map``, ``accumulate``, slices). Lines in another language
    (see :data:`FOREIGN_MIN_WORDS`) are looked for only when the words hint at them, and
    the text is tokenised again without them (rare: most texts have none).
    """
    meant, disguised = read_look_alikes(read_as_meant(text))
    meant, spintax = read_spintax(meant)
    folded, left_out, short_lines = blank_non_prose_explained(unwrap(mask_addresses(meant)))
    recased: str | None = None
    if written_in_lower_case(folded):
        recased, folded = "lower case", recase(folded, vocabulary)
    elif written_in_capitals(folded) and len(lowered := folded.lower()) == len(folded):
        recased, folded = "capitals", recase(lowered, vocabulary)
    elif written_in_title_case(folded) and len(lowered := folded.lower()) == len(folded):
        recased, folded = "title case", recase(lowered, vocabulary)
    else:
        folded = read_pronoun_i(folded)  # (recase reads it so in the two texts above)
    doc = _tokenize_folded(text, folded, vocabulary)
    if left_out:
        doc.memo[_LEFT_OUT_KEY] = left_out
    if recased:
        doc.memo[_RECASED_KEY] = recased
    if short_lines:
        doc.memo[_SHORT_LINES_KEY] = True
    if disguised:
        doc.memo[_DISGUISED_KEY] = disguised
    if spintax := _read_parts(spintax, left_out):
        doc.memo[_SPINTAX_KEY] = spintax
    if notes := rewriter_notes(text):
        doc.memo[_NOTES_KEY] = notes
    if _may_hold_other_languages(doc):
        foreign = _other_language_lines(doc)
        if foreign:
            doc = leave_out(doc, foreign, vocabulary)
    return doc


# Contractions typed without their apostrophe ("dont", "im", "theyre"), as chat, comments and
# quick e-mail often write them, and as one source of the corpus's originals lost them: read
# as the contraction they are, so that the word-sequence measures see the English they know.
# Only forms that are no other English word: not "its", "lets", "were", "well", "ill", "shed",
# "wed", "hell", "wont" (a habit).
_CONTRACTIONS = (
    "don't didn't doesn't isn't wasn't aren't weren't couldn't wouldn't shouldn't haven't "
    "hasn't hadn't can't ain't i'm i've you're you've you'd you'll they're they've they'd "
    "they'll we've that's what's there's here's where's who's he's she's would've could've "
    "should've"
)
_UNMARKED_CONTRACTIONS = {w.replace("'", ""): w for w in _CONTRACTIONS.split()}
_UNMARKED_FORMS = frozenset(_UNMARKED_CONTRACTIONS)  # a set's isdisjoint: twice a dict view's speed


def _mark_contractions(
    tokens: list[str], lower: list[str]
) -> tuple[list[str], list[str], set[str]]:
    """``tokens`` and ``lower`` with each contraction typed without its apostrophe read with
    it ("Dont" -> "Don't"), and the contractions so read; the offsets stay those of the text
    as written."""
    tokens, lower = tokens[:], lower[:]
    marked: set[str] = set()
    for i, w in enumerate(lower):
        full = _UNMARKED_CONTRACTIONS.get(w)
        if full is not None:
            k = full.index("'")
            tokens[i] = tokens[i][:k] + "'" + tokens[i][k:]
            lower[i] = full
            marked.add(full)
    return tokens, lower, marked


def _tokenize_folded(text: str, folded: str, vocabulary: Container[str] | None) -> Doc:
    ascii_only = folded.isascii()
    # a combining mark, a pictograph or a ligature lies past U+02FF: they are looked for only
    # in a text that holds a character past Latin-1 (half the texts outside ASCII hold only
    # accented Latin letters and signs such as "£": each search costs ~30 us a 1,000-word text)
    wide = not ascii_only and _beyond_latin1(folded)
    split = ASCII_SPLIT_RE if ascii_only else SPLIT_RE
    has_marks = wide and marks().find.search(folded) is not None
    if has_marks:
        split = marks().split
    parts = split.split(folded)
    tokens = parts[1::2]
    offsets = list(accumulate(map(len, parts)))  # [start 0, end 0, start 1, end 1, ...]
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    if not ascii_only and _holds_any(folded, _INVISIBLE_CHARS):
        tokens, starts, ends = _drop_invisible(tokens, starts, ends)
    pictographs: list[int] = []
    if wide and PICTOGRAPH.search(folded):
        tokens, starts, ends, pictographs = _drop_pictographs(tokens, starts, ends)
    if wide and _holds_any(folded, _LIGATURES):
        # (an ASCII token holds none: its test is ~20x cheaper than the search)
        tokens = [
            normalize("NFKC", t) if not t.isascii() and _LIGATURE.search(t) else t for t in tokens
        ]
    if has_marks:  # a decomposed accent read as the composed letter the vocabulary holds ("café")
        mark = marks().find
        tokens = [normalize("NFC", t) if not t.isascii() and mark.search(t) else t for t in tokens]
    accents: dict[str, str] = {}
    if vocabulary is not None and not ascii_only:
        tokens, accents = _read_accents(tokens, vocabulary)
    if (
        vocabulary is not None
        and (
            "-\n" in text
            or "-\r" in text
            # a page break in a PDF's text; one character is looked for ~40x faster than two
            or (("\x0c" in text or "\x0b" in text) and ("-\x0c" in text or "-\x0b" in text))
        )
        and "-" in tokens
    ):
        tokens, starts, ends = _join_hyphenated(text, folded, tokens, starts, ends, vocabulary)
    lower = list(map(str.lower, tokens))
    marked: set[str] = set()
    if not _UNMARKED_FORMS.isdisjoint(lower):
        tokens, lower, marked = _mark_contractions(tokens, lower)
    is_word = [t[0].isalpha() for t in tokens]
    sentences = _split_sentences(folded, tokens, lower, starts, ends, pictographs)
    doc = Doc(text, folded, tokens, lower, starts, ends, is_word, sentences)
    if marked:
        doc.memo[_MARKED_KEY] = marked
    if accents:
        doc.memo[_ACCENTS_KEY] = accents
    return doc


# Accents English does not write, put on letters to hide words from a filter ("thé góvernment
# announced"): a word the frequency table holds at least ten times as often without them
# (Zipf 1.0 more; one the table lacks, when its plain form is there) is read as that word. With
# a combining accent on 3% of the letters, 15 of 86 caught spun test-split texts read as
# original, each so marked word read as a name; on 10%, 85 of 305 texts were ``not_english``
# (fifty-eighth session). Words English borrows with their accents keep them ("café" 3.75 and
# "cafe" 4.09, "naïve", "cliché", "José"); a word of one letter too (French "à" is no "a").
ACCENTS_MIN_GAIN = 1.0
_ABOVE = 230  # the canonical combining class of the marks set above a letter
# A text is read so only when it shows the disguise: this many distinct words of three letters
# or more, written in lower case, whose plain forms are common words (function words or Zipf
# ACCENTS_COMMON_ZIPF and more: "thé", "góvernment", "säid"). A news story of accented names
# and loanwords has none or one ("rosé", "résumé", "Huế", "mā", which read as "rose", "resume",
# "Hue", "ma" without the rule); every text disguised so, ten or more (fifty-ninth session,
# 33 accent-heavy texts written to try the rule).
ACCENTS_MIN_DISGUISED = 3
ACCENTS_COMMON_ZIPF = 4.5


def _read_accents(
    tokens: list[str], vocabulary: Container[str]
) -> tuple[list[str], dict[str, str]]:
    """``tokens`` with each word written with accents English does not put on it read without
    them (:data:`ACCENTS_MIN_GAIN`), and each word so read mapped to its reading; ``tokens``
    and ``{}`` when the text does not show the disguise (:data:`ACCENTS_MIN_DISGUISED`)."""
    from .lm import function_words  # (lm reads with this module)

    zipf = vocabulary if isinstance(vocabulary, Mapping) else None
    read: dict[str, str] = {}
    at: list[int] = []
    disguised: set[str] = set()
    common = function_words()
    for i in compress(range(len(tokens)), map(not_, map(str.isascii, tokens))):
        word = tokens[i]
        plain = read.get(word) or _unaccented(word)
        if plain is None:
            continue
        low, plain_low = word.lower(), plain.lower()
        if word not in read:
            if zipf is not None:
                gain = zipf.get(plain_low, 0.0) - zipf.get(low, 0.0)
                if gain < ACCENTS_MIN_GAIN or not zipf.get(plain_low):
                    continue
            elif low in vocabulary or plain_low not in vocabulary:
                continue
            read[word] = plain
        at.append(i)
        if (
            word == low
            and len(plain) >= 3
            and (
                plain in common
                or (zipf is not None and zipf.get(plain, 0.0) >= ACCENTS_COMMON_ZIPF)
            )
        ):
            disguised.add(word)
    if len(disguised) < ACCENTS_MIN_DISGUISED:
        return tokens, {}
    out = tokens[:]
    for i in at:
        out[i] = read[tokens[i]]
    return out, read


# Letters with a stroke or a bar that Unicode does not decompose into a letter and a mark,
# written without it in an English copy ("Dang", "Lodz", "Oresund", "Istanbul")
_STROKED = dict(
    zip(
        "\u0110\u0111\u0141\u0142\u00d8\u00f8\u00d0\u00f0\u0131\u0127\u0126",
        "DdLlOoDdihH",
        strict=True,
    )
)


def accents_away(text: str) -> str:
    """``text`` with the accents on its letters taken away, one character for one: an accented
    letter read as its letter ("\u00e9" -> "e"), a combining accent as an invisible joiner no
    token keeps. :func:`spundetect.compare` and :class:`spundetect.SourceIndex` read both texts
    so, and a copy with accents put on its letters is still a copy; the detector reads accents
    away only where English does not write them (:data:`ACCENTS_MIN_GAIN`). A letter whose
    decomposition is no letter and accents (a Hangul syllable) stays; a letter with a stroke
    reads as its letter ("\u0141\u00f3d\u017a" as "Lodz")."""
    if text.isascii():
        return text
    table: dict[int, str] = {}
    for c in set(text):
        if c.isascii():
            continue
        if c in _STROKED:
            table[ord(c)] = _STROKED[c]
        elif combining(c):
            table[ord(c)] = PAD
            continue
        parts = normalize("NFD", c)
        if len(parts) > 1 and all(map(combining, parts[1:])):
            table[ord(c)] = parts[0]
    return text.translate(table) if table else text


def _unaccented(word: str) -> str | None:
    """``word`` without its accents when they all sit above its letters and it is then written
    in ASCII letters (with an apostrophe or a hyphen), two or more; else ``None``. A mark
    below a letter (a dot, a cedilla, a hook) is another alphabet's letter, not a disguise:
    Yoruba "w\u1ecdn" is no "won"."""
    parts = normalize("NFD", word)
    if any(combining(c) not in (0, _ABOVE) for c in parts):
        return None
    plain = "".join(c for c in parts if not combining(c))  # (ASCII or refused: no NFC needed)
    if (
        len(plain) < 2
        or not plain.isascii()
        or not plain.replace("'", "").replace("-", "").isalpha()
    ):
        return None
    return plain


def _beyond_latin1(text: str) -> bool:
    """Whether ``text`` holds a character past U+00FF (encoding it finds out at C speed)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return True
    return False


def _holds_any(text: str, chars: Sequence[str]) -> bool:
    """Whether ``text`` holds one of the few ``chars``: one substring scan each, ~20x faster on
    a long text than one search for a character class."""
    return any(c in text for c in chars)


#: what a Doc's memo says of the text as read, which a reading of its slips keeps
_READING_KEYS = (
    _LEFT_OUT_KEY,
    _RECASED_KEY,
    _MARKED_KEY,
    _SHORT_LINES_KEY,
    _FOREIGN_KEY,
    _DISGUISED_KEY,
    _SPINTAX_KEY,
    _NOTES_KEY,
)


def read_typos(doc: Doc, at: Sequence[int], slips: Mapping[str, str]) -> Doc:
    """``doc`` with the token at each position of ``at``, a typing slip written in lower case
    ("custmers"), read as the word meant (``slips[token]``, "customers"; see
    :mod:`spundetect.typos`); its offsets and sentence bounds stay as written."""
    tokens, lower = doc.tokens[:], doc.lower[:]
    for i in at:
        tokens[i] = slips[tokens[i]]
        lower[i] = tokens[i].lower()
    read = Doc(
        doc.text, doc.folded, tokens, lower, doc.starts, doc.ends, doc.is_word, doc.sentences
    )
    read.memo.update((k, doc.memo[k]) for k in _READING_KEYS if k in doc.memo)
    read.memo[_TYPOS_KEY] = {
        **doc.typos_read(),
        **{w: slips[w] for w in {doc.tokens[i] for i in at}},
    }
    return read


def glued_runs(doc: Doc, at: Iterable[int]) -> list[tuple[int, int]]:
    """The character spans of the runs of words and single digits written together (no
    space or mark between them) that hold the single-digit tokens at ``at``: "c0mpany" is
    the tokens "c", "0", "mpany". A run that holds another number ("F16s") is no such run,
    nor is a digit glued to nothing."""
    tokens, starts, ends = doc.tokens, doc.starts, doc.ends
    n = len(tokens)
    runs: list[tuple[int, int]] = []
    for i in at:
        if runs and starts[i] < runs[-1][1]:
            continue  # in the run before
        a = b = i
        while a > 0 and ends[a - 1] == starts[a] and _word_or_digit(tokens[a - 1]):
            a -= 1
        while b + 1 < n and starts[b + 1] == ends[b] and _word_or_digit(tokens[b + 1]):
            b += 1
        if a < b:
            runs.append((starts[a], ends[b]))
    return runs


def _word_or_digit(token: str) -> bool:
    return token[0].isalpha() or (len(token) == 1 and token.isdigit())


def reread(
    doc: Doc, readings: Mapping[int, str], read_as: Mapping[str, str], vocabulary: Container[str]
) -> Doc:
    """``doc`` tokenised again with the character of its folded text at each offset of
    ``readings`` read as the one given (a digit as the letter it stands for: "c0mpany" read
    "company"); offsets stay as written. ``read_as`` maps each word so read to the word
    meant, added to :meth:`Doc.typos_read`."""
    chars = list(doc.folded)
    for k, c in readings.items():
        chars[k] = c
    read = _tokenize_folded(doc.text, "".join(chars), vocabulary)
    read.memo.update((k, doc.memo[k]) for k in _READING_KEYS if k in doc.memo)
    read.memo[_TYPOS_KEY] = {**doc.typos_read(), **read_as}
    return read


def _may_hold_other_languages(doc: Doc) -> bool:
    """A cheap hint, from the word counts every feature shares: a few function words of
    another language, or many characters outside ASCII (a caption in another script)."""
    counts = doc.word_counts()
    found = OTHER_FUNCTION_WORDS.intersection(counts)
    # three or more of them, and two different ones ("de Blasio" thrice is a name)
    if len(found) >= 2 and sum(map(counts.__getitem__, found)) >= 3:
        return True
    folded = doc.folded
    # a line of words in another script holds dozens of characters outside ASCII; a "café"
    # or a "£" holds one (counted in C: each such character is 2-4 bytes in UTF-8)
    return not folded.isascii() and len(folded.encode()) - len(folded) >= 4 * FOREIGN_MIN_WORDS


def _other_language_lines(doc: Doc) -> list[tuple[int, int, str]]:
    """The ``(start, end, "language")`` of each line or sentence of ``doc.folded`` in another
    language (:func:`_foreign_parts`). Only those that hold one of the other languages'
    function words, or a word outside ASCII, are read."""
    tokens = doc.tokens
    # as written: "Los Angeles", "La Paz", "El Paso" are names in an English line
    hits = list(compress(range(len(tokens)), map(OTHER_FUNCTION_WORDS.__contains__, tokens)))
    if not doc.folded.isascii():
        hits += compress(range(len(tokens)), map(not_, map(str.isascii, tokens)))
    return _foreign_parts(doc, hits, None, 1)


def unlisted_language_parts(
    doc: Doc, unknown: Iterable[int], reads_as_english: Callable[[str], bool]
) -> list[tuple[int, int, str]]:
    """The ``(start, end, "language")`` of each line or sentence of ``doc.folded`` in a
    language whose function words :data:`OTHER_FUNCTION_WORDS` lacks (see
    :func:`spundetect.furniture.mostly_unknown_words` and :func:`_foreign_parts`).

    ``unknown``: the indices of the tokens the frequency table lacks, which the reference
    model's type table finds anyway (:meth:`spundetect.lm.ReferenceModel.read`);
    ``reads_as_english``: its :meth:`~spundetect.lm.ReferenceModel.reads_as_english`.
    Only lines and sentences where they are written in lower case, two or more and a fifth
    of the tokens or more, are read: in English prose they are a rare term or a slip; in
    another language, many of its words (written in lower case and lacking from the table:
    31-82% of the tokens of the 63 lines in 34 languages written to check the rule,
    forty-fifth session).
    """
    tokens = doc.tokens
    return _foreign_parts(doc, [i for i in unknown if tokens[i].islower()], reads_as_english, 2)


def _foreign_parts(
    doc: Doc, hits: Iterable[int], reads_as_english: Callable[[str], bool] | None, min_hits: int
) -> list[tuple[int, int, str]]:
    """The ``(start, end, "language")`` of each line of ``doc.folded`` in another language
    (:func:`spundetect.furniture.foreign_word_count`) and, in a line that is not, of each
    sentence that is (a text whose line breaks were lost holds a notice or a summary as
    sentences). When they hold most of its words the status check says the text is not
    English (:meth:`Doc.foreign_words`; leaving none out instead left the text to a check of
    its English function words, which English and Spanish halves together pass: an English
    page with its translation under it was judged whole and called spun, fifty-sixth
    session). Only a line or sentence holding ``min_hits`` or more of the tokens
    ``hits`` is read, and, with ``min_hits`` above one, as many as a fifth of its tokens.
    """
    folded, starts, ends, sentences = doc.folded, doc.starts, doc.ends, doc.sentences
    # each hit by the start of its line, from one list of line starts (a search back for
    # each hit's line break, and a scan of every hit for each line read, made a megabyte of
    # English lines with a Spanish word or a typo in each take 25 s; fifty-sixth session)
    line_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(folded))]
    by_line: dict[int, list[int]] = {}
    for h in sorted(set(hits)):
        a = line_starts[bisect.bisect_right(line_starts, starts[h]) - 1]
        by_line.setdefault(a, []).append(h)
    per_line = {a: len(on) for a, on in by_line.items()}

    def enough(count: int, n_tokens: int) -> bool:
        return count >= min_hits and (min_hits < 2 or 5 * count >= n_tokens)

    spans: list[tuple[int, int, str]] = []
    firsts: list[int] = []
    for a in sorted(a for a, count in per_line.items() if count >= min_hits):
        b = folded.find("\n", a)
        b = b if b >= 0 else len(folded)
        lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        if enough(per_line[a], hi - lo):
            n = foreign_word_count(folded[a:b], reads_as_english)
            if n:
                spans.append((a, b, "language"))
                continue
        firsts = firsts or [i for i, _ in sentences]
        in_line = Counter(bisect.bisect_right(firsts, h) - 1 for h in by_line[a])
        for k in sorted(in_line):
            i, j = sentences[k]
            if (i, j) == (lo, hi) or not enough(in_line[k], j - i):
                continue  # the line itself, read above (no sentence runs across lines)
            n = foreign_word_count(folded[starts[i] : ends[j - 1]], reads_as_english)
            if n:
                spans.append((starts[i], ends[j - 1], "language"))
    return spans


def _read_parts(
    groups: tuple[tuple[int, int], ...], left_out: Sequence[tuple[int, int, str]]
) -> tuple[tuple[int, int], ...]:
    """The spinner's template groups (:meth:`Doc.spintax`) outside the parts ``left_out``, or
    ``()`` when fewer than :data:`~spundetect.reading.SPINTAX_MIN_GROUPS` are."""
    if not left_out:
        return groups
    kept = tuple(g for g in groups if not any(a <= g[0] < b for a, b, _ in left_out))
    return kept if len(kept) >= SPINTAX_MIN_GROUPS else ()


def leave_out(
    doc: Doc, spans: list[tuple[int, int, str]], vocabulary: Container[str] | None
) -> Doc:
    """``doc`` tokenised again with ``spans`` (``(start, end, why)``, in order, not
    overlapping what is left out already) left out too; offsets stay as written. The
    contractions marked are the new reading's own (none in the parts left out)."""
    read = _tokenize_folded(doc.text, blank_spans(doc.folded, spans), vocabulary)
    kept = (_RECASED_KEY, _SHORT_LINES_KEY, _TYPOS_KEY, _DISGUISED_KEY, _NOTES_KEY)
    read.memo.update((k, doc.memo[k]) for k in kept if k in doc.memo)
    read.memo[_LEFT_OUT_KEY] = sorted(doc.left_out() + spans)
    if spintax := _read_parts(doc.spintax(), spans):
        read.memo[_SPINTAX_KEY] = spintax
    if any(why == "language" for _, _, why in spans):  # the words another language held
        read.memo[_FOREIGN_KEY] = doc.foreign_words() + max(0, doc.n_words - read.n_words)
    return read


def _drop_pictographs(
    tokens: list[str], starts: list[int], ends: list[int]
) -> tuple[list[str], list[int], list[int], list[int]]:
    """Tokens without the pictographs (:data:`spundetect.reading.PICTOGRAPH`; each is a token
    of its own), and the offsets of those dropped. Offsets still point into the text."""
    keep = [PICTOGRAPH.fullmatch(t) is None for t in tokens]
    dropped = [a for a, k in zip(starts, keep, strict=True) if not k]
    return (
        list(compress(tokens, keep)),
        list(compress(starts, keep)),
        list(compress(ends, keep)),
        dropped,
    )


# what follows an apostrophe in a possessive or a contraction ("Russia's", "they'll")
_CLITICS = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})


def _drop_invisible(
    tokens: list[str], starts: list[int], ends: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """Tokens with the invisible characters (:data:`spundetect.reading.INVISIBLE`) gone: a word
    cut by one ("informa", soft hyphen, "tion") becomes one word token spanning all of it, whose
    string leaves them out; so does a word cut by an apostrophe they follow (a decoded
    "don&#8217;t", see :func:`spundetect.reading.decode_references`), or by Markdown marks
    before a possessive ("**Russia**'s"). Elsewhere they are
    dropped, and the token they follow without a space spans them ("&amp;" is one "&" token,
    touching the word after it as "&" would). Offsets still point into the text. Each
    invisible character is a token of its own; only those are visited, last first.
    """
    hits = list(compress(range(len(tokens)), map(INVISIBLE.__contains__, tokens)))
    if not hits:
        return tokens, starts, ends
    runs: list[list[int]] = []  # runs of invisible tokens that touch each other
    for i in hits:
        if runs and runs[-1][1] == i - 1 and ends[i - 1] == starts[i]:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    # one pass, left to right, into new lists (deleting from the lists in place made a text of
    # many joiners quadratic: 41 s for a million characters of "\u00b9."; twenty-eighth
    # session). The conditions read the tokens as given; what they join is the last token kept,
    # which is the token before the run or a word it was joined into before.
    out_t: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    n = len(tokens)
    k = 0  # the next token to copy
    for i, j in runs:
        out_t += tokens[k:i]
        out_s += starts[k:i]
        out_e += ends[k:i]
        nxt = j + 1
        k = nxt
        if (
            i > 0
            and nxt < n
            and ends[i - 1] == starts[i]
            and ends[j] == starts[nxt]
            and tokens[i - 1][0].isalpha()
            and tokens[nxt][0].isalpha()
        ):
            out_t[-1] += tokens[nxt]
            out_e[-1] = ends[nxt]
            k = nxt + 1
        elif (
            i > 1
            and nxt < n
            and tokens[i - 1] == "'"
            and ends[i - 2] == starts[i - 1]
            and ends[i - 1] == starts[i]
            and ends[j] == starts[nxt]
            and tokens[i - 2][0].isalpha()
            and tokens[nxt][0].isalpha()
        ):  # "don" "'" (joiners) "t": one word, as "don't" is
            out_t[-2:] = [out_t[-2] + "'" + tokens[nxt]]
            out_e[-2:] = [ends[nxt]]
            del out_s[-1]
            k = nxt + 1
        elif (
            i > 0
            and nxt + 1 < n
            and tokens[nxt] == "'"
            and tokens[nxt + 1].lower() in _CLITICS
            and ends[i - 1] == starts[i]
            and ends[j] == starts[nxt]
            and ends[nxt] == starts[nxt + 1]
            and tokens[i - 1][0].isalpha()
        ):  # "Russia" (joiners: "**Russia**'s") "'" "s": one word, as "Russia's" is
            out_t[-1] += "'" + tokens[nxt + 1]
            out_e[-1] = ends[nxt + 1]
            k = nxt + 2
        elif i > 0 and ends[i - 1] == starts[i]:
            out_e[-1] = ends[j]
    out_t += tokens[k:]
    out_s += starts[k:]
    out_e += ends[k:]
    return out_t, out_s, out_e


# what ends a line in the text as given (a form feed: a page break in text taken from a PDF)
_LINE_BREAKS = frozenset("\n\r\x0b\x0c")


def _join_hyphenated(
    text: str,
    folded: str,
    tokens: list[str],
    starts: list[int],
    ends: list[int],
    vocabulary: Container[str],
) -> tuple[list[str], list[int], list[int]]:
    """Word, "-" and word across a line break that :func:`spundetect.reading.unwrap` joined,
    made one word token when the two halves make a word of ``vocabulary`` (see
    :func:`tokenize`)."""
    joins = []
    for i in _positions(tokens, "-"):
        if not 0 < i < len(tokens) - 1 or starts[i] != ends[i - 1]:
            continue
        gap = slice(ends[i], starts[i + 1])
        head, tail = tokens[i - 1], tokens[i + 1]
        if (
            not _LINE_BREAKS.isdisjoint(text[gap])
            and "\n" not in folded[gap]
            and head.isalpha()
            and tail[0].islower()
            and (head + tail).lower() in vocabulary
        ):
            joins.append(i)
    if not joins:
        return tokens, starts, ends
    tokens, starts, ends = tokens[:], starts[:], ends[:]
    for i in reversed(joins):  # from the end, so earlier indices stay valid
        tokens[i - 1 : i + 2] = [tokens[i - 1] + tokens[i + 1]]
        ends[i - 1 : i + 2] = [ends[i + 1]]
        del starts[i : i + 2]
    return tokens, starts, ends


def _positions(seq: list[str], item: str) -> list[int]:
    """Indices of ``item`` in ``seq``: ``list.index`` scans in C, one call per hit."""
    out: list[int] = []
    i = -1
    index = seq.index
    try:
        while True:
            i = index(item, i + 1)
            out.append(i)
    except ValueError:
        return out


def _glued_sentences(tokens: list[str], lower: list[str], i: int, nxt: int) -> bool:
    """Whether the stop ``tokens[i]``, with no space after it, still ends a sentence: a word
    in lower case before it and a capitalised word after it ("the end.Next day"), as a text
    whose paragraphs a scraper joined without a break has at every paragraph's end, and a
    hasty typist now and then. Read as one sentence, two paragraphs so joined made the
    sentence lengths of the language-model rewrites vary more (standard deviation 7.6 ->
    11.4 words; twenty-eighth session). The missing space still counts as evidence
    (``punctuation.missing_space``), but on a page a scraper so flattened."""
    prev, word = tokens[i - 1] if i else "", tokens[nxt]
    return (
        len(prev) >= 2
        and prev.isalpha()
        and prev[-1].islower()
        and lower[i - 1] not in ABBREVIATIONS
        and len(word) >= 2
        and word.isalpha()
        and word[0].isupper()
        and word[1].islower()
    )


def _split_sentences(
    folded: str,
    tokens: list[str],
    lower: list[str],
    starts: list[int],
    ends: list[int],
    pictographs: Sequence[int] = (),
) -> list[tuple[int, int]]:
    """Sentence boundaries as token ranges.

    A sentence ends at ``. ! ?`` (plus closing quotes/brackets) followed by a space and a
    token that starts upper-case, a digit or an opening quote (or, with no space, between a
    word and a capitalised word: :func:`_glued_sentences`), at a line break, or at a
    dropped pictograph (offsets ``pictographs``) between a word and a capitalised word.
    Only candidate tokens are visited (terminal punctuation, tokens before a line
    break): this runs on every document, so it avoids a Python step per token.
    """
    n = len(tokens)
    if not n:
        return []
    # "!" and "?" are always tokens of their own, so absent from the text = no such token
    cands = _positions(tokens, ".")
    for mark in "!?":
        if mark in folded:
            cands += _positions(tokens, mark)
    if "\n" in folded:
        for m in _NEWLINE.finditer(folded):
            k = bisect.bisect_left(starts, m.start()) - 1  # last token before the line break
            if 0 <= k < n - 1:
                cands.append(k)
    # the last token of each list item's label: a sentence of its own
    label_ends = {bisect.bisect_left(starts, end) - 1 for _, end in list_labels(folded)}
    label_ends.discard(n - 1)
    label_ends.discard(-1)
    cands += label_ends
    for p in pictographs:
        k = bisect.bisect_left(starts, p) - 1  # the last token before the pictograph
        if 0 <= k < n - 1 and tokens[k][0].isalnum() and tokens[k + 1][0].isupper():
            cands.append(k)
    out: list[tuple[int, int]] = []
    first = 0
    skip = 0
    for i in sorted(set(cands)):
        if i < skip:
            continue
        nxt = i + 1
        tok = tokens[i]
        if tok in SENT_END and i not in label_ends:
            # absorb runs of terminal punctuation and closing quotes/brackets
            while nxt < n and tokens[nxt] in _ABSORBED and starts[nxt] == ends[nxt - 1]:
                nxt += 1
            skip = nxt
            if nxt < n:
                gap_start, gap_end = ends[nxt - 1], starts[nxt]
                if gap_end == gap_start and not _glued_sentences(tokens, lower, i, nxt):
                    continue  # no whitespace follows: "3.5", "U.S.", "example.com"
                c = tokens[nxt][0]
                ends_here = c.isupper() or c.isdigit() or c in "\"'(["  # a sentence starts
                if ends_here and tok == ".":  # ... unless the stop ends an abbreviation
                    prev = lower[i - 1] if i > 0 else ""
                    ends_here = not (prev in ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()))
                if not ends_here and "\n" not in folded[gap_start:gap_end]:
                    continue
        # else: not terminal punctuation, so a candidate only because a line break follows
        # it (a heading, list item or paragraph end); nxt < n was checked when it was added
        out.append((first, nxt))
        first = nxt
    if first < n:
        out.append((first, n))
    return out
