"""extract_article: bytes of one page -> an Article record or a Rejection.

Steps: cheap byte checks (empty, too large, not HTML), decode, parse once,
read the metadata signals, extract the body; name a page that stands in for
the story (bot wall, consent wall, app shell: :mod:`.interstitials`); cut a
paywall prompt off the body (:mod:`.paywall`); clean the body, classify the
page (listing, info page: :mod:`.classify`), and assemble the record. Nothing
here raises on bad input: any failure becomes a
:class:`~newscrawl.items.Rejection` (reasons: ``REJECTION_REASONS``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from newscrawl.extract import urls
from newscrawl.extract.authors import pick_authors
from newscrawl.extract.body import (
    Block,
    article_asides_to_articles,
    blocks_of,
    header_standfirst,
    main_content,
    remove_consent_dialogs,
    remove_embeds,
    rescue_with_jsonld,
    wrap_loose_text,
)
from newscrawl.extract.classify import not_article_reason, sniff_not_html
from newscrawl.extract.clean import STANDFIRST_LINES, CleanContext, clean_blocks, join_blocks
from newscrawl.extract.dates import pick_dates
from newscrawl.extract.encoding import decode_page
from newscrawl.extract.furniture import furniture_texts
from newscrawl.extract.guards import ExtractionTimeout, time_limit
from newscrawl.extract.html import parse_html, squash
from newscrawl.extract.html import word_count as count_words
from newscrawl.extract.images import lead_image
from newscrawl.extract.interstitials import THIN_WORDS, interstitial
from newscrawl.extract.jsonstate import state_story
from newscrawl.extract.language import pick_language
from newscrawl.extract.metadata import AGENT_TYPES, PageMeta, collect, iter_strings, types_of
from newscrawl.extract.options import ExtractOptions
from newscrawl.extract.paywall import (
    TEASER_MIN_WORDS,
    cut_prompt,
    declared_paywall,
    prompt_after,
    story_end,
)
from newscrawl.extract.titles import drop_media_label, norm, pick_title, strip_site
from newscrawl.items import Article, PageHints, Rejection

_DEFAULT_OPTIONS = ExtractOptions()
# A declared subscriber-only story with a shorter body shows only its teaser.
_PAYWALL_TEASER_WORDS = 300


def extract_article(
    html: bytes | str,
    url: str,
    *,
    fetched_url: str | None = None,
    fetched_at: str | None = None,
    content_type: str | None = None,
    hints: PageHints | None = None,
    options: ExtractOptions | None = None,
) -> Article | Rejection:
    """Extract the article record of one fetched page, or say why there is none.

    ``url`` is the requested URL, ``fetched_url`` the final one after redirects
    (default ``url``), ``fetched_at`` the ISO 8601 UTC fetch time (default now),
    ``content_type`` the HTTP Content-Type header, ``hints`` what discovery
    (sitemap, feed) said about the page.
    """
    options = options or _DEFAULT_OPTIONS
    try:
        with time_limit(options.time_limit):
            return _extract(
                html,
                url,
                fetched_url=fetched_url or url,
                fetched_at=fetched_at,
                content_type=content_type,
                hints=hints or PageHints(),
                options=options,
            )
    except ExtractionTimeout as exc:
        return Rejection("timeout", f"extraction stopped {exc}")
    except Exception as exc:  # noqa: BLE001 - the contract: bad input never raises
        return Rejection("parse_error", f"{type(exc).__name__}: {exc}")


def _fetch_time(fetched_at: str | None) -> tuple[str, datetime]:
    if fetched_at:
        try:
            moment = datetime.fromisoformat(fetched_at)
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return fetched_at, moment
    moment = datetime.now(UTC).replace(microsecond=0)
    return moment.isoformat(), moment


def _extract(
    html: bytes | str,
    url: str,
    *,
    fetched_url: str,
    fetched_at: str | None,
    content_type: str | None,
    hints: PageHints,
    options: ExtractOptions,
) -> Article | Rejection:
    size = len(html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html)
    if not html.strip():
        return Rejection("empty", "no content")
    if size > options.max_bytes:
        return Rejection("too_large", f"{size} bytes > max_bytes {options.max_bytes}")
    if isinstance(html, bytes):
        why = sniff_not_html(html, content_type)
        if why:
            return Rejection("not_html", why)
        text, utf8 = decode_page(html, content_type)
    else:
        why = sniff_not_html(html[:1024].encode("utf-8", "replace"), content_type)
        if why:
            return Rejection("not_html", why)
        text, utf8 = html, None
    fetched_at, fetch_moment = _fetch_time(fetched_at)

    tree = parse_html(text, utf8)
    if tree is None:
        return Rejection("empty" if not text.strip() else "parse_error", "no HTML document")
    page = collect(tree)
    furniture = furniture_texts(tree)
    dialogs = remove_consent_dialogs(tree)
    remove_embeds(tree)
    article_asides_to_articles(tree)
    wrap_loose_text(tree)
    blocks = blocks_of(main_content(tree, fetched_url))
    wall = interstitial(
        tree,
        text,
        title=page.title_tag,
        body=[b.text for b in blocks],
        dialogs=dialogs,
        min_words=options.min_words,
    )
    if (wall is None or wall.reason == "js_shell") and _thin(blocks):
        story = state_story(
            tree,
            page_titles=[
                page.title_tag,
                page.first("og:title"),
                *page.h1[:3],
                _string(page.article_value("headline", "name")),
            ],
            body=blocks,
            min_words=options.min_words,
        )
        if story is not None:
            blocks, wall = story.blocks, None
    if wall:
        return Rejection(wall.reason, wall.detail)
    blocks = rescue_with_jsonld(blocks, page.article_value("articleBody"))
    blocks, prompt = cut_prompt(blocks, lambda b: b.text)

    site_name = _site_name(page)
    site = urls.registered_domain(fetched_url)
    site_names = [
        site_name,
        *_other_site_names(page, site_name),
        site.split(".", 1)[0],
        site,
        urls.host_of(fetched_url),
    ]
    title = drop_media_label(
        pick_title(
            h1=page.h1,
            headline=_string(page.article_value("headline", "name")),
            og_title=page.first("og:title"),
            twitter_title=page.first("twitter:title"),
            title_tag=page.title_tag,
            site_names=site_names,
            hint=hints.title,
            h1_unlabelled=page.h1_unlabelled,
        )
    )
    description = _description(page)
    authors, organizations = pick_authors(page, site_names, tree)
    body_blocks = clean_blocks(
        blocks,
        CleanContext(
            title=title,
            image_texts=page.image_texts,
            all_image_texts=page.all_image_texts,
            standfirst=_standfirst(tree, title, description, blocks),
            authors=authors,
            furniture_texts=furniture,
        ),
    )
    body = join_blocks(body_blocks)
    # the length tests count CJK text by characters; the record's word_count stays the
    # whitespace-token count its contract states
    word_count = count_words(body)
    not_article = not_article_reason(
        tree,
        fetched_url,
        page,
        [(b.kind, b.text) for b in body_blocks],
        min_words=options.min_words,
    )
    if not_article:
        return Rejection(*not_article)
    if prompt is None and body_blocks and word_count < _PAYWALL_TEASER_WORDS:
        end = story_end(tree, body_blocks[-1].text)
        prompt = prompt_after(end) if end is not None else None
    paywalled = _paywalled(page, word_count, prompt)
    if paywalled and word_count < TEASER_MIN_WORDS:
        return Rejection("paywalled", f"subscriber-only; {word_count} words visible")
    if not body:
        return Rejection("no_body", "no main text found")
    if word_count < options.min_words and not paywalled:
        return Rejection("too_short", f"{word_count} words < min_words {options.min_words}")
    if not title:
        title = _fallback_title(body)

    language = pick_language(
        [
            page.html_lang,
            page.first("content-language", "dc.language", "language"),
            page.first("og:locale"),
            _string(page.article_value("inLanguage")),
            hints.language,
        ],
        body,
    )
    dates = pick_dates(
        page,
        tree,
        url=fetched_url,
        fetched_at=fetch_moment,
        language=language,
        hint_published=hints.published,
        hint_modified=hints.modified,
    )
    canonical = urls.canonical_url(fetched_url, [page.canonical, page.first("og:url")])
    return Article(
        url=canonical,
        fetched_url=fetched_url,
        site=site,
        site_name=site_name,
        title=title,
        description=description,
        authors=authors,
        published=dates.published,
        modified=dates.modified,
        language=language,
        body=body,
        word_count=len(body.split()),
        image=_image(page, tree, fetched_url),
        tags=_tags(page),
        fetched_at=fetched_at,
        content_hash=content_hash(title, body),
        published_raw=dates.published_raw,
        organizations=organizations,
        paywalled=paywalled,
    )


def _thin(blocks: list[Block]) -> bool:
    """Less text than a story: only then is the page's JSON state worth a look."""
    return count_words(" ".join(b.text for b in blocks)) < THIN_WORDS


