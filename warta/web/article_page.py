"""The article page's main part, rendered once per article and kept in the store (issue 13).

What the page shows of an article (its highlighted text and title, the entity, quote,
figure, loaded-term, date, source and residue panels) depends only on the stored Article,
so it is rendered once — when the article is stored (``refresh``, called after every
ingest and reprocess, like the framing rows) — and kept as a per-article row of the store
(``article_aggregates``, name ``NAME``: deleted with its article, and by ``Store.replace``
when ``warta reprocess`` rewrites it). A request then reads one row and fills in the
labels of the reader's language; rendering cost 1-2 ms of CPU per page, reading the row
~0.1 ms. Articles without a current row (stored before, or rendered by an older version of
this code) are rendered on the request, as before.

The labels are the only per-request part: the fragment is rendered with every label a
placeholder ``<t:KEY>``, which article text cannot produce (autoescape turns every ``<``
of it into ``&lt;``), and ``main`` puts the escaped label of the language in its place.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
from typing import Optional

from jinja2.filters import do_truncate
from markupsafe import Markup, escape

from warta.framing import article_terms
from warta.model import Article
from warta.web import render
from warta.web.templating import TEMPLATES, env

_LABEL = re.compile(r"<t:(\w+)>")


def _version() -> str:
    """Changes with the code that draws the fragment, so a row an older version rendered
    is never shown (it is rendered again on the request, and replaced at the next refresh)."""
    digest = hashlib.blake2b(digest_size=6)
    for path in (TEMPLATES / "article_main.html", TEMPLATES.parent / "render.py", TEMPLATES.parent / "article_page.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


NAME_PREFIX = "article_page/"
NAME = NAME_PREFIX + _version()


class _Placeholders(dict):
    """The labels (``t``) of the fragment: ``<t:KEY>`` for every key."""

    def __missing__(self, key: str) -> Markup:
        return Markup(f"<t:{key}>") if isinstance(key, str) and key.isidentifier() else Markup("")


def render_parts(article: Article) -> tuple[str, str]:
    """(page title, main HTML with label placeholders) of ``article``."""
    loaded = article_terms(article)
    body = render.highlighted(article.raw_text, render.spans(article, "text", loaded))
    title = render.highlighted(article.title, render.spans(article, "title", loaded)) if article.title else None
    people: dict = {}
    for e in article.entities:
        entry = people.setdefault((e.label, e.canonical), {"label": e.label, "canonical": e.canonical,
                                                             "n": 0, "roles": set()})
        entry["n"] += 1
        if e.role:
            entry["roles"].add(e.role)
    for entry in people.values():  # as the template's sort did, ties ("Pengacara", "pengacara") in one order
        entry["roles"] = sorted(entry["roles"], key=lambda r: (r.casefold(), r))
    main = env.get_template("article_main.html").render(
        article=article, body_html=body, title_html=title, loaded=loaded, url=render.safe_url(article.url),
        entity_list=sorted(people.values(), key=lambda x: (-x["n"], x["canonical"])), t=_Placeholders())
    return article.title or do_truncate(env, article.text, 60), main


def stored_value(article: Article) -> str:
    """The row kept for ``article``: its parts as JSON, zlib-compressed (the HTML is ~5x the
    article's text; compressed, ~3 kB an article) and base64 text (the column is text)."""
    title, main = render_parts(article)
    packed = zlib.compress(json.dumps({"title": title, "main": main}, ensure_ascii=False).encode(), 6)
    return base64.b64encode(packed).decode("ascii")


def unpacked(value: str) -> tuple[str, str]:
    """(page title, main HTML with placeholders) of a stored row."""
    parts = json.loads(zlib.decompress(base64.b64decode(value)))
    return parts["title"], parts["main"]


def main(fragment: str, labels: dict[str, str]) -> Markup:
    """The fragment with each placeholder replaced by its label in ``labels`` (escaped;
    unknown: empty, as the template shows an unknown label)."""
    escaped = _escaped(id(labels), labels)
    return Markup(_LABEL.sub(lambda m: escaped.get(m.group(1), ""), fragment))


_ESCAPED: dict[int, tuple[dict, dict[str, str]]] = {}


def _escaped(key: int, labels: dict[str, str]) -> dict[str, str]:
    """``labels`` escaped, kept per labels dict (the two of warta.web.i18n)."""
    held = _ESCAPED.get(key)
    if held is None or held[0] is not labels:
        held = _ESCAPED[key] = (labels, {k: str(escape(v)) for k, v in labels.items()})
    return held[1]


def stored(store, article_id: str) -> Optional[tuple[str, str]]:
    """The stored parts of this article's page, None when it has no current row."""
    value = store.aggregate_value(NAME, article_id)
    return unpacked(value) if value is not None else None


def refresh(store, batch: int = 256) -> int:
    """Render and store the page of every stored article that has no current row (rows of
    older versions are dropped first). Returns how many were rendered."""
    store.drop_aggregates(NAME_PREFIX, keep=NAME)
    return store.fill_aggregate(NAME, stored_value, batch)
