"""Time of each pipeline stage per article on real news (detik-1000), one core.

    python benchmarks/stage_benchmark.py [--n 300] [--batch-size 32]

Runs the stages the pipeline declares (``warta.pipeline.STAGES``: clean -> meta -> nlp ->
dates -> quotes -> figures -> framing, then assemble), in the same order and with the same batching
as ``warta.pipeline.process_batch``, but with a clock around each stage. Times are CPU seconds of this process
(``time.process_time``) because the machine is shared; the wall time of the timed run is
printed too. Prints the share of each stage, words/second for the whole pipeline, and the
claims overhead (dates+figures+quotes over clean+meta+nlp), which the issue caps at 30%,
and the framing overhead (framing over every other stage), which issue 12 caps at 5%.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core, before numpy/spaCy are imported

import argparse  # noqa: E402
import csv  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402
from warta.settings import shared_root  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DETIK = shared_root() / "data" / "news" / "detik-1000" / "data_berita.csv"
BASE = ("clean", "meta", "nlp")  # the pipeline without claims
CLAIMS = ("dates", "figures", "quotes")
CLAIMS_CAP = 30.0  # % the issue allows claims to add to the rest of the pipeline
FRAMING_CAP = 5.0  # % issue 12 allows the framing stage to add to the pipeline


def load_articles(n: int):
    from warta.model import RawArticle

    if not DETIK.exists():
        sys.exit(f"{DETIK} is missing: the benchmark needs ../shared beside the repository")
    csv.field_size_limit(10**8)
    with open(DETIK, encoding="utf-8") as fh:
        return [RawArticle(raw_text=row["isi_berita"], title=row["judul"] or None,
                           source=f"detik-1000#{row['id']}")
                for row, _ in zip(csv.DictReader(fh), range(n))]


def stage_names() -> list[str]:
    from warta.pipeline import STAGES

    return [stage.name for stage in STAGES] + ["assemble"]


def run_batch(raws, times: dict[str, list[float]]) -> None:
    """One pipeline batch, timed per stage; appends one time per article to ``times``
    (a batched stage, nlp, runs over the whole batch, so its time is shared out by
    characters)."""
    from warta.pipeline import STAGES, Work, assemble

    clock = time.process_time
    works = [Work(raw) for raw in raws]
    for stage in STAGES:
        step = getattr(stage.run, "step", None)  # per-article stages expose their step
        if step is None:
            t0 = clock()
            stage.run(works)
            total = clock() - t0
            chars = [sum(len(d.text) for d in work.docs) for work in works]
            for c in chars:
                times[stage.name].append(total * c / max(sum(chars), 1))
            continue
        for work in works:
            t0 = clock()
            step(work)
            times[stage.name].append(clock() - t0)
    for work in works:
        t0 = clock()
        assemble(work)
        times["assemble"].append(clock() - t0)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"machine: nproc={os.cpu_count()} ({len(os.sched_getaffinity(0))} usable), {cpu}, "
            f"Python {platform.python_version()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles to time (default 300)")
    ap.add_argument("--batch-size", type=int, default=32, help="as warta.pipeline.process_many")
    ap.add_argument("--model", type=Path, default=None,
                    help="time the nlp stage with this trained spaCy model directory instead "
                         "of the shipped warta/nlp/model (e.g. a training run not yet shipped)")
    args = ap.parse_args()

    from warta import nlp

    raws = load_articles(args.n)
    if not raws:
        sys.exit("no articles loaded")
    words = sum(len(r.raw_text.split()) + len((r.title or "").split()) for r in raws)

    t = time.process_time()  # model loading and first-call set-up are not throughput
    if args.model is not None:
        if not (args.model / "config.cfg").exists():
            sys.exit(f"{args.model} holds no spaCy model (no config.cfg)")
        built = nlp.build(args.model)
        nlp.load = lambda: built  # annotate() looks load() up at call time

    nlp.load()
    run_batch(raws[:5], defaultdict(list))
    warmup = time.process_time() - t

    times: dict[str, list[float]] = defaultdict(list)
    wall = time.perf_counter()
    for i in range(0, len(raws), args.batch_size):
        run_batch(raws[i:i + args.batch_size], times)
    wall = time.perf_counter() - wall

    n = len(raws)
    stages = stage_names()
    totals = {s: sum(times[s]) for s in stages}
    grand = sum(totals.values())
    print(machine())
    ner = args.model or (nlp.MODEL_DIR if (nlp.MODEL_DIR / "config.cfg").exists() else None)
    print(f"NER model: {ner or 'none shipped (blank spaCy + gazetteer rules)'}")
    print(f"articles: {n}, words: {words:,}, batch size {args.batch_size}, "
          f"warm-up (model load + 5 articles): {warmup:.1f} s CPU")
    print(f"{'stage':<10}{'total s':>9}{'ms/art':>9}{'p95 ms':>9}{'share':>8}")
    for s in stages:
        p95 = statistics.quantiles(times[s], n=20)[-1] * 1000 if n > 1 else totals[s] * 1000
        print(f"{s:<10}{totals[s]:>9.2f}{totals[s] / n * 1000:>9.1f}{p95:>9.1f}"
              f"{totals[s] / grand:>8.1%}")
    print(f"{'TOTAL':<10}{grand:>9.2f}{grand / n * 1000:>9.1f}{'':>9}{1:>8.0%}")
    print(f"whole pipeline: {words / grand:,.0f} words/s of CPU on one core "
          f"({wall:.1f} s wall for the timed run)")
    base = sum(totals[s] for s in BASE)
    claims = sum(totals[s] for s in CLAIMS)
    overhead = claims / base * 100
    verdict = "within" if overhead <= CLAIMS_CAP else "OVER"
    print(f"claims overhead: {overhead:.1f}% of the rest of the pipeline "
          f"(dates+figures+quotes / clean+meta+nlp; {verdict} the {CLAIMS_CAP:.0f}% cap)")
    rest = grand - totals["framing"]
    framing_overhead = totals["framing"] / rest * 100
    verdict = "within" if framing_overhead <= FRAMING_CAP else "OVER"
    print(f"framing overhead: {framing_overhead:.1f}% of the rest of the pipeline "
          f"(framing / every other stage; {verdict} the {FRAMING_CAP:.0f}% cap)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:,.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
