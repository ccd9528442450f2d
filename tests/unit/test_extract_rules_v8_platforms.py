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

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.html import parse_html
from newscrawl.extract.metadata import collect
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


AUTHOR_LD = _ld(
    {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Council approves the new bridge",
        "datePublished": "2024-03-12T10:00:00Z",
        "author": {"@type": "Person", "name": "Jane Doe"},
    }
)
MEDIUM_TAIL = (
    "<div><p>1.2K</p><p>14</p><h2>Written by Jane Doe</h2>"
    "<p>2.1K Followers</p><p>Writer for Civic Notes. I cover local government.</p>"
    "<button>Follow</button><h2>More from Jane Doe and Civic Notes</h2>"
    "<h2>Recommended from Medium</h2><p>Help</p><p>Status</p><p>About</p></div>"
)


MEDIUM_LAST = (
    "Opponents argued that the money would be better spent on schools and on repairing the "
    "roads that already exist."
)


def _medium_page(tail: str) -> str:
    """Medium's shape: class-hash divs, the headline, author, clap and share bar, the
    story's paragraphs, then in the same container the counters, the author card and
    reading lists."""
    story = "".join(
        f'<p id="p{i}" class="pw-post-body-paragraph" data-selectable-paragraph="">{line}</p>'
        for i, line in enumerate([*STORY, MEDIUM_LAST])
    )
    return (
        '<html lang="en"><head><title>Council approves the new bridge | Medium</title>'
        f'{AUTHOR_LD}</head><body><div id="root"><div class="a b c"><div class="l"><nav>'
        '<a href="/">Medium</a><a href="/m/signin">Sign in</a></nav></div><article>'
        '<div class="l"><section><div><div class="fr"><div class="ab ca"><div class="ch bg fv">'
        '<div><h1 id="a1b2" class="pw-post-title" data-testid="storyTitle">'
        "Council approves the new bridge</h1></div>"
        '<div class="speechify-ignore"><div class="ab"><a href="/@janedoe?source=post_page" '
        'rel="noopener follow"><img alt="Jane Doe" src="x.jpg"></a><div>'
        '<span data-testid="authorName"><a href="/@janedoe?source=post_page" '
        'rel="noopener follow">Jane Doe</a></span><span><button>Follow</button></span></div>'
        '<div><span>Published in</span> <a href="/civic-notes" rel="noopener follow">'
        "<p>Civic Notes</p></a></div><div><span>4 min read</span><span>·</span>"
        "<span>Mar 12, 2024</span></div></div>"
        '<div class="pw-multi-vote-icon"><button aria-label="clap"></button></div>'
        '<div class="pw-multi-vote-count"><p><button>1.2K</button></p></div>'
        '<button aria-label="responses"><p>14</p></button><button aria-label="Listen">'
        '<p>Listen</p></button><button aria-label="Share"><p>Share</p></button></div>'
        f"{story}{tail}</div></div></div></div></section></div></article></div></div>"
        "</body></html>"
    )


def test_medium_author_card_and_counters_are_cut() -> None:
    body = _extract(_medium_page(MEDIUM_TAIL), "https://medium.com/civic/bridge-abc123").body
    assert body.endswith(MEDIUM_LAST)
    for furniture in ("1.2K", "Written by", "Followers", "I cover local government", "More from"):
        assert furniture not in body


def test_card_head_naming_someone_else_is_story() -> None:
    # "About <name>" that is not the story's author heads a box about its subject
    extra = (
        "<h2>About Harold Finch</h2>"
        "<p>Harold Finch designed the first bridge in 1921 and lived in the town all his life.</p>"
        "<p>His drawings are kept in the town archive and will be shown at the meetings.</p>"
    )
    body = _extract(_page(AUTHOR_LD, extra)).body
    assert "About Harold Finch" in body
    assert body.endswith("will be shown at the meetings.")


