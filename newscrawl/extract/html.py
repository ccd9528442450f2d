"""Parse a page once with lxml; every other module reads the same tree."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)

from newscrawl.extract.guards import flatten_deep_markup

# The same choices as trafilatura's own parser: comments and processing
# instructions are noise for extraction, ids are not needed.
_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
)
# lxml.html picks each element's Python class with a Python callback (FormElement
# for <form>, InputElement for <input>...), run every time an element is touched
# from Python: millions of calls per corpus run, inside trafilatura too, which
# walks copies of this tree. Nothing here needs the form classes; a plain
# HtmlElement for every element is chosen in C.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# XML 1.0 forbids these; lxml refuses strings that contain them.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _too_deep(parser: HTMLParser) -> bool:
    return any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log)


def parse_html(text: str) -> HtmlElement | None:
    """The ``<html>`` element of ``text``, or None when nothing parseable is there."""
    text = _XML_DECLARATION.sub("", text, count=1)
    text = _CONTROL_CHARS.sub("", text)
    if not text.strip():
        return None
    try:
        root = document_fromstring(text, parser=_PARSER)
        if _too_deep(_PARSER):  # libxml2 gave up and dropped the rest: parse it flattened
            root = document_fromstring(flatten_deep_markup(text), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    if root is None or not isinstance(root, HtmlElement):
        return None
    return root


_WS = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Collapse runs of whitespace (NBSP included) to one space and strip."""
    if not text:
        return ""
    return _WS.sub(" ", text).strip()


def text_of(element: HtmlElement) -> str:
    """The visible text of ``element``, whitespace collapsed."""
    try:
        return squash(element.text_content())
    except ValueError:
        return ""


def wordset(text: str, sep: str | None = None) -> frozenset[str]:
    """The stripped, non-empty items of a word list written as one string (split on ``sep``)."""
    return frozenset(item.strip() for item in text.split(sep) if item.strip())
