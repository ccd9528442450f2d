"""Paywalls: a subscriber-only story of which the page shows only a teaser.

Two kinds of evidence, never the mere presence of a subscribe button:

- the story runs into a paywall prompt ("Subscribe to continue reading",
  "Il vous reste 80 % de cet article à lire", "Weiterlesen mit Abo"...): at the
  end of the extracted text, or in the elements right after its last paragraph
  (extraction often leaves the paywall box out);
- the page says so in its structured data: JSON-LD ``isAccessibleForFree: false``
  on the article (or the page) or on a ``hasPart`` element (Google's markup for
  paywalled content), or ``article:content_tier`` ``locked``.

Many free articles carry paywall markup too (publishers declare it over the
full text they show search engines) and hide subscribe templates in scripts,
so the markup flags only a short story (the caller decides how short), and
prompts are never looked for in the raw HTML or in hidden elements.

The prompt is cut from the body together with what follows it when that is
paywall furniture ("Already a subscriber? Log in", offers, prices): the record
keeps the visible paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from lxml.etree import XPath
from lxml.html import HtmlElement

from newscrawl.extract.html import text_of

_I = re.IGNORECASE

# A line that tells the reader the rest is for subscribers, in the languages news is read in.
PROMPT = re.compile(
    r"(?:"
    # English
    r"\b(?:subscribe|sign up|register|log ?in|sign in)(?: now| today| for free)? to (?:continue|keep|"
    r"finish|read (?:on|more(?=\s*[.!:…]|\s*$)|the (?:full|rest|whole|entire)|this (?:article|story)|"
    r"the (?:article|story))|unlock|"
    r"get (?:full|unlimited) access)"
    r"|\b(?:continue|keep) reading (?:with|for|by (?:subscribing|signing|registering)|this "
    r"(?:article|story) (?:with|for|by))"
    r"|\bto (?:continue|keep|finish) reading,? (?:please )?(?:subscribe|log ?in|sign (?:in|up)|"
    r"register|become a|create|start)"
    r"|\b(?:this|the) (?:article|story|content|post|piece) is (?:only |exclusively )?(?:available )?"
    r"(?:only |exclusively )?(?:for|to) (?:paid |paying |premium |digital )?(?:subscribers|members)"
    r"|\b(?:subscriber|member|premium)s?[- ](?:only|exclusive) (?:content|article|story)"
    r"|\bexclusive(?:ly)? for (?:paid |premium )?(?:subscribers|members)\b"
    r"|\bthe rest of (?:this|the) (?:article|story) is (?:for|available to|only for) "
    r"|\byou(?:'ve| have) (?:reached|read|used) (?:your|all of your|the) "
    r"(?:limit|monthly limit|free (?:article|stor)|\d+ free|free limit|article limit)"
    r"|\bbecome an? (?:subscriber|member|insider) to (?:read|continue|unlock|access)"
    r"|\bunlock (?:this|the full|full|the rest of (?:this|the)) (?:article|story)"
    r"|\balready (?:a |an )?(?:subscriber|member|subscribed)\?"
    # German
    r"|\bweiterlesen mit\b|\bmit (?:einem )?(?:\w+-?)?abo(?:nnement)? weiterlesen"
    r"|\b(?:dieser |der )?(?:artikel|beitrag|inhalt) ist (?:nur |exklusiv )?(?:für|fuer) "
    r"(?:\w+-?)?(?:abonnent|abonnentinnen|abonnierende|abonnenten|mitglieder)"
    r"|\bexklusiv für (?:\w+-?)?abonnent"
    r"|\b(?:sie haben|du hast) (?:bereits|schon) ein(?:en)? (?:abo|zugang|account)"
    r"|\bum (?:den|diesen) (?:ganzen |vollständigen )?(?:artikel|beitrag) (?:vollständig |weiter )?"
    r"(?:zu )?lesen"
    r"|\bjetzt (?:\w+ )?abo (?:abschließen|wählen|testen|sichern)"
    # French
    r"|\b(?:la suite|le reste) (?:de cet article |de l'article |de ce contenu )?est réservée? aux "
    r"abonnés|\b(?:article|contenu) réservé aux abonnés|\bil vous reste \d+ ?% de (?:cet article|"
    r"l'article) à lire|\bdéjà abonnée?\s*\?|\babonnez-vous pour (?:lire|continuer|poursuivre)"
    r"|\bpour (?:lire|poursuivre|continuer) (?:la suite|votre lecture|cet article),"
    # Spanish, Portuguese, Italian
    r"|\b(?:contenido|artículo|noticia) (?:exclusivo |solo |sólo |reservado )?(?:para|a) "
    r"(?:suscriptores|socios|abonados)|\bpara (?:seguir|continuar) leyendo"
    r"|\bsuscríbete para (?:seguir|leer|continuar)|\bya (?:eres|soy) suscriptor"
    r"|\b(?:conteúdo|matéria|reportagem) exclusiv[oa] para assinantes|\bpara continuar (?:lendo|a ler)"
    r"|\bassine (?:para|e) (?:continuar|ler)|\bjá é assinante"
    r"|\b(?:articolo|contenuto)(?: è)? riservato agli abbonati|\bper continuare a leggere"
    r"|\babbonati per (?:leggere|continuare)|\bsei già abbonato"
    # Dutch, Scandinavian, Polish
    r"|\b(?:alleen|exclusief) voor abonnees|\blees (?:verder|het hele artikel) met\b"
    r"|\bben je al abonnee|\b(?:endast|bara|kun|kun for) (?:för |for )?(?:prenumeranter|abonnenter)"
    r"|\bför prenumeranter\b|\bfor abonnenter\b"
    r"|\b(?:dostęp|artykuł|treść) (?:tylko |wyłącznie )?dla (?:prenumeratorów|subskrybentów)"
    r"|\baby (?:przeczytać|czytać) (?:cały |dalej )?(?:artykuł|tekst)"
    # Russian, Ukrainian
    r"|(?:продолжение|полная версия|полный текст)(?: статьи| материала)? доступ(?:ен|на|но|ны) (?:только )?"
    r"(?:по подписке|подписчикам)|чтобы (?:продолжить чтение|дочитать|читать дальше)"
    r"|только для подписчиков|оформите подписку, чтобы|уже есть подписка"
    # Japanese, Chinese, Korean
    r"|この記事は(?:有料|会員限定)|続きを読むには|有料会員(?:限定|になると)|会員限定記事"
    r"|订阅(?:后|以)?(?:阅读|继续)|付费(?:内容|阅读|订阅)|구독(?:자)? ?전용|유료 ?회원"
    r")",
    _I,
)
PROMPT_MAX_WORDS = 45
# Every branch of PROMPT contains one of these (lower case): a cheap test first, since
# the whole expression costs a fifth of a millisecond per line.
_STEMS = (
    "subscri", "sign in", "sign up", "sign-in", "signup", "regist", "log in", "login", "log-in",
    "reading", "member", "premium", "rest of", "you've", "you have", "insider", "unlock",
    "lesen", "abonn", "mitglied", "bereits", "schon", "abo ", "reste", "pour ", "suscr",
    "socios", "abonad", "leyendo", "assin", "continuar", "abbon", "continuare", "lees ",
    "prenum", "subskryb", "czyta", "подпис", "чтобы", "この記事は", "続き", "有料", "会員",
    "订阅", "付费", "구독", "유료",
)  # fmt: skip
# After the prompt: the paywall's own furniture, if the page printed it; a prompt
# followed by this many lines of running text is in the middle of a printed story.
_TAIL_MAX_WORDS = 150
_RUNNING_WORDS = 25
_RUNNING_LINES = 2
# A paywalled teaser is kept as a record (flagged) down to this many words, under min_words.
TEASER_MIN_WORDS = 10
_FREE_FALSE = frozenset({"false", "0", "no", "off"})

T = TypeVar("T")


def _is_false(value: Any) -> bool:
    if isinstance(value, bool):
        return value is False
    if isinstance(value, str):
        return value.strip().lower() in _FREE_FALSE
    return False


def _parts(value: Any) -> Iterable[dict[str, Any]]:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            yield item


def declared_paywall(objects: Iterable[dict[str, Any]], content_tier: str | None) -> bool:
    """True when ``isAccessibleForFree`` is false on the objects or their ``hasPart``, or
    the content tier is ``locked``."""
    if (content_tier or "").strip().lower() == "locked":
        return True
    for obj in objects:
        if _is_false(obj.get("isAccessibleForFree")):
            return True
        if any(_is_false(part.get("isAccessibleForFree")) for part in _parts(obj.get("hasPart"))):
            return True
    return False


def is_prompt(text: str) -> bool:
    """True when a body line is a paywall prompt (a short line that says the rest is locked)."""
    if len(text.split()) > PROMPT_MAX_WORDS:
        return False
    lower = text.lower()
    return any(stem in lower for stem in _STEMS) and PROMPT.search(text) is not None


def cut_prompt(lines: list[T], text_of_line: Callable[[T], str]) -> tuple[list[T], str | None]:
    """Cut the body lines at a paywall prompt that ends them, with the paywall furniture after it.

    Returns the lines to keep and the prompt's text when the story is cut short
    by it (None otherwise). Only the end of the text is searched: a prompt that
    truncates the story is followed by at most some offers and "Already a
    subscriber?" lines (short, ``_TAIL_MAX_WORDS`` in all). A prompt followed by
    paragraphs of running text is furniture in the middle of a story that the
    page prints in full: that line alone is dropped, and the story is not flagged.
    """
    cut, prompt, tail_words, long_lines = len(lines), None, 0, 0
    mid_story: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        text = text_of_line(lines[i])
        if is_prompt(text):
            if long_lines >= _RUNNING_LINES:
                mid_story.append(i)
            else:
                cut, prompt = i, text
        words = len(text.split())
        tail_words += words
        long_lines += words >= _RUNNING_WORDS
        if tail_words > _TAIL_MAX_WORDS + PROMPT_MAX_WORDS:
            break
    kept = [line for i, line in enumerate(lines[:cut]) if i not in mid_story]
    return kept, prompt


_PROMPT_NEIGHBOURS = XPath("following::*[position() <= $n]")
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "svg", "button", "form"})
_PARAGRAPH_STARTING = XPath("//body//p[starts-with(normalize-space(.), $start)]")
# Story text outside <p>: only elements without paragraphs inside (cheap to normalise).
_BLOCK_STARTING = XPath(
    "//body//*[self::div or self::li or self::span or self::section][not(.//p)][not(.//div)]"
    "[starts-with(normalize-space(.), $start)]"
)


def story_end(tree: HtmlElement, last_line: str) -> HtmlElement | None:
    """The innermost element that holds the story's last line (its first 60 characters)."""
    start = last_line[:60]
    found = _PARAGRAPH_STARTING(tree, start=start) or _BLOCK_STARTING(tree, start=start)
    return found[-1] if found else None


def prompt_after(story_end: HtmlElement, neighbours: int = 40) -> str | None:
    """A paywall prompt among the elements that follow the story's last paragraph.

    Extraction often leaves a paywall box out of the text; the box still sits
    right after the visible paragraphs. Hidden elements do not count (pages
    carry hidden paywall templates on free stories too).
    """
    for element in _PROMPT_NEIGHBOURS(story_end, n=neighbours):
        if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            continue
        text = text_of(element)
        if text and is_prompt(text) and not _hidden(element):
            return text
    return None


def _hidden(element: HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        style = (node.get("style") or "").replace(" ", "").lower()
        if (
            node.get("hidden") is not None
            or node.get("aria-hidden") == "true"
            or "display:none" in style
            or "visibility:hidden" in style
            or node.tag in _SKIP_TAGS
        ):
            return True
    return False
