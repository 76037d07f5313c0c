"""Debian's Chromium, headless, driven by Selenium through Debian's chromedriver.

Both paths are given explicitly, so Selenium Manager never downloads a browser or a driver.
The set-up installs them (``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARGUMENTS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    "--lang=fr-FR",
]


def chromium(profile_dir: Path) -> webdriver.Chrome:
    """A new browser with its own empty profile in ``profile_dir``."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        raise RuntimeError(
            f"{', '.join(missing)} absent : apt-get install -y chromium chromium-driver (fait par `make setup`)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in [*ARGUMENTS, f"--user-data-dir={profile_dir}"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
