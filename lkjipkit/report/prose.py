"""Prose cells: the Markdown cells of a chapter notebook, with live numbers, as report text.

A Markdown cell of a chapter notebook is report prose, shown at its place in the
chapter (HTML, PDF, Word). It may name computed values of the report year in
double braces; they are filled in when the chapter is exported (by ``lkjip build``
or ``jupyter nbconvert --to lkjip``), never typed::

    Rencana kinerja tahunan {{ instansi.singkat }} memuat {{ anggaran.jumlah_program }}
    program dengan pagu APBD murni {{ anggaran.pagu_murni }}.

The names (:data:`VOCABULARY`) are facts of :class:`lkjipkit.analysis.YearAnalysis`
and of the dataset's profile, already formatted the Indonesian way by
:mod:`lkjipkit.fmt` (``92,59 %``, ``Rp 7.016.295.114``). The cell is a Jinja2
template rendered in a :class:`~jinja2.sandbox.SandboxedEnvironment` with
:class:`~jinja2.StrictUndefined` (a name not in the vocabulary is an error, never an
empty string); every value is escaped for Markdown, so a value prints as itself.
The result goes through the report's one Markdown renderer,
:func:`lkjipkit.report.html.markdown` (raw HTML shown as text, no headings, no images).

``python -m lkjipkit.report.prose`` prints the vocabulary's reference; ``--write``
updates it in ``docs/report-html.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from lkjipkit import fmt
from lkjipkit.errors import BuildError
from lkjipkit.i18n import _

from .html import markdown

__all__ = ["VOCABULARY", "PlaceholderError", "has_placeholders", "render_prose", "vocabulary"]


@dataclass(frozen=True)
class Name:
    """One name of the vocabulary, as the reference lists it."""

    name: str
    meaning: str


#: Every name a prose cell may use (``KODE`` is an IKU's code from ``iku.csv``, e.g. ``IKU1``).
VOCABULARY: tuple[Name, ...] = (
    Name("tahun", "the report year"),
    Name("instansi.nama", "the agency's full name (profil.yaml: instansi.nama_lengkap)"),
    Name("instansi.singkat", "its short name: singkatan and pemerintah"),
    Name(
        "instansi.dasar_hukum",
        "the first legal basis of the organisation (profil.yaml: dasar_hukum_organisasi), else a general phrase",
    ),
    Name("visi", "the vision (profil.yaml: visi)"),
    Name("misi.jumlah", "how many missions (profil.yaml: misi), in words"),
    Name("misi.ada", "true when the profile has missions (for `{% if misi.ada %}`)"),
    Name(
        "laporan.latar_belakang_diisi",
        "true when laporan.yaml has the year's latar_belakang (for `{% if %}`)",
    ),
    Name("laporan.penutup_diisi", "true when laporan.yaml has the year's penutup (for `{% if %}`)"),
    Name("iku.KODE.nama", "the IKU's name"),
    Name("iku.KODE.target", "its target of the year, with its unit"),
    Name("iku.KODE.realisasi", "its realisation, with its unit"),
    Name("iku.KODE.capaian", "its capaian (the computed achievement), a percentage"),
    Name("iku.KODE.kategori", "the category of the capaian on the dataset's scale"),
    Name("ringkasan.jumlah_iku", "how many IKU, in words"),
    Name("ringkasan.jumlah_tercapai", "how many measured IKU reached their target, in words"),
    Name("ringkasan.jumlah_belum", "how many measured IKU did not, in words"),
    Name("ringkasan.rata_rata_capaian", "the mean capaian of the IKU"),
    Name("ringkasan.kategori", "the category of the mean"),
    Name(
        "ringkasan.kesimpulan",
        "the generated conclusion of Bab IV: IKU met (share), those missed by name, the mean capaian",
    ),
    Name("ringkasan.semua_tercapai", "true when no measured IKU missed its target (for `{% if %}`)"),
    Name(
        "perbaikan.ada",
        "true when analisis_iku.csv gives a solusi for an IKU that missed its target (the list of steps follows)",
    ),
    Name("anggaran.jumlah_program", "how many programs in the year, in words (digits above twelve)"),
    Name("anggaran.jumlah_kegiatan", "how many kegiatan in the year, in words (digits above twelve)"),
    Name("anggaran.pagu_murni", "the APBD murni pagu"),
    Name("anggaran.pagu", "the pagu after revision (APBD-P when revised)"),
    Name("anggaran.realisasi", "the financial realisation"),
    Name("anggaran.serapan", "the absorption: realisation / pagu"),
    Name("anggaran.sisa", "the unspent pagu"),
)

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&\"'=:])")


def _as_markdown_text(value: Any) -> str:
    """A placeholder's value escaped for Markdown, so that it prints as itself (never as markup)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", str(value))


_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, finalize=_as_markdown_text)


class PlaceholderError(BuildError):
    """A prose cell names something the vocabulary does not have, or is not a valid template."""


def has_placeholders(text: str) -> bool:
    """True when a Markdown cell uses the template syntax (``{{ … }}``, ``{% … %}``)."""
    return "{{" in text or "{%" in text


