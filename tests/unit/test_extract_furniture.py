"""Promo cards and modal boxes (issue 3, body precision): their texts are collected
from the page and a body line equal to one of them is dropped; a big container
whose class merely mentions such a word keeps the story.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.furniture import furniture_texts
from newscrawl.extract.html import parse_html
from newscrawl.items import Article

STORY = [
    "The council voted on Tuesday to approve the plan, after a debate that lasted six hours.",
    "Work on the new bridge is due to start in the spring and should take about two years.",
    "Residents will be able to comment on the design at two meetings in the town hall in May.",
    "The mayor said the vote showed that the town was ready to invest in its own future again.",
]


def _page(box: str, *, lang: str = "en") -> str:
    story = "".join(f"<p>{line}</p>" for line in STORY[:2]) + box
    story += "".join(f"<p>{line}</p>" for line in STORY[2:])
    return (
        f'<html lang="{lang}"><head><title>Bridge vote</title></head><body>'
        "<main><article><h1>Council approves the new bridge</h1>"
        f"{story}</article></main><footer>Contact us</footer></body></html>"
    )


def _body(html: str) -> str:
    article = extract_article(html, "https://news.example.org/2024/01/05/story")
    assert isinstance(article, Article), article
    return article.body


@pytest.mark.parametrize(
    ("box", "text", "lang"),
    [
        (
            '<div class="promo-card"><p>{}</p></div>',
            "Surf safely: up to 86% off and five free months of our partner's VPN today!",
            "en",
        ),
        (
            '<div role="dialog"><p>{}</p></div>',
            "Oops! Something went wrong. Please try again later.",
            "en",
        ),
        (
            '<section aria-modal="true"><p>{}</p></section>',
            "Sparkly lights are part of most holiday memories, and our guide lists them all.",
            "en",
        ),
        (
            '<div class="c-newsletter_box"><p>{}</p></div>',
            "Der Morgen-Überblick: die wichtigsten Nachrichten des Tages, kompakt und kostenlos.",
            "de",
        ),
        (
            '<div id="modal-offre"><p>{}</p></div>',
            "Profitez de notre offre spéciale : le premier mois pour un euro seulement.",
            "fr",
        ),
    ],
)
def test_text_of_a_small_promo_or_modal_box_is_dropped(box: str, text: str, lang: str) -> None:
    html = _page(box.format(text), lang=lang)
    tree = parse_html(html, None)
    assert tree is not None
    assert furniture_texts(tree)
    body = _body(html)
    assert text not in body
    assert STORY[0] in body
    assert STORY[-1] in body


def test_big_container_named_like_furniture_keeps_the_story() -> None:
    story = "".join(f"<p>{line}</p>" for line in STORY * 3)
    html = (
        '<html lang="en"><head><title>Bridge vote</title></head><body><main>'
        f'<div class="newsletter-edition"><article><h1>Council approves the new bridge</h1>{story}'
        "</article></div></main></body></html>"
    )
    tree = parse_html(html, None)
    assert tree is not None
    assert not furniture_texts(tree)
    assert STORY[-1] in _body(html)


def test_class_word_inside_another_word_is_not_furniture() -> None:
    html = _page('<div class="promotional-history"><p>The bridge was promoted in 1990.</p></div>')
    tree = parse_html(html, None)
    assert tree is not None
    assert not furniture_texts(tree)
