"""An agent's working day in the console: several chats with unread counts, a transfer,
the status switch, sound and desktop notifications, declining an offer, live visitors and an invitation, a
reload that keeps the session, and signing out."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from console_page import accept, button, field, log_texts, queue_item, scene, sign_in, wait_until_console
from parley_api import ParleyAPI, wait_for

RECORD_ALERTS = """
window.__notices = [];
window.__tones = 0;
class RecordingNotification {
  static permission = 'granted';
  static requestPermission() { return Promise.resolve('granted'); }
  constructor(title, options) { window.__notices.push(title + ' | ' + (options.body || '')); }
  close() {}
}
window.Notification = RecordingNotification;
document.hasFocus = () => false;
const createOscillator = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () { window.__tones += 1; return createOscillator.call(this); };
"""


def badge(driver, chat_id):
    return driver.find_element(By.CSS_SELECTOR, f"#my-chats li[data-chat-id='{chat_id}'] .badge")


def test_several_chats_keep_unread_counts_and_one_is_transferred(server, browser_factory):
    department, jamie, first = scene(server)
    billing = server.admin.create_department("Billing")
    robin, second = server.admin.start_chat(department["id"], "Robin", "robin@example.org", "Where is my refund?")
    driver = browser_factory()
    sign_in(driver, server)
    accept(driver, second["id"])
    accept(driver, first["id"])
    wait_for(lambda: "Hello, is my order on its way?" in log_texts(driver), message="Jamie's chat in view")

    robin.post(f"/v1/chats/{second['id']}/messages", {"text": "Any news?"})
    robin.post(f"/v1/chats/{second['id']}/messages", {"text": "Hello?"})
    wait_for(lambda: badge(driver, second["id"]).text == "2", message="two unread in Robin's chat")
    assert not badge(driver, first["id"]).is_displayed()
    assert "2 unread" in driver.find_element(By.CSS_SELECTOR, f"#my-chats li[data-chat-id='{second['id']}']").get_attribute("textContent")

    driver.find_element(By.CSS_SELECTOR, f"#my-chats li[data-chat-id='{second['id']}'] a").click()
    wait_for(lambda: "Hello?" in log_texts(driver), message="Robin's chat in view")
    wait_for(lambda: not badge(driver, second["id"]).is_displayed(), message="the unread count cleared")
    assert log_texts(driver).count("Any news?") == 1

    button(driver, "Transfer").click()
    Select(field(driver, "Transfer to")).select_by_visible_text("Billing")
    field(driver, "Note for the next agent").send_keys("Refund question")
    driver.find_element(By.CSS_SELECTOR, "form.transfer button[type='submit']").click()
    wait_for(lambda: server.admin.get(f"/v1/chats/{second['id']}")["state"] in ("transferring", "queued"),
             message="the chat transferred")
    assert server.admin.get(f"/v1/chats/{second['id']}")["departmentId"] == billing["id"]
    wait_for(lambda: not driver.find_elements(By.CSS_SELECTOR, f"#my-chats li[data-chat-id='{second['id']}']"),
             message="the chat out of My chats")


def test_new_chats_and_messages_out_of_view_ring_and_notify(server, browser_factory):
    department = server.admin.create_department("Support")
    server.admin.put(f"/v1/agents/{server.admin_agent['id']}/departments", {"departmentIds": [department["id"]]})
    driver = browser_factory()
    sign_in(driver, server)
    driver.execute_script(RECORD_ALERTS)
    Select(driver.find_element(By.ID, "status-select")).select_by_visible_text("Online")
    wait_for(lambda: server.admin.get(f"/v1/agents/{server.admin_agent['id']}")["status"] == "online", message="online")

    visitor, chat = server.admin.start_chat(department["id"], "Jamie", "jamie@example.org", "Hi there")
    wait_for(lambda: any(n.startswith("A new chat is waiting") for n in driver.execute_script("return window.__notices")),
             message="the new-chat notification")
    assert driver.execute_script("return window.__tones") > 0

    # Routing offered the chat to this online agent, who turns the offer down, then takes the chat anyway.
    wait_for(lambda: button(driver, "Decline", queue_item(driver, chat["id"])), message="the offer to decline")
    button(driver, "Decline", queue_item(driver, chat["id"])).click()
    wait_for(lambda: any(event["type"] == "offer_withdrawn" and event.get("reason") == "declined"
                         for event in server.admin.events(chat["id"])), message="the offer declined")
    accept(driver, chat["id"])
    driver.find_element(By.LINK_TEXT, "Visitors").click()
    visitor.post(f"/v1/chats/{chat['id']}/messages", {"text": "Are you there?"})
    wait_for(lambda: "New message from Jamie | Are you there?" in driver.execute_script("return window.__notices"),
             message="the new-message notification")


def test_live_visitors_are_listed_and_can_be_invited(server, browser_factory):
    tracked = ParleyAPI(server.url).post("/v1/visitors", {"url": "https://shop.example/pricing", "title": "Pricing", "name": "Sam"})
    visitor_id = tracked["visitor"]["id"]
    driver = browser_factory()
    sign_in(driver, server)
    driver.find_element(By.LINK_TEXT, "Visitors").click()
    row = wait_for(lambda: driver.find_element(By.XPATH, "//tr[td[normalize-space()='Sam']]"), message="Sam listed")
    assert "Pricing" in row.text
    button(driver, "Invite", row).click()
    wait_for(lambda: server.admin.get(f"/v1/visitors/{visitor_id}")["status"] == "manuallyInvited", message="the invitation")


def test_status_survives_a_reload_and_sign_out_ends_the_session(server, browser_factory):
    server.admin.post("/v1/away-statuses", {"name": "Lunch"})
    driver = browser_factory()
    sign_in(driver, server)
    Select(driver.find_element(By.ID, "status-select")).select_by_visible_text("Away: Lunch")
    wait_for(lambda: server.admin.get(f"/v1/agents/{server.admin_agent['id']}").get("awayReason") == "Lunch",
             message="away for lunch")

    driver.refresh()
    wait_until_console(driver)
    assert Select(driver.find_element(By.ID, "status-select")).first_selected_option.text == "Away: Lunch"
    token = driver.execute_script("return JSON.parse(localStorage.getItem('parley.console.session')).accessToken")

    button(driver, "Sign out").click()
    wait_for(lambda: driver.find_element(By.ID, "signin-email").is_displayed(), message="the sign-in form")
    assert driver.execute_script("return localStorage.getItem('parley.console.session')") is None
    try:
        ParleyAPI(server.url, token).get("/v1/me")
        raise AssertionError("the signed-out token still works")
    except Exception as error:  # the API client raises ApiError for the 401
        assert "401" in str(error)
