"""Load test of the HTTP API on this machine: concurrent clients for a fixed time.

    .venv/bin/python benchmarks/load_api.py                      # starts its own service
    .venv/bin/python benchmarks/load_api.py --url http://127.0.0.1:8000 --key rck_…

Without ``--url`` it starts ``rightscheck serve`` on a free loopback port with a new SQLite
database in a temporary folder (and ``RIGHTSCHECK_INLINE_MAX_WORDS=300``, so the longer
sample drafts go through the queue), creates a key, runs, and stops the service. With
``--url`` only loopback addresses (127.0.0.0/8, localhost, ::1) are accepted.

Each client repeats: submit a draft as JSON (mostly short drafts checked at once, one in five
the 1,400-word sample draft, which is queued), read the check back, sometimes fetch its
report (when done) or the list of checks. Clients stop starting requests when ``--duration`` is over;
then every created check is polled (at most ``--drain`` seconds) until done or failed.

Prints throughput, p50/p95 latency per kind of request, errors (5xx, refused connections,
timeouts), 429s, and lost checks: created (201) but then missing or never finished. Exits 1
when a check is lost or a request failed with a server error.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "drafts" / "arventa-public-events-2024.en.txt"

SHORT_DRAFTS = [
    ("en", "Article 1. Notification\n1. A peaceful assembly may be held only with the permission of the local "
           "executive body.\n2. The application shall be submitted no later than fifteen days before the event.\n"),
    ("en", "Article 4. Participants\n1. Foreign citizens and stateless persons may not take part in assemblies.\n"
           "2. Participants shall not cover their faces.\n"),
    ("en", "Article 2. Notification\n1. The organiser may inform the city administration of an assembly in advance.\n"
           "2. The police shall protect participants of peaceful assemblies.\n"),
    ("ru", "Статья 1. Порядок проведения\n1. Мирное собрание проводится только с разрешения местного "
           "исполнительного органа.\n2. Заявление подается не позднее чем за пятнадцать дней до дня проведения.\n"),
    ("ru", "Статья 3. Участники\n1. Иностранцы и лица без гражданства не вправе участвовать в мирных собраниях.\n"),
]


def loopback_only(url: str) -> tuple[str, int]:
    """``(host, port)`` of ``url``; raises SystemExit unless the host is a loopback address."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "http":
        raise SystemExit("load_api: only http:// URLs on this machine")
    if host != "localhost":
        try:
            if not ipaddress.ip_address(host).is_loopback:
                raise ValueError
        except ValueError:
            raise SystemExit(f"load_api: {host!r} is not a loopback address; only 127.0.0.0/8, localhost or ::1") from None
    return host, parts.port or 80


