"""spaCy's Indonesian tokenizer for scraped news: its exceptions added as texts need them,
title abbreviations kept whole, glued sentences split, and its cost linear in the text."""

from __future__ import annotations

import re
from typing import Iterable

import ahocorasick_rs
from spacy import util
from spacy.lang.tokenizer_exceptions import URL_PATTERN
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, registry

from warta.lang.words import TITLE_ABBREVIATIONS

# "PBB.Lalu": a sentence glued after an acronym. spaCy only splits "a.B" (lower.Upper).
_GLUED_AFTER_ACRONYM = r"(?<=[A-Z]{2})\.(?=[A-Z][a-z])"

# spaCy strips affixes one at a time from a whitespace-free chunk and runs its regexes on
# the rest of the chunk each time: with a prefix regex run by ``search`` (it scans every
# position when there is no prefix), an end-anchored suffix regex and a URL regex that
# backtracks, a chunk of L characters cost O(L^2) or worse (4,000 quote marks: 6 s;
# 100,000: minutes). The same rules, bounded (``customize``): the prefix regex is matched
# at the start only, the suffix regex searched in the chunk's tail (suffixes are at most
# 9 characters or a run of dots), the URL regex skips its "user:pass@" part when there is
# no "@" and is not tried on chunks over MAX_URL characters. A chunk longer than MAX_CHUNK
# (no word or URL is that long) is not prose: ``LazyTokenizer`` cuts it into
# PIECE-character tokens without spaCy's rules (``bounded_tokens``), in linear time and
# with few tokens for the later stages.
SUFFIX_WINDOW = 24
_LOOKBEHIND = 8  # spaCy's suffix rules look back a few characters at most
MAX_URL = 300
_URL_WITHOUT_AUTH = re.compile("(?u)" + URL_PATTERN.replace(r"(?:\S+(?::\S*)?@)?", "", 1))
MAX_CHUNK = 2000
PIECE = 100
_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")


def _squeeze(text: str) -> str:
    return "".join(text.split())


