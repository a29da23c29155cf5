"""Many visitors at once on a big directory (issue 15): does anything fail, and how slow is it?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sd_load_copy \
        .venv/bin/python benchmarks/load.py [--connections 50] [--seconds 60] \
        [--max-requests 200000] [--timeout 60] [--seed 1] [--results benchmarks/RESULTS.md]

Starts gunicorn with the committed gunicorn.conf.py and production settings (DEBUG off) on
127.0.0.1 against the PostgreSQL database DATABASE_URL names, which must hold a migrated
directory (`manage.py generate_directory`; use a copy: nothing is written to it, but the
statistics a benchmark leaves are its own). It reads addresses from that database at the start
(published services' pages and ids, ZIP codes where services are, facet terms), then keeps
`--connections` clients busy for `--seconds`, each over its own kept-alive connection, on the
search mix below, every request drawn at random by its weight.

Prints the requests, the errors (any answer other than 2xx or 3xx, and any connection error or
timeout) and the median, p95 and p99 latency, in all and per kind of request; exits 1 on any
error. `--results FILE` also writes them to FILE's "## Load" section (benchmarks/run.py keeps
that section when it rewrites the file).

Only 127.0.0.1 is contacted; every request has a timeout, and the run stops by itself at the
deadline or after `--max-requests`, whichever comes first.
"""

import argparse
import contextlib
import datetime
import http.client
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
from run import (
    HOST,
    gunicorn,
    log,
    machine,
    manage,
    management_environment,
    percentile,
    production,
)

# Seconds a request may take before it counts as an error (--timeout).
REQUEST_TIMEOUT = 60
# Words people type, as benchmarks/search_quality.csv has them; Spanish with and without accents.
ENGLISH_WORDS = [
    *("anxiety", "depression", "grief", "support group", "peer support", "crisis", "counselling"),
    *("therapy", "family", "youth", "veterans", "trauma", "recovery", "addiction", "caregivers"),
    *("loneliness", "bipolar", "eating disorder", "housing", "free counselling", "lost my job"),
]
SPANISH_WORDS = [
    *("ansiedad", "depresión", "depresion", "duelo", "apoyo", "grupo de apoyo", "familia"),
    *("jóvenes", "consejería", "crisis", "adicción", "soledad", "terapia gratis"),
]
# (name, weight): how often each kind of request comes in the mix.
WEIGHTS = {
    "home": 8,
    "search (English)": 16,
    "search (Spanish)": 8,
    "kind of support": 8,
    "topic": 8,
    "cost": 5,
    "near a ZIP code": 10,
    "words near a ZIP code": 5,
    "service page": 14,
    "API list": 6,
    "API search": 4,
    "API detail": 8,
}
# Connection errors that a kept-alive connection the server closed meanwhile gives; a browser
# sends the request again on a new connection, and so does this client, once.
STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def read_addresses(database_url, rng):
    """What the mix asks for, from the database: services, ZIP codes with services, terms."""
    with psycopg.connect(database_url) as connection:

        def column(query, *params):
            return [row[0] for row in connection.execute(query, params).fetchall()]

        published = (
            "SELECT {} FROM resources_service WHERE status = 'published' "
            "ORDER BY md5(id::text || %s) LIMIT 500"
        )
        seed = str(rng.random())
        addresses = {
            "slugs": column(published.format("slug"), seed),
            "ids": column(published.format("id"), seed),
            "zips": column(
                "SELECT postcode FROM (SELECT DISTINCT p.postcode FROM resources_place p "
                "JOIN resources_location l ON l.postal_code = p.postcode "
                "WHERE p.postcode <> '') AS z ORDER BY md5(postcode || %s) LIMIT 200",
                seed,
            ),
        }
        for facet, taxonomy in (
            ("support", "supportdir:support"),
            ("topic", "supportdir:topic"),
            ("cost", "supportdir:cost"),
        ):
            addresses[facet] = column(
                "SELECT t.code FROM resources_taxonomyterm t "
                "JOIN resources_taxonomy x ON x.id = t.taxonomy_id WHERE x.name = %s",
                taxonomy,
            )
    empty = [name for name, values in addresses.items() if not values]
    if empty:
        raise SystemExit(f"the database holds no {', '.join(empty)}: is it a generated directory?")
    return addresses


