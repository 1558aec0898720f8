"""Every page of the review app, as a reader sees it in headless Chromium (issue 23, "Done when"): the
login page (empty, then with a wrong password), the plans, a plan with its figures, a cadre's and a
post's why pages, a decision, a re-solve's job page and the plan it makes, the versions, the side by
side differences, the audit log (whole and filtered), and the error pages (not found, not allowed,
input to correct).

At each page: a screenshot and the page's text (kept in `PLANNER_WALK_SHOTS` when set, to be looked at;
in the test's own folder otherwise), the screenshot not blank, and the text a reader sees checked: Vietnamese first, with its
tone marks, and English beside it in the heading; no code or raw data (`plan:3`, `version:1`,
`OPTIMAL`, `{"`, an ISO timestamp, `None`, `null`, `undefined`); every control with a label, every
table column with a heading; no SEVERE console entry.

Needs the Debian packages `chromium` and `chromium-driver` (`tests.support.browser`).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from tests.report.test_browser import _not_blank
from tests.support.browser import headless_chromium
from tests.web.conftest import PASSWORD, infeasible_what_if, serve
from tests.web.test_browser_walk import DRAWN, WAIT

#: Seconds plotly takes to redraw its figures after the window changed size (it waits for the resizing to
#: settle).
FIGURES_REDRAWN = 1.0

#: What a reader must never have to decode, with why.
CODES = {
    "a plan's id": re.compile(r"\bplan:\d"),
    "a version's id": re.compile(r"\bversion:\d"),
    "a solver status": re.compile(r"\b(OPTIMAL|FEASIBLE|INFEASIBLE|MODEL_INVALID)\b"),
    "raw JSON": re.compile(r"\{\s*\""),
    "an ISO timestamp": re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d"),
    "an ISO date": re.compile(r"(?<![\w-])\d{4}-\d\d-\d\d(?![\w-])"),
    "a program's empty value": re.compile(r"\b(None|null|undefined|NaN)\b"),
    "a field's code": re.compile(r"\b(plan_id|version_id|cadre_id|decided_on|change_cost):"),
}
#: A Vietnamese letter with a diacritic: the page speaks Vietnamese, and its marks reached the page.
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")

#: The page's controls a reader cannot name: inputs, selects and text boxes with no label around them,
#: no `label for=` and no `aria-label`; buttons with no words.
UNLABELLED = """
const named = el => el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`))
  || el.getAttribute('aria-label');
const controls = [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && !named(el)).map(el => el.outerHTML.slice(0, 120));
const buttons = [...document.querySelectorAll('button')]
  .filter(b => !b.textContent.trim() && !b.getAttribute('aria-label')).map(b => b.outerHTML.slice(0, 120));
const headless = [...document.querySelectorAll('thead th')].filter(th => !th.textContent.trim()
  && [...th.closest('table').querySelectorAll('tbody tr')].some(tr => tr.children[th.cellIndex]
  && tr.children[th.cellIndex].textContent.trim())).map(th => th.closest('table').id || 'table');
return controls.concat(buttons, headless.map(t => 'a column of ' + t + ' without a heading'));
"""


#: Each figure drawn over what follows it on the page (its legend or its plot past its own section).
OVERLAPS = """
return [...document.querySelectorAll('div.figure')].flatMap(figure => {
  const section = figure.closest('section');
  const next = section && section.nextElementSibling;
  if (!next) return [];
  const drawn = Math.max(...[...figure.querySelectorAll('svg')].map(s => s.getBoundingClientRect().bottom));
  const below = next.getBoundingClientRect().top;
  return drawn > below + 1 ? [`${figure.id} drawn ${Math.round(drawn - below)} px over ${next.id || next.tagName}`] : [];
});
"""


def reader_text_problems(text: str) -> list[str]:
    """What in a page's visible text reads like a program: each code found, with its match."""
    found = [f"{what}: {m.group(0)!r}" for what, pattern in CODES.items() if (m := pattern.search(text))]
    if not VIETNAMESE.search(text):
        found.append("no Vietnamese letter with its marks")
    return found


def test_the_reader_text_check_finds_each_code() -> None:
    """The walk's text check can fail: each code, and a page without Vietnamese, is caught."""
    clean = "Phương án 3 · gốc / plan 3 · base · Tối ưu / Optimal · 06/12/2026 09:10"
    assert reader_text_problems(clean) == []
    for dirty in (
        "Phương án plan:3",
        "đã duyệt version:2",
        "Trạng thái OPTIMAL",
        'Chi tiết {"cadre": "C001"}',
        "Lúc 2026-12-06T02:10:46.737571Z",
        "không còn ràng buộc từ / free from 2024-01-01",
        "mục tiêu None",
        "plan_id: không có phương án này",
    ):
        assert len(reader_text_problems(dirty)) == 1, dirty
    assert reader_text_problems("Plans · Optimal") == ["no Vietnamese letter with its marks"]


class Reader:
    """The browser on the served app, its screenshots in `shots`, and what each page got wrong."""

    def __init__(self, driver, base: str, shots: Path) -> None:
        self.driver, self.base, self.shots = driver, base, shots
        self.problems: list[str] = []
        self.taken: list[Path] = []

    def wait(self, condition, seconds: float = WAIT):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, seconds).until(condition)

    def find(self, element_id: str):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as seen

        return self.wait(seen.presence_of_element_located((By.ID, element_id)))

    def open(self, path: str, name: str, figures: bool = False, titled: bool = True) -> str:
        self.driver.get(self.base + path)
        return self.look(name, figures, titled)

    def submit(self, element, name: str, figures: bool = False, titled: bool = True) -> str:
        """Click a submit button, wait for the page it leads to, and look at it."""
        from selenium.webdriver.support import expected_conditions as seen

        html = self.driver.find_element("tag name", "html")
        element.click()
        self.wait(seen.staleness_of(html))
        return self.look(name, figures, titled)

    def look(self, name: str, figures: bool = False, titled: bool = True) -> str:
        """The page as a reader sees it: its screenshot (the whole page, up to 6,000 px) and its text
        checked; returns the text. A `titled` page's heading is a label (Vietnamese / English); a plan's
        is its scenario's own title."""
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete")
        if figures:
            self.wait(lambda d: d.execute_script(DRAWN) and all(d.execute_script(DRAWN)))
        text = self.driver.execute_script("return document.body.innerText")
        heading = self.driver.execute_script("return document.querySelector('h1')?.innerText || ''")
        found = reader_text_problems(text)
        if not VIETNAMESE.search(heading) or (titled and "/" not in heading):
            found.append(f"the heading {heading!r} is not Vietnamese with English beside it")
        found += self.driver.execute_script(UNLABELLED)
        if figures:
            found += self.driver.execute_script(OVERLAPS)
        # an error page's own status is its point, not a fault of the page
        own = f"{self.driver.current_url} - Failed to load resource: the server responded with a status of 4"
        found += [
            e["message"]
            for e in self.driver.get_log("browser")
            if e["level"] == "SEVERE" and not e["message"].startswith(own)
        ]
        png, resized = self.screenshot()
        found += [f"once the window grew: {overlap}" for overlap in resized]
        self.problems += [f"{name}: {problem}" for problem in found]
        assert _not_blank(png), f"{name}: blank screenshot"
        path = self.shots / f"{len(self.taken) + 1:02d}-{name}.png"
        path.write_bytes(png)
        path.with_suffix(".txt").write_text(text, encoding="utf-8")
        self.taken.append(path)
        return text

    def screenshot(self) -> tuple[bytes, list[str]]:
        """The whole page (up to 6,000 px tall) at the walk's width, and the figures drawn over what
        follows them once the window grew to show it all (plotly redraws them for the new window: as it
        does for a reader who resizes theirs); then the window as it was."""
        size = self.driver.get_window_size()
        width, height = size["width"], size["height"]
        tall, chrome = self.driver.execute_script(
            "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight]"
        )
        self.driver.set_window_size(width, min(max(tall + chrome, height), 6000))
        try:
            if self.driver.execute_script("return document.querySelector('div.figure') !== null"):
                time.sleep(FIGURES_REDRAWN)
            return self.driver.get_screenshot_as_png(), self.driver.execute_script(OVERLAPS)
        finally:
            self.driver.set_window_size(width, height)

    def log_in(self, name: str, password: str = PASSWORD) -> None:
        self.find("name").send_keys(name)
        self.find("password").send_keys(password)
        self.find("login").click()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("PLANNER_WALK_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.png"), *folder.glob("*.txt")]:
        old.unlink()
    return folder


@pytest.fixture
def walked_server(sqlite_url, tmp_path):
    """The served example with plan 1 and an infeasible what-if of it (plan 2, with its diagnosis)."""
    infeasible_what_if(sqlite_url)
    with serve(sqlite_url, tmp_path / "server.log") as server:
        yield server


@pytest.mark.slow
def test_every_page_reads_in_the_readers_words(walked_server, tmp_path, shots):
    driver_profile = tmp_path / "chromium-profile"
    for driver in headless_chromium(driver_profile):
        reader = Reader(driver, walked_server.base, shots)
        _walk(reader)
    assert reader.problems == [], "\n".join(reader.problems)
    assert len(reader.taken) >= 18, [p.name for p in reader.taken]


def _walk(reader: Reader) -> None:
    driver = reader.driver
    reader.open("/plans", "login")
    assert "/login" in driver.current_url
    reader.log_in("lan", "not-the-password")
    reader.look("login-refused")
    assert reader.find("login-message").text
    reader.log_in("lan")
    reader.wait(lambda d: "/login" not in d.current_url)
    text = reader.look("plans")
    assert "Phương án 1" in text and "Phương án 2" in text

    reader.open("/plans/1", "plan", figures=True, titled=False)
    rows = driver.find_elements("css selector", "tr[id^='p-']")
    cadres = [row.get_attribute("id").removeprefix("p-") for row in rows]
    assert len(cadres) >= 2, cadres
    slot = rows[0].find_element("css selector", "a[href*='/slots/']").get_attribute("href").rsplit("/", 1)[1]

    reader.open(f"/plans/1/cadres/{cadres[0]}", "cadre")
    reader.open(f"/plans/1/slots/{slot}", "post")
    reader.open("/plans/2", "plan-infeasible", titled=False)
    assert reader.find("diagnosis")

    reader.open("/plans/1", "plan-again", figures=True, titled=False)
    details = reader.find(f"decide-{cadres[0]}")
    details.find_element("tag name", "summary").click()
    reader.find(f"reason-{cadres[0]}").send_keys("Đủ tiêu chuẩn, đồng ý / meets every criterion")
    reader.submit(reader.find(f"approve-{cadres[0]}"), "decided", figures=True, titled=False)
    assert "đã duyệt" in reader.find(f"status-{cadres[0]}").text

    details = reader.find(f"decide-{cadres[-1]}")
    details.find_element("tag name", "summary").click()
    reader.submit(reader.find(f"forbid-{cadres[-1]}"), "job")
    assert re.search(r"/jobs/\d+$", driver.current_url), driver.current_url
    job_url = driver.current_url
    reader.wait(lambda d: "?since=1" in d.current_url)
    reader.look("plan-new", figures=True, titled=False)
    new_plan = int(re.search(r"/plans/(\d+)\?since=1", driver.current_url).group(1))

    reader.open("/versions", "versions")
    reader.open(f"/diff?a=plan:1&b=plan:{new_plan}", "diff")
    reader.open("/audit", "audit")
    reader.open(f"/audit?user=lan&cadre={cadres[0]}", "audit-filtered")

    reader.open("/plans/999", "error-not-found")
    reader.open("/audit?since=hôm-qua", "error-input")
    reader.submit(reader.find("logout"), "logged-out")
    reader.log_in("tuan")
    reader.wait(lambda d: "/login" not in d.current_url)
    reader.open(job_url.removeprefix(reader.base), "error-not-allowed")
