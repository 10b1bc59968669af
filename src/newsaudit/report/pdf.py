"""PDF: each worker prints its reports through one headless Chromium (chromium.py), started on
the first PDF and kept for the rest of the batch; a browser that fails is replaced for the next."""

from __future__ import annotations

from pathlib import Path

_browser = None


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    global _browser
    from .chromium import Chromium, ChromiumError

    if _browser is None:
        _browser = Chromium()
    try:
        _browser.print_pdf(html_path, pdf_path)
    except ChromiumError:
        close()  # a fresh browser for the next report
        raise


def close() -> None:
    global _browser
    if _browser is not None:
        browser, _browser = _browser, None
        browser.close()
