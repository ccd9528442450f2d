"""Bytes to text: find the charset a page is really written in.

Order of trust: a byte-order mark, the HTTP ``Content-Type`` charset, the
``<meta charset>`` / ``http-equiv`` declaration, then statistical detection
(charset_normalizer, already a trafilatura dependency). A declaration is only
believed when the bytes agree with it, so that a declared-wrong page does not
come out as mojibake:

- a header that says UTF-8 over cp1251 (or cp1252, Shift_JIS, EUC-KR) bytes
  fails to decode and falls through to the next source;
- a UTF-8 page with a few stray non-UTF-8 bytes stays UTF-8, the strays read as cp1252;
- any legacy declaration (latin-1, cp1251, Shift_JIS...) over bytes that are
  valid UTF-8 with multi-byte sequences is a mislabelled UTF-8 page, the
  commonest charset mistake on the web;
- a Western declaration (latin-1, cp1252) over text whose letters are mostly
  accented is text in another script (cp1251 read as latin-1), left to detection;
- when detection ranks codecs equally (cp1250 and cp1252 on French text), the
  one the web uses most wins.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""",
    re.IGNORECASE,
)
# WHATWG encoding labels: browsers read these as windows-1252, a superset.
_WHATWG_ALIASES = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-9": "cp1254",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_SNIFF_BYTES = 4096


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def _codec(label: str | None) -> str | None:
    """Python codec name for an encoding label (``utf_8``, ``iso8859_1``), or None when unknown.

    ``codecs.lookup`` names some codecs with hyphens (``utf-8``) and others
    with underscores (``shift_jis``): one spelling, so that the checks below match.
    """
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None


def _try(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        if codec == "cp1252":  # 0x81, 0x8d... are undefined in cp1252 but not in latin-1
            return data.decode("latin-1")
        return None
    return text


def _utf8_multibyte(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 when valid and non-ASCII (multi-byte sequences present)."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


# Mostly UTF-8 with a few stray bytes (a cp1252 "é" pasted into a UTF-8 page): decode as
# UTF-8 and read each stray byte as cp1252, rather than the whole page in a legacy codec.
_STRAY_HANDLER = "newscrawl-cp1252"


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


codecs.register_error(_STRAY_HANDLER, _stray_as_cp1252)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_STRAY_RATIO = 3  # at least this many well-formed multi-byte characters per stray byte


def _mostly_utf8(data: bytes) -> tuple[str, bool] | None:
    """``data`` as UTF-8 when only a few bytes are not UTF-8 (those read as cp1252), and
    whether all of them are (then the text is exactly ``data`` decoded)."""
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", "replace")
    stray = replaced.count("\ufffd") - data.count("\ufffd".encode())
    if stray <= 0:
        return replaced, False
    multibyte = len(_NON_ASCII.findall(replaced)) - stray
    if multibyte < _STRAY_RATIO * stray:
        return None
    return data.decode("utf-8", _STRAY_HANDLER), False


# A page declared in a Western single-byte charset whose letters are mostly
# outside ASCII is written in another script (cp1251 Cyrillic read as latin-1
# gives "Íîâûé ìîñò"): Western European text has a few accented letters per word.
_WESTERN = frozenset({"cp1252", "iso8859_1", "iso8859_15"})
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LATIN1_LETTER = re.compile(r"[\u00c0-\u00ff]")
_MIN_FOREIGN_LETTERS = 20
_MAX_ACCENTED_SHARE = 0.3


def _implausible_western(text: str) -> bool:
    sample = _MARKUP.sub(" ", text[:60000])
    accented = len(_LATIN1_LETTER.findall(sample))
    if accented < _MIN_FOREIGN_LETTERS:
        return False
    return accented > _MAX_ACCENTED_SHARE * (accented + len(_ASCII_LETTER.findall(sample)))


# When detection ranks codecs as equally likely, the one the web uses most wins.
_PREFERRED = ("utf_8", "cp1252")
_TIE = 0.01


def _detect(data: bytes) -> str | None:
    sample = data if len(data) <= 20000 else data[:10000] + data[-10000:]
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    for preferred in _PREFERRED:
        for match in matches:
            if (
                _codec(match.encoding) == preferred
                and match.chaos <= best.chaos + _TIE
                and match.coherence >= best.coherence - _TIE
            ):
                return preferred
    return _codec(best.encoding)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode the bytes of an HTML page; never raises, replaces what cannot be decoded.

    A byte-order mark wins; then the declarations (HTTP header, then ``<meta>``),
    each believed only when the bytes agree with it: bytes that are valid UTF-8
    with multi-byte characters are UTF-8 whatever a legacy declaration says, a
    UTF-8 declaration over a few stray bytes reads those as cp1252, and a Western
    declaration over text in another script is not believed. Then UTF-8, then
    statistical detection.
    """
    return decode_page(data, content_type)[0]


def decode_page(data: bytes, content_type: str | None = None) -> tuple[str, bytes | None]:
    """:func:`decode_html`, and ``data`` again when the text is exactly ``data`` read as
    UTF-8 (most pages): the parser takes those bytes as they are, no need to encode
    the text back."""
    text, exact_utf8 = _decode(data, content_type)
    return text, data if exact_utf8 else None


def _decode(data: bytes, content_type: str | None) -> tuple[str, bool]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data, codec)
            if text is not None:
                return text, False
    declared = [_codec(charset_from_content_type(content_type))]
    meta = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if meta:
        declared.append(_codec(meta.group(1).decode("ascii", "replace")))
    utf8: str | None = None
    utf8_checked = False
    for codec in declared:
        if codec is None:
            continue
        if codec in {"utf_16", "utf_16_le", "utf_16_be", "utf_32"}:
            continue  # an HTML page that declares UTF-16 in ASCII bytes is not UTF-16
        if codec == "utf_8":
            found = _mostly_utf8(data)
            if found is not None:
                return found
            continue
        if not utf8_checked:
            utf8, utf8_checked = _utf8_multibyte(data), True
        if utf8 is not None:
            return utf8, True  # a legacy label on UTF-8 bytes: the commonest charset mistake
        text = _try(data, codec)
        if text is not None and not (codec in _WESTERN and _implausible_western(text)):
            return text, False
    found = _mostly_utf8(data)
    if found is not None:
        return found
    detected = _detect(data)
    if detected:
        text = _try(data, detected)
        if text is not None:
            return text, False
    return data.decode("utf-8", errors="replace"), False
