"""PDF: each worker prints its reports through one headless Chromium (chromium.py), started on
the first PDF and kept for the rest of the batch, with a fresh tab every PAGES_PER_TAB reports and
a fresh browser every PAGES_PER_BROWSER (both grow as they load page after page); a browser that
fails is replaced for the next report."""

from __future__ import annotations

from pathlib import Path

PAGES_PER_TAB = 10
PAGES_PER_BROWSER = 200

_browser = None
_printed = 0  # by the current browser


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    global _browser, _printed
    from .chromium import Chromium, ChromiumError

    if _browser is not None and _printed >= PAGES_PER_BROWSER:
        close()
    if _browser is None:
        _browser, _printed = Chromium(), 0
    try:
        if _printed and _printed % PAGES_PER_TAB == 0:
            _browser.new_tab()
        _browser.print_pdf(html_path, pdf_path)
        _printed += 1
    except ChromiumError:
        close()  # a fresh browser for the next report
        raise


def close() -> None:
    global _browser
    if _browser is not None:
        browser, _browser = _browser, None
        browser.close()
