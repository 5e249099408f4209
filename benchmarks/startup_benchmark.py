"""Start-up cost: one `warta extract` call on one short article, and a fresh worker
process that imports warta and loads the NLP pipeline.

    python benchmarks/startup_benchmark.py [--runs 5]

Each measurement is a new process (nothing warm but the OS file cache and warta's start-up
cache, which the first run fills); the extract call is measured to its exit, the worker up
to the end of ``nlp.load()``. Prints wall and CPU (user+sys) seconds, min and
median, and the load average: the machine may be shared, and CPU time is the figure other
processes disturb least.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]
SEEDS = shared_root() / "seeds"
# A worker goes on working after its start: the process ends without Python's teardown
# (freeing every module and the model, ~0.2 s), which is no part of starting.
WORKER = "import os, sys, warta.pipeline, warta.nlp; warta.nlp.load(); sys.stdout.flush(); os._exit(0)"


def _measure(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        sys.exit(f"no seed articles in {SEEDS}: the benchmark needs ../shared beside the repository")
    article = min(seeds, key=lambda p: p.stat().st_size)
    warta = str(Path(sys.executable).with_name("warta"))
    cases = {
        f"warta extract {article.name} ({article.stat().st_size:,} bytes)": [warta, "extract", str(article)],
        "worker start (import + nlp.load())": [sys.executable, "-c", WORKER],
    }
    _measure(cases[next(iter(cases))])  # fills the start-up cache
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"| case | wall min | wall median | CPU min | CPU median |\n|---|---|---|---|---|")
    for name, cmd in cases.items():
        runs = [_measure(cmd) for _ in range(args.runs)]
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"| {name} | {min(walls):.2f} s | {statistics.median(walls):.2f} s "
              f"| {min(cpus):.2f} s | {statistics.median(cpus):.2f} s |")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
