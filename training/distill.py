"""Silver NER data for distillation (run DIST in docs/ner.md): the unlabeled paragraphs of
pretrain_text.py (news, PFSA-ID, IndoTimex; never the NER training or evaluation text),
labelled by a majority vote of several trained models (training/ensemble.py's vote).

    python -m training.distill --out training/corpus_silver/silver.spacy MODEL_DIR MODEL_DIR MODEL_DIR

The student is then trained on gold + silver: a directory holding both .spacy files can be
given as --paths.train, since spaCy's corpus reader reads every .spacy file under it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin, Span

from training.ensemble import vote
from training.pretrain_text import EvalOverlap, indotimex_paragraphs, pfsa_blocks
from training.vectors import news_paragraphs
from warta.evaluate.ner import spans
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]


def paragraphs(shared: Path, limit: int) -> list[str]:
    overlaps = EvalOverlap(shared)
    tokenizer = spacy.blank("id").tokenizer
    seen: set[str] = set()
    out = []
    for text in news_paragraphs(shared) + pfsa_blocks(shared) + indotimex_paragraphs(shared):
        text = " ".join(text.split())
        if not text or text in seen:
            continue
        seen.add(text)
        doc = tokenizer(text)
        if len(doc) < 5 or len(doc) > 400 or overlaps([t.text for t in doc]):
            continue
        out.append(text)
        if len(out) == limit:
            break
    return out


def _bio(doc) -> list[str]:
    tags = ["O"] * len(doc)
    for e in doc.ents:
        tags[e.start:e.end] = ["B-" + e.label_] + ["I-" + e.label_] * (len(e) - 1)
    return tags


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="+")
    ap.add_argument("--shared", default=str(shared_root()))
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int, default=0, help="at most this many paragraphs")
    args = ap.parse_args()
    texts = paragraphs(Path(args.shared).resolve(), args.limit)
    models = [spacy.load(d) for d in args.models]
    blank = spacy.blank("id")
    # Each model's entities as BIO tags, the form ensemble.vote counts spans in.
    each = [[_bio(doc) for doc in m.pipe(texts, batch_size=256)] for m in models]
    out = DocBin(store_user_data=False)
    entities = 0
    for i, text in enumerate(texts):
        doc = blank(text)
        voted = vote([tags[i] for tags in each], len(doc))
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in sorted(spans(voted))]
        entities += len(doc.ents)
        out.add(doc)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    out.to_disk(args.out)
    print(f"{len(texts)} paragraphs, {sum(len(t.split()) for t in texts)} words, "
          f"{entities} silver entities -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
