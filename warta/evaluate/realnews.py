"""Real-news gold: figures and quotes annotated by hand on real detik articles and Gaza-war
headlines (``data/realnews_dev.jsonl``, ``data/realnews_heldout.jsonl``; the annotation
rules are in ``data/README.md``).

Each line is one record:

- ``{"kind": "article", "dataset": "detik-1000", "id": ..., "figures": [...], "quotes": [...]}``:
  the article's text is read from the shared detik-1000 CSV by id (the gold keeps only
  short excerpts) and run through the whole pipeline, its title given as metadata;
- ``{"kind": "headline", "headline": ..., "published": ..., "figures": [...]}``: a
  headline analysed as a title document, as the headline sets are.

Figures match on (value, measure) one-to-one (``warta.evaluate.figures.score_figures``);
attributes a gold figure leaves out are not judged. Quotes: a gold quote names an excerpt
of its words; a predicted quote matches when it covers at least half of the excerpt's
characters (one prediction per gold quote; any kind). Its speaker is right when it shares
a name word with the gold speaker (alternatives separated by ``|``). Gold items marked
``"optional": true`` are neither required nor penalised.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from warta.evaluate.figures import FigureScores, headline_figures, score_figures
from warta.evaluate.quotes import Scores, name_words
from warta.evaluate.scoring import read_jsonl
from warta.model import Quote, RawArticle
from warta.settings import shared_path

DATA = Path(__file__).with_name("data")
DEV = DATA / "realnews_dev.jsonl"
HELDOUT = DATA / "realnews_heldout.jsonl"
DEV2 = DATA / "realnews_dev2.jsonl"  # figures only
DEV3 = DATA / "realnews_dev3.jsonl"  # figures only, rich in places (the `where` field)
HELDOUT2 = DATA / "realnews_heldout2.jsonl"  # figures only, the unseen part since the first held-out was opened
HELDOUT3 = DATA / "realnews_heldout3.jsonl"  # figures only, unseen, drawn rich in counts of people (`where`)
DEV4 = DATA / "realnews_dev4.jsonl"  # figures only, drawn as heldout3 was (its kind of `where`/`source`)
HELDOUT4 = DATA / "realnews_heldout4.jsonl"  # figures and quotes, unseen: 25 articles drawn as heldout3 was (training/draw_realnews_heldout4.py), 200 headlines (100 random, draw_realnews_heldout4_headlines.py; 60 with a number and a credit, draw_realnews_heldout4_sourced.py; 40 whose count is credited, draw_realnews_heldout4_credited.py)
DETIK_CSV = shared_path("data", "news", "detik-1000", "data_berita.csv")
ARTICLE_ATTRIBUTES = ("qualifier", "group", "where", "source", "as_of", "scope")
HEADLINE_ATTRIBUTES = ("qualifier", "group", "where", "source", "scope")
MIN_COVER = 0.5  # share of the gold excerpt a predicted quote must cover


@dataclass
class RealNewsScores:
    """Figures on the articles and on the headlines, and quotes on the articles."""

    article_figures: FigureScores = field(default_factory=FigureScores)
    headline_figures: FigureScores = field(default_factory=FigureScores)
    quotes: Scores = field(default_factory=Scores)

    @property
    def figures(self) -> FigureScores:
        total = FigureScores()
        total.add(self.article_figures)
        total.add(self.headline_figures)
        return total


def read_gold(path: Path) -> list[dict]:
    rows = []
    for n, row in read_jsonl(path):
        if row.get("kind") not in ("article", "headline"):
            raise ValueError(f"{path}:{n}: 'kind' must be 'article' or 'headline'")
        rows.append(row)
    return rows


def _iso_published(value: str) -> Optional[str]:
    """detik-1000 dates are 'M/D/YYYY HH:MM'."""
    try:
        return dt.datetime.strptime(value.strip(), "%m/%d/%Y %H:%M").date().isoformat()
    except ValueError:
        return None


def detik_raws(ids: Iterable[str], csv_path: Path = DETIK_CSV) -> dict[str, RawArticle]:
    """The detik-1000 articles with these ids, as pipeline input (title as metadata)."""
    if not Path(csv_path).is_file():
        raise FileNotFoundError(f"detik-1000 data not found: {csv_path}")
    wanted = set(ids)
    out = {}
    with Path(csv_path).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["id"] in wanted:
                out[row["id"]] = RawArticle(raw_text=row["isi_berita"], id=f"detik-{row['id']}",
                                            title=row["judul"], published=_iso_published(row["tanggal"]),
                                            source=f"detik-1000#{row['id']}")
    missing = wanted - set(out)
    if missing:
        raise ValueError(f"ids not in {csv_path}: {sorted(missing)[:5]}")
    return out


def _speaker_right(predicted: Optional[str], gold: str) -> bool:
    if not predicted:
        return False
    words = name_words(predicted)
    for alt in gold.split("|"):
        want = name_words(alt)
        if want and words & want:
            return True
        if not want and " ".join(predicted.casefold().split()) == " ".join(alt.casefold().split()):
            return True   # a speaker known only by a title ("presiden")
    return False


def score_article_quotes(raw_text: str, predicted: list[Quote], gold: list[dict], scores: Scores,
                         label: str = "") -> None:
    """Match each gold excerpt to the predicted quote covering most of it."""
    body = [q for q in predicted if q.field == "text"]
    used: set[int] = set()
    searched_from: dict[str, int] = {}
    scores.predicted += len(body)
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        start = raw_text.find(g["text"], searched_from.get(g["text"], 0))
        if start < 0:
            raise ValueError(f"{label}gold excerpt not in the article: {g['text']!r}")
        searched_from[g["text"]] = start + 1
        end = start + len(g["text"])
        best, best_cover = None, 0.0
        for i, q in enumerate(body):
            if i in used:
                continue
            cover = (min(end, q.end) - max(start, q.start)) / (end - start)
            if cover > best_cover:
                best, best_cover = i, cover
        if best is None or best_cover < MIN_COVER:
            if not g.get("optional"):
                scores.gold += 1
                scores.errors.append(f"{label}missed ({g.get('speaker')}): {g['text']!r}")
            continue
        used.add(best)
        if g.get("optional"):
            scores.predicted -= 1  # neither required nor penalised
            continue
        scores.gold += 1
        scores.matched += 1
        if g.get("speaker"):
            scores.speaker_checked += 1
            if _speaker_right(body[best].speaker, g["speaker"]):
                scores.speaker_correct += 1
            else:
                scores.errors.append(f"{label}speaker {body[best].speaker!r} != gold {g['speaker']!r}: {g['text']!r}")
    for i, q in enumerate(body):
        if i not in used:
            scores.errors.append(f"{label}extra ({q.speaker}): {q.text[:70]!r}")


def score_gold(path: Path, csv_path: Path = DETIK_CSV) -> RealNewsScores:
    """Run warta over every record of a real-news gold file and score it."""
    from warta.pipeline import process_many  # pulls in spaCy: import when used

    rows = read_gold(path)
    scores = RealNewsScores()
    articles = [r for r in rows if r["kind"] == "article"]
    raws = detik_raws([r["id"] for r in articles], csv_path)
    done = process_many([raws[r["id"]] for r in articles], batch_size=16)
    for row, article in zip(articles, done):
        label = f"detik {row['id']}: "
        scores.article_figures.add(score_figures(article.figures, row["figures"], ARTICLE_ATTRIBUTES, label))
        if "quotes" in row:  # a figures-only record (realnews_dev2, dev3) has no quote gold
            score_article_quotes(article.raw_text, article.quotes, row["quotes"], scores.quotes, label)
    headlines = [r for r in rows if r["kind"] == "headline"]
    predicted = headline_figures([r["headline"] for r in headlines], [r.get("published") for r in headlines])
    for row, figs in zip(headlines, predicted):
        label = f"{row['headline'][:60]!r}: "
        scores.headline_figures.add(score_figures(figs, row["figures"], HEADLINE_ATTRIBUTES, label))
    return scores
