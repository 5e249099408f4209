"""Start-up work done once: the tokenizer's exceptions added as texts need them, and the
language model cached on disk. Same tokens and answers as building everything up front."""

from __future__ import annotations

import csv
from pathlib import Path

import py3langid
import pytest
from spacy.tokenizer import Tokenizer

from conftest import shared_path
from warta import cache
from warta.meta import language
from warta.nlp import load
from warta.nlp.tokenizer import LazyTokenizer


def _real_texts(seed_files, n: int = 60) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in seed_files]
    csv.field_size_limit(10**8)
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8") as fh:
        for row, _ in zip(csv.DictReader(fh), range(n)):
            texts += [row["judul"], row["isi_berita"]]
    return texts


@pytest.mark.slow
def test_lazy_tokenizer_gives_spacys_tokens_on_real_news(seed_files):
    lazy = load().tokenizer
    assert isinstance(lazy, LazyTokenizer)
    rules = lazy.rules
    assert len(rules) > 15000
    # spaCy's own tokenizer with every rule added up front, same affixes.
    eager = Tokenizer(lazy.vocab, rules=rules, prefix_search=lazy.prefix_search,
                      suffix_search=lazy.suffix_search, infix_finditer=lazy.infix_finditer,
                      token_match=lazy.token_match, url_match=lazy.url_match)
    texts = _real_texts(seed_files)
    kept_whole = 0
    for text in texts:
        want = [(t.text, t.idx, t.norm_) for t in eager(text)]
        assert [(t.text, t.idx, t.norm_) for t in lazy(text)] == want
        kept_whole += sum(1 for t in want if "-" in t[0][1:-1] and t[0] in rules)
    assert kept_whole > 50  # the exceptions were exercised ("kupu-kupu" stays one token)
    assert len(lazy.rules) == len(rules)
    # Again, now that every chunk of these texts is in the chunk cache (LazyTokenizer._cache_chunks).
    assert len(lazy._chunks_seen) > 5000
    for text in texts:
        assert [(t.text, t.idx, t.norm_) for t in lazy(text)] == [(t.text, t.idx, t.norm_) for t in eager(text)]


@pytest.mark.slow
def test_lazy_tokenizer_serialises_every_rule_and_keeps_rules_added_by_hand():
    nlp = load()
    fresh = LazyTokenizer(nlp.vocab, rules=nlp.tokenizer.rules,
                          infix_finditer=nlp.tokenizer.infix_finditer)
    fresh.add_special_case("abu-abu", [{"ORTH": "abu"}, {"ORTH": "-abu"}])
    restored = LazyTokenizer(nlp.vocab).from_bytes(fresh.to_bytes())
    assert len(restored.rules) == len(nlp.tokenizer.rules)
    assert [t.text for t in restored("warna abu-abu dan kupu-kupu")] == [
        "warna", "abu", "-abu", "dan", "kupu-kupu"]


def test_cache_builds_once_and_rebuilds_what_it_cannot_read(tmp_path, monkeypatch):
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"value": [1, 2, 3]}

    assert cache.load_or_build("thing", "k1", build) == {"value": [1, 2, 3]}
    assert cache.load_or_build("thing", "k1", build) == {"value": [1, 2, 3]}
    assert len(calls) == 1
    (tmp_path / "thing-k1.pickle").write_bytes(b"truncated")
    assert cache.load_or_build("thing", "k1", build) == {"value": [1, 2, 3]}
    assert len(calls) == 2
    cache.load_or_build("thing", "k2", build)  # a new version replaces the old entry
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing-k2.pickle"]


@pytest.mark.slow
def test_cached_language_identifier_answers_like_py3langid(seed_files, tmp_path, monkeypatch):
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    language.identifier.cache_clear()
    try:
        built = language.identifier()
        language.identifier.cache_clear()
        from_disk = language.identifier()  # read back from the cache
        assert len(list(tmp_path.glob("py3langid-*.pickle"))) == 1
        for text in _real_texts(seed_files, 20):
            sample = text[:language.SAMPLE_CHARS]
            assert from_disk.classify(sample) == built.classify(sample) == py3langid.classify(sample)
    finally:
        language.identifier.cache_clear()


