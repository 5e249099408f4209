"""Claims stage: quotes — who said what, direct and indirect, with speakers resolved to
canonical names (see ``warta.claims.speech`` for the rules)."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from warta.claims.speech import lexicon
from warta.claims.speech.attribution import Attributor, Found
from warta.claims.speech.marks import find_quotes
from warta.claims.speech.people import full_names, person_names
from warta.claims.speech.speakers import Resolver
from warta.claims.speech.standing import standing
from warta.claims.speech.text import Layout, tokenize
from warta.document import Document, regex_sentences
from warta.model import Quote
from warta.settings import MIN_UNATTRIBUTED_WORDS


# A quote mark pair with no speaker is kept only when it holds a statement, not a
# title or a scare-quoted term ("”Merah Putih”", “pertumpahan darah”): MIN_UNATTRIBUTED_WORDS.


def extract(text: str, sentences: list[tuple[int, int]] | None = None, entities=None,
            is_title: bool = False) -> list[Quote]:
    """Quotes in ``text`` (local offsets), given the NLP stage's sentences and entities.
    Without sentences a regex splits them; person names the NER missed are added from
    capitalised runs (``speech.people``)."""
    tokens = tokenize(text)
    starts = [t.start for t in tokens]
    layout = Layout(text, sentences or regex_sentences(text))
    entities = list(entities or [])
    ner_named = {e.start for e in entities if e.label in ("PER", "ORG")}
    people, trusted = person_names(text, tokens, entities, {s for s, _ in layout.sentences})
    entities = [e for e in entities if e.label != "PER"] + people
    spans = find_quotes(text)
    top = _outermost(spans)
    resolver = Resolver(text, tokens, entities, [(q.content_start, q.content_end) for q in top], trusted)
    attributor = Attributor(text, tokens, layout, resolver, top)

    # Events in text order, so a pronoun resolves to speakers already seen.
    events: list[tuple[int, str, object]] = [(q.start, "q", q) for q in top]
    events += [(tokens[i].start, "c", i) for i in _reporting_tokens(attributor)]
    events.sort(key=lambda x: (x[0], x[1] == "c"))
    found: list[Found] = []
    headings = _heading_lines(text) if not is_title else []
    previous: Found | None = None
    reported_until = -1
    for pos, what, item in events:
        if what == "q":
            q = item
            if _names_a_title(tokens, starts, q, text):
                continue
            f = attributor.attribute(q, previous)
            if f is None:
                words = len(text[q.content_start:q.content_end].split())
                if words < MIN_UNATTRIBUTED_WORDS or not _starts_statement(text, q.start):
                    continue
                f = Found("direct", q.content_start, q.content_end, None, None)
            elif not _starts_statement(text, q.start) and len(text[q.content_start:q.content_end].split()) < 2:
                continue
            found.append(f)
            previous = f
        else:
            if reported_until > tokens[item].start:
                continue  # a speech verb inside a reported clause is part of that report
            if headings and _in_heading(text, tokens[item].start, headings):  # (none in a title)
                continue  # "Hadirkan Lomba Menulis Skenario ...": a subheading, nobody speaks
            f = attributor.indirect(item)
            if f is not None:
                found.append(f)
                reported_until = f.end
        if f is not None and f.speaker is not None:
            resolver.remember(f.speaker, f.speaker.start if f.speaker.start is not None else f.start)
    # An indirect clause that wholly holds a direct quote of the same speaker is that quote.
    direct = sorted((g.start, g.end, g.speaker.name) for g in found if g.kind == "direct" and g.speaker)
    direct_starts = [d[0] for d in direct]
    short = full_names(text, entities)
    out = []
    standings: dict[str, str] = {}
    for f in found:
        if f.kind == "indirect" and f.speaker and f.speaker.name and any(
                end <= f.end and name == f.speaker.name
                for _, end, name in direct[bisect.bisect_left(direct_starts, f.start):
                                           bisect.bisect_right(direct_starts, f.end)]):
            continue
        sp = f.speaker
        if sp and sp.name in short:
            sp = replace(sp, name=short[sp.name])
        if sp and sp.name and sp.name not in standings:
            standings[sp.name] = standing(sp.name, text)
        out.append(Quote(text=text[f.start:f.end], start=f.start, end=f.end, kind=f.kind,
                         speaker=sp.name if sp else None,
                         speaker_text=sp.text if sp else None,
                         speaker_start=sp.start if sp else None,
                         speaker_end=sp.end if sp else None,
                         cue=f.cue,
                         speaker_standing=standings.get(sp.name) if sp and sp.name else None))
    if is_title and not out:
        out += _headline_quote(text, tokens, resolver, ner_named)
    return sorted(out, key=lambda q: q.start)


def _reporting_tokens(attributor: Attributor) -> list[int]:
    """The tokens that can open reported speech: the cues. ``Attributor.indirect`` returns
    None at once for any other token and the event loop then does nothing, so leaving the
    other ~98% of tokens out of the events changes nothing (and keeps the rest in order)."""
    return attributor.cue_at


def _headline_quote(text: str, tokens, resolver: Resolver, ner_named: set[int]) -> list[Quote]:
    """Headlines attribute with a colon: "Kemenkeu: Sri Mulyani Tak Pernah Sebut Guru
    Beban Negara". The part before the colon must be a person or organisation the NER
    found (in a headline every word is capitalised, so capitals prove nothing)."""
    colon = next((i for i, t in enumerate(tokens) if t.text == ":"), None)
    if colon is None or colon + 3 > len(tokens):
        return []
    # "Diperiksa Soal Ijazah Jokowi, Roy Suryo: ..." -> the part after the last comma
    first = max((i + 1 for i in range(colon) if tokens[i].text == ","), default=0)
    if not 1 <= colon - first <= 5:
        return []
    sp = resolver.resolve(first, colon)
    if sp is None or sp.start not in ner_named:
        return []
    start, end = tokens[colon + 1].start, len(text.rstrip(" .!"))
    return [Quote(text=text[start:end], start=start, end=end, kind="indirect", speaker=sp.name,
                  speaker_text=sp.text, speaker_start=sp.start, speaker_end=sp.end, cue=None,
                  speaker_standing=standing(sp.name, text) if sp.name else None)]


def _outermost(spans: list) -> list:
    """Quotes not nested in another (a quote inside a quote is part of it, not a separate
    statement): those no earlier-starting quote reaches past. Sorted sweep, not pairwise."""
    ordered = sorted(spans, key=lambda q: q.start)
    keep, reach, i = [], -1, 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and ordered[j].start == ordered[i].start:
            j += 1
        group = ordered[i:j]   # same start: neither is nested in the other
        keep += [q for q in group if q.end > reach]
        reach = max([reach] + [q.end for q in group])
        i = j
    kept = {id(q) for q in keep}
    return [q for q in spans if id(q) in kept]


# Small words a Title Case heading leaves in lower case.
_HEADING_LOWER = {"dan", "di", "ke", "dari", "hingga", "untuk", "yang", "atau", "dengan", "pada", "soal", "jadi"}
_LINE = re.compile(r"[^\n]+")
_HEADING_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """Subheadings inside a body ("Perluas Kerja Sama Internasional & Penetapan Cagar
    Budaya"): short lines in Title Case with no closing punctuation. Their verbs report no
    speech and their words name no speaker."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group(0).strip()
        if not line or line[-1] in '.!?:;,"”)\'':
            continue  # (tested before the words are found: most lines are paragraphs ending in ".")
        words = _HEADING_WORD.findall(line)
        if not 3 <= len(words) <= 15:
            continue
        content = [w for w in words if w.lower() not in _HEADING_LOWER]
        if content and sum(w[0].isupper() for w in content) >= 0.8 * len(content):
            out.append(m.span())
    return out


def _in_heading(text: str, pos: int, headings: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(headings, (pos, len(text))) - 1
    return i >= 0 and headings[i][0] <= pos < headings[i][1]


def _names_a_title(tokens, starts: list[int], q, text: str) -> bool:
    """A quote after "bertajuk", "webinar", "istilah" ... or in Title Case is a name."""
    k = bisect.bisect_left(starts, q.start) - 1
    if k >= 0 and lexicon.introduces_title(tokens[k].low):
        return True
    if text[q.content_end:q.end].startswith(","):
        return False   # ',”' closes speech before its attribution, never a title
    words = text[q.content_start:q.content_end].split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return 2 <= len(words) <= 12 and capitalised >= 0.6 * len(words) and not text[q.content_end - 1:q.content_end] in ".?!"


def _starts_statement(text: str, mark: int) -> bool:
    """An opening mark at a paragraph start, after end punctuation or after a colon or
    comma: the quote is a statement, not a term inside a running sentence."""
    j = mark - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in "\n.!?:,”\"—"


def annotate(doc: Document) -> None:
    # No catch here: an article that breaks a stage is rejected, alone, by warta.run.batch.
    doc.quotes = extract(doc.text, doc.sentences, doc.entities, is_title=doc.is_title)
