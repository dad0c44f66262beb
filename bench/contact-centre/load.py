#!/usr/bin/env python3
"""Load generator for Cove's contact centre: children's web chats over WebSocket to counsellors.

Started by bench/contact-centre/run, which makes the virtual environment (websockets), the data
folder and the environment (COVE_DATA_DIR, COVE_DATA_KEY, COVE_PASSWORD_HASH_COST,
COVE_LOG_LEVEL). This script then:

  1. starts `cove serve` on 127.0.0.1, turns chat on for the helpline and creates
     ceil(chats / capacity) counsellors with the CLI;
  2. signs each counsellor in over HTTP (one-time password, then the forced password change),
     opens their console socket and makes them available with the given capacity;
  3. opens the children's chats (POST /api/v1/chats, then the chat socket); consoles accept
     every offer they see on their board, until every chat is active;
  4. has the children send `rate` messages per second in total, spread evenly over the chats,
     for `duration` seconds; with --kill, SIGKILLs the server halfway and restarts it on the
     same port and data folder, while children and consoles reconnect and children resend
     what was not acknowledged;
  5. waits for every message to be acknowledged and delivered, stops the server and checks the
     SQLite file: every message sent is stored exactly once.

It prints a report, then the same figures as one JSON line. Exit status 1 when something is
broken (a chat refused or never answered, a message lost or doubled, the server dying),
never because something is slow.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import html
import json
import math
import os
import platform
import random
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path

try:
    from websockets.asyncio.client import connect as ws_connect
    from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
except ImportError:  # pragma: no cover - the run script installs it
    sys.exit("bench/contact-centre: the websockets package (13 or later) is needed; use bench/contact-centre/run")

HELPLINE = "ke-child-helpline-116"
ORGANISATION = "Bench Helpline"
ONE_TIME_PASSWORD = re.compile(r"One-time password: (\S+)")
CSRF_INPUT = re.compile(r'name="csrf"\s+value="([^"]*)"')
DATA_ERROR = re.compile(r'data-error="([^"]*)"')
# The sign-in form allows 30 attempts a minute from one address. Counsellors sign in from
# 127.0.0.2, 127.0.0.3, … (all loopback on Linux), this many per address.
SIGN_INS_PER_ADDRESS = 25
SENT_STAMP = re.compile(r" t=(\d+) ")
# Neutral words: no keyword rule should raise a chat's priority (that would redraw every board).
FILLER = "I wanted to talk about school today and how my week went with friends "


def now_ns() -> int:
    return time.monotonic_ns()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class BenchError(Exception):
    """Something is broken: the run stops and the script exits 1."""


def percentiles(samples_ns: list[int]) -> dict:
    """p50/p90/p99/max in milliseconds (nearest rank), or an empty dict without samples."""
    if not samples_ns:
        return {}
    ordered = sorted(samples_ns)

    def rank(p: float) -> float:
        index = max(0, math.ceil(p / 100 * len(ordered)) - 1)
        return round(ordered[index] / 1e6, 2)

    return {"p50_ms": rank(50), "p90_ms": rank(90), "p99_ms": rank(99), "max_ms": round(ordered[-1] / 1e6, 2),
            "count": len(ordered)}


def fmt_latency(stats: dict) -> str:
    if not stats:
        return "no samples"
    return (f"p50 {stats['p50_ms']:.1f} ms, p90 {stats['p90_ms']:.1f}, p99 {stats['p99_ms']:.1f}, "
            f"max {stats['max_ms']:.1f}  ({stats['count']} samples)")


# ---------------------------------------------------------------------------------------------
# A minimal HTTP/1.1 client (one connection per request), so sign-in can choose its source address
# ---------------------------------------------------------------------------------------------


@dataclass
class HTTPResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name), None)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def _dechunk(data: bytes) -> bytes:
    out, rest = bytearray(), data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2:]
    return bytes(out)


async def http(port: int, method: str, path: str, *, form: dict | None = None, json_body: dict | None = None,
               cookies: dict | None = None, source: str | None = None, timeout: float = 60) -> HTTPResponse:
    body = b""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close",
             "Accept: text/html, application/json", "Accept-Language: en", "User-Agent: cove-bench-contact-centre"]
    if form is not None:
        body = urllib.parse.urlencode(form).encode()
        lines.append("Content-Type: application/x-www-form-urlencoded")
    elif json_body is not None:
        body = json.dumps(json_body).encode()
        lines.append("Content-Type: application/json")
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))

    async def exchange() -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0) if source else None)
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
            return await reader.read(-1)
        finally:
            writer.close()

    raw = await asyncio.wait_for(exchange(), timeout)
    head, _, rest = raw.partition(b"\r\n\r\n")
    head_lines = head.decode("latin-1").split("\r\n")
    if not head_lines or len(head_lines[0].split()) < 2:
        raise ConnectionError(f"{method} {path}: no HTTP response")
    status = int(head_lines[0].split()[1])
    headers = [(k.strip().lower(), v.strip()) for k, _, v in (line.partition(":") for line in head_lines[1:])]
    if any(k == "transfer-encoding" and "chunked" in v.lower() for k, v in headers):
        rest = _dechunk(rest)
    if cookies is not None:
        for k, v in headers:
            if k != "set-cookie":
                continue
            pair, _, attributes = v.partition(";")
            name, _, value = pair.strip().partition("=")
            if not value or "max-age=0" in attributes.lower().replace(" ", ""):
                cookies.pop(name, None)
            else:
                cookies[name] = value
    return HTTPResponse(status, headers, rest)


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


def _die_with_parent() -> None:
    """In the server's process: get SIGTERM if this script dies, so no server is left behind."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class Server:
    def __init__(self, binary: str, port: int, work: Path, data: Path):
        self.binary, self.port, self.work, self.data = binary, port, work, data
        self.log_path = work / "server.log"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def spawn(self) -> None:
        self.starts += 1
        with open(self.log_path, "ab") as out:
            out.write(f"\n----- cove serve, start {self.starts} -----\n".encode())
            out.flush()
            self.process = subprocess.Popen(
                [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        # The run script's exit trap stops whatever pid is listed here.
        with open(self.work / "server.pids", "a") as pids:
            pids.write(f"{self.process.pid}\n")

    async def start(self, timeout: float = 120) -> float:
        """Starts the server and waits for /healthz; returns the seconds it took."""
        started = time.monotonic()
        self.spawn()
        deadline = started + timeout
        while True:
            if self.process.poll() is not None:
                raise BenchError(f"cove serve exited with status {self.process.returncode} before answering /healthz "
                                 f"(log: {self.log_path})\n{self.log_tail()}")
            try:
                if (await http(self.port, "GET", "/healthz", timeout=2)).status == 200:
                    return time.monotonic() - started
            except (OSError, asyncio.TimeoutError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                raise BenchError(f"cove serve did not answer /healthz within {timeout:.0f} s\n{self.log_tail()}")
            await asyncio.sleep(0.05)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout: float = 30) -> tuple[int | None, bool]:
        """SIGTERM and wait; SIGKILL after `timeout`. Returns (exit status, graceful?)."""
        if not self.process or self.process.poll() is not None:
            return (self.process.returncode if self.process else None), True
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout), True
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(), False

    @property
    def alive(self) -> bool:
        return bool(self.process) and self.process.poll() is None

    def rss_kb(self) -> int | None:
        try:
            with open(f"/proc/{self.process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except (OSError, AttributeError):
            return None
        return None

    def cpu_seconds(self) -> float | None:
        """User plus system CPU time the server has used so far."""
        try:
            with open(f"/proc/{self.process.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, AttributeError, IndexError, ValueError):
            return None

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    async def cli(self, *args: str) -> str:
        process = await asyncio.create_subprocess_exec(
            self.binary, *args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output, _ = await process.communicate()
        text = output.decode(errors="replace")
        if process.returncode != 0:
            raise BenchError(f"`cove {' '.join(args)}` exited {process.returncode}:\n{text}")
        return text


# ---------------------------------------------------------------------------------------------
# Shared tallies
# ---------------------------------------------------------------------------------------------


class Tally:
    def __init__(self) -> None:
        self.errors: collections.Counter[str] = collections.Counter()
        self.frames: collections.Counter[str] = collections.Counter()
        self.board_bytes = 0
        # child → counsellor, first receipt only: (received at, latency, sent at)
        self.deliveries: list[tuple[int, int, int]] = []
        self.delivered_keys: set[tuple[str, int]] = set()  # (conversation, seq) seen by any console
        self.delivered_ids: dict[str, set[str]] = collections.defaultdict(set)  # conversation → client ids
        self.console_duplicates = 0
        self.acks: list[tuple[int, int]] = []  # (acknowledged at, latency from first send)
        self.resent = 0
        self.open_latency: list[int] = []  # POST /api/v1/chats, request to answer
        self.offered_at: dict[str, float] = {}  # conversation → when a console first saw its offer
        self.held_at: dict[str, float] = {}  # conversation → when a console first saw it held
        self.stopping = False
        self.send_window: tuple[int, int] | None = None


# ---------------------------------------------------------------------------------------------
# Counsellors
# ---------------------------------------------------------------------------------------------


class Counsellor:
    def __init__(self, index: int, email: str, password: str, source: str | None, bench: "Bench"):
        self.index, self.email, self.password, self.source, self.bench = index, email, password, source, bench
        self.cookies: dict[str, str] = {}
        self.last_seq: dict[str, int] = {}
        self.held: set[str] = set()
        self.accepting: dict[str, str] = {}  # conversation → expiresAt of the offer accepted
        self.status = "away"
        self.status_sent = 0  # the connection on which this console last said it is available
        self.available = asyncio.Event()
        self.connected = asyncio.Event()
        self.connections = 0
        self.reconnected_at: float | None = None
        self.ws = None
        self.task: asyncio.Task | None = None

    async def sign_in(self, port: int) -> None:
        def csrf_of(response: HTTPResponse, what: str) -> str:
            match = CSRF_INPUT.search(response.text)
            if not match:
                raise BenchError(f"{self.email}: no csrf input on {what} (HTTP {response.status})")
            return html.unescape(match.group(1))

        page = await http(port, "GET", "/en/sign-in", cookies=self.cookies, source=self.source)
        answer = await http(port, "POST", "/en/sign-in", cookies=self.cookies, source=self.source,
                            form={"email": self.email, "password": self.password, "csrf": csrf_of(page, "/en/sign-in")})
        if answer.status not in (302, 303):
            code = DATA_ERROR.search(answer.text)
            raise BenchError(f"{self.email}: sign-in answered HTTP {answer.status}"
                             f"{' (' + code.group(1) + ')' if code else ''}")
        # A one-time password: Cove sends the counsellor to choose their own first.
        location = urllib.parse.urlsplit(answer.header("location") or "/en/account").path
        page = await http(port, "GET", location, cookies=self.cookies, source=self.source)
        if page.status in (302, 303):
            location = urllib.parse.urlsplit(page.header("location") or "").path
            page = await http(port, "GET", location, cookies=self.cookies, source=self.source)
        if location != "/en/account/password" or page.status != 200:
            raise BenchError(f"{self.email}: after sign-in expected /en/account/password, got {location} "
                             f"(HTTP {page.status})")
        new_password = f"Bench-{secrets.token_hex(8)}-Harbour-{self.index}!"
        answer = await http(port, "POST", "/en/account/password", cookies=self.cookies, source=self.source,
                            form={"current_password": self.password, "new_password": new_password,
                                  "confirm_password": new_password, "csrf": csrf_of(page, location)})
        if answer.status not in (302, 303):
            code = DATA_ERROR.search(answer.text)
            raise BenchError(f"{self.email}: password change answered HTTP {answer.status}"
                             f"{' (' + code.group(1) + ')' if code else ''}")
        self.password = new_password

    def start(self) -> None:
        self.task = asyncio.create_task(self.run())

    async def run(self) -> None:
        bench, tally = self.bench, self.bench.tally
        delay = 0.1
        while not tally.stopping:
            try:
                ws = await ws_connect(
                    f"ws://127.0.0.1:{bench.port}/console/socket", origin=f"http://127.0.0.1:{bench.port}",
                    additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
                    proxy=None, compression=None, ping_interval=None, max_size=None, open_timeout=30,
                    close_timeout=2)
            except (OSError, asyncio.TimeoutError, InvalidHandshake) as error:
                if isinstance(error, InvalidStatus):
                    tally.errors[f"console-connect:http-{error.response.status_code}"] += 1
                await asyncio.sleep(delay + random.random() * delay)
                delay = min(delay * 2, 2.0)
                continue
            delay = 0.1
            self.connections += 1
            first = self.connections == 1
            hello = {"type": "hello", "afterByConversation": dict(self.last_seq)}
            self.accepting.clear()
            try:
                await ws.send(json.dumps(hello))
                if first:
                    self.status_sent = self.connections
                    await ws.send(json.dumps({"type": "status", "status": "available",
                                              "capacity": bench.args.capacity}))
                self.ws = ws
                self.connected.set()
                if not first:
                    self.reconnected_at = time.monotonic()
                async for raw in ws:
                    try:
                        await self.receive(raw)
                    except (ValueError, KeyError, TypeError, AttributeError) as error:
                        tally.errors[f"generator:console-frame-{type(error).__name__}"] += 1
            except ConnectionClosed:
                pass
            finally:
                self.ws = None
                self.connected.clear()
            if not tally.stopping:
                tally.errors["console-disconnected"] += 1

    async def receive(self, raw: str | bytes) -> None:
        tally = self.bench.tally
        received = now_ns()
        frame = json.loads(raw)
        kind = frame.get("type")
        tally.frames[f"console:{kind}"] += 1
        if kind == "message":
            conversation, seq = frame["conversation"].upper(), frame["seq"]
            self.last_seq[conversation] = max(self.last_seq.get(conversation, 0), seq)
            key = (conversation, seq)
            if key in tally.delivered_keys:
                tally.console_duplicates += 1
                return
            tally.delivered_keys.add(key)
            if frame.get("from") == "child":
                tally.delivered_ids[conversation].add(frame.get("clientId"))
                # The send time travels in the text; the generator's own record is the fallback.
                stamp = SENT_STAMP.search(frame.get("text", ""))
                sent = int(stamp.group(1)) if stamp else self.bench.sent_at.get(frame.get("clientId"))
                if sent is not None:
                    tally.deliveries.append((received, received - sent, sent))
        elif kind == "board":
            tally.board_bytes += len(raw)
            self.status = frame.get("status", "away")
            if self.status == "available":
                self.available.set()
            elif self.status_sent != self.connections and not tally.stopping:
                # Back after a restart and no longer available: say so again, once.
                self.status_sent = self.connections
                await self.ws.send(json.dumps({"type": "status", "status": "available",
                                               "capacity": self.bench.args.capacity}))
            self.held = {card["conversation"].upper() for card in frame.get("held", [])}
            moment = time.monotonic()
            for conversation in self.held:
                tally.held_at.setdefault(conversation, moment)
            for offer in frame.get("offers", []):
                conversation = offer["conversation"].upper()
                tally.offered_at.setdefault(conversation, moment)
                if conversation in self.held:
                    continue
                # Each offer once; a new offer of the same chat (the last one lapsed) again.
                if self.accepting.get(conversation) != offer.get("expiresAt"):
                    self.accepting[conversation] = offer.get("expiresAt")
                    await self.ws.send(json.dumps({"type": "accept", "conversation": conversation}))
            for conversation in list(self.accepting):
                if conversation in self.held:
                    del self.accepting[conversation]
        elif kind == "error":
            tally.errors[f"console:{frame.get('code')}"] += 1


# ---------------------------------------------------------------------------------------------
# Children
# ---------------------------------------------------------------------------------------------


class Child:
    def __init__(self, index: int, bench: "Bench"):
        self.index, self.bench = index, bench
        self.conversation: str | None = None
        self.token: str | None = None
        self.opened_at: float | None = None
        self.active_at: float | None = None
        self.state = "new"
        self.ws = None
        self.generation = 0
        self.counter = 0
        self.unacked: dict[str, list] = {}  # client id → [frame text, generation it was last sent on]
        self.sent_ids: list[str] = []
        self.last_seq = 0
        self.connections = 0
        self.reconnected_at: float | None = None
        self.welcomed = asyncio.Event()
        self.task: asyncio.Task | None = None

    async def open(self) -> bool:
        bench = self.bench
        asked, opened = now_ns(), time.monotonic()
        try:
            answer = await http(bench.port, "POST", "/api/v1/chats",
                                json_body={"helpline": HELPLINE, "language": "en", "consent": True})
        except (OSError, asyncio.TimeoutError, ConnectionError):
            bench.tally.errors["open:connection"] += 1
            return False
        bench.tally.open_latency.append(now_ns() - asked)
        if answer.status != 201:
            try:
                code = json.loads(answer.body).get("error", "?")
            except ValueError:
                code = "?"
            bench.tally.errors[f"open:http-{answer.status}:{code}"] += 1
            return False
        started = json.loads(answer.body)
        self.conversation, self.token = started["conversation"].upper(), started["token"]
        self.opened_at = opened
        self.task = asyncio.create_task(self.run())
        return True

    async def run(self) -> None:
        bench, tally = self.bench, self.bench.tally
        delay = 0.1
        while not tally.stopping:
            try:
                ws = await ws_connect(f"ws://127.0.0.1:{bench.port}/api/v1/chats/{self.conversation}/socket",
                                      proxy=None, compression=None, ping_interval=None, max_size=None,
                                      open_timeout=30, close_timeout=2)
            except (OSError, asyncio.TimeoutError, InvalidHandshake) as error:
                if isinstance(error, InvalidStatus):
                    tally.errors[f"child-connect:http-{error.response.status_code}"] += 1
                await asyncio.sleep(delay + random.random() * delay)
                delay = min(delay * 2, 2.0)
                continue
            delay = 0.1
            self.connections += 1
            try:
                await ws.send(json.dumps({"type": "hello", "token": self.token, "after": self.last_seq}))
                self.ws = ws
                self.generation += 1
                # Everything not acknowledged goes again, with the same client id, oldest first.
                for client_id, entry in list(self.unacked.items()):
                    if entry[1] != self.generation and client_id in self.unacked:
                        if entry[1] is not None:
                            tally.resent += 1
                        entry[1] = self.generation
                        await ws.send(entry[0])
                if self.connections > 1:
                    self.reconnected_at = time.monotonic()
                async for raw in ws:
                    try:
                        self.receive(raw)
                    except (ValueError, KeyError, TypeError, AttributeError) as error:
                        tally.errors[f"generator:child-frame-{type(error).__name__}"] += 1
            except ConnectionClosed:
                pass
            finally:
                self.ws = None
            if not tally.stopping:
                tally.errors["child-disconnected"] += 1

    def receive(self, raw: str | bytes) -> None:
        tally = self.bench.tally
        frame = json.loads(raw)
        kind = frame.get("type")
        tally.frames[f"child:{kind}"] += 1
        if kind == "ack":
            client_id = frame.get("clientId")
            if self.unacked.pop(client_id, None) is not None:
                moment = now_ns()
                tally.acks.append((moment, moment - self.bench.sent_at[client_id]))
        elif kind == "message":
            self.last_seq = max(self.last_seq, frame.get("seq", 0))
        elif kind in ("state", "welcome"):
            self.state = frame.get("state", self.state)
            if self.state == "active" and self.active_at is None:
                self.active_at = time.monotonic()
                self.bench.became_active()
            self.welcomed.set()
        elif kind == "error":
            tally.errors[f"child:{frame.get('code')}"] += 1
            client_id = frame.get("clientId")
            if frame.get("code") == "not-stored" and client_id in self.unacked:
                # As the chat page does: try again in 5 s, with the same client id.
                asyncio.get_running_loop().call_later(5, lambda: asyncio.ensure_future(self.resend(client_id)))

    async def resend(self, client_id: str) -> None:
        entry, ws = self.unacked.get(client_id), self.ws
        if entry is None or ws is None:
            return  # acknowledged meanwhile, or it goes again on reconnecting
        self.bench.tally.resent += 1
        entry[1] = self.generation
        try:
            await ws.send(entry[0])
        except ConnectionClosed:
            pass

    async def send_next(self) -> None:
        self.counter += 1
        client_id = f"b{self.index}-{self.counter}"
        sent = now_ns()
        text = f"message {self.counter} of chat {self.index} t={sent} {FILLER}"
        data = json.dumps({"type": "send", "clientId": client_id, "text": text})
        self.bench.sent_at[client_id] = sent
        self.sent_ids.append(client_id)
        entry = [data, None]
        self.unacked[client_id] = entry
        ws = self.ws
        if ws is not None:
            entry[1] = self.generation
            try:
                await ws.send(data)
            except ConnectionClosed:
                pass  # sent again on reconnect


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.port = args.port
        self.work = Path(args.work)
        self.server = Server(args.cove, args.port, self.work, Path(os.environ["COVE_DATA_DIR"]))
        self.tally = Tally()
        self.sent_at: dict[str, int] = {}
        self.counsellors: list[Counsellor] = []
        self.children: list[Child] = []
        self.active_count = 0
        self.all_active = asyncio.Event()
        self.expected_active = 0
        self.report: dict = {}
        self.failures: list[str] = []

    def became_active(self) -> None:
        self.active_count += 1
        if self.expected_active and self.active_count >= self.expected_active:
            self.all_active.set()

    # -- setup -----------------------------------------------------------------------------------

    async def setup(self) -> None:
        args = self.args
        log(f"starting cove serve on 127.0.0.1:{self.port}")
        startup = await self.server.start()
        self.report["server_startup_s"] = round(startup, 2)
        await self.server.cli("chat", "enable", HELPLINE, "--org", ORGANISATION, "--max-waiting", str(args.chats + 10))

        count = math.ceil(args.chats / args.capacity)
        log(f"creating {count} counsellors (capacity {args.capacity} each)")
        sources = self.sign_in_sources(count)
        created = time.monotonic()
        gate = asyncio.Semaphore(4)

        async def create(i: int) -> Counsellor:
            email = f"bench-counsellor-{i:05d}@cove.localhost"
            async with gate:
                for attempt in range(5):
                    try:
                        output = await self.server.cli("user", "create", "--email", email, "--name",
                                                       f"Bench Counsellor {i}", "--org", ORGANISATION,
                                                       "--role", "counsellor")
                        break
                    except BenchError:
                        if attempt == 4:
                            raise
                        self.tally.errors["setup:user-create-retried"] += 1
                        await asyncio.sleep(0.5 * (attempt + 1))
            match = ONE_TIME_PASSWORD.search(output)
            if not match:
                raise BenchError(f"`cove user create` printed no one-time password:\n{output}")
            return Counsellor(i, email, match.group(1), sources[i], self)

        self.counsellors = list(await asyncio.gather(*(create(i) for i in range(count))))
        self.report["counsellors_created_s"] = round(time.monotonic() - created, 2)

        signed = time.monotonic()
        if sources[0] is None:
            # No extra loopback addresses (macOS): stay under 30 sign-ins a minute.
            log("127.0.0.2 is not usable: signing in at most 25 counsellors a minute")
            for n, counsellor in enumerate(self.counsellors):
                if n and n % SIGN_INS_PER_ADDRESS == 0:
                    await asyncio.sleep(61)
                await counsellor.sign_in(self.port)
        else:
            gate = asyncio.Semaphore(8)

            async def sign_in(counsellor: Counsellor) -> None:
                async with gate:
                    await counsellor.sign_in(self.port)

            await asyncio.gather(*(sign_in(c) for c in self.counsellors))
        self.report["sign_in_s"] = round(time.monotonic() - signed, 2)

        connected = time.monotonic()
        for counsellor in self.counsellors:
            counsellor.start()
        await self.wait_for(lambda: all(c.available.is_set() for c in self.counsellors), 120,
                            "every console to show its counsellor available")
        self.report["consoles_ready_s"] = round(time.monotonic() - connected, 2)
        await asyncio.sleep(1)
        self.report["rss_kb_counsellors"] = self.server.rss_kb()

    @staticmethod
    def sign_in_sources(count: int) -> list[str | None]:
        try:
            with socket.socket() as probe:
                probe.bind(("127.0.0.2", 0))
        except OSError:
            return [None] * count
        return [f"127.0.0.{2 + (i // SIGN_INS_PER_ADDRESS) % 250}" for i in range(count)]

    async def wait_for(self, condition, timeout: float, what: str, progress=None) -> bool:
        deadline = time.monotonic() + timeout
        next_note = time.monotonic() + 5
        while not condition():
            if not self.server.alive:
                raise BenchError(f"the server died while waiting for {what}\n{self.server.log_tail()}")
            if time.monotonic() > deadline:
                return False
            if progress and time.monotonic() > next_note:
                log(progress())
                next_note = time.monotonic() + 5
            await asyncio.sleep(0.05)
        return True

    # -- chats -----------------------------------------------------------------------------------

    async def open_chats(self) -> None:
        args = self.args
        log(f"opening {args.chats} chats ({args.openers} at a time)")
        self.children = [Child(i, self) for i in range(args.chats)]
        queue = collections.deque(self.children)
        began = time.monotonic()

        async def opener() -> None:
            while queue:
                await queue.popleft().open()

        def progress() -> str:
            opened = sum(1 for c in self.children if c.conversation)
            return (f"  {opened}/{args.chats} opened, {self.active_count} active, "
                    f"{len(self.tally.offered_at)} offered; {self.tally.frames['console:board']} boards; "
                    f"errors: {self.error_summary()}")

        cpu = self.cpu_start()
        openers = asyncio.gather(*(opener() for _ in range(args.openers)))
        notes = asyncio.create_task(self._notes(progress, lambda: openers.done()))
        await openers
        notes.cancel()
        opened = [c for c in self.children if c.conversation]
        self.report["open_s"] = round(time.monotonic() - began, 2)
        self.expected_active = len(opened)
        if self.active_count >= self.expected_active:
            self.all_active.set()
        ok = await self.wait_for(lambda: self.all_active.is_set(), args.ramp_timeout,
                                 "every chat to be answered", progress)
        self.report["all_active_s"] = round(time.monotonic() - began, 2)
        self.report["chats_opened"] = len(opened)
        self.report["chats_active"] = self.active_count
        self.report["open_request"] = percentiles(self.tally.open_latency)
        self.report["open_to_active"] = percentiles(
            [int((c.active_at - c.opened_at) * 1e9) for c in opened if c.active_at])
        offered = self.tally.offered_at
        self.report["open_to_offer"] = percentiles(
            [int((offered[c.conversation] - c.opened_at) * 1e9) for c in opened if c.conversation in offered])
        self.report["offer_to_active"] = percentiles(
            [int((c.active_at - offered[c.conversation]) * 1e9) for c in opened
             if c.active_at and c.conversation in offered])
        self.report["cpu_opening"] = self.cpu_report(cpu)
        # Chats still waiting keep their offers lapsing and boards changing: do not wait long then.
        await self.settle(timeout=120 if ok else 10)
        # Boards lag behind the children's state: read this one once they have settled.
        held = self.tally.held_at
        self.report["offer_to_held"] = percentiles(
            [int((held[c.conversation] - offered[c.conversation]) * 1e9) for c in opened
             if c.conversation in held and c.conversation in offered])
        if len(opened) < args.chats:
            self.failures.append(f"{args.chats - len(opened)} of {args.chats} chats were refused")
        if not ok:
            self.failures.append(f"{self.expected_active - self.active_count} chats were not answered within "
                                 f"{args.ramp_timeout:.0f} s")
        self.report["rss_kb_all_active"] = self.server.rss_kb()

    async def settle(self, quiet: float = 2.0, timeout: float = 120) -> None:
        """Waits until boards, queue places and state changes stop arriving, so the sessions'
        backlog from opening the chats does not count against the messages."""
        log("waiting for boards and queue places to stop changing")
        began = time.monotonic()
        kinds = ("console:board", "child:queue", "child:state")
        seen, last_change = None, began
        while time.monotonic() - began < timeout:
            count = sum(self.tally.frames[k] for k in kinds)
            if count != seen:
                seen, last_change = count, time.monotonic()
            elif time.monotonic() - last_change >= quiet:
                break
            await asyncio.sleep(0.1)
        self.report["settle_s"] = round(last_change - began, 2)

    def error_summary(self) -> str:
        errors = self.tally.errors.most_common(4)
        return ", ".join(f"{k} {v}" for k, v in errors) if errors else "none"

    async def _notes(self, progress, done) -> None:
        while not done():
            await asyncio.sleep(5)
            log(progress())

    # -- load ------------------------------------------------------------------------------------

    async def send_load(self) -> None:
        args = self.args
        senders = [c for c in self.children if c.active_at is not None]
        if not senders:
            raise BenchError("no chat is active: nothing to send")
        total = int(args.rate * args.duration)
        log(f"sending {total} messages at {args.rate:g}/s over {len(senders)} chats for {args.duration:g} s"
            + (" (SIGKILL halfway)" if args.kill else ""))
        self.cpu = self.cpu_start()
        began = time.monotonic()
        start_ns = now_ns()
        kill_task = None
        max_lag = 0.0
        next_note = began + 5
        for i in range(total):
            due = began + i / args.rate
            moment = time.monotonic()
            if due > moment:
                await asyncio.sleep(due - moment)
            else:
                max_lag = max(max_lag, moment - due)
            await senders[i % len(senders)].send_next()
            if args.kill and kill_task is None and time.monotonic() - began >= args.duration / 2:
                kill_task = asyncio.create_task(self.kill_and_restart())
            if time.monotonic() > next_note:
                next_note = time.monotonic() + 5
                log(f"  {i + 1}/{total} sent, {len(self.tally.acks)} acknowledged, "
                    f"{len(self.tally.deliveries)} delivered; errors: {self.error_summary()}")
        sent_for = time.monotonic() - began
        self.tally.send_window = (start_ns, now_ns())
        self.report["messages_sent"] = total
        self.report["send_seconds"] = round(sent_for, 2)
        self.report["send_rate"] = round(total / sent_for, 1) if sent_for else 0
        self.report["scheduler_max_lag_ms"] = round(max_lag * 1000, 1)
        self.report["cpu_sending"] = self.cpu_report(self.cpu)
        if kill_task:
            await kill_task

    # CPU use of the server and of this generator over a phase, in % of one core. A restart
    # folds the killed server's share into the phase's total and starts counting afresh.
    def cpu_start(self) -> dict:
        return {"wall": time.monotonic(), "server": self.server.cpu_seconds() or 0.0, "server_before": 0.0,
                "generator": time.process_time()}

    def cpu_report(self, mark: dict) -> dict:
        wall = max(time.monotonic() - mark["wall"], 1e-9)
        server = mark["server_before"] + (self.server.cpu_seconds() or 0.0) - mark["server"]
        return {"server_pct": round(100 * server / wall, 1),
                "generator_pct": round(100 * (time.process_time() - mark["generator"]) / wall, 1)}

    async def kill_and_restart(self) -> None:
        killed = time.monotonic()
        killed_ns = now_ns()
        self.report["rss_kb_before_kill"] = self.server.rss_kb()
        log("SIGKILL to the server; restarting it on the same port and data folder")
        cpu_so_far = (self.server.cpu_seconds() or 0.0) - self.cpu["server"]
        self.server.kill()
        self.cpu["server_before"] += cpu_so_far
        self.cpu["server"] = 0.0
        for party in self.children + self.counsellors:
            party.reconnected_at = None
        up = await self.server.start()
        log(f"  the server answers again after {up:.2f} s")
        kill = {"at_s": round(self.args.duration / 2, 1), "restart_s": round(time.monotonic() - killed, 2)}
        senders = [c for c in self.children if c.active_at is not None]
        ok = await self.wait_for(
            lambda: all(c.reconnected_at for c in senders) and all(c.reconnected_at for c in self.counsellors),
            120, "every child and console to reconnect")
        if not ok:
            self.failures.append("not every child and console reconnected within 120 s of the restart")
        reconnected = [c.reconnected_at for c in senders if c.reconnected_at]
        consoles = [c.reconnected_at for c in self.counsellors if c.reconnected_at]
        kill["children_reconnected_s"] = round(max(reconnected) - killed, 2) if reconnected else None
        kill["consoles_reconnected_s"] = round(max(consoles) - killed, 2) if consoles else None
        kill["killed_ns"] = killed_ns
        self.report["restart"] = kill

    async def drain(self) -> None:
        args = self.args
        senders = [c for c in self.children if c.active_at is not None]
        log("sending stopped; waiting for every acknowledgement and delivery")
        began = time.monotonic()
        ok = await self.wait_for(lambda: not any(c.unacked for c in senders), args.drain_timeout,
                                 "acknowledgements",
                                 lambda: f"  {sum(len(c.unacked) for c in senders)} messages not acknowledged yet")
        if not ok:
            self.failures.append(f"{sum(len(c.unacked) for c in senders)} messages were still not acknowledged "
                                 f"{args.drain_timeout:.0f} s after sending stopped")
        expected = sum(len(c.sent_ids) for c in senders)
        ok = await self.wait_for(lambda: sum(len(v) for v in self.tally.delivered_ids.values()) >= expected,
                                 max(5.0, args.drain_timeout - (time.monotonic() - began)), "deliveries")
        self.report["drain_s"] = round(time.monotonic() - began, 2)
        self.report["rss_kb_end"] = self.server.rss_kb()

    async def shut_down(self) -> None:
        if self.children and "chats_opened" not in self.report:  # interrupted while opening chats
            self.report["chats_opened"] = sum(1 for c in self.children if c.conversation)
            self.report["chats_active"] = self.active_count
        self.tally.stopping = True
        sockets = [p.ws for p in self.children + self.counsellors if p.ws is not None]
        if sockets:
            closing = asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
            try:
                await asyncio.wait_for(closing, 5)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass
        tasks = [p.task for p in self.children + self.counsellors if p.task]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        code, graceful = self.server.stop()
        self.report["server_exit"] = code
        if not graceful:
            self.failures.append("the server did not stop within 30 s of SIGTERM")

    async def run(self) -> None:
        await self.setup()
        await self.open_chats()
        if self.active_count:
            await self.send_load()
            await self.drain()

    # -- exactly once ----------------------------------------------------------------------------

    def verify(self) -> None:
        """Compares what the children sent with what the database holds and the consoles got."""
        path = self.server.data / "cove.sqlite"
        if not path.exists():
            raise BenchError(f"no database at {path}")
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT conversation_id, client_id FROM chat_messages WHERE sender = 'child'").fetchall()
        finally:
            db.close()

        def conversation_key(value) -> str:
            if isinstance(value, (bytes, bytearray)) and len(value) == 16:
                return str(uuid.UUID(bytes=bytes(value))).upper()
            return str(uuid.UUID(value.decode() if isinstance(value, (bytes, bytearray)) else str(value))).upper()

        stored: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for conversation, client_id in rows:
            stored[conversation_key(conversation)][client_id] += 1
        missing = duplicated = unexpected = undelivered = 0
        sent_total = 0
        for child in self.children:
            if not child.conversation:
                continue
            sent = set(child.sent_ids)
            sent_total += len(sent)
            held = stored.pop(child.conversation, collections.Counter())
            missing += len(sent - set(held))
            unexpected += len(set(held) - sent)
            duplicated += sum(n - 1 for n in held.values() if n > 1)
            undelivered += len(sent - self.tally.delivered_ids.get(child.conversation, set()))
        unexpected += sum(sum(c.values()) for c in stored.values())  # rows of chats the bench never opened
        self.report["exactly_once"] = {
            "sent": sent_total, "stored": len(rows), "missing": missing, "duplicated": duplicated,
            "unexpected": unexpected, "console_duplicates": self.tally.console_duplicates,
            "console_undelivered": undelivered, "resent": self.tally.resent}
        for name, value in (("missing from the database", missing), ("stored twice", duplicated),
                            ("stored but never sent", unexpected),
                            ("delivered twice to consoles", self.tally.console_duplicates),
                            ("never delivered to a console", undelivered)):
            if value:
                self.failures.append(f"{value} messages {name}")

    # -- figures ---------------------------------------------------------------------------------

    def figures(self) -> None:
        tally, report = self.tally, self.report
        start, end = tally.send_window or (0, 0)
        window_s = max((end - start) / 1e9, 1e-9)
        report["delivery"] = percentiles([latency for _, latency, _ in tally.deliveries])
        report["delivered_per_s"] = round(sum(1 for at, _, _ in tally.deliveries if start <= at <= end) / window_s, 1)
        report["delivered_total"] = len(tally.deliveries)
        report["acks_per_s"] = round(sum(1 for at, _ in tally.acks if start <= at <= end) / window_s, 1)
        report["ack"] = percentiles([latency for _, latency in tally.acks])
        killed = report.get("restart", {}).pop("killed_ns", None)
        if killed:
            report["delivery_before_kill"] = percentiles([lat for _, lat, sent in tally.deliveries if sent < killed])
            report["delivery_after_kill"] = percentiles([lat for _, lat, sent in tally.deliveries if sent >= killed])
        before, after = report.get("rss_kb_counsellors"), report.get("rss_kb_all_active")
        opened = report.get("chats_opened") or 0
        if before and after and opened:
            report["kb_per_open_chat"] = round((after - before) / opened, 1)
        report["errors"] = dict(sorted(tally.errors.items()))
        report["frames"] = dict(sorted(tally.frames.items()))
        report["board_mb"] = round(tally.board_bytes / 1e6, 2)

    def print_report(self) -> None:
        r, args = self.report, self.args
        mb = lambda kb: f"{kb / 1024:.1f} MB" if kb else "?"  # noqa: E731
        cpus = os.cpu_count()
        model = ""
        try:
            model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                          if line.startswith("model name")), "")
        except OSError:
            pass
        print()
        print("Cove contact-centre benchmark")
        print(f"  machine:    {cpus} CPUs{f' ({model})' if model else ''}, {platform.system()} {platform.machine()};"
              " the server and the generator share them")
        print(f"  binary:     {args.cove}")
        print(f"  build:      {args.build}")
        print(f"  load:       {args.chats} chats, {len(self.counsellors)} counsellors × capacity {args.capacity}, "
              f"{args.rate:g} messages/s for {args.duration:g} s "
              f"({args.rate / max(1, args.chats):.2f}/s per chat){', SIGKILL halfway' if args.kill else ''}")
        print(f"  setup:      server up in {r.get('server_startup_s')} s; {len(self.counsellors)} counsellors created "
              f"in {r.get('counsellors_created_s')} s, signed in in {r.get('sign_in_s')} s, consoles ready in "
              f"{r.get('consoles_ready_s')} s")
        if "open_s" not in r and "chats_opened" in r:
            print(f"  chats:      {r['chats_opened']} opened, {r['chats_active']} active when the run stopped")
        if "open_s" in r:
            rate = r["chats_opened"] / r["open_s"] if r["open_s"] else 0
            print(f"  chats:      {r['chats_opened']} opened in {r['open_s']} s ({rate:.1f}/s), "
                  f"{r['chats_active']} active after {r['all_active_s']} s; sockets quiet "
                  f"{r.get('settle_s')} s later")
            print(f"  open:       POST /api/v1/chats {fmt_latency(r.get('open_request', {}))}")
            print(f"  routing:    open → offer on a board {fmt_latency(r.get('open_to_offer', {}))}")
            print(f"  accept:     offer → child sees active {fmt_latency(r.get('offer_to_active', {}))}")
            print(f"              offer → held on the board {fmt_latency(r.get('offer_to_held', {}))}")
            print(f"  answered:   open → child sees active {fmt_latency(r.get('open_to_active', {}))}")
            c = r.get("cpu_opening", {})
            print(f"  cpu:        while opening: server {c.get('server_pct')} %, generator {c.get('generator_pct')} % "
                  f"of one core")
        if "messages_sent" in r:
            print(f"  delivery:   child → counsellor {fmt_latency(r.get('delivery', {}))}")
            if "delivery_before_kill" in r:
                print(f"              sent before the kill {fmt_latency(r['delivery_before_kill'])}")
                print(f"              sent after the kill {fmt_latency(r['delivery_after_kill'])}")
            print(f"  throughput: sent {r['send_rate']}/s (scheduler lag max {r['scheduler_max_lag_ms']} ms), "
                  f"delivered {r['delivered_per_s']}/s, acks {r['acks_per_s']}/s while sending")
            print(f"  acks:       child → ack {fmt_latency(r.get('ack', {}))}")
            c = r.get("cpu_sending", {})
            print(f"  cpu:        while sending: server {c.get('server_pct')} %, generator {c.get('generator_pct')} % "
                  f"of one core")
        print(f"  memory:     server RSS {mb(r.get('rss_kb_counsellors'))} with consoles connected, "
              f"{mb(r.get('rss_kb_all_active'))} with {r.get('chats_opened', 0)} chats open "
              f"({r.get('chats_active', 0)} active)"
              + (f" → {r['kb_per_open_chat']} KB per open chat" if "kb_per_open_chat" in r else "")
              + (f"; {mb(r.get('rss_kb_end'))} at the end" if r.get("rss_kb_end") else ""))
        if "restart" in r:
            k = r["restart"]
            print(f"  kill:       SIGKILL at {k['at_s']} s; answering again after {k['restart_s']} s; every child "
                  f"reconnected after {k.get('children_reconnected_s')} s, every console after "
                  f"{k.get('consoles_reconnected_s')} s")
        if "exactly_once" in r:
            e = r["exactly_once"]
            print(f"  exactly-once: {e['sent']} sent, {e['stored']} stored, {e['resent']} resent; missing "
                  f"{e['missing']}, duplicated {e['duplicated']}, unexpected {e['unexpected']}; consoles: "
                  f"{e['console_duplicates']} duplicate (conversation, seq), {e['console_undelivered']} undelivered")
        frames = r.get("frames", {})
        print(f"  frames:     consoles got {frames.get('console:board', 0)} boards ({r.get('board_mb', 0)} MB) and "
              f"{frames.get('console:message', 0)} messages; children got {frames.get('child:queue', 0)} queue, "
              f"{frames.get('child:state', 0)} state, {frames.get('child:ack', 0)} ack, "
              f"{frames.get('child:message', 0)} message frames")
        errors = r.get("errors", {})
        print("  errors:     " + (", ".join(f"{k} {v}" for k, v in errors.items()) if errors else "none"))
        if self.failures:
            print()
            for failure in self.failures:
                print(f"FAILED: {failure}")
        r["failures"] = self.failures
        print(json.dumps({"bench": "contact-centre", "build": args.build.split(" ")[0], "chats": args.chats,
                          "rate": args.rate, "duration": args.duration, "capacity": args.capacity,
                          "kill": bool(args.kill), "counsellors": len(self.counsellors), **r}, sort_keys=False))


async def main(args: argparse.Namespace) -> int:
    bench = Bench(args)
    loop = asyncio.get_running_loop()
    work = asyncio.ensure_future(bench.run())
    interrupted = []

    def interrupt(name: str) -> None:
        if not interrupted:
            interrupted.append(name)
            log(f"{name}: stopping and reporting what was measured so far")
            work.cancel()

    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, interrupt, signal.Signals(number).name)
    try:
        await work
    except asyncio.CancelledError:
        bench.failures.append(f"interrupted ({interrupted[0] if interrupted else 'cancelled'})")
    except BenchError as error:
        bench.failures.append(str(error))
    finally:
        await bench.shut_down()
    if "messages_sent" in bench.report and "drain_s" in bench.report:
        try:
            bench.verify()
        except (BenchError, sqlite3.Error) as error:
            bench.failures.append(f"could not check the database: {error}")
    bench.figures()
    bench.print_report()
    return 1 if bench.failures else 0


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cove", required=True, help="the cove binary")
    parser.add_argument("--work", required=True, help="a folder for the server log and pid file")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--build", default="unknown", help="what kind of build the binary is, for the report")
    parser.add_argument("--chats", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=500, help="messages per second from all children together")
    parser.add_argument("--duration", type=float, default=30, help="seconds of sending")
    parser.add_argument("--capacity", type=int, default=20, help="chats per counsellor (1 to 50)")
    parser.add_argument("--kill", type=int, default=0, help="1: SIGKILL the server halfway and restart it")
    parser.add_argument("--openers", type=int, default=4, help="chats being opened at once")
    parser.add_argument("--ramp-timeout", type=float, default=900, help="seconds for every chat to be answered")
    parser.add_argument("--drain-timeout", type=float, default=120, help="seconds for acks and deliveries after sending")
    args = parser.parse_args()
    if not 1 <= args.capacity <= 50:
        parser.error("--capacity must be from 1 to 50")
    if args.chats < 1 or args.rate <= 0 or args.duration <= 0:
        parser.error("--chats, --rate and --duration must be positive")
    return args


if __name__ == "__main__":
    arguments = parse()
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    sys.exit(runner(main(arguments)))
