"""Labelled fields: a date or an author printed as "label: value" in a fact box.

Pages without metadata or a byline class often still print what they are in
labelled pairs: ``<strong>Author:</strong> Jane Doe``, ``<dt>Datum</dt><dd>3.
März 2024</dd>``, ``<th>Fecha</th><td>...</td>``. These are a fallback, read
only when the stronger signals say nothing, and never from footers, comments,
sidebars or related-story blocks (where every teaser has its own date).
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from newscrawl.extract.datelines import in_boilerplate
from newscrawl.extract.html import squash, text_of, wordset

_AUTHOR_LABELS = wordset(
    """
    author authors by por par von autor autorin autoren auteur auteurs autore autori autora autores
    verfasser verfasserin redakteur redakteurin reporter journalist journaliste periodista
    giornalista written_by escrito_por écrit_par scritto_da geschrieben_von
    text texte texto testo автор авторы 作者 筆者 記者 기자
    auteurs författare forfatter skribent kirjoittaja tekijä teksti autorka szerző penulis
    wartawan pewarta tác_giả συντάκτης συγγραφέας 记者 撰文
    """
)
_DATE_LABELS = wordset(
    """
    date dated datum fecha data date_de_publication fecha_de_publicación
    data_di_pubblicazione publication_date publish_date published
    published_on posted posted_on publié publié_le veröffentlicht
    veröffentlicht_am erschienen erschienen_am publicado publicado_el
    publicado_em pubblicato pubblicato_il gepubliceerd дата опубликовано
    дата_публикации 日付 公開日 配信日 掲載日 발행일 입력 날짜 发布时间 日期
    publicerad publiceret publisert julkaistu publikováno publikované datum_publikace
    опубліковано дата_публікації publicat data_publicării publikálva dátum diterbitkan
    tanggal ngày_đăng δημοσίευση ημερομηνία 發布時間 发布日期 發布日期 时间 時間
    """
)
# Short label elements: the emphasised or header half of a pair, or a span ending in ":".
_LABELS = XPath(
    "//body//*[self::strong or self::b or self::dt or self::th or self::label"
    " or ((self::span or self::em) and contains(., ':'))]"
    "[string-length(normalize-space(.)) <= 32][not(ancestor::footer)]"
)
_LABEL_END = re.compile(r"\s*[:：]\s*$")
_MAX_VALUE = 120
_MAX_PAIRS = 5


def _key(text: str) -> str:
    return squash(_LABEL_END.sub("", text)).casefold().replace(" ", "_")


def _value(label: HtmlElement) -> str:
    """The text paired with ``label``: its <dd>/<td>, or the rest of its parent's text."""
    if label.tag in ("dt", "th"):
        following = label.getnext()
        if following is not None and following.tag in ("dd", "td"):
            return text_of(following)
        return ""
    parent = label.getparent()
    if parent is None:
        return ""
    whole = text_of(parent)
    own = text_of(label)
    if len(whole) > _MAX_VALUE + len(own) or not whole.startswith(own):
        return ""
    return squash(whole[len(own) :].lstrip(" :：-–|"))


def _labelled(tree: HtmlElement, labels: frozenset[str]) -> list[str]:
    out: list[str] = []
    for label in _LABELS(tree):
        if _key(text_of(label)) not in labels or in_boilerplate(label):
            continue
        value = _value(label)
        if value and len(value) <= _MAX_VALUE and value not in out:
            out.append(value)
            if len(out) >= _MAX_PAIRS:
                break
    return out


def labelled_authors(tree: HtmlElement) -> list[str]:
    """Values printed under an author label ("Autor: Jane Doe"), in page order."""
    return _labelled(tree, _AUTHOR_LABELS)


def labelled_dates(tree: HtmlElement) -> list[str]:
    """Values printed under a date label ("Datum: 3. März 2024"), in page order."""
    return _labelled(tree, _DATE_LABELS)
