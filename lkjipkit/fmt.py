"""Indonesian formats for numbers, percentages, Rupiah and dates (Babel, locale ``id``).

Every number the report prints goes through here, so the whole report agrees:
``1.234.567``, ``30,75``, ``92,59 %``, ``Rp 7.016.295.114``, ``Februari 2017``.
A missing value (None, NaN, pandas NA) prints as an en dash ``–``.

Rounding is half-up on the decimal value as written (``30,745`` → ``30,75``),
the way printed tables round, not the float's binary half-even.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "id"
#: What a missing value prints as.
KOSONG = "–"
#: Units that are a kind of number rather than a thing counted: printed without the unit.
SATUAN_TANPA_NAMA = frozenset({"", "nilai", "indeks", "skor", "angka", "poin", "rasio"})


@functools.cache
def _number_pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@functools.cache
def _locale() -> Locale:
    return Locale.parse(LOCALE)


def _format_decimal(d: Decimal, pattern: str) -> str:
    """What Babel's ``format_decimal(d, format=pattern, locale=LOCALE, decimal_quantization=False)`` gives,
    with the pattern parsed and the locale looked up once instead of for every number (half its time)."""
    return _number_pattern(pattern).apply(d, _locale(), decimal_quantization=False)


def kosong(value) -> bool:
    """True for None, NaN, pandas NA/NaT and empty text."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    result = pd.isna(value)
    return result if isinstance(result, bool) else False


def _decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    # repr of a float is the shortest string that reads back to it: 30.745 stays 30.745.
    return Decimal(repr(float(value)))


def bulatkan(value, digits: int = 2) -> Decimal:
    """``value`` rounded half-up to ``digits`` decimals, as a Decimal."""
    return _decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def angka(value, digits: int = 0) -> str:
    """A number with exactly ``digits`` decimals: ``angka(1234567)`` → ``1.234.567``, ``angka(8.7, 2)`` → ``8,70``."""
    if kosong(value):
        return KOSONG
    try:
        d = bulatkan(value, digits)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if d == 0:
        d = abs(d)  # never "-0,00"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return _format_decimal(d, pattern)


def nilai(value, max_digits: int = 2) -> str:
    """A value as entered: up to ``max_digits`` decimals, no trailing zeros (``25`` → ``25``, ``30.75`` → ``30,75``)."""
    if kosong(value):
        return KOSONG
    try:
        d = bulatkan(value, max_digits)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if d == 0:
        d = abs(d)
    pattern = "#,##0" + ("." + "#" * max_digits if max_digits > 0 else "")
    return _format_decimal(d, pattern)


def persen(value, digits: int = 2) -> str:
    """A percentage with fixed decimals and a space before the sign: ``92.59`` → ``92,59 %``."""
    if kosong(value):
        return KOSONG
    return f"{angka(value, digits)} %"


def rupiah(value, digits: int = 0) -> str:
    """Rupiah: ``7016295114`` → ``Rp 7.016.295.114``; negative amounts as ``-Rp 1.000``."""
    if kosong(value):
        return KOSONG
    text = angka(abs(float(value)) if not isinstance(value, int) else abs(value), digits)
    return f"-Rp {text}" if float(value) < 0 and text.strip("0,.") else f"Rp {text}"


def dengan_satuan(value, satuan: str | None, max_digits: int = 2) -> str:
    """A value followed by its unit: ``30.75, "%"`` → ``30,75 %``; ``14.2, "per 1.000 KH"`` → ``14,2 per 1.000 KH``.

    Units that only say "a number" (``nilai``, ``indeks``, ``skor``) are left out.
    """
    text = nilai(value, max_digits)
    if text == KOSONG:
        return text
    unit = (satuan or "").strip()
    if unit.lower() in SATUAN_TANPA_NAMA:
        return text
    return f"{text} {unit}"


def satuan_selisih(satuan: str | None) -> str:
    """The unit of a difference: percentage points (``poin``) for ``%`` and plain numbers, else the unit itself."""
    unit = (satuan or "").strip()
    if unit == "%" or unit.lower() in SATUAN_TANPA_NAMA:
        return "poin"
    return unit


def selisih(value, satuan: str | None, max_digits: int = 2) -> str:
    """The size of a change (always positive), with its unit: ``8.7, "%"`` → ``8,70 poin``.

    Percentage points are printed with two decimals (as the seed prints capaian);
    other units with up to ``max_digits``.
    """
    if kosong(value):
        return KOSONG
    size = abs(float(value))
    unit = satuan_selisih(satuan)
    text = angka(size, max_digits) if unit == "poin" else nilai(size, max_digits)
    return f"{text} {unit}"


def digits_to_keep_order(a, b, start: int = 2, limit: int = 8) -> int:
    """The fewest decimals (from ``start``) at which ``a`` and ``b`` print in the same order as their values.

    Two different numbers must never print alike in a sentence that says one
    is above the other (69,999 against a target of 70 is not "70").
    """
    if kosong(a) or kosong(b):
        return start
    fa, fb = float(a), float(b)
    want = (fa > fb) - (fa < fb)
    for d in range(start, limit + 1):
        ra, rb = bulatkan(fa, d), bulatkan(fb, d)
        if (ra > rb) - (ra < rb) == want:
            return d
    return limit


def digits_nonzero(value, start: int = 2, limit: int = 8) -> int:
    """The fewest decimals (from ``start``) at which a non-zero value does not print as zero."""
    if kosong(value) or float(value) == 0:
        return start
    for d in range(start, limit + 1):
        if bulatkan(abs(float(value)), d) != 0:
            return d
    return limit


def romawi(n: int) -> str:
    """Roman numeral of a positive whole number: ``14`` → ``XIV`` (program and chapter numbers)."""
    n = int(n)
    if n <= 0:
        raise ValueError(f"no Roman numeral for {n}")
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def huruf(n: int) -> str:
    """Letter of a list item: ``1`` → ``a``, ``27`` → ``aa``."""
    n = int(n)
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _as_date(value) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    return _dt.date.fromisoformat(str(value))


def bulan_tahun(value) -> str:
    """Month and year: ``2017-02-01`` → ``Februari 2017``."""
    if kosong(value):
        return KOSONG
    return format_date(_as_date(value), "MMMM y", locale=LOCALE)


def tanggal(value) -> str:
    """A full date: ``2016-01-04`` → ``4 Januari 2016``."""
    if kosong(value):
        return KOSONG
    return format_date(_as_date(value), "d MMMM y", locale=LOCALE)


def daftar(items, kata: str = "dan") -> str:
    """Items joined the Indonesian way: ``a``, ``a dan b``, ``a, b, dan c``."""
    items = [str(i) for i in items if not kosong(i)]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {kata} {items[1]}"
    return ", ".join(items[:-1]) + f", {kata} {items[-1]}"


def bilangan(n: int) -> str:
    """A small count in words for prose (``0``–``12``), digits above: ``6`` → ``enam``."""
    words = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh")
    n = int(n)
    if 0 <= n < len(words):
        return words[n]
    if n == 11:
        return "sebelas"
    if n == 12:
        return "dua belas"
    return angka(n)


def is_finite(value) -> bool:
    """A real number that is not missing, NaN or infinite."""
    if kosong(value):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False
