"""The submission and the decisions converted to PDF by LibreOffice (headless, from Debian, installed by
`.ci/run`), as an office that receives the DOCX opens it: the page count is what the layout promises (each
draft decision on one page; the submission's list of eight placements on a few pages, not one per row).

Locally a missing LibreOffice skips these tests and says how to install it; in CI (`CI` set, as `.ci/run`
sets it) it fails them instead: the check must run there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from planner.documents import write_decisions, write_submission
from tests.support.browser import in_ci
from tests.support.report_data import TINY_ROWS, tiny, tiny_plan

INSTALL = "apt-get install libreoffice-writer-nogui"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if in_ci():
        pytest.fail(f"LibreOffice not installed, and CI must run the PDF check: {INSTALL}")
    pytest.skip(f"LibreOffice not installed: {INSTALL} (CI installs it)")


def pdf_pages(docx_file: Path) -> int:
    """Convert with LibreOffice in a profile of its own (no clash with another running instance) and count
    the page objects of the PDF."""
    profile = docx_file.parent / "lo-profile"
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx_file.parent),
            str(docx_file),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    pdf = docx_file.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


@pytest.mark.slow
def test_the_documents_convert_to_pdf_with_the_pages_the_layout_promises(tmp_path: Path) -> None:
    soffice()  # skip or fail before writing anything
    decisions = tmp_path / "quyet-dinh.docx"
    write_decisions(tiny(), tiny_plan(), decisions)
    assert pdf_pages(decisions) == len(TINY_ROWS)  # one page per decision, a break between them
    submission = tmp_path / "to-trinh.docx"
    write_submission(tiny(), tiny_plan(), submission)
    assert 2 <= pdf_pages(submission) <= 5
