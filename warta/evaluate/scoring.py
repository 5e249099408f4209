"""What every scorer shares: precision/recall/F1 counts, accuracy counts, and the seed
gold (each gold JSON file with its seed article, run through the pipeline)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from warta.model import Article, RawArticle


@dataclass
class PRF:
    """True positives, false positives and false negatives, with the scores they give.

    Empty denominators: when nothing was predicted and nothing was to be found
    (tp = fp = fn = 0) the system is exactly right, so precision and recall are 1.0;
    otherwise a score with an empty denominator (nothing predicted, or nothing to find)
    is 0.0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def _ratio(self, wrong: int) -> float:
        if not (self.tp or self.fp or self.fn):
            return 1.0
        return self.tp / (self.tp + wrong) if self.tp + wrong else 0.0

    @property
    def precision(self) -> float:
        return self._ratio(self.fp)

    @property
    def recall(self) -> float:
        return self._ratio(self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def count(self, predicted: set, gold: set) -> None:
        """Add the comparison of a set of predictions with the set it should equal."""
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def line(self, name: str) -> str:
        return (f"{name:<28} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(tp={self.tp} fp={self.fp} fn={self.fn})")


@dataclass
class Accuracy:
    """Correct out of total; 0.0 when nothing was judged."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += ok

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    """(line number, object) for each non-empty line of a JSON Lines file."""
    rows = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc})") from exc
    return rows


def seed_raws(gold_dir: Path, seeds_dir: Optional[Path] = None, *,
              give_published: bool = False) -> list[tuple[dict, RawArticle]]:
    """Each gold file in ``gold_dir`` with its seed article as pipeline input.

    The seed is the gold's ``file`` (else the gold file's name with ``.txt``) in
    ``seeds_dir``, by default ``seeds`` beside ``gold_dir``. With ``give_published`` the
    gold publication date is passed as input metadata (as a JSON Lines record would carry
    it), so that a scorer measures its own stage, not publication date detection."""
    gold_dir = Path(gold_dir)
    seeds_dir = Path(seeds_dir) if seeds_dir else gold_dir.parent / "seeds"
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise FileNotFoundError(f"no gold files (*.json) in {gold_dir}")
    pairs = []
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        seed = seeds_dir / gold.get("file", gold_file.with_suffix(".txt").name)
        if not seed.is_file():
            raise FileNotFoundError(f"gold {gold_file.name} has no seed article {seed}")
        pairs.append((gold, RawArticle(raw_text=seed.read_text(encoding="utf-8"), source=str(seed),
                                       published=gold.get("published") if give_published else None)))
    return pairs


def seed_articles(gold_dir: Path, seeds_dir: Optional[Path] = None, *,
                  give_published: bool = False) -> list[tuple[dict, Article]]:
    """Each gold (see ``seed_raws``) with the pipeline's output for its seed; the seeds go
    through the pipeline in one batch. ``Path(article.source).stem`` names the seed."""
    from warta.pipeline import process_many  # the pipeline pulls in spaCy: import when used

    pairs = seed_raws(gold_dir, seeds_dir, give_published=give_published)
    articles = process_many([raw for _, raw in pairs], batch_size=len(pairs))
    return [(gold, article) for (gold, _), article in zip(pairs, articles)]
