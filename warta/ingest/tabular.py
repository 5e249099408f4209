"""Record files: JSON Lines (one article per line) and CSV (one article per row).

A bad record rejects that record only ("line 7: not valid JSON"); the others go on."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from dataclasses import dataclass, fields
from typing import Iterable, Iterator, Optional, Union

from warta.ingest.dates import normalise_date
from warta.ingest.errors import InputError, Rejected
from warta.ingest.html import html_article
from warta.model import RawArticle, unpaired_surrogate

Item = Union[RawArticle, Rejected]
# A record kept with a field left out (a `published` that is no date) is said here, as a
# warning naming the record and the value; `warta ingest` prints it on stderr.
log = logging.getLogger("warta.ingest")


@dataclass
class Columns:
    """Which CSV column holds what. Unset ones are found among ``DEFAULT_NAMES``."""

    text: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    date: Optional[str] = None
    id: Optional[str] = None
    outlet: Optional[str] = None
    html: Optional[str] = None


# Header names recognised without options (case-insensitive), including the Indonesian
# ones of common scraped datasets (judul = headline, tautan = link, tanggal = date,
# isi_berita = article body).
DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "isi_berita", "isi", "content", "body", "article", "berita"),
    "title": ("title", "judul", "headline", "judul_berita"),
    "url": ("url", "tautan", "link"),
    "date": ("published", "date", "tanggal", "datetime", "waktu", "tanggal_publikasi"),
    # No default for ids: scraped CSVs number their rows 1..N, and two such files would
    # collide on "1". A CSV id is used only when --id-col names the column.
    "id": (),
    "outlet": ("outlet", "source", "media", "sumber", "sumber_berita"),
    "html": ("html",),
}


def _record_article(record: dict, source: str, date_order: Optional[str]) -> RawArticle:
    """One record (JSON object or CSV row, already mapped to our field names)."""
    text, html = record.get("text"), record.get("html")
    given = dict(
        id=str(record["id"]) if record.get("id") not in (None, "") else None,
        url=record.get("url") or None,
        title=(str(record["title"]).strip() or None) if record.get("title") else None,
        outlet=record.get("outlet") or None,
        published=normalise_date(record.get("published"), date_order),
    )
    if given["published"] is None and str(record.get("published") or "").strip():
        log.warning("%s: 'published' %r is not a date; stored without one (see --date-order)",
                    source, record["published"])
    if isinstance(text, str) and text.strip():
        return RawArticle(raw_text=text, source=source, **given)
    if isinstance(html, str) and html.strip():
        raw = html_article(html, source, url=given["url"])
        # What the record says beats what the page says.
        return raw.model_copy(update={k: v for k, v in given.items() if v is not None})
    if given["title"] and not (isinstance(text, str) and text.strip()) and not html:
        # A title-only record (an RSS item, a headline list such as Narasipal): the
        # headline is the text, so it is analysed and clustered into stories like any other.
        return RawArticle(raw_text=given["title"], source=source, **given)
    if text is not None or html is not None:
        raise InputError("empty 'text'")
    raise InputError("no 'text', 'html' or 'title' field")


_TEXT_FIELDS = ("text", "html", "title", "url", "outlet", "published", "id")


def _field_problem(record: dict) -> Optional[str]:
    """Why a JSON record's fields cannot be read as text, or None: a number or a list where
    a string belongs, or an unpaired UTF-16 surrogate ("\\udcff" is valid JSON, but no
    character: it could be neither hashed nor stored)."""
    for name in _TEXT_FIELDS:
        value = record.get(name)
        if value is None or (name == "id" and isinstance(value, int) and not isinstance(value, bool)):
            continue
        if not isinstance(value, str):
            kind = {bool: "a boolean", int: "a number", float: "a number", list: "a list",
                    dict: "an object"}.get(type(value), type(value).__name__)
            return f"'{name}' is {kind}, not a string"
        bad = unpaired_surrogate(value)
        if bad:
            return f"'{name}' holds an unpaired surrogate (\\u{ord(bad.group()):04x}) at character {bad.start()}, which is not text"
    return None


def jsonl_articles(lines: Iterable[str], source: str, *, max_bytes: int,
                   date_order: Optional[str] = None) -> Iterator[Item]:
    """Each non-blank line: a JSON object with ``text`` or ``html`` and optional ``id, url,
    title, outlet, published``."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}#{number}"
        # surrogatepass: a line read with surrogate escapes (stdin in the C locale, bytes
        # that are not UTF-8) is measured, not crashed on; its record is refused below.
        if len(line) > max_bytes or len(line.encode("utf-8", "surrogatepass")) > max_bytes:
            yield Rejected(where, f"line {number}: record over the {max_bytes:,}-byte limit (--max-bytes)")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            yield Rejected(where, f"line {number}: not valid JSON")
            continue
        if not isinstance(record, dict):
            yield Rejected(where, f"line {number}: not a JSON object")
            continue
        problem = _field_problem(record)
        if problem:
            yield Rejected(where, f"line {number}: {problem}")
            continue
        try:
            yield _record_article(record, where, date_order)
        except InputError as err:
            yield Rejected(where, f"line {number}: {err}")


def _resolve_columns(header: list[str], given: Columns) -> dict[str, str]:
    """our field -> CSV column; explicit options first, then the default names."""
    by_lower = {name.strip().lower(): name for name in header}
    resolved: dict[str, str] = {}
    for f in fields(Columns):
        explicit = getattr(given, f.name)
        if explicit:
            if explicit not in header:
                raise InputError(f"CSV has no column {explicit!r} (columns: {', '.join(header)})")
            resolved[f.name] = explicit
            continue
        for candidate in DEFAULT_NAMES[f.name]:
            if candidate in by_lower:
                resolved[f.name] = by_lower[candidate]
                break
    if not {"text", "html", "title"} & set(resolved):
        raise InputError(f"CSV has no text or title column (columns: {', '.join(header)}); name it with --text-col")
    return resolved


def csv_articles(text: str, source: str, *, columns: Columns, max_bytes: int,
                 date_order: Optional[str] = None) -> Iterator[Item]:
    """Each row is an article; ``source`` is "path#N" with N the line the row starts on."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""))  # csv's own newline handling
    try:
        header = next(reader)
    except StopIteration:
        yield Rejected(source, "empty CSV")
        return
    try:
        mapping = _resolve_columns(header, columns)
    except InputError as err:
        yield Rejected(source, str(err))
        return
    index = {name: i for i, name in enumerate(header)}
    field_for = {"date": "published"}
    row_start = reader.line_num + 1
    for row in reader:
        where = f"{source}#{row_start}"
        line = row_start
        row_start = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if sum(len(cell) for cell in row) > max_bytes:
            yield Rejected(where, f"line {line}: row over the {max_bytes:,}-byte limit (--max-bytes)")
            continue
        record = {field_for.get(ours, ours): row[index[col]] if index[col] < len(row) else None
                  for ours, col in mapping.items()}
        try:
            yield _record_article(record, where, date_order)
        except InputError as err:
            yield Rejected(where, f"line {line}: {err}")
