"""Reading the text as meant: the passes that run before tokenising.

A text arrives with its typography, its encoding accidents and its layout: curly quotes and
dashes, mojibake ("donâ€™t"), HTML character references ("don&#8217;t"), Markdown and HTML
tags, citation markers, emoticons, web addresses, hard-wrapped lines, a text written in
lower case or all in capitals. None of it is evidence of how the text was written, and read
as written each made words unknown, cut sentences or moved the features. Each pass here
reads the text as a reader would, one character for one, so the folded text keeps the length
of the text as given and every offset stays exact: what a mark stood for takes its place,
filled out with word joiners (:data:`PAD`, one of :data:`INVISIBLE`) or spaces, and an
emoticon becomes a pictograph (one of :data:`PICTOGRAPH`); both classes are defined here,
beside the passes that write them, and :mod:`spundetect.text` drops them at token level.
:func:`read_as_meant` chains the passes every text takes first;
:func:`spundetect.text.tokenize` runs it, then :func:`mask_addresses`, :func:`unwrap`, the
furniture rules (:mod:`spundetect.furniture`) and :func:`recase` or :func:`read_pronoun_i`.
They live here, apart from the tokeniser, so that each can be read, tested and changed
without the other.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Container
from functools import partial
from html import unescape
from itertools import islice
from unicodedata import normalize

from .charsets import C1_AS_WINDOWS_1252, WINDOWS_1252_C1
from .furniture import comment_head, reply_line
from .tokens import INVISIBLE_CHARS, STRAY_CONTROLS

__all__ = [
    "CAPITALS_MAX_LOWER",
    "CAPITALS_MIN_LETTERS",
    "FOLD_TABLE",
    "INVISIBLE",
    "LOOK_ALIKES",
    "LOWER_CASE_MAX_CAPITALS",
    "LOWER_CASE_MIN_STARTS",
    "PAD",
    "PICTOGRAPH",
    "WRAP_MAX_WIDTH",
    "WRAP_MIN_WIDTH",
    "decode_references",
    "fold",
    "mask_addresses",
    "read_apostrophes",
    "read_as_meant",
    "read_emoticons",
    "read_escapes",
    "read_look_alikes",
    "read_lost_characters",
    "read_pronoun_i",
    "read_single_quotes",
    "recase",
    "unmark",
    "unmojibake",
    "unwrap",
    "written_char",
    "written_in_capitals",
    "written_in_lower_case",
    "written_in_title_case",
]

# One character for one, so offsets survive folding.
FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2033": '"',  # ″
        "\u02bc": "'",  # ʼ (a modifier letter typed or autocorrected for the apostrophe)
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen (a word processor's, "non‑profit")
        "\u2013": "-",  # –
        "\u2014": "-",  # —
        "\u2012": "-",
        "\u2015": "-",
        "\u2212": "-",  # minus
        "\u00a0": " ",  # no-break space
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        # the other spaces of Unicode's space separators, which the punctuation checks read
        # as no space: after each full stop, an en space hid seed 004's "U. S." and stray
        # quotes, and turned it original (P(original) 0.61; fifty-eighth session). (U+2000,
        # U+2001 and U+3000 are read by read_look_alikes: see _WIDE_SPACES.)
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2008": " ",
        "\u200a": " ",
        "\u205f": " ",
        "\u1680": " ",
        "\u2026": ".",  # … (one char; keeps offsets)
        # the full-width punctuation a Chinese or Japanese keyboard types in English text
        "\uff0c": ",",
        "\uff0e": ".",
        "\u3002": ".",  # ideographic full stop
        "\u3001": ",",  # ideographic comma
        "\uff01": "!",
        "\uff1f": "?",
        "\uff1a": ":",
        "\uff1b": ";",
        "\uff08": "(",
        "\uff09": ")",
        "\t": " ",
        # line breaks other than "\n" (str.splitlines knows them all): every rule that reads
        # a text line by line (menus, bylines, comment threads, wrapping) reads them as lines
        "\x85": "\n",  # next line (a Latin-1 decoder's)
        "\u2028": "\n",  # line separator (JavaScript-made JSON)
        "\u2029": "\n",  # paragraph separator
    }
)
# A carriage return alone (classic Mac OS, Excel's "CSV (Macintosh)"), a vertical tab or a
# form feed (a page break in pdftotext's output) ends a line too; "\r\n" is one break, read
# as "\n" with its "\r" as padding where lines are read.
_LONE_BREAK = re.compile("\r(?!\n)|[\x0b\x0c]")

# Web and e-mail addresses and @handles are not prose: cut into tokens, their pieces
# ("https", "www", "utm", "com") read as unknown words and a broken word sequence, and one
# "Read more at https://..." line turned a third of the genre probe's flagged texts (ad-hoc
# probe, nineteenth session). Each is folded to a run of zeros of the same length: one
# number where the address was, so the sentence keeps its shape ("Read more at 000.") and
# offsets stay exact. A trailing stop, comma or bracket is the sentence's, not the address's.
_ADDRESS = re.compile(
    r"(?:\b[A-Za-z][A-Za-z0-9+.-]{1,15}://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}']"
    r"|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b"
    r"|(?<![\w@])@[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*"
    # a bare domain with a path ("pic.twitter.com/Ab3dEf", "bbc.co.uk/news"); a bare domain
    # alone is a name as often as an address ("Amazon.com said"), and stays a word
    r"|\b(?:[A-Za-z0-9-]+\.)+[a-z]{2,6}/(?:[^\s<>\"]*[^\s<>\".,;:!?)\]}'])?"
)
# what a bare domain with a path holds (a literal "." first: the regex engine scans for it)
_DOMAIN_PATH = re.compile(r"\.[a-z]{2,6}/")
# Characters a reader never sees (:data:`spundetect.tokens.INVISIBLE_CHARS`): between letters
# they are part of the word ("informa\u00adtion" reads "information"); anywhere else they
# carry nothing.
INVISIBLE = frozenset(INVISIBLE_CHARS)
# Emoji and other pictographs (with their variation selector and tag characters), as chat,
# comments and posts put them between and after sentences: as tokens they kept a sentence
# from ending ("Loved it. \U0001f602 The staff") and read as unknown words to the word-sequence
# measures (the genre probe with an emoji after 30% of its sentences: mean P(original) 0.788
# -> 0.757, twenty-seventh session). The tokeniser drops them; one between a word and a
# capitalised word ends a sentence as a full stop would. Not the musical and astronomical
# signs of the same block ("B♭", "M☉"), which prose writes inside words.
PICTOGRAPH = re.compile(
    "[\u2600-\u2608\u260a-\u263c\u2648-\u2668\u2670-\u27bf\u2b00-\u2bff\ufe0f"
    "\U0001f000-\U0001faff\U000e0020-\U000e007f]"
)
# Emoticons typed with punctuation (":)", ";-)", ":D"; not "<3", which is "less than 3" too), as
# comments, forum posts and chat have them: read as written they are stray colons and brackets
# (a quarter of the genre probe's full stops made a smiley: 4 of 40 flagged, mean P(original)
# 0.767 against 0.788; twenty-eighth session, bench_genre). Each is read as a pictograph (then
# joiners, to keep its length), which the tokeniser drops as it drops emoji. Only between
# spaces (or before a stop or a comma), so "http://", "a:b" and "(see 3:)" stay as written.
_EMOTICONS = (
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":p", ":-P", ":-p", ":/", ":-/",
    "=)", "=(", ":'(", ":O", ":o",
)  # fmt: skip
_SMILE = "\U0001f642"  # what an emoticon is read as (one of PICTOGRAPH)
_EMOTICON_LEADS = {
    lead: sorted((e for e in _EMOTICONS if e[0] == lead), key=len, reverse=True)
    for lead in sorted({e[0] for e in _EMOTICONS})
}
# HTML character references left in plain text ("don&#8217;t", "R&amp;D", "&quot;Yes&quot;"), as
# feeds and careless scrapes carry them: read as written they cut words in two and leave stray
# "&" and ";" marks (macro-F1 0.889 against 0.904 on bench_formats, nineteenth session). Each is
# read as the one character it stands for, followed by word joiners to keep its length (a
# no-break space by spaces); the tokeniser drops the joiners
# (:func:`spundetect.text._drop_invisible`). A reference escaped again ("&amp;#8217;",
# "R&amp;amp;D"), as a feed that escapes its already escaped items has it, is read as the
# one it escapes (read as "&" and then "#8217;": macro-F1 0.877 against 0.893, the genre
# probe's originals flagged 7 of 40 against 3; `bench_formats.py --only entities-twice`,
# forty-third session).
_CHAR_REFERENCE = re.compile(
    r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
PAD = "\u2060"  # word joiner (one of INVISIBLE): what fills out a decoded reference
# Markdown, as CMS exports, README-style pages and language-model output carry it: read as
# written, "**" and "[...](...)" are stray marks and a link's address is a run of unknown
# words (headings, and bold and links in every paragraph: macro-F1 0.885 against 0.904 as
# written, original and spun recall 0.850 against 0.880 and 0.895, the genre probe's mean
# P(original) 0.741 against 0.826; bench_formats, twenty-first session). The marks are read
# as spaces or word joiners (:data:`PAD`), one for one, so the words read as plain text and
# offsets stay exact: emphasis ("**x**", "*x*", "***x***" and the same with "_"), inline code
# ("`x`"), a link or an image ("[x](address)": the brackets and the address), a heading's "#"
# marks and a "*" or "+" list marker at a line's start. The patterns ask for the marks in
# pairs around words (no space inside), so "5 * 3", "Total*" or "snake_case" stay as written.
#
# One pass per kind of mark, each led by a literal (a scan for a literal is ~10x faster than
# for a set of characters) and run only when its cue, one character, is in the text (a scan
# for one character is ~20x faster than for two): most texts hold none. Stronger emphasis
# first, so "***x***" is not read as "*" around "**x**".
# (every span is bounded, 500 characters: a line with thousands of unpaired marks, "**ab **ab
# ...", made each mark scan to the line's end, 14 s for 100,000 characters and quadratic
# beyond; twenty-eighth session)
_EMPHASIS = r"(?=[^\s{m}])[^\n]{{0,500}}?[^\s{m}]"
# what a citation marker holds: a note's number, or an editor's tag (not a letter: "see[s]"
# is an editor's ending in a quotation, as often as "[a]" is a footnote)
_CITATION = r"(?:\d{1,3}|(?:note|nb) \d{1,3}|sic|[a-z][a-z ,'-]{1,40}(?: needed|\?))"
# An author-year citation in brackets, as essays, papers and reports give their sources:
# "(Adams & Patel, 2019)", "(Brown, 2021, p. 14)", "(e.g., Nguyen et al., 2020; Lee 2018)".
# Read as written its names and years are words no rewriting touches, and the n-gram model
# learnt them from the corpus's academic originals as evidence of originality (one after 30% of
# the stops of the language-model rewrites: 29 of 200 caught before, 19 with them; twenty-eighth
# session). Not a date ("(October 2007)") nor a year alone ("(2019)").
_AUTHOR = (
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Spring|Summer|Autumn|Fall|Winter)"
    r"[a-z]*\b)[A-Z][\w'\u2019\u0300-\u036f-]+"  # (a decomposed accent: "Munafo\u0300")
)
_WORK = (
    r"(?:(?:see|see also|e\.g\.,?|cf\.|i\.e\.,?) )?"
    + _AUTHOR
    + r"(?:(?:,? and |,? & |, )"
    + _AUTHOR
    + r")*(?: et al\.?)?,? (?:(?:1[5-9]|20)\d\d[a-z]?|n\.d\.)(?:, (?:1[5-9]|20)\d\d[a-z]?)*"
    r"(?:, (?:p|pp|para|ch)\. ?\d+(?:[-\u2013]\d+)?)?"
)
# a link or an image: "[words](address)", "[words](address "title")", "![words](address)".
# From Python 3.11 its runs are possessive: what each may hold cannot end it, so giving back
# finds no other match, and the engine gave back up to 2,000 characters at each "[" of a run
# of unclosed links ("[x](" repeated: 37 s a megabyte, 6.5 s now; fifty-sixth session).
_HELD = "+" if sys.version_info >= (3, 11) else ""
_LINK = (
    r"{image}\[[^\]\n]{{1,500}}" + _HELD + r"\]\([^)\s]{{0,2000}}" + _HELD
    + r"(?:[ \t]+\"[^\"\n]{{0,500}}" + _HELD + r"\")?\)"
)  # fmt: skip
# HTML tags left in plain text ("<p>", "<strong>", '<a href="...">', "<br>"), as a CMS's
# body field exported to JSON often holds them: read as written, a tag is a run of stray
# marks and a link's address a run of unknown words (paragraphs in "<p>", a bold phrase and a
# link in each: macro-F1 0.891 against 0.904, spun recall 0.865 against 0.895; twenty-first
# session, ad hoc). Only the tags of running text are read as spaces or joiners; a whole page
# (scripts, menus) is for ``--input-format html`` / :func:`spundetect.io.html_to_text`.
# A tag escaped as a feed escapes its items' markup ("&lt;p&gt;", decoded by then to "<" and
# joiners) is read as the tag (read as "<", "p" and ">": macro-F1 0.874 against 0.893, spun
# recall 0.835 against 0.905; `bench_formats.py --only escaped-tags`, forty-third session).
_HTML_TAG = re.compile(
    r"<\u2060*/?([a-zA-Z][a-zA-Z0-9]{0,9})\b(?:[^<>\n\"']|\"[^\"\n]*\"|'[^'\n]*'){0,300}/?>"
    r"\u2060*"
)
#: tags that separate what they stand between ("word<br>word" is two words); the others
#: ("<strong>", "<a>") may sit inside a word ("un<em>believ</em>able") and are joiners there
_BLOCK_TAGS = frozenset((
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "figure", "figcaption", "img", "hr", "table", "tr", "td", "th", "section", "article",
    "header", "footer", "nav", "pre", "dl", "dt", "dd",
))  # fmt: skip
_INLINE_TAGS = frozenset((
    "a", "span", "strong", "em", "b", "i", "u", "sup", "sub", "small", "mark", "q", "cite",
    "time", "abbr", "code", "s", "del", "ins", "font",
))  # fmt: skip
_MARK_PASSES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("<", _HTML_TAG, -2),
    ("*", re.compile(r"\*\*\*" + _EMPHASIS.format(m="*") + r"\*\*\*"), 3),
    ("_", re.compile(r"___" + _EMPHASIS.format(m="_") + r"___"), 3),
    ("*", re.compile(r"\*\*" + _EMPHASIS.format(m="*") + r"\*\*"), 2),
    ("_", re.compile(r"__" + _EMPHASIS.format(m="_") + r"__"), 2),
    # one mark: not after a letter ("Total*") and no mark inside
    ("*", re.compile(r"\*(?<![\w*]\*)(?=[^\s*])[^*\n]*?[^\s*]\*(?![\w*])"), 1),
    ("_", re.compile(r"_(?<![\w_]_)(?=[^\s_])[^_\n]*?[^\s_]_(?![\w_])"), 1),
    # not "don`t ... `": a backtick written for an apostrophe
    ("`", re.compile(r"`(?<![^\W\d_]`)[^`\n]+`(?![^\W\d_])"), 0),
    ("[", re.compile(_LINK.format(image="!")), 0),
    ("[", re.compile(_LINK.format(image="")), 0),
    # A run of citation markers, as text copied from a wiki page keeps them after a word or a
    # stop ("the city.[3][4] The", "[citation needed]", "[when?]"): read as written they cut
    # the sentence at a stray bracket (after two of five stops and commas: macro-F1 0.895
    # against 0.904 as written, the genre probe's flagged 5 of 40 against 2; bench_formats,
    # twenty-first session). The whole run goes (n = -1). Not after a space, a
    # quotation mark or a bracket ('"[citation needed]" tags' names one), nor before a letter
    # ('"[t]here's" is an editor's letter in a quotation).
    (
        "[",
        re.compile(
            r"\[(?<=[^\s\[\"'(]\[)" + _CITATION + r"\](?:\[" + _CITATION + r"\])*(?![^\W\d_])"
        ),
        -1,
    ),
    # an author-year citation after a word or a stop (see _WORK; the space before it goes too)
    (
        "(",
        re.compile(
            r"\((?:(?<=[\w.,;:!?'\"\u2019)\]][ \t]\()|(?<=[\w.,;:!?'\"\u2019)\]]\())"
            + _WORK
            + r"(?:; "
            + _WORK
            + r")*\)"
        ),
        -3,
    ),
    # a transcript's or a video's time stamp ("[00:02:13]")
    ("[", re.compile(r"\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\.\d+)?\](?![^\W\d_])"), -1),
    # an editor's "[sic]" after a word it vouches for, the space before it too: read as a word,
    # it cut its sentence (one in each of the genre probe's originals: flagged 5 of 40, mean
    # P(original) 0.758, against 3 and 0.792; thirty-second session); matched from its
    # bracket, which a search finds at once (3 us a text holding a "[", not 150)
    ("[", re.compile(r"\[(?<=[\w.,;:!?'\"][ \t]\[)(?i:sic)!?\](?![^\W\d_])"), -3),
)
# a footnote's number in superscript after a stop, a comma or a closing quote ("late.\u00b9");
# not after a letter: "m\u00b2" is a unit
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_SUPERSCRIPT_NOTE = re.compile(
    "(?<=[.,;:!?\"'\u2019\u201d)\\]])[" + _SUPERSCRIPTS + "]+(?![^\\W\\d_])"
)
# a heading's "#" marks, a list marker ("*", "+", "\u2022"; not "-", which also opens an
# embedded post's byline or a quotation's attribution, "- Jane Doe (@jd)") or a transcript's
# speaker label ("Q:", "A:", "SARAH:", "Interviewer:"), after a line break (the text's first
# line is read with a line break put before it). The speaker is not part of what is said, and
# read as words the labels moved the n-gram model and the sentence starts (before each
# paragraph of the language-model rewrites, 29 of 200 caught before, 22 with them;
# twenty-eighth session).
_LINE_MARK = re.compile(
    r"\n[ \t]{0,3}(?:#{1,6}|[*+\u2022\u25aa\u25e6\u2023\u2043]"
    r"|(?:Q|A|(?!(?:READ|SEE|ALSO|RELATED|MORE|WATCH|LISTEN|RECOMMENDED)\b)"  # a pointer
    r"[A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){0,2}"
    r"|Interviewer|Interviewee|Question|Answer|Host|Guest|Moderator):)(?=[ \t])"
)
# An interview's "Q." and "A." written with a stop, as many newspapers print them: read as
# speakers' labels only in a text that has both and a "Q." line that asks a question, where
# "A." cannot be a name's initial ("A. J. Ayer argued ..."). Read as one-letter sentences, they
# made the language-model rewrites read more original: with a question line over each
# paragraph, 13 of 200 caught with them, 18 with "Q:"/"A:" or no labels (twenty-ninth
# session, ad hoc).
_QA_STOP = re.compile(r"\n[ \t]{0,3}[QA]\.(?=[ \t])")
_QUESTION_LINE = re.compile(r"\n[ \t]{0,3}Q\.[ \t][^\n]*\?[ \t\"'\u201d]*(?=\n|$)")
_LINE_PAD = " \t\r"  # what may stand between a line's last character and its line break
# Hard-wrapped text (e-mail, plain-text wire copy, "fmt"/"textwrap" output) breaks lines at a
# column, not at sentences: see :func:`unwrap`.
WRAP_MAX_WIDTH = 100  # the widths, in characters, of lines that read as wrapped at a column
WRAP_MIN_WIDTH = 30  # (median of the lines before the breaks): narrower ones are short lines
_WRAP_MID_SHARE = 0.3  # share of line breaks that fall inside a sentence (see unwrap)
# a line that ends on one of these, or on a comma, has its sentence go on below it
_CLAUSE_OPEN = frozenset(
    "a an the and or but nor of to in on at by for from with as that which who than is are "  # noqa: SIM905
    "was were be been has have had will would can could".split()
)


_FOLD_PAIRS = tuple((chr(k), v) for k, v in FOLD_TABLE.items())


# C1 controls: Windows-1252 text read as Latin-1 somewhere upstream, as a page that declares
# "iso-8859-1" read by a tool that takes it at its word, or a MySQL "latin1" column (which is
# Windows-1252) exported, leaves it: "don\x92t", "\x93quoted\x94", "1990\x962000". Nobody
# types these characters, so each is read as the one Windows-1252 prints for its byte (what
# ftfy's ``fix_c1_controls`` does), one for one. Read as written, the test-split texts with
# typographic quotes so written scored macro-F1 0.883 against 0.893, and the genre probe's
# originals were flagged 6 of 40 against 3 (`bench_formats.py --only c1-controls`, forty-third
# session). NEL (0x85) is an ellipsis in such a text and a line break in any other.
# the C1 controls that show such a text: its apostrophes, quotes, dashes, bullet, euro and
# trade mark signs, what English text holds of Windows-1252's own (a scan for one character
# at a time is fast, a regular expression's class ten times slower; all 27, 2.6 us a text).
# Their presence is the cue; then every C1 control is read.
_C1_CUES = "\x92\x93\x94\x91\x96\x97\x95\x80\x99"


def _holds_c1(text: str) -> bool:
    return any(c in text for c in _C1_CUES)


def _latin_bytes() -> dict[str, int]:
    """Each character Windows-1252 or Latin-1 shows for a byte, with that byte."""
    table = {chr(b): b for b in range(256)}
    table.update((char, ord(c1)) for c1, char in WINDOWS_1252_C1.items())
    return table


# Mojibake: UTF-8 text read as Windows-1252 somewhere upstream ("donâ€™t", "cafÃ©", "Â£5"),
# as scraped and exported text often is. Read as written, "â€™" is three odd characters in
# the middle of a word, and the text reads as garbled (a curly apostrophe, quotes and dashes
# in the test-split texts, then mojibake: macro-F1 0.893 against 0.904, original recall 0.835
# against 0.880, the genre probe's flagged 8 of 40 against 2; twenty-first session, ad hoc).
# Each sequence that is a UTF-8 character's bytes shown one per character is read as that
# character, followed by word joiners to keep its length (what ftfy's ``fix_encoding`` does
# for this, the commonest case, one for one). Text that went through two such steps
# ("hereÃ¢â‚¬â„¢s") is read again, the first reading's padding looked through: read once,
# the test-split sample so written scored macro-F1 0.880 against 0.893 and the genre probe's
# originals were flagged 13 of 40 against 3 (`bench_formats.py --only mojibake-twice`,
# forty-third session).
_LATIN_BYTE = _latin_bytes()
_CONTINUATION = "".join(sorted(c for c, b in _LATIN_BYTE.items() if 0x80 <= b <= 0xBF))
# A closing double quote's last byte, 0x9D, is one Windows-1252 leaves undefined: a decoder
# that replaces it leaves "â€\ufffd", one told to ignore errors "â€" (read so, the test-split
# sample scored macro-F1 0.887 against 0.893 and the genre probe's mean P(original) was 0.748
# against 0.793; `bench_formats.py --only mojibake-lossy`, forty-third session), and nothing
# else common ends so.
_LOST_CLOSING_QUOTE = "\u00e2\u20ac\ufffd"
_CUT_CLOSING_QUOTE = "\u00e2\u20ac"


def _mojibake_pattern(gap: str) -> re.Pattern[str]:
    """Mojibake sequences, with ``gap`` allowed after each character but the last."""
    c = "[" + re.escape(_CONTINUATION) + "]"
    gc = gap + c
    return re.compile(
        f"[\u00c2-\u00df]{gc}|[\u00e0-\u00ef]{gc}{gc}|[\u00f0-\u00f4]{gc}{gc}{gc}"
        f"|{gap.join(_CUT_CLOSING_QUOTE)}(?:{gap}\ufffd|(?!{gc}))"
    )


_MOJIBAKE = _mojibake_pattern("")
_MOJIBAKE_PADDED = _mojibake_pattern(PAD + "*")  # the second layer, read through the first's
# the lead characters most mojibake starts with (a scan for one character is fast)
_MOJIBAKE_CUES = "\u00c2\u00c3\u00e2\u00c4\u00c5\u00d0\u00d1\u00f0"


def unmojibake(text: str) -> str:
    """``text`` with its mojibake read as the characters meant, one for one, two layers at
    most (see :data:`_MOJIBAKE`)."""
    if text.isascii() or not any(c in text for c in _MOJIBAKE_CUES):
        return text
    once = _MOJIBAKE.sub(_unmojibaked, text)
    if once == text or not any(c in once for c in _MOJIBAKE_CUES):
        return once
    return _MOJIBAKE_PADDED.sub(_unmojibaked, once)


def _meant(seq: str) -> str | None:
    """The one character a mojibake sequence stands for; None if its bytes are not UTF-8."""
    if seq in (_LOST_CLOSING_QUOTE, _CUT_CLOSING_QUOTE):
        return "\u201d"
    try:
        return bytes(map(_LATIN_BYTE.__getitem__, seq)).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _unmojibaked(m: re.Match[str]) -> str:
    seq = m.group()
    char = _meant(seq.replace(PAD, "") if PAD in seq else seq)
    if char is None:
        return seq
    return char + (" " if char.isspace() else PAD) * (len(seq) - 1)


def fold(text: str) -> str:
    """``text`` with typographic quotes, dashes and odd spaces folded to ASCII, and each stray
    control character (:data:`spundetect.tokens.STRAY_CONTROLS`) as a word joiner, one char
    for one.

    ``str.translate`` with a dict walks every character in Python's slow path;
    a few ``replace`` calls for the characters actually present are ~10x faster.
    """
    if text.isascii():
        text = text.replace("\t", " ") if "\t" in text else text
    else:
        if _holds_c1(text):
            text = text.translate(C1_AS_WINDOWS_1252)
        for src, dst in _FOLD_PAIRS:
            if src in text:
                text = text.replace(src, dst)
    if "\r" in text or "\x0b" in text or "\x0c" in text:
        text = _LONE_BREAK.sub("\n", text)
    for c in STRAY_CONTROLS:  # (24 scans, ~2 us a 1,000-word text; translate: 130 ms a MB)
        if c in text:
            text = text.replace(c, PAD)
    return text


# An apostrophe typed as an acute accent or a backtick ("don´t", "it´s", "can`t"), as a
# keyboard without one near at hand leaves it: between two letters it is read as the
# apostrophe, one for one. Read as written, each was a symbol splitting its word in two (the
# genre probe's originals so written: flagged 7 and 6 of 40 against 3, mean P(original)
# 0.649 and 0.646 against 0.792; model W, thirty-second session). A Markdown code span is
# set off by spaces ("run `ls` first") and keeps its backticks.
_TYPED_APOSTROPHE = re.compile("[`\u00b4](?<=[^\\W\\d_][`\u00b4])(?=[^\\W\\d_])")


def read_apostrophes(folded: str) -> str:
    """``folded`` with each acute accent or backtick between two letters read as "'"."""
    if "`" not in folded and "\u00b4" not in folded:
        return folded
    return _TYPED_APOSTROPHE.sub("'", folded)


# Escapes left in the text by a program that wrote it: a quote or an apostrophe after a
# backslash ("don\'t", "\"Yes,\" she said"), as a PHP page with "magic quotes" printed
# them and a field encoded twice as JSON holds them, and line breaks written as "\n", as
# such a field has them ("the end.\n\nNext"). Read as written, the backslash was a symbol
# inside words and "\nNext" a word nobody knows: macro-F1 0.880 and 0.881 against 0.893, the
# genre probe's mean P(original) 0.675 and 0.688 against 0.793 (`bench_formats.py --only
# slash-escapes escaped-newlines`, forty-third session). The backslash before a quote is read
# as padding; "\n" as a line break ("\r\n", which every rule reading lines reads as one
# break), "\r" and "\t" as spaces, but only in a text where one stands after a stop or
# before another: prose that writes "\n" as a name ("print a \n") stays as written. A
# character escaped as such a field escapes it ("don\u2019t", "\u201cYes\u201d") is read as
# that character (read as written, the text with typography encoded twice
# as JSON: macro-F1 0.879 against 0.893, the probe's originals flagged 7 of 40 against 3;
# `bench_formats.py --only json-twice`).
_ESCAPED_QUOTE = re.compile(r"\\(?=['\"])")
# a character escaped as JSON with ``ensure_ascii`` ("don\\u2019t"), or a pair for one
# beyond the first plane ("\\ud83d\\ude00")
_ESCAPED_UNICODE = re.compile(
    r"\\u(?:([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|([0-9a-fA-F]{4}))"
)
_ESCAPED_BREAKS = re.compile(r"[.!?:'\"]\\n|\\n\\n|\\r\\n")
_ESCAPED_CONTROL = re.compile(r"\\[nrt]")
_UNESCAPED = {"\\n": "\r\n", "\\r": "  ", "\\t": "  "}


def read_escapes(folded: str) -> str:
    """``folded`` with backslash escapes a program left read as what they stand for, one for
    one (see :data:`_ESCAPED_QUOTE`)."""
    if "\\" not in folded:
        return folded
    if "\\u" in folded:
        folded = _ESCAPED_UNICODE.sub(_unescaped, folded)
    if "\\'" in folded or '\\"' in folded:
        folded = _ESCAPED_QUOTE.sub(PAD, folded)
    if "\\n" in folded and _ESCAPED_BREAKS.search(folded):
        folded = _ESCAPED_CONTROL.sub(lambda m: _UNESCAPED[m.group()], folded)
    return folded


def _unescaped(m: re.Match[str]) -> str:
    high, low, one = m.groups()
    code = (
        int(one, 16) if one else 0x10000 + (int(high, 16) - 0xD800) * 0x400 + int(low, 16) - 0xDC00
    )
    if 0xD800 <= code <= 0xDFFF or (code < 0x20 and code not in (0x0A, 0x0D, 0x09)):
        return m.group()  # half a pair, or a control character: left as written
    char = fold(chr(code))
    return char + (" " if char.isspace() else PAD) * (len(m.group()) - 1)


# Characters lost on the way: Windows-1252's quotes, apostrophes and dashes decoded as UTF-8
# with replacement ("don\ufffdt", "\ufffdYes,\ufffd she said"), or converted to a code page
# without them ("don?t", "?Yes,? she said"), as scrapers and exports leave text. Read as
# written, "?" ended a sentence inside "don?t" and U+FFFD was a symbol inside words: the
# test-split sample so written scored macro-F1 0.883 and 0.884 against 0.893, and the genre
# probe's originals were flagged 6 and 9 of 40 against 3 (`bench_formats.py --only
# replacement-chars question-marks`, forty-third session). Each is read by where it stands,
# one for one: between two letters, an apostrophe; at a word's start, a quotation mark that
# opens (a currency sign before a number, when nothing closes it), and closes at the next one
# after a word on its line, or after a comma or a stop; between spaces or digits, a dash.
# U+FFFD is always a lost character: at a word's end with no quotation open, a lost letter
# ("caf\ufffd"), read as padding. "?" is read so only in a text where one stands between a
# letter and a small letter ("don?t", where no question mark stands) or a contraction's ending
# in capitals ("DON?T"), and then only where a question mark could not: between letters (but
# not before a capital, "rained?Yes", a question run into the next sentence, unless after a
# lone capital, "O?Brien", or before such an ending), at a word's start, after a comma or a
# stop, or closing a quotation opened on its line.
_LOST = "\ufffd"
# a contraction's or a possessive's ending in capitals ("DON?T", "JOHN?S"), not a sentence's
# first word ("rained?Yes")
_CAPITAL_ENDING = r"(?:S|T|D|M|RE|VE|LL)(?![^\W_])"
_Q_BETWEEN_LETTERS = re.compile(r"\?(?<=[^\W\d_]\?)(?:(?=[^\W\dA-Z_])|(?=" + _CAPITAL_ENDING + "))")
_AT_CAPITAL_ENDING = re.compile(_CAPITAL_ENDING)
_CLOSED_BY = ".,;:!?)]"


def read_lost_characters(folded: str) -> str:
    """``folded`` with U+FFFD, and "?" where it stands for a lost character, read as the
    apostrophe, quotation mark or dash it was (see :data:`_LOST`)."""
    if _LOST in folded:
        folded = _read_lost(folded, _LOST)
    if "?" in folded and _Q_BETWEEN_LETTERS.search(folded):
        folded = _read_lost(folded, "?")
    return folded


def _read_lost(folded: str, lost: str) -> str:
    chars = list(folded)
    n = len(folded)
    open_line = -2  # the line (the offset of the break before it) where a quotation is open
    i = folded.find(lost)
    while i >= 0:
        before = folded[i - 1] if i else "\n"
        after = folded[i + 1] if i + 1 < n else "\n"
        line = folded.rfind("\n", 0, i)
        if before.isalpha() and after.isalpha():
            # not "rained?Yes": a question run into the next sentence, as "end.Next" is
            if (
                lost == _LOST
                or not after.isupper()
                or _lone_capital(folded, i - 1)
                or _AT_CAPITAL_ENDING.match(folded, i + 1)
            ):
                chars[i] = "'"
        elif (before.isspace() or before in "([/") and after.isalnum():
            if after.isdigit() and not _closes_on_line(folded, lost, i):
                chars[i] = "$"  # a currency sign ("\ufffd24.99", "?80")
            else:
                chars[i] = '"'
                open_line = line
        elif not before.isspace() and (after.isspace() or after in _CLOSED_BY):
            if open_line == line or before in ".,;:":
                chars[i] = '"'
                open_line = -2
            elif lost == _LOST and before.isalpha():
                chars[i] = PAD  # a letter lost at a word's end ("caf\ufffd")
        elif before.isspace() and after.isspace():
            # a dash; after a stop, the stray quote machine translation leaves (". \u201c ")
            chars[i] = '"' if i > 1 and folded[i - 2] in ".!?" else "-"
        elif before.isdigit() and after.isdigit():
            chars[i] = "-"
        i = folded.find(lost, i + 1)
    return "".join(chars)


def _lone_capital(folded: str, i: int) -> bool:
    """Whether ``folded[i]`` is a capital letter standing alone as a word's start ("O'Brien")."""
    return folded[i].isupper() and (i == 0 or not folded[i - 1].isalnum())


