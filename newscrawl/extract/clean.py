"""Our cleaning layer over trafilatura's output: drop what is not story text.

General rules only, no site-specific selectors:

- the headline repeated at the top of the body, and short page furniture
  before that repeat (kickers, breadcrumbs, badges, datelines);
- "Read also:", "Related", "Latest", "More from ..." lines and the link lists
  under them;
- image descriptions, captions and credit lines (matched against the page's
  ``alt``/``figcaption`` texts, or by their "Photo: ..." / "(Getty Images)" form);
- share, newsletter and subscribe prompts, "Advertisement", cookie notices,
  comment-section lines;
- exact consecutive duplicates (trafilatura runs with ``deduplicate=False``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from newscrawl.extract.body import Block
from newscrawl.extract.titles import norm

_I = re.IGNORECASE

# A line that introduces a block of links to other stories.
_SECTION_MARKER = re.compile(
    r"^(?:read (?:also|more|next|this next|further)|also read|see also|related(?: \w+){0,2}"
    r"|latest(?: \w+){0,2}|more (?:from|on|about|in|stories|news|articles|like this|to read|"
    r"coverage|top stories)(?: [\w'’&.-]+){0,4}|recommended(?: \w+){0,2}|you (?:may|might) "
    r"(?:also )?(?:like|enjoy|be interested in)(?: \w+){0,3}|(?:most )?(?:popular|read|viewed|"
    r"shared)(?: \w+){0,2}|trending(?: \w+){0,2}|top stories|editor'?s? picks?|don'?t miss"
    r"|what to read next|further reading|in other news|lesen sie auch|mehr zum thema|"
    r"auch interessant|lire aussi|à lire aussi|leer también|lea también|leggi anche|"
    r"continue reading|keep reading|up next|watch next|watch|listen)\s*[:.!…]*$",
    _I,
)
# A whole line that is a prompt or furniture, never story text.
_JUNK_LINE = re.compile(
    r"^(?:skip to (?:main )?content|advertisements?|ad|ads|sponsored(?: content)?|anzeige|werbung"
    r"|реклама|publicité|publicidad|pubblicità|advertentie|reklama|annons|annonce"
    r"|(?:story|article) continues (?:below|after)(?: (?:the )?advertisement| ad)?|continue "
    r"reading (?:below|the main story)|scroll (?:down )?to continue.*|share(?: this)?(?: "
    r"article| story| post| page)?(?: on \w+)?|share via \w+|tweet|email|e-mail|print|copy "
    r"(?:link|url)|link copied!?|facebook|twitter|linkedin|whatsapp|pinterest|reddit"
    r"|(?:\d+\s+)?comments?|leave a (?:comment|reply)|add a comment|post a comment|join the "
    r"(?:conversation|discussion)|comments? (?:are|is) closed.*|view comments|show comments"
    r"|load comments|we use cookies.*|this (?:web)?site uses cookies.*|accept(?: all)? cookies"
    r"|(?:tags|topics|filed under|categories|category|themen|schlagworte)\s*:.*|follow us(?: on)?"
    r".{0,40}|click here.{0,80}|tap here.{0,80}|loading\.*|close|menu|search|back to top"
    r"|(?:image|photo|video|picture) \d+ of \d+|enlarge (?:this )?image|toggle caption"
    r"|hide caption|open in app|listen to (?:this )?article.{0,30}|\d+ min(?:ute)?s? read"
    r"|(?:sign up|subscribe|register)(?: (?:now|today|here|for free))?[.!]?)$",
    _I,
)
# Short lines about newsletters/subscriptions/apps (checked only below a word limit).
_PROMPT = re.compile(
    r"\b(?:newsletters?|subscribe|subscription|sign up|signup|inbox|download (?:our|the) app"
    r"|follow us|unlock|already a subscriber|log ?in to|create (?:a free |an )?account)\b",
    _I,
)
_PROMPT_MAX_WORDS = 30
# Inline teasers: "Read more: Another headline", "RELATED: ...", "SEE ALSO - ..."
_TEASER = re.compile(
    r"^(?:read (?:also|more|next)|also read|see also|related(?: article| story| content)?"
    r"|more|watch|listen|recommended|click here|lesen sie auch|lire aussi|leer más|leggi anche)"
    r"\s*[:|»>–—-]\s*\S",
    _I,
)
_TEASER_MAX_WORDS = 30
# Captions and credits: "Photo: ...", "Image credit: ...", "(Getty Images)", "AP Photo/..."
_CREDIT = re.compile(
    r"^(?:(?:photo|image|picture|foto|bild|video|credit|source|illustration|graphic|file photo)s?"
    r"(?: credit| courtesy| by)?\s*[:/|]|\(?(?:getty images|shutterstock|istock|ap photo|reuters"
    r"|afp)\b)|\((?:[^()]*\b(?:getty|images?|photo|ap|reuters|afp|shutterstock|file|courtesy)"
    r"\b[^()]*)\)$|\b(?:getty images|shutterstock|ap photo|via reuters|via getty)\b[^.]*$",
    _I,
)
_CREDIT_MAX_WORDS = 25
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]»…]$")
_FURNITURE_MAX_WORDS = 80


@dataclass(frozen=True, slots=True)
class CleanContext:
    """What the cleaner knows about the page besides the body lines."""

    title: str = ""
    image_texts: Iterable[str] = field(default_factory=tuple)


def _words(text: str) -> int:
    return len(text.split())


def _is_link_line(block: Block) -> bool:
    """A line that looks like an entry of a link list (a headline, not a sentence)."""
    if block.kind in ("item", "head"):
        return _words(block.text) <= 40
    return _words(block.text) <= 20 and not _SENTENCE_END.search(block.text)


def _is_junk(block: Block) -> bool:
    text = block.text.strip()
    words = _words(text)
    if _JUNK_LINE.match(text):
        return True
    if words <= _TEASER_MAX_WORDS and _TEASER.match(text):
        return True
    if words <= _PROMPT_MAX_WORDS and _PROMPT.search(text):
        return True
    return words <= _CREDIT_MAX_WORDS and bool(_CREDIT.search(text))


def _caption_keys(texts: Iterable[str]) -> tuple[set[str], list[str]]:
    keys = {norm(t) for t in texts}
    keys.discard("")
    return keys, sorted(keys, key=len)


def _is_caption(block: Block, keys: set[str], ordered: list[str]) -> bool:
    key = norm(block.text)
    if not key:
        return False
    if key in keys:
        return True
    if _ELLIPSIS.search(block.text):
        stem = norm(_ELLIPSIS.sub("", block.text))
        return len(stem) >= 12 and any(k.startswith(stem) for k in ordered)
    return False


def _drop_top_repeats(blocks: list[Block], context: CleanContext) -> list[Block]:
    """Remove the headline repeated near the top, with the furniture before it.

    A standfirst is kept: pages whose meta description equals the first
    paragraph use their lead as description, and the lead is story text. A
    standfirst printed twice goes as a consecutive duplicate.
    """
    title_key = norm(context.title)
    if title_key:
        seen_words = 0
        for i, block in enumerate(blocks[:12]):
            if norm(block.text) == title_key:
                if seen_words <= _FURNITURE_MAX_WORDS:
                    blocks = blocks[i + 1 :]
                break
            seen_words += _words(block.text)
    return blocks


def clean_blocks(blocks: list[Block], context: CleanContext) -> list[Block]:
    """The story lines of ``blocks`` (see the module docstring for the rules)."""
    blocks = _drop_top_repeats(blocks, context)
    title_key = norm(context.title)
    keys, ordered = _caption_keys(context.image_texts)
    out: list[Block] = []
    in_links = False
    for block in blocks:
        if _SECTION_MARKER.match(block.text):
            in_links = True
            continue
        if in_links:
            if _is_link_line(block):
                continue
            in_links = False
        key = norm(block.text)
        if not key or key == title_key:
            continue
        if _is_junk(block) or _is_caption(block, keys, ordered):
            continue
        if out and out[-1].text == block.text:
            continue
        out.append(block)
    while (
        out
        and out[-1].kind in ("head", "p")
        and _words(out[-1].text) <= 4
        and not (_SENTENCE_END.search(out[-1].text))
    ):
        out.pop()
    return out


def join_blocks(blocks: Iterable[Block]) -> str:
    """Paragraphs separated by exactly one blank line."""
    return "\n\n".join(block.text for block in blocks)
