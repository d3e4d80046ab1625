"""Broken punctuation and tokenisation artefacts.

Why: machine translation and its post-processing detokenise badly: they split
abbreviations (``U. S.``), leave spaces before punctuation and inside quotes,
strand a quote after the end of a sentence, drop closing quotes or brackets and
leave untranslated or unknown words. Human writers in any genre rarely do these
things, and none of them depends on the topic. Every count is a rate (per 100
words or per sentence/paragraph) so short and long texts are comparable.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING
from unicodedata import category, normalize

import numpy as np

from ..lm import function_words, stable_hash
from ..reading import PAD, written_char
from ..text import ABBREVIATIONS, Doc
from . import MAX_EVIDENCE, Evidence, cuts_a_word, quote, register
from ._words import IN_VOCABULARY

if TYPE_CHECKING:
    from ..lm import ReferenceModel

NAMES = (
    "split_abbrev",
    "space_before_punct",
    "space_inside_quotes",
    "stray_quote",
    "unbalanced_quotes",
    "unbalanced_brackets",
    "doubled_punct",
    "missing_space",
    "lower_sentence_start",
    "run_together",
    "unknown_compound",
    "mt_marks",
    "unknown_words",
    "fused_sentences",
)

#: sentence-boundary slips a typing person makes too (a sentence started in lower case, a
#: lost full stop): a text with no more than this many of both kinds together counts none
#: (they are still shown as evidence); with more, every one counts. One is a typo, several
#: are a pattern (seed 001 has four). Edited training originals almost never have one, so a
#: model learns any one as proof of rewriting and flags a forum post for a single typo
#: (docs/EXPERIMENTS.md, twenty-third session)
TYPOS_FORGIVEN = 1

# Patterns start with a literal so the regex engine can skip ahead (a scan for one literal
# character is ~10x faster than one for a character class such as ``[.!?]``); context that
# would need a look-behind is checked in Python on the (few) candidates. A class at the start
# becomes one pattern per character, run only when that character occurs in the text.
# "U. S.", "U. N.": the second half of a split abbreviation; the first letter is checked after.
# (the last stop is looked ahead at, so "U. N. C." is found link by link)
_SPLIT_ABBREV = re.compile(r"\. [A-Z](?=\.(?: |$))", re.M)
# the word after a run of single capitals, when it is capitalised ("J. R. R.| Tolkien")
_CAPITALISED_AFTER = re.compile(r" [A-Z][^\W\d_]*")
#: abbreviations written with dots between capitals ("U.S.", "D.C."): split by a space they
#: are a translation pipeline's artifact whatever follows, while other runs of capitals
#: before a capitalised word are a person's initials ("D. H. Lawrence", "George H. W. Bush")
DOTTED_ABBREVIATIONS = frozenset(
    "us usa uk un eu dc ussr uae ny nyc nj la sf ad bc tv gi po uss hms rip".split()  # noqa: SIM905
)
# ",," ", ;" ":.": every start is found (look-ahead), then non-overlapping ones are kept
_DOUBLED_COMMA = {c: re.compile(re.escape(c) + r"(?=( *[,;:.]))") for c in ",;:"}
_DOUBLED_STOP = re.compile(r"\. +[.,](?! ?\.)")
# An unknown-word mark of a rule-based translation system left in its output ("*charlas").
# Not "#" or "@", which Apertium also uses: in writing they are hashtags and handles
# ("#live", "@nytimes", "#budget2024"), and every one of the corpus's 213 was one
_MT_MARK = re.compile(r"[*~][^\W\d_]{2,}")
# the same mark closing it a few words on: emphasis ("*really*", "*so* good"), not MT
_EMPHASIS_CLOSE = re.compile(r"[^\n*~]{0,60}?[^\s*~][*~]")
# a full stop only: lower case after "?" or "!" ("huh? no way") is as common in originals
# as in translations (0.4% of originals, 0.0-1.5% of translations in the corpus), so it only
# ever flagged informal writing
_LOWER_START = re.compile(r"\. +[a-z]")
# Abbreviations a lower-case word may follow mid-sentence, beyond the sentence splitter's
# list (which holds only those that rarely end a sentence): US state and place abbreviations
# in news style ("Fresno, Calif. officials"), units and reference shorthand ("a 5 min. walk"),
# and a recipe's, a listing's or a form's measures ("2 tbsp. olive oil", "3 oz. butter", "12 sq.
# ft. of storage": a recipe with "tbsp." and "tsp." read as machine_garbled at P(original)
# 0.04, against 0.84 without them; twenty-eighth session). Not metric units, written without a
# stop: in the corpus "km." or "mm." before a lower-case word is a translation's broken
# sentence ("10 mm. rain fell"): 11 machine_garbled texts have one, 3 spun and 1 original
_CONTINUED_ABBREVIATIONS = ABBREVIATIONS | frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan ky md mass mich minn miss mo mont neb "  # noqa: SIM905
    "nev okla ore pa penn tenn tex va vt wash wis wyo mt ft pt rd sq supt intl nos incl esp "
    "min max avg viz ibid misc nr "
    "tbsp tbsps tbs tsp tsps oz ozs lb qt qts gal gals doz pkg pkgs pkt hr mins sec secs yr yrs "
    "mos wk wks qty excl apt bldg ext tel pg pgs ch chap yd yds "
    # days of the week ("on Wed. morning"; not "sat" and "sun", words that end sentences),
    # references, sports and bodies' shorthand ("eds. of", "resp. the", "31 pts. and")
    "mon tue tues wed thu thur thurs fri eds resp orig repr para pts natl".split()
)
# Lower-case particles of names ("von der Leyen", "de Gaulle", "bin Salman"): before a
# capitalised word they may open a sentence
_NAME_PARTICLES = frozenset(
    "al bin bint da das de del della der di dos du el ibn la le ten ter van von zu".split()  # noqa: SIM905
)
# after a particle: more particles, then a capital ("von| der Leyen")
_PARTICLES = "|".join(sorted(_NAME_PARTICLES))
_PARTICLES_THEN_NAME = re.compile(rf"(?: +(?:{_PARTICLES})\b)* +[A-Z]")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
_PARA = re.compile(r"\n\s*\n")
# round brackets without a partner in ordinary writing: a list label after a space or at a
# line's start ("1) new buses", "b) call"), and emoticons (":)", ";-(", "(:")
_LONE_PARENS = re.compile(
    r"(?<!\S)(?:\d{1,2}|[a-zA-Z]|[ivx]{2,4})\)(?=\s|$)|(?<!\S)[:;=][-'^]?[()]|\([:;](?!\S)"
)
_PARENS = re.compile(r"[()]")
# One byte per character of the text (see _char_classes): ASCII letters become their case
# ("A" or "a"), each of ,.;:!? becomes ",", any non-ASCII character 0x80, the rest stay
# themselves. Patterns over these classes start with a literal, the fast case: camelCase
# is "aA", "word ," is " ," (each found from its rarer second byte), "word.Next" is ",Aa".
_CHAR_CLASSES = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz,.;:!?",
    b"A" * 26 + b"a" * 26 + b"," * 6,
)
_CAMEL_CLASSES = re.compile(rb"A(?<=aA)")
_SPACE_BEFORE_CLASSES = re.compile(rb",(?<= ,)")
_MISSING_SPACE_CLASSES = re.compile(rb",Aa")


# Words that open a sentence or clause: capitalised right after a lower-case word with no
# punctuation between ("allies It is", "productive However,"), they show two sentences fused
# when a spinner merged or reordered them and left the capital behind. Not "A" or "I"
# ("Plan A", "I"), and a capitalised word after the opener means a title ("the film The Wall").
# After a comma only the connectives count: ", However," is a fused sentence, ", The" is a list.
_CONNECTIVES = [
    "however",
    "therefore",
    "moreover",
    "furthermore",
    "additionally",
    "thus",
    "hence",
    "meanwhile",
    "nevertheless",
    "consequently",
    "indeed",
    "instead",
]
_COORDINATORS = frozenset({"and", "or", "nor"})
_OPENERS = [
    "it",
    "he",
    "she",
    "they",
    "we",
    "this",
    "these",
    "those",
    "there",
    "what",
    "why",
    "how",
    "when",
    "while",
    "if",
    "although",
    "because",
    "but",
    "yet",
    "so",
    "also",
    "despite",
    "the",
    *_CONNECTIVES,
]


@lru_cache(maxsize=1)
def _opener_hashes() -> tuple[np.ndarray, frozenset[int]]:
    """Sorted stable hashes of the openers, and the set of the connectives' hashes."""
    openers = np.array(sorted({stable_hash(w) for w in _OPENERS}), dtype=np.uint64)
    return openers, frozenset(stable_hash(w) for w in _CONNECTIVES)


