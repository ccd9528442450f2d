"""Pages that stand between the crawler and the story: bot walls, consent walls, app shells.

Sites answer a crawler with something other than the story, often with status
200: a bot-protection challenge ("Just a moment...", a captcha, "Access
denied"), a consent wall whose only content is a cookie dialog, or the empty
shell of a JavaScript application. Extracted naively, each becomes an
"article" of boilerplate. :func:`interstitial` names them:

``blocked``
    a challenge or block page: the markup of a bot-protection service that only
    its block pages carry (Cloudflare challenge options, DataDome's captcha host,
    PerimeterX's captcha, Akamai's error reference, Imperva/Distil/Sucuri/AWS WAF
    block pages), a title such as "Just a moment..." / "Access denied" in one of
    several languages, or the wording of one ("Verify you are human", "Why have I
    been blocked?", "Please enable JavaScript and cookies to continue").
``consent_wall``
    the page's content is a consent dialog: the dialogs newscrawl removes before
    extraction held more text than is left, or what is left is consent wording
    ("We and our partners store and/or access information on a device...").
``js_shell``
    no text without JavaScript: an application mount point (``<div id="root">``)
    or script bundles, and (almost) no visible words.

A page with a story's worth of text is never any of these, whatever scripts
or banners it also carries: every check runs only on a thin page, which also
keeps them off the cost of ordinary articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml.etree import XPath
from lxml.html import HtmlElement

from newscrawl.extract.html import squash, text_of

_I = re.IGNORECASE

# Above this many body words a page is a story, whatever else it carries.
THIN_WORDS = 300
# A blocking title or wording counts only on a page with less text than this.
_BLOCK_MAX_WORDS = 150
# A captcha widget alone counts only on a page with less text than this (comment
# and newsletter forms carry captchas too).
_CAPTCHA_MAX_WORDS = 60
_SHELL_MAX_WORDS = 25
_HTML_SCAN_CHARS = 150_000

# Markup that only the block and challenge pages of bot-protection services carry
# (their sensor scripts on ordinary pages are different and not listed here);
# lower-case literals, looked for with ``in`` (a regular expression alternation over
# a whole page costs fifty times more).
_VENDOR = (
    (
        "Cloudflare",
        (
            "_cf_chl_opt",
            "cf-browser-verification",
            "cf_chl_prog",
            "/cdn-cgi/challenge-platform/h/",
            "cf-error-details",
            "cf-challenge-running",
            "cf_captcha_kind",
        ),
    ),
    ("DataDome", ("captcha-delivery.com",)),
    ("PerimeterX", ("px-captcha", "_pxcaptcha", "captcha.px-cd")),
    ("Akamai", ("errors.edgesuite.net", "errors&#46;edgesuite&#46;net")),
    ("Imperva", ("incapsula incident id", "_incapsula_resource?swudnsai")),
    ("Distil", ("distil_r_captcha", "distil_r_blocked", "distilidentificationblock")),
    ("Sucuri", ("sucuri_cloudproxy", "sucuri website firewall", "cloudproxy@sucuri")),
    ("AWS WAF", ("awswaf.com", "awswafintegration", "gokuprops")),
    ("DDoS-Guard", ("ddos-guard.net/", "ddos-guard</")),
)
_CAPTCHA = (
    "g-recaptcha",
    "recaptcha/api.js",
    "recaptcha/enterprise.js",
    "hcaptcha.com",
    "h-captcha",
    "cf-turnstile",
    "challenges.cloudflare.com/turnstile",
    "arkoselabs",
    "funcaptcha",
    "geetest",
    "frc-captcha",
)
# A whole title that announces a challenge or a block ("Just a moment...",
# "Attention Required! | Cloudflare", "Access Denied"), in several languages.
_TITLE = re.compile(
    r"^\s*(?:[^|–—:]{1,40}\s[|–—:-]\s*)?"  # "Bloomberg - Are you a robot?"
    r"(?:just a moment|un instant|einen moment(?: bitte)?|un momento|um momento|even geduld"
    r"|chwileczkę|один момент|bir dakika(?: lütfen)?|jeden moment|vänta lite|hetkinen"
    r"|しばらくお待ちください|请稍候|請稍候|잠시만 기다리십시오|attention required|access denied"
    r"|access to this page has been denied|accès refusé|accès interdit|zugriff verweigert"
    r"|zugang verweigert|acceso denegado|accesso negato|acesso negado|toegang geweigerd"
    r"|доступ запрещ[её]н|доступ ограничен|odmowa dostępu|pardon our interruption"
    r"|are you a (?:robot|human)|robot or human|robot check|human verification"
    r"|verify(?:ing)? you are human|security check(?:point)?|sicherheitsüberprüfung"
    r"|vérification de sécurité|verificación de seguridad|one more step|please wait"
    r"|checking your browser|ddos-guard|you have been blocked|request (?:unsuccessful|blocked"
    r"|rejected)|(?:error )?403(?: forbidden)?|forbidden|(?:error )?429(?: too many requests)?"
    r"|too many requests|bot (?:check|verification)|captcha(?: challenge)?|blocked)"
    r"\s*[.!?…]*\s*(?:[|–—:-]\s*[^|–—:]{0,60})?$",
    _I,
)
# The wording of a challenge or block page (searched in the page's visible text).
_WORDING = re.compile(
    r"checking (?:your browser|if the site connection is secure|the site connection)"
    r"|verify(?:ing)? (?:that )?you are (?:a )?human|verify you are not a (?:robot|bot)"
    r"|(?:press|click) (?:&|and) hold|are you a (?:robot|human)\?|\bi(?:'m| am) not a robot"
    r"|(?:unusual|suspicious) (?:traffic|activity) (?:from your|has been detected|on your)"
    r"|why (?:have i|am i|was i) (?:been )?blocked|you (?:have been|are|were|'ve been) blocked"
    r"|your (?:ip(?: address)?|access|request|computer) (?:has been|was|is|have been) "
    r"(?:temporarily )?(?:blocked|denied|restricted|rate[- ]limited|flagged)"
    r"|access (?:to this (?:page|site|website|resource) )?(?:has been|is) denied"
    r"|you don'?t have permission to access|request (?:unsuccessful|blocked)"
    r"|please complete the security check|complete the (?:captcha|security check) (?:to|below)"
    r"|solve the (?:captcha|puzzle) (?:to|below)|pardon our interruption"
    r"|made us think (?:that )?you (?:were|are) a bot|please stand by, while we are checking"
    r"|(?:enable|turn on|activate|allow) javascript(?: and cookies)? (?:to continue|to proceed"
    r"|and (?:reload|refresh)|then (?:reload|refresh)|to access|to view this (?:page|site|website)"
    r"|in your browser to (?:continue|proceed|access))|enable cookies (?:to continue|and reload)"
    r"|rate limit exceeded|too many requests from|verifying your browser"
    r"|(?:enter|type) the characters you see (?:below|in (?:this|the) image)"
    r"|bitte bestätigen sie, dass sie (?:ein mensch|kein roboter)|ich bin kein roboter"
    r"|ungewöhnliche(?:n|r)? (?:datenverkehr|aktivität)"
    r"|vérifi(?:ez|ons|cation) que vous (?:êtes|n'êtes pas) (?:un )?(?:humain|robot)"
    r"|je ne suis pas un robot|vérification que vous êtes humain"
    r"|verifica(?:r|mos)? que (?:eres|no eres) (?:un )?(?:humano|robot)|no soy un robot"
    r"|non sono un robot|verifica che (?:sei|tu sia) (?:un essere )?umano|não sou um robô"
    r"|подтвердите, что вы (?:не робот|человек)|я не робот|nie jestem robotem|ik ben geen robot",
    _I,
)
# Consent-dialog wording, in the languages the consent platforms ship.
_CONSENT_WORDS = re.compile(
    r"\bcookies?\b|\bconsent|\bpartners?\b|\bpersonali[sz]ed\b|\blegitimate interest"
    r"|\bprivacy (?:policy|settings|center|centre|choices)|\b(?:accept|reject|refuse|decline) all\b"
    r"|\bmanage (?:(?:your |my )?(?:cookies|settings|preferences|options|choices))"
    r"|\bstore and/or access information|\bprecise geolocation|\bad(?:s| and content)? measurement"
    r"|\bpersonal data\b|\btracking technolog|\bdevice (?:identifiers|characteristics)"
    r"|\beinwillig|\bzustimm|\balle akzeptieren|\bdatenschutz|\bberechtigte(?:s|n)? interesse"
    r"|\bconsentement|\btout accepter|\btout refuser|\bdonnées personnelles|\bvos choix"
    r"|\bconsentimiento|\baceptar todo|\brechazar todo|\bdatos personales|\bconsenso"
    r"|\baccetta tutto|\brifiuta tutto|\bdati personali|\bconsentimento|\baceitar tudo"
    r"|\btoestemming|\balles accepteren|\bсогласи|\bфайл(?:ы|ов) cookie|\bперсональн",
    _I,
)
_CONSENT_MIN_HITS = 5
_CONSENT_DENSITY = 1 / 20  # at least one consent word per this many words
_CONSENT_MIN_DIALOG_WORDS = 15

_VISIBLE_TEXT = XPath(
    "//body//text()[not(ancestor::script)][not(ancestor::style)][not(ancestor::template)]"
    "[not(ancestor::noscript)]"
)
_NOSCRIPT_TEXT = XPath("//noscript//text()")
# Code, not data (JSON-LD and JSON state are scripts too).
_SCRIPTS = XPath(
    "//script[not(@type) or @type='module' or contains(@type, 'javascript')]"
    "[@src or string-length(.) > 200]"
)
_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", _I)
_APP_ROOT = XPath(
    "//body//*[self::div or self::main or self::section or self::app-root]"
    "[@id='root' or @id='app' or @id='__next' or @id='__nuxt' or @id='___gatsby' or @id='svelte'"
    " or @id='q-app' or @id='react-root' or @id='main-app' or @id='application' or @ng-version"
    " or @data-reactroot or @data-server-rendered or self::app-root]"
)


@dataclass(frozen=True, slots=True)
class Interstitial:
    """Why a page is not the story (``reason`` is a Rejection reason)."""

    reason: str  # "blocked", "consent_wall", "js_shell"
    detail: str


def _words(text: str) -> int:
    return len(text.split())


def _visible_text(tree: HtmlElement) -> str:
    return squash(" ".join(_VISIBLE_TEXT(tree)))


def _vendor(html: str) -> str | None:
    source = html[:_HTML_SCAN_CHARS].lower()
    for vendor, needles in _VENDOR:
        for needle in needles:
            if needle in source:
                return f"{vendor} challenge or block page ({needle!r})"
    return None


def _blocked(html: str, title: str, visible: str, noscript: str, body_words: int) -> str | None:
    if _words(visible) >= 3 * _BLOCK_MAX_WORDS:
        return None
    if title and _TITLE.match(title):
        return f"a challenge or block page (title {title[:60]!r})"
    wording = _WORDING.search(visible) or _WORDING.search(noscript)
    if wording:
        return f"a challenge or block page ({wording.group(0)[:60]!r})"
    if body_words < _CAPTCHA_MAX_WORDS:
        source = html[:_HTML_SCAN_CHARS].lower()
        captcha = next((needle for needle in _CAPTCHA if needle in source), None)
        if captcha:
            return f"a captcha page ({captcha!r})"
    return None


def _consent(
    visible: str, body_text: str, body_words: int, dialog_words: int, min_words: int
) -> str | None:
    rest = _words(visible)
    if body_words < min_words and dialog_words >= _CONSENT_MIN_DIALOG_WORDS and dialog_words > rest:
        return f"a consent dialog of {dialog_words} words, {rest} words of page besides"
    text = body_text if body_words >= min_words else visible
    words = _words(text)
    if not words:
        return None
    hits = _CONSENT_WORDS.findall(text)
    distinct = {h.lower() for h in hits}
    if (
        len(hits) >= _CONSENT_MIN_HITS
        and len(distinct) >= 3
        and len(hits) >= words * _CONSENT_DENSITY
    ):
        return f"the page's text is a consent notice ({len(hits)} consent terms in {words} words)"
    return None


def _shell(tree: HtmlElement, html: str, visible: str) -> str | None:
    """An app shell: no visible words, and an app mount point or script bundles.

    Script bundles alone count only in a complete document: a page cut off in
    its ``<head>`` has scripts and no text too, but is not an application.
    """
    if _words(visible) > _SHELL_MAX_WORDS:
        return None
    roots = _APP_ROOT(tree)
    scripts = len(_SCRIPTS(tree))
    if not roots and not (scripts and _DOCUMENT_END.search(html[-4096:])):
        return None
    what = [f"{scripts} scripts"] if scripts else []
    if roots:
        root = roots[0]
        name = f"#{root.get('id')}" if root.get("id") else root.tag
        what.append(f"an application root {name}")
    return f"no text without JavaScript ({_words(visible)} visible words; {', '.join(what)})"


def interstitial(
    tree: HtmlElement,
    html: str,
    *,
    title: str | None,
    body: Sequence[str],
    dialogs: Sequence[HtmlElement],
    min_words: int,
) -> Interstitial | None:
    """Name a page that is a bot wall, a consent wall or an app shell, or None.

    ``tree`` is the parsed page after the consent ``dialogs`` were removed from
    it, ``html`` its decoded source, ``title`` its ``<title>``, ``body`` the
    extracted body lines.
    """
    body_text = " ".join(body)
    body_words = _words(body_text)
    if body_words >= THIN_WORDS:
        return None
    if body_words >= _BLOCK_MAX_WORDS:
        # Too much text for a block page or a shell: only a consent notice is left to check.
        why = _consent("", body_text, body_words, 0, min_words)
        return Interstitial("consent_wall", why) if why else None
    why = _vendor(html)
    if why:
        return Interstitial("blocked", why)
    visible = _visible_text(tree)
    noscript = squash(" ".join(_NOSCRIPT_TEXT(tree)))
    why = _blocked(html, squash(title), visible, noscript, body_words)
    if why:
        return Interstitial("blocked", why)
    dialog_words = sum(_words(text_of(d)) for d in dialogs)
    why = _consent(visible, body_text, body_words, dialog_words, min_words)
    if why:
        return Interstitial("consent_wall", why)
    if body_words < min_words:
        why = _shell(tree, html, visible)
        if why:
            return Interstitial("js_shell", why)
    return None


# Error statuses that mean "you, the crawler, may not have this page".
BLOCKING_STATUSES = frozenset({401, 403, 429})
_TITLE_TAG = re.compile(r"<title[^>]*>([^<]{0,200})</title>", _I)


def blocked_answer(status: int, body: bytes) -> str | None:
    """Why an HTTP error answer is a block, or None when it is an ordinary error.

    401/403/429 always are; any other error status (Cloudflare challenges come
    with 503) is when its body is a bot-protection page. Only the head of the
    body is read, with a regular expression for the title: an error answer is
    not worth a parse.
    """
    head = body[:_HTML_SCAN_CHARS].decode("utf-8", "replace")
    why = _vendor(head)
    if why is None:
        title = _TITLE_TAG.search(head)
        if title and _TITLE.match(squash(title.group(1))):
            why = f"a challenge or block page (title {squash(title.group(1))[:60]!r})"
    if why:
        return f"HTTP {status}, {why}"
    if status in BLOCKING_STATUSES:
        return f"HTTP {status}"
    return None
