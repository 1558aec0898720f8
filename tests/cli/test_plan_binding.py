"""A plan is bound to its scenario (CONTRACT §3, issue 10 item 4), as a user meets it on the command line.

`solve` records the content hash of the scenario; `check`, `report`, `compare` and `explain --plan` refuse
another scenario's plan (exit 2, both names) and say on their first line when the scenario has changed
since the plan was made; reports then warn on the page and recompute the scores from the scenario given.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from tests.cli.test_cli import EXAMPLE, EXIT_BAD_INPUT, EXIT_OK, one_line, planner

WARNING = "Warning: the scenario has changed since"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example solved once, the example rewritten in another form, and the example changed."""
    folder = tmp_path_factory.mktemp("binding")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    done = planner("solve", EXAMPLE, "-o", folder / "plan.json", "--workers", "1")
    assert done.returncode == EXIT_OK, done.stderr
    reordered = {key: data[key] for key in reversed(list(data))} | {"cadres": list(reversed(data["cadres"]))}
    text = "# viết lại / rewritten\n" + yaml.safe_dump(reordered, allow_unicode=True, sort_keys=True)
    (folder / "rewritten.yaml").write_text(text, encoding="utf-8")
    changed = json.loads(json.dumps(data, default=str))
    changed["scores"] = [s | {"score": s["score"] + 100} for s in changed["scores"]]
    (folder / "changed.yaml").write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    (folder / "other.yaml").write_text(
        yaml.safe_dump(changed | {"name": "another-scenario"}, allow_unicode=True), encoding="utf-8"
    )
    return folder


def plan_data(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "plan.json").read_text(encoding="utf-8"))


def rescored(folder: Path) -> list[float]:
    """The plan's scores as the changed scenario computes them: 100 more for each pair it re-scored."""
    bumped = {(s["cadre"], s["slot"]) for s in yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["scores"]}
    return [a["score"] + 100 * ((a["cadre"], a["slot"]) in bumped) for a in plan_data(folder)["assignments"]]


def test_a_reformatted_scenario_is_the_same_scenario(folder: Path) -> None:
    """Other key order, a comment, the cadres in reverse order: not a change; the verdict comes first."""
    done = planner("check", folder / "rewritten.yaml", folder / "plan.json")
    assert done.returncode == EXIT_OK, done.stdout
    assert done.stdout.startswith("Hợp lệ / Valid") and WARNING not in done.stdout
    done = planner("check", folder / "rewritten.yaml", folder / "plan.json", "--json")
    assert json.loads(done.stdout)["scenario_changed"] is False and done.stderr == ""


def test_check_says_first_that_the_scenario_changed(folder: Path) -> None:
    done = planner("check", folder / "changed.yaml", folder / "plan.json")
    assert done.returncode == EXIT_OK, done.stdout  # the same placements still keep every rule
    first = one_line(done.stdout.split("Hợp lệ")[0])
    assert first.startswith("Cảnh báo: kịch bản đã thay đổi") and f"{WARNING} plan.json was made" in first
    done = planner("check", folder / "changed.yaml", folder / "plan.json", "--json")
    assert json.loads(done.stdout)["scenario_changed"] is True  # stdout stays one JSON document
    assert one_line(done.stderr).startswith("Cảnh báo") and WARNING in one_line(done.stderr)


