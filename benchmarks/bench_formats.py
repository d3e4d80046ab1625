"""Does the verdict survive the way real text arrives? Formatting, not wording.

    python benchmarks/bench_formats.py [--corpus work-data/corpus.jsonl] [--per-label 200]

The corpus texts are clean paragraphs; text from the web, e-mail and feeds arrives
hard-wrapped, with addresses, invisible characters, escaped entities and page furniture.
None of that is rewriting, so none of it should move a verdict. Each variant below changes
only the formatting of the same texts:

* ``wrap72``: every paragraph hard-wrapped at 72 columns (``textwrap.fill``), ``wrap72-crlf``
  the same with Windows line ends;
* ``hyphenated``: wrapped at 60 columns with every other line's next long word hyphenated
  across the break ("interna-" / "tional"), as typeset or OCR text is;
* ``addresses``: a closing line with a web address, an @handle and an e-mail address;
* ``invisible``: soft hyphens inside words ("informa\u00adtion") and a zero-width space
  after "the", as HTML's ``&shy;`` and some editors leave them;
* ``ligatures``: "fi", "fl" and "ff" written as the one-character ligatures text taken from
  a PDF has ("ﬁnance");
* ``decomposed``: every accented letter written as its letter and a combining accent
  (Unicode NFD, "cafe\u0301"), as macOS and some PDF and web tools write text;
* ``entities``: the text HTML-escaped (``&amp;``, ``&#8217;``), as a feed may carry it;
* ``furniture``: a section line, a headline, a byline, "Share this article" and a related
  link around the text;
* ``read-more``: an "Advertisement" line and a "READ MORE: <headline>" line mid-text;
* ``tweet``: a tweet embedded mid-text (its text, a pic.twitter.com link, the author line);
* ``wire``: wire copy's dateline ("WASHINGTON (Reuters) - "), a photo caption with its credit
  above the text and the desk's credit line under it ("Reporting by ...; Editing by ...");
* ``wire-agencies``: the furniture of other agencies' copy: an AP byline of three writers
  ("By ZEKE MILLER, JOSH BOAK and AAMER MADHANI Associated Press"), an AP dateline, and
  under the text a contributors' line, the desk's correction note ("This story has been
  corrected to show ..."), AP's copyright notice and Reuters' "Our Standards" line;
* ``sign-offs``: a newsroom's lines under the text: a newsletter's offer ("... delivered
  straight to your inbox ..."), its accounts ("Follow BBC West Midlands on Facebook, X and
  Instagram."), a funder's disclosure as AP puts it ("... The AP is solely responsible for
  all content.");
* ``news-page``: a news site's page furniture around the text: "This is a developing story
  and will be updated." over it, the BBC's "Image source, ..." and "Image caption, ..." lines
  before its second paragraph, and under it "Reporting was contributed by ...", a print line
  ("A version of this article appears in print on ..."), a paywall's notice and a call for
  news tips;
* ``press-release``: a press release as the release wires carry it: "NEWS PROVIDED BY", the
  company's name and a time over it, PR Newswire's dateline ("DENVER, March 3, 2024
  /PRNewswire/ -- "), and under it an "About" paragraph, a safe-harbour notice, a media
  contact, "SOURCE ...", "View original content ..." and "###";
* ``blog-page``: a WordPress post as scraped: "Last Updated on ...", an affiliate disclosure,
  a table of contents and a "Check Price on Amazon" button over and in it, and under it the
  share bar, "Like Loading...", "Filed Under: ... Tagged With: ..." and the comment form;
* ``substack-page``, ``medium-page``: a newsletter post as Substack's page and a story as
  Medium's page have them (Substack's subscribe boxes, "Discussion about this post", "Ready for
  more?"; Medium's "Member-only story", "5 min read", "Written by ...", the writer's bio and
  "More from ...");
* ``us-newspaper``: a newspaper's dateline with no agency, or CNN's ("WASHINGTON \u2014 ",
  "KYIV, Ukraine \u2014 ", "Washington CNN \u2014 ", chosen by the text's checksum), and a
  sharing plugin's buttons under the text ("Click to share on X (Opens in new window)");
* ``south-asia-news``: a South Asian news site's page: a byline line of fields ("Written by
  ... | New Delhi | Updated: ..."), a dateline as its desk or an agency writes it ("NEW DELHI:
  ", "New Delhi, Mar 3 (PTI) ", "Kabul [Afghanistan], Mar 3 (ANI): "), and under the text the
  agency's credit, a syndicated-feed notice and the site's "Catch all the ... News" and
  "Download ... App" lines;
* ``agency-datelines``: the datelines of other news agencies ("LAGOS (NAN) - ", "KUALA
  LUMPUR, March 3 (Bernama) -- ", "SYDNEY, March 3 AAP - ", ...);
* ``shop-page``: the text as a product's description on a shop's page: the store's name, its
  rating, price, "FREE delivery on orders over $35.", "Add to Cart" over it, and under it two
  customers' reviews as the largest shop lays them out (name, "5.0 out of 5 stars ...",
  "Reviewed in the United States on ...", "Verified Purchase", the review, "12 people found
  this helpful");
* ``article-directory``: an article directory's page, where spun articles are posted: "By
  ... | Submitted On ...", "Expert Author ..." over the text, and under it the author's
  resource box ("Author Resource:- ..."), "Article Source: http://...", the directory's
  filing line, its republishing terms and "Report this article";
* ``journal-paper``: the text as a journal article's body, as taken from its PDF or page: the
  journal's line, the title, authors and affiliations, "Received ...; Accepted ...",
  "Keywords: ..." and "1. Introduction" over it, a figure's caption ("Fig. 1. ...") inside it,
  and under it the back matter: authors' contributions, a competing-interest declaration, a
  data-availability statement, acknowledgements, the corresponding author's address, the DOI
  and the copyright line;
* ``ap-page``, ``reuters-page``: a wire story as the agencies' own sites show it, scraped:
  AP's (its time template left unfilled, "Updated [hour]:[minute] ...", share buttons, the
  dateline, and under the story "AP's ... contributed from ...", a pointer to more coverage,
  the writer's line and AP's paragraph about itself) and Reuters' (a company box, the
  dateline, a newsletter offer in the middle, "... Sign up here.", and under the story the
  credits, "Our Standards ...", "Purchase Licensing Rights" and the writer's bio);
* ``promotions``: a big news site's promotion in the middle of the story, one site's chosen by
  the text's checksum: CNN's newsletter offer ("Sign up for CNN's Wonder Theory science
  newsletter. ..."), the Guardian's newsletter box between "skip past newsletter promotion"
  and "after newsletter promotion", with its privacy notice, Fox News's "CLICK HERE TO GET THE
  FOX NEWS APP", the New York Times's gift-article line;
* ``email-newsletter``: the text as an e-mail newsletter's plain-text part, with the most used
  mailing service's lines over and under it ("View this email in your browser", "You are
  receiving this email because ...", "Our mailing address is:", the address, "You can update
  your preferences or unsubscribe from this list.");
* ``recipe-page``: a recipe plugin's card under the text (times, servings, ingredients, a
  nutrition line of fields, "Tried this recipe? Let us know how it was!", "Did you make this
  recipe? Tag ..."), less its instructions, which are the blogger's own sentences;
* ``linkedin-page``: an article on LinkedIn as scraped signed out: the sign-in wall's lines
  ("Agree & Join LinkedIn", "Create your free account or sign in to continue your search"),
  the title, "Report this article" and the writer's box over the text, and the reactions,
  "To view or add a comment, sign in", "More articles by ..." under it;
* ``forum-phpbb``, ``forum-xenforo``: the text as a discussion board thread's first post, with
  two informal replies under it (one quoting the text's first sentence), as a scraper
  flattens phpBB's page (breadcrumbs, "Post by jdoe » Sun Mar 03, 2024 9:12 am", the
  poster's signature, each reply's poster with "Posts:" and "Joined:", "Re: ..." and its
  header, "jdoe wrote: ↑...", "Top", "Who is online") and XenForo's ("Thread starter ...
  Start date ...", the poster's title and counts, the date and "#1", "jdoe said:" over a
  quote ending "Click to expand...", "You must log in or register to reply here.");
* ``quora-page``: the text as an answer on Quora: the question, "Profile photo for ...", the
  writer's credentials line over it; views, upvotes, related questions, another reader's
  informal answer and a promoted answer under it;
* ``blogger-page``: the text as a post on Blogger, the free host most spun posts are put on:
  the blog's name, the date header and the title over it; "Posted by ... at ...", the share
  links, "Labels: ...", two informal comments as Blogger lays them out ("samh said...", the
  comment, its date), "Post a Comment", the pager, "Subscribe to: Post Comments (Atom)", the
  sidebar's "About Me" and archive, and "Powered by Blogger." under it;
* ``aggregator-page``: the text as a news aggregator republishes it, by the text's checksum
  MSN's page ("Story by ... \u2022 3h", "\u00a9 Provided by ...", "Continue Reading", the
  reactions) or Yahoo's (the writer, the time, "3 min read", "Add Yahoo as a preferred source
  ...", "This article originally appeared on ...", the footer);
* ``content-farm``: the text as a post on a writers' platform that pays by the view, by the
  text's checksum HubPages' page (the writer's box and line, "Updated: ...", the advice
  disclaimer, "\u00a9 2024 ...", two informal comments) or Vocal's ("By ... | Published ... |
  3 min read", "About the Creator" and its paragraph, "Reader insights" and its prompts, the
  empty comments' prompts);
* ``wiki-footer``: a wiki page's footer as scraped with its text ('Retrieved from
  "https://..."', "This page was last edited on ...", "Text is available under the Creative
  Commons ...");
* ``author-lines``: a line on the author ("Jane Doe is a senior reporter at the Example
  Times, where ...") and the author's address ("Contact the author at ...") under the text;
* ``markdown``: the text as a Markdown page has it: two headings, and in every paragraph a
  bold phrase and a link (``[words](https://...)``), italics in the second;
* ``citations``: text copied from a wiki page, with its citation markers after two of
  every five stops and commas ("grew.[3] Then", "[3][4]") and a "[citation needed]";
* ``related``: a block of four related headlines under the text ("More from News");
* ``html-tags``: each paragraph in "<p>" tags, a bold phrase and a link ("<a href=...>") in
  each, as a CMS body field exported to JSON holds it;
* ``mojibake``: typographic apostrophes, quotes and dashes put in, then the text's UTF-8 read
  as Windows-1252 ("hereâ€™s", "Â£24"), as scraped and exported text often arrives;
* ``c1-controls``: the same typographic characters written in Windows-1252 and read as
  Latin-1 ("don\x92t", "\x93quoted\x94"), as a page declared ``iso-8859-1`` or a MySQL
  ``latin1`` column exported by a tool that takes the name at its word leaves them;
* ``replacement-chars``: the same typographic characters in Windows-1252, then read as UTF-8
  with each undecodable byte replaced ("don\ufffdt", "\ufffdquoted\ufffd"), as a scraper or
  an export that assumes UTF-8 leaves them;
* ``question-marks``: the typographic characters written as "?" ("don?t", "?quoted?"), as a
  conversion to ASCII or to a code page without them leaves them;
* ``mojibake-twice``: the same, read as Windows-1252 twice ("hereÃ¢â‚¬â„¢s"), as text that went
  through two such steps arrives;
* ``entities-twice``: the text HTML-escaped twice ("R&amp;amp;D", "it&amp;#8217;s"), as a feed
  that escapes its already escaped items has it;
* ``escaped-newlines``: the paragraph breaks written as the two characters ``\\n`` ("the
  end.\\n\\nNext"), as a field encoded twice as JSON has them;
* ``slash-escapes``: each quote and apostrophe escaped with a backslash ("don\\'t",
  ``\\"quoted\\"``), as a page built by PHP with "magic quotes" printed them;
* ``escaped-tags``: the ``html-tags`` text HTML-escaped ("&lt;p&gt;The council ...&lt;/p&gt;"),
  as a feed that escapes its items' markup carries it;
* ``mojibake-lossy``: mojibake whose undecodable bytes were dropped, not replaced (the closing
  quote's "â€\x9d" left as "â€"), as a decoder told to ignore errors leaves it;
* ``double-spaced``: two spaces after every full stop, as typists trained on typewriters
  write;
* ``json-twice``: the text with typography, encoded as a JSON string a second time ("don\\u2019t",
  "\\u201cquoted\\u201d", "\\n"), as a field serialised twice with ``ensure_ascii`` holds it;
* ``double-hyphens``: dashes typed as two hyphens ("then -- later"), as ASCII typists write;
* ``indented``: every paragraph indented by four spaces, as a plain-text e-mail or a word
  processor's export has it;
* ``sentence-per-line``: each sentence on a line of its own, as corpus dumps and subtitle-like
  exports have it;
* ``truncated``: the text cut off at three quarters, in the middle of a word, with an
  ellipsis (" [...]"), as a feed's excerpt is; ``three-quarters`` is the same text cut at the
  last sentence end before that, to compare with (shorter texts are harder by themselves);
* ``pdf-pages``: a page's running head and number ("Annual Report 2023 | 7") on a line of its
  own after every 150 words, mid-sentence, as text extracted from a PDF has it;
* ``pdf-report``, ``pdf-book``, ``pdf-two-column``, ``pdf-latex``, ``pdf-writer``: the
  text typeset as a PDF (``benchmarks/pdf_layouts.py``: justified lines, a running head and
  page numbers; reportlab's A4 report with spaced paragraphs, its small book page with
  paragraphs set in and its journal's two columns; LaTeX's article, hyphenated, with
  ligatures and no space characters; LibreOffice Writer's export) and read back by
  ``spundetect.pdf.pdf_text``, as ``spundetect score essay.pdf`` reads it; a layout whose
  tool is not installed is skipped;
* ``ocr-noise``: one word in 25 with an OCR confusion ("rn" for "m", "1" for "l", "cl" for
  "d", "c" for "e", "0" for "o"), as text scanned from paper has them;
* ``bullets``: the first paragraph's sentences as a bulleted list;
* ``comments``: a thread of four informal reader comments under the text (name and time,
  comment, "Reply"), as a scraped WordPress page has it;
* ``comments-disqus``: the same kind of thread as Disqus lays it out, flattened ("name •
  2 hours ago", the comment, "5 • Reply • Share ›"), with its "Sort by Best" and "Load more
  comments" lines;
* ``comments-facebook``: a thread as Facebook's comments plugin lays it out (a name line,
  the comment, "Like · Reply · 3h");
* ``comments-reddit``, ``comments-old-reddit``: a thread as Reddit's pages lay it out,
  flattened (new: "level 1", the name, "\u00b7 3 hr. ago", the comment, "Reply", "Share"
  each on a line; old: "[\u2013]name 42 points 3 hours ago", the comment,
  "permalinkembedsavereportgive awardreply");
* ``email-quote``: the message an e-mail reply quotes ("> " lines and the "wrote:" line)
  under the text;
* ``other-language``: a one-line site notice in French above the text and a two-sentence
  Spanish summary under it;
* ``more-languages``: the same in one of twelve languages the function-word lists of the
  line rule do not cover (Indonesian, Swahili, Tagalog, Hausa, Somali, Polish, Finnish,
  Turkish, Yoruba typed without its tone marks, Zulu, Hungarian, Czech), chosen by the
  text's checksum;
* ``other-language-one-line``, ``more-languages-one-line``: the two above with the whole text
  on one line, so the notice and the summary are sentences among the text's own, as a
  record whose line breaks were lost has them;
* ``one-line``: the whole text on one line (paragraph breaks lost);
* ``glued-paras``: the paragraphs joined with nothing between them ("the end.Next day"), as
  a scraper that drops a page's paragraph tags leaves them;
* ``line-per-para``: one paragraph per line, no blank lines between (must not read as
  wrapped).

Prints, per variant: macro-F1 and recall per label over a stratified sample of the corpus's
test split (``--per-label`` texts per label; a text left without a label counts as wrong), and
how many of the genre probe's 40 originals are flagged and their mean P(original). Needs the
corpus for the first figures (skipped without it) and ``benchmarks/genre_probe`` for the rest.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import textwrap
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pdf_layouts  # noqa: E402
from bench_genre import load_probe  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402

from spundetect import Detector  # noqa: E402
from spundetect.pdf import pdf_text  # noqa: E402

LABELS = ("original", "spun", "machine_garbled")
T = TypeVar("T")


def wrap(text: str, width: int = 72) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in text.split("\n\n"))


def hyphenated(text: str) -> str:
    """Wrapped at 60 columns; on every other line the next line's first long word is split
    with a hyphen across the break."""
    out = []
    for para in text.split("\n\n"):
        lines = textwrap.wrap(para, 60, break_long_words=False)
        for i in range(0, len(lines) - 1, 2):
            head, _, rest = lines[i + 1].partition(" ")
            if len(head) > 7 and head.isalpha():
                lines[i] += " " + head[:4] + "-"
                lines[i + 1] = head[4:] + (" " + rest if rest else "")
        out.append("\n".join(lines))
    return "\n\n".join(out)


def addresses(text: str) -> str:
    return (
        text + "\n\nRead more at https://www.example.com/news/2026/12/budget-vote?utm_source=rss"
        " or follow @janedoe for updates. Send tips to news@example.org."
    )


def invisible(text: str) -> str:
    return text.replace(" the ", " the\u200b ").replace("tion", "ti\u00adon")


def furniture(text: str) -> str:
    return (
        "Local news | Updated 3 hours ago\n\nCity Council Approves New Budget Plan\n\n"
        "By Jane Doe, Staff Writer\n\n" + text + "\n\nShare this article\n\n"
        "Related: Five things to know about the vote"
    )


# Written for this benchmark: a thread as scrapers flatten a WordPress page, with the marks
# real comments carry (a sentence started in lower case, "dont", "gonna", no full stop).
COMMENTS = """4 comments

