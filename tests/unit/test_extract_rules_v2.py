"""Focused tests of the second round of extraction rules (issue 3).

Datelines and their reconciliation with metadata, stated vs guessed modified
dates, header standfirsts, bylines/syndication/comment tails/bios/code in the
body, consent dialogs, the lead image, and author-name clean-up. Whole pages
of each shape are in ``tests/fixtures/pages/`` (see test_extract_fixtures.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newscrawl.extract.authors import pick_authors, split_byline
from newscrawl.extract.body import Block, header_standfirst, remove_consent_dialogs
from newscrawl.extract.clean import CleanContext, clean_blocks
from newscrawl.extract.datelines import header_datelines, parse_datelines
from newscrawl.extract.dates import pick_dates
from newscrawl.extract.html import parse_html, text_of
from newscrawl.extract.images import lead_image
from newscrawl.extract.metadata import collect

STORY = "The council voted on Tuesday to approve the plan, after a debate that lasted six hours."
STORY2 = "Work on the new bridge is due to start in the spring and should take about two years."

# -- datelines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Published 8:00 PM EST, Tue December 19, 2023",
            [("2023-12-19", (20, 0), -300, "published")],
        ),
        ("Dec. 21, 2023 11:00 pm EST", [("2023-12-21", (23, 0), -300, None)]),
        ("Updated on December 14, 2023", [("2023-12-14", None, None, "updated")]),
        ("19. Oktober 2025, 07:15 Uhr", [("2025-10-19", (7, 15), None, None)]),
        ("Aktualisiert: 19. Oktober 2025, 09:40 Uhr", [("2025-10-19", (9, 40), None, "updated")]),
        ("Publié le 5 janvier 2024 à 10h30", [("2024-01-05", (10, 30), None, "published")]),
        ("12 de marzo de 2024", [("2024-03-12", None, None, None)]),
        ("Обновлено 5 марта 2024 г., 10:00", [("2024-03-05", (10, 0), None, "updated")]),
        ("2023年12月19日 10:00", [("2023-12-19", (10, 0), None, None)]),
        ("2023년 12월 19일", [("2023-12-19", None, None, None)]),
        ("19.12.2023", [("2023-12-19", None, None, None)]),
        (
            "PUBLISHED: December 22, 2023 at 8:48 p.m. | UPDATED: December 23, 2023 at 10:54 a.m.",
            [
                ("2023-12-22", (20, 48), None, "published"),
                ("2023-12-23", (10, 54), None, "updated"),
            ],
        ),
        ("no date here, only 2023 as a year", []),
    ],
)
def test_parse_datelines(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (d.day.isoformat(), d.clock[:2] if d.clock else None, d.offset, d.label)
        for d in parse_datelines(text)
    ]
    assert found == expected


def test_header_datelines_skip_comments_sidebars_and_sentences() -> None:
    tree = parse_html(
        "<html><body><aside><ul><li><a href='/x'>A much older story about the same council</a>"
        " <span class='date'>March 3, 2021</span></li></ul></aside>"
        "<h1>Council approves plan</h1><span class='date'>June 4, 2024</span>"
        "<p class='caption'>The bridge as it looked on May 2, 2019, before the flood damaged it.</p>"
        f"<p>{STORY} {STORY}</p><p>{STORY2} {STORY2}</p>"
        "<div class='comments'><time>June 5, 2024</time></div></body></html>"
    )
    assert tree is not None
    assert [d.day for d in header_datelines(tree)] == [date(2024, 6, 4)]


def _dates(html: str, **kwargs: object):  # type: ignore[no-untyped-def]
    tree = parse_html(html)
    assert tree is not None
    return pick_dates(
        collect(tree),
        tree,
        url="https://example.com/a",
        fetched_at=datetime(2024, 1, 10, tzinfo=UTC),
        language="en",
        **kwargs,  # type: ignore[arg-type]
    )


def test_utc_timestamp_takes_the_offset_the_page_prints() -> None:
    dates = _dates(
        '<html><head><meta property="article:published_time" content="2023-12-23T03:00:46Z">'
        "</head><body><h1>Budget passed</h1><div class='date'>December 22, 2023 10:00 PM</div>"
        f"<p>{STORY}</p></body></html>"
    )
    assert dates.published == "2023-12-22T22:00:46-05:00"


def test_same_instant_with_local_offset_elsewhere_on_the_page() -> None:
    dates = _dates(
        '<html><head><meta property="article:published_time" content="2023-12-02T00:46:23Z">'
        "</head><body><h1>Survey results</h1>"
        '<time class="entry-date" datetime="2023-12-01T19:46:23-05:00">December 1, 2023</time>'
        f"<p>{STORY}</p></body></html>"
    )
    assert dates.published == "2023-12-01T19:46:23-05:00"


def test_header_shows_the_modified_date_unlabelled() -> None:
    dates = _dates(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2019-03-30T08:00:00-04:00", "dateModified": "2023-12-19T09:00:00-05:00"}'
        "</script></head><body><time>Dec 19, 2023 9:00 AM</time><h1>Best jackets</h1>"
        f"<p>{STORY}</p></body></html>"
    )
    assert dates.published == "2023-12-19T09:00:00-05:00"


def test_labelled_update_line_is_the_modified_date_not_the_published_one() -> None:
    dates = _dates(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2022-10-24T19:16:43-04:00", "dateModified": "2023-12-14T13:36:44-05:00"}'
        "</script></head><body><h1>Gift guide</h1><div class='date'>Updated on December 14, 2023"
        f"</div><p>{STORY}</p></body></html>"
    )
    assert dates.published == "2022-10-24T19:16:43-04:00"
    assert dates.modified == "2023-12-14T13:36:44-05:00"


def test_modified_is_null_unless_the_page_states_one() -> None:
    # WordPress themes print class="entry-date updated" on the publication time.
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2023-10-21T09:30:00+05:00"}</script></head><body><h1>Roundtable</h1>'
        '<time class="entry-date updated" datetime="2023-10-21T09:30:00+05:00">21 October 2023'
        f"</time><p>{STORY}</p></body></html>"
    )
    assert _dates(html).modified is None
    assert _dates(html, hint_modified="2023-10-21T09:30:00+05:00").modified is None
    assert _dates(html, hint_modified="2023-10-22T08:00:00+05:00").modified == (
        "2023-10-22T08:00:00+05:00"
    )


def test_comment_times_are_not_the_publication_time() -> None:
    dates = _dates(
        "<html><body><h1>Folk festival</h1>"
        '<time class="entry-date updated" datetime="2023-10-13T20:15:00+02:00">13 October 2023'
        f"</time><p>{STORY}</p><ol class='comment-list'><li class='comment'>"
        '<time datetime="2023-10-13T23:19:00+02:00">13 Oct 2023 at 23:19</time></li></ol>'
        "</body></html>"
    )
    assert dates.published == "2023-10-13T20:15:00+02:00"


# -- body: header standfirst ----------------------------------------------------------------

DEK = "Councillors will decide next month whether to borrow money for higher sea walls."


def _tree(body: str):  # type: ignore[no-untyped-def]
    tree = parse_html(f"<html><body>{body}</body></html>")
    assert tree is not None
    return tree


def test_standfirst_in_the_header_block_is_not_story() -> None:
    tree = _tree(
        f"<article><div class='header'><h1>Sea walls</h1><p>{DEK}</p></div>"
        f"<div class='story'><p>{STORY}</p><p>{STORY2}</p></div></article>"
    )
    assert header_standfirst(tree, "Sea walls", DEK, STORY)


def test_lead_paragraph_in_the_story_container_is_story() -> None:
    flat = _tree(f"<article><h1>Sea walls</h1><p>{DEK}</p><p>{STORY}</p><p>{STORY2}</p></article>")
    assert not header_standfirst(flat, "Sea walls", DEK, STORY)
    nested = _tree(
        f"<h1>Sea walls</h1><div class='story'><p>{DEK}</p><p>{STORY}</p><p>{STORY2}</p></div>"
    )
    assert not header_standfirst(nested, "Sea walls", DEK, STORY)


# -- body: cleaning rules -------------------------------------------------------------------


def _clean(lines: list[tuple[str, str]], **context: object) -> list[str]:
    blocks = [Block(kind, text) for kind, text in lines]
    return [b.text for b in clean_blocks(blocks, CleanContext(**context))]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "byline",
    [
        "By Anna Keller and Tomás Ruiz",
        "Von Lena Hoffmann",
        "Текст: Ольга Смирнова",
        "Por María José García",
        "Par Claire Dubois",
    ],
)
def test_byline_lines_at_the_top_or_bottom_are_dropped(byline: str) -> None:
    assert _clean([("p", byline), ("p", STORY), ("p", STORY2)]) == [STORY, STORY2]
    assert _clean([("p", STORY), ("p", STORY2), ("p", byline)]) == [STORY, STORY2]


def test_a_sentence_starting_with_by_is_story() -> None:
    line = "By the time the council voted, most residents had gone home."
    assert _clean([("p", line), ("p", STORY)]) == [line, STORY]


@pytest.mark.parametrize(
    "note",
    [
        "This article was first published by Caspian Wire and is republished with permission.",
        "This story was originally published on Grist.",
        "This story was produced in partnership with the Pulitzer Center.",
        "Dieser Artikel erschien zuerst bei der Rheinischen Nachrichtenagentur.",
        "Cet article a été initialement publié par The Conversation.",
        "Este artículo fue publicado originalmente en El Diario.",
    ],
)
def test_syndication_notes_at_the_end_are_dropped(note: str) -> None:
    assert _clean([("p", STORY), ("p", STORY2), ("p", note)]) == [STORY, STORY2]


def test_comment_section_heading_ends_the_story() -> None:
    lines = [("p", STORY), ("p", STORY2), ("p", STORY), ("head", "Comments (12)"), ("p", "Nice.")]
    assert _clean(lines) == [STORY, STORY2, STORY]


def test_author_bio_at_the_end_is_dropped() -> None:
    bio = "Adrienne Cole is a senior writer at Gearbench, where she has tested gear since 2016."
    lines = [("p", STORY), ("p", STORY2), ("p", STORY), ("p", STORY2), ("p", bio)]
    assert _clean(lines, authors=["Adrienne Cole"]) == [STORY, STORY2, STORY, STORY2]
    assert _clean(lines) == [STORY, STORY2, STORY, STORY2, bio]


@pytest.mark.parametrize(
    "code",
    [
        "window.headertag = window.headertag || {};",
        '</noscript><script id="kinja-data" type="application/json">{"meta":{"blog":1}}',
        "!function () { var e = function () { return 1 }; }();",
    ],
)
def test_code_leaked_into_text_is_dropped(code: str) -> None:
    assert _clean([("p", STORY), ("p", code), ("p", STORY2)]) == [STORY, STORY2]


def test_standfirst_passed_by_the_caller_is_dropped_at_the_top_only() -> None:
    assert _clean([("p", DEK), ("p", STORY)], standfirst=DEK) == [STORY]


# -- consent dialogs, lead image ------------------------------------------------------------


def test_consent_dialogs_are_removed() -> None:
    tree = _tree(
        "<div id='onetrust-banner-sdk'><p>We use cookies.</p></div>"
        "<div class='cookie-consent'><p>Cookie List</p></div>"
        f"<div class='cookie-recipe'><p>{STORY}</p></div>"
    )
    remove_consent_dialogs(tree)
    assert text_of(tree) == STORY


def test_lead_image_is_the_figure_after_the_headline_not_the_logo() -> None:
    tree = _tree(
        "<header><a href='/'><img src='/static/logo.png' alt='Site' width='280' height='48'></a>"
        "</header><h1>Headline</h1><img src='/icons/share.svg' width='16' height='16'>"
        "<figure><img src='data:image/gif;base64,R0lGOD' data-src='/media/lead.jpg' "
        "width='1200' height='675'></figure>"
    )
    assert lead_image(tree) == "/media/lead.jpg"


def test_no_lead_image_when_only_a_logo() -> None:
    tree = _tree("<div class='top'><img src='/i/logo.png' alt='Site'></div><h1>Headline</h1>")
    assert lead_image(tree) is None


# -- authors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("ByVan Sias", ["Van Sias"]),
        ("Cory SpondentPublished 12 December 2023", ["Cory Spondent"]),
        ("Josh Norem December", ["Josh Norem"]),
        ("Zack Savitsky Twitter", ["Zack Savitsky"]),
    ],
)
def test_labels_glued_to_names_go(raw: str, names: list[str]) -> None:
    assert split_byline(raw)[0] == names


def test_name_with_affiliation_goes_when_the_plain_name_is_there() -> None:
    tree = parse_html(
        "<html><head><meta name='author' content='Kayla Jimenez USA TODAY, Kayla Jimenez'>"
        "</head><body></body></html>"
    )
    assert tree is not None
    assert pick_authors(collect(tree), ["USA TODAY"])[0] == ["Kayla Jimenez"]
