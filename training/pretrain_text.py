"""Unlabeled Indonesian text for `spacy pretrain` of the NER tok2vec (JSONL, {"text": ...}).

    python -m training.pretrain_text [--shared ../shared] [--out training/corpus/pretrain.jsonl]

One line per paragraph: detik-1000 titles and body paragraphs, narasipal headlines,
PFSA-ID sentence blocks (tokens put back into text by warta's PFSA reader), IndoTimex
development_raw article paragraphs, and the text of the NER *training* splits (NERP with
its casing restored as in convert.py). Paragraphs, not articles: spaCy's JsonlCorpus
skips texts longer than 500 tokens.

Evaluation splits (NERGrit valid, NER-UI test.01, NER-UGM test.01) never go in, and a
paragraph is dropped when it overlaps one of their sentences by convert.py's rules (equal
ignoring case, or sharing an 8-word sequence), or contains a whole evaluation sentence of
4-7 words (shorter ones, like "Jakarta .", say nothing about overlap).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy

from training.convert import (
    casing_table, ner_paths, ngrams, norm, restore_case, unlabeled_news)
from training.report import EVALS
from training.vectors import TRAIN_SPLITS, news_paragraphs
from warta.evaluate.dates import load_timeml
from warta.evaluate.ner import read_bio
from warta.evaluate.pfsa import read_pfsa
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]

# vectors.py also feeds the dev.01 folds to word2vec; pretraining keeps to training splits.
NER_TRAIN = [s for s in TRAIN_SPLITS if not s.endswith("_dev")]
MIN_CONTAINED = 4  # shortest evaluation sentence whose containment counts as overlap


def pfsa_blocks(shared: Path) -> list[str]:
    out = []
    for path in sorted((shared / "data" / "quotes" / "pfsa-id").glob("*.txt")):
        for art in read_pfsa(path):
            start = 0
            for end in sorted(art.block_ends):
                out.append(art.text[art.offsets[start][0]:art.offsets[end][1]])
                start = end + 1
    return out


def indotimex_paragraphs(shared: Path) -> list[str]:
    folder = shared / "data" / "dates" / "indotimex" / "development_raw"
    return [p for path in sorted(folder.glob("*.tml")) for p in load_timeml(path).text.split("\n")]


def ner_training_text(shared: Path) -> list[str]:
    paths = ner_paths(shared)
    data = {k: read_bio(paths[k]) for k in NER_TRAIN}
    cased = [t for k, sents in data.items() if not k.startswith("nerp") for t, _ in sents]
    table = casing_table(cased + unlabeled_news(shared))
    out = []
    for k, sents in data.items():
        for tokens, tags in sents:
            if k.startswith("nerp"):
                tokens = restore_case(tokens, tags, table)
            out.append(" ".join(tokens))
    return out


class EvalOverlap:
    """convert.py's overlap rules, applied to paragraphs instead of sentences."""

    def __init__(self, shared: Path):
        paths = ner_paths(shared)
        sents = [tokens for k in EVALS for tokens, _ in read_bio(paths[k])]
        self.equal = {norm(t) for t in sents}
        self.grams = set().union(*(ngrams(t) for t in sents))
        self.short = {norm(t) for t in sents if MIN_CONTAINED <= len(t) < 8}

    def __call__(self, tokens: list[str]) -> bool:
        if norm(tokens) in self.equal or ngrams(tokens) & self.grams:
            return True
        return any(ngrams(tokens, n) & self.short for n in range(MIN_CONTAINED, 8))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root()))
    ap.add_argument("--out", default=str(REPO / "training" / "corpus" / "pretrain.jsonl"))
    args = ap.parse_args()
    shared = Path(args.shared).resolve()
    if not (shared / "data").is_dir():
        sys.exit(f"shared data not found at {shared}")
    sources = {
        "news": news_paragraphs(shared),
        "pfsa": pfsa_blocks(shared),
        "indotimex": indotimex_paragraphs(shared),
        "ner_train": ner_training_text(shared),
    }
    overlaps = EvalOverlap(shared)
    tokenizer = spacy.blank("id").tokenizer
    seen: set[str] = set()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for name, paragraphs in sources.items():
            kept = dropped = words = 0
            for text in paragraphs:
                text = " ".join(text.split())
                if not text or text in seen:
                    continue
                seen.add(text)
                tokens = [t.text for t in tokenizer(text)]
                if overlaps(tokens):
                    dropped += 1
                    continue
                fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
                kept += 1
                words += len(tokens)
            print(f"{name}: {kept} paragraphs, {words} tokens; "
                  f"{dropped} dropped (evaluation overlap)", file=sys.stderr)


if __name__ == "__main__":
    main()