def test_written_by_at_the_top_is_no_card() -> None:
    story = "".join(f"<p>{line}</p>" for line in STORY)
    html = _page(AUTHOR_LD).replace(story, "<p>Written by Jane Doe</p>" + story)
    body = _extract(html).body
    assert body.startswith(STORY[0])
    assert body.endswith(STORY[-1])


JETPACK = (
    "<div><h3>Share this:</h3><ul><li><a href='?share=twitter'>Twitter</a></li>"
    "<li><a href='?share=facebook'>Facebook</a></li></ul></div>"
    "<p>Like this:</p><p>Like Loading...</p><h3>Related</h3>"
    "<p><a href='/x/'>School board elects new chair</a></p><p>March 1, 2024</p><p>In \"Local\"</p>"
)


def test_jetpack_likes_and_related_lines_are_dropped() -> None:
    body = _extract(_page(AUTHOR_LD, JETPACK)).body
    assert body.endswith(STORY[-1])
    for furniture in ("Like this", "Loading", 'In "Local"', "School board"):
        assert furniture not in body


def test_story_sentences_with_likes_and_numbers_stay() -> None:
    extra = (
        "<p>In “Local Lives”, a column from 1998, the mayor wrote that he would like this bridge.</p>"
        "<p>1.2K residents signed the petition, and 14 more wrote letters to the council.</p>"
    )
    body = _extract(_page(AUTHOR_LD, extra)).body
    assert "he would like this bridge" in body
    assert "1.2K residents signed the petition" in body


def test_old_blogger_abbr_published_class_gives_the_time() -> None:
    # older Blogger and hAtom themes: no itemprop, the date in <abbr class="published" title>
    header = '<h2 class="date-header"><span>Saturday, March 12, 2011</span></h2>'
    footer = (
        '<div class="post-footer">Posted by Jane Doe at <a class="timestamp-link" href="#">'
        '<abbr class="published" title="2011-03-12T10:00:00-07:00">10:00 AM</abbr></a></div>'
    )
    article = _extract(_page(header=header, tail=footer), "https://notes.example/2011/03/x.html")
    assert article.published == "2011-03-12T10:00:00-07:00"


def test_abbr_of_another_class_is_no_date() -> None:
    header = '<h2 class="date-header"><span>Saturday, March 12, 2011</span></h2>'
    footer = '<p><abbr class="initialism" title="2011-03-01T10:00:00-07:00">EST</abbr></p>'
    article = _extract(_page(header=header, tail=footer), "https://notes.example/x.html")
    assert article.published == "2011-03-12"


DRUPAL7_META = (
    '<div class="meta submitted"><span property="dc:date dc:created" '
    'content="2024-03-12T10:00:00-05:00" datatype="xsd:dateTime" rel="sioc:has_creator">'
    'Submitted by <span class="username" property="foaf:name">{who}</span> on '
    "Tue, 03/12/2024 - 10:00</span></div>"
)


def test_drupal7_rdfa_date_and_submitted_by_byline() -> None:
    article = _extract(_page(header=DRUPAL7_META.format(who="Jane Doe")))
    assert article.published == "2024-03-12T10:00:00-05:00"
    assert article.authors == ["Jane Doe"]


def test_drupal_user_name_is_no_author_and_rdfa_without_content_is_ignored() -> None:
    # a login name is not a person's name; an RDFa property without content gives no date
    meta = DRUPAL7_META.format(who="jdoe").replace('content="2024-03-12T10:00:00-05:00" ', "")
    article = _extract(_page(header=meta), "https://valley.example/news/bridge")
    assert article.authors == []
    assert article.published != "2024-03-12T10:00:00-05:00"


def _related_list() -> dict[str, Any]:
    """Related stories as a JSON-LD ItemList of full NewsArticle objects."""
    teasers = [("Budget talks stall again", "Ann Poe"), ("Storm knocks out power", "Bob Loe")]
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "NewsArticle",
                "headline": headline,
                "url": f"https://www.riverdale.example/other/{i}/",
                "datePublished": f"2024-02-0{i + 1}T08:00:00+01:00",
                "author": {"@type": "Person", "name": name},
            }
            for i, (headline, name) in enumerate(teasers)
        ],
    }


