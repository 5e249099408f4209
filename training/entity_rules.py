"""How often the entity rules fire on real news: the detik-1000 articles.

    python -m training.entity_rules [--limit N]

Prints, over the article bodies:
- names grown to the name their bracketed acronym spells (``warta_acronym_names``): the
  pipeline's entities with and without that component, compared;
- one-word names read as damaged on a page that lost a letter throughout (gazetteer);
- the share of recurring uses of an acronym the article defines ("Bank Indonesia (BI)" ...
  "BI") that an entity covers, after article-level resolution.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import warta.nlp as wnlp
from warta.evaluate.ner import defined_acronym_coverage
from warta.model import RawArticle
from warta.nlp.gazetteer import damaged_forms
from warta.pipeline import process_many
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]

DETIK = shared_root() / "data" / "news" / "detik-1000" / "data_berita.csv"


def bodies(limit: int) -> list[str]:
    csv.field_size_limit(10**9)
    with open(DETIK, encoding="utf-8") as fh:
        return [row["isi_berita"] for row, _ in zip(csv.DictReader(fh), range(limit))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1000, help="the first N articles")
    args = ap.parse_args()
    texts = bodies(args.limit)
    nlp = wnlp.load()
    with nlp.select_pipes(disable=[p for p in ("warta_acronym_names",) if p in nlp.pipe_names]):
        before = [{(e.start, e.end) for e in doc.ents} for doc in nlp.pipe(texts)]
    damaged = {form for _, form in damaged_forms()}
    grown, damaged_taken = [], []
    for doc, spans in zip(nlp.pipe(texts), before):
        grown += [e.text for e in doc.ents if (e.start, e.end) not in spans]
        damaged_taken += [e.text for e in doc.ents if e.text in damaged and e.ent_id_]
    covered, total = defined_acronym_coverage(
        zip(process_many(RawArticle(raw_text=t) for t in texts), texts))
    print(f"articles: {len(texts)}")
    print(f"names grown to their acronym's name: {len(grown)}  e.g. {sorted(set(grown))[:5]}")
    print(f"damaged names taken on pages that lost a letter: {len(damaged_taken)}  {sorted(set(damaged_taken))[:5]}")
    print(f"recurring defined acronyms covered by an entity: {covered}/{total} = {covered / max(total, 1):.3f}")


if __name__ == "__main__":
    main()
