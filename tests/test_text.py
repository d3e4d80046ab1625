"""The shared tokeniser: exact offsets, 1:1 folding and sentence splitting."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from spundetect import Detector
from spundetect.furniture import (
    PROSE_MIN_WORDS,
    blank_non_prose,
    blank_non_prose_explained,
    comment_head,
    foreign_word_count,
    mostly_unknown_words,
    reply_line,
)
from spundetect.reading import (
    PAD,
    decode_references,
    fold,
    read_as_meant,
    read_escapes,
    read_lost_characters,
    recase,
    unmark,
    unmojibake,
    written_char,
    written_in_capitals,
    written_in_lower_case,
)
from spundetect.text import glued_runs, leave_out, reread, tokenize, unlisted_language_parts


def test_offsets_point_into_the_original_text() -> None:
    text = "\u201cIt\u2019s fine,\u201d she said \u2014 twice\u2026 Then 1,500 people left."
    doc = tokenize(text)
    assert len(doc.folded) == len(text)
    for tok, a, b in zip(doc.tokens, doc.starts, doc.ends, strict=False):
        assert doc.folded[a:b] == tok
    assert "It's" in doc.tokens and "1,500" in doc.tokens
    assert doc.folded[0] == '"'


def test_text_keeps_its_names_and_reading_imports_no_tokeniser() -> None:
    """Every name spundetect.text offers (``__all__``) still imports from it, those that read
    the text as meant being spundetect.reading's own; reading does not import text (text
    imports it, not the other way round)."""
    import ast

    from spundetect import reading, text

    for name in text.__all__:
        assert hasattr(text, name), name
    for name in set(text.__all__) & set(reading.__all__):
        assert getattr(text, name) is getattr(reading, name), name
    tree = ast.parse(Path(reading.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not imported & {"text", "spundetect.text"}


def test_words_and_word_flags() -> None:
    doc = tokenize("Don't stop: 42 cats, 3.5 dogs!")
    assert doc.words() == ["don't", "stop", "cats", "dogs"]
    assert doc.n_words == 4
    assert doc.n_tokens == len(doc.tokens)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("One sentence here. Another one here! A third? Yes.", 4),
        ("Mr. Smith met Dr. Jones in the U.S. capital on Monday.", 1),
        ("A line of eight words without a stop\n\nThen a paragraph follows here.", 2),
        ("He said \u201cstop.\u201d Then he left.", 2),
        ("", 0),
    ],
)
def test_sentence_splitting(text: str, n: int) -> None:
    assert len(tokenize(text).sentences) == n


def test_sentence_span_and_empty_doc() -> None:
    doc = tokenize("First one. Second one.")
    a, b = doc.sentence_span(1)
    assert doc.span_text(a, b) == "Second one."
    empty = tokenize("")
    assert empty.n_words == 0 and empty.sentences == [] and empty.words() == []


def test_fold_matches_the_translation_table_and_keeps_length() -> None:
    from spundetect.reading import FOLD_TABLE, fold

    s = "It\u2019s \u201cquoted\u201d \u2014 a\u00a0b\tc\u2026 \u00abx\u00bb plain ascii"
    assert fold(s) == s.translate(FOLD_TABLE)
    assert len(fold(s)) == len(s)
    assert fold("plain\ttext") == "plain text"
    # a Chinese or Japanese keyboard's full-width punctuation reads as ASCII
    wide = "Yes\uff0c we did\uff01 Then\uff1f (no\uff09 a\uff1a b\uff1b c\u3001 d\u3002"
    assert tokenize(wide).tokens == tokenize("Yes, we did! Then? (no) a: b; c, d.").tokens
    # a word processor's hyphens and a modifier-letter apostrophe read as the ASCII ones
    typed = "A non\u2011profit, a well\u2010known one: it\u02bcs fine."
    assert tokenize(typed).tokens == tokenize("A non-profit, a well-known one: it's fine.").tokens


# Texts that exercise the fast paths of tokenize: ASCII and not, odd whitespace (\x85,
# \u2028, \x1c are whitespace to the pattern), letters whose lower case is longer (İ),
# digits that are not decimal (²), final sigma, apostrophes, lost characters.
TRICKY = [
    "",
    "   \n\n\t ",
    "Don't stop: 42 cats, 3.5 dogs!  1,500.25 and 12:30.",
    "  leading and trailing  ",
    "\u201cIt\u2019s fine,\u201d she said \u2014 twice\u2026 Then 1,500 people left.",
    "Odd\x85spaces\u2028line\u3000ideo\x1cfs and the text",
    "\u0130stanbul is big. \u0130\u0130 and a\u0130b. \u039f\u0394\u039f\u03a3 \u039f\u03a3'\u03a3 \u03c3.",
    "x\u00b2y and \u00bd and \u216b and \u0663\u0664 and 12\u0663 and caf\u00e9Bar",
    "rock'n'roll 'quoted' words' end o'clock",
    "ctrl chars and \ufffd marks",
]


def _reference(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens and offsets the pattern defines, one match at a time."""
    from spundetect.reading import FOLD_TABLE, read_lost_characters, read_single_quotes
    from spundetect.tokens import TOKEN_RE

    # (a quotation in single quotes is read as in double ones: "'quoted'" below; a lost
    # character between spaces as a dash: " \ufffd ")
    read = read_single_quotes(read_lost_characters(text.translate(FOLD_TABLE)))
    ms = list(TOKEN_RE.finditer(read))
    return [m.group() for m in ms], [m.start() for m in ms], [m.end() for m in ms]


@pytest.mark.parametrize("text", TRICKY)
def test_tokens_offsets_and_flags_are_what_the_pattern_defines(text: str) -> None:
    doc = tokenize(text)
    tokens, starts, ends = _reference(text)
    assert doc.tokens == tokens
    assert doc.starts == starts
    assert doc.ends == ends
    assert doc.lower == [t.lower() for t in tokens]
    assert doc.is_word == [t[0].isalpha() for t in tokens]
    assert all(type(x) is bool for x in doc.is_word)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("He met Dr.\nSmith there. Then left.", ["He met Dr.", "Smith there.", "Then left."]),
        (
            "Prices rose 3.5 per cent in the U.S. today. Fine.",
            ["Prices rose 3.5 per cent in the U.S. today.", "Fine."],
        ),
        ('Wait... what?! "Yes." (Really.) Done', ["Wait... what?!", '"Yes."', "(Really.)", "Done"]),
        ("A heading\nA line\n\nMore text. Here", ["A heading", "A line", "More text.", "Here"]),
    ],
)
def test_sentence_ends_abbreviations_and_line_breaks(text: str, sentences: list[str]) -> None:
    doc = tokenize(text)
    got = [doc.span_text(*doc.sentence_span(i)) for i in range(len(doc.sentences))]
    assert got == sentences


@pytest.mark.parametrize("text", TRICKY)
def test_shared_word_sequences_are_computed_once_and_agree(text: str) -> None:
    from collections import Counter

    doc = tokenize(text)
    words = [w for w, ok in zip(doc.lower, doc.is_word) if ok]
    assert doc.words() == words and doc.word_list() == words
    assert doc.n_words == len(words)
    assert doc.word_counts() == Counter(words)
    assert list(doc.word_counts()) == list(dict.fromkeys(words))  # first-occurrence order
    assert doc.word_counts() is doc.word_counts()  # memoised
    assert doc.words() is not doc.words()  # the public copy is the caller's to change


def test_input_checks() -> None:
    from spundetect.status import judgeable, validate_text

    # control characters are counted in non-ASCII text too
    base = "caf\u00e9 \u2603 "
    assert validate_text(base + "\x01" * 2 + "a" * 40) is None  # 2 of 49: under 5%
    assert validate_text(base + "\x01" * 3 + "a" * 40) is not None  # 3 of 50: over
    assert validate_text("\u00e9" * 38 + "\x01\x02") is None  # exactly 5% is allowed
    assert validate_text(b"bytes") == "expected a str, got bytes"
    assert validate_text("a" * 40 + "\ud800") == "invalid Unicode (lone surrogate code points)"
    assert judgeable(tokenize(" \n\u2028\t"))[0] == "empty"
    assert judgeable(tokenize("only a few words here"))[0] == "too_short"
    english = "The cat sat on the mat and it was happy with the sun in the garden of the house."
    assert judgeable(tokenize(english)) == ("ok", "")
    russian = " ".join(["\u044d\u0442\u043e \u0442\u0435\u043a\u0441\u0442"] * 10)
    assert judgeable(tokenize(russian))[0] == "not_english"
    latin = " ".join(["lorem ipsum dolor sit amet"] * 4)
    assert judgeable(tokenize(latin))[0] == "not_english"


def test_every_ascii_control_but_tab_and_line_ends_counts_as_binary() -> None:
    """A text one-tenth control characters is not text; tab, LF and CR (Windows line ends)
    and printable ASCII are. Which characters are controls comes from Unicode, not the list."""
    from spundetect.status import validate_text

    prose = "plain words " * 8
    for code in range(128):
        c = chr(code)
        control = unicodedata.category(c) == "Cc" and c not in "\t\n\r"
        reason = validate_text(prose + c * 10)
        assert (reason is not None) == control, (hex(code), reason)
    # replacement characters (undecodable bytes) count the same, and together with controls
    assert validate_text(prose + "\ufffd" * 10) is not None
    assert validate_text(prose + "\x01\x02\x03\x04") is None  # about 4%: allowed
    assert validate_text(prose + "\ufffd" * 4) is None
    assert validate_text(prose + "\x01\x02\x03\x04" + "\ufffd" * 4) is not None  # 8% together


def test_a_few_stray_nul_characters_are_text_and_many_are_binary() -> None:
    """One NUL in an article from a broken extraction rejected the article whole as binary
    data; strays are now read as the other control characters are, and a text
    more than 1% NUL is still binary."""
    from spundetect.status import BINARY_NUL, MAX_NUL_SHARE, validate_text

    prose = "The council met on Tuesday and agreed to repair the old bridge. " * 4
    assert validate_text(prose[:100] + "\x00" + prose[100:]) is None
    n = int(MAX_NUL_SHARE * len(prose)) + 1  # just over the share
    assert validate_text(prose + "\x00" * n) == BINARY_NUL
    assert validate_text(prose + "\x00" * (n - 2)) is None
    assert validate_text("bin\x00ary " * 20) == BINARY_NUL
    # NULs among other controls name the NULs
    assert validate_text(prose + "\x00\x01\x02" * 4) == BINARY_NUL


def test_control_characters_are_read_as_a_reader_sees_them() -> None:
    """A control character that is no white space (NUL, SOH, ESC, DEL) is read as a word
    joiner: inside a word it is part of the word, after one the word spans it; it cut its
    word in two before. Offsets still point into the text as given."""
    text = "ctrl\x01chars\x7f and a\x00 b \x1b[0m ok"
    doc = tokenize(text)
    assert doc.tokens == tokenize("ctrlchars and a b [0m ok").tokens
    assert doc.tokens[:4] == ["ctrlchars", "and", "a", "b"]
    assert [text[a:b] for a, b in zip(doc.starts, doc.ends)][:3] == [
        "ctrl\x01chars\x7f", "and", "a\x00"
    ]  # fmt: skip
    # tab, line ends and the separators 0x1C-0x1F stay white space
    assert tokenize("one\x1ctwo\tthree\x0cfour").words() == ["one", "two", "three", "four"]


def test_a_text_with_stray_control_characters_is_judged_as_without_them() -> None:
    """A NUL between two words or inside one, or an ESC after each full stop, is taken out
    before the text is read, as a zero-width space is: the same probabilities as without
    them, and every span a reason gives is a span of the text as given."""
    det = Detector.load()
    base = (
        "The council met on Tuesday and agreed to repair the old bridge before winter. "
        "Residents had complained for years about the cracks in its stone arches, and the "
        "engineers who inspected it in the spring said the work could not wait much longer. "
        "The repairs will close the bridge to traffic for six weeks from the start of October."
    )
    plain = det.score(base, explain=True)
    at = base.index(" repair")
    for text in (
        base[:at] + "\x00" + base[at:],
        base[: at + 3] + "\x00" + base[at + 3 :],
        base.replace(". ", ".\x1b "),
    ):
        r = det.score(text, explain=True)
        assert r.status == "ok" and r.probabilities == plain.probabilities
        assert [
            text[x.start : x.end].replace("\x00", "").replace("\x1b", "") for x in r.reasons
        ] == [base[x.start : x.end] for x in plain.reasons]


def test_a_text_of_exactly_the_minimum_length_is_judged() -> None:
    from spundetect.status import MIN_WORDS, judgeable

    words = "the cat sat on the mat and it was happy with the sun in the garden of the old house"
    words = words.split()
    for n, status in ((MIN_WORDS - 1, "too_short"), (MIN_WORDS, "ok")):
        doc = tokenize(" ".join(words[:n]).capitalize() + ".")
        assert doc.n_words == n
        assert judgeable(doc)[0] == status


def test_half_english_half_cyrillic_is_not_judged_for_its_alphabet() -> None:
    from spundetect.status import judgeable

    # each sentence half and half: no sentence is another language's to leave out
    mixed = (
        "The council met on Tuesday and it agreed that совет заявил что новые автобусы будут "
        "ходить каждый час. The new bus route would run for a year по всему городу до конца "
        "года и дальше."
    )
    doc = tokenize(mixed)
    assert doc.left_out() == []
    latin = sum(w.isascii() for w in doc.word_list())
    assert 0.4 < latin / doc.n_words < 0.6  # the English half alone would be judged
    status, message = judgeable(doc)
    assert status == "not_english" and "letters English does not use" in message
    # a sentence in Cyrillic after one in English is left out, and the English is judged
    english = (
        "The council met on Tuesday and it agreed that the new bus route would run for a year."
    )
    russian = (
        "Совет заявил что новые автобусы будут ходить каждый час по всему городу до конца года."
    )
    doc = tokenize(english + " " + russian)
    assert doc.left_out() == [(len(english) + 1, len(english) + 1 + len(russian), "language")]
    assert judgeable(doc) == ("ok", "")


def test_dense_english_prose_with_few_function_words_is_judged() -> None:
    """Terse reporting uses fewer "the"s and "of"s than a story; it is still English prose."""
    from spundetect.furniture import ENGLISH_FUNCTION_WORDS
    from spundetect.status import judgeable

    dense = (
        "Researchers measured rainfall, river levels, soil moisture and crop yields in twelve "
        "northern districts over three summers. Farmers reported earlier harvests, smaller grain "
        "and higher diesel prices. Local cooperatives bought storage silos, drying machines and "
        "weather stations with the regional grants."
    )
    doc = tokenize(dense)
    share = sum(w in ENGLISH_FUNCTION_WORDS for w in doc.word_list()) / doc.n_words
    assert 0.12 < share < 0.2  # well under a story's share of function words
    assert judgeable(doc) == ("ok", "")


PAGE = (
    "LOGIN\n\n"
    "Talks Resume in the Capital\n\n"
    "by Jane Doe\n8 comments\n\n"
    "The minister said on Tuesday that the talks would continue next week.\n"
    "Why?\n"
    "Officials did not give a reason for the delay in their brief statement to reporters\n\n"
    "Share this"
)


def test_headings_menus_and_bylines_are_blanked_not_deleted() -> None:
    doc = tokenize(PAGE)
    assert len(doc.folded) == len(PAGE)
    for tok, a, b in zip(doc.tokens, doc.starts, doc.ends, strict=True):
        assert PAGE[a:b] == tok  # offsets still point into the text as given
    for gone in ("LOGIN", "Resume", "Jane", "comments", "Share"):
        assert gone not in doc.tokens
    # a short line that ends like a sentence is prose; so is a long line without a stop
    assert "Why" in doc.tokens and "minister" in doc.tokens and "reporters" in doc.tokens
    assert doc.n_words == len(doc.words())
    # Windows line ends change nothing, nor any other line break str.splitlines knows: a
    # carriage return alone, NEL, the Unicode line and paragraph separators, a vertical tab,
    # a form feed (read as text, each left the menu, the byline and the thread in as prose)
    for newline in ("\r\n", "\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"):
        other = tokenize(PAGE.replace("\n", newline))
        assert other.words() == doc.words(), repr(newline)
        assert (other.starts, other.ends) == (doc.starts, doc.ends) or newline == "\r\n"


def test_a_text_of_mostly_short_lines_is_kept_whole() -> None:
    shopping = "Eggs and milk\nTwo loaves of bread\nApples\nA bag of rice\nThe tea we like"
    assert blank_non_prose(shopping) == shopping
    assert tokenize(shopping).mostly_short_lines()
    assert not tokenize(PAGE).mostly_short_lines()  # some such lines, mostly prose
    assert blank_non_prose("One line only, no break") == "One line only, no break"
    seven = " ".join(["word"] * (PROSE_MIN_WORDS - 1))
    eight = " ".join(["word"] * PROSE_MIN_WORDS)
    body = "A sentence that is long enough to be the body of this short text here."
    assert blank_non_prose(f"{seven}\n{body}").startswith(" " * len(seven))
    assert blank_non_prose(f"{eight}\n{body}").startswith(eight)


def test_site_furniture_written_as_sentences_is_blanked() -> None:
    body = (
        "The council approved the new budget on Monday after a long debate about roads.\n"
        "Residents had asked for more cookies and cakes at the library fair, a member said.\n"
        "The mayor said the road works would start in spring and last until the autumn.\n"
        "Several shop owners on the high street welcomed the plan but asked for parking.\n"
        "The library will stay open late on Thursdays from next month, the council said.\n"
    )
    furniture = (
        "Your email address will not be published. Required fields are marked *\n"
        "This website uses cookies to improve your experience. Accept all cookies.\n"
        "Copyright 2023 The Daily Example. All rights reserved.\n"
        "Read our cookie policy to learn how this site stores what you do here.\n"
    )
    page = body + furniture
    doc = tokenize(page)
    assert len(doc.folded) == len(page)
    for gone in ("email", "Required", "website", "Copyright", "reserved", "policy"):
        assert gone not in doc.tokens
    assert "cookies" in doc.tokens and "budget" in doc.tokens  # an article's own cookies stay
    # only lines of a page are blanked: a single line is judged on everything it has
    one = "Your email address will not be published, the site promised its readers."
    assert blank_non_prose(one) == one


def test_addresses_and_handles_read_as_one_number_with_exact_offsets() -> None:
    text = (
        "Read more at https://www.example.com/a/b?utm_source=rss. Mail tips@news.example.org"
        " or @jane_doe. Photos: pic.twitter.com/Ab3dEf9XyZ."
    )
    doc = tokenize(text)
    assert len(doc.folded) == len(text)
    spans = [doc.text[a:b] for a, b in zip(doc.starts, doc.ends, strict=True)]
    for address in (
        "https://www.example.com/a/b?utm_source=rss",
        "tips@news.example.org",
        "@jane_doe",
        "pic.twitter.com/Ab3dEf9XyZ",
    ):
        i = spans.index(address)  # one token covers the address exactly
        assert doc.tokens[i].isdigit() and not doc.is_word[i]
    # the stop after the address is the sentence's, so the next sentence starts after it
    assert next(doc.span_text(*doc.sentence_span(i)) for i in range(len(doc.sentences))).endswith(
        "rss."
    )
    assert "https" not in doc.lower and "utm" not in doc.lower and "com" not in doc.lower


