"""Our cleaning layer over trafilatura's output: drop what is not story text.

General rules only, no site-specific selectors:

- the headline repeated at the top of the body, and short page furniture
  before that repeat (kickers, breadcrumbs, badges, datelines);
- "Read also:", "Related", "Latest", "More from ..." lines and the link lists
  under them;
- image descriptions, captions and credit lines (matched against the page's
  ``alt``/``figcaption`` texts, or by their "Photo: ..." / "(Getty Images)" form);
- share, newsletter and subscribe prompts, "Advertisement", cookie notices,
  comment-section lines;
- exact consecutive duplicates (trafilatura runs with ``deduplicate=False``);
- the standfirst (dek) the page prints with the headline, apart from the story,
  at the top of the body: it is the record's ``description``, not story text
  (the caller finds it in the DOM: ``body.header_standfirst``);
- newsletter pitches, blocked-embed placeholders, bracketed teasers ("(MORE: ...)"),
  bare counters, and a line that is only a date among the first lines;
- byline lines at the top or the bottom ("By A and B", "Von ...", "Текст: ...");
- syndication and production notes at the end ("This article was first
  published by ...", "... republished with permission");
- everything after a comment-section heading ("Comments", "12 Comments", "Kommentare")
  or from a forum-style thread on;
- an author bio as the last paragraph ("Jane Doe is a senior editor at ...",
  "Jane currently works for ..."), production credits ("Hair: ...", "Stylist: ..."),
  dated source lists and footnotes at the end;
- script or style code that leaked into the text (``window.x = ...``, ``</script>``);
- short table rows (data: specs, scores, timetables; truth-style bodies are prose);
- the signature line of an embedded social post, copyright/rights lines, app prompts;
- production notes at the end: "Contributing: ...", contact e-mail addresses,
  "appeared in the print edition", corrections, "edited for length", references;
- a forum thread without a heading (list entries ending in "Reply" or quoting
  "user said: ...");
- newsroom boilerplate (:mod:`.boilerplate`: editorial standards, affiliate
  disclosures, markup printed as text, follow prompts) and the texts of promo
  cards and modal boxes found in the page (:mod:`.furniture`);
- pull quotes: a short paragraph printed again inside a longer one.

The word lists cover English and the languages big news sites publish in (the
comment above each list names its languages); each is matched as a whole short line
or as a line prefix before a teaser, never inside a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newscrawl.extract.authors import CHINESE_BYLINE_LABELS, split_byline
from newscrawl.extract.body import Block
from newscrawl.extract.boilerplate import is_boilerplate
from newscrawl.extract.datelines import ends_with_date, only_a_date
from newscrawl.extract.html import greek_caps, word_count
from newscrawl.extract.platforms import (
    cut_author_card,
    drop_donation_appeals,
    is_platform_furniture,
)
from newscrawl.extract.titles import norm

_I = re.IGNORECASE

# "Read also" / "see also" in Dutch, Swedish, Danish, Norwegian, Finnish, Czech, Slovak,
# Ukrainian, Romanian, Hungarian, Greek, Indonesian, Vietnamese, Catalan and Chinese
# ("Lees ook: <headline>"); part of :data:`_READ_ALSO`.
_SEE_ALSO_MORE = greek_caps(
    r"lees (?:ook|meer)|läs (?:också|även|mer)|læs (?:også|mere)|les (?:også|mer)|lue myös"
    r"|přečtěte si (?:také|též|více)|čtěte (?:také|též|více)|prečítajte si (?:aj|tiež|viac)"
    r"|čítajte (?:aj|tiež|viac)|читайте (?:також|ще)|citește și|citeşte şi|citeste si|citiți și"
    r"|olvassa el ezt is|olvasd el ezt is|ezt is olvassa el|διαβάστε (?:επίσης|ακόμη|ακόμα)"
    r"|baca juga|đọc thêm|xem thêm|llegiu (?:també|més)|llegeix (?:també|més)|lue lisää"
    # "see also"
    r"|zie ook|se (?:även|också|også)|katso myös|vezi (?:și|si|şi)|δείτε (?:επίσης|ακόμη|ακόμα)"
    r"|lihat juga|дивіться також|vegeu també|lásd még"
    r"|延伸阅读|延伸閱讀|相关阅读|相關閱讀|推荐阅读|推薦閱讀"
)
# Headings of related-story blocks in those languages (whole lines only).
_RELATED_MORE = greek_caps(
    r"gerelateerde artikelen|meer over (?:dit onderwerp|[\w'’-]+)|relaterade artiklar"
    r"|relaterede artikler|relaterte (?:saker|artikler)|mer om (?:saken|ämnet|temaet)"
    r"|aiheesta lisää|související (?:články|zprávy)|súvisiace (?:články|správy)|по темі"
    r"|articole (?:similare|asemănătoare|relaționate|recomandate)|kapcsolódó(?: cikkek| hírek)?"
    r"|σχετικά άρθρα|σχετικές ειδήσεις|berita terkait|artikel terkait|tin liên quan"
    r"|tin cùng chuyên mục|notícies relacionades|相关新闻|相關新聞|相关报道|相關報導"
    r"|mohlo by vás (?:také )?zajímat|mohlo by vás zaujímať|новини за темою"
)
# "Read also" / "see also" in every language: a whole line over a link list
# (:data:`_SECTION_MARKER`), or the prefix of a teaser line (:data:`_TEASER`).
_READ_ALSO = (
    r"read (?:also|more|next)|also read|see also|lesen sie auch|lire aussi|leggi anche"
    r"|lee también|lea también|leer también|leia também|veja também|читайте также"
    r"|czytaj (?:też|także|również)|zobacz (?:też|także|również)|ayrıca (?:okuyun|bakınız)"
    rf"|ilgili haberler?|{_SEE_ALSO_MORE}"
)
# A line that introduces a block of links to other stories.
_SECTION_MARKER = re.compile(
    rf"^[▶►▷■□●◆\s]*[\[【]?(?:{_READ_ALSO}"
    r"|read more (?:on|from|about)(?: [\w'’&.-]+){1,5}|read (?:this next|further)|related(?: \w+){0,2}"
    r"|latest(?: \w+){0,2}|more (?:from|on|about|in|stories|news|articles|like this|to read|"
    r"coverage|top stories)(?: [\w'’&.-]+){0,4}|more [\w'’-]+(?: [\w'’-]+)? from(?: [\w'’&.-]+){1,4}"
    r"|explore more|our coverage of(?: [\w'’&.-]+){1,6}|recommended(?: \w+){0,2}|you (?:may|might) "
    r"(?:also )?(?:like|enjoy|be interested in)(?: \w+){0,3}|(?:most )?(?:popular|read|viewed|"
    r"shared)(?: \w+){0,2}|trending(?: \w+){0,2}|top stories|editor'?s? picks?|don'?t miss"
    r"|what to read next|further reading|in other news|mehr zum thema|auch interessant"
    r"|à lire aussi|관련 ?기사(?: ?(?:보기|더보기))?|"
    rf"{_RELATED_MORE}|"
    r"continue reading|keep reading|up next|watch next|watch|listen|people are also reading"
    r"|stay (?:connected|informed|in the know|up to date|on the cutting edge|in touch)"
    r"|get the latest(?: [\w'’&.-]+){0,5})[\]】]?\s*[:：.!…]*$",
    _I,
)
# "Advertisement" as a label line, "the story continues below the ad" and "continue
# reading" buttons in Dutch, the Nordic languages, Finnish, Czech, Slovak, Romanian,
# Hungarian, Greek, Indonesian, Vietnamese, Catalan and Chinese (part of _JUNK_LINE,
# which lists the other languages' labels itself).
_AD_LABELS = greek_caps(
    r"annonse|annoncer|mainos|publicitate|reclamă|hirdetés|iklan|quảng cáo|διαφήμιση|publicitat"
    r"|reklam|广告|廣告|gesponsord|sponsrat|sponset|sponsoreret|sponzorováno|szponzorált"
    r"|(?:lees verder|het artikel gaat verder) (?:onder|na) de advertentie"
    r"|(?:artikeln|texten) fortsätter (?:under|efter) annonsen"
    r"|(?:saken|artikkelen) fortsetter under annonsen|artiklen fortsætter under annoncen"
    r"|artikkeli jatkuu mainoksen (?:jälkeen|alla)|pokračování článku pod reklamou"
    r"|článok pokračuje pod reklamou|articolul continuă după reclamă"
    # "continue reading" buttons
    r"|lees verder|läs vidare|læs videre|les videre|čtěte dále|baca selengkapnya|xem tiếp"
    r"|continua llegint|阅读全文|閱讀全文|展开全文|展開全文"
)
# Share buttons, tag-list labels and relative update stamps in those languages.
_SHARE_MORE = greek_caps(
    r"delen|dela|del|jaa|sdílet|zdieľať|поділитися|distribuie|megosztás|κοινοποίηση|bagikan"
    r"|chia sẻ|comparteix|分享"
)
_TAG_LABELS = greek_caps(
    r"onderwerpen|trefwoorden|ämnen|taggar|emner|aiheet|avainsanat|témata|témy|štítky|теги"
    r"|мітки|etichete|címkék|ετικέτες|topik|từ khóa|etiquetes|标签|標籤|关键词|關鍵字"
)
_RELATIVE_UPDATE_MORE = (
    r"(?:bijgewerkt|uppdaterad|opdateret|oppdatert|päivitetty|aktualizováno|aktualizované"
    r"|оновлено|actualizat|frissítve|diperbarui|cập nhật)\s*:?\s*(?:för|před|pred|acum)?\s*"
    r"\d+\s+\w+(?:\s+(?:geleden|sedan|siden|sitten|тому|lalu|trước|ezelőtt))?"
)
# A whole line that is a prompt or furniture, never story text.
_JUNK_LINE = re.compile(
    r"^(?:skip to (?:main )?content|advertisements?|ad|ads|sponsored(?: content)?|anzeige|werbung"
    r"|реклама|publicité|publicidad|pubblicità|advertentie|reklama|annons|annonce"
    rf"|{_AD_LABELS}"
    r"|(?:story|article) continues (?:below|after)(?: (?:the )?advertisement| ad)?|continue "
    r"reading (?:below|the main story)|scroll (?:down )?to continue.*|share(?: this)?(?: "
    r"article| story| post| page)?(?: on \w+)?|share via \w+|tweet|email|e-mail|print|copy "
    r"(?:link|url)|link copied!?|facebook|twitter|linkedin|whatsapp|pinterest|reddit"
    r"|(?:\d+\s+)?comments?|leave a (?:comment|reply)|add a comment|post a comment|join the "
    r"(?:conversation|discussion)|comments? (?:are|is) closed.*|view comments|show comments"
    r"|load comments|we use cookies.*|this (?:web)?site uses cookies.*|accept(?: all)? cookies"
    r"|(?:tags|topics|filed under|categories|category|themen|schlagworte)\s*:.*|follow us(?: on)?"
    r".{0,40}|click here.{0,80}|tap here.{0,80}|loading\.*|close|menu|search|back to top"
    r"|(?:image|photo|video|picture) \d+ of \d+|enlarge (?:this )?image|toggle caption"
    r"|hide caption|open in app|listen to (?:this )?article.{0,30}|\d+ min(?:ute)?s? read"
    r"|(?:sign up|subscribe|register)(?: (?:now|today|here|for free))?[.!]?"
    # an update stamp in relative time: "Updated 2 hours ago", "Atualizado há 2 dias"
    r"|(?:updated|actualizado|atualizado|aggiornato|aktualisiert|mis à jour|обновлено"
    r"|zaktualizowano|güncellendi|güncelleme)\s*:?\s*(?:há|hace|il y a|vor|fa)?\s*\d+\s+\w+"
    r"(?:\s+(?:ago|atrás|назад|temu|önce|fa))?"
    # a tag list is words and commas, not a sentence: "Aiheet: asuminen, politiikka"
    rf"|{_SHARE_MORE}|(?:{_TAG_LABELS})\s*[:：][^.!?。！？]{{0,120}}|{_RELATIVE_UPDATE_MORE})$",
    _I,
)
# Short lines about newsletters/subscriptions/apps (checked only below a word limit).
_PROMPT = re.compile(
    r"\b(?:newsletters?|subscribe|subscription|sign up|signup|inbox|download (?:our|the) app"
    r"|follow us|unlock|already a subscriber|log ?in to|create (?:a free |an )?account"
    r"|be the first to (?:get|know|hear)"
    r"|discuss this in the forum|abonnez-vous|inscrivez-vous|suscríbete|suscribete|regístrate"
    r"|jetzt (?:abonnieren|anmelden|registrieren)|подпишитесь|подписывайтесь"
    # "newsletter" in Dutch, the Nordic languages, Finnish, Hungarian, Ukrainian
    r"|nieuwsbrief|nyhetsbrev\w*|nyhedsbrev\w*|uutiskirje\w*|hírlevel\w*|hírlevél|розсилк\w*)\b",
    _I,
)
_PROMPT_MAX_WORDS = 30
# Longer newsletter pitches ("Join the experts who read ... We'll send breaking news ...
# straight to your inbox", "Discover special offers, top stories, upcoming events, and more.").
_PITCH = re.compile(
    r"\b(?:we(?:'|’)ll|we will) (?:send|deliver|email) (?:you\b|breaking|the latest|our)"
    r"|\bstraight to your (?:inbox|phone|feed)\b|\bin your inbox\b"
    r"|\bspecial offers\b.{0,40}\b(?:stories|news|events)\b"
    r"|\b(?:stories|news|events)\b.{0,40}\bspecial offers\b"
    r"|^[^.!?]{0,120}\band (?:much )?more!$",
    _I,
)
_PITCH_MAX_WORDS = 60
# What a blocked embed shows instead of the post ("Waiting for your permission to load
# the Instagram Media.", "Externer Inhalt", "Pour afficher ce contenu, ...").
_PLACEHOLDER = re.compile(
    r"^(?:waiting for (?:your )?(?:permission|consent) to load|(?:enable|allow|accept) "
    r"(?:javascript|(?:all )?cookies|(?:social media |third[- ]party )?content) to (?:view|see|load"
    r"|display)|to (?:view|see|display|load) this (?:content|post|video|embed)|externer inhalt"
    r"|um (?:diesen|den|externen) (?:inhalt|beitrag|post) (?:anzuzeigen|zu sehen|zu laden)"
    r"|pour (?:afficher|voir|lire) (?:ce|le) (?:contenu|post|tweet|vidéo)"
    r"|para (?:ver|mostrar) (?:este|el) (?:contenido|post|tuit|vídeo|video)"
    r"|чтобы (?:увидеть|посмотреть) (?:этот|данный) (?:контент|пост|материал))",
    _I,
)
_PLACEHOLDER_MAX_WORDS = 25
# The signature of an embedded social post: "— Jane Doe (@jdoe) December 19, 2023"
_POST_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{0,80}\(@\w{1,30}\)\s*\w{3,9}\.? \d{1,2}, \d{4}$")
# Copyright and rights lines ("© 2023 Example Ltd. All rights reserved.")
_RIGHTS = re.compile(
    r"^(?:©|ⓒ|\(c\)\s|copyright\b)|\ball rights reserved\b|\btous droits réservés\b"
    r"|\balle rechte vorbehalten\b|\btodos los derechos reservados\b|\bvietata la riproduzione\b"
    r"|\btodos os direitos reservados\b|\bwszelkie prawa zastrzeżone\b|\btüm hakları saklıdır\b"
    r"|\bвсе права защищены\b|\bссылка на [^.]{1,40} обязательна|저작권자|무단\s?전재"
    r"|\balle rechten voorbehouden\b|\balla rättigheter förbehållna\b|\balle rettigheder"
    r" forbeholdes\b|\balle rettigheter reservert\b|\bkaikki oikeudet pidätetään\b"
    r"|\bvšechna práva vyhrazena\b|\bvšetky práva vyhradené\b|\b(?:усі|всі) права захищені\b"
    r"|\btoate drepturile rezervate\b|\bminden jog fenntartva\b|με επιφύλαξη παντός δικαιώματος"
    r"|\bhak cipta dilindungi\b|\btots els drets reservats\b|版权所有|版權所有|未经授权[^。]{0,10}"
    r"(?:转载|使用)|未經授權[^。]{0,10}(?:轉載|使用)",
    _I,
)
_RIGHTS_MAX_WORDS = 40
# App prompts ("Install the Example News app for free")
_APP = re.compile(r"^(?:install|download|get) (?:the|our) [\w .’'&-]{0,40}\bapps?\b", _I)
_APP_MAX_WORDS = 15
# Inline teasers: "Read more: Another headline", "RELATED: ...", "SEE ALSO - ..."
_TEASER = re.compile(
    rf"^[▶►▷■□●◆\s]*[(\[【]?[\s\u200b]*(?:{_READ_ALSO}"
    r"|related(?: article| story| content)?|more|watch|listen|recommended|click here|leer más"
    r"|(?:required|recommended|suggested|further|essential|must) reading"
    r"|(?:don'?t|do not) miss|читайте ещё|あわせて読みたい|関連記事|관련 ?기사|leia mais"
    r"|czytaj więcej)"
    r"\s*(?:[:：|»>–—-]|[\])】])\s*\S",
    _I,
)
_TEASER_MAX_WORDS = 30
# Captions and credits: "Photo: ...", "Image credit: ...", "(Getty Images)", "AP Photo/..."
_CREDIT = re.compile(
    r"^(?:(?:photo|image|picture|foto|bild|video|credit|source|illustration|graphic|file photo)s?"
    r"(?: credit| courtesy| by)?\s*[:/|]|\(?(?:getty images|shutterstock|istock|ap photo|reuters"
    r"|afp)\b)|\((?:[^()]*\b(?:getty|images?|photo|foto|ap|reuters|afp|shutterstock|file|courtesy)"
    r"\b[^()]*)\)$|\b(?:getty images|shutterstock|ap photo|via reuters|via getty)\b[^.]*$"
    r"|^\[?(?:source )?(?:images?|photos?|photographs?|video) (?:via|by|courtesy of)\s"
    r"|^(?:fot\.|fot:|фото\s*:|fotoğraf\s*:|zdjęcie\s*:|사진\s*[=:]|\(사진\s*=)"
    # Finnish, Hungarian, Slovak, Vietnamese, Greek, Indonesian photo credits; Chinese
    # "图/新华社", "（图片来源：...）", "攝影／X"
    r"|^(?:kuva|fotó|snímka|ảnh|φωτ\.?|φωτογραφ[ίι]α|ilustrasi)\s*:"
    # "Source:" in those languages ("Bron: ANP", "Zdroj: ČTK", "Sumber: Antara")
    r"|^(?:bron|källa|kilde|lähde|zdroj|джерело|sursa|sursă|forrás|πηγ[ήη]|sumber|nguồn)\s*:"
    r"|^[（(]?(?:图|圖|图片|圖片|图片来源|圖片來源|摄|攝|摄影|攝影|来源|來源|稿源)\s*[/／:：]",
    _I,
)
_CREDIT_MAX_WORDS = 25
_COUNTER_MAX_CHARS = 5
# A byline printed as its own line: a lead-in word, then names only.
_BYLINE_LINE = re.compile(
    r"^(?:(?:written|reported|reporting|words|story|text|photos?)\s+"
    r"|(?:posted|published)(?:\s+on)?\s+)?(?:by|von|par|por|di|door|"
    r"av|af|przez|от|автор|текст|texto|text|testo|tekst|textes?|fotos?|photos?|autor|autora"
    r"|yazan|yazar|muhabir|teksti|tekijä|szerző|oleh|penulis|tác giả|bởi|του|της|των"
    r"|γράφει (?:ο|η|οι)"
    # Indonesian credit lines: "Reporter: X", "Pewarta: X", "Editor: Y"
    r"|reporter|pewarta|wartawan|editor|redaktur)\b\s*:?\s*(?=\S)"
    # Chinese: "记者 王小明", "撰文：X" (no word boundary between Han characters)
    rf"|^(?:{CHINESE_BYLINE_LABELS}|作者)\s*[：:/／]?\s*(?=\S)",
    _I,
)
_BYLINE_MAX_WORDS = 15
# Syndication and production notes: not story text, and always at the end.
_SYNDICATION = re.compile(
    r"\b(?:(?:originally|first) (?:published|appeared|ran|posted) (?:by|on|in|at|with)\b"
    r"|republished (?:here )?(?:with|under) (?:permission|a creative commons)"
    r"|reprinted (?:here )?with permission|is republished from|was republished from"
    r"|(?:this|the) (?:story|article|piece|report) (?:was|is) (?:produced|published|written|reported"
    r"|co-published|made possible) (?:by|in partnership with|in collaboration with|with support"
    r" from|as part of|through)"
    r"|erschien (?:zuerst|ursprünglich|erstmals)|zuerst erschienen (?:bei|auf|in)"
    r"|(?:initialement|originellement) publié|publié (?:initialement|à l'origine|d'abord)"
    r"|publicad[oa] originalmente|originalmente publicad[oa]|pubblicato originariamente"
    r"|впервые опубликова"
    r"|read the original (?:article|story|post) (?:on|at)|cross-?posted (?:from|with)"
    r"|\bcontributed (?:reporting |to )?(?:to )?(?:this|the) (?:report|story|article)"
    r"|^[\w .’'-]{2,40} reported from [\w .,’'-]{2,40}\.?$"
    r"|(?:has|have) been (?:lightly )?(?:edited|condensed)(?: and (?:condensed|edited))? for"
    r" (?:length|clarity|brevity)"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b|\b(?:can|may) be reached at\b"
    r"|^(?:this (?:article|story) )?appeared in the .{1,60} (?:print )?(?:edition|issue)"
    r"|^(?:contributing|additional reporting(?: by)?|with reporting by)\s*[:-]?\s+\S"
    r"|^includes (?:information|reporting|material) from\b"
    r"|^corrections?\s*[:.]?(?:\s+\w+ \d{1,2}, \d{4}:?)?$|^a previous version of this (?:article|story)"
    r"|^more information\s*:|\bdoi:\s*10\.\d)",
    _I,
)
_SYNDICATION_MAX_WORDS = 60
# The editors' credit Chinese and Japanese stories end with: "（编辑：严玉洁 王辉）",
# "【责任编辑：X】", "（記者：X）", "(文/X)"; a label and names in brackets, not story.
_EDITOR_CREDIT = re.compile(
    r"^[（(【\[]?\s*(?:责任编辑|責任編輯|编辑|編輯|編集|责编|校对|审核|审校|监制|记者|記者|"
    r"文|撰文|翻译|翻訳|출처|편집|취재)\s*[：:/／]\s*[^()（）【】\[\]]{1,40}[）)】\]]?$"
)
_TAIL_BLOCKS = 3
# A comment section starts: nothing after it is story text.
_COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:comments?|reader comments|discussion|join the (?:conversation|discussion)"
    r"|leave a (?:comment|reply)|kommentare?|commentaires?|comentarios?|commenti|комментари[иейя]"
    r"|コメント|댓글|reacties?|kommentarer|kommentit|komentáře|komentáre|коментарі|comentarii"
    r"|hozzászólások|kommentek|σχ[όο]λια|bình luận|comentaris|评论|評論|网友评论|網友評論"
    r"|diskuse|diskusia|keskustelu|обговорення|discuții)"
    r"(?:\s*\(\d+\))?\s*[:：]?$",
    _I,
)
# A reader comment as a forum prints it: "... Reply" at the end, or a list entry
# quoting another reader ("username said: ..."; a story's quotes are paragraphs).
_COMMENT_REPLY = re.compile(r"\S\s*\bReply$")
_COMMENT_QUOTE = re.compile(r"^[\w.-]{2,30} (?:said|wrote):\s*\S")
_COMMENT_MIN_MARKS = 2
# "Jane Doe is a senior editor at ...": an author bio (checked on the last paragraph only).
_BIO_VERB = re.compile(
    r"^\s*(?:\((?:she|he|they)/\w+\)\s*)?(?:is|was|has|covers|writes|reports|joined|serves"
    r"|currently|previously|also|lives|loves|holds|studied|graduated|began|started|spent)\b"
)
_BIO_MAX_WORDS = 80
# A bio printed as a bulleted note ("• Jane Doe, a former ..., is president of ...").
_BIO_BULLET = re.compile(r"^\s*[•·▪■*—–-]\s*")
_BIO_APPOSITIVE = re.compile(r"^[^,]{1,120},\s*")
_BIO_NAMED_MAX_WORDS = 200  # a bio that opens with the author's full name may run longer
# Code that leaked into text nodes (an unclosed <noscript>, inline JSON state).
_CODE = re.compile(
    r"</?script\b|</?noscript\b|\bwindow\.\w+\s*(?:=|\()|\bdocument\.\w+\(|\bfunction\s*\("
    r"|\bvar\s+\w+\s*=|\bconsole\.log\(|=>\s*\{|^\s*[{\[]\s*\"\w+\"\s*:"
)
_CODE_CHARS = re.compile(r"[{}\[\]();=<>]")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]»…。！？」』）]$")
_FURNITURE_MAX_WORDS = 80
# A table row this short is data (specs, scores, schedules), not running text; layout
# tables of old sites hold whole paragraphs per cell and stay.
_DATA_ROW_MAX_WORDS = 40
_FURNITURE_LINE_WORDS = 20
# A line that is only a date among the first lines is the article's dateline, not story.
_TOP_DATE_BLOCKS = 3
# The dek is looked for among the first lines: after the headline, a kicker, a byline and
# two date lines ("Publikováno: ...", "Aktualizováno: ...") may come before it.
STANDFIRST_LINES = 6


@dataclass(frozen=True, slots=True)
class CleanContext:
    """What the cleaner knows about the page besides the body lines."""

    title: str = ""
    image_texts: Iterable[str] = field(default_factory=tuple)
    all_image_texts: Iterable[str] = field(default_factory=tuple)  # incl. those also in the story
    standfirst: str = ""  # the dek printed between the headline and the story
    authors: Iterable[str] = field(default_factory=tuple)
    # texts of promo cards and modal boxes in the page (:mod:`.furniture`), normalised
    furniture_texts: frozenset[str] = frozenset()


def _words(text: str) -> int:
    return word_count(text)


def _is_link_line(block: Block) -> bool:
    """A line that looks like an entry of a link list (a headline, not a sentence)."""
    if block.kind in ("item", "head"):
        return _words(block.text) <= 40
    return _words(block.text) <= 20 and not _SENTENCE_END.search(block.text)


def _is_code(text: str) -> bool:
    # Every pattern of _CODE and the ratio test need one of _CODE_CHARS; most prose
    # paragraphs have none, and one scan for a character class is far cheaper than
    # _CODE's word-boundary alternatives (bench: 12,813 corpus paragraphs).
    if not _CODE_CHARS.search(text):
        return False
    if _CODE.search(text):
        return True
    return len(text) >= 40 and len(_CODE_CHARS.findall(text)) > 0.08 * len(text)


def _is_junk(block: Block) -> bool:
    text = block.text.strip()
    words = _words(text)
    if _JUNK_LINE.match(text) or _is_code(text) or _POST_SIGNATURE.match(text):
        return True
    if is_platform_furniture(text):
        return True
    if is_boilerplate(text):
        return True
    if words <= _RIGHTS_MAX_WORDS and _RIGHTS.search(text):
        return True
    if words <= _APP_MAX_WORDS and _APP.match(text):
        return True
    if words <= _TEASER_MAX_WORDS and _TEASER.match(text):
        return True
    if words <= _PROMPT_MAX_WORDS and _PROMPT.search(text):
        return True
    if words <= _PITCH_MAX_WORDS and _PITCH.search(text):
        return True
    if words <= _PLACEHOLDER_MAX_WORDS and _PLACEHOLDER.match(text):
        return True
    if len(text) <= _COUNTER_MAX_CHARS and not any(c.isalpha() for c in text):
        return True  # a bare number or mark: a list counter, a slide number, a rating
    return words <= _CREDIT_MAX_WORDS and bool(_CREDIT.search(text))


def _caption_keys(texts: Iterable[str]) -> tuple[set[str], list[str]]:
    keys = {norm(t) for t in texts}
    keys.discard("")
    return keys, sorted(keys, key=len)


def _is_caption(block: Block, keys: set[str], ordered: list[str]) -> bool:
    key = norm(block.text)
    if not key:
        return False
    if key in keys:
        return True
    if _ELLIPSIS.search(block.text):
        stem = norm(_ELLIPSIS.sub("", block.text))
        return len(stem) >= 12 and any(k.startswith(stem) for k in ordered)
    return False


_LABEL_MAX_WORDS = 4


def _is_headline(key: str, title_key: str) -> bool:
    """The line is the headline, or the headline after a short label ("Opinion", "News")."""
    if key == title_key:
        return True
    label = key.removesuffix(" " + title_key)
    return label != key and len(label.split()) <= _LABEL_MAX_WORDS


def _drop_top_repeats(
    blocks: list[Block], context: CleanContext, keys: set[str], ordered: list[str]
) -> list[Block]:
    """Remove the headline repeated near the top, with the furniture before it.

    The printed dek (``context.standfirst``) goes too when trafilatura kept it
    among the first lines: it is the record's ``description`` (issue 3 lists the
    standfirst at the top with the repeated headline); a line equal to it further
    down is the story's own.
    """
    title_key = norm(context.title)
    image_keys = {norm(t) for t in context.all_image_texts}
    if title_key:
        seen_words = 0
        for i, block in enumerate(blocks[:12]):
            if _is_headline(norm(block.text), title_key):
                if seen_words <= _FURNITURE_MAX_WORDS:
                    blocks = blocks[i + 1 :]
                break
            if (
                _words(block.text) > _FURNITURE_LINE_WORDS
                and not _is_caption(block, keys, ordered)
                and norm(block.text) not in image_keys
            ):
                break  # a paragraph of text before the headline is not furniture
            seen_words += _words(block.text)
    standfirst = norm(context.standfirst)
    if standfirst:
        blocks = [
            b for i, b in enumerate(blocks) if i >= STANDFIRST_LINES or norm(b.text) != standfirst
        ]
    return blocks


def clean_blocks(blocks: list[Block], context: CleanContext) -> list[Block]:
    """The story lines of ``blocks`` (see the module docstring for the rules)."""
    keys, ordered = _caption_keys(context.image_texts)
    blocks = _cut_comments(_drop_top_repeats(blocks, context, keys, ordered))
    blocks = cut_author_card(blocks, context.authors)
    title_key = norm(context.title)
    out: list[Block] = []
    in_links = False
    for block in blocks:
        if block.kind == "row" and _words(block.text) <= _DATA_ROW_MAX_WORDS:
            continue
        if _SECTION_MARKER.match(block.text):
            in_links = True
            continue
        if in_links:
            if _is_link_line(block):
                continue
            in_links = False
        key = norm(block.text)
        if not key or key == title_key or key in context.furniture_texts:
            continue
        if _is_junk(block) or _is_caption(block, keys, ordered):
            continue
        if out and out[-1].text == block.text:
            continue
        out.append(block)
    out = [b for i, b in enumerate(out) if i >= _TOP_DATE_BLOCKS or not only_a_date(b.text)]
    out = drop_donation_appeals(_drop_bylines(out, context))
    out = _drop_pull_quotes(_drop_tail_notes(out, context))
    while (
        out
        and out[-1].kind in ("head", "p")
        and _words(out[-1].text) <= 4
        and not (_SENTENCE_END.search(out[-1].text))
    ):
        out.pop()
    return out


_PULL_QUOTE_MIN_WORDS = 8
_PULL_QUOTE_MAX_WORDS = 60


def _drop_pull_quotes(blocks: list[Block]) -> list[Block]:
    """Drop a pull quote: a short paragraph or quote repeated from a longer paragraph.

    Magazines print a sentence of the story a second time, large, between the
    paragraphs; the story keeps it in its own paragraph, so the copy is the extra
    one. A line equal to another (a heading in a contents list) is not a pull quote,
    nor is the first line.
    """
    keys = [norm(b.text) for b in blocks]
    joined = "\n".join(keys)
    exact = Counter(keys)
    out = []
    for index, (block, key) in enumerate(zip(blocks, keys, strict=True)):
        if (
            index > 0  # a pull quote sits between paragraphs, never first
            and block.kind in ("p", "quote")
            and _PULL_QUOTE_MIN_WORDS <= len(key.split()) <= _PULL_QUOTE_MAX_WORDS
            and joined.count(key) > exact[key]  # also inside a longer paragraph
        ):
            continue
        out.append(block)
    return out


def _is_byline(block: Block, author_keys: set[str]) -> bool:
    text = block.text
    if _words(text) > _BYLINE_MAX_WORDS:
        return False
    if author_keys and norm(text) in author_keys:
        return True
    lead_in = _BYLINE_LINE.match(text)
    if not lead_in:
        return False
    text = text[lead_in.end() :]
    names, orgs = split_byline(text)
    if not names and not orgs:
        return False
    found = " ".join(names + orgs)
    # every word of the line after the lead-in belongs to a name (no sentence around it)
    return len(norm(found).split()) >= len(norm(text).split()) - 3


def _drop_bylines(blocks: list[Block], context: CleanContext) -> list[Block]:
    """Byline lines among the first two and the last two blocks."""
    if not blocks:
        return blocks
    names = [norm(a) for a in context.authors if a]
    author_keys = {" ".join(names)} | {" and ".join(names)} | set(names) if names else set()
    author_keys.discard("")
    n = len(blocks)
    return [
        b
        for i, b in enumerate(blocks)
        if not ((i < 2 or i >= n - 2) and b.kind != "item" and _is_byline(b, author_keys))
    ]


def _is_bio(block: Block, names: _AuthorNames) -> bool:
    """An author bio: opens with the author's name (full, first or last), then a bio verb.

    "Jane Doe is a senior editor ...", "Brett is curious about ...",
    "Gemma currently works for ...", "Alyse Whitney (she/her) is ...". A long
    paragraph counts only when it opens with the full or the first name: one
    that opens with a surname may be about someone else of that name.
    """
    words = _BIO_BULLET.sub("", block.text).split()
    if block.kind != "p" or len(words) > _BIO_NAMED_MAX_WORDS:
        return False
    for size in (3, 2, 1):
        lead = norm(" ".join(words[:size]))
        if not lead:
            continue
        named = lead in names.full or lead in names.first
        if named or lead.split()[-1] in names.last:
            if len(words) > _BIO_MAX_WORDS and not named:
                return False
            rest = " ".join(words[size:])
            if named and words[size - 1].endswith(","):  # "Jane Doe, a former official, is"
                rest = _BIO_APPOSITIVE.sub("", rest, count=1)
            return bool(_BIO_VERB.match(rest))
    return False


def _cut_comments(blocks: list[Block]) -> list[Block]:
    """Everything from a comment section on (never in the first three lines).

    A section starts at a comment heading ("Comments", "12 Comments") or, without
    one, at the list that holds two or more forum-style comments ("user said: ...",
    "... Reply").
    """
    for i, block in enumerate(blocks):
        if i >= 3 and block.kind != "item" and _COMMENTS_HEADING.match(block.text):
            return blocks[:i]
    marked = [
        i
        for i, b in enumerate(blocks)
        if i >= 3
        and (_COMMENT_REPLY.search(b.text) or (b.kind == "item" and _COMMENT_QUOTE.match(b.text)))
    ]
    if len(marked) >= _COMMENT_MIN_MARKS:
        start = marked[0]
        kind = blocks[start].kind
        while start > 3 and blocks[start - 1].kind == kind and kind == "item":
            start -= 1
        return blocks[:start]
    return blocks


@dataclass(frozen=True, slots=True)
class _AuthorNames:
    full: frozenset[str]
    first: frozenset[str]
    last: frozenset[str]


def _author_names(authors: Iterable[str]) -> _AuthorNames:
    """The authors' full names, first names and surnames (a bio may open with any of them)."""
    parts = [norm(a).split() for a in authors]
    parts = [p for p in parts if p]
    return _AuthorNames(
        full=frozenset(" ".join(p) for p in parts if len(p) > 1),
        first=frozenset(p[0] for p in parts if len(p) > 1 and len(p[0]) > 2),
        last=frozenset(p[-1] for p in parts),
    )


