"""Statistics in a real browser: a national focal point uploads a file with an
error, sees its line and column, fixes it and sends it; the regional office
approves and publishes; the public indicator page shows the rate and its chart.

Every page visited is axe-checked by the `browser` fixture. Elements are found
by URL, id, input name and data-* attributes, never by English text.
"""

from __future__ import annotations

import re
import tempfile
import uuid
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

DATAFLOW = "HELPLINE_CONTACTS"
INDICATOR = "CONTACTS_PER_100K_CHILDREN"
SUBMISSION_PATH = re.compile(r"^/en/statistics/submissions/(?P<id>[0-9A-Fa-f-]{36})$")

# Kenya's first two quarters (as in Tests/CoveServerTests/Statistics/PublishedStatistics.swift).
KENYA_CONTACTS = """\
FREQ,REF_AREA,CONTACT_TYPE,CATEGORY,SUBCATEGORY,ONLINE,AGE_BAND,GENDER,CHANNEL,TIME_PERIOD,OBS_VALUE
Q,KE,_T,_T,_T,_T,_T,_T,_T,2025-Q1,450
Q,KE,child-self,_T,_T,_T,_T,_T,_T,2025-Q1,300
Q,KE,about-child,_T,_T,_T,_T,_T,_T,2025-Q1,100
Q,KE,non-counselling,_T,_T,_T,_T,_T,_T,2025-Q1,50
Q,KE,_T,_T,_T,_T,_T,_T,_T,2025-Q2,520
Q,KE,child-self,_T,_T,_T,_T,_T,_T,2025-Q2,380
Q,KE,about-child,_T,_T,_T,_T,_T,_T,2025-Q2,90
Q,KE,non-counselling,_T,_T,_T,_T,_T,_T,2025-Q2,50
"""
LAST_PERIOD = "2025-Q2"
# Line 3 of the file (the header is line 1), column 11 (OBS_VALUE): letters O for zeros.
BAD_LINE, BAD_COLUMN = 3, 11
KENYA_WITH_AN_ERROR = KENYA_CONTACTS.replace(
    "Q,KE,child-self,_T,_T,_T,_T,_T,_T,2025-Q1,300", "Q,KE,child-self,_T,_T,_T,_T,_T,_T,2025-Q1,3OO"
)
assert KENYA_WITH_AN_ERROR != KENYA_CONTACTS


def create_organisation(browser, name: str, kind: str, country: str = "", region: str = "") -> None:
    """Through /en/admin/organisations, as a signed-in system administrator."""
    browser.visit("/en/admin/organisations")
    browser.fill("name", name)
    Select(browser.by_id("org-kind")).select_by_value(kind)
    Select(browser.by_id("org-country")).select_by_value(country)
    Select(browser.by_id("org-region")).select_by_value(region)
    browser.submit("organisation-submit")
    browser.expect_path("/en/admin/organisations")
    refused = browser.driver.find_elements(By.ID, "error-message")
    assert not refused, (
        f"creating {name!r} (kind={kind}, country={country!r}, region={region!r}) gave an error page "
        f"with data-status={refused[0].get_attribute('data-status')!r}"
    )
    assert browser.form_error() is None, f"creating {name!r}: #form-error {browser.form_error()!r}"
    names = [cell.text.strip() for cell in browser.driver.find_elements(By.CSS_SELECTOR, "table tbody td:first-child")]
    assert name in names, f"{name!r} is not listed after creating it"


def set_dry_run(browser, checked: bool) -> None:
    box = browser.driver.find_element(By.CSS_SELECTOR, "input[type=checkbox][name=dryRun]")
    if box.is_selected() != checked:
        box.click()
    assert box.is_selected() == checked