def _rate(n: int, per: int, scale: float = 100.0) -> float:
    return scale * n / per if per else 0.0


def _ev(
    evidence: list[Evidence] | None,
    name: str,
    spans: list[tuple[int, int]],
    msg: str,
    doc: Doc,
) -> None:
    """Add up to MAX_EVIDENCE matches. The quote is the span's own text (a space before a
    comma is quoted with the space: "' ,'"), and a span that ends on a character a decoded
    reference stands for ("&quot;" read as '"') takes the whole reference."""
    if evidence is None:
        return
    f, n = doc.folded, len(doc.folded)
    for a, b in spans[:MAX_EVIDENCE]:
        while b < n and f[b] == PAD:
            b += 1
        evidence.append(Evidence(f"punctuation.{name}", a, b, f"'{quote(doc.text[a:b])}': {msg}"))


#: what is wrong with a quotation mark that does not pair up (:func:`_unpaired`), in words
UNPAIRED_WHY = {
    "open": "a quotation mark that is never closed",
    "close": "a closing quotation mark with no opening one",
    "shut": "a closing quotation mark written as an opening one",
    "shape": "an opening quotation mark written as a closing one",
}


def _unpaired_ev(evidence: list[Evidence], doc: Doc, paras: list[QuoteParagraph]) -> None:
    """Evidence of ``unbalanced_quotes``: each quotation mark that keeps a counted paragraph's
    quotes from pairing up (:func:`_unpaired`), up to MAX_EVIDENCE, quoted with the words
    either side of it (:func:`_mark_context`) and said with how many such marks the text has.
    Marks side by side (``differences. “”.``) show the same words: one piece of evidence says
    what is wrong with each."""
    marks = [m for para in paras for m in _unpaired(doc.folded, para)]
    total = len(marks)
    of = f", one of {total} quotation marks in the text that do not pair up" if total > 1 else ""
    shown: list[tuple[int, int, list[str]]] = []
    for i, why in marks:
        a, b = _mark_context(doc, i)
        if shown and shown[-1][:2] == (a, b):
            if UNPAIRED_WHY[why] not in shown[-1][2]:
                shown[-1][2].append(UNPAIRED_WHY[why])
        elif len(shown) < MAX_EVIDENCE:
            shown.append((a, b, [UNPAIRED_WHY[why]]))
        else:
            break
    for a, b, whys in shown:
        message = f"'{quote(doc.text[a:b])}': {' and '.join(whys)}{of}"
        evidence.append(Evidence("punctuation.unbalanced_quotes", a, b, message))


