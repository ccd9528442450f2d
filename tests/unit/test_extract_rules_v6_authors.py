"""Focused tests of the sixth round of rules (issue 3): author lists.

- credentials ("MS, RDN, LD", "Ph.D.") are not part of a name; suffixes ("Jr.") are;
- organisations: "The ..." names kept whole, a web address or a name starting with
  the site's own name, and an agency glued to its reporter ("Jane Doe The Associated
  Press");
- "as told to" / "propos recueillis par": the second person wrote the story;
- a "By ..." line that is a headline or a sentence names no one;
- an employer after a role ("Jane Doe, Deputy CTO, Example Technologies") is no name;
- JSON-LD naming fewer people than the printed byline: the byline's co-authors count;
- twitter:data1 is no author when JSON-LD gives an organisation.

Each is checked on whole pages through ``extract_article``, in several languages
where the rule reads words, with a negative case that must stay as it is.
"""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.authors import is_organization, split_byline
from newscrawl.items import Article

STORY = [
    "The council voted on Tuesday to approve the plan, after a debate that lasted six hours.",
    "Work on the new bridge is due to start in the spring and should take about two years.",
    "Residents will be able to comment on the design at two meetings in the town hall in May.",
    "The mayor said the vote showed that the town was ready to invest in its own future again.",
]


def _page(
    byline: str = "",
    *,
    author: object = None,
    meta: str = "",
    lang: str = "en",
    site: str = "Daily Example",
    extra: str = "",
) -> str:
    data: dict[str, object] = {
        "@type": "NewsArticle",
        "headline": "Council approves the new bridge",
        "datePublished": "2024-01-05",
    }
    if author is not None:
        data["author"] = author
    jsonld = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    story = "".join(f"<p>{line}</p>" for line in STORY)
    return (
        f'<html lang="{lang}"><head><title>Council approves the new bridge</title>'
        f'<meta property="og:site_name" content="{site}">{meta}{jsonld}</head><body>'
        f'<header><nav><a href="/">Home</a></nav></header><main><article>'
        f"<h1>Council approves the new bridge</h1>{byline}{story}</article>{extra}</main>"
        f"<footer>Contact us</footer></body></html>"
    )


def _extract(html: str) -> Article:
    article = extract_article(html, "https://news.example.org/2024/01/05/story")
    assert isinstance(article, Article), article
    return article


# -- credentials and suffixes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lauren Manaker MS, RDN, LD", ["Lauren Manaker"]),
        ("Jane Doe, MD", ["Jane Doe"]),
        ("Jane Doe, CFA", ["Jane Doe"]),
        ("Robert E. Moffit, Ph.D.", ["Robert E. Moffit"]),
        ("John Roe Jr.", ["John Roe Jr."]),
        ("Jack Ma", ["Jack Ma"]),  # a surname, not a degree
    ],
)
def test_credentials_are_not_part_of_the_name(name: str, expected: list[str]) -> None:
    article = _extract(_page(author={"@type": "Person", "name": name}))
    assert article.authors == expected


# -- organisations --------------------------------------------------------------------------


def test_the_organisation_is_kept_whole_and_the_printed_reporter_wins() -> None:
    article = _extract(
        _page(
            '<div class="byline">Sarah Barnacle Worcester Telegram &amp; Gazette</div>'
            '<div class="byline-name">Sarah Barnacle</div>',
            author={"@type": "Person", "name": ", The Worcester Telegram & Gazette"},
            site="Telegram & Gazette",
        )
    )
    assert article.authors == ["Sarah Barnacle"]
    assert "The Worcester Telegram & Gazette" in article.organizations


@pytest.mark.parametrize(
    ("byline", "names", "orgs"),
    [
        ("By John O'Connor The Associated Press", ["John O'Connor"], ["The Associated Press"]),
        ("Jane Doe and Reuters", ["Jane Doe"], ["Reuters"]),
        ("Jane Doe, AFP", ["Jane Doe"], ["AFP"]),
        ("Von Anna Schmidt dpa", ["Anna Schmidt"], ["dpa"]),
        ("The Editorial Board", [], ["The Editorial Board"]),
        ("Sun Sentinel Editorial Board", [], ["Sun Sentinel Editorial Board"]),
    ],
)
def test_agency_glued_to_its_reporter(byline: str, names: list[str], orgs: list[str]) -> None:
    assert split_byline(byline) == (names, orgs)


