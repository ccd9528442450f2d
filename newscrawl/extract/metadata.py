"""Collect the machine-readable signals of a page in one pass over the tree.

JSON-LD (``@graph``, arrays, nested ``mainEntity``), OpenGraph and other
``<meta>`` tags, microdata ``itemprop``, ``<link rel=canonical>``, ``<time>``
elements, ``<html lang>``, ``<title>`` and ``<h1>``. This module only gathers
raw values; titles, authors, dates and language each decide in their own
module which signal wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from newscrawl.extract.datelines import Dateline, header_datelines, in_boilerplate
from newscrawl.extract.html import squash, text_of, wordset

ARTICLE_TYPES = wordset(
    """
    Article NewsArticle BlogPosting ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle
    ReviewNewsArticle BackgroundNewsArticle AskPublicNewsArticle SatiricalArticle Report
    ScholarlyArticle TechArticle SocialMediaPosting LiveBlogPosting DiscussionForumPosting
    Review MedicalScholarlyArticle AdvertiserContentArticle
    """
)
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "MedicalWebPage", "AboutPage", "QAPage", "FAQPage"})
LISTING_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "ItemList", "ProfilePage"})

_JSONLD = XPath('//script[@type="application/ld+json" or @type="application/json+ld"]')
_META = XPath("//meta[@content]")
_LINK_CANONICAL = XPath('//link[@rel="canonical"]/@href')
_LINK_REL = XPath("//link[@rel][@href]")
_TITLE = XPath("//head/title|//title")
_H1 = XPath("//h1")
_TIME = XPath("//time")
_ITEMPROP = XPath(
    "//*[@itemprop='datePublished' or @itemprop='dateModified' "
    "or @itemprop='dateCreated' or @itemprop='headline'][not(self::meta)]"
)
_ITEMPROP_AUTHOR = XPath("//*[@itemprop='author' or @itemprop='creator']")
_ITEMPROP_NAME = XPath(".//*[@itemprop='name']")
_REL_AUTHOR = XPath("//a[@rel='author']|//a[contains(concat(' ', @rel, ' '), ' author ')]")
# Predicates run in order: cheap attribute tests first, ancestor walks last.
_BYLINE = XPath(
    "//*[@class or @id or @data-author]"
    "[contains(@class, 'byline') or contains(@class, 'Byline') or contains(@class, 'author') "
    "or contains(@class, 'Author') or contains(@id, 'byline') or contains(@id, 'author') "
    "or contains(@class, 'writer') or contains(@class, 'contributor') or @data-author]"
    "[self::div or self::span or self::p or self::a or self::address or self::li "
    "or self::section or self::strong or self::b][not(ancestor::footer)]"
)
# Text nodes that open a visible byline ("By ", "Posted by", "Von ", "Por ", "Par ").
_BYLINE_TEXT = XPath(
    "//body//text()[contains('BbPWV', substring(normalize-space(.), 1, 1))]"
    "[string-length(.) < 200][string-length(normalize-space(.)) > 1]"
    "[starts-with(normalize-space(.), 'By ') "
    "or starts-with(normalize-space(.), 'by ') or starts-with(normalize-space(.), 'BY ') "
    "or normalize-space(.) = 'By' or normalize-space(.) = 'By:' "
    "or starts-with(normalize-space(.), 'Posted by ') or starts-with(normalize-space(.), 'Written by ') "
    "or starts-with(normalize-space(.), 'Words by ') or starts-with(normalize-space(.), 'Von ') "
    "or starts-with(normalize-space(.), 'Por ') or starts-with(normalize-space(.), 'Par ')]"
    "[not(ancestor::script)][not(ancestor::style)][not(ancestor::footer)]"
)
_DATE_TEXT = XPath(
    "//*[self::time or @class or @id]"
    "[contains(@class, 'date') or contains(@class, 'Date') or contains(@class, 'time') "
    "or contains(@class, 'publish') or contains(@class, 'posted') or contains(@class, 'dateline') "
    "or contains(@class, 'meta') or contains(@id, 'date') or self::time]"
    "[self::div or self::span or self::p or self::time or self::li or self::small "
    "or self::abbr or self::dd][not(ancestor::footer)][not(ancestor::aside)]"
)
# Captions: figcaption, and any short element whose class names a caption
# ("caption", "imageCaption", "wp-caption-text", "photo-caption").
_IMG_TEXTS = XPath(
    "//img/@alt|//img/@title|//figcaption|//body//*[contains(@class, 'aption')]"
    "[self::p or self::span or self::div or self::small or self::em]"
    "[contains(@class, 'caption') or contains(@class, 'Caption')]"
    "[not(.//p)][string-length(normalize-space(.)) < 400]"
)
# Paragraphs outside figures: a text found here too is story text, even if an
# image repeats it as its alt text.
_STORY_PARAGRAPHS = XPath(
    "//*[self::p or self::h2 or self::h3 or self::h4][not(ancestor::figure)][not(ancestor::figcaption)]"
    "[not(contains(@class, 'caption'))][not(contains(@class, 'Caption'))]"
    "[not(contains(@class, 'credit'))]"
)
_LINKS = XPath("//a[@href]")

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_HTML_COMMENT = re.compile(r"^\s*(<!--|<!\[CDATA\[)|(-->|\]\]>)\s*$")


def _schema_type(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        if isinstance(item, str):
            out.append(item.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    return out


def types_of(obj: dict[str, Any]) -> list[str]:
    """The schema.org type names of a JSON-LD object (``schema:NewsArticle`` -> ``NewsArticle``)."""
    return _schema_type(obj.get("@type"))


def _load_json(text: str) -> Any:
    text = _HTML_COMMENT.sub("", text.strip())
    if not text:
        return None
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _walk(node: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, out, depth + 1)
    elif isinstance(node, dict):
        if "@type" in node:
            out.append(node)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                _walk(node[key], out, depth + 1)


@dataclass(slots=True)
class PageMeta:
    """Raw signals of one page; every string is whitespace-collapsed."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    article: dict[str, Any] | None = None
    types: set[str] = field(default_factory=set)
    canonical: str | None = None
    html_lang: str | None = None
    title_tag: str | None = None
    h1: list[str] = field(default_factory=list)
    # (datetime attribute, text, class/itemprop hints, in a comment/aside/related block)
    times: list[tuple[str, str, str, bool]] = field(default_factory=list)
    datelines: list[Dateline] = field(default_factory=list)  # dates printed in the header
    itemprops: dict[str, list[str]] = field(default_factory=dict)
    itemprop_authors: list[str] = field(default_factory=list)
    rel_authors: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    byline_texts: list[str] = field(default_factory=list)
    date_texts: list[str] = field(default_factory=list)
    image_texts: list[str] = field(default_factory=list)  # alt/caption texts not also story text
    all_image_texts: list[str] = field(default_factory=list)  # every alt/caption text
    link_count: int = 0

    def first(self, *keys: str) -> str | None:
        """The first non-empty ``<meta>`` value among ``keys`` (lower-case names)."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        """Every ``<meta>`` value among ``keys``, in key order."""
        return [value for key in keys for value in self.meta.get(key, ()) if value]

    def article_value(self, *keys: str) -> Any:
        """The first present value among ``keys`` in the main JSON-LD article object."""
        if not self.article:
            return None
        for key in keys:
            value = self.article.get(key)
            if value not in (None, "", []):
                return value
        return None

    @property
    def og_type(self) -> str | None:
        value = self.first("og:type")
        return value.lower() if value else None


def _pick_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    best, best_score = None, -1
    for obj in objects:
        kinds = set(types_of(obj))
        if kinds & ARTICLE_TYPES:
            score = 10
        elif kinds & PAGE_TYPES and obj.get("datePublished"):
            score = 0
        else:
            continue
        score += sum(
            1 for key in ("headline", "datePublished", "author", "articleBody") if obj.get(key)
        )
        if score > best_score:
            best, best_score = obj, score
    return best


def collect(tree: HtmlElement) -> PageMeta:
    """Gather the raw metadata signals of ``tree`` (read-only)."""
    page = PageMeta()
    for element in _META(tree):
        content = squash(unescape(element.get("content") or ""))
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attr)
            if key:
                page.meta.setdefault(key.strip().lower(), []).append(content)
    for script in _JSONLD(tree):
        data = _load_json(script.text or "")
        if data is not None:
            _walk(data, page.jsonld)
    for obj in page.jsonld:
        page.types.update(types_of(obj))
    page.article = _pick_article(page.jsonld)
    canonical = _LINK_CANONICAL(tree)
    page.canonical = canonical[0].strip() if canonical else None
    lang = (
        tree.get("lang")
        or tree.get("xml:lang")
        or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    page.html_lang = lang.strip() if lang else None
    titles = _TITLE(tree)
    page.title_tag = text_of(titles[0]) if titles else None
    page.h1 = [t for t in (text_of(h) for h in _H1(tree)[:10]) if t]
    for element in _TIME(tree)[:30]:
        hints = " ".join(
            filter(None, (element.get("itemprop"), element.get("class"), element.get("pubdate")))
        )
        parent = element.getparent()
        if parent is not None:
            hints += " " + (parent.get("class") or "") + " " + (parent.get("itemprop") or "")
        page.times.append(
            (
                squash(element.get("datetime")),
                text_of(element),
                hints.lower(),
                in_boilerplate(element),
            )
        )
    page.datelines = header_datelines(tree)
    for element in _ITEMPROP(tree):
        value = element.get("content") or element.get("datetime") or text_of(element)
        if value:
            page.itemprops.setdefault(element.get("itemprop"), []).append(squash(value))
    for element in _ITEMPROP_AUTHOR(tree)[:10]:
        names = [text_of(n) for n in _ITEMPROP_NAME(element)]
        if element.tag == "meta":
            names = [squash(element.get("content"))]
        page.itemprop_authors.extend(n for n in (names or [text_of(element)]) if n)
    page.rel_authors = [t for t in (text_of(a) for a in _REL_AUTHOR(tree)[:10]) if t]
    page.bylines = [t for t in (text_of(e) for e in _BYLINE(tree)[:40]) if 0 < len(t) <= 300]
    for node in _BYLINE_TEXT(tree)[:10]:
        parent = node.getparent()
        if parent is not None and node.is_tail:
            parent = parent.getparent()
        if parent is not None:
            text = text_of(parent)
            if 0 < len(text) <= 150:
                page.byline_texts.append(text)
    for element in _DATE_TEXT(tree)[:40]:
        text = text_of(element)
        if 6 <= len(text) <= 120 and any(c.isdigit() for c in text):
            page.date_texts.append(text)
    image_texts = {}
    for value in _IMG_TEXTS(tree):
        text = squash(value if isinstance(value, str) else text_of(value))
        if len(text) >= 12:
            image_texts.setdefault(text, None)
    page.all_image_texts = list(image_texts)
    if image_texts:
        story = {text_of(p) for p in _STORY_PARAGRAPHS(tree)}
        page.image_texts = [t for t in image_texts if t not in story]
    page.link_count = len(_LINKS(tree))
    return page


def iter_strings(value: Any) -> Iterator[str]:
    """Strings in a JSON-LD value: a string, a list, or objects with ``name``/``url``."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from iter_strings(item)
    elif isinstance(value, dict):
        for key in ("name", "url", "@id"):
            inner = value.get(key)
            if isinstance(inner, str):
                yield inner
                return
