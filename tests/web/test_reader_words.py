"""The pages speak the reader's words (issue 23, item 1): labelled key figures, statuses, kinds and
states in Vietnamese with English beside them, dates as dd/mm/yyyy in Vietnam time, plans named by what
they are, audit entries as sentences; no solver codes, file names, ISO timestamps or raw JSON."""

from __future__ import annotations

import re

from planner.wording import KPI_WORDS, both
from tests.web.conftest import log_in

#: An ISO timestamp as the workspace stores it (`2026-12-06T02:10:46.737571Z`).
ISO_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def _text(page: str) -> str:
    """What a reader sees: the page without its tags and the figures' data."""
    page = re.sub(r'data-figure="[^"]*"', "", page)
    return re.sub(r"<[^>]+>", " ", page)


def test_the_key_figures_are_labelled(client) -> None:
    log_in(client, "tuan")
    page = client.get("/plans/1").text
    section = page[page.index('id="kpis"') :]
    section = section[: section.index("</section>")]
    for words in KPI_WORDS.values():
        assert f'<th scope="row">{both(words)}</th>' in section
    assert "plan.json" not in section
