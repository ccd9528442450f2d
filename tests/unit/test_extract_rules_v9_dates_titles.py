"""Held-out shapes: relative and year-less header dates, byline + date lines, three-part titles.

Whole pages through ``extract_article`` with a fixed fetch time, each rule with a
case where it must not fire.
"""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article
from newscrawl.items import Article

FETCHED = "2024-03-12T15:00:00+00:00"
URL = "https://www.dailyplanet.com/news/story"
HEADLINE = "Council approves budget after long debate"
_STORY = (
    "The city council voted on Tuesday to approve the new budget after a long debate that "
    "lasted well into the evening and drew dozens of residents to the public gallery, "
    "paragraph {}."
)


def _page(
    header: str,
    *,
    head: str = "",
    title: str = HEADLINE,
    h1: str = HEADLINE,
    after: str = "",
    lang: str = "en",
) -> bytes:
    story = "".join(f"<p>{_STORY.format(i)}</p>" for i in range(5))
    return (
        f"<html lang='{lang}'><head><title>{title}</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{h1}</h1>{header}{story}"
        f"{after}</article></body></html>"
    ).encode()


def _extract(html: bytes, url: str = URL) -> Article:
    article = extract_article(html, url, fetched_at=FETCHED)
    assert isinstance(article, Article)
    return article


# --- relative stamps -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "lang", "published"),
    [
        ("2 hours ago", "en", "2024-03-12T13:00:00+00:00"),
        ("Published 35 minutes ago", "en", "2024-03-12T14:25:00+00:00"),
        ("an hour ago", "en", "2024-03-12T14:00:00+00:00"),
        ("yesterday", "en", "2024-03-11"),
        ("3 days ago", "en", "2024-03-09"),
        ("vor 3 Stunden", "de", "2024-03-12T12:00:00+00:00"),
        ("il y a 2 heures", "fr", "2024-03-12T13:00:00+00:00"),
        ("Publié hier à 10h32", "fr", "2024-03-11"),
        ("Jane Doe - 2 hours ago", "en", "2024-03-12T13:00:00+00:00"),
        ("hace 3 horas", "es", "2024-03-12T12:00:00+00:00"),
        ("há 2 horas", "pt", "2024-03-12T13:00:00+00:00"),
        ("3 ore fa", "it", "2024-03-12T12:00:00+00:00"),
        ("3 часа назад", "ru", "2024-03-12T12:00:00+00:00"),
        ("3 godziny temu", "pl", "2024-03-12T12:00:00+00:00"),
        ("3 uur geleden", "nl", "2024-03-12T12:00:00+00:00"),
        ("3 timmar sedan", "sv", "2024-03-12T12:00:00+00:00"),
        ("3時間前", "ja", "2024-03-12T12:00:00+00:00"),
        ("3시간 전", "ko", "2024-03-12T12:00:00+00:00"),
        ("3小时前", "zh", "2024-03-12T12:00:00+00:00"),
        ("před 3 hodinami", "cs", "2024-03-12T12:00:00+00:00"),
        ("acum 3 ore", "ro", "2024-03-12T12:00:00+00:00"),
        ("πριν από 3 ώρες", "el", "2024-03-12T12:00:00+00:00"),
        ("منذ 3 ساعات", "ar", "2024-03-12T12:00:00+00:00"),
        ("3 saat önce", "tr", "2024-03-12T12:00:00+00:00"),
        ("3 tuntia sitten", "fi", "2024-03-12T12:00:00+00:00"),
    ],
)
def test_relative_header_stamp_is_read_against_the_fetch_time(
    printed: str, lang: str, published: str
) -> None:
    article = _extract(_page(f"<div class='meta'>{printed}</div>", lang=lang))
    assert article.published == published
    assert article.published_raw == printed


def test_relative_stamp_next_to_a_byline_in_a_plain_element() -> None:
    article = _extract(_page("<p><span>By Jane Doe</span> · 2 hours ago</p>"))
    assert article.published == "2024-03-12T13:00:00+00:00"


