"""Is a speaker a public figure (an official, expert or spokesperson) or a member of the
public? Kompas introduces the first kind with a role or an organisation ("Kepala
Bidang Humas Polda Metro Jaya Kombes Yusri Yunus", "Tri Maharini, dokter emergensi dari
...") and the second with an age or an everyday description ("Armanunsah (50), warga
Temon", "Mato, salah satu sopir angkutan").

Every quote carries the answer as ``speaker_standing``, so a user can keep to officials'
and experts' statements (``warta quotes --standing public_figure``), and corpora that
annotate public figures only (PFSA-ID) are scored in their own scope. Hand-written (no
library classifies speakers): a heuristic over the words around the speaker's first full
mention.
"""

from __future__ import annotations

import re

from warta.claims.speech import lexicon
from warta.lang.words import ROLE_HEADS
from warta.settings import STANDING_WINDOW as WINDOW

_ROLES = {w for h in ROLE_HEADS for w in h.split()}

# Words that introduce a member of the public.
PUBLIC_MEMBER = {"warga", "pedagang", "ibu", "bapak", "petani", "pelajar", "mahasiswa", "sopir", "pengemudi",
                 "karyawan", "karyawati", "buruh", "nelayan", "penumpang", "pengunjung", "orangtua", "peserta",
                 "pemilik", "pekerja", "penjual", "pembeli", "siswa", "siswi", "guru", "perajin", "pengrajin",
                 "relawan", "pasien", "penyintas", "korban", "tetangga", "suami", "istri", "anak", "ayah",
                 "pemudik", "wisatawan", "pelanggan", "konsumen", "pegiat", "pemuda", "santri", "jemaah",
                 "penghuni", "penduduk", "tukang", "ojek", "kurir", "perempuan", "pria", "lelaki", "remaja",
                 "artis", "seniman", "pelaku", "ketua rt", "rt", "rw", "keluarga", "kakak", "adik", "nenek", "kakek",
                 "peternak", "pembudidaya", "sukarelawan", "agen", "saksi", "pengguna", "perantau", "pelari",
                 "pengendara", "penonton", "pendaki", "penyumbang", "donatur", "pelintas", "pengusaha", "ibu-ibu",
                 "bapak-bapak", "murid", "penggemar", "pencari", "pembaca", "pasangan"}
# Role words too loose to make an office on their own ("anggota kelompok", "pemilik").
_WEAK_ROLES = {"anggota", "pemilik", "pendiri", "founder", "wakil", "asisten", "pemimpin", "kapten", "imam", "ulama"}
_AGE = re.compile(r"^\s*\(\s*\d{1,3}\s*\)")
# "Salah satu sukarelawan, X" / "salah seorang pegawai bank": one of many, not an office.
_ONE_OF = re.compile(r"\bsalah\s+(?:satu|seorang)\b", re.I)
# The rest of a name written in full after the short form the speaker is known by
# ("Erni" -> "Erni Setyowati (45)"), so the age or appositive after it is read.
_NAME_REST = re.compile(r"(?:\s+(?:[A-Z][\w'’.-]*|bin|binti|van|de|al-\w+))*")
# A dateline ("BANDAR LAMPUNG, KOMPAS — ") is not part of the sentence that names the speaker.
_SENTENCE_BREAK = re.compile(r"[.!?”\"“]\s|\s[—–]\s")


def _words(text: str) -> list[str]:
    return re.findall(r"[\w-]+", text.lower())


def _has_role(text: str) -> bool:
    for w in _words(text):
        if w in PUBLIC_MEMBER:
            continue
        if w in _ROLES or lexicon.word_class(w) in ("org", "person"):
            return True
    return any(len(w) >= 2 and w.isupper() for w in re.findall(r"[\w-]+", text))  # an acronym: KPU, BNPB


def _first_mention(name: str, text: str) -> int:
    """Offset of ``name`` as whole words, or -1. str.find, not a regex with lookarounds:
    it runs once per speaker over the whole text."""
    pos = text.find(name)
    while pos >= 0:
        end = pos + len(name)
        if (pos == 0 or not text[pos - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return pos
        pos = text.find(name, pos + 1)
    return -1


def _institution(name: str) -> bool:
    """An acronym ("UNICEF", "KPU") or a name holding an organisation word ("Kementerian
    Kesehatan", "Gedung Putih")."""
    words = re.findall(r"[\w-]+", name)
    return (len(words) == 1 and len(name) >= 2 and name.isupper()) or any(
        lexicon.word_class(w.lower()) == "org" for w in words)


def _office(text: str) -> bool:
    """A title word of an office: "ketua", "direktur", "menteri", "juru bicara" ..."""
    return any(w in _ROLES and w not in PUBLIC_MEMBER and w not in _WEAK_ROLES for w in _words(text))


def standing(name: str, text: str) -> str | None:
    """``public_figure`` or ``member_of_public``, for ``Quote.speaker_standing``; None for
    a description that says neither ("kabel itu", "laporan tersebut": a document)."""
    if name[:1].islower():   # a description: its own words decide
        if any(w in PUBLIC_MEMBER for w in _words(name)):
            return "member_of_public"
        return "public_figure" if _has_role(name) else None
    return "public_figure" if is_public_figure(name, text) else "member_of_public"


def is_public_figure(name: str, text: str) -> bool:
    """False when the first full mention of ``name`` reads as a member of the public: an
    everyday description next to it, or an age with no role. A description ("sumber",
    "perempuan itu") counts only when it holds a role word; a name not in ``text`` counts."""
    if name[:1].islower():
        return _has_role(name) and not any(w in PUBLIC_MEMBER for w in _words(name))
    if _institution(name):
        return True   # an organisation speaks through its officials
    pos = _first_mention(name, text)
    if pos < 0:
        return True
    name = name + _NAME_REST.match(text, pos + len(name)).group(0)
    before = _SENTENCE_BREAK.split(text[max(0, pos - WINDOW):pos])[-1]   # same sentence
    segments = before.split(",")
    own = segments[-1]                                    # "Wali Kota Manado " + name
    previous = segments[-2] if len(segments) > 1 and not own.strip() else ""   # "siswa SMA 31, " + name
    after = text[pos + len(name):pos + len(name) + WINDOW]
    appositive = ""
    if after.lstrip().startswith(","):
        appositive = after.split(",")[1] if after.count(",") >= 1 else ""
    # An office held outright ("Ketua Umum Ikatan Pedagang Pasar ...", "Direktur ... PLN")
    # outweighs any everyday word in the body's name.
    if _office(own) or _office(appositive):
        return True
    near = _words(own)[-3:] + _words(previous)[:3] + _words(appositive)[:4]
    if any(w in PUBLIC_MEMBER for w in near):
        return False
    if _ONE_OF.search(own) or _ONE_OF.search(previous) or _ONE_OF.match(appositive.strip()):
        return False
    role = _has_role(own) or _has_role(previous) or _has_role(appositive)
    if _AGE.match(after) and not (_has_role(own) and own.strip()):
        return False
    return role or not _AGE.match(after)
