"""The widget for everyone: keyboard only, axe-core's rules in light and dark, a 400-pixel
phone, Arabic from right to left; and the screenshots a person looks at."""
from axe_selenium_python import Axe
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import screenshot
from parley_api import wait_for
from widget_page import FRAME, chat_in_progress, enter_widget, log_lines, page_errors, staffed_department, waiting_chat

AGENT_LINES = ["Hi Jamie! Let me look that up.", "Your parcel left our warehouse this morning."]


def serious_violations(driver):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in results["violations"]
            if v["impact"] in ("serious", "critical")]


def press(driver, *keys):
    ActionChains(driver).send_keys(*keys).perform()


def inside_panel(driver):
    return driver.execute_script("return document.getElementById('panel').contains(document.activeElement)")


def test_keyboard_alone_opens_the_widget_starts_a_chat_and_closes_it(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    driver.get(site.url + "/index.html")
    enter_widget(driver)
    driver.switch_to.default_content()

    press(driver, Keys.TAB)  # the host page's link
    press(driver, Keys.TAB)  # into the widget: its launcher
    assert driver.switch_to.active_element == driver.find_element(*FRAME)
    driver.switch_to.frame(driver.find_element(*FRAME))
    assert driver.switch_to.active_element.get_attribute("aria-label") == "Open chat"
    press(driver, Keys.ENTER)
    wait_for(lambda: driver.switch_to.active_element.get_attribute("name") == "name", message="focus on the name field")

    press(driver, "Jamie", Keys.TAB, "jamie@example.org", Keys.TAB, "Keyboard only, please", Keys.TAB)
    assert driver.switch_to.active_element.text == "Start chat"
    for _ in range(8):  # focus stays inside the open panel, round and round
        press(driver, Keys.TAB)
        assert inside_panel(driver)
    for _ in range(8):
        press(driver, Keys.SHIFT, Keys.TAB)
        assert inside_panel(driver)
    driver.execute_script("document.querySelector('.prechat button[type=submit]').focus()")
    press(driver, Keys.ENTER)
    wait_for(lambda: driver.switch_to.active_element.get_attribute("id") == "message", message="focus on the message box")
    assert waiting_chat(agent)["state"] == "queued"

    press(driver, "And a second line", Keys.ENTER)
    wait_for(lambda: log_lines(driver) == ["Keyboard only, please", "And a second line"], message="the line sent with Enter")
    press(driver, Keys.ESCAPE)
    wait_for(lambda: not driver.find_element(By.ID, "panel").is_displayed(), message="the panel closed")
    assert driver.switch_to.active_element.get_attribute("id") == "launcher"


def test_axe_finds_nothing_serious_in_light_and_dark(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    for dark in (False, True):
        driver = browser_factory(dark=dark)
        driver.get(site.url + "/index.html")
        enter_widget(driver)
        assert serious_violations(driver) == [], "the closed launcher"
        driver.find_element(By.ID, "launcher").click()
        wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, ".prechat"), message="the pre-chat form")
        assert serious_violations(driver) == [], "the pre-chat form"
        if not dark:
            continue
        chat_in_progress(agent, driver, site, AGENT_LINES)
        agent.post(f"/v1/chats/{waiting_or_active(agent)}/typing", {"typing": True})
        wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".typing").text, message="the agent typing")
        assert serious_violations(driver) == [], "the chat"
        screenshot(driver, "widget-dark")


def waiting_or_active(agent):
    return agent.get("/v1/chats?state=active")["items"][0]["id"]


def test_a_phone_gets_the_whole_visible_screen_with_the_input_in_view(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory(width=400, height=780)
    chat_in_progress(agent, driver, site, AGENT_LINES)
    driver.switch_to.default_content()
    viewport = driver.execute_script("return [visualViewport.width, visualViewport.height]")
    box = driver.find_element(*FRAME).rect
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, viewport[0], viewport[1])
    driver.switch_to.frame(driver.find_element(*FRAME))
    panel = driver.find_element(By.ID, "panel").rect
    assert (panel["x"], panel["y"], panel["width"], panel["height"]) == (0, 0, viewport[0], viewport[1])
    message = driver.find_element(By.ID, "message").rect
    assert message["y"] + message["height"] <= viewport[1]
    send = driver.find_element(By.CSS_SELECTOR, "button.send").rect
    assert send["x"] + send["width"] <= viewport[0]
    screenshot(driver, "widget-phone")

    # The visible screen shrinks (as when the phone's keyboard opens): the frame follows it.
    driver.switch_to.default_content()
    driver.set_window_size(400, 560)
    smaller = wait_for(lambda: (lambda v: v if v[1] < viewport[1] else None)(
        driver.execute_script("return [visualViewport.width, visualViewport.height]")), message="a smaller screen")
    frame = driver.find_element(*FRAME)
    wait_for(lambda: frame.rect["height"] == smaller[1], message="the frame fitted to the smaller screen")
    driver.switch_to.frame(frame)
    message = driver.find_element(By.ID, "message").rect
    assert message["y"] + message["height"] <= smaller[1]
    assert page_errors(driver) == []


def test_arabic_reads_right_to_left(server, host_site_factory, browser_factory):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory(language="ar")
    driver.get(site.url + "/index.html")
    enter_widget(driver)
    assert driver.execute_script("return [document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert driver.find_element(By.ID, "launcher").get_attribute("aria-label") == "افتح المحادثة"
    driver.find_element(By.ID, "launcher").click()
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".prechat button[type=submit]").text == "ابدأ المحادثة",
             message="the form in Arabic")
    arabic = ("الاسم", "البريد الإلكتروني", "الرسالة", "ابدأ المحادثة")
    chat_in_progress(agent, driver, site, ["مرحبًا جيمي، كيف يمكنني مساعدتك؟"], visitor_line="مرحبًا، أحتاج مساعدة", labels=arabic)
    visitor = driver.find_element(By.CSS_SELECTOR, "li.from-visitor .text").rect
    answer = driver.find_element(By.CSS_SELECTOR, "li.from-agent .text").rect
    assert visitor["x"] < answer["x"], "the visitor's lines on the left, the agent's on the right"
    assert serious_violations(driver) == []
    screenshot(driver, "widget-ar")


def test_the_host_page_may_choose_the_language(server, host_site_factory, browser_factory):
    department, _ = staffed_department(server)
    site = host_site_factory(server.url, department["id"], 'data-language="es"')
    driver = browser_factory(language="en")
    driver.get(site.url + "/index.html")
    enter_widget(driver)
    assert driver.find_element(By.ID, "launcher").get_attribute("aria-label") == "Abrir chat"
    driver.find_element(By.ID, "launcher").click()
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".prechat button[type=submit]").text == "Iniciar chat",
             message="the form in Spanish")
    assert driver.execute_script("return document.documentElement.lang") == "es"
