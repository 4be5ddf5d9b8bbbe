"""Time the API's answer to a 16 MB request body (a parameter list of two million numbers).

Starts the app as `graphapp serve` runs it (uvicorn, embedded store) on a free loopback
port, sends ``POST /api/cypher`` with the body, and prints how long the answer took and
what it was, best and worst of ``--runs``. The client writes the body while it waits for
the answer, as a browser or curl does, so an early answer is seen as early.

    python benchmarks/bench_limits.py [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

SERVE = ["--host", "127.0.0.1", "--log-level", "warning"]
BODY = json.dumps({"query": "RETURN size($xs)", "parameters": {"xs": list(range(2_000_000))}}).encode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answer_time(port: int) -> tuple[float, str]:
    """Seconds from the first byte sent to the status line received, and the status line."""
    head = (
        "POST /api/cypher HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(BODY)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=120) as connection:
        started = time.monotonic()

        def write() -> None:
            with contextlib.suppress(OSError):  # the server answered and closed before the body was all sent
                connection.sendall(head + BODY)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        status = connection.recv(4096).decode("latin-1").split("\r\n", 1)[0]
        elapsed = time.monotonic() - started
        writer.join(5)
    return elapsed, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "GRAPHAPP_NEO4J_URI")}
    command = [sys.executable, "-m", "uvicorn", "--factory", "graphapp.api.serve_command:app_from_environment"]
    server = subprocess.Popen([*command, *SERVE, "--port", str(port)], env=env)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        results = [answer_time(port) for _ in range(args.runs)]
    finally:
        server.terminate()
        server.wait(10)
    times = sorted(t for t, _ in results)
    print(f"POST /api/cypher with a {len(BODY) / 1e6:.1f} MB body: {sorted({s for _, s in results})}")
    print(f"answer after {times[0] * 1000:.0f} ms best, {times[-1] * 1000:.0f} ms worst of {args.runs}")


if __name__ == "__main__":
    main()