MarkT March 3, 2024 - 9:12 am

great read. i had no idea the vote was this close and the numbers on repairs are eye opening

Reply
Jen_R March 3, 2024 - 10:40 am

My street has been asking for this for years. fingers crossed it actually goes ahead, we dont hold our breath anymore lol

Reply
oldtimer March 3, 2024 - 1:05 pm

same plan came up in the nineties and nothing happened. lets see if they follow thru this time

Reply
CityWatcher March 4, 2024 - 7:58 am

Who is gonna pay for all of it though? not me I hope.

Reply

Leave a Comment"""


# Written for this benchmark: the message an e-mail reply quotes under it
QUOTED = """On Mon, Mar 3, 2024 at 9:12 AM Jane Doe <jane@example.org> wrote:
> hi all, quick one. can someone check the numbers for the bridge budget
> before friday? i think the figure for repairs is off by a bit, not sure
> why. thanks!
>
> Jane"""


def comments(text: str) -> str:
    return text + "\n\nYou may also like\n\n" + COMMENTS


# Written for this benchmark: informal comments as Disqus and Facebook's comments plugin lay
# them out, flattened by a scraper
DISQUS = """14 Comments

Sort by Best

mike_d73 \u2022 2 hours ago
so the council finaly does somthing?? took them long enough lol
5 \u2022 Reply \u2022 Share \u203a

