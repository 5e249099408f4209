"""Reader for the PFSA-ID corpus (Kompas news, token-per-line BILOU tags: STATEMENT, CUE,
PERSON, PERSONCOREF, CUECOREF, ...; see ../shared/data/quotes/pfsa-id/README.md).

A file is ONE tag stream: a statement runs on across the blank lines that separate
sentence blocks. Articles are not delimited; each starts with a "CITY , KOMPAS —"
dateline. Tokens are put back into running text (``detokenize``) with a character
offset per token, so the quote extractor runs on text like the newspaper's and its
spans map back to tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

NO_SPACE_BEFORE = set(",.;:?!)]}%") | {"...", "…"}
NO_SPACE_AFTER = set("([{")
JOINERS = {"/", "-"}   # "13 / 04 / 2020" -> "13/04/2020", "Covid - 19" -> "Covid-19"
OPEN_MARKS = {"“", "‘"}
SYMMETRIC_MARKS = {"”", '"'}


@dataclass
class Span:
    label: str
    first: int   # token indices, inclusive
    last: int


@dataclass
class PfsaArticle:
    tokens: list[str]
    tags: list[str]
    block_ends: set[int]                 # token indices that end a blank-line block
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def char_span(self, span: Span) -> tuple[int, int]:
        return self.offsets[span.first][0], self.offsets[span.last][1]

    def of(self, label: str) -> list[Span]:
        return [s for s in self.spans if s.label == label]


def _read_stream(path: Path) -> tuple[list[str], list[str], set[int]]:
    tokens, tags, ends = [], [], set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    ends.add(len(tokens) - 1)
                continue
            if "\t" in line:
                tok, tag = line.rsplit("\t", 1)
            else:
                parts = line.rsplit(" ", 1)
                if len(parts) != 2:
                    raise ValueError(f"{path}:{lineno}: expected 'token<TAB>tag', got {line!r}")
                tok, tag = parts
            tokens.append(tok)
            tags.append(tag.strip())
    if tokens:
        ends.add(len(tokens) - 1)
    return tokens, tags, ends


def _dateline_starts(tokens: list[str], ends: set[int]) -> list[int]:
    """Token indices where an article starts: the block holding "CITY , KOMPAS —"."""
    starts = [0]
    block_start = 0
    for i, tok in enumerate(tokens):
        if tok == "KOMPAS" and 0 < i - block_start <= 8 and tokens[i - 1] == "," and block_start > starts[-1]:
            starts.append(block_start)
        if i in ends:
            block_start = i + 1
    return starts


def bilou_spans(tags: list[str]) -> list[Span]:
    spans: list[Span] = []
    cur: Span | None = None
    for i, tag in enumerate(tags):
        if tag == "O" or "-" not in tag:
            cur = None
            continue
        prefix, label = tag.split("-", 1)
        if prefix in ("B", "U") or cur is None or cur.label != label:
            cur = Span(label, i, i)
            spans.append(cur)
        else:
            cur.last = i
        if prefix in ("L", "U"):
            cur = None
    return spans


def detokenize(tokens: list[str], block_ends: set[int]) -> tuple[str, list[tuple[int, int]]]:
    """Running text and (start, end) per token. Kompas writes ” at both ends of a quote:
    a mark ending a block opens a quote (the corpus' sentence splitter left opening
    marks at the end of the previous sentence), one after a comma closes it, and
    otherwise marks alternate."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    inside = False
    glue_next = False
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        opening = closing = False
        if tok in OPEN_MARKS:
            opening, inside = True, True
        elif tok in SYMMETRIC_MARKS:
            if prev == ",":
                closing = True
            elif i in block_ends:
                opening = True
            else:
                opening = not inside
                closing = inside
            inside = opening
        elif tok in ("’",) and inside:
            closing = True
        space = bool(parts) and not glue_next and not closing and tok not in NO_SPACE_BEFORE
        if tok in JOINERS and prev[-1:].isalnum() and i + 1 < len(tokens) and tokens[i + 1][:1].isalnum():
            space = False
        if prev in JOINERS and i >= 2 and tokens[i - 2][-1:].isalnum() and tok[:1].isalnum():
            space = False
        if space:
            parts.append(" ")
            pos += 1
        parts.append(tok)
        offsets.append((pos, pos + len(tok)))
        pos += len(tok)
        glue_next = opening or tok in NO_SPACE_AFTER
    return "".join(parts), offsets


def _long_sentences(text: str) -> set[str]:
    return {s for s in text.split(". ") if len(s) > 60}


def read_pfsa(path: str | Path, unseen_in: str | Path | None = None) -> list[PfsaArticle]:
    """The articles of a PFSA-ID file; with ``unseen_in``, only those sharing no sentence
    (of more than 60 characters) with that file's articles. PFSA-ID-MED partly repeats
    PFSA-ID, so its unseen part is a held-out test for rules developed on dev-40."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"PFSA-ID file not found: {path}")
    tokens, tags, ends = _read_stream(path)
    starts = _dateline_starts(tokens, ends) + [len(tokens)]
    articles = []
    for a, b in zip(starts, starts[1:]):
        if b <= a:
            continue
        local_ends = {e - a for e in ends if a <= e < b}
        art = PfsaArticle(tokens[a:b], tags[a:b], local_ends)
        art.text, art.offsets = detokenize(art.tokens, local_ends)
        art.spans = bilou_spans(art.tags)
        articles.append(art)
    if unseen_in is not None:
        seen = set().union(*(_long_sentences(a.text) for a in read_pfsa(unseen_in)))
        articles = [a for a in articles if not _long_sentences(a.text) & seen]
    return articles
