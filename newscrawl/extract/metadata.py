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

from newscrawl.extract.datelines import (
    Dateline,
    article_aside,
    header_datelines,
    in_boilerplate,
)
from newscrawl.extract.html import squash, text_of, wordset

ARTICLE_TYPES = wordset(
    """
    Article NewsArticle BlogPosting ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle
    ReviewNewsArticle BackgroundNewsArticle AskPublicNewsArticle SatiricalArticle Report
    ScholarlyArticle TechArticle SocialMediaPosting LiveBlogPosting DiscussionForumPosting
    Review MedicalScholarlyArticle AdvertiserContentArticle
    """
)
# Who can write or publish a story: what an author or publisher reference may point to.
AGENT_TYPES = frozenset(
    {
        "Person",
        "Organization",
        "NewsMediaOrganization",
        "Corporation",
        "NGO",
        "GovernmentOrganization",
    }
)
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "MedicalWebPage", "AboutPage", "QAPage", "FAQPage"})
LISTING_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "ItemList", "ProfilePage"})

# What the one walk of :func:`_scan` looks for, rule by rule.
_JSONLD_TYPES = frozenset({"application/ld+json", "application/json+ld"})
_ITEMPROP_VALUES = frozenset({"datePublished", "dateModified", "dateCreated", "headline"})
_ITEMPROP_AUTHORS = frozenset({"author", "creator"})
_ITEMPROP_NAME = XPath(".//*[@itemprop='name']")


def _substrings(*parts: str) -> re.Pattern[str]:
    """Matches a string that contains any of ``parts`` (XPath ``contains()``, case-sensitive)."""
    return re.compile("|".join(re.escape(part) for part in parts))


