"""Hostile pages, one per case of issue 6: what a site may answer instead of a story.

Each :class:`Case` is a path, the HTTP response a server gives for it (status
200 unless said otherwise: bot walls often answer 200), and what newscrawl must
make of it: a rejection reason, or an article with some property. Unit tests feed
the bodies to ``extract_article``; crawl tests serve them from
:mod:`tests.crawl.hostile_site` next to good articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Check = Callable[[dict[str, Any]], None]

TITLE = "Harbour council approves plan for cycle path and park"
STORY = [
    (
        "The harbour council voted on Tuesday evening to approve a plan that adds a cycle path, "
        "two bus stops and a small park next to the old warehouses on the eastern quay."
    ),
    (
        "Work is due to start in the spring and should take eighteen months, the council said, "
        "with the warehouses themselves kept and turned into workshops and a covered market."
    ),
    (
        "Residents had asked for the path for more than a decade, after two cyclists were hurt "
        "on the quay road, which lorries use to reach the container terminal at night."
    ),
    (
        "The plan costs 14 million euros, of which the regional government pays half; the rest "
        "comes from the port authority and from a loan the council will repay over twenty years."
    ),
    (
        "Opposition members voted against, saying the money should go to the flood wall first, "
        "which engineers last year described as in urgent need of repair along its whole length."
    ),
]


def page(
    title: str = TITLE,
    paragraphs: list[str] | None = None,
    *,
    head: str = "",
    before: str = "",
    after: str = "",
    lang: str = "en",
    charset: str | None = "utf-8",
) -> str:
    """An ordinary article page around ``paragraphs`` (default: the harbour story)."""
    body = "".join(f"<p>{p}</p>" for p in (STORY if paragraphs is None else paragraphs))
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title} | The Quay Post</title>'
        f'<meta property="og:type" content="article">{head}</head><body>'
        '<header><a href="/">The Quay Post</a><nav><a href="/news/">News</a> '
        '<a href="/sport/">Sport</a></nav></header>'
        f"<main><article><h1>{title}</h1>{before}{body}{after}</article></main>"
        "<footer><p>© The Quay Post</p></footer></body></html>"
    )


def _html(
    text: str, status: int = 200, charset: str = "utf-8"
) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": f"text/html; charset={charset}"}, text.encode(charset)


CLOUDFLARE_CHALLENGE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1">
<style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15}</style></head>
<body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">www.quaypost.example</h1>
<h2 id="challenge-running" class="h2">Checking if the site connection is secure</h2>
<div id="challenge-stage"></div>
<div id="challenge-body-text" class="core-msg spacer">www.quaypost.example needs to review the security of your connection before proceeding.</div>
<noscript><div id="challenge-error-title"><div class="h2"><span class="icon-wrapper"></span>
<span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></div></noscript>
</div></div>
<script>(function(){window._cf_chl_opt={cvId: '2',cZone: "www.quaypost.example",cType: 'managed',cNounce: '71824',cRay: '82d3b9f2ab1c0e7a'};var cpo=document.createElement('script');cpo.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=82d3b9f2ab1c0e7a';document.getElementsByTagName('head')[0].appendChild(cpo);}());</script>
<div class="footer" role="contentinfo"><div class="footer-inner"><div class="clearfix diagnostic-wrapper">
<div class="ray-id">Ray ID: <code>82d3b9f2ab1c0e7a</code></div></div>
<div class="text-center" id="footer-text">Performance &amp; security by Cloudflare</div></div></div></body></html>"""

CLOUDFLARE_BLOCKED = """<!DOCTYPE html><html lang="en-US"><head>
<title>Attention Required! | Cloudflare</title><meta charset="UTF-8"></head>
<body><div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper">
<div class="cf-wrapper cf-header cf-error-overview"><h1 data-translate="block_headline">Sorry, you have been blocked</h1>
<h2 class="cf-subheadline"><span data-translate="unable_to_access">You are unable to access</span> quaypost.example</h2></div>
<div class="cf-section cf-wrapper"><div class="cf-columns two"><div class="cf-column">
<h2 data-translate="blocked_why_headline">Why have I been blocked?</h2>
<p data-translate="blocked_why_detail">This website is using a security service to protect itself from online attacks. The action you just performed triggered the security solution. There are several actions that could trigger this block including submitting a certain word or phrase, a SQL command or malformed data.</p>
</div><div class="cf-column"><h2 data-translate="blocked_resolve_headline">What can I do to resolve this?</h2>
<p data-translate="blocked_resolve_detail">You can email the site owner to let them know you were blocked. Please include what you were doing when this page came up and the Cloudflare Ray ID found at the bottom of this page.</p>
</div></div></div>
<div class="cf-error-footer cf-wrapper"><p>Cloudflare Ray ID: <strong>82d3ba2c4f6e0b11</strong> &bull; Your IP: 203.0.113.9 &bull; Performance &amp; security by Cloudflare</p></div>
</div></div></body></html>"""

