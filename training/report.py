"""Score trained models on the evaluation splits, alone and with the gazetteer, and time them.

    python -m training.report training/runs/A/model-best [more model dirs ...]
    python -m training.report --quick MODEL_DIR   # model alone and with warta_gazetteer only
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from training.convert import ner_paths
from warta.evaluate.ner import predict, read_bio, score, spans
from warta.nlp import build
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]

SHARED = shared_root()
EVALS = ["nergrit_valid", "nerui_test", "nerugm_test"]


def detik_texts(limit: int = 300) -> list[str]:
    csv.field_size_limit(10**8)
    with open(SHARED / "data" / "news" / "detik-1000" / "data_berita.csv", encoding="utf-8") as fh:
        return [row["isi_berita"] for row, _ in zip(csv.DictReader(fh), range(limit))]


def words_per_second(nlp, texts: list[str]) -> float:
    list(nlp.pipe(texts[:20]))  # warm up
    t = time.process_time()
    n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return n / (time.process_time() - t)


def training_mentions(paths: dict[str, Path]) -> set[str]:
    """Lower-cased entity strings of every training and dev split."""
    return {" ".join(tokens[s:e]).lower() for name, path in paths.items() if name not in EVALS
            for tokens, tags in read_bio(path) for s, e, _ in spans(tags)}


def recall_seen_unseen(sentences: list, predicted: list[list[str]], seen: set[str]) -> str:
    """Recall on gold entities whose text occurs in the training data, and on the others."""
    hit, total = [0, 0], [0, 0]
    for (tokens, tags), tags_predicted in zip(sentences, predicted):
        found = spans(tags_predicted)
        for span in spans(tags):
            unseen = int(" ".join(tokens[span[0]:span[1]]).lower() not in seen)
            total[unseen] += 1
            hit[unseen] += span in found
    return (f"recall seen {hit[0] / total[0]:.3f} ({total[0]}), "
            f"unseen {hit[1] / total[1]:.3f} ({total[1]})")


def main() -> None:
    paths = ner_paths(SHARED)
    texts = detik_texts()
    seen = training_mentions(paths)
    args = [a for a in sys.argv[1:] if a != "--quick"]
    variants = (False, True) if "--quick" in sys.argv else (False, True, "ruler-after", "ruler-before")
    for model in args:
        for gaz in variants:
            nlp = build(Path(model), gazetteer=gaz)
            cells = []
            for name in EVALS:
                sentences = read_bio(paths[name])
                gold = [tags for _, tags in sentences]
                predicted = predict(nlp, sentences)
                labels = {t[2:] for tags in gold for t in tags if t != "O"}
                per = " ".join(f"{r['label']}={r['f1']:.3f}"
                               for r in score(gold, predicted, labels).table())
                if gaz is False:
                    per += "; " + recall_seen_unseen(sentences, predicted, seen)
                cells.append(f"{name}: {per}")
            wps = words_per_second(nlp, texts)
            print(f"{model} gazetteer={gaz} wps={wps:,.0f}")
            for c in cells:
                print("   ", c)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
