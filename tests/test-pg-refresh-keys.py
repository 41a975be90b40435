#!/usr/bin/python3
# test-pg-refresh-keys.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Suite pg (issue 22): a refresh finds its customers by their keys, whichever way it takes.

usage: test-pg-refresh-keys.py SEGMENTS_CLI [unittest options]

A refresh that finds the project's customers again, in the same order, keeps their ids
without an interner (sc-pg-import.c compares a print of the stored keys with the pull's).
A refresh whose customers differ must not take that way even when the count and the
length of the keys are the same.  For several seeded datasets: import from the database,
segment, refresh unchanged (the customers and every exported row stay as they are); then one
customer's orders move to a key of the same length that sorts elsewhere (the first, the
middle or the last place) and the table is refreshed: the project gains exactly that
customer, who has the figures and segment the old key had, every other customer keeps
theirs, and the old key has no orders left.  Skipped (77) without the server
build-aux/test starts.
"""

import importlib.util
import json
import os
import random

_spec = importlib.util.spec_from_file_location(
    'pg_common', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-pg.py'))
pg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pg)

HEADER, MAP = pg.ORDERS_HEADER, pg.ORDERS_MAP
COLUMNS = ('order_id text, customer_id text, order_date date, quantity int, '
           'unit_price numeric(10,2), amount numeric(12,2), consent text')


class PgRefreshKeysTest(pg.PgCliCase):
    def rows(self, project, name):
        """Per customer: segment, its settings and the customer's own recency, frequency and
        spend (the scores after them rank customers among all, ties by id)."""
        out = self.path(name)
        self.cli('export', project, '--assignments', out)
        with open(out, encoding='utf-8') as f:
            lines = [l.split(',') for l in f.read().splitlines()]
        self.assertEqual(lines[0][7:10], ['recency', 'frequency', 'monetary'])
        return lines[0][:10], {l[0]: l[1:10] for l in lines[1:]}

    def check_seed(self, seed):
        rng = random.Random(seed)
        lines, _ = pg.generate(seed, rng.randint(200, 500))
        keys = sorted({l[1] for l in lines})
        table = 'orders_keys_%d' % seed
        csv = self.path('orders-%d.csv' % seed)
        pg.write_csv(csv, HEADER, lines)
        pg.psql('CREATE TABLE %s (%s)' % (table, COLUMNS))
        pg.psql("\\copy %s FROM '%s' CSV HEADER" % (table, csv))
        p = self.path('keys-%d.segments' % seed)
        for args in (['import', p, '--pg', pg.conninfo(), '--orders-table', table] + MAP,
                     ['segment', p, '--seed', '7']):
            self.cli(*args)

        # Unchanged: the same customers, the same rows, twice.
        self.cli('refresh', p)
        shown = json.loads(self.cli('show', p, '--json'))
        header, first = self.rows(p, 'first-%d.csv' % seed)
        self.cli('refresh', p)
        self.assertEqual(json.loads(self.cli('show', p, '--json'))['customers'],
                         shown['customers'])
        self.assertEqual(self.rows(p, 'again-%d.csv' % seed), (header, first))

        # One customer's orders under another key of the same length: same count, same bytes.
        old = rng.choice(keys)
        new = rng.choice(['A%s' % old[1:], 'C%s~' % old[1:-1], 'Z%s' % old[1:]])
        self.assertEqual(len(new), len(old))
        self.assertNotIn(new, keys)
        pg.psql("UPDATE %s SET customer_id = '%s' WHERE customer_id = '%s'" % (table, new, old))
        self.cli('refresh', p)
        after = json.loads(self.cli('show', p, '--json'))
        self.assertEqual(after['customers'], shown['customers'] + 1,
                         'seed %d: %s → %s' % (seed, old, new))
        self.assertEqual(after['transactions'], shown['transactions'])
        header2, moved = self.rows(p, 'moved-%d.csv' % seed)
        self.assertEqual(header2, header)
        self.assertNotIn(old, moved)
        # Exported when the customer may be contacted: the consent moved with the orders.
        self.assertEqual(new in moved, old in first)
        if old in first:
            self.assertEqual(moved.pop(new), first.pop(old), 'seed %d: %s' % (seed, new))
        self.assertEqual(moved, first, 'seed %d: the other customers changed' % seed)

    def test_keys(self):
        for seed in (3, 11, 29, 47):
            with self.subTest(seed=seed):
                self.check_seed(seed)


if __name__ == '__main__':
    pg.main()