def _find_all(f: str, needle: str) -> list[int]:
    """Start of every occurrence of ``needle``: ``str.find`` is a C scan, and hits are few."""
    out: list[int] = []
    find = f.find
    i = find(needle)
    while i >= 0:
        out.append(i)
        i = find(needle, i + 1)
    return out


# a straight double quote closing a height or length in feet and inches ("6'2\"", "5' 11\"")
_INCHES = re.compile(r"\d ?' ?\d{1,2}$")
# an inch mark follows a size: up to three digits, perhaps a decimal ("65", "15.6"); a year's
# closing quote does not measure ("the \"Reform Bill 2019\" who")
_INCH_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{1,2})?$")
# what follows an inch mark: a word or number ("65\" TV", "a 12\" pipe"), a hyphen ("12\"-long")
# or punctuation inside the sentence; not a line break (a quotation that closes a paragraph)
_AFTER_INCH_MARK = re.compile(r" [^\W_]|[-,.;:)]")


# French typography sets its guillemets off with spaces ("« oui »"): a writer's convention,
# not the spacing a translation pipeline's detokeniser leaves inside " and “ ”
_GUILLEMETS = "\u00ab\u00bb"


def _quote_marks(f: str, text: str) -> list[int]:
    """Offsets of the quotation marks in the folded text ``f``: its ``"`` characters except
    primes and inch marks, which measure, not quote: ``7′ 6″``, ``6'2"``, and a straight ``"``
    right after a number when no quotation is open in its paragraph (``the 65" model``,
    ``a 12" pipe``; ``the "top 10" list`` closes one)."""
    quotes = _find_all(f, '"')
    if not quotes:
        return quotes
    out: list[int] = []
    open_ = False  # a quotation is open in this paragraph (an odd number of marks so far)
    prev = 0
    for i in quotes:
        if f.find("\n", prev, i) >= 0 and _PARA.search(f, prev, i):
            open_ = False  # a new paragraph: its quotes pair up among themselves
        prev = i
        mark = written_char(text, i)
        if mark == "\u2033":
            continue  # a double prime
        if i and f[i - 1].isdigit():
            if _INCHES.search(f, max(i - 8, 0), i):
                continue  # feet and inches
            if (
                mark == '"'
                and not open_
                and _AFTER_INCH_MARK.match(f, i + 1)
                and _INCH_NUMBER.search(f, max(i - 8, 0), i)
            ):
                continue  # an inch mark: there is no quotation to close
        out.append(i)
        open_ = not open_
    return out


#: a paragraph's span and its quotation marks: (offset, opens, curly), where ``opens`` is
#: the direction :func:`_quote_checks` read and ``curly`` says the mark's shape shows one
QuoteParagraph = tuple[int, int, list[tuple[int, bool, bool]]]