AKAMAI_DENIED = """<HTML><HEAD>
<TITLE>Access Denied</TITLE>
</HEAD><BODY>
<H1>Access Denied</H1>
You don't have permission to access "http&#58;&#47;&#47;www&#46;quaypost&#46;example&#47;news&#47;" on this server.<P>
Reference&#32;&#35;18&#46;4f3c1302&#46;1700000000&#46;1a2b3c4d
<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;4f3c1302&#46;1700000000&#46;1a2b3c4d</P>
</BODY>
</HTML>"""

PERIMETERX = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Access to this page has been denied</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><section class="page-title"><h1>Access to this page has been denied.</h1></section>
<section class="center-wrapper"><div class="page-description">Please verify you are a human</div>
<div id="px-captcha"></div>
<p>Access to this page has been denied because we believe you are using automation tools to browse the website.</p>
<p>This may happen as a result of the following: Javascript is disabled or blocked by an extension (ad blockers for example). Your browser does not support cookies.</p>
<p>Please make sure that Javascript and cookies are enabled on your browser and that you are not blocking them from loading.</p>
<p>Reference ID: #7a6b5c4d-0000-11ee-9f4e-6f4b7a6b5c4d</p></section>
<script>window._pxAppId = 'PXabc123';window._pxJsClientSrc = '/abc123/init.js';</script>
<script src="https://captcha.px-cdn.net/PXabc123/captcha.js?a=c&amp;m=0"></script></body></html>"""

DATADOME = """<html lang="en"><head><title>quaypost.example</title>
<style>#cmsg{animation: A 1.5s;}@keyframes A{0%{opacity:0;}99%{opacity:0;}100%{opacity:1;}}</style></head>
<body style="margin:0"><p id="cmsg">Please enable JS and disable any ad blocker</p>
<script data-cfasync="false">var dd={'rt':'c','cid':'AHrlqAAAAAMA','hsh':'2211F522B61E269B869FA6EAFFB5E1','t':'bv','s':45301,'e':'8b0c','host':'geo.captcha-delivery.com'}</script>
<script data-cfasync="false" src="https://ct.captcha-delivery.com/c.js"></script></body></html>"""

CAPTCHA = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Security check | The Quay Post</title>
<script src="https://www.google.com/recaptcha/api.js" async defer></script></head>
<body><div class="wrap"><img src="/logo.svg" alt="The Quay Post">
<h1>One more step</h1><p>Please complete the security check to access quaypost.example.</p>
<form action="/verify" method="post"><div class="g-recaptcha" data-sitekey="6LcXXXXAAAAAA"></div>
<button type="submit">Continue</button></form>
<p class="small">Why am I seeing this? Our systems have detected unusual traffic from your computer network.</p>
</div></body></html>"""

CHALLENGE_GERMAN = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Einen Moment bitte…</title></head><body><main>
<h1>www.hafenbote.example</h1><p>Die Sicherheit Ihrer Verbindung wird überprüft, bevor Sie fortfahren können.</p>
<p>Dies kann einige Sekunden dauern.</p></main>
<script src="/static/verify.js"></script></body></html>"""

ENABLE_JS_AND_COOKIES = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>The Quay Post</title></head>
<body><div style="text-align:center;margin-top:20%">
<h2>Please enable JavaScript and cookies to continue</h2>
<p>Your browser must support JavaScript and cookies to read quaypost.example.</p>
</div><script src="/_guard/check.js"></script></body></html>"""

ACCESS_DENIED_PLAIN = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Access denied</title></head>
<body><h1>Access denied</h1><p>Your request has been blocked. If you think this is a mistake,
contact the site administrator and quote the reference below.</p><p>Reference: 0c9f-77ab</p></body></html>"""

CONSENT_DIALOG = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The Quay Post</title></head>
<body><div id="logo"><img src="/logo.svg" alt="The Quay Post"></div>
<div id="consent-banner" class="cmp-consent-wall" role="dialog"><h2>We value your privacy</h2>
<p>We and our 842 partners store and/or access information on a device, such as cookies, and process personal data, such as unique identifiers and standard information sent by a device for personalised advertising and content, advertising and content measurement, audience research and services development.</p>
<p>With your permission we and our partners may use precise geolocation data and identification through device scanning. You may click to consent to our and our partners' processing as described above. Alternatively you may access more detailed information and change your preferences before consenting or to refuse consenting.</p>
<p>Please note that some processing of your personal data may not require your consent, but you have a right to object to such processing. Your preferences will apply to this website only.</p>
<button>Accept all</button> <button>Reject all</button> <button>Manage preferences</button></div>
</body></html>"""

