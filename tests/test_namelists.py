"""Name-list marks (warta/nlp/namelists.py): the per-token feature the NER embeds."""

from __future__ import annotations

import csv

import numpy as np
import pytest
import spacy

from conftest import shared_path
from warta.nlp import namelists as nl
from warta.nlp.tokenizer import LAZY_TOKENIZER_CONFIG, customize

csv.field_size_limit(10**8)


@pytest.fixture(scope="module")
def tokenizer():
    return customize(spacy.blank("id", config=LAZY_TOKENIZER_CONFIG))


def _listed(path):
    with open(path, encoding="utf-8") as fh:
        return {line.strip() for line in fh if line.strip()}


def _reference_marks(doc, lists):
    """Marks straight from the text files: per list, greedy longest match, left to right."""
    lows = [t.lower_ for t in doc]
    out = [[] for _ in lows]
    for name, names in lists.items():
        i = 0
        while i < len(lows):
            hit = 0
            for j in range(min(len(lows), i + nl.MAX_TOKENS), i, -1):
                if " ".join(lows[i:j]) in names:
                    hit = j - i
                    break
            if hit:
                out[i].append(name + "B")
                out[i + 1:i + hit] = [m + [name + "I"] for m in out[i + 1:i + hit]]
                i += hit
            else:
                i += 1
    return [" ".join(m) for m in out]


def test_table_is_sorted_and_holds_every_list():
    keys, bits = nl.table()
    assert len(keys) > 300_000 and np.all(keys[1:] > keys[:-1])
    for b in range(len(nl.LISTS)):
        assert ((bits & (1 << b)) != 0).sum() > 5_000


@pytest.mark.slow  # tokenizes 118k names
def test_marks_match_the_lists_on_detik_text(tokenizer):
    """The hashed, vectorised lookup marks what the list files say, on real news. Names
    are compared as lower-cased tokens joined by spaces (single words running text
    writes in lower case were left out of the table when it was built)."""
    root = shared_path("data", "ner", "gazetteers")
    lists = {}
    for name, rel in {"P": "dbpedia/PER.txt", "O": "dbpedia/ORG.txt", "W": "wilayah/LOC.txt"}.items():
        lists[name] = {" ".join(t.lower_ for t in d)
                       for d in tokenizer.tokenizer.pipe(sorted(_listed(root / rel)))
                       if 1 < len(d) <= nl.MAX_TOKENS}  # multi-word names: no lexicon filter
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8") as fh:
        texts = [row["isi_berita"] for row, _ in zip(csv.DictReader(fh), range(15))]
    marked = 0
    for doc in tokenizer.tokenizer.pipe(texts):
        got = nl.marks(doc)
        want = _reference_marks(doc, lists)
        for g, w, tok in zip(got, want, doc):
            assert set(w.split()) <= set(g.split()), (tok.text, g, w)
        marked += sum(1 for g in got if g)
    assert marked > 100


def test_component_writes_marks_the_model_reads(tokenizer):
    nlp = customize(spacy.blank("id", config=LAZY_TOKENIZER_CONFIG))
    nlp.add_pipe("warta_name_lists")
    doc = nlp("Bupati Sleman Kustini Sri Purnomo meninjau Kabupaten Bantul bersama Universitas Gadjah Mada.")
    tags = {t.text: t.tag_ for t in doc}
    assert "WB" in tags["Kabupaten"] and "WI" in tags["Bantul"]
    assert tags["meninjau"] == "" and tags["bersama"] == ""
    assert "OB" in tags["Universitas"]
