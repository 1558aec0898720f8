"""bench.growth's arithmetic: the fitted exponent of a power law, and a figure of measured rows."""

from __future__ import annotations

import pytest

from bench.growth import figure, finished, fitted


def test_the_fit_recovers_a_power_law():
    k, a = fitted([10, 100, 1000], [0.2 * 10**1.5, 0.2 * 100**1.5, 0.2 * 1000**1.5])
    assert k == pytest.approx(1.5) and a == pytest.approx(0.2)


def test_a_solve_stopped_by_its_limit_is_left_out_of_the_time_fit():
    rows = [
        {"pairs": 10, "seconds": 1.0, "peak_mb": 100, "status": "OPTIMAL", "limit_reached": False},
        {"pairs": 100, "seconds": 10.0, "peak_mb": 300, "status": "OPTIMAL", "limit_reached": False},
        {"pairs": 1000, "seconds": 60.0, "peak_mb": 900, "status": "FEASIBLE", "limit_reached": True},
    ]
    assert [r["pairs"] for r in finished(rows)] == [10, 100]
    drawn = figure(rows)
    assert len(drawn.data) == 4 and "pairs^1.00" in drawn.data[1].name
