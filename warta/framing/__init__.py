"""Loaded language (specs/framing.md): words and phrases with emotional or evaluative
force, each with a category and whether it is the outlet's own or attributed.

``find`` works on any string (a title or a body) with the quotes and entities warta found
in it, in the same coordinates; it needs nothing else. How it decides:

1. headline openers: an exclamation word or short phrase at the start of a title, set off
   by "!" or "," ("Sadis!", "Kasihan,") — ``_opener``;
2. the lexicon (``data/lexicon.tsv``) matched on tokens, entries by word or by PySastrawi
   stem, longest first; a context rule (``rules``) accepts or rejects the role a word has
   where it stands, and actor labels grow over the name they label;
3. the voice of each term (``attribution``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from warta.framing import rules
from warta.framing.attribution import double_quoted, voice
from warta.framing.lexicon import Entry, candidate_starts, entries, openers, stem_for_lexicon, words
from warta.lang.stem import stem
from warta.framing.tokens import Token, tokenize

EMOTIVE = "emotive_intensifier"
_TAG_WORDS = {"video", "foto", "infografis", "breaking"}


@dataclass(frozen=True)
class Found:
    text: str
    start: int
    end: int
    category: str
    attributed: bool = False
    speaker: Optional[str] = None


def _matches(entry: Entry, tokens: list[Token], i: int) -> bool:
    if i + len(entry.words) > len(tokens):
        return False
    for w, t in zip(entry.words, tokens[i:i + len(entry.words)]):
        if w.startswith("~"):
            if not t.is_word or stem(t.low) != w[1:]:
                return False
        elif t.low != w:
            return False
    return True


def _lexicon_match(tokens: list[Token], i: int) -> Optional[tuple[Entry, int, int]]:
    """The longest accepted entry starting at token i, with its (grown) token span."""
    t = tokens[i]
    if not t.is_word:
        return None
    index = entries()
    root = stem_for_lexicon(t.low)
    candidates = index.get(("word", t.low), []) + (index.get(("stem", root), []) if root else [])
    for e in sorted(candidates, key=lambda e: -len(e.words)):
        j = i + len(e.words)
        if _matches(e, tokens, i) and (e.rule is None or rules.ACCEPT[e.rule](tokens, i, j)):
            a, b = rules.extend(e.rule, tokens, i, j)
            return e, a, b
    return None


def _phrase_is_entry(phrase: list[Token]) -> bool:
    m = _lexicon_match(phrase, 0)
    return m is not None and m[2] == len(phrase)


def _opener(text: str, tokens: list[Token], entity_starts: set[int]) -> Optional[tuple[int, int, int]]:
    """Token span [s, e) of a headline opener, and the end character offset of its span."""
    s = 0
    if len(tokens) > 2 and tokens[1].text == ":" and (tokens[0].text.isupper() or tokens[0].low in _TAG_WORDS):
        s = 2   # "VIDEO: ...", "FOTO: ..."
    p = next((k for k in range(s + 1, min(s + 5, len(tokens))) if tokens[k].text in {"!", ","}), None)
    if s >= len(tokens) or not tokens[s].is_word:
        return None
    if tokens[s].low == "awas" and "!" in text:
        return s, s + 1, tokens[s].end   # "Awas ...!": the span is "Awas"
    if p is None or any(not (t.is_word or t.text == "-") for t in tokens[s:p]):
        return None
    bang = tokens[p].text == "!"
    phrase = tokens[s:p]
    norm = " ".join(words(text[phrase[0].start:phrase[-1].end]))
    if norm in openers() or _phrase_is_entry(phrase):
        e = p
    elif tokens[s].low in openers():
        e = s + 1
        bang = bang and p == s + 1
    elif bang and p < len(tokens) - 1 and len([t for t in phrase if t.is_word]) <= 2 and not any(
            t.low in rules.PARTIES or t.text.isdigit() or t.start in entity_starts for t in phrase):
        e = p   # "Makin Sengsara! ...": a short exclamation, no name or number in it
    else:
        return None
    return s, e, (tokens[p].end if bang else tokens[e - 1].end)


def _paragraphs(text: str, starts: set[int]) -> list[tuple[int, int]]:
    """The paragraphs (lines) holding a candidate: a term and the clause that voices it
    never cross a line break, so the rest of the text need not be tokenized."""
    out, a = [], 0
    for line in text.split("\n"):
        b = a + len(line)
        if any(a <= s < b for s in starts):
            out.append((a, b))
        a = b + 1
    return out


def find(text: str, *, is_title: bool = False, quotes: Sequence = (), entities: Sequence = ()) -> list[Found]:
    """Loaded-language spans in ``text`` (offsets into it). ``quotes``/``entities``: what
    warta found in the same string (objects with start, end; quotes with speaker)."""
    starts = candidate_starts(text.lower())
    if not starts and not is_title:
        return []
    entity_starts = {e.start for e in entities}
    quoted = double_quoted(text) if any(c in text for c in '"“„«') else []
    found: list[Found] = []
    for a, b in [(0, len(text))] if is_title else _paragraphs(text, starts):
        tokens = tokenize(text, a, b)
        i = 0
        if is_title:
            op = _opener(text, tokens, entity_starts)
            if op is not None:
                s, e, end = op
                found.append(Found(text[tokens[s].start:end], tokens[s].start, end, EMOTIVE))
                i = e
        while i < len(tokens):
            m = _lexicon_match(tokens, i) if tokens[i].start in starts else None
            if m is None:
                i += 1
                continue
            entry, x, y = m
            start, end = tokens[x].start, tokens[y - 1].end
            v = voice(text, tokens, x, start, end, is_title=is_title, quotes=quotes, quoted=quoted,
                      entity_starts=entity_starts)
            if found and found[-1].end > start:   # grown over the previous span: keep the longer
                found.pop()
            found.append(Found(text[start:end], start, end, entry.category, v.attributed,
                               v.speaker if v.attributed else None))
            i = y
    return found


def annotate(doc) -> None:
    """The pipeline stage: ``doc.framing`` from the document's text, quotes and entities
    (run after the quotes stage)."""
    from warta.model import Framing

    doc.framing = [Framing(text=f.text, start=f.start, end=f.end, category=f.category,
                           attributed=f.attributed, speaker=f.speaker)
                   for f in find(doc.text, is_title=doc.is_title, quotes=doc.quotes, entities=doc.entities)]


def article_terms(article) -> list[dict]:
    """A stored Article's loaded-language spans (text, start, end, field, category,
    attributed, speaker): its framing annotations when it has them, else found now over its
    raw text and title (articles stored before framing existed). What the faces show."""
    stored = getattr(article, "framing", None)
    if stored is not None:
        return [f.model_dump() for f in stored]
    key = (article.id, len(article.raw_text))
    if key not in _ARTICLE_TERMS:  # a stored article never changes; finding its terms takes ~0.1 s
        found = [{**f.__dict__, "field": "text"}
                 for f in find(article.raw_text, quotes=[q for q in article.quotes if q.field == "text"],
                               entities=[e for e in article.entities if e.field == "text"])]
        if article.title:
            found += [{**f.__dict__, "field": "title"} for f in find(
                article.title, is_title=True, entities=[e for e in article.entities if e.field == "title"])]
        if len(_ARTICLE_TERMS) >= 4096:
            _ARTICLE_TERMS.pop(next(iter(_ARTICLE_TERMS)))  # oldest first
        _ARTICLE_TERMS[key] = found
    return _ARTICLE_TERMS[key]


_ARTICLE_TERMS: dict[tuple[str, int], list[dict]] = {}
