"""Wire listings on a large store (issue 11, migration 10): what each step of `warta wire` /
`/api/wire` costs, in CPU time (the machine may be shared), in one process.

    python benchmarks/wire_benchmark.py STORE          # an SQLite file or a PostgreSQL URL

STORE is changed (its wire rows are made, one article is stored and deleted again): give a
copy. Steps: the catch-up (rows of articles stored before migration 10; 0 once made), the
boilerplate re-check, the groups (SQL buckets + signature comparisons), `/api/wire` pages
(the first one finds the groups, the next ones read them from the cache), and the next
listing after one more article is stored. Prints a markdown table with the peak RSS and the
load average.
"""

from __future__ import annotations

import argparse
import os
import resource
import time


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("store", help="an SQLite file or a PostgreSQL URL (a copy: it is changed)")
    args = p.parse_args()

    from fastapi.testclient import TestClient

    from warta import services
    from warta.api.app import ServeConfig, create_app
    from warta.corpus import wire
    from warta.store import open_store

    rows: list[tuple[str, float, str]] = []

    def timed(name: str, run):
        t = time.process_time()
        value = run()
        rows.append((name, time.process_time() - t, str(value)))
        return value

    with open_store(args.store) as store:
        n = store.count()
        timed("catch-up (articles fingerprinted)", lambda: wire.catch_up(store))
        timed("boilerplate re-check (stale articles)", lambda: len(store.wire_stale()))
        timed("groups (stored_components)", lambda: len(wire.stored_components(store)))
    client = TestClient(create_app(ServeConfig(db=args.store, token=None)))
    for params in ({"limit": 20}, {"limit": 20, "offset": 20}, {"limit": 20, "outlet": "detik"}):
        timed(f"/api/wire {params}", lambda: client.get("/api/wire", params=params).json()["total"])
    with open_store(args.store) as store:
        new = next(a for a in store.articles() if len((a.text or "").split()) > 200)
        new = new.model_copy(update={"id": "wire-benchmark-new", "raw_text": new.raw_text + " (versi baru)"})
        timed("store one more article", lambda: store.save([new]).stored)
        timed("next listing (20 groups)", lambda: services.wire_groups(store, limit=20).total)
        store.delete([new.id])
    print(f"{n:,} articles in {args.store}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print("| step | CPU s | result |\n|---|---|---|")
    for name, cpu, value in rows:
        print(f"| {name} | {cpu:.2f} | {value} |")


if __name__ == "__main__":
    main()
