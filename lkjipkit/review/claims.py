"""Claims in the analyst's own words, checked against the computed figures (the CLAIM-* rules).

Everything the CLAIM rules understand is declared here: where the analyst's
texts are (:func:`texts`: every ``text`` column of a yearly table in the
dataset spec, every string of the year's ``laporan.yaml`` entry, and the texts
the review is given from outside the dataset, the chapters' Markdown cells read
by :mod:`lkjipkit.publish.prose_texts`), the
phrase patterns (:data:`PATTERNS`, one small regular expression per kind of
phrase), the number words (:data:`NUMBER_WORDS`) and the precision rule
(:func:`agrees`). The rules in ``rules/claim_*.py`` only pick their kind.

How a sentence is read
----------------------
A text is cut into sentences. Each sentence is scanned from left to right for
the phrases of :data:`PATTERNS`. A few phrases set the *scope* of the phrases
that follow them in the sentence: a mean ("jika dirata-ratakan", "rata-rata")
or a year ("pada tahun 2016"). A period ("lima tahun terakhir", "periode
2011-2016") anywhere in the sentence sets the years a mean, an extreme or a
trend is taken over; without one, the review window (``jendela_tahun``).

The sentence is *about* the indicator of its row (the IKU of an
``analisis_iku`` row, the SPM of an ``spm_realisasi`` row). A text without an
indicator (``laporan.yaml``, a notebook's Markdown cell) is about the indicator it names by its code or
full name, when it names exactly one; the agency's budget and IKU summary
phrases need no indicator. A phrase that cannot be tied to a figure (no
indicator, a year without data, a bare number with no subject before it) is
not a claim: the rules stay silent rather than guess.

Agreement
---------
A number agrees when the computed figure, rounded half-up to the decimals the
analyst wrote, is the number written (``60,8`` for 60,772; ``24`` for 21,584
does not). Numbers are read in the Indonesian format with Babel
(``1.234,5``); ``Rp 1,2 miliar`` is 1,2 × 10⁹ at the precision of 0,1 miliar.
A year of an extreme agrees when that year reaches the extreme. A trend
("tren menurun") agrees with the sign of the least-squares slope
(:func:`lkjipkit.analysis.spm.trend_slope`), "naik dan turun" with a series
that both rose and fell from one year to the next; a change ("capaian
menurun", "Penurunan disebabkan ...") with the sign of the change from the
year before.

Why no library
--------------
Babel parses the numbers. No well-kept package reads Indonesian claims:
number-parser and text2num have no Indonesian, num2words only writes numbers
as words, and the Indonesian NLP packages (stemmers, taggers) neither tie a
number to its subject nor ship without downloaded models. The phrases of an
LKjIP are few and formulaic, so a short declared table is clearer than a
general parser.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pandas as pd
from babel.numbers import parse_decimal

from lkjipkit import fmt
from lkjipkit.analysis.spm import trend_slope
from lkjipkit.dataset import TABLES
from lkjipkit.dataset.spec import REPORTS_FILE

from .finding import Finding

if TYPE_CHECKING:
    from .context import ReviewContext

#: Kinds of claim, each checked by one rule.
KINDS = ("angka", "rata_rata", "ekstrem", "arah", "target")

#: Number words the analysts write for small counts ("lima tahun terakhir").
NUMBER_WORDS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
}

#: Direction words and the sign of change they state (0: no change).
DIRECTIONS = {
    "naik": 1,
    "meningkat": 1,
    "kenaikan": 1,
    "peningkatan": 1,
    "turun": -1,
    "menurun": -1,
    "penurunan": -1,
    "tetap": 0,
}

#: Target verbs: what the claim says of realisation against target.
TARGET_VERBS = {
    "mencapai": "tercapai",
    "memenuhi": "tercapai",
    "melampaui": "melampaui",
    "melebihi": "melampaui",
    "di atas": "melampaui",
    "di bawah": "tidak tercapai",
}

#: Scale words after an amount in Rupiah.
SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}

#: Words that name the indicator's own figure; a bare number needs one of them before it in the sentence.
SUBJECTS = r"capaian|realisasi|kinerja|cakupan|besaran|persentase"

#: Budget phrases (in a text about the agency) and the BudgetSummary field they state.
BUDGET = {"pagu": "pagu", "realisasi": "realisasi_keuangan", "serapan": "realisasi_keuangan", "sisa": "sisa"}

_NUM = r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\d]|[.,]\d)"
_WORD = "|".join(NUMBER_WORDS)
_DIR = "|".join(DIRECTIONS)
_SCALE = "|".join(SCALES)

#: The phrases, in priority order (the first that matches at a position wins). Group names start with the kind.
PATTERNS: dict[str, str] = {
    # "tertinggi pada tahun 2012 (100%)", "terendah pada tahun 2016"
    "extreme": rf"(?P<ext_which>tertinggi|terendah)\s+(?:terjadi\s+)?(?:pada\s+)?tahun\s+(?P<ext_year>\d{{4}})"
    rf"(?:\s*\(\s*(?P<ext_num>{_NUM})\s*%\s*\))?",
    # "tertinggi sebesar 100 % pada tahun 2012"
    "extreme2": rf"(?P<ex2_which>tertinggi|terendah)\s+(?:sebesar\s+|yaitu\s+)?(?P<ex2_num>{_NUM})\s*%\s+"
    rf"(?:terjadi\s+)?(?:pada\s+)?tahun\s+(?P<ex2_year>\d{{4}})",
    # "4 dari 6 IKU telah mencapai target", "dua IKU belum mencapai target"
    "count": rf"(?P<cnt_n>\d+|{_WORD})\s+(?:dari\s+(?P<cnt_of>\d+|{_WORD})\s+)?"
    r"(?:IKU|indikator(?:\s+kinerja)?(?:\s+utama)?)"
    r"(?:\s+yang)?(?:\s+(?:telah|sudah))?\s+(?P<cnt_neg>belum\s+|tidak\s+)?(?:mencapai|memenuhi)\s+target",
    # "belum mencapai target", "telah memenuhi target yang ditetapkan (45%)"
    "target": r"(?:(?P<tgt_neg>belum|tidak)\s+(?:dapat\s+)?)?"
    r"(?P<tgt_verb>mencapai|memenuhi|melampaui|melebihi|di\s+atas|di\s+bawah)"
    rf"\s+target(?:\s+(?:nasional|kinerja|yang\s+ditetapkan))*(?:\s*\(?\s*(?P<tgt_num>{_NUM})\s*%\s*\)?)?",
    # "target nasional sebesar 75 %", "target kinerja ditetapkan 50%", "target (50%)"
    "target_value": r"target(?:\s+(?:nasional|kinerja|yang\s+ditetapkan|ditetapkan|sebesar|adalah|yaitu))*\s*\(?\s*"
    rf"(?P<tv_num>{_NUM})\s*%",
    # "pagu anggaran sebesar Rp 16,9 miliar", "realisasi keuangan mencapai Rp 7.016.295.114 (92,59 %)"
    "budget": r"(?P<bud_key>pagu|realisasi|serapan|sisa)(?:\s+(?:anggaran|keuangan|dana))"
    r"(?:\s+(?:tahun\s+\d{4}|dinas|total|keseluruhan|seluruhnya))*\s+(?:sebesar\s+|mencapai\s+|adalah\s+|yaitu\s+|senilai\s+)?"
    rf"(?:Rp\.?\s*(?P<bud_rp>{_NUM})(?:\s*(?P<bud_scale>{_SCALE}))?(?:\s*\(\s*(?P<bud_pct2>{_NUM})\s*%\s*\))?"
    rf"|(?P<bud_pct>{_NUM})\s*%)",
    # "lima tahun terakhir", "5 tahun terakhir"
    "last_years": rf"(?P<ly_n>\d+|{_WORD})\s+tahun\s+terakhir",
    # "periode 2011-2016", "tahun 2012 s.d. 2016"
    "period": r"(?:periode|tahun|selama)\s+(?P<per_a>\d{4})\s*(?:-|–|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga)\s*"
    r"(?P<per_b>\d{4})",
    # "jika dirata-ratakan", "rata-rata", "rerata"
    "mean": r"(?:di)?rata-rata(?:kan|nya)?|rerata",
    # "pada tahun 2016"
    "year": r"tahun\s+(?P<yr>\d{4})",
    # "trend menurun", "tren naik dan turun"
    "trend": rf"trend?\s+(?:yang\s+)?(?P<tr_a>{_DIR})(?:\s+dan\s+(?P<tr_b>{_DIR}))?",
    # "capaian kinerja menurun", "cakupan turun"
    "change": rf"(?P<ch_subj>{SUBJECTS})(?:\s+kinerja)?(?:\s+(?:tahun\s+ini|juga))?\s+(?:mengalami\s+)?"
    rf"(?P<ch_dir>{_DIR})\b",
    # "Kenaikan disebabkan ..." at the start of a sentence
    "change_lead": r"^(?P<cl_dir>kenaikan|penurunan|peningkatan)\b",
    # "tercapai 17 %", "baru mencapai 24 %", "(8,91 %)"
    "number": rf"(?:(?:tercapai|mencapai|sebesar|menjadi|yaitu|adalah|hanya)\s+(?P<num_v>{_NUM})\s*%"
    rf"|\(\s*(?P<num_p>{_NUM})\s*%\s*\))",
}

_SCAN = re.compile("|".join(f"(?P<{k}>{p})" for k, p in PATTERNS.items()), re.IGNORECASE)
_SUBJECT = re.compile(rf"\b(?:{SUBJECTS})\b", re.IGNORECASE)
#: Sentence ends: . ! ? ; followed by a blank (not "s.d." nor "No."), a line break, or a Markdown bullet.
_SENTENCE_END = re.compile(r"\s*\n\s*(?:[-+]\s+|\d+[.)]\s+)?|(?<=[.!?;:])(?<!\bs\.d\.)(?<!\bNo\.)\s+")


def number(text: str) -> Decimal:
    """A number as the analyst wrote it, Indonesian format (Babel): ``"60,8"`` → ``Decimal("60.8")``."""
    return Decimal(str(parse_decimal(text, locale=fmt.LOCALE, strict=True)))


def count(text: str) -> int:
    """``"5"`` or ``"lima"`` → 5."""
    word = text.lower()
    return NUMBER_WORDS[word] if word in NUMBER_WORDS else int(text)


def decimals(value: Decimal) -> int:
    """Decimals written: ``60.8`` → 1, ``24`` → 0."""
    return max(0, -value.as_tuple().exponent)


def agrees(said: Decimal, computed: float, scale: int = 1) -> bool:
    """The computed figure, rounded half-up to the precision written, is the figure written."""
    if computed is None or (isinstance(computed, float) and math.isnan(computed)):
        return True
    return fmt.bulatkan(computed / scale, decimals(said)) == said


def sentences(text: str) -> Iterator[str]:
    """The sentences of a text (Markdown emphasis removed), cut at . ! ? ; : and line breaks."""
    for part in _SENTENCE_END.split(text.replace("*", "")):
        part = part.strip()
        if part:
            yield part


# -- the texts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One analyst-written text of the report year and where it is."""

    file: str
    row: int | None
    column: str
    key: str
    subject: str | None
    """Code of the IKU or SPM indicator the text is about (its row's), or None."""
    text: str