@pytest.mark.parametrize(
    "text",
    [
        "Meet @ 5 at the hall.",
        "Prices rose 5% @ the market.",
        "A 3.5 mark and email me.",
        "Amazon.com said it would hire 24/7 staff, and/or more, in the U.S./Mexico region.",
    ],
)
def test_text_without_addresses_is_untouched(text: str) -> None:
    assert tokenize(text).folded == text


def test_invisible_characters_inside_a_word_leave_one_word() -> None:
    text = "\ufeffThe informa\u00adtion was re\u200dsent \u00ad to the ad\u00ad\u00adjacent office."
    doc = tokenize(text)
    plain = tokenize("The information was resent to the adjacent office.")
    assert doc.tokens == plain.tokens and doc.is_word == plain.is_word
    spans = [text[a:b] for a, b in zip(doc.starts, doc.ends, strict=True)]
    assert spans[:2] == ["The", "informa\u00adtion"] and "ad\u00ad\u00adjacent" in spans
    assert len(doc.sentences) == 1


def test_lines_are_read_without_invisible_characters() -> None:
    # a heading with a soft hyphen in a word, and a thread whose "Reply" holds a zero-width
    # space, are left out as their plain versions are; the spans point into the text as given
    plain = (
        "The Economic Cooperation Between China and Kyrgyzstan\n\n"
        + "The council voted to keep the night buses running for another year. " * 2
        + "\n\nMark March 3, 2024 - 9:12 am\n\ngreat read, had no idea\n\nReply\n"
        "Jen 2 days ago\n\nfingers crossed it goes ahead this time\n\nReply"
    )
    text = plain.replace("Kyrgyz", "Kyrgyz\u00ad").replace("Reply", "Re\u200bply")
    _, spans, _ = blank_non_prose_explained(text)
    _, plain_spans, _ = blank_non_prose_explained(plain)
    whys = [w for _, _, w in spans]
    assert whys == [w for _, _, w in plain_spans] and whys[0] == "line"
    assert set(whys[1:]) == {"comments"}
    heading = text[spans[0][0] : spans[0][1]]
    assert heading == "The Economic Cooperation Between China and Kyrgyz\u00adstan"
    assert text[spans[-1][0] : spans[-1][1]] == "Re\u200bply"
    assert tokenize(text).tokens == tokenize(plain).tokens


WRAPPED = (
    "The city council voted on Tuesday to extend the night bus service for\n"
    "another year. Supporters said the buses help shift workers get home\n"
    "safely, while critics argued that the money would be better spent on\n"
    "repairing roads. The mayor, who backed the plan, said she would review\n"
    "the figures again in the spring."
)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028"])
def test_a_hard_wrapped_paragraph_reads_like_the_same_paragraph_on_one_line(newline: str) -> None:
    text = WRAPPED.replace("\n", newline)
    doc, one_line = tokenize(text), tokenize(" ".join(WRAPPED.split()))
    assert doc.tokens == one_line.tokens
    got = [doc.span_text(*doc.sentence_span(i)) for i in range(len(doc.sentences))]
    assert [" ".join(s.split()) for s in got] == [
        one_line.span_text(*one_line.sentence_span(i)) for i in range(len(one_line.sentences))
    ]
    assert len(doc.folded) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        # a list and a comment thread: whole lines, each starting with a capital
        "Bring these things to the trip:\nWarm boots for the hills\nA map of the valley roads\n"
        "Enough water for two days",
        "Reply\nRealist101 October 16, 2023 - 3:57 am\nLet's not forget the costs of all this.\n"
        "Reply\nAnna_K October 16, 2023 - 6:27 am\nNot surprised, but it says a lot about them.",
        # one line break alone is not enough evidence of wrapping
        "A heading for the story\nthe text of the story goes on here for a while.",
    ],
)
def test_line_breaks_of_lists_and_threads_stay_breaks(text: str) -> None:
    from spundetect.reading import fold, unwrap

    assert unwrap(fold(text)) == fold(text)


STEPS = [
    "red clamp to the positive terminal of the dead battery, and hold it there.",
    "other red clamp to the positive terminal of the good battery, then wait.",
    "black clamp to the negative terminal of the good battery, and leave it.",
    "last black clamp to bare metal on the dead car's engine, away from it.",
]


@pytest.mark.parametrize("label", ["a)", "a.", "(a)", "i)", "1)", "(1)", "1.", "-", "*", "Step 1:"])
def test_a_list_items_label_keeps_its_line_and_is_a_sentence_of_its_own(label: str) -> None:
    """Items labelled "a)" start in lower case, which read as a wrapped sentence's next line:
    the list was joined into one sentence (a how-to so labelled went from original to
    machine_garbled). A label stays at its line's start and is a sentence of its own, as "1."
    always was, so the item's first word starts a sentence (after "1)" it read as a name's)."""
    from spundetect.reading import unwrap

    def labelled(k: int) -> str:
        roman = ("i", "ii", "iii", "iv")[k]
        return (
            label.replace("a", "abcd"[k]).replace("i", roman).replace("1", str(k + 1))
            if label != "Step 1:"
            else f"Step {k + 1}:"
        )

    for capital in (False, True):
        items = [
            labelled(k) + " " + (s.capitalize() if capital else s) for k, s in enumerate(STEPS)
        ]
        text = "Connect the cables in this order:\n\n" + "\n".join(items)
        assert unwrap(text) == text
        doc = tokenize(text)
        got = [doc.span_text(*doc.sentence_span(i)) for i in range(len(doc.sentences))]
        heads = [item[: -len(step) - 1] for item, step in zip(items, STEPS, strict=True)]
        for head, item in zip(heads, items, strict=True):
            assert item[len(head) + 1 :] in got
            assert head in got or label == "*"  # (a star is no token: Markdown's bullet)
    # not labels: what starts a wrapped sentence's line, unless the line before ends a
    # sentence or introduces a list, is blank, or an item came before it in the block
    from spundetect.reading import list_labels

    for wrapped in (
        "we spent the week on the hiring plan\n- which nobody liked - and then",
        "She was\n84. Her family came from the coast,",
        "as the figures show (see Table\n2) and as the survey",
        "the painter Jan van Eyck, born\nc. 1415, who worked",
        "as the reader will recall (see ch.\niv. of the second book), and",
        "under the terms of paragraph\n(a) of section 9 of the lease",
    ):
        assert list_labels(wrapped) == [], wrapped
    intro = "Do this:\n(a) one thing\n  which goes on\n(b) another\n\nDone.\n- last"
    assert [intro[a:b] for a, b in list_labels(intro)] == ["(a)", "(b)", "-"]
    assert [s[a:b] for s in ("- first\n- second",) for a, b in list_labels(s)] == ["-", "-"]
    # not labels: an initial, a year at a wrapped line's start
    text = (
        "The treaty that ended the long dispute was signed by\nA. Smith and the other delegates"
        " of the northern\nprovinces in the spring of the following year, in\n1990. The end"
        " of the war came soon after that."
    )
    assert unwrap(text) == text.replace("\n", " ")
    doc = tokenize(text)
    assert doc.span_text(*doc.sentence_span(0)).endswith("in\n1990.")


def test_wrapped_text_keeps_its_headings_and_paragraphs() -> None:
    from spundetect.reading import unwrap

    text = "Council extends night buses\n\n" + WRAPPED + "\n\nA second paragraph ends here."
    out = unwrap(text)
    assert out.startswith("Council extends night buses\n\n") and out.count("\n\n") == 2
    assert "\n" not in out.split("\n\n")[1]


def test_a_word_hyphenated_across_wrapped_lines_is_one_word_when_the_vocabulary_has_it() -> None:
    text = (
        "In the morning we read all of the interna-\ntional news and then the well-\n"
        "known story of the day in the paper, and how the re-\nsult of the vote went on and on"
        " for a long while."
    )
    vocabulary = {"international", "result", "well", "known", "news"}
    doc = tokenize(text, vocabulary)
    assert "international" in doc.tokens and "result" in doc.tokens
    assert doc.tokens[doc.tokens.index("well") : doc.tokens.index("known") + 1] == [
        "well",
        "-",
        "known",
    ]
    i = doc.tokens.index("international")
    assert text[doc.starts[i] : doc.ends[i]] == "interna-\ntional"
    assert len(doc.sentences) == 1
    # without a vocabulary nothing is joined: the halves stay as written
    assert "international" not in tokenize(text).tokens
    # a page break (a form feed, as a PDF's text and pdftotext's have it) is a line break too
    paged = text.replace("interna-\n", "interna-\x0c")
    assert tokenize(paged, vocabulary).tokens == doc.tokens


ARTICLE = (
    "The council met on Tuesday and agreed to repair the old bridge before winter, officials said."
)
THREAD = (
    "3 comments\n\nMarkT March 3, 2024 - 9:12 am\n\ngreat read. i had no idea the vote was this"
    " close and the numbers are eye opening\n\nReply\nJen_R 2 days ago\n\nfingers crossed it"
    " goes ahead, we dont hold our breath anymore lol\n\nReply\nold timer says:\n\nsame plan"
    " came up in the nineties. lets see\n\nReply\n\nLeave a Comment"
)


def test_a_comment_thread_under_the_text_is_blanked_like_headings() -> None:
    doc = tokenize(ARTICLE + "\n\n" + THREAD)
    assert doc.words() == tokenize(ARTICLE).words()
    assert len(doc.folded) == len(ARTICLE) + 2 + len(THREAD)


@pytest.mark.parametrize(
    "text",
    [
        # one "Reply" is no thread
        ARTICLE + "\n\nMarkT March 3, 2024 - 9:12 am\n\ngreat read. i had no idea at all\n\nReply",
        # a "Reply" with no header line above it: the body is prose like any other
        ARTICLE + "\n\nThis is a long answer to the question above it.\n\nReply\n\n"
        "And here is another answer that goes on for a while.\n\nReply",
    ],
)
def test_text_that_is_not_a_comment_thread_keeps_its_words(text: str) -> None:
    words = tokenize(text).words()
    assert "great" in words or "answer" in words


# Disqus and Facebook's comments plugin, flattened: the comment's actions on a line of their
# own, with "Reply" among them
DISQUS = (
    "9 Comments\n\nSort by Newest\n\nrosie_t \u2022 5 hours ago\nwell about time, the old"
    " bridge was a disgrace honestly\n3 \u2022 Reply \u2022 Share \u203a\n\nKev in Leeds rosie_t"
    " \u2022 an hour ago\nit will be over budget before they start, always is\n\u25b3 \u25bd \u2022"
    " Reply \u2022 Share \u203a\n\nLoad more comments"
)
FACEBOOK = (
    "Comments\n\nMaureen Quill\nFinally. My dad crossed that bridge every day for forty years.\n"
    "Like \u00b7 Reply \u00b7 4h\n\nSam Oduya\nWho is paying for it? Not the council, that's"
    " for sure.\nLike \u00b7 Reply \u00b7 12 \u00b7 2h \u00b7 Edited"
)


REDDIT = (
    "level 1\nbus_fan_22\n\u00b7 4 hr. ago\nthe old bridge was falling apart tbh, good call\nReply\n"
    "Share\n\nlevel 2\nmarsh_k\n\u00b7 1 hr. ago\nit will cost double, watch\nReply\nShare"
)
OLD_REDDIT = (
    "[\u2013]bus_fan_22 31 points 4 hours ago\nthe old bridge was falling apart tbh, good call\n"
    "permalinkembedsavereportgive awardreply\n\n[\u2013]marsh_k 3 points 1 hour ago\nit will cost"
    " double, watch\npermalinkembedsaveparentreportgive awardreply"
)


@pytest.mark.parametrize(
    ("thread", "article"),
    [
        pytest.param(thread, article, id=f"{t_id}-{a_id}")
        for t_id, thread in (
            ("disqus", DISQUS),
            ("facebook", FACEBOOK),
            ("reddit", REDDIT),
            ("old-reddit", OLD_REDDIT),
        )
        for a_id, article in (("one-line", ARTICLE), ("wrapped", WRAPPED))
        # (not: a wrapped text over Reddit's lines of a word or two, whose median width is no
        # column: it is not unwrapped, and read whole as mostly short lines)
        if (thread, article) != (REDDIT, WRAPPED)
    ],
)
def test_a_thread_with_lines_of_actions_is_left_out(thread: str, article: str) -> None:
    doc = tokenize(article + "\n\n" + thread)
    assert doc.words() == tokenize(article).words()
    assert "comments" in {why for _, _, why in doc.left_out()}
    # the article's wrapped lines are still joined, the thread's are not
    assert len(doc.sentences) == len(tokenize(article).sentences)


@pytest.mark.parametrize(
    ("line", "reply"),
    [
        ("5 \u2022 Reply \u2022 Share \u203a", True),
        ("Reply \u2022 Share \u203a", True),
        ("\u25b3 \u25bd \u2022 Reply \u2022 Share \u203a", True),
        ("Like \u00b7 Reply \u00b7 3h \u00b7 Edited", True),
        ("Like \u00b7 Reply \u00b7 2 days", True),
        ("Reply | Report | Permalink", True),
        ("permalinkembedsaveparentreportgive awardreply", True),  # old Reddit's, glued
        ("permalinkembedsavereport", False),
        ("Reply", True),
        ("Please reply by Friday.", False),
        ("Reply to the council by Friday with your views on the plan", False),
        ("3 replies", False),
        ("Like \u00b7 Share \u00b7 3h", False),  # no "Reply"
        ("Reply \u2022 Share \u2022 " + "12 \u2022 " * 20, False),  # longer than a line of actions
    ],
)
def test_a_line_of_a_comments_actions_is_a_reply_line(line: str, reply: bool) -> None:
    assert reply_line(line) is reply


def test_a_comments_header_is_a_name_and_a_time() -> None:
    assert comment_head("rosie_t \u2022 5 hours ago") and comment_head("Kev \u2022 an hour ago")
    assert comment_head("MarkT March 3, 2024 - 9:12 am")
    assert comment_head("\u00b7 3 hr. ago") and comment_head("[\u2013]k_marsh 12 points 2 mo ago")
    assert comment_head("jdoe 5 yrs ago") and not comment_head("jdoe 5 yards ago")
    assert not comment_head("Kev \u2022 rosie")
    # a time in a line of prose, eight words or more
    assert not comment_head("The council met at 9:30 am and voted on the plan")


@pytest.mark.parametrize(
    "text",
    [
        # a line of actions with an age, but the block has no name over its comment
        ARTICLE + "\n\nThe first answer is here.\nLike \u00b7 Reply \u00b7 3h\n\n"
        "The second answer is here too.\nLike \u00b7 Reply \u00b7 2h",
        # a name over a comment, but its line of actions gives no age and there is no header
        ARTICLE + "\n\nMaureen Quill\nThe first answer is here.\nLike \u00b7 Reply\n\n"
        "Sam Oduya\nThe second answer is here too.\nLike \u00b7 Reply",
        # the block over the line of actions is longer than a comment
        ARTICLE
        + "\n\nMaureen Quill\n"
        + "The first answer is here.\n" * 13
        + "Like \u00b7 Reply \u00b7 3h\n\nSam Oduya\nThe second answer is here too.\n"
        "Like \u00b7 Reply \u00b7 2h",
    ],
    ids=["no-name", "no-age", "too-long"],
)
def test_a_block_over_a_line_of_actions_needs_a_name_and_an_age(text: str) -> None:
    assert "answer" in tokenize(text).words()


def test_a_wrapped_paragraph_with_a_time_is_joined_without_a_thread() -> None:
    """Only in a text with a "Reply" are a header's and an action line's breaks kept."""
    text = (
        "The council met on the hill at 9:30 am\nand then it voted on the plan for the old"
        " bridge and\nthe new one, which the mayor has backed for a\nlong time, and the vote"
        " was close in the end."
    )
    assert len(tokenize(text).sentences) == 1


def test_a_text_that_is_only_a_thread_is_judged_whole() -> None:
    doc = tokenize(THREAD)
    assert "eye" in doc.words() and "nineties" in doc.words()


# customers' reviews under a product's description, as shops lay them out, flattened
AMAZON_REVIEWS = (
    "Customer reviews\n\nMark T.\n\n5.0 out of 5 stars Does what it says\n\nReviewed in the"
    " United States on March 3, 2024\n\nVerified Purchase\n\nbought this for my dad, setup took"
    " 5 min but the instructions were confusing\n\n12 people found this helpful\n\nHelpful\n\n"
    "Report\n\nJen R.\n\n2.0 out of 5 stars Stopped working\n\nReviewed in the United States on"
    " February 11, 2024\n\nworked fine at first then the button got stuck, we'll see\n\nHelpful"
    "\n\nReport"
)
BAZAARVOICE_REVIEWS = (
    "Reviews\n\nRated 4 out of 5 by Jane from Great kettle\n\nboils fast and looks nice on the"
    " counter, lid is a bit stiff tho\n\nDate published: 2024-03-03\n\nHelpful? Yes (12) No (3)"
    "\n\nRated 2 out of 5 by Sam from Leaks\n\nstarted leaking after two weeks, not impressed"
    "\n\nHelpful? Yes (3) No (1)"
)
WALMART_REVIEWS = (
    "Customer reviews & ratings\n\n4.2 out of 5 stars\n\nJane\n\n5 out of 5 stars review\n\n"
    "Mar 3, 2024\n\nGreat value, my kids love it and it was easy to put together.\n\nHelpful(12)"
    "\n\nReport"
)


_STATEMENTS = (
    "CRediT authorship contribution statement\n\nJane Doe: Conceptualization, Methodology,"
    " Writing \u2013 original draft. Sam Holt: Supervision, Writing \u2013 review & editing.\n\n"
    "Declaration of competing interest\n\nThe authors declare that they have no known competing"
    " financial interests or personal relationships that could have appeared to influence the"
    " work reported in this paper.\n\n6. Acknowledgements\n\nThis work was supported by the"
    " National Science Foundation (Grant No. 123456). We thank the farmers for their help."
)


@pytest.mark.parametrize(
    "box",
    [
        "JANE DOE\n\nJane Doe covers transport for The Associated Press.",
        "Jane Doe\n\nThomson Reuters\n\nJane covers transport and energy policy from London,"
        " with a focus on railways.",
    ],
)
def test_a_writers_bio_under_the_name_at_the_end_is_site_furniture(box: str) -> None:
    body = ENGLISH + "\n\n" + ENGLISH.replace("Tuesday", "Monday")
    doc = tokenize(body + "\n\n" + box)
    assert doc.words() == tokenize(body).words()
    assert "furniture" in {why for _, _, why in doc.left_out()}
    # above the text's last lines, the same two lines are read
    middle = tokenize(body + "\n\n" + box + "\n\n" + body + "\n\n" + ENGLISH)
    assert "transport" in middle.words()


