"""Derive spundetect's list of British spellings and their American forms.

Why: Apertium's English output spells the British way ("centre", "organisation",
"defence") whatever its source did, so in the corpus British spelling is far more
common in machine translations than in the originals they came from, and an n-gram
model learns "British spelling means machine translation". Wire services (Reuters,
AFP), the BBC and most of the world's English press spell the British way. The
n-gram model reads every word in its American spelling (:mod:`spundetect.spelling`),
so spelling says nothing about who wrote a text.

The list is derived here, by regular rules checked against word frequencies
(``wordfreq``, offline), plus a few irregular pairs written out by hand: a rule's
candidate is kept only when both spellings are English words (Zipf frequency at
least :data:`MIN_ZIPF`), and never for the words in :data:`NOT_VARIANTS` (pairs
that are two different words: "timbre"/"timber", "filled"/"filed").

Usage: ``python -m training.make_spelling`` (writes ``spundetect/data/us_spelling.tsv``)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from spundetect.spelling import FORMAT_NAME, FORMAT_VERSION

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "spundetect" / "data" / "us_spelling.tsv"
#: fewest Zipf points each spelling of a pair needs (1.0 per billion words ~ 1.0 Zipf)
MIN_ZIPF = 1.5
#: how many of wordfreq's most frequent English words are candidates
TOP_N = 200_000

#: stems whose "-re" is American "-er" (centre, kilometre, theatre, fibre, meagre)
_RE_STEMS = (
    "cent|theat|met|lit|fib|calib|somb|spect|lust|sab|meag|scept|sepulch|goit|tit|"
    "reconnoit|saltpet|mit|och"
)
#: stems that double their final "l" before a suffix in British spelling only
_LL_STEMS = (
    "travel|cancel|model|label|level|fuel|signal|channel|counsel|marvel|tunnel|quarrel|"
    "total|dial|duel|jewel|shovel|shrivel|swivel|pedal|pencil|panel|parcel|pummel|revel|"
    "rival|spiral|stencil|tassel|towel|yodel|snorkel|snivel|grovel|gruel|initial|libel|"
    "marshal|bevel|chisel|enamel|equal|barrel|devil|disembowel|ravel|funnel|imperil|trial|"
    "teetotal|dishevel|kennel|tinsel|cudgel|hostel|medal|squirrel|carol|apparel|worship"
)
#: the stems spelt with "ae"/"oe" in British English and "e" in American, with their
#: American form (haemorrhage, paediatric, oestrogen, foetus)
_DIGRAPH_STEMS = {
    "haem": "hem",
    "anaem": "anem",
    "anaes": "anes",
    "paed": "ped",
    "palae": "pale",
    "gynaec": "gynec",
    "orthopaed": "orthoped",
    "leukaem": "leukem",
    "septicaem": "septicem",
    "glycaem": "glycem",
    "ischaem": "ischem",
    "encyclopaed": "encycloped",
    "faec": "fec",
    "caesarean": "cesarean",
    "caesium": "cesium",
    "mediaev": "mediev",
    "oesoph": "esoph",
    "oestr": "estr",
    "oedem": "edem",
    "foet": "fet",
    "diarrhoe": "diarrhe",
    "homoeo": "homeo",
    "amoeb": "ameb",
    "aetiolog": "etiolog",
    "aeon": "eon",
    "archaean": "archean",
    "coeliac": "celiac",
    "synaesthes": "synesthes",
    "pharmacopoei": "pharmacopei",
    "chimaer": "chimer",
    "hyaen": "hyen",
}

#: (pattern on the British word, replacement giving the American one)
RULES: tuple[tuple[str, str], ...] = (
    # colour, honoured, favourite, neighbourhood, labourer
    (
        r"^(\w{3,})our(|s|ed|ing|ite|ites|able|ably|ful|fully|less|er|ers|hood|hoods|ism|ist|ists)$",
        r"\1or\2",
    ),
    # centre(s), kilometre, theatre; centred, centring
    (rf"^(\w*(?:{_RE_STEMS}))re(|s)$", r"\1er\2"),
    (rf"^(\w*(?:{_RE_STEMS}))red$", r"\1ered"),
    (rf"^(\w*(?:{_RE_STEMS}))ring$", r"\1ering"),
    # organise, realised, organisation, criticising, stabiliser
    (r"^(\w{3,})is(e|es|ed|ing|ation|ations|ational|er|ers)$", r"\1iz\2"),
    # analyse, paralysed
    (r"^(\w{3,})ys(e|es|ed|ing|er|ers)$", r"\1yz\2"),
    # travelled, cancelling, modeller, unrivalled
    (rf"^(\w*(?:{_LL_STEMS}))l(ed|ing|er|ers)$", r"\1\2"),
    *((rf"^(\w*){br}(\w*)$", rf"\1{us}\2") for br, us in _DIGRAPH_STEMS.items()),
)

#: irregular pairs (each also with its inflections where they exist)
IRREGULAR: dict[str, str] = {
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "licence": "license",
    "licences": "licenses",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "analogue": "analog",
    "grey": "gray",
    "greys": "grays",
    "greying": "graying",
    "tyre": "tire",
    "tyres": "tires",
    "plough": "plow",
    "ploughs": "plows",
    "ploughed": "plowed",
    "aluminium": "aluminum",
    "mould": "mold",
    "moulds": "molds",
    "mouldy": "moldy",
    "smoulder": "smolder",
    "smouldering": "smoldering",
    "moult": "molt",
    "storey": "story",
    "storeys": "stories",
    "jewellery": "jewelry",
    "sceptical": "skeptical",
    "sceptic": "skeptic",
    "sceptics": "skeptics",
    "scepticism": "skepticism",
    "enrol": "enroll",
    "enrols": "enrolls",
    "enrolment": "enrollment",
    "enrolments": "enrollments",
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "instalment": "installment",
    "instalments": "installments",
    "judgement": "judgment",
    "judgements": "judgments",
    "ageing": "aging",
    "kerb": "curb",
    "cheque": "check",
    "cheques": "checks",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "manoeuvred": "maneuvered",
    "manoeuvring": "maneuvering",
    "pyjamas": "pajamas",
    "draught": "draft",
    "draughts": "drafts",
    "sulphur": "sulfur",
    "moustache": "mustache",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "skilful": "skillful",
    "wilful": "willful",
}

_NOT_VARIANTS_TEXT = """
    acre acres timbre genre genres mitre lucre massacre massacres mediocre ogre ogres cadre
    filled filling tilled tilling willing billed billing pulled pulling polled polling
    stalled stalling rolled rolling tolled tolling called calling felled felling
    galled dulled hulled culled mulled lolled walled walling palled
    hours tours pours sours yours fours flours tour hour pour sour your four flour
    devour contour detour amour paramour troubadour velour
    poise raise raised raising praise praised praising noise noises arise arises arisen
    promise promised promising premise premises exercise exercised exercising
    expertise franchise merchandise merchandising compromise compromised compromising
    despise despised surprise surprised surprising enterprise enterprises comprise
    comprised comprising revise revised revising precise concise disguise disguised
    advertise advertised advertising advertiser advertisers supervise supervised
    supervising supervisor televise televised improvise improvised chastise chastised
    excise incise incised circumcise circumcised apprise apprised devise devised
    devising reprise cruise cruised cruising bruise bruised treatise demise paradise
    devises devise assise blaise autour tambour timbres analyses paralyses catalyses
    wise otherwise likewise clockwise anticlockwise expertise valise mortise
    tortoise porpoise turquoise chemise
    aero aerial aerobic caesar maestro paella aegis michael israel israeli raphael
    aesthetic aesthetics archaeology archaeological archaeologist aeroplane
    does goes toes foes hoes shoes canoe canoes oboe oboes phoebe poet poem poems
    poetry noel joel zoe chloe