MAIN = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Council approves the new bridge",
    "datePublished": "2024-03-12T10:00:00+01:00",
}


def test_listed_articles_do_not_stand_for_the_page() -> None:
    # the related list scores higher (each teaser has an author), in either order
    byline = '<p class="byline">By Jane Doe</p>'
    for head in (_ld(MAIN) + _ld(_related_list()), _ld(_related_list()) + _ld(MAIN)):
        article = _extract(_page(head, header=byline))
        assert article.published == "2024-03-12T10:00:00+01:00"
        assert article.authors == ["Jane Doe"]


def test_a_listed_article_is_still_read_when_no_other_article_is_there() -> None:
    tree = parse_html(_page(_ld(_related_list())))
    page = collect(tree)
    assert page.article is not None
    assert page.article["headline"] == "Budget talks stall again"


def _title_only_page(title: str, graph_nodes: list[dict[str, Any]]) -> str:
    """No <h1>, no og:title: the title comes from <title>, the site name from JSON-LD."""
    story = "".join(f"<p>{line}</p>" for line in STORY)
    graph = {"@context": "https://schema.org", "@graph": graph_nodes}
    return (
        f'<html lang="en"><head><title>{title}</title>{_ld(graph)}</head><body><main><article>'
        f'<div class="story">{story}</div></article></main></body></html>'
    )


POSTING = {"@type": "BlogPosting", "author": "Jane Doe", "datePublished": "2024-03-12"}
WEBSITE = {"@type": "WebSite", "@id": "https://md.example/#website", "name": "Metro Daily"}


def test_website_node_name_is_stripped_from_the_title_tag() -> None:
    posting = {**POSTING, "isPartOf": {"@id": WEBSITE["@id"]}}
    for title in (
        "Council approves the new bridge :: Metro Daily",
        "Metro Daily | Council approves the new bridge",
        "Council approves the new bridge — Metro Daily",
    ):
        article = _extract(_title_only_page(title, [WEBSITE, posting]), "https://md.example/a/1")
        assert article.title == "Council approves the new bridge"
        assert article.site_name == "Metro Daily"


def test_title_tag_is_kept_whole_without_a_site_name() -> None:
    title = "Council approves the new bridge :: Metro Daily"
    article = _extract(_title_only_page(title, [POSTING]), "https://md.example/a/1")
    assert article.title == title


def _live_page(posting: dict[str, Any]) -> str:
    """A live blog: the newest entry first, each with its own <time>."""
    entries = [("15:00", "Vote passes", STORY[0]), ("12:00", "Mayor speaks", STORY[3])]
    entries += [("09:05", "Debate opens", STORY[1] + " " + STORY[2])]
    posts = "".join(
        f'<div class="live-post"><time datetime="2024-03-12T{clock}:00+00:00">{clock}</time>'
        f"<h2>{head}</h2><p>{text}</p></div>"
        for clock, head, text in entries
    )
    return (
        f'<html lang="en"><head><title>Live: Council votes</title>{_ld(posting)}</head><body>'
        f"<main><article><h1>Live: Council votes on the new bridge</h1>{posts}</article></main>"
        "</body></html>"
    )


LIVE = {
    "@context": "https://schema.org",
    "@type": "LiveBlogPosting",
    "headline": "Live: Council votes on the new bridge",
    "coverageStartTime": "2024-03-12T09:00:00+00:00",
    "liveBlogUpdate": [
        {
            "@type": "BlogPosting",
            "headline": "Vote passes",
            "datePublished": "2024-03-12T15:00:00Z",
        },
        {"@type": "BlogPosting", "headline": "Debate opens", "datePublished": "2024-03-12T09:05Z"},
    ],
}