#: Tables that name an indicator, and the kind of series their code points to.
_SUBJECT_TABLES = {"iku": "iku", "spm_indikator": "spm"}


def texts(ctx: ReviewContext) -> Iterator[Text]:
    """Every analyst-written text of the year: each ``text`` column of a yearly table (the dataset spec),
    every string of the year's entry in ``laporan.yaml``, then the texts the review was given from outside the
    dataset (:attr:`ReviewContext.extra_texts`: the Markdown cells of the chapter notebooks)."""
    for table in TABLES:
        if "tahun" not in {c.name for c in table.columns}:
            continue
        subject = next((col for col, other, _ in table.references if other in _SUBJECT_TABLES), None)
        cols = [c.name for c in table.columns if c.type == "text"]
        frame = ctx.rows_of_year(table.name)
        for rec in frame.to_dict("records"):
            code = str(rec[subject]) if subject else None
            key = ", ".join(str(rec[k]) for k in table.key)
            for col in cols:
                value = rec.get(col)
                if isinstance(value, str) and value.strip():
                    yield Text(table.file, int(rec["_row"]), col, key, code, value)
    lines = ctx.ds.yaml_lines.get(REPORTS_FILE, {})
    for i, report in enumerate(ctx.ds.laporan.values()):
        if report.tahun == ctx.year:
            for path, value in _strings(report.model_dump(), ()):
                line, column = lines.get(("laporan", i, *path)), laporan_column(report.tahun, *path)
                yield Text(REPORTS_FILE, line, column, f"laporan {report.tahun}", None, value)
    yield from ctx.extra_texts


