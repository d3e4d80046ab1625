"""Every feature on short texts written for it: a broken text must score higher than a clean one."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest
from lm_texts import REF_TEXTS, ZIPF

from spundetect import lm
from spundetect.features import (
    REGISTRY,
    Evidence,
    extract,
    feature_names,
    lexical,
    phrasing,
    punctuation,
    readability,
)
from spundetect.text import tokenize


@pytest.fixture(scope="module")
def ref() -> lm.ReferenceModel:
    zipf = dict(ZIPF)
    zipf.update(
        {
            "has": 5.8,
            "however": 5.2,
            "hour": 5.0,
            "apple": 4.7,
            "university": 5.0,
            "umbrella": 3.8,
            "desire": 4.3,
            "official": 5.1,
            "official's": 2.5,
            "utilize": 3.3,
            "commence": 2.9,
            "rapprochement": 2.4,
            "detailed": 4.2,
            "report": 5.3,
        }
    )
    return lm.build(
        [*REF_TEXTS, *["It was a sensible choice for the farmers."] * 3],
        zipf=zipf,
        plainer=PLAINER,
    )


# uncommon word -> a much commoner synonym, as training.build_reference derives from WordNet;
# "rapprochement" has none here: an everyday rare word, not a swap
PLAINER = {"commence": "begin", "utilize": "use", "official's": "officer's", "detailed": ""}


def feats(text: str, ref: lm.ReferenceModel | None) -> dict[str, float]:
    return dict(zip(feature_names(), extract(tokenize(text), ref), strict=False))


def found(name: str, text: str, ref: lm.ReferenceModel | None) -> int:
    """How many spans ``name`` reports as evidence in ``text`` (a typo-like slip counts in
    the value only from the second on: punctuation.TYPOS_FORGIVEN)."""
    ev: list[Evidence] = []
    extract(tokenize(text), ref, evidence=ev)
    return sum(e.feature == name for e in ev)


def higher(name: str, clean: str, broken: str, ref: lm.ReferenceModel | None) -> None:
    a, b = feats(clean, ref)[name], feats(broken, ref)[name]
    assert b > a, f"{name}: broken {b} <= clean {a}"


# ---------------------------------------------------------------- registry


def test_registry_names_unique_ordered_and_lengths_match(ref: lm.ReferenceModel) -> None:
    names = feature_names()
    assert len(names) == len(set(names))
    assert list(REGISTRY) == ["lexical", "phrasing", "punctuation", "readability"]
    for fam in REGISTRY.values():
        assert all(n.startswith(fam.name + ".") for n in fam.names)
        assert len(fam.fn(tokenize("A short text. Another one."), ref, None)) == len(fam.names)
    assert feature_names(["punctuation"]) == REGISTRY["punctuation"].names
    assert extract(tokenize("Some words here."), ref).shape == (len(names),)


@pytest.mark.parametrize("text", ["", "   \n\n ", "...", "12 34", "\u201c\u201d"])
def test_every_family_is_safe_on_empty_and_degenerate_text(
    text: str, ref: lm.ReferenceModel
) -> None:
    for r in (ref, None):
        ev: list[Evidence] = []
        v = extract(tokenize(text), r, evidence=ev)
        assert v.shape == (len(feature_names()),)
        assert np.all(np.isfinite(v))


def test_without_reference_the_reference_features_are_neutral() -> None:
    v = feats("The minister said that the government would raise taxes.", None)
    assert v["phrasing.lm_mean_surprisal"] == 0.0
    assert v["punctuation.unknown_words"] == 0.0


# ---------------------------------------------------------------- punctuation

CLEAN = "The U.S. minister said the talks went well. \u201cWe agree,\u201d she said (briefly)."


@pytest.mark.parametrize(
    ("name", "broken"),
    [
        (
            "punctuation.split_abbrev",
            "The U. S. minister said the talks went well. We agree, she said.",
        ),
        (
            "punctuation.space_before_punct",
            "The minister said the talks went well , and we agree .",
        ),
        ("punctuation.space_inside_quotes", "The minister said \u201c we agree \u201d and left."),
        ("punctuation.stray_quote", "The minister said the talks went well. \u201c\n\nWe agree."),
        (
            "punctuation.unbalanced_quotes",
            "The minister said \u201cthe talks went well. We agree, she said.",
        ),
        (
            "punctuation.unbalanced_brackets",
            "The minister said (the talks went well. We agree, she said.",
        ),
        ("punctuation.doubled_punct", "The minister said,, the talks went well. . We agree."),
        ("punctuation.missing_space", "The minister said the talks went well.We agree, she said."),
        (
            "punctuation.lower_sentence_start",
            "The minister said the talks went well. we agree, she said. then they left.",
        ),
        ("punctuation.mt_marks", "The minister said the *charlas went well. We agree, she said."),
    ],
)
def test_punctuation_broken_scores_higher(name: str, broken: str, ref: lm.ReferenceModel) -> None:
    higher(name, CLEAN, broken, ref)


def test_handles_hashtags_and_emphasis_are_not_mt_marks(ref: lm.ReferenceModel) -> None:
    social = "The mayor, @CityCouncil and @POTUS wrote about #budget2024 and #US roads, @john_smith said."
    assert feats(social, ref)["punctuation.mt_marks"] == 0.0
    lower = "Follow #live updates from @nytimes, the mayor said, and watch #flooding news."
    assert feats(lower, ref)["punctuation.mt_marks"] == 0.0
    emphasis = "It was *really* good, she said, and the soup was *so very* hot."
    assert feats(emphasis, ref)["punctuation.mt_marks"] == 0.0
    footnote = "Prices are low this week, the shop said.\n*Terms apply to every offer in store."
    assert feats(footnote, ref)["punctuation.mt_marks"] == 0.0
    assert feats("The mayor said the *charlas went well.", ref)["punctuation.mt_marks"] > 0.0
    # an emphasis later in the text does not excuse an earlier mark
    mixed = "The *charlas went well and the *soup was* hot, she said."
    assert feats(mixed, ref)["punctuation.mt_marks"] > 0.0


@pytest.mark.parametrize(
    "text",
    [
        "The plan has three parts: 1) new buses, 2) wider paths and 3) more trees, she said.",
        "Residents can a) write in, b) call the office or c) visit it, the mayor said.",
        "Thanks for reading :) and see you at the meeting next week ;-) the mayor wrote.",
        "The vote (the second this year) passed, and the plan has two parts: i) buses, ii) paths.",
    ],
)
def test_list_labels_and_emoticons_are_not_unbalanced_brackets(
    text: str, ref: lm.ReferenceModel
) -> None:
    assert feats(text, ref)["punctuation.unbalanced_brackets"] == 0.0


def test_a_lost_bracket_still_counts_beside_list_labels(ref: lm.ReferenceModel) -> None:
    lost = "The plan has two parts: 1) new buses and 2) wider paths (both funded, she said."
    assert feats(lost, ref)["punctuation.unbalanced_brackets"] > 0.0
    closed = "The vote passed in 2008) and the plan followed, she said."
    assert feats(closed, ref)["punctuation.unbalanced_brackets"] > 0.0
    # each bracket without a partner counts once, a pair before it none
    assert punctuation._unbalanced_brackets("a plan (the first) has parts (buses") == 1
    assert punctuation._unbalanced_brackets("a plan (the first (or [second] has [parts") == 3
    assert punctuation._unbalanced_brackets("the vote in 2008) and (then) in 2010) passed") == 2


@pytest.mark.parametrize(
    "text",
    [
        "She said „no“ to the plan, and „maybe later“ to the rest, the paper reported.",
        "The mayor said « we have waited long enough » and « it is good news », the paper said.",
        "The shelf stands 7′ 6″ high, the mayor said, and the door is 6′ 2″ wide.",
        "The centre is 6'2\" tall at the door, the guide said, and 5' 11\" inside.",
        # inch marks: a straight quote after a number, with no quotation open to close
        'I bought the 65" model after my old 55" set died, and it fits the 48" shelf.',
        'The shop sells a 12" pipe and 3"-wide tape, and the "top 10" list is "great", he said.',
    ],
)
def test_german_and_french_quotes_and_primes_pair_up(text: str, ref: lm.ReferenceModel) -> None:
    f = feats(text, ref)
    assert f["punctuation.unbalanced_quotes"] == 0.0
    assert f["punctuation.space_inside_quotes"] == 0.0
    assert f["punctuation.stray_quote"] == 0.0


def test_a_quote_after_a_number_still_closes_or_goes_missing(ref: lm.ReferenceModel) -> None:
    # a straight quote after a number closes the quotation open before it ...
    closed = 'He named the single "30 / 30-150", and the band "Circle of 38" agreed, she said.'
    assert feats(closed, ref)["punctuation.unbalanced_quotes"] == 0.0
    # ... and one that follows a number is still a quote when the text has lost its partner
    lost = 'The court said "the vote in 2019" was void and "the plan failed, the paper said.'
    assert feats(lost, ref)["punctuation.unbalanced_quotes"] > 0.0
    # inside an open quotation it is read as the closing quote, whatever follows it
    open_quote = 'The manager said "the shop sells a 65" TV and a cheap stand for it, she said.'
    assert feats(open_quote, ref)["punctuation.unbalanced_quotes"] == 0.0
    # an inch mark closes nothing, so a quotation opened after it and never closed still counts
    unpaired = 'The shop sells a 65" TV, and the manager said "it is cheap, the paper said.'
    assert feats(unpaired, ref)["punctuation.unbalanced_quotes"] > 0.0


def test_a_text_in_lower_case_reads_as_its_capitalised_version(ref: lm.ReferenceModel) -> None:
    text = (
        "the council met on tuesday to talk about the new road. members said the work would "
        "start in the spring. i think most people here want it. a shop owner said traffic had "
        "been bad for years. the mayor thanked everyone for their patience."
    )
    capitalised = text[0].upper() + text[1:]
    for a, b in ((". t", ". T"), (". m", ". M"), (". i ", ". I "), (". a ", ". A ")):
        capitalised = capitalised.replace(a, b)
    assert feats(text, ref) == feats(capitalised, ref)
    assert feats(text, ref)["punctuation.lower_sentence_start"] == 0.0
    # one sentence started in lower case among capitalised ones is still a slip
    slip = capitalised.replace("A shop", "a shop").replace("The mayor", "the mayor")
    assert feats(slip, ref)["punctuation.lower_sentence_start"] > 0.0


def test_run_together_and_unknown_words(ref: lm.ReferenceModel) -> None:
    clean = "The company has however said that profits rose."
    broken = "The company hashowever said that profits rose and the zorblax was fine."
    higher("punctuation.run_together", clean, broken, ref)
    higher("punctuation.unknown_words", clean, broken, ref)
    # a capitalised name is not an unknown word
    assert feats("The company Zorblax said profits rose.", ref)["punctuation.unknown_words"] == 0.0
    # a function word glued on is a slip; two common content words, or a particle, make an
    # unknown compound (often a real word: "userbase", "outrace"), counted apart
    zipf = {**ref.zipf, "market": 5.0, "share": 5.0, "out": 6.0, "race": 5.0, "the": 7.0}
    big = lm.build(REF_TEXTS, zipf=zipf)
    text = "The company said its marketshare rose, and themarket rose as well."
    particle = "The company said its rivals could outrace the others as well."
    plain = "The company said its share rose, and the market rose as well."
    got, got_particle, got_plain = (feats(t, big) for t in (text, particle, plain))
    assert got["punctuation.run_together"] > got_plain["punctuation.run_together"]
    assert got["punctuation.unknown_compound"] > got_plain["punctuation.unknown_compound"]
    assert got_particle["punctuation.run_together"] == 0.0
    assert got_particle["punctuation.unknown_compound"] > 0.0
    ev: list[Evidence] = []
    punctuation.punctuation(tokenize(text), big, ev)
    said = {(e.feature, text[e.start : e.end]): e.message for e in ev}
    assert said[("punctuation.run_together", "themarket")].endswith("two words run together")
    assert "rare compound" in said[("punctuation.unknown_compound", "marketshare")]
    assert ("punctuation.run_together", "marketshare") not in said


def test_one_typo_like_slip_is_forgiven_two_count(ref: lm.ReferenceModel) -> None:
    # a person's single typo at a sentence boundary weighs nothing (it is still shown as
    # evidence); a second slip of either kind makes a pattern, and then every one counts
    lower, fused = "punctuation.lower_sentence_start", "punctuation.fused_sentences"
    assert punctuation.TYPOS_FORGIVEN == 1
    one_lower = "The talks went well. we agree, she said. They left at noon."
    one_fused = "The talks went well We agree, she said. They left at noon."
    two_lower = "The talks went well. we agree, she said. they left at noon."
    both = "The talks went well. we agree, she said They left at noon."
    for text, name in ((one_lower, lower), (one_fused, fused)):
        v = feats(text, ref)
        assert v[lower] == v[fused] == 0.0 and found(name, text, ref) == 1, text
    assert feats(two_lower, ref)[lower] == pytest.approx(2 / len(tokenize(two_lower).sentences))
    v = feats(both, ref)
    assert v[lower] == pytest.approx(1 / len(tokenize(both).sentences)) and v[fused] > 0.0


def test_fused_sentences(ref: lm.ReferenceModel) -> None:
    fused = "China and Russia are allies It is clear that the talks will be hard for both."
    comma = "The summit may not be productive, However, it is a sign of the times."
    clean = "China and Russia are allies. It is clear that the talks will be hard for both."
    # a small word between two sentences is no title: "talks at It is" still counts
    at = "China and Russia held talks at It is clear that the talks will be hard for both."
    assert found("punctuation.fused_sentences", clean, ref) == 0
    for broken in (fused, comma, at):
        assert found("punctuation.fused_sentences", broken, ref) == 1, broken
    # titles, a list after a comma, "I" and a line break are not fused sentences
    for ok in (
        "She watched the film The Wall again and read This Is London twice.",
        # Title Case keeps its small words in lower case
        "The band played What a Wonderful World and the report Look at It was read.",
        "They sold apples, The farmers said, and pears.",
        "On Monday I said that we would go.",
        "A heading without a stop\n\nThe text goes on here.",
        # an acronym is not the opener "It"; no sentence ends in "and"
        "The firm deals with IT services and sells them to banks.",
        "Stars that lose some H and He may still shine for a long time.",
    ):
        assert found("punctuation.fused_sentences", ok, ref) == 0, ok
    ev: list[Evidence] = []
    punctuation.punctuation(tokenize(fused), ref, ev)
    (e,) = [e for e in ev if e.feature == "punctuation.fused_sentences"]
    assert fused[e.start : e.end] == "allies It"


def test_curly_quotes_and_abbreviations_are_not_flagged(ref: lm.ReferenceModel) -> None:
    v = feats(CLEAN, ref)
    for n in (
        "split_abbrev",
        "space_before_punct",
        "space_inside_quotes",
        "stray_quote",
        "unbalanced_quotes",
        "unbalanced_brackets",
        "doubled_punct",
        "missing_space",
        "lower_sentence_start",
    ):
        assert v[f"punctuation.{n}"] == 0.0, n
    # e.g. / etc., other abbreviations and an ellipsis ("..." or the one character "…",
    # which folding turns into a full stop) followed by lower case do not start a sentence
    for ok in (
        "We bought fruit, e.g. apples, pears etc. and more.",
        "The Asst. to the director and the Dept. of roads said it would be fine.",
        "He paused... then he left the room, and she paused\u2026 then she followed.",
        "Did he leave? no, he stayed! and then he sang a song for all of us.",
        # a word with a capital inside opens a sentence rightly; street and time abbreviations
        "Sales rose again. iPhone orders doubled. al-Maliki's party won two more seats.",
        "Voting ended at 17:00 hrs. local time at the corner of 7th Ave. and Main St. today.",
        "They shipped 200 lbs. of rice, and Mlle. du Motel and Mme. de Staël paid for it.",
    ):
        assert found("punctuation.lower_sentence_start", ok, ref) == 0, ok
    name = "punctuation.lower_sentence_start"
    assert found(name, "He paused. then he left the room.", ref) == 1
    # a word the reference does not know is a name styled in lower case, which may open a
    # sentence; an ordinary word there is a broken sentence ("Lavrov. the", "Ukraine. country")
    assert found(name, "The site uses a tool. youtube-dl fetches the videos.", ref) == 0
    assert found(name, "The site uses a tool. council staff fetch the videos.", ref) == 1
    assert found(name, "He paused. it's late, he said, and left the room.", ref) == 1


def test_a_quotation_running_over_paragraphs_is_not_unbalanced(ref: lm.ReferenceModel) -> None:
    name = "punctuation.unbalanced_quotes"
    for q1, q2 in (("\u201c", "\u201d"), ('"', '"')):
        run_on = (
            f"{q1}We will build the road this year, and the bridge next year.\n\n"
            f"{q1}Then we will look at the schools,{q2} the mayor said.\n\nThe council agreed."
        )
        assert feats(run_on, ref)[name] == 0.0, q1
        # paragraphs indented, as a plain-text file may be: the indent is no part of the quote
        assert feats(run_on.replace("\n\n", "\n\n    "), ref)[name] == 0.0, q1
        # opened in one paragraph and closed in a later one, the paragraph between unquoted
        # (as news sites print long quotations)
        closed_later = (
            f"{q1}We will build the road this year, and the bridge next year.\n\n"
            "The schools come after that, and the parks last of all.\n\n"
            f"Then we will look at the library,{q2} the mayor said.\n\nThe council agreed."
        )
        assert feats(closed_later, ref)[name] == 0.0, q1
        # a quote opened that no later paragraph closes is still lost ...
        lost = closed_later.replace(f"library,{q2}", "library,")
        assert feats(lost, ref)[name] > 0.0, q1
        # ... and so is one closed after a paragraph that quotes something else
        other = closed_later.replace("the parks last", f"the {q1}green plan{q2} last")
        assert feats(other, ref)[name] > 0.0, q1


def _unpaired_shown(text: str, ref: lm.ReferenceModel) -> list[Evidence]:
    ev: list[Evidence] = []
    punctuation.punctuation(tokenize(text), ref, ev)
    return [e for e in ev if e.feature == "punctuation.unbalanced_quotes"]


def test_a_lost_quote_is_shown_by_the_mark_that_does_not_pair_up(ref: lm.ReferenceModel) -> None:
    # the span is the unpaired mark with the word either side of it, never the start of its
    # paragraph ("Earlier on Wednesday, Mr Wang held talks with Russian", which a reader had
    # to search for the mark); its quote is exactly that text
    L, R = "\u201c", "\u201d"
    filler = "\n\nThe council met again the following week and agreed on the plan for the roads."
    cases = [
        (
            "Earlier on Wednesday, Mr Wang held talks with Russian Foreign Minister Sergey "
            '"Lavrov about interests, Mr Lavrov said.',
            'Sergey "Lavrov about',
            "a quotation mark that is never closed",
        ),
        (
            f"The minister arrived late on Tuesday, the agency said. {L} The talks went on.",
            f"said. {L} The",
            "a quotation mark that is never closed",
        ),
        (
            f"The talks went on into the night, the agency said.{R} Nobody left before dawn.",
            f"agency said.{R} Nobody",
            "a closing quotation mark with no opening one",
        ),
        (
            'The plan was simple. We will build the road," he said, and left.',
            'the road," he',
            "a closing quotation mark with no opening one",
        ),
        # a translation's closing quote set as an opening one after the full stop (seed 004):
        # the mark shown is that one, not the quotation's opening mark, which it closes
        (
            f"He noted the tension, adding that {L}in this context the aim is stability. {L}",
            f"stability. {L}",
            "a closing quotation mark written as an opening one",
        ),
        (
            f"{R}We will go,{R} the mayor said, and the council agreed with him that night.",
            f"{R}We will",
            "an opening quotation mark written as a closing one",
        ),
        # a decoded "&quot;" is shown whole
        (
            "The council met, and the mayor said &quot;we agree with the plan. It was late.",
            "said &quot;we agree",
            "a quotation mark that is never closed",
        ),
    ]
    for para, shown, why in cases:
        for text in (para, para + filler):
            (e,) = _unpaired_shown(text, ref)
            assert text[e.start : e.end] == shown, (text, e)
            assert e.start > 0 or shown.startswith((L, R)), e  # not the paragraph's start
            assert e.message == f"'{shown}': {why}", e
            # one paragraph of one or two does not pair up, whatever the evidence shows
            value = feats(text, ref)["punctuation.unbalanced_quotes"]
            assert value == (1.0 if text == para else 0.5), text


def test_unpaired_marks_side_by_side_are_one_piece_of_evidence(ref: lm.ReferenceModel) -> None:
    # a translation's doubled closing quote: the “ closes the quotation (written the wrong way
    # round), the ” after it closes nothing; both are in the words shown, said once
    text = (
        "The spokesman said China hopes \u201cthe two sides will resolve their differences. "
        "\u201c\u201d.\n\nThe council met again the following week and agreed."
    )
    (e,) = _unpaired_shown(text, ref)
    assert text[e.start : e.end] == "differences. \u201c\u201d."
    assert e.message.endswith(
        ": a closing quotation mark written as an opening one and a closing quotation mark with "
        "no opening one, one of 2 quotation marks in the text that do not pair up"
    ), e
    assert feats(text, ref)["punctuation.unbalanced_quotes"] == 0.5


def test_each_unpaired_mark_is_shown_with_how_many_there_are(ref: lm.ReferenceModel) -> None:
    L = "\u201c"
    text = (
        f"The minister spoke. {L} The talks went on.\n\n"
        f"The envoy said. {L} Nobody left. Then he said. {L} It was late.\n\n"
        f"The delegates said. {L} We agree.\n\n"
        "The mayor went home and the council met again the following week."
    )
    shown = _unpaired_shown(text, ref)
    # four marks in three of four paragraphs: each mark is one piece of evidence, the
    # paragraph with two marks counted once in the value
    assert [text[e.start : e.end] for e in shown] == [
        f"spoke. {L} The",
        f"said. {L} Nobody",
        f"said. {L} It",
        f"said. {L} We",
    ]
    for e in shown:
        assert text.index(L, e.start) < e.end
        assert e.message.endswith(
            "a quotation mark that is never closed, one of 4 quotation marks in the text "
            "that do not pair up"
        ), e
    assert feats(text, ref)["punctuation.unbalanced_quotes"] == 3 / 4


def test_unpaired_marks_are_shown_up_to_the_evidence_cap(ref: lm.ReferenceModel) -> None:
    from spundetect.features import MAX_EVIDENCE

    n = MAX_EVIDENCE + 5
    text = "\n\n".join(f"Speaker {k} said. \u201c The talks went on." for k in range(n))
    shown = _unpaired_shown(text, ref)
    assert len(shown) == MAX_EVIDENCE
    assert shown[-1].message.endswith(f"one of {n} quotation marks in the text that do not pair up")


def test_quotes_that_pair_up_show_no_unpaired_mark(ref: lm.ReferenceModel) -> None:
    # apostrophes, nested quotes, straight and curly, a quotation running over paragraphs
    # (each paragraph opens it again, only the last closes it), German „so“: nothing to show
    L, R, LS, RS = "\u201c", "\u201d", "\u2018", "\u2019"
    name = "punctuation.unbalanced_quotes"
    for text in (
        "We loved rock 'n' roll in the '90s, and James' book says so. It's the kids' music.",
        f"We loved rock {RS}n{RS} roll in the {RS}90s, and James{RS} book says so. It{RS}s ours.",
        f"{L}He told me {LS}never again{RS} and walked out,{R} she said, and then she left.",
        "\"He told me 'never again' and walked out,\" she said, and then she left the room.",
        f"{L}It was a long winter.\n\n{L}The snow came in November.\n\n{L}By March we had "
        f"nothing,{R} she said.",
        '"It was a long winter.\n\n"The snow came in November," she said, and then left.',
        "Sie sagte \u201eso\u201c und ging, and the council met again the following week.",
        "He is 6'2\" tall and she is 5' 11\" tall, the coach said after the game that night.",
    ):
        assert not _unpaired_shown(text, ref), text
        assert feats(text, ref)[name] == 0.0, text


def test_punctuation_evidence_has_spans_and_messages(ref: lm.ReferenceModel) -> None:
    text = "He met the U. S. envoy. \u201c\n\nThen he left."
    ev: list[Evidence] = []
    punctuation.punctuation(tokenize(text), ref, ev)
    by = {e.feature: e for e in ev}
    e = by["punctuation.split_abbrev"]
    assert text[e.start : e.end] == "U. S."
    assert "abbreviation" in e.message
    assert "stray quote" in by["punctuation.stray_quote"].message
    # no evidence requested -> none built
    assert punctuation.punctuation(tokenize(text), ref, None)


def test_punctuation_evidence_quotes_exactly_its_span(ref: lm.ReferenceModel) -> None:
    # each reason quotes the characters its span points at: the space before a comma with
    # the comma, a decoded "&quot;" whole, two words missing a space whole (not "as.Th"), a
    # line break as one space (a carriage return in a message sends a terminal back to the
    # line's start), the mark a translation system left, "~" or "*", and a camelCase word
    text = (
        "The council met , and the mayor said &quot; we agree &quot; . It was late.Then the "
        "U.\r\nS. envoy said the ~charlas went well, and the ministerLeft the hall."
    )
    ev: list[Evidence] = []
    punctuation.punctuation(tokenize(text), ref, ev)
    by: dict[str, list[Evidence]] = {}
    for e in ev:
        by.setdefault(e.feature, []).append(e)
        quoted = e.message[1 : e.message.index("': ")]
        assert quoted == text[e.start : e.end].replace("\r\n", " "), e
        assert "\r" not in e.message and "\n" not in e.message
    (spaced,) = by["punctuation.space_before_punct"]
    assert spaced.message.startswith("' ,': ")
    inside = [text[e.start : e.end] for e in by["punctuation.space_inside_quotes"]]
    assert inside == ["&quot; ", " &quot;"]
    (missing,) = by["punctuation.missing_space"]
    assert text[missing.start : missing.end] == "late.Then"
    (mark,) = by["punctuation.mt_marks"]
    assert text[mark.start : mark.end] == "~charlas" and "mark (~)" in mark.message
    (camel,) = by["punctuation.run_together"]
    assert text[camel.start : camel.end] == "ministerLeft"


def test_a_lost_quote_in_a_crlf_file_is_shown_without_its_line_end(
    ref: lm.ReferenceModel,
) -> None:
    text = (
        "The minister said the talks would go on into the night.\r\n"
        '"Yes, we will meet again in the morning, he said.\r\n\r\n'
        "The talks went on late into the night.\r\n"
    )
    (e,) = _unpaired_shown(text, ref)
    assert text[e.start : e.end] == '"Yes, we'  # no word from the line before
    text = 'He said "yes to it and then left the hall.\r\n\r\nThe talks went on late.\r\n'
    (e,) = _unpaired_shown(text, ref)
    assert text[e.start : e.end] == 'said "yes to'


def test_initials_of_a_name_are_not_a_split_abbreviation(ref: lm.ReferenceModel) -> None:
    name = "punctuation.split_abbrev"
    # surnames rare and common: every split_abbrev match in the corpus's originals was one
    names = (
        "The novels of J. R. R. Tolkien and the poems of W. H. Auden sold well in 1950. "
        "George H. W. Bush met D. H. Lawrence's heirs and the mathematician Michael J. T. Guy."
    )
    assert feats(names, ref)[name] == 0.0
    assert feats("The U. S. and the U. K. signed the treaty on Monday in London.", ref)[name] > 0
    # a known dotted abbreviation counts before a capitalised word too; other capitals
    # count before anything else; a run of them is one match
    assert punctuation._split_abbrev("The U. S. Senate met.") == [(4, 9)]
    assert punctuation._split_abbrev("Tolkien, J. R. R. wrote it") == [(9, 17)]
    assert punctuation._split_abbrev("the U. N. C. team") == [(4, 12)]
    assert punctuation._split_abbrev("J. R. R. Tolkien") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "von der Leyen said the bloc would respond.",
        "de Gaulle was quoted at length.",
        "bin Salman was not mentioned.",
        "msnbc.com has reported the vote.",
        "https://example.org has the full text.",
    ],
)
def test_legitimate_lower_case_sentence_starts(ref: lm.ReferenceModel, sentence: str) -> None:
    name = "punctuation.lower_sentence_start"
    base = "The council met on Tuesday to discuss the budget for the coming year. {} It passed."
    assert found(name, base.format(sentence), ref) == 0
    # the same position with an ordinary word counts
    assert found(name, base.format("the vote " + sentence), ref) == 1


def test_a_name_particle_counts_before_a_lower_case_word() -> None:
    def starts(text: str) -> list[tuple[int, int]]:
        return punctuation._lower_starts(text, text, None)

    assert starts("It passed. de Gaulle spoke. von der Leyen left.") == []
    assert starts("It passed. de la vote went on.") == [(3, 13)]
    assert starts("It passed. van the Minister spoke.") == [(3, 14)]


@pytest.mark.parametrize("abbrev", ["Calif.", "Mt.", "min.", "Intl."])
def test_lower_case_after_an_abbreviation_is_no_sentence_start(
    ref: lm.ReferenceModel, abbrev: str
) -> None:
    text = f"The team drove to the site near the {abbrev} border and stayed for the night there."
    assert found("punctuation.lower_sentence_start", text, ref) == 0


def test_paragraphs_a_scraper_joined_are_layout_not_a_missing_space(
    ref: lm.ReferenceModel,
) -> None:
    name = "punctuation.missing_space"
    paras = [
        "The minister said the plan would go ahead.",
        "Critics said the government had not thought it through.",
        "The vote is due on Monday.",
    ]
    # one run-on sentence in a text that keeps its paragraphs is evidence
    slip = paras[0] + "\n\n" + paras[1].replace(". ", ".") + " It was" + ".Then it passed."
    assert found(name, slip, ref) == 1
    # a text on one line whose every paragraph runs into the next was joined by a scraper
    glued = "".join(paras)
    assert found(name, glued, ref) == 0
    assert len(tokenize(glued).sentences) == 3  # and it still reads as three sentences


def test_a_recipes_measures_and_a_listings_days_are_no_sentence_ends(
    ref: lm.ReferenceModel,
) -> None:
    name = "punctuation.lower_sentence_start"
    recipe = (
        "Add 2 tbsp. olive oil, 3 oz. butter and 1 tsp. salt, then stir for approx. ten minutes."
    )
    assert found(name, recipe, ref) == 0
    listing = "We meet on Wed. morning, then on Fri. afternoon; he scored 31 pts. and left."
    assert found(name, listing, ref) == 0
    # a metric unit is written without a stop: after one, a lower-case word still counts
    assert found(name, "The rain reached 10 mm. the government said it would act.", ref) == 1


@pytest.mark.parametrize(
    ("text", "doubled", "space_before", "camel", "missing", "stray"),
    [
        # one left-to-right scan: ",;," is one doubling, ";,,," two
        ("a ,;, b", [(2, 4)], [], [], [], []),
        ("a ;,,, b", [(2, 4), (4, 6)], [], [], [], []),
        ("a , , , b", [(2, 5)], [(1, 3)], [], [], []),
        ("end .\n", [], [(3, 5)], [], [], []),
        ("x ?", [], [(1, 3)], [], [], []),
        ("the cafeBar and theBoss", [], [], [(4, 11)], [], []),
        ("the caf\u00e9Bar and theBoss", [], [], [], [], []),  # camelCase is ASCII-only
        ("it was.Then we", [], [], [], [(3, 11)], []),  # the two words whole
        ("caf\u00e9 was.Then we", [], [], [], [(5, 13)], []),  # offsets in characters
        ('He said. "\n', [], [], [], [], [(7, 10)]),
        ('Yes! "', [], [], [], [], [(3, 6)]),
        ('No .  " .', [], [(2, 4)], [], [], [(3, 7)]),
    ],
)
def test_punctuation_matches_and_spans(
    text: str,
    doubled: list[tuple[int, int]],
    space_before: list[tuple[int, int]],
    camel: list[tuple[int, int]],
    missing: list[tuple[int, int]],
    stray: list[tuple[int, int]],
) -> None:
    classes = punctuation._char_classes(text)
    assert len(classes) == len(text)
    assert punctuation._doubled(text) == doubled
    assert punctuation._space_before(text, classes) == space_before
    assert punctuation._camel(text, classes) == camel
    assert punctuation._missing_space(text, classes) == missing
    assert punctuation._stray_quotes(text, punctuation._find_all(text, '"')) == stray


def test_token_facts_agree_with_the_reference(ref: lm.ReferenceModel) -> None:
    from spundetect.features import _words

    doc = tokenize("The cat sat near the university with hashowever zorblax words, the cat said.")
    easy = readability.easy_words()
    words = doc.word_list()
    for r, zipf, syll in ((ref, ref.zipf, ref.syllables), (None, {}, {})):
        codes = _words.token_facts(doc, r)
        assert len(codes) == len(words)  # one code per word token, in text order
        for w, code in zip(words, codes.tolist(), strict=True):
            assert bool(code & _words.IN_VOCABULARY) == (w in zipf)
            assert code >> _words.SYLLABLE_SHIFT == (syll.get(w) or 0)
            assert bool(code & _words.EASY) == (w in easy)
    # each reference keeps its own table, built once: a copy given other syllables reads them
    assert ref.word_facts() is ref.word_facts()
    other = copy.copy(ref)
    other.syllables = {**ref.syllables, "wordk": 2}
    assert other.word_facts() is not ref.word_facts()
    assert other.word_facts()["wordk"] >> _words.SYLLABLE_SHIFT == 2
    assert "wordk" not in ref.word_facts()
    assert _words.token_facts(tokenize("A wordk here."), other)[1] >> _words.SYLLABLE_SHIFT == 2


# ---------------------------------------------------------------- phrasing


def test_lm_surprisal_is_higher_for_broken_syntax(ref: lm.ReferenceModel) -> None:
    clean = "The minister said that the government would raise taxes next year."
    broken = "The minister said of the that would government the raise of taxes the year next."
    for n in (
        "lm_mean_surprisal",
        "lm_p90_surprisal",
        "lm_unseen_trigram_share",
        "lm_worst_sentence",
    ):
        higher(f"phrasing.{n}", clean, broken, ref)


def test_collocation_and_rare_words(ref: lm.ReferenceModel) -> None:
    clean = "The senior official said the talks would continue."
    spun = "The sensible official said the talks would commence."
    higher("phrasing.colloc_unseen_rate", clean, spun, ref)
    higher("phrasing.rare_synonym_rate", clean, spun, ref)
    higher("phrasing.uncommon_synonym_rate", clean, spun, ref)
    assert (
        feats(spun, ref)["phrasing.mean_content_zipf"]
        < feats(clean, ref)["phrasing.mean_content_zipf"]
    )


def test_topic_words_are_not_rare_synonyms(ref: lm.ReferenceModel) -> None:
    """A rare word the text repeats, or whose stem another word shares, is the topic's
    vocabulary, not a spinner's one-off synonym."""
    name = "phrasing.rare_synonym_rate"
    once = "The sensible official said the talks would commence soon."
    assert feats(once, ref)[name] > 0.0
    twice = "The official said the talks would commence soon and commence again."
    stem = "The official said the talks would commence soon; they commenced today."
    for text in (twice, stem):
        assert feats(text, ref)[name] == 0.0, text
        assert feats(text, ref)["phrasing.uncommon_synonym_rate"] == 0.0, text
    # a possessive is as common as its word
    assert feats("The official's talks would continue.", ref)[name] == 0.0
    # a short stem shared by chance does not make a word topical
    assert feats("The talks would commence soon, the comic said.", ref)[name] > 0.0