def make_mix(addresses):
    """name → a function of a random generator giving one path."""

    def search(**params):
        return "/search/?" + urlencode(params)

    return {
        "home": lambda rng: "/",
        "search (English)": lambda rng: search(q=rng.choice(ENGLISH_WORDS)),
        "search (Spanish)": lambda rng: search(q=rng.choice(SPANISH_WORDS)),
        "kind of support": lambda rng: rng.choice(
            [
                f"/support/{rng.choice(addresses['support'])}/",
                search(support=rng.choice(addresses["support"])),
            ]
        ),
        "topic": lambda rng: rng.choice(
            [
                f"/topics/{rng.choice(addresses['topic'])}/",
                search(topic=rng.choice(addresses["topic"])),
            ]
        ),
        "cost": lambda rng: search(
            cost=rng.choice(addresses["cost"]), support=rng.choice(addresses["support"])
        ),
        "near a ZIP code": lambda rng: search(near=rng.choice(addresses["zips"])),
        "words near a ZIP code": lambda rng: search(
            q=rng.choice(ENGLISH_WORDS + SPANISH_WORDS), near=rng.choice(addresses["zips"])
        ),
        "service page": lambda rng: f"/services/{quote(rng.choice(addresses['slugs']))}/",
        "API list": lambda rng: f"/api/services?page={rng.randint(1, 50)}",
        "API search": lambda rng: (
            "/api/services?" + urlencode({"search": rng.choice(ENGLISH_WORDS + SPANISH_WORDS)})
        ),
        "API detail": lambda rng: f"/api/services/{rng.choice(addresses['ids'])}",
    }


class Client(threading.Thread):
    """One visitor after another over one connection, until the run is over."""

    def __init__(self, number, port, mix, seed, run):
        super().__init__(name=f"client-{number}", daemon=True)
        self.port = port
        self.mix = mix
        self.rng = random.Random(f"{seed}-{number}")  # noqa: S311 (a mix, not a secret)
        self.run_state = run
        self.connection = None
        self.timings = defaultdict(list)
        self.errors = Counter()
        self.retried = 0

    def run(self):
        names, weights = list(WEIGHTS), list(WEIGHTS.values())
        while self.run_state.take_one():
            name = self.rng.choices(names, weights)[0]
            path = self.mix[name](self.rng)
            started = time.perf_counter()
            outcome = self.request(path)
            self.timings[name].append(time.perf_counter() - started)
            if outcome is not None:
                self.errors[f"{name}: {outcome}"] += 1
        self.close()

    def request(self, path):
        """None when answered with 2xx or 3xx; else what went wrong."""
        try:
            response, _content = self.exchange("GET", path, headers={"Accept-Language": "en"})
        except (OSError, http.client.HTTPException) as error:
            return type(error).__name__
        return None if 200 <= response.status < 400 else f"HTTP {response.status}"

    def exchange(self, method, path, body=None, headers=None):
        """The response and its content, over the kept connection; asked once more, on a new
        connection, when the kept one turns out closed. Raises what went wrong otherwise."""
        reused = self.connection is not None
        try:
            return self._exchange_once(method, path, body, headers)
        except STALE:
            if not reused:
                raise
            self.retried += 1
            return self._exchange_once(method, path, body, headers)

    def _exchange_once(self, method, path, body, headers):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                HOST, self.port, timeout=self.run_state.timeout
            )
        try:
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if response.will_close:
            self.close()
        return response, content

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class RunState:
    """The deadline and the request budget, shared by the clients."""

    def __init__(self, seconds, max_requests, timeout=REQUEST_TIMEOUT):
        self.timeout = timeout
        self.deadline = time.monotonic() + seconds
        self.left = max_requests
        self.lock = threading.Lock()

    def take_one(self):
        with self.lock:
            if self.left <= 0 or time.monotonic() >= self.deadline:
                return False
            self.left -= 1
            return True


def run_load(port, mix, args):
    state = RunState(args.seconds, args.max_requests, args.timeout)
    clients = [Client(number, port, mix, args.seed, state) for number in range(args.connections)]
    started = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        # A request in flight at the deadline may take its timeout to end, no longer.
        client.join(timeout=args.seconds + args.timeout + 10)
    elapsed = time.perf_counter() - started
    timings, errors = defaultdict(list), Counter()
    for client in clients:
        for name, values in client.timings.items():
            timings[name].extend(values)
        errors.update(client.errors)
    still_running = sum(client.is_alive() for client in clients)
    if still_running:
        errors["client still waiting at the end"] += still_running
    return {
        "elapsed": elapsed,
        "timings": timings,
        "errors": errors,
        "retried": sum(client.retried for client in clients),
    }