# Bylines: an element of these tags whose class or id says so (or that has a
# data-author attribute), outside <footer>.
_BYLINE_TAGS = frozenset({"div", "span", "p", "a", "address", "li", "section", "strong", "b"})
# "autor" (es, pt, de, pl: "autor", "autores", "autore") and "firma" (es, it: the signature);
# "szerzo" (hu), "forfatter" (da, no), "skribent" (sv), "tekija" (fi), "penulis" (id),
# "avtor" (uk, ru transliterated)
_BYLINE_NATIONAL = ("szerzo", "forfatter", "skribent", "tekija", "penulis", "avtor")
_BYLINE_CLASS = _substrings(
    "byline",
    "Byline",
    "author",
    "Author",
    "writer",
    "contributor",
    "autor",
    "Autor",
    "firma",
    *_BYLINE_NATIONAL,
)
_BYLINE_ID = _substrings("byline", "author", "autor")
# Text nodes that open a visible byline ("By ", "Posted by", "Von ", "Por ", "Par "),
# shorter than 200 characters, in <body> outside <script>, <style> and <footer>.
_BYLINE_OPENINGS = (
    "By ", "by ", "BY ", "Posted by ", "Submitted by ", "Written by ", "Words by ", "Von ", "Por ", "Par ",
    "Di ", "Door ", "Av ", "Af ", "Przez ", "Autor: ", "Autorin: ", "Auteur : ", "Auteur: ",
    "Autore: ", "Escrito por ", "Scritto da ", "Geschrieben von ", "Écrit par ", "Publié par ",
    "Publicado por ", "Pubblicato da ",
    # Italian bylines print "di" in lower case ("di Mario Rossi"); Portuguese, Turkish labels
    "di ", "Autora: ", "Yazan: ", "Yazar: ", "Muhabir: ",
    # Indonesian, Greek ("Του"/"Της": "by" him/her), Vietnamese, Finnish, Hungarian, Chinese
    "Oleh ", "Του ", "Της ", "Των ", "Bởi ", "Tác giả: ", "Teksti: ", "Tekijä: ", "Szerző: ",
    "Penulis: ", "Pewarta: ", "Wartawan: ", "Reporter: ", "记者 ", "記者 ", "撰文：",
    "本报记者 ", "本報記者 ", "Γράφει ο ", "Γράφει η ",
)  # fmt: skip
# The same, compared in lower case: "Story by", "Photos and story by", "Text:" and its
# translations ("Texte :", "Texto:", "Testo:", "Tekst:", "Текст:").
_BYLINE_OPENINGS_ANY_CASE = (
    "story by ", "text by ", "words and pictures by ", "photos and story by ",
    "photos and text by ", "story and photos by ", "text and photos by ",
    "text: ", "texte : ", "texte: ", "texto: ", "texto por ", "testo: ", "testo di ",
    "tekst: ", "text von ", "текст: ", "текст ", "автор: ", "автор ",
)  # fmt: skip
# An opener standing alone in its element, the names in the links after it:
# "<div>Por <a>María López</a> y <a>Juan Pérez</a></div>".
_BYLINE_WORDS = frozenset(
    {"By", "By:", "Penulis", "Autor", "Автор", "Tác giả"}  # labels printed without a colon too
    | {opening.strip() for opening in _BYLINE_OPENINGS if opening[0].isupper()}
)
# First characters of every opening above: a cheap test before _opens_byline.
_BYLINE_INITIALS = frozenset(opening[0] for opening in _BYLINE_OPENINGS) | frozenset(
    case(opening[0]) for opening in _BYLINE_OPENINGS_ANY_CASE for case in (str.lower, str.upper)
)
_BYLINE_TEXT_MAX = 200
# Dates: <time>, or an element of these tags whose class (or id) says date, outside
# <footer> and <aside>.
_DATE_TAGS = frozenset({"div", "span", "p", "time", "li", "small", "abbr", "dd"})
# ("datum": Dutch, German, Nordic, Czech and Hungarian class names)
_DATE_CLASS = _substrings("date", "Date", "time", "publish", "posted", "meta", "datum")
_DATE_ID = _substrings("date")
# Captions: <img> alt and title, <figcaption>, and short elements of these tags in
# <body> whose class names a caption ("caption", "imageCaption", "wp-caption-text").
_CAPTION_TAGS = frozenset({"p", "span", "div", "small", "em"})
_CAPTION_CLASS = _substrings("caption", "Caption")
# Paragraphs outside figures: a text found here too is story text, even if an
# image repeats it as its alt text.
_STORY_TAGS = frozenset({"p", "h2", "h3", "h4"})
_NOT_STORY_CLASS = _substrings("caption", "Caption", "credit")
# Containers whose subtrees the rules above look into or keep out of.
_SCOPES = frozenset({"footer", "aside", "script", "style", "figure", "figcaption", "nav"})
# Tags with a rule of their own in _scan.
_NAMED_TAGS = frozenset({"a", "meta", "script", "img", "link", "time", "h1", "title", "figcaption"})
_RULE_TAGS = _NAMED_TAGS | _BYLINE_TAGS | _DATE_TAGS | _CAPTION_TAGS | _STORY_TAGS
# A class that none of the class rules above can match (most of them) costs one search.
_CLASS_HINTS = _substrings(
    "byline", "Byline", "author", "Author", "writer", "contributor", "autor", "Autor", "firma",  # bylines
    *_BYLINE_NATIONAL,
    "date", "Date", "time", "publish", "posted", "meta", "datum",  # dates
    "caption", "Caption", "credit",  # captions, not story
)  # fmt: skip
# hAtom/hCard dates: ``<abbr class="published" title="2011-03-12T10:00:00-07:00">10:00 AM``
_MICROFORMAT_DATE = re.compile(r"(?:^|\s)(?:published|updated|dtstart|dtposted)(?:\s|$)")
# XPath's normalize-space() collapses these four only (not NBSP, unlike squash()).
_XML_SPACE = re.compile(r"[ \t\r\n]+")

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


