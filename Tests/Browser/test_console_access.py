"""The console for everybody: keyboard only, axe-core's rules, dark mode and Arabic (right
to left), with screenshots to look at."""
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, screenshot
from console_page import (accept, log_texts, open_console, scene, send_reply, serious_violations, sign_in,
                          wait_until_console)
from parley_api import wait_for

MAX_TABS = 60


def tab_to(driver, matches, what):
    """Presses Tab until the focused element `matches`; fails after MAX_TABS presses."""
    for _ in range(MAX_TABS):
        focused = driver.switch_to.active_element
        if matches(focused):
            return focused
        focused.send_keys(Keys.TAB)
    raise AssertionError(f"Tab never reached {what}")


def test_an_agent_signs_in_accepts_and_replies_with_the_keyboard_alone(server, browser_factory):
    _, visitor, chat = scene(server)
    driver = browser_factory()
    open_console(driver, server)
    email = wait_for(lambda: driver.switch_to.active_element.get_attribute("id") == "signin-email"
                     and driver.switch_to.active_element, message="the email field focused")
    email.send_keys(ADMIN_EMAIL, Keys.TAB)
    driver.switch_to.active_element.send_keys(ADMIN_PASSWORD, Keys.ENTER)
    wait_until_console(driver)
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, f"#queue-list li[data-chat-id='{chat['id']}'] button"),
             message="the waiting chat")

    accept_button = tab_to(driver, lambda node: node.accessible_name == "Accept", "Accept")
    accept_button.send_keys(Keys.ENTER)
    wait_for(lambda: "Hello, is my order on its way?" in log_texts(driver), message="the chat open")
    box = tab_to(driver, lambda node: node.accessible_name == "Message", "the Message field")
    box.send_keys("Typed without a mouse", Keys.ENTER)
    wait_for(lambda: any(event.get("text") == "Typed without a mouse" for event in visitor.events(chat["id"])),
             message="the reply stored")
    wait_for(lambda: "Typed without a mouse" in log_texts(driver), message="the reply shown")


def test_the_sign_in_page_and_the_chat_view_pass_axe(server, browser_factory):
    _, _, chat = scene(server)
    driver = browser_factory()
    open_console(driver, server)
    axe = Axe(driver)
    axe.inject()
    assert serious_violations(axe.run()) == []

    sign_in(driver, server)
    accept(driver, chat["id"])
    send_reply(driver, "Happy to help.")
    axe.inject()
    assert serious_violations(axe.run()) == []


def chat_with_messages(server, driver):
    _, visitor, chat = scene(server)
    sign_in(driver, server)
    accept(driver, chat["id"])
    visitor.post(f"/v1/chats/{chat['id']}/messages", {"text": "Can I change the delivery address?"})
    wait_for(lambda: "Can I change the delivery address?" in log_texts(driver), message="the visitor's message")
    return visitor, chat


def test_dark_mode_follows_the_system(server, browser_factory):
    driver = browser_factory(dark=True)
    chat_with_messages(server, driver)
    send_reply(driver, "Yes, until it ships.")
    background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(16, 19, 24)"
    axe = Axe(driver)
    axe.inject()
    assert serious_violations(axe.run()) == []
    screenshot(driver, "console-dark")


def test_arabic_reads_right_to_left(server, browser_factory):
    driver = browser_factory(language="ar")
    open_console(driver, server)
    wait_for(lambda: driver.find_element(By.ID, "signin-button").text == "تسجيل الدخول", message="Arabic sign-in")
    assert driver.execute_script("return document.documentElement.dir") == "rtl"
    driver.find_element(By.ID, "signin-email").send_keys(ADMIN_EMAIL)
    driver.find_element(By.ID, "signin-password").send_keys(ADMIN_PASSWORD, Keys.ENTER)
    wait_until_console(driver)
    _, visitor, chat = scene(server)
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, f"#queue-list li[data-chat-id='{chat['id']}'] button"),
             message="the waiting chat")
    driver.find_element(By.CSS_SELECTOR, f"#queue-list li[data-chat-id='{chat['id']}'] button").click()
    box = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".composer-input"), message="the composer")
    wait_for(lambda: box.is_displayed(), message="the composer shown")
    assert box.accessible_name == "الرسالة"
    box.send_keys("أهلاً، كيف يمكنني مساعدتك؟", Keys.ENTER)
    wait_for(lambda: "أهلاً، كيف يمكنني مساعدتك؟" in log_texts(driver), message="the Arabic reply")
    screenshot(driver, "console-ar")
