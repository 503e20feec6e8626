"""CLAIM-TARGET: a target the analyst says was (not) met was (not) met.

Rationale: whether a target was met is the first thing a reader takes from
an analysis. The seed's settlement text says the mean "mencapai target
(50%)", but the mean of its five years is 49,21 %. Understood, about the
indicator of the text: ``mencapai``, ``memenuhi`` (met), ``melampaui``,
``melebihi``, ``di atas`` (above), ``di bawah`` (not met), each with
``belum`` / ``tidak`` before it for the negation, followed by ``target``
(and optionally ``nasional``, ``yang ditetapkan`` and a bracketed target,
which CLAIM-NUMBER checks when it differs). The claim is about the year in
scope (the report year or ``pada tahun YYYY``), judged by polarity as the
report does (`mencapai_target`), or, after ``rata-rata`` / ``dirata-ratakan``,
about the mean of an SPM over the period (mean ≥ national target). In a text
about the agency, ``4 dari 6 IKU telah mencapai target`` and ``dua IKU belum
mencapai target`` are checked against the IKU summary of the year.

Not understood: "tercapainya target" as a noun phrase, targets of the
Renstra period, an IKU mean against a target.
"""

from __future__ import annotations

from ..claims import findings
from ..finding import Finding

ID = "CLAIM-TARGET"
FAMILY = "claims"
SEVERITY = "error"
TITLE = "Pernyataan capaian target dalam teks analis sesuai data"
NEEDS = ()
SETTINGS = ()


def check(ctx) -> list[Finding]:
    return findings(ctx, "target", ID, SEVERITY)
