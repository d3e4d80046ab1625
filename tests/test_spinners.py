"""Tests for the article spinners (training/spinners) on short texts written for the tests."""

from __future__ import annotations

import difflib
import io
import random
import re
import sys
from pathlib import Path

import pytest

WORDNET = Path("/usr/share/wordnet")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

pytestmark = pytest.mark.skipif(
    not (WORDNET / "data.noun").is_file(), reason="WordNet (apt: wordnet-base) not installed"
)

from training.spinners import SPINNERS, check_resources, formal, phrases, sentences, synonym  # noqa: E402
from training.spinners import fluent as fluent_mod  # noqa: E402
from training.spinners.bench import content_changed  # noqa: E402
from training.spinners.inflect import analyses, article_for, choose_analysis, inflect  # noqa: E402
from training.spinners.tokens import (  # noqa: E402
    lower_first_word,
    split_paragraphs,
    split_sentences,
    tokenize,
    words,
)
from training.spinners.wordnet import get_wordnet  # noqa: E402

STYLES = sorted(SPINNERS)
WORD_LEVEL = ["synonym_light", "synonym_heavy", "tortured_phrases", "formal_paraphrase"]

NEWS = (
    "The regional council approved a new budget on Tuesday after a long debate about rising "
    "costs. Councillor Maria Lopez said the plan would protect local schools and libraries, "
    "while critics argued that the spending was too large for a small town. The vote passed "
    "by 14 to 9.\n\n"
    "Although the weather was cold, hundreds of residents gathered outside the building in "
    "Greenfield. Several farmers carried signs and demanded lower taxes on fuel. Officials "
    "said that the protest remained peaceful, and police reported no arrests. "
    '"We only want a fair deal," one farmer told reporters.\n\n'
    "In addition, the council plans to review the water charges in 2025. Experts believe the "
    "changes could save families about 120 dollars each year, but the final figures depend "
    "on the price of energy."
)


def changed_share(a: str, b: str) -> float:
    """Share of a's words not kept in place in b."""
    wa, wb = words(a), words(b)
    sm = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    return 1.0 - sum(m.size for m in sm.get_matching_blocks()) / len(wa)


def sentence_count(text: str) -> int:
    return sum(len(split_sentences(p)) for p in split_paragraphs(text)[0] if p.strip())


# ---------------------------------------------------------------- registry and every style


def test_registry_names() -> None:
    assert {
        "synonym_light",
        "synonym_heavy",
        "tortured_phrases",
        "sentence_rewrite",
        "formal_paraphrase",
    } <= set(SPINNERS)
    assert all(callable(f) for f in SPINNERS.values())


@pytest.mark.parametrize("style", STYLES)
def test_deterministic_for_same_seed(style: str) -> None:
    fn = SPINNERS[style]
    assert fn(NEWS, random.Random(7)) == fn(NEWS, random.Random(7))


@pytest.mark.parametrize("style", STYLES)
def test_different_seeds_differ(style: str) -> None:
    fn = SPINNERS[style]
    outs = {fn(NEWS, random.Random(seed)) for seed in range(4)}
    assert len(outs) >= 3


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_unchanged(style: str, text: str) -> None:
    assert SPINNERS[style](text, random.Random(0)) == text


@pytest.mark.parametrize("style", STYLES)
def test_paragraph_structure_kept(style: str) -> None:
    for seed in range(5):
        out = SPINNERS[style](NEWS, random.Random(seed))
        paras, seps = split_paragraphs(out)
        assert seps == split_paragraphs(NEWS)[1]
        assert all(p.strip() for p in paras)


@pytest.mark.parametrize("style", STYLES)
def test_names_numbers_and_quotes_kept(style: str) -> None:
    for seed in range(5):
        out = SPINNERS[style](NEWS, random.Random(seed))
        for keep in ("Maria Lopez", "Greenfield", "14", "9", "2025", "120"):
            assert keep in out, (style, seed, keep)
        assert "“We only want a fair deal,”" in out.replace('"We', "“We").replace(',"', ",”")


