"""Serving benchmark: `warta serve` over a large store, N concurrent clients on loopback.

The store: the detik-1000 articles run through the pipeline once (or the articles of
``--from-db``), then copied until it holds ``--articles`` articles. Each copy takes one
Gaza-war headline from narasipal (title, outlet, date) and that headline as a closing
paragraph, so it has its own id and content; the copied annotations keep their offsets
(the paragraph is appended after them; annotations of the old title are dropped).

Then, for each route in turn, ``--clients`` clients (asyncio streams, keep-alive) send
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
        _pages(db)
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
    _pages(db)


def _pages(db: Path) -> None:
    """What ingest does after storing: render each article's page once (warta.web.article_page);
    also catches up a store built before, or rendered by another version of the page code."""
    from warta.store.sqlite import SQLiteStore
    from warta.web import article_page

    start = time.perf_counter()
    with SQLiteStore(db) as store:
        done = article_page.refresh(store)
    if done:
        print(f"rendered {done:,} article pages in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on a keep-alive connection; the status. A bare HTTP/1.1 client: httpx spent
    more CPU per request than the server (0.7 ms for an API article) and, on a loaded
    machine, the clients' own queueing was most of what the table showed."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status


async def _load(base: str, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int, int]:
    from urllib.parse import urlsplit

    host, port = urlsplit(base).hostname, urlsplit(base).port
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def client(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        reader, writer = await asyncio.open_connection(host, port, limit=2 ** 24)
        try:
            while time.perf_counter() < stop:
                path = rng.choice(paths)
                t0 = time.perf_counter()
                status = await _get(reader, writer, path)
                latencies.append(time.perf_counter() - t0)
                errors += status >= 400
        finally:
            writer.close()

    await asyncio.gather(*(client(k) for k in range(clients)))
    return latencies, errors, len(latencies)


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children so far (Linux /proc): what the
    server spent, whatever the machine's load made the clients wait."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            total += _cpu_seconds(int(child))
    except OSError:
        pass
    return total


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000 if len(values) > 1 else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="Store to build (if smaller than --articles) and serve.")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--from-db", type=Path, help="Copy the articles of this store instead of running the pipeline.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20, help="Per route.")
    parser.add_argument("--workers", type=int, default=1, help="warta serve --workers.")
    parser.add_argument("--only", action="append", default=[], metavar="WORDS",
                        help="Measure only the routes whose name contains WORDS (repeatable), e.g. 'article page'.")
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
    # Each of these is asked about once: what a query costs before the server has seen it.
    cold = list(dict.fromkeys(" ".join(rng.sample(words, 2)) for _ in range(20_000)))
    routes = {
        "search (GET /api/search?q=, with facets; 500 queries)": [f"/api/search?q={urllib.request.quote(q)}"
                                                                 for q in queries],
        "search, queries not seen before (cache cold)": [f"/api/search?q={urllib.request.quote(q)}" for q in cold],
        "article page (GET /articles/{id})": [f"/articles/{i}" for i in ids],
        "API article (GET /api/articles/{id})": [f"/api/articles/{i}" for i in ids],
    }
    if args.only:
        routes = {name: paths for name, paths in routes.items() if any(w in name for w in args.only)}
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "WARTA_API_TOKEN"}
    server = subprocess.Popen([str(Path(sys.executable).parent / "warta"), "serve", "--db", str(args.db),
                               "--port", str(port), "--workers", str(args.workers)], env=env, stderr=open(Path(tempfile.gettempdir()) / "warta-serve-benchmark.log", "w"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/api/articles?limit=1", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        load_before = os.getloadavg()
        for name, paths in routes.items():
            # warm connections (and, but for the cold route, caches)
            asyncio.run(_load(base, paths[-20:] if "cold" in name else paths[:20], args.clients, 2))
            cpu = _cpu_seconds(server.pid)
            latencies, errors, n = asyncio.run(_load(base, paths, args.clients, args.seconds))
            cpu = (_cpu_seconds(server.pid) - cpu) * 1000 / max(n, 1)
            rows.append((name, n, n / args.seconds, _pct(latencies, 50), _pct(latencies, 95), _pct(latencies, 99),
                         errors, cpu))
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"\n{total:,} articles, {args.clients} concurrent clients, {args.seconds:g} s per route, "
          f"{args.workers} uvicorn worker(s), {os.cpu_count()} cores; load average before "
          f"{load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} (other sessions' jobs included)\n")
    print("| route | requests | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/request |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, rps, p50, p95, p99, errors, cpu in rows:
        print(f"| {name} | {n:,} | {rps:.0f} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {errors} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
