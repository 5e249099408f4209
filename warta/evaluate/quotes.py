"""Quote extraction scores.

* Seed gold (``../shared/gold/*.json``, see its README): a gold quote is found when a
  predicted quote has the same speaker (case-insensitive) and contains the gold text;
  one prediction matches one gold quote. Speaker accuracy: among gold quotes whose text
  some prediction contains, the share whose speaker is right.
* PFSA-ID (``warta.evaluate.pfsa``): every gold STATEMENT is a direct quote. A predicted
  direct quote matches a statement when they share at least half of the longer one's
  tokens (quote marks not counted). Speaker accuracy over matched statements: right when
  the predicted speaker words overlap the gold PERSON/PERSONCOREF mention, or the
  predicted (canonical) name shares a name word with that mention or with the full
  PERSON name it refers back to. A statement attributed only by "katanya"/"ujarnya"
  (CUECOREF) has as gold speaker the most recent PERSON/PERSONCOREF before it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from warta.evaluate.pfsa import PfsaArticle, Span, read_pfsa
from warta.evaluate.scoring import PRF, seed_raws
from warta.model import Quote

MIN_OVERLAP = 0.5
QUOTE_MARKS = set("\"“”„«»'‘’")
# Words of a name that say nothing about who it is.
_TITLE_WORDS = {"presiden", "menteri", "gubernur", "bupati", "wali", "kota", "ketua", "kepala", "wakil",
                "direktur", "bapak", "ibu", "pak", "bu", "dr", "prof", "h", "hj", "komisaris", "besar"}


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_checked: int = 0
    speaker_correct: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def prf(self) -> PRF:
        """One matched quote is one true positive (a prediction matches one gold quote)."""
        return PRF(tp=self.matched, fp=self.predicted - self.matched, fn=self.gold - self.matched)

    @property
    def precision(self) -> float:
        return self.prf.precision

    @property
    def recall(self) -> float:
        return self.prf.recall

    @property
    def f1(self) -> float:
        return self.prf.f1

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_checked if self.speaker_checked else 0.0

    def as_dict(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "speaker_accuracy": round(self.speaker_accuracy, 4),
                "speaker_checked": self.speaker_checked, "seconds": round(self.seconds, 1)}


# -- seed gold ----------------------------------------------------------------------

def _same_speaker(a: Optional[str], b: Optional[str]) -> bool:
    return bool(a and b and " ".join(a.split()).casefold() == " ".join(b.split()).casefold())


def score_seed_quotes(gold: list[dict], predicted: list[Quote], scores: Scores) -> None:
    gold = [g for g in gold if not g.get("optional")]
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, q in enumerate(predicted)
                    if i not in used and g["text"] in q.text and _same_speaker(q.speaker, g["speaker"])), None)
        if hit is not None:
            used.add(hit)
            scores.matched += 1
        holders = [q for q in predicted if g["text"] in q.text]
        if holders:
            scores.speaker_checked += 1
            if any(_same_speaker(q.speaker, g["speaker"]) for q in holders):
                scores.speaker_correct += 1
            else:
                scores.errors.append(f"speaker {holders[0].speaker!r} != gold {g['speaker']!r}: {g['text'][:60]!r}")
        else:
            scores.errors.append(f"missed ({g['speaker']}): {g['text'][:70]!r}")


def evaluate_seeds(gold_dir: str | Path, seeds_dir: str | Path | None = None) -> Scores:
    """Run the whole pipeline on each seed article and score its quotes."""
    from warta.pipeline import process

    pairs = seed_raws(Path(gold_dir), Path(seeds_dir) if seeds_dir else None)
    scores = Scores()
    t0 = time.perf_counter()
    for gold, raw in pairs:
        article = process(raw)
        score_seed_quotes(gold.get("quotes", []), article.quotes, scores)
    scores.seconds = time.perf_counter() - t0
    return scores


# -- PFSA-ID ------------------------------------------------------------------------

def _content_tokens(art: PfsaArticle, first: int, last: int) -> set[int]:
    return {i for i in range(first, last + 1) if art.tokens[i] not in QUOTE_MARKS}


def _tokens_in(art: PfsaArticle, start: int, end: int) -> set[int]:
    return {i for i, (s, e) in enumerate(art.offsets) if s < end and e > start and art.tokens[i] not in QUOTE_MARKS}


def gold_speaker(art: PfsaArticle, statement: Span) -> tuple[Optional[Span], Optional[Span]]:
    """(mention, full PERSON it refers to) for a statement: the PERSON/PERSONCOREF in
    its attribution (the words up to the end of the sentence after it), else the most
    recent one before it."""
    people = [s for s in art.spans if s.label in ("PERSON", "PERSONCOREF")]
    nxt = [s for s in art.spans if s.label == "STATEMENT" and s.first > statement.last]
    stop = nxt[0].first if nxt else len(art.tokens)
    i = statement.last + 1
    while i < stop and i - statement.last <= 40 and art.tokens[i] != ".":
        i += 1
    mention = next((p for p in people if statement.last < p.first <= i), None)
    if mention is None:
        before = [p for p in people if p.last < statement.first]
        mention = before[-1] if before else None
    if mention is None:
        return None, None
    if mention.label == "PERSON":
        return mention, mention
    words = {w.casefold() for w in art.tokens[mention.first:mention.last + 1]}
    full = [p for p in people if p.label == "PERSON" and p.last < mention.first
            and words & {w.casefold() for w in art.tokens[p.first:p.last + 1]}]
    return mention, (full[-1] if full else mention)


def name_words(text: str) -> set[str]:
    return {w for w in (x.strip(".,()").casefold() for x in text.split()) if len(w) > 2 and w not in _TITLE_WORDS}


def speaker_right(art: PfsaArticle, q: Quote, mention: Span, full: Span) -> bool:
    ms, me = art.char_span(mention)
    if q.speaker_start is not None and q.speaker_end is not None and q.speaker_start < me and q.speaker_end > ms:
        return True
    names = name_words(art.text[ms:me]) | name_words(art.text[slice(*art.char_span(full))])
    return bool(q.speaker and name_words(q.speaker) & names)


def score_pfsa_article(art: PfsaArticle, predicted: Iterable[Quote], scores: Scores) -> None:
    direct = [q for q in predicted if q.kind == "direct"]
    statements = art.of("STATEMENT")
    scores.gold += len(statements)
    scores.predicted += len(direct)
    pred_tokens = [_tokens_in(art, q.start, q.end) for q in direct]
    used: set[int] = set()
    for st in statements:
        gold_toks = _content_tokens(art, st.first, st.last)
        best, best_overlap = None, 0.0
        for i, toks in enumerate(pred_tokens):
            if i in used or not toks:
                continue
            overlap = len(gold_toks & toks) / max(len(gold_toks), len(toks), 1)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None or best_overlap < MIN_OVERLAP:
            scores.errors.append("missed: " + art.text[slice(*art.char_span(st))][:80])
            continue
        used.add(best)
        scores.matched += 1
        mention, full = gold_speaker(art, st)
        if mention is None:
            continue
        scores.speaker_checked += 1
        if speaker_right(art, direct[best], mention, full):
            scores.speaker_correct += 1
        else:
            scores.errors.append(f"speaker {direct[best].speaker!r} ({direct[best].speaker_text!r}) != gold "
                                 f"{art.text[slice(*art.char_span(mention))]!r}")
    for i, q in enumerate(direct):
        if i not in used:
            scores.errors.append("extra: " + q.text[:80])


def evaluate_pfsa(path: str | Path, limit: Optional[int] = None, batch: int = 32,
                  scopes: tuple[str, ...] = ("all", "public"),
                  unseen_in: str | Path | None = None) -> dict[str, Scores]:
    """Run the NLP stage and the quote extractor on each PFSA-ID article (with
    ``unseen_in``, only articles not in that file) and score it, per scope: "all" scores
    every direct quote; "public" the quotes warta gives ``speaker_standing ==
    "public_figure"``: PFSA-ID annotates public figures' statements only."""
    from warta import nlp
    from warta.claims import quotes
    from warta.document import Document, OffsetMap

    articles = read_pfsa(path, unseen_in=unseen_in)
    if limit is not None:
        articles = articles[:limit]
    results = {scope: Scores() for scope in scopes}
    t0 = time.perf_counter()
    for k in range(0, len(articles), batch):
        chunk = articles[k:k + batch]
        docs = [Document(text=a.text, offsets=OffsetMap.identity(len(a.text))) for a in chunk]
        nlp.annotate([[d] for d in docs])
        for art, doc in zip(chunk, docs):
            quotes.annotate(doc)
            for scope, scores in results.items():
                found = doc.quotes
                if scope == "public":
                    found = [q for q in found if q.speaker_standing == "public_figure"]
                score_pfsa_article(art, found, scores)
    for scores in results.values():
        scores.seconds = time.perf_counter() - t0
    return results
