"""Scoring story clustering against gold: B-cubed precision, recall and F1 (Bagga &
Baldwin 1998), the measure the spec (``../shared/specs/stories.md``) uses.

Gold files are JSON Lines with ``id``, ``title``, ``outlet``, ``url``, ``published``,
``story`` (see ``warta/evaluate/data/README.md``). Records whose id is ``detik-1000:N``
get their body from ``../shared/data/news/detik-1000/data_berita.csv`` when it exists;
every other record is clustered from its title alone.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional

from warta.model import Article, RawArticle
from warta.settings import shared_path

DATA = Path(__file__).parent / "data"
DEV_SETS = [DATA / "stories_narasipal_dev.jsonl", DATA / "stories_detik_dev.jsonl"]
HELDOUT_SETS = [DATA / "stories_narasipal_heldout.jsonl"]
DETIK_CSV = shared_path("data", "news", "detik-1000", "data_berita.csv")


@dataclass
class BCubed:
    precision: float
    recall: float
    n: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def b_cubed(predicted: Mapping[str, object], gold: Mapping[str, object]) -> BCubed:
    """B-cubed over the items of ``gold`` (item -> cluster label in each mapping). An item
    missing from ``predicted`` counts as a cluster of its own."""
    items = list(gold)
    pred = {i: predicted.get(i, ("alone", i)) for i in items}
    by_pred: dict[object, set] = defaultdict(set)
    by_gold: dict[object, set] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        same = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += same / len(by_pred[pred[i]])
        r += same / len(by_gold[gold[i]])
    n = len(items)
    return BCubed(p / n if n else 1.0, r / n if n else 1.0, n)


def load_gold(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or "id" not in row or "story" not in row:
                raise ValueError(f"{path}:{number}: a gold row needs 'id' and 'story'")
            rows.append(row)
    return rows


def _detik_bodies(path: Path = DETIK_CSV) -> dict[str, str]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {f"detik-1000:{r['id']}": r["isi_berita"] for r in csv.DictReader(fh)}


def gold_raws(rows: Iterable[dict], bodies: Optional[dict[str, str]] = None) -> list[RawArticle]:
    """Pipeline input for gold rows: the body when known, else the title as the text."""
    rows = list(rows)
    if bodies is None:
        bodies = _detik_bodies() if any(r["id"].startswith("detik-1000:") for r in rows) else {}
    raws = []
    for r in rows:
        title = r.get("title") or ""
        body = bodies.get(r["id"])
        raws.append(RawArticle(raw_text=f"{title}\n\n{body}" if body else title, id=r["id"],
                               title=title or None, url=r.get("url"), outlet=r.get("outlet"),
                               published=r.get("published"), source=f"gold:{r['id']}"))
    return raws


def process_gold(rows: list[dict]) -> list[Article]:
    from warta.pipeline import process_many

    return list(process_many(gold_raws(rows)))


Method = Callable[[list[Article]], Mapping[str, object]]


def every_article_alone(articles: list[Article]) -> dict[str, object]:
    return {a.id: a.id for a in articles}


def score_methods(gold_path: Path, methods: Mapping[str, Method],
                  articles: Optional[list[Article]] = None) -> dict[str, BCubed]:
    """B-cubed of each method on one gold file (the pipeline runs once for all)."""
    rows = load_gold(gold_path)
    gold = {r["id"]: r["story"] for r in rows}
    if articles is None:
        articles = process_gold(rows)
    return {name: b_cubed(method(articles), gold) for name, method in methods.items()}


def default_methods() -> dict[str, Method]:
    """The two baselines and warta's method, in the order they are printed."""
    from warta.corpus.stories import TFIDF_BASELINE, StoryConfig, cluster, from_article

    def run(config):
        return lambda arts: cluster((from_article(a) for a in arts), config)

    return {"every article alone": every_article_alone,
            TFIDF_BASELINE.name: run(TFIDF_BASELINE),
            "warta": run(StoryConfig())}
