"""Focused tests of the fourth round of rules (issue 3, quality targets).

Dates: a header that shows only its "Updated ..." line, ``YYYY.MM.DD`` datelines.
Body: newsletter pitches, blocked-embed
placeholders, bracketed teasers, bare counters, a date alone at the top,
production credits, source lists and footnotes, and author bios by first name
are not story text. Each rule is also checked on small pages in other
languages (held-out style: de, fr, es, ja, ko, ru), so that it is a rule about
the shape of a page, not about one site.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.extract.body import Block
from newscrawl.extract.clean import CleanContext, clean_blocks
from newscrawl.extract.datelines import ends_with_date, only_a_date, parse_datelines
from newscrawl.extract.dates import Dates, pick_dates
from newscrawl.extract.html import parse_html
from newscrawl.extract.metadata import collect

STORY = "The council voted on Tuesday to approve the plan, after a debate that lasted six hours."
STORY2 = "Work on the new bridge is due to start in the spring and should take about two years."
STORY3 = "Residents will be able to comment on the design at two meetings in the town hall in May."
BODY = [("p", STORY), ("p", STORY2), ("p", STORY3), ("p", STORY)]


def _clean(lines: list[tuple[str, str]], **context: object) -> list[str]:
    blocks = [Block(kind, text) for kind, text in lines]
    return [b.text for b in clean_blocks(blocks, CleanContext(**context))]  # type: ignore[arg-type]


def _dates(html: str, language: str = "en") -> Dates:
    tree = parse_html(html)
    assert tree is not None
    return pick_dates(
        collect(tree),
        tree,
        url="https://example.com/a",
        fetched_at=datetime(2024, 1, 10, tzinfo=UTC),
        language=language,
    )


def _jsonld(published: str, modified: str) -> str:
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        f'"datePublished": "{published}", "dateModified": "{modified}"}}</script>'
    )


# -- dates: the header shows only its update line ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Updated on December 14, 2023", "en"),
        ("Aktualisiert am 14. Dezember 2023", "de"),
        ("Mis à jour le 14 décembre 2023", "fr"),
        ("Обновлено 14 декабря 2023", "ru"),
        ("수정 2023.12.14 13:36", "ko"),
    ],
)
def test_an_update_line_alone_in_the_header_is_the_modified_date(line: str, language: str) -> None:
    # The story was published when its metadata says; the header shows when it was updated.
    dates = _dates(
        f"<html><head>{_jsonld('2022-10-24T19:16:43-04:00', '2023-12-14T13:36:44-05:00')}</head>"
        f"<body><h1>Gift guide</h1><div class='date'>{line}</div><p>{STORY}</p></body></html>",
        language,
    )
    assert dates.published == "2022-10-24T19:16:43-04:00"
    assert dates.modified == "2023-12-14T13:36:44-05:00"


def test_an_update_line_that_the_metadata_does_not_confirm_moves_nothing() -> None:
    dates = _dates(
        f"<html><head>{_jsonld('2022-10-24T19:16:43-04:00', '2023-11-02T10:00:00-05:00')}</head>"
        "<body><h1>Gift guide</h1><div class='date'>Updated on December 14, 2023</div>"
        f"<p>{STORY}</p></body></html>"
    )
    assert dates.published == "2022-10-24T19:16:43-04:00"


def test_a_header_with_a_published_line_keeps_the_published_date() -> None:
    dates = _dates(
        f"<html><head>{_jsonld('2022-10-24T19:16:43-04:00', '2023-12-14T13:36:44-05:00')}</head>"
        "<body><h1>Gift guide</h1><div class='date'>Veröffentlicht am 24.10.2022</div>"
        "<div class='date'>Aktualisiert am 14.12.2023</div>"
        f"<p>{STORY}</p></body></html>",
        "de",
    )
    assert dates.published == "2022-10-24T19:16:43-04:00"


def test_korean_and_chinese_dotted_dates_are_read_with_their_labels() -> None:
    found = parse_datelines("입력 2023.12.19 10:00 수정 2023.12.20 11:30")
    assert [(x.day.isoformat(), x.clock, x.label) for x in found] == [
        ("2023-12-19", (10, 0, 0), "published"),
        ("2023-12-20", (11, 30, 0), "updated"),
    ]
    assert parse_datelines("version 2023.12.19.1") == []


# -- body: pitches, placeholders, teasers, counters -----------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        (
            "Join the experts who read Example Tech for the inside track on PC news. We'll send "
            "breaking news and in-depth reviews straight to your inbox."
        ),
        "Discover special offers, top stories, upcoming events, and more.",
        "Breaking space news, the latest updates on rocket launches, skywatching events and more!",
        "Waiting for your permission to load the Instagram Media.",
        "Externer Inhalt",
        "Pour afficher ce contenu, acceptez les cookies de réseaux sociaux.",
        "Para ver este contenido, acepta las cookies.",
        "(MORE: Iceland Volcano Eruption: What We Know)",
        "REQUIRED READING: Families have verbal fights all the time.",
        "Читайте также: Мэрия закрыла мост на ремонт",
        "関連記事: 市議会、橋の改修を承認",
        "Abonnez-vous à notre lettre d'information",
        "Suscríbete a nuestro boletín",
        "2",
        "10",
        "___",
    ],
)
def test_pitches_placeholders_teasers_and_counters_are_dropped(line: str) -> None:
    assert _clean([("p", STORY), ("p", line), ("p", STORY2)]) == [STORY, STORY2]


def test_a_newsletter_heading_starts_a_block_that_is_dropped() -> None:
    lines = [
        *BODY,
        ("head", "Stay connected"),
        ("p", "Get the latest updates from"),
        ("p", "Example Review"),
        ("p", "Discover special offers, top stories, upcoming events, and more."),
    ]
    assert _clean(lines) == [b for _, b in BODY]


def test_story_sentences_with_offers_or_more_stay() -> None:
    lines = [
        ("p", "The shop has special offers on winter tyres until Friday, the owner said."),
        ("p", "Fans queued for tickets, scarves and more."),
    ]
    assert _clean([*BODY, *lines]) == [b for _, b in BODY] + [b for _, b in lines]


# -- body: a date alone at the top --------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Saturday 23 December 2023 05:39, UK",
        "Published 8:00 PM EST, Tue December 19, 2023",
        "Mis à jour le 19 décembre 2023 à 10h15",
        "19 декабря 2023, 10:15",
        "2023年12月19日 10:00",
    ],
)
def test_a_date_line_at_the_top_is_dropped(line: str) -> None:
    assert only_a_date(line)
    assert _clean([("p", line), *BODY]) == [b for _, b in BODY]


def test_a_sentence_with_a_date_is_story() -> None:
    line = "The EU said on 3 March 2024 that the talks were over."
    assert not only_a_date(line)
    assert _clean([("p", line), *BODY])[0] == line


# -- body: credits, sources, footnotes, bios at the end -----------------------------------------

CREDITS = [
    ("p", "Photo Credits"),
    ("p", "Creative Director: Ade Samuel"),
    ("p", "Hair: Danielle Bradley with Glamsquad"),
    ("p", "Production Assistants: Wunmi Hassan, Benjamin Bulus"),
    ("p", "Fotos: Anna Schmidt"),
]


def test_a_run_of_credits_at_the_end_is_dropped() -> None:
    assert _clean([*BODY, *CREDITS]) == [b for _, b in BODY]


def test_role_lines_inside_the_story_or_with_values_stay() -> None:
    specs = [
        ("p", "Price: $199 for the base model with the smaller screen."),
        ("p", "Battery: 10 hours of video playback in our tests."),
        ("p", "Weight: 250 g without the case and the strap."),
    ]
    assert _clean([*BODY, *specs]) == [b for _, b in BODY] + [b for _, b in specs]
    middle = [*BODY[:2], *CREDITS[1:4], *BODY[2:]]
    assert _clean(middle) == [b for _, b in middle]


def test_a_dated_source_list_at_the_end_is_dropped() -> None:
    sources = [
        ("p", "Nuestras fuentes"),
        ("p", "TikTok, Publicación, 13 de diciembre de 2023"),
        ("p", "Maldita.es, El bulo del vídeo del avión, 13 de diciembre"),  # one without a year
        ("p", "RTVE, Este vídeo viral es falso, 13 de diciembre de 2023"),
        ("p", "Entrevista telefónica con la propietaria de la cuenta, 21 de diciembre de 2023"),
    ]
    assert ends_with_date(sources[1][1])
    assert _clean([*BODY, *sources]) == [b for _, b in BODY]


def test_footnotes_at_the_end_are_dropped() -> None:
    notes = [
        ("head", "Footnotes"),
        ("p", "[1] Apollo 8 Mission Commentary, Dec. 25, 1968, p. 543."),
        ("p", "[2] Jim McDivitt food evaluation form, n.d., Box 17."),
        ("p", "[3] Donald Arabian to Rapp, Evaluation of four-day food supply."),
    ]
    assert _clean([*BODY, *notes]) == [b for _, b in BODY]


def test_two_dated_lines_are_not_a_source_list() -> None:
    lines = [("p", "Meeting one, 3 March 2024"), ("p", "Meeting two, 4 March 2024")]
    assert _clean([*BODY, *lines]) == [b for _, b in BODY] + [b for _, b in lines]


@pytest.mark.parametrize(
    "bio",
    [
        "Brett is curious about emerging technologies and uncrewed aircraft systems.",
        "Brett Tingley (he/him) is a staff writer covering rockets and satellites.",
        "Brett currently works for the agency on content and outreach. " + STORY * 6,
    ],
)
def test_an_author_bio_by_first_or_full_name_is_dropped(bio: str) -> None:
    assert _clean([*BODY, ("p", bio)], authors=["Brett Tingley"]) == [b for _, b in BODY]


def test_a_long_last_paragraph_opening_with_the_surname_stays() -> None:
    last = "Tingley has said he will appeal the ruling. " + STORY * 6
    assert _clean([*BODY, ("p", last)], authors=["Brett Tingley"])[-1] == last
