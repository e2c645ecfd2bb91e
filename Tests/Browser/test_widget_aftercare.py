"""The end of a chat in the widget: the visitor rates it (1 to 5 and a comment), kept in the
chat's log, and has the transcript emailed (to a local SMTP server). Needs the rating and
transcript API."""
import email

import pytest
from aiosmtpd.controller import Controller
from selenium.webdriver.common.by import By

from conftest import free_port
from parley_api import wait_for
from widget_page import button, chat_in_progress, field, staffed_department


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield mailbox, controller.port
    controller.stop()


@pytest.fixture
def server_env(smtp):
    return {"PARLEY_SMTP_HOST": "127.0.0.1", "PARLEY_SMTP_PORT": str(smtp[1]), "PARLEY_SMTP_FROM": "chat@parley.test"}


def test_the_visitor_rates_the_chat_and_gets_its_transcript_by_email(server, smtp, host_site_factory, browser_factory):
    mailbox, _ = smtp
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    chat = chat_in_progress(agent, driver, site, ["It ships tomorrow."])
    agent.post(f"/v1/chats/{chat['id']}/close")
    wait_for(lambda: button(driver, "Start a new chat"), message="the end of the chat")

    driver.find_element(By.CSS_SELECTOR, "form.rating input[value='4']").click()
    field(driver, "Comment (optional)").send_keys("Quick and kind")
    button(driver, "Send rating").click()
    wait_for(lambda: "Thank you for your rating." in driver.find_element(By.CSS_SELECTOR, ".aftercare").text, message="the thanks")
    rating = [e for e in agent.events(chat["id"]) if e["type"] == "rating"]
    assert [(e["score"], e["comment"]) for e in rating] == [(4, "Quick and kind")]
    wait_for(lambda: "You rated this chat 4 out of 5." in driver.find_element(By.CSS_SELECTOR, "[role=log]").text,
             message="the rating in the log")

    button(driver, "Email me the transcript").click()
    wait_for(lambda: "on its way" in driver.find_element(By.CSS_SELECTOR, ".transcript").text, message="the transcript queued")
    recipients, mail = wait_for(lambda: mailbox.messages, timeout=30, message="the transcript's mail")[0]
    assert recipients == ["jamie@example.org"]
    body = email.message_from_string(mail).get_payload(decode=True).decode("utf-8")
    assert "It ships tomorrow." in body