def _closes_on_line(folded: str, lost: str, i: int) -> bool:
    """Whether the next lost character after ``i`` on its line that is not an apostrophe
    stands where a closing quote does."""
    n = len(folded)
    end = folded.find("\n", i)
    end = n if end < 0 else end
    j = folded.find(lost, i + 1, end)
    while j >= 0:
        b, a = folded[j - 1], folded[j + 1] if j + 1 < n else "\n"
        if not (b.isalpha() and a.isalpha()):
            return not b.isspace() and (a.isspace() or a in _CLOSED_BY)
        j = folded.find(lost, j + 1, end)
    return False


# Quotations set in single quotes ('unworkable', 'We will not back down.'), as British papers
# and many writers set them, are read as set in double ones, one for one, in a text that has
# no double quotes (where single ones are quotations within quotations, as the originals the
# reference model was built from nest them). Read as written, each quote was a rare symbol to
# the word-class model. An opening quote follows a space, a bracket, a slash or a dash and
# comes before a letter or a number; the closing one ends the same line after a word or a
# stop. Not elisions ("'em", "rock 'n' roll", "'til", "'90s") nor possessives ("the
# players' union", "James' book") where no quotation opened before them.
# (Matched from the quote, looking behind it only there, as _TYPED_APOSTROPHE; the quotation
# read in runs up to the next quote that is not an apostrophe inside a word, never given back:
# 17 us a 1,000-word text set so, against 89 one character at a time.)
_RUN = "*+" if sys.version_info >= (3, 11) else "*"  # possessive from Python 3.11
_SINGLE_QUOTED = re.compile(
    r"'(?<![^\s(\[/-]')(?=[^\W_])(?!\d0s\b|(?i:em|n|til|cause|tis|twas)\b)"
    rf"([^'\n]{_RUN}(?:'(?<=[^\W_]')(?=[^\W_])[^'\n]{_RUN}){_RUN})(?<=[^\s'])'(?![^\W_])"
)


