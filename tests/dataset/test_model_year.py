"""Dataset.resolve_year: the one place where "0 means the latest year" is decided."""

from __future__ import annotations

import pytest

from lkjipkit.errors import YearError


@pytest.mark.parametrize("given", [None, 0, "0", "", " "])
def test_empty_or_zero_is_the_latest_year(seed, given):
    assert seed.resolve_year(given) == seed.latest_year == 2016


def test_a_named_year_is_checked_against_laporan_yaml(seed):
    assert seed.resolve_year("2016") == 2016
    with pytest.raises(YearError, match=r"no report year 2031 .*years there: 2016"):
        seed.resolve_year(2031)
