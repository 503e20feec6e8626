"""Findings the analyst accepts with a reason (``reviu.yaml: diterima``), and acceptances that match nothing.

An accepted finding keeps its rule and severity; it carries ``diterima=True`` and
the reason, ``lkjip review`` prints "diterima: <alasan>" under it, and an accepted
error neither makes ``lkjip review`` exit 1 nor stops a final build. An entry that
matches no finding of the year (the text or the data has been corrected, or the
row moved) is itself a finding, :data:`ID`, so that an acceptance cannot outlive
what it was written for unnoticed.
"""

from __future__ import annotations

from dataclasses import replace

from .finding import Finding
from .settings import SETTINGS_FILE, Acceptance

#: Rule id of an acceptance that matches no finding.
ID = "ACCEPT-STALE"
SEVERITY = "warning"
TITLE = "Penerimaan temuan di reviu.yaml masih sesuai dengan temuan"


def apply(findings: list[Finding], entries: list[Acceptance], year: int, file: str = SETTINGS_FILE) -> list[Finding]:
    """The findings with the accepted ones marked, then one :data:`ID` warning per entry that matches none.

    Only the entries without ``tahun`` or with ``tahun: year`` take part; ``file`` is the name of the
    settings file the stale warnings point at.
    """
    mine = {i: e for i, e in enumerate(entries) if e.tahun in (None, year)}
    used: set[int] = set()
    out = []
    for f in findings:
        hit = next((i for i, e in mine.items() if e.matches(f)), None)
        if hit is not None:
            used.add(hit)
            f = replace(f, diterima=True, alasan=mine[hit].alasan)
        out.append(f)
    for i, e in mine.items():
        if i not in used:
            message = (
                f"Entri diterima ({e.aturan} di {e.lokasi}) tidak cocok dengan temuan mana pun pada reviu tahun "
                f"{year}: temuan itu sudah tidak ada (teks atau data telah diperbaiki) atau lokasinya berubah. "
                "Hapus atau perbarui entri ini."
            )
            where = f"{e.aturan} {e.lokasi}"
            figures = {"aturan": e.aturan, "lokasi": e.lokasi}
            found, expected = where, "temuan yang cocok"
            out.append(Finding(ID, SEVERITY, file, e._line, f"diterima[{i}]", where, message, found, expected, figures))
    return out
