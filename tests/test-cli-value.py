#!/usr/bin/python3
# test-cli-value.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of `segments-cli clv`: values as of today, the holdout check beside the
model, purchases counted by order day whatever their net amount, and the value-only fallback
when the data cannot support a potential.

usage: test-cli-value.py SEGMENTS_CLI SOURCE_ROOT [unittest options]

Expected figures are computed here from the CSV files, independently of the tool.
"""

import csv
import datetime
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import unittest

CLI = None
START = datetime.date(2023, 1, 1)


def run_cli(*args):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=300)


def write_orders(path, n_customers, seed, free_only=0, span_days=720):
    """Buy-till-you-die customers acquired over the first year: Poisson purchases with a
    drop-out chance after each, log-normal order values; some orders are free (0.00) and
    some returns come back on a later day.  The first @free_only customers only ever get
    free orders.  Returns the rows as (order_id, customer, day, amount)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n_customers):
        cust = f'C{i:05d}'
        rate = rng.gammavariate(0.6, 1.0 / 20.0)       # purchases per day
        drop = rng.betavariate(0.8, 3.0)
        scale = rng.lognormvariate(3.5, 0.6)
        day = rng.randint(0, 365)
        while day < span_days:
            free = i < free_only or rng.random() < 0.03
            amount = 0.0 if free else round(max(1.0, rng.lognormvariate(math.log(scale), 0.4)), 2)
            rows.append((cust, day, amount))
            if amount > 0 and rng.random() < 0.05 and day + 3 < span_days:
                rows.append((cust, day + 3, -amount))
            if rng.random() < drop:
                break
            day += 1 + int(rng.expovariate(rate))
    rows.sort(key=lambda r: (r[1], r[0]))
    out = []
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['order_id', 'customer_id', 'order_date', 'amount'])
        for k, (cust, day, amount) in enumerate(rows):
            date = START + datetime.timedelta(days=day)
            w.writerow([f'O{k:07d}', cust, date.isoformat(), f'{amount:.2f}'])
            out.append((f'O{k:07d}', cust, date, amount))
    return out


def order_days(rows, after=None, until=None):
    """Per customer, the days with an order (a row that is not a return) in (after, until]."""
    days = {}
    for _, cust, day, amount in rows:
        if amount < 0 or (after is not None and day <= after) or (until is not None and day > until):
            continue
        days.setdefault(cust, set()).add(day)
    return days


