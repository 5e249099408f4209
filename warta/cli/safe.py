"""Text from articles made safe for a terminal (issue 10): shown, never interpreted.

Control characters (ESC starts ANSI/OSC sequences that recolour, retitle or hyperlink the
terminal) and bidi overrides (U+202E reverses what follows) are replaced by visible
stand-ins, and the result is a rich ``Text``, which rich never parses as markup ("[/]" in a
title crashed `warta list`; "[link=...]" became a link the article's author chose).

Every command prints through this module: ``out``/``err`` (the consoles), ``Table`` (each
plain-string cell made safe), ``line`` (a line from styled parts), ``say``/``fail`` (a
message with values from the data), ``json_text`` (JSON whose strings cannot carry a
control or bidi character raw). Markup is only ever written by warta itself, in the
``style`` of a part, never inside a value.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any, Union

import typer
from rich.console import Console
from rich.table import Table as _RichTable
from rich.text import Text

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
            out.append(chr(0x2400 + ord(ch)))  # "\x1b" -> "␛" (the Unicode control pictures)
        elif ord(ch) == 0x7F:
            out.append("\u2421")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            out.append(f"\\u{ord(ch):04x}")  # C1 controls, bidi overrides, zero-width marks
        else:
            out.append(ch)
    return "".join(out)


def visible_line(value: object) -> str:
    """``visible`` on one line: line breaks and tabs become spaces too."""
    return " ".join(visible(value).split()) if value is not None else ""


def safe(value: object, style: str = "") -> Text:
    """A rich ``Text`` of ``visible(value)``: printed as is, no markup."""
    return value if isinstance(value, Text) else Text(visible(value), style=style)


Part = Union[str, Text, tuple[object, str], None]


def line(*parts: Part) -> Text:
    """One printable line from parts: a value (made visible), a ``Text`` (kept), or
    ``(value, style)``. Styles are warta's; values never become markup."""
    text = Text()
    for part in parts:
        if part is None:
            continue
        if isinstance(part, Text):
            text.append_text(part)
        elif isinstance(part, tuple):
            text.append(visible(part[0]), style=part[1])
        else:
            text.append(visible(part))
    return text


class Table(_RichTable):
    """A rich table whose string cells are data: each is shown as ``safe`` text."""

    def add_row(self, *renderables: Any, **kwargs: Any) -> None:
        super().add_row(*[safe(r) if isinstance(r, str) or r is None else r for r in renderables], **kwargs)


def _console(stderr: bool = False) -> Console:
    # Piped output gets a fixed width wide enough for the tables (rich's default is 80).
    probe = Console(stderr=stderr)
    return Console(stderr=stderr, width=None if probe.is_terminal else 160, highlight=False)


out = _console()
err = _console(stderr=True)


def say(*parts: Part, stderr: bool = False, **kwargs: Any) -> None:
    """Print one line of parts (see ``line``) on stdout, or stderr."""
    (err if stderr else out).print(line(*parts), **kwargs)


def fail(*parts: Part, code: int = 2) -> typer.Exit:
    """Print 'error: ...' (values made visible) on stderr; return the Exit to raise."""
    err.print(line(("error:", "red"), " ", *parts), soft_wrap=True)
    return typer.Exit(code)


def _escape_controls(text: str) -> str:
    # json.dumps(ensure_ascii=False) escapes C0 controls but writes DEL, C1 controls and
    # bidi/format characters raw; inside a JSON string \\uXXXX is the same character.
    out = []
    for ch in text:
        if ord(ch) >= 0x7F and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def json_text(value: Any, **kwargs: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` with every control and bidi character
    escaped: the same JSON to a parser, inert on a terminal."""
    return _escape_controls(json.dumps(value, ensure_ascii=False, **kwargs))