def test_common_english_pairs(ref: lm.ReferenceModel) -> None:
    """Pairs from the large common-bigram list count as normal even when the small
    reference text never shows them; a spinner's swap breaks them."""
    common = [("most", "senior"), ("senior", "official"), ("official", "said"), ("the", "talks")]
    zipf = {**ref.zipf, "most": 6.0, "sensible": 4.1}
    texts = [*REF_TEXTS, *["It was a sensible choice for the farmers."] * 3]
    big = lm.build(texts, zipf=zipf, common_bigrams=common)
    clean = "The most senior official said the talks would continue."
    spun = "The most sensible official said the talks would continue."
    for name in ("phrasing.common_pair_share", "phrasing.content_pair_common"):
        assert feats(clean, big)[name] > feats(spun, big)[name], name
    assert (
        feats(clean, big)["phrasing.colloc_unseen_rate"]
        < feats(spun, big)["phrasing.colloc_unseen_rate"]
    )
    # without the list, "most senior" is an unseen pair like any other
    assert feats(clean, ref)["phrasing.common_pair_share"] == 0.0


def test_a_word_pair_is_unseen_only_when_the_reference_never_has_it(
    ref: lm.ReferenceModel,
) -> None:
    """``word_pair_unseen`` is the share of judged pairs (both words frequent in the
    reference) that the reference never shows side by side: once is enough to be seen."""
    name = "phrasing.word_pair_unseen"
    text = "Police said the man was happy, and the said plan was good."
    # "said the" is in the reference, "the said" is not: one of the two judged pairs
    assert feats(text, ref)[name] == pytest.approx(0.5)
    once = lm.build(
        [*REF_TEXTS, *["It was a sensible choice for the farmers."] * 3, "He read the said plan."],
        zipf=ref.zipf,
        plainer=PLAINER,
    )
    assert feats(text, once)[name] == 0.0
    # only pairs of frequent words are judged: none here
    assert feats("The farmers were happy with the match.", ref)[name] == 0.0


