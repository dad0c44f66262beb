"""Shared fixtures for Cove's real-browser tests.

Run with `scripts/test` (everything) or, after `swift build`, directly:

    COVE_BIN=.build/debug/cove python3 -m pytest -q e2e

Fixtures:
  server   (session) a running `cove serve` on 127.0.0.1 with its own data
           directory; knows the first administrator's one-time password and
           can create more accounts through the CLI (`server.create_account()`).
  driver   a fresh headless Debian Chromium per test (no shared cookies).
  browser  `driver` plus helpers that axe-check every page they land on.
  totp     RFC 6238 code generator (`totp.now(secret)`, `totp.at(secret, t)`).
  http_get plain urllib GET: `http_get(url)` -> (status, headers, body).

Tests identify things by URL, element id, input name and `data-error`, never
by English text, so they survive translation.

Environment:
  COVE_BIN               server binary (default .build/debug/cove)
  COVE_E2E_CHROMIUM      browser binary (default /usr/bin/chromium)
  COVE_E2E_CHROMEDRIVER  driver binary (default /usr/bin/chromedriver)
  COVE_E2E_KEEP=1        keep the server's temporary data directory and log
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

# Selenium must never try to download browsers or drivers (no network in CI),
# nor send usage statistics. Set before Selenium is used.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
# Everything here talks to loopback (server, chromedriver): never via a proxy.
for _var in ("no_proxy", "NO_PROXY"):
    _current = os.environ.get(_var, "")
    os.environ[_var] = ",".join(filter(None, (_current, "127.0.0.1,localhost,::1")))

import pytest  # noqa: E402

# axe-core, bundled (no network) by a Python package. Prefer selenium-axe-python
# (a maintained fork bundling axe-core 4.x) over axe-selenium-python, whose
# newest release for Python < 3.12 (2.1.6) bundles axe-core 3.1.1 from 2018,
# which misses newer rules and wrongly flags e.g. autocomplete="username" on
# <input type="email">.
try:  # noqa: E402
    from selenium_axe_python import Axe

    AXE_PACKAGE = "selenium-axe-python"
except ImportError:  # pragma: no cover - depends on what is installed
    from axe_selenium_python import Axe

    AXE_PACKAGE = "axe-selenium-python"
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("COVE_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("COVE_E2E_CHROMEDRIVER", "/usr/bin/chromedriver")

STARTUP_TIMEOUT = 120  # seconds until /healthz answers 200
SHUTDOWN_TIMEOUT = 30  # seconds for a graceful exit after SIGTERM
NAVIGATION_TIMEOUT = 30  # seconds for a form submission / link to load the next page
CLI_TIMEOUT = 120

ADMIN_LINE = re.compile(
    r"First administrator: email=(?P<email>\S+) one-time-password=(?P<password>\S+) sign-in=(?P<url>\S+)"
)
ONE_TIME_PASSWORD_LINE = re.compile(r"One-time password: (?P<password>\S+)")

# Filled at session teardown so the terminal summary can show it on failure.
_SERVER_LOG_FOR_SUMMARY: list[str] = []


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def strong_password() -> str:
    """A password any sane policy accepts (long, mixed classes, unique)."""
    return f"Kite-{secrets.token_hex(6)}-Harbour-{secrets.randbelow(90) + 10}!"


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@cove.localhost"


def _die_with_parent() -> None:
    """In the child: get SIGTERM if the test process dies, so no server is orphaned."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except Exception:  # not Linux / no libc.so.6: best effort only
        pass


