"""Is a speaker a public figure (an official, expert or spokesperson) or a member of the
public? Kompas introduces the first kind with a role or an organisation ("Kepala
Bidang Humas Polda Metro Jaya Kombes Yusri Yunus", "Tri Maharini, dokter emergensi dari
...") and the second with an age or a neighbourhood ("Armanunsah (50), warga Temon").

Used to score against corpora that only annotate public figures (PFSA-ID). Hand-written:
a heuristic over the words around the speaker's first full mention.
"""

from __future__ import annotations

import re

from warta.claims.speech import lexicon

try:
    from warta.nlp.lexicon import ROLE_HEADS
    _ROLES = {h for h in ROLE_HEADS}
except ImportError:  # pragma: no cover
    _ROLES = set()

# Words that introduce a member of the public.
PUBLIC_MEMBER = {"warga", "pedagang", "ibu", "bapak", "petani", "pelajar", "mahasiswa", "sopir", "pengemudi",
                 "karyawan", "karyawati", "buruh", "nelayan", "penumpang", "pengunjung", "orangtua", "peserta",
                 "pemilik", "pekerja", "penjual", "pembeli", "siswa", "guru", "perajin", "pengrajin", "relawan",
                 "pasien", "penyintas", "korban", "tetangga", "suami", "istri", "anak", "ayah", "pemudik",
                 "wisatawan", "pelanggan", "konsumen", "pengusaha", "pegiat", "pemuda", "santri", "jemaah",
                 "penghuni", "penduduk", "tukang", "ojek", "kurir", "pedagang"}
_AGE = re.compile(r"^\s*\(\s*\d{1,3}\s*\)")
WINDOW = 90   # characters of context read on each side of the mention


def _role_words(context: str) -> bool:
    low = context.lower()
    words = re.findall(r"[\w-]+", low)
    if any(w in _ROLES or lexicon.word_class(w) in ("org", "person") and w not in PUBLIC_MEMBER for w in words):
        return True
    return any(len(w) >= 2 and w.isupper() for w in re.findall(r"[\w-]+", context))  # an acronym: KPU, BNPB


def is_public_figure(name: str, text: str) -> bool:
    """True unless the first full mention of ``name`` reads as a member of the public.
    A name not found in ``text`` (a description, an unresolved pronoun) counts as public."""
    pos = text.find(name)
    if pos < 0:
        return True
    before = text[max(0, pos - WINDOW):pos]
    before = re.split(r"[.!?”\"“]\s", before)[-1]          # same sentence only
    after = text[pos + len(name):pos + len(name) + WINDOW]
    after_clause = re.split(r"[.!?;]\s|,\s*(?:saat|ketika|di|pada|seusai|usai)\b", after)[0]
    appositive = after_clause.split(",")[1] if after_clause.lstrip().startswith(",") and "," in after_clause else ""
    lead = re.findall(r"[\w-]+", before.lower())[-3:]
    if any(w in PUBLIC_MEMBER for w in lead) or any(w in PUBLIC_MEMBER for w in re.findall(r"[\w-]+", appositive.lower())[:2]):
        return False
    if _role_words(before[-60:]) or _role_words(appositive):
        return True
    if _AGE.match(after):
        return False
    return True
