"""Tortured phrases: multi-word expressions swapped for awkward word-by-word "equivalents".

Why a general list: the Problematic Paper Screener fingerprints (read from ``../shared`` at
corpus-build time, never shipped) are mostly computer-science and medical terms, which news and
encyclopedia text rarely contains. The hand-written list below covers everyday collocations,
idioms and connectives, as spinner output on the web shows them ("on the other side",
"bring into account", "enormous information").
"""

from __future__ import annotations

import csv
import random
import re
from functools import lru_cache
from pathlib import Path

from .synonym import substitute
from .tokens import is_word, quote_mask, spaced_phrase, splice, tokenize

# Written for this project. "phrase => tortured | tortured".
GENERAL_PHRASES = """
artificial intelligence => counterfeit consciousness | fake knowledge | man-made brainpower
big data => enormous information | huge information
machine learning => machine getting the hang of | device learning
deep learning => profound learning
in order to => so as to | in request to
take into account => bring into account | take into record
takes into account => brings into account
taken into account => brought into account
took into account => brought into account
on the other hand => on the other side | on the opposite hand
on the one hand => on the one side
in addition => in expansion | moreover
as a result => as an outcome | as a consequence
as a result of => as an outcome of
for example => for instance | for model
for instance => for example | for occasion
in fact => in truth | in actuality
at the same time => at a similar time | at the equivalent time
in the end => in the last | at long last
at the end of => toward the finish of | at the finish of
at the beginning of => toward the start of | at the start of
the beginning of => the start of | the commencement of
in the past => previously | in the previous
in the future => later on | in the forthcoming
in recent years => lately | in late years
over the years => throughout the years | over the long haul
last year => last year's time | the previous year
next year => the following year | one year from now
a lot of => a ton of | a great deal of | loads of
lots of => heaps of | tons of
a number of => various | a few
a large number of => an enormous number of | countless
a wide range of => a wide scope of | a wide assortment of
a variety of => an assortment of | a scope of
as well as => just as | and furthermore
according to => as per | as indicated by
due to => because of | owing to
because of => in light of | on account of
in spite of => regardless of | notwithstanding
despite the fact that => notwithstanding the way that | regardless of the way that
even though => despite the fact that | even however
as soon as => when | as quickly as
as long as => as lengthy as | inasmuch as
as far as => to the extent that | as distant as
in terms of => as far as | regarding
with regard to => concerning | as to
in relation to => corresponding to | comparable to
in the case of => on account of | in the instance of
in the middle of => amidst | in the center of
in front of => before | in face of
at least => in any event | at any rate
at first => at the outset | from the start
at last => finally | at long last
at all => by any means | in any way
at once => immediately | without a moment's delay
after all => all things considered | all things being equal
all over the world => everywhere throughout the world | all around the globe
around the world => around the globe | the world over
all the time => constantly | all the while
first of all => above all else | as a matter of first importance
above all => most importantly | most of all
in general => by and large | as a rule
in particular => specifically | especially
of course => obviously | normally
so far => up until now | as of recently
right now => at this moment | presently
for the first time => without precedent for | interestingly
for a long time => for quite a while | for a significant stretch
a long time => quite a while | a significant stretch
a short time => a brief timeframe | a little while
a few years => a couple of years | a couple of long periods
more and more => increasingly more | progressively
less and less => less and less | progressively less
more than => in excess of | over
less than => not exactly | under
rather than => instead of | as opposed to
such as => for example | like
instead of => rather than | in place of
in place of => instead of | in lieu of
prime minister => head administrator | chief minister
foreign minister => unfamiliar priest | outside clergyman
foreign policy => unfamiliar approach | outside strategy
foreign affairs => unfamiliar undertakings | outside issues
human rights => basic freedoms | human privileges
climate change => environmental change | atmosphere change
global warming => worldwide warming | an Earth-wide temperature boost
public health => general wellbeing | public wellbeing
health care => medical care | wellbeing administration
mental health => psychological wellness | emotional wellbeing
social media => web-based media | online media
the internet => the web | the net
the economy => the economy | the monetary framework
economic growth => financial development | monetary development
economic crisis => financial emergency | monetary emergency
interest rates => loan costs | financing costs
interest rate => loan cost | financing cost
stock market => securities exchange | financial exchange
real estate => land | realty
police officers => cops | law authorization officials
police officer => cop | law authorization official
law enforcement => law authorization | requirement
supreme court => preeminent court | incomparable court
high school => secondary school | upper school
young people => youngsters | youthful individuals
old people => elderly folks | old individuals
people who => individuals who | folks who
a great deal => a lot | an extraordinary arrangement
great deal => extraordinary arrangement | lot
at risk => in danger | in peril
in danger => in peril | at risk
take place => happen | occur
takes place => happens | occurs
took place => occurred | happened
taking place => occurring | happening
take part => partake | participate
took part => partook | participated
take care of => deal with | care for
take advantage of => exploit | capitalize on
make sure => ensure | make certain
make a decision => settle on a choice | come to a choice
made a decision => settled on a choice | came to a choice
make sense => bode well | seem OK
makes sense => bodes well | seems OK
pay attention => focus | give consideration
pay attention to => focus on | give consideration to
play a role => assume a part | play a job
plays a role => assumes a part | plays a job
played a role => assumed a part | played a job
an important role => a significant part | a significant job
a key role => a vital part | a key job
come up with => think of | concoct
came up with => thought of | concocted
find out => discover | learn
found out => discovered | learned
point out => bring up | call attention to
pointed out => brought up | called attention to
set up => set up | establish
carry out => complete | do
carried out => completed | did
look for => search for | seek
looking for => searching for | seeking
looked at => taken a gander at | checked out
look at => take a gander at | check out
a good idea => a smart thought | a decent idea
good news => uplifting news | great news
bad news => terrible news | awful news
the best way => the most ideal way | the best strategy
the first time => the first run through | the initial occasion
the same time => a similar time | the equivalent time
the same way => a similar way | the equivalent way
the rest of => the remainder of | the remaining of
the majority of => most of | the larger part of
the number of => the quantity of | the amount of
a part of => a piece of | a section of
part of => a piece of | portion of
in charge of => accountable for | responsible for
in touch with => in contact with | in correspondence with
in line with => in accordance with | as per
in favour of => on the side of | for
in favor of => on the side of | for
on behalf of => for the benefit of | in the interest of
on the basis of => in light of | based on
at the moment => right now | at this point
as usual => of course | obviously
by the way => coincidentally | incidentally
in other words => as it were | to put it another way
in the meantime => meanwhile | in the interim
at the time => at that point | back then
so that => with the goal that | so
in the world => on the planet | in the globe
the world's => the planet's | the globe's
the united nations => the assembled countries | the unified countries
united nations => joined countries | assembled countries
european union => european association | european alliance
middle east => center east | mideast
the public => the general population | people in general
the government => the administration | the public authority
local government => neighborhood government | nearby government
general election => general political decision | general vote
election campaign => political race crusade | political decision mission
public transport => public vehicle | mass transportation
traffic jam => gridlock | car influx
free trade => unrestricted commerce | free exchange
trade deal => exchange arrangement | exchange bargain
the police => the cops | the law authorization
the army => the military | the armed force
armed forces => military | equipped powers
death toll => loss of life | passing cost
natural disaster => catastrophic event | characteristic calamity
heavy rain => substantial downpour | weighty rain
local residents => nearby occupants | neighborhood inhabitants
hard work => difficult work | diligent work
hard to => difficult to | difficult to
easy to => simple to | easy to
able to => ready to | capable to
unable to => incapable to | not ready to
likely to => prone to | liable to
going to => going to | planning to
want to => need to | wish to
wants to => needs to | wishes to
wanted to => needed to | wished to
try to => attempt to | endeavor to
tried to => attempted to | endeavored to
trying to => attempting to | endeavoring to
need to => have to | need to
at home => at home | at the house
full time => all day | full-time
part time => low maintenance | part-time
the last few years => the most recent couple of years | the last couple of years
in the last few years => in the most recent couple of years | in recent years
long term => long haul | extended haul
short term => present moment | brief haul
in the long run => over the long haul | over the long run
make money => bring in cash | make cash
save money => set aside cash | save cash
spend money => burn through cash | spend cash
raise money => raise cash | collect cash
the bottom line => the primary concern | the main concern
win the election => dominate the political race | win the political decision
won the election => dominated the political race | won the political decision
the election => the political decision | the political race
the match => the game | the coordinate
the crowd => the group | the horde
scored a goal => scored an objective | netted an objective
the first half => the main half | the primary half
the second half => the subsequent half | the second 50%
press conference => public interview | news gathering
news conference => news gathering | public interview
told reporters => told columnists | told journalists
a statement => an assertion | an explanation
in a statement => in an explanation | in an assertion
the president => the leader | the chief executive
vice president => VP | bad habit president
chief executive => CEO | head leader
board of directors => top managerial staff | directorate
the company => the organization | the firm
the companies => the organizations | the firms
the country => the nation | the land
the city => the city | the town
"""


