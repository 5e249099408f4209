"""Option B for the framing stage: a spaCy SpanCategorizer trained on the dev gold
headlines plus weak labels (the lexicon stage's output on Narasipal headlines that are in
no gold file), compared with the lexicon stage on dev headlines it was not trained on.

    .venv/bin/python -m training.framing_spancat [--weak 3000] [--epochs 12]

Two folds over the dev headlines: train on one half (+ weak labels), score both systems on
the other half; the held-out part is not read. Attribution for spancat spans comes from
warta.framing.attribution, as for the lexicon stage. Prints one table (docs/choices.md).
Not run in CI: it trains a model.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from pathlib import Path

import spacy
from spacy.training import Example

from warta.evaluate import framing as F
from warta.framing import find
from warta.framing.attribution import double_quoted, voice
from warta.framing.tokens import tokenize
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]
HEADLINES = shared_root() / "data" / "news" / "narasipal-gaza-headlines" / "dataset.csv"


def _doc(nlp, text: str, spans: list[tuple[int, int, str]]):
    doc = nlp.make_doc(text)
    sc = [doc.char_span(s, e, label=c, alignment_mode="expand") for s, e, c in spans]
    doc.spans["sc"] = [s for s in sc if s is not None]
    return doc


def _weak(n: int, exclude: set[int]) -> list[tuple[str, list[tuple[int, int, str]]]]:
    rows = [r["judul_berita"] for i, r in enumerate(csv.DictReader(HEADLINES.open(encoding="utf-8"))) if i not in exclude]
    random.Random(5).shuffle(rows)
    return [(h, [(f.start, f.end, f.category) for f in find(h, is_title=True)]) for h in rows[:n]]


def _predict(nlp, text: str) -> list[F.Span]:
    doc = nlp(text)
    tokens, quoted, out = tokenize(text), double_quoted(text), []
    scores = doc.spans["sc"].attrs.get("scores")
    chosen = []
    for k, sp in enumerate(doc.spans["sc"]):
        if scores is not None and scores[k] < 0.5:
            continue
        chosen.append(sp)
    chosen.sort(key=lambda s: (-(s.end_char - s.start_char)))
    taken: list[tuple[int, int]] = []
    for sp in chosen:   # no overlapping spans: keep the longest
        if any(not (sp.end_char <= a or sp.start_char >= b) for a, b in taken):
            continue
        taken.append((sp.start_char, sp.end_char))
        i = next(k for k, t in enumerate(tokens) if t.end > sp.start_char)
        v = voice(text, tokens, i, sp.start_char, sp.end_char, is_title=True, quoted=quoted)
        out.append(F.Span("title", sp.text, sp.start_char, sp.label_, v.attributed))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weak", type=int, default=3000)
    ap.add_argument("--epochs", type=int, default=12)
    args = ap.parse_args()
    dev = F.load_headlines("dev")
    gold_rows = {int(json.loads(line)["row"]) for p in F.PARTS
                 for line in (F.DATA / f"framing_headlines_{p}.jsonl").read_text(encoding="utf-8").splitlines()}
    weak = _weak(args.weak, gold_rows)
    half = len(dev) // 2
    folds = [(dev[:half], dev[half:]), (dev[half:], dev[:half])]
    totals = {"lexicon stage": [], "spancat": []}
    seconds = 0.0
    for train_items, test_items in folds:
        nlp = spacy.blank("id")
        nlp.add_pipe("spancat", config={"spans_key": "sc"})
        train = [_doc(nlp, it.headline, [(s.start, s.start + len(s.text), s.category) for s in it.gold]) for it in train_items]
        train += [_doc(nlp, h, sp) for h, sp in weak]
        examples = [Example(nlp.make_doc(d.text), d) for d in train]
        t = time.perf_counter()
        opt = nlp.initialize(lambda: examples)
        for _ in range(args.epochs):
            random.Random(_).shuffle(examples)
            for b in spacy.util.minibatch(examples, size=32):
                nlp.update(b, sgd=opt, drop=0.1)
        seconds += time.perf_counter() - t
        totals["spancat"].append(F.score(test_items, lambda it: _predict(nlp, it.headline)))
        totals["lexicon stage"].append(F.score(test_items, lambda it: F.system_headline(it.headline)))
    print(f"dev headlines, 2 folds; spancat trained on half the dev gold + {args.weak} weak-labelled "
          f"headlines, {args.epochs} epochs ({seconds:.0f} s training)")
    print(f"{'system':16} {'P':>6} {'R':>6} {'F1':>6} {'categ':>6} {'attrib':>6}")
    for name, runs in totals.items():
        s = F.Scores()
        for r in runs:
            s.spans += r.spans
            s.category += r.category
            s.attribution += r.attribution
        print(f"{name:16} {s.spans.precision:6.3f} {s.spans.recall:6.3f} {s.spans.f1:6.3f} "
              f"{s.category.value:6.3f} {s.attribution.value:6.3f}")


if __name__ == "__main__":
    main()
