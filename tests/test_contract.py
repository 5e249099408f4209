"""The JSON contract: schema in step with the model, output valid, offsets trustworthy."""

from __future__ import annotations

import random

import jsonschema
import pytest

from warta import schema
from warta.document import build_clean_text
from warta.model import RawArticle
from warta.pipeline import process_many

ANNOTATION_LISTS = ("boilerplate", "cited_sources", "entities", "quotes", "figures", "dates")


def test_committed_schema_matches_model():
    assert schema.load() == schema.generate(), "run `python -m warta.schema` and commit the result"


@pytest.fixture(scope="module")
def seed_articles(seed_files):
    raws = [RawArticle(raw_text=p.read_text("utf-8"), source=str(p)) for p in seed_files]
    return list(process_many(raws))


def test_seed_output_validates_against_schema(seed_articles):
    validator = jsonschema.Draft202012Validator(schema.load())
    for article in seed_articles:
        data = article.model_dump(mode="json")
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, errors[:3]
        for name in ANNOTATION_LISTS:
            assert isinstance(data[name], list)


def test_every_annotation_points_at_its_words(seed_articles):
    checked = 0
    for article in seed_articles:
        for name in ANNOTATION_LISTS:
            for ann in getattr(article, name):
                source = article.source_of(ann)
                assert 0 <= ann.start <= ann.end <= len(source)
                assert source[ann.start:ann.end] == ann.text, (name, ann)
                checked += 1
    assert checked > 0


def test_offset_map_round_trips_random_edits():
    """Cleaning = deletions + insertions; every copied character must map back to itself."""
    rng = random.Random(7)
    alphabet = "abc de.\n"
    for _ in range(300):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        removals = []
        for _ in range(rng.randint(0, 4)):
            s = rng.randint(0, len(source))
            removals.append((s, min(len(source), s + rng.randint(0, 8))))
        insertions = {rng.randint(0, len(source)): " " for _ in range(rng.randint(0, 3))}
        clean, omap = build_clean_text(source, removals, insertions)
        assert omap.length == len(clean)
        for i, ch in enumerate(clean):
            s, e = omap.to_source(i, i + 1)
            if e - s == 1:
                assert source[s] == ch
        # any span maps to a source span in order and inside the source
        for _ in range(5):
            a = rng.randint(0, len(clean))
            b = rng.randint(a, len(clean))
            s, e = omap.to_source(a, b)
            assert 0 <= s <= e <= len(source)
            sub = omap.slice(a, b)
            assert sub.length == b - a
            if s < e:  # spans made only of inserted characters have no source words
                assert sub.to_source(0, b - a) == (s, e)


def test_regex_sentences_when_no_nlp_stage_ran():
    """The claims stages' fallback split: end punctuation before a capital, glued
    sentences, line breaks; spans stripped and pointing into the text."""
    from warta.document import Document, OffsetMap, regex_sentences

    text = 'Pasukan mundur.Lalu warga kembali. "Kami lega," kata Ani!  (Antara) 12 rumah rusak\nBaris baru'
    spans = regex_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Pasukan mundur.", "Lalu warga kembali.", '"Kami lega," kata Ani!', "(Antara) 12 rumah rusak", "Baris baru"]
    doc = Document(text=text, offsets=OffsetMap.identity(len(text)))
    assert doc.sentence_spans() == spans
    doc.sentences = [(0, len(text))]
    assert doc.sentence_spans() == [(0, len(text))]


def test_the_annotation_kinds_are_the_articles_annotation_lists():
    # warta.model.ANNOTATION_KINDS drives the store's tables and the export's columns.
    import typing

    from warta.model import ANNOTATION_KINDS, Annotation, Article

    lists = {name: typing.get_args(info.annotation)[0] for name, info in Article.model_fields.items()
             if typing.get_origin(info.annotation) is list}
    assert all(issubclass(model, Annotation) for model in lists.values())
    assert {k.name: k.model for k in ANNOTATION_KINDS} == lists
