"""Every contract rule id has one home: a rule module with every face, and a checker function.

The faces are what `planner.rules.base.Rule` declares; a rule's class (or the kind it subclasses) must
define each one, so a rule added without, say, its diagnosis part fails here rather than in a conflict.
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from models.rule_ids import WAIVABLE_RULES, RuleId
from planner.checker import rules as checker_rules
from planner.eligibility.table import Eligibility
from planner.formulation import hint, relaxation
from planner.rules import RULES
from planner.rules.base import AboveLimit, Exclusion, OnlyCells, OuterExclusion, Rule, StartFloor
from planner.wording import rule_text
from tests.support.contract import contract_rule_ids
from tests.support.fit_data import with_fit_data
from tests.support.paths import ROOT

FACES = (
    "cadre_window",
    "slot_window",
    "excludes_pair",
    "excluded_cells",
    "add_to_model",
    "add_guarded",
    "applies",
    "text",
    "phrase",
)


def test_the_registry_lists_every_rule_id_once_in_the_enumerations_order() -> None:
    assert list(RULES) == list(RuleId)
    assert all(RULES[rule_id].id is rule_id for rule_id in RuleId)


def test_every_rule_id_of_the_contract_is_a_rule_id_in_the_contracts_order() -> None:
    ids = [r.value for r in RuleId]
    assert contract_rule_ids() == ids


@pytest.mark.parametrize("rule_id", list(RuleId))
def test_each_rule_module_defines_every_face(rule_id: RuleId) -> None:
    rule = RULES[rule_id]
    module = importlib.import_module(f"planner.rules.{rule_id.value}")
    assert type(rule).__module__ == module.__name__, "the rule lives in planner/rules/<rule id>.py"
    own_faces = [face for face in FACES if face not in ("text", "phrase")]  # words default to the entry
    missing = [face for face in own_faces if getattr(type(rule), face) is getattr(Rule, face)]
    assert not missing, f"{rule_id}: faces left undefined: {missing}"
    assert rule.clause and rule.vi and rule.en
    assert rule.waivable == (rule_id in WAIVABLE_RULES)
    if rule.waivable:
        assert callable(getattr(rule, "needs_waiver", None)), (
            "a waivable rule says when a placement relies on it"
        )


@pytest.mark.parametrize("rule_id", list(RuleId))
def test_the_checker_has_a_function_for_every_rule(rule_id: RuleId) -> None:
    assert callable(getattr(checker_rules, f"check_{rule_id.value}", None))
    assert rule_id.value in checker_rules.RULE_IDS


def test_the_checker_shares_no_code_with_the_rules() -> None:
    for path in (ROOT / "planner" / "checker").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "planner.rules" not in text and "planner.eligibility" not in text, path.name


@pytest.mark.parametrize("rule_id", list(RuleId))
def test_texts_fill_in_the_scenarios_numbers(rule_id: RuleId, contract_example) -> None:
    vi, en = rule_text(rule_id, contract_example.rules)
    assert "{" not in vi and "{" not in en
    if rule_id is RuleId.REMAINING_SERVICE:
        assert str(contract_example.rules.min_remaining_service_years) in vi


def test_the_relaxation_and_the_hint_declare_rule_ids() -> None:
    for module in (relaxation, hint):
        assert set(RuleId) >= module.ENCODES
        assert RuleId.UNKNOWN_REFERENCE not in module.ENCODES


@pytest.mark.parametrize("rule_id", [r.id for r in RULES.values() if "pair" in r.restricts])
def test_a_pair_rules_array_verdict_is_its_pair_verdict(rule_id: RuleId, reference_scenario) -> None:
    """The two verdicts side by side in each module agree on every pair of the reference scenario, and
    of the reference under its own scores as a shortlist."""
    shortlisted = reference_scenario.model_copy(
        update={"rules": reference_scenario.rules.model_copy(update={"only_scored_pairs": True})}
    )
    rule, excluded_somewhere = RULES[rule_id], False
    for scenario in (reference_scenario, shortlisted, with_fit_data(reference_scenario)):
        index = Eligibility(scenario)
        per_pair = np.array(
            [
                [rule.excludes_pair(index, c, s) for s in range(len(index.slots))]
                for c in range(len(index.cadres))
            ]
        )
        cells = rule.excluded_cells(index)
        assert (_as_table(cells, per_pair.shape, len(index.starts)) == per_pair).all()
        if isinstance(cells, StartFloor):
            floors = cells.cadre_floors[:, cells.slot_groups]
            windows = [
                [rule.pair_window(index, c, s) for s in range(len(index.slots))]
                for c in range(len(index.cadres))
            ]
            first = np.array(
                [
                    [0 if w is None else (w[0] if w[0] <= w[1] else len(index.starts)) for w in row]
                    for row in windows
                ]
            )
            assert (np.minimum(floors, len(index.starts)) == first).all()
        excluded_somewhere |= bool(per_pair.any())
    assert excluded_somewhere, "the comparison must see the rule exclude something"


def _as_table(cells: Exclusion, shape: tuple[int, int], n_starts: int) -> np.ndarray:
    if isinstance(cells, OuterExclusion):
        return cells.cadres[:, None] & cells.slots[None, :]
    if isinstance(cells, AboveLimit):
        return cells.slot_values[None, :] > cells.cadre_limits[:, None]
    if isinstance(cells, StartFloor):
        return cells.cadre_floors[:, cells.slot_groups] >= n_starts
    table = np.zeros(shape, dtype=bool)
    if isinstance(cells, OnlyCells):
        table[:] = True
        table[cells.cells[:, 0], cells.cells[:, 1]] = False
    else:
        table[cells.cells[:, 0], cells.cells[:, 1]] = True
    return table
