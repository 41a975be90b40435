#!/usr/bin/python3
# test-cli-audit.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of the data-quality audit (issue 18): `audit [--json]` on generated
orders and customer lists with planted problems — customers listed twice, listed customers
without orders, orders of unlisted customers, missing values, unknown consent, a re-import
that changes values, order lines without a cost — every figure computed again here.

usage: test-cli-audit.py SEGMENTS_CLI [unittest options]
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


class AuditTestCase(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def make(self, seed):
        rng = random.Random(seed)
        n = 300
        listed = {}           # key -> dict of values (first listing)
        duplicates = 0
        spend, lines, no_cost_lines, no_cost_rev = {}, {}, 0, 0.0
        orders = os.path.join(self.dir, f'orders-{seed}.csv')
        listing = os.path.join(self.dir, f'customers-{seed}.csv')
        with open(orders, 'w', encoding='utf-8') as o:
            o.write('order_id,customer_id,order_date,amount,cost\n')
            oid = 0
            for i in range(n):
                key = f'C{i}'
                if rng.random() < 0.1:
                    continue      # no orders
                for _ in range(rng.randint(1, 4)):
                    amount = round(rng.uniform(10, 900), 2)
                    day = END - datetime.timedelta(days=rng.randint(0, 400))
                    known = rng.random() > 0.15
                    cost = f'{amount * 0.6:.2f}' if known else ''
                    o.write(f'O{oid},{key},{day.isoformat()},{amount},{cost}\n')
                    spend[key] = spend.get(key, 0) + amount
                    lines[key] = lines.get(key, 0) + 1
                    if not known:
                        no_cost_lines += 1
                        no_cost_rev += amount
                    oid += 1
        with open(listing, 'w', encoding='utf-8') as c:
            c.write('customer_id,industry,employees,consent\n')
            for i in range(n):
                key = f'C{i}'
                if rng.random() < 0.08:
                    continue      # orders, if any, of an unlisted customer
                values = {'industry': rng.choice(['Retail', 'Energy', 'Health', '']),
                          'employees': rng.choice(['', str(rng.randint(1, 900))]),
                          'consent': rng.choice(['yes', 'no', ''])}
                listed[key] = values
                c.write(f'{key},{values["industry"]},{values["employees"]},{values["consent"]}\n')
                if rng.random() < 0.03:
                    duplicates += 1
                    c.write(f'{key},Mining,5,yes\n')
        return dict(orders=orders, listing=listing, listed=listed, duplicates=duplicates,
                    spend=spend, lines=lines, no_cost_lines=no_cost_lines,
                    no_cost_rev=no_cost_rev, n=n, rng=rng)

    def audit(self, project):
        r = run_cli('audit', project, '--json')
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def test_figures(self):
        for seed in (1, 2, 3):
            with self.subTest(seed=seed):
                d = self.make(seed)
                project = os.path.join(self.dir, f'p{seed}.segments')
                r = run_cli('import', project, '--transactions', d['orders'], '--customers',
                            d['listing'])
                self.assertEqual(r.returncode, 0, r.stderr)
                got = self.audit(project)
                listed, spend = d['listed'], d['spend']
                everyone = set(listed) | set(spend)
                self.assertEqual(got['customers'], len(everyone))
                self.assertEqual(got['duplicate_ids'], d['duplicates'])
                self.assertEqual(got['customers_without_orders'],
                                 sum(1 for k in listed if k not in spend))
                unlisted = [k for k in spend if k not in listed]
                self.assertEqual(got['unlisted_customers'], len(unlisted))
                self.assertEqual(got['orders_without_listed_customer'],
                                 sum(d['lines'][k] for k in unlisted))
                self.assertAlmostEqual(got['unlisted_revenue'], sum(spend[k] for k in unlisted),
                                       places=2)
                known = sum(1 for v in listed.values() if v['consent'] in ('yes', 'no'))
                self.assertAlmostEqual(got['consent_coverage'], known / len(everyone))
                self.assertGreaterEqual(got['consent_coverage'], 0)
                self.assertLessEqual(got['consent_coverage'], 1)
                columns = {(c['file'], c['name']): c for c in got['columns']}
                for name in ('industry', 'employees'):
                    missing = [k for k, v in listed.items() if v[name] == '']
                    col = columns[('customers', name)]
                    self.assertEqual(col['missing'], len(missing))
                    self.assertAlmostEqual(col['missing_share'], len(missing) / len(listed))
                    self.assertAlmostEqual(col['revenue'], sum(spend.get(k, 0) for k in missing),
                                           places=2)
                    self.assertEqual(col['distinct'],
                                     len({v[name] for v in listed.values() if v[name] != ''}))
                cost = columns[('orders', 'cost')]
                self.assertEqual(cost['missing'], d['no_cost_lines'])
                self.assertAlmostEqual(cost['revenue'], d['no_cost_rev'], places=2)
                self.assertAlmostEqual(cost['missing_share'],
                                       d['no_cost_lines'] / sum(d['lines'].values()))
                self.assertEqual(got['interactions'], False)
                # the problems come with the revenue they touch, the most first
                revenues = [p['revenue'] for p in got['problems'] if p['revenue'] is not None]
                self.assertEqual(revenues, sorted(revenues, reverse=True))
                keys = {p['key'] for p in got['problems']}
                self.assertIn('orders_without_listed_customer', keys)
                self.assertTrue(got['summary'].startswith('Data quality: '))
                self.assertIn(got['summary'].split(': ', 1)[1].split(';')[0].split(',')[0],
                              run_cli('audit', project).stdout)

    def test_conflicts_across_reimports(self):
        d = self.make(4)
        project = os.path.join(self.dir, 'c.segments')
        self.assertEqual(run_cli('import', project, '--transactions', d['orders'],
                                 '--customers', d['listing']).returncode, 0)
        self.assertEqual(self.audit(project)['conflicting_values'], 0)
        rng = random.Random(44)
        again = os.path.join(self.dir, 'customers-again.csv')
        changed = {}
        with open(again, 'w', encoding='utf-8') as f:
            f.write('customer_id,industry,employees,consent\n')
            for key, v in d['listed'].items():
                industry = v['industry']
                if industry and rng.random() < 0.2:
                    industry = 'Energy' if industry != 'Energy' else 'Retail'
                    changed[key] = industry
                f.write(f'{key},{industry},{v["employees"]},{v["consent"]}\n')
        self.assertEqual(run_cli('import', project, '--customers', again).returncode, 0)
        got = self.audit(project)
        self.assertEqual(got['conflicting_values'], len(changed))
        col = [c for c in got['columns'] if c['name'] == 'industry'][0]
        self.assertEqual(col['conflicts'], len(changed))
        problem = [p for p in got['problems'] if p['key'] == 'conflicting_values'][0]
        self.assertEqual(problem['customers'], len(changed))
        self.assertAlmostEqual(problem['revenue'], sum(d['spend'].get(k, 0) for k in changed),
                               places=2)

    def test_counts_written_as_numbers(self):
        """Counts in the problems' sentences (which the report quotes) are written as every
        other count is, with thousands separators, and agree with the JSON counts."""
        orders = os.path.join(self.dir, 'many.csv')
        rng = random.Random(5)
        no_cost = 0
        with open(orders, 'w', encoding='utf-8') as o:
            o.write('order_id,customer_id,order_date,amount,cost\n')
            for i in range(1500):
                cost = '' if rng.random() < 0.85 else '3.50'
                no_cost += cost == ''
                day = END - datetime.timedelta(days=rng.randint(0, 400))
                o.write(f'O{i},C{i % 1300},{day},{10 + i % 90}.25,{cost}\n')
        project = os.path.join(self.dir, 'many.segments')
        r = run_cli('import', project, '--transactions', orders)
        self.assertEqual(r.returncode, 0, r.stderr)
        got = self.audit(project)
        problems = {p['key']: p for p in got['problems']}
        lines = problems['lines_without_cost']
        self.assertEqual(lines['count'], no_cost)
        self.assertGreater(no_cost, 999)
        shown = f'{no_cost:,}'
        self.assertIn(f'{shown} order lines have no cost', lines['sentence'])
        consent = problems['consent_unknown']
        self.assertIn(f'consent is unknown for {consent["customers"]:,} customers',
                      consent['sentence'])
        self.assertIn(shown, run_cli('audit', project).stdout)

    def test_usage(self):
        self.assertEqual(run_cli('audit').returncode, 2)
        r = run_cli('audit', os.path.join(self.dir, 'none.segments'))
        self.assertEqual(r.returncode, 1)


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