def laporan_column(year: int, *path: str | int) -> str:
    """How a finding names a text of ``laporan.yaml``: ``laporan[2016].kesimpulan_capaian``."""
    return f"laporan[{year}]" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _strings(node: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*path, i))


# -- the figures -------------------------------------------------------------------------------------


@dataclass
class Series:
    """An indicator's yearly figures (from ``YearAnalysis.spm`` or ``YearAnalysis.riwayat_iku``)."""

    code: str
    name: str
    unit: str
    realisasi: dict[int, float]
    target: dict[int, float]
    met: dict[int, bool]
    capaian: dict[int, float] = field(default_factory=dict)
    """IKU only: capaian per year (a % figure in an IKU text may be its realisation or its capaian)."""

    def label(self) -> str:
        return f"{self.code} ({self.name})"

    def in_years(self, years: range) -> dict[int, float]:
        return {y: v for y, v in sorted(self.realisasi.items()) if y in years and not math.isnan(v)}


def _series(ctx: ReviewContext) -> dict[str, Series]:
    out = {str(kode): _one_series(kode, g, "memenuhi_target", "target_nasional", national=True)
           for kode, g in ctx.spm.groupby("kode", sort=False)}  # fmt: skip
    if ctx.has_year("iku_tahunan"):
        for kode, g in ctx.indicator_history.groupby("kode", sort=False):
            out[str(kode)] = _one_series(kode, g, "mencapai_target", "target", capaian="capaian")
    return out


