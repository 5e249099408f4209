"""Serving benchmark: `warta serve` over a large store, N concurrent clients on loopback.

The store: the detik-1000 articles run through the pipeline once (or the articles of
``--from-db``), then copied until it holds ``--articles`` articles. Each copy takes one
Gaza-war headline from narasipal (title, outlet, date) and that headline as a closing
paragraph, so it has its own id and content; the copied annotations keep their offsets
(the paragraph is appended after them; annotations of the old title are dropped).

Then, for each route in turn, ``--clients`` clients (asyncio + httpx, keep-alive) send
requests back to back for ``--seconds``; the table gives requests, requests/s and latency
percentiles per route. Not a test.

    python benchmarks/serve_benchmark.py --db /tmp/bench.db               # 100,000 articles
    python benchmarks/serve_benchmark.py --db /tmp/b.db --articles 5000 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]
NEWS = shared_root() / "data" / "news"


def headlines() -> list[dict]:
    with open(NEWS / "narasipal-gaza-headlines" / "dataset.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def base_articles(from_db: Path | None) -> list:
    """Processed articles to copy: from a store, or detik-1000 through the pipeline."""
    from warta.store.sqlite import SQLiteStore

    if from_db is None:
        from warta.ingest import read_inputs
        from warta.run.batch import ingest

        from_db = Path(tempfile.mkdtemp()) / "base.db"
        with SQLiteStore(from_db) as store:
            print("running the pipeline over detik-1000 ...", file=sys.stderr)
            ingest(read_inputs([str(NEWS / "detik-1000" / "data_berita.csv")]), store)
    with SQLiteStore(from_db) as store:
        return list(store.articles())


def _published(value: str) -> str | None:
    import datetime as dt

    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip()[:19], fmt).isoformat()
        except ValueError:
            continue
    return None


def build(db: Path, n: int, from_db: Path | None) -> None:
    from warta.store.sqlite import SQLiteStore

    with SQLiteStore(db) as store:
        have = store.count()
    if have >= n:
        print(f"{db}: {have:,} articles already", file=sys.stderr)
        return
    base = base_articles(from_db)
    heads = headlines()
    keys = list(heads[0])
    def column(*names: str):
        return next((k for k in keys if any(name in k.lower() for name in names)), None)

    title_key = column("judul", "title", "headline")
    date_key = column("tanggal", "date")
    outlet_key = column("sumber", "outlet", "source")
    start = time.perf_counter()
    with SQLiteStore(db) as store:
        i = store.count()
        while i < n:
            batch = []
            for _ in range(min(1000, n - i)):
                art, head = base[i % len(base)], heads[i % len(heads)]
                title = head[title_key]
                tail = f"\n\n{title} ({i})"
                batch.append(art.model_copy(update={
                    "id": f"bench-{i}", "title": title, "raw_text": art.raw_text + tail, "text": art.text + tail,
                    "outlet": (head.get(outlet_key) or art.outlet) if outlet_key else art.outlet,
                    "published": (_published(head[date_key]) if date_key else None) or art.published,
                    **{kind: [a for a in getattr(art, kind) if a.field == "text"]
                       for kind in ("entities", "quotes", "figures", "dates", "cited_sources", "boilerplate")}}))
                i += 1
            store.save(batch)
            print(f"\r{i:,} articles", end="", file=sys.stderr)
    print(f"\nbuilt {n:,} articles in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _load(base: str, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int, int]:
    import httpx

    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def client(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            while time.perf_counter() < stop:
                path = rng.choice(paths)
                t0 = time.perf_counter()
                response = await http.get(path, headers={"accept": "text/html"})
                latencies.append(time.perf_counter() - t0)
                errors += response.status_code >= 400

    await asyncio.gather(*(client(k) for k in range(clients)))
    return latencies, errors, len(latencies)


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000 if len(values) > 1 else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="Store to build (if smaller than --articles) and serve.")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--from-db", type=Path, help="Copy the articles of this store instead of running the pipeline.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20, help="Per route.")
    args = parser.parse_args()

    build(args.db, args.articles, args.from_db)
    from warta.store.sqlite import SQLiteStore

    rng = random.Random(7)
    with SQLiteStore(args.db) as store:
        total = store.count()
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 2000")]
        titles = [r[0] for r in store.conn.execute("SELECT title FROM articles WHERE title IS NOT NULL "
                                                   "ORDER BY random() LIMIT 500")]
    words = [w for t in titles for w in t.split() if len(w) > 4 and w.isalpha()]
    queries = [" ".join(rng.sample(words, 2)) if rng.random() < 0.5 else rng.choice(words) for _ in range(500)]
    routes = {
        "search (GET /api/search?q=, with facets)": [f"/api/search?q={urllib.request.quote(q)}" for q in queries],
        "article page (GET /articles/{id})": [f"/articles/{i}" for i in ids],
        "API article (GET /api/articles/{id})": [f"/api/articles/{i}" for i in ids],
    }
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "WARTA_API_TOKEN"}
    server = subprocess.Popen([str(Path(sys.executable).parent / "warta"), "serve", "--db", str(args.db),
                               "--port", str(port)], env=env, stderr=open(Path(tempfile.gettempdir()) / "warta-serve-benchmark.log", "w"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/api/articles?limit=1", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        for name, paths in routes.items():
            asyncio.run(_load(base, paths[:20], args.clients, 2))  # warm caches and connections
            latencies, errors, n = asyncio.run(_load(base, paths, args.clients, args.seconds))
            rows.append((name, n, n / args.seconds, _pct(latencies, 50), _pct(latencies, 95), _pct(latencies, 99), errors))
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"\n{total:,} articles, {args.clients} concurrent clients, {args.seconds:g} s per route, "
          f"one uvicorn worker, {os.cpu_count()} cores (shared)\n")
    print("| route | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, n, rps, p50, p95, p99, errors in rows:
        print(f"| {name} | {n:,} | {rps:.0f} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {errors} |")


if __name__ == "__main__":
    main()
