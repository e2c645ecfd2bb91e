"""A visitor on a host site chats with an agent driven through the API: both ways, with the
agent's name and typing, markup shown as text, and a reload and a new page in the middle of
the chat that keep the conversation without repeating a line."""
import concurrent.futures

from selenium.webdriver.common.by import By

from conftest import screenshot
from parley_api import wait_for
from widget_page import (
    enter_widget, joined_chat, log_lines, open_panel, page_errors, send, staffed_department, start_chat, waiting_chat,
)


def test_a_visitor_and_an_agent_chat_both_ways(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    # An earlier chat, answered at once, gives the department an estimated wait.
    _, earlier = agent.start_chat(department["id"], "Sam", "sam@example.org", "Earlier question")
    agent.post(f"/v1/chats/{earlier['id']}/join")
    agent.post(f"/v1/chats/{earlier['id']}/close")
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    open_panel(driver)
    start_chat(driver, "Jamie", "jamie@example.org", "Hello from the widget")

    chat = waiting_chat(agent)
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".standing").text
             == "You are number 1 in line. Estimated wait: about 1 min.", message="the queue and the wait")
    agent.post(f"/v1/chats/{chat['id']}/join")
    wait_for(lambda: "Ana" in driver.find_element(By.CSS_SELECTOR, ".standing").text, message="the agent's name")

    agent.post(f"/v1/chats/{chat['id']}/typing", {"typing": True})
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".typing").text == "Ana is typing…", message="the agent typing")
    agent.post(f"/v1/chats/{chat['id']}/messages", {"text": "Hi Jamie, how can I help?"})
    wait_for(lambda: log_lines(driver) == ["Hello from the widget", "Hi Jamie, how can I help?"], message="the agent's reply")
    assert driver.find_element(By.CSS_SELECTOR, ".typing").text == ""

    # The visitor's typing reaches the agent's feed. A notice only reaches a reader waiting at
    # that moment, so the visitor keeps typing (renewed every few seconds) until a poll hears it.
    cursor = agent.get("/v1/sync?cursor=latest&timeout=0")["cursor"]
    typing = []
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        for _ in range(8):
            waiting = pool.submit(agent.get, f"/v1/sync?cursor={cursor}&timeout=4")
            wait_for(lambda: waiting.running(), message="the agent's poll")
            driver.find_element(By.ID, "message").send_keys("x")
            typing = waiting.result(timeout=10)["typing"]
            if typing:
                break
    assert [(n["author"]["type"], n["typing"]) for n in typing][:1] == [("visitor", True)]
    driver.find_element(By.ID, "message").clear()

    send(driver, "Where is my order?")
    wait_for(lambda: [e.get("text") for e in agent.events(chat["id"]) if e["type"] == "message"][-1] == "Where is my order?",
             message="the visitor's line at the agent")
    wait_for(lambda: not driver.find_elements(By.CSS_SELECTOR, "li.pending"), message="the line confirmed")
    assert log_lines(driver) == ["Hello from the widget", "Hi Jamie, how can I help?", "Where is my order?"]
    screenshot(driver, "widget-light")
    assert page_errors(driver) == []


def test_markup_sent_by_the_agent_shows_as_text_and_runs_nothing(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    chat = joined_chat(agent, driver, site, "Hello")
    markup = '<img src=x onerror="window.parent.pwned=1;window.pwned=1"><script>window.pwned=2</script><b>bold</b>'
    agent.post(f"/v1/chats/{chat['id']}/messages", {"text": markup})
    wait_for(lambda: markup in log_lines(driver), message="the markup as text")
    assert driver.find_elements(By.CSS_SELECTOR, "[role=log] b, [role=log] script, [role=log] img") == []
    assert driver.execute_script("return window.pwned === undefined")
    driver.switch_to.default_content()
    assert driver.execute_script("return window.pwned === undefined")


def test_a_reload_and_a_new_page_keep_the_chat_without_repeating_a_line(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    chat = joined_chat(agent, driver, site, "First line")
    agent.post(f"/v1/chats/{chat['id']}/messages", {"text": "Answer one"})
    wait_for(lambda: log_lines(driver) == ["First line", "Answer one"], message="the first answer")

    driver.refresh()
    enter_widget(driver)
    wait_for(lambda: log_lines(driver) == ["First line", "Answer one"], message="the chat after a reload")
    agent.post(f"/v1/chats/{chat['id']}/messages", {"text": "Answer two"})
    wait_for(lambda: log_lines(driver) == ["First line", "Answer one", "Answer two"], message="a new line after the reload")

    # A line the agent writes while the visitor is between pages arrives once on the next page.
    driver.switch_to.default_content()
    driver.get("about:blank")
    agent.post(f"/v1/chats/{chat['id']}/messages", {"text": "Answer three"})
    driver.get(site.url + "/pricing.html")
    enter_widget(driver)
    expected = ["First line", "Answer one", "Answer two", "Answer three"]
    wait_for(lambda: log_lines(driver) == expected, message="the missed line on the next page")
    send(driver, "Thanks")
    wait_for(lambda: log_lines(driver) == expected + ["Thanks"] and not driver.find_elements(By.CSS_SELECTOR, "li.pending"),
             message="the visitor's line")
    visits = server.admin.get(f"/v1/visitors/{chat['visitorId']}")
    assert visits["pageViews"] >= 3
    assert page_errors(driver) == []

