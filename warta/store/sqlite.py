"""The default store: one SQLite file (WAL journal, FTS5 full-text index).

Whole Articles are kept as their JSON contract; each stored annotation kind
(``warta.model.STORED_KINDS``) is also flattened into a table of its own, its columns the
annotation's fields, so it can be queried across articles without parsing JSON. Numbered
migrations (``migrations/``) build the schema; a kind declared in the model but missing
from the database gets its table (or a new field its column) when the store opens."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote
from typing import Iterable, Iterator, Optional, Sequence, Union

from warta import settings
from warta.ids import content_id
from warta.store.columns import column_definitions as _columns_for
from warta.model import STORED_KINDS, AnnotationKind, Article, annotation_kind
from warta.store.base import (ARTICLE_KEYS, ArticleQuery, DatabaseProblem, Known, SaveResult, SearchHit,
                              SearchSyntaxError, Store,
                              check_filters)
from warta.store.migrations import LATEST, migrations
from warta.store.entity_link_sql import EntityLinkTables
from warta.store.story_sql import SQLITE, StoryTables
from warta.store.wire_sql import WireTables

# Snippet highlight markers (markdown bold): readable as plain text, easy to restyle.
HIGHLIGHT = ("**", "**")
_WORD = re.compile(r"\w+", re.UNICODE)
# SQLite allows 32766 bound parameters per statement; stay well below.
_MAX_PARAMS = 900


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _insert_sql(kind: AnnotationKind) -> str:
    cols = ("article_id",) + kind.fields
    return f"INSERT INTO {kind.name} ({_quoted(cols)}) VALUES ({', '.join('?' * len(cols))})"


_INSERTS = {kind.name: _insert_sql(kind) for kind in STORED_KINDS}


def column_definitions(kind: AnnotationKind) -> dict[str, str]:
    """Column -> SQL type and constraint, for the table of ``kind`` (after article_id)."""
    return _columns_for(kind, {int: "INTEGER", float: "REAL"})


def table_sql(kind: AnnotationKind) -> str:
    columns = ", ".join(f'"{n}" {t}' for n, t in column_definitions(kind).items())
    return (f"CREATE TABLE {kind.name} (article_id TEXT NOT NULL REFERENCES articles (id), {columns});\n"
            f"CREATE INDEX {kind.name}_article ON {kind.name} (article_id);")


def safe_fts_query(query: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: every word quoted,
    all required (used when the query as typed is not valid FTS5 syntax)."""
    return " ".join(f'"{w}"' for w in _WORD.findall(query))


def _facet_counts(groups: Iterable[tuple]) -> dict[str, dict[str, int]]:
    """(outlet, day, n) groups -> the outlet and date facets, 100 largest of each."""
    outlets: dict[str, int] = {}
    days: dict[str, int] = {}
    for outlet, day, n in groups:
        outlets[outlet or "unknown"] = outlets.get(outlet or "unknown", 0) + n
        days[day or "unknown"] = days.get(day or "unknown", 0) + n
    top = lambda counts: dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:100])  # noqa: E731
    return {"outlet": top(outlets), "date": top(days)}