@pytest.mark.parametrize(
    "section",
    [
        "Maria Lopez\n\nMaria arrived in the town in 1990 and opened the bakery on Mill Street.",
        "The Bridge Fund\n\nThe fund was set up in 2001 to pay for the reporters' bridge tours.",
    ],
)
def test_a_heading_and_a_paragraph_that_opens_with_its_word_are_read(section: str) -> None:
    body = ENGLISH + "\n\n" + ENGLISH.replace("Tuesday", "Monday")
    doc = tokenize(body + "\n\n" + section)
    assert [why for _, _, why in doc.left_out()] == ["line"]


def test_a_newsletter_box_between_its_markers_is_site_furniture() -> None:
    box = (
        "skip past newsletter promotion\n\nSign up to First Edition\n\nFree daily newsletter\n\n"
        "Our morning email breaks down the key stories of the day, telling you what matters\n\n"
        "after newsletter promotion"
    )
    body = ENGLISH + "\n\n" + box + "\n\n" + ENGLISH.replace("Tuesday", "Monday")
    doc = tokenize(body)
    assert doc.words() == tokenize(ENGLISH + "\n\n" + ENGLISH.replace("Tuesday", "Monday")).words()
    assert "furniture" in {why for _, _, why in doc.left_out()}
    # without its end marker, the lines under the first are read as any others
    open_box = box.replace("\n\nafter newsletter promotion", "")
    assert "morning" in tokenize(ENGLISH + "\n\n" + open_box + "\n\n" + ENGLISH).words()


def test_a_papers_statements_under_their_headings_are_left_out() -> None:
    body = "\n\n".join([ENGLISH, ENGLISH.replace("Tuesday", "Monday")] * 2)
    doc = tokenize(body + "\n\n" + _STATEMENTS)
    assert doc.words() == tokenize(body).words()
    assert {why for _, _, why in doc.left_out()} == {"furniture"}
    # over the text (its first half) such a heading is the text's own
    assert "competing" in tokenize(_STATEMENTS + "\n\n" + body + "\n\n" + body).words()
    # "Funding" alone may head a news story's section on where the money comes from
    money = "The money comes from a national grant and the council's reserves, the treasurer said."
    assert "treasurer" in tokenize(body + "\n\nFunding\n\n" + money).words()


@pytest.mark.parametrize(
    "reviews",
    [AMAZON_REVIEWS, BAZAARVOICE_REVIEWS, WALMART_REVIEWS],
    ids=["amazon", "bazaarvoice", "walmart"],
)
def test_customers_reviews_under_a_description_are_left_out(reviews: str) -> None:
    head = "4.4 out of 5 stars 1,203 ratings\n\nFREE delivery on orders over $35.\n\n"
    for text in (ENGLISH + "\n\n" + reviews, head + ENGLISH + "\n\n" + reviews):
        doc = tokenize(text)
        assert doc.words() == tokenize(ENGLISH).words()
        assert "reviews" in {why for _, _, why in doc.left_out()}


def test_a_page_that_is_only_reviews_is_judged_whole() -> None:
    assert "stuck" in tokenize(AMAZON_REVIEWS).words()


@pytest.mark.parametrize(
    "line",
    [
        "Rated 4 out of 5 by the inspectors, the hotel kept its licence, the council said.",
        "4 out of 5 residents said the bridge should be repaired before winter, the survey found.",
        "The film was rated 3 out of 5 stars by most critics, who found its ending too long.",
        "Free shipping was the main reason customers stayed, the survey found.",
    ],
)
def test_a_sentence_about_ratings_is_prose(line: str) -> None:
    for text in (line + "\n\n" + ENGLISH, ENGLISH + "\n\n" + line + "\n\nReport"):
        at = text.index(line)
        assert all(b <= at or a >= at + len(line) for a, b, _ in tokenize(text).left_out())


# a discussion board's first post (the text) and two replies, as scrapers flatten each
# board's page, and a question site's answer with the question and another answer
_REPLY_1 = (
    "went to the meeting too and honestly parking was the bigger fight imo. nobody talks about it"
)
_REPLY_2 = "thanks for posting!! does anyone know when the next hearing is? i cant find it anywhere"
THREADS = {
    "phpbb": (
        "Why the bridge vote matters\n\nPost by jdoe \u00bb Sun Mar 03, 2024 9:12 am\n\n{body}\n\n"
        "Top\n\nsamh\nPosts: 1234\nJoined: Mon Jan 01, 2018 8:00 am\n\n"
        "Re: Why the bridge vote matters\n\nPost by samh \u00bb Sun Mar 03, 2024 10:40 am\n\n"
        "jdoe wrote: \u2191Sun Mar 03, 2024 9:12 am\nThe council met on Tuesday.\n\n"
        f"{_REPLY_1}\n\nTop\n\nPost by kat_b \u00bb 03 Mar 2024, 11:02\n\n{_REPLY_2}\n\nTop"
    ),
    "xenforo": (
        "Why the bridge vote matters\nThread starter jdoe Start date Mar 3, 2024\n\n"
        "Mar 3, 2024\n#1\n{body}\n\nLast edited: Mar 3, 2024\n\nsamh\nMember\n\nMar 3, 2024\n"
        f"#2\njdoe said:\nThe council met on Tuesday.\nClick to expand...\n{_REPLY_1}\n\n"
        f"kat_b\n\nMar 3, 2024\n#3\n{_REPLY_2}\n\nYou must log in or register to reply here."
    ),
    "vbulletin": (
        "03-03-2024, 09:12 AM #1\njdoe\nJoin Date: Jan 2018\n\n{body}\n\n"
        f"03-03-2024, 10:40 AM #2\nsamh\n{_REPLY_1}\n\nOld 03-03-2024, 11:02 AM   #3\n{_REPLY_2}"
    ),
    # as crawlers get Discourse's page: each post's number on its poster's line, no blank line
    # after it, the replies in lower case (the page reads as hard-wrapped, and the lines must
    # not be joined across a post's line)
    "discourse": (
        "Why the bridge vote matters\nLocal News\n\njdoe March 3, 2024, 9:12am #1\n{body}\n\n"
        f"samh March 3, 2024, 10:40am #2\n{_REPLY_1}\n\nkat_b March 3, 2024, 11:02am #3\n"
        f"{_REPLY_2}\n\nRelated topics"
    ),
    "smf": (
        "Why the bridge vote matters\n\u00ab on: March 03, 2024, 09:12:00 AM \u00bb\n\n{body}\n\n"
        "Logged\n\nRe: Why the bridge vote matters\n"
        f"\u00ab Reply #1 on: March 03, 2024, 10:40:12 AM \u00bb\n\n{_REPLY_1}\n\nLogged"
    ),
    "invision": (
        "jdoe\nPosted March 3, 2024\n\n{body}\n\nLink to comment\nShare on other sites\n\n"
        f"samh\nPosted March 3, 2024 (edited)\n\n{_REPLY_1}\n\nLink to comment"
    ),
    "quora": (
        "Why does the bridge vote matter to people who never drive over it?\n\n"
        "Profile photo for Jane Doe\nJane Doe\nFormer editor at Example Home \u00b7 Author has "
        "312 answers and 1.1M answer views \u00b7 Updated 2y\n\n{body}\n\n1.2K views\n\n"
        "Related questions\nMore answers below\nIs the new bridge safe for cyclists?\n\n"
        f"Profile photo for Sam Holt\nSam Holt\nLives in Leeds3y\n\n{_REPLY_1}\n\nUpvote \u00b7\n2"
    ),
    "stack-exchange": (
        "How the bridge vote changes the buses\nAsked 3 years ago\n\n{body}\n\nShare\n"
        "Improve this question\nFollow\nasked Mar 3, 2024 at 9:12\njdoe\n\n2 Answers\n"
        f"Sorted by: Highest score (default)\n\n{_REPLY_1}\n\nShare\nanswered Mar 3, 2024\n\n"
        f"{_REPLY_2}"
    ),
}


@pytest.mark.parametrize("layout", list(THREADS))
def test_a_threads_replies_under_its_first_post_are_other_peoples_words(layout: str) -> None:
    body = ENGLISH + "\n\n" + ENGLISH.replace("Tuesday", "Monday")
    doc = tokenize(THREADS[layout].format(body=body))
    assert doc.words() == tokenize(body).words()
    assert "comments" in {why for _, _, why in doc.left_out()}


def test_a_question_sites_question_and_credentials_are_left_out() -> None:
    page = THREADS["quora"].format(body=ENGLISH)
    whys = {page[a:b].strip(): why for a, b, why in tokenize(page).left_out()}
    assert whys["Why does the bridge vote matter to people who never drive over it?"] == "comments"
    assert any(
        line.startswith("Former editor") and why == "furniture" for line, why in whys.items()
    )


def test_a_thread_of_one_post_is_read_and_its_boards_lines_are_furniture() -> None:
    page = (
        "Post by jdoe \u00bb Sun Mar 03, 2024 9:12 am\n\n" + ENGLISH + "\n\nTop\n\n"
        "You must log in or register to reply here.\n\n"
        "Users browsing this forum: No registered users and 3 guests"
    )
    doc = tokenize(page)
    assert doc.words() == tokenize(ENGLISH).words()
    assert "comments" not in {why for _, _, why in doc.left_out()}


def test_the_first_posts_closing_question_is_its_own() -> None:
    question = "What will the council do if the money never comes?"
    page = THREADS["phpbb"].format(body=ENGLISH + "\n\n" + question)
    assert "never" in tokenize(page).words()


def test_a_thread_that_is_only_replies_is_judged_whole() -> None:
    page = THREADS["smf"].format(body="Anyone?")
    assert "parking" in tokenize(page).words()


@pytest.mark.parametrize(
    "page",
    [
        # numbered sections without a post's date over the number
        "#1\n{body}\n\n#2\n{body}\n\n#3\n{body}",
        "Updated March 3, 2024\n\n#1\n{body}\n\n#2\n{body}",
        # Invision's marker without Invision's page, Stack Exchange's without its page
        "Posted March 3, 2024\n\n{body}\n\nPosted March 4, 2024\n\n{body}",
        "{body}\n\n2 Answers\n\n{body}",
        # the answer markers' words in sentences
        "{body}\n\nPromoted by the mayor, the plan won easily, profile photo for the site aside."
        "\n\n{body}",
        'The vote was passed by a show of hands " on Monday, 3 March.\n\n{body}\n\n{body}',
    ],
)
def test_text_with_a_threads_marks_but_no_thread_keeps_its_words(page: str) -> None:
    doc = tokenize(page.format(body=ENGLISH))
    assert "comments" not in {why for _, _, why in doc.left_out()}
    assert doc.words().count("bridge") == page.count("{body}")


BLOGGER = (
    "Sunday, March 3, 2024\n\nWhy the bridge vote matters\n\n{body}\n\n"
    "Posted by Jane Doe at 9:12 AM\n\n"
    "Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest\n\n"
    f"Labels: council, local news\n\n2 comments:\n\nsamh said...\n\n{_REPLY_1}\n\n"
    f"March 3, 2024 at 10:40 AM\n\nkat_b said...\n\n{_REPLY_2}\n\nMarch 4, 2024 at 9:02 AM\n\n"
    "Post a Comment\n\nNewer Post Older Post Home\n\nSubscribe to: Post Comments (Atom)\n\n"
    "About Me\n\nJane Doe\n\nI write about our town, its council and its gardens. Views are my"
    " own.\n\nView my complete profile\n\nPowered by Blogger."
)


def test_a_blogger_posts_comments_profile_and_footer_are_left_out() -> None:
    body = ENGLISH + "\n\n" + ENGLISH.replace("Tuesday", "Monday")
    doc = tokenize(BLOGGER.format(body=body))
    assert doc.words() == tokenize(body).words()
    whys = {why for _, _, why in doc.left_out()}
    assert {"comments", "furniture"} <= whys
    # the markers' words in sentences of the text are read
    for line, word in (
        (
            "Post a comment on the council's website if you want your view heard, said a clerk.",
            "clerk",
        ),
        ("About me, she said only that she had lived in the town for forty years.", "forty"),
        (
            "Powered by Blogger and a few friends, the little site has ten thousand readers.",
            "friends",
        ),
    ):
        assert word in tokenize(body + "\n\n" + line + "\n\n" + body).words()


def test_a_writers_platforms_boxes_are_furniture() -> None:
    body = ENGLISH + "\n\n" + ENGLISH.replace("Tuesday", "Monday")
    bio = "Jane writes about local politics and gardening from her home in Leeds."
    hubpages = "Jane Doe profile image\n\nJane Doe\n\n" + bio + "\n\n"
    vocal = (
        "Like\n\nShare\n\nAbout the Creator\n\nJane Doe\n\nI write about our town and its"
        " gardens. Views are my own.\n\nReader insights\n\nBe the first to share your insights"
        " about this piece.\n\nHow does it work?\n\nAdd your insights\n\nComments\n\nBe the"
        " first to respond and start the conversation.\n\nSign in to comment"
    )
    doc = tokenize(hubpages + body + "\n\n" + vocal)
    assert doc.words() == tokenize(body).words()
    assert {why for _, _, why in doc.left_out()} == {"line", "furniture"}
    # without the picture's line, a name and a sentence under it open the text
    assert "writes" in tokenize("Jane Doe\n\n" + bio + "\n\n" + body).words()
    # without its closing line, the prompts' box is read
    open_box = vocal.replace("Add your insights", "Comments so far")
    assert "work" in tokenize(body + "\n\n" + open_box).words()


def test_blogger_comments_need_both_their_markers() -> None:
    body = ENGLISH + "\n\n2 comments:\n\n" + _REPLY_1 + "\n\n" + ENGLISH
    assert "parking" in tokenize(body).words()
    assert "parking" not in tokenize(body + "\n\nPost a Comment").words()


SPANISH = (
    "El ayuntamiento aprobó el martes ampliar el servicio durante un año más. Los partidarios"
    " dijeron que la medida ayuda a los trabajadores a volver a casa con seguridad."
)
ENGLISH = (
    "The council met on Tuesday and agreed to repair the old bridge before winter. Officials"
    " said the work would start in the spring and take about a year to finish, once the"
    " money is in place. Drivers will use a temporary crossing while it is closed."
)


@pytest.mark.parametrize(
    "other",
    [
        SPANISH,
        "Abonnez-vous à notre lettre d'information pour recevoir les dernières nouvelles du jour.",
        "Verifica stirile de azi pentru toate noutatile din tara si din lume, cu analize si opinii.",
        "\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u043e\u0439 \u0441\u043e\u0432\u0435\u0442"
        " \u043e\u0434\u043e\u0431\u0440\u0438\u043b \u0440\u0435\u043c\u043e\u043d\u0442"
        " \u0441\u0442\u0430\u0440\u043e\u0433\u043e \u043c\u043e\u0441\u0442\u0430"
        " \u0434\u043e \u0437\u0438\u043c\u044b.",
        # its vowel signs are combining marks: its words are counted whole, as tokens are
        "नगर परिषद ने मंगलवार को सर्दियों से पहले पुराने पुल की मरम्मत करने पर सहमति दी। "
        "अधिकारियों ने कहा कि काम वसंत में शुरू होगा और पूरा होने में लगभग एक साल लगेगा।",
    ],
    ids=["spanish", "french", "romanian", "russian", "hindi"],
)
def test_a_line_in_another_language_is_blanked(other: str) -> None:
    for text in (ENGLISH + "\n\n" + other, other + "\n\n" + ENGLISH):
        doc = tokenize(text)
        assert doc.words() == tokenize(ENGLISH).words(), text
        assert len(doc.folded) == len(text)


@pytest.mark.parametrize(
    "line",
    [
        "Riders in the Tour de France passed through La Paz and Los Angeles, said Jean de la Fontaine.",
        "Claire Warwick, Universidade Federal de Santa Catarina, Durham University, United Kingdom",
        "The motto of the school is Per aspera ad astra, and the students chant it at the games.",
    ],
)
def test_english_lines_with_foreign_names_are_kept(line: str) -> None:
    words = tokenize(ENGLISH + "\n\n" + line).words()
    assert words[-3:] == tokenize(line).words()[-3:]


# Written for these tests: Norwegian, Dutch and Chinese, whose function words English shares
# in part ("at", "i", "for", "over"; "was", "in", "had") or whose words are not spaced.
NORWEGIAN = (
    "Bystyret vedtok i går at nattbussen skal kjøre i ett år til. Tilhengerne sier at bussen "
    "hjelper skiftarbeidere med å komme trygt hjem om natten, mens kritikerne mener at pengene "
    "heller burde brukes på veiene. Ordføreren sa at hun vil se over tallene igjen til våren, "
    "og at for mange innbyggere er bussen det eneste tilbudet etter midnatt. Vedtaket ble "
    "fattet med knapt flertall etter en lang debatt i bystyresalen. Administrasjonen skal nå "
    "legge fram en plan for hvordan ordningen kan finansieres, og saken kommer tilbake til "
    "bystyret i løpet av høsten."
)
DUTCH = (
    "Het was al laat toen de trein eindelijk aankwam. Mijn grootvader had de hele dag op het "
    "perron gewacht, in zijn oude jas, met een tas vol appels uit de tuin. Hij was blij dat "
    "hij ons zag en zei dat hij in geen jaren zo lang had gestaan. Over de reis vroeg hij "
    "niets, want hij wist dat we moe waren. In de auto vertelde hij over het dorp, over de "
    "buren en over de storm van vorige winter, die het dak van de kerk had beschadigd. Thuis "
    "had mijn grootmoeder soep gemaakt, en het huis rook naar brood en hout."
)
CHINESE = (
    "市议会星期二投票决定将夜间公交服务再延长一年。支持者说，这项服务帮助轮班工人安全回家，"
    "而批评者则认为这笔钱最好用于修路。市长表示，她将在春季再次审查这些数字。"
)


def test_a_text_mostly_in_another_language_is_not_english() -> None:
    from spundetect.status import judgeable

    # its foreign lines are left out, and they are most of its words: not judged on the rest
    # (left in whole before, it was judged whole: an English page over its own Spanish
    # translation was called spun)
    text = SPANISH + "\n\n" + SPANISH + "\n\nThe council met on Tuesday."
    doc = tokenize(text)
    assert "ayuntamiento" not in doc.words() and doc.foreign_words() > doc.n_words
    status, message = judgeable(doc)
    assert status == "not_english" and "is in another language" in message
    page = ENGLISH + "\n\n" + "\n".join([SPANISH] * 3)
    assert judgeable(tokenize(page))[0] == "not_english"
    assert judgeable(tokenize(ENGLISH + "\n\n" + SPANISH))[0] == "ok"  # the Spanish left out
    # languages that write some of English's function words, and unspaced scripts
    for other, said in ((NORWEGIAN, "only English writes"), (DUTCH, "only English writes"),
                        (CHINESE, "without spaces"), (CHINESE * 3 + " " + ENGLISH, "without spaces")):  # fmt: skip
        status, message = judgeable(tokenize(other))
        assert status == "not_english" and said in message, (other[:20], message)


