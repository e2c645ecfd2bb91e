"""The browser suite: a real Parley server (the built binary, SQLite in a temporary folder, on a
free loopback port), a host site on another port carrying the widget, and headless Chromium
driven by Selenium. Screenshots go to `browser-screenshots/` at the repository's root."""
import functools
import http.server
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import threading
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from parley_api import ParleyAPI, wait_for

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("PARLEY_BIN", ROOT / ".build" / "debug" / "parley"))
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
SCREENSHOTS = ROOT / "browser-screenshots"
ADMIN_EMAIL = "admin@parley.test"
ADMIN_PASSWORD = "admin-password-1"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One Parley process; `admin` is an API client signed in as the first admin."""

    def __init__(self, extra_env=None):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="parley-browser-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "PARLEY_PORT": str(self.port),
            "PARLEY_DATA_DIR": str(self.folder / "data"),
            "PARLEY_ADMIN_EMAIL": ADMIN_EMAIL,
            "PARLEY_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "PARLEY_CAPTCHA": "off",
            "PARLEY_BCRYPT_COST": "4",
            "PARLEY_LOG_LEVEL": "warning",
            "PARLEY_CALENDAR_RELOAD_SECONDS": "1",
            "PARLEY_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "true",
            **(extra_env or {}),
        }
        self.log = open(self.folder / "server.log", "w")
        self.process = subprocess.Popen([str(BINARY)], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(self.ready, timeout=30, message=f"parley on port {self.port}")
        self.admin, self.admin_agent = ParleyAPI(self.url).login(ADMIN_EMAIL, ADMIN_PASSWORD)

    def ready(self):
        if self.process.poll() is not None:
            raise RuntimeError("parley exited: " + (self.folder / "server.log").read_text())
        with urllib.request.urlopen(self.url + "/readyz", timeout=2) as response:
            return response.status == 200

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def server_env():
    """Extra settings for the server; a test overrides this fixture to add its own."""
    return {}


@pytest.fixture
def server(server_env):
    started = Server(server_env)
    yield started
    started.stop()


class HostSite:
    """A website on another origin that carries the widget's one line."""

    def __init__(self, parley_url, department_id, extra_attributes=""):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="parley-host-"))
        tag = f'<script src="{parley_url}/widget.js" data-department="{department_id}" {extra_attributes} async></script>'
        for name, title in [("index.html", "Host home"), ("pricing.html", "Pricing")]:
            (self.folder / name).write_text(
                f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
                f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
                f"<body><main><h1>{title}</h1><p><a href=\"pricing.html\">Pricing</a></p></main>{tag}</body></html>"
            )
        handler = functools.partial(QuietHandler, directory=str(self.folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        shutil.rmtree(self.folder, ignore_errors=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def host_site_factory():
    sites = []

    def make(parley_url, department_id, extra_attributes=""):
        site = HostSite(parley_url, department_id, extra_attributes)
        sites.append(site)
        return site

    yield make
    for site in sites:
        site.stop()


@pytest.fixture
def browser_factory():
    """Makes headless Chromium windows: `browser_factory(width=400, language="ar", dark=True)`."""
    drivers = []

    def make(width=1280, height=900, language="en", dark=False):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         f"--window-size={width},{height}", f"--lang={language}",
                         "--autoplay-policy=no-user-gesture-required"]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {
            "intl.accept_languages": language,
            "profile.default_content_setting_values.notifications": 1,
        })
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.set_window_size(width, height)
        if dark:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                "features": [{"name": "prefers-color-scheme", "value": "dark"}],
            })
        drivers.append(driver)
        return driver

    yield make
    for driver in drivers:
        driver.quit()


def screenshot(driver, name):
    """Writes `browser-screenshots/<name>.png` for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def severe_console_errors(driver):
    """Browser console errors other than the network failures a test provokes on purpose."""
    return [entry for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "net::ERR_INTERNET_DISCONNECTED" not in entry["message"]]
