"""Furniture the common publishing platforms print around the story, as body lines.

trafilatura keeps some of it when the platform's own class names are missing
or unknown to it: WordPress Jetpack's likes block ("Like this:", "Like
Loading...", "Be the first to like this.") and the category line of its related
posts (``In "Local"``); the social counters of Medium and similar platforms
("1.2K", "2.1K Followers", "14 responses"); reading-time plugins ("Reading
Time: 3 minutes"); a donation appeal block at the end ("Support local
journalism ... Donate today"); and the author card printed under a story
("Written by Jane Doe", "About the author"), which the platform's "More from
..." lists and the author's bio follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newscrawl.extract.body import Block
from newscrawl.extract.titles import norm

_I = re.IGNORECASE

# Whole lines only.
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
    r"|\d+\s*(?:min(?:ute)?s?|mins?) (?:reading time|to read))\s*:?$",
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
    """A body line that is a platform's likes block, related-posts label or counter."""
    return len(text) <= 80 and _FURNITURE_LINE.match(text.strip()) is not None


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
