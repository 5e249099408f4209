"""Store and runner benchmarks: SQLite against PostgreSQL, one Dask worker against two.

    python benchmarks/store_benchmark.py ingest [--limit 200]     # articles/s, 1 and 2 workers, both stores
    python benchmarks/store_benchmark.py search                   # full-text quality and latency, detik-1000
    python benchmarks/store_benchmark.py scale --source SRC.db [--articles 100000,300000,1000000]
                                                                  # size on disk, search/fetch/stories latency

PostgreSQL: $WARTA_BENCH_PG (default postgresql://postgres@127.0.0.1/postgres, trust auth);
each run creates its own databases and drops them. Needs ../shared beside the repository.
The machine may be shared: the load average is printed beside every table.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
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
            cur.execute("COMMIT")


def _copy_stories(base_ids_table: str, copies: str, with_sql: str) -> str:
    """Copy k of a base article is in story k * S + s (S: one more than the base's largest
    story id), so each copy of the base forms stories of its own."""
    return (f"{with_sql} INSERT INTO story_members (article_id, story_id, thread_id) "
            "SELECT m.article_id || '~' || k, m.story_id + k * s.n, m.thread_id + k * s.n "
            f"FROM {base_ids_table} b JOIN story_members m ON m.article_id = b.id "
            f"CROSS JOIN (SELECT max(m2.story_id) + 1 AS n FROM story_members m2 JOIN {base_ids_table} b2 "
            f"ON b2.id = m2.article_id) s CROSS JOIN {copies}")


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
    from warta.corpus.story_views import list_stories
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
    stories = list_stories(store)
    stories_s = time.perf_counter() - t
    return {"size": size, "search50": percentile(search, 50), "search95": percentile(search, 95),
            "matches": statistics.median(matches), "fetch50": percentile(fetch, 50),
            "fetch95": percentile(fetch, 95), "stories_s": stories_s, "n_stories": len(stories)}


def bench_scale(args) -> None:
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
                    print(f"  ({load()}; df {_free(args.where)})", flush=True)
            if engine == "SQLite" and not args.resume:
                for p in Path(args.where).glob("big.db*"):
                    p.unlink()


def _free(folder) -> str:
    import shutil

    return f"{shutil.disk_usage(folder).free / 2**30:,.0f} GiB free"


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
    p.set_defaults(run=bench_scale)
    args = ap.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