def test_spacy_command_line_loads_on_first_use():
    """warta leaves spaCy's command line (typer, weasel, requests, jinja2) unimported until
    it is used; then it is the real one (warta/_spacy_cli.py)."""
    import subprocess
    import sys

    code = """
import sys, warta, spacy
heavy = [m for m in ("spacy.cli._util", "weasel", "jinja2", "requests") if m in sys.modules]
assert not heavy, heavy
from spacy.cli import setup_cli, train
import spacy.cli.init_config
assert callable(setup_cli) and callable(train.train) and "weasel" in sys.modules
assert spacy.info.__module__ == "spacy.cli.info" or callable(spacy.info)
print(sorted(spacy.info(markdown=False, silent=True)))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "spacy_version" in done.stdout


def test_numpy_byte_walk_counts_features_as_py3langid(seed_files):
    """warta's language identifier counts the byte n-gram features with numpy
    (meta/language.py): the same features, counts and order as py3langid's per-byte walk,
    on real news and on arbitrary bytes, hence the same scores."""
    import random

    from py3langid import langid

    ident = language.identifier()
    texts = [t[:language.SAMPLE_CHARS].encode() for t in _real_texts(seed_files, 150)]
    texts += [b"", b"a", "Kata \u00e9\u00e8 \U0001F600 PEMILU 2024 \u2014 kata".encode()]
    rnd = random.Random(16)
    texts += [bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 300))) for _ in range(200)]
    for text in texts:
        expected = langid.visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, text) or {}
        assert list(language.feature_counts(ident, text).items()) == list(expected.items())
    reference = langid.LanguageIdentifier.from_model_file(Path(langid.MODEL_DIR) / langid.MODEL_FILE)
    for text in texts[:60]:
        assert ident.classify(text) == reference.classify(text)


@pytest.mark.slow
def test_scores_from_cast_rows_are_py3langid_scores_bit_for_bit(seed_files):
    """The identifier scores with float32 copies of its float16 table rows and features
    counted by one sort (meta/language.py): every language's score has the same bits as
    py3langid's own identifier gives, on real news (two passes: rows cast on first use,
    then reused) and on arbitrary bytes."""
    import random

    import numpy as np
    from py3langid import langid

    ident = language.identifier()
    reference = langid.LanguageIdentifier.from_model_file(Path(langid.MODEL_DIR) / langid.MODEL_FILE)
    assert ident.nb_ptc.dtype == np.float16  # what the cast copies are for
    texts = [t[:language.SAMPLE_CHARS] for t in _real_texts(seed_files, 150)]
    rnd = random.Random(17)
    texts += [bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 300))) for _ in range(100)]
    texts += ["", "a", "ABC DEF GHI", "Kata \u00e9\u00e8 \U0001F600 PEMILU 2024 \u2014 kata"]
    for _ in range(2):
        for text in texts:
            ours, theirs = ident._decide(text), reference._decide(text)
            assert ours.dtype == theirs.dtype and ours.tobytes() == theirs.tobytes()
            assert ident.classify(text) == reference.classify(text)


def _scores_in_child(texts):
    return [language.identifier()._decide(t).tobytes() for t in texts]


@pytest.mark.slow
def test_forked_workers_cast_rows_of_their_own(seed_files):
    """The cast rows (language._CastRows) live in private memory: workers forked after the
    parent cast some rows cast others without touching the parent's or each other's, so
    every process still scores as py3langid does."""
    import multiprocessing

    from py3langid import langid

    reference = langid.LanguageIdentifier.from_model_file(Path(langid.MODEL_DIR) / langid.MODEL_FILE)
    texts = [t[:language.SAMPLE_CHARS] for t in _real_texts(seed_files, 60)]
    ident = language.identifier()
    for text in texts[:20]:
        ident._decide(text)  # the parent's rows, before the fork
    with multiprocessing.get_context("fork").Pool(2) as pool:
        children = pool.map(_scores_in_child, [texts[20:70], texts[70:]])
    assert children == [[reference._decide(t).tobytes() for t in part] for part in (texts[20:70], texts[70:])]
    assert [ident._decide(t).tobytes() for t in texts] == [reference._decide(t).tobytes() for t in texts]
