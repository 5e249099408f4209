"""Article ids, without spaCy or any other heavy import (ingest and the store use them).

``content_id`` is the id of an article that brings none of its own and the key the store
de-duplicates on; ``url_id`` is a stable key for a page address."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SPACE = re.compile(r"\s+")
_SPLIT_MAX_CHARS = 200_000
# Query parameters that track a click, not a page ("?utm_source=twitter").
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|src)$", re.I)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def content_id(raw_text: str) -> str:
    """Stable id from content: whitespace-insensitive, so a re-scrape with other line
    breaks is still the same article."""
    # (runs of whitespace as one space, none at the ends: ``" ".join(text.split())`` is
    # ``re.sub(r"\s+", " ", text).strip()`` — str.split, str.strip and the regex's \s
    # take the same characters for whitespace (tests/test_ids.py) — 5x faster, but it
    # holds every word as an object at once: a long text goes through the regex)
    if len(raw_text) <= _SPLIT_MAX_CHARS:
        return _digest(" ".join(raw_text.split()).lower())
    return _digest(_SPACE.sub(" ", raw_text).strip().lower())


def normalise_url(url: str) -> str:
    """The address without what does not change the page: scheme and host case, a
    trailing slash, the #fragment, tracking parameters, "www."."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower() or "http", host, parts.path.rstrip("/") or "/", query, ""))


def url_id(url: str) -> str:
    """Stable id of a page address (``normalise_url``): http/https, "www." and tracking
    parameters do not change it."""
    return _digest(normalise_url(url).split("://", 1)[-1])


# Near-duplicate fingerprint (wire copies, press releases republished): word shingles
# hashed into a MinHash signature. 5-word shingles: long enough that two different
# articles on one event share few (measured on detik-1000, see corpus/wire.py), short
# enough that an edited copy keeps most.
SHINGLE_WORDS = 5
MINHASH_PERMUTATIONS = 64
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The set of k-word sequences of ``text`` (lower-cased words); a text shorter than
    k words is one shingle."""
    words = _TOKEN.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def fingerprint(text: str, num_perm: int = MINHASH_PERMUTATIONS):
    """MinHash signature of ``text``'s shingles (datasketch, imported here only: it pulls
    in numpy/scipy, which nothing else in this module needs)."""
    from datasketch import MinHash

    template = _TEMPLATES.get(num_perm)
    if template is None:  # drawing the permutations is a quarter of a fingerprint's time: once
        template = _TEMPLATES[num_perm] = MinHash(num_perm=num_perm)
    sig = MinHash(num_perm=num_perm, permutations=template.permutations, scheme=template.scheme)
    sig.update_batch([s.encode("utf-8") for s in shingles(text)])
    return sig


_TEMPLATES: dict = {}
