"""Score the clean and meta stages: title, outlet, publication date, cited sources and
residue left in the clean text, against the seed gold; publication date and residue on
the detik corpus (its CSV gives each article's real publication time).

Seed articles go through the whole pipeline (``warta.pipeline.process``), so the figures
are what a user gets. Wire credits that live only in removed page chrome are reported by
the meta stage as ``Metadata.cited_sources_raw``; they count once the pipeline merges them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from warta.evaluate.scoring import PRF, Accuracy, seed_raws
from warta.model import Article, RawArticle

PUBLISHED_TOLERANCE_DAYS = 1  # gold dates inferred from a dateline may be a day off
# Residue every detik article is checked for after cleaning.
CORPUS_RESIDUE = ("SCROLL TO CONTINUE WITH CONTENT", "SCROLL TO RESUME CONTENT",
                  "Simak juga Video", "ADVERTISEMENT")


@dataclass
class SeedReport:
    fields: dict[str, Accuracy] = field(default_factory=lambda: {
        k: Accuracy() for k in ("title", "outlet", "published", "language")})
    cited: PRF = field(default_factory=PRF)
    residue_left: list[str] = field(default_factory=list)   # "file: string"
    bad_offsets: list[str] = field(default_factory=list)    # boilerplate with text != raw slice
    errors: list[str] = field(default_factory=list)         # mismatches and failures, readable


def same_day(predicted: Optional[str], gold: Optional[str],
             tolerance: int = PUBLISHED_TOLERANCE_DAYS) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    try:
        a, b = dt.date.fromisoformat(predicted[:10]), dt.date.fromisoformat(gold[:10])
    except ValueError:
        return False
    return abs((a - b).days) <= tolerance


def _normal(s: Optional[str]) -> Optional[str]:
    return " ".join(s.split()) if s else None


def check_article(article: Article, gold: dict, name: str, report: SeedReport) -> None:
    """Add one article's comparison with its gold to ``report``."""
    checks = {
        "title": _normal(article.title) == _normal(gold.get("title")),
        "outlet": article.outlet == gold.get("outlet"),
        "published": same_day(article.published, gold.get("published")),
        "language": article.language == gold.get("language"),
    }
    got = {"title": article.title, "outlet": article.outlet,
           "published": article.published, "language": article.language}
    for key, ok in checks.items():
        report.fields[key].add(ok)
        if not ok:
            report.errors.append(f"{name}: {key} {got[key]!r}, gold {gold.get(key)!r}")

    predicted = {c.name for c in article.cited_sources}
    wanted = set(gold.get("cited_sources", []))
    report.cited.count(predicted, wanted)
    for miss in sorted(wanted - predicted):
        report.errors.append(f"{name}: cited source missed: {miss}")
    for extra in sorted(predicted - wanted):
        report.errors.append(f"{name}: cited source extra: {extra}")

    for piece in gold.get("boilerplate", []):
        if piece in article.text:
            report.residue_left.append(f"{name}: {piece!r}")
    for bp in article.boilerplate:
        if article.raw_text[bp.start:bp.end] != bp.text:
            report.bad_offsets.append(f"{name}: {bp.text!r} at {bp.start}-{bp.end}")


def score_seeds(gold_dir: Path, seeds_dir: Optional[Path] = None) -> SeedReport:
    """Run every seed with a gold file through the pipeline and compare."""
    from warta.pipeline import process  # the pipeline pulls in spaCy: import when used

    report = SeedReport()
    # One article at a time, not ``seed_articles``' single batch: one broken article
    # must not hide the others' scores.
    for gold, raw in seed_raws(gold_dir, seeds_dir):
        name = Path(raw.source).name
        try:
            article = process(raw)
        except Exception as exc:
            report.errors.append(f"{name}: pipeline failed: {type(exc).__name__}: {exc}")
            for acc in report.fields.values():
                acc.total += 1
            report.cited.fn += len(gold.get("cited_sources", []))
            continue
        check_article(article, gold, name, report)
    return report


@dataclass
class CorpusReport:
    articles: int = 0
    published_found: int = 0
    published_ok: int = 0   # within the tolerance of the CSV's publication time
    titles_found: int = 0   # detik's text column holds no headline: every title is a false one
    titles_recovered: int = 0  # with the CSV's headline put above the text: found exactly
    residue_left: dict[str, int] = field(default_factory=dict)

    @property
    def published_precision(self) -> float:
        return self.published_ok / self.published_found if self.published_found else 0.0

    @property
    def published_coverage(self) -> float:
        return self.published_found / self.articles if self.articles else 0.0


def score_detik(csv_path: Path) -> CorpusReport:
    """Clean + meta (no NLP) over the detik CSV: publication date read from the text
    against the ``tanggal`` column, and residue left in the clean text."""
    from warta import clean, meta

    csv.field_size_limit(sys.maxsize)
    report = CorpusReport(residue_left={k: 0 for k in CORPUS_RESIDUE})
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = row.get("isi_berita") or ""
            cleaned = clean.clean(text)
            metadata = meta.detect(RawArticle(raw_text=text), cleaned)
            report.articles += 1
            report.titles_found += metadata.title is not None
            headline = (row.get("judul") or "").strip()
            if headline:
                with_title = clean.clean(headline + "\n\n" + text)
                span = meta.title.find(with_title.text)
                report.titles_recovered += bool(span) and with_title.text[span[0]:span[1]] == headline
            for k in CORPUS_RESIDUE:
                report.residue_left[k] += k in cleaned.text
            if metadata.published:
                report.published_found += 1
                gold = dt.datetime.strptime(row["tanggal"], "%m/%d/%Y %H:%M").date().isoformat()
                report.published_ok += same_day(metadata.published, gold)
    return report


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # IndoTimex mixes in cp1252 quotes


@dataclass
class DatedCorpusReport(CorpusReport):
    outlet_ok: int = 0
    outlet_expected: str = ""


def score_indotimex(folders: list[Path], outlet: str = "Kompas") -> DatedCorpusReport:
    """Clean + meta over IndoTimex TimeML files (Kompas articles): outlet read from the
    dateline, publication date against the document creation time (DCT)."""
    from warta import clean, meta

    report = DatedCorpusReport(outlet_expected=outlet)
    files = sorted(p for folder in folders for p in folder.glob("*.tml"))
    if not files:
        raise ValueError(f"no *.tml files in {', '.join(map(str, folders))}")
    for path in files:
        doc = _decode(path.read_bytes())
        dct = re.search(r"<DCT>.*?value=\"(\d{4})-(\d{1,2})-(\d{1,2})", doc, re.S)
        body = re.search(r"<TEXT>(.*?)</TEXT>", doc, re.S)
        if not dct or not body:
            raise ValueError(f"{path}: no DCT or TEXT element")
        text = re.sub(r"<[^>]+>", "", body.group(1)).replace("\r\n", "\n")
        cleaned = clean.clean(text)
        metadata = meta.detect(RawArticle(raw_text=text), cleaned)
        report.articles += 1
        report.outlet_ok += metadata.outlet == outlet
        if metadata.published:
            report.published_found += 1
            gold = dt.date(*map(int, dct.groups())).isoformat()
            report.published_ok += same_day(metadata.published, gold)
    return report
