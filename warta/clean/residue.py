"""Find scrape residue (captions, ad labels, widgets, teasers, comment forms ...) in raw text.

Residue is found line by line, because scrapers keep page furniture on lines of its own
(or glue several pieces of it onto one line). The patterns live in ``data/residue.tsv``;
this module applies them in numbered steps:

1. lexicon lines: a whole line matching a ``line`` rule ("SCROLL TO CONTINUE WITH CONTENT");
2. chrome lines: a line made mostly of glued ``widget`` phrases ("IklanIklan+ IKUTI...");
3. leading captions: English caption lines before an Indonesian article body;
4. orphans: one- or two-word fragments above everything else, next to chrome, or after
   the article's last paragraph (a section label, a navigation crumb, a stray "Tiang").

Steps 2-4 are heuristics over the page layout; HTML input (already extracted by
trafilatura) gets step 1 only. No library does this for plain scraped text (trafilatura
needs the HTML tree), hence the hand-written rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warta.wordscan import lacks_words, leading_words

_DATA = Path(__file__).parent / "data"

# A line ending like a sentence: terminal punctuation, optionally inside closing quotes.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s*$")
_DURATION = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# "date 2023-10": the date stamp some scrapers prefix to an image caption.
_CAPTION_DATE = re.compile(r"^\s*date \d{4}-\d{2}(-\d{2})?\b", re.I)

# Function words that mark a line as Indonesian / English (for caption detection only).
_ID_WORDS = frozenset(
    "yang dan di ke dari untuk dengan pada dalam ini itu tidak akan telah sudah adalah "
    "oleh atau juga karena bahwa tersebut para sebagai mereka kami kita saat setelah "
    "tentang bagi antara hingga serta namun masih lebih".split())
_EN_WORDS = frozenset(
    "the of at in on and to a an is are was were with for from by as his her their "
    "after before during amid during 's".split())

# Tuning constants, calibrated on the detik-1000 corpus and the hand-written examples.
CHROME_MIN_WIDGETS = 2        # glued widget phrases needed to call a line chrome
CHROME_MAX_LEFTOVER_WORDS = 12  # words outside widget phrases a chrome line may hold
ORPHAN_MAX_WORDS = 2          # a stray fragment is at most this many words
VIDEO_TITLE_MAX_WORDS = 25    # a video title under its duration is a headline, not a paragraph
HEAD_LINES = 3                # leading lines examined for captions


@dataclass(frozen=True)
class Line:
    start: int  # raw offset of the first non-space character
    end: int    # raw offset after the last non-space character
    text: str   # stripped line

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class Residue:
    start: int
    end: int
    reason: str


@lru_cache(maxsize=1)
def _rules() -> tuple[list[tuple[str, re.Pattern]], list[tuple[str, re.Pattern]]]:
    line_rules, widget_rules = [], []
    for row in (_DATA / "residue.tsv").read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        kind, reason, pattern = row.split("\t", 2)
        if kind == "line":
            line_rules.append((reason, re.compile(pattern, re.I)))
        elif kind == "widget":
            widget_rules.append((reason, re.compile(pattern, re.I)))
        else:
            raise ValueError(f"residue.tsv: unknown rule kind {kind!r}")
    return line_rules, widget_rules


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw_line in text.splitlines(keepends=True):
        body = raw_line.rstrip("\r\n")
        stripped = body.strip()
        lead = len(body) - len(body.lstrip())
        lines.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw_line)
    return lines


@lru_cache(maxsize=1)
def _line_rules_by_initial() -> dict[str, list[tuple[str, re.Pattern, tuple[str, ...] | None]]]:
    """For each first character of a lower-cased ASCII line, the line rules (in their
    order) that could match a line beginning with it: those with a leading word
    (``wordscan.leading_words``) beginning with it, each with its words, and those whose
    leading words cannot be told (None: always tried)."""
    rules = [(reason, pattern, tuple(sorted(words)) if (words := leading_words(pattern)) else None)
             for reason, pattern in _rules()[0]]
    return {chr(c): [r for r in rules if r[2] is None or any(w.startswith(chr(c)) for w in r[2])]
            for c in range(128)}


def line_rule_reason(text: str) -> str | None:
    """Step 1: the reason a whole line is residue by the lexicon, or None.

    A rule matches the whole line, so an ASCII line (whose lower case re.I matches
    exactly as ASCII letters fold) that begins with none of the rule's leading words
    cannot match it: most lines are decided by a few ``startswith`` instead of 21
    fullmatches."""
    if not text or not text.isascii():
        return next((reason for reason, pattern in _rules()[0] if pattern.fullmatch(text)), None)
    lowered = text.lower()
    for reason, pattern, starts in _line_rules_by_initial()[lowered[0]]:
        if (starts is None or lowered.startswith(starts)) and pattern.fullmatch(text):
            return reason
    return None


# Every widget rule's match contains one of these words (see ``data/residue.tsv``): a
# line without any (most lines) has no widget phrase, and a few substring tests say so
# instead of nine regex scans (``wordscan.lacks_words``: ASCII lines only, as re.I folds
# more than ASCII case). ``tests/test_clean.py`` checks each rule against this list.
_WIDGET_WORDS = (
    "iklan", "advertisement", "follow", "ikuti", "mengatur lebih banyak dengan",
    "umpan berita yang dipersonalisasi", "personalised news feed", "pelajari lebih lanjut",
    "learn more", "mengapa anda bisa mempercayai", "why you can trust", "published", "updated",
    "diterbitkan", "diperbarui", "bagikan", "share ")


def widget_spans(text: str) -> list[tuple[int, int, str]]:
    """Widget phrases inside a line, as (start, end, reason), non-overlapping."""
    found: list[tuple[int, int, str]] = []
    if lacks_words(text, _WIDGET_WORDS):
        return found
    for reason, pattern in _rules()[1]:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), reason))
    return sorted(found)


def is_chrome_line(text: str) -> bool:
    """Step 2: several widget phrases glued together, with little else but labels."""
    spans = widget_spans(text)
    if len(spans) < CHROME_MIN_WIDGETS:
        return False
    leftover, pos = [], 0
    for s, e, _ in spans:
        leftover.append(text[pos:s])
        pos = e
    leftover.append(text[pos:])
    rest = " ".join(leftover)
    if re.search(r"[a-z]{2}[.!?]\s+[A-Z]", rest):  # a sentence hides in it: not chrome
        return False
    return len(_WORD.findall(rest)) <= CHROME_MAX_LEFTOVER_WORDS


def _words(text: str) -> list[str]:
    """The lower-cased words of ``text``.

    Lowering the whole text first gives the same words (and is faster than lowering each)
    when no character lowers to several (same length) and there is no capital sigma (the
    one letter whose lower case depends on its neighbours): then every character lowers on
    its own to one character of the same ``_WORD`` classes (checked for every code point in
    ``tests/test_clean.py``), so the matches fall on the same offsets."""
    lowered = text.lower()
    if len(lowered) == len(text) and "\u03a3" not in text:
        return _WORD.findall(lowered)
    return [w.lower() for w in _WORD.findall(text)]


def is_indonesian(text: str) -> bool:
    words = _words(text)
    return sum(map(_ID_WORDS.__contains__, words)) >= max(3, len(words) // 20)


def is_english_caption(text: str) -> bool:
    """Step 3: a caption in English (no Indonesian function words, some English ones,
    no full stop), or any line carrying a scraper's caption date stamp."""
    if _CAPTION_DATE.match(text):
        return True
    words = _words(text)
    if len(words) < 4 or _SENTENCE_END.search(text):
        return False
    if any(w in _ID_WORDS for w in words):
        return False
    # English function words count in lower case only: "AS" (Amerika Serikat) and a
    # capitalised "The Fed" in an Indonesian headline are no English.
    lower = [w for w in _WORD.findall(text) if w.islower()]
    return any(w in _EN_WORDS for w in lower) or bool(re.search(r"\w['’]s\b", text))


