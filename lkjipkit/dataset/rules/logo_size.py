"""The logo is an image a PDF writer can use: within the pixel limit, and readable as an image.

A 40 000 × 40 000 px logo is a few KB as a file but is silently dropped from
the PDF (and costs gigabytes to decode). Only the image header is read
(Pillow opens lazily); SVG has no pixels and is not checked here.
"""

from __future__ import annotations

from PIL import Image, UnidentifiedImageError

from lkjipkit.errors import Problem

from .. import limits


def check(ds) -> list[Problem]:
    logo = ds.profil.instansi.logo
    if not logo:
        return []
    path = (ds.folder / logo).resolve()
    if path.suffix.lower() == ".svg" or not path.is_file() or not path.is_relative_to(ds.folder.resolve()):
        return []  # SVG, or a problem the logo_exists rule reports
    line = ds.yaml_lines["profil.yaml"].get(("instansi", "logo"))
    try:
        with Image.open(path) as img:
            width, height = img.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
        return [Problem("profil.yaml", line, "instansi.logo", f"{logo!r} cannot be read as an image ({exc})")]
    if width * height > limits.IMAGE_PIXELS.value:
        found = f"{logo!r} is {width:,} × {height:,} px"
        return [Problem("profil.yaml", line, "instansi.logo", limits.IMAGE_PIXELS.exceeded(found))]
    return []
