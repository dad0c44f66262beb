"""The child's help-now pages: choose a country, see who to contact now.

A child may arrive on a cheap phone, with no JavaScript, in any of the six
languages, and may need to leave the site at once. These tests follow that
child through a real browser (every page is axe-checked by `browser`), and
check the JSON API and the coverage figures the same pages are built from.

Pages are identified by URL, ids, `data-*` attributes and classes, never by
English text.
"""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

PHONE = (360, 740)  # a small phone's viewport, in CSS pixels
MIN_TARGET_PX = 44  # WCAG 2.5.5 target size for the links a child taps
MAX_HELP_PAGE_BYTES = 30 * 1024  # page + stylesheet + script, on a slow, metered connection
NAVIGATION_TIMEOUT = 30

REASONS = {
    "national-open-language-match",
    "national-open",
    "national-hours-unknown",
    "national-closed",
    "other-channel-open",
    "regional",
    "international",
    "nearby-country",
}
STATUS_CLASSES = {"open", "closed", "unknown"}
# What a child's phone can act on: dial, text, or open a web page / app link.
CONTACT_HREF = re.compile(r"^(tel:\+?[0-9]+|sms:\+?[0-9]+|https://\S+)$")
TEL_HREF = re.compile(r"^tel:\+?[0-9]+$")

