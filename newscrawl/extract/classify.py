"""Is this URL an article, a listing, or something not worth fetching?

Discovery calls :func:`classify_url` before fetching. It is deliberately
conservative: only URLs whose *shape* says "listing" or "not a page" are kept
out of extraction; everything else is left to the page-level checks in
extraction, which see the HTML: :func:`sniff_not_html` on the raw bytes and
:func:`not_article_reason` on the parsed page (listings at any URL, from their
teaser cards; about and contact pages).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from newscrawl.extract.html import squash, text_of, word_count, wordset
from newscrawl.extract.metadata import ARTICLE_TYPES, PageMeta, types_of
from newscrawl.extract.urls import registered_domain


class UrlKind(StrEnum):
    ARTICLE = "article"  # the shape of a story URL: a date, a long slug or a numeric id
    LISTING = "listing"  # home, section, tag, author, category, pagination, search, archive
    INFO = "info"  # about, contact, legal, account pages: no story, few useful links
    FEED = "feed"  # RSS/Atom
    SITEMAP = "sitemap"
    ASSET = "asset"  # images, documents, media, scripts: never HTML
    UNKNOWN = "unknown"  # let the page decide


ASSET_EXTENSIONS = wordset(
    """
    7z apk avi bmp css csv dmg doc docx eot epub exe flac gif gz ico ics jpeg jpg js json m4a
    m4v mkv mov mp3 mp4 mpeg mpg odp ods odt ogg otf pdf png ppt pptx rar rss svg swf tar tif
    tiff ttf txt wav webm webp woff woff2 xls xlsx zip
    """
)
# "rss" is in ASSET_EXTENSIONS only for files that are not feeds in disguise; feeds are
# detected before assets below, by name.
_FEED_RE = re.compile(
    r"(^|/)(feeds?|rss|atom)(/|\.xml$|\.rss$|$)|\.(rss|atom)$|/feed\.xml$", re.IGNORECASE
)
_SITEMAP_RE = re.compile(r"sitemap[^/]*\.xml(\.gz)?$", re.IGNORECASE)
_LISTING_SEGMENTS = wordset(
    """
    archive archives author authors autor category categories categoria categorie kategorie
    page pages paged search seite section sections tag tags thema themen topic topics
    schlagwort etiqueta etiquetas rubrique rubriques user users
    """
)
_INFO_SEGMENTS = wordset(
    """
    about about-us abo account advertise advertising careers contact contact-us contacts
    cookie-policy cookies datenschutz faq help imprint impressum jobs legal login logout
    newsletter newsletters privacy privacy-policy register signin signup subscribe terms
    terms-of-service terms-of-use kontakt
    """
)
_LISTING_QUERY_KEYS = frozenset({"page", "p", "paged", "q", "s", "query", "search", "tag", "cat"})
_DATE_IN_PATH = re.compile(r"/(19|20)\d{2}/(0?[1-9]|1[0-2])(/|$)|/(19|20)\d{2}-\d{2}-\d{2}[/-]")
_LONG_ID = re.compile(r"\d{5,}")
_WORD_SPLIT = re.compile(r"[-_+]+")


def _segments(path: str) -> list[str]:
    return [s for s in unquote(path).lower().split("/") if s]


def _slug_words(segment: str) -> int:
    stem = segment.rsplit(".", 1)[0] if "." in segment else segment
    return len([w for w in _WORD_SPLIT.split(stem) if w])


def classify_url(url: str) -> UrlKind:
    """Classify ``url`` by its shape alone (no fetch)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    segments = _segments(path)
    last = segments[-1] if segments else ""

    if _SITEMAP_RE.search(path):
        return UrlKind.SITEMAP
    if _FEED_RE.search(path):
        return UrlKind.FEED
    if "." in last and last.rsplit(".", 1)[1] in ASSET_EXTENSIONS:
        return UrlKind.ASSET
    if not segments:
        return UrlKind.LISTING
    query_keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if query_keys & _LISTING_QUERY_KEYS and not _looks_like_story(segments):
        return UrlKind.LISTING
    if any(s in _LISTING_SEGMENTS for s in segments[:-1]) or last in _LISTING_SEGMENTS:
        # /tag/x/, /author/y/, /world/page/2/, /search
        return UrlKind.LISTING
    if any(s in _INFO_SEGMENTS for s in segments) and not _looks_like_story(segments):
        return UrlKind.INFO
    if _looks_like_story(segments):
        return UrlKind.ARTICLE
    if len(segments) <= 2 and all(
        _slug_words(s) <= 2 and not any(c.isdigit() for c in s) for s in segments
    ):
        # /world/, /world/europe/: section fronts
        return UrlKind.LISTING
    return UrlKind.UNKNOWN


