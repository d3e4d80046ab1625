"""Fluent rewrite: imitates an LLM or a commercial paraphraser (QuillBot-like) rewriting an article.

Why a separate style: ``formal_paraphrase`` changes too few words for the detector to learn
what fluent paraphrase looks like, and the ``synonym_*`` styles pick rare, collocation-breaking
words that real paraphrasers avoid. This style changes roughly a third to a half of the content
words and restructures many sentences, and it stays grammatical:

* synonyms are chosen in context: WordNet first-sense lemmas and a hand-written list
  (:mod:`.fluent_lexicon`), inflected like the original, kept only when common (wordfreq Zipf)
  and when they do not break a frequent word pair the original formed with a neighbour, ranked by
  how often they occur next to the neighbours (SymSpell's Google Books bigrams, :mod:`.freq`);
* the register such tools lean on ("said" -> "noted", "is expected to" -> "is poised to",
  "help" -> "bolster", "is a key part of" -> "serves as a cornerstone of"), each swap guarded by
  its context and fired with a probability, with several alternatives;
* sentence restructuring with full-sentence templates: "X, Y said." -> "According to Y, x.",
  fronted time phrases, simple active -> passive, merged short and split long sentences, and
  sentence-initial connectives ("Moreover,", "Notably,").

Names, numbers, quotations and the paragraph/line layout are kept. Each document draws its own
profile (more synonym-heavy like a commercial paraphraser, or more register and restructuring
like an LLM), so the style is not one fixed fingerprint.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from .fluent_lexicon import SYNONYMS
from .formal import CONTRACTIONS, verb_forms
from .freq import pair_count, pair_score, zipf
from .inflect import (
    DETERMINERS,
    PERFECT_CUES,
    PRONOUNS,
    VERB_BASE_CUES,
    Analysis,
    analyses,
    article_for,
    choose_analysis,
    inflect,
)
from .sentences import _fluent_leading, move_trailing_clause
from .synonym import _is_proper
from .tokens import (
    ABBREVIATIONS,
    STOPWORDS,
    capitalize_first,
    is_word,
    lower_first_word,
    map_paragraphs,
    quote_mask,
    sentence_gap,
    split_sentences,
    tokenize,
    wordset,
)
from .wordnet import get_wordnet

# ----------------------------------------------------------------------------- word classes

DET = DETERMINERS | wordset("the a an")
OBJ_PRONOUNS = wordset("him her them us me it")
PREPS = wordset(
    "in on at to for from with by of about over under into onto through during after before "
    "since until amid among across along around near against between behind beyond within "
    "without toward towards despite following per via as than outside inside beside throughout "
    "ahead alongside upon"
)
COPULA = wordset(
    "is was are were be been being become became becomes remain remains remained seem seems "
    "seemed very so too more most quite extremely highly particularly increasingly less"
)
TIME_UNITS = wordset(
    "years year days day months month weeks week hours hour minutes minute decades decade "
    "moments moment centuries century seconds"
)
NUMBER_WORDS = wordset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions dozen dozens half"
)
# Words this style inserts itself; they are never re-substituted.
PROTECTED = wordset(
    """according moreover furthermore additionally notably meanwhile importantly separately
    subsequently however nevertheless nonetheless although though whereas which while stated
    noted indicated emphasized remarked explained observed pointed addition also further likewise
    same instance consequently thus hence"""
)
TEENS = wordset(
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen sixty seventy eighty ninety"
)
PLURAL_SUBJECTS = wordset("people children men women they who we residents officials police")


def _content(tok: str) -> bool:
    return is_word(tok) and tok.lower() not in STOPWORDS


def _starts_object(tok: str) -> bool:
    low = tok.lower()
    if not tok:
        return False
    if low in DET or low in OBJ_PRONOUNS or tok[0].isdigit() or low in NUMBER_WORDS:
        return True
    return _content(tok) and not low.endswith("ly") and low not in PREPS


def _subjectish(prev_tok: str) -> bool:
    """Whether the previous token can end a subject (for "plans to" -> "intends to")."""
    low = prev_tok.lower()
    if low in PRONOUNS or (prev_tok[:1].isupper() and is_word(prev_tok)):
        return True
    if not is_word(prev_tok) or "'" in prev_tok or "’" in prev_tok or low in STOPWORDS:
        return False
    wn = get_wordnet()
    base = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    return (wn.has(low, "n") or wn.has(base, "n")) and not wn.has(low, "a")


# ----------------------------------------------------------------------------- register table


class Ctx(NamedTuple):
    """What a register constraint may look at: neighbouring tokens (spaces skipped)."""

    prev: str  # previous token as written ("" at the start of a paragraph)
    nxt: str  # next token as written ("." at the end)
    rest: tuple[str, ...]  # the next few tokens, lower-case
    left: tuple[str, ...] = ()  # the previous few tokens of the sentence, lower-case


Constraint = Callable[[Ctx], bool]


def _any(c: Ctx) -> bool:
    return True


def _det_next(c: Ctx) -> bool:
    return c.nxt.lower() in DET or (c.nxt[:1].isupper() and is_word(c.nxt))


def _num_next(c: Ctx) -> bool:
    n = c.nxt.lower()
    return (n[:1].isdigit() and n != "1") or (n in NUMBER_WORDS and n != "one")


def _not_det_prev(c: Ctx) -> bool:
    return c.prev.lower() not in DET


def _subject_prev(c: Ctx) -> bool:
    return _subjectish(c.prev)


def _need_ctx(c: Ctx) -> bool:
    """ "we need to" (never "the funds needed to finish", a reduced relative)."""
    return c.prev.lower() in PRONOUNS or (c.prev[:1].isupper() and is_word(c.prev))


INVERSION = frozenset({",", '"', "”", "“"})


def _said(c: Ctx) -> bool:
    return (
        c.prev.lower() not in COPULA | {"that", "having", "be"}
        and c.prev not in INVERSION
        and c.nxt.lower() not in {"to", "so", ","}
    )


def _said_inverted(c: Ctx) -> bool:
    """ "..., said his father" / "..." said Smith"."""
    return c.prev in INVERSION and (c.nxt.lower() in DET or c.nxt[:1].isupper())


def _pred_or_attr(c: Ctx) -> bool:
    n = c.nxt.lower()
    return _content(c.nxt) or (
        c.prev.lower() in COPULA and n in {".", ",", ";", "to", "for", "that", "in"}
    )


def _np_boundary(c: Ctx) -> bool:
    """det + up to 3 words, then punctuation or a preposition (no bare verb after the object)."""
    if not c.rest or c.rest[0] not in DET:
        return False
    for tok in c.rest[1:5]:
        if not is_word(tok):
            return tok != "-"
        if tok in PREPS - {"to"} or tok in {"and", "or"}:
            return True
    return False


_ABSTRACT = re.compile(r"(tion|sion|ment|ance|ence|ity|ness|ing|ship|process|talks|trade|growth)$")


def _abstract_np(c: Ctx) -> bool:
    if not _np_boundary(c):
        return False
    words = [t for t in c.rest[1:5] if is_word(t)]
    head = next((w for w in words if w in PREPS or w in {"and", "or"}), None)
    nouns = words[: words.index(head)] if head else words
    return bool(nouns) and bool(_ABSTRACT.search(nouns[-1]))


def _show_ctx(c: Ctx) -> bool:
    return (
        _not_det_prev(c)
        and not c.prev[:1].isdigit()
        and c.nxt.lower() in {"that", "how", "what", "why", "no", "signs", "strong", "little"}
    )


def _use_ctx(c: Ctx) -> bool:
    p, n = c.prev.lower(), c.nxt.lower()
    if p in DET or p in {"of", "for", "in"}:
        return False
    if n == "to":
        return p in {"was", "were", "is", "are", "be", "been", "being"}
    return n in DET or n in OBJ_PRONOUNS


def _begin_trans(c: Ctx) -> bool:
    return _not_det_prev(c) and c.nxt.lower() in DET


def _begin_intrans(c: Ctx) -> bool:
    return _not_det_prev(c) and c.nxt.lower() in {
        "on",
        "in",
        "at",
        ".",
        ",",
        "with",
        "after",
        "shortly",
        "early",
        "late",
        "when",
        "last",
        "yesterday",
        "today",
    }


def _begin_ing(c: Ctx) -> bool:
    return _not_det_prev(c) and c.nxt.lower().endswith("ing") and len(c.nxt) > 5


def _topic_about(c: Ctx) -> bool:
    return c.prev.lower() in TOPIC_NOUNS and not _num_next(c) and c.nxt.lower() != "to"


TOPIC_NOUNS = wordset(
    """concerns concern questions question information details debate discussion discussions
    talks worries fears fear doubts report reports statement comments remarks complaints warning
    warnings decision data story news rumours rumors speculation claims allegations dispute
    questions uncertainty confusion"""
)


def _very(c: Ctx) -> bool:
    n = c.nxt.lower()
    return _content(c.nxt) and n not in {
        "much",
        "few",
        "well",
        "first",
        "last",
        "same",
        "least",
        "own",
        "end",
        "beginning",
        "top",
        "next",
        "best",
        "worst",
        "moment",
        "day",
        "start",
        "early",
        "late",
        "little",
        "many",
    }


def _died(c: Ctx) -> bool:
    return (
        c.nxt.lower() not in {"of", "from", "down", "out", "in", "on", "after", "at", "with"}
        and c.prev.lower() not in DET
    )


def _plural_died(c: Ctx) -> bool:
    p = c.prev.lower()
    return _died(c) and (
        p in PLURAL_SUBJECTS
        or p[:1].isdigit()
        or (p.endswith("s") and not p.endswith("ss") and p not in STOPWORDS)
    )


def _later(c: Ctx) -> bool:
    return c.prev.lower() not in TIME_UNITS and c.nxt in {".", ",", ";"}


def _now(c: Ctx) -> bool:
    return c.prev.lower() in {
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "remains",
    } and c.nxt.lower() not in {"that", "."}


def _compound_next(c: Ctx) -> bool:
    """Whether the next word continues a compound noun ("people smugglers")."""
    return _content(c.nxt) and _is_noun(c.nxt.lower())


def _people(c: Ctx) -> bool:
    return (
        c.prev.lower()
        not in {
            "young",
            "old",
            "elderly",
            "indigenous",
            "ordinary",
            "these",
            "those",
        }
        and c.nxt not in {"'s", "’s"}
        and not _compound_next(c)
    )


def _officials(c: Ctx) -> bool:
    p = c.prev
    return (
        p == ""
        or p.lower() in DET
        or p.lower()
        in {
            "local",
            "government",
            "city",
            "state",
            "federal",
            "health",
            "election",
            "school",
            "county",
            "military",
            "security",
        }
        or (p[:1].isupper() and is_word(p))
    )


def _police(c: Ctx) -> bool:
    n = c.nxt.lower()
    return n in {
        "said",
        "say",
        "says",
        "have",
        "had",
        "are",
        "were",
        "will",
        "would",
        "could",
        "believe",
        "later",
        "also",
        ".",
        ",",
        "and",
    } or (n.endswith("ed") and n not in {"red"})


FINITE = wordset(
    "was were is are had has have will would could can did does do said says shall should may might"
)


NAMING = wordset("named renamed name names naming called call calls titled modelled modeled")


def _looks_finite(tok: str) -> bool:
    if tok in FINITE:
        return True
    if len(tok) > 3 and tok.isalpha():
        alts = _analyses(tok)
        return any(a.pos == "v" and a.form == "past" for a in alts) and not any(
            a.pos in ("n", "a") for a in alts
        )
    return False


def _clause_follows(c: Ctx) -> bool:
    """Whether a conjunction reading is possible ("after the mayor was stabbed", "announced
    the ministry was investigating")."""
    for tok in c.rest[1:14]:
        if tok in {".", "!", "?", ";"}:
            return False
        if _looks_finite(tok):
            return True
    return False


def _after(c: Ctx) -> bool:
    n = c.nxt
    return (
        (
            n.lower() in DET - {"all", "any", "no"}
            or n[:1].isdigit()
            or (n[:1].isupper() and is_word(n))
        )
        and c.prev.lower()
        not in {
            "shortly",
            "soon",
            "just",
            "long",
            "day",
            "year",
            "week",
            "named",
            "renamed",
            "name",
            "names",
            "called",
            "titled",
            "modelled",
            "modeled",
            "looked",
            "look",
            "looking",
            "looks",
            "right",
            "straight",
            "immediately",
            "only",
            "even",
        }
        and not _clause_follows(c)
        and not any(w in NAMING for w in c.left)
    )


