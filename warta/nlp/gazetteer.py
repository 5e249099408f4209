"""The gazetteer: names the news repeats, as EntityRuler patterns (data/gazetteer.tsv)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
    return tuple(rows)


def patterns() -> list[dict]:
    """EntityRuler phrase patterns; the pattern id carries the canonical name."""
    return [{"label": label, "pattern": name, "id": canonical} for label, name, canonical in entries()]


def canonical_names() -> dict[str, str]:
    """Surface form -> canonical name, for aliases the gazetteer knows ("AS")."""
    return {name: canonical for _, name, canonical in entries() if name != canonical}
