"""Plausible agencies for tests and benchmarks, deterministic by seed.

:func:`generate` writes N dataset folders made from templates (the embedded
dataset and, in a checkout, ``tests/data/kota-contoh``): each has its own name,
abbreviation and slug, its budget scaled, its realisations of the year varied,
and its years shifted so that every agency reports the same year. Among them:

- some agencies whose analyst left every ``analisis_iku.penyebab`` of the year
  empty (IKU below target with no stated cause);
- one **over-spent** agency (index 1): a program spends more than its budget
  in the Perjanjian Kinerja (``program_tahunan.anggaran_pk``). Spending above
  the pagu of a kegiatan is a validation error (``spending_within_pagu``), and
  a program's pagu is the sum of its kegiatan, so a dataset that validates can
  only over-spend against the PK budget;
- one **broken** agency (the last one): a kegiatan spends more than its pagu,
  so the dataset fails validation and a batch names it as failed.

40 agencies make a city, 400 a province (ten cities of 40). :func:`write_rpjmd` adds an RPJMD
mapping (``rpjmd.csv``, :mod:`lkjipkit.rekap.rpjmd`) linking some of their IKU to the RPJMD
indicators of the regional head, with one link to the broken agency (which has no report) and
one to an IKU its agency does not have::

    python -m lkjipkit.rekap.generate OUT --agencies 40 --seed 1 --year 2016 [--rpjmd FILE]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from lkjipkit import config
from lkjipkit.errors import LkjipError

#: (name, abbreviation) of the agencies of one city; a province repeats them in every city.
AGENCIES = (
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    ("Satuan Polisi Pamong Praja", "Satpolpp"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Tenaga Kerja", "Disnaker"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A"),
    ("Dinas Ketahanan Pangan", "DKP"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Pemberdayaan Masyarakat", "DPM"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Dinas Koperasi dan Usaha Mikro", "Diskop"),
    ("Dinas Penanaman Modal dan PTSP", "DPMPTSP"),
    ("Dinas Kepemudaan dan Olahraga", "Dispora"),
    ("Dinas Kebudayaan", "Disbud"),
    ("Dinas Pariwisata", "Dispar"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispursip"),
    ("Dinas Perikanan", "Diskan"),
    ("Dinas Pertanian", "Distan"),
    ("Dinas Perdagangan", "Disdag"),
    ("Dinas Perindustrian", "Disperin"),
    ("Dinas Pemadam Kebakaran", "Damkar"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Badan Pengelolaan Keuangan Daerah", "BPKD"),
    ("Badan Pendapatan Daerah", "Bapenda"),
    ("Badan Kepegawaian dan Pengembangan SDM", "BKPSDM"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Inspektorat Daerah", "Inspektorat"),
    ("Sekretariat DPRD", "Setwan"),
    ("Sekretariat Daerah", "Setda"),
    ("Rumah Sakit Umum Daerah", "RSUD"),
    ("Kecamatan Kota", "Kecamatan-Kota"),
    ("Kecamatan Utara", "Kecamatan-Utara"),
    ("Kecamatan Selatan", "Kecamatan-Selatan"),
    ("Kecamatan Timur", "Kecamatan-Timur"),
)

#: Cities of a generated province, in order.
CITIES = ("Kota Contoh", "Kota Harapan", "Kota Sejahtera", "Kabupaten Makmur", "Kabupaten Lestari",
          "Kabupaten Damai", "Kota Bahari", "Kabupaten Sentosa", "Kota Mandiri", "Kabupaten Bersatu")  # fmt: skip

#: Columns that hold Rupiah amounts (scaled with the agency's budget).
_MONEY = {
    "anggaran.csv": ("pagu_murni", "pagu_perubahan", "realisasi_keuangan"),
    "program_tahunan.csv": ("anggaran_pk",),
}
#: Printed (transcribed) figures: emptied, since a generated agency has no printed report to compare with.
_PRINTED_SUFFIX = "_tercetak"

OVER_SPENT, MISSING_CAUSES_SHARE = 1, 0.3

#: The RPJMD indicators of a generated mapping: (code, name, unit, target of the year).
RPJMD_INDICATORS = (
    ("RPJMD-01", "Indeks Pembangunan Manusia", "indeks", 78.5),
    ("RPJMD-02", "Tingkat pengangguran terbuka", "%", 6.0),
    ("RPJMD-03", "Persentase penduduk miskin", "%", 2.8),
    ("RPJMD-04", "Indeks kepuasan masyarakat terhadap pelayanan publik", "indeks", 80.0),
    ("RPJMD-05", "Nilai akuntabilitas kinerja pemerintah daerah", "nilai", 70.0),
    ("RPJMD-06", "Indeks kualitas lingkungan hidup", "indeks", 65.0),
)
#: The code of the IKU a generated mapping links although its agency does not have it.
ABSENT_IKU = "IKU-TIDAK-ADA"


@dataclass(frozen=True)
class Agency:
    """One generated dataset and what was done to it."""

    path: Path
    slug: str
    nama: str
    pemerintah: str
    template: str
    budget_factor: float
    missing_causes: bool = False
    over_spent: bool = False
    broken: bool = False


def templates() -> list[Path]:
    """The template datasets: the embedded one, and ``tests/data/kota-contoh`` when running from a checkout."""
    out = [config.default_dataset()]
    contoh = config.PROJECT_ROOT / "tests" / "data" / "kota-contoh"
    if contoh.is_dir():
        out.append(contoh)
    return out


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    return list(reader.fieldnames or []), list(reader)


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _shift_date(value: dt.date, delta: int) -> dt.date:
    try:
        return value.replace(year=value.year + delta)
    except ValueError:  # 29 February
        return value.replace(year=value.year + delta, day=28)


def _shift_years(node, delta: int):
    """Every year (``tahun``, ``tahun_awal``, ``tahun_akhir``) and date in a YAML tree, moved by ``delta`` years."""
    if isinstance(node, dict):
        return {
            k: (
                v + delta
                if k in ("tahun", "tahun_awal", "tahun_akhir") and isinstance(v, int)
                else _shift_years(v, delta)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_shift_years(v, delta) for v in node]
    if isinstance(node, dt.date):
        return _shift_date(node, delta)
    return node


def _template_year(template: Path) -> int:
    laporan = yaml.safe_load((template / "laporan.yaml").read_text(encoding="utf-8"))
    return max(int(r["tahun"]) for r in laporan["laporan"])


def _money(value: str, factor: float) -> str:
    return value if not value.strip() else str(round(float(value) * factor))


def make_agency(
    template: Path, out: Path, index: int, *, seed: int = 1, year: int = 2016, broken: bool = False
) -> Agency:
    """Write agency number ``index`` into ``out/<slug>/`` from ``template``; deterministic in (seed, index).

    Parameters
    ----------
    template
        A dataset folder that validates.
    out
        The folder to write the dataset into, as ``out/<slug>/`` (which must not exist).
    index
        Its number: picks the name and the city, and seeds its variations.
    seed
        Seed of the whole set.
    year
        The report year every generated agency has.
    broken
        Make a kegiatan spend more than its pagu, so the dataset fails validation.
    """
    rng = random.Random(f"{seed}:{index}")  # noqa: S311 - test data, not secrets
    nama, singkatan = AGENCIES[index % len(AGENCIES)]
    pemerintah = CITIES[(index // len(AGENCIES)) % len(CITIES)]
    city = index // (len(AGENCIES) * len(CITIES))
    slug = f"{pemerintah.split()[-1]}-{singkatan}".lower() + (f"-{city + 1}" if city else "")
    delta = year - _template_year(template)
    dst = Path(out) / slug
    shutil.copytree(template, dst)

    profil = _shift_years(yaml.safe_load((dst / "profil.yaml").read_text(encoding="utf-8")), delta)
    profil["instansi"].update(nama=nama, singkatan=singkatan, pemerintah=pemerintah, slug=slug, logo=None)
    profil["instansi"]["kota"] = pemerintah.split()[-1]
    profil["kepala"]["jabatan"] = f"KEPALA {nama.upper()} {pemerintah.upper()}"
    (dst / "profil.yaml").write_text(yaml.safe_dump(profil, allow_unicode=True, sort_keys=False), encoding="utf-8")
    laporan = _shift_years(yaml.safe_load((dst / "laporan.yaml").read_text(encoding="utf-8")), delta)
    (dst / "laporan.yaml").write_text(yaml.safe_dump(laporan, allow_unicode=True, sort_keys=False), encoding="utf-8")

    factor = round(rng.uniform(0.25, 4.0), 3)
    missing = rng.random() < MISSING_CAUSES_SHARE
    for csv_path in sorted(dst.glob("*.csv")):
        fields, rows = _read(csv_path)
        for row in rows:
            if row.get("tahun", "").strip():
                row["tahun"] = str(int(row["tahun"]) + delta)
            for col in fields:
                if col.endswith(_PRINTED_SUFFIX):
                    row[col] = ""
            for col in _MONEY.get(csv_path.name, ()):
                row[col] = _money(row[col], factor)
        this_year = [r for r in rows if r.get("tahun") == str(year)]
        if csv_path.name == "anggaran.csv":
            for r in this_year:
                _vary_spending(r, rng)
            if broken:
                r = next(r for r in this_year if r["realisasi_keuangan"].strip() and float(_pagu(r) or 0) > 0)
                r["realisasi_keuangan"] = str(round(float(_pagu(r)) * 1.25))
        elif csv_path.name == "iku_tahunan.csv":
            for r in this_year:
                if r["realisasi"].strip():
                    r["realisasi"] = f"{float(r['realisasi']) * rng.uniform(0.75, 1.2):.2f}"
        elif csv_path.name == "analisis_iku.csv" and missing:
            for r in this_year:
                r["penyebab"] = ""
        _write(csv_path, fields, rows)
    over = index == OVER_SPENT and not broken
    if over:
        _over_spend_pk(dst, year)
    return Agency(dst, slug, nama, pemerintah, template.name, factor, missing, over, broken)


def _pagu(row: dict[str, str]) -> str:
    return row["pagu_perubahan"] if row["pagu_perubahan"].strip() else row["pagu_murni"]


def _vary_spending(row: dict[str, str], rng: random.Random) -> None:
    """The year's APBD-P moved by −20 % to +10 %, physical progress by up to −15 %, spending to between
    70 % and 100 % of what it was, never above the pagu."""
    if row["pagu_perubahan"].strip() and float(row["pagu_perubahan"]) > 0:
        row["pagu_perubahan"] = str(round(float(row["pagu_perubahan"]) * rng.uniform(0.8, 1.1)))
    if row["realisasi_fisik"].strip():
        row["realisasi_fisik"] = f"{float(row['realisasi_fisik']) * rng.uniform(0.85, 1.0):.2f}"
    if not row["realisasi_keuangan"].strip():
        return
    spent = float(row["realisasi_keuangan"]) * rng.uniform(0.7, 1.0)
    pagu = _pagu(row)
    row["realisasi_keuangan"] = str(min(round(spent), round(float(pagu))) if pagu.strip() else round(spent))


def _over_spend_pk(dst: Path, year: int) -> None:
    """Set the PK budget of the year's biggest-spending program to 80 % of what it spent."""
    _, kegiatan = _read(dst / "kegiatan.csv")
    program_of = {r["kode_rekening"]: r["program_kode"] for r in kegiatan}
    _, anggaran = _read(dst / "anggaran.csv")
    spent: dict[str, float] = {}
    for r in anggaran:
        if r["tahun"] == str(year) and r["realisasi_keuangan"].strip():
            code = program_of[r["kode_rekening"]]
            spent[code] = spent.get(code, 0.0) + float(r["realisasi_keuangan"])
    top = max(spent, key=spent.__getitem__)
    fields, rows = _read(dst / "program_tahunan.csv")
    for r in rows:
        if r["program_kode"] == top and r["tahun"] == str(year):
            r["anggaran_pk"] = str(round(spent[top] * 0.8))
    _write(dst / "program_tahunan.csv", fields, rows)


