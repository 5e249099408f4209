"""Figure scoring: precision/recall/F1 of (value, measure) against gold, and accuracy of
qualifier, group, source and as_of over the matched figures.

Two gold sets:
- the seed articles (``../shared/gold/*.json`` next to ``../shared/seeds/*.txt``), run
  through the whole pipeline;
- headline sets (JSON Lines: headline, source_outlet, published, figures), each headline
  analysed as a title document: a development set the rules were tuned on, and a
  held-out set annotated afterwards and not tuned on.

Gold items marked ``"optional": true`` are neither required nor penalised: a prediction
matching one is ignored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from warta.evaluate.scoring import PRF, Accuracy, read_jsonl, seed_articles
from warta.model import Figure

ATTRIBUTES = ("qualifier", "group", "source", "as_of", "where", "scope")
DEFAULT_HEADLINES = Path(__file__).with_name("data") / "figures_headlines_dev.jsonl"
# Held out: annotated, then scored once, never used to tune the rules.
HELDOUT_HEADLINES = Path(__file__).with_name("data") / "figures_headlines_test.jsonl"
# Blind: annotated after all rules were written; its errors are not used to tune rules.
BLIND_HEADLINES = Path(__file__).with_name("data") / "figures_headlines_blind.jsonl"
DEFAULT_HEADLINE_SETS = (DEFAULT_HEADLINES, HELDOUT_HEADLINES, BLIND_HEADLINES)


@dataclass
class FigureScores(PRF):
    """(value, measure) counts, and per attribute the accuracy over matched figures."""

    attributes: defaultdict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    errors: list[str] = field(default_factory=list)  # human-readable misses, for --verbose

    def accuracy(self, attribute: str) -> Optional[float]:
        """None when no matched figure had the attribute in its gold."""
        judged = self.attributes.get(attribute)
        return judged.value if judged and judged.total else None

    def add(self, other: FigureScores) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for attribute, judged in other.attributes.items():
            self.attributes[attribute] += judged
        self.errors.extend(other.errors)


# Administrative words that do not change which place is meant ("Kabupaten Bandung").
_PLACE_PREFIXES = ("kabupaten ", "kab. ", "kota ", "provinsi ", "kecamatan ", "desa ", "kelurahan ", "kampung ")


def _norm(attribute: str, value) -> Optional[str]:
    if value is None:
        return None
    text = " ".join(str(value).split())
    if attribute == "where":
        text = text.casefold()
        for prefix in _PLACE_PREFIXES:
            text = text.removeprefix(prefix)
        return _place_spellings().get(text, text)
    return text.casefold() if attribute in ("group", "source") else text


def _place_spellings() -> dict[str, str]:
    """Spellings of one place in the figures gazetteer ("khan yunis" -> "khan younis"): the
    same place however the annotator spelt it."""
    from warta.claims.figures.lexicon import lexicon

    return {k: v.casefold() for k, v in lexicon().places.label_of.items()}


def same_attribute(attribute: str, gold, predicted) -> bool:
    """Gold and predicted value agree. A source is right when one names the other in
    fewer words ("Bhakti Eri" for "Bhakti Eri Nurmansyah"); gold may list alternatives
    separated by "|"."""
    got = _norm(attribute, predicted)
    for alternative in (str(gold).split("|") if gold is not None else [None]):
        want = _norm(attribute, alternative)
        if want == got:
            return True
        if attribute == "source" and want and got:
            a, b = set(want.split()), set(got.split())
            if a <= b or b <= a:
                return True
    return False


def score_figures(predicted: Iterable[Figure], gold: list[dict], attributes: Iterable[str] = ATTRIBUTES,
                  label: str = "") -> FigureScores:
    """Match predictions to gold by (value, measure), one-to-one, in text order."""
    scores = FigureScores()
    remaining = list(predicted)
    for item in sorted(gold, key=lambda g: bool(g.get("optional"))):
        key = (float(item["value"]), item["measure"])
        match = next((p for p in remaining if (p.value, p.measure) == key), None)
        if match is not None:
            remaining.remove(match)
        if item.get("optional"):
            continue
        if match is None:
            scores.fn += 1
            scores.errors.append(f"{label}MISSED {item['value']:g} {item['measure']} ({item.get('text')!r})")
            continue
        scores.tp += 1
        for attribute in attributes:
            if attribute not in item:
                continue
            right = same_attribute(attribute, item.get(attribute), getattr(match, attribute))
            scores.attributes[attribute].add(right)
            if not right:
                scores.errors.append(f"{label}{attribute}: {match.text!r} gold {item.get(attribute)!r} got {getattr(match, attribute)!r}")
    for p in remaining:
        scores.fp += 1
        scores.errors.append(f"{label}EXTRA {p.value:g} {p.measure} ({p.text!r})")
    return scores


def score_seed_gold(gold_dir: Path, seeds_dir: Optional[Path] = None) -> FigureScores:
    """Run the pipeline over each seed that has a gold file and score its figures."""
    total = FigureScores()
    for gold, article in seed_articles(gold_dir, seeds_dir):
        label = f"{Path(article.source).stem}: "
        total.add(score_figures(article.figures, gold.get("figures", []), label=label))
    return total


def read_headlines(path: Path) -> list[dict]:
    rows = []
    for n, row in read_jsonl(path):
        if "headline" not in row or "figures" not in row:
            raise ValueError(f"{path}:{n}: needs 'headline' and 'figures'")
        rows.append(row)
    return rows


def headline_figures(headlines: list[str], published: list[Optional[str]]) -> list[list[Figure]]:
    """Figures of each headline, analysed as a title document by the real NLP stage (when
    it is available) and the figures stage."""
    from warta import nlp
    from warta.claims import figures
    from warta.document import Document, OffsetMap

    docs = []
    for text, date in zip(headlines, published):
        day = None
        if date:
            try:
                day = dt.date.fromisoformat(date[:10])
            except ValueError:
                day = None
        docs.append([Document(text=text, offsets=OffsetMap.identity(len(text)), is_title=True, published=day)])
    nlp.annotate(docs)
    out = []
    for (doc,) in docs:
        figures.annotate(doc)
        out.append(doc.figures)
    return out


def score_headlines(path: Path = DEFAULT_HEADLINES) -> FigureScores:
    rows = read_headlines(path)
    predicted = headline_figures([r["headline"] for r in rows], [r.get("published") for r in rows])
    total = FigureScores()
    for n, (row, figs) in enumerate(zip(rows, predicted), 1):
        total.add(score_figures(figs, row["figures"], attributes=("qualifier", "group"),
                                label=f"#{n} {row['headline'][:60]!r}: "))
    return total