def test_a_text_all_in_an_accented_language_is_not_called_chinese() -> None:
    """Left out whole, no word remained, and the unspaced-script check (letters at least
    twice the words) passed on nothing: French was "a script written without spaces"."""
    from spundetect.status import judgeable

    french = (
        "Le comité a déclaré mardi que les nouvelles règles entreraient en vigueur l'année "
        "prochaine. Les critiques ont soutenu que le changement était précipité, et plusieurs "
        "membres ont demandé plus de temps pour étudier le plan avant un vote final."
    )
    status, message = judgeable(tokenize(french))
    assert status == "not_english" and "is in another language" in message, message


JAPANESE = "市議会は火曜日の夜に会合を開き、来年度の新しい予算について話し合った。"
THAI = "สภาเมืองประชุมเมื่อเย็นวันอังคารเพื่อหารืองบประมาณใหม่สำหรับปีหน้า"


@pytest.mark.parametrize("other", [CHINESE, JAPANESE, THAI], ids=["chinese", "japanese", "thai"])
def test_a_paragraph_in_an_unspaced_script_inside_english_is_left_out(other: str) -> None:
    """Its clauses were a few long "words" (a clause is one token), under the six words a line
    needs to be read as another language: left in, and judged as unknown English words."""
    from spundetect.status import judgeable

    english = ENGLISH + " " + ENGLISH  # longer than the paragraph, so judged
    for text in (english + "\n\n" + other, other + "\n\n" + english):
        doc = tokenize(text)
        assert doc.words() == tokenize(english).words(), text
        ((a, b, why),) = doc.left_out()
        assert why == "language" and text[a:b] == other
        assert judgeable(doc)[0] == "ok"
    # a name or a term in its own script stays part of its English line
    term = ENGLISH + " The word for it is 关系, the speaker said."
    assert tokenize(term).left_out() == []


# Lines in languages whose function words the list lacks: told by their uncommon words, which
# only the reference model's frequency table knows (ReferenceModel.read)
@pytest.mark.parametrize(
    "other",
    [
        "Dewan kota menyetujui perpanjangan layanan bus malam selama satu tahun lagi.",
        "Baraza la jiji limeidhinisha kuongeza huduma ya mabasi ya usiku kwa mwaka mmoja zaidi.",
        # a word that is English too ("do": 1 of 10 words) does not make the line English
        "Zapisz się do naszego newslettera, aby codziennie otrzymywać najnowsze wiadomości.",
        "Funda umbiko ogcwele kuwebhusayithi yethu namuhla bese uwabelana nabangane bakho.",
        "Golaha magaalada ayaa ansixiyay in adeegga baska habeenkii la sii wado hal sano.",
    ],
    ids=["indonesian", "swahili", "polish", "zulu", "somali"],
)
def test_a_line_in_a_language_without_listed_function_words_is_left_out(other: str) -> None:
    reference = Detector.load()._reference
    for text in (ENGLISH + "\n\n" + other, other + "\n\n" + ENGLISH):
        doc = reference.read(text)
        assert doc.words() == reference.read(ENGLISH).words(), text
        assert [why for _, _, why in doc.left_out()] == ["language"]
        ((a, b, _),) = doc.left_out()
        assert text[a:b] == other and len(doc.folded) == len(text)
    assert tokenize(ENGLISH + "\n\n" + other).left_out() == []  # no frequency table: kept


@pytest.mark.parametrize(
    "line",
    [
        "council approves new night bus routes after months of debate",
        "Keywords: paraphrase detection, machine translation, text reuse, plagiarism",
        "mitochondrial dysfunction, oxidative stress, neurodegeneration, apoptosis pathways",
        "grilled halloumi salad, roasted peppers, pomegranate seeds, mint yoghurt dressing",
        "dendrochronology, palynology, radiocarbon dating, stratigraphy and tree rings",
    ],
)
def test_english_lines_of_few_function_words_are_not_another_language(line: str) -> None:
    reference = Detector.load()._reference
    doc = reference.read(ENGLISH + "\n\n" + line + "\n\n" + ENGLISH)
    assert "language" not in {why for _, _, why in doc.left_out()}


# a stand-in for the reference model's reads_as_english: two English words
ENGLISH_WORD = {"common", "usual"}.__contains__


@pytest.mark.parametrize(
    ("line", "foreign"),
    [
        ("zuva kilo mavu teko sino fumo.", True),  # six unknown words
        ("zuva kilo mavu common teko sino.", True),  # 1 of 6 common
        ("zuva kilo common usual teko sino.", False),  # 2 of 6: not under a third
        ("zuva kilo common usual teko sino fumo.", True),  # 2 of 7
        ("Zuva Kilo Mavu Teko Sino Fumo.", False),  # capitals: names, not words
        ("zuva kilo mavu the teko sino fumo lapa.", True),  # 1 English word in 8
        ("zuva kilo mavu the teko and sino fumo lapa reno tika.", True),  # 2 in 11
        ("zuva the kilo and mavu teko sino fumo lapa reno.", False),  # 2 in 10: a fifth
        ("zuva to do mavu teko.", False),  # five words: too short to tell
        ("zuva kilo mavu a b c.", False),  # three words of four letters or more
    ],
)
def test_a_line_of_uncommon_lower_case_words_is_another_language(line: str, foreign: bool) -> None:
    assert (foreign_word_count(line, ENGLISH_WORD) > 0) is foreign
    if "the" not in line:
        assert mostly_unknown_words(line, ENGLISH_WORD) is foreign
    assert foreign_word_count(line) == 0  # without a frequency table, as before


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("the", True),
        ("according", True),
        # rare, but built from English words: a chemist's terms
        ("unfunctionalized", True),
        ("stereospecifically", True),
        # words of other languages the table holds as rare or not at all
        ("untuk", False),
        ("kwamba", False),
        ("tagasuporta", False),
        ("oxaziridines", False),
    ],
)
def test_the_reference_reads_a_word_as_english_when_common_or_built(
    word: str, english: bool
) -> None:
    reference = Detector.load()._reference
    assert reference.reads_as_english(word) is english


def test_a_sentence_of_technical_english_is_not_another_language() -> None:
    """Its rare words are built from English ones; under a third of them would be common."""
    reference = Detector.load()._reference
    chemist = "Chiral oxaziridines act stereospecifically on many unfunctionalized alkenes."
    assert foreign_word_count(chemist, reference.reads_as_english) == 0
    assert foreign_word_count(chemist, lambda w: reference.zipf.get(w, 0.0) >= 3.0) > 0
    doc = reference.read(ENGLISH + " " + chemist + " " + ENGLISH)
    assert doc.left_out() == []


def test_one_unknown_word_does_not_make_a_line_read() -> None:
    """Only lines with two or more lower-case words the table lacks are read; when they hold
    most of the text, they are left out and the status says it is not English."""
    line = "zuva kilo mavu teko sino fumo lapa."
    doc = tokenize(ENGLISH + "\n\n" + line)
    at = [i for i, t in enumerate(doc.tokens) if t in line.split()]
    assert unlisted_language_parts(doc, at, ENGLISH_WORD) == [
        (len(ENGLISH) + 2, len(doc.text), "language")
    ]
    assert unlisted_language_parts(doc, at[:1], ENGLISH_WORD) == []
    assert unlisted_language_parts(doc, at[1:2] + at[4:5], ENGLISH_WORD) != []
    short = tokenize("The council met.\n\n" + line)
    at = [i for i, t in enumerate(short.tokens) if t in line.split()]
    parts = unlisted_language_parts(short, at, ENGLISH_WORD)
    assert parts == [(len("The council met.\n\n"), len(short.text), "language")]
    left = leave_out(short, parts, None)
    assert left.foreign_words() == 7 and left.n_words == 3  # most of the text: not English


def test_a_sentence_of_unknown_words_in_a_line_of_english_is_read_when_they_are_a_fifth() -> None:
    sentence = "Zuva kilo mavu teko sino fumo lapa reno tika sala vemo dapo."  # 13 tokens
    for joint in (" ", "\n\n"):
        doc = tokenize(ENGLISH + joint + sentence + " The council met on Tuesday.")
        at = [i for i, t in enumerate(doc.tokens) if t in sentence.lower().split()]
        a = len(ENGLISH) + len(joint)
        assert unlisted_language_parts(doc, at[:3], ENGLISH_WORD) == [
            (a, a + len(sentence), "language")
        ]
        assert unlisted_language_parts(doc, at[:2], ENGLISH_WORD) == []  # 2 of 13: under a fifth


def test_leave_out_keeps_offsets_and_what_was_left_out_before() -> None:
    text = "Council news\n\n" + ENGLISH + "\n\nzuva kilo mavu teko sino fumo lapa."
    doc = tokenize(text)
    at = [i for i, t in enumerate(doc.tokens) if t in {"zuva", "kilo"}]
    spans = unlisted_language_parts(doc, at, ENGLISH_WORD)
    read = leave_out(doc, spans, set())
    assert [why for _, _, why in read.left_out()] == ["line", "language"]
    assert read.words() == tokenize(ENGLISH).words()
    assert all(text[a:b] == w for w, a, b in zip(read.tokens, read.starts, read.ends, strict=True))


def test_a_sentence_in_another_language_in_a_line_of_english_is_left_out() -> None:
    """A record whose line breaks were lost holds a site's notice or summary as sentences."""
    text = ENGLISH + " " + SPANISH + " " + ENGLISH
    doc = tokenize(text)
    assert doc.words() == tokenize(ENGLISH + " " + ENGLISH).words()
    assert [text[a:b] for a, b, _ in doc.left_out()] == [
        SPANISH[: SPANISH.index(" Los")],
        SPANISH[SPANISH.index("Los") :],
    ]
    swahili = "Baraza la jiji limeidhinisha kuongeza huduma ya mabasi ya usiku kwa mwaka mmoja."
    reference = Detector.load()._reference
    text = ENGLISH + " " + swahili + " " + ENGLISH
    doc = reference.read(text)
    assert [(text[a:b], why) for a, b, why in doc.left_out()] == [(swahili, "language")]
    assert doc.words() == reference.read(ENGLISH + " " + ENGLISH).words()


def test_what_the_first_reading_found_stays_when_a_language_is_left_out() -> None:
    doc = tokenize(ENGLISH.lower() + "\n\n" + SPANISH.lower())
    assert doc.recased() and [why for *_, why in doc.left_out()] == ["language"]
    doc = tokenize("We dont know yet. " + ENGLISH + "\n\n" + SPANISH)
    assert doc.contractions_marked() == {"don't"} and doc.left_out()
    # a contraction in the part left out is not among the text's
    doc = tokenize(ENGLISH + "\n\nEl ayuntamiento dont aprobó el servicio para los vecinos.")
    assert doc.left_out() and doc.contractions_marked() == frozenset()


def test_a_line_mostly_in_another_language_is_not_left_out_sentence_by_sentence() -> None:
    from spundetect.status import judgeable

    text = "The council met on Tuesday. " + SPANISH
    doc = tokenize(text)  # the line is another language's: left out whole, not its sentences
    assert doc.left_out() == [(0, len(text), "language")] and doc.words() == []
    assert judgeable(doc)[0] == "not_english"


def test_what_is_left_out_is_recorded_with_why() -> None:
    text = "Council news\n\n" + ENGLISH + "\n\n" + SPANISH + "\n\n" + ARTICLE + "\n\n" + THREAD
    doc = tokenize(text)
    whys = {why for _, _, why in doc.left_out()}
    assert whys == {"line", "language", "comments"}
    for a, b, why in doc.left_out():
        assert not doc.folded[a:b].strip() and text[a:b].strip()  # blanked, and not blank
        assert why != "language" or text[a:b] == SPANISH
    assert tokenize(ENGLISH).left_out() == []


def assert_furniture(text: str, prose: str = ENGLISH) -> None:
    """``text`` has one part left out, as site furniture, and the words of ``prose`` remain."""
    doc = tokenize(text)
    assert [why for _, _, why in doc.left_out()] == ["furniture"]
    assert doc.words() == tokenize(prose).words()


@pytest.mark.parametrize(
    "pointer",
    [
        "READ MORE: Council to vote again on night bus plan next spring",
        "Related stories: Five things to know about the vote on the bridge",
        "See also \u2013 How the city paid for its last three bridges and roads",
        "Watch: the mayor explains the plan in a short video for residents",
        # a picture's caption or credit, and a source line, led by their labels
        "Image: Nicholas Moreau.",
        "Photo: a man walks past the town hall on Monday, March 3, 2024.",
        "Source: Office for National Statistics",
        # a publisher's note on the story
        "Editor\u2019s note: This story has been updated with comment from the council.",
        "[Update, March 4: The council has since confirmed the vote.]",
        "Correction: An earlier version of this article misstated the date of the meeting.",
    ],
)
def test_a_pointer_to_another_story_is_site_furniture(pointer: str) -> None:
    assert_furniture(ENGLISH + "\n\n" + pointer + "\n\n" + ENGLISH, ENGLISH + " " + ENGLISH)


@pytest.mark.parametrize(
    "prose",
    [
        "Picture this: a warm beach and a cold drink in your hand for the whole long afternoon.",
        "Sources close to the council said the vote was close: nobody knew how it would go.",
    ],
)
def test_a_sentence_that_opens_like_a_label_is_prose(prose: str) -> None:
    assert tokenize(ENGLISH + "\n\n" + prose + "\n\n" + ENGLISH).left_out() == []


def test_mojibake_is_read_as_the_characters_meant() -> None:
    clean = "Here\u2019s \u201cit\u201d \u2014 \u00a324 at the caf\u00e9, na\u00efve \u00dcber."
    for codec in ("cp1252", "latin-1"):
        moji = clean.encode("utf-8").decode(codec, errors="replace")
        assert moji != clean and len(unmojibake(moji)) == len(moji)
        doc = tokenize(moji)
        assert doc.tokens == tokenize(clean).tokens
        i = doc.tokens.index("Here's")
        assert moji[doc.starts[i] : doc.ends[i]] == "Here" + "\u2019".encode().decode(codec) + "s"
        # the quote checks see which way a quotation mark faces
        closing = moji.index("it") + 2
        assert written_char(moji, closing) == "\u201d"
    # text in languages that write these letters stays as written
    for kept in ("S\u00e3o Paulo", "Pe\u00f1a and \u00d1and\u00fa", "\u00c2ge d'or", "\u00c3 ver"):
        assert unmojibake(kept) == kept


def test_c1_controls_are_read_as_windows_1252() -> None:
    """Windows-1252 read as Latin-1 ("don\x92t") reads as what was typed, one for one."""
    clean = "\u201cIt\u2019s \u20ac5 \u2026 or 1990\u20132000\u201d, she said \u2014 twice. \u0178"
    c1 = clean.encode("cp1252").decode("latin-1")
    assert c1 != clean and not c1.isascii()
    assert len(fold(c1)) == len(c1) and fold(c1) == fold(clean)
    doc = tokenize(c1)
    assert doc.tokens == tokenize(clean).tokens and "It's" in doc.tokens
    i = doc.tokens.index("It's")
    assert c1[doc.starts[i] : doc.ends[i]] == "It\x92s"  # offsets into the text as given
    # which way a quotation mark faces, and the ellipsis in such a text
    assert written_char(c1, 0) == "\u201c" and written_char(c1, c1.index(",") - 1) == "\u201d"
    assert written_char(c1, c1.index("\x85")) == "\u2026"
    # NEL with no other C1 control beside it is the line break Latin-1 text means by it
    assert fold("one line\x85another") == "one line\nanother"
    assert written_char("one line\x85another", 8) == "\x85"
    # the five bytes Windows-1252 leaves undefined stay as written
    for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
        assert fold(f"caf\u00e9 {chr(b)} \x93") == f'caf\u00e9 {chr(b)} "'


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        # U+FFFD: a Windows-1252 quote, apostrophe or dash decoded as UTF-8 with replacement
        ("\ufffdIt\ufffds fine,\ufffd he said.", '"It\'s fine," he said.'),
        (
            "We \ufffd all of us \ufffd went (\ufffdthe lot\ufffd).",
            'We - all of us - went ("the lot").',
        ),
        ("In 1990\ufffd2000 it cost \ufffd24.99 a year.", "In 1990-2000 it cost $24.99 a year."),
        ("He said \ufffd100 days\ufffd twice.", 'He said "100 days" twice.'),
        ("He said \ufffd100 days\ufffd", 'He said "100 days"'),  # closed at the text's end
        ("Hi\nA small caf\ufffd near.", "Hi\nA small caf\u2060 near."),  # no quotation open
        ("It costs \ufffd24 and it\ufffds fine.", "It costs $24 and it's fine."),
        ("It cost \ufffd24.\nHe was fine\ufffd then.", "It cost $24.\nHe was fine\u2060 then."),
        ("\ufffd so it began.", "- so it began."),
        (" \ufffd so it went.", " - so it went."),
        (". \ufffd so.", '. " so.'),  # the stray quote machine translation leaves
        ("It cost \ufffd24 \ufffd a lot.", "It cost $24 - a lot."),
        ("He said \ufffd100 days\ufffd.", 'He said "100 days".'),
        ("Yes,\ufffd she said.", 'Yes," she said.'),
        ("Hi\n\ufffdYes,\ufffd and caf\ufffd ok.", 'Hi\n"Yes," and caf\u2060 ok.'),
        ("It ended \ufffd.", "It ended \ufffd."),  # nothing it could be
        ("Model A\ufffd5 is new.", "Model A\ufffd5 is new."),
        ("A small caf\ufffd near the station.", "A small caf\u2060 near the station."),
        # "?" for each: only in a text with one between two letters, only where no question
        # mark could stand
        ("?It?s fine,? he said. Is it? Yes ? it is.", '"It\'s fine," he said. Is it? Yes - it is.'),
        ("He asked ?why not?? and left. Don?t go.", 'He asked "why not"? and left. Don\'t go.'),
        ("Is it fine? Yes. What? ?Really", "Is it fine? Yes. What? ?Really"),  # no such letter
        ("The page?id=3 and why? Because.", "The page'id=3 and why? Because."),
        (
            "Don?t. It rained?Yes it did. O?Brien said.",
            "Don't. It rained?Yes it did. O'Brien said.",
        ),
        ("O?Brien didn?t go", "O'Brien didn't go"),
        ("Don?t ask: a?Yes or no.", "Don't ask: a?Yes or no."),
        # in capitals: a contraction's or a possessive's ending, not a sentence's first word
        ("DON?T TOUCH JOHN?S CAR, WE?RE OUT.", "DON'T TOUCH JOHN'S CAR, WE'RE OUT."),
        ("IT RAINED?SOMETIMES NOT. DON?T", "IT RAINED?SOMETIMES NOT. DON'T"),
    ],
)
def test_characters_lost_to_an_encoding_are_read_back(written: str, reads: str) -> None:
    assert read_lost_characters(written) == reads
    assert len(read_as_meant(written)) == len(written)


