"""Access tokens that lapse within seconds: the console trades them for new ones quietly and
the agent keeps working without signing in again."""
import pytest

from console_page import accept, log_texts, scene, send_reply, sign_in
from parley_api import wait_for

SESSION = "return JSON.parse(localStorage.getItem('parley.console.session'))"


@pytest.fixture
def server_env():
    # The shortest lifetime the server allows, within the console's refresh margin: every
    # call the console makes needs a refreshed token first.
    return {"PARLEY_ACCESS_TOKEN_TTL_SECONDS": "30"}


def test_tokens_are_refreshed_quietly(server, browser_factory):
    _, visitor, chat = scene(server)
    driver = browser_factory()
    sign_in(driver, server)
    before = driver.execute_script(SESSION)
    accept(driver, chat["id"])
    send_reply(driver, "Still here")
    visitor.post(f"/v1/chats/{chat['id']}/messages", {"text": "Great"})
    wait_for(lambda: "Great" in log_texts(driver), message="the visitor's message")
    after = driver.execute_script(SESSION)
    assert after["refreshToken"] != before["refreshToken"]
    assert not driver.find_elements("id", "signin-view"), "the agent was asked to sign in again"
