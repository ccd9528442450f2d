"""URL hygiene shared by discovery and extraction: canonical form, site identity.

courlan does the heavy lifting (tracking-parameter list, normalisation) and
tld's bundled public-suffix list gives registered domains offline.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan
from tld import get_fld

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Session identifiers make every visit a new URL (an infinite crawl space); courlan's
# tracker list covers "sessionid" but not these.
SESSION_PARAMS = frozenset(
    {"sid", "sessid", "phpsessid", "jsessionid", "aspsessionid", "cfid", "cftoken", "oscsid"}
)
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)


class UnsupportedURL(ValueError):
    """A URL newscrawl will not fetch (not http(s), no host, malformed)."""


def check_fetchable(url: str) -> str:
    """Return ``url`` stripped, or raise :class:`UnsupportedURL` saying why it is refused."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise UnsupportedURL(f"malformed URL {url!r}: {exc}") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = parts.scheme or "no scheme"
        raise UnsupportedURL(f"only http(s) URLs can be crawled, got {shown!r} in {url!r}")
    if not parts.hostname:
        raise UnsupportedURL(f"URL has no host: {url!r}")
    return url


def clean_url(url: str) -> str:
    """Normalise ``url``; drop tracking parameters (utm_*, fbclid, ...), session IDs, the fragment."""
    url = _PATH_SESSION.sub("", url)
    try:
        normalised = courlan.normalize_url(url, strict=False)
    except (ValueError, AttributeError):
        normalised = url
    parts = urlsplit(normalised)
    query = parts.query
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(key.lower() in SESSION_PARAMS for key, _ in pairs):
        query = urlencode([(k, v) for k, v in pairs if k.lower() not in SESSION_PARAMS])
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """Lower-case host name of ``url`` without port ('' when absent)."""
    return (urlsplit(url).hostname or "").lower()


def registered_domain(url: str) -> str:
    """The registrable domain (``bbc.co.uk`` for ``www.bbc.co.uk``); the host for IPs and intranet names."""
    return _registered_domain(host_of(url))


@lru_cache(maxsize=4096)
def _registered_domain(host: str) -> str:
    """Cached per host: a crawl asks about the same few hosts for every page and link."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return host
    domain = get_fld(host, fix_protocol=True, fail_silently=True)
    return str(domain) if domain else host


def same_site(url_a: str, url_b: str) -> bool:
    """True when both URLs belong to the same registered domain."""
    return registered_domain(url_a) == registered_domain(url_b)


def canonical_url(fetched_url: str, candidates: list[str | None]) -> str:
    """The first candidate (rel=canonical, og:url) on the fetched page's site, else the fetched URL.

    Candidates on another site are ignored: syndicated copies point their
    canonical at the original publisher, and this record is about *this* page.
    """
    for candidate in candidates:
        if not candidate:
            continue
        absolute = urljoin(fetched_url, candidate.strip())
        if urlsplit(absolute).scheme in ALLOWED_SCHEMES and same_site(absolute, fetched_url):
            return clean_url(absolute)
    return clean_url(fetched_url)
