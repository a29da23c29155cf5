"""Issue 11's measurements in one run, written to benchmarks/RESULTS.md (`make bench`).

    make bench
    .venv/bin/python benchmarks/run.py [--services 100000] [--seed 1] [--rounds 200]
        [--database-url postgres://postgres@127.0.0.1:5432/supportdir_bench]
        [--sqlite-services 10000] [--skip throughput,ndjson,sqlite,import]

Steps, each printing its progress:
1. the PostgreSQL database: created and migrated if needed; `generate_directory` fills it unless
   it already holds the generated directory of that size and seed;
2. gunicorn with the committed gunicorn.conf.py and production settings (DEBUG off) on 127.0.0.1;
3. the mix, one client at a time: every URL in turn, `--rounds` times (or until it has taken
   `--seconds-per-url`), over one kept-alive connection; p50/p95/p99 and page bytes; the SQL
   queries of each URL, counted in a separate process through Django's test client against the
   same database;
4. throughput with wrk (Debian package `wrk`), 16 connections: /healthz (a trivial Django view),
   then the mix, then searches that are all different (no cache can answer them);
5. one NDJSON dump of every service in full (benchmarks/ndjson.py);
6. SQLite with `--sqlite-services` generated services: the same mix, one client;
7. import_hsds of a generated directory's own export into an empty PostgreSQL database (the
   SQLite one's, or with `--skip sqlite` the PostgreSQL one's);
8. search quality: benchmarks/search_quality.py on the PostgreSQL directory, the share of its
   queries that find the kind of service they ask for among the first three results.

Only 127.0.0.1 is contacted; every request has a timeout and every step a deadline.
"""

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 120
SECRET_KEY = "benchmark-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/supportdir_bench"
TARGETS = {
    "p95_ms": 50,
    "p99_ms": 100,
    "sqlite_p95_ms": 100,
    "queries": 10,
    "throughput_ratio": 0.40,
    "distinct_per_second": 60,
    "dump_per_second": 5000,
    "dump_first_byte_s": 1.0,
    "import_per_second": 1000,
}

# Sections of RESULTS.md that other scripts write (load.py, faults.py); write_results keeps them.
KEPT_SECTIONS = ("## Load", "## Faults")
# The mix of issue 11. "{service}" is filled with a published service's address.
MIX = {
    "404 page (baseline)": "/services/no-such-service/",
    "home": "/",
    "keyword": "/search/?q=anxiety",
    "typo": "/search/?q=depresion",
    "two facets": "/search/?support=emotional&topic=grief",
    "near": "/search/?near=53703&distance=10",
    "open now": "/search/?open_now=1",
    "all combined": "/search/?q=group&support=coping&near=53703&open_now=1",
    "deep page": "/search/?q=support&page=40",
    "kind of support": "/support/emotional/",
    "topic": "/topics/grief/",
    "service page": "{service}",
    "API search": "/api/services?search=anxiety",
    "API list": "/api/services",
    # HSDS gives proximity in metres: 16,093 m is the page's ten miles.
    "API near": "/api/services?postcode=53703&proximity=16093",
    "API open now": "/api/services?open_now=true",
}
DISTINCT_WORDS = [
    *("anxiety", "depression", "grief", "loss", "support", "group", "peer", "crisis"),
    *("counselling", "therapy", "family", "youth", "veterans", "trauma", "recovery"),
    *("addiction", "parents", "caregivers", "women", "men", "lgbtq", "spanish", "online"),
    *("phone", "mindfulness", "stress", "sleep", "anger", "loneliness", "bipolar", "psychosis"),
    *("eating", "housing", "employment", "ansiedad", "duelo", "apoyo", "familia"),
]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(environment, *args, quiet=False):
    return subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        check=True,
        text=True,
        capture_output=quiet,
    )


def management_environment(database_url=None, data_dir=None):
    environment = {**os.environ, "DEBUG": "true", "LOG_LEVEL": "WARNING"}
    environment.pop("DATABASE_URL", None)
    if database_url:
        environment["DATABASE_URL"] = database_url
    if data_dir:
        environment["DATA_DIR"] = str(data_dir)
    return environment


def on_server(database_url, *statements):
    """Runs statements such as CREATE DATABASE on the server of database_url, outside it."""
    server = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        results = []
        for statement in statements:
            cursor = connection.execute(*statement)
            results.append(cursor.fetchall() if cursor.description else None)
        return results


def database_name(database_url):
    return urlsplit(database_url).path.lstrip("/")


def ensure_postgres_database(database_url):
    name = database_name(database_url)
    [found] = on_server(database_url, ("SELECT 1 FROM pg_database WHERE datname = %s", [name]))
    if not found:
        log(f"creating the database {name}")
        on_server(database_url, (sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)),))