def _before(c: Ctx) -> bool:
    if _clause_follows(c):
        return False
    return c.nxt.lower() in DET - {"all", "any", "no", "long"} and c.prev.lower() not in {
        "long",
        "shortly",
        "just",
        "day",
        "year",
        "week",
    }


def _told(c: Ctx) -> bool:
    return "to" not in c.rest[:4] and (
        c.nxt.lower() in DET
        or c.nxt[:1].isupper()
        or c.nxt.lower() in {"him", "her", "them", "us", "reporters", "journalists"}
    )


def _role(c: Ctx) -> bool:
    return c.nxt.lower() in {"role", "part", "factor", "component", "element"}


def _many(c: Ctx) -> bool:
    n = c.nxt.lower()
    if n in NUMBER_WORDS:
        return False
    return (
        c.prev.lower() not in {"how", "so", "too", "as", "very", "not", "of", "and"}
        and _content(c.nxt)
        and n.endswith("s")
        and n not in {"years", "times"}
    )


def _once_not(c: Ctx) -> bool:
    return c.prev.lower() not in {"once", "never", "again", "over", "all"} and c.nxt in {
        ".",
        ",",
        ";",
    }


def _not_perfect(c: Ctx) -> bool:
    return c.prev.lower() not in {"has", "have", "had", "having"}


def _not_by(c: Ctx) -> bool:
    return c.nxt.lower() not in {"by", "in", "when", "after"}


def _plural_next(c: Ctx) -> bool:
    n = c.nxt.lower()
    return (
        _content(c.nxt) and n.endswith("s") and not n.endswith("ss") and c.prev.lower() not in DET
    )


def _naming(c: Ctx) -> bool:
    """ "a city called Magnitogorsk" (a noun before, a name after)."""
    return (
        c.nxt[:1].isupper()
        and is_word(c.nxt)
        and c.prev[:1].islower()
        and _content(c.prev)
        and _is_noun(c.prev.lower())
    )


def _place_next(c: Ctx) -> bool:
    return (c.nxt[:1].isupper() and is_word(c.nxt)) or (
        c.nxt.lower() == "the"
        and len(c.rest) > 1
        and c.rest[1][:1].isalpha()
        and c.rest[1] not in TIME_UNITS
    )


LAW_WORDS = wordset(
    "bill bills law laws legislation resolution resolutions motion budget amendment measure act"
)
EVENT_WORDS = wordset(
    "meeting meetings conference ceremony rally summit referendum session event election vote "
    "press news memorial service funeral festival protest vigil hearing"
)


def _law_object(c: Ctx) -> bool:
    words = [w for w in c.rest[:4] if is_word(w)]
    return c.nxt.lower() in DET and any(w in LAW_WORDS for w in words[1:3])


def _event_object(c: Ctx) -> bool:
    words = [w for w in c.rest[:4] if is_word(w)]
    return any(w in EVENT_WORDS for w in words[:3])


def _nominal_obj(c: Ctx) -> bool:
    """A finite verb (after a subject, not "to"/a modal) with a determiner-led or named object:
    "Police investigated the crash" -> "Police launched an investigation into the crash"."""
    p = c.prev.lower()
    if p in DET or p in VERB_BASE_CUES or p in PASSIVE_AUX or p.endswith(("'s", "’s")):
        return False
    if not (_subjectish(c.prev) or p in {"also", "then", "later", "had", "have", "has"}):
        return False
    return (
        c.nxt.lower() in DET - {"all", "any", "no", "each", "every"} or c.nxt[:1].isupper()
    ) and (not _clause_follows(c))


def _comma_prev(c: Ctx) -> bool:
    return c.prev == ","


V = tuple[str, str, str, tuple[tuple[str, float], ...], Constraint]

# (base, irregular past, irregular participle, weighted targets, constraint); every inflection
# of the source maps to the same inflection of the target (verb_forms)
VERB_PHRASES: list[V] = [
    (
        "show",
        "",
        "shown",
        (("highlight", 2), ("underscore", 2), ("demonstrate", 2), ("illustrate", 1), ("reveal", 1)),
        _show_ctx,
    ),
    ("help", "", "", (("support", 3), ("bolster", 2), ("assist", 2)), _np_boundary),
    ("help", "", "", (("facilitate", 3), ("bolster", 1)), _abstract_np),
    ("use", "", "", (("utilize", 3), ("employ", 3), ("leverage", 1)), _use_ctx),
    ("start", "", "", (("commence", 2), ("initiate", 2), ("launch", 2)), _begin_trans),
    ("begin", "began", "begun", (("commence", 2), ("initiate", 2), ("launch", 1)), _begin_trans),
    ("start", "", "", (("commence", 2), ("get underway", 1)), _begin_intrans),
    ("begin", "began", "begun", (("commence", 2), ("get underway", 1)), _begin_intrans),
    ("start", "", "", (("commence", 1),), _begin_ing),
    ("begin", "began", "begun", (("commence", 1),), _begin_ing),
    (
        "try to",
        "",
        "",
        (("seek to", 2), ("attempt to", 2), ("strive to", 1), ("endeavour to", 1)),
        _any,
    ),
    ("plan to", "", "", (("intend to", 2), ("aim to", 2)), _subject_prev),
    ("want to", "", "", (("seek to", 2), ("wish to", 2), ("aim to", 1)), _subject_prev),
    (
        "decide to",
        "",
        "",
        (("opt to", 2), ("choose to", 1), ("elect to", 1), ("resolve to", 1)),
        _any,
    ),
    ("agree to", "", "", (("consent to", 1),), _subject_prev),
    ("need to", "", "", (("have to", 2),), _need_ctx),
    ("find out", "found out", "found out", (("discover", 2), ("learn", 1), ("ascertain", 1)), _any),
    ("look at", "", "", (("examine", 2), ("assess", 1), ("consider", 1)), _any),
    ("look into", "", "", (("investigate", 2), ("probe", 1), ("examine", 1)), _any),
    ("set up", "set up", "set up", (("establish", 2), ("create", 1)), _det_next),
    ("carry out", "", "", (("conduct", 2), ("undertake", 1), ("perform", 1)), _any),
    ("deal with", "dealt with", "dealt with", (("address", 2), ("tackle", 2), ("handle", 1)), _any),
    ("point out", "", "", (("highlight", 2), ("stress", 1), ("note", 2)), _any),
    ("call for", "", "", (("urge", 2), ("advocate for", 1), ("press for", 1)), _any),
    (
        "take part in",
        "took part in",
        "taken part in",
        (("participate in", 3), ("engage in", 1)),
        _any,
    ),
    ("make sure", "made sure", "made sure", (("ensure", 1),), _any),
    ("give up", "gave up", "given up", (("relinquish", 1), ("abandon", 1)), _det_next),
    (
        "lead to",
        "led to",
        "led to",
        (("result in", 2), ("give rise to", 1), ("trigger", 1), ("prompt", 1)),
        _not_det_prev,
    ),
    (
        "announce",
        "",
        "",
        (("unveil", 2), ("reveal", 1)),
        lambda c: _not_det_prev(c) and c.nxt.lower() in DET and not _clause_follows(c),
    ),
    (
        "announce",
        "",
        "",
        (("reveal", 1), ("declare", 1), ("disclose", 1)),
        lambda c: _not_det_prev(c) and c.nxt.lower() == "that",
    ),
    (
        "warn",
        "",
        "",
        (("caution", 1),),
        lambda c: _not_det_prev(c) and c.nxt.lower() in {"that", "of", "against"},
    ),
    ("tell", "told", "told", (("inform", 1),), _told),
    ("take place", "took place", "taken place", (("occur", 2), ("unfold", 1)), _any),
    # light-verb nominalisations, a hallmark of LLM prose
    ("visit", "", "", (("pay a visit to", 1),), _nominal_obj),
    ("attack", "", "", (("launch an attack on", 1), ("carry out an attack on", 1)), _nominal_obj),
    (
        "investigate",
        "",
        "",
        (("launch an investigation into", 1), ("open an inquiry into", 1)),
        _nominal_obj,
    ),
    ("criticize", "", "", (("voice criticism of", 1), ("level criticism at", 1)), _nominal_obj),
    ("criticise", "", "", (("voice criticism of", 1), ("level criticism at", 1)), _nominal_obj),
    ("support", "", "", (("voice support for", 1), ("express support for", 1)), _nominal_obj),
    ("oppose", "", "", (("voice opposition to", 1), ("express opposition to", 1)), _nominal_obj),
    ("discuss", "", "", (("hold discussions on", 1), ("deliberate on", 1)), _nominal_obj),
    (
        "warn",
        "",
        "",
        (("issue a warning", 1),),
        lambda c: _not_det_prev(c) and c.nxt.lower() == "that",
    ),
    (
        "promise",
        "",
        "",
        (("pledge", 2), ("vow", 1)),
        lambda c: _not_det_prev(c) and c.nxt.lower() in {"to", "that"},
    ),
    (
        "respond",
        "",
        "",
        (("issue a response", 1),),
        lambda c: (
            (
                c.prev[:1].isupper()
                or c.prev.lower()
                in {"government", "ministry", "company", "officials", "police", "authorities"}
            )
            and c.nxt.lower() in {"to", "by", "with"}
        ),
    ),
    ("review", "", "", (("carry out a review of", 1), ("conduct a review of", 1)), _nominal_obj),
    ("die", "", "", (("pass away", 4), ("perish", 1)), _died),
    ("die of", "", "", (("succumb to", 1),), _any),
]

