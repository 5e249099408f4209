"""Claims stage: numeric claims about people ("menewaskan sedikitnya 13.300 orang").

Hand-written clause-level matcher (no library extracts Indonesian casualty claims); the
words live in ``data/figures_lexicon.json``. For each number expression
(``warta.claims.numbers``):

1. Is it a count of people? Yes if a person noun follows ("5.600 anak", "warga sipil
   Palestina", "stafnya", "200 lebih warga", "14.000 di antaranya anak-anak") or a
   casualty cue is attached to a bare number ("3 Tewas", "melukai 18.000 lainnya",
   "korban tewas ... melampaui 30.000"). Never money (Rp, dolar), ages ("berusia 12",
   "8 tahun"), units and things ("5.000 roket", "40 hari", "70 persen"), dates, bare
   years, ordinals or listicles ("4 Musisi yang ...", "Daftar 5 ..."). Number words
   ("dua", "seorang") only count when a casualty cue is attached: in running text they
   are mostly narrative ("seorang pejabat", "dua perjalanan").
2. measure: a predicate after the counted noun ("... orang, sebagian besar warga sipil,
   dilaporkan tewas"), else a verb/noun before it in the same clause ("menewaskan",
   "korban tewas"), else the counted noun itself ("253 sandera"), else the whole a
   partitive belongs to ("..., 5 di antaranya"), else the measure of a figure it is
   coordinated with ("13.300 orang, yang mencakup 5.600 anak dan 3.550 perempuan");
   else other_people. An active me- verb or a conjunction ("ketika", "sementara")
   between cue and number ends the clause; a negation ("tak jadi korban") cancels the
   cue; bare "korban" takes the sense (killed/injured) of the tally around it.
3. qualifier from the words just before (or "lebih" just after); word quantities are vague.
4. group from the counted noun, or a specific group named in the cue's noun phrase
   ("korban tewas warga Palestina tembus 36.000 orang"); people when there is none.
   A noun that names the measure itself counts people ("253 sandera": hostages, people).
5. where: the nearest place in the sentence, preferring a locative ("di Rafah"), skipping
   an attacker ("serangan Israel") and a demonym ("warga Palestina"); when the sentence has
   none, the target of an attack named ("serangan Hamas": Israel), the place of the figure
   it continues, the nearest place before it, or at last a demonym ("warga Gaza").
6. source: the speaker of the quote the figure is in (direct; or a reported clause, as the
   quotes stage resolved it, near its start); else whom the sentence credits ("menurut X",
   "X mengatakan", ", kata X", "dilansir X", "dalam paparannya" -> the person last
   quoted), the nearest to the figure; a sentence without one continues the source of the
   figures of the previous sentence of its paragraph, and a paragraph opening "Sementara
   itu, ..." the previous paragraph's; a headline "PBB: ..." credits PBB. An outlet cited
   in another sentence ("Seperti dilansir Al Arabiya, ...") is the article's source, not
   the figure's.
7. as_of, the date the tally holds for:
   - none for rates ("setiap hari") and vague quantities (nobody reports "ratusan" for a day);
   - a date in the sentence: a recent one (within a week before publication, e.g.
     "Hingga hari Rabu (25/10)", "UNICEF pada hari Selasa") is the as-of date; a date older
     than that ("serangan 7 Oktober") means the figure counts that past event: none.
     Dates after "sejak" start a period and are ignored;
   - no date in the sentence: the as-of of the figures of the previous sentence of the
     paragraph (the tally goes on), else that sentence's dates by the same rule, else the
     publication date (a running tally told in the present: "telah menewaskan ...").
8. rate from "setiap hari", "per hari" ... after the number.
9. scope (``scope.py``): a running total or one event, from the sentence's words, a dated
   past attack, the group (suspects of a case, witnesses heard so far), the article's
   disaster; casualties told in one sentence are one tally.
A headline figure naming no place takes the body's (``annotate_article``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Optional

from warta import settings
from warta.document import Document
from warta.model import Figure
from warta.claims.figures.as_of import dates_rule
from warta.claims.figures.counts import Candidate, candidates
from warta.claims.figures.lexicon import Lexicon, lexicon
from warta.claims.figures.places import (NOT_WHERE, Place, blank_origins, containers, find_places, known_place,
                                         where_in)
from warta.claims.figures.regions import refine, regions, regions_named
from warta.claims.figures.scope import about_disaster, carry_listed, scope_of, share_tally
from warta.claims.figures.sources import QuoteIndex, credited_in_headline, pick_source, sentence_sources
from warta.claims.figures.text import Sentence, lower, split_sentences


# A count larger than any regency or city holds (Kabupaten Bogor, the largest, has about
# 5.5 million people) cannot be a count of the town an article is set in.
_NATIONAL_SCALE = 5_000_000

# A count this large told twice in one article is the same count ("20 ribu"); small ones
# ("2 orang") repeat by chance.
_RESTATED_MIN = 100


def _article_country(places: list[Place], lex: Lexicon) -> str:
    """The country an article is about: a foreign country it names more often than places
    in Indonesia ("Warga Peru", "di Pakistan", "warga Palestina"), else Indonesia."""
    table = regions()
    foreign = Counter(p.name for p in places if p.role not in ("org", "venue", "attacker")
                      and p.name.lower() in lex.countries and p.name.lower() != "indonesia")
    home = sum(1 for p in places if p.role not in ("org", "venue") and table.in_indonesia(p.name))
    if foreign and foreign.most_common(1)[0][1] > home:
        return foreign.most_common(1)[0][0]
    return "Indonesia"


def _title_place(title: Optional[str], lex: Lexicon) -> Optional[str]:
    """The place an article's title names (the figures gazetteer's, else a region of
    Indonesia), for body figures whose article body names none."""
    if not title:
        return None
    known = lex.places.all(lower(title), 0, len(title))
    if known:
        return known[0][0]
    low = lower(title)
    # In Title Case every word is capitalised: a one-word name ("Batu", "Banjar") counts
    # only after a locative ("di Bekasi"); a name of several words stands on its own.
    named = [name for name, s, e in regions_named(title)
             if " " in title[s:e] or lex.locative.before(low, s, max(0, s - 12))]
    return named[0] if named else None


def _resolve_context(doc: Document, low: str, sentences: list[Sentence], cands: list[Candidate],
                     lex: Lexicon, title: Optional[str] = None) -> None:
    places = find_places(doc, low, lex)
    named = Counter(p.name for p in places if p.role not in NOT_WHERE)
    # The place it names most; on a tie a place the gazetteers know (a person's name tagged a
    # place, "istrinya, Dessi", is no rival for "Pondok Aren, Tangsel"), then the first.
    main_place = max(named, key=lambda n: (named[n], known_place(n, lex), -next(p.start for p in places if p.name == n)),
                     default=None)
    country = _article_country(places, lex)
    inside = containers(places, doc.text, lex)
    gazetteer_named: Optional[Counter] = None
    headline_source = credited_in_headline(doc, lex) if (doc.is_title or len(sentences) == 1) else None
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_sentence.setdefault(cand.sentence, []).append(cand)
    sources_cache: dict[int, list] = {}
    # Per sentence and per paragraph, not per figure: a sentence of thousands of figures
    # must not be searched once for each (quadratic).
    attack_cache: dict[int, Optional[str]] = {}
    first_of_paragraph: dict[int, Sentence] = {}
    paragraphs: dict[int, list[int]] = {}  # paragraph -> its sentences' indices
    for i, s in enumerate(sentences):
        first_of_paragraph.setdefault(s.paragraph, s)
        paragraphs.setdefault(s.paragraph, []).append(i)
    national_cache: dict[int, bool] = {}
    spread_cues: Optional[list[tuple[int, int]]] = None  # each "ke berbagai daerah", once per document

    def national_words(index: int) -> bool:
        """Whether sentence ``index`` names a national count, or its paragraph has said up to
        its end that the events spread over the country (once per sentence, not per figure)."""
        nonlocal spread_cues
        if index not in national_cache:
            sent = sentences[index]
            national = bool(lex.national.all(low, sent.start, sent.end))
            if not national:
                if spread_cues is None:
                    spread_cues = [(s, e) for _, s, e in lex.spread.all(low, 0, len(low))]
                # the paragraph's first cue (cues do not overlap), ending by the sentence's end
                i = bisect_left(spread_cues, (first_of_paragraph[sent.paragraph].start, 0))
                national = i < len(spread_cues) and spread_cues[i][1] <= sent.end
            national_cache[index] = national
        return national_cache[index]

    quotes = QuoteIndex(doc)
    outlets = {name for c in doc.cited_sources for name in (c.text, c.name)}
    quote_marks = [m.start() for m in _QUOTE_MARK.finditer(doc.text)]
    # A province's regency is one the article names for its people, not where they came from.
    refine_text = blank_origins(doc.text)
    # The place each figure's own sentence gives it, first for all: a count with no place in
    # its sentence takes the place the article gives the same count elsewhere ("tercatat ada
    # 20 ribu anggota" -> "20 ribu orang yang tersebar di seluruh Indonesia"), before or after.
    own_where = [where_in(places, sentences[c.sentence].start, sentences[c.sentence].end, c.number.start,
                          (c.start, c.end), lex, quote_marks) for c in cands]
    restated: dict[tuple[float, str], str] = {}
    for c, w in zip(cands, own_where):
        if w is not None and not c.number.vague and c.number.value >= _RESTATED_MIN:
            restated.setdefault((c.number.value, c.measure), w)
    previous: dict[int, Candidate] = {}  # candidates come in text order (find_numbers)
    for in_sentence in by_sentence.values():
        for a, b in zip(in_sentence, in_sentence[1:]):
            previous[id(b)] = a
    for cand, where in zip(cands, own_where):
        sent = sentences[cand.sentence]
        prev_idx = cand.sentence - 1
        prev_sent = sentences[prev_idx] if prev_idx >= 0 and sentences[prev_idx].paragraph == sent.paragraph else None
        prev_figs = by_sentence.get(prev_idx, []) if prev_sent else []
        before_in_sentence = previous.get(id(cand))  # the figure before it in its sentence
        linked = before_in_sentence or (prev_figs[-1] if prev_figs else None)

        # where
        said_here = where is not None and any(p.name == where and p.role == "locative" and sent.start <= p.start < sent.end
                                              for p in places)
        if where is None and not cand.number.vague:
            where = restated.get((cand.number.value, cand.measure))
        if where is None and country == "Indonesia" and not doc.is_title and (
                cand.number.value >= _NATIONAL_SCALE or national_words(cand.sentence)):
            # A national count ("140 juta jiwa penduduk Indonesia", a programme "secara
            # nasional") in an article set in a town the minister visits is the country's;
            # so is a count after the paragraph says the events spread "ke berbagai daerah".
            where = country
        if where is None:
            if cand.sentence not in attack_cache:
                sentence_low = low[sent.start:sent.end]
                attack_cache[cand.sentence] = next(
                    (target for attack, target in lex.attack_targets if attack.search(sentence_low)), None)
            where = attack_cache[cand.sentence]
        if where is None and linked is not None:
            where = linked.where
        if where is None:
            # The place of the paragraph so far, else the article's own place: the one it
            # names most (an article about Gaza names Gaza more than the attacker).
            first = first_of_paragraph[sent.paragraph]
            before = [p for p in places if first.start <= p.start and p.end <= sent.start and p.role not in NOT_WHERE]
            where = before[-1].name if before else main_place
        if where is None:
            # Only a demonym left ("1,7 juta warga Gaza"): it still says where they are.
            near = sorted((p for p in places if p.role == "demonym"), key=lambda p: abs(p.start - cand.number.start))
            where = near[0].name if near else None
        if where is None and not doc.is_title:
            # An article whose body names no place for its people: its title's place ("Wanita
            # di Bekasi Tipu 58 Orang"), else its country (a ministry's programme, national
            # statistics).
            where = _title_place(title, lex) or country
        seen = {where}
        while where in inside and inside[where] not in seen:  # "Times Square" -> New York City
            where = inside[where]
            seen.add(where)
        if where is not None:
            # The regency or city a reader gives: a district's, or a province's the
            # article names (not a province the sentence itself puts the people in).
            where = refine(where, refine_text, province_too=not said_here)
            if where in lex.within and not said_here:
                if gazetteer_named is None:  # once per document
                    gazetteer_named = Counter(name for name, _, _ in lex.places.all(low, 0, len(low)))
                named_inside = [(n, c) for n, c in gazetteer_named.most_common() if n in lex.within[where]]
                if named_inside:
                    where = named_inside[0][0]
        cand.where = where

        # source
        if cand.sentence not in sources_cache:
            sources_cache[cand.sentence] = sentence_sources(doc, low, sent, lex, quotes)
        source = pick_source(sources_cache[cand.sentence], cand)
        direct = quotes.around(cand.number.start, "direct")
        reported = None if direct else quotes.around(cand.number.start, "indirect")
        if direct:
            source = direct.speaker  # "Dijaga oleh 10 anggota TNI," jelasnya: the quote's speaker says it
        elif reported and not any(reported.start <= pos < cand.number.start
                                  for pos, _ in sources_cache[cand.sentence]) and (
                cand.number.start - reported.start <= settings.FIGURE_SOURCE_AFTER_VERB
                or "," not in doc.text[reported.start:cand.number.start]):
            # "Adnan Abu Hasna, Penasihat Media UNRWA mengatakan bahwa ... 300.000 siswa": the
            # reported clause's speaker, as the quotes stage resolved it (apposition, pronoun),
            # unless the clause credits someone else itself ("..., menurut data X, ...") or
            # the figure sits far into it past a comma (the writer's apposition: "... di
            # Rafah, tempat terakhir yang relatif aman bagi lebih dari 1 juta warga sipil").
            source = reported.speaker
        for cited in doc.cited_sources:
            # The metadata stage's normalised name for the same words ("MEE" -> "Middle East Eye").
            if source and sent.start <= cited.start < sent.end and cited.text == source:
                source = cited.name
        if source is None and before_in_sentence and before_in_sentence.source:
            source = before_in_sentence.source
        if source is None and prev_figs:
            source = prev_figs[-1].source
        if source is None and prev_sent is not None and not sources_cache[cand.sentence]:
            # "Bimo juga menambahkan, IKN telah memiliki target market. Saat ini IKN telah
            # dihuni oleh 1.200 ASN": a sentence crediting nobody, right after a reported
            # clause in the same paragraph, goes on with what that speaker reports.
            said = quotes.last_before(sent.start)
            if said is not None and said.kind == "indirect" and prev_sent.start <= said.start < prev_sent.end:
                source = said.speaker
            if source is None:
                # "Bimo ... menyampaikan Kementerian PANRB telah meminta ... . Untuk tahap
                # awalnya, total ada sebanyak 3.500 ASN": whom the sentence before credits
                if prev_idx not in sources_cache:
                    sources_cache[prev_idx] = sentence_sources(doc, low, prev_sent, lex, quotes)
                # (not an outlet cited there: "Seperti dilansir Al Arabiya, ..." is the article's)
                credits = [c for c in sources_cache[prev_idx] if c[1] not in outlets]
                if credits:
                    source = max(credits, key=lambda c: abs(c[0]))[1]
        if source is None and sent is first_of_paragraph[sent.paragraph] and lex.continuation.match(low, sent.start):
            # "Sementara itu, 104 keluarga dengan 423 jiwa terdampak ...": the report goes on
            source = _previous_paragraph_source(quotes, sentences, paragraphs, by_sentence, sent)
        cand.source = source or headline_source

        # as_of
        if cand.rate or cand.qualifier == "vague":
            cand.as_of = None
            continue
        decided, as_of = dates_rule(doc, low, sent.start, sent.end, cand.number.start)
        if not decided and prev_figs:
            decided, as_of = True, prev_figs[-1].as_of
        if not decided and prev_sent is not None:
            decided, as_of = dates_rule(doc, low, prev_sent.start, prev_sent.end, prev_sent.end)
        if not decided:
            as_of = doc.published.isoformat() if doc.published else None
        cand.as_of = as_of


def _previous_paragraph_source(quotes: QuoteIndex, sentences: list[Sentence], paragraphs: dict[int, list[int]],
                               by_sentence: dict[int, list[Candidate]], sent: Sentence) -> Optional[str]:
    """The source of the last figure of the paragraph before ``sent``, else the speaker of
    the last quote that starts in it."""
    idx = paragraphs.get(sent.paragraph - 1)
    if not idx:
        return None
    for i in reversed(idx):
        for c in reversed(by_sentence.get(i, [])):
            if c.source:
                return c.source
    last = quotes.last_before(sent.start)
    return last.speaker if last is not None and last.start >= sentences[idx[0]].start else None


def _drop_repeats(low: str, cands: list[Candidate]) -> list[Candidate]:
    """Scraped pages repeat teasers and captions word for word: the same words around the
    same number are one claim, not two."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in cands:
        key = (low[max(0, c.start - settings.FIGURE_REPEAT_CONTEXT):c.start].split("\n")[-1].strip(), low[c.start:c.end])
        if key[0] and key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


