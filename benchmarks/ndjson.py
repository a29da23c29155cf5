"""Three full NDJSON dumps at once, with page requests alongside, through gunicorn (issue 11).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sd_bench_100k \
        .venv/bin/python benchmarks/ndjson.py [--runs 3] [--dumps 3] [--deadline 600]

Starts gunicorn on 127.0.0.1 with the committed gunicorn.conf.py (or, to measure another
checkout, `--code DIR` and `--config none --gunicorn-arg=--workers=3` for gunicorn's defaults as
the README used to give them), against the database DATABASE_URL names, which must hold a
migrated directory (`manage.py generate_directory`). Each run:

1. asks `/api/services?per_page=1` for the total and times it alone: the baseline;
2. starts `--dumps` clients reading `/api/services?format=ndjson&full=true` to the end, while one
   more client asks for the baseline page over and over, and the workers' memory is sampled;
3. reports, per dump, the time to the first line and services a second, whether it ended with
   HTTP's own end of body and as many lines as the total; for the pages, their median and worst
   time against the baseline and how many went unanswered; and the workers' peak RSS.

Only 127.0.0.1 is contacted; every request has a timeout, every run the deadline, and the page
client stops with the dumps. Prints the medians over the runs.

On the 2-core development machine, shared with other work that kept its load near 11 (the
baseline page alone took 250-700 ms, not the ~10 ms of an idle machine), November 2026, medians of
three runs on 20,000 generated services:
- before (the code of main, gunicorn as the README gave it: 3 sync workers): every dump cut when
  gunicorn killed its worker at the 30-second timeout (500-940 lines of 20,000; 22 services/s;
  first line after 12.6 s); 9 of 12 page requests unanswered (10-second timeout);
- after: every dump complete (20,000 lines and the end of the chunked body), 103 services/s each
  (three at once), first line after 2.4 s; pages 309 ms median against 281 ms alone, 2.2 s at
  worst, none unanswered; workers' peak RSS 144 MB (63 MB fresh; the same after each run).
One dump of 100,000 (`--dumps 1`): 149 services/s, first line after 3.2 s, worker RSS 63 MB
idle and 95 MB at its peak, stopped by the 600-second deadline after 90,101 services.
Measured in one process, the CPU time of a full service went from 2.5 ms to 0.5 ms: the speed
of a dump on an idle machine follows that, not these wall-clock figures.
"""

import argparse
import http.client
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
DUMP = "/api/services?format=ndjson&full=true"
PAGE = "/api/services?per_page=1"
PAGE_TIMEOUT = 10
PAGE_INTERVAL = 0.25
BASELINE_ROUNDS = 20


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(args, port):
    command = [str(Path(sys.executable).parent / "gunicorn"), "supportdir.wsgi"]
    command += ["--bind", f"{HOST}:{port}", "--access-logfile", "/dev/null"]
    if args.config == "none":
        command += ["--config", "/dev/null", "--no-control-socket"]
    elif args.config:
        command += ["--config", args.config]
    command += args.gunicorn_arg
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "ALLOWED_HOSTS": HOST,
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: S603
        command,
        cwd=args.code,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=open(args.log, "a"),  # noqa: SIM115
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _body, _elapsed = get(port, "/api/")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not answer on {HOST}:{port}; see {args.log}")


def get(port, path, timeout=PAGE_TIMEOUT):
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - started
    finally:
        connection.close()


