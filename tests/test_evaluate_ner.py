"""The NER scorer (entity-level exact match) and the shipped model's measured quality."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from warta.evaluate.ner import DEFAULT_MAP, evaluate, map_tag, read_bio, score, spans
from warta.nlp import MODEL_DIR, build

pytestmark = pytest.mark.slow  # the pipeline over a corpus (see pyproject: markers)

# Measured with `warta evaluate ner --no-gazetteer` on the shipped model (docs/ner.md).
SHIPPED_NERGRIT_VALID_F1 = 0.738
SHIPPED_NERUI_TEST_F1 = 0.869


def test_spans_from_bio():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-LOC"]
    assert spans(tags) == {(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG"), (6, 7, "LOC")}


def test_tag_mapping():
    assert map_tag("B-PERSON", DEFAULT_MAP) == "B-PER"
    assert map_tag("I-PLC", DEFAULT_MAP) == "I-LOC"
    assert map_tag("U-ORGANIZATION", DEFAULT_MAP) == "B-ORG"
    assert map_tag("B-QUANTITY", DEFAULT_MAP) == "O"
    assert map_tag("B-FNB", DEFAULT_MAP) == "O"


def test_exact_match_scoring():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "B-EVT"]]
    s = score(gold, pred, labels={"PER", "LOC", "ORG"})  # EVT is not in this gold: ignored
    assert (s.tp["LOC"], s.tp["ORG"], s.tp["PER"]) == (1, 1, 0)
    assert s.fp["PER"] == 1 and s.fn["PER"] == 1 and s.fp["EVT"] == 0
    p, r, f = s.prf()
    assert (round(p, 3), round(r, 3)) == (0.667, 0.667)


def test_reads_the_real_corpora():
    grit = read_bio(shared_path("data", "ner", "nergrit", "valid_preprocess.txt"))
    assert len(grit) == 209
    labels = {t[2:] for _, tags in grit for t in tags if t != "O"}
    assert labels == {"PER", "ORG", "LOC"}
    ugm = read_bio(shared_path("data", "ner", "indolem", "nerugm", "test.01.tsv"))
    assert {t[2:] for _, tags in ugm for t in tags if t != "O"} == {"PER", "ORG", "LOC"}  # TIME, QUANTITY dropped


def test_shipped_model_keeps_its_nergrit_score():
    assert (MODEL_DIR / "config.cfg").exists(), "the trained model must ship in warta/nlp/model"
    nlp = build(MODEL_DIR, gazetteer=False)
    s = evaluate(nlp, shared_path("data", "ner", "nergrit", "valid_preprocess.txt"))
    assert s.prf()[2] >= SHIPPED_NERGRIT_VALID_F1 - 0.01, s.table()


def test_shipped_model_meets_the_nerui_target():
    # IndoLEM NER-UI test.01 (the fold the shipped model never trained on): target 0.78.
    nlp = build(MODEL_DIR, gazetteer=False)
    s = evaluate(nlp, shared_path("data", "ner", "indolem", "nerui", "test.01.tsv"))
    assert s.prf()[2] >= max(0.78, SHIPPED_NERUI_TEST_F1 - 0.01), s.table()


def test_cli_scores_a_bio_file(tmp_path):
    from warta.cli.app import app

    data = tmp_path / "mini.conll"
    data.write_text("Presiden B-JABATAN\nJoko B-ORANG\nWidodo I-ORANG\ntiba O\ndi O\nSurabaya B-KOTA\n. O\n\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "ner", "--data", str(data), "--format", "conll",
                                      "--map", "ORANG=PER", "--map", "KOTA=LOC"])
    assert result.exit_code == 0, result.output
    micro = [line for line in result.output.splitlines() if line.strip().startswith("micro")]
    assert micro and float(micro[0].split()[3]) == 1.0, result.output
    bad = CliRunner().invoke(app, ["evaluate", "ner", "--data", str(data), "--map", "ORANG"])
    assert bad.exit_code != 0