def get_url(url: str, timeout: float = 10):
    """GET without proxies, redirects or cookies; returns (status, headers, body)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Accept": "text/html", "Accept-Language": "en"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# ---------------------------------------------------------------------------
# TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) without extra dependencies
# ---------------------------------------------------------------------------


class Totp:
    STEP = 30
    DIGITS = 6

    @staticmethod
    def normalise_secret(secret: str) -> str:
        return re.sub(r"[\s-]", "", secret).upper()

    @classmethod
    def decode_secret(cls, secret: str) -> bytes:
        s = cls.normalise_secret(secret)
        return base64.b32decode(s + "=" * (-len(s) % 8))

    @classmethod
    def hotp(cls, key: bytes, counter: int, digits: int | None = None, digest=hashlib.sha1) -> str:
        digits = digits or cls.DIGITS
        mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
        offset = mac[-1] & 0x0F
        value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
        return str(value % 10**digits).zfill(digits)

    @classmethod
    def step(cls, t: float | None = None) -> int:
        return int((time.time() if t is None else t) // cls.STEP)

    @classmethod
    def at(cls, secret: str, t: float) -> str:
        return cls.hotp(cls.decode_secret(secret), cls.step(t))

    @classmethod
    def for_step(cls, secret: str, step: int) -> str:
        return cls.hotp(cls.decode_secret(secret), step)

    @classmethod
    def now(cls, secret: str) -> str:
        return cls.at(secret, time.time())

    @classmethod
    def wait_for_fresh_step(cls, after_step: int | None = None, margin: float = 3.0) -> int:
        """Wait until the current step is later than `after_step` (codes are
        single-use, so a second sign-in needs a new step) and has at least
        `margin` seconds left (so the code is still current when the server
        checks it). Returns the step to use."""
        while True:
            now = time.time()
            step = cls.step(now)
            remaining = (step + 1) * cls.STEP - now
            if (after_step is None or step > after_step) and remaining >= margin:
                return step
            time.sleep(min(remaining + 0.05, 1.0) if remaining < margin else 0.5)

    @classmethod
    def wrong_code(cls, secret: str) -> str:
        """A 6-digit code that is not valid in any nearby time step."""
        key = cls.decode_secret(secret)
        current = cls.step()
        nearby = {cls.hotp(key, current + d) for d in range(-3, 4)}
        for candidate in ("000000", "123456", "999999", "314159", "271828"):
            if candidate not in nearby:
                return candidate
        raise AssertionError("unreachable")


# ---------------------------------------------------------------------------
# Accessibility
# ---------------------------------------------------------------------------

BLOCKING_IMPACTS = ("serious", "critical")


def axe_check(driver: WebDriver) -> None:
    """Run the bundled axe-core (no network) on the current page; fail on any
    violation with impact "serious" or "critical", listing rule, help and nodes."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    violations = [v for v in results.get("violations", []) if v.get("impact") in BLOCKING_IMPACTS]
    if not violations:
        return
    engine = (results.get("testEngine") or {}).get("version", "?")
    lines = [
        f"axe-core {engine} ({AXE_PACKAGE}): {len(violations)} serious/critical "
        f"accessibility violation(s) on {driver.current_url}"
    ]
    for v in violations:
        lines.append(f"- [{v.get('impact')}] {v.get('id')}: {v.get('help')} ({v.get('helpUrl')})")
        for node in v.get("nodes", [])[:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            lines.append(f"    target: {target}")
            if summary:
                lines.append(f"      {summary[:300]}")
            html = (node.get("html") or "").strip()
            if html:
                lines.append(f"      html: {html[:200]}")
        if len(v.get("nodes", [])) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more node(s)")
    raise AssertionError("\n".join(lines))


# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------


@dataclass
class Account:
    email: str
    password: str
    name: str = ""


@dataclass
class CoveServer:
    binary: Path
    port: int
    data_dir: Path
    log_path: Path
    env: dict
    process: subprocess.Popen
    admin: Account | None = None
    admin_sign_in_url: str = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 150) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        """Run `cove ARGS...` against this server's data directory."""
        return subprocess.run(
            [str(self.binary), *args],
            env=self.env,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT,
        )

    def create_account(
        self,
        email: str | None = None,
        name: str | None = None,
        org: str = "ITU Secretariat",
        role: str = "secretariat",
    ) -> Account:
        email = email or unique_email("user")
        name = name or f"Test User {uuid.uuid4().hex[:6]}"
        result = self.cli("user", "create", "--email", email, "--name", name, "--org", org, "--role", role)
        output = result.stdout + result.stderr
        assert result.returncode == 0, (
            f"`cove user create --email {email}` exited {result.returncode}:\n{output}"
        )
        match = ONE_TIME_PASSWORD_LINE.search(output)
        assert match, f"`cove user create` printed no 'One-time password: ...' line:\n{output}"
        return Account(email=email, password=match.group("password"), name=name)


def _resolve_binary() -> Path:
    raw = os.environ.get("COVE_BIN", ".build/debug/cove")
    path = Path(raw)
    if not path.is_absolute():
        path = (REPO_ROOT / path) if not path.exists() else path.resolve()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"Cove server binary not found or not executable: {path} "
            "(build it with `swift build`, or set COVE_BIN)",
            pytrace=False,
        )
    return path


