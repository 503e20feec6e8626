"""CLAIM-EXTREME: the highest or lowest year the analyst names is the highest or lowest in the data.

Rationale: SPM analyses name the best and worst year of the series
("capaian tertinggi pada tahun 2015 (100%) dan terendah pada tahun 2016
(27%)"); a wrong year or value misleads the reader about the series printed
beside it. Understood: ``tertinggi`` / ``terendah`` followed by ``(pada)
tahun YYYY`` and optionally a bracketed percentage, or ``tertinggi sebesar
N % pada tahun YYYY``, about the indicator of the text, over the period the
sentence names or the review window. The year agrees when it is one of the
years that reach the extreme; the value at the precision written.

Not understood: extremes named without a year, or over something other than
the indicator's realisation.
"""

from __future__ import annotations

from ..claims import findings
from ..finding import Finding

ID = "CLAIM-EXTREME"
FAMILY = "claims"
SEVERITY = "error"
TITLE = "Tahun tertinggi dan terendah dalam teks analis sesuai data"
NEEDS = ()
SETTINGS = ("jendela_tahun",)


def check(ctx) -> list[Finding]:
    return findings(ctx, "ekstrem", ID, SEVERITY)
