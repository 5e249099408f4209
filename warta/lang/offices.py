"""Indonesian offices by their newsroom short forms ("Menkeu" = "Menteri Keuangan"), so a
mention of an office ("kata Menkeu") can be read as a reference to its holder.

Hand-written: no library lists Indonesian cabinet and state office abbreviations.
"""

from __future__ import annotations

import re

# short form -> office (Indonesian national offices; a country qualifier other than
# RI makes the office foreign, see ``office_of``).
OFFICES = {
    "Presiden": "Presiden", "Wapres": "Wakil Presiden", "Wakil Presiden": "Wakil Presiden",
    "Menlu": "Menteri Luar Negeri", "Menkeu": "Menteri Keuangan", "Mendagri": "Menteri Dalam Negeri",
    "Menhan": "Menteri Pertahanan", "Menag": "Menteri Agama", "Mensos": "Menteri Sosial",
    "Menkes": "Menteri Kesehatan", "Mensesneg": "Menteri Sekretaris Negara",
    "Menaker": "Menteri Ketenagakerjaan", "Mendikdasmen": "Menteri Pendidikan Dasar dan Menengah",
    "Menhub": "Menteri Perhubungan", "Mentan": "Menteri Pertanian", "Mendag": "Menteri Perdagangan",
    "Menperin": "Menteri Perindustrian", "Menpora": "Menteri Pemuda dan Olahraga",
    "Menkominfo": "Menteri Komunikasi dan Informatika", "Menkomdigi": "Menteri Komunikasi dan Digital",
    "Menbud": "Menteri Kebudayaan", "Menpar": "Menteri Pariwisata", "Menkum": "Menteri Hukum",
    "Menteri ESDM": "Menteri Energi dan Sumber Daya Mineral", "Menteri BUMN": "Menteri Badan Usaha Milik Negara",
    "Menteri PU": "Menteri Pekerjaan Umum", "Menteri HAM": "Menteri Hak Asasi Manusia",
    "Kapolri": "Kepala Kepolisian Negara Republik Indonesia", "Panglima TNI": "Panglima TNI",
    "Jaksa Agung": "Jaksa Agung", "Seskab": "Sekretaris Kabinet", "Sekretaris Kabinet": "Sekretaris Kabinet",
    "Ketua DPR": "Ketua DPR", "Ketua MPR": "Ketua MPR", "Ketua KPK": "Ketua KPK",
    "Gubernur BI": "Gubernur Bank Indonesia",
}
# Military and police ranks, written before a name ("Kapolri Jenderal Listyo Sigit",
# "Letkol Teddy Indra Wijaya"): part of neither the office nor the name.
RANKS = frozenset("""
jenderal letjen mayjen brigjen kolonel letkol mayor kapten lettu letda letnan laksamana laksdya
laksda laksma marsekal marsdya marsda marsma komjen irjen kombes akbp kompol akp iptu ipda
aiptu aipda bripka brigpol briptu bripda serka sertu serda kopda praka pratu prada
""".split())
# Forms of address before a name ("Pak Luhut"): not a role.
HONORIFICS = frozenset("pak bu bapak ibu sdr saudara saudari tuan nyonya".split())
# Full titles map to themselves.
for _office in set(OFFICES.values()):
    OFFICES.setdefault(_office, _office)
_BY_LOWER = {k.lower(): v for k, v in OFFICES.items()}
# Words after an office that still belong to it and do not name a holder.
_QUALIFIER = re.compile(r"^(?:\s+(?:RI|Republik Indonesia|Indonesia))?")


def office_of(role: str | None) -> str | None:
    """The office a role phrase names ("Menteri Keuangan (Menkeu)", "Menkeu", "Menlu RI")
    or None; a foreign qualifier ("Menlu AS") is not an Indonesian office."""
    if not role:
        return None
    text = re.sub(r"\s*\([^)]*\)", "", role).strip()
    words = text.split()
    while words and words[-1].lower() in RANKS:
        words.pop()  # "Kapolri Jenderal"
    text = re.sub(r"\s+(?:RI|Republik Indonesia)$", "", " ".join(words))
    return _BY_LOWER.get(text.lower())


def stands_for_office(canonical: str | None, role: str | None) -> bool:
    """Whether a mention is an office standing for a person ("Menlu" with the role Menlu):
    its canonical is the office its role names. Across the store such a mention links to
    the office's holder at its article's date, so that article's date counts."""
    return bool(role) and canonical == office_of(role)


def office_pattern() -> re.Pattern:
    """Office short forms and titles as whole words, longest first, with an optional
    "RI" qualifier (``match.group(1)`` is the form)."""
    forms = sorted(OFFICES, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?:\s+RI)?(?![\w-])")