def _healthz_ok(url: str) -> bool:
    try:
        status, _, _ = get_url(url, timeout=2)
        return status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _stop(process: subprocess.Popen) -> tuple[int | None, bool]:
    """SIGTERM, wait; SIGKILL if it hangs. Returns (exit code, graceful?)."""
    if process.poll() is not None:
        return process.returncode, True
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=SHUTDOWN_TIMEOUT), True
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait(timeout=10), False


@pytest.fixture(scope="session")
def server():
    binary = _resolve_binary()
    data_dir = Path(tempfile.mkdtemp(prefix="cove-e2e-"))
    log_path = data_dir / "server.log"
    port = free_port()
    env = dict(os.environ)
    env.update(
        COVE_DATA_DIR=str(data_dir),
        COVE_PASSWORD_HASH_COST="4",
        COVE_LOG_LEVEL="info",
    )
    env.pop("COVE_TEST_DATABASE_URL", None)

    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            [str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
    srv = CoveServer(binary=binary, port=port, data_dir=data_dir, log_path=log_path, env=env, process=process)

    def abort(message: str) -> None:
        _stop(process)
        log = srv.log()
        if os.environ.get("COVE_E2E_KEEP") != "1":
            shutil.rmtree(data_dir, ignore_errors=True)
        pytest.fail(f"{message}\n--- server log ---\n{log}\n--- end of server log ---", pytrace=False)

    # 1. Wait for /healthz.
    deadline = time.monotonic() + STARTUP_TIMEOUT
    healthz = srv.url("/healthz")
    while True:
        if process.poll() is not None:
            abort(f"`cove serve` exited with status {process.returncode} before answering {healthz}")
        if _healthz_ok(healthz):
            break
        if time.monotonic() > deadline:
            abort(f"`cove serve` did not answer 200 on {healthz} within {STARTUP_TIMEOUT} s")
        time.sleep(0.25)

    # 2. The first-administrator line (printed once, on the first start).
    deadline = time.monotonic() + 15
    match = None
    while match is None:
        match = ADMIN_LINE.search(srv.log())
        if match is None:
            if time.monotonic() > deadline:
                abort(
                    "`cove serve` printed no line 'First administrator: email=... "
                    "one-time-password=... sign-in=...' (is its output flushed?)"
                )
            time.sleep(0.2)
    srv.admin = Account(email=match.group("email"), password=match.group("password"), name="")
    srv.admin_sign_in_url = match.group("url")

    yield srv

    # Graceful shutdown must exit 0.
    code, graceful = _stop(process)
    log_tail = srv.log_tail()
    _SERVER_LOG_FOR_SUMMARY[:] = [f"server log ({log_path}), last lines:", log_tail]
    if os.environ.get("COVE_E2E_KEEP") == "1":
        print(f"\nkept Cove data directory and log: {data_dir}")
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    assert graceful, f"`cove serve` did not exit within {SHUTDOWN_TIMEOUT} s of SIGTERM\n{log_tail}"
    assert code == 0, f"`cove serve` exited {code} after SIGTERM, expected 0 (graceful)\n{log_tail}"


# ---------------------------------------------------------------------------
# The browser
# ---------------------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def pytest_report_header(config):
    return f"cove e2e: axe from {AXE_PACKAGE}; browser {CHROMIUM}; driver {CHROMEDRIVER}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    stats = terminalreporter.stats
    if (stats.get("failed") or stats.get("error")) and _SERVER_LOG_FOR_SUMMARY:
        terminalreporter.section("Cove server log")
        for chunk in _SERVER_LOG_FOR_SUMMARY:
            terminalreporter.write_line(chunk)


def _chrome_options() -> Options:
    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-proxy-server",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=en-US",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-features=Translate,OptimizationHints,MediaRouter",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "credentials_enable_service": False,
            "profile.password_manager_enabled": False,
            "profile.password_manager_leak_detection": False,
        },
    )
    return options


@pytest.fixture
def driver(request):
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            pytest.fail(f"{path} not found (apt-get install chromium chromium-driver)", pytrace=False)
    service = Service(executable_path=CHROMEDRIVER)
    drv = webdriver.Chrome(service=service, options=_chrome_options())
    try:
        drv.set_window_size(1280, 900)
        drv.set_page_load_timeout(60)
        drv.set_script_timeout(60)
        yield drv
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            try:
                print(f"\n--- browser at failure: {drv.current_url} ---")
                print(drv.page_source[:6000])
                print("--- end of page source ---")
            except Exception as error:  # the browser itself may be the problem
                print(f"(could not read the page: {error})")
    finally:
        drv.quit()


