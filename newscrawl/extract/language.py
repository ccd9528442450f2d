"""The page language as an ISO 639-1 code.

Declared first (``<html lang>``, ``content-language``, ``og:locale``, JSON-LD
``inLanguage``, the discovery hint), then a cheap stop-word vote over the body.
The vote also overrules a declaration that the text clearly contradicts
(templates that say ``lang="en"`` on every page of a German site).
"""

from __future__ import annotations

import re
from collections import Counter

_CODE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")
_ISO639_3 = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "pol": "pl", "swe": "sv", "dan": "da",
    "nor": "no", "nob": "nb", "fin": "fi", "tur": "tr", "ara": "ar", "zho": "zh", "chi": "zh",
    "jpn": "ja", "kor": "ko", "ukr": "uk", "ces": "cs", "cze": "cs", "ell": "el", "gre": "el",
    "heb": "he", "hin": "hi", "hun": "hu", "ron": "ro", "rum": "ro", "ind": "id", "vie": "vi",
}  # fmt: skip
_STOPWORDS = {
    "en": "the and of to in is that for it with was on as are be this by at from have has not but they",
    "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch es an wird",
    "fr": "le la les et des est une un du que dans pour qui pas sur au avec il elle sont ce par",
    "es": "el la los las y de que en un una es por con para del se no al lo como más su pero",
    "it": "il di che è e la per un una non sono del della con gli le si anche come ma nel alla",
    "pt": "o a os as e de que do da em um uma para com não no na se por mais dos como mas",
    "nl": "de het een en van is dat op te in niet met zijn voor er ook aan die maar dan wordt",
    "sv": "och att det som en på är av för med till den har inte om ett var jag de men",
    "pl": "i w na z że się nie do to jest o jak ale po co od za dla tak przez są",
    "ru": "и в не на что с по это как из за от для то он но так же все она его",
    "tr": "ve bir bu da de için ile olarak olan çok daha gibi en ama ne var mi",
    "da": "og i at det er en til på som de med af for ikke den har et var men",
}  # fmt: skip
_STOPWORD_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
# word -> the languages it is a stop word of, in _STOPWORDS order: one lookup per
# word instead of one per word and language.
_STOPWORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _stops in _STOPWORD_SETS.items():
    for _word in _stops:
        _STOPWORD_LANGS[_word] = (*_STOPWORD_LANGS.get(_word, ()), _lang)
_WORD = re.compile(r"\w+")


def normalize_code(value: str | None) -> str | None:
    """``en-US`` / ``en_GB`` / ``eng`` -> ``en``; None for anything else."""
    if not value:
        return None
    match = _CODE.match(value)
    if not match:
        return None
    code = match.group(1).lower()
    if len(code) == 3:
        return _ISO639_3.get(code)
    return code


def guess_language(text: str, *, sample_words: int = 400) -> tuple[str | None, float]:
    """(code, share of stop-word hits won by that code) from a stop-word vote over ``text``."""
    words = _WORD.findall(text[:5000].lower())[:sample_words]
    if len(words) < 8:
        return None, 0.0
    votes: Counter[str] = Counter()
    for word in words:
        for lang in _STOPWORD_LANGS.get(word, ()):
            votes[lang] += 1
    if not votes:
        return None, 0.0
    lang, hits = votes.most_common(1)[0]
    return lang, hits / len(words)


# Scripts that name their language well enough when nothing is declared and no
# stop-word list applies: kana is Japanese (its text mixes kana and kanji), Hangul
# Korean, Han alone Chinese.
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]"), 0.05),
    ("ko", re.compile(r"[\uac00-\ud7af]"), 0.3),
    ("zh", re.compile(r"[\u4e00-\u9fff]"), 0.3),
    ("ar", re.compile(r"[\u0600-\u06ff]"), 0.3),
    ("he", re.compile(r"[\u0590-\u05ff]"), 0.3),
    ("el", re.compile(r"[\u0370-\u03ff]"), 0.3),
    ("th", re.compile(r"[\u0e00-\u0e7f]"), 0.3),
    ("hi", re.compile(r"[\u0900-\u097f]"), 0.3),
)
_PERSIAN_LETTERS = re.compile(r"[پچژگ]")
_SCRIPT_SAMPLE = 3000
_SCRIPT_MIN_LETTERS = 50


def script_language(text: str) -> str | None:
    """The language a body's script names (ja, ko, zh, ar, fa, he, el, th, hi), or None."""
    sample = text[:_SCRIPT_SAMPLE]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < _SCRIPT_MIN_LETTERS:
        return None
    for code, pattern, share in _SCRIPTS:
        found = len(pattern.findall(sample))
        if found / letters >= share:
            if code == "ar" and len(_PERSIAN_LETTERS.findall(sample)) >= found / 100:
                return "fa"
            return code
    return None


def pick_language(declared: list[str | None], text: str) -> str | None:
    """The first valid declared code, unless the body text clearly says otherwise."""
    code = next((c for c in map(normalize_code, declared) if c), None)
    guess, share = guess_language(text)
    if code is None:
        return guess if share >= 0.08 else script_language(text)
    if code in _STOPWORD_SETS and guess_language_share(text, code) < 0.02:
        # a Latin-script code declared by the template over a CJK, Arabic, ... story
        written = script_language(text)
        if written is not None:
            return written
    if guess and guess != code and share >= 0.2 and code in _STOPWORD_SETS:
        declared_share = guess_language_share(text, code)
        if declared_share < share / 4:
            return guess
    return code


def guess_language_share(text: str, code: str) -> float:
    """Share of words in ``text`` that are stop words of ``code``."""
    words = _WORD.findall(text[:5000].lower())[:400]
    stops = _STOPWORD_SETS.get(code)
    if not words or not stops:
        return 0.0
    return sum(w in stops for w in words) / len(words)