def test_relative_stamp_never_wins_over_an_absolute_date() -> None:
    head = (
        "<script type='application/ld+json'>"
        + json.dumps(
            {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2024-03-01T09:00:00Z"}
        )
        + "</script>"
    )
    article = _extract(_page("<div class='meta'>2 hours ago</div>", head=head))
    assert article.published == "2024-03-01T09:00:00+00:00"


def test_relative_stamp_loses_to_a_date_in_the_url() -> None:
    article = _extract(
        _page("<div class='meta'>2 hours ago</div>"), "https://news.example/2024/03/01/story"
    )
    assert article.published == "2024-03-01"


def test_updated_relative_stamp_is_the_modified_date() -> None:
    article = _extract(
        _page("<div class='meta'>Published March 10, 2024 · Updated 2 hours ago</div>")
    )
    assert article.published == "2024-03-10"
    assert article.modified == "2024-03-12T13:00:00+00:00"


def test_updated_relative_stamp_alone_is_no_publication_date() -> None:
    article = _extract(_page("<div class='meta'>Updated 2 hours ago</div>"))
    assert article.published is None
    assert article.modified == "2024-03-12T13:00:00+00:00"


@pytest.mark.parametrize(
    "placement",
    [
        # a teaser in a related-stories block beside the header
        {"header": "<div class='related'><a href='/x'>Other story</a> 2 hours ago</div>"},
        # a reader's comment after the story
        {"header": "", "after": "<div class='comments'><p>Anna</p><p>2 hours ago</p></div>"},
        # a sentence of the standfirst, not a stamp
        {"header": "<p>The fire broke out 2 hours ago and spread through the old town</p>"},
        # a short sentence: the stamp is run into other words
        {"header": "<p>Fire broke out 2 hours ago</p>"},
        {"header": "<h2>What happened yesterday</h2>"},
        # "hier" in German is "here", not the French "yesterday"
        {"header": "<div class='meta'>Hier klicken</div>"},
    ],
)
def test_relative_words_outside_a_header_stamp_are_not_read(placement: dict[str, str]) -> None:
    article = _extract(_page(placement["header"], after=placement.get("after", "")))
    assert article.published is None


# --- dates printed without a year --------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "published"),
    [
        ("12.3. klo 10.32", "2024-03-12"),
        ("12 March, 10:32", "2024-03-12"),
        ("Mar 12", "2024-03-12"),
        ("3月12日 10:32", "2024-03-12"),
        ("Julkaistu 12.3. klo 10.32", "2024-03-12"),
        # a day later than the fetch time belongs to last year
        ("Dec 20", "2023-12-20"),
    ],
)
def test_date_without_a_year_takes_the_latest_year_not_after_the_fetch(
    printed: str, published: str
) -> None:
    article = _extract(_page(f"<div class='meta'>{printed}</div>"))
    assert article.published == published
    assert article.published_raw == printed


def test_date_without_a_year_loses_to_any_absolute_date() -> None:
    article = _extract(
        _page("<div class='meta'>Mar 12</div>"), "https://news.example/2024/03/01/story"
    )
    assert article.published == "2024-03-01"


@pytest.mark.parametrize(
    "printed",
    [
        "Version 2.3. of the plan",  # a bare number pair
        "Vote on Mar 12",  # a day and month inside a phrase
    ],
)
def test_a_day_and_month_in_other_words_is_no_date(printed: str) -> None:
    article = _extract(_page(f"<div class='meta'>{printed}</div>"))
    assert article.published is None


# --- byline and date on one line ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("<p>Tác giả: Nguyễn Thị Minh Khai - Thứ ba, 12/3/2024 10:32</p>", "2024-03-12"),
        ("<p><span>By Jane Doe and John Smith</span> | March 12, 2024 10:32 AM</p>", "2024-03-12"),
        ("<p>By Jane Doe | March 12, 2024 10:32 AM</p>", "2024-03-12"),
        ("<p>Von Hans Peter Müller, Berlin – Dienstag, 12. März 2024, 10:32 Uhr</p>", "2024-03-12"),
    ],
)
def test_byline_and_date_on_one_line_gives_the_date(line: str, published: str) -> None:
    assert _extract(_page(line)).published == published


def test_a_sentence_with_a_date_is_no_dateline() -> None:
    line = "<p>By the end of the day on March 12, 2024 the council had agreed on most points</p>"
    assert _extract(_page(line)).published is None


# --- three-part titles -------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        f"{HEADLINE} - Daily Planet - The best news in Metropolis",
        f"{HEADLINE} | Politics | Daily Planet",
        f"Daily Planet: {HEADLINE} | The best news in Metropolis",
        f"Daily Planet | {HEADLINE} | Metropolis news",
        f"{HEADLINE} | Local News | Daily Planet - Metropolis since 1938",
        f"{HEADLINE} – Daily Planet – Noticias de Metropolis y el mundo",
    ],
)
def test_site_name_and_tagline_are_stripped_from_the_title(title: str) -> None:
    head = f"<meta property='og:site_name' content='Daily Planet'><meta property='og:title' content='{title}'>"
    # the visible <h1> is the logo, so the title comes from the metadata
    article = _extract(_page("", head=head, title=title, h1="Daily Planet"))
    assert article.title == HEADLINE


def test_tagline_after_the_domain_name_is_stripped() -> None:
    title = f"{HEADLINE} - dailyplanet.com - Your news, every day"
    article = _extract(_page("", title=title, h1="Daily Planet"))
    assert article.title == HEADLINE


@pytest.mark.parametrize(
    "title",
    [
        # no part is the site name: dashes inside a headline stay
        "Spider-Man - Far From Home - a review of a slow film",
        # after the site name comes more than a tagline
        f"{HEADLINE} - Daily Planet - and what the mayor said to the residents in the gallery",
    ],
)
def test_title_parts_that_are_not_a_tagline_stay(title: str) -> None:
    head = "<meta property='og:site_name' content='Daily Planet'>"
    article = _extract(_page("", head=head, title=title, h1="Daily Planet"))
    assert article.title == title


def test_the_publisher_name_is_a_site_name_too() -> None:
    """og:site_name names the site one way, the title (and JSON-LD publisher) another."""
    title = f"{HEADLINE} - The Planet - Metropolis news since 1938"
    head = (
        "<meta property='og:site_name' content='Planet Media Group'>"
        "<script type='application/ld+json'>"
        + json.dumps(
            {
                "@type": "NewsArticle",
                "headline": title,
                "publisher": {"@type": "Organization", "name": "The Planet"},
            }
        )
        + "</script>"
    )
    html = _page("", head=head, title=title, h1="")
    article = _extract(html, "https://www.metropolis-media.com/news/story")
    assert article.title == HEADLINE
