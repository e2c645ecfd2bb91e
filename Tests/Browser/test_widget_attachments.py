"""Files in the widget: the visitor's upload reaches the agent, the agent's image is previewed
and other files are links, both through blob URLs; too large (413) and refused types (415) are
said plainly. Needs the attachments API (`POST /v1/chats/{id}/attachments`)."""
import base64
import json
import urllib.error
import urllib.request
import uuid

import pytest
from selenium.webdriver.common.by import By

from parley_api import wait_for
from widget_page import chat_in_progress, staffed_department

# A 2x2 red PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="
)


@pytest.fixture
def server_env():
    return {"PARLEY_MAX_ATTACHMENT_BYTES": "4096"}


def upload_as(api, chat_id, name, content_type, data):
    """Posts a file as `api`'s caller, multipart as a browser would."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{api.base_url}/v1/chats/{chat_id}/attachments", data=body, method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Authorization", "Bearer " + api.token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_files_go_both_ways_and_refusals_are_explained(server, host_site_factory, browser_factory, tmp_path):
    department, agent = staffed_department(server)
    site = host_site_factory(server.url, department["id"])
    driver = browser_factory()
    chat = chat_in_progress(agent, driver, site, ["Send me a photo of the label"])

    photo = tmp_path / "label.png"
    photo.write_bytes(PNG)
    attach = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "button.attach"), message="the attach button")
    assert attach.is_displayed() and attach.get_attribute("aria-label") == "Attach a file"
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(photo))
    wait_for(lambda: [e for e in agent.events(chat["id"]) if e["type"] == "attachment"], message="the visitor's file at the agent")
    preview = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "li.from-visitor img.preview"), message="the visitor's preview")
    assert preview.get_attribute("src").startswith("blob:") and preview.get_attribute("alt") == "label.png"

    upload_as(agent, chat["id"], "invoice.txt", "text/plain", b"Invoice 1042: 3 items")
    link = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "li.from-agent a.file-link"), message="the agent's file")
    assert link.text == "invoice.txt" and link.get_attribute("href").startswith("blob:")

    big = tmp_path / "big.png"
    big.write_bytes(PNG + b"\0" * 8192)
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(big))
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".composer-error").text == "big.png is too large to send.",
             message="the 413 said")
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ\x90\x00" + b"\0" * 64)
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(program))
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".composer-error").text == "Files like setup.exe cannot be sent here.",
             message="the 415 said")
    assert len([e for e in agent.events(chat["id"]) if e["type"] == "attachment"]) == 2
