"""Broken datasets: `lkjip validate` exits 1 and names file, row, column and what was expected.

Each case copies the embedded dataset, breaks one thing the way a real user
would, and checks the exact location and the gist of the message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjipkit.cli import main


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(file: str, line: int, column: str, value: str) -> Callable[[Path], None]:
    """Mutation: set one cell (line 2 is the first data row)."""

    def mutate(ds: Path) -> None:
        rows = read_rows(ds / file)
        rows[line - 1][rows[0].index(column)] = value
        write_rows(ds / file, rows)

    return mutate


def drop_column(file: str, column: str) -> Callable[[Path], None]:
    def mutate(ds: Path) -> None:
        rows = read_rows(ds / file)
        i = rows[0].index(column)
        write_rows(ds / file, [r[:i] + r[i + 1 :] for r in rows])

    return mutate


def duplicate_row(file: str, line: int) -> Callable[[Path], None]:
    def mutate(ds: Path) -> None:
        rows = read_rows(ds / file)
        write_rows(ds / file, [*rows, rows[line - 1]])

    return mutate


def replace_text(file: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(ds: Path) -> None:
        text = (ds / file).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        (ds / file).write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write_bytes(file: str, data: bytes) -> Callable[[Path], None]:
    return lambda ds: (ds / file).write_bytes(data)


@dataclass
class Case:
    id: str
    mutate: Callable[[Path], None]
    location: str  # expected start of the error line, after the dataset folder
    message: str  # expected part of the message


CASES = [
    Case("missing-file", lambda ds: (ds / "kegiatan.csv").unlink(), "kegiatan.csv: ", "missing file"),
    Case("empty-file", write_bytes("iku.csv", b""), "iku.csv: ", "the file is empty; expected a header row"),
    Case("missing-column", drop_column("anggaran.csv", "pagu_murni"), "anggaran.csv:1:pagu_murni: ", "missing column"),
    Case(
        "unknown-column",
        replace_text("iku.csv", "polaritas", "polarity"),
        "iku.csv:1:polarity: ",
        "unknown column; expected one of",
    ),
    Case(
        "wrong-type",
        set_cell("iku_tahunan.csv", 3, "realisasi", "tinggi"),
        "iku_tahunan.csv:3:realisasi: ",
        "expected a number",
    ),
    Case(
        "negative-money",
        set_cell("anggaran.csv", 5, "pagu_murni", "-5000"),
        "anggaran.csv:5:pagu_murni: ",
        "found -5000.0; expected a value at least 0",
    ),
    Case(
        "duplicate-kode",
        duplicate_row("kegiatan.csv", 2),
        "kegiatan.csv:71:kode_rekening: ",
        "duplicate kode_rekening=1.14.1.14.01.01.001 (rows 2, 71)",
    ),
    Case(
        "unknown-polarity",
        set_cell("iku.csv", 2, "polaritas", "naik"),
        "iku.csv:2:polaritas: ",
        "expected one of positif, negatif; found 'naik'",
    ),
    Case(
        "year-outside-period",
        set_cell("iku_tahunan.csv", 2, "tahun", "2061"),
        "iku_tahunan.csv:2:tahun: ",
        "2061 is outside the Renstra period; expected 2011-2016",
    ),
    Case(
        "spending-above-pagu",
        set_cell("anggaran.csv", 2, "realisasi_keuangan", "9000000"),
        "anggaran.csv:2:realisasi_keuangan: ",
        "9.000.000 is above the budget (pagu_perubahan 3.000.000)",
    ),
    Case(
        "decimal-comma-in-comma-file",
        set_cell("iku_tahunan.csv", 2, "realisasi", "65,76"),
        "iku_tahunan.csv:2:realisasi: ",
        "did you mean '6,576' or '65.76'",
    ),
    Case(
        "percent-above-100",
        set_cell("anggaran.csv", 2, "realisasi_fisik", "150"),
        "anggaran.csv:2:realisasi_fisik: ",
        "between 0 and 100",
    ),
    Case(
        "broken-yaml",
        replace_text("profil.yaml", "visi:", "visi: [unclosed"),
        "profil.yaml:",
        "not valid YAML",
    ),
    Case(
        "yaml-code-tag-not-executed",
        replace_text("profil.yaml", "visi:", "hack: !!python/object/apply:os.system ['touch PWNED']\nvisi:"),
        "profil.yaml:",
        "not valid YAML",
    ),
    Case(
        "yaml-unknown-key",
        replace_text("profil.yaml", "visi:", "visio: typo\nvisi:"),
        "profil.yaml:",
        "visio: Extra inputs are not permitted",
    ),
    Case(
        "yaml-duplicate-key",
        replace_text("profil.yaml", "visi:", "visi: dua kali\nvisi:"),
        "profil.yaml:",
        ":visi: key given twice (first on line",
    ),
    Case(
        "slug-steering-a-path",
        replace_text("profil.yaml", "slug: balikpapan-disnakersos", "slug: ../../etc"),
        "profil.yaml:",
        "instansi.slug: String should match pattern",
    ),
    Case(
        "logo-outside-dataset",
        replace_text("profil.yaml", "logo: null", "logo: ../../etc/passwd"),
        "profil.yaml:",
        "instansi.logo: Value error, must be a file name inside the dataset folder",
    ),
    Case(
        "reference-to-nothing",
        set_cell("iku.csv", 2, "sasaran_kode", "S9"),
        "iku.csv:2:sasaran_kode: ",
        "'S9' is not a kode in sasaran.csv",
    ),
    Case(
        "kegiatan-under-wrong-program",
        set_cell("kegiatan.csv", 2, "program_kode", "1.14.1.14.01.02"),
        "kegiatan.csv:2:program_kode: ",
        "does not start with program code 1.14.1.14.01.02",
    ),
    Case(
        "malformed-year",
        set_cell("anggaran.csv", 2, "tahun", "16"),
        "anggaran.csv:2:tahun: ",
        "expected a four-digit year",
    ),
    Case(
        "row-too-long",
        replace_text("tujuan.csv", "\nT1,", "\nT1,extra,"),
        "tujuan.csv:2: ",
        "expected 3 cells as in the header",
    ),
    Case(
        "spm-one-count-only",
        set_cell("spm_realisasi.csv", 42, "penyebut", ""),
        "spm_realisasi.csv:42:penyebut: ",
        "expected both counts, or neither",
    ),
    Case(
        "empty-required-cell",
        set_cell("kegiatan.csv", 3, "kegiatan", ""),
        "kegiatan.csv:3:kegiatan: ",
        "empty; expected some text",
    ),
    Case(
        "undecodable-bytes",
        write_bytes("tujuan.csv", b"kode,tujuan\nT1,\x81\x8d\n"),
        "tujuan.csv: ",
        "cannot read the text",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_input_is_reported_with_location(case: Case, seed_copy: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    case.mutate(seed_copy)
    result = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(str(seed_copy) + "/")]
    expected_start = f"{seed_copy}/{case.location}"
    hits = [ln for ln in lines if ln.startswith(expected_start) and case.message in ln]
    assert hits, f"no line starting {expected_start!r} containing {case.message!r} in:\n{result.stderr}"
    assert "Traceback" not in result.output
    assert not (tmp_path / "PWNED").exists()


def test_all_errors_are_reported_at_once(seed_copy: Path):
    set_cell("iku.csv", 2, "polaritas", "naik")(seed_copy)
    set_cell("anggaran.csv", 3, "realisasi_fisik", "150")(seed_copy)
    (seed_copy / "tujuan.csv").unlink()
    result = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert result.exit_code == 1
    assert "iku.csv:2:polaritas" in result.stderr
    assert "anggaran.csv:3:realisasi_fisik" in result.stderr
    assert "tujuan.csv: missing file" in result.stderr


def test_missing_path_is_one_line(tmp_path: Path):
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nope'}: no such file or folder"


def test_folder_that_is_not_a_dataset(tmp_path: Path):
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a dataset folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_clean_dataset_exits_zero_and_says_what_it_checked(seed_path: Path):
    result = CliRunner().invoke(main, ["validate", str(seed_path)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.stdout
    assert "69 kegiatan" in result.stdout
    assert "cross-table rules" in result.stdout
