"""Tokenising, sentence splitting and casing helpers shared by every spinner.

Why not nltk: its tokenizer models are not installed and nothing may be downloaded. Spinners
only need a lossless split (words, numbers, whitespace, punctuation: joining the tokens gives the
input back) and a sentence splitter that does not break at "Mr." or "U.S.".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise


def wordset(words: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words in ``words`` (keeps long lists readable)."""
    return frozenset(words.split())


TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:]\d+)*|\s+|[^\s]", re.UNICODE)
PARA_SPLIT_RE = re.compile(r"(\n[ \t]*\n\s*)")

# Function words, auxiliaries and very general verbs a spinner leaves alone.
STOPWORDS = wordset("""
    a an the and or but nor so yet for of in on at by to from with without into onto upon over under
    about above below after before since until till while as than then that this these those there
    here where when why how what which who whom whose whether if unless because though although
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    one ones oneself myself yourself himself herself itself ourselves themselves
    be am is are was were been being have has had having do does did doing done
    will would shall should can could may might must ought not no nor only also very too just
    all any both each either neither every few many more most much other some such own same
    again further once ever never always often still even already up down out off through
    during against between among within across along around behind beyond near per via
    mr mrs ms dr st etc vs i.e e.g
    get gets got getting gotten make makes made making go goes went gone going
    say says said saying
    yes yeah ok okay oh
    new old first last next thus hence therefore however far well rather quite
    """)

