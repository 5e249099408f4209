"""Loaded-language (framing) scores against the gold in ``data/framing_*.jsonl``.

Scoring follows ``specs/framing.md``: a predicted span matches a gold span of the same
item and field with the same words, case-insensitively (the same words twice in one item
pair up in order of offset); span precision, recall and F1 count matches; category and
attribution accuracy are taken over matched spans. Per category, a match must also agree
on the category. The lexicon baseline (``BASELINE_TERMS``: the spec's plainest terms,
matched as whole words, every match the outlet's own) runs on the same items.

Headlines are scored as titles through ``warta.framing.find`` (a headline alone is no
article: no body for the NLP stages to read); bodies through the whole pipeline.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from warta.evaluate.scoring import PRF, Accuracy
from warta.model import RawArticle

DATA = Path(__file__).parent / "data"
PARTS = ("dev", "heldout")

# A plain lexicon: 21 of the spec's own example terms, no morphology, no rules.
BASELINE_TERMS = {
    "zionis": "pejorative_label", "rezim": "pejorative_label", "penjajah": "pejorative_label",
    "teroris": "pejorative_label", "genosida": "atrocity_term", "pembantaian": "atrocity_term",
    "membantai": "atrocity_term", "kekejaman": "atrocity_term", "brutal": "atrocity_term",
    "keji": "atrocity_term", "sadis": "atrocity_term", "kejahatan perang": "atrocity_term",
    "neraka": "atrocity_term", "agresi": "atrocity_term", "syahid": "glorifying_term",
    "martir": "glorifying_term", "pahlawan": "glorifying_term", "pejuang": "glorifying_term",
    "heboh": "emotive_intensifier", "geger": "emotive_intensifier", "memilukan": "emotive_intensifier",
}
_BASELINE_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, BASELINE_TERMS), key=len, reverse=True))
                          + r")(?!\w)", re.IGNORECASE)


@dataclass
class Span:
    field: str
    text: str
    start: int
    category: str
    attributed: bool


@dataclass
class Item:
    """One scored unit: a headline or an article body (with its metadata title)."""
    key: str
    outlet: str
    gold: list[Span]
    raw: Optional[RawArticle] = None      # bodies
    headline: Optional[str] = None        # headlines


@dataclass
class Scores:
    spans: PRF = field(default_factory=PRF)
    category: Accuracy = field(default_factory=Accuracy)
    attribution: Accuracy = field(default_factory=Accuracy)
    by_category: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    by_outlet: dict[str, "Scores"] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _spans(rows: Iterable[dict], default_field: str = "text") -> list[Span]:
    return [Span(r.get("field", default_field), r["text"], r["start"], r["category"], r["attributed"]) for r in rows]


def load_headlines(part: str) -> list[Item]:
    items = []
    for line in (DATA / f"framing_headlines_{part}.jsonl").read_text(encoding="utf-8").splitlines():
        o = json.loads(line)
        items.append(Item(f"row {o['row']}", o["outlet"], _spans(o["framing"], "title"), headline=o["headline"]))
    return items


def load_bodies(part: str, shared: Path) -> list[Item]:
    """Gold bodies with their pipeline input: seeds from ``shared/seeds``, detik articles
    from ``shared/data/news/detik-1000`` (title given as metadata, as its CSV gives it)."""
    detik_csv = shared / "data" / "news" / "detik-1000" / "data_berita.csv"
    detik: dict[str, dict] = {}
    items = []
    for line in (DATA / f"framing_bodies_{part}.jsonl").read_text(encoding="utf-8").splitlines():
        o = json.loads(line)
        if "seed" in o:
            path = shared / "seeds" / o["seed"]
            raw = RawArticle(raw_text=path.read_text(encoding="utf-8"), source=str(path))
            items.append(Item(f"seed {o['seed']}", "seed", _spans(o["framing"]), raw=raw))
        else:
            if not detik:
                with detik_csv.open(encoding="utf-8", newline="") as f:
                    detik = {r["id"]: r for r in csv.DictReader(f)}
            r = detik[o["detik_id"]]
            raw = RawArticle(raw_text=r["isi_berita"], title=r["judul"], outlet="detik", id=f"detik-{r['id']}")
            items.append(Item(f"detik {o['detik_id']}", "Detik", _spans(o["framing"]), raw=raw))
    return items


def baseline(text: str, field_: str) -> list[Span]:
    return [Span(field_, m.group(), m.start(), BASELINE_TERMS[m.group().lower()], False)
            for m in _BASELINE_RE.finditer(text)]


def system_headline(headline: str) -> list[Span]:
    from warta.framing import find
    return [Span("title", f.text, f.start, f.category, f.attributed) for f in find(headline, is_title=True)]


def system_bodies(raws: list[RawArticle]) -> list[list[Span]]:
    from warta.pipeline import process_many
    return [[Span(f.field, f.text, f.start, f.category, f.attributed) for f in article.framing]
            for article in process_many(raws, batch_size=16)]


def baseline_body(raw: RawArticle) -> list[Span]:
    return baseline(raw.raw_text, "text") + (baseline(raw.title, "title") if raw.title else [])


def _pair(pred: list[Span], gold: list[Span]) -> tuple[list[tuple[Span, Span]], list[Span], list[Span]]:
    """Matched (pred, gold) pairs, unmatched predictions, unmatched gold."""
    by_key: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for g in sorted(gold, key=lambda s: s.start):
        by_key[(g.field, g.text.lower())].append(g)
    pairs, fps = [], []
    for p in sorted(pred, key=lambda s: s.start):
        bucket = by_key.get((p.field, p.text.lower()))
        if bucket:
            pairs.append((p, bucket.pop(0)))
        else:
            fps.append(p)
    return pairs, fps, [g for bucket in by_key.values() for g in bucket]


def score(items: list[Item], predict: Callable[[Item], list[Span]] | list[list[Span]]) -> Scores:
    total = Scores()
    preds = predict if isinstance(predict, list) else [predict(it) for it in items]
    for it, pred in zip(items, preds):
        pairs, fps, fns = _pair(pred, it.gold)
        out = total.by_outlet.setdefault(it.outlet, Scores())
        for s in (total, out):
            s.spans += PRF(len(pairs), len(fps), len(fns))
            for p, g in pairs:
                s.category.add(p.category == g.category)
                s.attribution.add(p.attributed == g.attributed)
        for p, g in pairs:
            if p.category == g.category:
                total.by_category[g.category].tp += 1
            else:
                total.by_category[p.category].fp += 1
                total.by_category[g.category].fn += 1
            if p.category != g.category or p.attributed != g.attributed:
                total.errors.append(f"{it.key}: {g.text!r} gold {g.category}/{'attr' if g.attributed else 'own'}"
                                    f" got {p.category}/{'attr' if p.attributed else 'own'}")
        for p in fps:
            total.by_category[p.category].fp += 1
            total.errors.append(f"{it.key}: FP {p.text!r} {p.category} {'attr' if p.attributed else 'own'}")
        for g in fns:
            total.by_category[g.category].fn += 1
            total.errors.append(f"{it.key}: FN {g.text!r} {g.category} {'attr' if g.attributed else 'own'}")
    return total