Sandra P. mike_d73 \u2022 an hour ago
they only did it cause its an election year, watch nothing change after may
2 \u2022 Reply \u2022 Share \u203a

GreenTeaGuy \u2022 3 hours ago
Great news for the people who actually use the buses at night. my sister works late shifts and this helps alot.
Reply \u2022 Share \u203a

Load more comments"""
FACEBOOK = """Comments

Dave Hollis
Typical. Spend money on this and not on the potholes on our road, been there 2 years
Like \u00b7 Reply \u00b7 3h

Priya Shah
Dave Hollis its different budgets tho, the buses come out of the transport grant
Like \u00b7 Reply \u00b7 2h \u00b7 Edited

Tom Briggs
about time!!! shame it took a petition of 4000 people to get here
Like \u00b7 Reply \u00b7 1h"""
REDDIT = """Sort by: Best

level 1
throwaway_bus99
\u00b7 3 hr. ago
honestly this is the first good news from the council in ages. the night bus saved my life when i was working bar shifts
Reply
Share
Report
Save
Follow

level 2
k_marsh
\u00b7 2 hr. ago
same here, the 3am one was always packed tho
Reply
Share

level 1
DeletedUser
\u00b7 5 hr. ago
They will cut it again next year once nobody is watching. Always happens
Reply
Share"""
OLD_REDDIT = """[\u2013]throwaway_bus99 42 points 3 hours ago
honestly this is the first good news from the council in ages. the night bus saved my life when i was working bar shifts
permalinkembedsavereportgive awardreply

[\u2013]k_marsh 12 points 2 hours ago
same here, the 3am one was always packed tho
permalinkembedsaveparentreportgive awardreply"""


# Written for this benchmark: a site notice in French above the text and a Spanish summary
# under it, as bilingual pages and foreign sites' English sections have them.
NOTICE = "Abonnez-vous à notre lettre d'information pour recevoir les dernières nouvelles du jour."
SUMMARY = (
    "El ayuntamiento aprobó el martes ampliar el servicio durante un año más. Los partidarios"
    " dijeron que la medida ayuda a los trabajadores a volver a casa con seguridad."
)


def other_language(text: str) -> str:
    return NOTICE + "\n\n" + text + "\n\n" + SUMMARY


# Written for this benchmark: the same notice and summary in twelve more languages, most in
# ASCII or nearly, as bilingual pages in Indonesia, East Africa, the Philippines, Nigeria,
# Somalia and Central Europe set them beside English.
MORE_LANGUAGES = (
    (
        "Berlangganan buletin kami untuk mendapatkan berita terbaru setiap hari.",
        "Dewan kota menyetujui perpanjangan layanan bus malam selama satu tahun lagi. Para"
        " pendukung mengatakan langkah ini membantu pekerja pulang ke rumah dengan aman.",
    ),
    (
        "Jiandikishe kupokea habari za hivi punde kila siku kupitia barua pepe.",
        "Baraza la jiji limeidhinisha kuongeza huduma ya mabasi ya usiku kwa mwaka mmoja"
        " zaidi. Wafuasi walisema hatua hiyo inawasaidia wafanyakazi kurudi nyumbani salama.",
    ),
    (
        "Mag-subscribe sa aming newsletter para sa pinakabagong balita araw-araw.",
        "Inaprubahan ng konseho ng lungsod ang pagpapalawig ng serbisyo ng bus sa gabi nang"
        " isa pang taon. Sinabi ng mga tagasuporta na nakakatulong ang hakbang na ito upang"
        " ligtas na makauwi ang mga manggagawa.",
    ),
    (
        "Yi rajista don samun sabbin labarai a kowace rana ta imel.",
        "Majalisar birnin ta amince da tsawaita aikin motocin bas na dare na karin shekara"
        " guda. Magoya bayan matakin sun ce yana taimaka wa ma'aikata su koma gida lafiya.",
    ),
    (
        "Iska diiwaangeli si aad u hesho wararkii ugu dambeeyay maalin kasta.",
        "Golaha magaalada ayaa ansixiyay in adeegga baska habeenkii la sii wado hal sano oo"
        " kale. Taageerayaasha ayaa sheegay in tallaabadan ay ka caawinayso shaqaalaha inay si"
        " nabad ah guryahooda ugu laabtaan.",
    ),
    (
        "Zapisz się do naszego newslettera, aby codziennie otrzymywać najnowsze wiadomości.",
        "Rada miasta zatwierdziła we wtorek przedłużenie nocnych kursów autobusowych o kolejny"
        " rok. Zwolennicy twierdzą, że dzięki temu pracownicy mogą bezpiecznie wracać do domu.",
    ),
    (
        "Tilaa uutiskirjeemme ja saat päivän tärkeimmät uutiset suoraan sähköpostiisi.",
        "Kaupunginvaltuusto hyväksyi tiistaina yöbussiliikenteen jatkamisen vielä vuodella."
        " Kannattajien mukaan päätös auttaa työntekijöitä pääsemään turvallisesti kotiin.",
    ),
    (
        "Günün son haberlerini almak için bültenimize abone olun.",
        "Belediye meclisi salı günü gece otobüs seferlerinin bir yıl daha uzatılmasını onayladı."
        " Destekçiler, bu kararın çalışanların eve güvenle dönmesine yardımcı olduğunu söyledi.",
    ),
    (
        "E forukosile fun iwe iroyin wa lati gba awon iroyin tuntun lojoojumo.",
        "Igbimo ilu fowo si lati te ise oko akero ale siwaju fun odun kan si. Awon alatileyin so"
        " pe igbese naa n ran awon osise lowo lati pada sile lailewu.",
    ),
    (
        "Bhalisela incwadi yethu yezindaba ukuze uthole izindaba zakamuva nsuku zonke.",
        "Umkhandlu wedolobha uvumile ukuqhubeka nensizakalo yamabhasi asebusuku omunye unyaka."
        " Abasekeli bathi lesi sinyathelo sisiza abasebenzi ukuthi bafike emakhaya bephephile.",
    ),
    (
        "Iratkozzon fel hírlevelünkre, hogy minden nap megkapja a legfrissebb híreket.",
        "A városi közgyűlés kedden jóváhagyta az éjszakai buszjáratok további egy évvel történő"
        " meghosszabbítását. A támogatók szerint az intézkedés segít a dolgozóknak biztonságban"
        " hazajutni.",
    ),
    (
        "Přihlaste se k odběru našeho zpravodaje a dostávejte nejnovější zprávy každý den.",
        "Městská rada v úterý schválila prodloužení nočních autobusových linek o další rok."
        " Podle zastánců toto opatření pomáhá pracovníkům bezpečně se vrátit domů.",
    ),
)


def more_languages(text: str) -> str:
    notice, summary = by_checksum(text, MORE_LANGUAGES)
    return notice + "\n\n" + text + "\n\n" + summary


def by_checksum(text: str, choices: Sequence[T]) -> T:
    """One of ``choices``, by ``text``'s checksum: the same for the same text in every run."""
    return choices[zlib.crc32(text.encode()) % len(choices)]


