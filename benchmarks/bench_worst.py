"""Time to score hostile inputs: a million characters of one short unit repeated.

    python benchmarks/bench_worst.py [--chars 1000000] [--no-explain]

Each text is one unit ("**ab ", "[ab", "\u00b9.", "&amp;", ...) repeated to ``--chars``
characters (the detector scores at most the first 1,000,000 of a text), scored with
``Detector.score(explain=True)``. Every step of the text handling is meant to be linear in the
text's length: a pattern that scans to the end of a line from each mark, or a list edited in
place once per mark, is quadratic, and on a million characters that is minutes to hours for one
document (the twenty-eighth session found five such: unpaired emphasis marks, unclosed link
brackets, runs of invisible joiners, a page of embedded posts' bylines, a long sentence of
repeated words explained; 13-49 s on 100,000-450,000 characters, or 145 s and over ten minutes
on a million, before). Prints the
seconds and the status for each unit, slowest last; a pipeline that meets such a text should
see a few seconds at most. Then two texts of *distinct* words, each new to the reference
model's type table, where the rules asked once per word type (typing slips, words nothing
explains as English) do all their work: every word random letters, and invented words for
three in ten words among common ones. Needs nothing beyond the package.
"""

from __future__ import annotations

import argparse
import random
import string
import time

from spundetect import Detector, InputError

# one unit per mark the text handling looks for, and a few plain ones
UNITS = (
    "**ab ", "__a ", "*a ", "`a ", "[ab", "![x", "word[ab", "[00:00:00", "<a ", "&amp;",
    "\u00ad", "\u2060x", "\u00b9.", "word (Adams ", "(", ")", '"a ', "\u201c", "'", "a :",
    ":) ", "Q: ", "\nReferences\n", "- a\n", "x\n", "\n", "end.Next", "a. ", "e.g. ",
    "U. S. ", "http://a.b/", "the the ", "a" * 50 + " ",
    "\u2014 Jane Doe (@jd) March 3, 2024\n", "hi\n\u2014 Jane Doe (@jd) March 3, 2024\n", "Reply\n",
    "Mark March 3, 2024 - 9:12 am\n\nhi\n\nReply\n", "> a\n", "READ MORE: x\n", "Image: x\n",
    "de la que los en el\n", "a-\nb ", "caf\u00c3\u00a9 ", "don&#8217;t ", "<p>a</p>", "THE CAT. ",
    "Q. Why?\nA. ", "Q. a\n", "this article was written by ", "views ", "Thanks for reading! ",
    "Published 3:14 p.m. ET March 3, ", "a' 'b ", "'a b'c ",
    # one sentence of a million characters, its words repeated
    "the cat sat on the mat and ", "It was said that the people of the state were good. ",
    # the fifty-sixth session's: spaces or tabs alone (a padded page: 100 s for 100,000
    # characters), unclosed links (37 s), English lines with a Spanish word or two typing
    # slips each (25 s and 11 s)
    " ", "\t", "[x](", "The cat sat with el dog.\n", "teh cta sat on the mat.\n",
)  # fmt: skip


def distinct_words(chars: int, share: float, seed: int) -> str:
    """``chars`` characters of words, ``share`` of them new invented ones (syllables of two
    letters; random letters when ``share`` is 1), the rest common English words."""
    rng = random.Random(seed)
    common = [
        "the",
        "of",
        "and",
        "to",
        "in",
        "that",
        "was",
        "for",
        "on",
        "with",
        "said",
        "he",
        "it",
        "as",
        "at",
        "by",
        "from",
    ]
    syllables = [c + v for c in "bdgjklmnstwyz" for v in "aeiou"]
    words: list[str] = []
    n = 0
    while n < chars:
        if share >= 1.0:
            word = "".join(rng.choice(string.ascii_lowercase) for _ in range(12))
        elif rng.random() < share:
            word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 5)))
        else:
            word = rng.choice(common)
        words.append(word)
        n += len(word) + 1
    return (" ".join(words) + ".")[:chars]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--no-explain", action="store_true")
    args = ap.parse_args(argv)
    det = Detector.load()
    det.score("Warm up the model once. It is loaded lazily, and so are its tables.")
    rows = []
    for unit in UNITS:
        text = (unit * (args.chars // len(unit) + 1))[: args.chars]
        start = time.perf_counter()
        try:
            status = det.score(text, explain=not args.no_explain).status
        except InputError as exc:
            status = f"InputError: {exc}"
        rows.append((time.perf_counter() - start, unit, status))
    print(f"{len(UNITS)} texts of {args.chars:,} characters, one unit repeated (slowest last):")
    for seconds, unit, status in sorted(rows):
        print(f"  {unit!r:28.28s} {seconds:7.2f} s  {status}")
    print(f"all {len(UNITS)}: {sum(r[0] for r in rows):.1f} s")
    tail = " " * (args.chars - 40)
    start = time.perf_counter()
    status = det.score("The council met (see below)." + tail + "(see above)").status
    print(f"  {'a bracket, spaces, a bracket':28s} {time.perf_counter() - start:7.2f} s  {status}")
    print(f"texts of {args.chars:,} characters of distinct words:")
    for name, share, seed in (("random letters", 1.0, 1), ("3 in 10 invented", 0.3, 2)):
        text = distinct_words(args.chars, share, seed)
        start = time.perf_counter()
        status = det.score(text, explain=not args.no_explain).status
        print(f"  {name:28s} {time.perf_counter() - start:7.2f} s  {status}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
