"""The audit page shows what `ws audit verify` finds: signatures checked, a row edited in its table named."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from planner.workspace import DecisionInput, Workspace
from tests.web.conftest import log_in


def test_the_audit_page_names_a_decision_edited_in_its_table(client, sqlite_url):
    workspace = Workspace.open(sqlite_url)
    try:
        cadre = workspace.placements(1)[0].cadre
        workspace.decide("hoa", 1, cadre, DecisionInput("reject", "Chưa đủ thời gian"))
    finally:
        workspace.dispose()
    log_in(client, "tuan")
    page = client.get("/audit").text
    assert "the hash chain is intact, every row agrees with the log, the signatures match the key" in page
    engine = create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE decisions SET kind = 'approve', reason = 'Đồng ý'"))
        (decision,) = connection.execute(text("SELECT id FROM decisions")).one()
    engine.dispose()
    page = client.get("/audit").text
    assert (
        'role="alert"' in page
        and f"decisions {decision} kind" in page
        and f"decisions {decision} reason" in page
    )