def _one_series(kode, g: pd.DataFrame, met: str, target: str, national: bool = False, capaian: str = "") -> Series:
    """The yearly figures of one indicator's rows ``g``; a national target is one figure for every year."""
    years = [int(y) for y in g["tahun"]]

    def by_year(column: str) -> dict[int, float]:
        return dict(zip(years, g[column].astype(float), strict=True))

    targets = {y: float(g[target].iloc[0]) for y in years} if national else by_year(target)
    return Series(
        str(kode),
        str(g["indikator"].iloc[0]),
        str(g["satuan"].iloc[0]),
        by_year("realisasi"),
        targets,
        {y: bool(m) for y, m in zip(years, g[met], strict=True) if not pd.isna(m)},
        by_year(capaian) if capaian else {},
    )


# -- the claims --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One checkable statement: what the text says, what the data gives, and whether they agree."""

    kind: str
    text: Text
    sentence: str
    phrase: str
    said: str
    computed: str
    how: str
    agrees: bool
    figures: dict[str, Any] = field(default_factory=dict)


class _Reader:
    """Reads the claims of one dataset-year (built once per review: :attr:`ReviewContext.claims`)."""

    def __init__(self, ctx: ReviewContext) -> None:
        self.ctx = ctx
        self.year = ctx.year

    @cached_property
    def series(self) -> dict[str, Series]:
        return _series(self.ctx)

    @cached_property
    def names(self) -> list[tuple[str, str]]:
        return [(s.name.lower(), code) for code, s in self.series.items()]

    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        for t in texts(self.ctx):
            for s in sentences(t.text):
                out.extend(self.read(t, s))
        return out

    def subject_of(self, t: Text, sentence: str) -> Series | None:
        if t.subject is not None:
            return self.series.get(t.subject)
        low = sentence.lower()
        named = {c for c in self.series if re.search(rf"\b{re.escape(c.lower())}\b", low)}
        named |= {code for name, code in self.names if name and name in low}
        return self.series[named.pop()] if len(named) == 1 else None

    def read(self, t: Text, sentence: str) -> Iterator[Claim]:
        subject = self.subject_of(t, sentence)
        period = self.period(sentence)
        scope: tuple[str, int | None] = ("tahun", self.year)
        for m in _SCAN.finditer(sentence):
            kind = m.lastgroup
            g = m.groupdict()
            if kind == "mean":
                scope = ("rata_rata", None)
            elif kind == "year":
                scope = ("tahun", int(g["yr"]))
            elif kind in ("budget", "count"):
                if t.subject is None:
                    yield from (self.budget_claims if kind == "budget" else self.count_claims)(t, sentence, m)
            elif subject is not None and kind in _HANDLERS:
                claim = _HANDLERS[kind](self, subject, scope, period, m, sentence)
                if claim is not None:
                    kind_, phrase, said, computed, how, ok, figures = claim
                    yield Claim(kind_, t, sentence, phrase, said, computed, how, ok, figures)

    def period(self, sentence: str) -> range:
        m = re.search(PATTERNS["last_years"], sentence, re.IGNORECASE)
        if m:
            return range(self.year - count(m["ly_n"]) + 1, self.year + 1)
        m = re.search(PATTERNS["period"], sentence, re.IGNORECASE)
        if m:
            return range(int(m["per_a"]), int(m["per_b"]) + 1)
        return self.ctx.window

    # -- agency-level phrases (a text not about one indicator) ----------------------------------------

    def budget_claims(self, t: Text, sentence: str, m: re.Match) -> Iterator[Claim]:
        if not self.ctx.has_year("anggaran"):
            return
        b = self.ctx.analysis.anggaran_ringkasan
        what = BUDGET[m["bud_key"].lower()]
        label = {"pagu": "pagu", "realisasi_keuangan": "realisasi keuangan", "sisa": "sisa anggaran"}[what]
        how = f"{label} seluruh kegiatan tahun {self.year} (ringkasan anggaran)"
        if m["bud_rp"]:
            said = number(m["bud_rp"])
            scale = SCALES[m["bud_scale"].lower()] if m["bud_scale"] else 1
            value = float(getattr(b, what))
            text = f"Rp {fmt.angka(said, decimals(said))}" + (f" {m['bud_scale']}" if m["bud_scale"] else "")
            yield Claim(
                "angka", t, sentence, m[0], text, fmt.rupiah(value), how, agrees(said, value, scale),
                {"tertulis": float(said) * scale, "dihitung": value},
            )  # fmt: skip
        pct = m["bud_pct"] or m["bud_pct2"]
        if pct and what == "realisasi_keuangan":
            said = number(pct)
            value = float(b.realisasi_keuangan_persen)
            yield Claim(
                "angka", t, sentence, m[0], fmt.persen(said, decimals(said)), fmt.persen(value),
                f"realisasi keuangan ÷ pagu seluruh kegiatan tahun {self.year}", agrees(said, value),
                {"tertulis": float(said), "dihitung": value},
            )  # fmt: skip

    def count_claims(self, t: Text, sentence: str, m: re.Match) -> Iterator[Claim]:
        if not self.ctx.has_year("iku_tahunan"):
            return
        r = self.ctx.analysis.ringkasan_iku
        n = count(m["cnt_n"])
        missed = bool(m["cnt_neg"])
        value = r.jumlah_belum if missed else r.jumlah_tercapai
        state = "belum mencapai" if missed else "mencapai"
        ok = n == value and (m["cnt_of"] is None or count(m["cnt_of"]) == r.jumlah_iku)
        said = f"{n}" + (f" dari {count(m['cnt_of'])}" if m["cnt_of"] else "") + f" IKU {state} target"
        computed = f"{value} dari {r.jumlah_iku} IKU {state} target"
        yield Claim(
            "target", t, sentence, m[0], said, computed, f"IKU tahun {self.year} yang {state} target", ok,
            {"tertulis": n, "dihitung": value, "jumlah_iku": r.jumlah_iku},
        )  # fmt: skip


