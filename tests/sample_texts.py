"""Short texts written for the tests, and simple rules that spin or garble them.

The rules are deliberately crude: they exist to give tiny test models three
separable classes, not to imitate the corpus generators.
"""

from __future__ import annotations

import random

ORIGINALS = [
    "The city council voted on Tuesday to extend the night bus service for another year. "
    "Supporters said the buses help shift workers get home safely, while critics argued that "
    "the money would be better spent on repairing roads. The mayor, who backed the plan, said "
    "she would review the figures again in the spring.",
    "Heavy rain caused flooding across the northern valley over the weekend, and several villages "
    "were cut off when a bridge collapsed. Emergency crews rescued about forty people from their "
    "homes. Officials said the river had risen faster than at any time since records began.",
    "The museum reopened its west wing after a two-year renovation. Visitors can now see the "
    "restored ceiling paintings, which had been hidden behind scaffolding since the roof began "
    "to leak. The director thanked the volunteers who catalogued more than three thousand objects.",
    "Researchers at the university have found that bees can learn to recognise simple patterns. "
    "In a series of experiments, the insects were trained to fly towards a blue circle for a "
    "reward of sugar water. Most of them remembered the shape a day later, the team reported.",
    "Local farmers say the dry summer has cut their harvest by almost a third. Wheat prices rose "
    "sharply in July, and some growers have started selling their cattle because they cannot "
    "afford to buy feed. The government has promised to announce a support package next month.",
    "The national team won its opening match by two goals to one, thanks to a late header from "
    "its young captain. The coach said he was proud of the way the players kept their shape "
    "after going behind early in the first half. The next game is on Saturday in the capital.",
    "A new railway line linking the port to the airport will open in March, the transport "
    "minister announced. The trains will run every fifteen minutes and the journey will take "
    "less than half an hour. Construction was delayed twice because of problems with the tunnel.",
    "The company reported higher profits for the third quarter, driven by strong sales of its "
    "smaller cars. Its chief executive warned, however, that rising steel costs could squeeze "
    "margins next year. Shares in the firm rose by four percent in early trading on Monday.",
    "Thousands of people gathered in the main square on Friday evening to celebrate the end of "
    "the festival. Musicians played until midnight, and the fireworks could be seen from the "
    "hills outside the town. Police said the event passed off peacefully, with only two arrests.",
    "The hospital has opened a new children's ward with twenty beds and a small playground. "
    "Nurses helped to design the rooms so that parents can stay overnight with their children. "
    "The project was paid for by donations collected over five years by a local charity.",
    "Scientists have warned that the glacier is shrinking faster than expected. Measurements "
    "taken this year show that its front has moved back by more than fifty metres since last "
    "summer. The melting could threaten water supplies for towns further down the valley.",
    "The library will stay open until ten o'clock on weekdays during the exam period. Students "
    "asked for longer hours in a petition signed by more than a thousand people. The extra "
    "staff will be paid from the budget that was saved when the heating system was replaced.",
]

_SYNONYMS = {
    "said": "expressed",
    "help": "aid",
    "home": "domicile",
    "money": "cash",
    "better": "more excellent",
    "new": "novel",
    "people": "individuals",
    "found": "discovered",
    "warned": "cautioned",
    "started": "commenced",
    "small": "minuscule",
    "strong": "solid",
    "large": "enormous",
    "early": "untimely",
    "young": "youthful",
    "opened": "unveiled",
    "night": "evening time",
    "rain": "precipitation",
    "recognise": "perceive",
    "proud": "glad",
    "problems": "issues",
    "shrinking": "contracting",
    "hours": "hrs",
    "valley": "vale",
    "homes": "residences",
}


def spin(text: str, rng: random.Random) -> str:
    """Swap words for stiff synonyms and move the last sentence first."""
    words = [(_SYNONYMS.get(w, w) if rng.random() < 0.9 else w) for w in text.split(" ")]
    out = " ".join(words)
    sents = out.split(". ")
    if len(sents) > 2:
        sents = [sents[-1].rstrip("."), *sents[:-1]]
        out = ". ".join(sents)
        if not out.endswith("."):
            out += "."
    return out


def garble(text: str, rng: random.Random) -> str:
    """Machine-translation-like damage: split abbreviations, quote spacing, dropped articles."""
    words = text.split(" ")
    out = []
    for w in words:
        low = w.lower()
        if low in ("the", "a") and rng.random() < 0.5:
            continue
        if low == "of" and rng.random() < 0.3:
            out.append("of the of")
            continue
        out.append(w)
    s = " ".join(out)
    s = s.replace(". ", " . “ ", 2).replace(", ", " , ")
    return "The U. S. " + s[0].lower() + s[1:] + " “"


def tiny_corpus(n_variants: int = 3, seed: int = 0) -> tuple[list[str], list[str], list[str]]:
    """Texts, labels and groups: every original, plus spun and garbled variants of it."""
    rng = random.Random(seed)
    texts, labels, groups = [], [], []
    for i, t in enumerate(ORIGINALS):
        for v in range(n_variants):
            base = _drop_sentence(t, v - 1) if v else t
            texts += [base, spin(base, rng), garble(base, rng)]
            labels += ["original", "spun", "machine_garbled"]
            groups += [f"g{i}"] * 3
    return texts, labels, groups


def _drop_sentence(text: str, k: int) -> str:
    sents = text.split(". ")
    if len(sents) < 3:
        return text
    del sents[k % (len(sents) - 1)]
    return ". ".join(sents)


# two short news texts on other topics, for source matching (a rewrite traced to one of them)
PARKING = (
    "The council met on Thursday to discuss the new parking rules for the old town. "
    "Shop owners said the plan would keep customers away from the market. "
    "Residents welcomed the idea of fewer cars in the narrow streets. "
    "A final decision is expected before the summer holidays begin."
)
FERRY = (
    "The island ferry will run twice a day from May, the operator announced on Monday. "
    "Fares rise by 40 pence to pay for a second crew, which islanders have asked for since 2019. "
    "The harbour master said the new timetable leaves room for cargo in the mornings."
)
