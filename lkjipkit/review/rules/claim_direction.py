"""CLAIM-DIRECTION: a rise, fall or trend the analyst states is the direction of the data.

Rationale: analysis 2 of PermenPAN-RB 53/2014 compares years, and the
analyst's words ("capaian kinerja mengalami trend menurun", "Penurunan
disebabkan ...") explain a change; explaining a fall that was a rise
explains nothing. Understood, about the indicator of the text:

- a trend: ``tren`` / ``trend`` followed by ``naik``, ``meningkat``,
  ``turun``, ``menurun`` or ``tetap``, over the period of the sentence or the
  review window, agrees with the sign of the least-squares slope
  (`lkjipkit.analysis.spm.trend_slope`); ``naik dan turun`` / ``turun dan
  naik`` agrees with a series that both rose and fell from one year to the
  next;
- a change from the year before: a subject word (``capaian``, ``kinerja``,
  ``realisasi``, ``cakupan``, ...) followed by (``mengalami``) a direction
  word, or a sentence that opens with ``Kenaikan``, ``Penurunan`` or
  ``Peningkatan``: the change into the year in scope (the report year, or
  ``pada tahun YYYY``). For an IKU, ``capaian`` and ``kinerja`` are compared
  by capaian (which accounts for polarity), the others by realisation.

*Warning*: a trend over a few years is a judgement. Not understood:
``membaik`` / ``memburuk``, directions of other things named in the sentence
(``menurunnya kemampuan keuangan daerah``, ``kasus yang meningkat``).
"""

from __future__ import annotations

from ..claims import findings
from ..finding import Finding

ID = "CLAIM-DIRECTION"
FAMILY = "claims"
SEVERITY = "warning"
TITLE = "Arah perubahan dalam teks analis sesuai data"
NEEDS = ()
SETTINGS = ("jendela_tahun",)


def check(ctx) -> list[Finding]:
    return findings(ctx, "arah", ID, SEVERITY)
