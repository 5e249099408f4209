"""Export writers: stored Articles as JSON Lines, CSV or Parquet (the CLI's ``warta export``;
the HTTP API can stream the same rows).

jsonl keeps each whole Article; csv and parquet have one row per article: metadata, clean
text and the number of annotations of each stored kind (``n_entities``, ...; they follow
``warta.model.STORED_KINDS``); parquet also the whole JSON in a ``json`` column."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Iterable

from warta.model import STORED_KINDS, Article

FORMATS = ("jsonl", "csv", "parquet")
ARTICLE_COLUMNS = ("id", "source", "url", "title", "outlet", "published", "language", "text")
COUNT_COLUMNS = tuple(f"n_{kind.name}" for kind in STORED_KINDS)


def flat_row(article: Article) -> dict:
    """One article as a flat row: its metadata columns and annotation counts."""
    row = {name: getattr(article, name) for name in ARTICLE_COLUMNS}
    for kind in STORED_KINDS:
        row[f"n_{kind.name}"] = len(getattr(article, kind.name))
    return row


def write_text(format: str, articles: Iterable[Article], stream: IO[str]) -> int:
    """Write jsonl or csv to an open text stream; how many articles were written."""
    n = 0
    writer = None
    if format == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(ARTICLE_COLUMNS) + list(COUNT_COLUMNS))
        writer.writeheader()
    for article in articles:
        if writer is None:
            stream.write(article.model_dump_json() + "\n")
        else:
            writer.writerow({k: _no_formula(v) for k, v in flat_row(article).items()})
        n += 1
    return n


# OWASP "CSV injection": a spreadsheet runs a cell starting with = + - @ (or a tab or
# carriage return before one) as a formula ("=HYPERLINK(...)" from a scraped title). Such
# text cells get a leading apostrophe, which spreadsheets show as text; numbers are kept.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _no_formula(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_parquet(articles: Iterable[Article], path: Path) -> int:
    """Write a Parquet file (needs pyarrow: the ``parquet`` extra); how many articles."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [dict(flat_row(a), json=a.model_dump_json()) for a in articles]
    pq.write_table(pa.Table.from_pylist(rows), str(path))
    return len(rows)
