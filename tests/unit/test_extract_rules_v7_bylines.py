"""Bylines whose names are links after a lone opener, and byline classes in other languages.

"<div>Por <a>María López</a> y <a>Juan Pérez</a></div>": the element's own
text is only the opener, so it reads as a byline only when the opener alone
counts; "firma" (es, it) and "autor" (es, pt, de, pl) class names mark bylines
as "byline" and "author" do in English.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.items import Article

STORY = "".join(
    f"<p>{line}</p>"
    for line in [
        "The regional government approved the new water plan on Tuesday after a long debate.",
        "Farmers will receive half of the usual allocation for irrigation until the reservoirs recover.",
        "The opposition asked for direct aid for crops and a delay in the payment of water fees.",
        "Engineers expect the reservoirs to stay below a fifth of their capacity until the summer.",
    ]
)


def _extract(byline: str, lang: str) -> Article:
    html = (
        f"<html lang='{lang}'><head><title>Water plan</title></head><body><main><article>"
        f"<h1>The regional government approves the new water plan</h1>{byline}{STORY}"
        "</article></main></body></html>"
    )
    article = extract_article(html, "https://news.example.org/local/water-plan")
    assert isinstance(article, Article), article
    return article


LINKED = "<a href='/autor/maria-lopez'>María López</a> {joiner} <a href='/autor/juan-perez'>Juan Pérez</a>"


@pytest.mark.parametrize(
    ("byline", "lang"),
    [
        ("<div class='firma'>Por " + LINKED.format(joiner="y") + "</div>", "es"),
        ("<p>Di " + LINKED.format(joiner="e") + "</p>", "it"),
        ("<div>Von " + LINKED.format(joiner="und") + "</div>", "de"),
    ],
)
def test_lone_opener_before_linked_names_is_a_byline(byline: str, lang: str) -> None:
    assert _extract(byline, lang).authors == ["María López", "Juan Pérez"]


@pytest.mark.parametrize(
    ("byline", "lang"),
    [
        ("<span class='firma-nombre'>María López</span>", "es"),
        ("<div class='autor'><span>María López</span></div>", "pt"),
        ("<div class='c-autore'>María López</div>", "it"),
    ],
)
def test_byline_class_in_other_languages(byline: str, lang: str) -> None:
    assert _extract(byline, lang).authors == ["María López"]


def test_lone_opener_word_in_prose_names_no_one() -> None:
    prose = "<p>Por <a href='/local/reservoirs'>los embalses</a> pasa el agua de la comarca.</p>"
    assert _extract(prose, "es").authors == []
