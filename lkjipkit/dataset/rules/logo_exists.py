"""The logo named in ``profil.yaml`` is an image file inside the dataset folder (beside a workbook)."""

from __future__ import annotations

from lkjipkit.errors import Problem

SUFFIXES = {".png", ".jpg", ".jpeg", ".svg"}


def check(ds) -> list[Problem]:
    logo = ds.profil.instansi.logo
    if not logo:
        return []
    line = ds.yaml_lines["profil.yaml"].get(("instansi", "logo"))
    path = (ds.folder / logo).resolve()
    if not path.is_relative_to(ds.folder.resolve()):
        return [Problem("profil.yaml", line, "instansi.logo", "expected a file inside the dataset folder")]
    if path.suffix.lower() not in SUFFIXES:
        return [Problem("profil.yaml", line, "instansi.logo", f"{logo!r}: expected a PNG, JPEG or SVG image")]
    if not path.is_file():
        return [Problem("profil.yaml", line, "instansi.logo", f"{logo!r} does not exist in the dataset folder")]
    return []
