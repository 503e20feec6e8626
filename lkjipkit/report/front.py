"""The front matter of the report: the cover, the Kata Pengantar, its signature, the reviu statement.

No chapter notebook displays these: they come from ``profil.yaml`` and
``laporan.yaml`` and the page assembly (:func:`lkjipkit.publish.assemble.render_page`)
places them before the chapters with its template. What they say is decided
here, like the rest of the report's content: the month of issue (Indonesian,
from Babel through :func:`lkjipkit.fmt.bulan_tahun`), the logo as an embedded
``data:`` URI, and the analyst's Kata Pengantar as Markdown with raw HTML
disabled (:func:`lkjipkit.report.html.markdown`), with the guidelines
(``pedoman_penyusunan``) as a numbered list.

Two helpers here serve the whole report: :func:`signature_block`, the one
signature block (Kata Pengantar, Bab IV, the Perjanjian Kinerja, the reviu
statement), and :func:`image_uri`, a dataset image (logo, organisation chart)
as a ``data:`` URI.

The *Pernyataan Telah Direviu* (``laporan.yaml: pernyataan_reviu``) is front
matter, placed after the Kata Pengantar: it vouches for the whole report, is
signed by the APIP rather than the agency, and is what a reader checks first;
as a Lampiran it would be numbered among the agency's own attachments.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from lkjipkit import fmt
from lkjipkit.dataset import Dataset

from .html import markdown

__all__ = [
    "PEDOMAN_PENGANTAR",
    "PERNYATAAN_REVIU",
    "Front",
    "Signature",
    "front_matter",
    "head_signature",
    "image_uri",
    "kata_pengantar_blocks",
    "review_statement",
    "signature_block",
]

#: The sentence before the list of guidelines when the Kata Pengantar has none of its own.
PEDOMAN_PENGANTAR = "Laporan ini disusun dengan berpedoman kepada:"

#: The standard wording of the Pernyataan Telah Direviu (PermenPAN-RB 53/2014, reviu guideline), paragraph by
#: paragraph; ``{laporan}`` is "Laporan Kinerja <agency> Tahun <year>", ``{instansi}`` the agency.
PERNYATAAN_REVIU = (
    "Kami telah mereviu {laporan} sesuai Pedoman Reviu atas Laporan Kinerja. Substansi informasi yang "
    "dimuat dalam Laporan Kinerja menjadi tanggung jawab manajemen {instansi}.",
    "Reviu bertujuan untuk memberikan keyakinan terbatas bahwa Laporan Kinerja telah disajikan secara akurat, "
    "andal, dan valid.",
    "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini "
    "keandalan informasi yang disajikan di dalam Laporan Kinerja ini.",
)

_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


def signature_block(
    *,
    jabatan: str | None,
    nama: str | None = None,
    pangkat: str | None = None,
    nip: str | None = None,
    tempat: str | None = None,
    tanggal: str | None = None,
    peran: str | None = None,
) -> Markup:
    """The report's signature block ``div.ttd``: place and date, role, title, room to sign, name, rank, NIP.

    Parameters
    ----------
    jabatan
        The title as signed, e.g. ``KEPALA DINAS …`` (empty: the line stays, blank).
    nama, pangkat, nip
        Name (its line always stays, to sign above), rank and grade (*pangkat/golongan*), NIP; rank and NIP
        lines only when given.
    tempat, tanggal
        Place and date line (``Balikpapan, Februari 2017``); the place alone without a date, nothing without
        a place.
    peran
        The signer's role in a two-party document (``PIHAK PERTAMA,``), above the title.
    """
    parts = []
    if not fmt.kosong(tempat):
        where = f"{tempat}, {tanggal}" if not fmt.kosong(tanggal) else str(tempat)
        parts.append(Markup("<p>{}</p>").format(where))
    if not fmt.kosong(peran):
        parts.append(Markup('<p class="peran">{}</p>').format(peran))
    parts += [
        Markup('<p class="jabatan">{}</p>').format(jabatan or ""),
        Markup('<p class="nama">{}</p>').format(nama or ""),
    ]
    if not fmt.kosong(pangkat):
        parts.append(Markup('<p class="pangkat">{}</p>').format(pangkat))
    if not fmt.kosong(nip):
        parts.append(Markup("<p>NIP {}</p>").format(nip))
    return Markup('<div class="ttd">{}</div>').format(Markup("").join(parts))


@dataclass
class Signature:
    """The signature under the Kata Pengantar: place and date, the head's title, name, rank, NIP."""

    tempat: str
    tanggal: str
    jabatan: str
    nama: str | None = None
    nip: str | None = None
    pangkat: str | None = None

    def html(self) -> Markup:
        """The signature block (:func:`signature_block`)."""
        return signature_block(
            tempat=self.tempat,
            tanggal=self.tanggal,
            jabatan=self.jabatan,
            nama=self.nama,
            pangkat=self.pangkat,
            nip=self.nip,
        )


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
    pernyataan_reviu: Markup | None = None
    """The Pernyataan Telah Direviu (its paragraphs and signature), or None when the dataset has none."""


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


