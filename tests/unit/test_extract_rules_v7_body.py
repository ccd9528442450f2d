"""Body precision, round 7 (issue 3): editor's notes, calls for readers' photos,
messaging-channel prompts, nutrition-label footnotes, subscription offers,
reporting credits ("X contributed to this report") and podcast-app lines are
dropped from the body in several languages; story paragraphs that merely mention
an editor, a photo or a Telegram channel stay.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.boilerplate import is_boilerplate
from newscrawl.items import Article

STORY = [
    "The council voted on Tuesday to approve the plan, after a debate that lasted six hours.",
    "Work on the new bridge is due to start in the spring and should take about two years.",
    "Residents will be able to comment on the design at two meetings in the town hall in May.",
    "The mayor said the vote showed that the town was ready to invest in its own future again.",
]


def _page(extra: str, *, lang: str = "en") -> str:
    story = "".join(f"<p>{line}</p>" for line in STORY)
    return (
        f'<html lang="{lang}"><head><title>Bridge vote</title></head><body>'
        "<main><article><h1>Council approves the new bridge</h1>"
        f"{story}{extra}</article></main><footer>Contact us</footer></body></html>"
    )


def _body(html: str) -> str:
    article = extract_article(html, "https://news.example.org/2024/01/05/story")
    assert isinstance(article, Article), article
    return article.body


DROPPED = [
    ("Scroll through the gallery below to see photos of the new bridge!", "en"),
    ("Klicken Sie sich durch die Bildergalerie zur neuen Brücke.", "de"),
    ("Desliza en la galería para ver las fotos del nuevo puente.", "es"),
    ("Associated Press writer Jane Doe in Rome contributed.", "en"),
    ("Example News researcher John Roe contributed to this report.", "en"),
    ("Reuters contributed reporting from Kyiv.", "en"),
    ("Jean Dupont a contribué à cet article.", "fr"),
    ("Listen to The Daily Example on Spotify, Apple Podcasts and Google Podcasts.", "en"),
    ("Also available on Apple Podcasts", "en"),
    ("Hören Sie den Podcast der Redaktion auf Spotify oder Deezer.", "de"),
    (
        "Editor’s note: This story originally appeared in the winter issue of Example Magazine.",
        "en",
    ),
    (
        (
            "Editor’s note (December 19th 2023): This leader was updated to reflect the growing "
            "number of countries that have joined the task force."
        ),
        "en",
    ),
    ("Anmerkung der Redaktion: Dieser Text erschien zuerst im Magazin der Zeitung.", "de"),
    ("Nota del editor: Este artículo se publicó originalmente en la revista dominical.", "es"),
    ("N.d.R. : cet article a été publié une première fois dans notre magazine.", "fr"),
    ("Do you want to submit a photo for the Daily Telescope? Reach out and say hello.", "en"),
    ("¿Quieres enviarnos una foto de tu barrio? Escríbenos a la redacción.", "es"),
    ("Join our WhatsApp channel for the latest news from the city.", "en"),
    ("Únete a nuestro canal de WhatsApp para recibir las noticias del día.", "es"),
    ("Rejoignez notre chaîne Telegram pour suivre l'actualité en direct.", "fr"),
    (
        (
            "*The % Daily Value (DV) tells you how much a nutrient in a food serving contributes "
            "to a daily diet. 2,000 calories a day is used for general nutrition advice."
        ),
        "en",
    ),
    (
        (
            "Special offer for Gear readers: Get a 1-year subscription to Example for $5 ($25 off). "
            "This includes unlimited access to Example.com and our print magazine (if you'd like). "
            "Subscriptions help fund the work we do every day."
        ),
        "en",
    ),
]


@pytest.mark.parametrize(("text", "lang"), DROPPED)
def test_note_is_boilerplate(text: str, lang: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize(("text", "lang"), DROPPED)
def test_note_is_dropped_from_page(text: str, lang: str) -> None:
    body = _body(_page(f"<p>{text}</p>", lang=lang))
    assert text[:30] not in body
    assert STORY[-1] in body


KEPT = [
    "Visitors scroll through the gallery's online archive far more often than they visit.",
    "Every player contributed.",
    "The money he contributed to the campaign was returned to donors in May.",
    "Workers in the factory contributed.",
    "She said the podcast is available on Spotify and has a million listeners.",
    "The editor’s note to staff, seen by reporters, said the paper would cut 40 jobs this year.",
    "Hamas said in a statement posted on its Telegram channel that the talks had failed.",
    "She wanted to share a photo of her son with the court before the sentence was read.",
    "Join the queue early: the museum expects more than ten thousand visitors on Sunday.",
    "The label lists the daily value of each nutrient, which campaigners say is misleading.",
    "A special offer on rail tickets drew long queues at the station on Monday morning.",
]


@pytest.mark.parametrize("text", KEPT)
def test_story_paragraph_is_kept(text: str) -> None:
    assert not is_boilerplate(text)
    assert text in _body(_page(f"<p>{text}</p>"))
