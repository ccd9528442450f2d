"""The story of client-rendered pages, read from their embedded JSON state.

Small pages in the shapes such sites ship (Next.js ``__NEXT_DATA__`` with an
HTML body or a content-element list, Arc XP ``Fusion.globalContent``,
``window.__INITIAL_STATE__ = {...};``), and the pages that must not change: a
server-rendered story that also carries its state, an application shell whose
state is only navigation, broken or oversized JSON.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from newscrawl.extract import extract_article, jsonstate
from newscrawl.extract.body import Block
from newscrawl.extract.html import parse_html
from newscrawl.extract.jsonstate import html_blocks, state_story
from newscrawl.items import Article, Rejection

URL = "https://news.example.org/2024/03/harbour-plan"
TITLE = "Council approves new harbour plan after long debate"

PARAGRAPHS = [
    (
        "The city council voted on Tuesday evening to approve a new plan for the old harbour, "
        "ending a debate that had divided residents and business owners for almost three years."
    ),
    (
        "Under the plan, the disused warehouses along the eastern quay will be turned into homes, "
        "workshops and a public market, while the fishing fleet keeps its moorings at the north pier."
    ),
    (
        "Supporters said the project would bring young families back to a district that has lost "
        "a third of its population since the shipyard closed, and would create hundreds of jobs."
    ),
    (
        "Opponents argued that the council had underestimated the cost of cleaning the polluted "
        "ground and warned that rents in the neighbouring streets would rise beyond local means."
    ),
    (
        "The mayor said the first buildings could open within four years if the regional "
        "government confirms its share of the funding before the end of the summer."
    ),
]
HEADING = "What happens next"
AD = "Advertisement - scroll to continue reading"
CAPTION = "The eastern quay photographed from the north pier last winter"
RELATED = "Read more: Fishing fleet faces new quota rules this spring"


def _shell(head: str = "", body: str = "", title: str = f"{TITLE} | Example News") -> bytes:
    """An application shell: a title, a mount point, scripts, no story text."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f"<meta property='og:title' content='{TITLE}'>{head}"
        "<script src='/_next/static/chunks/main.js' defer></script></head>"
        f"<body><div id='__next'></div>{body}</body></html>"
    ).encode()


def _dumps(value: Any) -> str:
    """JSON as pages embed it in a script: ``</`` escaped, so that no ``</script>`` ends it."""
    return json.dumps(value).replace("</", "<\\/")


def _next_data(page_props: dict[str, Any]) -> str:
    data = {"props": {"pageProps": page_props}, "page": "/[...slug]", "buildId": "abc123"}
    return f"<script id='__NEXT_DATA__' type='application/json'>{_dumps(data)}</script>"


NAVIGATION = {
    "menu": [
        {"title": "World", "href": "/world"},
        {"title": "Politics", "href": "/politics"},
        {"title": "Business", "href": "/business"},
    ],
    "footer": {"copyright": "Example News 2024", "links": ["/about", "/contact"]},
}
RELATED_STORIES = [
    {"title": "Fishing fleet faces new quota rules this spring", "url": "/fleet"},
    {"title": "Shipyard site sold to developer", "url": "/shipyard"},
]


def _article(html: bytes) -> Article:
    result = extract_article(html, URL)
    assert isinstance(result, Article), result
    return result


def _paragraphs(article: Article) -> list[str]:
    return article.body.split("\n\n")


def _assert_story(article: Article, *, heading: bool = True) -> None:
    lines = _paragraphs(article)
    for paragraph in PARAGRAPHS:
        assert paragraph in lines
    if heading:
        assert HEADING in lines
    for junk in (AD, CAPTION, RELATED, "Shipyard site sold"):
        assert junk not in article.body
    assert article.title == TITLE


