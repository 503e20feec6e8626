"""A larger copy of a dataset, deterministically: every kegiatan split into ``factor`` kegiatan.

Each kegiatan of ``kegiatan.csv`` becomes ``factor`` kegiatan of the same program (new codes
``<program>.<NNN>`` numbered within the program, more digits past 999, the name with "bagian k");
each of its ``anggaran.csv`` rows is split among them: pagu and realisation divided (the remainder
on the first part), the physical realisation kept, ``nama_realisasi`` given the same "bagian k".
Program totals and everything else stay as they were, so the copy validates like the original and
its report has the same IKU, SPM and programs, only ``factor`` times the kegiatan.
The printed kegiatan figures (``*_tercetak``) are left empty in the copy (they would no longer match).

    .venv/bin/python benchmarks/scale_kegiatan.py OUT --factor 50
    .venv/bin/python benchmarks/scale_kegiatan.py OUT --kegiatan 5000   # the smallest factor reaching it
"""

from __future__ import annotations

import argparse
import csv
import math
import shutil
from pathlib import Path

MONEY = ("pagu_murni", "pagu_perubahan", "realisasi_keuangan")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _split(value: str, factor: int) -> list[str]:
    """An amount in ``factor`` integer parts summing to it (empty stays empty)."""
    if not value.strip():
        return [value] * factor
    total = round(float(value))
    part, rest = divmod(total, factor)
    return [str(part + rest)] + [str(part)] * (factor - 1)


def scale(source: Path, target: Path, factor: int) -> int:
    """Write the copy of ``source`` with every kegiatan split in ``factor``; the number of kegiatan."""
    if factor < 1:
        raise ValueError("factor: at least 1")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    kfields, kegiatan = _read(source / "kegiatan.csv")
    afields, anggaran = _read(source / "anggaran.csv")
    per_program: dict[str, int] = {}
    for k in kegiatan:
        per_program[k["program_kode"]] = per_program.get(k["program_kode"], 0) + factor
    width = max(3, len(str(max(per_program.values(), default=0))))
    numbered: dict[str, int] = {}
    new_codes: dict[str, list[str]] = {}
    rows: list[dict[str, str]] = []
    for k in kegiatan:
        codes = []
        for part in range(factor):
            n = numbered[k["program_kode"]] = numbered.get(k["program_kode"], 0) + 1
            code = f"{k['program_kode']}.{n:0{width}d}"
            name = k["kegiatan"] if factor == 1 else f"{k['kegiatan']} (bagian {part + 1})"
            rows.append({**k, "kode_rekening": code, "kegiatan": name, "urutan": str(n)})
            codes.append(code)
        new_codes[k["kode_rekening"]] = codes
    _write(target / "kegiatan.csv", kfields, rows)
    split_rows: list[dict[str, str]] = []
    for a in anggaran:
        parts = {c: _split(a[c], factor) for c in MONEY}
        for i, code in enumerate(new_codes[a["kode_rekening"]]):
            row = {**a, "kode_rekening": code, **{c: parts[c][i] for c in MONEY}}
            if factor > 1 and a.get("nama_realisasi", "").strip():  # the name as the realisation printed it
                row["nama_realisasi"] = f"{a['nama_realisasi']} (bagian {i + 1})"
            split_rows.append({c: ("" if c.endswith("_tercetak") else v) for c, v in row.items()})
    _write(target / "anggaran.csv", afields, split_rows)
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--source", type=Path, default=None, help="default: the embedded dataset")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--factor", type=int)
    group.add_argument("--kegiatan", type=int, help="at least this many kegiatan")
    args = ap.parse_args()
    from lkjipkit.config import default_dataset

    source = args.source or default_dataset()
    factor = args.factor
    if factor is None:
        with (source / "kegiatan.csv").open(encoding="utf-8") as f:
            factor = math.ceil(args.kegiatan / (sum(1 for _ in f) - 1))
    print(f"{args.out}: {scale(source, args.out, factor)} kegiatan (factor {factor})")


if __name__ == "__main__":
    main()
