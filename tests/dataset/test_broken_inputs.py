"""Broken datasets: `lkjip validate` exits 1 and names file, row, column and what was expected.

Each case copies the embedded dataset, breaks one thing the way a real user
would, and checks the exact location and the gist of the message.
"""

from __future__ import annotations

import csv
import io
import os
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
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


def append_text(file: str, text: str) -> Callable[[Path], None]:
    def mutate(ds: Path) -> None:
        with (ds / file).open("a", encoding="utf-8") as f:
            f.write(text)

    return mutate


def reencode(file: str, encoding: str) -> Callable[[Path], None]:
    """Mutation: save a file in another encoding (Excel's "Unicode Text" is UTF-16)."""

    def mutate(ds: Path) -> None:
        (ds / file).write_bytes((ds / file).read_text(encoding="utf-8").encode(encoding))

    return mutate


def make_fifo(file: str) -> Callable[[Path], None]:
    def mutate(ds: Path) -> None:
        (ds / file).unlink()
        os.mkfifo(ds / file)

    return mutate


def link_to(file: str, target: str) -> Callable[[Path], None]:
    def mutate(ds: Path) -> None:
        (ds / file).unlink()
        (ds / file).symlink_to(target)

    return mutate


def with_logo(data: bytes | None = None, size: tuple[int, int] = (20, 20)) -> Callable[[Path], None]:
    """Mutation: name logo.png in the profile; write the given bytes, or a PNG of the given size."""

    def mutate(ds: Path) -> None:
        replace_text("profil.yaml", "logo: null", "logo: logo.png")(ds)
        if data is not None:
            (ds / "logo.png").write_bytes(data)
        else:
            from PIL import Image

            Image.new("1", size).save(ds / "logo.png")

    return mutate


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size without holding its pixels (a few dozen bytes, as in the red-team file)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


#: A "billion laughs" YAML: nine levels of nine aliases, 9^9 strings if expanded (about 1 KB as a file).
ALIAS_BOMB = "bom:\n  a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  {chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

#: The line of the first key added at the end of profil.yaml (it has 67 lines).
END = 68