def summary(values):
    return {
        "requests": len(values),
        "p50_ms": statistics.median(values) * 1000,
        "p95_ms": percentile(values, 0.95) * 1000,
        "p99_ms": percentile(values, 0.99) * 1000,
    }


def report(results, args, started_at, load_before):
    every = [value for values in results["timings"].values() for value in values]
    total = summary(every) if every else {"requests": 0, "p50_ms": 0, "p95_ms": 0, "p99_ms": 0}
    errors = sum(results["errors"].values())
    info = machine()
    lines = [
        "## Load",
        "",
        f"Run {started_at} on {info['cores']} cores, {info['memory_gb']} GB memory, "
        f"Python {info['python']}, {info['postgresql']}, commit {info['commit']}; load average "
        f"at the start {load_before[0]:.1f} (a machine shared with other work: the numbers are "
        "what it gave then, not what an idle one gives).",
        "",
        f"Command: `DATABASE_URL=… .venv/bin/python benchmarks/load.py --connections "
        f"{args.connections} --seconds {args.seconds} --timeout {args.timeout:g} "
        f"--seed {args.seed}` against {args.services_label}; gunicorn.conf.py, DEBUG off, "
        "client and server on this machine.",
        "",
        f"- {total['requests']:,} requests in {results['elapsed']:.1f} s "
        f"({total['requests'] / results['elapsed']:.1f}/s; new ones for {args.seconds} s, then "
        f"those in flight finished), {args.connections} connections",
        f"- errors: {errors}"
        + (
            " (" + ", ".join(f"{what}: {n}" for what, n in sorted(results["errors"].items())) + ")"
            if errors
            else ""
        ),
        f"- latency: median {total['p50_ms']:.0f} ms, p95 {total['p95_ms']:.0f} ms, "
        f"p99 {total['p99_ms']:.0f} ms",
        f"- requests sent again on a new connection after a kept-alive one was closed: "
        f"{results['retried']}",
        "",
        "| request | share | requests | median ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    weight_total = sum(WEIGHTS.values())
    for name, weight in WEIGHTS.items():
        values = results["timings"].get(name)
        if not values:
            continue
        row = summary(values)
        lines.append(
            f"| {name} | {weight / weight_total:.0%} | {row['requests']:,} | {row['p50_ms']:.0f} "
            f"| {row['p95_ms']:.0f} | {row['p99_ms']:.0f} |"
        )
    return "\n".join(lines) + "\n", errors


def write_section(path, section, heading="## Load"):
    """Puts `section` (from its `heading` on) in place of the file's own, or at its end."""
    text = path.read_text() if path.exists() else ""
    start = text.find(f"\n{heading}\n")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[: start + 1] + section + (text[end:] if end != -1 else "")
    path.write_text(text)


def count_services(database_url):
    with psycopg.connect(database_url) as connection:
        query = "SELECT count(*) FROM resources_service WHERE status = 'published'"
        return connection.execute(query).fetchone()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--timeout", type=float, default=REQUEST_TIMEOUT, help="seconds a request may take"
    )
    parser.add_argument("--results", type=Path, help="also write the report to this file")
    parser.add_argument(
        "--log", type=Path, default=Path(tempfile.gettempdir()) / "supportdir-load.log"
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database holding a directory.")

    rng = random.Random(args.seed)  # noqa: S311 (a mix, not a secret)
    addresses = read_addresses(database_url, rng)
    args.services_label = f"{count_services(database_url):,} published services"
    log(f"{args.services_label}; {len(addresses['zips'])} ZIP codes with services")
    mix = make_mix(addresses)
    with tempfile.TemporaryDirectory(prefix="supportdir-load-") as folder:
        os.environ["STATIC_ROOT"] = str(Path(folder) / "static")
        environment = management_environment(database_url)
        log("collecting the static files, as a production server serves them")
        manage(production(environment), "collectstatic", "--no-input", quiet=True)
        with gunicorn(environment, args.log) as port:
            log("warming up: each kind of request once")
            warm = Client(0, port, mix, args.seed, RunState(0, 0))
            for name in WEIGHTS:
                with contextlib.suppress(OSError, http.client.HTTPException):
                    warm.request(mix[name](rng))
            warm.close()
            started_at = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
            load_before = os.getloadavg()
            log(f"{args.connections} connections for {args.seconds} s")
            results = run_load(port, mix, args)
    text, errors = report(results, args, started_at, load_before)
    print(text)
    if args.results:
        write_section(args.results, text)
        log(f"written to {args.results}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