def _chunks(values: Sequence[str], size: int = _MAX_PARAMS) -> Iterator[Sequence[str]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def problem(exc: sqlite3.Error, path: Union[str, Path]) -> DatabaseProblem:
    """What an SQLite error means for the user of ``path``, in one line."""
    message = str(exc)
    if "locked" in message or "busy" in message:
        return DatabaseProblem(f"{path} is locked by another process (an ingest running?): "
                               "try again when it has finished")
    if "readonly" in message or "read-only" in message:
        return DatabaseProblem(f"{path} is read-only and this command writes to it; read commands "
                               "(list, show, search, ...) work on it")
    if "not a database" in message:
        return DatabaseProblem(f"{path} is not an SQLite database (give a warta database with --db)")
    if "unable to open" in message:
        return DatabaseProblem(f"cannot open {path}: check that it is a file you may read")
    if "disk" in message and ("full" in message or "I/O" in message):
        return DatabaseProblem(f"cannot write {path}: {message}")
    return DatabaseProblem(f"cannot use {path}: {message}")


def _check_location(path: Path, read_only: bool, create_folder: bool) -> None:
    if path.is_dir():
        raise DatabaseProblem(f"{path} is a directory, not a database file: give a file with --db")
    if path.exists():
        if not read_only and not os.access(path, os.W_OK):  # say so before any work is done
            raise problem(sqlite3.OperationalError("readonly"), path)
        return
    if read_only:
        raise DatabaseProblem(f"no database at {path}: create one with `warta ingest FILES --db {path}` "
                              "(or `warta demo`)")
    if not path.parent.is_dir():
        if not create_folder:
            raise DatabaseProblem(f"cannot create {path}: the folder {path.parent} does not exist")
        path.parent.mkdir(parents=True, exist_ok=True)


def _read_only_connection(path: str) -> sqlite3.Connection:
    """A connection that cannot write. A WAL database needs its -shm file: in a folder the
    user may not write, with none left over, SQLite refuses even to read, so the file is
    then opened as immutable (nobody can be writing it: the folder is read-only)."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc) and "unable to open" not in str(exc):
            raise
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    return conn


class SQLiteStore(StoryTables, WireTables, EntityLinkTables, Store):
    """``read_only``: open with SQLite's mode=ro (read commands; works on a file or folder
    the user may not write) and never migrate. Every problem opening the file (missing,
    a directory, not SQLite, locked, read-only when writing, a newer schema) is a
    ``DatabaseProblem`` with a one-line message. ``create_folder``: make a missing parent
    folder (the default location) instead of refusing (a mistyped --db)."""

    _dialect = SQLITE
    _WIRE_TEXT = ("LEFT JOIN articles_fts f ON f.rowid = a.seq", "coalesce(f.text, '')")
    _row_order = "rowid"
    _entity_fields = annotation_kind("entities").fields

    def __init__(self, path: Union[str, Path], read_only: bool = False, create_folder: bool = True) -> None:
        self.path = str(path)
        self.read_only = read_only
        if self.path != ":memory:":
            _check_location(Path(self.path), read_only, create_folder)
        try:
            self._open()
        except sqlite3.Error as exc:
            raise problem(exc, self.path) from None

    def _open(self) -> None:
        if self.read_only:
            self.conn = _read_only_connection(self.path)
        else:
            # Autocommit mode: transactions are opened explicitly, one per batch.
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {int(settings.DB_BUSY_SECONDS * 1000)}")
        # One snapshot for both reads: another process may commit the first migration of this
        # new file between them (version 0, then tables: "not warta's" by mistake).
        self.conn.execute("BEGIN")
        try:
            version = self.schema_version  # reads the header: "file is not a database" here
            tables = version == 0 and self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            self.conn.execute("COMMIT")
        if tables:
            self.conn.close()
            raise DatabaseProblem(f"{self.path} is an SQLite database, but not warta's (give a warta "
                                  "database with --db)")
        if version > LATEST:
            self.conn.close()
            raise DatabaseProblem(f"{self.path} has schema version {version}, newer than this warta knows "
                                  f"({LATEST}): upgrade warta")
        if self.read_only:
            if version == LATEST:
                return
            self.conn.close()
            if version == 0 or not os.access(self.path, os.W_OK):
                what = "is not a warta database" if version == 0 else \
                    f"has schema version {version}, older than this warta ({LATEST}), and cannot be upgraded here"
                raise DatabaseProblem(f"{self.path} {what}")
            self.read_only = False  # an older schema the user may write: upgrade it, as a write would
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {int(settings.DB_BUSY_SECONDS * 1000)}")
        self._use_wal()
        self.conn.execute("PRAGMA synchronous = NORMAL")  # durable at each WAL checkpoint; safe with WAL
        self.conn.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _use_wal(self) -> None:
        """Switch a new database to the WAL journal. The switch needs the file to itself and
        SQLite answers "locked" at once instead of calling the busy handler, so processes
        opening one new database together (three ingests started at once) would fail: wait
        here instead, up to the busy timeout."""
        deadline = time.monotonic() + settings.DB_BUSY_SECONDS
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01 + random.random() * 0.04)

    # -- schema -------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        for version, _name, sql in migrations():
            if version <= self.schema_version:
                continue
            # The version bump commits with the migration, or neither happens.
            self._apply(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;",
                        done=lambda v=version: self.schema_version >= v)
        statements = self._missing_kinds()
        if statements:
            self._apply("BEGIN IMMEDIATE;\n" + "\n".join(statements) + "\nCOMMIT;", done=lambda: not self._missing_kinds())
        self.fill_entity_links()  # once, after migration 11 (Python: not in its SQL)

    def _apply(self, script: str, done) -> None:
        """Run a schema change. Several warta processes opening one new or older database at
        once (three ingests started together) all see it out of date; the first applies the
        change, the others' attempt then fails ("duplicate column name"): that is success,
        when ``done()`` says the change is there."""
        try:
            self.conn.executescript(script)
        except sqlite3.OperationalError:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if not done():
                raise

    def _missing_kinds(self) -> list[str]:
        """Tables for annotation kinds, and columns for fields, that the model declares
        and no migration created yet (additive only: nothing is dropped or retyped)."""
        statements = []
        for kind in STORED_KINDS:
            have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({kind.name})")}
            if not have:
                statements.append(table_sql(kind))
                continue
            for name, sql_type in column_definitions(kind).items():
                if name not in have:  # a new column cannot be NOT NULL: old rows have none
                    statements.append(f'ALTER TABLE {kind.name} ADD COLUMN "{name}" '
                                      f'{sql_type.replace(" NOT NULL", "")};')
        return statements

    # -- writing ------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Cursor]:
        """One write transaction: BEGIN IMMEDIATE (waits for another writer up to the busy
        timeout), committed when the block ends, rolled back on any error or interrupt."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def _transaction(self):
        return self._writing()

    def _read(self, sql: str, params: Sequence = ()) -> list:
        return self.conn.execute(sql, params).fetchall()

    def _stream(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        cur = self.conn.execute(sql, params)
        while rows := cur.fetchmany(4096):
            yield from (tuple(r) for r in rows)

    def save(self, articles: Iterable[Article], content_ids: Optional[Sequence[str]] = None,
             inputs: Optional[Sequence[Optional[str]]] = None) -> SaveResult:
        result, stored = SaveResult(), []
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._writing() as cur:
            for i, article in enumerate(articles):
                digest = content_ids[i] if content_ids is not None else content_id(article.raw_text)
                cur.execute(
                    "INSERT OR IGNORE INTO articles (id, content_hash, title, outlet, published, "
                    "language, source, url, ingested_at, json, input) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (article.id, digest, article.title, article.outlet,
                     article.published, article.language, article.source, article.url, now,
                     article.model_dump_json(), inputs[i] if inputs is not None else None))
                if cur.rowcount != 1:  # same id or same content already stored
                    result.duplicates += 1
                    continue
                result.stored += 1
                self._index(cur, cur.lastrowid, article)
                stored.append(article)
            self._write_wire(cur, stored)
            self._change_link_counts(cur, self._article_link_counts(stored))
        return result

    @staticmethod
    def _index(cur: sqlite3.Cursor, seq: int, article: Article) -> None:
        """The search entry and annotation rows of a stored article."""
        cur.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                    (seq, article.title or "", article.text))
        for kind in STORED_KINDS:
            rows = [(article.id,) + tuple(ann.model_dump().get(c) for c in kind.fields)
                    for ann in getattr(article, kind.name)]
            if rows:
                cur.executemany(_INSERTS[kind.name], rows)

    def replace(self, articles: Sequence[Article]) -> int:
        replaced = 0
        with self._writing() as cur:
            links = self._stored_link_counts(cur, [a.id for a in articles])  # before they change
            done = []
            for article in articles:
                row = cur.execute(
                    "UPDATE articles SET title = ?, outlet = ?, published = ?, language = ?, source = ?, "
                    "url = ?, json = ? WHERE id = ? RETURNING seq",
                    (article.title, article.outlet, article.published, article.language, article.source,
                     article.url, article.model_dump_json(), article.id)).fetchone()
                if row is None:
                    continue
                replaced += 1
                cur.execute("DELETE FROM articles_fts WHERE rowid = ?", (row[0],))
                cur.execute("DELETE FROM article_vectors WHERE seq = ?", (row[0],))
                cur.execute("DELETE FROM article_aggregates WHERE article_id = ?", (article.id,))
                for kind in STORED_KINDS:
                    cur.execute(f"DELETE FROM {kind.name} WHERE article_id = ?", (article.id,))
                self._index(cur, row[0], article)
                self._forget_wire(cur, [article.id])
                self._write_wire(cur, [article])
                done.append(article)
            links.update(self._article_link_counts(done))
            self._change_link_counts(cur, links)
            if replaced:
                self._count_change(cur, "rewrites")
                # Title, outlet or date may have changed: their stories' summaries too.
                self._refresh_stories(cur, self._stories_of(cur, [a.id for a in articles]))
        return replaced

    def delete(self, article_ids: Iterable[str]) -> int:
        ids = list(dict.fromkeys(article_ids))
        deleted = 0
        with self._writing() as cur:
            touched = self._stories_of(cur, ids)
            self._forget_wire(cur, ids)
            self._change_link_counts(cur, self._stored_link_counts(cur, ids))  # before the rows go
            for chunk in _chunks(ids):
                marks = ", ".join("?" * len(chunk))
                for kind in STORED_KINDS:
                    cur.execute(f"DELETE FROM {kind.name} WHERE article_id IN ({marks})", chunk)
                cur.execute(f"DELETE FROM articles_fts WHERE rowid IN (SELECT seq FROM articles WHERE id IN ({marks}))",
                            chunk)
                cur.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
                deleted += cur.rowcount
            if deleted:
                self._count_change(cur, "deletes")
                self._refresh_stories(cur, touched)  # their membership rows went with them
        return deleted

    @staticmethod
    def _count_change(cur, name: str) -> None:
        """Count a delete or rewrite (Store.generation: neither raises the newest seq)."""
        cur.execute("INSERT INTO corpus_state (name, value) VALUES (?, '1') ON CONFLICT (name) "
                    "DO UPDATE SET value = CAST(value AS INTEGER) + 1", (name,))

    # -- reading ------------------------------------------------------------------
    def known(self, article_ids: Sequence[str], content_ids: Sequence[str]) -> Known:
        found = Known()
        ids, hashes = list(article_ids), list(content_ids)
        for column, values, into in (("id", ids, found.ids), ("content_hash", hashes, found.content_ids)):
            for chunk in _chunks(values):
                sql = f"SELECT {column} FROM articles WHERE {column} IN ({', '.join('?' * len(chunk))})"
                into.update(r[0] for r in self.conn.execute(sql, chunk))
        return found

    def get(self, article_id: str) -> Optional[Article]:
        row = self.conn.execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.model_validate_json(row[0]) if row else None

    def find_ids(self, prefix: str, limit: int = 5) -> list[str]:
        rows = self.conn.execute("SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                                 (prefix, prefix + "\U0010ffff", limit))
        return [r[0] for r in rows]

    def articles(self) -> Iterator[Article]:
        cur = self.conn.execute("SELECT json FROM articles ORDER BY seq")
        while rows := cur.fetchmany(256):
            for row in rows:
                yield Article.model_validate_json(row[0])

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def stored_inputs(self, after_seq: int, limit: int) -> list[tuple[int, str, Optional[str]]]:
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT seq, json, input FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (after_seq, limit))]

    def listing(self, limit: Optional[int] = None, offset: int = 0) -> list[dict]:
        counts = ", ".join(f"(SELECT count(*) FROM {k.name} WHERE article_id = a.id) AS {k.name}"
                           for k in STORED_KINDS)
        rows = self.conn.execute(
            f"SELECT a.id, a.title, a.outlet, a.published, a.source, a.ingested_at, {counts} "
            "FROM articles a ORDER BY a.seq DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset))
        return [dict(r) for r in rows]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """bm25-ranked (title weighted twice the text), with a snippet of the best match."""
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, "
            f"snippet(articles_fts, 1, '{HIGHLIGHT[0]}', '{HIGHLIGHT[1]}', ' … ', 16) AS snippet, "
            "bm25(articles_fts, 2.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?")
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:  # not valid FTS5 syntax ("Israel-Gaza", a stray quote)
            safe = safe_fts_query(query)
            rows = self.conn.execute(sql, (safe, limit)).fetchall() if safe else []
        return [SearchHit(id=r["id"], title=r["title"], outlet=r["outlet"], published=r["published"],
                          snippet=r["snippet"], score=-r["rank"]) for r in rows]

    def entity_mentions(self, label: Optional[str] = None) -> Iterator[tuple[str, dict]]:
        sql = f"SELECT article_id, {_quoted(annotation_kind('entities').fields)} FROM entities"
        params: tuple = ()
        if label:
            sql += " WHERE label = ?"
            params = (label,)
        for row in self.conn.execute(sql + " ORDER BY rowid", params):
            data = dict(row)
            yield data.pop("article_id"), data

    def annotations(self, kind: str, filters: Optional[dict[str, Optional[str]]] = None) -> list[dict]:
        filters = {k: v for k, v in (filters or {}).items() if v is not None}
        check_filters(kind, filters)
        cols = annotation_kind(kind).fields
        meta = ", ".join(f"a.{c} AS article_{c}" for c in ARTICLE_KEYS)
        where = [f't."{column}" = ? COLLATE NOCASE' for column in filters]
        columns = ", ".join(f't."{c}"' for c in cols)
        sql = f"SELECT {columns}, {meta} FROM {kind} t JOIN articles a ON a.id = t.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.seq, t.rowid"
        return [dict(r) for r in self.conn.execute(sql, list(filters.values()))]

    # -- queries the faces share ------------------------------------------------------
    def _where(self, query: ArticleQuery, text: Optional[str]) -> tuple[str, list]:
        """The FROM ... WHERE part of an article query, with its parameters. When searching,
        articles are reached through the narrow ``articles_listing`` index (seq, outlet,
        published): filters and facets then never read the wide rows (5x faster at 100k)."""
        where, params = [], []
        if text is not None:
            sql = "FROM articles_fts f JOIN articles a INDEXED BY articles_listing ON a.seq = f.rowid"
            where.append("articles_fts MATCH ?")
            params.append(text)
        else:
            sql = "FROM articles a"
        if query.outlet:
            where.append("a.outlet = ? COLLATE NOCASE")
            params.append(query.outlet)
        if query.since:
            where.append("a.published >= ?")
            params.append(query.since[:10])
        if query.until:  # inclusive: any time on that day
            where.append("a.published < ?")
            params.append(query.until[:10] + "\uffff")
        if query.entity:
            where.append("a.id IN (SELECT article_id FROM entities WHERE canonical = ? COLLATE NOCASE)")
            params.append(query.entity)
        if query.ids is not None:
            where.append("a.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(query.ids)))
        if query.after_seq:
            where.append("a.seq > ?")
            params.append(query.after_seq)
        return sql + (" WHERE " + " AND ".join(where) if where else ""), params

    def _fallback(self, run, query: ArticleQuery, strict: bool):
        """``run(fts_query)`` with the query as typed; when that is not valid FTS5 syntax,
        with its words instead (or, ``strict``, SearchSyntaxError)."""
        text = query.text.strip() if query.text and query.text.strip() else None
        try:
            return run(text)
        except sqlite3.OperationalError as exc:
            if text is None or "locked" in str(exc):
                raise
            if strict:
                raise SearchSyntaxError(f"not a valid search query ({exc}); put words with special "
                                        'characters in double quotes, e.g. "Israel-Gaza"') from None
            return run(safe_fts_query(text) or '""')

    def find(self, query: ArticleQuery, limit: int = 20, offset: int = 0,
             strict: bool = False, order: Optional[str] = None) -> tuple[list[dict], int]:
        return self._fallback(lambda text: self._find(query, text, limit, offset, order), query, strict)

    def _find(self, query: ArticleQuery, text: Optional[str], limit: int, offset: int,
              order: Optional[str]) -> tuple[list[dict], int]:
        body, params = self._where(query, text)
        meta = "a.id, a.title, a.outlet, a.published, a.url, a.ingested_at, a.seq"
        order = order or ("relevance" if text is not None else "published")
        if text is None:
            sort = {"relevance": "a.seq DESC", "published": "a.published DESC, a.seq DESC",  # NULL dates last
                    "ingested": "a.seq DESC"}[order]
            rows = self.conn.execute(
                f"SELECT {meta}, (SELECT substr(f.text, 1, 240) FROM articles_fts f WHERE f.rowid = a.seq) "
                f"AS snippet, NULL AS score {body} ORDER BY {sort} LIMIT ? OFFSET ?", params + [limit, offset])
            total = self.conn.execute(f"SELECT count(*) {body}", params).fetchone()[0]
            return [dict(r) for r in rows], total
        # Rank first (bm25 over every match, nothing else), then snippets for the page only:
        # SQLite would otherwise build a snippet for every match before sorting.
        sort = {"relevance": "score DESC, f.rowid DESC", "published": "a.published DESC, f.rowid DESC",
                "ingested": "f.rowid DESC"}[order]
        ranking, ranking_params = self._ranking(query, text) if order != "published" else (body, params)
        ranked = self.conn.execute(f"SELECT f.rowid AS seq, -bm25(articles_fts, 2.0, 1.0) AS score {ranking} "
                                   f"ORDER BY {sort} LIMIT ? OFFSET ?", ranking_params + [limit, offset]).fetchall()
        rows = self._snippets(text, ranked)
        return rows, self._count(query, text, body, params)

    @staticmethod
    def _only_text(query: ArticleQuery) -> bool:
        return not (query.outlet or query.since or query.until or query.entity or query.after_seq
                    or query.ids is not None)

    def _ranking(self, query: ArticleQuery, text: str) -> tuple[str, list]:
        """The FROM ... WHERE of a bm25 ranking: the full-text index alone when no other
        filter needs the articles (every indexed row is a stored article's: they are written
        and deleted together), which skips a join per match (~30% of a search's CPU at 100k)."""
        if self._only_text(query):
            return "FROM articles_fts f WHERE articles_fts MATCH ?", [text]
        return self._where(query, text)

    def _count(self, query: ArticleQuery, text: str, body: str, params: list) -> int:
        """How many articles match (the FTS index alone when there is no other filter)."""
        only_text = self._only_text(query)
        return self.conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?" if only_text else f"SELECT count(*) {body}",
            [text] if only_text else params).fetchone()[0]

    def _snippets(self, text: str, ranked: list) -> list[dict]:
        """The ``find`` rows, with snippets, of ranked (seq, score) rows, in their order. One
        lookup per row (FTS5 seeks the match to that rowid): ``rowid IN (...)`` ran the whole
        match again and kept the page's rows (~20% more CPU on a 20-row page at 100k)."""
        rows = []
        for seq, score in ranked:
            r = self.conn.execute(
                "SELECT a.id, a.title, a.outlet, a.published, a.url, a.ingested_at, a.seq, "
                f"snippet(articles_fts, 1, '{HIGHLIGHT[0]}', '{HIGHLIGHT[1]}', ' … ', 24) AS snippet "
                "FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
                "WHERE articles_fts MATCH ? AND f.rowid = ?", (text, seq)).fetchone()
            if r is not None:
                rows.append(dict(r, score=score))
        return rows

    def search_page(self, query: ArticleQuery, limit: int = 20, offset: int = 0, strict: bool = False,
                    facet_depth: Optional[int] = None) -> tuple[list[dict], int, dict[str, dict[str, int]], bool]:
        if facet_depth is None or not (query.text and query.text.strip()):
            return super().search_page(query, limit, offset, strict, facet_depth)
        return self._fallback(lambda text: self._search_page(query, text, limit, offset, facet_depth), query, strict)

    def _search_page(self, query: ArticleQuery, text: str, limit: int, offset: int,
                     depth: int) -> tuple[list[dict], int, dict[str, dict[str, int]], bool]:
        """One bm25 ranking pass keeps the best max(offset + limit, depth) matches: the page
        comes from its head and the facets from its first ``depth`` rows, so a query matching
        half the store neither ranks twice nor joins every match for its facets (at 100k
        articles, "Israel": 54k matches). The total is that pass's length when it ran out,
        else one count."""
        body, params = self._where(query, text)
        ranking, ranking_params = self._ranking(query, text)
        keep = max(offset + limit, depth)
        ranked = self.conn.execute(f"SELECT f.rowid AS seq, -bm25(articles_fts, 2.0, 1.0) AS score {ranking} "
                                   "ORDER BY score DESC, f.rowid DESC LIMIT ?", ranking_params + [keep]).fetchall()
        page = self._snippets(text, ranked[offset: offset + limit])
        total = len(ranked) if len(ranked) < keep else self._count(query, text, body, params)
        capped = total > depth  # facets below count the first ``depth`` of them
        facets = _facet_counts(self.conn.execute(
            "SELECT a.outlet, substr(a.published, 1, 10), count(*) FROM articles a INDEXED BY articles_listing "
            "WHERE a.seq IN (SELECT value FROM json_each(?)) GROUP BY 1, 2",
            (json.dumps([r["seq"] for r in ranked[:depth]]),)))
        return page, total, facets, capped

    def facets(self, query: ArticleQuery) -> dict[str, dict[str, int]]:
        def run(text: Optional[str]) -> dict[str, dict[str, int]]:
            body, params = self._where(query, text)
            # One pass over the matches for both facets.
            return _facet_counts(self.conn.execute(
                f"SELECT a.outlet, substr(a.published, 1, 10), count(*) {body} GROUP BY 1, 2", params))

        return self._fallback(run, query, strict=False)

    def entity_rows(self, name: str) -> list[dict]:
        cols = ", ".join(f'e."{c}"' for c in annotation_kind("entities").fields)
        meta = ", ".join(f"a.{c} AS article_{c}" for c in ARTICLE_KEYS)
        sql = (f"SELECT {cols}, {meta} FROM entities e JOIN articles a ON a.id = e.article_id "
               "WHERE e.canonical IN (SELECT canonical FROM entities WHERE canonical = ?1 COLLATE NOCASE "
               "UNION SELECT canonical FROM entities WHERE text = ?1 COLLATE NOCASE) "
               "ORDER BY a.seq, e.rowid")
        return [dict(r) for r in self.conn.execute(sql, (name,))]

    def add_watchlist(self, kind: str, value: str) -> dict:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self.conn.execute("INSERT OR IGNORE INTO watchlists (kind, value, created_at) VALUES (?, ?, ?)",
                          (kind, value, now))
        row = self.conn.execute("SELECT * FROM watchlists WHERE kind = ? AND value = ?", (kind, value)).fetchone()
        return dict(row)

    def watchlists(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM watchlists ORDER BY id")]

    def watchlist(self, watchlist_id: int) -> Optional[dict]:
        row = self.conn.execute("SELECT * FROM watchlists WHERE id = ?", (watchlist_id,)).fetchone()
        return dict(row) if row else None

    def remove_watchlist(self, watchlist_id: int) -> bool:
        return self.conn.execute("DELETE FROM watchlists WHERE id = ?", (watchlist_id,)).rowcount == 1

    def mark_watchlist_read(self, watchlist_id: int, seq: int) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self.conn.execute("UPDATE watchlists SET read_seq = max(read_seq, ?), read_at = ? WHERE id = ?",
                          (seq, now, watchlist_id))

    def articles_without_vectors(self, model: str, limit: int) -> list[tuple[int, Optional[str], str]]:
        rows = self.conn.execute(
            "SELECT a.seq, a.title, f.text FROM articles a JOIN articles_fts f ON f.rowid = a.seq "
            "WHERE NOT EXISTS (SELECT 1 FROM article_vectors v WHERE v.seq = a.seq AND v.model = ?) "
            "ORDER BY a.seq LIMIT ?", (model, limit))
        return [(r[0], r[1], r[2]) for r in rows]

    def save_vectors(self, model: str, rows: list[tuple[int, bytes]]) -> None:
        with self._writing():
            self.conn.executemany("INSERT OR REPLACE INTO article_vectors (seq, model, vector) VALUES (?, ?, ?)",
                                  [(seq, model, blob) for seq, blob in rows])

    def vectors(self, model: str) -> Iterator[tuple[int, bytes]]:
        cur = self.conn.execute("SELECT seq, vector FROM article_vectors WHERE model = ? ORDER BY seq", (model,))
        while rows := cur.fetchmany(1024):
            yield from ((r[0], r[1]) for r in rows)

    def vector_count(self, model: str) -> int:
        return self.conn.execute("SELECT count(*) FROM article_vectors WHERE model = ?", (model,)).fetchone()[0]

    def get_json(self, article_id: str) -> Optional[str]:
        row = self.conn.execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def rows_by_seq(self, seqs: list[int]) -> list[dict]:
        return self._rows_by("seq", seqs)

    def rows_by_id(self, ids: list[str]) -> list[dict]:
        return self._rows_by("id", ids)

    def _rows_by(self, column: str, keys: list) -> list[dict]:
        found: dict = {}
        for i in range(0, len(keys), 500):  # SQLite's limit on bound parameters
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                    "SELECT a.id, a.title, a.outlet, a.published, a.url, a.ingested_at, a.seq, "
                    "(SELECT substr(f.text, 1, 240) FROM articles_fts f WHERE f.rowid = a.seq) AS snippet, "
                    f"NULL AS score FROM articles a WHERE a.{column} IN ({marks})", chunk):
                found[r[column]] = dict(r)
        return [found[k] for k in keys if k in found]

    def story_rows(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute(
            "SELECT m.article_id, m.story_id, m.thread_id FROM story_members m "
            "JOIN articles a ON a.id = m.article_id ORDER BY a.seq")]

    def save_stories(self, rows: list[tuple[str, int, int]], state: str, replace: bool = False) -> None:
        with self._writing() as cur:
            touched = None if replace else self._stories_of(cur, [a for a, _, _ in rows]) | {s for _, s, _ in rows}
            if replace:
                cur.execute("DELETE FROM story_members")
            cur.executemany(
                "INSERT OR REPLACE INTO story_members (article_id, story_id, thread_id) "
                "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                [(a, s, t, a) for a, s, t in rows])
            cur.execute("INSERT OR REPLACE INTO corpus_state (name, value) VALUES ('stories', ?)", (state,))
            self._refresh_stories(cur, touched)

    def corpus_state(self, name: str) -> Optional[str]:
        row = self.conn.execute("SELECT value FROM corpus_state WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def generation(self) -> tuple:
        return tuple(self.conn.execute(
            "SELECT (SELECT max(seq) FROM articles), "
            "(SELECT value FROM corpus_state WHERE name = 'deletes'), "
            "(SELECT value FROM corpus_state WHERE name = 'rewrites')").fetchone())

    def aggregate_rows(self, name: str, query: ArticleQuery) -> Iterator[tuple[str, str]]:
        body, params = self._where(ArticleQuery(outlet=query.outlet, since=query.since, until=query.until), None)
        filters = body[len("FROM articles a"):]  # "" or " WHERE ..." over a.*
        cur = self.conn.execute("SELECT g.article_id, g.value FROM articles a JOIN article_aggregates g "
                                f"ON g.article_id = a.id AND g.name = ?{filters} ORDER BY a.seq", [name, *params])
        while rows := cur.fetchmany(1024):
            yield from ((r[0], r[1]) for r in rows)

    def missing_aggregate(self, name: str, limit: int) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_aggregates g "
            "WHERE g.name = ? AND g.article_id = a.id) ORDER BY a.seq LIMIT ?", (name, limit))]

    def aggregate_value(self, name: str, article_id: str) -> Optional[str]:
        row = self.conn.execute("SELECT value FROM article_aggregates WHERE name = ? AND article_id = ?",
                                (name, article_id)).fetchone()
        return row[0] if row else None

    def aggregate_count(self, name: str) -> int:
        return self.conn.execute("SELECT count(*) FROM article_aggregates WHERE name = ?", (name,)).fetchone()[0]

    def drop_aggregates(self, prefix: str, keep: str) -> int:
        if not self.conn.execute("SELECT 1 FROM article_aggregates WHERE name > ? AND name < ? AND name != ? LIMIT 1",
                                 (prefix, prefix + "\uffff", keep)).fetchone():
            return 0  # nothing to drop: no write (a read-only store stays usable)
        with self._writing() as cur:
            return cur.execute("DELETE FROM article_aggregates WHERE name > ? AND name < ? AND name != ?",
                               (prefix, prefix + "\uffff", keep)).rowcount

    def save_aggregates(self, name: str, rows: list[tuple[str, str]]) -> None:
        with self._writing():
            self.conn.executemany("INSERT OR REPLACE INTO article_aggregates (article_id, name, value) "
                                  "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                                  [(a, name, v, a) for a, v in rows])

    def close(self) -> None:
        self.conn.close()
