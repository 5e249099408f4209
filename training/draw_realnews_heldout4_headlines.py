"""Draw the 100 Gaza-war headlines of the fourth real-news held-out set (issue 15).

Reads the Narasipal headline CSV (``../shared/data/news/narasipal-gaza-headlines``) only
(warta is not run). A headline is left out when its text, lower-cased with whitespace
collapsed, equals any string of any record of any file in ``warta/evaluate/data/*.jsonl``
(the headline, figures, NER, framing, real-news and stories gold: used only to exclude).
Duplicates in the CSV are collapsed (first row kept, in CSV order). With one
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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "warta" / "evaluate" / "data"
CSV = ROOT.parent / "shared" / "data" / "news" / "narasipal-gaza-headlines" / "dataset.csv"
SEED, WITH_NUMBER, WITHOUT = 1581, 80, 20

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


def main() -> None:
    seen = {norm(s) for path in sorted(DATA.glob("*.jsonl"))
            for line in path.open(encoding="utf-8") if line.strip()
            for s in strings(json.loads(line))}
    rows = list(csv.DictReader(CSV.open(encoding="utf-8", newline="")))
    pool, kept = [], set()
    for r in rows:
        key = norm(r["judul_berita"])
        if not key or key in kept or key in seen or norm(r["url"]) in seen:
            continue
        kept.add(key)
        pool.append(r)
    numbered = [r for r in pool if NUMBER.search(r["judul_berita"])]
    plain = [r for r in pool if not NUMBER.search(r["judul_berita"])]
    print(f"{len(rows)} rows, {len(pool)} distinct and unused: {len(numbered)} with a number, "
          f"{len(plain)} without", file=sys.stderr)
    rng = random.Random(SEED)
    drawn = rng.sample(numbered, WITH_NUMBER) + rng.sample(plain, WITHOUT)
    rng.shuffle(drawn)
    for r in drawn:
        print(json.dumps({"kind": "headline", "dataset": "narasipal", "headline": " ".join(r["judul_berita"].split()),
                          "source_outlet": r["sumber_berita"], "published": r["tanggal_publikasi"][:10],
                          "figures": []}, ensure_ascii=False))


if __name__ == "__main__":
    main()