# Countries in the seed with a national helpline, and what kind (see Resources/Seeds).
KENYA = "KE"  # 116, open 24/7
# Countries absent from the seed; the test checks the API before relying on it.
NO_HELPLINE_CANDIDATES = ("BR", "TH")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def fetch(url: str, headers: dict | None = None, timeout: float = 10):
    """GET without proxies, redirects or cookies, with chosen headers; returns
    (status, headers, body). Like conftest's `http_get`, whose headers are fixed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def api(server, path: str, params: dict | None = None):
    """GET a JSON API path; returns (status, headers, decoded body)."""
    query = "?" + urllib.parse.urlencode(params) if params else ""
    status, headers, body = fetch(server.url(path + query), {"Accept": "application/json"})
    assert (headers.get("Content-Type") or "").startswith("application/json"), (
        f"{path}{query} answered {status} with Content-Type {headers.get('Content-Type')!r}: {body[:300]!r}"
    )
    return status, headers, json.loads(body)


def location_path(headers) -> str:
    return urllib.parse.urlsplit(headers.get("Location") or "").path


def use_phone_viewport(driver) -> None:
    driver.set_window_size(*PHONE)
    inner = driver.execute_script("return window.innerWidth")
    assert inner <= PHONE[0], f"window.innerWidth is {inner}, expected at most {PHONE[0]}"


def assert_no_horizontal_scroll(driver) -> None:
    scroll_width, inner_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width + 1, (
        f"{driver.current_url} scrolls sideways at {inner_width} px: content is {scroll_width} px wide"
    )


def assert_contact_targets_big_enough(driver) -> None:
    sizes = driver.execute_script(
        "return [...document.querySelectorAll('a.contact')].map(a => {"
        " const r = a.getBoundingClientRect();"
        " return [a.getAttribute('href'), r.height, r.width]; })"
    )
    assert sizes, f"no a.contact on {driver.current_url}"
    small = [(href, height) for href, height, _ in sizes if height < MIN_TARGET_PX]
    assert not small, f"a.contact links under {MIN_TARGET_PX} px tall on {driver.current_url}: {small}"


def help_entries(driver):
    return driver.find_elements(By.CSS_SELECTOR, "ol#help-entries > li.help-entry")


def assert_entries_well_formed(driver) -> None:
    """Every entry has a known reason, one status, and contacts a phone can act on."""
    for index, entry in enumerate(help_entries(driver)):
        reason = entry.get_attribute("data-reason")
        assert reason in REASONS, f"entry {index} on {driver.current_url} has data-reason={reason!r}"
        statuses = entry.find_elements(By.CSS_SELECTOR, "p.status")
        assert len(statuses) == 1, f"entry {index} ({reason}) has {len(statuses)} p.status"
        classes = set((statuses[0].get_attribute("class") or "").split()) - {"status"}
        assert len(classes & STATUS_CLASSES) == 1, f"entry {index} ({reason}) p.status class={classes}"
        links = entry.find_elements(By.CSS_SELECTOR, "ul.contacts a.contact")
        assert links, f"entry {index} ({reason}) on {driver.current_url} has no a.contact"
        for link in links:
            href = link.get_dom_attribute("href") or ""
            assert CONTACT_HREF.match(href), f"entry {index} ({reason}) has a.contact href={href!r}"
    for link in driver.find_elements(By.CSS_SELECTOR, "#emergency a.contact"):
        href = link.get_dom_attribute("href") or ""
        assert TEL_HREF.match(href), f"#emergency a.contact href={href!r}"


def has_script(text: str, script: str) -> bool:
    """Whether `text` has a letter whose Unicode name starts with `script` (e.g. "ARABIC")."""
    return any(ch.isalpha() and unicodedata.name(ch, "").startswith(script) for ch in text)


def choose_country(browser, code: str) -> None:
    """On /{lang}/help: pick the country by its ISO code and submit."""
    form = browser.by_id("help-country")
    assert (form.get_dom_attribute("method") or "").lower() == "get"
    select = Select(browser.by_id("country"))
    assert browser.by_id("country").get_dom_attribute("name") == "country"
    select.select_by_value(code)
    browser.submit("find-help")


def country_without_helpline(server) -> tuple[str, dict]:
    for code in NO_HELPLINE_CANDIDATES:
        status, _, body = api(server, "/api/v1/help", {"country": code})
        assert status == 200, f"/api/v1/help?country={code} answered {status}: {body}"
        if body.get("hasNationalHelpline") is False:
            return code, body
    pytest.fail(f"every candidate {NO_HELPLINE_CANDIDATES} has a national helpline in the seed; pick another")


# ---------------------------------------------------------------------------
# 1. A child on a small phone finds help in English
# ---------------------------------------------------------------------------


def test_child_on_small_phone_finds_help_in_english(browser):
    driver = browser.driver
    use_phone_viewport(driver)

    browser.visit("/en/")
    assert_no_horizontal_scroll(driver)
    browser.follow("get-help")
    browser.expect_path("/en/help")
    assert_no_horizontal_scroll(driver)

    choose_country(browser, KENYA)
    browser.expect_path(f"/en/help/{KENYA}")
    assert browser.by_id("country-heading").get_attribute("data-country") == KENYA

    entries = help_entries(driver)
    assert entries, "no li.help-entry on the Kenya page"
    first_tel = [
        link
        for link in entries[0].find_elements(By.CSS_SELECTOR, "ul.contacts a.contact")
        if (link.get_dom_attribute("href") or "").startswith("tel:")
    ]
    assert first_tel, "the first entry for Kenya has no tel: link"
    assert TEL_HREF.match(first_tel[0].get_dom_attribute("href"))
    assert_entries_well_formed(driver)

    assert_no_horizontal_scroll(driver)
    assert_contact_targets_big_enough(driver)

    # Tapping the number hands it to the dialler; the page must stay where it is.
    # (Headless Chromium has no dialler: the click is ignored, without a dialog.)
    before = driver.current_url
    handles = driver.window_handles
    first_tel[0].click()
    assert driver.current_url == before, f"clicking a tel: link navigated to {driver.current_url}"
    assert driver.window_handles == handles, "clicking a tel: link opened a window"


def test_help_chooser_lists_countries_by_iso_code(browser):
    browser.visit("/en/help")
    form = browser.by_id("help-country")
    assert urllib.parse.urlsplit(form.get_attribute("action")).path == "/en/help"
    values = [o.get_dom_attribute("value") for o in Select(browser.by_id("country")).options]
    codes = [v for v in values if v]
    assert len(codes) >= 150, f"only {len(codes)} countries to choose from"
    bad = [v for v in codes if not re.fullmatch(r"[A-Z]{2}", v)]
    assert not bad, f"option values that are not ISO 3166-1 alpha-2 codes: {bad[:10]}"
    assert len(set(codes)) == len(codes), "a country is listed twice"
    assert KENYA in codes


# ---------------------------------------------------------------------------
# 2. The same in Arabic, right to left
# ---------------------------------------------------------------------------


def test_child_finds_help_in_arabic(browser, server, http_get):
    driver = browser.driver
    use_phone_viewport(driver)
    country = "EG"  # an Arabic-speaking country in the seed (16000, hours not known)

    browser.visit("/ar/help")
    browser.expect_path("/ar/help")
    assert browser.html_attribute("lang") == "ar"
    assert browser.html_attribute("dir") == "rtl"
    assert driver.execute_script("return getComputedStyle(document.body).direction") == "rtl"
    assert_no_horizontal_scroll(driver)

    # The page's own words are there (not blank, not catalogue keys) and in Arabic.
    heading = driver.find_element(By.CSS_SELECTOR, "main h1").text.strip()
    label = driver.find_element(By.CSS_SELECTOR, "label[for=country]").text.strip()
    for what, text in (("h1", heading), ("label for #country", label)):
        assert text and has_script(text, "ARABIC"), f"/ar/help {what} is {text!r}, expected Arabic text"
    option = browser.by_id("country").find_element(By.CSS_SELECTOR, f"option[value={country}]")
    country_name = option.text.strip()
    assert has_script(country_name, "ARABIC"), f"/ar/help names {country} {country_name!r}"

    choose_country(browser, country)
    browser.expect_path(f"/ar/help/{country}")
    assert browser.html_attribute("dir") == "rtl"
    assert browser.by_id("country-heading").get_attribute("data-country") == country
    assert help_entries(driver), f"no li.help-entry on /ar/help/{country}"
    assert_entries_well_formed(driver)
    assert_no_horizontal_scroll(driver)
    assert_contact_targets_big_enough(driver)

    arabic_heading = browser.by_id("country-heading").text.strip()
    status, _, body = http_get(server.url(f"/en/help/{country}"))
    assert status == 200
    match = re.search(r'<h1 id="country-heading"[^>]*>(.*?)</h1>', body.decode(), re.S)
    assert match, "no h1#country-heading on the English page"
    english_heading = re.sub(r"<[^>]+>", "", match.group(1)).strip()
    assert arabic_heading != english_heading, f"the Arabic heading is the English one: {arabic_heading!r}"
    # Not just the country's name translated: the words around it are Arabic too.
    rest = arabic_heading.replace(country_name, "")
    assert has_script(rest, "ARABIC"), (
        f"/ar/help/{country} heading {arabic_heading!r} has no Arabic besides the country's name"
    )


# ---------------------------------------------------------------------------
# 3. Quick exit leaves no trace in the history
# ---------------------------------------------------------------------------


def test_quick_exit_replaces_the_page_in_history(browser):
    driver = browser.driver
    browser.visit("/en/")
    browser.visit(f"/en/help/{KENYA}")
    length_before = driver.execute_script("return history.length")

    link = browser.by_id("quick-exit")
    assert link.get_dom_attribute("href") == "https://www.google.com/"
    link.click()

    # There is no network in CI: the browser ends on its own error page for
    # google.com. All that matters is that it left, and how.
    def left(d) -> bool:
        try:
            return not d.current_url.startswith(browser.server.base_url)
        except WebDriverException:
            return False

    WebDriverWait(driver, NAVIGATION_TIMEOUT, poll_frequency=0.1).until(left)
    # location.replace: the help page's entry was replaced, not added to.
    length_after = driver.execute_script("return history.length")
    assert length_after == length_before, (
        f"history grew from {length_before} to {length_after}: quick exit pushed a new entry"
    )

    driver.back()
    WebDriverWait(driver, NAVIGATION_TIMEOUT, poll_frequency=0.1).until(
        lambda d: d.current_url.startswith(browser.server.base_url)
    )
    assert browser.path == "/en/", (
        f"Back after quick exit went to {driver.current_url}; the help page must be gone from history"
    )


# ---------------------------------------------------------------------------
# 4. No cookies, and a light page
# ---------------------------------------------------------------------------


def test_help_pages_set_no_cookie_in_the_browser(browser):
    browser.visit("/en/help")
    choose_country(browser, KENYA)
    browser.expect_path(f"/en/help/{KENYA}")
    browser.visit("/en/help/GB")
    assert browser.driver.get_cookies() == []


@pytest.mark.parametrize(
    "path",
    [
        "/help",
        "/en/help",
        f"/en/help?country={KENYA}",
        f"/en/help/{KENYA}",
        "/ar/help/DE",
        "/css/cove.css",
        "/js/cove.js",
    ],
)
def test_help_pages_set_no_cookie_over_http(server, http_get, path):
    status, headers, _ = http_get(server.url(path))
    assert status in (200, 303), f"{path} answered {status}"
    assert "Set-Cookie" not in headers, f"{path} sets {headers.get_all('Set-Cookie')}"


def test_help_page_with_its_assets_is_light(server, http_get):
    status, headers, page = http_get(server.url(f"/en/help/{KENYA}"))
    assert status == 200
    assert headers.get("Content-Type", "").startswith("text/html")
    html = page.decode()

    # The page loads nothing but one stylesheet and one script (no images, fonts
    # or third parties), so these three are all a phone downloads.
    loaded = set(re.findall(r'<(?:link[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc)="([^"]+)"', html))
    assert loaded == {"/css/cove.css", "/js/cove.js"}, f"/en/help/{KENYA} loads {sorted(loaded)}"

    total = len(page)
    sizes = {f"/en/help/{KENYA}": len(page)}
    for asset in sorted(loaded):
        status, _, body = http_get(server.url(asset))
        assert status == 200, f"{asset} answered {status}"
        sizes[asset] = len(body)
        total += len(body)
    assert total < MAX_HELP_PAGE_BYTES, f"help page and assets weigh {total} bytes {sizes}, limit {MAX_HELP_PAGE_BYTES}"


# ---------------------------------------------------------------------------
# 5. Works without JavaScript
# ---------------------------------------------------------------------------


def test_choosing_a_country_is_a_plain_redirect(server, http_get):
    for query in (f"country={KENYA}", f"country={KENYA.lower()}"):
        status, headers, _ = http_get(server.url(f"/en/help?{query}"))
        assert status in (302, 303), f"/en/help?{query} answered {status}"
        assert location_path(headers) == f"/en/help/{KENYA}", f"/en/help?{query} -> {headers.get('Location')}"

    status, _, _ = http_get(server.url("/en/help?country=ZZ"))
    assert status == 404, f"/en/help?country=ZZ answered {status}"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en", "/en/help"), ("ar-EG,ar;q=0.9", "/ar/help"), ("fr-CA", "/fr/help")],
)
def test_poster_address_redirects_by_browser_language(server, accept_language, expected):
    status, headers, _ = fetch(server.url("/help"), {"Accept": "text/html", "Accept-Language": accept_language})
    assert status in (302, 303, 307), f"/help answered {status}"
    assert location_path(headers) == expected, f"/help with {accept_language!r} -> {headers.get('Location')}"
    assert "accept-language" in (headers.get("Vary") or "").lower(), "a cache would serve one language to all"


def test_child_finds_help_with_javascript_off(driver, server):
    """The whole flow with scripts disabled. axe needs JavaScript, so this uses
    the bare driver; the same pages are axe-checked with JavaScript on above."""
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    use_phone_viewport(driver)

    def wait_for_path(path: str) -> None:
        WebDriverWait(driver, NAVIGATION_TIMEOUT, poll_frequency=0.1).until(
            lambda d: urllib.parse.urlsplit(d.current_url).path == path
            and d.execute_script("return document.readyState") == "complete"
        )

    driver.get(server.url("/en/help"))
    Select(driver.find_element(By.ID, "country")).select_by_value(KENYA)
    driver.find_element(By.ID, "find-help").click()
    wait_for_path(f"/en/help/{KENYA}")
    assert help_entries(driver), "no li.help-entry with JavaScript off"
    assert_entries_well_formed(driver)
    assert_no_horizontal_scroll(driver)

    # Without JavaScript the quick exit is an ordinary link: it still leaves at
    # once (only the history entry stays). This also shows scripts really were off.
    driver.find_element(By.ID, "quick-exit").click()
    WebDriverWait(driver, NAVIGATION_TIMEOUT, poll_frequency=0.1).until(
        lambda d: not d.current_url.startswith(server.base_url)
    )
    driver.back()
    wait_for_path(f"/en/help/{KENYA}")


# ---------------------------------------------------------------------------
# 6. A country with no national helpline
# ---------------------------------------------------------------------------


def test_country_without_national_helpline(browser, server):
    code, answer = country_without_helpline(server)
    assert answer["emergencyNumbers"], f"the API knows no emergency number for {code}"

    browser.visit(f"/en/help/{code}")
    driver = browser.driver
    assert browser.by_id("country-heading").get_attribute("data-country") == code
    assert browser.by_id("no-helpline").is_displayed()
    emergency = browser.by_id("emergency")
    assert emergency.is_displayed()
    hrefs = [a.get_dom_attribute("href") for a in emergency.find_elements(By.CSS_SELECTOR, "a.contact")]
    assert hrefs == [f"tel:{number}" for number in answer["emergencyNumbers"]], (
        f"#emergency links {hrefs}, API emergencyNumbers {answer['emergencyNumbers']}"
    )
    assert_entries_well_formed(driver)
    reasons = {entry.get_attribute("data-reason") for entry in help_entries(driver)}
    assert not {r for r in reasons if r.startswith("national-")}, f"national entries for {code}: {reasons}"


def test_country_with_national_helpline_has_no_notice(browser):
    browser.visit(f"/en/help/{KENYA}")
    assert not browser.driver.find_elements(By.ID, "no-helpline")
    assert browser.by_id("emergency").find_elements(By.CSS_SELECTOR, "a.contact[href^='tel:']")


@pytest.mark.parametrize("code", ["GB", "DE", "EG"])
def test_page_and_api_agree(browser, server, code):
    """The page shows the API's entries in the API's order (emergency apart).
    DE has limited hours; a status flip between the two requests would need the
    test to straddle an opening time."""
    status, _, answer = api(server, "/api/v1/help", {"country": code, "lang": "en"})
    assert status == 200
    browser.visit(f"/en/help/{code}")
    page = [entry.get_attribute("data-reason") for entry in help_entries(browser.driver)]
    expected = [entry["reason"] for entry in answer["entries"] if entry["reason"] != "emergency"]
    assert page == expected, f"/en/help/{code} shows {page}, the API answers {expected}"
    assert_entries_well_formed(browser.driver)


def test_unknown_country_page_is_not_found(server, http_get):
    for path in ("/en/help/ZZ", "/en/help/KEN", "/xx/help/KE"):
        status, _, _ = http_get(server.url(path))
        assert status == 404, f"{path} answered {status}"


# ---------------------------------------------------------------------------
# 7. The JSON API and coverage
# ---------------------------------------------------------------------------


def test_help_api_answers_for_kenya(server):
    status, headers, body = api(server, "/api/v1/help", {"country": KENYA})
    assert status == 200
    assert "Set-Cookie" not in headers
    assert body["country"] == KENYA
    assert body["hasNationalHelpline"] is True
    assert isinstance(body["emergencyNumbers"], list) and body["emergencyNumbers"]
    assert body["entries"], "no entries for Kenya"
    for entry in body["entries"]:
        assert {"reason", "status", "contactPoints"} <= entry.keys(), entry
        for contact in entry["contactPoints"]:
            assert {"channel", "address", "harmonised"} <= contact.keys(), contact
            # `link` and `free` are left out when unknown (e.g. whether 112 is free).
            if "link" in contact:
                assert CONTACT_HREF.match(contact["link"]), contact
            if "free" in contact:
                assert isinstance(contact["free"], bool), contact
    first = body["entries"][0]
    assert first["reason"].startswith("national-open"), first
    assert any(c["link"] == "tel:116" for c in first["contactPoints"]), first["contactPoints"]


def test_help_api_reads_the_callers_number(server):
    status, _, body = api(server, "/api/v1/help", {"caller": "+254722000000"})
    assert status == 200, body
    assert body["country"] == KENYA


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({}, "country"),
        ({"country": "ZZ"}, "country"),
        ({"country": "KEN"}, "country"),
        ({"country": KENYA, "caller": "+254722000000"}, "country"),
        ({"caller": "not a number"}, "caller"),
        ({"country": KENYA, "age": "x"}, "age"),
        ({"country": KENYA, "age": "121"}, "age"),
        ({"country": KENYA, "lang": "1"}, "lang"),
        ({"country": KENYA, "topic": "a b"}, "topic"),
        ({"country": KENYA, "at": "21:30"}, "at"),
    ],
    ids=lambda value: urllib.parse.urlencode(value) or "none" if isinstance(value, dict) else value,
)
def test_help_api_refusal_names_the_parameter(server, params, parameter):
    status, _, body = api(server, "/api/v1/help", params)
    assert status == 400, f"{params} answered {status}: {body}"
    assert body.get("parameter") == parameter, f"{params}: {body}"


def test_coverage_api(server):
    status, _, body = api(server, "/api/v1/coverage")
    assert status == 200
    regions = body["regions"]
    assert len(regions) == 6, [r.get("region") for r in regions]
    assert len({r["region"] for r in regions}) == 6
    for region in regions:
        assert 0 <= region["covered"] <= region["countries"], region
        assert 0 <= region["share"] <= 1, region
        if region["countries"]:
            assert region["share"] == pytest.approx(region["covered"] / region["countries"]), region
    countries = body["countries"]
    assert sum(r["countries"] for r in regions) == len(countries)
    for region in regions:
        covered = sum(1 for c in countries if c["region"] == region["region"] and c["level"] == "free")
        assert covered == region["covered"], (region, covered)
    assert {c["level"] for c in countries} <= {"free", "not-known-free", "none"}


def test_coverage_page(browser, server):
    _, _, body = api(server, "/api/v1/coverage")
    browser.visit("/en/coverage")
    driver = browser.driver
    rows = driver.find_elements(By.CSS_SELECTOR, "table#coverage-regions tr[data-region]")
    assert [r.get_attribute("data-region") for r in rows] == [r["region"] for r in body["regions"]]

    levels = {
        row.get_attribute("data-country"): row.get_attribute("data-level")
        for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-country][data-level]")
    }
    expected = {c["country"]: c["level"] for c in body["countries"]}
    differences = {
        code: (levels.get(code), expected.get(code))
        for code in set(levels) | set(expected)
        if levels.get(code) != expected.get(code)
    }
    assert not differences, f"/en/coverage level vs API level: {differences}"
