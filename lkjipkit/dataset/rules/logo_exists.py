"""The logo named in ``profil.yaml`` is an image file inside the dataset folder (beside a workbook)."""

from __future__ import annotations

from lkjipkit.errors import Problem

SUFFIXES = {".png", ".jpg", ".jpeg", ".svg"}


def file_problem(ds, key: str) -> Problem | None:
    """What is wrong with the image file named by ``instansi.<key>``: outside the folder, not an image name,
    or missing; None when it is fine or not set."""
    name = getattr(ds.profil.instansi, key)
    if not name:
        return None
    line = ds.yaml_lines["profil.yaml"].get(("instansi", key))
    path = (ds.folder / name).resolve()
    if not path.is_relative_to(ds.folder.resolve()):
        return Problem("profil.yaml", line, f"instansi.{key}", "expected a file inside the dataset folder")
    if path.suffix.lower() not in SUFFIXES:
        return Problem("profil.yaml", line, f"instansi.{key}", f"{name!r}: expected a PNG, JPEG or SVG image")
    if not path.is_file():
        return Problem("profil.yaml", line, f"instansi.{key}", f"{name!r} does not exist in the dataset folder")
    return None


def check(ds) -> list[Problem]:
    problem = file_problem(ds, "logo")
    return [] if problem is None else [problem]
