"""Pages that are not stories say why; stories that look odd are still stories.

One test per hostile case (tests/hostile_pages.py), the fixture site's
non-article pages, and the negative cases: articles that carry the markup of
bot protection, captchas, cookie banners or paywalls and must stay articles.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newscrawl.extract import ExtractOptions, extract_article
from newscrawl.extract.classify import UrlKind, classify_url
from newscrawl.extract.interstitials import blocked_answer
from newscrawl.extract.paywall import cut_prompt, is_prompt
from newscrawl.items import REJECTION_REASONS, Article, Rejection
from newscrawl.saved import SavedPage, extract_saved
from tests.fixturesite import SITE_DIR, load_nonarticles
from tests.hostile_pages import CASES, STORY, TITLE, Case, json_ld, page

BASE = "https://www.quaypost.example"
URL = f"{BASE}/news/2025/10/harbour-council-approves-plan-for-cycle-path"
TIME_BOUND = 10.0  # seconds per page; the slowest case (a 1 MB line) takes well under one


def _extract(html: str | bytes, url: str = URL, **kwargs: object) -> Article | Rejection:
    return extract_article(html, url, fetched_at="2025-10-21T10:00:00+00:00", **kwargs)  # type: ignore[arg-type]


def _reason(result: Article | Rejection) -> str:
    return result.reason if isinstance(result, Rejection) else "article"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_page(case: Case) -> None:
    _status, headers, body = case.response
    started = time.monotonic()
    result = _extract(body, BASE + case.path, content_type=headers.get("Content-Type"))
    assert time.monotonic() - started < TIME_BOUND
    if case.reason is not None:
        assert isinstance(result, Rejection), f"{case.name}: got an article {result.title!r}"
        assert result.reason == case.reason, result
        assert result.reason in REJECTION_REASONS
        assert result.detail
        return
    assert isinstance(result, Article), f"{case.name}: {result}"
    for check in case.checks:
        check(result.to_record())


# -- the fixture site's non-article pages, as `newscrawl extract` sees them ----------------


def _saved_path(path: str) -> Path:
    local = path.split("?", 1)[0].strip("/")
    return SITE_DIR / local / "index.html" if local else SITE_DIR / "index.html"


@pytest.mark.parametrize("path", load_nonarticles())
def test_fixture_site_non_article_is_rejected(path: str, tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_bytes(_saved_path(path).read_bytes().replace(b"{{BASE}}", b"http://127.0.0.1:8000"))
    record = extract_saved(
        SavedPage(source=str(saved), url=f"http://127.0.0.1:8000{path}", fetched_at=""),
        ExtractOptions(),
    )
    assert record.get("error") in ("listing", "not_article"), (path, record)


def test_listing_reasons_say_what_was_seen() -> None:
    html = (SITE_DIR / "world" / "index.html").read_text(encoding="utf-8")
    result = _extract(html, "http://127.0.0.1:8000/world/")
    assert isinstance(result, Rejection)
    assert result.reason == "listing"
    assert "teaser headlines" in result.detail
    # The same page under a URL of no particular shape is still a listing, from its cards.
    result = _extract(html, "http://127.0.0.1:8000/en/c/world-hub")
    assert classify_url("http://127.0.0.1:8000/en/c/world-hub") is UrlKind.UNKNOWN
    assert _reason(result) == "listing"


def test_listing_with_article_markup_everywhere() -> None:
    """Some CMSs print og:type article on every page; a page of headlines is still a listing."""
    teasers = "".join(
        f'<div class="item"><h2><a href="/news/2025/10/{i}/story-number-{i}-about-the-harbour">'
        f"Story number {i} about the harbour and the quay</a></h2></div>"
        for i in range(8)
    )
    html = page("Latest news", [], after=teasers)
    assert _reason(_extract(html, f"{BASE}/latest-news-from-the-harbour-desk")) == "listing"


def _words(n: int, seed: int) -> str:
    words = STORY[seed % len(STORY)].split()
    return " ".join(words[(seed + i) % len(words)] for i in range(n)) + "."


def _wordpress_category(excerpt_words: int) -> str:
    """A WordPress category archive: og:type article, CollectionPage, post excerpts."""
    posts = "".join(
        f'<article id="post-{i}" class="post-{i} post type-post hentry category-local">'
        f'<header class="entry-header"><h2 class="entry-title"><a href="{BASE}/2025/10/'
        f'{i:02d}/post-number-{i}-about-the-quay/">Post number {i} about the quay and the '
        'harbour</a></h2><div class="entry-meta"><time datetime="2025-10-01">1 October'
        f'</time> by <a href="{BASE}/author/jane/">Jane Doe</a></div></header>'
        f'<div class="entry-summary"><p>{_words(excerpt_words, i)} [&hellip;]</p></div>'
        f'<a class="more-link" href="{BASE}/2025/10/{i:02d}/x/">Continue reading</a></article>'
        for i in range(10)
    )
    head = json_ld(
        {"@context": "https://schema.org", "@graph": [{"@type": "CollectionPage", "name": "Local"}]}
    )
    return page("Category: Local", [], head=head, after=posts)


@pytest.mark.parametrize("excerpt_words", [20, 55, 110])
@pytest.mark.parametrize("path", ["/category/local/", "/local-news-and-views-from-the-quay/"])
def test_wordpress_category_archive(excerpt_words: int, path: str) -> None:
    assert _reason(_extract(_wordpress_category(excerpt_words), BASE + path)) == "listing"


def _front(lang_words: list[str], dek_words: int, og_type: str) -> str:
    def promo(i: int) -> str:
        dek = f'<p class="summary">{" ".join(lang_words * 10)[: dek_words * 7]}.</p>'
        return (
            f'<div class="promo"><a href="/news/world-europe-{6_700_000 + i}"><h3>'
            f"{' '.join(lang_words[i % 3 :] + lang_words[: i % 3])} {i}</h3></a>"
            f"{dek if dek_words else ''}<time>{i} hours ago</time></div>"
        )

    sections = "".join(
        f"<section><h2>Section {s}</h2>{''.join(promo(s * 10 + i) for i in range(6))}</section>"
        for s in range(4)
    )
    return (
        f'<html><head><title>News</title><meta property="og:type" content="{og_type}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><main><h1>News</h1>{sections}</main></body></html>"
    )


WORDS = {
    "en": ["council", "approves", "harbour", "plan", "after", "long", "debate"],
    "ru": ["совет", "одобрил", "план", "реконструкции", "порта", "после", "споров"],
    "ja": ["港湾", "再開発", "計画を", "市議会が", "承認", "長い", "議論の末"],
}


@pytest.mark.parametrize("lang", sorted(WORDS))
@pytest.mark.parametrize("dek_words", [0, 25])
@pytest.mark.parametrize(
    ("path", "og_type"),
    [("/", "website"), ("/news/world/europe/", "article"), ("/a/b/c-d-e-f", "website")],
)
def test_front_pages_in_several_languages(
    lang: str, dek_words: int, path: str, og_type: str
) -> None:
    result = _extract(_front(WORDS[lang], dek_words, og_type), BASE + path)
    assert _reason(result) == "listing", result


def test_article_with_related_stories_is_an_article() -> None:
    related = "".join(
        f'<li><a href="/news/2025/10/{i}/another-story-about-the-harbour">'
        f"Another story number {i} about the harbour</a></li>"
        for i in range(12)
    )
    html = page(after=f"<h2>Related</h2><ul class='related'>{related}</ul>").replace(
        '<meta property="og:type" content="article">', ""
    )
    result = _extract(html)
    assert isinstance(result, Article), result
    assert result.body.startswith(STORY[0])


# -- stories that carry what bot walls, consent walls and paywalls carry ------------------


def test_story_with_captcha_comment_form_and_noscript_notice() -> None:
    html = page(
        head='<script src="https://www.google.com/recaptcha/api.js"></script>'
        '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>',
        after="<noscript>Please enable JavaScript to view the comments.</noscript>"
        '<form class="comments"><div class="g-recaptcha" data-sitekey="x"></div></form>',
    )
    result = _extract(html)
    assert isinstance(result, Article), result
    assert result.paywalled is False


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Bloomberg - Are you a robot?",
            "We've detected unusual activity from your computer network.",
        ),
        ("Robot Check", "Enter the characters you see below. Sorry, we just need to make sure."),
        ("Vercel Security Checkpoint", "We're verifying your browser. Website owner? Click here."),
        (
            "Access denied | www.quaypost.example used Cloudflare to restrict access",
            "The owner of this website has banned your access based on your browser's signature.",
        ),
        ("403 Forbidden", "nginx"),
        ("Un momento…", "Estamos comprobando la seguridad de su conexión."),
        ("The Quay Post", "Your request has been blocked due to a network policy."),
    ],
)
def test_block_pages_by_title_or_wording(title: str, text: str) -> None:
    html = (
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p>"
        '<script src="/challenge.js"></script></body></html>'
    )
    result = _extract(html)
    assert _reason(result) == "blocked", result


def test_short_story_titled_like_a_block_page_with_a_real_body() -> None:
    html = page("Access denied: families wait for visas", STORY[:3])
    assert _reason(_extract(html)) == "article"


def test_story_about_cookie_consent_is_not_a_consent_wall() -> None:
    story = [
        (
            "Regulators fined the publisher 2 million euros on Monday for making it harder to "
            "refuse cookies than to accept them, in the first such decision under the new rules."
        ),
        (
            "The consent banner showed an Accept all button on its first screen, while readers who "
            "wanted to refuse had to open two further menus, the data protection authority found."
        ),
        (
            "The publisher said it would appeal and that its banner followed industry guidance; "
            "consumer groups welcomed the fine and asked for checks on other large news websites."
        ),
    ]
    banner = (
        '<div id="cookie-banner" class="cookie-consent">We use cookies and partners process '
        "personal data for personalised ads. <button>Accept all</button><button>Reject all"
        "</button></div>"
    )
    html = page("Publisher fined over cookie banner", story, after=banner)
    result = _extract(html)
    assert isinstance(result, Article), result
    assert "Accept all button" in result.body


def test_consent_banner_on_a_story_is_removed_not_a_wall() -> None:
    banner = (
        '<div class="cmp-consent-banner">We and our partners store and/or access information on a '
        "device, such as cookies, and process personal data for personalised ads and content, ad "
        "and content measurement. <button>Accept all</button></div>"
    )
    result = _extract(page(before=banner))
    assert isinstance(result, Article), result
    assert "partners" not in result.body


# -- paywalls -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prompt",
    [
        "Subscribe to continue reading",
        "This article is only available to subscribers.",
        "To continue reading, please log in or create a free account.",
        "You have reached your limit of free articles this month.",
        "Already a subscriber? Sign in",
        "Weiterlesen mit Z+",
        "Dieser Artikel ist nur für Abonnenten verfügbar.",
        "Il vous reste 72 % de cet article à lire.",
        "La suite de cet article est réservée aux abonnés.",
        "Para seguir leyendo, suscríbete.",
        "Contenido exclusivo para suscriptores",
        "Questo articolo è riservato agli abbonati.",
        "Conteúdo exclusivo para assinantes",
        "Dit artikel is alleen voor abonnees.",
        "Полный текст статьи доступен только подписчикам",
        "この記事は有料会員限定です。",
    ],
)
def test_paywall_prompts(prompt: str) -> None:
    assert is_prompt(prompt)


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter",
        "Click here to subscribe to read more stories like this one.",
        "The union said members would continue reading the proposal before voting.",
        "Sign up for our morning briefing",
        STORY[0],
    ],
)
def test_not_paywall_prompts(line: str) -> None:
    assert not is_prompt(line)


def test_prompt_and_its_furniture_are_cut_a_mid_story_line_is_not() -> None:
    lines = [*STORY[:2], "Subscribe to continue reading", "Only €1 a week", "Cancel anytime"]
    assert cut_prompt(lines, str) == (STORY[:2], "Subscribe to continue reading")
    lines = [STORY[0], "Subscribe to continue reading", *STORY[1:]]
    assert cut_prompt(lines, str) == (STORY, None)


def _declared(free: object, body: list[str]) -> str:
    article = {"@type": "NewsArticle", "headline": TITLE, "isAccessibleForFree": free}
    return page(paragraphs=body, head=json_ld(article))


def test_declared_paywall_with_a_short_body_is_flagged() -> None:
    result = _extract(_declared("False", STORY[:2]))
    assert isinstance(result, Article)
    assert result.paywalled is True


def test_declared_paywall_over_the_full_text_is_not_flagged() -> None:
    """Publishers declare the paywall over the whole story they show search engines."""
    result = _extract(_declared(False, STORY * 3))
    assert isinstance(result, Article)
    assert result.word_count > 300
    assert result.paywalled is False


def test_free_story_is_not_flagged() -> None:
    result = _extract(_declared(True, STORY[:2]))
    assert isinstance(result, Article)
    assert result.paywalled is False


def test_paywall_with_no_visible_text_is_rejected() -> None:
    html = page(paragraphs=["Subscribe to continue reading", "Already a subscriber? Log in"])
    result = _extract(html)
    assert _reason(result) in ("paywalled", "no_body")
    result = _extract(_declared(False, ["Short."]))
    assert _reason(result) == "paywalled"


def test_paywalled_teaser_is_kept_below_min_words_but_not_below_the_teaser_floor() -> None:
    teaser = [" ".join(STORY[0].split()[:25]) + ".", "Subscribe to continue reading"]
    result = _extract(page(paragraphs=teaser), options=ExtractOptions(min_words=40))
    assert isinstance(result, Article)
    assert result.paywalled is True
    assert result.word_count == 25


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (403, b"<html><body><h1>403</h1></body></html>", "HTTP 403"),
        (429, b"", "HTTP 429"),
        (401, b"<html><title>Login</title></html>", "HTTP 401"),
        (503, b"<html><head><title>Just a moment...</title></head></html>", "Just a moment"),
        (503, b"<script>window._cf_chl_opt={cvId: '3'}</script>", "Cloudflare"),
        (500, b"<html><title>Zugriff verweigert</title></html>", "Zugriff verweigert"),
        (503, b"<html><title>Service unavailable</title><p>Back soon</p></html>", None),
        (500, b"<html><body>Internal error</body></html>", None),
        (404, b"<html><title>Page not found</title></html>", None),
    ],
)
def test_blocked_error_answers(status: int, body: bytes, expected: str | None) -> None:
    why = blocked_answer(status, body)
    if expected is None:
        assert why is None
    else:
        assert why is not None
        assert why.startswith(f"HTTP {status}")
        assert expected in why
