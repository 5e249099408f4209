"""Build warta/nlp/data/namelists.npz, the name-list table ``warta_name_lists`` reads.

    python -m training.namelists

Lists: ../shared/data/ner/gazetteers/dbpedia/{PER,ORG,LOC}.txt and wilayah/LOC.txt. Each
name is tokenized by warta's tokenizer and keyed by its tokens' lower-cased ids
(``warta.nlp.namelists.key_of``); every proper prefix of a name is stored too, with
PREFIX_BIT, so matching can stop as soon as no name continues. Dropped: names longer than
MAX_TOKENS tokens, names without a letter, and one-word names that running text writes in
lower case (``warta.lang.casing``: "Batu", "Kota", "Apa" fire on every sentence).
"""

from __future__ import annotations

import argparse
from collections import defaultdict

import numpy as np
import spacy

from warta.lang.casing import lower_words
from warta.nlp.namelists import DATA, LISTS, MAX_TOKENS, PREFIX_BIT, key_of
from warta.nlp.tokenizer import LAZY_TOKENIZER_CONFIG, customize
from warta.settings import shared_root

FILES = {"P": "dbpedia/PER.txt", "O": "dbpedia/ORG.txt", "L": "dbpedia/LOC.txt", "W": "wilayah/LOC.txt"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(DATA))
    args = ap.parse_args()
    root = shared_root() / "data" / "ner" / "gazetteers"
    nlp = customize(spacy.blank("id", config=LAZY_TOKENIZER_CONFIG))
    common = lower_words()
    bits: dict[int, int] = defaultdict(int)
    for name, rel in FILES.items():
        bit = 1 << LISTS.index(name)
        names = {line.strip() for line in (root / rel).read_text(encoding="utf-8").splitlines()}
        kept = 0
        for doc in nlp.tokenizer.pipe(sorted(n for n in names if any(c.isalpha() for c in n))):
            if not 0 < len(doc) <= MAX_TOKENS:
                continue
            if len(doc) == 1 and doc[0].lower_ in common:
                continue
            lowers = [t.lower for t in doc]
            for k in range(1, len(lowers)):
                bits[key_of(lowers[:k])] |= PREFIX_BIT
            bits[key_of(lowers)] |= bit
            kept += 1
        print(f"{name} {rel}: {kept} of {len(names)} names kept")
    keys = np.fromiter(bits.keys(), dtype=np.uint64, count=len(bits))
    values = np.fromiter(bits.values(), dtype=np.uint8, count=len(bits))
    order = np.argsort(keys)  # searched with np.searchsorted
    np.savez(args.out, keys=keys[order], bits=values[order])  # compression saves ~10%
    print(f"{len(bits)} keys -> {args.out}")


if __name__ == "__main__":
    main()