def generated_count(environment):
    script = (
        "from resources.models import Service; "
        "from resources.sample_data.generator import generated; "
        "print(Service.objects.filter(generated()).count())"
    )
    result = manage(environment, "shell", "--no-imports", "-c", script, quiet=True)
    return int(result.stdout.strip().splitlines()[-1])


def prepare_directory(environment, services, seed, label):
    log(f"{label}: migrating")
    manage(environment, "migrate", "--no-input", quiet=True)
    count = generated_count(environment)
    if count == services:
        log(f"{label}: reusing the {services:,} generated services already there")
        return None
    log(f"{label}: loading the US ZIP codes for the generated locations")
    manage(environment, "load_places", "--us", quiet=True)
    log(f"{label}: generating {services:,} services (seed {seed}); it prints its progress")
    started = time.perf_counter()
    manage(
        environment,
        "generate_directory",
        "--services",
        str(services),
        "--seed",
        str(seed),
        "--replace",
    )
    return time.perf_counter() - started


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production(environment):
    """DEBUG off, as a production server runs; the static files must be collected first."""
    return {**environment, "DEBUG": "false", "SECRET_KEY": SECRET_KEY, "ALLOWED_HOSTS": HOST}


@contextlib.contextmanager
def gunicorn(environment, log_path, port=None):
    port = port or free_port()
    environment = production(environment)
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "supportdir.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--access-logfile",
        "/dev/null",
    ]
    with open(log_path, "a") as errors:
        # Its own process group, so that its workers go with it whatever happens to the arbiter.
        server = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=environment, stderr=errors, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError, http.client.HTTPException):
                if fetch(port, "/healthz")[0] == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {log_path}")
            time.sleep(0.3)
        yield port
    finally:
        stop_group(server)


def stop_group(process, timeout=30):
    """Ends a process started with start_new_session=True and everything it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def fetch(port, path, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, body
    finally:
        if own:
            connection.close()


def service_address(port):
    """A published service's page, as the home page's recently verified cards link to it."""
    status, body = fetch(port, "/")
    found = re.search(r'href="(/services/[^"/?]+/)"', body.decode())
    if status != 200 or not found:
        raise SystemExit(f"/ answered {status} without a service to link to")
    return found.group(1)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_mix(port, urls, rounds, seconds_per_url):
    """Every URL once a round, in turn, one request at a time over one kept-alive connection.

    A URL that has taken `seconds_per_url` in all is asked no more (after five rounds at least),
    so a slow page cannot make the run endless; the report gives each URL's number of rounds.
    """
    timings = {name: [] for name in urls}
    sizes, statuses = {}, {}
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    for path in urls.values():  # warm each worker's caches and templates
        for _ in range(4):
            fetch(port, path, connection)
    for number in range(rounds):
        for name, path in urls.items():
            if len(timings[name]) >= 5 and sum(timings[name]) > seconds_per_url:
                continue
            started = time.perf_counter()
            status, body = fetch(port, path, connection)
            timings[name].append(time.perf_counter() - started)
            sizes[name], statuses[name] = len(body), status
        if (number + 1) % max(1, rounds // 5) == 0:
            log(f"  round {number + 1} of {rounds}")
    connection.close()
    return {
        name: {
            "path": urls[name],
            "status": statuses[name],
            "bytes": sizes[name],
            "rounds": len(values),
            "p50_ms": statistics.median(values) * 1000,
            "p95_ms": percentile(values, 0.95) * 1000,
            "p99_ms": percentile(values, 0.99) * 1000,
        }
        for name, values in timings.items()
    }


COUNT_QUERIES = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
counts = {}
for path in json.loads(sys.argv[1]):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    counts[path] = len(queries)
print(json.dumps(counts))
"""


