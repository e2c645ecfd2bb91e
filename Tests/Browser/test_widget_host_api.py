"""What the host site sees and does: `Parley(...)` calls made before the loader ran, its event
listeners, the unread badge on the closed launcher, an agent's invitation, the end of a chat,
and a dropped network the widget says it is reconnecting from."""
from selenium.webdriver.common.by import By

from parley_api import wait_for
from widget_page import (
    button, enter_widget, field, joined_chat, log_lines, page_errors, send, staffed_department, start_chat, waiting_chat,
)

HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Account</title></head><body>
<main><h1>Account</h1></main>
<script>
window.Parley = window.Parley || function(){(Parley.q = Parley.q || []).push(arguments)};
window.seen = [];
Parley('setUser', {name: 'Jamie Doe', email: 'jamie@example.org'});
Parley('setCustomVariables', [{name: 'plan', value: 'gold', url: 'https://shop.example.org/plans/gold'}]);
['chatStarted', 'message', 'chatEnded'].forEach(function (name) {
  Parley('on', name, function (detail) { window.seen.push([name, detail]); });
});
Parley('open');
</script>
<script src="PARLEY/widget.js" data-department="DEPARTMENT" async></script>
</body></html>"""


def test_calls_made_before_the_loader_ran_are_kept_and_listeners_hear_the_chat(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    (site.folder / "account.html").write_text(HOST_PAGE.replace("PARLEY", server.url).replace("DEPARTMENT", str(department["id"])))
    driver = browser_factory()
    driver.get(site.url + "/account.html")
    enter_widget(driver)
    wait_for(lambda: driver.find_element(By.ID, "panel").is_displayed(), message="the panel Parley('open') asked for")
    wait_for(lambda: field(driver, "Name").get_attribute("value") == "Jamie Doe", message="the name from setUser")
    assert field(driver, "Email").get_attribute("value") == "jamie@example.org"
    field(driver, "Message").send_keys("Is gold worth it?")
    button(driver, "Start chat").click()

    chat = waiting_chat(agent)
    visitor = server.admin.get(f"/v1/visitors/{chat['visitorId']}")
    assert [(v["name"], v["value"]) for v in visitor["customVariables"]] == [("plan", "gold")]
    assert (visitor["name"], visitor["email"]) == ("Jamie Doe", "jamie@example.org")
    agent.post(f"/v1/chats/{chat['id']}/join")
    agent.post(f"/v1/chats/{chat['id']}/messages", {"text": "It is!"})
    agent.post(f"/v1/chats/{chat['id']}/close")

    driver.switch_to.default_content()
    seen = wait_for(lambda: [s for s in driver.execute_script("return window.seen") if s[0] == "chatEnded"] and driver.execute_script("return window.seen"),
                    message="the chat's end on the host page")
    assert [name for name, _ in seen] == ["chatStarted", "message", "chatEnded"]
    assert seen[0][1]["chatId"] == chat["id"]
    assert (seen[1][1]["from"], seen[1][1]["text"]) == ("agent", "It is!")
    driver.execute_script("Parley('close')")
    enter_widget(driver)
    wait_for(lambda: not driver.find_element(By.ID, "panel").is_displayed(), message="the panel closed by Parley('close')")


def test_the_closed_launcher_counts_unread_lines_until_opened(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    chat = joined_chat(agent, driver, site, "Hello")
    button(driver, "Close chat").click()
    for text in ("One", "Two"):
        agent.post(f"/v1/chats/{chat['id']}/messages", {"text": text})
    badge = driver.find_element(By.ID, "badge")
    wait_for(lambda: badge.is_displayed() and badge.text == "2", message="two unread lines")
    assert driver.find_element(By.ID, "unread-description").get_attribute("textContent") == "2 unread messages"
    assert driver.find_element(By.ID, "launcher").get_attribute("aria-label") == "Open chat"
    driver.get(site.url + "/pricing.html")  # the count survives a new page
    enter_widget(driver)
    wait_for(lambda: driver.find_element(By.ID, "badge").text == "2", message="the count on the next page")
    driver.find_element(By.ID, "launcher").click()
    wait_for(lambda: not driver.find_element(By.ID, "badge").is_displayed(), message="the badge gone once read")
    assert log_lines(driver) == ["Hello", "One", "Two"]


def test_an_agents_invitation_is_shown_and_accepted(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    enter_widget(driver)
    visitor = wait_for(lambda: agent.get("/v1/visitors")["items"], message="the visitor on the site")[0]
    agent.post(f"/v1/visitors/{visitor['id']}/invitation")
    wait_for(lambda: driver.find_element(By.ID, "teaser").is_displayed(), message="the invitation")
    assert "An agent is here to chat." in driver.find_element(By.ID, "teaser").text
    button(driver, "Accept").click()
    wait_for(lambda: driver.find_element(By.ID, "panel").is_displayed(), message="the panel")
    wait_for(lambda: "An agent is ready to help you." in driver.find_element(By.CSS_SELECTOR, ".prechat .intro").text,
             message="the invitation's form")
    assert server.admin.get(f"/v1/visitors/{visitor['id']}")["invitation"]["answer"] == "accepted"
    start_chat(driver, "Jamie", "jamie@example.org", "Yes please")
    assert waiting_chat(agent)["visitorId"] == visitor["id"]


def test_a_dropped_network_shows_reconnecting_and_loses_and_repeats_nothing(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    chat = joined_chat(agent, driver, site, "Hello")
    wait_for(lambda: "Ana" in driver.find_element(By.CSS_SELECTOR, ".standing").text, message="the agent joined")

    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    banner = driver.find_element(By.ID, "connection")
    wait_for(lambda: banner.is_displayed() and banner.text.startswith("Reconnecting…"), message="the reconnecting banner")
    send(driver, "Sent while offline")
    for text in ("Missed one", "Missed two"):
        agent.post(f"/v1/chats/{chat['id']}/messages", {"text": text})
    driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)

    wait_for(lambda: not banner.is_displayed(), timeout=30, message="the connection back")
    wait_for(lambda: sorted(log_lines(driver)) == sorted(["Hello", "Missed one", "Missed two", "Sent while offline"])
             and not driver.find_elements(By.CSS_SELECTOR, "li.pending"), timeout=30, message="every line once")
    stored = [e["text"] for e in agent.events(chat["id"]) if e["type"] == "message"]
    assert stored.count("Sent while offline") == 1

    agent.post(f"/v1/chats/{chat['id']}/close")
    wait_for(lambda: button(driver, "Start a new chat"), message="the end of the chat")
    assert driver.find_element(By.ID, "message").is_displayed() is False
    button(driver, "Start a new chat").click()
    wait_for(lambda: field(driver, "Message").is_displayed(), message="a new pre-chat form")
    assert [e for e in page_errors(driver) if "ERR_INTERNET_DISCONNECTED" not in e["message"]] == []


def test_custom_variables_set_on_a_later_page_and_after_loading_reach_the_visitor(server, host_site_factory, browser_factory):
    department, _ = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    (site.folder / "account.html").write_text(HOST_PAGE.replace("PARLEY", server.url).replace("DEPARTMENT", str(department["id"])))
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    enter_widget(driver)
    visitor = wait_for(lambda: server.admin.get("/v1/visitors")["items"], message="the visitor tracked")[0]
    assert server.admin.get(f"/v1/visitors/{visitor['id']}")["customVariables"] == []

    def variables():
        return [(v["name"], v["value"]) for v in server.admin.get(f"/v1/visitors/{visitor['id']}")["customVariables"]]

    driver.get(site.url + "/account.html")
    enter_widget(driver)
    wait_for(lambda: variables() == [("plan", "gold")], message="the account page's variables")
    driver.switch_to.default_content()
    driver.execute_script("Parley('setCustomVariables', [{name: 'plan', value: 'platinum'}])")
    wait_for(lambda: variables() == [("plan", "platinum")], message="the variables set after loading")
    assert len(server.admin.get("/v1/visitors")["items"]) == 1
