"""Issue 10: every stage stays linear on hostile input.

Each stage of the pipeline (clean, meta, the tokenizer and sentence segmenter, the whole
NLP stage with NER and entity resolution, dates, figures, quotes, framing) runs, as the
pipeline runs it (a long body in pieces, ``settings.MAX_PIECE_CHARS``), on 1 MB of the
generators of ``warta.evaluate.hostile`` that reach its rules (runs of one character,
digits, quote marks, brackets, no spaces, no sentence ends, dense names, figures, quotes,
dates and loaded words, Title Case, control and bidi characters;
``benchmarks/hostile_benchmark.py`` runs all of them through every stage). Two checks per
stage and input, both in CPU time of this process (not wall time: other jobs on a shared
machine slow every measurement alike):

- budget: at most FACTOR times the stage's CPU time per character on real news
  (detik-1000) plus a second. Hostile text may hold 10x the numbers or quote marks of
  news, but not 100x the work; the quadratic paths this replaced took minutes to hours
  at 1 MB (README, "Hostile input").
- linearity: 1 MB takes at most RATIO times what a quarter of it takes (plus
  LINEAR_SLACK): linear is 4x, quadratic 16x.

Cost: clean, meta and the tokenizer are timed while the input is prepared for the later
stages (each runs once per input), so the whole file is about a minute of CPU.
"""

from __future__ import annotations

import csv
import time
from functools import lru_cache

import pytest

from conftest import shared_path
from warta import framing, nlp
from warta.claims import dates, figures, quotes
from warta.evaluate import hostile
from warta.model import RawArticle
from warta.nlp.sentences import segment, sentence_spans
from warta.pipeline import _documents

SIZE = 1_000_000
NEWS_SIZE = 200_000
FACTOR = 20
# figures: its budget's unit, CPU per character of news, halved when documents without a
# figure candidate (most of news) began skipping the context lookups (5515c82, issue 16),
# while its cost per number did not grow: "digit_space" holds 100x news' numbers (500 vs 5
# per 1,000 characters) and took 8.1 s at 1 MB before that change, 7.2 s after (same
# machine), i.e. 8x the old unit and 13-26x the new one. The premise above ("10x the
# numbers, not 100x the work") is kept by allowing 40x for this stage; the linearity check
# is unchanged.
STAGE_FACTOR = {"figures": 40}
SLACK = 1.0  # seconds: start-up costs that do not grow with the text
RATIO = 5.5
LINEAR_SLACK = 0.5


@lru_cache(maxsize=1)
def news() -> str:
    csv.field_size_limit(10**9)
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8") as fh:
        body = "\n\n".join(row["isi_berita"] for row in csv.DictReader(fh))
    return (body * (NEWS_SIZE // len(body) + 1))[:NEWS_SIZE]


def _text(kind: str, size: int) -> str:
    return news() if kind == "news" else hostile.text(kind, size)


@lru_cache(maxsize=4)
def prepared(kind: str, size: int):
    """The pipeline's documents for ``kind`` at ``size`` characters, and the CPU seconds
    clean and meta took on it."""
    raw = RawArticle(raw_text=_text(kind, size), source=kind)
    return (raw, *hostile.timed_front_stages(raw))


def segmented(kind: str, size: int):
    """``prepared`` with sentences from the rule segmenter (once), timed as "tokenizer"."""
    raw, cleaned, metadata, docs, times = prepared(kind, size)
    if "tokenizer" not in times:
        make_doc = nlp.load().make_doc
        t = time.process_time()
        for doc in docs:
            doc.sentences = sentence_spans(segment(make_doc(doc.text)))
        times["tokenizer"] = time.process_time() - t
    return raw, cleaned, metadata, docs, times


def _cpu(stage: str, kind: str, size: int) -> float:
    """CPU seconds of ``stage`` on ``kind`` at ``size`` (the later stages without NER:
    their own cost is measured)."""
    needs_sentences = stage not in ("clean", "meta", "nlp", "framing")
    raw, cleaned, metadata, docs, times = (segmented if needs_sentences else prepared)(kind, size)
    if stage in times:
        return times[stage]
    clock = time.process_time
    if stage == "nlp":  # the whole NLP stage, on fresh documents
        fresh = _documents(raw, cleaned, metadata)
        t = clock()
        nlp.annotate([fresh])
        return clock() - t
    t = clock()
    for doc in docs:
        if stage == "framing":
            framing.find(doc.text, is_title=doc.is_title)
        else:
            {"dates": dates, "figures": figures, "quotes": quotes}[stage].annotate(doc)
    return clock() - t


# The inputs that broke each stage before (README, "Hostile input"), and a few others.
KINDS = {
    "clean": ("one_letter", "digits", "glued_sentences", "no_spaces", "punctuation_mix"),
    "meta": ("one_letter", "punctuation_mix", "controls_bidi", "random_unicode"),
    "tokenizer": ("straight_quotes", "curly_quotes", "open_brackets", "bracket_pairs",
                  "punctuation_mix", "digit_space"),
    "nlp": ("dense_names", "dense_acronyms", "title_case"),
    "dates": ("dense_dates", "digits", "digit_space"),
    "figures": ("digit_space", "dense_figures", "no_sentence_end"),
    "quotes": ("punctuation_mix", "glued_sentences", "dense_quotes", "straight_quotes"),
    "framing": ("dense_loaded", "one_letter", "punctuation_mix"),
}


def _check(stage: str) -> None:
    nlp.load()
    per_char = _cpu(stage, "news", NEWS_SIZE) / len(news())
    budget = STAGE_FACTOR.get(stage, FACTOR) * per_char * SIZE + SLACK
    slow, superlinear = {}, {}
    for kind in KINDS[stage]:
        quarter = _cpu(stage, kind, SIZE // 4)
        took = _cpu(stage, kind, SIZE)
        if took > budget:
            slow[kind] = round(took, 1)
        if took > RATIO * quarter + LINEAR_SLACK:
            superlinear[kind] = f"{quarter:.2f} s -> {took:.2f} s"
    assert not slow, f"{stage}: over {budget:.1f} s CPU for 1 MB: {slow}"
    assert not superlinear, f"{stage}: a quarter of the input -> all of it, over {RATIO}x: {superlinear}"


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


def test_batches_are_bounded_by_characters_as_well_as_by_count():
    """Memory follows a batch's characters (settings.BATCH_CHARS): long articles do not
    share a batch 32 at a time; a rejection rides along; short ones still batch by count."""
    from warta.ingest.errors import Rejected
    from warta.run.batch import _batches

    long = [RawArticle(raw_text="x" * 600, source=str(i)) for i in range(5)]
    items = [long[0], Rejected("bad", "why"), *long[1:]]
    batches = list(_batches(items, size=32, max_chars=1_000))
    assert [[getattr(i, "source", None) for i in b] for b in batches] == [["0", "bad"], ["1"], ["2"], ["3"], ["4"]]
    short = [RawArticle(raw_text="kata", source=str(i)) for i in range(70)]
    assert [len(b) for b in _batches(short, size=32, max_chars=1_000)] == [32, 32, 6]
    huge = RawArticle(raw_text="y" * 5_000)
    assert [len(b) for b in _batches([short[0], huge, short[1]], size=32, max_chars=1_000)] == [1, 1, 1]
