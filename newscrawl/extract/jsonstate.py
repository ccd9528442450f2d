"""The story of a client-rendered page, read from the JSON state it embeds.

Many news sites render their pages in the browser: the HTML a crawler gets is
an application shell (or a headline and a teaser), and the story travels in a
JSON blob for the JavaScript to render: Next.js ``<script id="__NEXT_DATA__"
type="application/json">``, Arc XP ``Fusion.globalContent = {...};``,
``window.__INITIAL_STATE__`` / ``__PRELOADED_STATE__`` / Apollo state. Such a
page would be rejected as ``js_shell`` or keep a stub body, though its story is
right there. :func:`state_story` finds it, as a general fallback that runs only
on a page whose HTML gave (almost) no story:

* the blobs: scripts whose content is pure JSON (``type="application/json"``,
  ``__NEXT_DATA__``; not JSON-LD, which :mod:`.metadata` reads), and
  ``name = {...}`` / ``name = JSON.parse("...")`` assignments whose right-hand
  side is valid JSON (``json`` decodes exactly one value there and stops). No
  JavaScript is evaluated; a blob over ``_MAX_SCRIPT_CHARS`` is not read.
* the story: in each object, an HTML string (``"body": "<p>..</p><p>..</p>"``)
  or a list of content elements (``[{"type": "text", "content": ".."}, ..]``,
  Arc's ``content_elements``, rich-text ``children`` nodes). Elements of a
  media, ad, embed or link type are skipped, and so are figures, captions,
  scripts and ad or related-link containers inside an HTML string.
* the article: the object whose title or headline is the page's title wins;
  without one, the longest text, and only when the page shows no story at all
  (a hub page may carry another story's text).

The paragraphs come back as :class:`~newscrawl.extract.body.Block` lines and go
through the same cleaning as any body, so the boilerplate rules still apply.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from newscrawl.extract.body import Block, tokens
from newscrawl.extract.html import squash
from newscrawl.extract.titles import norm

logger = logging.getLogger(__name__)

# A blob larger than this is not parsed (a state dump of a whole site section).
_MAX_SCRIPT_CHARS = 3_000_000
# At most this many objects of all blobs are looked at.
_MAX_NODES = 200_000
_MAX_DEPTH = 60
# A story from the state replaces the HTML body only with at least this many
# tokens (as the JSON-LD articleBody rescue) and this many times the HTML body's.
_MIN_TOKENS = 100
_MIN_RATIO = 2
# Assignments ``window.__STATE__ = {`` / ``Fusion.globalContent={`` /
# ``var data = JSON.parse("``; the value is decoded only if it is JSON.
_ASSIGNMENT = re.compile(
    r"(?:^|[;,{}\s(])(?:window\.|self\.|globalThis\.|var\s+|let\s+|const\s+)?"
    r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\s*[\"'][\w$.-]+[\"']\s*\])*"
    r"\s*=\s*(?:(JSON\.parse\(\s*)(?=\")|(?=[{\[]))"
)
_MAX_ASSIGNMENTS = 50
_DECODER = json.JSONDecoder()

# Keys of an object that hold its title.
_TITLE_KEYS = ("headline", "title", "headlines", "name", "seoTitle", "seo_title")
# Content-element types that are story text, and their block kinds.
_TEXT_TYPES = {
    "text": "p",
    "paragraph": "p",
    "p": "p",
    "par": "p",
    "richtext": "p",
    "rich_text": "p",
    "html": "p",
    "body": "p",
    "heading": "head",
    "header": "head",
    "subheading": "head",
    "subhead": "head",
    "h2": "head",
    "h3": "head",
    "h4": "head",
    "list": "item",
    "list_item": "item",
    "listitem": "item",
    "unordered_list": "item",
    "ordered_list": "item",
    "ul": "item",
    "ol": "item",
    "li": "item",
    "blockquote": "quote",
    "quote": "quote",
    "pullquote": None,  # repeats the story
    "pull_quote": None,
}
_TYPE_KEYS = ("type", "_type", "__typename", "kind", "blockType", "block_type", "nodeType")
_TEXT_KEYS = ("content", "text", "html", "value", "body", "items", "children", "data")
# Markup in an HTML body that is not story text.
_DROP_TAGS = ("figure", "figcaption", "script", "style", "iframe", "aside", "nav", "noscript")
_DROP_MARKS = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|advert\w*|promo\w*|related\w*|newsletter\w*|caption\w*|embed\w*"
    r"|read-?more|recommend\w*|sponsor\w*)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK_KINDS = {
    "p": "p",
    "h2": "head",
    "h3": "head",
    "h4": "head",
    "h5": "head",
    "h6": "head",
    "li": "item",
    "blockquote": "quote",
    "pre": "code",
}
_HTMLISH = re.compile(r"<(?:p|br|h[2-6]|li|div)[\s/>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StateStory:
    """A story found in a page's JSON state, and where."""

    blocks: list[Block]
    where: str  # "title-matched HTML string", "longest content-element list", ...


