"""Train small static word vectors on unlabeled Indonesian news and NER training text.

    python -m training.vectors [--dim 64] [--rows 20000]
    python -m spacy init vectors id training/vectors/w2v.txt training/vectors/spacy --attr NORM

Text: detik-1000 titles and bodies, narasipal headlines, and the token text of the NER
training splits (never the evaluation splits). Lower-cased, so the vectors are keyed by
spaCy's NORM (lower-case for Indonesian). gensim word2vec (skip-gram), fixed seed, one
worker so runs repeat exactly.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import spacy
from gensim.models import Word2Vec

from training.convert import ner_paths
from warta.evaluate.ner import read_bio
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]

TRAIN_SPLITS = ["nergrit_train", "nerp_train", "nerp_valid", "nerui_train", "nerui_dev",
                "nerugm_train", "nerugm_dev"]


def news_paragraphs(shared: Path) -> list[str]:
    """Unlabeled news as written: detik-1000 titles and body lines, narasipal headlines."""
    news = shared / "data" / "news"
    csv.field_size_limit(10**8)
    out = []
    with open(news / "detik-1000" / "data_berita.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.append(row.get("judul") or "")
            out.extend((row.get("isi_berita") or "").splitlines())
    with open(news / "narasipal-gaza-headlines" / "dataset.csv", encoding="utf-8") as fh:
        out.extend(row.get("judul_berita") or "" for row in csv.DictReader(fh))
    return out


def sentences(shared: Path) -> list[list[str]]:
    """Lower-cased token lists for word2vec: the news plus the NER training splits."""
    nlp = spacy.blank("id")
    out = []
    for doc in nlp.tokenizer.pipe(t for t in news_paragraphs(shared) if t.strip()):
        out.append([t.text.lower() for t in doc if not t.is_space])
    paths = ner_paths(shared)
    for split in TRAIN_SPLITS:
        out.extend([t.lower() for t in toks] for toks, _ in read_bio(paths[split]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root()))
    ap.add_argument("--out", default=str(REPO / "training" / "vectors" / "w2v.txt"))
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--epochs", type=int, default=10)
    args = ap.parse_args()
    sents = sentences(Path(args.shared))
    print(f"{len(sents)} sentences, {sum(map(len, sents))} tokens", file=sys.stderr)
    model = Word2Vec(sents, vector_size=args.dim, window=5, min_count=3, sg=1, negative=10,
                     epochs=args.epochs, workers=1, seed=13)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    # Keep the most frequent rows only: the shipped model stays small.
    words = model.wv.index_to_key[: args.rows]
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {args.dim}\n")
        for w in words:
            fh.write(w + " " + " ".join(f"{x:.5f}" for x in model.wv[w]) + "\n")
    print(f"wrote {len(words)} vectors to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
