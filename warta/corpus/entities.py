"""Entities across articles: the stored mentions grouped by canonical name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional


@dataclass
class EntityEntry:
    canonical: str
    label: str
    aliases: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    mentions: int = 0


def aggregate(mentions: Iterable[tuple[str, dict]], label: Optional[str] = None) -> list[EntityEntry]:
    """Group (article id, entity dict) pairs by (canonical, label); most articles first."""
    entries: dict[tuple[str, str], EntityEntry] = {}
    for article_id, ent in mentions:
        if label and ent.get("label") != label:
            continue
        canonical = ent.get("canonical") or ent["text"]
        key = (canonical, ent["label"])
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = EntityEntry(canonical=canonical, label=ent["label"])
        entry.mentions += 1
        entry.articles.add(article_id)
        if ent["text"] != canonical:
            entry.aliases[ent["text"]] += 1
        if ent.get("role"):
            entry.roles[ent["role"]] += 1
    return sorted(entries.values(), key=lambda e: (-len(e.articles), -e.mentions, e.canonical))


def matching(mentions: Iterable[tuple[str, dict]], name: str) -> list[tuple[str, dict]]:
    """Mentions of every entity whose canonical name or any surface form is ``name``
    (case-insensitive)."""
    mentions = list(mentions)
    wanted = name.casefold()
    canonicals = {(m.get("canonical") or m["text"]) for _, m in mentions
                  if wanted in ((m.get("canonical") or "").casefold(), m["text"].casefold())}
    return [(a, m) for a, m in mentions if (m.get("canonical") or m["text"]) in canonicals]
