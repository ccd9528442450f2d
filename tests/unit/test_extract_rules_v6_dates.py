"""The htmldate fallback reads markup only: a date in free text is no publication date.

htmldate's extensive search takes any date-shaped text on the page, a photo
caption's or a linked story's; newscrawl's own dateline reader already reads
the dates a page prints near its headline, in the page's language.

Nor is a reader comment's time (htmldate reads the markup of comment blocks too),
or a date in a fact table row about something else ("Birthday | 22nd December, 1972").
"""

from __future__ import annotations

from newscrawl.extract import extract_article
from newscrawl.items import Article

STORY = "".join(
    f"<p>{line}</p>"
    for line in [
        "Media companies are expected to announce more mergers this year, bankers say.",
        "Several studios have hired advisers to look at selling their cable networks.",
        "Regulators have signalled that they will look closely at any large deal in the sector.",
        "Analysts expect streaming services to keep consolidating as subscriber growth slows.",
    ]
)


def _extract(extra: str) -> Article:
    html = (
        "<html lang='en'><head><title>Why this could be the year of media dealmaking</title></head>"
        "<body><main><article><h1>Why this could be the year of media dealmaking</h1>"
        f"{STORY}{extra}</article></main></body></html>"
    )
    article = extract_article(
        html, "https://news.example.org/news/media-dealmaking", fetched_at="2024-01-10T00:00:00Z"
    )
    assert isinstance(article, Article), article
    return article


def test_a_caption_date_is_not_the_publication_date() -> None:
    caption = (
        "<figure><img src='/a.jpg'><figcaption>Executives at the market site in New York, "
        "U.S., December 5, 2019. REUTERS/Brendan McDermid</figcaption></figure>"
    )
    article = _extract(caption)
    assert article.published is None
    assert article.published_raw is None


def test_a_linked_story_date_is_not_the_publication_date() -> None:
    links = (
        "<p>Read more: <a href='https://other.example.com/news/articles/2023-12-20/studios-talks'>"
        "Studios in talks</a></p>"
    )
    assert _extract(links).published is None


def test_a_date_in_the_markup_is_still_read() -> None:
    meta = "<time datetime='2024-01-08T18:03:48Z'>January 8, 2024</time>"
    assert (_extract(meta).published or "").startswith("2024-01-08")


def test_a_reader_comment_time_is_not_the_publication_date() -> None:
    comments = (
        "<div id='comments' class='comment-list'><div class='comment'>"
        "<span class='comment-author'>halfgoofy</span>"
        "<span data-time='2022-10-28 05:53:15' class='comment-time'>Oct 28, 2022</span>"
        "<p>Great piece, thanks for writing it.</p></div></div>"
    )
    article = _extract(comments)
    assert article.published is None
    assert article.published_raw is None


def test_a_date_block_holding_the_headline_is_still_read() -> None:
    html = (
        "<html lang='en'><body><div class='content-with-sidebar'>"
        "<h1>Why this could be the year of media dealmaking</h1>"
        "<abbr class='published' title='2024-01-08T18:03:48+00:00'>8 days ago</abbr>"
        f"{STORY}</div></body></html>"
    )
    article = extract_article(
        html, "https://news.example.org/news/media-dealmaking", fetched_at="2024-01-10T00:00:00Z"
    )
    assert isinstance(article, Article), article
    assert (article.published or "").startswith("2024-01-08")


def _profile(rows: str) -> Article:
    return _extract(f"<table class='facts'>{rows}</table>")


def test_a_fact_table_date_about_something_else_is_not_the_publication_date() -> None:
    rows = (
        "<tr><td>Age</td><td>51 years</td></tr>"
        "<tr><td>Birthday</td><td>22nd December, 1972</td></tr>"
        "<tr><th>Born in</th><td>Saint-Maur, France</td></tr>"
    )
    assert _profile(rows).published is None


def test_a_fact_table_row_labelled_as_the_publication_date_is_read() -> None:
    rows = "<tr><th>Published</th><td>January 8, 2024</td></tr>"
    assert (_profile(rows).published or "").startswith("2024-01-08")
