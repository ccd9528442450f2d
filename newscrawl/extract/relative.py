"""Header dates that need the fetch time: "2 hours ago", "yesterday", "12.3. klo 10.32".

Some pages print no absolute date anywhere: no metadata, only a relative stamp
("Published 35 minutes ago", "vor 3 Stunden", "3時間前") or a day and month
without the year ("12 March, 10:32", "Mar 12"). Read against the time the page
was fetched, these still place the story. They are the weakest dates of a page
and are read only when nothing else gives one (see ``dates.pick_dates``).

Relative stamps are read with a small table rather than dateparser's
``RELATIVE_BASE``: dateparser needs the language to be right (a page's
``lang`` is often missing or wrong on exactly these templates), accepts loose
free text, and is slow on the many short header texts; the table knows which
units give a moment (seconds, minutes, hours) and which only a day (days,
weeks, "yesterday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from newscrawl.extract.datelines import (
    BYLINE_OPENER,
    DAY,
    MONTH_NAME,
    PUBLISHED_LABEL,
    TIME,
    UPDATED_LABEL,
    month_number,
)

# unit word -> seconds in one unit; units of a day or more give only a day
_UNIT_WORDS = {
    1: "second seconds sec secs s sekunde sekunden seconde secondes segundo segundos secondo "
       "secondi seconden sekund sekunder sekunnin sekuntia секунду секунды секунд detik giây "
       "saniye sekundami sekundou secunde δευτερόλεπτα ثوان ثانية",
    60: "minute minutes min mins minuten minuto minutos minuti minuut minut minuty minuter "
        "minutter minuuttia минуту минуты минут хвилину хвилини хвилин menit phút dakika "
        "minutami minutou λεπτά λεπτό دقائق دقيقة",
    3600: "hour hours hr hrs h stunde stunden heure heures hora horas ora ore uur timme timmar "
          "time timer godzinę godzina godziny godzin tuntia tunti час часа часов годину години "
          "годин jam giờ saat hodinami hodinou oră ώρες ώρα ساعات ساعة",
    86400: "day days tag tage tagen jour jours día días dia dias giorno giorni dag dagen dagar "
           "dage dager dni dzień päivää день дня дней дні днів hari ngày gün dny dnem dňami "
           "dňom zile ημέρες μέρες ημέρα μέρα أيام يوم",
    7 * 86400: "week weeks woche wochen semaine semaines semana semanas settimana settimane "
               "weken vecka veckor uke uker uge uger tydzień tygodnie tygodni viikkoa неделю "
               "недели недель тиждень тижні тижнів minggu tuần hafta týdny týdnem týždňami "
               "săptămâni săptămână εβδομάδες أسابيع أسبوع",
}  # fmt: skip
_UNITS = {word: seconds for seconds, words in _UNIT_WORDS.items() for word in words.split()}
_CJK_UNITS = {
    "秒": 1, "초": 1, "分": 60, "分钟": 60, "分鐘": 60, "분": 60, "時間": 3600, "小时": 3600,
    "小時": 3600, "시간": 3600, "日": 86400, "天": 86400, "일": 86400, "週間": 7 * 86400,
    "周": 7 * 86400, "週": 7 * 86400, "주": 7 * 86400,
}  # fmt: skip
# "a", "an", "one" in place of the number: "an hour ago", "vor einer Stunde", "il y a une heure"
_ONE = r"an?|one|eine[mnr]?|ein|une?|una|uma|um|un'|een|en|ett|et|jedną|jeden"
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_CJK_UNIT = "|".join(sorted(map(re.escape, _CJK_UNITS), key=len, reverse=True))
_AMOUNT = rf"(?P<n>\d{{1,3}}|{_ONE})\s*(?P<unit>{_UNIT})\.?"
_AMOUNT_AFTER = rf"(?P<n2>\d{{1,3}}|{_ONE})\s*(?P<unit2>{_UNIT})"
_RELATIVE = re.compile(
    # "2 hours ago", "3 ore fa", "3 часа назад", "3 uur geleden", "for 3 timer siden"
    rf"(?<!\w)(?:för\s+|for\s+)?{_AMOUNT}\s+(?:ago|fa|назад|тому|temu|geleden|sedan|siden"
    r"|sitten|önce|yang lalu|lalu|trước|atrás)(?!\w)"
    # "vor 3 Stunden", "il y a 2 heures", "hace 3 horas", "há 2 horas", "před 3 hodinami",
    # "acum 3 ore", "πριν από 3 ώρες", "منذ 3 ساعات"
    rf"|(?<!\w)(?:vor|il y a|hace|há|ha|před|pred|acum|πριν από|πριν|منذ)\s+{_AMOUNT_AFTER}(?!\w)"
    # "3時間前", "3小时前", "3시간 전"
    rf"|(?P<cjk_n>\d{{1,3}})\s*(?P<cjk_unit>{_CJK_UNIT})\s*(?:前|전)",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(
    r"(?<!\w)(?:yesterday|gestern|hier(?=\s*(?:à|,|$|\d))|ayer|ontem|ieri|вчера|вчора|wczoraj|gisteren|igår|i går"
    r"|eilen|dün|kemarin|hôm qua|včera|χθες|أمس)(?!\w)|昨日|昨天|어제",
    re.IGNORECASE,
)
# A cheap test of an element's own text before the header text is read.
WANTED = re.compile(rf"{_RELATIVE.pattern}|{_YESTERDAY.pattern}", re.IGNORECASE)
# "Yesterday" must be the stamp itself ("yesterday", "Updated yesterday, 10:32"), not a
# word in a sentence; a number + unit + "ago" may stand next to a byline.
_MAX_OTHER_WORDS = 6
_MAX_WORDS_NEXT_TO_YESTERDAY = 2
_CLOCK = re.compile(r"^\d{1,2}[:.h]\d{2}$")
_SEPARATOR = re.compile(r"[·|•–—,/:]|\s-(?:\s|$)")
_SEPARATED_AFTER = re.compile(
    r"^(?:$|[·|•–—\-,/(]|(?:at|à|um|a las|alle|às|kl\.?|klo|om|o)?\s*\d{1,2}[:.h]\d{2})",
    re.IGNORECASE,
)
_MAX_LABEL_WORDS = 3

# A day and a month without a year: "12 March, 10:32", "Mar 12", "12.3. klo 10.32", "3月12日".
_YEARLESS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?<!\w){DAY}\s+(?:de\s+)?{MONTH_NAME}(?!\w)(?!,?\s*\d{{4}}){TIME}",
        rf"(?<!\w){MONTH_NAME}\s+{DAY}(?![\w.:/])(?!,?\s*\d{{4}}){TIME}",
        # day.month. with the closing dot (a time "10.32" has none)
        rf"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<nmonth>[01]?\d)\.(?![\d.]){TIME}",
        rf"(?<!\d)(?P<nmonth>[01]?\d)\s*[月월]\s*(?P<day>[0-3]?\d)\s*[日일]{TIME}",
    )
)
_MAX_YEARLESS_OTHER_WORDS = 3
_YEARS_BACK = 8  # 29 February needs a leap year


@dataclass(frozen=True, slots=True)
class Stamp:
    """A header date read against the fetch time."""

    value: str  # ISO 8601: a day, or a UTC moment for seconds/minutes/hours ago
    label: str | None  # "published", "updated" or None
    text: str  # the printed text


def _label(before: str) -> str | None:
    if UPDATED_LABEL.search(before):
        return "updated"
    return "published" if PUBLISHED_LABEL.search(before) else None


def _other_words(text: str, match: re.Match[str]) -> list[str]:
    rest = text[: match.start()] + " " + text[match.end() :]
    return [w for w in rest.split() if any(c.isalnum() for c in w) and not _CLOCK.match(w)]


def _stands_alone(before: str, after: str) -> bool:
    """True when a stamp is set apart from the words around it, as a stamp is, not
    run into a sentence ("Fire broke out 2 hours ago", "What happened yesterday").

    Before it: nothing, a label ("Updated"), one word (a weekday), a byline ("By
    Jane Doe") or a separator ("Jane Doe · 2 hours ago"); after it: nothing, a
    separator or a time of day.
    """
    before, after = before.strip(), after.strip()
    nearest = _SEPARATOR.split(before)[-1]  # the words after the last separator
    words = [w for w in nearest.split() if any(c.isalnum() for c in w)]
    before_ok = (
        len(words) <= 1
        or (len(words) <= _MAX_LABEL_WORDS and _label(nearest) is not None)
        or bool(BYLINE_OPENER.match(before))
    )
    return before_ok and bool(_SEPARATED_AFTER.match(after))


def relative_stamps(texts: list[str], fetched_at: datetime) -> list[Stamp]:
    """The relative stamps ("2 hours ago", "gestern") of the header ``texts``, in order."""
    now = fetched_at.astimezone(UTC) if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)
    out: list[Stamp] = []
    for text in texts:
        previous_end = 0
        for match in _RELATIVE.finditer(text):
            if len(_other_words(text, match)) > _MAX_OTHER_WORDS or not _stands_alone(
                text[previous_end : match.start()], text[match.end() :]
            ):
                break
            if match.group("cjk_n"):
                count, unit = int(match.group("cjk_n")), _CJK_UNITS[match.group("cjk_unit")]
            else:
                number = match.group("n") or match.group("n2")
                count = int(number) if number.isdigit() else 1
                unit = _UNITS[(match.group("unit") or match.group("unit2")).lower()]
            moment = now - timedelta(seconds=count * unit)
            value = (
                moment.date().isoformat()
                if unit >= 86400
                else moment.replace(second=0, microsecond=0).isoformat()
            )
            out.append(Stamp(value, _label(text[previous_end : match.start()]), text))
            previous_end = match.end()
        match = _YESTERDAY.search(text)
        if (
            match
            and len(_other_words(text, match)) <= _MAX_WORDS_NEXT_TO_YESTERDAY
            and _stands_alone(text[: match.start()], text[match.end() :])
        ):
            day = (now - timedelta(days=1)).date().isoformat()
            out.append(Stamp(day, _label(text[: match.start()]), text))
    return out


def _latest_year(month: int, day: int, fetched_at: datetime) -> date | None:
    """The latest date with ``month`` and ``day`` not after the day after ``fetched_at``."""
    limit = (fetched_at + timedelta(days=1)).date()
    for year in range(limit.year, limit.year - _YEARS_BACK, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= limit:
            return candidate
    return None


def yearless_stamps(texts: list[str], fetched_at: datetime) -> list[Stamp]:
    """Dates printed without a year ("12 March, 10:32", "12.3. klo 10.32"), the year
    taken from the fetch time: the latest that does not put the date in the future."""
    out: list[Stamp] = []
    for text in texts:
        stamp = _yearless(text, fetched_at)
        if stamp is not None:
            out.append(stamp)
    return out


def groups_numeric(match: re.Match[str]) -> bool:
    """True when ``match`` printed the month as a number."""
    return match.groupdict().get("nmonth") is not None


def _yearless(text: str, fetched_at: datetime) -> Stamp | None:
    for pattern in _YEARLESS:
        for match in pattern.finditer(text):
            others = len(_other_words(text, match))
            if not _stands_alone(text[: match.start()], text[match.end() :]):
                continue
            if others > _MAX_YEARLESS_OTHER_WORDS or (
                # "12.3." alone could be a version or a score; with a time or a label it is a date
                groups_numeric(match) and not match.group("hour") and others > 1
            ):
                continue
            groups = match.groupdict()
            month = month_number(groups["month"]) if groups.get("month") else int(groups["nmonth"])
            if not month or not 1 <= month <= 12:
                continue
            day = _latest_year(month, int(groups["day"]), fetched_at)
            if day is not None:
                return Stamp(day.isoformat(), _label(text[: match.start()]), text)
    return None
