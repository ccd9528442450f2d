"""Furniture the common publishing platforms print around the story, as body lines.

trafilatura keeps some of it when the platform's own class names are missing
or unknown to it. Whole lines only, in the platforms' own (English) wording:
WordPress Jetpack's likes and sharing buttons ("Like this:", "Click to share on
X (Opens in new window)"), the related posts' category line (``In "Local"``),
entry footers ("Posted in Local | Tagged bridge"), comment-form notes, post
navigation and feed footers ("The post ... appeared first on ..."); Blogger's
share buttons and post footer ("BlogThis!", "Labels: ..."); Substack, Medium
and Arc XP buttons and labels ("Member-only story", "Gift Article"); social
counters ("1.2K", "2.1K Followers"); reading-time plugins ("Reading Time: 3
minutes"). Besides: a donation appeal block at the end ("Support local
journalism ... Donate today"), and the author card printed under a story
("Written by Jane Doe", "About the author"), which the platform's "More from
..." lists and the author's bio follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newscrawl.extract.body import Block
from newscrawl.extract.titles import norm

_I = re.IGNORECASE

# Whole lines only, and no longer than a button or a footer line gets.
_FURNITURE_MAX_CHARS = 240
_FURNITURE_LINE = re.compile(
    # Jetpack likes and related posts
    r"^(?:like this|like loading\.*|be the first to like this\.?"
    r"|(?:one|\d+) (?:blogger|bloggers|people|person) likes? this\.?"
    r"|in [\"“][^\"”]{1,60}[\"”]"
    # a social counter: "1.2K", "2.1K Followers", "14 responses", "3,401 claps"
    r"|\d{1,3}(?:[.,]\d{1,3})*\s?[km]?(?: (?:followers?|following|claps?|likes?|responses?"
    r"|shares?|views?|subscribers?|reads?|reactions?))?"
    # reading-time plugins: "Reading Time: 3 minutes", "Estimated reading time: 3 minutes"
    r"|(?:estimated )?reading time\s*:?\s*(?:about |less than )?\d+\s*(?:min(?:ute)?s?|mins?)\.?"
    r"|\d+\s*(?:min(?:ute)?s?|mins?) (?:reading time|to read)"
    # WordPress: Jetpack sharing, entry footer, comment form, post navigation, feeds
    r"|click to (?:share|email|print)\b.{0,60}|share via\s*:?|copy link|copied!?"
    # entry footers print category and tag names (capitalised or not, but never a
    # phrase like "Posted in a war zone"): "Posted in Local | Tagged bridge, council"
    r"|(?:posted|filed) in (?-i:[A-Z0-9])[^\s.!?|]*(?: (?-i:[A-Z0-9&])[^\s.!?|]*){0,3}"
    r"(?:\s*\|\s*tagged [^.!?]{1,60})?"
    r"|tagged(?: with)?\s*:\s*[^.!?]{1,80}|tagged [^\s,.!?]+(?:, [^,.!?]{1,30})*"
    r"|your email address will not be published\..{0,80}|required fields are marked \*"
    r"|save my name, email, and website in this browser for the next time i comment\.?"
    r"|this site uses akismet to reduce spam\..{0,80}|cancel reply|post navigation"
    r"|(?:«\s*)?(?:previous|next|newer|older) (?:post|article|story|entry|issue)(?:\s*»)?"
    r"|«\s*previous|next\s*»|print friendly, pdf (?:&|and) email|spread the love"
    r"|the post .{1,200} appeared first on .{1,80}"
    r"|powered by (?:blogger|wordpress(?:\.com)?|ghost|substack|squarespace)\.?"
    # Blogger: share buttons and the post footer
    r"|email this|blogthis!?|share to (?:x|twitter|facebook|pinterest)"
    r"|labels?\s*:\s*[^.!?]{1,80}|no comments\s*:?|subscribe to:\s*post comments.{0,20}"
    r"|posted by [^.!?]{1,40} at \d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?"
    # Substack, Medium, Arc XP buttons and labels
    r"|discover more from .{1,60}|ready for more\??|type your email…?|member-only story"
    r"|get started|open in app"
    r"|published (?:in|via) [^\d.!?]{1,50}|distraction-free reading\. no ads\."
    r"|sign up to discover human stories.{0,80}|gift (?:this )?article|comment on this story"
    r"|follow|save|flipboard|pocket|telegram|mastodon|bluesky|threads|tumblr"
    r"|read the full (?:story|article)(?: here)?"
    r"|advertisement\s*[-–—]\s*continue reading below)\s*:?$",
    _I,
)
# A donation appeal (WordPress and Newspack "Support local journalism" blocks at the
# end of the story): it asks for money for the newsroom's own journalism.
_APPEAL_CAUSE = re.compile(
    r"\b(?:support|fund|sustain|power|keep)\w*\b[^.!?]{0,60}\b(?:journalism|reporting|newsroom"
    r"|news)\b",
    _I,
)
_APPEAL_ASK = re.compile(
    r"\b(?:donat(?:e|es|ion|ions|ing)|become a (?:member|supporter|donor|patron)|give (?:today|now)"
    r"|chip in|your (?:gift|contribution|donation|support))\b",
    _I,
)
_APPEAL_MAX_WORDS = 60
_APPEAL_TAIL = 3
# The head of an author card: "Written by Jane Doe", "About the author", "About Jane Doe".
_CARD_HEAD = re.compile(
    r"^(?:about the (?:authors?|writers?)|(?:written by|about)\s+(?P<who>.+?))\s*:?$", _I
)
_CARD_HEAD_MAX_WORDS = 8
# The card and the lists after it are short; a longer run is story that follows.
_CARD_MAX_TAIL = 12
_CARD_MIN_INDEX = 3


def is_platform_furniture(text: str) -> bool:
    """A body line that is a platform's button, label, counter or form note."""
    return len(text) <= _FURNITURE_MAX_CHARS and _FURNITURE_LINE.match(text.strip()) is not None


