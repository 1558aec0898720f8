"""The HTML reports in a real browser: headless Chromium opens each page from disk (file://, offline),
runs plotly.js without a JavaScript error, draws every figure, and shows more than a blank screen.

Needs the Debian packages `chromium` and `chromium-driver` (.ci/run installs them); where they are
missing, skipped saying how to install them, or failed in CI (`tests.support.browser`).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from models.loading import load_scenario
from models.plan import VariantRecord
from models.scenario import Scenario
from planner.analysis.alternatives import solve_alternatives
from planner.analysis.variants import scenario_variants
from planner.data.generate import generate
from planner.report import report_content, write_comparison, write_report
from planner.solving import SolveOptions
from tests.support.browser import headless_chromium
from tests.support.paths import ROOT

#: Every figure of a page is drawn within this many seconds, or the test fails.
RENDER_SECONDS = 30


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The report of the best reference plan, and the comparison of three alternatives and a variant."""
    folder = tmp_path_factory.mktemp("pages")
    scenario = load_scenario(ROOT / "scenarios" / "can-tho-2022-2025.yaml")
    options = SolveOptions(time_limit=20, workers=2, seed=0)
    plans = {f"PA{i}": p for i, p in enumerate(solve_alternatives(scenario, 3, 2, options), start=1)}
    name, _, variant = next(v for v in scenario_variants(scenario) if v[0] == "quota-7")
    overrides = next(v.set for v in scenario.variants if v.name == name)
    plans[name] = solve_alternatives(variant, 1, 1, options)[0]
    write_report(scenario, plans["PA1"], "PA1", folder / "report.html", redact=False)
    plans[name] = plans[name].model_copy(update={"variant": VariantRecord(name=name, overrides=overrides)})
    write_comparison(scenario, plans, folder / "compare.html", redact=True)
    return {"report": folder / "report.html", "compare": folder / "compare.html"}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    yield from headless_chromium(tmp_path_factory.mktemp("chromium-profile"))


def _not_blank(png: bytes) -> bool:
    """More than one flat colour: the spread of grey levels is well above a blank image's zero."""
    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).stddev[0] > 5


@pytest.mark.slow
@pytest.mark.parametrize(("page", "figures"), [("report", 4), ("compare", 2 + 2 * 4)])
def test_page_renders_every_figure_without_javascript_errors(browser, pages, page, figures):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(pages[page].as_uri())
    drawn = (
        "return [...document.querySelectorAll('.plotly-graph-div')].map(d => !!d.querySelector('.main-svg'))"
    )
    WebDriverWait(browser, RENDER_SECONDS).until(lambda b: all(b.execute_script(drawn) or [False]))
    assert browser.execute_script(drawn) == [True] * figures
    severe = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []
    assert browser.execute_script("return document.documentElement.lang") == "vi"
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [url for url in fetched if not url.startswith("file:")] == []  # works offline
    assert "Phương án" in browser.find_element(By.TAG_NAME, "body").text
    assert _not_blank(browser.get_screenshot_as_png())
    for figure in browser.find_elements(By.CSS_SELECTOR, ".plotly-graph-div"):
        assert _not_blank(figure.screenshot_as_png), figure.get_attribute("id")


def test_a_blank_screenshot_is_recognised_as_blank():
    blank = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(blank, format="PNG")
    assert not _not_blank(blank.getvalue())


@pytest.mark.slow
def test_every_row_and_column_of_a_small_score_matrix_is_labelled(browser, tmp_path):
    """A small scenario (16 cadres, 8 posts: 14 rows drawn): plotly's own ticks labelled every other row
    (7 of 14), leaving the reader to guess which cadre a row is."""
    from selenium.webdriver.support.ui import WebDriverWait

    scenario = Scenario.model_validate(generate(16, 8, 1))
    (plan,) = solve_alternatives(scenario, 1, 1, SolveOptions(time_limit=5, workers=1, seed=0))
    write_report(scenario, plan, "PA1", tmp_path / "report.html", redact=False)
    browser.get((tmp_path / "report.html").as_uri())
    ticks = (
        "const g = document.getElementById('fig-scores');"
        "return g && g.querySelector('.main-svg') ? [g.querySelectorAll('.xtick text').length,"
        " g.querySelectorAll('.ytick text').length] : null"
    )
    columns, rows = WebDriverWait(browser, RENDER_SECONDS).until(lambda b: b.execute_script(ticks))
    heatmap = report_content(scenario, plan, "PA1", False).score_matrix.data[0]
    assert len(heatmap.y) == 14
    assert (columns, rows) == (len(heatmap.x), len(heatmap.y))
