"""Quote extraction measured against gold: the seed articles through the whole pipeline,
and PFSA-ID dev-40 (Kompas) through the NLP stage + quote extractor. Thresholds sit a
little under the measured figures (see `warta evaluate quotes`) so a regression fails."""

from __future__ import annotations

import pytest

from conftest import shared_path
from warta.evaluate.pfsa import bilou_spans, detokenize, read_pfsa
from warta.evaluate.quotes import evaluate_pfsa, evaluate_seeds


def test_seed_quotes_speaker_and_text():
    scores = evaluate_seeds(shared_path("gold"), shared_path("seeds"))
    assert scores.gold == 20  # the seed gold lists 20 quotes (five indirect ones added)
    assert scores.f1 >= 0.85, (scores.as_dict(), scores.errors)
    assert scores.precision >= 0.9, scores.errors
    assert scores.recall >= 0.93, scores.errors
    assert scores.speaker_accuracy >= 0.93, scores.errors


@pytest.fixture(scope="module")
def pfsa_scores():
    # The whole dev-40 split: ~330 articles, ~20-40 s with the NLP stage on 2 cores.
    return evaluate_pfsa(shared_path("data", "quotes", "pfsa-id", "dev-40.txt"))


@pytest.mark.slow
def test_pfsa_public_figure_statements(pfsa_scores):
    s = pfsa_scores["public"]
    assert s.gold == 1653
    assert s.f1 >= 0.93, s.as_dict()   # measured 0.949 (target 0.93)
    assert s.speaker_accuracy >= 0.90, s.as_dict()


@pytest.mark.slow
def test_pfsa_held_out_public_figure_statements():
    """PFSA-ID-MED articles that are not in dev-40 were never looked at while writing the
    rules: the speaker-standing heuristic must hold there too."""
    s = evaluate_pfsa(shared_path("data", "quotes", "pfsa-id", "med-dev-20.txt"), scopes=("public",),
                      unseen_in=shared_path("data", "quotes", "pfsa-id", "dev-40.txt"))["public"]
    assert s.gold > 1000
    assert s.f1 >= 0.93, s.as_dict()   # measured 0.949
    assert s.speaker_accuracy >= 0.88, s.as_dict()


@pytest.mark.slow
def test_pfsa_all_direct_quotes(pfsa_scores):
    # Every quote counted, also citizens' (the corpus tags public figures only).
    s = pfsa_scores["all"]
    assert s.recall >= 0.98, s.as_dict()
    assert s.f1 >= 0.89, s.as_dict()
    assert s.speaker_accuracy >= 0.89, s.as_dict()


@pytest.mark.slow
def test_pfsa_reader_one_tag_stream_and_articles():
    articles = read_pfsa(shared_path("data", "quotes", "pfsa-id", "dev-40.txt"))
    assert len(articles) > 300
    first = articles[0]
    assert first.text.startswith("JAKARTA, KOMPAS —")
    statements = first.of("STATEMENT")
    # a statement crosses the blank lines between sentence blocks
    assert any(len({i for i in range(s.first, s.last) if i in first.block_ends}) >= 1 for s in statements)
    for st in statements:
        s, e = first.char_span(st)
        assert first.text[s:e].startswith(("”", "“")) and first.text[s:e].endswith("”")


def test_detokenize_kompas_quote_marks():
    tokens = ["Ia", "datang", ".", "”", "Saya", "senang", ",", "”", "kata", "Ani", "(", "30", ")", "."]
    text, offsets = detokenize(tokens, {3})
    assert text == "Ia datang. ”Saya senang,” kata Ani (30)."
    assert all(text[s:e] == t for t, (s, e) in zip(tokens, offsets))


def test_bilou_spans():
    spans = bilou_spans(["O", "B-STATEMENT", "I-STATEMENT", "L-STATEMENT", "U-CUE", "U-PERSON"])
    assert [(s.label, s.first, s.last) for s in spans] == [("STATEMENT", 1, 3), ("CUE", 4, 4), ("PERSON", 5, 5)]


@pytest.mark.slow
def test_evaluate_quotes_command(tmp_path):
    from typer.testing import CliRunner

    from warta.cli.app import app

    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "quotes", "--gold", str(shared_path("gold")), "--pfsa", ""])
    assert result.exit_code == 0, result.output
    assert "seeds" in result.output and "F1" in result.output
    bad = runner.invoke(app, ["evaluate", "quotes", "--gold", str(tmp_path), "--pfsa", str(tmp_path / "none.txt")])
    assert bad.exit_code == 1
    assert "no gold" in bad.output and "not found" in bad.output


def test_seed_quote_offsets_point_into_raw_text(seed_files):
    from warta.model import RawArticle
    from warta.pipeline import process_many

    articles = list(process_many(RawArticle(raw_text=p.read_text(encoding="utf-8")) for p in seed_files))
    quotes = [(a, q) for a in articles for q in a.quotes]
    assert len(quotes) >= 20
    for a, q in quotes:
        source = a.source_of(q)
        assert source[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert source[q.speaker_start:q.speaker_end] == q.speaker_text