def test_live_blog_opens_at_coverage_start_and_changes_with_its_newest_update() -> None:
    article = _extract(_live_page(LIVE), "https://md.example/live/council")
    assert article.published == "2024-03-12T09:00:00+00:00"
    assert article.modified == "2024-03-12T15:00:00+00:00"


def test_live_blog_stated_dates_win_over_coverage_and_updates() -> None:
    stated = {**LIVE, "datePublished": "2024-03-12T08:30:00Z", "dateModified": "2024-03-12T16:00Z"}
    article = _extract(_live_page(stated), "https://md.example/live/council")
    assert article.published == "2024-03-12T08:30:00+00:00"
    assert article.modified == "2024-03-12T16:00:00+00:00"


READING_TIME = (
    '<span class="span-reading-time rt-reading-time"><span class="rt-label rt-prefix">'
    'Reading Time: </span> <span class="rt-time">3</span> <span class="rt-label rt-postfix">'
    'minutes</span></span><p class="yoast-reading-time__wrapper"><span>Estimated reading time: '
    "</span><span>3</span><span> minutes</span></p>"
)
APPEAL = (
    '<div class="wp-block-group"><p><strong>Support independent local journalism.</strong> '
    "Your donation helps us keep reporting on the council, the schools and the courts.</p>"
    '<div class="wp-block-buttons"><a class="wp-block-button__link" href="/donate">Donate today</a>'
    "</div></div>"
)


def test_reading_time_lines_and_donation_appeal_are_dropped() -> None:
    story = "".join(f"<p>{line}</p>" for line in STORY)
    html = _page(AUTHOR_LD, APPEAL).replace(story, READING_TIME + story)
    body = _extract(html).body
    assert body.startswith(STORY[0])
    assert body.endswith(STORY[-1])


def test_story_about_donations_and_reading_time_stays() -> None:
    extra = (
        "<p>The reading time at the library will be 3 minutes longer for children this year.</p>"
        "<p>The charity said donations to support the bridge fund had dropped by a third.</p>"
    )
    body = _extract(_page(AUTHOR_LD, extra)).body
    assert "reading time at the library" in body
    assert body.endswith("had dropped by a third.")


PLATFORM_LINES = [
    "Click to share on X (Opens in new window)",
    "Posted in Local | Tagged bridge, council",
    "Your email address will not be published. Required fields are marked *",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "« Previous Post",
    "The post Council approves the new bridge appeared first on Riverdale Gazette.",
    "BlogThis!",
    "Labels: local, council",
    "Posted by Jane Doe at 10:00 AM",
    "Gift Article",
    "Ready for more?",
    "Next issue »",
]


@pytest.mark.parametrize("line", PLATFORM_LINES)
def test_platform_button_and_footer_lines_are_dropped(line: str) -> None:
    story = "".join(f"<p>{text}</p>" for text in STORY)
    html = _page(AUTHOR_LD).replace(story, story.replace("</p>", f"</p><p>{line}</p>", 2))
    body = _extract(html).body
    assert line not in body
    assert body.count("\n\n") == len(STORY) - 1


@pytest.mark.parametrize(
    "line",
    [
        "Posted in Kabul, the letter was signed by all six ministers.",
        "Follow the money, the auditor said.",
        "Tagged sharks return to the bay",
        "Posted in a war zone",
        "Published in 1998, the report found the bridge unsafe.",
        "The post office will move to the new building next year.",
    ],
)
def test_story_lines_that_open_like_furniture_stay(line: str) -> None:
    story = "".join(f"<p>{text}</p>" for text in STORY)
    html = _page(AUTHOR_LD).replace(story, story.replace("</p>", f"</p><p>{line}</p>", 1))
    assert line in _extract(html).body


