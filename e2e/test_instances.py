"""Two `cove serve` instances share one PostgreSQL database: a child chatting through one
reaches a counsellor connected to the other, and back (events travel by LISTEN/NOTIFY).

The test starts its own throwaway PostgreSQL cluster with `scripts/postgres`, so it needs
PostgreSQL installed (scripts/test installs it); without it the test is skipped.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from conftest import (CHROMEDRIVER, REPO_ROOT, Browser, CoveServer, _chrome_options, _die_with_parent,
                      _healthz_ok, _resolve_binary, _stop, free_port)
from test_chat import HELPLINE, start_chat, texts, wait_for

ORGANISATION = "Childline Kenya (two instances)"


def _start(binary: Path, env: dict, data_dir: Path) -> CoveServer:
    port = free_port()
    log_path = data_dir / "server.log"
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            [str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            env=env, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
    instance = CoveServer(binary=binary, port=port, data_dir=data_dir, log_path=log_path, env=env, process=process)
    deadline = time.monotonic() + 60
    while not _healthz_ok(instance.url("/healthz")):
        assert process.poll() is None, f"instance exited early:\n{instance.log_tail()}"
        assert time.monotonic() < deadline, f"instance did not start:\n{instance.log_tail()}"
        time.sleep(0.25)
    return instance


@pytest.fixture(scope="module")
def instances():
    if not list(Path("/usr/lib/postgresql").glob("*/bin/postgres")):
        pytest.skip("PostgreSQL is not installed")
    root = Path(tempfile.mkdtemp(prefix="cove-two-"))
    # The cluster lives beside, not inside, the private data folders: PostgreSQL runs as its own user.
    cluster, pg_port = Path(tempfile.mkdtemp(prefix="cove-pg-")), free_port()
    started = subprocess.run([str(REPO_ROOT / "scripts/postgres"), "start", str(cluster), str(pg_port)],
                             capture_output=True, text=True)
    assert started.returncode == 0, started.stdout + started.stderr
    binary = _resolve_binary()
    env = dict(os.environ)
    # Every instance must hold the same data key, or one could not read what another sealed.
    env.update(DATABASE_URL=f"postgres://cove:cove@127.0.0.1:{pg_port}/cove_test", COVE_PASSWORD_HASH_COST="4",
               COVE_DATA_KEY=base64.b64encode(secrets.token_bytes(32)).decode(), COVE_LOG_LEVEL="info")
    env.pop("COVE_TEST_DATABASE_URL", None)
    running = []
    try:
        for name in ("a", "b"):  # one after the other: the first migrates and seeds
            data_dir = root / name
            data_dir.mkdir()
            running.append(_start(binary, dict(env, COVE_DATA_DIR=str(data_dir)), data_dir))
        yield running
    finally:
        for instance in running:
            _stop(instance.process)
        subprocess.run([str(REPO_ROOT / "scripts/postgres"), "stop", str(cluster)], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(cluster, ignore_errors=True)


@pytest.fixture
def second_driver():
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=_chrome_options())
    drv.set_window_size(1280, 900)
    try:
        yield drv
    finally:
        drv.quit()


def test_a_message_crosses_instances_both_ways(instances, driver, second_driver):
    child_side, counsellor_side = instances
    enabled = counsellor_side.cli("chat", "enable", HELPLINE, "--org", ORGANISATION)
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    made = counsellor_side.cli("user", "create", "--email", "two@counsellors.example", "--name", "Two",
                               "--org", ORGANISATION, "--role", "counsellor")
    assert made.returncode == 0, made.stdout + made.stderr
    password = made.stdout.split("One-time password:")[1].split()[0]
    console = Browser(driver, counsellor_side)
    from conftest import Account
    console.sign_in_new_account(Account(email="two@counsellors.example", password=password))
    console.visit("/en/console")
    status = console.by_id("console-status")
    wait_for(driver, lambda d: status.is_enabled(), "the console to connect")
    status.click()
    wait_for(driver, lambda d: status.get_attribute("aria-pressed") == "true", "the counsellor to be available")

    start_chat(second_driver, child_side)
    accept = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#console-offers .o-accept"),
                      "the offer made on the other instance")
    accept[0].click()
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#console-chats .panel"), "the chat panel")
    second_driver.find_element(By.ID, "chat-text").send_keys("written on instance a")
    second_driver.find_element(By.ID, "chat-send").click()
    wait_for(driver, lambda d: "written on instance a" in " ".join(texts(d, ".panel .chat-log li.child")),
             "the child's message on the other instance")
    driver.find_element(By.CSS_SELECTOR, "#console-chats .panel .p-text").send_keys("answered from instance b")
    driver.find_element(By.CSS_SELECTOR, "#console-chats .panel .p-send").click()

    wait_for(second_driver, lambda d: "answered from instance b" in " ".join(texts(d, "#chat-log li.counsellor")),
             "the counsellor's reply back on instance a")
