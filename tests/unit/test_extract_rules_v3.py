"""Focused tests of the third round of body rules (issue 3).

Embedded social posts, data tables, rights/app/credit lines, production notes
at the end, link-list headings, forum-style comment threads, and JSON-LD
``articleBody`` as a second opinion. Whole pages of these shapes are in
``tests/fixtures/pages/`` (en-embed-table-tail-notes,
en-forum-comments-more-reads, es-jsonld-articlebody-rescue).
"""

from __future__ import annotations

import pytest

from newscrawl.extract.authors import pick_authors
from newscrawl.extract.body import (
    Block,
    jsonld_body_blocks,
    remove_embeds,
    rescue_with_jsonld,
)
from newscrawl.extract.clean import CleanContext, clean_blocks
from newscrawl.extract.html import parse_html, text_of
from newscrawl.extract.metadata import collect

STORY = "The council voted on Tuesday to approve the plan, after a debate that lasted six hours."
STORY2 = "Work on the new bridge is due to start in the spring and should take about two years."
STORY3 = "Residents will be able to comment on the design at two meetings in the town hall in May."


def _clean(lines: list[tuple[str, str]], **context: object) -> list[str]:
    blocks = [Block(kind, text) for kind, text in lines]
    return [b.text for b in clean_blocks(blocks, CleanContext(**context))]  # type: ignore[arg-type]


# -- embedded social posts ------------------------------------------------------------------


def test_embedded_posts_are_removed_and_the_text_after_them_stays() -> None:
    tree = parse_html(
        "<html><body><div class='story'><p>Before.</p>"
        "<blockquote class='twitter-tweet'><p>A post.</p>&mdash; Someone (@someone) "
        "<a href='#'>March 3, 2025</a></blockquote>tail text"
        "<blockquote class='instagram-media'><p>A photo post.</p></blockquote>"
        "<blockquote><p>A quote from the mayor.</p></blockquote><p>After.</p></div></body></html>"
    )
    assert tree is not None
    remove_embeds(tree)
    assert text_of(tree) == "Before.tail textA quote from the mayor.After."


def test_a_post_signature_line_is_dropped() -> None:
    signature = "— Valley Rail (@valleyrail) March 3, 2025"
    assert _clean([("p", STORY), ("p", signature), ("p", STORY2)]) == [STORY, STORY2]


# -- tables, rights, apps, credits ----------------------------------------------------------


def test_short_table_rows_are_data_not_text() -> None:
    rows = [("row", "Service | First train | Last train"), ("row", "Weekdays | 6:10 | 23:40")]
    assert _clean([("p", STORY), *rows, ("p", STORY2)]) == [STORY, STORY2]


def test_a_layout_table_cell_with_a_whole_paragraph_stays() -> None:
    long_cell = f"{STORY} {STORY2} {STORY3}"
    assert _clean([("p", STORY), ("row", long_cell)]) == [STORY, long_cell]


@pytest.mark.parametrize(
    "line",
    [
        "© 2025 The Riverside Post. All rights reserved.",
        (
            "Copyright 2025 Example Media Inc. All rights reserved. This material may not be "
            "published, broadcast, rewritten, or redistributed."
        ),
        "Tous droits réservés © Le Journal 2025",
        "Install the Example News app for free",
        "Be the first to get Breaking News",
        "[Image via Example Agency]",
        "Source images by Jane Doe and Example/Getty Images.",
    ],
)
def test_rights_app_and_credit_lines_are_dropped(line: str) -> None:
    assert _clean([("p", STORY), ("p", line), ("p", STORY2)]) == [STORY, STORY2]


# -- production notes at the end ------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "Contributing: Associated Press",
        "Includes information from The Associated Press",
        "Contact Dana Whitfield at dana.whitfield@riversidepost.example.",
        "—Staff writer Sam Lee can be reached at sam.lee@example.com.",
        'This article appeared in the Local section of the print edition under the headline "Back"',
        "Example Wire's Jo Park contributed to this report.",
        "Russo reported from New York.",
        "This interview has been edited for length and clarity.",
        "Read the original article on Parents.",
        "More information: A. Author et al, A title, Science (2023). DOI: 10.1126/science.abc1234",
        "A previous version of this story gave the wrong date for the vote.",
    ],
)
def test_production_notes_at_the_end_are_dropped(note: str) -> None:
    assert _clean([("p", STORY), ("p", STORY2), ("p", note)]) == [STORY, STORY2]


def test_an_email_address_in_the_middle_of_the_story_stays() -> None:
    line = "Readers can send their questions to the council at questions@example.org."
    lines = [("p", STORY), ("p", line), ("p", STORY2), ("p", STORY3), ("p", STORY)]
    assert _clean(lines) == [STORY, line, STORY2, STORY3, STORY]


# -- link lists and comment threads ---------------------------------------------------------


def test_a_more_from_heading_starts_a_link_list() -> None:
    lines = [
        ("p", STORY),
        ("p", STORY2),
        ("head", "More Must-Reads From The Riverside Post"),
        ("item", "Ten bridges that changed the valley"),
        ("item", "Why the ferry is always late"),
    ]
    assert _clean(lines) == [STORY, STORY2]