def around(text: str, pages: Sequence[tuple[str, str]]) -> str:
    """``text`` between the head and the tail of one of ``pages``, by its checksum."""
    head, tail = by_checksum(text, pages)
    return head + text + "\n\n" + tail


def midway(text: str, *inserted: str) -> str:
    """``text`` with ``inserted`` paragraphs between its middle two."""
    paras = text.split("\n\n")
    mid = len(paras) // 2
    return "\n\n".join([*paras[:mid], *inserted, *paras[mid:]])


def pointers(text: str) -> str:
    """An advertisement slot and a pointer to another story between two paragraphs."""
    return midway(
        text, "Advertisement", "READ MORE: Council to vote again on night bus plan next spring"
    )


# Written for this benchmark: a tweet embedded mid-text as a page's text shows it
TWEET = (
    "The bridge vote is finally done and the repairs start in spring! pic.twitter.com/Ab3dEf9XyZ"
    "\n\n\u2014 Jane Doe (@janedoe) March 3, 2024"
)


def tweet(text: str) -> str:
    return midway(text, TWEET)


# Written for this benchmark: what wire copy carries around a story
CAPTION = "A man walks past the town hall on Monday, March 3, 2024. REUTERS/Jane Doe/File Photo"
CREDIT = (
    "Reporting by Jane Doe in Washington; Additional reporting by Tom Lee in London; "
    "Editing by Mark Potter and Richard Chang"
)


def wire(text: str) -> str:
    return CAPTION + "\n\nWASHINGTON (Reuters) - " + text + "\n\n" + CREDIT


def wire_agencies(text: str) -> str:
    return (
        "By ZEKE MILLER, JOSH BOAK and AAMER MADHANI Associated Press\n\nNAIROBI, Kenya (AP) \u2014 "
        + text
        + "\n\n___\n\nAssociated Press writer Jane Doe in London contributed to this report."
        "\n\nThis story has been corrected to show that the vote took place on Tuesday, not"
        " Monday.\n\nCopyright 2024 The Associated Press. All rights reserved. This material may"
        " not be published, broadcast, rewritten or redistributed without permission."
        "\n\nOur Standards: The Thomson Reuters Trust Principles."
    )


def sign_offs(text: str) -> str:
    return (
        text
        + "\n\nGet the latest news from around the world delivered straight to your inbox every"
        " morning with our free daily briefing.\n\nFollow BBC West Midlands on Facebook, X and"
        " Instagram. Send your story ideas to: newsonline.westmidlands@bbc.co.uk\n\nThe"
        " Associated Press receives financial support from the Walton Family Foundation for"
        " coverage of water and environmental policy. The AP is solely responsible for all"
        " content."
    )


def news_page(text: str) -> str:
    first, _, rest = text.partition("\n\n")
    captions = (
        "Image source, Getty Images\n\nImage caption, Crowds gathered outside the parliament"
        " building on Monday evening as the votes were counted"
    )
    body = first + ("\n\n" + captions + "\n\n" + rest if rest else "")
    return (
        "This is a developing story and will be updated.\n\n"
        + body
        + "\n\nReporting was contributed by Jane Doe from London and Tom Lee from Paris."
        "\n\nA version of this article appears in print on March 3, 2024, Section A, Page 1 of"
        " the New York edition with the headline: Council Votes to Close Old Bridge."
        "\n\nThis article is for subscribers only. Subscribe now to continue reading."
        "\n\nHave a news tip? Email us at tips@example.com or call our newsroom."
    )


def wiki_footer(text: str) -> str:
    return (
        text + '\n\nRetrieved from "https://en.wikipedia.org/w/index.php?title=Old_Bridge'
        '&oldid=1211234567"\n\nThis page was last edited on 3 March 2024, at 10:14 (UTC).'
        "\n\nText is available under the Creative Commons Attribution-ShareAlike License 4.0;"
        " additional terms may apply. By using this site, you agree to the Terms of Use and"
        " Privacy Policy."
    )


def author_lines(text: str) -> str:
    return (
        text + "\n\nJane Doe is a senior reporter at the Example Times, where she covers"
        " politics, transport and the economy.\n\nContact the author at jane.doe@example.com."
    )


# Written for this benchmark: what a press-release wire puts around a release
RELEASE_HEAD = "NEWS PROVIDED BY\n\nNorthgate Logistics Inc.\n\nMar 03, 2024, 08:00 ET\n\n"
RELEASE_TAIL = """About Northgate Logistics

Northgate Logistics Inc. (NASDAQ: NGLX) builds route-planning software for regional freight \
carriers. For more information, visit www.northgate-example.com.

Forward-Looking Statements

This press release contains forward-looking statements within the meaning of the Private \
Securities Litigation Reform Act of 1995. These statements are based on current expectations \
and are subject to risks and uncertainties that could cause actual results to differ \
materially. The company undertakes no obligation to update any forward-looking statement.

Media Contact:
Jane Doe
+1 (555) 010-2345
press@northgate-example.com

SOURCE Northgate Logistics Inc.

View original content to download multimedia: \
https://www.prnewswire.com/news-releases/northgate-logistics-announces-301234567.html

###"""


def press_release(text: str) -> str:
    return RELEASE_HEAD + "DENVER, March 3, 2024 /PRNewswire/ -- " + text + "\n\n" + RELEASE_TAIL


# Written for this benchmark: a blog post as a scraper takes it from a WordPress page
BLOG_HEAD = """Last Updated on March 3, 2024 by Jane Doe

This post may contain affiliate links, which means I may receive a small commission, at no \
cost to you, if you make a purchase through a link. As an Amazon Associate I earn from \
qualifying purchases.

Table of Contents

Toggle"""
BLOG_TAIL = """Share this:

Click to share on Facebook (Opens in new window)
Click to share on X (Opens in new window)
Click to email a link to a friend (Opens in new window)

Like this:

Like Loading...

Filed Under: Home & Garden Tagged With: budget, repairs, tips

Leave a Reply Cancel reply

Your email address will not be published. Required fields are marked *

Comment *

Name *

Email *

Website

Save my name, email, and website in this browser for the next time I comment.

Post Comment"""


def blog_page(text: str) -> str:
    first, _, rest = text.partition("\n\n")
    button = "Check Price on Amazon"
    body = first + ("\n\n" + button + "\n\n" + rest if rest else "")
    return BLOG_HEAD + "\n\n" + body + "\n\n" + BLOG_TAIL


