"""The offline form outside the department's hours or with nobody online, stored as an offline
message for its agents."""
from selenium.webdriver.common.by import By

from parley_api import wait_for
from widget_page import button, field, open_panel, page_errors, staffed_department


def test_outside_hours_the_offline_form_leaves_a_message_for_the_agents(server, host_site_factory, browser_factory):
    department = server.admin.create_department("Support")
    closed_every_day = {"time_zone": "Etc/UTC", "workingDayMessage": "We answer from 8:00 to 17:00.", "days": {"workingDays": []}}
    server.admin.put("/v1/calendars/acme/gt", closed_every_day)
    linked = server.admin.patch(f"/v1/departments/{department['id']}", {"calendar": "acme/gt"})
    assert linked["isOpen"] is False
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    open_panel(driver)

    wait_for(lambda: "We answer from 8:00 to 17:00." in driver.find_element(By.CSS_SELECTOR, ".prechat .intro").text,
             message="the department's closed message")
    assert [node.text for node in driver.find_elements(By.CSS_SELECTOR, "button[type=submit]")] == ["Leave a message"]
    field(driver, "Name").send_keys("Jamie")
    field(driver, "Email").send_keys("jamie@example.org")
    field(driver, "Message").send_keys("Please call me back about my order.")
    button(driver, "Leave a message").click()
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".prechat [role=status]").text
             == "Thank you. Your message is with us, and we will answer by email.", message="the thanks")

    stored = server.admin.get(f"/v1/offline-messages?departmentId={department['id']}")["items"]
    assert [(m["name"], m["email"], m["message"]) for m in stored] == [("Jamie", "jamie@example.org", "Please call me back about my order.")]
    assert server.admin.get("/v1/chats")["items"] == []
    assert page_errors(driver) == []


def test_a_department_that_closes_while_the_form_is_open_turns_it_into_the_offline_form(server, host_site_factory, browser_factory):
    department, _ = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    open_panel(driver)
    wait_for(lambda: field(driver, "Name").is_displayed(), message="the pre-chat form")
    field(driver, "Name").send_keys("Jamie")
    field(driver, "Email").send_keys("jamie@example.org")
    field(driver, "Message").send_keys("Are you there?")
    server.admin.put("/v1/calendars/acme/gt", {"time_zone": "Etc/UTC", "workingDayMessage": "Back at 8:00.", "days": {"workingDays": []}})
    server.admin.patch(f"/v1/departments/{department['id']}", {"calendar": "acme/gt"})
    button(driver, "Start chat").click()

    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".prechat .intro").text == "Back at 8:00.", message="the offline form")
    assert field(driver, "Message").get_attribute("value") == "Are you there?"
    button(driver, "Leave a message").click()
    wait_for(lambda: server.admin.get("/v1/offline-messages")["items"], message="the offline message stored")
    assert server.admin.get("/v1/chats")["items"] == []


def test_with_nobody_online_the_offline_form_is_offered(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    agent.set_status(agent.get("/v1/me")["agent"]["id"], "offline")
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    open_panel(driver)
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".prechat .intro").text == "Nobody is online right now.",
             message="nobody online said")
    field(driver, "Name").send_keys("Jamie")
    field(driver, "Email").send_keys("jamie@example.org")
    field(driver, "Message").send_keys("Call me tomorrow")
    button(driver, "Leave a message").click()
    wait_for(lambda: server.admin.get("/v1/offline-messages")["items"], message="the offline message stored")
    assert server.admin.get("/v1/chats")["items"] == []
