"""The logo and the organisation chart can be drawn: the chart's file exists, and both images load.

Rationale: an image the PDF renderer cannot draw does not stop the build; it
silently leaves an empty space (a 40 000 px PNG vanishes from the PDF). So an
image named in ``profil.yaml`` (``instansi.logo``, ``instansi.bagan_organisasi``)
must be a file inside the dataset folder (the logo's file is checked by
``logo_exists``), must open and decode completely (PNG/JPEG with Pillow; SVG
as XML whose root is ``<svg>``, parsed with defusedxml), and must not be absurdly
large: at most :data:`MAX_BYTES` bytes, the pixel limit of
:data:`lkjipkit.dataset.limits.IMAGE_PIXELS` (``LKJIP_MAX_IMAGE_PIXELS``), and
:data:`MAX_SIDE` pixels a side (the largest image cairo, which draws the PDF,
can hold). Only the header is read before the size is known, so a small file
that claims 40 000 × 40 000 px costs nothing. Pillow and defusedxml are imported only when there is
an image to check (``lkjip validate`` of a dataset without images does not load them).
"""

from __future__ import annotations

import warnings
from pathlib import Path

from lkjipkit.errors import Problem
from lkjipkit.i18n import _

from .. import limits
from .logo_exists import file_problem

#: The image fields of ``profil.yaml: instansi``.
KEYS = ("logo", "bagan_organisasi")
#: Largest image file, in bytes (20 MB).
MAX_BYTES = 20 * 1024 * 1024
#: Largest width or height of a raster image, in pixels (cairo's limit).
MAX_SIDE = 32_767


class TooLarge(Exception):
    """The image has more pixels than :data:`lkjipkit.dataset.limits.IMAGE_PIXELS` allows."""


def unloadable(path: Path) -> str | None:
    """Why the image file at ``path`` cannot be drawn, or None when it can.

    Raises
    ------
    TooLarge
        Over the pixel limit; its message names the limit and how to raise it.
    """
    from PIL import Image, ImageFile, UnidentifiedImageError

    size = path.stat().st_size
    if size > MAX_BYTES:
        return _("the file has {size} bytes; at most {most} (20 MB) are allowed").format(
            size=limits.count(size), most=limits.count(MAX_BYTES)
        )
    if path.suffix.lower() == ".svg":
        return _svg_problem(path)
    # a truncated file must fail to load, whatever another library set this global of Pillow's to
    truncated_ok, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                width, height = img.size
                if width * height > limits.IMAGE_PIXELS.value:
                    raise TooLarge(
                        limits.IMAGE_PIXELS.exceeded(
                            _("{name} is {width} × {height} px").format(
                                name=repr(path.name), width=limits.count(width), height=limits.count(height)
                            )
                        )
                    )
                if max(width, height) > MAX_SIDE:
                    return _("the image is {width} × {height} px; at most {most} px a side").format(
                        width=width, height=height, most=limits.count(MAX_SIDE)
                    )
                img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):  # Pillow will not even open it
        raise TooLarge(
            limits.IMAGE_PIXELS.exceeded(_("{name} has more pixels than Pillow opens").format(name=repr(path.name)))
        ) from None
    except UnidentifiedImageError:
        return _("not a PNG or JPEG image that can be read")
    except (OSError, SyntaxError, ValueError) as e:
        return _("the image is damaged and cannot be decoded ({error})").format(error=e)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
    return None


def _svg_problem(path: Path) -> str | None:
    from defusedxml import DefusedXmlException, ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, DefusedXmlException) as e:
        return _("not a readable SVG image ({error})").format(error=e)
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        return _("not an SVG image: the root element is <{tag}>, expected <svg>").format(tag=root.tag)
    return None


def check(ds) -> list[Problem]:
    out: list[Problem] = []
    for key in KEYS:
        name = getattr(ds.profil.instansi, key)
        if not name:
            continue
        problem = file_problem(ds, key)
        if problem is not None:
            if key != "logo":  # the logo's file is reported by logo_exists
                out.append(problem)
            continue
        line = ds.yaml_lines["profil.yaml"].get(("instansi", key))
        try:
            why = unloadable(ds.folder / name)
        except TooLarge as too_large:
            out.append(Problem("profil.yaml", line, f"instansi.{key}", str(too_large)))
            continue
        if why is not None:
            out.append(
                Problem(
                    "profil.yaml",
                    line,
                    f"instansi.{key}",
                    _("{name} cannot be loaded: {why}").format(name=repr(name), why=why),
                )
            )
    return out