def _quote_checks(
    doc: Doc, quotes: list[int]
) -> tuple[list[tuple[int, int]], list[QuoteParagraph], int]:
    """Spaces just inside quotes, the paragraphs whose quotes do not pair up (their marks,
    for :func:`_unpaired` to show) and the number of paragraphs.

    Curly quotes say which way they face (a low „ opens, and a “ after it closes, as
    German and Czech write „so“); straight ones are paired in order within a paragraph
    (odd = opening), unless there is an odd number of them: then one with a space on one
    side and a word on the other faces that way (``said "We`` / ``year," the``).
    ``quotes`` are the offsets of ``"`` in ``doc.folded``: only they are visited, not every
    character.

    A quotation may run over paragraphs: each paragraph opens it again and only the last
    closes it (standard typography), or it opens in one paragraph and closes in a later one,
    the paragraphs between without quotes (``“Russia has ... is crucial.`` / ``Ever since
    2014 ... trade structure”, explains ...``, seed 002). Neither is a lost quote.
    """
    text, folded = doc.text, doc.folded
    inside: list[tuple[int, int]] = []
    unbalanced: list[QuoteParagraph] = []
    n_paras = 0
    pos = 0
    q = 0  # next quote to visit; paragraph breaks are whitespace, so none is skipped
    n_quotes = len(quotes)
    open_para = -1  # index in ``unbalanced`` of a paragraph left open, quotes unseen since
    for m in [*_PARA.finditer(folded), None]:
        end = m.start() if m else len(folded)
        if end > pos and not folded[pos:end].isspace():  # the paragraph has text
            n_paras += 1
        if q < n_quotes and quotes[q] < end:
            k = 0
            opens = closes = 0
            last = bisect_left(quotes, end, q)
            # an odd number of straight quotes cannot all pair up: read their direction
            odd = (
                sum(written_char(text, i) not in "\u201c\u201d\u201e" for i in quotes[q:last]) % 2
                == 1
            )
            low_open = 0  # „ still open: the “ after one closes it
            marks: list[tuple[int, bool, bool]] = []  # (offset, opening, curly)
            while q < n_quotes and quotes[q] < end:
                i = quotes[q]
                q += 1
                orig = written_char(text, i)
                # the characters either side, past the padding of a decoded "&quot;"
                a = i + 1
                while a < len(folded) and folded[a] == PAD:
                    a += 1
                if orig == "\u201e":
                    opening = True
                    low_open += 1
                elif orig == "\u201c" and low_open:
                    opening = False
                    low_open -= 1
                elif orig == "\u201c":
                    opening = True
                elif orig == "\u201d":
                    opening = False
                else:
                    opening = k % 2 == 0
                    if odd:  # which way it faces, when a space and a word say so
                        before = folded[i - 1] if i else " "
                        after = folded[a] if a < len(folded) else " "
                        if before.isspace() and after.isalnum():
                            opening = True
                        elif after.isspace() and (before.isalnum() or before in ".,!?;:"):
                            opening = False
                k += 1
                marks.append((i, opening, orig in "\u201c\u201d\u201e"))
                spaced_ok = orig in _GUILLEMETS
                if opening:
                    opens += 1
                    nxt = folded[a : a + 2]
                    if nxt[:1] == " " and nxt[1:2].isalnum() and not spaced_ok:
                        inside.append((i, a + 1))
                else:
                    closes += 1
                    prv = folded[max(i - 2, 0) : i]
                    if prv[-1:] == " " and prv[:1].isalnum() and not spaced_ok:
                        inside.append((i - 1, i + 1))
            was_open, open_para = open_para, -1
            if opens == closes + 1:
                # standard typography: each paragraph of a quotation opens it again
                if not (
                    m is not None
                    and _opens_paragraph(folded, text, pos)
                    and _opens_paragraph(folded, text, m.end())
                ):
                    open_para = len(unbalanced)
                    unbalanced.append((pos, end, marks))
            elif closes == opens + 1 and was_open >= 0:
                unbalanced.pop(was_open)  # a quotation closed a paragraph or more later
            elif opens != closes:
                unbalanced.append((pos, end, marks))
        pos = m.end() if m else end
    return inside, unbalanced, n_paras


# what may stand between a closing quotation mark and the end of its paragraph, and what
# a closing mark follows directly ("war.”", "it”", "(sic)”")
_AFTER_CLOSE = frozenset(".,;:!?\u2026")
_BEFORE_CLOSE = frozenset(".,;:!?\u2026)]")


def _facing(f: str, i: int, pos: int, end: int) -> bool | None:
    """Which way the quotation mark at ``i`` (paragraph ``pos:end`` of the folded text)
    faces by where it stands, whatever its shape: True opens, False closes, None unclear.
    It opens with only space before it in the paragraph, and before a word after a space
    (``said “We``); it closes before a stop or comma (``law “.``), with only stops, space and
    quotation marks after it to the paragraph's end (a translation's ``situation. “`` and
    ``differences. “”.``), and after a word or a stop before a space (``war.” Then``). With
    space both sides (``said. “ The``) it is unclear."""
    b = i + 1
    while b < end and f[b] == PAD:
        b += 1
    j = i
    while j > pos and f[j - 1].isspace():
        j -= 1
    if j == pos:
        return True
    k = b
    while k < end and (f[k].isspace() or f[k] in _AFTER_CLOSE or f[k] == PAD or f[k] == '"'):
        k += 1
    if k == end:
        return False
    before = f[i - 1]
    after = f[b] if b < end else " "
    if after in _AFTER_CLOSE:
        return False
    if before.isspace() and (after.isalnum() or after in "([\u2018'"):
        return True
    if after.isspace() and (before.isalnum() or before in _BEFORE_CLOSE):
        return False
    return None


def _unpaired(f: str, para: QuoteParagraph) -> list[tuple[int, str]]:
    """The quotation marks that keep a paragraph's quotes from pairing up, in text order,
    each with what is wrong with it: ``"open"`` (never closed), ``"close"`` (no opening one
    before it), ``"shut"`` (a closing mark written as an opening one: a translation's
    ``situation. “``) or ``"shape"`` (an opening mark written as a closing one).

    Marks are paired the way they face where they stand (:func:`_facing`), or by the
    direction read from their shape and order where that is unclear; each closing mark
    closes the nearest one still open (``“He said ‘no’ and``). A curly mark that pairs up
    facing against its shape is what kept its paragraph from pairing up. Should that leave
    nothing (which the paragraph's count says there is), the marks are paired by the read
    direction alone."""
    pos, end, marks = para
    out: list[tuple[int, str]] = []
    for by_shape in (False, True):
        open_: list[tuple[int, bool, bool]] = []
        out = []
        for mark in marks:
            i, read, curly = mark
            faces = None if by_shape else _facing(f, i, pos, end)
            opens = read if faces is None else faces
            if opens:
                open_.append(mark)
            elif open_:
                if curly and read:  # a “ that closes
                    out.append((i, "shut"))
                partner = open_.pop()
                if partner[2] and not partner[1]:  # a ” that opens
                    out.append((partner[0], "shape"))
            else:
                out.append((i, "close"))
        out += [(i, "open") for i, _, _ in open_]
        if out:
            break
    return sorted(out)


#: characters that end a line: a mark's context does not run over one
_LINE_ENDS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
#: a mark is shown with the word (or punctuation) either side of it while the whole stays
#: within this many characters: "said. “ The"; past that with its own word, or alone
MARK_CONTEXT = 40


