"""The first administrator: one-time password, forced password change, account page."""

from selenium.webdriver.common.by import By


def test_first_administrator_sign_in_and_forced_password_change(server, browser):
    admin = server.admin
    assert admin.email == "admin@cove.localhost"
    assert server.admin_sign_in_url == server.url("/en/sign-in"), server.admin_sign_in_url
    assert " " not in admin.password and len(admin.password) >= 8

    # Sign in with the one-time password.
    browser.sign_in(admin.email, admin.password)
    browser.expect_path("/en/account/password")

    # Nothing else is reachable until the password is changed.
    browser.visit("/en/account")
    browser.expect_path("/en/account/password")

    new_password = browser.strong_password()
    browser.change_password(admin.password, new_password)
    browser.expect_path("/en/account")
    headings = browser.driver.find_elements(By.TAG_NAME, "h1")
    assert headings and headings[0].text.strip(), "/en/account has no non-empty <h1>"
    assert admin.email in browser.driver.find_element(By.TAG_NAME, "body").text

    # Signed out, the account page is not reachable.
    browser.sign_out()
    browser.visit("/en/account")
    assert browser.path == "/en/sign-in", browser.driver.current_url

    # The one-time password no longer works; the new one does, with no second change.
    browser.sign_in(admin.email, admin.password)
    assert browser.path == "/en/sign-in", browser.driver.current_url
    assert browser.form_error() == "invalid"

    browser.sign_in(admin.email, new_password)
    browser.expect_path("/en/account")
