"""Pydantic domain models: the scenario and plan schemas, the what-if changes, and their loading.

The names below load on first use (`models.lazy`), so that importing one module of the package (the
command line's `models.errors`) does not import pydantic and every schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.lazy import lazy_names

if TYPE_CHECKING:
    from models.categories import CATEGORY_LABELS
    from models.changes import (
        AddForbid,
        AddPin,
        AddWaiver,
        AfterHorizon,
        Change,
        DropForbid,
        DropPin,
        FillByLater,
        MayStay,
        MinReady,
        PaceCap,
        QuotaBound,
        YouthCap,
        apply_changes,
    )
    from models.dates import period_starts
    from models.errors import PERSONAL_FIELDS, InputError, InputProblem, format_value
    from models.loading import ScenarioRead, load_plan, load_scenario, read_scenario, scenario_hash
    from models.plan import (
        Assignment,
        Conflict,
        DiagnosisRecord,
        PlacementChange,
        Plan,
        Repair,
        ReplanRecord,
        SearchRecord,
        SolverRecord,
        plan_json,
    )
    from models.rule_ids import WAIVABLE_RULES, RuleId
    from models.safe_yaml import parse_yaml
    from models.scenario import Scenario
    from models.tables import TableReading

_HOMES: dict[str, str] = {
    "AddForbid": "models.changes",
    "AddPin": "models.changes",
    "AfterHorizon": "models.changes",
    "AddWaiver": "models.changes",
    "Change": "models.changes",
    "DropForbid": "models.changes",
    "DropPin": "models.changes",
    "FillByLater": "models.changes",
    "MayStay": "models.changes",
    "MinReady": "models.changes",
    "PaceCap": "models.changes",
    "QuotaBound": "models.changes",
    "YouthCap": "models.changes",
    "apply_changes": "models.changes",
    "CATEGORY_LABELS": "models.categories",
    "InputError": "models.errors",
    "InputProblem": "models.errors",
    "PERSONAL_FIELDS": "models.errors",
    "format_value": "models.errors",
    "period_starts": "models.dates",
    "parse_yaml": "models.safe_yaml",
    "load_plan": "models.loading",
    "load_scenario": "models.loading",
    "read_scenario": "models.loading",
    "ScenarioRead": "models.loading",
    "scenario_hash": "models.loading",
    "Assignment": "models.plan",
    "Conflict": "models.plan",
    "DiagnosisRecord": "models.plan",
    "Plan": "models.plan",
    "PlacementChange": "models.plan",
    "ReplanRecord": "models.plan",
    "Repair": "models.plan",
    "SearchRecord": "models.plan",
    "SolverRecord": "models.plan",
    "plan_json": "models.plan",
    "RuleId": "models.rule_ids",
    "WAIVABLE_RULES": "models.rule_ids",
    "Scenario": "models.scenario",
    "TableReading": "models.tables",
}

__all__ = [
    "CATEGORY_LABELS",
    "PERSONAL_FIELDS",
    "WAIVABLE_RULES",
    "AddForbid",
    "AddPin",
    "AddWaiver",
    "AfterHorizon",
    "Assignment",
    "Change",
    "Conflict",
    "DiagnosisRecord",
    "DropForbid",
    "DropPin",
    "FillByLater",
    "InputError",
    "InputProblem",
    "MayStay",
    "MinReady",
    "PaceCap",
    "PlacementChange",
    "Plan",
    "QuotaBound",
    "Repair",
    "ReplanRecord",
    "RuleId",
    "Scenario",
    "ScenarioRead",
    "SearchRecord",
    "SolverRecord",
    "TableReading",
    "YouthCap",
    "apply_changes",
    "format_value",
    "load_plan",
    "load_scenario",
    "parse_yaml",
    "period_starts",
    "plan_json",
    "read_scenario",
    "scenario_hash",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