def _mark_context(doc: Doc, i: int) -> tuple[int, int]:
    """The span that shows the quotation mark at ``i``: the run of non-space characters it
    stands in and one either side of it on its line (``said. “ The``, ``said “We will``),
    within :data:`MARK_CONTEXT` characters; the mark alone when its own run is longer, or
    when the span would begin or end inside a word of the text (a word the reading blanked)."""
    f = doc.folded
    n = len(f)
    b = i + 1
    while b < n and f[b] == PAD:  # a decoded "&quot;" whole
        b += 1
    # no scan goes further than a span may reach: a run of a million characters without a
    # space costs no more than a short one
    lo, hi = max(i - MARK_CONTEXT - 1, 0), min(b + MARK_CONTEXT + 1, n)

    def word_start(j: int) -> int:
        while j > lo and not f[j - 1].isspace():
            j -= 1
        return j

    def word_end(j: int) -> int:
        while j < hi and not f[j].isspace():
            j += 1
        return j

    def gap_left(j: int) -> int:  # past the spaces before ``j`` on its line
        while j > lo and f[j - 1].isspace() and f[j - 1] not in _LINE_ENDS:
            j -= 1
        return j

    def gap_right(j: int) -> int:
        while j < hi and f[j].isspace() and f[j] not in _LINE_ENDS:
            j += 1
        return j

    start, end = word_start(i), word_end(b)
    if end - start > MARK_CONTEXT:
        start, end = i, b
    else:
        j = gap_left(start)
        if lo < j < start and not f[j - 1].isspace():
            left = word_start(j)
            if end - left <= MARK_CONTEXT:
                start = left
        j = gap_right(end)
        if start < end < j < hi and not f[j].isspace():
            right = word_end(j)
            if right - start <= MARK_CONTEXT:
                end = right
    return (i, b) if cuts_a_word(doc.text, start, end) else (start, end)


def _opens_paragraph(folded: str, text: str, pos: int) -> bool:
    """Whether the paragraph at ``pos`` starts with an opening quotation mark."""
    i = pos
    while i < len(folded) and folded[i].isspace():
        i += 1
    return i < len(folded) and folded[i] == '"' and written_char(text, i) != "\u201d"


def _stray_quotes(f: str, quotes: list[int]) -> list[tuple[int, int]]:
    """``. "`` at a paragraph end or before a full stop: a closing quote cut loose by MT.

    ``[.!?] +"`` followed by `` *`` and a line break, the end or ``.``: checked
    around each quote rather than by a regex scanning for ``[.!?]``.
    """
    out: list[tuple[int, int]] = []
    n = len(f)
    for q in quotes:
        j = q + 1
        while j < n and (f[j] == " " or f[j] == "\r"):  # "\r\n" is one line break
            j += 1
        if j < n and f[j] != "\n" and f[j] != ".":
            continue
        p = q - 1
        while p >= 0 and f[p] == " ":
            p -= 1
        if p < q - 1 and p >= 0 and f[p] in ".!?":
            out.append((p, q + 1))
    return out


#: Function words that English does not build words from, so an unknown word that is one of
#: them glued to a common word is a slip ("resolutionwhich", "billthe", "clearthat"). The
#: prepositions and adverbs that do build words ("outrace", "overwater", "bylines",
#: "underprepared", "costless", "betimes") are left out: a rare real word is not a run-together.
_GLUE = (
    "the this that these those which whose who whom what and but nor because although though "
    "while whereas when whenever unless whether than then now also only very not can even "
    "is are was were been being has have had does did would should could must might shall "
    "his her hers its their theirs our ours your yours they them she him he we of to from into with"
)
GLUE_WORDS = frozenset(_GLUE.split())


_NO_SPLIT, _COMPOUND, _GLUED = 0, 1, 2


def _splits_into_words(word: str, zipf: Mapping[str, float]) -> int:
    """``resolutionwhich`` -> ``resolution`` + ``which``: an unknown word made of two common words.

    :data:`_GLUED` when one part is a function word of :data:`GLUE_WORDS` (a slip, counted by
    ``run_together``); :data:`_COMPOUND` when the parts are content words or a particle
    ("userbase", "mayorship", "outrace", "costless": a compound or a rare real word, often a
    spinner's thesaurus pick, counted by ``unknown_compound``); :data:`_NO_SPLIT` otherwise.
    Only called for words missing from the vocabulary, which are rare, so no cache.
    """
    get = zipf.get
    kind = _NO_SPLIT
    for k in range(2, len(word) - 2):
        a, b = word[:k], word[k:]
        if get(a, 0.0) >= 4.5 and get(b, 0.0) >= 4.5:
            if a in GLUE_WORDS or b in GLUE_WORDS:
                return _GLUED
            kind = _COMPOUND
    return kind


