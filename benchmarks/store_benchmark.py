"""Store and runner benchmarks: SQLite against PostgreSQL, one Dask worker against two.

    python benchmarks/store_benchmark.py ingest [--limit 200]     # articles/s, 1 and 2 workers, both stores
    python benchmarks/store_benchmark.py search                   # full-text quality and latency, detik-1000
    python benchmarks/store_benchmark.py scale --source SRC.db [--articles 100000,300000,1000000]
                                                                  # size on disk, search/fetch/stories latency
    python benchmarks/store_benchmark.py scale --source SRC.db --replicate-in-db --articles 1000000 \
        --sqlite-path BIG.db [--pg-url postgresql://postgres@127.0.0.1/warta_million]
                                                                  # the same, copies made inside the database
    python benchmarks/store_benchmark.py entities --db COPY.db [--names "Prabowo,Jakarta"] [--save-from SRC.db]
                                                                  # warta entities [--type PER]; warta entity /
                                                                  # ?entity= per name, first and repeated;
                                                                  # opening (migration); saving articles

PostgreSQL: $WARTA_BENCH_PG (default postgresql://postgres@127.0.0.1/postgres, trust auth);
each run creates its own databases and drops them. Needs ../shared beside the repository.
The machine may be shared: the load average is printed beside every table.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
DETIK = SHARED / "data" / "news" / "detik-1000" / "data_berita.csv"
PG_ADMIN = os.environ.get("WARTA_BENCH_PG", "postgresql://postgres@127.0.0.1/postgres")
# Copies made in SQL bypass Store.save, which counts the entity-link evidence: the store
# recounts it from the entity rows when next opened (warta.store.entity_link_sql).
LINKS_PENDING = ("INSERT INTO corpus_state (name, value) VALUES ('entity_links', 'pending') "
                 "ON CONFLICT (name) DO UPDATE SET value = 'pending'")


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


@contextmanager
def pg_database():
    import psycopg

    name = f"warta_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def pg_size(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def sqlite_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def processed_detik(folder: Path) -> Path:
    """detik-1000 run through the pipeline once, into an SQLite store (reused)."""
    from warta.ingest import read_inputs
    from warta.run.batch import ingest
    from warta.store import open_store

    path = folder / "detik.db"
    if not path.exists():
        with open_store(path) as store:
            ingest(read_inputs([str(DETIK)]), store)
    return path


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# -- ingest -----------------------------------------------------------------------------
def bench_ingest(args) -> None:
    from warta.ingest import read_inputs
    from warta.run.batch import ingest
    from warta.run.dask import DaskRunner
    from warta.store import open_store

    def items():
        return itertools.islice(read_inputs([str(DETIK)]), args.limit)

    raws = list(items())
    words = sum(len(r.raw_text.split()) + len((r.title or "").split()) for r in raws)
    print(f"ingest of {len(raws)} detik-1000 articles ({words:,} words), batches of 16; {load()}")
    print("| store | workers | articles/s | words/s | vs 1 worker | CPU s (writer + workers) | words per CPU s |\n"
          "|---|---|---|---|---|---|---|")
    for backend in ("SQLite", "PostgreSQL"):
        base = None
        for workers in (1, 2):
            with DaskRunner(workers=workers) as runner, tempfile.TemporaryDirectory() as tmp:
                with (pg_database() if backend == "PostgreSQL" else nullpath(Path(tmp) / "w.db")) as where:
                    with open_store(where) as store:
                        cpu0 = time.process_time() + sum(runner.client.run(time.process_time).values())
                        t = time.perf_counter()
                        report = ingest(items(), store, batch_size=16, map_batches=runner)
                        wall = time.perf_counter() - t
                        # (a worker restarted mid-run would undercount; none is here)
                        cpu = time.process_time() + sum(runner.client.run(time.process_time).values()) - cpu0
            assert report.stored + report.duplicates == len(raws) and not report.rejected, report
            base = base or wall
            print(f"| {backend} | {workers} | {len(raws) / wall:.1f} | {words / wall:,.0f} | {base / wall:.2f}x "
                  f"| {cpu:.1f} | {words / cpu:,.0f} |", flush=True)
    print(load())


@contextmanager
def nullpath(path: Path):
    yield str(path)


# -- search quality and latency -------------------------------------------------------------
def bench_search(args) -> None:
    from warta.evaluate.search import K, load_queries, ndcg, recall, row_urls
    from warta.store import open_store
    from warta.store.base import ArticleQuery
    from warta.store.postgres import PostgresStore

    with tempfile.TemporaryDirectory() as tmp:
        source = processed_detik(Path(args.cache) if args.cache else Path(tmp))
        with open_store(source) as sqlite:
            articles = list(sqlite.articles())
            urls = row_urls(DETIK)
            queries = load_queries()
            print(f"full-text search on detik-1000 ({len(articles)} articles), {len(queries)} judged "
                  f"queries (warta/evaluate/data/search_queries.jsonl), fulltext mode; {load()}")
            print("| engine | nDCG@10 id | recall@10 id | nDCG@10 en | p50 ms | p95 ms |\n|---|---|---|---|---|---|")
            rows = [("SQLite FTS5 (unicode61)", sqlite)]
            with pg_database() as url_id, pg_database() as url_simple:
                for label, url, config in (("PostgreSQL indonesian", url_id, "indonesian"),
                                           ("PostgreSQL simple", url_simple, "simple")):
                    pg = PostgresStore(url, text_search=config)
                    for i in range(0, len(articles), 200):
                        pg.save(articles[i:i + 200])
                    rows.append((label, pg))
                for label, store in rows:
                    by_url = {r["url"]: r["id"] for r in store.find(ArticleQuery(), 100_000)[0] if r["url"]}
                    scores: dict[str, list[tuple[float, float]]] = {"id": [], "en": []}
                    times = []
                    for q in queries:
                        relevant = {by_url[urls[n]] for n in q.relevant_rows if urls.get(n) in by_url}
                        t = time.perf_counter()
                        hits, _ = store.find(ArticleQuery(text=q.text), K)
                        times.append((time.perf_counter() - t) * 1000)
                        ranked = [h["id"] for h in hits]
                        scores[q.lang].append((ndcg(ranked, relevant), recall(ranked, relevant)))
                    mean = {lang: (statistics.mean(n for n, _ in v), statistics.mean(r for _, r in v))
                            for lang, v in scores.items()}
                    print(f"| {label} | {mean['id'][0]:.3f} | {mean['id'][1]:.3f} | {mean['en'][0]:.3f} "
                          f"| {percentile(times, 50):.1f} | {percentile(times, 95):.1f} |")
                for _, store in rows[1:]:
                    store.close()
    print(load())


# -- a large store ---------------------------------------------------------------------------
# How the rows are made (nothing runs the pipeline more than once per real article): the
# source store's processed articles (the seeds + detik-1000, ingested once) are saved into
# the new store as they are (copy 0); copy k >= 1 of base article r is written by bulk
# insert (PostgreSQL COPY, SQLite executemany in 20,000-row transactions) from a JSON
# template of r: id "<id>~k", " salinan<k>" appended to its raw and clean text (so every
# copy's text, full-text entry and content differ; annotation offsets still hold: the text
# only grows at its end), published moved k mod 730 days back (the store spans two years),
# url "...#k", content id "<content id>~k". Annotation rows and story memberships are
# copied inside the database (INSERT ... SELECT from copy 0's rows, story k*S + s).
MARK = {"id": "@@ID@@", "tag": "@@TAG@@", "url": "@@URL@@", "pub": "@@PUB@@"}


def templates(articles):
    """(article, JSON template) for each base article (markers replaced per copy)."""
    out = []
    for a in articles:
        t = a.model_copy(update={"id": MARK["id"], "raw_text": a.raw_text + MARK["tag"], "text": a.text + MARK["tag"],
                                 "url": MARK["url"], "published": MARK["pub"] if a.published else None})
        out.append((a, t.model_dump_json()))
    return out


def shifted(published, k: int):
    import datetime as dt

    if not published:
        return None
    try:
        day = dt.date.fromisoformat(published[:10]) - dt.timedelta(days=k % 730)
    except ValueError:
        return published
    return day.isoformat() + published[10:]


def copy_rows(base, k: int):
    """Article column values of copy ``k`` of every base article."""
    for a, template in base:
        aid, tag, url, pub = f"{a.id}~{k}", f" salinan{k}", f"{a.url or 'https://example.invalid/'}#{k}", shifted(a.published, k)
        js = (template.replace(MARK["id"], aid).replace(MARK["tag"], tag).replace(MARK["url"], url)
              .replace(MARK["pub"], pub or ""))
        yield aid, tag, url, pub, js, a


def grow(store, base, base_ids_table: str, k_from: int, k_to: int) -> None:
    """Copies k_from..k_to-1 of the base articles, their annotation and story rows."""
    from warta.ids import content_id
    from warta.model import STORED_KINDS

    now = "2026-11-30T00:00:00+00:00"
    pg = hasattr(store, "pool")
    digests = {a.id: content_id(a.raw_text) for a, _ in base}
    kinds = [k.name for k in STORED_KINDS]
    for k0 in range(k_from, k_to, max(1, 20_000 // len(base))):
        ks = range(k0, min(k_to, k0 + max(1, 20_000 // len(base))))
        rows = [(aid, f"{digests[a.id]}~{k}", a.title, a.outlet, pub, a.language, a.source, url, now, js,
                 a.text + tag) for k in ks for aid, tag, url, pub, js, a in copy_rows(base, k)]
        if pg:
            with store.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                with cur.copy("COPY articles (id, content_hash, title, outlet, published, language, source, url, "
                              "ingested_at, json, text) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
                for kind in kinds:
                    cols = ", ".join(f'"{c}"' for c in _fields(kind))
                    cur.execute(f"INSERT INTO {kind} (article_id, {cols}) SELECT t.article_id || '~' || k, {cols} "
                                f"FROM {kind} t JOIN {base_ids_table} b ON b.id = t.article_id "
                                f"CROSS JOIN generate_series(%s::int, %s::int) k ORDER BY k, t.row_id", (ks[0], ks[-1]))
                cur.execute(_copy_stories(base_ids_table, "generate_series(%s::int, %s::int) k", ""), (ks[0], ks[-1]))
                _copy_summaries(cur, store, base_ids_table, ks[0], ks[-1])
                cur.execute(LINKS_PENDING)
        else:
            cur = store.conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            first = cur.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0]
            cur.executemany("INSERT INTO articles (seq, id, content_hash, title, outlet, published, language, source, "
                            "url, ingested_at, json) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            [(first + i,) + r[:10] for i, r in enumerate(rows)])
            cur.executemany("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                            [(first + i, r[2] or "", r[10]) for i, r in enumerate(rows)])
            ksql = f"WITH RECURSIVE ks(k) AS (SELECT {ks[0]} UNION ALL SELECT k + 1 FROM ks WHERE k < {ks[-1]})"
            for kind in kinds:
                cols = ", ".join(f'"{c}"' for c in _fields(kind))
                cur.execute(f"{ksql} INSERT INTO {kind} (article_id, {cols}) SELECT t.article_id || '~' || k, {cols} "
                            f"FROM ks CROSS JOIN {base_ids_table} b JOIN {kind} t ON t.article_id = b.id "
                            "ORDER BY k, t.rowid")
            cur.execute(_copy_stories(base_ids_table, "ks", ksql))
            _copy_summaries(cur, store, base_ids_table, ks[0], ks[-1])
            cur.execute(LINKS_PENDING)
            cur.execute("COMMIT")


def _copy_stories(base_ids_table: str, copies: str, with_sql: str) -> str:
    """Copy k of a base article is in story k * S + s (S: one more than the base's largest
    story id), so each copy of the base forms stories of its own."""
    return (f"{with_sql} INSERT INTO story_members (article_id, story_id, thread_id) "
            "SELECT m.article_id || '~' || k, m.story_id + k * s.n, m.thread_id + k * s.n "
            f"FROM {base_ids_table} b JOIN story_members m ON m.article_id = b.id "
            f"CROSS JOIN (SELECT max(m2.story_id) + 1 AS n FROM story_members m2 JOIN {base_ids_table} b2 "
            f"ON b2.id = m2.article_id) s CROSS JOIN {copies}")


def _copy_summaries(cur, store, base_ids_table: str, k_first: int, k_last: int) -> None:
    """The summary rows of copies k_first..k_last's stories: every aggregate made in SQL
    from their new membership rows, as migration 9 and the store's writes make them; the
    label copied from the base story (a copy's headlines are the base's, in the same order)."""
    from warta.store.story_sql import summarise

    n = (f"(SELECT max(m2.story_id) + 1 FROM story_members m2 JOIN {base_ids_table} b2 "
         "ON b2.id = m2.article_id)")
    s = cur.execute(f"SELECT {n} AS n").fetchall()[0]["n"]
    for sql in _summary_statements(store, s, k_first, k_last):
        cur.execute(sql)


def _summary_statements(store, span: int, k_first: int, k_last: int) -> list[str]:
    """SQL making the summary rows of copies k_first..k_last's stories (story ids
    k * span + s), labels copied from the base stories."""
    from warta.store.story_sql import summarise

    lo, hi = k_first * span, (k_last + 1) * span
    return [*summarise(store._dialect, f" WHERE m.story_id >= {lo} AND m.story_id < {hi}"),
            f"UPDATE story_summaries SET label = (SELECT b.label FROM story_summaries b "
            f"WHERE b.story_id = story_summaries.story_id - (story_summaries.story_id / {span}) * {span}) "
            f"WHERE story_id >= {lo} AND story_id < {hi}"]


def _repair_stories(store, n_base: int) -> None:
    k_done = store.count() // n_base
    if hasattr(store, "pool"):
        with store.pool.connection() as conn:
            conn.execute("DELETE FROM story_members WHERE article_id NOT IN (SELECT id FROM bench_base)")
            conn.execute(_copy_stories("bench_base", "generate_series(1, %s::int) k", ""), (k_done - 1,))
    else:
        store.conn.execute("DELETE FROM story_members WHERE article_id NOT IN (SELECT id FROM bench_base)")
        store.conn.execute(_copy_stories("bench_base", "ks", f"WITH RECURSIVE ks(k) AS (SELECT 1 UNION ALL "
                                         f"SELECT k + 1 FROM ks WHERE k < {k_done - 1})"))


def _fields(kind: str) -> tuple:
    from warta.model import annotation_kind

    return annotation_kind(kind).fields


def measure(store, where, engine: str, n: int, queries: list[str], ids: list[str], rng) -> dict:
    from warta.corpus.story_views import full_listing, list_stories, story_detail, story_page
    from warta.store.base import ArticleQuery

    if engine == "PostgreSQL":
        with store.pool.connection() as conn:
            conn.execute("ANALYZE")  # what autovacuum does after a bulk load
        size = pg_size(where)
    else:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sqlite_size(Path(where))
    search, matches = [], []
    for _ in range(2):
        for q in queries:
            t = time.perf_counter()
            _, total = store.find(ArticleQuery(text=q), 20)
            search.append((time.perf_counter() - t) * 1000)
            matches.append(total)
    fetch = []
    for _ in range(200):
        aid = rng.choice(ids)
        k = rng.randrange(n // len(ids))
        wanted = aid if k == 0 else f"{aid}~{k}"
        t = time.perf_counter()
        article = store.get(wanted)
        assert article is not None and article.id == wanted
        fetch.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    stories = list_stories(store, with_articles=False)
    stories_s = time.perf_counter() - t
    t = time.perf_counter()
    with_ids = list_stories(store)
    jsonl_s = time.perf_counter() - t
    assert len(with_ids) == len(stories)
    import datetime as dt

    newest = (stories[0]["last_published"] or "")[:10] if stories else ""
    week = (dt.date.fromisoformat(newest) - dt.timedelta(days=7)).isoformat() if newest else "9999"
    t = time.perf_counter()
    recent = list_stories(store, since=week, with_articles=False)
    recent_s = time.perf_counter() - t
    pages = []
    for offset in (0, 20, 1000):
        t = time.perf_counter()
        story_page(store, 1, 20, offset)
        pages.append((time.perf_counter() - t) * 1000)
    biggest = max(stories[:200], key=lambda s: s["n_articles"])["id"]
    story_detail(store, biggest)  # its imports (wire copies) are not the store's time
    t = time.perf_counter()
    detail = story_detail(store, biggest)
    detail_ms = (time.perf_counter() - t) * 1000
    assert detail is not None
    t = time.perf_counter()
    full = full_listing(store)
    full_s = time.perf_counter() - t
    # The copies' summaries (made in SQL, labels copied) list what the full build gives.
    assert full == with_ids, "stored story summaries differ from the full listing"
    return {"size": size, "search50": percentile(search, 50), "search95": percentile(search, 95),
            "matches": statistics.median(matches), "fetch50": percentile(fetch, 50),
            "fetch95": percentile(fetch, 95), "stories_s": stories_s, "n_stories": len(stories),
            "jsonl_s": jsonl_s, "recent_s": recent_s, "n_recent": len(recent), "page_ms": max(pages),
            "detail_ms": detail_ms, "full_s": full_s, "week": week}


# -- a large store, replicated inside the database (scale --replicate-in-db) -----------------
# The same rows as `grow` (copy k of base article r: id "<id>~k", " salinan<k>" appended to
# its raw and clean text, published k mod 730 days back, url "...#k", content id "<cid>~k",
# its annotation rows, framing row, story membership k*S + s and story summary), made by the database
# itself: each base article's JSON template (`templates`) goes into a table `bench_base`, and
# one INSERT ... SELECT per table writes thousands of copies at once (the markers replaced
# with SQL `replace`, the dates shifted with SQL date arithmetic); SQLite's full-text
# entries by INSERT ... SELECT into FTS5, PostgreSQL's by its generated tsvector column.
# Secondary indexes are dropped for the bulk write and built again after it (their
# definitions kept in `bench_indexes`, so a stopped build resumes); unique keys stay.
# Everything else is the store's own schema. At 1M on the shared machine: 620-980 copies/s in
# SQLite, 330-410/s in PostgreSQL (its tsvector per insert), against the Python path's 160-180/s.
BASE_COLUMNS = ("n", "id", "content_hash", "title", "outlet", "published", "language", "source", "url",
                "text", "tpl", "input_tpl", "pub_day", "pub_rest")
IN_DB_CHUNK = 10_000  # articles per write transaction


class _Sql:
    """One write connection to either engine: `run(sql, params)` with %s placeholders."""

    def __init__(self, store) -> None:
        self.store, self.pg = store, hasattr(store, "pool")
        if self.pg:
            import psycopg

            self._conn = psycopg.connect(store.path, autocommit=True)  # BEGIN/COMMIT as written
        else:
            self._conn = store.conn

    def run(self, sql: str, params=()):
        return self._conn.execute(sql if self.pg else sql.replace("%s", "?"), params)

    def rows(self, sql: str, params=()) -> list[tuple]:
        return [tuple(r) for r in self.run(sql, params).fetchall()]

    def begin(self) -> None:
        self.run("BEGIN" if self.pg else "BEGIN IMMEDIATE")
        if self.pg:  # the copies' foreign keys hold by construction: skip the 40M RI checks
            self.run("SET LOCAL session_replication_role = replica")

    def commit(self) -> None:
        self.run("COMMIT")

    def close(self) -> None:
        if self.pg:
            self._conn.close()


def _copies(sql: _Sql, k0: int, k1: int) -> str:
    """A FROM item `ks(k)` holding k0..k1."""
    if sql.pg:
        return f"generate_series({int(k0)}, {int(k1)}) AS ks(k)"
    return f"(WITH RECURSIVE r(k) AS (SELECT {int(k0)} UNION ALL SELECT k + 1 FROM r WHERE k < {int(k1)}) SELECT k FROM r) ks"


def _bulk_tables(sql: _Sql) -> list[str]:
    from warta.model import STORED_KINDS

    # (story_members keeps its index: copies' story ids only grow, and their summaries read by it)
    return ["articles", "article_aggregates"] + [k.name for k in STORED_KINDS]


def drop_indexes(sql: _Sql) -> None:
    """Secondary indexes off for the bulk write (unique keys and primary keys stay)."""
    tables = _bulk_tables(sql)
    sql.begin()
    sql.run("CREATE TABLE IF NOT EXISTS bench_indexes (name TEXT PRIMARY KEY, definition TEXT NOT NULL)")
    marks = ", ".join(["%s"] * len(tables))
    if sql.pg:
        found = sql.rows(f"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN "
                         f"({marks}) AND indexname NOT IN (SELECT conname FROM pg_constraint)", tables)
    else:
        found = sql.rows(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                         f"AND tbl_name IN ({marks})", tables)
    for name, definition in found:
        # (upsert: opening a store makes its extra PostgreSQL indexes again, a resumed build drops them again)
        sql.run("INSERT INTO bench_indexes (name, definition) VALUES (%s, %s) "
                "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition", (name, definition))
        sql.run(f'DROP INDEX "{name}"')
    sql.commit()


def restore_indexes(sql: _Sql) -> float:
    """Build the dropped indexes again; returns the seconds it took."""
    t = time.perf_counter()
    if sql.pg:
        sql.run("SET maintenance_work_mem = '512MB'")
    for name, definition in sql.rows("SELECT name, definition FROM bench_indexes ORDER BY name"):
        sql.begin()
        sql.run(re.sub(r"^CREATE (UNIQUE )?INDEX ", r"CREATE \1INDEX IF NOT EXISTS ", definition))
        sql.run("DELETE FROM bench_indexes WHERE name = %s", (name,))
        sql.commit()
    return time.perf_counter() - t


def _input_template(record):
    """The stored input of a copy: the base's, with its id, url and date (when it gave them)
    replaced by the copy's markers (an input's date becomes the copy's published date)."""
    import json

    if record is None:
        return None
    d = json.loads(record)
    for key, mark in (("id", "id"), ("url", "url"), ("published", "pub")):
        if d.get(key) is not None:
            d[key] = MARK[mark]
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def seed_base(store, source_path) -> int:
    """Copy 0 (the source's processed articles, their inputs, framing rows and stories) and
    the tables the copies are made from. Returns the number of base articles."""
    import datetime as dt

    from warta.corpus.story_views import fill_labels
    from warta.model import STORED_KINDS
    from warta.store import open_store

    with open_store(source_path) as source:
        real = list(source.articles())
        rows = {r[0]: r[1:] for r in source.conn.execute("SELECT id, content_hash, input FROM articles")}
        aggregates = [tuple(r) for r in source.conn.execute("SELECT article_id, name, value FROM article_aggregates")]
        story_rows = source.story_rows()
        if source.conn.execute("SELECT count(*) FROM article_vectors").fetchone()[0]:
            sys.exit("the source has sentence vectors: --replicate-in-db does not copy them yet")
    store.save(real, [rows[a.id][0] for a in real], [rows[a.id][1] for a in real])
    store.save_aggregates(aggregates[0][1] if aggregates else "framing_row", [(a, v) for a, _, v in aggregates])
    store.save_stories([(r["article_id"], r["story_id"], r["thread_id"]) for r in story_rows], "{}")
    fill_labels(store)  # the base stories' labels, which the copies' summaries copy
    sql = _Sql(store)
    try:
        sql.begin()
        sql.run(f"CREATE TABLE bench_base ({', '.join(BASE_COLUMNS)})" if not sql.pg else
                "CREATE TABLE bench_base (n INT, id TEXT, content_hash TEXT, title TEXT, outlet TEXT, published TEXT, "
                "language TEXT, source TEXT, url TEXT, text TEXT, tpl TEXT, input_tpl TEXT, pub_day DATE, pub_rest TEXT)")
        for n, (a, tpl) in enumerate(templates(real)):
            try:
                day = dt.date.fromisoformat(a.published[:10]).isoformat() if a.published else None
            except ValueError:  # `shifted` keeps such a date as it is
                day = None
            sql.run(f"INSERT INTO bench_base ({', '.join(BASE_COLUMNS)}) VALUES ({', '.join(['%s'] * len(BASE_COLUMNS))})",
                    (n, a.id, rows[a.id][0], a.title, a.outlet, a.published, a.language, a.source, a.url, a.text, tpl,
                     _input_template(rows[a.id][1]), day, a.published[10:] if day else None))
        order = "row_id" if sql.pg else "rowid"
        for kind in STORED_KINDS:
            cols = ", ".join(f'"{c}"' for c in kind.fields)
            sql.run(f"CREATE TABLE bench_rows_{kind.name} AS SELECT {order} AS o, article_id, {cols} FROM {kind.name}")
        sql.run("CREATE TABLE bench_members AS SELECT article_id, story_id, thread_id FROM story_members")
        sql.run("CREATE TABLE bench_aggregates AS SELECT article_id, name, value FROM article_aggregates")
        sql.commit()
    finally:
        sql.close()
    return len(real)