# Plain words and phrases: source -> (weighted targets, constraint)
PHRASES: list[tuple[str, tuple[tuple[str, float], ...], Constraint]] = [
    (
        "said",
        (
            ("stated", 4),
            ("noted", 4),
            ("indicated", 2),
            ("emphasized", 1),
            ("remarked", 1),
            ("explained", 2),
            ("observed", 1),
        ),
        _said,
    ),
    ("said", (("pointed out", 2), ("noted", 1)), lambda c: _said(c) and c.nxt.lower() == "that"),
    ("said", (("stated", 2), ("noted", 2), ("remarked", 1), ("explained", 1)), _said_inverted),
    ("says", (("states", 2), ("notes", 2), ("explains", 1)), _said_inverted),
    (
        "says",
        (("states", 3), ("notes", 3), ("indicates", 1), ("explains", 2), ("emphasizes", 1)),
        _said,
    ),
    (
        "added",
        (("further noted", 2), ("went on to say", 1), ("also noted", 1)),
        lambda c: c.nxt.lower() in {"that", ".", ","} and _not_det_prev(c),
    ),
    (
        "told reporters",
        (("informed reporters", 1), ("told journalists", 2), ("told the press", 1)),
        _any,
    ),
    (
        "is expected to",
        (("is slated to", 2), ("is poised to", 2), ("is set to", 2), ("is anticipated to", 1)),
        _any,
    ),
    (
        "are expected to",
        (("are slated to", 2), ("are poised to", 2), ("are set to", 2), ("are anticipated to", 1)),
        _any,
    ),
    (
        "was expected to",
        (("was slated to", 2), ("was poised to", 1), ("was set to", 2), ("was anticipated to", 1)),
        _any,
    ),
    (
        "were expected to",
        (("were slated to", 2), ("were set to", 2), ("were anticipated to", 1)),
        _any,
    ),
    (
        "is a key part of",
        (
            ("serves as a cornerstone of", 2),
            ("constitutes a crucial component of", 1),
            ("forms an integral part of", 2),
        ),
        _any,
    ),
    (
        "is an important part of",
        (
            ("serves as a cornerstone of", 2),
            ("constitutes a vital component of", 1),
            ("forms an integral part of", 2),
        ),
        _any,
    ),
    (
        "is a major part of",
        (("constitutes a significant portion of", 1), ("forms a substantial part of", 1)),
        _any,
    ),
    ("is part of", (("forms part of", 2), ("constitutes part of", 1)), _any),
    ("was part of", (("formed part of", 2),), _any),
    (
        "was a key part of",
        (("served as a cornerstone of", 1), ("formed an integral part of", 1)),
        _any,
    ),
    ("is one of the", (("stands as one of the", 2), ("ranks among the", 2)), _any),
    ("was one of the", (("stood as one of the", 1), ("ranked among the", 2)), _any),
    ("are among the", (("rank among the", 1), ("stand among the", 1)), _any),
    ("is home to", (("houses", 1), ("serves as home to", 2), ("hosts", 1)), _any),
    ("was home to", (("housed", 1), ("served as home to", 2)), _any),
    (
        "is known for",
        (("is renowned for", 2), ("is celebrated for", 1), ("is recognized for", 1)),
        _any,
    ),
    ("is known as", (("is referred to as", 2),), _any),
    (
        "also",
        (("additionally", 3), ("likewise", 1)),
        lambda c: (
            c.prev.lower() not in {"but", "and", "not", "it", "this", "was"}
            and c.nxt.lower() not in {"known", "called", "referred", "a", "an", "the", "."}
        ),
    ),
    (
        "important",
        (("crucial", 3), ("pivotal", 2), ("significant", 2), ("vital", 2), ("essential", 1)),
        _pred_or_attr,
    ),
    (
        "key",
        (("pivotal", 2), ("crucial", 2), ("central", 1), ("critical", 1)),
        lambda c: (
            _role(c) or (c.prev.lower() in DET and _content(c.nxt) and c.nxt.lower() not in {"to"})
        ),
    ),
    ("major", (("pivotal", 1), ("significant", 2), ("substantial", 1)), _role),
    ("big", (("significant", 2), ("pivotal", 1)), _role),
    ("about", (("approximately", 3), ("roughly", 2), ("around", 1), ("some", 1)), _num_next),
    ("about", (("regarding", 3), ("concerning", 2), ("over", 1)), _topic_about),
    ("around", (("approximately", 2), ("roughly", 1)), _num_next),
    ("more than", (("over", 2), ("in excess of", 1), ("upwards of", 1)), _num_next),
    ("at least", (("no fewer than", 1), ("a minimum of", 1)), _num_next),
    ("a lot of", (("a great deal of", 2), ("a considerable amount of", 1)), _any),
    ("lots of", (("a great deal of", 1), ("plenty of", 1)), _any),
    ("many", (("numerous", 3), ("a multitude of", 1), ("a wide range of", 1)), _many),
    (
        "a number of",
        (("several", 2), ("a range of", 1), ("various", 1), ("multiple", 1)),
        lambda c: c.nxt.lower() not in DET,
    ),
    ("so far", (("thus far", 2), ("to date", 2)), _any),
    ("after", (("following", 3), ("in the wake of", 2)), _after),
    ("before", (("prior to", 2), ("ahead of", 2)), _before),
    (
        "during",
        (("in the course of", 1), ("throughout", 1)),
        lambda c: c.nxt.lower() in {"the", "a", "an", "his", "her", "their", "its"},
    ),
    (
        "because of",
        (("due to", 2), ("owing to", 2), ("on account of", 1), ("as a result of", 1)),
        _any,
    ),
    (
        "because",
        (("as", 2), ("since", 2), ("given that", 2), ("due to the fact that", 1)),
        lambda c: c.nxt.lower() != "of",
    ),
    ("despite", (("in spite of", 2), ("notwithstanding", 1)), lambda c: not c.nxt.endswith("ing")),
    ("despite", (("in spite of", 1),), lambda c: c.nxt.endswith("ing")),
    ("in order to", (("so as to", 1), ("to", 2)), _any),
    ("as well as", (("along with", 2), ("in addition to", 1), ("together with", 1)), _any),
    ("around the world", (("across the globe", 2), ("worldwide", 2), ("globally", 1)), _any),
    ("across the country", (("nationwide", 2), ("throughout the nation", 1)), _any),
    ("were killed", (("lost their lives", 2), ("perished", 1), ("were slain", 1)), _not_by),
    ("was killed", (("perished", 1), ("was slain", 1)), _not_by),
    (
        "killed",
        (("claimed the lives of", 2), ("left dead", 0)),
        lambda c: _num_next(c) and c.prev.lower() not in {"were", "was", "been", "be"},
    ),
    ("were injured", (("sustained injuries", 2), ("were hurt", 1), ("were wounded", 1)), _not_by),
    ("was injured", (("sustained injuries", 2), ("was hurt", 1), ("was wounded", 1)), _not_by),
    ("died", (("lost their lives", 2),), _plural_died),
    (
        "rose",
        (("climbed", 2), ("surged", 1), ("increased", 1)),
        lambda c: c.nxt.lower() in {"to", "by", "from"},
    ),
    (
        "increased",
        (("climbed", 1), ("rose", 2), ("grew", 1)),
        lambda c: c.nxt.lower() in {"to", "by", "from"},
    ),
    (
        "fell",
        (("declined", 2), ("dropped", 2), ("decreased", 1)),
        lambda c: c.nxt.lower() in {"to", "by", "from"},
    ),
    ("dropped", (("declined", 2), ("fell", 2)), lambda c: c.nxt.lower() in {"to", "by", "from"}),
    (
        "very",
        (
            ("highly", 2),
            ("extremely", 2),
            ("particularly", 2),
            ("exceptionally", 1),
            ("remarkably", 1),
        ),
        _very,
    ),
    ("really", (("truly", 1), ("genuinely", 1)), _any),
    ("now", (("currently", 2), ("presently", 1)), _now),
    ("later", (("subsequently", 2), ("afterwards", 1), ("at a later stage", 1)), _later),
    (
        "often",
        (("frequently", 2), ("regularly", 1), ("commonly", 1)),
        lambda c: c.prev.lower() not in {"how", "so", "too", "as", "more", "most", "very", "quite"},
    ),
    ("again", (("once again", 2), ("once more", 1)), _once_not),
    ("people", (("individuals", 3), ("residents", 1)), _people),
    ("officials", (("authorities", 2),), _officials),
    (
        "police",
        (("officers", 2), ("law enforcement", 1), ("authorities", 1)),
        lambda c: _police(c) and c.prev.lower() != "the",
    ),
    ("police", (("authorities", 1),), lambda c: _police(c) and c.prev.lower() == "the"),
    ("kids", (("children", 1),), _any),
    (
        "enough",
        (("sufficient", 1),),
        lambda c: _content(c.nxt) and c.prev.lower() not in {"not", "long", "old"},
    ),
    ("next to", (("adjacent to", 1), ("beside", 1)), _any),
    (
        "near",
        (("close to", 2), ("in the vicinity of", 1)),
        lambda c: c.nxt.lower() in {"the", "a", "an", "his", "her", "their"} or c.nxt[:1].isupper(),
    ),
    ("a few", (("several", 2), ("a handful of", 1)), lambda c: _content(c.nxt)),
    ("as soon as possible", (("at the earliest opportunity", 1), ("promptly", 1)), _any),
    ("at the moment", (("currently", 1), ("at present", 1)), _any),
    ("right now", (("currently", 1), ("at present", 1)), _any),
    ("in the past", (("historically", 1), ("previously", 1), ("in previous years", 1)), _any),
    ("these days", (("nowadays", 1), ("at present", 1)), _any),
    ("for example", (("for instance", 2), ("as an example", 1)), _any),
    ("therefore", (("consequently", 2), ("thus", 1), ("hence", 1)), _any),
    ("including", (("such as", 1),), lambda c: _comma_prev(c) and not _num_next(c)),
    ("amid", (("amidst", 1), ("in the midst of", 1), ("against the backdrop of", 2)), _any),
    (
        "former",
        (("previous", 1), ("erstwhile", 1)),
        lambda c: (
            (c.prev.lower() in DET or c.prev.endswith(("'s", "’s")))
            and (_content(c.nxt) or (c.nxt[:1].isupper() and is_word(c.nxt)))
        ),
    ),
    (
        "top",
        (("senior", 1), ("leading", 1)),
        lambda c: (
            c.prev.lower() in DET
            and c.nxt.lower()
            in {
                "officials",
                "official",
                "leaders",
                "leader",
                "aide",
                "aides",
                "executives",
                "executive",
                "diplomat",
                "commander",
                "commanders",
                "adviser",
                "advisers",
            }
        ),
    ),
    (
        "bid to",
        (("attempt to", 2), ("effort to", 2), ("push to", 1)),
        lambda c: c.prev.lower() in DET | {"a", "its", "his", "her", "their"},
    ),
    ("in a statement", (("in an official statement", 1), ("in a written statement", 1)), _any),
    ("led by", (("headed by", 2), ("spearheaded by", 1)), _not_perfect),
    ("whether or not", (("whether", 1),), _any),
    ("negotiations", (("talks", 2), ("discussions", 1)), _any),
    ("several", (("multiple", 2), ("a number of", 2), ("various", 1)), _plural_next),
    ("a series of", (("a string of", 2), ("a succession of", 1), ("a sequence of", 1)), _any),
    ("called", (("named", 2), ("dubbed", 1), ("known as", 1)), _naming),
    (
        "called on",
        (("urged", 2), ("appealed to", 1)),
        lambda c: c.nxt.lower() in DET or c.nxt[:1].isupper(),
    ),
    ("met with", (("held talks with", 2), ("sat down with", 1), ("conferred with", 1)), _any),
    ("meets with", (("holds talks with", 2), ("sits down with", 1)), _any),
    ("meet with", (("hold talks with", 2), ("sit down with", 1)), _any),
    ("arrived in", (("reached", 2),), _place_next),
    ("arrived at", (("reached", 2),), lambda c: c.nxt.lower() in DET or c.nxt[:1].isupper()),
    ("passed", (("approved", 2), ("adopted", 1)), _law_object),
    ("worked as", (("served as", 2), ("was employed as", 1)), _any),
    (
        "served as",
        (("acted as", 1), ("held the post of", 1)),
        lambda c: c.nxt.lower() in DET or c.nxt[:1].isupper(),
    ),
    ("means that", (("implies that", 2), ("signifies that", 1)), _any),
    ("meant that", (("implied that", 1), ("resulted in", 0)), _any),
    ("put forward", (("proposed", 2), ("advanced", 1)), _any),
    ("put in place", (("implemented", 2), ("introduced", 1)), _any),
    ("put an end to", (("ended", 2), ("halted", 1)), _any),
    ("broke out", (("erupted", 2), ("started", 1)), _any),
    ("is regarded as", (("is considered", 2), ("is seen as", 1), ("is viewed as", 1)), _any),
    ("was regarded as", (("was considered", 2), ("was seen as", 1), ("was viewed as", 1)), _any),
    ("are regarded as", (("are considered", 2), ("are seen as", 1)), _any),
    ("ruled that", (("determined that", 2), ("found that", 1)), _any),
    ("reported that", (("revealed that", 2), ("indicated that", 1)), _any),
    ("learned that", (("discovered that", 2), ("found out that", 1)), _any),
    ("spoke to reporters", (("addressed reporters", 2), ("talked to journalists", 1)), _any),
    ("withdrew from", (("pulled out of", 2), ("exited", 1)), _any),
    (
        "was formed",
        (("was established", 2), ("was created", 1), ("was founded", 1)),
        lambda c: c.nxt.lower() not in {"from", "of", "by", "when", "after", "as", "into"},
    ),
    ("were formed", (("were established", 2), ("were created", 1)), _any),
    ("was founded", (("was established", 2), ("was set up", 1)), _any),
    ("became the", (("emerged as the", 2), ("went on to become the", 1)), _any),
    ("became a", (("emerged as a", 1), ("turned into a", 1), ("went on to become a", 1)), _any),
    ("became an", (("emerged as an", 1), ("turned into an", 1)), _any),
    ("held a", (("hosted a", 1), ("convened a", 1), ("staged a", 1)), _event_object),
    ("held an", (("hosted an", 1), ("convened an", 1)), _event_object),
    ("held talks", (("conducted talks", 1), ("engaged in talks", 1)), _any),
    ("was asked about", (("was questioned about", 2),), _any),
    ("represents", (("accounts for", 2),), _num_next),
    ("represented", (("accounted for", 2),), _num_next),
    ("is located in", (("is situated in", 2), ("lies in", 1), ("sits in", 1)), _any),
    ("was located in", (("was situated in", 2), ("lay in", 1)), _any),
    ("are located in", (("are situated in", 2), ("lie in", 1)), _any),
    ("consists of", (("comprises", 2), ("is made up of", 2), ("is composed of", 1)), _any),
    ("consist of", (("comprise", 2), ("are made up of", 2)), _any),
    ("consisted of", (("comprised", 2), ("was made up of", 1)), _not_perfect),
    ("a variety of", (("a range of", 2), ("various", 1), ("a wide array of", 1)), _any),
    (
        "a wide range of",
        (("a broad spectrum of", 1), ("a diverse array of", 1), ("numerous", 1)),
        _any,
    ),
    (
        "due to",
        (("owing to", 2), ("because of", 2), ("as a result of", 1)),
        lambda c: (
            c.prev.lower() not in PASSIVE_AUX
            and (c.nxt.lower() in DET or (_content(c.nxt) and c.nxt.lower() not in FINITE))
        ),
    ),
    ("in addition to", (("besides", 1), ("alongside", 1), ("on top of", 1)), _any),
    ("as a result", (("consequently", 2), ("as a consequence", 1)), lambda c: c.nxt == ","),
    (
        "in recent years",
        (("over the past few years", 2), ("lately", 1), ("in the last few years", 1)),
        _any,
    ),
    ("the majority of", (("most of", 2), ("the bulk of", 1)), _any),
    ("a large number of", (("numerous", 2), ("a great many", 1)), _any),
    ("on the other hand", (("by contrast", 2), ("conversely", 1)), _any),
    ("in fact", (("indeed", 2), ("in reality", 1)), _any),
    ("in particular", (("particularly", 1), ("notably", 1), ("especially", 1)), _any),
    ("at the same time", (("simultaneously", 1), ("concurrently", 1)), lambda c: c.nxt != ","),
    ("is able to", (("can", 2), ("is capable of", 0)), _any),
    ("is important", (("is of great importance", 1), ("is crucial", 2), ("is vital", 1)), _any),
    ("was important", (("was of great importance", 1), ("was crucial", 2)), _any),
    ("are important", (("are of great importance", 1), ("are crucial", 2)), _any),
    ("is necessary", (("is essential", 2), ("is required", 1)), _any),
    ("was successful", (("proved successful", 1), ("succeeded", 1)), lambda c: c.nxt in {".", ","}),
    ("is clear", (("is evident", 2), ("is apparent", 1)), _any),
    ("are able to", (("can", 2),), _any),
    ("was able to", (("managed to", 2), ("could", 1)), _any),
    ("were able to", (("managed to", 2), ("could", 1)), _any),
    (
        "in the future",
        (("going forward", 1), ("in the years ahead", 1), ("down the line", 1)),
        _any,
    ),
    ("take into account", (("consider", 1), ("factor in", 1)), _any),
    ("took into account", (("considered", 1), ("factored in", 1)), _any),
    ("make a decision", (("decide", 1),), _any),
    ("made a decision", (("decided", 1),), _any),
    ("came into force", (("took effect", 2), ("became effective", 1)), _any),
    ("come into force", (("take effect", 1),), _any),
    ("the rest of", (("the remainder of", 2), ("the remaining part of", 0)), _any),
    ("in total", (("altogether", 1), ("overall", 1)), _any),
    ("began to", (("started to", 2),), _any),
    ("started to", (("began to", 2),), _any),
    ("is set to", (("is poised to", 2), ("is slated to", 1)), _any),
    (
        "is due to",
        (("is scheduled to", 2), ("is slated to", 1)),
        lambda c: (
            (c.rest[:1] != ("the",) and not _content(c.nxt))
            or c.nxt.lower()
            in {
                "be",
                "begin",
                "start",
                "take",
                "hold",
                "meet",
                "open",
                "end",
                "arrive",
                "return",
                "appear",
            }
        ),
    ),
    ("in response to", (("in reaction to", 1), ("responding to", 1)), _any),
    ("in light of", (("given", 1), ("considering", 1)), _any),
    ("with regard to", (("regarding", 1), ("concerning", 1)), _any),
    ("prior to", (("before", 1), ("ahead of", 1)), _any),
    ("people who", (("those who", 2), ("individuals who", 1)), _any),
    ("it is possible that", (("it is conceivable that", 1), ("it may be that", 1)), _any),
    ("it is likely that", (("it is probable that", 1), ("in all likelihood", 0)), _any),
    ("is thought to", (("is believed to", 2), ("is understood to", 1)), _any),
    ("are thought to", (("are believed to", 2),), _any),
    ("is believed to", (("is thought to", 2), ("is understood to", 1)), _any),
    ("is said to", (("is reported to", 1), ("is believed to", 1)), _any),
    ("was said to", (("was reported to", 1), ("was believed to", 1)), _any),
    ("result in", (("lead to", 2), ("cause", 1)), _any),
    ("results in", (("leads to", 2), ("causes", 1)), _any),
    ("resulted in", (("led to", 2),), _any),
    ("resulting in", (("leading to", 2),), _any),
    (
        "is located",
        (("is situated", 1),),
        lambda c: (
            c.nxt.lower()
            in {"on", "at", "near", "along", "between", "about", "some", "just", "approximately"}
        ),
    ),
    ("has been", (("has been", 1),), lambda c: False),
]

