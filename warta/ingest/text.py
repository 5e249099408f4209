"""Bytes -> text: encoding detection and plain-text articles.

UTF-8 is tried first (strict, and by far the most common); anything else goes to
charset-normalizer. Its best guess for short Western single-byte text is often a Central
European code page (cp1250 turns "è" into "č"), so among equally clean candidates we
prefer cp1252, a superset of Latin-1's printable range: Indonesian is written in ASCII and
the non-ASCII characters in legacy news files are Western names and typography.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from warta.ingest.errors import InputError
from warta.model import RawArticle

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
         codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_SNIFF_BYTES = 8192  # enough to see NUL bytes of a binary header


def decode(data: bytes) -> str:
    """Decode file bytes to text, or raise ``InputError`` with a reason a person can act on."""
    if not data:
        raise InputError("empty file")
    has_bom = data.startswith(_BOMS)
    if not has_bom and b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("not text: no character encoding decodes it")
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos:
            best = match
            break
    text = str(best)
    if "\x00" in text:
        raise InputError("binary file (contains NUL characters), not text")
    return text


def text_article(text: str, source: str) -> RawArticle:
    """A plain-text file is one article: its decoded text is the raw text, as is."""
    if not text.strip():
        raise InputError("no text (only whitespace)")
    return RawArticle(raw_text=text, source=source)
