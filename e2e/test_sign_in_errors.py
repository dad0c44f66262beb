"""Wrong passwords, unknown accounts and lock-out after repeated failures."""

from selenium.webdriver.common.by import By

MAX_FAILURES = 5


def assert_error(browser, expected):
    assert browser.path == "/en/sign-in", browser.driver.current_url
    assert browser.form_error() == expected, (
        f"#form-error data-error={browser.form_error()!r}, expected {expected!r}"
    )
    error = browser.driver.find_element(By.ID, "form-error")
    assert error.get_attribute("role") == "alert"


def test_wrong_password_then_lock_out(server, browser):
    account = server.create_account()
    wrong = account.password + "-wrong"

    for _ in range(MAX_FAILURES - 1):
        browser.sign_in(account.email, wrong)
        assert_error(browser, "invalid")
        # The email is kept, the password is not echoed back.
        password_field = browser.driver.find_element(By.NAME, "password")
        assert password_field.get_attribute("value") == ""

    # The fifth failure locks the account (the reply to it may already say so).
    browser.sign_in(account.email, wrong)
    assert browser.form_error() in ("invalid", "locked")

    browser.sign_in(account.email, wrong)
    assert_error(browser, "locked")

    # Now even the right password is refused.
    browser.sign_in(account.email, account.password)
    assert_error(browser, "locked")


def test_unknown_email_looks_like_a_wrong_password(server, browser):
    browser.sign_in("nobody-here@cove.localhost", "Some-Password-123!")
    assert_error(browser, "invalid")
