"""The workbook the web app offers for a plan carries each placement's recorded decisions: status, who,
when (dd/mm/yyyy, the day in Vietnam), reason and reference, with crafted texts kept as inert text."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import load_workbook

from planner.report import CADRE_ID, COMMENTS
from planner.wording import VIETNAM, date_text
from planner.workspace import DecisionInput, Workspace
from tests.web.conftest import log_in

STATUS, BY, ON, REASON, REF, ISSUED = (
    "Tình trạng quyết định / Decision status",
    "Người quyết định / Decided by",
    "Ngày quyết định / Decided on",
    "Lý do / Reason",
    "Số hiệu / Reference",
    "Ngày ban hành / Issued on",
)


def plan_sheet(client) -> list[dict[str, object]]:
    answer = client.get("/plans/1/report.xlsx")
    assert answer.status_code == 200, answer.text
    sheet = load_workbook(io.BytesIO(answer.content))["Phương án - Plan"]
    header, *rows = sheet.iter_rows(values_only=True)
    assert header[-7:] == (STATUS, BY, ON, REASON, REF, ISSUED, COMMENTS)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_web_workbook_carries_each_placement_s_decisions(client, sqlite_url):
    log_in(client, "tuan")  # a viewer downloads it
    before = plan_sheet(client)
    cadres = [row[CADRE_ID] for row in before]
    assert len(cadres) >= 3
    assert {row[STATUS] for row in before} == {"chưa xét / open"}
    assert all(row[BY] is None and row[ON] is None for row in before)

    workspace = Workspace.open(sqlite_url)
    try:
        workspace.decide(
            "hoa", 1, cadres[0], DecisionInput("approve", "Đủ tiêu chuẩn / meets every criterion")
        )
        workspace.decide("hoa", 1, cadres[0], DecisionInput("comment", "ghi chú sau / a later note"))
        workspace.decide("hoa", 1, cadres[1], DecisionInput("reject", '=HYPERLINK("http://x")'))
        workspace.decide("hoa", 1, cadres[2], DecisionInput("approve", "đồng ý / agreed"))
        workspace.decide("lan", 1, cadres[2], DecisionInput("decided", "ban hành", "123-QĐ/TU", "2026-12-05"))
    finally:
        workspace.dispose()
    today = datetime.now(VIETNAM).strftime("%d/%m/%Y")

    rows = {row[CADRE_ID]: row for row in plan_sheet(client)}
    assert [row[CADRE_ID] for row in before] == list(rows)  # the plan's own order
    approved, rejected, decided = rows[cadres[0]], rows[cadres[1]], rows[cadres[2]]
    assert (approved[STATUS], approved[BY], approved[REASON]) == (
        "đã duyệt / approved",
        "hoa",
        "Đủ tiêu chuẩn / meets every criterion",  # the comment after it sets nothing
    )
    assert approved[ON] == today
    assert rejected[STATUS] == "không duyệt / rejected"
    assert rejected[REASON] == '\'=HYPERLINK("http://x")'  # neutralised, a string cell
    assert (decided[STATUS], decided[BY], decided[REF], decided[ISSUED]) == (
        "đã có quyết định / decided",
        "lan",
        "123-QĐ/TU",
        "05/12/2026",
    )
    assert all(rows[c][STATUS] == "chưa xét / open" for c in cadres[3:])


def test_a_decision_s_day_is_the_day_in_vietnam():
    assert date_text("2026-12-06T23:30:00.000000Z") == "07/12/2026"
    assert date_text("2026-12-06T02:10:46.737571Z") == "06/12/2026"
    assert date_text("2024-01-01") == "01/01/2024"
    assert date_text("") == ""
