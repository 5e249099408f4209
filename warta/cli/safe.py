"""Text from articles made safe for a terminal (issue 10): shown, never interpreted.

Control characters (ESC starts ANSI/OSC sequences that recolour, retitle or hyperlink the
terminal) and bidi overrides (U+202E reverses what follows) are replaced by visible
stand-ins, and the result is a rich ``Text``, which rich never parses as markup ("[/]" in a
title crashed `warta list`; "[link=...]" became a link the article's author chose).
"""

from __future__ import annotations

import unicodedata

from rich.text import Text

# Visible stand-ins: the Unicode "control pictures" for C0 controls and DEL, \\uXXXX else.
_TAB_NEWLINE = {"\t", "\n"}


def visible(value: object) -> str:
    """``value`` as a string with control, format (bidi) and unpaired surrogate
    characters made visible; tabs and line breaks kept."""
    text = "" if value is None else str(value)
    out = []
    for ch in text:
        if ch in _TAB_NEWLINE:
            out.append(ch)
        elif ord(ch) < 0x20:
            out.append(chr(0x2400 + ord(ch)))  # "\x1b" -> "␛"
        elif ord(ch) == 0x7F:
            out.append("\u2421")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            out.append(f"\\u{ord(ch):04x}")  # C1 controls, bidi overrides, zero-width marks
        else:
            out.append(ch)
    return "".join(out)


def safe(value: object) -> Text:
    """A rich ``Text`` of ``visible(value)``: printed as is, no markup."""
    return Text(visible(value))
