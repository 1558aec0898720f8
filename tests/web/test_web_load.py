"""The load test's script (`bench/web_load.py`) runs, tiny: 2 viewers x 2 requests on the contract's
example, against its own `planner serve` on 127.0.0.1. It prints its figures and every page answered
200; how fast is measured by running the script at full size (docs/benchmarks.md), not here.
"""

from __future__ import annotations

import io

import pytest

from bench.web_load import main
from tests.support.paths import EXAMPLE


@pytest.mark.slow
def test_the_load_script_prints_its_figures_and_every_page_answers_200():
    out = io.StringIO()
    measures = main(
        [
            "--viewers",
            "2",
            "--requests",
            "2",
            "--scenario",
            str(EXAMPLE),
            "--time-limit",
            "5",
            "--workers",
            "1",
            "--timeout",
            "120",
        ],
        out=out,
    )
    printed = out.getvalue()
    assert [m.label for m in measures] == ["baseline", "during re-solve"]
    for m in measures:
        assert m.all_ok, m.statuses
        assert len(m.times_ms) == 2 * 2
        assert m.page_kb > 0
    for words in (
        "p50 ms",
        "p95 ms",
        "max ms",
        "page KB",
        "solve running",
        "baseline",
        "during re-solve",
        "CPUs",
    ):
        assert words in printed, printed
    assert "re-solve job" in printed


def test_a_figure_too_big_for_the_page_is_left_off_and_said_so(client, monkeypatch):
    """The merged city's score matrix is 12.7 MB of JSON: above `MAX_FIGURE_CHARS` the plan page shows
    a note pointing to the HTML report instead of the figure."""
    from planner.web import plan_view
    from tests.web.conftest import log_in

    monkeypatch.setattr(plan_view, "MAX_FIGURE_CHARS", 100)
    log_in(client, "tuan")
    page = client.get("/plans/1").text
    assert 'data-figure="' not in page
    assert 'id="omitted-scores"' in page
    assert "/plans/1/report.html" in page