def test_mojibake_whose_undecodable_byte_was_dropped_closes_its_quote() -> None:
    clean = "He said \u201cfine\u201d and \u201cso\u201d. It\u2019s late."
    cut = clean.encode("utf-8").decode("cp1252", errors="ignore")
    assert "\u00e2\u20ac " in cut and "\u00e2\u20ac." in cut  # the closing quotes, cut short
    read = unmojibake(cut)
    assert len(read) == len(cut) and read.replace(PAD, "") == clean
    assert written_char(cut, cut.index("\u00e2\u20ac ")) == "\u201d"


def test_mojibake_twice_is_read_through_both_layers() -> None:
    clean = "Here\u2019s \u201cit\u201d \u2014 \u00a324 at the caf\u00e9."
    twice = clean.encode("utf-8").decode("cp1252", errors="replace")
    twice = twice.encode("utf-8").decode("cp1252", errors="replace")
    assert "\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2" in twice  # "’" twice over
    read = unmojibake(twice)
    assert len(read) == len(twice) and read.replace(PAD, "") == clean
    assert tokenize(twice).tokens == tokenize(clean).tokens
    opening = twice.index("it") - 7  # "“" is 7 characters twice over: "Ã¢â‚¬Å“"
    assert twice[opening] == "\u00c3" and written_char(twice, opening) == "\u201c"
    # a third layer is not read (two at most), and one layer still reads as before
    once = clean.encode("utf-8").decode("cp1252", errors="replace")
    assert unmojibake(once).replace(PAD, "") == clean


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("it&amp;#8217;s", "it'"),
        ("R&amp;amp;D", "R&"),
        ("&amp;amp;quot;Yes&amp;amp;quot;", '"'),
        ("R&amp;D", "R&"),  # once, as before
    ],
)
def test_a_reference_escaped_again_is_read_as_the_one_it_escapes(written: str, reads: str) -> None:
    read = decode_references(written)
    assert len(read) == len(written) and read.replace(PAD, "").startswith(reads)


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("I don\\'t know, he said " + '\\"yes\\".', 'I don\'t know, he said "yes".'),
        ("The end.\\n\\nNext part.", "The end.\r\n\r\nNext part."),
        ("I don\\'t know.", "I don't know."),
        ("One line.\\r\\nTwo\\tlines.", "One line.  \r\nTwo  lines."),
        # "\n" in prose about it, with nothing that shows the text's breaks were escaped
        (
            "Type \\n for a new line, or \\t for a tab.",
            "Type \\n for a new line, or \\t for a tab.",
        ),
        ("A path C:\\temp\\new stays.", "A path C:\\temp\\new stays."),
    ],
)
def test_escapes_a_program_left_are_read_as_what_they_stand_for(written: str, reads: str) -> None:
    read = read_escapes(written)
    assert len(read) == len(written) and read.replace(PAD, "") == reads.replace(PAD, "")


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("It\\u2019s \\u201cfine\\u201d \\u2014 caf\\u00e9.", 'It\'s "fine" - caf\u00e9.'),
        ("A smile \\ud83d\\ude00 here.", "A smile \U0001f600 here."),
        ("Half \\ud83d a pair, \\u0007 a bell.", "Half \\ud83d a pair, \\u0007 a bell."),
        # the edges of the surrogates and of the control characters kept
        ("\\ud7ff \\ud800 \\udfff \\ue000", "\ud7ff \\ud800 \\udfff \ue000"),
        (  # (white space is padded with spaces; a lone carriage return is a line break)
            "a\\u000ab\\u000dc\\u0009d\\u0008e\\u001ff\\u0020g",
            "a\n     b\n     c      d\\u0008e\\u001ff      g",
        ),
    ],
)
def test_characters_escaped_as_json_are_read_as_themselves(written: str, reads: str) -> None:
    read = read_escapes(written)
    assert len(read) == len(written) and read.replace(PAD, "") == reads


def test_escaped_line_breaks_end_paragraphs() -> None:
    written = "Council news\\n\\nThe council met on Monday. It voted.\\n\\nMore to come."
    doc = tokenize(written)
    assert doc.tokens == tokenize(written.replace("\\n", "\n")).tokens
    assert "nThe" not in doc.tokens and "\\" not in doc.tokens


def test_a_lost_apostrophe_keeps_its_word_and_its_sentence() -> None:
    for written in ("I don\ufffdt know. It\ufffds late.", "I don?t know. It?s late."):
        doc = tokenize(written)
        assert doc.tokens == tokenize("I don't know. It's late.").tokens
        assert len(doc.sentences) == 2


@pytest.mark.parametrize(
    ("marked", "reads"),
    [
        ("The **new budget** was *approved* today.", "The new budget was approved today."),
        ("The __new budget__ was _approved_ today.", "The new budget was approved today."),
        ("Run `make test` first.", "Run make test first."),
        ("It was ***very*** late.", "It was very late."),
        ('See [the full report](https://x.org/r-1 "Report") now.', "See the full report now."),
        ("A chart: ![council spending](chart.png) here.", "A chart: council spending here."),
        ("## Council news", "Council news"),
        ("* one item here", "one item here"),
        ("\u2022 one item here\n\u2022 and one more", "one item here\nand one more"),
        # a wiki page's citation markers
        ("The city grew.[3][14] Then it shrank,[7] fast.", "The city grew. Then it shrank, fast."),
        ("It was founded in 1820.[citation needed]", "It was founded in 1820."),
        ("The plan[when?] was dropped.", "The plan was dropped."),
        # author-year citations, with the space before them
        (
            "It fell (Adams & Patel, 2019). It rose (Brown, 2021, p. 14), then (e.g., "
            "Nguyen et al., 2020; Lee 2018) held.",
            "It fell. It rose, then held.",
        ),
        ("As argued before (see Ortiz and Clarke, 2017a, 2018).", "As argued before."),
        # a footnote's number in superscript after a stop; a transcript's time stamps
        (
            "It was late.\u00b9 The room was full,\u00b2\u00b3 then empty.",
            "It was late. The room was full, then empty.",
        ),
        (
            "[00:02:13] We started late.\n\n[1:02:13.5] Then it rained.",
            "We started late.\n\nThen it rained.",
        ),
        # a transcript's speaker labels
        ("Q: Why did you stay?\nA: Because it rained.", "Why did you stay?\nBecause it rained."),
        (
            "Q. Why did you stay?\n\nA. Because it rained.\n\nQ. And then?\n\nA. We left.",
            "Why did you stay?\n\nBecause it rained.\n\nAnd then?\n\nWe left.",
        ),
        (
            "SARAH: We left.\n\nMR O'BRIEN: We stayed.\n\nInterviewer: Why?",
            "We left.\n\nWe stayed.\n\nWhy?",
        ),
        # bold before a possessive or a contraction: one word, as written plain
        (
            "That **Russia**'s economy grew; **they**'ll see.",
            "That Russia's economy grew; they'll see.",
        ),
        (
            "The **firm**'s plan, a **word**'quoted' here.",
            "The firm's plan, a word 'quoted' here.",
        ),
        # HTML tags of running text
        ("<p>The <strong>new</strong> budget.</p>", "The new budget."),
        ('See <a href="https://x.org/a_b?c=1">the report</a> now.', "See the report now."),
        (
            "One line<br>and the next, un<em>believ</em>able.",
            "One line and the next, unbelievable.",
        ),
    ],
)
def test_markdown_marks_are_read_as_nothing(marked: str, reads: str) -> None:
    folded = unmark(marked)
    assert len(folded) == len(marked)
    assert tokenize(marked).words() == tokenize(reads).words()
    doc = tokenize(marked)
    for tok, a, b in zip(doc.tokens, doc.starts, doc.ends, strict=True):
        # spans point at the words as written: their letters, in order, marks between
        written = iter(marked[a:b])
        assert marked[a] == tok[0] and all(c in written for c in tok)


def test_an_apostrophe_typed_as_an_accent_or_a_backtick_is_read_as_one() -> None:
    """ "don´t", "can`t": a keyboard's stand-in for the apostrophe, between two letters only;
    a Markdown code span keeps its backticks, and a lone accent stays a symbol."""
    text = "They can\u00b4t come and don`t say, it\u00b4s Mary\u00b4s call."
    doc = tokenize(text)
    assert doc.tokens == tokenize("They can't come and don't say, it's Mary's call.").tokens
    assert len(doc.folded) == len(text) and doc.text == text
    i = doc.tokens.index("don't")
    assert text[doc.starts[i] : doc.ends[i]] == "don`t"
    code = "Run `ls` first, then `cd` into it."
    assert tokenize(code).tokens == ["Run", "ls", "first", ",", "then", "cd", "into", "it", "."]
    assert tokenize("He said \u00b4hi\u00b4 twice.").tokens[2] == "\u00b4"


def test_the_pronoun_typed_in_lower_case_is_read_as_i() -> None:
    """ "i think", "i'm": chat's lower-case pronoun in a text otherwise in standard case reads
    as "I" (at a sentence's start it was a broken sentence boundary); a list's "(i)", "i.e."
    and a word's letter stay as written."""
    text = "Yes. i think i'm right, and so do i. Then i left.\ni've no doubt."
    doc = tokenize(text)
    assert (
        doc.tokens
        == tokenize("Yes. I think I'm right, and so do I. Then I left.\nI've no doubt.").tokens
    )
    assert doc.text == text and len(doc.folded) == len(text)
    kept = "The rules (i) apply, i.e. to Wi-Fi and the i-Pod."
    assert tokenize(kept).tokens == [
        "The", "rules", "(", "i", ")", "apply", ",", "i", ".", "e", ".", "to",
        "Wi", "-", "Fi", "and", "the", "i", "-", "Pod", ".",
    ]  # fmt: skip


def test_quotations_in_single_quotes_are_read_as_in_double_ones() -> None:
    """British style ('unworkable'): read as "unworkable", straight or curly, in a text with
    no double quotes; elisions, possessives and single quotes nested in double ones stay."""
    from spundetect.reading import read_single_quotes

    text = (
        "The plan was \u2018unworkable\u2019, he said. 'We don't agree,' said the players' union."
    )
    doc = tokenize(text)
    assert (
        doc.tokens
        == tokenize(
            'The plan was "unworkable", he said. "We don\'t agree," said the players\' union.'
        ).tokens
    )
    assert doc.text == text and len(doc.folded) == len(text)
    i = doc.tokens.index("unworkable")
    assert text[doc.starts[i] - 1] == "\u2018" and text[doc.ends[i]] == "\u2019"
    for kept in (
        "Rock 'n' roll in the '90s, so tell 'em the players' fees rose.",
        "He said \"it's 'fine' by me\" and left.",  # nested in double quotes
        "'An opening quote with no close on its line\nand then' more.",
    ):
        assert read_single_quotes(kept) == kept, kept


def test_an_editors_sic_is_read_as_nothing() -> None:
    """ "[sic]" after a word an editor vouches for is apparatus, with the space before it; a
    word that only starts so, or one glued to it, stays."""
    text = 'She wrote that "the goverment [sic] knew" and [SIC!] it was so.'
    assert (
        tokenize(text).tokens
        == tokenize('She wrote that "the goverment knew" and it was so.').tokens
    )
    for kept in ("The [sicko] label stays.", "x[sic]y", "[sic] at the start"):
        assert unmark(kept) == kept


def test_an_initial_at_a_line_start_is_not_a_speakers_label() -> None:
    # "Q." and "A." with a stop are labels only beside a "Q." line that asks a question
    text = "A. J. Ayer argued that the claim was empty.\nQ. Smith disagreed with him."
    assert unmark(text) == text
    asked = "Q. Did Ayer argue that?\nA. J. Ayer argued that the claim was empty."
    assert unmark(asked).split("\n")[0] == "   Did Ayer argue that?"


@pytest.mark.parametrize(
    "prose",
    [
        "5 * 3 is 15, and the total* is marked.",
        "The snake_case_name and file_name stay.",
        "We don`t know, they won`t say.",
        "a ** b ** c",
        "#hashtag at the start",
        "[1] A footnote and [citation needed] stay.",
        'The "[citation needed]" tags and "[1]" marks stay.',
        '"[t]here\'s no law," she said, and it see[s] no end.',
        "The array a[i] holds it.",
        "If x < y and y > z, then <3 and a <tag> stay.",
        # dates, years and places in brackets are the text's own, and so is a unit's square
        "It opened (October 2007) and closed (2019) in Leeds (UK).",
        "The Games (London 2012 and Paris 2024) and the hall (built 1901) stay.",
        "The room is 20 m\u00b2 and the cube 8 cm\u00b3.",
        "Afghanistan: a mountainous country.\nKey fact: it is landlocked.",
        "It ran late. A: the first option, B: the second.",
    ],
)
def test_asterisks_underscores_and_brackets_in_prose_stay(prose: str) -> None:
    assert unmark(prose) == prose


_HEADLINES = [
    "Council to vote again on the night bus plan early next spring",
    "Five things residents should know about the new bridge repair budget",
    "Police appeal for witnesses after a crash on the ring road on Sunday",
    "Local bakery wins a national prize for its rye bread and sourdough",
]


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (Reuters) - ",
        "LONDON, March 3 (AP) \u2014 ",
        "SAN FRANCISCO/NEW YORK (Reuters) -",
        # a press release's, as the release wires date it
        "DENVER, March 3, 2024 /PRNewswire/ -- ",
        "SAN FRANCISCO--(BUSINESS WIRE)--",
        "TORONTO, March 3, 2024 (GLOBE NEWSWIRE) -- ",
        "VANCOUVER, BC / ACCESSWIRE / March 3, 2024 / ",
        "MIAMI, Fla., March 3, 2024 /EINPresswire.com/ -- ",
        # national agencies' copy, and a dash, a colon or nothing after the agency
        "LAGOS (NAN) - ",
        "KUALA LUMPUR, March 3 (Bernama) -- ",
        "Rio de Janeiro, March 3 (Reuters) - ",
        "ISLAMABAD, March 3 (APP): ",
        "Kabul [Afghanistan], March 3 (ANI): ",
        "New Delhi, March 3 (PTI) ",
        # CNN's, and a newspaper's own with no agency
        "Washington CNN \u2014 ",
        "(CNN) \u2014 ",
        "WASHINGTON \u2014 ",
        "KYIV, Ukraine \u2014 ",
        "ST. LOUIS - ",
    ],
)
def test_a_wire_dateline_is_left_out(dateline: str) -> None:
    for body in (ENGLISH, ENGLISH + "\n\n" + ENGLISH):  # one line, or several
        doc = tokenize(dateline + body)
        assert doc.left_out() == [(0, len(dateline), "furniture")]
        assert doc.words() == tokenize(body).words()
    # inside a line left out whole, it is not listed twice (offsets stay exact)
    text = dateline + "Short line\n\n" + ENGLISH + "\n\n" + ENGLISH
    doc = tokenize(text)
    assert len(doc.folded) == len(text)
    assert doc.left_out()[0] == (0, len(dateline) + 10, "line")
    # an agency named in a sentence is prose
    assert tokenize(ENGLISH + " A spokesman (AP) - no, a writer - said so.").left_out() == []


@pytest.mark.parametrize(
    "line",
    [
        "NATO - the alliance - said on Monday that the bridge was not its concern.",
        "FIFA \u2014 football's governing body \u2014 fined the club for the crowd trouble.",
        "U.S.-China talks resumed on Monday after a week of silence, officials said.",
        "BBC One - The show returns next week with a new host and a new studio.",
        "My personal assistant (PA) Jane Doe booked the room for the council meeting.",
        "The station (CNN) - which broadcast the vote live - said the figures were wrong.",
        "Reuters - the news agency - said its reporter had been released on Monday.",
        "AAP reporters covered the vote in the council chamber on Monday night.",
    ],
)
def test_an_opening_that_only_looks_like_a_dateline_is_prose(line: str) -> None:
    for text in (line + "\n\n" + ENGLISH, ENGLISH + "\n\n" + line):
        assert tokenize(text).left_out() == []


def test_a_newspapers_dateline_counts_only_where_the_story_starts() -> None:
    dateline = "WASHINGTON \u2014 "
    # under a headline and a byline, it still opens the story
    text = "Council votes to close the bridge\n\nBy Jane Doe\n\n" + dateline + ENGLISH
    assert tokenize(text).words() == tokenize(ENGLISH).words()
    # further down, the same shape is a sentence's own opening ("BNB - Big Big News is ...")
    blurb = "BNB \u2014 Big Big News is a news portal that offers the latest news from the world."
    for line in (dateline + ENGLISH, blurb):
        assert tokenize(ENGLISH + "\n\n" + line).left_out() == []


def test_a_block_of_headlines_under_the_text_is_left_out() -> None:
    body = ENGLISH + "\n\n" + ENGLISH
    block = "More from News\n\n" + "\n".join(_HEADLINES)
    doc = tokenize(body + "\n\n" + block)
    assert [why for _, _, why in doc.left_out()] == ["line"] * 5
    assert doc.words() == tokenize(body).words()
    # two such lines are a title and a subtitle, or two list items: read
    two = tokenize(body + "\n\n" + "\n".join(_HEADLINES[:2]))
    assert two.left_out() == []
    # a run is broken by a sentence; lines that end like sentences are prose
    broken = "\n".join([*_HEADLINES[:2], ENGLISH, *_HEADLINES[2:]])
    assert tokenize(body + "\n\n" + broken).left_out() == []
    stops = "\n".join(h + "." for h in _HEADLINES)
    assert tokenize(body + "\n\n" + stops).left_out() == []