def read_single_quotes(folded: str) -> str:
    """``folded`` with quotations set in single quotes read as set in double ones, one for one,
    when it has no double quotes (see :data:`_SINGLE_QUOTED`)."""
    if "'" not in folded or '"' in folded:
        return folded
    return _SINGLE_QUOTED.sub(_double_quoted, folded)


def _double_quoted(m: re.Match[str]) -> str:
    return '"' + m.group(1) + '"'


# The pronoun typed in lower case ("i think", "i'm"), as chat, comments and quick e-mail
# often write it, is read as "I": at a sentence's start it read as a broken sentence boundary
# (the genre probe's originals so written: flagged 6 of 40 against 3, mean P(original) 0.733
# against 0.792; model W, thirty-second session). Not "i.e.", "(i)" or a word's letter
# ("Wi-Fi", "i-Pod"). :func:`recase` reads it so in a text written in lower case.
# (Matched from the "i", looking behind it only there: 30 us a 1,000-word text in lower case,
# against 220 with the lookbehind first; _TYPED_APOSTROPHE likewise, 60 against 320.)
_LONE_I = re.compile(r"i(?<![\w'.(\[-]i)(?=[\s,;:!?]|\.(?!\w)|'(?:m|ve|ll|d)\b|$)")
_LONE_I_CUES = (" i ", " i'", " i,", " i.", "\ni ", "\ni'")


