#!/usr/bin/python3
# bench-interactions.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import speed of interactions against orders (issue 18): the same number of rows of each,
over the same customers, each into a new project through segments-cli, best of --runs.

usage: bench/bench-interactions.py SEGMENTS_CLI [--rows N] [--customers N] [--runs N] [--dir D]

Orders: order_id,customer_id,order_date,amount.  Interactions: customer_id,date,type,channel
with the five known types and three channels.  Rows/s = rows read / wall time of the whole
command (start, read, write, commit); CPU rows/s = rows read / the command's user + system
time, which a machine shared with other work disturbs far less than the wall time.
"""

import argparse
import datetime
import os
import random
import resource
import shutil
import subprocess
import tempfile
import time

TYPES = ["email_open", "email_click", "web_visit", "support_ticket", "campaign_response"]
CHANNELS = ["newsletter", "web", "helpdesk"]


def write_files(d, rows, customers, seed=18):
    rng = random.Random(seed)
    start = datetime.date(2023, 1, 1)
    days = [(start + datetime.timedelta(days=i)).isoformat() for i in range(1000)]
    orders = os.path.join(d, "orders.csv")
    inter = os.path.join(d, "interactions.csv")
    with open(orders, "w") as o, open(inter, "w") as f:
        o.write("order_id,customer_id,order_date,amount\n")
        f.write("customer_id,date,type,channel\n")
        for i in range(rows):
            c = rng.randrange(customers)
            day = days[rng.randrange(1000)]
            o.write("O%d,C%07d,%s,%d.%02d\n" % (i, c, day, rng.randrange(1, 999),
                                                 rng.randrange(100)))
            f.write("C%07d,%s,%s,%s\n" % (c, day, TYPES[rng.randrange(5)],
                                          CHANNELS[rng.randrange(3)]))
    return orders, inter


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd):
    """(wall, CPU) seconds of one command."""
    t, c = time.monotonic(), children_cpu()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - t, children_cpu() - c


def main():
    p = argparse.ArgumentParser()
    p.add_argument("cli")
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--customers", type=int, default=1_000_000)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--dir", default=None)
    a = p.parse_args()
    d = tempfile.mkdtemp(dir=a.dir, prefix="bench-interactions-")
    try:
        orders, inter = write_files(d, a.rows, a.customers)
        project = os.path.join(d, "p.segments")
        best, best_cpu = {}, {}
        for _ in range(a.runs):
            for kind, args in (("orders", ["--transactions", orders]),
                               ("interactions", ["--interactions", inter])):
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(project + suffix):
                        os.remove(project + suffix)
                s, cpu = timed([a.cli, "import", project] + args)
                best[kind] = min(best.get(kind, s), s)
                best_cpu[kind] = min(best_cpu.get(kind, cpu), cpu)
        for kind in ("orders", "interactions"):
            print("%-13s %d rows  %.2f s  %.2f M rows/s  CPU %.2f s  %.2f M rows/s" %
                  (kind, a.rows, best[kind], a.rows / best[kind] / 1e6, best_cpu[kind],
                   a.rows / best_cpu[kind] / 1e6))
        print("interactions / orders: %.2f× (wall), %.2f× (CPU)" %
              (best["orders"] / best["interactions"], best_cpu["orders"] / best_cpu["interactions"]))
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