INSERTS = (
    ("Moreover,", 3),
    ("Furthermore,", 3),
    ("Additionally,", 3),
    ("In addition,", 2),
    ("Notably,", 2),
    ("Meanwhile,", 2),
    ("Importantly,", 1),
    ("At the same time,", 1),
    ("Separately,", 1),
)
STARTS: list[tuple[re.Pattern[str], tuple[tuple[str, float], ...]]] = [
    (re.compile(r"^But (?!also\b)"), (("However, ", 3), ("Nevertheless, ", 1), ("Yet ", 1))),
    (re.compile(r"^And "), (("Moreover, ", 2), ("Additionally, ", 2), ("Furthermore, ", 1))),
    (
        re.compile(r"^So (?!far\b|much\b|many\b|long\b|too\b)"),
        (("Consequently, ", 1), ("As a result, ", 1), ("Thus, ", 1)),
    ),
    (re.compile(r"^Also, "), (("Additionally, ", 2), ("Furthermore, ", 2), ("Moreover, ", 1))),
    (re.compile(r"^However, "), (("Nevertheless, ", 2), ("That said, ", 1), ("Nonetheless, ", 1))),
    (
        re.compile(r"^In addition, "),
        (("Moreover, ", 2), ("Furthermore, ", 2), ("Additionally, ", 2)),
    ),
    (re.compile(r"^Meanwhile, "), (("In the meantime, ", 1), ("At the same time, ", 1))),
    (re.compile(r"^For example, "), (("For instance, ", 2), ("As an example, ", 1))),
    (re.compile(r"^Still, "), (("Nevertheless, ", 1), ("Even so, ", 1))),
    (re.compile(r"^As a result, "), (("Consequently, ", 2), ("As a consequence, ", 1))),
    (re.compile(r"^Later, "), (("Subsequently, ", 2), ("Afterwards, ", 1))),
    (re.compile(r"^Then,? "), (("Subsequently, ", 2), ("Following this, ", 1))),
    (re.compile(r"^Although "), (("While ", 2), ("Even though ", 2), ("Though ", 1))),
    (re.compile(r"^Despite "), (("In spite of ", 2), ("Notwithstanding ", 1))),
    (re.compile(r"^Because (?!of\b)"), (("Since ", 2), ("As ", 1), ("Given that ", 1))),
]
CONNECTIVE_START = re.compile(
    r"^(However|But|And|Also|Furthermore|Moreover|Additionally|In addition|Meanwhile|Still|Yet|So|"
    r"Then|Notably|Nevertheless|Nonetheless|Consequently|Accordingly|Subsequently|At present|"
    r"In the meantime|Importantly|At the same time|Separately|That said|Even so|Thus|Hence|"
    r"As a result|As a consequence|Following this|Afterwards|For instance|For example|In spite of|"
    r"Notwithstanding|Although|Though|While|Even though|Since|As|Given that|Because|Despite|"
    r"According to|In|On|At|During|After|Before|Last|Earlier|This|When|If)\b"
)


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    total = sum(w for _, w in options)
    r = rng.random() * total
    for text, w in options:
        r -= w
        if r < 0:
            return text
    return options[-1][0]


# irregular forms of target verbs that verb_forms does not know
_IRREGULAR_TARGETS: dict[tuple[str, str], str] = {
    ("choose to", "past"): "chose to",
    ("choose to", "pp"): "chosen to",
    ("strive to", "past"): "strove to",
    ("strive to", "pp"): "striven to",
    ("have to", "3sg"): "has to",
    ("have to", "past"): "had to",
    ("have to", "pp"): "had to",
    ("have to", "ing"): "having to",
    ("give rise to", "past"): "gave rise to",
    ("give rise to", "pp"): "given rise to",
    ("get underway", "past"): "got underway",
    ("get underway", "pp"): "got underway",
    ("get underway", "ing"): "getting underway",
    ("learn", "past"): "learned",
    ("learn", "pp"): "learned",
}

Options = tuple[tuple[str, float], ...]


def _build_table() -> dict[tuple[str, ...], list[tuple[Options, Constraint]]]:
    table: dict[tuple[str, ...], list[tuple[Options, Constraint]]] = {}

    def add(src: str, targets: Options, cons: Constraint) -> None:
        table.setdefault(tuple(src.lower().split()), []).append((targets, cons))

    for base, past, pp, targets, cons in VERB_PHRASES:
        src = verb_forms(base)
        if past:
            src["past"] = past
            src["pp"] = pp or past
        if pp:
            src["pp"] = pp
        for form in ("base", "3sg", "past", "pp", "ing"):
            if form == "pp" and src["pp"] == src["past"]:
                continue
            opts = tuple(
                (_IRREGULAR_TARGETS.get((t, form), verb_forms(t)[form]), w)
                for t, w in targets
                if w > 0
            )
            add(src[form], opts, cons)
    for phrase, targets, cons in PHRASES:
        add(phrase, tuple((t, w) for t, w in targets if w > 0), cons)
    return table


TABLE = _build_table()
MAXN = max(len(k) for k in TABLE)


# ----------------------------------------------------------------------------- synonyms in context


@lru_cache(maxsize=100_000)
def _analyses(word: str) -> tuple[Analysis, ...]:
    return tuple(analyses(get_wordnet(), word))


def _split_mark(s: str) -> tuple[str, str]:
    if s.endswith(("*", "^", "+")):
        return s[:-1], s[-1]
    return s, ""


WORDNET_POOL = True
MAX_SENSES = 3  # WordNet lemmas only for words (and from lemmas) with few senses


@lru_cache(maxsize=100_000)
def _pool(base: str, pos: str) -> tuple[tuple[str, str, float], ...]:
    """(lemma, mark, bonus) candidates: the hand-written list first, then WordNet lemmas whose
    own first sense is the word's first sense ("buy" / "purchase"), common single words."""
    if base in SKIP_SYNONYMS:
        return ()
    curated = SYNONYMS.get(pos, {}).get(base, ())
    out: list[tuple[str, str, float]] = []
    seen = {base}
    for s in curated:
        lemma, mark = _split_mark(s)
        if lemma not in seen:
            seen.add(lemma)
            out.append((lemma, mark, 1.0))
    wn = get_wordnet()
    offs = wn.synsets(base, pos)
    if (
        WORDNET_POOL
        and offs
        and not curated
        and not base.endswith("ing")  # "swearing in" -> "curse in"
        and len(offs) <= MAX_SENSES
    ):
        for w in wn.synset_words(pos, offs[0]):
            if w in seen or w != w.lower() or not w.isalpha() or len(w) < 3:
                continue
            if w[:4] == base[:4] and len(base) > 4:
                continue  # a derivative, not a synonym ("interest" / "interests")
            if w in STOPWORDS or w in SKIP_SYNONYMS or (w.endswith("ing") and pos == "n"):
                continue  # "rescue" -> "saving", "tell" -> "say"
            mine = wn.synsets(w, pos)
            if not mine or mine[0] != offs[0] or zipf(w) < (4.0 if pos == "v" else 3.6):
                continue
            if len(mine) > MAX_SENSES:
                continue  # a polysemous lemma drifts ("command" -> "bid", "time" -> "clip")
            seen.add(w)
            out.append((w, "" if pos != "v" else "=", 0.0))
    return tuple(out)


# Words whose WordNet synonyms are nearly always wrong in news text ("a total of" -> "an
# aggregate of", "time limit" -> "clip limit", "aged fourteen" -> "older fourteen").
SKIP_SYNONYMS = wordset(
    """occupant occupants command subject model tradition total number time way thing lot kind sort fact case point serve tell aged deal part
    rest member head body hand side line front face place end form mark matter order state
    course term field piece set child kid investigator investigators government"""
)
PASSIVE_AUX: frozenset[str] = wordset("is was are were be been being get got")
ADJ_DET = wordset(
    "new old first last own same other such many few more most each every all some any no several both"
)
LEFT_FREE = wordset(
    """the a an this that these those his her its their our my your some any each every no many
    more most several such what which whose and or but nor to would will could should can may
    might must shall not also very is was are were be been being has have had do does did who
    too so as how quite rather extremely highly"""
)
RIGHT_FREE = wordset(
    """the a an this that these those his her its their our my your some any each every no and
    or but nor is was are were has have had will would could should can may might must who which
    that"""
)
LIGHT_VERBS = wordset(
    """open opens opened opening catch caught pay paid draw drew drawn take takes took taken taking make makes made making give gives gave given giving have has
    had do does did get gets got go goes went come comes came keep keeps kept hold holds held set
    sets put puts run runs ran"""
)


