"""Score a majority vote of several trained NER models on the evaluation splits (run V3
in docs/ner.md): an entity is kept when more than half of the models give the same span
and label; overlapping winners are resolved by vote count, then text order.

    python -m training.ensemble MODEL_DIR MODEL_DIR MODEL_DIR [...]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import spacy

from training.convert import ner_paths
from training.report import EVALS, SHARED
from warta.evaluate.ner import predict, read_bio, score, spans

REPO = Path(__file__).resolve().parents[1]


def vote(predictions: list[list[str]], length: int) -> list[str]:
    """BIO tags of the entities more than half of the models agree on."""
    votes = Counter(x for tags in predictions for x in spans(tags))
    winners = sorted((x for x, n in votes.items() if n > len(predictions) // 2), key=lambda x: (-votes[x], x[0]))
    tags, taken = ["O"] * length, set()
    for start, end, label in winners:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            tags[start:end] = ["B-" + label] + ["I-" + label] * (end - start - 1)
    return tags


def main(model_dirs: list[str]) -> None:
    models = [spacy.load(d) for d in model_dirs]
    paths = ner_paths(SHARED)
    for name in EVALS:
        sentences = read_bio(paths[name])
        gold = [tags for _, tags in sentences]
        labels = {t[2:] for tags in gold for t in tags if t != "O"}
        each = [predict(m, sentences) for m in models]
        voted = [vote([p[i] for p in each], len(gold[i])) for i in range(len(gold))]
        table = score(gold, voted, labels).table()
        print(f"{name}: " + " ".join(f"{r['label']}={r['f1']:.3f}" for r in table))


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1:])
