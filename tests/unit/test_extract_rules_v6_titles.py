"""A genre label after the headline ("| Editorial", "– Kommentar") is not part of the title.

Opinion desks print the label inside the ``<h1>`` itself, so the usual
site-name stripping never sees it; like a kicker, it says what kind of piece
the page is. Checked on the bare rule and on a whole page, with negatives.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.titles import drop_media_label, strip_site
from newscrawl.items import Article

STORY = "".join(
    f"<p>{line}</p>"
    for line in [
        "The state should not loosen the rules that keep children out of dangerous jobs, we argued last year.",
        "Lawmakers are now debating a bill that would let fourteen-year-olds work night shifts in kitchens.",
        "The bill's backers say teenagers want the hours, but employers are the ones asking for them.",
        "Let children be children: the legislature should vote the bill down when it comes up next week.",
    ]
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Let kids be kids and leave child labor laws alone | Editorial",
         "Let kids be kids and leave child labor laws alone"),
        ("The city needs a new stadium plan – Opinion", "The city needs a new stadium plan"),
        ("Die Schuldenbremse muss bleiben | Kommentar", "Die Schuldenbremse muss bleiben"),
        ("La réforme des retraites est une erreur — Éditorial", "La réforme des retraites est une erreur"),
        ("El Gobierno debe escuchar a los agricultores | Opinión", "El Gobierno debe escuchar a los agricultores"),
        ("Почему реформа провалилась | Мнение", "Почему реформа провалилась"),
        # no separator: the word belongs to the headline
        ("Why I changed my opinion", "Why I changed my opinion"),
        ("Readers respond to our editorial", "Readers respond to our editorial"),
        # too little would be left
        ("Taxes | Opinion", "Taxes | Opinion"),
        # not a genre label
        ("Inflation falls again | Analysis of the figures", "Inflation falls again | Analysis of the figures"),
    ],
)  # fmt: skip
def test_trailing_genre_label_is_not_part_of_the_title(title: str, expected: str) -> None:
    assert drop_media_label(title) == expected


def _extract(h1: str) -> Article:
    html = (
        "<html lang='en'><head><title>Sun Times</title></head><body><main><article>"
        f"<h1>{h1}</h1>{STORY}</article></main></body></html>"
    )
    article = extract_article(html, "https://news.example.org/opinion/2024/01/05/child-labor")
    assert isinstance(article, Article), article
    return article


def test_genre_label_in_the_h1_is_dropped_from_the_record_title() -> None:
    article = _extract("Let kids be kids and leave child labor laws alone | Editorial")
    assert article.title == "Let kids be kids and leave child labor laws alone"


def test_headline_that_ends_in_a_genre_word_without_separator_is_kept() -> None:
    article = _extract("Lawmakers should listen to this editorial")
    assert article.title == "Lawmakers should listen to this editorial"


def test_a_title_of_thousands_of_parts_still_loses_its_site_name() -> None:
    # A broken page can print a <title> of thousands of separated parts; the search for
    # a run of parts agreeing with another source is skipped there, the site suffix is not.
    parts = " | ".join(f"part {i}" for i in range(3000))
    stripped = strip_site(f"{parts} | The Daily Planet", ["The Daily Planet"], ["other title"])
    assert "Daily Planet" not in stripped
    assert stripped.startswith("part 0 | part 1 | part 2 |")