def _span(years) -> str:
    years = sorted(years)
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _values(values: dict[int, float]) -> str:
    return "; ".join(f"{y}: {fmt.nilai(v)}" for y, v in values.items())


def _extreme(reader, s, scope, period, m, sentence):
    which = (m["ext_which"] or m["ex2_which"]).lower()
    year = int(m["ext_year"] or m["ex2_year"])
    num = m["ext_num"] or m["ex2_num"]
    vals = s.in_years(period)
    if not vals:
        return None
    best = (max if which == "tertinggi" else min)(vals.values())
    years = [y for y, v in vals.items() if v == best]
    ok = year in years and (num is None or agrees(number(num), best))
    said = f"{which} tahun {year}" + (f" ({fmt.persen(number(num), decimals(number(num)))})" if num else "")
    computed = f"{which} {fmt.persen(best)} pada tahun {', '.join(map(str, years))}"
    how = f"nilai {which} {s.label()} {_span(vals)} ({_values(vals)})"
    return "ekstrem", m[0], said, computed, how, ok, {"tahun_tertulis": year, "dihitung": best, "tahun": years}


def _mean(s: Series, period: range) -> tuple[float, dict[int, float]] | None:
    vals = s.in_years(period)
    return (sum(vals.values()) / len(vals), vals) if vals else None


