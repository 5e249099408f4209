"""Outlet profiles of loaded language: per outlet, loaded spans per 1,000 words (own and
attributed, by category), the terms used most, and lexical choices for one referent
("Zionis" where others say "Israel"), each rate with a bootstrap 95% interval and the
evidence (article ids and offsets) of every span it counts.

Plain functions over ``Article``s with ``framing`` spans; ``warta framing`` and the API
call them. The bootstrap resamples articles (the unit an outlet publishes), so one long
article does not pass for many independent words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from warta.framing.lexicon import CATEGORIES, words
from warta.lang.stem import stem
from warta.framing.tokens import tokenize

_DATA = Path(__file__).parent / "data"
BOOTSTRAP = 1000
SEED = 20231007


@dataclass(frozen=True)
class Evidence:
    article_id: str
    field: str
    start: int
    end: int
    text: str


@dataclass
class Rate:
    """count per ``per`` units of ``base``, with a bootstrap 95% interval."""
    count: int
    base: int
    value: float
    low: float
    high: float
    evidence: list[Evidence] = field(default_factory=list)
    against: list[Evidence] = field(default_factory=list)   # lexical choice: the neutral wording's


@dataclass
class OutletProfile:
    outlet: str
    articles: int
    words: int
    rates: dict[str, Rate]                    # "all", "own", "attributed", "own:<category>", ...
    top_terms: list[tuple[str, int]]
    choices: dict[str, Rate]                  # referent -> share of loaded wording


@dataclass
class _Row:
    """What one article contributes."""
    article_id: str
    outlet: str
    words: int
    spans: list[Evidence]
    kinds: list[str]                          # per span: "own:<category>" or "attributed:<category>"
    choice: dict[str, tuple[list[Evidence], list[Evidence]]]   # referent -> (loaded, neutral)


@lru_cache(maxsize=1)
def _choices() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for line in (_DATA / "lexical_choices.tsv").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        referent, kind, phrase = line.split("\t")
        out[referent].append((kind, tuple(words(phrase))))
    # loaded wordings first: they take precedence where they overlap a neutral one
    return {r: sorted(v, key=lambda kv: kv[0] != "loaded") for r, v in out.items()}


def _word_matches(w: str, token_low: str) -> bool:
    if w.startswith("~"):
        # Affix stripping keeps the root after its first letter ("menyerang" -> "serang"),
        # so a word without it cannot have that stem: skip the (slow) stemmer.
        return w[2:] in token_low and stem(token_low) == w[1:]
    return token_low == w


def _choice_counts(article_id: str, field_: str, text: str, tokens: list, acc: dict) -> None:
    lows = [t.text.lower() if t.is_word else None for t in tokens]
    at: dict[str, list[int]] = defaultdict(list)  # each word -> its token positions, in order
    for i, low in enumerate(lows):
        if low is not None:
            at[low].append(i)
    for referent, entries in _choices().items():
        taken: set[int] = set()
        for kind, ws in entries:
            # Only the positions whose word matches the entry's first word can start it.
            first = ws[0]
            starts = at.get(first, []) if not first.startswith("~") else \
                sorted(i for low, where in at.items() if _word_matches(first, low) for i in where)
            for i in starts:
                if i + len(ws) > len(tokens) or any(k in taken for k in range(i, i + len(ws))):
                    continue
                if all(lows[i + k] is not None and _word_matches(w, lows[i + k]) for k, w in enumerate(ws)):
                    s, e = tokens[i].start, tokens[i + len(ws) - 1].end
                    acc[referent][0 if kind == "loaded" else 1].append(Evidence(article_id, field_, s, e, text[s:e]))
                    taken.update(range(i, i + len(ws)))
            # a loaded match also claims an adjacent neutral name ("Zionis Israel")
            if kind == "loaded":
                taken |= {k + 1 for k in taken}


def _sources(article) -> list[tuple[str, str]]:
    """(field, string) pairs an article's words come from: the raw text, and a metadata
    title unless the text repeats it."""
    out = [("text", article.raw_text)]
    if article.title and article.title not in article.raw_text:
        out.append(("title", article.title))
    return out


def _row(article) -> _Row:
    """One article's words, spans and lexical choices. A metadata title the text repeats
    counts once: a span of the text that overlaps a span of that title (mapped onto the
    text) is the same words."""
    title_at = article.raw_text.find(article.title) if article.title else -1
    in_title = [(title_at + f.start, title_at + f.end) for f in article.framing if f.field == "title"] \
        if title_at >= 0 else []
    spans, kinds = [], []
    for f in article.framing:
        if f.field == "text" and any(s < f.end and f.start < e for s, e in in_title):
            continue
        spans.append(Evidence(article.id, f.field, f.start, f.end, f.text))
        kinds.append(f"{'attributed' if f.attributed else 'own'}:{f.category}")
    acc: dict = defaultdict(lambda: ([], []))
    n_words = 0
    for field_, text in _sources(article):
        tokens = tokenize(text)
        n_words += sum(1 for t in tokens if t.is_word)
        _choice_counts(article.id, field_, text, tokens, acc)
    return _Row(article.id, article.outlet or "(unknown)", n_words, spans, kinds, dict(acc))


def _interval(num: np.ndarray, den: np.ndarray, scale: float, rng: np.random.Generator) -> tuple[float, float]:
    n = len(num)
    if n == 0 or den.sum() == 0:
        return 0.0, 0.0
    idx = rng.integers(0, n, size=(BOOTSTRAP, n))
    d = den[idx].sum(axis=1)
    ratios = np.where(d > 0, num[idx].sum(axis=1) / np.maximum(d, 1), 0.0) * scale
    lo, hi = np.percentile(ratios, [2.5, 97.5])
    return float(lo), float(hi)


def _rate(num: np.ndarray, den: np.ndarray, scale: float, rng, evidence: list[Evidence]) -> Rate:
    c, b = int(num.sum()), int(den.sum())
    lo, hi = _interval(num, den, scale, rng)
    return Rate(c, b, (c / b * scale) if b else 0.0, lo, hi, evidence)


def profiles(articles: Iterable, *, top: int = 10) -> list[OutletProfile]:
    """One profile per outlet, outlets sorted by name."""
    return _profiles((_row(a) for a in articles), top)


def _profiles(rows: Iterable[_Row], top: int) -> list[OutletProfile]:
    by_outlet: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        by_outlet[r.outlet].append(r)
    return [_profile(outlet, rows, top) for outlet, rows in sorted(by_outlet.items())]


# -- the per-article rows kept in the store ---------------------------------------------
# Tokenising every article for its words and lexical choices is what makes a profile slow,
# so each article's _Row is stored once (``article_aggregates``, name AGGREGATE) when it is
# ingested; a profile then reads those rows. They go with their article when it is deleted.
AGGREGATE = "framing_row"


def row_value(article) -> str:
    """One article's part of its outlet's profile, as stored (JSON)."""
    import json

    r = _row(article)
    return json.dumps({"outlet": r.outlet, "words": r.words,
                       "spans": [[e.field, e.start, e.end, e.text, k] for e, k in zip(r.spans, r.kinds)],
                       "choice": {ref: [[[e.field, e.start, e.end, e.text] for e in side] for side in pair]
                                  for ref, pair in r.choice.items()}}, ensure_ascii=False)


def _stored_row(article_id: str, value: str) -> _Row:
    import json

    d = json.loads(value)
    return _Row(article_id, d["outlet"], d["words"], [Evidence(article_id, *s[:4]) for s in d["spans"]],
                [s[4] for s in d["spans"]],
                {ref: tuple([Evidence(article_id, *e) for e in side] for side in pair)
                 for ref, pair in d["choice"].items()})


def refresh(store, batch: int = 256) -> int:
    """Store the row of every stored article that has none (ingest calls this; reading
    calls it too, for articles stored before rows existed). Returns how many."""
    return store.fill_aggregate(AGGREGATE, row_value, batch)


def stored_profiles(store, since: Optional[str] = None, until: Optional[str] = None,
                    outlet: Optional[str] = None, top: int = 10) -> list[OutletProfile]:
    """``profiles`` of the stored articles (of one outlet, published since..until), from
    the stored rows: the same result as ``profiles`` over the articles themselves."""
    from warta.store.base import ArticleQuery

    rows = store.aggregate_rows(AGGREGATE, ArticleQuery(outlet=outlet, since=since, until=until))
    return _profiles((_stored_row(a, v) for a, v in rows), top)


def _profile(outlet: str, rows: Sequence[_Row], top: int) -> OutletProfile:
    rng = np.random.default_rng(SEED)
    n_words = np.array([r.words for r in rows], dtype=float)
    kinds = ["all", "own", "attributed"] + [f"{v}:{c}" for v in ("own", "attributed") for c in CATEGORIES]
    rates = {}
    for kind in kinds:
        def keep(k: str) -> bool:
            return kind == "all" or k == kind or k.startswith(kind + ":")
        num = np.array([sum(1 for k in r.kinds if keep(k)) for r in rows], dtype=float)
        ev = [e for r in rows for e, k in zip(r.spans, r.kinds) if keep(k)]
        rates[kind] = _rate(num, n_words, 1000.0, rng, ev)
    terms = Counter(e.text.lower().rstrip("!") for r in rows for e in r.spans)
    choices = {}
    for referent in _choices():
        loaded = [r.choice.get(referent, ([], []))[0] for r in rows]
        neutral = [r.choice.get(referent, ([], []))[1] for r in rows]
        num = np.array([len(x) for x in loaded], dtype=float)
        den = num + np.array([len(x) for x in neutral], dtype=float)
        choices[referent] = _rate(num, den, 1.0, rng, [e for x in loaded for e in x])
        choices[referent].against = [e for x in neutral for e in x]
    return OutletProfile(outlet, len(rows), int(n_words.sum()), rates, terms.most_common(top), choices)


def in_period(article, since: Optional[str], until: Optional[str]) -> bool:
    """Published within [since, until] (ISO dates; an undated article is outside any bound)."""
    if not since and not until:
        return True
    day = (article.published or "")[:10]
    if not day:
        return False
    return (not since or day >= since) and (not until or day <= until)


def _rate_record(r: Rate) -> dict:
    rec = {"count": r.count, "base": r.base, "value": round(r.value, 4), "low": round(r.low, 4),
           "high": round(r.high, 4), "evidence": [[e.article_id, e.field, e.start, e.end, e.text] for e in r.evidence]}
    if r.against:
        rec["against"] = [[e.article_id, e.field, e.start, e.end, e.text] for e in r.against]
    return rec


def to_records(profs: Iterable[OutletProfile]) -> list[dict]:
    """JSON-ready profiles: every rate with its interval and its evidence, each span as
    [article_id, field, start, end, text]."""
    return [{"outlet": p.outlet, "articles": p.articles, "words": p.words,
             "per_1000_words": {k: _rate_record(r) for k, r in p.rates.items()},
             "top_terms": [[t, n] for t, n in p.top_terms],
             "lexical_choices": {k: _rate_record(r) for k, r in p.choices.items()}} for p in profs]


def story_of_article(articles: Sequence, article_id: str) -> list:
    """The members of the story ``article_id`` (an id or a unique prefix) belongs to, by
    clustering ``articles`` (``warta.corpus.stories``) when the store holds no stories.
    Raises KeyError when no article has that id."""
    from warta.corpus import stories

    ids = [a.id for a in articles if a.id == article_id] or [a.id for a in articles if a.id.startswith(article_id)]
    if len(ids) != 1:
        raise KeyError(f"{'no' if not ids else 'more than one'} article with id {article_id!r}")
    story_of = stories.cluster(stories.from_article(a) for a in articles)
    return [a for a in articles if story_of.get(a.id) == story_of[ids[0]]]


def story_side_by_side(members: Sequence, story: str) -> dict:
    """One story's articles outlet by outlet: each headline and its loaded terms with
    their voice and offsets."""
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for a in sorted(members, key=lambda a: a.published or ""):
        row = _row(a)
        by_outlet[row.outlet].append({
            "article_id": a.id, "title": a.title, "published": a.published,
            "terms": [{"text": e.text, "category": k.split(":", 1)[1], "attributed": k.startswith("attributed"),
                       "field": e.field, "start": e.start, "end": e.end} for e, k in zip(row.spans, row.kinds)]})
    return {"story": story, "articles": len(members), "outlets": dict(sorted(by_outlet.items()))}