# Written for this benchmark: a newsletter post as a scraper takes it from Substack's page
SUBSTACK_HEAD = """Subscribe

Sign in

The Weekly Ledger

Why the bridge vote matters

Jane Doe

Mar 03, 2024

42

7

Share"""
SUBSTACK_BOX = (
    "Thanks for reading The Weekly Ledger! Subscribe for free to receive new posts and support"
    " my work."
)
SUBSTACK_TAIL = """Share

Discussion about this post

Comments

Restacks

Ready for more?

Subscribe

\u00a9 2024 Jane Doe

Privacy \u2219 Terms \u2219 Collection notice

Start writing

Get the app

Substack is the home for great culture"""


def substack_page(text: str) -> str:
    return SUBSTACK_HEAD + "\n\n" + midway(text, SUBSTACK_BOX) + "\n\n" + SUBSTACK_TAIL


# Written for this benchmark: a story as a scraper takes it from Medium's page
MEDIUM_HEAD = """Member-only story

Why the Bridge Vote Matters

Jane Doe

Follow

5 min read

\u00b7

Mar 3, 2024

--

3

Listen

Share"""
MEDIUM_TAIL = """--

--

3

Follow

Written by Jane Doe

1.2K Followers

Writer on cities, transport and money. Opinions my own.

More from Jane Doe

Recommended from Medium

Help

Status

About

Careers

Privacy

Terms

Text to speech"""


def medium_page(text: str) -> str:
    return MEDIUM_HEAD + "\n\n" + text + "\n\n" + MEDIUM_TAIL


# Written for this benchmark: datelines without an agency in brackets, as American and
# Canadian papers and CNN write them, and a sharing plugin's buttons as a scraper keeps them
PAPER_DATELINES = (
    "WASHINGTON \u2014 ",
    "KYIV, Ukraine \u2014 ",
    "OTTAWA \u2014 ",
    "Washington CNN \u2014 ",
    "(CNN) \u2014 ",
)
SHARE_BUTTONS = """Click to share on X (Opens in new window)

Click to share on Facebook (Opens in new window)

Click to email a link to a friend (Opens in new window)

Click to print (Opens in new window)"""


def us_newspaper(text: str) -> str:
    dateline = by_checksum(text, PAPER_DATELINES)
    return dateline + text + "\n\n" + SHARE_BUTTONS


# Written for this benchmark: a South Asian news site's page, as scraped: a byline line of
# fields, a dateline as its own desk or an agency's copy writes it, and under the text the
# agency credit, a syndication notice and the site's own lines
SOUTH_ASIA_DATELINES = (
    "NEW DELHI: ",
    "MUMBAI: ",
    "New Delhi, Mar 3 (PTI) ",
    "Chennai, Mar 3 (IANS) ",
    "Kabul [Afghanistan], Mar 3 (ANI): ",
    "ISLAMABAD, Mar 3 (APP): ",
)
SOUTH_ASIA_TAIL = """(With inputs from PTI)

(This story has not been edited by our staff and is auto-generated from a syndicated feed.)

Catch all the Business News, Breaking News Events and Latest News Updates on The Daily Ledger.

Download The Daily Ledger News App to get Daily Market Updates & Live Business News."""


def south_asia_news(text: str) -> str:
    dateline = by_checksum(text, SOUTH_ASIA_DATELINES)
    head = "Written by Jane Doe | New Delhi | Updated: March 3, 2024 08:00 IST"
    return head + "\n\n" + dateline + text + "\n\n" + SOUTH_ASIA_TAIL


# Written for this benchmark: the datelines of news agencies other than the big wires
AGENCY_DATELINES = (
    "NAIROBI, Kenya, Mar 3 (IPS) - ",
    "LAGOS (NAN) - ",
    "KUALA LUMPUR, March 3 (Bernama) -- ",
    "JAKARTA (ANTARA) - ",
    "KYIV (Ukrinform) - ",
    "LONDON (PA) - ",
    "MOSCOW, March 3 (RIA Novosti) - ",
    "SYDNEY, March 3 AAP - ",
    "GENEVA, March 3 (UN News) - ",
)


def agency_datelines(text: str) -> str:
    return by_checksum(text, AGENCY_DATELINES) + text


# Written for this benchmark: a shop's product page, as scraped, with its customers' reviews
# under the description (the text) laid out as the largest shop lays them out
SHOP_HEAD = """Visit the Northgate Store

4.4 out of 5 stars 1,203 ratings

$24.99

FREE delivery on orders over $35.

In Stock

Add to Cart

Buy Now

About this item"""
SHOP_REVIEWS = """Customer reviews

4.4 out of 5 stars

Top reviews from the United States

Mark T.

5.0 out of 5 stars Does what it says

Reviewed in the United States on March 3, 2024

Verified Purchase

bought this for my dad and he uses it every day. setup took 5 min, instructions were a bit confusing but we figured it out

12 people found this helpful

Helpful

Report

Jen R.

2.0 out of 5 stars Stopped working after a month

Reviewed in the United States on February 11, 2024

Verified Purchase

worked fine at first then the button got stuck. customer service was nice tho and sent a new one, we'll see

3 people found this helpful

Helpful

Report

See more reviews"""


def shop_page(text: str) -> str:
    return SHOP_HEAD + "\n\n" + text + "\n\n" + SHOP_REVIEWS


# Written for this benchmark: an article directory's page, where spun articles are posted:
# the submitter's lines over the article, the author's resource box and the directory's lines
# under it
DIRECTORY_HEAD = """By Jane Doe | Submitted On March 03, 2024

Expert Author Jane Doe"""
DIRECTORY_TAIL = """Author Resource:- Jane Doe writes about homes, gardens and local news for Example Home. \
Visit her site for more of her articles.

Article Source: http://EzineArticles.com/expert/Jane_Doe/123456

This article was posted in Home Improvement and has 0 comments.

You are free to republish this article as long as the author's bio and links are included.

Report this article"""


def article_directory(text: str) -> str:
    return DIRECTORY_HEAD + "\n\n" + text + "\n\n" + DIRECTORY_TAIL


# Written for this benchmark: the text as the body of a journal article taken from its PDF or
# its web page: the journal's line, title, authors and affiliations, the history, keywords and
# a section heading over it, a figure's caption inside it, and the back matter under it
PAPER_HEAD = """Journal of Applied Computing 45 (2024) 123456

Crop disease detection with deep networks: a field study

Jane Doe a,*, Sam Holt b

a Department of Computer Science, Example University, Leeds, UK
b School of Engineering, Sample Institute, Delhi, India

Received 3 March 2024; Received in revised form 10 April 2024; Accepted 12 May 2024

Keywords: machine learning; deep learning; image classification

1. Introduction"""
PAPER_FIGURE = "Fig. 1. The proposed framework, from the field images to the model's report."
PAPER_TAIL = """CRediT authorship contribution statement

Jane Doe: Conceptualization, Methodology, Writing \u2013 original draft. Sam Holt: \
Supervision, Writing \u2013 review & editing.

Declaration of competing interest

The authors declare that they have no known competing financial interests or personal \
relationships that could have appeared to influence the work reported in this paper.

Data availability

Data will be made available on request.

Acknowledgements

This work was supported by the National Natural Science Foundation of China (Grant No. \
61234567). We thank the farmers who let us photograph their fields.

* Corresponding author.
E-mail address: jane.doe@example.ac.uk (J. Doe).

https://doi.org/10.1016/j.jac.2024.123456
0957-4174/\u00a9 2024 Elsevier Ltd. All rights reserved."""


# Written for this benchmark: a wire story as the agencies' own sites show it, scraped: AP's
# (its untranslated time template, share buttons, the writer's line and AP's own paragraph
# under the story) and Reuters' (a company box, a newsletter offer mid-story, the writer's
# bio under it)
AP_HEAD = """Leer en espa\u00f1ol

Updated [hour]:[minute] [AM/PM] [timezone], [monthFull] [day], [year]

Share

Copy Link copied

Email

Facebook

X

Print

KYIV, Ukraine (AP) \u2014 """
AP_TAIL = """___

AP\u2019s Jane Doe contributed from London.

Read more of AP\u2019s coverage of the city at https://apnews.com/hub/cities

JANE DOE

Jane Doe covers transport for The Associated Press.

The Associated Press is an independent global news organization dedicated to factual \
reporting. Founded in 1846, AP today remains the most trusted source of fast, accurate, \
unbiased news in all formats and the essential provider of the technology and services vital \
to the news business. More than half the world\u2019s population sees AP journalism every day."""
REUTERS_OFFER = (
    "Get weekly news and analysis on the U.S. elections and how it matters to the world with"
    " the newsletter On the Campaign Trail. Sign up here."
)
REUTERS_TAIL = """Reporting by Jane Doe; Editing by Sam Holt

Our Standards: The Thomson Reuters Trust Principles., opens new tab

Suggested Topics:

Business

Purchase Licensing Rights, opens new tab

Jane Doe

Thomson Reuters

Jane covers transport and energy policy from London, with a focus on railways and the \
energy transition."""


