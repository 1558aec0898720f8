"""Rule variants and overrides (`models.overrides`, `planner.analysis.variants`) and the multi-plan `planner solve`.

Overrides are input: a bad path or value is bad input naming the path and the value (exit 2), found at
load time for a scenario's variants. Each plan written records its overrides, and `planner check`
applies them, so that a plan is checked under the rules it was solved under.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from models.errors import InputError
from models.loading import load_scenario
from planner.analysis.variants import apply_overrides, parse_set_options, scenario_variants, variant_runs
from tests.cli.test_cli import one_line, planner
from tests.support.builders import scenario_of, tiny_scenario
from tests.support.paths import ROOT

EXAMPLE = ROOT / "tests" / "files" / "contract-example.yaml"
CAN_THO = ROOT / "scenarios" / "can-tho-2022-2025.yaml"


def _problems(error: pytest.ExceptionInfo[InputError]) -> list[tuple[str, str]]:
    return [(p.path, str(p)) for p in error.value.problems]


def test_override_sets_the_field_and_leaves_the_scenario_alone() -> None:
    base = scenario_of(tiny_scenario())
    changed = apply_overrides(
        base, {"rules.quota.max": 2, "rules.youth.max_heads": None, "slots[d1.bi_thu].priority": 3}
    )
    assert (changed.rules.quota.max, changed.rules.youth.max_heads) == (2, None)
    assert next(s for s in changed.slots if s.id == "d1.bi_thu").priority == 3
    assert (base.rules.quota.max, base.rules.youth.max_heads) == (5, 0)
    assert changed.model_copy(update={"rules": base.rules, "slots": base.slots}) == base


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("rules.quotaa.max", 7, "unknown field 'quotaa'; did you mean 'quota'?"),
        ("rules.quota.max", -1, "greater than or equal to 0"),
        ("rules.quota.max", "seven", "whole number"),
        ("rules.quota.min", 9, "invalid at rules.quota: quota min 9 is greater than max 5"),
        ("slots[d9.bi_thu].priority", 1, "no entry of slots has the id 'd9.bi_thu'"),
        ("rules..max", 1, "not a field path"),
        ("name", "other", "cannot be overridden"),
    ],
)
def test_bad_override_names_path_and_value(path: str, value: object, expected: str) -> None:
    with pytest.raises(InputError) as error:
        apply_overrides(scenario_of(tiny_scenario()), {path: value})
    [(where, text)] = _problems(error)
    assert where == path
    assert expected in text
    assert f"(giá trị / value: {value!r})" in text or f"(giá trị / value: {value})" in text


def test_parse_set_options_reads_yaml_values() -> None:
    parsed = parse_set_options(
        [
            "rules.quota.max=7",
            "rules.youth.max_heads=null",
            "period.end=2025-06-30",
            "rules.mandatory_rotation=[term_limit]",
        ]
    )
    assert parsed == {
        "rules.quota.max": 7,
        "rules.youth.max_heads": None,
        "period.end": "2025-06-30",
        "rules.mandatory_rotation": ["term_limit"],
    }
    with pytest.raises(InputError) as error:
        parse_set_options(["rules.quota.max"])
    assert "PATH=VALUE" in str(error.value)


def _with_variants(tmp_path: Path, variants: list[dict[str, object]]) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["variants"] = variants
    path = tmp_path / "example-variants.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_bad_variant_is_bad_input_at_load_time(tmp_path: Path) -> None:
    path = _with_variants(
        tmp_path,
        [
            {"name": "quota-4", "set": {"rules.quota.max": 4}},
            {"name": "typo", "set": {"rules.quotaa.max": 4}},
            {"name": "quota-4", "set": {"rules.quota.min": 9}},
            {"name": "all", "set": {"rules.quota.max": 4}},
        ],
    )
    with pytest.raises(InputError) as error:
        load_scenario(path)
    paths = [where for where, _ in _problems(error)]
    assert paths == ["variants[3]"]  # the schema's verdict comes first; the rest is checked after
    path = _with_variants(
        tmp_path,
        [
            {"name": "quota-4", "set": {"rules.quota.max": 4}},
            {"name": "typo", "set": {"rules.quotaa.max": 4}},
            {"name": "quota-4", "set": {"rules.quota.min": 9}},
        ],
    )
    with pytest.raises(InputError) as error:
        load_scenario(path)
    found = _problems(error)
    assert [where for where, _ in found] == [
        "variants[1].set.rules.quotaa.max",
        "variants[2].name",
        "variants[2].set.rules.quota.min",
    ]
    assert "quota min 9 is greater than max 5" in found[2][1]


def test_reference_variants_apply() -> None:
    scenario = load_scenario(CAN_THO)
    variants = {name: s for name, _, s in scenario_variants(scenario)}
    assert set(variants) == {"quota-7", "pace-1"}
    assert variants["quota-7"].rules.quota.max == 7
    assert variants["pace-1"].rules.max_starts_per_quarter == 1
    assert all(s.variants == () for s in variants.values())


def test_variant_runs_base_first_then_named() -> None:
    scenario = load_scenario(CAN_THO)
    runs = variant_runs(scenario, ["pace-1", "all"], {"rules.quota.min": 5})
    assert [r.name for r in runs] == [None, "pace-1", "quota-7"]
    assert runs[1].record is not None
    assert runs[1].record.overrides == {"rules.max_starts_per_quarter": 1, "rules.quota.min": 5}
    assert all(r.scenario.rules.quota.min == 5 for r in runs)
    with pytest.raises(InputError) as error:
        variant_runs(scenario, ["quota-8"], {})
    assert "did you mean 'quota-7'?" in str(error.value)


# --- the command line ---------------------------------------------------------------------------------


def test_cli_alternatives_and_variant_files_each_check(tmp_path: Path) -> None:
    scenario = _with_variants(
        tmp_path, [{"name": "quota-4", "description": "≤ 4", "set": {"rules.quota.max": 4}}]
    )
    out = tmp_path / "plan.json"
    done = planner(
        "solve",
        scenario,
        "-o",
        out,
        "--alternatives",
        "2",
        "--min-diff",
        "2",
        "--variant",
        "quota-4",
        "--workers",
        "1",
    )
    assert done.returncode == 0, done.stderr
    names = ["plan.json", "plan.alt2.json", "plan.quota-4.json", "plan.quota-4.alt2.json"]
    assert sorted(p.name for p in tmp_path.glob("plan*.json")) == sorted(names)
    text = one_line(done.stdout)
    assert "plan.quota-4.alt2.json │ quota-4 │ 2 │ TỐI ƯU / OPTIMAL" in text
    assert "robust placements" in text
    plans = {name: json.loads((tmp_path / name).read_text(encoding="utf-8")) for name in names}
    assert plans["plan.json"]["alternative"]["rank"] == 1 and plans["plan.json"]["variant"] is None
    assert plans["plan.quota-4.alt2.json"]["variant"]["overrides"] == {"rules.quota.max": 4}
    assert len(plans["plan.quota-4.json"]["assignments"]) <= 4 < len(plans["plan.json"]["assignments"])
    for name in names:
        checked = planner("check", scenario, tmp_path / name)
        assert checked.returncode == 0, (name, checked.stdout)


def test_cli_check_applies_the_plans_overrides_only_as_recorded(tmp_path: Path) -> None:
    """A five-rotation plan is valid under the scenario as written, and breaks `quota` once checked
    under the max 4 it records (`--as-recorded`); plain `check` names that override and does not apply it.
    An override that does not apply is bad input either way."""
    out = tmp_path / "plan.json"
    assert planner("solve", EXAMPLE, "-o", out, "--workers", "1").returncode == 0
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert len(plan["assignments"]) == 5
    plan["variant"] = {"name": None, "overrides": {"rules.quota.max": 4}}
    out.write_text(json.dumps(plan), encoding="utf-8")
    done = planner("check", EXAMPLE, out, "--json")
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert report["applied_overrides"] == [] and report["as_recorded"] is False
    assert [(o["path"], o["value"]) for o in report["recorded_overrides"]] == [("rules.quota.max", 4)]
    done = planner("check", EXAMPLE, out, "--json", "--as-recorded")
    assert done.returncode == 1
    assert [v["rule"] for v in json.loads(done.stdout)["violations"]] == ["quota"]
    assert json.loads(done.stdout)["applied_overrides"] == report["recorded_overrides"]
    plan["variant"]["overrides"] = {"rules.quota.maxx": 4}
    out.write_text(json.dumps(plan), encoding="utf-8")
    for extra in ([], ["--as-recorded"]):
        done = planner("check", EXAMPLE, out, *extra)
        assert done.returncode == 2
        assert "variant.overrides.rules.quota.maxx" in one_line(done.stderr)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--set", "rules.quotaa.max=7"], "unknown field 'quotaa'; did you mean 'quota'?"),
        (["--set", "rules.quota.max=-3"], "Input should be greater than or equal to 0 (giá trị / value: -3)"),
        (["--variant", "nope"], "--variant: no such variant"),
    ],
)
def test_cli_bad_overrides_exit_2_and_write_nothing(tmp_path: Path, args: list[str], expected: str) -> None:
    out = tmp_path / "plan.json"
    done = planner("solve", EXAMPLE, "-o", out, *args)
    assert done.returncode == 2
    assert expected in one_line(done.stderr)
    assert args[-1].split("=")[0] in one_line(done.stderr)  # the path, or the option, named
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_cli_says_when_no_further_alternative_exists(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny.yaml"
    data = tiny_scenario(cadres=[tiny_scenario()["cadres"][0]], slots=[tiny_scenario()["slots"][1]])
    data["rules"] = {"quota": {"min": 1, "max": 1}}
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    done = planner("solve", scenario, "-o", tmp_path / "p.json", "--alternatives", "3")
    assert done.returncode == 0, done.stderr
    assert "1/3" in done.stdout and "no further plan" in one_line(done.stdout)
    assert sorted(p.name for p in tmp_path.glob("p*.json")) == ["p.json"]
