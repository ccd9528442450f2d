"""Texts of promo cards and modal boxes, which trafilatura sometimes keeps in the body.

A newsletter sign-up box, an overlay, a ``role=dialog`` / ``aria-modal`` window
or a promo card is page furniture however it is worded, so the cleaner is given
its texts and drops a body line equal to one of them. Only small boxes count
(at most ``_MAX_WORDS`` words, no ``<h1>`` or ``<article>`` inside): a big
container whose class merely mentions "newsletter" may hold the story itself.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newscrawl.extract.titles import norm

_TAGS = ("div", "section", "aside", "form", "dialog", "li", "figure")
# Whole words of a class or id ("c-newsletter-box", "modal_inner", "promo card").
_FURNITURE_WORD = re.compile(
    r"(?:^|[\s_-])(?:modal|popup|pop-up|overlay|dialog|promo|promos|newsletter|newsletters"
    r"|signup|sign-up|subscribe|lightbox|toast)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HINTS = ("modal", "popup", "pop-up", "overlay", "dialog", "promo", "newsletter", "signup",
          "sign-up", "subscribe", "lightbox", "toast")  # fmt: skip
_PARTS = ("p", "li", "h2", "h3", "h4", "h5", "span", "a", "div", "strong")
_MAX_WORDS = 120
_MIN_WORDS = 3


def _is_furniture(element: HtmlElement) -> bool:
    attrib = element.attrib
    if element.tag == "dialog" or attrib.get("role") == "dialog":
        return True
    if attrib.get("aria-modal") == "true":
        return True
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}".lower()
    if not any(hint in names for hint in _HINTS):  # cheap test first
        return False
    return _FURNITURE_WORD.search(names) is not None


def furniture_texts(tree: HtmlElement) -> frozenset[str]:
    """Normalised texts (whole box and each part) of the small furniture boxes of a page."""
    keys: set[str] = set()
    for element in tree.iter(_TAGS):
        if not _is_furniture(element):
            continue
        text = element.text_content()
        if len(text.split()) > _MAX_WORDS or element.find(".//h1") is not None:
            continue
        if element.find(".//article") is not None:
            continue
        keys.add(norm(text))
        for part in element.iter(_PARTS):
            keys.add(norm(part.text_content()))
    return frozenset(k for k in keys if len(k.split()) >= _MIN_WORDS)
