"""Build spaCy training data from the Indonesian NER corpora in ../shared/data/ner.

    python -m training.convert [--shared ../shared] [--out training/corpus]

Labels (see docs/ner.md): PERSON/PPL -> PER; PLACE/LOCATION/PLC -> LOC;
ORGANISATION/ORGANIZATION/IND -> ORG; EVT -> EVT; FNB, QUANTITY, TIME -> O.

Evaluation splits (never trained on): NERGrit valid, IndoLEM NER-UI test.01 and
NER-UGM test.01. Before training, every training sentence equal (ignoring case) to an
evaluation sentence is dropped, and NERP sentences sharing any 8-word sequence with an
evaluation sentence are dropped too (NERP and NER-UGM come from the same news; see
../shared/data/README.md). Dev (checkpoint selection) = IndoLEM dev.01 folds + a held-out
slice of NERGrit train; NERGrit valid is only used to report.

NERP is lowercased: its casing is restored from the cased corpora (a word's most frequent
written form), names it never saw capitalised are title-cased, and the sentence start
is capitalised, so the model does not learn that names may be lowercase.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import iob_to_biluo, biluo_tags_to_spans

from warta.evaluate.ner import read_bio, spans as bio_spans
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]

SEED = 13
NGRAM = 8


def ner_paths(shared: Path) -> dict[str, Path]:
    ner = shared / "data" / "ner"
    return {
        "nergrit_train": ner / "nergrit" / "train_preprocess.txt",
        "nergrit_valid": ner / "nergrit" / "valid_preprocess.txt",
        "nerp_train": ner / "nerp" / "train_preprocess.txt",
        "nerp_valid": ner / "nerp" / "valid_preprocess.txt",
        **{f"{c}_{split}": ner / "indolem" / c / f"{split}.01.tsv"
           for c in ("nerui", "nerugm") for split in ("train", "dev", "test")},
    }


def norm(tokens: list[str]) -> str:
    return " ".join(tokens).lower()


def ngrams(tokens: list[str], n: int = NGRAM) -> set[str]:
    low = [t.lower() for t in tokens]
    return {" ".join(low[i:i + n]) for i in range(len(low) - n + 1)}


def casing_table(corpora: list[list[str]]) -> dict[str, str]:
    """Lower-cased word -> its most frequent written form in cased text."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for tokens in corpora:
        for i, t in enumerate(tokens):
            if i == 0:
                continue  # sentence-initial capitals say nothing about the word
            forms[t.lower()][t] += 1
    return {low: c.most_common(1)[0][0] for low, c in forms.items()}


def restore_case(tokens: list[str], tags: list[str], table: dict[str, str]) -> list[str]:
    out = []
    for i, (t, tag) in enumerate(zip(tokens, tags)):
        form = table.get(t)
        if form is None:
            form = t[:1].upper() + t[1:] if tag != "O" else t
        if i == 0:
            form = form[:1].upper() + form[1:]
        out.append(form)
    return out


