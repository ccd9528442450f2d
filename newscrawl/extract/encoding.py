"""Bytes to text: find the charset a page is really written in.

Order of trust, as browsers do it with one pragmatic exception: the HTTP
``Content-Type`` charset, a byte-order mark, the ``<meta charset>`` /
``http-equiv`` declaration, then statistical detection (charset_normalizer,
already a trafilatura dependency). A declaration is only believed when the
bytes decode under it without error, so a header that says UTF-8 over cp1251
bytes falls through to the next source. The exception: a legacy single-byte
declaration (latin-1, cp1252) over bytes that are valid UTF-8 with multi-byte
sequences is a mislabelled UTF-8 page, the commonest charset mistake on the web.
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
_SINGLE_BYTE_LEGACY = frozenset({"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2"})
_SNIFF_BYTES = 4096


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def _codec(label: str | None) -> str | None:
    """Python codec name for an encoding label, or None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
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


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode the bytes of an HTML page; never raises, replaces what cannot be decoded."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data, codec)
            if text is not None:
                return text
    declared = [_codec(charset_from_content_type(content_type))]
    meta = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if meta:
        declared.append(_codec(meta.group(1).decode("ascii", "replace")))
    for codec in declared:
        if codec is None:
            continue
        if codec in {"utf_16", "utf_16_le", "utf_16_be", "utf_32"}:
            continue  # an HTML page that declares UTF-16 in ASCII bytes is not UTF-16
        if codec in _SINGLE_BYTE_LEGACY:
            utf8 = _utf8_multibyte(data)
            if utf8 is not None:
                return utf8
        text = _try(data, codec)
        if text is not None:
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data if len(data) <= 20000 else data[:10000] + data[-10000:]
    best = from_bytes(sample).best()
    if best is not None and best.encoding:
        text = _try(data, _codec(best.encoding))
        if text is not None:
            return text
    return data.decode("utf-8", errors="replace")