def image_uri(ds: Dataset, name: str | None) -> str | None:
    """A dataset image (``instansi.logo``, ``instansi.bagan_organisasi``, beside the dataset's files) as a
    ``data:`` URI, or None when none is named or it is not an image file (``lkjip validate`` reports that)."""
    if not name:
        return None
    path = ds.folder / name
    mime = _MIME.get(path.suffix.lower())
    if mime is None or not path.is_file():
        return None
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def review_statement(ds: Dataset, year: int) -> Markup | None:
    """The Pernyataan Telah Direviu of ``year`` (``laporan.yaml: pernyataan_reviu``), or None without one.

    Its number, the statement (the APIP's own ``teks`` as Markdown, else :data:`PERNYATAAN_REVIU`), then
    place, date and the reviewer's signature.
    """
    laporan = ds.report(year)
    pr = laporan.pernyataan_reviu
    if pr is None:
        return None
    inst = ds.profil.instansi
    parts = []
    if not fmt.kosong(pr.nomor):
        parts.append(Markup('<p class="nomor">Nomor: {}</p>').format(pr.nomor))
    if not fmt.kosong(pr.teks):
        parts.append(markdown(pr.teks))
    else:
        facts = {"laporan": f"Laporan Kinerja {inst.nama_lengkap} Tahun {year}", "instansi": inst.nama_lengkap}
        parts += [Markup("<p>{}</p>").format(p.format(**facts)) for p in PERNYATAAN_REVIU]
    p = pr.pejabat
    parts.append(
        signature_block(
            tempat=pr.tempat or inst.kota,
            tanggal=fmt.tanggal(pr.tanggal),
            jabatan=p.jabatan,
            nama=p.nama,
            pangkat=p.pangkat,
            nip=p.nip,
        )
    )
    return Markup("").join(parts)


def head_signature(ds: Dataset, year: int) -> Signature:
    """The head of agency's signature (``profil.yaml: kepala``) at the agency's city and the month of issue."""
    k = ds.profil.kepala
    return Signature(
        tempat=ds.profil.instansi.kota,
        tanggal=fmt.bulan_tahun(ds.report(year).tanggal_terbit),
        jabatan=k.jabatan,
        nama=k.nama,
        nip=k.nip,
        pangkat=k.pangkat,
    )


def front_matter(ds: Dataset, year: int) -> Front:
    """Cover, Kata Pengantar and its signature, and the reviu statement of ``ds`` for ``year``."""
    profil, laporan = ds.profil, ds.report(year)
    inst = profil.instansi
    terbit = fmt.bulan_tahun(laporan.tanggal_terbit)
    return Front(
        year=year,
        instansi=inst.nama,
        pemerintah=inst.pemerintah,
        terbit=terbit,
        logo=image_uri(ds, inst.logo),
        kata_pengantar=kata_pengantar_blocks(laporan.kata_pengantar, laporan.pedoman_penyusunan),
        signature=head_signature(ds, year),
        pernyataan_reviu=review_statement(ds, year),
    )