def unlabeled_news(shared: Path) -> list[list[str]]:
    """Cased news sentences (detik bodies), only to learn how words are written."""
    nlp = spacy.blank("id")
    out = []
    csv.field_size_limit(10**8)
    with open(shared / "data" / "news" / "detik-1000" / "data_berita.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for line in (row.get("isi_berita") or "").splitlines():
                if line.strip():
                    out.append([t.text for t in nlp.make_doc(line) if not t.is_space])
    return out


def swap_mentions(sents: list, rng: random.Random, prob: float = 0.7) -> list:
    """One copy of ``sents`` with each entity mention replaced, with probability ``prob``, by
    a random mention of the same label from ``sents`` ("mention replacement", Dai & Adel
    2020): the context stays, the name changes, so the model leans less on names it has
    memorised. Written here: spaCy's augmenters only change case and spelling variants."""
    pool: dict[str, list[list[str]]] = {}
    for tokens, tags in sents:
        for start, end, label in bio_spans(tags):
            pool.setdefault(label, []).append(tokens[start:end])
    out = []
    for tokens, tags in sents:
        new_tokens, new_tags, i = [], [], 0
        for start, end, label in sorted(bio_spans(tags)):
            new_tokens += tokens[i:start]
            new_tags += tags[i:start]
            mention = rng.choice(pool[label]) if rng.random() < prob else tokens[start:end]
            new_tokens += mention
            new_tags += ["B-" + label] + ["I-" + label] * (len(mention) - 1)
            i = end
        out.append((new_tokens + tokens[i:], new_tags + tags[i:]))
    return out


# Words headlines leave in lower case ("Militer Israel Serang Gaza dari Utara"); each copy
# capitalises them or not at random, as outlets differ.
_TITLE_LOWER = set("di ke dari dan yang untuk dengan pada atau oleh dalam bagi telah akan "
                   "sudah masih juga tak tidak vs".split())


def title_case(tokens: list[str], rng: random.Random) -> list[str]:
    """A headline-style copy: every lowercase word capitalised (function words only
    half the time). spaCy's augmenters only lower- or upper-case whole texts."""
    keep_lower = rng.random() < 0.5
    return [t[:1].upper() + t[1:] if t[:1].islower() and t.isalpha()
            and not (keep_lower and t in _TITLE_LOWER) else t for t in tokens]


def to_doc(nlp, tokens: list[str], tags: list[str]) -> Doc:
    doc = Doc(nlp.vocab, words=tokens)
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
    return doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root()))
    ap.add_argument("--out", default=str(REPO / "training" / "corpus"))
    ap.add_argument("--nergrit-weight", type=int, default=2, help="copies of NERGrit train")
    ap.add_argument("--mention-swap", type=int, default=0,
                    help="extra copies of the cased training corpora with entity mentions swapped")
    ap.add_argument("--title-case", type=float, default=0.0,
                    help="add Title-Case copies of this share of the cased training sentences")
    ap.add_argument("--sources", default="nergrit,nerui,nerugm,nerp",
                    help="training corpora, comma-separated (dev always holds all three dev parts)")
    args = ap.parse_args()
    shared, out = Path(args.shared).resolve(), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paths = ner_paths(shared)
    data = {k: read_bio(p) for k, p in paths.items()}

    evals = ["nergrit_valid", "nerui_test", "nerugm_test"]
    eval_sents = {norm(t) for k in evals for t, _ in data[k]}
    eval_grams = set().union(*(ngrams(t) for k in evals for t, _ in data[k]))

    rng = random.Random(SEED)
    grit = list(data["nergrit_train"])
    rng.shuffle(grit)
    grit_dev, grit_train = grit[:150], grit[150:]

    def keep(sents, strict=False, name=""):
        kept = [(t, g) for t, g in sents if norm(t) not in eval_sents
                and not (strict and ngrams(t) & eval_grams)]
        print(f"{name}: kept {len(kept)} of {len(sents)}", file=sys.stderr)
        return kept

    sources = set(args.sources.split(","))
    train = []
    if "nergrit" in sources:
        train += keep(grit_train, name="nergrit train") * args.nergrit_weight
    for c in ("nerui", "nerugm"):
        if c in sources:
            train += keep(data[f"{c}_train"], name=f"{c} train.01")
    if "wiki" in sources:  # Luthfi et al. 2014 Wikipedia gold (never evaluated on here)
        train += keep(read_bio(shared / "data" / "ner" / "luthfi2014-wiki-gold" / "gold.conll"),
                      name="wiki gold")
    cased_train = list(train)
    if args.title_case:
        short = [(t, g) for t, g in cased_train if len(t) <= 40]
        picked = rng.sample(short, int(len(short) * args.title_case))
        train += [(title_case(t, rng), g) for t, g in picked]
    for _ in range(args.mention_swap):
        train += swap_mentions(cased_train, rng)
    if "nerp" in sources:
        cased = [t for t, _ in data["nergrit_train"] + data["nerui_train"] + data["nerugm_train"]]
        table = casing_table(cased + unlabeled_news(shared))
        nerp = keep(data["nerp_train"] + data["nerp_valid"], strict=True, name="nerp train+valid")
        train += [(restore_case(t, g, table), g) for t, g in nerp]
    dev = grit_dev + keep(data["nerui_dev"], name="nerui dev") + keep(data["nerugm_dev"], name="nerugm dev")

    nlp = spacy.blank("id")
    rng.shuffle(train)
    for name, sents in [("train", train), ("dev", dev)] + [(k, data[k]) for k in evals]:
        DocBin(docs=[to_doc(nlp, t, g) for t, g in sents]).to_disk(out / f"{name}.spacy")
        print(f"{name}: {len(sents)} sentences", file=sys.stderr)
    (out / "manifest.json").write_text(json.dumps(
        {"seed": SEED, "nergrit_weight": args.nergrit_weight,
         "mention_swap": args.mention_swap, "title_case": args.title_case, "sources": sorted(sources),
         "train": len(train), "dev": len(dev)}, indent=1))


if __name__ == "__main__":
    main()