# "Creative Director: Ade Samuel", "Hair: Danielle Bradley with Glamsquad": the
# production credits of a shoot or a video, listed at the end.
_ROLE_LINE = re.compile(r"^(?P<role>[^\W\d_][^:]{0,50}?)\s*:\s*(?P<who>\S.*)$")
_NAME_JOINERS = frozenset(
    {"and", "with", "at", "&", "of", "for", "de", "da", "von", "van", "y", "et", "und", "и"}
)
_CREDIT_RUN_MIN = 3
_CREDITS_HEADING = re.compile(r"^(?:\w+ )?credits?\s*:?$", _I)


def _is_role_line(block: Block) -> bool:
    match = _ROLE_LINE.match(block.text)
    if not match or _words(block.text) > 16 or _words(match["role"]) > 6:
        return False
    who = match["who"].replace(",", " ").split()
    return (
        0 < len(who) <= 12
        and all(
            w[0].isupper() or w[0] == "@" or w.lower() in _NAME_JOINERS
            for w in who
            if not any(c.isdigit() for c in w)
        )
        and not any(c.isdigit() for c in match["who"])
    )


def _drop_credit_run(blocks: list[Block]) -> list[Block]:
    """A run of three or more role-and-name lines (with their headings) at the very end."""
    start, roles = len(blocks), 0
    while start > 0:
        block = blocks[start - 1]
        if _is_role_line(block):
            roles += 1
        elif not (_CREDITS_HEADING.match(block.text) and roles):
            break
        start -= 1
    return blocks[:start] if roles >= _CREDIT_RUN_MIN and start >= 3 else blocks