def _script_values(tree: HtmlElement) -> Iterator[Any]:
    """The JSON values of the page's state scripts, within the size cap."""
    for script in tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind == "application/ld+json" or script.get("src"):
            continue
        text = script.text or ""
        if len(text) > _MAX_SCRIPT_CHARS or len(text) < 50:
            continue
        if kind.endswith("json") or script.get("id") == "__NEXT_DATA__":
            try:
                yield json.loads(text)
            except (ValueError, RecursionError):
                continue
        elif not kind or "javascript" in kind or kind == "module":
            yield from _assigned_values(text)


def _assigned_values(code: str) -> Iterator[Any]:
    """The JSON objects assigned in ``code`` (``x = {...}``, ``x = JSON.parse("...")``)."""
    for n, match in enumerate(_ASSIGNMENT.finditer(code)):
        if n >= _MAX_ASSIGNMENTS:
            return
        try:
            value, _ = _DECODER.raw_decode(code, match.end())
            if match.group(1) and isinstance(value, str):
                value = json.loads(value)
        except (ValueError, RecursionError):
            continue
        if isinstance(value, dict | list) and value:
            yield value


def _element_type(item: dict[str, Any]) -> str | None:
    for key in _TYPE_KEYS:
        value = item.get(key)
        if isinstance(value, str):
            return value.strip().lower().replace("-", "_")
    return None


def _rich_text(value: Any, depth: int = 0) -> str:
    """The plain text of an element's content: a string (maybe inline HTML) or
    rich-text nodes (``[{"text": ".."}, {"children": [..]}]``)."""
    if depth > 8:
        return ""
    if isinstance(value, str):
        return _strip_inline(value)
    if isinstance(value, list):
        return "".join(_rich_text(v, depth + 1) for v in value)
    if isinstance(value, dict):
        for key in ("text", "content", "value", "children", "html"):
            if key in value:
                return _rich_text(value[key], depth + 1)
    return ""


def _strip_inline(text: str) -> str:
    if "<" not in text and "&" not in text:
        return text
    try:
        return fragment_fromstring(text, create_parent="span").text_content()
    except (etree.ParserError, ValueError):
        return text


def _element_blocks(items: list[Any]) -> list[Block]:
    """The story lines of a content-element list (text types only)."""
    out: list[Block] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        kind_name = _element_type(item)
        if kind_name is None or kind_name not in _TEXT_TYPES:
            continue
        kind = _TEXT_TYPES[kind_name]
        if kind is None:
            continue
        if kind == "item":
            entries = next(
                (
                    item[k]
                    for k in ("items", "children", "content")
                    if isinstance(item.get(k), list)
                ),
                None,
            )
            if entries is not None:
                for entry in entries:
                    text = squash(_rich_text(entry))
                    if text:
                        out.append(Block("item", text))
                continue
        if kind_name in ("html", "richtext", "rich_text"):
            html = next((item[k] for k in _TEXT_KEYS if isinstance(item.get(k), str)), "")
            if _HTMLISH.search(html):
                out.extend(html_blocks(html))
                continue
        value = next((item[k] for k in _TEXT_KEYS if k in item), None)
        text = squash(_rich_text(value))
        if text:
            out.append(Block(kind, text))
    return out


def _droppable(element: HtmlElement) -> bool:
    if element.tag in _DROP_TAGS:
        return True
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(marks.strip()) and bool(_DROP_MARKS.search(marks))


