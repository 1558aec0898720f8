"""`planner document submission|decisions`, as a user runs them: the DOCX written, names in the document and
never on the console, and every refusal `planner report` makes (exit 2, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import yaml

from models.plan import Plan
from planner import plan_json
from tests.support.processes import run_planner
from tests.support.report_data import NAMES, TINY_ROWS, tiny_data, tiny_plan

EXIT_OK, EXIT_BAD_INPUT = 0, 2


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(tiny_data(), allow_unicode=True), encoding="utf-8")
    (tmp_path / "plan.json").write_text(plan_json(tiny_plan()), encoding="utf-8")
    return tmp_path


def no_names(text: str) -> None:
    for name in NAMES.values():
        assert name not in text


@pytest.mark.parametrize(("kind", "rows"), [("submission", 1), ("decisions", len(TINY_ROWS))])
def test_the_commands_write_the_document_and_print_ids_only(files: Path, kind: str, rows: int) -> None:
    out = files / f"{kind}.docx"
    done = run_planner("document", kind, files / "tiny.yaml", files / "plan.json", "-o", out)
    assert done.returncode == EXIT_OK, done.stderr
    assert "Đã ghi" in done.stdout and "written" in done.stdout
    no_names(done.stdout + done.stderr)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    if kind == "submission":
        assert "TỜ TRÌNH" in text and "Hợp lệ" in done.stdout
        table = docx.Document(str(out)).tables[1]
        assert [row.cells[1].text for row in table.rows[1:]] == [f"{NAMES[c]} ({c})" for c, _, _ in TINY_ROWS]
    else:
        assert text.count("Điều 1.") == rows
        assert f"{rows} dự thảo quyết định" in done.stdout


@pytest.mark.parametrize("kind", ["submission", "decisions"])
def test_a_plan_without_placements_to_file_is_refused(files: Path, kind: str) -> None:
    (files / "infeasible.json").write_text(plan_json(Plan.model_validate({"status": "INFEASIBLE"})), "utf-8")
    out = files / "out.docx"
    done = run_planner("document", kind, files / "tiny.yaml", files / "infeasible.json", "-o", out)
    assert done.returncode == EXIT_BAD_INPUT
    assert "INFEASIBLE" in done.stderr and "no plan" in done.stderr
    assert not out.exists()


def test_another_scenarios_plan_is_refused(files: Path) -> None:
    other = json.loads(plan_json(tiny_plan()))
    other["scenario"] = "another-scenario"
    (files / "other.json").write_text(json.dumps(other), encoding="utf-8")
    done = run_planner(
        "document", "submission", files / "tiny.yaml", files / "other.json", "-o", files / "o.docx"
    )
    assert done.returncode == EXIT_BAD_INPUT and "another-scenario" in done.stderr
    assert not (files / "o.docx").exists()


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("{d}/out.pdf", ".docx"),
        ("{d}/no/such/folder/out.docx", "cannot write"),
        ("{d}", ".docx"),  # a folder
        ("{d}/plan.json", ".docx"),
        ("/dev/null", ".docx"),  # not a document: refused, and never replaced (tests/conftest.py)
        ("{d}/tiny.docx", ""),  # written: checked below that an input is never the output
    ],
)
def test_outputs_are_refused_as_report_refuses_them(files: Path, target: str, expected: str) -> None:
    path = target.format(d=files)
    done = run_planner("document", "decisions", files / "tiny.yaml", files / "plan.json", "-o", path)
    if not expected:
        assert done.returncode == EXIT_OK, done.stderr
        return
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert expected in done.stderr
    assert json.loads((files / "plan.json").read_text("utf-8"))["assignments"]


def test_a_folder_named_docx_and_a_link_to_an_input_are_refused(files: Path) -> None:
    (files / "folder.docx").mkdir()
    link = files / "link.docx"
    link.symlink_to(files / "tiny.yaml")
    for path in (files / "folder.docx", link):
        done = run_planner("document", "submission", files / "tiny.yaml", files / "plan.json", "-o", path)
        assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert yaml.safe_load((files / "tiny.yaml").read_text("utf-8"))["cadres"]


def test_a_missing_plan_file_is_bad_input(files: Path) -> None:
    done = run_planner(
        "document", "submission", files / "tiny.yaml", files / "nope.json", "-o", files / "x.docx"
    )
    assert done.returncode == EXIT_BAD_INPUT and "nope.json" in done.stderr
    assert not (files / "x.docx").exists()