def _looks_like_story(segments: list[str]) -> bool:
    path = "/" + "/".join(segments)
    if _DATE_IN_PATH.search(path + "/"):
        return any(_slug_words(s) >= 3 or _LONG_ID.search(s) for s in segments)
    last = segments[-1] if segments else ""
    return _slug_words(last) >= 4 or bool(_LONG_ID.search(last))


# ---------------------------------------------------------------------------
# Page level: what the fetched bytes and the parsed page say.

_HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "RIFF media"),
    (b"\xd0\xcf\x11\xe0", "OLE document"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00", "binary data"),
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:rdf|urlset|sitemapindex)\b",
    re.IGNORECASE | re.DOTALL,
)


def media_type(content_type: str | None) -> str | None:
    """The lower-case media type of a Content-Type value (``text/html``), or None."""
    if not content_type:
        return None
    value = content_type.split(";", 1)[0].strip().lower()
    return value or None


def sniff_not_html(data: bytes, content_type: str | None) -> str | None:
    """Why ``data`` is not an HTML page (for a ``not_html`` rejection), or None if it may be one."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    kind = media_type(content_type)
    looks_html = bool(_HTML_START.match(head)) or b"<html" in head.lower()
    if _FEED_START.match(head) and not looks_html:
        return "an XML feed or sitemap, not a page"
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return f"bytes are a {name}"
    if kind and kind not in _HTML_MEDIA_TYPES and not looks_html:
        return f"content type {kind}"
    sample = head[:512]
    if sample and sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 10:
        return "bytes are binary data"
    return None


# ---------------------------------------------------------------------------
# Page level, parsed: is this page a listing (home, section, tag, author, search)
# or another page that is not a story (about, contact)?
#
# A listing is a page of teasers: headlines linking to distinct story-shaped URLs
# of the same site, each in a small "card" (headline, a one-paragraph dek, a
# byline), repeated. What extraction finds as its "body" is then the deks, i.e.
# text that sits inside those cards, and little running text outside them. An
# article may link to other stories too ("Related", "Most read"), but its body
# is running text outside any card. The URL shape, the page type markup
# (CollectionPage, og:type profile) and the absence of article markup weigh in,
# but never decide alone: section fronts live at URLs of every shape, and many
# articles say og:type website.

LISTING_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "ItemList", "ProfilePage"})
# Types of the page itself (ItemList and ProfilePage also describe parts of stories).
PAGE_LISTING_TYPES = frozenset({"CollectionPage", "SearchResultsPage"})
INFO_TYPES = frozenset({"AboutPage", "ContactPage"})
_PROFILE_OG_TYPES = frozenset({"profile", "books.author"})

# Links with some text (a headline has more than a few characters), not in menus or footers.
_ANCHORS = XPath(
    "//body//a[@href][string-length(normalize-space(.)) >= 12]"
    "[not(ancestor::nav)][not(ancestor::footer)]"
)
_NOT_LINKS = ("#", "javascript:", "mailto:", "tel:", "data:")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = frozenset(
    {
        "li",
        "p",
        "div",
        "td",
        "dd",
        "dt",
        "article",
        "section",
        "header",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "body",
    }
)
_HEADLINE_WORDS = (3, 40)
_CARD_MAX_CHARS = 900  # about 150 words: a headline, a dek and a byline
_BIG_CARD_MAX_CHARS = 3000  # a headline and a long excerpt, when the structure repeats
_BIG_CARD_HEADLINE_SHARE = 0.02
_REPEATED = 3
_CARD_HEADLINE_SHARE = 0.1  # a card is mostly its headline and a dek, not a story
_LONG_WORDS = 25  # a paragraph of running text
_MIN_BLOCK_WORDS = 3  # shorter body lines ("2 results", "Next") are not weighed
_MAX_ANCHORS = 2000


def _word_count(text: str) -> int:
    words = len(text.split())
    if words < _HEADLINE_WORDS[0] and len(text) >= 12 and any(ord(c) >= 0x2E80 for c in text):
        return max(words, len(text) // 4)  # CJK: no spaces between words
    if words < len(text) // 20:
        # Chinese or Japanese with a few spaces ("本报北京3月12日电 今年以来，..."): the
        # spaces split off a dateline, not words; a story paragraph of 90 characters
        # is running text, not a three-word line inside a teaser card
        return max(words, word_count(text))
    return words


@dataclass(frozen=True, slots=True)
class PageShape:
    """What the listing classifier measured on a page (kept for the rejection detail)."""

    teasers: int = 0  # distinct story links with a headline, each in its own card
    body_words: int = 0  # words of body lines of at least _MIN_BLOCK_WORDS words
    card_words: int = 0  # ... of which are inside teaser cards
    long_paragraphs: int = 0  # body paragraphs of running text outside teaser cards

    @property
    def running_words(self) -> int:
        return self.body_words - self.card_words

    @property
    def card_share(self) -> float:
        return self.card_words / self.body_words if self.body_words else 0.0

    def __str__(self) -> str:
        return (
            f"{self.teasers} teaser headlines; {self.card_words} of {self.body_words} body words"
            f" in teaser cards, {self.long_paragraphs} paragraphs of running text"
        )


def _text_upto(element: HtmlElement, max_chars: int) -> str | None:
    """The whitespace-collapsed text of ``element``, or None when it is longer than ``max_chars``.

    Stops reading early, so that asking about a page-sized container stays cheap.
    """
    parts, size = [], 0
    for piece in element.itertext():
        size += len(piece)
        if size > 2 * max_chars + 200:  # whitespace is collapsed only at the end
            return None
        parts.append(piece)
    text = squash("".join(parts))
    return text if len(text) <= max_chars else None


def _is_headline(anchor: HtmlElement, text: str) -> bool:
    """A link that stands as a headline: in or around a heading, or the whole text of its block."""
    parent = anchor.getparent()
    for element in (parent, parent.getparent() if parent is not None else None):
        if element is not None and element.tag in _HEADINGS:
            return True
    if next(anchor.iter(*_HEADINGS), None) is not None:
        return True
    block = parent
    while block is not None and block.tag not in _BLOCKS:
        block = block.getparent()
    if block is None or block.tag == "body":
        return False
    return _text_upto(block, int(len(text) / 0.6)) is not None


def _teaser_links(tree: HtmlElement, url: str) -> dict[str, HtmlElement]:
    """Headline links to distinct story-shaped URLs of the page's own site (first link each)."""
    host = (urlsplit(url).hostname or "").lower()
    domain = registered_domain(url)
    own = url.split("#", 1)[0]
    found: dict[str, HtmlElement] = {}
    seen: set[str] = set()
    for anchor in _ANCHORS(tree)[:_MAX_ANCHORS]:
        href = (anchor.get("href") or "").strip()
        if href in seen or href.startswith(_NOT_LINKS):
            continue
        text = text_of(anchor)
        if not _HEADLINE_WORDS[0] <= _word_count(text) <= _HEADLINE_WORDS[1]:
            continue
        if not _is_headline(anchor, text):
            continue
        seen.add(href)
        target = urljoin(url, href).split("#", 1)[0]
        if target == own or target in found:
            continue
        parts = urlsplit(target)
        target_host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not (
            target_host in (host, domain) or target_host.endswith("." + domain)
        ):
            continue
        if classify_url(target) in (UrlKind.ARTICLE, UrlKind.UNKNOWN):
            found[target] = anchor
    return found