def _walk(
    node: Any, out: list[dict[str, Any]], members: set[int], depth: int = 0, listed: bool = False
) -> None:
    """Collect the typed objects of a JSON-LD value into ``out``, and the ``id()`` of
    those that are members of a list (below an ``itemListElement``) into ``members``."""
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, out, members, depth + 1, listed)
    elif isinstance(node, dict):
        if "@type" in node:
            out.append(node)
            if listed:
                members.add(id(node))
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                _walk(node[key], out, members, depth + 1, listed or key == "itemListElement")


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
    # each <h1> without the label printed in its first child ("Opinion", "News |")
    h1_unlabelled: list[str] = field(default_factory=list)
    # (datetime attribute, text, class/itemprop hints, in a comment/aside/related block)
    times: list[tuple[str, str, str, bool]] = field(default_factory=list)
    datelines: list[Dateline] = field(default_factory=list)  # dates printed in the header
    itemprops: dict[str, list[str]] = field(default_factory=dict)
    itemprop_authors: list[str] = field(default_factory=list)
    rel_authors: list[str] = field(default_factory=list)
    # texts of links to author pages (/author/jane-doe), outside <nav>, <aside>, <footer>
    author_links: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    byline_texts: list[str] = field(default_factory=list)
    date_texts: list[str] = field(default_factory=list)
    image_texts: list[str] = field(default_factory=list)  # alt/caption texts not also story text
    all_image_texts: list[str] = field(default_factory=list)  # every alt/caption text
    link_count: int = 0
    # JSON-LD nodes by their "@id", for references like ``"author": {"@id": ...}``
    nodes_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

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

    def resolve(self, value: Any, kinds: frozenset[str] | None = None) -> Any:
        """``value`` with each bare reference (``{"@id": ...}`` and nothing to read)
        replaced by the JSON-LD node of that ``@id``, in lists too; with ``kinds``,
        only by a node of one of those types (a broken graph may point an author
        at the WebPage, whose name is the page title).

        Yoast SEO and other graph writers name an article's author and publisher
        by reference only: ``"author": {"@id": ".../#/schema/person/abc"}``, the
        Person node elsewhere in the ``@graph`` (or in another script).
        """
        if isinstance(value, list):
            return [self.resolve(item, kinds) for item in value]
        if isinstance(value, dict) and not _readable(value):
            ref = value.get("@id")
            node = self.nodes_by_id.get(ref) if isinstance(ref, str) else None
            if (
                node is not None
                and node is not value
                and (kinds is None or not kinds.isdisjoint(types_of(node)))
            ):
                return node
        return value

    @property
    def og_type(self) -> str | None:
        value = self.first("og:type")
        return value.lower() if value else None


def _readable(node: dict[str, Any]) -> bool:
    """A JSON-LD object that says something itself, not only which node it stands for."""
    return any(key in node for key in ("name", "givenName", "familyName", "@type"))


