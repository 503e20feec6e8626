"""Showing findings: a readable table for the command line, a DataFrame for the report's Lampiran."""

from __future__ import annotations

import textwrap

import pandas as pd

from . import acceptance
from .finding import SEVERITIES, SEVERITY_LABELS, Finding, counts
from .rules import FAMILIES, RULES

#: Columns of :func:`findings_frame`.
FRAME_COLUMNS = [
    "tingkat",
    "aturan",
    "judul",
    "berkas",
    "baris",
    "kolom",
    "kunci",
    "uraian",
    "ditemukan",
    "seharusnya",
    "lokasi",
    "diterima",
]

#: What each rule checks (the ``judul`` column), the stale-acceptance check included.
_TITLES = {r.ID: r.TITLE for r in RULES} | {acceptance.ID: acceptance.TITLE}


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a table for the Lampiran, in the order given (see :func:`~lkjipkit.review.review`).

    Columns: ``tingkat`` (kesalahan / peringatan / informasi), ``aturan`` (rule id),
    ``judul`` (what the rule checks), ``berkas``, ``baris``, ``kolom``, ``kunci``,
    ``uraian`` (the message), ``ditemukan``, ``seharusnya``, ``lokasi``
    (``file:row:column``) and ``diterima`` (the reason of an accepted finding, else empty).
    An empty frame with these columns when there is none.
    """
    rows = [
        {
            "tingkat": SEVERITY_LABELS[f.severity],
            "aturan": f.rule,
            "judul": _TITLES.get(f.rule),
            "berkas": f.file,
            "baris": f.row,
            "kolom": f.column,
            "kunci": f.key,
            "uraian": f.message,
            "ditemukan": f.found,
            "seharusnya": f.expected,
            "lokasi": f.location,
            "diterima": f.alasan if f.diterima else None,
        }
        for f in findings
    ]
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    frame["baris"] = frame["baris"].astype("Int64")
    for c in FRAME_COLUMNS:
        if c != "baris":
            frame[c] = frame[c].astype("string")
    return frame


def rules_frame() -> pd.DataFrame:
    """Every rule of the review: ``aturan, kelompok, tingkat, judul`` (for the Lampiran's method note)."""
    return pd.DataFrame(
        [
            {"aturan": r.ID, "kelompok": FAMILIES[r.FAMILY], "tingkat": SEVERITY_LABELS[r.SEVERITY], "judul": r.TITLE}
            for r in RULES
        ],
        columns=["aturan", "kelompok", "tingkat", "judul"],
    ).astype("string")


def summary_text(findings: list[Finding]) -> str:
    """One sentence: ``33 temuan: 1 kesalahan, 12 peringatan dan 20 informasi.`` (``...; 1 diterima.`` when
    findings are accepted) or ``Tidak ada temuan.``"""
    if not findings:
        return "Tidak ada temuan."
    n = counts(findings)
    parts = [f"{n[s]} {SEVERITY_LABELS[s]}" for s in SEVERITIES if n[s]]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" dan {parts[-1]}"
    accepted = sum(f.diterima for f in findings)
    return f"{len(findings)} temuan: {listed}" + (f"; {accepted} diterima." if accepted else ".")


def render_findings_table(findings: list[Finding], width: int = 100) -> str:
    """The findings as plain text for ``lkjip review`` (without ``--json``), then a summary line.

    One block per finding: a header line in aligned columns (number, severity,
    rule, ``file:row:column``, key), the message wrapped to ``width``
    characters, and what was found against what was expected::

          1  kesalahan  RATIO-SPM-COUNTS  spm_realisasi.csv:44:realisasi_tercetak  SPM-SOS-1, 2014
             SPM-SOS-1 tahun 2014: persentase tercetak 7,61 % tidak sama dengan ...
             ditemukan: 7,61 %  |  seharusnya: 6,78 %
    """
    if not findings:
        return summary_text(findings) + "\n"
    n_w = len(str(len(findings)))
    sev_w = max(len(SEVERITY_LABELS[f.severity]) for f in findings)
    rule_w = max(len(f.rule) for f in findings)
    loc_w = max(len(f.location) for f in findings)
    indent = " " * (n_w + 2)
    body_width = max(width - len(indent), 40)
    lines = [
        f"{'No':>{n_w}}  {'Tingkat':<{sev_w}}  {'Aturan':<{rule_w}}  {'Lokasi':<{loc_w}}  Kunci",
        "",
    ]
    for i, f in enumerate(findings, start=1):
        head = f"{i:>{n_w}}  {SEVERITY_LABELS[f.severity]:<{sev_w}}  {f.rule:<{rule_w}}  {f.location:<{loc_w}}"
        lines.append(f"{head}  {f.key or ''}".rstrip())
        lines += textwrap.wrap(f.message, body_width, initial_indent=indent, subsequent_indent=indent)
        if f.found is not None or f.expected is not None:
            pair = f"ditemukan: {f.found or '-'}  |  seharusnya: {f.expected or '-'}"
            lines += textwrap.wrap(pair, body_width, initial_indent=indent, subsequent_indent=indent)
        if f.diterima:
            lines += textwrap.wrap(f"diterima: {f.alasan}", body_width, initial_indent=indent, subsequent_indent=indent)
        lines.append("")
    lines.append(summary_text(findings))
    return "\n".join(lines) + "\n"
