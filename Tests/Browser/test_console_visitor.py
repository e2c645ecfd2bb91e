"""The visitor panel: where the visitor is (country and flag), their browser, system and
device, the pages of their visit, their custom variables and their previous chats."""
import pytest
from selenium.webdriver.common.by import By

from console_page import log_texts, sign_in
from parley_api import ParleyAPI, wait_for

FIREFOX_ON_UBUNTU = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:91.0) Gecko/20100101 Firefox/91.0"
PERU = "132.251.2.247"


@pytest.fixture
def server_env():
    return {"PARLEY_TRUSTED_PROXIES": "127.0.0.1"}


def test_the_visitor_panel_tells_who_the_visitor_is(server, browser_factory):
    department = server.admin.create_department("Support")
    headers = {"X-Forwarded-For": PERU, "User-Agent": FIREFOX_ON_UBUNTU}
    tracked = ParleyAPI(server.url).call("POST", "/v1/visitors", {
        "url": "https://shop.example/pricing", "title": "Pricing", "name": "Lucía", "email": "lucia@example.pe",
        "customVariables": [{"name": "plan", "value": "gold"}],
    }, headers)
    visitor = ParleyAPI(server.url, tracked["credentials"]["accessToken"])
    first = visitor.call("POST", "/v1/chats", {"departmentId": department["id"], "message": "First question"}, headers)["chat"]
    server.admin.post(f"/v1/chats/{first['id']}/close")
    second = visitor.call("POST", "/v1/chats", {"departmentId": department["id"], "message": "Second question"}, headers)["chat"]

    driver = browser_factory()
    sign_in(driver, server)
    driver.get(f"{server.url}/console/#/chats/{second['id']}")
    wait_for(lambda: "Second question" in log_texts(driver), message="the chat open")
    panel = driver.find_element(By.CSS_SELECTOR, ".visitor-panel")
    wait_for(lambda: "Previous chats" in panel.text and f"Chat #{first['number']}" in panel.text, message="the previous chat")
    text = panel.text
    for expected in ["Lucía", "lucia@example.pe", "\U0001F1F5\U0001F1EA Peru", "Firefox 91", "Ubuntu", "Desktop",
                     "Pricing", "plan", "gold"]:
        assert expected in text, f"{expected!r} not in the visitor panel:\n{text}"
    panel.find_element(By.PARTIAL_LINK_TEXT, f"#{first['number']}").click()
    wait_for(lambda: "First question" in log_texts(driver), message="the previous chat opened")