def _index_ids(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The typed JSON-LD nodes by ``@id``; the first node of an id wins."""
    index: dict[str, dict[str, Any]] = {}
    for obj in objects:
        ref = obj.get("@id")
        if isinstance(ref, str) and _readable(obj):
            index.setdefault(ref, obj)
    return index


# An article listed in an ItemList (related stories, a carousel) is another story: it
# is the page's article only when no article stands outside a list.
_LIST_MEMBER_PENALTY = 5


def _pick_article(
    objects: list[dict[str, Any]], members: set[int] | frozenset[int] = frozenset()
) -> dict[str, Any] | None:
    best, best_score = None, -1
    for obj in objects:
        kinds = set(types_of(obj))
        if kinds & ARTICLE_TYPES:
            score = 10 - (_LIST_MEMBER_PENALTY if id(obj) in members else 0)
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


def _normalize_space(text: str) -> str:
    """XPath's ``normalize-space()``."""
    return _XML_SPACE.sub(" ", text).strip(" ")


def _opens_byline(text: str) -> bool:
    """A text node that reads "By ...", "Posted by ...", "Von ...": a visible byline.

    :func:`_scan` tests the length and the first letter before calling this.
    """
    normal = _normalize_space(text)
    return (
        normal.startswith(_BYLINE_OPENINGS)
        or normal in _BYLINE_WORDS
        or normal[:24].lower().startswith(_BYLINE_OPENINGS_ANY_CASE)
    )


def _size(node: HtmlElement) -> int:
    """Nodes in ``node.iter()``: the node and everything below it."""
    return 1 if len(node) == 0 else sum(1 for _ in node.iter())


@dataclass(slots=True)
class _Found:
    """What :func:`_scan` matched, in document order, no more of each than is used."""

    metas: list[HtmlElement] = field(default_factory=list)
    jsonld: list[HtmlElement] = field(default_factory=list)
    canonical: str | None = None
    title: HtmlElement | None = None
    h1: list[HtmlElement] = field(default_factory=list)
    times: list[HtmlElement] = field(default_factory=list)
    itemprops: list[HtmlElement] = field(default_factory=list)
    itemprop_authors: list[HtmlElement] = field(default_factory=list)
    rel_authors: list[HtmlElement] = field(default_factory=list)
    author_links: list[HtmlElement] = field(default_factory=list)
    bylines: list[HtmlElement] = field(default_factory=list)
    # ((place, rank), the element whose text it is): a tail is met with its element but
    # comes after that element's subtree, so these are put in page order afterwards.
    byline_texts: list[tuple[tuple[int, int], HtmlElement | None]] = field(default_factory=list)
    dates: list[HtmlElement] = field(default_factory=list)
    image_texts: list[str | HtmlElement] = field(default_factory=list)
    story: list[HtmlElement] = field(default_factory=list)
    link_count: int = 0


# RDFa date properties (Drupal 7 prints ``<span property="dc:date dc:created"
# content="2024-03-12T10:00:00-05:00">``) and the microdata name they stand for.
_RDFA_DATES = {
    "dc:date": "datePublished",
    "dc:created": "datePublished",
    "dc:issued": "datePublished",
    "dcterms:created": "datePublished",
    "dcterms:issued": "datePublished",
    "schema:datePublished": "datePublished",
    "dc:modified": "dateModified",
    "dcterms:modified": "dateModified",
    "schema:dateModified": "dateModified",
}


def _rdfa_itemprop(node: HtmlElement) -> str | None:
    """The microdata name of an RDFa date property with a machine value, or None."""
    if node.get("content") is None:
        return None
    for name in (node.get("property") or "").split():
        if name in _RDFA_DATES:
            return _RDFA_DATES[name]
    return None


def _in_body(node: HtmlElement) -> bool:
    """Below a <body> element (asked of the few candidates only: <body> spans most nodes)."""
    return next(node.iterancestors("body"), None) is not None


def _scan(tree: HtmlElement) -> _Found:
    """Walk the tree once and sort its elements into what :func:`collect` reads.

    These were a dozen whole-document XPath scans (``//*[contains(@class, 'byline')]
    [not(ancestor::footer)]`` and the like); one Python pass does the same tests in
    a fraction of the time. Ancestor tests use positions in ``tree.iter()`` order:
    a subtree is a range of positions, and the node at ``index`` lies inside the
    <footer> subtrees met so far iff ``index < footer_end``, the furthest end of them.
    """
    found = _Found()
    footer_end = aside_end = code_end = figure_end = nav_end = 0  # code: <script>, <style>
    for index, node in enumerate(tree.iter()):
        tag = node.tag
        # ancestors only: a tail is text of the parent, and no rule matches itself
        in_footer = index < footer_end
        text_scope = index >= footer_end and index >= code_end
        if (
            text_scope
            and (tail := node.tail) is not None  # (read only here: inline scripts are long)
            and len(tail) < _BYLINE_TEXT_MAX
            and tail.lstrip(" \t\r\n")[:1] in _BYLINE_INITIALS
            and _opens_byline(tail)
            and _in_body(node)
        ):
            # after this node's subtree, before the tails of the nodes around it
            place = index + _size(node)
            depth = sum(1 for _ in node.iterancestors())
            found.byline_texts.append(((place, -depth), node.getparent()))
        if not isinstance(tag, str):  # a comment or processing instruction
            continue
        if tag in _SCOPES:
            end = index + _size(node)
            if tag == "footer":
                footer_end = max(footer_end, end)
            elif tag == "aside":
                if not article_aside(node):
                    aside_end = max(aside_end, end)
            elif tag in ("script", "style"):
                code_end = max(code_end, end)
            elif tag == "nav":
                nav_end = max(nav_end, end)
            else:
                figure_end = max(figure_end, end)
            text_scope = index >= footer_end and index >= code_end  # its own text is inside
        if (
            text_scope
            and (text := node.text) is not None
            and len(text) < _BYLINE_TEXT_MAX
            and text.lstrip(" \t\r\n")[:1] in _BYLINE_INITIALS
            and _opens_byline(text)
            and (tag == "body" or _in_body(node))
        ):
            found.byline_texts.append(((index + 1, -(1 << 30)), node))  # before any child

        itemprop = node.get("itemprop")
        if itemprop is None and tag != "meta" and node.get("property") is not None:
            itemprop = _rdfa_itemprop(node)  # RDFa: the same values, named otherwise
        if itemprop is not None:
            if itemprop in _ITEMPROP_VALUES and tag != "meta":
                found.itemprops.append(node)
            elif itemprop in _ITEMPROP_AUTHORS and len(found.itemprop_authors) < 10:
                found.itemprop_authors.append(node)
        if tag not in _RULE_TAGS:
            continue
        klass = node.get("class")
        ident = node.get("id")
        if tag in _NAMED_TAGS:
            if tag == "a":
                href = node.get("href")
                if href is not None:
                    found.link_count += 1
                    if (
                        len(found.author_links) < _AUTHOR_LINKS_MAX
                        and not in_footer
                        and index >= aside_end
                        and index >= nav_end
                        and _AUTHOR_PAGE.search(href)
                    ):
                        found.author_links.append(node)
                rel = node.get("rel")
                if rel is not None and " author " in f" {rel} " and len(found.rel_authors) < 10:
                    found.rel_authors.append(node)
            elif tag == "meta":
                if node.get("content") is not None:
                    found.metas.append(node)
            elif tag == "script":
                if node.get("type") in _JSONLD_TYPES:
                    found.jsonld.append(node)
            elif tag == "img":
                found.image_texts.extend(v for k, v in node.items() if k in ("alt", "title"))
            elif tag == "link":
                if found.canonical is None and node.get("rel") == "canonical":
                    found.canonical = node.get("href")
            elif tag == "time":
                if len(found.times) < 30:
                    found.times.append(node)
            elif tag == "h1":
                if len(found.h1) < 10:
                    found.h1.append(node)
            elif tag == "title":
                if found.title is None:
                    found.title = node
            elif tag == "figcaption":
                found.image_texts.append(node)

        if klass is not None and _CLASS_HINTS.search(klass) is None:
            klass = None  # no class rule applies
        if tag == "abbr" and klass and _MICROFORMAT_DATE.search(klass) and len(found.times) < 30:
            found.times.append(node)  # read as <time>, its title the datetime
        if (
            tag in _BYLINE_TAGS
            and not in_footer
            and len(found.bylines) < 40
            and (
                (klass and _BYLINE_CLASS.search(klass))
                or (ident and _BYLINE_ID.search(ident))
                or node.get("data-author") is not None
            )
        ):
            found.bylines.append(node)
        if (
            tag in _DATE_TAGS
            and not in_footer
            and index >= aside_end
            and len(found.dates) < 40
            and (
                tag == "time"
                or (klass and _DATE_CLASS.search(klass))
                or (ident and _DATE_ID.search(ident))
            )
        ):
            found.dates.append(node)
        if (
            klass
            and tag in _CAPTION_TAGS
            and _CAPTION_CLASS.search(klass)
            and next(node.iterdescendants("p"), None) is None
            and len(_normalize_space(node.text_content())) < 400
            and _in_body(node)
        ):
            found.image_texts.append(node)
        if (
            tag in _STORY_TAGS
            and index >= figure_end
            and not (klass and _NOT_STORY_CLASS.search(klass))
        ):
            found.story.append(node)
    return found


_LABEL_MAX_WORDS = 4


def _without_label(h1: HtmlElement) -> str:
    """The text of ``h1`` after a short label in its own first child element, or ''.

    Pages print a kicker, section or format label inside the headline element
    (``<h1><span>Opinion</span> <span>Headline</span></h1>``, ``<div>News</div>
    Headline``); whether it belongs to the headline is for the title picker to
    decide, by what the page's metadata says the headline is.
    """
    if (h1.text or "").strip() or len(h1) == 0 or not isinstance(h1[0].tag, str):
        return ""
    label = text_of(h1[0])
    if not label or len(label.split()) > _LABEL_MAX_WORDS:
        return ""
    parts = [h1[0].tail or ""]
    for child in h1[1:]:
        if isinstance(child.tag, str):  # not a comment
            parts.append(text_of(child))
        parts.append(child.tail or "")
    rest = squash(" ".join(parts))
    return rest if len(rest.split()) >= 3 else ""


def _abbr_title(element: HtmlElement) -> str | None:
    """The machine value of a microformats ``<abbr title="2024-03-12T10:00:00-07:00">``:
    Blogger and older hAtom themes print "10:00 AM" and keep the full date in the title."""
    return element.get("title") if element.tag == "abbr" else None


def _joined_text(element: HtmlElement, links: bool) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            parts.append(", ")
        elif links and child.tag == "a" and _AUTHOR_PAGE.search(child.get("href") or ""):
            parts.append(f", {_joined_text(child, links)}, ")
        elif isinstance(child.tag, str):
            parts.append(_joined_text(child, links))
        parts.append(child.tail or "")
    return "".join(parts)


_SPACE_COMMA = re.compile(r"\s+,")
_COMMAS = re.compile(r",(?:\s*,)+")


def _byline_text(element: HtmlElement) -> str:
    """The text of a byline element, a ``<br>`` read as a comma, and so are the
    bounds of its links to author pages when it has several.

    "Jane Doe<br>John Roe" and "<a>Jane Doe</a><a>John Roe</a>" are two people,
    not "Jane Doe John Roe" or "Jane DoeJohn Roe".
    """
    links = sum(1 for a in element.iter("a") if _AUTHOR_PAGE.search(a.get("href") or "")) > 1
    if not links and next(element.iter("br"), None) is None:
        return text_of(element)
    text = _SPACE_COMMA.sub(",", squash(_joined_text(element, links)))
    return _COMMAS.sub(",", text).strip(" ,")


_AUTHOR_LINKS_MAX = 10
_AUTHOR_LINK_TEXT_MAX = 60
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CARD_LEVELS = 8
_HEADLINE_MIN_WORDS = 4  # "Politics" or "World news" over a byline is a section label
_PAGE_LEVELS = frozenset({"body", "main", "html"})
# Not "/people/" or "/profiles/": sections and topic pages about people use them.
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|bios?|autor(?:en|es|i)?|auteurs?|autore|by|writers?|columnists?"
    r"|journalist(?:s|en)?|reporters?|profile|staff|redakteur(?:e|in)?|redacteurs?)/[^/?#]",
    re.IGNORECASE,
)