def _parse_general(text: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in text.strip().splitlines():
        if "=>" not in line:
            continue
        key, alts = line.split("=>", 1)
        words_ = tuple(_key_words(key))
        options = tuple(
            a.strip() for a in alts.split("|") if a.strip() and a.strip().lower() != key.strip()
        )
        if words_ and options:
            table[words_] = options
    return table


_KEY_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _key_words(phrase: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _KEY_WORD_RE.findall(phrase)]


GENERAL_TABLE = _parse_general(GENERAL_PHRASES)

SHARED_CSV = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "tortured_phrases"
    / "tortured_phrases.csv"
)
_QUOTED_RE = re.compile(r'"([^"]+)"')
_PLAIN_RE = re.compile(r"[a-z]+(?: [a-z]+)*\Z")


@lru_cache(maxsize=4)
def load_screener_table(path: Path = SHARED_CSV) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Invert the Problematic Paper Screener list: expected phrase -> tortured phrases.

    Read at corpus-build time only; an absent file gives an empty table (the general list still
    works). Keeps plain lower-case multi-word rows; query syntax (``~N``, ``OR``), acronyms and
    bracketed notes are dropped.
    """
    table: dict[tuple[str, ...], list[str]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                raw = row.get("tortured_phrase") or ""
                expected = (row.get("expected_phrase") or "").strip()
                if "~" in raw or " OR " in raw:
                    continue
                m = _QUOTED_RE.search(raw)
                if not m:
                    continue
                tortured = m.group(1).strip()
                if not (_PLAIN_RE.match(tortured) and _PLAIN_RE.match(expected)):
                    continue
                key = tuple(expected.split())
                if len(key) < 2 or tortured == expected:
                    continue
                table.setdefault(key, []).append(tortured)
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}


@lru_cache(maxsize=4)
def _combined(
    use_screener: bool,
) -> tuple[dict[tuple[str, ...], tuple[str, ...]], int, frozenset[str]]:
    table = dict(load_screener_table()) if use_screener else {}
    for key, opts in GENERAL_TABLE.items():  # both lists' equivalents where both have the key
        table[key] = tuple(dict.fromkeys(opts + table.get(key, ())))
    firsts = frozenset(k[0] for k in table)  # most words start no phrase: skip them fast
    return table, max((len(k) for k in table), default=1), firsts


def swap_phrases(
    text: str,
    rng: random.Random,
    *,
    p_swap: float = 0.85,
    table: dict[tuple[str, ...], tuple[str, ...]] | None = None,
    use_screener: bool = True,
) -> str:
    """Replace known multi-word expressions (longest match first) by a tortured equivalent.

    Only matches words separated by single spaces, outside quotations, and never a phrase with a
    capitalised word after its first (a name such as "Big Data Inc").
    """
    if not text.strip():
        return text
    if table is None:
        table, maxn, firsts = _combined(use_screener)
    else:
        maxn = max((len(k) for k in table), default=1)
        firsts = frozenset(k[0] for k in table)
    tokens = tokenize(text)
    word_idx = [i for i, t in enumerate(tokens) if is_word(t)]
    lows = [tokens[i].lower().replace("’", "'") for i in word_idx]
    quoted = quote_mask(tokens, newline_closes=True)
    out: list[str] = []
    pos = 0  # next token index to copy
    k = 0
    while k < len(word_idx):
        hit = None
        if lows[k] not in firsts:
            k += 1
            continue
        for n in range(min(maxn, len(word_idx) - k), 0, -1):
            key = tuple(lows[k : k + n])
            opts = table.get(key)
            if opts is None:
                continue
            idxs = word_idx[k : k + n]
            if quoted[idxs[0]] or not spaced_phrase(tokens, idxs):
                continue
            hit = (n, idxs, opts)
            break
        if hit is None:
            k += 1
            continue
        n, idxs, opts = hit
        if rng.random() < p_swap:
            pos = splice(out, tokens, pos, idxs, opts[rng.randrange(len(opts))])
        k += n
    out.extend(tokens[pos:])
    return "".join(out)


def tortured_phrases(text: str, rng: random.Random) -> str:
    """Tortured phrase swaps plus light word-level synonym substitution (every ~5th word)."""
    return substitute(swap_phrases(text, rng), rng, 0.2)
