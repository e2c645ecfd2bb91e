"""Driving the widget as a visitor does: the host site's page, the widget's frame inside it,
the launcher, the pre-chat form and the chat's log."""
from selenium.webdriver.common.by import By

from conftest import severe_console_errors
from parley_api import ParleyAPI, wait_for

FRAME = (By.CSS_SELECTOR, "iframe[src*='/widget/']")


def enter_widget(driver):
    """Switches into the widget's frame once the loader added it and the launcher shows."""
    driver.switch_to.default_content()
    frame = wait_for(lambda: driver.find_element(*FRAME), message="the widget's frame")
    driver.switch_to.frame(frame)
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "body[data-ready=true]"), message="the widget ready in its frame")
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


ENGLISH = ("Name", "Email", "Message", "Start chat")


def start_chat(driver, name, email, message, labels=ENGLISH):
    """Fills the pre-chat form through its labels (`labels`: the name, email and message
    fields' and the button's, in the widget's language) and starts the chat."""
    wait_for(lambda: field(driver, labels[0]).is_displayed(), message="the pre-chat form")
    field(driver, labels[0]).send_keys(name)
    field(driver, labels[1]).send_keys(email)
    field(driver, labels[2]).send_keys(message)
    button(driver, labels[3]).click()
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


def page_errors(driver):
    """Severe console errors, less the test site's missing favicon."""
    return [entry for entry in severe_console_errors(driver)
            if not (entry["source"] == "network" and "favicon.ico" in entry["message"])]


def staffed_department(server, agent_name="Ana"):
    """A department with one online agent: answers (department, the agent's API client)."""
    department = server.admin.create_department("Sales")
    server.admin.create_agent("ana@parley.test", agent_name, "agent-password-1", [department["id"]])
    agent, me = ParleyAPI(server.url).login("ana@parley.test", "agent-password-1")
    agent.set_status(me["id"], "online")
    return department, agent


def waiting_chat(agent):
    """The first chat waiting in the agent's queue."""
    return wait_for(lambda: agent.get("/v1/chats?state=queued")["items"], message="the visitor's chat in the queue")[0]


def joined_chat(agent, driver, site, visitor_line, labels=ENGLISH):
    """Opens the widget on the site's home page, starts a chat with `visitor_line`, and has the
    agent join it. Answers the chat."""
    driver.get(site.url + "/index.html")
    open_panel(driver)
    start_chat(driver, "Jamie", "jamie@example.org", visitor_line, labels)
    chat = waiting_chat(agent)
    agent.post(f"/v1/chats/{chat['id']}/join")
    return chat


def chat_in_progress(agent, driver, site, agent_lines, visitor_line="Hello, I need help with my order", labels=ENGLISH):
    """A joined chat (see `joined_chat`) in which the agent wrote `agent_lines`, once the widget
    shows them. Answers the chat."""
    chat = joined_chat(agent, driver, site, visitor_line, labels)
    for line in agent_lines:
        agent.post(f"/v1/chats/{chat['id']}/messages", {"text": line})
    wait_for(lambda: log_lines(driver) == [visitor_line, *agent_lines], message="the agent's lines in the widget")
    return chat
