"""The plan page's document buttons: the submission and the draft decisions download as DOCX for a signed-in
reader, with names; the decisions only for approved placements (none approved: the error page, no file)."""

from __future__ import annotations

import io

import docx

from planner.workspace import DecisionInput, Workspace
from tests.web.conftest import log_in

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_the_plan_page_downloads_the_documents(client, sqlite_url) -> None:
    assert client.get("/plans/1/documents/submission.docx", follow_redirects=False).status_code in (303, 401)
    log_in(client, "tuan")  # a viewer may read and download
    page = client.get("/plans/1").text
    assert 'id="export-submission"' in page and 'href="/plans/1/documents/decisions.docx"' in page

    answer = client.get("/plans/1/documents/submission.docx")
    assert answer.status_code == 200 and answer.headers["content-type"] == DOCX
    assert 'filename="to-trinh-plan-1.docx"' in answer.headers["content-disposition"]
    submission = docx.Document(io.BytesIO(answer.content))
    assert "TỜ TRÌNH" in [p.text for p in submission.paragraphs]
    rows = submission.tables[1].rows[1:]
    assert rows and {row.cells[-1].text for row in rows} == {"chưa xét"}

    refused = client.get("/plans/1/documents/decisions.docx")
    assert refused.status_code >= 400 and refused.headers["content-type"].startswith("text/html")
    assert "none is approved" in refused.text

    workspace = Workspace.open(sqlite_url)
    try:
        cadre = workspace.placements(1)[0].cadre
        workspace.decide("minh", 1, cadre, DecisionInput("propose", "đề xuất"))
        workspace.decide("hoa", 1, cadre, DecisionInput("approve", "đồng ý"))
        name = next(c.name for c in workspace.plan(1).scenario.cadres if c.id == cadre)
    finally:
        workspace.dispose()
    answer = client.get("/plans/1/documents/decisions.docx")
    assert answer.status_code == 200, answer.text
    articles = [
        p.text for p in docx.Document(io.BytesIO(answer.content)).paragraphs if p.text.startswith("Điều 1.")
    ]
    assert articles == [a for a in articles if f"{name} (mã cán bộ {cadre})" in a] and len(articles) == 1
    assert client.get("/plans/1/documents/other.docx").status_code == 404
