"""NER scoring: entity-level exact match (seqeval-style), per label and micro-averaged,
over any token-per-line BIO file ("token<TAB or space>...tag", blank line between sentences).

Written by hand (small): seqeval's only job here is span extraction from BIO tags, and it
would pull in scikit-learn.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from warta.model import Article

# Tag names of the Indonesian NER corpora -> warta labels; anything else is dropped (O).
DEFAULT_MAP = {
    "PER": "PER", "PERSON": "PER", "PPL": "PER",
    "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC", "PLC": "LOC", "GPE": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "IND": "ORG",
    "EVT": "EVT", "EVENT": "EVT",
}

Sentence = tuple[list[str], list[str]]  # tokens, BIO tags (already mapped)


def map_tag(tag: str, tag_map: dict[str, str]) -> str:
    if tag in ("O", "") or "-" not in tag:
        return "O"
    prefix, _, name = tag.partition("-")
    label = tag_map.get(name)
    if label in (None, "O") or prefix not in ("B", "I", "E", "S", "L", "U"):
        return "O"
    # BILOU/IOBES -> BIO
    return ("B-" if prefix in ("B", "S", "U") else "I-") + label


def read_bio(path: str | Path, tag_map: Optional[dict[str, str]] = None,
             fmt: str = "bio") -> list[Sentence]:
    """Read a token-per-line file. ``bio``: token TAB tag; ``conll``: whitespace-separated
    columns, token first, tag last, ``-DOCSTART-`` lines skipped."""
    tag_map = DEFAULT_MAP if tag_map is None else tag_map
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if tokens:
                    sentences.append((tokens, tags))
                    tokens, tags = [], []
                continue
            if line.startswith("-DOCSTART-"):
                continue
            parts = line.split("\t") if fmt == "bio" else line.split()
            if len(parts) < 2 or not parts[0].strip():
                raise ValueError(f"{path}:{n}: expected 'token<TAB>tag', got {line!r}")
            tokens.append(parts[0].strip())
            tags.append(map_tag(parts[-1].strip(), tag_map))
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, label) entity spans of a BIO sequence; a stray I- starts an entity."""
    out = set()
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            out.add((start, i, label))
            start, label = None, None
        if tag != "O" and start is None:
            start, label = i, tag[2:]
    return out


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: set[tuple], predicted: set[tuple]) -> None:
        """Count one document's (start, end, label) spans: exact matches are true positives."""
        for x in gold & predicted:
            self.tp[x[2]] += 1
        for x in predicted - gold:
            self.fp[x[2]] += 1
        for x in gold - predicted:
            self.fn[x[2]] += 1

    def prf(self, label: Optional[str] = None) -> tuple[float, float, float]:
        if label is None:
            tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        else:
            tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def labels(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def table(self) -> list[dict]:
        rows = []
        for label in self.labels + [None]:
            p, r, f = self.prf(label)
            rows.append({"label": label or "micro", "precision": p, "recall": r, "f1": f,
                         "support": self.tp[label] + self.fn[label] if label else
                         sum(self.tp.values()) + sum(self.fn.values())})
        return rows


def score(gold: Iterable[list[str]], predicted: Iterable[list[str]],
          labels: Optional[set[str]] = None) -> Scores:
    """Entity-level exact match. ``labels``: score only these (predictions of labels the
    gold never uses, e.g. EVT on NERGrit, are ignored)."""
    s = Scores()
    for g_tags, p_tags in zip(gold, predicted):
        g = {x for x in spans(g_tags) if labels is None or x[2] in labels}
        p = {x for x in spans(p_tags) if labels is None or x[2] in labels}
        s.add(g, p)
    return s


def predict(nlp: Language, sentences: list[Sentence], batch_size: int = 256) -> list[list[str]]:
    """BIO tags the pipeline assigns to the given (pre-tokenised) sentences."""
    docs = (Doc(nlp.vocab, words=toks) for toks, _ in sentences)
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        tags = ["O"] * len(doc)
        for ent in doc.ents:
            tags[ent.start] = "B-" + ent.label_
            for i in range(ent.start + 1, ent.end):
                tags[i] = "I-" + ent.label_
        out.append(tags)
    return out


def evaluate(nlp: Language, path: str | Path, tag_map: Optional[dict[str, str]] = None,
             fmt: str = "bio") -> Scores:
    """Score ``nlp`` on a BIO file; only the labels the file's gold uses count."""
    sentences = read_bio(path, tag_map, fmt)
    gold_labels = {t[2:] for _, tags in sentences for t in tags if t != "O"}
    return score([tags for _, tags in sentences], predict(nlp, sentences), gold_labels)


def defined_acronym_coverage(articles: Iterable[tuple[Article, str]]) -> tuple[int, int]:
    """(covered, total): the recurring uses of the acronyms each article defines ("Bank
    Indonesia (BI)" ... "BI") that one of its entities covers. ``articles``: (processed
    article, the raw text it came from); the offsets are into that raw text."""
    covered = total = 0
    for article, raw in articles:
        defined = {e.text for e in article.entities if e.canonical != e.text
                   and raw[e.start - 1:e.start] == "(" and raw[e.end:e.end + 1] == ")"}
        spans_found = [(e.start, e.end) for e in article.entities]
        for acronym in defined:
            for m in re.finditer(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w-])", raw):
                total += 1
                covered += any(s <= m.start() and m.end() <= e for s, e in spans_found)
    return covered, total


def read_gold_jsonl(path: str | Path) -> list[dict]:
    """Headline gold (warta/evaluate/data/ner_headlines_*.jsonl): one object per line with
    ``headline`` and ``entities`` [{start, end, label, text}], offsets into the headline."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("headline")
            if not isinstance(text, str):
                raise ValueError(f"{path}:{n}: no 'headline'")
            for e in row.get("entities", []):
                if text[e["start"]:e["end"]] != e["text"]:
                    raise ValueError(f"{path}:{n}: {e['text']!r} is not at {e['start']}-{e['end']}")
            rows.append(row)
    return rows


def evaluate_headlines(path: str | Path, pipeline: Optional[Language] = None) -> Scores:
    """Score the NLP stage (model, rules, entity resolution) on headline gold: each
    headline is analysed as an article title, exact character spans and label count."""
    from warta import nlp
    from warta.document import Document, OffsetMap

    rows = read_gold_jsonl(path)
    docs = [Document(text=r["headline"], offsets=OffsetMap.identity(len(r["headline"])),
                     field="title", is_title=True) for r in rows]
    nlp.annotate([[d] for d in docs], nlp=pipeline)
    s = Scores()
    labels = {"PER", "ORG", "LOC"}
    for row, doc in zip(rows, docs):
        g = {(e["start"], e["end"], e["label"]) for e in row["entities"]}
        p = {(e.start, e.end, e.label) for e in doc.entities if e.label in labels}
        s.add(g, p)
    return s
