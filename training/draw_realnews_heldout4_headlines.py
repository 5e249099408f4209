"""Draw the 100 Gaza-war headlines of the fourth real-news held-out set (issue 15).

Reads the Narasipal headline CSV (``../shared/data/news/narasipal-gaza-headlines``) only
(warta is not run). A headline is left out when its text, lower-cased with whitespace
collapsed, equals any string of any record of any file in ``warta/evaluate/data/*.jsonl``
(the headline, figures, NER, framing, real-news and stories gold: used only to exclude),
read as they were when the draw was made, at commit BASE (main then, before the 100 records
were appended; read with ``git show``): read from the working tree, the appended records would
exclude themselves on a re-run. Duplicates in the CSV are collapsed (first row kept, in CSV order). With one
``random.Random(1581)``: 80 headlines with a digit or an Indonesian number word and 20
without (as the earlier draws: 130/70, 80/40, 70/20, 200/100), then the 100 shuffled.

Prints one JSON record a line in the gold's format with ``figures`` left empty, for the
annotator to fill by reading. Run from the repository root:
``python training/draw_realnews_heldout4_headlines.py``; re-running prints the same list.
Hand-written: a one-off draw over one CSV; the regular expression is the criterion.
"""

from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT.parent / "shared" / "data" / "news" / "narasipal-gaza-headlines" / "dataset.csv"
SEED, WITH_NUMBER, WITHOUT = 1581, 80, 20
BASE = "8d05b90"  # main when the draw was made (the exclusion files are read as of it)

NUMBER_WORDS = ("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh "
                "ratus ribu juta miliar seratus seribu sejuta belasan puluhan ratusan ribuan jutaan "
                "lusinan setengah separuh").split()
NUMBER = re.compile(r"\d|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def strings(value) -> list[str]:
    """Every string inside a JSON value (any field may hold a headline: headline, title, text)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def data_files_at(commit: str) -> list[tuple[str, str]]:
    """(path, text) of every file of ``warta/evaluate/data/`` as of ``commit`` (``git show``), so
    that a draw reads its exclusion files as they were when it was made."""
    git = lambda *args: subprocess.run(("git", "-C", str(ROOT), *args), check=True,  # noqa: E731
                                       capture_output=True, text=True).stdout
    return [(name, git("show", f"{commit}:{name}"))
            for name in sorted(git("ls-tree", "--name-only", commit, "warta/evaluate/data/").split())]


def unused_rows(commit: str, other_text: bool = False) -> tuple[int, list[dict]]:
    """The CSV's row count and its distinct headlines (first row kept, in CSV order) that equal no
    string of any record of the evaluation-data ``.jsonl`` files as of ``commit`` -- and, with
    ``other_text``, occur in none of the other files' text there (the README quotes headlines)."""
    files = data_files_at(commit)
    seen = {norm(s) for name, text in files if name.endswith(".jsonl")
            for line in text.splitlines() if line.strip() for s in strings(json.loads(line))}
    other = "\n".join(norm(text) for name, text in files if other_text and not name.endswith(".jsonl"))
    rows = list(csv.DictReader(CSV.open(encoding="utf-8", newline="")))
    pool, kept = [], set()
    for r in rows:
        key = norm(r["judul_berita"])
        if not key or key in kept or key in seen or norm(r["url"]) in seen or (other and key in other):
            continue
        kept.add(key)
        pool.append(r)
    return len(rows), pool


def record(row: dict) -> str:
    """One JSON line in the gold's headline format, ``figures`` left empty for the annotator."""
    return json.dumps({"kind": "headline", "dataset": "narasipal", "headline": " ".join(row["judul_berita"].split()),
                       "source_outlet": row["sumber_berita"], "published": row["tanggal_publikasi"][:10],
                       "figures": []}, ensure_ascii=False)


def print_draw(commit: str, keep, seed: int, n: int, what: str) -> None:
    """Print ``rng.sample`` of ``n`` (``random.Random(seed)``) of the unused headlines (as of
    ``commit``, README text included) that ``keep`` accepts, one gold record a line; the pool's
    size goes to stderr."""
    n_rows, unused = unused_rows(commit, other_text=True)
    pool = [r for r in unused if keep(" ".join(r["judul_berita"].split()))]
    print(f"{n_rows} rows, {len(unused)} distinct and unused, {len(pool)} {what}", file=sys.stderr)
    for r in random.Random(seed).sample(pool, n):
        print(record(r))


def main() -> None:
    n_rows, pool = unused_rows(BASE)
    numbered = [r for r in pool if NUMBER.search(r["judul_berita"])]
    plain = [r for r in pool if not NUMBER.search(r["judul_berita"])]
    print(f"{n_rows} rows, {len(pool)} distinct and unused: {len(numbered)} with a number, "
          f"{len(plain)} without", file=sys.stderr)
    rng = random.Random(SEED)
    drawn = rng.sample(numbered, WITH_NUMBER) + rng.sample(plain, WITHOUT)
    rng.shuffle(drawn)
    for r in drawn:
        print(record(r))


if __name__ == "__main__":
    main()