def _compound_left(prev: str) -> bool:
    """A lower-case noun (not also an adjective) just before: "news agency", "trade surplus"."""
    p = prev.lower()
    return (
        prev[:1].islower()
        and _content(prev)
        and _is_noun(p)
        and not get_wordnet().has(p, "a")
        and not p.endswith(("ed", "ing"))
    )


def _compound_right(nxt: str) -> bool:
    """A noun just after that cannot be a verb: "world commodity" (not "country remains")."""
    n = nxt.lower()
    if not (nxt[:1].islower() and _content(nxt)):
        return False
    alts = _analyses(n)
    return any(x.pos == "n" for x in alts) and not any(x.pos == "v" for x in alts)


def _is_noun(w: str) -> bool:
    return any(x.pos == "n" for x in _analyses(w))


def _adj_only(w: str) -> bool:
    wn = get_wordnet()
    return bool(w) and wn.has(w, "a") and not wn.has(w, "n") and not wn.has(w, "v")


def _pick_analysis(word: str, alts: tuple[Analysis, ...], prev: str, nxt: str) -> Analysis | None:
    """The reading of ``word`` in context, or None when its part of speech is too uncertain."""
    wn = get_wordnet()
    p, n = prev.lower(), nxt.lower()
    a = choose_analysis(wn, list(alts), word, p or None)
    if a is None:
        return None
    poss = {x.pos for x in alts}
    nounish_prev = (
        p in DET
        or p in ADJ_DET
        or (p in PREPS and p != "to")
        or _adj_only(p)
        or p.endswith(("'s", "’s"))
    )
    if a.pos == "v" and "n" in poss and nounish_prev:
        a = choose_analysis(wn, [x for x in alts if x.pos == "n"], word, p or None) or a
    if a.pos == "n" and "a" in poss and a.form == "base" and _content(nxt) and _is_noun(n):
        a = choose_analysis(wn, [x for x in alts if x.pos == "a"], word, p or None) or a
    return None if _ambiguous(a, alts, prev, nxt) else a


def _ambiguous(a: Analysis, alts: tuple[Analysis, ...], prev: str, nxt: str) -> bool:
    """Whether the part of speech is too uncertain to swap the word safely."""
    poss = {x.pos for x in alts}
    p, n = prev.lower(), nxt.lower()
    if a.pos == "n" and "v" in poss:
        if n in DET or n in OBJ_PRONOUNS or n in {"to", "that"} or n[:1].isdigit():
            return True  # "council plans to", "he says the"
        if nxt[:1].isupper() and is_word(nxt):
            return True  # "the motion claims Trump's"
        if not (p in DET or p in ADJ_DET or p == "" or _content(prev) or p in PREPS):
            return True
    if a.pos == "v" and n == "to":
        return True  # "is reported to", "offered to": the frame changes with the verb
    if a.pos == "v" and ("n" in poss or "a" in poss):
        if (a.form in ("past", "ing") and p in DET) or p.endswith(("'s", "’s")):
            return True
        subject_before = prev[:1].isupper() or (
            _content(prev) and _is_noun(p) and (p.endswith("s") or not get_wordnet().has(p, "v"))
        )
        ok = (
            p in VERB_BASE_CUES | PRONOUNS | PERFECT_CUES
            or n in DET
            or n in OBJ_PRONOUNS
            or (a.form in ("past", "3sg") and n in PREPS)
            or (
                a.form == "past"
                and subject_before
                and (n[:1].isdigit() or n in NUMBER_WORDS or nxt[:1].isupper() or _content(nxt))
            )
        )
        if not ok:
            return True
    if a.pos == "a":
        if n[:1].isdigit() or n in NUMBER_WORDS:
            return True  # "aged fourteen"
        attributive = _content(nxt) and not n.endswith("ly")
        if not (attributive or p in COPULA):
            return True
    return a.pos == "r" and "a" in poss


def _strict(neighbour: str, word: str, left: bool) -> bool:
    """Whether the pair (neighbour, word) must survive a swap: a collocation ("climate change",
    "criminal charges"), a light-verb idiom ("take part") or a preposition ("signs of")."""
    if neighbour in (LEFT_FREE if left else RIGHT_FREE):
        return False
    if neighbour in LIGHT_VERBS or neighbour in PREPS or neighbour in STOPWORDS:
        return True
    c = pair_count(neighbour, word) if left else pair_count(word, neighbour)
    return c > 0 and math.log10(c) - zipf(neighbour) - zipf(word) > -2.6


def _mark_ok(mark: str, nxt: str) -> bool:
    if mark == "*":
        return _starts_object(nxt)
    if mark == "+":
        return nxt.lower() in DET or nxt[:1].isdigit() or nxt.lower() in NUMBER_WORDS
    if mark == "^":
        return not is_word(nxt) or nxt.lower() in PREPS
    if mark == "=":  # plain WordNet verb: only before an object or a preposition
        return _starts_object(nxt) or nxt.lower() in PREPS
    return True


def choose_synonym(
    word: str,
    prev: str,
    nxt: str,
    rng: random.Random,
    *,
    min_zipf: float = 3.5,
    ahead: tuple[str, ...] = (),
) -> str | None:
    """A fluent replacement for ``word`` between ``prev`` and ``nxt`` (adjacent words, or ""
    at punctuation), inflected like it, or None. Lower-case in, lower-case out."""
    alts = _analyses(word)
    if not alts:
        return None
    wn = get_wordnet()
    a = _pick_analysis(word, alts, prev, nxt)
    if a is None:
        return None
    if a.pos == "v" and "to" in ahead[1:5]:
        return None  # "caused a crane to fall": the new verb may not take "X to"
    if a.pos == "v" and a.form in ("past", "ing") and _compound_right(nxt):
        return None  # "marine protected area", "rising costs": a participle used as adjective
    pool = _pool(a.base, a.pos)
    if not pool:
        return None
    p = prev.lower() if is_word(prev) else ""
    n = nxt.lower() if is_word(nxt) else ""
    op = bool(p) and pair_count(p, word) > 0 and _strict(p, word, True)
    on = bool(n) and pair_count(word, n) > 0 and _strict(n, word, False)
    best: tuple[float, str] | None = None
    if a.pos == "n" and nxt[:1].isupper() and is_word(nxt):
        return None  # a title before a name: "colleague Faisal", "Councillor Lopez"
    for lemma, mark, bonus in pool:
        if not _mark_ok(mark, nxt):
            continue
        if mark == "^" and p in PASSIVE_AUX:
            continue  # "was left outside" is passive, never "was departed outside"
        if " " in lemma and a.pos == "n" and a.form != "base":
            continue  # "loss of life" has no plural
        surface = inflect(wn, lemma.replace(" ", "_"), a.pos, a.form, prev or None)
        if surface == word or (" " in surface and a.pos in ("a", "r") and a.form != "base"):
            continue
        parts = surface.split()
        if zipf(surface) < (min_zipf - 0.5 if bonus else min_zipf):
            continue
        cp = pair_count(p, parts[0]) if p else 0
        cn = pair_count(parts[-1], n) if n else 0
        if (op and not cp) or (on and not cn):
            continue  # would break a frequent pair: "take part" -> "take portion"
        if p in LIGHT_VERBS and not cp:
            continue  # "took command" -> "took bid"
        if (
            not bonus
            and (p or n)
            and not ((cp and p not in LEFT_FREE) or (cn and n not in RIGHT_FREE))
        ):
            continue  # WordNet lemma never seen next to these (content) neighbours
        if " " in lemma and a.pos == "n" and not (p in DET or p in ADJ_DET or not p):
            continue  # "construction budget" -> "construction financial plan"
        if a.pos == "n" and p and not cp and _compound_left(prev):
            continue  # the left half of a compound noun must still go with it
        if (a.pos == "n" or not bonus) and not cn and _compound_right(nxt):
            continue  # "tourist section" -> "traveller section", "lone survivor" -> "lonely"
        if not bonus and a.pos == "v" and ((n and not cn) or p in PASSIVE_AUX or n in PREPS):
            continue  # a WordNet verb must be attested with what follows it ("told TASS")
        score = (
            pair_score(p, parts[0])
            + pair_score(parts[-1], n)
            + 0.4 * zipf(surface)
            + bonus
            + rng.random() * 1.2
        )
        if best is None or score > best[0]:
            best = (score, surface)
    return None if best is None else best[1]


# ----------------------------------------------------------------------------- word pass


def _sentence_starts(tokens: list[str]) -> list[bool]:
    starts = [False] * len(tokens)
    at_start = True
    prev_word = ""
    for i, tok in enumerate(tokens):
        if tok.isspace():
            continue
        if is_word(tok):
            starts[i] = at_start
            at_start = False
            prev_word = tok
        elif tok in ".!?":
            if not (tok == "." and (len(prev_word) == 1 or prev_word.lower() in ABBREVIATIONS)):
                at_start = True
        elif tok[0].isdigit():
            at_start = False
    return starts