def test_the_least_usual_sentence_is_shown_when_it_is_unusual_enough(
    ref: lm.ReferenceModel,
) -> None:
    """``lm_worst_sentence`` is the highest mean class surprisal of a sentence, in bits; past
    6 bits that sentence is the evidence, whole, and only it."""
    name = "phrasing.lm_worst_sentence"
    plain = (
        "The minister said on Monday that the government would raise taxes. "
        "Officials said the new bridge will open in the spring."
    )
    jumbled = "In on of at the a an the would said was."
    text = f"{plain} {jumbled}"
    assert feats(text, ref)[name] > 6.0 > feats(plain, ref)[name] > 0.0
    ev: list[Evidence] = []
    extract(tokenize(text), ref, evidence=ev)
    (worst,) = [e for e in ev if e.feature == name]
    assert text[worst.start : worst.end] == jumbled
    assert "least usual word order" in worst.message
    ev = []
    extract(tokenize(plain), ref, evidence=ev)
    assert not [e for e in ev if e.feature == name]


def test_article_agreement(ref: lm.ReferenceModel) -> None:
    clean = "She ate an apple at a university within an hour and took a umbrella."
    broken = "She ate a apple at an university within a hour and took an umbrella."
    higher("phrasing.article_mismatch", clean, broken, ref)
    ok = "She ate an apple at a university within an hour, under an umbrella, a one-off."
    assert feats(ok, ref)["phrasing.article_mismatch"] == 0.0
    # "eu" and acronyms: "a European", "a US firm", "an FBI agent" are all correct
    ok = "A European firm, a US bank and an FBI agent met a eulogist and an MP."
    assert feats(ok, ref)["phrasing.article_mismatch"] == 0.0
    assert feats("An European firm met them.", ref)["phrasing.article_mismatch"] > 0.0
    # "an historic", "an hotel": a British style, not a slip; a silent h still needs "an"
    ok = "It was an historic day at an hotel, a heroic effort and a happy crowd."
    assert feats(ok, ref)["phrasing.article_mismatch"] == 0.0
    assert feats("They waited a hour at the hotel.", ref)["phrasing.article_mismatch"] > 0.0
    for wrong in ("She ate a apple.", "He took a orange.", "It was a idea."):
        assert feats(wrong, ref)["phrasing.article_mismatch"] > 0.0, wrong


