"""The public home page: no cookies, skip link, landmarks, size and security headers."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

MAX_HOME_BYTES = 30 * 1024


def test_home_page_sets_no_cookie_and_has_skip_link(browser):
    browser.visit("/en/")
    assert browser.path == "/en/"
    assert browser.driver.get_cookies() == []

    mains = browser.driver.find_elements(By.CSS_SELECTOR, "main#main")
    assert len(mains) == 1, "expected exactly one <main id=main>"

    # The first Tab lands on the skip link.
    ActionChains(browser.driver).send_keys(Keys.TAB).perform()
    focused = browser.driver.switch_to.active_element
    assert focused.tag_name == "a", f"first focusable element is <{focused.tag_name}>"
    assert focused.get_dom_attribute("href") == "#main"


def test_home_page_is_small_and_cookieless_over_http(server, http_get):
    status, headers, body = http_get(server.url("/en/"))
    assert status == 200
    assert headers.get("Content-Type", "").startswith("text/html")
    assert "Set-Cookie" not in headers, headers.get_all("Set-Cookie")
    assert len(body) < MAX_HOME_BYTES, f"/en/ is {len(body)} bytes, limit {MAX_HOME_BYTES}"


def parse_csp(value):
    directives = {}
    for part in value.split(";"):
        tokens = part.strip().split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives


def test_security_headers(server, http_get):
    status, headers, _ = http_get(server.url("/en/"))
    assert status == 200

    csp_value = headers.get("Content-Security-Policy")
    assert csp_value, "no Content-Security-Policy header"
    csp = parse_csp(csp_value)
    assert csp.get("frame-ancestors") == ["'none'"], csp_value
    script_src = csp.get("script-src", csp.get("default-src"))
    assert script_src is not None, f"CSP restricts no scripts: {csp_value}"
    assert "'unsafe-inline'" not in script_src, csp_value

    assert (headers.get("X-Content-Type-Options") or "").lower() == "nosniff"
    assert (headers.get("Referrer-Policy") or "").lower() == "no-referrer"
