"""The why pages of the 2022-2025 reference in headless Chromium: the post with the longest shortlist and
the cadre with the most eligible posts (of those placed below a better-scoring post) fit in a few screens (the shortlist was a page over 12,000 px
tall, 102 cadres a row each), and the cadre page's "why not the better post" is asked with its button,
followed by the page's script while it runs, and shown when done, with no console error.

Needs `chromium` and `chromium-driver` (`tests.support.browser`); the screenshots are kept beside the
test's other files for a reader to look at.
"""

from __future__ import annotations

import pytest

from planner import explain_cadre, explain_slot
from planner.analysis import posts_to_force
from planner.workspace import Workspace
from tests.support.browser import headless_chromium
from tests.support.paths import REFERENCE
from tests.web.conftest import PASSWORD, make_served, serve
from tests.web.test_browser_walk import Walk

#: The tallest a why page of the reference may be, in CSS pixels at 1366 px wide: a few screens.
MAX_HEIGHT = 5000
#: Seconds the why-not of a reference cadre may take (a spawned process, at most five 5 s solves).
WHY_NOT_WAIT = 240
HEIGHT = "return document.documentElement.scrollHeight"


@pytest.fixture
def reference(tmp_path):
    """The reference imported and solved (plan 1), served; the cadre and post with the longest lists."""
    url = make_served(f"sqlite:///{tmp_path / 'reference.db'}", REFERENCE)
    workspace = Workspace.open(url)
    stored = workspace.plan(1)
    workspace.dispose()
    scenario, placed = stored.scenario, {a.cadre for a in stored.plan.assignments}

    def eligible(verdicts) -> int:
        return sum(v.eligible for v in verdicts)

    slot = max(scenario.slots, key=lambda s: eligible(explain_slot(scenario, s.id).verdicts)).id
    # of the cadres placed below a better-scoring post, the one with the most eligible posts
    asked = [c for c in sorted(placed) if posts_to_force(scenario, c, stored.plan)]
    cadre = max(asked, key=lambda c: eligible(explain_cadre(scenario, c).verdicts))
    with serve(url, tmp_path / "server.log") as server:
        yield server, slot, cadre


@pytest.fixture
def browser(tmp_path):
    yield from headless_chromium(tmp_path / "chromium-profile")


@pytest.mark.slow
def test_the_reference_why_pages_fit_and_the_why_not_runs_in_the_browser(reference, browser, tmp_path):
    server, slot, cadre = reference
    walk = Walk(browser, server.base)
    walk.open("/login", "login")
    walk.find("name").send_keys("hoa")
    walk.find("password").send_keys(PASSWORD)
    walk.click_and_load(walk.find("login"), "log in")

    heights = {}
    for name, path in (("post", f"/plans/1/slots/{slot}"), ("cadre", f"/plans/1/cadres/{cadre}")):
        walk.open(path, name)
        heights[name] = browser.execute_script(HEIGHT)
        browser.save_screenshot(str(tmp_path / f"{name}.png"))
    print(f"why pages of the reference, height in CSS px: {heights}")
    assert max(heights.values()) < MAX_HEIGHT, heights

    walk.click_and_load(walk.find("why-not-start"), "why-not asked")
    assert walk.find("why-not-progress").text  # followed by the script until done
    walk.wait(lambda d: d.find_elements("id", "why-not-table"), WHY_NOT_WAIT)
    walk.check_page("why-not answered")
    browser.save_screenshot(str(tmp_path / "why-not.png"))
    assert not browser.find_elements("id", "why-not-failed")
    assert walk.severe == []