@pytest.mark.parametrize(
    ("style", "minimum"),
    [
        ("synonym_light", 0.10),
        ("synonym_heavy", 0.20),
        ("tortured_phrases", 0.10),
        ("sentence_rewrite", 0.10),
        ("formal_paraphrase", 0.08),
        ("mixed", 0.12),
    ],
)
def test_changes_a_realistic_share(style: str, minimum: float) -> None:
    fn = SPINNERS[style]
    shares = [changed_share(NEWS, fn(NEWS, random.Random(seed))) for seed in range(6)]
    assert sum(shares) / len(shares) >= minimum, shares
    assert max(shares) < 0.8  # still recognisably the same text


@pytest.mark.parametrize("style", WORD_LEVEL)
def test_word_level_styles_keep_sentence_count(style: str) -> None:
    n = sentence_count(NEWS)
    for seed in range(6):
        assert sentence_count(SPINNERS[style](NEWS, random.Random(seed))) == n


@pytest.mark.parametrize("style", ["synonym_light", "synonym_heavy", "tortured_phrases"])
def test_sentences_still_start_with_capitals(style: str) -> None:
    for seed in range(6):
        out = SPINNERS[style](NEWS, random.Random(seed))
        for para in split_paragraphs(out)[0]:
            for sent in split_sentences(para):
                assert sent.lstrip('"“')[0].isupper(), sent


# ---------------------------------------------------------------- WordNet synonym spinner


def test_wordnet_reader() -> None:
    wn = get_wordnet()
    assert "purchase" in wn.synonyms("buy", "v")
    assert "nation" in wn.synonyms("country", "n")
    assert "went" in wn.irregular_forms("go", "v")
    assert wn.irregular_bases("children", "n") == ("child",)


def test_check_resources_message(tmp_path: Path) -> None:
    check_resources()  # the real files are there
    from training.spinners.wordnet import check_resources as check_at

    with pytest.raises(RuntimeError, match="apt-get install wordnet-base"):
        check_at(tmp_path)


@pytest.mark.parametrize(
    ("lemma", "pos", "form", "expected"),
    [
        ("city", "n", "pl", "cities"),
        ("box", "n", "pl", "boxes"),
        ("child", "n", "pl", "children"),
        ("stop", "v", "past", "stopped"),
        ("carry", "v", "past", "carried"),
        ("make", "v", "ing", "making"),
        ("go", "v", "past", "went"),
        ("watch", "v", "3sg", "watches"),
        ("sound_out", "v", "past", "sounded out"),
        ("interest_group", "n", "pl", "interest groups"),
        ("large", "a", "er", "larger"),
        ("enviable", "a", "er", "more enviable"),
    ],
)
def test_inflect(lemma: str, pos: str, form: str, expected: str) -> None:
    assert inflect(get_wordnet(), lemma, pos, form) == expected


def test_analysis_reads_suffixes() -> None:
    wn = get_wordnet()
    a = choose_analysis(wn, analyses(wn, "countries"), "countries", "the")
    assert a is not None and (a.pos, a.base, a.form) == ("n", "country", "pl")
    a = choose_analysis(wn, analyses(wn, "walked"), "walked", "they")
    assert a is not None and (a.pos, a.form) == ("v", "past")


def test_article_for() -> None:
    assert article_for("apple") == "an"
    assert article_for("union") == "a"
    assert article_for("hour") == "an"
    assert article_for("house") == "a"


PLURALS = [
    "farmers",
    "houses",
    "teachers",
    "rivers",
    "doctors",
    "bridges",
    "gardens",
    "windows",
    "engines",
    "markets",
]