def _number(reader, s, scope, period, m, sentence):
    said = number(m["num_v"] or m["num_p"])
    if scope[0] == "rata_rata":
        got = _mean(s, period)
        if got is None:
            return None
        value, vals = got
        how = f"rata-rata realisasi {s.label()} {_span(vals)} ({_values(vals)}) = {fmt.persen(value)}"
        if list(vals) != list(period):
            how += f"; hanya tahun berdata dalam {_span(period)}"
        return (
            "rata_rata", m[0], fmt.persen(said, decimals(said)), fmt.persen(value), how, agrees(said, value),
            {"tertulis": float(said), "dihitung": value, "tahun": list(vals)},
        )  # fmt: skip
    if not _SUBJECT.search(sentence[: m.start()]):
        return None
    year = scope[1]
    value = s.realisasi.get(year, math.nan)
    if math.isnan(value):
        return None
    ok = agrees(said, value) if s.unit == "%" else False
    capaian = s.capaian.get(year, math.nan)
    ok = ok or (not math.isnan(capaian) and agrees(said, capaian))
    how = f"realisasi {s.label()} tahun {year}" + (
        f" (capaian {fmt.persen(capaian)})" if not math.isnan(capaian) else ""
    )
    if s.unit != "%" and math.isnan(capaian):
        return None
    return (
        "angka", m[0], fmt.persen(said, decimals(said)), fmt.dengan_satuan(value, s.unit), how, ok,
        {"tertulis": float(said), "dihitung": value, "tahun": year},
    )  # fmt: skip


def _target_value(reader, s, scope, period, m, sentence, num=None):
    said = number(num or m["tv_num"])
    year = scope[1] if scope[0] == "tahun" else reader.year
    value = s.target.get(year, math.nan)
    if math.isnan(value):
        return None
    how = f"target {s.label()} tahun {year}"
    return (
        "angka", m[0], f"target {fmt.persen(said, decimals(said))}", f"target {fmt.dengan_satuan(value, s.unit)}",
        how, agrees(said, value), {"tertulis": float(said), "dihitung": value, "tahun": year},
    )  # fmt: skip


def _target(reader, s, scope, period, m, sentence):
    if m["tgt_num"]:
        value_claim = _target_value(reader, s, scope, period, m, sentence, m["tgt_num"])
        if value_claim is not None and not value_claim[5]:
            return value_claim
    state = TARGET_VERBS[re.sub(r"\s+", " ", m["tgt_verb"].lower())]
    if m["tgt_neg"]:
        state = "tidak tercapai" if state == "tercapai" else "tidak melampaui" if state == "melampaui" else "tercapai"
    if scope[0] == "rata_rata":
        got = _mean(s, period)
        target = s.target.get(reader.year, math.nan)
        if got is None or math.isnan(target) or s.capaian:
            return None  # an IKU mean has no single target
        value, vals = got
        what = f"rata-rata realisasi {s.label()} {_span(vals)} ({_values(vals)}) = {fmt.persen(value)}"
        met, above = value >= target, value > target
    else:
        year = scope[1]
        if year not in s.met:
            return None
        value, target = s.realisasi[year], s.target[year]
        what = f"realisasi {s.label()} tahun {year}"
        met, above = s.met[year], s.met[year] and value != target
    truth = {"tercapai": met, "tidak tercapai": not met, "melampaui": above, "tidak melampaui": not above}[state]
    actual = ("melampaui" if above else "tercapai") if met else "tidak tercapai"
    versus = f"{fmt.dengan_satuan(value, s.unit)} terhadap target {fmt.dengan_satuan(target, s.unit)}"
    computed = f"target {actual} ({versus})"
    return "target", m[0], f"target {state}", computed, what, truth, {"realisasi": value, "target": target}