def _in_teaser(node: HtmlElement) -> bool:
    """A byline printed in a teaser card for another story, not in the story's own header.

    The nearest headings around the byline tell: a card links its headline to
    the other story (``<a href><h2>...</h2> By ...</a>``, ``<h3><a href>...</a></h3>``);
    the story's own header has its unlinked ``<h1>`` (and perhaps a linked
    section label above it, too short for a headline). A linked heading that
    goes to an author page is an author box, not a card.
    """
    element: HtmlElement | None = node
    own = {node, *node.iterancestors()}  # a byline printed as a heading is no card title
    for _ in range(_CARD_LEVELS):
        if element is None or element.tag in _PAGE_LEVELS:
            return False
        headings = [h for h in element.iter(*_HEADINGS) if h not in own]
        if headings:
            if any(h.tag == "h1" for h in headings):
                return False
            if element.tag == "a" and element.get("href") and element is not node:
                return True
            link = next(headings[0].iter("a"), None)
            href = link.get("href") if link is not None else None
            return (
                bool(href)
                and _AUTHOR_PAGE.search(href) is None
                and len(text_of(headings[0]).split()) >= _HEADLINE_MIN_WORDS
            )
        element = element.getparent()
    return False


def _collect_meta(page: PageMeta, found: _Found) -> None:
    """<meta> values by their property, name, itemprop or http-equiv key."""
    for element in found.metas:
        content = squash(unescape(element.get("content") or ""))
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attr)
            if key:
                page.meta.setdefault(key.strip().lower(), []).append(content)