def _html_body() -> str:
    return (
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"<figure><img src='/quay.jpg'><figcaption>{CAPTION}</figcaption></figure>"
        f"<div class='ad-slot'>{AD}</div><p>{PARAGRAPHS[2]}</p>"
        f"<aside class='related-links'><a href='/fleet'>{RELATED}</a></aside>"
        f"<h2>{HEADING}</h2><p>{PARAGRAPHS[3]}</p><p>{PARAGRAPHS[4]}</p>"
        "<script>window.loadWidget()</script>"
    )


def test_next_data_html_string_body() -> None:
    page = _shell(
        body=_next_data(
            {
                "navigation": NAVIGATION,
                "article": {
                    "id": "a-1",
                    "title": TITLE,
                    "body": _html_body(),
                    "related": RELATED_STORIES,
                },
            }
        )
    )
    _assert_story(_article(page))


def _rich(text: str) -> list[dict[str, Any]]:
    half = len(text) // 2
    cut = text.index(" ", half)
    return [{"text": text[:cut]}, {"text": text[cut:], "bold": True}]


def test_next_data_content_element_list() -> None:
    blocks = [
        {"type": "paragraph", "children": _rich(PARAGRAPHS[0])},
        {"type": "ad", "id": "mid-1", "text": AD},
        {"type": "paragraph", "children": _rich(PARAGRAPHS[1])},
        {"type": "image", "src": "/quay.jpg", "caption": CAPTION},
        {"type": "paragraph", "children": _rich(PARAGRAPHS[2])},
        {"type": "related-links", "items": [{"text": RELATED, "href": "/fleet"}]},
        {"type": "heading", "level": 2, "children": [{"text": HEADING}]},
        {"type": "paragraph", "children": _rich(PARAGRAPHS[3])},
        {"type": "embed", "html": "<blockquote>a post</blockquote>"},
        {"type": "paragraph", "children": _rich(PARAGRAPHS[4])},
    ]
    page = _shell(
        body=_next_data(
            {
                "layout": NAVIGATION,
                "story": {"headline": TITLE, "content": blocks},
                "moreStories": RELATED_STORIES,
            }
        )
    )
    _assert_story(_article(page))


def test_arc_fusion_global_content() -> None:
    content = {
        "_id": "ABC123",
        "type": "story",
        "headlines": {"basic": TITLE},
        "content_elements": [
            {"type": "text", "content": PARAGRAPHS[0]},
            {"type": "text", "content": f"<b>{PARAGRAPHS[1][:20]}</b>{PARAGRAPHS[1][20:]}"},
            {"type": "image", "caption": CAPTION, "url": "/quay.jpg"},
            {"type": "text", "content": PARAGRAPHS[2]},
            {"type": "interstitial_link", "content": RELATED, "url": "/fleet"},
            {"type": "header", "level": 2, "content": HEADING},
            {"type": "text", "content": PARAGRAPHS[3]},
            {"type": "custom_embed", "embed": {"config": {"text": AD}}},
            {"type": "list", "items": [{"type": "text", "content": PARAGRAPHS[4]}]},
        ],
    }
    script = (
        "<script>Fusion=window.Fusion||{};Fusion.arcSite='example';"
        f"Fusion.globalContent={_dumps(content)};"
        'Fusion.globalContentConfig={"source":"content-api"};</script>'
    )
    article = _article(_shell(body=script))
    _assert_story(article)
    assert article.body.index(PARAGRAPHS[1]) < article.body.index(PARAGRAPHS[4])


def test_window_initial_state_assignment() -> None:
    state = {
        "ui": {"theme": "light", "menu": NAVIGATION},
        "entities": {
            "stories": {
                "a-1": {"title": TITLE, "summary": "A short teaser.", "text": _html_body()},
                "a-2": {"title": "Shipyard site sold to developer", "summary": "Teaser."},
            }
        },
    }
    script = f"<script>window.__INITIAL_STATE__ = {_dumps(state)};\nwindow.env='prod';</script>"
    _assert_story(_article(_shell(body=script)))


