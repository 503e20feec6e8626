"""Indonesian prose generated from computed facts, through Jinja2 templates (``templates/*.j2``).

The split is strict: :mod:`lkjipkit.analysis` decides every fact (target met or
not, up or down, better or worse); this module only formats the numbers that go
with them (:mod:`lkjipkit.fmt`) and hands both to a template, which picks
the words. So a sentence can say "belum mencapai target" only when the analysis
says so, and "naik" only when the realisation went up.

Two numbers compared in a sentence are printed with enough decimals to show the
difference (69,999 % against a target of 70 % never prints as "70 %"), and a
change that is not zero never prints as "0,00".

Templates are autoescaped: every value is escaped unless it is already markup.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import pandas as pd
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    nodes,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from lkjipkit import fmt
from lkjipkit.analysis.gaps import differs_from_spm
from lkjipkit.config import WORDING_FOLDER
from lkjipkit.errors import BuildError
from lkjipkit.i18n import _

from .html import trusted

# --- the template environment -----------------------------------------------------------------------

TEMPLATES = Path(__file__).resolve().parent / "templates"
WORDING = WORDING_FOLDER
"""The folder of a dataset holding its own wording (`lkjipkit.config.WORDING_FOLDER`)."""


class WordingError(BuildError):
    """A wording override (``DATASET/teks/*.j2``) is unknown, does not parse, or names what its sentence lacks."""


def template_names() -> tuple[str, ...]:
    """The templates of the generated sentences (``anggaran.j2``, ``iku.j2``, …), which ``teks/`` may override."""
    return tuple(sorted(p.name for p in TEMPLATES.glob("*.j2")))


@cache
def environment(folder: Path | None = None) -> Environment:
    """The Jinja2 environment of the report: package templates, autoescape on, undefined names are errors.

    With ``folder`` (a dataset's ``teks/``), its templates come first, by file name, in a sandbox (as
    for prose cells, :mod:`lkjipkit.report.prose`): a wording override reaches no Python internals.
    """
    package = PackageLoader("lkjipkit.report", "templates")
    env = (Environment if folder is None else SandboxedEnvironment)(
        loader=package if folder is None else ChoiceLoader([FileSystemLoader(str(folder)), package]),
        autoescape=select_autoescape(enabled_extensions=("j2", "html"), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        angka=fmt.angka,
        nilai=fmt.nilai,
        persen=fmt.persen,
        rupiah=fmt.rupiah,
        bulan_tahun=fmt.bulan_tahun,
        tanggal=fmt.tanggal,
    )
    return env


_WORDING: ContextVar[Path | None] = ContextVar("lkjipkit_wording", default=None)


def wording_folder(ds) -> Path | None:
    """The dataset's own wording (``DATASET/teks/``), or None (none there, or a workbook)."""
    folder = Path(ds.source) / WORDING
    return folder.resolve() if Path(ds.source).is_dir() and folder.is_dir() else None


@contextlib.contextmanager
def wording(folder: Path | None) -> Iterator[None]:
    """Generate the sentences with the overrides of ``folder`` (a dataset's ``teks/``) while inside.

    A chapter's pieces run inside the wording of their dataset (:class:`lkjipkit.report.chapter.Chapter`).
    """
    token = _WORDING.set(folder)
    try:
        yield
    finally:
        _WORDING.reset(token)


def _template(template: str) -> Template:
    try:
        return environment(_WORDING.get()).get_template(template)
    except TemplateSyntaxError as exc:
        raise WordingError(
            _("{where}: {detail} (a wording override of {template})").format(
                where=f"{exc.filename}:{exc.lineno}", detail=exc.message, template=template
            )
        ) from exc


def macro(template: str, name: str):
    """A macro of a template, callable from Python (returns Markup); the dataset's override when it has one.

    Raises
    ------
    WordingError
        The override does not parse, lacks the macro, or names what the sentence does not have
        (``/…/teks/iku.j2:4: 'dict object' has no attribute 'capain'``).
    """
    t, folder = _template(template), _WORDING.get()
    try:
        found = getattr(t.module, name)
    except AttributeError:
        raise WordingError(
            _("{file}: no macro {names}; it must keep every macro of {template}").format(
                file=t.filename, names=name, template=template
            )
        ) from None
    if folder is None or not Path(t.filename or "").is_relative_to(folder):
        return found

    def call(*args, **kwargs):
        try:
            return found(*args, **kwargs)
        except TemplateError as exc:
            raise WordingError(
                _("{where}: {detail} (macro {name} has the names that lkjipkit's own {template} uses)").format(
                    where=f"{t.filename}:{_line(exc, t)}", detail=exc.message or exc, name=name, template=template
                )
            ) from exc

    return call


def _line(exc: BaseException, t: Template) -> int | str:
    """The line of template ``t`` where ``exc`` was raised (Jinja compiles a template to code named after its file)."""
    line: int | str = "?"
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == t.filename:
            line = t.get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return line


def check_wording(folder: Path) -> list[Path]:
    """The wording overrides of a dataset's ``teks/`` folder, each checked; the files in name order.

    Raises
    ------
    WordingError
        A file that is not a template of :data:`TEMPLATES` (by name), one that does not parse
        (``teks/iku.j2:3: unexpected '}'``), or one that lacks a macro of the template it overrides.
        Names a sentence does not have are found when it is generated (the build names file and line).
    """
    folder = Path(folder).resolve()
    known = template_names()
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    env = environment(folder)
    for path in files:
        if path.name not in known:
            raise WordingError(
                _(
                    "{file}: not a template of the generated sentences; {folder}/ may hold {known} "
                    "(lkjip teks DATASET copies them there)"
                ).format(file=path, folder=WORDING, known=", ".join(known))
            )
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except TemplateSyntaxError as exc:
            raise WordingError(f"{path}:{exc.lineno}: {exc.message}") from exc  # Jinja's own words, located
        package = environment().parse((TEMPLATES / path.name).read_text(encoding="utf-8"))
        missing = sorted(_macros(package) - _macros(tree))
        if missing:
            raise WordingError(
                _("{file}: no macro {names}; it must keep every macro of {template}").format(
                    file=path, names=", ".join(missing), template=path.name
                )
            )
    return files


def _macros(tree: nodes.Template) -> set[str]:
    return {m.name for m in tree.find_all(nodes.Macro)}


def sentence(template: str, name: str, facts: Mapping) -> Markup:
    """Render a sentence macro and collapse its whitespace to single spaces."""
    out = macro(template, name)(facts)
    return trusted(" ".join(str(out).split()))


# --- small helpers ----------------------------------------------------------------------------------------


def scalar(v):
    """A scalar from a frame cell: None for NA/NaN, a Python bool/float/str otherwise."""
    if fmt.kosong(v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    return v


def _bool(v) -> bool | None:
    v = scalar(v)
    return None if v is None else bool(v)


def lower_first(text: str) -> str:
    """The text with its first letter in lower case, unless the first word is an acronym (``PMKS``)."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _ordered_pair(a, b, satuan: str | None) -> tuple[str, str]:
    """``a`` and ``b`` with their unit, printed with enough decimals to keep their order."""
    d = max(2, fmt.digits_to_keep_order(a, b))
    return fmt.dengan_satuan(a, satuan, d), fmt.dengan_satuan(b, satuan, d)


def _as_table(value, satuan: str | None, digits: int = 2) -> str:
    """A value with its unit at the fixed precision of the table that prints it (``53,30 %``)."""
    text = fmt.angka(value, digits)
    unit = (satuan or "").strip()
    return text if text == fmt.KOSONG or unit.lower() in fmt.SATUAN_TANPA_NAMA else f"{text} {unit}"


def _change(value, satuan: str | None) -> str:
    """The size of a change with its unit, never printed as zero when it is not."""
    d = max(2, fmt.digits_nonzero(value))
    return fmt.selisih(value, satuan, d)


def _capaian_text(value, met: bool | None) -> str:
    """A capaian percentage printed on the same side of 100 as its value."""
    d = max(2, fmt.digits_to_keep_order(value, 100))
    return fmt.persen(value, d)


# --- indicators (analyses 1-4) ------------------------------------------------------------------------

#: Each capaian formula (``lkjipkit.analysis.capaian.FORMULAS``) in words.
FORMULA_TEXT = {
    "realisasi_per_target": "realisasi ÷ target × 100 %",
    "dua_target_kurang_realisasi": "(2 × target − realisasi) ÷ target × 100 %, paling rendah 0 %",
    "target_per_realisasi": "target ÷ realisasi × 100 %",
}
POLARITY_TEXT = {
    "positif": "indikator berpolaritas positif (semakin tinggi semakin baik)",
    "negatif": "indikator berpolaritas negatif (semakin rendah semakin baik)",
}


def formula(pairs, cap: float | None) -> Markup:
    """The capaian formulas in use, per polarity, and the cap, in one sentence (before Tabel 3.1).

    ``pairs`` is ``YearAnalysis.rumus_dipakai``; ``cap`` is ``YearAnalysis.cap``.
    """
    parts = [f"{FORMULA_TEXT[r]} untuk {POLARITY_TEXT[p]}" for p, r in pairs]
    facts = {"rumus": fmt.daftar(parts) if parts else "", "ada_batas": cap is not None, "batas": f"{fmt.nilai(cap)} %"}
    return sentence("iku.j2", "rumus", facts)


def achievement_facts(row: Mapping, tahun_lalu: int | None = None) -> dict:
    """Facts for :func:`achievement` from one row of ``YearAnalysis.capaian_iku``."""
    satuan = scalar(row.get("satuan")) or ""
    target, real = scalar(row.get("target")), scalar(row.get("realisasi"))
    last = scalar(row.get("realisasi_tahun_lalu"))
    r_text, t_text = _ordered_pair(real, target, satuan)
    cap, uncapped = scalar(row.get("capaian")), scalar(row.get("capaian_tanpa_batas"))
    met = _bool(row.get("mencapai_target"))
    arah = scalar(row.get("arah_perubahan"))
    tahun = int(scalar(row.get("tahun")) or 0)
    keterangan = scalar(row.get("keterangan")) or "data tidak lengkap"
    capped = cap is not None and uncapped is not None and not math.isclose(cap, uncapped)
    if real is not None and target is None:
        keterangan = "target kosong"
    return {
        "indikator": upper_first(str(scalar(row.get("indikator")) or "")),
        "tahun": tahun,
        "tahun_lalu": tahun_lalu if tahun_lalu is not None else tahun - 1,
        "negatif": scalar(row.get("polaritas")) == "negatif",
        "ada_realisasi": real is not None and met is not None,
        "realisasi": r_text,
        "target": t_text,
        "mencapai": bool(met),
        "teratas_belum_tercapai": bool(_bool(row.get("teratas_belum_tercapai"))),
        "kategori": scalar(row.get("kategori")) or "",
        "capaian_terdefinisi": cap is not None,
        "capaian": _capaian_text(cap, met),
        "dibatasi": capped,
        "capaian_tanpa_batas": fmt.persen(uncapped),
        "keterangan": keterangan,
        "arah": arah if last is not None else None,
        "perubahan": _change(scalar(row.get("perubahan")), satuan),
        "membaik": bool(_bool(row.get("membaik"))),
    }


def achievement(row: Mapping, tahun_lalu: int | None = None) -> Markup:
    """Analyses 1 and 2 of an indicator in one sentence.

    "Persentase pencari kerja yang ditempatkan di perusahaan mencapai 30,75 % dari
    target 25 % (capaian 123,00 %), naik 8,70 poin dibanding tahun 2015."
    """
    return sentence("iku.j2", "capaian", achievement_facts(row, tahun_lalu))


def achievement_short(row: Mapping) -> Markup:
    """An indicator's result in a few words, for a list inside a sentence (Ikhtisar Eksekutif):
    "persentase pencari kerja yang ditempatkan di perusahaan (30,75 % dari target 25 %; capaian 123,00 %)"."""
    facts = achievement_facts(row)
    facts["indikator"] = lower_first(facts["indikator"])
    return sentence("ringkasan.j2", "iku_ringkas", facts)


def _series(values, satuan: str | None, digits: int = 2) -> str:
    return fmt.daftar([fmt.dengan_satuan(v, satuan, digits) for v in values])


def history(history: pd.DataFrame, indikator: str, trend) -> Markup:
    """Analysis 2 over every year with data: the series of realisations and capaian, extremes, trend, years met.

    ``trend`` is the indicator's :class:`~lkjipkit.analysis.iku.HistoryTrend` (``SasaranAnalysis.trends``).
    """
    h = history[history["realisasi"].notna()].sort_values("tahun")
    if h.empty:
        return Markup("")
    satuan = scalar(h["satuan"].iloc[0]) or ""
    vals = [float(v) for v in h["realisasi"]]
    caps = [scalar(v) for v in h["capaian"]]
    t = trend
    facts = {
        "indikator_kecil": lower_first(indikator),
        "jumlah_tahun": len(vals),
        "tahun_awal": t.tahun[0],
        "tahun_akhir": t.tahun[-1],
        "deret_realisasi": _series(vals, satuan),
        "ada_capaian": all(c is not None for c in caps),
        "deret_capaian": fmt.daftar([fmt.persen(c) for c in caps]),
        "tertinggi": fmt.dengan_satuan(t.tertinggi, satuan),
        "tahun_tertinggi": fmt.daftar([str(y) for y in t.tahun_tertinggi]),
        "terendah": fmt.dengan_satuan(t.terendah, satuan),
        "tahun_terendah": fmt.daftar([str(y) for y in t.tahun_terendah]),
        "konstan": t.konstan,
        "arah": t.arah_tren or "",
        "membaik": t.membaik,
        "negatif": str(scalar(h["polaritas"].iloc[0]) if "polaritas" in h else "") == "negatif",
        "tren": _change(abs(t.tren_per_tahun), satuan) if t.arah_tren in ("naik", "turun") else "",
        "akhir_terendah": t.akhir_terendah,
        "akhir_tertinggi": t.akhir_tertinggi,
        "jumlah_tercapai": t.jumlah_tercapai,
        "jumlah_terukur": t.jumlah_terukur,
    }
    return sentence("iku.j2", "riwayat", facts)


def renstra(row: Mapping) -> Markup:
    """Analysis 3: the realisation against the Renstra end-of-period target (the sum over the Renstra years for
    a cumulative indicator); when the comparison is analysis 1's, it says so instead of repeating it."""
    satuan = scalar(row.get("satuan")) or ""
    target, real = scalar(row.get("target_renstra")), scalar(row.get("realisasi_renstra"))
    r_text, t_text = _ordered_pair(real, target, satuan)
    cap = scalar(row.get("capaian_renstra"))
    facts = {
        "indikator_kecil": lower_first(str(scalar(row.get("indikator")) or "")),
        "tahun": int(scalar(row.get("tahun")) or 0),
        "tahun_akhir": int(scalar(row.get("tahun_akhir_renstra")) or 0),
        "sisa_tahun": int(scalar(row.get("sisa_tahun_renstra")) or 0),
        "ada_target": target is not None,
        "ada_realisasi": real is not None,
        "target": t_text,
        "realisasi": r_text,
        "capaian_terdefinisi": cap is not None,
        "capaian": _capaian_text(cap, None),
        "mencapai": bool(_bool(row.get("mencapai_target_renstra"))),
        "kumulatif": bool(_bool(row.get("kumulatif"))),
        "tahun_kumulatif": fmt.daftar(str(scalar(row.get("tahun_kumulatif")) or "").split(", ")),
        "sama_dengan_tahunan": bool(_bool(row.get("sama_dengan_tahunan"))),
    }
    return sentence("iku.j2", "renstra", facts)


def national_standard(row: Mapping | None, indikator: str, tahun: int) -> Markup:
    """Analysis 4: the indicator against its national standard (SPM), or a sentence that it has none."""
    base = {"indikator_kecil": lower_first(indikator), "indikator_awal": upper_first(indikator), "tahun": tahun}
    if row is None:
        return sentence("iku.j2", "standar", {**base, "ada": False})
    satuan = scalar(row.get("satuan")) or ""
    tn, real, rs = scalar(row.get("target_nasional")), scalar(row.get("realisasi")), scalar(row.get("realisasi_spm"))
    r_text, t_text = _ordered_pair(real, tn, satuan)
    diff = scalar(row.get("selisih_realisasi_spm"))
    facts = {
        **base,
        "ada": True,
        "sebanding": bool(_bool(row.get("sebanding"))),
        "ada_realisasi_spm": rs is not None,
        "target_nasional_spm": fmt.dengan_satuan(tn, satuan),
        "spm_indikator": scalar(row.get("spm_indikator")) or scalar(row.get("spm_kode")) or "",
        "ada_target": tn is not None,
        "ada_realisasi": real is not None,
        "target_nasional": t_text,
        "realisasi": r_text,
        "memenuhi": bool(_bool(row.get("memenuhi_target_nasional"))),
        "realisasi_spm": fmt.dengan_satuan(rs, satuan),
        "beda_spm": differs_from_spm(diff),
    }
    return sentence("iku.j2", "standar", facts)


# --- efficiency and programs (analyses 6 and 7) ------------------------------------------------------


def efficiency(row: Mapping) -> Markup:
    """Analysis 6 for one sasaran, from a row of ``YearAnalysis.efisiensi``: the method, its source and
    threshold with the result."""
    from lkjipkit.analysis.efficiency import METHOD_SOURCE, PMK

    n = int(scalar(row.get("jumlah_program")) or 0)
    selisih = scalar(row.get("selisih"))
    facts = {
        "ada_program": n > 0,
        "jumlah_program": fmt.bilangan(n),
        "pagu": fmt.rupiah(scalar(row.get("pagu"))),
        "realisasi": fmt.rupiah(scalar(row.get("realisasi_keuangan"))),
        "ada_serapan": scalar(row.get("serapan")) is not None,
        "serapan": fmt.persen(scalar(row.get("serapan"))),
        "capaian": fmt.persen(scalar(row.get("capaian"))),
        "ada_selisih": selisih is not None and scalar(row.get("kategori_efisiensi")) is not None,
        "selisih": fmt.angka(selisih, 2) if selisih is None or selisih <= 0 else "+" + fmt.angka(selisih, 2),
        "pmk": scalar(row.get("metode_efisiensi")) == PMK,
        "sumber": METHOD_SOURCE.get(scalar(row.get("metode_efisiensi")) or "", ""),
        "efisiensi": fmt.persen(scalar(row.get("efisiensi"))),
        "nilai_efisiensi": fmt.angka(scalar(row.get("nilai_efisiensi")), 2),
        "porsi": bool(_bool(row.get("porsi_dipakai"))),
        "kategori": scalar(row.get("kategori_efisiensi")) or "",
        "batas": fmt.nilai(scalar(row.get("batas_efisiensi"))),
        "keterangan": scalar(row.get("keterangan")) or "data tidak lengkap",
        "program_bersama": bool(_bool(row.get("program_bersama"))),
    }
    return sentence("anggaran.j2", "efisiensi", facts)


def _names(activities: pd.DataFrame, codes) -> list:
    """The names of the kegiatan with these kode rekening, in the order given."""
    name = dict(zip(activities["kode_rekening"].astype(str), activities["kegiatan"], strict=True))
    return [name[str(c)] for c in codes]


def activities(progress, activities: pd.DataFrame, *, by_name: bool = True) -> Markup:
    """Analysis 7 in words: how many kegiatan of the supporting programs finished, fell short, were cut.

    ``progress`` is the :class:`~lkjipkit.analysis.ActivityProgress` of ``activities``
    (``SasaranAnalysis.progress`` and ``.activities``); the frame gives names and figures. Without
    ``by_name`` (``YearAnalysis.tabel_kegiatan_lengkap`` false: too many kegiatan for paper) the kegiatan
    cut are counted, not listed.
    """
    lowest = ""
    if progress.terendah is not None:
        row = activities[activities["kode_rekening"].astype(str) == progress.terendah].iloc[0]
        lowest = f"{row['kegiatan']}, {fmt.persen(row['realisasi_fisik'])}"
    facts = {
        "jumlah": progress.jumlah,
        "penuh": progress.penuh,
        "kurang": progress.kurang,
        "terendah": lowest,
        "dipotong": len(progress.dipotong),
        "daftar_dipotong": fmt.daftar(_names(activities, progress.dipotong)) if by_name else "",
    }
    return sentence("anggaran.j2", "kegiatan", facts)


def activity_highlights(
    highlights, activities: pd.DataFrame, iku_names: Mapping[str, str], *, by_name: bool = True
) -> Markup:
    """Analysis 7, the kegiatan behind the result: the largest, those cut in the APBD-P with the amount,
    those short of 100 % physical progress with their share of the sasaran's money, and the IKU each serves.

    ``highlights`` is ``SasaranAnalysis.highlights``, ``activities`` its ``.activities``; ``iku_names``
    maps the code of each IKU of the sasaran to its name (links to other sasaran's IKU are not named here).
    Without ``by_name`` the kegiatan linked to each IKU are counted, not listed.
    """
    f = activities.set_index(activities["kode_rekening"].astype(str))
    h = highlights
    links = f[f["iku_kode"].astype(str).isin(list(iku_names))]
    tautan = [
        f"{lower_first(iku_names[str(code)])}: {fmt.daftar(list(g['kegiatan'])) if by_name else f'{len(g)} kegiatan'}"
        for code, g in links.groupby("iku_kode", sort=False)
    ]
    big = f.loc[h.terbesar] if h.terbesar is not None else None
    facts = {
        "ada_terbesar": big is not None,
        "terbesar": "" if big is None else big["kegiatan"],
        "pagu_terbesar": "" if big is None else fmt.rupiah(big["pagu"]),
        "porsi_terbesar": fmt.persen(h.porsi_terbesar),
        "pagu": fmt.rupiah(h.pagu),
        "jumlah_dikurangi": len(h.dikurangi),
        "jumlah_dibatalkan": int(f.loc[list(h.dikurangi), "dipotong"].astype(bool).sum()),
        "pemotongan": fmt.rupiah(h.pemotongan),
        "jumlah_kurang": len(h.kurang),
        "porsi_kurang": fmt.persen(h.porsi_kurang),
        "ada_tautan": bool(tautan),
        "tautan": "; ".join(tautan),
    }
    return sentence("anggaran.j2", "kegiatan_penentu", facts)


def budget_summary(summary, instansi: str, activities: pd.DataFrame, *, by_name: bool = True) -> Markup:
    """The budget of the year in a few sentences (from ``YearAnalysis.anggaran_ringkasan``; ``activities``,
    ``.anggaran_kegiatan``, names the kegiatan cut, or without ``by_name`` only counts them)."""
    pemotongan = scalar(summary.pemotongan)
    facts = {
        "instansi": instansi,
        "tahun": summary.tahun,
        "pagu_murni": fmt.rupiah(summary.pagu_murni),
        "pagu": fmt.rupiah(summary.pagu),
        "ada_perubahan": summary.ada_perubahan,
        "pemotongan_turun": pemotongan is not None and pemotongan > 0.5,
        "pemotongan_naik": pemotongan is not None and pemotongan < -0.5,
        "pemotongan": fmt.rupiah(abs(pemotongan)) if pemotongan is not None else fmt.KOSONG,
        "pemotongan_persen": fmt.persen(summary.pemotongan_persen),
        "realisasi": fmt.rupiah(summary.realisasi_keuangan),
        "realisasi_persen": fmt.persen(summary.realisasi_keuangan_persen),
        "sisa": fmt.rupiah(summary.sisa),
        "ttb": fmt.persen(summary.ttb),
        "fisik_rata": fmt.persen(summary.realisasi_fisik_rata_rata),
        "jumlah_berpagu": summary.jumlah_kegiatan_berpagu,
        "jumlah_dipotong": summary.jumlah_kegiatan_dipotong,
        "daftar_dipotong": fmt.daftar(activities.loc[activities["dipotong"], "kegiatan"].tolist()) if by_name else "",
    }
    return sentence("anggaran.j2", "ringkasan", facts)


TREND_WORDS = {"naik": "naik", "turun": "menurun", "datar": "datar"}

# --- SPM --------------------------------------------------------------------------------------------------


def spm_indicator(row: Mapping, tahun: int) -> Markup:
    """One SPM indicator over the window: mean against the national target, trend, extremes, this year."""
    satuan = scalar(row.get("satuan")) or ""
    target = scalar(row.get("target_nasional"))
    mean, real = scalar(row.get("rata_rata")), scalar(row.get("realisasi_tahun_ini"))
    # the SPM table prints every realisation and mean with two decimals: the prose does too
    d = max(2, fmt.digits_to_keep_order(mean, target), fmt.digits_to_keep_order(real, target))
    m_text, r_text = _as_table(mean, satuan, d), _as_table(real, satuan, d)
    t_text = fmt.dengan_satuan(target, satuan, d)
    change = scalar(row.get("perubahan_tahun_ini"))
    if change is None:
        arah = None
    elif change > 1e-9:
        arah = "naik"
    elif change < -1e-9:
        arah = "turun"
    else:
        arah = "tetap"
    facts = {
        "indikator_kecil": lower_first(str(scalar(row.get("indikator")) or "")),
        "tahun": tahun,
        "jumlah_tahun": int(scalar(row.get("jumlah_tahun")) or 0),
        "tahun_awal": scalar(row.get("tahun_awal")),
        "tahun_akhir": scalar(row.get("tahun_akhir")),
        "rata_rata": m_text,
        "ada_target": target is not None,
        "target": t_text,
        "rata_memenuhi": bool(_bool(row.get("rata_rata_memenuhi_target"))),
        "arah_tren": TREND_WORDS.get(scalar(row.get("arah_tren")), "tidak jelas"),
        "tren": scalar(row.get("arah_tren")),
        "konstan": bool(_bool(row.get("konstan"))),
        "akhir_terendah": bool(_bool(row.get("akhir_terendah"))),
        "akhir_tertinggi": bool(_bool(row.get("akhir_tertinggi"))),
        "tertinggi": _as_table(scalar(row.get("tertinggi")), satuan),
        "tahun_tertinggi": scalar(row.get("tahun_tertinggi")) or "",
        "terendah": _as_table(scalar(row.get("terendah")), satuan),
        "tahun_terendah": scalar(row.get("tahun_terendah")) or "",
        "ada_tahun_ini": real is not None,
        "realisasi": r_text,
        "memenuhi": bool(_bool(row.get("memenuhi_target_tahun_ini"))),
        "arah": arah,
        "perubahan": _change(change, satuan),
    }
    return sentence("spm.j2", "indikator", facts)


# --- summaries ------------------------------------------------------------------------------------------------


def _counts(summary) -> dict:
    """The template's names for the counts of an :class:`~lkjipkit.analysis.IndicatorSummary`."""
    mean = scalar(summary.rata_rata_capaian)
    return {
        "jumlah_iku": summary.jumlah_iku,
        "jumlah_terukur": summary.jumlah_terukur,
        "tercapai": summary.jumlah_tercapai,
        "belum": summary.jumlah_belum,
        "tidak_terukur": summary.jumlah_tidak_terukur,
        "ada_rata": mean is not None,
        "rata_capaian": fmt.persen(mean),
        "kategori": summary.kategori_rata_rata or "",
        "tahun": summary.tahun,
    }


def results(summary, *, instansi: str, jumlah_sasaran: int) -> Markup:
    """How many IKU were set, met and missed, the mean capaian and its category
    (from ``YearAnalysis.ringkasan_iku``)."""
    facts = {**_counts(summary), "instansi": instansi, "jumlah_sasaran": jumlah_sasaran}
    return sentence("ringkasan.j2", "hasil_iku", facts)


def table_results(summary, *, jumlah_sasaran: int) -> Markup:
    """Bab III's reading of the capaian table: IKU met of those measured, the mean capaian and its category
    (the Ikhtisar's :func:`results` states the same facts in its own words)."""
    return sentence("ringkasan.j2", "hasil_tabel", {**_counts(summary), "jumlah_sasaran": jumlah_sasaran})


def year_comparison(summary) -> Markup:
    """How many IKU improved, worsened or stayed the same against last year (from ``YearAnalysis.ringkasan_iku``)."""
    facts = {
        "tahun_lalu": summary.tahun - 1,
        "jumlah_banding": summary.jumlah_dibandingkan,
        "membaik": summary.jumlah_membaik,
        "tetap": summary.jumlah_tetap,
        "memburuk": summary.jumlah_memburuk,
    }
    return sentence("ringkasan.j2", "perbandingan_lalu", facts)


def budget_absorption(summary) -> Markup:
    """One sentence on budget absorption (from ``YearAnalysis.anggaran_ringkasan``)."""
    facts = {
        "pagu": fmt.rupiah(summary.pagu),
        "sumber_pagu": "APBD Perubahan" if summary.ada_perubahan else "APBD murni",
        "realisasi": fmt.rupiah(summary.realisasi_keuangan),
        "realisasi_persen": fmt.persen(summary.realisasi_keuangan_persen),
        "ttb": fmt.persen(summary.ttb),
        "sisa": fmt.rupiah(summary.sisa),
    }
    return sentence("ringkasan.j2", "anggaran_singkat", facts)


def conclusion(summary, capaian: pd.DataFrame) -> Markup:
    """The generated conclusion of Bab IV: share of IKU met, those missed by name, mean capaian
    (from ``YearAnalysis.ringkasan_iku``; ``capaian``, ``.capaian_iku``, names the IKU)."""
    name = dict(zip(capaian["kode"].astype(str), capaian["indikator"], strict=True))
    facts = {
        **_counts(summary),
        "persen_tercapai": fmt.persen(scalar(summary.persen_tercapai)),
        "daftar_belum": fmt.daftar([lower_first(str(name[k])) for k in summary.belum]),
    }
    return sentence("ringkasan.j2", "kesimpulan", facts)


def efficiency_summary(efisiensi: pd.DataFrame) -> Markup:
    """How many sasaran were efficient, fairly efficient or not (from ``YearAnalysis.efisiensi``)."""
    from lkjipkit.analysis.efficiency import EFFICIENT, FAIRLY_EFFICIENT, NOT_EFFICIENT

    k = efisiensi["kategori_efisiensi"]
    facts = {
        "jumlah_dinilai": int(k.notna().sum()),
        "efisien": int((k == EFFICIENT).fillna(False).sum()),
        "cukup": int((k == FAIRLY_EFFICIENT).fillna(False).sum()),
        "tidak": int((k == NOT_EFFICIENT).fillna(False).sum()),
        "tidak_dinilai": int(k.isna().sum()),
    }
    return sentence("ringkasan.j2", "efisiensi_ringkas", facts)


def opening(instansi: str, tahun: int) -> Markup:
    """The first sentence of the Ikhtisar Eksekutif."""
    return sentence("ringkasan.j2", "pembuka_ikhtisar", {"instansi": instansi, "tahun": tahun})
