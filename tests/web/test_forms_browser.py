"""The plan page's forms in a real browser (issue 23, item 3): the what-if choosers show only what their
kind of what-if reads, a refused what-if and a refused decision come back with what was chosen and typed,
the re-plan date is a list of the period's start dates, plans are compared by choosing them, and the job
page's progress line follows the re-solve until the new plan opens.

Needs the Debian packages `chromium` and `chromium-driver` (`tests.support.browser`).
"""

from __future__ import annotations

import re
import time

import pytest

from tests.support.browser import headless_chromium
from tests.web.conftest import PASSWORD
from tests.web.test_browser_walk import Walk

#: The job page's progress line: never "best — · bound —" for want of figures, nor `nan`.
PROGRESS = re.compile(
    r"(đang khởi động / starting|đang giải / running|đã xong / done)( · [^·]+ / [^·]+)?"
    r"( · tốt nhất / best [\d.,]+ · cận / bound [\d.,]+)? · [\d.]+ s"
)


@pytest.fixture
def browser(tmp_path):
    yield from headless_chromium(tmp_path / "chromium-profile")


def choose(walk: Walk, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(walk.find(select_id)).select_by_value(value)


def chosen(walk: Walk, select_id: str) -> str:
    from selenium.webdriver.support.ui import Select

    return Select(walk.find(select_id)).first_selected_option.get_attribute("value")


def shown(walk: Walk, select_id: str) -> bool:
    """Whether the select's label (the chooser) is displayed."""
    return walk.find(select_id).find_element("xpath", "..").is_displayed()


@pytest.mark.slow
def test_the_forms_in_a_real_browser(live_server, browser):
    walk = Walk(browser, live_server.base)
    walk.open("/login", "login")
    walk.find("name").send_keys("hoa")
    walk.find("password").send_keys(PASSWORD)
    walk.click_and_load(walk.find("login"), "log in")

    walk.open("/plans/1", "plan 1", figures=True)
    # the re-plan date: the period's quarter starts, the last one chosen (the example's period is over)
    assert walk.find("as-of").tag_name == "select"
    assert chosen(walk, "as-of") == "2025-10-01"
    assert walk.find("as-of").find_elements("css selector", "option")[0].text == "01/01/2023"

    # the what-if choosers: none shown for a plain re-solve, then those of the kind chosen
    assert not any(shown(walk, f"whatif-{name}") for name in ("cadre", "post", "unit", "rule", "start"))
    choose(walk, "whatif-change", "forbid_unit")
    assert shown(walk, "whatif-cadre") and shown(walk, "whatif-unit") and not shown(walk, "whatif-post")
    choose(walk, "whatif-change", "forbid")
    assert shown(walk, "whatif-post") and not shown(walk, "whatif-unit")
    cadre = browser.find_elements("css selector", "tr[id^='p-']")[-1].get_attribute("id").removeprefix("p-")
    post = re.search(rf'name="forbids" value="{cadre}=([^"]+)"', browser.page_source)[1]
    choose(walk, "whatif-cadre", cadre)
    walk.click_and_load(walk.find("resolve"), "what-if without its post")  # the post left unchosen
    assert "Vị trí / Post" in walk.find("whatif-error").text
    assert chosen(walk, "whatif-change") == "forbid" and chosen(walk, "whatif-cadre") == cadre
    assert shown(walk, "whatif-post") and not shown(walk, "whatif-unit")

    # a refused decision: its form open again, the number typed kept
    details = walk.find(f"decide-{cadre}")
    details.find_element("tag name", "summary").click()
    walk.find(f"ref-{cadre}").send_keys("15-QĐ/TU")
    walk.click_and_load(walk.find(f"comment-{cadre}"), "decision without a reason")
    assert walk.find(f"decide-{cadre}").get_attribute("open") is not None
    assert "Lý do / Reason" in walk.find(f"decide-error-{cadre}").text
    assert walk.find(f"ref-{cadre}").get_attribute("value") == "15-QĐ/TU"

    # the what-if chosen in full: a job whose progress line follows the re-solve
    choose(walk, "whatif-change", "forbid")
    choose(walk, "whatif-cadre", cadre)
    choose(walk, "whatif-post", post)
    walk.click_and_load(walk.find("resolve"), "re-solve job")
    assert re.search(r"/jobs/\d+$", browser.current_url), browser.current_url
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while "?since=1" not in browser.current_url and time.monotonic() < deadline:
        try:
            line = browser.find_element("id", "progress").text
        except Exception:  # the new plan is opening
            break
        if not lines or lines[-1] != line:
            lines.append(line)
        time.sleep(0.05)
    walk.wait(lambda d: "?since=1" in d.current_url)
    walk.check_page("new plan", figures=True)
    # each line: the state, the stage once one has started, the figures once there are any, the seconds
    assert lines and all(PROGRESS.fullmatch(line) for line in lines), lines
    new_plan = int(re.search(r"/plans/(\d+)\?since=1", browser.current_url)[1])

    # compare by choosing: the newest plan against its parent, named by what they are
    walk.open("/versions", "versions")
    assert chosen(walk, "diff-a") == "plan:1" and chosen(walk, "diff-b") == f"plan:{new_plan}"
    walk.click_and_load(walk.find("diff-button"), "diff")
    heading = walk.find("compared").text
    assert "plan:" not in heading and f"Phương án {new_plan} · " in heading and "Phương án 1 · " in heading

    # the browser logs the refused forms' 422 as failed loads; nothing else may be logged
    refused = {"what-if without its post", "decision without a reason"}
    unexpected = [(step, m) for step, m in walk.severe if not (step in refused and "status of 422" in m)]
    assert unexpected == []
    assert {step for step, _ in walk.severe} == refused