class _Writer:
    """Collects output tokens; fixes "a"/"an" before a replaced word."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def emit(self, tok: str) -> None:
        self.out.append(tok)

    def last_word(self) -> str:
        """The last non-space token written (its last word if a replacement was a phrase);
        "" at the start of a line."""
        j = len(self.out) - 1
        while j >= 0 and self.out[j].isspace() and "\n" not in self.out[j]:
            j -= 1
        if j < 0 or self.out[j].isspace():
            return ""
        return self.out[j].split()[-1]

    def replace(self, new: str) -> None:
        j = len(self.out) - 1
        while j >= 0 and self.out[j].isspace() and "\n" not in self.out[j]:
            j -= 1
        if j >= 0 and self.out[j].lower() in ("a", "an") and is_word(new):
            art = article_for(new)
            self.out[j] = capitalize_first(art) if self.out[j][0].isupper() else art
        self.out.append(new)


def rewrite_words(text: str, rng: random.Random, p_register: float, p_synonym: float) -> str:
    """Register swaps and context-aware synonyms, left to right, outside quotations."""
    tokens = tokenize(text)
    if not tokens:
        return text
    quoted = quote_mask(tokens, marks_quoted=True)
    starts = _sentence_starts(tokens)
    nonspace = [i for i, t in enumerate(tokens) if not t.isspace()]
    pos_in = {i: k for k, i in enumerate(nonspace)}
    names = {
        t for t, s in zip(tokens, starts, strict=True) if not s and is_word(t) and t[0].isupper()
    }
    w = _Writer()
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if not is_word(tok) or quoted[i]:
            w.emit(tok)
            i += 1
            continue
        prev_tok = w.last_word()
        low = tok.lower().replace("’", "'")
        # contractions
        if (
            low in CONTRACTIONS
            and rng.random() < 0.9
            and not (tok[0].isupper() and not starts[i])
            and not (i + 2 < n and tokens[i + 1] == " " and tokens[i + 2][:1].isupper())
        ):
            full = CONTRACTIONS[low]
            w.emit(capitalize_first(full) if tok[0].isupper() else full)
            i += 1
            continue
        # register table: longest match first
        hit = _match_table(tokens, nonspace, pos_in, i, quoted, prev_tok, starts)
        if hit is not None:
            end_i, options = hit
            if rng.random() < p_register:
                phrase_out = _weighted(rng, options)
                if tok[0].isupper():
                    phrase_out = capitalize_first(phrase_out)
                w.replace(phrase_out)
                i = end_i + 1
                continue
            # not fired: the words stay, and are not offered to the synonym step either
            for j in range(i, end_i + 1):
                w.emit(tokens[j])
            i = end_i + 1
            continue
        # context-aware synonym
        new: str | None = None
        if (
            rng.random() < p_synonym
            and len(tok) >= 3
            and low not in STOPWORDS
            and low not in PROTECTED
            and low not in NUMBER_WORDS
            and "'" not in low
            and not (len(tok) > 1 and tok.isupper())
            and not (tok[0].isupper() and (not starts[i] or tok in names or _is_proper(tok)))
            and not (i > 0 and tokens[i - 1] in "-/")
            and not (i + 1 < n and tokens[i + 1] in "-/")
            and not (i + 1 < n and tokens[i + 1] == "." and low in ABBREVIATIONS)
        ):
            prev_adj = prev_tok if i > 0 and tokens[i - 1] == " " and is_word(prev_tok) else ""
            nxt_adj = tokens[i + 2] if i + 2 < n and tokens[i + 1] == " " else ""
            if i + 1 < n and not tokens[i + 1].isspace():
                nxt_adj = tokens[i + 1]  # punctuation right after the word
            ahead = tuple(tokens[j].lower() for j in nonspace[pos_in[i] + 1 : pos_in[i] + 6])
            new = choose_synonym(low, prev_adj, nxt_adj, rng, ahead=ahead)
        if new:
            w.replace(capitalize_first(new) if tok[0].isupper() else new)
        else:
            w.emit(tok)
        i += 1
    return "".join(w.out)


def _match_table(
    tokens: list[str],
    nonspace: list[int],
    pos_in: dict[int, int],
    i: int,
    quoted: list[bool],
    prev_tok: str,
    starts: list[bool],
) -> tuple[int, tuple[tuple[str, float], ...]] | None:
    """Longest table entry starting at token ``i`` whose constraint holds: (last index, options)."""
    k = pos_in[i]
    if tokens[i][0].isupper() and not starts[i]:
        return None  # "US Park Police" is a name
    for length in range(MAXN, 0, -1):
        idxs = nonspace[k : k + length]
        if len(idxs) < length:
            continue
        # words separated by single spaces, none quoted or capitalised after the first
        if any(b - a != 2 or tokens[a + 1] != " " for a, b in pairwise(idxs)):
            continue
        if any(not is_word(tokens[j]) or quoted[j] for j in idxs):
            continue
        if any(tokens[j][0].isupper() for j in idxs[1:]):
            continue
        key = tuple(tokens[j].lower() for j in idxs)
        entries = TABLE.get(key)
        if not entries:
            continue
        after = nonspace[k + length : k + length + 14]
        rest = tuple(tokens[j].lower() for j in after)
        nxt = tokens[after[0]] if after else "."
        left: list[str] = []
        for j in reversed(nonspace[max(0, k - 10) : k]):
            if tokens[j] in {".", "!", "?"}:
                break
            left.append(tokens[j].lower())
        ctx = Ctx(prev_tok, nxt, rest, tuple(left))
        for options, cons in entries:
            if options and cons(ctx):
                return idxs[-1], options
    return None


# ----------------------------------------------------------------------------- sentences

_END_RE = re.compile(r"([.!?]+[\"'”’)]*)\Z")
_QUOTES = frozenset('"“”«»')
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_TIME = (
    rf"(?:(?:late |early )?on {_WEEKDAY}(?: (?:morning|afternoon|evening|night))?"
    rf"|on {_MONTH} \d{{1,2}}(?:, \d{{4}})?"
    rf"|on \d{{1,2}} {_MONTH}(?: \d{{4}})?"
    rf"|in (?:early |late |mid-)?{_MONTH}(?: \d{{4}})?"
    rf"|in (?:early |late |mid-)?(?:1[5-9]|20)\d\d(?:s)?"
    rf"|in the (?:early |late |mid-)?(?:1[5-9]|20)\d0s"
    rf"|in the (?:early |late |mid-)?\d{{1,2}}(?:st|nd|rd|th) century"
    rf"|(?:by|since|until) (?:1[5-9]|20)\d\d"
    rf"|between (?:1[5-9]|20)\d\d and (?:1[5-9]|20)\d\d"
    rf"|from (?:1[5-9]|20)\d\d to (?:1[5-9]|20)\d\d"
    rf"|last (?:week|month|year|night|weekend|{_WEEKDAY}|{_MONTH})"
    rf"|earlier (?:this|that) (?:week|month|year|day)"
    rf"|later (?:that|this) (?:week|month|year|day)"
    rf"|(?:this|next) (?:week|month|year|weekend)"
    rf"|yesterday|on the same day|the following day|the next day)"
)
_TIME_RE = re.compile(rf"(?<= )({_TIME})(?=$|[ ,;])")
_PLACE_RE = re.compile(r"(?<= )((?:in|at) (?:the )?[A-Z][\w'’-]+(?:,? [A-Z][\w'’-]+){0,3})$")
_NOT_FRONT_PLACE = re.compile(r"\b(born|located|situated|based|lives|lived|died|buried|held)\b")
_BLOCK_BEFORE = re.compile(
    r"\b(that|which|who|whom|whose|when|because|while|if|although|though|since|after|before|"
    r"where|whether|but|and|or|until|unless|as)\b|,",
    re.I,
)
_NAME = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|of|for|de|van|von|al|bin))*"
_NP_WORD = r"[a-z][a-z-]*"
_NP_ANY = r"[A-Za-z0-9][\w'’-]*"
_SUBJ = (
    rf"(?:{_NAME}"
    rf"|(?:[Tt]he|[Aa]n?) {_NP_ANY}(?: {_NP_ANY}){{0,4}}(?: (?:of|for|at) (?:the )?{_NAME})?"
    rf"|(?:[Hh]e|[Ss]he|[Tt]hey|[Oo]fficials|[Pp]olice|[Aa]uthorities|[Ee]xperts|[Aa]nalysts|"
    rf"[Rr]esearchers|[Ss]cientists|[Ww]itnesses|[Rr]esidents|[Ii]nvestigators|[Pp]rosecutors|"
    rf"[Oo]rganizers|[Oo]rganisers|[Dd]octors|[Ll]ocal media|[Ss]tate media))"
)
_REPORT = r"(?:said|says|added|told reporters|told journalists)"
_ADV = r"(?: (?:also|further|later|earlier|previously|then|recently))?"
_TRAIL_ATTRIB = re.compile(rf"^(?P<x>.{{20,}}?), (?P<y>{_SUBJ}) (?P<v>{_REPORT})(?P<t> {_TIME})?$")
_TRAIL_ATTRIB_INV = re.compile(
    rf"^(?P<x>.{{20,}}?), (?P<v>said) (?P<y>{_NAME}|the {_NP_WORD}(?: {_NP_WORD}){{0,2}})$"
)
_LEAD_ATTRIB = re.compile(
    rf"^(?P<lead>[A-Z][^,]{{2,45}}, )?(?P<y>{_SUBJ})(?P<adv>{_ADV}) (?P<v>said|says)"
    rf"(?P<t> {_TIME})?(?: that)? (?P<x>.{{20,}})$"
)
_ACCORDING = re.compile(rf"^According to (?P<y>{_SUBJ}), (?P<x>.{{20,}})$")
_TRAIL_ACCORDING = re.compile(r"^(?P<x>.{20,}?),? according to (?P<y>[^,]{3,60})$")
_OBJ_CASE = {"he": "him", "she": "her", "they": "them"}
_BAD_X_START = wordset(
    "in on at to for from with by of that during after before this these it's and but or so "
    "although though while when if because since"
)

PAST_REPORT = (
    ("stated", 3),
    ("noted", 3),
    ("indicated", 2),
    ("explained", 1),
    ("emphasized", 1),
    ("pointed out", 1),
    ("said", 1),
)
PRESENT_REPORT = (
    ("states", 3),
    ("notes", 3),
    ("indicates", 2),
    ("explains", 1),
    ("emphasizes", 1),
    ("points out", 1),
)


def _end(s: str) -> tuple[str, str]:
    m = _END_RE.search(s)
    if not m:
        return s, ""
    return s[: m.start()], m.group(1)


def _has_quote(s: str) -> bool:
    return any(c in _QUOTES for c in s)


def _np_ok(y: str) -> bool:
    """The subject part of an attribution: no adverbs, verbs or function words inside."""
    ws = y.split()
    if ws[0].lower() in {"the", "a", "an"}:
        return all(
            w.lower() not in STOPWORDS and not w.endswith("ly")
            for w in ws[1:]
            if w[0].islower() and w not in {"of", "for", "at", "the"}
        ) and not any(
            a.pos == "v" and a.form in ("past", "3sg")
            for w in ws[1:]
            if w[0].islower() and w not in {"of", "for", "at", "the"}
            for a in _analyses(w)
            if not any(b.pos in ("n", "a") for b in _analyses(w))
        )
    return ws[0].lower() not in {"it", "this", "that", "there", "i", "we", "you"}


def _x_ok(x: str) -> bool:
    m = re.match(r"\W*(\w+)", x)
    first = m.group(1).lower() if m else ""
    return (
        bool(first)
        and x.lstrip()[:1] not in ",;:"
        and first not in _BAD_X_START
        and not x.endswith(",")
        and not _has_quote(x)
    )


def lower_start(s: str) -> str:
    """Lower-case the first word for use mid-sentence, unless it is a name or a title before a
    name ("Councillor Maria Lopez", "President Putin")."""
    ws = s.split(" ", 2)
    if ws[0] in {"The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Its", "Their"}:
        return lower_first_word(s)
    if ws[0].lower() in NUMBER_WORDS or ws[0].lower() in TEENS:
        return ws[0].lower() + s[len(ws[0]) :]
    if len(ws) > 1 and ws[1][:1].isupper() and ws[0][:1].isupper():
        return s
    w = ws[0]
    if (
        w[:1].isupper()
        and w[1:].islower()
        and w.isalpha()
        and _analyses(w.lower())
        and not _is_proper(w)
        and not _is_proper(w.rstrip("s"))
    ):
        return w.lower() + s[len(w) :]
    return lower_first_word(s)


def _obj_case(y: str) -> str:
    return _OBJ_CASE.get(y.lower(), lower_start(y))


def _trailing_attribution(body: str, rng: random.Random) -> str | None:
    m = _TRAIL_ATTRIB.match(body) or _TRAIL_ATTRIB_INV.match(body)
    if not m or not _np_ok(m.group("y")) or _has_quote(m.group("x")) or "," in m.group("y"):
        return None
    x, y, v = m.group("x"), m.group("y"), m.group("v")
    t = m.groupdict().get("t") or ""
    if x.count(",") > 3 or not _x_ok(x):
        return None
    present = v == "says"
    xl = lower_start(x)
    r = rng.random()
    if r < 0.4 and not t:
        return f"According to {_obj_case(y)}, {xl}."
    if r < 0.55 and not t:
        who = y.lower() if y.lower() in {"he", "she", "they"} else lower_start(y)
        return f"As {who} {'notes' if present else 'noted'}, {xl}."
    verb = _weighted(rng, PRESENT_REPORT if present else PAST_REPORT)
    if v.startswith("told"):
        verb = _weighted(
            rng, (("told reporters", 1), ("informed reporters", 1), ("told journalists", 1))
        )
    return f"{capitalize_first(y)} {verb}{t} that {xl}."


def _leading_attribution(body: str, rng: random.Random) -> str | None:
    m = _LEAD_ATTRIB.match(body)
    if not m or not _np_ok(m.group("y")) or not _x_ok(m.group("x")):
        return None
    lead, y, adv, v, x = (
        m.group("lead") or "",
        m.group("y"),
        m.group("adv"),
        m.group("v"),
        m.group("x"),
    )
    t = m.group("t") or ""
    if lead and (CONNECTIVE_START.match(lead) is None and not _TIMEISH.search(lead)):
        lead_ok = bool(re.match(r"(?:In|During|At|On|After|Before|Speaking|Writing)\b", lead))
        if not lead_ok:
            return None
    if y.split()[0] in {"He", "She", "They"} and rng.random() < 0.5:
        return None  # "According to him" reads oddly when it is frequent
    if not lead and not adv and rng.random() < 0.6:
        yl = _obj_case(y)
        head = (
            f"According to {yl}" if not t else f"{capitalize_first(t.strip())}, according to {yl}"
        )
        return f"{head}, {x}."
    verb = _weighted(rng, PRESENT_REPORT if v == "says" else PAST_REPORT)
    subj = lower_start(y) if lead else y
    return f"{lead}{subj}{adv} {verb}{t} that {x}."


def attribution(s: str, rng: random.Random) -> str | None:
    """ "X, Y said." -> "According to Y, x." / "Y stated that x." / "As Y noted, x."; "Y said
    X." -> "According to Y, X."; "X, according to Y." -> "According to Y, x."."""
    body, end = _end(s)
    if end != ".":
        return None
    new = _trailing_attribution(body, rng) or _leading_attribution(body, rng)
    if new:
        return new
    m = _ACCORDING.match(body)
    if m and _np_ok(m.group("y")) and not _has_quote(m.group("x")) and _x_ok(m.group("x")):
        y, x = m.group("y"), m.group("x")
        if y.lower() in {"him", "her", "them"}:
            return None
        verb = _weighted(rng, PAST_REPORT)
        return f"{capitalize_first(y)} {verb} that {x}."
    m = _TRAIL_ACCORDING.match(body)
    if m and not body.startswith("According") and _x_ok(m.group("x")):
        x, y = m.group("x"), m.group("y")
        if x.count(",") > 2 or (
            CONNECTIVE_START.match(x) and not x.startswith(("The", "A ", "An "))
        ):
            return None
        return f"According to {y}, {lower_start(x)}."
    return None