def test_repeats_and_determiners(ref: lm.ReferenceModel) -> None:
    higher(
        "phrasing.repeated_word",
        "The plan was good and so was the rest.",
        "The the plan was good and so was the the rest.",
        ref,
    )
    higher(
        "phrasing.double_determiner",
        "The plan was a good one.",
        "The a plan was a the good one.",
        ref,
    )
    # a text's only doubled word is a typo: shown, but counting nothing
    once = "The man went to the the shop and bought some bread for his family."
    got = feats(once, ref)
    assert got["phrasing.repeated_word"] == got["phrasing.double_determiner"] == 0.0
    ev: list[Evidence] = []
    extract(tokenize(once), ref, evidence=ev)
    shown = {e.feature: once[e.start : e.end] for e in ev}
    assert shown["phrasing.repeated_word"] == shown["phrasing.double_determiner"] == "the the"
    assert phrasing.DOUBLED_FORGIVEN == 1
    assert feats("He said that the plan was good.", ref)["phrasing.double_determiner"] == 0.0
    # a demonstrative pronoun before a determiner is everyday English
    for ok in ("Give this a go.", "Is this the one?", "I make these every week."):
        assert feats(ok, ref)["phrasing.double_determiner"] == 0.0, ok
    higher(
        "phrasing.repeated_ngram",
        "The Secretary of State has worried the allies of the country a great deal.",
        "The U. S. Secretary of State has worried the U. S. Secretary of State again.",
        ref,
    )