_TITLE_JOIN = re.compile(r"(?<=[^\W\d_])-(?=[A-Z])")
_QUOTE_MARK = re.compile('["“”]')  # the double quote marks, found in C rather than a character at a time


def find_figures(doc: Document, title: Optional[str] = None) -> list[Figure]:
    """Figures in ``doc`` (local offsets); ``title``: the article's title, when ``doc`` is
    its body (it tells what event the article is about)."""
    lex = lexicon()
    low = lower(doc.text)
    if doc.is_title:
        # "5.000 Warga Gaza Tewas-Putin ...": a hyphen after a cue word joins two headlines;
        # read it as a break (same length: offsets hold). "Hamas-Israel" stays one name.
        chars = list(low)
        for m in _TITLE_JOIN.finditer(doc.text):
            if lex.after.before(low, m.start(), max(0, m.start() - 30)):
                chars[m.start()] = " "
        low = "".join(chars)
    sentences = split_sentences(doc)
    cands = candidates(doc, low, sentences, lex)
    if not cands:
        # Nothing to place: the context (places, sources, dates) is looked up only to set
        # fields of the candidates. Most documents (titles, figure-less bodies) have none,
        # and their places alone took ~40% of this stage.
        return []
    _resolve_context(doc, low, sentences, cands, lex, title)
    cands = _drop_repeats(low, cands)
    lead_end = next((s.end for s in sentences if s.paragraph > 0), len(low)) if sentences else 0
    disaster = about_disaster(lower(title or "") + "\n" + low[:lead_end], lex)
    scopes = []
    scope_cache: dict = {}  # each sentence's scope cues, found once
    for c in cands:
        sent = sentences[c.sentence]
        decided, as_of = dates_rule(doc, low, sent.start, sent.end, c.number.start)
        scopes.append(scope_of(low, c, sent, lex, past_event=decided and as_of is None, disaster=disaster,
                               cache=scope_cache))
    scopes = share_tally(cands, scopes, low, sentences, lex)
    scopes = carry_listed(cands, scopes, low, sentences, lex, scope_cache)
    return [Figure(text=doc.text[c.start:c.end], start=c.start, end=c.end, value=c.number.value,
                   qualifier=c.qualifier, measure=c.measure, group=c.group, where=c.where,
                   source=c.source, as_of=c.as_of, rate=c.rate, scope=scope)
            for c, scope in zip(cands, scopes)]


def annotate(doc: Document) -> None:
    doc.figures = find_figures(doc)


def annotate_article(docs: list[Document]) -> None:
    """Figures of an article's documents (its title, then its body). A headline figure
    that names no place is where the body says (the headline sums up the story the body
    tells): the place the body gives the same number, else the body's own place."""
    title = next((d for d in docs if d.is_title and not d.is_body), None)
    for doc in docs:
        doc.figures = find_figures(doc, title.text if title is not None and doc is not title else None)
    if title is None or not title.figures:
        return
    body = [f for d in docs if d is not title for f in d.figures]
    if not body:
        return
    places = Counter(f.where for f in body if f.where)
    for i, f in enumerate(title.figures):
        if f.where is not None:
            continue
        same = next((b for b in body if b.value == f.value and b.measure == f.measure), None)
        where = same.where if same is not None and same.where else (places.most_common(1)[0][0] if places else None)
        update = {"where": where}
        if f.scope is None and same is not None:
            update["scope"] = same.scope
        title.figures[i] = f.model_copy(update=update)
