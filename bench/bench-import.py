#!/usr/bin/python3
# bench-import.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import of an orders file (issue 21): segments-cli reading it in one piece
(SEGMENTS_IMPORT_THREADS=1) and in parallel chunks (the default), each into a new project,
durable and committed, against DuckDB's in-memory load + RFM aggregation of the same file,
run one after the other in the same run.  Best of --runs for each; wall time of the whole
command and its peak RSS.

usage: bench/bench-import.py SEGMENTS_CLI TRANSACTIONS.csv [--runs N] [--duckdb DIR]
                             [--before OTHER_CLI]

TRANSACTIONS.csv: e.g. ../shared/bench/gen_transactions.py 1000000 DIR (3.77M orders).
--duckdb DIR: a directory holding node_modules/@duckdb/node-api (see the header of
../shared/bench/duckdb_rfm.mjs); the peer is skipped without it.
--before OTHER_CLI: also imports in parallel chunks with another build (say, of main),
alternating with this one, for a before/after in the same run.
The machine may be shared: the ratios within one run are what counts.
"""

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# ../shared/bench beside the checkout (or beside the worktrees folder of a worktree)
PEERS = [os.path.join(HERE, *[".."] * up, "shared", "bench", "duckdb_rfm.mjs") for up in (2, 3)]


def run(cmd, env=None, cwd=None):
    """Wall seconds, peak RSS (MB, from /usr/bin/time) and the output of a command."""
    t = time.monotonic()
    out = subprocess.run(["/usr/bin/time", "-f", "peak-rss-kb %M"] + cmd, check=True,
                         capture_output=True, text=True, env=env, cwd=cwd)
    wall = time.monotonic() - t
    m = re.search(r"peak-rss-kb (\d+)", out.stderr)
    return wall, int(m.group(1)) / 1024 if m else float("nan"), out.stdout


def import_once(cli, csv, threads, d):
    project = os.path.join(d, "bench-%s.segments" % threads.replace("/", "-"))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(project + suffix):
            os.unlink(project + suffix)
    env = dict(os.environ)
    if threads == "1":
        env["SEGMENTS_IMPORT_THREADS"] = "1"
    else:
        env.pop("SEGMENTS_IMPORT_THREADS", None)
    wall, rss, _ = run([cli, "import", project, "--transactions", csv], env=env)
    size = os.path.getsize(project)
    return wall, rss, size


def main():
    p = argparse.ArgumentParser()
    p.add_argument("cli")
    p.add_argument("csv")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--duckdb", default=None)
    p.add_argument("--before", default=None)
    a = p.parse_args()

    d = tempfile.mkdtemp(prefix="segments-bench-import-")
    rows = []
    try:
        best = {}
        for _ in range(a.runs):
            for threads in ("1", "auto"):
                wall, rss, size = import_once(a.cli, a.csv, threads, d)
                if threads not in best or wall < best[threads][0]:
                    best[threads] = (wall, rss, size)
            if a.before:
                wall, rss, size = import_once(a.before, a.csv, "auto-before", d)
                if "before" not in best or wall < best["before"][0]:
                    best["before"] = (wall, rss, size)
            if a.duckdb:
                peer = next(p for p in PEERS if os.path.exists(p))
                shutil.copy(peer, os.path.join(a.duckdb, "duckdb_rfm.mjs"))
                wall, rss, out = run(["node", "duckdb_rfm.mjs", os.path.abspath(a.csv)],
                                     cwd=a.duckdb)
                m = re.search(r"load=([\d.e-]+) aggregate=([\d.e-]+)", out)
                inner = float(m.group(1)) + float(m.group(2))
                if "duckdb" not in best or inner < best["duckdb"][0]:
                    best["duckdb"] = (inner, rss, wall)
        csv_mb = os.path.getsize(a.csv) / 1e6
        one = best["1"][0]
        print("file: %s (%.0f MB), best of %d, %d processors"
              % (a.csv, csv_mb, a.runs, os.cpu_count()))
        print("| run | seconds | vs one piece | peak RSS MB | project / CSV |")
        print("|---|---|---|---|---|")
        for key, label in (("1", "segments import, one piece (SEGMENTS_IMPORT_THREADS=1)"),
                           ("auto", "segments import, parallel chunks"),
                           ("before", "segments import, parallel chunks, --before build")):
            if key not in best:
                continue
            wall, rss, size = best[key]
            print("| %s | %.2f | %.2f× | %.0f | %.2f |"
                  % (label, wall, one / wall, rss, size / 1e6 / csv_mb))
        if "duckdb" in best:
            inner, rss, wall = best["duckdb"]
            print("| DuckDB read_csv_auto + RFM, 2 threads, in memory (node %.2f s) | %.2f | "
                  "%.2f× | %.0f | – |" % (wall, inner, one / inner, rss))
            print("segments parallel / DuckDB: %.2f (≤ 1 meets issue 21)"
                  % (best["auto"][0] / inner))
        if "before" in best:
            print("parallel chunks, this build / --before build: %.2f"
                  % (best["auto"][0] / best["before"][0]))
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
