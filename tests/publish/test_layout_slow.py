"""The embedded report's PDF, re-read page by page (issue 13 layout): each Lampiran after the first opens a page,
and no table leaves only one or two of its rows alone on a page."""

from __future__ import annotations

import re
import subprocess

import pytest
from build_helpers import needs

from lkjipkit.publish import build_report

pytestmark = pytest.mark.slow


def _pages(pdf) -> list[list[str]]:
    n = int(
        re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)[1]
    )
    out = []
    for p in range(1, n + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(p), "-l", str(p), "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        out.append([" ".join(line.split()) for line in text.splitlines() if line.strip()])
    return out


@needs("pdftotext")
def test_embedded_report_layout(seed_path, tmp_path):
    r = build_report(seed_path, 2016, tmp_path / "out", formats=("pdf",), progress=False)
    pages = _pages(r.outputs["pdf"])
    for title in ("Lampiran 2. Hasil Reviu", "Lampiran 3. Tim Penyusun"):
        body = [p for p in pages if title in p]  # the heading's own line (the Daftar Isi line has a page number)
        assert len(body) == 1 and body[0][0] == title, f"{title} does not open its page"
    # Tabel L.4 (the team, 17 rows) continues on a second page with at least three rows
    team = [p for p in pages if p and p[0].startswith("No. Nama/NIP Jabatan dalam Tim")]
    for p in team:
        assert sum(bool(re.match(r"\d+\. ", line)) for line in p) >= 3
    # a wide table has its landscape page to itself: the next sasaran's heading is back on a portrait page
    caption = re.compile(r"Tabel 3\.\d+ Kegiatan Penentu Hasil Sasaran \d Tahun 2016$")  # not the Daftar Tabel's line
    wide = [p for p in pages if any(caption.match(line) for line in p)]
    assert len(wide) == 4
    for p in wide:
        assert not any(re.match(r"3\.1\.\d\. Sasaran \d", line) for line in p), p[:3]