def test_plural_nouns_mostly_stay_plural() -> None:
    text = " ".join(f"The {w} are in the north." for w in PLURALS)
    kept = changed = 0
    for seed in range(15):
        out = synonym.substitute(text, random.Random(seed), 0.9)
        sents = split_sentences(out)
        assert len(sents) == len(PLURALS)
        for orig, sent in zip(PLURALS, sents, strict=True):
            m = re.match(r"The (.+?) are in the ", sent)
            assert m, sent
            new = m.group(1)
            if new.lower() != orig:
                changed += 1
                last = new.split()[-1]
                kept += last.endswith("s") or bool(get_wordnet().irregular_bases(last, "n"))
    assert changed > 50
    assert 0.8 <= kept / changed < 1.0 or kept == changed  # mostly kept; a spinner may slip


def test_past_tense_mostly_kept() -> None:
    verbs = ["walked", "opened", "painted", "cleaned", "visited", "repaired", "checked", "moved"]
    text = " ".join(f"They {v} it on Monday." for v in verbs)
    wn = get_wordnet()
    kept = changed = 0
    for seed in range(15):
        out = synonym.substitute(text, random.Random(seed), 0.9)
        for orig, sent in zip(verbs, split_sentences(out), strict=True):
            m = re.match(r"They (.+?) it on ", sent)
            assert m, sent
            new = m.group(1).split()[0]
            if new.lower() != orig:
                changed += 1
                kept += new.endswith("ed") or bool(wn.irregular_bases(new, "v"))
    assert changed > 40
    assert kept / changed >= 0.8


def test_capitalised_words_mid_sentence_never_change() -> None:
    text = "Yesterday the Liberty Bank and Golden Harvest opened offices near Riverside Park."
    for seed in range(10):
        out = synonym.substitute(text, random.Random(seed), 1.0)
        for name in ("Liberty Bank", "Golden Harvest", "Riverside Park"):
            assert name in out


def test_articles_follow_the_new_word() -> None:
    text = " ".join(
        f"It was a {w} day." for w in ["good", "long", "cold", "quiet", "busy", "strange"]
    )
    wrong = total = 0
    for seed in range(20):
        out = synonym.substitute(text, random.Random(seed), 1.0, p_break=0.0)
        for m in re.finditer(r"\b(a|an) (\w+)", out):
            total += 1
            wrong += m.group(1) != article_for(m.group(2))
    assert total > 50 and wrong == 0


# ---------------------------------------------------------------- tortured phrases


def test_general_phrase_list_is_large() -> None:
    assert len(phrases.GENERAL_TABLE) >= 150
    assert ("on", "the", "other", "hand") in phrases.GENERAL_TABLE


def test_known_phrases_are_tortured() -> None:
    text = (
        "In order to grow, the firm must take into account big data and artificial intelligence. "
        "On the other hand, costs matter."
    )
    out = phrases.swap_phrases(text, random.Random(0), p_swap=1.0, use_screener=False)
    low = out.lower()
    for phrase in ("in order to", "take into account", "big data", "on the other hand"):
        assert phrase not in low
    assert out.startswith(("So as to", "In request to"))
    assert "counterfeit consciousness" in low or "fake knowledge" in low or "brainpower" in low


def test_quoted_phrases_are_not_tortured() -> None:
    text = 'She said "in order to win" twice, in order to be heard.'
    out = phrases.swap_phrases(text, random.Random(1), p_swap=1.0, use_screener=False)
    assert '"in order to win"' in out
    assert out.count("in order to") == 1


def test_tortured_style_replaces_phrases_and_words() -> None:
    text = "On the other hand, the company wants to take into account the views of young people."
    swapped = 0
    for seed in range(10):
        out = SPINNERS["tortured_phrases"](text, random.Random(seed)).lower()
        swapped += ("on the other hand" not in out) + ("take into account" not in out)
        assert changed_share(text, out) > 0.1
    assert swapped >= 14  # each known phrase is swapped with probability 0.85


@pytest.mark.corpus
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_screener_table_from_shared_csv() -> None:
    table = phrases.load_screener_table()
    assert len(table) > 500
    assert all(len(k) >= 2 for k in table)
    assert all('"' not in v and "~" not in v for opts in table.values() for v in opts)
    assert "counterfeit consciousness" in table[("artificial", "intelligence")]