ABBREVIATIONS = wordset(
    "mr mrs ms dr prof st jr sr inc ltd co corp gen gov sen rep lt col capt sgt no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept est"
)
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?])([\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")


def tokenize(text: str) -> list[str]:
    """Split ``text`` losslessly: ``"".join(tokenize(t)) == t``."""
    return TOKEN_RE.findall(text)


def is_word(tok: str) -> bool:
    """Whether a token from :func:`tokenize` is a word (tokens starting with a letter are)."""
    return tok[:1].isalpha()


def split_paragraphs(text: str) -> tuple[list[str], list[str]]:
    """Paragraphs and the exact separators between them, so the structure can be rebuilt."""
    parts = PARA_SPLIT_RE.split(text)
    return parts[0::2], parts[1::2]


_LINE_SPLIT_RE = re.compile(r"([ \t]*\n\s*)")


def map_paragraphs(text: str, fn: Callable[[str], str]) -> str:
    """Apply ``fn`` to every non-blank line of every paragraph, keeping all line breaks and the
    whitespace around them byte for byte (so no style can be told by its line layout)."""
    parts = _LINE_SPLIT_RE.split(text)
    out: list[str] = []
    for k, part in enumerate(parts):
        if k % 2 or not part.strip():
            out.append(part)
            continue
        core = part.strip()
        lead = part[: len(part) - len(part.lstrip())]
        trail = part[len(part.rstrip()) :]
        out.append(lead + fn(core) + trail)
    return "".join(out)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, each with its own trailing whitespace stripped.

    Splits after . ! ? (plus closing quotes) when the next sentence starts with a capital,
    digit or opening quote; does not split after known abbreviations or single initials.
    """
    text = paragraph.strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _SENT_SPLIT_RE.finditer(text):
        cut = m.start(2)
        chunk = text[start:cut]
        last = re.search(r"(?<![\w.])([^\W\d_]+(?:['’][^\W\d_]+)*)\.[\"'”’)\]]*\Z", chunk)
        if last:
            lw = last.group(1)
            # "Mr." and initials ("J. Smith", "U.S.") do not end a sentence; "I." does
            if lw.lower() in ABBREVIATIONS or (len(lw) == 1 and lw != "I"):
                continue
        elif re.search(r"(?<=[.])[^\W\d_]\.\Z", chunk):
            continue  # the last letter of "U.S." or "e.g."
        out.append(chunk)
        start = m.end(2)
    out.append(text[start:])
    return [s for s in out if s]


def sentence_gap(line: str) -> str:
    """The space a line puts between sentences ("  " for typists' double spaces), so rewritten
    lines keep their spacing habit and spacing never tells a style apart."""
    return "  " if re.search(r"[.!?][\"'”’)]*  (?=\S)", line) else " "


def capitalize_first(s: str) -> str:
    """Upper-case the first letter, leaving the rest alone ("iPhone" is not our concern)."""
    for i, ch in enumerate(s):
        if ch.isalpha():
            return s[:i] + ch.upper() + s[i + 1 :]
    return s


# Sentence-initial words that are safe to lower-case when a clause moves inside a sentence.
LOWERABLE = wordset("""
    the a an this that these those it its they their there he his she her we our you your
    some many most all several few each every both such one two three another other
    in on at for with by from after before during since while when if although though because
    as many much more less officials experts researchers people police analysts critics
    authorities residents scientists students workers voters leaders members
    however meanwhile still also then yet so but and nor
    what which who how why where whether no not none nothing everyone everybody someone
    four five six seven eight nine ten dozens hundreds thousands millions
    """)


def _common_word(word: str) -> bool:
    """Whether a capitalised word is an ordinary word (in WordNet, not as a proper noun)."""
    from .synonym import _is_proper  # lazy: tokens must not load WordNet at import time
    from .wordnet import get_wordnet

    low = word.lower()
    wn = get_wordnet()
    if not any(wn.has(low, pos) for pos in ("n", "v", "a", "r")):
        return False
    return not _is_proper(word)


def lower_first_word(s: str) -> str:
    """Lower-case the first word when it is a common word, never a name, acronym or "I"."""
    m = re.match(r"(\W*)([^\W\d_]+)(.*)\Z", s, re.S)
    if not m:
        return s
    lead, word, rest = m.groups()
    if not word[0].isupper() or (len(word) > 1 and word.isupper()) or word == "I":
        return s
    if word[1:] != word[1:].lower():
        return s  # "McDonald", "iPhone"-like: leave alone
    if word.lower() in LOWERABLE or _common_word(word):
        return lead + word[0].lower() + word[1:] + rest
    return s


def words(text: str) -> list[str]:
    """Word tokens only (for tests and difference measures)."""
    return [t for t in tokenize(text) if is_word(t)]


def spaced_phrase(tokens: Sequence[str], idxs: Sequence[int]) -> bool:
    """Whether the words at token positions ``idxs`` form one phrase a spinner may replace:
    separated by single spaces, and no capitalised word after the first (a name such as
    "Big Data Inc" is not a phrase)."""
    if any(b - a != 2 or tokens[a + 1] != " " for a, b in pairwise(idxs)):
        return False
    return not any(tokens[i][0].isupper() for i in idxs[1:])


def splice(out: list[str], tokens: Sequence[str], pos: int, idxs: Sequence[int], new: str) -> int:
    """Copy ``tokens[pos:idxs[0]]`` to ``out``, then ``new`` in place of the words at ``idxs``
    (capitalised if the first of them was); returns the next token position to copy."""
    if tokens[idxs[0]][0].isupper():
        new = capitalize_first(new)
    out.extend(tokens[pos : idxs[0]])
    out.append(new)
    return idxs[-1] + 1


def quote_mask(
    tokens: Sequence[str], *, marks_quoted: bool = False, newline_closes: bool = False
) -> list[bool]:
    """Which tokens are inside a quotation (a spinner leaves quoted words alone).

    ``marks_quoted``: the quotation marks count as quoted too (so nothing is inserted
    against them); ``newline_closes``: a paragraph break ends an unclosed quotation.
    """
    mask = [False] * len(tokens)
    inside = False
    for i, t in enumerate(tokens):
        if t == '"':
            inside = not inside
            if marks_quoted:
                mask[i] = True
                continue
        elif t in ("\u201c", "\u00ab"):
            inside = True
        elif t in ("\u201d", "\u00bb") or (newline_closes and "\n" in t):
            inside = False
            if marks_quoted:
                mask[i] = True
                continue
        mask[i] = inside
    return mask