def _collect_jsonld(page: PageMeta, found: _Found) -> None:
    """JSON-LD objects, their types and the page's own article among them."""
    members: set[int] = set()
    for script in found.jsonld:
        data = _load_json(script.text or "")
        if data is not None:
            _walk(data, page.jsonld, members)
    for obj in page.jsonld:
        page.types.update(types_of(obj))
    page.article = _pick_article(page.jsonld, members)
    page.nodes_by_id = _index_ids(page.jsonld)


def _collect_times(page: PageMeta, found: _Found) -> None:
    """<time>-like elements: datetime value, text, class hints, boilerplate flag."""
    for element in found.times:
        hints = " ".join(
            filter(None, (element.get("itemprop"), element.get("class"), element.get("pubdate")))
        )
        parent = element.getparent()
        if parent is not None:
            hints += " " + (parent.get("class") or "") + " " + (parent.get("itemprop") or "")
        page.times.append(
            (
                squash(element.get("datetime") or _abbr_title(element)),
                text_of(element),
                hints.lower(),
                in_boilerplate(element),
            )
        )


def _collect_itemprops(page: PageMeta, found: _Found) -> None:
    """Microdata and RDFa values; in a related or comment block only a headline's."""
    for element in found.itemprops:
        if element.get("itemprop") != "headline" and in_boilerplate(element):
            continue  # the date of a teaser in a related-stories or comment block
        value = element.get("content") or element.get("datetime") or _abbr_title(element)
        value = value or text_of(element)
        if value:
            key = element.get("itemprop") or _rdfa_itemprop(element)
            page.itemprops.setdefault(key, []).append(squash(value))


