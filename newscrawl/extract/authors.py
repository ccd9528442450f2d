"""Person names from JSON-LD, meta tags, microdata, rel=author links and bylines.

A byline string ("By Jane Doe and John Roe, Senior Correspondents | Updated
3 Oct") is cut into names: the "By"/"Von"/"Por"/"Par" lead-in, roles, dates,
e-mails and @handles go; joined names are split; credentials ("Ph.D.", "MD",
"CFA") go, name suffixes ("Jr.", "III") stay. Organisation and desk bylines
("Reuters", "Staff", "X News Desk", "The Daily Example", a web address, a name
that starts with the site's own) go to ``organizations``, never to ``authors``,
also when glued to a name ("Jane Doe The Associated Press").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract.html import squash, text_of, wordset
from newscrawl.extract.labelled import labelled_authors
from newscrawl.extract.metadata import AGENT_TYPES, PageMeta, types_of
from newscrawl.extract.titles import norm

# "Author:" labels of Finnish, Hungarian, Indonesian, Vietnamese and Greek bylines.
_AUTHOR_LABELS = (
    r"teksti|tekijä|kirjoittaja|szerző|penulis|pewarta|wartawan|reporter|tác giả|phóng viên"
    r"|συντάκτης|συγγραφέας"
)
# Chinese reporter labels ("记者 王小明", "撰文：X"), also read by clean's byline-line rule.
CHINESE_BYLINE_LABELS = r"本报记者|本報記者|记者|記者|撰文"
_LEAD_IN = re.compile(
    r"^(?:(?:written|words|reported|reporting|story|text|posted|submitted|published|article|photos?"
    r"|analysis|opinion|commentary|review|interview|column|essay|feature|perspective)\s+"
    r"(?:(?:and|&)\s+(?:photos?|pictures|story|text|words)\s+)?)?"
    r"(?:by|von|por|par|di|door|af|av|przez|от|автор|oleh|bởi|του|της|των|penulis)\b\s*:?\s*"
    r"|^(?:escrito|publicado|scritto|pubblicato|geschrieben|écrit|publié)\s+(?:por|da|von|par)\s+"
    r"|^(?:authors?|autor(?:in|a)?|auteur|text|texte|texto|testo|tekst|текст|автор|yazan|yazar"
    rf"|muhabir|{_AUTHOR_LABELS})\s*:\s*"
    # Chinese: "记者 王小明", "记者王小明", "撰文：X", "文/X" (no word boundary after Han)
    rf"|^(?:{CHINESE_BYLINE_LABELS})\s*[：:/／]?\s*|^(?:作者|文)\s*[：:/／]\s*"
    # Greek "Γράφει ο/η ..." ("writes ...")
    r"|^γράφει\s+(?:ο|η|οι)\s+",
    re.IGNORECASE,
)
# Romanian bylines open with a lower-case "de" ("de Andrei Popescu"); matched only before
# two capitalised words, so a "De Luca" or "de Vries" byline keeps its particle.
_LOWER_DE = re.compile(r"^de\s+(?=[A-ZĂÂÎȘȚŞŢ][\w-]+\s+[A-ZĂÂÎȘȚŞŢ])")
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
# "with" joins co-writers ("By Jane Doe with John Roe"); "with reporting by" was cut before.
# "og" (Danish, Norwegian), "ja" (Finnish), "a"/"i" (Czech, Slovak, Polish, Catalan),
# "și" (Romanian), "és" (Hungarian), "dan" (Indonesian), "và" (Vietnamese), "και"
# (Greek), "та"/"і" (Ukrainian), "、" (the Chinese list comma).
_AND_WORDS = r"and|AND|und|y|e|et|en|och|og|ja|și|és|dan|và|και|та|і|with|mit|avec|con"
# Czech, Slovak, Polish and Catalan "a"/"i" ("and") join names only in a byline that is
# nothing but capitalised names ("Jan Novák a Petr Svoboda"): elsewhere "a" is a
# preposition or an article ("enviada especial a Kiev", "Jane Doe, a contributor").
_UPPER = "A-ZÀ-ÖØ-ÞČĆĎĐĽĹŁŃŇŘŚŠŤŹŻŽ"
_CAPITALISED_RUN = rf"[{_UPPER}][\w'’.-]*(?:\s+[{_UPPER}][\w'’.-]*)*"
_NAMES_JOINED_BY_A_I = re.compile(
    rf"^{_CAPITALISED_RUN}(?:(?:\s*,\s*|\s+[ai]\s+){_CAPITALISED_RUN})*\s+[ai]\s+{_CAPITALISED_RUN}$"
)
_A_I = re.compile(r"\s+[ai]\s+")
_SPLIT_KEEP = re.compile(rf"(\s*(?:,|;|/|、|\s&\s|\b(?:{_AND_WORDS})\b(?!\.))\s*)")
# "Jane Doe, from Kyiv" / "de São Paulo" / "desde Madrid" / "z Warszawy" / "из Москвы"
_FROM_PLACE = re.compile(
    r"^(?:from|de|desde|do|da|em|en|aus|z|ze|из)\s+[A-ZÀ-ÖØ-ÞĀ-ſ\u0400-\u042f]"
)
_STRONG_JOINER = re.compile(r"[;/]")  # "Jane Doe, Reporter; John Roe, Editor"
_CONJUNCTION = re.compile(rf"&|、|\b(?:{_AND_WORDS})\b")
# Name suffixes stay with their name ("Sammy Davis, Jr.").
_SUFFIX = re.compile(r"^(?:jr\.?|sr\.?|ii|iii|iv|esq\.?)$", re.IGNORECASE)
# Credentials go. Matched case-sensitively as printed: "MA" and "MS" are degrees,
# "Ma" (Jack Ma) and "Ms" are not.
_CREDENTIAL = re.compile(
    r"^(?:Ph\.?\s?D\.?|PHD|M\.?D\.?|D\.?O\.?|R\.?N\.?|RDN|LDN?|MS|M\.S\.|MPH|MBA|J\.?D\.?|CPT|CSCS|"
    r"LLM|LL\.M\.|MA|M\.A\.|BSc|BS|BA|MSc|DVM|PharmD|FACS|FAAN|CFP|CPA|CFA|CAIA|FRM|RD|LCSW|PsyD|"
    r"EdD|DrPH|DNP|NP|PA-C|FNP|FNP-BC|LPC|CCC-SLP|IBCLC|CDE|CDCES|ACSM|NASM|MSN|BSN|MBBS|FRCP|"
    r"MRCP|FRCS|DDS|DMD|OD|DPT|PT|DC|ATC|CNS|CPH|FAAP|FACP|MSW|MFA|ChFC|CLU|CMT|EA)\.?$"
)


# Role words around a name; Dutch "onze" ("our") goes with them: "Door onze
# correspondent Jan de Vries".
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
    toimittaja redaktör redaktør journalisti redaktor redaktorka zpravodaj zpravodajka
    reportér reportérka кореспондент кореспондентка журналіст журналістка редактор
    redactor corespondent jurnalist tudósító újságíró szerkesztő munkatárs wartawan
    koresponden kontributor δημοσιογράφος συντάκτης ανταποκριτής
    redacteur redactrice verslaggever verslaggeefster correspondente onze
    """
)
ORG_WORDS = wordset(
    """
    staff desk team news newsroom editors editorial agency agencies press media wire wires
    service services bureau report times post journal daily magazine online inc ltd llc group
    network channel radio tv television associated reuters afp ap dpa ani pti ians upi efe ansa
    xinhua bloomberg yonhap kyodo tass ria redaktion redacción rédaction redazione content
    partners partner sponsored studio studios images photography pictures gazette telegram
    tribune herald chronicle courier examiner inquirer sentinel dispatch bulletin
    redação redacao redaccio redacció redactie redakcja redakce toimitus redaksjonen redaktionen
    редакция редакції redaksi redakcia szerkesztőség
    """
)
# News agencies; their name also follows their reporter's: "John Roe The Associated Press".
_WIRES = frozenset(
    map(
        norm,
        wordset(
            """
    Reuters|AP|Associated Press|The Associated Press|AFP|Agence France-Presse|Bloomberg|dpa|
    PA|PA Media|Press Association|UPI|EFE|ANSA|Xinhua|Yonhap|Kyodo|TASS|ANI|PTI|IANS|CNN|BBC|
    BBC News|CNN Wire|Bloomberg News|Reuters Staff|AP Staff|
    ANP|TT|NTB|Ritzau|STT|ČTK|TASR|Ukrinform|Укрінформ|Agerpres|MTI|ANA-MPA|Antara|TTXVN|
    ACN|Belga|Lusa|PAP|SITA
    """,
            sep="|",
        ),
    )
)
# Bylines that name no person: agencies, desks and generic staff credits.
AGENCIES = _WIRES | frozenset(
    map(
        norm,
        wordset(
            """
    Staff|Staff Reports|Staff Report|Editorial Board|Editors|Admin|
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
# Capitals only: Greek (with tonos) and Cyrillic capitals, not their lower case ("ότι").
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ\u0386\u0388-\u03ab\u0400-\u042f\u0490][\w'’.\-]*|[A-Z]\.)$"
)


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


# "(Image: Getty Images)": a picture credit where a name was expected.
_CREDIT = re.compile(
    r"\((?:images?|photos?|pictures?|credits?|fotos?|bild(?:er)?)\s*:[^)]*\)", re.IGNORECASE
)


def _clean(text: str) -> str:
    text = squash(_CREDIT.sub(" ", unescape(text)))
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


def _strip_roles(name: str) -> str:
    """Role words around a name go: "Senior Reporter Jane Doe" -> "Jane Doe"."""
    words = name.split()
    while len(words) > 2 and words[0].lower().strip(".,:") in ROLE_WORDS:
        words.pop(0)
    return _strip_trailing_role(" ".join(words))


# A web address for a name: "Example.com", "INQUIRER.net BrandRoom".
# Case-sensitive: the top-level domain is written in lower case, "J.Lo" is a name.
_DOMAIN = re.compile(r"\w\.(?:com|net|org|co|news|info|io|tv|fm|online|[a-z]{2})\b")
_MIN_SITE_PREFIX = 4  # "ap" or "cnn" would turn "Cnn Doe"-like names into organisations


def is_organization(name: str, site_keys: set[str]) -> bool:
    """True for agency, desk and publisher bylines ("Reuters", "TMZ Staff", "Site News Desk").

    Also a name that is a web address, starts with the site's own name
    ("Site.com Staff", "Site BrandRoom") or with "The" ("The Daily Example").
    """
    key = norm(name)
    if not key:
        return False
    if key in AGENCIES or key in site_keys or key.replace(" ", "") in site_keys:
        return True
    if _DOMAIN.search(name) or _THE_NAME.match(name):
        return True
    first = name.split()[0]
    acronym = norm(first) if first.isupper() else ""  # "CBC Arts" on cbc.ca
    words = key.split()
    for site in site_keys:
        if not key.startswith(site + " "):
            continue
        if site == acronym:
            return True
        rest = key[len(site) + 1 :].split()
        # "Elle Smith" on elle.com is a person: one plain word after a site name
        # that is also a first name reads as a surname, not a desk.
        if len(site) >= _MIN_SITE_PREFIX and (len(rest) > 1 or rest[0] in ORG_WORDS | ROLE_WORDS):
            return True
    return any(w in ORG_WORDS for w in words) and not _looks_like_person(name, strict=True)


# A Chinese, Japanese or Korean personal name: two to six characters of the script,
# perhaps split once by a space ("山田 太郎"); these scripts have no capitals to test.
_CJK_LETTER = r"[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]"
_CJK_NAME = re.compile(rf"^{_CJK_LETTER}{{1,4}}(?:\s?{_CJK_LETTER}{{1,4}})?$")
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
    if not all(_NAME_WORD.match(w) or _SUFFIX.match(w.strip(",")) for w in capitalised):
        return False
    return len(words) >= 2 or (len(name) >= 3 and norm(name) not in AGENCIES)


# "The Worcester Telegram & Gazette", "The Associated Press": no person's name starts
# with "The", so the whole run is one organisation and its "&"/"and" joins no names.
_THE_NAME = re.compile(
    r"^(?:The|THE)\s+[A-Z](?:[\w'’.\-]*)(?:\s+(?:[A-Z][\w'’.\-]*|&|and|of|for))*$"
)
_THE_TAIL = re.compile(r"^(.*?)[\s,;]+((?:The|THE)\s+[A-Z].*)$")
_MAX_ORG_WORDS = 6
_JOINERS = " ,;/|-–—"
# What links a name to the organisation after it: "Jane Doe for The Guardian",
# "Jane Doe, Special to The Daily Example", "Jean Dupont, avec AFP".
_FOR = re.compile(
    r"(?:[\s,;/|\-–—]+(?:special\s+to|for|für|pour|para|per|at|with|avec|mit|con|of))?[\s,;/|\-–—]*$",
    re.IGNORECASE,
)


def _org_tail(text: str, site_keys: set[str]) -> tuple[str, str | None]:
    """("Jane Doe", "The Associated Press") from "Jane Doe The Associated Press".

    Agencies and the site's own name glued to the end of a byline, with or
    without a comma, and a trailing "The ..." organisation.
    """
    match = _THE_TAIL.match(text)
    if match and _THE_NAME.match(match.group(2)) and len(match.group(2).split()) <= _MAX_ORG_WORDS:
        return _FOR.sub("", match.group(1)), match.group(2)
    words = text.split()
    for size in range(min(4, len(words) - 2), 0, -1):
        tail = " ".join(words[-size:]).lstrip(_JOINERS).strip("()")
        key = norm(tail)
        if tail and (key in _WIRES or key in site_keys or key.replace(" ", "") in site_keys):
            head = _FOR.sub("", " ".join(words[:-size]))
            if not is_organization(head, site_keys):
                return head, tail
    # "Craig Meyer USA TODAY NETWORK": a capitalised organisation after a name written
    # in mixed case ("Jean DUPONT" stays a name: no organisation word in it).
    caps = 0
    while caps < len(words) - 2 and words[-1 - caps].isupper() and len(words[-1 - caps]) > 1:
        caps += 1
    if caps >= 2 and any(norm(w) in ORG_WORDS for w in words[-caps:]):
        head = _FOR.sub("", " ".join(words[:-caps]))
        if not head.isupper() and not is_organization(head, site_keys):
            return head, " ".join(words[-caps:])
    return text, None


# "Enterprise Microsoft By, Simon Bisson": a column label before the byline's own "By".
_LABEL_BY = re.compile(r"^[^,|]{1,60}?[\s,]+(?:By|BY)\b[\s:,]+(?=\S)")
# "Amie Mock as told to Heather Eastman": the second person wrote the story.
_AS_TOLD = re.compile(
    r"^.*?\b(?:as told to|propos recueillis par|aufgezeichnet von|protokolliert von)\s+",
    re.IGNORECASE,
)


def _strip_credentials(piece: str) -> str:
    words = piece.split()
    while len(words) > 2 and _CREDENTIAL.match(words[-1].strip(",")):
        words.pop()
    return " ".join(words).rstrip(",")


def _another_person_follows(parts: list[str], index: int) -> bool:
    """Whether the joiner after piece ``index`` of a byline split starts another person.

    After a description the list goes on only at ", and" or ";" ("Jane Doe,
    correspondent in Kyiv, and John Roe"); a bare "and" is inside the
    description ("Institute of Allergy and Infectious Diseases").
    """
    joined = ""
    for at in range(2 * index + 1, len(parts), 2):
        joined += parts[at]
        if at + 1 < len(parts) and _clean(parts[at + 1]):
            break
    return bool(_STRONG_JOINER.search(joined) or ("," in joined and _CONJUNCTION.search(joined)))


def split_byline(
    text: str, site_keys: set[str] | None = None, *, single_names: bool = True
) -> tuple[list[str], list[str]]:
    """Names and organisations in one byline string.

    ``single_names=False`` refuses one-word names, for bylines read from page
    text, where a lone capitalised word is more often a label than a person;
    and there a line whose first part names no one ("By Growing Cells in Rice,
    Scientists Dish Up Food", "By providing an email address") is not a byline.
    """
    site_keys = site_keys or set()
    inner = _INNER_BY.search(text)
    if inner:
        text = inner.group(1)
    text = _AS_TOLD.sub("", text)
    text = _LABEL_BY.sub("", text)
    helper = _HELPER_CUT.search(text)
    if helper and helper.start() > 0:
        text = text[: helper.start()]  # "Jane Doe, with additional reporting by John Roe"
    cleaned = _LOWER_DE.sub("", _clean(text))  # the whole byline only: ", de São Paulo" stays
    if not cleaned:
        return [], []
    names: list[str] = []
    orgs: list[str] = []
    if _THE_NAME.match(cleaned) and len(cleaned.split()) <= _MAX_ORG_WORDS:
        return [], [cleaned]
    cleaned, tail = _org_tail(cleaned, site_keys)
    if _NAMES_JOINED_BY_A_I.match(cleaned):
        cleaned = _A_I.sub(" and ", cleaned)
    parts = _SPLIT_KEEP.split(cleaned)
    described = False  # a role or a description came after the last name
    for index, raw in enumerate(parts[::2]):
        joiner = parts[2 * index - 1] if index else ""
        piece = _clean(raw).strip("() ")
        if not piece:
            continue
        if _SUFFIX.match(piece) and names:
            names[-1] = f"{names[-1]}, {piece}"
            continue
        if _CREDENTIAL.match(piece):
            continue
        if names and _FROM_PLACE.match(piece):
            break  # "Por Ana Souza, de São Paulo": where she wrote from
        person = _strip_roles(piece)
        if (
            person != piece
            and _looks_like_person(person, strict=True)
            and not any(w.lower() in ROLE_WORDS for w in person.split())
            and not is_organization(person, site_keys)
        ):
            piece = person  # a role glued to a name, not a desk ("Staff Writer Jane Doe")
        elif is_organization(piece, site_keys):
            orgs.append(piece)
            continue
        if _is_role(piece):
            described = True
            continue
        if described and not _CONJUNCTION.search(joiner) and not _STRONG_JOINER.search(joiner):
            continue  # "Jane Doe, Deputy CTO, Example Technologies": her employer
        piece = _CJK_ROLE.sub("", _strip_credentials(_strip_trailing_role(piece)))
        last = piece.rsplit(" ", 1)[-1]
        if last.endswith(".") and "." not in last[:-1] and len(last) > 3:
            piece = piece[:-1]  # a sentence's full stop, not "Jr." or an initial
        if piece.isupper() and len(piece) > 3:
            piece = piece.title()
        if _looks_like_person(piece) and (
            single_names or len(piece.split()) > 1 or _looks_like_cjk_person(piece)
        ):
            names.append(piece)
            described = False
        elif index == 0 and not single_names:
            return [], []  # a sentence or a headline, not a name
        elif names and _another_person_follows(parts, index):
            described = True  # "Jane Doe, correspondent in Kyiv, and John Roe"
        elif names:
            break  # "Jane Doe, U.S. Institute of Allergy and Infectious Diseases"
    if tail:
        orgs.append(tail)
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
            if "Person" not in kinds and kinds & {
                "Organization",
                "NewsMediaOrganization",
                "Corporation",
                "WebSite",
            }:
                found, found_orgs = [], [squash(raw)]
            elif "Person" in kinds and _blog_owner(squash(raw), site_keys):
                found, found_orgs = [squash(raw)], []
            else:
                found, found_orgs = split_byline(raw, site_keys)
        else:
            continue
        names.extend(found)
        orgs.extend(found_orgs)
    return names, orgs


def _blog_owner(name: str, site_keys: set[str]) -> bool:
    """A Person named like the site itself, with a person's name: a personal blog or
    newsletter ("Jane Doe" writing on the site "Jane Doe"). A brand typed as a Person
    ("Metro Daily", "TechCrunch", "MLB.com") has an organisation word, a single word
    or a web address."""
    key = norm(name)
    return (
        (key in site_keys or key.replace(" ", "") in site_keys)
        and len(name.split()) >= 2
        and key not in AGENCIES
        and not _THE_NAME.match(name)
        and not _DOMAIN.search(name)
        and _looks_like_person(name, strict=True)
    )


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
    r"|illustrat(?:ions?|ed) by|video by|graphics by"
    # "Reporter: X | Editor: Y" (Indonesian sites also "Redaktur:", "Penyunting:"); "Text: X
    # Foto: Y", "Teksti: X Kuvat: Y": the photographer after the writer
    r"|(?:editor|redaktur|penyunting)\s*:"
    r"|(?:fotos?|photos?|kuvat?|bild(?:er)?|billeder|bilder?|snímky?|фото|fotó|ảnh)\s*:)"
)
_HELPER_CUT = re.compile(r"[\s,;|]*\b" + _HELPER_ROLE, re.IGNORECASE)
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


_MAX_BYLINE = 120


def _byline_coauthors(page: PageMeta, names: list[str], site_keys: set[str]) -> list[str]:
    """The visible byline's names when it credits everyone the markup does and more.

    JSON-LD and meta tags often carry only the first of several writers ("By
    Jane Doe and John Roe" with one Person in the markup). Only the first
    printed byline that names one of them is read: later ones belong to other
    stories.
    """
    keys = {norm(n) for n in names}
    for text in [*page.bylines[:10], *page.byline_texts[:3]]:
        if len(text) > _MAX_BYLINE:
            continue
        found, _ = split_byline(text, site_keys, single_names=False)
        found_keys = {norm(n) for n in found}
        if not found_keys & keys:
            continue
        if found_keys > keys:
            return _dedupe(found)
        break
    return names


# A Korean wire lead opens the story: "(서울=연합뉴스) 홍길동 기자 = ...", "[서울=뉴시스]
# 김철수 이영희 기자 = ..."; Yonhap, Newsis, News1 and their syndicators print it so.
_WIRE_LEAD = re.compile(
    r"^\s*[(\[]\s*[^()\[\]=]{1,15}=\s*[^()\[\]]{1,20}[)\]]\s*"
    r"((?:[가-힣]{2,4}\s*(?:(?:기자|특파원)\s*)?[,·]?\s*){1,4})(?:기자|특파원)\s*="
)
_WIRE_NAME = re.compile(r"[가-힣]{2,4}")
_WIRE_LEAD_PARAGRAPHS = 8


def wire_lead_authors(tree: HtmlElement) -> list[str]:
    """Reporters named in a Korean wire lead among the first paragraphs."""
    for i, paragraph in enumerate(tree.iter("p")):
        if i >= _WIRE_LEAD_PARAGRAPHS:
            break
        match = _WIRE_LEAD.match(text_of(paragraph)[:80])
        if match:
            names = [n for n in _WIRE_NAME.findall(match.group(1)) if n not in ("기자", "특파원")]
            return _dedupe(names)
    return []


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
    meta_keys = _META_AUTHOR_KEYS
    if page.article:
        for key in ("author", "creator"):
            value = page.resolve(page.article.get(key), AGENT_TYPES)
            if value:
                names, found_orgs = _jsonld_people(value, site_keys)
                orgs.extend(found_orgs)
                if names:
                    names = _byline_coauthors(page, _dedupe(names), site_keys)
                    return _without(names, contributors), _dedupe(orgs)
        if orgs:
            # twitter:data1 is a "Written by" label at best; with an organisation for the
            # author it names whoever filed the page, not a byline.
            meta_keys = tuple(k for k in meta_keys if k != "twitter:data1")
    meta_values = [v for v in page.all(*meta_keys) if not v.startswith(("http", "www."))]
    sources.append((meta_values, True))
    sources.append((page.itemprop_authors, True))
    sources.append((page.rel_authors, False))
    sources.append(([b for b in page.bylines if len(b) <= _MAX_BYLINE], False))
    sources.append((page.byline_texts, False))
    for source, structured in sources:
        names: list[str] = []
        by_org = False  # a "By Reuters" line came first: the story's byline names no person
        for text in source:
            found, found_orgs = split_byline(text, site_keys, single_names=structured)
            by_line = not structured and _BY_LINE.match(text) is not None
            if (
                by_line
                and (names or by_org)
                and found
                and not {norm(n) for n in found} & {norm(n) for n in names}
            ):
                break  # another story's byline
            by_org = by_org or (by_line and bool(found_orgs) and not found)
            names.extend(found)
            orgs.extend(found_orgs)
        if names:
            names = _dedupe(names)
            if structured:  # meta tags, like JSON-LD, often name only the first writer
                names = _byline_coauthors(page, names, site_keys)
            return _without(names, contributors), _dedupe(orgs)
    if tree is not None and not orgs:
        # then: a labelled field ("Autor: Jane Doe", <dt>Author</dt><dd>...</dd>)
        names = []
        for text in labelled_authors(tree)[:2]:
            found, found_orgs = split_byline(text, site_keys, single_names=False)
            names.extend(found)
            orgs.extend(found_orgs)
        if names:
            return _dedupe(names), _dedupe(orgs)
    if tree is not None and not orgs:
        names = wire_lead_authors(tree)
        if names:
            return names, []
    if not orgs:
        # Last resort: the first link to an author page ("/author/jane-doe") that names someone.
        for text in page.author_links:
            names, _ = split_byline(text, site_keys, single_names=False)
            if names:
                return names, []
    return [], _dedupe(orgs)
