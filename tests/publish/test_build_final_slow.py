"""Draft and final reports built for real through ``lkjip build`` (kernels, WeasyPrint, pdftotext, pdftoppm)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from build_helpers import needs

from lkjipkit.analysis import analyse
from lkjipkit.dataset import load_dataset

pytestmark = pytest.mark.slow

LKJIP = [sys.executable, "-m", "lkjipkit.cli"]
CALLOUT = 'class="catatan-penyusun"'
FOOTER = "Disusun dengan lkjipkit"


#: The seed's two contradicted claims as the final refusal lists them (after the dataset folder).
CLAIM_LINES = [
    "spm_realisasi.csv:21:analisis: CLAIM-MEAN: \u201cmencapai 24 %\u201d (24 %), data: 21,58 %",
    "spm_realisasi.csv:26:analisis: CLAIM-TARGET: \u201cmencapai target (50%)\u201d (target tercapai), "
    "data: target tidak tercapai (49,21 % terhadap target 50 %)",
]
ACCEPT_MEAN = (
    "diterima:\n  - {aturan: CLAIM-MEAN, lokasi: 'spm_realisasi.csv:21', alasan: Rata-rata dari laporan bidang.}\n"
)
ACCEPT_TARGET = "  - {aturan: CLAIM-TARGET, lokasi: 'spm_realisasi.csv:26:analisis', alasan: Dibulatkan ke target.}\n"


def lkjip(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*LKJIP, *map(str, args)], capture_output=True, text=True, timeout=900)


def pdf_text(pdf: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", *span, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def draft(tmp_path_factory, seed_path):
    out = tmp_path_factory.mktemp("draft") / "2016"
    r = lkjip("build", seed_path, "--year", 2016, "--out", out, "--format", "html")
    assert r.returncode == 0, r.stderr
    return out


def test_the_embedded_dataset_builds_a_draft_with_every_callout_and_the_review_appendix(draft, seed):
    page = (draft / "laporan.html").read_text(encoding="utf-8")
    gaps = analyse(seed, 2016).gaps
    callouts = re.findall(r'<aside class="catatan-penyusun".*?</aside>', page, re.S)
    text = " ".join(callouts)
    for g in gaps:  # every gap, required or to check, is in a callout with its place
        assert g.lokasi in text, g.teks
    # named: the chart (1.2), the causes and solutions (3.x e.), Bab IV steps, signatory, PK parties
    for where in (
        "profil.yaml, baris 4, instansi.bagan_organisasi",
        "analisis_iku.csv, baris 7, kolom penyebab",
        "analisis_iku.csv, baris 7, kolom solusi",
        "profil.yaml, baris 16, kepala.nama",
        "profil.yaml, baris 17, kepala.nip",
        "laporan[2016].perjanjian_kinerja.pihak_kedua",
        "spm_realisasi.csv, baris 21, kolom analisis",  # the two contradicted claims of the SPM analyses
        "spm_realisasi.csv, baris 26, kolom analisis",
    ):
        assert where in text
    assert "Lampiran 2. Hasil Reviu" in page and "Temuan Reviu" in page
    assert FOOTER in page and 'class="tanda-konsep"' in page
    assert json.loads((draft / "provenance.json").read_text())["report"]["status"] == "draft"
    for sentence in ("perlu dijelaskan", "Keterkaitan program dengan sasaran:", "Langkah perbaikan untuk"):
        assert sentence not in page


def test_a_final_build_is_refused_with_the_whole_list_and_writes_nothing(draft, seed, seed_path):
    before = digest(draft.parent)
    r = lkjip("build", seed_path, "--year", 2016, "--out", draft, "--final")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and r.stdout == ""
    required = [g for g in analyse(seed, 2016).gaps if g.wajib]
    assert f"{len(required)} items to fill in" in r.stderr
    for g in required:
        assert g.problem().format(str(seed_path)) in r.stderr
    # in the same list: the two claims of the analyst's texts that contradict the data
    assert "and 2 claims in the analyst's texts contradicting the data" in r.stderr
    for line in CLAIM_LINES:
        assert f"{seed_path}/{line}" in r.stderr
    assert digest(draft.parent) == before  # the previous report intact, no partial build beside it


def test_allow_incomplete_builds_a_final_report_marked_konsep(tmp_path, seed_path):
    out = tmp_path / "2016"
    r = lkjip("build", seed_path, "--year", 2016, "--out", out, "--final", "--allow-incomplete", "--format", "html,pdf")
    assert r.returncode == 0, r.stderr
    page = (out / "laporan.html").read_text(encoding="utf-8")
    assert 'class="tanda-konsep"' in page
    assert "Belum lengkap: 12 hal belum diisi, 2 klaim teks bertentangan dengan data" in page
    assert CALLOUT not in page and FOOTER not in page and "Hasil Reviu" not in page
    assert "KONSEP" in pdf_text(out / "laporan.pdf", 1)
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["report"]["status"] == "final, incomplete"
    assert [c["lokasi"] for c in prov["report"]["claims"]] == [
        "spm_realisasi.csv:21:analisis",
        "spm_realisasi.csv:26:analisis",
    ]
    info = subprocess.run(["pdfinfo", str(out / "laporan.pdf")], capture_output=True, text=True).stdout
    assert "status:final, incomplete" in info


@needs("pdftoppm")
def test_a_complete_dataset_builds_a_final_report_without_callouts_appendix_or_footer(tmp_path, complete_copy):
    assert [g for g in analyse(load_dataset(complete_copy), 2016).gaps if g.wajib] == []
    out = tmp_path / "2016"
    # refused while the seed's two contradicted claims stand, each listed with its place, claim and figure
    r = lkjip("build", complete_copy, "--year", 2016, "--out", out, "--final", "--format", "html,pdf")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "is not complete: 2 claims in the analyst's texts contradicting the data" in r.stderr
    assert "items to fill in" not in r.stderr
    for line in CLAIM_LINES:
        assert f"{complete_copy}/{line}" in r.stderr
    assert not out.exists()
    # one accepted: still refused for the other
    (complete_copy / "reviu.yaml").write_text(ACCEPT_MEAN, encoding="utf-8")
    r = lkjip("build", complete_copy, "--year", 2016, "--out", out, "--final", "--format", "html,pdf")
    assert r.returncode == 1 and "1 claim in the analyst's texts" in r.stderr
    assert CLAIM_LINES[0] not in r.stderr and CLAIM_LINES[1] in r.stderr
    # both accepted: built, and provenance lists the acceptances
    (complete_copy / "reviu.yaml").write_text(ACCEPT_MEAN + ACCEPT_TARGET, encoding="utf-8")
    r = lkjip("build", complete_copy, "--year", 2016, "--out", out, "--final", "--format", "html,pdf")
    assert r.returncode == 0, r.stderr
    report = json.loads((out / "provenance.json").read_text())["report"]
    assert report["claims"] == []
    assert report["diterima"] == [
        {"aturan": "CLAIM-MEAN", "lokasi": "spm_realisasi.csv:21:analisis", "alasan": "Rata-rata dari laporan bidang."},
        {"aturan": "CLAIM-TARGET", "lokasi": "spm_realisasi.csv:26:analisis", "alasan": "Dibulatkan ke target."},
    ]
    page = (out / "laporan.html").read_text(encoding="utf-8")
    for absent in (CALLOUT, "Catatan penyusun", FOOTER, "Hasil Reviu", "Temuan Reviu", 'class="tanda-konsep"'):
        assert absent not in page, absent
    assert "Lampiran 2. Tim Penyusun" in page
    pdf = out / "laporan.pdf"
    text = pdf_text(pdf)
    for absent in ("CATATAN PENYUSUN", "Catatan penyusun", FOOTER, "Hasil Reviu", "KONSEP"):
        assert absent not in text, absent
    assert "Drs. Contoh Pejabat, M.Si" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Keywords:\s+LKjIP, status:final\s*$", info, re.M)
    assert json.loads((out / "provenance.json").read_text())["report"]["status"] == "final"
    # the cover as an image: rendered, not blank, and without the red KONSEP frame
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-png", str(pdf), str(tmp_path / "cover")], check=True
    )
    from PIL import Image

    cover = Image.open(next(tmp_path.glob("cover*.png"))).convert("RGB")
    pixels = [cover.getpixel((x, y)) for y in range(cover.height) for x in range(cover.width)]
    assert sum(1 for p in pixels if p != (255, 255, 255)) > 100  # the title is there
    assert not any(p[0] > 150 and p[1] < 80 and p[2] < 80 for p in pixels)  # no red label