def generate(
    out: str | Path, n: int, *, seed: int = 1, year: int = 2016, sources: list[Path] | None = None
) -> list[Agency]:
    """Write ``n`` agency datasets into ``out/<slug>/``: one over-spent (index 1), the last one broken.

    Parameters
    ----------
    out
        Folder to write into (created; it must not hold a folder of the same slug).
    n
        Number of agencies (at most 400).
    seed
        The same seed gives the same files.
    year
        The report year of every agency (each template's years are shifted to it).
    sources
        Template datasets, used in turn (default: :func:`templates`).
    """
    limit = len(AGENCIES) * len(CITIES)
    if not 1 <= n <= limit:
        raise LkjipError(f"--agencies {n}: between 1 and {limit}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sources = sources or templates()
    agencies = []
    for i in range(n):
        src = sources[i % len(sources)]
        agencies.append(make_agency(src, out, i, seed=seed, year=year, broken=n > 2 and i == n - 1))
    return agencies


def write_rpjmd(agencies: list[Agency], target: str | Path, *, seed: int = 1) -> Path:
    """Write an RPJMD mapping of the agencies to ``target``; deterministic in ``seed``.

    Each indicator of :data:`RPJMD_INDICATORS` is linked to one IKU of each of 3 to 6 agencies
    (the broken one aside), with weights 1 to 3 or empty (1); its name, unit and target are on its
    first row only. Two links cannot be counted, on purpose: the first indicator names the last
    (broken) agency, the second an IKU (:data:`ABSENT_IKU`) of the first agency.

    Raises
    ------
    LkjipError
        Fewer than 4 agencies.
    """
    if len(agencies) < 4:
        raise LkjipError(f"an RPJMD mapping needs at least 4 agencies; there are {len(agencies)}")
    rng = random.Random(f"{seed}:rpjmd")  # noqa: S311 - test data, not secrets
    pool = [a for a in agencies[:-1] if not a.broken]
    rows = []
    for k, (code, name, unit, goal) in enumerate(RPJMD_INDICATORS):
        picked = rng.sample(pool, min(len(pool), rng.randint(3, 6)))
        links = [(a.slug, rng.choice([r["kode"] for r in _read(a.path / "iku.csv")[1]])) for a in picked]
        if k == 0:
            links.append((agencies[-1].slug, "IKU1"))
        elif k == 1:
            links.append((agencies[0].slug, ABSENT_IKU))
        for i, (slug, iku) in enumerate(links):
            first = i == 0
            rows.append(
                {
                    "rpjmd_kode": code,
                    "rpjmd_indikator": name if first else "",
                    "satuan": unit if first else "",
                    "target": f"{goal:g}" if first else "",
                    "slug": slug,
                    "iku_kode": iku,
                    "bobot": rng.choice(["", "1", "2", "3"]),
                }
            )
    target = Path(target)
    _write(target, list(rows[0]), rows)
    return target


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--agencies", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2016)
    ap.add_argument("--rpjmd", type=Path, help="also write an RPJMD mapping of the agencies to this file")
    args = ap.parse_args(argv)
    agencies = generate(args.out, args.agencies, seed=args.seed, year=args.year)
    for a in agencies:
        flags = [f for f in ("missing_causes", "over_spent", "broken") if getattr(a, f)]
        print(f"{a.path}: {a.slug} ({a.nama} {a.pemerintah}; from {a.template}) {' '.join(flags)}")
    if args.rpjmd:
        print(f"{write_rpjmd(agencies, args.rpjmd, seed=args.seed)}: RPJMD mapping")


if __name__ == "__main__":  # pragma: no cover
    main()


def write_build_tables(dataset: str | Path, out_root: str | Path, year: int, *, status: str = "draft") -> Path:
    """Write what a build writes beside its report, without running the chapters: quick test data.

    ``out_root/<slug>/<year>/`` gets ``tabel/`` (:func:`lkjipkit.analysis.write_tables`),
    ``reviu.json`` (:func:`lkjipkit.review.review`) and a ``provenance.json`` with the
    dataset's agency and slug and the given ``status`` (``report.status``, as a build writes it).
    Returns the report folder.

    Raises
    ------
    DatasetError
        The dataset does not validate (a broken agency has no report).
    """
    from lkjipkit import review
    from lkjipkit.analysis import write_tables
    from lkjipkit.dataset import load_dataset
    from lkjipkit.publish.provenance import record, write

    ds = load_dataset(dataset)
    folder = Path(out_root) / ds.slug / str(year)
    write_tables(ds, year, folder / "tabel")
    (folder / "reviu.json").write_text(review.to_json(review.review(ds, year)) + "\n", encoding="utf-8")
    dataset_record = {"path": str(Path(dataset).resolve()), "agency": ds.profil.instansi.nama_lengkap, "slug": ds.slug}
    report = {"status": status}  # as a build writes it: "status" says the build succeeded
    write(
        folder / "provenance.json",
        record(status="built", report=report, dataset=dataset_record, parameters={"year": year}),
    )
    return folder
