"""The web app's plan page on paper: printed to A4 in headless Chromium against `planner serve`, its
figures redrawn within the printable width, without the page's forms, buttons and the plotly toolbar,
the headline and the key figures on page 1 and the placements and each figure from a page of their own.

Needs `chromium` and `chromium-driver` (skipped locally without them, failed in CI).
"""

from __future__ import annotations

import pytest

from tests.support.browser import headless_chromium
from tests.support.printing import (
    PRINTABLE_HEIGHT,
    PRINTABLE_WIDTH,
    bottom_of,
    lay_out_as_printed,
    page_count,
    print_to_pdf,
    widths,
)
from tests.web.conftest import PASSWORD
from tests.web.test_browser_walk import Walk

SHOWN = (
    "return [...document.querySelectorAll(arguments[0])].filter(e => e.getClientRects().length > 0).length"
)


@pytest.fixture
def browser(tmp_path):
    yield from headless_chromium(tmp_path / "chromium-profile")


@pytest.mark.slow
def test_the_plan_page_prints_on_a4(live_server, browser):
    walk = Walk(browser, live_server.base)
    walk.open("/login", "log in page")
    walk.find("name").send_keys("hoa")
    walk.find("password").send_keys(PASSWORD)
    walk.click_and_load(walk.find("login"), "log in")
    walk.open("/plans/1", "plan 1", figures=True)
    figures = len(widths(browser)["figures"])
    assert figures >= 2
    assert browser.execute_script(SHOWN, "form.decide button, #whatif-form, header") > 0

    lay_out_as_printed(browser)
    walk.wait(lambda d: all(0 < w <= PRINTABLE_WIDTH for w in widths(d)["figures"] + widths(d)["svgs"]))
    printed = widths(browser)
    assert len(printed["figures"]) == figures
    assert printed["toolbars"] == 0
    assert printed["document"] <= PRINTABLE_WIDTH
    assert browser.execute_script(SHOWN, "form, button, details, header, #whatif, #replan, .exports") == 0
    assert 0 < bottom_of(browser, "#headline") < bottom_of(browser, "#kpis") <= PRINTABLE_HEIGHT
    breaks = browser.execute_script(
        "return ['kpis', 'placements', ...[...document.querySelectorAll('section[id^=figure-]')].map(s => s.id)]"
        ".map(id => getComputedStyle(document.getElementById(id)).breakBefore)"
    )
    assert breaks == ["auto"] + ["page"] * (1 + figures)

    assert 1 + 1 + figures <= page_count(print_to_pdf(browser)) <= 20
    assert walk.severe == []
