"""Stored near-duplicate signatures (migration 10): the SQL both backends share.

Per article (``warta.corpus.wire.stored_parts`` / ``stored_signature``):

- ``wire_paragraphs``: the digest of each paragraph that can be boilerplate, with the
  article's outlet, body key and filing key, and whether its signature left it out
  (``dropped``). A paragraph is its outlet's boilerplate when it is in
  ``BOILERPLATE_MIN_ARTICLES`` different bodies under as many filings: one GROUP BY.
- ``wire_signatures``: the MinHash signature (64 uint32) of the body without its outlet's
  boilerplate; NULL when too short to fingerprint (the row says "done").
- ``wire_bands``: the signature's LSH band keys, indexed on (band, key): articles sharing
  one are the candidate pairs a listing compares.

Written in the transaction that stores, rewrites or deletes the article. An article's
signature uses the boilerplate known when it was written; when a later article makes one
of its paragraphs boilerplate (or a delete makes it stop being so), its ``dropped`` flags
disagree with the GROUP BY and ``wire_stale`` names it: the next listing rewrites it
(``warta.corpus.wire.catch_up``), as it writes the rows of articles stored before the
migration.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from warta.store.story_sql import Dialect

_CHUNK = 5000
WIRE_LOCK = 0x77697265  # "wire": PostgreSQL advisory lock of the catch-up writes


def schema(bigint: str, blob: str) -> str:
    """The tables of migration 10 in a backend's types (64-bit integer, bytes)."""
    return f"""
CREATE TABLE wire_paragraphs (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    outlet     TEXT NOT NULL,
    paragraph  {bigint} NOT NULL,
    body_key   {bigint} NOT NULL,
    filing_key {bigint} NOT NULL,
    dropped    INTEGER NOT NULL,
    PRIMARY KEY (article_id, paragraph)
);
CREATE INDEX wire_paragraphs_outlet ON wire_paragraphs (outlet, paragraph, body_key, filing_key, dropped);
CREATE TABLE wire_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature  {blob}
);
CREATE TABLE wire_bands (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    band       INTEGER NOT NULL,
    key        {bigint} NOT NULL,
    PRIMARY KEY (article_id, band)
);
CREATE INDEX wire_bands_key ON wire_bands (band, key, article_id);
"""


def _ints_in(d: Dialect, column: str, values: Sequence[int]) -> tuple[str, list]:
    if d.sqlite:
        return d.in_list(column, values)
    return f"{column} = ANY({d.mark}::bigint[])", [list(values)]


def _boilerplate() -> str:
    """The HAVING condition of a paragraph group that is its outlet's boilerplate (the same
    in both backends)."""
    from warta.corpus.wire import BOILERPLATE_MIN_ARTICLES as n

    return f"(count(DISTINCT body_key) >= {int(n)} AND count(DISTINCT filing_key) >= {int(n)})"


