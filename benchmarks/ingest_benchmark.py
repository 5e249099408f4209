"""Ingest benchmark: N real-text articles through the whole pipeline into a fresh store.

Articles are built from ../shared/data/news: the detik-1000 bodies, each copy given a
different Gaza-war headline (narasipal) as its title and as a closing paragraph, so every
article has its own content id and none is skipped as a duplicate. They are written to a
temporary JSON Lines file and ingested with ``warta.ingest`` exactly as ``warta ingest``
does (read -> pipeline -> SQLite, one transaction per batch).

    python benchmarks/ingest_benchmark.py            # 10,000 articles
    python benchmarks/ingest_benchmark.py --n 500    # a quick run

Prints: articles, seconds, articles/second, peak memory (ru_maxrss). Not a test.

Measured on the 2-core development machine (shared with other jobs), full pipeline:

    | articles | stored | rejected | seconds | articles/s | peak memory | database |
    |   10,000 | 10,000 |        0 |   332.5 |       30.1 |      379 MB |   202 MB |
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path
from warta.settings import shared_root

SHARED = shared_root()
DETIK = SHARED / "data" / "news" / "detik-1000" / "data_berita.csv"
HEADLINES = SHARED / "data" / "news" / "narasipal-gaza-headlines" / "dataset.csv"


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        sys.exit(f"missing {path}: the benchmark needs ../shared beside the repository")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def build_records(n: int) -> list[dict]:
    """n distinct articles: detik bodies cycled, each copy with its own real headline."""
    bodies = list({row["isi_berita"]: row for row in _rows(DETIK)}.values())
    # Distinct headlines: body i % B with headline i % H is a distinct pair for i < H.
    headlines = list({row["judul_berita"].strip(): row for row in _rows(HEADLINES)
                      if row["judul_berita"].strip()}.values())
    records = []
    for i in range(n):
        body = bodies[i % len(bodies)]
        headline = headlines[i % len(headlines)]
        records.append({
            "id": f"bench-{i}",
            "title": headline["judul_berita"],
            "outlet": headline["sumber_berita"],
            "published": headline["tanggal_publikasi"],
            "url": body["tautan"],
            "text": f"{body['isi_berita']}\n\nBaca juga: {headline['judul_berita']}",
        })
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10,000)")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    from warta.ingest import read_inputs
    from warta.run.batch import ingest
    from warta.store.sqlite import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for record in build_records(args.n):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        with SQLiteStore(Path(tmp) / "bench.db") as store:
            started = time.perf_counter()
            report = ingest(read_inputs([str(source)]), store, batch_size=args.batch_size)
            seconds = time.perf_counter() - started
            stored = store.count()
        db_mb = (Path(tmp) / "bench.db").stat().st_size / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    print("| articles | stored | rejected | seconds | articles/s | peak memory | database |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {args.n:,} | {stored:,} | {len(report.rejected)} | {seconds:.1f} | "
          f"{stored / seconds:.1f} | {peak_mb:.0f} MB | {db_mb:.0f} MB |")
    for rejected in report.rejected[:5]:
        print(f"rejected {rejected}", file=sys.stderr)


if __name__ == "__main__":
    main()
