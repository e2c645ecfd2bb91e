"""The extra pre-chat fields an admin defines (`PUT /v1/prechat-fields`) show in the widget's
form, a required one is asked for, and the answers reach the visitor's record. Needs the
pre-chat fields API."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from parley_api import wait_for
from widget_page import button, field, open_panel, staffed_department, waiting_chat

FIELDS = [
    {"key": "order", "label": "Order number", "type": "text", "required": True},
    {"key": "topic", "label": "Topic", "type": "select", "required": False, "options": ["Billing", "Delivery"]},
    {"key": "newsletter", "label": "Send me news", "type": "checkbox", "required": False},
]


def test_the_admins_extra_fields_are_asked_and_answered(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    server.admin.put("/v1/prechat-fields", {"items": [{**f, "departmentId": department["id"]} for f in FIELDS]})
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    open_panel(driver)
    wait_for(lambda: field(driver, "Order number").is_displayed(), message="the extra fields")
    field(driver, "Name").send_keys("Jamie")
    field(driver, "Email").send_keys("jamie@example.org")
    field(driver, "Message").send_keys("Where is it?")
    Select(field(driver, "Topic")).select_by_visible_text("Delivery")
    field(driver, "Send me news").click()
    button(driver, "Start chat").click()
    order = field(driver, "Order number")
    wait_for(lambda: order.get_attribute("aria-invalid") == "true", message="the required field asked for")
    assert driver.switch_to.active_element == order
    assert driver.find_element(By.ID, "field-order-error").text == "Please fill this in."
    order.send_keys("A-1042")
    button(driver, "Start chat").click()

    chat = waiting_chat(agent)
    answers = {f["name"]: f["value"] for f in server.admin.get(f"/v1/visitors/{chat['visitorId']}")["fields"]}
    assert answers == {"order": "A-1042", "topic": "Delivery", "newsletter": "yes"}