def count_queries(environment, urls):
    environment = {**environment, "ALLOWED_HOSTS": "testserver"}
    result = subprocess.run(  # noqa: S603
        [
            PYTHON,
            "-c",
            f"import django, sys; sys.path.insert(0, '.'); django.setup(); exec({COUNT_QUERIES!r})",
            json.dumps(list(urls.values())),
        ],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "supportdir.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    return {name: counts[path] for name, path in urls.items()}


def wrk_script(paths, folder):
    """A wrk script sending `paths` in turn; each of its threads starts at its own place."""
    listing = ",\n".join(json.dumps(path) for path in paths)
    script = folder / f"paths-{len(paths)}.lua"
    script.write_text(
        f"local paths = {{\n{listing}\n}}\n"
        "local counter = 0\n"
        "local threads = 0\n"
        "function setup(thread) thread:set('offset', threads * 7919); threads = threads + 1 end\n"
        "function init(args) counter = tonumber(offset) or 0 end\n"
        "function request()\n"
        "  counter = counter + 1\n"
        "  return wrk.format('GET', paths[(counter % #paths) + 1])\n"
        "end\n"
    )
    return script


def run_wrk(port, script, seconds, connections=16):
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk"),
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://{HOST}:{port}/",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    if not rate:
        log(f"wrk answered nothing:\n{result.stdout}{result.stderr}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    timeouts = re.search(r"timeout (\d+)", result.stdout)
    return {
        "per_second": rate,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def distinct_searches(count, seed):
    rng = random.Random(seed)  # noqa: S311 (reproducible, not secret)
    facets = ["", "&support=emotional", "&support=peer", "&cost=free", "&delivery=online"]
    paths, seen = [], set()
    while len(paths) < count:
        words = "+".join(rng.sample(DISTINCT_WORDS, rng.choice([1, 2, 2, 3])))
        path = f"/search/?q={words}{rng.choice(facets)}&page={rng.choice([1, 1, 2, 3])}"
        if path not in seen:
            seen.add(path)
            paths.append(path)
    return paths


def measure_throughput(port, urls, seconds, folder):
    log(f"throughput: /healthz for {seconds} s, 16 connections")
    trivial = run_wrk(port, wrk_script(["/healthz"], folder), seconds)
    mix_paths = [path for name, path in urls.items() if "baseline" not in name]
    log(f"throughput: the mix for {seconds} s")
    mix = run_wrk(port, wrk_script(mix_paths, folder), seconds)
    paths = distinct_searches(20_000, seed=11)
    log(f"throughput: {len(paths):,} different searches for {seconds} s")
    distinct = run_wrk(port, wrk_script(paths, folder), seconds)
    return {"trivial": trivial, "mix": mix, "distinct": distinct, "seconds": seconds}


def measure_dump(environment, deadline):
    log("NDJSON dump of every service in full (benchmarks/ndjson.py), one client")
    result = subprocess.run(  # noqa: S603
        [
            PYTHON,
            "benchmarks/ndjson.py",
            "--runs",
            "1",
            "--dumps",
            "1",
            "--deadline",
            str(deadline),
            "--json",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_import(source, database_url, folder):
    """import_hsds of the export of the directory `source` names, into an empty PostgreSQL
    database beside database_url's, created for it and dropped after."""
    export = folder / "export"
    log("import: exporting the generated directory as HSDS CSV")
    manage(source, "export_hsds", str(export), quiet=True)
    target_url = f"{database_url}_import"
    target_name = sql.Identifier(database_name(target_url))
    on_server(
        database_url,
        (sql.SQL("DROP DATABASE IF EXISTS {}").format(target_name),),
        (sql.SQL("CREATE DATABASE {}").format(target_name),),
    )
    target = management_environment(target_url)
    manage(target, "migrate", "--no-input", quiet=True)
    services = sum(1 for _ in (export / "services.csv").open()) - 1
    log(f"import: {services:,} services into an empty database")
    started = time.perf_counter()
    manage(target, "import_hsds", str(export), quiet=True)
    seconds = time.perf_counter() - started
    on_server(database_url, (sql.SQL("DROP DATABASE {}").format(target_name),))
    return {"services": services, "seconds": seconds, "per_second": services / seconds}


def measure_search_quality(environment):
    completed = subprocess.run(  # noqa: S603
        [PYTHON, "benchmarks/search_quality.py"],
        cwd=ROOT,
        env=environment,
        check=True,
        text=True,
        capture_output=True,
        timeout=900,
    )
    found = re.search(r"search quality: (\d+) of (\d+)", completed.stdout)
    if found is None:
        raise subprocess.SubprocessError("benchmarks/search_quality.py printed no result")
    log(found[0])
    return {"met": int(found[1]), "total": int(found[2])}


def machine():
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    with psycopg.connect(DEFAULT_DATABASE_URL.rsplit("/", 1)[0] + "/postgres") as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": f"PostgreSQL {postgres}",
        "load": os.getloadavg(),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
    }


def verdict(value, target, *, at_most=True):
    if value is None:
        return "not measured"
    met = value <= target if at_most else value >= target
    return "met" if met else "missed"


def write_results(path, results, args):
    given = [argument for argument in sys.argv[1:] if argument != "--from-make"]
    if args.from_make:
        command = "make bench" + (f' BENCH_ARGS="{" ".join(given)}"' if given else "")
    else:
        command = " ".join(["benchmarks/run.py", *given])
    lines = [
        "# Benchmark results (issue 11)",
        "",
        f"Run {results['date']} on {results['machine']['cores']} cores, "
        f"{results['machine']['memory_gb']} GB memory, Python {results['machine']['python']}, "
        f"{results['machine']['postgresql']}, commit {results['machine']['commit']}; load "
        f"average at the start {results['machine']['load'][0]:.1f}.",
        "",
        f"Command: `{command}`",
        "",
    ]
    if results.get("generate_seconds"):
        lines += [
            f"Generating {args.services:,} services took {results['generate_seconds']:.0f} s.",
            "",
        ]
    if "mix" in results:
        lines += [
            f"## The mix on PostgreSQL, {args.services:,} services, one client "
            f"({args.rounds} rounds; gunicorn.conf.py, DEBUG off)",
            "",
            "| URL | p50 ms | p95 ms | p99 ms | rounds | queries | bytes | p95 ≤ 50, p99 ≤ 100, "
            "queries ≤ 10 |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for name, row in results["mix"].items():
            queries = results.get("queries", {}).get(name)
            met = (
                row["p95_ms"] <= TARGETS["p95_ms"]
                and row["p99_ms"] <= TARGETS["p99_ms"]
                and (queries is None or queries <= TARGETS["queries"])
            )
            expected = 404 if "baseline" in name else 200
            status = "" if row["status"] == expected else f" (HTTP {row['status']})"
            lines.append(
                f"| {name} `{row['path']}` | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
                f"{row['p99_ms']:.1f} | {row['rounds']} | {queries} | {row['bytes']:,} | "
                f"{'met' if met else 'missed'}{status} |"
            )
        lines.append("")
    if "throughput" in results:
        throughput = results["throughput"]
        ratio = throughput["mix"]["per_second"] / throughput["trivial"]["per_second"]
        lines += [
            f"## Throughput, wrk, 16 connections, {throughput['seconds']} s each",
            "",
            "| What | requests/s | non-2xx | timeouts | target |",
            "|---|---:|---:|---:|---|",
            f"| /healthz (trivial Django view) | {throughput['trivial']['per_second']:.0f} | "
            f"{throughput['trivial']['non_2xx']} | {throughput['trivial']['timeouts']} | |",
            f"| the mix | {throughput['mix']['per_second']:.0f} | {throughput['mix']['non_2xx']}"
            f" | {throughput['mix']['timeouts']} | {ratio:.0%} of trivial, ≥ 40%: "
            f"{verdict(ratio, TARGETS['throughput_ratio'], at_most=False)} |",
            f"| different searches | {throughput['distinct']['per_second']:.0f} | "
            f"{throughput['distinct']['non_2xx']} | {throughput['distinct']['timeouts']} | "
            f"≥ 60/s: {verdict(throughput['distinct']['per_second'], 60, at_most=False)} |",
            "",
        ]
    if "dump" in results:
        dump = results["dump"]
        error = dump["dumps"][0].get("error")
        lines += [
            "## NDJSON dump, `/api/services?format=ndjson&full=true`, one client",
            "",
            f"- {dump['total']:,} services; {dump['services_per_second']:.0f} services/s "
            f"(≥ 5,000: {verdict(dump['services_per_second'], 5000, at_most=False)}); first line "
            f"after {dump['first_line_s']:.2f} s (≤ 1 s: "
            f"{verdict(dump['first_line_s'], 1.0)}); complete: {dump['all_complete']} "
            f"({dump['dumps'][0]['lines']:,} lines{f', {error}' if error else ''}); "
            f"worker RSS {dump['idle_rss_mb']:.0f} MB idle, {dump['peak_rss_mb']:.0f} MB peak.",
            "",
        ]
    if "sqlite" in results:
        worst = max(row["p95_ms"] for row in results["sqlite"].values())
        lines += [
            f"## The mix on SQLite, {args.sqlite_services:,} services, one client",
            "",
            f"Worst p95 {worst:.1f} ms (≤ 100: {verdict(worst, 100)}).",
            "",
            "| URL | p50 ms | p95 ms | p99 ms | rounds |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, row in results["sqlite"].items():
            lines.append(
                f"| {name} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['p99_ms']:.1f} | "
                f"{row['rounds']} |"
            )
        lines.append("")
    if "import" in results:
        imported = results["import"]
        lines += [
            "## import_hsds of the generated directory's own export (CSV), into an empty database",
            "",
            f"{imported['services']:,} services in {imported['seconds']:.0f} s: "
            f"{imported['per_second']:.0f} services/s (≥ 1,000: "
            f"{verdict(imported['per_second'], 1000, at_most=False)}).",
            "",
        ]
    if "search_quality" in results:
        quality = results["search_quality"]
        lines += [
            "## Search quality",
            "",
            f"search quality: {quality['met']} of {quality['total']} (the queries of "
            "benchmarks/search_quality.csv that find the kind of service they ask for among "
            f"the first three results, {args.services:,} services on PostgreSQL).",
            "",
        ]
    for name, error in results.get("failed", {}).items():
        lines += [f"**{name} failed**: `{error}`", ""]
    # benchmarks/load.py's and benchmarks/faults.py's sections are measured apart: kept as
    # they are.
    previous = path.read_text() if path.exists() else ""
    for heading in KEPT_SECTIONS:
        start = previous.find(f"\n{heading}\n")
        if start != -1:
            end = previous.find("\n## ", start + 1)
            lines += [previous[start + 1 : end if end != -1 else None].rstrip("\n"), ""]
    path.write_text("\n".join(lines))
    (path.with_suffix(".json")).write_text(json.dumps(results, indent=1, default=str))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=20, help="each wrk run")
    parser.add_argument(
        "--seconds-per-url", type=float, default=60, help="a URL's rounds stop after this time"
    )
    parser.add_argument("--sqlite-services", type=int, default=10_000)
    parser.add_argument("--skip", default="", help="any of throughput,ndjson,sqlite,import")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument(
        "--log", type=Path, default=Path(tempfile.gettempdir()) / "supportdir-bench.log"
    )
    parser.add_argument("--from-make", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    skip = {step for step in args.skip.split(",") if step}
    if not args.database_url.startswith("postgres"):
        raise SystemExit("--database-url must name a PostgreSQL database (a throwaway one).")

    results = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
    }
    ensure_postgres_database(args.database_url)
    with tempfile.TemporaryDirectory(prefix="supportdir-bench-") as folder:
        folder = Path(folder)
        os.environ["STATIC_ROOT"] = str(folder / "static")
        environment = management_environment(args.database_url)
        log("collecting the static files, as a production server serves them")
        manage(production(environment), "collectstatic", "--no-input", quiet=True)
        results["generate_seconds"] = prepare_directory(
            environment, args.services, args.seed, "PostgreSQL"
        )
        server_log = args.log

        def step(name, measure):
            """Runs one step; a step that fails is reported as such, and the others still run.
            RESULTS.md is written after each step, so a long run shows what it has so far."""
            try:
                measure()
            except (OSError, http.client.HTTPException, subprocess.SubprocessError) as error:
                log(f"{name} failed: {error!r}")
                results.setdefault("failed", {})[name] = repr(error)
            write_results(args.output, results, args)

        def postgresql_mix():
            with gunicorn(environment, server_log) as port:
                urls = {
                    name: path.format(service=service_address(port)) for name, path in MIX.items()
                }
                log(f"the mix: {len(urls)} URLs, {args.rounds} rounds, one client")
                results["mix"] = measure_mix(port, urls, args.rounds, args.seconds_per_url)
                log("queries per URL")
                results["queries"] = count_queries(environment, urls)
                if "throughput" in skip:
                    return
                if shutil.which("wrk") is None:
                    log("wrk is not installed (Debian: apt-get install wrk): no throughput")
                else:
                    results["throughput"] = measure_throughput(port, urls, args.seconds, folder)

        sqlite = management_environment(data_dir=folder / "sqlite")

        def sqlite_mix():
            prepare_directory(sqlite, args.sqlite_services, args.seed, "SQLite")
            with gunicorn(sqlite, server_log) as port:
                urls = {
                    name: path.format(service=service_address(port)) for name, path in MIX.items()
                }
                log(f"SQLite: the mix, {args.rounds // 2} rounds")
                results["sqlite"] = measure_mix(
                    port, urls, max(20, args.rounds // 2), args.seconds_per_url
                )

        def dump():
            results["dump"] = measure_dump(environment, deadline=600)

        def imported():
            # The SQLite directory's export, when there is one: the same generator's data at
            # a tenth of the size, imported in a tenth of the time.
            source = sqlite if "sqlite" not in skip else environment
            results["import"] = measure_import(source, args.database_url, folder)

        def search_quality():
            log("search quality")
            results["search_quality"] = measure_search_quality(environment)

        step("the mix on PostgreSQL", postgresql_mix)
        step("search quality", search_quality)
        if "ndjson" not in skip:
            step("the NDJSON dump", dump)
        if "sqlite" not in skip:
            step("the mix on SQLite", sqlite_mix)
        if "import" not in skip:
            step("the import", imported)
    log(f"written to {args.output}")


if __name__ == "__main__":
    main()
