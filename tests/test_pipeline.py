"""The declared stages (warta.pipeline.STAGES): checked at start-up, run in one place."""

from __future__ import annotations

import dataclasses

import pytest

from warta.pipeline import STAGES, Stage, check_stages


def test_the_stages_are_declared_in_order():
    assert [s.name for s in STAGES] == ["clean", "meta", "nlp", "dates", "quotes", "figures", "framing"]
    check_stages(STAGES)


def test_a_stage_before_what_it_requires_is_refused():
    quotes = next(s for s in STAGES if s.name == "quotes")
    with pytest.raises(ValueError, match="requires 'docs.sentences'"):
        check_stages([quotes] + [s for s in STAGES if s.name != "quotes"])


def test_a_stage_assigning_an_unknown_field_is_refused():
    odd = dataclasses.replace(STAGES[-1], assigns=("docs.opinions",))
    with pytest.raises(ValueError, match="not a Work or Document field"):
        check_stages(STAGES[:-1] + (odd,))


def test_every_annotation_kind_of_a_document_is_filled_by_some_stage():
    with pytest.raises(ValueError, match="figures"):
        check_stages(tuple(s for s in STAGES if s.name != "figures"))
    with pytest.raises(ValueError, match="declared twice"):
        check_stages(STAGES + (Stage("clean", STAGES[0].run, (), ()),))


def test_the_meta_stage_alone_fills_cited_sources_and_their_chrome_credits(seed_files):
    from warta.model import RawArticle
    from warta.pipeline import Work

    work = Work(RawArticle(raw_text=seed_files[0].read_text(encoding="utf-8")))
    for stage in STAGES[:2]:
        stage.run([work])
    assert work.metadata is not None and work.docs and work.docs[-1].entities == []
    named = {c.name for d in work.docs for c in d.cited_sources}
    assert not named & {c.name for c in work.chrome_sources}


def test_annotations_mapped_to_the_source_as_model_copy_maps_them(seed_files):
    """pipeline._to_source builds its copy directly: the same object model_copy makes."""
    from warta.model import ANNOTATION_KINDS, RawArticle
    from warta.pipeline import Work, _to_source

    works = [Work(RawArticle(raw_text=s.read_text(encoding="utf-8"), title="Judul " + s.stem))
             for s in seed_files]
    for stage in STAGES:
        stage.run(works)
    checked, speakers = 0, 0
    for work in works:
        for doc in work.docs:
            src = work.metadata.title if doc.field == "title" else work.raw.raw_text
            for kind in ANNOTATION_KINDS:
                for ann in getattr(doc, kind.name, ()):
                    s, e = doc.offsets.to_source(ann.start, ann.end)
                    update = {"start": s, "end": e, "text": src[s:e], "field": doc.field}
                    if getattr(ann, "speaker_start", None) is not None and ann.speaker_end is not None:
                        ss, se = doc.offsets.to_source(ann.speaker_start, ann.speaker_end)
                        update.update(speaker_start=ss, speaker_end=se)
                        speakers += 1
                    expected, got = ann.model_copy(update=update), _to_source(ann, doc, src)
                    assert type(got) is type(expected) and got == expected
                    assert list(got.__dict__.items()) == list(expected.__dict__.items())
                    assert got.__pydantic_fields_set__ == expected.__pydantic_fields_set__
                    assert (got.__pydantic_extra__, got.__pydantic_private__) == \
                        (expected.__pydantic_extra__, expected.__pydantic_private__)
                    assert got.model_dump_json() == expected.model_dump_json()
                    assert got is not ann and got.__dict__ is not ann.__dict__
                    checked += 1
    assert checked > 200 and speakers > 10
