"""Recall of the seed gold entities, (text, label) pairs, for each gazetteer variant.

    python -m training.seed_recall [MODEL_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import warta.nlp as wnlp
from warta.model import RawArticle
from warta.pipeline import process
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]

GOLD = shared_root() / "gold"


def recall() -> float:
    hit = total = 0
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        raw = (GOLD.parent / "seeds" / (gold_file.stem + ".txt")).read_text(encoding="utf-8")
        got = {(e.text, e.label) for e in process(RawArticle(raw_text=raw)).entities}
        want = {(e["text"], e["label"]) for e in gold["entities"] if not e.get("optional")}
        hit += len(got & want)
        total += len(want)
    return hit / total


if __name__ == "__main__":
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else wnlp.MODEL_DIR
    for variant in (False, "ruler-before", "ruler-after", True):
        nlp = wnlp.build(model, gazetteer=variant)
        wnlp.load = lambda nlp=nlp: nlp  # annotate() takes the pipeline from load()
        print(f"gazetteer={variant}: seed entity recall {recall():.3f}")
