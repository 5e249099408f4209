"""Entity linking accuracy: does a mention resolve to the person the gold names?

Gold (warta/evaluate/data/entity_links.jsonl, rules in the README there): mentions in
detik-1000 articles and Narasipal headlines, each with the canonical name a reader gives
it ("Prabowo" -> "Prabowo Subianto", "Menlu RI" in 2024 -> "Retno Marsudi") and accepted
spellings of that name. The "store" is both datasets processed by the pipeline (all 1,000
articles and all headlines), so links across the store have the evidence a user's store
of the same news would have.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from warta.model import Article, RawArticle

SETS = ("detik-1000", "narasipal-gaza-headlines")


def read_gold(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                row = json.loads(line)
                missing = {"set", "doc_id", "field", "start", "end", "text", "canonical"} - set(row)
                if missing or row["set"] not in SETS:
                    raise ValueError(f"{path}:{n}: bad row (missing {sorted(missing)} or unknown set)")
                rows.append(row)
    return rows


def raw_articles(shared: Path) -> Iterator[RawArticle]:
    """Both datasets as ingest would hand them over; ids "<set>:<row id>"."""
    csv.field_size_limit(10**8)
    news = shared / "data" / "news"
    with open(news / "detik-1000" / "data_berita.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield RawArticle(id=f"detik-1000:{row['id']}", raw_text=row["isi_berita"] or "",
                             title=row["judul"], url=row["tautan"], outlet="detik",
                             published=_us_date(row["tanggal"]))
    with open(news / "narasipal-gaza-headlines" / "dataset.csv", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            # A headline-only item (as from a feed): the headline is its text.
            yield RawArticle(id=f"narasipal-gaza-headlines:{i}", raw_text=row["judul_berita"],
                             url=row["url"], outlet=row["sumber_berita"],
                             published=(row["tanggal_publikasi"] or "")[:10] or None)


def _us_date(value: str) -> Optional[str]:
    """detik-1000 writes "10/21/2025 20:43"."""
    try:
        month, day, year = value.split()[0].split("/")
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    except (ValueError, IndexError):
        return None


@dataclass
class LinkScores:
    correct: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)

    def accuracy(self, key: str = "all") -> float:
        return self.correct[key] / self.total[key] if self.total[key] else 0.0


def score(gold: list[dict], articles: Iterable[Article], store_links: bool = True) -> LinkScores:
    """Accuracy of the canonical name of the entity covering each gold mention (no
    entity there counts as wrong). ``store_links``: link across all ``articles`` first."""
    from warta.corpus.entities import linked

    articles = list(articles)
    by_id = {a.id: a for a in articles}
    rows = [(a.id, a.published, e.model_dump()) for a in articles for e in a.entities]
    pairs = linked(rows) if store_links else [(a, e) for a, _, e in rows]
    ents: dict[str, list[dict]] = {}
    for article_id, ent in pairs:
        ents.setdefault(article_id, []).append(ent)
    s = LinkScores()
    for g in gold:
        article_id = f"{g['set']}:{g['doc_id']}"
        article = by_id.get(article_id)
        found = None
        if article is not None:
            for e in ents.get(article_id, []):
                same_field = e["field"] == g["field"] or g["set"] == "narasipal-gaza-headlines"
                if same_field and e["start"] <= g["start"] < e["end"]:  # the entity at the mention
                    found = e
                    break
        accepted = {n.casefold() for n in [g["canonical"], *g.get("also", [])]}
        ok = found is not None and found["canonical"].casefold() in accepted
        for key in ("all", g.get("split", "dev"), g["set"]):
            s.total[key] += 1
            s.correct[key] += ok
        if not ok:
            s.errors.append((g, found["canonical"] if found else None))
    return s
