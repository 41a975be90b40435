#!/usr/bin/python3
# test-cli-rules.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end tests of rule segments and overlays (issue 18): `rules add` checks a rule
against the data and prints how many customers it matches, `rules list` gives them in
first-match order, `rules delete` removes one; bad rule text fails with the rule's name and
the position; `overlay --by ATTRIBUTE|rules [--json]` crosses the segments with an attribute
or the rules, and its cells add up to the totals.  Every count is computed again here.

usage: test-cli-rules.py SEGMENTS_CLI [unittest options]
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
INDUSTRIES = ['Retail', 'Manufacturing', 'Energy', 'Retail Banking']
REGIONS = ['North', 'South', 'East']


def run_cli(*args):
    return subprocess.run([CLI] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=600)


def write_data(directory, seed):
    rng = random.Random(seed)
    customers, spend = {}, {}
    orders = os.path.join(directory, f'orders-{seed}.csv')
    listing = os.path.join(directory, f'customers-{seed}.csv')
    with open(orders, 'w', encoding='utf-8') as o, open(listing, 'w', encoding='utf-8') as c:
        o.write('order_id,customer_id,order_date,amount\n')
        c.write('customer_id,industry,region,employees\n')
        oid = 0
        for i in range(400):
            key = f'C{i}'
            industry = rng.choice(INDUSTRIES + [None])
            region = rng.choice(REGIONS)
            employees = rng.choice([None, rng.randint(1, 5000)])
            customers[key] = {'industry': industry, 'region': region, 'employees': employees}
            c.write(f'{key},{industry or ""},{region},{"" if employees is None else employees}\n')
            if i % 20 == 19:
                continue   # listed, no orders
            spend[key] = 0.0
            for _ in range(rng.randint(1, 5)):
                amount = round(rng.uniform(10, 4000), 2)
                day = END - datetime.timedelta(days=rng.randint(0, 500))
                o.write(f'O{oid},{key},{day.isoformat()},{amount}\n')
                spend[key] += amount
                oid += 1
    return orders, listing, customers, spend


class RulesTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.projects = {}
        for seed in (1, 2):
            orders, listing, customers, spend = write_data(cls.tmp.name, seed)
            project = os.path.join(cls.tmp.name, f'p{seed}.segments')
            r = run_cli('import', project, '--transactions', orders, '--customers', listing)
            assert r.returncode == 0, r.stderr
            r = run_cli('segment', project, '--k', '3')
            assert r.returncode == 0, r.stderr
            cls.projects[seed] = (project, customers, spend)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def fresh(self, seed):
        """A copy of the project, so that rules added by one test do not meet another's."""
        project, customers, spend = self.projects[seed]
        copy = os.path.join(self.tmp.name, f'{self.id()}-{seed}.segments')
        with open(project, 'rb') as src, open(copy, 'wb') as dst:
            dst.write(src.read())
        return copy, customers, spend

    def test_every_operator(self):
        def emp(c):
            return c['employees']

        cases = [
            ('employees >= 1000', lambda c, s: emp(c) is not None and emp(c) >= 1000),
            ('employees > 1000', lambda c, s: emp(c) is not None and emp(c) > 1000),
            ('employees <= 200', lambda c, s: emp(c) is not None and emp(c) <= 200),
            ('employees < 200', lambda c, s: emp(c) is not None and emp(c) < 200),
            ('region = "North"', lambda c, s: c['region'] == 'North'),
            ('region != North', lambda c, s: c['region'] != 'North'),
            ('industry in ("Retail", Energy)', lambda c, s: c['industry'] in ('Retail', 'Energy')),
            ('industry contains retail',
             lambda c, s: c['industry'] is not None and 'retail' in c['industry'].lower()),
            ('industry = "Retail" and region = "North"',
             lambda c, s: c['industry'] == 'Retail' and c['region'] == 'North'),
            ('spend >= 10000 or employees >= 4000',
             lambda c, s: (s is not None and s >= 10000) or (emp(c) is not None and emp(c) >= 4000)),
            ('not (region = North or region = South)', lambda c, s: c['region'] == 'East'),
            ('orders >= 3', None),
        ]
        for seed in (1, 2):
            project, customers, spend = self.fresh(seed)
            for i, (text, expect) in enumerate(cases):
                with self.subTest(seed=seed, rule=text):
                    r = run_cli('rules', 'add', project, '--name', f'R{i}', '--where', text)
                    self.assertEqual(r.returncode, 0, r.stderr)
                    if expect is None:
                        continue
                    n = sum(1 for k, c in customers.items() if expect(c, spend.get(k)))
                    self.assertIn(f'it matches {n} customer', r.stdout)
            listed = json.loads(run_cli('rules', 'list', project, '--json').stdout)['rules']
            self.assertEqual([r['name'] for r in listed], [f'R{i}' for i in range(len(cases))])
            # first match: every customer is counted once, at most
            self.assertLessEqual(sum(r['customers'] for r in listed), len(customers))
            self.assertEqual(listed[0]['customers'], listed[0]['matching'])

    def test_bad_rules(self):
        project, _, _ = self.fresh(1)
        cases = [
            ('employees >=', 'Rule “Bad”, position 13: a value is missing after “>='),
            ('industry = Retail region = North', 'Rule “Bad”, position 19:'),
            ('(industry = Retail', 'position 19: “)” is missing'),
            ('staff > 10', 'Rule “Bad”, position 1: there is no attribute or feature named “staff”'),
            ('industry > 3', 'position 1: “industry” holds text'),
            ('', 'the rule is empty'),
        ]
        for text, message in cases:
            with self.subTest(rule=text):
                r = run_cli('rules', 'add', project, '--name', 'Bad', '--where', text)
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertIn(message, r.stderr)
        self.assertEqual(json.loads(run_cli('rules', 'list', project, '--json').stdout)['rules'], [])
        for args in (['rules'], ['rules', 'move', project], ['rules', 'add', project, '--name', 'x'],
                     ['rules', 'delete', project]):
            self.assertEqual(run_cli(*args).returncode, 2, args)
        self.assertEqual(run_cli('rules', 'add', project, '--name', 'A', '--where',
                                 'region = North').returncode, 0)
        r = run_cli('rules', 'add', project, '--name', 'a', '--where', 'region = South')
        self.assertEqual(r.returncode, 1)
        self.assertIn('already a rule named', r.stderr)
        r = run_cli('rules', 'delete', project, '--name', 'Nope')
        self.assertEqual(r.returncode, 1)
        self.assertIn('no rule named “Nope”', r.stderr)
        self.assertEqual(run_cli('rules', 'delete', project, '--name', 'A').returncode, 0)
        self.assertEqual(json.loads(run_cli('rules', 'list', project, '--json').stdout)['rules'], [])

    def check_overlay(self, got, customers, spend, value_of):
        self.assertEqual(got['customers'], len(customers))
        self.assertAlmostEqual(got['revenue'], sum(spend.values()), places=2)
        self.assertEqual(sum(c['customers'] for c in got['cells']), got['customers'])
        self.assertAlmostEqual(sum(c['revenue'] for c in got['cells']), got['revenue'], places=2)
        self.assertEqual(len(got['cells']), len(got['segments']) * len(got['values']))
        # per overlay value, independently of the segments
        want_n, want_rev = {}, {}
        for key, c in customers.items():
            v = value_of(c, spend.get(key))
            want_n[v] = want_n.get(v, 0) + 1
            want_rev[v] = want_rev.get(v, 0) + spend.get(key, 0)
        got_n, got_rev = {}, {}
        for cell in got['cells']:
            got_n[cell['value']] = got_n.get(cell['value'], 0) + cell['customers']
            got_rev[cell['value']] = got_rev.get(cell['value'], 0) + cell['revenue']
        self.assertEqual({k: v for k, v in got_n.items() if v}, want_n)
        for k, v in want_rev.items():
            self.assertAlmostEqual(got_rev[k], v, places=2)
        # per segment: the sizes of show --json, and the customers without orders apart
        show = json.loads(run_cli('show', self.current, '--json').stdout)
        for s in show['segments']:
            n = sum(c['customers'] for c in got['cells'] if c['segment'] == s['name'])
            self.assertEqual(n, s['size'], s['name'])

    def test_overlay_by_attribute(self):
        for seed in (1, 2):
            project, customers, spend = self.fresh(seed)
            self.current = project
            r = run_cli('overlay', project, '--by', 'industry', '--json')
            self.assertEqual(r.returncode, 0, r.stderr)
            got = json.loads(r.stdout)
            self.check_overlay(got, customers, spend, lambda c, s: c['industry'] or '(missing)')
            self.assertIn('Not segmented', got['segments'])
            text = run_cli('overlay', project, '--by', 'region').stdout
            self.assertIn('North', text)
            self.assertIn(f'{len(customers)} customers in all', text)
            # a numeric attribute in bands: still one cell per customer
            got = json.loads(run_cli('overlay', project, '--by', 'employees', '--json').stdout)
            self.assertEqual(sum(c['customers'] for c in got['cells']), len(customers))
            self.assertIn('(missing)', got['values'])

    def test_overlay_by_rules(self):
        project, customers, spend = self.fresh(2)
        self.current = project
        r = run_cli('overlay', project, '--by', 'rules')
        self.assertEqual(r.returncode, 1)
        self.assertIn('no rules yet', r.stderr)
        run_cli('rules', 'add', project, '--name', 'Enterprise', '--where', 'employees >= 1000')
        run_cli('rules', 'add', project, '--name', 'Retail North', '--where',
                'industry = "Retail" and region = "North"')

        def first(c, s):
            if c['employees'] is not None and c['employees'] >= 1000:
                return 'Enterprise'
            if c['industry'] == 'Retail' and c['region'] == 'North':
                return 'Retail North'
            return 'No rule'

        got = json.loads(run_cli('overlay', project, '--by', 'rules', '--json').stdout)
        self.assertEqual(got['by'], 'rules')
        self.check_overlay(got, customers, spend, first)
        r = run_cli('overlay', project, '--by', 'staff')
        self.assertEqual(r.returncode, 1)
        self.assertIn('no attribute “staff”', r.stderr)
        self.assertEqual(run_cli('overlay', project).returncode, 2)


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main()
