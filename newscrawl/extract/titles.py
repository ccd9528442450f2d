"""Pick the headline: reconcile ``<h1>``, ``og:title``, JSON-LD ``headline`` and ``<title>``.

Social and ``<title>`` strings usually carry the publisher (" | Site",
" – Site", "Site: ...") and are often rewritten for search or cut short; the
visible ``<h1>`` is the headline readers see, but pages have logo or section
``<h1>`` elements too. An ``<h1>`` wins when another source agrees with it, or
when it is the page's only ``<h1>`` and reads like a headline (a few words, not
the site name); otherwise the metadata headline, site affixes removed, wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from newscrawl.extract.html import squash, word_count

# " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " / " between title parts.
# CJK titles use the full-width bar and colon, without spaces: "見出し：日本経済新聞".
_SEPARATOR = re.compile(r"\s+(?:[|–—•·»«~/]|::|-{1,2})\s+|\s*[|｜：]\s*")
# Separators that (almost) never occur inside a headline, so a short trailing part
# after them is taken as a site/section name even without a known site name.
_STRONG_SEPARATORS = frozenset("|•·»｜")
# A date printed as a title part: "Headline - 12/03/2024 - Section - Site", "Site, 12.03.2024".
_DATE_PART = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$")
_DATE_TAIL = re.compile(r",?\s+\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$")
_MAX_SECTION_WORDS = 4
_MAX_TAGLINE_WORDS = 8  # "Your news, every day", "Noticias de Metropolis y el mundo"
_PREFIX = re.compile(r"^([^:]{2,40}):\s+(.{12,})$")
_ELLIPSIS = ("...", "…")
_MIN_H1_WORDS = 3
_MAX_H1_TAIL_WORDS = 6
# A byline printed inside the <h1> after the headline (keys are case-folded).
_BYLINE_TAIL = re.compile(
    r"^(?:by|von|por|par|door|av|di|da|автор|текст)\b|^(?:編集委員|論説委員|記者|记者|特派員|文)"
    r"|(?:記者|记者|기자|特派員|特派员|編集委員)$"
)


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def norm(text: str | None) -> str:
    """Comparison key: NFKC, case-folded, only runs of letters/digits joined by single spaces.

    Cached: the cleaning rules key the same body lines, title and captions over and
    over (some 160 calls per page, two thirds of them repeats).
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def _site_keys(site_names: Iterable[str | None]) -> set[str]:
    keys = set()
    for name in site_names:
        key = norm(name)
        if key:
            keys.add(key)
            keys.add(key.replace(" ", ""))
            if key.startswith("the "):
                keys.add(key[4:])
    return keys


def _is_site(part: str, keys: set[str]) -> bool:
    key = norm(_DATE_TAIL.sub("", part))
    if not key:
        return True
    compact = key.replace(" ", "")
    if key in keys or compact in keys:
        return True
    # "Example.com", "example news", "The Example" against the domain label "example"
    return (
        any(
            len(k) >= 4 and (compact.startswith(k) or k.startswith(compact))
            for k in keys
            if " " not in k
        )
        and len(key.split()) <= 4
    )


_MAX_AGREEMENT_PARTS = 16


def strip_site(title: str, site_names: Iterable[str | None], others: Iterable[str] = ()) -> str:
    """``title`` without a leading or trailing site name ("Headline | Site", "Site: Headline")."""
    title = squash(title)
    if not title:
        return title
    keys = _site_keys(site_names)
    other_keys = {norm(o) for o in others if o}
    if norm(title) in other_keys:
        return title
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    if len(parts) > 1:
        # agreement: a run of parts equal to another source's title. The runs grow with
        # the cube of the parts; a real title has a handful, a broken page thousands.
        runs = range(len(parts)) if len(parts) <= _MAX_AGREEMENT_PARTS else range(0)
        for start in runs:
            for end in range(len(parts), start, -1):
                if (start, end) == (0, len(parts)):
                    continue
                candidate = _join(parts, seps, start, end)
                if norm(candidate) in other_keys:
                    return candidate
        start, end = 0, len(parts)
        while end - start > 1 and _is_site(parts[end - 1], keys):
            end -= 1
        while end - start > 1 and _is_site(parts[start], keys):
            start += 1
        end = _before_tagline(parts, seps, keys, start, end)
        if (start, end) == (0, len(parts)):
            # unknown site name: a short last part after a strong separator is one
            last_sep = seps[-1].strip()
            tail = parts[-1]
            head = _join(parts, seps, 0, len(parts) - 1)
            if last_sep in _STRONG_SEPARATORS and word_count(tail) <= 5 and word_count(head) >= 3:
                end -= 1
        else:
            end = _before_date(parts, start, end)
            if end < len(parts):
                end = _before_section(parts, seps, start, end)
        title = _join(parts, seps, start, end)
    prefix = _PREFIX.match(title)
    if prefix and _is_site(prefix.group(1), keys):
        title = prefix.group(2)
    return title