@pytest.mark.parametrize(
    "name", ["INQUIRER.net BrandRoom", "Example.com", "Daily Example Partners Studio"]
)
def test_web_address_or_site_name_is_an_organization(name: str) -> None:
    article = _extract(_page(author={"@type": "Person", "name": name}))
    assert article.authors == []
    assert article.organizations == [name]


def test_person_name_is_not_an_organization() -> None:
    article = _extract(_page(author={"@type": "Person", "name": "Thea Dailey"}))
    assert article.authors == ["Thea Dailey"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Elle Smith", False),  # a site named like a first name: one more word is a surname
        ("Elle Staff", True),
        ("Elle Beauty Desk", True),
        ("Elle Fashion Team", True),
    ],
)
def test_site_name_prefix_makes_a_desk_not_a_person(name: str, expected: bool) -> None:
    assert is_organization(name, {"elle"}) is expected


def test_twitter_data1_is_no_author_beside_an_organisation() -> None:
    meta = '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Benjo Diaz">'
    article = _extract(
        _page(author={"@type": "Organization", "name": "Example Brand Studio"}, meta=meta)
    )
    assert article.authors == []
    person = _extract(_page(meta=meta))
    assert person.authors == ["Benjo Diaz"]  # without JSON-LD it still counts


# -- "as told to" ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("Amie Mock as told to Heather Eastman", "en", ["Heather Eastman"]),
        ("Propos recueillis par Jean Dupont", "fr", ["Jean Dupont"]),
        ("Aufgezeichnet von Anna Schmidt", "de", ["Anna Schmidt"]),
    ],
)
def test_as_told_to_names_the_writer(byline: str, lang: str, expected: list[str]) -> None:
    html = _page(f'<div class="author">{byline}</div>', lang=lang)
    assert _extract(html).authors == expected


# -- headlines and sentences after "By" -----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "By Growing Animal Cells in Rice Grains, Scientists Dish Up Hybrid Food",
        "By providing an email address, I agree to the Terms of Use.",
    ],
)
def test_by_line_that_is_a_headline_names_no_one(line: str) -> None:
    article = _extract(_page(f"<p><a href='/x'>Related</a></p><div><span>{line}</span></div>"))
    assert article.authors == []


def test_employer_after_a_role_is_not_a_name() -> None:
    html = _page(
        '<div class="byline">By Gina Scinta, Deputy CTO, Thales Trusted Cyber Technologies</div>'
    )
    assert _extract(html).authors == ["Gina Scinta"]
    two = _page('<div class="byline">By Jane Doe, Staff Writer, and John Roe</div>')
    assert _extract(two).authors == ["Jane Doe", "John Roe"]


# -- co-authors from the printed byline -----------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("By Christy Choi and Oscar Holland, CNN", "en", ["Christy Choi", "Oscar Holland"]),
        ("Von Anna Schmidt und Jonas Weber", "de", ["Anna Schmidt", "Jonas Weber"]),
        ("Por María García y José Pérez", "es", ["María García", "José Pérez"]),
    ],
)
def test_byline_coauthors_complete_jsonld(byline: str, lang: str, expected: list[str]) -> None:
    first = expected[0]
    html = _page(
        f'<div class="byline">{byline}</div>', author={"@type": "Person", "name": first}, lang=lang
    )
    assert _extract(html).authors == expected


def test_byline_of_another_story_does_not_add_coauthors() -> None:
    html = _page(
        '<div class="byline">By Jane Doe</div>',
        author={"@type": "Person", "name": "Jane Doe"},
        extra='<section><div class="byline">By John Roe and Ann Lee</div></section>',
    )
    assert _extract(html).authors == ["Jane Doe"]


