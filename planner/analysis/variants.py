"""Rule variants: the same scenario under other rules, each solved into its own plan.

A scenario may carry named `variants` (`{name, description, set: {dotted.path: value}}`), and `planner
solve --set PATH=VALUE` adds overrides of its own. Overriding itself (paths, validation) lives in
`models.overrides`, at the input edge; this module turns the command line's choices into the list of
scenarios to solve, each with the record of what was overridden, which its plan keeps so that `planner
check` checks the plan under the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from models.errors import InputError, InputProblem, did_you_mean
from models.overrides import apply_overrides
from models.plan import VariantRecord
from models.safe_yaml import parse_value
from models.scenario import Scenario

__all__ = ["VariantRun", "apply_overrides", "parse_set_options", "scenario_variants", "variant_runs"]

#: `--variant all` solves every variant of the scenario.
ALL_VARIANTS = "all"


@dataclass(frozen=True)
class VariantRun:
    """One scenario to solve: the base (name None) or a variant, with the overrides applied."""

    name: str | None
    scenario: Scenario
    record: VariantRecord | None  # what the plan records; None for the base without overrides


def parse_set_options(options: Iterable[str]) -> dict[str, object]:
    """`["rules.quota.max=7"]` -> `{"rules.quota.max": 7}`: each value read as YAML (`7`, `null`,
    `true`, `[term_limit]`); dates stay ISO text, as in scenario files. Raises `InputError`."""
    overrides: dict[str, object] = {}
    problems = []
    for option in options:
        path, equals, text = option.partition("=")
        if not equals or not path.strip():
            problems.append(InputProblem("--set", "", "expected PATH=VALUE, e.g. rules.quota.max=7", option))
            continue
        try:
            value = parse_value(text, "--set", path.strip())  # within the YAML budgets of the input edge
        except InputError as error:
            problems += error.problems
            continue
        overrides[path.strip()] = value.isoformat() if isinstance(value, date) else value
    if problems:
        raise InputError(problems)
    return overrides


def scenario_variants(scenario: Scenario) -> list[tuple[str, str, Scenario]]:
    """(name, description, the scenario under the variant's overrides), for every variant."""
    return [(v.name, v.description, apply_overrides(scenario, v.set)) for v in scenario.variants]


def variant_runs(scenario: Scenario, names: Iterable[str], overrides: dict[str, object]) -> list[VariantRun]:
    """The base scenario first, then each variant named (`all`: every one), in the order given.

    `overrides` (from `--set`) apply to every run, after the variant's own. Raises `InputError` for an
    unknown variant name or an override that does not apply.
    """
    by_name = {v.name: v for v in scenario.variants}
    wanted: list[str] = []
    for name in names:
        chosen = list(by_name) if name == ALL_VARIANTS else [name]
        wanted += [n for n in chosen if n not in wanted]
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        known = ", ".join(by_name) or "none"
        raise InputError(
            [
                InputProblem(
                    "--variant", "", f"no such variant (known: {known}){did_you_mean(n, by_name)}", n
                )
                for n in unknown
            ]
        )
    base_record = VariantRecord(overrides=overrides) if overrides else None
    runs = [VariantRun(None, apply_overrides(scenario, overrides) if overrides else scenario, base_record)]
    for name in wanted:
        variant = by_name[name]
        combined = variant.set | overrides
        record = VariantRecord(name=name, description=variant.description or None, overrides=combined)
        runs.append(VariantRun(name, apply_overrides(scenario, combined), record))
    return runs
