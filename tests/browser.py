"""The system's chromium, headless, driven by selenium (tests that need it skip where it is missing)."""
import shutil
import tempfile
from contextlib import contextmanager

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--window-size=1200,900")


def _binaries():
    browser = next((shutil.which(b) for b in ("chromium", "chromium-browser") if shutil.which(b)), None)
    return browser, shutil.which("chromedriver")


@contextmanager
def chromium():
    """A selenium WebDriver on the system chromium with a fresh profile; skips the test when there is none."""
    webdriver = pytest.importorskip("selenium.webdriver")
    browser, driver_path = _binaries()
    if not (browser and driver_path):
        pytest.skip("no chromium and chromedriver on this machine (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory() as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        driver.set_page_load_timeout(300)  # a loaded CI machine
        try:
            yield driver
        finally:
            driver.quit()


def errors(driver) -> list[str]:
    """The browser console's errors so far."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
