"""Newsroom boilerplate paragraphs (issue 3, body precision): editorial-policy and
trust notes, affiliate disclosures, markup printed as text, URL-only lines and
"Name @handle" heads of embedded posts are dropped from the body, in several
languages; story paragraphs that merely mention such words stay.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.boilerplate import is_boilerplate
from newscrawl.items import Article

STORY = [
    "The council voted on Tuesday to approve the plan, after a debate that lasted six hours.",
    "Work on the new bridge is due to start in the spring and should take about two years.",
    "Residents will be able to comment on the design at two meetings in the town hall in May.",
    "The mayor said the vote showed that the town was ready to invest in its own future again.",
]


def _page(extra: str, *, lang: str = "en") -> str:
    story = "".join(f"<p>{line}</p>" for line in STORY)
    return (
        f'<html lang="{lang}"><head><title>Bridge vote</title></head><body>'
        "<main><article><h1>Council approves the new bridge</h1>"
        f"{story}{extra}</article></main><footer>Contact us</footer></body></html>"
    )


def _body(html: str) -> str:
    article = extract_article(html, "https://news.example.org/2024/01/05/story")
    assert isinstance(article, Article), article
    return article.body


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Our Standards: The Thomson Reuters Trust Principles.", "en"),
        (
            (
                "The author or authors do not own shares in any securities mentioned in this "
                "article. Find out about Example’s editorial policies."
            ),
            "en",
        ),
        ("Why you can trust Example Reviews", "en"),
        (
            (
                "Example's recommendations are based on many hours of testing, research, and "
                "comparison shopping."
            ),
            "en",
        ),
        ("Mehr über unsere redaktionellen Standards erfahren Sie hier.", "de"),
        (
            (
                "Example Weather's primary journalistic mission is to report on breaking weather"
                " news and the importance of science to our lives."
            ),
            "en",
        ),
        (
            (
                "In order to give you the most up-to-date and accurate information possible, the data"
                " used to compile this article was sourced from the makers."
            ),
            "en",
        ),
        ("Découvrez notre charte éditoriale et nos engagements.", "fr"),
        ("Conoce nuestros principios editoriales y cómo trabajamos.", "es"),
    ],
)
def test_editorial_policy_notes_are_dropped(text: str, lang: str) -> None:
    body = _body(_page(f"<p>{text}</p>", lang=lang))
    assert text not in body
    assert STORY[-1] in body


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            (
                "We occasionally recommend interesting products and services. If you make a "
                "purchase by clicking one of the links, we may earn an affiliate fee."
            ),
            "en",
        ),
        (
            (
                "We may receive payments from third parties when you purchase through links in "
                "this article."
            ),
            "en",
        ),
        ("Wenn Sie über diese Links einkaufen, erhalten wir eine kleine Provision.", "de"),
        (
            "Cet article contient des liens d'affiliation : nous pouvons toucher une commission.",
            "fr",
        ),
        ("Este artículo incluye enlaces de afiliados; podemos recibir una comisión.", "es"),
        ("Questo articolo contiene link di affiliazione.", "it"),
    ],
)
def test_affiliate_disclosures_are_dropped(text: str, lang: str) -> None:
    body = _body(_page(f"<p>{text}</p>", lang=lang))
    assert text not in body
    assert STORY[0] in body


def test_markup_url_and_social_head_are_dropped() -> None:
    raw = (
        '&lt;a href="https://example.com/tag"&gt;#Bridge&lt;/a&gt; the mayor says work starts'
        ' soon &lt;a href="https://example.com/status/1"&gt;pic&lt;/a&gt;'
    )
    extra = f"<p>Jane Doe @janedoe</p><p>{raw}</p><p>https://example.com/full-report.pdf</p>"
    body = _body(_page(extra))
    assert "@janedoe" not in body
    assert "href" not in body
    assert "full-report" not in body
    assert STORY[-1] in body


@pytest.mark.parametrize(
    "text",
    [
        "The paper said its editorial board had not met since March, and the editor resigned.",
        "Shoppers who buy through the new links between the two malls will save time, he said.",
        "She wrote that <b>bold</b> tags were all she knew of HTML back then.",
        "Follow the council meeting live from 6 p.m. on the town's website.",
    ],
)
def test_story_paragraphs_that_mention_such_words_stay(text: str) -> None:
    assert not is_boilerplate(text)
    escaped = text.replace("<", "&lt;").replace(">", "&gt;")
    assert text in _body(_page(f"<p>{escaped}</p>"))


# -- a <p> inside an <li> stays a list item ------------------------------------------------

TEASERS = [
    (
        "Investing in real estate just got a whole lot simpler, and this startup will let you"
        " become a landlord in just ten minutes."
    ),
    (
        "A famous investor once said that you must find a way to make money while you sleep;"
        " here are three high-yield investments to add income to your portfolio."
    ),
]


@pytest.mark.parametrize(("marker", "lang"), [("Don't Miss:", "en"), ("Lesen Sie auch:", "de")])
def test_teaser_list_written_with_paragraphs_in_items_is_dropped(marker: str, lang: str) -> None:
    items = "".join(f"<li><p>{t}</p></li>" for t in TEASERS)
    body = _body(_page(f"<h2>{marker}</h2><ul>{items}</ul>", lang=lang))
    assert not any(t in body for t in TEASERS)
    assert STORY[-1] in body


def test_list_of_paragraph_items_without_a_marker_stays() -> None:
    items = "".join(f"<li><p>{t}</p></li>" for t in TEASERS)
    body = _body(_page(f"<ul>{items}</ul>"))
    assert all(t in body for t in TEASERS)


# -- source lists and footnotes at the end --------------------------------------------------

SOURCES = [
    "Example Times, The long road to the new bridge, July 6, 2023",
    "City council, Minutes of the planning committee, accessed Dec. 13, 2023",
    "Regional archive, The old crossing and its builders, July 2010",
    "The mayor's Facebook page",
    "Engineering Weekly, Why bridges cost what they cost, Nov. 7, 2023",
]


@pytest.mark.parametrize("heading", ["Our Sources", "Quellen", ""])
def test_source_list_with_loose_dates_is_dropped(heading: str) -> None:
    head = f"<h3>{heading}</h3>" if heading else ""
    items = "".join(f"<p>{s}</p>" for s in SOURCES)
    body = _body(_page(head + items))
    assert not any(s in body for s in SOURCES)
    assert STORY[-1] in body


def test_single_footnote_under_a_heading_is_dropped() -> None:
    note = "[1] Council minutes, Dec. 25, 1968, p. 543, https://example.org/minutes.pdf"
    body = _body(_page(f"<h3>Footnotes</h3><p>{note}</p>"))
    assert "Footnotes" not in body
    assert "minutes.pdf" not in body
    assert STORY[-1] in body


def test_story_paragraphs_ending_in_years_stay() -> None:
    tail = [
        "The old ferry stopped running in 2019.",
        "A first design was rejected in 2021.",
        "The new one was approved by 2023.",
    ]
    body = _body(_page("".join(f"<p>{t}</p>" for t in tail)))
    assert all(t in body for t in tail)


@pytest.mark.parametrize(
    "text",
    [
        (
            "Ask the Doctor is for informational purposes only, does not constitute medical advice,"
            " and is not a substitute for professional medical advice, diagnosis, or treatment."
        ),
        "Find out the next films to add to your list. Get The Watchlist delivered every Thursday.",
        "Article continues below this ad",
    ],
)
def test_disclaimers_pitches_and_ad_markers_are_dropped(text: str) -> None:
    body = _body(_page(f"<p>{text}</p>"))
    assert text not in body
    assert STORY[-1] in body


def test_story_about_delivery_and_advice_stays() -> None:
    text = "The paper is delivered every morning by a retired teacher who gives advice for free."
    assert text in _body(_page(f"<p>{text}</p>"))


# -- pull quotes ------------------------------------------------------------------------------

PULL = "the town was ready to invest in its own future again"


@pytest.mark.parametrize("tag", ["p", "blockquote"])
def test_pull_quote_repeated_from_the_story_is_dropped(tag: str) -> None:
    quote = f"“The vote showed that {PULL}.”"
    html = _page("").replace(
        f"<p>{STORY[1]}</p>",
        f"<p>{STORY[1]}</p><{tag}>{quote}</{tag}>",
    )
    html = html.replace(f"<p>{STORY[3]}</p>", f"<p>“The vote showed that {PULL},” he said.</p>")
    body = _body(html)
    assert quote not in body
    assert f"“The vote showed that {PULL},” he said." in body


def test_repeated_equal_paragraphs_and_short_lines_stay() -> None:
    line = "Tickets are free and can be booked at the town hall."
    extra = f"<p>{line}</p><p>Doors open at six.</p><p>{line}</p><p>Doors open at six. Bring a coat.</p>"
    body = _body(_page(extra))
    assert body.count(line) == 2
    assert body.count("Doors open at six.") == 2


# -- an author bio printed as a bulleted note ---------------------------------------------------


def _authored(extra: str) -> str:
    return _page(extra).replace("<head>", '<head><meta name="author" content="Jane Q. Doe">')


def test_bulleted_bio_with_an_appositive_is_dropped() -> None:
    bio = (
        "• Jane Q. Doe, a former commissioner at the Transport Agency, is president of the"
        " Center for Public Works."
    )
    body = _body(_authored(f"<p>{bio}</p>"))
    assert "Center for Public Works" not in body
    assert STORY[-1] in body


def test_closing_line_naming_the_author_without_a_bio_verb_stays() -> None:
    line = "• Jane Q. Doe, who lives by the river, said the bridge was long overdue."
    assert line in _body(_authored(f"<p>{line}</p>"))


# -- follow prompts and subscriber pitches ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Follow the Example News page on Facebook", "en"),
        ("* Follow Example Celebs on Snapchat, Instagram, Twitter and YouTube.", "en"),
        ("Folgen Sie uns auf Instagram!", "de"),
        ("Suivez-nous sur Facebook et X.", "fr"),
        ("Síguenos en TikTok para más noticias.", "es"),
        (
            "Not a subscriber to Example Magazine? Then head over here to get the latest issues!",
            "en",
        ),
        ("Special offer for Gear readers: get a one-year subscription for $5.", "en"),
    ],
)
def test_follow_prompts_and_subscriber_pitches_are_dropped(text: str, lang: str) -> None:
    body = _body(_page(f"<p>{text}</p>", lang=lang))
    assert text not in body
    assert STORY[-1] in body


@pytest.mark.parametrize(
    "text",
    [
        "Millions follow the singer on TikTok, where she posts a video every day.",
        "Like many stars on Instagram, the mayor posted a photo of the bridge.",
    ],
)
def test_story_lines_about_social_media_stay(text: str) -> None:
    assert not is_boilerplate(text)
    assert text in _body(_page(f"<p>{text}</p>"))


def test_long_editorial_standards_paragraph_is_dropped() -> None:
    text = (
        "Example's editorial team writes on behalf of you, our reader. Our goal is to deliver"
        " the most accurate information and the most knowledgeable advice possible in order to"
        " help you make smarter buying decisions on gear and a wide array of products and"
        " services. Our editors thoroughly review and fact-check every article to ensure that"
        " our content meets the highest standards. If we have made an error or published"
        " misleading information, we will correct or clarify the article. If you see"
        " inaccuracies in our content, please report the mistake via this form, and our team"
        " will look into it as soon as we possibly can."
    )
    body = _body(_page(f"<p>{text}</p>"))
    assert "editorial team" not in body
    assert STORY[-1] in body


def test_free_guide_pitch_is_dropped() -> None:
    text = "Get Example's free Guide to Investing, which distills the best advice into one list."
    body = _body(_page(f"<p>{text}</p>"))
    assert text not in body
    assert STORY[-1] in body


@pytest.mark.parametrize("marker", ["Read more on Example News", "READ MORE ON THE MAYOR"])
def test_read_more_on_marker_and_its_links_are_dropped(marker: str) -> None:
    links = "<ul><li>Mayor opens the new library</li><li>Bridge plan explained</li></ul>"
    body = _body(_page(f"<h2>{marker}</h2>{links}"))
    assert marker not in body
    assert "Bridge plan explained" not in body
    assert STORY[-1] in body


def test_read_more_inside_a_sentence_stays() -> None:
    text = "Read more on the history of the bridge in the town library, the mayor said on Tuesday."
    assert text in _body(_page(f"<p>{text}</p>"))
