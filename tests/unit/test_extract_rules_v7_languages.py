"""Focused tests of the seventh round of rules (issue 3): held-out languages.

Spanish, Korean, Russian, Portuguese, Italian, Polish and Turkish article pages of the
shapes big sites in those languages print:

- "see also" lines ("Lee también:", "Leia também:", "Czytaj też:", "Ayrıca okuyun:",
  "관련기사") are no story text;
- photo credits ("Fot. X", "Фото: X", "사진=X", "Fotoğraf: X") and rights lines
  ("ⓒ중앙일보 무단 전재 및 재배포 금지", "Tüm hakları saklıdır") are no story text;
- Polish and Turkish month names read as dates; "Aktualizacja", "Güncelleme",
  "Ultimo aggiornamento", "업데이트" label an update, "Giriş", "Oluşturulma" a publication;
- "Autor:", "Yazan:" lines are bylines; "Por X, de São Paulo" names X only.

Whole pages through ``extract_article``, each rule with a negative case. The URL carries
no date, so the date can only come from the page.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.items import Article

STORY = {
    "es": [
        "El gobierno aprobó el martes un nuevo plan de vivienda tras semanas de negociaciones.",
        "La medida prevé construir cincuenta mil viviendas en los próximos cuatro años en el país.",
        "Los sindicatos celebraron el acuerdo, aunque advirtieron de que vigilarán su cumplimiento.",
        "La oposición criticó la falta de detalles sobre la financiación y pidió una comparecencia.",
    ],
    "ko": [
        "정부는 12일 새로운 주택 공급 계획을 발표하고 앞으로 4년 동안 5만 가구를 짓겠다고 밝혔다.",
        "국토교통부 관계자는 이번 대책이 수도권 집값 안정에 도움이 될 것이라고 설명했다.",
        "야당은 재원 마련 방안이 구체적이지 않다며 국회 차원의 검증이 필요하다고 주장했다.",
        "전문가들은 공급 속도가 관건이라며 인허가 절차를 줄여야 한다고 지적했다.",
    ],
    "pt": [
        "O governo aprovou nesta terça-feira um novo plano de habitação após semanas de negociações.",
        "A medida prevê a construção de cinquenta mil moradias nos próximos quatro anos no país.",
        "Os sindicatos comemoraram o acordo, mas avisaram que vão acompanhar o cumprimento.",
        "A oposição criticou a falta de detalhes sobre o financiamento e pediu explicações.",
    ],
    "it": [
        "Il governo ha approvato martedì un nuovo piano per la casa dopo settimane di trattative.",
        "La misura prevede la costruzione di cinquantamila alloggi nei prossimi quattro anni.",
        "I sindacati hanno accolto con favore l'accordo, ma vigileranno sulla sua attuazione.",
        "L'opposizione ha criticato la mancanza di dettagli sul finanziamento del piano.",
    ],
    "pl": [
        "Rząd przyjął we wtorek nowy program budownictwa mieszkaniowego po tygodniach negocjacji.",
        "Program zakłada budowę pięćdziesięciu tysięcy mieszkań w ciągu najbliższych czterech lat.",
        "Związki zawodowe z zadowoleniem przyjęły porozumienie, ale zapowiedziały jego kontrolę.",
        "Opozycja skrytykowała brak szczegółów dotyczących finansowania całego programu.",
    ],
    "tr": [
        "Hükümet salı günü haftalar süren müzakerelerin ardından yeni bir konut planını onayladı.",
        "Plan, önümüzdeki dört yıl içinde ülke genelinde elli bin konut inşa edilmesini öngörüyor.",
        "Sendikalar anlaşmayı memnuniyetle karşıladı ancak uygulamayı takip edeceklerini açıkladı.",
        "Muhalefet, finansman konusunda ayrıntı bulunmamasını eleştirdi ve bakanı Meclis'e çağırdı.",
    ],
    "ru": [
        "Правительство во вторник утвердило новую программу строительства жилья на четыре года.",
        "Документ предусматривает строительство пятидесяти тысяч квартир во всех регионах страны.",
        "Профсоюзы приветствовали решение, но пообещали внимательно следить за его выполнением.",
        "Оппозиция раскритиковала отсутствие подробностей о финансировании новой программы.",
    ],
}
URL = "https://noticias.example.net/seccion/historia-123"
FETCHED = "2024-06-01T00:00:00+00:00"


def _page(lang: str, header: str, mid: str = "", tail: str = "") -> str:
    lines = STORY[lang] * 2
    first = "".join(f"<p>{p}</p>" for p in lines[:2])
    rest = "".join(f"<p>{p}</p>" for p in lines[2:])
    return (
        f'<html lang="{lang}"><head><title>Headline of the story | Site</title></head><body>'
        '<header><nav><a href="/">Home</a></nav></header><main><article>'
        f"<h1>Headline of the story</h1>{header}{first}{mid}{rest}{tail}"
        "</article></main><footer>Legal</footer></body></html>"
    )


def _extract(html: str) -> Article:
    article = extract_article(html, URL, fetched_at=FETCHED)
    assert isinstance(article, Article), article
    return article


def _extra(article: Article, lang: str) -> list[str]:
    return [b for b in article.body.split("\n\n") if b not in STORY[lang]]


# -- "see also" lines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("es", "<p><strong>Lee también:</strong> <a href='/x'>Otra noticia sobre vivienda</a></p>"),
        ("pt", "<p><strong>Leia também:</strong> <a href='/x'>Outra notícia sobre habitação</a></p>"),
        ("pl", "<p><strong>Czytaj też:</strong> <a href='/x'>Inna wiadomość o mieszkaniach</a></p>"),
        ("tr", "<p><strong>Ayrıca okuyun:</strong> <a href='/x'>Başka bir konut haberi</a></p>"),
        ("ru", "<p><b>Читайте ещё:</b> <a href='/x'>Другая новость о жилье в регионах</a></p>"),
        ("ko", "<p>관련기사</p><p><a href='/x'>주택 공급 계획 관련 다른 기사</a></p>"),
    ],
)  # fmt: skip
def test_a_see_also_line_is_no_story_text(lang: str, line: str) -> None:
    assert _extra(_extract(_page(lang, "", mid=line)), lang) == []


def test_a_sentence_starting_with_the_same_words_stays() -> None:
    line = "Czytaj też uważnie komunikaty, bo program zmienia się co kilka miesięcy w całym kraju."
    article = _extract(_page("pl", "", mid=f"<p>{line}</p>"))
    assert line in article.body


# -- photo credits and rights lines -------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("pl", "Fot. Jan Kowalski / Agencja Wyborcza.pl"),
        ("ru", "Фото: Иван Петров / Коммерсантъ"),
        ("ko", "사진=연합뉴스"),
        ("tr", "Fotoğraf: Ahmet Yılmaz / AA"),
        ("ko", "ⓒ중앙일보 무단 전재 및 재배포 금지"),
        ("ko", "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>"),
        ("tr", "Tüm hakları saklıdır."),
        ("pt", "Todos os direitos reservados."),
    ],
)
def test_credits_and_rights_lines_are_no_story_text(lang: str, line: str) -> None:
    escaped = line.replace("<", "&lt;").replace(">", "&gt;")
    html = _page(lang, "", mid=f"<p>{escaped}</p>", tail=f"<p>{escaped}</p>")
    assert _extra(_extract(html), lang) == []


def test_a_sentence_about_photos_stays() -> None:
    line = "Фотографии с места событий опубликовали местные жители в социальных сетях вечером."
    assert line in _extract(_page("ru", "", mid=f"<p>{line}</p>")).body


# -- dates: Polish and Turkish months, update and publication labels ------------------------


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        ("pl", "<p>12 marca 2024 | 10:32</p>"),
        ("pl", "<p>Aktualizacja: 13.03.2024, 09:00</p><p>Opublikowano: 12.03.2024, 10:32</p>"),
        ("tr", "<p>Giriş: 12 Mart 2024 10:32</p><p>Güncelleme: 13 Mart 2024 09:00</p>"),
        ("tr", "<p>Güncelleme Tarihi: 13.03.2024 09:00</p><p>Oluşturulma Tarihi: 12.03.2024</p>"),
        ("it", "<p>Ultimo aggiornamento 13/03/2024 09:00</p><p>12 marzo 2024 ore 10:32</p>"),
        ("ko", "<p>업데이트 2024.03.13 09:00</p><p>입력 2024.03.12 10:32</p>"),
        ("es", "<p>Actualizado al 14 de marzo de 2024</p><p>12 de marzo de 2024 10:32</p>"),
        ("ru", "<p>Обновлено 13.03.2024, 09:00</p><p>12 марта 2024, 10:32</p>"),
    ],
)
def test_the_published_date_wins_over_the_update(lang: str, header: str) -> None:
    assert (_extract(_page(lang, header)).published or "")[:10] == "2024-03-12"


def test_a_word_that_is_no_month_gives_no_date() -> None:
    # "Ekim" is October in Turkish and a word elsewhere: it needs a day and a year around it
    article = _extract(_page("tr", "<p>Ekim ayında 2024 planı açıklandı</p>"))
    assert article.published is None


# -- bylines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("tr", "Yazan: Ahmet Yılmaz", "Ahmet Yılmaz"),
        ("pl", "Autor: Jan Kowalski", "Jan Kowalski"),
        ("pt", "Autora: Ana Souza", "Ana Souza"),
    ],
)
def test_a_labelled_byline_line_is_no_story_text(lang: str, line: str, name: str) -> None:
    article = _extract(_page(lang, f"<p class='byline'>{line}</p>"))
    assert _extra(article, lang) == []
    assert article.authors == [name]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Por Ana Souza, de São Paulo", ["Ana Souza"]),
        ("Por María López y Juan Pérez, desde Madrid", ["María López", "Juan Pérez"]),
        ("Por Ana Souza e Pedro de Lima", ["Ana Souza", "Pedro de Lima"]),
    ],
)
def test_where_the_writer_wrote_from_is_no_author(line: str, names: list[str]) -> None:
    article = _extract(_page("pt", f"<p class='byline'>{line}</p>"))
    assert article.authors == names


# -- the Korean wire lead ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "names"),
    [
        ("(서울=연합뉴스) 홍길동 기자 = ", ["홍길동"]),
        ("[서울=뉴시스]김철수 이영희 기자 = ", ["김철수", "이영희"]),
        ("(워싱턴=연합뉴스) 박민수 특파원 = ", ["박민수"]),
        ("(서울=연합뉴스) ", []),  # no reporter named: no author
    ],
)
def test_the_korean_wire_lead_names_the_reporters(lead: str, names: list[str]) -> None:
    first = f"<p>{lead}{STORY['ko'][0]}</p>"
    article = _extract(_page("ko", first))
    assert article.authors == names
    assert article.body.startswith(lead.strip())  # the lead stays story text


# -- title affixes: a date part, a section before the site ---------------------------------


def _titled(title: str, site: str) -> str:
    lines = "".join(f"<p>{p}</p>" for p in STORY["es"] * 2)
    return (
        f'<html lang="es"><head><title>{title}</title>'
        f'<meta property="og:site_name" content="{site}"></head><body><main><article>'
        f"{lines}</article></main></body></html>"
    )


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Sánchez anuncia un plan de vivienda | España | EL PAÍS", "El País",
         "Sánchez anuncia un plan de vivienda"),
        ("Governo aprova plano de habitação - 12/03/2024 - Mercado - Folha", "Folha",
         "Governo aprova plano de habitação"),
        ("Правительство утвердило программу - РИА Новости, 12.03.2024", "РИА Новости",
         "Правительство утвердило программу"),
        # negatives: no site name found, or the part after the bar is long
        ("Sánchez anuncia un plan de vivienda - Madrid - 12/03/2024", "El País",
         "Sánchez anuncia un plan de vivienda - Madrid - 12/03/2024"),
        ("Sánchez anuncia un plan | Qué cambia para los inquilinos | EL PAÍS", "El País",
         "Sánchez anuncia un plan | Qué cambia para los inquilinos"),
    ],
)  # fmt: skip
def test_title_site_section_and_date_affixes(title: str, site: str, expected: str) -> None:
    article = extract_article(_titled(title, site), URL, fetched_at=FETCHED)
    assert isinstance(article, Article)
    assert article.title == expected


# -- Folha's "12.mar.2024" and relative update stamps ---------------------------------------


def test_a_day_dot_month_name_dot_year_date_reads() -> None:
    article = _extract(_page("pt", "<p>12.mar.2024 às 10h32</p>"))
    assert (article.published or "")[:10] == "2024-03-12"
    assert _extra(article, "pt") == []


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("pt", "Atualizado há 2 dias"),
        ("es", "Actualizado hace 3 horas"),
        ("ru", "Обновлено 2 часа назад"),
        ("pl", "Zaktualizowano 5 minut temu"),
    ],
)
def test_a_relative_update_stamp_is_no_story_text(lang: str, line: str) -> None:
    assert _extra(_extract(_page(lang, f"<p>{line}</p>")), lang) == []


def test_a_sentence_about_an_update_stays() -> None:
    line = "Atualizado há 2 dias, o cadastro nacional ainda não inclui as famílias do interior."
    assert line in _extract(_page("pt", "", mid=f"<p>{line}</p>")).body


# -- bracketed and bulleted "see also" lines, the Russian link-back notice ------------------


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ko", "<p>[관련기사] 정부 주택 공급 대책 발표</p>"),
        ("ko", "<p>▶ 관련기사 보기</p><p><a href='/x'>주택 공급 대책 관련 다른 기사</a></p>"),
        ("es", "<p>[Lee también] <a href='/x'>Otra noticia sobre vivienda</a></p>"),
        ("ru", "<p>При использовании материалов ссылка на сайт обязательна.</p>"),
    ],
)
def test_bracketed_see_also_and_link_back_lines_go(lang: str, line: str) -> None:
    assert _extra(_extract(_page(lang, "", mid=line)), lang) == []


def test_a_bracketed_aside_in_a_sentence_stays() -> None:
    line = "[Actualización] El ministerio confirmó por la tarde que el plan se votará en abril."
    assert line in _extract(_page("es", "", mid=f"<p>{line}</p>")).body


# -- byline openings without a byline class -------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line", "names"),
    [
        ("it", "di Mario Rossi e Luca Bianchi", ["Mario Rossi", "Luca Bianchi"]),
        ("tr", "Muhabir: Ayşe Demir", ["Ayşe Demir"]),
        # negative: a sentence opening with "di" names no one
        ("it", "di solito il governo approva il piano in primavera", []),
    ],
)
def test_a_plain_byline_opening_names_the_writers(lang: str, line: str, names: list[str]) -> None:
    assert _extract(_page(lang, f"<p>{line}</p>")).authors == names


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("<p>12 марта 2024, 10:32 МСК</p>", "2024-03-12T10:32:00+03:00"),
        ("<p>12 марта 2024, 10:32</p>", "2024-03-12"),  # no zone printed: the day only
    ],
)
def test_moscow_time_printed_in_cyrillic_gives_the_offset(header: str, expected: str) -> None:
    assert _extract(_page("ru", header)).published == expected
