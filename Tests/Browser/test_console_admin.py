"""Admin pages and the tools that read what admins define: a department made in the UI is
listed; canned responses come in by `/shortcut` and Ctrl+/; search finds a past chat."""
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from console_page import accept, button, field, field_by_name, log_texts, scene, serious_violations, sign_in
from parley_api import wait_for


def test_a_department_created_in_the_admin_page_is_listed(server, browser_factory):
    driver = browser_factory()
    sign_in(driver, server)
    driver.find_element(By.LINK_TEXT, "Admin").click()
    wait_for(lambda: field(driver, "Name"), message="the department form")
    field(driver, "Name").send_keys("Billing")
    button(driver, "Create department").click()
    wait_for(lambda: "Billing" in driver.find_element(By.CSS_SELECTOR, ".admin-section table").text,
             message="Billing in the table")
    billing = server.admin.get("/v1/departments")["items"]
    assert [d["name"] for d in billing] == ["Billing"]

    driver.find_element(By.LINK_TEXT, "Agents").click()
    editor = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".inline-editor"), message="the agent's departments")
    editor.find_element(By.TAG_NAME, "summary").click()
    editor.find_element(By.XPATH, ".//label[normalize-space()='Billing']").click()
    button(driver, "Save departments", editor).click()
    wait_for(lambda: server.admin.get(f"/v1/agents/{server.admin_agent['id']}")["departmentIds"] == [billing[0]["id"]],
             message="the admin in Billing")

    driver.find_element(By.LINK_TEXT, "Away statuses").click()
    wait_for(lambda: field(driver, "Name"), message="the away-status form")
    field(driver, "Name").send_keys("Lunch")
    button(driver, "Add status").click()
    wait_for(lambda: "Lunch" in driver.find_element(By.CSS_SELECTOR, ".admin-section table").text, message="Lunch listed")
    assert server.admin.get("/v1/away-statuses")["items"] == ["Lunch"]


def test_every_page_passes_axe(server, browser_factory):
    scene(server)
    server.admin.post("/v1/bans", {"addresses": "192.0.2.0/24", "reason": "Spam"})
    driver = browser_factory()
    sign_in(driver, server)
    pages = ["visitors", "search", "offline"] + [f"admin/{page}" for page in
                                               ["departments", "agents", "away-statuses", "canned", "prechat", "webhooks", "bans"]]
    axe = Axe(driver)
    for page in pages:
        driver.get(f"{server.url}/console/#/{page}")
        wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "#main h1").is_displayed(), message=f"the {page} page")
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#main table, #main form, #main ul"), message=f"{page} filled")
        axe.inject()
        assert serious_violations(axe.run()) == [], page


def test_a_canned_response_is_inserted_by_its_shortcut(server, browser_factory):
    text = "Thanks for waiting, I am looking into it now."
    server.admin.post("/v1/canned-responses", {"shortcut": "wait", "title": "Thanks for waiting", "text": text})
    _, _, chat = scene(server)
    driver = browser_factory()
    sign_in(driver, server)
    accept(driver, chat["id"])
    box = field_by_name(driver, "Message")
    box.send_keys("/wa")
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".canned-option").is_displayed(), message="the suggestion")
    box.send_keys(Keys.ENTER)
    wait_for(lambda: box.get_attribute("value") == text, message="the canned text in the composer")
    box.clear()
    box.send_keys(Keys.CONTROL, "/")
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".canned-option").is_displayed(), message="the full list")
    box.send_keys(Keys.TAB)
    assert box.get_attribute("value") == text
    box.send_keys(Keys.ENTER)
    wait_for(lambda: text in log_texts(driver), message="the canned reply sent")


def test_search_finds_a_past_chat(server, browser_factory):
    _, _, chat = scene(server, message="My invoice 7781 is wrong")
    server.admin.post(f"/v1/chats/{chat['id']}/close")
    driver = browser_factory()
    sign_in(driver, server)
    driver.find_element(By.LINK_TEXT, "Search").click()
    query = wait_for(lambda: driver.find_element(By.ID, "search-query"), message="the search field")
    query.send_keys("invoice", Keys.ENTER)
    link = wait_for(lambda: driver.find_element(By.PARTIAL_LINK_TEXT, f"#{chat['number']}"), message="the hit")
    link.click()
    wait_for(lambda: "My invoice 7781 is wrong" in log_texts(driver), message="the past chat opened")