def test_adjacent_repeat_counts_decoder_loops_once_each(ref: lm.ReferenceModel) -> None:
    name = "phrasing.adjacent_repeat"
    clean = "The minister said that the government of the country had agreed to the plan."
    looped = (
        "The minister said that the government of the government of the government had "
        "agreed to the plan."
    )
    assert feats(clean, ref)[name] == 0.0
    assert feats(looped, ref)[name] == 1.0  # one loop, however many times the run is said
    assert (
        feats("The talks in the in the capital ended. The the the plan failed.", ref)[name] == 2.0
    )
    # one loop counts fully however long the text (repeated_ngram is a rate per sentence)
    long = " ".join([clean] * 30)
    assert feats(long + " " + looped, ref)[name] == 1.0
    assert feats(" ".join([looped] * 15), ref)[name] == phrasing.MAX_LOOPS
    # a loop spans one sentence; everyday repeats and words around punctuation do not count
    for ok in (
        "It was blah blah blah, the minister said.",
        "No, no, no! Go, go, go! It was very very very good.",
        "The plan failed. The plan failed. The plan failed.",
        "He said that he had had enough of it.",
        "They sang New York, New York and we are, we are all night. This is...this is it.",
        "The show ran on Day 1 and Day 2 and the FBI; the FBI said so.",
    ):
        assert feats(ok, ref)[name] == 0.0, ok
    ev: list[Evidence] = []
    extract(tokenize(looped), ref, evidence=ev)
    (loop,) = [e for e in ev if e.feature == name]
    assert looped[loop.start : loop.end] == "the government of the government of the government"
    assert "over and over" in loop.message
    assert "'of the government'" in loop.message  # the unit as the loop ends, not a rotation


