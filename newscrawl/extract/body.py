"""The story text: trafilatura finds the main content, we turn it into blocks.

trafilatura returns its main-content tree (``p``, ``head``, ``list/item``,
``quote``, ``table/row/cell``, ``lb`` line breaks). We walk that tree rather
than its text rendering so that the cleaning layer knows what each line is
(a heading, a list item, a paragraph) and list items come out without bullet
marks. Every line becomes one :class:`Block`.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from collections import Counter
from dataclasses import dataclass

import trafilatura
from lxml.etree import XPath, _Element
from lxml.html import HtmlElement

from newscrawl.extract.datelines import article_aside
from newscrawl.extract.html import squash, text_of
from newscrawl.extract.titles import norm

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


# Consent dialogs (cookie banners, GDPR/CMP managers) are never story text, but their
# long policy paragraphs can outweigh a short story in trafilatura's choice. The
# containers whose class/id mentions one are picked with cheap substring tests, a
# regular expression then checks the whole word. (The tests were an XPath, sixteen
# contains() on every element of the page: 1.3 ms a page; the same in Python, 0.4.)
_CONSENT_TAGS = ("div", "section", "aside", "form")
_CONSENT_CLASS = re.compile("ookie|onsent|gdpr|GDPR|onetrust|cmp|rivacy|ot-sdk")
_CONSENT_ID = re.compile("ookie|onsent|gdpr|onetrust|cmp|rivacy")
_CONSENT_PATTERN = (
    r"\s(?:cookies?|consent|gdpr|onetrust|cmp)\s"
    r"|[\s_-](?:cookies?|consent)[_-]?(?:banner|bar|consent|notice|policy|modal|list|law|popup|"
    r"dialog|message|warning|overlay|manager|settings|preferences|wall|box)[\s_-]"
    r"|[\s_-](?:gdpr|cmp)[_-]?(?:banner|container|consent|modal|popup|dialog|wrapper)[\s_-]"
    r"|\s(?:onetrust|ot-sdk)[\w-]*\s|[\s_-]privacy[_-]?(?:bar|modal|banner|manager|center|settings)[\s_-]"
)


_CONSENT_MARK = re.compile(_CONSENT_PATTERN, re.IGNORECASE)


def _consent_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """``<dialog>`` elements and the containers that mention consent, below ``<body>``."""
    return [
        element
        for element in tree.iter(*_CONSENT_TAGS, "dialog")
        if (
            element.tag == "dialog"
            or _CONSENT_CLASS.search(element.get("class") or "")
            or _CONSENT_ID.search(element.get("id") or "")
        )
        and next(element.iterancestors("body"), None) is not None
    ]


def remove_consent_dialogs(tree: HtmlElement) -> list[HtmlElement]:
    """Drop cookie/consent dialogs from ``tree`` (in place; call after reading metadata)."""
    removed = []
    for element in _consent_candidates(tree):
        marks = f" {element.get('id') or ''} {element.get('class') or ''} "
        parent = element.getparent()
        if parent is not None and (element.tag == "dialog" or _CONSENT_MARK.search(marks)):
            parent.remove(element)
            removed.append(element)
    return removed


# Embedded social posts: the blockquote that each network's embed code ships (its
# script turns it into a widget). The post is quoted from elsewhere, not story text,
# and its date line ("— Name (@handle) December 19, 2023") would read as a dateline.
_EMBED_CLASSES = (
    "twitter-tweet",
    "twitter-video",
    "instagram-media",
    "tiktok-embed",
    "reddit-card",
    "bluesky-embed",
    "text-post-media",
)
_EMBEDS = XPath(
    "//body//blockquote["
    + " or ".join(f"contains(@class, '{name}')" for name in _EMBED_CLASSES)
    + "]"
)


def remove_embeds(tree: HtmlElement) -> None:
    """Drop embedded social-media posts from ``tree`` (in place; after reading metadata)."""
    for element in _EMBEDS(tree):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the embed


# Text that sits loose in a container right after a nested block ("<div><div>..</div>
# The story goes on here.<p>..</p></div>"): trafilatura drops such a tail, even in
# its recall mode, though older CMSs print whole lead paragraphs that way.
_LOOSE_AFTER = (
    "div",
    "section",
    "article",
    "figure",
    "aside",
    "table",
    "ul",
    "ol",
    "dl",
    "form",
    "header",
    "nav",
    "blockquote",
    "center",
)
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "code",
        "em",
        "font",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    ]
)
_LOOSE_MIN_WORDS = 6


def wrap_loose_text(tree: HtmlElement) -> int:
    """Give each loose run of text after a block element its own ``<p>`` (in place).

    The run is the block's tail and the inline elements after it, up to the next
    block, so a sentence with a link in it stays one paragraph. Only in a
    container that also holds ``<p>`` paragraphs, and only runs of a few words
    or more (not a separator or an "and"). Returns how many paragraphs were made.
    """
    made = 0
    for element in list(tree.iter(*_LOOSE_AFTER)):
        tail = element.tail
        if not tail or len(tail.split()) < _LOOSE_MIN_WORDS:
            continue
        parent = element.getparent()
        if parent is None or not any(child.tag == "p" for child in parent):
            continue  # loose text among paragraphs is story; in a widget it is its label
        paragraph = element.makeelement("p", {})
        paragraph.text = tail
        element.tail = None
        following = element.getnext()
        while following is not None and following.tag in _INLINE:
            after = following.getnext()
            paragraph.append(following)  # moves it, with its tail
            following = after
        element.addnext(paragraph)
        made += 1
    return made


_H1 = XPath("//body//h1")
_HOLDING = XPath(
    "//body//*[self::p or self::div or self::h2 or self::h3 or self::span or self::strong "
    "or self::section or self::header][normalize-space(translate(., '\u00a0', ' ')) = $text]"
)  # normalize-space() leaves no-break spaces, which squash() turns into spaces


def _element_holding(tree: HtmlElement, text: str) -> HtmlElement | None:
    """The innermost element whose whole text is ``text``."""
    found = _HOLDING(tree, text=text)
    if not found:
        return None
    inner = found[-1]
    for element in reversed(found):
        if not any(other is not element and element in other.iterancestors() for other in found):
            inner = element
            break
    return inner


def header_standfirst(tree: HtmlElement, title: str, lead: str, story_text: str) -> bool:
    """True when ``lead`` is printed with the headline, outside the story's own container.

    A standfirst (dek, summary) often repeats the meta description; so does the
    first paragraph of many stories. They differ in where they sit: the
    standfirst shares a header block with the ``<h1>`` that does not hold the
    story paragraphs, while a lead paragraph shares its container with the rest
    of the story. ``story_text`` is a later paragraph of the body.
    """
    title_key = norm(title)
    headlines = [h for h in _H1(tree) if norm(text_of(h)) == title_key] or _H1(tree)[:1]
    element = _element_holding(tree, squash(lead))
    if not headlines or element is None or not story_text:
        return False
    chain = {id(a): a for a in headlines[0].iterancestors()}
    common = next((a for a in element.iterancestors() if id(a) in chain), None)
    if common is None or common.tag in ("body", "html"):
        return False
    probe = squash(story_text)[:60]
    if probe in text_of(common):
        return False
    return _marked_standfirst(element, common) or _headline_group(element, headlines[0])


# Class or id words that mark a standfirst (dek, summary, intro) as such.
_STANDFIRST_MARKS = re.compile(
    r"intro|standfirst|stand-first|dek|lead|summary|chapeau|chapo|vorspann|teaser|"
    r"subtitle|sub-title|subhead|excerpt|abstract|description|entradilla|sumario|"
    r"bajada|occhiello|sommario|catenaccio|lede|strapline|"
    # Czech/Slovak "perex", Nordic "ingress" (Finnish "ingressi"), Romanian "șapou",
    # Catalan "entradeta", Hungarian "bevezető", Chinese sites' "digest"
    r"perex|ingress|sapou?|entradeta|bevezeto|digest",
    re.IGNORECASE,
)


def _headline_group(element: HtmlElement, headline: HtmlElement) -> bool:
    """True when ``element`` and the ``<h1>`` are all their wrapper holds (a headline group:
    the headline and its dek), whatever the classes say."""
    parent = headline.getparent()
    if parent is None or element.getparent() is not parent:
        return False
    return all(
        child is headline or child is element for child in parent if isinstance(child.tag, str)
    )


def _marked_standfirst(element: HtmlElement, common: HtmlElement) -> bool:
    """True when the markup between ``element`` and ``common`` calls it a standfirst.

    Without such a mark, a paragraph that repeats the description and sits near the
    headline is as likely the story's first paragraph laid out in the header (many
    templates do), and dropping story text costs more than keeping a summary.
    """
    for node in (element, *element.iterancestors()):
        if node is common:
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marks.strip() and _STANDFIRST_MARKS.search(marks):
            return True
    return False


def article_asides_to_articles(tree: HtmlElement) -> int:
    """Retag (in place) an ``<aside>`` that holds the page's only ``<h1>`` as ``<article>``.

    Some templates wrap the whole story in an ``<aside>``; trafilatura drops every
    aside as a sidebar, and with it the story. Returns how many were retagged.
    """
    made = 0
    for aside in list(tree.iter("aside")):
        if article_aside(aside):
            aside.tag = "article"
            made += 1
    return made


def main_content(tree: HtmlElement, url: str | None) -> _Element | None:
    """trafilatura's main-content tree for ``tree`` (which it copies, not mutates), or None.

    ``favor_precision``: on news pages trafilatura's precision mode drops most of
    the related-story, comment and whole-page bloat of the default mode for a
    small loss of recall (measured on the evaluation corpus: F1 +0.014, recall -0.004).
    """
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
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


def _child_kind(tag: str, kind: str) -> str:
    """A ``<p>`` inside a list item is still a list item: a list of teaser links
    written as ``<li><p>...</p></li>`` must look like a list to the cleaner."""
    if tag == "p" and kind == "item":
        return kind
    return _KINDS.get(tag, kind)


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
            _walk(child, _child_kind(child.tag, kind), out)
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


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_TAG = re.compile(r"<[^>]{0,2000}>")
# JSON-LD articleBody as a second opinion: only a real text (not a teaser) that our
# extraction mostly missed replaces it. On most pages the two agree; where they do
# not, trafilatura has usually picked the right container and articleBody is a
# teaser, a different cut or a longer variant with boilerplate.
_LD_MIN_TOKENS = 100
_LD_MAX_SHARED = 0.4


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; every CJK character is a token of its own."""
    return _TOKEN.findall(text.casefold())


