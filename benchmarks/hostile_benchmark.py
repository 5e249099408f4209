"""Time and memory of each pipeline stage, and of `warta ingest`, on hostile input (issue 10).

    python benchmarks/hostile_benchmark.py stages [--size 1000000] [--timeout 600] [--kinds a,b]
    python benchmarks/hostile_benchmark.py ingest [--size 1000000] [--big 19000000]
    python benchmarks/hostile_benchmark.py corpus DIR [--size 1000000]

``stages``: every generator of ``warta.evaluate.hostile`` (and real news, detik-1000
articles joined, for comparison) at ``--size`` characters, each in its own process with a
timeout; prints seconds per stage, seconds per MB and the process's peak memory.
``ingest``: writes the hostile corpus (one .txt per generator, plus one ``--big`` file of
news text, a JSON Lines file of hostile records) to a temporary folder, runs `warta ingest`
on it and prints the wall time, CPU time and peak memory of the run per MB of input.
``corpus``: only writes the corpus to DIR (it is never committed).
Times are CPU seconds unless marked wall; the machine may be shared (say so beside them).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DETIK = REPO / ".." / "shared" / "data" / "news" / "detik-1000" / "data_berita.csv"
STAGES = ("clean", "meta", "nlp", "dates", "figures", "quotes", "framing")


def news_text(size: int) -> str:
    """Real news (detik-1000 bodies joined by blank lines), repeated up to ``size``."""
    csv.field_size_limit(10**9)
    with open(DETIK, encoding="utf-8") as fh:
        body = "\n\n".join(row["isi_berita"] for row in csv.DictReader(fh))
    return (body * (size // len(body) + 1))[:size]


def stage_times(kind: str, size: int) -> dict:
    """One process: every stage on one text, CPU seconds each."""
    from warta import framing, nlp
    from warta.claims import dates, figures, quotes
    from warta.evaluate import hostile
    from warta.model import RawArticle

    text = news_text(size) if kind == "news" else hostile.text(kind, size)
    nlp.load()
    clock = time.process_time
    _cleaned, _metadata, docs, times = hostile.timed_front_stages(RawArticle(raw_text=text, source=kind))
    t = clock()
    nlp.annotate([docs])
    times["nlp"] = clock() - t
    for name, stage in (("dates", dates), ("figures", figures), ("quotes", quotes), ("framing", framing)):
        t = clock()
        for doc in docs:
            stage.annotate(doc)
        times[name] = clock() - t
    times["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return times


def run_stages(args) -> None:
    from warta.evaluate import hostile

    kinds = args.kinds.split(",") if args.kinds else ["news", *hostile.TEXTS]
    print(f"size {args.size:,} characters; CPU seconds per stage (one process per row, "
          f"timeout {args.timeout} s); the machine may be shared with other jobs")
    print(f"{'input':<16}" + "".join(f"{s:>9}" for s in STAGES) + f"{'total':>9}{'s/MB':>8}{'peak MB':>9}")
    for kind in kinds:
        cmd = [sys.executable, __file__, "_one", kind, str(args.size)]
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"{kind:<16} timed out after {args.timeout} s")
            continue
        if out.returncode != 0:
            print(f"{kind:<16} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        t = json.loads(out.stdout.strip().splitlines()[-1])
        total = sum(t[s] for s in STAGES)
        print(f"{kind:<16}" + "".join(f"{t[s]:>9.2f}" for s in STAGES)
              + f"{total:>9.2f}{total / (args.size / 1e6):>8.1f}{t['peak_mb']:>9.0f}")


def write_corpus(folder: Path, size: int, big: int = 0) -> int:
    """The hostile corpus: one .txt per generator, hostile JSON Lines, a ``big`` news file."""
    from warta.evaluate import hostile

    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for kind in hostile.TEXTS:
        path = folder / f"{kind}.txt"
        path.write_text(hostile.text(kind, size), encoding="utf-8")
        total += path.stat().st_size
    records = [{"text": 42}, {"text": ["a", "b"]}, {"text": "ada\u0000nul", "title": "[/] [link=http://x]y"},
               {"text": "Berita biasa di Jakarta.", "published": "bukan tanggal"},
               {"text": "\udcff surrogate? no: escaped", "outlet": "=HYPERLINK(\"http://x\")"}]
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n{broken json\n", encoding="utf-8")
    total += path.stat().st_size
    if big:
        path = folder / "big_news.txt"
        path.write_text(news_text(big), encoding="utf-8")
        total += path.stat().st_size
    return total


def run_ingest(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        total = write_corpus(folder, args.size, args.big)
        db = Path(tmp) / "hostile.db"
        warta = Path(sys.executable).with_name("warta")
        start = time.monotonic()
        proc = subprocess.run([str(warta), "ingest", str(folder), "--db", str(db)],
                              capture_output=True, text=True)
        wall = time.monotonic() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime + usage.ru_stime
        mb = total / 1e6
        print(f"warta ingest on {mb:.1f} MB of hostile input ({len(list(folder.iterdir()))} files), "
              f"exit {proc.returncode}; the machine may be shared with other jobs")
        print(f"wall {wall:.0f} s, CPU {cpu:.0f} s = {cpu / mb:.1f} CPU s/MB; "
              f"peak memory {usage.ru_maxrss / 1024:.0f} MB")
        for line in proc.stdout.splitlines()[-8:] + proc.stderr.splitlines()[-12:]:
            print("  |", line)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_one":
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        print(json.dumps(stage_times(sys.argv[2], int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("stages")
    p.add_argument("--size", type=int, default=1_000_000)
    p.add_argument("--timeout", type=int, default=600)
    p.add_argument("--kinds", default="")
    p = sub.add_parser("ingest")
    p.add_argument("--size", type=int, default=1_000_000)
    p.add_argument("--big", type=int, default=19_000_000)
    p = sub.add_parser("corpus")
    p.add_argument("folder", type=Path)
    p.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args()
    if args.command == "stages":
        run_stages(args)
    elif args.command == "ingest":
        run_ingest(args)
    else:
        print(f"{write_corpus(args.folder, args.size):,} bytes written to {args.folder}")


if __name__ == "__main__":
    main()