def test_repeated_ngram_leaves_out_trigrams_of_function_words_only(
    ref: lm.ReferenceModel,
) -> None:
    """A sentence saying "one of the" twice is ordinary English: a word trigram made only of
    function words never counts as a repeat, one with a content word ("the old dog") does."""
    name = "phrasing.repeated_ngram"
    assert feats("One of the boys saw a dog, and one of the girls fed a cat.", ref)[name] == 0.0
    both = "One of the boys saw the old dog, and one of the girls fed the old dog."
    assert feats(both, ref)[name] == 1.0  # one repeat in one sentence: "one of the" is none
    ev: list[Evidence] = []
    extract(tokenize(both), ref, evidence=ev)
    assert [both[e.start : e.end] for e in ev if e.feature == name] == ["the old dog"]


def test_adjacent_repeat_counts_a_loop_found_at_two_periods_once(ref: lm.ReferenceModel) -> None:
    """A loop is found once per period that repeats in it ("the the the the" is "the", and
    "the the", over and over): overlapping finds are one loop, spanning all of them."""
    name = "phrasing.adjacent_repeat"
    assert feats("He read the the the the report.", ref)[name] == 1.0
    text = "It was a cold cold cold night cold night for us."
    assert feats(text, ref)[name] == 1.0
    ev: list[Evidence] = []
    extract(tokenize(text), ref, evidence=ev)
    (loop,) = [e for e in ev if e.feature == name]
    assert text[loop.start : loop.end] == "cold cold cold night cold night"
    # named by the copy it ends with, that of the find reaching furthest: not "'night' over
    # and over", the last word of the loop of one word that the longer one took in
    assert "'cold night' over and over" in loop.message
    ev = []
    extract(tokenize("He read the the the the report."), ref, evidence=ev)
    assert ["'the' over and over" in e.message for e in ev if e.feature == name] == [True]


