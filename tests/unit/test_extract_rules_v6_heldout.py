"""Focused tests of the sixth round of rules (issue 3): pages from outside the corpus.

- a date inside a related-stories, sidebar or comment block is no date of the story;
- a labelled field ("Autor: X", ``<dt>Datum</dt><dd>..</dd>``, ``<th>Fecha</th><td>..</td>``)
  gives the author or the date when nothing stronger does;
- an ``<aside>`` holding the page's only ``<h1>`` is the article, not a sidebar;
- a JSON-LD ``dateCreated`` with no published field loses to the date printed in the header;
- a standfirst near the headline is cut from the body only when its markup says so
  (its class, or a wrapper that holds just the headline and it);
- an ``<h1>`` in a sidebar is no headline when the page has another ``<h1>``.

Whole pages through ``extract_article``, in several languages, each with a negative case.
The URLs carry no date, so the date can only come from the page.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.html import parse_html
from newscrawl.extract.labelled import labelled_dates
from newscrawl.items import Article

STORY = {
    "en": [
        "The council voted on Tuesday to approve the plan, after a debate that lasted six hours.",
        "Work on the new bridge is due to start in the spring and should take about two years.",
        "Residents will be able to comment on the design at two meetings in the town hall in May.",
        "The mayor said the vote showed that the town was ready to invest in its own future.",
    ],
    "de": [
        "Der Gemeinderat hat am Dienstag nach einer langen Debatte dem neuen Haushalt zugestimmt.",
        "Die Arbeiten an der neuen Brücke sollen im Frühjahr beginnen und etwa zwei Jahre dauern.",
        "Die Bürger können den Entwurf im Mai bei zwei Versammlungen im Rathaus kommentieren.",
        "Der Bürgermeister sagte, die Stadt sei bereit, wieder in ihre eigene Zukunft zu investieren.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes el plan tras un debate que se prolongó durante seis horas.",
        "Las obras del nuevo puente comenzarán en primavera y durarán aproximadamente dos años.",
        "Los vecinos podrán opinar sobre el diseño en dos reuniones en el ayuntamiento en mayo.",
        "El alcalde dijo que la votación demuestra que la ciudad está lista para invertir de nuevo.",
    ],
    "fr": [
        "Le conseil municipal a approuvé mardi le projet, après un débat qui a duré six heures.",
        "Les travaux du nouveau pont doivent commencer au printemps et durer environ deux ans.",
        "Les habitants pourront donner leur avis sur le projet lors de deux réunions en mai.",
        "Le maire a déclaré que le vote montrait que la ville était prête à investir à nouveau.",
    ],
}
URL = "https://news.example.org/lokales/story-123"


def _paragraphs(lang: str) -> str:
    return "".join(f"<p>{line}</p>" for line in STORY[lang])


def _page(body: str, *, lang: str = "en", head: str = "") -> str:
    return (
        f'<html lang="{lang}"><head><title>Site</title>{head}</head><body>'
        f'<header><nav><a href="/">Home</a></nav></header>{body}'
        "<footer>Contact us</footer></body></html>"
    )


def _extract(html: str) -> Article:
    article = extract_article(html, URL)
    assert isinstance(article, Article), article
    return article


# -- dates in related, sidebar and comment blocks -----------------------------------------


@pytest.mark.parametrize(
    ("lang", "printed", "expected"),
    [
        ("en", "Published March 3, 2024", "2024-03-03"),
        ("de", "Veröffentlicht am 3. März 2024", "2024-03-03"),
        ("es", "Publicado el 3 de marzo de 2024", "2024-03-03"),
    ],
)
def test_a_related_teasers_microdata_date_is_not_the_storys(
    lang: str, printed: str, expected: str
) -> None:
    related = (
        "<div class='related-stories'><ul><li itemscope itemtype='https://schema.org/NewsArticle'>"
        "<a href='/other'>Another story from the archive about the town</a>"
        "<time itemprop='datePublished' datetime='2020-01-12'>12.01.2020</time></li></ul></div>"
    )
    html = _page(
        f"<main><article><h1>A headline for the story</h1><p class='meta'>{printed}</p>"
        f"{_paragraphs(lang)}</article>{related}</main>",
        lang=lang,
    )
    assert _extract(html).published == expected


def test_a_comment_date_is_not_the_storys() -> None:
    comments = (
        "<div id='comments'><div class='comment'><span class='date'>14 May 2021</span>"
        "<p>I disagree with the mayor on this one.</p></div></div>"
    )
    html = _page(
        f"<main><article><h1>A headline for the story</h1>{_paragraphs('en')}"
        f"<div class='story-end'><span class='date'>2 April 2024</span></div>{comments}"
        "</article></main>"
    )
    assert _extract(html).published == "2024-04-02"


def test_a_story_microdata_date_still_counts() -> None:
    html = _page(
        "<main><article itemscope><h1>A headline for the story</h1>"
        "<time itemprop='datePublished' datetime='2024-02-01'>1 Feb 2024</time>"
        f"{_paragraphs('en')}</article></main>"
    )
    assert _extract(html).published == "2024-02-01"


# -- labelled fields --------------------------------------------------------------------------

# The labelled pair sits after the story (in a fact box), out of the header's reach.
_LABELLED = [
    ("de", "<p><strong>Autor:</strong> Jana Beispiel</p><dl><dt>Datum</dt><dd>3. März 2024</dd></dl>"),
    ("es", "<p><b>Por:</b> Lucía Ejemplo</p><p><b>Fecha:</b> 3 de marzo de 2024</p>"),
    (
        "fr",
        (
            "<table><tr><th>Auteur</th><td>Claire Exemple</td></tr>"
            "<tr><th>Date de publication</th><td>03/03/2024</td></tr></table>"
        ),
    ),
    ("en", ("<p><span>Written by:</span> <a href='/a/john'>John Example</a></p>"
            "<p><span>Publish date:</span> March 3, 2024</p>")),
]  # fmt: skip
_NAMES = {
    "de": "Jana Beispiel",
    "es": "Lucía Ejemplo",
    "fr": "Claire Exemple",
    "en": "John Example",
}


@pytest.mark.parametrize(("lang", "box"), _LABELLED)
def test_labelled_fields_give_author_and_date(lang: str, box: str) -> None:
    filler = "".join(f"<p>{line}</p>" for line in STORY[lang] * 3)
    html = _page(
        f"<main><article><h1>A headline for the story</h1>{filler}"
        f"<div class='factbox'>{box}</div></article></main>",
        lang=lang,
    )
    article = _extract(html)
    assert article.authors == [_NAMES[lang]]
    assert article.published == "2024-03-03"


def test_a_byline_wins_over_a_labelled_field() -> None:
    html = _page(
        "<main><article><h1>A headline for the story</h1>"
        "<div class='byline'>By Mary Jones</div>"
        f"{_paragraphs('en')}<p><strong>Author:</strong> Someone Else</p></article></main>"
    )
    assert _extract(html).authors == ["Mary Jones"]


def test_labelled_fields_in_comments_and_footers_do_not_count() -> None:
    html = (
        "<html lang='en'><head><title>Site</title></head><body><main><article>"
        f"<h1>A headline for the story</h1>{_paragraphs('en')}"
        "<div class='comments'><p><strong>Author:</strong> Angry Reader</p>"
        "<p><strong>Date:</strong> 5 May 2021</p></div></article></main>"
        "<footer><p><strong>Author:</strong> Web Team</p></footer></body></html>"
    )
    assert _extract(html).authors == []
    assert labelled_dates(parse_html(html, None)) == []


# -- an <aside> holding the only <h1> ----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "printed"),
    [("fr", "Publié le 3 mars 2024"), ("de", "3. März 2024"), ("en", "March 3, 2024")],
)
def test_an_aside_with_the_only_h1_is_the_article(lang: str, printed: str) -> None:
    html = _page(
        f"<div class='page'><aside class='content'><h1>A headline for the story</h1>"
        f"<p class='date'>{printed}</p>{_paragraphs(lang)}</aside></div>",
        lang=lang,
    )
    assert _extract(html).published == "2024-03-03"


def test_an_aside_beside_the_article_stays_a_sidebar() -> None:
    html = _page(
        "<main><article><h1>A headline for the story</h1><p class='date'>March 3, 2024</p>"
        f"{_paragraphs('en')}</article><aside><h2>Most read</h2>"
        "<span class='date'>January 9, 2021</span></aside></main>"
    )
    assert _extract(html).published == "2024-03-03"


# -- dateCreated alone ------------------------------------------------------------------------


def _jsonld(**fields: str) -> str:
    inner = ", ".join(f'"{k}": "{v}"' for k, v in fields.items())
    return f'<script type="application/ld+json">{{"@type": "NewsArticle", {inner}}}</script>'


@pytest.mark.parametrize(
    ("lang", "printed"),
    [
        ("es", "Publicado el 3 de marzo de 2024"),
        ("de", "Veröffentlicht: 03.03.2024"),
        ("en", "Published March 3, 2024"),
    ],
)
def test_a_created_only_date_loses_to_the_printed_date(lang: str, printed: str) -> None:
    html = _page(
        f"<main><article><h1>A headline for the story</h1><div class='meta'>{printed}</div>"
        f"{_paragraphs(lang)}</article></main>",
        lang=lang,
        head=_jsonld(headline="A headline for the story", dateCreated="2019-05-01T10:00:00Z"),
    )
    assert _extract(html).published == "2024-03-03"


def test_date_published_still_wins_over_the_printed_date() -> None:
    html = _page(
        "<main><article><h1>A headline for the story</h1><div class='meta'>March 3, 2024</div>"
        f"{_paragraphs('en')}</article></main>",
        head=_jsonld(datePublished="2024-03-02", dateCreated="2019-05-01"),
    )
    assert _extract(html).published == "2024-03-02"


# -- standfirst marks ---------------------------------------------------------------------------


def _standfirst_page(lang: str, header: str) -> str:
    lead = STORY[lang][0]
    return _page(
        f"<main><article>{header.format(lead=lead)}"
        f"<div class='text'>{''.join(f'<p>{x}</p>' for x in STORY[lang][1:] * 2)}</div>"
        "</article></main>",
        lang=lang,
        head=f'<meta name="description" content="{lead}">',
    )


@pytest.mark.parametrize(
    ("lang", "mark"), [("fr", "chapeau"), ("de", "article-vorspann"), ("en", "standfirst")]
)
def test_a_marked_standfirst_is_cut(lang: str, mark: str) -> None:
    html = _standfirst_page(
        lang,
        "<div class='top'><h1>A headline for the story</h1><div class='byline'>By Mary Jones</div>"
        f"<p class='{mark}'>{{lead}}</p></div>",
    )
    assert STORY[lang][0] not in _extract(html).body


def test_a_marked_standfirst_ending_in_a_no_break_space_is_cut() -> None:
    html = _standfirst_page(
        "en",
        "<div class='HedAndDek_wrapper'><h1>A headline for the story</h1>"
        "<div class='HedAndDek_dek-x1'><p>{lead}&nbsp;</p></div></div>",
    )
    assert STORY["en"][0] not in _extract(html).body


def test_a_headline_group_dek_is_cut() -> None:
    html = _standfirst_page(
        "en", "<div class='x1'><h1>A headline for the story</h1><p>{lead}</p></div>"
    )
    assert STORY["en"][0] not in _extract(html).body


@pytest.mark.parametrize("lang", ["de", "es", "en"])
def test_an_unmarked_lead_in_the_header_is_story(lang: str) -> None:
    html = _standfirst_page(
        lang,
        "<div class='top'><h1>A headline for the story</h1><div class='byline'>By Mary Jones</div>"
        "<p>{lead}</p></div>",
    )
    assert STORY[lang][0] in _extract(html).body


# -- a sidebar <h1> -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sidebar",
    [
        "<aside><h1>Sign up for our newsletter today</h1></aside>",
        "<div class='sidebar'><h1>The most popular stories this week</h1></div>",
    ],
)
def test_a_sidebar_h1_is_no_headline(sidebar: str) -> None:
    html = _page(
        f"{sidebar}<main><article><h1>Bridge plan wins council vote</h1>"
        f"{_paragraphs('en')}</article></main>",
        head='<meta property="og:title" content="Town says yes to the new bridge">',
    )
    assert _extract(html).title == "Bridge plan wins council vote"


def test_a_lone_h1_in_an_aside_stays_the_headline() -> None:
    html = _page(
        f"<aside class='main'><h1>Bridge plan wins council vote</h1>{_paragraphs('en')}</aside>",
        head='<meta property="og:title" content="Town says yes to the new bridge">',
    )
    assert _extract(html).title == "Bridge plan wins council vote"


# -- CJK titles, basic-format ISO dates, Arabic month names ------------------------------------

_JA_STORY = "".join(
    f"<p>{line}</p>"
    for line in [
        "市は新しい橋の建設計画を火曜日の議会で承認した。議論は六時間に及び、住民の関心の高さを示した。",
        "工事は春に始まり、およそ二年かかる見通しだ。古い橋は工事の間も歩行者と自転車に開放される。",
        "市長は記者会見で、今回の決定は町の将来への投資だと述べ、住民説明会を五月に開くと明らかにした。",
        "市議会の一部からは費用の増加を懸念する声も出ており、今後の予算審議で議論が続く可能性がある。",
    ]
)


def test_a_japanese_title_loses_its_site_suffix_and_photo_credit() -> None:
    title = "新しい橋の建設計画を承認　市議会で六時間の議論　（写真＝共同）　：東西新聞"
    html = _page(
        f"<main><article>{_JA_STORY * 3}</article></main>",
        lang="ja",
        head=(
            '<meta property="og:site_name" content="東西新聞 電子版">'
            + _jsonld(headline=title, datePublished="20240303T055000+0900")
        ),
    )
    article = _extract(html)
    assert article.title == "新しい橋の建設計画を承認 市議会で六時間の議論"
    assert article.published == "2024-03-03T05:50:00+09:00"


def test_a_lone_chinese_h1_is_the_headline() -> None:
    zh = "".join(
        f"<p>{x}</p>"
        for x in [
            "北京地铁新线路今天上午正式开通运营，首日客流量超过十万人次，沿线居民出行更加方便。",
            "新线路全长三十公里，共设二十个车站，连接城市东部和西部的多个居住区和商业区。",
            "运营公司表示，高峰时段列车间隔为三分钟，今后还将根据客流情况进一步调整运营计划。",
        ]
    )
    html = _page(
        f"<main><article><h1>北京地铁新线路今日开通运营</h1>{zh}</article></main>",
        lang="zh",
        head='<meta property="og:title" content="地铁新线开通 - 某某网">',
    )
    assert _extract(html).title == "北京地铁新线路今日开通运营"


def test_a_title_colon_that_is_no_site_suffix_stays() -> None:
    html = _page(
        f"<main><article>{_JA_STORY * 3}</article></main>",
        lang="ja",
        head='<meta property="og:title" content="特集：新しい橋の建設計画を承認">',
    )
    assert _extract(html).title == "特集：新しい橋の建設計画を承認"


def test_an_english_parenthesis_after_the_title_stays() -> None:
    html = _page(
        f"<main><article>{_paragraphs('en')}</article></main>",
        head='<meta property="og:title" content="Bridge plan wins council vote (photographs of 1990)">',
    )
    assert _extract(html).title == "Bridge plan wins council vote (photographs of 1990)"


_AR_STORY = "".join(
    f"<p>{x}</p>"
    for x in [
        "وافق المجلس البلدي يوم الثلاثاء على خطة بناء الجسر الجديد بعد نقاش استمر ست ساعات كاملة.",
        "ومن المتوقع أن تبدأ الأعمال في الربيع وأن تستمر نحو عامين بحسب ما أعلنته البلدية.",
        "وقال رئيس البلدية إن القرار يظهر أن المدينة مستعدة للاستثمار في مستقبلها من جديد.",
        "وسيتمكن السكان من إبداء آرائهم حول التصميم خلال اجتماعين في مبنى البلدية في شهر مايو.",
    ]
)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("الأحد، 3 مارس 2024", "2024-03-03"), ("الأربعاء، 28 آب/اغسطس 2013", "2013-08-28")],
)
def test_an_arabic_printed_date_is_read(printed: str, expected: str) -> None:
    html = _page(
        f"<main><article><h1>المجلس البلدي يوافق على خطة الجسر الجديد</h1>"
        f"<div class='date'>{printed}</div>{_AR_STORY}</article></main>",
        lang="ar",
    )
    assert _extract(html).published == expected


# -- CJK bylines and script-named languages ---------------------------------------------------

_ZH_STORY = "".join(
    f"<p>{x}</p>"
    for x in [
        "北京地铁新线路今天上午正式开通运营，首日客流量超过十万人次，沿线居民出行更加方便。",
        "新线路全长三十公里，共设二十个车站，连接城市东部和西部的多个居住区和商业区。",
        "运营公司表示，高峰时段列车间隔为三分钟，今后还将根据客流情况进一步调整运营计划。",
        "有乘客说，过去上班需要换乘两次，现在只需四十分钟就能到达公司，节省了不少时间。",
    ]
)
_KO_STORY = "".join(
    f"<p>{x}</p>"
    for x in [
        "서울시는 화요일 시의회에서 새 다리 건설 계획을 승인했다. 토론은 여섯 시간 동안 이어졌다.",
        "공사는 봄에 시작해 약 이 년 동안 진행될 예정이며 기존 다리는 보행자에게 계속 개방된다.",
        "시장은 기자회견에서 이번 결정이 도시의 미래를 위한 투자라고 말했다고 전했다.",
        "주민들은 오월에 시청에서 열리는 두 차례의 설명회에서 설계에 대한 의견을 낼 수 있다.",
    ]
)


def test_a_chinese_page_without_lang_gets_zh_and_its_meta_author() -> None:
    html = (
        "<html><head><title>北京地铁新线路今日开通运营 - 某某网</title>"
        '<meta name="author" content="严玉洁"></head><body><main><article>'
        f"<h1>北京地铁新线路今日开通运营</h1>{_ZH_STORY * 2}</article></main></body></html>"
    )
    article = _extract(html)
    assert article.language == "zh"
    assert article.authors == ["严玉洁"]


def test_a_korean_byline_with_a_reporter_title() -> None:
    html = _page(
        "<main><article><h1>서울시, 새 다리 건설 계획 승인</h1>"
        f"<div class='byline'>홍길동 기자</div>{_KO_STORY * 2}</article></main>",
        lang="en",  # a template default the text contradicts
    )
    article = _extract(html)
    assert article.authors == ["홍길동"]
    assert article.language == "ko"


@pytest.mark.parametrize("agency", ["新华社", "共同通信", "연합뉴스"])
def test_a_cjk_agency_is_no_person(agency: str) -> None:
    html = _page(
        f"<main><article><h1>北京地铁新线路今日开通运营</h1>{_ZH_STORY * 2}</article></main>",
        lang="zh",
        head=f'<meta name="author" content="{agency}">',
    )
    assert _extract(html).authors == []


def test_an_english_story_with_a_few_cjk_words_stays_english() -> None:
    lines = [f"{x} The Tokyo office (東京) agreed." for x in STORY["en"]]
    html = _page(
        "<main><article><h1>A headline for the story</h1>"
        f"{''.join(f'<p>{x}</p>' for x in lines)}</article></main>"
    )
    assert _extract(html).language == "en"


@pytest.mark.parametrize(
    "credit", ["（编辑：严玉洁 王辉）", "【责任编辑：严玉洁】", "（記者：山田太郎）"]
)
def test_a_cjk_editor_credit_at_the_end_is_cut(credit: str) -> None:
    html = _page(
        f"<main><article><h1>北京地铁新线路今日开通运营</h1>{_ZH_STORY * 2}<p>{credit}</p>"
        "</article></main>",
        lang="zh",
    )
    body = _extract(html).body
    assert credit not in body
    assert body.endswith("节省了不少时间。")


def test_a_cjk_story_line_quoting_an_editor_stays() -> None:
    last = "编辑部表示：今后将继续关注这条线路的运营情况，并及时向读者报道最新进展。"
    html = _page(
        f"<main><article><h1>北京地铁新线路今日开通运营</h1>{_ZH_STORY * 2}<p>{last}</p>"
        "</article></main>",
        lang="zh",
    )
    assert _extract(html).body.endswith(last)


@pytest.mark.parametrize(
    ("lang", "desk"), [("pt", "Redação"), ("ru", "Редакция"), ("nl", "Redactie")]
)
def test_a_newsroom_desk_byline_is_an_organisation(lang: str, desk: str) -> None:
    html = _page(
        f"<main><article><h1>A headline for the story</h1>{_paragraphs('en')}</article></main>",
        lang=lang,
        head=f'<meta name="author" content="{desk}">',
    )
    article = _extract(html)
    assert article.authors == []
    assert article.organizations == [desk]


@pytest.mark.parametrize(
    ("lang", "h1", "meta", "expected"),
    [
        (
            "ja",
            "<span>新しい橋の建設計画を承認　市議会で六時間の議論</span>\n<br>\n<span>編集委員　山田太郎</span>",
            "新しい橋の建設計画を承認　市議会で六時間の議論（写真＝共同）",
            "新しい橋の建設計画を承認 市議会で六時間の議論",
        ),
        (
            "de",
            "<span>Gemeinderat beschließt den neuen Haushalt</span> <small>Von Jana Beispiel</small>",
            "Gemeinderat beschließt den neuen Haushalt",
            "Gemeinderat beschließt den neuen Haushalt",
        ),
    ],
)
def test_a_byline_printed_inside_the_h1_is_not_title(
    lang: str, h1: str, meta: str, expected: str
) -> None:
    body = f"{_JA_STORY * 3}" if lang == "ja" else _paragraphs(lang)
    html = _page(
        f"<main><article><h1>{h1}</h1>{body}</article></main>",
        lang=lang,
        head=f'<meta property="og:title" content="{meta}">',
    )
    assert _extract(html).title == expected


def test_a_shortened_social_title_does_not_cut_the_h1() -> None:
    html = _page(
        "<main><article><h1>Storm hits the coast and the old town floods</h1>"
        f"{_paragraphs('en')}</article></main>",
        head='<meta property="og:title" content="Storm hits the coast">',
    )
    assert _extract(html).title == "Storm hits the coast and the old town floods"