def html_blocks(html: str) -> list[Block]:
    """The story lines of an HTML body string (figures, captions, ads, embeds dropped)."""
    try:
        root = fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for element in list(root.iter()):
        dropped = isinstance(element.tag, str) and element is not root and _droppable(element)
        if dropped and element.getparent() is not None:
            element.drop_tree()
    out: list[Block] = []

    def walk(element: HtmlElement) -> None:
        loose = [element.text or ""]

        def flush() -> None:
            text = squash("".join(loose))
            if text:
                out.append(Block("p", text))
            loose.clear()

        for child in element:
            if not isinstance(child.tag, str):
                loose.append(child.tail or "")
                continue
            if child.tag in _BLOCK_KINDS:
                flush()
                text = squash(child.text_content())
                if text:
                    out.append(Block(_BLOCK_KINDS[child.tag], text))
            elif child.tag == "br":
                flush()
            elif child.tag in ("div", "section", "article", "ul", "ol", "header", "main"):
                flush()
                walk(child)
            else:
                loose.append(child.text_content())
            loose.append(child.tail or "")
        flush()

    walk(root)
    return out


def _element_list(value: Any) -> bool:
    """A list of typed content elements, some of them text."""
    return (
        isinstance(value, list)
        and len(value) >= 2
        and isinstance(value[0], dict)
        and any(isinstance(i, dict) and _element_type(i) in _TEXT_TYPES for i in value)
    )


@dataclass(slots=True)
class _Candidate:
    blocks: list[Block]
    size: int
    titled: bool
    shape: str


def _title_of(node: dict[str, Any]) -> list[str]:
    titles = []
    for key in _TITLE_KEYS:
        value = node.get(key)
        if isinstance(value, dict):  # Arc: "headlines": {"basic": ".."}
            value = value.get("basic") or value.get("main") or value.get("default")
        if isinstance(value, str) and value.strip():
            titles.append(value)
    return titles


def _matches(titles: list[str], page_titles: set[str]) -> bool:
    for title in titles:
        key = norm(title)
        if len(key) < 10:
            continue
        if any(_within(key, t) or _within(t, key) for t in page_titles):
            return True
    return False


def _within(short: str, long: str) -> bool:
    """``short`` is ``long`` or most of it (a title tag adds the site's name)."""
    return short in long and len(short) >= 0.5 * len(long)


def _candidates(value: Any, page_titles: set[str], min_tokens: int) -> Iterator[_Candidate]:
    """Story-like texts in the object tree ``value``, with whether their object's title
    is the page's (an object's title also covers texts one level of nesting down)."""
    stack: list[tuple[Any, int, bool]] = [(value, 0, False)]
    seen = 0
    while stack and seen < _MAX_NODES:
        node, depth, parent_titled = stack.pop()
        seen += 1
        if depth > _MAX_DEPTH:
            continue
        if isinstance(node, list):
            stack.extend((item, depth + 1, parent_titled) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        titled = _matches(_title_of(node), page_titles)
        for key, item in node.items():
            blocks: list[Block] = []
            shape = ""
            if isinstance(item, str) and len(item) > 400 and _HTMLISH.search(item):
                blocks, shape = html_blocks(item), "HTML string"
            elif _element_list(item):
                blocks, shape = _element_blocks(item), "content-element list"
            if blocks:
                size = sum(len(tokens(b.text)) for b in blocks)
                if size >= min_tokens:
                    yield _Candidate(blocks, size, titled or parent_titled, f"{shape} {key!r}")
            if isinstance(item, dict | list):
                stack.append((item, depth + 1, titled))


def state_story(
    tree: HtmlElement,
    *,
    page_titles: Sequence[str | None],
    body: Sequence[Block],
    min_words: int,
) -> StateStory | None:
    """The story in ``tree``'s JSON state when the HTML ``body`` missed it, or None.

    ``page_titles`` are the page's own titles (``<title>``, og:title, ``<h1>``,
    JSON-LD headline). The state's story must be far longer than ``body``; an
    object whose title is not the page's counts only when ``body`` is shorter
    than ``min_words`` (no story shown at all).
    """
    ours = sum(len(tokens(b.text)) for b in body)
    need = max(_MIN_TOKENS, _MIN_RATIO * ours)
    titles = {norm(t) for t in page_titles if t and norm(t)}
    best: _Candidate | None = None
    for value in _script_values(tree):
        for candidate in _candidates(value, titles, need):
            if best is None or (candidate.titled, candidate.size) > (best.titled, best.size):
                best = candidate
    if best is None or (
        not best.titled and len(" ".join(b.text for b in body).split()) >= min_words
    ):
        return None
    where = f"{'title-matched' if best.titled else 'longest'} {best.shape}"
    logger.debug("body from embedded JSON state: %s, %d tokens", where, best.size)
    return StateStory(best.blocks, where)