@pytest.mark.parametrize(
    "credit",
    [
        "Reporting by Jane Doe in Washington; Additional reporting by Tom Lee; Editing by Sam Holt",
        "(Reporting by Jane Doe in Washington and Tom Lee in London; writing by Sam Holt)",
        "Associated Press writer Jill Lawless in Dublin contributed to this report.",
        "A man walks past the town hall on Monday, March 3, 2024. REUTERS/Jane Doe/File Photo",
        "A man walks past the town hall in Athens on Monday. (AP Photo/Petros Giannakouris)",
        "Crowds gather outside the town hall on Monday evening. (Photo by Jane Doe/Getty Images)",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Reporting was contributed by Jane Doe from London and Tom Lee from Paris.",
        "Image source, Getty Images",
        "Image caption, Crowds gathered outside the parliament building on Monday evening",
        "Media caption, The president spoke to reporters outside the White House on Monday",
        # a wiki page's footer
        'Retrieved from "https://en.wikipedia.org/w/index.php?title=Old_Bridge&oldid=1211234567"',
        "This page was last edited on 3 March 2024, at 10:14 (UTC).",
        "Text is available under the Creative Commons Attribution-ShareAlike License 4.0;"
        " additional terms may apply. By using this site, you agree to the Terms of Use.",
        # a blog page's comment form, share bar and filing
        "Save my name, email, and website in this browser for the next time I comment.",
        "Like Loading...",
        "Posted in Recipes | Tagged bread, rye, sourdough | Leave a comment",
        "Filed Under: Home & Garden Tagged With: budget, repairs, tips",
        "Tags: budget, council, repairs, bridges",
        "Notify me of follow-up comments by email.",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "This entry was posted in Recipes and tagged bread, rye on March 3, 2024 by Jane."
        " Bookmark the permalink.",
        "Theme: Astra by Brainstorm Force.",
        "Previous Post: How to fix a squeaky door in five minutes",
        # a newsletter's subscribe boxes, as Substack writes them
        "Thanks for reading The Weekly Ledger! Subscribe for free to receive new posts and"
        " support my work.",
        "The Weekly Ledger is a reader-supported publication. To receive new posts and support my"
        " work, consider becoming a free or paid subscriber.",
        "Ready for more?",
        # a press release's safe-harbour notice and source line
        "This press release contains forward-looking statements within the meaning of the"
        " Private Securities Litigation Reform Act of 1995, which involve risks.",
        "Actual results may differ materially. The company undertakes no obligation to update"
        " any forward-looking statement, whether as a result of new information or otherwise.",
        "SOURCE Northgate Logistics Inc.",
        # a sharing plugin's buttons, Ghost's subscribe box
        "Click to share on Facebook (Opens in new window)",
        "Click to email a link to a friend (Opens in new window)",
        "Sign up for more like this.",
        # an article directory's resource box and filing line
        "Author Resource:- Jane Doe writes about homes and gardens. Visit her site for more.",
        "Author Bio: Jane Doe is a freelance writer who loves gardening and DIY.",
        "Resource Box: Jane Doe has fixed doors for twenty years. Visit her site for tips.",
        "This article was posted in Home Improvement and has 0 comments.",
        # a journal article's labelled statements, captions and corresponding author
        "Funding: This research received no external funding.",
        "Conflicts of Interest: The authors declare no conflict of interest.",
        "Data Availability Statement: The data are available from the authors on request.",
        "Author Contributions: Conceptualization, J.D.; writing, S.H. All authors agreed.",
        "Publisher's Note: Springer Nature remains neutral with regard to jurisdictional claims.",
        "* Corresponding author.",
        "Corresponding author: Jane Doe, Department of Computer Science, Example University.",
        "Fig. 1. The proposed framework, from the field images to the model's report.",
        "Table 2: Accuracy of the compared methods on the three datasets.",
        "Figure 3 | Accuracy of the model on the test fields.",
        "Figure 2 \u2013 Distribution of the disease across the three fields.",
        # AP's and Reuters' lines on their own sites
        "AP\u2019s Jane Doe contributed from London.",
        "The Associated Press is an independent global news organization dedicated to factual"
        " reporting. Founded in 1846, AP today remains the most trusted source of fast, accurate,"
        " unbiased news in all formats.",
        "Get weekly news and analysis on the elections with the newsletter On the Campaign Trail."
        " Sign up here.",
        # big news sites' promotions
        "Sign up for CNN\u2019s Wonder Theory science newsletter. Explore the universe with news.",
        "Sign up to First Edition, our free daily newsletter \u2013 every weekday morning at 7am",
        "Privacy Notice: Newsletters may contain info about charities, online ads, and content.",
        "CLICK HERE TO GET THE FOX NEWS APP",
        "As a subscriber, you have 10 gift articles to give each month. Anyone can read them.",
        # an e-mail newsletter's lines, a recipe card's nutrition line
        "You are receiving this email because you opted in via our website.",
        "Want to change how you receive these emails? You can update your preferences or"
        " unsubscribe from this list.",
        "If you no longer wish to receive these emails, click here to unsubscribe.",
        "Calories: 180kcal | Carbohydrates: 38g | Protein: 5g | Fat: 1g | Sodium: 390mg",
        # LinkedIn's sign-in wall, a forum post's edit line, a shop's seller line
        "Create your free account or sign in to continue your search",
        "To view or add a comment, sign in",
        "Last edited by jdoe on Mon Mar 03, 2024 9:00 am, edited 1 time in total.",
        "Sold by Acme Store and ships from Amazon Fulfillment.",
    ],
)
def test_a_wire_credit_caption_or_page_footer_is_site_furniture(credit: str) -> None:
    assert_furniture(ENGLISH + "\n\n" + credit)


@pytest.mark.parametrize(
    "byline",
    [
        "By ZEKE MILLER, JOSH BOAK and AAMER MADHANI Associated Press",
        "By Jane Doe and John Roe, The Washington Post",
        "BY MARIA DE LA CRUZ, TOM VAN DER BERG and SAM HOLT | Staff Writers",
    ],
)
def test_a_byline_of_several_writers_is_site_furniture(byline: str) -> None:
    assert len(byline.split()) >= 8  # (shorter lines are left out as short lines)
    assert_furniture(byline + "\n\n" + ENGLISH)


def test_a_short_text_under_much_furniture_is_still_prose() -> None:
    furniture = [
        "By ZEKE MILLER, JOSH BOAK and AAMER MADHANI Associated Press",
        ENGLISH,
        "Associated Press writer Jill Lawless in Dublin contributed to this report.",
        "This story has been corrected to show that the vote took place on Tuesday.",
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be"
        " published, broadcast, rewritten or redistributed without permission.",
    ]
    text = "\n\n".join(furniture)
    assert len(text) > 2 * len(ENGLISH)  # more furniture than prose
    doc = tokenize(text)
    assert not doc.mostly_short_lines()
    assert [why for _, _, why in doc.left_out()] == ["furniture"] * 4
    assert doc.words() == tokenize(ENGLISH).words()
    # short lines are still what makes a list, furniture or not
    listed = "\n".join([*furniture[:1], "Milk and eggs", "Two loaves of bread", "Butter", "Apples",
                        "Rice", "Tea", "Then the bank."])  # fmt: skip
    assert tokenize(listed).mostly_short_lines()


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, officials had agreed to close the old bridge to all traffic",
        "By the time the vote was called, most of the members had gone home",
        "By contrast, The Council And Its Members Voted For The New Plan On Monday",
    ],
)
def test_a_line_that_starts_with_by_and_says_something_is_prose(line: str) -> None:
    assert tokenize(line + "\n\n" + ENGLISH).left_out() == []


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Reuters showed that the firm had lost money in three of the last four years.",
        "Residents contributed money to the repair fund for three years, the council said.",
        "Reporting by the local paper on the vote was thin; few residents read it at all",
    ],
)
def test_a_sentence_about_reporting_or_contributing_is_prose(line: str) -> None:
    assert tokenize(ENGLISH + "\n\n" + line).left_out() == []


_STOCK_LINES = [
    "This post may contain affiliate links; we may earn a small commission at no cost to you.",
    "As an Amazon Associate I earn from qualifying purchases.",
    "This article was written with the help of AI tools and checked by our editors.",
    "This story first appeared in the Weekly Examiner and is reprinted with permission.",
    "This piece is republished from The Conversation under a Creative Commons licence.",
    "Originally published at example.org on March 3, 2021.",
    "The views expressed in this column are the author's own.",
    "Opinions here do not necessarily reflect those of the station.",
    "Thanks for reading! See you next week.",
    "If you enjoyed this post, please share it with a friend.",
    "Follow us on Instagram for more pictures like these.",
    "Like what you read? Subscribe to our weekly digest.",
    "Prices were correct at the time of writing.",
    "This story has been corrected to show that the vote took place on Tuesday, not Monday.",
    "An earlier version of this article misstated the name of the council's chairman.",
    "Follow BBC West Midlands on Facebook, X and Instagram. Send your story ideas to us.",
    "Get the latest news delivered straight to your inbox every morning with our briefing.",
    "The Associated Press receives financial support from the Walton Family Foundation for"
    " coverage of water and environmental policy. The AP is solely responsible for all content.",
    "A version of this article appears in print on March 3, 2024, Section A, Page 1 of the New"
    " York edition with the headline: Council Votes to Close Old Bridge.",
    "This is a developing story and will be updated.",
    "This article is for subscribers only. Subscribe now to continue reading.",
    "You have reached your limit of free articles this month.",
    "Have a news tip? Email us at tips@example.com or call our newsroom.",
    "Contact the author at jane.doe@example.com or follow her on social media for updates.",
    "Jane Doe is a senior reporter at the Example Times, where she covers politics and transport.",
    "Like this post? Pin it for later!",
    # a news site's lines under agency copy
    "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)",
    "Catch all the Business News, Breaking News Events and Latest News Updates on The Daily"
    " Ledger.",
    "Download The Daily Ledger News App to get Daily Market Updates & Live Business News.",
    "Sign up for The Morning newsletter from The Daily Ledger",
    "Read the full story here.",
    "This is a guest post by Jane Doe of Example Home.",
    "You are free to republish this article as long as the author's bio and links are included.",
    "Tried this recipe? Let us know how it was!",
    "Did you make this recipe? Tag @examplehome on Instagram and hashtag it #examplehome",
    # a news aggregator's
    "Add Yahoo as a preferred source to see more of our stories on Google.",
    'Show full articles without "Continue Reading" button for 0 hours.',
    # a writers' platform's
    "This content is accurate and true to the best of the author's knowledge and is not meant"
    " to substitute for formal and individualized advice from a qualified professional.",
]


@pytest.mark.parametrize("line", _STOCK_LINES)
def test_a_publishers_stock_line_is_site_furniture(line: str) -> None:
    assert_furniture(ENGLISH + "\n\n" + line)


@pytest.mark.parametrize(
    "line",
    [
        "The study first appeared in Nature in 2019 and was widely cited by other teams.",
        "This article of the constitution was first published in 1791 and amended later.",
        "Follow the river on foot for two miles until you reach the old stone bridge.",
        "Critics said the views expressed in the film were outdated and unkind to women.",
        "The shop earns a small commission on every ticket sold through its website.",
        "Researchers said the model was trained on text written by people, not by AI tools.",
        "He thanked the nurses for watching over his mother during her last weeks.",
        "The council has corrected the figures in this report twice since it was published.",
        "Follow the signs on the motorway to the coast, then take the old road to the bay.",
        "The charity receives support from the council for its coverage of the costs of care.",
        "The waiter said they would have a tip for the chef if the meal was as good as last time.",
        "Jane Doe is a nurse at the city hospital, where she has worked for twenty years.",
        "They could not contact the owner of the boat, which had drifted onto the rocks.",
        "The new version of the story appears in print for the first time this week, in a book.",
        "Like loading a dishwasher, sorting the recycling is a chore nobody in the house wants.",
        "Posted in the window of the bakery, the notice said the shop would close on Friday.",
        "Investors cheered the firm's forward-looking guidance, which beat what analysts expected.",
        "SOURCE OF THE NILE: explorers said on Monday they had found a new spring in the hills.",
        "Notify the council of any damage by email, a spokesman told residents on Monday.",
        "The next post office to close will be the one on Mill Street, the company said.",
        "In 2020 - the year the plant closed - the town lost a third of its jobs, the mayor said.",
        "Pin the notice to the board by the door, the caretaker told the volunteers at noon.",
        "Ready for more? The second half of the season starts in March, the club said.",
        "The ferry is run by a member-supported charity that has kept it going every summer.",
        "Catch all the fish you like, the warden said, but throw back the small ones.",
        "Install the app on your phone before the trip, the guide said, as signal is poor.",
        "Read the full report before the meeting, the chairman told the council members.",
        "Sign up for the newsletter closes on Friday, the club said in a statement.",
        "The syndicated column ran in forty papers across the country for ten years.",
        "Click to share buttons were added to the council's website last year, officials said.",
        "A guest post by the minister in the local paper angered residents, the council said.",
        "Author biographies were added to the museum's new exhibit on the old bridge last year.",
        "The newspaper said other papers may reprint the story if they credit the reporter.",
        "This article of the treaty was posted in every town hall in the country in 1919.",
        "Table 2 shows the accuracy of the compared methods on the three datasets.",
        "Figure 1 shows the framework we propose for the detection of crop disease.",
        "Chart 3 - the busiest months - shows July and August, the report said.",
        "The corresponding author of the study, Jane Doe, said the results were clear.",
        "Received wisdom holds that the bridge cannot be saved, but the engineers disagree.",
        "Copyright law protects the designs of the bridge, the architect said on Monday.",
        "AP's investigation contributed to the resignation of the minister, the paper said.",
        "Residents can sign up here for the new bus pass, the council said on Monday.",
        "Sign up for the council's newsletter is open to every resident of the town, she said.",
        "Customers who received this email should not click the link in it, the bank warned.",
        "This email was sent to thousands of customers on Monday, the bank said.",
        "Have you tried this recipe before? the chef asked the class, and most said they had.",
        "Calories matter less than sleep, the doctor told the committee on Monday.",
        "Last edited by the council in 2019, the plan cost two million pounds in total, it said.",
        "Sold by the family in 1990, the mill now ships from a new site in Leeds, the owner said.",
    ],
)
def test_a_sentence_about_the_same_things_is_prose(line: str) -> None:
    assert tokenize(ENGLISH + "\n\n" + line).left_out() == []


def test_a_long_paragraph_with_a_stock_phrase_is_prose() -> None:
    line = (
        "Thanks for reading the draft, she told the committee, before she explained at length "
        "why the old library should stay open on Sundays, why the roof needed repairs before "
        "the winter and why the town could afford both if it sold the empty lot by the station."
    )
    assert len(line.split()) > 40
    assert tokenize(ENGLISH + "\n\n" + line).left_out() == []


def test_a_mailing_services_lines_over_and_under_a_newsletter_are_left_out() -> None:
    tail = (
        "Forward to a friend\n\nYou are receiving this email because you opted in via our"
        " website.\n\nOur mailing address is:\nExample Home\n1 Mill Street\nLeeds LS1 1AA\n\n"
        "Want to change how you receive these emails?\nYou can update your preferences or"
        " unsubscribe from this list."
    )
    doc = tokenize("View this email in your browser\n\n" + ENGLISH + "\n\n" + tail)
    assert doc.words() == tokenize(ENGLISH).words()


@pytest.mark.parametrize(
    "stamp",
    [
        "Published 3:14 p.m. ET March 3, 2024 | Updated 5:02 p.m. ET, with comment from the mayor",
        "Last updated on Wednesday, 6 March 2024, at 11:45 GMT by the news desk of the paper",
        "Posted by Jane Doe, senior reporter for the city desk, on March 3, 2024 at 10:14 am",
        "First published on Tue 3 Mar 2024 09.14 GMT, and last modified on Wed 4 Mar 2024",
        # one field of a line of fields
        "Written by Jane Doe | New Delhi | Updated: March 3, 2024 08:00 IST",
        # its age for its date
        "By Jane Doe | Published 3 months ago | 3 min read",
    ],
)
def test_a_time_stamp_over_the_text_is_site_furniture(stamp: str) -> None:
    assert_furniture(stamp + "\n\n" + ENGLISH)


@pytest.mark.parametrize(
    "line",
    [
        "Published in 1998, the book sold more than a million copies in its first year.",
        "Published 12 years ago, the report is still the best account of the great flood.",
        "Updated figures show the town grew by 3 percent last year, the council said.",
        "Posted by the council at the town hall, the notice was ignored by most residents.",
        # an aggregator's lines' first words
        "Add the council as a preferred supplier, the report recommended, and costs would fall.",
        "Show full accounts to residents, the campaigners demanded on Monday, or resign.",
    ],
)
def test_a_sentence_that_opens_with_published_or_posted_is_prose(line: str) -> None:
    assert tokenize(line + "\n\n" + ENGLISH).left_out() == []


def test_a_stock_line_counts_above_or_under_the_text_only() -> None:
    line = _STOCK_LINES[0]
    paragraphs = [ENGLISH] * 6
    for where in (0, 1, 4, 5, 6):  # among the first two or the last three lines
        text = "\n\n".join([*paragraphs[:where], line, *paragraphs[where:]])
        assert [why for _, _, why in tokenize(text).left_out()] == ["furniture"], where
    middle = "\n\n".join([*paragraphs[:3], line, *paragraphs[3:]])
    assert tokenize(middle).left_out() == []


def test_a_pages_menus_over_and_under_the_text_do_not_hide_its_stock_lines() -> None:
    head = "Example Home\n\nJane Doe\n\nSun, March 3, 2024 at 9:12 AM EST\n\n3 min read"
    menus = "Terms and Privacy Policy\n\nPrivacy Dashboard\n\nRecommended Stories\n\nMore"
    body = "\n\n".join([ENGLISH] * 6)
    for line in (
        "This article originally appeared on Example Home: Why the bridge vote matters",
        "Add Example Home as a preferred source on Google",
    ):
        for text in (head + "\n\n" + line + "\n\n" + body, body + "\n\n" + line + "\n\n" + menus):
            doc = tokenize(text)
            assert doc.words() == tokenize(body).words()
            assert "furniture" in {why for _, _, why in doc.left_out()}
    # the menus' lines count no further than the text's prose: a stock phrase in the text's
    # fourth paragraph from the end is read, menus or not
    middle = "\n\n".join([ENGLISH] * 3 + [_STOCK_LINES[0]] + [ENGLISH] * 3)
    assert "furniture" not in {why for _, _, why in tokenize(middle + "\n\n" + menus).left_out()}


_ABOUT_COMPANY = (
    "Northgate Logistics Inc. (NASDAQ: NGLX) builds route-planning software for regional"
    " freight carriers. For more information, visit the company's website."
)


def test_an_about_paragraph_under_the_text_is_site_furniture() -> None:
    body = ENGLISH + "\n\n" + ENGLISH
    for head, para in (
        ("About Northgate Logistics", _ABOUT_COMPANY),
        ("About the Author", "Jane Doe has covered the city council for the paper since 2015."),
        ("About The Author", "Jane Doe is a freelance writer who loves gardening and DIY."),
    ):
        doc = tokenize(body + "\n\n" + head + "\n\n" + para + "\n\nMedia contact: Jane Doe")
        assert [why for _, _, why in doc.left_out()] == ["furniture"] * 2 + ["line"], head
        assert doc.words() == tokenize(body).words()
        # two paragraphs under the heading are left out alike, up to the next heading
        two = tokenize(body + "\n\n" + head + "\n\n" + para + "\n\n" + para)
        assert two.words() == tokenize(body).words()


