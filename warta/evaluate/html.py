"""Main-text extraction from HTML, scored against Mozilla Readability's test pages.

Each page folder holds ``source.html`` (the page), ``expected.html`` (the main content
Readability keeps) and ``expected-metadata.json``. We extract ``source.html`` with the
same function HTML ingest uses (``warta.ingest.html.html_article``) and compare it to the
text of ``expected.html`` (tags stripped with lxml) as bags of lowercased word tokens:
precision, recall and F1 per page, and their means. Chinese/Japanese/Korean characters
count as one token each, since those scripts do not separate words with spaces.

The extraction options and what each measured are in ``warta.ingest.html``'s docstring.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from warta.evaluate.scoring import PRF
from warta.ingest.errors import InputError
from warta.ingest.html import html_article

_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_TOKEN = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text))


@dataclass
class PageScore:
    page: str
    precision: float
    recall: float
    f1: float


@dataclass
class HtmlScores:
    pages: list[PageScore] = field(default_factory=list)

    def _mean(self, attr: str) -> float:
        return sum(getattr(p, attr) for p in self.pages) / len(self.pages) if self.pages else 0.0

    @property
    def precision(self) -> float:
        return self._mean("precision")

    @property
    def recall(self) -> float:
        return self._mean("recall")

    @property
    def f1(self) -> float:
        return self._mean("f1")


def token_prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall, F1 (two empty texts agree perfectly)."""
    p, e = tokens(predicted), tokens(expected)
    overlap = sum((p & e).values())
    counts = PRF(tp=overlap, fp=sum(p.values()) - overlap, fn=sum(e.values()) - overlap)
    return counts.precision, counts.recall, counts.f1


def expected_text(path: Path) -> str:
    # Decoded as UTF-8 first: the files have no charset declaration, and lxml would
    # otherwise read the bytes as Latin-1.
    return lxml_html.fromstring(path.read_text(encoding="utf-8")).text_content()


def page_dirs(pages: Path) -> list[Path]:
    return sorted(d for d in pages.iterdir() if (d / "source.html").is_file() and (d / "expected.html").is_file())


def score_page(page: Path) -> PageScore:
    source = (page / "source.html").read_text(encoding="utf-8", errors="replace")
    try:
        extracted = html_article(source, str(page)).raw_text
    except InputError:  # nothing extracted: scores 0 unless nothing was expected
        extracted = ""
    p, r, f = token_prf(extracted, expected_text(page / "expected.html"))
    return PageScore(page.name, p, r, f)


def evaluate(pages: Path) -> HtmlScores:
    """Score every page folder under ``pages``."""
    dirs = page_dirs(Path(pages))
    if not dirs:
        raise FileNotFoundError(f"no page folders with source.html and expected.html in {pages}")
    return HtmlScores([score_page(d) for d in dirs])
