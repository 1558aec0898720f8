"""`planner ws document submission|decisions PLAN`, from a workspace's recorded decisions, on SQLite and on
PostgreSQL: the submission lists every placement with its decision status; draft decisions are made for the
approved placements only, and none approved is exit 2 with nothing written."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from planner import SolveOptions
from planner.cli.app import app
from planner.workspace import DecisionInput

QUICK = SolveOptions(time_limit=10, workers=1)
runner = CliRunner()


def planner(*args: str, db: str):
    return runner.invoke(app, list(args), env={"PLANNER_DB": db, "PLANNER_USER": ""}, catch_exceptions=False)


def test_ws_documents_follow_the_recorded_decisions(workspace, db_url, tmp_path: Path) -> None:
    plan = workspace.solve("minh", QUICK)[0]
    placed = [p.cadre for p in workspace.placements(plan.id)]
    assert len(placed) >= 2
    approved, rejected = placed[0], placed[1]
    workspace.decide("minh", plan.id, approved, DecisionInput("propose", "đề xuất"))
    workspace.decide("hoa", plan.id, approved, DecisionInput("approve", "đồng ý"))
    workspace.decide("hoa", plan.id, rejected, DecisionInput("reject", "chưa phù hợp"))

    none = tmp_path / "none.docx"
    other = workspace.solve("minh", QUICK)[0]
    done = planner("ws", "document", "decisions", str(other.id), "-o", str(none), db=db_url)
    assert done.exit_code == 2 and "none is approved" in done.output
    assert not none.exists()

    out = tmp_path / "qd.docx"
    done = planner("ws", "document", "decisions", f"plan:{plan.id}", "-o", str(out), db=db_url)
    assert done.exit_code == 0, done.output
    assert "1 dự thảo quyết định" in done.output
    articles = [p.text for p in docx.Document(str(out)).paragraphs if p.text.startswith("Điều 1.")]
    assert len(articles) == 1 and f"(mã cán bộ {approved})" in articles[0]

    sub = tmp_path / "tt.docx"
    done = planner("ws", "document", "submission", str(plan.id), "-o", str(sub), db=db_url)
    assert done.exit_code == 0, done.output
    rows = docx.Document(str(sub)).tables[1].rows
    assert rows[0].cells[-1].text == "Tình trạng xem xét"
    status = {row.cells[1].text.rsplit("(", 1)[1].rstrip(")"): row.cells[-1].text for row in rows[1:]}
    assert len(status) == len(placed)
    assert status[approved] == "đã duyệt" and status[rejected] == "không duyệt"
    assert {status[c] for c in placed[2:]} <= {"chưa xét"}


def test_ws_document_refuses_the_workspace_database_as_output(workspace, db_url, tmp_path: Path) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("only a SQLite workspace has a file of its own")
    plan = workspace.solve("minh", QUICK)[0]
    database = db_url.removeprefix("sqlite:///")
    link = tmp_path / "db.docx"
    link.symlink_to(database)
    done = planner("ws", "document", "submission", str(plan.id), "-o", str(link), db=db_url)
    assert done.exit_code == 2, done.output