def content_hash(title: str, body: str) -> str:
    """sha256 hex of the NFKC-normalised, case-folded, whitespace-collapsed title and body."""
    text = unicodedata.normalize("NFKC", f"{title}\n{body}").casefold()
    return hashlib.sha256(squash(text).encode("utf-8")).hexdigest()


def _string(value: Any) -> str | None:
    for item in iter_strings(value):
        text = squash(item)
        if text:
            return text
    return None


def _site_name(page: PageMeta) -> str | None:
    publisher = page.resolve(page.article_value("publisher"), AGENT_TYPES)
    for value in (
        page.first("og:site_name"),
        _string(publisher) if isinstance(publisher, dict | list) else None,
        page.first("application-name", "apple-mobile-web-app-title"),
        _website_name(page),
    ):
        if value and not value.startswith(("http", "www.")):
            return value
    return None


def _other_site_names(page: PageMeta, site_name: str | None) -> list[str]:
    """The site's names besides ``site_name``: a title may print the JSON-LD publisher's
    or WebSite's name ("Daily Planet") where og:site_name says "Daily Planet Online"."""
    publisher = page.resolve(page.article_value("publisher"), AGENT_TYPES)
    names = (
        _string(publisher) if isinstance(publisher, dict | list) else None,
        _website_name(page),
    )
    return [n for n in names if n and n != site_name and not n.startswith(("http", "www."))]


