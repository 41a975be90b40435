#!/usr/bin/python3
# bench-autok.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time the automatic segmentation (issue 21) against scikit-learn doing the same, in one run.

usage: bench-autok.py SEGMENTS-CLI PROJECT TRANSACTIONS.csv [--runs R] [--cli-old CLI]

PROJECT is a project with TRANSACTIONS.csv imported (segments-cli import PROJECT
--transactions TRANSACTIONS.csv); it is copied before every run and never changed.

Segments: `segments-cli segment COPY` with its defaults: k chosen in 3..6 (each segment at
least 2 % of customers, stable under 20 resamples), ten k-means++ restarts, the silhouette
on a 10,000 sample, the stability of every k tried and of the result, distinct features and
look-alike pairs, all stored in the project (the whole command: loading the features,
storing labels, profiles and validation).  With --cli-old, an older segments-cli runs
alternately with it, for a before/after on the same machine state.

scikit-learn: the same features as bench/kmeans-features.py (log1p of recency, frequency
and spend, standardised; built before the clock starts), then for k in 3..6
KMeans(k, n_init=10, init='k-means++') on all customers and silhouette_score on a
10,000 sample; the k with the highest silhouette is kept.  No stability and no storage:
the peer does less than Segments.

Prints wall and CPU seconds (user + system, children included) per run and the medians.
Needs python3-sklearn and python3-pandas (Debian packages): run it with /usr/bin/python3.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def cpu_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_segment(cli, project, workdir):
    copy = os.path.join(workdir, 'run.segments')
    shutil.copyfile(project, copy)
    cpu0 = cpu_children()
    t0 = time.perf_counter()
    out = subprocess.run([cli, 'segment', copy], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    cpu = cpu_children() - cpu0
    os.unlink(copy)
    k = out.stdout.split('k = ')[1].split()[0] if 'k = ' in out.stdout else '?'
    return wall, cpu, k


def features(path):
    import numpy as np
    import pandas as pd

    df = pd.read_csv(path, parse_dates=['order_date'])
    ref = df.order_date.max() + pd.Timedelta(days=1)
    g = df.groupby('customer_id')
    rfm = np.column_stack([(ref - g.order_date.max()).dt.days.values,
                           g.order_id.nunique().values, g.amount.sum().values])
    x = np.log1p(rfm.astype(float))
    return (x - x.mean(0)) / x.std(0)


def time_sklearn(x, seed):
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    best = None
    for k in range(3, 7):
        km = KMeans(n_clusters=k, n_init=10, init='k-means++', random_state=seed).fit(x)
        s = silhouette_score(x, km.labels_, sample_size=10000, random_state=seed)
        if best is None or s > best[1]:
            best = (k, s)
    return time.perf_counter() - t0, time.process_time() - cpu0, best[0]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    runs = int(sys.argv[sys.argv.index('--runs') + 1]) if '--runs' in sys.argv else 3
    old = sys.argv[sys.argv.index('--cli-old') + 1] if '--cli-old' in sys.argv else None
    for value in (str(runs), old):
        if value in args:
            args.remove(value)
    cli, project, transactions = args
    x = features(transactions)
    print(f'{x.shape[0]} customers; {runs} runs of each, alternating')
    rows = {'segments': [], 'segments (old)': [], 'scikit-learn': []}
    with tempfile.TemporaryDirectory() as workdir:
        for r in range(runs):
            rows['segments'].append(time_segment(cli, project, workdir))
            if old:
                rows['segments (old)'].append(time_segment(old, project, workdir))
            rows['scikit-learn'].append(time_sklearn(x, r))
            for name, values in rows.items():
                if values and len(values) == r + 1:
                    wall, cpu, k = values[-1]
                    print(f'  run {r + 1} {name:15} wall {wall:6.2f} s  cpu {cpu:6.2f} s  k {k}')
    print('median:')
    for name, values in rows.items():
        if values:
            print(f'  {name:15} wall {statistics.median(v[0] for v in values):6.2f} s  '
                  f'cpu {statistics.median(v[1] for v in values):6.2f} s')


if __name__ == '__main__':
    main()
