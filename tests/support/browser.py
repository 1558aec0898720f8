"""Headless Chromium for the tests that open pages in a real browser.

Locally a missing browser skips those tests and says how to install it. In CI (`CI` set, as `.ci/run`
sets it) a missing browser fails them: a skipped browser test there would pass a build that never
opened a page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

INSTALL = "apt-get install chromium chromium-driver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1366,900",
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def chromium_paths() -> tuple[str, str]:
    """The browser and its driver; skip (locally) or fail (in CI) when either is missing."""
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium and chromedriver:
        return chromium, chromedriver
    missing = " and ".join(
        name for name, path in (("chromium", chromium), ("chromedriver", chromedriver)) if not path
    )
    if in_ci():
        pytest.fail(f"{missing} not installed, and CI must run the browser tests: {INSTALL}")
    pytest.skip(f"headless Chromium not installed ({missing} missing): {INSTALL} (CI installs it)")


def headless_chromium(profile: Path) -> Iterator[webdriver.Chrome]:
    """A headless Chromium that keeps every console entry (`driver.get_log("browser")`)."""
    chromium, chromedriver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    try:
        yield driver
    finally:
        driver.quit()
