"""The agent's network drops while the visitor writes: when it returns, every message the
visitor sent meanwhile shows once, in order, and the console said it was reconnecting."""
from selenium.webdriver.common.by import By

from console_page import accept, connection_state, log_texts, scene, sign_in
from parley_api import wait_for

MISSED = ["First while you were away", "Second while you were away", "Third while you were away"]


def test_messages_sent_during_a_network_drop_appear_once_in_order(server, browser_factory):
    _, visitor, chat = scene(server)
    driver = browser_factory()
    sign_in(driver, server)
    accept(driver, chat["id"])
    wait_for(lambda: "Hello, is my order on its way?" in log_texts(driver), message="the first message")

    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    wait_for(lambda: connection_state(driver) == "reconnecting", message="the reconnecting state")
    pill = driver.find_element(By.ID, "connection")
    assert pill.is_displayed() and pill.text == "Reconnecting…"

    for text in MISSED:
        visitor.post(f"/v1/chats/{chat['id']}/messages", {"text": text})
    assert not any(text in log_texts(driver) for text in MISSED)

    driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)
    wait_for(lambda: all(text in log_texts(driver) for text in MISSED), timeout=30, message="the missed messages")
    wait_for(lambda: connection_state(driver) == "live", message="the feed live again")
    texts = log_texts(driver)
    assert [texts.count(text) for text in MISSED] == [1, 1, 1]
    assert [text for text in texts if text in MISSED] == MISSED