CONSENT_UNMARKED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Before you continue</title></head>
<body><div class="wizard"><div class="wizard-body"><h1>Before you continue to The Quay Post</h1>
<p>We use cookies and data to deliver and maintain our services, track outages and protect against spam, fraud and abuse, and measure audience engagement and site statistics to understand how our services are used.</p>
<p>If you choose to Accept all, we will also use cookies and data to develop and improve new services, deliver and measure the effectiveness of ads, and show personalised content and personalised ads depending on your settings.</p>
<p>If you choose to Reject all, we will not use cookies for these additional purposes. Non-personalised content and ads are influenced by things like the content you are currently viewing and your location. Select More options to see additional information, including details about managing your privacy settings. You can also visit our privacy policy at any time.</p>
<form method="post"><button name="set" value="reject">Reject all</button><button name="set" value="accept">Accept all</button>
<a href="/consent/options">More options</a></form></div></div></body></html>"""

REACT_SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"/>
<link rel="icon" href="/favicon.ico"/><meta name="viewport" content="width=device-width,initial-scale=1"/>
<title>The Quay Post</title><script defer="defer" src="/static/js/main.4c1b2f9e.js"></script>
<link href="/static/css/main.8e1a7b3c.css" rel="stylesheet"></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>"""

NEXT_SHELL = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Loading…</title>
<script src="/_next/static/chunks/webpack-59c5c889f52620d6.js" defer=""></script>
<script src="/_next/static/chunks/framework-2c79e2a64abdb08b.js" defer=""></script>
<script src="/_next/static/chunks/main-0ecb9ccfcb6c9b24.js" defer=""></script></head>
<body><div id="__next"><div class="spinner" aria-label="Loading"></div></div>
<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{}},"page":"/[...slug]","query":{},"buildId":"x1"}</script>
</body></html>"""


def _teaser(path: str, headline: str, dek: str) -> str:
    return (
        f'<article class="card"><h3><a href="{path}">{headline}</a></h3>'
        f'<p class="dek">{dek}</p><span class="date">21 Oct 2025</span></article>'
    )


SECTION_AT_STORY_URL = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    "<title>Energy and climate desk | The Quay Post</title></head><body>"
    '<header><a href="/">The Quay Post</a></header><main><h1>Energy and climate desk</h1>'
    + _teaser(
        "/2025/10/21/wind-farm-off-the-quay-gets-final-approval",
        "Wind farm off the quay gets final approval",
        "The 40-turbine project can go ahead after the planning board rejected the last appeal.",
    )
    + _teaser(
        "/2025/10/20/heat-pumps-for-every-council-flat-by-2030",
        "Heat pumps for every council flat by 2030",
        "The housing department wants to replace the last gas boilers within five years.",
    )
    + _teaser(
        "/2025/10/19/flood-wall-repairs-to-start-before-winter-storms",
        "Flood wall repairs to start before winter storms",
        "Engineers will first fix the stretch by the ferry terminal, where cracks are widest.",
    )
    + _teaser(
        "/2025/10/18/solar-roofs-on-schools-cut-bills-by-a-third",
        "Solar roofs on schools cut bills by a third",
        "Twelve schools fitted panels last year and now sell power back to the grid in summer.",
    )
    + "</main></body></html>"
)

COLLECTION_PAGE = (
    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Lokales</title>'
    '<script type="application/ld+json">{"@context":"https://schema.org","@type":"CollectionPage",'
    '"name":"Lokales"}</script></head><body><main><h1>Lokales</h1><ul>'
    + "".join(
        f'<li><a href="/lokales/2025/10/{i}/meldung-aus-dem-hafen-nummer-{i}">'
        f"Meldung aus dem Hafen Nummer {i} mit Überschrift</a></li>"
        for i in range(1, 25)
    )
    + "</ul></main></body></html>"
)

ABOUT = page(
    "About The Quay Post",
    [
        (
            "The Quay Post is an independent local newspaper founded in 1921 by the dockworkers' "
            "union. It is owned by a trust and has no shareholders, so every euro it earns goes back "
            "into reporting on the harbour, the city council and the neighbourhoods around them."
        ),
        (
            "Our newsroom has twelve reporters and four editors. We publish every weekday morning "
            "and update the website through the day; the printed weekend edition carries longer "
            "features, the letters page and the tide tables that many of our readers still rely on."
        ),
        "You can reach the newsroom at the address below, or send tips through our secure form.",
    ],
).replace('<meta property="og:type" content="article">', "")

PAYWALL_PROMPT = "Subscribe to continue reading"
PAYWALLED = page(
    after=(
        f'<div class="paywall"><h3>{PAYWALL_PROMPT}</h3><p>Get unlimited access to The Quay '
        'Post for €1 a week.</p><p>Already a subscriber? <a href="/login">Log in</a></p></div>'
    ),
).replace("".join(f"<p>{p}</p>" for p in STORY[2:]), "")
PAYWALLED_SHORT = page(
    paragraphs=[STORY[0]],
    head=(
        '<script type="application/ld+json">{"@context":"https://schema.org",'
        '"@type":"NewsArticle","headline":"Harbour council approves plan",'
        '"isAccessibleForFree":false,"hasPart":{"@type":"WebPageElement",'
        '"isAccessibleForFree":false,"cssSelector":".locked"}}</script>'
    ),
    after="<p>Il vous reste 85 % de cet article à lire. La suite est réservée aux abonnés.</p>",
)

RUSSIAN_TITLE = "В Самаре открыли новый речной вокзал"
RUSSIAN_STORY = [
    (
        "Новый речной вокзал в Самаре принял первых пассажиров в субботу: теплоходы до Тольятти и "
        "Ширяева снова отправляются от центральной пристани после трёх лет ремонта."
    ),
    (
        "Реконструкция обошлась городу в 1,2 миллиарда рублей. В здании появились зал ожидания на "
        "триста мест, кассы, кафе и смотровая площадка с видом на Волгу и Жигулёвские горы."
    ),
    (
        "По словам директора порта, в навигацию вокзал обслужит до полумиллиона пассажиров, а "
        "расписание пригородных рейсов станет плотнее уже в следующем сезоне."
    ),
]
# Declared UTF-8 by the header and the page, written in windows-1251.
WRONG_CHARSET = page(RUSSIAN_TITLE, RUSSIAN_STORY, lang="ru", charset="utf-8")

# Each page that must give an article tells its own story (else the crawl's
# deduplication would drop all but one), with the harbour story around it.


def story(note: str) -> list[str]:
    return [*STORY, f"This copy of the story {note}, for a test of newscrawl."]


DEEP = page(
    paragraphs=story("sits inside ten thousand div elements"),
    before="<div>" * 10_000,
    after="</div>" * 10_000,
)
BROKEN = (
    page(
        paragraphs=story("has NUL bytes, unclosed tags and nested forms"),
        after="<form><form><table><tr><td><form>" + "<b><i>" * 50,
    )
    .replace("<p>", "<p>\x00", 2)
    .replace("</p>", "", 3)
)
TRUNCATED = page(paragraphs=story("is cut off before its end"))[:-200]
LONG_LINE = page(
    paragraphs=story("follows a line of one megabyte"), before="<p>" + "lorem " * 180_000 + "</p>"
)


def json_ld(obj: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile page: where a site serves it, what it serves, what newscrawl makes of it."""

    name: str
    path: str
    response: tuple[int, dict[str, str], bytes]
    reason: str | None  # the rejection reason; None: an article record
    checks: tuple[Check, ...] = field(default=())
    in_crawl: bool = True  # served by the crawl tests too