def render_prose(text: str, names: Mapping[str, Any] | None, *, where: str) -> Markup:
    """A Markdown cell as report HTML: its placeholders filled in from ``names``, then rendered safely.

    Parameters
    ----------
    text
        The cell's Markdown.
    names
        The vocabulary of the chapter's year (:func:`vocabulary`); only needed when the text has placeholders.
    where
        The notebook and cell, for errors (``04_penutup, cell 5``).

    Raises
    ------
    PlaceholderError
        An unknown name, or a template that does not parse.
    """
    if has_placeholders(text):
        try:
            text = _ENV.from_string(text).render(names or {})
        except TemplateError as exc:
            raise PlaceholderError(
                _(
                    "{where}: {error} in the Markdown cell; the names a prose cell may use are "
                    "listed in docs/report-html.md (Prose cells)"
                ).format(where=where, error=exc.message or exc)
            ) from exc
    return markdown(text)


def vocabulary(ds, year: int, analysis=None) -> dict[str, Any]:
    """The names a prose cell may use, for one dataset and year (see :data:`VOCABULARY`).

    ``analysis`` is the year's :class:`lkjipkit.analysis.YearAnalysis` (computed when not given).
    """
    from lkjipkit.analysis import analyse

    from . import narrative
    from .closing import closing_facts

    a = analysis if analysis is not None else analyse(ds, year)
    with narrative.wording(narrative.wording_folder(ds)):
        bab4 = closing_facts(a, ds.report(a.year))
    p, inst = ds.profil, ds.profil.instansi
    laws = p.dasar_hukum_organisasi
    iku = {
        r["kode"]: {
            "nama": r["indikator"],
            "target": fmt.dengan_satuan(r["target"], r["satuan"]),
            "realisasi": fmt.dengan_satuan(r["realisasi"], r["satuan"]),
            "capaian": fmt.persen(r["capaian"]),
            "kategori": r["kategori"] if not fmt.kosong(r["kategori"]) else fmt.KOSONG,
        }
        for r in a.capaian_iku.to_dict("records")
    }
    s, b = a.ringkasan_iku, a.anggaran_ringkasan
    return {
        "tahun": a.year,
        "instansi": {
            "nama": inst.nama_lengkap,
            "singkat": f"{inst.singkatan} {inst.pemerintah}" if inst.singkatan else inst.nama_lengkap,
            "dasar_hukum": laws[0] if laws else "peraturan daerah tentang pembentukan perangkat daerah",
        },
        "visi": p.visi,
        "misi": {"jumlah": fmt.bilangan(len(p.misi)), "ada": bool(p.misi)},
        "laporan": {
            "latar_belakang_diisi": not fmt.kosong(ds.report(a.year).latar_belakang),
            "penutup_diisi": bab4["penutup_diisi"],
        },
        "iku": iku,
        "ringkasan": {
            "jumlah_iku": fmt.bilangan(s.jumlah_iku),
            "jumlah_tercapai": fmt.bilangan(s.jumlah_tercapai),
            "jumlah_belum": fmt.bilangan(s.jumlah_belum),
            "rata_rata_capaian": fmt.persen(s.rata_rata_capaian),
            "kategori": s.kategori_rata_rata or fmt.KOSONG,
            "kesimpulan": bab4["kesimpulan"],
            "semua_tercapai": bab4["semua_tercapai"],
        },
        "perbaikan": {"ada": bab4["ada_langkah"]},
        "anggaran": {
            "jumlah_program": fmt.bilangan(len(a.anggaran_program)),
            "jumlah_kegiatan": fmt.bilangan(len(a.anggaran_kegiatan)),
            "pagu_murni": fmt.rupiah(b.pagu_murni),
            "pagu": fmt.rupiah(b.pagu),
            "realisasi": fmt.rupiah(b.realisasi_keuangan),
            "serapan": fmt.persen(b.realisasi_keuangan_persen),
            "sisa": fmt.rupiah(b.sisa),
        },
    }


# --- the reference in docs/report-html.md ---------------------------------------------------------------

BEGIN = "<!-- vocabulary: generated by python -m lkjipkit.report.prose --write -->"
END = "<!-- /vocabulary -->"


def lookup(names: Mapping[str, Any], name: str, code: str) -> Any:
    """The value of a dotted vocabulary name (``iku.KODE.capaian``, ``KODE`` standing for ``code``)."""
    value: Any = names
    for part in name.replace("KODE", code).split("."):
        value = value[part]
    return value


def reference() -> str:
    """The vocabulary as a Markdown table (with the embedded dataset's values), between its markers."""
    from lkjipkit.config import default_dataset
    from lkjipkit.dataset import load_dataset

    ds = load_dataset(default_dataset())
    names = vocabulary(ds, ds.resolve_year(0))
    code = next(iter(names["iku"]))

    def shown(value: Any) -> str:
        text = str(value).lower() if isinstance(value, bool) else str(value)
        return text if len(text) <= 40 else text[:39] + "…"

    rows = [f"| `{{{{ {n.name} }}}}` | {n.meaning} | {shown(lookup(names, n.name, code))} |" for n in VOCABULARY]
    head = f"| name | value | embedded dataset, {names['tahun']} ({code} for KODE) |"
    table = "\n".join([head, "|---|---|---|", *rows])
    return f"{BEGIN}\n\n{table}\n\n{END}"


def update(path: Path) -> None:
    from lkjipkit._docs import replace_between

    replace_between(path, BEGIN, END, reference())


if __name__ == "__main__":  # pragma: no cover - documentation generator
    if "--write" in sys.argv:
        update(Path(__file__).resolve().parents[2] / "docs" / "report-html.md")
    else:
        print(reference())
