"""Language switcher and right-to-left layout."""

import urllib.parse

from selenium.webdriver.common.by import By

OTHER_LANGUAGES = ("ar", "fr", "es", "ru", "zh")


def test_switch_to_arabic_and_back(browser):
    browser.visit("/en/")
    assert browser.html_attribute("lang") == "en"
    assert browser.html_attribute("dir") == "ltr"

    for code in OTHER_LANGUAGES:
        link = browser.by_id(f"lang-{code}")
        assert link.tag_name == "a"
        hreflang = link.get_attribute("hreflang") or ""
        assert hreflang.split("-")[0].lower() == code, f"#lang-{code} hreflang={hreflang!r}"
        href_path = urllib.parse.urlsplit(link.get_attribute("href")).path
        assert href_path == f"/{code}/", f"#lang-{code} links to {href_path}"

    browser.follow("lang-ar")
    browser.expect_path("/ar/")
    assert browser.html_attribute("lang") == "ar"
    assert browser.html_attribute("dir") == "rtl"
    assert browser.by_id("lang-en").get_attribute("hreflang").split("-")[0].lower() == "en"

    browser.follow("lang-en")
    browser.expect_path("/en/")
    assert browser.html_attribute("lang") == "en"
    assert browser.html_attribute("dir") == "ltr"


def test_arabic_sign_in_page_is_right_to_left(browser):
    browser.visit("/ar/sign-in")
    assert browser.path == "/ar/sign-in"
    assert browser.html_attribute("lang") == "ar"
    assert browser.html_attribute("dir") == "rtl"
    direction = browser.driver.execute_script("return getComputedStyle(document.body).direction")
    assert direction == "rtl"
    # The form is the same form: same ids and names in every language.
    browser.by_id("sign-in-submit")
    assert browser.driver.find_elements(By.NAME, "email")
    assert browser.driver.find_elements(By.NAME, "password")
