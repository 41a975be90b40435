#!/usr/bin/python3
# test-pg-query.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Suite pg (issue 22): the shapes of order data the pushed-down query must sum as the file
import does, beyond the orders of test-pg.py (whose lines all fall on one day).

usage: test-pg-query.py SEGMENTS_CLI [unittest options]

Same server and environment as test-pg.py (skipped, 77, without one).  Seeded datasets
with orders whose positive lines fall on different days, returns of an order on a later
day, days with only returns, purchase days whose net is exactly zero (so the spend of the
repeat purchase days is zero and the value model must leave the customer out as the file
import does), customers with one purchase day, and consent that changes over time; each
imported from CSV and from PostgreSQL, with order ids and without, must give the same
show --json, clv --json and segment of every customer.
"""

import datetime
import importlib.util
import os
import random
import sys
import tempfile
import unittest

_spec = importlib.util.spec_from_file_location(
    'test_pg', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-pg.py'))
pg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pg)

START = datetime.date(2023, 1, 1)


def generate(seed, n_customers):
    """Rows (order_id, customer_id, order_date, amount, consent)."""
    rng = random.Random(seed)
    rows = []
    oid = 0
    for c in range(n_customers):
        cust = 'K%05d' % c
        day = rng.randint(0, 300)
        consent = rng.choice(['yes', 'no', ''])
        for _ in range(rng.choice([1, 1, 2, 3, 5, 8])):
            oid += 1
            order = 'Q%d' % oid
            amount = round(rng.uniform(3, 150), 2)
            shape = rng.random()
            rows.append((order, cust, day, amount, consent))
            if shape < 0.15:        # shipped in two parts on different days
                rows.append((order, cust, day + rng.randint(1, 9), round(rng.uniform(1, 40), 2),
                             consent))
            elif shape < 0.3:       # returned later under the same order id
                rows.append((order, cust, day + rng.randint(1, 30), -amount, consent))
            elif shape < 0.4:       # bought and returned the same day: the day nets to zero
                rows.append((order, cust, day, -amount, consent))
            elif shape < 0.45:      # a return alone on a day of its own
                oid += 1
                rows.append(('Q%d' % oid, cust, day + rng.randint(1, 5), -round(
                    rng.uniform(1, 30), 2), consent))
            day += rng.randint(1, 60)
            if rng.random() < 0.2:  # consent changes (never twice on one day)
                consent = rng.choice(['yes', 'no', ''])
    return [(o, c, START + datetime.timedelta(days=d), a, k) for o, c, d, a, k in rows]


class PgQueryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pg.psql('CREATE DATABASE %s' % pg.DB, db='postgres')
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        pg.PgTest.tearDownClass.__func__(cls)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def check(self, seed, with_orders):
        rows = generate(seed, 400)
        header = ['order_id', 'customer_id', 'order_date', 'amount', 'consent']
        cols = header if with_orders else header[1:]
        csv = self.path('orders-%d.csv' % seed)
        pg.write_csv(csv, cols, [r if with_orders else r[1:] for r in rows])
        table = 'rows_%d_%d' % (seed, with_orders)
        pg.psql('CREATE TABLE %s (order_id text, customer_id text, order_date date, '
                'amount numeric(12,2), consent text)' % table)
        pg.write_csv(self.path('all-%d.csv' % seed), header, rows)
        pg.psql("\\copy %s FROM '%s' CSV HEADER" % (table, self.path('all-%d.csv' % seed)))
        maps = ['--map', 'customer=customer_id', '--map', 'date=order_date', '--map',
                'amount=amount', '--map', 'consent=consent']
        if with_orders:
            maps += ['--map', 'order=order_id']
        a, b = self.path('csv-%s.segments' % table), self.path('pg-%s.segments' % table)
        r = pg.run_cli('import', a, '--transactions', csv, *maps)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = pg.run_cli('import', b, '--pg', pg.conninfo(), '--orders-query',
                       'SELECT %s FROM %s' % (', '.join(cols), table), *maps)
        self.assertEqual(r.returncode, 0, r.stderr)
        test = pg.PgTest()
        test.tmp = self.tmp
        ra, rb = test.analyse(a), test.analyse(b)
        self.assertEqual(ra[0]['transactions'], len(rows))
        test.assert_same(ra, rb)

    def test_shapes(self):
        for seed in range(3):
            for with_orders in (True, False):
                with self.subTest(seed=seed, orders=with_orders):
                    self.check(seed, with_orders)


if __name__ == '__main__':
    pg.CLI = sys.argv.pop(1)
    if not pg.HOST:
        print('SKIP: no PostgreSQL server: %s' % os.environ.get(
            'SEGMENTS_TEST_PG_UNAVAILABLE', 'SEGMENTS_TEST_PGHOST is not set (build-aux/test '
            'starts one)'))
        sys.exit(77)
    unittest.main()