def front_time(s: str, rng: random.Random) -> str | None:
    """ "The council approved the plan on Tuesday after a debate." -> "On Tuesday, the council
    approved the plan after a debate." (only from a main clause with no comma before it); a
    closing place ("... in Magnitogorsk.") is fronted the same way."""
    body, end = _end(s)
    if end != "." or CONNECTIVE_START.match(body) or len(body.split()) < 6:
        return None
    if re.match(r"[^,]{1,40}, ", body) and not re.match(r"(?:The|A|An) ", body):
        return None  # already opens with a phrase
    for m in _TIME_RE.finditer(body):
        before, after = body[: m.start()].rstrip(), body[m.end() :]
        if len(before.split()) < 4 or _BLOCK_BEFORE.search(before):
            continue
        if after.startswith(",") and not after[1:].strip():
            continue
        if before.count("(") != before.count(")"):
            continue
        if re.search(
            r"\b(?:from|of|to|with|about|for|after|before|by|since)(?: \S+){0,3}$", before
        ):
            continue  # "complications from a stroke on Monday": the date belongs to the stroke
        if re.match(r"\s*(?:and|or|to|of|at|morning|afternoon|evening|night)\b", after):
            continue
        rest = f"{lower_start(before)}{after}".strip()
        rest = re.sub(r"\s{2,}", " ", rest)
        return f"{capitalize_first(m.group(1))}, {rest}{end}"
    place = _PLACE_RE.search(body)
    if place:
        before = body[: place.start()].rstrip()
        if (
            len(before.split()) >= 4
            and not _BLOCK_BEFORE.search(before)
            and not _NOT_FRONT_PLACE.search(before)
            and not re.search(r"\b(?:in|at|on|of|from|to)$", before)
        ):
            return f"{capitalize_first(place.group(1))}, {lower_start(before)}{end}"
    return None


_FRONT_PP_RE = re.compile(
    r"(?<= )((?:in|during|after|before|since|throughout|amid|following)"
    r" (?:the |a |an |his |her |its |their |this |that |these |those |[A-Z0-9])"
    r"[^,;:()]{1,45})$"
)


def front_pp(s: str, rng: random.Random) -> str | None:
    """ "The bus overturned in wet conditions." -> "In wet conditions, the bus overturned."."""
    body, end = _end(s)
    if end != "." or CONNECTIVE_START.match(body) or _has_quote(body):
        return None
    m = _FRONT_PP_RE.search(body)
    if not m:
        return None
    pp, before = m.group(1), body[: m.start()].rstrip()
    if len(pp.split()) > 7 or re.search(
        r"\b(of|and|or|who|which|that|to|was|were|is|are|while|when|as|with)\b", pp
    ):
        return None
    if len(before.split()) < 5 or _BLOCK_BEFORE.search(before) or _NOT_FRONT_PLACE.search(before):
        return None
    if re.search(
        r"\b(?:in|at|on|of|from|to|for|with|by|back|again|later|earlier|ago|away|down|up|out|off|"
        r"shortly|soon|just|long|minutes|hours|days|weeks|months|years|\d+)$",
        before,
    ):
        return None  # "spoke to Wikinews back in July", "43 minutes after the game"
    if re.search(
        r"\b(how|what|why|where|said|says|told|stated|reported|claimed|announced|believes?|"
        r"believed|thinks?|thought|to \w+|largest|biggest|most|least|first|second|third|fourth|"
        r"fifth|only|best|worst|anniversary)\b|\b\d+(?:st|nd|rd|th)\b|\w{2,}ing\b|\w{3,}est\b",
        before,
    ) or re.search(
        r"\b(him|her|them|it|himself|herself|themselves|itself|me|us|was|were|is|are|be|been|"
        r"had|has|have|place[sd]?|put|set|kept|left|lived|stayed|remained|ended|resulted|"
        r"participated|invested|engaged|involved|joined|succeeded|included|arrived|landed|settled|"
        r"locked|trapped|buried|stored|interested|specialized|day|week|month|year|night|morning)$",
        before,
    ):
        return None  # the phrase may belong to a participle, a reported clause or a superlative
    if before.split()[-1][:1].isupper():
        return None  # "the River Avon in Bath": the phrase belongs to the name
    if any(_looks_finite(w.lower()) for w in pp.split()[1:]):
        return None  # "after the game commenced" is a clause
    if pp.split()[0] in {"after", "before", "since", "over", "under"} and not _TIMEISH.search(pp):
        return None
    return f"{capitalize_first(pp)}, {lower_start(before)}{end}"


_PASSIVE_VERB_IRR = {
    "built": "built",
    "won": "won",
    "lost": "lost",
    "held": "held",
    "found": "found",
    "sold": "sold",
    "bought": "bought",
    "hit": "hit",
    "made": "made",
    "sent": "sent",
    "brought": "brought",
    "caught": "caught",
    "led": "led",
    "spent": "spent",
    "struck": "struck",
    "took": "taken",
    "gave": "given",
    "stole": "stolen",
    "wrote": "written",
    "drew": "drawn",
    "chose": "chosen",
    "showed": "shown",
    "grew": "grown",
    "knew": "known",
    "threw": "thrown",
    "drove": "driven",
    "rode": "ridden",
    "ate": "eaten",
    "hid": "hidden",
    "forgot": "forgotten",
    "flew": "flown",
    "saw": "seen",
    "broke": "broken",
    "beat": "beaten",
    "shot": "shot",
    "seized": "seized",
}
_NOT_PASSIVE = wordset(
    """remained seemed appeared looked sounded stayed proved turned happened occurred died
    arrived lived worked travelled traveled returned moved walked talked waited ranked voted
    served numbered totalled totaled weighed measured lasted spanned reached entered joined
    followed called named faced needed wanted liked hoped tried planned started finished ended
    continued used asked added noted stated reported claimed expected received marked owned
    scored played topped headed missed attended visited passed crossed became grew made took
    gave led lost sent brought spent alleged believed argued suggested insisted warned revealed
    confirmed denied estimated indicated predicted feared hoped thought knew decided agreed
    ordered asked urged wanted allowed expected helped saw heard felt watched let made"""
)
_LEAD_PP = (
    r"(?P<lead>(?:In|On|At|During|After|Before|By|Since|Last|Earlier|Later|Following)"
    r" [^,]{2,40}, )?"
)
_PASSIVE_RE = re.compile(
    rf"^{_LEAD_PP}(?P<s>{_NAME}|(?:[Tt]he|[Aa]n?) {_NP_WORD}(?: {_NP_WORD}){{0,2}}"
    r"|(?:[Pp]olice|[Oo]fficials|[Aa]uthorities|[Rr]esearchers|[Ss]cientists|[Ii]nvestigators|"
    r"[Pp]rotesters|[Rr]ebels|[Tt]roops|[Ss]oldiers|[Vv]oters|[Ll]awmakers|[Ee]ngineers|"
    r"[Ww]orkers|[Rr]escuers|[Ff]irefighters|[Mm]ilitants|[Gg]unmen|[Ss]tudents|[Rr]esidents))"
    r" (?P<v>[a-z]+)"
    r" (?P<o>(?:the|a|an|his|her|its|their|two|three|four|five|several|\d[\d,]*)"
    r" [a-z][a-z-]*(?: [a-z][a-z-]*){0,3}"
    r"(?: of (?:the )?(?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}|[a-z][a-z-]*(?: [a-z][a-z-]*){0,2}))?)"
    r"(?P<rest>(?: (?:on|in|at|after|during|last|this|earlier|with|amid|following|before|near|"
    r"outside|inside|across|to|for|against|into|from|under|through)\b[^,;]*)?)$"
)
OBJ_OK = wordset("of the new old first last other same own former")
_PRONOUN_SUBJ = wordset("he she they it we i you there this that these those what who which")


def _is_plural_np(np: str) -> bool:
    ws = np.split(" of ")[0].split()
    if ws[0] in {"two", "three", "four", "five", "several"} or (
        ws[0][0].isdigit() and ws[0] != "1"
    ):
        return True
    head = ws[-1]
    if head in {"people", "children", "men", "women", "police", "data", "media", "staff"}:
        return True
    alts = _analyses(head)
    return any(a.pos == "n" and a.form == "pl" for a in alts) and not any(
        a.pos == "n" and a.form == "base" for a in alts
    )


def passive(s: str, rng: random.Random) -> str | None:
    """ "The council approved a new budget on Tuesday." -> "A new budget was approved by the
    council on Tuesday." (simple past, a known transitive verb, a determiner-led object)."""
    body, end = _end(s)
    if end != ".":
        return None
    m = _PASSIVE_RE.match(body)
    if not m:
        return None
    lead = m.group("lead") or ""
    subj, verb, obj, rest = m.group("s"), m.group("v"), m.group("o"), m.group("rest") or ""
    if subj.split()[0].lower() in _PRONOUN_SUBJ or verb in _NOT_PASSIVE:
        return None
    if not lead and subj[0].islower():
        return None
    if lead and _DISCOURSE_PP.match(lead):
        return None
    if any(w in STOPWORDS for w in subj.split()[1:] if w[0].islower()):
        return None
    obj_words = obj.split()
    if any(w in STOPWORDS - OBJ_OK for w in obj_words[1:]) or any(
        w.endswith("ly") for w in obj_words
    ):
        return None
    for w in obj.split(" of ")[0].split()[1:]:
        alts = _analyses(w)
        if w in NUMBER_WORDS or (alts and not any(x.pos in ("n", "a") for x in alts)):
            return None  # "ordered the accused remain": a clause, not an object
        if w.endswith("ed") and not any(x.pos == "a" for x in alts):
            return None
    if verb in _PASSIVE_VERB_IRR:
        pp = _PASSIVE_VERB_IRR[verb]
    elif verb.endswith("ed"):
        alts = _analyses(verb)
        if not any(a.pos == "v" and a.form == "past" for a in alts):
            return None
        pp = verb
    else:
        return None
    if " and " in rest or " and " in obj:
        return None  # "nominated X for President and Y for Vice President"
    aux = "were" if _is_plural_np(obj) else "was"
    agent = lower_start(subj) if not lead else subj
    new_obj = obj if lead else capitalize_first(obj)
    return f"{lead}{new_obj} {aux} {pp} by {agent}{rest}{end}"


_COORD_RE = re.compile(r"\b([a-z]{3,}) and ([a-z]{3,})\b")
_IDIOM_PAIRS = wordset(
    """rock-roll research-development trial-error law-order black-white bread-butter
    salt-pepper pros-cons ladies-gentlemen men-women husband-wife mother-father safe-sound
    odds-ends give-take back-forth up-down more-more less-less over-over again-again
    arts-crafts health-safety wear-tear bits-pieces supply-demand goods-services
    import-export imports-exports oil-gas north-south east-west art-science friends-family
    search-rescue hit-run life-death"""
)


def swap_coordination(s: str, rng: random.Random) -> str | None:
    """ "schools and libraries" -> "libraries and schools" (two plain words of the same kind)."""
    if _has_quote(s):
        return None
    cands = []
    for m in _COORD_RE.finditer(s):
        a, b = m.group(1), m.group(2)
        if f"{a}-{b}" in _IDIOM_PAIRS or a in STOPWORDS or b in STOPWORDS:
            continue
        if s[m.end() : m.end() + 1] in "-'’" or s[max(0, m.start() - 1) : m.start()] in "-,'’":
            continue  # part of a longer list, a compound or a possessive
        before = s[: m.start()].split()
        if before and before[-1].lower() in VERB_BASE_CUES | PRONOUNS | {"to"}:
            continue  # verbs: "to rise and fall"
        ka = {(x.pos, x.form) for x in _analyses(a)}
        kb = {(x.pos, x.form) for x in _analyses(b)}
        shared = ka & kb & {("n", "pl"), ("n", "base"), ("a", "base")}
        if not shared or (
            ("n", "base") in shared and ("a", "base") not in shared and (("v", "base") in ka | kb)
        ):
            continue
        cands.append(m)
    if not cands:
        return None
    m = cands[rng.randrange(len(cands))]
    return f"{s[: m.start()]}{m.group(2)} and {m.group(1)}{s[m.end() :]}"


_POSSESSIVE_RE = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w-]+ ){0,2}[A-Z][\w-]+)['’]s ((?:[a-z][a-z-]+ ){0,2}[a-z][a-z-]+)"
    r"(?= (?:is|was|are|were|has|have|had|will|would|could|can|in|on|at|of|for|with|and|to|"
    r"from|remains|remained)\b|[,.;])"
)


