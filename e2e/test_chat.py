"""A child and a counsellor chat through Cove, each in their own real browser.

The child needs no account and gets no cookie; the counsellor signs in, goes
available, takes the offer and answers. Quick exit must leave nothing of the
chat in the tab. Elements are found by id and class, never by English text.
"""

from __future__ import annotations

import pytest
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import CHROMEDRIVER, _chrome_options, axe_check

HELPLINE = "ke-child-helpline-116"
# One organisation for the whole session's server: a helpline has one organisation.
ORGANISATION = "Childline Kenya (browser tests)"
WAIT = 20


@pytest.fixture
def child_driver():
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=_chrome_options())
    drv.set_window_size(360, 740)
    try:
        yield drv
    finally:
        drv.quit()


def wait_for(driver, condition, what: str):
    # Consoles redraw as frames arrive; an element found a moment ago may be gone.
    return WebDriverWait(driver, WAIT, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: condition(d), message=f"waited {WAIT} s for {what}"
    )


def visible(driver, element_id: str) -> bool:
    found = driver.find_elements(By.ID, element_id)
    return bool(found) and found[0].is_displayed()


def texts(driver, selector: str) -> list[str]:
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, selector)]


@pytest.fixture
def counsellor(browser, server):
    result = server.cli("chat", "enable", HELPLINE, "--org", ORGANISATION)
    assert result.returncode == 0, result.stdout + result.stderr
    account = browser.sign_in_new_account(server.create_account(org=ORGANISATION, role="counsellor"))
    browser.visit("/en/console")
    status = browser.by_id("console-status")
    wait_for(browser.driver, lambda d: status.is_enabled(), "the console to connect")
    status.click()
    wait_for(browser.driver, lambda d: status.get_attribute("aria-pressed") == "true", "the counsellor to be available")
    yield browser
    # Leave the helpline without anyone on duty for the other tests.
    browser.visit("/en/console")
    status = browser.by_id("console-status")
    wait_for(browser.driver, lambda d: status.is_enabled(), "the console to reconnect")
    if status.get_attribute("aria-pressed") == "true":
        status.click()
        wait_for(browser.driver, lambda d: status.get_attribute("aria-pressed") == "false", "the counsellor to be away")


def start_chat(driver, server) -> None:
    driver.get(server.url(f"/en/chat/{HELPLINE}"))
    wait_for(driver, lambda d: visible(d, "chat-start-form"), "the start form")
    axe_check(driver)
    assert not driver.get_cookies(), "the chat page must set no cookie"
    driver.find_element(By.ID, "chat-nickname").send_keys("Sky")
    driver.find_element(By.ID, "chat-consent").click()
    driver.find_element(By.ID, "chat-start").click()
    wait_for(driver, lambda d: visible(d, "chat-area"), "the chat to start")


def test_child_and_counsellor_chat_in_two_browsers(counsellor, server, child_driver):
    console = counsellor.driver
    start_chat(child_driver, server)

    accept = wait_for(console, lambda d: d.find_elements(By.CSS_SELECTOR, "#console-offers .o-accept"), "an offer")
    accept[0].click()
    wait_for(console, lambda d: d.find_elements(By.CSS_SELECTOR, "#console-chats .panel"), "the chat panel")
    child_driver.find_element(By.ID, "chat-text").send_keys("someone is sending me bad pictures")
    child_driver.find_element(By.ID, "chat-send").click()
    wait_for(console, lambda d: "someone is sending me bad pictures" in " ".join(texts(d, ".panel .chat-log li.child")),
             "the child's message on the console")
    reply = console.find_element(By.CSS_SELECTOR, "#console-chats .panel .p-text")
    reply.send_keys("Thank you for telling me. You did the right thing.")
    console.find_element(By.CSS_SELECTOR, "#console-chats .panel .p-send").click()

    wait_for(child_driver, lambda d: "You did the right thing." in " ".join(texts(d, "#chat-log li.counsellor")),
             "the counsellor's reply in the child's chat")
    assert not child_driver.get_cookies(), "no cookie during the chat either"
    axe_check(child_driver)
    axe_check(console)

    form_link = wait_for(console, lambda d: [a.get_attribute("href") for a in d.find_elements(
        By.CSS_SELECTOR, "#console-chats .panel .p-contact a") if a.is_displayed()], "the contact form link")
    counsellor.visit(urllib.parse.urlsplit(form_link[0]).path)
    Select(counsellor.by_id("contact_type")).select_by_value("child-self")
    Select(counsellor.by_id("class_0")).select_by_value("online-harm/online-sexual-exploitation-and-abuse")
    counsellor.fill("age", "13")
    counsellor.fill("summary", "Pressured to send images; talked through blocking and reporting.")
    counsellor.submit("contact-finalise")
    assert counsellor.by_id("contact-saved").get_attribute("data-saved") == "final"
    assert counsellor.by_id("contact-status").get_attribute("data-status") == "final"


def test_quick_exit_leaves_nothing_of_the_chat_in_the_tab(counsellor, server, child_driver):
    child_driver.get(server.url("/en/help"))
    start_chat(child_driver, server)
    stored = child_driver.execute_script("return window.sessionStorage.length")
    assert stored > 0, "the chat keeps its secret in this tab while it runs"

    child_driver.find_element(By.ID, "quick-exit").click()
    wait_for(child_driver, lambda d: f"/chat/{HELPLINE}" not in d.current_url, "quick exit to leave")
    child_driver.back()
    wait_for(child_driver, lambda d: d.current_url.startswith(server.url("/")), "Back to reach Cove again")

    assert f"/chat/{HELPLINE}" not in child_driver.current_url, "Back must not return to the chat"
    assert child_driver.execute_script("return window.sessionStorage.length") == 0
