#!/usr/bin/python3
# bench-file-size.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The size of a project file against its CSV (issue 21): after the import, after
segment + clv + snapshot, and after CYCLES more re-run + snapshot cycles (segment again with
another seed, then snapshot), with what each table takes (SQLite's dbstat).

usage: bench/bench-file-size.py SEGMENTS_CLI TRANSACTIONS.csv [--k K] [--cycles N]
                                [--peer OTHER_CLI]

--peer runs the same steps with another build (say, one from before packing) on the same
file, one after the other, and prints both.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time


def run(cli, *args):
    t0 = time.perf_counter()
    p = subprocess.run([cli] + list(args), capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f'{cli} {args[0]} failed:\n{p.stderr}')
    return time.perf_counter() - t0


def size(project):
    """The file with its write-ahead log, if a process left one."""
    wal = project + '-wal'
    return os.path.getsize(project) + (os.path.getsize(wal) if os.path.exists(wal) else 0)


def tables(project):
    db = sqlite3.connect(project)
    try:
        rows = db.execute('SELECT name, SUM(pgsize) FROM dbstat GROUP BY name '
                          'ORDER BY 2 DESC LIMIT 5').fetchall()
    except sqlite3.OperationalError:
        rows = []
    db.close()
    return ', '.join(f'{name} {b / 1e6:.1f}' for name, b in rows)


def measure(cli, csv, k, cycles, tmp, tag):
    project = os.path.join(tmp, tag + '.segments')
    steps = []
    t = run(cli, 'import', project, '--transactions', csv)
    steps.append(('import', t, size(project), tables(project)))
    t = run(cli, 'segment', project, '--k', k)
    t += run(cli, 'clv', project)
    t += run(cli, 'snapshot', project)
    steps.append(('+ segment, clv, snapshot', t, size(project), tables(project)))
    if cycles > 0:
        t = 0.0
        for i in range(cycles):
            t += run(cli, 'segment', project, '--k', k, '--seed', str(i + 1))
            t += run(cli, 'snapshot', project)
        steps.append((f'+ {cycles} × (re-run, snapshot)', t, size(project), tables(project)))
    os.unlink(project)
    return steps


def main():
    args = sys.argv[1:]
    k, peer, cycles = '5', None, 5
    if '--cycles' in args:
        i = args.index('--cycles')
        cycles = int(args.pop(i + 1))
        args.pop(i)
    if '--k' in args:
        i = args.index('--k')
        k = args.pop(i + 1)
        args.pop(i)
    if '--peer' in args:
        i = args.index('--peer')
        peer = args.pop(i + 1)
        args.pop(i)
    cli, csv = args
    csv_size = os.path.getsize(csv)
    builds = [('this build', cli)] + ([('peer', peer)] if peer else [])
    print(f'file: {csv} ({csv_size / 1e6:.1f} MB)')
    print('| build | after | time (s) | project (MB) | × CSV | largest tables (MB) |')
    print('|---|---|---|---|---|---|')
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in builds:
            for step, t, b, top in measure(path, csv, k, cycles, tmp, label.replace(' ', '-')):
                print(f'| {label} | {step} | {t:.2f} | {b / 1e6:.1f} | {b / csv_size:.2f} '
                      f'| {top} |')


if __name__ == '__main__':
    main()
