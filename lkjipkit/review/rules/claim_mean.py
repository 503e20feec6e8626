"""CLAIM-MEAN: a mean the analyst wrote over several years agrees with the yearly figures.

Rationale: SPM analyses summarise five years in one mean ("selama lima tahun
terakhir jika dirata-ratakan ... mencapai 60,8 %"). The seed's placement text
says the mean "baru mencapai 24 %", but the five yearly figures of the table
printed beside it give 21,58 %. Understood: after ``rata-rata``,
``dirata-ratakan`` or ``rerata`` in a sentence, a percentage after a value
word (``mencapai``, ``sebesar``, ...) or in brackets is the mean of the
indicator's realisations over the period the sentence names (``lima tahun
terakhir``, ``5 tahun terakhir``, ``periode 2011-2016``, ``tahun 2012 s.d.
2016``; only the years with data count), else over the review window
(`jendela_tahun`). It agrees at the precision written.

Not understood: means of something other than the indicator of the text,
weighted means, a period written in words ("sejak awal Renstra").
"""

from __future__ import annotations

from ..claims import findings
from ..finding import Finding

ID = "CLAIM-MEAN"
FAMILY = "claims"
SEVERITY = "error"
TITLE = "Rata-rata dalam teks analis sama dengan data"
NEEDS = ()
SETTINGS = ("jendela_tahun",)


def check(ctx) -> list[Finding]:
    return findings(ctx, "rata_rata", ID, SEVERITY)
