"""The gazetteer: names the news repeats (data/gazetteer.tsv), with canonical names, as a
spaCy component that reconciles them with the statistical NER."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from warta.settings import DAMAGED_MIN_REPEATS, LOST_LETTER_MAX, LOST_LETTER_MIN_TEXT

GAZETTEER = Path(__file__).parent / "data" / "gazetteer.tsv"


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[str, str, str], ...]:
    """(label, surface form, canonical name) for every gazetteer line."""
    rows = []
    for n, line in enumerate(GAZETTEER.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] not in {"PER", "ORG", "LOC", "EVT"}:
            raise ValueError(f"{GAZETTEER}:{n}: expected LABEL<TAB>name[<TAB>canonical]: {line!r}")
        label, name = parts[0], parts[1].strip()
        canonical = parts[2].strip() if len(parts) > 2 and parts[2].strip() else name
        rows.append((label, name, canonical))
    return tuple(rows + _surnames(rows))


def _surnames(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The news calls a known person by the surname ("Netanyahu", "Erdogan", "Blinken"):
    each listed person's last name is a name for them too, unless it is short, a common
    word, another listed name, a father's name ("bin Salman"), or the last name of two
    listed people."""
    from warta.lang.casing import is_common_word, lower_words

    common = lower_words()
    known = {name for _, name, _ in rows}
    owners: dict[str, set[str]] = {}
    for label, name, canonical in rows:
        parts = name.split()
        if label == "PER" and len(parts) > 1 and parts[-2].lower() not in ("bin", "binti"):
            owners.setdefault(parts[-1], set()).add(canonical)
    return [("PER", last, next(iter(who))) for last, who in sorted(owners.items())
            if len(who) == 1 and len(last) >= 5 and last[:1].isupper() and last not in known
            and not is_common_word(last.lower(), common)]


def patterns() -> list[dict]:
    """EntityRuler phrase patterns; the pattern id carries the canonical name."""
    return [{"label": label, "pattern": name, "id": canonical} for label, name, canonical in entries()]


def canonical_names() -> dict[str, str]:
    """Surface form -> canonical name, for aliases the gazetteer knows ("AS")."""
    return {name: canonical for _, name, canonical in entries() if name != canonical}


@lru_cache(maxsize=1)
def damaged_forms() -> dict[tuple[str, str], tuple[str, str]]:
    """(label, name with one letter lost) -> (canonical name, the lost letter), for
    one-word gazetteer names of four letters or more: scraped pages drop a letter, often
    throughout an article ("Isael", "Ukrana"). Forms that are themselves gazetteer names,
    or could come from two different names, are left out. Hand-written: a one-deletion
    index is all that is needed here."""
    known = {name for _, name, _ in entries()}
    found: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for label, name, canonical in entries():
        if " " in name or len(name) < 4 or not name.isalpha() or name.isupper():
            continue
        for i in range(1, len(name)):   # the initial capital is kept
            form = name[:i] + name[i + 1:]
            if form not in known:
                found.setdefault((label, form), set()).add((canonical, name[i].lower()))
    return {key: next(iter(c)) for key, c in found.items() if len({k for k, _ in c}) == 1}


def lost_letters(text: str, min_text: int = LOST_LETTER_MIN_TEXT) -> set[str]:
    """Letters a text of ``min_text`` characters or more has at most LOST_LETTER_MAX of."""
    if len(text) < min_text:
        return set()
    counts = Counter(text.lower())
    return {c for c in "abcdefghijklmnopqrstuvwxyz" if counts[c] <= LOST_LETTER_MAX}


