"""Three real builds (`lkjip batch`), then the recap: it equals the recap of the tables written directly."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.rekap.facts import recap
from lkjipkit.rekap.generate import generate, write_build_tables
from lkjipkit.rekap.read import read_batch


@pytest.mark.slow
def test_recap_of_real_builds(tmp_path):
    agencies = generate(tmp_path / "data", 4, seed=5)  # the fourth is the broken one
    paths = [str(a.path) for a in agencies]
    args = ["batch", *paths, "--year", "2016", "--out-root", str(tmp_path / "built"), "--format", "html", "-j", "2"]
    batch = CliRunner().invoke(main, args)
    assert batch.exit_code == 1 and "3 built, 1 failed" in batch.output, batch.output
    for a in agencies[:-1]:
        write_build_tables(a.path, tmp_path / "direct", 2016)

    built = recap(read_batch(tmp_path / "built", 2016, paths))
    direct = recap(read_batch(tmp_path / "direct", 2016, paths))
    assert len(built.tables["instansi"]) == 3
    for name, table in direct.tables.items():
        pd.testing.assert_frame_equal(built.tables[name], table, check_dtype=False)

    result = CliRunner().invoke(main, ["rekap", str(tmp_path / "built"), *paths, "--year", "2016", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "built" / "_rekap" / "2016" / "rekap.html").is_file()
    assert agencies[-1].slug in result.output