def _direction(reader, s, scope, period, m, sentence):
    if m["tr_a"]:
        signs = {DIRECTIONS[m["tr_a"].lower()], DIRECTIONS[(m["tr_b"] or m["tr_a"]).lower()]}
        vals = s.in_years(period)
        if len(vals) < 2:
            return None
        steps = [b - a for a, b in zip(list(vals.values()), list(vals.values())[1:], strict=False)]
        slope = trend_slope(list(vals), list(vals.values()))
        if len(signs) > 1:
            ok = any(d > 0 for d in steps) and any(d < 0 for d in steps)
        else:
            (sign,) = signs
            ok = (slope > 1e-9) if sign > 0 else (slope < -1e-9) if sign < 0 else abs(slope) <= 1e-9
        actual = "naik" if slope > 1e-9 else "turun" if slope < -1e-9 else "tetap"
        if any(d > 0 for d in steps) and any(d < 0 for d in steps):
            actual += " (naik dan turun dari tahun ke tahun)"
        how = f"tren realisasi {s.label()} {_span(vals)} ({_values(vals)}): {fmt.angka(slope, 2)} poin per tahun"
        said = "tren " + " dan ".join(w.lower() for w in (m["tr_a"], m["tr_b"]) if w)
        return "arah", m[0], said, f"tren {actual}", how, ok, {"kemiringan": slope, "tahun": list(vals)}
    if scope[0] != "tahun":
        return None
    word = (m["ch_dir"] or m["cl_dir"]).lower()
    year = scope[1]
    use_capaian = bool(s.capaian) and (m["ch_subj"] or "").lower() in ("capaian", "kinerja")
    figures = s.capaian if use_capaian else s.realisasi
    now, before = figures.get(year, math.nan), figures.get(year - 1, math.nan)
    if math.isnan(now) or math.isnan(before):
        return None
    change = now - before
    sign = DIRECTIONS[word]
    ok = change > 1e-9 if sign > 0 else change < -1e-9 if sign < 0 else abs(change) <= 1e-9
    actual = "naik" if change > 1e-9 else "turun" if change < -1e-9 else "tetap"
    what = "capaian" if use_capaian else "realisasi"
    how = f"{what} {s.label()} {year - 1}: {fmt.nilai(before)}, {year}: {fmt.nilai(now)}"
    return "arah", m[0], word, actual, how, ok, {"sebelum": before, "sesudah": now, "tahun": year}


_HANDLERS = {
    "extreme": _extreme,
    "extreme2": _extreme,
    "number": _number,
    "target_value": _target_value,
    "target": _target,
    "trend": _direction,
    "change": _direction,
    "change_lead": _direction,
}


def read_claims(ctx: ReviewContext) -> list[Claim]:
    """Every claim of the year's texts that can be tied to a figure, agreeing or not."""
    return _Reader(ctx).claims()


def findings(ctx: ReviewContext, kind: str, rule: str, severity: str) -> list[Finding]:
    """The contradicted claims of one kind as findings of ``rule``, at the text's place."""
    out = []
    for c in ctx.claims:
        if c.kind != kind or c.agrees:
            continue
        t = c.text
        message = (
            f"Teks analis ({t.column}, {t.key}) menyatakan \u201c{c.phrase}\u201d ({c.said}), tetapi data memberi "
            f"{c.computed}: {c.how}. Kalimat: \u201c{c.sentence}\u201d"
        )
        figures = {"kalimat": c.sentence, "klaim": c.phrase, "cara": c.how, **c.figures}
        out.append(Finding(rule, severity, t.file, t.row, t.column, t.key, message, c.said, c.computed, figures))
    return out


__all__ = [
    "KINDS",
    "PATTERNS",
    "Claim",
    "Text",
    "agrees",
    "findings",
    "laporan_column",
    "number",
    "read_claims",
    "sentences",
    "texts",
]
