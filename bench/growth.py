"""Growth: the planner's solve time and peak memory against the number of eligible pairs, city to national.

    .venv/bin/python -m bench.growth [--time-limit 60] [--out docs/growth.html]

Generated scenarios (`planner.data.generate`, seed 1, 16 quarters) at `SIZES` (cadres x slots), each solved
once in a fresh process with the defaults. Printed: one row per size (eligible pairs, wall seconds,
peak MB, status, gap), then the fitted exponents of `seconds ~ a x pairs^k` and `MB ~ b x pairs^m`
(least squares on the logarithms, over the sizes whose solve ended before its limit: a solve stopped by
the limit measures the limit, not the size), so that a size not measured can be predicted. Written: a plotly
figure of both curves on log-log axes, with the fits, to `--out` (HTML, plotly.js from its CDN: a
document to open, not a page of the app).
"""

from __future__ import annotations

import argparse
import math
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from bench.run import run_planner
from planner.data.atomic import write_atomically
from planner.data.generate import generate, write_scenario

#: (cadres, slots), city to national; the generator's presets are the first, the fourth and the last.
SIZES = [(150, 40), (500, 150), (1000, 300), (2000, 600), (4000, 1200), (6500, 2000), (10000, 3000)]


def fitted(pairs: list[float], values: list[float]) -> tuple[float, float]:
    """(k, a) of `value = a x pairs^k`, least squares on the logarithms."""
    k, log_a = np.polyfit(np.log(pairs), np.log(values), 1)
    return float(k), float(math.exp(log_a))


def measure(time_limit: float, sizes: list[tuple[int, int]]) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="planner-growth-") as folder:
        for cadres, slots in sizes:
            path = write_scenario(generate(cadres, slots, seed=1), Path(folder))
            with ProcessPoolExecutor(max_workers=1) as pool:
                found = pool.submit(run_planner, str(path), time_limit).result()
            rows.append({"cadres": cadres, "slots": slots, **found})
            print(
                f"{cadres:>6} x {slots:<5} pairs {found['pairs']:>11,}  {found['seconds']:8.2f} s  "
                f"{found['peak_mb']:7.0f} MB  {found['status']}",
                flush=True,
            )
    return rows


def finished(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sizes whose solve ended before its limit: the ones a fit of the time may use."""
    return [r for r in rows if not r.get("limit_reached")]


def figure(rows: list[dict[str, Any]]) -> go.Figure:
    pairs = [r["pairs"] for r in rows]
    shown = make_subplots(rows=1, cols=2, subplot_titles=("Thời gian / solve time (s)", "Bộ nhớ / peak MB"))
    for column, key in ((1, "seconds"), (2, "peak_mb")):
        values = [r[key] for r in rows]
        basis = finished(rows) if key == "seconds" else rows
        k, a = fitted([r["pairs"] for r in basis], [r[key] for r in basis])
        line = np.geomspace(min(pairs), max(pairs), 50)
        shown.add_trace(
            go.Scatter(
                x=pairs, y=values, mode="markers", name=f"{key} measured", text=[r["status"] for r in rows]
            ),
            row=1,
            col=column,
        )
        shown.add_trace(
            go.Scatter(x=line, y=a * line**k, mode="lines", name=f"{key} ~ pairs^{k:.2f}"), row=1, col=column
        )
        shown.update_xaxes(type="log", title_text="cặp đủ điều kiện / eligible pairs", row=1, col=column)
        shown.update_yaxes(type="log", row=1, col=column)
    shown.update_layout(title="Tăng trưởng / Growth: city to national (generated, seed 1)")
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=Path("docs/growth.html"))
    args = parser.parse_args()
    rows = measure(args.time_limit, SIZES)
    for key, unit in (("seconds", "s"), ("peak_mb", "MB")):
        basis = finished(rows) if key == "seconds" else rows
        k, a = fitted([r["pairs"] for r in basis], [r[key] for r in basis])
        print(f"fit: {key} = {a:.3g} x pairs^{k:.2f} ({unit}), over {len(basis)} sizes")
    write_atomically(args.out, figure(rows).to_html(include_plotlyjs="cdn", full_html=True))
    print(f"figure: {args.out}")


if __name__ == "__main__":
    main()