def _split_abbrev(f: str) -> list[tuple[int, int]]:
    """``U. S.`` / ``U. N. C.``: single capitals each followed by ". ", not ``J. Smith``.

    Initials before a capitalised word ("D. H. Lawrence", "J. R. R. Tolkien", "George H.
    W. Bush": the only kind the corpus's originals hold) are a name written the way
    encyclopedias write it, unless their letters spell one of :data:`DOTTED_ABBREVIATIONS`:
    "U. S. Senate" and "D. C. is" still count.
    """
    out: list[tuple[int, int]] = []
    last_end = -1
    for m in _SPLIT_ABBREV.finditer(f):
        s = m.start() - 1  # the first capital
        if s < 0 or not ("A" <= f[s] <= "Z") or (s > 0 and (f[s - 1].isalnum() or f[s - 1] == ".")):
            continue
        end = m.end() + 1
        if s <= last_end:  # "U. N. C.": extend the previous match
            out[-1] = (out[-1][0], end)
        else:
            out.append((s, end))
        last_end = end
    # f[a:b:3]: the capitals of "U. S. A." (every third character)
    return [
        (a, b)
        for a, b in out
        if f[a:b:3].lower() in DOTTED_ABBREVIATIONS or not _CAPITALISED_AFTER.match(f, b)
    ]


