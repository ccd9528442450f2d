"""Publisher boilerplate paragraphs that trafilatura keeps inside the story.

Each rule names a kind of text a newsroom prints with every story, never story
text itself: why the reader can trust the newsroom (editorial standards, trust
principles, "how we test"), affiliate/commerce disclosures, HTML markup printed
as text (a raw embed), a line that is only a URL, the "Name @handle" head of an
embedded social post. The phrasing rules are multilingual and every one is bound
by a word limit, so a story that quotes a newsroom's policy keeps its paragraphs.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Why the reader can trust the newsroom: editorial standards and policies.
_EDITORIAL = re.compile(
    r"\b(?:our|its|the|[\w.&-]+['’]s?) editorial (?:team|staff) (?:writes|works|is|are|operates"
    r"|independently)"
    r"|\b(?:our|its|[\w.&-]+['’]s) (?:primary )?(?:journalistic|editorial) mission\b"
    r"|\bto (?:give|bring|provide) you the most (?:up-to-date|accurate|reliable) (?:and \w+ )?"
    r"information possible\b"
    r"|\b(?:our|read our|find out about|learn (?:more )?about|see our) [\w’'.]{0,20}\s?editorial"
    r" (?:standards|policies|policy|guidelines|principles|ethics|process)\b"
    r"|\b(?:our|these|the) (?:standards|principles)\s*:\s*the [\w ]{2,40} trust principles"
    r"|\btrust principles\b|\bthe trust project\b|^why (?:you can )?trust (?:us|[\w ]{2,30})\??$"
    r"|\brecommendations are based on (?:many )?hours of (?:testing|research)"
    r"|^['‘\"“]?[\w .&-]{1,30} recommends['’\"”]?\s*:\s*what (?:exactly )?does (?:it|that) mean"
    r"|\bdo(?:es)? not (?:own|hold) (?:shares|positions) in any (?:securities|stocks|companies)"
    r" mentioned\b"
    r"|\bnewsrooms? (?:operate|operates|are|is) independent(?:ly)?\b"
    r"|\bindependent(?:ly)? (?:of|from) (?:our|the) (?:advertising|business|commercial)"
    r"|\bredaktionelle[nr]? (?:standards|richtlinien|grundsätze|unabhängigkeit|leitlinien)\b"
    r"|\b(?:charte|politique|ligne) (?:éditoriale|rédactionnelle)\b"
    r"|\b(?:principes|normes|standards) (?:éditoriaux|journalistiques|déontologiques)\b"
    r"|\b(?:política|normas|estándares|principios|criterios) (?:editorial(?:es)?|periodístic[oa]s)\b"
    r"|\b(?:politica|linee guida|norme|principi) editorial[ie]\b"
    r"|\bредакционн(?:ая|ой|ую) политик|\bредакционные (?:стандарты|принципы)",
    _I,
)
_EDITORIAL_MAX_WORDS = 120

# Disclaimers ("... is for informational purposes only and does not constitute medical
# advice"), a newsletter pitch ("Get The Watchlist delivered every Thursday"), and an
# ad marker ("Article continues below this ad").
_NOTICE = re.compile(
    r"\bfor (?:general )?informational purposes only\b"
    r"|\bdoes not constitute (?:medical|legal|financial|investment|professional) advice\b"
    r"|\bnot (?:intended as )?a substitute for professional (?:medical )?advice\b"
    r"|(?:^|[.!?]\s+)(?:get|have|receive) [\w’'& ]{1,40} delivered (?:to your inbox |free )?"
    r"(?:every|each) (?:day|morning|evening|week|weekday|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)\b"
    r"|^get (?:our|the|your|[\w.&-]+['’]s) free (?:[\w’'& .-]{1,50} )?(?:guide|newsletter|e-?book|report"
    r"|checklist|course)\b"
    r"|^(?:the )?(?:article|story) continues (?:below|after) (?:this|the) (?:ad|advertisement)\.?$"
    r"|^\W*the % daily value \(dv\) tells you\b|\ble % de la valeur quotidienne\b",
    _I,
)
_NOTICE_MAX_WORDS = 80

# "Follow the Example News page on Facebook", "Folgen Sie uns auf Instagram": a prompt to
# follow the newsroom elsewhere; and subscriber pitches ("Not a subscriber to X? ...").
_SOCIAL = (
    r"(?:facebook|instagram|twitter|x|tiktok|threads|snapchat|youtube|linkedin|whatsapp"
    r"|telegram|bluesky|mastodon|google news)"
)
_FOLLOW = re.compile(
    rf"^\W*follow (?:the |our |us |@)?[\w’'&@ .-]{{0,60}}\b(?:on|via) {_SOCIAL}\b"
    rf"|^\W*(?:folgen sie|folge) [\w’'& .-]{{0,60}}\b(?:auf|bei) {_SOCIAL}\b"
    rf"|^\W*(?:suivez|suivez-nous|retrouvez-nous) [\w’'& .-]{{0,60}}\b(?:sur) {_SOCIAL}\b"
    rf"|^\W*(?:síguenos|sigue a|siga a) [\w’'& .-]{{0,60}}\b(?:en) {_SOCIAL}\b"
    rf"|^\W*(?:seguici|segui) [\w’'& .-]{{0,60}}\b(?:su) {_SOCIAL}\b"
    r"|^not (?:yet )?a subscriber\b"
    # "Join our WhatsApp channel", "Únete a nuestro canal de WhatsApp".
    rf"|^\W*(?:join|subscribe to|únete a|suscríbete a|rejoignez|abonnez-vous à|treten sie"
    rf"|iscriviti a)l? (?:our |the |unserem |notre |nuestro |al nostro |il nostro )?"
    rf"[\w’'&. -]{{0,40}}\b(?:channel|group|community|kanal|canal|chaîne|gruppo|grupo)\b"
    rf"[\w’'&. -]{{0,30}}\b(?:{_SOCIAL})\b"
    rf"|^\W*(?:join|subscribe to) (?:our |the )?(?:{_SOCIAL}) (?:channel|group|community)\b"
    rf"|^\W*(?:únete|suscríbete) (?:a|al) (?:nuestro )?canal de (?:{_SOCIAL})\b"
    # A call for readers' pictures: "Do you want to submit a photo for the Daily X?"
    r"|^\W*(?:do you |would you )?(?:want|like|wish) to (?:submit|send(?: us| in)?|share)"
    r" (?:a |an |your )?(?:photos?|pictures?|images?|news tips?)\b"
    r"|^\W*¿?(?:quieres|quiere|desea) (?:enviar|compartir)(?:nos)? (?:una |tus |sus )?fotos?\b"
    r"|^\W*(?:vous (?:souhaitez|voulez)) (?:nous )?(?:envoyer|partager) (?:une |vos )?photos?\b",
    _I,
)
_FOLLOW_MAX_WORDS = 30

# Where else to hear a podcast: "Listen to Short Wave on Spotify, Apple Podcasts ...".
_PODCAST_APPS = r"(?:spotify|apple podcasts|google podcasts|pocket casts|deezer|amazon music)"
_LISTEN = re.compile(
    rf"^\W*(?:listen to|hören sie|écoutez|escucha|ascolta) [\w’'&. -]{{1,60}}\b(?:on|auf|sur|en|su)"
    rf" {_PODCAST_APPS}\b"
    rf"|^\W*(?:also )?available on {_PODCAST_APPS}\W*$",
    _I,
)

# A pointer into the page's photo gallery: "Scroll through the gallery below to see ...".
_GALLERY = re.compile(
    r"^\W*(?:scroll|click|swipe|flip|browse) (?:through|down to|below to see)\b[\w’'&. -]{0,30}"
    r"\b(?:gallery|slideshow|photo galleries)\b"
    r"|^\W*(?:klicken|scrollen|blättern) sie sich durch (?:die|unsere) (?:bilder)?galerie\b"
    r"|^\W*(?:desliza|haz clic|pincha) (?:en|por) (?:la|nuestra) galería\b"
    r"|^\W*(?:faites défiler|cliquez sur) (?:la|notre) galerie\b",
    _I,
)

# A reporting credit at the story's foot: "Associated Press writer Jane Doe in Rome
# contributed.", "Jane Doe contributed to this report." A bare "contributed." counts
# only after a newsroom role or a place, so "Every player contributed." stays.
_CONTRIBUTED = re.compile(
    r"\bcontributed (?:reporting|to (?:this|the) (?:report|story|article|reporting))"
    r"(?: from [\w’'&., -]{1,40})?\W*$"
    r"|\b(?:writers?|reporters?|researchers?|correspondents?|journalists?)\b[\w’'&., -]{1,80}"
    r"\bcontributed\W*$"
    r"|\bin [A-Z][\w’'., -]{1,40} contributed\W*$"
    r"|\b(?:ont|a) contribué à cet article\W*$|\b(?:contribuyó|contribuyeron|colaboró|colaboraron)"
    r" (?:a|en) (?:este|esta) (?:informe|reportaje|nota|información)\W*$",
)
_CONTRIBUTED_MAX_WORDS = 30

# A subscription offer to the publication's own readers, which can run longer
# than a follow prompt ("Special offer for Gear readers: Get a 1-year subscription ...").
_OFFER = re.compile(r"\bspecial offer for [\w’' ]{1,30} readers\b|^special offer\s*:", _I)
_OFFER_MAX_WORDS = 60

# An editor's note about the piece (where it first ran, what a series is, why it
# was updated): a note on the story, never the story, in whatever language.
_EDITOR_NOTE = re.compile(
    r"^\W*(?:editor['’]?s['’]? note|note from the editors?|nota del (?:editor|redactor)"
    r"|nota de (?:la )?redacción|anmerkung der redaktion|hinweis der redaktion"
    r"|note de la rédaction|nota della redazione|n\.\s?d\.\s?r\.|примечание редакции)(?!\w)"
    r"\s*(?:\([^()]{1,40}\)\s*)?[:.–—-]",
    _I,
)
_EDITOR_NOTE_MAX_WORDS = 80

# Affiliate and commerce disclosures ("We may earn a commission when you buy
# through links on our site", "Wir erhalten eine Provision", "liens d'affiliation").
_AFFILIATE = re.compile(
    r"\bwhen you (?:buy|shop|purchase|click|sign up)(?: something| products?)? "
    r"(?:through|via|using|from|on) (?:our |the |these |retail |affiliate |some of the )*links?\b"
    r"|\bwhen you purchase through links\b"
    r"|\baffiliate (?:fees?|revenue|marketing|commissions?|links?|partnerships?|programs?)\b"
    r"|\bwe may (?:earn|receive|get) (?:an? )?(?:small )?(?:share of (?:the )?(?:sales|revenue)"
    r"|commissions?|compensation)|\bearns? (?:an? )?(?:affiliate )?commissions? (?:from|on|when|if)\b"
    r"|\b(?:may|might|could) (?:earn|receive|get|collect) (?:payments?|revenue|a fee|fees)"
    r" (?:from|when|if|for)\b"
    r"|\b(?:may|might|could) (?:earn|receive|get) (?:a |an )?(?:small )?(?:share|portion|cut)"
    r" (?:of|from) (?:the )?(?:sales?|revenue|proceeds)\b"
    r"|\b(?:erhalten|bekommen|verdienen) wir (?:ggf\. |gegebenenfalls |eventuell |unter umständen )?"
    r"(?:eine )?(?:kleine )?provision\b|\baffiliate-links?\b|\bprovisions-links?\b"
    r"|\bliens? (?:d'affiliation|d’affiliation|affiliés?|commerciaux)\b"
    r"|\b(?:percevoir|touch(?:er|ons)|recevoir|recevons) une (?:petite )?commission\b"
    r"|\benlaces? (?:de )?afiliad[oa]s?\b|\b(?:recibir|recibimos|ganar|ganamos|obtener|obtenemos)"
    r" una (?:pequeña )?comisión\b"
    r"|\blink (?:di )?affiliazione\b|\b(?:riceviamo|percepiamo|ottenere|ricevere) una"
    r" (?:piccola )?commissione\b"
    r"|\bпартн[её]рск(?:ие|их) ссылк",
    _I,
)
_AFFILIATE_MAX_WORDS = 100

# Markup printed as text: the raw HTML of an embed ("<a href=...>#tag</a>").
_MARKUP_TAG = re.compile(r"</?(?:a|p|br|div|span|blockquote|iframe|img|strong|em|b|i)\b[^<>]*>", _I)
_MARKUP_HREF = re.compile(r"<a\s[^<>]*href=", _I)
_MARKUP_MIN_TAGS = 2

# A line that is only an address.
_URL_ONLY = re.compile(r"^[<(\[]?(?:https?://|www\.)\S+?[>)\]]?[.,]?$", _I)

# The head of an embedded social post: "Jane Doe @janedoe", "Jane Doe (@janedoe)".
_SOCIAL_HEAD = re.compile(
    r"^(?:[^\W\d_][\w.'’-]*\s+){0,4}[^\W\d_][\w.'’-]*\s*(?:\(@\w{1,30}\)|@\w{1,30})"
    r"(?:\s*[·•|]\s*\w{1,10})?$"
)


def _words(text: str) -> int:
    return len(text.split())


def is_markup(text: str) -> bool:
    """HTML printed as text: a raw embed, never story prose."""
    return bool(_MARKUP_HREF.search(text)) and len(_MARKUP_TAG.findall(text)) >= _MARKUP_MIN_TAGS


# Words that every alternative of a pattern contains (lower case). Most story
# paragraphs hold none of them, and a substring test is far cheaper than the
# patterns' word-boundary alternatives (bench: 12,584 corpus paragraphs, the
# editorial pattern alone 1.1 s without its keys).
_EDITORIAL_KEYS = (
    "editori", "éditori", "journalis", "information possible", "trust", "recommend", "not own",
    "not hold", "newsroom", "independ", "redaktion", "rédaction", "déontolog", "periodíst",
    "редакционн",
)  # fmt: skip
_NOTICE_KEYS = (
    "informational purposes", "constitute", "substitute for professional", "delivered",
    "free", "continues", "daily value", "valeur quotidienne",
)  # fmt: skip
_AFFILIATE_KEYS = (
    "link", "affiliat", "payment", "revenue", "fee", "sale", "proceeds", "provision", "lien",
    "commission", "compensation", "enlace", "comisión", "партн",
)  # fmt: skip


def _mentions(lowered: str, keys: tuple[str, ...]) -> bool:
    return any(key in lowered for key in keys)


def is_boilerplate(text: str) -> bool:
    """True for a paragraph that is newsroom boilerplate, not story text."""
    text = text.strip()
    words = _words(text)
    if not words:
        return False
    if _URL_ONLY.match(text) or _SOCIAL_HEAD.match(text) or is_markup(text):
        return True
    lowered = text.lower()
    if (
        words <= _EDITORIAL_MAX_WORDS
        and _mentions(lowered, _EDITORIAL_KEYS)
        and _EDITORIAL.search(text)
    ):
        return True
    if words <= _NOTICE_MAX_WORDS and _mentions(lowered, _NOTICE_KEYS) and _NOTICE.search(text):
        return True
    if words <= _FOLLOW_MAX_WORDS and _FOLLOW.search(text):
        return True
    if words <= _FOLLOW_MAX_WORDS and _GALLERY.search(text):
        return True
    if words <= _FOLLOW_MAX_WORDS and _LISTEN.search(text):
        return True
    if words <= _CONTRIBUTED_MAX_WORDS and "contribu" in lowered and _CONTRIBUTED.search(text):
        return True
    if words <= _OFFER_MAX_WORDS and "offer" in lowered and _OFFER.search(text):
        return True
    if words <= _EDITOR_NOTE_MAX_WORDS and _EDITOR_NOTE.match(text):
        return True
    return (
        words <= _AFFILIATE_MAX_WORDS
        and _mentions(lowered, _AFFILIATE_KEYS)
        and bool(_AFFILIATE.search(text))
    )