def upload(browser, csv: str, tmp_dir: Path, dry_run: bool = False) -> None:
    """Choose the dataflow, attach the file through the file input and send the form."""
    browser.visit("/en/statistics/submissions")
    Select(browser.by_id("dataflow")).select_by_value(DATAFLOW)
    path = tmp_dir / f"ke-2025-{uuid.uuid4().hex[:6]}.csv"
    path.write_text(csv, encoding="utf-8")
    browser.by_id("file").send_keys(str(path))
    set_dry_run(browser, dry_run)
    browser.submit("upload")


def status(browser) -> str:
    return browser.by_id("status").get_attribute("data-status")


def test_focal_point_fixes_an_error_submits_and_the_region_publishes(server, browser, tmp_path):
    suffix = uuid.uuid4().hex[:6]
    ministry = f"Kenya Communications Authority ({suffix})"
    office = f"ITU Regional Office for Africa ({suffix})"

    # A system administrator creates the two organisations.
    browser.sign_in_new_account(server.create_account(role="system_administrator"))
    create_organisation(browser, ministry, "national_focal_point", country="KE")
    create_organisation(browser, office, "regional_office", region="africa")
    browser.sign_out()
    focal_point = server.create_account(org=ministry, role="national_focal_point")
    officer = server.create_account(org=office, role="regional_officer")

    # 1. The focal point's file has one bad cell: shown at its line and column, nothing stored.
    browser.sign_in_new_account(focal_point)
    upload(browser, KENYA_WITH_AN_ERROR, tmp_path)
    browser.expect_path("/en/statistics/submissions")
    errors = browser.driver.find_elements(By.CSS_SELECTOR, "#upload-errors tr.upload-error")
    assert errors, "no tr.upload-error for a file with a bad OBS_VALUE"
    found = [(e.get_attribute("data-line"), e.get_attribute("data-column"), e.get_attribute("data-field")) for e in errors]
    assert (str(BAD_LINE), str(BAD_COLUMN), "OBS_VALUE") in found, found
    assert not browser.driver.find_elements(By.ID, "submissions"), "a refused file must store nothing"
    assert browser.driver.find_elements(By.ID, "no-submissions")

    # 2. The fixed file becomes a draft, which the focal point sends for approval.
    upload(browser, KENYA_CONTACTS, tmp_path)
    match = SUBMISSION_PATH.match(browser.path)
    assert match, f"expected a submission page after the upload, on {browser.driver.current_url}"
    submission_path = browser.path
    assert status(browser) == "draft"
    browser.submit("action-submit")
    browser.expect_path(submission_path)
    assert status(browser) == "submitted"
    browser.sign_out()

    # 3. The regional office approves and publishes.
    browser.sign_in_new_account(officer)
    browser.visit(submission_path)
    assert status(browser) == "submitted"
    browser.submit("action-approve")
    browser.expect_path(submission_path)
    assert status(browser) == "approved"
    browser.submit("action-publish")
    browser.expect_path(submission_path)
    assert status(browser) == "published"
    browser.sign_out()

    # 4. Anyone sees Kenya's rate per 100,000 children, its chart and its table.
    browser.visit(f"/en/statistics/indicators/{INDICATOR}?area=KE")
    assert browser.by_id("latest-period").text.strip() == LAST_PERIOD
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#figure-series svg[role=img]"), "no chart of the series"
    # Kenya's rows (one per quarter) are the highlighted ones; the others are Africa and the world.
    values = [cell.text.strip() for cell in browser.driver.find_elements(By.CSS_SELECTOR, "#table-series tr.highlight td.number")]
    assert len(values) == 2, f"expected Kenya's two quarters in #table-series, got {values}"
    assert values and all(v and v != "—" for v in values), f"Kenya's rows in #table-series: {values}"

    # ... and, in Arabic, Africa's ranking, right to left.
    browser.visit(f"/ar/statistics/indicators/{INDICATOR}?area=africa")
    assert browser.html_attribute("dir") == "rtl"
    assert browser.driver.find_elements(By.ID, "table-ranking"), "no #table-ranking for Africa"
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#table-ranking a[href*='area=KE']"), "Kenya is not ranked"
