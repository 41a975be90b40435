#!/usr/bin/python3
# test-pg.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Suite pg (issue 22): segments-cli import --pg and refresh against a real PostgreSQL.

usage: test-pg.py SEGMENTS_CLI [unittest options]

build-aux/test starts a throwaway cluster and exports SEGMENTS_TEST_PGHOST (its socket
directory), SEGMENTS_TEST_PGUSER and SEGMENTS_TEST_PGPASSWORD; without them the suite is
skipped (exit 77) with the reason.  Each run works in a database of its own.

The same generated data (seeded: order lines, returns, customers with one order and many,
consent, a customer list with attributes) is imported from CSV files and from the database;
the figures, the segments, every customer's segment and the value model must agree.  (The
customers are written in the order of their keys, the order in which the server sends them,
so that both ways give them the same dense ids and the seeded k-means the same start.)  Then
every error a person can meet: unreachable server, wrong password, missing table and column,
wrong types, no SELECT rights, the connection dropped mid-query, Ctrl+C — each with its
message, the project unchanged, no hang.
"""

import datetime
import hashlib
import json
import math
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

CLI = None
HOST = os.environ.get('SEGMENTS_TEST_PGHOST')
USER = os.environ.get('SEGMENTS_TEST_PGUSER', 'segments')
PASSWORD = os.environ.get('SEGMENTS_TEST_PGPASSWORD', '')
DB = 'segments_test_%d' % os.getpid()
START = datetime.date(2022, 1, 1)
# The orders table of the generated data, and how a project maps it.
ORDERS_HEADER = ['order_id', 'customer_id', 'order_date', 'quantity', 'unit_price', 'amount',
                 'consent']
ORDERS_MAP = ['--map', 'customer=customer_id', '--map', 'order=order_id', '--map',
              'date=order_date', '--map', 'amount=amount']


def psql(sql, db=DB, user=USER, password=PASSWORD, check=True):
    env = dict(os.environ, PGHOST=HOST, PGUSER=user, PGPASSWORD=password, PGDATABASE=db)
    r = subprocess.run(['psql', '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', sql],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=120)
    if check and r.returncode != 0:
        raise AssertionError('psql failed: %s' % r.stderr)
    return r.stdout.strip()


def conninfo(user=USER, db=DB):
    return 'host=%s dbname=%s user=%s' % (HOST, db, user)


def run_cli(*args, password=PASSWORD, timeout=300):
    env = dict(os.environ, PGPASSWORD=password)
    env.pop('PGHOST', None)
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=timeout, env=env)


def generate(seed, n_customers):
    """Order lines (several rows per order), returns, consent and a customer list."""
    rng = random.Random(seed)
    lines, customers = [], []
    oid = 0
    for c in range(n_customers):
        loyal = rng.random() < 0.3
        n_orders = rng.randint(4, 20) if loyal else rng.randint(1, 3)
        first = rng.randint(0, 700)
        consent = rng.choice(['yes', 'no', ''])
        for _ in range(n_orders):
            oid += 1
            day = min(729, first + rng.randint(0, 300))
            for _ in range(rng.randint(1, 3)):
                qty = rng.randint(1, 4)
                price = round(rng.uniform(2, 120 if loyal else 60), 2)
                if rng.random() < 0.04:
                    qty = -1
                lines.append(('O%d' % oid, 'C%05d' % c, START + datetime.timedelta(days=day),
                              qty, price, round(qty * price, 2), consent))
        customers.append(('C%05d' % c, rng.choice(['north', 'south', 'east', 'west']),
                          rng.randint(1, 900)))
    for c in range(n_customers, n_customers + n_customers // 10):
        customers.append(('C%05d' % c, rng.choice(['north', 'south']), rng.randint(1, 900)))
    return lines, customers


def write_csv(path, header, rows):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(','.join(header) + '\n')
        for r in rows:
            f.write(','.join(str(v) for v in r) + '\n')


def close(a, b, path=''):
    """Equal JSON, numbers within a relative 1e-6 (the server sums in another order)."""
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b, path
        if math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9):
            return True, path
        return False, '%s: %r != %r' % (path, a, b)
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return False, '%s: keys %s != %s' % (path, sorted(a), sorted(b))
        for k in a:
            ok, where = close(a[k], b[k], path + '.' + k)
            if not ok:
                return False, where
        return True, path
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False, '%s: %d items != %d' % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            ok, where = close(x, y, '%s[%d]' % (path, i))
            if not ok:
                return False, where
        return True, path
    return a == b, '%s: %r != %r' % (path, a, b)


def digest(path):
    if not os.path.exists(path):
        return None
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class PgTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        psql('CREATE DATABASE %s' % DB, db='postgres')
        cls.tmp = tempfile.TemporaryDirectory()
        cls.lines, cls.customers = generate(22, 1500)
        d = cls.tmp.name
        write_csv(os.path.join(d, 'orders.csv'),
                  ['order_id', 'customer_id', 'order_date', 'quantity', 'unit_price', 'amount',
                   'consent'], cls.lines)
        write_csv(os.path.join(d, 'customers.csv'), ['customer_id', 'region', 'employees'],
                  cls.customers)
        psql('CREATE TABLE orders (order_id text, customer_id text, order_date date, '
             'quantity int, unit_price numeric(10,2), amount numeric(12,2), consent text);'
             'CREATE TABLE customers (customer_id text, region text, employees int);'
             'CREATE TABLE noisy (customer_id text, order_date text, amount text);'
             "INSERT INTO noisy VALUES ('C1', '2023-01-01', '12.50');"
             'CREATE TABLE later (LIKE orders);')
        for table, name in (('orders', 'orders.csv'), ('customers', 'customers.csv')):
            psql("\\copy %s FROM '%s' CSV HEADER" % (table, os.path.join(d, name)))
        psql("DO $$BEGIN CREATE ROLE segments_nobody LOGIN PASSWORD 'nobody'; "
             "EXCEPTION WHEN duplicate_object THEN NULL; END$$;", db='postgres')

    @classmethod
    def tearDownClass(cls):
        psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s' "
             "AND pid <> pg_backend_pid()" % DB, db='postgres', check=False)
        psql('DROP DATABASE IF EXISTS %s' % DB, db='postgres', check=False)
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def import_csv(self, project):
        r = run_cli('import', project, '--transactions', self.path('orders.csv'),
                    '--customers', self.path('customers.csv'), '--map', 'customer=customer_id',
                    '--map', 'amount=amount', '--map', 'order=order_id', '--map',
                    'consent=consent', '--map', 'date=order_date')
        self.assertEqual(r.returncode, 0, r.stderr)

    def pg_args(self, *extra):
        return ['--pg', conninfo(), '--customers-table', 'customers',
                '--map', 'customer=customer_id', '--map', 'order=order_id',
                '--map', 'consent=consent', '--map', 'date=order_date'] + list(extra)

    def analyse(self, project):
        for cmd in (['segment', project, '--seed', '7'], ['clv', project]):
            r = run_cli(*cmd)
            self.assertEqual(r.returncode, 0, r.stderr)
        show = run_cli('show', project, '--json')
        self.assertEqual(show.returncode, 0, show.stderr)
        clv = run_cli('clv', project, '--json')
        self.assertEqual(clv.returncode, 0, clv.stderr)
        out = self.path(os.path.basename(project) + '.assign.csv')
        r = run_cli('export', project, '--assignments', out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding='utf-8') as f:
            rows = sorted(f.read().splitlines())
        return json.loads(show.stdout), json.loads(clv.stdout), rows

    def assert_same(self, a, b):
        for x, y, what in zip(a[:2], b[:2], ('show --json', 'clv --json')):
            ok, where = close(x, y)
            self.assertTrue(ok, '%s differs at %s' % (what, where))
        # Every customer in the same segment with the same figures, to the rounding of CSV.
        self.assertEqual(len(a[2]), len(b[2]))
        self.assertEqual([r.split(',')[:3] for r in a[2]], [r.split(',')[:3] for r in b[2]])

    def test_same_as_csv(self):
        a, b = self.path('same-csv.segments'), self.path('same-pg.segments')
        self.import_csv(a)
        r = run_cli('import', b, *self.pg_args('--orders-table', 'orders', '--map',
                                                'amount=amount'))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('PostgreSQL', r.stdout)
        ra, rb = self.analyse(a), self.analyse(b)
        self.assertGreater(len(ra[0]['segments']), 1)
        self.assertEqual(ra[0]['customers'], 1650)
        self.assertEqual(ra[0]['transactions'], len(self.lines))
        self.assert_same(ra, rb)
        # The connection is kept, never a password.
        db = sqlite3.connect(b)
        stored = db.execute('SELECT conninfo FROM sources').fetchone()[0]
        db.close()
        self.assertIn('dbname', stored)
        self.assertNotIn('password', stored)

    def test_query_with_quantity_and_price(self):
        """A read-only query as the source, amount as quantity × unit price."""
        a, b = self.path('q-csv.segments'), self.path('q-pg.segments')
        self.import_csv(a)
        r = run_cli('import', b, *self.pg_args(
            '--orders-query', 'SELECT order_id, customer_id, order_date, quantity, unit_price, '
            'consent FROM orders;', '--map', 'quantity=quantity', '--map', 'price=unit_price'))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_same(self.analyse(a), self.analyse(b))

    def test_copy_transactions(self):
        b = self.path('copy.segments')
        r = run_cli('import', b, *self.pg_args('--orders-table', 'orders', '--map',
                                                'amount=amount', '--copy-transactions'))
        self.assertEqual(r.returncode, 0, r.stderr)
        a = self.path('copy-csv.segments')
        self.import_csv(a)
        self.assert_same(self.analyse(a), self.analyse(b))

    def test_refresh(self):
        b = self.path('refresh.segments')
        psql('TRUNCATE later; INSERT INTO later SELECT * FROM orders')
        r = run_cli('import', b, '--pg', conninfo(), '--orders-table', 'later',
                    '--map', 'customer=customer_id', '--map', 'order=order_id',
                    '--map', 'date=order_date', '--map', 'amount=amount')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(run_cli('segment', b, '--seed', '7').returncode, 0)
        before = json.loads(run_cli('show', b, '--json').stdout)
        psql("INSERT INTO later VALUES ('N1', 'NEW1', DATE '2024-01-05', 1, 50, 50, 'yes'),"
             "('N2', 'C00001', DATE '2024-01-06', 1, 70, 70, 'yes')")
        r = run_cli('refresh', b)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('Assigned', r.stdout)
        after = json.loads(run_cli('show', b, '--json').stdout)
        self.assertEqual(after['customers'], before['customers'] + 1)
        self.assertEqual(after['transactions'], before['transactions'] + 2)
        self.assertEqual(after['as_of'], '2024-01-07')
        snaps = run_cli('snapshots', b)
        self.assertIn('Before scoring', snaps.stdout)
        # Without a database source there is nothing to refresh.
        c = self.path('refresh-csv.segments')
        self.import_csv(c)
        r = run_cli('refresh', c)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('not imported from a database', r.stderr)

    def test_files_on_a_database_project(self):
        """A customer list keeps the server's figures; an orders file is refused."""
        b = self.path('files.segments')
        r = run_cli('import', b, '--pg', conninfo(), '--orders-table', 'orders',
                    '--map', 'customer=customer_id', '--map', 'order=order_id',
                    '--map', 'date=order_date', '--map', 'amount=amount')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(run_cli('segment', b, '--seed', '7').returncode, 0)
        before = json.loads(run_cli('show', b, '--json').stdout)
        r = run_cli('import', b, '--customers', self.path('customers.csv'),
                    '--map', 'customer=customer_id')
        self.assertEqual(r.returncode, 0, r.stderr)
        after = json.loads(run_cli('show', b, '--json').stdout)
        self.assertEqual(after['customers'], before['customers'] + 150)
        self.assertEqual(after['transactions'], before['transactions'])
        self.assertEqual([(s['size'], s['revenue']) for s in after['segments']],
                         [(s['size'], s['revenue']) for s in before['segments']])
        digest_before = digest(b)
        r = run_cli('import', b, '--transactions', self.path('orders.csv'))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn('stay in a PostgreSQL database', r.stderr)
        self.assertEqual(digest(b), digest_before)

    def assert_fails_unchanged(self, args, message, password=PASSWORD, existing=True):
        p = self.path('err-%d.segments' % random.randrange(1 << 30))
        if existing:
            self.import_csv(p)
        before = digest(p)
        r = run_cli('import', p, *args, password=password, timeout=120)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(message, r.stderr)
        self.assertEqual(digest(p), before)
        return r

    def test_errors(self):
        base = ['--map', 'customer=customer_id', '--map', 'date=order_date',
                '--map', 'amount=amount']
        self.assert_fails_unchanged(['--pg', 'host=/nonexistent-dir dbname=x', '--orders-table',
                                     'orders'] + base, 'cannot be reached')
        r = self.assert_fails_unchanged(['--pg', conninfo(), '--orders-table', 'orders'] + base,
                                        'refused the user name or password', password='wrong')
        # The command line says where its password comes from; the core's message does not.
        self.assertIn('PGPASSWORD', r.stderr)
        self.assert_fails_unchanged(['--pg', conninfo(), '--orders-table', 'nosuch'] + base,
                                    'does not exist', existing=False)
        self.assert_fails_unchanged(['--pg', conninfo(), '--orders-table', 'orders',
                                     '--map', 'customer=customer_id', '--map',
                                     'date=order_date', '--map', 'amount=nosuch'],
                                    'The column “nosuch”')
        self.assert_fails_unchanged(['--pg', conninfo(), '--orders-table', 'noisy'] + base,
                                    'wrong type of values')
        r = self.assert_fails_unchanged(['--pg', conninfo(user='segments_nobody'),
                                         '--orders-table', 'orders'] + base,
                                        'may not read this data', password='nobody')
        self.assertNotIn('PGPASSWORD', r.stderr)
        self.assert_fails_unchanged(['--pg', conninfo(), '--orders-query',
                                     'DELETE FROM orders RETURNING *'] + base, 'could not run')
        self.assertEqual(int(psql('SELECT count(*) FROM orders')), len(self.lines))

    def slow_import(self, project):
        env = dict(os.environ, PGPASSWORD=PASSWORD)
        return subprocess.Popen(
            [CLI, 'import', project, '--pg', conninfo(), '--orders-query',
             'SELECT o.* FROM orders o, (SELECT pg_sleep(30)) AS s',
             '--map', 'customer=customer_id', '--map', 'date=order_date', '--map',
             'amount=amount'], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)

    def wait_backend(self):
        """The pid of the import's backend once it runs the slow query."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pid = psql("SELECT pid FROM pg_stat_activity WHERE application_name = 'segments' "
                       "AND state = 'active' AND query LIKE '%pg_sleep%' LIMIT 1")
            if pid:
                return int(pid)
            time.sleep(0.05)
        self.fail('the import never reached the server')

    def test_connection_dropped(self):
        p = self.path('dropped.segments')
        self.import_csv(p)
        before = digest(p)
        proc = self.slow_import(p)
        pid = self.wait_backend()
        psql('SELECT pg_terminate_backend(%d)' % pid)
        out, err = proc.communicate(timeout=60)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn('connection to the database server was lost', err)
        self.assertEqual(digest(p), before)

    def test_cancel(self):
        p = self.path('cancel.segments')
        self.import_csv(p)
        before = digest(p)
        proc = self.slow_import(p)
        pid = self.wait_backend()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 130, err)
        self.assertEqual(digest(p), before)
        # The server stopped the query too (PQcancel), rather than sleeping on.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if psql("SELECT count(*) FROM pg_stat_activity WHERE pid = %d AND state = 'active'"
                    % pid) == '0':
                break
            time.sleep(0.05)
        else:
            self.fail('the query still runs on the server')


class PgCliCase(unittest.TestCase):
    """For the other pg tests: a database of their own, a temporary directory, and cli(),
    which fails the test when a command fails."""
    path = PgTest.path

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        psql('CREATE DATABASE %s' % DB, db='postgres')

    @classmethod
    def tearDownClass(cls):
        PgTest.tearDownClass.__func__(cls)

    def cli(self, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, '%s: %s' % (args[0], r.stderr))
        return r.stdout

    def drift_both_ways(self, seed, early_csv, late_csv, table):
        """The same orders split into an earlier and a later part, two ways: imported from
        CSV, segmented, the later file added and assigned; and imported from the database
        (table @table), segmented, the later rows inserted and refreshed.  Asserts that their
        `drift --json` agree and returns the two projects (file way, database way)."""
        a = self.path('csv-%d.segments' % seed)
        self.cli('import', a, '--transactions', early_csv, *ORDERS_MAP)
        self.cli('segment', a, '--seed', '7')
        self.cli('import', a, '--transactions', late_csv, *ORDERS_MAP)
        self.cli('assign', a)
        by_file = json.loads(self.cli('drift', a, '--json'))

        psql('CREATE TABLE %s (order_id text, customer_id text, order_date date, '
             'quantity int, unit_price numeric(10,2), amount numeric(12,2), consent text)'
             % table)
        psql("\\copy %s FROM '%s' CSV HEADER" % (table, early_csv))
        b = self.path('pg-%d.segments' % seed)
        self.cli('import', b, '--pg', conninfo(), '--orders-table', table, *ORDERS_MAP)
        self.cli('segment', b, '--seed', '7')
        psql("\\copy %s FROM '%s' CSV HEADER" % (table, late_csv))
        self.cli('refresh', b)
        by_db = json.loads(self.cli('drift', b, '--json'))

        self.assertEqual(by_file['to']['as_of'], by_db['to']['as_of'])
        ok, where = close(drift_figures(by_file), drift_figures(by_db))
        self.assertTrue(ok, 'seed %d: drift --json differs at %s' % (seed, where))
        return a, b


def drift_figures(drift):
    """A drift's figures: without the snapshots' labels, ids and times, which name them."""
    for side in ('from', 'to'):
        for k in ('id', 'label', 'created_at'):
            drift.get(side, {}).pop(k, None)
    return drift


def main():
    """Every pg test's entry: the CLI from the command line; skipped (77) without a server."""
    global CLI
    CLI = sys.argv.pop(1)
    if not HOST:
        print('SKIP: no PostgreSQL server: %s' % os.environ.get(
            'SEGMENTS_TEST_PG_UNAVAILABLE', 'SEGMENTS_TEST_PGHOST is not set (build-aux/test '
            'starts one)'))
        sys.exit(77)
    unittest.main()


if __name__ == '__main__':
    main()