def _char_classes(f: str) -> bytes:
    """``f`` as one class byte per character (:data:`_CHAR_CLASSES`), in a few C passes."""
    if f.isascii():
        raw = f.encode("ascii")
    else:  # code points, with everything beyond ASCII as 0x80 (which no pattern uses)
        codes = np.frombuffer(f.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        raw = np.minimum(codes, 0x80).astype(np.uint8).tobytes()
    return raw.translate(_CHAR_CLASSES)


def _space_before(f: str, classes: bytes) -> list[tuple[int, int]]:
    """``word ,``: a space before punctuation that is followed by whitespace or the end."""
    out: list[tuple[int, int]] = []
    n = len(f)
    for m in _SPACE_BEFORE_CLASSES.finditer(classes):
        s = m.start() - 1
        e = s + 2
        if (e == n or f[e].isspace()) and s > 0 and f[s - 1].isalnum():
            out.append((s, e))
    return out


# A text on one line whose sentences run on without a space two or more times ("the end.Next
# day ... we left.Then"): a page whose paragraphs a scraper joined without a break. The shipped
# model reads a missing space as a little evidence of originality (counted in the
# language-model rewrites so joined, it raised their mean P(original) by 0.065): 29 of 200 were
# caught as written, 16 with their paragraphs joined and read as sentences (23 before they
# were), 28 with the joins not counted; twenty-eighth session. A translation's missing spaces
# are one or two in a text that keeps its line breaks: 11 of the corpus's 58,619 texts are on
# one line with two or more, 9 of them machine_garbled.
FLATTENED_MIN_JOINS = 2


def _missing_space(f: str, classes: bytes) -> list[tuple[int, int]]:
    """``word.Next``: two lower-case letters, a sentence mark, then a capitalised word. The
    span is the two words whole ("island.Since", not "nd.Si")."""
    out = []
    n = len(f)
    for s in (m.start() for m in _MISSING_SPACE_CLASSES.finditer(classes)):
        if s >= 2 and f[s - 1].islower() and f[s - 2].islower() and (s < 3 or f[s - 3] != "."):
            a, b = s - 2, s + 3
            while a > 0 and f[a - 1].isalpha():
                a -= 1
            while b < n and f[b].isalpha():
                b += 1
            out.append((a, b))
    return out


def _doubled(f: str) -> list[tuple[int, int]]:
    """``,,`` ``, ,`` ``;.`` ``. .`` (not an ellipsis, not ``e.g.,``)."""
    starts: list[tuple[int, int]] = []
    for mark, rx in _DOUBLED_COMMA.items():
        if mark in f:
            starts.extend((m.start(), m.end(1)) for m in rx.finditer(f))
    starts.sort()
    out: list[tuple[int, int]] = []
    last = 0
    for a, b in starts:  # leftmost first, no overlaps: what one left-to-right scan finds
        if a >= last:
            out.append((a, b))
            last = b
    for m in _DOUBLED_STOP.finditer(f):
        s = m.start()
        if s > 0 and f[s - 1] != "." and f[s - 1].isalnum():
            out.append(m.span())
    return out


def _camel(f: str, classes: bytes) -> list[tuple[int, int]]:
    """camelCase inside a word with at least three lower-case letters before the capital."""
    out = []
    n = len(f)
    for m in _CAMEL_CLASSES.finditer(classes):
        s = m.start() - 1  # the lower-case letter
        e = s + 2
        if (
            s >= 3
            and f[s - 3 : s].isalpha()
            and f[s - 3 : s].islower()
            and e + 1 < n
            and f[e].islower()
        ):
            a = s
            while a > 0 and f[a - 1].isalpha():
                a -= 1
            b = e
            while b < n and f[b].isalpha():
                b += 1
            if f[a].islower():
                out.append((a, b))
    return out


def _unbalanced_brackets(f: str) -> int:
    """How many round and square brackets lack a partner. A round one that has none in
    ordinary writing is left out when no partner is open: a list label ("1) buses, 2)
    paths", "b)") or an emoticon (":)", ";-(")."""
    square = abs(f.count("[") - f.count("]"))
    if f.count("(") == f.count(")"):
        return square
    # where each lone bracket is: the match's last character, or its first for "(:"
    lone = {m.end() - 1 if m.group()[-1] in "()" else m.start() for m in _LONE_PARENS.finditer(f)}
    depth = bad = 0
    for m in _PARENS.finditer(f):
        i = m.start()
        if f[i] == "(":
            if i not in lone:
                depth += 1
        elif depth:
            depth -= 1
        elif i not in lone:
            bad += 1
    return bad + depth + square


def _mt_marks(f: str) -> list[tuple[int, int]]:
    if "*" not in f and "~" not in f:
        return []
    out = []
    for m in _MT_MARK.finditer(f):
        a, b = m.span()
        if a and not f[a - 1].isspace():
            continue
        if not f[f.rfind("\n", 0, a) + 1 : a].strip():
            continue  # a line's first word: a footnote or a list item ("*Terms apply.")
        close = _EMPHASIS_CLOSE.match(f, b - 1)
        if close and f[close.end() - 1] == f[a]:
            continue
        out.append((a, b))
    return out


def _is_mark(c: str) -> bool:
    """Whether ``c`` is a combining mark (an accent typed after its letter)."""
    return not c.isascii() and category(c).startswith("M")


def _lower_starts(f: str, text: str, zipf: Mapping[str, float] | None) -> list[tuple[int, int]]:
    """A lower-case word after a full stop, unless the stop ends an abbreviation or is an
    ellipsis, or the word has a capital inside ("iPhone", "al-Maliki"), is a name's particle
    ("von der Leyen", "de Gaulle"), a web address ("msnbc.com", "https://"), or (given the
    reference's word frequencies ``zipf``) the word is not an English word the reference knows:
    a name styled in lower case ("youtube-dl", "antadoya") may open a sentence, while the
    words a broken sentence leaves behind are ordinary ones ("Lavrov. the", "Ukraine. country").
    ``f`` is the folded ``text`` (same offsets), where "…" became "." (a pause mid-sentence,
    "he paused… then left", as "..." is)."""
    out = []
    for m in _LOWER_START.finditer(f):
        s, b = m.span()
        w = _WORD_BEFORE.search(f, max(0, s - 12), s)
        if text[s] == "\u2026":
            continue
        if w is None or len(w.group(1)) == 1 or w.group(1).lower() in _CONTINUED_ABBREVIATIONS:
            continue
        if s >= 2 and f[s - 2] == ".":  # "e.g." / "i.e." / "U.S."
            continue
        w0 = b - 1  # the lower-case word's first letter
        # (an accent typed as a combining mark, "e\u0301migre\u0301s", is part of the word:
        # read to its first letter alone, "e", it was a known word and a false lower start)
        while b < len(f) and (f[b].isalpha() or f[b] in "-'" or _is_mark(f[b])):
            b += 1
        while f[b - 1] in "-'":
            b -= 1
        word = f[w0:b]
        if not word.isascii():
            word = normalize("NFC", word)
        if not word.islower():
            continue  # a capital inside: "iPhone", "eBay", "al-Maliki" may open a sentence
        if f.startswith(("://", ".com", ".org", ".net"), b) or (
            word in _NAME_PARTICLES and _PARTICLES_THEN_NAME.match(f, b)
        ):
            continue  # "https://...", "msnbc.com", "von der Leyen", "de Gaulle"
        if zipf is not None:
            base = word.removesuffix("'s")
            if zipf.get(base, 0.0) <= 0.0 and base not in function_words():
                continue  # not a known English word: a name styled in lower case
        # the span shows the word before the stop too ("Lavrov. the"), so a reader sees where
        out.append((w.start(1) if w is not None else max(0, s - 1), b))
    return out


def _unknown_words(
    doc: Doc, reference: ReferenceModel
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """Lower-case words missing from the vocabulary; those of them that are a common word
    glued to a function word; and those made of two other common words (see
    :func:`_splits_into_words`).

    Vocabulary lookups come from the reference's type table (shared with readability:
    see :func:`token_facts`); only the (few) tokens of unknown words are visited, in text order.
    """
    info = reference.token_info(doc)
    # the (few) word tokens missing from the vocabulary are picked out in numpy
    absent = (info.word & (info.fact & IN_VOCABULARY == 0)).nonzero()[0].tolist()
    zipf = reference.zipf
    toks, lower, starts, ends = doc.tokens, doc.lower, doc.starts, doc.ends
    unknown_spans: list[tuple[int, int]] = []
    glued: list[tuple[int, int]] = []
    compounds: list[tuple[int, int]] = []
    splits: dict[str, int] = {}
    for i in absent:
        low = lower[i]
        if "'" in low or toks[i][0].isupper():
            continue
        unknown_spans.append((starts[i], ends[i]))
        split = splits.get(low)
        if split is None:
            split = splits[low] = _splits_into_words(low, zipf) if len(low) >= 7 else _NO_SPLIT
        if split == _GLUED:
            glued.append((starts[i], ends[i]))
        elif split == _COMPOUND:
            compounds.append((starts[i], ends[i]))
    return unknown_spans, glued, compounds


# the small words Title Case leaves in lower case ("What a Wonderful World", "Look at It")
_TITLE_SMALL_WORDS = frozenset("a an the of at in on to for and or by with from as".split())  # noqa: SIM905


def _in_title(i: int, n: int, word: np.ndarray, cap: np.ndarray, lower: list[str]) -> bool:
    """Whether token ``i`` (capitalised) sits in a run of Title Case words: a capitalised
    word follows it, directly or after one small word, or precedes it across one."""
    after = i + 1
    if after < n and word[after] and lower[after] in _TITLE_SMALL_WORDS:
        after += 1
    if after < n and word[after] and cap[after]:
        return True
    return i >= 2 and lower[i - 1] in _TITLE_SMALL_WORDS and bool(word[i - 2] and cap[i - 2])


def _fused_sentences(doc: Doc, reference: ReferenceModel) -> list[tuple[int, int]]:
    """Sentence openers capitalised mid-sentence: ``allies It is``, ``productive, However,``.

    Candidates are found on the reference model's per-token arrays (memoised on
    the document and shared with the phrasing features); only they are visited.
    """
    info = reference.token_info(doc)
    n = len(info.h)
    if n < 3:
        return []
    cand = (info.cap[1:] & info.word[1:] & ~info.first[1:]).nonzero()[0] + 1
    if not len(cand):
        return []
    openers, connectives = _opener_hashes()
    hc = info.h[cand]
    k = np.minimum(np.searchsorted(openers, hc), len(openers) - 1)
    cand = cand[openers[k] == hc]
    out: list[tuple[int, int]] = []
    f, toks, starts, ends = doc.folded, doc.tokens, doc.starts, doc.ends
    for i in cand.tolist():
        if _in_title(i, n, info.word, info.cap, doc.lower):
            continue  # a title: "the film The Wall", "What a Wonderful World", "Look at It"
        if len(toks[i]) > 1 and toks[i].isupper():
            continue  # an acronym, not an opener: "IT services", "THE"
        p = i - 1
        if toks[p] == ",":
            if int(info.h[i]) not in connectives or p == 0:
                continue
            p -= 1
            if ends[p] != starts[p + 1]:
                continue
        elif ends[p] + 1 != starts[i] or f[ends[p]] != " ":
            continue
        if not (info.word[p] and toks[p][0].islower()) or doc.lower[p] in _COORDINATORS:
            continue  # no sentence ends in "and": "H and He", "Father and He"
        out.append((starts[p], ends[i]))
    return out


@register("punctuation", NAMES, needs_reference=True)
def punctuation(
    doc: Doc, reference: ReferenceModel | None, evidence: list[Evidence] | None
) -> list[float]:
    """Broken punctuation and tokenisation artefacts (split abbreviations, stray quotes)."""
    f = doc.folded
    n_words = doc.n_words
    n_sents = len(doc.sentences)
    if not n_words:
        return [0.0] * len(NAMES)
    out: list[float] = []
    zipf = reference.zipf if reference is not None else None

    def add(
        name: str,
        spans: list[tuple[int, int]],
        msg: str,
        per: int = n_words,
        scale: float = 100.0,
        forgive: bool = False,
    ) -> None:
        out.append(0.0 if forgive else _rate(len(spans), per, scale))
        add_ev(name, spans, msg)

    def add_ev(name: str, spans: list[tuple[int, int]], msg: str) -> None:
        if spans:
            _ev(evidence, name, spans, msg, doc)

    add(
        "split_abbrev",
        _split_abbrev(f),
        "an abbreviation split by a space, typical of machine-translation post-processing",
    )
    classes = _char_classes(f)
    add("space_before_punct", _space_before(f, classes), "a space before punctuation")
    quotes = _quote_marks(f, doc.text)
    inside, unbalanced, n_paras = _quote_checks(doc, quotes)
    add("space_inside_quotes", inside, "a space just inside a quotation mark")
    add("stray_quote", _stray_quotes(f, quotes), "a stray quote after the end of a sentence")
    # the share of paragraphs whose quotes do not pair up; shown by each unpaired mark
    out.append(_rate(len(unbalanced), n_paras, 1.0))
    if evidence is not None and unbalanced:
        _unpaired_ev(evidence, doc, unbalanced)
    out.append(_rate(_unbalanced_brackets(f), n_words))
    add("doubled_punct", _doubled(f), "doubled punctuation")
    glued = _missing_space(f, classes)
    if len(glued) >= FLATTENED_MIN_JOINS and "\n" not in f.strip():
        glued = []  # a page whose paragraphs a scraper joined: layout, not writing
    add("missing_space", glued, "no space after the end of a sentence")
    lower = _lower_starts(f, doc.text, zipf)
    fused = _fused_sentences(doc, reference) if reference is not None else []
    typo = len(lower) + len(fused) <= TYPOS_FORGIVEN
    add(
        "lower_sentence_start",
        lower,
        "a sentence that starts in lower case",
        n_sents,
        1.0,
        typo,
    )

    # run-together words: camelCase inside a word, or an unknown word that is a common word
    # glued to a function word; apart from them, unknown words made of two common words
    run_spans = _camel(f, classes)
    unknown_spans: list[tuple[int, int]] = []
    compounds: list[tuple[int, int]] = []
    if reference is not None:
        unknown_spans, glued, compounds = _unknown_words(doc, reference)
        run_spans += glued
    add("run_together", run_spans, "two words run together")
    add(
        "unknown_compound",
        compounds,
        "an unknown word made of two common words: a rare compound or two words run together",
    )
    marks = _mt_marks(f)
    for mark in "*~":  # the mark the match has, named
        add_ev(
            "mt_marks",
            [(a, b) for a, b in marks if f[a] == mark],
            f"a word with a translation system's unknown-word mark ({mark})",
        )
    out.append(_rate(len(marks), n_words))
    add("unknown_words", unknown_spans, "a lower-case word the reference English vocabulary lacks")
    add(
        "fused_sentences",
        fused,
        "a capitalised sentence opener in mid-sentence: two sentences fused together",
        n_sents,
        1.0,
        typo,
    )
    return out
