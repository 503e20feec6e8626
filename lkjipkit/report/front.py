"""The front matter of the report: the cover, the Kata Pengantar and its signature.

No chapter notebook displays these: they come from ``profil.yaml`` and
``laporan.yaml`` and the page assembly (:func:`lkjipkit.publish.assemble.render_page`)
places them before the chapters with its template. What they say is decided
here, like the rest of the report's content: the month of issue (Indonesian,
from Babel through :func:`lkjipkit.fmt.bulan_tahun`), the logo as an embedded
``data:`` URI, and the analyst's Kata Pengantar as Markdown with raw HTML
disabled (:func:`lkjipkit.report.html.markdown`), with the guidelines
(``pedoman_penyusunan``) as a numbered list.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from lkjipkit import fmt
from lkjipkit.dataset import Dataset

from .html import markdown

__all__ = ["PEDOMAN_PENGANTAR", "Front", "Signature", "front_matter", "kata_pengantar_blocks"]

#: The sentence before the list of guidelines when the Kata Pengantar has none of its own.
PEDOMAN_PENGANTAR = "Laporan ini disusun dengan berpedoman kepada:"

_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


@dataclass
class Signature:
    """The signature under the Kata Pengantar: place and date, the head's title, name, rank, NIP."""

    tempat: str
    tanggal: str
    jabatan: str
    nama: str | None = None
    nip: str | None = None
    pangkat: str | None = None


@dataclass
class Front:
    """The parts of the report made from ``profil.yaml`` and ``laporan.yaml`` rather than by a chapter."""

    year: int
    instansi: str
    pemerintah: str
    terbit: str
    """Month and year of issue, e.g. ``Februari 2017``."""
    logo: str | None = None
    """The logo as a ``data:`` URI, or None for an empty slot."""
    kata_pengantar: list[Markup] = field(default_factory=list)
    """Kata Pengantar blocks in order (paragraphs and the list of guidelines), already HTML."""
    signature: Signature | None = None


def kata_pengantar_blocks(text: str | None, pedoman: list[str]) -> list[Markup]:
    """The Kata Pengantar as HTML blocks.

    Parameters
    ----------
    text
        The analyst's Kata Pengantar (Markdown); paragraphs are separated by blank lines.
    pedoman
        The guidelines the report was written by, shown as a numbered list.

    Returns
    -------
    list of Markup
        One block per paragraph, the numbered list of guidelines placed after the paragraph that
        introduces it (the first one ending in a colon), else at the end after :data:`PEDOMAN_PENGANTAR`.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    at = next((i + 1 for i, p in enumerate(paragraphs) if p.rstrip().endswith(":")), len(paragraphs))
    blocks = [markdown(p) for p in paragraphs]
    if pedoman:
        items = Markup("").join(Markup("<li>{}</li>").format(item) for item in pedoman)
        blocks.insert(at, Markup('<ol class="pedoman">{}</ol>').format(items))
        if not any(p.rstrip().endswith(":") for p in paragraphs):
            # a numbered list needs a sentence that says what it lists
            blocks.insert(at, Markup("<p>{}</p>").format(PEDOMAN_PENGANTAR))
    return blocks


def _logo_uri(ds: Dataset) -> str | None:
    """The agency's logo (``instansi.logo``, beside the dataset's files) as a ``data:`` URI, if it is an image."""
    logo = ds.profil.instansi.logo
    if not logo:
        return None
    path = ds.folder / logo
    mime = _MIME.get(path.suffix.lower())
    if mime is None or not path.is_file():
        return None
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def front_matter(ds: Dataset, year: int) -> Front:
    """Cover, Kata Pengantar and its signature of ``ds`` for ``year``."""
    profil, laporan = ds.profil, ds.report(year)
    inst = profil.instansi
    terbit = fmt.bulan_tahun(laporan.tanggal_terbit)
    return Front(
        year=year,
        instansi=inst.nama,
        pemerintah=inst.pemerintah,
        terbit=terbit,
        logo=_logo_uri(ds),
        kata_pengantar=kata_pengantar_blocks(laporan.kata_pengantar, laporan.pedoman_penyusunan),
        signature=Signature(
            tempat=inst.kota,
            tanggal=terbit,
            jabatan=profil.kepala.jabatan,
            nama=profil.kepala.nama,
            nip=profil.kepala.nip,
            pangkat=profil.kepala.pangkat,
        ),
    )
