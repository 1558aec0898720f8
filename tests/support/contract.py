"""The rule ids of the contract's table, as the repository holds it: the table of `docs/rules.md`, which
`tests/docs/test_site.py` holds equal to CONTRACT §2 (`../shared/spec`) wherever the contract is beside
the repository; so a clone, where it is not, still compares the registry with the contract's ids.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.paths import ROOT

CONTRACT = ROOT.parent / "shared" / "spec" / "CONTRACT.md"
RULES_PAGE = ROOT / "docs" / "rules.md"

_TABLE_ROW = re.compile(r"^\| `(\w+)` \|", flags=re.MULTILINE)


def table_rule_ids(page: Path) -> list[str]:
    """The rule ids of the first table of rules on `page`, in order: CONTRACT.md's section 2, or the
    rules page's table before its exact semantics."""
    text = page.read_text(encoding="utf-8")
    section = (
        text.split("## 2.")[1].split("## 3.")[0] if page == CONTRACT else text.split("## Exact semantics")[0]
    )
    return _TABLE_ROW.findall(section)


def contract_rule_ids() -> list[str]:
    """The contract's rule ids in its order (the repository's table of them)."""
    return table_rule_ids(RULES_PAGE)


def contract_table_or_skip() -> list[str]:
    """CONTRACT §2's own rule ids; skips the test where the contract is not beside the repository."""
    if not CONTRACT.exists():
        pytest.skip("CONTRACT.md is not beside the repository")
    return table_rule_ids(CONTRACT)
