"""The story text: trafilatura finds the main content, we turn it into blocks.

trafilatura returns its main-content tree (``p``, ``head``, ``list/item``,
``quote``, ``table/row/cell``, ``lb`` line breaks). We walk that tree rather
than its text rendering so that the cleaning layer knows what each line is
(a heading, a list item, a paragraph) and list items come out without bullet
marks. Every line becomes one :class:`Block`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement

from newscrawl.extract.html import squash

# trafilatura logs every page it discards at WARNING; a Rejection says it for us.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_BLOCK_TAGS = frozenset(
    {"p", "head", "list", "item", "quote", "table", "row", "code", "div", "header", "section"}
)
_KINDS = {"p": "p", "head": "head", "item": "item", "quote": "quote", "code": "code", "row": "row"}


@dataclass(frozen=True, slots=True)
class Block:
    """One line of body text and what it was in the page."""

    kind: str  # "p", "head", "item", "quote", "code", "row"
    text: str


def main_content(tree: HtmlElement, url: str | None) -> _Element | None:
    """trafilatura's main-content tree for ``tree`` (which it copies, not mutates), or None."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if document is None:
        return None
    return document.body


def _inline(element: _Element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk(element: _Element, kind: str, out: list[Block]) -> None:
    if element.tag == "row":
        cells = [squash(_inline(cell)) for cell in element]
        text = " | ".join(c for c in cells if c)
        if text:
            out.append(Block("row", text))
        return
    buffer = [element.text or ""]

    def flush() -> None:
        for line in "".join(buffer).split("\n"):
            text = squash(line)
            if text:
                out.append(Block(kind, text))
        buffer.clear()

    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _BLOCK_TAGS:
            flush()
            _walk(child, _KINDS.get(child.tag, kind), out)
        elif child.tag == "lb":
            buffer.append("\n")
        else:
            buffer.append(_inline(child))
        buffer.append(child.tail or "")
    flush()


def blocks_of(content: _Element | None) -> list[Block]:
    """The lines of trafilatura's main-content tree, in order."""
    if content is None:
        return []
    out: list[Block] = []
    _walk(content, "p", out)
    return out