def _signature(element: HtmlElement) -> tuple[str, frozenset[str]]:
    """Tag and class words (without per-item numbers: ``post-123``), to see repeated cards."""
    words = (element.get("class") or "").split()
    return element.tag, frozenset(w for w in words if not any(c.isdigit() for c in w))


def _cards(links: dict[str, HtmlElement], *, big: bool) -> list[str]:
    """The text of each teaser's card: its largest ancestor holding no other teaser.

    A small card (a headline, a short dek and a byline) is taken as it is. A
    larger one (a long excerpt) only when ``big`` (the page says it is a listing)
    and other teasers' cards repeat its structure: a container around one
    headline link may also be a short story that links to another.
    """
    owners: dict[int, set[str]] = {}
    chains: list[tuple[HtmlElement, list[HtmlElement]]] = []
    for target, anchor in links.items():
        chain = []
        for element in anchor.iterancestors():
            if element.tag in ("body", "html"):
                break
            owners.setdefault(id(element), set()).add(target)
            chain.append(element)
        chains.append((anchor, chain))
    found: list[tuple[str, str, HtmlElement | None]] = []  # small card, big card, big element
    for anchor, chain in chains:
        small = large = text_of(anchor)
        headline = _word_count(small)
        big_element = None
        for element in chain:
            if len(owners[id(element)]) > 1:
                break
            text = _text_upto(element, _BIG_CARD_MAX_CHARS)
            if text is None or headline < _BIG_CARD_HEADLINE_SHARE * _word_count(text):
                break
            large, big_element = text, element
            if len(text) <= _CARD_MAX_CHARS and headline >= _CARD_HEADLINE_SHARE * _word_count(
                text
            ):
                small = text
        found.append((small, large, big_element))
    repeated: dict[tuple[str, frozenset[str]], int] = {}
    for _small, _big, element in found:
        if element is not None:
            key = _signature(element)
            repeated[key] = repeated.get(key, 0) + 1
    return [
        large
        if big and element is not None and repeated[_signature(element)] >= _REPEATED
        else small
        for small, large, element in found
    ]