# Written for this benchmark: the promotions big news sites put in the middle of a story, one
# site's chosen by the text's checksum: CNN's newsletter offer, the Guardian's newsletter box
# between its two markers, Fox News's app offer in capitals, the New York Times's gift line
PROMOTIONS = (
    "Sign up for CNN\u2019s Wonder Theory science newsletter. Explore the universe with news on"
    " fascinating discoveries, scientific advancements and more.",
    "skip past newsletter promotion\n\nSign up to First Edition\n\nFree daily newsletter\n\n"
    "Our morning email breaks down the key stories of the day, telling you what\u2019s happening"
    " and why it matters\n\nPrivacy Notice: Newsletters may contain info about charities,"
    " online ads, and content funded by outside parties. For more information see our Privacy"
    " Policy. We use Google reCaptcha to protect our website and the Google Privacy Policy and"
    " Terms of Service apply.\n\nafter newsletter promotion",
    "CLICK HERE TO GET THE FOX NEWS APP",
    "As a subscriber, you have 10 gift articles to give each month. Anyone can read what you"
    " share.",
)


def promotions(text: str) -> str:
    return midway(text, by_checksum(text, PROMOTIONS))


# Written for this benchmark: the text as an e-mail newsletter's plain-text part, with the
# lines of the most used mailing service over and under it
EMAIL_HEAD = "View this email in your browser"
EMAIL_TAIL = """Forward to a friend

Copyright \u00a9 2024 Example Home, All rights reserved.

You are receiving this email because you opted in via our website.

Our mailing address is:
Example Home
1 Mill Street
Leeds LS1 1AA
United Kingdom

Want to change how you receive these emails?
You can update your preferences or unsubscribe from this list."""


def email_newsletter(text: str) -> str:
    return EMAIL_HEAD + "\n\n" + text + "\n\n" + EMAIL_TAIL


# Written for this benchmark: a recipe plugin's card under a food blog's post, as scraped,
# less its instructions (the blogger's own sentences, which would be read)
RECIPE_CARD = """Easy Rye Bread

Print Recipe
Pin Recipe

Prep Time 20 minutes
Cook Time 40 minutes
Total Time 1 hour

Course Bread
Cuisine British

Servings 8 slices
Calories 180kcal
Author Jane Doe

Ingredients

500 g rye flour
7 g dried yeast
1 tsp salt
350 ml warm water

Nutrition

Calories: 180kcal | Carbohydrates: 38g | Protein: 5g | Fat: 1g | Sodium: 390mg | Fiber: 6g

Tried this recipe? Let us know how it was!

Did you make this recipe? Tag @examplehome on Instagram and hashtag it #examplehome"""


def recipe_page(text: str) -> str:
    return text + "\n\n" + RECIPE_CARD


# Written for this benchmark: an article on LinkedIn as a scraper takes it when signed out:
# the sign-in wall's lines over it, the writer's box, and the reactions and links under it
LINKEDIN_HEAD = """Agree & Join LinkedIn

By clicking Continue to join or sign in, you agree to LinkedIn\u2019s User Agreement, Privacy \
Policy, and Cookie Policy.

Sign in to view more content

Create your free account or sign in to continue your search

Why the bridge vote matters

Report this article

Jane Doe

Senior Editor at Example Home

Published Mar 3, 2024

+ Follow"""
LINKEDIN_TAIL = """Like

Comment

Share

12

3 Comments

To view or add a comment, sign in

More articles by Jane Doe

Others also viewed

Explore topics"""


def linkedin_page(text: str) -> str:
    return LINKEDIN_HEAD + "\n\n" + text + "\n\n" + LINKEDIN_TAIL


# Written for this benchmark: a discussion board's thread whose first post is the text, as a
# scraper flattens phpBB's page (the post's header line, the poster's signature, each reply's
# poster with their counts, "Re:" title and header; a reply quoting the text's first sentence
# under "jdoe wrote: \u2191Sun Mar 03, 2024 9:12 am") and XenForo's ("Thread starter ... Start
# date ...", the poster's title and counts, "#1", "jdoe said:" over a quote ending "Click to
# expand...", "Last edited: ...")
PHPBB_HEAD = """Board index \u2039 Community \u2039 Local News

Why the bridge vote matters

Post by jdoe \u00bb Sun Mar 03, 2024 9:12 am

"""
PHPBB_REPLIES = """Jane
Example Home since 2009 | gardening is cheaper than therapy

Top

samh
Posts: 1234
Joined: Mon Jan 01, 2018 8:00 am
Location: Leeds

Re: Why the bridge vote matters

Post by samh \u00bb Sun Mar 03, 2024 10:40 am

jdoe wrote: \u2191Sun Mar 03, 2024 9:12 am
{quote}

I went to the meeting too and honestly the parking thing was the bigger fight imo. nobody on \
the council wants to talk about it

Top

kat_b
Posts: 87
Joined: Tue Feb 14, 2023 3:10 pm

Re: Why the bridge vote matters

Post by kat_b \u00bb Sun Mar 03, 2024 11:02 am

thanks for posting this!! does anyone know when the next hearing is? my brother in law said \
its in april but i cant find it anywhere

Top

Post Reply

3 posts \u2022 Page 1 of 1

Return to \u201cLocal News\u201d

Jump to

Who is online
Users browsing this forum: No registered users and 3 guests"""
XENFORO_HEAD = """Why the bridge vote matters

Thread starter jdoe Start date Mar 3, 2024

jdoe
Well-known member
Joined
Jan 1, 2018
Messages
1,234
Reaction score
567

Mar 3, 2024
#1
"""
XENFORO_REPLIES = """Last edited: Mar 3, 2024

samh
Member

Mar 3, 2024
#2
jdoe said:
{quote}
Click to expand...
I went to the meeting too and honestly the parking thing was the bigger fight imo. nobody on \
the council wants to talk about it

kat_b
New member

Mar 3, 2024
#3
thanks for posting this!! does anyone know when the next hearing is? my brother in law said \
its in april but i cant find it anywhere

You must log in or register to reply here.

Share:
Facebook X (Twitter) Reddit Pinterest Tumblr WhatsApp Email Share Link"""


def first_sentence(text: str) -> str:
    """The text's first sentence, as a reply quotes it."""
    m = re.search(r"[^\n]*?[.!?](?=\s|$)", text)
    return m.group() if m else text.split("\n")[0]


def forum_phpbb(text: str) -> str:
    return PHPBB_HEAD + text + "\n\n" + PHPBB_REPLIES.format(quote=first_sentence(text))


def forum_xenforo(text: str) -> str:
    return XENFORO_HEAD + text + "\n\n" + XENFORO_REPLIES.format(quote=first_sentence(text))


# Written for this benchmark: an answer on a question-and-answer site whose answer is the
# text, as a scraper flattens Quora's page (the question, the writer's line of credentials
# and age, the answer's views, upvotes and shares; related questions, another reader's short
# answer and a promoted answer under it)
QUORA_HEAD = """Why does the bridge vote matter?

Sort

Profile photo for Jane Doe

Jane Doe

Senior Editor at Example Home (2015\u2013present)Author has 1.2K answers and 3.4M answer views3y

"""
QUORA_TAIL = """12.3K views

View upvotes

View 5 shares

Upvote \u00b7

99

Share

Related questions

More answers below

Is the new bridge safe for cyclists?

Who pays for a council's bridge repairs?

Profile photo for Sam Holt

Sam Holt

Lives in Leeds3y

honestly the vote was about parking more than the bridge. everyone round here knows it

Upvote \u00b7

2

Promoted by Northgate Logistics

Northgate Logistics

Freight forwarding since 1987 \u00b7 Updated 1y

Why do small shops switch to a freight partner?

Because a partner with our network books the trucks for you, and you pay less per pallet.

Continue Reading

Upvote \u00b7

7"""


