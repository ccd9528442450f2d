"""The htmldate fallback reads markup only: a date in free text is no publication date.

htmldate's extensive search takes any date-shaped text on the page, a photo
caption's or a linked story's; newscrawl's own dateline reader already reads
the dates a page prints near its headline, in the page's language.
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