class Gazetteer:
    """Reconciles the statistical NER with the gazetteer (hand-written: spaCy's
    EntityRuler either overrides the model everywhere or only fills gaps, and both lose
    on measurement, see docs/ner.md):

    - a gazetteer name replaces the model entities it contains: exact spans take the
      gazetteer's label ("Tel Aviv" is never a person), longer names win ("Departemen
      Luar Negeri AS" over "Departemen Luar Negeri"), gaps are filled;
    - a model entity made only of gazetteer names is split into them
      ("Inggris Middle East Eye" -> "Inggris", "Middle East Eye");
    - a model entity starting with a gazetteer name of another label is cut to it;
    - on a page that lost a letter throughout, a one-word name without that letter
      ("Gaa") is a gazetteer name where the page repeats it, found by the model or not.
    A model entity that merely contains a gazetteer name keeps its span ("Kedutaan Besar
    Amerika Serikat" stays one organisation). Gazetteer spans carry the canonical name
    as their id.
    """

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab)
        self.keys: dict[int, tuple[str, str]] = {}
        by_key: dict[str, list[str]] = {}
        for label, name, canonical in entries():
            by_key.setdefault(f"{label}\t{canonical}", []).append(name)
        for key, names in by_key.items():
            self.matcher.add(key, list(nlp.tokenizer.pipe(names)))
            label, canonical = key.split("\t")
            self.keys[nlp.vocab.strings[key]] = (label, canonical)
        by_form: dict[str, list[tuple[str, str, str]]] = {}
        for (label, form), (canonical, lost) in damaged_forms().items():
            by_form.setdefault(form, []).append((label, canonical, lost))
        self.damaged = {form: hits[0] for form, hits in by_form.items() if len(hits) == 1}

    def _damaged_matches(self, doc: Doc) -> list[Span]:
        # The tokens' strings from one array, and the text from them as Doc.text builds
        # it (no Token object per token: ~1% of the pipeline before)
        orth, space = doc.to_array([ORTH, SPACY]).reshape(-1, 2).T.tolist()
        strings = doc.vocab.strings
        words = [strings[o] for o in orth]
        lost = lost_letters("".join(w + " " if s else w for w, s in zip(words, space)))
        if not lost:
            return []
        at: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            hit = self.damaged.get(word)
            if hit is not None and hit[2] in lost:
                at.setdefault(word, []).append(i)
        return [Span(doc, i, i + 1, label=self.damaged[form][0], span_id=self.damaged[form][1])
                for form, where in at.items() if len(where) >= DAMAGED_MIN_REPEATS for i in where]

    def matches(self, doc: Doc) -> list[Span]:
        spans = []
        for key, start, end in self.matcher(doc):
            label, canonical = self.keys[key]
            spans.append(Span(doc, start, end, label=label, span_id=canonical))
        spans += self._damaged_matches(doc)
        return filter_spans(spans)  # longest first: "Jalur Gaza" over "Gaza"

    def _split_merges(self, ents: list[Span], gaz: list[Span]) -> list[Span]:
        out = []
        by_start = {g.start: g for g in gaz}  # gazetteer spans do not overlap
        for ent in ents:
            inside = [by_start[i] for i in range(ent.start, ent.end)
                      if i in by_start and by_start[i].end <= ent.end]
            if len(inside) > 1 and sum(len(g) for g in inside) == len(ent):
                out.extend(inside)  # only gazetteer names: "Inggris Middle East Eye"
            elif inside and inside[0].start == ent.start and len(inside[0]) < len(ent) \
                    and inside[0].label_ != ent.label_:
                # Indonesian names put their head first, so a known name of another kind
                # at the start of a longer entity is a merge ("Gedung Putih Karine", LOC):
                # keep the known name, drop the rest ("Kalimantan Timur" stays whole).
                out.append(inside[0])
            else:
                out.append(ent)  # "Kedutaan Besar Amerika Serikat" stays whole
        return out

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.matches(doc)
        if not gaz:
            return doc
        ents = self._split_merges(list(doc.ents), gaz)
        out: list[Span] = []
        replaced: set[int] = set()  # model entities a gazetteer name replaces
        ent_at = {}  # token -> index of the model entity covering it
        for i, e in enumerate(ents):
            ent_at.update((t, i) for t in range(e.start, e.end))
        for g in gaz:
            overlapping = sorted({ent_at[t] for t in range(g.start, g.end) if t in ent_at})
            if all(g.start <= ents[i].start and ents[i].end <= g.end for i in overlapping):
                out.append(g)  # exact, longer than the model's span, or a gap the model left
                replaced.update(overlapping)
        out += [e for i, e in enumerate(ents) if i not in replaced]
        doc.ents = filter_spans(out)
        return doc


@Language.factory("warta_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp)