def test_missing_screener_csv_gives_empty_table(tmp_path: Path) -> None:
    assert phrases.load_screener_table(tmp_path / "absent.csv") == {}


# ---------------------------------------------------------------- sentence rewriting


def test_leading_clause_moves_to_the_end() -> None:
    s = "Although the weather was cold, the residents gathered outside."
    out = sentences.move_leading_clause(s, random.Random(0), glitch=0.0)
    assert out == "The residents gathered outside although the weather was cold."


def test_trailing_clause_moves_to_the_front() -> None:
    s = "The team lost the match because the captain was injured."
    out = sentences.move_trailing_clause(s, random.Random(0))
    assert out == "Because the captain was injured, the team lost the match."


def test_templates() -> None:
    assert sentences.said_template("Officials said that the road would reopen soon.", None) == (
        "According to officials, the road would reopen soon."
    )
    assert sentences.voice_template("The council approved the new budget.", None) == (
        "The new budget was approved by the council."
    )
    assert sentences.voice_template("The bill was passed by the senate.", None) == (
        "The senate passed the bill."
    )


def test_split_and_merge() -> None:
    long = (
        "The council met for six hours on Tuesday to discuss the plan in detail, but the members "
        "could not agree on the final budget for next year."
    )
    parts = sentences.split_long(long, random.Random(0))
    assert len(parts) == 2 and parts[1].startswith("However, the members")
    merged = sentences.merge_short(
        "The rain stopped.", "The roads stayed closed.", random.Random(3)
    )
    assert len(split_sentences(merged)) == 1


def test_fused_sentences_keep_the_capital_and_glitches_vary_by_document() -> None:
    para = "The rain stopped in the north. Roads stayed closed for hours. Crews worked all night."
    plain = {"p_struct": 0.0, "p_split": 0.0, "p_merge": 0.0}
    fused = sentences.rewrite_paragraph(para, random.Random(0), glitch=25.0, **plain)
    assert fused.startswith(
        "The rain stopped in the north Roads stayed closed for hours Crews worked all night."
    )
    assert sentences.rewrite_paragraph(para, random.Random(0), glitch=0.0, **plain) == para
    # the level is drawn per document: some documents have no glitch at all, others several
    fused_caps = re.compile(r"[a-z]{2},? (?:It|The|However|They|He|She|This|But)\b")
    base = len(fused_caps.findall(NEWS))
    seen = {
        len(fused_caps.findall(sentences.rewrite_text(NEWS, random.Random(seed)))) > base
        for seed in range(60)
    }
    assert seen == {True, False}


def test_connectives_change() -> None:
    seen = set()
    for seed in range(10):
        seen.add(sentences.change_connectives("However, the plan failed.", random.Random(seed)))
    assert len(seen) >= 2
    assert any(not s.startswith("However") for s in seen)


def test_sentence_rewrite_moves_clauses_in_full_style() -> None:
    moved = 0
    for seed in range(10):
        out = SPINNERS["sentence_rewrite"](NEWS, random.Random(seed))
        moved += not re.search(r"Although the \w+ was \w+,", out)
    assert moved >= 3


def test_lower_first_word_keeps_names() -> None:
    assert lower_first_word("The council met") == "the council met"
    assert lower_first_word("Maria Lopez said") == "Maria Lopez said"
    assert lower_first_word("NATO said") == "NATO said"


# ---------------------------------------------------------------- formal paraphrase


def test_formal_register_swaps() -> None:
    text = (
        "The mayor said the city will use the money to help the schools amid the crisis. "
        "About 40 people don't want to start the work."
    )
    outs = [SPINNERS["formal_paraphrase"](text, random.Random(seed)) for seed in range(8)]
    joined = " ".join(outs)
    assert any(v in joined for v in formal.REPORTING)
    assert "utilize" in joined or "employ" in joined
    assert "amidst" in joined
    assert "do not" in joined
    assert re.search(r"(Approximately|Roughly|Around) 40", joined)


