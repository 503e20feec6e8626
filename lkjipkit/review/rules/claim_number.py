"""CLAIM-NUMBER: a figure the analyst wrote agrees with the data.

Rationale: the analyst's texts (SPM analyses, causes and solutions, the
conclusion) are copied into the report unchecked, beside the computed
figures. A realisation, a target or a budget amount typed in a sentence can
drift from the data. Understood, at the precision written (``17 %`` for
16,75 agrees, see `lkjipkit.review.claims`):

- in a text about an indicator (its row, or a text naming it): a percentage
  after ``tercapai``, ``mencapai``, ``sebesar``, ``menjadi``, ``yaitu``,
  ``adalah``, ``hanya`` or in brackets, when a subject word (``capaian``,
  ``realisasi``, ``kinerja``, ``cakupan``, ``besaran``, ``persentase``) comes
  before it, is the realisation of the year in scope (the report year, or the
  year of a ``pada tahun 2016`` before it); for an IKU it may also be the
  capaian. ``target nasional sebesar 75 %``, ``target kinerja ditetapkan
  50%`` and ``target (50%)`` are the target (the national target of an SPM);
- in a text about the agency: ``pagu anggaran``, ``realisasi anggaran`` /
  ``realisasi keuangan``, ``serapan anggaran`` and ``sisa anggaran`` /
  ``sisa dana`` followed by ``Rp 7.016.295.114`` or ``Rp 7,02 miliar`` (ribu,
  juta, miliar, triliun) are the agency's totals of the year; a percentage
  after the realisation is the share of the pagu spent.

Not understood (no finding): a number without a unit (``Nomor 17 Tahun
2008``), a number with no subject before it, a percentage of something else
named in the sentence (``defisit 20 %``), amounts of one program or kegiatan.
"""

from __future__ import annotations

from ..claims import findings
from ..finding import Finding

ID = "CLAIM-NUMBER"
FAMILY = "claims"
SEVERITY = "error"
TITLE = "Angka dalam teks analis sama dengan data"
NEEDS = ()
SETTINGS = ()


def check(ctx) -> list[Finding]:
    return findings(ctx, "angka", ID, SEVERITY)