# Footnotes ("[1] Apollo 8 Mission Commentary, ...") and source lists whose lines end in
# a date ("RTVE, Este vídeo viral ... es falso, 13 de diciembre de 2023"), at the end.
_FOOTNOTE = re.compile(r"^\[\d{1,3}\]\s*\S")
_SOURCES_HEADING = re.compile(
    r"^(?:our |nuestras |sources? and )?(?:sources?|footnotes?|notes|endnotes|references|"
    r"bibliography|fuentes|quellen|einzelnachweise|références|источники|参考文献|출처)\s*:?$",
    _I,
)
_CITATION_MAX_WORDS = 50
_CITATION_RUN_MIN = 3
_CITATION_MIN_SHARE = 0.8
# A source line names its date loosely ("..., July 2010", "(2004)") or says when it was read.
_YEAR_END = re.compile(
    r",\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zé]*\.?\s+)?(?:1[89]|20)\d{2}"
    r"\)?[.;]?$",
    _I,
)
_ACCESSED = re.compile(
    r"\b(?:accessed|archived|retrieved|abgerufen(?: am)?|consulté le|consultado el|consultato il)"
    r"\s+(?:on\s+)?\S",
    _I,
)


def _drop_citations(blocks: list[Block]) -> list[Block]:
    """A trailing run of footnotes or dated source lines, and the heading above it.

    The run may hold a few lines without a date (an account, "various years"); two
    such lines in a row end it. Under a "Sources"/"Footnotes" heading one line is a
    list; without one it takes three, mostly dated.
    """

    def cited(index: int) -> bool:
        text = blocks[index].text
        return _words(text) <= _CITATION_MAX_WORDS and bool(
            _FOOTNOTE.match(text)
            or ends_with_date(text)
            or _YEAR_END.search(text)
            or _ACCESSED.search(text)
        )

    start, hits, misses = len(blocks), 0, 0
    index = len(blocks) - 1
    while index >= 0:
        if cited(index):
            hits += 1
            misses = 0
            start = index
        else:
            misses += 1
            if misses > 1 or _words(blocks[index].text) > _CITATION_MAX_WORDS:
                break
        index -= 1
    if hits == 0 or start < 3:
        return blocks
    run = len(blocks) - start
    headed = _SOURCES_HEADING.match(blocks[start - 1].text) is not None
    if not headed and start >= 2 and _SOURCES_HEADING.match(blocks[start - 2].text):
        start, headed = start - 1, True  # one undated line under the heading opens the list
    if headed:
        return blocks[: start - 1]
    if hits < _CITATION_RUN_MIN or hits < _CITATION_MIN_SHARE * run:
        return blocks
    return blocks[:start]


def _drop_tail_notes(blocks: list[Block], context: CleanContext) -> list[Block]:
    """Cut syndication notes, an author bio, credits and source lists off the end."""
    names = _author_names(context.authors)
    while blocks:
        tail = blocks[-_TAIL_BLOCKS:]
        index = next(
            (
                len(blocks) - len(tail) + j
                for j, b in enumerate(tail)
                if _words(b.text) <= _SYNDICATION_MAX_WORDS and _SYNDICATION.search(b.text)
            ),
            None,
        )
        if index is not None:
            blocks = blocks[:index] + blocks[index + 1 :]
            continue
        if len(blocks) > 1 and _EDITOR_CREDIT.match(blocks[-1].text):
            blocks = blocks[:-1]
            continue
        if names.last and len(blocks) > 3 and _is_bio(blocks[-1], names):
            blocks = blocks[:-1]
            continue
        shorter = _drop_citations(_drop_credit_run(blocks))
        if len(shorter) < len(blocks):
            blocks = shorter
            continue
        break
    return blocks


def join_blocks(blocks: Iterable[Block]) -> str:
    """Paragraphs separated by exactly one blank line."""
    return "\n\n".join(block.text for block in blocks)