def read_pronoun_i(folded: str) -> str:
    """``folded`` with the pronoun "i" standing alone read as "I", one for one."""
    if not folded.startswith("i") and not any(c in folded for c in _LONE_I_CUES):
        return folded
    return _LONE_I.sub("I", folded)


def decode_references(folded: str) -> str:
    """``folded`` with each HTML character reference read as its character, one for one (see
    :data:`_CHAR_REFERENCE`). References to more than one character, or to none that HTML
    knows ("&foo;"), stay as written."""
    if "&" not in folded or ";" not in folded:
        return folded
    return _CHAR_REFERENCE.sub(_decoded, folded)


def _decoded(m: re.Match[str]) -> str:
    ref = m.group()
    char = _referenced(ref)
    if char is None:
        return ref
    char = fold(char)
    return char + (" " if char.isspace() else PAD) * (len(ref) - 1)


def _referenced(ref: str) -> str | None:
    """The one character the reference ``ref`` stands for; None for more, or none known."""
    while ref.startswith("&amp;") and len(ref) > 5:  # escaped again: the reference it escapes
        ref = "&" + ref[5:]
    char = unescape(ref)
    return char if len(char) == 1 else None


def written_char(text: str, i: int) -> str:
    """The character a reader sees at offset ``i`` of ``text``: ``text[i]``, or the one an
    HTML character reference, a mojibake sequence or a C1 control starting there stands for
    ("&#8221;", "â€\x9d" and "\x94" are closing quotes)."""
    if text[i] == "&":
        m = _CHAR_REFERENCE.match(text, i)
        char = _referenced(m.group()) if m else None
        if char is not None:
            return char
    elif text[i] in _MOJIBAKE_CUES:
        read = unmojibake(text[i : i + 16])  # two layers of a 4-byte character fit
        if read[0] != text[i]:
            return read[0]
    elif "\x80" <= text[i] <= "\x9f" and text[i] in WINDOWS_1252_C1 and _holds_c1(text):
        return WINDOWS_1252_C1[text[i]]
    return text[i]


def unmark(folded: str) -> str:
    """``folded`` with the HTML tags of running text, Markdown marks, citation markers,
    speakers' labels and time stamps read as spaces or word joiners, one for one (see
    :data:`_MARK_PASSES`), and emoticons as a pictograph (:func:`read_emoticons`); the words they
    mark stay."""
    for cue, pattern, n in _MARK_PASSES:
        if cue in folded:
            if n == -3:
                folded = _unmarked_with_space(pattern, folded)
            else:
                folded = pattern.sub(partial(_unmarked, n), folded)
    # (led by a line break, the pattern costs ~4 us a text, so it runs on every text)
    folded = _LINE_MARK.sub(_unmarked_line, "\n" + folded)[1:]
    if "Q." in folded and "A." in folded:
        lined = "\n" + folded
        if "\nA." in lined and _QUESTION_LINE.search(lined):
            folded = _QA_STOP.sub(_unmarked_line, lined)[1:]
    folded = read_emoticons(folded)
    # (a scan for each character is ~10x faster than the pattern's: most texts hold none)
    if not folded.isascii() and any(c in folded for c in _SUPERSCRIPTS):
        folded = _SUPERSCRIPT_NOTE.sub(partial(_unmarked, -1), folded)
    return folded


