"""Issue 10: every stage stays linear on hostile input.

Each stage runs, as the pipeline runs it (a long body in pieces, ``settings.MAX_PIECE_CHARS``),
on 1 MB of the generators of ``warta.evaluate.hostile`` that reach its rules (runs of one
character, digits, quote marks, brackets, no spaces, no sentence ends, dense figures,
quotes and dates, control and bidi characters; ``benchmarks/hostile_benchmark.py`` runs
all of them through every stage) and must take at most FACTOR times its CPU time per
character on real news (detik-1000), plus a second: hostile text may hold 10x the
numbers or quote marks of news, but not 100x the work. The quadratic paths this replaced took minutes to
hours at 1 MB (README, "Hostile input"), so the factor leaves room for a loaded machine
without letting one back in. CPU time of this process, not wall time: other jobs on a
shared machine slow both measurements alike.
"""

from __future__ import annotations

import csv
import time
from functools import lru_cache

import pytest

from conftest import shared_path
from warta import clean, meta, nlp
from warta.claims import dates, figures, quotes
from warta.evaluate import hostile
from warta.model import RawArticle
from warta.nlp.sentences import segment, sentence_spans
from warta.pipeline import _documents

SIZE = 1_000_000
NEWS_SIZE = 200_000
FACTOR = 20
SLACK = 1.0  # seconds: start-up costs that do not grow with the text


@lru_cache(maxsize=1)
def news() -> str:
    csv.field_size_limit(10**9)
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8") as fh:
        body = "\n\n".join(row["isi_berita"] for row in csv.DictReader(fh))
    return (body * (NEWS_SIZE // len(body) + 1))[:NEWS_SIZE]


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


@lru_cache(maxsize=None)
def prepared(kind: str):
    """Clean text, metadata and the pipeline's documents for ``kind`` ("news" or a
    generator), with sentences from the rule segmenter (no NER: the claims stages' own
    cost is measured)."""
    text = news() if kind == "news" else hostile.text(kind, SIZE)
    raw = RawArticle(raw_text=text, source=kind)
    cleaned = clean.clean(text)
    metadata = meta.detect(raw, cleaned)
    docs = _documents(raw, cleaned, metadata)
    for doc in docs:
        doc.sentences = sentence_spans(segment(nlp.load().make_doc(doc.text)))
    return raw, cleaned, metadata, docs


def _run(stage: str, kind: str) -> None:
    raw, cleaned, metadata, docs = prepared(kind)
    if stage == "clean":
        clean.clean(raw.raw_text)
    elif stage == "meta":
        meta.detect(raw, cleaned)
        for doc in docs:
            meta.find_cited_sources(doc)
    elif stage == "tokenizer":
        for doc in docs:
            segment(nlp.load().make_doc(doc.text))
    else:
        module = {"dates": dates, "figures": figures, "quotes": quotes}[stage]
        for doc in docs:
            module.annotate(doc)


# The inputs that broke each stage before (README, "Hostile input"), and a few others.
KINDS = {
    "clean": ("one_letter", "digits", "glued_sentences", "no_spaces", "punctuation_mix"),
    "meta": ("one_letter", "punctuation_mix", "controls_bidi", "random_unicode"),
    "tokenizer": ("straight_quotes", "curly_quotes", "open_brackets", "bracket_pairs",
                  "punctuation_mix", "digit_space"),
    "dates": ("dense_dates", "digits", "digit_space"),
    "figures": ("digit_space", "dense_figures", "no_sentence_end"),
    "quotes": ("punctuation_mix", "glued_sentences", "dense_quotes", "straight_quotes"),
}


def _check(stage: str) -> None:
    per_char = _cpu(lambda: _run(stage, "news")) / len(news())
    budget = FACTOR * per_char * SIZE + SLACK
    slow = {}
    for kind in KINDS[stage]:
        prepared(kind)  # built outside the clock
        took = _cpu(lambda: _run(stage, kind))
        if took > budget:
            slow[kind] = round(took, 1)
    assert not slow, f"{stage}: over {budget:.1f} s CPU for 1 MB: {slow}"


@pytest.mark.slow
@pytest.mark.parametrize("stage", list(KINDS))
def test_stage_linear_on_hostile_input(stage):
    _check(stage)


def test_pieces_cover_the_text_in_bounded_lengths():
    from warta.document import piece_bounds

    text = news()[:60_000]
    bounds = piece_bounds(text, 20_000)
    assert "".join(text[s:e] for s, e in bounds) == text
    assert all(e - s <= 20_000 for s, e in bounds) and len(bounds) >= 3
    # real news is cut after a paragraph break
    assert all(text[:e].endswith("\n") for _, e in bounds[:-1])
    # no separator at all: cut exactly at the bound
    assert piece_bounds("a" * 50_001, 20_000) == [(0, 20_000), (20_000, 40_000), (40_000, 50_001)]