def _shared(part: list[str], whole: list[str]) -> float:
    """The share of ``part``'s tokens (with counts) that ``whole`` also has."""
    if not part:
        return 0.0
    have = Counter(whole)
    return sum(min(n, have[t]) for t, n in Counter(part).items()) / len(part)


def jsonld_body_blocks(article_body: object) -> list[Block]:
    """The paragraphs of a JSON-LD ``articleBody`` (tags stripped, entities decoded)."""
    if isinstance(article_body, list):
        article_body = "\n".join(x for x in article_body if isinstance(x, str))
    if not isinstance(article_body, str):
        return []
    text = article_body
    for _ in range(3):  # CMSs escape their HTML once or twice before it lands in JSON
        if "&" not in text:
            break
        text = htmllib.unescape(text)
    if "<" in text:
        text = re.sub(r"(?is)<!--.*?-->", " ", text)
        text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</h\d\s*>|</li\s*>", "\n", text)
        text = _TAG.sub(" ", text)
    return [Block("p", line) for line in (squash(x) for x in text.split("\n")) if line]


def rescue_with_jsonld(blocks: list[Block], article_body: object) -> list[Block]:
    """``blocks``, or the JSON-LD ``articleBody`` paragraphs when the extraction missed them.

    The page's own statement of its story text wins only when it is long and
    our main-content pick shares less than ``_LD_MAX_SHARED`` of its words:
    then trafilatura chose the wrong container (a teaser box, a sidebar) or
    found nothing.
    """
    ld_blocks = jsonld_body_blocks(article_body)
    ld_tokens = [t for b in ld_blocks for t in tokens(b.text)]
    if len(ld_tokens) < _LD_MIN_TOKENS:
        return blocks
    ours = [t for b in blocks for t in tokens(b.text)]
    if _shared(ld_tokens, ours) >= _LD_MAX_SHARED:
        return blocks
    return ld_blocks
