"""Driving the agents' console as a person would: by the labels and names on the screen."""
from selenium.webdriver.common.by import By

from parley_api import wait_for


def field(driver, label):
    """The input a visible <label> names."""
    for node in driver.find_elements(By.XPATH, f"//label[normalize-space()='{label}']"):
        if node.is_displayed():
            return driver.find_element(By.ID, node.get_attribute("for"))
    raise AssertionError(f"no field labelled {label!r}")


def button(driver, name, within=None):
    """A visible button whose accessible name is `name`."""
    root = within or driver
    for node in root.find_elements(By.TAG_NAME, "button"):
        if node.is_displayed() and node.accessible_name == name:
            return node
    raise AssertionError(f"no button named {name!r}")


def open_console(driver, server):
    driver.get(server.url + "/console/")
    wait_for(lambda: driver.find_element(By.ID, "signin-email").is_displayed()
             or driver.find_element(By.ID, "console-view").is_displayed(), message="the console to load")


def sign_in(driver, server, email=None, password=None):
    from conftest import ADMIN_EMAIL, ADMIN_PASSWORD
    open_console(driver, server)
    wait_for(lambda: field(driver, "Email"), message="the sign-in form")
    field(driver, "Email").send_keys(email or ADMIN_EMAIL)
    field(driver, "Password").send_keys(password or ADMIN_PASSWORD)
    button(driver, "Sign in").click()
    wait_until_console(driver)


def wait_until_console(driver):
    wait_for(lambda: driver.find_element(By.ID, "console-view").is_displayed(), message="the console after sign-in")
    wait_for(lambda: connection_state(driver) == "live", message="the live feed")


def connection_state(driver):
    return driver.find_element(By.ID, "connection").get_attribute("data-state")


def queue_item(driver, chat_id):
    return driver.find_element(By.CSS_SELECTOR, f"#queue-list li[data-chat-id='{chat_id}']")


def log_lines(driver):
    """The texts of the open chat's message and note lines, in the order shown."""
    return [node.text for node in driver.find_elements(By.CSS_SELECTOR, ".log .line .text")]


def log_texts(driver):
    return [node.text for node in driver.find_elements(By.CSS_SELECTOR, ".log .line.message .text, .log .line.note .text")]


def scene(server, message="Hello, is my order on its way?", name="Jamie", email="jamie@example.org"):
    """A department and a visitor waiting in it: answers (department, visitor API, chat)."""
    department = server.admin.create_department("Support")
    visitor, chat = server.admin.start_chat(department["id"], name, email, message)
    return department, visitor, chat


def accept(driver, chat_id):
    wait_for(lambda: queue_item(driver, chat_id).is_displayed(), message="the waiting chat in the queue")
    button(driver, "Accept", queue_item(driver, chat_id)).click()
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".composer-input").is_displayed(), message="the composer")


def send_reply(driver, text):
    box = field_by_name(driver, "Message")
    box.send_keys(text)
    button(driver, "Send").click()
    wait_for(lambda: text in log_texts(driver), message=f"{text!r} in the log")


def field_by_name(driver, name):
    for node in driver.find_elements(By.CSS_SELECTOR, "textarea, input"):
        if node.is_displayed() and node.accessible_name == name:
            return node
    raise AssertionError(f"no field named {name!r}")


def serious_violations(results):
    return [violation for violation in results["violations"] if violation["impact"] in ("serious", "critical")]