class WireTables:
    """The wire rows of a store. The class using it provides ``_dialect``,
    ``_read(sql, params)`` (rows as mappings), ``_transaction()`` (a cursor in a write
    transaction), ``_stream(sql, params)`` (rows as tuples, fetched a page at a time) and
    ``_WIRE_TEXT`` (the join and column holding an article's clean text)."""

    _dialect: Dialect
    _WIRE_TEXT: tuple[str, str]

    # -- writing (inside the caller's transaction) -------------------------------------
    def _write_wire(self, cur, articles: Iterable) -> None:
        """The wire rows of these articles (anything with id, title, outlet, text), whose
        old rows are gone: their paragraph rows first, then which of those paragraphs are
        boilerplate now (one query per outlet: the batch's own rows count), then the
        signatures without them. A few statements per batch, not per article."""
        from warta.corpus.wire import stored_parts, stored_signature

        d = self._dialect
        m = d.mark
        arts = list(articles)
        parts = [stored_parts(a) for a in arts]
        rows = [(a.id, p.outlet, q, p.body, p.filing) for a, p in zip(arts, parts) for q in p.paragraphs]
        if not arts:
            return
        boiler: set[tuple[str, int]] = set()
        if rows:
            cur.executemany("INSERT INTO wire_paragraphs (article_id, outlet, paragraph, body_key, filing_key, dropped) "
                            f"VALUES ({m}, {m}, {m}, {m}, {m}, 0)", rows)
            by_outlet: dict[str, set[int]] = {}
            for _, outlet, paragraph, _, _ in rows:
                by_outlet.setdefault(outlet, set()).add(paragraph)
            for outlet, paragraphs in by_outlet.items():
                cond, params = _ints_in(d, "paragraph", sorted(paragraphs))
                cur.execute(f"SELECT paragraph FROM wire_paragraphs WHERE outlet = {m} AND {cond} "
                            f"GROUP BY paragraph HAVING {_boilerplate()}", [outlet, *params])
                boiler.update((outlet, r["paragraph"]) for r in cur.fetchall())
        dropped = [{q for q in p.paragraphs if (p.outlet, q) in boiler} for p in parts]
        marks = [(a.id, q) for a, gone in zip(arts, dropped) for q in gone]
        if marks:
            cur.executemany(f"UPDATE wire_paragraphs SET dropped = 1 WHERE article_id = {m} AND paragraph = {m}", marks)
        signed = [stored_signature(a, gone) for a, gone in zip(arts, dropped)]
        cur.executemany(f"INSERT INTO wire_signatures (article_id, signature) VALUES ({m}, {m})",
                        [(a.id, sig[0] if sig else None) for a, sig in zip(arts, signed)])
        bands = [(a.id, band, key) for a, sig in zip(arts, signed) if sig for band, key in sig[1]]
        if bands:
            cur.executemany(f"INSERT INTO wire_bands (article_id, band, key) VALUES ({m}, {m}, {m})", bands)

    def _forget_wire(self, cur, article_ids: Sequence[str]) -> None:
        for i in range(0, len(article_ids), _CHUNK):
            cond, params = self._dialect.in_list("article_id", list(article_ids[i:i + _CHUNK]))
            for table in ("wire_bands", "wire_signatures", "wire_paragraphs"):
                cur.execute(f"DELETE FROM {table} WHERE {cond}", params)

    # -- catching up ---------------------------------------------------------------------
    def wire_count(self) -> int:
        """How many articles have their wire rows (made, or judged too short)."""
        return self._read("SELECT count(*) AS n FROM wire_signatures")[0]["n"]

    def wire_missing(self, limit: int) -> list[str]:
        """Ids of up to ``limit`` stored articles without wire rows, in ingestion order."""
        return [r["id"] for r in self._read(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM wire_signatures w "
            f"WHERE w.article_id = a.id) ORDER BY a.seq LIMIT {self._dialect.mark}", [limit])]

    def wire_stale(self) -> list[str]:
        """Ids of the articles whose signature left out other paragraphs than their
        outlet's boilerplate now is (see the module docstring), in ingestion order."""
        b = _boilerplate()
        return [r["article_id"] for r in self._read(
            "SELECT p.article_id FROM wire_paragraphs p JOIN ("
            f"SELECT outlet, paragraph, CASE WHEN {b} THEN 1 ELSE 0 END AS boiler FROM wire_paragraphs "
            f"GROUP BY outlet, paragraph HAVING min(dropped) != max(dropped) OR min(dropped) != "
            f"CASE WHEN {b} THEN 1 ELSE 0 END) s ON s.outlet = p.outlet AND s.paragraph = p.paragraph "
            "JOIN articles a ON a.id = p.article_id "
            "WHERE p.dropped != s.boiler GROUP BY p.article_id ORDER BY min(a.seq)")]

    def write_wire(self, article_ids: Sequence[str]) -> None:
        """(Re)make the wire rows of these articles from their stored text, one transaction."""
        join, column = self._WIRE_TEXT
        texts = []
        for i in range(0, len(article_ids), _CHUNK):
            cond, params = self._dialect.in_list("a.id", list(article_ids[i:i + _CHUNK]))
            texts += [_Text(r["id"], r["title"], r["outlet"], r["text"]) for r in self._read(
                f"SELECT a.id, a.title, a.outlet, {column} AS text FROM articles a {join} WHERE {cond} "
                "ORDER BY a.seq", params)]
        with self._transaction() as cur:
            if not self._dialect.sqlite:  # two servers' first listings catching up at once: one at a time
                cur.execute(f"SELECT pg_advisory_xact_lock({WIRE_LOCK})")
            self._forget_wire(cur, [t.id for t in texts])
            self._write_wire(cur, texts)  # all their paragraphs stored before any is judged

    # -- reading -----------------------------------------------------------------------
    def wire_buckets(self) -> Iterator[list[str]]:
        """The ids of the articles sharing a band key, per key two articles or more share."""
        ids = ("group_concat(article_id, char(31))" if self._dialect.sqlite
               else "string_agg(article_id, chr(31))")  # unit separator: in no id
        for (joined,) in self._stream(f"SELECT {ids} FROM wire_bands GROUP BY band, key HAVING count(*) > 1", []):
            yield joined.split("\x1f")

    def wire_signatures(self, article_ids: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """(article id, signature bytes) of these articles that have one."""
        for i in range(0, len(article_ids), _CHUNK):
            cond, params = self._dialect.in_list("article_id", list(article_ids[i:i + _CHUNK]))
            for r in self._read(f"SELECT article_id, signature FROM wire_signatures WHERE {cond} "
                                "AND signature IS NOT NULL", params):
                yield r["article_id"], bytes(r["signature"])

    def wire_members(self, article_ids: Sequence[str]) -> list:
        """``corpus.wire.Member`` rows (the articles' columns, no JSON) of these articles."""
        from warta.corpus.wire import Member

        out = []
        for i in range(0, len(article_ids), _CHUNK):
            cond, params = self._dialect.in_list("id", list(article_ids[i:i + _CHUNK]))
            out += [Member(r["id"], r["title"], r["outlet"], r["published"], r["seq"]) for r in self._read(
                f"SELECT id, title, outlet, published, seq FROM articles WHERE {cond}", params)]
        return out


class _Text:
    """What the wire rows are made from: an article's id, headline, outlet and clean text."""

    __slots__ = ("id", "title", "outlet", "text")

    def __init__(self, id: str, title, outlet, text: str) -> None:  # noqa: A002
        self.id, self.title, self.outlet, self.text = id, title, outlet, text
