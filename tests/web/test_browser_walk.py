"""The review web app in a real browser: headless Chromium walks an approver's session against
`planner serve` (a process of its own on 127.0.0.1): log in, approve one placement and reject another
with reasons, forbid a cadre's post and follow the re-solve until the new plan opens with its
differences, open the side-by-side diff, log out.

At every page: no SEVERE console entry (a script error, a Content-Security-Policy violation, a failed
request), a screenshot that is not blank, and on a plan page every figure drawn by plotly.js.

Needs the Debian packages `chromium` and `chromium-driver`; skipped locally without them, failed in CI
(`tests.support.browser`).
"""

from __future__ import annotations

import re

import pytest

from tests.report.test_browser import _not_blank
from tests.support.browser import headless_chromium
from tests.web.conftest import PASSWORD

#: Seconds any one step may take (a page, the figures, the re-solve of the example).
WAIT = 30

DRAWN = (
    "return [...document.querySelectorAll('div.figure')]"
    ".map(d => !!(d.querySelector('svg') || d.querySelector('.plot-container')))"
)


@pytest.fixture
def browser(tmp_path):
    yield from headless_chromium(tmp_path / "chromium-profile")


class Walk:
    """The browser, the server's address and every SEVERE console entry seen, page by page."""

    def __init__(self, driver, base: str) -> None:
        self.driver, self.base = driver, base
        self.severe: list[tuple[str, str]] = []

    def wait(self, condition, seconds: float = WAIT):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, seconds).until(condition)

    def find(self, element_id: str):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as seen

        return self.wait(seen.presence_of_element_located((By.ID, element_id)))

    def loaded(self) -> None:
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete")

    def check_page(self, step: str, figures: bool = False) -> None:
        """The page's console entries so far, its screenshot and, on a plan page, its figures."""
        self.loaded()
        if figures:
            assert self.driver.execute_script(DRAWN), f"{step}: no figure on the page"
            self.wait(lambda d: all(d.execute_script(DRAWN)))
        for entry in self.driver.get_log("browser"):
            if entry["level"] == "SEVERE":
                self.severe.append((step, entry["message"]))
        assert _not_blank(self.driver.get_screenshot_as_png()), f"{step}: blank screenshot"

    def open(self, path: str, step: str, figures: bool = False) -> None:
        self.driver.get(self.base + path)
        self.check_page(step, figures)

    def click_and_load(self, element, step: str, figures: bool = False) -> None:
        """Click a submit button and wait for the page it leads to (the old page goes stale)."""
        from selenium.webdriver.support import expected_conditions as seen

        html = self.driver.find_element("tag name", "html")
        element.click()
        self.wait(seen.staleness_of(html))
        self.check_page(step, figures)

    def decide(self, cadre: str, decision: str, reason: str) -> None:
        details = self.find(f"decide-{cadre}")
        if details.get_attribute("open") is None:
            details.find_element("tag name", "summary").click()
        self.find(f"reason-{cadre}").send_keys(reason)
        self.click_and_load(self.find(f"{decision}-{cadre}"), f"{decision} {cadre}", figures=True)


@pytest.mark.slow
def test_an_approver_walks_through_a_review_in_a_real_browser(live_server, browser):
    walk = Walk(browser, live_server.base)

    walk.open("/plans", "plans without a session")
    assert "/login" in browser.current_url
    walk.find("name").send_keys("hoa")
    walk.find("password").send_keys(PASSWORD)
    walk.click_and_load(walk.find("login"), "log in")
    assert walk.find("who").text == "hoa"

    walk.open("/plans/1", "plan 1", figures=True)
    rows = [row.get_attribute("id") for row in browser.find_elements("css selector", "tr[id^='p-']")]
    cadres = [row.removeprefix("p-") for row in rows]
    assert len(cadres) >= 2, cadres
    approved, rejected = cadres[0], cadres[1]

    walk.decide(approved, "approve", "Đủ tiêu chuẩn, đồng ý / meets every criterion")
    assert "approved" in walk.find(f"status-{approved}").text
    walk.decide(rejected, "reject", "Cần thêm thời gian ở đơn vị / needs more time in the unit")
    assert "approved" in walk.find(f"status-{approved}").text
    assert "rejected" in walk.find(f"status-{rejected}").text
    assert "status-rejected" in walk.find(f"p-{rejected}").get_attribute("class")

    forbidden = cadres[-1]
    details = walk.find(f"decide-{forbidden}")
    details.find_element("tag name", "summary").click()
    walk.click_and_load(walk.find(f"forbid-{forbidden}"), "re-solve job")
    assert re.search(r"/jobs/\d+$", browser.current_url), browser.current_url
    assert walk.find("progress").text
    walk.wait(lambda d: "?since=1" in d.current_url)
    walk.check_page("new plan", figures=True)
    new_plan = int(re.search(r"/plans/(\d+)\?since=1", browser.current_url).group(1))
    assert new_plan > 1
    assert walk.find("differences").is_displayed()
    changed = browser.find_elements("css selector", "tr.changed")
    assert changed, "no row of the new plan is highlighted as changed"
    assert f"p-{forbidden}" in {row.get_attribute("id") for row in changed}

    walk.open(f"/diff?a=plan:1&b=plan:{new_plan}", "side-by-side diff")
    table = walk.find("side-by-side")
    assert table.find_elements("css selector", "tr.changed")

    walk.click_and_load(walk.find("logout"), "log out")
    assert "/login" in browser.current_url
    walk.open("/plans", "plans after logging out")
    assert "/login" in browser.current_url
    walk.find("login")

    assert walk.severe == []
