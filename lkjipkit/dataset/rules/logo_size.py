"""The logo is within the pixel limit, so a PDF writer can use it.

A 40 000 × 40 000 px logo is a few KB as a file but is silently dropped from
the PDF (and costs gigabytes to decode). Only the image header is read
(Pillow opens lazily); SVG has no pixels and is not checked here, nor is a file
whose header Pillow cannot read (its size is unknown).
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
    limit = limits.IMAGE_PIXELS.value
    try:
        with Image.open(path) as img:
            found = f"{logo!r} is {img.width:,} × {img.height:,} px" if img.width * img.height > limit else ""
    except Image.DecompressionBombError:  # Pillow refuses to open it at all: far above any sensible limit
        found = f"{logo!r} has more pixels than Pillow opens"
    except (UnidentifiedImageError, OSError):
        return []
    if found:
        return [Problem("profil.yaml", line, "instansi.logo", limits.IMAGE_PIXELS.exceeded(found))]
    return []