class LazyTokenizer(Tokenizer):
    """spaCy's ``Tokenizer`` that adds each special case (the ~16,000 Indonesian
    exceptions: "abu-abu", "S.T.P.") the first time a text could use it, instead of all
    of them at load: spaCy adds every rule through ``add_special_case`` (validation,
    affix regexes, a phrase-matcher pattern), which took ~2 s per load, and it has no
    serialised form of the built tables that a disk cache could restore.

    Tokens are identical to spaCy's: a rule can only act on a text containing it. Both
    of spaCy's ways to apply one — looking a chunk up, and the phrase matcher over the
    affix-split tokens, which matches token texts regardless of the single spaces
    between them — need the rule's characters, whitespace removed, in the text's
    characters, whitespace removed. So every rule whose squeezed form occurs in the
    squeezed text (found with one Aho-Corasick pass) is added before the text is
    tokenised; a rule that squeezes to nothing (a tab) is added at once. Rules already
    added stay.

    spaCy empties its chunk cache at every ``add_special_case``; here a rule added for a
    text does not, because no cached entry can be stale: spaCy caches only chunks in which
    no special case fired, so an entry is the chunk's plain tokenisation, and it goes stale
    only when a rule inside the chunk is added later — impossible for a chunk of an
    earlier text, as that rule was in the earlier text too and was added before it. The
    only other entries are the pieces of a rule written with spaces (spaCy caches the
    tokens it computes for each rule): adding one of those still empties the cache.
    Flushing at every new rule kept the cache cold while rules were being added, costing
    ~3 s per 1,000 articles.
    """

    def __init__(self, vocab, rules=None, **kwargs):
        self._pending: dict[str, list] = {}
        self._finder = None
        self._keep_cache = False
        self._chunks_seen: set[str] = set()
        super().__init__(vocab, rules=None, **kwargs)
        if rules:
            self.rules = rules

    @property
    def rules(self) -> dict:
        return {**self._pending, **Tokenizer.rules.__get__(self)}

    @rules.setter
    def rules(self, rules: dict) -> None:
        Tokenizer.rules.__set__(self, {})  # resets spaCy's tables and cache
        self._chunks_seen = set()
        self._pending = {}
        self._finder = None
        now = {}
        for string, substrings in (rules or {}).items():
            (self._pending if _squeeze(string) else now)[string] = substrings
        for string, substrings in sorted(now.items()):
            Tokenizer.add_special_case(self, string, substrings)

    def add_special_case(self, string: str, substrings) -> None:
        # A rule added by hand replaces a pending one of the same string, as in spaCy.
        self._pending.pop(string, None)
        self._finder = None  # the finder knows every rule, this one too
        Tokenizer.add_special_case(self, string, substrings)

    def _rule_finder(self):
        """Aho-Corasick over the squeezed form of every rule, pending or added (None when
        there are none); ``self._squeezed`` maps a squeezed form to its rules."""
        if self._finder is None:
            self._squeezed: dict[str, list[str]] = {}
            for string in self.rules:
                if _squeeze(string):
                    self._squeezed.setdefault(_squeeze(string), []).append(string)
            self._finder = ahocorasick_rs.AhoCorasick(list(self._squeezed)) if self._squeezed else False
        return self._finder or None

    def _add_rules_for(self, text: str) -> None:
        if not self._pending:
            return
        finder = self._rule_finder()
        if finder is None:
            return
        found = set(finder.find_matches_as_strings(_squeeze(text), overlapping=True))
        strings = sorted(s for key in found for s in self._squeezed[key] if s in self._pending)
        if not strings:
            return
        self._keep_cache = True
        try:
            for string in strings:
                Tokenizer.add_special_case(self, string, self._pending.pop(string))
        finally:
            self._keep_cache = False
        if any(len(s.split()) > 1 for s in strings):
            self._flush_cache()

    def _flush_cache(self):
        # Called by spaCy's add_special_case and affix setters (see the class docstring).
        if not self._keep_cache:
            Tokenizer._flush_cache(self)
            self._chunks_seen = set()

    def _cache_chunks(self, text: str) -> None:
        """Put the text's chunks (whitespace-free runs) in spaCy's cache before the text is
        tokenised. spaCy caches a chunk's tokens only while no special case has fired in
        the *text* (its flag is per text, not per chunk: spaCy issue #1250), so in news,
        where an exception ("dll.", "abu-abu") comes early, most chunks were split by the
        affix regexes again at every occurrence. A chunk's tokens depend on the chunk alone
        (spaCy's cache relies on it), so a chunk not met before is tokenised once on its
        own, which caches it unless a special case fires in it; the text's own call then
        finds it there. Tokenising 300 detik articles a second time: 0.50 -> 0.11 s (the
        first time 0.83 -> 0.65 s); the same tokens (tests/test_startup.py).

        A special case fires in a chunk only if the chunk holds the rule's string, so the
        chunks holding no rule's string (~7 in 8 in detik) are tokenised together, joined by
        single spaces: none of them can stop spaCy caching the others, and the ~10 µs of
        a spaCy call per chunk is paid once per text."""
        seen = self._chunks_seen
        if len(seen) >= self.max_cache_size:  # spaCy's cache is full and caches no more
            return
        new = [c for c in dict.fromkeys(text.split()) if c not in seen]  # in text order
        seen.update(new)
        finder = self._rule_finder()
        plain = []
        for chunk in new:
            if len(chunk) > MAX_CHUNK:  # cut by bounded_tokens, never cached
                continue
            if finder is not None and finder.find_matches_as_strings(chunk):
                Tokenizer.__call__(self, chunk)  # a rule may fire in it: alone
            else:
                plain.append(chunk)
        if plain:
            Tokenizer.__call__(self, " ".join(plain))

    def __call__(self, text: str):
        self._add_rules_for(text)
        self._cache_chunks(text)
        return bounded_tokens(lambda t: Tokenizer.__call__(self, t), self.vocab, text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def explain(self, text: str):
        self._add_rules_for(text)
        return Tokenizer.explain(self, text)

    def to_bytes(self, *, exclude=tuple()):
        # Serialise every rule, pending or added.
        self._add_all()
        return Tokenizer.to_bytes(self, exclude=exclude)

    def _add_all(self) -> None:
        for string in sorted(self._pending):
            Tokenizer.add_special_case(self, string, self._pending.pop(string))
        self._finder = None

    def __reduce__(self):
        self._add_all()
        return Tokenizer.__reduce__(self)


@registry.tokenizers("warta.LazyTokenizer.v1")
def create_lazy_tokenizer():
    """spaCy's default tokenizer factory (spacy.Tokenizer.v1) with ``LazyTokenizer``."""
    def factory(nlp: Language) -> LazyTokenizer:
        d = nlp.Defaults
        return LazyTokenizer(
            nlp.vocab, rules=d.tokenizer_exceptions,
            prefix_search=util.compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            suffix_search=util.compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            infix_finditer=util.compile_infix_regex(d.infixes).finditer if d.infixes else None,
            token_match=d.token_match, url_match=d.url_match, max_cache_size=CACHE_CHUNKS)
    return factory


# spaCy caches the tokens of this many distinct chunks (words with their punctuation) and
# stops caching when full (10,000 by default, fewer than detik-1000's distinct chunks);
# ~100 bytes each. Tokenising 1,000 detik articles a second time: 3.1 -> 2.8 s.
CACHE_CHUNKS = 200_000

# Passed to spacy.load / spacy.blank so the tokenizer is a LazyTokenizer from the start.
LAZY_TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "warta.LazyTokenizer.v1"}}}