def replicate(store, k_from: int, k_to: int, chunk: int = IN_DB_CHUNK, progress=None) -> None:
    """Copies k_from..k_to-1 of bench_base (see above), `chunk` articles per transaction."""
    from warta.model import STORED_KINDS

    sql = _Sql(store)
    try:
        n_base = sql.rows("SELECT count(*) FROM bench_base")[0][0]
        span = sql.rows("SELECT max(story_id) + 1 FROM bench_members")[0][0] or 1
        now = "2026-11-30T00:00:00+00:00"
        shift = ("to_char(b.pub_day - mod(k, 730), 'YYYY-MM-DD') || b.pub_rest" if sql.pg else
                 "date(b.pub_day, '-' || (k % 730) || ' days') || b.pub_rest")
        pub = f"CASE WHEN b.pub_day IS NULL THEN b.published ELSE {shift} END"
        url = "coalesce(b.url, 'https://example.invalid/') || '#' || k"
        aid = "b.id || '~' || k"

        def fill(template: str) -> str:
            return (f"replace(replace(replace(replace({template}, '{MARK['id']}', {aid}), '{MARK['tag']}', "
                    f"' salinan' || k), '{MARK['url']}', {url}), '{MARK['pub']}', coalesce({pub}, ''))")

        step = max(1, chunk // n_base)
        for k0 in range(k_from, k_to, step):
            k1 = min(k_to, k0 + step) - 1
            ks = _copies(sql, k0, k1)
            sql.begin()
            cols = "id, content_hash, title, outlet, published, language, source, url, ingested_at, json, input"
            values = (f"{aid}, b.content_hash || '~' || k, b.title, b.outlet, {pub}, b.language, b.source, {url}, "
                      f"'{now}', {fill('b.tpl')}, CASE WHEN b.input_tpl IS NULL THEN NULL ELSE {fill('b.input_tpl')} END")
            if sql.pg:
                sql.run(f"INSERT INTO articles ({cols}, text) SELECT {values}, b.text || ' salinan' || k "
                        f"FROM {ks} CROSS JOIN bench_base b ORDER BY k, b.n")
            else:
                first = sql.rows("SELECT coalesce(max(seq), 0) + 1 FROM articles")[0][0]
                seq = f"{int(first)} + (k - {int(k0)}) * {int(n_base)} + b.n"
                sql.run(f"INSERT INTO articles (seq, {cols}) SELECT {seq}, {values} "
                        f"FROM {ks} CROSS JOIN bench_base b ORDER BY k, b.n")
                sql.run(f"INSERT INTO articles_fts (rowid, title, text) SELECT {seq}, coalesce(b.title, ''), "
                        f"b.text || ' salinan' || k FROM {ks} CROSS JOIN bench_base b ORDER BY k, b.n")
            for kind in STORED_KINDS:
                c = ", ".join(f'"{f}"' for f in kind.fields)
                sql.run(f"INSERT INTO {kind.name} (article_id, {c}) SELECT t.article_id || '~' || k, {c} "
                        f"FROM {ks} CROSS JOIN bench_rows_{kind.name} t ORDER BY k, t.o")
            sql.run(f"INSERT INTO story_members (article_id, story_id, thread_id) SELECT m.article_id || '~' || k, "
                    f"m.story_id + k * {int(span)}, m.thread_id + k * {int(span)} FROM {ks} CROSS JOIN bench_members m")
            for statement in _summary_statements(store, int(span), k0, k1):
                sql.run(statement)
            sql.run(f"INSERT INTO article_aggregates (article_id, name, value) SELECT g.article_id || '~' || k, "
                    f"g.name, g.value FROM {ks} CROSS JOIN bench_aggregates g")
            sql.run(LINKS_PENDING)
            sql.commit()
            if progress:
                progress((k1 + 1) * n_base)
    finally:
        sql.close()


def expected_copy(store, base_id: str, k: int) -> str:
    """The Article JSON copy k of a base article must have (made in Python, as `grow` does)."""
    *_, js, _ = next(copy_rows(templates([store.get(base_id)]), k))
    return js


def verify_copies(store, n_base: int, rng, samples: int = 30) -> str:
    """A sample of copies: stored JSON equal to the Python-made one, `Store.get` parses it,
    and search finds it (its tag matches exactly the n_base articles of its copy)."""
    from warta.store.base import ArticleQuery

    sql = _Sql(store)
    try:
        base_ids = [r[0] for r in sql.rows("SELECT id FROM bench_base ORDER BY n")]
    finally:
        sql.close()
    copies = store.count() // n_base
    for _ in range(samples):
        base_id, k = rng.choice(base_ids), rng.randrange(1, copies)
        wanted = f"{base_id}~{k}"
        assert store.get_json(wanted) == expected_copy(store, base_id, k), wanted
        assert store.get(wanted).id == wanted
        hits, total = store.find(ArticleQuery(text=f"salinan{k}"), n_base)
        assert total == n_base and wanted in {h["id"] for h in hits}, (wanted, total)
    return f"{samples} random copies: JSON as made in Python, get() parses, search finds each ({n_base} per tag)"


def _stories_line(m: dict) -> str:
    return (f"  stories ({m['n_stories']:,}): `warta stories` (table) {m['stories_s']:,.2f} s, "
            f"--format jsonl (with article ids) {m['jsonl_s']:,.2f} s, --since {m['week']} "
            f"{m['recent_s'] * 1000:,.0f} ms ({m['n_recent']:,}), /api/stories page (slowest of offsets "
            f"0/20/1000) {m['page_ms']:,.0f} ms, story page {m['detail_ms']:,.0f} ms; the full build "
            f"of before migration 9 {m['full_s']:,.1f} s")


def bench_scale(args) -> None:
    from warta.corpus import story_views
    from warta.corpus.story_views import list_stories
    from warta.evaluate.search import load_queries
    from warta.store import open_store

    queries = [q.text for q in load_queries() if q.lang == "id"][:20]
    steps = sorted(int(x) for x in args.articles.split(","))
    rng = random.Random(7)
    with open_store(args.source) as source:
        real = list(source.articles())
        story_rows = source.story_rows()
    base = templates(real)
    print(f"steps {steps}: {len(real)} processed articles ({args.source}) copied (see `templates`/`grow`); "
          f"{len(queries)} Indonesian queries x 2 rounds, find() top 20 with total; 200 random get(); "
          f"list_stories(); {load()}")
    print("| store | articles | build s | size on disk | bytes/article | search p50 | search p95 | median matches "
          "| fetch p50 | fetch p95 | `warta stories` s (stories) |\n|---|---|---|---|---|---|---|---|---|---|---|")
    for engine in args.engines.split(","):
        with (nullpath(args.resume) if args.resume else
              pg_database() if engine == "PostgreSQL" else nullpath(Path(args.where) / "big.db")) as where:
            with open_store(where) as store:
                t0 = time.perf_counter()
                if not args.resume:
                    store.save(real)
                    store.save_stories([(r["article_id"], r["story_id"], r["thread_id"]) for r in story_rows], "{}")
                    store.fill_story_labels(story_views._label)
                    if engine == "PostgreSQL":
                        with store.pool.connection() as conn:
                            conn.execute("CREATE TABLE bench_base AS SELECT id FROM articles")
                    else:
                        store.conn.execute("CREATE TABLE bench_base AS SELECT id FROM articles")
                if args.resume and args.repair_stories:  # copies' story rows made before the fix above
                    _repair_stories(store, len(real))
                list_stories(store)  # its imports and caches are not the stores' time
                # Resuming a store an earlier (stopped) run grew: its build time is not known here.
                k_done, built = store.count() // len(real), time.perf_counter() - t0
                for step in steps:
                    k_to = max(k_done, -(-step // len(real)))
                    t0 = time.perf_counter()
                    grow(store, base, "bench_base", k_done, k_to)
                    built += time.perf_counter() - t0
                    k_done = k_to
                    n = store.count()
                    m = measure(store, where, engine, n, queries, [a.id for a in real], rng)
                    print(f"| {engine} | {n:,} | {'-' if args.resume else f'{built:,.0f}'} | {m['size'] / 2**30:,.2f} GiB "
                          f"| {m['size'] / n:,.0f} | {m['search50']:,.0f} ms | {m['search95']:,.0f} ms | {m['matches']:,.0f} "
                          f"| {m['fetch50']:.1f} ms | {m['fetch95']:.1f} ms | {m['stories_s']:,.1f} ({m['n_stories']:,}) |",
                          flush=True)
                    print(_stories_line(m), flush=True)
                    print(f"  ({load()}; df {_free(args.where)})", flush=True)
            if engine == "SQLite" and not args.resume:
                for p in Path(args.where).glob("big.db*"):
                    p.unlink()


def bench_scale_in_db(args) -> None:
    """`scale --replicate-in-db`: grow kept stores (an SQLite file, a PostgreSQL database)
    to each size by in-database replication and measure them as `bench_scale` does. A store
    that exists already is grown on from where it is (a stopped build resumes)."""
    import psycopg

    from warta.corpus.story_views import list_stories
    from warta.evaluate.search import load_queries
    from warta.store import open_store

    queries = [q.text for q in load_queries() if q.lang == "id"][:20]
    steps = sorted(int(x) for x in args.articles.split(","))
    rng = random.Random(7)
    print(f"steps {steps}: the processed articles of {args.source} replicated in the database "
          f"(store_benchmark.replicate); {len(queries)} Indonesian queries x 2 rounds, find() top 20 with total; "
          f"200 random get(); list_stories(); {load()}", flush=True)
    header = ("| store | articles | build s (copies + indexes) | size on disk | bytes/article | search p50 | search p95 "
              "| median matches | fetch p50 | fetch p95 | `warta stories` s (stories) |\n"
              "|---|---|---|---|---|---|---|---|---|---|---|")
    for engine in args.engines.split(","):
        if engine == "PostgreSQL":
            where = args.pg_url
            admin, name = where.rsplit("/", 1)
            with psycopg.connect(admin + "/postgres", autocommit=True) as conn:
                if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                    conn.execute(f'CREATE DATABASE "{name}"')
        else:
            where = args.sqlite_path
        with open_store(where) as store:
            sql = _Sql(store)
            try:
                fresh = not (sql.rows("SELECT to_regclass('bench_base') IS NOT NULL")[0][0] if sql.pg else
                             sql.rows("SELECT count(*) FROM sqlite_master WHERE name = 'bench_base'")[0][0])
                n_base = seed_base(store, args.source) if fresh else sql.rows("SELECT count(*) FROM bench_base")[0][0]
                list_stories(store)  # its imports and caches are not the stores' time
                k_done = store.count() // n_base
                for step in steps:
                    k_to = max(k_done, -(-step // n_base))
                    built = indexed = 0.0
                    if k_to > k_done:
                        if not sql.pg:  # one write of each new page (a WAL writes it twice); WAL again after
                            sql.run("PRAGMA journal_mode = DELETE")
                            sql.run("PRAGMA cache_size = -1000000")
                        drop_indexes(sql)
                        t0, n0, shown = time.perf_counter(), store.count(), [store.count() // 100_000]

                        def progress(n, t0=t0, n0=n0, shown=shown):
                            if n // 100_000 > shown[0]:  # a line per 100,000 articles
                                shown[0] = n // 100_000
                                print(f"  {engine}: {n:,} articles, {(n - n0) / (time.perf_counter() - t0):,.0f}/s "
                                      f"({load()}; df {_free(args.where)})", flush=True)

                        replicate(store, k_done, k_to, progress=progress)
                        built = time.perf_counter() - t0
                    indexed = restore_indexes(sql)
                    if not sql.pg:
                        sql.run("PRAGMA journal_mode = WAL")
                    k_done = k_to
                    n = store.count()
                    print(f"  {engine} at {n:,}: copies written in {built:,.0f} s, indexes built in {indexed:,.0f} s; "
                          f"{verify_copies(store, n_base, rng)}", flush=True)
                    m = measure(store, where, engine, n, queries,
                                [r[0] for r in sql.rows("SELECT id FROM bench_base ORDER BY n")], rng)
                    print(header)
                    print(f"| {engine} | {n:,} | {built + indexed:,.0f} ({built:,.0f} + {indexed:,.0f}) "
                          f"| {m['size'] / 2**30:,.2f} GiB | {m['size'] / n:,.0f} | {m['search50']:,.0f} ms "
                          f"| {m['search95']:,.0f} ms | {m['matches']:,.0f} | {m['fetch50']:.1f} ms | {m['fetch95']:.1f} ms "
                          f"| {m['stories_s']:,.1f} ({m['n_stories']:,}) |", flush=True)
                    print(_stories_line(m), flush=True)
                    print(f"  ({load()}; df {_free(args.where)})", flush=True)
            finally:
                sql.close()


def _free(folder) -> str:
    import shutil

    return f"{shutil.disk_usage(folder).free / 2**30:,.0f} GiB free"


def server_cpu() -> float:
    """CPU seconds (user + system) of every process named postgres on this machine, with
    those of its ended children (the postmaster's: a backend that ended meanwhile counts)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
        except OSError:  # gone meanwhile
            continue
        if fields[0].endswith("(postgres"):
            rest = fields[1].split()
            total += sum(int(x) for x in rest[11:15])  # utime, stime, cutime, cstime (fields 14-17)
    return total / os.sysconf("SC_CLK_TCK")


def entity_list(store, label):
    """`warta entities [--type label]` (50 rows): (rows, entities, mentions). A tree before
    the stored counts (services.entity_list) aggregates every linked mention as its CLI did."""
    from warta import services

    if hasattr(services, "entity_list"):
        return services.entity_list(store, label, 50, aliases=5, roles=3)
    from warta.corpus.entities import aggregate

    mentions = services.entity_mentions(store, label)
    rows = aggregate(mentions, label)
    return [(e.canonical, e.label, [a for a, _ in e.aliases.most_common(5)], [r for r, _ in e.roles.most_common(3)],
             len(e.articles), e.mentions) for e in rows[:50]], len(rows), len(mentions)


def bench_entities(args) -> None:
    """CPU and wall time of the entity queries on a store (a copy: opening migrates it):
    opening it (a store of schema 9 or older gets its link evidence filled), then per name
    `warta entity` (``entity_hits``), the entity page (``entity``) and an ``?entity=`` page
    (``list_articles``), first after opening and repeated; with --save-from, saving that
    store's processed articles into a new store, 16 a transaction (the ingest's writes)."""
    from warta import services
    from warta.store import open_store
    from warta.store.base import ArticleQuery

    pg = args.db.startswith("postgres")

    def timed(run):
        # PostgreSQL's work is in its server processes: their CPU counts too (all of them:
        # another session's queries meanwhile would add to it).
        c, w, s = time.process_time(), time.perf_counter(), server_cpu() if pg else 0.0
        value = run()
        return value, time.process_time() - c + (server_cpu() - s if pg else 0.0), time.perf_counter() - w

    print(f"entity queries on {args.db} (shared machine; CPU: this process"
          f"{' + every postgres process' if pg else ''}); {load()}")
    store, cpu, wall = timed(lambda: open_store(args.db))
    stored = getattr(store, "entity_links_ready", lambda: False)()
    print(f"open: {cpu:.2f} s CPU, {wall:.2f} s wall; {store.count():,} articles; stored links: {stored}")
    print("| name | query | mentions | first CPU s | first wall s | repeated CPU s | repeated wall s |\n"
          "|---|---|---|---|---|---|---|")
    for label in [x.strip() for x in args.lists.split(",") if x.strip()]:
        label = None if label == "all" else label
        services._STORE_CACHE.clear()
        (_, n, mentions), cpu1, wall1 = timed(lambda: entity_list(store, label))
        _, cpu2, wall2 = timed(lambda: entity_list(store, label))
        print(f"| ({n:,} entities) | warta entities{' --type ' + label if label else ''} | {mentions:,} "
              f"| {cpu1:.3f} | {wall1:.3f} | {cpu2:.4f} | {wall2:.4f} |", flush=True)
    for name in [n.strip() for n in args.names.split(",") if n.strip()]:
        queries = (("warta entity", lambda: services.entity_hits(store, name)),
                   ("entity page", lambda: services.entity(store, name, limit=50)),
                   ("?entity= page", lambda: services.list_articles(store, ArticleQuery(entity=name), limit=20)))
        for what, run in [q for i, q in enumerate(queries) if str(i + 1) in args.queries]:
            services._STORE_CACHE.clear()  # first after opening: nothing computed yet
            value, cpu1, wall1 = timed(run)
            _, cpu2, wall2 = timed(run)
            n = len(value) if isinstance(value, list) else value.total if hasattr(value, "total") else \
                (value or {}).get("mentions", "")
            print(f"| {name} | {what} | {n} | {cpu1:.3f} | {wall1:.3f} | {cpu2:.4f} | {wall2:.4f} |", flush=True)
    store.close()
    if args.save_from:
        with open_store(args.save_from) as source:
            rows = {r[0]: (r[1], r[2]) for r in source.conn.execute("SELECT id, content_hash, input FROM articles")}
            articles = list(source.articles())
        from collections import Counter

        from warta.store.sqlite import SQLiteStore

        def save_all() -> tuple[float, float]:
            with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "w.db")) as target:
                cpu0, wall0 = time.process_time(), time.perf_counter()
                for i in range(0, len(articles), 16):
                    batch = articles[i:i + 16]
                    target.save(batch, [rows[a.id][0] for a in batch], [rows[a.id][1] for a in batch])
                return time.process_time() - cpu0, time.perf_counter() - wall0

        # With and without the link evidence (migration 11; none before it), alternated
        # against the machine's load changing.
        has_links = hasattr(SQLiteStore, "_article_link_counts")
        for _ in range(2):
            for links in ((True, False) if has_links else (False,)):
                if not links and has_links:
                    SQLiteStore._article_link_counts = staticmethod(lambda *a, **k: Counter())
                cpu, wall = save_all()
                if not links and has_links:
                    del SQLiteStore._article_link_counts  # the mixin's again
                print(f"save of {len(articles)} processed articles, 16 a transaction, link evidence "
                      f"{'written' if links else 'not written'}: {cpu:.2f} s CPU, {wall:.2f} s wall "
                      f"({1000 * cpu / len(articles):.2f} ms CPU per article)", flush=True)
    print(load())


def main() -> None:
    if not DETIK.exists():
        sys.exit(f"{DETIK} is missing: the benchmark needs ../shared beside the repository")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(run=bench_ingest)
    p = sub.add_parser("search")
    p.add_argument("--cache", help="folder keeping the processed detik-1000 store between runs")
    p.set_defaults(run=bench_search)
    p = sub.add_parser("scale")
    p.add_argument("--source", required=True, help="a store of processed articles, e.g. "
                   "`warta ingest --db src.db ../shared/seeds ../shared/data/news/detik-1000/data_berita.csv`")
    p.add_argument("--articles", default="100000,300000,1000000", help="store sizes to measure at, growing")
    p.add_argument("--engines", default="SQLite,PostgreSQL")
    p.add_argument("--where", default=tempfile.gettempdir(), help="folder for the SQLite store (deleted after)")
    p.add_argument("--resume", help="measure (and grow) a store a stopped run left, one engine (kept after)")
    p.add_argument("--repair-stories", action="store_true", help="with --resume: remake the copies' story rows")
    p.add_argument("--replicate-in-db", action="store_true", help="make the copies inside the database "
                   "(INSERT ... SELECT; see `replicate`) into kept stores: --sqlite-path, --pg-url")
    p.add_argument("--sqlite-path", help="with --replicate-in-db: the SQLite store (kept; grown on if it exists)")
    p.add_argument("--pg-url", default=PG_ADMIN.rsplit("/", 1)[0] + "/warta_million",
                   help="with --replicate-in-db: the PostgreSQL database (created if missing, kept)")
    p.set_defaults(run=bench_scale)
    p = sub.add_parser("entities", help="entity queries (first and repeated), opening, saving")
    p.add_argument("--db", required=True, help="a store to measure (a copy: opening migrates it)")
    p.add_argument("--names", default="Prabowo,Prabowo Subianto,Presiden,Jakarta,Donald Trump")
    p.add_argument("--queries", default="123", help="which: 1 warta entity, 2 entity page, 3 ?entity= page")
    p.add_argument("--lists", default="all,PER", help="`warta entities` lists to time first (all: no --type; "
                   "'': none)")
    p.add_argument("--save-from", help="also time saving this store's processed articles into a new store")
    p.set_defaults(run=bench_entities)
    args = ap.parse_args()
    if getattr(args, "replicate_in_db", False):
        if "SQLite" in args.engines and not args.sqlite_path:
            ap.error("--replicate-in-db needs --sqlite-path for the SQLite store")
        args.run = bench_scale_in_db
    args.run(args)


if __name__ == "__main__":
    main()
