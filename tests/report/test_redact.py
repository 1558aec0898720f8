"""`--redact` leaves out what identifies a person (issue 21.6): no name, no birth date, no current post by
name (its title level and unit kind stay), in the HTML and XLSX report and comparison of the reference
scenario, anywhere in the files (tables, figures, hover boxes, workbook XML)."""

from __future__ import annotations

import html
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from models.plan import Assignment, Plan
from planner import load_plan
from planner.checker import check_plan
from planner.figures.naming import KIND_LABELS, LEVEL_LABELS
from planner.report.content import report_content
from planner.rules.categories import cadre_facts
from tests.support.paths import REFERENCE
from tests.support.processes import run_planner

POST = "Chức vụ hiện tại / Current post"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("redact")
    plan = folder / "a.json"
    done = run_planner("solve", REFERENCE, "-o", plan, "--workers", "1", "--time-limit", "30", timeout=300)
    assert done.returncode == 0, done.stderr
    shutil.copy(plan, folder / "b.json")
    files = {}
    for command, plans in (("report", [plan]), ("compare", [plan, folder / "b.json"])):
        for suffix in ("html", "xlsx"):
            files[f"{command}.{suffix}"] = out = folder / f"{command}.{suffix}"
            done = run_planner(command, REFERENCE, *plans, "-o", out, "--redact", timeout=300)
            assert done.returncode == 0, done.stderr
    files["plan"] = plan
    files["unredacted.html"] = out = folder / "unredacted.html"
    assert run_planner("report", REFERENCE, plan, "-o", out, timeout=300).returncode == 0
    return files


def _text(path: Path) -> str:
    """Every character a reader or a program could get from the file, entities and escapes undone."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            raw = "\n".join(book.read(name).decode("utf-8") for name in book.namelist())
    else:
        raw = path.read_text(encoding="utf-8")
    return html.unescape(raw)


def _forms(value: str) -> list[str]:
    return [value, html.escape(value), json.dumps(value)[1:-1]]


def test_no_name_or_birth_date_appears_anywhere(outputs, reference_scenario) -> None:
    unredacted = _text(outputs["unredacted.html"])
    assert any(any(f in unredacted for f in _forms(c.name)) for c in reference_scenario.cadres), "can fail"
    for key in ("report.html", "report.xlsx", "compare.html", "compare.xlsx"):
        text = _text(outputs[key])
        for cadre in reference_scenario.cadres:
            born = cadre.birth_date
            for secret in (cadre.name, born.isoformat(), born.strftime("%d/%m/%Y")):
                assert not any(form in text for form in _forms(secret)), (key, cadre.id, "found")


def test_the_current_post_is_its_level_and_kind_only(outputs, reference_scenario) -> None:
    """Posts by name may appear as destinations (a slot is someone's post): what must not appear is a
    cadre's own post by name, so the current-post cells and the flows' sources are checked."""
    plan = load_plan(outputs["plan"])
    content = report_content(reference_scenario, plan, "a", redact=True)
    unit_names = {u.name for u in reference_scenario.units}
    title_names = {t.name for t in reference_scenario.titles.values()}
    allowed = {f"{level} — {kind}" for level in LEVEL_LABELS.values() for kind in KIND_LABELS.values()}
    posts = set(content.plan_table[POST]) - {""}
    assert posts and posts <= allowed
    for post in posts:
        assert not any(name in post for name in unit_names | title_names)
    sources = set(content.flows.data[0].node.label)
    assert not sources & unit_names, "the flows group by unit kind, not by unit"
    unredacted = report_content(reference_scenario, plan, "a", redact=False)
    assert set(unredacted.plan_table[POST]) - {""} - allowed, "the test can fail: posts by name without it"
    for trace in content.timeline.data:
        assert "nghỉ hưu" not in (trace.name or ""), "no retirement date (the birth date moved)"


def test_a_violations_detail_is_left_out_but_its_rule_and_ids_stay(reference_scenario) -> None:
    """A checker message states the rule's facts about the person (here the retirement date a start
    too late runs into): the redacted report keeps the rule and ids and leaves the detail out."""
    cadre = min(reference_scenario.cadres, key=lambda c: c.birth_date)  # the oldest
    slot = reference_scenario.slots[0]
    last = reference_scenario.period.end.replace(day=1).isoformat()
    plan = Plan(assignments=[Assignment(cadre=cadre.id, slot=slot.id, start=last)])
    retires = cadre_facts(reference_scenario, cadre).retirement.isoformat()
    assert any(retires in v.message for v in check_plan(reference_scenario, plan)), "the test can fail"
    for redact, shown in ((True, False), (False, True)):
        content = report_content(reference_scenario, plan, "hand", redact=redact)
        table = content.checks[0].table
        assert cadre.id in table.to_string() and "remaining_service" in set(table["Quy định / Rule"])
        assert any(retires in str(cell) for cell in table["Chi tiết / Detail"]) is shown
