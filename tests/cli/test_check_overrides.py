"""`check` never relaxes a rule silently (CONTRACT §3, issue 10 item 5).

A plan that would pass only under the overrides it records itself (a `--set cadres[C08].health_ok=true`
variant, a `drop_forbid` what-if) fails `check` without `--as-recorded`, and the output names those
overrides and says that `--as-recorded` applies them; with `--as-recorded` it passes and the output lists
each override applied. No output says "valid" without naming the rules it was reached under.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from models import AddPin, DropForbid
from planner import SolveOptions, load_scenario, plan_json, run_plan_set
from tests.cli.test_cli import EXAMPLE, EXIT_OK, EXIT_VIOLATIONS, one_line, planner

#: Every test here runs the command line two or more times: 17 to 47 s each on the loaded test machine.
pytestmark = pytest.mark.slow

APPLIES = "--as-recorded applies them"
AS_WRITTEN = "against the scenario as written"
UNDER_OVERRIDES = "under the overrides the plan records"


@pytest.fixture(scope="module")
def health_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """C08 is not in good health; the plan sets `health_ok=true` for it and pins it: valid only so."""
    out = tmp_path_factory.mktemp("health") / "health.json"
    done = planner(
        "solve", EXAMPLE, "-o", out, "--workers", "1",
        "--set", "cadres[C08].health_ok=true", "--pin", "C08=o_mon.pho_chu_tich",
    )  # fmt: skip
    assert done.returncode == EXIT_OK, done.stderr
    return out


@pytest.fixture(scope="module")
def forbid_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """C06 is forbidden in unit o_mon; the plan records a what-if dropping that ban, and places C06 there."""
    out = tmp_path_factory.mktemp("forbid") / "forbid.json"
    what_if = [DropForbid(cadre="C06", unit="o_mon"), AddPin(cadre="C06", slot="o_mon.pho_chu_tich")]
    plans = run_plan_set(load_scenario(EXAMPLE), out, SolveOptions(time_limit=10, workers=1), what_if=what_if)
    assert plans.best.plan.status == "OPTIMAL"
    out.write_text(plan_json(plans.best.plan), encoding="utf-8")
    return out


CASES = [
    ("health_plan", "health", "C08", ["cadres[C08].health_ok=true", "suppose C08 takes o_mon.pho_chu_tich"]),
    ("forbid_plan", "forbid", "C06", ["drop the ban on C06 going to o_mon", "suppose C06 takes o_mon.pho_chu_tich"]),
]  # fmt: skip


@pytest.mark.parametrize(("fixture", "rule", "cadre", "overrides"), CASES, ids=["health_ok", "drop_forbid"])
def test_without_as_recorded_the_plan_fails_and_its_overrides_are_named(
    request: pytest.FixtureRequest, fixture: str, rule: str, cadre: str, overrides: list[str]
) -> None:
    plan = request.getfixturevalue(fixture)
    done = planner("check", EXAMPLE, plan)
    assert done.returncode == EXIT_VIOLATIONS, done.stdout
    text = one_line(done.stdout)
    assert "Valid" not in text and "Hợp lệ" not in text
    assert f"records 2 rule overrides, NOT applied in this check ({APPLIES})" in text
    for override in overrides:
        assert override in text.split("Vi phạm / Violations")[0]
    assert f"Vi phạm / Violations: 1 — theo kịch bản như đã viết / {AS_WRITTEN}" in text
    assert f"[{rule}]" in text and cadre in text

    done = planner("check", EXAMPLE, plan, "--json")
    assert done.returncode == EXIT_VIOLATIONS
    report = json.loads(done.stdout)
    assert report["valid"] is False and [(v["rule"], v["cadre"]) for v in report["violations"]] == [
        (rule, cadre)
    ]
    assert report["as_recorded"] is False and report["applied_overrides"] == []
    assert [o["source"] for o in report["recorded_overrides"]] == (
        ["variant", "what_if"] if rule == "health" else ["what_if", "what_if"]
    )


@pytest.mark.parametrize(("fixture", "rule", "cadre", "overrides"), CASES, ids=["health_ok", "drop_forbid"])
def test_with_as_recorded_the_plan_passes_and_each_override_applied_is_listed(
    request: pytest.FixtureRequest, fixture: str, rule: str, cadre: str, overrides: list[str]
) -> None:
    plan = request.getfixturevalue(fixture)
    done = planner("check", EXAMPLE, plan, "--as-recorded")
    assert done.returncode == EXIT_OK, done.stdout
    text = one_line(done.stdout)
    assert text.startswith("Áp dụng các ghi đè") and "Applying the overrides" in text
    listed = text.split("Hợp lệ / Valid")[0]
    assert listed.count("áp dụng / applied:") == 2
    for override in overrides:
        assert override in listed
    assert text.endswith(
        f"no rule broken — theo kịch bản với các ghi đè phương án ghi nhận / {UNDER_OVERRIDES}"
    )

    report = json.loads(planner("check", EXAMPLE, plan, "--json", "--as-recorded").stdout)
    assert report["valid"] is True and report["as_recorded"] is True
    assert (
        report["applied_overrides"] == report["recorded_overrides"] and len(report["applied_overrides"]) == 2
    )
    if rule == "health":
        assert report["applied_overrides"][0] | {"text": ""} == {
            "source": "variant", "variant": None, "path": "cadres[C08].health_ok", "value": True, "text": "",
        }  # fmt: skip
    else:
        assert report["applied_overrides"][0]["change"]["kind"] == "drop_forbid"


def test_as_recorded_on_a_plan_without_overrides_says_so(tmp_path: Path) -> None:
    out = tmp_path / "plain.json"
    assert planner("solve", EXAMPLE, "-o", out, "--workers", "1").returncode == EXIT_OK
    done = planner("check", EXAMPLE, out, "--as-recorded")
    assert done.returncode == EXIT_OK
    assert one_line(done.stdout).startswith("--as-recorded: plain.json không ghi nhận ghi đè nào")
    assert AS_WRITTEN in one_line(done.stdout)


def test_explain_with_a_plan_names_its_overrides_and_applies_them_only_as_recorded(health_plan: Path) -> None:
    base = ("explain", EXAMPLE, "--plan", health_plan, "--cadre", "C08", "--no-why-not")
    plain = one_line(planner(*base).stdout)
    assert "NOT applied in this explanation" in plain and "health" in plain
    recorded = one_line(planner(*base, "--as-recorded").stdout)
    assert "áp dụng / applied: ghi đè / override (--set): cadres[C08].health_ok=true" in recorded
    assert plain != recorded


@pytest.mark.parametrize("fixture", ["health_plan", "forbid_plan"])
def test_report_and_compare_judge_as_recorded_and_against_the_scenario_as_written(
    request: pytest.FixtureRequest, tmp_path: Path, fixture: str
) -> None:
    """The pages show the plan as it was made and give both verdicts, each naming its rules, and say at
    the top that the plan records overrides; the console says so first too."""
    plan = request.getfixturevalue(fixture)
    page, book = tmp_path / "r.html", tmp_path / "c.xlsx"
    done = planner("report", EXAMPLE, plan, "-o", page)
    assert done.returncode == EXIT_OK, done.stderr
    assert f"{plan.name} records rule overrides" in one_line(done.stdout).split("Đã ghi")[0]
    html = page.read_text(encoding="utf-8")
    assert html.index('class="warn"') < html.index("<nav>")
    assert (
        f"Không hợp lệ: 1 vi phạm / Invalid: 1 violation — theo kịch bản như đã viết / {AS_WRITTEN}" in html
    )
    assert "Hợp lệ: không vi phạm quy định nào / Valid: no rule broken — theo kịch bản với" in html
    done = planner("compare", EXAMPLE, plan, plan, "-o", book)
    assert done.returncode == EXIT_OK, done.stderr
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames[0] == "Cảnh báo - Warnings"
    rows = list(workbook["Tóm tắt - Summary"].iter_rows(values_only=True))
    written = rows[0].index("Kiểm tra độc lập / Independent check")
    recorded = rows[0].index("Kiểm tra theo ghi đè / Check under the plan's overrides")
    assert all(
        row[written].endswith(AS_WRITTEN) and row[written].startswith("Không hợp lệ") for row in rows[1:]
    )
    assert all(UNDER_OVERRIDES in row[recorded] and row[recorded].startswith("Hợp lệ") for row in rows[1:])
    checks = list(workbook["Vi phạm - Check result"].iter_rows(values_only=True))
    under = checks[0].index("Theo quy định / Judged under")
    assert {row[under].split(":")[0] for row in checks[1:]} == {
        f"theo kịch bản như đã viết / {AS_WRITTEN}",
        f"theo kịch bản với các ghi đè phương án ghi nhận / {UNDER_OVERRIDES}",
    }
