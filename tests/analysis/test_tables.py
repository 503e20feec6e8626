"""CSV files written by ``lkjip tables`` (lkjipkit.analysis.tables)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lkjipkit.analysis import OUTPUT_TABLES, analyse, write_tables
from lkjipkit.analysis import tables as tables_module
from lkjipkit.config import PROJECT_ROOT
from lkjipkit.errors import BuildError, YearError

# pandas 3 reads floats exactly by default (and deprecates the option); pandas 2.2 needs it.
ROUND_TRIP = {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}

REQUIRED = {
    "capaian_iku": [
        "kode",
        "indikator",
        "satuan",
        "polaritas",
        "target",
        "realisasi",
        "capaian",
        "kategori",
        "realisasi_tahun_lalu",
        "perubahan",
    ],
    "spm": [],
    "anggaran_kegiatan": [
        "kode_rekening",
        "kegiatan",
        "program",
        "pagu_murni",
        "pagu_perubahan",
        "bobot",
        "realisasi_fisik",
        "ttb",
        "realisasi_keuangan",
        "realisasi_keuangan_persen",
        "sisa",
    ],
    "anggaran_program": [],
    "anggaran_ringkasan": [],
    "efisiensi": [],
}


@pytest.fixture(scope="module")
def written(ds, tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("run") / "tabel"
    return out, write_tables(ds, 2016, out)


def test_files_and_required_columns(written):
    out, paths = written
    assert [p.name for p in paths] == [t.file for t in OUTPUT_TABLES]
    assert all(p.parent == out and p.is_file() for p in paths)
    for name, cols in REQUIRED.items():
        header = pd.read_csv(out / f"{name}.csv", nrows=0).columns.tolist()
        assert set(cols) <= set(header), name


def test_utf8_with_bom_and_documented_header(written):
    out, _ = written
    for t in OUTPUT_TABLES:
        raw = (out / t.file).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        header = raw[3:].split(b"\n", 1)[0].decode("utf-8")
        assert header.split(",") == t.column_names


def test_full_precision_round_trip(ds, written):
    out, _ = written
    a = analyse(ds, 2016)
    for t in OUTPUT_TABLES:
        back = pd.read_csv(out / t.file, **ROUND_TRIP)
        frame = t.frame(a)
        for col in frame.columns:
            if pd.api.types.is_float_dtype(frame[col]):
                assert (back[col].isna() == frame[col].isna()).all(), (t.name, col)
                assert (back[col].dropna().to_numpy() == frame[col].dropna().to_numpy()).all(), (t.name, col)


def test_rupiah_without_decimals_and_undefined_as_empty(written):
    out, _ = written
    text = (out / "anggaran_kegiatan.csv").read_text(encoding="utf-8-sig")
    cut = next(line for line in text.splitlines() if line.startswith("1.14.1.14.01.01.012,"))
    assert ",5034000,0,0,perubahan,5034000,,0.0,,0,,0,True,dipotong pada APBD-P (pagu 0)" in cut
    summary = (out / "anggaran_ringkasan.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert ",16935245186,7577432700," in summary and summary.endswith(",561137586")


def test_frames_have_exactly_the_documented_columns(ds):
    a = analyse(ds, 2016)
    sources = {t.name: t.source(a) for t in OUTPUT_TABLES}
    for t in OUTPUT_TABLES:
        assert list(sources[t.name].columns) == t.column_names, t.name


def test_existing_folder_keeps_other_files(ds, tmp_path):
    out = tmp_path / "tabel"
    out.mkdir()
    (out / "catatan.txt").write_text("tetap")
    (out / "capaian_iku.csv").write_text("lama")
    write_tables(ds, 2016, out)
    assert (out / "catatan.txt").read_text() == "tetap"
    assert (out / "capaian_iku.csv").read_text(encoding="utf-8-sig").startswith("kode,")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tabel.tmp-")]


def test_failure_leaves_the_output_untouched(ds, tmp_path, monkeypatch):
    out = tmp_path / "tabel"
    out.mkdir()
    (out / "capaian_iku.csv").write_text("lama")
    calls = []

    def failing(frame, path, table):
        calls.append(table.name)
        if len(calls) == 3:
            raise OSError("disk full")
        path.write_text("x")

    monkeypatch.setattr(tables_module, "write_csv", failing)
    with pytest.raises(OSError, match="disk full"):
        write_tables(ds, 2016, out)
    assert [p.name for p in out.iterdir()] == ["capaian_iku.csv"]
    assert (out / "capaian_iku.csv").read_text() == "lama"
    assert [p.name for p in tmp_path.iterdir()] == ["tabel"]


def test_output_path_that_is_a_file(ds, tmp_path):
    f = tmp_path / "tabel"
    f.write_text("")
    with pytest.raises(BuildError, match="not a folder"):
        write_tables(ds, 2016, f)


def test_year_without_data(ds, tmp_path):
    with pytest.raises(YearError):
        write_tables(ds, 2030, tmp_path / "tabel")
    assert not (tmp_path / "tabel").exists()


def test_docs_tables_md_is_current():
    doc = PROJECT_ROOT / "docs" / "tables.md"
    assert doc.read_text(encoding="utf-8") == tables_module.tables_markdown(), (
        "docs/tables.md is stale: run `python -m lkjipkit.analysis.docs > docs/tables.md`"
    )
