"""``build_rekap``: read a year's reports, write the recap in every format asked for, atomically.

The output folder is replaced as a report folder is (:class:`lkjipkit.publish.output.OutputFolder`:
written beside it, swapped in only when complete, a failure kept as ``<name>.failed``),
and carries its own ``provenance.json``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from lkjipkit.i18n import N_, _
from lkjipkit.publish.formats import pick_formats

from .facts import Recap, recap
from .read import read_batch
from .rpjmd import find_mapping, load_mapping

#: Where the recap goes under the reports root by default (``_`` is never an agency slug).
DEFAULT_DIR = "_rekap"


def _write_html(r: Recap, page: str, target: Path) -> None:
    target.write_text(page, encoding="utf-8")


def _write_pdf(r: Recap, page: str, target: Path) -> None:
    from lkjipkit.publish.pdf import html_to_pdf

    html_to_pdf(page, target)


def _write_xlsx(r: Recap, page: str, target: Path) -> None:
    from .xlsx import write_xlsx

    write_xlsx(r, target)


@dataclass(frozen=True)
class RekapFormat:
    writer: Callable[[Recap, str, Path], None]
    filename: str
    description: str


#: Every format of the recap, in the order they are written.
FORMATS: dict[str, RekapFormat] = {
    "html": RekapFormat(_write_html, "rekap.html", "one self-contained page, sortable tables"),
    "pdf": RekapFormat(_write_pdf, "rekap.pdf", "A4, ranked tables"),
    "xlsx": RekapFormat(_write_xlsx, "rekap.xlsx", "one sheet per table"),
}


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """``"html,pdf"`` → ``("html", "pdf")`` in :data:`FORMATS` order.

    Raises
    ------
    BuildError
        No format, or a name not in :data:`FORMATS`.
    """
    return pick_formats(formats, tuple(FORMATS), N_("recap format"))


@dataclass
class RekapResult:
    out_dir: Path
    outputs: dict[str, Path]
    recap: Recap
    seconds: float

    def lines(self) -> list[str]:
        """What the command prints: the files, then every agency left out."""
        t = self.recap.tables
        made = ", ".join(str(p) for p in self.outputs.values())
        out = [
            _("rekap {year}: {n} agencies in {seconds} s: {files}").format(
                year=self.recap.year, n=len(t["instansi"]), seconds=f"{self.seconds:.1f}", files=made
            )
        ]
        out += [f"{m['keadaan']:9} {m['instansi']}: {m['alasan']}" for m in t["tidak_lengkap"].to_dict("records")]
        other = t["instansi"][t["instansi"]["skala_laporan"] == "lain"]
        out += [
            "skala     "
            + _(
                "{slug}: its report categorises capaian on another scale than the recap's ({scale}); "
                "its category here may differ from its report's"
            ).format(slug=slug, scale=self.recap.scale.name)
            for slug in other["slug"]
        ]
        if "rpjmd" in t:
            links = t["rpjmd_kontribusi"]
            left = links[links["keterangan"].fillna("") != ""]
            out.append(
                _("rpjmd {path}: {n} indicators, {counted} of {links} linked IKU counted").format(
                    path=self.recap.rpjmd.path, n=len(t["rpjmd"]), counted=len(links) - len(left), links=len(links)
                )
            )
            out += [
                f"rpjmd     {r['rpjmd_kode']} {r['slug']} {r['iku_kode']}: {r['keterangan']}"
                for r in left.to_dict("records")
            ]
        return out


def build_rekap(
    root: str | Path,
    year: int,
    out: str | Path | None = None,
    formats: str | Iterable[str] = tuple(FORMATS),
    *,
    datasets: list[str | Path] | None = None,
    scale: str | None = None,
    rpjmd: str | Path | None = None,
) -> RekapResult:
    """Write the recap of ``year`` from the reports under ``root``.

    Parameters
    ----------
    root
        The reports root (``root/<slug>/<year>/``).
    year
        The report year.
    out
        The recap folder (default ``root/_rekap/<year>/``); replaced only when complete.
    formats
        Names from :data:`FORMATS`, comma-separated or a sequence.
    datasets
        The batch's dataset folders: each without a report is named as absent.
    scale
        A shipped capaian scale for the categories (default the datasets' default).
    rpjmd
        The RPJMD mapping file (:mod:`.rpjmd`); default ``root/rpjmd.csv`` when it exists, else none.

    Raises
    ------
    LkjipError
        ``root`` is not a folder, no agency has a report of the year, an unknown format or scale.
    DatasetError
        The RPJMD mapping does not validate (every problem at its row and column).
    """
    from lkjipkit.errors import LkjipError
    from lkjipkit.publish.assemble import build_time
    from lkjipkit.publish.output import PROVENANCE, OutputFolder
    from lkjipkit.publish.provenance import record, write

    from .render import page_html

    start = time.perf_counter()
    formats = parse_formats(formats)
    mapping_file = find_mapping(root, rpjmd)
    mapping = load_mapping(mapping_file) if mapping_file else None
    batch = read_batch(root, year, datasets)
    if not batch.reports:
        why = "; ".join(f"{m.name}: {m.reason}" for m in batch.missing[:3])
        raise LkjipError(
            _("{root}: no agency has a readable report of {year}").format(root=root, year=year)
            + (f" ({why})" if why else "")
        )
    try:
        result = recap(batch, scale, mapping)
    except KeyError as exc:
        raise LkjipError(str(exc.args[0])) from None
    target = Path(out) if out else Path(root) / DEFAULT_DIR / str(year)
    built = build_time()
    page = page_html(result, built)
    outputs: dict[str, Path] = {}
    with OutputFolder(target) as folder:
        assert folder.tmp is not None
        for name in formats:
            FORMATS[name].writer(result, page, folder.tmp / FORMATS[name].filename)
            outputs[name] = folder.target / FORMATS[name].filename
        write(
            folder.tmp / PROVENANCE,
            record(
                status="built",
                kind="rekap",
                built_at=built.isoformat(timespec="seconds"),
                parameters={
                    "root": str(Path(root).resolve()),
                    "year": year,
                    "scale": result.scale.name,
                    "rpjmd": str(mapping_file.resolve()) if mapping_file else None,
                },
                formats=list(formats),
                agencies=[r.slug for r in batch.reports],
                missing=[{"name": m.name, "state": m.state, "reason": m.reason} for m in batch.missing],
            ),
        )
        folder.commit()
    return RekapResult(folder.target, outputs, result, time.perf_counter() - start)
