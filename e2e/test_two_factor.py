"""TOTP enrolment, sign-in with a code, wrong codes and single-use recovery codes."""

import urllib.parse

from selenium.webdriver.common.by import By


def test_totp_helper_matches_rfc6238_vectors(totp):
    # RFC 6238 appendix B, SHA1 secret "12345678901234567890"; 8-digit values
    # truncated to our 6 digits are the same modulo 10**6.
    import base64

    secret = base64.b32encode(b"12345678901234567890").decode()
    vectors = {
        59: "94287082",
        1111111109: "07081804",
        1111111111: "14050471",
        1234567890: "89005924",
        2000000000: "69279037",
        20000000000: "65353130",
    }
    for t, expected in vectors.items():
        assert totp.at(secret, t) == expected[-6:], t
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)).lower()
    assert totp.at(grouped, 59) == "287082"


def test_totp_enrolment_sign_in_and_recovery_code(server, browser, totp):
    account = browser.sign_in_new_account(server.create_account())
    driver = browser.driver

    # From the account page to the two-factor page (by its link if there is one).
    links = driver.find_elements(By.CSS_SELECTOR, 'a[href$="/en/account/two-factor"]')
    if links:
        browser.follow_element(links[0], "the two-factor link")
    else:
        browser.visit("/en/account/two-factor")
    browser.expect_path("/en/account/two-factor")

    secret = totp.normalise_secret(browser.by_id("totp-secret").text)
    assert secret and set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567="), secret
    assert len(totp.decode_secret(secret)) >= 16, "TOTP secret shorter than 128 bits"

    uri = browser.by_id("totp-uri").text.strip()
    assert browser.by_id("totp-uri").tag_name == "code"
    assert uri.startswith("otpauth://totp/"), uri
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query)
    assert totp.normalise_secret(query["secret"][0]).rstrip("=") == secret.rstrip("="), uri
    assert query.get("algorithm", ["SHA1"])[0].upper() == "SHA1"
    assert query.get("digits", ["6"])[0] == "6"
    assert query.get("period", ["30"])[0] == "30"
    assert driver.find_elements(By.CSS_SELECTOR, "figure#totp-qr svg"), "no <svg> in <figure id=totp-qr>"

    # Confirm enrolment with a current code.
    enrol_step = totp.wait_for_fresh_step()
    browser.fill("code", totp.for_step(secret, enrol_step))
    browser.submit("two-factor-submit")
    recovery_codes = [li.text.strip() for li in driver.find_elements(By.CSS_SELECTOR, "ul#recovery-codes li")]
    assert len(recovery_codes) >= 3, f"expected several recovery codes, got {recovery_codes!r}"
    assert all(recovery_codes) and len(set(recovery_codes)) == len(recovery_codes), recovery_codes

    browser.sign_out()

    # Password alone is no longer enough.
    browser.sign_in(account.email, account.password)
    browser.expect_path("/en/sign-in/two-factor")
    browser.visit("/en/account")
    assert browser.path != "/en/account", "signed in without the second factor"
    driver.delete_all_cookies()

    # A wrong code is refused ...
    browser.sign_in(account.email, account.password)
    browser.expect_path("/en/sign-in/two-factor")
    browser.fill("code", totp.wrong_code(secret))
    browser.submit("two-factor-submit")
    assert browser.path == "/en/sign-in/two-factor", driver.current_url
    assert browser.form_error() == "invalid-code"

    # ... a right one (from a later time step: codes are single-use) is accepted.
    step = totp.wait_for_fresh_step(after_step=enrol_step)
    code = totp.for_step(secret, step)
    browser.fill("code", code)
    browser.submit("two-factor-submit")
    browser.expect_path("/en/account")

    # The same code cannot be replayed (RFC 6238 section 5.2).
    browser.sign_out()
    browser.sign_in(account.email, account.password)
    browser.expect_path("/en/sign-in/two-factor")
    browser.fill("code", code)
    browser.submit("two-factor-submit")
    assert browser.path == "/en/sign-in/two-factor", "a used TOTP code was accepted again"
    assert browser.form_error() == "invalid-code"
    driver.delete_all_cookies()

    # A recovery code works once ...
    browser.sign_in(account.email, account.password)
    browser.expect_path("/en/sign-in/two-factor")
    browser.fill("code", recovery_codes[0])
    browser.submit("two-factor-submit")
    browser.expect_path("/en/account")

    # ... and only once.
    browser.sign_out()
    browser.sign_in(account.email, account.password)
    browser.expect_path("/en/sign-in/two-factor")
    browser.fill("code", recovery_codes[0])
    browser.submit("two-factor-submit")
    assert browser.path == "/en/sign-in/two-factor", driver.current_url
    assert browser.form_error() == "invalid-code"