def test_names_and_titles_are_not_repeats_or_double_determiners(ref: lm.ReferenceModel) -> None:
    # a capitalised word mid-sentence starts a name or a title; "that that", "his every" and
    # "blah blah" are everyday English
    for ok in (
        "Sirhan Sirhan was moved to a new prison in the north.",
        "It was blah blah blah, the minister said.",
    ):
        assert feats(ok, ref)["phrasing.repeated_word"] == 0.0, ok
    for ok in (
        "She was sad that that is the last dance of the year.",
        "He told the The Sun that the plan was good.",
        "In his My Life, he wrote of the council.",
        "They drove on the A19 and watched his every move.",
    ):
        assert feats(ok, ref)["phrasing.double_determiner"] == 0.0, ok
    # a function word repeated with a capital is still a slip ("and And", a Slavic round trip)
    # (two of them: a text's only doubled word is forgiven as a typo, see DOUBLED_FORGIVEN)
    slips = "The man went home and And the police and And the army arrested him."
    plain = "The man went home and the police and the army arrested him."
    assert feats(slips, ref)["phrasing.repeated_word"] > feats(plain, ref)["phrasing.repeated_word"]
    told = "He told the this council of the his plan."
    assert feats(told, ref)["phrasing.double_determiner"] > 0


def test_tortured_phrases_and_register(ref: lm.ReferenceModel) -> None:
    higher(
        "phrasing.tortured_rate",
        "We used deep learning and big data.",
        "We used profound learning and huge information.",
        ref,
    )
    higher(
        "phrasing.register_markers",
        "They will start to use the plan.",
        "They will commence to utilize the plan, furthermore.",
        ref,
    )
    # the connecting phrases everyday and academic prose uses as much as a rewriter are no
    # evidence of a showy register
    plain = (
        "Amid the delays, the team tested the tail as well as the legs in order to measure "
        "the load in terms of force, and thus hence thereby found where the bone bends."
    )
    assert feats(plain, ref)["phrasing.register_markers"] == 0.0
    ev: list[Evidence] = []
    text = "We applied counterfeit consciousness to the problem."
    phrasing.phrasing(tokenize(text), ref, ev)
    e = next(e for e in ev if e.feature == "phrasing.tortured_rate")
    assert text[e.start : e.end] == "counterfeit consciousness"
    assert "artificial intelligence" in e.message


def test_collocation_evidence_names_the_pair(ref: lm.ReferenceModel) -> None:
    ev: list[Evidence] = []
    text = "The sensible official said the talks would continue."
    phrasing.phrasing(tokenize(text), ref, ev)
    e = next(e for e in ev if e.feature == "phrasing.colloc_unseen_rate")
    assert text[e.start : e.end] == "sensible official"


# ---------------------------------------------------------------- readability


def test_readability_simple_text_reads_easier(ref: lm.ReferenceModel) -> None:
    easy = "The cat sat on the mat. The dog ran to the park. We had fun in the sun."
    hard = (
        "Comprehensive institutional reconfiguration necessitates considerable interdepartmental "
        "coordination, particularly regarding administrative responsibilities."
    )
    e, h = feats(easy, ref), feats(hard, ref)
    assert e["readability.flesch_reading_ease"] > h["readability.flesch_reading_ease"]
    assert h["readability.flesch_kincaid_grade"] > e["readability.flesch_kincaid_grade"]
    assert h["readability.syllables_per_word"] > e["readability.syllables_per_word"]
    assert h["readability.difficult_word_rate"] > e["readability.difficult_word_rate"]
    assert h["readability.polysyllable_rate"] > e["readability.polysyllable_rate"]


def test_sentence_length_burstiness(ref: lm.ReferenceModel) -> None:
    even = "The cat sat on the mat today. The dog ran to the park today. The sun was out all day."
    bursty = (
        "Stop. The dog ran all the way to the big park on the hill beyond the river and "
        "back again before the sun went down. Yes indeed, it did."
    )
    higher("readability.sentence_len_cv", even, bursty, ref)
    higher("readability.sentence_len_std", even, bursty, ref)


def test_syllable_counter() -> None:
    assert readability.count_syllables("cat") == 1
    assert readability.count_syllables("table") == 2
    assert readability.count_syllables("university") >= 4
    assert readability.easy_words() and "cat" in readability.easy_words()


def test_fast_readability_agrees_with_textstat(ref: lm.ReferenceModel) -> None:
    text = (
        "The city council voted on Tuesday to extend the night bus service for another year. "
        "Supporters said the buses help shift workers get home safely, while critics argued that "
        "the money would be better spent on repairing roads. The mayor, who backed the plan, said "
        "she would review the figures again in the spring. Nobody expected the vote to be close."
    )
    ts = readability.textstat_report(text)
    # use a reference with real CMU syllables for the comparison
    full = copy.copy(ref)
    full.syllables = _cmu_syllables(text)
    mine = dict(
        zip(
            feature_names(["readability"]),
            extract(tokenize(text), full, ["readability"]),
            strict=False,
        )
    )
    assert mine["readability.flesch_reading_ease"] == pytest.approx(
        ts["flesch_reading_ease"], abs=6
    )
    assert mine["readability.flesch_kincaid_grade"] == pytest.approx(
        ts["flesch_kincaid_grade"], abs=1.5
    )


def _cmu_syllables(text: str) -> dict[str, int]:
    words = set(tokenize(text.lower()).words())
    return lm._syllable_table(words)


def test_readability_figures_follow_the_formulas() -> None:
    """The figures worked by hand for a short text, without a reference (heuristic
    syllables, textstat's easy words). As textstat does, words per sentence count every word
    but leave out sentences of two words or fewer ("Stop now."); the rhythm is theirs too."""
    text = "Stop now. Sit down here. The committee read the verdict to the gnat today."
    got = dict(zip(readability.NAMES, readability.readability(tokenize(text), None, None)))
    # 14 words in sentences of 2, 3 and 9; 18 syllables (committee 3, verdict 2, today 2)
    wps, spw = 14 / 2, 18 / 14
    assert got == pytest.approx(
        {
            "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
            "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
            "words_per_sentence": wps,
            "syllables_per_word": spw,
            "sentence_len_std": 3.0,  # of 3 and 9 words
            "sentence_len_cv": 0.5,
            "difficult_word_rate": 2 / 14,  # committee, verdict: not easy, two syllables or more
            "polysyllable_rate": 1 / 14,  # committee
        }
    )
    wps_at = readability.NAMES.index("words_per_sentence")
    # one sentence: its length; only short ones: they are all counted after all
    assert readability.readability(tokenize("The cat sat on the mat."), None, None)[wps_at] == 6
    short = readability.readability(tokenize("Stop now. Go."), None, None)
    assert short[wps_at] == 3.0
    assert short[readability.NAMES.index("sentence_len_std")] == 0.5  # of 2 and 1 words
    # no words, no figures
    assert set(readability.readability(tokenize("... 12 34"), None, None)) == {0.0}


def test_syllable_heuristic_drops_a_silent_final_e_and_counts_at_least_one() -> None:
    """Without the CMU table a word's syllables are its vowel groups, less a silent final
    "e" ("stone", "complete") but not that of "-le", "-ee" or "-ye"; never fewer than one."""
    cases = {"stone": 1, "complete": 2, "table": 2, "agree": 2, "goodbye": 2, "the": 1, "hmm": 1}
    assert {w: readability.count_syllables(w) for w in cases} == cases