# -- byline openers, <br>, teaser cards, author-page links ----------------------------------


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("Story by Jane Doe", "en", ["Jane Doe"]),
        ("Photos and Story By David Colman", "en", ["David Colman"]),
        ("Text: Anna Schmidt", "de", ["Anna Schmidt"]),
        ("Texte : Jean Dupont", "fr", ["Jean Dupont"]),
        ("Texto: María García", "es", ["María García"]),
        ("Текст: Иван Петров", "ru", ["Иван Петров"]),
    ],
)
def test_byline_openers(line: str, lang: str, expected: list[str]) -> None:
    html = _page(f"<p><em>{line}</em></p>", lang=lang)
    assert _extract(html).authors == expected


def test_sentence_opening_like_a_byline_names_no_one() -> None:
    html = _page("<p><em>Text: small, medium or large</em></p>")
    assert _extract(html).authors == []


def test_br_in_a_byline_separates_names() -> None:
    html = _page('<div class="byline">By Jane Doe<br>John Roe</div>')
    assert _extract(html).authors == ["Jane Doe", "John Roe"]
    html = _page("<p><i>Photos and Story By David Colman<br>Special Correspondent</i></p>")
    assert _extract(html).authors == ["David Colman"]


def test_bylines_in_teaser_cards_are_skipped() -> None:
    cards = (
        '<section><a href="/2024/01/04/other"><h2>Another story about the town</h2>'
        '<small>By <span class="author">John Roe</span></small></a>'
        '<div class="card"><h3><a href="/2024/01/03/third">A third story about the bridge</a></h3>'
        '<div class="author-name"><a href="/author/ann-lee">Ann Lee</a></div></div></section>'
    )
    html = _page('<div class="byline">Jane Doe</div>', extra=cards)
    assert _extract(html).authors == ["Jane Doe"]


def test_author_box_with_a_linked_heading_is_no_card() -> None:
    box = (
        '<div class="author-box"><h4><a href="/author/jane-doe">Jane Doe</a></h4>'
        '<div class="author-bio">Jane Doe covers the town council.</div></div>'
    )
    html = _page("", extra=box)
    assert _extract(html).authors == ["Jane Doe"]


def test_byline_printed_as_a_heading_is_no_card() -> None:
    html = _page('<h4>By <span><a href="/bios/simone-scully">Simone M. Scully</a></span></h4>')
    assert _extract(html).authors == ["Simone M. Scully"]


@pytest.mark.parametrize("path", ["/author/kaitlin/", "/autor/kaitlin-serio", "/auteur/kaitlin"])
def test_author_page_link_is_the_last_resort(path: str) -> None:
    html = _page(f'<p class="meta"><a href="{path}">Kaitlin Serio</a> - December 21, 2023</p>')
    assert _extract(html).authors == ["Kaitlin Serio"]


def test_author_page_link_in_navigation_or_beside_a_byline_is_ignored() -> None:
    nav = '<nav><a href="/author/jane-doe">Jane Doe</a></nav>'
    assert _extract(_page(nav)).authors == []
    html = _page(
        '<div class="byline">By John Roe</div><p><a href="/author/jane-doe">Jane Doe</a></p>'
    )
    assert _extract(html).authors == ["John Roe"]


# -- agency-only bylines, acronyms, picture credits -----------------------------------------


def test_related_story_byline_after_an_agency_byline_is_not_the_author() -> None:
    related = (
        '<ul><li><article><a href="/2024/01/02/older">An older story</a>'
        '<p class="card__byline">By Samuel Petrequin, Associated Press</p></article></li></ul>'
    )
    html = _page('<p class="byline">By Associated Press</p>', extra=related)
    article = _extract(html)
    assert article.authors == []
    assert article.organizations == ["Associated Press"]
    person = _page('<p class="byline">By Jane Doe, Associated Press</p>', extra=related)
    assert _extract(person).authors == ["Jane Doe"]


def test_site_acronym_desk_is_an_organization() -> None:
    html = _page('<div class="byline">CBC Arts · Posted: Dec 20, 2023</div>', site="CBC")
    article = _extract(html)
    assert article.authors == []
    assert article.organizations == ["CBC Arts"]
    # a short site name does not swallow a person whose first name merely matches it
    html = _page('<div class="byline">Ana Lopez</div>', site="Ana")
    assert _extract(html).authors == ["Ana Lopez"]