def _unmarked(n: int, m: re.Match[str]) -> str:
    """A mark beside a space (or the text's edge) on its outer side becomes spaces, so the
    punctuation checks, which read characters, see "U. S. local" as they would unmarked; a
    mark touching a word or a stop on that side becomes joiners ("**word**," "(*x*)").
    ``n``: the marks at each end (emphasis), 0 for code, a link or an image, -1 for a mark
    that goes whole (citation markers), -2 for an HTML tag (-3, a mark that goes whole with
    the space before it, is :func:`_unmarked_with_space`'s)."""
    span, whole = m.group(), m.string
    before = whole[m.start() - 1] if m.start() else " "
    after = whole[m.end()] if m.end() < len(whole) else " "
    left = " " if before.isspace() else PAD
    right = " " if after.isspace() else PAD
    if n == -2:  # an HTML tag of running text, or something else left as written
        name = m.group(1).lower()
        if name in _BLOCK_TAGS:
            return " " * len(span)
        if name not in _INLINE_TAGS:
            return span
        return (" " if " " in (left, right) else PAD) * len(span)
    if n < 0:  # after a word or a stop, always: read as what follows it
        return right * len(span)
    if n:
        return left * n + span[n:-n] + right * n
    if span[0] == "`":
        return left + span[1:-1] + right
    # a link or an image: the words stay, the brackets and the address go
    n = 2 if span[0] == "!" else 1
    close = span.index("](", n)
    return left * n + span[n:close] + right * (len(span) - close)


def read_emoticons(folded: str) -> str:
    """``folded`` with each emoticon (:data:`_EMOTICONS`) between spaces, or before a stop or
    a comma, read as a pictograph and joiners. Only the places of an emoticon's first mark are
    visited (a scan for one character is memchr-fast; one for each two-character emoticon
    cost ~100 us an article)."""
    chars: list[str] | None = None
    for lead, faces in _EMOTICON_LEADS.items():
        i = folded.find(lead)
        while i >= 0:
            if not i or folded[i - 1].isspace():
                for e in faces:
                    j = i + len(e)
                    if folded.startswith(e, i) and (
                        j == len(folded) or folded[j].isspace() or folded[j] in ".,!?"
                    ):
                        chars = chars or list(folded)
                        chars[i:j] = _SMILE + PAD * (len(e) - 1)
                        break
            i = folded.find(lead, i + 1)
    return "".join(chars) if chars else folded


def _unmarked_with_space(pattern: re.Pattern[str], folded: str) -> str:
    """``folded`` with each match of ``pattern`` and the space or tab right before it read as
    what follows the match (see :func:`_unmarked`: spaces before a space, else joiners), so
    "fell (Adams, 2019). It" reads as "fell. It". (The pattern is matched from its bracket,
    a literal, which a search finds ~40x faster than a leading optional space.)"""
    parts: list[str] = []
    prev = 0
    for m in pattern.finditer(folded):
        a, b = m.span()
        if a > prev and folded[a - 1] in " \t":
            a -= 1
        after = folded[b] if b < len(folded) else " "
        parts += (folded[prev:a], (" " if after.isspace() else PAD) * (b - a))
        prev = b
    if not parts:
        return folded
    parts.append(folded[prev:])
    return "".join(parts)


def _unmarked_line(m: re.Match[str]) -> str:
    span = m.group()
    lead = len(span) - len(span[1:].lstrip(" \t"))  # the line break and any indent
    return span[:lead] + " " * (len(span) - lead)


def mask_addresses(folded: str) -> str:
    """``folded`` with web and e-mail addresses and @handles folded to zeros, one for one."""
    if (
        "://" not in folded
        and "www." not in folded
        and "@" not in folded
        and (folded.find("/") < 0 or _DOMAIN_PATH.search(folded) is None)
    ):
        return folded
    return _ADDRESS.sub(lambda m: "0" * (m.end() - m.start()), folded)


def _joints(folded: str) -> list[int]:
    """Where the next line starts, for each line break between two non-blank lines (a break
    inside a paragraph). Visits only the line breaks: a regex that must try every
    character costs ~0.2 ms on a 1,000-word article, this ~0.01 ms."""
    out: list[int] = []
    find = folded.find
    n = len(folded)
    nl = find("\n")
    while nl >= 0:
        b = nl - 1
        while b >= 0 and folded[b] in _LINE_PAD:
            b -= 1
        e = nl + 1
        while e < n and folded[e] in " \t":
            e += 1
        if b >= 0 and folded[b] != "\n" and e < n and not folded[e].isspace():
            out.append(e)
        nl = find("\n", nl + 1)
    return out


# a line that ends in a post's number, as discussion boards number their posts ("#2")
_NUMBERED_POST = re.compile(r"#\d{1,5}[ \t]*(?:\n|\Z)")


# A list item's label at the start of a line: "1)", "(a)", "b.", "iv)", "12.", "- ", "* ",
# "Step 2:". Such a line starts an item, not a wrapped sentence's next piece (the next line of
# "a) Red clamp ...\nb) Black clamp ...", starting in lower case, read as inside a sentence,
# and the items were joined as one: a how-to labelled "a)" went from original, P 0.95, to
# machine_garbled; a helper's probe, sixty-second session); and the label is a sentence of
# its own, as "1." always was (:func:`spundetect.text.tokenize`: after "1)" the item's first
# word read as a name's). Not "A." nor "I.", which start names ("A. Smith"), nor a year.
# Only where a list can start or go on (:func:`list_labels`).
LIST_LABEL = re.compile(
    r"[ \t]*(?:\(?(?:\d{1,3}|[A-Za-z]|[ivx]{1,4}|[IVX]{1,4})\)|(?:\d{1,3}|[a-z]|[ivx]{1,4})\."
    r"|[-*\u2022]|[Ss]tep \d{1,3}:)(?=[ \t]+\S)"
)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen sen rep gov govt lt col capt sgt rev no vs etc al ca cf "  # noqa: SIM905
    "ed vol pp fig approx est inc ltd co corp bros asst assn dept univ hrs ave blvd lbs mlle mme "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# what a line before a list's first item ends with: a sentence's end or an introduction's