def page_shape(
    tree: HtmlElement, url: str, body: Sequence[tuple[str, str]], *, big_cards: bool = False
) -> PageShape:
    """Measure teasers and where the body text sits. ``body``: (kind, text) lines;
    ``big_cards``: the page says it lists stories, so repeated long cards count."""
    links = _teaser_links(tree, url)
    cards = "\n".join(_cards(links, big=big_cards)) if links else ""
    body_words = card_words = long_paragraphs = 0
    for kind, text in body:
        words = _word_count(text)
        if words < _MIN_BLOCK_WORDS:
            continue
        body_words += words
        if cards and text in cards:
            card_words += words
        elif kind == "p" and words >= _LONG_WORDS:
            long_paragraphs += 1
    return PageShape(len(links), body_words, card_words, long_paragraphs)


def _section_shaped(url: str) -> bool:
    """A path of a few short words and no numbers (``/news/world/europe/``): a section's
    shape, though stories live at such URLs too (only a reason to look closer)."""
    segments = _segments(urlsplit(url).path)
    return 0 < len(segments) <= 4 and all(
        "." not in s and _slug_words(s) <= 2 and not any(c.isdigit() for c in s) for s in segments
    )


def _has_article_markup(page: PageMeta) -> bool:
    if page.og_type == "article" or page.first("article:published_time"):
        return True
    return bool(page.article) and bool(set(types_of(page.article or {})) & ARTICLE_TYPES)


def not_article_reason(
    tree: HtmlElement,
    url: str,
    page: PageMeta,
    body: Sequence[tuple[str, str]],
    *,
    min_words: int,
) -> tuple[str, str] | None:
    """``("listing" | "not_article", detail)`` for a page that is not a story, else None.

    ``body`` holds the extracted body lines as (kind, text), kind ``p`` for a
    paragraph. A page with article markup (article JSON-LD, ``og:type``
    article) and paragraphs of running text is a story without further ado.
    """
    markup = _has_article_markup(page)
    long_paragraphs = sum(
        1 for kind, text in body if kind == "p" and _word_count(text) >= _LONG_WORDS
    )
    kind = classify_url(url)
    # A story, unless the page says or its URL suggests it lists stories (some CMSs
    # print og:type article on archive pages too): then its cards decide.
    says_listing = (
        bool(page.types & PAGE_LISTING_TYPES) or kind is UrlKind.LISTING or _section_shaped(url)
    )
    if markup and long_paragraphs >= 3 and not says_listing:
        return None
    if not markup and (kind is UrlKind.INFO or page.types & INFO_TYPES):
        dated = any(stamp for stamp, *_ in page.times) or page.first("article:modified_time")
        if not dated:
            said = "an about/contact page type" if page.types & INFO_TYPES else "an info page URL"
            return "not_article", f"{said}, no article markup and no date"
    priors = []
    if page.types & LISTING_TYPES:
        priors.append("JSON-LD " + "/".join(sorted(page.types & LISTING_TYPES)))
    if kind is UrlKind.LISTING:
        priors.append("a listing URL")
    prior = " and ".join(priors)
    shape = page_shape(tree, url, body, big_cards=says_listing or bool(prior))
    if markup:
        # Article markup on a page of headlines: some CMSs print it on every page.
        if shape.running_words < min(min_words, 40) and (
            (shape.teasers >= 3 and shape.card_share >= 0.8) or shape.teasers >= 8
        ):
            return "listing", f"article markup, but {shape}"
        return None
    # Strong priors (above): the page's own type markup, the URL shape; og:type
    # profile weighs only with teaser cards (people pages carry text about the person).
    profile = f"og:type {page.og_type}" if page.og_type in _PROFILE_OG_TYPES else ""
    if shape.teasers >= 2 and shape.card_share >= 0.5 and shape.long_paragraphs == 0:
        return "listing", f"{prior + '; ' if prior else ''}{shape}"
    cards = shape.teasers >= 1 and shape.card_share >= 0.5 and shape.long_paragraphs <= 1
    if (prior or profile) and cards:
        return "listing", f"{prior or profile}; {shape}"
    if prior and shape.long_paragraphs == 0 and shape.running_words < min(min_words, 50):
        return "listing", f"{prior} and no running text; {shape}"
    if shape.teasers >= 10 and shape.long_paragraphs == 0 and shape.running_words < 30:
        return "listing", f"headlines and no running text; {shape}"
    # Fewer teaser cards (or none found), but the counts of a link page.
    links = page.link_count
    if prior and long_paragraphs < 3 and links >= 20:
        return "listing", f"{prior}; {links} links, {long_paragraphs} long paragraphs"
    weak = page.og_type == "website" or "WebSite" in page.types
    if weak and long_paragraphs == 0 and shape.body_words < 100 and links >= 50:
        return "listing", f"a website (not article) page type; {links} links, no running text"
    if links >= 100 and long_paragraphs == 0 and shape.body_words < 150:
        return "listing", f"no running text; {links} links"
    return None
