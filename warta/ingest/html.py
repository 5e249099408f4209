"""HTML -> RawArticle through trafilatura (main text + metadata); no extractor of our own.

Options were chosen by measurement with ``warta evaluate html --pages
../shared/data/html/mozilla-readability/`` (130 pages, mean bag-of-words token F1 of the
extracted text against the text of expected.html):

    trafilatura defaults                                          0.934
    favor_precision=True                                          0.934
    include_tables=False                                          0.925
    include_comments=False                                        0.935
    include_comments=False, favor_recall=True                     0.939
      + fast=True (no fallback extractors)                        0.928
      + prune elements with the ``hidden`` attribute              0.940
      + prune display:none / visibility:hidden (HIDDEN_XPATH)     0.945  <- used
    (with_metadata on or off: no difference to the text)

Readers never see hidden elements, and news comment threads are not the article, so
both go; favor_recall keeps short paragraphs (captions, one-line quotes) that the
default precision-leaning filter drops in news layouts.
"""

from __future__ import annotations

import re
from typing import Optional

from warta.ingest.errors import InputError
from warta.model import RawArticle

# Elements a browser does not show: their text is never part of what a reader reads.
HIDDEN_XPATH = [
    "//*[@hidden]",
    "//*[contains(translate(@style, ' ', ''), 'display:none')]",
    "//*[contains(translate(@style, ' ', ''), 'visibility:hidden')]",
]
EXTRACT_OPTIONS = dict(include_comments=False, favor_recall=True, prune_xpath=HIDDEN_XPATH)

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_SNIFF_CHARS = 4096


def plain_text(value: Optional[str]) -> Optional[str]:
    """Page metadata (title, og:site_name) as the plain text a reader sees: trafilatura
    hands it over unescaped, so a site name ``Detik&lt;Script&gt;...`` arrived as markup.
    Tags are parsed by lxml (trafilatura's own parser), script and style dropped with their
    content, entities decoded, whitespace folded; None when nothing is left."""
    if not value or not value.strip():
        return None
    if "<" not in value and "&" not in value:
        return " ".join(value.split())
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(value.split()) or None
    for element in root.xpath(".//script|.//style"):
        element.drop_tree()
    return " ".join(root.text_content().split()) or None


def looks_like_html(text: str) -> bool:
    """True when a text starts like an HTML document (used for files without .html)."""
    return bool(_HTML_START.match(text[:_SNIFF_CHARS]))


def html_article(html: str, source: str, *, url: Optional[str] = None) -> RawArticle:
    """One HTML page -> one raw article: the extracted main text is the raw text that all
    offsets point into; title, date, site name and URL come from the page's metadata."""
    if not html.strip():
        raise InputError("empty HTML")
    import trafilatura  # here, not at the top: its import costs ~0.3 s a text-only run never needs

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    text = (doc.text if doc is not None else "") or ""
    if not text.strip():
        raise InputError("HTML: no main text found (malformed page, or no article in it)")
    return RawArticle(
        raw_text=text,
        source=source,
        url=url or doc.url,
        title=plain_text(doc.title),
        outlet=plain_text(doc.sitename),
        published=doc.date or None,
        from_html=True,
    )
