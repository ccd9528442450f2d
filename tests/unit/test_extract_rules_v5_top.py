"""Focused tests of the fifth round of rules (issue 3): the top of the page.

- loose story text after a nested block is kept (trafilatura drops it);
- a label printed inside the ``<h1>`` ("Opinion", "News", "Politics |") is not
  part of the title when the page's metadata headline leaves it out;
- a trailing format label ("[Watch]", "(video)", "(ФОТО)") is not part of the title;
- "Posted on ... by NAME" lines at the top are bylines.

Each is checked on whole pages through ``extract_article``, in several languages,
and with a negative case that must stay as it is.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.body import wrap_loose_text
from newscrawl.extract.html import parse_html
from newscrawl.extract.titles import drop_media_label
from newscrawl.items import Article

STORY = [
    "The council voted on Tuesday to approve the plan, after a debate that lasted six hours.",
    "Work on the new bridge is due to start in the spring and should take about two years.",
    "Residents will be able to comment on the design at two meetings in the town hall in May.",
    "The mayor said the vote showed that the town was ready to invest in its own future again.",
]
LOOSE = "Engineers expect the old crossing to stay open to cyclists while the new one is built."


def _page(h1: str, body: str, *, headline: str = "", og_title: str = "", lang: str = "en") -> str:
    jsonld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        f'"headline": "{headline}", "datePublished": "2024-01-05"}}</script>'
        if headline
        else ""
    )
    og = f'<meta property="og:title" content="{og_title}">' if og_title else ""
    return (
        f'<html lang="{lang}"><head><title>Site</title>{og}{jsonld}</head><body>'
        f'<header><nav><a href="/">Home</a></nav></header><main><article><h1>{h1}</h1>'
        f"{body}</article></main><footer>Contact us</footer></body></html>"
    )


def _extract(html: str) -> Article:
    article = extract_article(html, "https://news.example.org/2024/01/05/story")
    assert isinstance(article, Article), article
    return article


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


# -- loose text after a nested block --------------------------------------------------------


def test_loose_lead_after_a_figure_in_a_nested_container_is_kept() -> None:
    body = (
        '<div class="story"><div class="meat">'
        f"<p>{STORY[0]}</p>"
        '<figure><div><img src="/a.jpg" alt=""></div><figcaption><div>A caption</div>'
        f"</figcaption></figure>{LOOSE} <a href='/x'>More on the bridge</a> was published last week."
        f"{_paragraphs(STORY[1:])}</div></div>"
    )
    article = _extract(_page("Town approves the new bridge plan", body))
    paragraphs = article.body.split("\n\n")
    assert any(p.startswith(LOOSE) and "More on the bridge was published" in p for p in paragraphs)
    assert STORY[0] in paragraphs
    assert STORY[3] in paragraphs


def test_loose_text_after_a_nested_div_gets_its_own_paragraph() -> None:
    tree = parse_html(
        f"<html><body><div><p>{STORY[0]}</p><div><p>{STORY[1]}</p></div>{LOOSE}"
        f"<em>still</em> loose<p>{STORY[2]}</p></div></body></html>"
    )
    assert tree is not None
    assert wrap_loose_text(tree) == 1
    made = tree.xpath("//p[em]")
    assert len(made) == 1
    assert made[0].text_content() == f"{LOOSE}still loose"


@pytest.mark.parametrize(
    "markup",
    [
        # a widget's label: its container holds no paragraphs
        f'<div class="follow"><div class="spacer"></div>{LOOSE}<a href="/login">Log in</a></div>',
        # a separator, not a sentence
        f"<div><p>{STORY[0]}</p><div><p>{STORY[1]}</p></div> and more <p>{STORY[2]}</p></div>",
    ],
)
def test_loose_text_is_left_alone_outside_story_containers(markup: str) -> None:
    tree = parse_html(f"<html><body>{markup}</body></html>")
    assert tree is not None
    assert wrap_loose_text(tree) == 0


# -- a label inside the <h1> ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("h1", "headline", "lang"),
    [
        ("<span>Opinion</span> <span>Why the bridge matters</span>", "Why the bridge matters", "en"),
        ('<div class="sub-title">News</div> Town approves the bridge', "Town approves the bridge", "en"),
        ('<div><a href="/politik/">Politik | </a></div><span>Stadt baut neue Brücke</span>',
         "Stadt baut neue Brücke", "de"),
        ("<span>Tribune</span>\n<span>Pourquoi le pont compte enfin</span>",
         "Pourquoi le pont compte enfin", "fr"),
        ("<span>Мнение</span> <span>Зачем городу новый мост</span>", "Зачем городу новый мост", "ru"),
    ],
)  # fmt: skip
def test_label_in_the_h1_is_dropped_when_the_headline_leaves_it_out(
    h1: str, headline: str, lang: str
) -> None:
    article = _extract(
        _page(h1, _paragraphs(STORY), headline=headline, og_title=headline, lang=lang)
    )
    assert article.title == headline
    assert not article.body.startswith(("Opinion", "News", "Politik", "Tribune", "Мнение"))


def test_label_stays_when_the_metadata_headline_has_it() -> None:
    h1 = "<span>Exclusive:</span> <span>Mayor quits after bridge vote</span>"
    article = _extract(
        _page(h1, _paragraphs(STORY), headline="Exclusive: Mayor quits after bridge vote")
    )
    assert article.title == "Exclusive: Mayor quits after bridge vote"


def test_h1_whose_first_child_starts_the_sentence_is_not_split() -> None:
    h1 = "<em>Bridge</em> plans approved after a six hour debate"
    article = _extract(_page(h1, _paragraphs(STORY), headline="Bridge plans approved"))
    assert article.title == "Bridge plans approved after a six hour debate"


# -- a trailing format label ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Dan and Shay bring new song to the finale [Watch]", "Dan and Shay bring new song to the finale"),
        ("NASA beams cat video to Earth (video)", "NASA beams cat video to Earth"),
        ("Hochwasser in Passau erreicht Höchststand (Fotos)", "Hochwasser in Passau erreicht Höchststand"),
        ("Наводнение в Сочи: спасатели эвакуировали жителей (ФОТО)",
         "Наводнение в Сочи: спасатели эвакуировали жителей"),
        ("Inondations : la Loire déborde à Orléans (vidéo)", "Inondations : la Loire déborde à Orléans"),
        ("Why we watch (Video)", "Why we watch"),
        ("(Video)", "(Video)"),  # nothing would be left
        ("The live show returns (to Paris)", "The live show returns (to Paris)"),
    ],
)  # fmt: skip
def test_trailing_format_label_is_not_part_of_the_title(title: str, expected: str) -> None:
    assert drop_media_label(title) == expected


def test_trailing_format_label_is_dropped_from_the_record_title() -> None:
    title = "Crowds watch the new bridge open for the first time [Watch]"
    article = _extract(_page(title, _paragraphs(STORY)))
    assert article.title == "Crowds watch the new bridge open for the first time"


# -- "Posted on ... by NAME" ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["posted on by Rafael Antonio Pineda", "Posted by Rafael Antonio Pineda",
     "Published on by Rafael Antonio Pineda"],
)  # fmt: skip
def test_posted_by_line_at_the_top_is_a_byline(line: str) -> None:
    body = f"<p>{line}</p>{_paragraphs(STORY)}"
    article = _extract(_page("Town approves the new bridge plan", body))
    assert article.body.split("\n\n")[0] == STORY[0]


def test_posted_sentence_is_story_text() -> None:
    line = "Posted by the council on its website, the plan drew hundreds of comments within a day."
    article = _extract(
        _page("Town approves the new bridge plan", f"<p>{line}</p>{_paragraphs(STORY)}")
    )
    assert article.body.split("\n\n")[0] == line