class Client:
    """One HTTP/1.1 connection to the service, reopened after an error."""

    def __init__(self, host: str, port: int, key: str, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.headers = {"Authorization": f"Bearer {key}"}
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = dict(self.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=payload, headers=headers)
            response = self.connection.getresponse()
            return response.status, response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise


class Recorder:
    """Latencies and outcomes of every request, by kind."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter = Counter()
        self.errors: Counter = Counter()
        self.created: list[str] = []

    def add(self, kind: str, seconds: float, status: int | None, error: str | None = None) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if status is not None:
                self.statuses[status] += 1
            if error:
                self.errors[error] += 1
            elif status is not None and status >= 500:
                self.errors[f"HTTP {status}"] += 1


def client_loop(client: Client, recorder: Recorder, deadline: float, rng: random.Random, long_text: str) -> None:
    """Requests until ``deadline`` (monotonic seconds)."""

    def timed(kind: str, method: str, path: str, body: dict | None = None) -> tuple[int | None, bytes]:
        start = time.monotonic()
        try:
            status, data = client.request(method, path, body)
        except Exception as exc:  # refused, reset, timed out: an error of the run
            recorder.add(kind, time.monotonic() - start, None, type(exc).__name__)
            return None, b""
        recorder.add(kind, time.monotonic() - start, status)
        return status, data

    while time.monotonic() < deadline:
        if rng.random() < 0.2:
            kind, body = "submit long (queued)", {"text": long_text, "title": "sample draft"}
        else:
            language, text = rng.choice(SHORT_DRAFTS)
            kind, body = "submit short (at once)", {"text": text, "language": language,
                                                    "store_text": rng.random() < 0.5}
        status, data = timed(kind, "POST", "/v1/checks", body)
        if status != 201:
            continue
        check_id = json.loads(data)["id"]
        with recorder.lock:
            recorder.created.append(check_id)
        if time.monotonic() >= deadline:
            break
        status, data = timed("get check", "GET", f"/v1/checks/{check_id}")
        done = status == 200 and json.loads(data).get("status") == "done"
        roll = rng.random()
        if roll < 0.3 and done:
            timed("get report.md", "GET", f"/v1/checks/{check_id}/report.md")
        elif roll < 0.5:
            timed("list checks", "GET", "/v1/checks?limit=20")


def drain(client: Client, ids: list[str], seconds: float) -> tuple[Counter, list[str]]:
    """Final status of every created check, polling until done/failed or ``seconds`` pass."""
    final: Counter = Counter()
    lost: list[str] = []
    deadline = time.monotonic() + seconds
    for check_id in ids:
        while True:
            try:
                status, data = client.request("GET", f"/v1/checks/{check_id}")
            except Exception:
                status, data = None, b""
            state = json.loads(data).get("status") if status == 200 else None
            if state in ("done", "failed"):
                final[state] += 1
                break
            if status == 404 or time.monotonic() > deadline:
                lost.append(check_id)
                break
            time.sleep(0.2)
    return final, lost


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_service(folder: Path) -> tuple[subprocess.Popen, str, str]:
    """``(process, url, key)`` of a new service on a free loopback port."""
    database = folder / "load.db"
    command = [sys.executable, "-c", "from checker.cli import main; main()"]
    key = subprocess.run(command + ["keys", "create", "--org", "Load test", "--database", str(database)],
                         check=True, capture_output=True, text=True, cwd=REPO).stdout.strip()
    port = free_port()
    environment = dict(os.environ, RIGHTSCHECK_INLINE_MAX_WORDS="300",
                       RIGHTSCHECK_RATE_LIMIT_PER_MINUTE="1000000", RIGHTSCHECK_RATE_LIMIT_BURST="100000")
    process = subprocess.Popen(command + ["serve", "--port", str(port), "--database", str(database),
                                          "--log-level", "warning"],
                               cwd=REPO, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/v1/health")
            if connection.getresponse().status == 200:
                return process, url, key
        except OSError:
            time.sleep(0.1)
        if process.poll() is not None:
            raise SystemExit("load_api: the service did not start")
    process.terminate()
    raise SystemExit("load_api: the service did not answer within 30 s")


def percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running service on this machine; default: start one")
    parser.add_argument("--key", default=os.environ.get("RIGHTSCHECK_API_KEY"), help="API key for --url")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (at most 600)")
    parser.add_argument("--drain", type=float, default=180.0, help="seconds to wait for queued checks afterwards")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds one request may take")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 0 < args.duration <= 600:
        parser.error("--clients must be 1-200 and --duration 0-600 seconds")

    process = None
    folder = tempfile.TemporaryDirectory(prefix="rightscheck-load-")
    try:
        if args.url:
            if not args.key:
                parser.error("--url needs --key (or RIGHTSCHECK_API_KEY)")
            url, key = args.url, args.key
        else:
            process, url, key = start_service(Path(folder.name))
        host, port = loopback_only(url)
        long_text = SAMPLE.read_text(encoding="utf-8")
        warm = Client(host, port, key, args.timeout)
        warm.request("POST", "/v1/checks", {"text": SHORT_DRAFTS[0][1]})  # pipelines loaded before timing
        warm.request("POST", "/v1/checks", {"text": SHORT_DRAFTS[3][1]})

        recorder = Recorder()
        started = time.monotonic()
        deadline = started + args.duration
        threads = [
            threading.Thread(target=client_loop, daemon=True,
                             args=(Client(host, port, key, args.timeout), recorder, deadline,
                                   random.Random(args.seed + i), long_text))
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.duration + args.timeout + 5)
        elapsed = time.monotonic() - started
        final, lost = drain(warm, list(recorder.created), args.drain)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        folder.cleanup()

    total = sum(len(v) for v in recorder.latency.values())
    everything = [s for v in recorder.latency.values() for s in v]
    print(f"{args.clients} clients for {args.duration:g} s against {url} (requests ran {elapsed:.1f} s)\n")
    print("| requests | per second | p50 | p95 |")
    print("|---|---:|---:|---:|")
    for kind in sorted(recorder.latency):
        values = recorder.latency[kind]
        print(f"| {kind} ({len(values)}) | {len(values) / elapsed:.1f} | {percentile(values, 50) * 1000:.0f} ms "
              f"| {percentile(values, 95) * 1000:.0f} ms |")
    if everything:
        print(f"| all ({total}) | {total / elapsed:.1f} | {percentile(everything, 50) * 1000:.0f} ms "
              f"| {percentile(everything, 95) * 1000:.0f} ms |")
    print()
    print(f"status codes: {dict(sorted(recorder.statuses.items()))}")
    print(f"errors (5xx, connection failures, timeouts): {sum(recorder.errors.values())} {dict(recorder.errors)}")
    print(f"rate limited (429): {recorder.statuses.get(429, 0)}")
    print(f"checks created: {len(recorder.created)}; finished: {dict(final)}; lost: {len(lost)}")
    return 1 if lost or recorder.errors else 0


if __name__ == "__main__":
    sys.exit(main())