def test_a_writers_bio_under_written_by_is_site_furniture() -> None:
    body = ENGLISH + "\n\n" + ENGLISH
    bio = "Editor of The Commute. I write about trains, buses and the people who run them."
    for own in ("", "340 Followers\n\n", "340 Followers\n\nFollow\n\n"):
        doc = tokenize(body + "\n\nWritten by Sam Holt\n\n" + own + bio)
        assert doc.words() == tokenize(body).words(), own
        assert sum(why == "furniture" for _, _, why in doc.left_out()) == 2, own
    # past more than two lines of its own, the prose under it is read
    three = "340 Followers\n\nFollow\n\nMember\n\n"
    doc = tokenize(body + "\n\nWritten by Sam Holt\n\n" + three + bio)
    assert [why for _, _, why in doc.left_out()] == ["line"] * 4
    # a sentence that opens with the words is prose
    line = "Written by hand in 1850, the letters were found in the attic of the old school."
    assert tokenize(body + "\n\n" + line).left_out() == []


def test_an_about_heading_that_does_not_head_a_stock_paragraph_is_read() -> None:
    body = ENGLISH + "\n\n" + ENGLISH
    # over a paragraph that does not open with the name the heading gives
    text = body + "\n\nAbout Northgate\n\nThe firm was founded by three drivers in 1998."
    assert [why for _, _, why in tokenize(text).left_out()] == ["line"]
    # in the text's first half: a section of the text itself
    text = "About Northgate Logistics\n\n" + _ABOUT_COMPANY + "\n\n" + body
    assert [why for _, _, why in tokenize(text).left_out()] == ["line"]
    # a heading over no prose is a heading
    assert tokenize(body + "\n\nAbout Northgate Logistics").left_out()[0][2] == "line"


def test_a_company_name_on_a_line_of_its_own_is_a_heading() -> None:
    for name in ("Northgate Logistics Inc.", "Example Holdings Ltd.", "Sam Holt Jr."):
        doc = tokenize(name + "\n\n" + ENGLISH)
        assert doc.left_out() == [(0, len(name), "line")], name
    # the same word ending a sentence on a line of its own: prose
    line = "The bridge will be repaired by a firm from Leeds, Holt & Sons Ltd."
    assert tokenize(line + "\n\n" + ENGLISH).left_out() == []


def test_a_sentence_that_mentions_watching_is_prose() -> None:
    line = "Residents can watch: the council streams every meeting live on its own website."
    assert tokenize(ENGLISH + "\n\n" + line).left_out() == []


_PIECES = [
    "Reply", "\n", "\n\n", "\r\n", " ", "-\n", "the", "de", "la", "que", "los",
    "Mark March 3, 2024 - 9:12 am", "https://x.org/a?b=c", "@jo", "a@b.co", "www.x.com",
    "\u00ad", "\u200d", "\ufeff", ".", ",", "READ MORE:", "inter", "national", "word", "Word",
    "\u00e9", "\u041f\u0440\u0438\u0432\u0435\u0442", "\t", "\u201c", "'", "2 days ago",
    "\ufb01nance", "&#8217;", "&amp;", "&quot;", "&nbsp;", "&foo;", "don&#8217;t",
    "\u2014 Jane Doe (@jd) March 3, 2024",
    "**", "*", "_", "`", "[", "](https://x.org/a)", "# ", "\n* ", "__", "[3]", "[citation needed]",
    "WASHINGTON (Reuters) - ", "\nLONDON, March 3 (AP) \u2014 ",
    "\u00e2\u20ac\u2122", "caf\u00c3\u00a9", "\u00e2\u20ac\ufffd", "\u00c2\u00a3", "\u00c3",
    "<p>", "</p>", "<b>", '<a href="https://x.org/a_b">', "</a>", "<br>", "<",
    "(Adams & Lee, 2019)", "(e.g., Ng et al., 2020; Li 2018)", "\nQ:", "\nSARAH:", "[00:02:13]",
    "\u00b9", "\nReferences\n", "Adams, R. (2019). A title.", ":)", ";-)", ":D", "Image:",
    "\nQ.", "\nA.", "Why?", "Thanks for reading!", "\nPublished 3:14 p.m. ET March 3, 2024",
    "This article first appeared in", "follow us on",
]  # fmt: skip


def test_every_text_handling_step_keeps_offsets_exact_on_random_layouts() -> None:
    import random
    from unicodedata import normalize

    from spundetect.reading import INVISIBLE, read_as_meant

    rng = random.Random(19)
    for _ in range(600):
        text = "".join(
            rng.choice(_PIECES) + rng.choice(["", " "]) for _ in range(rng.randint(0, 60))
        )
        # the text as read, one character for one (see read_as_meant)
        read = read_as_meant(text)
        assert len(read) == len(text)
        for vocabulary in (None, {"international", "word"}):
            doc = tokenize(text, vocabulary)
            assert len(doc.folded) == len(text)
            assert all(e1 <= s2 for e1, s2 in zip(doc.ends, doc.starts[1:], strict=False))
            for tok, a, b in zip(doc.tokens, doc.starts, doc.ends, strict=True):
                # a token is its text as read less invisible characters and a hyphenated line
                # break; an address reads as a number of its length
                raw = "".join(c for c in read[a:b] if c not in INVISIBLE)
                joined = "".join(raw.replace("-\r\n", "").replace("-\n", "").split())
                raw, joined = normalize("NFKC", raw), normalize("NFKC", joined)
                # (a superscript kept as a token, "\u00b9", is its NFKC form's too)
                read_as = (raw, joined)
                assert (
                    tok in read_as
                    or normalize("NFKC", tok) in read_as
                    or set(tok) <= set("0123456789.,:")
                ), (tok, text[a:b])
            for a, b, _ in doc.left_out():
                assert not doc.folded[a:b].strip() and text[a:b].strip()


def test_a_ligature_is_read_as_its_letters() -> None:
    text = "The \ufb01nance of\ufb01ce was \ufb02ooded, so sta\ufb00 left."
    doc = tokenize(text)
    assert doc.tokens == tokenize("The finance office was flooded, so staff left.").tokens
    i = doc.tokens.index("office")
    assert text[doc.starts[i] : doc.ends[i]] == "of\ufb01ce"


def test_a_decomposed_accent_stays_in_its_word() -> None:
    """Text in Unicode NFD ("cafe" + U+0301, as macOS and some PDF tools write it) reads as
    the composed text does, each token spanning its word as written; a script whose vowel
    signs are combining marks (Devanagari) keeps its words whole."""
    composed = "José met Müller at the café in Zürich, then wrote: नहीं भारत में।"
    text = unicodedata.normalize("NFD", composed)
    assert text != composed
    doc = tokenize(text)
    assert doc.tokens == tokenize(composed).tokens
    assert doc.tokens[-4:] == ["नहीं", "भारत", "में", "।"]
    i = doc.tokens.index("café")
    assert text[doc.starts[i] : doc.ends[i]] == "cafe\u0301"
    assert doc.ends[i] - doc.starts[i] == 5 and doc.starts[i + 1] == doc.ends[i] + 1
    # a mark with no letter before it is a token of its own, as any other symbol
    assert tokenize("a \u0301 b").tokens == ["a", "\u0301", "b"]


def test_html_character_references_are_read_as_their_characters() -> None:
    text = (
        "&quot;We don&#8217;t fund R&amp;D,&quot; the CFO&#x27;s memo said.&nbsp;"
        "Costs rose &gt; 5% &mdash; &foo; stays."
    )
    doc = tokenize(text)
    plain = tokenize("\"We don't fund R&D,\" the CFO's memo said. Costs rose > 5% - &foo; stays.")
    assert doc.tokens == plain.tokens and len(doc.sentences) == len(plain.sentences) == 2
    spans = [text[a:b] for a, b in zip(doc.starts, doc.ends, strict=True)]
    # each token spans what was written, and touches what it touched before
    assert spans[:3] == ["&quot;", "We", "don&#8217;t"] and "CFO&#x27;s" in spans
    assert spans[spans.index("R") + 1] == "&amp;" and doc.ends[0] == doc.starts[1]
    # an unknown name stays as written: "&", "foo", ";"
    assert doc.tokens[-5:-2] == ["&", "foo", ";"]
    assert decode_references("no references; R&D & co") == "no references; R&D & co"


def test_a_line_that_is_mostly_addresses_is_site_furniture() -> None:
    contact = (
        "Read more at https://www.example.com/news/2026/12/budget-vote?utm_source=rss or follow"
        " @janedoe for updates. Send tips to news@example.org."
    )
    doc = tokenize(ENGLISH + "\n\n" + contact)
    assert doc.words() == tokenize(ENGLISH).words()
    assert [why for _, _, why in doc.left_out()] == ["furniture"]
    # a sentence of the text that cites an address keeps its words
    cites = "The full report, which runs to 300 pages, is online at https://example.org/r."
    assert tokenize(ENGLISH + "\n\n" + cites).left_out() == []


POST = (
    "Finally!! the bridge vote is done, repairs start in spring \U0001f389 "
    "pic.twitter.com/Ab3dEf9XyZ\n\n\u2014 Jane Doe (@janedoe) March 3, 2024"
)


def test_an_embedded_post_is_left_out_with_its_byline() -> None:
    text = ENGLISH + "\n\n" + POST + "\n\n" + ENGLISH
    doc = tokenize(text)
    assert doc.words() == tokenize(ENGLISH + "\n\n" + ENGLISH).words()
    parts = [(text[a:b], why) for a, b, why in doc.left_out()]
    assert [why for _, why in parts] == ["embed", "embed"]
    assert parts[1][0] == "\u2014 Jane Doe (@janedoe) March 3, 2024"
    # a post on two lines goes with it; a paragraph longer than a post stays the text's own
    two_lines = POST.replace("done, ", "done,\n")
    assert tokenize(ENGLISH + "\n\n" + two_lines).words() == tokenize(ENGLISH).words()
    long_para = " ".join([ENGLISH] * 3)
    kept = tokenize(long_para + "\n\u2014 Jane Doe (@janedoe) March 3, 2024")
    assert kept.words() == tokenize(long_para).words()
    assert [why for _, _, why in kept.left_out()] == ["embed"]  # the byline alone


QUOTE = (
    "On Mon, Mar 3, 2024 at 9:12 AM Jane Doe <jane@example.org> wrote:\n"
    "> hi all, quick one. can someone check the numbers for the bridge budget\n"
    "> before friday? i think the figure is off.\n>\n> Jane"
)


REFERENCES = (
    "References\n\n"
    "Adams, R. J., & Patel, S. (2019). Everyday habits. Journal of Living, 12(3), 45\u201367. "
    "https://doi.org/10.1000/jal.2019.0345\n\n"
    "Brown, T. (n.d.). The small things: A guide (2nd ed.). Harbour Press."
)


@pytest.mark.parametrize("head", ["References", "Works Cited", "## Sources:", "BIBLIOGRAPHY"])
def test_a_list_of_references_at_the_end_is_left_out(head: str) -> None:
    listed = REFERENCES.replace("References", head)
    doc = tokenize(ENGLISH + "\n\n" + listed)
    assert doc.words() == tokenize(ENGLISH).words()
    assert {why for _, _, why in doc.left_out()} == {"references"}
    # a "Sources" paragraph of prose, or a list with a line that is no entry, is the text's own
    prose = "Sources\n\nThe officials who spoke to us asked not to be named in this story."
    assert "officials" in tokenize(ENGLISH + "\n\n" + prose).words()
    mixed = listed + "\n\nThanks to everyone who helped with this essay."
    assert "adams" in tokenize(ENGLISH + "\n\n" + mixed).words()


def test_a_sentence_run_into_the_next_without_a_space_still_ends() -> None:
    doc = tokenize("It was the end.Next day we left.Then it rained?Yes it did.")
    assert [doc.tokens[a] for a, _ in doc.sentences] == ["It", "Next", "Then", "Yes"]
    for one in ("See example.com and the U.S.A. today.", "Try Node.js or the St.Louis office."):
        assert len(tokenize(one).sentences) == 1


def test_an_emoticon_is_read_as_an_emoji() -> None:
    smiling = "It was fine :) The next day was worse :-( and we left ;). Bye :D"
    doc, plain = tokenize(smiling), tokenize("It was fine The next day was worse and we left. Bye")
    assert doc.tokens == plain.tokens
    assert len(doc.sentences) == 3  # a smiley between a word and a capital ends a sentence
    for kept in ("See http://x.org and a:b.", "It ends (see 3:) here.", "Ratio 2:1 (or 3:D)."):
        assert unmark(kept) == kept


def test_an_emails_quoted_message_is_left_out() -> None:
    doc = tokenize(ENGLISH + "\n\n" + QUOTE)
    assert doc.words() == tokenize(ENGLISH).words()
    assert {why for _, _, why in doc.left_out()} == {"quoted"}
    # a quotation introduced in prose, without '>' lines, is the text's own
    prose = "Jespersen was a proponent of phonosemanticism and wrote:\n\nSound and sense agree."
    assert "jespersen" in tokenize(ENGLISH + "\n\n" + prose).words()
    # a text that is all quote is judged whole
    assert "budget" in tokenize(QUOTE).words()


LOWER_CASE = (
    "so we finally tried the new place on main street. the food was good but the wait was long. "
    "i think we sat there for forty minutes before anyone came over. my sister said it's always "
    "like that on fridays, i.e. when the students are back. we'll go again, just not at seven."
)


def test_a_text_written_in_lower_case_is_read_with_its_sentences_capitalised() -> None:
    assert written_in_lower_case(LOWER_CASE)
    fixed = recase(LOWER_CASE)
    assert len(fixed) == len(LOWER_CASE)
    assert fixed.startswith("So we finally tried")
    assert ". The food" in fixed and ". My sister" in fixed and ". We'll go" in fixed
    assert "I think" in fixed and "i.e. when" in fixed  # the pronoun, not "i.e."
    doc = tokenize(LOWER_CASE)
    assert doc.recased() and doc.text == LOWER_CASE and doc.folded == fixed
    assert len(doc.sentences) == 5  # split as the capitalised text is
    assert len(doc.sentences) == len(tokenize(fixed).sentences)


def test_in_a_lower_case_text_a_word_the_vocabulary_lacks_reads_as_a_name() -> None:
    text = LOWER_CASE + " we'd met okafor there, near the lutterworth road, at seven."
    vocabulary = set(tokenize(LOWER_CASE).lower) | {"met", "there", "near", "road", "we'd"}
    fixed = recase(text, vocabulary)
    assert len(fixed) == len(text)
    assert "met Okafor there" in fixed and "the Lutterworth road" in fixed
    # known words, contractions and the "i.e." stay as the text wrote them
    assert fixed.replace("Okafor", "okafor").replace("Lutterworth", "lutterworth") == recase(text)
    doc = tokenize(text, vocabulary)
    assert doc.recased() and doc.folded == fixed
    # without a vocabulary (or when the text is not in lower case) no word is touched
    assert "met okafor" in tokenize(text).folded
    assert "lutterworth" in tokenize(text.capitalize(), vocabulary).folded


def test_a_lower_case_text_that_keeps_its_acronyms_in_capitals_is_read_as_lower_case() -> None:
    # people who write in lower case often keep "FBI" and "U.S." as they are; names keep
    # counting ("Andrej Mahecic" below)
    text = (
        "the u.s. team lost again. the FBI said on monday it was looking into the NBA bets. "
        "i doubt they find much. the NFL and the U.S. senate are next, apparently."
    )
    assert written_in_lower_case(text)
    doc = tokenize(text)
    assert doc.recased()
    assert doc.folded.startswith("The u.s. team") and ". The FBI said" in doc.folded
    assert ". I doubt" in doc.folded and "the U.S. senate" in doc.folded
    assert not written_in_lower_case(text.replace("FBI", "Andrej Mahecic").replace("NFL", "Geneva"))


def test_emoji_are_dropped_from_the_tokens_and_end_a_sentence_as_a_stop_would() -> None:
    plain = "We loved the room. The staff were lovely. Breakfast was cold though."
    text = (
        "We loved the room. \U0001f602 The staff were lovely\u2764\ufe0f Breakfast was cold though."
    )
    doc, ref = tokenize(text), tokenize(plain)
    assert doc.lower == ref.lower[:9] + ref.lower[10:]  # the stop the heart stands for is not there
    assert len(doc.sentences) == len(ref.sentences) == 3
    k = doc.lower.index("breakfast")
    assert text[doc.starts[k] : doc.ends[k]] == "Breakfast"  # offsets into the text as written
    # an emoji after a stop changes nothing; inside a sentence it ends none
    after = tokenize(plain.replace(". ", ". \U0001f44d\U0001f3fd "))
    assert after.lower == ref.lower and after.sentences == ref.sentences
    assert len(tokenize("We loved \U0001f60d the room and the staff.").sentences) == 1
    # the musical and astronomical signs prose writes inside words stay tokens
    assert "\u266d" in tokenize("a sonata in B\u266d major of 1.2 M\u2609").tokens


def test_a_contraction_typed_without_its_apostrophe_is_read_with_it() -> None:
    text = "Dont worry, I dont think theyre late. Its fine, well see; lets go at ten."
    doc = tokenize(text)
    assert doc.text == text and doc.folded == text  # the text and its offsets as written
    assert doc.lower[:2] == ["don't", "worry"] and doc.tokens[0] == "Don't"
    assert "they're" in doc.lower and doc.contractions_marked() == {"don't", "they're"}
    k = doc.lower.index("they're")
    assert text[doc.starts[k] : doc.ends[k]] == "theyre"
    # forms that are English words of their own stay as written
    assert {"its", "well", "lets"} <= set(doc.lower)
    assert tokenize(text.replace("dont", "don't")).contractions_marked() == {"don't", "they're"}
    assert tokenize("I don't think so, and it's late.").contractions_marked() == frozenset()


def test_a_text_in_capitals_is_read_in_lower_case_then_recased() -> None:
    text = LOWER_CASE.upper() + " WE'D MET OKAFOR THERE."
    assert written_in_capitals(text)
    vocabulary = set(tokenize(LOWER_CASE).lower) | {"met", "there", "we'd"}
    doc = tokenize(text, vocabulary)
    assert doc.recased() and doc.written_in() == "capitals"
    assert doc.text == text and len(doc.folded) == len(text)  # spans still refer to the text
    assert doc.folded == recase(text.lower(), vocabulary)
    assert doc.folded.startswith("So we finally") and "met Okafor there" in doc.folded
    assert tokenize(LOWER_CASE).written_in() == "lower case"
    assert tokenize(LOWER_CASE.capitalize()).written_in() is None


@pytest.mark.parametrize(
    "text",
    [
        "BREAKING: STORM HITS COAST",  # a heading, not a text
        "NASA said on Monday that the launch would go ahead as planned next week.",
        "THE FIRST WORD IN CAPITALS, then the rest of a long sentence in lower case as usual.",
        "",
    ],
)
def test_only_a_text_written_in_capitals_is_read_as_such(text: str) -> None:
    assert not written_in_capitals(text)
    assert tokenize(text).written_in() is None


