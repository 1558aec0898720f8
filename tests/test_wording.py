"""One home for the words people read: every surface says a rule, a status or a score part alike.

The web app renders what the library gives and imports nothing from the command line; a rule is worded
by one `rule_text`; the waivers that close (cadre, slot) pairs are listed once, derived from the rules.
"""

from __future__ import annotations

import ast
from pathlib import Path

from models.plan import Plan
from models.rule_ids import RuleId
from planner.cli.output import status_text
from planner.infeasibility import openings
from planner.report.standing import headline
from planner.rules import PAIR_WAIVERS, RULES
from planner.wording import (
    STATUS_WORDS,
    both,
    dates_in_text,
    parts_text,
    rule_line,
    rule_text,
    status_label,
    status_words,
)
from tests.support.paths import ROOT

PLANNER = ROOT / "planner"


def _trees(folder: Path) -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(folder.rglob("*.py"))]


def _imported(tree: ast.Module) -> set[str]:
    """Every module an import statement names, anywhere in the tree (module level or in a function)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_web_imports_nothing_from_the_command_line() -> None:
    for path, tree in _trees(PLANNER / "web"):
        from_cli = {
            name for name in _imported(tree) if name == "planner.cli" or name.startswith("planner.cli.")
        }
        assert not from_cli, f"{path.relative_to(ROOT)} imports {sorted(from_cli)}"


def _top_level_names(node: ast.stmt) -> set[str]:
    """The names a module-level statement defines: a function's, or an assignment's targets."""
    if isinstance(node, ast.FunctionDef):
        return {node.name}
    targets = (
        node.targets
        if isinstance(node, ast.Assign)
        else [node.target]
        if isinstance(node, ast.AnnAssign)
        else []
    )
    return {target.id for target in targets if isinstance(target, ast.Name)}


def _definitions(name: str) -> list[str]:
    """The modules of planner/ defining `name` at their top level."""
    return [
        str(path.relative_to(ROOT))
        for path, tree in _trees(PLANNER)
        if any(name in _top_level_names(node) for node in tree.body)
    ]


def test_one_rule_text_and_one_pair_waivers() -> None:
    assert _definitions("rule_text") == ["planner/wording/rules.py"]
    assert _definitions("PAIR_WAIVERS") == ["planner/rules/__init__.py"]
    assert openings.PAIR_WAIVERS is PAIR_WAIVERS


def test_pair_waivers_are_the_waivable_rules_that_close_pairs() -> None:
    """The four the contract's waivable rules give today (edition 3 adds equivalent_rank); youth_heads
    counts against a cap instead."""
    assert PAIR_WAIVERS == (
        RuleId.REMAINING_SERVICE,
        RuleId.MIN_DURATION,
        RuleId.NON_LOCALITY,
        RuleId.EQUIVALENT_RANK,
    )
    assert all(RULES[rule].restricts for rule in PAIR_WAIVERS)
    assert not RULES[RuleId.YOUTH_HEADS].restricts


def test_a_rule_reads_the_same_on_every_surface(contract_example) -> None:
    rules = contract_example.rules
    for rule_id in RuleId:
        vi, en = rule_text(rule_id, rules)
        assert rule_line(rule_id, rules) == f"[{rule_id}] {vi} / {en}"
        assert rule_text(str(rule_id), rules) == (vi, en)


def test_a_status_is_the_same_words_in_the_console_and_the_reports() -> None:
    """The console shouts a status, the reports and pages label it: the same words either way."""
    assert status_label("OPTIMAL") == "Tối ưu / Optimal"
    assert status_label("FEASIBLE") == "Khả thi, chưa chứng minh tối ưu / Feasible, not proven optimal"
    assert status_text("OPTIMAL") == "TỐI ƯU / OPTIMAL"
    assert status_text("FEASIBLE") == "KHẢ THI (chưa chứng minh tối ưu) / FEASIBLE"
    for status, (vi, en) in STATUS_WORDS.items():
        assert status_text(status).startswith(vi.upper()) and status_text(status).endswith(en.upper())
        assert status_words(status)[0].startswith(vi)
    assert headline(Plan(status="INFEASIBLE"), []).startswith(both(STATUS_WORDS["INFEASIBLE"]))


def test_score_parts_in_words() -> None:
    text = parts_text({"explicit": 9, "priority": 30, "new_part": 1.5})
    assert text == "đánh giá / explicit 9, ưu tiên vị trí / priority 30, new_part / new_part 1.5"


def test_dates_in_a_shared_line_read_as_dd_mm_yyyy_on_a_page():
    line = "[youth_heads] đến trước 2024-01-01; không còn ràng buộc từ / free from 2025-07-01"
    assert dates_in_text(line) == (
        "[youth_heads] đến trước 01/01/2024; không còn ràng buộc từ / free from 01/07/2025"
    )
    # a timestamp, an id holding digits and a range are left as they are
    assert dates_in_text("2026-12-06T02:10 · ward-2024-01-01x · 12024-01-01") == (
        "2026-12-06T02:10 · ward-2024-01-01x · 12024-01-01"
    )
