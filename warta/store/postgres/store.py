"""The PostgreSQL store: the same ``Store`` as SQLite, for a database many people and
processes share (psycopg 3 with a connection pool).

Differences from SQLite, all inside this file: full text is PostgreSQL's (a ``tsvector``
with the ``indonesian`` Snowball configuration, ``websearch_to_tsquery`` syntax: "phrase",
OR, -word; ranked with ``ts_rank``, title weighted twice the text; snippets from
``ts_headline``); text is ordered byte-wise (``COLLATE "C"``) as SQLite orders it; and a
batch that deadlocks with a concurrent writer is retried (two ingests of overlapping
inputs: each article is stored once, by whichever commits first).
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Optional, Sequence

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from warta.ids import content_id
from warta.model import STORED_KINDS, Article, annotation_kind
from warta.store.base import ARTICLE_KEYS, ArticleQuery, Known, SaveResult, SearchHit, Store, check_filters
from warta.store.postgres import schema
from warta.store.entity_link_sql import EntityLinkTables
from warta.store.story_sql import POSTGRES, StoryTables
from warta.store.wire_sql import WireTables

HIGHLIGHT = ("**", "**")
_WORD = re.compile(r"\w+", re.UNICODE)
_C = 'COLLATE "C"'
# Serialises schema changes of concurrent openers (any constant shared by warta processes).
_MIGRATION_LOCK = 0x77617274  # "wart"
_RETRIES = 5
_ARTICLE_COLUMNS = "a.id, a.title, a.outlet, a.published, a.url, a.ingested_at, a.seq"


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _headline(words: int) -> str:
    return (f"StartSel={HIGHLIGHT[0]}, StopSel={HIGHLIGHT[1]}, MaxWords={words}, MinWords={words // 2}, "
            "MaxFragments=1, FragmentDelimiter=\" … \"")


def _count_change(cur, name: str) -> None:
    """Count a delete or rewrite (Store.generation: neither raises the newest seq)."""
    cur.execute("INSERT INTO corpus_state (name, value) VALUES (%s, '1') ON CONFLICT (name) "
                "DO UPDATE SET value = (corpus_state.value::bigint + 1)::text", (name,))


def plain_words(query: str) -> str:
    """The words of a query, for ``plainto_tsquery`` (every word required)."""
    return " ".join(_WORD.findall(query))


class PostgresStore(StoryTables, WireTables, EntityLinkTables, Store):
    _dialect = POSTGRES
    _WIRE_TEXT = ("", "a.text")
    _row_order = "row_id"
    _entity_fields = annotation_kind("entities").fields

    def __init__(self, url: str, max_connections: int = 4, text_search: str = schema.TS_CONFIG) -> None:
        """``text_search``: the text search configuration of a new database (an existing
        one keeps its own)."""
        if not re.fullmatch(r"[a-z_]+", text_search):
            raise ValueError(f"not a text search configuration name: {text_search!r}")
        self.path = url
        self.ts_config = text_search
        self.pool = ConnectionPool(url, min_size=1, max_size=max_connections, open=True,
                                   kwargs={"row_factory": dict_row})
        try:
            self._migrate()
            self.fill_entity_links()  # once, after migration 11 (Python: not in its SQL)
        except BaseException:
            self.pool.close()
            raise

    # -- schema -----------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        with self.pool.connection() as conn:
            row = conn.execute("SELECT coalesce(max(version), 0) AS v FROM warta_schema").fetchone()
            return row["v"]

    def _migrate(self) -> None:
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS warta_schema (version INTEGER PRIMARY KEY)")
            have = conn.execute("SELECT coalesce(max(version), 0) AS v FROM warta_schema").fetchone()["v"]
            for version, sql in sorted(schema.MIGRATIONS.items()):
                if version > have:
                    if sql.strip():
                        conn.execute(sql.replace("{ts_config}", self.ts_config))
                    conn.execute("INSERT INTO warta_schema (version) VALUES (%s)", (version,))
            self._add_declared_kinds(conn)
            self.ts_config = conn.execute("SELECT value FROM warta_config WHERE name = 'text_search'"
                                          ).fetchone()["value"]

    def _add_declared_kinds(self, conn: psycopg.Connection) -> None:
        """Tables for the stored annotation kinds and columns for new fields (additive)."""
        for kind in STORED_KINDS:
            have = {r["column_name"] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s", (kind.name,))}
            if not have:
                conn.execute(schema.table_sql(kind))
            else:
                for name, sql_type in schema.column_definitions(kind).items():
                    if name not in have:
                        conn.execute(f'ALTER TABLE {kind.name} ADD COLUMN "{name}" '
                                     f'{sql_type.replace(" NOT NULL", "")}')
            for sql in schema.index_sql(kind):
                conn.execute(sql)

    # -- writing ----------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor]:
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            yield cur

    def _read(self, sql: str, params: Sequence = ()) -> list:
        with self.pool.connection() as conn:
            return conn.execute(sql, params).fetchall()

    def _stream(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        from psycopg.rows import tuple_row

        with self.pool.connection() as conn, conn.transaction():
            with conn.cursor(name="warta_stream", row_factory=tuple_row) as cur:  # server-side: streamed
                cur.itersize = 4096
                cur.execute(sql, params)
                yield from cur

    def save(self, articles: Iterable[Article], content_ids: Optional[Sequence[str]] = None,
             inputs: Optional[Sequence[Optional[str]]] = None) -> SaveResult:
        articles = list(articles)
        for attempt in range(_RETRIES):
            try:
                return self._save(articles, content_ids, inputs)
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
                if attempt == _RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def _save(self, articles: list[Article], content_ids: Optional[Sequence[str]],
              inputs: Optional[Sequence[Optional[str]]]) -> SaveResult:
        result, stored = SaveResult(), []
        if not articles:
            return result
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        digests = list(content_ids) if content_ids is not None else [content_id(a.raw_text) for a in articles]
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            # Concurrent writers lock the ids and content ids they are about to insert, all
            # in one sorted order, so none waits on another's uncommitted row: no deadlock.
            keys = sorted({k for a, d in zip(articles, digests) for k in (f"i:{a.id}", f"c:{d}")})
            cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(%s::text[]) "
                        "WITH ORDINALITY AS t(k, n) ORDER BY n", (keys,))
            for i, (article, digest) in enumerate(zip(articles, digests)):
                cur.execute(
                    "INSERT INTO articles (id, content_hash, title, outlet, published, language, source, "
                    "url, ingested_at, json, text, input) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) "
                    "ON CONFLICT DO NOTHING RETURNING seq",
                    (article.id, digest, article.title, article.outlet, article.published, article.language,
                     article.source, article.url, now, article.model_dump_json(), article.text,
                     inputs[i] if inputs is not None else None))
                if cur.fetchone() is None:  # same id or same content already stored
                    result.duplicates += 1
                    continue
                result.stored += 1
                self._insert_annotations(cur, article)
                stored.append(article)
            self._write_wire(cur, stored)
            self._change_link_counts(cur, self._article_link_counts(stored))
        return result

    @staticmethod
    def _insert_annotations(cur: psycopg.Cursor, article: Article) -> None:
        for kind in STORED_KINDS:
            rows = [(article.id,) + tuple(ann.model_dump().get(c) for c in kind.fields)
                    for ann in getattr(article, kind.name)]
            if rows:
                cols = ("article_id",) + kind.fields
                cur.executemany(f"INSERT INTO {kind.name} ({_quoted(cols)}) "
                                f"VALUES ({', '.join(['%s'] * len(cols))})", rows)

    def replace(self, articles: Sequence[Article]) -> int:
        replaced = 0
        with self._transaction() as cur:
            self._lock_stories(cur)
            links = self._stored_link_counts(cur, [a.id for a in articles])  # before they change
            done = []
            for article in articles:  # the tsvector column follows title and text by itself
                cur.execute(
                    "UPDATE articles SET title = %s, outlet = %s, published = %s, language = %s, source = %s, "
                    "url = %s, json = %s, text = %s WHERE id = %s RETURNING seq",
                    (article.title, article.outlet, article.published, article.language, article.source,
                     article.url, article.model_dump_json(), article.text, article.id))
                row = cur.fetchone()
                if row is None:
                    continue
                replaced += 1
                cur.execute("DELETE FROM article_vectors WHERE seq = %s", (row["seq"],))
                cur.execute("DELETE FROM article_aggregates WHERE article_id = %s", (article.id,))
                for kind in STORED_KINDS:
                    cur.execute(f"DELETE FROM {kind.name} WHERE article_id = %s", (article.id,))
                self._insert_annotations(cur, article)
                self._forget_wire(cur, [article.id])
                self._write_wire(cur, [article])
                done.append(article)
            links.update(self._article_link_counts(done))
            self._change_link_counts(cur, links)
            if replaced:
                _count_change(cur, "rewrites")
                # Title, outlet or date may have changed: their stories' summaries too.
                self._refresh_stories(cur, self._stories_of(cur, [a.id for a in articles]))
        return replaced

    def delete(self, article_ids: Iterable[str]) -> int:
        ids = list(dict.fromkeys(article_ids))
        with self._transaction() as cur:  # annotation rows, vectors and story members cascade
            self._lock_stories(cur)
            touched = self._stories_of(cur, ids)
            self._forget_wire(cur, ids)  # would cascade; said here, as SQLite does
            self._change_link_counts(cur, self._stored_link_counts(cur, ids))  # before the rows cascade
            deleted = cur.execute("DELETE FROM articles WHERE id = ANY(%s)", (ids,)).rowcount
            if deleted:
                _count_change(cur, "deletes")
                self._refresh_stories(cur, touched)
            return deleted

    # -- one article --------------------------------------------------------------------
    def known(self, article_ids: Sequence[str], content_ids: Sequence[str]) -> Known:
        found = Known()
        with self.pool.connection() as conn:
            if article_ids:
                found.ids.update(r["id"] for r in conn.execute(
                    "SELECT id FROM articles WHERE id = ANY(%s)", (list(article_ids),)))
            if content_ids:
                found.content_ids.update(r["content_hash"] for r in conn.execute(
                    "SELECT content_hash FROM articles WHERE content_hash = ANY(%s)", (list(content_ids),)))
        return found

    def get(self, article_id: str) -> Optional[Article]:
        with self.pool.connection() as conn:
            row = conn.execute("SELECT json FROM articles WHERE id = %s", (article_id,)).fetchone()
        return Article.model_validate_json(row["json"]) if row else None

    def find_ids(self, prefix: str, limit: int = 5) -> list[str]:
        with self.pool.connection() as conn:
            rows = conn.execute(f"SELECT id FROM articles WHERE left(id, %s) = %s ORDER BY id {_C} LIMIT %s",
                                (len(prefix), prefix, limit))
            return [r["id"] for r in rows]

    # -- many articles --------------------------------------------------------------------
    def articles(self) -> Iterator[Article]:
        with self.pool.connection() as conn, conn.transaction():
            with conn.cursor(name="warta_articles") as cur:  # server-side: streamed
                cur.itersize = 256
                cur.execute("SELECT json FROM articles ORDER BY seq")
                for row in cur:
                    yield Article.model_validate_json(row["json"])

    def count(self) -> int:
        with self.pool.connection() as conn:
            return conn.execute("SELECT count(*) AS n FROM articles").fetchone()["n"]

    def stored_inputs(self, after_seq: int, limit: int) -> list[tuple[int, str, Optional[str]]]:
        with self.pool.connection() as conn:
            return [(r["seq"], r["json"], r["input"]) for r in conn.execute(
                "SELECT seq, json, input FROM articles WHERE seq > %s ORDER BY seq LIMIT %s", (after_seq, limit))]

    def listing(self, limit: Optional[int] = None, offset: int = 0) -> list[dict]:
        counts = ", ".join(f"(SELECT count(*) FROM {k.name} WHERE article_id = a.id) AS {k.name}"
                           for k in STORED_KINDS)
        with self.pool.connection() as conn:
            return list(conn.execute(
                f"SELECT a.id, a.title, a.outlet, a.published, a.source, a.ingested_at, {counts} "
                "FROM articles a ORDER BY a.seq DESC LIMIT %s OFFSET %s", (limit, offset)))

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        rows, _ = self.find(ArticleQuery(text=query), limit=limit, snippet_words=16, count=False)
        return [SearchHit(id=r["id"], title=r["title"], outlet=r["outlet"], published=r["published"],
                          snippet=r["snippet"], score=r["score"]) for r in rows]

    # -- annotations across articles ----------------------------------------------------
    def annotations(self, kind: str, filters: Optional[dict[str, Optional[str]]] = None) -> list[dict]:
        filters = {k: v for k, v in (filters or {}).items() if v is not None}
        check_filters(kind, filters)
        declared = annotation_kind(kind)
        types = schema.column_definitions(declared)
        meta = ", ".join(f"a.{c} AS article_{c}" for c in ARTICLE_KEYS)
        where = [f'lower(t."{c}") = lower(%s)' if types[c].startswith("TEXT") else f't."{c}"::text = %s'
                 for c in filters]
        sql = (f"SELECT {', '.join(f't.{q}' for q in _quoted(declared.fields).split(', '))}, {meta} "
               f"FROM {kind} t JOIN articles a ON a.id = t.article_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self.pool.connection() as conn:
            return list(conn.execute(sql + " ORDER BY a.seq, t.row_id", [str(v) for v in filters.values()]))

    def entity_mentions(self, label: Optional[str] = None) -> Iterator[tuple[str, dict]]:
        sql = f"SELECT article_id, {_quoted(annotation_kind('entities').fields)} FROM entities"
        params: tuple = ()
        if label:
            sql += " WHERE label = %s"
            params = (label,)
        with self.pool.connection() as conn:
            rows = list(conn.execute(sql + " ORDER BY row_id", params))
        for data in rows:
            yield data.pop("article_id"), data

    # -- queries the faces share ----------------------------------------------------------
    def _where(self, query: ArticleQuery, tsquery: Optional[str]) -> tuple[str, list]:
        where, params = [], []
        if tsquery is not None:
            where.append("a.tsv @@ q.q")
        if query.outlet:
            where.append("lower(a.outlet) = lower(%s)")
            params.append(query.outlet)
        if query.since:
            where.append(f"a.published {_C} >= %s")
            params.append(query.since[:10])
        if query.until:
            where.append(f"a.published {_C} < %s")
            params.append(query.until[:10] + "\uffff")
        if query.entity:
            where.append("a.id IN (SELECT article_id FROM entities WHERE lower(canonical) = lower(%s))")
            params.append(query.entity)
        if query.ids is not None:
            where.append("a.id = ANY(%s)")
            params.append(list(query.ids))
        if query.after_seq:
            where.append("a.seq > %s")
            params.append(query.after_seq)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def _tsqueries(self, text: Optional[str]) -> list[tuple[str, str]]:
        """(tsquery function, text) to try in turn: the query as typed in web-search
        syntax, then its plain words (a query such as 'Banjir-bandang "' whose punctuation
        makes it match nothing)."""
        if text is None:
            return []
        tries = [("websearch_to_tsquery", text)]
        words = plain_words(text)
        if words and words != text:
            tries.append(("plainto_tsquery", words))
        return tries

    def find(self, query: ArticleQuery, limit: int = 20, offset: int = 0, strict: bool = False,
             order: Optional[str] = None, snippet_words: int = 24, count: bool = True) -> tuple[list[dict], int]:
        # websearch_to_tsquery accepts any text, so ``strict`` never has an error to raise.
        text = query.text.strip() if query.text and query.text.strip() else None
        tries = self._tsqueries(text) or [(None, None)]
        for function, value in tries:
            rows, total = self._find(query, function, value, limit, offset, order, snippet_words, count)
            if rows or total:
                break
        return rows, total

    def _find(self, query: ArticleQuery, function: Optional[str], value: Optional[str], limit: int,
              offset: int, order: Optional[str], snippet_words: int, count: bool) -> tuple[list[dict], int]:
        where, params = self._where(query, value)
        order = order or ("relevance" if value is not None else "published")
        by = {"relevance": "score DESC, a.seq DESC" if value is not None else "a.seq DESC",
              "published": f"a.published {_C} DESC NULLS LAST, a.seq DESC",
              "ingested": "a.seq DESC"}[order]
        with self.pool.connection() as conn:
            if value is not None:
                q = f"(SELECT {function}('{self.ts_config}', %s) AS q) q"
                rows = conn.execute(
                    f"SELECT {_ARTICLE_COLUMNS}, ts_rank('{{0.1, 0.2, 0.5, 1.0}}', a.tsv, q.q) AS score "
                    f"FROM articles a, {q}{where} ORDER BY {by} LIMIT %s OFFSET %s",
                    [value, *params, limit, offset]).fetchall()
                # Headlines only for the page: ts_headline re-parses each text.
                snippets = {r["seq"]: r["snippet"] for r in conn.execute(
                    f"SELECT a.seq, ts_headline('{self.ts_config}', a.text, q.q, %s) AS snippet "
                    f"FROM articles a, {q} WHERE a.seq = ANY(%s)",
                    [_headline(snippet_words), value, [r["seq"] for r in rows]])} if rows else {}
                for row in rows:
                    row["snippet"] = snippets[row["seq"]]
                total = conn.execute(f"SELECT count(*) AS n FROM articles a, {q}{where}",
                                     [value, *params]).fetchone()["n"] if count else len(rows)
            else:
                rows = conn.execute(f"SELECT {_ARTICLE_COLUMNS}, substr(a.text, 1, 240) AS snippet, "
                                    f"NULL::float8 AS score FROM articles a{where} ORDER BY {by} "
                                    "LIMIT %s OFFSET %s", [*params, limit, offset]).fetchall()
                total = conn.execute(f"SELECT count(*) AS n FROM articles a{where}",
                                     params).fetchone()["n"] if count else len(rows)
        return rows, total

    def facets(self, query: ArticleQuery) -> dict[str, dict[str, int]]:
        text = query.text.strip() if query.text and query.text.strip() else None
        result: dict[str, dict[str, int]] = {}
        with self.pool.connection() as conn:
            for function, value in self._tsqueries(text) or [(None, None)]:
                where, params = self._where(query, value)
                source = "articles a"
                args: list[Any] = list(params)
                if value is not None:
                    source += f", (SELECT {function}('{self.ts_config}', %s) AS q) q"
                    args = [value, *params]
                for name, column in (("outlet", "a.outlet"), ("date", "substr(a.published, 1, 10)")):
                    rows = conn.execute(f"SELECT {column} AS k, count(*) AS n FROM {source}{where} "
                                        f"GROUP BY k ORDER BY n DESC, {column} {_C} LIMIT 100", args)
                    result[name] = {(r["k"] or "unknown"): r["n"] for r in rows}
                if any(result.values()):
                    break
        return result

    def entity_rows(self, name: str) -> list[dict]:
        cols = ", ".join(f'e."{c}"' for c in annotation_kind("entities").fields)
        meta = ", ".join(f"a.{c} AS article_{c}" for c in ARTICLE_KEYS)
        with self.pool.connection() as conn:
            return list(conn.execute(
                f"SELECT {cols}, {meta} FROM entities e JOIN articles a ON a.id = e.article_id "
                "WHERE e.canonical IN (SELECT canonical FROM entities WHERE lower(canonical) = lower(%s) "
                "UNION SELECT canonical FROM entities WHERE lower(text) = lower(%s)) "
                "ORDER BY a.seq, e.row_id", (name, name)))

    # -- watchlists -------------------------------------------------------------------------
    def add_watchlist(self, kind: str, value: str) -> dict:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self.pool.connection() as conn:
            conn.execute("INSERT INTO watchlists (kind, value, created_at) VALUES (%s, %s, %s) "
                         "ON CONFLICT (kind, value) DO NOTHING", (kind, value, now))
            return conn.execute("SELECT * FROM watchlists WHERE kind = %s AND value = %s",
                                (kind, value)).fetchone()

    def watchlists(self) -> list[dict]:
        with self.pool.connection() as conn:
            return list(conn.execute("SELECT * FROM watchlists ORDER BY id"))

    def watchlist(self, watchlist_id: int) -> Optional[dict]:
        with self.pool.connection() as conn:
            return conn.execute("SELECT * FROM watchlists WHERE id = %s", (watchlist_id,)).fetchone()

    def remove_watchlist(self, watchlist_id: int) -> bool:
        with self.pool.connection() as conn:
            return conn.execute("DELETE FROM watchlists WHERE id = %s", (watchlist_id,)).rowcount == 1

    def mark_watchlist_read(self, watchlist_id: int, seq: int) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self.pool.connection() as conn:
            conn.execute("UPDATE watchlists SET read_seq = greatest(read_seq, %s), read_at = %s WHERE id = %s",
                         (seq, now, watchlist_id))

    # -- sentence vectors -------------------------------------------------------------------
    def articles_without_vectors(self, model: str, limit: int) -> list[tuple[int, Optional[str], str]]:
        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT a.seq, a.title, a.text FROM articles a WHERE NOT EXISTS "
                "(SELECT 1 FROM article_vectors v WHERE v.seq = a.seq AND v.model = %s) "
                "ORDER BY a.seq LIMIT %s", (model, limit))
            return [(r["seq"], r["title"], r["text"]) for r in rows]

    def save_vectors(self, model: str, rows: list[tuple[int, bytes]]) -> None:
        with self.pool.connection() as conn, conn.cursor() as cur:
            cur.executemany("INSERT INTO article_vectors (seq, model, vector) VALUES (%s, %s, %s) "
                            "ON CONFLICT (seq) DO UPDATE SET model = excluded.model, vector = excluded.vector",
                            [(seq, model, blob) for seq, blob in rows])

    def vectors(self, model: str) -> Iterator[tuple[int, bytes]]:
        with self.pool.connection() as conn:
            rows = conn.execute("SELECT seq, vector FROM article_vectors WHERE model = %s ORDER BY seq",
                                (model,)).fetchall()
        for r in rows:
            yield r["seq"], bytes(r["vector"])

    def vector_count(self, model: str) -> int:
        with self.pool.connection() as conn:
            return conn.execute("SELECT count(*) AS n FROM article_vectors WHERE model = %s",
                                (model,)).fetchone()["n"]

    def get_json(self, article_id: str) -> Optional[str]:
        with self.pool.connection() as conn:
            row = conn.execute("SELECT json FROM articles WHERE id = %s", (article_id,)).fetchone()
        return row["json"] if row else None

    def rows_by_seq(self, seqs: list[int]) -> list[dict]:
        return self._rows_by("seq", seqs)

    def rows_by_id(self, ids: list[str]) -> list[dict]:
        return self._rows_by("id", ids)

    def _rows_by(self, column: str, keys: list) -> list[dict]:
        if not keys:
            return []
        with self.pool.connection() as conn:
            rows = conn.execute(f"SELECT {_ARTICLE_COLUMNS}, substr(a.text, 1, 240) AS snippet, "
                                f"NULL::float8 AS score FROM articles a WHERE a.{column} = ANY(%s)", (list(keys),))
            found = {r[column]: r for r in rows}
        return [found[k] for k in keys if k in found]

    # -- stories ------------------------------------------------------------------------------
    def story_rows(self) -> list[dict]:
        with self.pool.connection() as conn:
            return list(conn.execute("SELECT m.article_id, m.story_id, m.thread_id FROM story_members m "
                                     "JOIN articles a ON a.id = m.article_id ORDER BY a.seq"))

    def save_stories(self, rows: list[tuple[str, int, int]], state: str, replace: bool = False) -> None:
        with self._transaction() as cur:
            self._lock_stories(cur)
            touched = None if replace else self._stories_of(cur, [a for a, _, _ in rows]) | {s for _, s, _ in rows}
            if replace:
                cur.execute("DELETE FROM story_members")
            cur.executemany(
                "INSERT INTO story_members (article_id, story_id, thread_id) "
                "SELECT %s, %s, %s WHERE EXISTS (SELECT 1 FROM articles WHERE id = %s) "
                "ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, "
                "thread_id = excluded.thread_id", [(a, s, t, a) for a, s, t in rows])
            cur.execute("INSERT INTO corpus_state (name, value) VALUES ('stories', %s) "
                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (state,))
            self._refresh_stories(cur, touched)

    def corpus_state(self, name: str) -> Optional[str]:
        with self.pool.connection() as conn:
            row = conn.execute("SELECT value FROM corpus_state WHERE name = %s", (name,)).fetchone()
        return row["value"] if row else None

    def generation(self) -> tuple:
        with self.pool.connection() as conn:
            row = conn.execute(
                "SELECT (SELECT max(seq) FROM articles) AS seq, "
                "(SELECT value FROM corpus_state WHERE name = 'deletes') AS deletes, "
                "(SELECT value FROM corpus_state WHERE name = 'rewrites') AS rewrites").fetchone()
        return row["seq"], row["deletes"], row["rewrites"]

    def aggregate_rows(self, name: str, query: ArticleQuery) -> Iterator[tuple[str, str]]:
        where, params = self._where(ArticleQuery(outlet=query.outlet, since=query.since, until=query.until), None)
        with self.pool.connection() as conn:
            rows = list(conn.execute(
                "SELECT g.article_id, g.value FROM articles a JOIN article_aggregates g "
                f"ON g.article_id = a.id AND g.name = %s{where} ORDER BY a.seq", [name, *params]))
        for r in rows:
            yield r["article_id"], r["value"]

    def missing_aggregate(self, name: str, limit: int) -> list[str]:
        with self.pool.connection() as conn:
            return [r["id"] for r in conn.execute(
                "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_aggregates g "
                "WHERE g.name = %s AND g.article_id = a.id) ORDER BY a.seq LIMIT %s", (name, limit))]

    def aggregate_value(self, name: str, article_id: str) -> Optional[str]:
        with self.pool.connection() as conn:
            row = conn.execute("SELECT value FROM article_aggregates WHERE name = %s AND article_id = %s",
                               (name, article_id)).fetchone()
        return row["value"] if row else None

    def aggregate_count(self, name: str) -> int:
        with self.pool.connection() as conn:
            return conn.execute("SELECT count(*) AS n FROM article_aggregates WHERE name = %s", (name,)).fetchone()["n"]

    def drop_aggregates(self, prefix: str, keep: str) -> int:
        with self.pool.connection() as conn, conn.transaction():
            return conn.execute("DELETE FROM article_aggregates WHERE starts_with(name, %s) AND name != %s",
                                (prefix, keep)).rowcount

    def save_aggregates(self, name: str, rows: list[tuple[str, str]]) -> None:
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO article_aggregates (article_id, name, value) "
                "SELECT %s, %s, %s WHERE EXISTS (SELECT 1 FROM articles WHERE id = %s) "
                "ON CONFLICT (name, article_id) DO UPDATE SET value = excluded.value",
                [(a, name, v, a) for a, v in rows])

    def close(self) -> None:
        self.pool.close()