def _collect_authors(page: PageMeta, found: _Found) -> None:
    """Author signals outside teasers: itemprop authors, rel=author and author links, bylines."""
    for element in found.itemprop_authors:
        names = [text_of(n) for n in _ITEMPROP_NAME(element)]
        if element.tag == "meta":
            names = [squash(element.get("content"))]
        page.itemprop_authors.extend(n for n in (names or [text_of(element)]) if n)
    page.rel_authors = [
        t for t in (text_of(a) for a in found.rel_authors if not _in_teaser(a)) if t
    ]
    page.author_links = [
        t
        for t in (text_of(a) for a in found.author_links if not _in_teaser(a))
        if 0 < len(t) <= _AUTHOR_LINK_TEXT_MAX
    ]
    page.bylines = [
        t
        for t in (_byline_text(e) for e in found.bylines if not _in_teaser(e))
        if 0 < len(t) <= 300
    ]
    for _, holder in sorted(found.byline_texts, key=lambda found_text: found_text[0])[:10]:
        # a reader's comment is signed like a post ("Submitted by", "Posted by")
        if holder is not None and not _in_teaser(holder) and not in_boilerplate(holder):
            text = _byline_text(holder)
            if 0 < len(text) <= 150:
                page.byline_texts.append(text)


def _collect_dates(page: PageMeta, found: _Found) -> None:
    """Texts of date-class elements outside related-story and comment blocks."""
    for element in found.dates:
        if in_boilerplate(element):
            continue  # a related story's or a comment's date
        text = text_of(element)
        if 6 <= len(text) <= 120 and any(c.isdigit() for c in text):
            page.date_texts.append(text)


def _collect_image_texts(page: PageMeta, found: _Found) -> None:
    """Image alt/caption texts, and those the story does not print as text."""
    image_texts = {}
    for value in found.image_texts:
        text = squash(value if isinstance(value, str) else text_of(value))
        if len(text) >= 12:
            image_texts.setdefault(text, None)
    page.all_image_texts = list(image_texts)
    if image_texts:
        story = {text_of(p) for p in found.story}
        page.image_texts = [t for t in image_texts if t not in story]


def collect(tree: HtmlElement) -> PageMeta:
    """Gather the raw metadata signals of ``tree`` (read-only)."""
    page = PageMeta()
    found = _scan(tree)
    _collect_meta(page, found)
    _collect_jsonld(page, found)
    page.canonical = found.canonical.strip() if found.canonical is not None else None
    lang = (
        tree.get("lang")
        or tree.get("xml:lang")
        or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    page.html_lang = lang.strip() if lang else None
    page.title_tag = text_of(found.title) if found.title is not None else None
    # a sidebar's <h1> (a widget title, a teaser) is no headline when the page has another
    headlines = [h for h in found.h1 if not in_boilerplate(h)] or found.h1
    page.h1 = [t for t in (text_of(h) for h in headlines) if t]
    page.h1_unlabelled = [t for t in (_without_label(h) for h in headlines) if t]
    _collect_times(page, found)
    page.datelines = header_datelines(tree)
    _collect_itemprops(page, found)
    _collect_authors(page, found)
    _collect_dates(page, found)
    _collect_image_texts(page, found)
    page.link_count = found.link_count
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