@pytest.mark.parametrize("credit", ["(Image: Getty Images)", "(Foto: dpa)", "(Photo: Example.com)"])
def test_picture_credit_is_no_author_or_organization(credit: str) -> None:
    meta = f'<meta name="author" content="Fiona Leishman"><meta name="author" content="{credit}">'
    article = _extract(_page(meta=meta))
    assert article.authors == ["Fiona Leishman"]
    assert article.organizations == []


# -- roles and organisations glued to a name ------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "names", "orgs"),
    [
        ("Senior Reporter Jane Doe", ["Jane Doe"], []),
        ("By Staff Writer Jane Doe", ["Jane Doe"], []),
        ("Jane Doe Staff Writer", ["Jane Doe"], []),
        ("Jane Doe for The Guardian", ["Jane Doe"], ["The Guardian"]),
        ("Jane Doe (Reuters)", ["Jane Doe"], ["Reuters"]),
        ("Por María García / EFE", ["María García"], ["EFE"]),
        ("Jean Dupont avec AFP", ["Jean Dupont"], ["AFP"]),
        ("Craig Meyer USA TODAY NETWORK", ["Craig Meyer"], ["USA TODAY NETWORK"]),
        ("Par Jean DUPONT", ["Jean DUPONT"], []),  # a surname in capitals stays
        ("Example News Desk", [], ["Example News Desk"]),
        ("Crimson Staff Writer", [], ["Crimson Staff Writer"]),
    ],
)
def test_roles_and_organisations_glued_to_a_name(
    byline: str, names: list[str], orgs: list[str]
) -> None:
    assert split_byline(byline, single_names=False) == (names, orgs)


def test_site_desk_with_a_role_stays_an_organisation() -> None:
    html = _page(
        '<div class="byline">By Naandika Tripathi, Forbes India Staff</div>',
        author="Naandika Tripathi",
        site="Forbes India",
    )
    article = _extract(html)
    assert article.authors == ["Naandika Tripathi"]


def test_person_typed_also_as_organization_is_a_person() -> None:
    author = {"@type": ["Person", "Organization"], "name": "Haje Jan Kamps"}
    article = _extract(_page(author=author))
    assert article.authors == ["Haje Jan Kamps"]
    assert article.organizations == []


def test_author_links_glued_together_are_two_names() -> None:
    html = _page(
        '<div class="byline">By <a href="/author/jane-doe">Jane Doe</a>'
        '<a href="/author/john-roe">John Roe</a></div>'
    )
    assert _extract(html).authors == ["Jane Doe", "John Roe"]
    one = _page(
        '<div class="byline">By <a href="/author/jane-doe">Jane Doe</a>, Staff Writer</div>'
    )
    assert _extract(one).authors == ["Jane Doe"]


def test_site_desk_whose_name_starts_with_a_role_word_stays_an_organisation() -> None:
    html = _page('<div class="byline">Tech Digest Correspondent</div>', site="Tech Digest")
    article = _extract(html)
    assert article.authors == []
    assert article.organizations == ["Tech Digest Correspondent"]


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("Di Giovanni Rossi", "it", ["Giovanni Rossi"]),
        ("Scritto da Giovanni Rossi", "it", ["Giovanni Rossi"]),
        ("Door Jan de Vries", "nl", ["Jan de Vries"]),
        ("Av Ola Nordmann", "no", ["Ola Nordmann"]),
        ("Escrito por María García", "es", ["María García"]),
        ("Écrit par Jean Dupont", "fr", ["Jean Dupont"]),
        ("Autor: Jan Kowalski", "pl", ["Jan Kowalski"]),
        ("Di recente il governo ha deciso di rinviare il voto", "it", []),
        ("Door de regen viel de wedstrijd uit", "nl", []),
    ],
)
def test_byline_openers_in_other_languages(line: str, lang: str, expected: list[str]) -> None:
    html = _page(f"<p><em>{line}</em></p>", lang=lang)
    assert _extract(html).authors == expected