def is_donation_appeal(text: str) -> bool:
    """A short appeal for money for the newsroom: its cause and its ask in one block."""
    return (
        len(text.split()) <= _APPEAL_MAX_WORDS
        and _APPEAL_ASK.search(text) is not None
        and _APPEAL_CAUSE.search(text) is not None
    )


def drop_donation_appeals(blocks: list[Block]) -> list[Block]:
    """The blocks without a donation appeal among the last few (a story's own lines
    about donations sit anywhere and rarely name the newsroom's journalism)."""
    start = max(1, len(blocks) - _APPEAL_TAIL)
    return blocks[:start] + [b for b in blocks[start:] if not is_donation_appeal(b.text)]


def _card_head(block: Block, names: set[str]) -> bool:
    if len(block.text.split()) > _CARD_HEAD_MAX_WORDS:
        return False
    match = _CARD_HEAD.match(block.text.strip())
    if match is None:
        return False
    # "About the author", or the story's own author named: "About Jane Doe" may head a
    # box about the story's subject
    return match["who"] is None or norm(match["who"]) in names


def cut_author_card(blocks: list[Block], authors: Iterable[str]) -> list[Block]:
    """The blocks before an author card ("Written by <author>") near the end of the body.

    Medium, Substack-like and many blog themes print the card under the story,
    then the author's bio, follower counts and lists of their other posts. The
    card head must name one of the story's authors (or be "About the author"),
    come after the first lines (a byline there is not a card) and have only a
    short run of lines after it.
    """
    names = {norm(a) for a in authors if a}
    names.discard("")
    start = max(_CARD_MIN_INDEX, len(blocks) - _CARD_MAX_TAIL)
    for index in range(start, len(blocks)):
        if blocks[index].kind in ("head", "p") and _card_head(blocks[index], names):
            return blocks[:index]
    return blocks