def test_formal_respects_grammar_guards() -> None:
    text = "The use of force will help him. She gave up and gave him a book. He decided to go."
    for seed in range(10):
        out = formal.formalize_words(text, random.Random(seed), p=1.0)
        assert "the utilize" not in out.lower() and "the employ of" not in out.lower()
        assert "assist him" not in out and "provided him" not in out
        assert "maked" not in out
    assert "made the decision to" in formal.verb_forms("make the decision to")["past"]


def test_formal_connectives_inserted_sometimes() -> None:
    hits = 0
    for seed in range(10):
        out = SPINNERS["formal_paraphrase"](NEWS, random.Random(seed))
        hits += bool(re.search(r"\b(Furthermore|Moreover|Additionally|Notably),", out))
    assert hits >= 3


# ---------------------------------------------------------------- tokens and CLI


def test_tokenize_is_lossless() -> None:
    text = "Mr. Smith’s 3.5 km walk — “quite” long!\n\nNext day…"
    assert "".join(tokenize(text)) == text


def test_split_sentences_abbreviations() -> None:
    s = "Mr. Smith met U.S. officials on Monday. They agreed. Then it rained!"
    assert split_sentences(s) == [
        "Mr. Smith met U.S. officials on Monday.",
        "They agreed.",
        "Then it rained!",
    ]


