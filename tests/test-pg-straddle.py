#!/usr/bin/python3
# test-pg-straddle.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Suite pg (issue 22): orders that straddle the cut, added from a file or refreshed.

usage: test-pg-straddle.py SEGMENTS_CLI [unittest options]

Lines with the same order id count as one order (help/C/import-data.page, "Order lines"),
whichever file or day they come from.  For several seeded datasets whose orders span several
days, the rows are cut at a day so that some orders have lines on both sides, and go three
ways: all of them in one CSV file (the reference); the earlier part from CSV, segmented, the
later file added and assigned; the earlier part from PostgreSQL, segmented, the later rows
inserted and refreshed.  The stored order counts of both ways are those of the one file, byte
for byte, and their drift (`drift --json`: sizes, revenue, recent revenue and orders, churn,
migration, flags) agrees.  Skipped (77) without the server build-aux/test starts.
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
orders = load('pg_orders', 'test-pg-orders.py')
HEADER, MAP = pg.ORDERS_HEADER, pg.ORDERS_MAP
# Labels, ids and times name the snapshots, not the figures.
SIDE_KEYS = ('id', 'label', 'created_at')


def figures(drift):
    for side in ('from', 'to'):
        for k in SIDE_KEYS:
            drift.get(side, {}).pop(k, None)
    return drift


def n_orders(project):
    with sqlite3.connect(project) as db:
        return db.execute("SELECT data FROM columns WHERE name = 'n_orders'").fetchone()[0]


class PgStraddleTest(pg.PgCliCase):
    def check_seed(self, seed):
        rng = random.Random(seed)
        lines, _ = orders.generate(seed, rng.randint(150, 400))
        last = max(l[2] for l in lines)
        cut = last - datetime.timedelta(days=rng.choice([5, 20, 60, 200]))
        early = sorted((l for l in lines if l[2] <= cut), key=lambda l: l[1])
        late = sorted((l for l in lines if l[2] > cut), key=lambda l: l[1])
        # Orders with a purchase line on each side of the cut: the case under test.
        before = {(l[0], l[1]) for l in early if l[3] > 0}
        straddling = {(l[0], l[1]) for l in late if l[3] > 0} & before
        self.assertTrue(early and late and straddling)

        whole_csv = self.path('whole-%d.csv' % seed)
        early_csv, late_csv = self.path('early-%d.csv' % seed), self.path('late-%d.csv' % seed)
        # The earlier rows first: customers get their numbers in the same order all three ways.
        pg.write_csv(whole_csv, HEADER, early + late)
        pg.write_csv(early_csv, HEADER, early)
        pg.write_csv(late_csv, HEADER, late)

        whole = self.path('whole-%d.segments' % seed)
        self.cli('import', whole, '--transactions', whole_csv, *MAP)

        a = self.path('csv-%d.segments' % seed)
        self.cli('import', a, '--transactions', early_csv, *MAP)
        self.cli('segment', a, '--seed', '7')
        self.cli('import', a, '--transactions', late_csv, *MAP)
        self.cli('assign', a)
        by_file = json.loads(self.cli('drift', a, '--json'))

        table = 'straddle_%d' % seed
        pg.psql('CREATE TABLE %s (order_id text, customer_id text, order_date date, '
                'quantity int, unit_price numeric(10,2), amount numeric(12,2), consent text)'
                % table)
        pg.psql("\\copy %s FROM '%s' CSV HEADER" % (table, early_csv))
        b = self.path('pg-%d.segments' % seed)
        self.cli('import', b, '--pg', pg.conninfo(), '--orders-table', table, *MAP)
        self.cli('segment', b, '--seed', '7')
        pg.psql("\\copy %s FROM '%s' CSV HEADER" % (table, late_csv))
        self.cli('refresh', b)
        by_db = json.loads(self.cli('drift', b, '--json'))

        self.assertEqual(by_file['to']['as_of'], by_db['to']['as_of'])
        ok, where = pg.close(figures(by_file), figures(by_db))
        self.assertTrue(ok, 'seed %d: drift --json differs at %s' % (seed, where))
        self.assertEqual(n_orders(whole), n_orders(b),
                         'seed %d: the refresh counts orders unlike one file' % seed)
        self.assertEqual(n_orders(whole), n_orders(a),
                         'seed %d: adding the later file counts orders unlike one file' % seed)

    def test_straddling_orders(self):
        for seed in (2, 11, 29, 47):
            with self.subTest(seed=seed):
                self.check_seed(seed)


if __name__ == '__main__':
    pg.main()