def test_a_forum_thread_without_a_heading_ends_the_story() -> None:
    lines = [
        ("p", STORY),
        ("p", STORY2),
        ("p", STORY3),
        ("p", STORY),
        ("item", "I doubt the bridge will be ready by spring, given how the last one went."),
        ("item", "Two years of buses was long enough. Reply"),
        ("item", "hexbyte said: Two years of buses was long enough. It really was. Reply"),
    ]
    assert _clean(lines) == [STORY, STORY2, STORY3, STORY]


def test_quotes_introduced_with_said_are_story() -> None:
    quote = 'She said: "We waited two years for this bridge and it was worth it."'
    quote2 = 'He said: "The buses were slow, but the drivers were kind."'
    lines = [("p", STORY), ("p", STORY2), ("p", STORY3), ("p", quote), ("p", STORY), ("p", quote2)]
    assert _clean(lines) == [STORY, STORY2, STORY3, quote, STORY, quote2]


# -- JSON-LD articleBody as a second opinion ------------------------------------------------

LONG = " ".join(
    f"Paragraph {n} of the real story says that the harbour works will take another year."
    for n in range(10)
)


def test_articlebody_replaces_an_extraction_that_missed_the_story() -> None:
    teaser_box = [Block("p", "Sign up for our morning newsletter and get the news first.")]
    rescued = rescue_with_jsonld(teaser_box, LONG.replace(". ", ".\n"))
    assert len(rescued) == 10
    assert rescued[0].text.startswith("Paragraph 0 of the real story")


def test_articlebody_that_agrees_with_the_extraction_changes_nothing() -> None:
    ours = [Block("p", LONG), Block("p", STORY)]
    assert rescue_with_jsonld(ours, LONG) == ours


def test_a_teaser_articlebody_changes_nothing() -> None:
    ours = [Block("p", STORY), Block("p", STORY2)]
    assert rescue_with_jsonld(ours, "A short teaser of the story…") == ours
    assert rescue_with_jsonld(ours, None) == ours


def test_articlebody_with_markup_becomes_paragraphs() -> None:
    blocks = jsonld_body_blocks(["<p>One &amp; two.</p><p>Three<br>four.</p>", 5])
    assert [b.text for b in blocks] == ["One & two.", "Three", "four."]


def test_articlebody_escaped_twice_is_unescaped_before_the_tags_go() -> None:
    raw = "&amp;lt;!-- wp:paragraph --&amp;gt;&amp;lt;p&amp;gt;Fish &amp;amp;amp; chips.&amp;lt;/p&amp;gt;"
    assert [b.text for b in jsonld_body_blocks(raw)] == ["Fish & chips."]


# -- captions by class, commerce disclosures ------------------------------------------------


def test_elements_whose_class_names_a_caption_are_image_texts() -> None:
    tree = parse_html(
        "<html><body><div class='story'><p>A paragraph of the story itself, long enough.</p>"
        "<p class='imageCaption'>Flowers laid at the scene on Sunday morning</p>"
        "<span class='photo-caption'>The harbour at dawn, seen from the pier</span>"
        "<div class='caption-wrapper'><p>Not a caption: a container of paragraphs.</p></div>"
        "</div></body></html>"
    )
    assert tree is not None
    page = collect(tree)
    assert page.image_texts == [
        "Flowers laid at the scene on Sunday morning",
        "The harbour at dawn, seen from the pier",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "When you buy through links on our site, we may earn an affiliate commission.",
        (
            "All products are independently selected by our editors. However, when you buy "
            "something through our retail links, we may earn a commission."
        ),
        "This newsletter may contain advertising, deals, or affiliate links.",
    ],
)
def test_affiliate_disclosures_are_dropped(line: str) -> None:
    assert _clean([("p", line), ("p", STORY), ("p", STORY2)]) == [STORY, STORY2]


# -- authors: helpers and other stories' bylines --------------------------------------------


def _authors(body: str, head: str = "") -> list[str]:
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert tree is not None
    return pick_authors(collect(tree), ["Example News"])[0]


def test_byline_helpers_are_not_authors() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
        '{"@type": "Person", "name": "Grace Dean"}, {"@type": "Person", "name": "Leon Hurley"}]}'
        "</script>"
    )
    byline = (
        "<div class='byline'>By Grace DeanContributions from Leon Hurley last updated 2 May</div>"
    )
    assert _authors(byline, ld) == ["Grace Dean"]
    reviewed = "<div class='byline'>By Geoff Williams|Reviewed by Liisa Rajala|Dec. 12, 2023</div>"
    assert _authors(reviewed) == ["Geoff Williams"]


def test_helpers_alone_are_kept_rather_than_no_author() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '{"@type": "Person", "name": "Whitney Hayes"}}</script>'
    )
    byline = "<div class='byline'>Photography by Whitney Hayes</div>"
    assert _authors(byline, ld) == ["Whitney Hayes"]


def test_a_second_by_line_with_new_names_is_another_story() -> None:
    body = (
        "<h1>Night trains return</h1><p>By John Sakellariadis</p><p>Story text.</p>"
        "<aside><a href='/x'>Other story</a><p>By Antoaneta Roussi and Maggie Miller</p></aside>"
    )
    assert _authors(body) == ["John Sakellariadis"]


def test_names_in_separate_by_lines_of_one_byline_stay_together() -> None:
    body = "<p>By Anna Keller</p><p>By Anna Keller and Tomás Ruiz</p><p>Story text.</p>"
    assert _authors(body) == ["Anna Keller", "Tomás Ruiz"]
