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

        a, b = self.drift_both_ways(seed, early_csv, late_csv, 'straddle_%d' % seed)
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
