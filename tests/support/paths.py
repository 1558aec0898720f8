"""Where the test inputs live: the repository root, the test files, the shipped scenarios."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "files"
#: The contract's example (a copy of ../shared/spec/example/scenario.yaml that CI can always reach).
EXAMPLE = FILES / "contract-example.yaml"
REFERENCE = ROOT / "scenarios" / "can-tho-2022-2025.yaml"
