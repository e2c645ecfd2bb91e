"""A visitor on a website and an agent in the console, each in a browser of their own: the chat
goes both ways through the widget and the console, with nothing else in between."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import console_page
import widget_page
from conftest import screenshot
from parley_api import wait_for


def test_a_visitor_in_the_widget_and_an_agent_in_the_console_chat_both_ways(server, host_site_factory, browser_factory):
    department = server.admin.create_department("Support")
    server.admin.create_agent("ana@parley.test", "Ana", "agent-password-1", [department["id"]])
    agent = browser_factory()
    console_page.sign_in(agent, server, "ana@parley.test", "agent-password-1")
    Select(agent.find_element(By.ID, "status-select")).select_by_value("online")
    wait_for(lambda: agent.find_element(By.ID, "status-select").get_attribute("data-status") == "online",
             message="the agent online")

    site = host_site_factory(server.url, department["id"])
    visitor = browser_factory()
    visitor.get(site.url + "/index.html")
    widget_page.open_panel(visitor)
    widget_page.start_chat(visitor, "Jamie", "jamie@example.org", "Hello from the website")

    chat = wait_for(lambda: server.admin.get("/v1/chats?state=queued")["items"], message="the chat waiting")[0]
    console_page.accept(agent, chat["id"])
    wait_for(lambda: "Hello from the website" in console_page.log_texts(agent), message="the visitor's line in the console")
    console_page.send_reply(agent, "Hi Jamie, this is Ana.")

    wait_for(lambda: widget_page.log_lines(visitor) == ["Hello from the website", "Hi Jamie, this is Ana."],
             message="the agent's line in the widget")
    widget_page.send(visitor, "Where is my parcel?")
    wait_for(lambda: console_page.log_texts(agent)[-1:] == ["Where is my parcel?"], message="the visitor's second line in the console")

    assert console_page.log_texts(agent) == ["Hello from the website", "Hi Jamie, this is Ana.", "Where is my parcel?"]
    assert widget_page.log_lines(visitor) == ["Hello from the website", "Hi Jamie, this is Ana.", "Where is my parcel?"]
    screenshot(agent, "end-to-end-console")
    screenshot(visitor, "end-to-end-widget")