@pytest.mark.parametrize(
    "text",
    [
        LOWER_CASE.capitalize()
        .replace(". the", ". The")
        .replace(". my", ". My"),  # mostly capitals
        "S" + LOWER_CASE[1:],  # starts in upper case
        # a translation that lost its sentence starts' capitals keeps its names'
        "ace the fighting between the Government and the Houthi rebels entered its sixth month. "
        "added that Yemen is out of money. now UNHCR says 200,000 people have fled. said the "
        "spokesman Andrej Mahecic in Geneva on Tuesday.",
        # full stops after initials are not sentence ends
        "tests found e. coli and s. aureus, and p. aeruginosa too. A. attaleoides is a palm.",
        "One lower-case start. the rest is written. As usual. With capitals. Here.",
    ],
)
def test_only_a_text_written_in_lower_case_is_recased(text: str) -> None:
    assert not written_in_lower_case(text)
    assert not tokenize(text).recased()


@pytest.mark.parametrize(
    "s",
    [
        "Don't stop: rock'n'roll's 3.5 or 1,500.00 -- it's 10:30, isn't it?'",
        "dogs' tails '' 'quoted' 3.. 4,, a'b'c ' x'",
        "Café naïve façade 12:00:01 e.g. U.S.A.",
        "",
    ],
)
def test_split_patterns_give_the_tokens_of_token_re(s: str) -> None:
    from spundetect import tokens as t

    # the split patterns (possessive from Python 3.11) are TOKEN_RE, captured
    assert t.SPLIT_RE.split(s)[1::2] == t.TOKEN_RE.findall(s)
    if s.isascii():
        assert t.ASCII_SPLIT_RE.split(s)[1::2] == t.TOKEN_RE.findall(s)


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("The c0mpany said.", ["c0mpany"]),
        ("w0r1d and 0ne", ["w0r1d", "0ne"]),  # two digits in one run: one run
        ("at 5am, the F1 race", ["5am", "F1"]),  # runs; whether one is a word is not asked here
        ("In 1999 and 1 in 5 cases, 0.5 of 10", []),  # a digit glued to no letter
        ("B2B1 c1-ass it's 1.", ["B2B1", "c1"]),  # any single digit joins; a hyphen ends it
        ("the F16s flew", []),  # "16" is a number, not a digit misread
        ("x-c1 (c0mpany", ["c1", "c0mpany"]),  # a mark glued before a run ends it
    ],
)
def test_glued_runs_are_the_words_written_with_single_digits(text: str, runs: list[str]) -> None:
    doc = tokenize(text)
    at = [i for i, t in enumerate(doc.tokens) if t in ("0", "1", "5")]
    assert [text[a:b] for a, b in glued_runs(doc, at)] == runs


def test_reread_reads_characters_one_for_one_and_keeps_what_the_text_was_read_as() -> None:
    text = "Dont tell the c0mpany."
    doc = tokenize(text)
    read = reread(doc, {15: "o"}, {"c0mpany": "company"}, {})
    assert read.tokens == ["Don't", "tell", "the", "company", "."]
    assert read.text == text and read.starts[3] == 14 and read.ends[3] == 21
    assert read.contractions_marked() == doc.contractions_marked() == {"don't"}
    assert read.typos_read() == {"c0mpany": "company"}


@pytest.mark.parametrize("mark", [" [...]", " [\u2026]", "[...]", " (...)", " [ ... ]\n"])
def test_an_excerpts_cut_off_sentence_is_left_out_with_its_mark(mark: str) -> None:
    cut = ENGLISH + " The mayor said the new crossing would be rea" + mark
    doc = tokenize(cut)
    assert [(cut[a:b], why) for a, b, why in doc.left_out()] == [
        ("The mayor said the new crossing would be rea" + mark, "cut")
    ]
    assert doc.words() == tokenize(ENGLISH).words()


def test_an_excerpt_cut_at_a_sentences_end_loses_only_its_mark() -> None:
    cut = ENGLISH + " [...]"
    assert [cut[a:b] for a, b, _ in tokenize(cut).left_out()] == [" [...]"]
    assert tokenize(cut).words() == tokenize(ENGLISH).words()
    # a quotation the cut opened goes with the mark
    quoted = ENGLISH + ' "[...]'
    assert [quoted[a:b] for a, b, _ in tokenize(quoted).left_out()] == [' "[...]']
    closed = ENGLISH[:-1] + '." [...]'  # a quotation closed before the cut stays
    assert [closed[a:b] for a, b, _ in tokenize(closed).left_out()] == [" [...]"]
    # an unfinished sentence longer than the rest of the text is kept; the mark is not
    one = "Officials said the work on the old bridge would start in the spring and ta [...]"
    assert [one[a:b] for a, b, _ in tokenize(one).left_out()] == [" [...]"]


def test_an_omission_mark_inside_the_text_is_read_as_written() -> None:
    text = ENGLISH + " The mayor said [...] that it would open in May."
    assert tokenize(text).left_out() == []


# found by mutation testing (forty-fourth session)


def test_the_mostly_short_lines_guard_at_its_bounds() -> None:
    text = "Hello world\nWe ran ok."  # 11 of 22 characters left out: not more than half
    _, spans, mostly = blank_non_prose_explained(text)
    assert spans == [(0, 11, "line")] and mostly is False
    prose = "We went home.\nIt rained all day."
    assert blank_non_prose_explained(prose) == (prose, [], False)


def test_a_long_line_without_a_stop_breaks_a_run_of_headlines() -> None:
    h = "Council to review the plan for new homes in the east end"
    long = " ".join(["word"] * 25)  # more than HEADLINE_MAX_WORDS, no stop: prose
    p = "We went home after the long meeting and it rained all day long."
    text = f"{h}\n{h}\n{long}\n{h}\n{p}\n{p}\n{p}\n"
    assert blank_non_prose_explained(text) == (text, [], False)


def test_an_excerpts_end_is_found_before_trailing_space_and_not_too_far_back() -> None:
    text = ENGLISH + " The mayor said it would be rea [...]" + " " * 20
    assert [why for _, _, why in tokenize(text).left_out()] == ["cut"]
    head = "Short one. " * 400 + "word " * 420  # the unfinished sentence: 2,100 characters
    long = head + "[...]"
    assert [(a, b) for a, b, _ in tokenize(long).left_out()] == [(len(head) - 1, len(long))]


def test_a_citation_whose_name_is_written_decomposed_is_read_as_one_written_composed() -> None:
    """NFD text reads as NFC, but the citation pattern's name letters missed a combining
    accent: "(Munafo\u0300 et al., 2017)" was read as words in NFD only."""
    import unicodedata

    text = ENGLISH + " Earlier work found it small (Munaf\u00f2 et al., 2017), as did others."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert tokenize(nfd).words() == tokenize(text).words()
    assert "munafò" not in tokenize(text).words()


def test_look_alike_letters_are_read_as_latin_one_for_one() -> None:
    from spundetect.reading import read_look_alikes

    # inside a Latin word, always; a word of look-alikes alone in a Latin text too
    text = "The Chin\u0430 policy is \u0441lear, \u0430 Greek \u039f\u03a7\u0399 and Z\u00fcrich t\u0435am."
    read, n = read_look_alikes(text)
    assert read == "The China policy is clear, a Greek OXI and Z\u00fcrich team."
    assert n == 7 and len(read) == len(text)
    # a Russian or Greek text keeps its letters, its words of look-alikes alone too
    russian = (
        "\u041e\u043d \u0441\u043a\u0430\u0437\u0430\u043b: \u0441\u043e\u0440 \u0438 \u043c\u044b."
    )
    assert read_look_alikes(russian) == (russian, 0)
    greek = "\u039f \u03bb\u03cc\u03b3\u03bf\u03c2 \u039a\u0391\u0399 \u03c4\u03bf \u03ad\u03c1\u03b3\u03bf."
    assert read_look_alikes(greek) == (greek, 0)
    # a word mixing Latin letters with another script's own letters is that script's
    mixed = "The brand \u0436ara\u0441 is new."
    assert read_look_alikes(mixed) == (mixed, 0)
    assert read_look_alikes("") == ("", 0) and read_look_alikes("plain ASCII") == ("plain ASCII", 0)
    # every space Unicode has reads as one, one for one (the punctuation checks read " ")
    spaces = "".join(chr(c) for c in (0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000))
    odd = "".join(f"U.{c}S." for c in spaces)
    assert tokenize(odd).folded == " ".join(["U. S."] * len(spaces)).replace("S. U", "S.U")
    # letters and digits in full-width and mathematical styles read as themselves
    styled = "\uff34\uff48\uff45 \U0001d41b\U0001d428\U0001d425\U0001d41d \uff11\uff12\uff01"
    assert read_look_alikes(styled) == ("The bold 12!", 0)
    assert read_look_alikes("\U0001d6ab") == ("\U0001d6ab", 0)  # a mathematical Greek letter stays
    doc = tokenize("The Chin\u0430 policy is \u0441lear to \u0430ll of us.")
    assert doc.tokens[:3] == ["The", "China", "policy"] and doc.look_alikes_read() == 3
    assert doc.text[doc.starts[1] : doc.ends[1]] == "Chin\u0430"


def test_accents_english_does_not_write_are_read_away_with_a_vocabulary() -> None:
    """A word written with accents to hide it from a filter ("th\u00e9", "go\u0301vernment")
    is read as the word its plain form is, when the vocabulary holds that ten times as often;
    a borrowed word keeps its accents ("caf\u00e9"), and so does a word of one letter."""
    zipf = {"the": 7.7, "th\u00e9": 2.1, "government": 5.5, "said": 6.0, "cafe": 4.1}
    zipf |= {"caf\u00e9": 3.8, "a": 7.5, "\u00e0": 3.9, "la": 4.5, "carte": 3.0, "in": 7.0}
    text = "Th\u00e9 go\u0301vernment sa\u0308id th\u00e9 caf\u00e9 is \u00e0 la carte."
    doc = tokenize(text, zipf)
    assert doc.tokens[:4] == ["The", "government", "said", "the"]
    assert doc.tokens[4:7] == ["caf\u00e9", "is", "\u00e0"]
    assert doc.accents_read() == {  # the words as the tokens compose them
        "Th\u00e9": "The", "g\u00f3vernment": "government", "s\u00e4id": "said",
        "th\u00e9": "the",
    }  # fmt: skip
    assert doc.text[doc.starts[1] : doc.ends[1]] == "go\u0301vernment"  # offsets as written
    # without a vocabulary, or for a word the table does not hold plain, nothing is read
    assert tokenize(text).accents_read() == {} and tokenize(text).tokens[0] == "Th\u00e9"
    assert tokenize("Z\u00fcrich is cold.", zipf).tokens[0] == "Z\u00fcrich"
    # accented names and loanwords alone show no disguise: read as written
    zipf |= {"resume": 4.1, "r\u00e9sum\u00e9": 2.8, "rose": 4.6, "ros\u00e9": 3.0, "hue": 3.5}
    news = "Her r\u00e9sum\u00e9 and the ros\u00e9 in Hu\u1ebf were said to be from the caf\u00e9."
    assert tokenize(news, zipf).accents_read() == {}
    assert "r\u00e9sum\u00e9" in tokenize(news, zipf).tokens
    assert tokenize("plain words", zipf).accents_read() == {}


def test_a_spinners_template_left_unresolved_is_read_as_its_first_choices() -> None:
    from spundetect.reading import PAD, read_spintax

    text = "It was {on|at} the {upswing|rise|increase} in {recent|current} years."
    nested = "{The {quick|fast}|A {speedy|rapid}} fox {ran|sprinted} {off|away}."
    for opening, closing in (("{", "}"), ("[spin]", "[/spin]")):  # and in "[spin]" tags
        written = text.replace("{", opening).replace("}", closing)
        read, groups = read_spintax(written)
        assert len(read) == len(written)
        assert read.replace(PAD, "") == "It was on the upswing in recent years."
        assert [written[a:b] for a, b in groups] == [
            g.replace("{", opening).replace("}", closing)
            for g in ("{on|at}", "{upswing|rise|increase}", "{recent|current}")
        ]
        written = nested.replace("{", opening).replace("}", closing)
        read, groups = read_spintax(written)
        assert read.replace(PAD, "") == "The quick fox ran off."
        assert [written[a:b] for a, b in groups] == [
            g.replace("{", opening).replace("}", closing)
            for g in ("{The {quick|fast}|A {speedy|rapid}}", "{ran|sprinted}", "{off|away}")
        ]
    # not a spinner's: two groups (a command's usage), groups far apart (one in more than 40
    # words), wiki and web templates, a wiki table, set-builder notation, code and shell
    prose = " ".join(["The service ran well all week and nobody had to look at it again."] * 9)
    for other in (
        "Use systemctl {start|stop|restart} and {enable|disable} for the unit.",
        "Choose {json|csv} or {table|html} or {yes|no}. " + prose,
        "{{cite web|url=https://example.org|title=Report}} and {{lang|fr|bonjour}} {{a|b}}",
        "{| class=wikitable\n|-\n| a || b\n|}",
        "the {w|neuroplasticity|plasticity}} of the {w|brain|brains}} and {w|cortex|cortices}}",
        "The sets {x | x is even}, {x|x is odd} and {y|y in A} are {as|is} shown.",
        "Run `{start|stop}`, `{on|off}` and `{up|down}`; {% for p in posts|reverse %} too.",
        "Run ${name|upper}, --format={a|b}, x{a|b}, path/{a|b} and {1|2} or {3|4}.",
        "",
    ):
        assert read_spintax(other) == (other, ())
    # not a spinner's: choices in plain square brackets (a Jira link, a command's synopsis, a
    # prompt, a wiki's links), a command's options in braces, a tag without choices
    for other in (
        text.replace("{", "[").replace("}", "]"),
        "See [the notes|https://wiki.example.org/x], [MOB-882|https://jira.example.org/MOB-882]"
        " and [the plan|https://wiki.example.org/plan] before Friday.",
        "Run nginx [start|stop|restart], then [on|off] and answer [Y|n] when asked.",
        "At [[University of Oxford|Oxford]], [[Yale University|Yale]] and [[MIT|M.I.T.]] too.",
        "usage: backup {-q|--quiet} {-v|--verbose} {-n|--dry-run} SOURCE DEST",
        "This is [spin]spinning text[/spin], [spin]more[/spin] and [spin]again[/spin].",
    ):
        assert read_spintax(other) == (other, ())
    # a cold-email tool's groups: a keyword, then the choices (merge fields in them too)
    mail = (
        "{{RANDOM | Hi | Hello}} {{first_name}}, I hope your {{random|week|month}} went well. "
        "I {RANDOM|wanted|meant} to ask about {{Random|your plans {{company}}|the move}}."
    )
    read, groups = read_spintax(mail)
    assert len(read) == len(mail)
    assert read.replace(PAD, "") == (
        " Hi  {{first_name}}, I hope your week went well. I wanted to ask about your plans "
        "{{company}}."
    )
    assert [mail[a:b] for a, b in groups] == [
        "{{RANDOM | Hi | Hello}}",
        "{{random|week|month}}",
        "{RANDOM|wanted|meant}",
        "{{Random|your plans {{company}}|the move}}",
    ]
    # a keyword alone is no group, nor is a wiki template with three fields
    for other in ("{{random}} {{random|}} {{lang|fr|bonjour}} {{convert|5|km|mi}} {{a|b}}",):
        assert read_spintax(other) == (other, ())
    doc = tokenize(text)
    assert doc.words() == ["it", "was", "on", "the", "upswing", "in", "recent", "years"]
    assert doc.spintax() == groups_of(text)
    assert tokenize("It was on the {upswing|rise} in {May|June}.").spintax() == ()


def test_a_rewriters_note_over_a_text_is_found() -> None:
    from spundetect.reading import rewriter_notes

    body = (
        "The council met on Monday.\n\nIt agreed to open the bridge in spring.\n\nWork starts soon."
    )
    for note in (
        "Sure! Here is a rewritten version of the article:",
        "Certainly! Here\u2019s a paraphrased version of the text, with the meaning kept:",
        "**Here's a humanized version:**",
        "Here&#8217;s a polished version of your article:",
        "1. Here is the article rewritten in a unique, plagiarism-free way:",
        "I've rewritten the article to make it more engaging and easier to read:",
        "Rewritten article:",
    ):
        text = note + "\r\n\r\n" + body
        assert [text[a:b].strip() for a, b in rewriter_notes(text)] == [note]
    # not a rewriter's: a revised schedule, a headline, a label under another line or beside
    # an original, an offer of changes, a line inside the text
    for other in (
        "Here is the revised schedule:\n\n" + body,
        "Here's how to paraphrase without plagiarizing\n\n" + body,
        "Here's a rewritten version of the Gettysburg Address for 2025\n\n" + body,
        "Paraphrased text detection tools, compared\n\n" + body,
        "A guide\n\nRewritten text:\n\n" + body,
        "Rewritten text:\n\nThe quick fox.\n\nOriginal text:\n\nThe fast fox.",
        body + "\n\nI hope this helps! Let me know if you would like any further changes.",
        body + "\n\nLet me know if you need a version that works with Python 2.",
        "A.\n\nB.\n\nC.\n\nHere is a rewritten version of the rule:\n\nD.",
        body,
        "",
    ):
        assert rewriter_notes(other) == ()
    long = "Sure! Here is a rewritten version of the article:\n\n" + body * 500
    assert rewriter_notes(long) == ((0, 49),)


def groups_of(text: str) -> tuple[tuple[int, int], ...]:
    from spundetect.reading import read_spintax

    return read_spintax(text)[1]


def test_a_text_in_title_case_is_read_in_lower_case_then_recased() -> None:
    from spundetect.reading import written_in_title_case

    plain = (
        "The council said on Monday that the new bridge over the river would open next spring. "
        "Engineers found cracks in two supports last year, and repairs took longer than planned. "
        "Residents who cross the river each morning welcomed the news, though some asked why "
        "the work had cost twice the budget."
    )
    title = " ".join(w[:1].upper() + w[1:] for w in plain.split(" "))
    assert written_in_title_case(title) and not written_in_title_case(plain)
    headline = " ".join(w if len(w) < 4 else w[:1].upper() + w[1:] for w in plain.split(" "))
    assert written_in_title_case(headline)  # "of", "the", "and" left in lower case
    # a title over an ordinary text, or a short title alone, is not a text in title case
    assert not written_in_title_case("Bridge Over The River Opens Next Spring\n\n" + plain)
    assert not written_in_title_case("Bridge Over The River Opens Next Spring")
    a, b = tokenize(plain), tokenize(title)
    assert b.written_in() == "title case" and a.written_in() is None
    assert b.lower == a.lower and len(b.folded) == len(title)
