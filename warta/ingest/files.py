"""Paths -> raw articles: dispatch on file kind, walk directories, read stdin.

Kinds: ``.txt`` (and any other text) = one plain-text article; ``.html``/``.htm`` (or any
file that starts like HTML) = one page through trafilatura; ``.jsonl`` = one article per
line; ``.csv`` = one article per row; ``-`` = JSON Lines on standard input. Directories
are walked recursively in name order, taking only those known extensions (hidden files
skipped); a file named explicitly is read whatever its extension.

Size limit (``max_bytes``, default 20 MB): a single-article file (text or HTML) larger than
the limit is rejected *before* it is read, with its size in the reason. No real news
article comes near it, and analysing tens of MB as one article would hold a batch for
minutes. For JSON Lines and CSV the limit applies to each record, not the file: a 50 MB
JSONL of ordinary articles is ingested.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, TextIO

from warta.ingest.errors import InputError, Rejected
from warta.ingest.html import html_article, looks_like_html
from warta.ingest.tabular import Columns, Item, csv_articles, jsonl_articles
from warta.ingest.text import decode, text_article

DEFAULT_MAX_BYTES = 20_000_000
TEXT_EXTS = {".txt", ".text", ".md"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
JSONL_EXTS = {".jsonl", ".ndjson"}
CSV_EXTS = {".csv"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS | CSV_EXTS


@dataclass
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    columns: Columns = field(default_factory=Columns)
    date_order: Optional[str] = None  # for numeric CSV/JSONL dates: DMY, MDY or YMD


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def display_name(path: object) -> str:
    """A path as text that can be stored and printed: a name that is not valid UTF-8 (its
    undecodable bytes arrive as lone surrogates) keeps those bytes as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _os_reason(err: OSError, path: Path) -> str:
    """Why a path cannot be read, in words: a symbolic link loop is not a missing file."""
    if err.errno == errno.ELOOP:
        return "symbolic link loop (the link points back at itself), nothing to read"
    if err.errno == errno.ENOENT and path.is_symlink():
        return f"symbolic link to a missing file ({display_name(os.readlink(path))})"
    if err.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {err.strerror or err}"


def read_file(path: Path, options: ReadOptions, source: Optional[str] = None) -> Iterator[Item]:
    """Every article in one file, or the reason it has none."""
    source = source or display_name(path)
    ext = path.suffix.lower()
    record_file = ext in JSONL_EXTS or ext in CSV_EXTS
    try:
        size = path.stat().st_size
        if not record_file and size > options.max_bytes:
            raise InputError(f"file is {_mb(size)}, over the {_mb(options.max_bytes)} limit for one "
                             f"article (--max-bytes)")
        text = decode(path.read_bytes())
    except OSError as err:
        yield Rejected(source, _os_reason(err, path))
        return
    except InputError as err:
        yield Rejected(source, str(err))
        return
    if ext in JSONL_EXTS:
        # Split on "\n" only: str.splitlines() also breaks at U+2028 and other separators
        # that JSON strings may hold unescaped.
        yield from jsonl_articles(text.split("\n"), source, max_bytes=options.max_bytes,
                                  date_order=options.date_order)
    elif ext in CSV_EXTS:
        yield from csv_articles(text, source, columns=options.columns, max_bytes=options.max_bytes,
                                date_order=options.date_order)
    else:
        try:
            if ext in HTML_EXTS or looks_like_html(text):
                yield html_article(text, source)
            else:
                yield text_article(text, source)
        except InputError as err:
            yield Rejected(source, str(err))


def read_stdin(stream: TextIO, options: ReadOptions) -> Iterator[Item]:
    """``-``: JSON Lines on standard input, sources "stdin#N"."""
    yield from jsonl_articles(stream, "stdin", max_bytes=options.max_bytes, date_order=options.date_order)


def _walk(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts):
            continue
        # A link that leads nowhere (a loop, a missing target) is read, so it is reported.
        if path.suffix.lower() in KNOWN_EXTS and (path.is_file() or (path.is_symlink() and not path.exists())):
            yield path


def _count_file(path: Path, options: ReadOptions) -> int:
    """How many items ``read_file`` will give for ``path`` (articles or rejections), cheaply:
    records are counted, not read (a CSV is parsed for its quoted line breaks)."""
    ext = path.suffix.lower()
    try:
        if ext in JSONL_EXTS:
            with path.open("rb") as f:
                return sum(1 for line in f if line.strip())
        if ext in CSV_EXTS:
            csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
            rows = csv.reader(io.StringIO(decode(path.read_bytes()), newline=""))
            return max(sum(1 for row in rows if any(cell.strip() for cell in row)) - 1, 1)
    except (OSError, InputError, csv.Error):
        pass
    return 1


def count_articles(inputs: Iterable[str], options: Optional[ReadOptions] = None) -> Optional[int]:
    """The number of items ``read_inputs`` will give (for progress with a total and the time
    left), or None when one input is stdin (its size is not known in advance)."""
    options = options or ReadOptions()
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        files = list(_walk(path)) if path.is_dir() else [path]
        total += sum(_count_file(file, options) for file in files) or 1
    return total


def read_inputs(inputs: Iterable[str], options: Optional[ReadOptions] = None,
                stdin: Optional[TextIO] = None) -> Iterator[Item]:
    """Raw articles and rejections from paths (files, directories, ``-``), in order."""
    options = options or ReadOptions()
    for name in inputs:
        if name == "-":
            yield from read_stdin(stdin or sys.stdin, options)
            continue
        path = Path(name)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from read_file(file, options)
            if not found:
                yield Rejected(display_name(name), "directory holds no .txt, .html, .jsonl or .csv files")
        else:  # a file, or the reason it cannot be read (missing, a link loop ...)
            yield from read_file(path, options)
