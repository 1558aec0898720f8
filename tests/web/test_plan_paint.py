"""The first-paint script (`bench/plan_paint.py`) runs, tiny: the contract's example, one repeat, in
headless Chromium against its own `planner serve` on 127.0.0.1. Every page it opens painted, drew its
figures and showed its placements; how fast is measured by running it on the merged city
(docs/benchmarks.md), not here.

Needs `chromium` and `chromium-driver` (skipped locally without them, failed in CI).
"""

from __future__ import annotations

import io

import pytest

from bench.plan_paint import main
from tests.support.browser import chromium_paths
from tests.support.paths import EXAMPLE


@pytest.mark.slow
def test_the_first_paint_script_prints_its_figures_for_every_page():
    chromium_paths()
    out = io.StringIO()
    paints = main(
        ["--scenario", str(EXAMPLE), "--repeats", "1", "--time-limit", "5", "--workers", "1"], out=out
    )
    printed = out.getvalue()
    labels = [p.label for p in paints]
    assert labels == [
        "plan 1 first visit",
        "plan 2 first visit",
        "plan 3 new (cold)",
        "opened by a re-solve's job",
        "plan 1 again 1",
        "plan 2 again 1",
        "page 2",
        "one unit",
        "status open",
    ]
    for paint in paints:
        assert paint.paint is not None and paint.paint > 0, paint
        assert 0 < paint.answer <= paint.load, paint
        assert paint.height > 0 and paint.kb > 0, paint
    assert all(p.rows > 0 for p in paints if p.label != "status open")
    assert all(p.drawn is not None and p.drawn > 0 for p in paints if p.rows), paints
    assert "/plans/4?since=1" in printed  # the page the job opened
    for words in ("first paint ms", "answer ms", "figures drawn ms", "height px", "slowest first paint"):
        assert words in printed, printed
