#!/usr/bin/env python3
"""Time a command: wall seconds, CPU seconds and peak RSS, median of N runs.

    measure.py [--runs N] [--long S] [--timeout S] [--stdout FILE] [--stderr FILE] -- CMD ARG...

Prints one line, tab-separated:

    status  wall  cpu  maxrss_kb  runs  walls

status is `ok`, `timeout` or `exit:N` (the first run that failed; nothing
more is run after it); wall and cpu (user + system of the command and its
children) are medians over the runs in seconds; maxrss_kb is the largest
resident set of any process of any run (getrusage RUSAGE_CHILDREN, so nothing
to install); walls lists every run.

A run that takes longer than --long seconds (default 120) is not repeated:
a second run of a slow command adds time, not precision.

The command's stdout goes through a pipe that is read and thrown away, or is
appended to --stdout FILE. It is never /dev/null: GNU grep notices /dev/null
and stops at the first match, which would make the baseline meaningless.
stderr is appended to --stderr FILE (default: discarded). Each run is its own
process group, killed whole on timeout or Ctrl-C.
"""
import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import threading
import time


def drain(fd, sink):
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        if sink is not None:
            sink.write(chunk)


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_once(cmd, timeout, out_path, err_path):
    """Returns (status, wall, cpu)."""
    sink = open(out_path, "ab") if out_path else None
    err = open(err_path, "ab") if err_path else subprocess.DEVNULL
    cpu0 = children_cpu()
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=err, start_new_session=True)
    reader = threading.Thread(target=drain, args=(proc.stdout.fileno(), sink))
    reader.start()
    status = "ok"
    try:
        rc = proc.wait(timeout=timeout)
        if rc != 0:
            status = "exit:%d" % rc
    except subprocess.TimeoutExpired:
        status = "timeout"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    wall = time.monotonic() - t0
    reader.join()
    proc.stdout.close()
    if sink is not None:
        sink.close()
    if err_path:
        err.close()
    return status, wall, children_cpu() - cpu0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--long", type=float, default=120.0)
    ap.add_argument("--timeout", type=float, default=None)
    ap.add_argument("--stdout")
    ap.add_argument("--stderr")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("no command")
    walls, cpus, status = [], [], "ok"
    for _ in range(max(1, a.runs)):
        status, wall, cpu = run_once(cmd, a.timeout, a.stdout, a.stderr)
        walls.append(wall)
        cpus.append(cpu)
        if status != "ok" or wall > a.long:
            break
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print("%s\t%.4f\t%.4f\t%d\t%d\t%s" % (
        status, statistics.median(walls), statistics.median(cpus), rss, len(walls),
        ",".join("%.3f" % w for w in walls)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