def quora_page(text: str) -> str:
    return QUORA_HEAD + text + "\n\n" + QUORA_TAIL


# Written for this benchmark: a post on Blogger (Blogspot), the free host spun posts are most
# often put on, as a scraper flattens its classic layout: the date header and title over the
# text; the post's footer, two informal comments in Blogger's own layout ("samh said...", the
# comment, its date), "Post a Comment", the pager, the feed link, the sidebar and the credit
BLOGGER_HEAD = """Example Home Notes

Sunday, March 3, 2024

Why the bridge vote matters

"""
BLOGGER_TAIL = """Posted by Jane Doe at 9:12 AM

Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest

Labels: council, local news

2 comments:

samh said...

went to the meeting too, honestly the parking thing was the bigger fight imo. nobody on the \
council wants to talk about it

March 3, 2024 at 10:40 AM

kat_b said...

thanks for posting this!! does anyone know when the next hearing is? cant find it anywhere

March 4, 2024 at 9:02 AM

Post a Comment

Newer Post Older Post Home

Subscribe to: Post Comments (Atom)

About Me

Jane Doe

I write about our town, its council and its gardens. Views are my own.

View my complete profile

Blog Archive

\u25bc 2024 (12)

\u25bc March (3)

Why the bridge vote matters

Powered by Blogger."""


def blogger_page(text: str) -> str:
    return BLOGGER_HEAD + text + "\n\n" + BLOGGER_TAIL


# Written for this benchmark: a story as a news aggregator republishes it, as a scraper takes
# it from MSN's page ("Story by ...", "\u00a9 Provided by ...", "Continue Reading", the
# reactions) or Yahoo's (the writer, the time, "3 min read", the source's line, the preferred-
# source offer), chosen by the text's checksum
AGGREGATORS = (
    (
        "Example Home\n\nStory by Jane Doe \u2022 3h\n\nWhy the bridge vote matters\n\n"
        "\u00a9 Provided by Example Home\n\n",
        'Continue Reading\n\nShow full articles without "Continue Reading" button for 0 hours.'
        "\n\n45 Likes\n\n12 Comments\n\nMore for You",
    ),
    (
        "Example Home\n\nJane Doe\n\nSun, March 3, 2024 at 9:12 AM EST\n\n3 min read\n\n"
        "Add Yahoo as a preferred source to see more of our stories on Google.\n\n",
        "This article originally appeared on Example Home: Why the bridge vote matters\n\n"
        "Reporting by Jane Doe; Editing by Sam Holt\n\nTerms and Privacy Policy\n\n"
        "Privacy Dashboard\n\nRecommended Stories",
    ),
)


def aggregator_page(text: str) -> str:
    return around(text, AGGREGATORS)


# Written for this benchmark: a post on a writers' platform that pays by the view, where spun
# and generated posts are common, as a scraper flattens HubPages' page (the writer's box, the
# title, "Updated: ...", the advice disclaimer and copyright under the text, two informal
# comments) or Vocal's ("By ... | Published ... | 3 min read", "About the Creator" and its
# paragraph, "Reader insights" and its prompts, the empty comments' prompts), chosen by the
# text's checksum
CONTENT_FARMS = (
    (
        "Jane Doe profile image\n\nJane Doe\n\nJane writes about local politics and gardening"
        " from her home in Leeds.\n\nWhy the bridge vote matters\n\nUpdated: Mar 3, 2024 9:12"
        " AM EST\n\n",
        "This content is accurate and true to the best of the author's knowledge and is not meant"
        " to substitute for formal and individualized advice from a qualified professional.\n\n"
        "\u00a9 2024 Jane Doe\n\nComments\n\nsamh\n\n3 years ago\n\ngreat hub, the parking"
        " thing was the bigger fight imo. nobody on the council wants to talk about it\n\n"
        "Reply\n\nkat_b\n\n2 years ago\n\nthanks for writing this!! does anyone know when the"
        " next hearing is?\n\nReply",
    ),
    (
        "Why the bridge vote matters\n\nWhat the council decided, and what it means for the"
        " buses\n\nBy Jane Doe | Published 3 months ago | 3 min read\n\n",
        "Like\n\nShare\n\nAbout the Creator\n\nJane Doe\n\nI write about our town, its"
        " council and its gardens. Views are my own.\n\nReader insights\n\nBe the first to"
        " share your insights about this piece.\n\nHow does it work?\n\nAdd your insights\n\n"
        "Comments\n\nThere are no comments for this story\n\nBe the first to respond and start"
        " the conversation.\n\nSign in to comment\n\nFind us on social media\n\n"
        "Miscellaneous links",
    ),
)


def content_farm(text: str) -> str:
    return around(text, CONTENT_FARMS)


def ap_page(text: str) -> str:
    return AP_HEAD + text + "\n\n" + AP_TAIL


def reuters_page(text: str) -> str:
    head = "Companies\n\nNorthgate Logistics Inc\n\nFollow\n\nLONDON, March 3 (Reuters) - "
    return head + midway(text, REUTERS_OFFER) + "\n\n" + REUTERS_TAIL


def journal_paper(text: str) -> str:
    return PAPER_HEAD + "\n\n" + midway(text, PAPER_FIGURE) + "\n\n" + PAPER_TAIL


def markdown(text: str) -> str:
    out = ["# City Council Approves New Budget Plan", "## What happened"]
    for k, para in enumerate(text.split("\n\n")):
        w = para.split(" ")
        if len(w) > 12:
            rng = random.Random(len(para))
            i = rng.randrange(1, len(w) - 4)
            w[i], w[i + 1] = "**" + w[i], w[i + 1] + "**"
            j = rng.randrange(1, len(w) - 4)
            if j not in (i - 1, i, i + 1):
                w[j], w[j + 1] = "[" + w[j], w[j + 1] + f"](https://example.com/story-{k})"
            if k == 1:
                w[2], w[3] = "*" + w[2], w[3] + "*"
        out.append(" ".join(w))
        if k == 0:
            out.append("## Details")
    return "\n\n".join(out)


def citations(text: str) -> str:
    rng = random.Random(len(text))
    count = 0

    def marker(m: re.Match[str]) -> str:
        nonlocal count
        if rng.random() >= 0.4:
            return m.group()
        count += 1
        run = f"[{count}]"
        if rng.random() < 0.2:
            count += 1
            run += f"[{count}]"
        return m.group(1) + run + m.group(2)

    marked = re.sub(r"([.,])( )", marker, text)
    return re.sub(r"\.( [A-Z])", ".[citation needed]\\1", marked, count=1)


# Written for this benchmark: the headlines a news page lists under a story
RELATED = """More from News

Council to vote again on the night bus plan early next spring
Five things residents should know about the new bridge repair budget
Police appeal for witnesses after a crash on the ring road on Sunday
Local bakery wins a national prize for its rye bread and sourdough"""


def html_tags(text: str) -> str:
    out = []
    for k, para in enumerate(text.split("\n\n")):
        w = para.split(" ")
        if len(w) > 12:
            w[3], w[4] = "<strong>" + w[3], w[4] + "</strong>"
            w[7], w[8] = f'<a href="https://example.com/story-{k}">' + w[7], w[8] + "</a>"
        out.append("<p>" + " ".join(w) + "</p>")
    return "\n".join(out)


def curly(text: str) -> str:
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    text = re.sub(r'"(\w)', "\u201c\\1", text)
    text = re.sub(r'(\S)"', "\\1\u201d", text)
    return text.replace(" - ", " \u2014 ")


def mojibake(text: str) -> str:
    return curly(text).encode("utf-8").decode("cp1252", errors="replace")


def c1_controls(text: str) -> str:
    return curly(text).encode("cp1252", errors="replace").decode("latin-1")


def replacement_chars(text: str) -> str:
    return curly(text).encode("cp1252", errors="replace").decode("utf-8", errors="replace")


def question_marks(text: str) -> str:
    return curly(text).encode("ascii", errors="replace").decode("ascii")


