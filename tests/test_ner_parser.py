"""The NER's greedy loop run with the GIL held (warta/nlp/parser.py) makes the same moves
as spaCy's own C loop: every token's entity tag compared on real news."""

from __future__ import annotations

import csv

import pytest
from spacy.pipeline import EntityRecognizer

from conftest import shared_path
from warta.nlp import load
from warta.nlp.casing import sentence_case
from warta.nlp.parser import GilHeldNER


def _texts(seed_files, n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in seed_files]
    csv.field_size_limit(10**8)
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8") as fh:
        for row, _ in zip(csv.DictReader(fh), range(n)):
            texts += [row["judul"], row["isi_berita"]]
    # as annotate() reads them: Title-Case lines in sentence case
    return texts + [sentence_case(t) for t in texts if sentence_case(t) != t]


def _tags(nlp, texts: list[str]) -> list[list[tuple[int, str]]]:
    # the components the model sees (sentence starts constrain its moves), in batches
    # of several lengths as nlp.pipe makes them
    with nlp.select_pipes(enable=["warta_sentences", "tok2vec", "ner"]):
        return [[(t.ent_iob, t.ent_type_) for t in doc] for doc in nlp.pipe(texts, batch_size=64)]


def _compare(seed_files, n: int, monkeypatch) -> None:
    nlp = load()
    assert type(nlp.get_pipe("ner")) is GilHeldNER
    texts = _texts(seed_files, n)
    ours = _tags(nlp, texts)
    with monkeypatch.context() as m:
        m.setattr(GilHeldNER, "greedy_parse", EntityRecognizer.greedy_parse)  # spaCy's C loop
        spacys = _tags(nlp, texts)
    assert sum(tag[0] == 3 for doc in spacys for tag in doc) > 10 * n  # entities begun
    for text, a, b in zip(texts, ours, spacys):
        assert a == b, text[:200]


def test_gil_held_ner_tags_like_spacys_loop(seed_files, monkeypatch):
    _compare(seed_files, 8, monkeypatch)


@pytest.mark.slow
def test_gil_held_ner_tags_like_spacys_loop_on_200_articles(seed_files, monkeypatch):
    _compare(seed_files, 200, monkeypatch)
