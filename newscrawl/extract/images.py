"""The lead image of a story when the page names none in its metadata.

Pages without ``og:image`` / ``twitter:image`` / JSON-LD ``image`` still show a
lead picture, usually the first ``<figure>`` after the headline. The first
``<img>`` of the page is the wrong answer: it is the site logo. Rules: images
after the ``<h1>`` (or inside ``<article>``/``<main>`` when there is no
``<h1>``), not in navigation, asides, comments or related-story lists; not a
logo, icon, avatar, tracking pixel or placeholder; not declared smaller than
100 pixels; an image inside a ``<figure>`` first. Lazy-loading attributes
(``data-src``, ``data-lazy-src``, ``srcset``) win over a ``data:`` placeholder.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from newscrawl.extract.datelines import in_boilerplate

_AFTER_HEADLINE = XPath("(//body//h1)[1]/following::img")
_IN_STORY = XPath("//article//img|//main//img|//*[@role='main']//img")
_NOT_PICTURES = re.compile(
    r"logo|icon|avatar|sprite|pixel|spacer|blank|placeholder|badge|emoji|gravatar|button"
    r"|\.svg(?:$|\?)|/ads?/|doubleclick|tracking|1x1",
    re.IGNORECASE,
)
_SOURCE_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-url", "src")
_MIN_SIZE = 100
_CANDIDATES = 12


def _source(img: HtmlElement) -> str | None:
    for attribute in _SOURCE_ATTRIBUTES:
        value = (img.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value
    srcset = (img.get("srcset") or img.get("data-srcset") or "").strip()
    if srcset:
        return srcset.split(",")[0].strip().split(" ")[0] or None
    return None


def _small(img: HtmlElement) -> bool:
    for attribute in ("width", "height"):
        value = (img.get(attribute) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _MIN_SIZE:
            return True
    return False


def _usable(img: HtmlElement) -> str | None:
    source = _source(img)
    if not source or _small(img):
        return None
    marks = f"{source} {img.get('class') or ''} {img.get('id') or ''} {img.get('alt') or ''}"
    if _NOT_PICTURES.search(marks):
        return None
    ancestors = [a.tag for a in img.iterancestors()]
    # a masthead <header> holds the logo; an article <header> holds the lead image
    if {"header", "nav", "footer"} & set(ancestors) and not {"article", "main"} & set(ancestors):
        return None
    if in_boilerplate(img):
        return None
    return source


def lead_image(tree: HtmlElement) -> str | None:
    """The ``src`` of the story's lead picture (as written in the page), or None."""
    images = _AFTER_HEADLINE(tree)[:_CANDIDATES] or _IN_STORY(tree)[:_CANDIDATES]
    usable = [(img, src) for img in images if (src := _usable(img))]
    if not usable:
        return None
    in_figure = next(
        (
            src
            for img, src in usable
            if any(a.tag in ("figure", "picture") for a in img.iterancestors())
        ),
        None,
    )
    return in_figure or usable[0][1]
