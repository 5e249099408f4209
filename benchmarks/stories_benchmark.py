"""Online story clustering at scale: 20,000 headlines and 10,000 full articles, one core.

Items come from ../shared/data/news: every Narasipal headline (title-only records, in
publication order; the undated Tempo rows last) and 10,000 full articles built as the
ingest benchmark builds them (detik-1000 bodies, each copy with its own headline and date).
Features are what clustering reads from the text (stemmed title and lead words, numbers);
the pipeline's entities and figures are not computed here (the pipeline has its own
benchmarks), so this is the cost clustering adds to ingest.

Prints, per 5,000 items, the CPU time per item of that slice (flat = linear growth), the peak
resident memory, and the size and write time of the state ingest stores.

    python benchmarks/stories_benchmark.py            # both
    python benchmarks/stories_benchmark.py --kind headlines --n 20000
    python benchmarks/stories_benchmark.py --overhead --n 2000   # a real cold ingest: CPU added by stories
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from warta.corpus.stories import StoryClusterer, StoryInput, arrival_order, lead_text, parse_published  # noqa: E402
from warta.settings import shared_path  # noqa: E402

STEP = 5000


def headline_items(n: int) -> list[StoryInput]:
    path = shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv")
    if not path.exists():
        sys.exit(f"missing {path}: the benchmark needs ../shared beside the repository")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    items = [StoryInput(id=f"h{i}", title=r["judul_berita"], outlet=r["sumber_berita"],
                        published=parse_published(r["tanggal_publikasi"].replace(" 00:00:00", "")),
                        url=r["url"]) for i, r in enumerate(rows)]
    items = arrival_order(items)
    while len(items) < n:   # more than the corpus holds: repeat it, a day later each round
        items += [StoryInput(id=f"{i.id}r{len(items)}", title=i.title, published=i.published) for i in items[: n - len(items)]]
    return items[:n]


def article_items(n: int) -> list[StoryInput]:
    from ingest_benchmark import build_records

    return arrival_order(StoryInput(id=r["id"], title=r["title"], lead=lead_text(r["text"]), outlet=r["outlet"],
                                    published=parse_published((r["published"] or "").replace(" 00:00:00", "")))
                         for r in build_records(n))


def run(kind: str, n: int) -> dict:
    items = headline_items(n) if kind == "headlines" else article_items(n)
    clusterer = StoryClusterer()
    slices = []
    start = time.process_time()
    for k in range(0, len(items), STEP):
        t = time.process_time()
        for item in items[k:k + STEP]:
            clusterer.add(item)
        slices.append((k + min(STEP, len(items) - k), (time.process_time() - t) / min(STEP, len(items) - k) * 1000))
    total = time.process_time() - start
    t = time.process_time()
    state = json.dumps(clusterer.state())
    dump = time.process_time() - t
    return {"kind": kind, "n": len(items), "total_s": total, "slices": slices,
            "stories": len(set(clusterer.story_of.values())),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "state_mb": len(state) / 1e6, "state_write_s": dump}


def ingest_overhead(n: int) -> dict:
    """A real cold ingest (fresh process, empty SQLite store) of ``n`` full articles built
    as the ingest benchmark builds them: CPU seconds of the whole ingest and of its story
    assignment (``story_views.assign_pending``, timed inside the same run)."""
    import logging
    import tempfile

    from ingest_benchmark import build_records

    from warta.corpus import story_views
    from warta.ingest import read_inputs
    from warta.run.batch import ingest
    from warta.store.sqlite import SQLiteStore

    logging.disable(logging.WARNING)
    spent = {"assign": 0.0}
    original = story_views.assign_pending

    def timed(*args, **kwargs):
        t = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent["assign"] += time.process_time() - t

    story_views.assign_pending = timed
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for record in build_records(n):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        with SQLiteStore(Path(tmp) / "bench.db") as store:
            t = time.process_time()
            report = ingest(read_inputs([str(source)]), store)
            total = time.process_time() - t
            assigned = len(store.story_rows())
    return {"n": n, "stored": report.stored, "assigned": assigned, "ingest_cpu_s": total,
            "assign_cpu_s": spent["assign"], "overhead": spent["assign"] / (total - spent["assign"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", choices=["headlines", "articles"])
    parser.add_argument("--n", type=int)
    parser.add_argument("--overhead", action="store_true",
                        help="a cold ingest of --n full articles (default 2,000): CPU of story assignment against the rest")
    args = parser.parse_args()
    if args.overhead:
        r = ingest_overhead(args.n or 2000)
        print("| articles | stored | in stories | ingest CPU | story assignment CPU | added to the rest of ingest |")
        print("|---|---|---|---|---|---|")
        print(f"| {r['n']:,} | {r['stored']:,} | {r['assigned']:,} | {r['ingest_cpu_s']:.1f} s | "
              f"{r['assign_cpu_s']:.2f} s | **{r['overhead']:.1%}** |")
        return
    if args.kind:   # one measurement in this process (its own peak memory)
        print(json.dumps(run(args.kind, args.n or (20_000 if args.kind == "headlines" else 10_000))))
        return
    print("| items | n | ms/item per 5,000 (1st, 2nd, ...) | total | stories | peak RSS | state |")
    print("|---|---|---|---|---|---|---|")
    for kind, n in (("headlines", 20_000), ("articles", 10_000)):
        out = subprocess.run([sys.executable, __file__, "--kind", kind, "--n", str(n)],
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        per = ", ".join(f"{ms:.2f}" for _, ms in r["slices"])
        print(f"| {kind} | {r['n']:,} | {per} | {r['total_s']:.1f} s ({r['total_s'] / r['n'] * 1000:.2f} ms/item) "
              f"| {r['stories']:,} | {r['peak_mb']:.0f} MB | {r['state_mb']:.1f} MB, written in {r['state_write_s']:.2f} s |")


if __name__ == "__main__":
    main()
