"""Printing a page to A4 in headless Chromium, and measuring it as printed.

Chromium's DevTools print a page to PDF (`Page.printToPDF`) with the page's own `@page` size and margins;
before that, the page is laid out as on paper (print media, a viewport as wide as the printable area)
so that a test can measure what the paper would hold: no figure wider than the page, the first page's
content within one page's height.
"""

from __future__ import annotations

import base64
import re

#: A4 portrait inside the pages' 15 mm margins, in CSS pixels (96 an inch): 180 mm by 267 mm.
PRINTABLE_WIDTH = round(180 / 25.4 * 96)
PRINTABLE_HEIGHT = round(267 / 25.4 * 96)

#: The width of each drawn figure and of each of its SVG layers, and of the whole document, as laid out.
WIDTHS = """
const figures = [...document.querySelectorAll('.js-plotly-plot')];
return {
  figures: figures.map(f => Math.ceil(f.getBoundingClientRect().width)),
  svgs: figures.flatMap(f => [...f.querySelectorAll('svg.main-svg')].map(s => Math.ceil(s.getBoundingClientRect().width))),
  document: document.documentElement.scrollWidth,
  toolbars: [...document.querySelectorAll('.modebar-container')].filter(m => m.getClientRects().length > 0).length,
};
"""


def lay_out_as_printed(driver) -> None:
    """Print media and a viewport the printable width of A4: the page as Chromium would print it."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PRINTABLE_WIDTH, "height": PRINTABLE_HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )


def lay_out_on_screen(driver) -> None:
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def widths(driver) -> dict:
    return driver.execute_script(WIDTHS)


def bottom_of(driver, selector: str) -> float:
    """How far down the document the last element matching `selector` ends, in CSS pixels."""
    return driver.execute_script(
        "const all = document.querySelectorAll(arguments[0]);"
        "return all.length ? all[all.length - 1].getBoundingClientRect().bottom + window.scrollY : -1;",
        selector,
    )


def print_to_pdf(driver) -> bytes:
    """The page printed as Chromium prints it: A4 portrait, the page's own `@page` margins."""
    printed = driver.execute_cdp_cmd(
        "Page.printToPDF",
        {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": True},
    )
    return base64.b64decode(printed["data"])


def page_count(pdf: bytes) -> int:
    """The pages of a PDF: its `/Type /Page` objects (not the `/Type /Pages` tree nodes)."""
    assert pdf.startswith(b"%PDF-"), pdf[:16]
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