def is_orphan(text: str) -> bool:
    """A fragment that is no sentence: one or two words, no punctuation, no digits."""
    if _SENTENCE_END.search(text) or text.endswith(":") or re.search(r"\d", text):
        return False
    return 0 < len(_WORD.findall(text)) <= ORPHAN_MAX_WORDS and len(text) <= 30


def find_residue(text: str, *, safe_only: bool = False) -> list[Residue]:
    """All residue lines of ``text`` (raw offsets, stripped line spans), in order."""
    lines = split_lines(text)
    reasons: dict[int, str] = {}
    # An ASCII text holding no widget word holds none in any line: no chrome line.
    chrome = not safe_only and not lacks_words(text, _WIDGET_WORDS)
    for i, line in enumerate(lines):
        if line.blank:
            continue
        reason = line_rule_reason(line.text)
        if reason is None and chrome and is_chrome_line(line.text):
            reason = "page-chrome"
        if reason:
            reasons[i] = reason
    if not safe_only:
        _video_titles(lines, reasons)
        _leading_captions(text, lines, reasons)
        _orphans(lines, reasons)
    return [Residue(lines[i].start, lines[i].end, r) for i, r in sorted(reasons.items())]


def _content(lines: list[Line], reasons: dict[int, str]) -> list[int]:
    return [i for i, ln in enumerate(lines) if not ln.blank and i not in reasons]


def _leading_captions(text: str, lines: list[Line], reasons: dict[int, str]) -> None:
    if not is_indonesian(text):
        return  # an English article's first line is no caption
    for i in _content(lines, reasons)[:HEAD_LINES]:
        if is_english_caption(lines[i].text):
            reasons[i] = "image-caption"
        elif is_indonesian(lines[i].text) or _SENTENCE_END.search(lines[i].text):
            break  # the article body has begun


def _video_titles(lines: list[Line], reasons: dict[int, str]) -> None:
    """The title line under a video's duration ("02:42" then "Warga berlindung ...")."""
    for i, reason in list(reasons.items()):
        if reason != "video" or not _DURATION.fullmatch(lines[i].text):
            continue
        nxt = next((j for j in range(i + 1, len(lines)) if not lines[j].blank), None)
        if (nxt is not None and nxt not in reasons and not _SENTENCE_END.search(lines[nxt].text)
                and len(lines[nxt].text.split()) <= VIDEO_TITLE_MAX_WORDS):
            reasons[nxt] = "video"


def _orphans(lines: list[Line], reasons: dict[int, str]) -> None:
    content = _content(lines, reasons)
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    for i in content:
        if not is_orphan(lines[i].text):
            continue
        k = nonblank.index(i)
        prev_i = nonblank[k - 1] if k > 0 else None
        next_i = nonblank[k + 1] if k + 1 < len(nonblank) else None
        # Head: a label above everything else ("Internasional", "DuniaTimur Tengah").
        at_head = all(j in reasons for j in nonblank[:k]) and next_i is not None
        beside_chrome = any(j is not None and reasons.get(j) == "page-chrome" for j in (prev_i, next_i))
        # Tail: after a finished paragraph, with only residue (or nothing) below it.
        in_tail = (prev_i is not None and prev_i not in reasons
                   and bool(_SENTENCE_END.search(lines[prev_i].text))
                   and all(j in reasons for j in nonblank[k + 1:]))
        if beside_chrome or in_tail or at_head:
            reasons[i] = "orphan"
