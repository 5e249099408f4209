"""Build warta/nlp/data/casing.tsv: the words running Indonesian text writes in lower case.

    python -m training.casing [--shared ../shared]

A headline in Title Case ("Genosida Tewas Ribuan Warga") capitalises common words the NER
model learnt to read as names; ``warta.nlp.casing`` writes such a headline back in sentence
case before the model reads it. It needs to know which words are common words: those
written in lower case in most of their occurrences in running text, counted here outside
sentence starts and headlines. Text: the cased NER training splits (NERGrit train, IndoLEM
NER-UI/NER-UGM train.01; never an evaluation split), the Wikipedia sentences of
mdee-15k-silver (their text only), and detik-1000 article bodies (not titles).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path
from warta.settings import shared_root

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "warta" / "lang" / "data" / "casing.tsv"
ACRONYMS_OUT = REPO / "warta" / "nlp" / "data" / "common_acronyms.txt"
MIN_COUNT = 3        # rarer words are left as written
MIN_LOWER_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENT_END = re.compile(r"[.!?:;\"“”]\s*$")


def conll_sentences(path: Path):
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                yield " ".join(tokens)
                tokens = []
            continue
        tokens.append(line.split("\t")[0].split()[0])
    if tokens:
        yield " ".join(tokens)


def count(texts, lower: Counter, capital: Counter) -> None:
    for text in texts:
        for line in text.splitlines():
            prev_end = 0
            for i, m in enumerate(_WORD.finditer(line)):
                word = m.group(0)
                starts_sentence = i == 0 or bool(_SENT_END.search(line[prev_end:m.start()]))
                prev_end = m.end()
                if starts_sentence or word.isupper() and len(word) > 1:
                    continue
                key = word.lower()
                if word == key:
                    lower[key] += 1
                elif word[0].isupper():
                    capital[key] += 1


def common_acronyms(texts, names: set[str]) -> list[str]:
    """Acronyms the text defines as common nouns or documents ("standard operating
    procedure (SOP)") at least once and never as a name, and that no name list (``names``:
    the DBpedia PER/ORG lists, warta's gazetteer) holds ("PKS" is also a party)."""
    from warta.nlp.entities import acronym_definitions, is_common_definition

    common, name = Counter(), Counter()
    for text in texts:
        for acronym, phrase in acronym_definitions(text):
            (common if is_common_definition(phrase) else name)[acronym] += 1
    return sorted(a for a in common if not name[a] and a not in names)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root()))
    args = ap.parse_args()
    ner = Path(args.shared) / "data" / "ner"
    lower: Counter = Counter()
    capital: Counter = Counter()
    for path in [ner / "nergrit" / "train_preprocess.txt",
                 ner / "indolem" / "nerui" / "train.01.tsv",
                 ner / "indolem" / "nerugm" / "train.01.tsv",
                 ner / "mdee-15k-silver" / "silver.conll"]:
        count(conll_sentences(path), lower, capital)
    csv.field_size_limit(10**8)
    with open(Path(args.shared) / "data" / "news" / "detik-1000" / "data_berita.csv", encoding="utf-8") as fh:
        bodies = [row.get("isi_berita") or "" for row in csv.DictReader(fh)]
    count(bodies, lower, capital)
    from warta.nlp.gazetteer import entries

    names = {n for _, n, _ in entries()}
    for label in ("PER", "ORG"):
        names |= set((ner / "gazetteers" / "dbpedia" / f"{label}.txt").read_text(encoding="utf-8").splitlines())
    acronyms = common_acronyms(bodies, names)
    ACRONYMS_OUT.write_text("# acronyms running text defines only as common nouns or documents "
                            "(training/casing.py)\n" + "\n".join(acronyms) + "\n", encoding="utf-8")
    print(f"{len(acronyms)} common acronyms -> {ACRONYMS_OUT}", file=sys.stderr)
    rows = []
    for word in sorted(lower):
        total = lower[word] + capital[word]
        share = lower[word] / total
        # Prefixed verb forms are kept even when rare: warta.nlp.casing recognises a
        # headline's bare verb ("Kutuk") by its prose form ("mengutuk").
        verb = word.startswith(("me", "di", "ber")) and len(word) >= 6
        if (total >= MIN_COUNT or verb) and share >= MIN_LOWER_SHARE:
            rows.append(f"{word}\t{share:.2f}")
    OUT.write_text("# word<TAB>share of its running-text occurrences written in lower case "
                   "(training/casing.py)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
