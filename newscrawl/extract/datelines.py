"""Visible datelines: the dates a page prints next to its headline, read without dateparser.

A news page shows its date in the article header ("Published 8:00 PM EST, Tue
December 19, 2023", "Updated on December 14, 2023", "19. Oktober 2025, 07:15",
"2023年12月19日"). Machine-readable metadata often gives the same moment in UTC,
or gives the original publication of a page the publisher now presents under a
newer date; the visible dateline says which calendar day (and which UTC offset)
the page itself shows.

:func:`header_datelines` finds the short date-bearing elements of the header
region (from a little before the ``<h1>`` to the first long story paragraph),
outside comments, asides and footers. :func:`parse_datelines` reads every date
in such a text with a fast month-name table (English, German, French, Spanish,
Italian, Portuguese, Dutch, Russian, Arabic, Polish, Turkish, the Nordic languages,
Finnish, Czech, Slovak, Ukrainian, Romanian, Hungarian, Greek, Indonesian, Catalan,
plus numeric, Vietnamese and CJK forms), the time of day, a zone abbreviation when one
is given, and the label in front of it ("Published", "Updated", "Aktualisiert",
"Mis à jour", "Uppdaterad", "Оновлено", "发布时间", ...).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from lxml.etree import XPath
from lxml.html import HtmlElement

from newscrawl.extract.html import greek_caps, squash, text_of

_MONTHS: dict[str, int] = {}
_MONTH_NAMES = (
    (
        "january jan januar jänner janvier janv enero ene gennaio gen janeiro januari января январь "
        "يناير"
    ),
    (
        "february feb februar février févr fevr febrero febbraio fevereiro fev februari февраля февраль "
        "فبراير شباط"
    ),
    "march mar märz mär maerz mars marzo março maart марта март مارس آذار اذار",
    "april apr avril avr abril abr aprile апреля апрель أبريل ابريل إبريل نيسان",
    "may mai mayo maggio mag maio mei мая май مايو أيار ايار",
    "june jun juni juin junio giugno giu junho июня июнь يونيو يونية حزيران",
    "july jul juli juillet juil julio luglio lug julho июля июль يوليو يولية تموز",
    "august aug août aout agosto ago augustus августа август أغسطس اغسطس آب",
    (
        "september sep sept septembre septiembre setiembre settembre set setembro сентября сентябрь "
        "سبتمبر أيلول ايلول"
    ),
    "october oct oktober okt octobre octubre ottobre ott outubro out октября октябрь أكتوبر اكتوبر",
    "november nov novembre noviembre novembro ноября ноябрь نوفمبر",
    "december dec dezember dez décembre déc diciembre dic dicembre dezembro декабря декабрь ديسمبر",
)
# Polish (genitive and nominative) and Turkish
_MORE_MONTH_NAMES = {
    1: "stycznia styczeń ocak", 2: "lutego luty şubat", 3: "marca marzec mart",
    4: "kwietnia kwiecień nisan", 5: "maja maj mayıs", 6: "czerwca czerwiec haziran",
    7: "lipca lipiec temmuz", 8: "sierpnia sierpień ağustos", 9: "września wrzesień eylül",
    10: "października październik ekim", 11: "listopada listopad kasım",
    12: "grudnia grudzień aralık",
}  # fmt: skip
# Dutch ("mrt"), Swedish, Danish, Norwegian, Finnish (partitive and nominative), Czech and
# Slovak (genitive and nominative), Ukrainian (genitive and nominative), Romanian,
# Hungarian, Greek (genitive and nominative), Indonesian, Catalan. A name several
# languages share for the same month is listed once. Croatian names are left out: they
# collide with Czech and Polish ones for other months (Croatian "listopad" is October,
# Czech and Polish "listopad" November; Croatian "srpanj" is July, Czech "srpen" August).
_EUROPEAN_MONTH_NAMES = {
    1: "tammikuuta tammikuu ledna leden januára január ianuarie ian січня січень "
       "ιανουαρίου ιανουάριος ιαν gener",
    2: "helmikuuta helmikuu února únor februára február februarie febr лютого лютий "
       "φεβρουαρίου φεβρουάριος φεβ febrer",
    3: "mrt marts maaliskuuta maaliskuu března březen marec martie március márc березня березень "
       "μαρτίου μάρτιος μαρ maret març",
    4: "huhtikuuta huhtikuu dubna duben apríla apríl aprilie április ápr квітня квітень "
       "απριλίου απρίλιος απρ",
    5: "toukokuuta toukokuu května květen mája máj május травня травень μαΐου μάιος μαΐ maig",
    6: "kesäkuuta kesäkuu června červen júna jún iunie iun június червня червень ιουνίου "
       "ιούνιος ιουν juny",
    7: "heinäkuuta heinäkuu července červenec júla júl iulie iul július липня липень "
       "ιουλίου ιούλιος ιουλ juliol",
    8: "augusti elokuuta elokuu srpna srpen augusta augusztus серпня серпень αυγούστου "
       "αύγουστος αυγ agustus agu agt",
    9: "syyskuuta syyskuu září septembra septembrie szeptember szept вересня вересень "
       "σεπτεμβρίου σεπτέμβριος σεπ setembre",
    10: "lokakuuta lokakuu října říjen októbra október octombrie жовтня жовтень "
        "οκτωβρίου οκτώβριος οκτ",
    11: "marraskuuta marraskuu listopadu novembra noiembrie листопада νοεμβρίου "
        "νοέμβριος νοε",
    12: "joulukuuta joulukuu prosince prosinec decembra decembrie грудня грудень "
        "δεκεμβρίου δεκέμβριος δεκ desember des desembre",
}  # fmt: skip
for _number, _names in enumerate(_MONTH_NAMES, start=1):
    _names = f"{_names} {_MORE_MONTH_NAMES[_number]} {_EUROPEAN_MONTH_NAMES[_number]}"
    for _name in _names.split():
        _MONTHS[_name.rstrip(".")] = _number


def _bare(name: str) -> str:
    """``name`` without accents: Greek sites print months in capitals without the tonos
    ("12 ΜΑΡΤΙΟΥ 2024"), and some sites drop Romanian and Czech diacritics."""
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))


# The accentless spelling of every name whose accentless form names one month only.
_BARE_MONTHS: dict[str, int] = {}
for _name, _number in _MONTHS.items():
    _BARE_MONTHS.setdefault(_bare(_name), _number)
    if _BARE_MONTHS[_bare(_name)] != _number:
        _BARE_MONTHS[_bare(_name)] = 0  # two months: never read

# a name, or two names for one month ("آب/اغسطس": the Levantine and the Egyptian name)
MONTH_NAME = r"(?P<month>[^\W\d_]{2,13}(?:/[^\W\d_]{2,13})?)\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# "year" after the number: Russian "2024 г." / "года", Ukrainian "2024 р." / "року"
_YEAR_WORD = r"(?:\s*(?:года|року|г\.?|р\.?)(?!\w))?"
# The word before a time of day: "at", "um", "kl." (Scandinavian), "klo" (Finnish),
# "lúc" (Vietnamese), "pukul" (Indonesian), "om" (Dutch), "v" (Czech), "о" (Ukrainian).
_AT = r"(?:at|um|à|a las|a les|alle|ore|às|в|o|о|kl\.|kl|klo\.?|lúc|pukul|om|v|στις)(?=[\s\d])"
TIME = (
    # ("2024.03.12. 10:32": a Hungarian date ends with a dot)
    rf"(?:\.?(?:\s*[,|·•–—-]\s*|\s+)(?:{_AT}\s*)?"
    r"(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\.?)?(?:\s*uhr)?(?:\s*\(?(?P<zone>(?-i:[A-Z]{1,5}|МСК)(?:[+-]\d{1,2})?)\)?\b)?)?"
)
# "8:00 PM EST, Tue December 19, 2023": a time printed before its date.
_TIME_BEFORE = re.compile(
    r"(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\.?)?(?:\s*(?P<zone>(?-i:[A-Z]{2,5})))?"
    r"[\s,|·•–—-]*(?:[^\W\d_]{2,9}\.?,?\s*)?$",
    re.IGNORECASE,
)
_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # December 19, 2023 / Dec. 19 2023 / Tue December 19, 2023
        rf"\b{MONTH_NAME}\s+{DAY},?\s+{_YEAR}{TIME}",
        # 19 December 2023 / 19. Oktober 2025 / 19 de diciembre de 2023 / 19 декабря 2023
        # / 19 d'octubre de 2023 (Catalan)
        # / 12 de març del 2024 (Catalan, and Spanish in Latin America)
        rf"\b{DAY}\s+(?:de\s+|d['’]\s?)?{MONTH_NAME},?\s+(?:del?\s+)?{_YEAR}{_YEAR_WORD}{TIME}",
        # 2024. március 12. (Hungarian: year, month, day)
        rf"\b{_YEAR}\.\s*{MONTH_NAME}\s*{DAY}{TIME}",
        # ngày 12 tháng 3 năm 2024 (Vietnamese: "day 12, month 3, year 2024")
        rf"\b(?:ngày\s+)?(?P<day>[0-3]?\d)\s+tháng\s+(?P<nmonth>[01]?\d)(?:\s+năm|\s*,)?\s+{_YEAR}{TIME}",
        # 19.dez.2023 (Folha de S.Paulo: "12.mar.2024 às 10h32")
        rf"\b(?P<day>[0-3]?\d)\.(?P<month>[^\W\d_]{{3,9}})\.{_YEAR}{TIME}",
        # 2023-12-19 / 2023/12/19 / 2023.12.19 (Korean and Chinese sites: "입력 2023.12.19 10:00")
        # / 2023. 12. 19. (Hungarian)
        rf"\b{_YEAR}(?:[-/]|\.\s?)(?P<nmonth>[01]?\d)(?:[-/]|\.\s?)(?P<day>[0-3]?\d)\b(?!\.\d){TIME}",
        # 2023年12月19日 / 2023년 12월 19일
        rf"{_YEAR}\s*[年년]\s*(?P<nmonth>[01]?\d)\s*[月월]\s*(?P<day>[0-3]?\d)\s*[日일]{TIME}",
        # 19.12.2023 / 19/12/2023 (day first; month first only when the day cannot be a month)
        # / 12. 3. 2024 (Czech and Slovak print a space after each dot)
        rf"\b(?P<a>[0-3]?\d)(?:[./]|\.\s)(?P<b>[01]?\d)(?:[./]|\.\s){_YEAR}\b{TIME}",
    )
)
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "IST": 330, "CET": 60, "CEST": 120,
    "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240,
    "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "AEST": 600, "AEDT": 660, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "NZST": 720,
    "NZDT": 780, "WIB": 420, "WITA": 480, "WIT": 540, "ICT": 420,
}  # fmt: skip
# Zones printed in the local script: Russian sites print Moscow time as "МСК".
_LOCAL_ZONES = {"МСК": "MSK"}
# "Updated" and "Published" in the Nordic, Central and Eastern European, Greek, Indonesian,
# Vietnamese and Catalan spellings (whole words; CJK labels below need no word boundary).
_UPDATED_WORDS = greek_caps(
    "uppdaterad|uppdaterat|opdateret|oppdatert|päivitetty|aktualizováno|aktualizované"
    "|aktualizovaná|оновлено|actualizat|actualizată|actualitzat|actualitzada|actualització"
    "|frissítve|frissítés|frissült|diperbarui|diperbaharui|ενημέρωση|ενημερώθηκε|cập nhật"
)
_PUBLISHED_WORDS = greek_caps(
    "publicerad|publicerat|publiceret|publisert|julkaistu|publikováno|publikované|publikovaná"
    "|опубліковано|публікація|publicat|publicată|publikálva|közzétéve|megjelent|diterbitkan"
    "|dipublikasikan|δημοσίευση|δημοσιεύθηκε|δημοσιεύτηκε|ngày đăng|đăng lúc|xuất bản"
)
UPDATED_LABEL = re.compile(
    r"\b(?:updated|last updated|modified|revised|aktualisiert|geändert|mis à jour|actualizado|"
    r"actualización|actualizada|aggiornato|aggiornamento|atualizado|atualizada|atualização|"
    rf"bijgewerkt|обновлено|обновлен|aktualizacja|zaktualizowano|güncelleme|güncellendi|{_UPDATED_WORDS})\b"
    r"|更新|수정|업데이트|تحديث",
    re.IGNORECASE,
)
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|publish date|date|veröffentlicht|erschienen|publié|publicado|"
    r"pubblicato|gepubliceerd|опубликовано|dated?|publicação|pubblicazione|opublikowano|publikacja"
    rf"|giriş|yayınlanma|oluşturulma|{_PUBLISHED_WORDS})\b"
    r"|公開|配信|입력|발행|نشر|发布|發布|发表|發表|刊登|时间|時間|日期",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """One date printed on the page."""

    day: date
    clock: tuple[int, int, int] | None  # the wall-clock time printed, if any
    offset: int | None  # minutes east of UTC, when the text names a zone
    label: str | None  # "published", "updated" or None
    text: str  # the text it was read from


def month_number(name: str) -> int | None:
    for part in name.split("/"):
        key = part.lower().rstrip(".")
        month = _MONTHS.get(key) or _BARE_MONTHS.get(_bare(key))
        if month:
            return month
    return None


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    if not match.groupdict().get("hour"):
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    second = int(match.group("second") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23:
        return None
    return hour, minute, second


def _offset(zone: str | None) -> int | None:
    if not zone:
        return None
    zone = _LOCAL_ZONES.get(zone, zone).upper()
    base = re.match(r"^([A-Z]+)([+-]\d{1,2})?$", zone)
    if not base or base.group(1) not in _ZONES:
        return None
    return _ZONES[base.group(1)] + (int(base.group(2)) * 60 if base.group(2) else 0)


def _day(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month = month_number(groups["month"])
        day = int(groups["day"])
    elif groups.get("nmonth"):
        month, day = int(groups["nmonth"]), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (b, a) if b <= 12 else (a, b)
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_datelines(text: str) -> list[Dateline]:
    """Every date in ``text``, in order, each with its time, zone and label."""
    found: list[tuple[int, int, Dateline]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            day = _day(match)
            if day is None:
                continue
            taken.append((start, end))
            clock = _clock(match)
            zone = _offset(match.group("zone")) if clock else None
            found.append((start, end, Dateline(day, clock, zone, None, text)))
    found.sort(key=lambda item: item[0])
    out = []
    previous_end = 0
    for start, end, line in found:
        before = text[previous_end:start]
        clock, zone = line.clock, line.offset
        if clock is None:
            earlier = _TIME_BEFORE.search(before)
            if earlier:
                clock = _clock(earlier)
                zone = _offset(earlier.group("zone")) if clock else None
                before = before[: earlier.start()]
        label = "updated" if UPDATED_LABEL.search(before) else None
        if label is None and PUBLISHED_LABEL.search(before):
            label = "published"
        out.append(Dateline(line.day, clock, zone, label, line.text))
        previous_end = end
    return out


_HEADLINE = XPath("//body//h1")
_BOILERPLATE = re.compile(
    r"comment|related|sidebar|recommend|popular|trending|most-?read|newsletter|outbrain|taboola"
    r"|more-?stories|read-?next|up-?next",
    re.IGNORECASE,
)
_BOILERPLATE_DEPTH = 6
_HEADLINE_LINK = XPath(".//a[@href][string-length(normalize-space(.)) > 20]")
_TEXT_TAGS = frozenset(
    {
        "div", "span", "p", "time", "small", "abbr", "dd", "dt", "li", "h2", "h3", "h4", "h5",
        "h6", "em", "strong", "b", "i", "a", "address", "header", "section", "td",
    }
)  # fmt: skip
_HAS_YEAR = re.compile(r"(?:19|20)\d{2}")
_LONG_PARAGRAPH_WORDS = 30
_BEFORE_HEADLINE = 60
_AFTER_HEADLINE = 200
_NO_HEADLINE_WINDOW = 100_000  # replaced by h1 + _AFTER_HEADLINE once the <h1> is passed
_MAX_TEXT = 160
# A dateline is mostly its date: a label, a byline, a place may go with it, not a sentence.
_MAX_OTHER_WORDS = 6
_ANY_DATE = re.compile(
    re.sub(r"\?P<\w+>", "?:", "|".join(f"(?:{p.pattern})" for p in _PATTERNS)), re.IGNORECASE
)


# A time, am/pm or a zone abbreviation left over next to a date: "8:00", "PM", "EST,".
_CLOCK_WORD = re.compile(r"^(?:\d{1,2}[:.h]\d{2}|[ap]\.?m\.?|[A-Z]{2,5})\W*$")
_DATE_AT_END = re.compile(rf"(?:{_ANY_DATE.pattern})[\s.)\]]*$", re.IGNORECASE)


def only_a_date(text: str, max_other_words: int = 4) -> bool:
    """True when ``text`` is a printed date and little else ("Saturday 23 December 2023 05:39, UK").

    The words left once the date (and its time) are taken out are a weekday, a
    label or a zone, not a sentence.
    """
    if not _HAS_YEAR.search(text) or not _ANY_DATE.search(text):
        return False
    rest = [
        w
        for w in _ANY_DATE.sub(" ", text).split()
        if any(c.isalnum() for c in w) and not _CLOCK_WORD.match(w)
    ]
    return len(rest) <= max_other_words


def ends_with_date(text: str) -> bool:
    """True when ``text`` ends with a printed date ("RTVE, Este vídeo ..., 13 de diciembre de 2023")."""
    return bool(_HAS_YEAR.search(text[-40:])) and bool(_DATE_AT_END.search(text[-60:]))


def article_aside(aside: HtmlElement) -> bool:
    """True when ``aside`` holds the page's only ``<h1>``: some templates wrap the whole
    story in an ``<aside>``, which then is the article, not a sidebar."""
    if next(aside.iter("h1"), None) is None:
        return False
    return len(_HEADLINE(aside.getroottree())) == 1


def in_boilerplate(element: HtmlElement) -> bool:
    """True when ``element`` sits in a comment, related-links or sidebar block, or a link list."""
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth > _BOILERPLATE_DEPTH or node.tag in ("body", "html", "article", "main"):
            return False
        if node.tag == "aside" and article_aside(node):
            return False
        if boilerplate_block(node):
            return True
    return False


def boilerplate_block(node: HtmlElement) -> bool:
    """True when ``node`` itself is an aside, a nav, a teaser link item, or is marked as a
    comment, related-links, sidebar or newsletter block by its class or id."""
    if node.tag in ("aside", "nav"):
        return True
    if node.tag == "li" and _HEADLINE_LINK(node):
        return True
    marks = f"{node.get('class') or ''} {node.get('id') or ''}"
    return bool(marks.strip()) and bool(_BOILERPLATE.search(marks))


_FACT_CELLS = ("td", "dd")
_FACT_LABELS = ("td", "th", "dt")
_FACT_LABEL_WORDS = 4


def other_fact(element: HtmlElement) -> bool:
    """True when ``element`` is the value of a fact table row about something else.

    Profile and infobox tables print dates next to their own labels ("Birthday |
    22nd December, 1972", "Release date | ..."); such a date is a fact of the
    story, not when it was published. A row labelled as a date of publication or
    update ("Date", "Published", "Aktualisiert") still counts.
    """
    cell = element
    for _ in range(3):
        if cell is None or cell.tag in _FACT_CELLS:
            break
        cell = cell.getparent()
    if cell is None or cell.tag not in _FACT_CELLS:
        return False
    label = cell.getprevious()
    if label is None or label.tag not in _FACT_LABELS:
        return False
    text = text_of(label)
    if not text or any(c.isdigit() for c in text) or len(text.split()) > _FACT_LABEL_WORDS:
        return False
    return not (PUBLISHED_LABEL.search(text) or UPDATED_LABEL.search(text))


# The words that open a byline: "By", "Von", "Por", "Par", "Door", "Av", "Di", "Tác giả:".
BYLINE_OPENER = re.compile(
    r"^(?:by|written by|von|por|par|door|av|af|di|autor|autorin|autore|auteur|author|text|texto"
    r"|texte|testo|tekst|reporter|автор|текст|tác giả|phóng viên|oleh|yazar|kirjoittaja)(?!\w)",
    re.IGNORECASE,
)
# Words a byline runs through that are not names: "and", "und", "et", "y", "và", ...
_NAME_JOINERS = frozenset(
    ["and", "und", "et", "y", "e", "i", "och", "og", "en", "и", "і", "та", "và", "dan", "ve", "ja"]
)
_MAX_BYLINE_WORDS = 12
_MAX_LOWER_WORDS = 2  # a weekday in a language that does not capitalise it ("Thứ ba", "mardi")


def byline_and_date(text: str) -> bool:
    """True when ``text`` is a byline followed by a date ("By Jane Doe | March 12, 2024",
    "Tác giả: Nguyễn Văn A - Thứ ba, 12/3/2024 10:32").

    Names run past the word limit of a plain dateline (Vietnamese prints every
    syllable as a word), yet such a line is still the article's byline and date,
    not a sentence: it opens with a byline word and the rest are capitalised names,
    a joiner ("and") and at most a weekday or two in lower case.
    """
    if not BYLINE_OPENER.match(text):
        return False
    rest = BYLINE_OPENER.sub("", _ANY_DATE.sub(" ", text), count=1)
    words = [w.strip(".,:;|()") for w in rest.split() if any(c.isalnum() for c in w)]
    if not words or len(words) > _MAX_BYLINE_WORDS:
        return False
    lower = [w for w in words if not w[:1].isupper() and w.casefold() not in _NAME_JOINERS]
    return len(lower) <= _MAX_LOWER_WORDS


def header_texts(tree: HtmlElement, wanted: re.Pattern[str] = _HAS_YEAR) -> list[str]:
    """Short texts of the article header's elements (see the module docstring) whose own
    text, or a child's tail, matches ``wanted``; outside comments, asides and fact tables."""
    headlines = _HEADLINE(tree)
    headlines = [h for h in headlines if not in_boilerplate(h)] or headlines
    elements: list[HtmlElement] = []
    h1 = 0
    stop = _NO_HEADLINE_WINDOW
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        elements.append(element)
        if headlines and element is headlines[0]:
            h1 = len(elements) - 1
            stop = h1 + _AFTER_HEADLINE
        if len(elements) >= stop:
            break
    start = max(0, h1 - _BEFORE_HEADLINE) if headlines else 0
    end = len(elements)
    out: list[str] = []
    seen: set[str] = set()
    long_paragraphs = 0
    for index in range(start, end):
        element = elements[index]
        if element.tag == "p" and index > h1:
            words = len((element.text or "").split())
            if words >= _LONG_PARAGRAPH_WORDS and not in_boilerplate(element):
                long_paragraphs += 1  # the first may be a standfirst; the second is the story
                if long_paragraphs == 2:
                    break
        if element.tag not in _TEXT_TAGS:
            continue
        own = element.text or ""
        if (
            element.tag != "time"
            and not wanted.search(own)
            and not any(wanted.search(child.tail or "") for child in element)
        ):
            continue
        text = text_of(element)
        if not text or len(text) > _MAX_TEXT or text in seen:
            continue
        if in_boilerplate(element) or other_fact(element):
            continue
        seen.add(text)
        out.append(squash(text))
    return out


def header_datelines(tree: HtmlElement) -> list[Dateline]:
    """Dates printed in the article header, in page order (see the module docstring)."""
    out: list[Dateline] = []
    for text in header_texts(tree):
        found = parse_datelines(text)
        if found and (
            len(_ANY_DATE.sub(" ", text).split()) <= _MAX_OTHER_WORDS or byline_and_date(text)
        ):
            out.extend(found)
    return out
