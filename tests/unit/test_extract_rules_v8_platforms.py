"""Platform shapes, round 8: pages as the common publishing platforms print them
(WordPress with Yoast SEO, Blogger, Medium, Jetpack), run whole through
``extract_article``. JSON-LD authors and publishers given by ``@id`` reference
only are looked up in the graph; a microformats ``<abbr title>`` date is read
from its title; the author card and social counters Medium prints under the
story, and Jetpack's "Like this:" block, stay out of the body. Each rule has a
case where it must not fire.
"""

from __future__ import annotations

import json
from typing import Any

from newscrawl.extract import extract_article
from newscrawl.items import Article

STORY = [
    "The council voted on Tuesday to approve the plan, after a debate that lasted six hours.",
    "Work on the new bridge is due to start in the spring and should take about two years.",
    "Residents will be able to comment on the design at two meetings in the town hall in May.",
    "The mayor said the vote showed that the town was ready to invest in its own future again.",
]
URL = "https://www.riverdale.example/2024/03/12/bridge/"
SITE = "https://www.riverdale.example/"


def _ld(obj: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def _page(head: str = "", body_extra: str = "", *, header: str = "", tail: str = "") -> str:
    story = "".join(f"<p>{line}</p>" for line in STORY)
    return (
        f'<html lang="en"><head><title>Council approves the new bridge</title>{head}</head><body>'
        f"<main><article><h1>Council approves the new bridge</h1>{header}"
        f'<div class="entry-content">{story}{body_extra}</div></article>{tail}</main>'
        "<footer>Contact us</footer></body></html>"
    )


def _extract(html: str, url: str = URL) -> Article:
    article = extract_article(html, url, fetched_at="2024-03-20T00:00:00+00:00")
    assert isinstance(article, Article), article
    return article


def _yoast_graph(author: Any, *people: dict[str, Any]) -> dict[str, Any]:
    """A Yoast SEO graph: Article, WebPage, WebSite, Organization, then the Person nodes."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "@id": f"{URL}#article",
                "isPartOf": {"@id": URL},
                "author": author,
                "headline": "Council approves the new bridge",
                "datePublished": "2024-03-12T10:00:00+00:00",
                "publisher": {"@id": f"{SITE}#organization"},
            },
            {
                "@type": "WebPage",
                "@id": URL,
                "name": "Council approves the new bridge - Riverdale Gazette",
                "isPartOf": {"@id": f"{SITE}#website"},
            },
            {"@type": "WebSite", "@id": f"{SITE}#website", "name": "Riverdale Gazette"},
            {"@type": "Organization", "@id": f"{SITE}#organization", "name": "Riverdale Gazette"},
            *people,
        ],
    }


def _person(key: str, name: str) -> dict[str, Any]:
    return {"@type": "Person", "@id": f"{SITE}#/schema/person/{key}", "name": name}


def test_yoast_author_reference_is_looked_up_in_the_graph() -> None:
    graph = _yoast_graph(
        {"@id": f"{SITE}#/schema/person/a1"}, _person("a1", "Jane Doe"), _person("b2", "Ann Poe")
    )
    article = _extract(_page(_ld(graph)))
    assert article.authors == ["Jane Doe"]
    assert article.published == "2024-03-12T10:00:00+00:00"


def test_author_references_in_a_list_and_in_another_script() -> None:
    refs = [{"@id": f"{SITE}#/schema/person/a1"}, {"@id": f"{SITE}#/schema/person/b2"}]
    graph = _yoast_graph(refs, _person("a1", "Jane Doe"))
    other = {"@context": "https://schema.org", **_person("b2", "John Roe")}
    article = _extract(_page(_ld(graph) + _ld(other)))
    assert article.authors == ["Jane Doe", "John Roe"]


def test_unresolved_author_reference_names_no_one() -> None:
    # the id points nowhere: no author from JSON-LD, and never the id's URL
    graph = _yoast_graph({"@id": f"{SITE}#/schema/person/missing"}, _person("a1", "Jane Doe"))
    article = _extract(_page(_ld(graph)))
    assert article.authors == []


def test_publisher_reference_and_website_give_the_site_name() -> None:
    graph = _yoast_graph({"@id": f"{SITE}#/schema/person/a1"}, _person("a1", "Jane Doe"))
    assert _extract(_page(_ld(graph))).site_name == "Riverdale Gazette"


def test_site_name_stays_empty_without_a_website_or_publisher_name() -> None:
    graph = _yoast_graph("Jane Doe")
    graph["@graph"] = [n for n in graph["@graph"] if n["@type"] in ("Article", "WebPage")]
    # isPartOf names the WebPage, whose name is the page title, not the site
    assert _extract(_page(_ld(graph))).site_name is None


BLOGGER_FOOTER = (
    '<div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">'
    'Jane Doe</span></span> <span class="post-timestamp">at '
    '<abbr class="published" itemprop="datePublished" title="{title}">10:00 AM</abbr>'
    "</span></div>"
)


def test_blogger_abbr_title_gives_the_published_time() -> None:
    header = '<h2 class="date-header"><span>Tuesday, March 12, 2024</span></h2>'
    footer = BLOGGER_FOOTER.format(title="2024-03-12T10:00:00-07:00")
    article = _extract(_page(header=header, tail=footer))
    assert article.published == "2024-03-12T10:00:00-07:00"


def test_abbr_without_a_date_title_falls_back_to_the_printed_date() -> None:
    header = '<h2 class="date-header"><span>Tuesday, March 12, 2024</span></h2>'
    footer = BLOGGER_FOOTER.format(title="permanent link")
    assert _extract(_page(header=header, tail=footer)).published == "2024-03-12"
