#!/usr/bin/env python3
"""What open feeds cost a Parley server, and whether careless clients are let go.

Starts the given `parley` binary on a scratch SQLite database on loopback, then measures its
resident memory (VmRSS) with:
  1. N idle WebSockets, then N waiting long-polls;
  2. a few WebSockets that never read, opened at cursor 0 on a chat with a large backlog
     (sampled while they stall, and checked to be closed with 4408 slow_consumer);
  3. connections that send half a request, and how many the idle deadline closes.
Standard library only; every connection goes to 127.0.0.1, every loop is bounded.

    scripts/measure-feeds.py .build/release/parley [--feeds 1000] [--backlog 20000] [--line 200]
        [--phases idle,polls,stalled,half]
"""

import argparse
import base64
import http.client
import json
import os
import resource
import socket
import subprocess
import tempfile
import time

ADMIN = ("admin@example.com", "measure-feeds password")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def call(port, method, path, body=None, token=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data) if data else None


def open_socket(port, receive_buffer=None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.connect(("127.0.0.1", port))
    return sock


def websocket(port, token, cursor, receive_buffer=None):
    """Opens a WebSocket by hand and reads no further than the upgrade response."""
    sock = open_socket(port, receive_buffer)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        f"GET /v1/ws?access_token={token}&cursor={cursor} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    return sock


def read_until_closed(sock, limit_seconds):
    """Reads everything the server sends until it closes; returns the close frame's code."""
    sock.settimeout(limit_seconds)
    data = bytearray()
    try:
        while chunk := sock.recv(1 << 20):
            data += chunk
    except (socket.timeout, ConnectionResetError):
        return None
    index = data.find(b"\r\n\r\n") + 4
    while index + 2 <= len(data):
        opcode, length, index = data[index] & 0x0F, data[index + 1] & 0x7F, index + 2
        if length == 126:
            length, index = int.from_bytes(data[index:index + 2], "big"), index + 2
        elif length == 127:
            length, index = int.from_bytes(data[index:index + 8], "big"), index + 8
        if opcode == 0x8:
            return int.from_bytes(data[index:index + 2], "big")
        index += length
    return None


def start_server(binary, port, directory, feeds):
    environment = dict(
        os.environ, PARLEY_PORT=str(port), PARLEY_DATA_DIR=directory, PARLEY_CAPTCHA="off", PARLEY_LOG_LEVEL="warning",
        PARLEY_ADMIN_EMAIL=ADMIN[0], PARLEY_ADMIN_PASSWORD=ADMIN[1], PARLEY_BCRYPT_COST="4",
        PARLEY_MAX_FEEDS_PER_SESSION=str(feeds), PARLEY_MAX_FEEDS_PER_ADDRESS=str(feeds * 2),
        PARLEY_CHAT_STARTS_PER_MINUTE="1000", PARLEY_LOGINS_PER_MINUTE="1000",
        PARLEY_IDLE_TIMEOUT_SECONDS="75", PARLEY_WS_WRITE_TIMEOUT_SECONDS="5",
    )
    server = subprocess.Popen([binary, "serve"], env=environment)
    for _ in range(300):
        try:
            call(port, "GET", "/healthz")
            return server
        except (OSError, RuntimeError):
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


class Server:
    """A fresh server on a scratch database, with the admin logged in and one department."""

    def __init__(self, binary, port, feeds):
        self.binary, self.port, self.feeds = binary, port, feeds

    def __enter__(self):
        self.directory = tempfile.TemporaryDirectory()
        self.process = start_server(self.binary, self.port, self.directory.name, self.feeds)
        self.token = call(self.port, "POST", "/v1/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})["accessToken"]
        self.department = call(self.port, "POST", "/v1/departments", {"name": "Sales"}, self.token)["id"]
        return self

    def __exit__(self, *_):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.directory.cleanup()

    @property
    def rss(self):
        return rss_mb(self.process.pid)


def idle_feeds(server, count):
    print(f"idle server: {server.rss:.0f} MB")
    sockets = [websocket(server.port, server.token, "latest") for _ in range(count)]
    time.sleep(2)
    print(f"{count} idle WebSockets: {server.rss:.0f} MB")
    for sock in sockets:
        sock.close()


def waiting_polls(server, count):
    print(f"idle server: {server.rss:.0f} MB")
    polls = []
    for _ in range(count):
        sock = open_socket(server.port)
        sock.sendall(f"GET /v1/sync?cursor=latest&timeout=60 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {server.token}\r\n\r\n".encode())
        polls.append(sock)
    time.sleep(2)
    print(f"{count} waiting long-polls: {server.rss:.0f} MB")
    for sock in polls:
        sock.close()


def readers_that_never_read(server, backlog, line_length):
    chat = call(server.port, "POST", "/v1/chats", {"departmentId": server.department, "name": "Vera", "email": "vera@example.com", "message": "hi"})
    visitor, chat_id = chat["credentials"]["accessToken"], chat["chat"]["id"]
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    line = "x" * line_length
    for index in range(backlog):
        connection.request("POST", f"/v1/chats/{chat_id}/messages", json.dumps({"text": f"{index} {line}"}),
                           {"Content-Type": "application/json", "Authorization": f"Bearer {visitor}"})
        connection.getresponse().read()
    connection.close()
    print(f"chat of {backlog} messages written; server: {server.rss:.0f} MB")
    stalled = [websocket(server.port, visitor, 0, receive_buffer=4096) for _ in range(6)]
    peak = 0.0
    for _ in range(20):
        time.sleep(0.25)
        peak = max(peak, server.rss)
    print(f"6 WebSockets that never read, at cursor 0: peak {peak:.0f} MB over 5 s")
    time.sleep(6)
    codes = [read_until_closed(sock, 10) for sock in stalled]
    print(f"their close codes once they read again: {codes}")


def half_sent_requests(server, count):
    half = []
    for _ in range(count):
        sock = open_socket(server.port)
        sock.sendall(b"GET /v1/departments HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        half.append(sock)
    started = time.monotonic()
    closed = 0
    for sock in half:
        sock.settimeout(max(0.1, 120 - (time.monotonic() - started)))
        try:
            if sock.recv(1) == b"":
                closed += 1
        except (socket.timeout, ConnectionResetError):
            pass
        sock.close()
    print(f"{count} half-sent requests: {closed} closed by the server within {time.monotonic() - started:.0f} s")


def measure(binary, port, feeds, backlog, line_length, phases):
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    runs = {
        "idle": lambda server: idle_feeds(server, feeds),
        "polls": lambda server: waiting_polls(server, feeds),
        "stalled": lambda server: readers_that_never_read(server, backlog, line_length),
        "half": lambda server: half_sent_requests(server, min(feeds, 500)),
    }
    for phase in phases.split(","):
        with Server(binary, port, feeds) as server:
            runs[phase](server)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--backlog", type=int, default=20000)
    parser.add_argument("--line", type=int, default=200, help="characters per backlog message")
    parser.add_argument("--phases", default="idle,polls,stalled,half")
    arguments = parser.parse_args()
    measure(arguments.binary, arguments.port, arguments.feeds, arguments.backlog, arguments.line, arguments.phases)