def test_json_parse_assignment() -> None:
    state = {"article": {"title": TITLE, "bodyHtml": _html_body()}}
    literal = json.dumps(_dumps(state))
    script = f"<script>window.__PRELOADED_STATE__ = JSON.parse({literal});</script>"
    _assert_story(_article(_shell(body=script)))


def test_teaser_page_gets_the_whole_story() -> None:
    """A page that prints the headline and the first paragraph, the rest is client-side."""
    html = (
        f"<main><article><h1>{TITLE}</h1><p>{PARAGRAPHS[0]}</p>"
        "<div class='paywall-loader'></div></article></main>"
    )
    page = _shell(body=html + _next_data({"article": {"title": TITLE, "body": _html_body()}}))
    _assert_story(_article(page))


def _ssr_page(with_state: bool) -> bytes:
    story = "".join(f"<p>{p} {p} {p}</p>" for p in PARAGRAPHS)
    state = _next_data({"article": {"title": TITLE, "body": _html_body()}}) if with_state else ""
    return (
        f"<html><head><title>{TITLE}</title></head><body><div id='__next'><main><article>"
        f"<h1>{TITLE}</h1>{story}</article></main></div>{state}</body></html>"
    ).encode()


def test_server_rendered_page_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    without = _article(_ssr_page(with_state=False))

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the JSON state of a page with a story is not read")

    monkeypatch.setattr(jsonstate, "_script_values", never)
    with_state = _article(_ssr_page(with_state=True))
    assert with_state.body == without.body
    assert with_state.title == without.title


def _rejection(html: bytes) -> Rejection:
    result = extract_article(html, URL)
    assert isinstance(result, Rejection), result
    return result


def test_shell_with_navigation_state_stays_js_shell() -> None:
    page = _shell(body=_next_data({"navigation": NAVIGATION, "related": RELATED_STORIES}))
    assert _rejection(page).reason == "js_shell"


@pytest.mark.parametrize(
    "script",
    [
        "<script id='__NEXT_DATA__' type='application/json'>{\"props\": {\"article\": </script>",
        '<script>window.__INITIAL_STATE__ = {"article": {"title": "x", body: \'<p>\'}};</script>',
        "<script id='__NEXT_DATA__' type='application/json'>" + "[" * 100_000 + "</script>",
        "<script type='application/json'>"
        + _dumps({"article": {"title": TITLE, "body": _html_body() * 3000}})
        + "</script>",
    ],
    ids=["truncated", "javascript-not-json", "deeply-nested", "over-size-cap"],
)
def test_broken_or_huge_state_keeps_js_shell(script: str) -> None:
    assert _rejection(_shell(body=script)).reason == "js_shell"


def test_other_story_needs_an_empty_page() -> None:
    """A hub page with some text of its own does not become the story its state carries."""
    teaser = " ".join(PARAGRAPHS[:2])
    html = f"<main><h1>Harbour news</h1><p>{teaser}</p></main>"
    state = {"lead": {"title": "Shipyard site sold to developer", "body": _html_body()}}
    tree = parse_html(_shell(title="Harbour news", body=html + _next_data(state)).decode(), None)
    body = [Block("p", teaser)]
    assert state_story(tree, page_titles=["Harbour news"], body=body, min_words=40) is None
    found = state_story(tree, page_titles=["Harbour news"], body=[], min_words=40)
    assert found is not None
    assert found.where.startswith("longest")


def test_html_blocks_kinds() -> None:
    blocks = html_blocks(
        "<p>One <em>two</em></p><h3>Sub</h3><ul><li>Item</li></ul><blockquote>Q</blockquote>"
        "Loose text<br>after break<div class='newsletter-signup'>Sign up</div>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("p", "One two"),
        ("head", "Sub"),
        ("item", "Item"),
        ("quote", "Q"),
        ("p", "Loose text"),
        ("p", "after break"),
    ]
