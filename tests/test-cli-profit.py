#!/usr/bin/python3
# test-cli-profit.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of profitability (issue 18): a cost column, a unit cost times the
quantity, a margin column and a project-wide margin; lines without a cost are counted and
reported, never read as zero; negative margins make customers unprofitable; `show --json`
segments carry profit and profit_share; the value basis.  Every figure is computed again
here from the generated files.

usage: test-cli-profit.py SEGMENTS_CLI [unittest options]
"""

import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

CLI = None
END = datetime.date(2025, 6, 30)


def run_cli(*args):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=600)


def write_orders(path, seed, kind, n_customers=120, missing=0.1):
    """Orders with a cost of some kind; returns {customer: [(amount, cost or None)]}."""
    rng = random.Random(seed)
    lines = {}
    header = {'cost': 'order_id,customer_id,order_date,amount,cost',
              'unit': 'order_id,customer_id,order_date,amount,quantity,unit_cost',
              'margin': 'order_id,customer_id,order_date,amount,margin_percent',
              'none': 'order_id,customer_id,order_date,amount'}[kind]
    with open(path, 'w', encoding='utf-8') as f:
        f.write(header + '\n')
        oid = 0
        for c in range(n_customers):
            for _ in range(rng.randint(1, 6)):
                day = END - datetime.timedelta(days=rng.randint(0, 600))
                amount = round(rng.uniform(5, 400), 2)
                cost = None
                extra = ''
                known = rng.random() >= missing
                if kind == 'cost':
                    if known:
                        cost = round(amount * rng.uniform(0.3, 1.3), 2)
                    extra = ',' + ('' if cost is None else f'{cost}')
                elif kind == 'unit':
                    qty = rng.randint(1, 5)
                    unit = round(amount / qty * rng.uniform(0.3, 1.2), 2)
                    if known:
                        cost = unit * qty
                    extra = f',{qty},' + (f'{unit}' if known else 'n/a')
                elif kind == 'margin':
                    m = rng.choice([-20, 0, 15, 35.5, 60])
                    if known:
                        cost = amount * (1 - m / 100)
                    extra = ',' + (f'{m}' if known else '')
                f.write(f'O{oid},C{c},{day.isoformat()},{amount}{extra}\n')
                lines.setdefault(f'C{c}', []).append((amount, cost))
                oid += 1
    return lines


def expected(lines, margin=None):
    """Profit per customer (None: unknown) and the counts, as the issue defines them."""
    profit, unknown_lines, unknown_revenue = {}, 0, 0.0
    for c, rows in lines.items():
        p, some = 0.0, False
        for amount, cost in rows:
            if cost is not None:
                p += amount - cost
                some = True
            elif margin is not None:
                p += amount * margin / 100
                some = True
            else:
                unknown_lines += 1
                unknown_revenue += amount
        profit[c] = p if some else None
    return profit, unknown_lines, unknown_revenue


class ProfitTestCase(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def project(self, kind, seed=1, margin_arg=None, **kw):
        orders = os.path.join(self.dir, f'orders-{kind}-{seed}.csv')
        lines = write_orders(orders, seed, kind, **kw)
        project = os.path.join(self.dir, f'{kind}-{seed}.segments')
        args = ['import', project, '--transactions', orders]
        if kind == 'unit':
            args += ['--map', 'cost=unit_cost', '--map', 'quantity=quantity']
        if margin_arg is not None:
            args += ['--margin', margin_arg]
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return project, lines

    def profit_json(self, project):
        r = run_cli('profit', project, '--json')
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def check(self, got, lines, margin=None):
        profit, unknown_lines, unknown_revenue = expected(lines, margin)
        known = [p for p in profit.values() if p is not None]
        self.assertTrue(got['known'])
        self.assertAlmostEqual(got['profit'], sum(known), places=4)
        self.assertEqual(got['lines_without_cost'], unknown_lines)
        self.assertAlmostEqual(got['revenue_without_cost'], unknown_revenue, places=4)
        self.assertEqual(got['customers_with_profit'], len(known))
        self.assertEqual(got['customers_without_profit'],
                         sum(1 for p in profit.values() if p is None))
        self.assertEqual(got['unprofitable_customers'], sum(1 for p in known if p < 0))
        self.assertAlmostEqual(got['unprofitable_loss'], -sum(p for p in known if p < 0),
                               places=4)

    def test_cost_kinds(self):
        for kind in ('cost', 'unit', 'margin'):
            for seed in (1, 2, 3):
                with self.subTest(kind=kind, seed=seed):
                    project, lines = self.project(kind, seed)
                    self.check(self.profit_json(project), lines)

    def test_category_margins(self):
        # Margins by a product-category column: a listed category costs its lines, case and
        # blanks ignored; an unlisted category leaves its lines without a cost (counted).
        margins = {'Books': 30.0, 'Toys': 52.5, 'Garden': -10.0}
        for seed in (1, 2, 3):
            rng = random.Random(seed)
            path = os.path.join(self.dir, f'categories-{seed}.csv')
            lines = {}
            with open(path, 'w', encoding='utf-8') as f:
                f.write('order_id,customer_id,order_date,amount,Product Category\n')
                for i in range(400):
                    c = f'C{rng.randint(0, 80)}'
                    day = END - datetime.timedelta(days=rng.randint(0, 600))
                    amount = round(rng.uniform(5, 400), 2)
                    cat = rng.choice(['Books', 'books ', 'TOYS', 'Garden', 'Games'])
                    m = margins.get(cat.strip().capitalize())
                    cost = None if m is None else amount * (1 - m / 100)
                    f.write(f'O{i},{c},{day.isoformat()},{amount},{cat}\n')
                    lines.setdefault(c, []).append((amount, cost))
            project = os.path.join(self.dir, f'categories-{seed}.segments')
            args = ['import', project, '--transactions', path,
                    '--margin-by', 'product category']
            for name, m in margins.items():
                args += ['--category-margin', f'{name.lower()}={m}']
            r = run_cli(*args)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.check(self.profit_json(project), lines)

        # Errors say what to write; nothing is imported.
        bad = os.path.join(self.dir, 'bad.segments')
        for args, words in ((['--margin-by', 'Shelf', '--category-margin', 'Books=30'],
                             'has no column “Shelf”'),
                            (['--margin-by', 'Product Category', '--category-margin', 'Books'],
                             'CATEGORY=PERCENT'),
                            (['--margin-by', 'Product Category', '--category-margin',
                              'Books=130'], 'CATEGORY=PERCENT'),
                            (['--margin-by', 'Product Category'], 'go together')):
            r = run_cli('import', bad, '--transactions', path, *args)
            self.assertNotEqual(r.returncode, 0, args)
            self.assertIn(words, r.stderr, args)
            self.assertFalse(os.path.exists(bad) and
                             json.loads(run_cli('show', bad, '--json').stdout)['customers'] > 0)

    def test_missing_cost_is_counted_not_zero(self):
        # all lines of some customers have no cost: they have no profit, not a profit of 0
        project, lines = self.project('cost', seed=5, missing=0.6)
        got = self.profit_json(project)
        self.check(got, lines)
        self.assertGreater(got['customers_without_profit'], 0)
        self.assertGreater(got['lines_without_cost'], 0)
        text = run_cli('profit', project).stdout
        self.assertIn(f"{got['lines_without_cost']} order lines", text)
        self.assertIn('have no cost and are left out of profit', text)

    def test_project_margin_fills_missing_costs(self):
        project, lines = self.project('cost', seed=6, missing=0.3, margin_arg='25')
        got = self.profit_json(project)
        self.assertEqual(got['margin_percent'], 25)
        self.check(got, lines, margin=25)
        self.assertEqual(got['lines_without_cost'], 0)
        # changed afterwards, in one command, and removed again
        self.assertEqual(run_cli('profit', project, '--margin', '40').returncode, 0)
        self.check(self.profit_json(project), lines, margin=40)
        self.assertEqual(run_cli('profit', project, '--margin', 'none').returncode, 0)
        self.check(self.profit_json(project), lines)

    def test_negative_margin(self):
        project, lines = self.project('none', seed=7, margin_arg='-10')
        got = self.profit_json(project)
        self.check(got, lines, margin=-10)
        self.assertEqual(got['unprofitable_customers'], len(lines))
        self.assertEqual(got['negative_margin_lines'], sum(len(v) for v in lines.values()))
        self.assertIn('cost more to serve than they are worth', run_cli('profit', project).stdout)

    def test_bad_margins(self):
        project, _ = self.project('none', seed=8)
        for bad in ('101', 'lots', '-5000'):
            r = run_cli('profit', project, '--margin', bad)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn('--margin takes a percentage', r.stderr)
            r = run_cli('import', project, '--transactions', os.path.join(self.dir, 'x.csv'),
                        '--margin', bad)
            self.assertEqual(r.returncode, 2, r.stderr)
        # no cost at all: profit is unknown, and value cannot be measured in it
        self.assertFalse(self.profit_json(project)['known'])
        r = run_cli('profit', project, '--value-basis', 'profit')
        self.assertEqual(r.returncode, 1)
        self.assertIn('Profit is not known', r.stderr)
        r = run_cli('profit', project, '--value-basis', 'profit', '--margin', '10')
        self.assertEqual(r.returncode, 2)

    def test_show_json_segments(self):
        project, lines = self.project('cost', seed=9, n_customers=300)
        show = json.loads(run_cli('show', project, '--json').stdout)
        self.assertEqual(show['segments'], [])
        r = run_cli('segment', project, '--k', '3')
        self.assertEqual(r.returncode, 0, r.stderr)
        show = json.loads(run_cli('show', project, '--json').stdout)
        got = self.profit_json(project)
        total = sum(s['profit'] for s in show['segments'] if s['profit'] is not None)
        self.assertAlmostEqual(total, got['profit'], places=3)
        if got['profit'] > 0:
            self.assertAlmostEqual(sum(s['profit_share'] for s in show['segments']
                                       if s['profit_share'] is not None), 1.0, places=6)
        # without cost data the fields are absent
        plain, _ = self.project('none', seed=10, n_customers=300)
        self.assertEqual(run_cli('segment', plain, '--k', '3').returncode, 0)
        for s in json.loads(run_cli('show', plain, '--json').stdout)['segments']:
            self.assertNotIn('profit', s)

    def test_value_basis(self):
        project, _ = self.project('cost', seed=11, n_customers=400, missing=0)
        self.assertEqual(run_cli('segment', project, '--k', '3').returncode, 0)
        self.assertEqual(run_cli('clv', project).returncode, 0)
        before = json.loads(run_cli('show', project, '--json').stdout)
        r = run_cli('profit', project, '--value-basis', 'profit')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.profit_json(project)['value_basis'], 'profit')
        after = json.loads(run_cli('show', project, '--json').stdout)
        changed = [(a['value'], b['value']) for a, b in zip(before['segments'], after['segments'])
                   if a['value'] is not None]
        self.assertTrue(changed)
        # profit is below revenue here (costs are positive), so value falls
        for revenue_value, profit_value in changed:
            self.assertLess(profit_value, revenue_value)
        self.assertEqual(run_cli('profit', project, '--value-basis', 'revenue').returncode, 0)
        again = json.loads(run_cli('show', project, '--json').stdout)
        for a, b in zip(before['segments'], again['segments']):
            self.assertEqual(a['value'], b['value'])


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