class Browser:
    """A WebDriver plus helpers. Every method that lands on a new page
    (visit, submit, follow) waits for it and runs axe_check on it."""

    def __init__(self, driver: WebDriver, server: CoveServer):
        self.driver = driver
        self.server = server

    # -- navigation ---------------------------------------------------------

    @property
    def path(self) -> str:
        return urllib.parse.urlsplit(self.driver.current_url).path

    def _wait_ready(self) -> None:
        WebDriverWait(self.driver, NAVIGATION_TIMEOUT).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    def visit(self, path: str) -> None:
        self.driver.get(self.server.url(path))
        self._wait_ready()
        axe_check(self.driver)

    def _click_and_wait(self, element, what: str) -> None:
        # Mark the current document; a new page has a fresh window without the
        # mark. (Waiting for staleness of an element instead is flaky: Chromium
        # can answer "unknown error" mid-navigation.)
        marker = secrets.token_hex(8)
        self.driver.execute_script("window.__coveE2ePage = arguments[0];", marker)
        # Open any <details> the element sits in (e.g. a language menu).
        self.driver.execute_script(
            "for (let d = arguments[0].closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;",
            element,
        )
        element.click()

        def navigated(driver) -> bool:
            try:
                return bool(
                    driver.execute_script(
                        "return window.__coveE2ePage === undefined && document.readyState === 'complete';"
                    )
                )
            except WebDriverException:  # the page is being replaced
                return False

        try:
            WebDriverWait(self.driver, NAVIGATION_TIMEOUT, poll_frequency=0.1).until(navigated)
        except TimeoutException:
            raise AssertionError(
                f"clicking {what} on {self.driver.current_url} did not load a new page "
                f"within {NAVIGATION_TIMEOUT} s (form validation blocked it?)"
            ) from None
        axe_check(self.driver)

    def submit(self, button_id: str) -> None:
        """Click the submit button with this id and wait for the next page."""
        self._click_and_wait(self.by_id(button_id), f"#{button_id}")

    def follow(self, element_id: str) -> None:
        """Click the link with this id and wait for the next page."""
        self._click_and_wait(self.by_id(element_id), f"#{element_id}")

    def follow_element(self, element, what: str = "link") -> None:
        self._click_and_wait(element, what)

    # -- elements -----------------------------------------------------------

    def by_id(self, element_id: str):
        found = self.driver.find_elements(By.ID, element_id)
        assert found, f"no element with id '{element_id}' on {self.driver.current_url}"
        return found[0]

    def fill(self, name: str, value: str) -> None:
        found = self.driver.find_elements(By.NAME, name)
        assert found, f"no input named '{name}' on {self.driver.current_url}"
        field = found[0]
        field.clear()
        field.send_keys(value)

    def form_error(self) -> str | None:
        """The `data-error` of #form-error, or None if there is no such element."""
        found = self.driver.find_elements(By.ID, "form-error")
        return found[0].get_attribute("data-error") if found else None

    def html_attribute(self, name: str) -> str | None:
        return self.driver.find_element(By.TAG_NAME, "html").get_attribute(name)

    def expect_path(self, expected: str) -> None:
        assert self.path == expected, (
            f"expected to be on {expected}, but on {self.driver.current_url} "
            f"(#form-error data-error={self.form_error()!r})"
        )

    # -- flows --------------------------------------------------------------

    @staticmethod
    def strong_password() -> str:
        return strong_password()

    def sign_in(self, email: str, password: str, lang: str = "en") -> None:
        self.visit(f"/{lang}/sign-in")
        self.fill("email", email)
        self.fill("password", password)
        self.submit("sign-in-submit")

    def sign_out(self) -> None:
        self.submit("sign-out")

    def change_password(self, current: str, new: str) -> None:
        self.fill("current_password", current)
        self.fill("new_password", new)
        self.fill("confirm_password", new)
        self.submit("password-submit")

    def sign_in_new_account(self, account: Account) -> Account:
        """First sign-in of a CLI-created account: one-time password, forced
        password change, lands on /en/account. Returns the account with its
        new password."""
        self.sign_in(account.email, account.password)
        self.expect_path("/en/account/password")
        new_password = strong_password()
        self.change_password(account.password, new_password)
        self.expect_path("/en/account")
        return Account(email=account.email, password=new_password, name=account.name)


@pytest.fixture
def browser(driver, server) -> Browser:
    return Browser(driver, server)


@pytest.fixture
def totp():
    return Totp


@pytest.fixture
def http_get():
    """`http_get(url)` -> (status, headers, body); no redirects, no cookies."""
    return get_url
