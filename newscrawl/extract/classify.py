"""Is this URL an article, a listing, or something not worth fetching?

Discovery calls :func:`classify_url` before fetching. It is deliberately
conservative: only URLs whose *shape* says "listing" or "not a page" are kept
out of extraction; everything else is left to the page-level checks in
extraction, which see the HTML: :func:`sniff_not_html` on the raw bytes and
:func:`listing_reason` on the parsed page.
"""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import parse_qsl, unquote, urlsplit

from newscrawl.extract.html import wordset


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


LISTING_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "ItemList", "ProfilePage"})


def listing_reason(
    *,
    url: str,
    og_type: str | None,
    jsonld_types: set[str],
    has_article_jsonld: bool,
    link_count: int,
    long_paragraphs: int,
    words: int,
) -> str | None:
    """Why a parsed page is a listing (home, section, tag, author, search), or None.

    Markup alone does not decide it (many article pages say ``og:type`` website):
    a listing signal must come with the shape of a listing, i.e. many links and
    little running text.
    """
    if has_article_jsonld or og_type == "article":
        return None
    strong = []
    if jsonld_types & LISTING_TYPES:
        strong.append("JSON-LD " + "/".join(sorted(jsonld_types & LISTING_TYPES)))
    if classify_url(url) is UrlKind.LISTING:
        strong.append("a listing URL")
    shape = f"{link_count} links, {long_paragraphs} long paragraphs, {words} words"
    if strong and long_paragraphs < 3 and link_count >= 20:
        return f"{' and '.join(strong)}; {shape}"
    # og:type website / a WebSite object: said by many article pages too, so only
    # together with no running text at all
    weak = og_type == "website" or "WebSite" in jsonld_types
    if weak and long_paragraphs == 0 and words < 100 and link_count >= 50:
        return f"a website (not article) page type; {shape}"
    if link_count >= 100 and long_paragraphs == 0 and words < 150:
        return f"no running text; {shape}"
    return None
