"""Store and runner benchmarks: SQLite against PostgreSQL, one Dask worker against two.

    python benchmarks/store_benchmark.py ingest [--limit 200]     # articles/s, 1 and 2 workers, both stores
    python benchmarks/store_benchmark.py search                   # full-text quality and latency, detik-1000
    python benchmarks/store_benchmark.py scale [--articles 100000] # size on disk, search/fetch latency

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
    print("| store | workers | articles/s | words/s | vs 1 worker |\n|---|---|---|---|---|")
    for backend in ("SQLite", "PostgreSQL"):
        base = None
        for workers in (1, 2):
            with DaskRunner(workers=workers) as runner, tempfile.TemporaryDirectory() as tmp:
                with (pg_database() if backend == "PostgreSQL" else nullpath(Path(tmp) / "w.db")) as where:
                    with open_store(where) as store:
                        t = time.perf_counter()
                        report = ingest(items(), store, batch_size=16, map_batches=runner)
                        wall = time.perf_counter() - t
            assert report.stored + report.duplicates == len(raws) and not report.rejected, report
            base = base or wall
            print(f"| {backend} | {workers} | {len(raws) / wall:.1f} | {words / wall:,.0f} | {base / wall:.2f}x |")
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
def synthesise(articles, n: int):
    """``n`` articles made from real processed ones: each copy gets a new id and one
    distinct word appended to its raw and clean text (so its content id differs), its
    annotations unchanged (offsets still hold: the text only grows at the end)."""
    for i in range(n):
        a = articles[i % len(articles)]
        tag = f" salinan{i}"
        yield a.model_copy(update={"id": f"s{i:07d}", "raw_text": a.raw_text + tag, "text": a.text + tag,
                                   "url": f"{a.url or 'https://example.invalid/a'}?copy={i}"})


def bench_scale(args) -> None:
    from warta.evaluate.search import load_queries
    from warta.store import open_store
    from warta.store.base import ArticleQuery

    queries = [q.text for q in load_queries() if q.lang == "id"][:20]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        source = processed_detik(Path(args.cache) if args.cache else Path(tmp))
        with open_store(source) as sqlite:
            real = list(sqlite.articles())
        print(f"{args.articles:,} articles synthesised from the {len(real)} processed detik-1000 articles "
              f"(new id + one distinct word each); {len(queries)} Indonesian queries; {load()}")
        print("| store | write articles/s | size on disk | bytes/article | search p50 | search p95 "
              "| fetch p95 |\n|---|---|---|---|---|---|---|")
        for backend in ("SQLite", "PostgreSQL"):
            with (pg_database() if backend == "PostgreSQL" else nullpath(Path(tmp) / "big.db")) as where:
                with open_store(where) as store:
                    t = time.perf_counter()
                    batch = []
                    for article in synthesise(real, args.articles):
                        batch.append(article)
                        if len(batch) == 500:
                            store.save(batch)
                            batch = []
                    if batch:
                        store.save(batch)
                    write = args.articles / (time.perf_counter() - t)
                    size = pg_size(where) if backend == "PostgreSQL" else sqlite_size(Path(where))
                    search = []
                    for _ in range(3):
                        for q in queries:
                            t = time.perf_counter()
                            store.find(ArticleQuery(text=q), 20)
                            search.append((time.perf_counter() - t) * 1000)
                    fetch = []
                    for _ in range(200):
                        t = time.perf_counter()
                        store.get(f"s{rng.randrange(args.articles):07d}")
                        fetch.append((time.perf_counter() - t) * 1000)
            print(f"| {backend} | {write:,.0f} | {size / 2**20:,.0f} MiB | {size / args.articles:,.0f} "
                  f"| {percentile(search, 50):.0f} ms | {percentile(search, 95):.0f} ms "
                  f"| {percentile(fetch, 95):.1f} ms |")
    print(load())


def main() -> None:
    if not DETIK.exists():
        sys.exit(f"{DETIK} is missing: the benchmark needs ../shared beside the repository")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(run=bench_ingest)
    for name, run in (("search", bench_search), ("scale", bench_scale)):
        p = sub.add_parser(name)
        p.add_argument("--cache", help="folder keeping the processed detik-1000 store between runs")
        p.set_defaults(run=run)
    sub.choices["scale"].add_argument("--articles", type=int, default=100_000)
    args = ap.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
