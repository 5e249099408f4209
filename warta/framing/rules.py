"""Context rules: whether a lexicon match is loaded where it stands (specs/framing.md,
"the same word depends on its role"), and how far an actor label reaches.

Each rule sees the tokens and the match [i, j) and answers yes/no; none reads an
article's exact words, only the word classes below.
"""

from __future__ import annotations

from typing import Callable

from warta.framing.tokens import Token

# Parties of the war, and places whose names follow them ("Perlawanan Yaman").
PARTIES = {"israel", "zionis", "hamas", "hizbullah", "houthi", "idf", "palestina", "gaza", "yaman",
            "lebanon", "irak", "iran", "suriah", "islam", "al-qassam", "qassam", "jihad", "tel", "netanyahu"}
_GROUP_NOUNS = {"kelompok", "poros", "gerakan", "faksi", "front", "milisi", "pasukan", "sayap", "kubu", "aliansi"}
_NOT_A_LABEL_BEFORE = {"melakukan", "tanpa", "simbol", "bentuk", "aksi"}
_VERBAL_AFTER = {"terhadap", "atas", "saat", "ketika", "petugas", "polisi", "aparat"}
_NOT_ARMED_AFTER = {"ham", "kemerdekaan", "lingkungan", "hak", "demokrasi", "keadilan", "perempuan", "buruh",
                    "kemanusiaan", "pendidikan", "literasi"}
_PRICES = {"harga", "inflasi", "kurs", "tarif", "biaya", "ongkos", "saham", "rupiah", "dolar"}
_LITERAL_SHAKE = {"gempa", "ledakan", "getaran", "bom", "lindu", "tsunami", "guncangan", "turbulensi"}
_REGIME_STOP = {"yang", "dan", "di", "ke", "dari", "untuk", "dengan", "atas", "itu", "ini"}
_LABEL_LEFT = {"rezim", "entitas", "negeri", "negara"}
_SINGLE_QUOTES = "'‘’"


def _low(tokens: list[Token], k: int) -> str:
    return tokens[k].low if 0 <= k < len(tokens) else ""


def _war_context(tokens: list[Token], i: int, j: int) -> bool:
    """A party's acts in war: the crime is that of a party ("Kejahatan Israel",
    "kejahatan ... di Gaza", "Kejahatannya" next to one) within a few words."""
    window = {t.low for t in tokens[max(0, i - 6):j + 6]}
    return bool(window & PARTIES)


def _label(tokens: list[Token], i: int, j: int) -> bool:
    """"perlawanan" names an armed group: after a group noun ("kelompok perlawanan") or
    followed by a party or place ("Perlawanan Yaman"); not the verbal noun."""
    before, after = _low(tokens, i - 1), _low(tokens, j)
    if before in _NOT_A_LABEL_BEFORE or after in _VERBAL_AFTER:
        return False
    return before in _GROUP_NOUNS or after in PARTIES


def _armed(tokens: list[Token], i: int, j: int) -> bool:
    after = _low(tokens, j)
    return after not in _NOT_ARMED_AFTER and (after in PARTIES or after in {"bersenjata", "perlawanan"}
                                               or _low(tokens, i - 1) in PARTIES)


def _party(tokens: list[Token], i: int, j: int) -> bool:
    return not ({t.low for t in tokens[max(0, i - 6):i]} & _PRICES)


def _metaphor(tokens: list[Token], i: int, j: int) -> bool:
    return not ({t.low for t in tokens[max(0, i - 3):j + 2]} & _LITERAL_SHAKE)


def _scare(tokens: list[Token], i: int, j: int) -> bool:
    return (i > 0 and tokens[i - 1].text in _SINGLE_QUOTES) and (j < len(tokens) and tokens[j].text in _SINGLE_QUOTES)


_CROWDS = {"massa", "warga", "demonstran", "pendemo", "pengunjuk", "pasukan", "tentara", "militer", "milisi",
           "hizbullah", "hamas", "houthi", "idf", "israel", "iran", "rakyat", "suporter", "kelompok"}
_CLAUSE_END = {",", ".", ":", ";", "!", "?"}


def _group(tokens: list[Token], i: int, j: int) -> bool:
    """A group or crowd on the rampage is dramatised; one person's anger ("Netanyahu
    Ngamuk") is an emotion reported (specs/framing.md "Not loaded")."""
    k = i - 1
    while k >= 0 and i - k <= 6 and tokens[k].text not in _CLAUSE_END:
        if tokens[k].low in _CROWDS:
            return True
        k -= 1
    return False


_SIMILE = {"bak", "seperti", "layaknya", "bagai", "bagaikan", "laksana", "ibarat"}


def _hero(tokens: list[Token], i: int, j: int) -> bool:
    """Not the holiday, the national title, nor a simile for a welcome ("disambut bak
    pahlawan")."""
    return _low(tokens, i - 1) not in {"hari", "jalan", "tugu", "makam", "taman", "monumen"} | _SIMILE and _low(tokens, j) not in {"nasional", "devisa", "tanpa", "kemerdekaan"}


_DESCENT = {"arab", "yahudi", "indonesia", "campuran", "biru", "asli", "keturunan"}


def _blood(tokens: list[Token], i: int, j: int) -> bool:
    """"Minggu Berdarah" characterises violence; "berdarah Palestina" is descent."""
    return _low(tokens, j) not in PARTIES | _DESCENT


def _regime(tokens: list[Token], i: int, j: int) -> bool:
    nxt = tokens[j] if j < len(tokens) else None
    return nxt is not None and nxt.is_word and nxt.low not in _REGIME_STOP


ACCEPT: dict[str, Callable[[list[Token], int, int], bool]] = {
    "war": _war_context, "label": _label, "armed": _armed, "party": _party, "metaphor": _metaphor,
    "scare": _scare, "hero": _hero, "regime": _regime, "blood": _blood, "group": _group, "actor": lambda *_: True,
}


def extend(rule: str | None, tokens: list[Token], i: int, j: int) -> tuple[int, int]:
    """Actor labels take in the name they label: "rezim Zionis", "Zionis Israel",
    "Mesin Perang Israel", "Rezim Biden", "rezim Tel Aviv"."""
    if rule == "actor":
        if _low(tokens, i - 1) in _LABEL_LEFT:
            i -= 1
        if _low(tokens, j) == "israel":
            j += 1
    elif rule == "regime":
        k = j
        # the capitalised name after "rezim", at most three words ("Tel Aviv", "Zionis Israel")
        while k < len(tokens) and k < j + 3 and tokens[k].is_word and tokens[k].text[0].isupper() \
                and tokens[k].low not in _REGIME_STOP:
            k += 1
        j = max(k, j + 1) if k > j else j
    return i, j