def _title(expected: str) -> Check:
    def check(record: dict[str, Any]) -> None:
        assert record["title"] == expected, record["title"]

    return check


def _paywalled(record: dict[str, Any]) -> None:
    assert record["paywalled"] is True
    assert "subscri" not in record["body"].lower()
    assert "abonnés" not in record["body"]


def _free(record: dict[str, Any]) -> None:
    assert record["paywalled"] is False


def _whole_story(record: dict[str, Any]) -> None:
    for paragraph in STORY:
        assert paragraph[:60] in record["body"]


def _cyrillic(record: dict[str, Any]) -> None:
    assert record["body"].startswith(RUSSIAN_STORY[0][:40]), record["body"][:80]


S = "/news/2025/10"
CASES = [
    Case("cloudflare challenge", f"{S}/cloudflare-challenge-served-as-a-story.html",
         _html(CLOUDFLARE_CHALLENGE), "blocked"),
    Case("cloudflare block page", f"{S}/cloudflare-block-page-served-as-a-story.html",
         _html(CLOUDFLARE_BLOCKED), "blocked"),
    Case("akamai access denied", f"{S}/akamai-access-denied-served-as-a-story.html",
         _html(AKAMAI_DENIED), "blocked"),
    Case("perimeterx captcha", f"{S}/perimeterx-press-and-hold-served-as-a-story.html",
         _html(PERIMETERX), "blocked"),
    Case("datadome captcha", f"{S}/datadome-captcha-served-as-a-story.html",
         _html(DATADOME), "blocked"),
    Case("recaptcha security check", f"{S}/recaptcha-security-check-served-as-a-story.html",
         _html(CAPTCHA), "blocked"),
    Case("german challenge title", f"{S}/einen-moment-bitte-served-as-a-story.html",
         _html(CHALLENGE_GERMAN), "blocked"),
    Case("enable javascript and cookies", f"{S}/enable-javascript-and-cookies-page.html",
         _html(ENABLE_JS_AND_COOKIES), "blocked"),
    Case("plain access denied", f"{S}/plain-access-denied-served-as-a-story.html",
         _html(ACCESS_DENIED_PLAIN), "blocked"),
    Case("consent dialog only", f"{S}/consent-dialog-instead-of-the-story.html",
         _html(CONSENT_DIALOG), "consent_wall"),
    Case("consent page", f"{S}/consent-page-instead-of-the-story.html",
         _html(CONSENT_UNMARKED), "consent_wall"),
    Case("react shell", f"{S}/react-app-shell-with-no-text.html", _html(REACT_SHELL), "js_shell"),
    Case("next.js shell", f"{S}/nextjs-app-shell-with-no-text.html", _html(NEXT_SHELL), "js_shell"),
    Case("section front at a story-shaped URL", "/desk/energy-and-climate-desk-coverage",
         _html(SECTION_AT_STORY_URL), "listing"),
    Case("CollectionPage link list", "/lokales/uebersicht-aller-meldungen-aus-dem-hafen",
         _html(COLLECTION_PAGE), "listing"),
    Case("about page", "/about/", _html(ABOUT), "not_article", in_crawl=False),
    Case("empty 200", f"{S}/empty-response-with-status-200.html",
         (200, {"Content-Type": "text/html"}, b""), "empty"),
    Case("no text", f"{S}/page-with-only-an-image-and-no-text.html",
         _html("<html><head><title>x</title></head><body><img src='/a.png'></body></html>"),
         "no_body"),
    Case("too short", f"{S}/a-story-of-only-one-short-sentence.html",
         _html(page(paragraphs=["The council met on Tuesday."])), "too_short"),
    Case("PDF served as text/html", f"{S}/annual-report-pdf-served-as-html.html",
         (200, {"Content-Type": "text/html"}, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n"),
         "not_html"),
    Case("PNG served as a page", f"{S}/harbour-photo-png-served-as-a-page.html",
         (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
         "not_html"),
    Case("binary served as text/html", f"{S}/binary-garbage-served-as-html.html",
         (200, {"Content-Type": "text/html"}, bytes(range(256)) * 8), "not_html"),
    Case("paywalled teaser", f"{S}/subscriber-only-story-with-a-teaser.html",
         _html(PAYWALLED), None, (_paywalled, _title(TITLE))),
    Case("paywalled teaser under min_words", f"{S}/subscriber-only-story-one-paragraph.html",
         _html(PAYWALLED_SHORT), None, (_paywalled,)),
    Case("free story with a newsletter box", f"{S}/free-story-with-a-newsletter-box.html",
         _html(page(paragraphs=story("ends with a newsletter box"),
               after="<aside><h3>Subscribe to our newsletter</h3></aside>")), None,
         (_free, _whole_story)),
    Case("header and page say utf-8, bytes are windows-1251", "/ru/2025/10/rechnoy-vokzal.html",
         (200, {"Content-Type": "text/html; charset=utf-8"}, WRONG_CHARSET.encode("cp1251")),
         None, (_title(RUSSIAN_TITLE), _cyrillic)),
    Case("10,000 nested divs", f"{S}/story-wrapped-in-ten-thousand-divs.html", _html(DEEP), None,
         (_whole_story,)),
    Case("NUL bytes, unclosed tags, nested forms", f"{S}/story-with-broken-markup.html",
         _html(BROKEN), None, (_title(TITLE),)),
    Case("truncated document", f"{S}/story-cut-off-mid-document.html", _html(TRUNCATED), None,
         (_title(TITLE),)),
    Case("1 MB single line", f"{S}/story-with-a-one-megabyte-line.html", _html(LONG_LINE), None,
         (_title(TITLE),)),
]  # fmt: skip

BY_NAME = {case.name: case for case in CASES}
