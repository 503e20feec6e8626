"""Property-based tests of validation: random cells, bytes and YAML into `lkjip validate`.

Whatever the input, validation terminates within a bound, never raises past
the command line (exit 0 or 1, no traceback), and never accepts a number
outside its column's declared range.
"""

from __future__ import annotations

import csv
import io
import math
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkjipkit.cli import main
from lkjipkit.dataset import TABLE_BY_NAME, load_dataset
from lkjipkit.dataset.spec import MAGNITUDE
from lkjipkit.errors import DatasetError

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
BOUND_SECONDS = 20

#: (file, data line, column): numeric cells of the seed, one per kind of range.
NUMERIC_CELLS = [
    ("anggaran", 2, "realisasi_fisik"),  # percent 0-100
    ("anggaran", 3, "pagu_murni"),  # money, >= 0
    ("iku_tahunan", 3, "realisasi"),  # number, no declared range
    ("iku", 2, "urutan"),  # int, >= 0
    ("spm_realisasi", 42, "pembilang"),  # number >= 0, at most the denominator
]

number_like = st.one_of(
    st.from_regex(r"[-+]?[0-9]{0,22}([.,][0-9]{0,6}){0,3}(e[-+]?[0-9]{1,3})?%?", fullmatch=True),
    st.sampled_from(["inf", "-inf", "Infinity", "NaN", "nan", "1e300", "51,470", "1.234,5", "-0", "0x10", "١٢٣"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=12),
)


@pytest.fixture
def dataset(seed_path: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(seed_path, tmp_path / "ds"))


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def validate(path: Path):
    started = time.monotonic()
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert time.monotonic() - started < BOUND_SECONDS
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


@SETTINGS
@given(where=st.sampled_from(NUMERIC_CELLS), text=number_like)
def test_a_number_outside_its_declared_range_is_never_accepted(dataset: Path, where, text: str):
    name, line, column = where
    file = dataset / f"{name}.csv"
    original = file.read_bytes()
    try:
        rows = rows_of(file)
        rows[line - 1][rows[0].index(column)] = text
        write_rows(file, rows)
        started = time.monotonic()
        try:
            ds = load_dataset(dataset)
        except DatasetError:
            return
        finally:
            assert time.monotonic() - started < BOUND_SECONDS
        col = TABLE_BY_NAME[name].column(column)
        frame = ds.tables[name]
        value = frame.loc[frame["_row"] == line, column].iloc[0]
        if pd.isna(value):
            assert col.nullable
            return
        lo, hi = col.bounds
        assert math.isfinite(value)
        assert lo <= value <= hi and abs(value) < MAGNITUDE, (text, value)
        if name == "spm_realisasi":
            assert value <= frame.loc[frame["_row"] == line, "penyebut"].iloc[0]
    finally:
        file.write_bytes(original)


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes_as_a_csv_file_end_in_exit_0_or_1(dataset: Path, data: bytes):
    (dataset / "tujuan.csv").write_bytes(data)
    validate(dataset)


@SETTINGS
@given(where=st.sampled_from(["kegiatan.csv", "iku_tahunan.csv"]), cell=st.text(max_size=40), line=st.integers(2, 9))
def test_random_text_in_any_cell_ends_in_exit_0_or_1(dataset: Path, where: str, cell: str, line: int):
    file = dataset / where
    original = file.read_bytes()  # the fixture's folder is shared by every example: put the file back
    try:
        rows = rows_of(file)
        rows[line - 1][line % len(rows[0])] = cell
        write_rows(file, rows)
        validate(dataset)
    finally:
        file.write_bytes(original)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates().map(str),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(value=yaml_values, key=st.sampled_from(["visi", "misi", "instansi", "pengaturan", "renstra", "kepala"]))
def test_random_yaml_values_in_the_profile_end_in_exit_0_or_1(dataset: Path, value, key: str):
    file = dataset / "profil.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data[key] = value
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    validate(dataset)


@SETTINGS
@given(text=st.text(max_size=400))
def test_random_text_as_laporan_yaml_ends_in_exit_0_or_1(dataset: Path, text: str):
    (dataset / "laporan.yaml").write_text(text, encoding="utf-8")
    validate(dataset)