def mojibake_twice(text: str) -> str:
    once = mojibake(text)
    return once.encode("utf-8").decode("cp1252", errors="replace")


def mojibake_lossy(text: str) -> str:
    return curly(text).encode("utf-8").decode("cp1252", errors="ignore")


def truncated(text: str) -> str:
    cut = text[: len(text) * 3 // 4].rstrip()
    return cut + " [...]"


def three_quarters(text: str) -> str:
    cut = text[: len(text) * 3 // 4]
    end = max(cut.rfind(". "), cut.rfind(".\n"))
    return cut[: end + 1] if end > 0 else cut


def pdf_pages(text: str) -> str:
    words = text.split(" ")
    for k in range(150, len(words), 150):
        words[k] = f"\n\nAnnual Report 2023 | {k // 150 + 1}\n\n" + words[k]
    return " ".join(words)


_OCR = (("m", "rn"), ("l", "1"), ("d", "cl"), ("e", "c"), ("o", "0"))


def ocr_noise(text: str) -> str:
    rng = random.Random(len(text))
    words = text.split(" ")
    for k, w in enumerate(words):
        if len(w) > 3 and rng.random() < 0.04:
            for a, b in rng.sample(_OCR, len(_OCR)):
                if a in w[1:]:
                    i = w.index(a, 1)
                    words[k] = w[:i] + b + w[i + 1 :]
                    break
    return " ".join(words)


def bullets(text: str) -> str:
    first, _, rest = text.partition("\n\n")
    items = "\n".join("- " + s for s in re.split(r"(?<=[.!?])\s+", first))
    return items + ("\n\n" + rest if rest else "")


VARIANTS: dict[str, Callable[[str], str]] = {
    "as written": lambda t: t,
    "wrap72": wrap,
    "wrap72-crlf": lambda t: wrap(t).replace("\n", "\r\n"),
    "hyphenated": hyphenated,
    "addresses": addresses,
    "invisible": invisible,
    "ligatures": lambda t: (
        t.replace("fi", "\ufb01").replace("fl", "\ufb02").replace("ff", "\ufb00")
    ),
    "decomposed": lambda t: unicodedata.normalize("NFD", t),
    "entities": lambda t: html.escape(t).replace("&#x27;", "&#8217;"),
    "furniture": furniture,
    "read-more": pointers,
    "tweet": tweet,
    "wire": wire,
    "wire-agencies": wire_agencies,
    "sign-offs": sign_offs,
    "news-page": news_page,
    "press-release": press_release,
    "blog-page": blog_page,
    "substack-page": substack_page,
    "medium-page": medium_page,
    "us-newspaper": us_newspaper,
    "south-asia-news": south_asia_news,
    "agency-datelines": agency_datelines,
    "shop-page": shop_page,
    "article-directory": article_directory,
    "journal-paper": journal_paper,
    "ap-page": ap_page,
    "reuters-page": reuters_page,
    "promotions": promotions,
    "email-newsletter": email_newsletter,
    "recipe-page": recipe_page,
    "linkedin-page": linkedin_page,
    "forum-phpbb": forum_phpbb,
    "forum-xenforo": forum_xenforo,
    "quora-page": quora_page,
    "blogger-page": blogger_page,
    "aggregator-page": aggregator_page,
    "content-farm": content_farm,
    "wiki-footer": wiki_footer,
    "author-lines": author_lines,
    "markdown": markdown,
    "citations": citations,
    "related": lambda t: t + "\n\n" + RELATED,
    "html-tags": html_tags,
    "mojibake": mojibake,
    "c1-controls": c1_controls,
    "replacement-chars": replacement_chars,
    "question-marks": question_marks,
    "mojibake-twice": mojibake_twice,
    "entities-twice": lambda t: html.escape(html.escape(t).replace("&#x27;", "&#8217;")),
    "escaped-newlines": lambda t: t.replace("\n", "\\n"),
    "escaped-tags": lambda t: html.escape(html_tags(t), quote=False),
    "mojibake-lossy": mojibake_lossy,
    "double-spaced": lambda t: re.sub(r"\. (?=\S)", ".  ", t),
    "json-twice": lambda t: json.dumps(curly(t))[1:-1],
    "double-hyphens": lambda t: t.replace(" - ", " -- "),
    "indented": lambda t: "\n\n".join("    " + p for p in t.split("\n\n")),
    "sentence-per-line": lambda t: re.sub(r"(?<=[.!?]) (?=[A-Z])", "\n", t),
    "three-quarters": three_quarters,
    "truncated": truncated,
    **{
        name: (lambda t, typeset=typeset: pdf_text(typeset(t)) or "")
        for name, typeset in pdf_layouts.LAYOUTS.items()
    },
    "ocr-noise": ocr_noise,
    "pdf-pages": pdf_pages,
    "slash-escapes": lambda t: t.replace("'", "\\'").replace('"', '\\"'),
    "bullets": bullets,
    "comments": comments,
    "comments-disqus": lambda t: t + "\n\n" + DISQUS,
    "comments-facebook": lambda t: t + "\n\n" + FACEBOOK,
    "comments-reddit": lambda t: t + "\n\n" + REDDIT,
    "comments-old-reddit": lambda t: t + "\n\n" + OLD_REDDIT,
    "email-quote": lambda t: t + "\n\n" + QUOTED,
    "other-language": other_language,
    "more-languages": more_languages,
    "other-language-one-line": lambda t: " ".join(other_language(t).split()),
    "more-languages-one-line": lambda t: " ".join(more_languages(t).split()),
    "one-line": lambda t: " ".join(t.split()),
    # a scraper that joins a page's paragraphs with nothing between them ("the end.Next day")
    "glued-paras": lambda t: "".join(p.strip() for p in t.split("\n\n")),
    "line-per-para": lambda t: t.replace("\n\n", "\n"),
}


def sample(corpus: Path, per_label: int, seed: int = 1) -> tuple[list[str], list[str]]:
    by: dict[str, list[str]] = {lab: [] for lab in LABELS}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("split") == "test" and r["label"] in by:
                by[r["label"]].append(r["text"])
    rng = random.Random(seed)
    texts, y = [], []
    for lab in LABELS:
        chosen = rng.sample(by[lab], min(per_label, len(by[lab])))
        texts += chosen
        y += [lab] * len(chosen)
    return texts, y


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=REPO / "work-data" / "corpus.jsonl")
    ap.add_argument("--per-label", type=int, default=200)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--trust-model", action="store_true")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument(
        "--only", nargs="+", choices=list(VARIANTS), metavar="VARIANT", help="these variants only"
    )
    args = ap.parse_args(argv)
    det = Detector.load(args.model, trust=args.trust_model)
    texts, y = sample(args.corpus, args.per_label) if args.corpus.is_file() else ([], [])
    if not texts:
        print(f"{args.corpus} not found: test-split figures skipped")
    probe = [r["text"] for r in load_probe()]
    print(
        f"{len(texts)} test-split texts ({args.per_label} per label), {len(probe)} probe originals"
    )
    print(
        f"{'variant':18s} {'macro-F1':>8s}  recall orig / spun / garbled   probe flagged, mean P(orig)"
    )
    for name, change in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        if name in pdf_layouts.LAYOUTS and not pdf_layouts.available(name):
            print(f"{name:18s} skipped: its tool is not installed (benchmarks/pdf_layouts.py)")
            continue
        if name in pdf_layouts.PREPARE:
            pdf_layouts.PREPARE[name]([*texts, *probe])
        row = f"{name:18s} "
        if texts:
            pred = [r.label or "none" for r in det.score_many(map(change, texts), n_jobs=args.jobs)]
            f1 = f1_score(y, pred, labels=list(LABELS), average="macro")
            rec = [
                sum(p == t for p, t in zip(pred, y, strict=True) if t == lab) / y.count(lab)
                for lab in LABELS
            ]
            row += f"{f1:8.3f}  {rec[0]:.3f} / {rec[1]:.3f} / {rec[2]:.3f}        "
        if probe:
            res = list(det.score_many(map(change, probe), n_jobs=args.jobs))
            flagged = sum(r.label != "original" for r in res)
            mean = sum(r.probabilities["original"] for r in res if r.probabilities) / len(res)
            row += f"{flagged:2d} of {len(probe)}, {mean:.3f}"
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