def dump(port, result, deadline):
    """Read one dump to its end; record when its first line came and how it ended."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=max(1, deadline - time.monotonic()))
    lines, first_line, tail = 0, None, b""
    try:
        connection.request("GET", DUMP)
        response = connection.getresponse()
        result["status"] = response.status
        while time.monotonic() < deadline:
            chunk = response.read1(1 << 16)
            if not chunk:
                break
            if first_line is None and b"\n" in chunk:
                first_line = time.perf_counter() - started
            lines += chunk.count(b"\n")
            tail = chunk[-1:]
        else:
            result["error"] = "deadline"
        result["complete_http"] = response.isclosed() and "error" not in result
    except (http.client.IncompleteRead, OSError, http.client.HTTPException) as error:
        result["error"] = type(error).__name__
        result["complete_http"] = False
    finally:
        connection.close()
    result["lines"] = lines
    result["ends_with_newline"] = tail == b"\n"
    result["first_line_s"] = first_line
    result["seconds"] = time.perf_counter() - started


def pages(port, stop, timings, failures):
    while not stop.is_set():
        try:
            status, _body, elapsed = get(port, PAGE)
            if status == 200:
                timings.append(elapsed)
            else:
                failures.append(status)
        except (OSError, http.client.HTTPException) as error:
            failures.append(type(error).__name__)
        stop.wait(PAGE_INTERVAL)


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def sample_memory(master, stop, peaks):
    while not stop.is_set():
        for pid in worker_pids(master):
            peaks[pid] = max(peaks.get(pid, 0.0), rss_mb(pid))
        stop.wait(0.2)


def settled(port):
    """The baseline page once the server answers again (after a run, workers may be restarting
    or still busy with dumps whose clients left)."""
    deadline = time.monotonic() + 120
    while True:
        try:
            return get(port, PAGE)
        except (OSError, http.client.HTTPException):
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def one_run(args, port, server):
    status, body, _elapsed = settled(port)
    if status != 200:
        raise SystemExit(f"{PAGE} answered {status}: is the database migrated?")
    total = json.loads(body)["total_items"]
    baseline = statistics.median(get(port, PAGE)[2] for _ in range(BASELINE_ROUNDS))
    idle_rss = {pid: rss_mb(pid) for pid in worker_pids(server.pid)}

    deadline = time.monotonic() + args.deadline
    stop = threading.Event()
    timings, failures, peaks, results = [], [], {}, [{} for _ in range(args.dumps)]
    helpers = [
        threading.Thread(target=pages, args=(port, stop, timings, failures)),
        threading.Thread(target=sample_memory, args=(server.pid, stop, peaks)),
    ]
    dumps = [threading.Thread(target=dump, args=(port, r, deadline)) for r in results]
    for thread in helpers + dumps:
        thread.start()
    for thread in dumps:
        thread.join()
    stop.set()
    for thread in helpers:
        thread.join()

    for result in results:
        result["complete"] = bool(
            result.get("status") == 200
            and result.get("complete_http")
            and result["lines"] == total
            and result["ends_with_newline"]
        )
        result["per_second"] = result["lines"] / result["seconds"]
    return {
        "total": total,
        "baseline_ms": baseline * 1000,
        "first_line_s": max((r["first_line_s"] or float("inf")) for r in results),
        "services_per_second": statistics.median(r["per_second"] for r in results),
        "all_complete": all(r["complete"] for r in results),
        "dumps": results,
        "pages_answered": len(timings),
        "pages_failed": len(failures),
        "page_median_ms": statistics.median(timings) * 1000 if timings else None,
        "page_worst_ms": max(timings) * 1000 if timings else None,
        "idle_rss_mb": max(idle_rss.values(), default=0.0),
        "peak_rss_mb": max(peaks.values(), default=0.0),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dumps", type=int, default=3)
    parser.add_argument("--deadline", type=float, default=600, help="seconds per run, at most")
    parser.add_argument("--code", default=str(ROOT), help="the checkout gunicorn serves")
    parser.add_argument("--config", default=None, help="a gunicorn config file, or none")
    parser.add_argument("--gunicorn-arg", action="append", default=[])
    parser.add_argument("--log", default="/tmp/supportdir-bench-ndjson.log")  # noqa: S108
    parser.add_argument(
        "--json", action="store_true", help="end with the first run's figures as one JSON line"
    )
    args = parser.parse_args()
    args.gunicorn_arg = [part for arg in args.gunicorn_arg for part in shlex.split(arg)]
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database holding a large directory.")

    port = free_port()
    server = start_gunicorn(args, port)
    runs = []
    try:
        for number in range(1, args.runs + 1):
            run = one_run(args, port, server)
            runs.append(run)
            print(
                f"run {number}: {run['total']} services; first line {run['first_line_s']:.2f} s; "
                f"{run['services_per_second']:.0f} services/s a dump; complete: "
                f"{run['all_complete']} {[(r['lines'], r.get('error')) for r in run['dumps']]}; "
                f"pages {run['pages_answered']} answered, {run['pages_failed']} failed, median "
                f"{run['page_median_ms'] or 0:.0f} ms, worst {run['page_worst_ms'] or 0:.0f} ms "
                f"(alone {run['baseline_ms']:.0f} ms); worker RSS {run['idle_rss_mb']:.0f} MB "
                f"idle, {run['peak_rss_mb']:.0f} MB peak",
                flush=True,
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    if args.json:
        print(json.dumps(runs[0]))
        return

    def median(key):
        values = [run[key] for run in runs if run[key] is not None]
        return statistics.median(values) if values else float("nan")

    print(
        f"\nmedians of {len(runs)} runs, {args.dumps} dumps at once: first line "
        f"{median('first_line_s'):.2f} s, {median('services_per_second'):.0f} services/s a "
        f"dump, every dump complete in {sum(run['all_complete'] for run in runs)}/{len(runs)} "
        f"runs; pages {median('page_median_ms'):.0f} ms median, "
        f"{median('page_worst_ms'):.0f} ms worst, {sum(run['pages_failed'] for run in runs)} "
        f"unanswered (baseline alone {median('baseline_ms'):.0f} ms); worker peak RSS "
        f"{median('peak_rss_mb'):.0f} MB (idle {median('idle_rss_mb'):.0f} MB)"
    )


if __name__ == "__main__":
    main()