def test_explain_with_a_plan_says_first_that_the_scenario_changed(folder: Path) -> None:
    done = planner(
        "explain", folder / "changed.yaml", "--plan", folder / "plan.json", "--cadre", "C05", "--no-why-not"
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert one_line(done.stdout).startswith("Cảnh báo: kịch bản đã thay đổi")


def test_a_hand_made_plan_is_checked_as_it_is(tmp_path: Path, folder: Path) -> None:
    """No `scenario`, no `scenario_hash`: nothing to compare, `scenario_changed` is null."""
    rows = [{k: a[k] for k in ("cadre", "slot", "start")} for a in plan_data(folder)["assignments"]]
    hand = tmp_path / "hand.json"
    hand.write_text(json.dumps({"assignments": rows}), encoding="utf-8")
    done = planner("check", folder / "changed.yaml", hand, "--json")
    assert done.returncode == EXIT_OK and done.stderr == ""
    assert json.loads(done.stdout)["scenario_changed"] is None


@pytest.mark.parametrize(
    "command",
    [
        ("check", "{d}/other.yaml", "{d}/plan.json"),
        ("check", "{d}/other.yaml", "{d}/plan.json", "--json"),
        ("report", "{d}/other.yaml", "{d}/plan.json", "-o", "{d}/out.html"),
        ("compare", "{d}/other.yaml", "{d}/plan.json", "{d}/plan.json", "-o", "{d}/out.xlsx"),
        ("explain", "{d}/other.yaml", "--plan", "{d}/plan.json", "--cadre", "C05", "--no-why-not"),
    ],
    ids=["check", "check-json", "report", "compare", "explain"],
)
def test_another_scenarios_plan_is_bad_input_naming_both(folder: Path, command: tuple[str, ...]) -> None:
    done = planner(*(part.format(d=folder) for part in command))
    assert done.returncode == EXIT_BAD_INPUT, done.stdout
    message = one_line(done.stderr)
    assert "plan.json: scenario:" in message
    assert "'example-mini'" in message and "'another-scenario'" in message
    assert done.stdout == ""
    assert not list(folder.glob("out.*"))


@pytest.mark.parametrize("value", [5, ["abc"], {"sha256": "abc"}, True])
@pytest.mark.parametrize(
    "command",
    [
        ("check", EXAMPLE, "{plan}"),
        ("report", EXAMPLE, "{plan}", "-o", "{out}"),
        ("compare", EXAMPLE, "{plan}", "{plan}", "-o", "{out}"),
        ("explain", EXAMPLE, "--plan", "{plan}", "--cadre", "C05", "--no-why-not"),
    ],
    ids=["check", "report", "compare", "explain"],
)
def test_a_scenario_hash_that_is_not_text_is_bad_input(
    tmp_path: Path, folder: Path, command: tuple[object, ...], value: object
) -> None:
    """Exit 2 with the file, the field path and the value; nothing written."""
    plan = tmp_path / "bad.json"
    plan.write_text(json.dumps(plan_data(folder) | {"scenario_hash": value}), encoding="utf-8")
    out = tmp_path / "out.html"
    done = planner(*(str(part).format(plan=plan, out=out) for part in command))
    assert done.returncode == EXIT_BAD_INPUT, done.stdout
    message = one_line(done.stderr)
    assert f"{plan}: scenario_hash:" in message and "value:" in message
    assert not out.exists()


def test_every_plan_solve_writes_records_the_hash_of_the_scenario_as_written(tmp_path: Path) -> None:
    """Alternatives, variants and what-ifs included: each is checked against the file the user has."""
    scenario = tmp_path / "s.yaml"
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["variants"] = [{"name": "quota-4", "set": {"rules.quota.max": 4}}]
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "p.json"
    args = ("--alternatives", "2", "--variant", "quota-4", "--waive", "C03=min_duration", "--workers", "1")
    done = planner("solve", scenario, "-o", out, *args)
    assert done.returncode == EXIT_OK, done.stderr
    files = sorted(tmp_path.glob("p*.json"))
    assert len(files) == 4
    hashes = {json.loads(f.read_text(encoding="utf-8"))["scenario_hash"] for f in files}
    assert len(hashes) == 1 and re.fullmatch(r"[0-9a-f]{64}", hashes.pop())
    for file in files:
        checked = planner("check", scenario, file, "--json", "--as-recorded")
        assert json.loads(checked.stdout)["scenario_changed"] is False, file.name


def test_report_of_a_changed_scenario_warns_on_the_page_and_rescores(folder: Path) -> None:
    """The plan's stored scores (and objective) are stale: the page and the workbook show the scores the
    scenario given computes, and say why, first."""
    stored = plan_data(folder)
    html_out, xlsx_out = folder / "changed.html", folder / "changed.xlsx"
    for out in (html_out, xlsx_out):
        done = planner("report", folder / "changed.yaml", folder / "plan.json", "-o", out)
        assert done.returncode == EXIT_OK, done.stderr
        assert one_line(done.stdout).startswith("Cảnh báo: kịch bản đã thay đổi")
    scores = rescored(folder)
    assert scores != [a["score"] for a in stored["assignments"]]
    objective = sum(scores)
    page = html_out.read_text(encoding="utf-8")
    assert page.index('class="warn"') < page.index("<nav>")
    assert WARNING in page and "Scores, the objective and the explanations are recomputed" in page
    assert f"<td>Giá trị mục tiêu / Objective</td><td>{objective}</td>" in page
    assert f"<td>Giá trị mục tiêu / Objective</td><td>{stored['objective']}</td>" not in page
    book = openpyxl.load_workbook(xlsx_out)
    assert book.sheetnames[0] == "Cảnh báo - Warnings"
    assert WARNING in str(book["Cảnh báo - Warnings"]["A2"].value)
    summary = {row[0]: row[1] for row in book["Tóm tắt - Summary"].iter_rows(min_row=2, values_only=True)}
    assert next(iter(summary)) == "Cảnh báo / Warning"
    assert summary["Giá trị mục tiêu / Objective"] == objective  # a number, not text
    assert summary["Cận trên / Best bound"] is None  # only a new solve could give a bound
    assert "when the plan was made" in summary["Trạng thái / Status"]
    sheet = book["Phương án - Plan"]
    headers = [c.value for c in sheet[1]]
    shown = [row[headers.index("Điểm / Score")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert shown == scores


def test_compare_of_a_changed_scenario_warns_and_rescores(folder: Path) -> None:
    out = folder / "compare.xlsx"
    done = planner("compare", folder / "changed.yaml", folder / "plan.json", folder / "plan.json", "-o", out)
    assert done.returncode == EXIT_OK, done.stderr
    assert one_line(done.stdout).startswith("Cảnh báo: kịch bản đã thay đổi")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Cảnh báo - Warnings"
    overview = list(book["Tóm tắt - Summary"].iter_rows(values_only=True))
    headers, rows = overview[0], overview[1:]
    objective = headers.index("Giá trị mục tiêu / Objective")
    changed = headers.index("Kịch bản đã thay đổi / Scenario changed")
    assert [row[objective] for row in rows] == [sum(rescored(folder))] * 2
    assert [row[changed] for row in rows] == ["có / yes"] * 2
    html_out = folder / "compare.html"
    done = planner(
        "compare", folder / "changed.yaml", folder / "plan.json", folder / "plan.json", "-o", html_out
    )
    page = html_out.read_text(encoding="utf-8")
    assert page.index('class="warn"') < page.index("<nav>") and WARNING in page
