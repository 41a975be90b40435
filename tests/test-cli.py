#!/usr/bin/python3
# test-cli.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of segments-cli: the commands as a user runs them, on real files.

usage: test-cli.py SEGMENTS_CLI SOURCE_ROOT [unittest options]

Every test works in its own temporary directory.  Expected values are computed here, in
Python, straight from the CSV files, so a test fails when the tool and an independent
reading of the same data disagree.  The scikit-learn comparison runs when numpy and
scikit-learn are importable (Debian: python3-sklearn), and is skipped otherwise.
"""

import csv
import datetime
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from decimal import Decimal

CLI = None
SOURCE_ROOT = None

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130
FORMULA_STARTS = ('=', '+', '-', '@', '\t', '\r')

try:
    import numpy
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    HAVE_SKLEARN = True
except ImportError:
    HAVE_SKLEARN = False


# -------------------------------------------------------------------------------------------
# Helpers

def run_cli(*args, timeout=300):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=timeout)


def parse_day(text):
    return datetime.date.fromisoformat(text.strip())


class OrderLog:
    """What an orders file says, read independently of the tool (comma-separated, ISO dates,
    '.' decimal mark, columns order_id, customer_id, order_date, amount)."""

    def __init__(self):
        self.rows = []            # (order_id, customer_id, day, Decimal amount)

    @classmethod
    def read(cls, path):
        log = cls()
        seen_raw = set()
        with open(path, newline='', encoding='utf-8') as f:
            reader = csv.reader(f)
            header = next(reader)
            col = {name: i for i, name in enumerate(header)}
            for fields in reader:
                # The importer keeps one copy of exactly repeated rows.
                raw = '\x1f'.join(fields)
                if raw in seen_raw:
                    continue
                seen_raw.add(raw)
                log.rows.append((fields[col['order_id']], fields[col['customer_id']].strip(),
                                 parse_day(fields[col['order_date']]),
                                 Decimal(fields[col['amount']])))
        return log

    def revenue(self):
        return sum((r[3] for r in self.rows), Decimal(0))

    def customers(self):
        return {r[1] for r in self.rows}

    def first_day(self):
        return min(r[2] for r in self.rows)

    def last_day(self):
        return max(r[2] for r in self.rows)

    def rfm(self):
        """Per customer: (recency, frequency, monetary), as of the last day + 1, for files
        without returns: frequency = distinct order ids, monetary = net spend."""
        as_of = self.last_day() + datetime.timedelta(days=1)
        last, orders, spend = {}, {}, {}
        for order, cust, day, amount in self.rows:
            last[cust] = max(last.get(cust, day), day)
            orders.setdefault(cust, set()).add(order)
            spend[cust] = spend.get(cust, Decimal(0)) + amount
        return {c: ((as_of - last[c]).days, len(orders[c]), float(spend[c])) for c in last}


def write_orders(path, n_customers, seed, ids=None, start=datetime.date(2024, 1, 1),
                 span_days=540, first_order=1):
    """A realistic small orders export: a few heavy buyers, many occasional and one-time
    ones, log-normal order values.  Returns the list of customer ids that have orders."""
    rng = random.Random(seed)
    if ids is None:
        ids = [f'CUST-{i:05d}' for i in range(1, n_customers + 1)]
    rows = []
    for cust in ids:
        kind = rng.random()
        n = 1 if kind < 0.35 else (rng.randint(2, 6) if kind < 0.85 else rng.randint(8, 30))
        scale = rng.lognormvariate(4.5, 0.9)
        churn_day = rng.randint(30, span_days)
        for _ in range(n):
            day = start + datetime.timedelta(days=rng.randint(0, churn_day))
            amount = max(1.0, rng.lognormvariate(math.log(scale), 0.5))
            rows.append([cust, day, f'{amount:.2f}'])
    rows.sort(key=lambda r: r[1])
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['order_id', 'customer_id', 'order_date', 'amount'])
        for i, (cust, day, amount) in enumerate(rows):
            w.writerow([f'SO-{first_order + i:07d}', cust, day.isoformat(), amount])
    return ids


def write_customers(path, consent):
    """consent: {customer id: 'yes' | 'no' | ''}."""
    rng = random.Random(len(consent))
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['customer_id', 'industry', 'region', 'consent'])
        for cust, c in consent.items():
            w.writerow([cust, rng.choice(['Retail', 'Software', 'Healthcare']),
                        rng.choice(['North', 'South', 'East', 'West']), c])


def sample_paths(tmpdir):
    """The bundled sample, or a generated stand-in of the same shape when it is missing."""
    tx = os.path.join(SOURCE_ROOT, 'data', 'sample', 'transactions.csv')
    cu = os.path.join(SOURCE_ROOT, 'data', 'sample', 'customers.csv')
    if os.path.isfile(tx) and os.path.isfile(cu):
        return tx, cu
    tx = os.path.join(tmpdir, 'sample-transactions.csv')
    cu = os.path.join(tmpdir, 'sample-customers.csv')
    ids = write_orders(tx, 1500, seed=3)
    rng = random.Random(4)
    write_customers(cu, {c: 'yes' if rng.random() < 0.9 else 'no' for c in ids})
    return tx, cu


class CliTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix='segments-cli-test-')
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def cli_ok(self, *args, **kwargs):
        r = run_cli(*args, **kwargs)
        self.assertEqual(r.returncode, EXIT_OK,
                         f'segments-cli {" ".join(map(str, args))} failed:\n{r.stderr}')
        return r

    def cli_fails(self, expected, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, expected,
                         f'segments-cli {" ".join(map(str, args))}: exit {r.returncode}, '
                         f'expected {expected}\nstdout: {r.stdout}\nstderr: {r.stderr}')
        self.assertNotIn('Traceback', r.stderr)
        self.assertNotIn('CRITICAL', r.stderr, 'a g_return_if_fail fired')
        self.assertTrue(r.stderr.strip(), 'a failure must say why on stderr')
        return r

    def show_json(self, project):
        r = self.cli_ok('show', project, '--json')
        return json.loads(r.stdout)

    EXPORT_COLUMNS = ('customer_id', 'segment', 'segment_name', 'recency', 'frequency',
                      'monetary')

    def read_export(self, path):
        """The assignments file as (customer_id, segment, segment_name, recency, frequency,
        monetary) tuples, whatever other columns it has; self.export_cells keeps every cell."""
        with open(path, newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f))
        header = rows[0]
        self.assertEqual(header[0], 'customer_id')
        for name in self.EXPORT_COLUMNS:
            self.assertIn(name, header)
        for row in rows[1:]:
            self.assertEqual(len(row), len(header), row)
        self.export_cells = [cell for row in rows[1:] for cell in row]
        at = [header.index(name) for name in self.EXPORT_COLUMNS]
        return [tuple(row[i] for i in at) for row in rows[1:]]

    def check_run(self, js, log, n_transactions=None, k=None):
        """Checks show --json against the spec and against the orders file."""
        for key in ('customers', 'transactions', 'rejected_rows', 'k', 'inertia', 'silhouette',
                    'segments'):
            self.assertIn(key, js)
        with_orders = len(log.customers())
        self.assertGreaterEqual(js['customers'], with_orders)
        self.assertEqual(js['transactions'],
                         n_transactions if n_transactions is not None else len(log.rows))
        if k is not None:
            self.assertEqual(js['k'], k)
        self.assertTrue(math.isfinite(js['inertia']) and js['inertia'] > 0)
        self.assertTrue(-1 <= js['silhouette'] <= 1)

        segs = js['segments']
        clusters = [s for s in segs if s['kind'] == 'segment']
        outliers = [s for s in segs if s['is_outliers']]
        self.assertEqual(len(clusters), js['k'])
        self.assertLessEqual(len(outliers), 1)
        self.assertEqual(outliers, [s for s in segs if s['kind'] == 'anomalies'])
        if outliers:
            self.assertIs(segs[-1]['is_outliers'], True, 'the anomalies come last')
        self.assertEqual(sorted(s['id'] for s in segs), list(range(1, len(segs) + 1)))
        self.assertEqual([s['priority'] for s in segs], sorted(s['priority'] for s in segs))
        for s in segs:
            for key in ('id', 'name', 'size', 'revenue', 'revenue_share', 'is_outliers',
                        'kind', 'centroid'):
                self.assertIn(key, s)
            self.assertEqual(set(s['centroid']), {'recency', 'frequency', 'monetary'})
            self.assertIsInstance(s['name'], str)
            self.assertTrue(s['name'].strip())
            self.assertGreater(s['size'], 0)
            self.assertGreaterEqual(s['centroid']['recency'], 0)
            self.assertGreaterEqual(s['centroid']['frequency'], 0)
            # The revenue of a segment is its members' spend: size × mean spend.
            self.assertAlmostEqual(s['revenue'], s['size'] * s['centroid']['monetary'],
                                   delta=1e-6 * max(1.0, abs(s['revenue'])))

        self.assertEqual(sum(s['size'] for s in segs), with_orders,
                         'segment sizes must add up to the customers with orders')
        self.assertAlmostEqual(sum(s['revenue_share'] for s in segs), 1.0, delta=1e-9)
        total = float(log.revenue())
        self.assertAlmostEqual(sum(s['revenue'] for s in segs), total,
                               delta=1e-6 * abs(total) + 0.005)
        for s in segs:
            self.assertAlmostEqual(s['revenue_share'], s['revenue'] / total, delta=1e-9)
        spend = [s['centroid']['monetary'] for s in clusters]
        self.assertEqual(spend, sorted(spend, reverse=True),
                         'segments are ordered by mean spend')


# -------------------------------------------------------------------------------------------
# Usage errors: exit 2

class UsageTests(CliTestCase):

    def setUp(self):
        super().setUp()
        self.orders = self.path('orders.csv')
        write_orders(self.orders, 40, seed=1)
        self.project = self.path('p.segments')

    def test_no_command(self):
        self.cli_fails(EXIT_USAGE)

    def test_unknown_command(self):
        r = self.cli_fails(EXIT_USAGE, 'frobnicate', self.project)
        self.assertIn('frobnicate', r.stderr)
        self.assertFalse(os.path.exists(self.project))

    def test_help(self):
        r = self.cli_ok('--help')
        for command in ('import', 'segment', 'show', 'export', 'problems'):
            self.assertIn(command, r.stdout)

    def test_import_without_files(self):
        self.cli_fails(EXIT_USAGE, 'import', self.project)
        self.assertFalse(os.path.exists(self.project), 'a usage error must not create a project')

    def test_import_without_project(self):
        self.cli_fails(EXIT_USAGE, 'import', '--transactions', self.orders)

    def test_import_two_projects(self):
        self.cli_fails(EXIT_USAGE, 'import', self.project, self.path('q.segments'),
                       '--transactions', self.orders)

    def test_orders_chunks_belong_to_the_orders_import(self):
        # An import of orders and a customer list: every stored chunk of orders points at the
        # orders file's record, never at the customer list's (the last chunks were stored
        # after the list's record had begun, and took its id).
        import sqlite3
        orders, customers = self.path('big-orders.csv'), self.path('big-customers.csv')
        ids = write_orders(orders, 60000, seed=21)
        write_customers(customers, {c: 'yes' for c in ids})
        self.cli_ok('import', self.project, '--transactions', orders, '--customers', customers)
        db = sqlite3.connect(self.project)
        try:
            kinds = db.execute('SELECT i.kind, count(*), sum(c.n) FROM transaction_chunks c '
                               'JOIN imports i ON i.id = c.import GROUP BY i.kind').fetchall()
        finally:
            db.close()
        with open(orders, encoding='utf-8') as f:
            n_rows = sum(1 for _ in f) - 1
        self.assertGreater(n_rows, 65536, 'the file must fill more than one chunk')
        self.assertEqual(kinds, [('transactions', kinds[0][1], n_rows)])

    def test_unknown_option(self):
        self.cli_fails(EXIT_USAGE, 'import', self.project, '--transactions', self.orders,
                       '--frobnicate')
        self.cli_fails(EXIT_USAGE, 'show', self.project, '--yaml')

    def test_bad_map_role(self):
        for bad in ('colour=customer_id', 'customer', 'customer=', '=customer_id',
                    'attribute=region', 'ignore=amount'):
            with self.subTest(map=bad):
                r = self.cli_fails(EXIT_USAGE, 'import', self.project, '--transactions',
                                   self.orders, '--map', bad)
                self.assertIn(bad, r.stderr)
        self.assertFalse(os.path.exists(self.project))

    def test_bad_delimiter_and_date_format(self):
        self.cli_fails(EXIT_USAGE, 'import', self.project, '--transactions', self.orders,
                       '--delimiter', 'xx')
        self.cli_fails(EXIT_USAGE, 'import', self.project, '--transactions', self.orders,
                       '--date-format', 'julian')
        self.assertFalse(os.path.exists(self.project))

    def test_bad_segment_options(self):
        self.cli_ok('import', self.project, '--transactions', self.orders)
        before = self.show_json(self.project)
        for args in (['--k', '0'], ['--k', 'abc'], ['--k', '-3'], ['--k', '3.5'], ['--k', ''],
                     ['--k', '51'], ['--k', '99999999999999999999'], ['--seed', '-1'],
                     ['--n-init', '0'], ['--outliers', 'nan'], ['--outliers', '-1'],
                     ['--outliers', 'inf'], ['--outliers', '3x']):
            with self.subTest(args=args):
                self.cli_fails(EXIT_USAGE, 'segment', self.project, *args)
        self.assertEqual(self.show_json(self.project), before)

    def test_export_without_file(self):
        self.cli_fails(EXIT_USAGE, 'export', self.project)


# -------------------------------------------------------------------------------------------
# Bad input: exit 1, with a message naming the file (and the line) and the problem

class BadInputTests(CliTestCase):

    def test_missing_file(self):
        missing = self.path('no-such-file.csv')
        r = self.cli_fails(EXIT_BAD_INPUT, 'import', self.path('p.segments'),
                           '--transactions', missing)
        self.assertIn('no-such-file.csv', r.stderr)

    def test_failed_import_leaves_no_new_project(self):
        # "An error leaves the project as it was": when there was no project, there is none.
        project = self.path('new.segments')
        self.cli_fails(EXIT_BAD_INPUT, 'import', project,
                       '--transactions', self.path('no-such-file.csv'))
        self.assertFalse(os.path.exists(project),
                         'a failed import must not leave an empty project behind')

    def test_pdf_renamed_csv(self):
        pdf = self.path('orders.csv')
        source = os.path.join(SOURCE_ROOT, 'tests', 'data', 'csv', 'report.pdf')
        if os.path.isfile(source):
            shutil.copyfile(source, pdf)
        else:
            with open(pdf, 'wb') as f:
                f.write(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'
                        + bytes(range(256)) * 8 + b'\n%%EOF\n')
        r = self.cli_fails(EXIT_BAD_INPUT, 'import', self.path('p.segments'), '--transactions', pdf)
        self.assertIn('orders.csv', r.stderr)
        self.assertIn('PDF', r.stderr)

    def test_binary_file(self):
        data = self.path('orders.csv')
        with open(data, 'wb') as f:
            f.write(bytes(random.Random(5).getrandbits(8) for _ in range(20000)))
        r = self.cli_fails(EXIT_BAD_INPUT, 'import', self.path('p.segments'), '--transactions', data)
        self.assertIn('orders.csv', r.stderr)

    def test_empty_file(self):
        empty = self.path('orders.csv')
        open(empty, 'w').close()
        r = self.cli_fails(EXIT_BAD_INPUT, 'import', self.path('p.segments'),
                           '--transactions', empty)
        self.assertIn('orders.csv', r.stderr)
        self.assertIn('empty', r.stderr)

    def test_header_only(self):
        data = self.path('orders.csv')
        with open(data, 'w') as f:
            f.write('order_id,customer_id,order_date,amount\n')
        r = self.cli_fails(EXIT_BAD_INPUT, 'import', self.path('p.segments'), '--transactions', data)
        self.assertIn('orders.csv', r.stderr)

    def test_no_usable_row_names_line(self):
        data = self.path('orders.csv')
        with open(data, 'w') as f:
            f.write('order_id,customer_id,order_date,amount\n')
            f.write('O1,C1,2024-02-30,10.00\n')
            f.write('O2,,2024-01-06,12.00\n')
            f.write('O3,C3,2024-01-07,\n')
        r = self.cli_fails(EXIT_BAD_INPUT, 'import', self.path('p.segments'), '--transactions', data,
                           '--map', 'customer=customer_id', '--map', 'date=order_date',
                           '--map', 'amount=amount')
        self.assertIn('orders.csv', r.stderr)
        self.assertIn('line 2', r.stderr)
        self.assertIn('2024-02-30', r.stderr)

    def test_no_number_in_mapped_amount(self):
        data = self.path('orders.csv')
        with open(data, 'w') as f:
            f.write('order_id,customer_id,order_date,amount\n')
            f.write('O1,C1,2024-01-05,lots\n')
            f.write('O2,C2,2024-01-06,many\n')
        r = self.cli_fails(EXIT_BAD_INPUT, 'import', self.path('p.segments'), '--transactions', data,
                           '--map', 'amount=amount')
        self.assertIn('orders.csv', r.stderr)
        self.assertIn('line 2', r.stderr)
        self.assertIn('lots', r.stderr)

    def test_map_names_missing_column(self):
        data = self.path('orders.csv')
        write_orders(data, 20, seed=2)
        r = self.cli_fails(EXIT_BAD_INPUT, 'import', self.path('p.segments'), '--transactions', data,
                           '--map', 'amount=net_total')
        self.assertIn('net_total', r.stderr)
        self.assertIn('orders.csv', r.stderr)

    def test_not_a_project(self):
        orders = self.path('orders.csv')
        write_orders(orders, 30, seed=2)
        fake = self.path('notes.segments')
        content = b'These are my meeting notes, not a database.\n' * 100
        with open(fake, 'wb') as f:
            f.write(content)
        for args in (['show', fake], ['show', fake, '--json'], ['segment', fake],
                     ['problems', fake], ['export', fake, '--assignments', self.path('a.csv')],
                     ['import', fake, '--transactions', orders]):
            with self.subTest(args=args):
                r = self.cli_fails(EXIT_BAD_INPUT, *args)
                self.assertIn('notes.segments', r.stderr)
        with open(fake, 'rb') as f:
            self.assertEqual(f.read(), content, 'a file that is not a project must not be touched')
        self.assertFalse(os.path.exists(self.path('a.csv')))

    def test_foreign_sqlite_database(self):
        import sqlite3
        foreign = self.path('other.segments')
        db = sqlite3.connect(foreign)
        db.execute('CREATE TABLE inventory (sku TEXT, stock INTEGER)')
        db.execute("INSERT INTO inventory VALUES ('A-1', 3)")
        db.commit()
        db.close()
        orders = self.path('orders.csv')
        write_orders(orders, 30, seed=2)
        self.cli_fails(EXIT_BAD_INPUT, 'show', foreign)
        self.cli_fails(EXIT_BAD_INPUT, 'import', foreign, '--transactions', orders)
        db = sqlite3.connect(foreign)
        self.assertEqual(db.execute('SELECT * FROM inventory').fetchall(), [('A-1', 3)])
        self.assertEqual([r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")], ['inventory'])
        db.close()

    def test_damaged_project(self):
        orders = self.path('orders.csv')
        write_orders(orders, 30, seed=3)
        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', orders)
        # Keep the database header, wreck the page that lists the tables.
        with open(project, 'r+b') as f:
            f.seek(100)
            f.write(b'\xa5' * 3900)
        r = self.cli_fails(EXIT_BAD_INPUT, 'show', project)
        self.assertIn('p.segments', r.stderr)
        self.assertIn('is damaged', r.stderr)
        self.assertIn('backup', r.stderr)
        self.assertNotIn('not a Segments project', r.stderr)

    def test_missing_project(self):
        for args in (['show', self.path('none.segments')], ['segment', self.path('none.segments')]):
            with self.subTest(args=args):
                self.cli_fails(EXIT_BAD_INPUT, *args)
        self.assertFalse(os.path.exists(self.path('none.segments')))

    def test_segment_and_export_need_data(self):
        customers = self.path('customers.csv')
        write_customers(customers, {f'C{i}': 'yes' for i in range(10)})
        project = self.path('p.segments')
        self.cli_ok('import', project, '--customers', customers)
        self.cli_fails(EXIT_BAD_INPUT, 'segment', project)
        self.cli_fails(EXIT_BAD_INPUT, 'export', project, '--assignments', self.path('a.csv'))
        self.assertFalse(os.path.exists(self.path('a.csv')))
        js = self.show_json(project)
        self.assertEqual((js['customers'], js['transactions'], js['k'], js['segments']),
                         (10, 0, None, []))


# -------------------------------------------------------------------------------------------
# import

class ImportTests(CliTestCase):

    def test_report(self):
        tx, cu = sample_paths(self.dir)
        log = OrderLog.read(tx)
        with open(tx, encoding='utf-8') as f:
            n_lines = sum(1 for _ in f) - 1
        project = self.path('sample.segments')
        r = self.cli_ok('import', project, '--transactions', tx, '--customers', cu)
        out = r.stdout
        n_cust = len(log.customers())
        self.assertIn(f'Orders: {tx}\n', out)
        self.assertIn(f'  Rows read:       {n_lines}\n', out)
        self.assertIn(f'  Accepted:        {len(log.rows)}\n', out)
        self.assertIn('  Rejected:        0\n', out)
        self.assertIn(f'  Customers:       {n_cust} ({n_cust} new)\n', out)
        self.assertIn(f'  Dates:           {log.first_day().isoformat()} to '
                      f'{log.last_day().isoformat()}\n', out)
        returns = sum(1 for row in log.rows if row[3] < 0)
        self.assertIn(f'  Returns (negative amounts): {returns}\n', out)
        revenue = [l for l in out.splitlines() if l.startswith('  Net revenue:')]
        self.assertEqual(len(revenue), 1)
        self.assertLessEqual(abs(Decimal(revenue[0].split(':')[1].strip()) - log.revenue()),
                             Decimal('0.01'))
        self.assertIn(f'Customer list: {cu}\n', out)
        with open(cu, encoding='utf-8') as f:
            listed = {row['customer_id'] for row in csv.DictReader(f)}
        self.assertIn(f'Customers with orders but not in the list: '
                      f'{len(log.customers() - listed)}\n', out)
        self.assertIn(f'Listed customers without orders: {len(listed - log.customers())}\n', out)
        self.assertIn(f'The project now holds {len(log.customers() | listed)} customers and '
                      f'{len(log.rows)} transactions.\n', out)

        js = self.show_json(project)
        self.assertEqual(js['customers'], len(log.customers() | listed))
        self.assertEqual(js['transactions'], len(log.rows))
        self.assertEqual(js['rejected_rows'], 0)
        self.assertIsNone(js['k'])
        self.assertEqual(js['segments'], [])

        text = self.cli_ok('show', project).stdout
        self.assertIn(f'{js["customers"]:,} customers, {js["transactions"]:,} transactions, '
                      f'0 rejected rows', text)
        self.assertIn('segment', text)

    def test_explicit_options(self):
        # A semicolon file with day-first dates, a decimal comma and unusual column names,
        # read with --delimiter, --date-format and --map.
        data = self.path('export.csv')
        rows = [('A', '05/02/2024', '10,50'), ('B', '06/02/2024', '20,25'),
                ('A', '07/03/2024', '1.000,00'), ('C', '08/03/2024', '3,00')]
        with open(data, 'w') as f:
            f.write('Kunde;Datum;Betrag;Bemerkung\n')
            for i, (c, d, a) in enumerate(rows):
                f.write(f'{c};{d};{a};note {i}\n')
        project = self.path('p.segments')
        r = self.cli_ok('import', project, '--transactions', data, '--delimiter', ';',
                        '--date-format', 'dmy', '--map', 'customer=Kunde', '--map', 'date=Datum',
                        '--map', 'amount=Betrag')
        self.assertIn('Accepted:        4\n', r.stdout)
        self.assertIn('Dates:           2024-02-05 to 2024-03-08\n', r.stdout)
        self.assertIn('Net revenue:     1033.75\n', r.stdout)
        self.assertIn('Customers:       3 (3 new)\n', r.stdout)

    def test_encodings_and_line_ends(self):
        # The same orders as UTF-8 with LF, UTF-8 with a BOM and CRLF, and Windows-1252 give
        # the same project.
        ids = [f'Kunde-{i:03d}' for i in range(60)] + ['Café Müller', 'Señora Peña']
        plain = self.path('plain.csv')
        write_orders(plain, 0, seed=12, ids=ids)
        with open(plain, encoding='utf-8') as f:
            text = f.read()
        variants = {'bom-crlf.csv': ('\ufeff' + text.replace('\n', '\r\n')).encode('utf-8'),
                    'cp1252.csv': text.encode('cp1252')}
        for name, data in variants.items():
            with open(self.path(name), 'wb') as f:
                f.write(data)
        results = []
        for name in ['plain.csv'] + list(variants):
            project = self.path(name + '.segments')
            r = self.cli_ok('import', project, '--transactions', self.path(name))
            self.assertIn('Rejected:        0\n', r.stdout, name)
            self.cli_ok('segment', project, '--k', '3')
            export = self.path(name + '.export.csv')
            self.cli_ok('export', project, '--assignments', export)
            with open(export, encoding='utf-8') as f:
                results.append((self.show_json(project), f.read()))
        self.assertIn('Café Müller', results[0][1])
        for other in results[1:]:
            self.assertEqual(other, results[0])

    def test_import_appends(self):
        first, second = self.path('q1.csv'), self.path('q2.csv')
        ids_a = [f'CUST-{i:05d}' for i in range(1, 81)]
        ids_b = [f'CUST-{i:05d}' for i in range(61, 141)]
        write_orders(first, 0, seed=10, ids=ids_a, start=datetime.date(2024, 1, 1))
        write_orders(second, 0, seed=11, ids=ids_b, start=datetime.date(2025, 1, 1),
                     span_days=180, first_order=500000)
        log_a, log_b = OrderLog.read(first), OrderLog.read(second)
        project = self.path('p.segments')

        r = self.cli_ok('import', project, '--transactions', first)
        self.assertIn(f'The project now holds {len(log_a.customers())} customers and '
                      f'{len(log_a.rows)} transactions.', r.stdout)
        r = self.cli_ok('import', project, '--transactions', second)
        new = len(log_b.customers() - log_a.customers())
        self.assertIn(f'Customers:       {len(log_b.customers())} ({new} new)\n', r.stdout)
        both = OrderLog()
        both.rows = log_a.rows + log_b.rows
        self.assertIn(f'The project now holds {len(both.customers())} customers and '
                      f'{len(both.rows)} transactions.', r.stdout)

        js = self.show_json(project)
        self.assertEqual(js['customers'], len(both.customers()))
        self.assertEqual(js['transactions'], len(both.rows))

        self.cli_ok('segment', project, '--k', '3', '--outliers', 'off')
        js = self.show_json(project)
        self.check_run(js, both, k=3)
        # Aggregates must span both imports: compare every customer's figures.
        export = self.path('a.csv')
        self.cli_ok('export', project, '--assignments', export)
        rfm = both.rfm()
        rows = self.read_export(export)
        self.assertEqual(len(rows), len(rfm))
        for cust, _, _, recency, frequency, monetary in rows:
            self.assertEqual((int(recency), int(frequency)), rfm[cust][:2], cust)
            self.assertAlmostEqual(float(monetary), rfm[cust][2], delta=0.006)

    def write_orders_with_returns(self, path):
        """A year of orders in which some are partly returned weeks later: the return row
        repeats the order id with a later date and a negative amount, as shop exports do."""
        rng = random.Random(13)
        rows = []
        for n in range(1500):
            cust = f'CUST-{rng.randint(1, 250):05d}'
            day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 330))
            amount = round(rng.lognormvariate(4.5, 0.7), 2)
            order = f'SO-{n + 1:06d}'
            rows.append((order, cust, day, f'{amount:.2f}'))
            if rng.random() < 0.12:
                back = day + datetime.timedelta(days=rng.randint(3, 30))
                rows.append((order, cust, back, f'{-round(amount * rng.uniform(0.2, 1), 2):.2f}'))
        rows.sort(key=lambda r: (r[2], r[0]))
        with open(path, 'w', newline='') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['order_id', 'customer_id', 'order_date', 'amount'])
            for order, cust, day, amount in rows:
                w.writerow([order, cust, day.isoformat(), amount])
        return rows

    def split_by_date(self, rows, day, first, second):
        for path, part in ((first, [r for r in rows if r[2] < day]),
                           (second, [r for r in rows if r[2] >= day])):
            with open(path, 'w', newline='') as f:
                w = csv.writer(f, lineterminator='\n')
                w.writerow(['order_id', 'customer_id', 'order_date', 'amount'])
                for order, cust, d, amount in part:
                    w.writerow([order, cust, d.isoformat(), amount])

    def test_next_export_appends_returns(self):
        # Importing an export in two periods gives the project the whole export gives: a
        # return in the second period of an order of the first is new data, not a copy.
        whole = self.path('year.csv')
        rows = self.write_orders_with_returns(whole)
        first, second = self.path('h1.csv'), self.path('h2.csv')
        cut = datetime.date(2024, 7, 1)
        self.split_by_date(rows, cut, first, second)
        crossing = [r for r in rows if r[2] >= cut and float(r[3]) < 0 and
                    any(o[0] == r[0] and o[2] < cut for o in rows)]
        self.assertTrue(crossing, 'the fixture must hold returns across the cut')

        one, two = self.path('one.segments'), self.path('two.segments')
        self.cli_ok('import', one, '--transactions', whole)
        self.cli_ok('import', two, '--transactions', first)
        r = self.cli_ok('import', two, '--transactions', second)
        n_customers = len({r[1] for r in rows})
        self.assertIn(f'The project now holds {n_customers} customers and {len(rows)} '
                      f'transactions.', r.stdout,
                      f'{len(crossing)} returns of earlier orders must not be dropped')
        for project in (one, two):
            self.cli_ok('segment', project, '--k', '3', '--outliers', 'off')
        self.assertEqual(self.show_json(two), self.show_json(one))

    def test_overlapping_exports_are_not_doubled(self):
        # The other side of the same coin: rows an earlier import already brought (an export
        # that overlaps the previous one) are not counted twice.
        whole = self.path('year.csv')
        rows = self.write_orders_with_returns(whole)
        first, second = self.path('h1.csv'), self.path('h2.csv')
        self.split_by_date(rows, datetime.date(2024, 7, 1), first, second)

        one, two = self.path('one.segments'), self.path('two.segments')
        self.cli_ok('import', one, '--transactions', whole)
        self.cli_ok('import', two, '--transactions', first)
        self.cli_ok('import', two, '--transactions', whole)
        self.cli_ok('import', one, '--transactions', whole)
        for project in (one, two):
            js = self.show_json(project)
            self.assertEqual(js['transactions'], len(rows))
            self.cli_ok('segment', project, '--k', '3', '--outliers', 'off')
        self.assertEqual(self.show_json(two), self.show_json(one))
        log = OrderLog.read(whole)
        self.check_run(self.show_json(one), log, k=3)

    def test_some_rows_rejected(self):
        data = self.path('orders.csv')
        with open(data, 'w') as f:
            f.write('order_id,customer_id,order_date,amount\n')
            for i in range(30):
                f.write(f'O{i},C{i % 7},2024-03-{1 + i % 28:02d},{10 + i}.00\n')
            f.write('O99,C1,yesterday,5.00\n')
        r = self.cli_ok('import', self.path('p.segments'), '--transactions', data)
        self.assertIn('Rejected:        1\n', r.stdout)
        self.assertIn('Line 32: date “yesterday” is not a valid date', r.stdout)

    def test_max_date_widens_the_plausible_range(self):
        far = datetime.date.today() + datetime.timedelta(days=400)
        data = self.path('orders.csv')
        with open(data, 'w') as f:
            f.write('order_id,customer_id,order_date,amount\n'
                    'O1,C1,2024-03-01,10.00\n'
                    f'O2,C2,{far.isoformat()},20.00\n'
                    'O3,C3,2024-03-02,1e308\n')
        project = self.path('p.segments')
        r = self.cli_ok('import', project, '--transactions', data)
        self.assertIn('Rejected:        2\n', r.stdout)
        self.assertIn(f'date “{far.isoformat()}” in column order_date is outside the '
                      'plausible range 1970-01-01 to ', r.stdout)
        self.assertIn('--max-date', r.stdout)
        self.assertIn('“1e308” in column amount is beyond the plausible limit', r.stdout)

        widened = self.path('w.segments')
        r = self.cli_ok('import', widened, '--transactions', data,
                        '--max-date', (far + datetime.timedelta(days=1)).isoformat(),
                        '--max-amount', '1e15')
        self.assertIn('Accepted:        2\n', r.stdout)
        self.assertIn(f'Dates:           2024-03-01 to {far.isoformat()}\n', r.stdout)
        self.cli_fails(EXIT_USAGE, 'import', self.path('x.segments'), '--transactions', data,
                       '--max-date', 'tomorrow')
        self.cli_fails(EXIT_USAGE, 'import', self.path('x.segments'), '--transactions', data,
                       '--max-amount', '1e16')


# -------------------------------------------------------------------------------------------
# Ctrl+C

class CancelTests(CliTestCase):
    N_ROWS = 2_000_000

    def write_big(self, path):
        with open(path, 'w') as f:
            f.write('order_id,customer_id,order_date,amount\n')
            buf = []
            for i in range(self.N_ROWS):
                buf.append(f'B{i:08d},C{(i * 7919) % 250000:06d},2025-{1 + i % 12:02d}-'
                           f'{1 + i % 28:02d},{(i % 9973) / 7.0 + 1:.2f}\n')
                if len(buf) == 100000:
                    f.write(''.join(buf))
                    buf = []
            f.write(''.join(buf))

    # Ctrl+C before the command has opened the project and started its work (a loaded
    # machine can take that long) kills it the usual way, -SIGINT, with the project as it
    # was; the interrupt is then tried again a little later, until it lands in the work.
    EARLY_DELAYS = (0.3, 0.6, 1.0, 1.5, 2.5)

    def interrupt_import(self, project, data, delay):
        p = subprocess.Popen([CLI, 'import', project, '--transactions', data],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=300)
        return p.returncode, out, err

    def snapshot(self, project):
        problems = self.cli_ok('problems', project).stdout
        return self.show_json(project), problems

    def test_ctrl_c_leaves_project_unchanged(self):
        base = self.path('base.segments')
        small = self.path('small.csv')
        write_orders(small, 200, seed=21)
        with open(small, 'a') as f:
            f.write('SO-9999999,,2024-02-02,10.00\n')     # one rejected row, kept as a problem
        self.cli_ok('import', base, '--transactions', small)
        self.cli_ok('segment', base, '--k', '3')
        before = self.snapshot(base)
        self.assertEqual(before[0]['rejected_rows'], 1)

        big = self.path('big.csv')
        self.write_big(big)

        project = self.path('p.segments')
        for delay in self.EARLY_DELAYS:
            shutil.copyfile(base, project)
            rc, out, err = self.interrupt_import(project, big, delay)
            self.assertEqual(self.snapshot(project), before)
            if rc != -signal.SIGINT:
                break
        self.assertEqual(rc, EXIT_CANCELLED, f'stdout: {out}\nstderr: {err}')
        self.assertIn('Cancelled', err)

        # Later interrupts hit the write and summary stages: whatever the moment, the import
        # is either cancelled with nothing written or finished completely.
        t0 = time.monotonic()
        done = self.path('done.segments')
        shutil.copyfile(base, done)
        self.cli_ok('import', done, '--transactions', big)
        full = time.monotonic() - t0
        after = self.show_json(done)
        self.assertEqual(after['transactions'], before[0]['transactions'] + self.N_ROWS)

        # Ctrl+C while segmenting keeps the previous segmentation.
        before_done = self.snapshot(done)
        for delay in self.EARLY_DELAYS:
            p = subprocess.Popen([CLI, 'segment', done, '--k', 'auto'], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            time.sleep(delay)
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=300)
            self.assertEqual(self.snapshot(done), before_done)
            if p.returncode != -signal.SIGINT:
                break
        self.assertEqual(p.returncode, EXIT_CANCELLED, f'stdout: {out}\nstderr: {err}')

        for fraction in (0.45, 0.65, 0.8, 0.95):
            with self.subTest(fraction=fraction):
                project = self.path(f'p{fraction}.segments')
                shutil.copyfile(base, project)
                rc, out, err = self.interrupt_import(project, big, full * fraction)
                # A signal in the instant between the work and the exit may kill the process
                # (-SIGINT); the project must still be whole.
                self.assertIn(rc, (EXIT_OK, EXIT_CANCELLED, -signal.SIGINT), err)
                js = self.show_json(project)
                if js['transactions'] == before[0]['transactions']:
                    self.assertEqual(self.snapshot(project), before)
                else:
                    self.assertNotEqual(rc, EXIT_CANCELLED, 'cancelled, yet rows were written')
                    self.assertEqual(js['transactions'], after['transactions'])
                    self.assertEqual(js['customers'], after['customers'])


# -------------------------------------------------------------------------------------------
# segment and show

class SegmentTests(CliTestCase):

    def setUp(self):
        super().setUp()
        self.tx, self.cu = sample_paths(self.dir)
        self.log = OrderLog.read(self.tx)

    def imported(self, name='p.segments'):
        project = self.path(name)
        self.cli_ok('import', project, '--transactions', self.tx, '--customers', self.cu)
        return project

    def test_k3(self):
        project = self.imported()
        r = self.cli_ok('segment', project, '--k', '3')
        self.assertIn('k = 3', r.stdout)
        js = self.show_json(project)
        self.check_run(js, self.log, k=3)
        self.assertIs(js.get('k_auto'), False)
        as_of = self.log.last_day() + datetime.timedelta(days=1)
        self.assertEqual(js.get('as_of'), as_of.isoformat())
        # The text output shows the same segments.
        text = self.cli_ok('show', project).stdout
        for s in js['segments']:
            self.assertIn(s['name'], text)

    def test_k_auto(self):
        project = self.imported()
        self.cli_ok('segment', project, '--k', 'auto')
        js = self.show_json(project)
        self.assertTrue(2 <= js['k'] <= 8)
        self.assertIs(js.get('k_auto'), True)
        self.check_run(js, self.log)

    def test_outliers(self):
        project = self.imported()
        self.cli_ok('segment', project, '--k', '3', '--outliers', '2')
        js = self.show_json(project)
        self.check_run(js, self.log, k=3)
        # A z-score of 2 sets the biggest spenders apart as top accounts, ranked first.
        top = [s for s in js['segments'] if s['kind'] == 'top_accounts']
        self.assertEqual(len(top), 1, 'a z-score of 2 sets some big spenders apart')
        self.assertIs(js['segments'][0], top[0])
        self.assertIs(top[0]['is_outliers'], False)
        for s in js['segments']:
            if s['kind'] == 'segment':
                self.assertLess(s['centroid']['monetary'], top[0]['centroid']['monetary'])
        self.cli_ok('segment', project, '--k', '3', '--outliers', 'off')
        js = self.show_json(project)
        self.assertFalse(any(s['is_outliers'] for s in js['segments']))
        self.check_run(js, self.log, k=3)

    def test_features_match_the_file(self):
        # A generated file without returns: every exported figure can be recomputed here.
        orders = self.path('orders.csv')
        write_orders(orders, 300, seed=31)
        log = OrderLog.read(orders)
        project = self.path('g.segments')
        self.cli_ok('import', project, '--transactions', orders)
        self.cli_ok('segment', project, '--k', '4', '--outliers', 'off')
        js = self.show_json(project)
        self.check_run(js, log, k=4)
        export = self.path('a.csv')
        self.cli_ok('export', project, '--assignments', export)
        rows = self.read_export(export)
        rfm = log.rfm()
        self.assertEqual(sorted(r[0] for r in rows), sorted(rfm))
        members = {}
        for cust, seg, name, recency, frequency, monetary in rows:
            self.assertEqual((int(recency), int(frequency)), rfm[cust][:2], cust)
            self.assertAlmostEqual(float(monetary), rfm[cust][2], delta=0.006)
            self.assertEqual(name, js['segments'][int(seg) - 1]['name'])
            members.setdefault(int(seg), []).append(rfm[cust])
        for s in js['segments']:
            m = members[s['id']]
            self.assertEqual(len(m), s['size'])
            for i, key in enumerate(('recency', 'frequency', 'monetary')):
                mean = sum(x[i] for x in m) / len(m)
                self.assertAlmostEqual(s['centroid'][key], mean, delta=1e-6 * max(1, mean))
            self.assertAlmostEqual(s['revenue'], sum(x[2] for x in m), delta=0.01)

    def test_determinism(self):
        a, b = self.imported('a.segments'), self.imported('b.segments')
        for project in (a, b):
            self.cli_ok('segment', project, '--k', '4', '--seed', '7')
        ja, jb = self.show_json(a), self.show_json(b)
        self.assertEqual(ja, jb)
        self.assertEqual(self.cli_ok('show', a).stdout, self.cli_ok('show', b).stdout)
        # Re-running on the same project gives the same result again.
        self.cli_ok('segment', a, '--k', '4', '--seed', '7')
        self.assertEqual(self.show_json(a), ja)
        ea, eb = self.path('ea.csv'), self.path('eb.csv')
        self.cli_ok('export', a, '--assignments', ea)
        self.cli_ok('export', b, '--assignments', eb)
        with open(ea, 'rb') as fa, open(eb, 'rb') as fb:
            self.assertEqual(fa.read(), fb.read())

    def test_determinism_auto(self):
        a, b = self.imported('a.segments'), self.imported('b.segments')
        for project in (a, b):
            self.cli_ok('segment', project)
        self.assertEqual(self.show_json(a), self.show_json(b))

    def test_n_init_and_seed(self):
        project = self.imported()
        self.cli_ok('segment', project, '--k', '3', '--n-init', '1', '--seed', '12345')
        js = self.show_json(project)
        self.check_run(js, self.log, k=3)

    def test_k_larger_than_customers(self):
        data = self.path('few.csv')
        with open(data, 'w') as f:
            f.write('order_id,customer_id,order_date,amount\n')
            for i in range(3):
                f.write(f'O{i},C{i},2024-01-0{i + 1},{10 * (i + 1)}.00\n')
        project = self.path('few.segments')
        self.cli_ok('import', project, '--transactions', data)
        r = run_cli('segment', project, '--k', '5')
        self.assertEqual(r.returncode, EXIT_BAD_INPUT, r.stdout + r.stderr)
        self.assertNotIn('CRITICAL', r.stderr)
        self.assertTrue(r.stderr.strip())
        self.assertIsNone(self.show_json(project)['k'])


# -------------------------------------------------------------------------------------------
# export

FORMULA_IDS = ["=cmd|' /C calc'!A0", '+1', '@x', '-2+3', '=HYPERLINK("http://x.example")']


class ExportTests(CliTestCase):

    def test_assignments(self):
        rng = random.Random(41)
        ids = [f'CUST-{i:05d}' for i in range(1, 121)] + FORMULA_IDS + ['Müller, Hans']
        orders = self.path('orders.csv')
        write_orders(orders, 0, seed=42, ids=ids)
        consent = {}
        for cust in ids:
            consent[cust] = rng.choice(['yes', 'yes', 'yes', 'no', ''])
        for cust in FORMULA_IDS + ['Müller, Hans']:
            consent[cust] = 'yes'
        unlisted = ids[:10]
        for cust in unlisted:
            del consent[cust]
        consent['CUST-99999'] = 'yes'                 # listed, never ordered
        customers = self.path('customers.csv')
        write_customers(customers, consent)

        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', orders, '--customers', customers)
        self.cli_ok('segment', project, '--k', '3')
        js = self.show_json(project)
        log = OrderLog.read(orders)
        self.check_run(js, log, k=3)

        export = self.path('segments.csv')
        r = self.cli_ok('export', project, '--assignments', export)
        allowed = {c for c in log.customers() if consent.get(c) == 'yes'}
        excluded = len(log.customers()) - len(allowed)
        self.assertIn(f'{excluded} customers without marketing consent were left out', r.stderr)

        rows = self.read_export(export)
        self.assertEqual(len(rows), len(allowed))
        for cell in self.export_cells:
            self.assertFalse(cell.startswith(FORMULA_STARTS),
                             f'cell {cell!r} would run as a spreadsheet formula')
        shown = {row[0]: row for row in rows}
        for cust in FORMULA_IDS:
            self.assertIn("'" + cust, shown, f'{cust!r} must be exported as text')
        self.assertIn('Müller, Hans', shown)
        plain = {k for k in shown if not k.startswith("'")}
        self.assertEqual(plain | {k[1:] for k in shown if k.startswith("'")}, allowed)

        rfm = log.rfm()
        names = {s['id']: s['name'] for s in js['segments']}
        for key, (cust, seg, name, recency, frequency, monetary) in shown.items():
            real = key[1:] if key.startswith("'") else key
            self.assertEqual(name, names[int(seg)])
            self.assertEqual((int(recency), int(frequency)), rfm[real][:2])
            self.assertAlmostEqual(float(monetary), rfm[real][2], delta=0.006)

    def test_export_text_format(self):
        # One header, one line per customer, LF line ends, UTF-8, a final newline: what
        # spreadsheet imports and `wc -l` expect.
        orders = self.path('orders.csv')
        write_orders(orders, 60, seed=43)
        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', orders)
        self.cli_ok('segment', project, '--k', '2')
        export = self.path('a.csv')
        self.cli_ok('export', project, '--assignments', export)
        with open(export, 'rb') as f:
            data = f.read()
        text = data.decode('utf-8')
        self.assertTrue(text.endswith('\n'))
        self.assertNotIn('\r', text)
        self.assertEqual(text.count('\n'), 61)

    def test_export_unwritable(self):
        orders = self.path('orders.csv')
        write_orders(orders, 60, seed=44)
        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', orders)
        self.cli_ok('segment', project, '--k', '2')
        r = self.cli_fails(EXIT_BAD_INPUT, 'export', project, '--assignments',
                           self.path('no-such-dir/a.csv'))
        self.assertIn('a.csv', r.stderr)

    def test_export_before_segment(self):
        orders = self.path('orders.csv')
        write_orders(orders, 30, seed=45)
        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', orders)
        self.cli_fails(EXIT_BAD_INPUT, 'export', project, '--assignments', self.path('a.csv'))
        self.assertFalse(os.path.exists(self.path('a.csv')))


# -------------------------------------------------------------------------------------------
# problems

class ChangesTests(CliTestCase):
    """Issue 10 from the command line: snapshot, new data, assign, drift, and the report's
    "What changed" section."""

    def test_snapshot_assign_drift_report(self):
        if shutil.which('pdftotext') is None:
            self.skipTest('pdftotext (poppler-utils) is not installed')
        tx, cu = sample_paths(self.dir)
        with open(tx, encoding='utf-8') as f:
            lines = f.readlines()
        first = self.path('first.csv')
        with open(first, 'w', encoding='utf-8') as f:
            f.writelines(lines[:len(lines) // 2])
        project = self.path('changes.segments')
        self.cli_ok('import', project, '--transactions', first, '--customers', cu)
        self.cli_ok('segment', project, '--k', '4')

        # Without a snapshot the report has no "What changed" section.
        report = self.path('before.pdf')
        self.cli_ok('report', project, '-o', report)
        text = subprocess.run(['pdftotext', report, '-'], capture_output=True,
                              text=True).stdout
        self.assertNotIn('What changed', text)

        snap = self.cli_ok('snapshot', project, '--label', 'First half')
        self.assertTrue(snap.stdout.strip().isdigit())
        r = self.cli_ok('import', project, '--transactions', tx)
        self.assertIn('Already in the project (skipped): %d' % (len(lines) // 2 - 1), r.stdout)
        self.cli_ok('assign', project)
        drift = json.loads(self.cli_ok('drift', project, '--json').stdout)
        self.assertIn('segments', drift)

        report = self.path('after.pdf')
        self.cli_ok('report', project, '-o', report)
        text = subprocess.run(['pdftotext', report, '-'], capture_output=True,
                              text=True).stdout
        self.assertIn('What changed', text)
        self.assertIn('Where customers went', text)


class RfmTests(CliTestCase):
    """RFM scores: thresholds visible, settable per project, used by the activation export."""

    def test_thresholds_visible_settable_and_used(self):
        tx, cu = sample_paths(self.dir)
        project = self.path('rfm.segments')
        self.cli_ok('import', project, '--transactions', tx, '--customers', cu)
        self.cli_ok('segment', project, '--k', '3')

        quintiles = json.loads(self.cli_ok('rfm', project, '--json').stdout)
        self.assertFalse(quintiles['custom'])
        for row in ('recency', 'frequency', 'monetary'):
            self.assertEqual(len(quintiles[row]), 4)
            self.assertEqual(quintiles[row], sorted(quintiles[row]))
        log = OrderLog.read(tx)
        self.assertEqual(sum(quintiles['customers'].values()), len(log.customers()))

        # Recency thresholds so high that every customer scores 5 on recency.
        custom = json.loads(self.cli_ok('rfm', project, '--recency', '100000,100001,100002,100003',
                                        '--json').stdout)
        self.assertTrue(custom['custom'])
        self.assertEqual(custom['recency'], [100000, 100001, 100002, 100003])
        self.assertEqual(custom['frequency'], quintiles['frequency'])
        export = self.path('a.csv')
        self.cli_ok('export', project, '--assignments', export)
        with open(export, newline='', encoding='utf-8') as f:
            rows = list(csv.DictReader(f))
        self.assertTrue(rows)
        self.assertEqual({r['r_score'] for r in rows}, {'5'})

        # Stored in the project: a later call shows them; --reset goes back.
        again = json.loads(self.cli_ok('rfm', project, '--json').stdout)
        self.assertEqual(again['recency'], custom['recency'])
        back = json.loads(self.cli_ok('rfm', project, '--reset', '--json').stdout)
        self.assertFalse(back['custom'])
        self.assertEqual(back['recency'], quintiles['recency'])
        self.cli_fails(EXIT_USAGE, 'rfm', project, '--recency', '3,2,1,0')


class ProblemsTests(CliTestCase):

    def write_fixture(self, path):
        """Valid rows with bad ones at known lines; returns {line: (kind, column, raw)}."""
        rng = random.Random(51)
        lines = ['order_id,customer_id,order_date,amount,note']
        expected = {}

        def add(text, kind=None, column=None):
            lineno = sum(l.count('\n') + 1 for l in lines) + 1
            if kind is not None:
                expected[lineno] = (kind, column, text)
            lines.append(text)

        for i in range(300):
            day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 400))
            cust = f'CUST-{rng.randint(1, 90):05d}'
            amount = f'{rng.lognormvariate(4, 0.8):.2f}'
            if i == 20:
                add(f'SO-{i:06d},,{day},{amount},', 'rejected', 'customer_id')
            elif i == 45:
                add(f'SO-{i:06d},{cust},2024-13-45,{amount},', 'rejected', 'order_date')
            elif i == 46:
                add(f'SO-{i:06d},{cust},,{amount},', 'rejected', 'order_date')
            elif i == 70:
                add(f'SO-{i:06d},{cust},{day},12 apples,', 'rejected', 'amount')
            elif i == 90:
                add(f'SO-{i:06d},{cust},{day},{amount},x,y', 'rejected', None)
            elif i == 100:
                # A quoted note over three physical lines: later line numbers must count them.
                add(f'SO-{i:06d},{cust},{day},{amount},"first line\nsecond line\nthird"')
            elif i == 130:
                add(f'SO-{i:06d},{cust},{day},,', 'rejected', 'amount')
            elif i == 150:
                add(f'SO-{i:06d},{cust},{day},{amount},', None)
                add(f'SO-{i:06d},{cust},{day},{amount},', 'duplicate', None)
            elif i == 200:
                add(f'SO-{i:06d},"=HYPERLINK(""http://x.example"")",{day},abc,', 'rejected',
                    'amount')
            elif i == 299:
                add(f'SO-{i:06d},{cust},31.02.2024,{amount},', 'rejected', 'order_date')
            else:
                add(f'SO-{i:06d},{cust},{day},{amount},')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        return expected

    def test_problems_csv(self):
        data = self.path('orders.csv')
        expected = self.write_fixture(data)
        project = self.path('p.segments')
        r = self.cli_ok('import', project, '--transactions', data)
        n_rejected = sum(1 for v in expected.values() if v[0] == 'rejected')
        self.assertIn(f'  Rejected:        {n_rejected}\n', r.stdout)
        self.assertIn('  Duplicate rows (imported once): 1\n', r.stdout)

        self.assertEqual(self.show_json(project)['rejected_rows'], n_rejected)

        out = self.path('problems.csv')
        r = self.cli_ok('problems', project, '--csv', out)
        self.assertIn(f'{len(expected)} problems written to', r.stdout)
        with open(out, newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ['file', 'line', 'column', 'kind', 'reason', 'raw'])
        got = {}
        for row in rows[1:]:
            self.assertEqual(len(row), 6)
            file, line, column, kind, reason, raw = row
            self.assertEqual(os.path.basename(file), 'orders.csv')
            self.assertTrue(reason)
            for cell in row:
                self.assertFalse(cell.startswith(FORMULA_STARTS), cell)
            got[int(line)] = (kind, column or None, raw)
        self.assertEqual(sorted(got), sorted(expected))
        for line, (kind, column, raw) in expected.items():
            self.assertEqual(got[line][0], kind, f'line {line}')
            if column is not None:
                self.assertEqual(got[line][1], column, f'line {line}')
            self.assertEqual(got[line][2], raw, f'line {line}')

        text = self.cli_ok('problems', project).stdout
        for line in expected:
            self.assertIn(f'orders.csv:{line}:', text)

    def test_no_problems(self):
        orders = self.path('orders.csv')
        write_orders(orders, 30, seed=52)
        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', orders)
        self.assertIn('No problems', self.cli_ok('problems', project).stdout)
        out = self.path('problems.csv')
        self.cli_ok('problems', project, '--csv', out)
        with open(out, encoding='utf-8') as f:
            self.assertEqual(f.read(), 'file,line,column,kind,reason,raw\n')


# -------------------------------------------------------------------------------------------
# Text as other programs write it: whitespace-separated columns, Excel's sep= line, mixed
# encodings, control characters in cells

class TextInputTests(CliTestCase):

    def write_whitespace_orders(self, path, seed=7):
        """A fixed-width export: the header spaced differently from the rows, compact
        yyyymmdd dates.  Returns the rows as (customer, day, count, Decimal value)."""
        rng = random.Random(seed)
        rows = []
        for c in range(1, 61):
            for _ in range(rng.randint(1, 4)):
                day = datetime.date(1997, 1, 1) + datetime.timedelta(days=rng.randint(0, 500))
                rows.append((f'{c:05d}', day, rng.randint(1, 9),
                             Decimal(rng.randint(100, 20000)) / 100))
        with open(path, 'w', encoding='utf-8') as f:
            f.write(' customer_id  date number_of_cds dollar_value\n')
            for cust, day, n, value in rows:
                f.write(f' {cust} {day:%Y%m%d} {n:2d} {value:8.2f}\n')
        return rows

    def test_whitespace_aligned_file(self):
        data = self.path('orders.txt')
        rows = self.write_whitespace_orders(data)
        customers = {r[0] for r in rows}
        revenue = sum(r[3] for r in rows)
        first, last = min(r[1] for r in rows), max(r[1] for r in rows)
        variants = ([], ['--delimiter', 'whitespace'],
                    ['--delimiter', 'whitespace', '--map', 'customer=customer_id',
                     '--map', 'date=date', '--map', 'amount=dollar_value'])
        for i, extra in enumerate(variants):
            with self.subTest(args=extra):
                project = self.path(f'p{i}.segments')
                r = self.cli_ok('import', project, '--transactions', data, *extra)
                self.assertIn(f'Rows read:       {len(rows)}\n', r.stdout)
                self.assertIn(f'Accepted:        {len(rows)}\n', r.stdout)
                self.assertIn('Rejected:        0\n', r.stdout)
                self.assertIn(f'Customers:       {len(customers)} ({len(customers)} new)\n',
                              r.stdout)
                self.assertIn(f'Dates:           {first} to {last}\n', r.stdout)
                self.assertIn(f'Net revenue:     {revenue:.2f}\n', r.stdout)
                self.assertIn('whitespace-separated', r.stdout)
                js = self.show_json(project)
                self.assertEqual(js['customers'], len(customers))
                self.assertEqual(js['transactions'], len(rows))
        # "space" keeps meaning aligned columns, where single spaces stay inside a value:
        # this file does not read that way.
        r = run_cli('import', self.path('q.segments'), '--transactions', data,
                    '--delimiter', 'space')
        self.assertNotEqual(r.returncode, EXIT_OK)

    def test_sep_line(self):
        data = self.path('excel.csv')
        with open(data, 'w', encoding='utf-8') as f:
            f.write('sep=;\ncustomer;order_date;amount\nA;2024-02-05;10,50\nB;2024-02-06;20,25\n'
                    'A;2024-03-07;1.000,00\n')
        project = self.path('p.segments')
        r = self.cli_ok('import', project, '--transactions', data)
        self.assertIn('Rows read:       3\n', r.stdout)
        self.assertIn('Accepted:        3\n', r.stdout)
        self.assertIn('Customers:       2 (2 new)\n', r.stdout)
        self.assertIn('Net revenue:     1030.75\n', r.stdout)
        self.assertIn('No problems', self.cli_ok('problems', project).stdout)

        # With a byte order mark and CRLF; the line names the delimiter the header shares
        # with a semicolon.
        data = self.path('excel-comma.csv')
        with open(data, 'wb') as f:
            f.write('\ufeffsep=,\r\ncustomer;id,date,amount\r\nX,2024-01-01,1.00\r\n'
                    'Y,2024-01-02,2.00\r\n'.encode('utf-8'))
        r = self.cli_ok('import', self.path('q.segments'), '--transactions', data,
                        '--map', 'customer=customer;id')
        self.assertIn('Accepted:        2\n', r.stdout)

    def test_mixed_encoding_keeps_customers(self):
        first, second = self.path('first.csv'), self.path('second.csv')
        with open(first, 'w', encoding='utf-8') as f:
            f.write('customer,date,amount\nMüller,2024-01-05,10.00\nBerg,2024-01-06,5.00\n')
        with open(second, 'wb') as f:
            f.write('customer,date,amount\nMüller,2024-02-05,7.00\n'.encode('utf-8') +
                    'Café,2024-02-06,3.00\n'.encode('cp1252') +
                    'Schäfer,2024-02-07,1.00\nMüller,2024-02-08,2.00\n'.encode('utf-8'))
        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', first)
        r = self.cli_ok('import', project, '--transactions', second)
        self.assertIn('Rejected:        1\n', r.stdout)
        self.assertIn('Customers:       2 (1 new)\n', r.stdout)
        self.assertEqual(self.show_json(project)['customers'], 3)
        text = self.cli_ok('problems', project).stdout
        self.assertIn('second.csv:3: rejected:', text)
        self.assertIn('Café', text)
        self.assertIn('customer', text)
        self.assertNotIn('MÃ¼ller', text)

    def test_control_characters_escaped(self):
        data = self.path('orders.csv')
        evil = '\x1b]0;owned\x07\x1b[2J'
        with open(data, 'w', encoding='utf-8') as f:
            f.write(f'customer,date,amount\nC1,2024-01-05,10.00\nC2,{evil},5.00\n'
                    f'C3,2024-01-07,\x9b31m\n')
        project = self.path('p.segments')
        r = self.cli_ok('import', project, '--transactions', data)
        self.assertIn('Rejected:        2\n', r.stdout)
        for out in (r.stdout, self.cli_ok('problems', project).stdout):
            for c in ('\x1b', '\x07', '\x9b'):
                self.assertNotIn(c, out)
            self.assertIn('\\x1B]0;owned\\x07\\x1B[2J', out)
            self.assertIn('\\x9B31m', out)
        # Files keep the text as it was.
        out = self.path('problems.csv')
        self.cli_ok('problems', project, '--csv', out)
        with open(out, newline='', encoding='utf-8') as f:
            raws = [row[5] for row in csv.reader(f)]
        self.assertIn(f'C2,{evil},5.00', raws)


# -------------------------------------------------------------------------------------------
# Against the reference: scikit-learn on the same features

@unittest.skipUnless(HAVE_SKLEARN, 'needs numpy and scikit-learn (python3-sklearn)')
class ReferenceTests(CliTestCase):
    N_CUSTOMERS = 20000

    def test_matches_sklearn(self):
        gen = '/work/shared/bench/gen_transactions.py'
        orders = self.path('transactions.csv')
        if os.path.isfile(gen):
            subprocess.run([sys.executable, gen, str(self.N_CUSTOMERS), self.dir], check=True,
                           stderr=subprocess.DEVNULL)
        else:
            write_orders(orders, self.N_CUSTOMERS, seed=61)
        log = OrderLog.read(orders)
        rfm = log.rfm()
        ids = sorted(rfm)
        raw = numpy.array([rfm[c] for c in ids], dtype=float)
        X = numpy.log1p(raw)
        X = (X - X.mean(0)) / X.std(0)

        project = self.path('p.segments')
        self.cli_ok('import', project, '--transactions', orders)
        self.cli_ok('segment', project, '--k', '5', '--outliers', 'off')
        js = self.show_json(project)
        self.check_run(js, log, k=5)

        export = self.path('a.csv')
        self.cli_ok('export', project, '--assignments', export)
        label_of = {row[0]: int(row[1]) for row in self.read_export(export)}
        self.assertEqual(len(label_of), len(ids))
        labels = numpy.array([label_of[c] for c in ids])
        for s in js['segments']:
            self.assertEqual(int((labels == s['id']).sum()), s['size'])

        # Our inertia, recomputed from our labels: the tool reports what it found.
        ours = sum(((X[labels == j] - X[labels == j].mean(0)) ** 2).sum()
                   for j in numpy.unique(labels))
        self.assertAlmostEqual(js['inertia'], ours, delta=1e-6 * ours)

        km = KMeans(n_clusters=5, n_init=10, init='k-means++', random_state=0).fit(X)
        # Within 0.5% of scikit-learn; a lower inertia is a better clustering, not an error
        # (the recomputation above rules out an under-reported one).
        self.assertLessEqual(js['inertia'], km.inertia_ * 1.005,
                             f'inertia {js["inertia"]:.4f} vs scikit-learn {km.inertia_:.4f}')

        sil = silhouette_score(X, labels)
        self.assertAlmostEqual(js['silhouette'], sil, delta=1e-4,
                               msg=f'silhouette {js["silhouette"]:.6f} vs scikit-learn {sil:.6f}')
        sys.stderr.write(f'\n  inertia {js["inertia"]:.4f} (scikit-learn {km.inertia_:.4f}), '
                         f'silhouette {js["silhouette"]:.5f} (scikit-learn on our labels '
                         f'{sil:.5f}) ')


def main():
    global CLI, SOURCE_ROOT
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    CLI = os.path.abspath(sys.argv[1])
    SOURCE_ROOT = os.path.abspath(sys.argv[2])
    # The messages checked here are the untranslated ones.
    os.environ['LC_ALL'] = 'C.UTF-8'
    os.environ.pop('LANGUAGE', None)
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == '__main__':
    main()
