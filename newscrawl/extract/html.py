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
_OPTIONS = {
    "collect_ids": False,
    "default_doctype": False,
    "remove_comments": True,
    "remove_pis": True,
}
_PARSER = HTMLParser(**_OPTIONS)
# Pages go to libxml2 as UTF-8 bytes, its own encoding: from a str lxml hands it
# UTF-16 or UCS-4 to convert first, and that made parsing a third slower.
_UTF8_PARSER = HTMLParser(encoding="utf-8", **_OPTIONS)
# lxml.html picks each element's Python class with a Python callback (FormElement
# for <form>, InputElement for <input>...), run every time an element is touched
# from Python: millions of calls per corpus run, inside trafilatura too, which
# walks copies of this tree. Nothing here needs the form classes; a plain
# HtmlElement for every element is chosen in C.
for _parser in (_PARSER, _UTF8_PARSER):
    _parser.set_element_class_lookup(
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
# The single-byte ones as UTF-8: bytes.translate() drops them far faster than a
# regular expression scans a str (no UTF-8 sequence holds a byte below 0x80 but
# those characters themselves).
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _too_deep(parser: HTMLParser) -> bool:
    return any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log)


def _utf8(text: str, utf8: bytes | None) -> tuple[str, bytes | None]:
    """``text`` without the characters XML forbids, and the same as UTF-8 (None if not
    encodable); ``utf8`` is ``text`` as UTF-8 when the caller has it."""
    if "\ufffe" in text or "\uffff" in text:
        text, utf8 = _CONTROL_CHARS.sub("", text), None
    if utf8 is None:
        try:
            utf8 = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates
            return _CONTROL_CHARS.sub("", text), None
    clean = utf8.translate(None, _CONTROL_BYTES)
    if len(clean) != len(utf8):
        text = clean.decode("utf-8")
    return text, clean


def parse_html(text: str, utf8: bytes | None = None) -> HtmlElement | None:
    """The ``<html>`` element of ``text``, or None when nothing parseable is there.

    ``utf8``: ``text`` encoded as UTF-8, when the caller has those bytes
    (:func:`~newscrawl.extract.encoding.decode_page`): saves encoding it again.
    """
    declared = _XML_DECLARATION.sub("", text, count=1)
    if len(declared) != len(text):
        text, utf8 = declared, None
    text, data = _utf8(text, utf8)
    if not text.strip():
        return None
    if text.startswith("<?xml"):  # a second declaration: lxml refuses it in a str, as before
        data = None
    try:
        if data is not None:
            root = document_fromstring(data, parser=_UTF8_PARSER)
            too_deep = _too_deep(_UTF8_PARSER)
        else:
            root = document_fromstring(text, parser=_PARSER)
            too_deep = _too_deep(_PARSER)
        if too_deep:  # libxml2 gave up and dropped the rest: parse it flattened
            root = document_fromstring(flatten_deep_markup(text), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    if root is None or not isinstance(root, HtmlElement):
        return None
    return root


def squash(text: str | None) -> str:
    r"""Collapse runs of whitespace (NBSP included) to one space and strip.

    ``str.split()`` splits on the characters ``\s`` matches (both ask ``str.isspace()``),
    and faster than ``re.sub(r"\s+", " ", text).strip()``, hot in every module.
    """
    if not text:
        return ""
    return " ".join(text.split())


def text_of(element: HtmlElement) -> str:
    """The visible text of ``element``, whitespace collapsed."""
    try:
        return squash(element.text_content())
    except ValueError:
        return ""


def wordset(text: str, sep: str | None = None) -> frozenset[str]:
    """The stripped, non-empty items of a word list written as one string (split on ``sep``)."""
    return frozenset(item.strip() for item in text.split(sep) if item.strip())


# Chinese and Japanese write without spaces between words.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words in ``text``; Chinese and Japanese characters count a word per two (about the
    length of a word there), so a CJK headline or paragraph is not taken for a one-word
    label and a CJK story is not rejected as too short."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(text.split())
    return len(_CJK.sub(" ", text).split()) + cjk // 2


_GREEK_TONOS = {"ά": "α", "έ": "ε", "ή": "η", "ί": "ι", "ό": "ο", "ύ": "υ", "ώ": "ω"}


def greek_caps(pattern: str) -> str:
    """``pattern`` with each accented Greek vowel also matching its bare form.

    Greek sites print labels in capitals, and capitals drop the tonos: "ΔΙΑΦΗΜΙΣΗ"
    folds to "διαφημιση", not "διαφήμιση". Only for word lists without character
    classes around Greek letters.
    """
    return "".join(f"[{c}{_GREEK_TONOS[c]}]" if c in _GREEK_TONOS else c for c in pattern)