def _website_name(page: PageMeta) -> str | None:
    """The name of the site's own JSON-LD ``WebSite`` node (what the article ``isPartOf``)."""
    part = page.resolve(page.article_value("isPartOf"))
    sites = [part] if isinstance(part, dict) else []
    sites += [o for o in page.jsonld if "WebSite" in types_of(o)]
    for site in sites:
        if "WebSite" in types_of(site):
            return _string(site.get("name"))
    return None


def _description(page: PageMeta) -> str | None:
    for value in (
        page.first("description", "og:description", "twitter:description", "dc.description"),
        _string(page.article_value("description")),
    ):
        if value:
            return value
    return None


def _standfirst(tree: Any, title: str, description: str | None, blocks: list[Block]) -> str:
    """The description when the page prints it with the headline, apart from the story."""
    key = norm(description)
    if not key:
        return ""
    for i, block in enumerate(blocks[:STANDFIRST_LINES]):
        if norm(block.text) == key:
            later = next((b.text for b in blocks[i + 1 :] if len(b.text.split()) >= 8), "")
            return block.text if header_standfirst(tree, title, block.text, later) else ""
    return ""


def _fallback_title(body: str) -> str:
    first = body.split("\n\n", 1)[0]
    words = first.split()
    return " ".join(words[:15]) + ("…" if len(words) > 15 else "")


def _image(page: PageMeta, tree: Any, base: str) -> str | None:
    candidates = [
        page.first(
            "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"
        ),
        _string(page.article_value("image", "thumbnailUrl")),
        page.first("image", "thumbnail"),
    ]
    if not any(candidates):
        candidates.append(lead_image(tree))
    for candidate in candidates:
        if not candidate:
            continue
        absolute = urljoin(base, candidate.strip())
        if urlsplit(absolute).scheme in urls.ALLOWED_SCHEMES:
            return absolute
    return None


def _tags(page: PageMeta) -> list[str]:
    raw: list[str] = list(page.all("article:tag", "og:article:tag"))
    for value in page.all("news_keywords", "keywords"):
        raw.extend(value.split(","))
    keywords = page.article_value("keywords")
    if isinstance(keywords, str):
        raw.extend(keywords.split(","))
    elif isinstance(keywords, list):
        raw.extend(k for k in keywords if isinstance(k, str))
    seen: set[str] = set()
    tags = []
    for tag in raw:
        tag = squash(tag)
        key = tag.casefold()
        if tag and key not in seen:
            seen.add(key)
            tags.append(tag)
    return tags


def _paywalled(page: PageMeta, word_count: int, prompt: str | None) -> bool:
    """Only a teaser is visible: the text ran into a paywall prompt, or the page declares
    the story subscriber-only (JSON-LD ``isAccessibleForFree: false``) and shows little
    of it. Many publishers declare it over the full text (the page carries the whole
    story for search engines), hence the length test."""
    if prompt:
        return True
    objects = [page.article] if page.article else []
    declared = declared_paywall(
        objects + [o for o in page.jsonld if "WebPage" in types_of(o)],
        page.first("article:content_tier"),
    )
    return declared and word_count < _PAYWALL_TEASER_WORDS


__all__ = ["content_hash", "extract_article", "strip_site"]
