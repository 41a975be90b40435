#!/usr/bin/python3
# bench-pg.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Segments from PostgreSQL (issue 22) against the same data through CSV import and against
pandas.read_sql + scikit-learn, in one run.

usage: bench-pg.py SEGMENTS_CLI GEN_TRANSACTIONS_PY N_CUSTOMERS WORK_DIR [BEFORE_CLI]

WORK_DIR/transactions.csv is generated unless it is there already (10M customers take
several minutes to generate), and the table bench_orders is loaded unless it already holds
as many rows as the file; set BENCH_PANDAS=0 to leave the pandas peer out.

BENCH_CSV=0 times only the PostgreSQL ways (the pushed-down import, its segmentation and the
refresh) on the table bench_orders as it is: no file is generated, counted or imported, so
that a table loaded once (10M customers) serves run after run.  BENCH_TABLE names another
table than bench_orders.

With BEFORE_CLI (another build of segments-cli, such as the one before a change to the
query) its PostgreSQL import is timed too, in the same run, for a before/after table.

Needs a server in PGHOST/PGUSER/PGPASSWORD/PGDATABASE, psql, GNU time and python3-psycopg2.
Data from shared/bench/gen_transactions.py, loaded with COPY into a table of its own.
Times are wall-clock; memory is the peak resident size of each process (/usr/bin/time).
"""

import os
import subprocess
import sys
import time


BASELINE = r'''
import sys, time, warnings, numpy as np, pandas as pd, psycopg2
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler
warnings.simplefilter('ignore')   # pandas prefers SQLAlchemy; a DBAPI connection reads the same
t = time.time()
df = pd.read_sql('SELECT customer_id, order_date, amount FROM bench_orders', psycopg2.connect(''))
df['order_date'] = pd.to_datetime(df['order_date'])
as_of = df['order_date'].max() + pd.Timedelta(days=1)
g = df.groupby('customer_id').agg(last=('order_date', 'max'), f=('order_date', 'size'),
                                  m=('amount', 'sum'))
x = np.column_stack([np.log1p((as_of - g['last']).dt.days), np.log1p(g['f']),
                     np.log1p(g['m'].clip(lower=0))])
x = StandardScaler().fit_transform(x)
KMeans(n_clusters=4, n_init=10, random_state=7).fit(x)
print(time.time() - t)
'''


def timed(args, env=None):
    """Wall-clock seconds and peak resident MB of one process (GNU time's %M)."""
    start = time.monotonic()
    r = subprocess.run(['/usr/bin/time', '-f', '%M'] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, env=env)
    elapsed = time.monotonic() - start
    if r.returncode != 0:
        raise SystemExit('%s failed: %s' % (args[:2], r.stderr))
    peak_kb = int(r.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024.0, r.stdout


TABLE = os.environ.get('BENCH_TABLE', 'bench_orders')
WITH_CSV = os.environ.get('BENCH_CSV', '1') != '0'


def psql(sql):
    subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], check=True)


def table_rows():
    """Rows in the table, or -1 when there is no such table."""
    r = subprocess.run(['psql', '-X', '-t', '-A', '-c', 'SELECT count(*) FROM ' + TABLE],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return int(r.stdout) if r.returncode == 0 else -1


def main():
    cli, gen, n, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    before = sys.argv[5] if len(sys.argv) > 5 else None
    os.makedirs(work, exist_ok=True)
    orders = os.path.join(work, 'transactions.csv')
    if WITH_CSV or table_rows() <= 0:
        if not os.path.exists(orders):
            subprocess.run([sys.executable, gen, str(n), work], check=True)
        with open(orders, 'rb') as f:
            lines = sum(1 for _ in f) - 1
        if table_rows() != lines:
            psql('DROP TABLE IF EXISTS %s; CREATE TABLE %s (order_id text, customer_id text, '
                 'order_date date, amount numeric(12,2))' % (TABLE, TABLE))
            psql("\\copy %s FROM '%s' CSV HEADER" % (TABLE, orders))
            psql('ANALYZE ' + TABLE)
    rows = table_rows()
    pg = ['--pg', '', '--orders-table', TABLE, '--map', 'customer=customer_id',
          '--map', 'date=order_date', '--map', 'amount=amount', '--map', 'order=order_id']
    ways = [('PostgreSQL, pushed down', cli, 'pg', pg)]
    if WITH_CSV:
        ways.append(('CSV import', cli, 'csv', ['--transactions', orders]))
    if before is not None:
        ways.insert(0, ('PostgreSQL, pushed down (before)', before, 'pg-before', pg))
    results = []
    for name, program, stem, args in ways:
        project = os.path.join(work, stem + '.segments')
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(project + suffix):
                os.unlink(project + suffix)
        t1, m1, _ = timed([program, 'import', project] + args)
        t2, m2, _ = timed([program, 'segment', project, '--seed', '7'])
        results.append((name, t1, t2, max(m1, m2)))
        if stem == 'pg':
            t3, m3, _ = timed([program, 'refresh', project])
            results.append(('PostgreSQL refresh (pull, place, drift)', t3, 0.0, m3))
    if os.environ.get('BENCH_PANDAS', '1') != '0':
        t, m, _ = timed([sys.executable, '-c', BASELINE.replace('bench_orders', TABLE)])
        results.append(('pandas.read_sql + scikit-learn', t, 0.0, m))
    print('%d customers, %d order rows' % (n, rows))
    print('| way | import / read (s) | segment (s) | peak RSS (MB) |')
    print('|---|---|---|---|')
    for name, a, b, mem in results:
        print('| %s | %.2f | %.2f | %.0f |' % (name, a, b, mem))


if __name__ == '__main__':
    main()
