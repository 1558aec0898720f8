"""The reference scenarios' generator scripts, run on a copy: what they write must be the shipped files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

SCENARIOS = ROOT / "scenarios"
#: The module both scripts import (their folder is on `sys.path` when they run).
SHARED = ("edition3_common.py",)


def run_generator(script: str, folder: Path) -> None:
    """Copy `scenarios/SCRIPT` and the module it shares into `folder` and run it there: it writes its
    files beside itself."""
    for name in (script, *SHARED):
        (folder / name).write_text((SCENARIOS / name).read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(folder / script)], check=True, capture_output=True, cwd=folder)