def _before_tagline(parts: list[str], seps: list[str], keys: set[str], start: int, end: int) -> int:
    """Where the headline ends when the site name is followed by its tagline.

    "Headline - Site - Your news, every day", "Headline | Section | Site - Since 1938":
    the parts after a known site name describe the site, not the story. "Site |
    Headline | Tagline": once a leading site name is gone, a short last part after a
    strong separator is its tagline.
    """
    for i in range(start + 1, end - 1):
        if _is_site(parts[i], keys) and word_count(_join(parts, seps, start, i)) >= _MIN_H1_WORDS:
            tail = _join(parts, seps, i + 1, end)
            if word_count(tail) <= _MAX_TAGLINE_WORDS:
                return _before_section(parts, seps, start, i)
    if start > 0 and end == len(parts) and end - start > 1:
        head = _join(parts, seps, start, end - 1)
        if (
            seps[end - 2].strip() in _STRONG_SEPARATORS
            and word_count(parts[end - 1]) <= _MAX_TAGLINE_WORDS
            and word_count(head) >= _MIN_H1_WORDS
        ):
            return end - 1
    return end


def _before_date(parts: list[str], start: int, end: int) -> int:
    """Where the headline ends when a date part follows it ("- 12/03/2024 - Section")."""
    for i in range(start + 1, end):
        if _DATE_PART.match(parts[i].strip()) and all(
            word_count(p) <= _MAX_SECTION_WORDS for p in parts[i + 1 : end]
        ):
            return i
    return end


def _before_section(parts: list[str], seps: list[str], start: int, end: int) -> int:
    """Once the site name is gone, a short section name after a strong separator goes
    too ("Headline | Section | Site")."""
    if end - start < 2 or seps[end - 2].strip() not in _STRONG_SEPARATORS:
        return end
    head = _join(parts, seps, start, end - 1)
    if word_count(parts[end - 1]) <= 2 and word_count(head) >= 3:
        return end - 1
    return end


def _join(parts: list[str], seps: list[str], start: int, end: int) -> str:
    out = parts[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + parts[i]
    return out.strip()


# A format label after the headline: "... [Watch]", "... (Video)", "... (ФОТО)". It
# tells readers what the page carries; it is not part of the headline.
# A photo credit in the same brackets goes too: "(写真＝ロイター)", "(Photo: AP)".
_MEDIA_LABEL = re.compile(
    r"\s*[\[(（［【](?:video|watch|photos?|pictures|pics|gallery|audio|listen|podcast|live|"
    r"fotos?|bilder|fotostrecke|vid[eé]os?|diaporama|galer[ií]a|видео|фото|動画|写真|영상|사진)"
    r"(?:\s*[=＝:：]\s*[^\])）］】]{1,30})?[\])）］】]$",
    re.IGNORECASE,
)
# A genre label after a separator: "... | Editorial", "... – Kommentar". Opinion desks
# print it in the <h1> itself; it says what kind of piece this is, like a kicker.
_GENRE_LABEL = re.compile(
    r"\s+[|–—]\s*(?:editorial|opinion|commentary|column|op-ed|letters?|"
    r"[ée]ditorial|leitartikel|kommentar|meinung|gastbeitrag|tribune|chronique|"
    r"opini[oó]n|columna|editoriale|opinione|мнение|колонка|комментарий|社説|사설|칼럼)$",
    re.IGNORECASE,
)


def drop_media_label(title: str) -> str:
    """``title`` without a trailing format or genre label ("[Watch]", "(video)", "| Editorial")."""
    short = _GENRE_LABEL.sub("", _MEDIA_LABEL.sub("", title))
    return short if word_count(short) >= _MIN_H1_WORDS else title


def pick_title(
    *,
    h1: list[str],
    headline: str | None,
    og_title: str | None,
    twitter_title: str | None,
    title_tag: str | None,
    site_names: Iterable[str | None],
    hint: str | None = None,
    h1_unlabelled: Iterable[str] = (),
) -> str:
    """The headline of the page ('' when the page names none).

    ``h1_unlabelled``: the ``<h1>`` texts without the label printed in their
    first child; one wins over its labelled ``<h1>`` when the metadata headline
    agrees with it ("Opinion" + "Headline", with JSON-LD "Headline").
    """
    site_names = list(site_names)
    keys = _site_keys(site_names)
    visible = [h for h in (squash(x) for x in h1) if h and not _is_site(h, keys)]
    raw_meta = [squash(x) for x in (headline, og_title, twitter_title, title_tag, hint) if x]
    meta = [strip_site(x, site_names, visible) for x in raw_meta]
    meta = [m for m in meta if m and not _is_site(m, keys)]
    meta = [m for m in meta if not m.endswith(_ELLIPSIS)] or meta
    meta_keys = {norm(m) for m in meta} | {norm(r) for r in raw_meta}
    for candidate in (squash(x) for x in h1_unlabelled):
        if len(norm(candidate)) >= 12 and norm(candidate) in meta_keys:
            return candidate
    for candidate in visible:
        key = norm(candidate)
        if key in meta_keys:
            return candidate
    for candidate in visible:
        key = norm(candidate)
        if len(key) >= 12 and any(key in m for m in meta_keys):
            return candidate
    for candidate in visible:
        # the <h1> prints more than the headline after it (a byline, a kicker: "Headline
        # 編集委員 中沢克二"): the metadata headline it starts with is the headline
        key = norm(candidate)
        for m in meta:
            short = drop_media_label(m)
            head = norm(short)
            tail = key[len(head) :].strip()
            if (
                len(head) >= 12
                and key.startswith(head + " ")
                and word_count(tail) <= _MAX_H1_TAIL_WORDS
                and _BYLINE_TAIL.search(tail)
            ):
                return short
    if len(visible) == 1 and word_count(visible[0]) >= _MIN_H1_WORDS:
        # the one visible headline: social/SEO titles are often rewritten or truncated
        return visible[0]
    if meta:
        return meta[0]
    return visible[0] if visible else ""
