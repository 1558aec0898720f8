"""The HTML report and the comparison on paper: printed to A4 in headless Chromium, every figure fits
the printable width (the timeline's right side and the flows' destination units were cut before), no
plotly toolbar prints, each section starts a page and page 1 holds the verdict and the key figures.

Needs `chromium` and `chromium-driver` (skipped locally without them, failed in CI:
`tests.support.browser`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models.loading import load_scenario
from planner.analysis.alternatives import solve_alternatives
from planner.report import write_comparison, write_report
from planner.solving import SolveOptions
from tests.support.browser import headless_chromium
from tests.support.paths import ROOT
from tests.support.printing import (
    PRINTABLE_HEIGHT,
    PRINTABLE_WIDTH,
    bottom_of,
    lay_out_as_printed,
    lay_out_on_screen,
    page_count,
    print_to_pdf,
    widths,
)

WAIT = 30
DRAWN = "return [...document.querySelectorAll('.plotly-graph-div')].map(d => !!d.querySelector('.main-svg'))"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The report of a reference plan and the comparison of two alternatives."""
    folder = tmp_path_factory.mktemp("print")
    scenario = load_scenario(ROOT / "scenarios" / "can-tho-2022-2025.yaml")
    plans = solve_alternatives(scenario, 2, 2, SolveOptions(time_limit=10, workers=2, seed=0))
    write_report(scenario, plans[0], "PA1", folder / "report.html", redact=False)
    write_comparison(scenario, {"PA1": plans[0], "PA2": plans[1]}, folder / "compare.html", redact=True)
    return {"report": folder / "report.html", "compare": folder / "compare.html"}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    yield from headless_chromium(tmp_path_factory.mktemp("chromium-profile"))


def fits_the_page(driver) -> dict:
    """The page laid out as printed, once every figure is redrawn within the printable width."""
    from selenium.webdriver.support.ui import WebDriverWait

    lay_out_as_printed(driver)
    WebDriverWait(driver, WAIT).until(
        lambda d: all(0 < w <= PRINTABLE_WIDTH for w in widths(d)["figures"] + widths(d)["svgs"])
    )
    return widths(driver)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("page", "figures", "first_page", "pages_between"),
    [
        # the report: three figures and the bench's readiness by date (edition 3); the comparison of two
        # alternatives of equal objective (390 both) draws five (counted after edition 3)
        ("report", 4, "#tom-tat", (5, 40)),
        ("compare", 1 + 2 * 2, "#chi-so table", (8, 60)),
    ],
)
def test_the_page_prints_on_a4_with_every_figure_within_the_page(
    browser, pages, page, figures, first_page, pages_between
):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(pages[page].as_uri())
    WebDriverWait(browser, WAIT).until(lambda b: all(b.execute_script(DRAWN) or [False]))
    on_screen = widths(browser)
    assert len(on_screen["figures"]) == figures
    assert max(on_screen["figures"]) > PRINTABLE_WIDTH  # on screen they are wider than paper
    assert on_screen["toolbars"] == figures  # the toolbar is there on screen ...

    printed = fits_the_page(browser)
    assert printed["toolbars"] == 0  # ... and not on paper
    assert printed["document"] <= PRINTABLE_WIDTH  # nothing else sticks out either
    assert 0 < bottom_of(browser, first_page) <= PRINTABLE_HEIGHT  # verdict and key figures on page 1
    breaks = browser.execute_script(
        "return [...document.querySelectorAll('section')].map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks[0] != "page" and breaks.count("page") >= len(breaks) - 3

    pdf = print_to_pdf(browser)
    assert pages_between[0] <= page_count(pdf) <= pages_between[1]

    lay_out_on_screen(browser)  # and back on screen, the figures are as wide as the window again
    WebDriverWait(browser, WAIT).until(lambda b: max(widths(b)["figures"]) > PRINTABLE_WIDTH)


def test_a_pdf_s_pages_are_counted_without_the_page_tree():
    pdf = b"%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R]>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page /Parent 1 0 R>>"
    assert page_count(pdf) == 2