# colon, closing quotes and brackets after it; the word before a stop is group 1
_INTRODUCES = re.compile(r"(?:[:;!?]|(?:^|(?<=[\s\"'(\[]))(\w*)\.)[\"')\]]*[ \t\r]*$")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def list_labels(folded: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each list item's label (:data:`LIST_LABEL`, its indent left
    out), in order: a label at a line's start, when the line before it is blank (or there is
    none), ends a sentence or introduces the list (":", ";", "!", "?", a full stop but an
    abbreviation's or an initial's: "see vol.\nii. p. 345"), or when an item stands before it
    in the same block (an item's own wrapped lines do not end the list). Elsewhere such a
    line is a wrapped sentence's: "the hiring plan\n- which nobody", "She was\n84. Her
    family", "(see Table\n2) and", "born\nc. 1415" (read as labels by a first version, 28 of a
    helper's 40 legitimate texts were cut at them, sixty-second session)."""
    out: list[tuple[int, int]] = []
    item = -1  # where the last item's line starts
    start = 0
    while start >= 0:
        m = LIST_LABEL.match(folded, start)
        if m is not None and (
            start == 0
            or not (before := folded[folded.rfind("\n", 0, start - 1) + 1 : start - 1]).strip()
            or _starts_a_list(before)
            or (item >= 0 and _BLANK_LINE.search(folded, item, start) is None)
        ):
            label = m.group()
            out.append((m.start() + len(label) - len(label.lstrip(" \t")), m.end()))
            item = start
        start = folded.find("\n", start)
        if start >= 0:
            start += 1
    return out


# and the stops of references' abbreviations ("see ch.\niv.", "op. cit.", "sec.\n2.")
_REFERENCE_ABBREVIATIONS = ABBREVIATIONS | frozenset(
    "ch chap bk sec art para viz ibid op cit ff nos vols eds trans repr ser".split()  # noqa: SIM905
)


def _starts_a_list(line: str) -> bool:
    m = _INTRODUCES.search(line)
    if m is None:
        return False
    word = m.group(1)
    return word is None or not (
        (len(word) == 1 and word.isalpha()) or word.lower() in _REFERENCE_ABBREVIATIONS
    )


def unwrap(folded: str, min_width: int = WRAP_MIN_WIDTH) -> str:
    """``folded`` with the line breaks of hard-wrapped paragraphs turned into spaces.

    Every line break ends a sentence for the splitter, which is right for headings, list
    items and one-paragraph-per-line text, and wrong for text wrapped at a column: there
    it cut sentences in pieces, and the spun texts of the test split, wrapped at 72
    columns, were caught 79% of the time against 89% unwrapped (ad-hoc probe, nineteenth
    session). A text reads as wrapped when it has at least two line breaks inside
    paragraphs, the lines before them are :data:`WRAP_MIN_WIDTH` to :data:`WRAP_MAX_WIDTH`
    characters long (the median: a comment thread's "Reply" lines are not a column) and at
    least :data:`_WRAP_MID_SHARE` of the breaks fall inside a sentence: the next line starts
    in lower case, or the line ends on a comma or a word such as "the" or "of" (in a list or
    a comment thread the lines are whole). Then a break is a wrap when it
    falls inside a sentence or the line before it is long (at least 60% of the widest); a
    short line that ends a sentence stays a break (a heading, a paragraph's last line). One
    for one: only the break becomes a space.
    """
    joints = _joints(folded)
    if len(joints) < 2:
        return folded
    widths: list[int] = []
    inside: list[bool] = []  # the break falls inside a sentence
    items: list[bool] = []  # the next line starts a list item (list_labels)
    labels = {start for start, _ in list_labels(folded)}
    for end in joints:
        nl = folded.rindex("\n", 0, end)
        line = folded[folded.rfind("\n", 0, nl) + 1 : nl].rstrip(" \t\r")
        widths.append(len(line))
        last = line[-1]
        item = end in labels
        items.append(item)
        inside.append(
            not item
            and (
                folded[end].islower()
                or last in ",;("
                or (last.isalpha() and line[line.rfind(" ") + 1 :].lower() in _CLAUSE_OPEN)
            )
        )
    ordered = sorted(widths)
    column = min_width <= ordered[len(ordered) // 2] <= WRAP_MAX_WIDTH
    if not column or sum(inside) < _WRAP_MID_SHARE * len(joints):
        return folded
    long_line = 0.6 * ordered[-1]
    chars = list(folded)
    # ("Reply", or a numbered post's line: "jdoe March 3, 2024, 9:12am #1" on Discourse's page
    # as crawlers get it): a comment thread's lines are never joined
    thread = "eply" in folded or _NUMBERED_POST.search(folded) is not None
    for end, width, mid, item in zip(joints, widths, inside, items):
        if item:
            continue
        if (mid or width >= long_line) and not (thread and _thread_break(folded, end)):
            chars[folded.rindex("\n", 0, end)] = " "
    return "".join(chars)


def _thread_break(folded: str, end: int) -> bool:
    """Whether the line break before ``end`` parts a comment's lines as a thread lays them
    out: a header over the comment ("mike_d73 \u2022 2 hours ago"), or the comment over its
    line of actions ("5 \u2022 Reply \u2022 Share \u203a"). Joined as a wrap, they hid the thread
    (:func:`spundetect.furniture.reply_line`)."""
    nl = folded.rindex("\n", 0, end)
    stop = folded.find("\n", end)
    return reply_line(folded[end : stop if stop >= 0 else len(folded)]) or comment_head(
        folded[folded.rfind("\n", 0, nl) + 1 : nl]
    )


# A sentence that starts in lower case after a full stop is what a translation pipeline's
# re-segmenting leaves ("Lavrov. the"), and the features count it; a text written in lower case
# throughout (chat, comments, a pipeline that lower-cased it) does so in every sentence as a
# matter of style. Such a text is read as if capitalised: lower-casing the genre probe's 40
# originals made 33 of them read as rewritten, 8 once recased (twenty-fifth session).
#
# The letter that starts a sentence after a full stop; a full stop after a single letter is an
# initial's ("E. coli", "A. attaleoides"), not a sentence's.
_START_AFTER_STOP = re.compile(r"[.!?](?<!\b[A-Za-z].)[\"')\]]*\s+[\"'(\[]*([A-Za-z])")
_FIRST_LETTER = re.compile(r"[^\W\d_]")
# a capital that starts a word written in lower case after it: a name's ("Mahecic"), not an
# acronym's or an abbreviation's ("FBI", "U.S."), which people who write in lower case keep
_NAME_CAPITAL = re.compile(r"[A-Z](?=[a-z])")
_LETTER = re.compile(r"[A-Za-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?](?<!\b[A-Za-z].)[\"')\]]*\s+|\n\s*)[\"'(\[]*[a-z]")
# a word of lower-case letters: not part of a longer word, a contraction or a possessive
# ("we're", "grandad's"), which the vocabulary holds whole, nor of a hyphenated compound
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
LOWER_CASE_MIN_STARTS = 3  # lower-case sentence starts, and twice as many as capitalised ones
# at most this share of its letters are the capitals of names (not "I", "OK", "FBI", "U.S."): a
# translation that lost its sentence starts' capitals keeps its names' ("added that ... said
# UNHCR spokesman Andrej Mahecic": 2.7-4.4% of the letters in the corpus's three such
# Serbo-Croatian round trips; originals 0.4% at the least, 4% typically)
LOWER_CASE_MAX_CAPITALS = 0.01


def written_in_lower_case(folded: str) -> bool:
    """Whether the text is written in lower case: its first word, and sentences after a full
    stop at least :data:`LOWER_CASE_MIN_STARTS` times and twice as often as in upper case,
    start so, and names do not keep their capitals (:data:`LOWER_CASE_MAX_CAPITALS`).

    Most texts are told by their first letter alone."""
    first = _FIRST_LETTER.search(folded)
    if first is None or not first.group().islower():
        return False  # most texts: their first word is capitalised
    starts = _START_AFTER_STOP.findall(folded)
    lower = sum(map(str.islower, starts))
    if lower < LOWER_CASE_MIN_STARTS or lower < 2 * (len(starts) - lower):
        return False
    capitals = len(_NAME_CAPITAL.findall(folded))
    return capitals <= LOWER_CASE_MAX_CAPITALS * len(_LETTER.findall(folded))


# A text written all in capitals (a forum post in capitals, telegraphic wire copy) tells no
# name from a word and no sentence start from the rest: every word reads as a name, and the
# genre probe's non-native texts in capitals were flagged 20 of 40 times (6 as written, 7 in
# lower case; twenty-seventh session). It is read as lower case, then recased.
_FIRST_WORD = re.compile(r"[A-Za-z]{2,}")
_LOWER_LETTER = re.compile(r"[a-z]")
CAPITALS_MIN_LETTERS = 40  # a shorter text in capitals is a heading, not a text
CAPITALS_MAX_LOWER = 0.05  # at most this share of its letters in lower case ("McDONALD", "iPHONE")


def written_in_capitals(folded: str) -> bool:
    """Whether the text is written all in capitals: at least :data:`CAPITALS_MIN_LETTERS`
    letters, its first word in capitals and at most :data:`CAPITALS_MAX_LOWER` of its letters
    in lower case. Most texts are told by their first word alone."""
    first = _FIRST_WORD.search(folded)
    if first is None or not first.group().isupper():
        return False
    letters = len(_LETTER.findall(folded))
    if letters < CAPITALS_MIN_LETTERS:
        return False
    return len(_LOWER_LETTER.findall(folded)) <= CAPITALS_MAX_LOWER * letters


# A text written in title case ("The Minister Said The Talks Would Continue"), as a spinner's
# or a headline generator's output may be, reads every word as a name: the word-pair, rare-
# synonym and unknown-word measures see none, and 52 of 86 spun test-split texts so written
# were read as original (fifty-eighth session). It is read as lower case, then recased, as a
# text in capitals is. Told by its words of four letters or more that do not open a sentence
# (headline style leaves "of", "the", "and" in lower case): at least this share capitalised,
# of at least this many such words; an English text's names and acronyms are a tenth to a fifth.
_LONG_WORD = re.compile(r"(?<![\w'.-])[A-Za-z]{4,}(?![\w'-])")
TITLE_CASE_MIN_WORDS = 20
TITLE_CASE_MIN_SHARE = 0.8
_TITLE_CASE_FIRST_WORDS = 12  # most texts are told by their first dozen such words


def written_in_title_case(folded: str) -> bool:
    """Whether the text is written in title case: of its words of four letters or more, at
    least :data:`TITLE_CASE_MIN_WORDS`, and at least :data:`TITLE_CASE_MIN_SHARE` of them (and
    of its first dozen) capitalised and not in capitals. Most texts are told by their first
    dozen such words."""
    words = capitalised = 0
    for m in _LONG_WORD.finditer(folded):
        w = m.group()
        words += 1
        if w[0].isupper() and w[1:].islower():
            capitalised += 1
        if words == _TITLE_CASE_FIRST_WORDS and capitalised < TITLE_CASE_MIN_SHARE * words:
            return False
    return words >= TITLE_CASE_MIN_WORDS and capitalised >= TITLE_CASE_MIN_SHARE * words


def _capitalised(m: re.Match[str]) -> str:
    s = m.group()
    return s[:-1] + s[-1].upper()


def recase(folded: str, vocabulary: Container[str] | None = None) -> str:
    """``folded`` with the first letter of each sentence, line and the text, and the pronoun
    "i", in upper case: how a text written in lower case would be written in standard case.
    Same length.

    With ``vocabulary`` (lower-case words), a word it lacks is capitalised too: in a text
    written in lower case such a word is most likely a name ("lutterworth", "kamitani"),
    which standard case would show, and so it is read as a name, not as an unknown word.
    A name that is also a common word ("city", "bath") stays as written."""
    out = _LONE_I.sub("I", _SENTENCE_START.sub(_capitalised, folded))  # ungated: no cue list
    if vocabulary is not None:
        out = _LOWER_WORD.sub(
            lambda m: m.group() if m.group() in vocabulary else m.group().capitalize(), out
        )
    return _labels_kept(folded, out) if "\n" in folded else out


def _labels_kept(folded: str, out: str) -> str:
    """``out`` with the list items' labels of ``folded`` as written: "b." and "ii)" start no
    sentence, and recased as "B." and "Ii)" they were no labels (:func:`list_labels`)."""
    pieces: list[str] = []
    pos = 0
    for start, end in list_labels(folded):
        pieces += (out[pos:start], folded[start:end])
        pos = end
    return "".join(pieces) + out[pos:] if pieces else out


# Letters of other scripts that look like Latin ones (Unicode's confusables, the clear cases):
# Cyrillic "а", "е", "о", "р", "с" and Greek capitals typed inside English words ("Chinа") are
# how spam and spun text is disguised to get past filters and plagiarism checks, as the
# invisible characters are. Read as written, a Cyrillic letter in 1 of 50 of seed 001's
# Latin-looking letters turned it from spun (P 0.76) to original (P(original) 0.77), and one in
# two made every seed ``not_english`` (fifty-eighth session). One character for one.
LOOK_ALIKES: dict[str, str] = {
    # Cyrillic
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
    "\u0443": "y", "\u0445": "x", "\u0456": "i", "\u0458": "j", "\u0455": "s",
    "\u0501": "d", "\u051b": "q", "\u051d": "w", "\u04bb": "h", "\u04cf": "l",
    "\u0475": "v", "\u04af": "y",
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M",
    "\u041d": "H", "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T",
    "\u0425": "X", "\u0406": "I", "\u0408": "J", "\u0405": "S", "\u051a": "Q",
    "\u051c": "W", "\u04ae": "Y", "\u04c0": "I",
    # Greek
    "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0396": "Z", "\u0397": "H",
    "\u0399": "I", "\u039a": "K", "\u039c": "M", "\u039d": "N", "\u039f": "O",
    "\u03a1": "P", "\u03a4": "T", "\u03a5": "Y", "\u03a7": "X", "\u03bf": "o",
    "\u03bd": "v",
    # Armenian
    "\u0585": "o", "\u057d": "u", "\u0578": "n",
}  # fmt: skip
_LOOK_ALIKE_TABLE = str.maketrans(LOOK_ALIKES)
# the first bytes, in UTF-8, of the letters of U+0380-U+05BF (Greek, Cyrillic, Armenian), where
# every look-alike lies: ASCII, Latin-1's letters (C2, C3) and typography (E2) have others. A
# scan of a text's UTF-8 bytes for each is ~11 us for a 1,000-word text with curly quotes; a
# character class's search took ~150 us, and a scan of the text for each look-alike 20-60 us
# (a Cyrillic letter's low byte is an ASCII digit's or capital's, where a UCS-2 search stops)
_LOOK_ALIKE_LEADS = tuple(bytes([b]) for b in range(0xCE, 0xD7))
# a run of letters (and the marks that accent them) holding one of them
_DISGUISED_WORD = re.compile("[^\\W\\d_]*[" + "".join(LOOK_ALIKES) + "][^\\W\\d_]*")
# the letters of the scripts they come from, and the Latin letters (ASCII and the accented
# ones of Latin-1 to Latin Extended-B and Latin Extended Additional)
_OTHER_SCRIPT_LETTER = re.compile("[\u0370-\u03ff\u0400-\u052f\u0531-\u058f]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
# a word made of look-alikes only ("\u0441\u043e\u0440\u0435") is read as Latin when at most
# this share of the text's letters in those scripts are not look-alikes: a Russian or Greek
# text writes most of its letters with others ("\u0436", "\u043b", "\u03bb"), and keeps them
_ALL_LOOK_ALIKES_MAX_OTHER = 0.1


# Spaces whose UTF-16 low byte is zero (en quad, em quad, the ideographic space): a scan of a
# UCS-2 string for one cannot use memchr and took ~6 us a 1,000-word text, more than all of
# fold()'s others together; they are looked for in the UTF-8 bytes read_look_alikes scans.
_WIDE_SPACES = {"\u2000": " ", "\u2001": " ", "\u3000": " "}
_WIDE_SPACE_BYTES = tuple(c.encode() for c in _WIDE_SPACES)
# Latin letters, digits and signs in styled forms (full-width, U+FF01-FF5E; the mathematical bold,
# italic, script, sans-serif and monospace alphabets, U+1D400-1D7FF), as "𝐛𝐨𝐥𝐝" generators and
# CJK keyboards type them: read as the letters (their NFKC form), one character for one. Read
# as written, an article in either was ``not_english`` and passed every filter (fifty-eighth
# session).
_STYLED = re.compile("[\uff01-\uff5e\U0001d400-\U0001d7ff]")
_STYLED_BYTES = (b"\xef\xbc", b"\xef\xbd", b"\xf0\x9d")


def read_look_alikes(text: str) -> tuple[str, int]:
    """``text`` with letters in disguise read as the Latin letters they show, one character for
    one, and how many of other scripts (:data:`LOOK_ALIKES`) were read.

    A look-alike of another script in a word that also holds Latin letters ("Chin\u0430") is
    always read so; a word of look-alikes alone, when the text's other letters of those
    scripts are few (:data:`_ALL_LOOK_ALIKES_MAX_OTHER`): a Russian or Greek word or text keeps
    its letters. Full-width and mathematical letters and digits (:data:`_STYLED`) are read as
    the letters they style, and the spaces :data:`_WIDE_SPACES` as spaces (neither counted).
    """
    if text.isascii():
        return text, 0
    data = text.encode("utf-8", "surrogatepass")
    if any(b in data for b in _WIDE_SPACE_BYTES):
        for c, plain in _WIDE_SPACES.items():
            text = text.replace(c, plain)
    if any(b in data for b in _STYLED_BYTES):
        text = _STYLED.sub(_unstyled, text)
    if not any(b in data for b in _LOOK_ALIKE_LEADS):
        return text, 0
    return _read_other_scripts(text)


def _unstyled(m: re.Match[str]) -> str:
    c = m.group()
    plain = normalize("NFKC", c)
    return plain if len(plain) == 1 and plain.isascii() else c


def _read_other_scripts(text: str) -> tuple[str, int]:
    """:func:`read_look_alikes`' reading of other scripts' look-alikes."""
    words = list(_DISGUISED_WORD.finditer(text))
    if not words:
        return text, 0
    alone_ok: bool | None = None  # whether words of look-alikes alone are read (asked once)
    pieces: list[str] = []
    pos = 0
    n = 0
    for m in words:
        word = m.group()
        folded = word.translate(_LOOK_ALIKE_TABLE)
        rest = [c for c in folded if not c.isascii()]
        if rest and any(_LATIN_LETTER.match(c) is None and c.isalpha() for c in rest):
            continue  # a letter of another script that is no look-alike: that script's word
        if not _LATIN_LETTER.search(word):
            if alone_ok is None:
                others = _OTHER_SCRIPT_LETTER.findall(text)
                unlike = sum(1 for c in others if c not in LOOK_ALIKES)
                alone_ok = unlike <= _ALL_LOOK_ALIKES_MAX_OTHER * len(others)
            if not alone_ok:
                continue
        pieces.append(text[pos : m.start()])
        pieces.append(folded)
        pos = m.end()
        n += sum(1 for a, b in zip(word, folded) if a != b)
    if not n:
        return text, 0
    pieces.append(text[pos:])
    return "".join(pieces), n


# A spinner's template left unresolved: "{upswing|rise|increase}", a choice between braces
# that the spinner should have made. Published spam carries such templates where one was
# posted as it was; read as written, their words were all read as the text's and an article
# holding them read as original (seed 000 with 45 of its 386 words so written: P(original)
# 0.98, fifty-ninth session). Each group is read as its first choice, the spinner's own source
# word, with the rest (the braces and other choices) read as invisible joiners, one character
# for one; the detector counts the groups as evidence of spinning
# (:data:`spundetect.detector.SPINTAX_ODDS`). A template holds a group every few words: a
# text is read so only with :data:`SPINTAX_MIN_GROUPS` groups or more and one group in
# :data:`SPINTAX_MAX_WORDS_PER_GROUP` words or more. Two usage lines in a sysadmin's post
# ("systemctl {start|stop|restart}", "{enable|disable}"), placeholders in a template's docs
# and a marketing page that shows two examples of spintax were spun (19 of 44 such texts
# written to try the rule, fifty-ninth session). Not read at all: a template of a wiki or a
# web page ("{{cite|url=...}}", "{% for p in posts|reverse %}", "{#name#|upper}"), a wiki
# table ("{| class=..."), a group written against a sign ("--format={a|b}", "x{a|b}",
# "${a|b}", "path/{a|b}"), set-builder notation ("{x | x is even}", "{x|x>0}"), a wiki
# template that lost its first brace ("{w|plasticity}}", as a Wikinews dump holds one) and a
# group in an inline code span ("`{start|stop}`").
# Spinners write their templates in one of a few syntaxes: a bar between choices in braces,
# the common one, and "[spin]upswing|rise[/spin]" (a WordPress plugin's shortcode), read as the
# braces are (read as written, a template in tags was original: P 0.52-0.85 in a helper's
# audit, fifty-ninth session; 0.97 for seed 000 so written, sixty-first). A text is read in
# each syntax it holds. Not read: a bar between choices in plain square brackets
# ("[upswing|rise]"), which Jira's and Confluence's links ("[notes|https://...]"), command
# synopses ("nginx [start|stop|restart]"), prompts ("[Y|n]") and transcripts ("[Speaker
# 1|00:05]") also write: read as templates, 15 of 37 such texts written to try it turned spun
# (a helper's audit, sixty-first session). A choice that starts or ends with "-" (a
# command's option, "{-q|--quiet}") is none.
#
# a choice: up to 80 characters, none of them the syntax's own marks, a line break or what
# templates and code write ("=", "<", ">", "$", "\\"; nor "%", "#" or "-" at either
# end), with at most one space or tab at either end ("{ a | b }", as some spinners space them)
_SPINTAX_SYNTAXES = (("{", "}"), ("[spin]", "[/spin]"))


def _spintax_group(opening: str, closing: str) -> re.Pattern[str]:
    """The pattern of one group of a template written with ``opening``, a bar between choices
    and ``closing``: the first choice is its group 1, the second its group 2."""
    ends = re.escape(opening[0] + closing[-1])
    char = rf"[^{ends}|\n=<>$\\]"
    edge = rf"[^\s{ends}|=<>$\\%#-]"
    option = rf"[ \t]?(?:{edge}(?:{char}{{0,78}}{edge})?)?[ \t]?"
    first = re.escape(opening[0])
    return re.compile(
        rf"(?<![{first}$#%\w=/.:\\-]){re.escape(opening)}(?!{first})"
        rf"(?=[^{ends}\n]{{0,160}}?[^\W\d_])({option})\|({option})(?:\|{option}){{0,29}}"
        + re.escape(closing)
    )


# Cold-email tools write a group with a keyword before its choices: "{{RANDOM | Hi | Hello}}"
# (Instantly, pipl.ai; the keyword in any case) and "{RANDOM|world|friends}" (Mailercloud). The
# keyword is no choice (read as one, such a group was the word "RANDOM"), and a choice may hold
# a merge field ("{{random|Hello {{first_name}}|Hi there}}"). Wiki templates ("{{lang|fr|a}}")
# are not read: only the keyword says a double-braced group is a spinner's.
_RANDOM_KEYWORD = "random"
_RANDOM_CHOICE = r"(?:[^{}|\n]|\{\{[^{}|\n]{1,60}\}\}){0,120}"
_RANDOM_GROUP = re.compile(
    rf"\{{\{{[ \t]*{_RANDOM_KEYWORD}[ \t]*\|({_RANDOM_CHOICE})((?:\|{_RANDOM_CHOICE}){{1,29}})\}}\}}",
    re.IGNORECASE,
)
_SPINTAX_GROUPS = (
    *(
        (opening, closing, _spintax_group(opening, closing))
        for opening, closing in _SPINTAX_SYNTAXES
    ),
    ("{{", "}}", _RANDOM_GROUP),
)
SPINTAX_MIN_GROUPS = 3
SPINTAX_MAX_WORDS_PER_GROUP = 40
_NESTING_REACH = 600  # how far back a group's outer group may open (30 choices of a few words)


def read_spintax(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` with each group of a spinner's template read as its first choice, one
    character for one ("{upswing|rise}" as "upswing" and joiners), and the ``(start, end)``
    of each outermost group; ``text`` itself and ``()`` when it is no template (fewer groups
    than :data:`SPINTAX_MIN_GROUPS`, or fewer than one in
    :data:`SPINTAX_MAX_WORDS_PER_GROUP` words). Nested groups ("{The {quick|fast}|A
    {speedy|rapid}}") are read from the inside out; each syntax of :data:`_SPINTAX_SYNTAXES`
    the text may hold is read."""
    spans: list[tuple[int, int]] = []
    read = text
    if "|" not in text:
        return text, ()
    for opening, closing, group in _SPINTAX_GROUPS:
        if opening not in text:
            continue
        for _ in range(5):  # nesting levels
            pieces: list[str] = []
            pos = 0
            for m in group.finditer(read):
                if not _a_choice(read, m, opening, closing):
                    continue
                first = m.group(1)
                if first.strip().lower() == _RANDOM_KEYWORD:  # "{RANDOM|world|friends}"
                    first = m.group(2)
                pieces.append(read[pos : m.start()])
                pieces.append(first + PAD * (m.end() - m.start() - len(first)))
                pos = m.end()
                spans.append(m.span())
            if not pieces:
                break
            pieces.append(read[pos:])
            read = "".join(pieces)
    if len(spans) < SPINTAX_MIN_GROUPS:
        return text, ()
    outer: list[tuple[int, int]] = []  # the groups no other holds (one sweep, widest first)
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not outer or span[1] > outer[-1][1]:
            outer.append(span)
    if len(outer) < SPINTAX_MIN_GROUPS:
        return text, ()
    if len(read.split()) > SPINTAX_MAX_WORDS_PER_GROUP * len(outer):
        return text, ()
    return read, tuple(outer)


def _a_choice(text: str, m: re.Match[str], opening: str, closing: str) -> bool:
    """Whether the group ``m`` of :func:`_spintax_group` is a spinner's: not set-builder
    notation ("{x|x>0}": one letter, then a term that starts with it), not in an inline code
    span, and not a wiki template that lost its first brace ("{w|plasticity}}"; a group
    followed by its closing closes an outer group only when one is open before it)."""
    first, second = m.group(1).strip(), m.group(2).strip()
    if len(first) == 1 and second[:1] == first and not second[1:2].isalpha():
        return False
    start = m.start()
    reach = max(0, start - _NESTING_REACH)  # (a search back to the text's start was quadratic)
    line = text[max(text.rfind("\n", reach, start) + 1, reach) : start]
    if line.count("`") % 2:
        return False
    return not text.startswith(closing, m.end()) or line.count(opening) > line.count(closing)


# A rewriter's note left in the text: a language model asked to rewrite an article opens its
# answer with what it did ("Sure! Here is a rewritten version of the article:", "Here's a
# polished version of your article:", "I've rewritten the article to make it more engaging:")
# or heads it with a label ("Rewritten article:"), and spam is published with that line in it.
# The furniture rules leave such a short line out, and the article under it read as original
# (seed 000 under each of four such openings: P(original) 0.98-0.99, fifty-ninth session).
# Looked for among the text's first three lines (a label: its first line alone), each read as
# meant (character references, escapes); the detector takes one as proof of rewriting
# (:data:`spundetect.detector.NOTE_ODDS`). A helper's audit of a first version, which also
# read offers of changes at the end ("Let me know if you'd like any further changes") and
# any "Here's a rewritten version of ...", flagged 48 of 69 human texts written close to
# such notes (forum answers, "Here's a rewritten version of the Gettysburg Address for
# 2025", a paraphrasing tool's page); this one, 0 of them and 0 of 18 more written after it,
# and reads 43 of the 47 assistants' openings it collected (fifty-ninth session,
# /work/s59/notes_audit/). Not a note: an offer of changes, "Here is the revised schedule:",
# "Here's a rewritten version of the Gettysburg Address", a headline "Here's how to paraphrase
# without plagiarizing".
_S = r"[ \t]+"
_AP = r"(?:'|\u2019)"
_REWRITTEN = (
    r"(?:re-?written|re-?worded|rephrased|paraphrased|spun|humani[sz]ed|rewrite|paraphrase|"
    r"rewording|rephrasing|re-?phrasing)"
)
_EDITED = (
    r"(?:revised|improved|polished|refined|edited|updated|enhanced|simplified|condensed|"
    r"shortened|proofread|corrected|reworked|restructured|streamlined|unique|plagiarism-free|"
    rf"human-sounding|more{_S}[\w-]+(?:,?{_S}(?:and{_S})?[\w-]+)?)"
)
_CHANGED = f"(?:{_REWRITTEN}|{_EDITED})"
_NOTE_WHAT = r"(?:version|article|text|content|copy|draft|paragraphs?|passage|piece|essay|post)"
_INTERJECTION = rf"(?:sure|certainly|of course|absolutely|okay|ok|great|got it|alright)[!,.]*{_S}"
_HERE_IS = rf"(?:here(?:{_AP}s|{_S}is|{_S}are)|below{_S}(?:is|are)){_S}(?:a|an|the|your){_S}"
_HERE = f"(?:{_INTERJECTION})?{_HERE_IS}"
# what an "of" names: the text itself ("of the article", "of your text", "of the above")
_OF_TEXT = (
    rf"(?:the|your|this|that){_S}(?:[\w'\u2019-]+{_S})?(?:article|text|content|copy|draft|"
    r"paragraphs?|passage|piece|essay|post|story|readme|summary|introduction|intro|section|"
    r"response|message|email|description|writing|original|above|one)\b"
)
_OF_TEXT_ITSELF = (
    rf"(?:the|your|this){_S}(?:(?:original|provided|given|above|following|news|blog){_S})?"
    r"(?:article|text|content|essay|post|passage|piece|copy|readme)\b"
)
# "rewritten version", "more engaging version", after at most three words ("a clean, polished")
_CHANGED_WHAT = rf"(?:[\w'\u2019-]+,?{_S}){{0,3}}?{_CHANGED}{_S}{_NOTE_WHAT}\b"
# after the noun: "of" the text itself, then anything; "of" another text of its, then a
# colon; or no "of" and a colon ("Here's a rewritten version with a lighter tone:")
_NOTE_TAIL = (
    rf"(?:{_S}of{_S}{_OF_TEXT_ITSELF}[^\n]{{0,140}}|{_S}of{_S}{_OF_TEXT}[^\n]{{0,140}}?:"
    rf"|(?!{_S}of\b)[^\n]{{0,140}}?:)"
)
_NOTE_OPENING = re.compile(
    "|".join(
        f"(?:{a})"
        for a in (
            f"{_HERE}{_CHANGED_WHAT}{_NOTE_TAIL}",
            rf"{_HERE}{_NOTE_WHAT},?{_S}{_CHANGED}\b{_NOTE_TAIL}",
            rf"{_HERE}(?:rewrite|paraphrase|rewording|revision){_S}of{_S}{_OF_TEXT}[^\n]{{0,140}}?:",
            # an assistant's "Sure! Here's a rewritten version of the article in a lighter tone."
            rf"{_INTERJECTION}{_HERE_IS}{_CHANGED_WHAT}(?:{_S}of{_S}{_OF_TEXT})?(?!{_S}of\b)"
            r"[^\n]{0,140}",
            # "I've rewritten the article to make it more engaging:", "I have revised your post"
            rf"(?:{_INTERJECTION})?i(?:{_AP}ve|{_S}have){_S}{_CHANGED}{_S}(?:(?:the|this){_S}"
            rf"(?:[\w-]+{_S})?{_NOTE_WHAT}\b[^\n]{{0,160}}?:|your{_S}[^\n]{{0,160}})",
        )
    ),
    re.IGNORECASE,
)
# a label over the text, its first line and nothing else: "Rewritten article:", "**Revised
# Article**" (not where the text labels an original too: "Original text:")
_NOTE_LABEL = re.compile(
    _CHANGED + _S + r"(?:" + _NOTE_WHAT + r"|version)(?:" + _S + r"text)?[ \t]*:?", re.IGNORECASE
)
_ORIGINAL_LABEL = re.compile(
    r"^\W*original(?:" + _S + r"(?:text|version|passage|sentence|paragraph))?\W*:",
    re.IGNORECASE | re.MULTILINE,
)
_LIST_MARK = re.compile(r"(?:\d{1,2}[.)]|[-*\u2022])[ \t]+")
_UNSEEN = dict.fromkeys(map(ord, INVISIBLE))  # what a reader does not see, taken out
# how a note's line starts, as written (markup, a list number, an interjection before it)
_NOTE_START = re.compile(
    rf"(?:[\W\d_]|<[a-z]+>)*(?:{_INTERJECTION})?(?:here|below|i\W{{0,7}}ve|i{_S}have)\b",
    re.IGNORECASE,
)
_NOTE_LABEL_CHARS = 80  # a label's line, as written, is at most this long
_NOTE_LINES = 3  # how many of the text's first lines are looked at
_NON_BLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")
_NOTE_MAX_CHARS = 240  # a note is one short line
_NOTE_REACH = 2000  # how far into a text its first lines are looked for


def rewriter_notes(text: str) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` of each of ``text``'s first three non-blank lines that is a
    rewriter's note over the text (:data:`_NOTE_OPENING`, :data:`_NOTE_LABEL`)."""
    lines = islice(_NON_BLANK_LINE.finditer(text, 0, _NOTE_REACH), _NOTE_LINES)
    found: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(m.span() for m in lines):
        if b - a > 2 * _NOTE_MAX_CHARS:  # (read as meant, a line shortens little)
            continue
        line = text[a:b]
        if not (_NOTE_START.match(line) or (k == 0 and b - a <= _NOTE_LABEL_CHARS)):
            continue  # (most texts' first lines: ~1 us, where reading them took ~80 us a text)
        if not line.isascii() or "&" in line or "\\" in line or "<" in line:
            line = read_as_meant(line)
        line = line.translate(_UNSEEN).strip(" \t\r\n*#>\"'_-")
        line = _LIST_MARK.sub("", line, count=1).strip(" \t*")
        if not line or len(line) > _NOTE_MAX_CHARS:
            continue
        if _NOTE_OPENING.fullmatch(line) or (
            k == 0
            and _NOTE_LABEL.fullmatch(line)
            and not _ORIGINAL_LABEL.search(text[:_NOTE_REACH])
        ):
            found.append((a, b))
    return tuple(found)


def read_as_meant(text: str) -> str:
    """``text`` as read, one character for one: mojibake and HTML character references as the
    characters meant, typography folded to ASCII, a program's escapes ("don\\'t", "\\n"),
    characters lost to an encoding ("don?t"), apostrophes typed as accents or backticks and
    quotations set in single quotes read as such, Markdown marks as spaces or joiners."""
    folded = read_lost_characters(read_escapes(fold(unmojibake(text))))
    return unmark(read_single_quotes(decode_references(read_apostrophes(folded))))
