"""Comparing two names of the same thing (a kegiatan, an indicator) as a reader would."""

from __future__ import annotations

import difflib
import re

_NON_WORD = re.compile(r"[^0-9a-z]+")

SAME, COSMETIC, SHORTENED, DIFFERENT = "same", "cosmetic", "shortened", "different"


def normalise(name: str) -> str:
    """Lower case, punctuation as spaces, blanks collapsed: ``Koordinasi,Konsultasi`` → ``koordinasi konsultasi``."""
    return " ".join(_NON_WORD.sub(" ", str(name).lower()).split())


def compare(a: str, b: str) -> str:
    """How two names differ.

    ``same``: identical; ``cosmetic``: only case, blanks or punctuation;
    ``shortened``: the words of one are a run of the words of the other
    (truncated, or a word such as "Persentase" left out at the start);
    ``different``: words differ.
    """
    if str(a).strip() == str(b).strip():
        return SAME
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return COSMETIC
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    if short and f" {short} " in f" {long_} ":
        return SHORTENED
    return DIFFERENT


def word_changes(a: str, b: str) -> str:
    """The words that differ from ``a`` to ``b``: ``«luar» → «keluar»; tanpa «x»; tambah «y»``."""
    wa, wb = normalise(a).split(), normalise(b).split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        old, new = " ".join(wa[i1:i2]), " ".join(wb[j1:j2])
        if op == "replace":
            parts.append(f"«{old}» → «{new}»")
        elif op == "delete":
            parts.append(f"tanpa «{old}»")
        elif op == "insert":
            parts.append(f"tambah «{new}»")
    return "; ".join(parts)
