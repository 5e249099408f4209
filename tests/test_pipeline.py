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
