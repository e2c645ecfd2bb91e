"""The captcha, when the server asks for one before a chat starts."""
import pytest
from selenium.webdriver.common.by import By

from parley_api import wait_for
from widget_page import button, field, open_panel, staffed_department


@pytest.fixture
def server_env():
    return {"PARLEY_CAPTCHA": "on"}


def test_the_captcha_is_shown_when_the_server_asks_and_a_wrong_answer_brings_a_new_one(server, host_site_factory, browser_factory):
    department, _ = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    open_panel(driver)
    wait_for(lambda: field(driver, "Name").is_displayed(), message="the pre-chat form")
    assert not driver.find_element(By.CSS_SELECTOR, ".captcha").is_displayed()
    field(driver, "Name").send_keys("Jamie")
    field(driver, "Email").send_keys("jamie@example.org")
    field(driver, "Message").send_keys("Hello")
    button(driver, "Start chat").click()

    image = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".captcha-image"), message="the captcha")
    wait_for(lambda: image.is_displayed() and image.get_attribute("src").startswith("data:image/svg+xml"), message="its image")
    first = image.get_attribute("src")
    assert driver.switch_to.active_element == field(driver, "Characters in the image")
    field(driver, "Characters in the image").send_keys("wrong!")
    button(driver, "Start chat").click()
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".form-error").text == "That was not right. Try this new image.",
             message="the wrong answer said")
    wait_for(lambda: image.get_attribute("src") != first, message="a new image")
    assert server.admin.get("/v1/chats")["items"] == []