"""
#: British-looking words that are another word, not another spelling
NOT_VARIANTS = frozenset(_NOT_VARIANTS_TEXT.split())


def derive(
    words: Iterable[str], zipf: Callable[[str], float], min_zipf: float = MIN_ZIPF
) -> dict[str, str]:
    """British word -> American word, for each of ``words`` that a rule or the irregular
    list turns into another English word."""
    rules = [(re.compile(p), r) for p, r in RULES]
    out: dict[str, str] = {}
    for w in words:
        if not w.isalpha() or not w.isascii() or w in NOT_VARIANTS or zipf(w) < min_zipf:
            continue
        for pat, rep in rules:
            us = pat.sub(rep, w)
            if us != w and us not in NOT_VARIANTS and zipf(us) >= min_zipf:
                out[w] = us
                break
    for br, us in IRREGULAR.items():
        if zipf(br) >= min_zipf and zipf(us) >= min_zipf:
            out[br] = us
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-zipf", type=float, default=MIN_ZIPF)
    args = ap.parse_args(argv)
    import wordfreq

    words = wordfreq.top_n_list("en", TOP_N)
    pairs = derive(words, lambda w: wordfreq.zipf_frequency(w, "en"), args.min_zipf)
    lines = [
        f"# {FORMAT_NAME} {FORMAT_VERSION}",
        "# British spelling<TAB>American spelling, derived by training/make_spelling.py from rules",
        "# and wordfreq's English word frequencies (both spellings Zipf >= "
        f"{args.min_zipf}); see that script.",
        *(f"{br}\t{us}" for br, us in pairs.items()),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(pairs)} pairs to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
