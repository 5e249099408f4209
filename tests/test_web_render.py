"""render.highlighted, the article page's highlighted text (issue 13: made in one sweep in
Python instead of a template macro over every piece): the same HTML as the macro over the
naive cut, on the stored seed articles, and hostile text stays text."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from warta import services
from warta.store.sqlite import SQLiteStore
from warta.web import render

# The page's macro before issue 13, over pieces made the obvious way (every span tested
# against every piece): the reference the sweep must equal.
_MACRO = Environment(autoescape=True).from_string(
    "{% macro run(segs) %}{% for s in segs %}{% if s.css %}{% if s.href %}"
    "<a href=\"{{ s.href }}\" class=\"{{ s.css|join(' ') }}\" title=\"{{ s.notes|join(' | ') }}\">{{ s.text }}</a>"
    "{% else %}<span class=\"{{ s.css|join(' ') }}\" title=\"{{ s.notes|join(' | ') }}\">{{ s.text }}</span>"
    "{% endif %}{% else %}{{ s.text }}{% endif %}{% endfor %}{% endmacro %}").module.run


def reference(source: str, marks: list[render.Span]) -> str:
    marks = [m for m in marks if m.end <= len(source)]
    cuts = sorted({0, len(source), *(m.start for m in marks), *(m.end for m in marks)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        notes = list(dict.fromkeys(m.note for m in covering if m.note))
        pieces.append({"text": source[a:b], "css": sorted({c for m in covering for c in m.css.split()}),
                       "notes": notes, "href": next((m.href for m in covering if m.href), None)})
    return str(_MACRO(pieces))


def test_hostile_text_notes_and_links_are_escaped():
    text = "Kata <script>alert('x')</script> & \"kutipan\" di <b onclick=y>Gaza</b>."
    marks = [render.Span(5, 32, "quote quote-direct", "direct quote · <img src=x onerror=alert(1)>"),
             render.Span(13, 18, "ent ent-per", "PER · \"><script>", render.entity_href("\"><script>")),
             render.Span(10, 20, "date", "a & b"), render.Span(61, 65, "ent ent-loc", "LOC · Gaza", "/entities/Gaza"),
             render.Span(0, 4, "fig", ""), render.Span(3, 3, "empty", "never shown")]
    html = str(render.highlighted(text, marks))
    assert html == reference(text, [m for m in marks if m.start < m.end])
    assert "<script>" not in html and "<img" not in html and "<b " not in html and "empty" not in html
    assert "&lt;scr" in html and "x&#39;)&lt;/script&gt;" in html and "&amp; &#34;kutipan&#34;" in html
    assert 'title="direct quote · &lt;img src=x onerror=alert(1)&gt;"' in html and "a &amp; b" in html
    assert '<a href="/entities/Gaza" class="ent ent-loc" title="LOC · Gaza">Gaza</a>' in html
    assert render.highlighted("", marks) == "" and render.highlighted(text, []) == reference(text, [])


@pytest.mark.slow  # the served store: the pipeline over the seeds and headlines
def test_highlighted_is_the_macro_over_every_stored_article(served_db):
    n = 0
    with SQLiteStore(served_db) as store:
        for article in store.articles():
            loaded = services.loaded_terms(article)
            for target, source in (("text", article.raw_text), ("title", article.title or "")):
                marks = render.spans(article, target, loaded)
                assert str(render.highlighted(source, marks)) == reference(source, marks), (article.id, target)
                n += len(marks)
    assert n > 200  # entities, quotes, figures, dates, loaded terms and residue were drawn
