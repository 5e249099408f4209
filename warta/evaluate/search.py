"""Search quality: nDCG@10 and recall@10 of full-text, semantic and hybrid search on
judged queries (``data/search_queries.jsonl``) over the detik-1000 articles."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from warta.store.base import ArticleQuery

MODES = ("fulltext", "semantic", "hybrid")
K = 10


@dataclass
class Query:
    id: str
    lang: str
    text: str
    relevant_rows: list[int]
    split: str


def load_queries() -> list[Query]:
    path = resources.files("warta.evaluate").joinpath("data", "search_queries.jsonl")
    return [Query(d["id"], d["lang"], d["query"], d["relevant_rows"], d["split"])
            for d in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if d]


def row_urls(csv_path: Path) -> dict[int, str]:
    with open(csv_path, encoding="utf-8") as f:
        return {int(r["id"]): r["tautan"].strip() for r in csv.DictReader(f)}


def ndcg(ranked: list[str], relevant: set[str], k: int = K) -> float:
    """Binary-gain nDCG@k."""
    dcg = sum(1 / math.log2(i + 2) for i, doc in enumerate(ranked[:k]) if doc in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def recall(ranked: list[str], relevant: set[str], k: int = K) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def evaluate(store, csv_path: Path) -> dict:
    """Per split and language, the mean nDCG@10 and recall@10 of each mode."""
    from warta import services

    urls = row_urls(csv_path)
    by_url = {r["url"]: r["id"] for r in store.find(ArticleQuery(), 100_000)[0] if r["url"]}
    scores: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    missing = 0
    for q in load_queries():
        relevant = {by_url[urls[n]] for n in q.relevant_rows if urls.get(n) in by_url}
        missing += len({urls.get(n) for n in q.relevant_rows} - set(by_url))
        for mode in MODES:
            hits = services.search(store, ArticleQuery(text=q.text), K, mode=mode, with_facets=False).results
            ranked = [h["id"] for h in hits]
            for split in (q.split, "all"):
                for lang in (q.lang, "all"):
                    scores.setdefault((split, lang, mode), []).append((ndcg(ranked, relevant), recall(ranked, relevant)))
    table = {key: (sum(n for n, _ in v) / len(v), sum(r for _, r in v) / len(v), len(v)) for key, v in scores.items()}
    return {"table": table, "missing_relevant": missing}