def test_syllables_come_from_the_reference_table_first(ref: lm.ReferenceModel) -> None:
    """The reference's CMU syllables win over the heuristic ("create": two vowel groups, one
    taken for a silent "e"); a word missing from the table, or listed with none, falls back
    to the heuristic."""
    table = copy.copy(ref)
    table.syllables = {"create": 2, "stone": 0}
    assert readability.count_syllables("create") == 1
    assert readability.count_syllables("create", table) == 2
    assert readability.count_syllables("stone", table) == 1
    assert readability.count_syllables("complete", table) == 2


# ---------------------------------------------------------------- lexical


def test_lexical_diversity_and_voice(ref: lm.ReferenceModel) -> None:
    repetitive = " ".join(["the plan is good and the plan is fine"] * 10)
    varied = (
        "Officials said the proposal looked sound, although critics doubted several costly "
        "details; farmers, teachers and nurses wanted clearer answers before any vote happened "
        "next spring, while most residents simply hoped rents would stop rising quickly."
    )
    higher("lexical.msttr", repetitive, varied, ref)
    higher("lexical.hapax_rate", repetitive, varied, ref)
    higher("lexical.mean_word_len", repetitive, varied, ref)
    higher("lexical.long_word_share", repetitive, varied, ref)
    higher(
        "lexical.contraction_rate",
        "We do not know. It is fine.",
        "We don't know. It isn't fine.",
        ref,
    )
    higher("lexical.first_person_rate", "The team won.", "We won and I was there.", ref)
    higher("lexical.second_person_rate", "The team won.", "You won and your team was there.", ref)
    higher(
        "lexical.connective_start_share",
        "The team won the game. The fans were happy.",
        "Moreover, the team won the game. Furthermore, the fans were happy.",
        ref,
    )


def test_connective_diversity() -> None:
    same = "However, it rained all day. However, we went out. However, it was fine."
    mixed = "However, it rained all day. Still, we went out. Indeed, it was fine."
    a = lexical.lexical(tokenize(same), None, None)[lexical.NAMES.index("connective_diversity")]
    b = lexical.lexical(tokenize(mixed), None, None)[lexical.NAMES.index("connective_diversity")]
    assert b > a


def test_msttr_is_length_robust() -> None:
    base = [
        "the",
        "quick",
        "brown",
        "fox",
        "jumps",
        "over",
        "the",
        "lazy",
        "dog",
        "while",
        "a",
        "small",
        "cat",
        "watches",
        "from",
        "an",
        "old",
        "wooden",
        "fence",
        "near",
        "the",
        "river",
        "bank",
    ]
    short = lexical._msttr(base * 3, 50)
    long = lexical._msttr(base * 30, 50)
    assert math.isclose(short, long, rel_tol=0.05)
    assert 0.0 < short <= 1.0


def test_msttr_and_hapax_average_every_whole_segment() -> None:
    """Diversity is averaged over consecutive whole segments: the last whole one counts, a
    shorter tail after it does not (99 words are one segment of 50, 100 words two)."""
    varied = [f"w{i}" for i in range(50)]
    assert lexical._segments(varied + ["x"] * 49, 50) == [varied]
    assert lexical._segments(varied + ["x"] * 50, 50) == [varied, ["x"] * 50]
    assert lexical._msttr(varied + ["x"] * 50, 50) == pytest.approx((1 + 1 / 50) / 2)
    assert lexical._hapax_rate(varied + ["x"] * 50, 50) == pytest.approx((1 + 0) / 2)
    # no words, no segments: 0.0, not a division by zero
    assert lexical._msttr([], 50) == lexical._hapax_rate([], 100) == 0.0


def lex(text: str) -> dict[str, float]:
    return dict(zip(lexical.NAMES, lexical.lexical(tokenize(text), None, None), strict=True))


def test_voice_rates_are_per_hundred_words() -> None:
    """Contractions and first- and second-person pronouns are counted per 100 words, so the
    figures compare across lengths; a possessive 's is not a contraction."""
    got = lex("You won and your team was there, but we can't say the official's name.")
    # 14 words: "you" and "your" (second person), "we" (first), "can't" (not "official's")
    assert got["second_person_rate"] == pytest.approx(100 * 2 / 14)
    assert got["first_person_rate"] == pytest.approx(100 * 1 / 14)
    assert got["contraction_rate"] == pytest.approx(100 * 1 / 14)


def test_connective_share_counts_sentences_of_four_tokens_or_more() -> None:
    """A fragment under four tokens ("So what?") counts neither as a sentence nor as one led
    by a connective; a sentence of four ("So we won.") counts as both."""
    assert lex("The fans were happy. So what? So we won.")["connective_start_share"] == 0.5
    # a sentence's first word is its first word token: after an opening quote, and a
    # sentence of punctuation alone is passed over, not the end of the count
    for text in (
        '"However, it rained," he said. The fans stayed home.',
        "--- *** --- !!! However, it rained. The fans stayed home.",
    ):
        assert lex(text)["connective_start_share"] == 0.5, text
    # no sentence long enough: no share, and no connective said twice (diversity 1.0) ...
    short = lex("So what? Oh well.")
    assert (short["connective_start_share"], short["connective_diversity"]) == (0.0, 1.0)
    # ... while a text without a word scores zero on every lexical figure
    assert set(lex("... 12 34").values()) == {0.0}


def test_rare_words_count_only_with_a_plainer_synonym(ref: lm.ReferenceModel) -> None:
    """A rare word is a spinner's tell only when a much commoner synonym exists: an
    everyday rare word ("rapprochement" here) is not, and the reason names the plain word."""
    name = "phrasing.rare_synonym_rate"
    swap = "The senior official said the talks would commence."
    rare_only = "The senior official said the rapprochement would continue."
    assert feats(swap, ref)[name] > 0.0
    assert feats(rare_only, ref)[name] == 0.0
    assert feats(rare_only, ref)["phrasing.uncommon_synonym_rate"] == 0.0
    # without the synonym table no word counts
    bare = lm.build(REF_TEXTS, zipf=dict(ref.zipf))
    assert feats(swap, bare)[name] == 0.0
    ev: list[Evidence] = []
    extract(tokenize(swap), ref, evidence=ev)
    msgs = [e.message for e in ev if e.feature == "phrasing.rare_synonym_rate"]
    assert msgs == [
        "'commence': a rare word where a commoner synonym would do (WordNet lists 'begin')"
    ]
    # one inflected otherwise is not named: WordNet's synonym of another word class
    other = lm.build(REF_TEXTS, zipf=dict(ref.zipf), plainer={**PLAINER, "commence": "beginning"})
    ev = []
    extract(tokenize(swap), other, evidence=ev)
    msgs = [e.message for e in ev if e.feature == "phrasing.rare_synonym_rate"]
    assert msgs == ["'commence': a rare word where a commoner synonym would do"]
    # a word whose commoner synonym belongs to a rare sense counts, but is not given one
    unnamed = {**PLAINER, "commence": ""}
    quiet = lm.build(REF_TEXTS, zipf=dict(ref.zipf), plainer=unnamed)
    assert feats(swap, quiet)[name] == feats(swap, ref)[name]
    ev = []
    extract(tokenize(swap), quiet, evidence=ev)
    msgs = [e.message for e in ev if e.feature == "phrasing.rare_synonym_rate"]
    assert msgs == ["'commence': a rare word where a commoner synonym would do"]
