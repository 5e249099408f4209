"""The shared scoring helpers: one convention for empty denominators, and the seed gold
paired with its seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_path

from warta.evaluate.scoring import PRF, Accuracy, seed_raws


def test_prf_empty_denominators():
    assert (PRF().precision, PRF().recall, PRF().f1) == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    missed = PRF(fn=3)
    assert (missed.precision, missed.recall, missed.f1) == (0.0, 0.0, 0.0)
    invented = PRF(fp=2)
    assert (invented.precision, invented.recall, invented.f1) == (0.0, 0.0, 0.0)


def test_prf_counts_sets_and_adds():
    prf = PRF()
    prf.count(predicted={"a", "b", "x"}, gold={"a", "b", "c", "d"})
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 2)
    assert (prf.precision, prf.recall) == (2 / 3, 0.5)
    assert prf + PRF(tp=1, fn=1) == PRF(3, 1, 3)
    assert prf.line("x").startswith("x") and "P=0.667 R=0.500 F1=0.571 (tp=2 fp=1 fn=2)" in prf.line("x")


def test_accuracy():
    acc = Accuracy()
    assert acc.value == 0.0
    for ok in (True, False, True, True):
        acc.add(ok)
    assert (acc.correct, acc.total, acc.value) == (3, 4, 0.75)
    assert acc + Accuracy(1, 4) == Accuracy(4, 8)


def test_seed_raws_pair_each_gold_with_its_seed():
    pairs = seed_raws(shared_path("gold"), give_published=True)
    assert len(pairs) == len(list(shared_path("gold").glob("*.json")))
    for gold, raw in pairs:
        assert Path(raw.source).name == gold["file"]
        assert raw.raw_text == (shared_path("seeds") / gold["file"]).read_text(encoding="utf-8")
        assert raw.published == gold.get("published")
    assert all(raw.published is None for _, raw in seed_raws(shared_path("gold")))


def test_seed_raws_reject_missing_gold_and_seeds(tmp_path):
    with pytest.raises(FileNotFoundError, match="no gold files"):
        seed_raws(tmp_path)
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text(json.dumps({"file": "x.txt"}), encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="has no seed article"):
        seed_raws(tmp_path / "gold")