# -- co-writers joined by "with", helpers, picture agencies ---------------------------------


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("By Jane Doe with John Roe", "en", ["Jane Doe", "John Roe"]),
        ("Von Anna Schmidt mit Jonas Weber", "de", ["Anna Schmidt", "Jonas Weber"]),
        ("Par Jean Dupont avec Marie Curie", "fr", ["Jean Dupont", "Marie Curie"]),
        ("By Jane Doe, with additional reporting by John Roe", "en", ["Jane Doe"]),
        (
            "By Jane Doe and John Roe. Additional reporting by Ann Lee",
            "en",
            ["Jane Doe", "John Roe"],
        ),
        ("Text by Jane Doe, photos by John Roe", "en", ["Jane Doe"]),
        ("By Jane Doe / Getty Images", "en", ["Jane Doe"]),
    ],
)
def test_cowriters_and_helpers(byline: str, lang: str, expected: list[str]) -> None:
    html = _page(f'<div class="byline">{byline}</div>', lang=lang)
    assert _extract(html).authors == expected


def test_name_suffix_and_initials_keep_their_dots() -> None:
    html = _page('<div class="byline">By Nelson C.J. and John Roe Jr.</div>')
    assert _extract(html).authors == ["Nelson C.J.", "John Roe Jr."]


@pytest.mark.parametrize(
    "header",
    [
        (
            '<div class="meta"><h4><a href="/category/news">Local news</a></h4>'
            '<span class="author">By Jane Doe</span></div>'
        ),
        (
            '<div class="head"><h2><a href="/politics">Politics</a></h2>'
            '<h1>Council approves it</h1><span class="author">By Jane Doe</span></div>'
        ),
    ],
)
def test_section_label_over_a_byline_is_no_card(header: str) -> None:
    assert _extract(_page(header)).authors == ["Jane Doe"]


def test_meta_author_is_completed_by_the_printed_coauthors() -> None:
    meta = '<meta name="author" content="Jane Doe">'
    html = _page('<div class="byline">By Jane Doe and John Roe</div>', meta=meta)
    assert _extract(html).authors == ["Jane Doe", "John Roe"]
    alone = _page('<div class="byline">By Jane Doe</div>', meta=meta)
    assert _extract(alone).authors == ["Jane Doe"]


def test_column_label_before_by_is_not_a_name() -> None:
    meta = '<meta name="author" content="Simon Bisson">'
    byline = '<div class="byline">Enterprise Microsoft<br>By <a href="/author/simon-bisson">Simon Bisson</a>, Contributor</div>'
    assert _extract(_page(byline, meta=meta)).authors == ["Simon Bisson"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Analysis by Stephen Collinson, CNN", ["Stephen Collinson"]),
        ("Opinion by Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, Reporter; John Roe, Editor", ["Jane Doe", "John Roe"]),
        ("Jane Doe, Reporter, Example Technologies", ["Jane Doe"]),
    ],
)
def test_format_labels_and_strong_separators(byline: str, expected: list[str]) -> None:
    assert _extract(_page(f'<div class="byline">{byline}</div>')).authors == expected


def test_topic_page_link_about_a_person_is_no_author() -> None:
    html = _page('<p class="tags"><a href="/people/taylor-swift">Taylor Swift</a></p>')
    assert _extract(html).authors == []


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jane Doe, special correspondent in Kyiv, and John Roe", ["Jane Doe", "John Roe"]),
        ("Anna Schmidt, Korrespondentin in Kiew, und Peter Braun", ["Anna Schmidt", "Peter Braun"]),
        ("María López, enviada especial a Kiev, y Juan Pérez", ["María López", "Juan Pérez"]),
        ("Jane Doe, reporting from Gaza; John Roe", ["Jane Doe", "John Roe"]),
        # a bare "and" inside the description joins no one
        ("Jane Doe, U.S. National Institute of Allergy and Infectious Diseases", ["Jane Doe"]),
    ],
)
def test_a_description_after_a_name_does_not_end_the_list(byline: str, expected: list[str]) -> None:
    assert split_byline(byline, single_names=False)[0] == expected