def _run_cli(args: list[str], data: bytes, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    from training.spinners.__main__ import main

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    rc = main(args)
    return rc, capsys.readouterr()


def test_cli_spins_stdin(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    rc, cap = _run_cli(
        ["--style", "synonym_heavy", "--seed", "3"], NEWS.encode(), monkeypatch, capsys
    )
    assert rc == 0
    assert cap.out == SPINNERS["synonym_heavy"](NEWS, random.Random(3))


def test_cli_rejects_non_utf8(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    rc, cap = _run_cli(["--style", "mixed"], b"\xff\xfe bad", monkeypatch, capsys)
    assert rc == 2
    assert "not UTF-8" in cap.err and "Traceback" not in cap.err


def test_cli_unknown_style(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        _run_cli(["--style", "nope"], b"x", monkeypatch, capsys)
    assert exc.value.code == 2


def test_split_sentences_years_and_roman_numerals() -> None:
    s = "He won in the 1990s. Then he left. It was World War I. The end came."
    assert len(split_sentences(s)) == 4


def test_titles_are_not_spun() -> None:
    for seed in range(5):
        out = synonym.substitute("Col. Joseph Brown seized power.", random.Random(seed), 1.0)
        assert out.startswith("Col. Joseph Brown ")


def test_glued_however_glitch_is_rare_but_present() -> None:
    s = "The plan was popular with voters, but the council rejected it anyway."
    outs = [sentences.but_to_however(s, random.Random(seed)) for seed in range(300)]
    glued = sum("voterspopular" in o or "votershowever" in o for o in outs)
    assert all(" but " not in o for o in outs)
    assert 1 <= glued <= 45


@pytest.mark.parametrize("style", STYLES)
def test_double_spaces_between_sentences_survive(style: str) -> None:
    text = "The farmers sold their cattle.  The prices fell sharply in July.  Nobody was happy."
    for seed in range(4):
        out = SPINNERS[style](text, random.Random(seed))
        assert ".  " in out or len(split_sentences(out)) == 1
        assert re.search(r"[.!?] (?=[A-Z])", out) is None


# ---------------------------------------------------------------- fluent rewrite (LLM / QuillBot-like)

NEWS2 = (
    "The city council of Riverton approved a plan on Monday to build a new bridge across the "
    "Ashford River. The project is expected to cost about 45 million dollars and will take three "
    "years to complete. Mayor Helen Brooks said the bridge would help local businesses and reduce "
    "traffic in the old town centre. Critics argued that the council had not studied the impact "
    "on the environment, and several residents asked for a public meeting.\n\n"
    "The vote followed a long debate about the cost of the project. Officials said that the money "
    "would come from a regional fund and from a small increase in local taxes. Many people in the "
    "area also want better bus services, but the council has not yet made a decision about them. "
    "Construction is expected to start in the spring of 2026, and engineers will use modern "
    "materials to protect the structure from floods.\n\n"
    "Local shop owners welcomed the news. One owner told reporters that the new bridge was an "
    "important step for the town. The council will publish the final design next month, and it "
    "plans to show the details at an exhibition in the public library."
)


def fluent(text: str, seed: int) -> str:
    return SPINNERS["fluent_rewrite"](text, random.Random(seed))


def test_fluent_is_registered_and_deterministic() -> None:
    assert "fluent_rewrite" in SPINNERS
    for seed in (0, 5, 11):
        assert fluent(NEWS2, seed) == fluent(NEWS2, seed)
    assert len({fluent(NEWS2, seed) for seed in range(5)}) == 5


def test_fluent_change_rate_in_the_intended_range() -> None:
    assert 180 <= len(NEWS2.split()) <= 220
    content = [content_changed(NEWS2, fluent(NEWS2, seed)) for seed in range(8)]
    moved = [changed_share(NEWS2, fluent(NEWS2, seed)) for seed in range(8)]
    assert 0.22 <= sum(content) / len(content) <= 0.65, content
    assert min(content) >= 0.15 and max(content) <= 0.7, content
    assert sum(moved) / len(moved) >= 0.15, moved  # restructuring moves words too
    assert max(moved) < 0.8


def test_fluent_keeps_names_numbers_quotes_and_paragraphs() -> None:
    text = NEWS2 + (
        '\n\n"We waited twenty years for this. It will change everything," said Tom Avery, 64, '
        "who has run a bakery on Mill Street since 1998."
    )
    for seed in range(10):
        out = fluent(text, seed)
        assert split_paragraphs(out)[1] == split_paragraphs(text)[1]
        for keep in (
            "Riverton",
            "Ashford River",
            "Helen Brooks",
            "45",
            "2026",
            "Tom Avery",
            "64",
            "Mill Street",
            "1998",
        ):
            assert keep in out, (seed, keep)
        # a quotation of two sentences is left exactly as it was
        assert '"We waited twenty years for this. It will change everything,"' in out


def test_fluent_sentences_are_well_formed() -> None:
    for text in (NEWS, NEWS2):
        for seed in range(12):
            for para in split_paragraphs(fluent(text, seed))[0]:
                for sent in split_sentences(para):
                    core = sent.lstrip('"“')
                    assert core[0].isupper() or core[0].isdigit(), sent
                    assert re.search(r"[.!?][\"'”’)]*\Z", sent), sent
                    assert "  " not in sent.strip() and " ," not in sent and ",," not in sent
                    assert not re.search(r"\b(\w+) \1\b", sent.replace("that that", "")), sent


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Hello", "Hello.", "Yes!\n\nNo.", "42"])
def test_fluent_short_and_empty_inputs(text: str) -> None:
    out = fluent(text, 0)
    assert isinstance(out, str)
    if not text.strip():
        assert out == text
    assert out.count("\n") == text.count("\n")


def test_fluent_register_and_reporting_swaps() -> None:
    outs = " ".join(fluent(NEWS2, seed) for seed in range(12))
    assert re.search(r"\b(slated|poised|set|anticipated) to\b", outs)
    assert re.search(r"\b(stated|noted|indicated|emphasized|explained|According to)\b", outs)
    assert re.search(
        r"\b(Moreover|Furthermore|Additionally|In addition|Notably|Meanwhile|"
        r"Importantly|Nevertheless|However)\b",
        outs,
    )
    assert re.search(r"\b(approximately|roughly|around|some) 45\b", outs)


def test_fluent_attribution_and_voice_templates() -> None:
    rng = random.Random(0)
    s = "The bridge will reduce traffic in the centre, the mayor said."
    outs = {fluent_mod.attribution(s, random.Random(k)) for k in range(20)}
    assert "According to the mayor, the bridge will reduce traffic in the centre." in outs
    assert any(o and o.startswith("The mayor ") and " that the bridge " in o for o in outs)
    assert fluent_mod.passive("The council approved a new budget on Tuesday.", rng) == (
        "A new budget was approved by the council on Tuesday."
    )
    assert fluent_mod.passive("Police alleged the man stole two cars.", rng) is None
    assert fluent_mod.front_time(
        "The council approved the plan on Tuesday after a debate.", rng
    ) == ("On Tuesday, the council approved the plan after a debate.")
    # a date that belongs to a prepositional phrase stays put
    assert fluent_mod.front_time("He died of complications from a stroke on Monday.", rng) is None


def test_fluent_split_and_merge_stay_grammatical() -> None:
    long = (
        "The council met for six hours on Tuesday to discuss the plan in detail, but the members "
        "could not agree on the final budget for next year."
    )
    parts = fluent_mod.split_long(long, random.Random(0))
    assert parts and len(parts) == 2 and parts[0].endswith(".") and parts[1][0].isupper()
    # a list is not a clause: no "Moreover, a line of jeans." fragments
    listing = (
        "She later became a performer, artist, and designer of porcelain, linens, and a "
        "well-known line of designer jeans."
    )
    assert fluent_mod.split_long(listing, random.Random(0)) is None
    merged = fluent_mod.merge("The rain stopped.", "The roads stayed closed.", random.Random(1))
    assert len(split_sentences(merged)) == 1 and merged[0].isupper()


def test_fluent_synonyms_fit_their_context() -> None:
    rng = random.Random(0)
    # collocations and idioms survive
    for seed in range(15):
        out = fluent_mod.rewrite_words(
            "Scientists warn that climate change will take place faster. He took part in the "
            "debate. The prime minister faced criminal charges.",
            random.Random(seed),
            1.0,
            1.0,
        )
        low = out.lower()
        assert "climate change" in low and "prime minister" in low and "criminal charges" in low
        assert "take portion" not in low and "took portion" not in low
    # inflection is kept: a plural stays plural, a past tense stays past
    new = fluent_mod.choose_synonym("buildings", "the", "were", rng)
    assert new is None or (new != "buildings" and new.endswith("s"))
    assert fluent_mod.choose_synonym("argued", "critics", "that", rng) in {
        "contended",
        "maintained",
        None,
    }
    # names and quoted words are never touched
    out = fluent_mod.rewrite_words('Mr Long said "the big plan" was big.', rng, 1.0, 1.0)
    assert "Mr Long" in out and '"the big plan"' in out


def test_fluent_contractions_expanded_outside_quotes_and_names() -> None:
    text = "It's clear they don't agree. \"We can't stop,\" she said of Don't Panic Ltd."
    outs = [fluent(text, seed) for seed in range(10)]
    assert any("It is" in o or "do not" in o for o in outs)
    assert all('"We can\'t stop,"' in o and "Don't Panic" in o for o in outs)


def test_fluent_speed() -> None:
    import time

    text = "\n\n".join([NEWS, NEWS2] * 5)  # about 2,500 words
    fluent(text, 0)  # warm caches and the bigram table
    t0 = time.perf_counter()
    fluent(text, 1)
    assert time.perf_counter() - t0 < 2.0


def test_quote_mask_variants() -> None:
    from training.spinners.tokens import quote_mask, tokenize

    toks = tokenize('He said "stay here" and \u201cgo\nnow')
    inner = {t for t, q in zip(toks, quote_mask(toks), strict=True) if q and t.strip()}
    assert inner >= {"stay", "here", "go", "now"} and "said" not in inner
    marks = quote_mask(toks, marks_quoted=True)
    assert all(marks[i] for i, t in enumerate(toks) if t == '"')  # both marks held back
    assert not quote_mask(toks)[toks.index('"', toks.index("here"))]  # the closing mark is not
    closed = quote_mask(toks, newline_closes=True)
    assert closed[toks.index("go")] and not closed[toks.index("now")]  # the break ends it