def of_possessive(s: str, rng: random.Random) -> str | None:
    """ "Iceland's economy is ..." -> "The economy of Iceland is ..." (a name's possession)."""
    if _has_quote(s):
        return None
    for m in _POSSESSIVE_RE.finditer(s):
        owner, thing = m.group(1), m.group(2)
        words = thing.split()
        if any(w in STOPWORDS for w in words) or not _is_noun(words[-1]):
            continue
        if owner.split()[0] in {"The", "A", "An", "This", "That", "It", "He", "She"}:
            continue
        if _is_proper(owner.split()[-1]) is False and owner.split()[-1].lower() in STOPWORDS:
            continue
        if any(_analyses(w.lower()) and not _is_proper(w) for w in owner.split()):
            continue  # "Officials' ..." or a common word: keep names only
        det = "the" if m.start() > 0 else "The"
        return f"{s[: m.start()]}{det} {thing} of {owner}{s[m.end() :]}"
    return None


_CLAUSE_VERB = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do|"
    r"said|says|\w+ed|\w+s)\b"
)
_CLAUSE_START = wordset(
    "the a an this these those it its they their there he his she her we our officials "
    "police authorities experts residents critics many some several most both"
)


def _is_clause(s: str) -> bool:
    ws = s.split()
    if len(ws) < 5:
        return False
    first = ws[0].strip("\"'“‘(").lower()
    if not (first in _CLAUSE_START or ws[0][0].isupper() or ws[0][0].isdigit()):
        return False
    for w in ws[1:8]:
        low = w.strip(",;:()").lower()
        if _looks_finite(low):
            return True
        if low.endswith("s") and len(low) > 3:
            alts = _analyses(low)
            if any(a.pos == "v" and a.form == "3sg" for a in alts) and not any(
                a.pos == "n" for a in alts
            ):
                return True
    return False


SPLIT_LEADS = {
    "and": (
        ("", 3),
        ("Additionally, ", 2),
        ("Moreover, ", 1),
        ("Furthermore, ", 1),
        ("In addition, ", 1),
    ),
    "but": (("However, ", 3), ("Nevertheless, ", 1), ("That said, ", 1), ("Even so, ", 1)),
    "while": (("Meanwhile, ", 2), ("At the same time, ", 1), ("In contrast, ", 1)),
    ";": (("", 2), ("Moreover, ", 1), ("Additionally, ", 1)),
}


def split_long(s: str, rng: random.Random) -> list[str] | None:
    """Cut a long sentence into two at ", and" / ", but" / ", while" / ";" between clauses."""
    if len(s.split()) < 20 or _has_quote(s):
        return None
    body, end = _end(s)
    if not end:
        return None
    for m in re.finditer(r"(, (and|but|while|whereas) |; )", body):
        a, b = body[: m.start()], body[m.end() :]
        if len(a.split()) < 7 or len(b.split()) < 6 or not _is_clause(b):
            continue
        if a.count("(") != a.count(")"):
            continue
        conj = m.group(2) or ";"
        lead = _weighted(rng, SPLIT_LEADS["while" if conj == "whereas" else conj])
        b = lead + (lower_start(b) if lead else capitalize_first(b))
        return [a + ".", capitalize_first(b) + end]
    return None


MERGE_JOINERS = (
    (", while ", 3),
    ("; additionally, ", 2),
    ("; moreover, ", 1),
    (", and ", 2),
    ("; meanwhile, ", 1),
)


def merge(a: str, b: str, rng: random.Random) -> str:
    """Join two short sentences into one, grammatically."""
    body_a, _ = _end(a)
    m = re.match(r"(It|This) (is|was) (.+)\Z", b)
    if m and rng.random() < 0.6:
        return f"{body_a}, which {m.group(2)} {m.group(3)}"
    return f"{body_a}{_weighted(rng, MERGE_JOINERS)}{lower_start(b)}"


def _mergeable(s: str) -> bool:
    return (
        3 <= len(s.split()) <= 14
        and s.endswith(".")
        and not _has_quote(s)
        and not s[0].isdigit()
        and not CONNECTIVE_START.match(s)
        and not re.search(r"\b[A-Z]\.\Z|\b(?:Mr|Mrs|Dr|Ms|St|Inc|Ltd|Co|Jr|Sr)\.\Z", s)
    )


def swap_but(s: str, rng: random.Random) -> str:
    m = re.search(r", but (?!also\b|not\b|rather\b|only\b)", s)
    if not m or m.start() < 15 or _has_quote(s[m.start() :]):
        return s
    rep = _weighted(rng, (("; however, ", 3), (", yet ", 2), (", although ", 2), (", though ", 1)))
    return s[: m.start()] + rep + s[m.end() :]


def change_start(s: str, rng: random.Random) -> str:
    for pat, options in STARTS:
        m = pat.match(s)
        if m:
            new = _weighted(rng, options)
            rest = s[m.end() :]
            if new.endswith(", "):
                rest = lower_start(rest)
            return new + rest
    return s


def insert_connective(s: str, rng: random.Random) -> str:
    if CONNECTIVE_START.match(s) or not s[:1].isalpha() or re.match(r"[^\W\d_]+,", s):
        return s
    if re.search(r"\b(also|too|additionally|however|meanwhile)\b", s, re.I):
        return s  # "Moreover, he also said" reads twice
    if len(s.split()) < 6 or _has_quote(s[:1]):
        return s
    return f"{_weighted(rng, INSERTS)} {lower_start(s)}"


class Profile(NamedTuple):
    """How one document is rewritten (drawn per document)."""

    p_register: float
    p_synonym: float
    p_struct: float
    p_split: float
    p_merge: float
    p_connective: float
    p_start: float
    p_coord: float


def draw_profile(rng: random.Random) -> Profile:
    """Between a commercial paraphraser (synonym-heavy) and an LLM (register, restructuring)."""
    llm = rng.random()
    return Profile(
        p_register=0.6 + 0.35 * llm,
        p_synonym=1.0 - 0.15 * llm,
        p_struct=0.45 + 0.4 * llm,
        p_split=0.3 + 0.4 * llm,
        p_merge=0.15 + 0.25 * rng.random(),
        p_connective=0.08 + 0.2 * llm,
        p_start=0.6 + 0.3 * llm,
        p_coord=0.2 + 0.3 * rng.random(),
    )


_DISCOURSE_PP = re.compile(
    r"^(?:In|On|At|For|By|As|Of|After|Above|Since|Until|Before|Under)\s+"
    r"(?:addition|fact|contrast|particular|general|total|short|turn|practice|theory|response|"
    r"return|summary|conclusion|other words|the meantime|the other hand|the one hand|the same time|"
    r"the end|the past|recent years|first|last|least|all|average|example|instance|course|now|"
    r"then|that|this|his part|her part|their part|its part|a result|such|doing so)\b",
    re.I,
)
_TIMEISH = re.compile(
    r"\d|\b(?:[A-Z]\w+|week|month|year|morning|afternoon|evening|night|day|weekend|season|"
    r"century|decade|summer|winter|spring|autumn)\b"
)


_PERSONAL = re.compile(r"\b(he|she|it|they|him|her|them|his|its|their)\b", re.I)
_RELATIVE = re.compile(r"\b(that|which|who|whom|whose|where)\b")


def trailing_clause(s: str, rng: random.Random) -> str | None:
    """ "Y because X." -> "Because X, y." unless the subordinator is modified ("shortly after"),
    the clause has a pronoun that would come before its antecedent ("when he was buried"), or
    the main clause ends in a relative clause it might belong to."""
    m = re.search(
        r"\s(because|although|since|after|before|unless|while|when|whereas)\s(.+)$", s, re.I
    )
    if m and (_PERSONAL.search(m.group(2)) or _RELATIVE.search(s[: m.start()])):
        return None
    if re.search(
        r"\b(?:shortly|soon|just|long|right|immediately|even|only|days|weeks|months|years|hours|"
        r"minutes|moments|day|week|month|year|hour|ever|not) (?:after|before|since|when|until)\b",
        s,
    ):
        return None
    new = move_trailing_clause(s, rng)
    return None if new is None else capitalize_first(new)


def lead_clause(s: str, rng: random.Random) -> str | None:
    """ "Although X, Y." -> "Y although X."; "On Monday, Y." -> "Y on Monday." (never a
    discourse connective such as "In addition,")."""
    if _DISCOURSE_PP.match(s):
        return None
    m = re.match(
        r"^(?:in|on|at|during|after|before|last|this|earlier|later|by|since|for|until|over)"
        r"\s+([^,]{2,40}?),",
        s,
        re.I,
    )
    if m and (not _TIMEISH.search(m.group(1)) or len(s.split()) > 20):
        return None  # a moved date at the end of a long sentence attaches to the wrong phrase
    comma = s.find(",")
    if comma < 0 or s[:comma].count("(") != s[:comma].count(")"):
        return None  # "At 4:42 (2024 Friday, UTC), ..." must not be cut inside brackets
    new = _fluent_leading(s, rng)
    if new is None or new.count("(") != new.count(")"):
        return None
    return new


STRUCTURAL: list[tuple[Callable[[str, random.Random], str | None], int]] = [
    (attribution, 4),
    (passive, 2),
    (front_time, 3),
    (lead_clause, 1),
    (trailing_clause, 1),
    (of_possessive, 1),
    (front_pp, 1),
]


def _quoted_sentences(sents: list[str]) -> list[bool]:
    """Per sentence: does it contain, or start inside, a quotation."""
    flags = []
    inside = False
    for s in sents:
        flags.append(inside or _has_quote(s))
        for ch in s:
            if ch == '"':
                inside = not inside
            elif ch in "“«":
                inside = True
            elif ch in "”»":
                inside = False
    return flags


def _restructure(s: str, rng: random.Random) -> str:
    """The first applicable structural template, tried in a weighted random order."""
    order = list(STRUCTURAL)
    while order:
        k = rng.choices(range(len(order)), weights=[w for _, w in order])[0]
        fn, _ = order.pop(k)
        new = fn(s, rng)
        if new and new != s and new[:1].isupper():
            return new
    return s


def rewrite_sentences(para: str, rng: random.Random, prof: Profile, first_para: bool) -> str:
    """Sentence-level rewriting of one paragraph (line), before the word pass.

    Sentences that contain or continue a quotation stay exactly as they are, and are never merged
    with a neighbour or given a connective."""
    sents = split_sentences(para)
    if not sents:
        return para
    out: list[tuple[str, bool]] = []  # (sentence, frozen)
    for s, frozen in zip(sents, _quoted_sentences(sents), strict=True):
        if frozen or not _END_RE.search(s):
            out.append((s, True))
            continue
        if rng.random() < prof.p_struct:
            s = _restructure(s, rng)
        if rng.random() < prof.p_coord:
            s = swap_coordination(s, rng) or s
        if rng.random() < 0.5:
            s = swap_but(s, rng)
        if rng.random() < prof.p_start:
            s = change_start(s, rng)
        parts = split_long(s, rng) if rng.random() < prof.p_split else None
        out.extend((p, False) for p in parts or [s])
    merged: list[tuple[str, bool]] = []
    for s, frozen in out:
        if (
            merged
            and not frozen
            and not merged[-1][1]
            and _mergeable(merged[-1][0])
            and _mergeable(s)
            and rng.random() < prof.p_merge
        ):
            merged[-1] = (merge(merged[-1][0], s, rng), False)
        else:
            merged.append((s, frozen))
    final: list[str] = []
    for i, (s, frozen) in enumerate(merged):
        allowed = (i > 0 or not first_para) and s.endswith(".") and not frozen
        if i > 0 and len(merged[i - 1][0].split()) < 3:
            allowed = False  # after "1." or a heading-like fragment
        if allowed and not (final and CONNECTIVE_START.match(final[-1])):
            p = prof.p_connective * (1.0 if i > 0 else 0.4)
            if rng.random() < p:
                s = insert_connective(s, rng)
        final.append(s)
    return sentence_gap(para).join(final)


def fluent_rewrite(text: str, rng: random.Random) -> str:
    """LLM / commercial-paraphraser style rewrite: fluent synonyms, register, restructuring."""
    if not text.strip():
        return text
    prof = draw_profile(rng)
    state = {"first": True}

    def one(para: str) -> str:
        first = state["first"]
        state["first"] = False
        if len(para.split()) < 2:
            return para
        s = rewrite_sentences(para, rng, prof, first)
        return rewrite_words(s, rng, prof.p_register, prof.p_synonym)

    return map_paragraphs(text, one)
