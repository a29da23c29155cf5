"""The database and Redis go away under load (issue 15): does the site keep its promises?

    make bench-faults FAULTS_ARGS="..."
    .venv/bin/python benchmarks/faults.py [--source-url postgres://…/supportdir_bench |
        --services N] [--connections 8] [--suggesters 2] [--steady 15] [--outage 10]
        [--timeout 60] [--max-requests 100000] [--seed 1] [--results benchmarks/RESULTS.md]

Everything runs on 127.0.0.1, in servers of its own, never the shared ones:
1. a private PostgreSQL cluster (`initdb` from /usr/lib/postgresql/*/bin into a temporary
   folder, on port 55432) and a private `redis-server` on port 56379 that keeps nothing on disk;
2. the private database is filled from `--source-url` (default: the 100,000-service directory
   `make bench` builds) by `pg_dump -Fc` and `pg_restore`, which only read the source, or with
   `--services N` by `generate_directory`; then `migrate`;
3. gunicorn (gunicorn.conf.py, DEBUG off, REDIS_URL set) serves it; `--connections` clients
   run benchmarks/load.py's search mix and `--suggesters` visitors each suggest a service
   again and again (they get the form, wait as a person would, and send it with its token);
4. phases, each `--steady` seconds of calm between the outages: calm, PostgreSQL stopped
   (`pg_ctl stop -m fast`) for `--outage` seconds and started again, calm, Redis stopped for
   `--outage` seconds and started again, calm.

The promises it checks, and exits 1 if any is broken:
- while the database is away, pages answer 503 with the page that says so (never a 500) and
  /api/ answers a JSON 503;
- the first 2xx of a page that needs the database comes within 5 s of the database's return;
- while Redis is away, nothing answers an error (no 500, no 503);
- every suggestion sent is stored (a 302; the private database holds it at the end) or answered
  with a page that says it was not (the 503 page): none is stored after an error, none is lost
  after a 302, and none goes unanswered;
- gunicorn's log says that Redis went away (so the outage was met), and, outage warnings
  included, holds no query string (a search's words or place).
It prints the answers and the latency percentiles per phase; `--results FILE` also writes them
to FILE's "## Faults" section (benchmarks/run.py keeps that section when it rewrites the file).

Every request has a timeout and the run a request budget; whatever happens (an error, Ctrl-C,
SIGTERM), gunicorn, PostgreSQL and Redis are stopped with their process groups and the
temporary folder removed.
"""

import argparse
import atexit
import contextlib
import datetime
import glob
import html.parser
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from load import WEIGHTS, Client, RunState, make_mix, read_addresses, summary, write_section
from run import (
    DEFAULT_DATABASE_URL,
    HOST,
    gunicorn,
    log,
    machine,
    manage,
    management_environment,
    prepare_directory,
    production,
    stop_group,
)

POSTGRES_PORT = 55432
REDIS_PORT = 56379
GUNICORN_PORT = 8120
PRIVATE_URL = f"postgres://postgres@{HOST}:{POSTGRES_PORT}/supportdir_faults"
PRIVATE_REDIS = f"redis://{HOST}:{REDIS_PORT}/0"
# The promise: a page that needs the database answers 2xx within this long after it is back.
RECOVERY_SECONDS = 5
# Seconds a suggester waits between getting the form and sending it (the site refuses a form
# sent faster than SUBMISSION_MIN_SECONDS, which the run sets to 1).
FILL_SECONDS = 1.5
FAULT_NAME = "Faults run suggestion"
UNAVAILABLE_WORDS = b"The directory is unavailable for a moment"
# A page that reads the database every time: the form, with a new token and its kinds of
# support, is never cached (other pages may be answered from Redis while the database is away).
NEEDS_THE_DATABASE = {"suggestion form"}


# --- The private servers ------------------------------------------------------------------


def postgres_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("no initdb under /usr/lib/postgresql/*/bin (Debian's postgresql)")
    return Path(found[-1]).parent


