"""Focused tests of the extraction rules: titles, authors, dates, cleaning, language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.extract.authors import split_byline
from newscrawl.extract.body import Block
from newscrawl.extract.clean import CleanContext, clean_blocks
from newscrawl.extract.dates import later, normalize_date, pick_dates, url_date
from newscrawl.extract.html import parse_html
from newscrawl.extract.language import guess_language, normalize_code, pick_language
from newscrawl.extract.metadata import collect
from newscrawl.extract.titles import pick_title, strip_site

# -- titles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "sites", "expected"),
    [
        ("Rates rise again | The Daily Example", ["The Daily Example"], "Rates rise again"),
        ("Rates rise again – Daily Example", ["The Daily Example"], "Rates rise again"),
        ("Rates rise again - Daily Example", ["Daily Example"], "Rates rise again"),
        ("Daily Example: Rates rise again", ["Daily Example"], "Rates rise again"),
        # once the site name is gone, a one- or two-word section before it goes too
        ("Rates rise again | Business | Daily Example", ["Daily Example"], "Rates rise again"),
        (
            "Rates rise again | What it means for savers | Daily Example",
            ["Daily Example"],
            "Rates rise again | What it means for savers",
        ),
        ("Rates rise again | Money Section", [], "Rates rise again"),
        ("Rates rise again - example.com", ["example"], "Rates rise again"),
        # a dash inside a headline is not a site suffix when nothing says so
        (
            "Inflation - what it means for you",
            ["Daily Example"],
            "Inflation - what it means for you",
        ),
        ("Q&A: how the new rules work", ["Daily Example"], "Q&A: how the new rules work"),
    ],
)
def test_strip_site(raw: str, sites: list[str], expected: str) -> None:
    assert strip_site(raw, sites) == expected


def test_strip_site_uses_agreement_with_other_sources() -> None:
    title = "Rates rise again - Money Matters - The Daily Example"
    assert strip_site(title, [], others=["Rates rise again"]) == "Rates rise again"


def test_title_prefers_h1_confirmed_by_metadata() -> None:
    assert (
        pick_title(
            h1=["Daily Example", "Rates Rise Again, Fourth Time This Year"],
            headline=None,
            og_title="Rates rise again, fourth time this year | Daily Example",
            twitter_title=None,
            title_tag="Rates rise again, fourth time this year | Daily Example",
            site_names=["Daily Example"],
        )
        == "Rates Rise Again, Fourth Time This Year"
    )


def test_title_falls_back_to_metadata_when_h1_is_not_the_headline() -> None:
    assert (
        pick_title(
            h1=["Business"],
            headline="Rates rise again",
            og_title=None,
            twitter_title=None,
            title_tag="Rates rise again | Daily Example",
            site_names=["Daily Example"],
        )
        == "Rates rise again"
    )


# -- authors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "names", "orgs"),
    [
        ("By Jane Doe", ["Jane Doe"], []),
        ("BY JANE DOE", ["Jane Doe"], []),
        ("By Jane Doe, John Roe and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"], []),
        ("By Jane Doe & John Roe", ["Jane Doe", "John Roe"], []),
        ("Jane Doe, Senior Correspondent", ["Jane Doe"], []),
        ("By Jane Doe | Updated December 4, 2023 10:05 AM", ["Jane Doe"], []),
        ("By Jane Doe, Reuters", ["Jane Doe"], ["Reuters"]),
        ("Von Anna Schmidt und Jonas Weber", ["Anna Schmidt", "Jonas Weber"], []),
        ("Por María García y José Pérez", ["María García", "José Pérez"], []),
        ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"], []),
        ("Jane Doe jane.doe@example.com @janedoe", ["Jane Doe"], []),
        ("Robert E. Moffit, Ph.D.", ["Robert E. Moffit"], []),
        ("Sammy Davis, Jr.", ["Sammy Davis, Jr."], []),
        ("Associated Press", [], ["Associated Press"]),
        ("Example News Desk", [], ["Example News Desk"]),
        ("TMZ Staff", [], ["TMZ Staff"]),
        ("Posted by Tom Gardner on March 3, 2024", ["Tom Gardner"], []),
        ("Published on 3 March 2024", [], []),
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"], []),
        ("Story posted on 2023-12-19 23:30 EST by Jane Roe", ["Jane Roe"], []),
    ],
)
def test_split_byline(byline: str, names: list[str], orgs: list[str]) -> None:
    assert split_byline(byline) == (names, orgs)


def test_one_word_names_only_from_structured_sources() -> None:
    assert split_byline("Madonna") == (["Madonna"], [])
    assert split_byline("By Invitation", single_names=False) == ([], [])
    assert split_byline("Dec 24, 17:00 4 comments", single_names=False) == ([], [])


def test_site_name_byline_is_an_organization() -> None:
    assert split_byline("Daily Example", {"daily example"}) == ([], ["Daily Example"])


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-12-04T10:00:00Z", "2023-12-04T10:00:00+00:00"),
        ("2023-12-04T10:00:00.123-0500", "2023-12-04T10:00:00-05:00"),
        ("2023-12-04T23:30:00+05:30", "2023-12-04T23:30:00+05:30"),
        ("2023-12-04T10:00:00", "2023-12-04"),  # no zone: keep the day, invent no offset
        ("2023-12-04 10:00", "2023-12-04"),
        ("2023-12-04", "2023-12-04"),
        ("20231204", "2023-12-04"),
        ("Mon, 04 Dec 2023 10:00:00 GMT", "2023-12-04T10:00:00+00:00"),
        ("1701684000", "2023-12-04T10:00:00+00:00"),
        ("2023-02-30", None),
        ("soon", None),
        ("1850-01-01", None),
    ],
)
def test_normalize_machine_dates(raw: str, expected: str | None) -> None:
    assert normalize_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "languages", "expected"),
    [
        ("3. Oktober 2025", ["de"], "2025-10-03"),
        ("3. Oktober 2025, 14:30 Uhr", ["de"], "2025-10-03"),
        ("Posted on March 3, 2024", ["en"], "2024-03-03"),
        ("Updated Dec. 4, 2023 at 10:05 a.m. EST", ["en"], "2023-12-04T10:05:00-05:00"),
        ("12 de marzo de 2024", ["es"], "2024-03-12"),
        ("le 5 janvier 2024", ["fr"], "2024-01-05"),
    ],
)
def test_normalize_visible_datelines(raw: str, languages: list[str], expected: str) -> None:
    assert normalize_date(raw, languages, loose=True) == expected


def test_url_date() -> None:
    assert url_date("https://example.com/2023/12/04/story-slug") == "2023-12-04"
    assert url_date("https://example.com/news/2023-12-04-story") == "2023-12-04"
    assert url_date("https://example.com/news/story-123") is None


def test_later_compares_days_when_one_side_is_a_day() -> None:
    assert later("2023-12-05", "2023-12-04T23:00:00+00:00")
    assert not later("2023-12-04", "2023-12-04T23:00:00+00:00")
    assert later("2023-12-04T10:00:00+00:00", "2023-12-04T11:00:00+02:00")


def _dates(html: str, url: str = "https://example.com/a", **kwargs: object):  # type: ignore[no-untyped-def]
    tree = parse_html(html)
    assert tree is not None
    return pick_dates(
        collect(tree),
        tree,
        url=url,
        fetched_at=datetime(2024, 1, 10, tzinfo=UTC),
        language="en",
        **kwargs,  # type: ignore[arg-type]
    )


def test_published_never_after_modified() -> None:
    dates = _dates(
        '<html><head><meta property="article:published_time" content="2024-01-05T10:00:00Z">'
        '<meta property="article:modified_time" content="2024-01-04T10:00:00Z"></head>'
        "<body><p>x</p></body></html>"
    )
    assert dates.published == "2024-01-05T10:00:00+00:00"
    assert dates.modified is None


def test_future_published_date_is_skipped() -> None:
    dates = _dates(
        '<html><head><meta property="article:published_time" content="2031-01-05T10:00:00Z">'
        '<meta name="date" content="2024-01-03"></head><body><p>x</p></body></html>'
    )
    assert dates.published == "2024-01-03"
    assert dates.published_raw == "2024-01-03"


def test_jsonld_date_beats_meta_and_hint() -> None:
    dates = _dates(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-01-02T08:00:00-05:00"}</script>'
        '<meta name="date" content="2024-01-03"></head><body><p>x</p></body></html>',
        hint_published="2024-01-04",
    )
    assert dates.published == "2024-01-02T08:00:00-05:00"


def test_hint_used_before_heuristics_and_url_date_last() -> None:
    html = "<html><body><p>No date here.</p></body></html>"
    assert _dates(html, hint_published="2024-01-04").published == "2024-01-04"
    assert _dates(html, url="https://example.com/2024/01/02/a-story").published == "2024-01-02"


# -- cleaning -----------------------------------------------------------------------------


def _clean(lines: list[tuple[str, str]], **context: object) -> list[str]:
    blocks = [Block(kind, text) for kind, text in lines]
    return [b.text for b in clean_blocks(blocks, CleanContext(**context))]  # type: ignore[arg-type]


STORY = "The council voted on Tuesday to approve the plan, after a debate that lasted six hours."


def test_repeated_headline_and_furniture_before_it_are_dropped() -> None:
    lines = [("p", "Local news"), ("head", "Council approves plan"), ("p", STORY)]
    assert _clean(lines, title="Council approves plan") == [STORY]


def test_standfirst_printed_twice_is_kept_once() -> None:
    lines = [("p", "The plan divided the town."), ("p", "The plan divided the town."), ("p", STORY)]
    assert _clean(lines, title="T") == ["The plan divided the town.", STORY]


def test_related_heading_and_its_link_list_are_dropped() -> None:
    lines = [
        ("p", STORY),
        ("p", "Read also:"),
        ("item", "Another story about the council"),
        ("item", "Yet another story"),
        ("p", STORY + " More."),
        ("head", "Latest"),
        ("p", "Weather warning for the weekend"),
    ]
    assert _clean(lines, title="T") == [STORY, STORY + " More."]


@pytest.mark.parametrize(
    "junk",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Read more: Council budget passes",
        "RELATED: Mayor resigns",
        "Sign up for our daily newsletter to get the news in your inbox.",
        "Subscribe now",
        "Share this article",
        "Photo: Jane Roe/Daily Example",
        "Image credit: NASA",
        "Workers at the site on Monday. (Getty Images)",
        "AP Photo/John Smith",
        "We use cookies to improve your experience.",
        "3 Comments",
        "Leave a comment",
        "Skip to content",
        "Tags: council, budget",
    ],
)
def test_junk_lines_are_dropped(junk: str) -> None:
    assert _clean([("p", STORY), ("p", junk), ("p", STORY + " Again.")], title="T") == [
        STORY,
        STORY + " Again.",
    ]


def test_captions_matching_image_text_are_dropped_even_truncated() -> None:
    alt = "A bowl of food on a table, with text in the bottom right corner of the image."
    lines = [("p", "A bowl of food on a table, with text..."), ("p", alt), ("p", STORY)]
    assert _clean(lines, title="T", image_texts=[alt]) == [STORY]


def test_story_lists_subheadings_and_quotes_are_kept() -> None:
    lines = [
        ("p", STORY),
        ("head", "What happens next"),
        ("item", "A public consultation in spring."),
        ("item", "Construction from 2026."),
        ("quote", "“This is a good day for the town,” the mayor said."),
        ("p", STORY + " Finally."),
    ]
    assert _clean(lines, title="T") == [text for _, text in lines]


def test_sentences_that_mention_subscribers_are_kept() -> None:
    text = (
        "The streaming service said it lost two million subscribers in the quarter, the first "
        "fall since it began reporting subscriber numbers a decade ago, and its shares fell 8%."
    )
    assert _clean([("p", text)], title="T") == [text]


# -- language -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-US", "en"), ("de_DE", "de"), ("FR", "fr"), ("eng", "en"), ("x", None), ("", None)],
)
def test_normalize_code(code: str, expected: str | None) -> None:
    assert normalize_code(code) == expected


def test_guess_language_from_stopwords() -> None:
    german = (
        "Der Stadtrat hat am Donnerstag den Bau beschlossen, und die Kosten sind nicht klein. " * 3
    )
    assert guess_language(german)[0] == "de"
    assert pick_language([None], german) == "de"
    assert pick_language(["en"], german) == "de"  # a template-wide lang="en" is overruled
    assert pick_language(["de-AT"], german) == "de"


def test_same_instant_with_local_offset_is_preferred_over_utc() -> None:
    dates = _dates(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-01-05T04:30:00Z"}</script>'
        '<meta property="article:published_time" content="2024-01-04T23:30:00-05:00">'
        "</head><body><p>x</p></body></html>"
    )
    assert dates.published == "2024-01-04T23:30:00-05:00"


def test_webpage_date_yields_to_the_visible_article_time() -> None:
    dates = _dates(
        '<html><head><script type="application/ld+json">{"@type": "WebPage", '
        '"datePublished": "2023-01-17T13:00:58+00:00"}</script></head>'
        '<body><time class="published" datetime="2024-01-05T10:26:01-07:00">Jan 5</time>'
        "<p>x</p></body></html>"
    )
    assert dates.published == "2024-01-05T10:26:01-07:00"


def test_single_visible_headline_beats_rewritten_social_title() -> None:
    assert (
        pick_title(
            h1=["Harnessing Carbon for Sustainable Plastics"],
            headline="Daily Example",  # a CMS that puts the site name in headline
            og_title="Harnessing CO2 for Plastics:",
            twitter_title=None,
            title_tag="Harnessing CO2 for Plastics: | Daily Example",
            site_names=["Daily Example"],
        )
        == "Harnessing Carbon for Sustainable Plastics"
    )
