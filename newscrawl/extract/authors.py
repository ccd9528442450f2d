"""Person names from JSON-LD, meta tags, microdata, rel=author links and bylines.

A byline string ("By Jane Doe and John Roe, Senior Correspondents | Updated
3 Oct") is cut into names: the "By"/"Von"/"Por"/"Par" lead-in, roles, dates,
e-mails and @handles go; joined names are split; degrees ("Ph.D.", "MD") stay
with their name. Organisation and desk bylines ("Reuters", "Staff", "X News
Desk") go to ``organizations``, never to ``authors``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract.html import squash, wordset
from newscrawl.extract.labelled import labelled_authors
from newscrawl.extract.metadata import PageMeta, types_of
from newscrawl.extract.titles import norm

_LEAD_IN = re.compile(
    r"^(?:(?:written|words|reported|reporting|story|text|posted|published|article|photos?)\s+)?"
    r"(?:by|von|por|par|di|door|af|av|przez|от|автор)\b\s*:?\s*|^(?:authors?|autor(?:in)?|auteur)\s*:\s*",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?:^|\s)@\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
# Everything from a date/time/metadata marker to the end of the string goes.
_CUT = re.compile(
    r"\s*(?:[|•·]|\s[-–—]\s|\b(?:published|updated|posted|last updated|modified|on\s+"
    r"(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"
    r"|is an?\b|is the\b|follow\b|read more|min read|\d+\s*min\b|contact\b|email\b)|\d).*$",
    re.IGNORECASE,
)
# Conjunctions are matched in lower case only: "E." and "Y." are initials.
_SPLIT = re.compile(r"\s*(?:,|;|/|\s&\s|\b(?:and|AND|und|y|e|et|en|och)\b(?!\.))\s*")
_DEGREE = re.compile(
    r"^(?:ph\.?\s?d\.?|m\.?d\.?|d\.?o\.?|r\.?n\.?|rdn|ld|ms|m\.?s\.?|mph|mba|jd|j\.?d\.?|cpt|cscs|"
    r"llm|ma|m\.?a\.?|bsc|msc|dvm|pharmd|facs|faan|jr\.?|sr\.?|ii|iii|iv|esq\.?|cfp|cpa|rd|lcsw|"
    r"psyd|edd|np|pa-c|fnp|lpc|ccc-slp|ibclc|cde|cdces|acsm|nasm|cpt)$",
    re.IGNORECASE,
)


ROLE_WORDS = wordset(
    """
    correspondent correspondents editor editors reporter reporters writer writers contributor
    contributors columnist columnists producer producers analyst journalist journalists staff
    chief senior junior associate deputy managing executive political economics business
    science health sports technology tech foreign national international bureau desk news
    photographer photographers photojournalist intern fellow host anchor critic director manager
    head lead assistant special investigative digital content freelance freelancer guest
    contributing author researcher redakteur redakteurin korrespondent korrespondentin
    redacción redaccion redaction rédaction rédacteur correspondant corresponsal
    """
)
ORG_WORDS = wordset(
    """
    staff desk team news newsroom editors editorial agency agencies press media wire wires
    service services bureau report times post journal daily magazine online inc ltd llc group
    network channel radio tv television associated reuters afp ap dpa ani pti ians upi efe ansa
    xinhua bloomberg yonhap kyodo tass ria redaktion redacción rédaction redazione content
    redação redacao redaccio redacció redactie redakcja redakce toimitus redaksjonen redaktionen
    редакция редакції
    partners partner sponsored studio studios
    """
)
AGENCIES = frozenset(
    map(
        norm,
        wordset(
            """
    Reuters|AP|Associated Press|The Associated Press|AFP|Agence France-Presse|Bloomberg|dpa|
    PA|PA Media|Press Association|UPI|EFE|ANSA|Xinhua|Yonhap|Kyodo|TASS|ANI|PTI|IANS|CNN|BBC|
    BBC News|CNN Wire|Staff|Staff Reports|Staff Report|Editorial Board|Editors|Admin|
    Administrator|Editorial Staff|Newsroom|Guest|Guest Author|Guest Contributor|Contributor|
    Sponsored|Anonymous|Team|Web Desk|News Desk|Digital Desk|Online Desk
    """,
            sep="|",
        ),
    )
)
_PARTICLES = wordset(
    "van von der den de del della di da dos das du le la bin ibn al el ben ter ten zu y e mac st. st"
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ\u0370-\u03ff\u0400-\u04ff][\w'’.\-]*|[A-Z]\.)$")


# "... posted on 2023-12-19 23:30 EST by Jane Doe": the names follow the last "by".
_INNER_BY = re.compile(
    r"\b(?:posted|published|written|updated|filed)\b.*\bby\s+(.+)$", re.IGNORECASE
)


# Labels glued to a name by markup without spaces: "ByJane Doe", "Jane DoePublished".
_GLUED_LEAD = re.compile(r"^(?:By|Von|Por|Par)(?=[A-ZÀ-Ö])")
_GLUED_TAIL = re.compile(
    r"(?<=[a-zà-ÿ])(?:Published|Updated|Posted|Follow|Twitter|Email|Read)\b.*$|"
    r"\s+(?:twitter|instagram|facebook|linkedin|email)\b.*$",
    re.IGNORECASE,
)
_MONTH_TAIL = re.compile(
    r"\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$"
)


def _clean(text: str) -> str:
    text = squash(unescape(text))
    text = _GLUED_LEAD.sub("", text)
    text = _GLUED_TAIL.sub("", text)
    text = _MONTH_TAIL.sub("", text)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = squash(text)
    for _ in range(2):
        text = _LEAD_IN.sub("", text).strip(" :,-–—")
    return _CUT.sub("", text).strip(" :,;-–—|")


def _is_role(piece: str) -> bool:
    words = norm(piece).split()
    return bool(words) and sum(w in ROLE_WORDS for w in words) >= max(1, len(words) - 1)


def _strip_trailing_role(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[-1].lower().strip(".,") in ROLE_WORDS:
        words.pop()
    return " ".join(words)


def is_organization(name: str, site_keys: set[str]) -> bool:
    """True for agency, desk and publisher bylines ("Reuters", "TMZ Staff", "Site News Desk")."""
    key = norm(name)
    if not key:
        return False
    if key in AGENCIES or key in site_keys or key.replace(" ", "") in site_keys:
        return True
    words = key.split()
    return any(w in ORG_WORDS for w in words) and not _looks_like_person(name, strict=True)


# A Chinese, Japanese or Korean personal name: two to six characters of the script,
# perhaps split once by a space ("山田 太郎"); these scripts have no capitals to test.
_CJK_NAME = re.compile(
    r"^[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]{1,4}"
    r"(?:\s?[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]{1,4})?$"
)
# "홍길동 기자", "山田太郎記者": a reporter title printed after a CJK name.
_CJK_ROLE = re.compile(r"\s*(?:기자|특파원|논설위원|記者|记者|特派員|特派员|編集委員|通讯员)$")


# Agency, paper and channel names end so: "新华社", "中国日报网", "共同通信", "KBS 방송국".
_CJK_ORG = re.compile(
    r"(?:社|网|網|报|報|新聞|新闻|台|局|部|会|會|通信|日报|频道|中心|방송|뉴스|일보|신문)$"
)


def _looks_like_cjk_person(name: str) -> bool:
    name = _CJK_ROLE.sub("", name)
    return (
        2 <= len(name.replace(" ", "")) <= 6
        and bool(_CJK_NAME.match(name))
        and not _CJK_ORG.search(name)
    )


def _looks_like_person(name: str, *, strict: bool = False) -> bool:
    if _looks_like_cjk_person(name):
        return norm(name) not in AGENCIES
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 60 or any(c.isdigit() for c in name):
        return False
    if strict and any(norm(w) in ORG_WORDS for w in words):
        return False
    capitalised = [w for w in words if w.lower() not in _PARTICLES]
    if not capitalised:
        return False
    if not all(_NAME_WORD.match(w) or _DEGREE.match(w.strip(",")) for w in capitalised):
        return False
    return len(words) >= 2 or (len(name) >= 3 and norm(name) not in AGENCIES)


def split_byline(
    text: str, site_keys: set[str] | None = None, *, single_names: bool = True
) -> tuple[list[str], list[str]]:
    """Names and organisations in one byline string.

    ``single_names=False`` refuses one-word names, for bylines read from page
    text, where a lone capitalised word is more often a label than a person.
    """
    site_keys = site_keys or set()
    inner = _INNER_BY.search(text)
    if inner:
        text = inner.group(1)
    cleaned = _clean(text)
    if not cleaned:
        return [], []
    names: list[str] = []
    orgs: list[str] = []
    for raw in _SPLIT.split(cleaned):
        piece = _clean(raw)
        if not piece:
            continue
        if _DEGREE.match(piece) and names:
            names[-1] = f"{names[-1]}, {piece}"
            continue
        if is_organization(piece, site_keys):
            orgs.append(piece)
            continue
        if _is_role(piece):
            continue
        piece = _CJK_ROLE.sub("", _strip_trailing_role(piece))
        if piece.isupper() and len(piece) > 3:
            piece = piece.title()
        if _looks_like_person(piece) and (
            single_names or len(piece.split()) > 1 or _looks_like_cjk_person(piece)
        ):
            names.append(piece)
    return names, orgs


def _jsonld_people(value: Any, site_keys: set[str]) -> tuple[list[str], list[str]]:
    names: list[str] = []
    orgs: list[str] = []
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, str):
            found, found_orgs = split_byline(item, site_keys)
        elif isinstance(item, dict):
            raw = item.get("name")
            if isinstance(raw, list):
                raw = ", ".join(x for x in raw if isinstance(x, str))
            if not isinstance(raw, str) or not raw.strip():
                given, family = item.get("givenName"), item.get("familyName")
                raw = " ".join(x for x in (given, family) if isinstance(x, str))
            if not raw.strip():
                continue
            kinds = set(types_of(item))
            if kinds & {"Organization", "NewsMediaOrganization", "Corporation", "WebSite"}:
                found, found_orgs = [], [squash(raw)]
            else:
                found, found_orgs = split_byline(raw, site_keys)
        else:
            continue
        names.extend(found)
        orgs.extend(found_orgs)
    return names, orgs


def _dedupe(names: Iterable[str]) -> list[str]:
    """Names in order without repeats; "Jane Doe USA Today" goes when "Jane Doe" is there too."""
    seen: set[str] = set()
    out = []
    for name in names:
        key = norm(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    keys = [norm(n) for n in out]
    return [
        name
        for name, key in zip(out, keys, strict=True)
        if not any(other != key and key.startswith(other + " ") for other in keys)
    ]


_META_AUTHOR_KEYS = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "dc:creator",
    "byl",
    "citation_author",
    "cxenseparse:author",
    "twitter:data1",
)


# "By A. Contributions from B, C | Reviewed by D | Photography by E": only A is an
# author; the others helped, checked or took the pictures.
_HELPER_ROLE = (
    r"(?:contributions? (?:from|by)|additional reporting (?:by|from)|with (?:additional )?"
    r"reporting (?:by|from)|contributing(?: reporters?| writers?)?:|(?:medically |expert )?"
    r"reviewed by|edited by|fact[- ]checked by|photo(?:graph)?(?:s|y)? by|styled by|styling by"
    r"|illustrat(?:ions?|ed) by|video by|graphics by)"
)
_CONTRIBUTORS = re.compile(
    _HELPER_ROLE + r"\s*(.+?)(?=\s+(?:published|last updated|updated|posted)\b|\s*[|•]|"
    r"(?-i:(?<=[a-z])(?=[A-Z][a-z]+ (?:by|from)\b|[A-Z][a-z]+ \d))|$)",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^\s*(?:\w+\s+)?by\b", re.IGNORECASE)


def _contributors(page: PageMeta, site_keys: set[str]) -> set[str]:
    """Names the visible byline credits as contributors rather than authors."""
    found: set[str] = set()
    for text in [*page.bylines[:3], *page.itemprop_authors[:6]]:
        for match in _CONTRIBUTORS.finditer(text):
            names, _ = split_byline(match.group(1), site_keys, single_names=True)
            found.update(norm(n) for n in names)
    return found


def _without(names: list[str], contributors: set[str]) -> list[str]:
    kept = [n for n in names if norm(n) not in contributors]
    return kept or names


def pick_authors(
    page: PageMeta, site_names: Iterable[str | None], tree: HtmlElement | None = None
) -> tuple[list[str], list[str]]:
    """(authors, organizations) of the page, each deduplicated in page order.

    Names the visible byline credits as contributors ("Contributions from ...",
    "Additional reporting by ...") are not authors. In byline text found in the
    page, a second "By ..." line that names none of the first line's people is
    another story's byline (a related-articles list), and ends the search.
    """
    site_keys = {norm(s) for s in site_names if s} | {
        norm(s).replace(" ", "") for s in site_names if s
    }
    site_keys.discard("")
    contributors = _contributors(page, site_keys)
    orgs: list[str] = []
    sources: list[tuple[list[str], bool]] = []  # (strings, from markup meant for machines)
    if page.article:
        for key in ("author", "creator"):
            value = page.article.get(key)
            if value:
                names, found_orgs = _jsonld_people(value, site_keys)
                orgs.extend(found_orgs)
                if names:
                    return _without(_dedupe(names), contributors), _dedupe(orgs)
    meta_values = [v for v in page.all(*_META_AUTHOR_KEYS) if not v.startswith(("http", "www."))]
    sources.append((meta_values, True))
    sources.append((page.itemprop_authors, True))
    sources.append((page.rel_authors, False))
    sources.append(([b for b in page.bylines if len(b) <= 120], False))
    sources.append((page.byline_texts, False))
    for source, structured in sources:
        names: list[str] = []
        for text in source:
            found, found_orgs = split_byline(text, site_keys, single_names=structured)
            if (
                not structured
                and names
                and found
                and _BY_LINE.match(text)
                and not {norm(n) for n in found} & {norm(n) for n in names}
            ):
                break  # another story's byline
            names.extend(found)
            orgs.extend(found_orgs)
        if names:
            return _without(_dedupe(names), contributors), _dedupe(orgs)
    if tree is not None and not orgs:
        # last: a labelled field ("Autor: Jane Doe", <dt>Author</dt><dd>...</dd>)
        names = []
        for text in labelled_authors(tree)[:2]:
            found, found_orgs = split_byline(text, site_keys, single_names=False)
            names.extend(found)
            orgs.extend(found_orgs)
        if names:
            return _dedupe(names), _dedupe(orgs)
    return [], _dedupe(orgs)
