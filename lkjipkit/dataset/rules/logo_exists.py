"""The logo named in ``profil.yaml`` is an image file inside the dataset folder (beside a workbook)."""

from __future__ import annotations

from lkjipkit.errors import Problem
from lkjipkit.i18n import _

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
        return Problem("profil.yaml", line, f"instansi.{key}", _("expected a file inside the dataset folder"))
    if path.suffix.lower() not in SUFFIXES:
        return Problem(
            "profil.yaml",
            line,
            f"instansi.{key}",
            _("{name}: expected a PNG, JPEG or SVG image").format(name=repr(name)),
        )
    if not path.is_file():
        return Problem(
            "profil.yaml",
            line,
            f"instansi.{key}",
            _("{name} does not exist in the dataset folder").format(name=repr(name)),
        )
    return None


def check(ds) -> list[Problem]:
    problem = file_problem(ds, "logo")
    return [] if problem is None else [problem]
