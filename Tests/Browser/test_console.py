"""The agents' console in a real browser: a visitor (through the API) and an agent (in the
console) chat both ways; notes, typing, the visitor panel, closing; markup stays text."""
import threading

from selenium.webdriver.common.by import By

from conftest import screenshot, severe_console_errors
from console_page import (accept, button, field_by_name, log_texts, queue_item, scene, send_reply, sign_in)
from parley_api import wait_for

MISSING_BACKEND = ("/v1/canned-responses", "/v1/prechat-fields")


def real_errors(driver):
    """Console errors, leaving out the 404s of APIs other teams have not landed yet."""
    return [entry for entry in severe_console_errors(driver)
            if not any(path in entry["message"] and "404" in entry["message"] for path in MISSING_BACKEND)]


def test_agent_accepts_a_waiting_chat_and_chats_both_ways(server, browser_factory):
    _, visitor, chat = scene(server)
    driver = browser_factory()
    sign_in(driver, server)

    wait_for(lambda: "Jamie" in queue_item(driver, chat["id"]).text, message="Jamie in the queue")
    assert "waiting" in queue_item(driver, chat["id"]).text
    accept(driver, chat["id"])
    wait_for(lambda: "Hello, is my order on its way?" in log_texts(driver), message="the visitor's first message")
    wait_for(lambda: server.admin.get(f"/v1/chats/{chat['id']}")["state"] == "active", message="the chat active")

    send_reply(driver, "Your parcel left our warehouse this morning.")
    assert any(event["type"] == "message" and event["author"]["type"] == "agent"
               and event["text"] == "Your parcel left our warehouse this morning."
               for event in visitor.events(chat["id"]))

    visitor.post(f"/v1/chats/{chat['id']}/messages", {"text": "Thanks!"})
    wait_for(lambda: "Thanks!" in log_texts(driver), message="the visitor's reply")
    assert log_texts(driver).count("Thanks!") == 1

    # Typing, visitor to agent.
    visitor.post(f"/v1/chats/{chat['id']}/typing", {"typing": True})
    wait_for(lambda: "Jamie is typing" in driver.find_element(By.CSS_SELECTOR, ".typing").text, message="the visitor typing")

    # Typing, agent to visitor: the visitor long-polls again and again while the agent types.
    heard = threading.Event()

    def listen():
        cursor = visitor.get("/v1/sync?cursor=latest&timeout=0")["cursor"]
        while not heard.is_set():
            answer = visitor.get(f"/v1/sync?cursor={cursor}&timeout=2")
            cursor = answer["cursor"]
            if any(notice["author"]["type"] == "agent" and notice["typing"] for notice in answer["typing"]):
                heard.set()

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    box = field_by_name(driver, "Message")
    wait_for(lambda: box.send_keys("a") or heard.is_set(), timeout=20, interval=0.5, message="the agent's typing heard")
    heard.set()
    box.clear()

    # A note reaches agents only.
    driver.find_element(By.XPATH, "//label[contains(., 'Note for agents')]").click()
    field_by_name(driver, "Message").send_keys("Customer is a regular.")
    button(driver, "Add note").click()
    wait_for(lambda: "Customer is a regular." in log_texts(driver), message="the note")
    assert driver.find_element(By.CSS_SELECTOR, ".log .line.note").is_displayed()
    assert all(event["type"] != "note" for event in visitor.events(chat["id"]))

    # The reply came back twice (the send's answer and the feed), the first message in the
    # history and maybe on the feed: each shows once.
    assert log_texts(driver) == ["Hello, is my order on its way?", "Your parcel left our warehouse this morning.",
                                 "Thanks!", "Customer is a regular."]
    panel = driver.find_element(By.CSS_SELECTOR, ".visitor-panel").text
    assert "Jamie" in panel and "jamie@example.org" in panel and "Browser" in panel
    screenshot(driver, "console-light")

    button(driver, "Close chat").click()
    wait_for(lambda: "The chat has ended." in driver.find_element(By.CSS_SELECTOR, ".log").text, message="the chat ended")
    assert server.admin.get(f"/v1/chats/{chat['id']}")["state"] == "ended"
    assert not driver.find_element(By.CSS_SELECTOR, ".composer").is_displayed()
    assert real_errors(driver) == []


def test_markup_a_visitor_sends_is_shown_as_text_and_runs_nothing(server, browser_factory):
    attack = '<img src=x onerror="window.__owned=1"><script>window.__owned=2</script><b>bold</b>'
    _, _, chat = scene(server, message=attack)
    driver = browser_factory()
    sign_in(driver, server)
    driver.get(f"{server.url}/console/#/chats/{chat['id']}")
    wait_for(lambda: attack in log_texts(driver), message="the markup shown as text")
    log = driver.find_element(By.CSS_SELECTOR, ".log")
    assert log.find_elements(By.TAG_NAME, "img") == []
    assert log.find_elements(By.TAG_NAME, "script") == []
    assert log.find_elements(By.TAG_NAME, "b") == []
    assert driver.execute_script("return window.__owned === undefined")
