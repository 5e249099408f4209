"""Throughput of the whole pipeline and of the NLP stage on real news (detik-1000).

    OMP_NUM_THREADS=1 python benchmarks/pipeline_benchmark.py [--limit 1000]

Prints words per second of CPU time on one core (words = whitespace-separated tokens of
the raw text) and the peak resident memory. CPU time (not wall time) is used because the
machine is shared: other processes should not count against warta.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, before numpy is imported

import argparse  # noqa: E402
import csv  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from warta.settings import shared_root  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DETIK = shared_root() / "data" / "news" / "detik-1000" / "data_berita.csv"


def load_articles(limit: int):
    from warta.model import RawArticle

    if not DETIK.exists():
        sys.exit(f"{DETIK} is missing: the benchmark needs ../shared beside the repository")
    csv.field_size_limit(10**8)
    out = []
    with open(DETIK, encoding="utf-8") as fh:
        for row, _ in zip(csv.DictReader(fh), range(limit)):
            out.append(RawArticle(raw_text=row["isi_berita"], title=row["judul"] or None,
                                  source=f"detik-1000#{row['id']}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1000)
    args = ap.parse_args()
    from warta import nlp
    from warta.document import Document, OffsetMap
    from warta.pipeline import process_many

    raws = load_articles(args.limit)
    words = sum(len(r.raw_text.split()) + len((r.title or "").split()) for r in raws)
    nlp.load()  # model loading is not throughput
    list(process_many(raws[:5]))

    t = time.process_time()
    n = sum(1 for _ in process_many(raws))
    full = time.process_time() - t

    docs = [[Document(text=r.title or "", offsets=OffsetMap.identity(len(r.title or "")), is_title=True),
             Document(text=r.raw_text, offsets=OffsetMap.identity(len(r.raw_text)))] for r in raws]
    t = time.process_time()
    for i in range(0, len(docs), 32):
        nlp.annotate(docs[i:i + 32])
    nlp_only = time.process_time() - t

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {n}, words: {words:,}")
    print(f"full pipeline: {words / full:,.0f} words/s per core ({full:.1f} s CPU)")
    print(f"NLP stage alone: {words / nlp_only:,.0f} words/s per core ({nlp_only:.1f} s CPU)")
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
