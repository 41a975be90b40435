#!/usr/bin/python3
# test-pg-orders.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Suite pg (issue 22): orders counted by the client from the server's order hashes.

usage: test-pg-orders.py SEGMENTS_CLI [unittest options]

The pull sends, per purchase day, the 64-bit hashes of the day's purchase rows' order ids,
and the client counts each customer's orders and recent orders from them (sc-pg-days.c).
For several seeded datasets whose orders span several days (some across the first day of
the 90 recent days), hold lines of returns or only returns, share their id with another
customer's order, and number up to 60 for one customer: the stored order counts of an
import from PostgreSQL are those of the same rows imported from CSV, byte for byte,
`show --json` agrees, and so do a snapshot's recent orders and revenue per segment; pulls
in 1, 2 and 3 sessions store the same bytes in every column.  Skipped (77) without the
server build-aux/test starts.
"""

import datetime
import importlib.util
import json
import os
import random
import sqlite3


def load(name, path):
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(os.path.dirname(os.path.abspath(__file__)), path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pg = load('pg_common', 'test-pg.py')
HEADER, MAP = pg.ORDERS_HEADER, pg.ORDERS_MAP


def generate(seed, n_customers):
    """Orders of 1 to 4 lines over up to 3 days, near the last 90 days too."""
    rng = random.Random(seed * 7919 + 1)
    lines = []
    oid = 0
    shared = []
    for c in range(n_customers):
        many = rng.random() < 0.05
        n_orders = rng.randint(25, 60) if many else rng.randint(1, 6)
        consent = rng.choice(['yes', 'no', ''])
        for _ in range(n_orders):
            if shared and rng.random() < 0.08:
                name = rng.choice(shared)          # another customer's order id
            else:
                oid += 1
                name = 'O%d' % oid
                if rng.random() < 0.1:
                    shared.append(name)
            start = rng.choice([rng.randint(0, 729), rng.randint(620, 729)])
            only_returns = rng.random() < 0.05
            for _ in range(rng.randint(1, 4)):
                day = min(729, start + rng.choice([0, 0, 1, rng.randint(2, 40)]))
                qty = rng.randint(1, 4)
                if only_returns or rng.random() < 0.1:
                    qty = -qty
                price = round(rng.uniform(2, 80), 2)
                lines.append((name, 'C%05d' % c, pg.START + datetime.timedelta(days=day),
                              qty, price, round(qty * price, 2), consent))
    return lines, []


def columns(project):
    with sqlite3.connect(project) as db:
        return dict(db.execute('SELECT name, data FROM columns'))


def recent_figures(project):
    with sqlite3.connect(project) as db:
        return [list(r) for r in db.execute(
            'SELECT position, size, recent_orders, recent_revenue FROM snapshot_segments '
            'ORDER BY snapshot, position')]


class PgOrdersTest(pg.PgCliCase):
    def pg_import(self, table, project, sessions):
        old = os.environ.get('SEGMENTS_PG_CONNECTIONS')
        os.environ['SEGMENTS_PG_CONNECTIONS'] = str(sessions)
        try:
            self.cli('import', project, '--pg', pg.conninfo(), '--orders-table', table, *MAP)
        finally:
            if old is None:
                del os.environ['SEGMENTS_PG_CONNECTIONS']
            else:
                os.environ['SEGMENTS_PG_CONNECTIONS'] = old

    def test_orders_as_by_file(self):
        for seed in (5, 23):
            with self.subTest(seed=seed):
                lines, _ = generate(seed, 400)
                lines.sort(key=lambda l: l[1])
                orders = self.path('orders-%d.csv' % seed)
                pg.write_csv(orders, HEADER, lines)
                table = 'lines_%d' % seed
                pg.psql('CREATE TABLE %s (order_id text, customer_id text, order_date date, '
                        'quantity int, unit_price numeric(10,2), amount numeric(12,2), '
                        'consent text)' % table)
                pg.psql("\\copy %s FROM '%s' CSV HEADER" % (table, orders))

                a = self.path('csv-orders-%d.segments' % seed)
                self.cli('import', a, '--transactions', orders, *MAP)
                by_db = []
                for sessions in (1, 2, 3):
                    b = self.path('pg-orders-%d-%d.segments' % (seed, sessions))
                    self.pg_import(table, b, sessions)
                    by_db.append(columns(b))
                by_file = columns(a)
                self.assertIn('n_orders', by_db[0])
                self.assertEqual(by_file['n_orders'], by_db[0]['n_orders'])
                self.assertEqual(by_db[0], by_db[1])
                self.assertEqual(by_db[0], by_db[2])
                # The recent orders reach the segments' figures through a snapshot.
                for p in (a, b):
                    self.cli('segment', p, '--seed', '7')
                    self.cli('snapshot', p)
                ok, where = pg.close(json.loads(self.cli('show', a, '--json')),
                                     json.loads(self.cli('show', b, '--json')))
                self.assertTrue(ok, 'seed %d: show --json differs at %s' % (seed, where))
                recent = [recent_figures(p) for p in (a, b)]
                self.assertTrue(any(r[2] > 0 for r in recent[0]))
                ok, where = pg.close(recent[0], recent[1])
                self.assertTrue(ok, 'seed %d: recent figures differ at %s' % (seed, where))


if __name__ == '__main__':
    pg.main()