@dataclass
class Case:
    id: str
    mutate: Callable[[Path], None]
    location: str  # expected start of the error line, after the dataset folder
    message: str  # expected part of the message
    env: dict[str, str] = field(default_factory=dict)  # environment for the run (limits)


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
    # --- family 1: numbers read wrongly without an error; bounds; text that only looks filled in
    Case(
        "quoted-thousands-in-comma-file",
        set_cell("iku_tahunan.csv", 3, "realisasi", "51,470"),
        "iku_tahunan.csv:3:realisasi: ",
        "thousands separator, which a ','-separated file does not use (it could be 51470",
    ),
    Case("inf", set_cell("iku_tahunan.csv", 3, "realisasi", "inf"), "iku_tahunan.csv:3:realisasi: ", "found 'inf'"),
    Case(
        "infinity",
        set_cell("anggaran.csv", 2, "pagu_murni", "Infinity"),
        "anggaran.csv:2:pagu_murni: ",
        "expected a number in the format of this ','-separated file",
    ),
    Case("nan", set_cell("iku_tahunan.csv", 2, "target", "NaN"), "iku_tahunan.csv:2:target: ", "found 'NaN'"),
    Case(
        "exponent",
        set_cell("anggaran.csv", 2, "realisasi_keuangan", "1e300"),
        "anggaran.csv:2:realisasi_keuangan: ",
        "found '1e300'",
    ),
    Case(
        "exponent-in-percent",
        set_cell("anggaran.csv", 2, "realisasi_fisik", "9E1"),
        "anggaran.csv:2:realisasi_fisik: ",
        "found '9E1'",
    ),
    Case(
        "money-from-10-to-the-15",
        set_cell("anggaran.csv", 2, "pagu_murni", "1000000000000000"),
        "anggaran.csv:2:pagu_murni: ",
        "more than 15 digits; expected a number below 10^15",
    ),
    Case(
        "money-with-300-digits",
        set_cell("program_tahunan.csv", 2, "anggaran_pk", "9" * 300),
        "program_tahunan.csv:2:anggaran_pk: ",
        "more than 15 digits",
    ),
    Case(
        "whole-number-too-long",
        set_cell("iku.csv", 2, "urutan", "1" + "0" * 25),
        "iku.csv:2:urutan: ",
        "more than 15 digits",
    ),
    Case(
        "babel-cannot-parse-either",  # found by test_properties: Babel raised decimal.InvalidOperation
        set_cell("anggaran.csv", 2, "realisasi_fisik", "1,e30"),
        "anggaran.csv:2:realisasi_fisik: ",
        "found '1,e30'",
    ),
    Case(
        "plus-sign",
        set_cell("iku_tahunan.csv", 2, "target", "+70"),
        "iku_tahunan.csv:2:target: ",
        "found '+70'",
    ),
    Case(
        "spm-numerator-above-denominator",
        set_cell("spm_realisasi.csv", 42, "pembilang", "16263"),
        "spm_realisasi.csv:42:pembilang: ",
        "16263 is above penyebut 10842",
    ),
    Case(
        "zero-width-only-text",
        set_cell("kegiatan.csv", 3, "kegiatan", "\u200b\u200c\u2060"),
        "kegiatan.csv:3:kegiatan: ",
        "empty; expected some text",
    ),
    Case(
        "bom-and-blanks-only-code",
        set_cell("kegiatan.csv", 3, "program_kode", "\ufeff \u00a0"),
        "kegiatan.csv:3:program_kode: ",
        "empty; expected a code",
    ),
    Case(
        "nul-in-a-name",
        set_cell("kegiatan.csv", 3, "kegiatan", "Penyediaan\x00jasa"),
        "kegiatan.csv:3:kegiatan: ",
        "the control character U+0000 at position 11",
    ),
    Case(
        "bell-in-a-name",
        set_cell("tujuan.csv", 2, "tujuan", "Tujuan\x07"),
        "tujuan.csv:2:tujuan: ",
        "the control character U+0007",
    ),
    Case(
        "escape-in-a-code",
        set_cell("iku.csv", 2, "kode", "IKU\x1b1"),
        "iku.csv:2:kode: ",
        "the control character U+001B",
    ),
    Case(
        "nul-in-yaml",
        replace_text("profil.yaml", "visi:", 'visi: "Visi\\0"\nvisi_lama:'),
        "profil.yaml:",
        "visi: the control character U+0000",
    ),
    Case(
        "cell-longer-than-the-limit",
        set_cell("tujuan.csv", 2, "tujuan", "x" * 50),
        "tujuan.csv:2:tujuan: ",
        "a text of 50 characters; the limit is 40 characters (characters per cell)",
        env={"LKJIP_MAX_CELL_CHARS": "40"},
    ),
    # --- family 2: dates, YAML lines, category scales
    Case(
        "impossible-date",
        replace_text("laporan.yaml", "tanggal_terbit: 2017-02-01", "tanggal_terbit: 2017-02-30"),
        "laporan.yaml:5:laporan.0.tanggal_terbit: ",
        "2017-02-30 is not a day of the calendar",
    ),
    Case(
        "date-as-a-number",
        replace_text("laporan.yaml", "tanggal_terbit: 2017-02-01", "tanggal_terbit: 20170201"),
        "laporan.yaml:5:laporan.0.tanggal_terbit: ",
        "found the number 20170201; expected a date written YYYY-MM-DD",
    ),
    Case(
        "date-as-an-excel-serial",
        replace_text("laporan.yaml", "tanggal_terbit: 2017-02-01", "tanggal_terbit: 42767"),
        "laporan.yaml:5:laporan.0.tanggal_terbit: ",
        "found the number 42767",
    ),
    Case(
        "date-in-words",
        replace_text("laporan.yaml", "tanggal_terbit: 2017-02-01", "tanggal_terbit: 1 Februari 2017"),
        "laporan.yaml:5:laporan.0.tanggal_terbit: ",
        "found '1 Februari 2017'; expected a date written YYYY-MM-DD",
    ),
    Case(
        "yaml-error-at-the-end-has-its-line",
        append_text("profil.yaml", "tugas_pokok: [tidak ditutup\n"),
        f"profil.yaml:{END + 1}: ",
        "not valid YAML",
    ),
    Case(
        "yaml-unknown-key-at-the-end-has-its-line",
        append_text("profil.yaml", "kepala_dinas: x\n"),
        f"profil.yaml:{END}:kepala_dinas: ",
        "Extra inputs are not permitted",
    ),
    Case(
        "unknown-category-scale",
        append_text("profil.yaml", "pengaturan:\n  skala_kategori: tidak-ada\n"),
        f"profil.yaml:{END + 1}:pengaturan.skala_kategori: ",
        "no shipped scale 'tidak-ada'; expected one of lampu-lalu-lintas, permendagri-54-2010, "
        "permendagri-86-2017, sampang-2019",
    ),
    Case(
        "empty-category-scale",
        append_text("profil.yaml", "pengaturan:\n  skala_kategori: []\n"),
        f"profil.yaml:{END + 1}:pengaturan.skala_kategori: ",
        "an empty list of bands",
    ),
    Case(
        "category-scale-with-nan-bound",
        append_text("profil.yaml", "pengaturan:\n  skala_kategori:\n  - {batas_bawah: .nan, kategori: A}\n"),
        f"profil.yaml:{END + 2}:pengaturan.skala_kategori.0.batas_bawah: ",
        "found nan; expected a finite lower bound",
    ),
    Case(
        "category-scale-with-a-bound-twice",
        append_text(
            "profil.yaml",
            "pengaturan:\n  skala_kategori:\n  - {batas_bawah: 90, kategori: A}\n  - {batas_bawah: 90, kategori: B}\n",
        ),
        f"profil.yaml:{END + 3}:pengaturan.skala_kategori.1.batas_bawah: ",
        "90 is also the lower bound of band 1",
    ),
    # --- family 3: resource limits
    Case("yaml-alias-bomb", append_text("profil.yaml", ALIAS_BOMB), f"profil.yaml:{END + 1}: ", "anchors and aliases"),
    Case(
        "yaml-anchor",
        replace_text("profil.yaml", "visi:", "visi: &v Visi\nvisi_lama: *v\nx:"),
        "profil.yaml:",
        "anchors and aliases (&name, *name) are not allowed",
    ),
    Case("fifo-instead-of-csv", make_fifo("tujuan.csv"), "tujuan.csv: ", "this is a FIFO (named pipe); expected a CSV"),
    Case("fifo-instead-of-yaml", make_fifo("laporan.yaml"), "laporan.yaml: ", "this is a FIFO (named pipe)"),
    Case("device-instead-of-csv", link_to("kegiatan.csv", "/dev/zero"), "kegiatan.csv: ", "this is a device"),
    Case(
        "file-over-the-size-limit",
        lambda ds: None,
        "anggaran.csv: ",
        "bytes; the limit is 5,000 bytes (file size). If the data is real, raise it with the environment variable "
        "LKJIP_MAX_FILE_BYTES",
        env={"LKJIP_MAX_FILE_BYTES": "5000"},
    ),
    Case(
        "rows-over-the-limit",
        lambda ds: None,
        "kegiatan.csv: ",
        "69 data rows; the limit is 50 rows (rows per table)",
        env={"LKJIP_MAX_ROWS": "50"},
    ),
    Case(
        "logo-over-the-pixel-limit",
        with_logo(size=(200, 100)),
        "profil.yaml:13:instansi.logo: ",
        "'logo.png' is 200 × 100 px; the limit is 10,000 pixels (image size)",
        env={"LKJIP_MAX_IMAGE_PIXELS": "10000"},
    ),
    Case(
        "logo-of-40000-by-40000-px",
        with_logo(png_header(40_000, 40_000)),
        "profil.yaml:13:instansi.logo: ",
        "the limit is 25,000,000 pixels (image size). If the data is real, raise it with the environment variable "
        "LKJIP_MAX_IMAGE_PIXELS",
    ),
    Case(
        "logo-of-6000-by-5000-px",
        with_logo(png_header(6000, 5000)),
        "profil.yaml:13:instansi.logo: ",
        "'logo.png' is 6,000 × 5,000 px; the limit is 25,000,000 pixels",
    ),
    # --- family 7: messages
    Case(
        "utf16-csv",
        reencode("iku.csv", "utf-16"),
        "iku.csv: ",
        "the file is UTF-16 text (Excel's 'Unicode Text'); expected UTF-8 or Windows-1252",
    ),
    Case("utf16-csv-without-bom", reencode("program.csv", "utf-16-le"), "program.csv: ", "UTF-16"),
    Case("utf16-yaml", reencode("laporan.yaml", "utf-16"), "laporan.yaml: ", "UTF-16"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_input_is_reported_with_location(case: Case, seed_copy: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    case.mutate(seed_copy)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert time.monotonic() - started < 30, "validate must not hang or blow up on a small file"
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(str(seed_copy) + "/")]
    expected_start = f"{seed_copy}/{case.location}"
    hits = [ln for ln in lines if ln.startswith(expected_start) and case.message in ln]
    assert hits, f"no line starting {expected_start!r} containing {case.message!r} in:\n{result.stderr}"
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_one_error_not_one_per_cell(encoding: str, seed_copy: Path):
    reencode("anggaran.csv", encoding)(seed_copy)
    result = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if "anggaran.csv" in ln]
    assert len(lines) == 1 and "UTF-16" in lines[0], result.stderr


def test_a_file_locked_by_another_program_says_close_it(seed_copy: Path, monkeypatch):
    locked = seed_copy / "anggaran.csv"
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert result.exit_code == 1
    assert f"{seed_copy}/anggaran.csv: permission denied" in result.stderr
    assert "close the file and try again" in result.stderr
    assert "Traceback" not in result.output


def test_a_locked_file_that_is_not_a_table_says_close_it(seed_copy: Path, monkeypatch):
    (seed_copy / "catatan.docx").write_bytes(b"x")
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "catatan.docx":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert result.exit_code == 1
    assert "catatan.docx: permission denied" in result.stderr and "close the file" in result.stderr


def test_the_seed_is_within_the_limits_it_documents(seed_path: Path):
    from lkjipkit.dataset import limits, load_dataset

    ds = load_dataset(seed_path)
    assert max(len(t) for t in ds.tables.values()) < limits.ROWS.default
    assert max(p.stat().st_size for p in seed_path.iterdir()) < limits.FILE_BYTES.default


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