def _amp_page(published: str, stamp: str) -> str:
    """An AMP page: JSON-LD in the head giving a time without a zone, the header's own date."""
    posting = {**MAIN, "datePublished": published, "author": "Jane Doe"}
    story = "".join(f"<p>{line}</p>" for line in STORY)
    return (
        f'<!doctype html><html amp lang="en"><head><title>Bridge</title>{_ld(posting)}</head>'
        f"<body><main><article><h1>Council approves the new bridge</h1>{stamp}"
        f'<amp-img src="/b.jpg" width="1200" height="675" alt="The old bridge"></amp-img>'
        f"{story}</article></main></body></html>"
    )


def test_zone_less_time_takes_the_zone_the_page_states_for_the_same_minute() -> None:
    for stamp in (
        '<time datetime="2024-03-12T10:00:00-04:00">March 12, 2024</time>',
        '<p class="date">Published March 12, 2024 at 10:00 a.m. EDT</p>',
    ):
        article = _extract(_amp_page("2024-03-12 10:00:00", stamp))
        assert article.published == "2024-03-12T10:00:00-04:00"
        assert article.published_raw == "2024-03-12 10:00:00"


def test_zone_less_time_keeps_only_its_day_when_no_stamp_agrees() -> None:
    for stamp in (
        '<p class="date">Published March 12, 2024 at 10:00</p>',  # no zone
        '<p class="date">Published March 12, 2024 at 11:30 a.m. EDT</p>',  # another minute
    ):
        assert _extract(_amp_page("2024-03-12 10:00:00", stamp)).published == "2024-03-12"


DRUPAL_COMMENTS = (
    '<div id="comments" class="comment-wrapper"><h2 class="title">Comments</h2>'
    '<div class="comment"><div class="submitted">Submitted by <span class="username">'
    "Carol White</span> on Wed, 03/13/2024 - 09:00</div><p>Long overdue.</p></div></div>"
)


def test_a_comment_signature_is_no_byline() -> None:
    meta = '<div class="meta submitted">Tue, 03/12/2024 - 10:00</div>'
    article = _extract(_page(header=meta, tail=DRUPAL_COMMENTS))
    assert article.authors == []


def test_the_story_byline_is_read_beside_signed_comments() -> None:
    meta = DRUPAL7_META.format(who="Jane Doe")
    article = _extract(_page(header=meta, tail=DRUPAL_COMMENTS))
    assert article.authors == ["Jane Doe"]


def _owned_page(name: str) -> str:
    """A Yoast graph whose WebSite and author Person carry the same name."""
    graph = [
        {"@type": "WebSite", "@id": f"{SITE}#website", "name": name},
        {
            "@type": "BlogPosting",
            "headline": "Council approves the new bridge",
            "datePublished": "2024-03-12T10:00:00+00:00",
            "author": {"@id": f"{SITE}#/schema/person/owner"},
        },
        {"@type": ["Person", "Organization"], "@id": f"{SITE}#/schema/person/owner", "name": name},
    ]
    return _page(_ld({"@context": "https://schema.org", "@graph": graph}))


def test_a_personal_blog_named_after_its_author_keeps_the_author() -> None:
    article = _extract(_owned_page("Jane Doe"))
    assert article.authors == ["Jane Doe"]
    assert article.organizations == []


@pytest.mark.parametrize("brand", ["Metro Daily", "MLB.com", "TechCrunch"])
def test_a_brand_typed_as_person_is_an_organization(brand: str) -> None:
    article = _extract(_owned_page(brand))
    assert article.authors == []
    assert article.organizations == [brand]


def test_an_author_reference_to_the_web_page_names_no_one() -> None:
    # a broken graph points the author at the WebPage: its name is the page title
    graph = _yoast_graph({"@id": URL})
    graph["@graph"][1]["name"] = "Bridge Vote"  # a short page title reads like a name
    byline = '<p class="byline">By Jane Doe</p>'
    article = _extract(_page(_ld(graph), header=byline))
    assert article.authors == ["Jane Doe"]
