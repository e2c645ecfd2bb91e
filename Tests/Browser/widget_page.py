"""Driving the widget as a visitor does: the host site's page, the widget's frame inside it,
the launcher, the pre-chat form and the chat's log."""
from selenium.webdriver.common.by import By

from conftest import severe_console_errors
from parley_api import wait_for

FRAME = (By.CSS_SELECTOR, "iframe[src*='/widget/']")


def enter_widget(driver):
    """Switches into the widget's frame once the loader added it and the launcher shows."""
    driver.switch_to.default_content()
    frame = wait_for(lambda: driver.find_element(*FRAME), message="the widget's frame")
    driver.switch_to.frame(frame)
    wait_for(lambda: driver.find_element(By.ID, "launcher").is_displayed() or driver.find_element(By.ID, "panel").is_displayed(),
             message="the widget inside its frame")
    return frame


def open_panel(driver):
    enter_widget(driver)
    launcher = driver.find_element(By.ID, "launcher")
    if launcher.is_displayed():
        launcher.click()
    wait_for(lambda: driver.find_element(By.ID, "panel").is_displayed(), message="the open panel")


def field(driver, label):
    """The input whose label reads `label`."""
    for node in driver.find_elements(By.CSS_SELECTOR, "label[for]"):
        if node.text.replace("*", "").strip() == label:
            return driver.find_element(By.ID, node.get_attribute("for"))
    raise AssertionError(f"no field labelled {label!r}")


def start_chat(driver, name, email, message):
    wait_for(lambda: field(driver, "Name").is_displayed(), message="the pre-chat form")
    field(driver, "Name").send_keys(name)
    field(driver, "Email").send_keys(email)
    field(driver, "Message").send_keys(message)
    button(driver, "Start chat").click()
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "[role=log]").is_displayed(), message="the chat's log")


def button(driver, name):
    for node in driver.find_elements(By.TAG_NAME, "button"):
        if node.is_displayed() and (node.get_attribute("aria-label") or node.text).strip() == name:
            return node
    raise AssertionError(f"no button named {name!r}")


def log_lines(driver):
    """The texts of the chat's message lines, in order (the visitor's and the agent's)."""
    return [node.text for node in driver.find_elements(By.CSS_SELECTOR, "[role=log] li.from-visitor .text, [role=log] li.from-agent .text")]


def send(driver, text):
    box = driver.find_element(By.ID, "message")
    box.send_keys(text)
    button(driver, "Send").click()


PROBES = ("/v1/prechat-fields", "/attachments ", "/rating ", "/transcript ", "favicon.ico")


def page_errors(driver):
    """Severe console errors, less the answers to the widget's probes for optional features
    (404 while a server lacks them, 405 once it has them) and the test site's missing favicon."""
    return [entry for entry in severe_console_errors(driver)
            if not (entry["source"] == "network" and any(probe in entry["message"] for probe in PROBES))]
