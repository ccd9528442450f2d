"""Focused tests of the eighth round of rules: more held-out languages.

Dutch, Swedish, Danish, Norwegian, Finnish, Czech, Slovak, Ukrainian, Romanian,
Hungarian, Greek, Indonesian, Vietnamese, Catalan and Chinese (simplified and
traditional) article pages of the shapes big sites in those languages print:

- "read also" lines ("Lees ook:", "Läs också:", "Přečtěte si také:", "Baca juga:",
  "延伸阅读：") and related-story headings are no story text;
- advertisement labels ("Annonse", "Mainos", "Hirdetés", "Quảng cáo", "广告") and photo
  credits ("Kuva:", "Fotó:", "Ảnh:", "Φωτ.:", "图/") are no story text;
- month names in those languages (genitive forms too) read as dates, with Hungarian
  "2024. március 12.", Vietnamese "ngày 12 tháng 3 năm 2024", Czech "12. 3. 2024";
  "Publicerad"/"Uppdaterad", "Opublikowano"-like labels say which date is which;
- byline openers ("Oleh", "Του", "Teksti:", "Szerző:", "记者") name the writers, and
  "and" in those languages joins them.

Whole pages through ``extract_article``, each rule with a negative case. The URL carries
no date and the pages carry no metadata, so dates and authors can only come from the
visible text.
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.items import Article

STORY = {
    "nl": [
        "De regering heeft dinsdag na weken van onderhandelingen een nieuw woningbouwplan goedgekeurd.",
        "Het plan voorziet in de bouw van vijftigduizend woningen in de komende vier jaar in het hele land.",
        "De vakbonden verwelkomden het akkoord, maar zeiden dat ze de uitvoering nauwlettend zullen volgen.",
        "De oppositie bekritiseerde het gebrek aan details over de financiering en vroeg om een debat.",
    ],
    "sv": [
        "Regeringen godkände på tisdagen en ny bostadsplan efter flera veckors förhandlingar.",
        "Planen innebär att femtiotusen bostäder ska byggas i hela landet under de kommande fyra åren.",
        "Fackförbunden välkomnade överenskommelsen men sade att de noga kommer att följa genomförandet.",
        "Oppositionen kritiserade bristen på detaljer om finansieringen och krävde en debatt i riksdagen.",
    ],
    "da": [
        "Regeringen godkendte tirsdag en ny boligplan efter flere ugers forhandlinger med partierne.",
        "Planen betyder, at der skal bygges halvtreds tusind boliger i hele landet over de næste fire år.",
        "Fagforeningerne hilste aftalen velkommen, men sagde, at de vil følge gennemførelsen nøje.",
        "Oppositionen kritiserede manglen på detaljer om finansieringen og krævede en debat i Folketinget.",
    ],
    "no": [
        "Regjeringen godkjente tirsdag en ny boligplan etter flere ukers forhandlinger med partiene.",
        "Planen innebærer at det skal bygges femti tusen boliger i hele landet i løpet av de neste fire årene.",
        "Fagforeningene ønsket avtalen velkommen, men sa at de vil følge gjennomføringen nøye.",
        "Opposisjonen kritiserte mangelen på detaljer om finansieringen og krevde en debatt på Stortinget.",
    ],
    "fi": [
        "Hallitus hyväksyi tiistaina uuden asuntosuunnitelman viikkoja kestäneiden neuvottelujen jälkeen.",
        "Suunnitelman mukaan koko maahan rakennetaan viisikymmentätuhatta asuntoa seuraavien neljän vuoden aikana.",
        "Ammattiliitot pitivät sopimusta hyvänä, mutta sanoivat seuraavansa sen toteutumista tarkasti.",
        "Oppositio arvosteli rahoitusta koskevien yksityiskohtien puutetta ja vaati asiasta keskustelua.",
    ],
    "cs": [
        "Vláda v úterý po několika týdnech jednání schválila nový plán výstavby bytů v celé zemi.",
        "Plán počítá s výstavbou padesáti tisíc bytů během příštích čtyř let ve všech krajích.",
        "Odbory dohodu uvítaly, ale uvedly, že budou její naplňování pozorně sledovat a kontrolovat.",
        "Opozice kritizovala nedostatek podrobností o financování a požadovala mimořádnou schůzi sněmovny.",
    ],
    "sk": [
        "Vláda v utorok po niekoľkých týždňoch rokovaní schválila nový plán výstavby bytov v celej krajine.",
        "Plán počíta s výstavbou päťdesiattisíc bytov počas nasledujúcich štyroch rokov vo všetkých krajoch.",
        "Odbory dohodu privítali, ale uviedli, že budú jej plnenie pozorne sledovať a kontrolovať.",
        "Opozícia kritizovala nedostatok podrobností o financovaní a žiadala mimoriadnu schôdzu parlamentu.",
    ],
    "uk": [
        "Уряд у вівторок після кількох тижнів переговорів схвалив нову програму будівництва житла.",
        "Програма передбачає будівництво п'ятдесяти тисяч квартир протягом наступних чотирьох років.",
        "Профспілки привітали рішення, але пообіцяли уважно стежити за його виконанням у регіонах.",
        "Опозиція розкритикувала відсутність подробиць щодо фінансування нової програми уряду.",
    ],
    "ro": [
        "Guvernul a aprobat marți un nou plan de locuințe după mai multe săptămâni de negocieri.",
        "Planul prevede construirea a cincizeci de mii de locuințe în următorii patru ani în toată țara.",
        "Sindicatele au salutat acordul, dar au spus că vor urmări cu atenție punerea lui în aplicare.",
        "Opoziția a criticat lipsa detaliilor privind finanțarea și a cerut o dezbatere în Parlament.",
    ],
    "hu": [
        "A kormány kedden több hétig tartó tárgyalások után jóváhagyta az új lakásépítési tervet.",
        "A terv szerint a következő négy évben ötvenezer lakás épül az ország minden megyéjében.",
        "A szakszervezetek üdvözölték a megállapodást, de jelezték, hogy figyelemmel kísérik a végrehajtást.",
        "Az ellenzék bírálta, hogy a finanszírozásról nincsenek részletek, és parlamenti vitát követelt.",
    ],
    "el": [
        "Η κυβέρνηση ενέκρινε την Τρίτη ένα νέο σχέδιο στέγασης μετά από εβδομάδες διαπραγματεύσεων.",
        "Το σχέδιο προβλέπει την κατασκευή πενήντα χιλιάδων κατοικιών τα επόμενα τέσσερα χρόνια.",
        "Τα συνδικάτα χαιρέτισαν τη συμφωνία, αλλά δήλωσαν ότι θα παρακολουθούν στενά την εφαρμογή της.",
        "Η αντιπολίτευση επέκρινε την έλλειψη λεπτομερειών για τη χρηματοδότηση και ζήτησε συζήτηση.",
    ],
    "id": [
        "Pemerintah pada Selasa menyetujui rencana perumahan baru setelah negosiasi selama berminggu-minggu.",
        "Rencana itu mencakup pembangunan lima puluh ribu rumah dalam empat tahun ke depan di seluruh negeri.",
        "Serikat pekerja menyambut baik kesepakatan itu, tetapi mengatakan akan mengawasi pelaksanaannya.",
        "Pihak oposisi mengkritik kurangnya rincian soal pendanaan dan meminta digelar rapat di parlemen.",
    ],
    "vi": [
        "Chính phủ hôm thứ Ba đã phê duyệt kế hoạch nhà ở mới sau nhiều tuần đàm phán căng thẳng.",
        "Kế hoạch dự kiến xây dựng năm mươi nghìn căn nhà trong bốn năm tới trên khắp cả nước.",
        "Các công đoàn hoan nghênh thỏa thuận nhưng cho biết sẽ theo dõi sát sao việc thực hiện.",
        "Phe đối lập chỉ trích việc thiếu chi tiết về nguồn tài chính và yêu cầu tổ chức một cuộc tranh luận.",
    ],
    "ca": [
        "El govern va aprovar dimarts un nou pla d'habitatge després de setmanes de negociacions.",
        "El pla preveu construir cinquanta mil habitatges en els pròxims quatre anys a tot el país.",
        "Els sindicats van celebrar l'acord, però van advertir que vigilaran de prop el seu compliment.",
        "L'oposició va criticar la manca de detalls sobre el finançament i va demanar una compareixença.",
    ],
    "zh": [
        "政府周二在经过数周谈判后批准了一项新的住房计划，计划在未来四年内建设五万套住房。",
        "住房和城乡建设部官员表示，这项措施将有助于稳定一线城市的房价，并改善居民的居住条件。",
        "工会对这项协议表示欢迎，但表示将密切关注计划的落实情况，确保资金按时到位。",
        "反对派批评计划缺乏关于资金来源的细节，并要求在议会举行专门辩论。",
    ],
    "zht": [
        "政府週二在經過數週談判後批准了一項新的住房計畫，計畫在未來四年內興建五萬戶住宅。",
        "內政部官員表示，這項措施將有助於穩定都會區的房價，並改善民眾的居住條件。",
        "工會對這項協議表示歡迎，但表示將密切關注計畫的落實情況，確保經費按時到位。",
        "在野黨批評計畫缺乏關於經費來源的細節，並要求在立法院舉行專案報告。",
    ],
}
URL = "https://news.example.net/section/story-123"
FETCHED = "2024-06-01T00:00:00+00:00"


def _page(lang: str, header: str, mid: str = "", tail: str = "") -> str:
    lines = STORY[lang] * 2
    first = "".join(f"<p>{p}</p>" for p in lines[:2])
    rest = "".join(f"<p>{p}</p>" for p in lines[2:])
    return (
        f'<html lang="{lang[:2]}"><head><title>Headline of the story | Site</title></head><body>'
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


# -- "read also" lines and related-story headings ------------------------------------------


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("nl", "Lees ook:"), ("sv", "Läs också:"), ("da", "Læs også:"), ("no", "Les også:"),
        ("fi", "Lue myös:"), ("cs", "Přečtěte si také:"), ("cs", "Čtěte také:"),
        ("sk", "Prečítajte si aj:"), ("uk", "Читайте також:"), ("ro", "Citește și:"),
        ("hu", "Olvassa el ezt is:"), ("el", "Διαβάστε επίσης:"), ("id", "Baca juga:"),
        ("vi", "Đọc thêm:"), ("vi", "Xem thêm:"), ("ca", "Llegiu també:"), ("zh", "延伸阅读："),
        ("zht", "相關閱讀："),
        ("ro", "Vezi și:"), ("el", "Δείτε επίσης:"), ("id", "Lihat juga:"), ("nl", "Zie ook:"),
        ("fi", "Katso myös:"),
    ],
)  # fmt: skip
def test_a_read_also_teaser_is_no_story_text(lang: str, label: str) -> None:
    line = f"<p><strong>{label}</strong> <a href='/x'>Another story about the housing plan</a></p>"
    assert _extra(_extract(_page(lang, "", mid=line)), lang) == []


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("nl", "Gerelateerde artikelen"), ("sv", "Läs mer"), ("cs", "Související články"),
        ("ro", "Articole similare"), ("hu", "Kapcsolódó cikkek"), ("el", "Σχετικά άρθρα"),
        ("id", "Berita terkait"), ("vi", "Tin liên quan"), ("ca", "Notícies relacionades"),
        ("zh", "相关新闻"), ("zht", "相關新聞"), ("cs", "Mohlo by vás zajímat"),
        ("uk", "Новини за темою"),
    ],
)  # fmt: skip
def test_a_related_heading_and_its_links_are_no_story_text(lang: str, heading: str) -> None:
    links = "".join(f"<p><a href='/{i}'>Another story about housing {i}</a></p>" for i in range(3))
    assert _extra(_extract(_page(lang, "", mid=f"<p>{heading}</p>{links}")), lang) == []


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "nl",
            "Lees ook de verklaring van de minister, die dinsdag in Den Haag werd gepubliceerd.",
        ),
        ("sv", "Läs också igenom villkoren noga innan du skriver på ett nytt hyreskontrakt i år."),
        ("id", "Baca juga laporan lengkapnya di situs kementerian yang dirilis pada Selasa pagi."),
        ("vi", "Xem thêm các quy định mới về nhà ở xã hội được Bộ Xây dựng ban hành hôm qua."),
        ("ca", "Llegiu també l'informe complet que el departament ha publicat aquest matí al web."),
        ("nl", "Zie ook de bijlage bij het wetsvoorstel voor de precieze verdeling per provincie."),
    ],
)
def test_a_sentence_starting_with_read_also_words_stays(lang: str, line: str) -> None:
    assert line in _extract(_page(lang, "", mid=f"<p>{line}</p>")).body


# -- advertisement labels and photo credits -------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("nl", "Advertentie"), ("no", "Annonse"), ("fi", "Mainos"), ("ro", "Publicitate"),
        ("hu", "Hirdetés"), ("el", "Διαφήμιση"), ("id", "Iklan"), ("vi", "Quảng cáo"),
        ("ca", "Publicitat"), ("zh", "广告"), ("zht", "廣告"),
        ("sv", "Artikeln fortsätter under annonsen"), ("cs", "Pokračování článku pod reklamou"),
        ("fi", "Kuva: Liisa Korhonen / Lehtikuva"), ("hu", "Fotó: MTI / Kovács Tamás"),
        ("vi", "Ảnh: Nguyễn Hà / TTXVN"), ("el", "Φωτ.: ΑΠΕ-ΜΠΕ / Γιάννης Κολεσίδης"),
        ("nl", "Foto: Jan Jansen / ANP"), ("uk", "Фото: Іван Коваль / Укрінформ"),
        ("id", "(ANTARA FOTO/Rivan Awal Lingga)"),
        ("nl", "Bron: ANP"), ("cs", "Zdroj: ČTK, iROZHLAS"), ("id", "Sumber: Antara"),
        ("zh", "来源：新华社"),
        ("zh", "图/新华社"), ("zht", "圖／中央社"), ("zh", "（图片来源：视觉中国）"),
    ],
)  # fmt: skip
def test_ad_labels_and_photo_credits_are_no_story_text(lang: str, line: str) -> None:
    assert _extra(_extract(_page(lang, "", mid=f"<p>{line}</p>")), lang) == []


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("fi", "Mainos on tärkeä tulonlähde monille medioille, sanoi toimitusjohtaja tiistaina."),
        ("fi", "Kuva tilanteesta on huolestuttava, sanoi asuntoministeri tiedotustilaisuudessa."),
        ("cs", "Reklama na nové byty se objevila na billboardech po celé Praze už v pondělí."),
        ("ro", "Publicitate agresivă a făcut compania în ultimele luni, potrivit analiștilor."),
        ("zh", "广告行业的专家认为，房地产广告投放将在明年有所回升。"),
        ("nl", "Bron van de onrust is het nieuwe plan, zeggen ingewijden in Den Haag."),
    ],
)
def test_a_sentence_about_ads_or_pictures_stays(lang: str, line: str) -> None:
    assert line in _extract(_page(lang, "", mid=f"<p>{line}</p>")).body


# -- dates: month names, formats, labels --------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        ("nl", "<p>Bijgewerkt: 13 mrt 2024, 09:00</p><p>Gepubliceerd: 12 maart 2024, 10:32</p>"),
        ("sv", "<p>Uppdaterad 13 mars 2024 kl. 09.00</p><p>Publicerad 12 mars 2024 kl. 10.32</p>"),
        ("da", "<p>Opdateret 13. marts 2024</p><p>Publiceret 12. marts 2024 kl. 10:32</p>"),
        ("no", "<p>Publisert: 12.03.2024 10:32 Oppdatert: 13.03.2024 09:00</p>"),
        ("fi", "<p>Päivitetty 13.3.2024 9:00</p><p>Julkaistu 12.3.2024 klo 10.32</p>"),
        ("cs", "<p>Aktualizováno: 13. března 2024</p><p>Publikováno: 12. března 2024, 10:32</p>"),
        ("sk", "<p>Aktualizované: 13. marca 2024</p><p>Publikované: 12. marca 2024 o 10:32</p>"),
        ("uk", "<p>Оновлено: 13 березня 2024</p><p>Опубліковано: 12 березня 2024, 10:32</p>"),
        ("ro", "<p>Actualizat: 13 martie 2024</p><p>Publicat: 12 martie 2024, 10:32</p>"),
        ("hu", "<p>Frissítve: 2024. március 13. 09:00</p><p>Publikálva: 2024. március 12.</p>"),
        ("el", "<p>Ενημέρωση: 13 Μαρτίου 2024</p><p>Δημοσίευση: 12 Μαρτίου 2024, 10:32</p>"),
        ("id", "<p>Diperbarui: 13 Maret 2024</p><p>Diterbitkan: 12 Maret 2024, 10:32</p>"),
        ("vi", "<p>Cập nhật: 13/03/2024 09:00</p><p>Ngày đăng: 12/03/2024 10:32</p>"),
        ("ca", "<p>Actualitzat: 13 de març de 2024</p><p>Publicat: 12 de març de 2024</p>"),
        ("zh", "<p>更新时间：2024年3月13日 09:00</p><p>发布时间：2024年3月12日 10:32</p>"),
    ],
)
def test_the_published_date_wins_over_the_update(lang: str, header: str) -> None:
    article = _extract(_page(lang, header))
    assert (article.published or "")[:10] == "2024-03-12"
    assert _extra(article, lang) == []  # the dateline is no story text


@pytest.mark.parametrize(
    ("lang", "header", "expected"),
    [
        ("hu", "<p>2024. márc. 12. 10:32</p>", "2024-03-12"),
        ("hu", "<p>2024. 03. 12.</p>", "2024-03-12"),
        ("hu", "<p>2024.03.12. 10:32 CET</p>", "2024-03-12T10:32:00+01:00"),
        ("vi", "<p>Thứ ba, ngày 12 tháng 3 năm 2024, 10:32</p>", "2024-03-12"),
        ("vi", "<p>Thứ Ba, 12/3/2024, 10:32 (GMT+7)</p>", "2024-03-12T10:32:00+07:00"),
        ("id", "<p>Selasa, 12 Mar 2024 10:32 WIB</p>", "2024-03-12T10:32:00+07:00"),
        ("cs", "<p>12. 3. 2024 10:32</p>", "2024-03-12"),
        ("el", "<p>ΤΡΙΤΗ 12 ΜΑΡΤΙΟΥ 2024</p>", "2024-03-12"),  # capitals drop the tonos
        ("el", "<p>12 Μαΐου 2024</p>", "2024-05-12"),
        ("ca", "<p>12 d'abril de 2024</p>", "2024-04-12"),
        ("ca", "<p>Dimarts, 12 de març del 2024 - 10:32 h</p>", "2024-03-12"),
        ("fi", "<p>12. maaliskuuta 2024</p>", "2024-03-12"),
        ("cs", "<p>12. listopadu 2023</p>", "2023-11-12"),  # Czech listopad is November
        ("uk", "<p>12 листопада 2023</p>", "2023-11-12"),
        ("uk", "<p>12 березня 2024 року о 10:32 EET</p>", "2024-03-12T10:32:00+02:00"),
        ("zht", "<p>2024年03月12日 10:32</p>", "2024-03-12"),
    ],
)
def test_dates_in_more_languages_and_formats(lang: str, header: str, expected: str) -> None:
    assert _extract(_page(lang, header)).published == expected


def test_a_word_that_is_no_month_gives_no_date() -> None:
    # "Maret" is March in Indonesian: without a day and a year around it no date is read
    article = _extract(_page("id", "<p>Rencana Maret 2024 diumumkan</p>"))
    assert article.published is None


# -- bylines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line", "names"),
    [
        ("nl", "Door Jan de Vries", ["Jan de Vries"]),
        ("nl", "Door onze correspondent Jan de Vries", ["Jan de Vries"]),
        ("sv", "Av Anna Svensson, reporter", ["Anna Svensson"]),
        ("da", "Af Mette Hansen og Lars Nielsen", ["Mette Hansen", "Lars Nielsen"]),
        ("fi", "Teksti: Matti Virtanen", ["Matti Virtanen"]),
        ("cs", "Autor: Jan Novák a Petr Svoboda", ["Jan Novák", "Petr Svoboda"]),
        ("uk", "Автор: Олена Петренко", ["Олена Петренко"]),
        ("hu", "Szerző: Kovács Péter", ["Kovács Péter"]),
        ("el", "Του Γιώργου Παπαδόπουλου", ["Γιώργου Παπαδόπουλου"]),
        ("el", "Γράφει η Μαρία Ιωάννου", ["Μαρία Ιωάννου"]),
        ("zh", "本报记者 王小明", ["王小明"]),
        ("id", "Oleh Budi Santoso", ["Budi Santoso"]),
        ("id", "Penulis: Budi Santoso | Editor: Siti Aminah", ["Budi Santoso"]),  # not the editor
        ("vi", "Tác giả: Nguyễn Văn An", ["Nguyễn Văn An"]),
        ("zh", "记者 王小明、李华", ["王小明", "李华"]),
        (
            "fi",
            "Teksti: Matti Virtanen Kuvat: Liisa Korhonen",
            ["Matti Virtanen"],
        ),  # not the photographer
        ("sv", "Text: Anna Svensson Foto: Erik Berg", ["Anna Svensson"]),
    ],
)
def test_a_byline_names_the_writers(lang: str, line: str, names: list[str]) -> None:
    for html in (f"<p class='byline'>{line}</p>", f"<p>{line}</p>"):
        article = _extract(_page(lang, html))
        assert article.authors == names
        assert _extra(article, lang) == []


@pytest.mark.parametrize(
    ("lang", "line", "names"),
    [
        ("ro", "de Andrei Popescu și Ioana Ionescu", ["Andrei Popescu", "Ioana Ionescu"]),
        ("zht", "記者王小明", ["王小明"]),
    ],
)
def test_a_byline_element_names_the_writers(lang: str, line: str, names: list[str]) -> None:
    # Romanian "de" and Chinese "記者" without a space open too many sentences to be read
    # as a byline outside a byline element
    assert _extract(_page(lang, f"<p class='byline'>{line}</p>")).authors == names


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("id", "Oleh karena itu, pemerintah akan menambah anggaran perumahan pada tahun depan."),
        ("el", "Του έδωσαν το βραβείο για την προσφορά του στην πόλη της Θεσσαλονίκης."),
        ("zh", "记者从住房和城乡建设部获悉，今年将新开工建设保障性住房五十万套。"),
        ("hu", "Szerző és rendező is volt egyben a tegnap bemutatott darab alkotója."),
        ("el", "Γράφει ότι η κυβέρνηση θα ανακοινώσει νέα μέτρα για τη στέγαση την Τρίτη."),
    ],
)
def test_a_sentence_opening_with_a_byline_word_stays_and_names_no_one(lang: str, line: str) -> None:
    article = _extract(_page(lang, f"<p>{line}</p>"))
    assert line in article.body
    assert article.authors == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Per Olsson", ["Per Olsson"]),  # Swedish first name, not Catalan "per" (by)
        ("de Vries", ["de Vries"]),  # one word after "de": a surname with its particle
        ("María López, enviada especial a Kiev, y Juan Pérez", ["María López", "Juan Pérez"]),
    ],
)
def test_byline_words_that_are_also_names_or_prepositions(line: str, names: list[str]) -> None:
    assert _extract(_page("sv", f"<p class='byline'>{line}</p>")).authors == names


# -- share buttons, tag lists, rights lines, newsletter prompts, comment sections -----------


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("no", "Del"), ("vi", "Chia sẻ"), ("fi", "Aiheet: asuminen, politiikka"),
        ("nl", "Lees verder"), ("zh", "展开全文"),
        ("zh", "标签：住房 政策"), ("nl", "© 2024 Example. Alle rechten voorbehouden."),
        ("ro", "Toate drepturile rezervate."), ("zh", "版权所有 未经授权不得转载"),
        ("nl", "Schrijf je in voor onze nieuwsbrief"), ("fi", "Päivitetty 2 tuntia sitten"),
        ("ro", "Actualizat acum 2 ore"),
    ],
)  # fmt: skip
def test_furniture_lines_are_no_story_text(lang: str, line: str) -> None:
    assert _extra(_extract(_page(lang, "", mid=f"<p>{line}</p>")), lang) == []


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("nl", "Delen van de stad zijn nog steeds zonder stroom, meldt de netbeheerder."),
        ("fi", "Aiheet: asuminen ja politiikka nousivat esiin keskustelussa, sanoi ministeri."),
    ],
)
def test_a_sentence_opening_with_a_furniture_word_stays(lang: str, line: str) -> None:
    assert line in _extract(_page(lang, "", mid=f"<p>{line}</p>")).body


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("nl", "Reacties (12)"), ("el", "Σχόλια"), ("vi", "Bình luận"), ("zh", "网友评论")],
)
def test_a_comment_section_ends_the_story(lang: str, heading: str) -> None:
    tail = f"<h3>{heading}</h3><p>Reader one: agreed!</p><p>A reply from another reader here.</p>"
    assert _extra(_extract(_page(lang, "", tail=tail)), lang) == []


def test_a_sentence_opening_with_the_comment_word_stays() -> None:
    line = "Σχόλια του υπουργού προκάλεσαν αντιδράσεις στην αντιπολίτευση την Τρίτη."
    article = _extract(_page("el", "", mid=f"<p>{line}</p>"))
    assert line in article.body
    assert article.body.endswith(STORY["el"][-1])


# -- Greek labels in capitals (no tonos) ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "<p>ΔΙΑΦΗΜΙΣΗ</p>",
        "<p><strong>ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ:</strong> <a href='/x'>Αυξάνονται τα ενοίκια στην Αθήνα</a></p>",
        "<p>ΠΗΓΗ: ΑΠΕ-ΜΠΕ</p>",
    ],
)
def test_greek_labels_in_capitals_are_no_story_text(line: str) -> None:
    assert _extra(_extract(_page("el", "", mid=line)), "el") == []


def test_a_greek_date_label_in_capitals_reads() -> None:
    header = "<p>ΕΝΗΜΕΡΩΣΗ: 13 ΜΑΡΤΙΟΥ 2024</p><p>ΔΗΜΟΣΙΕΥΣΗ: 12 ΜΑΡΤΙΟΥ 2024</p>"
    assert _extract(_page("el", header)).published == "2024-03-12"


@pytest.mark.parametrize(
    ("lang", "html", "names"),
    [
        ("hu", "<span class='cikk-szerzo'>Kovács Péter</span>", ["Kovács Péter"]),
        ("no", "<div class='forfatter-navn'>Ola Nordmann</div>", ["Ola Nordmann"]),
        ("hu", "<span class='cikk-rovat'>Kovács Péter</span>", []),  # no byline class: no author
    ],
)
def test_byline_classes_in_other_languages(lang: str, html: str, names: list[str]) -> None:
    assert _extract(_page(lang, html)).authors == names