def as_postgres(command):
    """PostgreSQL refuses to run as root: then it runs as the postgres user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivateServers:
    """A PostgreSQL cluster and a Redis of this run's own; `stop_all` ends both, always."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.data = self.folder / "postgres"
        self.bin = postgres_bin()
        self.redis = None
        self.postgres_started = False

    def pg_ctl(self, *args):
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data), *args]
        subprocess.run(as_postgres(command), check=True, capture_output=True, timeout=120)  # noqa: S603

    def create_postgres(self):
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres")
        command = [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"]
        subprocess.run(as_postgres([*command, "--no-sync"]), check=True, capture_output=True)  # noqa: S603
        # A throwaway cluster: no durability needed, only what the site itself does.
        settings = (
            f"listen_addresses = '{HOST}'\nport = {POSTGRES_PORT}\n"
            f"unix_socket_directories = '{self.folder}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(settings)

    def start_postgres(self):
        self.postgres_started = True
        log_path = self.folder / "postgres.log"
        try:
            self.pg_ctl("start", "-w", "-t", "60", "-l", str(log_path))
        except subprocess.CalledProcessError:
            # The folder, log included, goes at the end: show why first.
            tail = log_path.read_text()[-2000:] if log_path.exists() else "(no log)"
            raise SystemExit(f"PostgreSQL did not start:\n{tail}") from None

    def stop_postgres(self, mode="fast"):
        self.pg_ctl("stop", "-w", "-t", "60", "-m", mode)

    def start_redis(self):
        command = [
            "redis-server",
            *("--bind", HOST, "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"),
            *("--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")),
        ]
        self.redis = subprocess.Popen(command, start_new_session=True)  # noqa: S603
        deadline = time.monotonic() + 20
        while not self.redis_answers():
            if self.redis.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"redis-server did not start; see {self.folder / 'redis.log'}")
            time.sleep(0.1)

    def stop_redis(self):
        if self.redis is not None:
            stop_group(self.redis, timeout=10)
            self.redis = None

    @staticmethod
    def redis_answers():
        with contextlib.suppress(OSError), socket_to(REDIS_PORT) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
        return False

    def stop_all(self):
        self.stop_redis()
        if self.postgres_started and (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                self.stop_postgres(mode="immediate")


def socket_to(port):
    return socket.create_connection((HOST, port), timeout=2)


def fill_database(servers, args, environment):
    """The private database, from a dump of --source-url or generated; then migrated."""
    with psycopg.connect(PRIVATE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        db.execute("CREATE DATABASE supportdir_faults")
    if args.services:
        prepare_directory(environment, args.services, args.seed, "private database")
        return f"{args.services:,} generated services"
    dump = servers.folder / "source.dump"
    log(f"pg_dump -Fc of {args.source_url.rsplit('/', 1)[-1]} (read only)")
    subprocess.run(  # noqa: S603
        [str(servers.bin / "pg_dump"), "-Fc", "-Z", "1", "-f", str(dump), args.source_url],
        check=True,
        timeout=args.prepare_timeout,
    )
    log("pg_restore into the private database")
    subprocess.run(  # noqa: S603
        [
            str(servers.bin / "pg_restore"),
            *("--no-owner", "--no-privileges", "--jobs", "2"),
            *("--dbname", PRIVATE_URL, str(dump)),
        ],
        check=True,
        timeout=args.prepare_timeout,
    )
    dump.unlink()
    # pg_restore leaves the planner without statistics: every search would be planned blind.
    log("ANALYZE, as after any restore")
    with psycopg.connect(PRIVATE_URL, autocommit=True) as db:
        db.execute("ANALYZE")
    log("migrating the private database")
    manage(environment, "migrate", "--no-input", quiet=True)
    return f"a copy of {args.source_url.rsplit('/', 1)[-1]}"


# --- What happens during the run -----------------------------------------------------------


class Timeline:
    """The phase now, and when the database and Redis went away and came back."""

    def __init__(self):
        self.phase = "starting"
        self.marks = {}
        self.lock = threading.Lock()

    def enter(self, phase):
        with self.lock:
            self.phase = phase
            self.marks[phase] = time.monotonic()
        log(f"phase: {phase}")

    def mark(self, name):
        self.marks[name] = time.monotonic()


class Answer:
    __slots__ = (
        *("body", "content_type", "cookies", "ended", "error", "kind", "phase", "started"),
        "status",
    )

    def __init__(self, kind, phase, started):
        self.kind, self.phase, self.started = kind, phase, started
        self.status = self.error = self.content_type = None
        self.body = b""
        self.cookies = []
        self.ended = None

    @property
    def seconds(self):
        return self.ended - self.started


class Visitor(Client):
    """load.py's client, keeping every answer with its phase, status and kind of body."""

    def __init__(self, number, port, mix, seed, run, timeline):
        super().__init__(number, port, mix, seed, run)
        self.timeline = timeline
        self.answers = []

    def run(self):
        names, weights = list(WEIGHTS), list(WEIGHTS.values())
        while self.run_state.take_one():
            name = self.rng.choices(names, weights)[0]
            self.answers.append(self.ask(name, self.mix[name](self.rng)))
        self.close()

    def ask(self, kind, path, method="GET", body=None, headers=None):
        answer = Answer(kind, self.timeline.phase, time.monotonic())
        headers = {"Accept-Language": "en", **(headers or {})}
        try:
            response, answer.body = self.exchange(method, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            answer.error = type(error).__name__
        else:
            answer.status = response.status
            answer.content_type = response.getheader("Content-Type", "")
            answer.cookies = response.headers.get_all("Set-Cookie") or []
        answer.ended = time.monotonic()
        return answer


class FormReader(html.parser.HTMLParser):
    """The suggestion form's hidden fields and the values of its kinds-of-support boxes."""

    def __init__(self):
        super().__init__()
        self.hidden = {}
        self.kinds = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "input":
            return
        if attrs.get("type") == "hidden":
            self.hidden[attrs.get("name")] = attrs.get("value", "")
        elif attrs.get("name") == "kinds_of_support":
            self.kinds.append(attrs.get("value"))


class Suggester(Visitor):
    """A visitor who suggests a service, again and again, as a person does: gets the form with
    its token and CSRF cookie, fills it in, sends it."""

    counter = 0
    counter_lock = threading.Lock()

    def __init__(self, number, port, seed, run, timeline):
        super().__init__(number, port, {}, seed, run, timeline)
        self.posts = []  # (name, Answer)

    def run(self):
        while self.run_state.take_one():
            form = self.ask("suggestion form", "/suggest/")
            self.answers.append(form)
            if form.status != 200:
                time.sleep(0.5)
                continue
            reader = FormReader()
            reader.feed(form.body.decode("utf-8", "replace"))
            cookie = next(
                (c.split(";")[0] for c in form.cookies if c.startswith("csrftoken=")), None
            )
            with Suggester.counter_lock:
                Suggester.counter += 1
                name = f"{FAULT_NAME} {Suggester.counter}"
            time.sleep(FILL_SECONDS)
            data = {
                **reader.hidden,
                "name": name,
                "organization_name": "Lakeside Peer Network",
                "description": "A peer group for people who hear voices. Drop in, no referral.",
                "kinds_of_support": reader.kinds[:2],
                "phone": "608-555-0142",
                "city": "Madison",
                "postal_code": "53703",
                "when": "Thursdays 6 to 7:30 pm",
                "leave_empty": "",
            }
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://{HOST}:{self.port}",
            }
            if cookie:
                headers["Cookie"] = cookie
            post = self.ask(
                "suggestion sent", "/suggest/", "POST", urlencode(data, doseq=True), headers
            )
            self.answers.append(post)
            self.posts.append((name, post))
        self.close()


def warm_up(port, mix, rng):
    """Each kind of request once, before anything is measured, as load.py does."""
    log("warming up: each kind of request once")
    visitor = Visitor(0, port, mix, 0, RunState(0, 0), Timeline())
    for name in WEIGHTS:
        visitor.ask(name, mix[name](rng))
    visitor.close()


def run_phases(servers, timeline, args):
    """Calm, database away, calm, Redis away, calm; each stop and start is marked."""
    timeline.enter("calm before")
    time.sleep(args.steady)
    timeline.enter("database away")
    timeline.mark("database stopping")
    servers.stop_postgres()
    timeline.mark("database stopped")
    time.sleep(args.outage)
    servers.start_postgres()
    timeline.mark("database back")
    timeline.enter("after the database")
    time.sleep(args.steady)
    timeline.enter("Redis away")
    servers.stop_redis()
    time.sleep(args.outage)
    servers.start_redis()
    timeline.mark("Redis back")
    timeline.enter("after Redis")
    time.sleep(args.steady)
    timeline.enter("over")


def run_faults(port, mix, servers, args):
    timeline = Timeline()
    # The budget and deadline only bound the run: the phases end it.
    total = 3 * args.steady + 2 * args.outage + 300
    state = RunState(total, args.max_requests, args.timeout)
    visitors = [
        Visitor(number, port, mix, args.seed, state, timeline) for number in range(args.connections)
    ]
    suggesters = [
        Suggester(args.connections + number, port, args.seed, state, timeline)
        for number in range(args.suggesters)
    ]
    for client in visitors + suggesters:
        client.start()
    try:
        run_phases(servers, timeline, args)
    finally:
        with state.lock:
            state.left = 0
        for client in visitors + suggesters:
            client.join(timeout=args.timeout + FILL_SECONDS + 10)
    answers = [answer for client in visitors + suggesters for answer in client.answers]
    posts = [post for suggester in suggesters for post in suggester.posts]
    still_running = sum(client.is_alive() for client in visitors + suggesters)
    return timeline, answers, posts, still_running


# --- The promises --------------------------------------------------------------------------


def is_api(answer):
    return answer.kind.startswith("API")


def outcome(answer):
    if answer.error:
        return answer.error
    return f"HTTP {answer.status}"


def first_success(timeline, answers, kinds=None):
    """Seconds from the database's return to the end of the first 2xx asked after it."""
    back = timeline.marks["database back"]
    ended = [
        a.ended
        for a in answers
        if a.started >= back
        and a.status is not None
        and 200 <= a.status < 300
        and (kinds is None or a.kind in kinds)
    ]
    return min(ended) - back if ended else None


def check(timeline, answers, posts, stored, still_running):
    """The broken promises, in words (empty when all are kept), and the recovery time."""
    broken = []
    if still_running:
        broken.append(f"{still_running} clients still waiting for an answer at the end")
    for answer in answers:
        if answer.status is not None and answer.status >= 500 and answer.status != 503:
            broken.append(f"{answer.kind} answered {answer.status} in the phase {answer.phase}")
    in_outage = [a for a in answers if a.phase == "database away"]
    for answer in in_outage:
        if answer.status == 503:
            if is_api(answer) and not answer.content_type.startswith("application/json"):
                broken.append(f"{answer.kind}: a 503 that is not JSON ({answer.content_type})")
            if not is_api(answer) and UNAVAILABLE_WORDS not in answer.body:
                broken.append(f"{answer.kind}: a 503 without the page that says so")
    if not any(answer.status == 503 for answer in in_outage):
        broken.append("no 503 while the database was away: was it stopped?")
    recovery = first_success(timeline, answers, kinds=NEEDS_THE_DATABASE)
    if recovery is None or recovery > RECOVERY_SECONDS:
        broken.append(f"no 2xx within {RECOVERY_SECONDS} s of the database's return")
    # Before the database stops, and from RECOVERY_SECONDS after its return on (Redis's outage
    # included), every answer is a 2xx or 3xx.
    calm = [a for a in answers if a.ended < timeline.marks["database stopping"]]
    calm += [a for a in answers if a.started >= timeline.marks["database back"] + RECOVERY_SECONDS]
    for answer in calm:
        if answer.error or answer.status >= 400:
            broken.append(f"{answer.kind}: {outcome(answer)} in the phase {answer.phase}")
    for name, post in posts:
        if post.status == 302 and name not in stored:
            broken.append(f"{name}: answered 302 but not stored (lost)")
        elif post.status != 302 and name in stored:
            broken.append(f"{name}: stored but answered {outcome(post)}")
        elif post.status != 302 and not (post.status == 503 and UNAVAILABLE_WORDS in post.body):
            broken.append(f"{name}: answered {outcome(post)}, not the page that says so")
    return broken, recovery


def read_server_log(path):
    """What gunicorn's log says of Redis, and whether it holds any query string (a search's
    words or place): the log keeps the path alone."""
    text = path.read_text(errors="replace") if path.exists() else ""
    queries = len(re.findall(r"[?&](?:q|near|search|postcode|support|topic|cost)=", text))
    redis_away = text.count("Redis (the cache) is unreachable")
    broken = [f"{queries} query strings in gunicorn's log"] if queries else []
    if not redis_away:
        # Then no request met the outage, and "no error while Redis is away" proves nothing.
        broken.append("gunicorn's log never says that Redis went away")
    return {
        "redis_away": redis_away,
        "redis_back": text.count("Redis (the cache) answers again"),
        "queries": queries,
        "broken": broken,
    }


def stored_suggestions():
    with psycopg.connect(PRIVATE_URL) as connection:
        rows = connection.execute(
            "SELECT name FROM resources_suggestion WHERE name LIKE %s", [FAULT_NAME + " %"]
        ).fetchall()
    return Counter(row[0] for row in rows)


# --- The report ----------------------------------------------------------------------------

PHASES = ["calm before", "database away", "after the database", "Redis away", "after Redis"]


def report(timeline, answers, posts, stored, broken, recovery, args, started_at, load):
    info = machine()
    marks = timeline.marks
    stop_took = marks["database stopped"] - marks["database stopping"]
    down_for = marks["database back"] - marks["database stopping"]
    sent_302 = sum(post.status == 302 for _, post in posts)
    sent_503 = sum(post.status == 503 for _, post in posts)
    lines = [
        "## Faults",
        "",
        f"Run {started_at} on {info['cores']} cores, {info['memory_gb']} GB memory, "
        f"Python {info['python']}, commit {info['commit']}; load average at the start "
        f"{load[0]:.1f} (a machine shared with other work: latencies are what it gave then).",
        "",
        f"Command: `{' '.join(['.venv/bin/python', 'benchmarks/faults.py', *sys.argv[1:]])}` "
        f"against {args.services_label}, in a private PostgreSQL "
        f"({postgres_bin().parent.name}, port {POSTGRES_PORT}, fsync off: a throwaway cluster) "
        f"and Redis (port {REDIS_PORT}); "
        f"gunicorn.conf.py, DEBUG off, REDIS_URL set; {args.connections} connections on "
        f"benchmarks/load.py's mix and {args.suggesters} visitors suggesting services.",
        "",
        f"- database: `pg_ctl stop -m fast` took {stop_took:.1f} s, away {down_for:.1f} s in "
        "all; first 2xx after its return: "
        + seconds_or_none(recovery)
        + f" for the suggestion form, which reads the database each time (promise: within "
        f"{RECOVERY_SECONDS} s); "
        + seconds_or_none(first_success(timeline, answers))
        + " for any page",
        f"- Redis: stopped for {args.outage} s, then started again (empty); gunicorn's log says "
        f"{args.server_log['redis_away']} times that it went away and "
        f"{args.server_log['redis_back']} times that it answers again (once each per process)",
        f"- search words or places in gunicorn's log (query strings): {args.server_log['queries']}",
        f"- suggestions sent: {len(posts)}; stored (302): {sent_302}, rows in the database: "
        f"{sum(stored.values())}; answered with the 503 page: {sent_503}; others: "
        f"{len(posts) - sent_302 - sent_503}",
        "- promises: "
        + ("all kept" if not broken else f"{len(broken)} broken: " + "; ".join(broken[:10])),
        "",
        "Answers are counted in the phase they were asked in (one asked just before a stop "
        "may be answered during it).",
        "",
        "| phase | requests | answers | median ms | p95 ms | p99 ms |",
        "|---|---:|---|---:|---:|---:|",
    ]
    by_phase = defaultdict(list)
    for answer in answers:
        by_phase[answer.phase].append(answer)
    for phase in PHASES:
        these = by_phase.get(phase, [])
        if not these:
            continue
        counts = Counter(outcome(answer) for answer in these)
        row = summary([answer.seconds for answer in these])
        words = ", ".join(f"{what}: {n:,}" for what, n in sorted(counts.items()))
        lines.append(
            f"| {phase} | {row['requests']:,} | {words} | {row['p50_ms']:.0f} "
            f"| {row['p95_ms']:.0f} | {row['p99_ms']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def seconds_or_none(seconds):
    return f"{seconds:.2f} s" if seconds is not None else "none"


# --- The run -------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--source-url", default=DEFAULT_DATABASE_URL, help="read only")
    source.add_argument("--services", type=int, help="generate this many services instead")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--suggesters", type=int, default=2)
    parser.add_argument("--steady", type=int, default=15, help="seconds of calm between outages")
    parser.add_argument("--outage", type=int, default=10, help="seconds each server is away")
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=60, help="seconds a request may take")
    parser.add_argument("--prepare-timeout", type=int, default=1800, help="dump, restore")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", type=Path, help="also write the report to this file")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="supportdir-faults-")
    servers = PrivateServers(folder)
    cleaned = []

    def clean_up():
        if cleaned:
            return
        cleaned.append(True)
        servers.stop_all()
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(clean_up)
    # SIGTERM (a timeout, a supervisor) unwinds like Ctrl-C: every finally runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return run(servers, folder, args)
    finally:
        clean_up()


def refuse_ports_in_use():
    """Another run's servers (or anyone's) on our ports: stop rather than talk to them."""
    for port in (POSTGRES_PORT, REDIS_PORT, GUNICORN_PORT):
        with contextlib.suppress(OSError), socket_to(port):
            raise SystemExit(f"{HOST}:{port} is in use: is another faults.py running?")


def run(servers, folder, args):
    refuse_ports_in_use()
    log(f"private PostgreSQL on {HOST}:{POSTGRES_PORT}, Redis on {HOST}:{REDIS_PORT}")
    servers.create_postgres()
    servers.start_postgres()
    servers.start_redis()
    environment = management_environment(PRIVATE_URL)
    args.services_label = fill_database(servers, args, environment)
    rng = random.Random(args.seed)  # noqa: S311 (a mix, not a secret)
    mix = make_mix(read_addresses(PRIVATE_URL, rng))
    environment |= {
        "STATIC_ROOT": str(Path(folder) / "static"),
        "REDIS_URL": PRIVATE_REDIS,
        # A suggester sends the form after FILL_SECONDS, and sends many.
        "SUBMISSION_MIN_SECONDS": "1",
        "SUBMISSION_RATE_LIMIT": "100000",
    }
    log("collecting the static files, as a production server serves them")
    manage(production(environment), "collectstatic", "--no-input", quiet=True)
    gunicorn_log = Path(folder) / "gunicorn.log"
    try:
        with gunicorn(environment, gunicorn_log, port=GUNICORN_PORT) as port:
            started_at = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
            load = os.getloadavg()
            warm_up(port, mix, rng)
            log(f"{args.connections} connections and {args.suggesters} suggesters")
            timeline, answers, posts, still_running = run_faults(port, mix, servers, args)
    finally:
        shown = Path(tempfile.gettempdir()) / "supportdir-faults-gunicorn.log"
        with contextlib.suppress(OSError):
            shutil.copy(gunicorn_log, shown)
            log(f"gunicorn's log: {shown}")
    stored = stored_suggestions()
    broken, recovery = check(timeline, answers, posts, stored, still_running)
    server_log = read_server_log(gunicorn_log)
    broken += server_log["broken"]
    args.server_log = server_log
    text = report(timeline, answers, posts, stored, broken, recovery, args, started_at, load)
    print(text)
    if args.results:
        write_section(args.results, text, heading="## Faults")
        log(f"written to {args.results}")
    for line in broken:
        log(f"BROKEN: {line}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
