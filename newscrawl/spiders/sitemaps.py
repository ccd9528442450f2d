"""Sitemap parsing: urlsets, sitemap indexes, Google News sitemaps.

Scrapy's ``scrapy.utils.sitemap.Sitemap`` flattens each ``<url>`` to its
direct children, which loses the nested ``<news:news>`` block (publication
date and title, the best hints a news site gives). This parser keeps them and
is equally defensive: entities are never resolved (no XXE, no billion laughs),
the network is never touched, and a sitemap yields at most ``max_urls`` entries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree
from scrapy.utils.gz import gunzip

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_published: str | None = None
    news_language: str | None = None


@dataclass(slots=True)
class SitemapDocument:
    kind: str  # "urlset", "sitemapindex" or "" when the bytes are not a sitemap
    entries: list[SitemapEntry] = field(default_factory=list)
    truncated: bool = False  # more than max_urls entries: the rest was ignored


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _text(elem: etree._Element) -> str | None:
    return elem.text.strip() if elem.text and elem.text.strip() else None


def maybe_gunzip(body: bytes, max_size: int) -> bytes:
    """Decompress a gzipped sitemap, refusing to inflate beyond ``max_size`` bytes."""
    if body[:2] == GZIP_MAGIC:
        return gunzip(body, max_size=max_size)
    return body


def _entry(elem: etree._Element) -> SitemapEntry | None:
    values: dict[str, str | None] = {}
    for child in elem:
        name = _local(child.tag)
        if name in ("loc", "lastmod"):
            values[name] = _text(child)
        elif name == "news":
            for news_child in child.iter():
                news_name = _local(news_child.tag)
                if news_name == "publication_date":
                    values["news_published"] = _text(news_child)
                elif news_name == "title":
                    values["news_title"] = _text(news_child)
                elif news_name == "language":
                    values["news_language"] = _text(news_child)
    loc = values.pop("loc", None)
    if not loc:
        return None
    return SitemapEntry(loc=loc, **values)


def iter_sitemap(body: bytes) -> Iterator[tuple[str, SitemapEntry | None]]:
    """Yield ``(root_kind, entry)`` pairs; the first pair announces the root with entry None."""
    parser_events = etree.iterparse(
        BytesIO(body),
        events=("start", "end"),
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    kind = ""
    for event, elem in parser_events:
        if not kind:
            kind = _local(elem.tag)
            yield kind, None
            if kind not in ("urlset", "sitemapindex"):
                return
            continue
        if event != "end" or _local(elem.tag) not in ("url", "sitemap"):
            continue
        entry = _entry(elem)
        elem.clear()
        parent = elem.getparent()
        if parent is not None:
            while elem.getprevious() is not None:
                del parent[0]
        if entry is not None:
            yield kind, entry


def parse_sitemap(body: bytes, *, max_urls: int = 50_000) -> SitemapDocument:
    """Parse sitemap bytes (already gunzipped). Malformed XML gives what could be read."""
    doc = SitemapDocument(kind="")
    try:
        for kind, entry in iter_sitemap(body):
            doc.kind = kind
            if entry is None:
                continue
            if len(doc.entries) >= max_urls:
                doc.truncated = True
                break
            doc.entries.append(entry)
    except etree.LxmlError:
        pass  # recover=True keeps what precedes the damage
    if doc.kind not in ("urlset", "sitemapindex"):
        doc.kind = ""
    return doc