class ClvTests(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix='segments-cli-value-')
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def ok(self, *args):
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, f'segments-cli {" ".join(map(str, args))}:\n{r.stderr}')
        self.assertNotIn('CRITICAL', r.stderr)
        return r

    def project(self, name, rows_path):
        project = self.path(name)
        self.ok('import', project, '--transactions', rows_path)
        self.ok('segment', project, '--k', '3')
        return project

    def export(self, project, name):
        out = self.path(name)
        self.ok('export', project, '--assignments', out)
        with open(out, newline='', encoding='utf-8') as f:
            return {row['customer_id']: row for row in csv.DictReader(f)}

    def test_until_never_replaces_the_model(self):
        orders = self.path('orders.csv')
        rows = write_orders(orders, 2500, seed=15, free_only=25)
        last = max(r[2] for r in rows)
        calibration_end = START + datetime.timedelta(days=540)

        a = self.project('a.segments', orders)
        b = self.project('b.segments', orders)
        checked = json.loads(self.ok('clv', a, '--until', calibration_end, '--json').stdout)
        plain = json.loads(self.ok('clv', b, '--json').stdout)

        # The model and its predictions are those of all the data, as of the last day.
        self.assertEqual(checked['as_of'], last.isoformat())
        self.assertEqual(checked['bgnbd'], plain['bgnbd'])
        self.assertEqual(checked['gamma_gamma'], plain['gamma_gamma'])
        self.assertIsNone(plain['holdout'])
        self.assertTrue(checked['potential'])
        exported_a = self.export(a, 'a.csv')
        exported_b = self.export(b, 'b.csv')
        self.assertEqual(set(exported_a), set(exported_b))
        for cust, row in exported_a.items():
            self.assertEqual(row['p_alive'], exported_b[cust]['p_alive'], cust)
            self.assertEqual(row['clv'], exported_b[cust]['clv'], cust)
            self.assertNotEqual(row['p_alive'], '', cust)
        self.assertEqual(self.ok('show', a, '--json').stdout, self.ok('show', b, '--json').stdout)

        # The holdout check sits beside it: the conditional-expectations table.
        h = checked['holdout']
        self.assertIsNotNone(h)
        self.assertIsNone(checked['holdout_note'])
        self.assertEqual(h['calibration_end'], calibration_end.isoformat())
        self.assertEqual(h['end'], last.isoformat())
        self.assertNotEqual(h['bgnbd'], checked['bgnbd'])
        groups = h['groups']
        self.assertEqual([g['x'] for g in groups], list(range(8)))
        self.assertEqual([g['or_more'] for g in groups], [False] * 7 + [True])

        # Independently: who bought by the calibration end, how often before, how often after.
        before = order_days(rows, until=calibration_end)
        after = order_days(rows, after=calibration_end)
        self.assertEqual(h['customers'], len(before))
        self.assertEqual(sum(g['customers'] for g in groups), h['customers'])
        for g in groups:
            members = [c for c, d in before.items()
                       if (len(d) - 1 >= g['x'] if g['or_more'] else len(d) - 1 == g['x'])]
            self.assertEqual(g['customers'], len(members), g)
            if members:
                actual = sum(len(after.get(c, ())) for c in members) / len(members)
                self.assertAlmostEqual(g['actual'], actual, delta=1e-9, msg=g)
                self.assertGreaterEqual(g['predicted'], 0)
        total_actual = sum(len(after.get(c, ())) for c in before)
        self.assertEqual(h['actual'], total_actual)
        self.assertAlmostEqual(h['predicted'],
                               sum(g['customers'] * g['predicted'] for g in groups if g['customers']),
                               delta=1e-6 * h['predicted'])
        self.assertAlmostEqual(h['total_ratio'], h['predicted'] / h['actual'], delta=1e-9)
        # A sound model on data it describes: the totals agree within a third.
        self.assertLess(abs(h['total_ratio'] - 1), 0.33)

        # The text output shows the same table, with the totals.
        text = self.ok('clv', a, '--until', calibration_end).stdout
        self.assertIn('Holdout check (the model above is unchanged)', text)
        self.assertIn(f'up to {calibration_end.isoformat()}', text)
        self.assertIn('7+', text)
        self.assertIn(f'{h["customers"]:10d}', text)

        # Free orders are purchases: customers with only free orders have a P(alive).
        free_alive = []
        for i in range(25):
            row = exported_a[f'C{i:05d}']
            self.assertNotEqual(row['p_alive'], '')
            self.assertNotEqual(row['clv'], '')
            free_alive.append(float(row['p_alive']))
            self.assertTrue(0 <= free_alive[-1] <= 1)
        self.assertGreater(max(free_alive), 0.5, 'recent free-order customers are alive')

    def test_until_after_the_data_makes_no_check(self):
        orders = self.path('orders.csv')
        rows = write_orders(orders, 600, seed=3)
        project = self.project('p.segments', orders)
        last = max(r[2] for r in rows)
        js = json.loads(self.ok('clv', project, '--until', last, '--json').stdout)
        self.assertIsNone(js['holdout'])
        self.assertEqual(js['as_of'], last.isoformat())

    def test_tiny_data_has_value_only(self):
        orders = self.path('tiny.csv')
        rows = write_orders(orders, 11, seed=7, span_days=400)
        project = self.project('tiny.segments', orders)
        js = json.loads(self.ok('clv', project, '--json').stdout)
        self.assertFalse(js['potential'])
        self.assertIn('Only 11 customers', js['potential_note'])
        self.assertIsNone(js['bgnbd'])
        text = self.ok('clv', project).stdout
        self.assertIn('Not enough data to estimate potential', text)
        self.assertIn('value only', text)
        self.assertNotIn('r = ', text)

        # Segments keep their current value; potential and quadrant stay empty.
        show = json.loads(self.ok('show', project, '--json').stdout)
        for s in show['segments']:
            self.assertIsNotNone(s['value'])
            self.assertIsNone(s['potential'])
            self.assertIsNone(s['p_alive'])
        exported = self.export(project, 'tiny.csv')
        self.assertTrue(all(row['p_alive'] == '' and row['clv'] == ''
                            for row in exported.values()))
        # The grid still draws (by value only; test-value-today.c checks the layout).
        self.ok('chart', project, '--kind', 'grid', '--output', self.path('grid.png'))
        self.assertGreater(os.path.getsize(self.path('grid.png')), 0)


def main():
    global CLI
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    CLI = os.path.abspath(sys.argv[1])
    os.environ['LC_ALL'] = 'C.UTF-8'
    os.environ.pop('LANGUAGE', None)
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == '__main__':
    main()
