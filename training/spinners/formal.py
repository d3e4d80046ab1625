"""Fluent formal paraphrase, imitating machine paraphrasers and LLM rewrites (seed 003).

Why rules with context checks: this is the hard, fluent kind of spinning. Every swap here keeps
the sentence grammatical ("said" -> "stated", "use" -> "utilize", "amid" -> "amidst", "about 40"
-> "approximately 40", "decided to" -> "made the decision to"), and risky swaps only fire when
the next or previous word makes them safe ("give the" -> "provide the", never "give him").
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from .sentences import FLUENT, restructure
from .synonym import fluent_candidates, substitute
from .tokens import (
    STOPWORDS,
    is_word,
    lower_first_word,
    map_paragraphs,
    quote_mask,
    sentence_gap,
    spaced_phrase,
    splice,
    split_sentences,
    tokenize,
    wordset,
)

VOWELS = "aeiou"
DET_NEXT = wordset(
    "the a an this that these those his her its their our my your some any all several many "
    "new more such each every"
)
ADJ_CTX = wordset("is was are were be been being very a an the more most so too quite")
ABOUT_PREV = wordset(
    """concerns questions information details news debate discussion discussions talks worries
    fears report reports statement comments remarks asked spoke talked warned told knew know learn
    learned nothing something anything decision data doubts story spoke speak speaking
    complained complaints thinking"""
)

Constraint = Callable[[str, str], bool]  # (previous word, next token) -> allowed


def _any(prev: str, nxt: str) -> bool:
    return True


def _det(prev: str, nxt: str) -> bool:
    return nxt.lower() in DET_NEXT or (nxt[:1].isupper() and is_word(nxt))


def _verb_ctx(prev: str, nxt: str) -> bool:
    return prev not in DET_NEXT


def _adj_ctx(prev: str, nxt: str) -> bool:
    return prev in ADJ_CTX or nxt == "to"


def _noun_next(prev: str, nxt: str) -> bool:
    return is_word(nxt) and nxt.lower() not in STOPWORDS | {"of", "than"}


def _num_next(prev: str, nxt: str) -> bool:
    return nxt[:1].isdigit() or nxt.lower() in {
        "half",
        "a",
        "one",
        "two",
        "three",
        "ten",
        "twenty",
        "forty",
        "fifty",
        "hundred",
    }


def _about(prev: str, nxt: str) -> bool:
    return prev in ABOUT_PREV and not _num_next(prev, nxt)


def _meet(prev: str, nxt: str) -> bool:
    return nxt.lower() in {
        "on",
        "in",
        "at",
        "today",
        "tomorrow",
        "yesterday",
        "again",
        "this",
        "next",
        "last",
        ".",
    }


def _not_adv(prev: str, nxt: str) -> bool:
    return prev not in {"how", "so", "too", "as", "very"} and nxt.lower() not in {
        "of",
        "more",
        "than",
        ".",
    }


def _double(stem: str) -> bool:
    return (
        3 <= len(stem) <= 4
        and stem[-1] not in VOWELS + "wxy"
        and stem[-2] in VOWELS
        and stem[-3] not in VOWELS
    )


IRREGULAR_HEADS = {
    "make": ("made", "made"),
    "hold": ("held", "held"),
    "pay": ("paid", "paid"),
    "seek": ("sought", "sought"),
    "undertake": ("undertook", "undertaken"),
    "rise": ("rose", "risen"),
    "tell": ("told", "told"),
}


def verb_forms(base: str) -> dict[str, str]:
    """Forms of a (possibly multi-word) verb; the first word inflects."""
    head, _, tail = base.partition(" ")
    tail = f" {tail}" if tail else ""
    forms = _regular_forms(head, tail, base)
    if head in IRREGULAR_HEADS:
        past, pp = IRREGULAR_HEADS[head]
        forms["past"], forms["pp"] = past + tail, pp + tail
    return forms


def _regular_forms(head: str, tail: str, base: str) -> dict[str, str]:
    if head.endswith(("s", "x", "z", "ch", "sh")):
        s3 = head + "es"
    elif head.endswith("y") and head[-2] not in VOWELS:
        s3 = head[:-1] + "ies"
    else:
        s3 = head + "s"
    if head.endswith("e"):
        past, ing = head + "d", head[:-1] + "ing"
    elif head.endswith("y") and head[-2] not in VOWELS:
        past, ing = head[:-1] + "ied", head + "ing"
    elif _double(head):
        past, ing = head + head[-1] + "ed", head + head[-1] + "ing"
    else:
        past, ing = head + "ed", head + "ing"
    return {
        "base": base,
        "3sg": s3 + tail,
        "past": past + tail,
        "pp": past + tail,
        "ing": ing + tail,
    }


# (source base, irregular past, irregular participle or "", formal targets, constraint)
VERBS: list[tuple[str, str, str, tuple[str, ...], Constraint]] = [
    ("use", "", "", ("utilize", "employ"), _verb_ctx),
    ("help", "", "", ("assist", "aid"), _det),
    ("show", "", "shown", ("demonstrate", "indicate"), _verb_ctx),
    ("start", "", "", ("commence", "initiate"), _det),
    ("begin", "began", "begun", ("commence",), _verb_ctx),
    ("buy", "bought", "bought", ("procure", "purchase", "acquire"), _verb_ctx),
    ("meet", "met", "met", ("convene",), _meet),
    ("meet with", "met with", "met with", ("convene with", "consult with"), _any),
    ("get", "got", "got", ("obtain", "receive"), _det),
    ("need", "", "", ("require",), _det),
    ("give", "gave", "given", ("provide",), _det),
    ("think", "thought", "thought", ("believe",), _verb_ctx),
    ("end", "", "", ("conclude",), _verb_ctx),
    ("keep", "kept", "kept", ("maintain", "retain"), _det),
    ("find", "found", "found", ("discover", "identify"), _det),
    ("build", "built", "built", ("construct",), _verb_ctx),
    ("choose", "chose", "chosen", ("select", "opt for"), _det),
    ("hide", "hid", "hidden", ("conceal",), _det),
    ("send", "sent", "sent", ("dispatch",), _det),
    ("seem", "", "", ("appear",), _verb_ctx),
    ("happen", "", "", ("occur", "transpire"), _verb_ctx),
    ("watch", "", "", ("observe", "monitor"), _det),
    ("stop", "", "", ("halt", "cease"), _det),
    ("check", "", "", ("verify", "examine"), _det),
    ("fix", "", "", ("rectify", "resolve"), _det),
    ("allow", "", "", ("permit", "enable"), _verb_ctx),
    ("want", "", "", ("wish", "desire"), lambda p, n: n == "to" and p not in DET_NEXT),
    ("ask for", "", "", ("request",), _any),
    ("talk about", "", "", ("discuss",), _any),
    ("look at", "", "", ("examine", "consider"), _any),
    ("look into", "", "", ("investigate", "examine"), _any),
    ("think about", "thought about", "thought about", ("consider", "contemplate"), _any),
    ("deal with", "dealt with", "dealt with", ("address", "tackle"), _any),
    ("find out", "found out", "found out", ("ascertain", "determine"), _any),
    ("set up", "set up", "set up", ("establish",), _det),
    ("carry out", "", "", ("conduct", "undertake"), _any),
    ("come up with", "came up with", "come up with", ("devise", "formulate"), _any),
    ("point out", "", "", ("highlight", "emphasise"), lambda p, n: n == "that"),
    ("call for", "", "", ("advocate for", "urge"), _any),
    ("wait for", "", "", ("await",), _any),
    ("pay for", "paid for", "paid for", ("fund", "finance"), _any),
    ("give up", "gave up", "given up", ("relinquish", "abandon"), _det),
    ("go up", "went up", "gone up", ("increase", "rise"), _any),
    ("go down", "went down", "gone down", ("decrease", "decline"), _any),
    ("take part in", "took part in", "taken part in", ("participate in",), _any),
    ("make sure", "made sure", "made sure", ("ensure",), _any),
    ("try to", "", "", ("attempt to", "endeavour to", "seek to"), _any),
    ("plan to", "", "", ("intend to",), _any),
    ("decide to", "", "", ("make the decision to", "resolve to", "elect to"), _any),
    ("agree to", "", "", ("consent to",), _any),
    ("live in", "", "", ("reside in",), _any),
    ("die", "", "", ("perish", "pass away"), _verb_ctx),
    ("get rid of", "got rid of", "got rid of", ("eliminate", "dispose of"), _any),
    ("investigate", "", "", ("conduct an investigation into",), _det),
    ("visit", "", "", ("pay a visit to",), _det),
    ("attack", "", "", ("launch an attack on",), _det),
    ("discuss", "", "", ("hold discussions on", "deliberate on"), _det),
    ("criticize", "", "", ("voice criticism of",), _det),
    ("criticise", "", "", ("voice criticism of",), _det),
    ("respond to", "", "", ("issue a response to",), _any),
    ("go on to", "went on to", "gone on to", ("proceed to",), _any),
    ("tell", "told", "told", ("inform",), _det),
    ("ask", "", "", ("request",), lambda p, n: _det(p, n) and p not in DET_NEXT),
    ("arrest", "", "", ("apprehend", "detain"), _verb_ctx),
    ("warn", "", "", ("caution",), _verb_ctx),
    ("expect", "", "", ("anticipate",), _verb_ctx),
    ("claim", "", "", ("assert", "contend"), lambda p, n: p not in DET_NEXT and n == "that"),
    ("aim to", "", "", ("seek to", "strive to"), _any),
    ("win", "won", "won", ("secure",), lambda p, n: _det(p, n) or n[:1].isdigit()),
    ("rise", "rose", "risen", ("increase", "climb"), lambda p, n: n in {"to", "by", "from"}),
    ("fall", "fell", "fallen", ("decline", "decrease"), lambda p, n: n in {"to", "by", "from"}),
    ("add", "", "", ("note further",), lambda p, n: n in {"that", ".", ","} and p not in DET_NEXT),
]

# Only these inflections of the sources are safe to replace (base "say" is ambiguous with nouns).
REPORTING = (
    "stated",
    "remarked",
    "noted",
    "disclosed",
    "indicated",
    "asserted",
    "commented",
    "observed",
)

# Plain word/phrase swaps: source -> (targets, constraint)
WORDS: dict[str, tuple[tuple[str, ...], Constraint]] = {
    "said": (REPORTING, _any),
    "says": (("states", "notes", "remarks", "asserts"), _any),
    "told reporters": (("informed reporters", "told journalists"), _any),
    "about": (("regarding",), _about),
    "amid": (("amidst",), _any),
    "among": (("amongst",), _any),
    "big": (("substantial", "considerable", "significant"), _noun_next),
    "former": (("erstwhile", "previous"), _noun_next),
    "also": (
        ("additionally", "furthermore", "likewise"),
        lambda p, n: p not in {"but", "and", "not"} and n.lower() not in {"known", "called"},
    ),
    "many": (("numerous",), lambda p, n: _not_adv(p, n) and _noun_next(p, n)),
    "very": (("highly", "exceedingly", "remarkably"), _noun_next),
    "really": (("truly", "genuinely"), _any),
    "maybe": (("perhaps", "possibly"), _any),
    "mainly": (("primarily", "predominantly"), _any),
    "mostly": (("predominantly", "largely"), _any),
    "quickly": (("rapidly", "swiftly"), _any),
    "soon": (("shortly",), lambda p, n: n.lower() not in {"as", "after"}),
    "later": (
        ("subsequently",),
        lambda p, n: (
            p
            not in {
                "years",
                "days",
                "months",
                "weeks",
                "hours",
                "minutes",
                "year",
                "day",
                "month",
                "week",
                "decades",
                "moments",
            }
        ),
    ),
    "often": (("frequently", "regularly"), _any),
    "usually": (("typically", "generally"), _any),
    "almost": (("nearly", "virtually"), _any),
    "again": (("once more", "once again"), _any),
    "important": (("significant", "crucial", "pivotal"), _any),
    "main": (("primary", "principal"), _noun_next),
    "whole": (("entire",), _noun_next),
    "hard": (("difficult", "challenging"), _adj_ctx),
    "job": (("position", "role"), _verb_ctx),
    "jobs": (("positions", "employment opportunities"), _any),
    "people": (("individuals",), lambda p, n: p not in {"young", "old"}),
    "kids": (("children",), _any),
    "were killed": (("perished", "lost their lives"), _any),
    "was killed": (("perished",), _any),
    "killed": (
        ("claimed the lives of",),
        lambda p, n: n[:1].isdigit() and p not in {"were", "was"},
    ),
    "were injured": (("sustained injuries",), _any),
    "top": (("senior", "leading"), _noun_next),
    "key": (("pivotal", "crucial"), _noun_next),
    "biggest": (("largest",), _any),
    "recently": (("in recent times", "lately"), _any),
    "plan": (("proposal", "initiative"), lambda p, n: p in DET_NEXT),
    "deal": (("agreement", "accord"), lambda p, n: p in DET_NEXT),
    "talks": (("negotiations", "discussions"), lambda p, n: p not in {"he", "she", "it", "who"}),
    "row": (("dispute",), lambda p, n: p in DET_NEXT),
    "law": (("legislation",), lambda p, n: p in DET_NEXT and n.lower() not in {"and", "of"}),
    "rules": (("regulations",), lambda p, n: p in DET_NEXT or p == "new"),
    "small": (("modest", "minor", "limited"), _noun_next),
    "huge": (("immense", "enormous", "vast"), _any),
    "large": (("substantial", "considerable", "sizeable"), _noun_next),
    "rich": (("affluent", "wealthy"), _any),
    "cheap": (("inexpensive", "affordable"), _any),
    "fast": (("rapid", "swift"), _noun_next),
    "quick": (("swift", "prompt"), _any),
    "easy": (("straightforward", "simple"), _adj_ctx),
    "clear": (("evident", "apparent"), lambda p, n: p in ADJ_CTX and p not in {"a", "an", "the"}),
    "bad": (("adverse", "detrimental"), _noun_next),
    "good": (("favourable", "positive", "sound"), _noun_next),
    "car": (("vehicle", "automobile"), _any),
    "cars": (("vehicles", "automobiles"), _any),
    "money": (("funds", "capital", "financing"), lambda p, n: p in DET_NEXT or p in {"of", "more"}),
    "workers": (("employees", "personnel", "staff"), _any),
    "worker": (("employee", "staff member"), _any),
    "town": (("municipality", "locality"), _any),
    "area": (("region", "vicinity"), _any),
    "areas": (("regions", "localities"), _any),
    "country": (("nation",), _any),
    "countries": (("nations", "states"), _any),
    "things": (("matters", "aspects"), _any),
    "part": (("portion", "component"), lambda p, n: p in DET_NEXT and n == "of"),
    "place": (("location", "venue", "site"), lambda p, n: p in DET_NEXT),
    "house": (("residence", "dwelling"), lambda p, n: p in DET_NEXT and n.lower() != "of"),
    "home": (("residence",), lambda p, n: p in {"his", "her", "their", "a", "the", "my", "our"}),
    "boss": (("supervisor", "superior"), _any),
    "fight": (("confrontation", "struggle"), lambda p, n: p in DET_NEXT),
    "after": (("following",), lambda p, n: n.lower() in DET_NEXT or n[:1].isupper()),
    "before": (("prior to", "ahead of"), lambda p, n: n.lower() in DET_NEXT),
    "near": (("in the vicinity of", "close to"), lambda p, n: n.lower() in DET_NEXT),
    "despite": (("notwithstanding", "in spite of"), _any),
    "so far": (("thus far", "to date"), _any),
    "at first": (("initially",), _any),
    "in the past": (("previously", "historically"), _any),
    "at least": (("at a minimum", "no fewer than"), _num_next),
    "a number of": (("several", "a range of"), _any),
    "all over": (("throughout",), _any),
    "as soon as possible": (("at the earliest opportunity", "promptly"), _any),
    "because": (("as", "since", "given that"), lambda p, n: n.lower() != "of"),
    "went to": (
        ("travelled to", "proceeded to"),
        lambda p, n: n.lower() in DET_NEXT or n[:1].isupper(),
    ),
    "asked whether": (("inquired whether",), _any),
    "asked if": (("inquired whether",), _any),
    "chance": (("opportunity",), _any),
    "problem": (("issue", "challenge"), _any),
    "problems": (("issues", "challenges"), _any),
    "idea": (("notion", "concept"), _any),
    "ideas": (("notions", "concepts"), _any),
    "enough": (("sufficient",), _noun_next),
    "next to": (("adjacent to",), _any),
    "kind of": (("type of",), _any),
    "lots of": (("numerous", "a multitude of"), _any),
    "a lot of": (("a considerable amount of", "a great deal of", "numerous"), _any),
    "because of": (("owing to", "due to"), _any),
    "so that": (("in order that", "so as to ensure that"), _any),
    "right now": (("at present", "currently"), _any),
    "at the moment": (("currently", "at present"), _any),
    "in the end": (("ultimately", "eventually"), _any),
    "a few": (("several", "a handful of"), _noun_next),
    "more than": (("in excess of", "over"), _num_next),
    "about ": (("approximately", "roughly", "around"), _num_next),  # trailing space: 2nd entry
    "around": (("approximately", "roughly"), _num_next),
    "as well as": (("in addition to", "along with"), _any),
    "now": (
        ("currently", "presently"),
        lambda p, n: p in {"is", "are", "was", "were", "has", "have", "had", "will", "would"},
    ),
    "while": (("whilst", "whereas"), lambda p, n: p == ""),
    "get": (("obtain",), _det),
}

CONTRACTIONS = {
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "can't": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "hasn't": "has not",
    "hadn't": "had not",
    "couldn't": "could not",
    "wouldn't": "would not",
    "shouldn't": "should not",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "they're": "they are",
    "we're": "we are",
    "you're": "you are",
    "i'm": "I am",
    "let's": "let us",
    "they've": "they have",
    "we've": "we have",
    "i've": "I have",
    "you've": "you have",
    "he's": "he is",
    "she's": "she is",
    "what's": "what is",
    "who's": "who is",
    "they'll": "they will",
    "we'll": "we will",
    "it'll": "it will",
    "i'll": "I will",
    "he'll": "he will",
    "she'll": "she will",
    "i'd": "I would",
    "they'd": "they would",
}

STARTERS = {
    "but": ("However,",),
    "and": ("Furthermore,", "Additionally,"),
    "so": ("Consequently,", "Accordingly,"),
}
STARTER_COMMA = {
    "also,": ("Furthermore,", "Additionally,"),
    "but,": ("However,",),
    "still,": ("Nevertheless,", "Nonetheless,"),
    "plus,": ("Moreover,",),
    "now,": ("At present,",),
    "then,": ("Subsequently,",),
    "meanwhile,": ("In the meantime,",),
}
INSERTED = ("Furthermore,", "Moreover,", "Additionally,", "In addition,", "Notably,")
CONNECTIVE_START = re.compile(
    r"^(However|But|And|Also|Furthermore|Moreover|Additionally|In addition|Meanwhile|Still|Yet|So|"
    r"Then|Notably|Nevertheless|Consequently|Accordingly|Subsequently|At present|In the meantime)\b"
)


def _build_table() -> dict[tuple[str, ...], list[tuple[str, Constraint]]]:
    table: dict[tuple[str, ...], list[tuple[str, Constraint]]] = {}

    def add(src: str, dst: str, cons: Constraint) -> None:
        key = tuple(src.lower().split())
        table.setdefault(key, []).append((dst, cons))

    for base, past, pp, targets, cons in VERBS:
        src = verb_forms(base)
        if past:
            src["past"] = past
        if pp:
            src["pp"] = pp
        for tgt in targets:
            dst = verb_forms(tgt)
            for form in ("base", "3sg", "past", "pp", "ing"):
                if form == "pp" and src["pp"] == src["past"]:
                    continue
                add(src[form], dst[form], cons)
    for src_word, (targets, cons) in WORDS.items():
        for tgt in targets:
            add(src_word, tgt, cons)
    return table


TABLE = _build_table()
MAXN = max(len(k) for k in TABLE)


def formalize_words(text: str, rng: random.Random, p: float = 0.85) -> str:
    """Swap words and phrases for formal ones where the context allows it; expand contractions."""
    tokens = tokenize(text)
    quoted = quote_mask(tokens)
    word_idx = [i for i, t in enumerate(tokens) if is_word(t)]
    lows = [tokens[i].lower().replace("’", "'") for i in word_idx]
    out: list[str] = []
    pos = 0
    k = 0
    while k < len(word_idx):
        i0 = word_idx[k]
        if quoted[i0]:
            k += 1
            continue
        low = lows[k]
        if low in CONTRACTIONS and rng.random() < 0.85:
            pos = splice(out, tokens, pos, [i0], CONTRACTIONS[low])
            k += 1
            continue
        hit = None
        for n in range(min(MAXN, len(word_idx) - k), 0, -1):
            opts = TABLE.get(tuple(lows[k : k + n]))
            if not opts:
                continue
            idxs = word_idx[k : k + n]
            if not spaced_phrase(tokens, idxs):
                continue
            prev = (
                lows[k - 1] if k > 0 and word_idx[k - 1] == i0 - 2 and tokens[i0 - 1] == " " else ""
            )
            j = idxs[-1] + 1
            while j < len(tokens) and tokens[j] == " ":
                j += 1
            nxt = tokens[j] if j < len(tokens) else "."
            allowed = [dst for dst, cons in opts if cons(prev, nxt)]
            if allowed:
                hit = (n, idxs, allowed)
                break
        if hit is None:
            k += 1
            continue
        n, idxs, allowed = hit
        if rng.random() < p:
            pos = splice(out, tokens, pos, idxs, allowed[rng.randrange(len(allowed))])
        k += n
    out.extend(tokens[pos:])
    return "".join(out)


def _restart(sentence: str, rng: random.Random, index: int, p_insert: float) -> str:
    """Formal sentence openers: "But" -> "However,", and now and then an added "Moreover,"."""
    m = re.match(r"(\w+,?) ", sentence)
    if m:
        first = m.group(1).lower()
        if first in STARTER_COMMA:
            reps = STARTER_COMMA[first]
            return reps[rng.randrange(len(reps))] + sentence[m.end(1) :]
        if first in STARTERS and not re.match(r"\w+ (far|much|many|long|too|that)\b", sentence):
            reps = STARTERS[first]
            return reps[rng.randrange(len(reps))] + " " + sentence[m.end() :]
    if (
        index > 0
        and not CONNECTIVE_START.match(sentence)
        and sentence[:1].isalpha()
        and not re.match(r"[^\W\d_]+,", sentence)
        and len(sentence.split()) >= 6
        and rng.random() < p_insert
    ):
        return INSERTED[rng.randrange(len(INSERTED))] + " " + lower_first_word(sentence)
    return sentence


def formal_paragraph(
    para: str, rng: random.Random, p_insert: float = 0.2, p_struct: float = 0.5
) -> str:
    """Formal register for one paragraph; sentence boundaries are kept."""
    sents = split_sentences(para)
    if not sents:
        return para
    sents = [restructure(s, rng, FLUENT) if rng.random() < p_struct else s for s in sents]
    # first-sense synonyms first (one pass per paragraph), so the formal swaps below are not
    # re-substituted; substitute() never moves sentence boundaries
    spun = substitute(
        " ".join(sents), rng, 0.4, p_break=0.0, pool=fluent_candidates, fix_articles=1.0
    )
    out: list[str] = []
    for i, s in enumerate(split_sentences(spun)):
        after_heading = i > 0 and len(out[-1].split()) < 3  # "1." or a heading-like fragment
        out.append(formalize_words(_restart(s, rng, 0 if after_heading else i, p_insert), rng))
    return sentence_gap(para).join(out)


def formal_paraphrase(text: str, rng: random.Random) -> str:
    """Seed-003 style: fluent, formal, Latinate rewrite of every paragraph."""
    return map_paragraphs(text, lambda p: formal_paragraph(p, rng))