def bounded_tokens(tokenize, vocab, text: str) -> Doc:
    """``tokenize(text)``, except that whitespace-free chunks longer than MAX_CHUNK are cut
    into PIECE-character tokens (the text is unchanged)."""
    if len(text) <= MAX_CHUNK or not _LONG_CHUNK.search(text):
        return tokenize(text)
    docs, pos = [], 0
    for m in _LONG_CHUNK.finditer(text):
        if m.start() > pos:
            docs.append(tokenize(text[pos:m.start()]))
        words = [text[i:min(i + PIECE, m.end())] for i in range(m.start(), m.end(), PIECE)]
        spaces = [False] * len(words)
        pos = m.end()
        if text.startswith(" ", pos):  # one space after a token is its whitespace, as in spaCy
            spaces[-1] = True
            pos += 1
        docs.append(Doc(vocab, words=words, spaces=spaces))
    if pos < len(text):
        docs.append(tokenize(text[pos:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


def _tail_suffix(search):
    """``search`` (an end-anchored suffix regex) run on the last SUFFIX_WINDOW characters;
    the whole string is searched only when the suffix found reaches near the window's
    start (a run of dots "....." is one suffix however long), so the answer is the same."""
    def tail_search(string: str):
        if len(string) <= SUFFIX_WINDOW:
            return search(string)
        m = search(string, len(string) - SUFFIX_WINDOW)
        if m is not None and m.start() - (len(string) - SUFFIX_WINDOW) >= _LOOKBEHIND:
            return m
        return search(string)
    return tail_search


def _bounded_url_match(url_match):
    def bounded(string: str):
        if len(string) > MAX_URL:
            return None
        return url_match(string) if "@" in string else _URL_WITHOUT_AUTH.match(string)
    return bounded


def customize(nlp: Language) -> Language:
    """Keep title abbreviations whole ("Jl.", "Kab.") and split glued sentences; bound the
    cost of spaCy's affix and URL rules on long chunks (same tokens)."""
    tokenizer = nlp.tokenizer
    for abbr in TITLE_ABBREVIATIONS:
        if "." in abbr[:-1]:
            continue  # "K.H.", "a.n." are handled by the base exceptions/regexes
        tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    infixes = list(nlp.Defaults.infixes) + [_GLUED_AFTER_ACRONYM]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    if tokenizer.prefix_search is not None:
        # every alternative starts with "^" (spacy.util.compile_prefix_regex): match == search
        tokenizer.prefix_search = tokenizer.prefix_search.__self__.match
    if tokenizer.suffix_search is not None:
        tokenizer.suffix_search = _tail_suffix(tokenizer.suffix_search)
    if tokenizer.url_match is not None:
        tokenizer.url_match = _bounded_url_match(tokenizer.url_match)
    return nlp
